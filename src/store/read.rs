//! Reads: the list of plans, a whole plan, the change log.

use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

use super::sql::{cols, text};
use super::{Result, Store, StoreError};
use crate::domain::{
    Assessment, Control, Direction, Indicator, IndicatorValue, Item, Lang, Period, Plan, Risk,
    Status, Text,
};

/// One line of `strata plans`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanSummary {
    pub code: String,
    pub title: Text,
    pub example: bool,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub items: usize,
    pub periods: Vec<Period>,
}

pub use crate::domain::change::ChangeRow;

/// The rows a read of a plan's items covers, from `table` whose item
/// column is `col`: every item of the plan (through the item's plan, `?1`
/// the plan's id), or only the items `ids` (`?1` their ids as one array,
/// found by the table's index of items, without a join). Returns the
/// `FROM … WHERE …` and the value of `?1`, so that the statement is the
/// same for any ids and is prepared once.
pub(super) fn scope(
    table: &str,
    col: &str,
    plan_id: i64,
    ids: Option<&[i64]>,
) -> (String, Box<dyn rusqlite::ToSql>) {
    match ids {
        None => (
            format!("{table} JOIN item i ON i.id = {col} WHERE i.plan_id = ?1"),
            Box::new(plan_id),
        ),
        Some(ids) => (
            format!("{table} WHERE {col} IN rarray(?1)"),
            Box::new(id_array(ids)),
        ),
    }
}

/// Ids as one value for `rarray(?)`.
pub(super) fn id_array(ids: &[i64]) -> rusqlite::vtab::array::Array {
    std::rc::Rc::new(
        ids.iter()
            .copied()
            .map(rusqlite::types::Value::from)
            .collect(),
    )
}

/// The id of the period coded `code` among a plan's periods.
pub(super) fn period_id(periods: &HashMap<i64, String>, code: Option<&str>) -> Option<i64> {
    code.and_then(|p| periods.iter().find(|(_, c)| c.as_str() == p))
        .map(|(id, _)| *id)
}

/// The follow-ups of `other`, the same items read for another period,
/// added to each item of `items`.
fn add_follow_ups(items: &mut [Item], other: Vec<Item>) {
    for (it, o) in items.iter_mut().zip(other) {
        debug_assert_eq!(it.code, o.code, "one snapshot, one tree");
        it.assessments.extend(o.assessments);
        add_follow_ups(&mut it.children, o.children);
    }
}

/// Which follow-ups a load brings.
#[derive(Clone, Copy, Debug)]
enum Scope<'a> {
    /// Every assessment of every period: export, show, status.
    All,
    /// Only those of one period (none for `None`): what the app shows; an
    /// item's history is read on its own with [`Store::item_history`].
    Period(Option<&'a str>),
}

