//! `F`: what the tree shows: every item, the items that still need an
//! assessment, the items in one status, or one owner's items.

use super::*;

pub const HINTS: &[Action] = &[Action::Down, Action::Up, Action::Confirm, Action::Cancel];

/// A row of the filter picker: `None` is the whole tree.
pub type Choice = Option<TreeFilter>;

impl Model {
    /// The filters to choose from: all, needs an update, each status, and
    /// each owner named in the plans (in the display language, sorted).
    pub fn filter_choices(&self) -> Vec<Choice> {
        let mut out = vec![None, Some(TreeFilter::NeedsUpdate)];
        // Not assessed is what "needs an assessment" shows.
        out.extend(
            Status::BY_ATTENTION
                .iter()
                .filter(|&&s| s != Status::NotAssessed)
                .map(|&s| Some(TreeFilter::Status(s))),
        );
        let mut owners: Vec<String> = match &self.owners {
            Some(o) => o.clone(),
            None => self
                .plans
                .iter()
                .flat_map(|ps| ps.plan.walk())
                .filter_map(|(_, it)| it.owner.resolve(self.lang).map(|t| t.text.to_owned()))
                .collect(),
        };
        owners.retain(|o| !o.trim().is_empty());
        owners.sort_by_key(|o| crate::domain::rules::folded(o));
        owners.dedup();
        out.extend(owners.into_iter().map(|o| Some(TreeFilter::Owner(o))));
        out.extend(
            self.contacts
                .iter()
                .map(|c| Some(TreeFilter::Contact(c.id.clone()))),
        );
        out
    }

    /// How a filter is named, in the list and in the header.
    pub fn filter_name(&self, f: &Choice) -> String {
        let lang = self.lang;
        match f {
            None => t(lang, "filter.all").to_owned(),
            Some(TreeFilter::NeedsUpdate) => t(lang, "filter.needs_update").to_owned(),
            Some(TreeFilter::Status(s)) => tf(
                lang,
                "filter.status",
                &[(
                    "status",
                    &format!("{} {}", s.symbol(), t(lang, &format!("status.{}", s.key()))),
                )],
            ),
            Some(TreeFilter::Owner(o)) => tf(lang, "filter.owner", &[("owner", o)]),
            Some(TreeFilter::Contact(id)) => {
                let name = self
                    .contacts
                    .iter()
                    .find(|c| c.id == *id)
                    .map_or(id.as_str(), |c| c.name.as_str());
                tf(lang, "filter.contact", &[("name", &name)])
            }
        }
    }

    pub(in crate::app) fn open_filter(&mut self) {
        let current = self.filter.clone();
        let choice = self
            .filter_choices()
            .iter()
            .position(|c| *c == current)
            .unwrap_or(0);
        self.overlay = Overlay::Filter { choice };
    }

    /// Puts a filter on the tree (or takes it off), keeping the selection
    /// where it is still shown; says how many items are left in it.
    pub(in crate::app) fn set_filter(&mut self, f: Choice) {
        let selected = self.selected_key();
        self.filter = f;
        self.rows = self.build_rows();
        // The selection where it is still shown, else its plan.
        self.cursor = selected
            .and_then(|k| {
                self.find_row(&k).or_else(|| {
                    self.find_row(&NodeKey {
                        plan: k.plan,
                        item: None,
                    })
                })
            })
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
        self.offset = 0;
        self.scroll_into_view();
        match &self.filter {
            None => self.info(t(self.lang, "filter.off").to_owned()),
            Some(_) => {
                let n = self
                    .rows
                    .iter()
                    .filter(|r| {
                        let ps = &self.plans[r.plan];
                        tree::item_at(&ps.plan, &r.path).is_some_and(|it| {
                            self.filter
                                .as_ref()
                                .is_some_and(|f| ps.keeps(f, it, self.lang))
                        })
                    })
                    .count();
                let name = self.filter_name(&self.filter.clone());
                self.info(tf(
                    self.lang,
                    "filter.on",
                    &[
                        ("filter", &name),
                        ("items", &plural(self.lang, "count.items", n)),
                    ],
                ));
            }
        }
    }

    pub(in crate::app) fn filter_key(
        &mut self,
        action: Option<Action>,
        choice: usize,
    ) -> Option<Command> {
        let choices = self.filter_choices();
        let last = choices.len().saturating_sub(1);
        match action {
            Some(Action::Down) => {
                self.overlay = Overlay::Filter {
                    choice: (choice + 1).min(last),
                }
            }
            Some(Action::Up) => {
                self.overlay = Overlay::Filter {
                    choice: choice.saturating_sub(1),
                }
            }
            Some(Action::Confirm) => {
                let f = choices.get(choice).cloned().flatten();
                self.set_filter(f);
            }
            Some(Action::Quit) => return self.quit_now(),
            Some(Action::Cancel) => {}
            _ => self.overlay = Overlay::Filter { choice },
        }
        None
    }
}

pub(super) fn draw(f: &mut Frame, m: &Model, area: Rect, choice: usize) {
    let rows: Vec<Line<'static>> = m
        .filter_choices()
        .iter()
        .map(|c| {
            let mark = if *c == m.filter { "•" } else { " " };
            Line::from(format!(" {mark} {}", m.filter_name(c)))
        })
        .collect();
    let title = t(m.lang, "filter.title").to_owned();
    let w = box_width(&rows, &title, area, 4);
    let h = (rows.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    choose(f, r, title, rows, choice);
}
