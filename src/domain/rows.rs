//! A plan's items as flat rows, the way a spreadsheet holds them, and the
//! rules that make a tree of them: codes are unique (in one normal form), a
//! parent exists, nothing is its own ancestor, and siblings keep the order of
//! their rows.

use std::collections::HashMap;

use super::plan::{Item, Plan};
use super::rules::comparable;

/// The parent a dotted code implies: `1.2` for `1.2.3`, none for `1` (or for
/// a code that starts or ends with its dot, which is no hierarchy).
pub fn parent_by_code(code: &str) -> Option<&str> {
    let (parent, last) = code.rsplit_once('.')?;
    (!parent.is_empty() && !last.is_empty()).then_some(parent)
}

/// Why rows make no tree; each names the row (its index in the rows given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeProblem {
    /// The code of an earlier row, given again (that row's index).
    Duplicate { code: String, first: usize },
    /// The parent the row names (or its code implies) is no row's code.
    NoParent { parent: String },
    /// The row is, through its parents, its own ancestor.
    Cycle,
    /// A level deeper by more than one than the row above it.
    LevelJump { level: usize, above: usize },
    /// A level that disagrees with the parent's: the parent is at `parent`.
    LevelMismatch { level: usize, parent: usize },
}

/// One row: the item (without children) and its parent's code, if any.
#[derive(Clone, Debug)]
pub struct Row {
    pub item: Item,
    pub parent: Option<String>,
    /// The level (1 = top) the row says it is at, if it says.
    pub level: Option<usize>,
}

/// The parents of rows given only by their levels, in outline order: a row at
/// level n belongs under the nearest row above it at level n − 1.
pub fn parents_by_level(levels: &[usize]) -> Result<Vec<Option<usize>>, (usize, TreeProblem)> {
    let mut open: Vec<usize> = Vec::new(); // the row open at each level
    let mut out = Vec::with_capacity(levels.len());
    for (i, &level) in levels.iter().enumerate() {
        if level == 0 || level > open.len() + 1 {
            return Err((
                i,
                TreeProblem::LevelJump {
                    level,
                    above: open.len(),
                },
            ));
        }
        open.truncate(level - 1);
        out.push(open.last().copied());
        open.push(i);
    }
    Ok(out)
}

