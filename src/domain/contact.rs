//! The people of a round: contacts (per database) and the roles in which an
//! item names them.

use serde::{Deserialize, Serialize};

use super::lang::Lang;

/// A person who answers for items: gets reminders, in their language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A short id, unique in the database: `mlind`, `hygiene-lead`.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The language reminders are written in (else the display language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Organisation unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// What a contact person does for an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Answers for the item.
    Responsible,
    /// Writes its follow-ups.
    Updater,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Responsible, Role::Updater];

    pub fn key(self) -> &'static str {
        match self {
            Role::Responsible => "responsible",
            Role::Updater => "updater",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }
}

/// A contact named by an item, in a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemContact {
    /// The contact's id.
    pub contact: String,
    pub role: Role,
}

/// An e-mail address as strata accepts one: something before and after a
/// single `@`, a dot in the domain, no spaces or angle brackets (enough to
/// put it in a `To:` line; whether it reaches anyone is the mail server's
/// business).
pub fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_fit_a_to_line() {
        assert!(email_ok("maria.lind@norsjo.se"));
        assert!(email_ok("m+round@kunta.fi"));
        for bad in [
            "",
            "maria",
            "@norsjo.se",
            "maria@",
            "maria@norsjo",
            "a b@c.fi",
            "a@b@c.fi",
            "a@c.fi>",
            "a@.fi",
        ] {
            assert!(!email_ok(bad), "{bad}");
        }
    }
}
