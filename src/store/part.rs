//! Reading part of a plan: the outline of the whole plan in one period
//! (every item's place and current status, no texts) and, in full, only the
//! items a tree shows. The app starts from this, so that its first frame
//! costs what it shows rather than what the file holds.

use std::collections::HashMap;

use super::read::period_id;
use super::{Result, Store};
use crate::domain::outline::{Current, Outline};
use crate::domain::{Item, Plan, Status};

/// Part of a plan as read for a tree.
#[derive(Clone, Debug)]
pub struct PlanPart {
    /// The plan with the follow-ups of the period, holding the items read.
    pub plan: Plan,
    /// Every item of the plan, in the period.
    pub outline: Outline,
    /// The store's id of each outline node, to read more of them later.
    pub ids: Vec<i64>,
}

impl Store {
    /// The plan `code` in `period`: its outline and, in full, the items a
    /// tree shows when the items for which `open` says so are expanded,
    /// with the children of each (see [`Outline::to_read`]). One snapshot.
    pub fn load_plan_part(
        &self,
        code: &str,
        period: Option<&str>,
        open: &dyn Fn(&str) -> bool,
    ) -> Result<PlanPart> {
        self.load_plan_picked(code, period, &|o| o.to_read(open), false)
    }

    /// The plan `code` in `period`: its outline and, in full, the items
    /// `pick` chooses on it, with their ancestors, and with `figures` every
    /// item that has indicators (what a summary of their lights needs).
    /// One snapshot.
    pub fn load_plan_picked(
        &self,
        code: &str,
        period: Option<&str>,
        pick: &dyn Fn(&Outline) -> Vec<usize>,
        figures: bool,
    ) -> Result<PlanPart> {
        self.snapshot(|s| {
            let id = s.plan_id(code)?;
            let (mut plan, periods) = s.plan_head(id)?;
            let pid = period_id(&periods, period);
            let (outline, ids) = s.outline(id, pid)?;
            let mut wanted = vec![false; ids.len()];
            let mut mark = |mut n: usize| {
                while !wanted[n] {
                    wanted[n] = true;
                    match outline.nodes[n].parent {
                        Some(p) => n = p,
                        None => break,
                    }
                }
            };
            for n in pick(&outline) {
                mark(n);
            }
            if figures {
                let node: HashMap<i64, usize> =
                    ids.iter().enumerate().map(|(n, &id)| (id, n)).collect();
                for item in s.items_with_indicators(id)? {
                    if let Some(&n) = node.get(&item) {
                        mark(n);
                    }
                }
            }
            let read: Vec<i64> = (0..ids.len())
                .filter(|&n| wanted[n])
                .map(|n| ids[n])
                .collect();
            let rows = s.item_rows(id, &periods, Some(pid), Some(&read))?;
            plan.items = nest(rows);
            Ok(PlanPart { plan, outline, ids })
        })
    }

    /// The ids of a plan's items that have indicators.
    fn items_with_indicators(&self, plan_id: i64) -> Result<Vec<i64>> {
        let err = |e| self.classify(e);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT n.item_id FROM indicator n JOIN item i ON i.id = n.item_id
                 WHERE i.plan_id = ?1",
            )
            .map_err(err)?;
        let rows = st.query_map([plan_id], |r| r.get(0)).map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    /// The items `ids` of plan `code`, in full with the follow-ups of
    /// `period`, each with its parent's id, without their children.
    pub fn load_items_of(
        &self,
        code: &str,
        period: Option<&str>,
        ids: &[i64],
    ) -> Result<Vec<(Option<i64>, Item)>> {
        self.snapshot(|s| {
            let id = s.plan_id(code)?;
            let periods = s.period_codes(id)?;
            let pid = period_id(&periods, period);
            let rows = s.item_rows(id, &periods, Some(pid), Some(ids))?;
            Ok(rows.into_iter().map(|(_, p, it)| (p, it)).collect())
        })
    }

