//! The people of a round: contacts per database, named by items as
//! responsible or updater; carried by the exchange format; shown in the
//! detail and strata show; the round grouped by them.

mod common;

use common::*;
use strata::domain::{Contact, Lang, Role};
use strata::exchange::Document;
use strata::store::{ContactEdit, Mode, Store, StoreError};

const USER: &str = "coordinator";
const AT: &str = "2026-12-01T09:00:00Z";

fn maria() -> Contact {
    Contact {
        id: "mlind".into(),
        name: "Maria Lind".into(),
        email: Some("maria.lind@norsjo.se".into()),
        lang: Some(Lang::Sv),
        unit: Some("Socialförvaltningen".into()),
    }
}

fn ville() -> Contact {
    Contact {
        id: "vkorhonen".into(),
        name: "Ville Korhonen".into(),
        email: Some("ville.korhonen@lohja.fi".into()),
        lang: Some(Lang::Fi),
        unit: None,
    }
}

fn people(db: &Db) -> Store {
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
    store.add_contact(&maria(), USER, AT).unwrap();
    store.add_contact(&ville(), USER, AT).unwrap();
    store
        .link_contact(IC, "1", "mlind", Role::Responsible, USER, AT)
        .unwrap();
    store
        .link_contact(IC, "1", "vkorhonen", Role::Updater, USER, AT)
        .unwrap();
    store
        .link_contact(IC, "4", "mlind", Role::Updater, USER, AT)
        .unwrap();
    store
}

#[test]
fn contacts_are_added_linked_changed_and_removed_with_their_rules() {
    let db = reference_db();
    let mut store = people(&db);
    assert_eq!(store.contacts().unwrap(), vec![maria(), ville()]);
    let plan = store.load_plan(IC).unwrap();
    let roles: Vec<_> = item_in(&plan, "1")
        .contacts
        .iter()
        .map(|c| (c.contact.as_str(), c.role))
        .collect();
    assert_eq!(
        roles,
        [("mlind", Role::Responsible), ("vkorhonen", Role::Updater)]
    );
    // A link that is there already changes nothing.
    assert!(!store
        .link_contact(IC, "1", "mlind", Role::Responsible, USER, AT)
        .unwrap());
    let log = store.changes(IC, Some("4"), 1).unwrap();
    assert_eq!(
        (log[0].field.as_str(), log[0].new.as_deref()),
        ("contact", Some("mlind (updater)"))
    );

    // Refusals change nothing.
    let bad = |r: strata::store::Result<()>| r.unwrap_err();
    assert!(
        matches!(bad(store.add_contact(&maria(), USER, AT)), StoreError::ContactExists(id) if id == "mlind")
    );
    let mut c = ville();
    c.id = "a b".into();
    assert!(matches!(
        bad(store.add_contact(&c, USER, AT)),
        StoreError::BadCode(_)
    ));
    let mut c = ville();
    c.id = "x".into();
    c.email = Some("ville at lohja".into());
    assert!(
        matches!(bad(store.add_contact(&c, USER, AT)), StoreError::BadEmail(e) if e == "ville at lohja")
    );
    assert!(matches!(
        store.link_contact(IC, "1", "nobody", Role::Updater, USER, AT),
        Err(StoreError::UnknownContact(_))
    ));
    match store.remove_contact("mlind", false, USER, AT) {
        Err(StoreError::ContactLinked { items, .. }) => assert_eq!(items, 2),
        other => panic!("{other:?}"),
    }

    let edited = store
        .edit_contact(
            "vkorhonen",
            &ContactEdit {
                email: Some(None),
                unit: Some(Some("Hyvinvointialue".into())),
                ..ContactEdit::default()
            },
            USER,
            AT,
        )
        .unwrap();
    assert_eq!(
        (edited.email, edited.unit.as_deref()),
        (None, Some("Hyvinvointialue"))
    );
    assert!(store
        .unlink_contact(IC, "1", "vkorhonen", None, USER, AT)
        .unwrap());
    assert_eq!(store.remove_contact("mlind", true, USER, AT).unwrap(), 2);
    let plan = store.load_plan(IC).unwrap();
    assert!(plan.walk().iter().all(|(_, it)| it.contacts.is_empty()));
}

#[test]
fn the_exchange_format_carries_the_contacts_and_refuses_an_unknown_one() {
    let db = reference_db();
    let store = people(&db);
    let doc = Document::with_contacts(
        vec![store.load_plan(IC).unwrap()],
        store.contacts().unwrap(),
    );
    let json = doc.to_json();
    assert!(
        json.contains("\"contacts\": [\n    {\n      \"id\": \"mlind\""),
        "{}",
        &json[..400]
    );
    let other = reference_db();
    let mut again = Store::open(&other.path, Mode::ReadWrite).unwrap().store;
    let parsed = strata::exchange::parse("export.json", json.as_bytes()).unwrap();
    again
        .import_with(&parsed.contacts, &parsed.plans, true, USER, AT)
        .unwrap();
    let back = Document::with_contacts(
        vec![again.load_plan(IC).unwrap()],
        again.contacts().unwrap(),
    );
    assert_eq!(back.to_json(), json);

    let unknown = json.replacen("\"contact\": \"vkorhonen\"", "\"contact\": \"nobody\"", 1);
    let e = strata::exchange::parse("bad.json", unknown.as_bytes()).unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("plans[0].items[0].contacts[1].contact"),
        "{e:?}"
    );
}