/// Makes the tree of the rows: every row under its parent, siblings in the
/// order of their rows. The first row that breaks a rule is named.
pub fn tree(rows: Vec<Row>) -> Result<Vec<Item>, (usize, TreeProblem)> {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        if let Some(&first) = index.get(&comparable(&r.item.code)) {
            return Err((
                i,
                TreeProblem::Duplicate {
                    code: r.item.code.clone(),
                    first,
                },
            ));
        }
        index.insert(comparable(&r.item.code), i);
    }
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        parent.push(match &r.parent {
            None => None,
            Some(p) => Some(
                *index
                    .get(&comparable(p))
                    .ok_or_else(|| (i, TreeProblem::NoParent { parent: p.clone() }))?,
            ),
        });
    }
    // Each row's depth, following its parents; a chain longer than the rows
    // is a cycle.
    let mut depth = vec![0usize; rows.len()];
    for (i, depth) in depth.iter_mut().enumerate() {
        let mut at = i;
        while let Some(p) = parent[at] {
            *depth += 1;
            if *depth > rows.len() {
                return Err((i, TreeProblem::Cycle));
            }
            at = p;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if let Some(level) = r.level {
            if level != depth[i] + 1 {
                return Err((
                    i,
                    TreeProblem::LevelMismatch {
                        level,
                        parent: depth[i],
                    },
                ));
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut roots = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    let mut items: Vec<Option<Item>> = rows.into_iter().map(|r| Some(r.item)).collect();
    fn build(i: usize, items: &mut [Option<Item>], children: &[Vec<usize>]) -> Item {
        let mut it = items[i].take().expect("each row is placed once");
        it.children = children[i]
            .iter()
            .map(|&c| build(c, items, children))
            .collect();
        it
    }
    Ok(roots
        .into_iter()
        .map(|r| build(r, &mut items, &children))
        .collect())
}

/// Every item of a plan as a row: its depth (0 = top), its parent's code
/// and the item, in document order.
pub fn flat(plan: &Plan) -> Vec<(usize, Option<&str>, &Item)> {
    fn go<'a>(
        items: &'a [Item],
        depth: usize,
        parent: Option<&'a str>,
        out: &mut Vec<(usize, Option<&'a str>, &'a Item)>,
    ) {
        for it in items {
            out.push((depth, parent, it));
            go(&it.children, depth + 1, Some(&it.code), out);
        }
    }
    let mut out = Vec::new();
    go(&plan.items, 0, None, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, parent: Option<&str>) -> Row {
        Row {
            item: Item {
                code: code.into(),
                ..Item::default()
            },
            parent: parent.map(str::to_owned),
            level: None,
        }
    }

    fn codes(items: &[Item]) -> String {
        items
            .iter()
            .map(|i| {
                if i.children.is_empty() {
                    i.code.clone()
                } else {
                    format!("{}({})", i.code, codes(&i.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn dotted_codes_imply_their_parents() {
        assert_eq!(parent_by_code("1.2.3"), Some("1.2"));
        assert_eq!(parent_by_code("1.2"), Some("1"));
        assert_eq!(parent_by_code("1"), None);
        assert_eq!(parent_by_code("P1"), None);
        assert_eq!(parent_by_code(".1"), None);
        assert_eq!(parent_by_code("1."), None);
    }

    #[test]
    fn rows_make_a_tree_in_row_order() {
        let t = tree(vec![
            row("2", None),
            row("1", None),
            row("1.2", Some("1")),
            row("1.1", Some("1")),
            row("1.1.2", Some("1.1")),
        ])
        .unwrap();
        assert_eq!(codes(&t), "2 1(1.2 1.1(1.1.2))");
    }

    #[test]
    fn a_parent_may_come_after_its_child() {
        let t = tree(vec![row("1.1", Some("1")), row("1", None)]).unwrap();
        assert_eq!(codes(&t), "1(1.1)");
    }

    #[test]
    fn broken_rows_are_named() {
        let e = tree(vec![row("1", None), row("1", None)]).unwrap_err();
        assert_eq!(
            e,
            (
                1,
                TreeProblem::Duplicate {
                    code: "1".into(),
                    first: 0
                }
            )
        );
        let e = tree(vec![row("1", None), row("2.1", Some("2"))]).unwrap_err();
        assert_eq!(e, (1, TreeProblem::NoParent { parent: "2".into() }));
        let e = tree(vec![row("a", Some("b")), row("b", Some("a"))]).unwrap_err();
        assert_eq!(e, (0, TreeProblem::Cycle));
        // `ä` typed and `a` + combining diaeresis are one code.
        let e = tree(vec![row("\u{e4}", None), row("a\u{308}", None)]).unwrap_err();
        assert!(matches!(e, (1, TreeProblem::Duplicate { .. })));
    }

    #[test]
    fn levels_give_parents_in_outline_order() {
        assert_eq!(
            parents_by_level(&[1, 2, 3, 2, 1, 2]).unwrap(),
            vec![None, Some(0), Some(1), Some(0), None, Some(4)]
        );
        assert_eq!(
            parents_by_level(&[1, 3]).unwrap_err(),
            (1, TreeProblem::LevelJump { level: 3, above: 1 })
        );
        assert!(parents_by_level(&[2]).is_err());
    }

    #[test]
    fn a_level_must_agree_with_the_parent() {
        let mut r = row("1.1", Some("1"));
        r.level = Some(3);
        let e = tree(vec![row("1", None), r]).unwrap_err();
        assert_eq!(
            e,
            (
                1,
                TreeProblem::LevelMismatch {
                    level: 3,
                    parent: 1
                }
            )
        );
    }
}