    /// Every item of a plan with its place and its current follow-up in the
    /// period (none for `None`), and each node's id: two indexed reads of
    /// a few integers per item.
    fn outline(&self, plan_id: i64, period: Option<i64>) -> Result<(Outline, Vec<i64>)> {
        let err = |e| self.classify(e);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, parent_id, code FROM item WHERE plan_id = ?1 ORDER BY position, id",
            )
            .map_err(err)?;
        let items: Vec<(i64, Option<i64>, String)> = st
            .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(err)?;
        let at: HashMap<i64, usize> = items.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
        let mut current: Vec<Option<Current>> = vec![None; items.len()];
        if let Some(period) = period {
            // The last follow-up of each item in the period is its current
            // one (ids grow with time).
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT item_id, status, carried_from IS NOT NULL FROM assessment
                     WHERE period_id = ?1 ORDER BY item_id, id",
                )
                .map_err(err)?;
            let mut rows = st.query([period]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let item: i64 = r.get(0).map_err(err)?;
                let status: String = r.get(1).map_err(err)?;
                if let Some(&i) = at.get(&item) {
                    current[i] = Some(Current {
                        status: Status::parse(&status).unwrap_or(Status::NotAssessed),
                        carried: r.get(2).map_err(err)?,
                    });
                }
            }
        }
        let ids: Vec<i64> = items.iter().map(|r| r.0).collect();
        let rows = items
            .into_iter()
            .zip(current)
            .map(|((_, parent, code), c)| (code, parent.and_then(|p| at.get(&p).copied()), c))
            .collect();
        let (outline, order) = Outline::from_rows(rows);
        let ids = order.into_iter().map(|i| ids[i]).collect();
        Ok((outline, ids))
    }
}

/// Items read with their ids and their parents' ids as a tree, built
/// bottom-up: an item whose parent was not read is left out (a part is read
/// whole from the top).
pub(super) fn nest(rows: Vec<(i64, Option<i64>, Item)>) -> Vec<Item> {
    let mut children: HashMap<Option<i64>, Vec<(i64, Item)>> = HashMap::new();
    for (id, parent, item) in rows {
        children.entry(parent).or_default().push((id, item));
    }
    fn assemble(
        parent: Option<i64>,
        children: &mut HashMap<Option<i64>, Vec<(i64, Item)>>,
    ) -> Vec<Item> {
        let list = children.remove(&parent).unwrap_or_default();
        list.into_iter()
            .map(|(id, mut item)| {
                item.children = assemble(Some(id), children);
                item
            })
            .collect()
    }
    assemble(None, &mut children)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Mode;

    #[test]
    fn a_part_holds_the_levels_shown_and_rolls_up_the_whole_plan() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.db"), Mode::ReadWrite)
            .unwrap()
            .store;
        let plan = crate::bench::large_plan_of(200);
        store
            .import(
                std::slice::from_ref(&plan),
                false,
                "t",
                "2026-01-01T00:00:00Z",
            )
            .unwrap();
        let whole = store.load_plan_in("large", Some("2025")).unwrap();
        let part = store
            .load_plan_part("large", Some("2025"), &|c| c == "1")
            .unwrap();
        // The same roll-ups as from the whole plan.
        assert_eq!(
            part.outline.rollups(),
            crate::domain::Outline::of_plan(&whole, "2025").rollups()
        );
        assert_eq!(part.outline.nodes.len(), whole.walk().len());
        // Read: every top-level item, the goals of each, and the measures of
        // the open area's goals; each as the whole plan has it.
        let top = &part.plan.items;
        assert_eq!(top.len(), whole.items.len());
        assert!(top
            .iter()
            .all(|a| a.children.len() == whole.items[0].children.len()));
        assert_eq!(top[0], whole.items[0]);
        assert!(top[1].children.iter().all(|g| g.children.is_empty()));
        assert_eq!(top[1].children[0].title, whole.items[1].children[0].title);
        // More, by id: the measures of a goal of area 2.
        let goal = part
            .outline
            .nodes
            .iter()
            .position(|n| n.code == "2.1")
            .unwrap();
        let ids: Vec<i64> = part.outline.nodes[goal]
            .children
            .iter()
            .map(|&c| part.ids[c])
            .collect();
        let more = store.load_items_of("large", Some("2025"), &ids).unwrap();
        let items: Vec<Item> = more.into_iter().map(|(_, it)| it).collect();
        assert_eq!(items, whole.items[1].children[0].children);
    }
}