fn cli(db: &Db, args: &[&str]) -> String {
    strata_ok(&db.path, args, &[])
}

#[test]
fn contacts_from_the_command_line_in_show_list_and_the_round() {
    let db = reference_db();
    cli(
        &db,
        &[
            "contact",
            "add",
            "mlind",
            "--name",
            "Maria Lind",
            "--email",
            "maria.lind@norsjo.se",
            "--language",
            "sv",
        ],
    );
    cli(
        &db,
        &[
            "contact",
            "link",
            &format!("{IC}:1"),
            "mlind",
            "--role",
            "responsible",
        ],
    );
    let said = cli(
        &db,
        &[
            "--lang",
            "sv",
            "contact",
            "link",
            &format!("{IC}:4"),
            "mlind",
        ],
    );
    assert_eq!(said, format!("{IC}:4: mlind angiven som uppdaterare.\n"));
    let list = cli(&db, &["--lang", "fi", "contact", "list"]);
    assert_eq!(
        list,
        "mlind  Maria Lind  maria.lind@norsjo.se · sv · 2 kohtaa\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&cli(&db, &["contact", "list", "--format", "json"])).unwrap();
    assert_eq!(json["contacts"][0]["items"], 2);
    assert_eq!(json["contacts"][0]["language"], "sv");
    let shown = cli(&db, &["--lang", "sv", "show", &format!("{IC}:1")]);
    assert!(
        shown.contains("Kontaktpersoner:     Maria Lind (ansvarig)"),
        "{shown}"
    );
    let round = cli(
        &db,
        &["--lang", "en", "round", "--plan", IC, "--by", "contact"],
    );
    let row = round
        .lines()
        .find(|l| l.contains("Maria Lind"))
        .unwrap_or_else(|| panic!("{round}"));
    // 2025, the period shown: both of her items are assessed.
    assert!(row.contains("2/2    100 %"), "{row}");
    assert!(round.contains("(no contact person named)"), "{round}");
    // The app's detail names them too.
    let mut app = open_app(&db.path, Mode::ReadOnly, Lang::Fi);
    select_hygiene(&mut app);
    // Below the description and owner: a tall window shows the whole pane.
    let screen = render(&mut app, 120, 90);
    assert!(
        screen.contains("Yhteyshenkilöt: Maria Lind (vastuuhenkilö)"),
        "{screen}"
    );
}

#[test]
fn in_the_app_c_names_people_for_an_item_and_adds_changes_and_removes_them() {
    let db = reference_db();
    let mut app = open_app(&db.path, Mode::ReadWrite, Lang::Sv);
    select_hygiene(&mut app);
    keys(&mut app, "C");
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Inga kontaktpersoner än: a lägger till en."),
        "{screen}"
    );
    // a: a new person in one line; a bad e-mail is refused, the form stays.
    keys(&mut app, "aÅsa Öberg; asa.oberg; sv; Omsorgen<C-s>");
    let (_, said) = message(&app);
    assert!(
        said.contains("'asa.oberg' är inte en e-postadress"),
        "{said}"
    );
    assert!(matches!(app.model.overlay, strata::app::Overlay::Editor(_)));
    // Back over "asa.oberg; sv; Omsorgen", then the right address.
    keys(&mut app, &"<bs>".repeat(23));
    keys(&mut app, "asa.oberg@norsjo.se; sv; Omsorgen<C-s>");
    let store = Store::open(&db.path, Mode::ReadOnly).unwrap().store;
    let c = &store.contacts().unwrap()[0];
    assert_eq!(
        (c.id.as_str(), c.email.as_deref(), c.lang),
        ("asa-oberg", Some("asa.oberg@norsjo.se"), Some(Lang::Sv))
    );
    assert_eq!(
        app.model.overlay,
        strata::app::Overlay::People { choice: 0 }
    );
    // r: responsible for the item; u: updater too; the list marks both.
    keys(&mut app, "ru");
    let screen = render(&mut app, 100, 30);
    insta::assert_snapshot!("people_sv_100x30", screen);
    assert!(screen.contains(" A U Åsa Öberg"), "{screen}");
    let plan = load(&db.path, IC);
    assert_eq!(item_in(&plan, "1").contacts.len(), 2);
    // r again: not responsible any more.
    keys(&mut app, "r");
    let plan = load(&db.path, IC);
    let roles: Vec<Role> = item_in(&plan, "1")
        .contacts
        .iter()
        .map(|c| c.role)
        .collect();
    assert_eq!(roles, [Role::Updater]);
    // e: the same form, filled in.
    keys(&mut app, "e");
    match &app.model.overlay {
        strata::app::Overlay::Editor(ed) => {
            assert_eq!(ed.text(), "Åsa Öberg; asa.oberg@norsjo.se; sv; Omsorgen")
        }
        other => panic!("{other:?}"),
    }
    keys(&mut app, "<esc>");
    // x asks, saying how many items name the person; yes removes.
    keys(&mut app, "<esc>Cx");
    let asked = match &app.model.overlay {
        strata::app::Overlay::Ask(q) => q.text.clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        asked.contains("Ta bort Åsa Öberg, angiven för 1 punkt?"),
        "{asked}"
    );
    keys(&mut app, "j");
    let store = Store::open(&db.path, Mode::ReadOnly).unwrap().store;
    assert!(store.contacts().unwrap().is_empty());
}
