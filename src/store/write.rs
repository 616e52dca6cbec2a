//! Writes. Each public function is one `BEGIN IMMEDIATE` transaction that
//! either does all of its work, change-log rows included, or none of it.

use rusqlite::{params, OptionalExtension, Transaction};

use super::insert::insert_plan;
use super::sql::{cols, text, vals};
use super::summary::FollowUpChange;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::{Lang, Plan, Status, Text};

/// A follow-up to record for one item in one period.
#[derive(Clone, Debug)]
pub struct SetAssessment<'a> {
    pub plan: &'a str,
    pub item: &'a str,
    /// The period's code, or `None` for the plan's default period.
    pub period: Option<&'a str>,
    pub status: Option<Status>,
    /// A new comment in one language; the other languages keep theirs.
    pub comment: Option<(Lang, String)>,
    /// The comment in that language as it was when the editor opened it: if
    /// the stored one differs now, another strata changed it meanwhile and
    /// the write is refused with [`StoreError::Conflict`]. `None`: no check.
    pub expect_comment: Option<Option<String>>,
    pub user: &'a str,
    pub at: &'a str,
}

/// What a set did.
#[derive(Clone, Debug, PartialEq)]
pub struct SetOutcome {
    pub period: String,
    pub old_status: Status,
    pub new_status: Status,
    /// Nothing differed from the current assessment: nothing was written.
    pub unchanged: bool,
    /// The status had been carried over from an earlier period and is now
    /// assessed in this one.
    pub confirmed: bool,
    /// The row written, for undo.
    pub row: Option<StoredAssessment>,
}

/// An assessment row as stored, with what is needed to delete it and to put
/// it back exactly (undo and redo).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAssessment {
    pub id: i64,
    pub item_id: i64,
    pub period_id: i64,
    pub plan: String,
    pub item: String,
    pub period: String,
    pub status: Status,
    pub comment: Text,
    pub actions: Text,
    pub author: String,
    pub recorded_at: String,
    pub carried_from: Option<String>,
}

/// Writes change-log rows for one change by one user at one time.
pub(super) struct Log<'a> {
    pub at: &'a str,
    pub user: &'a str,
    pub plan: &'a str,
}

impl Log<'_> {
    #[allow(clippy::too_many_arguments)]
    pub fn write(
        &self,
        tx: &Transaction<'_>,
        item: Option<&str>,
        period: Option<&str>,
        field: &str,
        lang: Option<Lang>,
        old: Option<&str>,
        new: Option<&str>,
    ) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "INSERT INTO change_log (at, user, plan_code, item_code, period_code, field, lang, old, new)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            self.at,
            self.user,
            self.plan,
            item,
            period,
            field,
            lang.map(Lang::code),
            old,
            new
        ])?;
        Ok(())
    }
}

impl Store {
    /// Stores whole plans, as one transaction. A plan whose code exists is an
    /// error unless `replace`, which swaps it (keeping its place in the list).
    pub fn import(&mut self, plans: &[Plan], replace: bool, user: &str, at: &str) -> Result<()> {
        self.import_with(&[], plans, replace, user, at)
    }

