//! The terminal app without a terminal: key events fed to `strata::app::App`
//! on temporary databases (what the user sees in the model, what the file
//! holds afterwards), and the screen drawn into ratatui's `TestBackend`
//! (insta snapshots of the buffer as plain text).

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use strata::app::tree::NodeKey;
use strata::app::{App, Control, MessageKind, Overlay};
use strata::domain::{Field, Lang, Status, TextAt};
use strata::exchange::parse;
use strata::keymap::Keymap;
use strata::store::{Mode, SetAssessment, Store, TextWrite};

mod common;
use common::*;

// ============================================================ A. the flows

// 1. Moving -----------------------------------------------------------------

#[test]
fn j_k_g_shift_g_and_pages_move_the_cursor() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let n = app.model.rows.len();
    assert!(n > 40, "five plans open one level: {n} rows");
    assert_eq!(app.model.cursor, 0);
    assert_eq!(selected(&app), key("languages-2025", None));

    press(&mut app, 'j');
    assert_eq!(app.model.cursor, 1);
    assert_eq!(selected(&app), key("languages-2025", Some("1")));
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.model.cursor, 2);
    press(&mut app, 'k');
    press_code(&mut app, KeyCode::Up);
    assert_eq!(app.model.cursor, 0);
    press(&mut app, 'k');
    assert_eq!(app.model.cursor, 0, "k on the first row stays");

    press(&mut app, 'G');
    assert_eq!(app.model.cursor, n - 1);
    assert_eq!(selected(&app), key("integration-2022", Some("4")));
    press(&mut app, 'j');
    assert_eq!(app.model.cursor, n - 1, "j on the last row stays");
    assert!(app.model.offset > 0, "the last row is scrolled into view");
    assert!(app.model.cursor < app.model.offset + app.model.tree_height());
    press(&mut app, 'g');
    assert_eq!(app.model.cursor, 0);
    assert_eq!(app.model.offset, 0);

    let page = app.model.tree_height() - 1;
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(app.model.cursor, page);
    press_code(&mut app, KeyCode::PageDown);
    assert_eq!(
        app.model.cursor,
        n - 1,
        "the second page ends at the last row"
    );
    press_code(&mut app, KeyCode::PageUp);
    assert_eq!(app.model.cursor, n - 1 - page);
    press_code(&mut app, KeyCode::PageUp);
    assert_eq!(app.model.cursor, 0);
    assert_eq!(app.key(&ctrl('d')), Control::Continue);
    assert_eq!(app.model.cursor, page, "Ctrl-D is a page down too");
}

#[test]
fn l_enter_and_right_open_and_h_left_close_or_go_to_the_parent() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let n = app.model.rows.len();
    press(&mut app, 'j');
    let goal = key("languages-2025", Some("1"));
    assert_eq!(selected(&app), goal);
    assert!(!app.model.rows[1].expanded);

    // l opens and keeps the selection on the node.
    press(&mut app, 'l');
    assert_eq!(selected(&app), goal);
    assert!(app.model.rows[1].expanded);
    assert_eq!(app.model.rows.len(), n + 3, "its three measures are shown");
    // l on an open node goes into it.
    press(&mut app, 'l');
    assert_eq!(selected(&app), key("languages-2025", Some("1.1")));

    // Enter and → open as well.
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app), key("languages-2025", Some("1.1")));
    assert!(app.model.selected().unwrap().expanded);
    press_code(&mut app, KeyCode::Right);
    let grandchild = selected(&app);
    assert_eq!(grandchild.plan, "languages-2025");
    assert_ne!(grandchild.item.as_deref(), Some("1.1"));
    assert_eq!(app.model.selected().unwrap().depth(), 3);

    // h on a closed node goes to the parent; ← too.
    press(&mut app, 'h');
    assert_eq!(selected(&app), key("languages-2025", Some("1.1")));
    // h on an open node closes it and stays.
    press(&mut app, 'h');
    assert_eq!(selected(&app), key("languages-2025", Some("1.1")));
    assert!(!app.model.selected().unwrap().expanded);
    press_code(&mut app, KeyCode::Left);
    assert_eq!(selected(&app), goal);
    press_code(&mut app, KeyCode::Left);
    assert_eq!(selected(&app), goal, "← closes the open goal");
    assert!(!app.model.selected().unwrap().expanded);
    assert_eq!(app.model.rows.len(), n);
    press(&mut app, 'h');
    assert_eq!(selected(&app), key("languages-2025", None));
    press(&mut app, 'h');
    assert_eq!(selected(&app), key("languages-2025", None));
    assert!(!app.model.selected().unwrap().expanded, "the plan closes");
    assert_eq!(app.model.rows.len(), n - 3);
    press(&mut app, 'h');
    assert_eq!(app.model.cursor, 0, "a closed plan has no parent");

    // A leaf does not open.
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    let rows = app.model.rows.len();
    press(&mut app, 'l');
    assert_eq!(selected(&app), key(IC, Some("1")));
    assert_eq!(app.model.rows.len(), rows);
}

// 2. The status picker -----------------------------------------------------

#[test]
fn digit_in_the_status_picker_sets_the_status_in_the_file_and_the_log() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    let (before, rows) = stored(&db.path, IC, "1", "2025");
    assert_eq!(before, Status::AtRisk);
    let log = change_count(&db.path, IC, "1");

    press(&mut app, 's');
    assert_eq!(
        app.model.overlay,
        Overlay::StatusPicker { choice: 2 },
        "the picker starts on the current status"
    );
    press(&mut app, '4');
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(shown_status(&app, IC, "1"), Status::OffTrack);
    assert_eq!(selected(&app), key(IC, Some("1")));
    let (kind, text) = message(&app);
    assert_eq!(kind, MessageKind::Info);
    assert_eq!(text, "internal-control-2025:1: ▲ at risk → ■ off track");

    assert_eq!(
        stored(&db.path, IC, "1", "2025"),
        (Status::OffTrack, rows + 1)
    );
    let changes = Store::open(&db.path, Mode::ReadOnly)
        .unwrap()
        .store
        .changes(IC, Some("1"), 10)
        .unwrap();
    assert_eq!(change_count(&db.path, IC, "1"), log + 1);
    let last = &changes[0];
    assert_eq!(last.field, "status");
    assert_eq!(last.period.as_deref(), Some("2025"));
    assert_eq!(last.old.as_deref(), Some("at_risk"));
    assert_eq!(last.new.as_deref(), Some("off_track"));
}

#[test]
fn enter_in_the_status_picker_confirms_the_highlighted_status() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 's');
    press(&mut app, 'j');
    press_code(&mut app, KeyCode::Down);
    assert_eq!(app.model.overlay, Overlay::StatusPicker { choice: 4 });
    press(&mut app, 'j');
    assert_eq!(app.model.overlay, Overlay::StatusPicker { choice: 4 });
    press(&mut app, 'k');
    press(&mut app, 'k');
    press(&mut app, 'k');
    assert_eq!(app.model.overlay, Overlay::StatusPicker { choice: 1 });
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(shown_status(&app, IC, "1"), Status::OnTrack);
    assert_eq!(stored(&db.path, IC, "1", "2025").0, Status::OnTrack);
}

#[test]
fn esc_in_the_status_picker_writes_nothing() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    let before = stored(&db.path, IC, "1", "2025");
    let log = change_count(&db.path, IC, "1");
    press(&mut app, 's');
    press(&mut app, 'j');
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(shown_status(&app, IC, "1"), Status::AtRisk);
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);
    assert_eq!(change_count(&db.path, IC, "1"), log);
    assert!(app.model.undo.is_empty());
}

#[test]
fn s_on_a_plan_row_is_an_error_and_opens_no_picker() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    assert_eq!(selected(&app), key("languages-2025", None));
    press(&mut app, 's');
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(
        message(&app),
        (
            MessageKind::Error,
            "Select an item first (not the plan).".to_owned()
        )
    );
    // The next key clears the message.
    press(&mut app, 'j');
    assert!(app.model.message.is_none());
}

// 3. The comment editor ----------------------------------------------------

fn editor_text(app: &App) -> String {
    match &app.model.overlay {
        Overlay::Editor(ed) | Overlay::ConfirmDiscard(ed) | Overlay::ConfirmQuit(ed) => ed.text(),
        other => panic!("no editor open: {other:?}"),
    }
}

