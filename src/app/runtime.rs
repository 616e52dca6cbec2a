//! The app: the model with its store. It carries out the writes the model
//! asks for, re-reads what they changed, and notices other writers.

use super::*;

impl App {
    /// Opens the app on a store: reads of every plan what the tree shows
    /// first (its top level and what is under it) and the outline that
    /// gives the roll-ups; the rest is read as it is opened or needed.
    pub fn new(store: Store, lang: Lang, keymap: Keymap) -> Result<App, StoreError> {
        let seen_version = store.data_version()?;
        let plans = load_plans(&store, &HashMap::new(), &HashSet::new(), &HashSet::new())?;
        let mut model = Model::of(plans, lang, keymap);
        model.read_only = store.mode() == crate::store::Mode::ReadOnly;
        model.contacts = store.contacts()?;
        let mut app = App {
            model,
            store,
            seen_version,
            edits: 0,
            whole_read: None,
        };
        app.sync_history();
        app.keep_summaries();
        Ok(app)
    }

    /// Keeps for the next start the roll-up summaries that had to be
    /// computed (the plan changed since they were kept): a small write,
    /// skipped when the file is busy or read-only.
    pub(super) fn keep_summaries(&mut self) {
        for ps in &mut self.model.plans {
            if let Some(s) = ps.part.as_mut().and_then(|p| p.summary.as_mut()) {
                self.store.keep_summary(s);
                s.stored = true;
            }
        }
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

    /// A click or a turn of the wheel: what the model makes of it.
    pub fn mouse(&mut self, m: &crossterm::event::MouseEvent) -> Control {
        let cmd = self.model.mouse(m);
        self.carry_out(cmd)
    }

    /// One key: the model's reaction, then the write it asks for. A key
    /// that looks beyond what the tree shows first reads the plans whole.
    pub fn key(&mut self, key: &KeyEvent) -> Control {
        if self.model.overlay == Overlay::None {
            let action = self
                .model
                .keymap
                .action_in(Mode::Browse, self.model.lang, key);
            if let Some(done) = self.before(action) {
                return done;
            }
        }
        // An action chosen in the palette: read for as if its key was
        // pressed, then carried out.
        if let Overlay::Palette { query, choice } = &self.model.overlay {
            if self
                .model
                .keymap
                .action_in(Mode::Palette, self.model.lang, key)
                == Some(Action::Confirm)
            {
                let chosen = self.model.palette_rows(query).get(*choice).map(|r| r.0);
                if let Some(a) = chosen {
                    self.model.overlay = Overlay::None;
                    if let Some(done) = self.before(Some(a)) {
                        return done;
                    }
                    let cmd = self.model.browse(a);
                    return self.carry_out(cmd);
                }
            }
        }
        // A filter chosen: what leads to each item it keeps is read first.
        if let Overlay::Filter { choice } = self.model.overlay {
            if self
                .model
                .keymap
                .action_in(Mode::Picker, self.model.lang, key)
                == Some(Action::Confirm)
            {
                if let Some(f) = self.model.filter_choices().get(choice).cloned().flatten() {
                    self.read_for_filter(&f);
                }
            }
        }
        // Enter on a missing translation: the item is held before the view
        // opens on it.
        if let Overlay::Missing { lacking, choice } = self.model.overlay {
            if self
                .model
                .keymap
                .action_in(Mode::Missing, self.model.lang, key)
                == Some(Action::Confirm)
            {
                if let Some((plan, m)) = self.model.missing_rows(lacking).get(choice).cloned() {
                    if let Some(item) = m.item {
                        self.hold_path(&NodeKey {
                            plan,
                            item: Some(item),
                        });
                    }
                }
            }
        }
        // Enter on an owner's or a contact's row filters the tree to their
        // items: what leads to them is read first.
        if let Overlay::Round(v) = &self.model.overlay {
            use crate::app::popups::RoundRow;
            use crate::present::round::By;
            let confirm = self
                .model
                .keymap
                .action_in(Mode::Round, self.model.lang, key)
                == Some(Action::Confirm);
            if let (true, Some(RoundRow::Group(pi, g))) = (confirm, v.rows.get(v.choice)) {
                let key = v.rounds[*pi].groups.get(*g).map(|g| g.key.clone());
                let f = match (v.by, key) {
                    (By::Owner, Some(k)) if !k.is_empty() => Some(TreeFilter::Owner(k)),
                    (By::Contact, Some(k)) if !k.is_empty() => Some(TreeFilter::Contact(k)),
                    _ => None,
                };
                if let Some(f) = f {
                    self.read_for_filter(&f);
                }
            }
        }
        // The round grouped otherwise: of plans held in part, counted by
        // the store.
        if let Overlay::Round(v) = &self.model.overlay {
            if self
                .model
                .keymap
                .action_in(Mode::Round, self.model.lang, key)
                == Some(Action::Filter)
                && self.model.plans.iter().any(|p| !p.is_whole())
            {
                use crate::present::round::By;
                let next = match v.by {
                    By::Item => By::Owner,
                    By::Owner => By::Contact,
                    By::Contact => By::Item,
                };
                return self.open_round_by(next);
            }
        }
        let cmd = self.model.key(key);
        self.carry_out(cmd)
    }

    /// The owners named in every plan, for the filter picker: of a plan
    /// held in part, read by the store (one read of the owner texts).
    fn read_owners(&mut self) {
        if self.model.plans.iter().all(|p| p.is_whole()) {
            self.model.owners = None;
            return;
        }
        let lang = self.model.lang;
        let mut owners = Vec::new();
        for ps in &self.model.plans {
            if ps.is_whole() {
                owners.extend(
                    ps.plan
                        .walk()
                        .into_iter()
                        .filter_map(|(_, it)| it.owner.resolve(lang).map(|t| t.text.to_owned())),
                );
                continue;
            }
            match self.store.owners_of(&ps.plan.code, lang) {
                Ok(o) => owners.extend(o),
                Err(e) => {
                    self.report(Err(e), lang);
                    self.model.owners = None;
                    return;
                }
            }
        }
        self.model.owners = Some(owners);
    }

    /// Before the filter `f` is put on the tree: of each plan held in part,
    /// reads again the part that shows what the filter keeps, every item
    /// leading to one of them opened (see [`crate::store::Store::leading_to`]).
    fn read_for_filter(&mut self, f: &TreeFilter) {
        use crate::store::Matching;
        let lang = self.model.lang;
        for pi in 0..self.model.plans.len() {
            let ps = &self.model.plans[pi];
            if ps.is_whole() {
                continue;
            }
            let (code, period) = (ps.plan.code.clone(), ps.period.clone());
            let m = match f {
                TreeFilter::NeedsUpdate => Matching::NeedsUpdate,
                TreeFilter::Status(s) => Matching::Status(*s),
                TreeFilter::Owner(o) => Matching::Owner(o, lang),
                TreeFilter::Contact(c) => Matching::Contact(c),
            };
            let read = self
                .store
                .leading_to(&code, period.as_deref(), m)
                .and_then(|leading| {
                    self.store.load_plan_part(&code, period.as_deref(), &|c| {
                        leading.contains(c) || self.model.is_expanded(&code, c)
                    })
                });
            match read {
                Ok(part) => self.model.put_plan(Fresh::Part(part), period),
                Err(e) => {
                    self.report(Err(e), lang);
                    return;
                }
            }
        }
    }

    /// `w` when a plan is held in part: the next item after the cursor
    /// that still needs an assessment, plan by plan from the selected one
    /// and round to it again, found by the store in plans held in part;
    /// how many are left from each plan's summary.
    fn next_to_assess(&mut self) -> Control {
        let lang = self.model.lang;
        let n = self.model.plans.len();
        let here = self.model.selected_key();
        let start = here
            .as_ref()
            .and_then(|k| self.model.plans.iter().position(|p| p.plan.code == k.plan))
            .unwrap_or(0);
        let mut left = 0;
        for ps in &self.model.plans {
            let Some(period) = ps.period.as_deref() else {
                continue;
            };
            left += match &ps.part {
                Some(part) => part
                    .summary
                    .as_ref()
                    .map_or(0, |s| s.summary.total.get(Status::NotAssessed)),
                None => ps
                    .plan
                    .walk()
                    .iter()
                    .filter(|(_, it)| it.needs_update(period))
                    .count(),
            };
        }
        let mut next = None;
        // The selected plan after the cursor, the plans after it, then from
        // the start round to the selected one again.
        for step in 0..=n {
            let pi = (start + step) % n.max(1);
            let Some(ps) = self.model.plans.get(pi) else {
                break;
            };
            let after = match step {
                0 => here.as_ref().and_then(|k| k.item.clone()),
                _ => None,
            };
            let code = ps.plan.code.clone();
            let found = match ps.is_whole() {
                true => Ok(self.model.next_to_assess_in(pi, after.as_deref())),
                false => self
                    .store
                    .next_to_assess(&code, ps.period.as_deref(), after.as_deref()),
            };
            match found {
                Ok(Some(item)) => {
                    next = Some(NodeKey {
                        plan: code,
                        item: Some(item),
                    });
                    break;
                }
                Ok(None) => {}
                Err(e) => {
                    self.report(Err(e), lang);
                    return self.carry_out(None);
                }
            }
        }
        self.model.go_to_assess(next, left);
        self.carry_out(None)
    }

    /// `R`: the round view by top-level item; of a plan held in part, read
    /// from its summary and the items the view lists (see
    /// [`crate::store::Store::load_plan_round`]).
    fn open_round(&mut self) -> Control {
        self.open_round_by(crate::present::round::By::Item)
    }

    /// What a tree's action needs read before the model carries it out:
    /// for most, nothing more than the tree holds; a few read what they
    /// list (and carry themselves out: `Some`); the rest read the plans
    /// held in part whole.
    fn before(&mut self, action: Option<Action>) -> Option<Control> {
        match action {
            // The search bar opens at once; its hits come with the read.
            Some(Action::Search) => self.start_whole_read(),
            // From each plan's summary and the items the view lists.
            Some(Action::Round) => return Some(self.open_round()),
            // The owners to choose from, read for the plans held in part.
            Some(Action::Filter) => self.read_owners(),
            Some(Action::NextToAssess) if self.model.plans.iter().any(|p| !p.is_whole()) => {
                return Some(self.next_to_assess());
            }
            // The items lacking a translation, read for the plans held in
            // part.
            Some(Action::MissingTexts) => self.read_untranslated(),
            Some(a) if !works_on_part(a) => {
                self.poll_whole_read(true);
                self.read_whole();
            }
            _ => {}
        }
        None
    }

    /// The round view grouped `by`: of a plan held in part from its
    /// summary, the items the view lists and, by owner or contact, the
    /// groups the store counts (see [`crate::store::Store::round_groups`]).
    fn open_round_by(&mut self, by: crate::present::round::By) -> Control {
        use crate::present::round::{round_grouped, round_of_part, By, Parts};
        use crate::store::Grouping;
        let ask = crate::store::RoundAsk {
            per_top: Some(1),
            stale: super::popups::round::STALE,
        };
        let (today, lang) = (crate::clock::today(), self.model.lang);
        let mut rounds = Vec::new();
        for pi in 0..self.model.plans.len() {
            let ps = &self.model.plans[pi];
            if ps.is_whole() {
                rounds.push(self.model.round_of_whole(pi, by));
                continue;
            }
            let (code, period) = (ps.plan.code.clone(), ps.period.clone());
            let period = period.as_deref();
            let grouping = match by {
                By::Item => None,
                By::Owner => Some(Grouping::Owner),
                By::Contact => Some(Grouping::Contact),
            };
            let read = self
                .store
                .load_plan_round(&code, period, ask)
                .and_then(|rp| {
                    let groups = match grouping {
                        Some(g) => Some(self.store.round_groups(&code, period, g, true)?),
                        None => None,
                    };
                    Ok((rp, groups))
                });
            match read {
                Ok((rp, None)) => {
                    rounds.push(round_of_part(Parts::from(&rp), period, &today, lang))
                }
                Ok((rp, Some(groups))) => rounds.push(round_grouped(
                    Parts::from(&rp),
                    &groups,
                    by,
                    &self.model.contacts,
                    period,
                    &today,
                    lang,
                )),
                Err(e) => {
                    self.report(Err(e), lang);
                    return self.carry_out(None);
                }
            }
        }
        self.model.open_round_of(by, rounds);
        self.carry_out(None)
    }

    /// After a key or a click: the command the model asked for, then the
    /// children of what the tree now shows, and the selected item's history.
    fn carry_out(&mut self, cmd: Option<Command>) -> Control {
        match cmd {
            Some(Command::Quit) => return Control::Quit,
            Some(cmd) => self.run(cmd),
            None => {}
        }
        self.read_shown();
        self.reveal_read();
        self.sync_history();
        self.keep_summaries();
        Control::Continue
    }

    /// Goes to an item the tree did not hold when asked: reads what leads
    /// to it (each level by its parent), then selects it.
    fn reveal_read(&mut self) {
        let Some(key) = self.model.reveal_pending.take() else {
            return;
        };
        if self.hold_path(&key) {
            self.model.reveal(&key);
        }
        self.model.reveal_pending = None;
    }

    /// Opens the tree down to the item `key` of a plan held in part,
    /// reading each level on the way; `false` if it could not be read.
    fn hold_path(&mut self, key: &NodeKey) -> bool {
        let Some(item) = &key.item else {
            return true;
        };
        let held = self
            .model
            .plans
            .iter()
            .find(|p| p.plan.code == key.plan)
            .is_none_or(|p| p.is_whole() || p.plan.find(item).is_some());
        if held {
            return true;
        }
        match self.store.item_path(&key.plan, item) {
            Ok(path) => {
                let plan = key.plan.clone();
                self.model.expanded.insert(NodeKey {
                    plan: plan.clone(),
                    item: None,
                });
                self.model
                    .expanded
                    .extend(path.into_iter().map(|c| NodeKey {
                        plan: plan.clone(),
                        item: Some(c),
                    }));
                self.model.rows = self.model.build_rows();
                self.read_shown();
                true
            }
            Err(e) => {
                self.report(Err(e), self.model.lang);
                false
            }
        }
    }

    /// Of each plan held in part, the items the list of missing
    /// translations names, with what leads to them.
    fn read_untranslated(&mut self) {
        self.model.untranslated.clear();
        for pi in 0..self.model.plans.len() {
            let ps = &self.model.plans[pi];
            if ps.is_whole() {
                continue;
            }
            let (code, period) = (ps.plan.code.clone(), ps.period.clone());
            match self.store.load_plan_untranslated(&code, period.as_deref()) {
                Ok(plan) => {
                    self.model.untranslated.insert(code, plan);
                }
                Err(e) => {
                    self.report(Err(e), self.model.lang);
                    return;
                }
            }
        }
    }

    /// Reads whole every plan held in part: before a step that looks at
    /// more than the tree shows (search, filters, lists across the plan,
    /// structure edits).
    pub fn read_whole(&mut self) {
        for i in 0..self.model.plans.len() {
            let ps = &self.model.plans[i];
            if ps.is_whole() {
                continue;
            }
            let (code, period) = (ps.plan.code.clone(), ps.period.clone());
            match self.store.load_plan_in(&code, period.as_deref()) {
                Ok(plan) => self.model.put_plan(Fresh::Whole(plan), period),
                Err(e) => {
                    self.report(Err(e), self.model.lang);
                    break;
                }
            }
        }
        self.sync_history();
    }

    /// Reads the children of every item the tree now shows whose children
    /// are not yet held (an item just opened shows its children, and the
    /// detail of each lists theirs).
    pub(super) fn read_shown(&mut self) {
        if self.model.plans.iter().all(|p| p.is_whole()) {
            return;
        }
        // Each round reads one level; a path opened at once takes a few.
        for _ in 0..64 {
            let wanted = self.model.unread_shown();
            if wanted.is_empty() {
                return;
            }
            for (pi, unread) in wanted {
                let ps = &self.model.plans[pi];
                let ids: Vec<i64> = unread.iter().map(|u| u.id).collect();
                let read = self
                    .store
                    .load_children_of(&ps.plan.code, ps.period.as_deref(), &ids);
                match read {
                    Ok(items) => self.model.graft(pi, &unread, items),
                    Err(e) => {
                        self.report(Err(e), self.model.lang);
                        return;
                    }
                }
            }
            self.model.rebuild();
        }
    }

    /// Carries out a command: its effect writes the store and says what it
    /// did; the app then takes that in. A refused save keeps the editor
    /// open (nothing typed is lost); a save that meets a colleague's change
    /// shows both.
    pub(super) fn run(&mut self, cmd: Command) {
        let lang = self.model.lang;
        let mut fx = Effects {
            store: &mut self.store,
            model: &self.model,
        };
        let result = match cmd {
            Command::Save(ed) => match fx.save(&ed, true) {
                Ok(mut out) => {
                    // Back to the translation view if it was opened there.
                    out.editor_closed = true;
                    Ok(out)
                }
                Err(StoreError::Conflict { theirs, by, at }) => Ok(Outcome {
                    overlay: Some(Overlay::Conflict(Box::new(Conflict {
                        editor: *ed,
                        theirs,
                        by,
                        at,
                    }))),
                    ..Outcome::default()
                }),
                Err(e) => Err((e, Some(ed))),
            },
            Command::SaveMine(ed) => match fx.save(&ed, false) {
                Ok(out) => {
                    Ok(out.say(tf(lang, "msg.kept_mine", &[("item", &ed.target.address())])))
                }
                Err(e) => Err((e, Some(ed))),
            },
            other => fx.command(other).map_err(|e| (e, None)),
        };
        let r = match result {
            Ok(out) => self.apply(out),
            Err((e, ed)) => {
                // The text stays in the editor; nothing typed is lost.
                if let Some(ed) = ed {
                    self.model.overlay = Overlay::Editor(ed);
                }
                Err(e)
            }
        };
        self.report(r, lang);
    }

    pub(super) fn report(&mut self, r: Result<(), StoreError>, lang: Lang) {
        if let Err(e) = r {
            self.model.message = Some(Message::error(crate::messages::store_error(lang, &e)));
        }
    }

    /// Takes in what a command did: the undo stacks, what to read again,
    /// where the selection goes, what is drawn over the tree, the message.
    pub(super) fn apply(&mut self, out: Outcome) -> Result<(), StoreError> {
        let m = &mut self.model;
        if let Some(step) = out.done {
            m.redo.clear();
            m.undo.push(step);
        }
        if let Some((undo, reversed)) = out.undone {
            let (from, to) = if undo {
                (&mut m.undo, &mut m.redo)
            } else {
                (&mut m.redo, &mut m.undo)
            };
            from.pop();
            to.push(reversed);
        }
        if let Some((old, new)) = out.renamed {
            if m.expanded.remove(&old) {
                m.expanded.insert(new);
            }
        }
        if !matches!(out.reload, Reload::Nothing) {
            self.edits += 1;
        }
        match out.reload {
            Reload::Nothing => {}
            Reload::Plan(code) => self.reload_plan(&code)?,
            Reload::FollowUp(row) => self.take_follow_up(&row)?,
            Reload::Loaded(plan, period) => self.model.put_plan(plan, period),
            Reload::Period(plan, period) => self.model.set_period(plan, period),
            Reload::All => self.reload()?,
        }
        if let Some(key) = out.reveal {
            self.model.reveal(&key);
        }
        if let Some(o) = out.overlay {
            self.model.overlay = o;
        }
        if let Some(msg) = out.message {
            self.model.message = Some(msg);
        }
        if out.editor_closed {
            self.model.after_editor();
        }
        self.sync_history();
        Ok(())
    }
}

impl Effects<'_> {
    /// Every command but the saves, whose refusals the app handles itself.
    fn command(&mut self, cmd: Command) -> Result<Outcome, StoreError> {
        match cmd {
            Command::SetStatus {
                plan,
                item,
                period,
                status,
            } => self.set_status(&plan, &item, &period, status),
            Command::Save(ed) | Command::SaveMine(ed) => self.save(&ed, true),
            Command::TakeTheirs(c) => self.take_theirs(*c),
            Command::LoadHistory(h) => self.load_history(*h),
            Command::AskDelete { plan, code } => self.ask_delete(plan, code),
            Command::Delete { plan, code, counts } => self.delete(&plan, &code, counts),
            Command::Move { plan, code, parent } => self.move_item(&plan, &code, parent),
            Command::Reorder { plan, code, delta } => self.reorder(&plan, &code, delta),
            Command::AddPeriod { plan, code, copy } => self.add_period(&plan, &code, copy),
            Command::ClosePeriod { plan, code, close } => {
                self.set_period_closed(&plan, &code, close)
            }
            Command::AskRemovePeriod { plan, code } => self.ask_remove_period(plan, code),
            Command::RemovePeriod { plan, code } => self.remove_period(&plan, &code),
            Command::LinkContact {
                plan,
                item,
                id,
                role,
                link,
                choice,
            } => self.link_contact(&plan, &item, &id, role, link, choice),
            Command::AskRemoveContact { id } => self.ask_remove_contact(id),
            Command::SetFigures {
                plan,
                item,
                old,
                new,
                said,
            } => self.set_figures(&plan, &item, *old, *new, said),
            Command::LoadChanges { plan, from, to } => {
                let (full, log) = self.store.snapshot(|s| {
                    Ok((
                        s.load_plan_of_periods(&plan, &[from.as_str(), to.as_str()])?,
                        s.changes_since(&plan, None, None, 100_000)?,
                    ))
                })?;
                let diff = crate::present::diff::diff(&full, &from, &to, &log, self.model.lang);
                Ok(Outcome {
                    overlay: Some(Overlay::Changes(Box::new(popups::changes::ChangesView {
                        plan,
                        diff,
                        choice: 0,
                    }))),
                    ..Outcome::default()
                })
            }
            Command::RemoveContact { id } => self.remove_contact(&id),
            Command::ShowPeriod { plan, period } => {
                let fresh = match self.model.plans.iter().find(|p| p.plan.code == plan) {
                    Some(ps) if !ps.is_whole() => {
                        Fresh::Part(self.store.load_plan_part(&plan, Some(&period), &|c| {
                            self.model.is_expanded(&plan, c)
                        })?)
                    }
                    _ => Fresh::Whole(self.store.load_plan_in(&plan, Some(&period))?),
                };
                Ok(Outcome {
                    reload: Reload::Period(fresh, period),
                    ..Outcome::default()
                })
            }
            Command::Undo => self.undo(true),
            Command::Redo => self.undo(false),
            // Handled by `App::key`, which ends the event loop.
            Command::Quit => Ok(Outcome::default()),
        }
    }

