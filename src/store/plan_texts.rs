//! A plan's own translated texts: its title, description and organisation,
//! the names of its levels, the labels of its periods and its wording for the
//! statuses. Each write is one transaction, checked against what the editor
//! started from, and logged.

use rusqlite::{params, OptionalExtension, Transaction};

use super::structure::Ctx;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::{Lang, Status};

impl Store {
    /// Sets one language of one of the plan's own texts (`title`,
    /// `description`, `organisation`); `None` or "" clears it. Returns the
    /// old value.
    pub fn set_plan_text(
        &mut self,
        plan: &str,
        field: &str,
        lang: Lang,
        value: Option<&str>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        self.set_plan_text_checked(plan, field, lang, value, None, user, at)
    }

    /// As [`Store::set_plan_text`], refusing with [`StoreError::Conflict`]
    /// if the stored text is no longer `expect` (what the editor started
    /// from): another strata changed it meanwhile.
    #[allow(clippy::too_many_arguments)]
    pub fn set_plan_text_checked(
        &mut self,
        plan: &str,
        field: &str,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        assert!(
            ["title", "description", "organisation"].contains(&field),
            "not a plan text: {field}"
        );
        self.set_plan_cell(plan, PlanCell::Plan(field), lang, value, expect, user, at)
    }

    /// Sets one language of a period's label ("01–12/2025"); `None` clears
    /// it. Refused with `Conflict` if it is no longer `expect`. Returns the
    /// old value.
    #[allow(clippy::too_many_arguments)]
    pub fn set_period_label(
        &mut self,
        plan: &str,
        period: &str,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        self.set_plan_cell(
            plan,
            PlanCell::Period(period),
            lang,
            value,
            expect,
            user,
            at,
        )
    }

    /// Sets one language of the plan's own wording for a status
    /// (*Delvis godkänd*); `None` clears it. Refused with `Conflict` if it is
    /// no longer `expect`. Returns the old value.
    #[allow(clippy::too_many_arguments)]
    pub fn set_status_label(
        &mut self,
        plan: &str,
        status: Status,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        self.set_plan_cell(
            plan,
            PlanCell::StatusLabel(status),
            lang,
            value,
            expect,
            user,
            at,
        )
    }

    /// Sets one language of the name of the plan's level at `depth` (0: the
    /// top-level items); `None` or "" clears it. Returns the old value.
    pub fn set_level_name(
        &mut self,
        plan: &str,
        depth: usize,
        lang: Lang,
        value: Option<&str>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        self.set_level_name_checked(plan, depth, lang, value, None, user, at)
    }

    /// As [`Store::set_level_name`], refusing with [`StoreError::Conflict`]
    /// if the stored name is no longer `expect`.
    #[allow(clippy::too_many_arguments)]
    pub fn set_level_name_checked(
        &mut self,
        plan: &str,
        depth: usize,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        self.set_plan_cell(plan, PlanCell::Level(depth), lang, value, expect, user, at)
    }

