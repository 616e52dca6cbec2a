//! Keys as data: `assets/keymap.toml` gives the defaults per mode, the config
//! file's `[keys.<mode>]` overrides them (for keyboard layouts where `/` or
//! `?` are hard to reach).

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::Lang;

const DEFAULTS: &str = include_str!("../assets/keymap.toml");

/// The modes that have their own keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Keys that work in every mode unless the mode binds them itself.
    Global,
    Browse,
    Picker,
    Editor,
    Search,
    Help,
    Confirm,
    Conflict,
    Translations,
    History,
    Missing,
    Round,
    Periods,
    People,
    Changes,
    Figures,
    Palette,
}

impl Mode {
    pub const ALL: [Mode; 17] = [
        Mode::Global,
        Mode::Browse,
        Mode::Picker,
        Mode::Editor,
        Mode::Search,
        Mode::Help,
        Mode::Confirm,
        Mode::Conflict,
        Mode::Translations,
        Mode::History,
        Mode::Missing,
        Mode::Round,
        Mode::Periods,
        Mode::People,
        Mode::Changes,
        Mode::Figures,
        Mode::Palette,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Browse => "browse",
            Mode::Picker => "picker",
            Mode::Editor => "editor",
            Mode::Search => "search",
            Mode::Help => "help",
            Mode::Confirm => "confirm",
            Mode::Conflict => "conflict",
            Mode::Translations => "translations",
            Mode::History => "history",
            Mode::Missing => "missing",
            Mode::Round => "round",
            Mode::Periods => "periods",
            Mode::People => "people",
            Mode::Changes => "changes",
            Mode::Figures => "figures",
            Mode::Palette => "palette",
        }
    }

    fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.key() == s)
    }

    /// The actions a key can be bound to in this mode; a keymap binding any
    /// other is refused.
    pub fn actions(self) -> &'static [Action] {
        use Action::*;
        match self {
            Mode::Global => &[Quit],
            Mode::Browse => &[
                Down,
                Up,
                First,
                Last,
                PageDown,
                PageUp,
                Open,
                Parent,
                DetailDown,
                DetailUp,
                Status,
                Edit,
                Comment,
                AddChild,
                AddSibling,
                Delete,
                Move,
                MoveUp,
                MoveDown,
                Translations,
                History,
                Figures,
                MissingTexts,
                Rename,
                Language,
                Search,
                NextHit,
                PrevHit,
                Keep,
                NextToAssess,
                Round,
                Periods,
                People,
                Changes,
                Filter,
                ExpandAll,
                CollapseAll,
                WiderTree,
                NarrowerTree,
                Palette,
                Period,
                Help,
                Undo,
                Redo,
                Quit,
                Cancel,
            ],
            Mode::Picker => &[Down, Up, Confirm, Cancel, Pick1, Pick2, Pick3, Pick4, Pick5],
            Mode::Editor => &[Save, Cancel],
            Mode::Search => &[Confirm, Cancel],
            Mode::Help => &[Close, Down, Up, PageDown, PageUp],
            Mode::Confirm => &[Yes, No, Cancel],
            Mode::Conflict => &[KeepMine, TakeTheirs, BackToEditing],
            Mode::Translations => &[Down, Up, PrevLang, NextLang, Edit, Close],
            Mode::History => &[Down, Up, PageDown, PageUp, Scope, Filter, Close],
            Mode::Missing => &[Down, Up, PageDown, PageUp, Filter, Confirm, Close],
            Mode::Round => &[Down, Up, PageDown, PageUp, Filter, Confirm, Close],
            Mode::People => &[
                Down,
                Up,
                Responsible,
                Updater,
                AddChild,
                Edit,
                Delete,
                Close,
            ],
            Mode::Changes => &[Down, Up, PageDown, PageUp, Confirm, Close],
            Mode::Figures => &[Down, Up, Confirm, AddChild, Delete, Cancel],
            Mode::Palette => &[Down, Up, Confirm, Cancel],
            Mode::Periods => &[
                Down,
                Up,
                Confirm,
                AddPeriod,
                Edit,
                Deadline,
                StartDate,
                EndDate,
                ClosePeriod,
                Delete,
                Close,
            ],
        }
    }
}

