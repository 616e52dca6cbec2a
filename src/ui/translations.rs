//! The translation view: one item's texts in fi, sv and en side by side,
//! missing ones marked, the selected one in full below.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::style;
use crate::app::Model;
use crate::display::{pad, sanitize, truncate, width};
use crate::domain::{Field, Lang};
use crate::i18n::{t, tf};

/// The name of a row.
fn row_label(m: &Model, row: &Field) -> String {
    crate::messages::field_label(m.lang, row)
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
        .map(|(k, _)| width(&row_label(m, k)))
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
            &truncate(&row_label(m, field), label_w - 1),
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
                row_label(m, field),
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
