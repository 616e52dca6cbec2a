//! From a sheet's rows to plans: the header row and what each column is,
//! then each row's cells, then the rows grouped into plans (each made in
//! `plan.rs`).

use std::collections::{BTreeMap, HashMap};

use super::grid::{Cell, Grid};
use super::headers::{self, letter, Column, Field};
use super::map::Entry;
use super::{At, Options, Problem, Sheet, SheetError};
use crate::domain::rules::{
    item_code_ok, period_code_ok, plan_code_ok, timestamp_ok, MAX_BY_CHARS, MAX_TEXT_CHARS,
};
use crate::domain::{Item, Lang, Status, Text};

/// How many rows from the top may come before the header row (a title, a
/// date, an empty line or two).
pub const HEADER_SEARCH: usize = 20;

/// Where problems are told: the file, the sheet and the header of each column.
pub(super) struct Place<'a> {
    file: &'a str,
    sheet: Option<String>,
    headers: Vec<String>,
}

impl Place<'_> {
    pub(super) fn at(&self, row: Option<u32>, col: Option<usize>, problem: Problem) -> SheetError {
        SheetError {
            file: self.file.to_owned(),
            sheet: self.sheet.clone(),
            row,
            column: col.map(|c| {
                Box::new(At {
                    letter: letter(c),
                    header: self.headers.get(c).cloned().unwrap_or_default(),
                })
            }),
            line: None,
            problem: Box::new(problem),
        }
    }
}

/// One row's cells, read.
#[derive(Default)]
pub(super) struct Read {
    pub row: u32,
    pub plan: Option<String>,
    pub plan_title: Text,
    pub period: Option<String>,
    pub parent: Option<String>,
    pub level: Option<usize>,
    pub level_name: Text,
    pub item: Item,
    /// Follow-ups by the period their column names (none: the row's).
    pub follow_ups: BTreeMap<Option<String>, FollowUp>,
    pub by: Option<String>,
    pub at: Option<String>,
}

#[derive(Default)]
pub(super) struct FollowUp {
    pub status: Option<Status>,
    pub comment: Text,
    pub actions: Text,
}

/// A status as the command line takes it (keys, digits, the words and
/// colours of any language), as strata shows it (`● etenee`), or as its
/// symbol alone.
fn status(s: &str) -> Option<Status> {
    let s = s.trim();
    match Status::ALL
        .into_iter()
        .find(|st| s.starts_with(st.symbol()))
    {
        Some(st) => {
            let rest = s[st.symbol().len()..].trim();
            (rest.is_empty() || crate::messages::parse_status(rest) == Some(st)).then_some(st)
        }
        None => crate::messages::parse_status(s),
    }
}

