//! Contacts (per database) and the items that name them. Every write is one
//! transaction with its change-log row: a link under its item's plan, a
//! change to the list of contacts under the plan code `""`.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};

use super::write::Log;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::contact::email_ok;
use crate::domain::rules::item_code_ok;
use crate::domain::{Contact, ItemContact, Lang, Role};

/// Changes to a contact: `None` keeps a field, `Some(None)` clears it.
#[derive(Clone, Debug, Default)]
pub struct ContactEdit {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub lang: Option<Option<Lang>>,
    pub unit: Option<Option<String>>,
}

/// Checks a contact as it is to be stored.
pub(super) fn check(c: &Contact) -> Result<()> {
    if !item_code_ok(&c.id) {
        return Err(StoreError::BadCode(c.id.clone()));
    }
    if c.name.trim().is_empty() {
        return Err(StoreError::NoTitle);
    }
    for t in [Some(&c.name), c.unit.as_ref()].into_iter().flatten() {
        crate::domain::rules::text_fits(t)?;
    }
    if let Some(e) = &c.email {
        if !email_ok(e) {
            return Err(StoreError::BadEmail(e.clone()));
        }
    }
    Ok(())
}

/// One line of the change log for a contact's fields: `Maria Lind
/// <maria@norsjo.se> sv · Omsorgen`.
fn summary(c: &Contact) -> String {
    let mut s = c.name.clone();
    if let Some(e) = &c.email {
        s.push_str(&format!(" <{e}>"));
    }
    if let Some(l) = c.lang {
        s.push_str(&format!(" {}", l.code()));
    }
    if let Some(u) = &c.unit {
        s.push_str(&format!(" · {u}"));
    }
    s
}

fn read_contact(r: &rusqlite::Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        lang: r.get::<_, Option<String>>(3)?.and_then(|l| Lang::parse(&l)),
        unit: r.get(4)?,
    })
}

/// Puts contacts in (a new id) or over the stored ones (an id that exists):
/// what an import of an exchange file does, inside its transaction.
pub(super) fn upsert(tx: &Transaction<'_>, contacts: &[Contact]) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO contact (handle, name, email, lang, unit) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (handle) DO UPDATE SET
           name = excluded.name, email = excluded.email, lang = excluded.lang,
           unit = excluded.unit",
    )?;
    for c in contacts {
        st.execute(params![
            c.id,
            c.name,
            c.email,
            c.lang.map(Lang::code),
            c.unit
        ])?;
    }
    Ok(())
}

/// Links an item (by id) to contacts (by id), as an import does.
pub(super) fn link_all(
    tx: &Transaction<'_>,
    item_id: i64,
    contacts: &[ItemContact],
) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO item_contact (item_id, contact_id, role)
         SELECT ?1, id, ?3 FROM contact WHERE handle = ?2",
    )?;
    for c in contacts {
        st.execute(params![item_id, c.contact, c.role.key()])?;
    }
    Ok(())
}

