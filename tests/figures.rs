//! Integration tests of the figure writes on temporary files holding the five
//! reference plans: an indicator's value in a period, its thresholds, a
//! risk's probability and consequence. Each edit is checked for its effect
//! through `load_plan` (value, light, score, band), its change-log row and the
//! item's bumped version; each refusal for changing nothing; each for an undo
//! (the same call with the returned old value) that gives back exactly the
//! database as it was.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tempfile::TempDir;

use strata::domain::risk::Band;
use strata::domain::{Direction, Indicator, Light, Plan};
use strata::exchange::{reference, Document};
use strata::store::{ChangeRow, Mode, Store, StoreError};

const USER: &str = "tester";
const AT: &str = "2026-03-01T10:00:00Z";
const OPS: &str = "operations-2026";
const IC: &str = "internal-control-2025";

// ---------------------------------------------------------------- helpers

fn open(path: &Path, mode: Mode) -> Store {
    match Store::open(path, mode) {
        Ok(o) => o.store,
        Err(e) => panic!("open {} {mode:?}: {e}", path.display()),
    }
}

/// A fresh database holding the reference plans, opened read-write.
fn db() -> (TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plans.db");
    let mut store = open(&path, Mode::ReadWrite);
    let doc = reference::document().expect("reference plans parse");
    store
        .import(&doc.plans, false, USER, AT)
        .expect("import reference plans");
    (dir, path, store)
}

fn raw(path: &Path) -> Connection {
    Connection::open(path).expect("plain connection")
}

/// Everything as the exporter writes it, the number of change-log rows and
/// the sum of the item versions: what a refused edit must leave as it was.
fn snapshot(store: &Store, path: &Path) -> (String, i64, i64) {
    let json = Document::new(store.load_all().expect("load all")).to_json();
    let conn = raw(path);
    let log: i64 = conn
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("count log");
    let versions: i64 = conn
        .query_row("SELECT total(version) FROM item", [], |r| {
            r.get::<_, f64>(0)
        })
        .map(|v| v as i64)
        .expect("sum versions");
    (json, log, versions)
}

