//! Writes that change a plan's shape: items added, deleted, moved, reordered; plans and periods added.

use super::edits::stamp;
use super::*;

impl Effects<'_> {
    /// What an empty title leaves: the editor open, with why.
    fn title_needed(&self, ed: &Editor) -> Outcome {
        Outcome {
            overlay: Some(Overlay::Editor(Box::new(ed.clone()))),
            message: Some(Message::error(
                t(self.model.lang, "msg.title_needed").to_owned(),
            )),
            ..Outcome::default()
        }
    }

    pub(super) fn add_item(
        &mut self,
        ed: &Editor,
        plan: &str,
        parent: Option<&str>,
        after: Option<&str>,
    ) -> Result<Outcome, StoreError> {
        let title = ed.text().trim().to_owned();
        if title.is_empty() {
            return Ok(self.title_needed(ed));
        }
        let (user, at) = stamp();
        let code = self
            .store
            .add_item(plan, parent, after, None, (ed.lang, &title), &user, &at)?;
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            done: Some(UndoStep::Added {
                plan: plan.to_owned(),
                code: code.clone(),
            }),
            reveal: Some(NodeKey {
                plan: plan.to_owned(),
                item: Some(code.clone()),
            }),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "msg.added",
            &[("item", &format!("{plan}:{code}"))],
        )))
    }

    pub(super) fn add_plan(&mut self, ed: &Editor) -> Result<Outcome, StoreError> {
        let title = ed.text().trim().to_owned();
        if title.is_empty() {
            return Ok(self.title_needed(ed));
        }
        let existing = self.store.plan_codes()?;
        let code = plan_code_for(&title, &existing);
        let mut text = crate::domain::Text::default();
        text.set(ed.lang, Some(title));
        let (user, at) = stamp();
        self.store.add_plan(&code, &text, &[], &user, &at)?;
        Ok(Outcome {
            reload: Reload::All,
            reveal: Some(NodeKey {
                plan: code.clone(),
                item: None,
            }),
            ..Outcome::default()
        }
        .say(tf(self.model.lang, "msg.plan_added", &[("plan", &code)])))
    }

    pub(super) fn ask_delete(&mut self, plan: String, code: String) -> Result<Outcome, StoreError> {
        // The delete checks the rows (nothing added since the question);
        // the question counts follow-ups as the user does.
        let (items, rows) = self.store.item_counts(&plan, &code)?;
        let follow_ups = self.store.follow_ups_under(&plan, &code)?;
        let lang = self.model.lang;
        let title = self
            .model
            .selected_item()
            .and_then(|(_, it)| it)
            .and_then(|it| it.title.resolve(lang).map(|s| s.text.to_owned()))
            .unwrap_or_default();
        let [(_, yes), (_, no)] = self.model.keymap.answers(lang);
        let text = tf(
            lang,
            "ask.delete",
            &[
                ("yes", &yes),
                ("no", &no),
                ("item", &format!("{plan}:{code}")),
                ("title", &crate::display::sanitize(&title, false)),
                (
                    "items",
                    &crate::i18n::plural(lang, "count.sub_items", items),
                ),
                (
                    "rows",
                    &crate::i18n::plural(lang, "count.follow_ups", follow_ups),
                ),
            ],
        );
        Ok(Outcome {
            overlay: Some(Overlay::Ask(Box::new(Question {
                text,
                yes: Command::Delete {
                    plan,
                    code,
                    counts: (items, rows),
                },
                no: None,
            }))),
            ..Outcome::default()
        })
    }

    /// Deletes what the user was asked about, and no more: if someone has
    /// added items or follow-ups under it since, nothing is deleted.
    pub(super) fn delete(
        &mut self,
        plan: &str,
        code: &str,
        counts: (usize, usize),
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let (parent, position, item) =
            self.store
                .delete_item_checked(plan, code, Some(counts), &user, &at)?;
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            done: Some(UndoStep::Removed {
                plan: plan.to_owned(),
                parent,
                position,
                item: Box::new(item),
            }),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "msg.deleted",
            &[("item", &format!("{plan}:{code}"))],
        )))
    }

    pub(super) fn move_item(
        &mut self,
        plan: &str,
        code: &str,
        parent: Option<String>,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let from = self
            .store
            .move_item(plan, code, parent.as_deref(), None, &user, &at)?;
        // Where it landed, for the undo.
        let to_pos = self.store.index_among_siblings(plan, code)?;
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            done: Some(UndoStep::Moved {
                plan: plan.to_owned(),
                code: code.to_owned(),
                from,
                to: (parent, to_pos),
            }),
            reveal: Some(NodeKey {
                plan: plan.to_owned(),
                item: Some(code.to_owned()),
            }),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "msg.moved",
            &[("item", &format!("{plan}:{code}"))],
        )))
    }

    pub(super) fn reorder(
        &mut self,
        plan: &str,
        code: &str,
        delta: i64,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        if !self.store.reorder_item(plan, code, delta, &user, &at)? {
            return Ok(Outcome::default());
        }
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            done: Some(UndoStep::Reordered {
                plan: plan.to_owned(),
                code: code.to_owned(),
                delta,
            }),
            ..Outcome::default()
        })
    }

    pub(super) fn add_period(
        &mut self,
        plan: &str,
        code: &str,
        copy: bool,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let label = crate::domain::Text::same(code);
        let dates = crate::domain::plan::period_dates(code);
        self.store.add_period(
            &crate::store::NewPeriod {
                plan,
                code,
                label,
                start: dates.as_ref().map(|d| d.0.as_str()),
                end: dates.as_ref().map(|d| d.1.as_str()),
                deadline: None,
                carry_over: copy,
            },
            &user,
            &at,
        )?;
        let fresh = self.store.load_plan_in(plan, Some(code))?;
        Ok(Outcome {
            reload: Reload::Period(Fresh::Whole(fresh), code.to_owned()),
            ..Outcome::default()
        }
        .say(tf(
            self.model.lang,
            "msg.period_added",
            &[("period", &code)],
        )))
    }
}
