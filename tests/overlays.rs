//! Every overlay as a Finnish and a Swedish coordinator sees it at 80×24:
//! reached by keys, as a user reaches it, on data written at fixed times by
//! fixed people, so that the screens are the same on every machine.

mod common;
use common::*;

use strata::app::{App, Overlay};
use strata::domain::{Field, Lang, Status, TextAt};
use strata::store::{Mode, SetAssessment, Store, TextWrite};

const OPS: &str = "operations-2026";

/// The reference plans with a history: Anna's follow-up of hygiene in
/// March, Bob's retitling in April, and two English texts removed, so that
/// the missing-translations view has something to list.
fn lived_in() -> Db {
    let db = reference_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    store
        .set_assessment(&SetAssessment {
            plan: IC,
            item: "1",
            period: Some("2025"),
            status: Some(Status::OffTrack),
            comment: Some((Lang::Sv, "Tre enheter saknar hygienombud.".into())),
            expect_comment: None,
            user: "anna",
            at: "2026-03-02T09:15:00Z",
        })
        .unwrap();
    let title = TextAt::item(IC, "1", Field::Title).unwrap();
    store
        .set_text(&TextWrite::new(
            &title,
            Lang::Fi,
            Some("Hyvä hygienia"),
            "bob",
            "2026-04-20T13:05:00Z",
        ))
        .unwrap();
    for item in ["2", "3"] {
        let t = TextAt::item(IC, item, Field::Title).unwrap();
        store
            .set_text(&TextWrite::new(
                &t,
                Lang::En,
                None,
                "bob",
                "2026-04-21T08:00:00Z",
            ))
            .unwrap();
    }
    db
}

fn app_in(db: &Db, lang: Lang) -> App {
    let mut app = open_app(&db.path, Mode::ReadWrite, lang);
    app.model.resize(24);
    app
}

fn shot(app: &mut App, name: &str, lang: Lang) {
    insta::assert_snapshot!(format!("{name}_{}_80x24", lang.code()), render(app, 80, 24));
}

/// Selects hygiene (internal-control-2025:1) by searching its code's title
/// in any language.
fn hygiene(app: &mut App) {
    keys(app, "/hygien<ret>");
    assert_eq!(app.model.selected_key().unwrap().item.as_deref(), Some("1"));
}

#[test]
fn the_translation_view() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        hygiene(&mut app);
        keys(&mut app, "t");
        assert!(matches!(app.model.overlay, Overlay::Translations { .. }));
        shot(&mut app, "translations", lang);
    }
}

#[test]
fn the_history_of_an_item_and_of_its_plan() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        hygiene(&mut app);
        keys(&mut app, "H");
        shot(&mut app, "history", lang);
        keys(&mut app, "a");
        shot(&mut app, "history_plan", lang);
    }
}

#[test]
fn the_last_30_days_are_counted_from_the_clock() {
    let db = lived_in();
    let mut app = app_in(&db, Lang::Sv);
    hygiene(&mut app);
    // On 10 May, Anna's March follow-up is older than 30 days; Bob's April
    // retitling is not.
    strata::clock::set_now(Some("2026-05-10T12:00:00Z"));
    keys(&mut app, "Hff");
    let screen = render(&mut app, 120, 40);
    strata::clock::set_now(None);
    assert!(screen.contains("Hyvä hygienia"), "{screen}");
    assert!(!screen.contains("Tre enheter"), "{screen}");
    strata::clock::set_now(Some("2026-04-01T00:00:00Z"));
    keys(&mut app, "ff");
    keys(&mut app, "f");
    let screen = render(&mut app, 120, 40);
    strata::clock::set_now(None);
    assert!(screen.contains("Tre enheter"), "{screen}");
}

#[test]
fn the_missing_translations() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        // Filter to "lacking English".
        keys(&mut app, "M");
        while !render(&mut app, 80, 24).contains("2 ") {
            keys(&mut app, "f");
        }
        shot(&mut app, "missing", lang);
    }
}

#[test]
fn the_figures_and_their_editor() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        let title = if lang == Lang::Fi {
            "Terveydenhuollon yksikkö"
        } else {
            "Medicinska"
        };
        keys(&mut app, &format!("/{title}<ret>"));
        assert_eq!(app.model.selected_key().unwrap().plan, OPS);
        keys(&mut app, "v");
        shot(&mut app, "figures", lang);
        keys(&mut app, "<ret>");
        shot(&mut app, "figure_editor", lang);
    }
}

