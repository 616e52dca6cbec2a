//! Keys while a text is being edited, and the questions around it: throw a
//! change away, quit with a change, a colleague's change met on saving.

use super::*;

impl Model {
    pub(super) fn editor_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        mut ed: Box<Editor>,
    ) -> Option<Command> {
        match action {
            Some(Action::Quit) if !ed.changed() => Some(Command::Quit),
            Some(Action::Quit) => {
                self.overlay = Overlay::ConfirmQuit(ed);
                None
            }
            Some(Action::Save) => self.save_key(ed),
            Some(Action::Cancel) => {
                if ed.changed() {
                    self.overlay = Overlay::ConfirmDiscard(ed);
                } else {
                    self.after_editor();
                }
                None
            }
            _ => {
                ed.input(*key);
                self.overlay = Overlay::Editor(ed);
                None
            }
        }
    }

    /// Ctrl-S: a new period asks about copying statuses first; an unchanged
    /// text is not written; anything else goes to the app to save.
    fn save_key(&mut self, ed: Box<Editor>) -> Option<Command> {
        if let editor::Target::NewPeriod { plan } = &ed.target {
            let code = ed.text().trim().to_owned();
            if code.is_empty() {
                self.overlay = Overlay::Editor(ed);
                return None;
            }
            let plan = plan.clone();
            self.overlay = Overlay::Ask(Box::new(Question {
                text: {
                    let [(_, yes), (_, no)] = self.keymap.answers(self.lang);
                    tf(
                        self.lang,
                        "ask.copy",
                        &[("period", &code), ("yes", &yes), ("no", &no)],
                    )
                },
                yes: Command::AddPeriod {
                    plan: plan.clone(),
                    code: code.clone(),
                    copy: true,
                },
                no: Some(Command::AddPeriod {
                    plan,
                    code,
                    copy: false,
                }),
            }));
            return None;
        }
        let new = matches!(
            ed.target,
            editor::Target::NewItem { .. } | editor::Target::NewPlan
        );
        if !ed.changed() && !new {
            self.info(t(self.lang, "msg.unchanged").to_owned());
            return None;
        }
        Some(Command::Save(ed))
    }

    pub(super) fn confirm_discard_key(
        &mut self,
        action: Option<Action>,
        ed: Box<Editor>,
    ) -> Option<Command> {
        match action {
            Some(Action::Yes) => {
                self.info(t(self.lang, "msg.discarded").to_owned());
                self.after_editor();
            }
            Some(Action::No | Action::Cancel) => self.overlay = Overlay::Editor(ed),
            Some(Action::Quit) => self.overlay = Overlay::ConfirmQuit(ed),
            _ => self.overlay = Overlay::ConfirmDiscard(ed),
        }
        None
    }

    pub(super) fn confirm_quit_key(
        &mut self,
        action: Option<Action>,
        ed: Box<Editor>,
    ) -> Option<Command> {
        match action {
            Some(Action::Yes) => return Some(Command::Quit),
            Some(Action::No | Action::Cancel) => self.overlay = Overlay::Editor(ed),
            _ => self.overlay = Overlay::ConfirmQuit(ed),
        }
        None
    }

    pub(super) fn conflict_key(
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
