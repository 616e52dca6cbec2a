//! Integration tests of the store's public API on temporary files: opening,
//! refusing and migrating files, read-only mode, import/export, follow-ups,
//! the write lock, removing plans and `data_version`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tempfile::TempDir;

use strata::domain::{Assessment, Item, Lang, Plan, Status, Text};
use strata::exchange::{parse, reference, Document};
use strata::store::{Mode, SetAssessment, Store, StoreError, APPLICATION_ID, SCHEMA_VERSION};

const USER: &str = "tester";
const AT: &str = "2026-03-01T10:00:00Z";

/// Two small plans. `alpha` has assessments in 2024 and 2025 (none in 2026),
/// indicators, a risk with a control; `beta` has no assessments at all.
const FIXTURE: &str = r#"{
  "format": "strata",
  "version": 1,
  "plans": [
    {
      "code": "alpha",
      "title": {"fi": "Alfa", "sv": "Alfa", "en": "Alpha"},
      "description": {"en": "A test plan"},
      "source_language": "fi",
      "start_year": 2024,
      "end_year": 2026,
      "levels": [{"fi": "Tavoite", "en": "Goal"}, {"en": "Measure"}],
      "status_labels": {"at_risk": {"sv": "Delvis godkänd"}},
      "periods": [
        {"code": "2024", "label": {"en": "01–12/2024"}, "start": "2024-01-01", "end": "2024-12-31"},
        {"code": "2025", "start": "2025-01-01", "end": "2025-12-31"},
        {"code": "2026", "start": "2026-01-01", "end": "2026-12-31"}
      ],
      "items": [
        {"code": "1", "title": {"en": "Goal one"},
         "children": [
           {"code": "1.1", "title": {"en": "Measure one"},
            "assessments": [
              {"period": "2024", "status": "on_track", "comment": {"fi": "Hyvin"},
               "by": "anna", "at": "2024-12-31T10:00:00Z"},
              {"period": "2025", "status": "at_risk",
               "comment": {"fi": "Viivästyy", "sv": "Försenad"},
               "actions": {"fi": "Lisää resursseja"},
               "by": "anna", "at": "2025-06-30T10:00:00Z"}
            ]},
           {"code": "1.2", "title": {"en": "Measure two"}}
         ]},
        {"code": "2", "title": {"en": "Risk two"},
         "indicators": [
           {"name": {"en": "Share"}, "unit": {"en": "%"}, "direction": "higher",
            "green": 70, "yellow": 29,
            "values": [{"period": "2024", "value": 65},
                       {"period": "2025", "value": null, "note": {"fi": "iu"}}]}
         ],
         "risk": {"probability": 3, "consequence": 4,
                  "controls": [{"what": {"sv": "Loggkontroll"}, "frequency": {"sv": "Månadsvis"}}]}}
      ]
    },
    {
      "code": "beta",
      "title": {"en": "Beta"},
      "periods": [
        {"code": "2025", "start": "2025-01-01"},
        {"code": "2026", "start": "2026-01-01"},
        {"code": "2027", "start": "2027-01-01"}
      ],
      "items": [
        {"code": "a", "title": {"en": "A"},
         "indicators": [
           {"name": {"en": "Days"}, "direction": "lower", "green": 10, "yellow": 20,
            "values": [{"period": "2025", "value": 12}]}
         ],
         "risk": {"probability": 1, "consequence": 2,
                  "controls": [{"what": {"en": "Check"}}]}}
      ]
    }
  ]
}
"#;

// ---------------------------------------------------------------- helpers

fn fixture() -> Vec<Plan> {
    parse("fixture.json", FIXTURE.as_bytes())
        .expect("fixture parses")
        .plans
}

fn fixture_plan(code: &str) -> Plan {
    fixture()
        .into_iter()
        .find(|p| p.code == code)
        .expect("plan in fixture")
}

/// A fresh temporary directory and the path of a database inside it.
fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plans.db");
    (dir, path)
}

fn open(path: &Path, mode: Mode) -> Store {
    match Store::open(path, mode) {
        Ok(o) => o.store,
        Err(e) => panic!("open {} {mode:?}: {e}", path.display()),
    }
}

/// Opening that must fail; returns the error.
fn open_err(path: &Path, mode: Mode) -> StoreError {
    match Store::open(path, mode) {
        Ok(_) => panic!("{} opened {mode:?}, expected an error", path.display()),
        Err(e) => e,
    }
}

/// A database at a fresh path holding the fixture plans.
fn db_with_fixture() -> (TempDir, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = open(&path, Mode::ReadWrite);
    store
        .import(&fixture(), false, USER, AT)
        .expect("import fixture");
    (dir, path)
}

/// A plain SQLite connection to the file, outside strata.
fn raw(path: &Path) -> Connection {
    Connection::open(path).expect("plain connection")
}

fn pragma_i64(conn: &Connection, name: &str) -> i64 {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .expect("pragma")
}

fn pragma_text(conn: &Connection, name: &str) -> String {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .expect("pragma")
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Rows in every table that holds plan data, plus the change log.
fn table_counts(conn: &Connection) -> Vec<(&'static str, i64)> {
    [
        "plan",
        "plan_level",
        "status_label",
        "period",
        "item",
        "assessment",
        "indicator",
        "indicator_value",
        "risk",
        "control",
        "change_log",
    ]
    .into_iter()
    .map(|t| (t, count(conn, &format!("SELECT count(*) FROM {t}"))))
    .collect()
}

/// What `strata export` writes: every plan, completely.
fn export(store: &Store) -> String {
    Document::new(store.load_all().expect("load_all")).to_json()
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

fn set<'a>(plan: &'a str, item: &'a str, period: Option<&'a str>) -> SetAssessment<'a> {
    SetAssessment {
        plan,
        item,
        period,
        status: None,
        comment: None,
        user: USER,
        at: AT,
        expect_comment: None,
    }
}

fn find<'p>(plan: &'p Plan, code: &str) -> &'p Item {
    plan.find(code)
        .unwrap_or_else(|| panic!("no item {code} in {}", plan.code))
        .0
}

