//! The help: every key of every mode, in the display language.

use super::*;

/// The footer's hints while the help is open.
pub const HINTS: &[Action] = &[Action::Down, Action::Up, Action::Close];

impl Model {
    pub(in crate::app) fn help_key(
        &mut self,
        action: Option<Action>,
        scroll: usize,
    ) -> Option<Command> {
        // The help box shows the screen's height less four rows; a page
        // keeps its last line in sight, so that no line is ever skipped.
        let page = (self.height as usize).saturating_sub(5).max(1);
        self.overlay = match action {
            Some(Action::Close) => Overlay::None,
            Some(Action::Down) => Overlay::Help { scroll: scroll + 1 },
            Some(Action::Up) => Overlay::Help {
                scroll: scroll.saturating_sub(1),
            },
            Some(Action::PageDown) => Overlay::Help {
                scroll: scroll + page,
            },
            Some(Action::PageUp) => Overlay::Help {
                scroll: scroll.saturating_sub(page),
            },
            Some(Action::Quit) => return self.quit_now(),
            _ => Overlay::Help { scroll },
        };
        None
    }
}

/// Every key of every mode, with what it does, in the display language (the
/// answers to questions as that language has them).
pub fn help_lines(m: &Model) -> Vec<Line<'static>> {
    let line = |keys: &str, what: &str| {
        let pad = 18usize.saturating_sub(width(keys)).max(1);
        Line::from(format!("  {keys}{}{what}", " ".repeat(pad)))
    };
    let mut lines = Vec::new();
    // The keys of every mode last, after those of each mode.
    let modes = Mode::ALL
        .into_iter()
        .filter(|&m| m != Mode::Global)
        .chain([Mode::Global]);
    for mode in modes {
        lines.push(Line::from(Span::styled(
            t(m.lang, &format!("mode.{}", mode.key())).to_owned(),
            style::bold(),
        )));
        if mode == Mode::Picker {
            if let Some(picks) = crate::ui::picks(m) {
                lines.push(line(&picks, t(m.lang, "help.pick")));
            }
        }
        for (action, keys) in m.keymap.bindings_in(mode, m.lang) {
            if Action::PICKS.contains(&action) {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            let what = match (mode, action) {
                (Mode::Browse, Action::Cancel) => "help.cancel_move".to_owned(),
                _ => format!("help.{}", action.name()),
            };
            // A mode's own words for an action (`help_in.<mode>.<action>`).
            let own = format!("help_in.{}.{}", mode.key(), action.name());
            let what = crate::i18n::try_t(m.lang, &own).unwrap_or_else(|| t(m.lang, &what));
            lines.push(line(&keys.join(", "), what));
        }
        if mode == Mode::Editor {
            lines.push(line("Enter", t(m.lang, "help.newline")));
        }
        // The mouse is no key of the keymap, but the help says what it does.
        if mode == Mode::Browse && m.mouse {
            lines.push(line(t(m.lang, "help.mouse_name"), t(m.lang, "help.mouse")));
        }
        lines.push(Line::default());
    }
    lines
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, scroll: usize) {
    let r = centered(area, 76, area.height.saturating_sub(2));
    let lines = help_lines(m);
    let max = lines
        .len()
        .saturating_sub(r.height.saturating_sub(2) as usize);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(boxed(t(m.lang, "help.title").to_owned()))
            .scroll((scroll.min(max) as u16, 0)),
        r,
    );
}
