//! The stored summary of a plan's roll-ups per period (schema 7): what lets
//! a tree's first screen read the items it shows and nothing else.
//!
//! A summary is stamped with the plan's `outline_gen`, which triggers move
//! on every change that can move a roll-up; it is used only while the stamp
//! is current. A stale or missing one is computed from the outline (every
//! item's place and current status, the cost the summary saves) and kept
//! for the next reader when the file can be written. A write of one item's
//! follow-up keeps it current in its own transaction ([`FollowUpChange`]).

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{Result, Store, WAIT};
use crate::domain::outline::Current;
use crate::domain::{Counts, Roll, Status, Summary};

/// A plan's summary in one period, with the generation it is true at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stamped {
    pub summary: Summary,
    /// The plan and the period it summarises, by the store's ids.
    pub plan_id: i64,
    pub period_id: i64,
    /// The plan's `outline_gen` it was read or computed at.
    pub gen: i64,
    /// It was read from the store (else computed, and worth keeping).
    pub stored: bool,
}

/// The counts' columns, in the order of [`Status::ALL`], then `carried`.
const COUNTS: &str = "not_assessed, on_track, at_risk, off_track, done, carried";

/// Counts from six columns of a row from `from` on (in [`COUNTS`] order).
fn counts(r: &rusqlite::Row, from: usize) -> rusqlite::Result<Counts> {
    let mut by = [0usize; 5];
    for (i, b) in by.iter_mut().enumerate() {
        *b = r.get::<_, i64>(from + i)? as usize;
    }
    Ok(Counts::of(by, r.get::<_, i64>(from + 5)? as usize))
}

/// Counts as the values of the six columns of [`COUNTS`].
fn count_values(c: &Counts) -> [i64; 6] {
    let b = c.by_status();
    [b[0], b[1], b[2], b[3], b[4], c.carried].map(|n| n as i64)
}

/// A roll-up from `rollup, effective, COUNTS…` of a row, from `from` on;
/// `None` where the row has none (a left join found no roll-up).
fn roll(r: &rusqlite::Row, from: usize) -> rusqlite::Result<Option<Roll>> {
    let Some(rollup) = r.get::<_, Option<String>>(from)? else {
        return Ok(None);
    };
    Ok(Some(Roll {
        rollup: status(&rollup),
        effective: status(&r.get::<_, String>(from + 1)?),
        below: counts(r, from + 2)?,
    }))
}

fn status(s: &str) -> Status {
    Status::parse(s).unwrap_or(Status::NotAssessed)
}

impl Store {
    /// After a write of many rows at once (an import, a round begun from
    /// the previous statuses): computes and keeps the summary of plan
    /// `code` in the period it opens in as of `at`, so that the next start
    /// does not compute it. Best effort, as [`Store::keep_summary`].
    pub(super) fn keep_opening_summary(&mut self, code: &str, at: &str) {
        let today = at.get(..10).unwrap_or(at);
        let read = self.snapshot(|s| {
            let Some(period) = s.default_period(code, today)? else {
                return Ok(None);
            };
            let id = s.plan_id(code)?;
            let periods = s.period_codes(id)?;
            match super::read::period_id(&periods, Some(&period)) {
                Some(pid) => s.summary_in(id, pid).map(Some),
                None => Ok(None),
            }
        });
        if let Ok(Some(stamped)) = read {
            self.keep_summary(&stamped);
        }
    }

