//! The application model: state, actions, and what each key does to them.
//! Views draw from `&Model` only; every write goes through the store.

pub mod editor;
pub mod search;
pub mod tree;

use std::collections::{HashMap, HashSet};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Item, Lang, Plan, Rolled, Status};
use crate::i18n::{t, tf};
use crate::keymap::{Action, Keymap, Mode};
use crate::store::{SetAssessment, Store, StoreError};
use editor::Editor;
use tree::{NodeKey, Row};

/// A plan as the app holds it, with the period it shows and the statuses of
/// that period.
pub struct PlanState {
    pub plan: Plan,
    pub period: Option<String>,
    pub rolled: HashMap<String, Rolled>,
}

impl PlanState {
    /// A plan loaded with the follow-ups of `period` (see
    /// [`Store::load_plan_in`]).
    pub fn new(plan: Plan, period: Option<String>) -> PlanState {
        let mut s = PlanState {
            plan,
            period,
            rolled: HashMap::new(),
        };
        s.roll();
        s
    }

    fn roll(&mut self) {
        self.rolled = match &self.period {
            Some(p) => self
                .plan
                .rolled(p)
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            None => HashMap::new(),
        };
    }
}

/// What is drawn over the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    StatusPicker {
        choice: usize,
    },
    PeriodPicker {
        choice: usize,
    },
    Search {
        query: String,
        origin: Box<SearchOrigin>,
    },
    Editor(Box<Editor>),
    /// "Throw away the change?" over an open editor.
    ConfirmDiscard(Box<Editor>),
    /// "Quit and throw away the change?"
    ConfirmQuit(Box<Editor>),
    /// Another strata changed the text being saved: both versions, and the
    /// choice.
    Conflict(Box<Conflict>),
    /// The selected item's texts in fi, sv and en side by side; the cursor is
    /// on one text (row) in one language (column).
    Translations {
        row: usize,
        col: usize,
    },
    /// The change log of the selected item or of its whole plan.
    History(Box<HistoryView>),
    /// The figures of the selected item to choose one to edit.
    Figures {
        choice: usize,
    },
    /// Every text missing in a language (`lacking`; None: in any), across
    /// every plan.
    Missing {
        lacking: Option<Lang>,
        choice: usize,
    },
    /// A yes/no question before a step that needs one (deleting, copying
    /// statuses into a new period).
    Ask(Box<Question>),
}

/// A figure's value as the store takes and returns it.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureValue {
    /// An indicator value: `None` no row, `Some(None)` no data.
    Value(Option<Option<f64>>),
    Thresholds(crate::domain::Direction, f64, f64),
    Risk(u8, u8),
}

/// Reads a number as a person writes it: a decimal comma or point, spaces
/// and no-break spaces between digit groups, an optional `%`.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '−' => '-',
            c => c,
        })
        .collect();
    cleaned.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Two numbers written with anything between them: "70 / 29", "3 × 4".
pub fn parse_two(s: &str) -> Option<(f64, f64)> {
    let parts: Vec<&str> = s
        .split(['/', '×', 'x', '*', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => Some((parse_number(a)?, parse_number(b)?)),
        _ => None,
    }
}

/// A row of the translation view: which text of the item or plan it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRow {
    /// An item's own text (`title`, `description`, `owner`, `follow_up`).
    Item(&'static str),
    /// The item's comment in the period shown.
    Comment,
    /// A plan's own text (`title`, `description`, `organisation`).
    Plan(&'static str),
    /// The name of the plan's level at this depth.
    Level(usize),
    /// The item's further actions in the period shown.
    Actions,
    /// A text of the item's indicator at this index.
    Indicator(usize, &'static str),
    /// A text of the item's risk's control moment at this index.
    Control(usize, &'static str),
}

impl TextRow {
    /// The same place as the missing-translations list names it.
    pub fn field(self, period: Option<&str>) -> Option<crate::domain::translation::Field> {
        use crate::domain::translation::Field;
        let period = period.unwrap_or_default().to_owned();
        Some(match self {
            TextRow::Item("title") => Field::Title,
            TextRow::Item("description") => Field::Description,
            TextRow::Item("owner") => Field::Owner,
            TextRow::Item("follow_up") => Field::FollowUp,
            TextRow::Comment => Field::Comment { period },
            TextRow::Actions => Field::Actions { period },
            TextRow::Plan("title") => Field::PlanTitle,
            TextRow::Plan("description") => Field::PlanDescription,
            TextRow::Plan("organisation") => Field::PlanOrganisation,
            TextRow::Level(d) => Field::Level(d),
            TextRow::Indicator(i, "name") => Field::IndicatorName(i),
            TextRow::Indicator(i, "unit") => Field::IndicatorUnit(i),
            TextRow::Indicator(i, "source") => Field::IndicatorSource(i),
            TextRow::Indicator(i, _) => Field::IndicatorDescription(i),
            TextRow::Control(i, "what") => Field::ControlWhat(i),
            TextRow::Control(i, "how") => Field::ControlHow(i),
            TextRow::Control(i, "frequency") => Field::ControlFrequency(i),
            TextRow::Control(i, "performer") => Field::ControlPerformer(i),
            TextRow::Control(i, _) => Field::ControlResponsible(i),
            _ => return None,
        })
    }
}

/// Which changes the history view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryFilter {
    All,
    /// Since the shown period began: "what changed since the last follow-up".
    SincePeriod,
    Last30Days,
}

/// The history view: whose changes, which, and where the reader is.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryView {
    pub plan: String,
    /// The item it was opened on (None: opened on the plan).
    pub item: Option<String>,
    /// Show the whole plan's changes even when opened on an item.
    pub whole_plan: bool,
    pub filter: HistoryFilter,
    pub rows: Vec<crate::store::ChangeRow>,
    pub scroll: usize,
}

/// A question and what each answer does.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub text: String,
    pub yes: Command,
    pub no: Option<Command>,
}

/// A save refused because the stored text changed since the editor opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub editor: Editor,
    pub theirs: Option<String>,
    pub by: String,
    pub at: String,
}

/// Where a search began, to go back there on Esc and to open only the path to
/// the current hit while typing.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOrigin {
    pub key: Option<NodeKey>,
    pub expanded: HashSet<NodeKey>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
}

/// One undoable step of the user's own edits in this session.
#[derive(Clone, Debug, PartialEq)]
pub enum UndoStep {
    /// An assessment row this user wrote: undo deletes it, redo puts it back.
    Assessment {
        address: String,
        row: Box<crate::store::StoredAssessment>,
    },
    /// An item that was added: reversing it deletes it (and yields `Removed`).
    Added { plan: String, code: String },
    /// An item that was removed: reversing it puts it back (and yields `Added`).
    Removed {
        plan: String,
        parent: Option<String>,
        position: usize,
        item: Box<Item>,
    },
    /// An item moved from one place to another: reversing moves it back.
    Moved {
        plan: String,
        code: String,
        from: (Option<String>, usize),
        to: (Option<String>, usize),
    },
    /// An item moved among its siblings: reversing moves it the other way.
    Reordered {
        plan: String,
        code: String,
        delta: i64,
    },
    /// An indicator text, control text or further actions: undo writes `old`
    /// back, redo `new`.
    DetailText {
        target: editor::Target,
        lang: Lang,
        old: Option<String>,
        new: Option<String>,
    },
    /// A figure: undo writes `old` back, redo `new`.
    Figure {
        plan: String,
        item: String,
        kind: editor::FigureKind,
        old: FigureValue,
        new: FigureValue,
    },
    /// A text of a plan, or a level name: undo writes `old` back, redo `new`.
    PlanText {
        plan: String,
        row: TextRow,
        lang: Lang,
        old: Option<String>,
        new: Option<String>,
    },
    /// A text of an item: undo writes `old` back, redo writes `new` again.
    Text {
        plan: String,
        item: String,
        field: &'static str,
        lang: Lang,
        old: Option<String>,
        new: Option<String>,
    },
}

