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
        StoreError::Damaged { path, what } => tf(
            lang,
            "err.damaged",
            &[("path", &p(path)), ("what", &damage(lang, what))],
        ),
        StoreError::Migration { path, to, reason } => tf(
            lang,
            "err.migration",
            &[
                ("path", &p(path)),
                ("to", to),
                ("reason", &crate::display::sanitize(reason, false)),
            ],
        ),
        StoreError::Empty { path } => tf(lang, "err.empty_file", &[("path", &p(path))]),
        StoreError::Busy { path } => tf(lang, "err.busy", &[("path", &p(path))]),
        StoreError::ReadOnly { path } => tf(lang, "err.read_only", &[("path", &p(path))]),
        StoreError::ReadOnlyMedium { path } => {
            tf(lang, "err.read_only_medium", &[("path", &p(path))])
        }
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
        StoreError::BadYears => t(lang, "input.bad_years").to_owned(),
        StoreError::PlanCodeTaken(c) => tf(lang, "err.plan_code_taken", &[("code", c)]),
        StoreError::TooManyDecimals(d) => tf(
            lang,
            "input.too_many_decimals",
            &[("n", d), ("max", &crate::domain::rules::MAX_DECIMALS)],
        ),
        StoreError::OutOfScale(v) => tf(lang, "input.out_of_scale", &[("value", v)]),
        StoreError::UnknownIndicator { code, index } => tf(
            lang,
            "err.unknown_indicator",
            &[("item", code), ("n", &(index + 1))],
        ),
        StoreError::UnknownControl { code, index } => tf(
            lang,
            "err.unknown_control",
            &[("item", code), ("n", &(index + 1))],
        ),
        StoreError::NotARisk(code) => tf(lang, "err.not_a_risk", &[("item", code)]),
        StoreError::TextTooLong { chars, limit } => tf(
            lang,
            "input.text_too_long",
            &[
                ("chars", &crate::i18n::integer(lang, *chars as i64)),
                ("limit", &crate::i18n::integer(lang, *limit as i64)),
            ],
        ),
        StoreError::NoTitle => t(lang, "input.no_title").to_owned(),
        StoreError::BadDate(d) => tf(lang, "input.bad_date", &[("value", d)]),
        StoreError::EndsBeforeStart => t(lang, "input.ends_before_start").to_owned(),
        StoreError::PeriodExists { plan, code } => tf(
            lang,
            "err.period_exists",
            &[("plan", plan), ("period", code)],
        ),
        StoreError::UnknownContact(id) => tf(lang, "err.unknown_contact", &[("id", id)]),
        StoreError::ContactExists(id) => tf(lang, "err.contact_exists", &[("id", id)]),
        StoreError::ContactLinked { id, items } => tf(
            lang,
            "err.contact_linked",
            &[
                ("id", id),
                ("items", &crate::i18n::plural(lang, "count.items", *items)),
            ],
        ),
        StoreError::BadEmail(v) => tf(lang, "err.bad_email", &[("value", v)]),
        StoreError::PeriodClosed { plan, code } => tf(
            lang,
            "err.period_closed",
            &[("plan", plan), ("period", code)],
        ),
        StoreError::PeriodHasFollowUps { plan, code, count } => tf(
            lang,
            "err.period_has_follow_ups",
            &[
                ("plan", plan),
                ("period", code),
                (
                    "follow_ups",
                    &crate::i18n::plural(lang, "count.follow_ups", *count),
                ),
            ],
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

/// What was found damaged, in words; SQLite's own findings as it wrote them.
pub fn damage(lang: Lang, d: &crate::store::Damage) -> String {
    use crate::store::Damage;
    match d {
        Damage::Malformed => t(lang, "damage.malformed").to_owned(),
        Damage::NotUtf8 => t(lang, "damage.not_utf8").to_owned(),
        Damage::Earlier => t(lang, "damage.earlier").to_owned(),
        Damage::Found(s) => crate::display::sanitize(s, false).into_owned(),
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

/// A text's name as a label, capitalized: "Title", "Comment", "Level 2",
/// "Indicator 2: unit", the label of period 2025, the wording for a status.
pub fn field_label(lang: Lang, field: &crate::domain::Field) -> String {
    use crate::domain::Field;
    match field {
        Field::Title
        | Field::LevelName
        | Field::Description
        | Field::Owner
        | Field::FollowUp
        | Field::PlanTitle
        | Field::PlanDescription
        | Field::PlanOrganisation
        | Field::Comment { .. } => {
            let col = field.key().rsplit('.').next().unwrap_or_default();
            t(lang, &format!("label.{col}")).to_owned()
        }
        Field::Level(d) => tf(lang, "translations.level", &[("n", &(d + 1))]),
        Field::PeriodLabel(code) => tf(
            lang,
            "translations.period_label",
            &[("period", &crate::display::sanitize(code, false))],
        ),
        Field::StatusLabel(st) => tf(
            lang,
            "translations.status_label",
            &[("status", &t(lang, &format!("status.{}", st.key())))],
        ),
        _ => capitalize(&missing_field(lang, field)),
    }
}

/// The first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A change-log field in words: "Tila", "indicator 2: unit", "Kausi 2025"
/// (raw names only for fields no catalog knows).
pub fn log_field(lang: Lang, field: &str) -> String {
    if let Some(base) = field.strip_suffix("-discarded") {
        return tf(
            lang,
            "log.field.discarded",
            &[("field", &log_field(lang, base))],
        );
    }
    if let Some(words) = crate::i18n::try_t(lang, &format!("label.{field}"))
        .or_else(|| crate::i18n::try_t(lang, &format!("log.field.{field}")))
    {
        return words.to_owned();
    }
    let parts: Vec<&str> = field.splitn(3, '.').collect();
    match parts.as_slice() {
        [kind @ ("indicator" | "control"), n, sub] => {
            let key = format!("missing.field.{kind}.{sub}");
            match crate::i18n::try_t(lang, &key) {
                Some(_) => tf(lang, &key, &[("n", n)]),
                None => field.to_owned(),
            }
        }
        ["period", code] => tf(lang, "translations.period_label", &[("period", code)]),
        // A whole indicator or control moment, added, changed or removed.
        [kind @ ("indicator" | "control"), n] => {
            tf(lang, &format!("log.field.{kind}_n"), &[("n", n)])
        }
        ["status_label", key] => {
            let word = crate::i18n::try_t(lang, &format!("status.{key}")).unwrap_or(key);
            tf(lang, "translations.status_label", &[("status", &word)])
        }
        ["level", n] => tf(lang, "translations.level", &[("n", n)]),
        _ => field.to_owned(),
    }
}

/// A change-log value as a reader sees it: statuses as symbol and word,
/// texts on one line, made safe for the terminal.
pub fn log_value(lang: Lang, field: &str, value: Option<&str>) -> String {
    match value {
        None => "–".to_owned(),
        Some(v) if field == "status" => match crate::domain::Status::parse(v) {
            Some(st) => format!(
                "{} {}",
                st.symbol(),
                t(lang, &format!("status.{}", st.key()))
            ),
            None => crate::display::sanitize(v, false).into_owned(),
        },
        Some(v) => crate::display::sanitize(&v.replace('\n', " "), false).into_owned(),
    }
}

/// A status as a user may write it on the command line, in any of the three
/// languages: the codes and digits (`off_track`, `red`, `4`), each
/// language's status words (`avviker`, `ei etene`, `at risk`) and colours
/// (`röd`, `punainen`, `yellow`); case and normal form do not matter.
pub fn parse_status(s: &str) -> Option<crate::domain::Status> {
    use crate::domain::Status;
    if let Some(st) = Status::parse(s) {
        return Some(st);
    }
    let want = crate::domain::rules::folded(s.trim());
    let colours = [
        ("green", Status::OnTrack),
        ("yellow", Status::AtRisk),
        ("red", Status::OffTrack),
    ];
    Lang::ALL.into_iter().find_map(|l| {
        let word = |key: &str| crate::domain::rules::folded(t(l, key));
        Status::ALL
            .into_iter()
            .find(|st| word(&format!("status.{}", st.key())) == want)
            .or_else(|| {
                colours
                    .iter()
                    .find(|(c, _)| word(&format!("light.{c}")) == want)
                    .map(|(_, st)| *st)
            })
    })
}

/// A count of items in a status as the language says it, agreeing in
/// number: "7 ej bedömda", "1 genomförd", "2 valmista", "7 arvioimatta".
pub fn counted_status(lang: Lang, s: crate::domain::Status, n: usize) -> String {
    crate::i18n::plural(lang, &format!("count.status.{}", s.key()), n)
}

/// Why a series line cannot be used, naming the part that is wrong, with an
/// example of one that can.
pub fn series_error(lang: Lang, value: &str, error: &crate::domain::series::SeriesError) -> String {
    use crate::domain::series::SeriesError as S;
    let why = match error {
        S::Shape => t(lang, "series.shape").to_owned(),
        S::UnknownSource(s) => tf(lang, "series.unknown_source", &[("value", s)]),
        S::BadId(s) => tf(lang, "series.bad_id", &[("value", s)]),
        S::BadArea(s) => tf(lang, "series.bad_area", &[("value", s)]),
        S::BadGender(s) => tf(lang, "series.bad_gender", &[("value", s)]),
    };
    tf(
        lang,
        "err.bad_series",
        &[
            ("value", &crate::display::sanitize(value, false)),
            ("why", &why),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_statuses_agree_in_number() {
        use crate::domain::Status::*;
        let c = counted_status;
        assert_eq!(c(Lang::Sv, Done, 2), "2 genomförda");
        assert_eq!(c(Lang::Sv, Done, 1), "1 genomförd");
        assert_eq!(c(Lang::Sv, NotAssessed, 7), "7 ej bedömda");
        assert_eq!(c(Lang::Sv, NotAssessed, 0), "0 ej bedömda");
        assert_eq!(c(Lang::Sv, AtRisk, 1), "1 med utmaningar");
        assert_eq!(c(Lang::Fi, Done, 2), "2 valmista");
        assert_eq!(c(Lang::Fi, Done, 1), "1 valmis");
        assert_eq!(c(Lang::Fi, NotAssessed, 7), "7 arvioimatta");
        assert_eq!(c(Lang::En, OffTrack, 3), "3 off track");
    }

    #[test]
    fn change_log_fields_and_values_read_in_the_display_language() {
        assert_eq!(log_field(Lang::Fi, "status"), "Tila");
        assert_eq!(log_field(Lang::Sv, "move"), "flyttad under");
        assert_eq!(log_field(Lang::En, "indicator.2.unit"), "indicator 2: unit");
        assert_eq!(log_field(Lang::Fi, "period.2025"), "Kausi 2025");
        assert_eq!(log_field(Lang::Sv, "indicator.3"), "indikator 3");
        assert_eq!(log_field(Lang::Fi, "control.1"), "valvontatoimi 1");
        assert_eq!(log_field(Lang::Fi, "plan.code"), "suunnitelman tunnus");
        assert_eq!(
            log_field(Lang::En, "comment-discarded"),
            "Comment, set aside in a conflict"
        );
        assert_eq!(log_field(Lang::En, "something.new"), "something.new");
        assert_eq!(
            log_value(Lang::Sv, "status", Some("off_track")),
            "■ avviker"
        );
        assert_eq!(log_value(Lang::En, "comment", Some("a\nb")), "a b");
        assert_eq!(log_value(Lang::En, "comment", None), "–");
    }
}
