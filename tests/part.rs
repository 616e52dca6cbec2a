//! The app reads what it shows: on start it holds of a plan only the levels
//! the tree shows (and what is under them), with the whole plan's roll-ups;
//! it reads more as branches are opened, and the whole plan before a step
//! that looks further. What is on screen is always what the whole plan
//! would show.

use strata::app::App;
use strata::domain::{Lang, Outline, Plan, Status};
use strata::store::{Mode, RoundAsk, SetAssessment, Store};

mod common;
use common::*;

/// A large plan of 10 areas × 10 goals × 20 measures, on a file.
fn large_db() -> Db {
    db_with(&[strata::bench::large_plan_of(2_000)])
}

/// The same app, with every plan read whole: what the screen must match.
fn whole_screen(app: &mut App, w: u16, h: u16) -> String {
    let cursor = app.model.cursor;
    app.read_whole();
    assert!(app.model.plans.iter().all(|p| p.is_whole()));
    assert_eq!(
        app.model.cursor, cursor,
        "reading whole keeps the selection"
    );
    render(app, w, h)
}

fn period(app: &App) -> String {
    app.model.plans[0].period.clone().unwrap()
}

/// The roll-ups the app shows, against those of the plan read whole now.
fn assert_true_rollups(app: &App, path: &std::path::Path) {
    let p = period(app);
    let whole = Store::open(path, Mode::ReadOnly)
        .unwrap()
        .store
        .load_plan_in("large", Some(&p))
        .unwrap();
    let r = Outline::of_plan(&whole, &p).rollups();
    let ps = &app.model.plans[0];
    if ps.is_whole() {
        assert_eq!(ps.rolled, r.rolled);
        assert_eq!(ps.below, r.below);
    } else {
        // Held in part: every item held has the whole plan's roll-up, and
        // the app knows none of the others.
        let held = ps.plan.walk();
        assert_eq!(ps.rolled.len(), held.len());
        for (_, it) in held {
            let c = &it.code;
            assert_eq!(ps.rolled.get(c), r.rolled.get(c), "{c}");
            assert_eq!(ps.below.get(c), r.below.get(c), "{c}");
        }
    }
    assert_eq!(ps.total, r.total);
}

fn measures_held(plan: &Plan) -> usize {
    plan.items
        .iter()
        .flat_map(|a| a.children.iter())
        .map(|g| g.children.len())
        .sum()
}

#[test]
fn the_app_starts_with_the_top_levels_and_the_whole_plans_rollups() {
    let db = large_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let ps = &app.model.plans[0];
    assert!(!ps.is_whole());
    // The areas are shown, the goals under them read; no measure yet.
    assert_eq!(ps.plan.items.len(), 10);
    assert!(ps.plan.items.iter().all(|a| a.children.len() == 10));
    assert_eq!(measures_held(&ps.plan), 0);
    assert_true_rollups(&app, &db.path);

    for (w, h) in [(80, 24), (120, 40)] {
        let part = render(&mut app, w, h);
        let mut again = open_app(&db.path, Mode::ReadWrite, Lang::En);
        render(&mut again, w, h);
        assert_eq!(part, whole_screen(&mut again, w, h), "{w}×{h}");
        assert!(part.contains("Area 1"), "{part}");
    }
}

#[test]
fn opening_a_branch_reads_what_it_shows_and_nothing_more() {
    let db = large_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    // Area 1 open: its goals are shown, and the measures of each are read
    // for their detail; goal 1.1 open: its measures are rows.
    keys(&mut app, "jljl");
    assert_eq!(selected(&app), key("large", Some("1.1")));
    let plan = &app.model.plans[0].plan;
    assert!(plan.items[0]
        .children
        .iter()
        .all(|g| g.children.len() == 20));
    assert_eq!(measures_held(plan), 200);
    assert!(!app.model.plans[0].is_whole());
    keys(&mut app, "j");
    assert_eq!(selected(&app), key("large", Some("1.1.1")));

    let shown = render(&mut app, 120, 40);
    assert!(shown.contains("1.1.1"), "{shown}");
    assert_eq!(shown, whole_screen(&mut app, 120, 40));
}

#[test]
fn a_status_set_on_a_part_shows_the_true_rollups_and_stays_light() {
    let db = large_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    keys(&mut app, "jljlj");
    assert_eq!(selected(&app), key("large", Some("1.1.1")));
    let before = app.model.plans[0].below["1"];
    let was = shown_status(&app, "large", "1.1.1");
    let to = if was == Status::OffTrack { '2' } else { '4' };
    keys(&mut app, &format!("s{to}"));
    let now = shown_status(&app, "large", "1.1.1");
    assert_ne!(now, was);
    assert_eq!(stored(&db.path, "large", "1.1.1", &period(&app)).0, now);
    assert!(
        !app.model.plans[0].is_whole(),
        "a status does not read the plan whole"
    );
    assert_ne!(app.model.plans[0].below["1"], before);
    assert_true_rollups(&app, &db.path);
    // The branch stays open and read.
    assert_eq!(selected(&app), key("large", Some("1.1.1")));
    assert_eq!(measures_held(&app.model.plans[0].plan), 200);

    // A colleague's change elsewhere in the plan is seen in the roll-ups.
    let goal_before = app.model.plans[0].below["9.9"];
    let was = stored(&db.path, "large", "9.9.9", &period(&app)).0;
    let to = if was == Status::Done {
        Status::AtRisk
    } else {
        Status::Done
    };
    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_assessment(&SetAssessment {
            plan: "large",
            item: "9.9.9",
            period: Some(&period(&app)),
            status: Some(to),
            comment: None,
            user: "colleague",
            at: "2026-03-01T10:00:00Z",
            expect_comment: None,
        })
        .unwrap();
    assert!(app.refresh_if_changed().unwrap());
    assert!(!app.model.plans[0].is_whole());
    // 9.9.9 is not on screen, and not held; its goal's counts have moved.
    assert!(!app.model.plans[0].rolled.contains_key("9.9.9"));
    assert_ne!(app.model.plans[0].below["9.9"], goal_before);
    assert_true_rollups(&app, &db.path);
    assert_eq!(measures_held(&app.model.plans[0].plan), 200);
}