#[test]
fn a_comment_typed_in_swedish_is_saved_in_swedish_only() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    let old = item_in(&load(&db.path, IC), "1")
        .current("2025")
        .unwrap()
        .comment
        .clone();
    let old_sv = old.get(Lang::Sv).unwrap().to_owned();

    press(&mut app, 'c');
    let Overlay::Editor(ed) = &app.model.overlay else {
        panic!("c opens the editor: {:?}", app.model.overlay);
    };
    assert_eq!(ed.lang, Lang::Sv);
    assert_eq!(
        ed.target,
        strata::app::editor::Target::Text(
            TextAt::item(
                IC,
                "1",
                Field::Comment {
                    period: "2025".into()
                }
            )
            .unwrap()
        )
    );
    assert_eq!(ed.text(), old_sv, "the editor starts with the comment");

    type_text(&mut app, " Städning på äldreboendet.\nÅtgärd: öka");
    let expected = format!("{old_sv} Städning på äldreboendet.\nÅtgärd: öka");
    assert_eq!(editor_text(&app), expected);
    app.key(&ctrl('s'));
    assert_eq!(app.model.overlay, Overlay::None, "saving closes the editor");
    assert_eq!(
        message(&app),
        (
            MessageKind::Info,
            "internal-control-2025:1: sparad.".to_owned()
        )
    );

    let plan = load(&db.path, IC);
    let now = item_in(&plan, "1").current("2025").unwrap();
    assert_eq!(now.comment.get(Lang::Sv), Some(expected.as_str()));
    assert_eq!(now.comment.get(Lang::Fi), old.get(Lang::Fi));
    assert_eq!(now.comment.get(Lang::En), old.get(Lang::En));
    assert_eq!(now.status, Status::AtRisk, "the status is kept");
    let changes = Store::open(&db.path, Mode::ReadOnly)
        .unwrap()
        .store
        .changes(IC, Some("1"), 10)
        .unwrap();
    assert_eq!(changes[0].field, "comment");
    assert_eq!(changes[0].lang, Some(Lang::Sv));
    assert_eq!(changes[0].new.as_deref(), Some(expected.as_str()));
}

#[test]
fn esc_on_a_changed_comment_asks_and_n_goes_back_y_throws_away() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    let before = stored(&db.path, IC, "1", "2025");
    let log = change_count(&db.path, IC, "1");

    // Unchanged: Esc closes without asking.
    press(&mut app, 'c');
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.overlay, Overlay::None);

    press(&mut app, 'c');
    let original = editor_text(&app);
    type_text(&mut app, " More.");
    press_code(&mut app, KeyCode::Esc);
    assert!(matches!(app.model.overlay, Overlay::ConfirmDiscard(_)));
    press(&mut app, 'n');
    assert!(matches!(app.model.overlay, Overlay::Editor(_)));
    assert_eq!(editor_text(&app), format!("{original} More."));
    type_text(&mut app, "!");
    assert_eq!(editor_text(&app), format!("{original} More.!"));

    press_code(&mut app, KeyCode::Esc);
    assert!(matches!(app.model.overlay, Overlay::ConfirmDiscard(_)));
    press(&mut app, 'y');
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(
        message(&app),
        (MessageKind::Info, "The change was thrown away.".to_owned())
    );
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);
    assert_eq!(change_count(&db.path, IC, "1"), log);
    let now = item_in(&load(&db.path, IC), "1")
        .current("2025")
        .unwrap()
        .comment
        .get(Lang::En)
        .map(str::to_owned);
    assert_eq!(now.as_deref(), Some(original.as_str()));
}

#[test]
fn ctrl_c_in_a_changed_editor_asks_before_quitting() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_hygiene(&mut app);
    let before = stored(&db.path, IC, "1", "2025");
    press(&mut app, 'c');
    type_text(&mut app, " lisää");
    assert_eq!(app.key(&ctrl('c')), Control::Continue);
    assert!(matches!(app.model.overlay, Overlay::ConfirmQuit(_)));
    // e (ei) goes back to the text; k (kyllä) quits.
    assert_eq!(press(&mut app, 'e'), Control::Continue);
    assert!(editor_text(&app).ends_with(" lisää"));
    assert_eq!(app.key(&ctrl('c')), Control::Continue);
    assert!(matches!(app.model.overlay, Overlay::ConfirmQuit(_)));
    assert_eq!(press(&mut app, 'k'), Control::Quit);
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);

    // An unchanged editor quits at once.
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_hygiene(&mut app);
    press(&mut app, 'c');
    assert_eq!(app.key(&ctrl('c')), Control::Quit);
}

// 4. Language ----------------------------------------------------------------

#[test]
fn shift_l_cycles_the_languages_and_says_which() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    let expect = [
        (Lang::Sv, "Språk: svenska"),
        (Lang::En, "Language: English"),
        (Lang::Fi, "Kieli: suomi"),
    ];
    for (lang, text) in expect {
        press(&mut app, 'L');
        assert_eq!(app.model.lang, lang);
        assert_eq!(message(&app), (MessageKind::Info, text.to_owned()));
    }
}

// 5. Search ------------------------------------------------------------------

#[test]
fn search_moves_to_the_first_hit_and_enter_keeps_it() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    // Close internal-control-2025 first, so that the hit must be revealed.
    app.model.reveal(&key(IC, None));
    assert_eq!(selected(&app), key(IC, None));
    press(&mut app, 'h');
    press(&mut app, 'g');
    assert!(app.model.find_row(&key(IC, Some("1"))).is_none());

    press(&mut app, '/');
    assert!(matches!(app.model.overlay, Overlay::Search { .. }));
    type_text(&mut app, "hygien");
    assert_eq!(selected(&app), key(IC, Some("1")), "revealed and selected");
    assert_eq!(app.model.hits, vec![key(IC, Some("1"))]);
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(selected(&app), key(IC, Some("1")));
    assert_eq!(app.model.query, "hygien");
    assert_eq!(app.model.hits, vec![key(IC, Some("1"))]);
    press(&mut app, 'n');
    assert_eq!(selected(&app), key(IC, Some("1")));
    assert_eq!(
        message(&app),
        (MessageKind::Info, "Hit 1 of 1 for “hygien”".to_owned())
    );
}

#[test]
fn n_and_shift_n_cycle_through_the_hits() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'n');
    assert_eq!(message(&app).0, MessageKind::Error, "no search yet");

    press(&mut app, '/');
    type_text(&mut app, "bilingual");
    press_code(&mut app, KeyCode::Enter);
    let hits = app.model.hits.clone();
    assert!(hits.len() >= 3, "{hits:?}");
    assert_eq!(selected(&app), hits[0]);
    for i in 1..hits.len() {
        press(&mut app, 'n');
        assert_eq!(selected(&app), hits[i]);
        // A hit beyond the title says where it lies ("· description (en)").
        assert!(
            message(&app).1.starts_with(&format!(
                "Hit {} of {} for “bilingual”",
                i + 1,
                hits.len()
            )),
            "{}",
            message(&app).1
        );
    }
    press(&mut app, 'n');
    assert_eq!(selected(&app), hits[0], "n wraps to the first hit");
    press(&mut app, 'N');
    assert_eq!(selected(&app), hits[hits.len() - 1], "N wraps to the last");
    press(&mut app, 'N');
    assert_eq!(selected(&app), hits[hits.len() - 2]);
}

#[test]
fn search_finds_indicators_comments_and_owners_and_says_where() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    // "Helhetssyn" is an indicator of the operations plan, in no title.
    keys(&mut app, "/Helhetssyn");
    assert!(!app.model.hits.is_empty(), "no hits");
    let first = app.model.hits[0].clone();
    assert_eq!(first.plan, "operations-2026");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("· indikator (sv)"), "{screen}");
    keys(&mut app, "<ret>n");
    let (_, said) = message(&app);
    assert!(said.contains("· indikator (sv)"), "{said}");
    // An owner, in Finnish.
    keys(&mut app, "/Lääketieteellisesti vastaava");
    assert_eq!(selected(&app), key(IC, Some("1")));
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("· Ansvarig (fi)"), "{screen}");
    keys(&mut app, "<ret>");
    // A title still comes first.
    keys(&mut app, "/hygien<ret>");
    assert_eq!(selected(&app), key(IC, Some("1")));
}

#[test]
fn esc_during_search_restores_the_selection() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'j');
    let origin = selected(&app);
    press(&mut app, '/');
    type_text(&mut app, "hygien");
    assert_eq!(selected(&app), key(IC, Some("1")));
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(selected(&app), origin);
    assert!(app.model.query.is_empty());
    assert!(app.model.hits.is_empty());
}

#[test]
fn esc_during_search_restores_the_selection_when_the_hit_opened_nodes_above() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'G');
    let origin = selected(&app);
    assert_eq!(origin, key("integration-2022", Some("4")));
    press(&mut app, '/');
    // Only a measure under the closed goal 3 of languages-2025 matches: the
    // search opens goal 3, which puts three rows above the origin.
    type_text(&mut app, "language climate");
    assert_eq!(app.model.hits, vec![key("languages-2025", Some("3.1"))]);
    assert_eq!(selected(&app), key("languages-2025", Some("3.1")));
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(selected(&app), origin);
}

