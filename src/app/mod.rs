//! The application model: state, actions, and what each key does to them.
//! Views draw from `&Model` only; every write goes through the store.
//!
//! This file holds the types. The model's behaviour is split by meaning:
//! `model` (tree rows, selection, plans put in place), `keys` (the main
//! screen's keys and the dispatch to the overlay's), `popups` (each overlay
//! in one file: its keys, rows, drawing and hints), `searching`; the app's:
//! `runtime` (store, reloads, refresh), `edits` (texts, statuses, figures),
//! `structure` (items, plans, periods), `undo`.

mod background;
pub mod editor;
mod edits;
mod item_figures;
mod keys;
mod model;
mod mouse;
mod part;
mod people;
pub mod periods;
pub mod popups;
pub mod round;
mod runtime;
pub mod search;
mod searching;
mod structure;
pub mod tree;
mod undo;

use std::collections::{HashMap, HashSet};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Field, Item, Lang, Plan, Role, Rolled, Status, TextAt};
use crate::i18n::{plural, t, tf};
use crate::keymap::{Action, Keymap, Mode};
use crate::store::{SetAssessment, Store, StoreError, TextWrite};
use editor::Editor;
use tree::{NodeKey, Row};

/// A plan as the app holds it, with the period it shows and the statuses of
/// that period.
pub struct PlanState {
    pub plan: Plan,
    pub period: Option<String>,
    pub rolled: HashMap<String, Rolled>,
    /// For each item with children, how many items under it are in each
    /// status in the period (the tree's roll-up, `Σ 3▲ 1■`).
    pub below: HashMap<String, crate::domain::Counts>,
    /// The whole plan's count in the period (the plan row's detail).
    pub total: crate::domain::Counts,
    /// Set while `plan` holds only part of the plan: the items the tree
    /// shows and their children (see [`Store::load_plan_part`]). The
    /// roll-ups above are still the whole plan's, from its summary. `None`:
    /// the plan is held whole.
    pub part: Option<Part>,
}

/// What the app knows of a plan it holds only part of.
pub struct Part {
    /// The store's id of each item held, by code.
    pub ids: HashMap<String, i64>,
    /// The items whose children are held.
    pub read_below: HashSet<i64>,
    /// The whole plan's roll-ups in the period (none without a period).
    pub summary: Option<Box<crate::store::Stamped>>,
}

/// A plan freshly read: whole, or the part a tree shows.
#[derive(Debug)]
pub enum Fresh {
    Whole(Plan),
    Part(crate::store::TreePart),
}

impl Fresh {
    pub fn code(&self) -> &str {
        match self {
            Fresh::Whole(p) => &p.code,
            Fresh::Part(p) => &p.plan.code,
        }
    }
}

impl PlanState {
    /// A plan loaded whole with the follow-ups of `period` (see
    /// [`Store::load_plan_in`]).
    pub fn new(plan: Plan, period: Option<String>) -> PlanState {
        PlanState::of(Fresh::Whole(plan), period)
    }

    /// A plan as read, whole or in part, shown in `period`.
    pub fn of(fresh: Fresh, period: Option<String>) -> PlanState {
        let (plan, r, part) = match fresh {
            Fresh::Whole(plan) => {
                let r = whole_rollups(&plan, period.as_deref());
                (plan, r, None)
            }
            Fresh::Part(p) => {
                let mut r = crate::domain::Rollups::default();
                if let (Some(s), Some(code)) = (&p.summary, &period) {
                    r.total = s.summary.total;
                    s.summary.roll_held(&p.ids, &p.plan.items, code, &mut r);
                }
                (
                    p.plan,
                    r,
                    Some(Part {
                        ids: p.ids,
                        read_below: p.read_below,
                        summary: p.summary,
                    }),
                )
            }
        };
        PlanState {
            plan,
            period,
            rolled: r.rolled,
            below: r.below,
            total: r.total,
            part,
        }
    }

