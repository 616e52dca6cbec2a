//! Reminders without a mail server: `strata remind` writes, per contact, a
//! message in their language listing their items that still need an
//! update. The mbox is read back by Python's `mailbox` module, as a mail
//! client or `formail` would read it.

mod common;

use common::*;
use strata::domain::{Contact, Lang, Role};
use strata::store::{Mode, NewPeriod, Store};

const USER: &str = "coordinator";
const AT: &str = "2026-12-01T09:00:00Z";

fn round_with_people() -> Db {
    let db = reference_db();
    let mut store = Store::open(&db.path, Mode::ReadWrite).unwrap().store;
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
    for (id, name, email, lang) in [
        (
            "mlind",
            "Maria Lind",
            Some("maria.lind@norsjo.se"),
            Lang::Sv,
        ),
        (
            "vkorhonen",
            "Ville Korhonen",
            Some("ville.korhonen@lohja.fi"),
            Lang::Fi,
        ),
        ("nomail", "Nils Utanpost", None, Lang::Sv),
    ] {
        store
            .add_contact(
                &Contact {
                    id: id.into(),
                    name: name.into(),
                    email: email.map(str::to_owned),
                    lang: Some(lang),
                    unit: None,
                },
                USER,
                AT,
            )
            .unwrap();
    }
    store
        .link_contact(IC, "1", "mlind", Role::Responsible, USER, AT)
        .unwrap();
    store
        .link_contact(IC, "4", "mlind", Role::Updater, USER, AT)
        .unwrap();
    store
        .link_contact(IC, "1", "vkorhonen", Role::Updater, USER, AT)
        .unwrap();
    store
        .link_contact(IC, "7", "nomail", Role::Updater, USER, AT)
        .unwrap();
    db
}

fn strata(db: &Db, args: &[&str]) -> (String, String) {
    let r = run_strata(&db.path, args, &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    (r.out, r.err)
}

/// The messages of an mbox as Python's `mailbox` reads them: To, the
/// decoded Subject, Content-Language and the decoded body, one per line of
/// JSON.
fn python_reads(path: &std::path::Path) -> Vec<serde_json::Value> {
    let script = r#"
import email.header, email.utils, json, mailbox, sys
for m in mailbox.mbox(sys.argv[1]):
    subject = str(email.header.make_header(email.header.decode_header(m['Subject'])))
    to = email.utils.parseaddr(str(email.header.make_header(email.header.decode_header(m['To']))))
    body = m.get_payload(decode=True).decode(m.get_content_charset())
    print(json.dumps({'to': to, 'subject': subject, 'lang': m['Content-Language'],
                      'date': m['Date'], 'from': email.utils.parseaddr(m['From']), 'body': body}))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 (CI installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn an_mbox_holds_one_message_per_contact_in_their_language_with_their_items() {
    let db = round_with_people();
    let file = db.path.with_file_name("remind.mbox");
    let (out, err) = strata(
        &db,
        &[
            "remind",
            "--format",
            "mbox",
            "--from",
            "Kerstin Koordinator <kerstin@norsjo.se>",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out, format!("Wrote 2 messages to {}.\n", file.display()));
    assert!(
        err.contains("Nils Utanpost (nomail) has no e-mail address"),
        "{err}"
    );
    let msgs = python_reads(&file);
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    let maria = &msgs[0];
    assert_eq!(
        maria["to"],
        serde_json::json!(["Maria Lind", "maria.lind@norsjo.se"])
    );
    assert_eq!(
        maria["from"],
        serde_json::json!(["Kerstin Koordinator", "kerstin@norsjo.se"])
    );
    assert_eq!(maria["lang"], "sv");
    assert_eq!(maria["date"], "Tue, 1 Dec 2026 10:00:00 +0000");
    assert_eq!(
        maria["subject"],
        "2026: 2 punkter väntar på din uppföljning, sista dag 2027-01-31"
    );
    let body = maria["body"].as_str().unwrap();
    assert!(body.starts_with("Hej Maria Lind!\n"), "{body}");
    assert!(body.contains("2027-01-31 (61 dagar kvar)"), "{body}");
    assert!(
        body.contains(
            "internal-control-2025:1 God hygienisk standard — ▲ utmaningar överförd från 2025"
        ),
        "{body}"
    );
    assert!(
        body.contains("internal-control-2025:4 Dokumentation"),
        "{body}"
    );
    assert!(
        !body.contains("internal-control-2025:2 "),
        "not hers:\n{body}"
    );
    assert!(
        body.contains("strata set internal-control-2025:1 --keep --period 2026"),
        "{body}"
    );
    let ville = &msgs[1];
    assert_eq!(ville["lang"], "fi");
    assert_eq!(
        ville["subject"],
        "2026: 1 kohta odottaa seurantaasi, määräaika 31.1.2027"
    );
    let body = ville["body"].as_str().unwrap();
    assert!(
        body.contains("internal-control-2025:1 Hyvä hygieniataso"),
        "{body}"
    );
    assert!(body.contains("(päivittäjä)"), "{body}");
}

#[test]
fn an_assessed_item_is_no_longer_in_the_reminder_and_text_is_for_reading() {
    let db = round_with_people();
    strata(&db, &["set", &format!("{IC}:1"), "--keep"]);
    let (text, _) = strata(&db, &["--lang", "en", "remind", "--plan", IC]);
    // Ville had only 1: no reminder for him any more.
    assert!(!text.contains("Ville Korhonen"), "{text}");
    assert!(
        text.starts_with("Till: Maria Lind <maria.lind@norsjo.se>\nÄmne: 2026: 1 punkt väntar"),
        "{text}"
    );
    assert!(
        text.contains("Nils Utanpost (ingen e-postadress)"),
        "{text}"
    );
    assert!(!text.contains("God hygienisk standard"), "{text}");
    // A closed period asks nothing of anyone.
    strata(&db, &["period", "close", IC, "2026"]);
    let (text, err) = strata(&db, &["remind", "--plan", IC]);
    assert_eq!(text, "");
    assert!(err.contains("Nobody has items waiting"), "{err}");
}
