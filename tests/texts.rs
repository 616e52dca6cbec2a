//! Integration tests of the text writes below an item, on temporary files
//! holding the five reference plans: an indicator's texts, a control moment's
//! texts, the further actions of a follow-up. Each edit is checked for its
//! effect through `load_plan` (the other languages untouched), its change-log
//! row, the item's bumped version and the old value it returns; each for an
//! undo (the same call with the returned old value) that gives back what was
//! stored; each optimistic check for refusing a stale edit with the user and
//! time of the change that made it stale; each refusal for changing nothing.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tempfile::TempDir;

use strata::domain::{Assessment, Control, Field, Indicator, Item, Lang, Status, Text, TextAt};
use strata::exchange::{reference, Document};
use strata::store::{ChangeRow, Mode, Store, StoreError, TextWrite};

const USER: &str = "tester";
const AT: &str = "2026-03-01T10:00:00Z";
const OPS: &str = "operations-2026";
const IC: &str = "internal-control-2025";
/// The item of the operations plan with five indicators, two without a unit.
const IND_ITEM: &str = "5";

const INDICATOR_FIELDS: [&str; 4] = ["name", "description", "unit", "source"];
const CONTROL_FIELDS: [&str; 5] = ["what", "how", "frequency", "performer", "responsible"];

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

/// Everything as the exporter writes it, the number of change-log rows, the
/// number of assessment rows and the sum of the item versions: what a refused
/// edit must leave as it was.
fn snapshot(store: &Store, path: &Path) -> (String, i64, i64, i64) {
    let conn = raw(path);
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    (
        json(store),
        count("SELECT count(*) FROM change_log"),
        count("SELECT count(*) FROM assessment"),
        count("SELECT CAST(total(version) AS INTEGER) FROM item"),
    )
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

fn item(store: &Store, plan: &str, code: &str) -> Item {
    let plan = store.load_plan(plan).expect("load");
    plan.find(code).expect("item").0.clone()
}

fn indicators(store: &Store) -> Vec<Indicator> {
    item(store, OPS, IND_ITEM).indicators
}

fn controls(store: &Store, code: &str) -> Vec<Control> {
    item(store, IC, code).risk.expect("a risk").controls
}

fn indicator_text<'a>(ind: &'a mut Indicator, field: &str) -> &'a mut Text {
    match field {
        "name" => &mut ind.name,
        "description" => &mut ind.description,
        "unit" => &mut ind.unit,
        "source" => &mut ind.source,
        _ => unreachable!("{field}"),
    }
}

fn control_text<'a>(c: &'a mut Control, field: &str) -> &'a mut Text {
    match field {
        "what" => &mut c.what,
        "how" => &mut c.how,
        "frequency" => &mut c.frequency,
        "performer" => &mut c.performer,
        "responsible" => &mut c.responsible,
        _ => unreachable!("{field}"),
    }
}

fn current(store: &Store, plan: &str, code: &str, period: &str) -> Option<Assessment> {
    item(store, plan, code).current(period).cloned()
}

/// What an undo of an actions edit must give back: the current follow-up's
/// status and texts (the history grows by a row).
fn current_texts(a: Option<&Assessment>) -> (Status, Text, Text) {
    a.map_or(
        (Status::NotAssessed, Text::default(), Text::default()),
        |a| (a.status, a.comment.clone(), a.actions.clone()),
    )
}