#[test]
fn a_step_that_looks_across_the_plan_reads_it_whole_first() {
    let db = large_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    keys(&mut app, "/9.9.20");
    assert!(app.model.plans[0].is_whole());
    keys(&mut app, "<ret>");
    assert_eq!(selected(&app), key("large", Some("9.9.20")));

    // Another period, on a plan held in part, is read in part.
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    keys(&mut app, "jl");
    let first = app.model.plans[0].plan.periods[0].code.clone();
    keys(&mut app, &format!("p{}<ret>", "k".repeat(12)));
    assert_eq!(period(&app), first);
    assert!(!app.model.plans[0].is_whole());
    assert_true_rollups(&app, &db.path);
    let shown = render(&mut app, 120, 40);
    assert_eq!(shown, whole_screen(&mut app, 120, 40));
}

#[test]
fn status_only_red_lists_every_red_item_of_the_plan_with_its_comment() {
    let db = large_db();
    let out = strata_ok(&db.path, &["status", "--only", "red", "--lang", "en"], &[]);
    let whole = load(&db.path, "large");
    let p = "2025";
    let red: Vec<&strata::domain::Item> = whole
        .walk()
        .into_iter()
        .map(|(_, it)| it)
        .filter(|it| {
            it.current(p)
                .is_some_and(|a| a.assessed() == Status::OffTrack)
        })
        .collect();
    assert!(red.len() > 300, "{}", red.len());
    let listed: Vec<&str> = out.lines().filter(|l| l.starts_with("    ■")).collect();
    assert_eq!(listed.len(), red.len(), "{out}");
    for (line, it) in listed.iter().zip(&red) {
        let comment = it.current(p).unwrap().comment.get(Lang::En).unwrap();
        let start: String = comment.chars().take(8).collect();
        assert!(line.contains(&format!("{} ", it.code)), "{line}");
        assert!(line.contains(&start), "{line} / {comment}");
    }
    // The counts are the whole plan's.
    let c = strata::domain::Outline::of_plan(&whole, p).rollups().total;
    let n = c.get(Status::OffTrack).to_string();
    assert!(out.contains(&format!("■ {n} off track")), "{out}");
    // Every area with its counts.
    for a in 1..=10 {
        assert!(
            out.lines()
                .any(|l| l.contains(&format!(" {a:<2}  Area {a}"))),
            "{out}"
        );
    }
}

#[test]
fn show_reads_the_item_and_gives_the_whole_plans_rollups_and_its_history() {
    let db = large_db();
    let whole = load(&db.path, "large");
    let rolled = whole.rolled("2025");
    let out = strata_ok(&db.path, &["show", "large:1.1", "--lang", "en"], &[]);
    let roll = rolled["1.1"].rollup;
    assert!(
        out.lines()
            .any(|l| l.contains("Roll-up:") && l.contains(roll.symbol())),
        "{out}"
    );
    for m in 1..=20 {
        let code = format!("1.1.{m}");
        let sym = rolled[&code].effective.symbol();
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(&format!("{sym} {code} "))),
            "{code} {sym}\n{out}"
        );
    }
    let out = strata_ok(&db.path, &["show", "large:1.1.1", "--lang", "en"], &[]);
    let history = out.split("Status history").nth(1).unwrap();
    for y in 2016..=2025 {
        assert!(history.contains(&format!(" {y} ")), "{y}\n{out}");
    }
    let json = strata_ok(&db.path, &["show", "large:1.1", "--format", "json"], &[]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["follow_up"]["rollup"], roll.key(), "{json}");
}

/// The first start computes the roll-up summary and keeps it in the file;
/// the next start reads it instead of the whole plan, and a colleague's
/// status keeps it current, so it is still the true roll-up.
#[test]
fn the_roll_up_summary_is_kept_for_the_next_start_and_stays_true() {
    let db = large_db();
    let app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let p = period(&app);
    drop(app);
    let store = Store::open(&db.path, Mode::ReadOnly).unwrap().store;
    let kept = store.load_plan_part("large", Some(&p), &|_| false).unwrap();
    assert!(kept.summary.unwrap().stored, "kept by the first start");
    drop(store);

    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    let was = stored(&db.path, "large", "4.4.4", &p).0;
    other
        .set_assessment(&SetAssessment {
            plan: "large",
            item: "4.4.4",
            period: Some(&p),
            status: Some(if was == Status::OffTrack {
                Status::OnTrack
            } else {
                Status::OffTrack
            }),
            comment: None,
            user: "colleague",
            at: "2026-03-01T10:00:00Z",
            expect_comment: None,
        })
        .unwrap();
    let again = other.load_plan_part("large", Some(&p), &|_| false).unwrap();
    assert!(again.summary.unwrap().stored, "kept current by the write");
    let app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    assert_true_rollups(&app, &db.path);
}

