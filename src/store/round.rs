//! Reading what a follow-up round of a plan shows (`strata round`, `strata
//! status --format json`, the app's round view): the plan's top-level
//! items with their roll-up summary, every item with indicators (what the
//! indicators say, values revised), the items that still need an
//! assessment as far as they are listed, and the ones updated longest ago.
//! A walk down the tree skips every branch whose summary says nothing under
//! it needs an assessment, so the read grows with what is listed, not with
//! the plan.

use std::collections::HashSet;

use rusqlite::params;

use super::part::{Head, TreePart};
use super::{Result, Store};
use crate::domain::{Item, Listed, Plan, Status};

/// How much of a round to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundAsk {
    /// Of each top-level item, the items that still need an assessment
    /// listed (`None`: all of them).
    pub per_top: Option<usize>,
    /// How many of the items updated longest ago (never first) are listed.
    pub stale: usize,
}

/// What a round of a plan in one period is made from.
#[derive(Clone, Debug)]
pub struct RoundPart {
    /// The top-level items, each item with indicators and what leads to it,
    /// with the whole plan's roll-up summary.
    pub part: TreePart,
    /// Under each top-level item in plan order, the items that still need
    /// an assessment in the period (a leaf without a follow-up, any item
    /// whose status is only carried over), in plan order, as many as asked.
    pub to_assess: Vec<Listed>,
    /// The items updated longest ago, as many as asked: first those never
    /// assessed in the period (in plan order), then those whose follow-up
    /// of the period was recorded longest ago, oldest first (ties: the one
    /// recorded first).
    pub stale: Vec<Listed>,
}

/// What a walk does at an item: goes under it, passes it by, or ends.
pub(super) enum Step {
    Enter,
    Skip,
    Stop,
}

/// One node of the walk: an item's id, whether it has children, and
/// whether it still needs an assessment (its current follow-up carried
/// over, or none on a leaf).
#[derive(Clone, Copy)]
pub(super) struct Node {
    pub id: i64,
    pub parent: bool,
    pub needs: bool,
}

impl Store {
    /// The round of plan `code` in `period` (see [`RoundPart`]): one
    /// snapshot of indexed reads, a few per item listed.
    pub fn load_plan_round(
        &self,
        code: &str,
        period: Option<&str>,
        ask: RoundAsk,
    ) -> Result<RoundPart> {
        self.snapshot(|s| {
            let Head {
                id,
                plan,
                periods,
                pid,
                summary,
            } = s.head(code, period)?;
            let tops = s.children_rows(id, &periods, pid, None)?;
            let top_ids: HashSet<i64> = tops.iter().map(|r| r.0).collect();
            // Every item with indicators, with what leads to it.
            let mut wanted = Vec::new();
            let mut seen = top_ids.clone();
            for item in s.items_with_indicators(id)? {
                let mut chain = super::summary::ancestors(&s.conn, item).map_err(s.err())?;
                chain.push(item);
                wanted.extend(chain.into_iter().filter(|i| seen.insert(*i)));
            }
            let mut rows = tops.clone();
            if !wanted.is_empty() {
                rows.extend(s.item_rows(id, &periods, Some(pid), Some(&wanted))?);
            }
            let read_below = HashSet::new();
            let (Some(pid), Some(stamped)) = (pid, summary.as_deref()) else {
                return Ok(RoundPart {
                    part: TreePart::of(plan, rows, read_below, summary),
                    to_assess: Vec::new(),
                    stale: Vec::new(),
                });
            };
            // The items to assess, top-level item by top-level item.
            let mut found: Vec<(usize, i64)> = Vec::new();
            let mut stale_left = ask.stale;
            let top_nodes = s.child_nodes(id, pid, None)?;
            for node in top_nodes {
                let Some(t) = tops.iter().position(|r| r.0 == node.id) else {
                    continue;
                };
                let limit = ask.per_top.map_or(usize::MAX, |n| n.max(stale_left));
                let mut under = Vec::new();
                if limit > 0 {
                    s.walk(
                        id,
                        pid,
                        &stamped.summary,
                        node,
                        &mut Vec::new(),
                        &mut |n, _| {
                            if n.needs {
                                under.push(n.id);
                            }
                            match under.len() < limit {
                                true => Step::Enter,
                                false => Step::Stop,
                            }
                        },
                    )?;
                }
                stale_left = stale_left.saturating_sub(under.len());
                found.extend(under.into_iter().map(|i| (t, i)));
            }
            let oldest_ids = match stale_left {
                0 => Vec::new(),
                n => s.oldest_follow_ups(pid, n)?,
            };
            let listed = |ids: Vec<(usize, i64)>| -> Result<Vec<Listed>> {
                let only: Vec<i64> = ids.iter().map(|r| r.1).collect();
                let mut full: std::collections::HashMap<i64, Item> = s
                    .item_rows(id, &periods, Some(Some(pid)), Some(&only))?
                    .into_iter()
                    .map(|(i, _, it)| (i, it))
                    .collect();
                Ok(ids
                    .into_iter()
                    .filter_map(|(t, i)| {
                        Some(Listed {
                            top: tops[t].2.code.clone(),
                            item: full.remove(&i)?,
                        })
                    })
                    .collect())
            };
            let to_assess = listed(found)?;
            // The oldest, each with its top-level item.
            let mut oldest = Vec::new();
            for i in oldest_ids {
                let mut chain = super::summary::ancestors(&s.conn, i).map_err(s.err())?;
                let top = chain.pop().unwrap_or(i);
                if let Some(t) = tops.iter().position(|r| r.0 == top) {
                    oldest.push((t, i));
                }
            }
            // Never assessed first: the start of the items to assess, in
            // plan order as far as each top-level item was read for them.
            let mut stale: Vec<Listed> = to_assess.iter().take(ask.stale).cloned().collect();
            stale.extend(listed(oldest)?);
            Ok(RoundPart {
                part: TreePart::of(plan, rows, read_below, summary),
                to_assess,
                stale,
            })
        })
    }

