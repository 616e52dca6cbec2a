//! Integration tests of the plan-structure writes on temporary files: adding,
//! counting, deleting and restoring, moving, reordering and renaming items;
//! level names; periods; plans. Each edit is checked for its effect, its
//! change-log row, contiguous positions and bumped versions; each refusal for
//! changing nothing; a read-only store refuses every one of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tempfile::TempDir;

use strata::domain::{Field, Item, Lang, Plan, Status, Text, TextAt};
use strata::exchange::{parse, reference, Document};
use strata::store::{Mode, NewPeriod, Store, StoreError, TextWrite};

const USER: &str = "tester";
const AT: &str = "2026-03-01T10:00:00Z";

/// `alpha`: three top-level items; `1` has three children with follow-ups in
/// 2024 and 2025 (1.1 twice in 2025: its current status there is off track);
/// `2` has an indicator with values, a risk with controls and a child. `beta`
/// is a second plan that must never be touched by edits of `alpha`.
const FIXTURE: &str = r#"{
  "format": "strata",
  "version": 1,
  "plans": [
    {
      "code": "alpha",
      "title": {"fi": "Alfa", "en": "Alpha"},
      "levels": [{"fi": "Tavoite", "en": "Goal"}, {"en": "Measure"}],
      "periods": [
        {"code": "2024", "label": {"en": "01–12/2024"}, "start": "2024-01-01", "end": "2024-12-31"},
        {"code": "2025", "start": "2025-01-01", "end": "2025-12-31"}
      ],
      "items": [
        {"code": "1", "title": {"en": "Goal one", "sv": "Mål ett"},
         "children": [
           {"code": "1.1", "title": {"en": "Measure one"}, "owner": {"fi": "Hallitus"},
            "assessments": [
              {"period": "2024", "status": "on_track", "comment": {"fi": "Hyvin"},
               "by": "anna", "at": "2024-12-31T10:00:00Z"},
              {"period": "2025", "status": "at_risk", "comment": {"sv": "Försenad"},
               "actions": {"fi": "Lisää resursseja"}, "by": "anna", "at": "2025-06-30T10:00:00Z"},
              {"period": "2025", "status": "off_track", "by": "bo", "at": "2025-09-30T10:00:00Z"}
            ]},
           {"code": "1.2", "title": {"en": "Measure two"}},
           {"code": "1.3", "title": {"en": "Measure three"},
            "assessments": [
              {"period": "2024", "status": "done", "by": "anna", "at": "2024-12-31T11:00:00Z"}
            ]}
         ]},
        {"code": "2", "title": {"en": "Risk two"}, "level": {"en": "Risk"},
         "assessments": [
           {"period": "2025", "status": "on_track", "comment": {"en": "Fine"},
            "by": "cid", "at": "2025-12-31T10:00:00Z"}
         ],
         "indicators": [
           {"name": {"en": "Share"}, "unit": {"en": "%"}, "direction": "higher",
            "green": 70, "yellow": 29,
            "values": [{"period": "2024", "value": 65},
                       {"period": "2025", "value": null, "note": {"fi": "iu"}}]},
           {"name": {"en": "Days"}, "direction": "lower", "green": 10, "yellow": 20}
         ],
         "risk": {"probability": 3, "consequence": 4,
                  "controls": [{"what": {"sv": "Loggkontroll"}, "frequency": {"sv": "Månadsvis"}},
                               {"what": {"en": "Audit"}}]},
         "children": [
           {"code": "2.1", "title": {"en": "Sub-risk"},
            "assessments": [
              {"period": "2025", "status": "not_assessed", "by": "cid", "at": "2025-12-31T10:01:00Z"}
            ]}
         ]},
        {"code": "3", "title": {"fi": "Kolme"}}
      ]
    },
    {
      "code": "beta",
      "title": {"en": "Beta"},
      "periods": [{"code": "2025"}],
      "items": [{"code": "1", "title": {"en": "Other one"}}]
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

fn open(path: &Path, mode: Mode) -> Store {
    match Store::open(path, mode) {
        Ok(o) => o.store,
        Err(e) => panic!("open {} {mode:?}: {e}", path.display()),
    }
}

/// A fresh database holding the fixture plans, opened read-write.
fn db() -> (TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plans.db");
    let mut store = open(&path, Mode::ReadWrite);
    store
        .import(&fixture(), false, USER, AT)
        .expect("import fixture");
    (dir, path, store)
}

/// A plain SQLite connection to the file, outside strata.
fn raw(path: &Path) -> Connection {
    Connection::open(path).expect("plain connection")
}

/// Everything in the database as the exporter writes it, and the number of
/// change-log rows: what a refused edit must leave as it was.
fn snapshot(store: &Store, path: &Path) -> (String, i64) {
    let json = Document::new(store.load_all().expect("load all")).to_json();
    let log: i64 = raw(path)
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("count log");
    (json, log)
}

/// Every plan's sibling lists are numbered 0..n.
fn assert_contiguous(path: &Path) {
    let conn = raw(path);
    let mut st = conn
        .prepare(
            "SELECT plan_id, parent_id, position FROM item ORDER BY plan_id, parent_id, position",
        )
        .expect("prepare");
    let mut groups: BTreeMap<(i64, Option<i64>), Vec<i64>> = BTreeMap::new();
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query");
    for row in rows {
        let (plan, parent, pos): (i64, Option<i64>, i64) = row.expect("row");
        groups.entry((plan, parent)).or_default().push(pos);
    }
    for (key, positions) in groups {
        let want: Vec<i64> = (0..positions.len() as i64).collect();
        assert_eq!(positions, want, "positions of children of {key:?}");
    }
}

fn version(path: &Path, plan: &str, code: &str) -> i64 {
    raw(path)
        .query_row(
            "SELECT i.version FROM item i JOIN plan p ON p.id = i.plan_id
             WHERE p.code = ?1 AND i.code = ?2",
            [plan, code],
            |r| r.get(0),
        )
        .expect("version")
}

fn count(path: &Path, table: &str) -> i64 {
    raw(path)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

fn codes(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.code.as_str()).collect()
}

fn children<'a>(plan: &'a Plan, code: &str) -> Vec<&'a str> {
    codes(&plan.find(code).expect("item").0.children)
}

