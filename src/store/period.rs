//! Follow-up periods and their life: adding one (started from the previous
//! statuses or empty), its dates and deadline, closing it for the board,
//! reopening it, removing it. Every function is one transaction, logged.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};

use super::sql::{cols, vals};
use super::structure::Ctx;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::rules::{comparable, date_ok, period_code_ok};
use crate::domain::{Status, Text};

/// A period to append to a plan.
#[derive(Clone, Debug, Default)]
pub struct NewPeriod<'a> {
    pub plan: &'a str,
    pub code: &'a str,
    pub label: Text,
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
    pub deadline: Option<&'a str>,
    /// Start from the previous statuses: every item's current status in
    /// the last period so far is carried over (marked as such, not an
    /// assessment).
    pub carry_over: bool,
}

/// New dates of a period: `None` keeps one, `Some(None)` clears it.
#[derive(Clone, Debug, Default)]
pub struct PeriodDates<'a> {
    pub start: Option<Option<&'a str>>,
    pub end: Option<Option<&'a str>>,
    pub deadline: Option<Option<&'a str>>,
}

impl PeriodDates<'_> {
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.end.is_none() && self.deadline.is_none()
    }
}

/// `PeriodClosed` when the period `period_id` is closed: its follow-ups
/// (statuses, comments, further actions, indicator values) are frozen.
pub(super) fn ensure_open(
    tx: &Transaction<'_>,
    path: &Path,
    period_id: i64,
    plan: &str,
    code: &str,
) -> Result<()> {
    if is_closed(tx, period_id).map_err(|e| classify_at(path, e))? {
        return Err(StoreError::PeriodClosed {
            plan: plan.to_owned(),
            code: code.to_owned(),
        });
    }
    Ok(())
}

pub(super) fn is_closed(tx: &Transaction<'_>, period_id: i64) -> rusqlite::Result<bool> {
    tx.prepare_cached("SELECT closed_at IS NOT NULL FROM period WHERE id = ?1")?
        .query_row([period_id], |r| r.get(0))
        .optional()
        .map(|c| c.unwrap_or(false))
}

fn check_dates(start: Option<&str>, end: Option<&str>, deadline: Option<&str>) -> Result<()> {
    for d in [start, end, deadline].into_iter().flatten() {
        if !date_ok(d) {
            return Err(StoreError::BadDate(d.to_owned()));
        }
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            return Err(StoreError::EndsBeforeStart);
        }
    }
    Ok(())
}

impl Ctx<'_> {
    /// The period's id, by its code as typed (compared in one normal form).
    fn period_id(&self, code: &str) -> Result<i64> {
        self.tx
            .query_row(
                "SELECT id FROM period WHERE plan_id = ?1 AND code = ?2",
                params![self.plan_id, code],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.e(e))?
            .ok_or_else(|| StoreError::UnknownPeriod {
                plan: self.plan.to_owned(),
                code: code.to_owned(),
            })
    }
}

