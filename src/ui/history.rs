//! The history view: who changed what, when, old → new.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::style;
use crate::app::{period_label, HistoryFilter, HistoryView, Model};
use crate::display::{sanitize, truncate, width};
use crate::domain::change::ChangeRow;
use crate::i18n::{date_time, t, tf};

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

pub fn draw(f: &mut Frame, m: &Model, area: Rect, h: &HistoryView) {
    let r = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    };
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
