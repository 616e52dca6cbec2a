//! The tree of plans and items on the left.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::style;
use crate::app::tree::item_at;
use crate::app::{search, Model};
use crate::display::{sanitize, truncate, width};
use crate::domain::{Counts, Status, Text};
use crate::i18n::t;

/// The most columns the roll-up of a parent takes.
const BELOW_MAX: usize = 14;

/// How many items under a parent are in each status, most urgent first:
/// `Σ 1■ 3▲ 2●`, within `max` columns; `Σ 7·` when none is assessed yet.
fn below_parts(c: &Counts, max: usize) -> Vec<(String, Status)> {
    let mut parts = vec![("Σ".to_owned(), Status::NotAssessed)];
    let mut used = 1;
    for s in Status::BY_ATTENTION
        .into_iter()
        .filter(|&s| s != Status::NotAssessed)
    {
        let n = c.get(s);
        if n == 0 {
            continue;
        }
        let part = format!(" {n}{}", s.symbol());
        if used + width(&part) > max {
            break;
        }
        used += width(&part);
        parts.push((part, s));
    }
    if parts.len() == 1 {
        let n = c.get(Status::NotAssessed);
        parts.push((format!(" {n}·"), Status::NotAssessed));
    }
    parts
}

pub fn draw(f: &mut Frame, m: &Model, area: Rect) {
    let h = area.height as usize;
    // A long message takes a row or two from the tree: keep the selected
    // row in sight all the same.
    let first = if m.cursor >= m.offset + h {
        m.cursor + 1 - h
    } else {
        m.offset
    };
    let w = area.width as usize;
    let mut lines = Vec::with_capacity(h);
    let word_w = if w >= 44 { word_width(m) } else { 0 };
    // One status column, as wide as the widest visible entry, so that the
    // statuses line up: a leaf's own status (symbol and word), a parent's
    // roll-up (`Σ 1■ 3▲`), after its own symbol where one was set.
    // A status carried over from an earlier period, not yet confirmed,
    // is marked `↻` (and dimmed): it counts as not assessed.
    let any_carried = m.rows.iter().skip(first).take(h).any(|row| {
        let ps = &m.plans[row.plan];
        item_at(&ps.plan, &row.path).is_some_and(|it| own_of(ps, it).is_some_and(|o| o.1))
    });
    let leaf_w = if word_w > 0 { 2 + word_w } else { 1 } + if any_carried { 2 } else { 0 };
    let col_w = m
        .rows
        .iter()
        .skip(first)
        .take(h)
        .filter_map(|row| {
            let ps = &m.plans[row.plan];
            let it = item_at(&ps.plan, &row.path)?;
            let c = ps.below.get(&it.code)?;
            let own = own_of(ps, it).map_or(0, |o| if o.1 { 3 } else { 2 });
            Some(
                own + below_parts(c, BELOW_MAX)
                    .iter()
                    .map(|p| width(&p.0))
                    .sum::<usize>(),
            )
        })
        .fold(leaf_w, usize::max);
    // What the indicators say, before the status (`≈■`, `≈■!` where it
    // disagrees with the status), in a column of its own when any visible
    // item has indicators.
    let said_w = m
        .rows
        .iter()
        .skip(first)
        .take(h)
        .filter_map(|row| {
            let ps = &m.plans[row.plan];
            said_of(ps, item_at(&ps.plan, &row.path)?).map(|(t, _)| width(&t) + 1)
        })
        .max()
        .unwrap_or(0);
    for (i, row) in m.rows.iter().enumerate().skip(first).take(h) {
        let ps = &m.plans[row.plan];
        let item = item_at(&ps.plan, &row.path);
        let selected = i == m.cursor;
        let marker = match (row.has_children, row.expanded) {
            (true, true) => "▾ ",
            (true, false) => "▸ ",
            _ => "  ",
        };
        let indent = "  ".repeat(row.depth());
        let (code, title, own, below) = match item {
            Some(it) => (
                format!("{} ", it.code),
                &it.title,
                own_of(ps, it),
                ps.below.get(&it.code),
            ),
            None => (String::new(), &ps.plan.title, None, None),
        };
        let mut right: Vec<Span> = Vec::new();
        let right_w = if item.is_some() {
            said_w + col_w + 1
        } else {
            0
        };
        if let Some(it) = item {
            if said_w > 0 {
                match said_of(ps, it) {
                    Some((text, st)) => {
                        let pad = said_w.saturating_sub(width(&text));
                        right.push(Span::styled(text, style::status(m, st)));
                        right.push(Span::raw(" ".repeat(pad)));
                    }
                    None => right.push(Span::raw(" ".repeat(said_w))),
                }
            }
        }
        if item.is_some() {
            let mut used = 0;
            match (own, below) {
                // A leaf: its status as symbol and word.
                (Some((own, carried)), None) => {
                    let mut text = if word_w > 0 {
                        let word = t(m.lang, &format!("status.{}", own.key()));
                        format!("{} {word}", own.symbol())
                    } else {
                        own.symbol().to_owned()
                    };
                    let st = if carried {
                        text = format!("↻ {text}");
                        style::dim(m)
                    } else {
                        style::status(m, own)
                    };
                    used += width(&text);
                    right.push(Span::styled(text, st));
                }
                // A parent: its own symbol where one was set, and the roll-up.
                (own, Some(c)) => {
                    if let Some((own, carried)) = own {
                        let text = match carried {
                            true => format!("↻{} ", own.symbol()),
                            false => format!("{} ", own.symbol()),
                        };
                        used += width(&text);
                        let st = match carried {
                            true => style::dim(m),
                            false => style::status(m, own),
                        };
                        right.push(Span::styled(text, st));
                    }
                    for (part, s) in below_parts(c, BELOW_MAX) {
                        used += width(&part);
                        right.push(Span::styled(part, style::status(m, s)));
                    }
                }
                (None, None) => {}
            }
            right.push(Span::raw(" ".repeat(col_w.saturating_sub(used) + 1)));
        }
        let head = format!("{indent}{marker}{code}");
        // A plan loaded as an example says so, after its title.
        let example = match (item, ps.plan.example) {
            (None, true) => format!(" · {}", t(m.lang, "plans.example")),
            _ => String::new(),
        };
        let room = w.saturating_sub(width(&head) + right_w + 1 + width(&example));
        let mut spans = vec![Span::raw(head.clone())];
        let title_spans = title_spans(m, title, room);
        let title_w: usize =
            title_spans.iter().map(|s| width(&s.content)).sum::<usize>() + width(&example);
        spans.extend(title_spans);
        if !example.is_empty() {
            spans.push(Span::styled(example, style::dim(m)));
        }
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

/// The status an item shows as its own, and whether it is only carried
/// over: a leaf's (not assessed without a follow-up); a parent's only where
/// one was set in the period.
fn own_of(ps: &crate::app::PlanState, it: &crate::domain::Item) -> Option<(Status, bool)> {
    if it.children.is_empty() {
        return Some(
            ps.rolled
                .get(&it.code)
                .map_or((Status::NotAssessed, false), |r| (r.own, r.carried)),
        );
    }
    ps.period
        .as_deref()
        .and_then(|p| it.current(p))
        .map(|a| (a.status, a.is_carried()))
}

/// What the item's indicators say in the period shown, as the tree marks it:
/// `≈` and the light's symbol, `!` after it where that disagrees with the
/// item's status; `None` without indicators, values or a period.
fn said_of(ps: &crate::app::PlanState, it: &crate::domain::Item) -> Option<(String, Status)> {
    let period = ps.period.as_deref()?;
    // No data is said in the detail; in the tree it would only be noise.
    let light = it
        .indicators_say(period)
        .filter(|l| *l != crate::domain::Light::NoData)?;
    let st = light.as_status();
    let own = it
        .current(period)
        .map_or(Status::NotAssessed, |a| a.assessed());
    let flag = if crate::domain::disagrees(own, light) {
        "!"
    } else {
        ""
    };
    Some((format!("≈{}{flag}", st.symbol()), st))
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

/// The columns the visible rows would take with their titles whole: the
/// indent, the branch mark, the code and the title, and room for the
/// status column (a status word and a short roll-up).
pub fn wanted_width(m: &Model, rows: usize) -> usize {
    let status = 2 + word_width(m) + 4;
    m.rows
        .iter()
        .skip(m.offset)
        .take(rows)
        .map(|row| {
            let ps = &m.plans[row.plan];
            let title = match item_at(&ps.plan, &row.path) {
                Some(it) => {
                    let t = it.title.resolve(m.lang).map_or(0, |r| width(r.text) + 5);
                    width(&it.code) + 1 + t + status
                }
                // A plan's row says its title and the example mark.
                None => ps.plan.title.resolve(m.lang).map_or(0, |r| width(r.text)) + 16,
            };
            2 * row.depth() + 2 + title
        })
        .max()
        .unwrap_or(0)
}
