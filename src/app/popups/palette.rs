//! The command palette (`:`, as in helix and vim): every action of the tree
//! by its name in the display language, filtered by the letters typed (in
//! any order of words, accents folded), with the key that does the same;
//! Enter runs the chosen one, the way to an action without a key of its own.

use super::*;

pub const HINTS: &[Action] = &[Action::Down, Action::Up, Action::Confirm, Action::Cancel];

/// What the palette offers: the tree's actions, apart from moving the
/// cursor and from the palette itself.
fn offered() -> impl Iterator<Item = Action> {
    Mode::Browse.actions().iter().copied().filter(|a| {
        !matches!(
            a,
            Action::Down
                | Action::Up
                | Action::First
                | Action::Last
                | Action::PageDown
                | Action::PageUp
                | Action::DetailDown
                | Action::DetailUp
                | Action::Cancel
                | Action::Palette
        )
    })
}

impl Model {
    /// The palette's rows for `query`: each action with what it does in the
    /// display language; every word typed must be found in it.
    pub fn palette_rows(&self, query: &str) -> Vec<(Action, String)> {
        let words: Vec<String> = crate::domain::rules::folded(query)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        offered()
            .map(|a| {
                let what = format!(
                    "{} · {}",
                    t(self.lang, &format!("action.{}", a.name())),
                    t(self.lang, &format!("help.{}", a.name()))
                );
                (a, what)
            })
            .filter(|(a, what)| {
                let hay = format!("{} {}", crate::domain::rules::folded(what), a.name());
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }

    pub(in crate::app) fn palette_input(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Option<Command> {
        let Overlay::Palette { query, choice } = &mut self.overlay else {
            return None;
        };
        let (mut q, mut c) = (query.clone(), *choice);
        match action {
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
                return None;
            }
            Some(Action::Confirm) => {
                let rows = self.palette_rows(&q);
                self.overlay = Overlay::None;
                let (a, _) = rows.get(c)?;
                return self.browse(*a);
            }
            Some(Action::Down) => c += 1,
            Some(Action::Up) => c = c.saturating_sub(1),
            _ => match key.code {
                KeyCode::Backspace => {
                    q.pop();
                    c = 0;
                }
                KeyCode::Char(ch) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    q.push(ch);
                    c = 0;
                }
                _ => {}
            },
        }
        let n = self.palette_rows(&q).len();
        self.overlay = Overlay::Palette {
            query: q,
            choice: c.min(n.saturating_sub(1)),
        };
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, query: &str, choice: usize) {
    let rows = m.palette_rows(query);
    let lines: Vec<Line<'static>> = if rows.is_empty() {
        vec![Line::from(format!(" {}", t(m.lang, "palette.none")))]
    } else {
        rows.iter()
            .map(|(a, what)| {
                let key = m
                    .keymap
                    .keys_in(Mode::Browse, m.lang, *a)
                    .first()
                    .map(|k| k.label())
                    .unwrap_or_default();
                Line::from(vec![
                    Span::raw(format!(" {what}")),
                    Span::styled(format!("  {key}"), style::dim(m)),
                ])
            })
            .collect()
    };
    let title = format!(":{}", sanitize(query, false));
    let w = area.width.saturating_sub(4).min(90);
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(4))
        .max(3);
    let r = centered(area, w, h);
    choose(f, r, title, lines, choice);
}