fn simple_plan(code: &str, title: &str) -> Plan {
    Plan {
        code: code.into(),
        title: Text::new(None, None, Some(title)),
        items: vec![Item {
            code: "1".into(),
            title: Text::new(None, None, Some("Only item")),
            ..Item::default()
        }],
        ..Plan::default()
    }
}

// ---------------------------------------------------------- 1. new file

#[test]
fn new_file_gets_schema_application_id_and_wal_and_reopens_with_same_data() {
    let (_dir, path) = temp_db();
    assert!(!path.exists());
    let opened = Store::open(&path, Mode::ReadWrite).expect("create");
    assert!(opened.created, "a new file is reported as created");
    let mut store = opened.store;
    assert_eq!(store.mode(), Mode::ReadWrite);
    assert_eq!(store.path(), path.as_path());
    assert!(store.plan_codes().unwrap().is_empty());
    store.import(&fixture(), false, USER, AT).unwrap();
    drop(store);

    let conn = raw(&path);
    assert_eq!(pragma_i64(&conn, "user_version"), i64::from(SCHEMA_VERSION));
    assert_eq!(
        pragma_i64(&conn, "application_id"),
        i64::from(APPLICATION_ID)
    );
    assert_eq!(pragma_text(&conn, "journal_mode"), "wal");
    drop(conn);

    let opened = Store::open(&path, Mode::ReadWrite).expect("reopen");
    assert!(!opened.created, "an existing database is not created again");
    assert_eq!(opened.store.plan_codes().unwrap(), ["alpha", "beta"]);
    assert_eq!(opened.store.load_all().unwrap(), fixture());
    drop(opened);

    let opened = Store::open(&path, Mode::ReadOnly).expect("reopen read-only");
    assert!(!opened.created);
    assert_eq!(opened.store.mode(), Mode::ReadOnly);
    assert_eq!(opened.store.load_all().unwrap(), fixture());
}

#[test]
fn new_file_in_a_missing_directory_creates_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("plans.db");
    let opened = Store::open(&path, Mode::ReadWrite).expect("create with parents");
    assert!(opened.created);
    assert!(path.is_file());
}

// ---------------------------------------------------------- 2. migrations

#[test]
fn file_with_application_id_but_version_zero_and_no_tables_is_migrated() {
    let (_dir, path) = temp_db();
    {
        let conn = raw(&path);
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        assert_eq!(pragma_i64(&conn, "user_version"), 0);
        assert_eq!(count(&conn, "SELECT count(*) FROM sqlite_master"), 0);
    }
    let opened = Store::open(&path, Mode::ReadWrite).expect("migrate");
    let mut store = opened.store;
    assert!(store.plan_codes().unwrap().is_empty());
    store.import(&fixture(), false, USER, AT).unwrap();
    assert_eq!(store.load_all().unwrap(), fixture());
    drop(store);

    let conn = raw(&path);
    assert_eq!(pragma_i64(&conn, "user_version"), i64::from(SCHEMA_VERSION));
    assert_eq!(
        pragma_i64(&conn, "application_id"),
        i64::from(APPLICATION_ID)
    );
    assert_eq!(pragma_text(&conn, "journal_mode"), "wal");
    assert_eq!(count(&conn, "SELECT count(*) FROM plan"), 2);
}

#[test]
fn file_at_version_zero_opened_read_only_needs_upgrade_and_is_left_alone() {
    let (_dir, path) = temp_db();
    {
        let conn = raw(&path);
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
    }
    let before = bytes(&path);
    match open_err(&path, Mode::ReadOnly) {
        StoreError::NeedsUpgrade {
            found, supported, ..
        } => {
            assert_eq!(found, 0);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        e => panic!("expected NeedsUpgrade, got {e:?}"),
    }
    assert_eq!(bytes(&path), before);
}

#[test]
fn zero_length_file_is_initialised() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let opened = Store::open(&path, Mode::ReadWrite).expect("initialise empty file");
    assert!(opened.created, "an empty file counts as created");
    let mut store = opened.store;
    store.import(&fixture(), false, USER, AT).unwrap();
    assert_eq!(store.plan_codes().unwrap(), ["alpha", "beta"]);
    drop(store);

    assert!(!bytes(&path).is_empty());
    let conn = raw(&path);
    assert_eq!(pragma_i64(&conn, "user_version"), i64::from(SCHEMA_VERSION));
    assert_eq!(
        pragma_i64(&conn, "application_id"),
        i64::from(APPLICATION_ID)
    );
    assert_eq!(pragma_text(&conn, "journal_mode"), "wal");
}

// ---------------------------------------------------------- 3. too new

#[test]
fn file_of_a_newer_strata_is_refused_with_both_versions_and_left_byte_for_byte() {
    let (_dir, path) = temp_db();
    let newer = SCHEMA_VERSION + 1;
    {
        let conn = raw(&path);
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        conn.execute_batch("CREATE TABLE future_things (id INTEGER PRIMARY KEY, x TEXT);")
            .unwrap();
        conn.execute("INSERT INTO future_things (x) VALUES ('keep me')", [])
            .unwrap();
    }
    let before = bytes(&path);
    for mode in [Mode::ReadWrite, Mode::ReadOnly] {
        let e = open_err(&path, mode);
        match &e {
            StoreError::TooNew {
                path: p,
                found,
                supported,
            } => {
                assert_eq!(*found, newer, "{mode:?}");
                assert_eq!(*supported, SCHEMA_VERSION, "{mode:?}");
                assert_eq!(p, &path);
            }
            e => panic!("{mode:?}: expected TooNew, got {e:?}"),
        }
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("schema {newer}")) && msg.contains(&SCHEMA_VERSION.to_string()),
            "message names both versions: {msg}"
        );
        assert_eq!(bytes(&path), before, "{mode:?}: file changed");
    }
    let conn = raw(&path);
    assert_eq!(pragma_i64(&conn, "user_version"), i64::from(newer));
    assert_eq!(pragma_text(&conn, "journal_mode"), "delete");
}

