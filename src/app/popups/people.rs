//! `C`: the contact persons of the database, marked for the selected item
//! (`R` responsible, `U` updater): r and u name or un-name the chosen person
//! for the item in that role; a adds a person and e changes one (a form in
//! one line: name; e-mail; language; unit); x removes one, asking first.

use super::*;

pub const HINTS: &[Action] = &[
    Action::Responsible,
    Action::Updater,
    Action::AddChild,
    Action::Edit,
    Action::Delete,
    Action::Close,
];

/// A contact as its one-line form shows it: `Maria Lind; maria@norsjo.se;
/// sv; Socialförvaltningen`.
pub fn form_of(c: &crate::domain::Contact) -> String {
    [
        c.name.clone(),
        c.email.clone().unwrap_or_default(),
        c.lang.map(|l| l.code().to_owned()).unwrap_or_default(),
        c.unit.clone().unwrap_or_default(),
    ]
    .join("; ")
    .trim_end_matches([';', ' '])
    .to_owned()
}

/// Reads the one-line form: name; e-mail; language; unit (the last three
/// may be left out or empty). `Err` names the part that is wrong.
pub fn parse_form(s: &str) -> Result<crate::domain::Contact, StoreError> {
    let parts: Vec<&str> = s.split(';').map(str::trim).collect();
    let get = |i: usize| parts.get(i).copied().filter(|p| !p.is_empty());
    let name = get(0).ok_or(StoreError::NoTitle)?.to_owned();
    let email = get(1).map(str::to_owned);
    if let Some(e) = &email {
        if !crate::domain::contact::email_ok(e) {
            return Err(StoreError::BadEmail(e.clone()));
        }
    }
    let lang = match get(2) {
        None => None,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| StoreError::BadCode(l.to_owned()))?),
    };
    Ok(crate::domain::Contact {
        id: String::new(),
        name,
        email,
        lang,
        unit: get(3).map(str::to_owned),
    })
}

/// An id made from a name, free among `taken`: `Åsa Öberg` → `asa-oberg`,
/// then `asa-oberg-2`.
pub fn id_for(name: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'š' => 's',
            'ž' => 'z',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-').to_owned();
    let base = if base.is_empty() {
        "contact".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

impl Model {
    pub(in crate::app) fn open_people(&mut self) {
        if self.writable_item().is_none() {
            return;
        }
        self.overlay = Overlay::People { choice: 0 };
    }

    pub(in crate::app) fn people_key(
        &mut self,
        action: Option<Action>,
        choice: usize,
    ) -> Option<Command> {
        let (ps, Some(item)) = self.selected_item()? else {
            return None;
        };
        let (plan, code) = (ps.plan.code.clone(), item.code.clone());
        let named: Vec<(String, Role)> = item
            .contacts
            .iter()
            .map(|c| (c.contact.clone(), c.role))
            .collect();
        let last = self.contacts.len().saturating_sub(1);
        let chosen = self.contacts.get(choice).cloned();
        let stay = |m: &mut Model, choice| m.overlay = Overlay::People { choice };
        match action {
            Some(Action::Down) => stay(self, (choice + 1).min(last)),
            Some(Action::Up) => stay(self, choice.saturating_sub(1)),
            Some(a @ (Action::Responsible | Action::Updater)) => {
                let c = chosen?;
                let role = if a == Action::Responsible {
                    Role::Responsible
                } else {
                    Role::Updater
                };
                let link = !named.iter().any(|(id, r)| *id == c.id && *r == role);
                return Some(Command::LinkContact {
                    plan,
                    item: code,
                    id: c.id,
                    role,
                    link,
                    choice,
                });
            }
            Some(Action::AddChild) => {
                let target = editor::Target::Contact { id: None };
                self.overlay = Overlay::Editor(Box::new(Editor::new(target, self.lang, "")));
            }
            Some(Action::Edit) => {
                let c = chosen?;
                let target = editor::Target::Contact {
                    id: Some(c.id.clone()),
                };
                self.overlay =
                    Overlay::Editor(Box::new(Editor::new(target, self.lang, &form_of(&c))));
            }
            Some(Action::Delete) => {
                let c = chosen?;
                return Some(Command::AskRemoveContact { id: c.id });
            }
            Some(Action::Quit) => return self.quit_now(),
            Some(Action::Close) => {}
            _ => stay(self, choice),
        }
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let Some((_, Some(item))) = m.selected_item() else {
        return;
    };
    let lang = m.lang;
    let title = tf(lang, "people.title", &[("item", &item.code)]);
    if m.contacts.is_empty() {
        let text = t(lang, "people.none");
        let r = centered(
            area,
            (width(text) as u16 + 4).max(width(&title) as u16 + 6),
            3,
        );
        f.render_widget(Clear, r);
        f.render_widget(Paragraph::new(text).block(boxed(title)), r);
        return;
    }
    let nw = m
        .contacts
        .iter()
        .map(|c| width(&c.name))
        .max()
        .unwrap_or(4)
        .min(30);
    let role = |c: &crate::domain::Contact, r: Role, mark: &str| {
        if item
            .contacts
            .iter()
            .any(|ic| ic.contact == c.id && ic.role == r)
        {
            mark.to_owned()
        } else {
            "·".to_owned()
        }
    };
    let r_mark = t(lang, "people.mark_responsible");
    let u_mark = t(lang, "people.mark_updater");
    let rows: Vec<Line<'static>> = m
        .contacts
        .iter()
        .map(|c| {
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
            Line::from(vec![
                Span::styled(
                    format!(
                        " {} {} ",
                        role(c, Role::Responsible, r_mark),
                        role(c, Role::Updater, u_mark)
                    ),
                    style::bold(),
                ),
                Span::raw(pad(&truncate(&c.name, nw), nw)),
                Span::styled(format!("  {}", rest.join(" · ")), style::dim(m)),
            ])
        })
        .collect();
    let w = box_width(&rows, &title, area, 4);
    let h = (rows.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    choose(f, r, title, rows, choice);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names_and_the_form_both_ways() {
        assert_eq!(id_for("Åsa Öberg", &[]), "asa-oberg");
        assert_eq!(id_for("Åsa Öberg", &["asa-oberg".into()]), "asa-oberg-2");
        assert_eq!(id_for("!!", &[]), "contact");
        let c = parse_form("Maria Lind; maria@norsjo.se; sv; Omsorgen").unwrap();
        assert_eq!(form_of(&c), "Maria Lind; maria@norsjo.se; sv; Omsorgen");
        let c = parse_form("Ville Korhonen").unwrap();
        assert_eq!((c.email, c.lang, c.unit), (None, None, None));
        assert!(matches!(
            parse_form("X; not-mail"),
            Err(StoreError::BadEmail(_))
        ));
        assert!(matches!(
            parse_form("X; x@y.fi; de"),
            Err(StoreError::BadCode(_))
        ));
        assert!(matches!(parse_form(" ; x@y.fi"), Err(StoreError::NoTitle)));
    }
}
