//! Where things are and which language to speak: arguments, then the
//! environment, then the config file, then the defaults.

use std::path::PathBuf;

use serde::Deserialize;

use crate::domain::Lang;

/// The optional config file, `$XDG_CONFIG_HOME/strata/config.toml` (or the
/// file named by `STRATA_CONFIG`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Display language: `fi`, `sv` or `en`.
    pub lang: Option<String>,
    /// Database file used when neither `--db` nor `STRATA_DB` is given.
    pub db: Option<PathBuf>,
    /// Key overrides for the app, by mode and action.
    #[serde(default)]
    pub keys: toml::Table,
    /// Whether the app reads the mouse (click a row, wheel to scroll);
    /// `false` leaves the mouse to the terminal (selecting text).
    pub mouse: Option<bool>,
    /// The file as read, to name the line of an entry a later check refuses.
    #[serde(skip)]
    pub source: Option<(PathBuf, String)>,
}

/// A config file that cannot be read as written.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "strata")
}

pub fn config_path() -> Option<PathBuf> {
    match std::env::var_os("STRATA_CONFIG") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => dirs().map(|d| d.config_dir().join("config.toml")),
    }
}

impl Config {
    /// Reads the config file; a missing file is an empty config.
    pub fn load() -> Result<Config, ConfigError> {
        let Some(path) = config_path() else {
            return Ok(Config::default());
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(ConfigError {
                    path,
                    line: None,
                    message: e.to_string(),
                })
            }
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError {
            line: e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count()),
            message: e.message().to_owned(),
            path: path.clone(),
        })?;
        config.source = Some((path, text));
        Ok(config)
    }
}

/// The database file: `--db`, then `STRATA_DB`, then the config file, then
/// `strata.db` in the XDG data directory.
pub fn db_path(arg: Option<PathBuf>, config: &Config) -> PathBuf {
    if let Some(p) = arg {
        return p;
    }
    if let Some(p) = std::env::var_os("STRATA_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(p) = &config.db {
        return p.clone();
    }
    match dirs() {
        Some(d) => d.data_dir().join("strata.db"),
        None => PathBuf::from("strata.db"),
    }
}

/// The display language: `--lang`, then the config file, then the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`: `fi_*` → fi, `sv_*` → sv, else en).
pub fn display_lang(arg: Option<Lang>, config: &Config) -> Lang {
    if let Some(l) = arg {
        return l;
    }
    if let Some(l) = config.lang.as_deref().and_then(Lang::parse) {
        return l;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    Lang::from_locale(&locale)
}

/// The app's own memory between runs, apart from the user's config: the
/// display language last chosen with `L`. `$XDG_STATE_HOME/strata/state.toml`
/// (`~/.local/state/strata/state.toml`).
fn state_path() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("strata").join("state.toml"));
    }
    let d = dirs()?;
    Some(
        d.state_dir()
            .map(|s| s.to_owned())
            .unwrap_or_else(|| d.data_local_dir().to_owned())
            .join("state.toml"),
    )
}

/// What the app remembers between runs: the display language chosen with
/// `L` and the tree pane's share of the width set with `(` and `)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub lang: Option<Lang>,
    /// Percent of the width (20–80); `None`: strata chooses.
    pub tree: Option<u16>,
}

/// What the app remembers, if anything (a state it cannot read is nothing).
pub fn remembered() -> State {
    let table: Option<toml::Table> = state_path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| toml::from_str(&t).ok());
    let Some(table) = table else {
        return State::default();
    };
    State {
        lang: table
            .get("lang")
            .and_then(|v| v.as_str())
            .and_then(Lang::parse),
        tree: table
            .get("tree")
            .and_then(|v| v.as_integer())
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (20..=80).contains(n)),
    }
}

/// The display language the app last showed, if it remembers one.
pub fn remembered_lang() -> Option<Lang> {
    remembered().lang
}

/// Remembers the state for the app's next start. A state that cannot be
/// written is only not remembered.
pub fn remember(state: State) {
    let Some(path) = state_path() else { return };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let mut text = String::from(
        "# strata remembers the display language chosen with L and the tree's width (( and )).\n",
    );
    if let Some(l) = state.lang {
        text.push_str(&format!("lang = \"{}\"\n", l.code()));
    }
    if let Some(t) = state.tree {
        text.push_str(&format!("tree = {t}\n"));
    }
    let _ = std::fs::write(&path, text);
}

/// Remembers the display language for the app's next start, keeping the
/// rest of what is remembered.
pub fn remember_lang(lang: Lang) {
    remember(State {
        lang: Some(lang),
        ..remembered()
    });
}