    /// One language of one of a plan's own texts: read the old value, check
    /// it against `expect`, write, log, all in one transaction.
    #[allow(clippy::too_many_arguments)]
    fn set_plan_cell(
        &mut self,
        plan: &str,
        cell: PlanCell<'_>,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, plan)?;
        let (table, col, key_col, key, field) = cell.place(lang);
        let select = format!(
            "SELECT {col} FROM {table} WHERE {key_col} = ?1 AND {}",
            cell.filter()
        );
        let read = |tx: &Transaction<'_>| -> rusqlite::Result<Option<Option<String>>> {
            tx.query_row(&select, params![c.plan_id, key], |r| r.get(0))
                .optional()
        };
        let found = read(&tx).map_err(|e| c.e(e))?;
        if found.is_none() {
            match cell {
                PlanCell::Period(code) => {
                    return Err(StoreError::UnknownPeriod {
                        plan: plan.to_owned(),
                        code: code.to_owned(),
                    })
                }
                PlanCell::Plan(_) => return Err(StoreError::UnknownPlan(plan.to_owned())),
                PlanCell::Level(_) | PlanCell::StatusLabel(_) => {}
            }
        }
        let old = found.flatten().filter(|s| !s.is_empty());
        plan_text_check(&tx, plan, &field, lang, expect, old.as_deref()).map_err(|e| c.e(e))??;
        let value = value.filter(|v| !v.is_empty());
        if old.as_deref() != value {
            match cell {
                // Levels are read by depth into a list: no gaps above this one.
                PlanCell::Level(depth) => {
                    for d in 0..=depth {
                        tx.execute(
                            "INSERT OR IGNORE INTO plan_level (plan_id, depth) VALUES (?1, ?2)",
                            params![c.plan_id, d as i64],
                        )
                        .map_err(|e| c.e(e))?;
                    }
                }
                PlanCell::StatusLabel(st) => {
                    tx.execute(
                        "INSERT OR IGNORE INTO status_label (plan_id, status) VALUES (?1, ?2)",
                        params![c.plan_id, st.key()],
                    )
                    .map_err(|e| c.e(e))?;
                }
                PlanCell::Plan(_) | PlanCell::Period(_) => {}
            }
            let bump = if table == "plan" {
                ", version = version + 1"
            } else {
                ""
            };
            tx.execute(
                &format!(
                    "UPDATE {table} SET {col} = ?3{bump} WHERE {key_col} = ?1 AND {}",
                    cell.filter()
                ),
                params![c.plan_id, key, value],
            )
            .map_err(|e| c.e(e))?;
            c.log(user, at)
                .write(&tx, None, None, &field, Some(lang), old.as_deref(), value)
                .map_err(|e| c.e(e))?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }
}

/// Where one of a plan's own translated texts is stored.
#[derive(Clone, Copy)]
enum PlanCell<'a> {
    /// A column of the plan row: `title`, `description`, `organisation`.
    Plan(&'a str),
    /// The name of the level at this depth.
    Level(usize),
    /// The label of the period with this code.
    Period(&'a str),
    /// The plan's wording for a status.
    StatusLabel(Status),
}

impl PlanCell<'_> {
    /// (table, language column, column holding the plan id, the second key,
    /// change-log field).
    fn place(
        self,
        lang: Lang,
    ) -> (
        &'static str,
        String,
        &'static str,
        rusqlite::types::Value,
        String,
    ) {
        use rusqlite::types::Value;
        let l = lang.code();
        match self {
            PlanCell::Plan(f) => (
                "plan",
                format!("{f}_{l}"),
                "id",
                Value::Null,
                format!("plan.{f}"),
            ),
            PlanCell::Level(d) => (
                "plan_level",
                format!("name_{l}"),
                "plan_id",
                Value::Integer(d as i64),
                format!("level.{}", d + 1),
            ),
            PlanCell::Period(code) => (
                "period",
                format!("label_{l}"),
                "plan_id",
                Value::Text(code.to_owned()),
                format!("period.{code}"),
            ),
            PlanCell::StatusLabel(s) => (
                "status_label",
                format!("label_{l}"),
                "plan_id",
                Value::Text(s.key().to_owned()),
                format!("status_label.{}", s.key()),
            ),
        }
    }

    /// The condition on the second key (`?2`).
    fn filter(self) -> &'static str {
        match self {
            PlanCell::Plan(_) => "?2 IS NULL",
            PlanCell::Level(_) => "depth = ?2",
            PlanCell::Period(_) => "code = ?2",
            PlanCell::StatusLabel(_) => "status = ?2",
        }
    }
}

/// The optimistic check of a plan's own text: `Ok(Err(Conflict))` when
/// `expect` is given and the stored text `now` is no longer it, with who
/// changed it last and when.
fn plan_text_check(
    tx: &rusqlite::Transaction<'_>,
    plan: &str,
    field: &str,
    lang: Lang,
    expect: Option<Option<&str>>,
    now: Option<&str>,
) -> rusqlite::Result<Result<()>> {
    let Some(expected) = expect else {
        return Ok(Ok(()));
    };
    if now == expected.filter(|x| !x.is_empty()) {
        return Ok(Ok(()));
    }
    let (by, at): (String, String) = tx
        .query_row(
            "SELECT user, at FROM change_log
             WHERE plan_code = ?1 AND item_code IS NULL AND field = ?2 AND lang = ?3
             ORDER BY id DESC LIMIT 1",
            params![plan, field, lang.code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default();
    Ok(Err(StoreError::Conflict {
        theirs: now.map(str::to_owned),
        by,
        at,
    }))
}