/// The newest change-log row of an item (or of the plan, `None`).
fn last_change(store: &Store, plan: &str, item: Option<&str>) -> strata::store::ChangeRow {
    store
        .changes(plan, item, 1)
        .expect("changes")
        .into_iter()
        .next()
        .expect("a change-log row")
}

// ---------------------------------------------------------------- add

#[test]
fn add_item_next_free_code_at_the_end_of_the_top_level() {
    let (_d, path, mut store) = db();
    let code = store
        .add_item("alpha", None, None, None, (Lang::En, "Goal four"), USER, AT)
        .expect("add");
    assert_eq!(code, "4");
    let plan = store.load_plan("alpha").expect("load");
    assert_eq!(codes(&plan.items), ["1", "2", "3", "4"]);
    let item = &plan.items[3];
    assert_eq!(item.title, Text::new(None, None, Some("Goal four")));
    assert!(item.assessments.is_empty() && item.children.is_empty());
    let row = last_change(&store, "alpha", Some("4"));
    assert_eq!(row.field, "add");
    assert_eq!(row.lang, Some(Lang::En));
    assert_eq!(row.new.as_deref(), Some("Goal four"));
    assert_eq!((row.user.as_str(), row.at.as_str()), (USER, AT));
    assert_contiguous(&path);
    // The other plan is untouched.
    assert_eq!(codes(&store.load_plan("beta").unwrap().items), ["1"]);
}

#[test]
fn add_item_after_a_sibling_shifts_the_later_ones() {
    let (_d, path, mut store) = db();
    let v12 = version(&path, "alpha", "1.2");
    let v11 = version(&path, "alpha", "1.1");
    let code = store
        .add_item(
            "alpha",
            Some("1"),
            Some("1.1"),
            None,
            (Lang::Sv, "Ny"),
            USER,
            AT,
        )
        .expect("add");
    assert_eq!(code, "1.4", "parent code . number of children + 1");
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(children(&plan, "1"), ["1.1", "1.4", "1.2", "1.3"]);
    assert_eq!(plan.find("1.4").unwrap().0.title.get(Lang::Sv), Some("Ny"));
    assert_contiguous(&path);
    assert!(
        version(&path, "alpha", "1.2") > v12,
        "a shifted row is a changed row"
    );
    assert_eq!(
        version(&path, "alpha", "1.1"),
        v11,
        "an unmoved row keeps its version"
    );
}

#[test]
fn add_item_skips_taken_codes_and_takes_given_ones() {
    let (_d, path, mut store) = db();
    let given = store
        .add_item(
            "alpha",
            Some("1"),
            None,
            Some("1.5"),
            (Lang::En, "Five"),
            USER,
            AT,
        )
        .expect("add with a code");
    assert_eq!(given, "1.5");
    // Four children now: 1.5 would be next, but it is taken.
    let next = store
        .add_item("alpha", Some("1"), None, None, (Lang::En, "Six"), USER, AT)
        .expect("add");
    assert_eq!(next, "1.6");
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(children(&plan, "1"), ["1.1", "1.2", "1.3", "1.5", "1.6"]);
    // Under a leaf: its first child.
    let first = store
        .add_item(
            "alpha",
            Some("1.2"),
            None,
            None,
            (Lang::Fi, "Eka"),
            USER,
            AT,
        )
        .expect("add under a leaf");
    assert_eq!(first, "1.2.1");
    // After the first of several top-level items.
    let top = store
        .add_item(
            "alpha",
            None,
            Some("1"),
            Some("X"),
            (Lang::En, "x"),
            USER,
            AT,
        )
        .expect("add after 1");
    assert_eq!(top, "X");
    assert_eq!(
        codes(&store.load_plan("alpha").unwrap().items),
        ["1", "X", "2", "3"]
    );
    assert_contiguous(&path);
}