#[test]
fn esc_during_search_leaves_the_tree_as_it_was() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    let open = |app: &App| -> Vec<NodeKey> {
        let m = &app.model;
        m.rows
            .iter()
            .filter(|r| r.expanded)
            .map(|r| m.row_key(r))
            .collect()
    };
    let before = open(&app);
    let rows = app.model.rows.len();
    press(&mut app, '/');
    type_text(&mut app, "hygien");
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(selected(&app), key("languages-2025", None));
    assert_eq!(open(&app), before, "no node stays opened by the search");
    assert_eq!(app.model.rows.len(), rows);
}

// 6. Period ------------------------------------------------------------------

#[test]
fn p_chooses_the_period_and_the_statuses_follow() {
    let db = tiny_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'j');
    assert_eq!(selected(&app), key("tiny", Some("1")));
    assert_eq!(app.model.plans[0].period.as_deref(), Some("2025"));
    assert_eq!(shown_status(&app, "tiny", "1"), Status::OffTrack);
    assert_eq!(shown_status(&app, "tiny", "2"), Status::NotAssessed);

    press(&mut app, 'p');
    assert_eq!(app.model.overlay, Overlay::PeriodPicker { choice: 1 });
    press(&mut app, 'k');
    assert_eq!(app.model.overlay, Overlay::PeriodPicker { choice: 0 });
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(app.model.plans[0].period.as_deref(), Some("2024"));
    assert_eq!(shown_status(&app, "tiny", "1"), Status::OnTrack);
    assert_eq!(shown_status(&app, "tiny", "2"), Status::Done);
    assert_eq!(selected(&app), key("tiny", Some("1")));
    assert_eq!(
        message(&app),
        (MessageKind::Info, "Period: Year 2024".to_owned())
    );

    // Esc leaves the period as it is; a status is now set in 2024.
    press(&mut app, 'p');
    press(&mut app, 'j');
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.plans[0].period.as_deref(), Some("2024"));
    press(&mut app, 's');
    press(&mut app, '3');
    assert_eq!(stored(&db.path, "tiny", "1", "2024").0, Status::AtRisk);
    assert_eq!(stored(&db.path, "tiny", "1", "2025").0, Status::OffTrack);
    assert_eq!(app.model.plans[0].period.as_deref(), Some("2024"));
    assert_eq!(shown_status(&app, "tiny", "1"), Status::AtRisk);
}

// 7. Undo and redo -------------------------------------------------------------

#[test]
fn u_undoes_the_last_status_and_ctrl_r_redoes_it() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'u');
    assert_eq!(
        message(&app),
        (MessageKind::Error, "Nothing to undo.".to_owned())
    );
    app.key(&ctrl('r'));
    assert_eq!(
        message(&app),
        (MessageKind::Error, "Nothing to redo.".to_owned())
    );

    select_hygiene(&mut app);
    let before = stored(&db.path, IC, "1", "2025");
    assert_eq!(before.0, Status::AtRisk);
    press(&mut app, 's');
    press(&mut app, '4');
    assert_eq!(
        stored(&db.path, IC, "1", "2025"),
        (Status::OffTrack, before.1 + 1)
    );

    press(&mut app, 'u');
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);
    assert_eq!(shown_status(&app, IC, "1"), Status::AtRisk);
    assert_eq!(
        message(&app),
        (
            MessageKind::Info,
            "Undone: internal-control-2025:1 (2025): ■ off track → ▲ at risk".to_owned()
        )
    );
    press(&mut app, 'u');
    assert_eq!(message(&app).0, MessageKind::Error, "only one step to undo");
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);

    app.key(&ctrl('r'));
    assert_eq!(
        stored(&db.path, IC, "1", "2025"),
        (Status::OffTrack, before.1 + 1)
    );
    assert_eq!(shown_status(&app, IC, "1"), Status::OffTrack);
    assert_eq!(
        message(&app),
        (
            MessageKind::Info,
            "Redone: internal-control-2025:1 (2025): ▲ at risk → ■ off track".to_owned()
        )
    );
    // And once more back.
    press(&mut app, 'u');
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);
    assert_eq!(selected(&app), key(IC, Some("1")));
}

// 8. Quit and help -------------------------------------------------------------

#[test]
fn q_quits_and_question_mark_opens_help_that_esc_closes() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    assert_eq!(press(&mut app, '?'), Control::Continue);
    assert_eq!(app.model.overlay, Overlay::Help { scroll: 0 });
    press(&mut app, 'j');
    assert_eq!(app.model.overlay, Overlay::Help { scroll: 1 });
    assert_eq!(app.model.cursor, 0, "j scrolls the help, not the tree");
    assert_eq!(press_code(&mut app, KeyCode::Esc), Control::Continue);
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(press(&mut app, 'q'), Control::Quit);

    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    assert_eq!(app.key(&ctrl('c')), Control::Quit);
}

// 9. Read-only -------------------------------------------------------------------

#[test]
fn read_only_refuses_status_and_comment() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadOnly, Lang::En);
    assert!(app.model.read_only);
    select_hygiene(&mut app);
    let before = stored(&db.path, IC, "1", "2025");
    let ro = "Opened read-only (--read-only): nothing can be changed.";
    for k in ['s', 'c', 'e'] {
        press(&mut app, k);
        assert_eq!(app.model.overlay, Overlay::None, "{k} opens nothing");
        assert_eq!(message(&app), (MessageKind::Error, ro.to_owned()), "{k}");
    }
    // A digit is not a status outside the picker.
    press(&mut app, '4');
    assert_eq!(stored(&db.path, IC, "1", "2025"), before);
    let screen = render(&mut app, 120, 40);
    assert!(screen.lines().next().unwrap().contains("READ-ONLY"));
}

// 10. Live refresh -----------------------------------------------------------------

#[test]
fn a_write_by_another_strata_shows_up_and_the_selection_stays() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    assert!(!app.refresh_if_changed().unwrap());
    assert_eq!(shown_status(&app, IC, "3"), Status::OnTrack);

    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_assessment(&SetAssessment {
            plan: IC,
            item: "3",
            period: Some("2025"),
            status: Some(Status::Done),
            comment: None,
            user: "colleague",
            at: "2026-02-01T09:00:00Z",
            expect_comment: None,
        })
        .unwrap();

    assert!(app.refresh_if_changed().unwrap());
    assert_eq!(shown_status(&app, IC, "3"), Status::Done);
    assert_eq!(selected(&app), key(IC, Some("1")));
    assert!(!app.refresh_if_changed().unwrap(), "only once per change");
    // The other's write is not the user's own: nothing to undo.
    press(&mut app, 'u');
    assert_eq!(message(&app).0, MessageKind::Error);
    assert_eq!(stored(&db.path, IC, "3", "2025").0, Status::Done);
}

// 11. Keymap overrides ------------------------------------------------------------

#[test]
fn an_overridden_key_opens_search_and_the_old_one_does_not() {
    let db = reference_db();
    let over: toml::Table = toml::from_str("[browse]\nsearch = [\"-\"]").unwrap();
    let keymap = Keymap::load(&over).unwrap();
    let mut app = open_app_with(&db.path, Mode::ReadWrite, Lang::En, keymap);
    press(&mut app, '/');
    assert_eq!(app.model.overlay, Overlay::None, "/ no longer searches");
    press(&mut app, '-');
    assert!(matches!(app.model.overlay, Overlay::Search { .. }));
    type_text(&mut app, "hygien");
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app), key(IC, Some("1")));
    // The footer shows the user's key.
    let screen = render(&mut app, 120, 40);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("- search"), "{footer}");
    assert!(!footer.contains("/ search"), "{footer}");
}

// ======================================================== B. the screen

fn main_screen(lang: Lang, w: u16, h: u16) -> String {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, lang);
    select_hygiene(&mut app);
    render(&mut app, w, h)
}

#[test]
fn snapshot_main_screens() {
    for lang in Lang::ALL {
        for (w, h) in [(80, 24), (120, 40)] {
            let name = format!("main_{}_{w}x{h}", lang.code());
            let screen = main_screen(lang, w, h);
            assert_eq!(screen.lines().count(), h as usize);
            insta::assert_snapshot!(name, screen);
        }
    }
}

#[test]
fn snapshot_status_picker() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 's');
    insta::assert_snapshot!("status_picker_en_80x24", render(&mut app, 80, 24));
}

#[test]
fn snapshot_help_in_finnish() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_hygiene(&mut app);
    press(&mut app, '?');
    insta::assert_snapshot!("help_fi_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("help_fi_120x40", render(&mut app, 120, 40));
}

#[test]
fn snapshot_comment_editor() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 'c');
    type_text(&mut app, "\nÅtgärd: fler hygienombud på äldreboendet.");
    insta::assert_snapshot!("comment_editor_sv_80x24", render(&mut app, 80, 24));
    press_code(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("confirm_discard_sv_80x24", render(&mut app, 80, 24));
}