/// `strata status --short` takes each plan's counts from its roll-up
/// summary: the same counts as the whole round (`--format json`), in every
/// language, whether the summary is kept or has to be computed again after
/// a change of structure.
#[test]
fn status_short_counts_are_the_whole_rounds() {
    let db = reference_db();
    let check = |db: &Db| {
        let json: serde_json::Value =
            serde_json::from_str(&strata_ok(&db.path, &["status", "--format", "json"], &[]))
                .unwrap();
        for lang in ["fi", "sv", "en"] {
            let text = strata_ok(&db.path, &["status", "--short", "--lang", lang], &[]);
            let plans = json["plans"].as_array().unwrap();
            assert_eq!(text.lines().count(), plans.len(), "{text}");
            for p in plans {
                let code = p["plan"].as_str().unwrap();
                let line = text
                    .lines()
                    .find(|l| l.split_whitespace().next() == Some(code))
                    .unwrap_or_else(|| panic!("{code} in {text}"));
                let c = &p["counts"];
                if c.is_null() || p["period"].is_null() {
                    continue;
                }
                let n = |k: &str| c[k].as_u64().unwrap();
                let mut want = format!(
                    "■{} ▲{} ●{} ✓{} ·{}",
                    n("off_track"),
                    n("at_risk"),
                    n("on_track"),
                    n("done"),
                    n("not_assessed")
                );
                if n("carried_over") > 0 {
                    want.push_str(&format!(" (↻{})", n("carried_over")));
                }
                assert!(line.contains(&want), "{lang}: {line} / {want}");
            }
        }
    };
    check(&db);
    // Kept by the app, then made stale by a change of structure.
    drop(open_app(&db.path, Mode::ReadWrite, Lang::En));
    check(&db);
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    let plan = store.plans().unwrap()[0].code.clone();
    let first = load(&db.path, &plan).items[0].code.clone();
    store
        .delete_item(&plan, &first, "t", "2026-03-01T10:00:00Z")
        .unwrap();
    drop(store);
    check(&db);
    // The summaries computed by that line are kept for the next reader.
    let store = Store::open(&db.path, Mode::ReadOnly).unwrap().store;
    let period = store.default_period(&plan, "2026-12-01").unwrap();
    let part = store
        .load_plan_part(&plan, period.as_deref(), &|_| false)
        .unwrap();
    assert!(part.summary.unwrap().stored);
}

/// A search on a plan held in part opens at once and takes keys while the
/// plan is read whole in the background; its hits come with the plan, and
/// a search confirmed meanwhile lands on its first hit.
#[test]
fn a_search_types_on_while_the_plan_is_read_whole_in_the_background() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let db = large_db();
    let press = |app: &mut App, c: char| {
        app.key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    };
    for confirm in [false, true] {
        let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
        for c in "/9.9.20".chars() {
            press(&mut app, c);
        }
        let reading = app.reading_whole();
        if reading {
            // Nothing found yet, nothing moved, and the bar says why.
            assert!(app.model.hits.is_empty());
            assert_eq!(selected(&app), key("large", None));
            let screen = render(&mut app, 100, 30);
            assert!(
                screen.contains("/9.9.20  (reading the whole plan…)"),
                "{screen}"
            );
        }
        if confirm {
            app.key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        }
        app.poll_whole_read(true);
        assert!(!app.reading_whole());
        assert!(app.model.plans[0].is_whole());
        assert_eq!(
            selected(&app),
            key("large", Some("9.9.20")),
            "reading: {reading}"
        );
        assert_eq!(app.model.hits, vec![key("large", Some("9.9.20"))]);
        let screen = render(&mut app, 100, 30);
        assert!(screen.contains("9.9.20"), "{screen}");
    }

    // A write while the read is under way: the read is not used, the plan
    // is read again, and the search finds what the file holds now.
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    keys(&mut app, "jljlj");
    assert_eq!(selected(&app), key("large", Some("1.1.1")));
    let was = shown_status(&app, "large", "1.1.1");
    let to = if was == Status::OffTrack { '2' } else { '4' };
    press(&mut app, '/');
    app.key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    press(&mut app, 's');
    press(&mut app, to);
    app.poll_whole_read(true);
    assert!(app.model.plans[0].is_whole());
    assert_ne!(shown_status(&app, "large", "1.1.1"), was);
    assert_true_rollups(&app, &db.path);
}

/// On a plan held whole, a status set takes the row as written instead of
/// reading the plan again: the plan held is what a read gives, roll-ups
/// included, and undo and redo still agree with the file.
#[test]
fn a_status_set_on_a_plan_held_whole_is_what_a_read_would_give() {
    let db = large_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    keys(&mut app, "jljlj");
    app.read_whole();
    assert!(app.model.plans[0].is_whole());
    assert_eq!(selected(&app), key("large", Some("1.1.1")));
    let p = period(&app);
    let read = |db: &Db| {
        Store::open(&db.path, Mode::ReadOnly)
            .unwrap()
            .store
            .load_plan_in("large", Some(&p))
            .unwrap()
    };
    for to in ['4', '2', '5'] {
        keys(&mut app, &format!("s{to}"));
        assert!(app.model.plans[0].is_whole());
        assert_eq!(app.model.plans[0].plan, read(&db), "after s{to}");
        assert_true_rollups(&app, &db.path);
    }
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("1.1.1"), "{screen}");
    keys(&mut app, "u");
    assert_eq!(app.model.plans[0].plan, read(&db), "after u");
    keys(&mut app, "<C-r>");
    assert_eq!(app.model.plans[0].plan, read(&db), "after redo");
    assert_true_rollups(&app, &db.path);
}

