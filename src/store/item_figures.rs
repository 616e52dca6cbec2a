//! An item's figures as a whole: its indicators (with their values) and its
//! risk (with its control moments), written in one transaction. Adding or
//! removing an indicator, a risk or a control moment is such a write, and so
//! is its undo; the app and `strata indicator|risk|control` share it.

use std::collections::HashMap;

use super::target::Target;
use super::{check_text, classify_at, Result, Store, StoreError};
use crate::domain::{risk, Indicator, Item, Risk};

/// What an item holds besides its texts and follow-ups.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub indicators: Vec<Indicator>,
    pub risk: Option<Risk>,
}

impl Figures {
    pub fn of(item: &Item) -> Figures {
        Figures {
            indicators: item.indicators.clone(),
            risk: item.risk.clone(),
        }
    }

    /// The rules of valid figures, before anything is written: every
    /// indicator named, its thresholds usable and its values finite; a risk
    /// on the 1–4 scale; every control moment saying what is checked; every
    /// text within the length limit.
    pub fn check(&self) -> Result<()> {
        for ind in &self.indicators {
            if ind.name.is_empty() {
                return Err(StoreError::NoTitle);
            }
            for t in [&ind.name, &ind.description, &ind.unit, &ind.source] {
                check_text(t)?;
            }
            if let Some(d) = ind
                .decimals
                .filter(|&d| d > crate::domain::rules::MAX_DECIMALS)
            {
                return Err(StoreError::TooManyDecimals(d));
            }
            match ind.thresholds().validate() {
                Ok(()) => {}
                Err(crate::domain::indicator::ThresholdError::NotFinite) => {
                    return Err(StoreError::NotFinite)
                }
                Err(crate::domain::indicator::ThresholdError::YellowOnWrongSide) => {
                    return Err(StoreError::YellowWrongSide {
                        direction: ind.direction,
                    })
                }
            }
            for v in &ind.values {
                if v.value.is_some_and(|x| !x.is_finite()) {
                    return Err(StoreError::NotFinite);
                }
                check_text(&v.note)?;
            }
        }
        if let Some(r) = &self.risk {
            if let Some(bad) = [r.probability, r.consequence]
                .into_iter()
                .find(|v| !risk::SCALE.contains(v))
            {
                return Err(StoreError::OutOfScale(bad));
            }
            for c in &r.controls {
                if c.what.is_empty() {
                    return Err(StoreError::NoTitle);
                }
                for t in [&c.what, &c.how, &c.frequency, &c.performer, &c.responsible] {
                    check_text(t)?;
                }
            }
        }
        Ok(())
    }
}

/// A name for the change log: the text in the first language it has.
fn name_of(t: &crate::domain::Text) -> String {
    crate::domain::Lang::ALL
        .iter()
        .find_map(|&l| t.get(l))
        .unwrap_or_default()
        .to_owned()
}

impl Store {
    /// The figures of one item, as stored (read inside the caller's
    /// transaction, if one is open).
    fn figures_of(&self, plan_id: i64, item_id: i64) -> Result<Figures> {
        let periods = self.period_codes(plan_id)?;
        let indicators = self
            .indicators(plan_id, &periods, Some(&[item_id]))?
            .remove(&item_id)
            .unwrap_or_default();
        let risk = self.risks(plan_id, Some(&[item_id]))?.remove(&item_id);
        Ok(Figures { indicators, risk })
    }

