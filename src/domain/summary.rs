//! A plan's roll-ups in one period as a small summary: for each item with
//! children its roll-up, effective status and the counts under it, and the
//! whole plan's counts. A surface that holds only the items it shows takes
//! each one's roll-up from here, so what it shows is the whole plan's
//! truth without reading the whole plan. The summary is made from an
//! [`Outline`] by the same rule as every roll-up ([`Outline::rollups`]).

use std::collections::HashMap;

use super::outline::{Current, Outline, Rollups};
use super::plan::{Item, Rolled};
use super::status::{self, Counts, Status};

/// The roll-up of one item with children.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roll {
    pub rollup: Status,
    pub effective: Status,
    /// Everything under the item, each counted as a summary counts it.
    pub below: Counts,
}

impl Roll {
    /// The roll-up of an item with its current follow-up `own`, from each
    /// child's current follow-up and, for a child with children of its
    /// own, its roll-up: what a summary keeps current when one status
    /// changes, by the rule of [`Outline::rollups`].
    pub fn of(
        own: Option<Current>,
        children: impl IntoIterator<Item = (Option<Current>, Option<Roll>)>,
    ) -> Roll {
        let mut below = Counts::default();
        let mut effective = Vec::new();
        for (current, roll) in children {
            below.merge(&with_self(current, roll.as_ref()));
            effective.push(match roll {
                Some(r) => r.effective,
                None => leaf_effective(current),
            });
        }
        let rollup = status::rollup(effective);
        let assessed = own.map_or(Status::NotAssessed, |c| c.assessed());
        Roll {
            rollup,
            effective: status::effective(assessed, rollup),
            below,
        }
    }
}

/// The effective status of an item without children.
fn leaf_effective(current: Option<Current>) -> Status {
    let assessed = current.map_or(Status::NotAssessed, |c| c.assessed());
    status::effective(assessed, status::rollup(std::iter::empty()))
}

/// An item with everything under it (`roll`, for an item with children),
/// counted as the plan's total counts it: a parent counts only with a
/// follow-up of its own.
pub fn with_self(current: Option<Current>, roll: Option<&Roll>) -> Counts {
    let mut c = roll.map(|r| r.below).unwrap_or_default();
    if current.is_some() || roll.is_none() {
        c.add_current(current);
    }
    c
}

/// An item a summary lists (one to assess, one updated long ago), with
/// the code of the top-level item it is under.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub top: String,
    /// The item with its follow-ups of the period, without its children.
    pub item: Item,
}

/// The roll-ups of a plan in one period, each item by a key of the
/// caller's (the store's item id).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Each item with children.
    pub items: HashMap<i64, Roll>,
    /// The whole plan.
    pub total: Counts,
}

impl Summary {
    /// The summary of an outline whose node `n` is keyed `keys[n]`.
    pub fn of_outline(outline: &Outline, keys: &[i64]) -> Summary {
        let r = outline.rollups();
        let mut items = HashMap::new();
        for (n, node) in outline.nodes.iter().enumerate() {
            if node.children.is_empty() {
                continue;
            }
            let (Some(rolled), Some(below), Some(&key)) = (
                r.rolled.get(&node.code),
                r.below.get(&node.code),
                keys.get(n),
            ) else {
                continue;
            };
            items.insert(
                key,
                Roll {
                    rollup: rolled.rollup,
                    effective: rolled.effective,
                    below: *below,
                },
            );
        }
        Summary {
            items,
            total: r.total,
        }
    }

    /// The status, roll-up and effective status of the item `key` with its
    /// current follow-up `current`.
    pub fn rolled(&self, key: i64, current: Option<Current>) -> Rolled {
        let own = current.map_or(Status::NotAssessed, |c| c.status);
        let carried = current.is_some_and(|c| c.carried);
        match self.items.get(&key) {
            Some(r) => Rolled {
                own,
                carried,
                rollup: r.rollup,
                effective: r.effective,
            },
            None => Rolled {
                own,
                carried,
                rollup: status::rollup(std::iter::empty()),
                effective: leaf_effective(current),
            },
        }
    }

    /// The roll-ups of the items held (`items`, and so on down; each
    /// keyed by `keys`, by code) in `period`, into `out`: what a surface
    /// holding part of a plan shows of each.
    pub fn roll_held(
        &self,
        keys: &HashMap<String, i64>,
        items: &[Item],
        period: &str,
        out: &mut Rollups,
    ) {
        for it in items {
            if let Some(&key) = keys.get(&it.code) {
                out.rolled
                    .insert(it.code.clone(), self.rolled(key, Current::of(it, period)));
                if let Some(b) = self.below(key) {
                    out.below.insert(it.code.clone(), b);
                }
            }
            self.roll_held(keys, &it.children, period, out);
        }
    }

    /// The counts under the item `key`, for an item with children.
    pub fn below(&self, key: i64) -> Option<Counts> {
        self.items.get(&key).map(|r| r.below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(status: Status, carried: bool) -> Option<Current> {
        Some(Current { status, carried })
    }

    /// The summary gives each item what the whole outline's roll-up gives it.
    #[test]
    fn a_summary_rolls_up_as_the_whole_outline_does() {
        let rows = vec![
            ("1".to_owned(), None, None),
            ("1.1".to_owned(), Some(0), cur(Status::OffTrack, false)),
            ("1.2".to_owned(), Some(0), cur(Status::OnTrack, false)),
            ("1.2.1".to_owned(), Some(2), cur(Status::AtRisk, false)),
            ("1.3".to_owned(), Some(0), cur(Status::Done, true)),
            ("2".to_owned(), None, cur(Status::OnTrack, false)),
            ("2.1".to_owned(), Some(5), cur(Status::Done, false)),
        ];
        let currents: Vec<Option<Current>> = rows.iter().map(|r| r.2).collect();
        let (outline, order) = Outline::from_rows(rows);
        // Keys are the rows' places times ten, as a store's ids would be.
        let keys: Vec<i64> = order.iter().map(|&i| i as i64 * 10).collect();
        let summary = Summary::of_outline(&outline, &keys);
        let whole = outline.rollups();
        for (n, node) in outline.nodes.iter().enumerate() {
            let key = keys[n];
            let current = currents[order[n]];
            assert_eq!(
                summary.rolled(key, current),
                whole.rolled[&node.code],
                "{}",
                node.code
            );
            assert_eq!(summary.below(key), whole.below.get(&node.code).copied());
            assert_eq!(summary.items.contains_key(&key), !node.children.is_empty());
        }
        for r in outline.roots() {
            let node = &outline.nodes[r];
            let current = currents[order[r]];
            assert_eq!(
                with_self(current, summary.items.get(&keys[r])),
                whole.under_top[&node.code]
            );
        }
        assert_eq!(summary.total, whole.total);
        // Each item's roll-up again from its children alone, as a store
        // keeps a summary current when one status changes.
        for (n, node) in outline.nodes.iter().enumerate() {
            if node.children.is_empty() {
                continue;
            }
            let children = node
                .children
                .iter()
                .map(|&c| (currents[order[c]], summary.items.get(&keys[c]).copied()));
            let again = Roll::of(currents[order[n]], children);
            assert_eq!(again, summary.items[&keys[n]], "{}", node.code);
        }
        // 1.2 has an at-risk child under its own on-track status.
        assert_eq!(summary.rolled(20, currents[2]).effective, Status::OnTrack);
        assert_eq!(summary.items[&20].rollup, Status::AtRisk);
    }
}
