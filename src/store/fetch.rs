//! Linking an indicator to a source series, and writing what a fetch read:
//! all of a fetch in one `BEGIN IMMEDIATE` transaction, by the rule of
//! [`crate::domain::series::decide`].

use rusqlite::{params, OptionalExtension};

use super::target::Target;
use super::{classify_at, Result, Store};
use crate::domain::series::{decide, Decision, Fetched, Observation, Standing, Stored};
use crate::domain::{Series, Text};

/// The log text of a figure: the number, `""` for no data (as
/// `indicator.value` is logged).
fn figure_text(v: Option<f64>) -> String {
    super::figures::value_text(Some(v)).unwrap_or_default()
}

/// One observation as the fetch dealt with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub item: String,
    /// The indicator's number on the item, from 1.
    pub number: usize,
    pub name: Text,
    pub series: Series,
    pub period: String,
    /// What was stored before (`None`: no row).
    pub before: Option<Option<f64>>,
    pub decision: Decision,
}

/// What a fetch is told about where its values come from.
pub struct Provenance<'a> {
    /// The address read, or the saved file.
    pub from: &'a str,
    /// When, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: &'a str,
    pub user: &'a str,
}

/// A linked indicator of a plan.
#[derive(Clone, Debug)]
pub struct Linked {
    pub item: String,
    pub number: usize,
    pub series: Series,
}

