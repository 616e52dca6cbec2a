//! The contact persons from the app: naming them for an item, adding,
//! changing and removing them; each one store transaction, logged.

use super::edits::stamp;
use super::popups::people::{id_for, parse_form};
use super::*;

impl Effects<'_> {
    pub(super) fn link_contact(
        &mut self,
        plan: &str,
        item: &str,
        id: &str,
        role: Role,
        link: bool,
        choice: usize,
    ) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        if link {
            self.store.link_contact(plan, item, id, role, &user, &at)?;
        } else {
            self.store
                .unlink_contact(plan, item, id, Some(role), &user, &at)?;
        }
        let lang = self.model.lang;
        let role_word = t(lang, &format!("role.{}", role.key()));
        let address = format!("{plan}:{item}");
        let text = if link {
            tf(
                lang,
                "contact.linked",
                &[("id", &id), ("address", &address), ("role", &role_word)],
            )
        } else {
            tf(
                lang,
                "contact.unlinked",
                &[("id", &id), ("address", &address)],
            )
        };
        Ok(Outcome {
            reload: Reload::Plan(plan.to_owned()),
            overlay: Some(Overlay::People { choice }),
            ..Outcome::default()
        }
        .say(text))
    }

    /// Saves the one-line form of a contact: a new one gets an id made
    /// from the name. A wrong part is refused with the reason; the editor
    /// stays with what was typed.
    pub(super) fn save_contact(
        &mut self,
        ed: &Editor,
        id: Option<&str>,
    ) -> Result<Outcome, StoreError> {
        let mut c = parse_form(&ed.text())?;
        let (user, at) = stamp();
        let lang = self.model.lang;
        let key = match id {
            Some(id) => {
                c.id = id.to_owned();
                self.store.edit_contact(
                    id,
                    &crate::store::ContactEdit {
                        name: Some(c.name.clone()),
                        email: Some(c.email.clone()),
                        lang: Some(c.lang),
                        unit: Some(c.unit.clone()),
                    },
                    &user,
                    &at,
                )?;
                "contact.edited"
            }
            None => {
                let taken: Vec<String> = self.model.contacts.iter().map(|c| c.id.clone()).collect();
                c.id = id_for(&c.name, &taken);
                self.store.add_contact(&c, &user, &at)?;
                "contact.added"
            }
        };
        let contacts = self.store.contacts()?;
        let choice = contacts.iter().position(|x| x.id == c.id).unwrap_or(0);
        let plan = self
            .model
            .selected_item()
            .map(|(ps, _)| ps.plan.code.clone())
            .unwrap_or_default();
        Ok(Outcome {
            reload: Reload::Plan(plan),
            overlay: Some(Overlay::People { choice }),
            ..Outcome::default()
        }
        .say(tf(lang, key, &[("id", &c.id), ("name", &c.name)])))
    }

    pub(super) fn ask_remove_contact(&mut self, id: String) -> Result<Outcome, StoreError> {
        let lang = self.model.lang;
        let items = self.store.contact_links()?.get(&id).copied().unwrap_or(0);
        let name = self
            .model
            .contacts
            .iter()
            .find(|c| c.id == id)
            .map_or(id.clone(), |c| c.name.clone());
        let [(_, yes), (_, no)] = self.model.keymap.answers(lang);
        Ok(Outcome {
            overlay: Some(Overlay::Ask(Box::new(Question {
                text: tf(
                    lang,
                    "ask.remove_contact",
                    &[
                        ("name", &name),
                        ("items", &plural(lang, "count.items", items)),
                        ("yes", &yes),
                        ("no", &no),
                    ],
                ),
                yes: Command::RemoveContact { id },
                no: None,
            }))),
            ..Outcome::default()
        })
    }

    pub(super) fn remove_contact(&mut self, id: &str) -> Result<Outcome, StoreError> {
        let (user, at) = stamp();
        let n = self.store.remove_contact(id, true, &user, &at)?;
        let lang = self.model.lang;
        Ok(Outcome {
            reload: Reload::All,
            overlay: Some(Overlay::People { choice: 0 }),
            ..Outcome::default()
        }
        .say(tf(
            lang,
            "contact.removed",
            &[("id", &id), ("items", &plural(lang, "count.items", n))],
        )))
    }
}
