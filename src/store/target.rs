//! One write's view of one item of one plan, inside its transaction: the
//! ids, the checks and the change-log row that the figure and text writes
//! share.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};

use super::write::Log;
use super::{classify_at, Result, StoreError};
use crate::domain::Lang;

/// One write's view of one item of one plan.
pub(super) struct Target<'a> {
    pub tx: &'a Transaction<'a>,
    pub path: &'a Path,
    pub plan: &'a str,
    pub item: &'a str,
    pub plan_id: i64,
    pub item_id: i64,
}

impl<'a> Target<'a> {
    pub fn new(
        tx: &'a Transaction<'a>,
        path: &'a Path,
        plan: &'a str,
        item: &'a str,
    ) -> Result<Target<'a>> {
        let e = |e| classify_at(path, e);
        let plan_id: i64 = tx
            .query_row("SELECT id FROM plan WHERE code = ?1", [plan], |r| r.get(0))
            .optional()
            .map_err(e)?
            .ok_or_else(|| StoreError::UnknownPlan(plan.to_owned()))?;
        let item_id: i64 = tx
            .query_row(
                "SELECT id FROM item WHERE plan_id = ?1 AND code = ?2",
                params![plan_id, item],
                |r| r.get(0),
            )
            .optional()
            .map_err(e)?
            .ok_or_else(|| StoreError::UnknownItem {
                plan: plan.to_owned(),
                code: item.to_owned(),
            })?;
        Ok(Target {
            tx,
            path,
            plan,
            item,
            plan_id,
            item_id,
        })
    }

    pub fn e(&self, e: rusqlite::Error) -> StoreError {
        classify_at(self.path, e)
    }

    /// The id of the item's row of `table` (`indicator`, `control`) at
    /// `index` (0-based, in the order a load gives them); `UnknownIndicator`
    /// when there is none.
    pub fn nth(&self, table: &str, index: usize) -> Result<i64> {
        self.tx
            .query_row(
                &format!(
                    "SELECT id FROM {table} WHERE item_id = ?1
                     ORDER BY position, id LIMIT 1 OFFSET ?2"
                ),
                params![self.item_id, index as i64],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.e(e))?
            .ok_or_else(|| StoreError::UnknownIndicator {
                code: self.item.to_owned(),
                index,
            })
    }

    pub fn period(&self, code: &str) -> Result<i64> {
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

    pub fn bump(&self) -> Result<()> {
        self.tx
            .execute(
                "UPDATE item SET version = version + 1 WHERE id = ?1",
                [self.item_id],
            )
            .map(|_| ())
            .map_err(|e| self.e(e))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn log(
        &self,
        user: &str,
        at: &str,
        period: Option<&str>,
        field: &str,
        lang: Option<Lang>,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        Log {
            at,
            user,
            plan: self.plan,
        }
        .write(self.tx, Some(self.item), period, field, lang, old, new)
        .map_err(|e| self.e(e))
    }

    /// A `Conflict` for a figure another strata changed meanwhile: what is
    /// stored now, and who changed it last and when.
    pub fn conflict(
        &self,
        field: &str,
        period: Option<&str>,
        theirs: Option<String>,
    ) -> StoreError {
        let last: Option<(String, String)> = self
            .tx
            .query_row(
                "SELECT user, at FROM change_log
                 WHERE plan_code = ?1 AND item_code = ?2 AND field = ?3 AND period_code IS ?4
                 ORDER BY id DESC LIMIT 1",
                params![self.plan, self.item, field, period],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ok()
            .flatten();
        let (by, at) = last.unwrap_or_default();
        StoreError::Conflict { theirs, by, at }
    }
}
