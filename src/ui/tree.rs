//! The tree of plans and items on the left.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::style;
use crate::app::tree::item_at;
use crate::app::{search, Model};
use crate::display::{sanitize, truncate, width};
use crate::domain::{Status, Text};
use crate::i18n::t;

pub fn draw(f: &mut Frame, m: &Model, area: Rect) {
    let h = area.height as usize;
    let w = area.width as usize;
    let mut lines = Vec::with_capacity(h);
    for (i, row) in m.rows.iter().enumerate().skip(m.offset).take(h) {
        let ps = &m.plans[row.plan];
        let item = item_at(&ps.plan, &row.path);
        let selected = i == m.cursor;
        let marker = match (row.has_children, row.expanded) {
            (true, true) => "▾ ",
            (true, false) => "▸ ",
            _ => "  ",
        };
        let indent = "  ".repeat(row.depth());
        let (code, title, own, rollup) = match item {
            Some(it) => {
                let r = ps.rolled.get(&it.code);
                (
                    format!("{} ", it.code),
                    &it.title,
                    r.map_or(Status::NotAssessed, |r| r.own),
                    r.filter(|_| !it.children.is_empty()).map(|r| r.rollup),
                )
            }
            None => (String::new(), &ps.plan.title, Status::NotAssessed, None),
        };
        // Right: the status as symbol + word, the roll-up beside a parent's own.
        // A column of fixed width, so that statuses line up.
        let mut right: Vec<Span> = Vec::new();
        let word_w = if w >= 44 { word_width(m) } else { 0 };
        let right_w = if item.is_some() {
            2 + word_w + 3 + 1
        } else {
            0
        };
        if item.is_some() {
            let own_text = if word_w > 0 {
                let word = t(m.lang, &format!("status.{}", own.key()));
                format!("{} {}", own.symbol(), crate::display::pad(word, word_w))
            } else {
                own.symbol().to_owned()
            };
            right.push(Span::styled(own_text, style::status(m, own)));
            match rollup {
                Some(r) => right.push(Span::styled(
                    format!(" Σ{}", r.symbol()),
                    style::status(m, r),
                )),
                None => right.push(Span::raw("   ")),
            }
            right.push(Span::raw(" "));
        }
        let head = format!("{indent}{marker}{code}");
        let room = w.saturating_sub(width(&head) + right_w + 1);
        let mut spans = vec![Span::raw(head.clone())];
        let title_spans = title_spans(m, title, room);
        let title_w: usize = title_spans.iter().map(|s| width(&s.content)).sum();
        spans.extend(title_spans);
        let pad = w.saturating_sub(width(&head) + title_w + right_w);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.extend(right);
        let mut line = Line::from(spans);
        if selected {
            line = line.style(style::selected());
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// The widest status word in the display language.
fn word_width(m: &Model) -> usize {
    Status::ALL
        .iter()
        .map(|s| width(t(m.lang, &format!("status.{}", s.key()))))
        .max()
        .unwrap_or(0)
}

/// The title in the display language, cut to `room` columns, with search hits
/// highlighted and a `[sv]` mark where it is a fallback.
fn title_spans<'a>(m: &Model, title: &Text, room: usize) -> Vec<Span<'a>> {
    let Some(shown) = title.resolve(m.lang) else {
        return vec![Span::raw("")];
    };
    let mark = if shown.fallback {
        format!(" [{}]", shown.lang.code())
    } else {
        String::new()
    };
    let body_room = room.saturating_sub(width(&mark));
    let body = truncate(&sanitize(shown.text, false), body_room).into_owned();
    let mut spans = Vec::new();
    let mut last = 0;
    if !m.query.is_empty() {
        for (a, b) in search::ranges(&body, &m.query) {
            spans.push(Span::raw(body[last..a].to_owned()));
            spans.push(Span::styled(body[a..b].to_owned(), style::hit(m)));
            last = b;
        }
    }
    spans.push(Span::raw(body[last..].to_owned()));
    if !mark.is_empty() && room > width(&mark) {
        spans.push(Span::styled(mark, style::dim(m)));
    }
    spans
}