pub fn plans(
    file: &str,
    stem: &str,
    grid: &Grid,
    map: &[Entry],
    opts: &Options,
) -> Result<Sheet, SheetError> {
    let mut place = Place {
        file,
        sheet: grid.sheet.clone(),
        headers: Vec::new(),
    };
    let classify = |text: &str| -> Option<(Column, Option<Lang>)> {
        let n = headers::normal(text);
        match map.iter().find(|e| e.normal == n) {
            Some(e) => Some((e.column.clone(), None)),
            None => headers::column(text),
        }
    };
    // The header row: the first that names a code column.
    let Some(head) = grid.rows.iter().take(HEADER_SEARCH).position(|(_, cells)| {
        cells.iter().any(|c| {
            c.text()
                .and_then(|t| classify(&t))
                .is_some_and(|(col, _)| col.field == Field::Code)
        })
    }) else {
        return Err(place.at(
            None,
            None,
            Problem::NoHeaderRow {
                rows: HEADER_SEARCH as u32,
            },
        ));
    };
    let (head_row, head_cells) = &grid.rows[head];
    place.headers = head_cells
        .iter()
        .map(|c| c.text().unwrap_or_default())
        .collect();
    if let Some(e) = map
        .iter()
        .find(|e| !place.headers.iter().any(|h| headers::normal(h) == e.normal))
    {
        return Err(SheetError {
            file: opts.map.map_or(file, |(name, _)| name).to_owned(),
            sheet: None,
            row: None,
            column: None,
            line: Some(e.line),
            problem: Box::new(Problem::MapNoSuchHeader {
                header: e.header.clone(),
                headers: place
                    .headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .cloned()
                    .collect(),
            }),
        });
    }
    // What each column is.
    let mut found: Vec<Option<(Column, Option<Lang>)>> = Vec::new();
    for (c, h) in place.headers.iter().enumerate() {
        if h.is_empty() {
            found.push(None);
            continue;
        }
        match classify(h) {
            Some(col) => found.push(Some(col)),
            None => return Err(place.at(Some(*head_row), Some(c), Problem::UnknownColumn)),
        }
    }
    // The sheet's language: the one most of its header words are in.
    let mut votes: HashMap<Lang, usize> = HashMap::new();
    for (_, implied) in found.iter().flatten() {
        if let Some(l) = implied {
            *votes.entry(*l).or_default() += 1;
        }
    }
    let most = votes.values().copied().max().unwrap_or(0);
    let sheet_lang = if most == 0 || votes.get(&opts.lang) == Some(&most) {
        opts.lang
    } else {
        Lang::ALL
            .into_iter()
            .find(|l| votes.get(l) == Some(&most))
            .unwrap_or(opts.lang)
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut seen: HashMap<Column, usize> = HashMap::new();
    for (c, f) in found.into_iter().enumerate() {
        let Some((mut col, implied)) = f else {
            columns.push(None);
            continue;
        };
        if col.field.translated() {
            col.lang = col.lang.or(implied).or(Some(sheet_lang));
        }
        if col.field != Field::Ignored {
            if let Some(&first) = seen.get(&col) {
                let at = At {
                    letter: letter(first),
                    header: place.headers[first].clone(),
                };
                return Err(place.at(Some(*head_row), Some(c), Problem::SameColumn(at)));
            }
            seen.insert(col.clone(), c);
        }
        columns.push(Some(col));
    }
    let col_of = |f: Field| {
        columns
            .iter()
            .position(|c| c.as_ref().is_some_and(|c| c.field == f))
    };
    let code_col = col_of(Field::Code).expect("the header row has a code column");
    let Some(title_col) = col_of(Field::Title) else {
        return Err(place.at(Some(*head_row), None, Problem::NoTitleColumn));
    };
    // A title above the header row: the first text there.
    let above: Option<String> = grid.rows[..head]
        .iter()
        .flat_map(|(_, cells)| cells.iter())
        .find_map(Cell::text);

    let mut read = Vec::new();
    for (row, cells) in &grid.rows[head + 1..] {
        let row = *row;
        let mut r = Read {
            row,
            ..Read::default()
        };
        let mut any = false;
        for (c, cell) in cells.iter().enumerate() {
            let col = match columns.get(c) {
                Some(Some(col)) => col,
                Some(None) | None if cell.is_empty() => continue,
                _ => return Err(place.at(Some(row), Some(c), Problem::NoHeader)),
            };
            if col.field == Field::Ignored {
                continue;
            }
            if let Cell::Error(e) = cell {
                return Err(place.at(Some(row), Some(c), Problem::CellError(e.clone())));
            }
            let fail = |p| place.at(Some(row), Some(c), p);
            if let (Field::Code | Field::Parent, Cell::Date(d)) = (col.field, cell) {
                return Err(fail(Problem::CodeIsDate(d.clone())));
            }
            let Some(v) = cell.text() else { continue };
            any = true;
            let lang = col.lang.unwrap_or(sheet_lang);
            let n = v.chars().count();
            if col.field.translated() && n > MAX_TEXT_CHARS {
                return Err(fail(Problem::TextTooLong {
                    chars: n,
                    limit: MAX_TEXT_CHARS,
                }));
            }
            match col.field {
                Field::Plan => r.plan = Some(v),
                Field::PlanTitle => r.plan_title.set(lang, Some(v)),
                Field::Period if period_code_ok(&v) => r.period = Some(v),
                Field::Period => return Err(fail(Problem::BadPeriod(v))),
                Field::Code if item_code_ok(&v) => r.item.code = v,
                Field::Parent if item_code_ok(&v) => r.parent = Some(v),
                Field::Code | Field::Parent => return Err(fail(Problem::BadCode(v))),
                Field::Level | Field::Depth => match v.parse::<usize>() {
                    Ok(l) if (1..=64).contains(&l) => r.level = Some(l),
                    _ if col.field == Field::Level && v.parse::<f64>().is_err() => {
                        r.level_name.set(lang, Some(v))
                    }
                    _ => return Err(fail(Problem::NotALevel(v))),
                },
                Field::Title => r.item.title.set(lang, Some(v)),
                Field::Description => r.item.description.set(lang, Some(v)),
                Field::Owner => r.item.owner.set(lang, Some(v)),
                Field::FollowUp => r.item.follow_up.set(lang, Some(v)),
                Field::Status => match status(&v) {
                    Some(s) => {
                        let f = r.follow_ups.entry(col.period.clone()).or_default();
                        f.status = Some(s);
                    }
                    None => return Err(fail(Problem::UnknownStatus(v))),
                },
                Field::Comment => {
                    let f = r.follow_ups.entry(col.period.clone()).or_default();
                    f.comment.set(lang, Some(v));
                }
                Field::Actions => {
                    let f = r.follow_ups.entry(col.period.clone()).or_default();
                    f.actions.set(lang, Some(v));
                }
                Field::RecordedBy if n <= MAX_BY_CHARS => r.by = Some(v),
                Field::RecordedBy => {
                    return Err(fail(Problem::TextTooLong {
                        chars: n,
                        limit: MAX_BY_CHARS,
                    }))
                }
                Field::RecordedAt if timestamp_ok(&v) => r.at = Some(v),
                Field::RecordedAt => return Err(fail(Problem::BadTimestamp(v))),
                Field::Ignored => {}
            }
        }
        if !any {
            continue;
        }
        if r.item.code.is_empty() {
            return Err(place.at(Some(row), Some(code_col), Problem::MissingCode));
        }
        if r.item.title.is_empty() {
            return Err(place.at(Some(row), Some(title_col), Problem::MissingTitle));
        }
        read.push(r);
    }
    if read.is_empty() {
        return Err(place.at(Some(*head_row), None, Problem::NoRows));
    }

    // The plans, in the order the sheet first names them.
    let plan_col = col_of(Field::Plan);
    let fallback_code = match opts.plan {
        Some(p) if plan_code_ok(p) => Some(p.to_owned()),
        Some(p) => return Err(place.at(None, None, Problem::BadPlanCode(p.to_owned()))),
        None => super::code_of_name(stem),
    };
    let mut groups: Vec<(String, Text, Vec<Read>)> = Vec::new();
    for r in read {
        let mut named = Text::default();
        let code = match &r.plan {
            Some(p) if plan_code_ok(p) => p.clone(),
            Some(p) => match super::code_of_name(p) {
                Some(code) => {
                    named.set(sheet_lang, Some(p.clone()));
                    code
                }
                None => {
                    return Err(place.at(Some(r.row), plan_col, Problem::BadPlanCode(p.clone())))
                }
            },
            None => match &fallback_code {
                Some(c) => c.clone(),
                None => return Err(place.at(None, None, Problem::NoPlanCode)),
            },
        };
        match groups.iter_mut().find(|(c, _, _)| *c == code) {
            Some(g) => g.2.push(r),
            None => groups.push((code, named, vec![r])),
        }
    }
    if let (Some(want), Some(_)) = (opts.plan, plan_col) {
        let plans = groups.iter().map(|g| g.0.clone()).collect();
        groups.retain(|g| g.0 == want);
        if groups.is_empty() {
            return Err(place.at(
                None,
                plan_col,
                Problem::NoSuchPlan {
                    plan: want.to_owned(),
                    plans,
                },
            ));
        }
    }
    let single = groups.len() == 1;
    let mut plans = Vec::new();
    for (code, named, rows) in groups {
        let fallback = if single {
            above
                .clone()
                .or_else(|| {
                    grid.sheet
                        .clone()
                        .filter(|s| !super::workbook::default_sheet_name(s))
                })
                .unwrap_or_else(|| stem.to_owned())
        } else {
            code.clone()
        };
        plans.push(super::plan::plan(
            code,
            named,
            rows,
            &columns,
            &place,
            (sheet_lang, fallback),
            opts,
        )?);
    }
    let doc = super::super::Document::new(plans);
    super::super::validate::document(&doc)
        .map_err(|(path, p)| place.at(None, None, Problem::Invalid(p, path.to_string())))?;
    Ok(Sheet {
        plans: doc.plans,
        sheet: grid.sheet.clone(),
        columns: columns
            .into_iter()
            .enumerate()
            .filter_map(|(c, col)| Some((letter(c), place.headers[c].clone(), col?)))
            .collect(),
    })
}
