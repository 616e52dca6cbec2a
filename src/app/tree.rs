//! The visible tree: which rows are shown, and moving through them.

use std::collections::HashSet;

use crate::domain::{Item, Plan};

/// A node of the tree: a plan (`item` None) or an item in it, by codes, so
/// that it survives a reload.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NodeKey {
    pub plan: String,
    pub item: Option<String>,
}

/// One visible row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub plan: usize,
    /// Indices from the plan's items down to this item; empty for the plan.
    pub path: Vec<usize>,
    pub has_children: bool,
    pub expanded: bool,
}

impl Row {
    /// 0 for a plan, 1 for its top-level items …
    pub fn depth(&self) -> usize {
        self.path.len()
    }
}

/// The item a path points at.
pub fn item_at<'a>(plan: &'a Plan, path: &[usize]) -> Option<&'a Item> {
    let (first, rest) = path.split_first()?;
    let mut it = plan.items.get(*first)?;
    for &i in rest {
        it = it.children.get(i)?;
    }
    Some(it)
}

/// The node a row shows, in `plan` (the plan of the row).
pub fn key_of(plan: &Plan, row: &Row) -> NodeKey {
    NodeKey {
        plan: plan.code.clone(),
        item: item_at(plan, &row.path).map(|i| i.code.clone()),
    }
}

/// Which items a filtered tree shows: those `keep` accepts, and the
/// branches that lead to them, open.
pub type Keep<'a> = &'a dyn Fn(&Item) -> bool;

/// Whether `it` or anything under it is kept.
fn kept_under(it: &Item, keep: Keep<'_>) -> bool {
    keep(it) || it.children.iter().any(|c| kept_under(c, keep))
}

/// The rows of a filtered tree: every plan, and under it only the items
/// kept and the branches leading to them, all open.
pub fn build_filtered(plans: &[Plan], keep: Keep<'_>) -> Vec<Row> {
    fn go(items: &[Item], pi: usize, path: &mut Vec<usize>, keep: Keep<'_>, rows: &mut Vec<Row>) {
        for (i, it) in items.iter().enumerate() {
            if !kept_under(it, keep) {
                continue;
            }
            path.push(i);
            let below = it.children.iter().any(|c| kept_under(c, keep));
            rows.push(Row {
                plan: pi,
                path: path.clone(),
                has_children: below,
                expanded: below,
            });
            go(&it.children, pi, path, keep, rows);
            path.pop();
        }
    }
    let mut rows = Vec::new();
    for (pi, plan) in plans.iter().enumerate() {
        let any = plan.items.iter().any(|it| kept_under(it, keep));
        rows.push(Row {
            plan: pi,
            path: Vec::new(),
            has_children: any,
            expanded: any,
        });
        go(&plan.items, pi, &mut Vec::new(), keep, &mut rows);
    }
    rows
}

/// Every node of the plans that has children: what "expand all" opens.
pub fn all_branches(plans: &[Plan]) -> Vec<NodeKey> {
    let mut out = Vec::new();
    for plan in plans {
        out.push(NodeKey {
            plan: plan.code.clone(),
            item: None,
        });
        for (_, it) in plan.walk() {
            if !it.children.is_empty() {
                out.push(NodeKey {
                    plan: plan.code.clone(),
                    item: Some(it.code.clone()),
                });
            }
        }
    }
    out
}

/// The rows shown when the nodes in `expanded` are open.
pub fn build_rows(plans: &[Plan], expanded: &HashSet<NodeKey>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (pi, plan) in plans.iter().enumerate() {
        let key = NodeKey {
            plan: plan.code.clone(),
            item: None,
        };
        let open = expanded.contains(&key);
        rows.push(Row {
            plan: pi,
            path: Vec::new(),
            has_children: !plan.items.is_empty(),
            expanded: open,
        });
        if open {
            push_items(
                &plan.code,
                &plan.items,
                pi,
                &mut Vec::new(),
                expanded,
                &mut rows,
            );
        }
    }
    rows
}

fn push_items(
    plan_code: &str,
    items: &[Item],
    pi: usize,
    path: &mut Vec<usize>,
    expanded: &HashSet<NodeKey>,
    rows: &mut Vec<Row>,
) {
    for (i, it) in items.iter().enumerate() {
        path.push(i);
        let open = !it.children.is_empty()
            && expanded.contains(&NodeKey {
                plan: plan_code.to_owned(),
                item: Some(it.code.clone()),
            });
        rows.push(Row {
            plan: pi,
            path: path.clone(),
            has_children: !it.children.is_empty(),
            expanded: open,
        });
        if open {
            push_items(plan_code, &it.children, pi, path, expanded, rows);
        }
        path.pop();
    }
}

/// The keys of a node's ancestors (plan first), to open them when the node
/// must be shown.
pub fn ancestors(plans: &[Plan], key: &NodeKey) -> Vec<NodeKey> {
    let mut out = vec![NodeKey {
        plan: key.plan.clone(),
        item: None,
    }];
    if let (Some(plan), Some(code)) = (plans.iter().find(|p| p.code == key.plan), &key.item) {
        if let Some((_, path)) = plan.find(code) {
            out.extend(path.iter().map(|a| NodeKey {
                plan: key.plan.clone(),
                item: Some(a.code.clone()),
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Text;

    fn item(code: &str, children: Vec<Item>) -> Item {
        Item {
            code: code.into(),
            title: Text::same(code),
            children,
            ..Item::default()
        }
    }

    fn plans() -> Vec<Plan> {
        vec![Plan {
            code: "p".into(),
            items: vec![
                item("1", vec![item("1.1", vec![]), item("1.2", vec![])]),
                item("2", vec![]),
            ],
            ..Plan::default()
        }]
    }

    fn key(item: Option<&str>) -> NodeKey {
        NodeKey {
            plan: "p".into(),
            item: item.map(str::to_owned),
        }
    }

    #[test]
    fn rows_follow_what_is_open() {
        let p = plans();
        let mut open = HashSet::new();
        assert_eq!(build_rows(&p, &open).len(), 1);
        open.insert(key(None));
        assert_eq!(build_rows(&p, &open).len(), 3);
        open.insert(key(Some("1")));
        let rows = build_rows(&p, &open);
        assert_eq!(rows.len(), 5);
        assert_eq!(key_of(&p[0], &rows[3]), key(Some("1.2")));
        assert_eq!(rows[3].depth(), 2);
        let at = rows.iter().position(|r| key_of(&p[0], r) == key(Some("2")));
        assert_eq!(at, Some(4));
    }

    #[test]
    fn ancestors_start_with_the_plan() {
        let p = plans();
        assert_eq!(
            ancestors(&p, &key(Some("1.2"))),
            vec![key(None), key(Some("1"))]
        );
    }
}
