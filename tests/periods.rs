//! Follow-up periods with a life: a deadline, closing and reopening,
//! removing, and statuses carried over from the previous period that count
//! as not assessed until someone confirms or changes them. The store, the
//! command line and the app.

mod common;

use common::*;
use strata::domain::{Field, Lang, Status, TextAt};
use strata::exchange::Document;
use strata::store::{Mode, NewPeriod, PeriodDates, SetAssessment, Store, StoreError, TextWrite};

const USER: &str = "coordinator";
const AT: &str = "2026-12-01T09:00:00Z";
const OPS: &str = "operations-2026";

fn open(db: &Db) -> Store {
    Store::open(&db.path, Mode::ReadWrite).unwrap().store
}

/// Period 2026 of the internal-control plan, started from 2025's statuses.
fn round_2026(store: &mut Store) {
    store
        .add_period(
            &NewPeriod {
                plan: IC,
                code: "2026",
                deadline: Some("2027-01-31"),
                carry_over: true,
                ..NewPeriod::default()
            },
            USER,
            AT,
        )
        .unwrap();
}

fn set(
    store: &mut Store,
    item: &str,
    status: Option<Status>,
) -> strata::store::Result<strata::store::SetOutcome> {
    store.set_assessment(&SetAssessment {
        plan: IC,
        item,
        period: Some("2026"),
        status,
        comment: None,
        expect_comment: None,
        user: USER,
        at: AT,
    })
}

fn counts(store: &Store) -> strata::domain::Counts {
    let plan = store.load_plan(IC).unwrap();
    let mut c = strata::domain::Counts::default();
    for it in &plan.items {
        c.merge(&strata::domain::counts_under(it, "2026"));
    }
    c
}

#[test]
fn a_period_started_from_the_previous_statuses_counts_nothing_as_assessed() {
    let db = reference_db();
    let mut store = open(&db);
    round_2026(&mut store);
    let plan = store.load_plan(IC).unwrap();
    let p = plan.period("2026").unwrap();
    assert_eq!(p.deadline.as_deref(), Some("2027-01-31"));
    assert!(!p.is_closed());
    assert_eq!(p.days_left("2027-01-01"), Some(30));
    assert_eq!(p.days_left("2027-02-02"), Some(-2));
    // Every status of 2025 is there, marked, and counted as not assessed.
    let c = counts(&store);
    assert_eq!(
        (c.total(), c.get(Status::NotAssessed), c.carried),
        (7, 7, 7)
    );
    let hygiene = item_in(&plan, "1").current("2026").unwrap();
    assert_eq!(hygiene.status, Status::AtRisk);
    assert_eq!(hygiene.carried_from.as_deref(), Some("2025"));
    // The roll-up does not take a carried status for an assessment.
    let rolled = plan.rolled("2026");
    assert_eq!(rolled["1"].own, Status::AtRisk);
    assert!(rolled["1"].carried);
    assert_eq!(rolled["1"].effective, Status::NotAssessed);
}

#[test]
fn confirming_changing_or_commenting_makes_a_carried_status_an_assessment() {
    let db = reference_db();
    let mut store = open(&db);
    round_2026(&mut store);
    // Keep as it is: a set with no change still records the assessment.
    let kept = set(&mut store, "1", None).unwrap();
    assert!(kept.confirmed && !kept.unchanged);
    assert_eq!(kept.new_status, Status::AtRisk);
    // Again: now there is nothing to confirm.
    assert!(set(&mut store, "1", None).unwrap().unchanged);
    // Change one.
    let changed = set(&mut store, "2", Some(Status::OnTrack)).unwrap();
    assert!(changed.confirmed);
    // A comment confirms too.
    let at = TextAt::item(
        IC,
        "3",
        Field::Comment {
            period: "2026".into(),
        },
    )
    .unwrap();
    store
        .set_text(&TextWrite::new(
            &at,
            Lang::Fi,
            Some("Hälytykset testattu."),
            USER,
            AT,
        ))
        .unwrap();
    let c = counts(&store);
    assert_eq!(c.get(Status::AtRisk), 1, "1 kept");
    assert_eq!(c.get(Status::OnTrack), 2, "2 changed, 3 commented");
    assert_eq!((c.get(Status::NotAssessed), c.carried), (4, 4));
    let log = store.changes(IC, Some("1"), 5).unwrap();
    assert_eq!(log[0].field, "confirmed");
    assert_eq!(log[0].old.as_deref(), Some("2025"));
    // Undo of the confirmation puts the carried status back.
    let plan = store.load_plan(IC).unwrap();
    assert!(item_in(&plan, "1")
        .current("2026")
        .is_some_and(|a| !a.is_carried()));
    let row = kept.row.unwrap();
    store.delete_assessment(row.id, USER, AT).unwrap();
    let plan = store.load_plan(IC).unwrap();
    assert!(item_in(&plan, "1").current("2026").unwrap().is_carried());
}