/// The round of `plan` in `period` as read for a round against the round
/// of the whole plan: the same counts per top-level item, the same lights
/// and revised values, the items to assess as far as `ask` lists, and the
/// stale ones as the start of the whole plan's.
fn assert_round_as_whole(path: &std::path::Path, plan: &str, period: &str, ask: RoundAsk) {
    use strata::present::round::{round, round_of_part, By, Parts};
    let store = Store::open(path, Mode::ReadOnly).unwrap().store;
    let today = "2026-06-15";
    let whole = store.load_plan_in(plan, Some(period)).unwrap();
    let want = round(&whole, Some(period), today, By::Item, &[], Lang::Sv);
    let rp = store.load_plan_round(plan, Some(period), ask).unwrap();
    let got = round_of_part(Parts::from(&rp), Some(period), today, Lang::Sv);
    let at = format!("{plan} {period}");
    assert_eq!(got.counts, want.counts, "{at}");
    assert_eq!(got.said, want.said, "{at}");
    assert_eq!(got.revised, want.revised, "{at}");
    assert_eq!(got.days_left, want.days_left, "{at}");
    assert_eq!(got.groups.len(), want.groups.len(), "{at}");
    for (g, w) in got.groups.iter().zip(&want.groups) {
        assert_eq!(
            (&g.key, &g.title, g.counts, g.said),
            (&w.key, &w.title, w.counts, w.said),
            "{at}"
        );
        match ask.per_top {
            None => assert_eq!(g.to_assess, w.to_assess, "{at} {}", g.key),
            Some(n) => assert!(
                w.to_assess.starts_with(&g.to_assess)
                    && g.to_assess.len() >= n.min(w.to_assess.len()),
                "{at} {}: {:?} of {:?}",
                g.key,
                g.to_assess,
                w.to_assess
            ),
        }
    }
    assert!(
        want.stale.starts_with(&got.stale) && got.stale.len() >= ask.stale.min(want.stale.len()),
        "{at}: {:?}\nof {:?}",
        got.stale,
        &want.stale[..want.stale.len().min(12)]
    );
}

#[test]
fn a_round_read_for_itself_is_the_whole_plans_round() {
    use strata::store::NewPeriod;
    let asks = [
        RoundAsk {
            per_top: None,
            stale: 10,
        },
        RoundAsk {
            per_top: Some(1),
            stale: 8,
        },
        RoundAsk {
            per_top: Some(0),
            stale: 5,
        },
    ];
    let check = |path: &std::path::Path, store: &Store| {
        for plan in store.plan_codes().unwrap() {
            for period in store.period_codes_of(&plan).unwrap() {
                for ask in asks {
                    assert_round_as_whole(path, &plan, &period, ask);
                }
            }
        }
    };
    // The reference plans as imported, in every period.
    let db = reference_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    check(&db.path, &store);
    // A new round begun from the previous statuses: everything carried
    // over; then some of it assessed, at different times, a parent too.
    let ic = IC;
    store
        .add_period(
            &NewPeriod {
                plan: ic,
                code: "2026",
                carry_over: true,
                ..NewPeriod::default()
            },
            "t",
            "2026-02-01T00:00:00Z",
        )
        .unwrap();
    check(&db.path, &store);
    let whole = store.load_plan_in(ic, Some("2026")).unwrap();
    let codes: Vec<String> = whole.walk().iter().map(|(_, i)| i.code.clone()).collect();
    for (n, code) in codes.iter().enumerate().filter(|(n, _)| n % 3 == 1) {
        set_status(
            &mut store,
            ic,
            code,
            "2026",
            &format!("2026-03-{:02}T10:00:00Z", 28 - n % 27),
        );
    }
    check(&db.path, &store);

    // A large plan: a round just begun, then half of one area assessed.
    let db = large_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    begin_round_2026(&mut store, None);
    for ask in asks {
        assert_round_as_whole(&db.path, "large", "2026", ask);
    }
    for m in (1..=20).step_by(2) {
        for g in 1..=10 {
            set_status(
                &mut store,
                "large",
                &format!("3.{g}.{m}"),
                "2026",
                "2026-03-01T10:00:00Z",
            );
        }
    }
    for ask in asks {
        assert_round_as_whole(&db.path, "large", "2026", ask);
        assert_round_as_whole(&db.path, "large", "2025", ask);
    }
}

fn set_status(store: &mut Store, plan: &str, item: &str, period: &str, at: &str) {
    store
        .set_assessment(&SetAssessment {
            plan,
            item,
            period: Some(period),
            status: Some(Status::AtRisk),
            comment: None,
            user: "t",
            at,
            expect_comment: None,
        })
        .unwrap();
}