    /// As [`Store::import`], with the contacts the plans' items name: new
    /// ones are added, those whose id exists take the file's name, e-mail,
    /// language and unit.
    pub fn import_with(
        &mut self,
        contacts: &[crate::domain::Contact],
        plans: &[Plan],
        replace: bool,
        user: &str,
        at: &str,
    ) -> Result<()> {
        for c in contacts {
            super::contact::check(c)?;
        }
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        super::contact::upsert(&tx, contacts).map_err(e)?;
        for plan in plans {
            let existing: Option<(i64, i64)> = tx
                .query_row(
                    "SELECT id, position FROM plan WHERE code = ?1",
                    [&plan.code],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(e)?;
            let position = match existing {
                Some(_) if !replace => return Err(StoreError::PlanExists(plan.code.clone())),
                Some((id, pos)) => {
                    tx.execute("DELETE FROM plan WHERE id = ?1", [id])
                        .map_err(e)?;
                    pos
                }
                None => tx
                    .query_row(
                        "SELECT coalesce(max(position), -1) + 1 FROM plan",
                        [],
                        |r| r.get(0),
                    )
                    .map_err(e)?,
            };
            insert_plan(&tx, plan, position).map_err(e)?;
            let log = Log {
                at,
                user,
                plan: &plan.code,
            };
            let field = if existing.is_some() {
                "replace"
            } else {
                "import"
            };
            log.write(&tx, None, None, field, None, None, Some(&plan.code))
                .map_err(e)?;
        }
        tx.commit().map_err(e)?;
        for plan in plans {
            self.keep_opening_summary(&plan.code, at);
        }
        Ok(())
    }

    /// Removes a plan with everything in it.
    pub fn remove_plan(&mut self, code: &str, user: &str, at: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let n = tx
            .execute("DELETE FROM plan WHERE code = ?1", [code])
            .map_err(e)?;
        if n == 0 {
            return Err(StoreError::UnknownPlan(code.to_owned()));
        }
        Log {
            at,
            user,
            plan: code,
        }
        .write(&tx, None, None, "remove", None, Some(code), None)
        .map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Records a follow-up: a new assessment row that carries over what is not
    /// changed, and a change-log row per changed field. The same path serves
    /// `strata set` and the app.
    pub fn set_assessment(&mut self, s: &SetAssessment<'_>) -> Result<SetOutcome> {
        if let Some((_, c)) = &s.comment {
            crate::domain::rules::text_fits(c)?;
        }
        let path = self.path.clone();
        let plan_code = s.plan.to_owned();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let plan_id: i64 = tx
            .query_row("SELECT id FROM plan WHERE code = ?1", [s.plan], |r| {
                r.get(0)
            })
            .optional()
            .map_err(e)?
            .ok_or_else(|| StoreError::UnknownPlan(plan_code.clone()))?;
        let item_id: i64 = tx
            .query_row(
                "SELECT id FROM item WHERE plan_id = ?1 AND code = ?2",
                params![plan_id, s.item],
                |r| r.get(0),
            )
            .optional()
            .map_err(e)?
            .ok_or_else(|| StoreError::UnknownItem {
                plan: plan_code.clone(),
                code: s.item.to_owned(),
            })?;
        let (period_id, period_code) = match s.period {
            Some(p) => tx
                .query_row(
                    "SELECT id, code FROM period WHERE plan_id = ?1 AND code = ?2",
                    params![plan_id, p],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()
                .map_err(e)?
                .ok_or_else(|| StoreError::UnknownPeriod {
                    plan: plan_code.clone(),
                    code: p.to_owned(),
                })?,
            None => super::read::default_period_of(&tx, plan_id, s.at.get(..10).unwrap_or(s.at))
                .map_err(e)?
                .ok_or_else(|| StoreError::NoPeriods(plan_code.clone()))?,
        };

        super::period::ensure_open(&tx, &path, period_id, s.plan, &period_code)?;
        let change = FollowUpChange::begin(&tx, item_id, period_id).map_err(e)?;
        let before = current_of(&tx, item_id, period_id).map_err(e)?;
        let old_status = before.status;
        // Optimistic check: the text the editor started from must still be
        // the stored one, or another strata has changed it meanwhile.
        if let (Some(expected), Some((lang, _))) = (&s.expect_comment, &s.comment) {
            let now = before.comment.get(*lang);
            if now != expected.as_deref().filter(|x| !x.is_empty()) {
                return Err(StoreError::Conflict {
                    theirs: now.map(str::to_owned),
                    by: before.author.clone(),
                    at: before.at.clone(),
                });
            }
        }
        let new_status = s.status.unwrap_or(old_status);
        let mut comment = before.comment.clone();
        if let Some((lang, c)) = &s.comment {
            comment.set(*lang, Some(c.clone()));
        }
        // A status carried over is confirmed by any set, even one that keeps
        // it as it is.
        let unchanged =
            new_status == old_status && comment == before.comment && before.carried_from.is_none();
        if unchanged {
            return Ok(SetOutcome {
                period: period_code,
                old_status,
                new_status,
                unchanged,
                confirmed: false,
                row: None,
            });
        }
        let after = Current {
            status: new_status,
            comment,
            actions: before.actions.clone(),
            carried_from: None,
            author: s.user.to_owned(),
            at: s.at.to_owned(),
        };
        let id = NewFollowUp {
            item_id,
            period_id,
            status: new_status,
            comment: &after.comment,
            actions: &after.actions,
            author: s.user,
            at: s.at,
            carried_from: None,
        }
        .append(&tx)
        .map_err(e)?;
        let row = StoredAssessment {
            id,
            item_id,
            period_id,
            plan: s.plan.to_owned(),
            item: s.item.to_owned(),
            period: period_code.clone(),
            status: new_status,
            comment: after.comment.clone(),
            actions: after.actions.clone(),
            author: s.user.to_owned(),
            recorded_at: s.at.to_owned(),
            carried_from: None,
        };
        let log = Log {
            at: s.at,
            user: s.user,
            plan: s.plan,
        };
        log_changes(&tx, &log, s.item, &period_code, &before, &after).map_err(e)?;
        change.done(&tx).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(SetOutcome {
            period: period_code,
            old_status,
            new_status,
            unchanged,
            confirmed: before.carried_from.is_some(),
            row: Some(row),
        })
    }

    /// Undo of a follow-up: deletes the row that was written. The change
    /// log records what readers see change: the status and each language of
    /// the comment and further actions, from the deleted row's to the row
    /// that is current again.
    pub fn delete_assessment(&mut self, id: i64, user: &str, at: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let found: Option<(String, String, String, i64, i64)> = tx
            .query_row(
                "SELECT p.code, i.code, pe.code, a.item_id, a.period_id FROM assessment a
                 JOIN item i ON i.id = a.item_id JOIN plan p ON p.id = i.plan_id
                 JOIN period pe ON pe.id = a.period_id WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(e)?;
        let Some((plan, item, period, item_id, period_id)) = found else {
            return Err(StoreError::UnknownItem {
                plan: String::new(),
                code: format!("#{id}"),
            });
        };
        super::period::ensure_open(&tx, &path, period_id, &plan, &period)?;
        let change = FollowUpChange::begin(&tx, item_id, period_id).map_err(e)?;
        let before = current_of(&tx, item_id, period_id).map_err(e)?;
        tx.execute("DELETE FROM assessment WHERE id = ?1", [id])
            .map_err(e)?;
        change.done(&tx).map_err(e)?;
        let after = current_of(&tx, item_id, period_id).map_err(e)?;
        let log = Log {
            at,
            user,
            plan: &plan,
        };
        log_changes(&tx, &log, &item, &period, &before, &after).map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Redo of a follow-up: puts a deleted row back, under its old id when that
    /// is still free. Returns the row as stored.
    pub fn restore_assessment(
        &mut self,
        row: &StoredAssessment,
        user: &str,
        at: &str,
    ) -> Result<StoredAssessment> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let taken: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM assessment WHERE id = ?1)",
                [row.id],
                |r| r.get(0),
            )
            .map_err(e)?;
        let id = if taken { None } else { Some(row.id) };
        super::period::ensure_open(&tx, &path, row.period_id, &row.plan, &row.period)?;
        let change = FollowUpChange::begin(&tx, row.item_id, row.period_id).map_err(e)?;
        let before = current_of(&tx, row.item_id, row.period_id).map_err(e)?;
        let [c1, c2, c3] = vals(&row.comment);
        let [a1, a2, a3] = vals(&row.actions);
        tx.execute(
            &format!(
                "INSERT INTO assessment (id, item_id, period_id, status, {}, {}, author, recorded_at,
                                         carried_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                cols("comment"),
                cols("actions")
            ),
            params![
                id,
                row.item_id,
                row.period_id,
                row.status.key(),
                c1,
                c2,
                c3,
                a1,
                a2,
                a3,
                row.author,
                row.recorded_at,
                row.carried_from
            ],
        )
        .map_err(e)?;
        let mut stored = row.clone();
        stored.id = tx.last_insert_rowid();
        let after = current_of(&tx, row.item_id, row.period_id).map_err(e)?;
        let log = Log {
            at,
            user,
            plan: &row.plan,
        };
        log_changes(&tx, &log, &row.item, &row.period, &before, &after).map_err(e)?;
        change.done(&tx).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(stored)
    }
}

/// A follow-up row to append: what `set_assessment`, the text write and
/// the import all write, in one statement.
pub(super) struct NewFollowUp<'a> {
    pub item_id: i64,
    pub period_id: i64,
    pub status: Status,
    pub comment: &'a Text,
    pub actions: &'a Text,
    pub author: &'a str,
    pub at: &'a str,
    /// The earlier period a status is carried over from; `None` for an
    /// assessment.
    pub carried_from: Option<&'a str>,
}

impl NewFollowUp<'_> {
    /// Appends the row; returns its id.
    pub fn append(&self, tx: &Transaction<'_>) -> rusqlite::Result<i64> {
        let [c1, c2, c3] = vals(self.comment);
        let [a1, a2, a3] = vals(self.actions);
        tx.prepare_cached(&format!(
            "INSERT INTO assessment (item_id, period_id, status, {}, {}, author, recorded_at,
                                     carried_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            cols("comment"),
            cols("actions")
        ))?
        .execute(params![
            self.item_id,
            self.period_id,
            self.status.key(),
            c1,
            c2,
            c3,
            a1,
            a2,
            a3,
            self.author,
            self.at,
            self.carried_from
        ])?;
        Ok(tx.last_insert_rowid())
    }
}