fn assert_conflict(e: StoreError, theirs: Option<&str>, by: &str, at: &str) {
    match e {
        StoreError::Conflict {
            theirs: t,
            by: b,
            at: a,
        } => {
            assert_eq!(t.as_deref(), theirs, "theirs");
            assert_eq!((b.as_str(), a.as_str()), (by, at), "by, at");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

// ---------------------------------------------------------------- the reference data

#[test]
fn the_reference_plans_have_what_these_tests_use() {
    let (_d, _p, store) = db();
    let inds = indicators(&store);
    assert_eq!(inds.len(), 5);
    for ind in &inds[..3] {
        for f in INDICATOR_FIELDS {
            let mut ind = ind.clone();
            let t = indicator_text(&mut ind, f);
            assert!(t.missing().is_empty() && !t.is_empty(), "{f}");
        }
    }
    assert!(inds[3].unit.is_empty() && inds[4].unit.is_empty());
    let five = item(&store, OPS, IND_ITEM);
    assert!(five.risk.is_none());
    assert!(five.current("2025").is_none());
    assert!(store.load_plan(OPS).unwrap().period("2025").is_some());
    for code in ["1", "2", "3", "4", "5", "6", "7"] {
        let it = item(&store, IC, code);
        let risk = it.risk.as_ref().expect("risk");
        assert_eq!(risk.controls.len(), 1, "{code}");
        let a = it.current("2025").expect("a 2025 follow-up");
        assert!(a.actions.missing().is_empty() && !a.actions.is_empty());
        assert!(a.comment.missing().is_empty() && !a.comment.is_empty());
        assert_ne!(a.status, Status::NotAssessed);
    }
}

// ---------------------------------------------------------------- indicator texts

#[test]
fn set_indicator_text_changes_one_language_of_one_indicator() {
    let (_d, path, mut store) = db();
    let before_json = json(&store);
    let before = indicators(&store);
    let v0 = version(&path, OPS, IND_ITEM);
    let k = 1;
    let mut undo = Vec::new();
    for (n, f) in INDICATOR_FIELDS.into_iter().enumerate() {
        let new = format!("ny {f}");
        let old = store
            .set_text(&TextWrite {
                text: &TextAt::item(OPS, IND_ITEM, Field::indicator(k, f).unwrap()).unwrap(),
                lang: Lang::Sv,
                value: Some(&new),
                expect: None,
                user: USER,
                at: AT,
            })
            .expect("set");
        let mut was = before[k].clone();
        assert_eq!(old.as_deref(), indicator_text(&mut was, f).get(Lang::Sv));
        undo.push((f, old.clone()));

        let now = indicators(&store);
        let mut now_k = now[k].clone();
        let t = indicator_text(&mut now_k, f).clone();
        assert_eq!(t.get(Lang::Sv), Some(new.as_str()));
        let was_t = indicator_text(&mut was, f).clone();
        assert_eq!(t.get(Lang::Fi), was_t.get(Lang::Fi), "fi untouched");
        assert_eq!(t.get(Lang::En), was_t.get(Lang::En), "en untouched");
        for (j, (a, b)) in now.iter().zip(&before).enumerate() {
            if j != k {
                assert_eq!(a, b, "indicator {j} untouched");
            }
        }
        assert_eq!(version(&path, OPS, IND_ITEM), v0 + n as i64 + 1);

        let c = last_change(&store, OPS, IND_ITEM);
        assert_eq!(c.field, format!("indicator.2.{f}"));
        assert_eq!(c.lang, Some(Lang::Sv));
        assert_eq!(c.period, None);
        assert_eq!(c.old, old);
        assert_eq!(c.new.as_deref(), Some(new.as_str()));
        assert_eq!((c.user.as_str(), c.at.as_str()), (USER, AT));
    }
    // Everything else of the indicator kept its value.
    let mut expected = before[k].clone();
    for f in INDICATOR_FIELDS {
        indicator_text(&mut expected, f).set(Lang::Sv, Some(format!("ny {f}")));
    }
    assert_eq!(indicators(&store)[k], expected);

    // Undo: the same calls with the old values, newest first.
    for (f, old) in undo.into_iter().rev() {
        let back = store
            .set_text(&TextWrite {
                text: &TextAt::item(OPS, IND_ITEM, Field::indicator(k, f).unwrap()).unwrap(),
                lang: Lang::Sv,
                value: old.as_deref(),
                expect: None,
                user: USER,
                at: AT,
            })
            .expect("undo");
        assert_eq!(back, Some(format!("ny {f}")));
    }
    assert_eq!(json(&store), before_json);
}

#[test]
fn a_missing_indicator_text_is_added_cleared_and_undone() {
    let (_d, _p, mut store) = db();
    let before_json = json(&store);
    let k = 3;
    // A unit where there was none: the old value is None.
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(k, "unit").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("pcs"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("set");
    assert_eq!(old, None);
    let unit = indicators(&store)[k].unit.clone();
    assert_eq!(unit, Text::new(None, None, Some("pcs")));
    let c = last_change(&store, OPS, IND_ITEM);
    assert_eq!(c.field, "indicator.4.unit");
    assert_eq!((c.old, c.new.as_deref()), (None, Some("pcs")));
    // Undo with None removes it again.
    let back = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(k, "unit").unwrap()).unwrap(),
            lang: Lang::En,
            value: None,
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("undo");
    assert_eq!(back.as_deref(), Some("pcs"));
    assert_eq!(json(&store), before_json);
    let c = last_change(&store, OPS, IND_ITEM);
    assert_eq!((c.old.as_deref(), c.new), (Some("pcs"), None));

    // An empty string clears, as None does.
    let name_fi = indicators(&store)[0].name.get(Lang::Fi).map(str::to_owned);
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some(""),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("clear");
    assert_eq!(old, name_fi);
    let name = indicators(&store)[0].name.clone();
    assert_eq!(name.get(Lang::Fi), None);
    assert!(name.get(Lang::Sv).is_some() && name.get(Lang::En).is_some());
    assert_eq!(last_change(&store, OPS, IND_ITEM).new, None);
    store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: old.as_deref(),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("undo");
    assert_eq!(json(&store), before_json);
}

#[test]
fn setting_what_is_stored_writes_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let name = indicators(&store)[2].name.get(Lang::En).map(str::to_owned);
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(2, "name").unwrap()).unwrap(),
            lang: Lang::En,
            value: name.as_deref(),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("same");
    assert_eq!(old, name);
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(4, "unit").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some(""),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("still none");
    assert_eq!(old, None);
    let what = controls(&store, "2")[0]
        .what
        .get(Lang::Sv)
        .map(str::to_owned);
    store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "2", Field::control(0, "what").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: what.as_deref(),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("same");
    let actions = current(&store, IC, "2", "2025").unwrap().actions;
    store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "2",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: actions.get(Lang::Fi),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("same");
    store
        .set_text(&TextWrite {
            text: &TextAt::item(
                OPS,
                IND_ITEM,
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: None,
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("nothing to clear");
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn indicator_conflicts_name_who_changed_it_and_write_nothing() {
    let (_d, path, mut store) = db();
    let inds = indicators(&store);
    let name1 = inds[1].name.get(Lang::Sv).map(str::to_owned);

    // Stale, with no change logged for the field yet: empty by and at.
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(1, "name").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("x"),
            expect: Some(Some("not what is stored")),
            user: USER,
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, name1.as_deref(), "", "");
    // Expecting no text where there is one is stale too.
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(1, "name").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("x"),
            expect: Some(None),
            user: USER,
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, name1.as_deref(), "", "");
    assert_eq!(snapshot(&store, &path), before);

    // Alice edits indicator 2's name; Bob edits indicator 1's name after her.
    let t_alice = "2026-03-02T09:00:00Z";
    let t_bob = "2026-03-02T09:05:00Z";
    store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(1, "name").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("Alices namn"),
            expect: Some(name1.as_deref()),
            user: "alice",
            at: t_alice,
        })
        .expect("alice, up to date");
    store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("Bobs"),
            expect: None,
            user: "bob",
            at: t_bob,
        })
        .expect("bob, another indicator");
    // Carol started from the old name of indicator 2: the conflict names
    // Alice, not Bob who changed another indicator later.
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(1, "name").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("Carols"),
            expect: Some(name1.as_deref()),
            user: "carol",
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, Some("Alices namn"), "alice", t_alice);
    assert_eq!(snapshot(&store, &path), before);

    // Up to date: written.
    store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(1, "name").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("Carols"),
            expect: Some(Some("Alices namn")),
            user: "carol",
            at: AT,
        })
        .expect("carol, up to date");
    assert_eq!(
        indicators(&store)[1].name.get(Lang::Sv),
        Some("Carols"),
        "written"
    );
    // Expecting "" where there is no text is up to date.
    store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(3, "unit").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("kpl"),
            expect: Some(Some("")),
            user: USER,
            at: AT,
        })
        .expect("empty means none");
}

