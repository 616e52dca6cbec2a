//! Where a follow-up round stands, worked out once for `strata status`
//! (`--short`, `--format json`), `strata round` and the app's round view:
//! per plan and group (top-level item or owner), how many items
//! are assessed in the period, carried over, not assessed; what the
//! indicators say; the days left to the deadline; the items updated
//! longest ago.

use std::collections::{BTreeMap, HashMap};

use crate::domain::{Counts, Item, Lang, Listed, Period, Plan, Said, Summary};

/// How a round is grouped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum By {
    /// Each top-level item with everything under it.
    #[default]
    Item,
    /// The owner (responsible body) an item names, or the nearest
    /// ancestor's where it names none.
    Owner,
    /// Each contact person an item names (or its nearest ancestor naming
    /// one), in any role; an item naming nobody counts under "no contact".
    Contact,
}

/// One group of a round.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The top-level item's code, the owner's text; empty
    /// for the items without an owner.
    pub key: String,
    /// The top-level item's title or the owner, in the display
    /// language.
    pub title: String,
    pub counts: Counts,
    pub said: Said,
    /// The codes of its items that still need an assessment.
    pub to_assess: Vec<String>,
}

/// An item and when its current follow-up was recorded (`None`: never).
#[derive(Clone, Debug, PartialEq)]
pub struct Stale {
    pub code: String,
    pub title: String,
    pub at: Option<String>,
}

/// A plan's round in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub plan: String,
    pub title: String,
    pub period: Option<Period>,
    pub counts: Counts,
    pub said: Said,
    /// Days from today to the period's deadline; negative when overdue.
    pub days_left: Option<i64>,
    pub groups: Vec<Group>,
    /// The items that count (leaves and items with a follow-up of their
    /// own), the ones updated longest ago first: never before long ago.
    pub stale: Vec<Stale>,
    /// Values of the period that the source revised after reporting.
    pub revised: Vec<super::revised::RevisedValue>,
}

impl Round {
    /// The share of the counted items assessed in the period, 0–100.
    pub fn share_assessed(&self) -> u32 {
        share(&self.counts)
    }
}

/// The share of `c` that is assessed, in whole per cent (rounded down, so
/// that 99,6 % is not shown as all done).
pub fn share(c: &Counts) -> u32 {
    match c.total() {
        0 => 0,
        n => (c.assessed() * 100 / n) as u32,
    }
}

fn text(t: &crate::domain::Text, lang: Lang) -> String {
    t.resolve(lang)
        .map(|s| s.text.to_owned())
        .unwrap_or_default()
}

/// The head of the round of `plan` in `period` as of `today`, with the
/// plan's `counts` in it (from its roll-up summary) and nothing listed:
/// what the one line per plan of `strata status --short` prints.
pub fn brief(plan: &Plan, period: Option<&str>, today: &str, counts: Counts, lang: Lang) -> Round {
    let p = period.and_then(|c| plan.period(c)).cloned();
    Round {
        plan: plan.code.clone(),
        title: text(&plan.title, lang),
        days_left: p.as_ref().and_then(|p| p.days_left(today)),
        period: p,
        counts,
        said: Said::default(),
        groups: Vec::new(),
        stale: Vec::new(),
        revised: Vec::new(),
    }
}

/// The round of `plan` in `period` (`None`: the plan has no periods), as
/// of `today` (`YYYY-MM-DD`), grouped `by`; `contacts` gives the names of
/// the contact persons.
pub fn round(
    plan: &Plan,
    period: Option<&str>,
    today: &str,
    by: By,
    contacts: &[crate::domain::Contact],
    lang: Lang,
) -> Round {
    let mut r = brief(plan, period, today, Counts::default(), lang);
    let Some(period) = period else {
        return r;
    };
    r.revised = super::revised::revisions(plan, &[period], lang);
    // Every item, with the groups it counts in.
    let mut groups: Vec<Group> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut group_of = |key: String, title: String, groups: &mut Vec<Group>| -> usize {
        *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                key,
                title,
                counts: Counts::default(),
                said: Said::default(),
                to_assess: Vec::new(),
            });
            groups.len() - 1
        })
    };
    for chain in &chains(&plan.items) {
        let it = *chain.last().expect("a chain ends in its item");
        let mut said = Said::default();
        said.add_item(it, period);
        let counted = it.counted_in(period);
        let mut c = Counts::default();
        if counted {
            c.add_follow_up(it.current(period));
            r.counts.merge(&c);
            r.stale.push(Stale {
                code: it.code.clone(),
                title: text(&it.title, lang),
                at: it
                    .current(period)
                    .filter(|a| !a.is_carried())
                    .map(|a| a.at.clone()),
            });
        }
        r.said.merge(&said);
        let needs = it.needs_update(period);
        let keys = group_keys(chain, by, contacts, lang);
        for (key, title) in keys {
            let g = group_of(key, title, &mut groups);
            let g = &mut groups[g];
            g.counts.merge(&c);
            g.said.merge(&said);
            if needs {
                g.to_assess.push(it.code.clone());
            }
        }
    }
    // The unnamed group (no owner) last.
    groups.sort_by_key(|g| g.key.is_empty());
    r.groups = groups;
    // Never updated first, then the oldest; ties in plan order.
    r.stale.sort_by(|a, b| match (&a.at, &b.at) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(y),
    });
    r
}

