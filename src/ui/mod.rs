//! Views: draw from a read-only `Model`. No SQL, no writes, no state.

mod detail;
pub mod style;
mod tree;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::{period_label, MessageKind, Model, Overlay};
use crate::display::{sanitize, truncate};
use crate::i18n::{t, tf};
use crate::keymap::{Action, Mode};

/// The smallest window strata draws its screen in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn draw(f: &mut Frame, m: &Model) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = tf(
            m.lang,
            "tui.too_small",
            &[("w", &MIN_WIDTH), ("h", &MIN_HEIGHT)],
        );
        f.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    // A message longer than the line wraps onto up to three lines: every
    // word of it can be read.
    let message_rows = m.message.as_ref().map_or(1, |msg| {
        crate::display::wrap(&sanitize(&msg.text, false), area.width as usize)
            .len()
            .clamp(1, 3) as u16
    });
    let [header, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(f, m, header);
    // The tree needs room for code, title and the status word; the detail
    // pane wraps, so it gives way on narrow screens.
    // `(` and `)` set the share; the detail keeps at least 20 columns.
    // Without one, on a wide screen the tree takes the room its visible
    // titles need, up to 55 % of the width: the detail keeps the rest, where
    // its lines wrap and the selected title is shown whole.
    let mut tree_w = tree_width(m, body.width);
    if m.tree_share.is_none() && body.width >= 100 {
        let wanted = tree::wanted_width(m, body.height as usize) as u16;
        tree_w = tree_w.max(wanted.min(body.width * 55 / 100));
    }
    let [left, sep, right] = Layout::horizontal([
        Constraint::Length(tree_w),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(body);
    tree::draw(f, m, left);
    let bar: Vec<Line> = (0..sep.height).map(|_| Line::from("│")).collect();
    f.render_widget(Paragraph::new(bar).style(style::dim(m)), sep);
    detail::draw(f, m, right);
    draw_message(f, m, message);
    draw_footer(f, m, footer);
    crate::app::popups::draw(f, m, area);
}

/// The tree pane's width in a body `width` columns wide: the share set with
/// `(` and `)`, else 55 % below 100 columns and 45 % above (at most 70).
pub fn tree_width(m: &Model, width: u16) -> u16 {
    match m.tree_share {
        Some(share) => (width * share / 100).clamp(20.min(width), width.saturating_sub(21)),
        None => {
            let share = if width < 100 { 55 } else { 45 };
            (width * share / 100).clamp(30.min(width), 70)
        }
    }
}

fn draw_header(f: &mut Frame, m: &Model, area: Rect) {
    // The period before the plan's title: a long title is what gets cut.
    let mut parts = vec![" strata".to_owned()];
    if let Some((ps, _)) = m.selected_item() {
        if let Some(p) = &ps.period {
            parts.push(tf(
                m.lang,
                "status.period",
                &[("period", &period_label(&ps.plan, p, m.lang))],
            ));
        }
        parts.push(
            ps.plan
                .title
                .resolve(m.lang)
                .map(|s| sanitize(s.text, false).into_owned())
                .unwrap_or_else(|| ps.plan.code.clone()),
        );
    }
    if m.filter.is_some() {
        let name = m.filter_name(&m.filter);
        parts.insert(1, tf(m.lang, "filter.header", &[("filter", &name)]));
    }
    let mut right = t(m.lang, "lang.name").to_owned();
    if m.read_only {
        right = format!("{}  {right}", t(m.lang, "tui.read_only"));
    }
    let right = format!("{right} ");
    let room = (area.width as usize).saturating_sub(crate::display::width(&right) + 1);
    let left = truncate(&parts.join(" · "), room).into_owned();
    let pad = (area.width as usize)
        .saturating_sub(crate::display::width(&left) + crate::display::width(&right));
    let line = format!("{left}{}{right}", " ".repeat(pad));
    f.render_widget(Paragraph::new(line).style(style::header()), area);
}

fn draw_message(f: &mut Frame, m: &Model, area: Rect) {
    let Some(msg) = &m.message else {
        return;
    };
    let st = match msg.kind {
        MessageKind::Info => ratatui::style::Style::default(),
        MessageKind::Error => style::error(m),
    };
    let lines: Vec<Line> = crate::display::wrap(&sanitize(&msg.text, false), area.width as usize)
        .into_iter()
        .take(area.height.max(1) as usize)
        .map(|l| Line::from(Span::styled(l, st)))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// The key hints of the current mode: the first key of each action, from the
/// keymap, with its short name from the catalog.
pub fn hints(m: &Model) -> Vec<(String, &'static str)> {
    let mode = m.overlay.mode();
    let actions = crate::app::popups::hints(&m.overlay);
    let mut out = Vec::new();
    // Moving an item: the only keys that matter are where to, and Esc.
    if m.overlay == Overlay::None && m.moving.is_some() {
        for a in [Action::Move, Action::Cancel] {
            if let Some(k) = m.keymap.keys(Mode::Browse, a).first() {
                out.push((k.label(), t(m.lang, &format!("action.{}", a.name()))));
            }
        }
        return out;
    }
    if matches!(m.overlay, Overlay::StatusPicker { .. }) {
        if let Some(picks) = picks(m) {
            out.push((picks, t(m.lang, "action.pick")));
        }
    }
    for a in actions {
        // Read-only: no hints for keys that would only be refused.
        if m.read_only && matches!(a, Action::Status | Action::Comment) {
            continue;
        }
        if let Some(k) = m.keymap.keys_in(mode, m.lang, *a).first() {
            // A mode may name an action its own way (`hint.<mode>.<action>`):
            // in the figures list `a` adds, it does not add "under".
            let own = format!("hint.{}.{}", mode.key(), a.name());
            let name = crate::i18n::try_t(m.lang, &own)
                .unwrap_or_else(|| t(m.lang, &format!("action.{}", a.name())));
            out.push((k.label(), name));
        }
    }
    out
}

/// The keys that pick a status directly, as one label: `1–5`.
pub fn picks(m: &Model) -> Option<String> {
    let key = |a| m.keymap.keys(Mode::Picker, a).first().map(|k| k.label());
    let (first, last) = (key(Action::Pick1)?, key(Action::Pick5)?);
    Some(format!("{first}–{last}"))
}

fn draw_footer(f: &mut Frame, m: &Model, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (key, label) in hints(m) {
        let w = crate::display::width(&key) + crate::display::width(label) + 3;
        if used + w > area.width as usize {
            break;
        }
        spans.push(Span::styled(format!(" {key}"), style::bold()));
        spans.push(Span::raw(format!(" {label} ")));
        used += w;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