    /// Whether the plan is held whole.
    pub fn is_whole(&self) -> bool {
        self.part.is_none()
    }

    /// Whether `item` of this plan has no children, held or not: of a plan
    /// held in part, as its summary knows the items with children.
    pub fn is_leaf(&self, item: &Item) -> bool {
        let summary = self.part.as_ref().and_then(|p| {
            let s = p.summary.as_ref()?;
            Some((s, p.ids.get(&item.code)?))
        });
        match summary {
            Some((s, id)) => item.children.is_empty() && !s.summary.items.contains_key(id),
            None => item.children.is_empty(),
        }
    }

    /// Whether the filter `f` keeps `item` of this plan.
    pub fn keeps(&self, f: &TreeFilter, item: &Item, lang: Lang) -> bool {
        f.keeps(item, self.is_leaf(item), self.period.as_deref(), lang)
    }

    /// The roll-ups again, of a plan held whole whose follow-ups have
    /// changed in place.
    pub(super) fn roll_again(&mut self) {
        let r = whole_rollups(&self.plan, self.period.as_deref());
        (self.rolled, self.below, self.total) = (r.rolled, r.below, r.total);
    }
}

/// The roll-ups of a plan held whole in `period` (none without a period).
fn whole_rollups(plan: &Plan, period: Option<&str>) -> crate::domain::Rollups {
    match period {
        Some(p) => crate::domain::Outline::of_plan(plan, p).rollups(),
        None => crate::domain::Rollups::default(),
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
    /// What the tree shows (`F`).
    Filter {
        choice: usize,
    },
    /// What changed in a plan since the period before the shown one (`D`).
    Changes(Box<popups::changes::ChangesView>),
    /// The contact persons, marked for the selected item (`C`).
    People {
        choice: usize,
    },
    /// The selected plan's periods (`P`).
    Periods {
        choice: usize,
    },
    /// The follow-up round (`R`), grouped by top-level item or owner.
    Round(Box<popups::RoundView>),
    /// The command palette (`:`): the letters typed and the chosen row.
    Palette {
        query: String,
        choice: usize,
    },
}

impl Overlay {
    /// The keymap mode a key is read in while this overlay is shown: the
    /// one place that says it, for the key handling and the key hints.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Browse,
            Overlay::Help { .. } => Mode::Help,
            Overlay::StatusPicker { .. }
            | Overlay::PeriodPicker { .. }
            | Overlay::Filter { .. } => Mode::Picker,
            Overlay::Figures { .. } => Mode::Figures,
            Overlay::Round { .. } => Mode::Round,
            Overlay::Periods { .. } => Mode::Periods,
            Overlay::People { .. } => Mode::People,
            Overlay::Changes(_) => Mode::Changes,
            Overlay::Search { .. } => Mode::Search,
            Overlay::Palette { .. } => Mode::Palette,
            Overlay::Editor(_) => Mode::Editor,
            Overlay::ConfirmDiscard(_) | Overlay::ConfirmQuit(_) | Overlay::Ask(_) => Mode::Confirm,
            Overlay::Conflict(_) => Mode::Conflict,
            Overlay::Translations { .. } => Mode::Translations,
            Overlay::History(_) => Mode::History,
            Overlay::Missing { .. } => Mode::Missing,
        }
    }
}

/// A figure's value as the store takes and returns it.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureValue {
    /// An indicator value: `None` no row, `Some(None)` no data.
    Value(Option<Option<f64>>),
    Thresholds(crate::domain::Direction, f64, f64),
    Risk(u8, u8),
}

pub use crate::domain::rules::{parse_number, parse_two};

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

impl Message {
    pub fn info(text: String) -> Message {
        Message {
            kind: MessageKind::Info,
            text,
        }
    }

    pub fn error(text: String) -> Message {
        Message {
            kind: MessageKind::Error,
            text,
        }
    }
}