/// What a round grouped by top-level items is made from, as
/// [`crate::store::Store::load_plan_round`] reads it.
#[derive(Clone, Copy)]
pub struct Parts<'a> {
    /// The plan holding its top-level items and every item with
    /// indicators, with what leads to it.
    pub plan: &'a Plan,
    /// The whole plan's roll-ups in the period.
    pub summary: Option<&'a Summary>,
    /// The summary's key of each item held, by code.
    pub ids: &'a HashMap<String, i64>,
    /// The items that still need an assessment, in plan order.
    pub to_assess: &'a [Listed],
    /// The items updated longest ago: never assessed first (in plan
    /// order), then the oldest assessment first.
    pub stale: &'a [Listed],
}

impl<'a> From<&'a crate::store::RoundPart> for Parts<'a> {
    /// The parts as the store read them.
    fn from(rp: &'a crate::store::RoundPart) -> Parts<'a> {
        Parts {
            plan: &rp.part.plan,
            summary: rp.part.summary.as_deref().map(|s| &s.summary),
            ids: &rp.part.ids,
            to_assess: &rp.to_assess,
            stale: &rp.stale,
        }
    }
}

/// The round of a plan grouped by its top-level items, from its parts: the
/// counts from the plan's roll-up summary, what the indicators say from
/// the items that have them, the items to assess and the stale ones as
/// listed. The same round as [`round`] of the whole plan, as far as the
/// parts list.
pub fn round_of_part(p: Parts<'_>, period: Option<&str>, today: &str, lang: Lang) -> Round {
    use crate::domain::outline::Current;
    use crate::domain::summary::with_self;
    let total = p.summary.map(|s| s.total).unwrap_or_default();
    let mut r = brief(p.plan, period, today, total, lang);
    let (Some(period), Some(summary)) = (period, p.summary) else {
        return r;
    };
    r.revised = super::revised::revisions(p.plan, &[period], lang);
    fn said_under(items: &[Item], period: &str, said: &mut Said) {
        for it in items {
            said.add_item(it, period);
            said_under(&it.children, period, said);
        }
    }
    for top in &p.plan.items {
        let mut said = Said::default();
        said_under(std::slice::from_ref(top), period, &mut said);
        r.said.merge(&said);
        let roll = p.ids.get(&top.code).and_then(|id| summary.items.get(id));
        r.groups.push(Group {
            key: top.code.clone(),
            title: text(&top.title, lang),
            counts: with_self(Current::of(top, period), roll),
            said,
            to_assess: p
                .to_assess
                .iter()
                .filter(|l| l.top == top.code)
                .map(|l| l.item.code.clone())
                .collect(),
        });
    }
    let stale = |l: &Listed| Stale {
        code: l.item.code.clone(),
        title: text(&l.item.title, lang),
        at: l
            .item
            .current(period)
            .filter(|a| !a.is_carried())
            .map(|a| a.at.clone()),
    };
    r.stale = p.stale.iter().map(stale).collect();
    r
}

