//! Reading part of a plan. For a tree (the app): in full only the items it
//! shows and their children, with the plan's stored roll-up summary, so
//! that its first frame costs what it shows rather than what the file
//! holds. For a listing (`status`, `show`): the outline of the whole plan
//! in one period (every item's place and current status, no texts) and the
//! items it picks on it.

use std::collections::{HashMap, HashSet};

use super::read::period_id;
use super::summary::Stamped;
use super::{Result, Store};
use crate::domain::outline::{Current, Outline};
use crate::domain::{Item, Plan, Status};

/// The part of a plan a tree shows, as read for it.
#[derive(Clone, Debug)]
pub struct TreePart {
    /// The plan with the follow-ups of the period, holding the items read.
    pub plan: Plan,
    /// The store's id of each item held, by code.
    pub ids: HashMap<String, i64>,
    /// The items whose children are held (read, even if there are none).
    pub read_below: HashSet<i64>,
    /// The roll-ups of the whole plan in the period (none without one).
    pub summary: Option<Box<Stamped>>,
}

/// Items read with their ids and their parents' ids.
pub type ItemRows = Vec<(i64, Option<i64>, Item)>;

/// A plan's head as [`Store::head`] reads it.
pub(super) struct Head {
    pub id: i64,
    pub plan: Plan,
    pub periods: HashMap<i64, String>,
    pub pid: Option<i64>,
    pub summary: Option<Box<Stamped>>,
}