/// What a key asks for. The names are the keymap file's and the catalog's
/// (`action.<name>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    Open,
    Parent,
    DetailDown,
    DetailUp,
    Status,
    Edit,
    Comment,
    AddChild,
    AddSibling,
    Delete,
    Move,
    MoveUp,
    MoveDown,
    AddPeriod,
    Translations,
    PrevLang,
    NextLang,
    History,
    Scope,
    Filter,
    Figures,
    MissingTexts,
    Rename,
    Language,
    Search,
    NextHit,
    PrevHit,
    /// Confirm a status carried over from the previous period.
    Keep,
    /// Go to the next item that still needs an assessment.
    NextToAssess,
    /// The follow-up round view.
    Round,
    /// The plan's periods; in it, a period's deadline, first and last day,
    /// and closing or reopening it.
    Periods,
    /// The contact persons of the selected item; in it, naming one
    /// responsible or updater.
    People,
    /// What changed since the period before the shown one.
    Changes,
    Responsible,
    Updater,
    Deadline,
    StartDate,
    EndDate,
    ClosePeriod,
    /// Open every branch / close every branch.
    ExpandAll,
    CollapseAll,
    WiderTree,
    NarrowerTree,
    Palette,
    Period,
    Help,
    Undo,
    Redo,
    Quit,
    Confirm,
    Cancel,
    Save,
    Close,
    Yes,
    No,
    KeepMine,
    TakeTheirs,
    BackToEditing,
    /// Pick the first … fifth status of the picker directly.
    Pick1,
    Pick2,
    Pick3,
    Pick4,
    Pick5,
}

impl Action {
    const NAMES: [(&'static str, Action); 69] = [
        ("down", Action::Down),
        ("up", Action::Up),
        ("first", Action::First),
        ("last", Action::Last),
        ("page_down", Action::PageDown),
        ("page_up", Action::PageUp),
        ("open", Action::Open),
        ("parent", Action::Parent),
        ("detail_down", Action::DetailDown),
        ("detail_up", Action::DetailUp),
        ("status", Action::Status),
        ("edit", Action::Edit),
        ("comment", Action::Comment),
        ("add_child", Action::AddChild),
        ("add_sibling", Action::AddSibling),
        ("delete", Action::Delete),
        ("move", Action::Move),
        ("move_up", Action::MoveUp),
        ("move_down", Action::MoveDown),
        ("add_period", Action::AddPeriod),
        ("translations", Action::Translations),
        ("prev_lang", Action::PrevLang),
        ("next_lang", Action::NextLang),
        ("history", Action::History),
        ("scope", Action::Scope),
        ("filter", Action::Filter),
        ("figures", Action::Figures),
        ("missing", Action::MissingTexts),
        ("rename", Action::Rename),
        ("language", Action::Language),
        ("search", Action::Search),
        ("next_hit", Action::NextHit),
        ("prev_hit", Action::PrevHit),
        ("keep", Action::Keep),
        ("next_to_assess", Action::NextToAssess),
        ("round", Action::Round),
        ("periods", Action::Periods),
        ("people", Action::People),
        ("changes", Action::Changes),
        ("responsible", Action::Responsible),
        ("updater", Action::Updater),
        ("deadline", Action::Deadline),
        ("start_date", Action::StartDate),
        ("end_date", Action::EndDate),
        ("close_period", Action::ClosePeriod),
        ("expand_all", Action::ExpandAll),
        ("collapse_all", Action::CollapseAll),
        ("wider_tree", Action::WiderTree),
        ("narrower_tree", Action::NarrowerTree),
        ("palette", Action::Palette),
        ("period", Action::Period),
        ("help", Action::Help),
        ("undo", Action::Undo),
        ("redo", Action::Redo),
        ("quit", Action::Quit),
        ("save", Action::Save),
        ("confirm", Action::Confirm),
        ("cancel", Action::Cancel),
        ("close", Action::Close),
        ("yes", Action::Yes),
        ("no", Action::No),
        ("keep_mine", Action::KeepMine),
        ("take_theirs", Action::TakeTheirs),
        ("back_to_editing", Action::BackToEditing),
        ("pick_1", Action::Pick1),
        ("pick_2", Action::Pick2),
        ("pick_3", Action::Pick3),
        ("pick_4", Action::Pick4),
        ("pick_5", Action::Pick5),
    ];

    /// The picks in order: `Pick1` is the first choice.
    pub const PICKS: [Action; 5] = [
        Action::Pick1,
        Action::Pick2,
        Action::Pick3,
        Action::Pick4,
        Action::Pick5,
    ];

    pub fn name(self) -> &'static str {
        Action::NAMES
            .iter()
            .find(|(_, a)| *a == self)
            .map_or("", |(n, _)| n)
    }

