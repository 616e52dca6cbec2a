//! Each overlay in one place, as gitui's popups are: its keys (what a key
//! does to the model), the rows it lists, how it is drawn and the hints the
//! footer shows for it, side by side. The overlay's state is a variant of
//! [`Overlay`]; [`Overlay::mode`] says which keymap mode its keys are read in.

pub mod changes;
mod conflict;
mod figures;
mod filter;
mod help;
mod history;
mod missing;
mod palette;
pub mod people;
mod periods;
mod pickers;
mod question;
pub(super) mod round;
mod search;
mod text_editor;
mod translations;

pub use figures::figure_title;
pub use help::help_lines;
pub use round::{RoundRow, RoundView};

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;

use super::*;
use crate::display::{pad, sanitize, truncate, width};
use crate::domain::change::ChangeRow;
use crate::i18n::{date_time, plural};
use crate::ui::style;

/// A box of `w` × `h` in the middle of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn boxed<'a>(title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), style::bold()))
}

/// Rows to choose from, in a box, the chosen one highlighted and kept in
/// sight: ratatui's `List` with a `ListState`.
fn choose(f: &mut Frame, r: Rect, title: String, rows: Vec<Line<'static>>, choice: usize) {
    let list = List::new(rows.into_iter().map(ListItem::new).collect::<Vec<_>>())
        .block(boxed(title))
        .highlight_style(style::selected());
    let mut state = ListState::default().with_selected(Some(choice));
    f.render_widget(Clear, r);
    f.render_stateful_widget(list, r, &mut state);
}

/// The whole screen under the header, above the message line and footer,
/// for the views that list many rows (history, missing translations), so
/// that "saved" and the key hints stay in sight.
fn panel(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(3),
    }
}

/// The width a box needs for its rows and its title, within `area`.
fn box_width(rows: &[Line<'_>], title: &str, area: Rect, pad: u16) -> u16 {
    rows.iter()
        .map(|l| l.width())
        .chain([width(title) + 4])
        .max()
        .unwrap_or(20)
        .min(area.width.saturating_sub(4) as usize) as u16
        + pad
}

/// Draws the overlay over the main screen.
pub fn draw(f: &mut Frame, m: &Model, area: Rect) {
    match &m.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::draw(f, m, area, *scroll),
        Overlay::StatusPicker { choice } => pickers::draw_status(f, m, area, *choice),
        Overlay::PeriodPicker { choice } => pickers::draw_period(f, m, area, *choice),
        Overlay::Search { query, .. } => search::draw(f, m, area, query),
        Overlay::Palette { query, choice } => palette::draw(f, m, area, query, *choice),
        Overlay::Editor(ed) => text_editor::draw(f, m, area, ed),
        Overlay::ConfirmDiscard(ed) => {
            text_editor::draw(f, m, area, ed);
            question::draw_confirm(f, m, area, "confirm.discard");
        }
        Overlay::ConfirmQuit(ed) => {
            text_editor::draw(f, m, area, ed);
            question::draw_confirm(f, m, area, "confirm.quit");
        }
        Overlay::Conflict(c) => conflict::draw(f, m, area, c),
        Overlay::Translations { row, col } => translations::draw(f, m, area, *row, *col),
        Overlay::History(h) => history::draw(f, m, area, h),
        Overlay::Figures { choice } => figures::draw(f, m, area, *choice),
        Overlay::Missing { lacking, choice } => missing::draw(f, m, area, *lacking, *choice),
        Overlay::Filter { choice } => filter::draw(f, m, area, *choice),
        Overlay::Periods { choice } => periods::draw(f, m, area, *choice),
        Overlay::People { choice } => people::draw(f, m, area, *choice),
        Overlay::Changes(v) => changes::draw(f, m, area, v),
        Overlay::Round(v) => round::draw(f, m, area, v),
        Overlay::Ask(q) => question::draw_ask(f, m, area, q),
    }
}

/// The actions the footer offers for the overlay, in order.
pub fn hints(o: &Overlay) -> &'static [Action] {
    match o {
        Overlay::None => &[
            Action::Status,
            Action::Comment,
            Action::Period,
            Action::Language,
            Action::Search,
            Action::Help,
            Action::Quit,
            Action::Translations,
            Action::Open,
            Action::Parent,
        ],
        Overlay::Help { .. } => help::HINTS,
        Overlay::StatusPicker { .. } | Overlay::PeriodPicker { .. } => pickers::HINTS,
        Overlay::Figures { .. } => figures::HINTS,
        Overlay::Search { .. } => search::HINTS,
        Overlay::Palette { .. } => palette::HINTS,
        Overlay::Editor(_) => text_editor::HINTS,
        Overlay::ConfirmDiscard(_) | Overlay::ConfirmQuit(_) | Overlay::Ask(_) => question::HINTS,
        Overlay::Translations { .. } => translations::HINTS,
        Overlay::History(h) => history::hints(h),
        Overlay::Missing { .. } => missing::HINTS,
        Overlay::Filter { .. } => filter::HINTS,
        Overlay::Periods { .. } => periods::HINTS,
        Overlay::People { .. } => people::HINTS,
        Overlay::Changes(_) => changes::HINTS,
        Overlay::Round(_) => round::HINTS,
        Overlay::Conflict(_) => conflict::HINTS,
    }
}