impl TreePart {
    /// The plan `plan` holding the items `rows` as a tree.
    pub(super) fn of(
        mut plan: Plan,
        rows: ItemRows,
        read_below: HashSet<i64>,
        summary: Option<Box<Stamped>>,
    ) -> TreePart {
        let ids = rows.iter().map(|r| (r.2.code.clone(), r.0)).collect();
        plan.items = nest(rows);
        TreePart {
            plan,
            ids,
            read_below,
            summary,
        }
    }
}

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
    /// The plan `code` in `period` as a tree shows it when the items for
    /// which `open` says so are expanded: in full its top-level items, the
    /// children of each open one shown, and the children of every item
    /// shown (what the detail of any item on screen lists); and the plan's
    /// roll-up summary. One snapshot; one read of each level's items by
    /// their parents, never of the whole plan while the summary is current.
    pub fn load_plan_part(
        &self,
        code: &str,
        period: Option<&str>,
        open: &dyn Fn(&str) -> bool,
    ) -> Result<TreePart> {
        self.snapshot(|s| {
            let Head {
                id,
                plan,
                periods,
                pid,
                summary,
            } = s.head(code, period)?;
            let mut rows: ItemRows = Vec::new();
            let mut read_below = HashSet::new();
            // The top level is shown; each round reads the children of the
            // items shown, some of which are shown in turn.
            let top = s.children_rows(id, &periods, pid, None)?;
            let mut shown: Vec<(i64, bool)> = top.iter().map(|r| (r.0, open(&r.2.code))).collect();
            rows.extend(top);
            while !shown.is_empty() {
                let ids: Vec<i64> = shown.iter().map(|r| r.0).collect();
                let level = s.children_rows(id, &periods, pid, Some(&ids))?;
                let opened: HashSet<i64> = shown.iter().filter(|r| r.1).map(|r| r.0).collect();
                read_below.extend(ids);
                shown = level
                    .iter()
                    .filter(|r| r.1.is_some_and(|p| opened.contains(&p)))
                    .map(|r| (r.0, open(&r.2.code)))
                    .collect();
                rows.extend(level);
            }
            Ok(TreePart::of(plan, rows, read_below, summary))
        })
    }

    /// The plan `code` in `period` around its item `item`: in full the
    /// item, what leads to it and its children, with the plan's roll-up
    /// summary (what `strata show` prints). An unknown item reads none.
    /// One snapshot of a few indexed reads, whatever the plan's size.
    pub fn load_plan_around(
        &self,
        code: &str,
        period: Option<&str>,
        item: &str,
    ) -> Result<TreePart> {
        self.snapshot(|s| {
            let Head {
                id,
                plan,
                periods,
                pid,
                summary,
            } = s.head(code, period)?;
            let mut read_below = HashSet::new();
            let mut rows = Vec::new();
            if let Ok(item_id) = s.item_id(code, item) {
                let mut wanted = super::summary::ancestors(&s.conn, item_id).map_err(s.err())?;
                wanted.push(item_id);
                rows = s.item_rows(id, &periods, Some(pid), Some(&wanted))?;
                rows.extend(s.children_rows(id, &periods, pid, Some(&[item_id]))?);
                read_below.insert(item_id);
            }
            Ok(TreePart::of(plan, rows, read_below, summary))
        })
    }

    /// The plan `code` without its items, with its periods and its roll-up
    /// summary in `period`: what a one-line status of it needs. A few
    /// indexed reads while the summary is current.
    pub fn load_plan_brief(
        &self,
        code: &str,
        period: Option<&str>,
    ) -> Result<(Plan, Option<Box<Stamped>>)> {
        self.snapshot(|s| {
            let h = s.head(code, period)?;
            Ok((h.plan, h.summary))
        })
    }

    /// A plan's head (texts, levels, periods) with its roll-up summary in
    /// `period`, read inside the caller's snapshot.
    pub(super) fn head(&self, code: &str, period: Option<&str>) -> Result<Head> {
        let id = self.plan_id(code)?;
        let (plan, periods) = self.plan_head(id)?;
        let pid = period_id(&periods, period);
        let summary = match pid {
            Some(p) => Some(Box::new(self.summary_in(id, p)?)),
            None => None,
        };
        Ok(Head {
            id,
            plan,
            periods,
            pid,
            summary,
        })
    }

    /// The children of the items `parents` of plan `code` (the top-level
    /// items for `None`) in full, with the follow-ups of `period`, each with
    /// its id and its parent's, without their own children.
    pub fn load_children_of(
        &self,
        code: &str,
        period: Option<&str>,
        parents: &[i64],
    ) -> Result<ItemRows> {
        self.snapshot(|s| {
            let id = s.plan_id(code)?;
            let periods = s.period_codes(id)?;
            let pid = period_id(&periods, period);
            s.children_rows(id, &periods, pid, Some(parents))
        })
    }

    /// The children of `parents` (`None`: the top-level items) found by the
    /// index of items by parent, then read in full by id.
    pub(super) fn children_rows(
        &self,
        plan_id: i64,
        periods: &HashMap<i64, String>,
        period: Option<i64>,
        parents: Option<&[i64]>,
    ) -> Result<ItemRows> {
        // One statement for any parents (`?2` their ids as one array).
        let (sql, parents) = match parents {
            None => (
                "SELECT id FROM item WHERE plan_id = ?1 AND parent_id IS NULL AND ?2 IS NULL",
                None,
            ),
            Some(p) => (
                "SELECT id FROM item WHERE plan_id = ?1 AND parent_id IN rarray(?2)",
                Some(super::read::id_array(p)),
            ),
        };
        let mut st = self.conn.prepare_cached(sql).map_err(self.err())?;
        let ids: Vec<i64> = st
            .query_map(rusqlite::params![plan_id, parents], |r| r.get(0))
            .map_err(self.err())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.err())?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.item_rows(plan_id, periods, Some(period), Some(&ids))
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
    pub(super) fn items_with_indicators(&self, plan_id: i64) -> Result<Vec<i64>> {
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

    /// Every item of a plan with its place and its current follow-up in the
    /// period (none for `None`), and each node's id: two indexed reads of
    /// a few integers per item.
    pub(super) fn outline(&self, plan_id: i64, period: Option<i64>) -> Result<(Outline, Vec<i64>)> {
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
        let truth = crate::domain::Outline::of_plan(&whole, "2025").rollups();
        let part = store
            .load_plan_part("large", Some("2025"), &|c| c == "1")
            .unwrap();
        // Kept by the import for the period the plan opens in: the whole
        // plan's truth.
        let s = part.summary.clone().unwrap();
        assert!(s.stored);
        let rolled_of = |part: &TreePart, code: &str| {
            let it = part.plan.find(code).unwrap().0;
            let cur = Current::of(it, "2025");
            part.summary
                .as_ref()
                .unwrap()
                .summary
                .rolled(part.ids[code], cur)
        };
        for code in ["1", "1.1", "1.1.1", "2", "2.1"] {
            assert_eq!(rolled_of(&part, code), truth.rolled[code], "{code}");
            assert_eq!(
                s.summary.below(part.ids[code]),
                truth.below.get(code).copied()
            );
        }
        assert_eq!(s.summary.total, truth.total);
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
        assert!(part.read_below.contains(&part.ids["1.1"]));
        assert!(!part.read_below.contains(&part.ids["2.1"]));
        // More, by parent: the measures of a goal of area 2.
        let more = store
            .load_children_of("large", Some("2025"), &[part.ids["2.1"]])
            .unwrap();
        let items: Vec<Item> = more.into_iter().map(|(_, _, it)| it).collect();
        assert_eq!(items, whole.items[1].children[0].children);

        // Kept, it is read back as it was, and used while nothing changes.
        store.keep_summary(&s);
        let again = store
            .load_plan_part("large", Some("2025"), &|_| false)
            .unwrap();
        let kept = again.summary.clone().unwrap();
        assert!(kept.stored);
        assert_eq!(kept.summary, s.summary);
        // A text edit does not move a roll-up: still current.
        let at =
            crate::domain::TextAt::new("large", Some("1.1"), crate::domain::Field::Title).unwrap();
        store
            .set_text(&crate::store::TextWrite::new(
                &at,
                crate::domain::Lang::En,
                Some("Renamed"),
                "t",
                "2026-01-02T00:00:00Z",
            ))
            .unwrap();
        assert!(
            store
                .load_plan_part("large", Some("2025"), &|_| false)
                .unwrap()
                .summary
                .unwrap()
                .stored
        );
        // A status set keeps it current in its own transaction, with the
        // new truth; so does its undo.
        let set = |store: &mut Store, status| {
            store
                .set_assessment(&crate::store::SetAssessment {
                    plan: "large",
                    item: "2.1.1",
                    period: Some("2025"),
                    status: Some(status),
                    comment: None,
                    user: "t",
                    at: "2026-01-02T00:00:00Z",
                    expect_comment: None,
                })
                .unwrap()
        };
        let truth_now = |store: &Store| {
            let whole = store.load_plan_in("large", Some("2025")).unwrap();
            crate::domain::Outline::of_plan(&whole, "2025").rollups()
        };
        let check = |store: &Store, stored: bool| {
            let part = store
                .load_plan_part("large", Some("2025"), &|_| false)
                .unwrap();
            let s = part.summary.clone().unwrap();
            assert_eq!(s.stored, stored);
            let truth = truth_now(store);
            assert_eq!(s.summary.total, truth.total);
            for code in ["2", "2.1"] {
                assert_eq!(rolled_of(&part, code), truth.rolled[code], "{code}");
                assert_eq!(s.summary.below(part.ids[code]), Some(truth.below[code]));
            }
            s
        };
        let was = truth_now(&store).rolled["2.1"];
        let out = set(&mut store, Status::OffTrack);
        let s = check(&store, true);
        assert_eq!(s.summary.items[&part.ids["2.1"]].rollup, Status::OffTrack);
        store
            .delete_assessment(out.row.unwrap().id, "t", "2026-01-02T00:00:01Z")
            .unwrap();
        check(&store, true);
        assert_eq!(truth_now(&store).rolled["2.1"], was);
        // A comment is a follow-up too (it confirms a status carried over):
        // the summary stays current through it.
        let at = crate::domain::TextAt::new(
            "large",
            Some("2.1.1"),
            crate::domain::Field::Comment {
                period: "2025".into(),
            },
        )
        .unwrap();
        store
            .set_text(&crate::store::TextWrite::new(
                &at,
                crate::domain::Lang::Sv,
                Some("Ny kommentar"),
                "t",
                "2026-01-02T00:00:01Z",
            ))
            .unwrap();
        check(&store, true);
        // A change of structure makes it stale: computed again from the
        // outline, with the new truth.
        store
            .delete_item("large", "2.1.2", "t", "2026-01-02T00:00:02Z")
            .unwrap();
        let stale = check(&store, false);
        // Kept again: one row per item with children (10 areas, 100 goals).
        store.keep_summary(&stale);
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM rollup_item", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 110);
    }
}