impl Store {
    /// Appends a follow-up period. With `carry_over`, every item's current
    /// status in the last period so far is copied into it, marked as carried
    /// over from that period (status only, recorded by `user` at `at`): it
    /// counts as not assessed until someone confirms or changes it. A bad
    /// code is `BadCode`, a bad date `BadDate`, an end before the start
    /// `EndsBeforeStart`.
    pub fn add_period(&mut self, p: &NewPeriod<'_>, user: &str, at: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, p.plan)?;
        if !period_code_ok(p.code) {
            return Err(StoreError::BadCode(p.code.to_owned()));
        }
        check_dates(p.start, p.end, p.deadline)?;
        super::check_text(&p.label)?;
        let codes: Vec<String> = tx
            .prepare("SELECT code FROM period WHERE plan_id = ?1")
            .and_then(|mut st| {
                st.query_map([c.plan_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| c.e(e))?;
        if codes.iter().any(|x| comparable(x) == comparable(p.code)) {
            return Err(StoreError::PeriodExists {
                plan: c.plan.to_owned(),
                code: p.code.to_owned(),
            });
        }
        let last: Option<(i64, i64, String)> = tx
            .query_row(
                "SELECT id, position, code FROM period WHERE plan_id = ?1
                 ORDER BY position DESC, id DESC LIMIT 1",
                [c.plan_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| c.e(e))?;
        let [l1, l2, l3] = vals(&p.label);
        tx.execute(
            &format!(
                "INSERT INTO period (plan_id, code, position, {}, start_date, end_date, deadline)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                cols("label")
            ),
            params![
                c.plan_id,
                p.code,
                last.as_ref().map_or(0, |(_, pos, _)| pos + 1),
                l1,
                l2,
                l3,
                p.start,
                p.end,
                p.deadline
            ],
        )
        .map_err(|e| c.e(e))?;
        let period_id = tx.last_insert_rowid();
        let log = c.log(user, at);
        log.write(&tx, None, Some(p.code), "period", None, None, Some(p.code))
            .map_err(|e| c.e(e))?;
        if let Some(d) = p.deadline {
            log.write(
                &tx,
                None,
                Some(p.code),
                "period_deadline",
                None,
                None,
                Some(d),
            )
            .map_err(|e| c.e(e))?;
        }
        if let (true, Some((last_id, _, last_code))) = (p.carry_over, last) {
            let current: Vec<(i64, String, String)> = {
                let mut st = tx
                    .prepare(
                        "SELECT a.item_id, i.code, a.status FROM assessment a
                         JOIN item i ON i.id = a.item_id
                         WHERE a.period_id = ?1 AND a.id = (
                           SELECT max(b.id) FROM assessment b
                           WHERE b.item_id = a.item_id AND b.period_id = ?1)
                         ORDER BY a.item_id",
                    )
                    .map_err(|e| c.e(e))?;
                let rows = st
                    .query_map([last_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .map_err(|e| c.e(e))?;
                rows.collect::<rusqlite::Result<_>>().map_err(|e| c.e(e))?
            };
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO assessment (item_id, period_id, status, author, recorded_at,
                                             carried_from)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(|e| c.e(e))?;
            for (item_id, item, status) in &current {
                if status == Status::NotAssessed.key() {
                    continue;
                }
                st.execute(params![item_id, period_id, status, user, at, last_code])
                    .map_err(|e| c.e(e))?;
                log.write(
                    &tx,
                    Some(item),
                    Some(p.code),
                    "carried_from",
                    None,
                    None,
                    Some(&last_code),
                )
                .map_err(|e| c.e(e))?;
            }
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        // A round begun writes a status for every item: the next start
        // finds its summary kept.
        self.keep_opening_summary(p.plan, at);
        Ok(())
    }

    /// How many follow-ups (statuses with their comments, one per item) and
    /// indicator values a period holds: what removing it would take away.
    pub fn period_contents(&self, plan: &str, code: &str) -> Result<(usize, usize)> {
        let plan_id = self.plan_id(plan)?;
        let id: i64 = self
            .conn
            .query_row(
                "SELECT id FROM period WHERE plan_id = ?1 AND code = ?2",
                params![plan_id, code],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.classify(e))?
            .ok_or_else(|| StoreError::UnknownPeriod {
                plan: plan.to_owned(),
                code: code.to_owned(),
            })?;
        self.conn
            .query_row(
                "SELECT (SELECT count(DISTINCT item_id) FROM assessment WHERE period_id = ?1),
                        (SELECT count(*) FROM indicator_value WHERE period_id = ?1)",
                [id],
                |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
            )
            .map_err(|e| self.classify(e))
    }

    /// Changes a period's first day, last day or deadline (each logged).
    pub fn set_period_dates(
        &mut self,
        plan: &str,
        code: &str,
        d: &PeriodDates<'_>,
        user: &str,
        at: &str,
    ) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let id = c.period_id(code)?;
        let (start, end, deadline): (Option<String>, Option<String>, Option<String>) = tx
            .query_row(
                "SELECT start_date, end_date, deadline FROM period WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| c.e(e))?;
        let new_start = d.start.unwrap_or(start.as_deref());
        let new_end = d.end.unwrap_or(end.as_deref());
        let new_deadline = d.deadline.unwrap_or(deadline.as_deref());
        check_dates(new_start, new_end, new_deadline)?;
        tx.execute(
            "UPDATE period SET start_date = ?1, end_date = ?2, deadline = ?3 WHERE id = ?4",
            params![new_start, new_end, new_deadline, id],
        )
        .map_err(|e| c.e(e))?;
        let log = c.log(user, at);
        for (field, old, new) in [
            ("period_start", start.as_deref(), new_start),
            ("period_end", end.as_deref(), new_end),
            ("period_deadline", deadline.as_deref(), new_deadline),
        ] {
            if old != new {
                log.write(&tx, None, Some(code), field, None, old, new)
                    .map_err(|e| c.e(e))?;
            }
        }
        tx.commit().map_err(|e| classify_at(&path, e))
    }

    /// Closes a period (`close`) or reopens it. Returns whether anything
    /// changed: closing a closed period or reopening an open one does
    /// nothing.
    pub fn set_period_closed(
        &mut self,
        plan: &str,
        code: &str,
        close: bool,
        user: &str,
        at: &str,
    ) -> Result<bool> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let id = c.period_id(code)?;
        if is_closed(&tx, id).map_err(|e| c.e(e))? == close {
            return Ok(false);
        }
        let (closed_at, closed_by) = if close {
            (Some(at), Some(user))
        } else {
            (None, None)
        };
        tx.execute(
            "UPDATE period SET closed_at = ?1, closed_by = ?2 WHERE id = ?3",
            params![closed_at, closed_by, id],
        )
        .map_err(|e| c.e(e))?;
        let (old, new) = if close {
            ("open", "closed")
        } else {
            ("closed", "open")
        };
        c.log(user, at)
            .write(
                &tx,
                None,
                Some(code),
                "period_state",
                None,
                Some(old),
                Some(new),
            )
            .map_err(|e| c.e(e))?;
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(true)
    }

    /// Removes a period with everything recorded in it. One that holds
    /// follow-ups or indicator values is refused with `PeriodHasFollowUps`
    /// unless `force`; a closed one is refused with `PeriodClosed` (reopen
    /// it first).
    pub fn remove_period(
        &mut self,
        plan: &str,
        code: &str,
        force: bool,
        user: &str,
        at: &str,
    ) -> Result<()> {
        let (follow_ups, values) = self.period_contents(plan, code)?;
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let id = c.period_id(code)?;
        ensure_open(&tx, &path, id, plan, code)?;
        if follow_ups + values > 0 && !force {
            return Err(StoreError::PeriodHasFollowUps {
                plan: plan.to_owned(),
                code: code.to_owned(),
                count: follow_ups,
            });
        }
        tx.execute("DELETE FROM period WHERE id = ?1", [id])
            .map_err(|e| c.e(e))?;
        c.log(user, at)
            .write(
                &tx,
                None,
                Some(code),
                "period_remove",
                None,
                Some(code),
                None,
            )
            .map_err(|e| c.e(e))?;
        tx.commit().map_err(|e| classify_at(&path, e))
    }
}