#[test]
fn indicator_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(5, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no sixth indicator");
    assert!(
        matches!(&e, StoreError::UnknownIndicator { code, index: 5 } if code == IND_ITEM),
        "{e:?}"
    );
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "1", Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("a risk without indicators");
    assert!(matches!(e, StoreError::UnknownIndicator { .. }), "{e:?}");
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, "99", Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no item");
    assert!(matches!(e, StoreError::UnknownItem { .. }), "{e:?}");
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item("no-such", IND_ITEM, Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no plan");
    assert!(matches!(e, StoreError::UnknownPlan(_)), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn an_unknown_indicator_field_has_no_address() {
    // Once a panic at run time, now refused where the address is made.
    assert_eq!(Field::indicator(0, "title"), None);
    assert_eq!(Field::indicator(0, "unit"), Some(Field::IndicatorUnit(0)));
}

// ---------------------------------------------------------------- control texts

#[test]
fn set_control_text_changes_one_language_and_undoes() {
    let (_d, path, mut store) = db();
    let before_json = json(&store);
    let code = "3";
    let before = controls(&store, code);
    let risk_before = item(&store, IC, code).risk.unwrap();
    let v0 = version(&path, IC, code);
    let mut undo = Vec::new();
    for (n, f) in CONTROL_FIELDS.into_iter().enumerate() {
        let new = format!("uusi {f}");
        let old = store
            .set_text(&TextWrite {
                text: &TextAt::item(IC, code, Field::control(0, f).unwrap()).unwrap(),
                lang: Lang::Fi,
                value: Some(&new),
                expect: None,
                user: USER,
                at: AT,
            })
            .expect("set");
        let mut was = before[0].clone();
        let was_t = control_text(&mut was, f).clone();
        assert_eq!(old.as_deref(), was_t.get(Lang::Fi));
        undo.push((f, old.clone()));

        let mut now = controls(&store, code)[0].clone();
        let t = control_text(&mut now, f).clone();
        assert_eq!(t.get(Lang::Fi), Some(new.as_str()));
        assert_eq!(t.get(Lang::Sv), was_t.get(Lang::Sv), "sv untouched");
        assert_eq!(t.get(Lang::En), was_t.get(Lang::En), "en untouched");
        assert_eq!(version(&path, IC, code), v0 + n as i64 + 1);

        let c = last_change(&store, IC, code);
        assert_eq!(c.field, format!("control.1.{f}"));
        assert_eq!(c.lang, Some(Lang::Fi));
        assert_eq!(c.period, None);
        assert_eq!(c.old, old);
        assert_eq!(c.new.as_deref(), Some(new.as_str()));
        assert_eq!((c.user.as_str(), c.at.as_str()), (USER, AT));
    }
    let mut expected = before[0].clone();
    for f in CONTROL_FIELDS {
        control_text(&mut expected, f).set(Lang::Fi, Some(format!("uusi {f}")));
    }
    let risk = item(&store, IC, code).risk.unwrap();
    assert_eq!(risk.controls, vec![expected]);
    assert_eq!(
        (risk.probability, risk.consequence),
        (risk_before.probability, risk_before.consequence)
    );
    // The other risks are untouched.
    for other in ["1", "2", "4", "5", "6", "7"] {
        let doc = reference::document().unwrap();
        let plan = doc.plans.iter().find(|p| p.code == IC).unwrap();
        let was = plan.find(other).unwrap().0.risk.clone().unwrap();
        assert_eq!(item(&store, IC, other).risk.unwrap(), was, "{other}");
    }

    for (f, old) in undo.into_iter().rev() {
        store
            .set_text(&TextWrite {
                text: &TextAt::item(IC, code, Field::control(0, f).unwrap()).unwrap(),
                lang: Lang::Fi,
                value: old.as_deref(),
                expect: None,
                user: USER,
                at: AT,
            })
            .expect("undo");
    }
    assert_eq!(json(&store), before_json);
}

#[test]
fn control_conflicts_name_who_changed_it_and_write_nothing() {
    let (_d, path, mut store) = db();
    let how = controls(&store, "4")[0]
        .how
        .get(Lang::En)
        .map(str::to_owned);
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "4", Field::control(0, "how").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("x"),
            expect: Some(Some("old")),
            user: USER,
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, how.as_deref(), "", "");
    assert_eq!(snapshot(&store, &path), before);

    let t_alice = "2026-03-02T09:00:00Z";
    store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "4", Field::control(0, "how").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("By sampling"),
            expect: Some(how.as_deref()),
            user: "alice",
            at: t_alice,
        })
        .expect("alice");
    // Another field and another language logged later do not count.
    store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "4", Field::control(0, "what").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("w"),
            expect: None,
            user: "bob",
            at: AT,
        })
        .expect("bob");
    store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "4", Field::control(0, "how").unwrap()).unwrap(),
            lang: Lang::Sv,
            value: Some("h"),
            expect: None,
            user: "bob",
            at: AT,
        })
        .expect("bob");
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "4", Field::control(0, "how").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("y"),
            expect: Some(how.as_deref()),
            user: "carol",
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, Some("By sampling"), "alice", t_alice);
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn control_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::control(0, "what").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("not a risk");
    assert!(
        matches!(&e, StoreError::NotARisk(code) if code == IND_ITEM),
        "{e:?}"
    );
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "1", Field::control(1, "what").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no second control");
    // A control of its own, no longer reported as an indicator.
    assert!(
        matches!(&e, StoreError::UnknownControl { code, index: 1 } if code == "1"),
        "{e:?}"
    );
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "99", Field::control(0, "what").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no item");
    assert!(matches!(e, StoreError::UnknownItem { .. }), "{e:?}");
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item("no-such", "1", Field::control(0, "what").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no plan");
    assert!(matches!(e, StoreError::UnknownPlan(_)), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
}

#[test]
fn an_unknown_control_field_has_no_address() {
    assert_eq!(Field::control(0, "name"), None);
    assert_eq!(Field::control(1, "how"), Some(Field::ControlHow(1)));
}

// ---------------------------------------------------------------- further actions

#[test]
fn set_actions_appends_a_follow_up_that_carries_status_and_comment() {
    let (_d, path, mut store) = db();
    let code = "1";
    let was = current(&store, IC, code, "2025").expect("a follow-up");
    let history = item(&store, IC, code).assessments.len();
    let v0 = version(&path, IC, code);
    let logs = log_rows(&path);

    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                code,
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::En,
            value: Some("Train everyone"),
            expect: None,
            user: "alice",
            at: AT,
        })
        .expect("set");
    assert_eq!(old.as_deref(), was.actions.get(Lang::En));

    let it = item(&store, IC, code);
    assert_eq!(it.assessments.len(), history + 1, "history kept");
    assert_eq!(
        it.assessments[history - 1],
        was,
        "the old row is kept as it was"
    );
    let now = it.current("2025").unwrap();
    assert_eq!(now.status, was.status);
    assert_eq!(now.comment, was.comment);
    assert_eq!(now.actions.get(Lang::En), Some("Train everyone"));
    assert_eq!(now.actions.get(Lang::Fi), was.actions.get(Lang::Fi));
    assert_eq!(now.actions.get(Lang::Sv), was.actions.get(Lang::Sv));
    assert_eq!((now.by.as_str(), now.at.as_str()), ("alice", AT));
    assert_eq!(version(&path, IC, code), v0 + 1);

    assert_eq!(log_rows(&path), logs + 1, "one log row");
    let c = last_change(&store, IC, code);
    assert_eq!(c.field, "actions");
    assert_eq!(c.period.as_deref(), Some("2025"));
    assert_eq!(c.lang, Some(Lang::En));
    assert_eq!(c.old, old);
    assert_eq!(c.new.as_deref(), Some("Train everyone"));
    assert_eq!((c.user.as_str(), c.at.as_str()), ("alice", AT));

    // Undo: the same call with the old value gives back the current texts.
    let back = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                code,
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::En,
            value: old.as_deref(),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("undo");
    assert_eq!(back.as_deref(), Some("Train everyone"));
    assert_eq!(
        current_texts(current(&store, IC, code, "2025").as_ref()),
        current_texts(Some(&was))
    );
    assert_eq!(item(&store, IC, code).assessments.len(), history + 2);

    // Clearing one language.
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                code,
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Sv,
            value: None,
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("clear");
    assert_eq!(old.as_deref(), was.actions.get(Lang::Sv));
    let now = current(&store, IC, code, "2025").unwrap();
    assert_eq!(now.actions.get(Lang::Sv), None);
    assert_eq!(now.actions.get(Lang::Fi), was.actions.get(Lang::Fi));
    assert_eq!(last_change(&store, IC, code).new, None);
}

