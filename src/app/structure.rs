//! Writes that change a plan's shape: items added, deleted, moved, reordered; plans and periods added.

use super::*;

impl App {
    pub(super) fn add_item(
        &mut self,
        ed: &Editor,
        plan: &str,
        parent: Option<&str>,
        after: Option<&str>,
    ) -> Result<(), StoreError> {
        let title = ed.text().trim().to_owned();
        if title.is_empty() {
            self.model.overlay = Overlay::Editor(Box::new(ed.clone()));
            self.model
                .error(t(self.model.lang, "msg.title_needed").to_owned());
            return Ok(());
        }
        let (user, at) = Self::stamp();
        let code = self
            .store
            .add_item(plan, parent, after, None, (ed.lang, &title), &user, &at)?;
        self.done(UndoStep::Added {
            plan: plan.to_owned(),
            code: code.clone(),
        });
        self.reload_plan(plan)?;
        self.model.reveal(&NodeKey {
            plan: plan.to_owned(),
            item: Some(code.clone()),
        });
        self.sync_history();
        self.model.info(tf(
            self.model.lang,
            "msg.added",
            &[("item", &format!("{plan}:{code}"))],
        ));
        Ok(())
    }

    pub(super) fn add_plan(&mut self, ed: &Editor) -> Result<(), StoreError> {
        let title = ed.text().trim().to_owned();
        if title.is_empty() {
            self.model.overlay = Overlay::Editor(Box::new(ed.clone()));
            self.model
                .error(t(self.model.lang, "msg.title_needed").to_owned());
            return Ok(());
        }
        let existing = self.store.plan_codes()?;
        let code = plan_code_for(&title, &existing);
        let mut text = crate::domain::Text::default();
        text.set(ed.lang, Some(title));
        let (user, at) = Self::stamp();
        self.store.add_plan(&code, &text, &[], &user, &at)?;
        self.reload()?;
        self.model.reveal(&NodeKey {
            plan: code.clone(),
            item: None,
        });
        self.model
            .info(tf(self.model.lang, "msg.plan_added", &[("plan", &code)]));
        Ok(())
    }

    pub(super) fn ask_delete(&mut self, plan: String, code: String) -> Result<(), StoreError> {
        let (items, rows) = self.store.item_counts(&plan, &code)?;
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
                ("rows", &crate::i18n::plural(lang, "count.follow_ups", rows)),
            ],
        );
        self.model.overlay = Overlay::Ask(Box::new(Question {
            text,
            yes: Command::Delete {
                plan,
                code,
                counts: (items, rows),
            },
            no: None,
        }));
        Ok(())
    }

    /// Deletes what the user was asked about, and no more: if someone has
    /// added items or follow-ups under it since, nothing is deleted.
    pub(super) fn delete(
        &mut self,
        plan: &str,
        code: &str,
        counts: (usize, usize),
    ) -> Result<(), StoreError> {
        let (user, at) = Self::stamp();
        let (parent, position, item) =
            self.store
                .delete_item_checked(plan, code, Some(counts), &user, &at)?;
        self.done(UndoStep::Removed {
            plan: plan.to_owned(),
            parent,
            position,
            item: Box::new(item),
        });
        self.reload_plan(plan)?;
        self.model.info(tf(
            self.model.lang,
            "msg.deleted",
            &[("item", &format!("{plan}:{code}"))],
        ));
        Ok(())
    }

    pub(super) fn move_item(
        &mut self,
        plan: &str,
        code: &str,
        parent: Option<String>,
    ) -> Result<(), StoreError> {
        let (user, at) = Self::stamp();
        let from = self
            .store
            .move_item(plan, code, parent.as_deref(), None, &user, &at)?;
        let key = NodeKey {
            plan: plan.to_owned(),
            item: Some(code.to_owned()),
        };
        self.reload_plan(plan)?;
        let to_pos = self
            .model
            .plans
            .iter()
            .find(|p| p.plan.code == plan)
            .and_then(|p| {
                let siblings = match &parent {
                    Some(pc) => &p.plan.find(pc)?.0.children,
                    None => &p.plan.items,
                };
                siblings.iter().position(|i| i.code == code)
            })
            .unwrap_or(0);
        self.done(UndoStep::Moved {
            plan: plan.to_owned(),
            code: code.to_owned(),
            from,
            to: (parent, to_pos),
        });
        self.model.reveal(&key);
        self.sync_history();
        self.model.info(tf(
            self.model.lang,
            "msg.moved",
            &[("item", &format!("{plan}:{code}"))],
        ));
        Ok(())
    }

    pub(super) fn reorder(&mut self, plan: &str, code: &str, delta: i64) -> Result<(), StoreError> {
        let (user, at) = Self::stamp();
        if self.store.reorder_item(plan, code, delta, &user, &at)? {
            self.done(UndoStep::Reordered {
                plan: plan.to_owned(),
                code: code.to_owned(),
                delta,
            });
            self.reload_plan(plan)?;
        }
        Ok(())
    }

    pub(super) fn add_period(
        &mut self,
        plan: &str,
        code: &str,
        copy: bool,
    ) -> Result<(), StoreError> {
        let (user, at) = Self::stamp();
        let label = crate::domain::Text::same(code);
        let dates = crate::domain::plan::period_dates(code);
        self.store.add_period(
            plan,
            code,
            &label,
            dates.as_ref().map(|d| d.0.as_str()),
            dates.as_ref().map(|d| d.1.as_str()),
            copy,
            &user,
            &at,
        )?;
        let fresh = self.store.load_plan_in(plan, Some(code))?;
        self.model.set_period(fresh, code.to_owned());
        self.sync_history();
        self.model.info(tf(
            self.model.lang,
            "msg.period_added",
            &[("period", &code)],
        ));
        Ok(())
    }
}
