//! `strata contact add|edit|remove|list|link|unlink`: the people of a round.

use clap::{Subcommand, ValueEnum};

use super::{parse_address, CliError, Ctx};
use crate::display::{pad, width};
use crate::domain::{Contact, Lang, Role};
use crate::i18n::{plural, t, tf};
use crate::store::{ContactEdit, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Responsible,
    Updater,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Responsible => Role::Responsible,
            RoleArg::Updater => Role::Updater,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ContactCommand {
    /// Add a contact person
    Add {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        /// The language of their reminders: fi, sv or en
        #[arg(long, value_name = "LANG", value_parser = super::parse_lang)]
        language: Option<Lang>,
        /// Organisation unit
        #[arg(long)]
        unit: Option<String>,
    },
    /// Change a contact ("" clears e-mail, language or unit)
    Edit {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long, value_name = "LANG")]
        language: Option<String>,
        #[arg(long)]
        unit: Option<String>,
    },
    /// Remove a contact
    Remove {
        id: String,
        /// Remove it even though items name it (they are unlinked)
        #[arg(long)]
        force: bool,
    },
    /// List the contacts and how many items name each
    List {
        #[arg(long, value_enum, default_value_t = super::round::OutFormat::Text)]
        format: super::round::OutFormat,
    },
    /// Name a contact for an item, as responsible or as updater
    Link {
        /// PLAN:CODE
        address: String,
        id: String,
        #[arg(long, value_enum, default_value_t = RoleArg::Updater)]
        role: RoleArg,
    },
    /// Take a contact off an item (in one role, or every role)
    Unlink {
        address: String,
        id: String,
        #[arg(long, value_enum)]
        role: Option<RoleArg>,
    },
}

pub const HELP: &[(&str, &[&str])] = &[
    ("add", &["id", "name", "email", "language", "unit"]),
    ("edit", &["id", "name", "email", "language", "unit"]),
    ("remove", &["id", "force"]),
    ("list", &["format"]),
    ("link", &["address", "id", "role"]),
    ("unlink", &["address", "id", "role"]),
];

/// `""` clears; anything else is the new value.
fn cleared(v: Option<String>) -> Option<Option<String>> {
    v.map(|v| Some(v).filter(|v| !v.trim().is_empty()))
}

pub fn run(ctx: &Ctx, cmd: ContactCommand) -> Result<(), CliError> {
    let lang = ctx.lang();
    let user = crate::clock::os_user();
    let at = crate::clock::now_utc();
    match cmd {
        ContactCommand::Add {
            id,
            name,
            email,
            language,
            unit,
        } => {
            let c = Contact {
                id: id.clone(),
                name,
                email: email.filter(|e| !e.trim().is_empty()),
                lang: language,
                unit: unit.filter(|u| !u.trim().is_empty()),
            };
            let mut store = ctx.open_for_write()?;
            store.add_contact(&c, &user, &at)?;
            println!(
                "{}",
                tf(lang, "contact.added", &[("id", &id), ("name", &c.name)])
            );
        }
        ContactCommand::Edit {
            id,
            name,
            email,
            language,
            unit,
        } => {
            let lang_change = match language.as_deref() {
                None => None,
                Some("") => Some(None),
                Some(l) => Some(Some(Lang::parse(l).ok_or_else(|| {
                    CliError::Option("--language", StoreError::BadCode(l.to_owned()))
                })?)),
            };
            let edit = ContactEdit {
                name,
                email: cleared(email),
                lang: lang_change,
                unit: cleared(unit),
            };
            let mut store = ctx.open_for_write()?;
            let c = store.edit_contact(&id, &edit, &user, &at)?;
            println!(
                "{}",
                tf(lang, "contact.edited", &[("id", &id), ("name", &c.name)])
            );
        }
        ContactCommand::Remove { id, force } => {
            let mut store = ctx.open_for_write()?;
            let n = store.remove_contact(&id, force, &user, &at)?;
            println!(
                "{}",
                tf(
                    lang,
                    "contact.removed",
                    &[("id", &id), ("items", &plural(lang, "count.items", n))]
                )
            );
        }
        ContactCommand::List { format } => {
            let store = ctx.open()?;
            let contacts = store.contacts()?;
            let links = store.contact_links()?;
            if format == super::round::OutFormat::Json {
                let list: Vec<_> = contacts
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "id": c.id,
                            "name": c.name,
                            "email": c.email,
                            "language": c.lang.map(Lang::code),
                            "unit": c.unit,
                            "items": links.get(&c.id).copied().unwrap_or(0),
                        })
                    })
                    .collect();
                let doc = serde_json::json!({ "contacts": list });
                println!("{}", serde_json::to_string_pretty(&doc).expect("json"));
                return Ok(());
            }
            if contacts.is_empty() {
                println!("{}", t(lang, "contact.none"));
                return Ok(());
            }
            let iw = contacts.iter().map(|c| width(&c.id)).max().unwrap_or(2);
            let nw = contacts.iter().map(|c| width(&c.name)).max().unwrap_or(4);
            for c in &contacts {
                let mut rest = Vec::new();
                if let Some(e) = &c.email {
                    rest.push(e.clone());
                }
                if let Some(l) = c.lang {
                    rest.push(l.code().to_owned());
                }
                if let Some(u) = &c.unit {
                    rest.push(u.clone());
                }
                rest.push(plural(
                    lang,
                    "count.items",
                    links.get(&c.id).copied().unwrap_or(0),
                ));
                println!(
                    "{}  {}  {}",
                    pad(&c.id, iw),
                    pad(&c.name, nw),
                    rest.join(" · ")
                );
            }
        }
        ContactCommand::Link { address, id, role } => {
            let (plan, item) = parse_address(&address)?;
            let role: Role = role.into();
            let mut store = ctx.open_for_write()?;
            let key = match store.link_contact(plan, item, &id, role, &user, &at)? {
                true => "contact.linked",
                false => "contact.already_linked",
            };
            println!(
                "{}",
                tf(
                    lang,
                    key,
                    &[
                        ("id", &id),
                        ("address", &address),
                        ("role", &t(lang, &format!("role.{}", role.key()))),
                    ]
                )
            );
        }
        ContactCommand::Unlink { address, id, role } => {
            let (plan, item) = parse_address(&address)?;
            let mut store = ctx.open_for_write()?;
            let key =
                match store.unlink_contact(plan, item, &id, role.map(Role::from), &user, &at)? {
                    true => "contact.unlinked",
                    false => "contact.not_linked",
                };
            println!("{}", tf(lang, key, &[("id", &id), ("address", &address)]));
        }
    }
    Ok(())
}