/// The text inside the comment editor's box at 80×24 (columns 3..77 of
/// the rows between its borders), its words joined by single spaces.
fn editor_box_words(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().position(|l| l.starts_with("  ┌")).unwrap();
    let bottom = lines.iter().position(|l| l.starts_with("  └")).unwrap();
    let inner: Vec<String> = lines[top + 1..bottom]
        .iter()
        .map(|l| l.chars().skip(3).take(74).collect())
        .collect();
    inner
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_comment_editor_shows_the_whole_comment() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 'c');
    let comment = editor_text(&app);
    assert!(comment.chars().count() > 500, "a long comment: {comment}");
    let shown = editor_box_words(&render(&mut app, 80, 24));
    let words = comment.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(shown, words);
}

#[test]
fn snapshot_period_picker() {
    let db = tiny_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'j');
    press(&mut app, 'p');
    insta::assert_snapshot!("period_picker_en_80x24", render(&mut app, 80, 24));
}

#[test]
fn tiny_windows_do_not_panic_and_say_they_are_too_small() {
    let db = reference_db();
    for lang in Lang::ALL {
        let mut app = open_app(&db.path, Mode::ReadWrite, lang);
        select_hygiene(&mut app);
        for w in 0..=20 {
            for h in 0..=5 {
                render(&mut app, w, h);
            }
        }
        let whole = match lang {
            Lang::Fi => "Ikkuna on liian pieni stratalle: se tarvitsee vähintään 40×10.",
            Lang::Sv => "Fönstret är för litet för strata: det behöver minst 40×10.",
            Lang::En => "The window is too small for strata: it needs at least 40×10.",
        };
        for (w, h) in [(39, 9), (39, 20), (100, 9), (20, 5)] {
            let screen = render(&mut app, w, h);
            let words: Vec<&str> = screen.split_whitespace().collect();
            assert_eq!(words.join(" "), whole, "{w}×{h}:\n{screen}");
        }
        let one = render(&mut app, 1, 1);
        assert_eq!(one, whole.chars().next().unwrap().to_string());
        // 40×10 is big enough for the real screen.
        let screen = render(&mut app, 40, 10);
        assert!(!screen.contains("40×10"), "{screen}");
        assert!(screen.starts_with(" strata"), "{screen}");
        assert_eq!(screen.lines().count(), 10);
        // Overlays at the smallest size do not panic either.
        for k in ['s', '?'] {
            press(&mut app, k);
            render(&mut app, 40, 10);
            press_code(&mut app, KeyCode::Esc);
        }
        press(&mut app, 'c');
        render(&mut app, 40, 10);
        render(&mut app, 1, 1);
        press_code(&mut app, KeyCode::Esc);
    }
}

#[test]
fn escape_sequences_in_the_data_are_shown_escaped() {
    let json = r#"{
  "format": "strata",
  "version": 1,
  "plans": [
    {
      "code": "evil",
      "title": {"en": "Plan \u001b[2J cleared"},
      "periods": [{"code": "2025", "start": "2025-01-01"}],
      "items": [
        {"code": "1", "title": {"en": "Item \u001b]0;pwned\u0007 title"},
         "description": {"en": "Text \u001b[31mred"},
         "assessments": [
           {"period": "2025", "status": "at_risk", "comment": {"en": "Comment \u001b[2J here"},
            "by": "x\u001b[1m", "at": "2025-06-30T10:00:00Z"}
         ]}
      ]
    }
  ]
}"#;
    let plans = parse("evil.json", json.as_bytes()).unwrap().plans;
    assert!(plans[0].title.get(Lang::En).unwrap().contains('\u{1b}'));
    let db = db_with(&plans);
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = render(&mut app, w, h);
        assert!(!screen.contains('\u{1b}'), "{screen}");
        assert!(!screen.contains('\u{7}'), "{screen}");
        assert!(screen.contains("Plan \\u{1b}[2J cleared"), "{screen}");
    }
    press(&mut app, 'j');
    let screen = render(&mut app, 120, 40);
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert!(
        screen.contains("Item \\u{1b}]0;pwned\\u{7} title"),
        "{screen}"
    );
    assert!(screen.contains("Comment \\u{1b}[2J here"), "{screen}");
    assert!(screen.contains("Text \\u{1b}[31mred"), "{screen}");
    // Every cell holds printable text only.
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| strata::ui::draw(f, &app.model)).unwrap();
    for c in &term.backend().buffer().content {
        assert!(
            !c.symbol().chars().any(char::is_control),
            "{:?}",
            c.symbol()
        );
    }
}

// 12. Two people, one file: a save never overwrites another's change ----------------

/// Another strata writes a new Swedish comment for internal-control-2025:1
/// while this app has the Swedish comment open.
fn colleague_writes_comment(path: &Path, text: &str) {
    let mut other = Store::open(path, Mode::ReadWrite).unwrap().store;
    other
        .set_assessment(&SetAssessment {
            plan: IC,
            item: "1",
            period: Some("2025"),
            status: None,
            comment: Some((Lang::Sv, text.to_owned())),
            expect_comment: None,
            user: "colleague",
            at: "2026-02-01T09:00:00Z",
        })
        .unwrap();
}

fn comment_sv(path: &Path) -> Option<String> {
    let p = load(path, IC);
    item_in(&p, "1")
        .current("2025")
        .and_then(|a| a.comment.get(Lang::Sv).map(str::to_owned))
}

/// Opens the Swedish comment of item 1, replaces it with `mine`, and has a
/// colleague change it meanwhile; then saves.
fn conflicting_save(db: &Db, mine: &str) -> App {
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 'c');
    app.key(&ctrl('a'));
    app.key(&ctrl('k'));
    type_text(&mut app, mine);
    colleague_writes_comment(&db.path, "Kollegans text");
    app.key(&ctrl('s'));
    app
}

#[test]
fn a_save_over_a_colleagues_change_shows_both_and_overwrites_nothing() {
    let db = reference_db();
    let mut app = conflicting_save(&db, "Min text");
    let Overlay::Conflict(c) = &app.model.overlay else {
        panic!("no conflict shown: {:?}", app.model.overlay);
    };
    assert_eq!(c.theirs.as_deref(), Some("Kollegans text"));
    assert_eq!(c.by, "colleague");
    assert_eq!(c.editor.text(), "Min text");
    assert_eq!(comment_sv(&db.path).as_deref(), Some("Kollegans text"));
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("Kollegans text"), "{screen}");
    assert!(screen.contains("Min text"), "{screen}");
    assert!(screen.contains("behåll min"), "{screen}");
}

#[test]
fn keep_mine_saves_mine_and_theirs_stays_in_the_history() {
    let db = reference_db();
    let mut app = conflicting_save(&db, "Min text");
    press(&mut app, 'k');
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(comment_sv(&db.path).as_deref(), Some("Min text"));
    let p = load(&db.path, IC);
    let texts: Vec<_> = item_in(&p, "1")
        .assessments
        .iter()
        .filter_map(|a| a.comment.get(Lang::Sv))
        .collect();
    assert!(texts.contains(&"Kollegans text"), "{texts:?}");
}

#[test]
fn take_theirs_keeps_mine_in_the_change_log() {
    let db = reference_db();
    let mut app = conflicting_save(&db, "Min text");
    press(&mut app, 't');
    assert_eq!(app.model.overlay, Overlay::None);
    assert_eq!(comment_sv(&db.path).as_deref(), Some("Kollegans text"));
    let log = Store::open(&db.path, Mode::ReadOnly)
        .unwrap()
        .store
        .changes(IC, Some("1"), 10)
        .unwrap();
    assert!(
        log.iter()
            .any(|c| c.field == "comment-discarded" && c.new.as_deref() == Some("Min text")),
        "{log:?}"
    );
}

#[test]
fn back_to_editing_then_saving_is_checked_against_theirs() {
    let db = reference_db();
    let mut app = conflicting_save(&db, "Min text");
    press(&mut app, 'e');
    assert!(matches!(app.model.overlay, Overlay::Editor(_)));
    type_text(&mut app, " och mer");
    app.key(&ctrl('s'));
    assert_eq!(app.model.overlay, Overlay::None, "{:?}", app.model.message);
    assert_eq!(comment_sv(&db.path).as_deref(), Some("Min text och mer"));
}

#[test]
fn a_title_changed_by_a_colleague_is_not_overwritten() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'e');
    type_text(&mut app, " (mine)");
    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_text(&TextWrite {
            text: &TextAt::item(IC, "1", Field::item_text("title").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("Hygiene (theirs)"),
            expect: None,
            user: "colleague",
            at: "2026-02-01T09:00:00Z",
        })
        .unwrap();
    app.key(&ctrl('s'));
    let Overlay::Conflict(c) = &app.model.overlay else {
        panic!("no conflict shown: {:?}", app.model.overlay);
    };
    assert_eq!(c.theirs.as_deref(), Some("Hygiene (theirs)"));
    assert_eq!(c.by, "colleague");
    let p = load(&db.path, IC);
    assert_eq!(
        item_in(&p, "1").title.get(Lang::En),
        Some("Hygiene (theirs)")
    );
}