impl Store {
    /// Links the item's indicator at `index` (0-based) to a source series,
    /// or unlinks it (`None`). Returns the old link. Logged as field
    /// `indicator.series` (`kolada:N00945:2417:T`, empty for none).
    pub fn set_series(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        series: Option<&Series>,
        (user, at): (&str, &str),
    ) -> Result<Option<Series>> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let indicator = t.nth("indicator", index)?;
        let old: Option<String> = tx
            .query_row(
                "SELECT series FROM indicator WHERE id = ?1",
                [indicator],
                |r| r.get(0),
            )
            .map_err(|e| t.e(e))?;
        let new = series.map(|s| s.to_string());
        if old != new {
            tx.execute(
                "UPDATE indicator SET series = ?2 WHERE id = ?1",
                params![indicator, new],
            )
            .map_err(|e| t.e(e))?;
            t.bump()?;
            t.log(
                user,
                at,
                None,
                &format!("indicator.{}.series", index + 1),
                None,
                Some(old.as_deref().unwrap_or("")),
                Some(new.as_deref().unwrap_or("")),
            )?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old.and_then(|s| Series::parse(&s).ok()))
    }

    /// `UnknownItem` unless the plan holds an item of that code.
    pub fn item_exists(&self, plan: &str, code: &str) -> Result<()> {
        self.item_id(plan, code).map(|_| ())
    }

    /// The codes of a plan's periods, in no particular order.
    pub fn period_codes_of(&self, plan: &str) -> Result<Vec<String>> {
        Ok(self
            .period_codes(self.plan_id(plan)?)?
            .into_values()
            .collect())
    }

    /// The indicators of `plan` that are linked to a series, in plan order.
    pub fn linked(&self, plan: &str) -> Result<Vec<Linked>> {
        let plan_id = self.plan_id(plan)?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT i.code, n.series,
                        (SELECT count(*) FROM indicator m WHERE m.item_id = n.item_id
                           AND (m.position < n.position OR (m.position = n.position AND m.id <= n.id)))
                 FROM indicator n JOIN item i ON i.id = n.item_id
                 WHERE i.plan_id = ?1 AND n.series IS NOT NULL
                 ORDER BY i.position, i.id, n.position, n.id",
            )
            .map_err(|e| self.classify(e))?;
        let rows = st
            .query_map([plan_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(|e| self.classify(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.classify(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(item, s, n)| {
                Some(Linked {
                    item,
                    number: n as usize,
                    series: Series::parse(&s).ok()?,
                })
            })
            .collect())
    }

    /// Writes what a fetch read into the linked indicators given (of each
    /// plan, as [`Store::linked`] lists them), all in one transaction: each observation goes to the period whose code is its
    /// year, by [`decide`]; a changed value is logged as `indicator.value`
    /// (old → new), a revision found after reporting as `indicator.revised`
    /// (reported → what the source says now). `dry_run` decides and rolls
    /// back. Returns every observation that met a linked indicator and a
    /// period, with what was done.
    pub fn apply_fetch(
        &mut self,
        targets: &[(String, Vec<Linked>)],
        observations: &[Observation],
        overwrite: bool,
        dry_run: bool,
        p: &Provenance<'_>,
    ) -> Result<Vec<(String, Vec<Applied>)>> {
        let path = self.path.clone();
        let today = p.at.get(..10).unwrap_or(p.at).to_owned();
        let tx = self.begin()?;
        let e = |e| classify_at(&path, e);
        let mut all = Vec::new();
        for (plan, linked) in targets {
            let plan = plan.as_str();
            let plan_id: i64 = tx
                .query_row("SELECT id FROM plan WHERE code = ?1", [plan], |r| r.get(0))
                .optional()
                .map_err(e)?
                .ok_or_else(|| super::StoreError::UnknownPlan(plan.to_owned()))?;
            // The plan's periods: id, code, standing.
            let periods: Vec<(i64, String, Standing)> = {
                let mut st = tx
                    .prepare(
                        "SELECT id, code, deadline, closed_at FROM period WHERE plan_id = ?1
                     ORDER BY position, id",
                    )
                    .map_err(e)?;
                let rows = st
                    .query_map([plan_id], |r| {
                        let deadline: Option<String> = r.get(2)?;
                        let closed: Option<String> = r.get(3)?;
                        let standing = Standing::of(closed.is_some(), deadline.as_deref(), &today);
                        Ok((r.get(0)?, r.get(1)?, standing))
                    })
                    .map_err(e)?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map_err(e)?;
                rows
            };
            let mut out = Vec::new();
            for l in linked {
                let t = Target::new(&tx, &path, plan, &l.item)?;
                let indicator = t.nth("indicator", l.number - 1)?;
                let name: Text = tx
                    .query_row(
                        "SELECT name_fi, name_sv, name_en FROM indicator WHERE id = ?1",
                        [indicator],
                        |r| super::sql::text(r, 0),
                    )
                    .map_err(e)?;
                let mut touched = false;
                for obs in observations.iter().filter(|o| o.series == l.series) {
                    let code = obs.year.to_string();
                    let Some((period_id, period, standing)) =
                        periods.iter().find(|(_, c, _)| *c == code)
                    else {
                        continue;
                    };
                    let row: Option<(Option<f64>, Option<Fetched>)> = tx
                        .query_row(
                            &format!(
                                "SELECT value, {} FROM indicator_value
                             WHERE indicator_id = ?1 AND period_id = ?2",
                                super::provenance::columns("")
                            ),
                            params![indicator, period_id],
                            |r| Ok((r.get(0)?, super::provenance::row(r, 1)?)),
                        )
                        .optional()
                        .map_err(e)?;
                    let stored = match &row {
                        None => Stored::Nothing,
                        Some((v, None)) => Stored::ByHand(*v),
                        Some((v, Some(f))) => Stored::Fetched(*v, f.revised.clone()),
                    };
                    let decision = decide(&stored, *standing, obs, overwrite, p.at);
                    let before = row.as_ref().map(|(v, _)| *v);
                    let fetched = |revised| Fetched {
                        series: l.series.clone(),
                        at: p.at.to_owned(),
                        from: p.from.to_owned(),
                        flags: if obs.deleted {
                            "deleted".to_owned()
                        } else {
                            obs.flags.clone()
                        },
                        revised,
                    };
                    let write = |value: Option<f64>, f: &Fetched| -> Result<()> {
                        let vals = super::provenance::values(Some(f));
                        let sql = format!(
                        "INSERT INTO indicator_value (indicator_id, period_id, value, {})
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                         ON CONFLICT (indicator_id, period_id) DO UPDATE SET value = excluded.value, {}",
                        super::provenance::columns(""),
                        super::provenance::COLUMNS
                            .iter()
                            .map(|c| format!("{c} = excluded.{c}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                        let mut args: Vec<rusqlite::types::Value> = vec![
                            indicator.into(),
                            (*period_id).into(),
                            value.map_or(rusqlite::types::Value::Null, Into::into),
                        ];
                        args.extend(vals);
                        tx.execute(&sql, rusqlite::params_from_iter(args))
                            .map(|_| ())
                            .map_err(e)
                    };
                    let log_value = |value: Option<f64>| -> Result<()> {
                        if before != Some(value) {
                            t.log(
                                p.user,
                                p.at,
                                Some(period),
                                "indicator.value",
                                None,
                                before.map(figure_text).as_deref(),
                                Some(&figure_text(value)),
                            )?;
                        }
                        Ok(())
                    };
                    match &decision {
                        Decision::Write(v) => {
                            write(*v, &fetched(None))?;
                            log_value(*v)?;
                            touched = true;
                        }
                        Decision::Same => {
                            // Renew when and from where a fetched value was read;
                            // a value typed by hand that agrees stays as typed.
                            if let Some((v, Some(f))) = &row {
                                write(*v, &fetched(f.revised.clone()))?;
                            }
                        }
                        Decision::Revise { value, revision } => {
                            write(*value, &fetched(Some(revision.clone())))?;
                            log_value(*value)?;
                            t.log(
                                p.user,
                                p.at,
                                Some(period),
                                "indicator.revised",
                                None,
                                Some(&figure_text(revision.reported)),
                                Some(&if revision.deleted {
                                    "deleted".to_owned()
                                } else {
                                    figure_text(revision.source)
                                }),
                            )?;
                            touched = true;
                        }
                        Decision::KeepByHand { .. } | Decision::Skip => {}
                    }
                    out.push(Applied {
                        item: l.item.clone(),
                        number: l.number,
                        name: name.clone(),
                        series: l.series.clone(),
                        period: period.clone(),
                        before,
                        decision,
                    });
                }
                if touched {
                    t.bump()?;
                }
            }
            all.push((plan.to_owned(), out));
        }
        if dry_run {
            tx.rollback().map_err(e)?;
        } else {
            tx.commit().map_err(e)?;
        }
        Ok(all)
    }
}
