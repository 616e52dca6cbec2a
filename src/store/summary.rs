//! The stored summary of a plan's roll-ups per period (schema 7): what lets
//! a tree's first screen read the items it shows and nothing else.
//!
//! A summary is stamped with the plan's `outline_gen`, which triggers move
//! on every change that can move a roll-up; it is used only while the stamp
//! is current. A stale or missing one is computed from the outline (every
//! item's place and current status, the cost the summary saves) and kept
//! for the next reader when the file can be written.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::{Result, Store, WAIT};
use crate::domain::{Counts, Roll, Status, Summary};

/// A plan's summary in one period, with the generation it is true at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stamped {
    pub summary: Summary,
    /// The plan's `outline_gen` it was read or computed at.
    pub gen: i64,
    /// It was read from the store (else computed, and worth keeping).
    pub stored: bool,
}

/// The counts' columns, in the order of [`Status::ALL`], then `carried`.
const COUNTS: &str = "not_assessed, on_track, at_risk, off_track, done, carried";

fn counts(r: &rusqlite::Row, from: usize) -> rusqlite::Result<Counts> {
    let mut by = [0usize; 5];
    for (i, b) in by.iter_mut().enumerate() {
        *b = r.get::<_, i64>(from + i)? as usize;
    }
    Ok(Counts::of(by, r.get::<_, i64>(from + 5)? as usize))
}

fn status(s: &str) -> Status {
    Status::parse(s).unwrap_or(Status::NotAssessed)
}

