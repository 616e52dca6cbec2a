//! What a filtered tree of a plan held in part needs read: the items that
//! lead to every item a filter keeps (their children are what the tree
//! shows), and the owners a filter can be chosen by. Each from indexed
//! reads of the items it finds, never by reading the plan whole.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::part::Head;
use super::round::Step;
use super::sql::{cols, text};
use super::{Result, Store};
use crate::domain::{Lang, Plan, Status};

/// The items a filter keeps (see the app's tree filter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching<'a> {
    /// Still need an assessment in the period.
    NeedsUpdate,
    /// Assessed in this status in the period (carried over is not).
    Status(Status),
    /// Naming this owner, as shown in `lang`.
    Owner(&'a str, Lang),
    /// Naming this contact person (by handle) in any role.
    Contact(&'a str),
}

impl Store {
    /// The codes of the items of plan `code` that lead to an item `m`
    /// keeps in `period`: what a tree opens to show every one of them.
    pub fn leading_to(
        &self,
        code: &str,
        period: Option<&str>,
        m: Matching<'_>,
    ) -> Result<HashSet<String>> {
        self.snapshot(|s| {
            let head = s.head(code, period)?;
            let (id, pid) = (head.id, head.pid);
            let mut leading: HashSet<i64> = HashSet::new();
            let found: Vec<i64> = match m {
                Matching::NeedsUpdate => {
                    if let (Some(pid), Some(stamped)) = (pid, head.summary.as_deref()) {
                        for node in s.child_nodes(id, pid, None)? {
                            let summary = &stamped.summary;
                            s.walk(id, pid, summary, node, &mut Vec::new(), &mut |n, path| {
                                if n.needs {
                                    leading.extend(path.iter().copied());
                                }
                                Step::Enter
                            })?;
                        }
                    }
                    Vec::new()
                }
                Matching::Status(st) => match pid {
                    Some(pid) => s.in_status(pid, st)?,
                    None => Vec::new(),
                },
                Matching::Owner(owner, lang) => s.naming_owner(id, owner, lang)?,
                Matching::Contact(handle) => s.naming_contact(id, handle)?,
            };
            s.add_ancestors(&found, &mut leading)?;
            s.codes_of(&leading)
        })
    }

    /// Every owner named in plan `code` as shown in `lang`, once each.
    pub fn owners_of(&self, code: &str, lang: Lang) -> Result<Vec<String>> {
        let id = self.plan_id(code)?;
        let sql = format!(
            "SELECT {} FROM item WHERE plan_id = ?1
               AND coalesce(owner_fi, owner_sv, owner_en) IS NOT NULL",
            cols("owner")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st.query_map([id], |r| text(r, 0)).map_err(self.err())?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in rows {
            let t = t.map_err(self.err())?;
            if let Some(o) = t.resolve(lang).map(|s| s.text.to_owned()) {
                if seen.insert(o.clone()) {
                    out.push(o);
                }
            }
        }
        Ok(out)
    }

    /// The plan `code` holding, with the follow-ups of `period`, the items
    /// that have a text written in some language but not in all (their
    /// own texts, the current follow-up's in the period, their indicators'
    /// and controls'), with what leads to each: everything the list of
    /// missing translations names, found by the store without reading the
    /// rest of the plan.
    pub fn load_plan_untranslated(&self, code: &str, period: Option<&str>) -> Result<Plan> {
        self.snapshot(|s| {
            let Head {
                id,
                mut plan,
                periods,
                pid,
                ..
            } = s.head(code, period)?;
            let gap = |t: &str| {
                let [a, b, c] = [0, 1, 2].map(|i| {
                    let l = ["fi", "sv", "en"][i];
                    format!("coalesce({t}_{l}, '') = ''")
                });
                format!("(({a} OR {b} OR {c}) AND NOT ({a} AND {b} AND {c}))")
            };
            let any = |cols: &[&str]| cols.iter().map(|c| gap(c)).collect::<Vec<_>>().join(" OR ");
            let sql = format!(
                "SELECT id FROM item i WHERE plan_id = ?1 AND ({})
                 UNION SELECT a.item_id FROM assessment a JOIN item i ON i.id = a.item_id
                   WHERE i.plan_id = ?1 AND a.period_id = ?2 AND ({})
                   AND NOT EXISTS (SELECT 1 FROM assessment b
                       WHERE b.item_id = a.item_id AND b.period_id = ?2 AND b.id > a.id)
                 UNION SELECT n.item_id FROM indicator n JOIN item i ON i.id = n.item_id
                   WHERE i.plan_id = ?1 AND ({})
                 UNION SELECT c.item_id FROM control c JOIN item i ON i.id = c.item_id
                   WHERE i.plan_id = ?1 AND ({})",
                any(&[
                    "i.level",
                    "i.title",
                    "i.description",
                    "i.owner",
                    "i.follow_up"
                ]),
                any(&["a.comment", "a.actions"]),
                any(&["n.name", "n.description", "n.unit", "n.source"]),
                any(&[
                    "c.what",
                    "c.how",
                    "c.frequency",
                    "c.performer",
                    "c.responsible"
                ]),
            );
            let mut st = s.conn.prepare_cached(&sql).map_err(s.err())?;
            let found: Vec<i64> = st
                .query_map(params![id, pid], |r| r.get(0))
                .map_err(s.err())?
                .collect::<rusqlite::Result<_>>()
                .map_err(s.err())?;
            let mut wanted: HashSet<i64> = found.iter().copied().collect();
            s.add_ancestors(&found, &mut wanted)?;
            if !wanted.is_empty() {
                let ids: Vec<i64> = wanted.into_iter().collect();
                plan.items = super::part::nest(s.item_rows(id, &periods, Some(pid), Some(&ids))?);
            }
            Ok(plan)
        })
    }

    /// The items whose current follow-up of the period is their own and in
    /// status `st`.
    fn in_status(&self, period_id: i64, st: Status) -> Result<Vec<i64>> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT a.item_id FROM assessment a
                 WHERE a.period_id = ?1 AND a.status = ?2 AND a.carried_from IS NULL
                   AND NOT EXISTS (SELECT 1 FROM assessment b
                       WHERE b.item_id = a.item_id AND b.period_id = ?1 AND b.id > a.id)",
            )
            .map_err(self.err())?;
        let rows = q
            .query_map(params![period_id, st.key()], |r| r.get(0))
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    /// The items naming `owner` as shown in `lang`.
    fn naming_owner(&self, plan_id: i64, owner: &str, lang: Lang) -> Result<Vec<i64>> {
        let sql = format!(
            "SELECT id, {} FROM item WHERE plan_id = ?1
               AND coalesce(owner_fi, owner_sv, owner_en) IS NOT NULL",
            cols("owner")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st
            .query_map([plan_id], |r| Ok((r.get::<_, i64>(0)?, text(r, 1)?)))
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (id, t) = row.map_err(self.err())?;
            if t.resolve(lang).is_some_and(|s| s.text == owner) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// The items naming the contact person `handle`.
    fn naming_contact(&self, plan_id: i64, handle: &str) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT ic.item_id FROM item_contact ic
                 JOIN contact c ON c.id = ic.contact_id JOIN item i ON i.id = ic.item_id
                 WHERE i.plan_id = ?1 AND c.handle = ?2",
            )
            .map_err(self.err())?;
        let rows = st
            .query_map(params![plan_id, handle], |r| r.get(0))
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    /// Adds to `leading` what leads to each of `items`: one read of each
    /// parent's parent, once, whatever the number of items under it.
    fn add_ancestors(&self, items: &[i64], leading: &mut HashSet<i64>) -> Result<()> {
        let mut st = self
            .conn
            .prepare_cached("SELECT parent_id FROM item WHERE id = ?1")
            .map_err(self.err())?;
        let mut parent_of: HashMap<i64, Option<i64>> = HashMap::new();
        for &item in items {
            let mut at = item;
            loop {
                let p = match parent_of.get(&at) {
                    Some(p) => *p,
                    None => {
                        let p: Option<i64> =
                            st.query_row([at], |r| r.get(0)).map_err(self.err())?;
                        parent_of.insert(at, p);
                        p
                    }
                };
                match p {
                    // Known already: so is everything above it.
                    Some(p) if !leading.insert(p) => break,
                    Some(p) => at = p,
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// The codes of the items `ids`.
    fn codes_of(&self, ids: &HashSet<i64>) -> Result<HashSet<String>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let ids: Vec<i64> = ids.iter().copied().collect();
        let mut st = self
            .conn
            .prepare_cached("SELECT code FROM item WHERE id IN rarray(?1)")
            .map_err(self.err())?;
        let rows = st
            .query_map([super::read::id_array(&ids)], |r| r.get(0))
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }
}