// 13. Editing the plan's structure from the keyboard ------------------------------

fn codes_under(path: &Path, plan: &str, parent: Option<&str>) -> Vec<String> {
    let p = load(path, plan);
    let items = match parent {
        Some(c) => &item_in(&p, c).children,
        None => &p.items,
    };
    items.iter().map(|i| i.code.clone()).collect()
}

#[test]
fn a_adds_a_measure_under_the_item_with_its_title_in_the_display_language() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 'a');
    type_text(&mut app, "Ny kontroll av handhygien");
    app.key(&ctrl('s'));
    assert_eq!(app.model.overlay, Overlay::None, "{:?}", app.model.message);
    assert_eq!(codes_under(&db.path, IC, Some("1")), ["1.1"]);
    let p = load(&db.path, IC);
    let new = item_in(&p, "1.1");
    assert_eq!(new.title.get(Lang::Sv), Some("Ny kontroll av handhygien"));
    assert_eq!(new.title.get(Lang::Fi), None, "only the display language");
    assert_eq!(selected(&app), key(IC, Some("1.1")));
    // An empty title adds nothing and keeps the editor open.
    press(&mut app, 'A');
    app.key(&ctrl('s'));
    assert!(matches!(app.model.overlay, Overlay::Editor(_)));
    assert_eq!(codes_under(&db.path, IC, Some("1")), ["1.1"]);
}

#[test]
fn capital_a_adds_after_the_item_and_u_takes_it_away_again() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'A');
    type_text(&mut app, "Fire safety");
    app.key(&ctrl('s'));
    let top = codes_under(&db.path, IC, None);
    assert_eq!(top[0..2], ["1".to_owned(), "8".to_owned()]);
    press(&mut app, 'u');
    assert_eq!(codes_under(&db.path, IC, None).len(), 7);
    app.key(&ctrl('r'));
    assert_eq!(codes_under(&db.path, IC, None)[1], "8");
}

#[test]
fn d_asks_with_counts_then_deletes_and_u_restores_everything() {
    let db = reference_db();
    let before = strata::exchange::Document::new(
        Store::open(&db.path, Mode::ReadOnly)
            .unwrap()
            .store
            .load_all()
            .unwrap(),
    )
    .to_json();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'd');
    let Overlay::Ask(q) = &app.model.overlay else {
        panic!("no question: {:?}", app.model.overlay);
    };
    assert!(
        q.text.contains("0 items under it and 1 follow-up"),
        "{}",
        q.text
    );
    press(&mut app, 'n');
    assert_eq!(
        codes_under(&db.path, IC, None).len(),
        7,
        "n deletes nothing"
    );
    press(&mut app, 'd');
    press(&mut app, 'y');
    assert!(!codes_under(&db.path, IC, None).contains(&"1".to_owned()));
    press(&mut app, 'u');
    let after = strata::exchange::Document::new(
        Store::open(&db.path, Mode::ReadOnly)
            .unwrap()
            .store
            .load_all()
            .unwrap(),
    )
    .to_json();
    assert_eq!(before, after, "undo puts the item back exactly");
}

#[test]
fn m_moves_an_item_to_another_parent_and_u_moves_it_back() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'm');
    press(&mut app, 'j');
    press(&mut app, 'm');
    assert_eq!(codes_under(&db.path, IC, Some("2")), ["1"]);
    assert_eq!(
        selected(&app),
        key(IC, Some("1")),
        "the moved item stays selected"
    );
    press(&mut app, 'u');
    assert_eq!(codes_under(&db.path, IC, None)[0], "1");
    assert!(codes_under(&db.path, IC, Some("2")).is_empty());
    // Esc cancels a move.
    press(&mut app, 'm');
    assert!(app.model.moving.is_some());
    press_code(&mut app, KeyCode::Esc);
    assert!(app.model.moving.is_none());
    // An item cannot move under itself: refused with a message, nothing changes.
    press(&mut app, 'm');
    press(&mut app, 'm');
    assert!(app.model.moving.is_none());
    assert_eq!(message(&app).0, MessageKind::Error);
    assert_eq!(codes_under(&db.path, IC, None)[0], "1");
}

#[test]
fn angle_brackets_reorder_among_siblings() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, '>');
    assert_eq!(
        codes_under(&db.path, IC, None)[0..2],
        ["2".to_owned(), "1".to_owned()]
    );
    press(&mut app, '<');
    assert_eq!(
        codes_under(&db.path, IC, None)[0..2],
        ["1".to_owned(), "2".to_owned()]
    );
}

#[test]
fn capital_p_adds_a_period_that_can_start_from_the_previous_statuses() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    // P lists the plan's periods; a adds one.
    press(&mut app, 'P');
    press(&mut app, 'a');
    // A mistyped or taken code is refused before any question, and what
    // was typed stays in the editor.
    type_text(&mut app, "20 26");
    app.key(&ctrl('s'));
    assert!(matches!(&app.model.overlay, Overlay::Editor(ed) if ed.text() == "20 26"));
    let (kind, said) = message(&app);
    assert_eq!(kind, MessageKind::Error);
    assert!(said.contains("20 26"), "{said}");
    keys(&mut app, "<esc>y");
    press(&mut app, 'P');
    press(&mut app, 'a');
    type_text(&mut app, "2025");
    app.key(&ctrl('s'));
    let (_, said) = message(&app);
    assert!(said.contains("already has a period 2025"), "{said}");
    keys(&mut app, "<esc>y");
    press(&mut app, 'P');
    press(&mut app, 'a');
    type_text(&mut app, "2026");
    app.key(&ctrl('s'));
    assert!(matches!(app.model.overlay, Overlay::Ask(_)));
    press(&mut app, 'y');
    let i = plan_index(&app, IC);
    assert_eq!(app.model.plans[i].period.as_deref(), Some("2026"));
    assert_eq!(stored(&db.path, IC, "1", "2026").0, Status::AtRisk);
    assert_eq!(stored(&db.path, IC, "2", "2026").0, Status::OffTrack);
    assert_eq!(shown_status(&app, IC, "2"), Status::OffTrack);
    // A period named by its year gets its first and last day.
    let p = load(&db.path, IC);
    let period = p.period("2026").unwrap();
    assert_eq!(period.start.as_deref(), Some("2026-01-01"));
    assert_eq!(period.end.as_deref(), Some("2026-12-31"));
}

#[test]
fn a_new_plan_from_scratch_to_its_first_follow_up() {
    let db = tiny_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    press(&mut app, 'g');
    press(&mut app, 'A');
    type_text(&mut app, "Hyvinvointisuunnitelma 2027");
    app.key(&ctrl('s'));
    let code = "hyvinvointisuunnitelma-2027";
    assert_eq!(selected(&app), key(code, None));
    press(&mut app, 'a');
    type_text(&mut app, "Liikunta");
    app.key(&ctrl('s'));
    press(&mut app, 'P');
    press(&mut app, 'a');
    type_text(&mut app, "2027");
    app.key(&ctrl('s'));
    press(&mut app, 'e');
    assert_eq!(selected(&app), key(code, Some("1")));
    press(&mut app, 's');
    press(&mut app, '2');
    assert_eq!(stored(&db.path, code, "1", "2027").0, Status::OnTrack);
}

// 14. Every text in every language: the translation view ------------------------

#[test]
fn t_shows_the_three_languages_and_any_cell_can_be_written() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 't');
    assert_eq!(app.model.overlay, Overlay::Translations { row: 0, col: 1 });
    let screen = render(&mut app, 120, 30);
    assert!(
        screen.contains("Suomi") && screen.contains("English"),
        "{screen}"
    );
    assert!(screen.contains("Hyvä hygieniataso"), "{screen}");
    // The English title, from the Swedish display.
    press(&mut app, 'l');
    press_code(&mut app, KeyCode::Enter);
    let Overlay::Editor(ed) = &app.model.overlay else {
        panic!("no editor: {:?}", app.model.overlay);
    };
    assert_eq!(ed.lang, Lang::En);
    assert_eq!(ed.text(), "Good hygiene standard");
    app.key(&ctrl('a'));
    app.key(&ctrl('k'));
    type_text(&mut app, "Good hygiene");
    app.key(&ctrl('s'));
    assert_eq!(
        app.model.overlay,
        Overlay::Translations { row: 0, col: 2 },
        "back in the view"
    );
    let p = load(&db.path, IC);
    assert_eq!(item_in(&p, "1").title.get(Lang::En), Some("Good hygiene"));
    assert_eq!(
        item_in(&p, "1").title.get(Lang::Sv),
        Some("God hygienisk standard")
    );
    // The Finnish comment of the period, on the last row.
    for _ in 0..4 {
        press(&mut app, 'j');
    }
    press(&mut app, 'h');
    press(&mut app, 'h');
    press(&mut app, 'e');
    app.key(&ctrl('a'));
    app.key(&ctrl('k'));
    type_text(&mut app, "Suomeksi");
    app.key(&ctrl('s'));
    let p = load(&db.path, IC);
    let a = item_in(&p, "1").current("2025").unwrap();
    assert_eq!(a.comment.get(Lang::Fi), Some("Suomeksi"));
    assert!(
        a.comment.get(Lang::Sv).is_some(),
        "the Swedish comment is kept"
    );
    // Esc closes the view.
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.overlay, Overlay::None);
    // u undoes the comment, then the title.
    press(&mut app, 'u');
    press(&mut app, 'u');
    let p = load(&db.path, IC);
    assert_eq!(
        item_in(&p, "1").title.get(Lang::En),
        Some("Good hygiene standard")
    );
}

