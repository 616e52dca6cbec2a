//! A yes/no question, answered in the display language.

use super::*;

pub const HINTS: &[Action] = &[Action::Yes, Action::No, Action::Cancel];

impl Model {
    /// A question about a step: yes does it, no does its alternative (if
    /// any), Esc neither.
    pub(in crate::app) fn ask_key(
        &mut self,
        action: Option<Action>,
        q: Box<Question>,
    ) -> Option<Command> {
        match action {
            Some(Action::Yes) => return Some(q.yes),
            Some(Action::No) => return q.no,
            Some(Action::Cancel) => {}
            Some(Action::Quit) => return Some(Command::Quit),
            _ => self.overlay = Overlay::Ask(q),
        }
        None
    }
}

pub(super) fn draw_confirm(f: &mut Frame, m: &Model, area: Rect, key: &str) {
    let [(_, yes), (_, no)] = m.keymap.answers(m.lang);
    let text = tf(m.lang, key, &[("yes", &yes), ("no", &no)]);
    ask(f, area, &text, t(m.lang, "confirm.title"));
}

/// A question in a box, wrapped to fit.
pub(super) fn draw_ask(f: &mut Frame, m: &Model, area: Rect, q: &Question) {
    ask(f, area, &sanitize(&q.text, false), t(m.lang, "ask.title"));
}

fn ask(f: &mut Frame, area: Rect, text: &str, title: &str) {
    let inner = (width(text) + 2)
        .min(76)
        .min(area.width.saturating_sub(6) as usize)
        .max(10);
    let lines = crate::display::wrap(text, inner);
    let r = centered(area, inner as u16 + 4, lines.len() as u16 + 2);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .block(boxed(title.to_owned())),
        r,
    );
}