    /// Writes an item's figures as `new`, in one transaction, after the
    /// rules ([`Figures::check`]); refused with `Conflict` when `expect` is
    /// given and the stored figures are no longer what it says (a colleague
    /// changed them meanwhile). Returns the figures as they were.
    ///
    /// Logged per change: `indicator.N` (its name, old or new), `risk` (`3 ×
    /// 4`), `control.N` (what it checks). Values of periods that are closed
    /// cannot be changed this way ([`StoreError::PeriodClosed`]).
    pub fn replace_figures(
        &mut self,
        plan: &str,
        item: &str,
        new: &Figures,
        expect: Option<&Figures>,
        (user, at): (&str, &str),
    ) -> Result<Figures> {
        new.check()?;
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let old = self.figures_of(t.plan_id, t.item_id)?;
        if expect.is_some_and(|e| e != &old) {
            return Err(StoreError::Conflict {
                theirs: None,
                by: String::new(),
                at: String::new(),
            });
        }
        if &old == new {
            return Ok(old);
        }
        let codes = self.period_codes(t.plan_id)?;
        // A closed period's values stay as they were: per period, the
        // values (with the indicator's name and the note) before and after.
        let closed_ok = |p: &str| -> Result<()> {
            let of = |f: &Figures| {
                let mut v: Vec<String> = f
                    .indicators
                    .iter()
                    .flat_map(|i| {
                        i.values
                            .iter()
                            .filter(|v| v.period == p)
                            .map(move |v| format!("{:?}{:?}{:?}", i.name, v.value, v.note))
                    })
                    .collect();
                v.sort();
                v
            };
            if of(&old) == of(new) {
                return Ok(());
            }
            match codes.iter().find(|(_, c)| c.as_str() == p) {
                Some((&id, _)) => super::period::ensure_open(&tx, &path, id, plan, p),
                None => Ok(()),
            }
        };
        let touched: std::collections::BTreeSet<&str> = old
            .indicators
            .iter()
            .chain(&new.indicators)
            .flat_map(|i| i.values.iter().map(|v| v.period.as_str()))
            .collect();
        for p in touched {
            closed_ok(p)?;
        }
        let e = |e| classify_at(&path, e);
        tx.execute("DELETE FROM indicator WHERE item_id = ?1", [t.item_id])
            .map_err(e)?;
        tx.execute("DELETE FROM risk WHERE item_id = ?1", [t.item_id])
            .map_err(e)?;
        let by_code: HashMap<&str, i64> = codes.iter().map(|(id, c)| (c.as_str(), *id)).collect();
        let ctx = super::insert::ItemCtx {
            tx: &tx,
            plan_id: t.plan_id,
            periods: &by_code,
        };
        ctx.figures(t.item_id, &new.indicators, new.risk.as_ref())
            .map_err(|err| match err {
                rusqlite::Error::QueryReturnedNoRows => StoreError::UnknownPeriod {
                    plan: plan.to_owned(),
                    code: new
                        .indicators
                        .iter()
                        .flat_map(|i| &i.values)
                        .find(|v| !by_code.contains_key(v.period.as_str()))
                        .map(|v| v.period.clone())
                        .unwrap_or_default(),
                },
                other => e(other),
            })?;
        log_changes(&t, &old, new, user, at)?;
        t.bump()?;
        tx.commit().map_err(e)?;
        Ok(old)
    }
}

/// The change-log rows of a figures write: what was added or removed, and
/// any other change to an indicator, the risk or a control moment.
fn log_changes(t: &Target<'_>, old: &Figures, new: &Figures, user: &str, at: &str) -> Result<()> {
    let n = old.indicators.len().max(new.indicators.len());
    for i in 0..n {
        let (a, b) = (old.indicators.get(i), new.indicators.get(i));
        // A new link to a source series is logged as such.
        if let (Some(x), Some(y)) = (a, b) {
            if x.series != y.series {
                let s = |i: &crate::domain::Indicator| {
                    i.series.as_ref().map(|s| s.to_string()).unwrap_or_default()
                };
                t.log(
                    user,
                    at,
                    None,
                    &format!("indicator.{}.series", i + 1),
                    None,
                    Some(&s(x)),
                    Some(&s(y)),
                )?;
                let unlinked = |i: &crate::domain::Indicator| crate::domain::Indicator {
                    series: None,
                    ..i.clone()
                };
                if unlinked(x) == unlinked(y) {
                    continue;
                }
            }
        }
        if a != b {
            let a = a.map(|x| name_of(&x.name));
            let b = b.map(|x| name_of(&x.name));
            t.log(
                user,
                at,
                None,
                &format!("indicator.{}", i + 1),
                None,
                a.as_deref(),
                b.as_deref(),
            )?;
        }
    }
    let score = |r: &Risk| super::figures::risk_text(r.probability, r.consequence);
    let (ra, rb) = (old.risk.as_ref(), new.risk.as_ref());
    if ra.map(score) != rb.map(score) {
        t.log(
            user,
            at,
            None,
            "risk",
            None,
            ra.map(score).as_deref(),
            rb.map(score).as_deref(),
        )?;
    }
    let none = Vec::new();
    let (ca, cb) = (
        ra.map_or(&none, |r| &r.controls),
        rb.map_or(&none, |r| &r.controls),
    );
    for i in 0..ca.len().max(cb.len()) {
        let (a, b) = (ca.get(i), cb.get(i));
        if a != b {
            let a = a.map(|x| name_of(&x.what));
            let b = b.map(|x| name_of(&x.what));
            t.log(
                user,
                at,
                None,
                &format!("control.{}", i + 1),
                None,
                a.as_deref(),
                b.as_deref(),
            )?;
        }
    }
    Ok(())
}
