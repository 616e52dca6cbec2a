//! What can go wrong on the command line, told in the display language, with
//! the exit code that scripts can test.

use std::path::PathBuf;

use super::{code, Out};
use crate::config::ConfigError;
use crate::domain::Direction;
use crate::exchange::sheet::{Problem as SheetProblem, SheetError};
use crate::exchange::{InputError, Problem};
use crate::i18n::{integer, t, tf};
use crate::store::StoreError;

#[derive(Debug)]
pub enum CliError {
    /// The command has told the user what went wrong itself; only its exit
    /// code is left to give.
    Reported(i32),
    Store(StoreError),
    /// A value given with an option that the rules refuse, e.g. a
    /// `--comment` over the length limit; nothing was written.
    Option(&'static str, StoreError),
    Input(InputError),
    /// A rejected spreadsheet (or its map file).
    Sheet(Box<SheetError>),
    /// `--sheet`, `--map`, `--plan` or `--period` for a JSON file.
    SheetOptionForJson {
        option: &'static str,
        file: String,
    },
    /// `export --format xlsx` without `-o`, to a terminal.
    XlsxToTerminal,
    Config(ConfigError),
    BadAddress(String),
    /// A text name `strata text` does not know.
    BadField(String),
    BadStatus(String),
    BadOnly(String),
    NothingToSet,
    /// A figure given with an option that is not a number.
    NotANumber {
        option: &'static str,
        value: String,
    },
    /// `strata indicator value` without a value, `--no-data` or `--note`.
    NoValue,
    /// `strata edit-plan` without `--code` or `--years`.
    NothingToEdit,
    UnknownPeriodAnywhere(String),
    Exists(PathBuf),
    NoTerminal,
    /// A terminal that cannot show the app (`TERM=dumb`).
    DumbTerminal,
    BadDate(String),
    /// A key override the keymap refuses, with where the config file holds it.
    Keymap {
        error: crate::keymap::KeymapError,
        path: Option<PathBuf>,
        line: Option<usize>,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A source could not be read (or a saved answer, `file`); nothing was
    /// written.
    Fetch {
        error: crate::source::FetchError,
        file: Option<String>,
    },
    /// A series line that cannot be used.
    BadSeries {
        value: String,
        error: crate::domain::series::SeriesError,
    },
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        CliError::Store(e)
    }
}

impl From<SheetError> for CliError {
    fn from(e: SheetError) -> CliError {
        CliError::Sheet(Box::new(e))
    }
}

impl From<InputError> for CliError {
    fn from(e: InputError) -> CliError {
        CliError::Input(e)
    }
}

/// Prints the error to standard error and returns its exit code.
pub fn exit(out: Out, e: CliError) -> i32 {
    if let CliError::Reported(code) = e {
        return code;
    }
    let lang = out.lang;
    // Every message may quote data (a value from an import file, a code, a
    // path): escaped as the app escapes it, so that none can drive the
    // terminal.
    eprintln!(
        "strata: {}",
        crate::display::sanitize(&message(&e, out), true)
    );
    if let Some(hint) = hint(&e) {
        eprintln!("  {}", t(lang, hint));
    }
    exit_code(&e)
}

pub fn exit_code(e: &CliError) -> i32 {
    match e {
        CliError::Store(s) => match s {
            StoreError::NotADatabase { .. }
            | StoreError::NotStrata { .. }
            | StoreError::TooNew { .. }
            | StoreError::NeedsUpgrade { .. }
            | StoreError::Missing { .. }
            | StoreError::Empty { .. }
            | StoreError::Damaged { .. }
            | StoreError::Migration { .. }
            | StoreError::Sqlite { .. }
            | StoreError::Io { .. } => code::DATABASE,
            StoreError::Busy { .. } => code::BUSY,
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyMedium { .. } => code::READ_ONLY,
            _ => code::INPUT,
        },
        CliError::Exists(_) => code::DATABASE,
        CliError::Fetch { file: None, .. } => code::SOURCE,
        CliError::Reported(c) => *c,
        CliError::NoTerminal
        | CliError::DumbTerminal
        | CliError::NothingToSet
        | CliError::NoValue
        | CliError::NothingToEdit
        | CliError::SheetOptionForJson { .. }
        | CliError::XlsxToTerminal => code::USAGE,
        _ => code::INPUT,
    }
}

fn hint(e: &CliError) -> Option<&'static str> {
    match e {
        CliError::Store(StoreError::UnknownPlan(_)) => Some("hint.plans"),
        CliError::Store(StoreError::UnknownItem { .. }) => Some("hint.items"),
        CliError::Store(StoreError::UnknownPeriod { .. } | StoreError::NoPeriods(_))
        | CliError::UnknownPeriodAnywhere(_) => Some("hint.periods"),
        CliError::Store(StoreError::PlanExists(_)) => Some("hint.replace"),
        CliError::Store(StoreError::Busy { .. }) => Some("hint.busy"),
        CliError::Store(StoreError::Missing { .. } | StoreError::Empty { .. }) => Some("hint.init"),
        CliError::Store(StoreError::Damaged { .. }) => Some("hint.damaged"),
        CliError::BadStatus(_) => Some("hint.statuses"),
        CliError::Fetch {
            error:
                crate::source::FetchError::Offline { .. } | crate::source::FetchError::Timeout { .. },
            file: None,
        } => Some("hint.fetch_offline"),
        _ => None,
    }
}