/// Only the exported document: what an undo must give back.
fn json(store: &Store) -> String {
    Document::new(store.load_all().expect("load all")).to_json()
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

fn log_rows(path: &Path) -> i64 {
    raw(path)
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("count log")
}

fn last_change(store: &Store, plan: &str, item: &str) -> ChangeRow {
    store
        .changes(plan, Some(item), 1)
        .expect("changes")
        .into_iter()
        .next()
        .expect("a change-log row")
}

/// The first indicator of the plan (in document order) that `pick` accepts:
/// its item's code, its index on the item, and the indicator.
fn find_indicator(plan: &Plan, pick: impl Fn(&Indicator) -> bool) -> (String, usize, Indicator) {
    plan.walk()
        .into_iter()
        .find_map(|(_, item)| {
            item.indicators
                .iter()
                .position(&pick)
                .map(|k| (item.code.clone(), k, item.indicators[k].clone()))
        })
        .expect("an indicator of that kind in the reference plan")
}

fn indicator(store: &Store, item: &str, index: usize) -> Indicator {
    let plan = store.load_plan(OPS).expect("load");
    let (it, _) = plan.find(item).expect("item");
    it.indicators[index].clone()
}

/// The stored row of an indicator in a period: `None` when there is none,
/// `Some(None)` for a row with no data.
fn row(ind: &Indicator, period: &str) -> Option<Option<f64>> {
    ind.values
        .iter()
        .find(|v| v.period == period)
        .map(|v| v.value)
}

fn has_row(ind: &Indicator, period: &str) -> bool {
    row(ind, period).is_some()
}

fn light(ind: &Indicator, period: &str) -> Light {
    ind.thresholds().light(ind.value_in(period))
}

/// A lower-is-better indicator with a value in 2025 and no row in 2026.
fn lower_with_value(store: &Store) -> (String, usize, Indicator) {
    let plan = store.load_plan(OPS).expect("load");
    find_indicator(&plan, |i| {
        i.direction == Direction::Lower && i.value_in("2025").is_some() && !has_row(i, "2026")
    })
}

/// A higher-is-better indicator whose value in 2025 is red.
fn higher_red(store: &Store) -> (String, usize, Indicator) {
    let plan = store.load_plan(OPS).expect("load");
    find_indicator(&plan, |i| {
        i.direction == Direction::Higher && light(i, "2025") == Light::Red
    })
}

fn risk_of(store: &Store, item: &str) -> (u8, u8, u8, Band) {
    let plan = store.load_plan(IC).expect("load");
    let r = plan
        .find(item)
        .expect("item")
        .0
        .risk
        .as_ref()
        .expect("a risk")
        .clone();
    let a = r.assessment().expect("on the scale");
    (r.probability, r.consequence, a.score(), a.band())
}

// ---------------------------------------------------------------- the reference data

#[test]
fn the_reference_plans_have_what_these_tests_use() {
    let (_d, _p, store) = db();
    let ops = store.load_plan(OPS).expect("load");
    assert_eq!(ops.find("5").expect("item 5").0.indicators.len(), 5);
    assert!(ops.period("2026").is_some());
    let ic = store.load_plan(IC).expect("load");
    for code in ["1", "2", "3", "4", "5", "6", "7"] {
        assert!(ic.find(code).expect("risk item").0.risk.is_some(), "{code}");
    }
}

// ---------------------------------------------------------------- indicator values

#[test]
fn set_indicator_value_changes_the_value_and_its_light() {
    let (_d, path, mut store) = db();
    let (item, k, before) = lower_with_value(&store);
    let old_value = before.value_in("2025").expect("a value");
    let v0 = version(&path, OPS, &item);
    let t = before.thresholds();

    // Exactly on green: the better light.
    let old = store
        .set_indicator_value(OPS, &item, k, "2025", Some(Some(t.green)), USER, AT)
        .expect("set");
    assert_eq!(old, Some(Some(old_value)));
    let ind = indicator(&store, &item, k);
    assert_eq!(ind.value_in("2025"), Some(t.green));
    assert_eq!(light(&ind, "2025"), Light::Green);
    assert_eq!(version(&path, OPS, &item), v0 + 1);
    let c = last_change(&store, OPS, &item);
    assert_eq!(c.field, "indicator.value");
    assert_eq!(c.period.as_deref(), Some("2025"));
    assert_eq!(c.lang, None);
    assert_eq!(c.old, Some(format!("{old_value}")));
    assert_eq!(c.new, Some(format!("{}", t.green)));
    assert_eq!((c.user.as_str(), c.at.as_str()), (USER, AT));

    // Between green and the yellow edge: yellow; past it: red.
    let mid = (t.green + t.yellow) / 2.0;
    store
        .set_indicator_value(OPS, &item, k, "2025", Some(Some(mid)), USER, AT)
        .expect("set");
    assert_eq!(light(&indicator(&store, &item, k), "2025"), Light::Yellow);
    store
        .set_indicator_value(OPS, &item, k, "2025", Some(Some(t.yellow + 1.0)), USER, AT)
        .expect("set");
    assert_eq!(light(&indicator(&store, &item, k), "2025"), Light::Red);
    assert_eq!(version(&path, OPS, &item), v0 + 3);

    // The other indicators of the item, and its other periods, are untouched.
    let plan = store.load_plan(OPS).expect("load");
    let now = &plan.find(&item).unwrap().0.indicators;
    let was = reference_item(&item);
    for (j, (a, b)) in now.iter().zip(&was.indicators).enumerate() {
        if j != k {
            assert_eq!(a, b, "indicator {j}");
        }
    }
    assert_eq!(now[k].values.len(), before.values.len());
    for v in &before.values {
        if v.period != "2025" {
            assert_eq!(row(&now[k], &v.period), Some(v.value), "{}", v.period);
        }
    }
}

/// The item as the reference document has it.
fn reference_item(item: &str) -> strata::domain::Item {
    let doc = reference::document().expect("parse");
    let plan = doc.plans.into_iter().find(|p| p.code == OPS).expect("plan");
    plan.find(item).expect("item").0.clone()
}

#[test]
fn no_data_is_a_row_without_a_value() {
    let (_d, path, mut store) = db();
    let (item, k, before) = lower_with_value(&store);
    let old_value = before.value_in("2025").unwrap();
    let old = store
        .set_indicator_value(OPS, &item, k, "2025", Some(None), USER, AT)
        .expect("set no data");
    assert_eq!(old, Some(Some(old_value)));
    let ind = indicator(&store, &item, k);
    assert_eq!(row(&ind, "2025"), Some(None), "still a row");
    assert_eq!(ind.value_in("2025"), None);
    assert_eq!(light(&ind, "2025"), Light::NoData);
    let c = last_change(&store, OPS, &item);
    assert_eq!(c.field, "indicator.value");
    assert_eq!(c.old, Some(format!("{old_value}")));
    assert_eq!(c.new.as_deref(), Some(""), "no data is logged as \"\"");

    // Setting no data again changes nothing and logs nothing.
    let (rows, v) = (log_rows(&path), version(&path, OPS, &item));
    let old = store
        .set_indicator_value(OPS, &item, k, "2025", Some(None), USER, AT)
        .expect("same again");
    assert_eq!(old, Some(None));
    assert_eq!(log_rows(&path), rows);
    assert_eq!(version(&path, OPS, &item), v);
}

#[test]
fn a_first_value_adds_a_row_and_undo_removes_it() {
    let (_d, path, mut store) = db();
    let (item, k, before) = lower_with_value(&store);
    assert!(!has_row(&before, "2026"));
    let start = json(&store);
    let v0 = version(&path, OPS, &item);

    let old = store
        .set_indicator_value(OPS, &item, k, "2026", Some(Some(12.5)), USER, AT)
        .expect("first value");
    assert_eq!(old, None, "there was no row");
    let ind = indicator(&store, &item, k);
    assert_eq!(row(&ind, "2026"), Some(Some(12.5)));
    assert_eq!(light(&ind, "2026"), ind.thresholds().light(Some(12.5)));
    assert_eq!(ind.values.len(), before.values.len() + 1);
    assert_eq!(
        ind.values.last().map(|v| v.period.as_str()),
        Some("2026"),
        "in period order"
    );
    let c = last_change(&store, OPS, &item);
    assert_eq!(
        (c.field.as_str(), c.period.as_deref()),
        ("indicator.value", Some("2026"))
    );
    assert_eq!((c.old, c.new.as_deref()), (None, Some("12.5")));

    // Undo: the same call with the old value removes the row again.
    let back = store
        .set_indicator_value(OPS, &item, k, "2026", old, USER, AT)
        .expect("undo");
    assert_eq!(back, Some(Some(12.5)));
    assert_eq!(json(&store), start, "exactly as before: no row");
    let c = last_change(&store, OPS, &item);
    assert_eq!((c.old.as_deref(), c.new), (Some("12.5"), None));
    assert_eq!(version(&path, OPS, &item), v0 + 2);
}

#[test]
fn undo_of_values_gives_back_exactly_what_was_stored() {
    let (_d, _p, mut store) = db();
    let plan = store.load_plan(OPS).expect("load");
    // A value; a row with no data and a note; no row at all.
    let (a, ak, _) = find_indicator(&plan, |i| i.value_in("2025").is_some());
    let (b, bk, bind) = find_indicator(&plan, |i| {
        i.values
            .iter()
            .any(|v| v.value.is_none() && !v.note.is_empty())
    });
    let b_period = bind
        .values
        .iter()
        .find(|v| v.value.is_none() && !v.note.is_empty())
        .unwrap()
        .period
        .clone();
    let (c, ck, _) = find_indicator(&plan, |i| !has_row(i, "2026"));
    let cases = [
        (a, ak, "2025".to_owned()),
        (b, bk, b_period),
        (c, ck, "2026".to_owned()),
    ];
    let start = json(&store);
    for new in [Some(Some(42.25)), Some(None), None, Some(Some(-0.5))] {
        for (item, k, period) in &cases {
            let old = store
                .set_indicator_value(OPS, item, *k, period, new, USER, AT)
                .expect("set");
            store
                .set_indicator_value(OPS, item, *k, period, old, USER, AT)
                .expect("undo");
            assert_eq!(json(&store), start, "{item}#{k} {period} set {new:?}");
        }
    }
    // A note survives a value being set on its row and taken back.
    let (item, k, period) = &cases[1];
    store
        .set_indicator_value(OPS, item, *k, period, Some(Some(3.0)), USER, AT)
        .expect("set");
    let ind = indicator(&store, item, *k);
    let v = ind.values.iter().find(|v| &v.period == period).unwrap();
    assert_eq!(v.value, Some(3.0));
    assert!(!v.note.is_empty(), "the note stays with its row");
    let note = v.note.clone();

    // Asked to remove a row that carries a note, the store keeps the row and
    // its note and clears the value, so that undo can give it back exactly.
    let before = json(&store);
    let old = store
        .set_indicator_value(OPS, item, *k, period, None, USER, AT)
        .expect("clear a noted row");
    assert_eq!(old, Some(Some(3.0)));
    let ind = indicator(&store, item, *k);
    let v = ind.values.iter().find(|v| &v.period == period).unwrap();
    assert_eq!((v.value, &v.note), (None, &note));
    let c = last_change(&store, OPS, item);
    assert_eq!((c.old.as_deref(), c.new.as_deref()), (Some("3"), Some("")));
    store
        .set_indicator_value(OPS, item, *k, period, old, USER, AT)
        .expect("undo");
    assert_eq!(json(&store), before);
}

#[test]
fn indicator_value_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let (item, k, _) = lower_with_value(&store);
    let n = indicator_count(&store, &item);
    let before = snapshot(&store, &path);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = store
            .set_indicator_value(OPS, &item, k, "2025", Some(Some(bad)), USER, AT)
            .expect_err("not finite");
        assert!(matches!(e, StoreError::NotFinite), "{bad}: {e:?}");
    }
    let e = store
        .set_indicator_value(OPS, &item, n, "2025", Some(Some(1.0)), USER, AT)
        .expect_err("index past the last");
    assert!(
        matches!(&e, StoreError::UnknownIndicator { code, index } if *code == item && *index == n),
        "{e:?}"
    );
    let e = store
        .set_indicator_value(IC, "1", 0, "2025", Some(Some(1.0)), USER, AT)
        .expect_err("an item without indicators");
    assert!(
        matches!(&e, StoreError::UnknownIndicator { code, index: 0 } if code == "1"),
        "{e:?}"
    );
    for value in [Some(Some(1.0)), Some(None), None] {
        let e = store
            .set_indicator_value(OPS, &item, k, "2099", value, USER, AT)
            .expect_err("unknown period");
        assert!(
            matches!(&e, StoreError::UnknownPeriod { plan, code } if plan == OPS && code == "2099"),
            "{value:?}: {e:?}"
        );
    }
    let e = store
        .set_indicator_value(OPS, "no-such", 0, "2025", Some(Some(1.0)), USER, AT)
        .expect_err("unknown item");
    assert!(
        matches!(&e, StoreError::UnknownItem { code, .. } if code == "no-such"),
        "{e:?}"
    );
    let e = store
        .set_indicator_value("no-such", &item, k, "2025", Some(Some(1.0)), USER, AT)
        .expect_err("unknown plan");
    assert!(matches!(e, StoreError::UnknownPlan(_)), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
}