    /// The summary of plan `plan_id` in period `period_id`: the stored one
    /// while it is current, else computed from the outline. Run it inside a
    /// snapshot with the other reads it goes with.
    pub(super) fn summary_in(&self, plan_id: i64, period_id: i64) -> Result<Stamped> {
        let gen = generation(&self.conn, plan_id).map_err(self.err())?;
        let stamp: Option<(i64, Counts)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT gen, {COUNTS} FROM rollup_period WHERE period_id = ?1"
            ))
            .and_then(|mut st| {
                st.query_row([period_id], |r| Ok((r.get(0)?, counts(r, 1)?)))
                    .optional()
            })
            .map_err(self.err())?;
        let summary = match stamp.filter(|(s, _)| *s == gen) {
            Some((_, total)) => {
                let mut st = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT item_id, rollup, effective, {COUNTS} FROM rollup_item
                         WHERE period_id = ?1"
                    ))
                    .map_err(self.err())?;
                let mut items = HashMap::new();
                let rows = st
                    .query_map([period_id], |r| Ok((r.get::<_, i64>(0)?, roll(r, 1)?)))
                    .map_err(self.err())?;
                for row in rows {
                    if let (id, Some(roll)) = row.map_err(self.err())? {
                        items.insert(id, roll);
                    }
                }
                Some(Summary { items, total })
            }
            None => None,
        };
        let stored = summary.is_some();
        let summary = match summary {
            Some(s) => s,
            None => {
                let (outline, ids) = self.outline(plan_id, Some(period_id))?;
                Summary::of_outline(&outline, &ids)
            }
        };
        Ok(Stamped {
            summary,
            plan_id,
            period_id,
            gen,
            stored,
        })
    }

    /// Keeps a summary computed by [`Store::summary_in`] for the next
    /// reader, if its plan has not changed since and the file can be
    /// written now. A busy or read-only file is left as it is: keeping it
    /// only saves the next reader time.
    pub fn keep_summary(&mut self, s: &Stamped) {
        if s.stored || self.check_writable().is_err() {
            return;
        }
        // A busy file is not waited for.
        WAIT.with(|w| w.set((std::time::Duration::ZERO, None)));
        let Ok(tx) = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        ) else {
            return;
        };
        let write = || -> rusqlite::Result<bool> {
            let gen: Option<i64> = tx
                .query_row(
                    "SELECT p.outline_gen FROM plan p JOIN period r ON r.plan_id = p.id
                     WHERE p.id = ?1 AND r.id = ?2",
                    [s.plan_id, s.period_id],
                    |r| r.get(0),
                )
                .optional()?;
            if gen != Some(s.gen) {
                return Ok(false);
            }
            tx.execute(
                "DELETE FROM rollup_period WHERE period_id = ?1",
                [s.period_id],
            )?;
            let [n1, n2, n3, n4, n5, n6] = count_values(&s.summary.total);
            tx.execute(
                &format!(
                    "INSERT INTO rollup_period (period_id, gen, {COUNTS})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![s.period_id, s.gen, n1, n2, n3, n4, n5, n6],
            )?;
            for (id, r) in &s.summary.items {
                put_roll(&tx, s.period_id, *id, r)?;
            }
            Ok(true)
        };
        match write() {
            Ok(true) => {
                let _ = tx.commit();
            }
            _ => {
                let _ = tx.rollback();
            }
        }
    }
}

/// A change to the follow-ups of one item in one period, inside a write's
/// transaction: begun before the change, done after it, it keeps the
/// plan's summary in the period current (see [`FollowUpChange::done`]).
/// Every write of one item's follow-ups goes through it: a status, a
/// comment or further actions, an undo or redo of either.
pub(super) struct FollowUpChange {
    plan_id: i64,
    period_id: i64,
    item_id: i64,
    /// The plan's generation before the change.
    gen_before: i64,
}

impl FollowUpChange {
    pub(super) fn begin(
        tx: &rusqlite::Connection,
        item_id: i64,
        period_id: i64,
    ) -> rusqlite::Result<FollowUpChange> {
        let plan_id: i64 = tx
            .prepare_cached("SELECT plan_id FROM item WHERE id = ?1")?
            .query_row([item_id], |r| r.get(0))?;
        Ok(FollowUpChange {
            plan_id,
            period_id,
            item_id,
            gen_before: generation(tx, plan_id)?,
        })
    }