#[test]
fn wal_file_of_a_newer_strata_is_refused_and_left_byte_for_byte() {
    // As a newer strata would leave it: WAL mode, its tables, data.
    let (dir, path) = temp_db();
    let newer = SCHEMA_VERSION + 7;
    {
        let conn = raw(&path);
        assert_eq!(
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .unwrap(),
            "wal"
        );
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        conn.execute_batch(
            "CREATE TABLE plan (id INTEGER PRIMARY KEY, code TEXT, shiny_new_column TEXT);
             INSERT INTO plan (code) VALUES ('future');",
        )
        .unwrap();
    }
    let before = bytes(&path);
    for mode in [Mode::ReadWrite, Mode::ReadOnly] {
        match open_err(&path, mode) {
            StoreError::TooNew {
                found, supported, ..
            } => assert_eq!((found, supported), (newer, SCHEMA_VERSION), "{mode:?}"),
            e => panic!("{mode:?}: expected TooNew, got {e:?}"),
        }
        assert_eq!(bytes(&path), before, "{mode:?}: file changed");
        if mode == Mode::ReadWrite {
            // (A read-only connection to a WAL file leaves an empty -wal and a
            // -shm behind; SQLite cannot remove them read-only.)
            let names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            assert_eq!(names, ["plans.db"], "no -wal or -shm left behind");
        }
    }
    let conn = raw(&path);
    assert_eq!(count(&conn, "SELECT count(*) FROM plan"), 1);
    assert_eq!(pragma_i64(&conn, "user_version"), i64::from(newer));
}

// ---------------------------------------------------------- 4. not ours

#[test]
fn files_that_are_not_databases_are_refused_and_left_byte_for_byte() {
    let (dir, _) = temp_db();
    let text: Vec<u8> = "Minutes of the board meeting, item 4.\n"
        .repeat(200)
        .into_bytes()[..4096]
        .to_vec();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 31 % 251) as u8));
    let cases: [(&str, Vec<u8>); 3] = [
        ("notes.txt", text),
        ("picture.png", png),
        ("short.txt", b"hello\n".to_vec()),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &content).unwrap();
        for mode in [Mode::ReadWrite, Mode::ReadOnly] {
            match open_err(&path, mode) {
                StoreError::NotADatabase { path: p } => assert_eq!(p, path),
                e => panic!("{name} {mode:?}: expected NotADatabase, got {e:?}"),
            }
            assert_eq!(bytes(&path), content, "{name} {mode:?}: file changed");
        }
    }
    // Nothing beside them either (no -wal, -shm or -journal files).
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["notes.txt", "picture.png", "short.txt"]);
}

#[test]
fn database_of_another_program_is_refused_and_left_byte_for_byte() {
    let (dir, _) = temp_db();
    // A table, application_id 0.
    let other = dir.path().join("other.db");
    {
        let conn = raw(&other);
        conn.execute_batch(
            "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO contacts (name) VALUES ('Aino'), ('Bo');",
        )
        .unwrap();
        assert_eq!(pragma_i64(&conn, "application_id"), 0);
    }
    // No tables, but another program's application_id.
    let foreign_id = dir.path().join("foreign.db");
    {
        let conn = raw(&foreign_id);
        conn.pragma_update(None, "application_id", 0x1234_5678)
            .unwrap();
    }
    // Strata's tables copied by hand, but no application_id: still not ours.
    let lookalike = dir.path().join("lookalike.db");
    {
        let conn = raw(&lookalike);
        conn.execute_batch("CREATE TABLE plan (id INTEGER PRIMARY KEY, code TEXT);")
            .unwrap();
    }
    for path in [&other, &foreign_id, &lookalike] {
        let before = bytes(path);
        for mode in [Mode::ReadWrite, Mode::ReadOnly] {
            match open_err(path, mode) {
                StoreError::NotStrata { path: p } => assert_eq!(&p, path),
                e => panic!("{} {mode:?}: expected NotStrata, got {e:?}", path.display()),
            }
            assert_eq!(bytes(path), before, "{} {mode:?}: changed", path.display());
        }
    }
    let conn = raw(&other);
    assert_eq!(count(&conn, "SELECT count(*) FROM contacts"), 2);
    assert_eq!(pragma_text(&conn, "journal_mode"), "delete");
}

// ---------------------------------------------------------- 5. read-only

#[test]
fn opening_a_missing_file_read_only_is_missing_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("plans.db");
    match open_err(&path, Mode::ReadOnly) {
        StoreError::Missing { path: p } => assert_eq!(p, path),
        e => panic!("expected Missing, got {e:?}"),
    }
    assert!(!path.exists(), "no file was created");
    assert!(!path.parent().unwrap().exists(), "no directory was created");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn writes_on_a_read_only_store_are_refused_and_change_nothing() {
    let (_dir, path) = db_with_fixture();
    let before = bytes(&path);
    let mut store = open(&path, Mode::ReadOnly);
    let exported = export(&store);
    let counts = table_counts(&raw(&path));

    let mut s = set("alpha", "1.1", Some("2025"));
    s.status = Some(Status::Done);
    s.comment = Some((Lang::En, "Finished".into()));
    let results = [
        ("set_assessment", store.set_assessment(&s).map(|_| ())),
        (
            "import new",
            store.import(&[simple_plan("gamma", "Gamma")], false, USER, AT),
        ),
        (
            "import replace",
            store.import(&[simple_plan("alpha", "New alpha")], true, USER, AT),
        ),
        ("remove_plan", store.remove_plan("alpha", USER, AT)),
        // Refused as a write even when it would change nothing.
        (
            "unchanged set",
            store
                .set_assessment(&SetAssessment {
                    status: Some(Status::AtRisk),
                    ..set("alpha", "1.1", Some("2025"))
                })
                .map(|_| ()),
        ),
    ];
    for (what, r) in results {
        match r {
            Err(StoreError::ReadOnly { path: p }) => assert_eq!(p, path, "{what}"),
            other => panic!("{what}: expected ReadOnly, got {other:?}"),
        }
    }

    assert_eq!(export(&store), exported);
    assert_eq!(store.plan_codes().unwrap(), ["alpha", "beta"]);
    drop(store);
    assert_eq!(table_counts(&raw(&path)), counts);
    assert_eq!(bytes(&path), before, "the file is byte-for-byte as it was");
}

