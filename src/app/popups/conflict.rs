//! A colleague's change met on saving: both versions, and the choice.

use super::*;

pub const HINTS: &[Action] = &[Action::KeepMine, Action::TakeTheirs, Action::BackToEditing];

impl Model {
    pub(in crate::app) fn conflict_key(
        &mut self,
        action: Option<Action>,
        mut c: Box<Conflict>,
    ) -> Option<Command> {
        match action {
            Some(Action::Quit) => {
                self.overlay = Overlay::ConfirmQuit(Box::new(c.editor));
                return None;
            }
            Some(Action::KeepMine) => return Some(Command::SaveMine(Box::new(c.editor))),
            Some(Action::TakeTheirs) => return Some(Command::TakeTheirs(c)),
            Some(Action::BackToEditing) => {
                // Go on from one's own text; the next save is checked
                // against theirs.
                let theirs = c.theirs.clone().unwrap_or_default();
                c.editor.rebase(&theirs);
                self.overlay = Overlay::Editor(Box::new(c.editor));
            }
            _ => self.overlay = Overlay::Conflict(c),
        }
        None
    }
}

/// Both versions of a text that another strata changed meanwhile.
pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, c: &crate::app::Conflict) {
    let r = centered(
        area,
        area.width.saturating_sub(4).min(90),
        area.height.saturating_sub(2),
    );
    let empty = t(m.lang, "conflict.empty");
    let theirs = c.theirs.as_deref().map(|s| sanitize(s, true).into_owned());
    let mine = sanitize(&c.editor.text(), true).into_owned();
    let mut lines = vec![Line::from(Span::styled(
        tf(
            m.lang,
            "conflict.theirs",
            &[
                ("user", &sanitize(&c.by, false)),
                ("at", &crate::i18n::date_time(m.lang, &c.at)),
            ],
        ),
        style::bold(),
    ))];
    lines.extend(
        theirs
            .as_deref()
            .unwrap_or(empty)
            .split('\n')
            .map(|l| Line::from(l.to_owned())),
    );
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        t(m.lang, "conflict.yours").to_owned(),
        style::bold(),
    )));
    let mine = if mine.is_empty() {
        empty.to_owned()
    } else {
        mine
    };
    lines.extend(mine.split('\n').map(|l| Line::from(l.to_owned())));
    lines.push(Line::default());
    let choices: Vec<String> = crate::ui::hints(m)
        .into_iter()
        .map(|(k, label)| format!("{k} = {label}"))
        .collect();
    lines.push(Line::from(Span::styled(choices.join(" · "), style::bold())));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(boxed(t(m.lang, "conflict.title").to_owned())),
        r,
    );
}
