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
                // Inside a sentence: "Kieli: suomi", "Språk: svenska".
                let name = t(self.lang, "lang.in_text");
                self.info(tf(self.lang, "msg.language", &[("lang", &name)]));
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Status => {
                self.writable_item()?;
                let period = self.open_period()?;
                let (_, Some(item)) = self.selected_item()? else {
                    return None;
                };
                let current = item
                    .current(&period)
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
            Action::Keep => return self.keep_status(),
            Action::NextToAssess => self.next_to_assess(),
            Action::Round => self.open_round(),
            Action::Filter => self.open_filter(),
            Action::ExpandAll | Action::CollapseAll => self.expand_all(action == Action::ExpandAll),
            Action::Palette => {
                self.overlay = Overlay::Palette {
                    query: String::new(),
                    choice: 0,
                };
            }
            Action::WiderTree | Action::NarrowerTree => {
                // From where it is now, by 5 % of the width, kept for the
                // next start.
                let now = self.tree_share.unwrap_or(50);
                let step: i32 = if action == Action::WiderTree { 5 } else { -5 };
                let share = (i32::from(now) + step).clamp(20, 80) as u16;
                self.tree_share = Some(share);
                self.info(tf(self.lang, "msg.tree_width", &[("share", &share)]));
            }
            Action::Comment | Action::Edit => return self.open_editor(action),
            Action::Periods => self.open_periods(),
            Action::People => self.open_people(),
            Action::Changes => return self.open_changes(),
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
                // On a plan's own row: its code and years.
                if let Some((ps, None)) = self.selected_item() {
                    if self.read_only {
                        self.error(t(self.lang, "msg.read_only").to_owned());
                        return None;
                    }
                    let p = &ps.plan;
                    let years = crate::domain::rules::years_text(p.start_year, p.end_year);
                    let form = format!("{}; {years}", p.code);
                    let target = editor::Target::PlanCode {
                        plan: p.code.clone(),
                    };
                    self.overlay = Overlay::Editor(Box::new(Editor::new(target, self.lang, &form)));
                    return None;
                }
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
                // An item without figures opens on what can be added.
                self.writable_item()?;
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
            Overlay::Filter { choice } => self.filter_key(action, choice),
            Overlay::Periods { choice } => self.periods_key(action, choice),
            Overlay::People { choice } => self.people_key(action, choice),
            Overlay::Changes(v) => self.changes_key(action, v),
            Overlay::Round(v) => self.round_key(action, v),
            Overlay::History(h) => self.history_key(action, h),
            Overlay::Ask(q) => self.ask_key(action, q),
            o @ Overlay::Palette { .. } => {
                self.overlay = o;
                self.palette_input(key, action)
            }
        }
    }

    pub(super) fn quit_now(&mut self) -> Option<Command> {
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
        // Esc takes a filter off the tree.
        if self.filter.is_some() && action == Some(Action::Cancel) {
            self.set_filter(None);
            return None;
        }
        self.browse(action?)
    }
}