// ---------------------------------------------------------- 6. round trip

#[test]
fn reference_plans_are_stored_faithfully_and_export_import_export_is_stable() {
    let reference = reference::document().expect("reference plans parse");
    assert_eq!(reference.plans.len(), 5);

    let (_dir, path) = temp_db();
    let mut store = open(&path, Mode::ReadWrite);
    store.import(&reference.plans, false, USER, AT).unwrap();
    let codes: Vec<_> = reference.plans.iter().map(|p| p.code.clone()).collect();
    assert_eq!(store.plan_codes().unwrap(), codes, "import keeps the order");

    let loaded = Document::new(store.load_all().unwrap());
    // Plan by plan first, for a readable failure.
    for (got, want) in loaded.plans.iter().zip(&reference.plans) {
        assert_eq!(got, want, "plan {} differs after a round trip", want.code);
    }
    assert_eq!(loaded, reference);
    let first = loaded.to_json();
    assert_eq!(first, reference.to_json());

    // Export → import into a second fresh file → export: identical bytes.
    let reparsed = parse("export.json", first.as_bytes()).expect("export parses");
    let (_dir2, path2) = temp_db();
    let mut second = open(&path2, Mode::ReadWrite);
    second.import(&reparsed.plans, false, USER, AT).unwrap();
    let again = export(&second);
    assert!(first.as_bytes() == again.as_bytes(), "export bytes differ");

    // And through a reopened, read-only file as well.
    drop(second);
    assert_eq!(export(&open(&path2, Mode::ReadOnly)), first);
}

// ---------------------------------------------------------- 7. import

#[test]
fn import_is_all_or_nothing_and_replace_keeps_the_position() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);
    let before = export(&store);
    let counts = table_counts(&raw(&path));

    let delta = simple_plan("delta", "Delta");
    let mut new_alpha = fixture_plan("alpha");
    new_alpha.title = Text::new(Some("Uusi alfa"), None, Some("New alpha"));
    new_alpha.items.truncate(1);
    let batch = [delta.clone(), new_alpha.clone()];

    match store.import(&batch, false, USER, AT) {
        Err(StoreError::PlanExists(code)) => assert_eq!(code, "alpha"),
        other => panic!("expected PlanExists, got {other:?}"),
    }
    assert_eq!(store.plan_codes().unwrap(), ["alpha", "beta"]);
    assert!(matches!(
        store.load_plan("delta"),
        Err(StoreError::UnknownPlan(c)) if c == "delta"
    ));
    assert_eq!(export(&store), before, "the database is unchanged");
    assert_eq!(table_counts(&raw(&path)), counts);
    assert!(store.changes("delta", None, 10).unwrap().is_empty());

    store.import(&batch, true, USER, AT).unwrap();
    assert_eq!(
        store.plan_codes().unwrap(),
        ["alpha", "beta", "delta"],
        "the replaced plan keeps its place, the new one goes last"
    );
    assert_eq!(store.load_plan("alpha").unwrap(), new_alpha);
    assert_eq!(store.load_plan("delta").unwrap(), delta);
    assert_eq!(store.load_plan("beta").unwrap(), fixture_plan("beta"));

    let log = store.changes("alpha", None, 10).unwrap();
    assert_eq!(log[0].field, "replace");
    assert_eq!(log[0].user, USER);
    assert_eq!(log[0].at, AT);
    assert_eq!(store.changes("delta", None, 10).unwrap()[0].field, "import");

    // The replaced plan's old rows are gone, not orphaned.
    let conn = raw(&path);
    assert_eq!(count(&conn, "SELECT count(*) FROM plan"), 3);
    let items_alpha = count(
        &conn,
        "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'alpha'",
    );
    assert_eq!(items_alpha, 3, "goal 1 with 1.1 and 1.2");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM item WHERE plan_id NOT IN (SELECT id FROM plan)"
        ),
        0
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM indicator"),
        1,
        "only beta's indicator remains"
    );
}

#[test]
fn import_of_a_plan_with_an_existing_code_alone_is_refused() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);
    let before = export(&store);
    match store.import(&[fixture_plan("beta")], false, USER, AT) {
        Err(StoreError::PlanExists(code)) => assert_eq!(code, "beta"),
        other => panic!("expected PlanExists, got {other:?}"),
    }
    assert_eq!(export(&store), before);
}

// ---------------------------------------------------------- 8. set_assessment