#[test]
fn the_round_view_opens_on_plans_held_in_part_and_goes_to_an_item_not_yet_read() {
    use strata::app::popups::RoundRow;
    use strata::app::Overlay;
    let db = large_db();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        begin_round_2026(&mut store, Some("2027-01-31"));
        for g in 1..=10 {
            set_status(
                &mut store,
                "large",
                &format!("1.{g}.1"),
                "2026",
                "2026-03-01T10:00:00Z",
            );
        }
    }
    strata::clock::set_now(Some("2026-12-01T10:00:00Z"));
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    assert_eq!(period(&app), "2026");
    keys(&mut app, "R");
    assert!(!app.model.plans[0].is_whole(), "R reads no plan whole");
    let screen = render(&mut app, 120, 40);
    // The same view as of the plan held whole.
    let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    whole.read_whole();
    keys(&mut whole, "R");
    assert_eq!(screen, render(&mut whole, 120, 40));
    assert!(screen.contains("  10/2000"), "{screen}");
    // Enter on the first item never assessed, deep in an area not read: the
    // tree opens down to it, still in part.
    let Overlay::Round(v) = &app.model.overlay else {
        panic!("{screen}")
    };
    let at = v
        .rows
        .iter()
        .position(|r| matches!(r, RoundRow::Stale(..)))
        .unwrap();
    let RoundRow::Stale(p, i) = v.rows[at] else {
        unreachable!()
    };
    let code = v.rounds[p].stale[i].code.clone();
    assert_eq!(code, "1.1.2");
    // And Enter on area 2's row goes to its first item to assess.
    let area2 = v
        .rows
        .iter()
        .position(|r| matches!(r, RoundRow::Group(_, g) if *g == 1))
        .unwrap();
    keys(&mut app, &"j".repeat(at));
    keys(&mut app, "<ret>");
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(selected(&app), key("large", Some(&code)));
    assert!(!app.model.plans[0].is_whole());
    keys(&mut app, "R");
    keys(&mut app, &"j".repeat(area2));
    keys(&mut app, "<ret>");
    assert_eq!(selected(&app), key("large", Some("2.1.1")));
    assert!(!app.model.plans[0].is_whole());
    let screen = render(&mut app, 120, 40);
    assert_eq!(screen, whole_screen(&mut app, 120, 40));
    strata::clock::set_now(None);
}

#[test]
fn every_filter_on_a_plan_held_in_part_shows_what_it_shows_of_the_plan_held_whole() {
    let db = large_db();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        begin_round_2026(&mut store, None);
        for (i, code) in ["4.2.3", "4.2.5", "7.7.7", "9.1.20"].iter().enumerate() {
            set_status(
                &mut store,
                "large",
                code,
                "2026",
                &format!("2026-03-0{}T10:00:00Z", i + 1),
            );
        }
        // Area 5 all assessed: nothing under it needs an assessment, and
        // the tree need not open it to show what does.
        for g in 1..=10 {
            for m in 1..=20 {
                let code = format!("5.{g}.{m}");
                set_status(&mut store, "large", &code, "2026", "2026-03-10T10:00:00Z");
            }
        }
        add_updater(&mut store, &["3.4", "8.8.8"]);
    }
    strata::clock::set_now(Some("2026-12-01T10:00:00Z"));
    let mut probe = open_app(&db.path, Mode::ReadWrite, Lang::En);
    probe.read_whole();
    let choices = probe.model.filter_choices();
    // All, needs an assessment, four statuses, the owner, the contact.
    assert_eq!(choices.len(), 8, "{choices:?}");
    for (i, choice) in choices.iter().enumerate() {
        let keys_for = format!("F{}<ret>", "j".repeat(i));
        let mut part = open_app(&db.path, Mode::ReadWrite, Lang::En);
        keys(&mut part, &keys_for);
        assert_eq!(part.model.filter, *choice);
        assert!(
            !part.model.plans[0].is_whole(),
            "{choice:?} read the plan whole"
        );
        let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::En);
        whole.read_whole();
        keys(&mut whole, &keys_for);
        assert_eq!(message(&part), message(&whole), "{choice:?}");
        assert_eq!(part.model.rows.len(), whole.model.rows.len(), "{choice:?}");
        assert_eq!(
            render(&mut part, 120, 40),
            render(&mut whole, 120, 40),
            "{choice:?}"
        );
        // To the end of the list and back: the same rows.
        keys(&mut part, "G");
        keys(&mut whole, "G");
        assert_eq!(
            render(&mut part, 120, 40),
            render(&mut whole, 120, 40),
            "{choice:?}"
        );
    }
    strata::clock::set_now(None);
}

#[test]
fn the_missing_translations_of_a_plan_held_in_part_are_those_of_the_plan_held_whole() {
    use strata::domain::{Field, TextAt};
    let db = large_db();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        let mut drop_text = |item: &str, field: Field, lang: Lang| {
            let at = TextAt::new("large", Some(item), field).unwrap();
            store
                .set_text(&strata::store::TextWrite::new(
                    &at,
                    lang,
                    None,
                    "t",
                    "2026-02-01T00:00:00Z",
                ))
                .unwrap();
        };
        drop_text("6.3.7", Field::Title, Lang::Sv);
        drop_text("2.2", Field::Title, Lang::En);
        drop_text(
            "9.9.19",
            Field::Comment {
                period: "2025".into(),
            },
            Lang::Fi,
        );
        drop_text("4.4", Field::IndicatorName(0), Lang::Sv);
        // A comment of another period than the one shown is not listed.
        drop_text(
            "3.3.3",
            Field::Comment {
                period: "2024".into(),
            },
            Lang::Fi,
        );
    }
    let mut part = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::En);
    whole.read_whole();
    assert_eq!(period(&part), "2025");
    keys(&mut part, "M");
    keys(&mut whole, "M");
    assert!(!part.model.plans[0].is_whole(), "M reads no plan whole");
    let rows = |app: &App| {
        app.model
            .missing_rows(None)
            .into_iter()
            .map(|(_, m)| (m.item, m.field.key().to_owned(), m.lacks))
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&part), rows(&whole));
    assert_eq!(rows(&part).len(), 4, "{:?}", rows(&part));
    // Every language asked for in turn, then any: the same screens.
    for _ in 0..4 {
        assert_eq!(render(&mut part, 120, 40), render(&mut whole, 120, 40));
        keys(&mut part, "f");
        keys(&mut whole, "f");
    }
    // Enter on the last (deep in a branch not read): the translation view
    // opens on it, as on the plan held whole.
    // (Lacking any language: after English, Finnish and Swedish.)
    keys(&mut part, "fffjjj<ret>");
    keys(&mut whole, "fffjjj<ret>");
    assert_eq!(selected(&part), key("large", Some("9.9.19")));
    assert_eq!(part.model.overlay, whole.model.overlay);
    assert!(!part.model.plans[0].is_whole());
    assert_eq!(render(&mut part, 120, 40), render(&mut whole, 120, 40));
}

