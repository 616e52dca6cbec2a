//! What the app's tests share: databases to run on, keys to feed, and the
//! screen as the user sees it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tempfile::TempDir;

use strata::app::tree::NodeKey;
use strata::app::{App, Control, MessageKind, Overlay};
use strata::domain::{Lang, Plan, Status};
use strata::exchange::{parse, reference};
use strata::keymap::Keymap;
use strata::store::{Mode, Store};

pub const IC: &str = "internal-control-2025";
pub const IMPORT_AT: &str = "2026-01-01T00:00:00Z";

// ---------------------------------------------------------------- fixtures

/// A temporary database file; the directory goes when this is dropped.
pub struct Db {
    _dir: TempDir,
    pub path: PathBuf,
}

pub fn db_with(plans: &[Plan]) -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("strata.db");
    let mut store = Store::open(&path, Mode::ReadWrite).unwrap().store;
    store.import(plans, false, "test", IMPORT_AT).unwrap();
    Db { _dir: dir, path }
}

/// The five reference plans.
pub fn reference_db() -> Db {
    db_with(&reference::document().unwrap().plans)
}

/// A small plan with statuses in two periods (2024 and 2025).
pub const TINY: &str = r#"{
  "format": "strata",
  "version": 1,
  "plans": [
    {
      "code": "tiny",
      "title": {"fi": "Pieni", "sv": "Liten", "en": "Tiny"},
      "periods": [
        {"code": "2024", "label": {"en": "Year 2024"}, "start": "2024-01-01", "end": "2024-12-31"},
        {"code": "2025", "label": {"en": "Year 2025"}, "start": "2025-01-01", "end": "2025-12-31"}
      ],
      "items": [
        {"code": "1", "title": {"en": "One"},
         "assessments": [
           {"period": "2024", "status": "on_track", "by": "anna", "at": "2024-12-31T10:00:00Z"},
           {"period": "2025", "status": "off_track", "by": "anna", "at": "2025-12-31T10:00:00Z"}
         ]},
        {"code": "2", "title": {"en": "Two"},
         "assessments": [
           {"period": "2024", "status": "done", "by": "anna", "at": "2024-12-31T10:00:00Z"}
         ]}
      ]
    }
  ]
}"#;

pub fn tiny_db() -> Db {
    db_with(&parse("tiny.json", TINY.as_bytes()).unwrap().plans)
}

pub fn open_app(path: &Path, mode: Mode, lang: Lang) -> App {
    open_app_with(path, mode, lang, Keymap::defaults())
}

pub fn open_app_with(path: &Path, mode: Mode, lang: Lang, keymap: Keymap) -> App {
    let store = Store::open(path, mode).unwrap().store;
    let mut app = App::new(store, lang, keymap).unwrap();
    app.model.resize(40);
    app.model.color = false;
    app
}

/// A fresh look at the file, with a store of its own.
pub fn load(path: &Path, plan: &str) -> Plan {
    Store::open(path, Mode::ReadOnly)
        .unwrap()
        .store
        .load_plan(plan)
        .unwrap()
}

pub fn item_in<'a>(plan: &'a Plan, code: &str) -> &'a strata::domain::Item {
    plan.find(code).map(|(it, _)| it).expect("item exists")
}

/// (status in the period, number of assessment rows) of an item in the file.
pub fn stored(path: &Path, plan: &str, item: &str, period: &str) -> (Status, usize) {
    let p = load(path, plan);
    let it = item_in(&p, item);
    let status = it.current(period).map_or(Status::NotAssessed, |a| a.status);
    let rows = it.assessments.iter().filter(|a| a.period == period).count();
    (status, rows)
}

pub fn change_count(path: &Path, plan: &str, item: &str) -> usize {
    Store::open(path, Mode::ReadOnly)
        .unwrap()
        .store
        .changes(plan, Some(item), 10_000)
        .unwrap()
        .len()
}

// ------------------------------------------------------------------- keys

pub fn ch(c: char) -> KeyEvent {
    let m = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), m)
}

pub fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// One key, then what it began in the background (a search reads the
/// plans whole) waited for: the screen as the user sees it once it has come.
pub fn settled(app: &mut App, key: &KeyEvent) -> Control {
    let c = app.key(key);
    app.poll_whole_read(true);
    c
}

pub fn press(app: &mut App, c: char) -> Control {
    settled(app, &ch(c))
}

pub fn press_code(app: &mut App, c: KeyCode) -> Control {
    settled(app, &code(c))
}

/// Types text key by key ('\n' as Enter).
pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        if c == '\n' {
            settled(app, &code(KeyCode::Enter));
        } else {
            settled(app, &ch(c));
        }
    }
}