#[test]
fn set_assessment_appends_a_row_keeps_other_languages_and_logs_each_change() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);

    let mut s = set("alpha", "1.1", Some("2025"));
    s.status = Some(Status::OffTrack);
    s.comment = Some((Lang::En, "Late because of staffing".into()));
    let out = store.set_assessment(&s).expect("set");
    assert_eq!(out.period, "2025");
    assert_eq!(out.old_status, Status::AtRisk);
    assert_eq!(out.new_status, Status::OffTrack);
    assert!(!out.unchanged);

    let plan = store.load_plan("alpha").unwrap();
    let item = find(&plan, "1.1");
    let original = find(&fixture_plan("alpha"), "1.1").assessments.clone();
    assert_eq!(item.assessments.len(), 3, "history is kept: {item:#?}");
    assert_eq!(&item.assessments[..2], &original[..], "old rows untouched");
    let new = &item.assessments[2];
    assert_eq!(
        new,
        &Assessment {
            period: "2025".into(),
            status: Status::OffTrack,
            comment: Text::new(
                Some("Viivästyy"),
                Some("Försenad"),
                Some("Late because of staffing")
            ),
            actions: Text::new(Some("Lisää resursseja"), None, None),
            by: USER.into(),
            at: AT.into(),
            carried_from: None,
        }
    );
    assert_eq!(item.current("2025"), Some(new));
    assert_eq!(item.current("2024"), Some(&original[0]));

    let log = store.changes("alpha", Some("1.1"), 10).unwrap();
    assert_eq!(log.len(), 2, "{log:#?}");
    // Newest first: the comment was logged after the status.
    let (comment, status) = (&log[0], &log[1]);
    assert_eq!(status.field, "status");
    assert_eq!(status.lang, None);
    assert_eq!(status.old.as_deref(), Some("at_risk"));
    assert_eq!(status.new.as_deref(), Some("off_track"));
    assert_eq!(comment.field, "comment");
    assert_eq!(comment.lang, Some(Lang::En));
    assert_eq!(comment.old, None);
    assert_eq!(comment.new.as_deref(), Some("Late because of staffing"));
    for row in &log {
        assert_eq!(row.plan, "alpha");
        assert_eq!(row.item.as_deref(), Some("1.1"));
        assert_eq!(row.period.as_deref(), Some("2025"));
        assert_eq!(row.user, USER);
        assert_eq!(row.at, AT);
    }

    // A comment in another language only: status kept, one log row.
    let mut s = set("alpha", "1.1", Some("2025"));
    s.comment = Some((Lang::Sv, "Försenad på grund av personalbrist".into()));
    let out = store.set_assessment(&s).unwrap();
    assert_eq!(
        (out.old_status, out.new_status, out.unchanged),
        (Status::OffTrack, Status::OffTrack, false)
    );
    let plan = store.load_plan("alpha").unwrap();
    let cur = find(&plan, "1.1").current("2025").unwrap();
    assert_eq!(cur.status, Status::OffTrack);
    assert_eq!(
        cur.comment,
        Text::new(
            Some("Viivästyy"),
            Some("Försenad på grund av personalbrist"),
            Some("Late because of staffing")
        )
    );
    let log = store.changes("alpha", Some("1.1"), 10).unwrap();
    assert_eq!(log.len(), 3, "one row: only the Swedish comment changed");
    assert_eq!(log[0].field, "comment");
    assert_eq!(log[0].lang, Some(Lang::Sv));
    assert_eq!(log[0].old.as_deref(), Some("Försenad"));
    assert_eq!(
        log[0].new.as_deref(),
        Some("Försenad på grund av personalbrist")
    );
    // An empty comment clears that language only.
    let mut s = set("alpha", "1.1", Some("2025"));
    s.comment = Some((Lang::Fi, String::new()));
    assert!(!store.set_assessment(&s).unwrap().unchanged);
    let plan = store.load_plan("alpha").unwrap();
    let cur = find(&plan, "1.1").current("2025").unwrap();
    assert_eq!(cur.comment.get(Lang::Fi), None);
    assert_eq!(
        cur.comment.get(Lang::Sv),
        Some("Försenad på grund av personalbrist")
    );
    let log = store.changes("alpha", Some("1.1"), 10).unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(
        (
            log[0].field.as_str(),
            log[0].lang,
            log[0].old.as_deref(),
            log[0].new.as_deref()
        ),
        ("comment", Some(Lang::Fi), Some("Viivästyy"), None)
    );

    // The log of one item does not show other items' changes, the plan's does.
    assert!(store.changes("alpha", Some("1.2"), 10).unwrap().is_empty());
    assert_eq!(store.changes("alpha", None, 10).unwrap().len(), 5); // + import
    assert_eq!(store.changes("alpha", None, 2).unwrap().len(), 2);
}

#[test]
fn set_assessment_that_changes_nothing_writes_nothing() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);
    let counts = table_counts(&raw(&path));
    let before = export(&store);

    let same: [SetAssessment<'_>; 3] = [
        SetAssessment {
            status: Some(Status::AtRisk),
            ..set("alpha", "1.1", Some("2025"))
        },
        SetAssessment {
            comment: Some((Lang::Fi, "Viivästyy".into())),
            ..set("alpha", "1.1", Some("2025"))
        },
        SetAssessment {
            status: Some(Status::AtRisk),
            comment: Some((Lang::Sv, "Försenad".into())),
            ..set("alpha", "1.1", None)
        },
    ];
    for s in &same {
        let out = store.set_assessment(s).expect("set");
        assert!(out.unchanged, "{s:?}");
        assert_eq!(out.period, "2025");
        assert_eq!(out.old_status, Status::AtRisk);
        assert_eq!(out.new_status, Status::AtRisk);
    }
    // An item never assessed, set to "not assessed" without a comment.
    let out = store
        .set_assessment(&SetAssessment {
            status: Some(Status::NotAssessed),
            ..set("alpha", "1.2", Some("2026"))
        })
        .unwrap();
    assert!(out.unchanged);

    assert_eq!(table_counts(&raw(&path)), counts, "no row was written");
    assert_eq!(export(&store), before);
}

#[test]
fn set_assessment_on_unknown_plan_item_or_period_is_refused_and_writes_nothing() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);
    let counts = table_counts(&raw(&path));
    let with_status = |s: SetAssessment<'static>| SetAssessment {
        status: Some(Status::Done),
        ..s
    };

    match store.set_assessment(&with_status(set("nope", "1.1", Some("2025")))) {
        Err(StoreError::UnknownPlan(p)) => assert_eq!(p, "nope"),
        other => panic!("expected UnknownPlan, got {other:?}"),
    }
    match store.set_assessment(&with_status(set("alpha", "9.9", Some("2025")))) {
        Err(StoreError::UnknownItem { plan, code }) => {
            assert_eq!((plan.as_str(), code.as_str()), ("alpha", "9.9"));
        }
        other => panic!("expected UnknownItem, got {other:?}"),
    }
    // "a" is an item of beta, not of alpha.
    assert!(matches!(
        store.set_assessment(&with_status(set("alpha", "a", None))),
        Err(StoreError::UnknownItem { .. })
    ));
    match store.set_assessment(&with_status(set("alpha", "1.1", Some("2030")))) {
        Err(StoreError::UnknownPeriod { plan, code }) => {
            assert_eq!((plan.as_str(), code.as_str()), ("alpha", "2030"));
        }
        other => panic!("expected UnknownPeriod, got {other:?}"),
    }
    // "2027" is a period of beta, not of alpha.
    assert!(matches!(
        store.set_assessment(&with_status(set("alpha", "1.1", Some("2027")))),
        Err(StoreError::UnknownPeriod { .. })
    ));
    assert_eq!(table_counts(&raw(&path)), counts);
}

