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
use crate::domain::{Item, Listed, Status};

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

/// One node of the walk: an item's id, whether it has children, and
/// whether it still needs an assessment (its current follow-up carried
/// over, or none on a leaf).
#[derive(Clone, Copy)]
struct Node {
    id: i64,
    parent: bool,
    needs: bool,
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
            let period = periods.get(&pid).cloned().unwrap_or_default();
            // The items to assess, top-level item by top-level item.
            let mut found: Vec<(usize, i64)> = Vec::new();
            let mut stale_left = ask.stale;
            for (t, (top_id, _, top)) in tops.iter().enumerate() {
                let limit = ask.per_top.map_or(usize::MAX, |n| n.max(stale_left));
                let parent = stamped.summary.items.contains_key(top_id);
                let node = Node {
                    id: *top_id,
                    parent,
                    needs: top.current(&period).map_or(!parent, |a| a.is_carried()),
                };
                let mut under = Vec::new();
                s.walk_to_assess(id, pid, &stamped.summary, node, limit, &mut under)?;
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

    /// Walks down from `node` in plan order, adding to `out` (up to
    /// `limit`) each item that still needs an assessment; a branch whose
    /// summary counts nothing not assessed under it is not entered.
    fn walk_to_assess(
        &self,
        plan_id: i64,
        period_id: i64,
        summary: &crate::domain::Summary,
        node: Node,
        limit: usize,
        out: &mut Vec<i64>,
    ) -> Result<()> {
        if out.len() >= limit {
            return Ok(());
        }
        if node.needs {
            out.push(node.id);
        }
        let open_below = summary
            .below(node.id)
            .is_none_or(|c| c.get(Status::NotAssessed) > 0);
        if !node.parent || !open_below {
            return Ok(());
        }
        for child in self.child_nodes(plan_id, period_id, node.id)? {
            if out.len() >= limit {
                break;
            }
            self.walk_to_assess(plan_id, period_id, summary, child, limit, out)?;
        }
        Ok(())
    }

    /// The children of `parent` as the walk sees them, in plan order.
    fn child_nodes(&self, plan_id: i64, period_id: i64, parent: i64) -> Result<Vec<Node>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT i.id,
                    EXISTS (SELECT 1 FROM item c WHERE c.plan_id = ?1 AND c.parent_id = i.id),
                    (SELECT a.carried_from IS NOT NULL FROM assessment a
                     WHERE a.item_id = i.id AND a.period_id = ?3 ORDER BY a.id DESC LIMIT 1)
                 FROM item i WHERE i.plan_id = ?1 AND i.parent_id = ?2
                 ORDER BY i.position, i.id",
            )
            .map_err(self.err())?;
        let rows = st
            .query_map(params![plan_id, parent, period_id], |r| {
                let parent: bool = r.get(1)?;
                let carried: Option<bool> = r.get(2)?;
                Ok(Node {
                    id: r.get(0)?,
                    parent,
                    needs: match carried {
                        Some(c) => c,
                        None => !parent,
                    },
                })
            })
            .map_err(self.err())?;
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
