//! The app: the model with its store. It carries out the writes the model
//! asks for, re-reads what they changed, and notices other writers.

use super::*;

impl App {
    /// Opens the app on a store: reads every plan.
    pub fn new(store: Store, lang: Lang, keymap: Keymap) -> Result<App, StoreError> {
        let seen_version = store.data_version()?;
        let plans = load_plans(&store, &HashMap::new())?;
        let mut model = Model::new(plans, lang, keymap);
        model.read_only = store.mode() == crate::store::Mode::ReadOnly;
        let mut app = App {
            model,
            store,
            seen_version,
        };
        app.sync_history();
        Ok(app)
    }

    /// Reads the history of the selected item when the selection has moved
    /// to another item. (An indexed read of one item's rows.)
    pub(super) fn sync_history(&mut self) {
        let Some(key) = self.model.selected_key() else {
            self.model.history = None;
            return;
        };
        if self.model.history.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        self.model.history = match &key.item {
            Some(item) => match self.store.item_history(&key.plan, item) {
                Ok(rows) => Some((key, rows)),
                Err(_) => None,
            },
            None => None,
        };
    }

    /// One key: the model's reaction, then the write it asks for.
    pub fn key(&mut self, key: &KeyEvent) -> Control {
        match self.model.key(key) {
            Some(Command::Quit) => return Control::Quit,
            Some(cmd) => self.run(cmd),
            None => {}
        }
        self.sync_history();
        Control::Continue
    }

    pub(super) fn run(&mut self, cmd: Command) {
        let lang = self.model.lang;
        let result = match cmd {
            Command::SetStatus {
                plan,
                item,
                period,
                status,
            } => self.set_status(&plan, &item, &period, status),
            Command::Save(ed) => match self.save(&ed, true) {
                Ok(()) => {
                    self.model.after_editor();
                    Ok(())
                }
                Err(StoreError::Conflict { theirs, by, at }) => {
                    self.model.overlay = Overlay::Conflict(Box::new(Conflict {
                        editor: *ed,
                        theirs,
                        by,
                        at,
                    }));
                    Ok(())
                }
                Err(e) => {
                    // The text stays in the editor; nothing typed is lost.
                    self.model.overlay = Overlay::Editor(ed);
                    Err(e)
                }
            },
            Command::SaveMine(ed) => match self.save(&ed, false) {
                Ok(()) => {
                    self.model
                        .info(tf(lang, "msg.kept_mine", &[("item", &ed.target.address())]));
                    Ok(())
                }
                Err(e) => {
                    self.model.overlay = Overlay::Editor(ed);
                    Err(e)
                }
            },
            Command::TakeTheirs(c) => self.take_theirs(*c),
            Command::LoadHistory(h) => self.load_history(*h),
            Command::AskDelete { plan, code } => self.ask_delete(plan, code),
            Command::Delete { plan, code, counts } => self.delete(&plan, &code, counts),
            Command::Move { plan, code, parent } => self.move_item(&plan, &code, parent),
            Command::Reorder { plan, code, delta } => self.reorder(&plan, &code, delta),
            Command::AddPeriod { plan, code, copy } => self.add_period(&plan, &code, copy),
            Command::ShowPeriod { plan, period } => self
                .store
                .load_plan_in(&plan, Some(&period))
                .map(|p| self.model.set_period(p, period)),
            Command::Undo => self.undo(true),
            Command::Redo => self.undo(false),
            // Handled by `key`, which ends the event loop.
            Command::Quit => Ok(()),
        };
        if let Err(e) = result {
            self.model.error(crate::messages::store_error(lang, &e));
        }
    }

    /// Reads the change log for the history view and shows it.
    pub(super) fn load_history(&mut self, mut h: HistoryView) -> Result<(), StoreError> {
        let since = match h.filter {
            HistoryFilter::All => None,
            // The period's first day or, without one, its first follow-up.
            HistoryFilter::SincePeriod => self
                .model
                .plans
                .iter()
                .find(|p| p.plan.code == h.plan)
                .and_then(|p| {
                    let code = p.period.as_deref()?;
                    p.plan.period(code)?.start.clone().or_else(|| {
                        p.plan
                            .walk()
                            .iter()
                            .flat_map(|(_, i)| i.assessments.iter())
                            .filter(|a| a.period == code)
                            .map(|a| a.at.clone())
                            .min()
                    })
                }),
            HistoryFilter::Last30Days => Some(crate::clock::format_utc(
                crate::clock::now_secs() - 30 * 86_400,
            )),
        };
        let item = if h.whole_plan {
            None
        } else {
            h.item.as_deref()
        };
        h.rows = self
            .store
            .changes_since(&h.plan, item, since.as_deref(), 1000)?;
        self.model.overlay = Overlay::History(Box::new(h));
        Ok(())
    }

    pub(super) fn stamp() -> (String, String) {
        (crate::clock::os_user(), crate::clock::now_utc())
    }

    pub(super) fn done(&mut self, step: UndoStep) {
        self.model.redo.clear();
        self.model.undo.push(step);
    }

    /// Reads one plan again after this app wrote to it.
    pub(super) fn reload_plan(&mut self, code: &str) -> Result<(), StoreError> {
        let period = self.model.periods().get(code).cloned().flatten();
        let plan = self.store.load_plan_in(code, period.as_deref())?;
        self.model.put_plan(plan, period);
        self.sync_history();
        Ok(())
    }

    /// Reads the plans again, each in the period it shows, and keeps the
    /// view where it was.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.seen_version = self.store.data_version()?;
        let plans = load_plans(&self.store, &self.model.periods())?;
        self.model.replace_plans(plans);
        self.sync_history();
        Ok(())
    }

    /// Live refresh: if another strata has written to the file, read it again.
    /// Returns whether anything changed.
    pub fn refresh_if_changed(&mut self) -> Result<bool, StoreError> {
        let v = self.store.data_version()?;
        if v == self.seen_version {
            return Ok(false);
        }
        self.reload()?;
        Ok(true)
    }
}