fn indicator_count(store: &Store, item: &str) -> usize {
    let plan = store.load_plan(OPS).expect("load");
    plan.find(item).expect("item").0.indicators.len()
}

// ---------------------------------------------------------------- thresholds

#[test]
fn set_thresholds_changes_the_light() {
    let (_d, path, mut store) = db();
    let (item, k, before) = higher_red(&store);
    let value = before.value_in("2025").unwrap();
    let v0 = version(&path, OPS, &item);

    // Higher is better, green from the value itself.
    let green = value.floor();
    let yellow = green - 10.0;
    let old = store
        .set_thresholds(OPS, &item, k, Direction::Higher, green, yellow, USER, AT)
        .expect("set");
    assert_eq!(old, (Direction::Higher, before.green, before.yellow));
    let ind = indicator(&store, &item, k);
    assert_eq!(
        (ind.direction, ind.green, ind.yellow),
        (Direction::Higher, green, yellow)
    );
    assert_eq!(light(&ind, "2025"), Light::Green);
    assert_eq!(ind.values, before.values, "the values are untouched");
    assert_eq!(version(&path, OPS, &item), v0 + 1);
    let c = last_change(&store, OPS, &item);
    assert_eq!(c.field, "indicator.thresholds");
    assert_eq!((c.period, c.lang), (None, None));
    assert_eq!(
        c.old,
        Some(format!("higher {} / {}", before.green, before.yellow))
    );
    assert_eq!(c.new, Some(format!("higher {green} / {yellow}")));

    // Turned round: lower is better, the value lands in the yellow band.
    store
        .set_thresholds(OPS, &item, k, Direction::Lower, 2.5, value + 1.0, USER, AT)
        .expect("set lower");
    let ind = indicator(&store, &item, k);
    assert_eq!(ind.direction, Direction::Lower);
    assert_eq!(light(&ind, "2025"), Light::Yellow);
    let c = last_change(&store, OPS, &item);
    assert_eq!(
        c.new,
        Some(format!("lower 2.5 / {}", value + 1.0)),
        "direction, green / yellow"
    );

    // No yellow band: yellow equal to green is allowed.
    store
        .set_thresholds(OPS, &item, k, Direction::Lower, 70.0, 70.0, USER, AT)
        .expect("no yellow band");
    assert_eq!(
        last_change(&store, OPS, &item).new.as_deref(),
        Some("lower 70 / 70")
    );
    assert_eq!(version(&path, OPS, &item), v0 + 3);

    // The same thresholds again: nothing written.
    let rows = log_rows(&path);
    let old = store
        .set_thresholds(OPS, &item, k, Direction::Lower, 70.0, 70.0, USER, AT)
        .expect("same again");
    assert_eq!(old, (Direction::Lower, 70.0, 70.0));
    assert_eq!(log_rows(&path), rows);
    assert_eq!(version(&path, OPS, &item), v0 + 3);
}

