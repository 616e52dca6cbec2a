//! `strata remind [--plan P]… [--period P] [--format text|mbox] [--from
//! ADDRESS] [-o FILE]`: per contact person, a message in their language
//! listing their items that still need an update, the deadline and how to
//! answer. `text` is for reading; `mbox` is one RFC 5322 message per
//! contact (written by `mail-builder`) in an mbox file that `sendmail`,
//! `mutt` or any mail client sends as it is. strata sends nothing.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CliError, Ctx};
use crate::domain::{Contact, Item, Lang, Plan, Role, Status};
use crate::i18n::{date, plural, t, tf};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RemindFormat {
    #[default]
    Text,
    Mbox,
}

/// One item a contact is reminded of.
struct Due<'a> {
    plan: &'a Plan,
    period: &'a str,
    item: &'a Item,
    roles: Vec<Role>,
}

/// One contact's reminder.
pub struct Reminder {
    pub contact: Contact,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
}

/// The contacts an item falls under: its own, else its nearest ancestor's.
fn named<'a>(chain: &[&'a Item]) -> &'a [crate::domain::ItemContact] {
    chain
        .iter()
        .rev()
        .find(|i| !i.contacts.is_empty())
        .map_or(&[], |i| i.contacts.as_slice())
}

/// Every contact's reminder: the items (in plan order) that still need an
/// assessment in each plan's period, in the contact's language (else
/// `fallback`); contacts with nothing to do get none.
pub fn reminders(
    plans: &[(Plan, Option<String>)],
    contacts: &[Contact],
    fallback: Lang,
    today: &str,
    sender: &str,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for c in contacts {
        let mut due: Vec<Due> = Vec::new();
        for (plan, period) in plans {
            let Some(period) = period.as_deref() else {
                continue;
            };
            if plan.period(period).is_some_and(|p| p.is_closed()) {
                continue;
            }
            for chain in &crate::present::round::chains(&plan.items) {
                let it = *chain.last().expect("a chain ends in its item");
                if !it.needs_update(period) {
                    continue;
                }
                let mut roles: Vec<Role> = named(chain)
                    .iter()
                    .filter(|ic| ic.contact == c.id)
                    .map(|ic| ic.role)
                    .collect();
                roles.sort();
                roles.dedup();
                if !roles.is_empty() {
                    due.push(Due {
                        plan,
                        period,
                        item: it,
                        roles,
                    });
                }
            }
        }
        if due.is_empty() {
            continue;
        }
        let lang = c.lang.unwrap_or(fallback);
        out.push(message(c, lang, &due, today, sender));
    }
    out
}

fn text_of(t: &crate::domain::Text, lang: Lang) -> String {
    t.resolve(lang)
        .map(|s| s.text.to_owned())
        .unwrap_or_default()
}

