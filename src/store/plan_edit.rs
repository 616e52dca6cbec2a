//! A plan's own code and years: renaming a plan moves its whole change log
//! with it, so that its history reads on under the new code.

use rusqlite::params;

use super::structure::Ctx;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::rules::{plan_code_ok, years_ok};

impl Store {
    /// Gives a plan a new code (the same checks as a new plan's) and/or new
    /// years (`None` leaves them; `Some((None, None))` clears them), in one
    /// transaction, each change logged. The plan's change log follows its
    /// code.
    pub fn edit_plan(
        &mut self,
        code: &str,
        new_code: Option<&str>,
        years: Option<(Option<i32>, Option<i32>)>,
        (user, at): (&str, &str),
    ) -> Result<()> {
        if let Some(n) = new_code {
            if !plan_code_ok(n) {
                return Err(StoreError::BadCode(n.to_owned()));
            }
        }
        if let Some((a, b)) = years {
            if !years_ok(a, b) {
                return Err(StoreError::BadYears);
            }
        }
        let path = self.path.clone();
        let tx = self.begin()?;
        let c = Ctx::new(&tx, &path, code)?;
        let e = |e| classify_at(&path, e);
        let (old_start, old_end): (Option<i32>, Option<i32>) = tx
            .query_row(
                "SELECT start_year, end_year FROM plan WHERE id = ?1",
                [c.plan_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(e)?;
        let mut now = code.to_owned();
        if let Some(n) = new_code.filter(|n| *n != code) {
            let taken: bool = tx
                .query_row("SELECT count(*) FROM plan WHERE code = ?1", [n], |r| {
                    r.get::<_, i64>(0)
                })
                .map_err(e)?
                > 0;
            if taken {
                return Err(StoreError::PlanCodeTaken(n.to_owned()));
            }
            tx.execute(
                "UPDATE plan SET code = ?1 WHERE id = ?2",
                params![n, c.plan_id],
            )
            .map_err(e)?;
            tx.execute(
                "UPDATE change_log SET plan_code = ?1 WHERE plan_code = ?2",
                params![n, code],
            )
            .map_err(e)?;
            super::write::Log { at, user, plan: n }
                .write(&tx, None, None, "plan.code", None, Some(code), Some(n))
                .map_err(e)?;
            now = n.to_owned();
        }
        if let Some((a, b)) = years.filter(|y| *y != (old_start, old_end)) {
            tx.execute(
                "UPDATE plan SET start_year = ?1, end_year = ?2 WHERE id = ?3",
                params![a, b, c.plan_id],
            )
            .map_err(e)?;
            let show = |a: Option<i32>, b: Option<i32>| crate::domain::rules::years_text(a, b);
            super::write::Log {
                at,
                user,
                plan: &now,
            }
            .write(
                &tx,
                None,
                None,
                "plan.years",
                None,
                Some(&show(old_start, old_end))
                    .filter(|s| !s.is_empty())
                    .map(String::as_str),
                Some(&show(a, b))
                    .filter(|s| !s.is_empty())
                    .map(String::as_str),
            )
            .map_err(e)?;
        }
        tx.commit().map_err(e)
    }
}