// 15. History: what changed, by whom, old → new -------------------------------------

#[test]
fn capital_h_shows_the_items_changes_and_a_toggles_the_whole_plan() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 's');
    press(&mut app, '4');
    press(&mut app, 'H');
    let Overlay::History(h) = &app.model.overlay else {
        panic!("no history: {:?}", app.model.overlay);
    };
    assert_eq!(h.rows.len(), 1, "{:?}", h.rows);
    assert_eq!(h.rows[0].field, "status");
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("▲ at risk → ■ off track"), "{screen}");
    press(&mut app, 'a');
    let Overlay::History(h) = &app.model.overlay else {
        panic!("no history");
    };
    assert!(h.whole_plan);
    assert!(h.rows.iter().any(|r| r.field == "import"), "{:?}", h.rows);
    // The filters narrow it: the import was dated when the test database was
    // made, the status now; "since the period began" (2025-01-01) keeps both.
    press(&mut app, 'f');
    let Overlay::History(h) = &app.model.overlay else {
        panic!("no history");
    };
    assert_eq!(h.filter, strata::app::HistoryFilter::SincePeriod);
    assert!(h.rows.iter().any(|r| r.field == "status"));
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.overlay, Overlay::None);
}

#[test]
fn t_on_a_plan_edits_its_title_and_level_names_in_any_language() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'g');
    let plan = selected(&app).plan;
    press(&mut app, 't');
    let rows = app.model.translation_rows();
    assert_eq!(rows[0].0, Field::PlanTitle);
    assert!(rows.iter().any(|(r, _)| *r == Field::Level(2)));
    // Level 1 in Finnish.
    for _ in 0..3 {
        press(&mut app, 'j');
    }
    press(&mut app, 'h');
    press(&mut app, 'h');
    press_code(&mut app, KeyCode::Enter);
    app.key(&ctrl('a'));
    app.key(&ctrl('k'));
    type_text(&mut app, "Osa-alue");
    app.key(&ctrl('s'));
    assert!(matches!(app.model.overlay, Overlay::Translations { .. }));
    let p = load(&db.path, &plan);
    assert_eq!(p.levels[0].get(Lang::Fi), Some("Osa-alue"));
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("Level 1"), "{screen}");
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, 'u');
    let p = load(&db.path, &plan);
    assert_ne!(p.levels[0].get(Lang::Fi), Some("Osa-alue"), "undone");
}

#[test]
fn an_edit_in_progress_survives_a_refresh_by_another_strata() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 'c');
    type_text(&mut app, " och mer");
    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_assessment(&SetAssessment {
            plan: IC,
            item: "3",
            period: Some("2025"),
            status: Some(Status::Done),
            comment: None,
            expect_comment: None,
            user: "colleague",
            at: "2026-02-01T09:00:00Z",
        })
        .unwrap();
    assert!(app.refresh_if_changed().unwrap());
    let Overlay::Editor(ed) = &app.model.overlay else {
        panic!("the editor was lost: {:?}", app.model.overlay);
    };
    assert!(ed.text().ends_with(" och mer"));
    assert_eq!(shown_status(&app, IC, "3"), Status::Done);
}

// 16. Figures: indicator values and thresholds, risk scores ------------------------

const OPS: &str = "operations-2026";

fn select_by_search(app: &mut App, text: &str) {
    press(app, '/');
    type_text(app, text);
    press_code(app, KeyCode::Enter);
}

fn replace_editor_text(app: &mut App, text: &str) {
    app.key(&ctrl('a'));
    app.key(&ctrl('k'));
    type_text(app, text);
}

#[test]
fn v_edits_an_indicator_value_in_the_period_and_u_takes_it_back() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_by_search(&mut app, "Medicinska enheten");
    assert_eq!(selected(&app), key(OPS, Some("5")));
    press(&mut app, 'v');
    assert_eq!(app.model.overlay, Overlay::Figures { choice: 0 });
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "10,5");
    app.key(&ctrl('s'));
    assert_eq!(app.model.overlay, Overlay::None, "{:?}", app.model.message);
    let p = load(&db.path, OPS);
    let ind = &item_in(&p, "5").indicators[0];
    assert_eq!(ind.value_in("2026"), Some(10.5));
    press(&mut app, 'u');
    let p = load(&db.path, OPS);
    assert!(item_in(&p, "5").indicators[0]
        .values
        .iter()
        .all(|v| v.period != "2026"));
}

#[test]
fn a_figure_that_is_not_a_number_is_refused_in_the_users_language() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_by_search(&mut app, "Terveydenhuollon yksikkö");
    press(&mut app, 'v');
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "kymmenen");
    app.key(&ctrl('s'));
    assert!(
        matches!(app.model.overlay, Overlay::Editor(_)),
        "the editor stays"
    );
    let (kind, text) = message(&app);
    assert_eq!(kind, MessageKind::Error);
    assert!(text.contains("ei ole luku"), "{text}");
    let p = load(&db.path, OPS);
    assert_eq!(item_in(&p, "5").indicators[0].value_in("2026"), None);
}

#[test]
fn thresholds_on_the_wrong_side_are_refused_with_the_reason() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_by_search(&mut app, "Medical unit");
    press(&mut app, 'v');
    // Past the value and its note, to the thresholds.
    press(&mut app, 'j');
    press(&mut app, 'j');
    press_code(&mut app, KeyCode::Enter);
    // Night fasting: lower is better; a yellow edge below green is wrong.
    replace_editor_text(&mut app, "11 / 9");
    app.key(&ctrl('s'));
    assert!(matches!(app.model.overlay, Overlay::Editor(_)));
    assert!(
        message(&app).1.contains("lower is better"),
        "{:?}",
        app.model.message
    );
    replace_editor_text(&mut app, "10 / 13,5");
    app.key(&ctrl('s'));
    assert_eq!(app.model.overlay, Overlay::None, "{:?}", app.model.message);
    let p = load(&db.path, OPS);
    let ind = &item_in(&p, "5").indicators[0];
    assert_eq!((ind.green, ind.yellow), (10.0, 13.5));
}

#[test]
fn a_risk_is_rescored_and_a_score_outside_the_scale_is_refused() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'v');
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "5 × 1");
    app.key(&ctrl('s'));
    assert!(
        message(&app).1.contains("outside the scale 1–4"),
        "{:?}",
        app.model.message
    );
    replace_editor_text(&mut app, "4 x 4");
    app.key(&ctrl('s'));
    let p = load(&db.path, IC);
    let r = item_in(&p, "1").risk.clone().unwrap();
    assert_eq!((r.probability, r.consequence), (4, 4));
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("= 16"), "{screen}");
    // An item with no figures offers what can be added.
    select_by_search(&mut app, "Service renewal");
    press(&mut app, 'j');
    press(&mut app, 'v');
    assert!(matches!(app.model.overlay, Overlay::Figures { .. }));
    let screen = render(&mut app, 120, 40);
    assert!(
        screen.contains("+ New indicator") && screen.contains("+ Risk"),
        "{screen}"
    );
}

// 17. Missing translations: listed per language, and a key away ------------------

#[test]
fn capital_m_lists_texts_missing_in_the_display_language_and_enter_goes_there() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    press(&mut app, 'M');
    assert_eq!(
        app.model.missing_rows(Some(Lang::Sv)).len(),
        0,
        "reference plans are whole"
    );
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("Saknade översättningar"), "{screen}");
    press_code(&mut app, KeyCode::Esc);
    // A new measure titled only in Swedish lacks fi and en.
    select_hygiene(&mut app);
    press(&mut app, 'a');
    type_text(&mut app, "Ny kontroll");
    app.key(&ctrl('s'));
    press(&mut app, 'g');
    press(&mut app, 'M');
    assert!(app.model.missing_rows(Some(Lang::Sv)).is_empty());
    press(&mut app, 'f'); // lacking en (sv → en → fi)
    let rows = app.model.missing_rows(Some(Lang::En));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1.item.as_deref(), Some("1.1"));
    assert_eq!(rows[0].1.lacks, vec![Lang::Fi, Lang::En]);
    assert!(matches!(
        app.model.overlay,
        Overlay::Missing {
            lacking: Some(Lang::En),
            ..
        }
    ));
    press_code(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app), key(IC, Some("1.1")));
    assert_eq!(app.model.overlay, Overlay::Translations { row: 0, col: 2 });
    press_code(&mut app, KeyCode::Enter);
    type_text(&mut app, "New check");
    app.key(&ctrl('s'));
    let p = load(&db.path, IC);
    assert_eq!(item_in(&p, "1.1").title.get(Lang::En), Some("New check"));
}