/// The period a follow-up goes to when none is named, by the domain's rule
/// ([`crate::domain::plan::default_period_index`]) on the plan's periods as
/// stored: the latest that has any assessment; else the latest that has
/// started by `today`; else the first.
pub(super) fn default_period_of(
    tx: &rusqlite::Connection,
    plan_id: i64,
    today: &str,
) -> rusqlite::Result<Option<(i64, String)>> {
    let mut st = tx.prepare_cached(
        "SELECT p.id, p.code, p.start_date,
                EXISTS (SELECT 1 FROM assessment a WHERE a.period_id = p.id)
         FROM period p WHERE p.plan_id = ?1 ORDER BY p.position, p.id",
    )?;
    let periods: Vec<(i64, String, Option<String>, bool)> = st
        .query_map([plan_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let i = crate::domain::plan::default_period_index(
        periods.iter().map(|p| (p.2.as_deref(), p.3)),
        today,
    );
    Ok(i.map(|i| (periods[i].0, periods[i].1.clone())))
}

impl Store {
    pub(super) fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| self.classify(e)
    }

    pub fn plan_codes(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT code FROM plan ORDER BY position, id")
            .map_err(self.err())?;
        let rows = st.query_map([], |r| r.get(0)).map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    pub fn plans(&self) -> Result<Vec<PlanSummary>> {
        let sql = format!(
            "SELECT id, code, {}, example, start_year, end_year, item_count
             FROM plan ORDER BY position, id",
            cols("title")
        );
        let mut st = self.conn.prepare(&sql).map_err(self.err())?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    PlanSummary {
                        code: r.get(1)?,
                        title: text(r, 2)?,
                        example: r.get(5)?,
                        start_year: r.get(6)?,
                        end_year: r.get(7)?,
                        items: r.get::<_, i64>(8)? as usize,
                        periods: Vec::new(),
                    },
                ))
            })
            .map_err(self.err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err())?;
        rows.into_iter()
            .map(|(id, mut s)| {
                s.periods = self.periods(id)?;
                Ok(s)
            })
            .collect()
    }

    pub(super) fn plan_id(&self, code: &str) -> Result<i64> {
        self.conn
            .query_row("SELECT id FROM plan WHERE code = ?1", [code], |r| r.get(0))
            .optional()
            .map_err(self.err())?
            .ok_or_else(|| StoreError::UnknownPlan(code.to_owned()))
    }

    fn periods(&self, plan_id: i64) -> Result<Vec<Period>> {
        let sql = format!(
            "SELECT code, {}, start_date, end_date, deadline, closed_at, closed_by FROM period
             WHERE plan_id = ?1 ORDER BY position, id",
            cols("label")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st
            .query_map([plan_id], |r| {
                Ok(Period {
                    code: r.get(0)?,
                    label: text(r, 1)?,
                    start: r.get(4)?,
                    end: r.get(5)?,
                    deadline: r.get(6)?,
                    closed: closed(r.get(7)?, r.get(8)?),
                })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    /// Runs the reads of `f` on one consistent snapshot of the file: one
    /// read transaction, so that another strata committing meanwhile (an
    /// import replacing a plan, a colleague's save) is seen entirely or not
    /// at all, never the old plan's title with the new plan's items. Inside
    /// a transaction already open (a write reading through the store's own
    /// reads, or a snapshot around a snapshot) `f` just runs in it.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(self.err())?;
        let out = f(self);
        // A read transaction has nothing to keep: ending it cannot lose data.
        let end = self
            .conn
            .execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let out = out?;
        end.map_err(self.err())?;
        Ok(out)
    }

    /// Every plan, completely, in their order, from one snapshot.
    pub fn load_all(&self) -> Result<Vec<Plan>> {
        self.snapshot(|s| s.plan_codes()?.iter().map(|c| s.load_plan(c)).collect())
    }

    /// One plan, completely: what export writes and what status and show
    /// read, from one snapshot.
    pub fn load_plan(&self, code: &str) -> Result<Plan> {
        self.snapshot(|s| s.load_plan_scoped(code, Scope::All))
    }

    /// One plan with the follow-ups of one period only: everything the app
    /// shows at once, at a tenth of the cost for a plan with ten periods.
    pub fn load_plan_in(&self, code: &str, period: Option<&str>) -> Result<Plan> {
        self.snapshot(|s| s.load_plan_scoped(code, Scope::Period(period)))
    }

    /// One plan with the follow-ups of the periods `periods` only (what a
    /// comparison of two periods reads): one read of each period's, in one
    /// snapshot, never the plan's whole history.
    pub fn load_plan_of_periods(&self, code: &str, periods: &[&str]) -> Result<Plan> {
        self.snapshot(|s| {
            let mut plan = s.load_plan_scoped(code, Scope::Period(periods.first().copied()))?;
            for (i, p) in periods.iter().enumerate().skip(1) {
                if periods[..i].contains(p) {
                    continue;
                }
                let other = s.load_plan_scoped(code, Scope::Period(Some(p)))?;
                add_follow_ups(&mut plan.items, other.items);
            }
            Ok(plan)
        })
    }

    /// The period a plan is shown in when none is chosen: the latest with any
    /// follow-up, else the latest that has started by `today`, else the first.
    pub fn default_period(&self, code: &str, today: &str) -> Result<Option<String>> {
        let id = self.plan_id(code)?;
        default_period_of(&self.conn, id, today)
            .map(|p| p.map(|(_, c)| c))
            .map_err(self.err())
    }

    /// The place of item `item` of plan `code` among its siblings (0: the
    /// first), as a tree orders them.
    pub fn index_among_siblings(&self, code: &str, item: &str) -> Result<usize> {
        let id = self.item_id(code, item)?;
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM item i JOIN item s ON s.plan_id = i.plan_id
                   AND s.parent_id IS i.parent_id
                   AND (s.position < i.position OR (s.position = i.position AND s.id < i.id))
                 WHERE i.id = ?1",
            )
            .map_err(self.err())?
            .query_row([id], |r| r.get(0))
            .map_err(self.err())?;
        Ok(n as usize)
    }

    /// The codes of what leads to item `item` of plan `code`, from its
    /// top-level item down to its parent.
    pub fn item_path(&self, code: &str, item: &str) -> Result<Vec<String>> {
        self.snapshot(|s| {
            let id = s.item_id(code, item)?;
            let mut path = Vec::new();
            for a in super::summary::ancestors(&s.conn, id).map_err(s.err())? {
                path.push(s.code_of(a)?);
            }
            path.reverse();
            Ok(path)
        })
    }

    /// The code of the item with id `id`.
    pub(super) fn code_of(&self, id: i64) -> Result<String> {
        self.conn
            .prepare_cached("SELECT code FROM item WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .map_err(self.err())
    }

    /// Every follow-up of one item, oldest first.
    pub fn item_history(&self, plan: &str, item: &str) -> Result<Vec<Assessment>> {
        let sql = format!(
            "SELECT pe.code, a.status, {}, {}, a.author, a.recorded_at, a.carried_from
             FROM assessment a JOIN item i ON i.id = a.item_id
             JOIN plan p ON p.id = i.plan_id JOIN period pe ON pe.id = a.period_id
             WHERE p.code = ?1 AND i.code = ?2 ORDER BY a.id",
            cols("a.comment"),
            cols("a.actions")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st
            .query_map(params![plan, item], |r| {
                let status: String = r.get(1)?;
                Ok(Assessment {
                    period: r.get(0)?,
                    status: Status::parse(&status).unwrap_or(Status::NotAssessed),
                    comment: text(r, 2)?,
                    actions: text(r, 5)?,
                    by: r.get(8)?,
                    at: r.get(9)?,
                    carried_from: r.get(10)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    fn load_plan_scoped(&self, code: &str, scope: Scope<'_>) -> Result<Plan> {
        let id = self.plan_id(code)?;
        let (mut plan, period_code) = self.plan_head(id)?;
        let only = match scope {
            Scope::All => None,
            Scope::Period(p) => Some(period_id(&period_code, p)),
        };
        plan.items = self.load_items(id, &period_code, only, None)?;
        Ok(plan)
    }

    /// A plan without its items, and the code of each of its periods by id.
    pub(super) fn plan_head(&self, id: i64) -> Result<(Plan, HashMap<i64, String>)> {
        let sql = format!(
            "SELECT code, {}, {}, {}, source_language, start_year, end_year, example
             FROM plan WHERE id = ?1",
            cols("title"),
            cols("description"),
            cols("organisation")
        );
        let mut plan = self
            .conn
            .query_row(&sql, [id], |r| {
                Ok(Plan {
                    code: r.get(0)?,
                    title: text(r, 1)?,
                    description: text(r, 4)?,
                    organisation: text(r, 7)?,
                    source_language: r
                        .get::<_, Option<String>>(10)?
                        .and_then(|s| Lang::parse(&s)),
                    start_year: r.get(11)?,
                    end_year: r.get(12)?,
                    example: r.get(13)?,
                    ..Plan::default()
                })
            })
            .map_err(self.err())?;

        let sql = format!(
            "SELECT {} FROM plan_level WHERE plan_id = ?1 ORDER BY depth",
            cols("name")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        plan.levels = st
            .query_map([id], |r| text(r, 0))
            .map_err(self.err())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.err())?;

        let sql = format!(
            "SELECT status, {} FROM status_label WHERE plan_id = ?1",
            cols("label")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let labels = st
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, text(r, 1)?)))
            .map_err(self.err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err())?;
        for (s, t) in labels.into_iter().filter(|(_, t)| !t.is_empty()) {
            if let Some(s) = Status::parse(&s) {
                plan.status_labels.insert(s, t);
            }
        }

        plan.periods = self.periods(id)?;
        let period_code = self.period_codes(id)?;
        Ok((plan, period_code))
    }

    /// The code of each period of a plan, by its id.
    /// The row id of item `code` of `plan`; `UnknownItem` when it has none.
    pub(super) fn item_id(&self, plan: &str, code: &str) -> Result<i64> {
        let plan_id = self.plan_id(plan)?;
        self.conn
            .query_row(
                "SELECT id FROM item WHERE plan_id = ?1 AND code = ?2",
                params![plan_id, code],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?
            .ok_or_else(|| StoreError::UnknownItem {
                plan: plan.to_owned(),
                code: code.to_owned(),
            })
    }

    pub(super) fn period_codes(&self, plan_id: i64) -> Result<HashMap<i64, String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, code FROM period WHERE plan_id = ?1")
            .map_err(self.err())?;
        let rows = st
            .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    /// The items of a plan as a tree, with everything attached to them.
    fn load_items(
        &self,
        plan_id: i64,
        periods: &HashMap<i64, String>,
        only: Option<Option<i64>>,
        ids: Option<&[i64]>,
    ) -> Result<Vec<Item>> {
        let rows = self.item_rows(plan_id, periods, only, ids)?;
        Ok(super::part::nest(rows))
    }

    /// The items of a plan (or the items `ids` of it), each with its id and
    /// its parent's, with the follow-ups of `only` period (`None`: all; `Some(None)`:
    /// none) and everything else attached to it but its children, in their
    /// order.
    pub(super) fn item_rows(
        &self,
        plan_id: i64,
        periods: &HashMap<i64, String>,
        only: Option<Option<i64>>,
        ids: Option<&[i64]>,
    ) -> Result<Vec<(i64, Option<i64>, Item)>> {
        let (rows_of, arg): (&str, Box<dyn rusqlite::ToSql>) = match ids {
            None => ("plan_id = ?1", Box::new(plan_id)),
            Some(ids) => ("id IN rarray(?1)", Box::new(id_array(ids))),
        };
        let sql = format!(
            "SELECT id, parent_id, code, {}, {}, {}, {}, {} FROM item
             WHERE {rows_of} ORDER BY position, id",
            cols("level"),
            cols("title"),
            cols("description"),
            cols("owner"),
            cols("follow_up"),
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st
            .query_map([&arg], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    Item {
                        code: r.get(2)?,
                        level: text(r, 3)?,
                        title: text(r, 6)?,
                        description: text(r, 9)?,
                        owner: text(r, 12)?,
                        follow_up: text(r, 15)?,
                        ..Item::default()
                    },
                ))
            })
            .map_err(self.err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err())?;

        let mut assessments = match only {
            None => self.assessments(plan_id, periods, None, ids)?,
            Some(None) => HashMap::new(),
            Some(Some(p)) => self.assessments(plan_id, periods, Some(p), ids)?,
        };
        let mut indicators = self.indicators(plan_id, periods, ids)?;
        let mut risks = self.risks(plan_id, ids)?;
        let mut contacts = self.item_contacts(plan_id, ids)?;

        Ok(rows
            .into_iter()
            .map(|(id, parent, mut item)| {
                item.assessments = assessments.remove(&id).unwrap_or_default();
                item.indicators = indicators.remove(&id).unwrap_or_default();
                item.risk = risks.remove(&id);
                item.contacts = contacts.remove(&id).unwrap_or_default();
                (id, parent, item)
            })
            .collect())
    }

    fn assessments(
        &self,
        plan_id: i64,
        periods: &HashMap<i64, String>,
        only: Option<i64>,
        ids: Option<&[i64]>,
    ) -> Result<HashMap<i64, Vec<Assessment>>> {
        // Two statements, so that the one-period read uses its index.
        let filter = match only {
            // By period and item: both indexes of the follow-ups have them.
            Some(_) => "a.period_id = ?2".to_owned(),
            None => "?2 IS NULL".to_owned(),
        };
        let (rows_of, arg) = scope("assessment a", "a.item_id", plan_id, ids);
        let sql = format!(
            "SELECT a.item_id, a.period_id, a.status, {}, {}, a.author, a.recorded_at,
                    a.carried_from
             FROM {rows_of} AND {filter} ORDER BY a.id",
            cols("a.comment"),
            cols("a.actions"),
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let mut out: HashMap<i64, Vec<Assessment>> = HashMap::new();
        let mut rows = st.query(params![arg, only]).map_err(self.err())?;
        while let Some(r) = rows.next().map_err(self.err())? {
            let read = || -> rusqlite::Result<(i64, Assessment)> {
                let period_id: i64 = r.get(1)?;
                let status: String = r.get(2)?;
                Ok((
                    r.get(0)?,
                    Assessment {
                        period: periods.get(&period_id).cloned().unwrap_or_default(),
                        status: Status::parse(&status).unwrap_or(Status::NotAssessed),
                        comment: text(r, 3)?,
                        actions: text(r, 6)?,
                        by: r.get(9)?,
                        at: r.get(10)?,
                        carried_from: r.get(11)?,
                    },
                ))
            };
            let (item, a) = read().map_err(self.err())?;
            out.entry(item).or_default().push(a);
        }
        Ok(out)
    }

    pub(super) fn indicators(
        &self,
        plan_id: i64,
        periods: &HashMap<i64, String>,
        ids: Option<&[i64]>,
    ) -> Result<HashMap<i64, Vec<Indicator>>> {
        let (rows_of, arg) = scope("indicator n", "n.item_id", plan_id, ids);
        let sql = format!(
            "SELECT n.id, n.item_id, {}, {}, {}, {}, n.direction, n.green, n.yellow, n.decimals,
                    n.series
             FROM {rows_of} ORDER BY n.item_id, n.position, n.id",
            cols("n.name"),
            cols("n.description"),
            cols("n.unit"),
            cols("n.source"),
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let list = st
            .query_map([&arg], |r| {
                let dir: String = r.get(14)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    Indicator {
                        name: text(r, 2)?,
                        description: text(r, 5)?,
                        unit: text(r, 8)?,
                        source: text(r, 11)?,
                        direction: if dir == "lower" {
                            Direction::Lower
                        } else {
                            Direction::Higher
                        },
                        green: r.get(15)?,
                        yellow: r.get(16)?,
                        decimals: r.get(17)?,
                        series: r
                            .get::<_, Option<String>>(18)?
                            .and_then(|s| crate::domain::Series::parse(&s).ok()),
                        values: Vec::new(),
                    },
                ))
            })
            .map_err(self.err())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err())?;

        let sql = format!(
            "SELECT v.indicator_id, v.period_id, v.value, {}, {}
             FROM indicator_value v JOIN period p ON p.id = v.period_id
             WHERE p.plan_id = ?1{} ORDER BY v.indicator_id, p.position, p.id",
            cols("v.note"),
            super::provenance::columns("v."),
            match ids {
                None => " AND ?2 IS NULL",
                Some(_) =>
                    " AND v.indicator_id IN (SELECT id FROM indicator WHERE item_id IN rarray(?2))",
            }
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let mut values: HashMap<i64, Vec<IndicatorValue>> = HashMap::new();
        let rows = st
            .query_map(params![plan_id, ids.map(id_array)], |r| {
                let period_id: i64 = r.get(1)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    IndicatorValue {
                        period: periods.get(&period_id).cloned().unwrap_or_default(),
                        value: r.get(2)?,
                        note: text(r, 3)?,
                        fetched: super::provenance::row(r, 6)?,
                    },
                ))
            })
            .map_err(self.err())?;
        for row in rows {
            let (id, v) = row.map_err(self.err())?;
            values.entry(id).or_default().push(v);
        }

        let mut out: HashMap<i64, Vec<Indicator>> = HashMap::new();
        for (id, item, mut ind) in list {
            ind.values = values.remove(&id).unwrap_or_default();
            out.entry(item).or_default().push(ind);
        }
        Ok(out)
    }

    pub(super) fn risks(&self, plan_id: i64, ids: Option<&[i64]>) -> Result<HashMap<i64, Risk>> {
        let (rows_of, arg) = scope("risk r", "r.item_id", plan_id, ids);
        let sql = format!("SELECT r.item_id, r.probability, r.consequence FROM {rows_of}");
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let mut out: HashMap<i64, Risk> = st
            .query_map([&arg], |r| {
                Ok((
                    r.get(0)?,
                    Risk {
                        probability: r.get(1)?,
                        consequence: r.get(2)?,
                        controls: Vec::new(),
                    },
                ))
            })
            .map_err(self.err())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.err())?;
        let (rows_of, arg) = scope("control c", "c.item_id", plan_id, ids);
        let sql = format!(
            "SELECT c.item_id, {}, {}, {}, {}, {}
             FROM {rows_of} ORDER BY c.item_id, c.position, c.id",
            cols("c.what"),
            cols("c.how"),
            cols("c.frequency"),
            cols("c.performer"),
            cols("c.responsible"),
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(self.err())?;
        let rows = st
            .query_map([&arg], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Control {
                        what: text(r, 1)?,
                        how: text(r, 4)?,
                        frequency: text(r, 7)?,
                        performer: text(r, 10)?,
                        responsible: text(r, 13)?,
                    },
                ))
            })
            .map_err(self.err())?;
        for row in rows {
            let (item, c) = row.map_err(self.err())?;
            if let Some(r) = out.get_mut(&item) {
                r.controls.push(c);
            }
        }
        Ok(out)
    }

    /// The change log of a plan, or of one item in it, newest first.
    pub fn changes(&self, plan: &str, item: Option<&str>, limit: usize) -> Result<Vec<ChangeRow>> {
        self.changes_since(plan, item, None, limit)
    }

    /// As [`Store::changes`], only those at or after `since` (a date
    /// `YYYY-MM-DD` or a time `YYYY-MM-DDTHH:MM:SSZ`).
    pub fn changes_since(
        &self,
        plan: &str,
        item: Option<&str>,
        since: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ChangeRow>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT at, user, plan_code, item_code, period_code, field, lang, old, new
                 FROM change_log
                 WHERE plan_code = ?1 AND (?2 IS NULL OR item_code = ?2)
                   AND (?4 IS NULL OR at >= ?4)
                 ORDER BY id DESC LIMIT ?3",
            )
            .map_err(self.err())?;
        let rows = st
            .query_map(params![plan, item, limit as i64, since], |r| {
                Ok(ChangeRow {
                    at: r.get(0)?,
                    user: r.get(1)?,
                    plan: r.get(2)?,
                    item: r.get(3)?,
                    period: r.get(4)?,
                    field: r.get(5)?,
                    lang: r.get::<_, Option<String>>(6)?.and_then(|s| Lang::parse(&s)),
                    old: r.get(7)?,
                    new: r.get(8)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }
}

/// A period's closing as stored: both columns or none.
pub(super) fn closed(at: Option<String>, by: Option<String>) -> Option<crate::domain::Closed> {
    at.map(|at| crate::domain::Closed {
        at,
        by: by.unwrap_or_default(),
    })
}
