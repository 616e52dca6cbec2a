//! Editing the translated texts below an item: an indicator's name,
//! description, unit and source; a control moment's what, how, frequency,
//! performer and responsible; the further actions of a follow-up.
//!
//! Each public function is one `BEGIN IMMEDIATE` transaction that sets one
//! language of one text (`None` or `""` clears it), bumps the item's
//! `version` and writes one change-log row with the language; a refused edit
//! writes nothing, and setting what is already stored changes nothing and
//! logs nothing. Each returns the old value, so that undo is the same call
//! with it.
//!
//! Each takes an optional `expect`, as [`Store::set_item_text_checked`]: the
//! text as it was when the editor opened it. If the stored one differs now,
//! another strata changed it meanwhile and the write is refused with
//! [`StoreError::Conflict`], carrying the stored text and the user and time
//! of the latest change-log row of that field and language (empty strings
//! when there is none).
//!
//! Indicators and controls are addressed by their index on the item (0-based,
//! in the order a load gives them); their log fields name it 1-based, as
//! `indicator.<n>.<field>` and `control.<n>.<field>`, so that the history can
//! tell them apart.

use rusqlite::params;

use super::sql::{cols, vals};
use super::target::Target;
use super::{classify_at, Result, Store, StoreError};
use crate::domain::Lang;

/// The indicator texts that can be edited, as their column prefixes.
const INDICATOR_TEXT_FIELDS: [&str; 4] = ["name", "description", "unit", "source"];

/// The control texts that can be edited, as their column prefixes.
const CONTROL_TEXT_FIELDS: [&str; 5] = ["what", "how", "frequency", "performer", "responsible"];

impl Store {
    /// Sets one language of a text (`name`, `description`, `unit`, `source`)
    /// of the item's indicator at `index` (0-based, in load order); `None`
    /// clears it. `UnknownIndicator` when the item has no such indicator.
    /// Returns the old value. With `expect`, refused with `Conflict` if the
    /// stored text is no longer it (see the module documentation).
    ///
    /// Logged as field `indicator.<n>.<field>` (`n` = `index + 1`) with the
    /// language, no period.
    ///
    /// Panics on a field that is not an indicator text.
    #[allow(clippy::too_many_arguments)]
    pub fn set_indicator_text(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        field: &str,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        assert!(
            INDICATOR_TEXT_FIELDS.contains(&field),
            "not an indicator text: {field}"
        );
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let id = t.nth("indicator", index)?;
        let log_field = format!("indicator.{}.{field}", index + 1);
        let old = t.set_column(
            "indicator",
            id,
            field,
            &log_field,
            lang,
            value,
            expect,
            user,
            at,
        )?;
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }

    /// Sets one language of a text (`what`, `how`, `frequency`, `performer`,
    /// `responsible`) of the risk's control moment at `index` (0-based, in
    /// load order); `None` clears it. `NotARisk` when the item has no risk;
    /// `UnknownIndicator` (there is no error of its own for controls) when
    /// the risk has no such control. Returns the old value. With `expect`,
    /// refused with `Conflict` if the stored text is no longer it.
    ///
    /// Logged as field `control.<n>.<field>` (`n` = `index + 1`) with the
    /// language, no period.
    ///
    /// Panics on a field that is not a control text.
    #[allow(clippy::too_many_arguments)]
    pub fn set_control_text(
        &mut self,
        plan: &str,
        item: &str,
        index: usize,
        field: &str,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        assert!(
            CONTROL_TEXT_FIELDS.contains(&field),
            "not a control text: {field}"
        );
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        if !t.is_risk()? {
            return Err(StoreError::NotARisk(item.to_owned()));
        }
        let id = t.nth("control", index)?;
        let log_field = format!("control.{}.{field}", index + 1);
        let old = t.set_column(
            "control", id, field, &log_field, lang, value, expect, user, at,
        )?;
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }

    /// Sets one language of the further actions of the item's current
    /// follow-up in `period`; `None` clears it. Written like a comment by
    /// [`Store::set_assessment`]: a new assessment row (by `user` at `at`)
    /// that carries over the status and the comment, so that the history
    /// keeps the old one; with no follow-up in the period yet, the new row's
    /// status is `not_assessed`. `UnknownPeriod` for a period the plan does
    /// not have. Returns the old value (`None` also when there was no
    /// follow-up). With `expect`, refused with `Conflict` if the stored text
    /// is no longer it.
    ///
    /// Logged as field `actions` with the period and the language.
    #[allow(clippy::too_many_arguments)]
    pub fn set_actions(
        &mut self,
        plan: &str,
        item: &str,
        period: &str,
        lang: Lang,
        value: Option<&str>,
        expect: Option<Option<&str>>,
        user: &str,
        at: &str,
    ) -> Result<Option<String>> {
        let path = self.path.clone();
        let tx = self.begin()?;
        let t = Target::new(&tx, &path, plan, item)?;
        let period_id = t.period(period)?;
        let (status, comment, old_actions) =
            super::write::current_of(&tx, t.item_id, period_id).map_err(|e| t.e(e))?;
        let old = old_actions.get(lang).map(str::to_owned);
        t.check(expect, old.as_deref(), Some(period), "actions", lang)?;
        let value = value.filter(|v| !v.is_empty());
        if old.as_deref() != value {
            let mut actions = old_actions;
            actions.set(lang, value.map(str::to_owned));
            let [c1, c2, c3] = vals(&comment);
            let [a1, a2, a3] = vals(&actions);
            tx.execute(
                &format!(
                    "INSERT INTO assessment (item_id, period_id, status, {}, {}, author, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    cols("comment"),
                    cols("actions")
                ),
                params![
                    t.item_id,
                    period_id,
                    status.key(),
                    c1,
                    c2,
                    c3,
                    a1,
                    a2,
                    a3,
                    user,
                    at
                ],
            )
            .map_err(|e| t.e(e))?;
            t.bump()?;
            t.log(
                user,
                at,
                Some(period),
                "actions",
                Some(lang),
                old.as_deref(),
                value,
            )?;
        }
        tx.commit().map_err(|e| classify_at(&path, e))?;
        Ok(old)
    }
}
