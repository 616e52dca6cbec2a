//! What each key does to the model, mode by mode.

use super::*;

impl Model {
    pub(super) fn browse(&mut self, action: Action) -> Option<Command> {
        let page = self.tree_height().saturating_sub(1).max(1);
        match action {
            Action::Down => self.move_to(self.cursor + 1),
            Action::Up => self.move_to(self.cursor.saturating_sub(1)),
            Action::First => self.move_to(0),
            Action::Last => self.move_to(self.rows.len().saturating_sub(1)),
            Action::PageDown => self.move_to(self.cursor + page),
            Action::PageUp => self.move_to(self.cursor.saturating_sub(page)),
            Action::Open => {
                let row = self.selected()?.clone();
                if !row.has_children {
                    return None;
                }
                if row.expanded {
                    self.move_to(self.cursor + 1);
                } else {
                    let key = self.row_key(&row);
                    self.expanded.insert(key);
                    self.rebuild();
                }
            }
            Action::Parent => {
                let row = self.selected()?.clone();
                if row.expanded {
                    let key = self.row_key(&row);
                    self.expanded.remove(&key);
                    self.rebuild();
                } else if let Some(parent) = self.parent_row(self.cursor) {
                    self.move_to(parent);
                }
            }
            Action::DetailDown => self.detail_scroll += 3,
            Action::DetailUp => self.detail_scroll = self.detail_scroll.saturating_sub(3),
            Action::Language => {
                self.lang = self.lang.next();
                let name = t(self.lang, "lang.name");
                self.info(tf(self.lang, "msg.language", &[("lang", &name)]));
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Status => {
                let (_, item) = self.selected_item()?;
                let Some(item) = item else {
                    self.error(t(self.lang, "msg.select_item").to_owned());
                    return None;
                };
                if self.read_only {
                    self.error(t(self.lang, "msg.read_only").to_owned());
                    return None;
                }
                let (ps, _) = self.selected_item()?;
                if ps.period.is_none() {
                    self.error(t(self.lang, "msg.no_period").to_owned());
                    return None;
                }
                let current = ps
                    .period
                    .as_deref()
                    .and_then(|p| item.current(p))
                    .map_or(Status::NotAssessed, |a| a.status);
                let choice = Status::ALL.iter().position(|&s| s == current).unwrap_or(0);
                self.overlay = Overlay::StatusPicker { choice };
            }
            Action::Period => {
                let (ps, _) = self.selected_item()?;
                if ps.plan.periods.is_empty() {
                    self.error(t(self.lang, "msg.no_period").to_owned());
                    return None;
                }
                let choice = ps
                    .period
                    .as_deref()
                    .and_then(|c| ps.plan.periods.iter().position(|p| p.code == c))
                    .unwrap_or(0);
                self.overlay = Overlay::PeriodPicker { choice };
            }
            Action::Search => {
                self.overlay = Overlay::Search {
                    query: String::new(),
                    origin: Box::new(SearchOrigin {
                        key: self.selected_key(),
                        expanded: self.expanded.clone(),
                    }),
                };
            }
            Action::NextHit | Action::PrevHit => self.jump_hit(action == Action::NextHit),
            Action::Comment | Action::Edit => return self.open_editor(action),
            Action::AddChild | Action::AddSibling | Action::AddPeriod => {
                return self.open_new(action);
            }
            Action::Delete => {
                let (ps, item) = self.writable_item()?;
                return Some(Command::AskDelete {
                    plan: ps.plan.code.clone(),
                    code: item.code.clone(),
                });
            }
            Action::MoveUp | Action::MoveDown => {
                let (ps, item) = self.writable_item()?;
                return Some(Command::Reorder {
                    plan: ps.plan.code.clone(),
                    code: item.code.clone(),
                    delta: if action == Action::MoveUp { -1 } else { 1 },
                });
            }
            Action::Move => return self.move_step(),
            Action::Rename => {
                let (ps, item) = self.writable_item()?;
                let target = editor::Target::Code {
                    plan: ps.plan.code.clone(),
                    item: item.code.clone(),
                };
                let code = item.code.clone();
                self.overlay = Overlay::Editor(Box::new(Editor::new(target, self.lang, &code)));
            }
            Action::MissingTexts => {
                self.overlay = Overlay::Missing {
                    lacking: Some(self.lang),
                    choice: 0,
                };
            }
            Action::Figures => {
                let (_, item) = self.writable_item()?;
                if item.indicators.is_empty() && item.risk.is_none() {
                    self.error(t(self.lang, "figures.none").to_owned());
                    return None;
                }
                self.overlay = Overlay::Figures { choice: 0 };
            }
            Action::History => {
                let key = self.selected_key()?;
                return Some(Command::LoadHistory(Box::new(HistoryView {
                    plan: key.plan,
                    whole_plan: key.item.is_none(),
                    item: key.item,
                    filter: HistoryFilter::All,
                    rows: Vec::new(),
                    scroll: 0,
                })));
            }
            Action::Translations => {
                let col = Lang::ALL.iter().position(|&l| l == self.lang).unwrap_or(0);
                self.overlay = Overlay::Translations { row: 0, col };
            }
            Action::Undo => return Some(Command::Undo),
            Action::Redo => return Some(Command::Redo),
            Action::Quit => return Some(Command::Quit),
            _ => {}
        }
        None
    }

    /// The selected item, if it is an item and the file may be written;
    /// otherwise says why not.
    pub(super) fn writable_item(&mut self) -> Option<(&PlanState, &Item)> {
        if self.read_only {
            self.error(t(self.lang, "msg.read_only").to_owned());
            return None;
        }
        if !matches!(self.selected_item(), Some((_, Some(_)))) {
            self.error(t(self.lang, "msg.select_item").to_owned());
            return None;
        }
        match self.selected_item() {
            Some((ps, Some(it))) => Some((ps, it)),
            _ => None,
        }
    }

    /// `m` on an item starts a move; `m` again on its new parent (or on the
    /// plan, for the top level) finishes it.
    pub(super) fn move_step(&mut self) -> Option<Command> {
        let Some(from) = self.moving.clone() else {
            let (ps, item) = self.writable_item()?;
            let key = NodeKey {
                plan: ps.plan.code.clone(),
                item: Some(item.code.clone()),
            };
            let address = format!("{}:{}", key.plan, item.code);
            self.moving = Some(key);
            self.info(tf(self.lang, "msg.move_start", &[("item", &address)]));
            return None;
        };
        let target = self.selected_key()?;
        self.moving = None;
        if target.plan != from.plan {
            self.error(t(self.lang, "msg.move_other_plan").to_owned());
            return None;
        }
        Some(Command::Move {
            plan: from.plan,
            code: from.item?,
            parent: target.item,
        })
    }

    /// Opens the one-line editor for a new item, plan or period.
    pub(super) fn open_new(&mut self, action: Action) -> Option<Command> {
        if self.read_only {
            self.error(t(self.lang, "msg.read_only").to_owned());
            return None;
        }
        let (ps, item) = self.selected_item()?;
        let plan = ps.plan.code.clone();
        let target = match (action, item) {
            (Action::AddPeriod, _) => editor::Target::NewPeriod { plan },
            (Action::AddChild, None) => editor::Target::NewItem {
                plan,
                parent: None,
                after: None,
            },
            (Action::AddChild, Some(it)) => editor::Target::NewItem {
                plan,
                parent: Some(it.code.clone()),
                after: None,
            },
            (_, None) => editor::Target::NewPlan,
            (_, Some(it)) => {
                let parent = ps
                    .plan
                    .find(&it.code)
                    .and_then(|(_, path)| path.last().map(|p| p.code.clone()));
                editor::Target::NewItem {
                    plan,
                    parent,
                    after: Some(it.code.clone()),
                }
            }
        };
        self.overlay = Overlay::Editor(Box::new(Editor::new(target, self.lang, "")));
        None
    }

    pub(super) fn missing_key(
        &mut self,
        action: Option<Action>,
        lacking: Option<Lang>,
        choice: usize,
    ) -> Option<Command> {
        let page = self.tree_height();
        let rows = self.missing_rows(lacking);
        let last = rows.len().saturating_sub(1);
        let (mut lacking, mut choice) = (lacking, choice);
        match action {
            Some(Action::Down) => choice = (choice + 1).min(last),
            Some(Action::Up) => choice = choice.saturating_sub(1),
            Some(Action::PageDown) => choice = (choice + page).min(last),
            Some(Action::PageUp) => choice = choice.saturating_sub(page),
            Some(Action::Filter) => {
                // The display language first, then the others, then any.
                let order = [
                    Some(self.lang),
                    Some(self.lang.next()),
                    Some(self.lang.next().next()),
                    None,
                ];
                let i = order.iter().position(|l| *l == lacking).unwrap_or(0);
                lacking = order[(i + 1) % order.len()];
                choice = 0;
            }
            Some(Action::Close) => return None,
            Some(Action::Confirm) => {
                let (plan, m) = rows.get(choice)?.clone();
                self.reveal(&NodeKey {
                    plan,
                    item: m.item.clone(),
                });
                // Where the translation view has the text, open it there, on
                // the first language it lacks (a comment of another period on
                // the comment row of the period shown).
                let rows = self.translation_rows();
                let row = rows.iter().position(|(f, _)| {
                    *f == m.field || (f.key() == m.field.key() && f.log_period().is_some())
                });
                if let Some(r) = row {
                    let lang = lacking.or(m.lacks.first().copied()).unwrap_or(self.lang);
                    let col = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
                    self.overlay = Overlay::Translations { row: r, col };
                }
                return None;
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        self.overlay = Overlay::Missing { lacking, choice };
        None
    }

    pub(super) fn figures_key(&mut self, action: Option<Action>, choice: usize) -> Option<Command> {
        let rows = self.figure_rows();
        let choice = match action {
            Some(Action::Down) => (choice + 1).min(rows.len().saturating_sub(1)),
            Some(Action::Up) => choice.saturating_sub(1),
            Some(Action::Cancel) => return None,
            Some(Action::Confirm) => {
                let kind = rows.get(choice)?.clone();
                let (ps, it) = self.selected_item()?;
                let it = it?;
                let lang = self.lang;
                let n = |x: f64| crate::i18n::number(lang, x, 4).replace('\u{a0}', "");
                let current = match &kind {
                    editor::FigureKind::Value { index, period } => it.indicators[*index]
                        .value_in(period)
                        .map(n)
                        .unwrap_or_default(),
                    editor::FigureKind::Thresholds { index } => {
                        let ind = &it.indicators[*index];
                        format!("{} / {}", n(ind.green), n(ind.yellow))
                    }
                    editor::FigureKind::Risk => it
                        .risk
                        .as_ref()
                        .map(|r| format!("{} × {}", r.probability, r.consequence))
                        .unwrap_or_default(),
                };
                let base = match &kind {
                    editor::FigureKind::Value { index, period } => FigureValue::Value(
                        it.indicators[*index]
                            .values
                            .iter()
                            .find(|v| &v.period == period)
                            .map(|v| v.value),
                    ),
                    editor::FigureKind::Thresholds { index } => {
                        let ind = &it.indicators[*index];
                        FigureValue::Thresholds(ind.direction, ind.green, ind.yellow)
                    }
                    editor::FigureKind::Risk => {
                        let r = it.risk.as_ref()?;
                        FigureValue::Risk(r.probability, r.consequence)
                    }
                };
                let target = editor::Target::Figure {
                    plan: ps.plan.code.clone(),
                    item: it.code.clone(),
                    kind,
                };
                let mut ed = Editor::new(target, lang, &current);
                ed.base_figure = Some(base);
                self.overlay = Overlay::Editor(Box::new(ed));
                return None;
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => choice,
        };
        self.overlay = Overlay::Figures { choice };
        None
    }

    pub(super) fn translations_key(
        &mut self,
        action: Option<Action>,
        row: usize,
        col: usize,
    ) -> Option<Command> {
        let rows = self.translation_rows();
        let (mut row, mut col) = (row, col);
        match action {
            Some(Action::Down) => row = (row + 1).min(rows.len().saturating_sub(1)),
            Some(Action::Up) => row = row.saturating_sub(1),
            Some(Action::PrevLang) => col = col.saturating_sub(1),
            Some(Action::NextLang) => col = (col + 1).min(Lang::ALL.len() - 1),
            Some(Action::Close) => return None,
            Some(Action::Edit) => {
                if self.read_only {
                    self.error(t(self.lang, "msg.read_only").to_owned());
                } else if let Some((which, text)) = rows.get(row) {
                    let lang = Lang::ALL[col];
                    let (ps, it) = self.selected_item()?;
                    let plan = ps.plan.code.clone();
                    let item = it.map(|i| i.code.clone());
                    let at = TextAt::new(&plan, item.as_deref(), which.clone())?;
                    let target = editor::Target::Text(at);
                    let current = text.get(lang).unwrap_or("").to_owned();
                    self.translations_return = Some((row, col));
                    self.overlay = Overlay::Editor(Box::new(Editor::new(target, lang, &current)));
                    return None;
                }
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        self.overlay = Overlay::Translations { row, col };
        None
    }

    pub(super) fn picker(&mut self, action: Option<Action>) -> Option<Command> {
        let (len, choice) = match &self.overlay {
            Overlay::StatusPicker { choice } => (Status::ALL.len(), *choice),
            Overlay::PeriodPicker { choice } => (
                self.selected_item()
                    .map_or(0, |(ps, _)| ps.plan.periods.len()),
                *choice,
            ),
            _ => return None,
        };
        let is_status = matches!(self.overlay, Overlay::StatusPicker { .. });
        if let Some(i) = Action::PICKS.iter().position(|&p| Some(p) == action) {
            if is_status {
                self.overlay = Overlay::None;
                return self.set_status(Status::ALL[i]);
            }
            return None;
        }
        let new_choice = match action {
            Some(Action::Down) => (choice + 1).min(len.saturating_sub(1)),
            Some(Action::Up) => choice.saturating_sub(1),
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
                return None;
            }
            Some(Action::Confirm) => {
                self.overlay = Overlay::None;
                if is_status {
                    return self.set_status(Status::ALL[choice]);
                }
                return self.choose_period(choice);
            }
            _ => return None,
        };
        match &mut self.overlay {
            Overlay::StatusPicker { choice } | Overlay::PeriodPicker { choice } => {
                *choice = new_choice
            }
            _ => {}
        }
        None
    }

    /// The write of a status picked for the selected item in the period
    /// shown.
    fn set_status(&self, status: Status) -> Option<Command> {
        let (ps, item) = self.selected_item()?;
        Some(Command::SetStatus {
            plan: ps.plan.code.clone(),
            item: item?.code.clone(),
            period: ps.period.clone()?,
            status,
        })
    }

    pub(super) fn choose_period(&mut self, choice: usize) -> Option<Command> {
        let (ps, _) = self.selected_item()?;
        let period = ps.plan.periods.get(choice)?.code.clone();
        Some(Command::ShowPeriod {
            plan: ps.plan.code.clone(),
            period,
        })
    }

    pub(super) fn open_editor(&mut self, action: Action) -> Option<Command> {
        let (ps, item) = self.selected_item()?;
        let Some(item) = item else {
            self.error(t(self.lang, "msg.select_item").to_owned());
            return None;
        };
        if self.read_only {
            self.error(t(self.lang, "msg.read_only").to_owned());
            return None;
        }
        let field = if action == Action::Comment {
            let Some(period) = ps.period.clone() else {
                self.error(t(self.lang, "msg.no_period").to_owned());
                return None;
            };
            Field::Comment { period }
        } else {
            Field::Title
        };
        let current = field
            .of_item(item)
            .and_then(|t| t.get(self.lang))
            .unwrap_or("")
            .to_owned();
        let at = TextAt::item(&ps.plan.code, &item.code, field)?;
        let editor = Editor::new(editor::Target::Text(at), self.lang, &current);
        self.overlay = Overlay::Editor(Box::new(editor));
        None
    }

    /// Handles one key; returns a write for the app to carry out, if any.
    /// The overlay says which keymap mode the key is read in
    /// ([`Overlay::mode`]); each mode has its own method. The global quit
    /// (Ctrl-C) quits from any of them, asking first where an edit would be
    /// lost.
    pub fn key(&mut self, key: &KeyEvent) -> Option<Command> {
        let action = self.keymap.action_in(self.overlay.mode(), self.lang, key);
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => self.browse_key(action),
            Overlay::Help { scroll } => self.help_key(action, scroll),
            o @ (Overlay::StatusPicker { .. } | Overlay::PeriodPicker { .. }) => {
                self.overlay = o;
                if action == Some(Action::Quit) {
                    return self.quit_now();
                }
                self.picker(action)
            }
            o @ Overlay::Search { .. } => {
                self.overlay = o;
                if action == Some(Action::Quit) {
                    return self.quit_now();
                }
                self.search_input(key, action);
                None
            }
            Overlay::Editor(ed) => self.editor_key(key, action, ed),
            Overlay::ConfirmDiscard(ed) => self.confirm_discard_key(action, ed),
            Overlay::ConfirmQuit(ed) => self.confirm_quit_key(action, ed),
            Overlay::Conflict(c) => self.conflict_key(action, c),
            Overlay::Translations { row, col } => self.translations_key(action, row, col),
            Overlay::Figures { choice } => self.figures_key(action, choice),
            Overlay::Missing { lacking, choice } => self.missing_key(action, lacking, choice),
            Overlay::History(h) => self.history_key(action, h),
            Overlay::Ask(q) => {
                match action {
                    Some(Action::Yes) => return Some(q.yes),
                    Some(Action::No) => return q.no,
                    // Esc leaves a question without doing either thing it offers.
                    Some(Action::Cancel) => {}
                    Some(Action::Quit) => return Some(Command::Quit),
                    _ => self.overlay = Overlay::Ask(q),
                }
                None
            }
        }
    }

    fn quit_now(&mut self) -> Option<Command> {
        self.overlay = Overlay::None;
        Some(Command::Quit)
    }

    fn browse_key(&mut self, action: Option<Action>) -> Option<Command> {
        self.message = None;
        if self.moving.is_some() && action == Some(Action::Cancel) {
            self.moving = None;
            self.info(t(self.lang, "msg.move_cancelled").to_owned());
            return None;
        }
        self.browse(action?)
    }

    fn help_key(&mut self, action: Option<Action>, scroll: usize) -> Option<Command> {
        let page = self.tree_height();
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

    fn history_key(&mut self, action: Option<Action>, mut h: Box<HistoryView>) -> Option<Command> {
        let page = self.tree_height();
        match action {
            Some(Action::Close) => return None,
            Some(Action::Down) => h.scroll += 1,
            Some(Action::Up) => h.scroll = h.scroll.saturating_sub(1),
            Some(Action::PageDown) => h.scroll += page,
            Some(Action::PageUp) => h.scroll = h.scroll.saturating_sub(page),
            Some(Action::Scope) if h.item.is_some() => {
                h.whole_plan = !h.whole_plan;
                h.scroll = 0;
                return Some(Command::LoadHistory(h));
            }
            Some(Action::Filter) => {
                h.filter = match h.filter {
                    HistoryFilter::All => HistoryFilter::SincePeriod,
                    HistoryFilter::SincePeriod => HistoryFilter::Last30Days,
                    HistoryFilter::Last30Days => HistoryFilter::All,
                };
                h.scroll = 0;
                return Some(Command::LoadHistory(h));
            }
            Some(Action::Quit) => return self.quit_now(),
            _ => {}
        }
        h.scroll = h.scroll.min(h.rows.len().saturating_sub(1));
        self.overlay = Overlay::History(h);
        None
    }
}