#[test]
fn add_item_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let t = (Lang::En, "t");
    for (code, want) in [
        ("a b", "bad"),
        ("x:y", "bad"),
        ("", "bad"),
        ("1.1", "taken"),
    ] {
        match store.add_item("alpha", None, None, Some(code), t, USER, AT) {
            Err(StoreError::BadCode(c)) if want == "bad" => assert_eq!(c, code),
            Err(StoreError::CodeTaken { plan, code: c }) if want == "taken" => {
                assert_eq!((plan.as_str(), c.as_str()), ("alpha", code))
            }
            other => panic!("{code:?}: {other:?}"),
        }
    }
    assert!(matches!(
        store.add_item("nope", None, None, None, t, USER, AT),
        Err(StoreError::UnknownPlan(p)) if p == "nope"
    ));
    assert!(matches!(
        store.add_item("alpha", Some("9"), None, None, t, USER, AT),
        Err(StoreError::UnknownItem { code, .. }) if code == "9"
    ));
    // `after` must be a child of the parent.
    assert!(matches!(
        store.add_item("alpha", Some("1"), Some("2"), None, t, USER, AT),
        Err(StoreError::UnknownItem { code, .. }) if code == "2"
    ));
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- counts, delete, restore

#[test]
fn item_counts_are_descendants_and_follow_ups() {
    let (_d, _p, store) = db();
    assert_eq!(store.item_counts("alpha", "1").unwrap(), (3, 4));
    assert_eq!(store.item_counts("alpha", "1.1").unwrap(), (0, 3));
    assert_eq!(store.item_counts("alpha", "2").unwrap(), (1, 2));
    assert_eq!(store.item_counts("alpha", "3").unwrap(), (0, 0));
    assert!(matches!(
        store.item_counts("alpha", "9"),
        Err(StoreError::UnknownItem { .. })
    ));
    assert!(matches!(
        store.item_counts("nope", "1"),
        Err(StoreError::UnknownPlan(_))
    ));
}

#[test]
fn delete_takes_everything_attached_and_restore_puts_it_back_exactly() {
    let (_d, path, mut store) = db();
    let before = store.load_plan("alpha").unwrap();
    let beta = store.load_plan("beta").unwrap();
    let v3 = version(&path, "alpha", "3");

    let (parent, position, item) = store.delete_item("alpha", "2", USER, AT).expect("delete");
    assert_eq!((parent, position), (None, 1));
    assert_eq!(&item, before.find("2").unwrap().0, "the subtree as it was");
    assert_eq!(item.indicators.len(), 2);
    assert_eq!(item.risk.as_ref().unwrap().controls.len(), 2);
    assert_eq!(codes(&item.children), ["2.1"]);

    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(codes(&plan.items), ["1", "3"]);
    assert!(plan.find("2.1").is_none());
    for table in ["indicator", "indicator_value", "risk", "control"] {
        assert_eq!(
            count(&path, table),
            0,
            "{table} rows of the deleted subtree"
        );
    }
    assert_eq!(count(&path, "assessment"), 4, "only 1.1's and 1.3's remain");
    assert_contiguous(&path);
    assert!(version(&path, "alpha", "3") > v3, "3 moved up");
    let row = last_change(&store, "alpha", Some("2"));
    assert_eq!(row.field, "delete");
    assert_eq!(row.old.as_deref(), Some("Risk two"));
    assert_eq!(row.lang, Some(Lang::En));

    store
        .restore_item("alpha", None, position, &item, USER, AT)
        .expect("restore");
    assert_eq!(store.load_plan("alpha").unwrap(), before);
    assert_eq!(store.load_plan("beta").unwrap(), beta);
    assert_contiguous(&path);
    assert_eq!(last_change(&store, "alpha", Some("2")).field, "restore");
}

#[test]
fn delete_and_restore_a_nested_item() {
    let (_d, path, mut store) = db();
    let before = store.load_plan("alpha").unwrap();
    let (parent, position, item) = store.delete_item("alpha", "1.1", USER, AT).unwrap();
    assert_eq!((parent.as_deref(), position), (Some("1"), 0));
    assert_eq!(item.assessments.len(), 3);
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(children(&plan, "1"), ["1.2", "1.3"]);
    assert_contiguous(&path);
    store
        .restore_item("alpha", parent.as_deref(), position, &item, USER, AT)
        .unwrap();
    assert_eq!(store.load_plan("alpha").unwrap(), before);
    assert_contiguous(&path);
}

#[test]
fn every_top_level_item_of_the_reference_plans_deletes_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ref.db");
    let mut store = open(&path, Mode::ReadWrite);
    let doc = reference::document().expect("reference plans");
    store.import(&doc.plans, false, USER, AT).unwrap();
    let before = Document::new(store.load_all().unwrap()).to_json();
    for plan in &doc.plans {
        for top in &plan.items {
            let (parent, pos, item) = store.delete_item(&plan.code, &top.code, USER, AT).unwrap();
            assert!(store
                .load_plan(&plan.code)
                .unwrap()
                .find(&top.code)
                .is_none());
            store
                .restore_item(&plan.code, parent.as_deref(), pos, &item, USER, AT)
                .unwrap();
        }
    }
    assert_eq!(Document::new(store.load_all().unwrap()).to_json(), before);
    assert_contiguous(&path);
}