#[test]
fn the_translation_view_also_holds_actions_indicator_and_control_texts() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 't');
    let rows = app.model.translation_rows();
    let pos = |r: Field| rows.iter().position(|(k, _)| *k == r).unwrap();
    let actions = pos(Field::Actions {
        period: "2025".into(),
    });
    let what = pos(Field::ControlWhat(0));
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Control 1: what"), "{screen}");
    // Further actions in Finnish.
    for _ in 0..actions {
        press(&mut app, 'j');
    }
    press(&mut app, 'h');
    press(&mut app, 'h');
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "Lisää koulutusta");
    app.key(&ctrl('s'));
    // The control's "what" in English.
    for _ in actions..what {
        press(&mut app, 'j');
    }
    press(&mut app, 'l');
    press(&mut app, 'l');
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "Basic hygiene routine");
    app.key(&ctrl('s'));
    let p = load(&db.path, IC);
    let it = item_in(&p, "1");
    assert_eq!(
        it.current("2025").unwrap().actions.get(Lang::Fi),
        Some("Lisää koulutusta")
    );
    assert_eq!(
        it.risk.as_ref().unwrap().controls[0].what.get(Lang::En),
        Some("Basic hygiene routine")
    );
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, 'u');
    let p = load(&db.path, IC);
    assert_ne!(
        item_in(&p, "1").risk.as_ref().unwrap().controls[0]
            .what
            .get(Lang::En),
        Some("Basic hygiene routine"),
        "undone"
    );
}

#[test]
fn a_plan_title_changed_by_a_colleague_is_not_overwritten_and_mine_is_kept() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'g');
    let plan = selected(&app).plan;
    press(&mut app, 't');
    press(&mut app, 'l');
    press(&mut app, 'l');
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "My title");
    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_text(&TextWrite {
            text: &TextAt::plan_text(&plan, Field::plan_text("title").unwrap()).unwrap(),
            lang: Lang::En,
            value: Some("Their title"),
            expect: None,
            user: "colleague",
            at: "2026-02-01T09:00:00Z",
        })
        .unwrap();
    app.key(&ctrl('s'));
    let Overlay::Conflict(c) = &app.model.overlay else {
        panic!("no conflict: {:?}", app.model.overlay);
    };
    assert_eq!(c.theirs.as_deref(), Some("Their title"));
    assert_eq!(c.by, "colleague");
    press(&mut app, 't');
    assert_eq!(
        load(&db.path, &plan).title.get(Lang::En),
        Some("Their title")
    );
    let log = Store::open(&db.path, Mode::ReadOnly)
        .unwrap()
        .store
        .changes(&plan, None, 5)
        .unwrap();
    assert!(
        log.iter()
            .any(|r| r.field == "plan.title-discarded" && r.new.as_deref() == Some("My title")),
        "{log:?}"
    );
}

#[test]
fn r_renames_an_items_code_refuses_a_taken_one_and_u_renames_it_back() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'r');
    replace_editor_text(&mut app, "2");
    app.key(&ctrl('s'));
    assert!(
        matches!(app.model.overlay, Overlay::Editor(_)),
        "taken: the editor stays"
    );
    assert_eq!(message(&app).0, MessageKind::Error);
    replace_editor_text(&mut app, "R1");
    app.key(&ctrl('s'));
    assert_eq!(app.model.overlay, Overlay::None, "{:?}", app.model.message);
    assert_eq!(selected(&app), key(IC, Some("R1")));
    assert!(codes_under(&db.path, IC, None).contains(&"R1".to_owned()));
    press(&mut app, 'u');
    assert_eq!(codes_under(&db.path, IC, None)[0], "1");
}

#[test]
fn a_figure_changed_by_a_colleague_meanwhile_is_not_overwritten() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'v');
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "4 × 4");
    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_risk(IC, "1", 2, 2, "colleague", "2026-02-01T09:00:00Z")
        .unwrap();
    app.key(&ctrl('s'));
    let Overlay::Conflict(c) = &app.model.overlay else {
        panic!("no conflict: {:?}", app.model.overlay);
    };
    assert_eq!(c.theirs.as_deref(), Some("2 × 2"));
    assert_eq!(c.by, "colleague");
    let risk = |path: &Path| {
        let p = load(path, IC);
        let r = item_in(&p, "1").risk.clone().unwrap();
        (r.probability, r.consequence)
    };
    assert_eq!(risk(&db.path), (2, 2), "nothing overwritten");
    press(&mut app, 'k');
    assert_eq!(risk(&db.path), (4, 4), "kept mine");
}

#[test]
fn period_labels_and_status_wording_are_written_in_the_plans_translation_view() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    press(&mut app, 'g');
    let plan = selected(&app).plan;
    press(&mut app, 't');
    let rows = app.model.translation_rows();
    let at = |r: Field| rows.iter().position(|(k, _)| *k == r).unwrap();
    let period_row = at(Field::PeriodLabel(
        app.model
            .plans
            .iter()
            .find(|p| p.plan.code == plan)
            .unwrap()
            .plan
            .periods[0]
            .code
            .clone(),
    ));
    let status_row = at(Field::StatusLabel(Status::OffTrack));
    for _ in 0..period_row {
        press(&mut app, 'j');
    }
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "Jan–Dec 2025");
    app.key(&ctrl('s'));
    for _ in period_row..status_row {
        press(&mut app, 'j');
    }
    press_code(&mut app, KeyCode::Enter);
    replace_editor_text(&mut app, "Needs action");
    app.key(&ctrl('s'));
    let p = load(&db.path, &plan);
    assert_eq!(p.periods[0].label.get(Lang::En), Some("Jan–Dec 2025"));
    assert_eq!(
        p.status_labels
            .get(&Status::OffTrack)
            .and_then(|t| t.get(Lang::En)),
        Some("Needs action")
    );
    // Undo takes the wording back out: no empty entry is left behind.
    press_code(&mut app, KeyCode::Esc);
    press(&mut app, 'u');
    let p = load(&db.path, &plan);
    assert!(p
        .status_labels
        .get(&Status::OffTrack)
        .is_none_or(|t| t.get(Lang::En).is_none()));
}

#[test]
fn the_footer_follows_a_move_and_read_only_mode() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'm');
    let hints = strata::ui::hints(&app.model);
    let labels: Vec<&str> = hints.iter().map(|(_, l)| *l).collect();
    assert_eq!(labels, ["move", "cancel"]);
    let ro = open_app(&db.path, Mode::ReadOnly, Lang::En);
    let labels: Vec<&str> = strata::ui::hints(&ro.model)
        .iter()
        .map(|(_, l)| *l)
        .collect();
    assert!(
        !labels.contains(&"status") && !labels.contains(&"comment"),
        "{labels:?}"
    );
}

#[test]
fn a_delete_deletes_no_more_than_the_question_said() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    press(&mut app, 'd');
    // Meanwhile a colleague records another follow-up on the item.
    let mut other = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    other
        .set_assessment(&SetAssessment {
            plan: IC,
            item: "1",
            period: Some("2025"),
            status: Some(Status::Done),
            comment: None,
            expect_comment: None,
            user: "colleague",
            at: "2026-02-01T09:00:00Z",
        })
        .unwrap();
    press(&mut app, 'y');
    assert_eq!(message(&app).0, MessageKind::Error);
    assert!(
        codes_under(&db.path, IC, None).contains(&"1".to_owned()),
        "nothing deleted"
    );
    // Asked again, with the counts as they are now, it goes.
    press(&mut app, 'd');
    press(&mut app, 'y');
    assert!(!codes_under(&db.path, IC, None).contains(&"1".to_owned()));
}

// The rules of valid data, in the app ------------------------------------------------

#[test]
fn a_comment_over_the_limit_stays_in_the_editor_with_the_reason() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    let before = stored(&db.path, IC, "1", "2025");
    let long = "x".repeat(strata::domain::rules::MAX_TEXT_CHARS);
    let target = strata::app::editor::Target::Text(
        TextAt::item(
            IC,
            "1",
            Field::Comment {
                period: "2025".into(),
            },
        )
        .unwrap(),
    );
    // A long paste: the editor holds the limit, one more character breaks it.
    app.model.overlay = Overlay::Editor(Box::new(strata::app::editor::Editor::new(
        target,
        Lang::Sv,
        &long,
    )));
    press(&mut app, 'y');
    app.key(&ctrl('s'));
    let (kind, text) = message(&app);
    assert_eq!(kind, MessageKind::Error);
    assert_eq!(
        text,
        "texten är 100\u{a0}001 tecken lång; gränsen är 100\u{a0}000"
    );
    assert!(
        matches!(&app.model.overlay, Overlay::Editor(ed) if ed.text().len() == long.len() + 1),
        "the text stays in the editor"
    );
    assert_eq!(stored(&db.path, IC, "1", "2025"), before, "nothing written");
}

