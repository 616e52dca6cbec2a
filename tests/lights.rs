//! Lights from the numbers: what an item's indicators say in a period,
//! beside its own status, and a disagreement flagged. The operations plan's
//! red indicators of 2025 show as "indicators say: off track".

mod common;

use common::*;
use strata::domain::{Lang, Light, Said, Status};
use strata::store::{Mode, SetAssessment, Store};

const OPS: &str = "operations-2026";

fn strata(db: &Db, args: &[&str]) -> String {
    strata_ok(&db.path, args, &[])
}

#[test]
fn the_operations_plan_items_say_what_their_indicators_say() {
    let db = reference_db();
    let plan = load(&db.path, OPS);
    // Elderly care (2): its efficiency index is red in 2025.
    assert_eq!(item_in(&plan, "2").indicators_say("2025"), Some(Light::Red));
    // No value in 2026 yet: no data, never green.
    assert_eq!(
        item_in(&plan, "2").indicators_say("2026"),
        Some(Light::NoData)
    );
    // An item without indicators says nothing.
    assert_eq!(item_in(&plan, "0").indicators_say("2025"), None);
    let mut said = Said::default();
    for it in &plan.items {
        said.add_under(it, "2025");
    }
    assert_eq!(
        (said.red, said.yellow, said.green, said.no_data),
        (4, 2, 0, 3)
    );
    assert_eq!(said.disagree, 0, "nothing is assessed");

    let shown = strata(
        &db,
        &[
            "--lang",
            "sv",
            "show",
            &format!("{OPS}:2"),
            "--period",
            "2025",
        ],
    );
    let line = shown
        .lines()
        .find(|l| l.contains("Indikatorerna säger:"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(line.trim_end().ends_with("■ avviker"), "{line}");
    let status = strata(
        &db,
        &["--lang", "fi", "status", "--plan", OPS, "--period", "2025"],
    );
    assert!(
        status.contains("Mittarien mukaan: ■ 4 ei etene  ▲ 2 haasteita  · 3 ei tietoa"),
        "{status}"
    );
}

#[test]
fn a_green_status_with_red_indicators_is_flagged_but_never_overwritten() {
    let db = reference_db();
    {
        let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        store
            .set_assessment(&SetAssessment {
                plan: OPS,
                item: "2",
                period: Some("2025"),
                status: Some(Status::OnTrack),
                comment: None,
                expect_comment: None,
                user: "test",
                at: "2026-12-01T10:00:00Z",
            })
            .unwrap();
    }
    let shown = strata(&db, &["show", &format!("{OPS}:2"), "--period", "2025"]);
    assert!(
        shown.contains("■ off track ⚠ disagrees with the status: check it"),
        "{shown}"
    );
    assert!(
        shown.contains("● on track"),
        "the status stays the coordinator's:\n{shown}"
    );
    let status = strata(&db, &["status", "--plan", OPS, "--period", "2025"]);
    assert!(status.contains("· 1 disagrees with its status"), "{status}");

    // The app: the tree marks it `≈■!`, the detail says it.
    let mut app = open_app(&db.path, Mode::ReadOnly, Lang::En);
    keys(&mut app, "/Elderly care<ret>");
    let screen = render(&mut app, 120, 40);
    // 2025 has a follow-up now: the period shown by default.
    assert!(
        screen.starts_with(" strata · Period 2025 · Operations plan"),
        "{screen}"
    );
    let row = screen
        .lines()
        .find(|l| l.contains("2 Elderly care"))
        .unwrap_or_else(|| panic!("{screen}"));
    // A parent: the light, its own status symbol, the roll-up.
    assert!(row.contains("≈■! ● Σ"), "{row}\n{screen}");
    assert!(
        screen.contains("Indicators say: ■ off track ⚠ disagrees"),
        "{screen}"
    );
}

#[test]
fn the_sources_notes_on_values_are_shown_in_show_the_detail_and_the_report() {
    let db = reference_db();
    let note = "Anges i kolumnen ”Utfall 2024” som ”iu (2023)”; referensår 2023. Uppgift saknas.";
    let shown = strata(
        &db,
        &[
            "--lang",
            "sv",
            "show",
            &format!("{OPS}:1"),
            "--period",
            "2025",
        ],
    );
    let flat: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(note), "{shown}");
    let mut app = open_app(&db.path, Mode::ReadOnly, Lang::Sv);
    keys(&mut app, "/Ledningsgrupp Omsorg<ret>");
    let screen = render(&mut app, 160, 70);
    assert!(screen.contains("2023: Anges i kolumnen"), "{screen}");
    let html = db.path.with_file_name("r.html");
    strata(
        &db,
        &[
            "--lang",
            "sv",
            "report",
            "--plan",
            OPS,
            "--period",
            "2025",
            "--allow-fallback",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<i>(Anges i kolumnen"),
        "the report has the note"
    );
}