impl Store {
    /// The summary of plan `plan_id` in period `period_id`: the stored one
    /// while it is current, else computed from the outline. Run it inside a
    /// snapshot with the other reads it goes with.
    pub(super) fn summary_in(&self, plan_id: i64, period_id: i64) -> Result<Stamped> {
        let gen: i64 = self
            .conn
            .prepare_cached("SELECT outline_gen FROM plan WHERE id = ?1")
            .and_then(|mut st| st.query_row([plan_id], |r| r.get(0)))
            .map_err(self.err())?;
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
        if let Some((stamp, total)) = stamp.filter(|(s, _)| *s == gen) {
            let mut st = self
                .conn
                .prepare_cached(&format!(
                    "SELECT item_id, rollup, effective, {COUNTS} FROM rollup_item
                     WHERE period_id = ?1"
                ))
                .map_err(self.err())?;
            let items = st
                .query_map([period_id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Roll {
                            rollup: status(&r.get::<_, String>(1)?),
                            effective: status(&r.get::<_, String>(2)?),
                            below: counts(r, 3)?,
                        },
                    ))
                })
                .map_err(self.err())?
                .collect::<rusqlite::Result<HashMap<_, _>>>()
                .map_err(self.err())?;
            return Ok(Stamped {
                summary: Summary { items, total },
                gen: stamp,
                stored: true,
            });
        }
        let (outline, ids) = self.outline(plan_id, Some(period_id))?;
        Ok(Stamped {
            summary: Summary::of_outline(&outline, &ids),
            gen,
            stored: false,
        })
    }

    /// Keeps a summary computed by [`Store::summary_in`] for the next
    /// reader of plan `plan` in period `period`, if the plan has not changed
    /// since and the file can be written now. A busy or read-only file is
    /// left as it is: keeping it only saves the next reader time.
    pub fn keep_summary(&mut self, plan: &str, period: &str, s: &Stamped) {
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
            let found: Option<(i64, i64, i64)> = tx
                .query_row(
                    "SELECT p.id, p.outline_gen, r.id FROM plan p JOIN period r ON r.plan_id = p.id
                     WHERE p.code = ?1 AND r.code = ?2",
                    params![plan, period],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((_, gen, period_id)) = found.filter(|f| f.1 == s.gen) else {
                return Ok(false);
            };
            tx.execute(
                "DELETE FROM rollup_period WHERE period_id = ?1",
                [period_id],
            )?;
            let t = s.summary.total.by_status();
            tx.execute(
                &format!(
                    "INSERT INTO rollup_period (period_id, gen, {COUNTS})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![
                    period_id,
                    gen,
                    t[0] as i64,
                    t[1] as i64,
                    t[2] as i64,
                    t[3] as i64,
                    t[4] as i64,
                    s.summary.total.carried as i64
                ],
            )?;
            for (id, r) in &s.summary.items {
                put_roll(&tx, period_id, *id, r)?;
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

/// Keeps the summary of plan `plan_id` in period `period_id` current after
/// a change to the follow-ups of item `item_id` alone, inside the write's
/// transaction: the roll-ups of the item's ancestors and the plan's total
/// are made again from their children (a few indexed reads), and the stamp
/// moves to the generation the change has made. A summary that was not
/// current before the change (`gen_before`) is left stale.
pub(super) fn roll_forward(
    tx: &rusqlite::Connection,
    plan_id: i64,
    period_id: i64,
    item_id: i64,
    gen_before: i64,
) -> rusqlite::Result<()> {
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
    let gen_now: i64 = tx.query_row(
        "SELECT outline_gen FROM plan WHERE id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    let parent_of = |id: i64| parent_of(tx, id);
    let mut at = parent_of(item_id)?;
    while let Some(a) = at {
        let own = current(tx, a, period_id)?;
        let roll = Roll::of(own, children_state(tx, plan_id, period_id, Some(a))?);
        put_roll(tx, period_id, a, &roll)?;
        at = parent_of(a)?;
    }
    let mut total = Counts::default();
    for (current, roll) in children_state(tx, plan_id, period_id, None)? {
        total.merge(&crate::domain::summary::with_self(current, roll.as_ref()));
    }
    let t = total.by_status();
    tx.execute(
        "UPDATE rollup_period SET gen = ?2, not_assessed = ?3, on_track = ?4, at_risk = ?5,
                off_track = ?6, done = ?7, carried = ?8
         WHERE period_id = ?1",
        params![
            period_id,
            gen_now,
            t[0] as i64,
            t[1] as i64,
            t[2] as i64,
            t[3] as i64,
            t[4] as i64,
            total.carried as i64
        ],
    )?;
    Ok(())
}

/// The current follow-up of one item in a period: its last.
fn current(
    tx: &rusqlite::Connection,
    item_id: i64,
    period_id: i64,
) -> rusqlite::Result<Option<crate::domain::outline::Current>> {
    tx.prepare_cached(
        "SELECT status, carried_from IS NOT NULL FROM assessment
         WHERE item_id = ?1 AND period_id = ?2 ORDER BY id DESC LIMIT 1",
    )?
    .query_row([item_id, period_id], |r| {
        Ok(crate::domain::outline::Current {
            status: status(&r.get::<_, String>(0)?),
            carried: r.get(1)?,
        })
    })
    .optional()
}

/// Each child of `parent` (`None`: each top-level item): its current
/// follow-up in the period and, if it has children, its roll-up as kept.
type ChildState = (Option<crate::domain::outline::Current>, Option<Roll>);

fn children_state(
    tx: &rusqlite::Connection,
    plan_id: i64,
    period_id: i64,
    parent: Option<i64>,
) -> rusqlite::Result<Vec<ChildState>> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT i.id, r.rollup, r.effective, {} FROM item i
         LEFT JOIN rollup_item r ON r.period_id = ?2 AND r.item_id = i.id
         WHERE i.plan_id = ?1 AND i.parent_id IS ?3",
        COUNTS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let rows = st
        .query_map(params![plan_id, period_id, parent], |r| {
            let id: i64 = r.get(0)?;
            let roll = match r.get::<_, Option<String>>(1)? {
                Some(rollup) => Some(Roll {
                    rollup: status(&rollup),
                    effective: status(&r.get::<_, String>(2)?),
                    below: counts(r, 3)?,
                }),
                None => None,
            };
            Ok((id, roll))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, roll)| Ok((current(tx, id, period_id)?, roll)))
        .collect()
}

/// The plan's `outline_gen`: what a summary's stamp is compared with.
pub(super) fn generation(tx: &rusqlite::Connection, plan_id: i64) -> rusqlite::Result<i64> {
    tx.prepare_cached("SELECT outline_gen FROM plan WHERE id = ?1")?
        .query_row([plan_id], |r| r.get(0))
}

/// The plan an item belongs to.
pub(super) fn plan_of(tx: &rusqlite::Connection, item_id: i64) -> rusqlite::Result<i64> {
    tx.prepare_cached("SELECT plan_id FROM item WHERE id = ?1")?
        .query_row([item_id], |r| r.get(0))
}

/// The parent of an item (`None` for a top-level item).
pub(super) fn parent_of(tx: &rusqlite::Connection, item_id: i64) -> rusqlite::Result<Option<i64>> {
    tx.prepare_cached("SELECT parent_id FROM item WHERE id = ?1")?
        .query_row([item_id], |r| r.get(0))
}

/// Keeps the roll-up of one item with children in a period's summary.
fn put_roll(
    tx: &rusqlite::Connection,
    period_id: i64,
    item_id: i64,
    r: &Roll,
) -> rusqlite::Result<()> {
    let b = r.below.by_status();
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO rollup_item (period_id, item_id, rollup, effective, {COUNTS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        period_id,
        item_id,
        r.rollup.key(),
        r.effective.key(),
        b[0] as i64,
        b[1] as i64,
        b[2] as i64,
        b[3] as i64,
        b[4] as i64,
        r.below.carried as i64
    ])?;
    Ok(())
}