    fn parse(s: &str) -> Option<Action> {
        Action::NAMES.iter().find(|(n, _)| *n == s).map(|(_, a)| *a)
    }
}

/// A key as the keymap names it: a code and the Ctrl/Alt modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key of a terminal event. Shift is part of the character ("G"), so
    /// it is not kept as a modifier.
    pub fn from_event(e: &KeyEvent) -> Key {
        let code = match e.code {
            KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest
                .strip_prefix("Ctrl-")
                .or_else(|| rest.strip_prefix("C-"))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("Alt-")
                .or_else(|| rest.strip_prefix("M-"))
            {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if ctrl { ch.to_ascii_lowercase() } else { ch })
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// The terminal event this key is, to feed the app as if typed.
    pub fn event(&self) -> KeyEvent {
        let mut m = KeyModifiers::NONE;
        if self.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if self.alt {
            m |= KeyModifiers::ALT;
        }
        KeyEvent::new(self.code, m)
    }

    /// The key as the help and the footer show it.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".to_owned(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{}", base.to_uppercase()),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// A keymap entry that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    /// `keys.browse.down`
    pub field: String,
    pub value: String,
    /// For an action bound in a mode it does not belong to: the modes it
    /// belongs to (`None`: an unknown name).
    pub belongs: Option<Vec<&'static str>>,
}

impl KeymapError {
    fn unknown(field: String, value: String) -> KeymapError {
        KeymapError {
            field,
            value,
            belongs: None,
        }
    }

    /// The line of the config file `text` that holds the entry, found by its
    /// table header and key, for a message that names it.
    pub fn line_in(&self, text: &str) -> Option<usize> {
        let parts: Vec<&str> = self.field.split('.').collect();
        let (table, key) = match parts.as_slice() {
            [.., last] if parts.len() > 2 => (parts[..parts.len() - 1].join("."), Some(*last)),
            _ => (self.field.clone(), None),
        };
        let header = |l: &str| {
            let l = l.trim();
            l.starts_with('[') && l.trim_matches(|c| c == '[' || c == ']').trim() == table
        };
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.iter().position(|l| header(l))?;
        let Some(key) = key else {
            return Some(start + 1);
        };
        lines[start + 1..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('['))
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map(|i| start + 2 + i)
    }
}

/// Keys → actions per mode, and actions → keys for hints and help. The
/// answers to questions (`[confirm.fi]` …) follow the display language.
#[derive(Clone, Debug)]
pub struct Keymap {
    by_key: HashMap<(Mode, Option<Lang>, Key), Action>,
    /// In file order, for help and hints.
    by_action: Vec<Binding>,
}

/// The keys of one action in one mode (and, for answers, one language).
#[derive(Clone, Debug)]
struct Binding {
    mode: Mode,
    lang: Option<Lang>,
    action: Action,
    keys: Vec<Key>,
}

impl Keymap {
    /// The defaults with the user's overrides (`[keys.<mode>]` of the config
    /// file) applied. An unknown mode, action or key name, or an action bound
    /// in a mode it does not belong to, is an error naming it.
    pub fn load(overrides: &toml::Table) -> Result<Keymap, KeymapError> {
        let defaults: toml::Table = toml::from_str(DEFAULTS).expect("embedded keymap parses");
        let mut by_action: Vec<Binding> = Vec::new();
        read_table(&defaults, "", &mut by_action)?;
        let mut user = Vec::new();
        read_table(overrides, "keys.", &mut user)?;
        for b in user {
            // A key taken by the override is taken from any other action of the mode.
            for other in by_action.iter_mut() {
                if other.mode == b.mode && other.lang == b.lang {
                    other.keys.retain(|k| !b.keys.contains(k));
                }
            }
            match by_action
                .iter_mut()
                .find(|o| o.mode == b.mode && o.lang == b.lang && o.action == b.action)
            {
                Some(entry) => entry.keys = b.keys,
                None => by_action.push(b),
            }
        }
        // Help and hints list actions in the order of the key contract.
        let rank = |a: &Action| Action::NAMES.iter().position(|(_, x)| x == a);
        by_action.sort_by_key(|b| (b.mode, rank(&b.action), b.lang));
        let mut by_key = HashMap::new();
        for b in &by_action {
            for k in &b.keys {
                by_key.insert((b.mode, b.lang, *k), b.action);
            }
        }
        Ok(Keymap { by_key, by_action })
    }

    pub fn defaults() -> Keymap {
        Keymap::load(&toml::Table::new()).expect("embedded keymap is valid")
    }

    /// What a key does in a mode, for a reader of `lang`: the mode's keys in
    /// that language (the answers to questions), then the mode's own, then
    /// the keys that work everywhere.
    pub fn action_in(&self, mode: Mode, lang: Lang, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key);
        [(mode, Some(lang)), (mode, None), (Mode::Global, None)]
            .into_iter()
            .find_map(|(m, l)| self.by_key.get(&(m, l, k)).copied())
    }

    /// As [`Keymap::action_in`] for a mode whose keys do not depend on the
    /// language.
    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key);
        [(mode, None), (Mode::Global, None)]
            .into_iter()
            .find_map(|(m, l)| self.by_key.get(&(m, l, k)).copied())
    }

    /// The keys of an action in a mode: those of the language first.
    pub fn keys_in(&self, mode: Mode, lang: Lang, action: Action) -> Vec<Key> {
        let mut out = Vec::new();
        for l in [Some(lang), None] {
            if let Some(b) = self
                .by_action
                .iter()
                .find(|b| b.mode == mode && b.lang == l && b.action == action)
            {
                out.extend(b.keys.iter().copied());
            }
        }
        out
    }

    pub fn keys(&self, mode: Mode, action: Action) -> &[Key] {
        self.by_action
            .iter()
            .find(|b| b.mode == mode && b.lang.is_none() && b.action == action)
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// Every binding of a mode for a reader of `lang`, in the keymap's
    /// order, each action once with its keys in that language first.
    pub fn bindings_in(&self, mode: Mode, lang: Lang) -> Vec<(Action, Vec<Key>)> {
        let mut out: Vec<(Action, Vec<Key>)> = Vec::new();
        for b in self
            .by_action
            .iter()
            .filter(|b| b.mode == mode && b.lang.is_none_or(|l| l == lang))
        {
            if out.iter().any(|(a, _)| *a == b.action) {
                continue;
            }
            out.push((b.action, self.keys_in(mode, lang, b.action)));
        }
        out
    }

    /// How a question names its answers in `lang`: the first key of yes and
    /// of no (`j` and `n` in Swedish).
    pub fn answers(&self, lang: Lang) -> [(&'static str, String); 2] {
        let first = |a| {
            self.keys_in(Mode::Confirm, lang, a)
                .first()
                .map_or_else(String::new, Key::label)
        };
        [("yes", first(Action::Yes)), ("no", first(Action::No))]
    }

    /// Every binding of a mode, in the keymap's order (answers in English).
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        self.bindings_in(mode, Lang::En)
    }
}

