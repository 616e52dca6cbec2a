//! A plan held in part: which items the tree shows whose children are not
//! yet held, and putting them in place once read.

use super::*;

/// An item shown whose children are still to be read.
pub struct Unread {
    /// Its path in the plan (as a row's).
    pub path: Vec<usize>,
    /// Its id in the store.
    pub id: i64,
    /// Its children's ids.
    pub children: Vec<i64>,
}

impl Model {
    /// Whether the item `item` of plan `plan` is open in the tree.
    pub fn is_expanded(&self, plan: &str, item: &str) -> bool {
        self.expanded.contains(&NodeKey {
            plan: plan.to_owned(),
            item: Some(item.to_owned()),
        })
    }

    /// For each plan held in part (by index), the items the tree shows
    /// that have children in the store but none held yet.
    pub fn unread_shown(&self) -> Vec<(usize, Vec<Unread>)> {
        let mut out: Vec<(usize, Vec<Unread>)> = Vec::new();
        for row in &self.rows {
            let ps = &self.plans[row.plan];
            let Some(part) = &ps.part else { continue };
            let Some(item) = tree::item_at(&ps.plan, &row.path) else {
                continue;
            };
            if !item.children.is_empty() {
                continue;
            }
            let Some(&n) = part.index.get(&item.code) else {
                continue;
            };
            let node = &part.outline.nodes[n];
            if node.children.is_empty() {
                continue;
            }
            let unread = Unread {
                path: row.path.clone(),
                id: part.ids[n],
                children: node.children.iter().map(|&c| part.ids[c]).collect(),
            };
            match out.last_mut() {
                Some((pi, list)) if *pi == row.plan => list.push(unread),
                _ => out.push((row.plan, vec![unread])),
            }
        }
        out
    }

    /// Puts the children read for the `unread` items of plan `pi` in place
    /// (`items`: each with its parent's id, in their order).
    pub fn graft(&mut self, pi: usize, unread: &[Unread], items: Vec<(Option<i64>, Item)>) {
        let mut by_parent: HashMap<i64, Vec<Item>> = HashMap::new();
        for (parent, item) in items {
            if let Some(p) = parent {
                by_parent.entry(p).or_default().push(item);
            }
        }
        let ps = &mut self.plans[pi];
        for u in unread {
            let Some(children) = by_parent.remove(&u.id) else {
                continue;
            };
            if let Some(it) = item_at_mut(&mut ps.plan.items, &u.path) {
                if let Some(part) = &mut ps.part {
                    if let Some(&n) = part.index.get(&it.code) {
                        let kids = part.outline.nodes[n].children.clone();
                        index_held(&part.outline, &children, &kids, &mut part.index);
                    }
                }
                it.children = children;
            }
        }
    }
}

/// Finds the outline node of each item held (`items`, among the nodes
/// `candidates`, and so on down), by following the tree: a part is the
/// outline's top with some branches, in the same order. What it holds is
/// small; the outline may be the size of the file.
pub(super) fn index_held(
    outline: &crate::domain::Outline,
    items: &[Item],
    candidates: &[usize],
    index: &mut HashMap<String, usize>,
) {
    for it in items {
        let Some(&n) = candidates
            .iter()
            .find(|&&c| outline.nodes[c].code == it.code)
        else {
            continue;
        };
        index.insert(it.code.clone(), n);
        index_held(outline, &it.children, &outline.nodes[n].children, index);
    }
}

fn item_at_mut<'a>(items: &'a mut [Item], path: &[usize]) -> Option<&'a mut Item> {
    let (first, rest) = path.split_first()?;
    let it = items.get_mut(*first)?;
    if rest.is_empty() {
        Some(it)
    } else {
        item_at_mut(&mut it.children, rest)
    }
}