#[test]
fn set_assessment_without_a_period_goes_to_the_default_period() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);
    let today = &AT[..10];

    // alpha: 2026 has started by AT, but the latest period with any
    // assessment is 2025, so that is the default.
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(plan.default_period(today).unwrap().code, "2025");
    let out = store
        .set_assessment(&SetAssessment {
            status: Some(Status::OnTrack),
            ..set("alpha", "1.2", None)
        })
        .unwrap();
    assert_eq!(out.period, "2025");
    assert_eq!(out.old_status, Status::NotAssessed);
    let plan = store.load_plan("alpha").unwrap();
    let a = find(&plan, "1.2").current("2025").expect("went to 2025");
    assert_eq!(a.status, Status::OnTrack);
    assert!(find(&plan, "1.2").current("2026").is_none());

    // beta has no assessments: the latest period started by the day of `at`.
    let out = store
        .set_assessment(&SetAssessment {
            status: Some(Status::AtRisk),
            ..set("beta", "a", None)
        })
        .unwrap();
    assert_eq!(out.period, "2026");

    // Once 2026 has an assessment in alpha, it becomes the default there.
    store
        .set_assessment(&SetAssessment {
            status: Some(Status::Done),
            ..set("alpha", "1.1", Some("2026"))
        })
        .unwrap();
    let out = store
        .set_assessment(&SetAssessment {
            status: Some(Status::OffTrack),
            ..set("alpha", "1.2", None)
        })
        .unwrap();
    assert_eq!(out.period, "2026");
    assert_eq!(out.old_status, Status::NotAssessed);
}

#[test]
fn set_assessment_before_any_period_started_goes_to_the_first() {
    let (_dir, path) = db_with_fixture();
    let mut store = open(&path, Mode::ReadWrite);
    let out = store
        .set_assessment(&SetAssessment {
            status: Some(Status::OnTrack),
            at: "2024-06-01T08:00:00Z",
            ..set("beta", "a", None)
        })
        .unwrap();
    assert_eq!(out.period, "2025");
}

#[test]
fn set_assessment_in_a_plan_without_periods_says_so() {
    let (_dir, path) = temp_db();
    let mut store = open(&path, Mode::ReadWrite);
    store
        .import(&[simple_plan("bare", "Bare")], false, USER, AT)
        .unwrap();
    let counts = table_counts(&raw(&path));
    match store.set_assessment(&SetAssessment {
        status: Some(Status::Done),
        ..set("bare", "1", None)
    }) {
        Err(StoreError::NoPeriods(p)) => assert_eq!(p, "bare"),
        other => panic!("expected NoPeriods, got {other:?}"),
    }
    assert_eq!(table_counts(&raw(&path)), counts);
}

// ---------------------------------------------------------- 9. busy

#[test]
fn a_write_while_another_connection_holds_the_lock_is_busy_then_succeeds() {
    let (_dir, path) = db_with_fixture();
    let other = raw(&path);
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let counts = table_counts(&other);

    let mut store =
        match Store::open_with_timeout(&path, Mode::ReadWrite, Duration::from_millis(200)) {
            Ok(o) => o.store,
            Err(e) => panic!("open while another connection writes: {e}"),
        };
    let before = export(&store);
    let mut s = set("alpha", "1.1", Some("2025"));
    s.status = Some(Status::Done);
    s.comment = Some((Lang::En, "Done at last".into()));

    let started = Instant::now();
    let result = store.set_assessment(&s);
    let waited = started.elapsed();
    match result {
        Err(StoreError::Busy { path: p }) => assert_eq!(p, path),
        other => panic!("expected Busy, got {other:?}"),
    }
    assert!(
        waited >= Duration::from_millis(150),
        "gave up after {waited:?}, before the 200 ms timeout"
    );
    assert!(waited < Duration::from_secs(2), "waited {waited:?}");
    assert_eq!(export(&store), before, "the failed attempt wrote nothing");

    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(table_counts(&other), counts);
    let out = store
        .set_assessment(&s)
        .expect("set after the lock is released");
    assert!(!out.unchanged);
    assert_eq!(out.new_status, Status::Done);
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(
        find(&plan, "1.1").current("2025").unwrap().status,
        Status::Done
    );
    assert_eq!(
        count(&other, "SELECT count(*) FROM assessment"),
        counts.iter().find(|(t, _)| *t == "assessment").unwrap().1 + 1
    );
}

// ---------------------------------------------------------- 10. remove_plan

#[test]
fn remove_plan_removes_every_row_of_the_plan_and_logs_it() {
    let (_dir, path) = db_with_fixture();
    let conn = raw(&path);

    // What beta alone holds, measured in a database with only beta.
    let (_dir_b, path_b) = temp_db();
    open(&path_b, Mode::ReadWrite)
        .import(&[fixture_plan("beta")], false, USER, AT)
        .unwrap();
    let beta_only = table_counts(&raw(&path_b));

    let all = table_counts(&conn);
    for ((table, n), (_, b)) in all.iter().zip(&beta_only) {
        if *table != "change_log" {
            assert!(n > b, "alpha has rows in {table}, so the test can fail");
        }
    }

    let mut store = open(&path, Mode::ReadWrite);
    store.remove_plan("alpha", USER, AT).expect("remove");
    assert_eq!(store.plan_codes().unwrap(), ["beta"]);
    assert!(matches!(
        store.load_plan("alpha"),
        Err(StoreError::UnknownPlan(c)) if c == "alpha"
    ));
    assert_eq!(store.load_plan("beta").unwrap(), fixture_plan("beta"));

    // Every table now holds exactly what beta alone holds: nothing of alpha is
    // left behind, not even orphans; the change log keeps its history.
    let after = table_counts(&conn);
    for ((table, n), (_, b)) in after.iter().zip(&beta_only) {
        match *table {
            "change_log" => assert_eq!(*n, 3, "two imports and the removal"),
            _ => assert_eq!(n, b, "rows left in {table}"),
        }
    }

    let log = store.changes("alpha", None, 10).unwrap();
    assert_eq!(log[0].field, "remove");
    assert_eq!(log[0].old.as_deref(), Some("alpha"));
    assert_eq!(log[0].new, None);
    assert_eq!(log[0].item, None);
    assert_eq!((log[0].user.as_str(), log[0].at.as_str()), (USER, AT));

    match store.remove_plan("alpha", USER, AT) {
        Err(StoreError::UnknownPlan(c)) => assert_eq!(c, "alpha"),
        other => panic!("expected UnknownPlan, got {other:?}"),
    }
    assert!(matches!(
        store.remove_plan("nope", USER, AT),
        Err(StoreError::UnknownPlan(_))
    ));
    assert_eq!(
        table_counts(&conn),
        after,
        "a failed removal writes nothing"
    );
}

