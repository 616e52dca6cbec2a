//! Colours and marks, with and without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Model;
use crate::domain::Status;

pub fn status(m: &Model, s: Status) -> Style {
    if !m.color {
        return Style::default();
    }
    let c = match s {
        Status::NotAssessed => return Style::default().add_modifier(Modifier::DIM),
        Status::OnTrack => Color::Green,
        Status::AtRisk => Color::Yellow,
        Status::OffTrack => Color::Red,
        Status::Done => Color::Blue,
    };
    Style::default().fg(c)
}

pub fn dim(m: &Model) -> Style {
    if m.color {
        Style::default().add_modifier(Modifier::DIM)
    } else {
        Style::default()
    }
}

pub fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// The selected row: reverse video works without colour too.
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn hit(m: &Model) -> Style {
    if m.color {
        Style::default().fg(Color::Black).bg(Color::Yellow)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
}

pub fn header() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn error(m: &Model) -> Style {
    if m.color {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else {
        bold()
    }
}