#[test]
fn restore_refuses_a_taken_code_and_changes_nothing() {
    let (_d, path, mut store) = db();
    let (parent, position, item) = store.delete_item("alpha", "2", USER, AT).unwrap();
    // Someone takes the code of the deleted child meanwhile.
    store
        .add_item(
            "alpha",
            None,
            None,
            Some("2.1"),
            (Lang::En, "new"),
            USER,
            AT,
        )
        .unwrap();
    let before = snapshot(&store, &path);
    match store.restore_item("alpha", parent.as_deref(), position, &item, USER, AT) {
        Err(StoreError::CodeTaken { plan, code }) => {
            assert_eq!((plan.as_str(), code.as_str()), ("alpha", "2.1"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        store.restore_item("alpha", Some("9"), 0, &item, USER, AT),
        Err(StoreError::UnknownItem { .. })
    ));
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn delete_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    assert!(matches!(
        store.delete_item("alpha", "9", USER, AT),
        Err(StoreError::UnknownItem { .. })
    ));
    assert!(matches!(
        store.delete_item("nope", "1", USER, AT),
        Err(StoreError::UnknownPlan(_))
    ));
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- move, reorder

#[test]
fn move_to_the_top_level_and_back() {
    let (_d, path, mut store) = db();
    let before = store.load_plan("alpha").unwrap();
    let (old_parent, old_pos) = store
        .move_item("alpha", "1.3", None, Some(0), USER, AT)
        .expect("move");
    assert_eq!((old_parent.as_deref(), old_pos), (Some("1"), 2));
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(codes(&plan.items), ["1.3", "1", "2", "3"]);
    assert_eq!(children(&plan, "1"), ["1.1", "1.2"]);
    assert_eq!(plan.items[0], *before.find("1.3").unwrap().0, "moves whole");
    assert_contiguous(&path);
    let row = last_change(&store, "alpha", Some("1.3"));
    assert_eq!(row.field, "move");
    assert_eq!((row.old.as_deref(), row.new.as_deref()), (Some("1"), None));

    let back = store
        .move_item(
            "alpha",
            "1.3",
            old_parent.as_deref(),
            Some(old_pos),
            USER,
            AT,
        )
        .expect("move back");
    assert_eq!(back, (None, 0));
    assert_eq!(store.load_plan("alpha").unwrap(), before);
    assert_contiguous(&path);
}

#[test]
fn move_a_subtree_under_another_item_and_back() {
    let (_d, path, mut store) = db();
    let before = store.load_plan("alpha").unwrap();
    let v = version(&path, "alpha", "2");
    // No position: last.
    let (old_parent, old_pos) = store
        .move_item("alpha", "2", Some("1.2"), None, USER, AT)
        .unwrap();
    assert_eq!((old_parent, old_pos), (None, 1));
    assert!(version(&path, "alpha", "2") > v);
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(codes(&plan.items), ["1", "3"]);
    assert_eq!(children(&plan, "1.2"), ["2"]);
    assert_eq!(children(&plan, "2"), ["2.1"], "its subtree goes along");
    let row = last_change(&store, "alpha", Some("2"));
    assert_eq!((row.old, row.new.as_deref()), (None, Some("1.2")));
    assert_contiguous(&path);
    // A position past the end is the end.
    store
        .move_item("alpha", "3", Some("1"), Some(99), USER, AT)
        .unwrap();
    assert_eq!(
        children(&store.load_plan("alpha").unwrap(), "1"),
        ["1.1", "1.2", "1.3", "3"]
    );
    store
        .move_item("alpha", "3", None, Some(1), USER, AT)
        .unwrap();
    store
        .move_item("alpha", "2", None, Some(1), USER, AT)
        .unwrap();
    assert_eq!(store.load_plan("alpha").unwrap(), before);
    assert_contiguous(&path);
}

#[test]
fn move_within_the_same_parent() {
    let (_d, path, mut store) = db();
    let before = store.load_plan("alpha").unwrap();
    let old = store
        .move_item("alpha", "1.1", Some("1"), None, USER, AT)
        .unwrap();
    assert_eq!(old, (Some("1".to_owned()), 0));
    assert_eq!(
        children(&store.load_plan("alpha").unwrap(), "1"),
        ["1.2", "1.3", "1.1"]
    );
    assert_contiguous(&path);
    store
        .move_item("alpha", "1.1", Some("1"), Some(0), USER, AT)
        .unwrap();
    assert_eq!(store.load_plan("alpha").unwrap(), before);
    // Where it already stands: nothing written, not even a log row.
    let snap = snapshot(&store, &path);
    let v = version(&path, "alpha", "1.1");
    store
        .move_item("alpha", "1.1", Some("1"), Some(0), USER, AT)
        .unwrap();
    assert_eq!(snapshot(&store, &path), snap);
    assert_eq!(version(&path, "alpha", "1.1"), v);
}

#[test]
fn a_cycle_is_refused_and_changes_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    for target in ["1", "1.1", "1.3"] {
        match store.move_item("alpha", "1", Some(target), None, USER, AT) {
            Err(StoreError::Cycle { code }) => assert_eq!(code, "1"),
            other => panic!("under {target}: {other:?}"),
        }
    }
    assert!(matches!(
        store.move_item("alpha", "2", Some("2.1"), Some(0), USER, AT),
        Err(StoreError::Cycle { .. })
    ));
    assert!(matches!(
        store.move_item("alpha", "2", Some("9"), None, USER, AT),
        Err(StoreError::UnknownItem { code, .. }) if code == "9"
    ));
    assert!(matches!(
        store.move_item("alpha", "9", None, None, USER, AT),
        Err(StoreError::UnknownItem { code, .. }) if code == "9"
    ));
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn reorder_moves_among_siblings_clamped() {
    let (_d, path, mut store) = db();
    let order = |s: &Store| {
        children(&s.load_plan("alpha").unwrap(), "1")
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(store.reorder_item("alpha", "1.1", 1, USER, AT).unwrap());
    assert_eq!(order(&store), ["1.2", "1.1", "1.3"]);
    let row = last_change(&store, "alpha", Some("1.1"));
    assert_eq!(row.field, "reorder");
    assert_eq!(
        (row.old.as_deref(), row.new.as_deref()),
        (Some("0"), Some("1"))
    );
    assert_contiguous(&path);

    assert!(store.reorder_item("alpha", "1.1", 10, USER, AT).unwrap());
    assert_eq!(order(&store), ["1.2", "1.3", "1.1"]);
    let snap = snapshot(&store, &path);
    assert!(
        !store.reorder_item("alpha", "1.1", 1, USER, AT).unwrap(),
        "already last"
    );
    assert!(!store.reorder_item("alpha", "1.1", 0, USER, AT).unwrap());
    assert_eq!(snapshot(&store, &path), snap, "not moving writes nothing");

    assert!(store.reorder_item("alpha", "1.1", -100, USER, AT).unwrap());
    assert_eq!(order(&store), ["1.1", "1.2", "1.3"]);
    assert!(store.reorder_item("alpha", "3", -1, USER, AT).unwrap());
    assert_eq!(
        codes(&store.load_plan("alpha").unwrap().items),
        ["1", "3", "2"]
    );
    assert!(
        !store.reorder_item("alpha", "2.1", -1, USER, AT).unwrap(),
        "only child"
    );
    assert_contiguous(&path);
    assert!(matches!(
        store.reorder_item("alpha", "9", 1, USER, AT),
        Err(StoreError::UnknownItem { .. })
    ));
}

// ---------------------------------------------------------------- codes, levels

#[test]
fn set_item_code_renames_and_refuses_bad_or_taken_codes() {
    let (_d, path, mut store) = db();
    let v = version(&path, "alpha", "1.2");
    store
        .set_item_code("alpha", "1.2", "1.2b", USER, AT)
        .expect("rename");
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(children(&plan, "1"), ["1.1", "1.2b", "1.3"]);
    assert!(version(&path, "alpha", "1.2b") > v);
    let row = last_change(&store, "alpha", Some("1.2b"));
    assert_eq!(row.field, "code");
    assert_eq!(
        (row.old.as_deref(), row.new.as_deref()),
        (Some("1.2"), Some("1.2b"))
    );

    let before = snapshot(&store, &path);
    for bad in ["a b", "x:y", "", &"x".repeat(65)] {
        match store.set_item_code("alpha", "1.1", bad, USER, AT) {
            Err(StoreError::BadCode(c)) => assert_eq!(c, bad),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    match store.set_item_code("alpha", "1.1", "2", USER, AT) {
        Err(StoreError::CodeTaken { plan, code }) => {
            assert_eq!((plan.as_str(), code.as_str()), ("alpha", "2"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        store.set_item_code("alpha", "1.2", "z", USER, AT),
        Err(StoreError::UnknownItem { .. })
    ));
    // The same code is no change.
    store
        .set_item_code("alpha", "1.1", "1.1", USER, AT)
        .unwrap();
    assert_eq!(snapshot(&store, &path), before);
    // The code of another plan is free.
    store.set_item_code("beta", "1", "1.2b", USER, AT).unwrap();
}

#[test]
fn set_level_name_sets_one_language_and_fills_missing_levels() {
    let (_d, path, mut store) = db();
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("alpha", Field::Level(0)).unwrap(),
            lang: Lang::Sv,
            value: Some("Mål"),
            expect: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    assert_eq!(old, None);
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("alpha", Field::Level(0)).unwrap(),
            lang: Lang::En,
            value: Some("Aim"),
            expect: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    assert_eq!(old.as_deref(), Some("Goal"));
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(
        plan.levels[0],
        Text::new(Some("Tavoite"), Some("Mål"), Some("Aim"))
    );
    let row = last_change(&store, "alpha", None);
    assert_eq!(row.field, "level.1");
    assert_eq!(row.lang, Some(Lang::En));
    assert_eq!(
        (row.old.as_deref(), row.new.as_deref()),
        (Some("Goal"), Some("Aim"))
    );

    // A depth below the named ones: the levels between are there, empty.
    store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("alpha", Field::Level(3)).unwrap(),
            lang: Lang::Fi,
            value: Some("Tehtävä"),
            expect: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(plan.levels.len(), 4);
    assert_eq!(plan.levels[1], Text::new(None, None, Some("Measure")));
    assert!(plan.levels[2].is_empty());
    assert_eq!(plan.levels[3].get(Lang::Fi), Some("Tehtävä"));

    // Clearing, and the same value again (no change, no log row).
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("alpha", Field::Level(1)).unwrap(),
            lang: Lang::En,
            value: None,
            expect: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    assert_eq!(old.as_deref(), Some("Measure"));
    assert!(store.load_plan("alpha").unwrap().levels[1].is_empty());
    let snap = snapshot(&store, &path);
    store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("alpha", Field::Level(1)).unwrap(),
            lang: Lang::En,
            value: Some(""),
            expect: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("alpha", Field::Level(9)).unwrap(),
            lang: Lang::En,
            value: None,
            expect: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    assert_eq!(snapshot(&store, &path), snap);
    assert!(matches!(
        store.set_text(&TextWrite {
            text: &TextAt::plan_text("nope", Field::Level(0)).unwrap(),
            lang: Lang::En,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT
        }),
        Err(StoreError::UnknownPlan(_))
    ));
}

// ---------------------------------------------------------------- periods, plans

#[test]
fn add_period_copying_statuses() {
    let (_d, path, mut store) = db();
    let label = Text::new(None, None, Some("01–12/2026"));
    store
        .add_period(
            &NewPeriod {
                plan: "alpha",
                code: "2026",
                label: label.clone(),
                start: Some("2026-01-01"),
                end: Some("2026-12-31"),
                deadline: None,
                carry_over: true,
            },
            "eve",
            AT,
        )
        .expect("add period");
    let plan = store.load_plan("alpha").unwrap();
    let p: Vec<_> = plan.periods.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(p, ["2024", "2025", "2026"]);
    let new = plan.period("2026").unwrap();
    assert_eq!(new.label, label);
    assert_eq!(
        (new.start.as_deref(), new.end.as_deref()),
        (Some("2026-01-01"), Some("2026-12-31"))
    );
    let copied = |code: &str| {
        plan.find(code)
            .unwrap()
            .0
            .assessments
            .iter()
            .filter(|a| a.period == "2026")
            .cloned()
            .collect::<Vec<_>>()
    };
    // The current status of 2025 (1.1's last row, not its first), carried
    // over: it counts as not assessed until someone confirms it.
    for (code, status) in [("1.1", Status::OffTrack), ("2", Status::OnTrack)] {
        let rows = copied(code);
        assert_eq!(rows.len(), 1, "{code}");
        let a = &rows[0];
        assert_eq!(a.status, status, "{code}");
        assert_eq!(a.carried_from.as_deref(), Some("2025"), "{code}");
        assert_eq!(a.assessed(), Status::NotAssessed, "{code}");
        assert!(
            a.comment.is_empty() && a.actions.is_empty(),
            "{code}: status only"
        );
        assert_eq!((a.by.as_str(), a.at.as_str()), ("eve", AT));
    }
    // Nothing to carry: no follow-up in 2025, or one that says not assessed.
    for code in ["1", "1.2", "1.3", "3", "2.1"] {
        assert!(copied(code).is_empty(), "{code} had no status in 2025");
    }
    // Earlier periods are as they were.
    assert_eq!(plan.find("1.1").unwrap().0.assessments.len(), 4);
    let row = last_change(&store, "alpha", Some("1.1"));
    assert_eq!(row.field, "carried_from");
    assert_eq!(row.period.as_deref(), Some("2026"));
    assert_eq!(row.new.as_deref(), Some("2025"));
    let period_row = store
        .changes("alpha", None, 10)
        .unwrap()
        .into_iter()
        .find(|r| r.field == "period")
        .expect("period row");
    assert_eq!(period_row.period.as_deref(), Some("2026"));
    assert_eq!(period_row.user, "eve");
    assert_eq!(
        store
            .default_period("alpha", "2026-06-01")
            .unwrap()
            .as_deref(),
        Some("2026")
    );
    assert_contiguous(&path);
}

#[test]
fn add_period_without_copying_and_to_a_plan_without_periods() {
    let (_d, path, mut store) = db();
    let rows = count(&path, "assessment");
    store
        .add_period(
            &NewPeriod {
                plan: "alpha",
                code: "2026-H1",
                label: Text::default(),
                start: None,
                end: None,
                deadline: None,
                carry_over: false,
            },
            USER,
            AT,
        )
        .unwrap();
    assert_eq!(count(&path, "assessment"), rows);
    let plan = store.load_plan("alpha").unwrap();
    assert_eq!(plan.periods.last().unwrap().code, "2026-H1");
    assert_eq!(plan.periods.last().unwrap().label, Text::default());
    // Copying from nothing copies nothing.
    store
        .add_plan("gamma", &Text::same("G"), &[], USER, AT)
        .unwrap();
    store
        .add_period(
            &NewPeriod {
                plan: "gamma",
                code: "1",
                label: Text::default(),
                start: None,
                end: None,
                deadline: None,
                carry_over: true,
            },
            USER,
            AT,
        )
        .unwrap();
    assert_eq!(store.load_plan("gamma").unwrap().periods.len(), 1);
}

#[test]
fn add_period_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let t = Text::default();
    match store.add_period(
        &NewPeriod {
            plan: "alpha",
            code: "2025",
            label: t.clone(),
            start: None,
            end: None,
            deadline: None,
            carry_over: true,
        },
        USER,
        AT,
    ) {
        Err(StoreError::PeriodExists { plan, code }) => {
            assert_eq!((plan.as_str(), code.as_str()), ("alpha", "2025"))
        }
        other => panic!("{other:?}"),
    }
    for (code, start, end, bad) in [
        ("a b", None, None, "a b"),
        ("a:b", None, None, "a:b"),
        ("2026", Some("2026-13-01"), None, "2026-13-01"),
        ("2026", None, Some("2026-02-30"), "2026-02-30"),
        ("2026", Some("1.1.2026"), None, "1.1.2026"),
        ("2026", Some("2026-06-01"), Some("2026-01-01"), "2026-01-01"),
    ] {
        // A bad code names the code, a bad date the date, and an end
        // before the start says so.
        match store.add_period(
            &NewPeriod {
                plan: "alpha",
                code,
                label: t.clone(),
                start,
                end,
                deadline: None,
                carry_over: true,
            },
            USER,
            AT,
        ) {
            Err(StoreError::BadCode(c) | StoreError::BadDate(c)) => assert_eq!(c, bad),
            Err(StoreError::EndsBeforeStart) => assert_eq!(end, Some(bad)),
            other => panic!("{code} {start:?} {end:?}: {other:?}"),
        }
    }
    assert!(matches!(
        store.add_period(
            &NewPeriod {
                plan: "nope",
                code: "2026",
                label: t.clone(),
                start: None,
                end: None,
                deadline: None,
                carry_over: false,
            },
            USER,
            AT,
        ),
        Err(StoreError::UnknownPlan(_))
    ));
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn add_plan_appends_an_empty_plan() {
    let (_d, path, mut store) = db();
    let title = Text::new(Some("Gamma fi"), None, Some("Gamma"));
    let levels = [Text::new(None, None, Some("Goal")), Text::same("Step")];
    store
        .add_plan("gamma", &title, &levels, USER, AT)
        .expect("add plan");
    assert_eq!(store.plan_codes().unwrap(), ["alpha", "beta", "gamma"]);
    let plan = store.load_plan("gamma").unwrap();
    assert_eq!(
        plan,
        Plan {
            code: "gamma".into(),
            title,
            levels: levels.to_vec(),
            ..Plan::default()
        }
    );
    let row = last_change(&store, "gamma", None);
    assert_eq!(row.field, "add");
    assert_eq!(row.new.as_deref(), Some("gamma"));
    // It takes items like any plan.
    let code = store
        .add_item("gamma", None, None, None, (Lang::En, "First"), USER, AT)
        .unwrap();
    assert_eq!(code, "1");

    let before = snapshot(&store, &path);
    assert!(matches!(
        store.add_plan("alpha", &Text::same("x"), &[], USER, AT),
        Err(StoreError::PlanExists(c)) if c == "alpha"
    ));
    for bad in ["Gamma", "a b", "a:b", ""] {
        match store.add_plan(bad, &Text::same("x"), &[], USER, AT) {
            Err(StoreError::BadCode(c)) => assert_eq!(c, bad),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- read-only

#[test]
fn a_read_only_store_refuses_every_structure_edit() {
    let (_d, path, store) = db();
    // A deleted item to try to restore; the read-write store is closed first.
    let (_, _, item) = {
        let mut rw = store;
        rw.delete_item("alpha", "3", USER, AT).unwrap()
    };
    let mut ro = open(&path, Mode::ReadOnly);
    let snap = Document::new(ro.load_all().unwrap()).to_json();
    let t = Text::same("x");
    let results: Vec<(&str, Result<(), StoreError>)> = vec![
        (
            "add_item",
            ro.add_item("alpha", None, None, None, (Lang::En, "x"), USER, AT)
                .map(drop),
        ),
        (
            "delete_item",
            ro.delete_item("alpha", "1", USER, AT).map(drop),
        ),
        (
            "restore_item",
            ro.restore_item("alpha", None, 2, &item, USER, AT),
        ),
        (
            "move_item",
            ro.move_item("alpha", "2", None, Some(0), USER, AT)
                .map(drop),
        ),
        (
            "reorder_item",
            ro.reorder_item("alpha", "2", -1, USER, AT).map(drop),
        ),
        (
            "set_item_code",
            ro.set_item_code("alpha", "2", "two", USER, AT),
        ),
        (
            "set_level_name",
            ro.set_text(&TextWrite {
                text: &TextAt::plan_text("alpha", Field::Level(0)).unwrap(),
                lang: Lang::Sv,
                value: Some("Mål"),
                expect: None,
                user: USER,
                at: AT,
            })
            .map(drop),
        ),
        (
            "add_period",
            ro.add_period(
                &NewPeriod {
                    plan: "alpha",
                    code: "2026",
                    label: t.clone(),
                    start: None,
                    end: None,
                    deadline: None,
                    carry_over: true,
                },
                USER,
                AT,
            ),
        ),
        ("add_plan", ro.add_plan("gamma", &t, &[], USER, AT)),
    ];
    for (what, r) in results {
        match r {
            Err(StoreError::ReadOnly { path: p }) => assert_eq!(p, path, "{what}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    // Reading still works.
    assert_eq!(ro.item_counts("alpha", "1").unwrap(), (3, 4));
    assert_eq!(Document::new(ro.load_all().unwrap()).to_json(), snap);
}

#[test]
fn set_plan_text_writes_one_language_logs_it_and_returns_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, Mode::ReadWrite).unwrap().store;
    let doc = strata::exchange::reference::document().unwrap();
    store
        .import(&doc.plans, false, "t", "2026-01-01T00:00:00Z")
        .unwrap();
    let before = store.load_plan("languages-2025").unwrap();
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("languages-2025", Field::plan_text("organisation").unwrap())
                .unwrap(),
            lang: Lang::En,
            value: Some("WU county"),
            expect: None,
            user: "anna",
            at: "2026-02-01T00:00:00Z",
        })
        .unwrap();
    assert_eq!(old.as_deref(), before.organisation.get(Lang::En));
    let after = store.load_plan("languages-2025").unwrap();
    assert_eq!(after.organisation.get(Lang::En), Some("WU county"));
    assert_eq!(
        after.organisation.get(Lang::Sv),
        before.organisation.get(Lang::Sv)
    );
    let log = store.changes("languages-2025", None, 1).unwrap();
    assert_eq!(log[0].field, "plan.organisation");
    assert_eq!(log[0].new.as_deref(), Some("WU county"));
    // Writing the old value back restores the plan exactly.
    store
        .set_text(&TextWrite {
            text: &TextAt::plan_text("languages-2025", Field::plan_text("organisation").unwrap())
                .unwrap(),
            lang: Lang::En,
            value: old.as_deref(),
            expect: None,
            user: "anna",
            at: "2026-02-01T00:00:00Z",
        })
        .unwrap();
    assert_eq!(store.load_plan("languages-2025").unwrap(), before);
}

#[test]
fn period_labels_and_status_wording_round_trip_and_refuse_a_stale_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path, Mode::ReadWrite).unwrap().store;
    let doc = strata::exchange::reference::document().unwrap();
    store
        .import(&doc.plans, false, "t", "2026-01-01T00:00:00Z")
        .unwrap();
    let before = Document::new(store.load_all().unwrap()).to_json();
    let plan = "internal-control-2025";
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text(plan, Field::PeriodLabel(("2025").into())).unwrap(),
            lang: Lang::Fi,
            value: Some("Vuosi 2025"),
            expect: None,
            user: "anna",
            at: "2026-02-01T00:00:00Z",
        })
        .unwrap();
    let old_words = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text(plan, Field::StatusLabel(Status::Done)).unwrap(),
            lang: Lang::Sv,
            value: Some("Klar"),
            expect: None,
            user: "anna",
            at: "2026-02-01T00:00:00Z",
        })
        .unwrap();
    assert_eq!(old_words, None, "the plan had no wording for done");
    let p = store.load_plan(plan).unwrap();
    assert_eq!(p.periods[0].label.get(Lang::Fi), Some("Vuosi 2025"));
    assert_eq!(p.status_labels[&Status::Done].get(Lang::Sv), Some("Klar"));
    // A stale expectation is a conflict naming who changed it.
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::plan_text(plan, Field::PeriodLabel(("2025").into())).unwrap(),
            lang: Lang::Fi,
            value: Some("Toinen"),
            expect: Some(old.as_deref()),
            user: "bo",
            at: "2026-02-02T00:00:00Z",
        })
        .unwrap_err();
    match e {
        StoreError::Conflict { theirs, by, .. } => {
            assert_eq!(theirs.as_deref(), Some("Vuosi 2025"));
            assert_eq!(by, "anna");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(
        store.set_text(&TextWrite {
            text: &TextAt::plan_text(plan, Field::PeriodLabel(("1999").into())).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: "bo",
            at: "2026-02-02T00:00:00Z"
        }),
        Err(StoreError::UnknownPeriod { .. })
    ));
    // Writing the old values back restores the plans exactly.
    store
        .set_text(&TextWrite {
            text: &TextAt::plan_text(plan, Field::PeriodLabel(("2025").into())).unwrap(),
            lang: Lang::Fi,
            value: old.as_deref(),
            expect: None,
            user: "anna",
            at: "2026-02-03T00:00:00Z",
        })
        .unwrap();
    store
        .set_text(&TextWrite {
            text: &TextAt::plan_text(plan, Field::StatusLabel(Status::Done)).unwrap(),
            lang: Lang::Sv,
            value: None,
            expect: None,
            user: "anna",
            at: "2026-02-03T00:00:00Z",
        })
        .unwrap();
    assert_eq!(Document::new(store.load_all().unwrap()).to_json(), before);
}

/// A code typed composed (`ä`) and one stored decomposed (`a` + U+0308, as
/// macOS writes it) are the same code: the second is taken. What is stored
/// is what was typed.
#[test]
fn codes_that_look_the_same_are_the_same() {
    let (_d, _path, mut store) = db();
    let nfd = "1.a\u{308}";
    let got = store
        .add_item(
            "alpha",
            None,
            None,
            Some(nfd),
            (Lang::En, "Decomposed"),
            USER,
            AT,
        )
        .unwrap();
    assert_eq!(got, nfd, "stored as typed");
    match store.add_item(
        "alpha",
        None,
        None,
        Some("1.ä"),
        (Lang::En, "Composed"),
        USER,
        AT,
    ) {
        Err(StoreError::CodeTaken { code, .. }) => assert_eq!(code, "1.ä"),
        other => panic!("{other:?}"),
    }
    store
        .add_period(
            &NewPeriod {
                plan: "alpha",
                code: "2027-\u{c5}",
                label: Text::default(),
                start: None,
                end: None,
                deadline: None,
                carry_over: false,
            },
            USER,
            AT,
        )
        .unwrap();
    assert!(matches!(
        store.add_period(
            &NewPeriod {
                plan: "alpha",
                code: "2027-A\u{30a}",
                label: Text::default(),
                start: None,
                end: None,
                deadline: None,
                carry_over: false,
            },
            USER,
            AT,
        ),
        Err(StoreError::PeriodExists { .. })
    ));
}
