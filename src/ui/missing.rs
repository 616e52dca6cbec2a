//! The missing-translations view: every text that lacks a language, where
//! it is, and what a reader sees instead.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::style;
use crate::app::Model;
use crate::display::{pad, truncate, width};
use crate::domain::Lang;
use crate::i18n::{plural, t, tf};

pub fn draw(f: &mut Frame, m: &Model, area: Rect, lacking: Option<Lang>, choice: usize) {
    let r = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    };
    let inner = r.width.saturating_sub(2) as usize;
    let rows = m.missing_rows(lacking);
    let filter = match lacking {
        Some(l) => tf(m.lang, "missing.lacking", &[("lang", &l.code())]),
        None => t(m.lang, "missing.any").to_owned(),
    };
    let title = tf(
        m.lang,
        "missing.title",
        &[
            ("filter", &filter),
            ("n", &plural(m.lang, "count.items", rows.len())),
        ],
    );
    let mut lines = Vec::new();
    if rows.is_empty() {
        let none = match lacking {
            Some(l) => tf(m.lang, "missing.none_lacking", &[("langs", &l.code())]),
            None => t(m.lang, "missing.none").to_owned(),
        };
        lines.push(Line::from(none));
    }
    let visible = r.height.saturating_sub(2) as usize;
    let start = choice.saturating_sub(visible.saturating_sub(1));
    let addr_w = rows
        .iter()
        .map(|(p, x)| width(p) + x.item.as_ref().map_or(0, |i| width(i) + 1))
        .max()
        .unwrap_or(10)
        .min(inner / 3);
    for (i, (plan, miss)) in rows.iter().enumerate().skip(start).take(visible) {
        let address = match &miss.item {
            Some(item) => format!("{plan}:{item}"),
            None => plan.clone(),
        };
        let langs: Vec<&str> = miss.lacks.iter().map(|l| l.code()).collect();
        let text = format!(
            "{}  {}  {}",
            pad(&truncate(&address, addr_w), addr_w),
            crate::messages::missing_field(m.lang, &miss.field),
            tf(m.lang, "missing.lacks", &[("langs", &langs.join(", "))])
        );
        let mut line = Line::from(Span::raw(truncate(&text, inner).into_owned()));
        if i == choice {
            line = line.style(style::selected());
        }
        lines.push(line);
    }
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {title} "), style::bold())),
        ),
        r,
    );
}