/// The round of a plan grouped by owner or contact person, from its parts
/// and the groups the store counted (see
/// [`crate::store::Store::round_groups`]): the same round as [`round`] of
/// the whole plan grouped `by`.
pub fn round_grouped(
    p: Parts<'_>,
    read: &[crate::store::GroupRead],
    by: By,
    contacts: &[crate::domain::Contact],
    period: Option<&str>,
    today: &str,
    lang: Lang,
) -> Round {
    use crate::store::GroupKey;
    let mut r = round_of_part(p, period, today, lang);
    let Some(period) = period else {
        return r;
    };
    if r.period.is_none() {
        return r;
    }
    // The groups by their key in the display language, in the order of
    // their first item; each group's items to assess by their place.
    let mut groups: Vec<(Group, Vec<(String, String)>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for g in read {
        let keys: Vec<(String, String)> = match &g.key {
            GroupKey::Owner(t) => {
                let owner = text(t, lang);
                vec![(owner.clone(), owner)]
            }
            GroupKey::Contacts(ids) if ids.is_empty() => vec![(String::new(), String::new())],
            GroupKey::Contacts(ids) => ids
                .iter()
                .map(|id| {
                    let name = contacts
                        .iter()
                        .find(|c| c.id == *id)
                        .map_or_else(|| id.clone(), |c| c.name.clone());
                    (id.clone(), name)
                })
                .collect(),
        };
        for (key, title) in keys {
            let i = *index.entry(key.clone()).or_insert_with(|| {
                groups.push((
                    Group {
                        key,
                        title,
                        counts: Counts::default(),
                        said: Said::default(),
                        to_assess: Vec::new(),
                    },
                    Vec::new(),
                ));
                groups.len() - 1
            });
            groups[i].0.counts.merge(&g.counts);
            groups[i].1.extend(g.to_assess.iter().cloned());
        }
    }
    // What the indicators say, from the items that have them.
    for chain in &chains(&p.plan.items) {
        let it = *chain.last().expect("a chain ends in its item");
        if it.indicators.is_empty() {
            continue;
        }
        let mut said = Said::default();
        said.add_item(it, period);
        for (key, _) in group_keys(chain, by, contacts, lang) {
            if let Some(&i) = index.get(&key) {
                groups[i].0.said.merge(&said);
            }
        }
    }
    r.groups = groups
        .into_iter()
        .map(|(mut g, mut todo)| {
            todo.sort();
            g.to_assess = todo.into_iter().map(|(_, code)| code).collect();
            g
        })
        .collect();
    // The unnamed group (no owner) last.
    r.groups.sort_by_key(|g| g.key.is_empty());
    r
}

/// Every item of `items` and under them in plan order, each as the chain
/// of items leading to it (itself last).
pub fn chains(items: &[Item]) -> Vec<Vec<&Item>> {
    fn walk<'a>(items: &'a [Item], path: &mut Vec<&'a Item>, out: &mut Vec<Vec<&'a Item>>) {
        for it in items {
            path.push(it);
            out.push(path.clone());
            walk(&it.children, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(items, &mut Vec::new(), &mut out);
    out
}

/// The groups (key, title) an item counts in when a round is grouped
/// `by`, from the chain of items leading to it (itself last).
fn group_keys(
    chain: &[&Item],
    by: By,
    contacts: &[crate::domain::Contact],
    lang: Lang,
) -> Vec<(String, String)> {
    match by {
        By::Item => {
            let top = chain[0];
            vec![(top.code.clone(), text(&top.title, lang))]
        }
        By::Owner => {
            let owner = chain
                .iter()
                .rev()
                .map(|i| text(&i.owner, lang))
                .find(|o| !o.is_empty())
                .unwrap_or_default();
            vec![(owner.clone(), owner)]
        }
        By::Contact => {
            let mut ids: Vec<String> = chain
                .iter()
                .rev()
                .find(|i| !i.contacts.is_empty())
                .map(|i| i.contacts.iter().map(|c| c.contact.clone()).collect())
                .unwrap_or_default();
            ids.sort();
            ids.dedup();
            if ids.is_empty() {
                vec![(String::new(), String::new())]
            } else {
                ids.into_iter()
                    .map(|id| {
                        let name = contacts
                            .iter()
                            .find(|c| c.id == id)
                            .map_or_else(|| id.clone(), |c| c.name.clone());
                        (id, name)
                    })
                    .collect()
            }
        }
    }
}

/// The deadline as a reader is told it: "due 31 Jan 2027 · 60 days left",
/// "… · due today", "… · overdue by 3 days", and whether it is overdue;
/// `None` without a deadline.
pub fn deadline_words(period: &Period, today: &str, lang: Lang) -> Option<(String, String, bool)> {
    use crate::i18n::{date, plural, t, tf};
    let d = period.deadline.as_deref()?;
    let days = period.days_left(today)?;
    let when = tf(lang, "period.deadline", &[("date", &date(lang, d))]);
    let left = match days {
        0 => t(lang, "period.due_today").to_owned(),
        n if n > 0 => tf(
            lang,
            "period.days_left",
            &[("days", &plural(lang, "count.days", n as usize))],
        ),
        n => tf(
            lang,
            "period.overdue",
            &[("days", &plural(lang, "count.days", (-n) as usize))],
        ),
    };
    Some((when, left, days < 0))
}

/// What the indicators say, as parts to show: each light that some item
/// has, as its status symbol with the count and word ("■ 4 off track"),
/// and the disagreements ("1 disagrees with its status").
pub fn said_parts(
    said: &Said,
    lang: Lang,
) -> (Vec<(crate::domain::Status, String)>, Option<String>) {
    use crate::domain::Light;
    use crate::i18n::{plural, t};
    let parts = [Light::Red, Light::Yellow, Light::Green, Light::NoData]
        .into_iter()
        .filter(|&l| said.get(l) > 0)
        .map(|l| {
            let st = l.as_status();
            let word = match l {
                Light::NoData => t(lang, "light.no_data"),
                _ => t(lang, &format!("status.{}", st.key())),
            };
            (st, format!("{} {} {word}", st.symbol(), said.get(l)))
        })
        .collect();
    let disagree = (said.disagree > 0).then(|| plural(lang, "count.disagree", said.disagree));
    (parts, disagree)
}
