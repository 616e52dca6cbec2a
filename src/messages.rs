//! Store errors told to the user in the display language: shared by the
//! command line and the app.

use crate::domain::Lang;
use crate::i18n::{t, tf};
use crate::store::StoreError;

pub fn store_error(lang: Lang, e: &StoreError) -> String {
    let p = |path: &std::path::Path| path.display().to_string();
    match e {
        StoreError::NotADatabase { path } => tf(lang, "err.not_a_database", &[("path", &p(path))]),
        StoreError::NotStrata { path } => tf(lang, "err.not_strata", &[("path", &p(path))]),
        StoreError::TooNew {
            path,
            found,
            supported,
        } => tf(
            lang,
            "err.too_new",
            &[
                ("path", &p(path)),
                ("found", found),
                ("supported", supported),
            ],
        ),
        StoreError::NeedsUpgrade {
            path,
            found,
            supported,
        } => tf(
            lang,
            "err.needs_upgrade",
            &[
                ("path", &p(path)),
                ("found", found),
                ("supported", supported),
            ],
        ),
        StoreError::Missing { path } => tf(lang, "err.missing", &[("path", &p(path))]),
        StoreError::Busy { path } => tf(lang, "err.busy", &[("path", &p(path))]),
        StoreError::ReadOnly { path } => tf(lang, "err.read_only", &[("path", &p(path))]),
        StoreError::PlanExists(c) => tf(lang, "err.plan_exists", &[("plan", c)]),
        StoreError::UnknownPlan(c) => tf(lang, "err.unknown_plan", &[("plan", c)]),
        StoreError::UnknownItem { plan, code } => {
            tf(lang, "err.unknown_item", &[("plan", plan), ("item", code)])
        }
        StoreError::UnknownPeriod { plan, code } => tf(
            lang,
            "err.unknown_period",
            &[("plan", plan), ("period", code)],
        ),
        StoreError::NoPeriods(plan) => tf(lang, "err.no_periods", &[("plan", plan)]),
        StoreError::Conflict { by, at, .. } => tf(
            lang,
            "err.conflict",
            &[("user", by), ("at", &crate::i18n::date_time(lang, at))],
        ),
        StoreError::Cycle { code } => tf(lang, "err.cycle", &[("item", code)]),
        StoreError::CodeTaken { plan, code } => {
            tf(lang, "err.code_taken", &[("plan", plan), ("item", code)])
        }
        StoreError::BadCode(code) => tf(lang, "input.bad_code", &[("code", code)]),
        StoreError::YellowWrongSide { direction } => t(
            lang,
            match direction {
                crate::domain::Direction::Higher => "input.yellow_above_green",
                crate::domain::Direction::Lower => "input.yellow_below_green",
            },
        )
        .to_owned(),
        StoreError::NotFinite => t(lang, "input.not_finite").to_owned(),
        StoreError::OutOfScale(v) => tf(lang, "input.out_of_scale", &[("value", v)]),
        StoreError::UnknownIndicator { code, index } => tf(
            lang,
            "err.unknown_indicator",
            &[("item", code), ("n", &(index + 1))],
        ),
        StoreError::NotARisk(code) => tf(lang, "err.not_a_risk", &[("item", code)]),
        StoreError::PeriodExists { plan, code } => tf(
            lang,
            "err.period_exists",
            &[("plan", plan), ("period", code)],
        ),
        StoreError::Io { path, source } => {
            tf(lang, "err.io", &[("path", &p(path)), ("reason", source)])
        }
        StoreError::Sqlite { path, source } => tf(
            lang,
            "err.sqlite",
            &[("path", &p(path)), ("reason", source)],
        ),
    }
}

/// A text's place in words, for the missing-translations lists: "comment
/// (2025)", "indicator 2: unit".
pub fn missing_field(lang: Lang, field: &crate::domain::translation::Field) -> String {
    use crate::domain::translation::Field;
    let status = match field {
        Field::StatusLabel(s) => t(lang, &format!("status.{}", s.key())),
        _ => "",
    };
    let n = field.number().unwrap_or(0);
    let period = crate::display::sanitize(field.period().unwrap_or(""), false).into_owned();
    tf(
        lang,
        &format!("missing.field.{}", field.key()),
        &[("n", &n), ("period", &period), ("status", &status)],
    )
}
