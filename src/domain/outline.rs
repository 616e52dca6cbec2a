//! A plan's shape in one period, without its texts: every item's place in
//! the tree and its current status. The roll-ups are computed from it, so
//! that a surface holding only part of a plan (the app, which reads the
//! levels it shows) still shows the true roll-up of everything below.

use std::collections::HashMap;

use super::plan::{Item, Plan, Rolled};
use super::status::{self, Counts, Status};

/// An item's current follow-up in the period, as far as roll-ups care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Current {
    pub status: Status,
    /// Carried over from an earlier period, not assessed in this one.
    pub carried: bool,
}

impl Current {
    /// The current follow-up of `item` in `period`, as roll-ups count it.
    pub fn of(item: &Item, period: &str) -> Option<Current> {
        item.current(period).map(|a| Current {
            status: a.status,
            carried: a.is_carried(),
        })
    }

    /// The status as it counts in the period (see
    /// [`super::Assessment::assessed`]).
    pub fn assessed(self) -> Status {
        if self.carried {
            Status::NotAssessed
        } else {
            self.status
        }
    }
}

/// An item as [`Outline::from_rows`] takes it: its code, the index of its
/// parent among the rows, its current follow-up.
pub type OutlineRow = (String, Option<usize>, Option<Current>);

/// One item of an [`Outline`].
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub code: String,
    pub parent: Option<usize>,
    /// Indexes of the children, in their order.
    pub children: Vec<usize>,
    pub current: Option<Current>,
}

/// Every item of a plan in document order (a parent before its children),
/// with its current follow-up in one period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub nodes: Vec<Node>,
}

/// What an outline gives the surfaces: each item's status with its roll-up,
/// the counts under each item with children, and the plan's total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollups {
    pub rolled: HashMap<String, Rolled>,
    pub below: HashMap<String, Counts>,
    /// The counts of each top-level item with everything under it (as
    /// [`super::counts_under`] counts them), by code.
    pub under_top: HashMap<String, Counts>,
    /// Every item as a summary of the period counts it: leaves, and parents
    /// with a follow-up of their own.
    pub total: Counts,
}