pub fn message(e: &CliError, out: Out) -> String {
    let lang = out.lang;
    let p = |path: &std::path::Path| path.display().to_string();
    match e {
        CliError::Reported(_) => String::new(),
        CliError::Store(s) => crate::messages::store_error(lang, s),
        CliError::Option(name, s) => format!(
            "{name}: {}\n  {}",
            crate::messages::store_error(lang, s),
            t(lang, "msg.nothing_written")
        ),
        CliError::Input(e) => input(e, out),
        CliError::Sheet(e) => sheet(e, out),
        CliError::SheetOptionForJson { option, file } => tf(
            lang,
            "err.sheet_option_for_json",
            &[("option", option), ("file", file)],
        ),
        CliError::XlsxToTerminal => t(lang, "err.xlsx_to_terminal").to_owned(),
        CliError::Config(c) => {
            let at = match c.line {
                Some(l) => format!("{}:{l}", p(&c.path)),
                None => p(&c.path),
            };
            tf(lang, "err.config", &[("path", &at), ("reason", &c.message)])
        }
        CliError::BadAddress(a) => tf(lang, "err.bad_address", &[("address", a)]),
        CliError::BadField(f) => tf(lang, "err.bad_field", &[("field", f)]),
        CliError::BadStatus(s) => tf(lang, "err.bad_status", &[("status", s)]),
        CliError::BadOnly(s) => tf(lang, "err.bad_only", &[("value", s)]),
        CliError::NothingToSet => t(lang, "err.nothing_to_set").to_owned(),
        CliError::NotANumber { option, value } => tf(
            lang,
            "err.not_a_number",
            &[
                ("option", option),
                ("value", &crate::display::sanitize(value, false)),
            ],
        ),
        CliError::NoValue => t(lang, "err.no_value").to_owned(),
        CliError::NothingToEdit => t(lang, "err.nothing_to_edit").to_owned(),
        CliError::UnknownPeriodAnywhere(s) => {
            tf(lang, "err.unknown_period_anywhere", &[("period", s)])
        }
        CliError::Exists(path) => tf(lang, "err.exists", &[("path", &p(path))]),
        CliError::NoTerminal => t(lang, "tui.no_terminal").to_owned(),
        CliError::DumbTerminal => t(lang, "tui.dumb_terminal").to_owned(),
        CliError::BadDate(d) => tf(lang, "input.bad_date", &[("value", d)]),
        CliError::Keymap { error, path, line } => {
            let at = match (path, line) {
                (Some(path), Some(l)) => format!("{}:{l}", p(path)),
                (Some(path), None) => p(path),
                (None, _) => "config".to_owned(),
            };
            let args = |modes: &str| {
                tf(
                    lang,
                    if error.belongs.is_some() {
                        "err.keymap_mode"
                    } else {
                        "err.keymap"
                    },
                    &[
                        ("at", &at),
                        ("field", &error.field),
                        ("value", &error.value),
                        ("modes", &modes),
                    ],
                )
            };
            let modes = error.belongs.as_ref().map_or_else(String::new, |m| {
                m.iter()
                    .map(|m| format!("[keys.{m}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            args(&modes)
        }
        CliError::Io { path, source } => {
            tf(lang, "err.io", &[("path", &p(path)), ("reason", source)])
        }
        CliError::Fetch { error, file } => fetch_error(lang, error, file.as_deref()),
        CliError::BadSeries { value, error } => crate::messages::series_error(lang, value, error),
    }
}

/// Why a fetch failed, naming the source, and that nothing was changed.
fn fetch_error(
    lang: crate::domain::Lang,
    e: &crate::source::FetchError,
    file: Option<&str>,
) -> String {
    use crate::source::FetchError as F;
    let source = e
        .source()
        .map_or("", |s| t(lang, &format!("source.{}", s.key())));
    let what = match e {
        F::Offline { detail, .. } => tf(
            lang,
            "err.fetch_offline",
            &[("source", &source), ("detail", detail)],
        ),
        F::Timeout { seconds, .. } => tf(
            lang,
            "err.fetch_timeout",
            &[("source", &source), ("seconds", seconds)],
        ),
        F::Status { code, url, .. } => tf(
            lang,
            "err.fetch_status",
            &[("source", &source), ("code", code), ("url", url)],
        ),
        F::Malformed { detail, .. } => tf(
            lang,
            "err.fetch_malformed",
            &[("source", &source), ("detail", detail)],
        ),
        F::UnknownFile { detail } => tf(lang, "err.fetch_unknown_file", &[("start", detail)]),
    };
    let what = match file {
        Some(f) => format!("{f}: {what}"),
        None => what,
    };
    format!("{what}\n  {}", t(lang, "fetch.nothing_changed"))
}

/// A rejected input file: where (file, line, field), what, and that nothing
/// was changed.
fn input(e: &InputError, out: Out) -> String {
    let lang = out.lang;
    let mut at = e.file.clone();
    if let Some(l) = e.line {
        at.push_str(&format!(":{l}"));
        if let Some(c) = e.column {
            at.push_str(&format!(":{c}"));
        }
    }
    let what = match &e.problem {
        Problem::Json(m) => tf(
            lang,
            "input.json",
            &[("reason", &super::serde_words::message(lang, m))],
        ),
        Problem::TooLarge { bytes, limit } => tf(
            lang,
            "input.too_large",
            &[
                ("bytes", &integer(lang, *bytes as i64)),
                ("limit", &integer(lang, *limit as i64)),
            ],
        ),
        Problem::TooLargeStream { limit } => tf(
            lang,
            "input.too_large_stream",
            &[("limit", &integer(lang, *limit as i64))],
        ),
        Problem::NotUtf8 => t(lang, "input.not_utf8").to_owned(),
        Problem::WrongFormat(f) => tf(lang, "input.wrong_format", &[("found", f)]),
        Problem::NewerVersion { found, supported } => tf(
            lang,
            "input.newer_version",
            &[("found", found), ("supported", supported)],
        ),
        Problem::Empty => t(lang, "input.empty").to_owned(),
        Problem::NoTitle => t(lang, "input.no_title").to_owned(),
        Problem::BadCode(c) => tf(lang, "input.bad_code", &[("code", c)]),
        Problem::Duplicate(c) => tf(lang, "input.duplicate", &[("code", c)]),
        Problem::UnknownPeriod(c) => tf(lang, "input.unknown_period", &[("period", c)]),
        Problem::UnknownContact(c) => tf(lang, "input.unknown_contact", &[("id", c)]),
        Problem::BadEmail(v) => tf(lang, "input.bad_email", &[("value", v)]),
        Problem::TextTooLong { chars, limit } => tf(
            lang,
            "input.text_too_long",
            &[
                ("chars", &integer(lang, *chars as i64)),
                ("limit", &integer(lang, *limit as i64)),
            ],
        ),
        Problem::ThresholdNotFinite => t(lang, "input.not_finite").to_owned(),
        Problem::TooManyDecimals(d) => tf(
            lang,
            "input.too_many_decimals",
            &[("n", d), ("max", &crate::domain::rules::MAX_DECIMALS)],
        ),
        Problem::YellowWrongSide { direction } => t(
            lang,
            match direction {
                Direction::Higher => "input.yellow_above_green",
                Direction::Lower => "input.yellow_below_green",
            },
        )
        .to_owned(),
        Problem::OutOfScale(v) => tf(lang, "input.out_of_scale", &[("value", v)]),
        Problem::BadTimestamp(s) => tf(lang, "input.bad_timestamp", &[("value", s)]),
        Problem::BadDate(s) => tf(lang, "input.bad_date", &[("value", s)]),
        Problem::PeriodEndsBeforeStart => t(lang, "input.ends_before_start").to_owned(),
        Problem::PlanExists(c) => tf(lang, "err.plan_exists", &[("plan", c)]),
    };
    let field = match &e.field {
        Some(f) => tf(lang, "input.field", &[("field", f)]),
        None => String::new(),
    };
    format!(
        "{at}: {what}{field}\n  {}",
        t(lang, "input.nothing_changed")
    )
}

/// A rejected spreadsheet: file, sheet, row (as Excel numbers it), column
/// (its letter and header), what, and that nothing was changed.
fn sheet(e: &SheetError, out: Out) -> String {
    let lang = out.lang;
    let mut at = vec![e.file.clone()];
    if let Some(s) = &e.sheet {
        at.push(tf(lang, "sheet.at_sheet", &[("sheet", s)]));
    }
    if let Some(r) = e.row {
        at.push(tf(lang, "sheet.at_row", &[("row", &r)]));
    }
    if let Some(c) = &e.column {
        at.push(if c.header.is_empty() {
            tf(lang, "sheet.at_column_blank", &[("letter", &c.letter)])
        } else {
            tf(
                lang,
                "sheet.at_column",
                &[("letter", &c.letter), ("header", &c.header)],
            )
        });
    }
    if let Some(l) = e.line {
        at.push(tf(lang, "sheet.at_line", &[("line", &l)]));
    }
    let header = e.column.as_ref().map_or("", |c| c.header.as_str());
    let what = match &*e.problem {
        SheetProblem::NotAWorkbook(r) => tf(lang, "sheet.not_a_workbook", &[("reason", r)]),
        SheetProblem::NotCsv(r) => tf(lang, "sheet.not_csv", &[("reason", r)]),
        SheetProblem::NoSheets => t(lang, "sheet.no_sheets").to_owned(),
        SheetProblem::NoSuchSheet { name, sheets } => tf(
            lang,
            "sheet.no_such_sheet",
            &[("name", name), ("sheets", &sheets.join(", "))],
        ),
        SheetProblem::SheetOfCsv => t(lang, "sheet.sheet_of_csv").to_owned(),
        SheetProblem::NoHeaderRow { rows } => tf(lang, "sheet.no_header_row", &[("rows", rows)]),
        SheetProblem::UnknownColumn => tf(lang, "sheet.unknown_column", &[("header", &header)]),
        SheetProblem::NoHeader => t(lang, "sheet.no_header").to_owned(),
        SheetProblem::SameColumn(first) => tf(
            lang,
            "sheet.same_column",
            &[("letter", &first.letter), ("header", &first.header)],
        ),
        SheetProblem::NoTitleColumn => t(lang, "sheet.no_title_column").to_owned(),
        SheetProblem::NoRows => t(lang, "sheet.no_rows").to_owned(),
        SheetProblem::MissingCode => t(lang, "sheet.missing_code").to_owned(),
        SheetProblem::MissingTitle => t(lang, "sheet.missing_title").to_owned(),
        SheetProblem::BadCode(c) => tf(lang, "sheet.bad_code", &[("code", c)]),
        SheetProblem::CodeIsDate(d) => tf(lang, "sheet.code_is_date", &[("date", d)]),
        SheetProblem::BadPlanCode(c) => tf(lang, "sheet.bad_plan_code", &[("code", c)]),
        SheetProblem::NoPlanCode => t(lang, "sheet.no_plan_code").to_owned(),
        SheetProblem::NoSuchPlan { plan, plans } => tf(
            lang,
            "sheet.no_such_plan",
            &[("plan", plan), ("plans", &plans.join(", "))],
        ),
        SheetProblem::BadPeriod(p) => tf(lang, "sheet.bad_period", &[("period", p)]),
        SheetProblem::Duplicate { code, first_row } => tf(
            lang,
            "sheet.duplicate",
            &[("code", code), ("first", first_row)],
        ),
        SheetProblem::NoParent(p) => tf(lang, "sheet.no_parent", &[("parent", p)]),
        SheetProblem::Cycle(c) => tf(lang, "sheet.cycle", &[("code", c)]),
        SheetProblem::NotALevel(v) => tf(lang, "sheet.not_a_level", &[("value", v)]),
        SheetProblem::LevelJump { level, above } => tf(
            lang,
            "sheet.level_jump",
            &[("level", level), ("above", above)],
        ),
        SheetProblem::LevelMismatch { level, parent: 0 } => {
            tf(lang, "sheet.level_top", &[("level", level)])
        }
        SheetProblem::LevelMismatch { level, parent } => tf(
            lang,
            "sheet.level_mismatch",
            &[("level", level), ("parent", parent)],
        ),
        SheetProblem::UnknownStatus(v) => tf(lang, "sheet.unknown_status", &[("value", v)]),
        SheetProblem::CellError(v) => tf(lang, "sheet.cell_error", &[("value", v)]),
        SheetProblem::TextTooLong { chars, limit } => tf(
            lang,
            "input.text_too_long",
            &[
                ("chars", &integer(lang, *chars as i64)),
                ("limit", &integer(lang, *limit as i64)),
            ],
        ),
        SheetProblem::BadTimestamp(v) => tf(lang, "input.bad_timestamp", &[("value", v)]),
        SheetProblem::MapSyntax(r) => tf(lang, "sheet.map_syntax", &[("reason", r)]),
        SheetProblem::MapNotText(h) => tf(lang, "sheet.map_not_text", &[("header", h)]),
        SheetProblem::MapUnknownTarget { header: _, target } => {
            tf(lang, "sheet.map_unknown_target", &[("target", target)])
        }
        SheetProblem::MapNoSuchHeader { header, headers } => tf(
            lang,
            "sheet.map_no_such_header",
            &[("header", header), ("headers", &headers.join(", "))],
        ),
        SheetProblem::Invalid(p, field) => {
            let inner = input(
                &InputError {
                    file: String::new(),
                    line: None,
                    column: None,
                    field: Some(field.clone()),
                    problem: p.clone(),
                },
                out,
            );
            // The inner message without its empty place and closing line.
            inner
                .trim_start_matches(": ")
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned()
        }
    };
    format!(
        "{}: {what}\n  {}",
        at.join(", "),
        t(lang, "input.nothing_changed")
    )
}
