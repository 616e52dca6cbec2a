//! Editing the figures of an item: an indicator's value in a period, an
//! indicator's thresholds, a risk's probability and consequence.
//!
//! Each public function is one `BEGIN IMMEDIATE` transaction that validates
//! first, then changes one row, bumps the item's `version` and writes one
//! change-log row; a refused edit writes nothing. Setting what is already
//! stored changes nothing and logs nothing. Each returns what was stored
//! before, in the form it takes, so that undo is the same call with the old
//! value.
//!
//! Numbers are written to the log in Rust's shortest form that reads back to
//! the same `f64`, without an exponent: `12.5`, `70`, `0.8`, `-3`.

use rusqlite::{params, OptionalExtension};

use super::target::Target;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::indicator::ThresholdError;
use crate::domain::{risk, Direction, Thresholds};

/// The log text of a number (see the module documentation).
fn number(v: f64) -> String {
    format!("{v}")
}

/// The log text of an indicator value row: `None` (a SQL `NULL`) when there is
/// no row, `""` for a row with no data ("iu"), else the number.
pub(super) fn value_text(v: Option<Option<f64>>) -> Option<String> {
    v.map(|v| v.map(number).unwrap_or_default())
}

fn direction_key(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "higher",
        Direction::Lower => "lower",
    }
}

/// The log text of thresholds: `higher 70 / 29` (direction, green / yellow).
fn thresholds_text(d: Direction, green: f64, yellow: f64) -> String {
    format!(
        "{} {} / {}",
        direction_key(d),
        number(green),
        number(yellow)
    )
}

/// The log text of a risk: `3 × 4` (probability × consequence).
pub(super) fn risk_text(probability: u8, consequence: u8) -> String {
    format!("{probability} × {consequence}")
}

impl Store {
    /// Sets the value of the item's indicator at `index` (0-based, in load
    /// order) in `period`:
    ///
    /// - `Some(Some(v))`: the value `v` (must be finite, else `NotFinite`);
    /// - `Some(None)`: a row with no data ("iu");
    /// - `None`: no row at all — what undo of a first value restores. A row
    ///   that carries a note is not removed (the note would be lost for
    ///   good): `None` then clears its value, as `Some(None)`.
    ///
    /// An existing row keeps its note. Returns what was stored before in the
    /// same form (`None`: there was no row), so that undo is this call with
    /// the returned value and gives back exactly the row as it was.
    ///
    /// Logged as field `indicator.value` with the period, no language, and
    /// old/new as text: `NULL` for no row, `""` for no data, else the number
    /// (`12.5`, `70`). The log row does not name the indicator's index.
    #[allow(clippy::too_many_arguments)]
    pub fn set_indicator_value(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        period: &str,
        value: Option<Option<f64>>,
        user: &str,
        at: &str,
    ) -> Result<Option<Option<f64>>> {
        self.set_indicator_value_checked(plan, item, index, period, value, None, user, at)
    }