#[test]
fn the_views_of_one_item_or_plan_read_no_plan_whole_and_show_what_the_whole_plan_shows() {
    let db = reference_db();
    // On each plan's row, its first item and an item three levels down.
    let mut probe = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    probe.read_whole();
    let mut places: Vec<(String, Option<String>)> = Vec::new();
    for ps in &probe.model.plans {
        places.push((ps.plan.code.clone(), None));
        let walk = ps.plan.walk();
        places.push((ps.plan.code.clone(), Some(walk[0].1.code.clone())));
        if let Some((_, deep)) = walk.iter().find(|(d, _)| *d >= 2) {
            places.push((ps.plan.code.clone(), Some(deep.code.clone())));
        }
    }
    for (plan, item) in places {
        for view in ["t", "H", "v", "C", "P", "D"] {
            let at = key(&plan, item.as_deref());
            let mut part = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
            let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
            whole.read_whole();
            // Gone to as Enter in a list goes (a key bound to nothing lets
            // the part read its way down).
            for app in [&mut part, &mut whole] {
                app.model.reveal(&at);
                common::settled(app, &common::ch('\u{0}'));
            }
            assert_eq!(selected(&part), at, "{at:?}");
            assert_eq!(selected(&whole), at);
            keys(&mut part, view);
            keys(&mut whole, view);
            let what = format!("{view} on {at:?}");
            assert!(part.model.plans.iter().all(|p| !p.is_whole()), "{what}");
            assert_eq!(part.model.overlay, whole.model.overlay, "{what}");
            assert_eq!(
                render(&mut part, 120, 40),
                render(&mut whole, 120, 40),
                "{what}"
            );
        }
    }
}

#[test]
fn structure_edits_and_their_undo_on_a_plan_held_in_part_read_no_plan_whole() {
    let db = large_db();
    let mut part = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::En);
    whole.read_whole();
    let at = key("large", Some("6.4.7"));
    for app in [&mut part, &mut whole] {
        app.model.reveal(&at);
        common::settled(app, &common::ch('\u{0}'));
        assert_eq!(selected(app), at);
    }
    // Each step in both, with the file as the part left it for the whole:
    // the whole one is read again so that both start from the same plan.
    let steps = [
        "aNew measure<C-s>", // a child under 6.4.7
        "ANext to it<C-s>",  // a sibling of that child
        "<",                 // moved up among its siblings
        ">",                 // and down
        "dy",                // deleted (asked, yes)
        "u",                 // the delete undone
        "u",                 // the move down undone
        "<C-r>",             // and redone
        "mkkm",              // moved under the item two rows up
        "u",                 // and back
        "mggjm",             // moved under the first area, not read yet
    ];
    for step in steps {
        keys(&mut part, step);
        whole.reload().unwrap();
        whole.read_whole();
        let sel = selected(&part);
        whole.model.reveal(&sel);
        // A key bound to nothing: the whole one reads the selected item's
        // history, as the part did after its step.
        common::settled(&mut whole, &common::ch('\u{0}'));
        assert!(
            part.model.plans.iter().all(|p| !p.is_whole()),
            "{step}: read whole"
        );
        assert_eq!(selected(&whole), sel, "{step}");
        let screen = render(&mut part, 120, 40);
        // The message line is the part's own: compare what is above it.
        let body = |s: &str| s.lines().take(38).collect::<Vec<_>>().join("\n");
        assert_eq!(
            body(&screen),
            body(&render(&mut whole, 120, 40)),
            "{step}\n{screen}"
        );
        assert_true_rollups(&part, &db.path);
    }
    // The last move put 6.4.8 under area 1, which was never opened.
    let (_, said) = message(&part);
    assert!(said.contains("6.4.8"), "{said}");
    assert_eq!(selected(&part), key("large", Some("6.4.8")));
    let (_, path) = part.model.plans[0].plan.find("6.4.8").unwrap();
    assert_eq!(
        path.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(),
        ["1"]
    );
}

#[test]
fn next_to_assess_on_plans_held_in_part_goes_where_it_goes_on_plans_held_whole() {
    let mut plans = vec![strata::bench::large_plan_of(2_000)];
    plans.extend(strata::exchange::reference::document().unwrap().plans);
    let db = db_with(&plans);
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        begin_round_2026(&mut store, None);
        // Most of it assessed: what is left is spread out.
        for a in 1..=10 {
            for g in 1..=10 {
                for m in 1..=20 {
                    if (a * 7 + g * 3 + m) % 97 != 0 {
                        let code = format!("{a}.{g}.{m}");
                        set_status(&mut store, "large", &code, "2026", "2026-03-01T10:00:00Z");
                    }
                }
            }
        }
    }
    let mut part = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    whole.read_whole();
    assert_eq!(period(&part), "2026");
    let mut seen = std::collections::HashSet::new();
    for i in 0..60 {
        keys(&mut part, "w");
        keys(&mut whole, "w");
        assert!(
            part.model.plans.iter().all(|p| !p.is_whole()),
            "w {i} read whole"
        );
        assert_eq!(selected(&part), selected(&whole), "w {i}");
        assert_eq!(message(&part), message(&whole), "w {i}");
        seen.insert(selected(&part));
    }
    // Round every plan and back to the first again.
    assert!(seen.iter().any(|k| k.plan == "large"));
    assert!(seen.iter().any(|k| k.plan != "large"), "{seen:?}");
    assert_eq!(render(&mut part, 120, 40), render(&mut whole, 120, 40));
}