impl Outline {
    /// The outline of items given as (code, index of the parent among
    /// them, current follow-up), siblings in their order; an item whose
    /// parent is not among them is a top-level item. Also returns, for each
    /// node, the index of the row it came from.
    pub fn from_rows(rows: Vec<OutlineRow>) -> (Outline, Vec<usize>) {
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
        let mut roots = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            match r.1.filter(|&p| p < rows.len() && p != i) {
                Some(p) => kids[p].push(i),
                None => roots.push(i),
            }
        }
        // Renumber in document order (a parent before its children).
        let mut order = Vec::with_capacity(rows.len());
        let mut stack: Vec<usize> = roots.into_iter().rev().collect();
        while let Some(i) = stack.pop() {
            order.push(i);
            stack.extend(kids[i].iter().rev());
        }
        let mut new_index = vec![usize::MAX; rows.len()];
        for (n, &i) in order.iter().enumerate() {
            new_index[i] = n;
        }
        let mut rows: Vec<Option<OutlineRow>> = rows.into_iter().map(Some).collect();
        let nodes = order
            .iter()
            .map(|&i| {
                let (code, parent, current) = rows[i].take().expect("each row once");
                Node {
                    code,
                    parent: parent
                        .map(|p| new_index.get(p).copied().unwrap_or(usize::MAX))
                        .filter(|&p| p != usize::MAX),
                    children: kids[i].iter().map(|&k| new_index[k]).collect(),
                    current,
                }
            })
            .collect();
        (Outline { nodes }, order)
    }

    /// The nodes a tree shows when the items for which `open` says so are
    /// expanded (the top-level items, and the children of each open item
    /// shown), together with the children of each of them: what a surface
    /// needs to draw the tree and the detail of any item on it.
    pub fn to_read(&self, open: &dyn Fn(&str) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut shown: Vec<usize> = self.roots().collect();
        while let Some(i) = shown.pop() {
            out.push(i);
            let node = &self.nodes[i];
            if open(&node.code) {
                shown.extend(node.children.iter().copied());
            } else {
                out.extend(node.children.iter().copied());
            }
        }
        out.sort_unstable();
        out
    }

    /// The outline of a plan held whole, in one period.
    pub fn of_plan(plan: &Plan, period: &str) -> Outline {
        fn go(items: &[Item], parent: Option<usize>, period: &str, nodes: &mut Vec<Node>) {
            for it in items {
                let i = nodes.len();
                nodes.push(Node {
                    code: it.code.clone(),
                    parent,
                    children: Vec::new(),
                    current: Current::of(it, period),
                });
                if let Some(p) = parent {
                    nodes[p].children.push(i);
                }
                go(&it.children, Some(i), period, nodes);
            }
        }
        let mut nodes = Vec::new();
        go(&plan.items, None, period, &mut nodes);
        Outline { nodes }
    }

    /// The items a list of the follow-ups in `statuses` shows, in document
    /// order: those whose status counts as one of them (a status carried
    /// over counts as not assessed), and with not assessed the leaves
    /// without a follow-up.
    pub fn in_statuses(&self, statuses: &dyn Fn(Status) -> bool) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| {
                let n = &self.nodes[i];
                match n.current {
                    Some(c) => statuses(c.assessed()),
                    None => n.children.is_empty() && statuses(Status::NotAssessed),
                }
            })
            .collect()
    }

    /// The top-level items.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].parent.is_none())
    }

    /// Own status, roll-up and effective status of every item; the counts
    /// under every item with children; the plan's total. One pass from the
    /// leaves up (children come after their parent).
    pub fn rollups(&self) -> Rollups {
        let n = self.nodes.len();
        let mut effective = vec![Status::NotAssessed; n];
        // Counts of each item with itself, and below it.
        let mut with_self = vec![Counts::default(); n];
        let mut out = Rollups::default();
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            let mut below = Counts::default();
            for &c in &node.children {
                below.merge(&with_self[c]);
            }
            let own = node.current.map_or(Status::NotAssessed, |c| c.status);
            let assessed = node.current.map_or(Status::NotAssessed, |c| c.assessed());
            let rollup = status::rollup(node.children.iter().map(|&c| effective[c]));
            effective[i] = status::effective(assessed, rollup);
            out.rolled.insert(
                node.code.clone(),
                Rolled {
                    own,
                    carried: node.current.is_some_and(|c| c.carried),
                    rollup,
                    effective: effective[i],
                },
            );
            let mut me = below;
            // A parent counts only with a follow-up of its own.
            if node.current.is_some() || node.children.is_empty() {
                me.add_current(node.current);
            }
            if !node.children.is_empty() {
                out.below.insert(node.code.clone(), below);
            }
            with_self[i] = me;
        }
        for r in self.roots() {
            out.total.merge(&with_self[r]);
            out.under_top
                .insert(self.nodes[r].code.clone(), with_self[r]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(status: Status) -> Option<Current> {
        Some(Current {
            status,
            carried: false,
        })
    }

    #[test]
    fn rows_in_any_order_make_the_same_outline_in_document_order() {
        let rows = vec![
            ("1.1".to_owned(), Some(2), cur(Status::OffTrack)),
            ("2".to_owned(), None, None),
            ("1".to_owned(), None, None),
            ("1.2".to_owned(), Some(2), None),
            ("1.2.1".to_owned(), Some(3), None),
        ];
        let (o, order) = Outline::from_rows(rows);
        let codes: Vec<&str> = o.nodes.iter().map(|n| n.code.as_str()).collect();
        // Top-level items keep their given order; children follow their parent.
        assert_eq!(codes, ["2", "1", "1.1", "1.2", "1.2.1"]);
        assert_eq!(order, [1, 2, 0, 3, 4]);
        assert_eq!(o.nodes[1].children, vec![2, 3]);
        assert_eq!(o.nodes[3].parent, Some(1));
        // Nothing open: the top level and what is under it.
        assert_eq!(o.to_read(&|_| false), [0, 1, 2, 3]);
        assert_eq!(o.to_read(&|c| c == "1.2"), [0, 1, 2, 3]);
        assert_eq!(o.to_read(&|c| c == "1" || c == "1.2"), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn the_worst_child_rolls_up_and_a_parent_counts_only_with_its_own() {
        let rows = vec![
            ("1".to_owned(), None, None),
            ("1.1".to_owned(), Some(0), cur(Status::OffTrack)),
            ("1.2".to_owned(), Some(0), None),
            (
                "1.3".to_owned(),
                Some(0),
                Some(Current {
                    status: Status::Done,
                    carried: true,
                }),
            ),
            ("2".to_owned(), None, cur(Status::OnTrack)),
        ];
        let r = Outline::from_rows(rows).0.rollups();
        assert_eq!(r.rolled["1"].rollup, Status::OffTrack);
        assert_eq!(r.rolled["1"].effective, Status::OffTrack);
        assert!(r.rolled["1.3"].carried);
        assert_eq!(r.rolled["1.3"].effective, Status::NotAssessed);
        let b = &r.below["1"];
        assert_eq!(b.get(Status::OffTrack), 1);
        assert_eq!(b.get(Status::NotAssessed), 2);
        assert_eq!(b.carried, 1);
        assert!(!r.below.contains_key("2"));
        // 1 itself has no follow-up of its own: 3 under it and 2.
        assert_eq!(r.total.total(), 4);
        assert_eq!(r.total.get(Status::OnTrack), 1);
    }
}