pub struct Model {
    pub lang: Lang,
    pub plans: Vec<PlanState>,
    pub expanded: HashSet<NodeKey>,
    pub rows: Vec<Row>,
    pub cursor: usize,
    /// First visible row of the tree.
    pub offset: usize,
    /// How far the detail pane is scrolled; back to the top on every move.
    pub detail_scroll: usize,
    /// The terminal's size, as last seen.
    pub width: u16,
    pub height: u16,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub read_only: bool,
    pub color: bool,
    pub keymap: Keymap,
    /// The last search, kept for `n` / `N` and highlighting.
    pub query: String,
    pub hits: Vec<NodeKey>,
    pub undo: Vec<UndoStep>,
    pub redo: Vec<UndoStep>,
    pub quit: bool,
    /// Every follow-up of the selected item, read when the selection moves.
    pub history: Option<(NodeKey, Vec<crate::domain::Assessment>)>,
    /// The item being moved (`m`), waiting for its new parent.
    pub moving: Option<NodeKey>,
    /// Where to go back to in the translation view after editing a text
    /// opened from it.
    pub translations_return: Option<(usize, usize)>,
}

/// What the event loop should do after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    Quit,
}

/// The model with the store it writes to.
pub struct App {
    pub model: Model,
    pub store: Store,
    /// `PRAGMA data_version` when the plans were last read.
    seen_version: i64,
}

impl Model {
    /// A model of plans, each with the period it shows.
    pub fn new(plans: Vec<(Plan, Option<String>)>, lang: Lang, keymap: Keymap) -> Model {
        let plans: Vec<PlanState> = plans
            .into_iter()
            .map(|(p, period)| PlanState::new(p, period))
            .collect();
        // Plans start open one level: the manager sees every top-level item.
        let expanded: HashSet<NodeKey> = plans
            .iter()
            .map(|p| NodeKey {
                plan: p.plan.code.clone(),
                item: None,
            })
            .collect();
        let mut m = Model {
            lang,
            plans,
            expanded,
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
            detail_scroll: 0,
            width: 80,
            height: 24,
            overlay: Overlay::None,
            message: None,
            read_only: false,
            color: true,
            keymap,
            query: String::new(),
            hits: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            quit: false,
            history: None,
            moving: None,
            translations_return: None,
        };
        m.rebuild();
        m
    }

    pub fn plan_list(&self) -> Vec<&Plan> {
        self.plans.iter().map(|p| &p.plan).collect()
    }

    /// Rebuilds the visible rows, keeping the selected node selected.
    pub fn rebuild(&mut self) {
        let selected = self.selected_key();
        self.rows = self.build_rows();
        if let Some(k) = selected {
            if let Some(i) = self.find_row(&k) {
                self.cursor = i;
            }
        }
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view();
    }