#[test]
fn a_round_begun_and_an_import_keep_the_summary_the_next_start_reads() {
    let db = large_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    let kept = |store: &Store, period: &str| {
        let (_, s) = store.load_plan_brief("large", Some(period)).unwrap();
        let s = s.unwrap();
        let whole = store.load_plan_in("large", Some(period)).unwrap();
        assert_eq!(
            s.summary.total,
            Outline::of_plan(&whole, period).rollups().total
        );
        s.stored
    };
    // Imported: the period it opens in.
    assert!(kept(&store, "2025"));
    begin_round_2026(&mut store, None);
    // 2,000 statuses carried over: the new round's summary is kept with them.
    assert!(kept(&store, "2026"));
    let (_, s) = store.load_plan_brief("large", Some("2026")).unwrap();
    assert_eq!(s.unwrap().summary.total.carried, 2_000);
}

/// The round grouped `by` owner or contact as the store counts it against
/// the whole plan's.
fn assert_grouped_as_whole(
    path: &std::path::Path,
    plan: &str,
    period: &str,
    by: strata::present::round::By,
) {
    use strata::present::round::{round, round_grouped, By, Parts};
    use strata::store::Grouping;
    let store = Store::open(path, Mode::ReadOnly).unwrap().store;
    let contacts = store.contacts().unwrap();
    let today = "2026-06-15";
    let whole = store.load_plan_in(plan, Some(period)).unwrap();
    let want = round(&whole, Some(period), today, by, &contacts, Lang::Fi);
    let ask = RoundAsk {
        per_top: Some(0),
        stale: 10,
    };
    let rp = store.load_plan_round(plan, Some(period), ask).unwrap();
    let grouping = match by {
        By::Owner => Grouping::Owner,
        _ => Grouping::Contact,
    };
    let read = store
        .round_groups(plan, Some(period), grouping, true)
        .unwrap();
    let got = round_grouped(
        Parts::from(&rp),
        &read,
        by,
        &contacts,
        Some(period),
        today,
        Lang::Fi,
    );
    let at = format!("{plan} {period} {by:?}");
    assert_eq!(got.counts, want.counts, "{at}");
    assert_eq!(got.said, want.said, "{at}");
    assert_eq!(got.groups, want.groups, "{at}");
    assert!(want.stale.starts_with(&got.stale), "{at}");
}

#[test]
fn a_round_by_owner_or_contact_counted_by_the_store_is_the_whole_plans_round() {
    use strata::present::round::By;
    use strata::store::NewPeriod;
    let db = reference_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    let at = "2026-02-01T00:00:00Z";
    for (id, name) in [("mlind", "Maria Lind"), ("vk", "Ville Korhonen")] {
        let c = strata::domain::Contact {
            id: id.into(),
            name: name.into(),
            email: None,
            lang: None,
            unit: None,
        };
        store.add_contact(&c, "t", at).unwrap();
    }
    let mut checked = 0;
    for plan in store.plan_codes().unwrap() {
        // Contacts on a top-level item, a deeper one under it, and a leaf
        // elsewhere; an owner written on a deep item.
        let whole = store.load_plan_in(&plan, None).unwrap();
        let walk = whole.walk();
        let top = walk[0].1.code.clone();
        let deep = walk
            .iter()
            .find(|(d, _)| *d >= 1)
            .map(|(_, i)| i.code.clone());
        let last = walk.last().unwrap().1.code.clone();
        store
            .link_contact(
                &plan,
                &top,
                "mlind",
                strata::domain::Role::Responsible,
                "t",
                at,
            )
            .unwrap();
        if let Some(d) = &deep {
            store
                .link_contact(&plan, d, "vk", strata::domain::Role::Updater, "t", at)
                .unwrap();
            store
                .link_contact(&plan, d, "mlind", strata::domain::Role::Updater, "t", at)
                .unwrap();
            let field =
                strata::domain::TextAt::new(&plan, Some(d), strata::domain::Field::Owner).unwrap();
            store
                .set_text(&strata::store::TextWrite::new(
                    &field,
                    Lang::Sv,
                    Some("Stadskansliet"),
                    "t",
                    at,
                ))
                .unwrap();
        }
        if last != top {
            store
                .link_contact(
                    &plan,
                    &last,
                    "vk",
                    strata::domain::Role::Responsible,
                    "t",
                    at,
                )
                .unwrap();
        }
        store
            .add_period(
                &NewPeriod {
                    plan: &plan,
                    code: "2031",
                    carry_over: true,
                    ..NewPeriod::default()
                },
                "t",
                at,
            )
            .unwrap();
        let codes: Vec<String> = walk.iter().map(|(_, i)| i.code.clone()).collect();
        for code in codes.iter().step_by(3) {
            set_status(&mut store, &plan, code, "2031", "2026-03-01T10:00:00Z");
        }
        for period in store.period_codes_of(&plan).unwrap() {
            for by in [By::Owner, By::Contact] {
                assert_grouped_as_whole(&db.path, &plan, &period, by);
                checked += 1;
            }
        }
    }
    assert!(checked >= 10);
    // And on a large plan with one owner on every measure.
    let db = large_db();
    for by in [By::Owner, By::Contact] {
        assert_grouped_as_whole(&db.path, "large", "2025", by);
    }
}