impl Store {
    /// Every contact, by name.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT handle, name, email, lang, unit FROM contact
                 ORDER BY name COLLATE NOCASE, handle",
            )
            .map_err(|e| self.classify(e))?;
        let rows = st
            .query_map([], read_contact)
            .map_err(|e| self.classify(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e))
    }

    /// How many items name each contact (by id), in any role.
    pub fn contact_links(&self) -> Result<HashMap<String, usize>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT c.handle, count(DISTINCT ic.item_id) FROM contact c
                 LEFT JOIN item_contact ic ON ic.contact_id = c.id GROUP BY c.id",
            )
            .map_err(|e| self.classify(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
            .map_err(|e| self.classify(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e))
    }

    /// The item contacts of a plan, by item id: for the load of the plan.
    pub(super) fn item_contacts(
        &self,
        plan_id: i64,
        ids: Option<&[i64]>,
    ) -> Result<HashMap<i64, Vec<ItemContact>>> {
        let (rows_of, arg) = super::read::scope(
            "item_contact ic JOIN contact c ON c.id = ic.contact_id",
            "ic.item_id",
            plan_id,
            ids,
        );
        let sql = format!(
            "SELECT ic.item_id, c.handle, ic.role FROM {rows_of}
             ORDER BY ic.item_id, ic.role, c.name COLLATE NOCASE"
        );
        let mut st = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.classify(e))?;
        let mut out: HashMap<i64, Vec<ItemContact>> = HashMap::new();
        let rows = st
            .query_map([&arg], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.classify(e))?;
        for row in rows {
            let (item, contact, role) = row.map_err(|e| self.classify(e))?;
            if let Some(role) = Role::parse(&role) {
                out.entry(item)
                    .or_default()
                    .push(ItemContact { contact, role });
            }
        }
        Ok(out)
    }

    fn contact_row(tx: &Transaction<'_>, id: &str) -> rusqlite::Result<Option<(i64, Contact)>> {
        tx.query_row(
            "SELECT handle, name, email, lang, unit, id FROM contact WHERE handle = ?1",
            [id],
            |r| Ok((r.get(5)?, read_contact(r)?)),
        )
        .optional()
    }

    fn log_contact(
        tx: &Transaction<'_>,
        user: &str,
        at: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> rusqlite::Result<()> {
        Log { at, user, plan: "" }.write(tx, None, None, field, None, old, new)
    }

    pub fn add_contact(&mut self, c: &Contact, user: &str, at: &str) -> Result<()> {
        check(c)?;
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        if Store::contact_row(&tx, &c.id).map_err(e)?.is_some() {
            return Err(StoreError::ContactExists(c.id.clone()));
        }
        upsert(&tx, std::slice::from_ref(c)).map_err(e)?;
        let new = format!("{}: {}", c.id, summary(c));
        Store::log_contact(&tx, user, at, "contact_add", None, Some(&new)).map_err(e)?;
        tx.commit().map_err(e)
    }

    pub fn edit_contact(
        &mut self,
        id: &str,
        edit: &ContactEdit,
        user: &str,
        at: &str,
    ) -> Result<Contact> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let Some((_, old)) = Store::contact_row(&tx, id).map_err(e)? else {
            return Err(StoreError::UnknownContact(id.to_owned()));
        };
        let mut new = old.clone();
        if let Some(n) = &edit.name {
            new.name = n.clone();
        }
        if let Some(x) = &edit.email {
            new.email = x.clone();
        }
        if let Some(x) = edit.lang {
            new.lang = x;
        }
        if let Some(x) = &edit.unit {
            new.unit = x.clone();
        }
        check(&new)?;
        if new != old {
            upsert(&tx, std::slice::from_ref(&new)).map_err(e)?;
            Store::log_contact(
                &tx,
                user,
                at,
                "contact_edit",
                Some(&format!("{id}: {}", summary(&old))),
                Some(&format!("{id}: {}", summary(&new))),
            )
            .map_err(e)?;
        }
        tx.commit().map_err(e)?;
        Ok(new)
    }

    /// Removes a contact; one that items name is refused with
    /// `ContactLinked` (how many) unless `force`, which unlinks it too.
    pub fn remove_contact(&mut self, id: &str, force: bool, user: &str, at: &str) -> Result<usize> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let Some((row, old)) = Store::contact_row(&tx, id).map_err(e)? else {
            return Err(StoreError::UnknownContact(id.to_owned()));
        };
        let items: i64 = tx
            .query_row(
                "SELECT count(DISTINCT item_id) FROM item_contact WHERE contact_id = ?1",
                [row],
                |r| r.get(0),
            )
            .map_err(e)?;
        if items > 0 && !force {
            return Err(StoreError::ContactLinked {
                id: id.to_owned(),
                items: items as usize,
            });
        }
        tx.execute("DELETE FROM contact WHERE id = ?1", [row])
            .map_err(e)?;
        let old = format!("{id}: {}", summary(&old));
        Store::log_contact(&tx, user, at, "contact_remove", Some(&old), None).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(items as usize)
    }

    /// Names a contact for an item in a role (a second role is a second
    /// link). Returns false when the link was there already.
    pub fn link_contact(
        &mut self,
        plan: &str,
        item: &str,
        id: &str,
        role: Role,
        user: &str,
        at: &str,
    ) -> Result<bool> {
        self.set_link(plan, item, id, &[role], true, (user, at))
    }

    /// Takes a contact off an item: in one role, or in every role (`None`).
    /// Returns false when there was no such link.
    pub fn unlink_contact(
        &mut self,
        plan: &str,
        item: &str,
        id: &str,
        role: Option<Role>,
        user: &str,
        at: &str,
    ) -> Result<bool> {
        let roles = match role {
            Some(r) => vec![r],
            None => Role::ALL.to_vec(),
        };
        self.set_link(plan, item, id, &roles, false, (user, at))
    }

    /// Links (`link`) or unlinks a contact in each of `roles`, stamped by
    /// `(user, at)`, in one transaction.
    fn set_link(
        &mut self,
        plan: &str,
        item: &str,
        id: &str,
        roles: &[Role],
        link: bool,
        (user, at): (&str, &str),
    ) -> Result<bool> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = super::target::Target::new(&tx, &path, plan, item)?;
        let Some((contact, _)) = Store::contact_row(&tx, id).map_err(|e| t.e(e))? else {
            return Err(StoreError::UnknownContact(id.to_owned()));
        };
        let mut changed = false;
        for &r in roles {
            let n = if link {
                tx.execute(
                    "INSERT OR IGNORE INTO item_contact (item_id, contact_id, role)
                     VALUES (?1, ?2, ?3)",
                    params![t.item_id, contact, r.key()],
                )
            } else {
                tx.execute(
                    "DELETE FROM item_contact WHERE item_id = ?1 AND contact_id = ?2 AND role = ?3",
                    params![t.item_id, contact, r.key()],
                )
            }
            .map_err(|e| t.e(e))?;
            if n > 0 {
                changed = true;
                let value = format!("{id} ({})", r.key());
                let (old, new) = if link {
                    (None, Some(value.as_str()))
                } else {
                    (Some(value.as_str()), None)
                };
                t.log(user, at, None, "contact", None, old, new)?;
            }
        }
        if changed {
            t.bump()?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(changed)
    }
}