/// What readers see of an item in a period: its current status, comment and
/// further actions (not assessed and empty when it has no follow-up), and
/// whether the status is only carried over.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Current {
    pub status: Status,
    pub comment: Text,
    pub actions: Text,
    pub carried_from: Option<String>,
    pub author: String,
    pub at: String,
}

impl Default for Current {
    fn default() -> Current {
        Current {
            status: Status::NotAssessed,
            comment: Text::default(),
            actions: Text::default(),
            carried_from: None,
            author: String::new(),
            at: String::new(),
        }
    }
}

pub(super) fn current_of(
    tx: &Transaction<'_>,
    item_id: i64,
    period_id: i64,
) -> rusqlite::Result<Current> {
    let sql = format!(
        "SELECT status, {}, {}, carried_from, author, recorded_at FROM assessment
         WHERE item_id = ?1 AND period_id = ?2 ORDER BY id DESC LIMIT 1",
        cols("comment"),
        cols("actions")
    );
    let row = tx
        .prepare_cached(&sql)?
        .query_row(params![item_id, period_id], |r| {
            let st: String = r.get(0)?;
            Ok(Current {
                status: Status::parse(&st).unwrap_or(Status::NotAssessed),
                comment: text(r, 1)?,
                actions: text(r, 4)?,
                carried_from: r.get(7)?,
                author: r.get(8)?,
                at: r.get(9)?,
            })
        })
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// A change-log row per thing that changed between `before` and `after`:
/// the status, and each language of the comment and further actions.
fn log_changes(
    tx: &Transaction<'_>,
    log: &Log<'_>,
    item: &str,
    period: &str,
    before: &Current,
    after: &Current,
) -> rusqlite::Result<()> {
    if before.status != after.status {
        log.write(
            tx,
            Some(item),
            Some(period),
            "status",
            None,
            Some(before.status.key()),
            Some(after.status.key()),
        )?;
    }
    if before.carried_from != after.carried_from {
        // Someone assessing a status carried over confirms it.
        let field = match after.carried_from {
            None => "confirmed",
            Some(_) => "carried_from",
        };
        log.write(
            tx,
            Some(item),
            Some(period),
            field,
            None,
            before.carried_from.as_deref(),
            after.carried_from.as_deref(),
        )?;
    }
    for (field, old, new) in [
        ("comment", &before.comment, &after.comment),
        ("actions", &before.actions, &after.actions),
    ] {
        for l in Lang::ALL {
            if old.get(l) != new.get(l) {
                log.write(
                    tx,
                    Some(item),
                    Some(period),
                    field,
                    Some(l),
                    old.get(l),
                    new.get(l),
                )?;
            }
        }
    }
    Ok(())
}