#[test]
fn set_actions_carries_a_changed_status() {
    let (_d, _p, mut store) = db();
    let s = strata::store::SetAssessment {
        plan: IC,
        item: "2",
        period: Some("2025"),
        status: Some(Status::Done),
        comment: None,
        expect_comment: None,
        user: USER,
        at: AT,
    };
    store.set_assessment(&s).expect("status");
    let comment = current(&store, IC, "2", "2025").unwrap().comment;
    store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "2",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("Valmis"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("set");
    let now = current(&store, IC, "2", "2025").unwrap();
    assert_eq!(now.status, Status::Done);
    assert_eq!(now.comment, comment);
    assert_eq!(now.actions.get(Lang::Fi), Some("Valmis"));
}

#[test]
fn first_actions_in_a_period_are_not_assessed() {
    let (_d, path, mut store) = db();
    assert!(current(&store, OPS, IND_ITEM, "2025").is_none());
    let v0 = version(&path, OPS, IND_ITEM);
    let old = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                OPS,
                IND_ITEM,
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("Seurataan"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("set");
    assert_eq!(old, None);
    let now = current(&store, OPS, IND_ITEM, "2025").expect("a follow-up now");
    assert_eq!(now.status, Status::NotAssessed);
    assert!(now.comment.is_empty());
    assert_eq!(now.actions, Text::new(Some("Seurataan"), None, None));
    assert_eq!(version(&path, OPS, IND_ITEM), v0 + 1);
    let c = last_change(&store, OPS, IND_ITEM);
    assert_eq!(c.field, "actions");
    assert_eq!(c.period.as_deref(), Some("2025"));
    assert_eq!((c.old, c.new.as_deref()), (None, Some("Seurataan")));
    // Other periods have no follow-up.
    assert!(current(&store, OPS, IND_ITEM, "2026").is_none());

    // Undo: the texts are as they were (none); the history keeps both rows.
    let back = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                OPS,
                IND_ITEM,
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: old.as_deref(),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect("undo");
    assert_eq!(back.as_deref(), Some("Seurataan"));
    assert_eq!(
        current_texts(current(&store, OPS, IND_ITEM, "2025").as_ref()),
        current_texts(None)
    );
}

#[test]
fn actions_conflicts_name_who_changed_them_and_write_nothing() {
    let (_d, path, mut store) = db();
    let was = current(&store, IC, "5", "2025").unwrap().actions;
    let fi = was.get(Lang::Fi).map(str::to_owned);
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "5",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: Some(Some("vanha")),
            user: USER,
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, fi.as_deref(), "", "");
    assert_eq!(snapshot(&store, &path), before);

    let t_alice = "2026-03-02T09:00:00Z";
    store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "5",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("Alicen toimet"),
            expect: Some(fi.as_deref()),
            user: "alice",
            at: t_alice,
        })
        .expect("alice, up to date");
    // A comment written later by someone else is another field.
    let s = strata::store::SetAssessment {
        plan: IC,
        item: "5",
        period: Some("2025"),
        status: None,
        comment: Some((Lang::Fi, "Bobin kommentti".into())),
        expect_comment: None,
        user: "bob",
        at: AT,
    };
    store.set_assessment(&s).expect("bob's comment");
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "5",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("y"),
            expect: Some(fi.as_deref()),
            user: "carol",
            at: AT,
        })
        .expect_err("stale");
    assert_conflict(e, Some("Alicen toimet"), "alice", t_alice);
    assert_eq!(snapshot(&store, &path), before);

    store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "5",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("Carolin"),
            expect: Some(Some("Alicen toimet")),
            user: "carol",
            at: AT,
        })
        .expect("carol, up to date");
    let now = current(&store, IC, "5", "2025").unwrap();
    assert_eq!(now.actions.get(Lang::Fi), Some("Carolin"));
    assert_eq!(now.comment.get(Lang::Fi), Some("Bobin kommentti"));
    // Expecting nothing where there is no follow-up is up to date.
    store
        .set_text(&TextWrite {
            text: &TextAt::item(
                OPS,
                IND_ITEM,
                Field::Actions {
                    period: ("2026").into(),
                },
            )
            .unwrap(),
            lang: Lang::En,
            value: Some("a"),
            expect: Some(None),
            user: USER,
            at: AT,
        })
        .expect("no follow-up, nothing expected");
}

