//! A round grouped by owner or contact person, counted by the store: one
//! walk of the plan's tree in SQL that carries down to each item the owner
//! (or the item naming its contact persons) that it falls under, and
//! counts each group's items by their current follow-up. Only the counts
//! (and, when asked, the codes still to assess) leave the database; the
//! plan is never read into memory whole.

use std::collections::HashMap;

use rusqlite::params;

use super::{Result, Store};
use crate::domain::outline::Current;
use crate::domain::{Counts, Status, Text};

/// What a round is grouped by, besides the top-level items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// The owner an item names, or its nearest ancestor's.
    Owner,
    /// The contact persons an item names, or its nearest ancestor's.
    Contact,
}

/// Which group a share of a plan falls in.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupKey {
    /// An owner as the items write it (`Text::default()`: no owner).
    Owner(Text),
    /// The contact persons (by handle) an item names; none: no contact.
    Contacts(Vec<String>),
}

/// One group's share of a plan in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupRead {
    pub key: GroupKey,
    /// The items that count (leaves, and items with a follow-up of their
    /// own) by their current follow-up.
    pub counts: Counts,
    /// Its items that still need an assessment, in plan order (read only
    /// when asked): each one's place in plan order and code.
    pub to_assess: Vec<(String, String)>,
    /// Where its first item stands in plan order (to order the groups).
    pub first: String,
}