/// What a write did, for the app to take in: the effects of a command
/// (`edits`, `structure`, `undo`) read the model and write the store, and
/// return this; [`App::apply`] reads again what changed and puts it in the
/// model. No effect reaches into the model.
#[derive(Debug, Default)]
pub struct Outcome {
    /// What to read again from the store.
    pub reload: Reload,
    /// A new step of the user's own edits (redo is cleared).
    pub done: Option<UndoStep>,
    /// An undo (`true`) or redo carried out: its step leaves the top of
    /// that stack, and this reversed step goes onto the other.
    pub undone: Option<(bool, UndoStep)>,
    /// A node opened before under an old key, now under a new one (an item
    /// whose code changed stays open).
    pub renamed: Option<(NodeKey, NodeKey)>,
    /// Where the selection goes.
    pub reveal: Option<NodeKey>,
    /// What is drawn over the tree next.
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// An editor's text was saved: back to where it was opened from.
    pub editor_closed: bool,
}

/// What an outcome asks to read again.
#[derive(Debug, Default)]
pub enum Reload {
    #[default]
    Nothing,
    /// One plan, in the period it shows.
    Plan(String),
    /// One plan after a follow-up was recorded: a plan held whole takes
    /// the row as written (as a read would give it), one held in part is
    /// read again.
    FollowUp(Box<crate::store::StoredAssessment>),
    /// One plan read already, with the period it shows.
    Loaded(Fresh, Option<String>),
    /// One plan shown in another period (read already).
    Period(Fresh, String),
    /// Every plan.
    All,
}

impl Outcome {
    fn say(mut self, text: String) -> Outcome {
        self.message = Some(Message::info(text));
        self
    }
}

/// A command's effects: the store to write and the model to read, never to
/// change.
pub(crate) struct Effects<'a> {
    pub store: &'a mut Store,
    pub model: &'a Model,
}