    /// Reads the change log for the history view and shows it.
    pub(super) fn load_history(&mut self, mut h: HistoryView) -> Result<Outcome, StoreError> {
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
        Ok(Outcome {
            overlay: Some(Overlay::History(Box::new(h))),
            ..Outcome::default()
        })
    }
}

impl App {
    /// Takes in a follow-up this app has just recorded. A plan held whole
    /// in the row's period gets the row appended to its item's follow-ups
    /// (the newest is the current one, as a read orders them) and its
    /// roll-ups computed again, without reading the whole plan again; a
    /// plan held in part is read again (its summary was kept current by
    /// the write).
    pub(super) fn take_follow_up(
        &mut self,
        row: &crate::store::StoredAssessment,
    ) -> Result<(), StoreError> {
        let held = self.model.plans.iter_mut().find(|p| {
            p.plan.code == row.plan && p.is_whole() && p.period.as_deref() == Some(&row.period)
        });
        let Some(ps) = held else {
            return self.reload_plan(&row.plan);
        };
        let Some(item) = ps.plan.find_mut(&row.item) else {
            return self.reload_plan(&row.plan);
        };
        item.assessments.push(crate::domain::Assessment {
            period: row.period.clone(),
            status: row.status,
            comment: row.comment.clone(),
            actions: row.actions.clone(),
            by: row.author.clone(),
            at: row.recorded_at.clone(),
            carried_from: row.carried_from.clone(),
        });
        ps.roll_again();
        // The tree's shape is the same: its rows again for their statuses.
        self.model.history = None;
        self.model.rebuild();
        self.sync_history();
        Ok(())
    }

