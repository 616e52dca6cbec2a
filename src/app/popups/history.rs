//! The change log of an item or of its whole plan: who, when, old → new.

use super::*;

/// The footer's hints: the scope toggle only where the view was opened on
/// an item.
pub fn hints(h: &HistoryView) -> &'static [Action] {
    if h.item.is_some() {
        &[
            Action::Down,
            Action::Up,
            Action::Scope,
            Action::Filter,
            Action::Close,
        ]
    } else {
        &[Action::Down, Action::Up, Action::Filter, Action::Close]
    }
}

impl Model {
    pub(in crate::app) fn history_key(
        &mut self,
        action: Option<Action>,
        mut h: Box<HistoryView>,
    ) -> Option<Command> {
        let page = self.tree_height();
        match action {
            Some(Action::Close) => return None,
            Some(Action::Down) => h.scroll += 1,
            Some(Action::Up) => h.scroll = h.scroll.saturating_sub(1),
            Some(Action::PageDown) => h.scroll += page,
            Some(Action::PageUp) => h.scroll = h.scroll.saturating_sub(page),
            Some(Action::Scope) if h.item.is_some() => {
                h.whole_plan = !h.whole_plan;
                h.scroll = 0;
                return Some(Command::LoadHistory(h));
            }
            Some(Action::Filter) => {
                h.filter = match h.filter {
                    HistoryFilter::All => HistoryFilter::SincePeriod,
                    HistoryFilter::SincePeriod => HistoryFilter::Last30Days,
                    HistoryFilter::Last30Days => HistoryFilter::All,
                };
                h.scroll = 0;
                return Some(Command::LoadHistory(h));
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        h.scroll = h.scroll.min(h.rows.len().saturating_sub(1));
        self.overlay = Overlay::History(h);
        None
    }
}

/// A field of the change log in words, with the language it was written in.
fn field_words(m: &Model, r: &ChangeRow) -> String {
    let name = crate::messages::log_field(m.lang, &r.field);
    match r.lang {
        Some(l) => format!("{name} ({})", l.code()),
        None => name,
    }
}

fn value(m: &Model, r: &ChangeRow, v: &Option<String>) -> String {
    crate::messages::log_value(m.lang, &r.field, v.as_deref())
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, h: &HistoryView) {
    let r = panel(area);
    let inner = r.width.saturating_sub(2) as usize;
    let ps = m.plans.iter().find(|p| p.plan.code == h.plan);
    let what = match (&h.item, h.whole_plan) {
        (Some(item), false) => format!("{}:{item}", h.plan),
        _ => h.plan.clone(),
    };
    let filter = match h.filter {
        HistoryFilter::All => t(m.lang, "history.all").to_owned(),
        HistoryFilter::SincePeriod => {
            let label = ps
                .and_then(|p| {
                    p.period
                        .as_deref()
                        .map(|c| period_label(&p.plan, c, m.lang))
                })
                .unwrap_or_default();
            tf(m.lang, "history.since_period", &[("period", &label)])
        }
        HistoryFilter::Last30Days => t(m.lang, "history.last_30").to_owned(),
    };
    let title = tf(
        m.lang,
        "history.title",
        &[("what", &what), ("filter", &filter)],
    );
    let mut lines = Vec::new();
    if h.rows.is_empty() {
        lines.push(Line::from(t(m.lang, "history.empty").to_owned()));
    }
    for row in h.rows.iter().skip(h.scroll) {
        let place = match (&row.item, &row.period) {
            (Some(i), Some(p)) => format!("{i} ({p})"),
            (Some(i), None) => i.clone(),
            _ => String::new(),
        };
        let head = format!(
            "{}  {}  {}  ",
            date_time(m.lang, &row.at),
            sanitize(&row.user, false),
            place
        );
        // Old and new share the room, so that the new value is never cut away.
        let room = inner.saturating_sub(width(&head));
        let field = format!("{}: ", field_words(m, row));
        let half = room.saturating_sub(width(&field) + 3) / 2;
        let (old, new) = (value(m, row, &row.old), value(m, row, &row.new));
        let (old, new) = if width(&old) + width(&new) + 3 + width(&field) <= room {
            (old, new)
        } else if width(&old) <= half {
            let rest = room.saturating_sub(width(&field) + 3 + width(&old));
            (old.clone(), truncate(&new, rest).into_owned())
        } else {
            (
                truncate(&old, half).into_owned(),
                truncate(&new, room.saturating_sub(width(&field) + 3 + half)).into_owned(),
            )
        };
        let change = format!("{field}{old} → {new}");
        lines.push(Line::from(vec![
            Span::styled(head, style::dim(m)),
            Span::raw(truncate(&change, room).into_owned()),
        ]));
    }
    // The change at the top of the list, whole, under the list: a row cut
    // to the width can be read there (j and k bring each to the top).
    let whole: Vec<Line> = h
        .rows
        .get(h.scroll)
        .map(|row| {
            let place = match (&row.item, &row.period) {
                (Some(i), Some(p)) => format!(" · {i} ({p})"),
                (Some(i), None) => format!(" · {i}"),
                _ => String::new(),
            };
            let text = format!(
                "{} · {}{place} · {}: {} → {}",
                date_time(m.lang, &row.at),
                sanitize(&row.user, false),
                field_words(m, row),
                value(m, row, &row.old),
                value(m, row, &row.new)
            );
            crate::display::wrap(&text, inner)
                .into_iter()
                .take(6)
                .map(|l| Line::from(Span::styled(l, style::dim(m))))
                .collect()
        })
        .unwrap_or_default();
    let n = whole.len() as u16;
    let show_whole = n > 0 && r.height > n + 6;
    let list_h = if show_whole {
        r.height - n - 1
    } else {
        r.height
    };
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {title} "), style::bold())),
        ),
        Rect {
            height: list_h,
            ..r
        },
    );
    if show_whole {
        f.render_widget(
            Paragraph::new(whole)
                .block(Block::default().borders(Borders::BOTTOM | Borders::LEFT | Borders::RIGHT)),
            Rect {
                y: r.y + list_h,
                height: n + 1,
                ..r
            },
        );
    }
}