    /// Walks down from `node` in plan order (`path`: the ids that lead to
    /// it), asking `visit` at each item whether to go under it; a branch
    /// whose summary counts nothing not assessed under it is never entered.
    /// `false` when `visit` stopped the walk.
    pub(super) fn walk(
        &self,
        plan_id: i64,
        period_id: i64,
        summary: &crate::domain::Summary,
        node: Node,
        path: &mut Vec<i64>,
        visit: &mut dyn FnMut(&Node, &[i64]) -> Step,
    ) -> Result<bool> {
        match visit(&node, path) {
            Step::Stop => return Ok(false),
            Step::Skip => return Ok(true),
            Step::Enter => {}
        }
        let open_below = summary
            .below(node.id)
            .is_none_or(|c| c.get(Status::NotAssessed) > 0);
        if !node.parent || !open_below {
            return Ok(true);
        }
        path.push(node.id);
        for child in self.child_nodes(plan_id, period_id, Some(node.id))? {
            if !self.walk(plan_id, period_id, summary, child, path, visit)? {
                path.pop();
                return Ok(false);
            }
        }
        path.pop();
        Ok(true)
    }

    /// The children of `parent` (`None`: the top-level items) as the walk
    /// sees them, in plan order.
    pub(super) fn child_nodes(
        &self,
        plan_id: i64,
        period_id: i64,
        parent: Option<i64>,
    ) -> Result<Vec<Node>> {
        let of_parent = match parent {
            Some(_) => "i.parent_id = ?2",
            None => "i.parent_id IS NULL AND ?2 IS NULL",
        };
        let sql = format!(
            "SELECT i.id,
                EXISTS (SELECT 1 FROM item c WHERE c.plan_id = ?1 AND c.parent_id = i.id),
                (SELECT a.carried_from IS NOT NULL FROM assessment a
                 WHERE a.item_id = i.id AND a.period_id = ?3 ORDER BY a.id DESC LIMIT 1)
             FROM item i WHERE i.plan_id = ?1 AND {of_parent}
             ORDER BY i.position, i.id"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st
            .query_map(params![plan_id, parent, period_id], |r| {
                let parent: bool = r.get(1)?;
                let carried: Option<bool> = r.get(2)?;
                Ok(Node {
                    id: r.get(0)?,
                    parent,
                    needs: carried.unwrap_or(!parent),
                })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    /// The plan `code` in `period` holding the items that still need an
    /// assessment there and name a contact person (or sit under an item
    /// that names one), with what leads to each: what `strata remind`
    /// lists. A walk that enters only the branches that name someone and
    /// still have something to assess.
    pub fn load_plan_due(&self, code: &str, period: Option<&str>) -> Result<Plan> {
        self.snapshot(|s| {
            let Head {
                id,
                mut plan,
                periods,
                pid,
                summary,
            } = s.head(code, period)?;
            let (Some(pid), Some(stamped)) = (pid, summary.as_deref()) else {
                return Ok(plan);
            };
            let naming: HashSet<i64> = s.items_naming_contacts(id)?.into_iter().collect();
            let mut leading = HashSet::new();
            for &i in &naming {
                leading.extend(super::summary::ancestors(&s.conn, i).map_err(s.err())?);
            }
            let mut wanted: Vec<i64> = Vec::new();
            let mut held = HashSet::new();
            for node in s.child_nodes(id, pid, None)? {
                s.walk(
                    id,
                    pid,
                    &stamped.summary,
                    node,
                    &mut Vec::new(),
                    &mut |n, path| {
                        let named =
                            naming.contains(&n.id) || path.iter().any(|p| naming.contains(p));
                        if named && n.needs {
                            for &i in path.iter().chain([&n.id]) {
                                if held.insert(i) {
                                    wanted.push(i);
                                }
                            }
                        }
                        match named || leading.contains(&n.id) {
                            true => Step::Enter,
                            false => Step::Skip,
                        }
                    },
                )?;
            }
            if !wanted.is_empty() {
                let rows = s.item_rows(id, &periods, Some(Some(pid)), Some(&wanted))?;
                plan.items = super::part::nest(rows);
            }
            Ok(plan)
        })
    }

    /// The first item of plan `code` after item `after` in plan order (from
    /// the start for `None`) that still needs an assessment in `period`: a
    /// walk that passes by every branch before it and, by the summary,
    /// every branch with nothing to assess.
    pub fn next_to_assess(
        &self,
        code: &str,
        period: Option<&str>,
        after: Option<&str>,
    ) -> Result<Option<String>> {
        self.snapshot(|s| {
            let head = s.head(code, period)?;
            let (id, pid) = (head.id, head.pid);
            let (Some(pid), Some(stamped)) = (pid, head.summary.as_deref()) else {
                return Ok(None);
            };
            let (after_id, leading): (Option<i64>, HashSet<i64>) = match after {
                Some(item) => {
                    let i = s.item_id(code, item)?;
                    let up = super::summary::ancestors(&s.conn, i).map_err(s.err())?;
                    (Some(i), up.into_iter().collect())
                }
                None => (None, HashSet::new()),
            };
            let mut passed = after_id.is_none();
            let mut found = None;
            for node in s.child_nodes(id, pid, None)? {
                let go_on = s.walk(
                    id,
                    pid,
                    &stamped.summary,
                    node,
                    &mut Vec::new(),
                    &mut |n, _| {
                        if Some(n.id) == after_id {
                            passed = true;
                            return Step::Enter;
                        }
                        if !passed {
                            // Before it: only the way down to it.
                            return match leading.contains(&n.id) {
                                true => Step::Enter,
                                false => Step::Skip,
                            };
                        }
                        if n.needs {
                            found = Some(n.id);
                            return Step::Stop;
                        }
                        Step::Enter
                    },
                )?;
                if !go_on {
                    break;
                }
            }
            found.map(|i| s.code_of(i)).transpose()
        })
    }

    /// The ids of a plan's items that name a contact person.
    fn items_naming_contacts(&self, plan_id: i64) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT c.item_id FROM item_contact c JOIN item i ON i.id = c.item_id
                 WHERE i.plan_id = ?1",
            )
            .map_err(self.err())?;
        let rows = st.query_map([plan_id], |r| r.get(0)).map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    /// The items whose current follow-up of the period is its own (not
    /// carried over), the one recorded longest ago first, up to `n`: a walk
    /// of the index by time that stops at `n`.
    fn oldest_follow_ups(&self, period_id: i64, n: usize) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.item_id FROM assessment a INDEXED BY assessment_by_time
                 WHERE a.period_id = ?1 AND a.carried_from IS NULL
                   AND NOT EXISTS (SELECT 1 FROM assessment b
                       WHERE b.item_id = a.item_id AND b.period_id = ?1 AND b.id > a.id)
                 ORDER BY a.recorded_at, a.id LIMIT ?2",
            )
            .map_err(self.err())?;
        let rows = st
            .query_map(params![period_id, n as i64], |r| r.get(0))
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }
}