fn message(c: &Contact, lang: Lang, due: &[Due], today: &str, sender: &str) -> Reminder {
    let status_word =
        |s: Status| format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key())));
    // The earliest deadline of the periods concerned, for the subject.
    let first = &due[0];
    let period_label =
        |plan: &Plan, code: &str| crate::present::item::period_label(plan, code, lang);
    let deadline = due
        .iter()
        .filter_map(|d| d.plan.period(d.period))
        .filter_map(|p| p.deadline.clone().map(|d| (d, p.clone())))
        .min_by(|a, b| a.0.cmp(&b.0));
    let items = plural(lang, "count.items", due.len());
    let period = period_label(first.plan, first.period);
    let subject = match &deadline {
        Some((d, _)) => tf(
            lang,
            "remind.subject_due",
            &[
                ("period", &period),
                ("items", &items),
                ("date", &date(lang, d)),
            ],
        ),
        None => tf(
            lang,
            "remind.subject",
            &[("period", &period), ("items", &items)],
        ),
    };
    let mut b = String::new();
    b.push_str(&tf(lang, "remind.greeting", &[("name", &c.name)]));
    b.push_str("\n\n");
    match &deadline {
        Some((d, p)) => {
            let (_, left, _) =
                crate::present::round::deadline_words(p, today, lang).unwrap_or_default();
            b.push_str(&tf(
                lang,
                "remind.intro_due",
                &[
                    ("period", &period),
                    ("date", &date(lang, d)),
                    ("left", &left),
                ],
            ));
        }
        None => b.push_str(&tf(lang, "remind.intro", &[("period", &period)])),
    }
    b.push_str("\n\n");
    let mut last_plan = "";
    for d in due {
        if d.plan.code != last_plan {
            if !last_plan.is_empty() {
                b.push('\n');
            }
            b.push_str(&format!(
                "{} ({})\n",
                text_of(&d.plan.title, lang),
                d.plan.code
            ));
            last_plan = &d.plan.code;
        }
        let a = d.item.current(d.period);
        let status = match a {
            Some(a) if a.is_carried() => tf(
                lang,
                "status.carried_mark",
                &[
                    ("status", &status_word(a.status)),
                    ("period", &a.carried_from.clone().unwrap_or_default()),
                ],
            ),
            _ => status_word(Status::NotAssessed),
        };
        let roles: Vec<&str> = d
            .roles
            .iter()
            .map(|r| t(lang, &format!("role.{}", r.key())))
            .collect();
        b.push_str(&format!(
            "  {}:{} {} — {} ({})\n",
            d.plan.code,
            d.item.code,
            text_of(&d.item.title, lang),
            status,
            roles.join(", ")
        ));
    }
    b.push('\n');
    let example = format!("{}:{}", first.plan.code, first.item.code);
    b.push_str(&tf(
        lang,
        "remind.how",
        &[("address", &example), ("period", &first.period)],
    ));
    b.push_str("\n\n");
    b.push_str(&tf(lang, "remind.thanks", &[("sender", &sender)]));
    b.push('\n');
    Reminder {
        contact: c.clone(),
        lang,
        subject,
        body: b,
    }
}