// ---------------------------------------------------------- 11. data_version

#[test]
fn data_version_changes_when_another_connection_commits() {
    let (_dir, path) = db_with_fixture();
    for mode in [Mode::ReadWrite, Mode::ReadOnly] {
        let store = open(&path, mode);
        let v1 = store.data_version().unwrap();
        assert_eq!(store.data_version().unwrap(), v1, "{mode:?}: stable");

        let other = raw(&path);
        let title = format!("Renamed {mode:?}");
        other
            .execute(
                "UPDATE plan SET title_en = ?1 WHERE code = 'alpha'",
                [&title],
            )
            .unwrap();
        let v2 = store.data_version().unwrap();
        assert_ne!(v2, v1, "{mode:?}: another connection committed");
        assert_eq!(
            store.load_plan("alpha").unwrap().title.get(Lang::En),
            Some(title.as_str()),
            "{mode:?}"
        );
        assert_eq!(store.data_version().unwrap(), v2, "{mode:?}");
    }
}

// ---------------------------------------------------------- first run, twice

/// Another strata creates the schema of a fresh file (as `Store::open` does:
/// optionally WAL first, then the migration in one IMMEDIATE transaction that
/// also sets application_id and user_version) while this one is opening it.
/// The second opener should wait for the lock and then find the file current.
fn second_opener_while_another_migrates(wal_first: bool) {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let other = raw(&path);
    if wal_first {
        other.execute_batch("PRAGMA journal_mode = WAL").unwrap();
    }
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    let opener = {
        let path = path.clone();
        std::thread::spawn(move || {
            Store::open_with_timeout(&path, Mode::ReadWrite, Duration::from_secs(10))
                .and_then(|o| o.store.plan_codes())
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    other
        .execute_batch(&format!(
            "{}\nPRAGMA application_id = {APPLICATION_ID};\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;",
            include_str!("../src/store/migrations/001_initial.sql")
        ))
        .unwrap();
    drop(other);

    match opener.join().unwrap() {
        Ok(codes) => assert!(codes.is_empty()),
        Err(e) => panic!("the second opener failed: {e} ({e:?})"),
    }
    let conn = raw(&path);
    assert_eq!(pragma_i64(&conn, "user_version"), i64::from(SCHEMA_VERSION));
    assert_eq!(pragma_text(&conn, "journal_mode"), "wal");
}

#[test]
fn second_opener_of_a_new_wal_file_waits_for_the_first_migration_and_succeeds() {
    second_opener_while_another_migrates(true);
}

#[test]
fn second_opener_of_a_new_file_waits_for_the_lock_instead_of_failing_busy_at_once() {
    second_opener_while_another_migrates(false);
}

#[test]
fn two_strata_creating_the_same_new_file_at_once_both_succeed() {
    let mut failures = Vec::new();
    for round in 0..20 {
        let (_dir, path) = temp_db();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let openers: Vec<_> = (0..2)
            .map(|_| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path, Mode::ReadWrite).and_then(|o| o.store.plan_codes())
                })
            })
            .collect();
        for opener in openers {
            if let Err(e) = opener.join().unwrap() {
                failures.push(format!("round {round}: {e}"));
            }
        }
        let conn = raw(&path);
        assert_eq!(pragma_i64(&conn, "user_version"), i64::from(SCHEMA_VERSION));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn changes_since_keeps_only_the_later_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, Mode::ReadWrite).unwrap().store;
    let doc = strata::exchange::reference::document().unwrap();
    store
        .import(&doc.plans, false, "importer", "2025-06-01T00:00:00Z")
        .unwrap();
    store
        .set_assessment(&SetAssessment {
            plan: "internal-control-2025",
            item: "1",
            period: Some("2025"),
            status: Some(Status::Done),
            comment: None,
            expect_comment: None,
            user: "anna",
            at: "2026-03-01T10:00:00Z",
        })
        .unwrap();
    let all = store.changes("internal-control-2025", None, 100).unwrap();
    assert_eq!(all.len(), 2);
    let since = store
        .changes_since("internal-control-2025", None, Some("2026-01-01"), 100)
        .unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].user, "anna");
    let none = store
        .changes_since("internal-control-2025", None, Some("2027-01-01"), 100)
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn undo_and_redo_of_a_comment_log_the_comment_not_a_status() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, Mode::ReadWrite).unwrap().store;
    let doc = strata::exchange::reference::document().unwrap();
    store
        .import(&doc.plans, false, "t", "2026-01-01T00:00:00Z")
        .unwrap();
    let plan = "internal-control-2025";
    let out = store
        .set_assessment(&SetAssessment {
            plan,
            item: "1",
            period: Some("2025"),
            status: None,
            comment: Some((Lang::Sv, "Ny kommentar".into())),
            expect_comment: None,
            user: "anna",
            at: "2026-03-01T10:00:00Z",
        })
        .unwrap();
    let row = out.row.unwrap();
    store
        .delete_assessment(row.id, "anna", "2026-03-01T10:01:00Z")
        .unwrap();
    let undo = store.changes(plan, Some("1"), 1).unwrap();
    assert_eq!(undo.len(), 1);
    assert_eq!(
        (undo[0].field.as_str(), undo[0].lang),
        ("comment", Some(Lang::Sv))
    );
    assert_eq!(undo[0].old.as_deref(), Some("Ny kommentar"));
    store
        .restore_assessment(&row, "anna", "2026-03-01T10:02:00Z")
        .unwrap();
    let redo = store.changes(plan, Some("1"), 1).unwrap();
    assert_eq!(redo[0].field, "comment");
    assert_eq!(redo[0].new.as_deref(), Some("Ny kommentar"));
    assert!(store
        .changes(plan, Some("1"), 10)
        .unwrap()
        .iter()
        .all(|c| c.field != "undo" && c.field != "redo" && c.field != "status"));
}