    fn build_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (pi, ps) in self.plans.iter().enumerate() {
            let one = tree::build_rows(std::slice::from_ref(&ps.plan), &self.expanded);
            rows.extend(one.into_iter().map(|mut r| {
                r.plan = pi;
                r
            }));
        }
        rows
    }

    pub fn find_row(&self, key: &NodeKey) -> Option<usize> {
        self.rows.iter().position(|r| {
            let p = &self.plans[r.plan].plan;
            p.code == key.plan && tree::item_at(p, &r.path).map(|i| &i.code) == key.item.as_ref()
        })
    }

    pub fn row_key(&self, row: &Row) -> NodeKey {
        let p = &self.plans[row.plan].plan;
        NodeKey {
            plan: p.code.clone(),
            item: tree::item_at(p, &row.path).map(|i| i.code.clone()),
        }
    }

    pub fn selected(&self) -> Option<&Row> {
        self.rows.get(self.cursor)
    }

    pub fn selected_key(&self) -> Option<NodeKey> {
        self.selected().map(|r| self.row_key(r))
    }

    /// The selected plan and item (None when the plan row itself is selected).
    pub fn selected_item(&self) -> Option<(&PlanState, Option<&Item>)> {
        let r = self.selected()?;
        let ps = &self.plans[r.plan];
        Some((ps, tree::item_at(&ps.plan, &r.path)))
    }

    /// How many tree rows fit on the screen.
    pub fn tree_height(&self) -> usize {
        (self.height as usize).saturating_sub(3).max(1)
    }

    /// Keeps the cursor on screen. When it leaves the screen, the tree jumps
    /// to put it in the middle, rather than creeping one row per key: a
    /// creeping tree repaints every row on every key (costly over SSH).
    fn scroll_into_view(&mut self) {
        let h = self.tree_height();
        if self.cursor < self.offset || self.cursor >= self.offset + h {
            self.offset = self.cursor.saturating_sub(h / 2);
        }
        let max_offset = self.rows.len().saturating_sub(h);
        self.offset = self.offset.min(max_offset);
    }

    fn move_to(&mut self, i: usize) {
        let i = i.min(self.rows.len().saturating_sub(1));
        if i != self.cursor {
            self.detail_scroll = 0;
        }
        self.cursor = i;
        self.scroll_into_view();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.scroll_into_view();
    }

    fn info(&mut self, text: String) {
        self.message = Some(Message {
            kind: MessageKind::Info,
            text,
        });
    }

    fn error(&mut self, text: String) {
        self.message = Some(Message {
            kind: MessageKind::Error,
            text,
        });
    }

    /// Opens the path to a node and selects it.
    pub fn reveal(&mut self, key: &NodeKey) {
        let ancestors = {
            let plan = self
                .plans
                .iter()
                .map(|p| &p.plan)
                .find(|p| p.code == key.plan);
            let mut out = vec![NodeKey {
                plan: key.plan.clone(),
                item: None,
            }];
            if let (Some(plan), Some(code)) = (plan, &key.item) {
                if let Some((_, path)) = plan.find(code) {
                    out.extend(path.iter().map(|a| NodeKey {
                        plan: key.plan.clone(),
                        item: Some(a.code.clone()),
                    }));
                }
            }
            out
        };
        self.expanded.extend(ancestors);
        self.rows = self.build_rows();
        if let Some(i) = self.find_row(key) {
            self.move_to(i);
        }
    }

    fn browse(&mut self, action: Action) -> Option<Command> {
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
            Action::Quit => {
                self.quit = true;
            }
            _ => {}
        }
        None
    }

    /// The selected item, if it is an item and the file may be written;
    /// otherwise says why not.
    fn writable_item(&mut self) -> Option<(&PlanState, &Item)> {
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
    fn move_step(&mut self) -> Option<Command> {
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
    fn open_new(&mut self, action: Action) -> Option<Command> {
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

    /// The texts the translation view shows: for an item its own fields,
    /// then the comment of the period shown; for a plan its title,
    /// description, organisation and the names of its levels.
    pub fn translation_rows(&self) -> Vec<(TextRow, crate::domain::Text)> {
        match self.selected_item() {
            Some((ps, Some(it))) => {
                let mut rows = vec![
                    (TextRow::Item("title"), it.title.clone()),
                    (TextRow::Item("description"), it.description.clone()),
                    (TextRow::Item("owner"), it.owner.clone()),
                    (TextRow::Item("follow_up"), it.follow_up.clone()),
                ];
                if let Some(p) = &ps.period {
                    let current = it.current(p);
                    let comment = current.map(|a| a.comment.clone()).unwrap_or_default();
                    let actions = current.map(|a| a.actions.clone()).unwrap_or_default();
                    rows.push((TextRow::Comment, comment));
                    rows.push((TextRow::Actions, actions));
                }
                for (i, ind) in it.indicators.iter().enumerate() {
                    for (f, t) in [
                        ("name", &ind.name),
                        ("description", &ind.description),
                        ("unit", &ind.unit),
                        ("source", &ind.source),
                    ] {
                        rows.push((TextRow::Indicator(i, f), t.clone()));
                    }
                }
                for (i, c) in it.risk.iter().flat_map(|r| r.controls.iter()).enumerate() {
                    for (f, t) in [
                        ("what", &c.what),
                        ("how", &c.how),
                        ("frequency", &c.frequency),
                        ("performer", &c.performer),
                        ("responsible", &c.responsible),
                    ] {
                        rows.push((TextRow::Control(i, f), t.clone()));
                    }
                }
                rows
            }
            Some((ps, None)) => {
                let plan = &ps.plan;
                let mut rows = vec![
                    (TextRow::Plan("title"), plan.title.clone()),
                    (TextRow::Plan("description"), plan.description.clone()),
                    (TextRow::Plan("organisation"), plan.organisation.clone()),
                ];
                let depth = plan.walk().iter().map(|(d, _)| d + 1).max().unwrap_or(0);
                let levels = plan.levels.len().max(depth).max(3);
                for d in 0..levels {
                    let name = plan.levels.get(d).cloned().unwrap_or_default();
                    rows.push((TextRow::Level(d), name));
                }
                rows
            }
            None => Vec::new(),
        }
    }

    /// The figures of the selected item that can be edited, in order: for
    /// each indicator its value in the period shown and its thresholds, then
    /// the risk.
    pub fn figure_rows(&self) -> Vec<editor::FigureKind> {
        let Some((ps, Some(it))) = self.selected_item() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for index in 0..it.indicators.len() {
            if let Some(period) = &ps.period {
                rows.push(editor::FigureKind::Value {
                    index,
                    period: period.clone(),
                });
            }
            rows.push(editor::FigureKind::Thresholds { index });
        }
        if it.risk.is_some() {
            rows.push(editor::FigureKind::Risk);
        }
        rows
    }

    /// The texts the missing-translations view lists: (plan code, what is
    /// missing), in the plans' order, those lacking `lacking` (or any).
    pub fn missing_rows(
        &self,
        lacking: Option<Lang>,
    ) -> Vec<(String, crate::domain::translation::Missing)> {
        let mut out = Vec::new();
        for ps in &self.plans {
            for m in crate::domain::translation::missing_translations(&ps.plan) {
                if lacking.is_none_or(|l| m.lacks.contains(&l)) {
                    out.push((ps.plan.code.clone(), m));
                }
            }
        }
        out
    }

    fn missing_key(
        &mut self,
        key: &KeyEvent,
        lacking: Option<Lang>,
        choice: usize,
    ) -> Option<Command> {
        use crate::domain::translation::Field;
        let page = self.tree_height();
        let rows = self.missing_rows(lacking);
        let last = rows.len().saturating_sub(1);
        let (mut lacking, mut choice) = (lacking, choice);
        match self.keymap.action(Mode::Missing, key) {
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
                // the first language it lacks.
                let row = match (&m.item, &m.field) {
                    (Some(_), Field::Title) => Some(TextRow::Item("title")),
                    (Some(_), Field::Description) => Some(TextRow::Item("description")),
                    (Some(_), Field::Owner) => Some(TextRow::Item("owner")),
                    (Some(_), Field::FollowUp) => Some(TextRow::Item("follow_up")),
                    (Some(_), Field::Comment { .. }) => Some(TextRow::Comment),
                    (None, Field::PlanTitle) => Some(TextRow::Plan("title")),
                    (None, Field::PlanDescription) => Some(TextRow::Plan("description")),
                    (None, Field::PlanOrganisation) => Some(TextRow::Plan("organisation")),
                    (None, Field::Level(d)) => Some(TextRow::Level(*d)),
                    (Some(_), Field::Actions { .. }) => Some(TextRow::Actions),
                    (Some(_), Field::IndicatorName(i)) => Some(TextRow::Indicator(*i, "name")),
                    (Some(_), Field::IndicatorUnit(i)) => Some(TextRow::Indicator(*i, "unit")),
                    (Some(_), Field::IndicatorSource(i)) => Some(TextRow::Indicator(*i, "source")),
                    (Some(_), Field::IndicatorDescription(i)) => {
                        Some(TextRow::Indicator(*i, "description"))
                    }
                    (Some(_), Field::ControlWhat(i)) => Some(TextRow::Control(*i, "what")),
                    (Some(_), Field::ControlHow(i)) => Some(TextRow::Control(*i, "how")),
                    (Some(_), Field::ControlFrequency(i)) => {
                        Some(TextRow::Control(*i, "frequency"))
                    }
                    (Some(_), Field::ControlPerformer(i)) => {
                        Some(TextRow::Control(*i, "performer"))
                    }
                    (Some(_), Field::ControlResponsible(i)) => {
                        Some(TextRow::Control(*i, "responsible"))
                    }
                    _ => None,
                };
                if let Some(row) = row {
                    let rows = self.translation_rows();
                    let r = rows.iter().position(|(k, _)| *k == row).unwrap_or(0);
                    let lang = lacking.or(m.lacks.first().copied()).unwrap_or(self.lang);
                    let col = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
                    self.overlay = Overlay::Translations { row: r, col };
                }
                return None;
            }
            _ if key.code == KeyCode::Char('c')
                && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.quit = true;
                return None;
            }
            _ => {}
        }
        self.overlay = Overlay::Missing { lacking, choice };
        None
    }

    fn figures_key(&mut self, key: &KeyEvent, choice: usize) -> Option<Command> {
        let rows = self.figure_rows();
        let choice = match self.keymap.action(Mode::Picker, key) {
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
                let target = editor::Target::Figure {
                    plan: ps.plan.code.clone(),
                    item: it.code.clone(),
                    kind,
                };
                self.overlay = Overlay::Editor(Box::new(Editor::new(target, lang, &current)));
                return None;
            }
            _ if key.code == KeyCode::Char('c')
                && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.quit = true;
                return None;
            }
            _ => choice,
        };
        self.overlay = Overlay::Figures { choice };
        None
    }

    fn translations_key(&mut self, key: &KeyEvent, row: usize, col: usize) -> Option<Command> {
        let rows = self.translation_rows();
        let (mut row, mut col) = (row, col);
        match self.keymap.action(Mode::Translations, key) {
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
                    let target = match (*which, item) {
                        (TextRow::Comment, Some(item)) => editor::Target::Comment {
                            plan,
                            item,
                            period: ps.period.clone()?,
                        },
                        (TextRow::Item(field), Some(item)) => {
                            editor::Target::Text { plan, item, field }
                        }
                        (TextRow::Actions, Some(item)) => editor::Target::Actions {
                            plan,
                            item,
                            period: ps.period.clone()?,
                        },
                        (TextRow::Indicator(index, field), Some(item)) => {
                            editor::Target::IndicatorText {
                                plan,
                                item,
                                index,
                                field,
                            }
                        }
                        (TextRow::Control(index, field), Some(item)) => {
                            editor::Target::ControlText {
                                plan,
                                item,
                                index,
                                field,
                            }
                        }
                        (TextRow::Plan(field), _) => editor::Target::PlanText { plan, field },
                        (TextRow::Level(depth), _) => editor::Target::LevelName { plan, depth },
                        _ => return None,
                    };
                    let current = text.get(lang).unwrap_or("").to_owned();
                    self.translations_return = Some((row, col));
                    self.overlay = Overlay::Editor(Box::new(Editor::new(target, lang, &current)));
                    return None;
                }
            }
            _ if key.code == KeyCode::Char('c')
                && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.quit = true;
                return None;
            }
            _ => {}
        }
        self.overlay = Overlay::Translations { row, col };
        None
    }

    /// After an editor closes: back to the translation view if it was
    /// opened from there.
    pub fn after_editor(&mut self) {
        if let Some((row, col)) = self.translations_return.take() {
            if self.overlay == Overlay::None {
                self.overlay = Overlay::Translations { row, col };
            }
        }
    }

    fn parent_row(&self, i: usize) -> Option<usize> {
        let depth = self.rows.get(i)?.depth();
        if depth == 0 {
            return None;
        }
        (0..i).rev().find(|&j| self.rows[j].depth() < depth)
    }

    fn jump_hit(&mut self, forward: bool) {
        if self.hits.is_empty() {
            let key = if self.query.is_empty() {
                "msg.no_search"
            } else {
                "msg.no_hits"
            };
            self.error(tf(self.lang, key, &[("query", &self.query)]));
            return;
        }
        let current = self.selected_key();
        let pos = current
            .as_ref()
            .and_then(|k| self.hits.iter().position(|h| h == k));
        let n = self.hits.len();
        let next = match (pos, forward) {
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let key = self.hits[next].clone();
        self.reveal(&key);
        self.info(tf(
            self.lang,
            "msg.hit",
            &[("n", &(next + 1)), ("total", &n), ("query", &self.query)],
        ));
    }

    fn search_input(&mut self, key: &KeyEvent) {
        let Overlay::Search { query, origin } = &mut self.overlay else {
            return;
        };
        let origin = origin.clone();
        match self.keymap.action(Mode::Search, key) {
            Some(Action::Confirm) => {
                let q = query.clone();
                self.overlay = Overlay::None;
                self.query = q;
                if self.hits.is_empty() && !self.query.is_empty() {
                    self.error(tf(self.lang, "msg.no_hits", &[("query", &self.query)]));
                }
                return;
            }
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
                self.query.clear();
                self.hits.clear();
                self.go_back(&origin);
                return;
            }
            _ => {}
        }
        match key.code {
            KeyCode::Backspace => {
                query.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => query.push(c),
            _ => return,
        }
        let q = query.clone();
        let (hits, first) = self.search_hits(&q, origin.key.as_ref());
        self.hits = hits;
        self.query = q;
        // Incremental: show the first hit at or after where the search began,
        // with only the path to it opened.
        match first {
            Some(i) => {
                self.expanded = origin.expanded.clone();
                let hit = self.hits[i].clone();
                self.reveal(&hit);
            }
            None => self.go_back(&origin),
        }
    }

    /// The tree as it was when the search began.
    fn go_back(&mut self, origin: &SearchOrigin) {
        self.expanded = origin.expanded.clone();
        self.rows = self.build_rows();
        let i = origin
            .key
            .as_ref()
            .and_then(|k| self.find_row(k))
            .unwrap_or(0);
        self.cursor = usize::MAX;
        self.move_to(i);
    }

    /// Every node whose title (in any language) or code matches, in tree
    /// order, and the index of the first hit at or after `origin`
    /// (wrapping to the first).
    fn search_hits(&self, q: &str, origin: Option<&NodeKey>) -> (Vec<NodeKey>, Option<usize>) {
        let needle = q.trim().to_lowercase();
        let mut hits = Vec::new();
        let mut first = None;
        if needle.is_empty() {
            return (hits, first);
        }
        let mut passed = origin.is_none();
        for ps in &self.plans {
            let plan = &ps.plan;
            let mut visit = |key: NodeKey, matches: bool| {
                if !passed && Some(&key) == origin {
                    passed = true;
                }
                if matches {
                    if passed && first.is_none() {
                        first = Some(hits.len());
                    }
                    hits.push(key);
                }
            };
            visit(
                NodeKey {
                    plan: plan.code.clone(),
                    item: None,
                },
                search::text_matches(&plan.title, &needle),
            );
            for (_, it) in plan.walk() {
                let m =
                    search::text_matches(&it.title, &needle) || it.code.to_lowercase() == needle;
                visit(
                    NodeKey {
                        plan: plan.code.clone(),
                        item: Some(it.code.clone()),
                    },
                    m,
                );
            }
        }
        if first.is_none() && !hits.is_empty() {
            first = Some(0);
        }
        (hits, first)
    }

    fn picker(&mut self, key: &KeyEvent) -> Option<Command> {
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
        if is_status {
            if let KeyCode::Char(c @ '1'..='5') = key.code {
                let s = Status::ALL[c as usize - '1' as usize];
                self.overlay = Overlay::None;
                return Some(Command::SetStatus(s));
            }
        }
        let new_choice = match self.keymap.action(Mode::Picker, key) {
            Some(Action::Down) => (choice + 1).min(len.saturating_sub(1)),
            Some(Action::Up) => choice.saturating_sub(1),
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
                return None;
            }
            Some(Action::Confirm) => {
                self.overlay = Overlay::None;
                if is_status {
                    return Some(Command::SetStatus(Status::ALL[choice]));
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

    fn choose_period(&mut self, choice: usize) -> Option<Command> {
        let (ps, _) = self.selected_item()?;
        let period = ps.plan.periods.get(choice)?.code.clone();
        Some(Command::ShowPeriod {
            plan: ps.plan.code.clone(),
            period,
        })
    }

    /// Shows a plan in another period: the app has read it for that period.
    pub fn set_period(&mut self, plan: Plan, period: String) {
        let label = period_label(&plan, &period, self.lang);
        self.put_plan(plan, Some(period));
        self.info(tf(self.lang, "msg.period", &[("period", &label)]));
    }

    /// Puts a freshly read plan in place of the one with its code, keeping
    /// the selection.
    pub fn put_plan(&mut self, plan: Plan, period: Option<String>) {
        let Some(i) = self.plans.iter().position(|p| p.plan.code == plan.code) else {
            return;
        };
        // The selection by node, taken before the rows' paths go stale.
        let selected = self.selected_key();
        self.plans[i] = PlanState::new(plan, period);
        self.history = None;
        self.rows = self.build_rows();
        if let Some(i) = selected.and_then(|k| self.find_row(&k)) {
            self.cursor = i;
        }
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view();
        if !self.query.is_empty() {
            self.hits = self.search_hits(&self.query.clone(), None).0;
        }
    }

    fn open_editor(&mut self, action: Action) -> Option<Command> {
        let (ps, item) = self.selected_item()?;
        let Some(item) = item else {
            self.error(t(self.lang, "msg.select_item").to_owned());
            return None;
        };
        if self.read_only {
            self.error(t(self.lang, "msg.read_only").to_owned());
            return None;
        }
        let editor = if action == Action::Comment {
            let Some(period) = ps.period.clone() else {
                self.error(t(self.lang, "msg.no_period").to_owned());
                return None;
            };
            let current = item
                .current(&period)
                .and_then(|a| a.comment.get(self.lang))
                .unwrap_or("")
                .to_owned();
            Editor::new(
                editor::Target::Comment {
                    plan: ps.plan.code.clone(),
                    item: item.code.clone(),
                    period,
                },
                self.lang,
                &current,
            )
        } else {
            let current = item.title.get(self.lang).unwrap_or("").to_owned();
            Editor::new(
                editor::Target::Text {
                    plan: ps.plan.code.clone(),
                    item: item.code.clone(),
                    field: "title",
                },
                self.lang,
                &current,
            )
        };
        self.overlay = Overlay::Editor(Box::new(editor));
        None
    }

    /// Handles one key; returns a write for the app to carry out, if any.
    pub fn key(&mut self, key: &KeyEvent) -> Option<Command> {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => {
                self.message = None;
                if self.moving.is_some() && key.code == KeyCode::Esc {
                    self.moving = None;
                    self.info(t(self.lang, "msg.move_cancelled").to_owned());
                    return None;
                }
                if let Some(a) = self.keymap.action(Mode::Browse, key) {
                    return self.browse(a);
                }
                if ctrl_c {
                    self.quit = true;
                }
                None
            }
            Overlay::Help { scroll } => {
                let page = self.tree_height();
                self.overlay = match self.keymap.action(Mode::Help, key) {
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
                    _ if ctrl_c => {
                        self.quit = true;
                        Overlay::None
                    }
                    _ => Overlay::Help { scroll },
                };
                None
            }
            o @ (Overlay::StatusPicker { .. } | Overlay::PeriodPicker { .. }) => {
                self.overlay = o;
                if ctrl_c {
                    self.overlay = Overlay::None;
                    self.quit = true;
                    return None;
                }
                self.picker(key)
            }
            o @ Overlay::Search { .. } => {
                self.overlay = o;
                if ctrl_c {
                    self.overlay = Overlay::None;
                    self.quit = true;
                    return None;
                }
                self.search_input(key);
                None
            }
            Overlay::Editor(mut ed) => {
                if ctrl_c {
                    if ed.changed() {
                        self.overlay = Overlay::ConfirmQuit(ed);
                    } else {
                        self.quit = true;
                    }
                    return None;
                }
                match self.keymap.action(Mode::Editor, key) {
                    Some(Action::Save) => {
                        if let editor::Target::NewPeriod { plan } = &ed.target {
                            let code = ed.text().trim().to_owned();
                            if code.is_empty() {
                                self.overlay = Overlay::Editor(ed);
                                return None;
                            }
                            let plan = plan.clone();
                            self.overlay = Overlay::Ask(Box::new(Question {
                                text: tf(self.lang, "ask.copy", &[("period", &code)]),
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
                        return Some(Command::Save(ed));
                    }
                    Some(Action::Cancel) => {
                        if ed.changed() {
                            self.overlay = Overlay::ConfirmDiscard(ed);
                        } else {
                            self.after_editor();
                        }
                        return None;
                    }
                    _ => {
                        ed.input(*key);
                        self.overlay = Overlay::Editor(ed);
                    }
                }
                None
            }
            Overlay::ConfirmDiscard(ed) => {
                match self.keymap.action(Mode::Confirm, key) {
                    Some(Action::Yes) => {
                        self.info(t(self.lang, "msg.discarded").to_owned());
                        self.after_editor();
                    }
                    Some(Action::No) => self.overlay = Overlay::Editor(ed),
                    _ if ctrl_c => self.overlay = Overlay::ConfirmQuit(ed),
                    _ => self.overlay = Overlay::ConfirmDiscard(ed),
                }
                None
            }
            Overlay::Translations { row, col } => self.translations_key(key, row, col),
            Overlay::Figures { choice } => self.figures_key(key, choice),
            Overlay::Missing { lacking, choice } => self.missing_key(key, lacking, choice),
            Overlay::History(mut h) => {
                let page = self.tree_height();
                match self.keymap.action(Mode::History, key) {
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
                    _ if ctrl_c => {
                        self.quit = true;
                        return None;
                    }
                    _ => {}
                }
                h.scroll = h.scroll.min(h.rows.len().saturating_sub(1));
                self.overlay = Overlay::History(h);
                None
            }
            Overlay::Ask(q) => {
                match self.keymap.action(Mode::Confirm, key) {
                    Some(Action::Yes) => return Some(q.yes),
                    Some(Action::No) => return q.no,
                    _ if ctrl_c => self.quit = true,
                    _ => self.overlay = Overlay::Ask(q),
                }
                None
            }
            Overlay::Conflict(mut c) => {
                if ctrl_c {
                    self.overlay = Overlay::ConfirmQuit(Box::new(c.editor));
                    return None;
                }
                match self.keymap.action(Mode::Conflict, key) {
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
            Overlay::ConfirmQuit(ed) => {
                match self.keymap.action(Mode::Confirm, key) {
                    Some(Action::Yes) => self.quit = true,
                    Some(Action::No) => self.overlay = Overlay::Editor(ed),
                    _ => self.overlay = Overlay::ConfirmQuit(ed),
                }
                None
            }
        }
    }

    /// The period each plan shows now, by plan code.
    pub fn periods(&self) -> HashMap<String, Option<String>> {
        self.plans
            .iter()
            .map(|p| (p.plan.code.clone(), p.period.clone()))
            .collect()
    }

    /// Replaces the plans with fresh ones from the store, keeping what is
    /// open and the selection.
    pub fn replace_plans(&mut self, plans: Vec<(Plan, Option<String>)>) {
        let selected = self.selected_key();
        let had_plans: HashSet<String> = self.plans.iter().map(|p| p.plan.code.clone()).collect();
        self.history = None;
        self.plans = plans
            .into_iter()
            .map(|(p, period)| {
                if !had_plans.contains(&p.code) {
                    self.expanded.insert(NodeKey {
                        plan: p.code.clone(),
                        item: None,
                    });
                }
                PlanState::new(p, period)
            })
            .collect();
        self.rows = self.build_rows();
        if let Some(k) = selected {
            if let Some(i) = self.find_row(&k) {
                self.cursor = i;
            }
        }
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view();
        if !self.query.is_empty() {
            self.hits = self.search_hits(&self.query.clone(), None).0;
        }
    }
}

/// A write the model asks for; the app carries it out through the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetStatus(Status),
    /// Read the change log for the history view.
    LoadHistory(Box<HistoryView>),
    /// Ask before deleting an item (the app counts what goes with it).
    AskDelete {
        plan: String,
        code: String,
    },
    Delete {
        plan: String,
        code: String,
    },
    Move {
        plan: String,
        code: String,
        parent: Option<String>,
    },
    Reorder {
        plan: String,
        code: String,
        delta: i64,
    },
    AddPeriod {
        plan: String,
        code: String,
        copy: bool,
    },
    /// Save over a conflicting change (theirs stays in the history).
    SaveMine(Box<Editor>),
    /// Give up this text for theirs (kept in the change log).
    TakeTheirs(Box<Conflict>),
    /// Show a plan in another period (the app reads that period).
    ShowPeriod {
        plan: String,
        period: String,
    },
    Save(Box<Editor>),
    Undo,
    Redo,
}

/// Every plan of the store, each with the follow-ups of the period it shows:
/// the one in `periods` if it still exists, else its default period.
fn load_plans(
    store: &Store,
    periods: &HashMap<String, Option<String>>,
) -> Result<Vec<(Plan, Option<String>)>, StoreError> {
    let today = crate::clock::today();
    let mut out = Vec::new();
    for s in store.plans()? {
        let kept = periods
            .get(&s.code)
            .cloned()
            .flatten()
            .filter(|p| s.periods.iter().any(|x| &x.code == p));
        let period = match kept {
            Some(p) => Some(p),
            None => store.default_period(&s.code, &today)?,
        };
        let plan = store.load_plan_in(&s.code, period.as_deref())?;
        out.push((plan, period));
    }
    Ok(out)
}

/// A code for a new plan from its title: lower-case letters and digits
/// joined by '-', made unique among `taken`.
pub fn plan_code_for(title: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' => 'a',
            'ö' => 'o',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    let mut base: String = base.trim_end_matches('-').chars().take(40).collect();
    if base.is_empty() {
        base = "plan".to_owned();
    }
    let mut code = base.clone();
    let mut n = 2;
    while taken.contains(&code) {
        code = format!("{base}-{n}");
        n += 1;
    }
    code
}

pub fn period_label(plan: &Plan, code: &str, lang: Lang) -> String {
    plan.period(code)
        .and_then(|p| p.label.resolve(lang).map(|s| s.text.to_owned()))
        .unwrap_or_else(|| code.to_owned())
}

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
    fn sync_history(&mut self) {
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
        if let Some(cmd) = self.model.key(key) {
            self.run(cmd);
        }
        self.sync_history();
        if self.model.quit {
            Control::Quit
        } else {
            Control::Continue
        }
    }

    fn run(&mut self, cmd: Command) {
        let lang = self.model.lang;
        let result = match cmd {
            Command::SetStatus(s) => self.set_status(s),
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
            Command::Delete { plan, code } => self.delete(&plan, &code),
            Command::Move { plan, code, parent } => self.move_item(&plan, &code, parent),
            Command::Reorder { plan, code, delta } => self.reorder(&plan, &code, delta),
            Command::AddPeriod { plan, code, copy } => self.add_period(&plan, &code, copy),
            Command::ShowPeriod { plan, period } => self
                .store
                .load_plan_in(&plan, Some(&period))
                .map(|p| self.model.set_period(p, period)),
            Command::Undo => self.undo(true),
            Command::Redo => self.undo(false),
        };
        if let Err(e) = result {
            self.model.error(crate::messages::store_error(lang, &e));
        }
    }

    fn set_status(&mut self, status: Status) -> Result<(), StoreError> {
        let Some((ps, Some(item))) = self.model.selected_item() else {
            return Ok(());
        };
        let plan = ps.plan.code.clone();
        let code = item.code.clone();
        let period = ps.period.clone();
        self.write(&plan, &code, period, Some(status), None, None)
    }

    /// Keeps the user's text in the change log and shows theirs.
    fn take_theirs(&mut self, c: Conflict) -> Result<(), StoreError> {
        let at = crate::clock::now_utc();
        let user = crate::clock::os_user();
        let (plan, item, period, field) = match &c.editor.target {
            editor::Target::Comment { plan, item, period } => {
                (plan, item, Some(period.as_str()), "comment")
            }
            editor::Target::Text { plan, item, field } => (plan, item, None, *field),
            editor::Target::Actions { plan, item, period } => {
                (plan, item, Some(period.as_str()), "actions")
            }
            editor::Target::IndicatorText { plan, item, .. } => (plan, item, None, "indicator"),
            editor::Target::ControlText { plan, item, .. } => (plan, item, None, "control"),
            // New items, plans and periods are never in conflict.
            _ => return Ok(()),
        };
        self.store.log_discarded(
            plan,
            item,
            period,
            field,
            c.editor.lang,
            &c.editor.text(),
            &user,
            &at,
        )?;
        self.reload_plan(&plan.clone())?;
        let address = c.editor.target.address();
        self.model.info(tf(
            self.model.lang,
            "msg.took_theirs",
            &[("item", &address)],
        ));
        Ok(())
    }

    /// Saves an editor's text. With `check`, the save is refused if the
    /// stored text is no longer the one the editor started from.
    fn save(&mut self, ed: &Editor, check: bool) -> Result<(), StoreError> {
        let base = Some(ed.original().to_owned()).filter(|s| !s.is_empty());
        match &ed.target {
            editor::Target::NewItem {
                plan,
                parent,
                after,
            } => self.add_item(ed, plan, parent.as_deref(), after.as_deref()),
            editor::Target::NewPlan => self.add_plan(ed),
            editor::Target::IndicatorText { plan, .. }
            | editor::Target::ControlText { plan, .. }
            | editor::Target::Actions { plan, .. } => {
                let new = Some(ed.text()).filter(|s| !s.trim().is_empty());
                let old = self.write_detail_text(
                    &ed.target,
                    ed.lang,
                    new.as_deref(),
                    check.then_some(base.as_deref()),
                )?;
                self.done(UndoStep::DetailText {
                    target: ed.target.clone(),
                    lang: ed.lang,
                    old,
                    new,
                });
                let plan = plan.clone();
                self.reload_plan(&plan)?;
                self.model.info(tf(
                    self.model.lang,
                    "msg.saved",
                    &[("item", &ed.target.address())],
                ));
                Ok(())
            }
            editor::Target::Figure { plan, item, kind } => self.save_figure(ed, plan, item, kind),
            editor::Target::PlanText { plan, field } => {
                self.set_plan_text(plan, TextRow::Plan(field), ed.lang, &ed.text())
            }
            editor::Target::LevelName { plan, depth } => {
                self.set_plan_text(plan, TextRow::Level(*depth), ed.lang, &ed.text())
            }
            // Asked about in the model, added by `AddPeriod`.
            editor::Target::NewPeriod { .. } => Ok(()),
            editor::Target::Comment { plan, item, period } => {
                let text = ed.text();
                self.write(
                    &plan.clone(),
                    &item.clone(),
                    Some(period.clone()),
                    None,
                    Some((ed.lang, text)),
                    check.then_some(base),
                )
            }
            editor::Target::Text { plan, item, field } => {
                let at = crate::clock::now_utc();
                let user = crate::clock::os_user();
                let new = Some(ed.text()).filter(|s| !s.trim().is_empty());
                let old = self.store.set_item_text_checked(
                    plan,
                    item,
                    field,
                    ed.lang,
                    new.as_deref(),
                    check.then_some(base.as_deref()),
                    &user,
                    &at,
                )?;
                self.model.redo.clear();
                self.model.undo.push(UndoStep::Text {
                    plan: plan.clone(),
                    item: item.clone(),
                    field,
                    lang: ed.lang,
                    old,
                    new,
                });
                self.reload_plan(plan)?;
                self.model.info(tf(
                    self.model.lang,
                    "msg.saved",
                    &[("item", &format!("{plan}:{item}"))],
                ));
                Ok(())
            }
        }
    }

    /// Reads the change log for the history view and shows it.
    fn load_history(&mut self, mut h: HistoryView) -> Result<(), StoreError> {
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
            HistoryFilter::Last30Days => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64);
                Some(crate::clock::format_utc(now - 30 * 86_400))
            }
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

    /// Saves a figure typed in the editor, after reading it as a number (or
    /// two); what cannot be read keeps the editor open with a message.
    fn save_figure(
        &mut self,
        ed: &Editor,
        plan: &str,
        item: &str,
        kind: &editor::FigureKind,
    ) -> Result<(), StoreError> {
        let lang = self.model.lang;
        let text = ed.text();
        let keep = |model: &mut Model, key: &str, args: &[(&str, &dyn std::fmt::Display)]| {
            model.overlay = Overlay::Editor(Box::new(ed.clone()));
            model.error(tf(lang, key, args));
        };
        let new = match kind {
            editor::FigureKind::Value { .. } if text.trim().is_empty() => {
                FigureValue::Value(Some(None))
            }
            editor::FigureKind::Value { .. } => match parse_number(&text) {
                Some(v) => FigureValue::Value(Some(Some(v))),
                None => {
                    keep(
                        &mut self.model,
                        "msg.not_a_number",
                        &[("text", &text.trim())],
                    );
                    return Ok(());
                }
            },
            editor::FigureKind::Thresholds { index } => {
                let direction = self
                    .model
                    .selected_item()
                    .and_then(|(_, it)| it)
                    .and_then(|it| it.indicators.get(*index))
                    .map_or(crate::domain::Direction::Higher, |i| i.direction);
                match parse_two(&text) {
                    Some((g, y)) => FigureValue::Thresholds(direction, g, y),
                    None => {
                        keep(
                            &mut self.model,
                            "msg.two_numbers",
                            &[("example", &"70 / 29")],
                        );
                        return Ok(());
                    }
                }
            }
            editor::FigureKind::Risk => match parse_two(&text) {
                Some((p, c)) if p.fract() == 0.0 && c.fract() == 0.0 && p >= 0.0 && c >= 0.0 => {
                    FigureValue::Risk(p.min(255.0) as u8, c.min(255.0) as u8)
                }
                _ => {
                    keep(&mut self.model, "msg.two_numbers", &[("example", &"3 × 4")]);
                    return Ok(());
                }
            },
        };
        match self.write_figure(plan, item, kind, &new) {
            Ok(old) => {
                self.done(UndoStep::Figure {
                    plan: plan.to_owned(),
                    item: item.to_owned(),
                    kind: kind.clone(),
                    old,
                    new,
                });
                self.reload_plan(plan)?;
                self.model.overlay = Overlay::None;
                self.model.info(tf(
                    lang,
                    "msg.saved",
                    &[("item", &format!("{plan}:{item}"))],
                ));
                Ok(())
            }
            Err(e) => {
                // Refused (yellow on the wrong side, outside 1–4 …): the
                // figure stays in the editor, with the reason.
                self.model.overlay = Overlay::Editor(Box::new(ed.clone()));
                Err(e)
            }
        }
    }

    /// Writes an indicator text, control text or further actions; returns
    /// the old one. With `expect`, refused if someone else changed it.
    fn write_detail_text(
        &mut self,
        target: &editor::Target,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
    ) -> Result<Option<String>, StoreError> {
        let (user, at) = Self::stamp();
        match target {
            editor::Target::IndicatorText {
                plan,
                item,
                index,
                field,
            } => self
                .store
                .set_indicator_text(plan, item, *index, field, lang, value, expect, &user, &at),
            editor::Target::ControlText {
                plan,
                item,
                index,
                field,
            } => self
                .store
                .set_control_text(plan, item, *index, field, lang, value, expect, &user, &at),
            editor::Target::Actions { plan, item, period } => self
                .store
                .set_actions(plan, item, period, lang, value, expect, &user, &at),
            _ => Ok(None),
        }
    }

    /// Writes a figure; returns the old one.
    fn write_figure(
        &mut self,
        plan: &str,
        item: &str,
        kind: &editor::FigureKind,
        value: &FigureValue,
    ) -> Result<FigureValue, StoreError> {
        let (user, at) = Self::stamp();
        match (kind, value) {
            (editor::FigureKind::Value { index, period }, FigureValue::Value(v)) => self
                .store
                .set_indicator_value(plan, item, *index, period, *v, &user, &at)
                .map(FigureValue::Value),
            (editor::FigureKind::Thresholds { index }, FigureValue::Thresholds(d, g, y)) => self
                .store
                .set_thresholds(plan, item, *index, *d, *g, *y, &user, &at)
                .map(|(d, g, y)| FigureValue::Thresholds(d, g, y)),
            (editor::FigureKind::Risk, FigureValue::Risk(p, c)) => self
                .store
                .set_risk(plan, item, *p, *c, &user, &at)
                .map(|(p, c)| FigureValue::Risk(p, c)),
            _ => Err(StoreError::UnknownItem {
                plan: plan.to_owned(),
                code: item.to_owned(),
            }),
        }
    }

    /// Writes a plan's own text or a level name (undoable).
    fn set_plan_text(
        &mut self,
        plan: &str,
        row: TextRow,
        lang: Lang,
        text: &str,
    ) -> Result<(), StoreError> {
        let new = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
        let old = self.write_plan_text(plan, row, lang, new.as_deref())?;
        self.done(UndoStep::PlanText {
            plan: plan.to_owned(),
            row,
            lang,
            old,
            new,
        });
        self.reload_plan(plan)?;
        self.model
            .info(tf(self.model.lang, "msg.saved", &[("item", &plan)]));
        Ok(())
    }

    fn write_plan_text(
        &mut self,
        plan: &str,
        row: TextRow,
        lang: Lang,
        value: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        let (user, at) = Self::stamp();
        match row {
            TextRow::Plan(field) => self
                .store
                .set_plan_text(plan, field, lang, value, &user, &at),
            TextRow::Level(depth) => self
                .store
                .set_level_name(plan, depth, lang, value, &user, &at),
            _ => Ok(None),
        }
    }

    fn stamp() -> (String, String) {
        (crate::clock::os_user(), crate::clock::now_utc())
    }

    fn done(&mut self, step: UndoStep) {
        self.model.redo.clear();
        self.model.undo.push(step);
    }

    fn add_item(
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

    fn add_plan(&mut self, ed: &Editor) -> Result<(), StoreError> {
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

    fn ask_delete(&mut self, plan: String, code: String) -> Result<(), StoreError> {
        let (items, rows) = self.store.item_counts(&plan, &code)?;
        let lang = self.model.lang;
        let title = self
            .model
            .selected_item()
            .and_then(|(_, it)| it)
            .and_then(|it| it.title.resolve(lang).map(|s| s.text.to_owned()))
            .unwrap_or_default();
        let text = tf(
            lang,
            "ask.delete",
            &[
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
            yes: Command::Delete { plan, code },
            no: None,
        }));
        Ok(())
    }

    fn delete(&mut self, plan: &str, code: &str) -> Result<(), StoreError> {
        let (user, at) = Self::stamp();
        let (parent, position, item) = self.store.delete_item(plan, code, &user, &at)?;
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

    fn move_item(
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

    fn reorder(&mut self, plan: &str, code: &str, delta: i64) -> Result<(), StoreError> {
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

    fn add_period(&mut self, plan: &str, code: &str, copy: bool) -> Result<(), StoreError> {
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

    fn write(
        &mut self,
        plan: &str,
        item: &str,
        period: Option<String>,
        status: Option<Status>,
        comment: Option<(Lang, String)>,
        expect_comment: Option<Option<String>>,
    ) -> Result<(), StoreError> {
        let at = crate::clock::now_utc();
        let user = crate::clock::os_user();
        let outcome = self.store.set_assessment(&SetAssessment {
            plan,
            item,
            period: period.as_deref(),
            status,
            comment,
            expect_comment,
            user: &user,
            at: &at,
        })?;
        let lang = self.model.lang;
        if let Some(row) = outcome.row.clone() {
            self.model.redo.clear();
            self.model.undo.push(UndoStep::Assessment {
                address: format!("{plan}:{item}"),
                row: Box::new(row),
            });
        }
        self.reload_plan(plan)?;
        let word =
            |s: Status| format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())));
        let text = if outcome.unchanged {
            t(lang, "msg.unchanged").to_owned()
        } else if outcome.old_status != outcome.new_status {
            tf(
                lang,
                "msg.status_set",
                &[
                    ("item", &format!("{plan}:{item}")),
                    ("old", &word(outcome.old_status)),
                    ("new", &word(outcome.new_status)),
                ],
            )
        } else {
            tf(lang, "msg.saved", &[("item", &format!("{plan}:{item}"))])
        };
        self.model.info(text);
        Ok(())
    }

    /// Undoes (or redoes) the user's last own edit, as one transaction.
    fn undo(&mut self, undo: bool) -> Result<(), StoreError> {
        let lang = self.model.lang;
        let stack = if undo {
            &mut self.model.undo
        } else {
            &mut self.model.redo
        };
        let Some(step) = stack.pop() else {
            let key = if undo {
                "msg.nothing_to_undo"
            } else {
                "msg.nothing_to_redo"
            };
            self.model.error(t(lang, key).to_owned());
            return Ok(());
        };
        let at = crate::clock::now_utc();
        let user = crate::clock::os_user();
        let result = match &step {
            UndoStep::Assessment { address, row } => {
                let done = if undo {
                    self.store
                        .delete_assessment(row.id, &user, &at)
                        .map(|()| row.clone())
                } else {
                    self.store.restore_assessment(row, &user, &at).map(Box::new)
                };
                done.map(|row| {
                    (
                        UndoStep::Assessment {
                            address: address.clone(),
                            row,
                        },
                        address.clone(),
                    )
                })
            }
            UndoStep::Added { plan, code } => {
                self.store
                    .delete_item(plan, code, &user, &at)
                    .map(|(parent, position, item)| {
                        (
                            UndoStep::Removed {
                                plan: plan.clone(),
                                parent,
                                position,
                                item: Box::new(item),
                            },
                            format!("{plan}:{code}"),
                        )
                    })
            }
            UndoStep::Removed {
                plan,
                parent,
                position,
                item,
            } => self
                .store
                .restore_item(plan, parent.as_deref(), *position, item, &user, &at)
                .map(|()| {
                    (
                        UndoStep::Added {
                            plan: plan.clone(),
                            code: item.code.clone(),
                        },
                        format!("{plan}:{}", item.code),
                    )
                }),
            UndoStep::Moved {
                plan,
                code,
                from,
                to,
            } => self
                .store
                .move_item(plan, code, from.0.as_deref(), Some(from.1), &user, &at)
                .map(|_| {
                    (
                        UndoStep::Moved {
                            plan: plan.clone(),
                            code: code.clone(),
                            from: to.clone(),
                            to: from.clone(),
                        },
                        format!("{plan}:{code}"),
                    )
                }),
            UndoStep::Reordered { plan, code, delta } => self
                .store
                .reorder_item(plan, code, -delta, &user, &at)
                .map(|_| {
                    (
                        UndoStep::Reordered {
                            plan: plan.clone(),
                            code: code.clone(),
                            delta: -delta,
                        },
                        format!("{plan}:{code}"),
                    )
                }),
            UndoStep::DetailText {
                target,
                lang: l,
                old,
                new,
            } => {
                let value = if undo { old.clone() } else { new.clone() };
                let (target, l) = (target.clone(), *l);
                self.write_detail_text(&target, l, value.as_deref(), None)
                    .map(|_| (step.clone(), target.address()))
            }
            UndoStep::Figure {
                plan,
                item,
                kind,
                old,
                new,
            } => {
                let value = if undo { old.clone() } else { new.clone() };
                let (plan, item, kind) = (plan.clone(), item.clone(), kind.clone());
                self.write_figure(&plan, &item, &kind, &value)
                    .map(|_| (step.clone(), format!("{plan}:{item}")))
            }
            UndoStep::PlanText {
                plan,
                row,
                lang: l,
                old,
                new,
            } => {
                let value = if undo { old } else { new };
                let (plan, row, l) = (plan.clone(), *row, *l);
                self.write_plan_text(&plan, row, l, value.clone().as_deref())
                    .map(|_| (step.clone(), plan.clone()))
            }
            UndoStep::Text {
                plan,
                item,
                field,
                lang: l,
                old,
                new,
            } => {
                let value = if undo { old } else { new };
                self.store
                    .set_item_text(plan, item, field, *l, value.as_deref(), &user, &at)
                    .map(|_| (step.clone(), format!("{plan}:{item}")))
            }
        };
        // A step that could not be carried out (the file is busy) stays where
        // it was, to be tried again.
        let (done, address) = match result {
            Ok(r) => r,
            Err(e) => {
                if undo {
                    self.model.undo.push(step);
                } else {
                    self.model.redo.push(step);
                }
                return Err(e);
            }
        };
        if undo {
            self.model.redo.push(done);
        } else {
            self.model.undo.push(done);
        }
        let plan = address.split(':').next().unwrap_or_default().to_owned();
        self.reload_plan(&plan)?;
        let key = if undo { "msg.undone" } else { "msg.redone" };
        self.model.info(tf(lang, key, &[("item", &address)]));
        Ok(())
    }

    /// Reads one plan again after this app wrote to it.
    fn reload_plan(&mut self, code: &str) -> Result<(), StoreError> {
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