// Keys all data: questions answered in the display language -----------------------

#[test]
fn a_swede_answers_j_a_finn_k_and_esc_leaves_a_question_in_any_language() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    press(&mut app, 'd');
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("? j = ja, n = nej"), "{screen}");
    assert!(screen.contains(" j ja  n nej  Esc avbryt"), "{screen}");
    // The English letter is no answer in Swedish: the question stays.
    press(&mut app, 'y');
    assert!(matches!(app.model.overlay, Overlay::Ask(_)));
    press_code(&mut app, KeyCode::Esc);
    assert_eq!(app.model.overlay, Overlay::None, "Esc does neither");
    assert_eq!(codes_under(&db.path, IC, None).len(), 7);
    press(&mut app, 'd');
    press(&mut app, 'j');
    assert!(!codes_under(&db.path, IC, None).contains(&"1".to_owned()));
    press(&mut app, 'u');

    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_hygiene(&mut app);
    press(&mut app, 'd');
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("? k = kyllä, e = ei"), "{screen}");
    press(&mut app, 'e');
    assert_eq!(app.model.overlay, Overlay::None, "e is no");
    assert_eq!(codes_under(&db.path, IC, None).len(), 7);
    press(&mut app, 'd');
    press(&mut app, 'k');
    assert!(!codes_under(&db.path, IC, None).contains(&"1".to_owned()));
    // And the help lists the Finnish answers.
    press(&mut app, '?');
    let mut help = String::new();
    for _ in 0..30 {
        help.push_str(&render(&mut app, 120, 40));
        app.key(&KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
    }
    assert!(help.contains("k, Enter"), "{help}");
}

/// The delete question counts follow-ups as the user does: one per item and
/// period, however often its status or comment was rewritten.
#[test]
fn the_delete_question_counts_a_rewritten_follow_up_once() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::En);
    select_hygiene(&mut app);
    keys(&mut app, "s4");
    assert_eq!(stored(&db.path, IC, "1", "2025").1, 2, "two rows in 2025");
    keys(&mut app, "d");
    let Overlay::Ask(q) = &app.model.overlay else {
        panic!("no question: {:?}", app.model.overlay);
    };
    assert!(
        q.text.contains("0 items under it and 1 follow-up?"),
        "{}",
        q.text
    );
    keys(&mut app, "y");
    assert!(!codes_under(&db.path, IC, None).contains(&"1".to_owned()));
}

/// A title with emoji and their skin-tone modifiers (👍🏽) where the tree
/// cuts it, and one in decomposed form, keep the tree's status column where
/// it is, at 80 and 120 columns, and the cut never parts a modifier from its
/// emoji: widths are measured by grapheme cluster, as the terminal draws.
#[test]
fn an_emoji_with_a_modifier_does_not_push_the_tree_column() {
    let db = reference_db();
    for lead in 10..34 {
        {
            let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
            let title = format!("{}👍🏽👍🏽👍🏽👍🏽👍🏽 slut", "x".repeat(lead));
            for (code, title) in [
                ("1", title.as_str()),
                (
                    "2",
                    "Otilla\u{308}ten a\u{308}tkomst till journalsystemet i kommunen",
                ),
            ] {
                let at = TextAt::item(IC, code, Field::Title).unwrap();
                store
                    .set_text(&TextWrite::new(
                        &at,
                        Lang::Sv,
                        Some(title),
                        "t",
                        "2026-01-01T00:00:00Z",
                    ))
                    .unwrap();
            }
        }
        let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
        keys(&mut app, "/Dokumentation<ret>");
        for w in [80u16, 120] {
            let screen = render(&mut app, w, 24);
            let col = |line: &str| line.find('│').map(|i| strata::display::width(&line[..i]));
            let emoji = screen.lines().find(|l| l.contains("xxxxxxxxxx")).unwrap();
            let access = screen.lines().find(|l| l.contains("Otilla")).unwrap();
            let other = screen
                .lines()
                .find(|l| l.contains("Dokumentation"))
                .unwrap();
            assert_eq!(col(emoji), col(other), "{lead} at {w}:\n{screen}");
            assert_eq!(col(access), col(other), "{lead} at {w}:\n{screen}");
            // No modifier alone: every 🏽 follows its 👍.
            assert_eq!(
                emoji.matches('👍').count(),
                emoji.matches('🏽').count(),
                "{emoji}"
            );
        }
    }
}

/// `r` on a plan's row edits its code and years in one line; a mistyped
/// year keeps the editor open with how to write it.
#[test]
fn r_on_a_plan_changes_its_code_and_years() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Fi);
    select_by_search(&mut app, "Sosiaalihallinnon sisäisen valvonnan");
    // To the plan's own row.
    while app.model.selected_key().unwrap().item.is_some() {
        keys(&mut app, "k");
    }
    keys(&mut app, "r");
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("internal-control-2025; 2025"), "{screen}");
    keys(
        &mut app,
        &format!("{}ik-2025; 2025–20x<C-s>", "<bs>".repeat(40)),
    );
    assert!(matches!(app.model.overlay, Overlay::Editor(_)));
    assert!(
        message(&app).1.contains("2026–2029"),
        "{:?}",
        app.model.message
    );
    keys(&mut app, "<bs>26<C-s>");
    assert_eq!(app.model.overlay, Overlay::None);
    assert!(
        message(&app).1.contains("ik-2025"),
        "{:?}",
        app.model.message
    );
    let p = load(&db.path, "ik-2025");
    assert_eq!((p.start_year, p.end_year), (Some(2025), Some(2026)));
    assert_eq!(app.model.selected_key().unwrap().plan, "ik-2025");
    // Undone: the old code and years.
    keys(&mut app, "u");
    let p = load(&db.path, "internal-control-2025");
    assert_eq!((p.start_year, p.end_year), (Some(2025), Some(2025)));
}

fn mouse(app: &mut App, kind: crossterm::event::MouseEventKind, column: u16, row: u16) {
    app.mouse(&crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

/// A click selects the tree row under it, a second click on it opens or
/// closes its branch, and the wheel scrolls the tree or the detail pane it
/// is over, and moves an overlay's list; as the screen shows it.
#[test]
fn the_mouse_selects_rows_opens_branches_and_scrolls() {
    use crossterm::event::{MouseButton, MouseEventKind as K};
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    app.model.resize_to(120, 40);
    let screen = render(&mut app, 120, 40);
    // The screen row of the tree line that holds `text`.
    let row_of = |screen: &str, text: &str| {
        screen
            .lines()
            .position(|l| l.split('│').next().unwrap_or("").contains(text))
            .unwrap_or_else(|| panic!("{text:?} not in the tree:\n{screen}")) as u16
    };
    let r = row_of(&screen, "Ledningsgrupp Omsorg");
    mouse(&mut app, K::Down(MouseButton::Left), 10, r);
    assert_eq!(app.model.selected_key().unwrap().item.as_deref(), Some("1"));
    assert!(render(&mut app, 120, 40).contains("Ledningsgrupp Omsorg"));
    // Again on it: its branch opens, and a third time closes.
    let closed = app.model.rows.len();
    mouse(&mut app, K::Down(MouseButton::Left), 10, r);
    assert!(app.model.rows.len() > closed);
    mouse(&mut app, K::Down(MouseButton::Left), 10, r);
    assert_eq!(app.model.rows.len(), closed);
    // The wheel over the tree moves the selection by three rows.
    let at = app.model.cursor;
    mouse(&mut app, K::ScrollDown, 10, 5);
    assert_eq!(app.model.cursor, at + 3);
    mouse(&mut app, K::ScrollUp, 10, 5);
    assert_eq!(app.model.cursor, at);
    // Over the detail pane it scrolls the detail.
    mouse(&mut app, K::ScrollDown, 100, 5);
    assert_eq!(app.model.cursor, at);
    assert_eq!(app.model.detail_scroll, 3);
    // In the status picker it moves the choice as j does.
    keys(&mut app, "s");
    let before = app.model.overlay.clone();
    mouse(&mut app, K::ScrollDown, 60, 20);
    assert_ne!(app.model.overlay, before);
    keys(&mut app, "<esc>");
    // A click below the last row or in the header does nothing.
    let key = app.model.selected_key();
    mouse(&mut app, K::Down(MouseButton::Left), 10, 0);
    assert_eq!(app.model.selected_key(), key);
}