    /// As [`Store::set_indicator_value`], refused with `Conflict` if the
    /// stored value is no longer `expect` (what the editor started from).
    #[allow(clippy::too_many_arguments)]
    pub fn set_indicator_value_checked(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        period: &str,
        value: Option<Option<f64>>,
        expect: Option<Option<Option<f64>>>,
        user: &str,
        at: &str,
    ) -> Result<Option<Option<f64>>> {
        if value.flatten().is_some_and(|v| !v.is_finite()) {
            return Err(StoreError::NotFinite);
        }
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let indicator = t.nth("indicator", index)?;
        let period_id = t.period(period)?;
        super::period::ensure_open(t.tx, t.path, period_id, t.plan, period)?;
        let found: Option<(Option<f64>, bool)> = tx
            .query_row(
                "SELECT value, coalesce(note_fi, '') || coalesce(note_sv, '') || coalesce(note_en, '') <> ''
                 FROM indicator_value WHERE indicator_id = ?1 AND period_id = ?2",
                params![indicator, period_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| t.e(e))?;
        let old = found.map(|(v, _)| v);
        if expect.is_some_and(|e| e != old) {
            return Err(t.conflict("indicator.value", Some(period), value_text(old)));
        }
        // A row with a note stays: removing it would lose the note for good.
        let noted = found.is_some_and(|(_, n)| n);
        let value = if noted { Some(value.flatten()) } else { value };
        if old != value {
            let done = match value {
                None => tx.execute(
                    "DELETE FROM indicator_value WHERE indicator_id = ?1 AND period_id = ?2",
                    params![indicator, period_id],
                ),
                Some(v) if old.is_some() => tx.execute(
                    // Typed by hand now: where a fetch read it no longer holds.
                    "UPDATE indicator_value SET value = ?3,
                       fetched_series = NULL, fetched_at = NULL, fetched_from = NULL,
                       fetched_flags = NULL, revised_at = NULL, revised_reported = NULL,
                       revised_source = NULL, revised_deleted = 0
                     WHERE indicator_id = ?1 AND period_id = ?2",
                    params![indicator, period_id, v],
                ),
                Some(v) => tx.execute(
                    "INSERT INTO indicator_value (indicator_id, period_id, value)
                     VALUES (?1, ?2, ?3)",
                    params![indicator, period_id, v],
                ),
            };
            done.map_err(|e| t.e(e))?;
            t.bump()?;
            t.log(
                user,
                at,
                Some(period),
                "indicator.value",
                None,
                value_text(old).as_deref(),
                value_text(value).as_deref(),
            )?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }

    /// Sets the direction and thresholds of the item's indicator at `index`
    /// (0-based, in load order). Refused as [`Thresholds::validate`] refuses
    /// them: `NotFinite`, or `YellowWrongSide` when `yellow` lies on the
    /// better side of `green`. Returns the old (direction, green, yellow).
    ///
    /// Logged as field `indicator.thresholds`, no period, no language, old/new
    /// as `higher 70 / 29` (direction, green / yellow).
    #[allow(clippy::too_many_arguments)]
    pub fn set_thresholds(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        direction: Direction,
        green: f64,
        yellow: f64,
        user: &str,
        at: &str,
    ) -> Result<(Direction, f64, f64)> {
        self.set_thresholds_checked(plan, item, index, direction, green, yellow, None, user, at)
    }

    /// As [`Store::set_thresholds`], refused with `Conflict` if the stored
    /// thresholds are no longer `expect`.
    #[allow(clippy::too_many_arguments)]
    pub fn set_thresholds_checked(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        direction: Direction,
        green: f64,
        yellow: f64,
        expect: Option<(Direction, f64, f64)>,
        user: &str,
        at: &str,
    ) -> Result<(Direction, f64, f64)> {
        let new = Thresholds {
            direction,
            green,
            yellow,
        };
        match new.validate() {
            Ok(()) => {}
            Err(ThresholdError::NotFinite) => return Err(StoreError::NotFinite),
            Err(ThresholdError::YellowOnWrongSide) => {
                return Err(StoreError::YellowWrongSide { direction })
            }
        }
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let indicator = t.nth("indicator", index)?;
        let (dir, old_green, old_yellow): (String, f64, f64) = tx
            .query_row(
                "SELECT direction, green, yellow FROM indicator WHERE id = ?1",
                [indicator],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| t.e(e))?;
        let old_direction = if dir == "lower" {
            Direction::Lower
        } else {
            Direction::Higher
        };
        let old = (old_direction, old_green, old_yellow);
        if expect.is_some_and(|e| e != old) {
            let theirs = thresholds_text(old_direction, old_green, old_yellow);
            return Err(t.conflict("indicator.thresholds", None, Some(theirs)));
        }
        if old != (direction, green, yellow) {
            tx.execute(
                "UPDATE indicator SET direction = ?2, green = ?3, yellow = ?4 WHERE id = ?1",
                params![indicator, direction_key(direction), green, yellow],
            )
            .map_err(|e| t.e(e))?;
            t.bump()?;
            t.log(
                user,
                at,
                None,
                "indicator.thresholds",
                None,
                Some(&thresholds_text(old_direction, old_green, old_yellow)),
                Some(&thresholds_text(direction, green, yellow)),
            )?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }

    /// Sets the probability and consequence of a risk, each on the scale 1–4
    /// (`OutOfScale` with the first value outside it). `NotARisk` when the
    /// item has no risk. Returns the old (probability, consequence).
    ///
    /// Logged as field `risk`, no period, no language, old/new as `3 × 4`
    /// (probability × consequence).
    pub fn set_risk(
        &mut self,
        plan: &str,
        item: &str,
        probability: u8,
        consequence: u8,
        user: &str,
        at: &str,
    ) -> Result<(u8, u8)> {
        self.set_risk_checked(plan, item, probability, consequence, None, user, at)
    }

    /// As [`Store::set_risk`], refused with `Conflict` if the stored score is
    /// no longer `expect`.
    #[allow(clippy::too_many_arguments)]
    pub fn set_risk_checked(
        &mut self,
        plan: &str,
        item: &str,
        probability: u8,
        consequence: u8,
        expect: Option<(u8, u8)>,
        user: &str,
        at: &str,
    ) -> Result<(u8, u8)> {
        if let Some(bad) = [probability, consequence]
            .into_iter()
            .find(|v| !risk::SCALE.contains(v))
        {
            return Err(StoreError::OutOfScale(bad));
        }
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let old: (u8, u8) = tx
            .query_row(
                "SELECT probability, consequence FROM risk WHERE item_id = ?1",
                [t.item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| t.e(e))?
            .ok_or_else(|| StoreError::NotARisk(item.to_owned()))?;
        if expect.is_some_and(|e| e != old) {
            return Err(t.conflict("risk", None, Some(risk_text(old.0, old.1))));
        }
        if old != (probability, consequence) {
            tx.execute(
                "UPDATE risk SET probability = ?2, consequence = ?3 WHERE item_id = ?1",
                params![t.item_id, probability, consequence],
            )
            .map_err(|e| t.e(e))?;
            t.bump()?;
            t.log(
                user,
                at,
                None,
                "risk",
                None,
                Some(&risk_text(old.0, old.1)),
                Some(&risk_text(probability, consequence)),
            )?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }
}
