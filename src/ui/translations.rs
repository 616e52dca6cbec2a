//! The translation view: one item's texts in fi, sv and en side by side,
//! missing ones marked, the selected one in full below.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::style;
use crate::app::{Model, TextRow};
use crate::display::{pad, sanitize, truncate, width};
use crate::domain::Lang;
use crate::i18n::{t, tf};

/// The first letter in upper case, as the other row labels are written.
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The name of a row: the field's label, or "Level n".
fn row_label(m: &Model, row: TextRow) -> String {
    match row {
        TextRow::Item(f) | TextRow::Plan(f) => t(m.lang, &format!("label.{f}")).to_owned(),
        TextRow::Comment => t(m.lang, "label.comment").to_owned(),
        TextRow::Level(d) => tf(m.lang, "translations.level", &[("n", &(d + 1))]),
        TextRow::PeriodLabel(i) => {
            let code = m
                .selected_item()
                .and_then(|(ps, _)| ps.plan.periods.get(i).map(|p| p.code.clone()))
                .unwrap_or_default();
            tf(m.lang, "translations.period_label", &[("period", &code)])
        }
        TextRow::StatusLabel(st) => tf(
            m.lang,
            "translations.status_label",
            &[("status", &t(m.lang, &format!("status.{}", st.key())))],
        ),
        other => {
            let period = m.selected_item().and_then(|(ps, _)| ps.period.clone());
            match other.field(period.as_deref()) {
                Some(f) => capitalize(&crate::messages::missing_field(m.lang, &f)),
                None => String::new(),
            }
        }
    }
}

pub fn draw(f: &mut Frame, m: &Model, area: Rect, row: usize, col: usize) {
    let Some((ps, item)) = m.selected_item() else {
        return;
    };
    let code = item.map_or_else(|| ps.plan.code.clone(), |i| i.code.clone());
    let rows = m.translation_rows();
    let w = area.width.saturating_sub(4).min(120);
    // From under the header to above the message line and footer, so that
    // "saved" and the key hints stay in sight.
    let h = area.height.saturating_sub(3);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    };
    let inner = w.saturating_sub(2) as usize;
    let label_w = rows
        .iter()
        .map(|(k, _)| width(&row_label(m, *k)))
        .max()
        .unwrap_or(8)
        .min(inner / 4)
        + 1;
    let cell_w = inner.saturating_sub(label_w) / 3;
    let missing = t(m.lang, "translations.missing");
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(
        pad(t(m.lang, "translations.field"), label_w),
        style::bold(),
    )];
    for l in Lang::ALL {
        let name = crate::i18n::t(l, "lang.name");
        head.push(Span::styled(
            pad(&truncate(name, cell_w - 1), cell_w),
            style::bold(),
        ));
    }
    lines.push(Line::from(head));
    for (i, (field, text)) in rows.iter().enumerate() {
        let mut spans = vec![Span::raw(pad(
            &truncate(&row_label(m, *field), label_w - 1),
            label_w,
        ))];
        for (j, l) in Lang::ALL.iter().enumerate() {
            let (shown, st) = match text.get(*l) {
                Some(s) => {
                    let first = s.lines().next().unwrap_or_default();
                    (
                        sanitize(first, false).into_owned(),
                        ratatui::style::Style::default(),
                    )
                }
                // A gap only matters where the text exists in some language.
                None if text.is_empty() => (String::new(), style::dim(m)),
                None => (missing.to_owned(), style::error(m)),
            };
            let cell = pad(&truncate(&shown, cell_w.saturating_sub(1)), cell_w);
            let st = if i == row && j == col {
                st.patch(style::selected())
            } else {
                st
            };
            spans.push(Span::styled(cell, st));
        }
        lines.push(Line::from(spans));
    }
    // The selected text in full, in its language.
    lines.push(Line::default());
    if let Some((field, text)) = rows.get(row) {
        let lang = Lang::ALL[col];
        lines.push(Line::from(Span::styled(
            format!(
                "{} · {}",
                row_label(m, *field),
                crate::i18n::t(lang, "lang.name")
            ),
            style::bold(),
        )));
        let body = text.get(lang).map(|s| sanitize(s, true).into_owned());
        for l in body.as_deref().unwrap_or(missing).split('\n') {
            lines.push(Line::from(l.to_owned()));
        }
    }
    let title = tf(
        m.lang,
        "translations.title",
        &[("item", &sanitize(&code, false))],
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {title} "), style::bold())),
        ),
        r,
    );
}