impl Store {
    /// The groups of plan `code` in `period` by `by`, in the order of their
    /// first item in the plan, each with its counts and, with `to_assess`,
    /// the codes of its items still to assess.
    pub fn round_groups(
        &self,
        code: &str,
        period: Option<&str>,
        by: Grouping,
        to_assess: bool,
    ) -> Result<Vec<GroupRead>> {
        self.snapshot(|s| {
            let id = s.plan_id(code)?;
            let periods = s.period_codes(id)?;
            let Some(pid) = super::read::period_id(&periods, period) else {
                return Ok(Vec::new());
            };
            let names_owner = "(coalesce(i.owner_fi, '') <> '' OR coalesce(i.owner_sv, '') <> ''
                 OR coalesce(i.owner_en, '') <> '')";
            let names_contact = "EXISTS (SELECT 1 FROM item_contact x WHERE x.item_id = i.id)";
            // What each item carries down: its owner's text, or the item
            // naming its contact persons.
            let (top, below, cols) = match by {
                Grouping::Owner => (
                    format!(
                        "CASE WHEN {names_owner} THEN i.owner_fi END,
                         CASE WHEN {names_owner} THEN i.owner_sv END,
                         CASE WHEN {names_owner} THEN i.owner_en END"
                    ),
                    format!(
                        "CASE WHEN {names_owner} THEN i.owner_fi ELSE e.g1 END,
                         CASE WHEN {names_owner} THEN i.owner_sv ELSE e.g2 END,
                         CASE WHEN {names_owner} THEN i.owner_en ELSE e.g3 END"
                    ),
                    "g1, g2, g3",
                ),
                Grouping::Contact => (
                    format!("CASE WHEN {names_contact} THEN i.id END, NULL, NULL"),
                    format!("CASE WHEN {names_contact} THEN i.id ELSE e.g1 END, NULL, NULL"),
                    "g1, g2, g3",
                ),
            };
            let walk = format!(
                "WITH RECURSIVE eff(id, g1, g2, g3, k) AS (
                   SELECT i.id, {top}, printf('%08d%010d', i.position, i.id)
                   FROM item i WHERE i.plan_id = ?1 AND i.parent_id IS NULL
                   UNION ALL
                   SELECT i.id, {below}, e.k || printf('%08d%010d', i.position, i.id)
                   FROM item i JOIN eff e ON i.parent_id = e.id
                 ),
                 cur AS (
                   SELECT e.id, {cols}, e.k,
                     (SELECT a.status FROM assessment a WHERE a.item_id = e.id
                        AND a.period_id = ?2 ORDER BY a.id DESC LIMIT 1) AS status,
                     (SELECT a.carried_from IS NOT NULL FROM assessment a WHERE a.item_id = e.id
                        AND a.period_id = ?2 ORDER BY a.id DESC LIMIT 1) AS carried,
                     NOT EXISTS (SELECT 1 FROM item c WHERE c.plan_id = ?1
                        AND c.parent_id = e.id) AS leaf
                   FROM eff e
                 )"
            );
            // The groups, each share counted by its current follow-up.
            let sql = format!(
                "{walk} SELECT {cols}, status, carried, leaf, count(*), min(k) FROM cur
                 GROUP BY {cols}, status, carried, leaf"
            );
            let mut st = s.conn.prepare(&sql).map_err(s.err())?;
            let mut groups: Vec<GroupRead> = Vec::new();
            let mut keys: Vec<Cols> = Vec::new();
            let mut at: HashMap<Cols, usize> = HashMap::new();
            let mut rows = st.query(params![id, pid]).map_err(s.err())?;
            while let Some(r) = rows.next().map_err(s.err())? {
                let g = group_cols(r).map_err(s.err())?;
                let status: Option<String> = r.get(3).map_err(s.err())?;
                let carried: Option<bool> = r.get(4).map_err(s.err())?;
                let leaf: bool = r.get(5).map_err(s.err())?;
                let n: i64 = r.get(6).map_err(s.err())?;
                let first: String = r.get(7).map_err(s.err())?;
                let i = *at.entry(g.clone()).or_insert_with(|| {
                    keys.push(g.clone());
                    groups.push(GroupRead {
                        key: GroupKey::Owner(Text::default()),
                        counts: Counts::default(),
                        to_assess: Vec::new(),
                        first: first.clone(),
                    });
                    groups.len() - 1
                });
                let group = &mut groups[i];
                if first < group.first {
                    group.first = first;
                }
                let current = status.map(|st| Current {
                    status: Status::parse(&st).unwrap_or(Status::NotAssessed),
                    carried: carried.unwrap_or(false),
                });
                if leaf || current.is_some() {
                    for _ in 0..n {
                        group.counts.add_current(current);
                    }
                }
            }
            drop(rows);
            if to_assess {
                let sql = format!(
                    "{walk} SELECT {cols}, i.code, cur.k FROM cur JOIN item i ON i.id = cur.id
                     WHERE carried = 1 OR (status IS NULL AND leaf) ORDER BY k"
                );
                let mut st = s.conn.prepare(&sql).map_err(s.err())?;
                let mut rows = st.query(params![id, pid]).map_err(s.err())?;
                while let Some(r) = rows.next().map_err(s.err())? {
                    let g = group_cols(r).map_err(s.err())?;
                    let code: String = r.get(3).map_err(s.err())?;
                    let place: String = r.get(4).map_err(s.err())?;
                    if let Some(&i) = at.get(&g) {
                        groups[i].to_assess.push((place, code));
                    }
                }
            }
            // What each group is: the owner's text, or the item's contacts.
            let handles = match by {
                Grouping::Owner => HashMap::new(),
                Grouping::Contact => s.contact_handles(id)?,
            };
            for (read, g) in groups.iter_mut().zip(&keys) {
                read.key = match by {
                    Grouping::Owner => {
                        GroupKey::Owner(Text::new(g.0.as_deref(), g.1.as_deref(), g.2.as_deref()))
                    }
                    Grouping::Contact => GroupKey::Contacts(
                        g.0.as_deref()
                            .and_then(|i| i.parse::<i64>().ok())
                            .and_then(|i| handles.get(&i).cloned())
                            .unwrap_or_default(),
                    ),
                };
            }
            groups.sort_by(|a, b| a.first.cmp(&b.first));
            Ok(groups)
        })
    }

    /// The contact persons (by handle, sorted) each item of a plan that
    /// names any names.
    fn contact_handles(&self, plan_id: i64) -> Result<HashMap<i64, Vec<String>>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT ic.item_id, c.handle FROM item_contact ic
                 JOIN contact c ON c.id = ic.contact_id JOIN item i ON i.id = ic.item_id
                 WHERE i.plan_id = ?1 ORDER BY ic.item_id, c.handle",
            )
            .map_err(self.err())?;
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        let rows = st
            .query_map([plan_id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(self.err())?;
        for row in rows {
            let (item, handle) = row.map_err(self.err())?;
            let list = out.entry(item).or_default();
            if !list.contains(&handle) {
                list.push(handle);
            }
        }
        Ok(out)
    }
}

/// The three columns a group is known by in the walk.
type Cols = (Option<String>, Option<String>, Option<String>);

/// The group columns of a row, whatever their type (text for an owner, the
/// id of the item naming the contacts).
fn group_cols(r: &rusqlite::Row<'_>) -> rusqlite::Result<Cols> {
    use rusqlite::types::Value;
    let one = |i: usize| -> rusqlite::Result<Option<String>> {
        Ok(match r.get::<_, Value>(i)? {
            Value::Integer(n) => Some(n.to_string()),
            Value::Text(t) => Some(t),
            _ => None,
        })
    };
    Ok((one(0)?, one(1)?, one(2)?))
}