/// The reminders as one mbox file: each message built by `mail-builder`
/// (RFC 5322 headers, RFC 2047 words for names and subjects, UTF-8 body),
/// after a `From ` separator line; body lines that could be taken for one
/// are quoted with `>` (mboxrd).
pub fn mbox(reminders: &[&Reminder], from: &str, now_secs: i64) -> Result<String, CliError> {
    let mut out = String::new();
    let (from_name, from_addr) = split_address(from);
    for (i, r) in reminders.iter().enumerate() {
        let Some(email) = r.contact.email.as_deref() else {
            continue;
        };
        let id = format!(
            "strata-remind-{now_secs}-{i}-{}@{}",
            r.contact.id,
            from_addr.split('@').nth(1).unwrap_or("localhost")
        );
        let mut msg = mail_builder::MessageBuilder::new()
            .to((r.contact.name.as_str(), email))
            .subject(r.subject.as_str())
            .date(now_secs)
            .message_id(id)
            .header(
                "Content-Language",
                mail_builder::headers::raw::Raw::new(r.lang.code()),
            )
            .text_body(r.body.as_str());
        msg = match from_name {
            Some(n) => msg.from((n, from_addr)),
            None => msg.from(from_addr),
        };
        let raw = msg.write_to_string().map_err(|source| CliError::Io {
            path: "<mbox>".into(),
            source,
        })?;
        out.push_str(&format!("From {from_addr} {}\n", asctime(now_secs)));
        for line in raw.replace("\r\n", "\n").lines() {
            let unquoted = line.trim_start_matches('>');
            if unquoted.starts_with("From ") {
                out.push('>');
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}

/// `Name <addr>` or a bare `addr`.
fn split_address(s: &str) -> (Option<&str>, &str) {
    match (s.find('<'), s.rfind('>')) {
        (Some(a), Some(b)) if a < b => {
            let name = s[..a].trim().trim_matches('"');
            (Some(name).filter(|n| !n.is_empty()), s[a + 1..b].trim())
        }
        _ => (None, s.trim()),
    }
}

/// The date of an mbox `From ` line: `Tue Dec  1 10:00:00 2026`, in UTC.
fn asctime(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // 1970-01-01 was a Thursday.
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let iso = crate::clock::format_utc(secs);
    let y = &iso[0..4];
    let m: usize = iso[5..7].parse().unwrap_or(1);
    let d: u32 = iso[8..10].parse().unwrap_or(1);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][m - 1];
    format!(
        "{weekday} {month} {d:>2} {:02}:{:02}:{:02} {y}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// What `strata remind` is asked for.
#[derive(Args, Debug)]
pub struct RemindArgs {
    /// Only these plans (code; repeatable)
    #[arg(long = "plan", value_name = "PLAN")]
    pub plans: Vec<String>,
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// text for reading, mbox for sendmail or a mail client
    #[arg(long, value_enum, default_value_t = RemindFormat::Text)]
    pub format: RemindFormat,
    /// The sender of the messages, "Name <address>" (default: you@localhost)
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// Output file (default: standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: &RemindArgs) -> Result<(), CliError> {
    let (only_plans, period, format) = (&args.plans, args.period.as_deref(), args.format);
    let (from, output) = (args.from.clone(), args.output.clone());
    let lang = ctx.lang();
    // Of each plan, the items due and what leads to them: the rest of the
    // plan is never read.
    let plans = super::round::load_with(
        ctx,
        only_plans,
        period,
        |store, code, shown| store.load_plan_due(code, shown),
        |p| p,
    )?;
    let contacts = ctx.open()?.contacts()?;
    let today = crate::clock::today();
    let user = crate::clock::os_user();
    let from = from.unwrap_or_else(|| format!("{user}@localhost"));
    let all = reminders(&plans, &contacts, lang, &today, &user);
    let mut notes = Vec::new();
    let text = match format {
        RemindFormat::Text => {
            let mut s = String::new();
            for (i, r) in all.iter().enumerate() {
                if i > 0 {
                    s.push_str(&format!("\n{}\n\n", "-".repeat(72)));
                }
                let to = match &r.contact.email {
                    Some(e) => format!("{} <{e}>", r.contact.name),
                    None => format!("{} ({})", r.contact.name, t(r.lang, "remind.no_email")),
                };
                s.push_str(&format!("{}: {to}\n", t(r.lang, "remind.to")));
                s.push_str(&format!(
                    "{}: {}\n\n",
                    t(r.lang, "remind.subject_label"),
                    r.subject
                ));
                s.push_str(&r.body);
            }
            s
        }
        RemindFormat::Mbox => {
            let (with, without): (Vec<&Reminder>, Vec<&Reminder>) =
                all.iter().partition(|r| r.contact.email.is_some());
            for r in without {
                notes.push(tf(
                    lang,
                    "remind.skipped",
                    &[("id", &r.contact.id), ("name", &r.contact.name)],
                ));
            }
            mbox(&with, &from, crate::clock::now_secs())?
        }
    };
    if all.is_empty() {
        eprintln!("{}", t(lang, "remind.nothing"));
    }
    for n in notes {
        eprintln!("{n}");
    }
    match output {
        Some(path) => {
            std::fs::write(&path, text.as_bytes()).map_err(|source| CliError::Io {
                path: path.clone(),
                source,
            })?;
            let sent: usize = all
                .iter()
                .filter(|r| format == RemindFormat::Text || r.contact.email.is_some())
                .count();
            println!(
                "{}",
                tf(
                    lang,
                    "remind.written",
                    &[
                        ("path", &path.display().to_string()),
                        ("messages", &plural(lang, "count.messages", sent)),
                    ]
                )
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Mode, NewPeriod, SetAssessment, Store};

    /// The reminders from the plans read whole against those from the
    /// items due alone: the same messages, word for word.
    fn assert_same_as_whole(store: &Store, contacts: &[Contact]) {
        let mut whole = Vec::new();
        let mut due = Vec::new();
        for code in store.plan_codes().unwrap() {
            for period in store.period_codes_of(&code).unwrap() {
                let p = Some(period.clone());
                whole.push((store.load_plan_in(&code, Some(&period)).unwrap(), p.clone()));
                due.push((store.load_plan_due(&code, Some(&period)).unwrap(), p));
            }
        }
        let bodies = |plans: &[(Plan, Option<String>)]| -> Vec<(String, String)> {
            reminders(plans, contacts, Lang::Fi, "2026-12-01", "coordinator")
                .into_iter()
                .map(|r| (r.subject, r.body))
                .collect()
        };
        let want = bodies(&whole);
        assert!(!want.is_empty());
        assert_eq!(bodies(&due), want);
    }

    #[test]
    fn the_items_due_read_alone_give_the_reminders_of_the_whole_plans() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db"), Mode::ReadWrite)
            .unwrap()
            .store;
        let at = "2026-12-01T09:00:00Z";
        let plans = crate::exchange::reference::document().unwrap().plans;
        store.import(&plans, false, "t", at).unwrap();
        let ic = "internal-control-2025";
        store
            .add_period(
                &NewPeriod {
                    plan: ic,
                    code: "2026",
                    deadline: Some("2027-01-31"),
                    carry_over: true,
                    ..NewPeriod::default()
                },
                "t",
                at,
            )
            .unwrap();
        for (id, lang) in [("mlind", Lang::Sv), ("vk", Lang::Fi), ("nn", Lang::En)] {
            let c = Contact {
                id: id.into(),
                name: id.to_uppercase(),
                email: None,
                lang: Some(lang),
                unit: None,
            };
            store.add_contact(&c, "t", at).unwrap();
        }
        // A top-level item, one under another contact's, a leaf; in two plans.
        let first_of = |store: &Store, plan: &str| {
            let p = store.load_plan_in(plan, None).unwrap();
            let top = p.items[0].code.clone();
            let child = p.items[0].children.first().map(|c| c.code.clone());
            let last = p.walk().last().unwrap().1.code.clone();
            (top, child, last)
        };
        let (top, child, last) = first_of(&store, ic);
        for (plan, item, who, role) in [
            (ic, top.clone(), "mlind", Role::Responsible),
            (ic, top.clone(), "vk", Role::Updater),
            (ic, last.clone(), "nn", Role::Updater),
        ] {
            store.link_contact(plan, &item, who, role, "t", at).unwrap();
        }
        if let Some(child) = &child {
            store
                .link_contact(ic, child, "nn", Role::Responsible, "t", at)
                .unwrap();
        }
        let other = store
            .plan_codes()
            .unwrap()
            .into_iter()
            .find(|c| c != ic)
            .unwrap();
        let (otop, ochild, olast) = first_of(&store, &other);
        store
            .link_contact(&other, &otop, "vk", Role::Responsible, "t", at)
            .unwrap();
        // A round of the other plan just begun, nothing assessed yet.
        let next = NewPeriod {
            plan: &other,
            code: "2030",
            ..NewPeriod::default()
        };
        store.add_period(&next, "t", at).unwrap();
        // Deep in a branch that names no one above: found all the same.
        let deep = store.load_plan_in(&other, None).unwrap();
        let (depth, deep_leaf) = deep
            .walk()
            .into_iter()
            .map(|(d, i)| (d, i.code.clone()))
            .max()
            .unwrap();
        assert!(depth >= 1 && Some(&deep_leaf) != ochild.as_ref());
        for item in [deep_leaf, olast] {
            store
                .link_contact(&other, &item, "mlind", Role::Updater, "t", at)
                .unwrap();
        }
        let contacts = store.contacts().unwrap();
        assert_same_as_whole(&store, &contacts);
        // Some of it assessed: those drop out of the reminders.
        let whole = store.load_plan_in(ic, Some("2026")).unwrap();
        let codes: Vec<String> = whole.walk().iter().map(|(_, i)| i.code.clone()).collect();
        for code in codes.iter().step_by(2) {
            store
                .set_assessment(&SetAssessment {
                    plan: ic,
                    item: code,
                    period: Some("2026"),
                    status: Some(Status::OnTrack),
                    comment: None,
                    user: "t",
                    at,
                    expect_comment: None,
                })
                .unwrap();
        }
        assert_same_as_whole(&store, &contacts);
    }
}
