//! A plan held in part: which items the tree shows whose children are not
//! yet held, putting them in place once read, and the roll-ups of the
//! items held, from the plan's summary.

use super::*;

/// An item shown whose children are still to be read.
pub struct Unread {
    /// Its path in the plan (as a row's).
    pub path: Vec<usize>,
    /// Its id in the store.
    pub id: i64,
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
    /// whose children have not been read.
    pub fn unread_shown(&self) -> Vec<(usize, Vec<Unread>)> {
        let mut out: Vec<(usize, Vec<Unread>)> = Vec::new();
        for row in &self.rows {
            let ps = &self.plans[row.plan];
            let Some(part) = &ps.part else { continue };
            let Some(item) = tree::item_at(&ps.plan, &row.path) else {
                continue;
            };
            let Some(&id) = part.ids.get(&item.code) else {
                continue;
            };
            if part.read_below.contains(&id) {
                continue;
            }
            let unread = Unread {
                path: row.path.clone(),
                id,
            };
            match out.last_mut() {
                Some((pi, list)) if *pi == row.plan => list.push(unread),
                _ => out.push((row.plan, vec![unread])),
            }
        }
        out
    }

    /// Puts the children read for the `unread` items of plan `pi` in place
    /// (`items`: each with its id and its parent's, in their order), with
    /// their roll-ups.
    pub fn graft(&mut self, pi: usize, unread: &[Unread], items: crate::store::ItemRows) {
        let mut by_parent: HashMap<i64, Vec<(i64, Item)>> = HashMap::new();
        for (id, parent, item) in items {
            if let Some(p) = parent {
                by_parent.entry(p).or_default().push((id, item));
            }
        }
        let ps = &mut self.plans[pi];
        let Some(part) = &mut ps.part else { return };
        for u in unread {
            part.read_below.insert(u.id);
            let children = by_parent.remove(&u.id).unwrap_or_default();
            let Some(it) = item_at_mut(&mut ps.plan.items, &u.path) else {
                continue;
            };
            for (id, child) in &children {
                part.ids.insert(child.code.clone(), *id);
            }
            it.children = children.into_iter().map(|(_, c)| c).collect();
            if let (Some(s), Some(code)) = (&part.summary, &ps.period) {
                let mut r = crate::domain::Rollups::default();
                s.summary.roll_held(&part.ids, &it.children, code, &mut r);
                ps.rolled.extend(r.rolled);
                ps.below.extend(r.below);
            }
        }
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