/// What every command but `init` and the app opens: a database that must
/// exist. A missing path, a zero-byte file and an SQLite file without a
/// schema are refused before anything is created or written.
#[test]
fn open_existing_creates_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").join("typo.db");
    assert!(matches!(
        Store::open_existing(&missing, Mode::ReadWrite),
        Err(StoreError::Missing { .. })
    ));
    assert!(!missing.parent().unwrap().exists());
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        Store::open_existing(&empty, Mode::ReadWrite),
        Err(StoreError::Empty { .. })
    ));
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    // A bare SQLite file (a header, no tables) is not made a strata one.
    let bare = dir.path().join("bare.db");
    rusqlite::Connection::open(&bare)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    let bytes = std::fs::read(&bare).unwrap();
    assert!(matches!(
        Store::open_existing(&bare, Mode::ReadWrite),
        Err(StoreError::NotStrata { .. })
    ));
    assert_eq!(std::fs::read(&bare).unwrap(), bytes);
    // A strata database opens.
    let db = dir.path().join("s.db");
    Store::open(&db, Mode::ReadWrite).unwrap();
    assert!(Store::open_existing(&db, Mode::ReadWrite).is_ok());
}

/// An answer built from several reads (export, status, the app's reload)
/// reads one snapshot: a plan replaced by another strata meanwhile is seen
/// whole or not at all, never the old title with the new items.
#[test]
fn reads_in_one_snapshot_do_not_see_a_replace_that_commits_between_them() {
    let (_dir, path) = temp_db();
    let mut store = open(&path, Mode::ReadWrite);
    let mut plan = fixture_plan("alpha");
    store
        .import(&[plan.clone()], false, "anna", "2026-01-01T00:00:00Z")
        .unwrap();
    let mut other = open(&path, Mode::ReadWrite);
    plan.title = Text::same("Replaced");
    plan.items.truncate(1);
    let code = plan.code.clone();
    let (before, during) = store
        .snapshot(|s| {
            let before = s.load_plan(&code)?;
            other
                .import(&[plan.clone()], true, "bob", "2026-01-02T00:00:00Z")
                .unwrap();
            let during = s.load_all()?;
            Ok((before, during))
        })
        .unwrap();
    assert_eq!(during, vec![before.clone()], "the snapshot saw the replace");
    // After the snapshot, the new plan is read whole.
    let after = store.load_plan(&code).unwrap();
    assert_eq!(after.title.get(Lang::En), Some("Replaced"));
    assert_eq!(after.items.len(), 1);
    assert_ne!(after, before);
}

/// A migration that fails says so in a line, and leaves the file as it was.
#[test]
fn a_failing_migration_is_one_short_error_and_changes_nothing() {
    let (_dir, path) = temp_db();
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.execute_batch("CREATE TABLE item (x)").unwrap();
    }
    let tables = |p: &Path| -> (Vec<String>, i64) {
        let c = Connection::open(p).unwrap();
        let names = c
            .prepare("SELECT name FROM sqlite_master ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (
            names,
            c.query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap(),
        )
    };
    let before = tables(&path);
    match Store::open(&path, Mode::ReadWrite) {
        Err(StoreError::Migration { to, reason, .. }) => {
            assert_eq!(to, 1);
            assert_eq!(reason, "table item already exists");
        }
        Err(e) => panic!("{e:?}"),
        Ok(_) => panic!("opened"),
    }
    assert_eq!(tables(&path), before, "the upgrade was undone");
    let msg = strata::messages::store_error(
        Lang::Sv,
        &Store::open(&path, Mode::ReadWrite).err().unwrap(),
    );
    assert_eq!(msg.lines().count(), 1, "{msg}");
    assert!(
        msg.contains("kunde inte uppgraderas till schema 1"),
        "{msg}"
    );
}

#[test]
fn a_plan_read_for_two_periods_holds_their_follow_ups_as_the_whole_plan_does() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path, Mode::ReadWrite).unwrap().store;
    store
        .import(&reference::document().unwrap().plans, false, USER, AT)
        .unwrap();
    let mut compared = 0;
    for code in store.plan_codes().unwrap() {
        let whole = store.load_plan(&code).unwrap();
        let periods: Vec<String> = whole.periods.iter().map(|p| p.code.clone()).collect();
        let (first, last) = (periods[0].as_str(), periods[periods.len() - 1].as_str());
        let two = store.load_plan_of_periods(&code, &[first, last]).unwrap();
        // The whole plan with the follow-ups of other periods left out.
        let mut want = whole.clone();
        fn keep(items: &mut [Item], periods: &[&str]) {
            for it in items {
                it.assessments
                    .retain(|a| periods.contains(&a.period.as_str()));
                keep(&mut it.children, periods);
            }
        }
        keep(&mut want.items, &[first, last]);
        let sorted = |p: &Plan| {
            let mut out = Vec::new();
            for (_, it) in p.walk() {
                let mut a = it.assessments.clone();
                a.sort_by(|x, y| (&x.period, &x.at).cmp(&(&y.period, &y.at)));
                out.push((it.code.clone(), a));
            }
            out
        };
        assert_eq!(sorted(&two), sorted(&want), "{code}");
        compared += sorted(&want).iter().map(|(_, a)| a.len()).sum::<usize>();
        for (_, it) in two.walk() {
            let w = want.find(&it.code).unwrap().0;
            assert_eq!((&it.title, &it.indicators), (&w.title, &w.indicators));
            for p in [first, last] {
                assert_eq!(it.current(p), w.current(p), "{code} {} {p}", it.code);
            }
        }
    }
    assert!(compared >= 20, "{compared} follow-ups compared");
}
