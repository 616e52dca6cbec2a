//! One plan of a sheet's rows: the tree (by a parent column, by levels in
//! outline order, or by dotted codes), the follow-ups by period, the level
//! names, the title.

use std::collections::HashMap;

use super::headers::{Column, Field};
use super::read::{Place, Read};
use super::{Options, Problem, SheetError};
use crate::domain::rows::{self, Row, TreeProblem};
use crate::domain::{Assessment, Item, Lang, Period, Plan, Status, Text};

/// One plan of its rows.
pub(super) fn plan(
    code: String,
    named: Text,
    rows: Vec<Read>,
    columns: &[Option<Column>],
    place: &Place,
    (sheet_lang, fallback): (Lang, String),
    opts: &Options,
) -> Result<Plan, SheetError> {
    let col_of = |f: Field| {
        columns
            .iter()
            .position(|c| c.as_ref().is_some_and(|c| c.field == f))
    };
    let level_col = col_of(Field::Level).or(col_of(Field::Depth));
    let by_parent = col_of(Field::Parent).is_some();
    let by_level = !by_parent && rows.iter().any(|r| r.level.is_some());
    let parents: Vec<Option<String>> = if by_parent {
        rows.iter().map(|r| r.parent.clone()).collect()
    } else if by_level {
        let mut levels = Vec::with_capacity(rows.len());
        for r in &rows {
            match r.level {
                Some(l) => levels.push(l),
                None => {
                    return Err(place.at(Some(r.row), level_col, Problem::NotALevel(String::new())))
                }
            }
        }
        let parents = rows::parents_by_level(&levels).map_err(|(i, p)| {
            let TreeProblem::LevelJump { level, above } = p else {
                unreachable!("levels only jump")
            };
            place.at(
                Some(rows[i].row),
                level_col,
                Problem::LevelJump { level, above },
            )
        })?;
        parents
            .into_iter()
            .map(|p| p.map(|i| rows[i].item.code.clone()))
            .collect()
    } else {
        rows.iter()
            .map(|r| rows::parent_by_code(&r.item.code).map(str::to_owned))
            .collect()
    };
    let mut title = Text::default();
    let mut periods: Vec<String> = Vec::new();
    let default_period = opts
        .period
        .map(str::to_owned)
        .unwrap_or_else(|| opts.at.chars().take(4).collect());
    let mut level_names: Vec<(String, Text)> = Vec::new();
    let mut tree_rows = Vec::with_capacity(rows.len());
    let row_numbers: Vec<u32> = rows.iter().map(|r| r.row).collect();
    for (r, parent) in rows.into_iter().zip(parents) {
        for l in Lang::ALL {
            if title.get(l).is_none() {
                title.set(l, r.plan_title.get(l).map(str::to_owned));
            }
        }
        let mut item = r.item;
        for (period, f) in r.follow_ups {
            let period = period
                .or_else(|| r.period.clone())
                .unwrap_or_else(|| default_period.clone());
            let status = f.status.unwrap_or_default();
            if status == Status::NotAssessed && f.comment.is_empty() && f.actions.is_empty() {
                continue;
            }
            if !periods.contains(&period) {
                periods.push(period.clone());
            }
            item.assessments.push(Assessment {
                period,
                status,
                comment: f.comment,
                actions: f.actions,
                by: r.by.clone().unwrap_or_else(|| opts.user.to_owned()),
                at: r.at.clone().unwrap_or_else(|| opts.at.to_owned()),
                carried_from: None,
            });
        }
        item.assessments.sort_by(|a, b| a.period.cmp(&b.period));
        level_names.push((item.code.clone(), r.level_name));
        tree_rows.push(Row {
            item,
            parent,
            level: if by_parent { r.level } else { None },
        });
    }
    let items = rows::tree(tree_rows).map_err(|(i, p)| {
        let row = Some(row_numbers[i]);
        let parent_col = col_of(Field::Parent).or(level_col);
        let code_col = col_of(Field::Code);
        match p {
            TreeProblem::Duplicate { code, first } => place.at(
                row,
                code_col,
                Problem::Duplicate {
                    code,
                    first_row: row_numbers[first],
                },
            ),
            TreeProblem::NoParent { parent } => place.at(
                row,
                col_of(Field::Parent).or(code_col),
                Problem::NoParent(parent),
            ),
            TreeProblem::Cycle => place.at(
                row,
                parent_col,
                Problem::Cycle(
                    level_names
                        .get(i)
                        .map(|(c, _)| c.clone())
                        .unwrap_or_default(),
                ),
            ),
            TreeProblem::LevelJump { level, above } => {
                place.at(row, level_col, Problem::LevelJump { level, above })
            }
            TreeProblem::LevelMismatch { level, parent } => {
                place.at(row, level_col, Problem::LevelMismatch { level, parent })
            }
        }
    })?;
    if title.is_empty() {
        title = named;
    }
    if title.is_empty() {
        title.set(sheet_lang, Some(fallback));
    }
    periods.sort();
    let mut plan = Plan {
        code,
        title,
        periods: periods
            .into_iter()
            .map(|code| Period {
                code,
                ..Period::default()
            })
            .collect(),
        items,
        ..Plan::default()
    };
    levels(&mut plan, level_names.into_iter().collect());
    Ok(plan)
}

/// The plan's level names by depth: at each depth the name most items
/// there have (the first of equals); an item whose name differs keeps its
/// own.
fn levels(plan: &mut Plan, names: HashMap<String, Text>) {
    let mut by_depth: Vec<Vec<(Text, usize)>> = Vec::new();
    for (depth, it) in plan.walk() {
        let Some(name) = names.get(&it.code).filter(|n| !n.is_empty()) else {
            continue;
        };
        if by_depth.len() <= depth {
            by_depth.resize(depth + 1, Vec::new());
        }
        match by_depth[depth].iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => by_depth[depth].push((name.clone(), 1)),
        }
    }
    let levels: Vec<Text> = by_depth
        .into_iter()
        .map(|names| {
            let most = names.iter().map(|(_, c)| *c).max().unwrap_or(0);
            names
                .into_iter()
                .find(|(_, c)| *c == most)
                .map(|(n, _)| n)
                .unwrap_or_default()
        })
        .collect();
    fn go(items: &mut [Item], depth: usize, names: &HashMap<String, Text>, levels: &[Text]) {
        for it in items {
            if let Some(name) = names.get(&it.code).filter(|n| !n.is_empty()) {
                if levels.get(depth) != Some(name) {
                    it.level = name.clone();
                }
            }
            go(&mut it.children, depth + 1, names, levels);
        }
    }
    go(&mut plan.items, 0, &names, &levels);
    plan.levels = levels;
}