/// One undoable step of the user's own edits in this session.
#[derive(Clone, Debug, PartialEq)]
pub enum UndoStep {
    /// An assessment row this user wrote: undo deletes it, redo puts it back.
    Assessment {
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
    /// An item's code changed from `old` to `new`.
    Code {
        plan: String,
        old: String,
        new: String,
    },
    /// A plan's code and years, `old` then `new` (code, first, last year):
    /// undo gives the plan its old ones back.
    PlanEdit {
        old: (String, Option<i32>, Option<i32>),
        new: (String, Option<i32>, Option<i32>),
    },
    /// A figure: undo writes `old` back, redo `new`.
    Figure {
        plan: String,
        item: String,
        kind: editor::FigureKind,
        old: FigureValue,
        new: FigureValue,
    },
    /// An item's figures as a whole (an indicator, a risk or a control
    /// moment added or removed): undo writes `old` back, redo `new`.
    Figures {
        plan: String,
        item: String,
        old: Box<crate::store::Figures>,
        new: Box<crate::store::Figures>,
    },
    /// A text in one language: undo writes `old` back, redo `new`.
    Text {
        text: TextAt,
        lang: Lang,
        old: Option<String>,
        new: Option<String>,
    },
}

impl UndoStep {
    /// The plan the step changes.
    pub fn plan(&self) -> &str {
        match self {
            UndoStep::Assessment { row, .. } => &row.plan,
            UndoStep::Added { plan, .. }
            | UndoStep::Removed { plan, .. }
            | UndoStep::Moved { plan, .. }
            | UndoStep::Reordered { plan, .. }
            | UndoStep::Code { plan, .. }
            | UndoStep::Figure { plan, .. }
            | UndoStep::Figures { plan, .. } => plan,
            UndoStep::Text { text, .. } => text.plan(),
            UndoStep::PlanEdit { new, .. } => &new.0,
        }
    }
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
    /// The terminal's height, as last seen (a page of the tree).
    pub height: u16,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub read_only: bool,
    pub color: bool,
    pub keymap: Keymap,
    /// The last search, kept for `n` / `N` and highlighting.
    pub query: String,
    pub hits: Vec<NodeKey>,
    /// For each hit not in a title: the catalog key of the field it lies
    /// in and the language (`None`: the title or code).
    pub hit_fields: Vec<Option<(&'static str, Lang)>>,
    pub undo: Vec<UndoStep>,
    pub redo: Vec<UndoStep>,
    /// Every follow-up of the selected item, read when the selection moves.
    pub history: Option<(NodeKey, Vec<crate::domain::Assessment>)>,
    /// The item being moved (`m`), waiting for its new parent.
    pub moving: Option<NodeKey>,
    /// Where to go back to in the translation view after editing a text
    /// opened from it.
    pub translations_return: Option<(usize, usize)>,
    /// The tree shows only the items this filter keeps (`F`), with the
    /// branches leading to them.
    pub filter: Option<TreeFilter>,
    /// Every contact of the database, by name.
    pub contacts: Vec<crate::domain::Contact>,
    /// The tree pane's share of the width in percent, set with `(` and
    /// `)` (20–80); `None`: by the screen's width.
    pub tree_share: Option<u16>,
    /// The terminal's width, for the mouse (0 until the first frame).
    pub cols: u16,
    /// Whether the app reads the mouse (`mouse = false` in the config: no).
    pub mouse: bool,
    /// The plans are being read whole in the background (a search waits
    /// for them to find its hits; the keys do not).
    pub reading_whole: bool,
    /// A search confirmed while the plans were being read: go to its first
    /// hit when they come.
    pub land_on_hit: bool,
    /// The owners the filter picker offers, read by the app for plans held
    /// in part (`None`: those named in the plans held).
    pub owners: Option<Vec<String>>,
    /// Of each plan held in part, by code, the items the list of missing
    /// translations names and what leads to them, read when it opened.
    pub untranslated: HashMap<String, Plan>,
    /// An item to go to that the tree of a plan held in part does not hold
    /// yet: the app reads what leads to it, then goes there.
    pub reveal_pending: Option<NodeKey>,
}

/// What a filtered tree keeps, in each plan's shown period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeFilter {
    /// Items that still need an assessment (see [`Item::needs_update`]).
    NeedsUpdate,
    /// Items assessed in this status (a status only carried over is not).
    Status(Status),
    /// Items whose owner text (in the display language) is this one, or
    /// whose nearest ancestor naming an owner names it.
    Owner(String),
    /// Items naming this contact (by id) in any role.
    Contact(String),
}

impl TreeFilter {
    pub fn keeps(&self, item: &Item, leaf: bool, period: Option<&str>, lang: Lang) -> bool {
        match self {
            TreeFilter::NeedsUpdate => period.is_some_and(|p| match item.current(p) {
                Some(a) => a.is_carried(),
                None => leaf,
            }),
            TreeFilter::Status(s) => period.is_some_and(|p| {
                (leaf || item.current(p).is_some())
                    && item
                        .current(p)
                        .map_or(Status::NotAssessed, |a| a.assessed())
                        == *s
            }),
            TreeFilter::Owner(o) => item.owner.resolve(lang).is_some_and(|t| t.text == o),
            TreeFilter::Contact(id) => item.contacts.iter().any(|c| c.contact == *id),
        }
    }
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
    /// How many times the plans held have been read again after a write
    /// (this app's or another's): a background read begun before is stale.
    edits: u64,
    /// The plans being read whole in the background.
    whole_read: Option<background::WholeRead>,
}

/// A write the model asks for; the app carries it out through the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Record this status for the item in the period.
    SetStatus {
        plan: String,
        item: String,
        period: String,
        status: Status,
    },
    /// Read the change log for the history view.
    LoadHistory(Box<HistoryView>),
    /// Ask before deleting an item (the app counts what goes with it).
    AskDelete {
        plan: String,
        code: String,
    },
    /// Delete, if the item still has the counts the user was told about.
    Delete {
        plan: String,
        code: String,
        counts: (usize, usize),
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
    /// Close a period (or reopen it).
    ClosePeriod {
        plan: String,
        code: String,
        close: bool,
    },
    /// Ask before removing a period (the app counts what goes with it).
    AskRemovePeriod {
        plan: String,
        code: String,
    },
    RemovePeriod {
        plan: String,
        code: String,
    },
    /// Name a contact for an item in a role (`link`), or take them off it;
    /// the people list stays on `choice`.
    LinkContact {
        plan: String,
        item: String,
        id: String,
        role: Role,
        link: bool,
        choice: usize,
    },
    AskRemoveContact {
        id: String,
    },
    /// Write an item's figures (indicators, risk, control moments) as
    /// `new`, if they are still `old`; `said` tells what was done.
    SetFigures {
        plan: String,
        item: String,
        old: Box<crate::store::Figures>,
        new: Box<crate::store::Figures>,
        said: String,
    },
    /// Read the plan's follow-ups and change log for the changes view.
    LoadChanges {
        plan: String,
        from: String,
        to: String,
    },
    RemoveContact {
        id: String,
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
    /// Leave the app (any question about unsaved text already answered).
    Quit,
}

/// Every plan of the store, each with the follow-ups of the period it shows:
/// the one in `periods` if it still exists, else its default period.
/// The plans in `whole` are read whole, the others in part: what the tree
/// shows with the nodes `expanded` open.
fn load_plans(
    store: &Store,
    periods: &HashMap<String, Option<String>>,
    whole: &HashSet<String>,
    expanded: &HashSet<NodeKey>,
) -> Result<Vec<(Fresh, Option<String>)>, StoreError> {
    // One snapshot for every plan: a colleague's commit is seen whole.
    store.snapshot(|store| load_plans_now(store, periods, whole, expanded))
}

fn load_plans_now(
    store: &Store,
    periods: &HashMap<String, Option<String>>,
    whole: &HashSet<String>,
    expanded: &HashSet<NodeKey>,
) -> Result<Vec<(Fresh, Option<String>)>, StoreError> {
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
        let plan = if whole.contains(&s.code) {
            Fresh::Whole(store.load_plan_in(&s.code, period.as_deref())?)
        } else {
            let open = |c: &str| {
                expanded.contains(&NodeKey {
                    plan: s.code.clone(),
                    item: Some(c.to_owned()),
                })
            };
            Fresh::Part(store.load_plan_part(&s.code, period.as_deref(), &open)?)
        };
        out.push((plan, period));
    }
    Ok(out)
}

/// Whether a key of the tree works on a plan held in part: moving, opening
/// and closing, the selected item's status and texts, its detail, the
/// language, the period shown, help. Every other action first reads the
/// plans whole.
fn works_on_part(a: Action) -> bool {
    use Action::*;
    matches!(
        a,
        Down | Up
            | First
            | Last
            | PageDown
            | PageUp
            | Open
            | Parent
            | DetailDown
            | DetailUp
            | Status
            | Edit
            | Comment
            | PrevLang
            | NextLang
            | Language
            | WiderTree
            | NarrowerTree
            | Period
            | Help
            | Quit
            | Cancel
            | CollapseAll
            // An item's own texts, history, figures and contact persons,
            // the plan's periods, and the change between two periods read
            // from the store.
            | Translations
            | History
            | Figures
            | People
            | Periods
            | Changes
            // Writes to the selected item and its siblings (or, for a
            // move, the item selected as its new parent), read again as
            // the tree shows them.
            | Move
            | AddChild
            | AddSibling
            | Delete
            | MoveUp
            | MoveDown
            | Keep
            | Rename
            | Undo
            | Redo
            // The palette's choice is read for as its key would be.
            | Palette
    )
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

pub use crate::present::item::period_label;