#[test]
fn actions_refusals_change_nothing() {
    let (_d, path, mut store) = db();
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "1",
                Field::Actions {
                    period: ("2026").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no such period");
    assert!(
        matches!(&e, StoreError::UnknownPeriod { plan, code } if plan == IC && code == "2026"),
        "{e:?}"
    );
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "99",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no item");
    assert!(matches!(e, StoreError::UnknownItem { .. }), "{e:?}");
    let e = store
        .set_text(&TextWrite {
            text: &TextAt::item(
                "no-such",
                "1",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        })
        .expect_err("no plan");
    assert!(matches!(e, StoreError::UnknownPlan(_)), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- read-only

#[test]
fn a_read_only_store_refuses_every_text_edit() {
    let (_d, path, store) = db();
    let before = snapshot(&store, &path);
    let mut ro = open(&path, Mode::ReadOnly);
    let results = [
        ro.set_text(&TextWrite {
            text: &TextAt::item(OPS, IND_ITEM, Field::indicator(0, "name").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        }),
        ro.set_text(&TextWrite {
            text: &TextAt::item(IC, "1", Field::control(0, "what").unwrap()).unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        }),
        ro.set_text(&TextWrite {
            text: &TextAt::item(
                IC,
                "1",
                Field::Actions {
                    period: ("2025").into(),
                },
            )
            .unwrap(),
            lang: Lang::Fi,
            value: Some("x"),
            expect: None,
            user: USER,
            at: AT,
        }),
    ];
    for r in results {
        let e = r.expect_err("read-only");
        assert!(matches!(e, StoreError::ReadOnly { .. }), "{e:?}");
    }
    drop(ro);
    assert_eq!(snapshot(&store, &path), before);
}

// ---------------------------------------------------------------- one address for every text

/// Every text of every reference plan, written through the one text write
/// by its address: each lands where a load reads it back, in its language
/// only, and the change log names it as the history reads it.
#[test]
fn every_text_of_every_plan_is_written_through_its_address() {
    let (_d, _p, mut store) = db();
    let codes: Vec<String> = store.plans().unwrap().into_iter().map(|s| s.code).collect();
    let mut kinds = std::collections::BTreeSet::new();
    for code in codes {
        let before = store.load_plan(&code).unwrap();
        let texts: Vec<(TextAt, Text)> = strata::domain::translation::every_text(&before)
            .into_iter()
            .map(|(at, t)| (at, t.clone()))
            .collect();
        assert!(texts.len() > 20, "{code}: {} texts", texts.len());
        for (i, (at, old)) in texts.iter().enumerate() {
            let value = format!("en {i}");
            let was = store
                .set_text(
                    &TextWrite::new(at, Lang::En, Some(&value), USER, AT)
                        .expecting(Some(old.get(Lang::En))),
                )
                .unwrap_or_else(|e| panic!("{at:?}: {e}"));
            assert_eq!(was.as_deref(), old.get(Lang::En), "{at:?}");
            let row = store
                .changes(&code, at.item_code(), 1)
                .unwrap()
                .into_iter()
                .next()
                .unwrap();
            assert_eq!(row.field, at.field().log_field(), "{at:?}");
            assert_eq!(row.period.as_deref(), at.field().log_period(), "{at:?}");
            assert_eq!(row.new.as_deref(), Some(value.as_str()));
            kinds.insert(at.field().key());
        }
        let after = store.load_plan(&code).unwrap();
        for (i, (at, old)) in texts.iter().enumerate() {
            let now = at.read(&after).unwrap_or_else(|| panic!("{at:?} gone"));
            assert_eq!(
                now.get(Lang::En),
                Some(format!("en {i}").as_str()),
                "{at:?}"
            );
            assert_eq!(now.get(Lang::Fi), old.get(Lang::Fi), "{at:?}: fi kept");
            assert_eq!(now.get(Lang::Sv), old.get(Lang::Sv), "{at:?}: sv kept");
        }
    }
    // The reference plans hold every kind of text there is.
    assert_eq!(kinds.len(), 22, "{kinds:?}");
}

/// The rules of valid data hold on the text write as on an import: a text
/// over the limit, or a title cleared in its last language, is refused and
/// changes nothing; up to the limit is stored.
#[test]
fn the_text_write_keeps_the_rules_an_import_checks() {
    let (_d, path, mut store) = db();
    let limit = strata::domain::rules::MAX_TEXT_CHARS;
    let comment = TextAt::item(
        IC,
        "1",
        Field::Comment {
            period: "2025".into(),
        },
    )
    .unwrap();
    let before = snapshot(&store, &path);
    let long = "x".repeat(limit + 1);
    let e = store
        .set_text(&TextWrite::new(&comment, Lang::Sv, Some(&long), USER, AT))
        .expect_err("too long");
    assert!(
        matches!(e, StoreError::TextTooLong { chars, limit: l } if chars == limit + 1 && l == limit),
        "{e:?}"
    );
    assert_eq!(snapshot(&store, &path), before);
    store
        .set_text(&TextWrite::new(
            &comment,
            Lang::Sv,
            Some(&long[1..]),
            USER,
            AT,
        ))
        .expect("at the limit");

    // A title may lose languages, but not its last one.
    let title = TextAt::item(IC, "1", Field::Title).unwrap();
    for l in [Lang::Fi, Lang::En] {
        store
            .set_text(&TextWrite::new(&title, l, None, USER, AT))
            .expect("clear one language");
    }
    let before = snapshot(&store, &path);
    let e = store
        .set_text(&TextWrite::new(&title, Lang::Sv, None, USER, AT))
        .expect_err("the last language");
    assert!(matches!(e, StoreError::NoTitle), "{e:?}");
    assert_eq!(snapshot(&store, &path), before);
    // Any other text may be emptied entirely.
    let owner = TextAt::item(IC, "1", Field::Owner).unwrap();
    for l in Lang::ALL {
        store
            .set_text(&TextWrite::new(&owner, l, None, USER, AT))
            .expect("clear");
    }

    // What was stored, an export writes and an import takes back.
    let all = json(&store);
    let doc = strata::exchange::parse("all.json", all.as_bytes()).expect("import takes it back");
    assert_eq!(Document::new(doc.plans).to_json(), all);
}