    /// Reads one plan again after this app wrote to it.
    pub(super) fn reload_plan(&mut self, code: &str) -> Result<(), StoreError> {
        let period = self.model.periods().get(code).cloned().flatten();
        let whole = self
            .model
            .plans
            .iter()
            .find(|p| p.plan.code == code)
            .is_none_or(|p| p.is_whole());
        let plan = if whole {
            Fresh::Whole(self.store.load_plan_in(code, period.as_deref())?)
        } else {
            Fresh::Part(self.store.load_plan_part(code, period.as_deref(), &|c| {
                self.model.is_expanded(code, c)
            })?)
        };
        self.model.put_plan(plan, period);
        self.read_shown();
        self.model.contacts = self.store.contacts()?;
        self.sync_history();
        Ok(())
    }

    /// Reads the plans again, each in the period it shows, and keeps the
    /// view where it was.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.seen_version = self.store.data_version()?;
        self.edits += 1;
        let whole = self
            .model
            .plans
            .iter()
            .filter(|p| p.is_whole())
            .map(|p| p.plan.code.clone())
            .collect();
        let plans = load_plans(
            &self.store,
            &self.model.periods(),
            &whole,
            &self.model.expanded,
        )?;
        self.model.replace_plans(plans);
        self.read_shown();
        self.model.contacts = self.store.contacts()?;
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
        self.keep_summaries();
        Ok(true)
    }
}