#[test]
fn the_round_view_by_owner_and_contact_reads_no_plan_whole() {
    use strata::app::popups::RoundRow;
    use strata::app::Overlay;
    let db = large_db();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        add_updater(&mut store, &["3.4", "8.8.8"]);
        let field =
            strata::domain::TextAt::new("large", Some("6"), strata::domain::Field::Owner).unwrap();
        store
            .set_text(&strata::store::TextWrite::new(
                &field,
                Lang::En,
                Some("City office"),
                "t",
                "2026-02-01T00:00:00Z",
            ))
            .unwrap();
        begin_round_2026(&mut store, None);
        set_status(&mut store, "large", "3.4.2", "2026", "2026-03-01T10:00:00Z");
    }
    strata::clock::set_now(Some("2026-12-01T10:00:00Z"));
    let mut part = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::En);
    whole.read_whole();
    keys(&mut part, "R");
    keys(&mut whole, "R");
    // By owner, by contact, and back by top-level item.
    for by in ["owner", "contact", "item"] {
        keys(&mut part, "f");
        keys(&mut whole, "f");
        assert!(!part.model.plans[0].is_whole(), "by {by}: read whole");
        // The same groups, and the same first item to assess of each (what
        // Enter goes to; by item the view reads no more of them).
        let groups = |app: &App| match &app.model.overlay {
            Overlay::Round(v) => v
                .rounds
                .iter()
                .flat_map(|r| r.groups.iter())
                .map(|g| {
                    (
                        g.key.clone(),
                        g.title.clone(),
                        g.counts,
                        g.said,
                        g.to_assess.first().cloned(),
                    )
                })
                .collect::<Vec<_>>(),
            o => panic!("{o:?}"),
        };
        assert_eq!(groups(&part), groups(&whole), "by {by}");
        assert_eq!(
            render(&mut part, 120, 40),
            render(&mut whole, 120, 40),
            "by {by}"
        );
    }
    // By owner again; Enter on City office: the tree filtered to its items.
    keys(&mut part, "f");
    keys(&mut whole, "f");
    let Overlay::Round(v) = &part.model.overlay else {
        panic!()
    };
    let row = v
        .rows
        .iter()
        .position(
            |r| matches!(r, RoundRow::Group(p, g) if v.rounds[*p].groups[*g].key == "City office"),
        )
        .unwrap();
    keys(&mut part, &format!("{}<ret>", "j".repeat(row)));
    keys(&mut whole, &format!("{}<ret>", "j".repeat(row)));
    assert!(!part.model.plans[0].is_whole());
    assert_eq!(
        part.model.filter,
        Some(strata::app::TreeFilter::Owner("City office".into()))
    );
    assert_eq!(message(&part), message(&whole));
    assert_eq!(render(&mut part, 120, 40), render(&mut whole, 120, 40));
    strata::clock::set_now(None);
}

#[test]
fn an_action_chosen_in_the_palette_reads_what_its_key_reads() {
    use strata::app::Overlay;
    let db = large_db();
    let mut part = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let mut whole = open_app(&db.path, Mode::ReadWrite, Lang::En);
    whole.read_whole();
    // The palette opens on a plan held in part, and its round is read as
    // R reads it.
    for app in [&mut part, &mut whole] {
        keys(app, ":");
        type_text(app, "follow-up round");
        keys(app, "<ret>");
    }
    assert!(
        matches!(part.model.overlay, Overlay::Round(_)),
        "{:?}",
        part.model.overlay
    );
    assert!(
        !part.model.plans[0].is_whole(),
        "the palette read the plan whole"
    );
    assert_eq!(render(&mut part, 120, 40), render(&mut whole, 120, 40));
    // And the next item to assess, as w.
    for app in [&mut part, &mut whole] {
        keys(app, "<esc>:");
        type_text(app, "next item to assess");
        keys(app, "<ret>");
    }
    assert!(!part.model.plans[0].is_whole());
    assert_eq!(message(&part), message(&whole));
}

/// Begins the 2026 round of the large plan from the 2025 statuses (all
/// carried over), dated as a year, with `deadline`.
fn begin_round_2026(store: &mut Store, deadline: Option<&str>) {
    store
        .add_period(
            &strata::store::NewPeriod {
                plan: "large",
                code: "2026",
                start: Some("2026-01-01"),
                end: Some("2026-12-31"),
                deadline,
                carry_over: true,
                ..Default::default()
            },
            "t",
            "2026-02-01T00:00:00Z",
        )
        .unwrap();
}

/// Maria Lind, the updater of `items` of the large plan.
fn add_updater(store: &mut Store, items: &[&str]) {
    let c = strata::domain::Contact {
        id: "mlind".into(),
        name: "Maria Lind".into(),
        email: None,
        lang: Some(Lang::Sv),
        unit: None,
    };
    store.add_contact(&c, "t", "2026-02-01T00:00:00Z").unwrap();
    for item in items {
        let role = strata::domain::Role::Updater;
        store
            .link_contact("large", item, "mlind", role, "t", "2026-02-01T00:00:00Z")
            .unwrap();
    }
}