#[test]
fn a_closed_period_refuses_every_follow_up_write_until_reopened() {
    let db = reference_db();
    let mut store = open(&db);
    round_2026(&mut store);
    let kept = set(&mut store, "1", None).unwrap().row.unwrap();
    assert!(store.set_period_closed(IC, "2026", true, USER, AT).unwrap());
    assert!(!store.set_period_closed(IC, "2026", true, USER, AT).unwrap());
    let closed = |r: strata::store::Result<()>| match r {
        Err(StoreError::PeriodClosed { plan, code }) => {
            assert_eq!((plan.as_str(), code.as_str()), (IC, "2026"))
        }
        other => panic!("not refused: {other:?}"),
    };
    let before = Document::new(store.load_all().unwrap()).to_json();
    closed(set(&mut store, "2", Some(Status::OffTrack)).map(drop));
    closed(set(&mut store, "2", None).map(drop));
    let comment = TextAt::item(
        IC,
        "2",
        Field::Comment {
            period: "2026".into(),
        },
    )
    .unwrap();
    closed(
        store
            .set_text(&TextWrite::new(&comment, Lang::Sv, Some("Nej"), USER, AT))
            .map(drop),
    );
    closed(store.delete_assessment(kept.id, USER, AT));
    closed(store.remove_period(IC, "2026", true, USER, AT));
    // The previous, open, period still takes follow-ups.
    store
        .set_assessment(&SetAssessment {
            plan: IC,
            item: "2",
            period: Some("2025"),
            status: Some(Status::OnTrack),
            comment: None,
            expect_comment: None,
            user: USER,
            at: AT,
        })
        .unwrap();
    let after = Document::new(store.load_all().unwrap()).to_json();
    assert!(before != after, "2025 was not written");
    let plan = store.load_plan(IC).unwrap();
    let p = plan.period("2026").unwrap();
    assert_eq!(p.closed.as_ref().map(|c| c.by.as_str()), Some(USER));
    // Reopened, it takes them again; both are in the change log.
    assert!(store
        .set_period_closed(IC, "2026", false, USER, AT)
        .unwrap());
    set(&mut store, "2", Some(Status::OffTrack)).unwrap();
    let log = store.changes(IC, None, 50).unwrap();
    let states: Vec<_> = log
        .iter()
        .filter(|r| r.field == "period_state")
        .map(|r| r.new.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(states, ["open", "closed"], "newest first");
}

#[test]
fn indicator_values_of_a_closed_period_are_frozen() {
    let db = reference_db();
    let mut store = open(&db);
    let plan = store.load_plan(OPS).unwrap();
    let (item, index, period) = plan
        .walk()
        .iter()
        .find_map(|(_, it)| {
            let v = it.indicators.first()?.values.first()?;
            Some((it.code.clone(), 0, v.period.clone()))
        })
        .expect("an indicator with a value");
    store
        .set_period_closed(OPS, &period, true, USER, AT)
        .unwrap();
    match store.set_indicator_value(OPS, &item, index, &period, Some(Some(1.0)), USER, AT) {
        Err(StoreError::PeriodClosed { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn removing_a_period_with_follow_ups_asks_for_force_and_says_how_many() {
    let db = reference_db();
    let mut store = open(&db);
    round_2026(&mut store);
    assert_eq!(store.period_contents(IC, "2026").unwrap(), (7, 0));
    match store.remove_period(IC, "2026", false, USER, AT) {
        Err(StoreError::PeriodHasFollowUps { count, .. }) => assert_eq!(count, 7),
        other => panic!("{other:?}"),
    }
    assert!(store.load_plan(IC).unwrap().period("2026").is_some());
    store.remove_period(IC, "2026", true, USER, AT).unwrap();
    let plan = store.load_plan(IC).unwrap();
    assert!(plan.period("2026").is_none());
    assert!(plan
        .walk()
        .iter()
        .all(|(_, it)| it.current("2026").is_none()));
    // An empty period goes without force.
    store
        .add_period(
            &NewPeriod {
                plan: IC,
                code: "2027",
                ..NewPeriod::default()
            },
            USER,
            AT,
        )
        .unwrap();
    store.remove_period(IC, "2027", false, USER, AT).unwrap();
}

#[test]
fn period_dates_are_checked_and_logged() {
    let db = reference_db();
    let mut store = open(&db);
    round_2026(&mut store);
    let dates = |deadline| PeriodDates {
        deadline: Some(deadline),
        ..PeriodDates::default()
    };
    store
        .set_period_dates(IC, "2026", &dates(Some("2027-02-15")), USER, AT)
        .unwrap();
    let log = store.changes(IC, None, 1).unwrap();
    assert_eq!(
        (
            log[0].field.as_str(),
            log[0].old.as_deref(),
            log[0].new.as_deref()
        ),
        ("period_deadline", Some("2027-01-31"), Some("2027-02-15"))
    );
    for bad in ["2027-02-30", "15.2.2027"] {
        assert!(matches!(
            store.set_period_dates(IC, "2026", &dates(Some(bad)), USER, AT),
            Err(StoreError::BadDate(d)) if d == bad
        ));
    }
    let end_first = PeriodDates {
        end: Some(Some("2025-06-30")),
        start: Some(Some("2026-01-01")),
        ..PeriodDates::default()
    };
    assert!(matches!(
        store.set_period_dates(IC, "2026", &end_first, USER, AT),
        Err(StoreError::EndsBeforeStart)
    ));
    store
        .set_period_dates(IC, "2026", &dates(None), USER, AT)
        .unwrap();
    assert_eq!(
        store
            .load_plan(IC)
            .unwrap()
            .period("2026")
            .unwrap()
            .deadline,
        None
    );
    assert!(matches!(
        store.set_period_dates(IC, "2099", &dates(None), USER, AT),
        Err(StoreError::UnknownPeriod { .. })
    ));
}

#[test]
fn deadlines_closings_and_carried_statuses_survive_export_and_import() {
    let db = reference_db();
    let mut store = open(&db);
    round_2026(&mut store);
    store.set_period_closed(IC, "2026", true, USER, AT).unwrap();
    let doc = Document::new(vec![store.load_plan(IC).unwrap()]);
    let json = doc.to_json();
    assert!(json.contains("\"version\": 4"), "{}", &json[..80]);
    assert!(json.contains("\"deadline\": \"2027-01-31\""));
    assert!(json.contains("\"carried_from\": \"2025\""));
    let other = reference_db();
    let mut again = open(&other);
    let parsed = strata::exchange::parse("export.json", json.as_bytes()).unwrap();
    again.import(&parsed.plans, true, USER, AT).unwrap();
    let back = Document::new(vec![again.load_plan(IC).unwrap()]).to_json();
    assert_eq!(back, json);
}

// ---------------------------------------------------------------- the app

#[test]
fn in_the_app_o_keeps_a_carried_status_and_w_goes_to_the_next_to_assess() {
    let db = reference_db();
    round_2026(&mut open(&db));
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_hygiene(&mut app);
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("↻ ▲ haasteita"), "{screen}");
    assert!(screen.contains("Siirretty kaudelta 2025"), "{screen}");
    keys(&mut app, "o");
    let (_, said) = message(&app);
    assert_eq!(
        said,
        format!("{IC}:1: ▲ haasteita pidetään tällä kaudella.")
    );
    let (st, _) = stored(&db.path, IC, "1", "2026");
    assert_eq!(st, Status::AtRisk);
    let screen = render(&mut app, 120, 40);
    assert!(!screen.contains("Siirretty kaudelta"), "{screen}");
    // w: the next item of the plan that still needs an assessment.
    keys(&mut app, "w");
    assert_eq!(selected(&app), key(IC, Some("2")));
    let (_, said) = message(&app);
    assert!(said.contains("odottaa vielä arviota"), "{said}");
}

#[test]
fn in_the_app_a_closed_period_refuses_status_and_comment_before_anything_is_typed() {
    let db = reference_db();
    {
        let mut store = open(&db);
        round_2026(&mut store);
        store.set_period_closed(IC, "2026", true, USER, AT).unwrap();
    }
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    for k in ["s", "c", "o"] {
        keys(&mut app, k);
        assert_eq!(app.model.overlay, strata::app::Overlay::None, "{k}");
        let (kind, said) = message(&app);
        assert_eq!(kind, strata::app::MessageKind::Error, "{k}");
        assert!(said.contains("är stängd"), "{k}: {said}");
    }
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Period: 2026 · stängd"), "{screen}");
}

// ---------------------------------------------------------------- round, status --short, JSON

fn cli(db: &Db, args: &[&str]) -> String {
    strata_ok(
        &db.path,
        args,
        &[
            ("STRATA_NOW", "2027-02-03T10:00:00Z"),
            ("USER", "coordinator"),
        ],
    )
}

#[test]
fn the_round_counts_assessed_carried_and_open_and_says_the_deadline_has_passed() {
    let db = reference_db();
    {
        let mut store = open(&db);
        round_2026(&mut store);
        set(&mut store, "1", None).unwrap();
        set(&mut store, "2", Some(Status::OnTrack)).unwrap();
    }
    let text = cli(&db, &["--lang", "sv", "round", "--plan", IC]);
    assert!(
        text.contains("sista dag 2027-01-31 · ⚠ försenad 3 dagar"),
        "{text}"
    );
    assert!(
        text.contains("bedömda 2 av 7 (28 %)  ↻ 5 överförda  · 0 ej bedömda"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("1 God hygienisk standard"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.starts_with("  ✓ "), "all of it assessed: {row}");
    let short = cli(&db, &["--lang", "fi", "status", "--short", "--plan", IC]);
    assert_eq!(
        short,
        "internal-control-2025  2026  ■0 ▲1 ●1 ✓0 ·5 (↻5)  28 % arvioitu  määräaika 31.1.2027 · ⚠ myöhässä 3 päivää\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&cli(&db, &["round", "--plan", IC, "--format", "json"])).unwrap();
    let p = &json["plans"][0];
    assert_eq!(p["period"]["days_left"], -3);
    assert_eq!(p["counts"]["assessed"], 2);
    assert_eq!(p["counts"]["carried_over"], 5);
    assert_eq!(p["counts"]["share_assessed"], 28);
    assert_eq!(p["groups"][2]["to_assess"], serde_json::json!(["3"]));
    // The oldest first: never assessed in 2026 before the two that were.
    let stale: Vec<&str> = p["least_recently_updated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(&stale[5..], ["1", "2"]);
    // The same names whatever the display language.
    let fi: serde_json::Value =
        serde_json::from_str(&cli(&db, &["--lang", "fi", "status", "--format", "json"])).unwrap();
    assert_eq!(fi["plans"][2]["counts"], p["counts"]);
    let shown: serde_json::Value =
        serde_json::from_str(&cli(&db, &["show", &format!("{IC}:3"), "--format", "json"])).unwrap();
    assert_eq!(shown["follow_up"]["carried_from"], "2025");
    assert_eq!(shown["follow_up"]["assessed"], "not_assessed");
    let periods: serde_json::Value =
        serde_json::from_str(&cli(&db, &["periods", "--plan", IC, "--format", "json"])).unwrap();
    assert_eq!(periods["plans"][0]["periods"][1]["deadline"], "2027-01-31");
    assert_eq!(periods["plans"][0]["periods"][1]["default"], true);
}

#[test]
fn the_round_view_counts_a_round_and_enter_goes_to_the_next_item_to_assess() {
    let db = reference_db();
    {
        let mut store = open(&db);
        round_2026(&mut store);
        set(&mut store, "1", None).unwrap();
        set(&mut store, "2", Some(Status::OnTrack)).unwrap();
    }
    for (lang, words) in [
        (Lang::Fi, ["Seurantakierros", "määräaika 31.1.2027"]),
        (Lang::Sv, ["Uppföljningsomgång", "sista dag 2027-01-31"]),
        (Lang::En, ["Follow-up round", "due 31 Jan 2027"]),
    ] {
        strata::clock::set_now(Some("2026-12-01T10:00:00Z"));
        let mut app = open_app(&db.path, Mode::ReadWrite, lang);
        keys(&mut app, "R");
        let screen = render(&mut app, 120, 40);
        for w in words {
            assert!(screen.contains(w), "{lang}: {w}\n{screen}");
        }
        let plan_row = screen
            .lines()
            .find(|l| l.contains(&format!("{IC} · 2026")))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(
            plan_row.contains("2/7      28 %  ↻   5  ·   0"),
            "{plan_row}"
        );
        insta::assert_snapshot!(format!("round_{lang}_120x40"), screen);
    }
    // Enter on the plan's row: the first item of it still to assess (3).
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    keys(&mut app, "R");
    let rounds = app.model.rounds(strata::present::round::By::Item);
    let rows = strata::app::Model::round_rows(&rounds);
    let at = rows
        .iter()
        .position(|r| matches!(r, strata::app::popups::RoundRow::Plan(p) if rounds[*p].plan == IC))
        .unwrap();
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "<ret>");
    assert_eq!(app.model.overlay, strata::app::Overlay::None);
    assert_eq!(selected(&app), key(IC, Some("3")));
}

#[test]
fn the_tree_filtered_to_what_needs_an_update_and_back() {
    let db = reference_db();
    {
        let mut store = open(&db);
        round_2026(&mut store);
        set(&mut store, "1", None).unwrap();
    }
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    // F, then the second choice: items that still need an assessment.
    keys(&mut app, "Fj<ret>");
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("filter: items that still need an assessment"),
        "{screen}"
    );
    // The plan's row is selected; under it, the six still carried over.
    assert_eq!(selected(&app), key(IC, None));
    let ic_items: Vec<String> = app
        .model
        .rows
        .iter()
        .map(|r| app.model.row_key(r))
        .filter(|k| k.plan == IC)
        .filter_map(|k| k.item)
        .collect();
    assert_eq!(ic_items, ["2", "3", "4", "5", "6", "7"], "1 is assessed");
    let (_, said) = message(&app);
    assert!(
        said.starts_with("Showing items that still need an assessment:"),
        "{said}"
    );
    // Esc shows every item again.
    keys(&mut app, "<esc>");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Good hygiene standard"), "{screen}");
    assert!(!screen.contains("filter:"), "{screen}");
    // + opens every branch, - closes them.
    let before = app.model.rows.len();
    keys(&mut app, "+");
    assert!(
        app.model.rows.len() > before * 3,
        "{} rows",
        app.model.rows.len()
    );
    keys(&mut app, "-");
    let tops: usize = app.model.plans.iter().map(|p| p.plan.items.len()).sum();
    assert_eq!(
        app.model.rows.len(),
        5 + tops,
        "the plans open one level, as at the start"
    );
}

#[test]
fn in_the_app_p_lists_the_periods_and_sets_a_deadline_closes_reopens_and_removes() {
    let db = reference_db();
    round_2026(&mut open(&db));
    strata::clock::set_now(Some("2026-12-01T10:00:00Z"));
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_hygiene(&mut app);
    keys(&mut app, "P");
    // The period shown (2026, the last) is chosen.
    assert_eq!(
        app.model.overlay,
        strata::app::Overlay::Periods { choice: 1 }
    );
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Seurantakaudet · internal-control-2025"),
        "{screen}"
    );
    assert!(
        screen.contains("määräaika 31.1.2027 · 61 päivää jäljellä"),
        "{screen}"
    );
    insta::assert_snapshot!("periods_fi_100x30", screen);
    // d: the deadline, typed as Finns write dates.
    keys(&mut app, "d");
    keys(&mut app, &"<bs>".repeat(12));
    keys(&mut app, "15.2.2027<C-s>");
    let plan = load(&db.path, IC);
    assert_eq!(
        plan.period("2026").unwrap().deadline.as_deref(),
        Some("2027-02-15")
    );
    assert!(matches!(
        app.model.overlay,
        strata::app::Overlay::Periods { choice: 1 }
    ));
    // A date that is not one is refused, the editor keeps it.
    keys(&mut app, "d");
    keys(&mut app, &"<bs>".repeat(12));
    keys(&mut app, "30.2.2027<C-s>");
    let (_, said) = message(&app);
    assert!(said.contains("30.2.2027"), "{said}");
    keys(&mut app, "<esc>k");
    // c asks, then closes.
    keys(&mut app, "P");
    keys(&mut app, "c");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Suljetaanko suunnitelman"), "{screen}");
    keys(&mut app, "k");
    assert!(load(&db.path, IC).period("2026").unwrap().is_closed());
    let (_, said) = message(&app);
    assert!(said.contains("seurantakausi 2026 suljettiin"), "{said}");
    // x on a closed period says to reopen it first; c reopens at once.
    keys(&mut app, "x");
    let (_, said) = message(&app);
    assert!(said.contains("on suljettu"), "{said}");
    keys(&mut app, "c");
    assert!(!load(&db.path, IC).period("2026").unwrap().is_closed());
    // x asks with what goes with it; yes removes.
    keys(&mut app, "x");
    let screen = render(&mut app, 100, 30);
    let asked = match &app.model.overlay {
        strata::app::Overlay::Ask(q) => q.text.clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        asked.contains("ja sen 7 seurantaa ja 0 mittarin arvoa"),
        "{asked}"
    );
    assert!(screen.contains("Poistetaanko"), "{screen}");
    keys(&mut app, "k");
    assert!(load(&db.path, IC).period("2026").is_none());
    let i = plan_index(&app, IC);
    assert_eq!(app.model.plans[i].period.as_deref(), Some("2025"));
}

#[test]
fn the_comment_editor_of_a_new_period_shows_the_previous_comment() {
    let db = reference_db();
    round_2026(&mut open(&db));
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    keys(&mut app, "c");
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("Som jämförelse: kommentaren för 2025"),
        "{screen}"
    );
    assert!(screen.contains("Delvis godkänd"), "{screen}");
}

#[test]
fn the_periods_list_in_swedish_and_english() {
    let db = reference_db();
    round_2026(&mut open(&db));
    {
        let mut store = open(&db);
        store.set_period_closed(IC, "2025", true, USER, AT).unwrap();
    }
    for (lang, words) in [
        (
            Lang::Sv,
            [
                "Uppföljningsperioder",
                "sista dag 2027-01-31 · 61 dagar kvar",
                "· stängd",
            ],
        ),
        (
            Lang::En,
            [
                "Follow-up periods",
                "due 31 Jan 2027 · 61 days left",
                "· closed",
            ],
        ),
    ] {
        strata::clock::set_now(Some("2026-12-01T10:00:00Z"));
        let mut app = open_app(&db.path, Mode::ReadWrite, lang);
        select_hygiene(&mut app);
        keys(&mut app, "P");
        let screen = render(&mut app, 100, 30);
        for w in words {
            assert!(screen.contains(w), "{lang}: {w}\n{screen}");
        }
        insta::assert_snapshot!(format!("periods_{lang}_100x30"), screen);
    }
}

#[test]
fn the_filter_and_the_jump_key_speak_every_language() {
    let db = reference_db();
    round_2026(&mut open(&db));
    for (lang, header, left) in [
        (
            Lang::Fi,
            "suodatin: arviota vielä odottavat kohdat",
            "kohtaa odottaa vielä arviota",
        ),
        (
            Lang::Sv,
            "filter: punkter som väntar på bedömning",
            "punkter väntar fortfarande på bedömning",
        ),
        (
            Lang::En,
            "filter: items that still need an assessment",
            "items still need an assessment",
        ),
    ] {
        let mut app = open_app(&db.path, Mode::ReadWrite, lang);
        select_hygiene(&mut app);
        keys(&mut app, "w");
        assert_eq!(selected(&app), key(IC, Some("2")), "{lang}");
        let (_, said) = message(&app);
        assert!(said.contains(left), "{lang}: {said}");
        keys(&mut app, "Fj<ret>");
        let screen = render(&mut app, 120, 40);
        assert!(screen.contains(header), "{lang}: {screen}");
        assert_eq!(
            selected(&app),
            key(IC, Some("2")),
            "{lang}: the selection stays"
        );
    }
}