#[test]
fn a_colleagues_change_met_on_saving() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        hygiene(&mut app);
        keys(&mut app, "c Min rad.");
        let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
        let comment = TextAt::item(
            IC,
            "1",
            Field::Comment {
                period: "2025".into(),
            },
        )
        .unwrap();
        let text = format!("Kollegans text ({}).", lang.code());
        other
            .set_text(&TextWrite::new(
                &comment,
                lang,
                Some(&text),
                "carita",
                "2026-04-22T10:30:00Z",
            ))
            .unwrap();
        keys(&mut app, "<C-s>");
        assert!(matches!(app.model.overlay, Overlay::Conflict(_)));
        shot(&mut app, "conflict", lang);
    }
}

#[test]
fn the_questions() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        hygiene(&mut app);
        keys(&mut app, "d");
        shot(&mut app, "ask_delete", lang);
        keys(&mut app, "<esc>Pa2026<C-s>");
        shot(&mut app, "ask_copy", lang);
        keys(&mut app, "<esc>c x<esc>");
        shot(&mut app, "confirm_discard", lang);
        keys(&mut app, "<C-c>");
        shot(&mut app, "confirm_quit", lang);
    }
}

#[test]
fn the_pickers_and_the_help() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv] {
        let mut app = app_in(&db, lang);
        hygiene(&mut app);
        keys(&mut app, "s");
        shot(&mut app, "status_picker", lang);
        keys(&mut app, "<esc>p");
        shot(&mut app, "period_picker", lang);
        keys(&mut app, "<esc>?");
        shot(&mut app, "help", lang);
    }
}

/// A title stored decomposed (as macOS and some PDF copies write `ä`) is
/// found by typing `ä`, and the hit is highlighted where it is.
#[test]
fn search_finds_a_decomposed_title_by_the_composed_letter() {
    let db = reference_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    let title = TextAt::item(IC, "1", Field::Title).unwrap();
    store
        .set_text(&TextWrite::new(
            &title,
            Lang::Fi,
            Some("Hyva\u{308} hygienia"),
            "anna",
            "2026-03-01T10:00:00Z",
        ))
        .unwrap();
    let mut app = app_in(&db, Lang::Fi);
    keys(&mut app, "/hyvä hyg<ret>");
    assert_eq!(app.model.selected_key().unwrap().item.as_deref(), Some("1"));
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("Ei osumia"), "{screen}");
}

/// `v` on a measure without figures, in Finnish and Swedish: what can be
/// added; an indicator typed in its one-line form, a mistyped one kept in
/// the editor with how to write it, removed with the question in the
/// display language's answer, and undone.
#[test]
fn figures_are_added_removed_and_undone_from_the_figures_list() {
    let db = lived_in();
    for (lang, yes, title, form, added, bad) in [
        (
            Lang::Fi,
            "k",
            "toimiva puhelinpalvelu",
            "Tyytyväiset asiakkaat; %; ≥ 85 / 80",
            "vihreä, kun 85\u{a0}% tai enemmän",
            "Kirjoita nimi; yksikkö",
        ),
        (
            Lang::Sv,
            "j",
            "fungerande telefonservice",
            "Nöjda brukare; %; ≥ 85 / 80",
            "grön vid 85\u{a0}% eller högre",
            "Skriv namn; enhet",
        ),
    ] {
        let mut app = app_in(&db, lang);
        keys(&mut app, &format!("/{title}<ret>"));
        keys(&mut app, "v");
        let screen = render(&mut app, 80, 24);
        assert!(
            screen.contains("+ ") && !screen.contains("Rajat:") && !screen.contains("Gränser:"),
            "{screen}"
        );
        shot(&mut app, "figures_none", lang);
        // A form that cannot be read stays in the editor, with how to write it.
        keys(&mut app, "a<ret>Namn utan gränser<C-s>");
        let screen = render(&mut app, 80, 24);
        assert!(matches!(app.model.overlay, Overlay::Editor(_)), "{screen}");
        assert!(screen.contains(bad), "{screen}");
        // Cleared and typed right, it is saved.
        keys(&mut app, &format!("{}{form}<C-s>", "<bs>".repeat(30)));
        let screen = render(&mut app, 120, 40);
        assert!(screen.contains(added), "{screen}");
        // A note on its value in the period shown, in the display language.
        keys(&mut app, "vj<ret>Enkät/kysely 2025<C-s>");
        let screen = render(&mut app, 120, 40);
        assert!(screen.contains("Enkät/kysely 2025"), "{screen}");
        // Thresholds typed with a decimal: the figures keep one.
        keys(
            &mut app,
            &format!("vjj<ret>{}≥ 85,0 / 80,0<C-s>", "<bs>".repeat(20)),
        );
        let key = app.model.selected_key().unwrap();
        let store = Store::open(&db.path, Mode::ReadOnly).unwrap().store;
        let plan = store.load_plan(&key.plan).unwrap();
        let (it, _) = plan.find(key.item.as_deref().unwrap()).unwrap();
        let ind = it.indicators.last().unwrap();
        assert_eq!((ind.green, ind.yellow, ind.decimals), (85.0, 80.0, Some(1)));
        drop(store);
        // One undo takes back both the thresholds and the decimals.
        keys(&mut app, "u");
        let store = Store::open(&db.path, Mode::ReadOnly).unwrap().store;
        let plan = store.load_plan(&key.plan).unwrap();
        let (it, _) = plan.find(key.item.as_deref().unwrap()).unwrap();
        assert_eq!(it.indicators.last().unwrap().decimals, None);
        drop(store);
        keys(&mut app, "<C-r>");
        // Removed, with the question answered as the language answers.
        keys(&mut app, "vx");
        let screen = render(&mut app, 80, 24);
        assert!(matches!(app.model.overlay, Overlay::Ask(_)), "{screen}");
        shot(&mut app, "remove_indicator", lang);
        keys(&mut app, yes);
        assert!(!render(&mut app, 120, 40).contains(added));
        keys(&mut app, "u");
        assert!(render(&mut app, 120, 40).contains(added));
        // Undone for the next language's round.
        keys(&mut app, "vx");
        keys(&mut app, yes);
    }
}