// ------------------------------------------------------------ what is seen

pub fn key(plan: &str, item: Option<&str>) -> NodeKey {
    NodeKey {
        plan: plan.to_owned(),
        item: item.map(str::to_owned),
    }
}

pub fn selected(app: &App) -> NodeKey {
    app.model.selected_key().expect("a row is selected")
}

pub fn message(app: &App) -> (MessageKind, String) {
    let m = app.model.message.as_ref().expect("a message is shown");
    (m.kind, m.text.clone())
}

pub fn plan_index(app: &App, code: &str) -> usize {
    app.model
        .plans
        .iter()
        .position(|p| p.plan.code == code)
        .unwrap()
}

/// The status the model shows for an item in its plan's current period.
pub fn shown_status(app: &App, plan: &str, item: &str) -> Status {
    let ps = &app.model.plans[plan_index(app, plan)];
    ps.rolled.get(item).map_or(Status::NotAssessed, |r| r.own)
}

/// Selects internal-control-2025 item 1 the way a user would: by searching.
pub fn select_hygiene(app: &mut App) {
    press(app, '/');
    type_text(app, "hygien");
    press_code(app, KeyCode::Enter);
    assert_eq!(selected(app), key(IC, Some("1")));
    assert_eq!(app.model.overlay, Overlay::None);
}

// ----------------------------------------------------------------- screen

/// The screen as plain text: one line per row, trailing spaces trimmed.
/// Cells hidden behind a wide character are skipped.
pub fn render(app: &mut App, w: u16, h: u16) -> String {
    app.model.resize(h);
    draw(app, w, h)
}

pub fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
    let buf = term.backend().buffer();
    let mut out = Vec::new();
    if w > 0 {
        for cells in buf.content.chunks(w as usize) {
            let mut line = String::new();
            let mut skip = 0u16;
            for c in cells {
                if skip == 0 {
                    line.push_str(c.symbol());
                }
                skip = skip.max(cell_width(c.symbol())).saturating_sub(1);
            }
            out.push(line.trim_end().to_owned());
        }
    }
    out.join("\n")
}

pub fn cell_width(s: &str) -> u16 {
    strata::display::width(s) as u16
}

/// Feeds a key string, as helix's `test_key_sequence` does: characters as
/// typed, and `<esc>`, `<ret>`, `<tab>`, `<bs>`, `<up>`, `<down>`, `<left>`,
/// `<right>`, `<pgup>`, `<pgdn>`, `<home>`, `<end>`, `<C-x>` (Ctrl), `<A-x>`
/// (Alt), `<lt>` for `<` and `<gt>` for `>`. Returns what the last key did.
pub fn keys(app: &mut App, s: &str) -> Control {
    let mut last = Control::Continue;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let (event, len) = match (c, rest.find('>')) {
            ('<', Some(end)) if end > 1 => (named_key(&rest[1..end]), end + 1),
            _ => (ch(c), c.len_utf8()),
        };
        last = settled(app, &event);
        rest = &rest[len..];
    }
    last
}

fn named_key(name: &str) -> KeyEvent {
    let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
    if let Some(c) = name.strip_prefix("C-") {
        return KeyEvent::new(
            KeyCode::Char(c.chars().next().unwrap()),
            KeyModifiers::CONTROL,
        );
    }
    if let Some(c) = name.strip_prefix("A-") {
        return KeyEvent::new(KeyCode::Char(c.chars().next().unwrap()), KeyModifiers::ALT);
    }
    plain(match name {
        "esc" => KeyCode::Esc,
        "ret" => KeyCode::Enter,
        "tab" => KeyCode::Tab,
        "bs" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        other => panic!("unknown key <{other}>"),
    })
}

// ---------------------------------------------------------------- the binary

/// The outcome of one run of the strata binary.
#[allow(dead_code)]
pub struct Ran {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// Runs the binary on `db` at a fixed time (`STRATA_NOW`), 100 columns
/// wide, as `strata --db DB ARGS…`, with `env` on top, in the database's
/// folder.
#[allow(dead_code)]
pub fn run_strata(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Ran {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_strata"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("STRATA_NOW", "2026-12-01T10:00:00Z")
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR");
    if let Some(dir) = db.parent() {
        cmd.current_dir(dir);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run strata");
    Ran {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// As [`run_strata`], for a run that must succeed; its standard output.
#[allow(dead_code)]
pub fn strata_ok(db: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let r = run_strata(db, args, env);
    assert_eq!(r.code, 0, "strata {args:?}: {}", r.err);
    r.out
}