    /// After the change: the roll-ups of the item's ancestors and the
    /// plan's total are made again from their children (a few indexed
    /// reads), and the stamp moves to the generation the change has made.
    /// A summary that was not current before the change is left stale.
    pub(super) fn done(self, tx: &rusqlite::Connection) -> rusqlite::Result<()> {
        let FollowUpChange {
            plan_id,
            period_id,
            item_id,
            gen_before,
        } = self;
        let stamp: Option<i64> = tx
            .query_row(
                "SELECT gen FROM rollup_period WHERE period_id = ?1",
                [period_id],
                |r| r.get(0),
            )
            .optional()?;
        if stamp != Some(gen_before) {
            return Ok(());
        }
        for a in ancestors(tx, item_id)? {
            let own = current(tx, a, period_id)?;
            let roll = Roll::of(own, children_state(tx, plan_id, period_id, Some(a))?);
            put_roll(tx, period_id, a, &roll)?;
        }
        let mut total = Counts::default();
        for (current, roll) in children_state(tx, plan_id, period_id, None)? {
            total.merge(&crate::domain::summary::with_self(current, roll.as_ref()));
        }
        let [n1, n2, n3, n4, n5, n6] = count_values(&total);
        tx.execute(
            "UPDATE rollup_period SET gen = ?2, not_assessed = ?3, on_track = ?4, at_risk = ?5,
                    off_track = ?6, done = ?7, carried = ?8
             WHERE period_id = ?1",
            params![period_id, generation(tx, plan_id)?, n1, n2, n3, n4, n5, n6],
        )?;
        Ok(())
    }
}

/// The current follow-up of one item in a period: its last.
fn current(
    tx: &rusqlite::Connection,
    item_id: i64,
    period_id: i64,
) -> rusqlite::Result<Option<Current>> {
    tx.prepare_cached(
        "SELECT status, carried_from IS NOT NULL FROM assessment
         WHERE item_id = ?1 AND period_id = ?2 ORDER BY id DESC LIMIT 1",
    )?
    .query_row([item_id, period_id], |r| {
        Ok(Current {
            status: status(&r.get::<_, String>(0)?),
            carried: r.get(1)?,
        })
    })
    .optional()
}

/// Each child of `parent` (`None`: each top-level item): its current
/// follow-up in the period and, if it has children, its roll-up as kept.
type ChildState = (Option<Current>, Option<Roll>);

fn children_state(
    tx: &rusqlite::Connection,
    plan_id: i64,
    period_id: i64,
    parent: Option<i64>,
) -> rusqlite::Result<Vec<ChildState>> {
    let mut st = tx.prepare_cached(
        "SELECT i.id, r.rollup, r.effective, r.not_assessed, r.on_track, r.at_risk,
                r.off_track, r.done, r.carried
         FROM item i LEFT JOIN rollup_item r ON r.period_id = ?2 AND r.item_id = i.id
         WHERE i.plan_id = ?1 AND i.parent_id IS ?3",
    )?;
    let rows = st
        .query_map(params![plan_id, period_id, parent], |r| {
            Ok((r.get::<_, i64>(0)?, roll(r, 1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, roll)| Ok((current(tx, id, period_id)?, roll)))
        .collect()
}

/// The plan's `outline_gen`: what a summary's stamp is compared with.
fn generation(tx: &rusqlite::Connection, plan_id: i64) -> rusqlite::Result<i64> {
    tx.prepare_cached("SELECT outline_gen FROM plan WHERE id = ?1")?
        .query_row([plan_id], |r| r.get(0))
}

/// The ancestors of an item, its parent first.
pub(super) fn ancestors(tx: &rusqlite::Connection, item_id: i64) -> rusqlite::Result<Vec<i64>> {
    let mut st = tx.prepare_cached("SELECT parent_id FROM item WHERE id = ?1")?;
    let mut out = Vec::new();
    let mut at = item_id;
    while let Some(p) = st.query_row([at], |r| r.get::<_, Option<i64>>(0))? {
        out.push(p);
        at = p;
    }
    Ok(out)
}

/// Keeps the roll-up of one item with children in a period's summary.
fn put_roll(
    tx: &rusqlite::Connection,
    period_id: i64,
    item_id: i64,
    r: &Roll,
) -> rusqlite::Result<()> {
    let [n1, n2, n3, n4, n5, n6] = count_values(&r.below);
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO rollup_item (period_id, item_id, rollup, effective, {COUNTS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        period_id,
        item_id,
        r.rollup.key(),
        r.effective.key(),
        n1,
        n2,
        n3,
        n4,
        n5,
        n6
    ])?;
    Ok(())
}