/// `:` lists every action by its name in the display language; the letters
/// typed narrow it (accents folded), Enter runs the chosen one.
#[test]
fn the_command_palette_finds_an_action_by_name_and_runs_it() {
    let db = lived_in();
    for (lang, typed, shown) in [
        (Lang::Fi, "kaudet", "suunnitelman kaudet"),
        (Lang::Sv, "perioder", "planens perioder"),
        (Lang::En, "periods", "the plan's periods"),
    ] {
        let mut app = app_in(&db, lang);
        keys(&mut app, ":");
        let screen = render(&mut app, 80, 24);
        assert!(
            matches!(app.model.overlay, Overlay::Palette { .. }),
            "{screen}"
        );
        keys(&mut app, typed);
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains(shown), "{screen}");
        shot(&mut app, "palette", lang);
        insta::assert_snapshot!(
            format!("palette_{}_120x40", lang.code()),
            render(&mut app, 120, 40)
        );
        // Down to the row, Enter: the periods view opens, as P does.
        let rows = app.model.palette_rows(typed);
        let at = rows
            .iter()
            .position(|(a, _)| *a == strata::keymap::Action::Periods)
            .expect("periods offered");
        keys(&mut app, &"<down>".repeat(at));
        keys(&mut app, "<ret>");
        assert!(matches!(app.model.overlay, Overlay::Periods { .. }));
        keys(&mut app, "<esc>");
        // Nothing matches: it says so; Esc closes.
        keys(&mut app, ":qqqzz");
        assert!(render(&mut app, 80, 24).contains(match lang {
            Lang::Fi => "Yhdelläkään toiminnolla",
            Lang::Sv => "Ingen åtgärd",
            Lang::En => "No action has those words",
        }));
        keys(&mut app, "<esc>");
        assert_eq!(app.model.overlay, Overlay::None);
    }
}

/// The screens this issue added or changed, in fi, sv and en at 80×24 and
/// 120×40: the figures list with its notes and what can be added, the
/// indicator form with how to write it, the command palette, a plan's code
/// and years, the history with its top change whole, and a long message
/// wrapped (the move hint).
#[test]
fn the_new_screens_in_every_language_at_both_sizes() {
    let db = lived_in();
    for lang in [Lang::Fi, Lang::Sv, Lang::En] {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let mut app = app_in(&db, lang);
            app.model.resize_to(w, h);
            let shot = |app: &mut App, name: &str| {
                insta::assert_snapshot!(
                    format!("new_{name}_{}_{w}x{h}", lang.code()),
                    render(app, w, h)
                );
            };
            hygiene(&mut app);
            keys(&mut app, "v");
            shot(&mut app, "figures");
            keys(&mut app, "<esc>");
            keys(&mut app, "/1.2.1<ret>v");
            keys(&mut app, "a<ret>");
            shot(&mut app, "indicator_form");
            keys(&mut app, "<esc>");
            keys(&mut app, ":tree");
            shot(&mut app, "palette");
            keys(&mut app, "<esc>");
            hygiene(&mut app);
            keys(&mut app, "H");
            shot(&mut app, "history");
            keys(&mut app, "<esc>");
            keys(&mut app, "m");
            shot(&mut app, "move_hint");
            keys(&mut app, "<esc>");
            while app.model.selected_key().unwrap().item.is_some() {
                keys(&mut app, "k");
            }
            keys(&mut app, "r");
            shot(&mut app, "plan_code");
            keys(&mut app, "<esc>");
        }
    }
}