#[test]
fn set_thresholds_then_back_is_an_undo() {
    let (_d, _p, mut store) = db();
    let (item, k, _) = higher_red(&store);
    let start = json(&store);
    let (d, g, y) = store
        .set_thresholds(OPS, &item, k, Direction::Lower, 1.25, 3.5, USER, AT)
        .expect("set");
    assert_ne!(json(&store), start);
    let back = store
        .set_thresholds(OPS, &item, k, d, g, y, USER, AT)
        .expect("undo");
    assert_eq!(back, (Direction::Lower, 1.25, 3.5));
    assert_eq!(json(&store), start);
    let c = last_change(&store, OPS, &item);
    assert_eq!(c.old.as_deref(), Some("lower 1.25 / 3.5"));
}

#[test]
fn threshold_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let (item, k, _) = higher_red(&store);
    let before = snapshot(&store, &path);
    let e = store
        .set_thresholds(OPS, &item, k, Direction::Higher, 70.0, 80.0, USER, AT)
        .expect_err("higher: yellow above green");
    assert!(
        matches!(
            e,
            StoreError::YellowWrongSide {
                direction: Direction::Higher
            }
        ),
        "{e:?}"
    );
    let e = store
        .set_thresholds(OPS, &item, k, Direction::Lower, 6.1, 5.0, USER, AT)
        .expect_err("lower: yellow below green");
    assert!(
        matches!(
            e,
            StoreError::YellowWrongSide {
                direction: Direction::Lower
            }
        ),
        "{e:?}"
    );
    for (g, y) in [
        (f64::NAN, 1.0),
        (1.0, f64::NAN),
        (f64::INFINITY, 1.0),
        (1.0, f64::NEG_INFINITY),
    ] {
        let e = store
            .set_thresholds(OPS, &item, k, Direction::Lower, g, y, USER, AT)
            .expect_err("not finite");
        assert!(matches!(e, StoreError::NotFinite), "{g} {y}: {e:?}");
    }
    let e = store
        .set_thresholds(OPS, &item, 99, Direction::Higher, 2.0, 1.0, USER, AT)
        .expect_err("unknown indicator");
    assert!(
        matches!(&e, StoreError::UnknownIndicator { code, index: 99 } if *code == item),
        "{e:?}"
    );
    let e = store
        .set_thresholds(IC, "1", 0, Direction::Higher, 2.0, 1.0, USER, AT)
        .expect_err("a risk has no indicators");
    assert!(
        matches!(&e, StoreError::UnknownIndicator { index: 0, .. }),
        "{e:?}"
    );
    let e = store
        .set_thresholds(OPS, "no-such", 0, Direction::Higher, 2.0, 1.0, USER, AT)
        .expect_err("unknown item");
    assert!(matches!(e, StoreError::UnknownItem { .. }), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- risks

#[test]
fn set_risk_changes_the_score_and_band() {
    let (_d, path, mut store) = db();
    let (p, c, score, band) = risk_of(&store, "1");
    assert_eq!(score, p * c);
    let item_before = store.load_plan(IC).unwrap().find("1").unwrap().0.clone();
    let v0 = version(&path, IC, "1");

    let old = store.set_risk(IC, "1", 4, 4, USER, AT).expect("set");
    assert_eq!(old, (p, c));
    assert_eq!(risk_of(&store, "1"), (4, 4, 16, Band::PlanAndAction));
    assert_eq!(version(&path, IC, "1"), v0 + 1);
    let row = last_change(&store, IC, "1");
    assert_eq!(row.field, "risk");
    assert_eq!((row.period, row.lang), (None, None));
    assert_eq!(row.old, Some(format!("{p} × {c}")));
    assert_eq!(row.new.as_deref(), Some("4 × 4"));
    assert_eq!((row.user.as_str(), row.at.as_str()), (USER, AT));

    store.set_risk(IC, "1", 1, 2, USER, AT).expect("set");
    assert_eq!(risk_of(&store, "1"), (1, 2, 2, Band::NoAction));
    store.set_risk(IC, "1", 2, 3, USER, AT).expect("set");
    assert_eq!(risk_of(&store, "1"), (2, 3, 6, Band::Watch));
    assert_eq!(band, Band::of_score(p * c));

    // The controls and the rest of the item are untouched.
    let now = store.load_plan(IC).unwrap().find("1").unwrap().0.clone();
    assert_eq!(
        now.risk.as_ref().unwrap().controls,
        item_before.risk.as_ref().unwrap().controls
    );
    assert_eq!(now.assessments, item_before.assessments);

    // The same pair again: nothing written.
    let (rows, v) = (log_rows(&path), version(&path, IC, "1"));
    assert_eq!(store.set_risk(IC, "1", 2, 3, USER, AT).unwrap(), (2, 3));
    assert_eq!(log_rows(&path), rows);
    assert_eq!(version(&path, IC, "1"), v);
    // Another risk is untouched.
    let (p2, c2, _, _) = risk_of(&store, "2");
    let was = reference_risk("2");
    assert_eq!((p2, c2), was);
}

/// A risk's (probability, consequence) as the reference document has it.
fn reference_risk(item: &str) -> (u8, u8) {
    let doc = reference::document().expect("parse");
    let plan = doc.plans.into_iter().find(|p| p.code == IC).expect("plan");
    let r = plan
        .find(item)
        .expect("item")
        .0
        .risk
        .clone()
        .expect("a risk");
    (r.probability, r.consequence)
}

#[test]
fn set_risk_then_back_is_an_undo() {
    let (_d, _p, mut store) = db();
    let start = json(&store);
    for code in ["1", "2", "3", "4", "5", "6", "7"] {
        let (p, c) = store.set_risk(IC, code, 1, 1, USER, AT).expect("set");
        assert_eq!(store.set_risk(IC, code, p, c, USER, AT).unwrap(), (1, 1));
    }
    assert_eq!(json(&store), start);
}

#[test]
fn risk_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    for (p, c, bad) in [(0, 3, 0), (5, 3, 5), (3, 0, 0), (3, 5, 5), (0, 5, 0)] {
        let e = store
            .set_risk(IC, "1", p, c, USER, AT)
            .expect_err("out of scale");
        assert!(
            matches!(e, StoreError::OutOfScale(v) if v == bad),
            "{p} × {c}: {e:?}"
        );
    }
    // An item with indicators but no risk.
    let e = store
        .set_risk(OPS, "5", 2, 2, USER, AT)
        .expect_err("not a risk");
    assert!(
        matches!(&e, StoreError::NotARisk(code) if code == "5"),
        "{e:?}"
    );
    let e = store
        .set_risk(IC, "no-such", 2, 2, USER, AT)
        .expect_err("unknown item");
    assert!(matches!(e, StoreError::UnknownItem { .. }), "{e:?}");
    let e = store
        .set_risk("no-such", "1", 2, 2, USER, AT)
        .expect_err("unknown plan");
    assert!(matches!(e, StoreError::UnknownPlan(_)), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- read-only

#[test]
fn a_read_only_store_refuses_every_figure_edit() {
    let (_d, path, store) = db();
    let (item, k, _) = lower_with_value(&store);
    let before = snapshot(&store, &path);
    let mut ro = open(&path, Mode::ReadOnly);
    let results = [
        ro.set_indicator_value(OPS, &item, k, "2025", Some(Some(1.0)), USER, AT)
            .map(|_| ()),
        ro.set_indicator_value(OPS, &item, k, "2026", Some(None), USER, AT)
            .map(|_| ()),
        ro.set_thresholds(OPS, &item, k, Direction::Higher, 2.0, 1.0, USER, AT)
            .map(|_| ()),
        ro.set_risk(IC, "1", 1, 1, USER, AT).map(|_| ()),
    ];
    for r in results {
        let e = r.expect_err("read-only");
        assert!(matches!(e, StoreError::ReadOnly { .. }), "{e:?}");
    }
    drop(ro);
    assert_eq!(snapshot(&store, &path), before);
}

// ------------------------------------------------ whole figures of an item

fn item_of(store: &Store, plan: &str, code: &str) -> strata::domain::Item {
    store
        .load_plan(plan)
        .expect("load")
        .find(code)
        .expect("item")
        .0
        .clone()
}

fn new_indicator(name: &str) -> Indicator {
    Indicator {
        name: strata::domain::Text::new(None, Some(name), None),
        description: Default::default(),
        unit: strata::domain::Text::new(None, Some("%"), None),
        source: Default::default(),
        direction: Direction::Higher,
        green: 85.0,
        yellow: 80.0,
        decimals: Some(1),
        series: None,
        values: vec![strata::domain::IndicatorValue {
            period: "2026".into(),
            value: Some(82.5),
            note: Default::default(),
            fetched: None,
        }],
    }
}

#[test]
fn an_indicator_added_with_a_value_is_stored_logged_and_its_undo_gives_back_the_file() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let item = item_of(&store, OPS, "1.1");
    let old = strata::store::Figures::of(&item);
    let mut new = old.clone();
    new.indicators.push(new_indicator("Nöjda medarbetare"));
    let back = store
        .replace_figures(OPS, "1.1", &new, Some(&old), (USER, AT))
        .expect("add an indicator");
    assert_eq!(back, old);
    let it = item_of(&store, OPS, "1.1");
    let ind = it.indicators.last().expect("the new indicator");
    assert_eq!(
        ind.name.get(strata::domain::Lang::Sv),
        Some("Nöjda medarbetare")
    );
    assert_eq!(ind.value_in("2026"), Some(82.5));
    assert_eq!(light(ind, "2026"), Light::Yellow);
    assert_eq!(ind.decimals, Some(1), "the decimals are stored");
    let change = last_change(&store, OPS, "1.1");
    assert_eq!(change.field, format!("indicator.{}", it.indicators.len()));
    assert_eq!(change.old, None);
    assert_eq!(change.new.as_deref(), Some("Nöjda medarbetare"));
    // Its undo: the old figures, checked against the new.
    store
        .replace_figures(OPS, "1.1", &old, Some(&new), (USER, AT))
        .expect("undo");
    let after = snapshot(&store, &path);
    assert_eq!(after.0, before.0, "the plans as they were");
}

#[test]
fn a_risk_with_a_control_moment_is_added_and_removed() {
    let (_d, _p, mut store) = db();
    let old = strata::store::Figures::of(&item_of(&store, OPS, "1.1"));
    assert!(old.risk.is_none());
    let mut new = old.clone();
    new.risk = Some(strata::domain::Risk {
        probability: 3,
        consequence: 4,
        controls: vec![strata::domain::Control {
            what: strata::domain::Text::new(Some("Pistokoe"), None, None),
            ..Default::default()
        }],
    });
    store
        .replace_figures(OPS, "1.1", &new, Some(&old), (USER, AT))
        .expect("add a risk");
    let it = item_of(&store, OPS, "1.1");
    let r = it.risk.as_ref().expect("a risk");
    assert_eq!((r.probability, r.consequence, r.controls.len()), (3, 4, 1));
    assert_eq!(r.assessment().unwrap().score(), 12);
    let log = store.changes(OPS, Some("1.1"), 2).expect("log");
    let fields: Vec<&str> = log.iter().map(|c| c.field.as_str()).collect();
    assert!(
        fields.contains(&"risk") && fields.contains(&"control.1"),
        "{fields:?}"
    );
    store
        .replace_figures(OPS, "1.1", &old, None, (USER, AT))
        .expect("remove it");
    assert!(item_of(&store, OPS, "1.1").risk.is_none());
}

#[test]
fn figures_that_break_a_rule_or_a_colleagues_change_are_refused_and_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let old = strata::store::Figures::of(&item_of(&store, OPS, "1.1"));
    let bad = |f: &dyn Fn(&mut strata::store::Figures)| {
        let mut n = old.clone();
        f(&mut n);
        n
    };
    let cases: Vec<(strata::store::Figures, &str)> = vec![
        (
            bad(&|n| {
                let mut i = new_indicator("X");
                i.yellow = 90.0;
                n.indicators.push(i)
            }),
            "yellow",
        ),
        (bad(&|n| n.indicators.push(new_indicator(""))), "name"),
        (
            bad(&|n| {
                n.risk = Some(strata::domain::Risk {
                    probability: 5,
                    consequence: 1,
                    controls: vec![],
                })
            }),
            "scale",
        ),
        (
            bad(&|n| {
                let mut i = new_indicator("X");
                i.values[0].period = "1999".into();
                n.indicators.push(i)
            }),
            "period",
        ),
    ];
    for (n, what) in cases {
        let r = store.replace_figures(OPS, "1.1", &n, Some(&old), (USER, AT));
        assert!(r.is_err(), "{what}: {r:?}");
    }
    let mut many = old.clone();
    let mut i = new_indicator("X");
    i.decimals = Some(9);
    many.indicators.push(i);
    let r = store.replace_figures(OPS, "1.1", &many, Some(&old), (USER, AT));
    assert!(matches!(r, Err(StoreError::TooManyDecimals(9))), "{r:?}");
    // A colleague added one meanwhile: mine is refused as a conflict.
    let stale = bad(&|n| n.indicators.push(new_indicator("Mine")));
    let mut theirs = old.clone();
    theirs.indicators.push(new_indicator("Theirs"));
    assert_eq!(snapshot(&store, &path), before);
    store
        .replace_figures(OPS, "1.1", &theirs, Some(&old), (USER, AT))
        .expect("theirs");
    let r = store.replace_figures(OPS, "1.1", &stale, Some(&old), (USER, AT));
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
}

#[test]
fn an_indicator_with_a_value_in_a_closed_period_cannot_be_removed() {
    let (_d, _p, mut store) = db();
    let (item, index, _) = lower_with_value(&store);
    let old = strata::store::Figures::of(&item_of(&store, OPS, &item));
    let period = old.indicators[index]
        .values
        .iter()
        .find(|v| v.value.is_some())
        .expect("a value")
        .period
        .clone();
    store
        .set_period_closed(OPS, &period, true, USER, AT)
        .expect("close");
    let mut new = old.clone();
    new.indicators.remove(index);
    let r = store.replace_figures(OPS, &item, &new, Some(&old), (USER, AT));
    assert!(matches!(r, Err(StoreError::PeriodClosed { .. })), "{r:?}");
    // Adding one beside it is not a change to the closed period.
    let mut more = old.clone();
    more.indicators.push(new_indicator("Ny"));
    more.indicators.last_mut().unwrap().values.clear();
    store
        .replace_figures(OPS, &item, &more, Some(&old), (USER, AT))
        .expect("an indicator without values in the closed period");
}