fn read_table(
    table: &toml::Table,
    prefix: &str,
    out: &mut Vec<Binding>,
) -> Result<(), KeymapError> {
    for (mode_name, actions) in table {
        let mode = Mode::parse(mode_name).ok_or_else(|| {
            KeymapError::unknown(format!("{prefix}{mode_name}"), mode_name.clone())
        })?;
        let actions = actions.as_table().ok_or_else(|| {
            KeymapError::unknown(
                format!("{prefix}{mode_name}"),
                actions.type_str().to_owned(),
            )
        })?;
        read_actions(actions, &format!("{prefix}{mode_name}"), mode, None, out)?;
    }
    Ok(())
}

/// The `action = [keys]` lines of one mode; a table named by a language
/// (`[confirm.sv]`) holds that language's keys.
fn read_actions(
    actions: &toml::Table,
    at: &str,
    mode: Mode,
    lang: Option<Lang>,
    out: &mut Vec<Binding>,
) -> Result<(), KeymapError> {
    for (action_name, keys) in actions {
        let field = format!("{at}.{action_name}");
        let bad = |value: String| KeymapError::unknown(field.clone(), value);
        if let (None, Some(sub), Some(l)) = (lang, keys.as_table(), Lang::parse(action_name)) {
            if l.code() == action_name {
                read_actions(sub, &field, mode, Some(l), out)?;
                continue;
            }
        }
        let action = Action::parse(action_name).ok_or_else(|| bad(action_name.clone()))?;
        if !mode.actions().contains(&action) {
            return Err(KeymapError {
                field,
                value: action_name.clone(),
                belongs: Some(
                    Mode::ALL
                        .into_iter()
                        .filter(|m| m.actions().contains(&action))
                        .map(Mode::key)
                        .collect(),
                ),
            });
        }
        let list = match keys {
            toml::Value::String(s) => vec![s.clone()],
            toml::Value::Array(a) => a
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad(keys.type_str().to_owned()))?,
            other => return Err(bad(other.type_str().to_owned())),
        };
        let keys = list
            .iter()
            .map(|s| Key::parse(s).ok_or_else(|| bad(s.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Binding {
            mode,
            lang,
            action,
            keys,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn the_key_contract_holds_by_default() {
        let k = Keymap::defaults();
        let b = |c, m| k.action(Mode::Browse, &ev(c, m));
        assert_eq!(
            b(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(b(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(
            b(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Last)
        );
        assert_eq!(
            b(KeyCode::Char('L'), KeyModifiers::SHIFT),
            Some(Action::Language)
        );
        assert_eq!(
            b(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::Redo)
        );
        assert_eq!(
            b(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            b(KeyCode::Char('c'), KeyModifiers::NONE),
            Some(Action::Comment)
        );
        assert_eq!(b(KeyCode::Enter, KeyModifiers::NONE), Some(Action::Open));
        assert_eq!(
            b(KeyCode::Char('?'), KeyModifiers::NONE),
            Some(Action::Help)
        );
        let e = |c, m| k.action(Mode::Editor, &ev(c, m));
        assert_eq!(
            e(KeyCode::Char('s'), KeyModifiers::CONTROL),
            Some(Action::Save)
        );
        assert_eq!(
            e(KeyCode::Enter, KeyModifiers::NONE),
            None,
            "Enter is a new line"
        );
    }

    #[test]
    fn a_user_can_rebind_a_key() {
        let over: toml::Table =
            toml::from_str("[browse]\nsearch = [\"-\"]\ndown = [\"j\", \"ö\"]").unwrap();
        let k = Keymap::load(&over).unwrap();
        let b = |c| k.action(Mode::Browse, &ev(c, KeyModifiers::NONE));
        assert_eq!(b(KeyCode::Char('-')), Some(Action::Search));
        assert_eq!(b(KeyCode::Char('/')), None);
        assert_eq!(b(KeyCode::Char('ö')), Some(Action::Down));
        assert_eq!(k.keys(Mode::Browse, Action::Search)[0].label(), "-");
    }

    #[test]
    fn a_rebinding_takes_the_key_from_its_old_action() {
        let over: toml::Table = toml::from_str("[browse]\nhelp = [\"h\"]").unwrap();
        let k = Keymap::load(&over).unwrap();
        let b = |c| k.action(Mode::Browse, &ev(c, KeyModifiers::NONE));
        assert_eq!(b(KeyCode::Char('h')), Some(Action::Help));
        assert_eq!(b(KeyCode::Left), Some(Action::Parent));
    }

    #[test]
    fn bad_names_are_reported_with_their_field() {
        let over: toml::Table = toml::from_str("[browse]\ndown = [\"Hyper-j\"]").unwrap();
        let e = Keymap::load(&over).unwrap_err();
        assert_eq!(e.field, "keys.browse.down");
        let over: toml::Table = toml::from_str("[browse]\nfly = [\"f\"]").unwrap();
        assert_eq!(Keymap::load(&over).unwrap_err().field, "keys.browse.fly");
        let over: toml::Table = toml::from_str("[nowhere]\nup = [\"k\"]").unwrap();
        assert_eq!(Keymap::load(&over).unwrap_err().field, "keys.nowhere");
    }

    #[test]
    fn an_action_of_another_mode_is_refused_naming_its_modes_and_line() {
        let text = "lang = \"sv\"\n[keys.browse]\ndown = [\"j\"]\nsave = [\"x\"]\n";
        let config: toml::Table = toml::from_str(text).unwrap();
        let over = config["keys"].as_table().unwrap();
        let e = Keymap::load(over).unwrap_err();
        assert_eq!(e.field, "keys.browse.save");
        assert_eq!(e.belongs, Some(vec!["editor"]));
        assert_eq!(e.line_in(text), Some(4));
        // The defaults bind every action only where it belongs.
        let k = Keymap::defaults();
        for mode in Mode::ALL {
            for (a, _) in k.bindings(mode) {
                assert!(mode.actions().contains(&a), "{mode:?} {a:?}");
            }
        }
    }

    #[test]
    fn answers_follow_the_display_language_and_enter_and_esc_work_in_all() {
        let k = Keymap::defaults();
        let c = |l, code| k.action_in(Mode::Confirm, l, &ev(code, KeyModifiers::NONE));
        assert_eq!(c(Lang::Sv, KeyCode::Char('j')), Some(Action::Yes));
        assert_eq!(c(Lang::Sv, KeyCode::Char('n')), Some(Action::No));
        assert_eq!(c(Lang::Sv, KeyCode::Char('y')), None);
        assert_eq!(c(Lang::Fi, KeyCode::Char('k')), Some(Action::Yes));
        assert_eq!(c(Lang::Fi, KeyCode::Char('e')), Some(Action::No));
        assert_eq!(c(Lang::Fi, KeyCode::Char('n')), None);
        assert_eq!(c(Lang::En, KeyCode::Char('y')), Some(Action::Yes));
        for l in Lang::ALL {
            assert_eq!(c(l, KeyCode::Enter), Some(Action::Yes));
            assert_eq!(c(l, KeyCode::Esc), Some(Action::Cancel));
        }
        assert_eq!(k.answers(Lang::Fi)[0].1, "k");
        assert_eq!(k.answers(Lang::Sv)[1].1, "n");
        // Ctrl-C quits from every mode that does not bind it.
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in Mode::ALL {
            assert_eq!(
                k.action_in(mode, Lang::Fi, &ctrl_c),
                Some(Action::Quit),
                "{mode:?}"
            );
        }
        // A user may give Swedish answers other letters.
        let over: toml::Table = toml::from_str("[confirm.sv]\nyes = [\"o\"]").unwrap();
        let k = Keymap::load(&over).unwrap();
        let c = |l, code| k.action_in(Mode::Confirm, l, &ev(code, KeyModifiers::NONE));
        assert_eq!(c(Lang::Sv, KeyCode::Char('o')), Some(Action::Yes));
        assert_eq!(c(Lang::Sv, KeyCode::Char('j')), None);
        assert_eq!(c(Lang::Fi, KeyCode::Char('k')), Some(Action::Yes));
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(Key::parse("Ctrl-s").unwrap().label(), "Ctrl-S");
        assert_eq!(Key::parse("PageDown").unwrap().label(), "PgDn");
        assert_eq!(Key::parse("Up").unwrap().label(), "↑");
        assert!(Key::parse("").is_none());
    }
}
