//! Keys as data: `assets/keymap.toml` gives the defaults per mode, the config
//! file's `[keys.<mode>]` overrides them (for keyboard layouts where `/` or
//! `?` are hard to reach).

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const DEFAULTS: &str = include_str!("../assets/keymap.toml");

/// The modes that have their own keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
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
}

impl Mode {
    pub const ALL: [Mode; 10] = [
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
    ];

    pub fn key(self) -> &'static str {
        match self {
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
        }
    }

    fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.key() == s)
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
}

impl Action {
    const NAMES: [(&'static str, Action); 47] = [
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
}

/// Keys → actions per mode, and actions → keys for hints and help.
#[derive(Clone, Debug)]
pub struct Keymap {
    by_key: HashMap<(Mode, Key), Action>,
    /// In file order, for help and hints.
    by_action: Vec<(Mode, Action, Vec<Key>)>,
}

impl Keymap {
    /// The defaults with the user's overrides (`[keys.<mode>]` of the config
    /// file) applied. An unknown mode, action or key name is an error naming it.
    pub fn load(overrides: &toml::Table) -> Result<Keymap, KeymapError> {
        let defaults: toml::Table = toml::from_str(DEFAULTS).expect("embedded keymap parses");
        let mut by_action: Vec<(Mode, Action, Vec<Key>)> = Vec::new();
        read_table(&defaults, "", &mut by_action)?;
        let mut user = Vec::new();
        read_table(overrides, "keys.", &mut user)?;
        for (mode, action, keys) in user {
            // A key taken by the override is taken from any other action of the mode.
            for (m, _, ks) in by_action.iter_mut() {
                if *m == mode {
                    ks.retain(|k| !keys.contains(k));
                }
            }
            match by_action
                .iter_mut()
                .find(|(m, a, _)| *m == mode && *a == action)
            {
                Some(entry) => entry.2 = keys,
                None => by_action.push((mode, action, keys)),
            }
        }
        // Help and hints list actions in the order of the key contract.
        let rank = |a: &Action| Action::NAMES.iter().position(|(_, x)| x == a);
        by_action.sort_by_key(|(m, a, _)| (*m, rank(a)));
        let mut by_key = HashMap::new();
        for (mode, action, keys) in &by_action {
            for k in keys {
                by_key.insert((*mode, *k), *action);
            }
        }
        Ok(Keymap { by_key, by_action })
    }

    pub fn defaults() -> Keymap {
        Keymap::load(&toml::Table::new()).expect("embedded keymap is valid")
    }

    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        self.by_key.get(&(mode, Key::from_event(key))).copied()
    }

    pub fn keys(&self, mode: Mode, action: Action) -> &[Key] {
        self.by_action
            .iter()
            .find(|(m, a, _)| *m == mode && *a == action)
            .map_or(&[], |(_, _, k)| k.as_slice())
    }

    /// Every binding of a mode, in the keymap's order.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = (Action, &[Key])> {
        self.by_action
            .iter()
            .filter(move |(m, _, _)| *m == mode)
            .map(|(_, a, k)| (*a, k.as_slice()))
    }
}

fn read_table(
    table: &toml::Table,
    prefix: &str,
    out: &mut Vec<(Mode, Action, Vec<Key>)>,
) -> Result<(), KeymapError> {
    for (mode_name, actions) in table {
        let bad = |field: String, value: String| KeymapError { field, value };
        let mode = Mode::parse(mode_name)
            .ok_or_else(|| bad(format!("{prefix}{mode_name}"), mode_name.clone()))?;
        let actions = actions.as_table().ok_or_else(|| {
            bad(
                format!("{prefix}{mode_name}"),
                actions.type_str().to_owned(),
            )
        })?;
        for (action_name, keys) in actions {
            let field = format!("{prefix}{mode_name}.{action_name}");
            let action = Action::parse(action_name)
                .ok_or_else(|| bad(field.clone(), action_name.clone()))?;
            let list = match keys {
                toml::Value::String(s) => vec![s.clone()],
                toml::Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| bad(field.clone(), keys.type_str().to_owned()))?,
                other => return Err(bad(field, other.type_str().to_owned())),
            };
            let keys = list
                .iter()
                .map(|s| Key::parse(s).ok_or_else(|| bad(field.clone(), s.clone())))
                .collect::<Result<Vec<_>, _>>()?;
            out.push((mode, action, keys));
        }
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
    fn labels_read_well() {
        assert_eq!(Key::parse("Ctrl-s").unwrap().label(), "Ctrl-S");
        assert_eq!(Key::parse("PageDown").unwrap().label(), "PgDn");
        assert_eq!(Key::parse("Up").unwrap().label(), "↑");
        assert!(Key::parse("").is_none());
    }
}
