//! The exchange format: a versioned JSON document that holds plans completely.
//! See `docs/FORMAT.md`. Parsing is strict (unknown fields are errors) and every
//! error names the file, the line and the field.

pub mod locate;
pub mod reference;
pub mod sheet;
pub(crate) mod validate;

use serde::{Deserialize, Serialize};

use crate::domain::Plan;
pub use locate::Path;

/// The marker in the `format` field.
pub const FORMAT: &str = "strata";
/// The newest version of the format this strata reads and the one it writes.
/// Version 2 added a period's `deadline` and `closed`, an assessment's
/// `carried_from`, the document's `contacts` and an item's `contacts`; a
/// version 1 file reads as version 2 without them (every period open,
/// every status assessed, nobody named). Version 3 added an indicator's
/// `decimals`; without it a figure shows as many as it has. Version 4 added
/// an indicator's `series` and a value's `fetched` (where a fetch read it).
pub const VERSION: u32 = 4;
/// The largest file import reads.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The longest text value, in characters.
pub use crate::domain::rules::MAX_TEXT_CHARS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    /// The people the plans' items name (by `id`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<crate::domain::Contact>,
    pub plans: Vec<Plan>,
}

impl Document {
    pub fn new(plans: Vec<Plan>) -> Document {
        Document {
            format: FORMAT.to_owned(),
            version: VERSION,
            contacts: Vec::new(),
            plans,
        }
    }

    /// The plans with the contacts they need.
    pub fn with_contacts(plans: Vec<Plan>, contacts: Vec<crate::domain::Contact>) -> Document {
        Document {
            contacts,
            ..Document::new(plans)
        }
    }

    /// The document as the exporter writes it: two-space indentation, fields in
    /// a fixed order, a final newline. The same plans always give the same bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plans serialize");
        s.push('\n');
        s
    }
}

/// What is wrong with an input, independent of the language it is told in.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The JSON itself: syntax, a wrong type, an unknown or missing field.
    Json(String),
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Standard input holds more than the limit (its size is not known).
    TooLargeStream {
        limit: usize,
    },
    NotUtf8,
    WrongFormat(String),
    NewerVersion {
        found: u32,
        supported: u32,
    },
    Empty,
    NoTitle,
    BadCode(String),
    Duplicate(String),
    UnknownPeriod(String),
    /// An item names a contact the document does not list.
    UnknownContact(String),
    BadEmail(String),
    TextTooLong {
        chars: usize,
        limit: usize,
    },
    ThresholdNotFinite,
    TooManyDecimals(u8),
    YellowWrongSide {
        direction: crate::domain::Direction,
    },
    OutOfScale(u8),
    BadTimestamp(String),
    BadDate(String),
    PeriodEndsBeforeStart,
    PlanExists(String),
}

/// A rejected input: where, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    pub problem: Problem,
}

/// Parses and validates an exchange document. Nothing is written anywhere; on
/// success every plan in it is safe to store.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Document, InputError> {
    let err = |line, column, field, problem| InputError {
        file: file.to_owned(),
        line,
        column,
        field,
        problem,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(err(
            None,
            None,
            None,
            Problem::TooLarge {
                bytes: bytes.len(),
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        err(Some(line), None, None, Problem::NotUtf8)
    })?;
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc: Document = match serde_path_to_error::deserialize(de) {
        Ok(d) => d,
        Err(e) => {
            let field = e.path().to_string();
            let inner = e.into_inner();
            let msg = strip_position(&inner.to_string());
            let field = (field != "." && !field.is_empty()).then_some(field);
            return Err(err(
                Some(inner.line()),
                Some(inner.column()),
                field,
                Problem::Json(msg),
            ));
        }
    };
    validate::document(&doc).map_err(|(path, problem)| {
        err(
            Some(locate::line_of(text, &path)),
            None,
            Some(path.to_string()),
            problem,
        )
    })?;
    Ok(doc)
}

/// serde_json appends " at line L column C"; the error carries those apart.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
  "format": "strata",
  "version": 1,
  "plans": [
    {
      "code": "p",
      "title": {"en": "P"},
      "periods": [{"code": "2025"}],
      "items": [
        {"code": "1", "title": {"en": "One"},
         "assessments": [{"period": "2025", "status": "on_track", "at": "2025-12-31T10:00:00Z"}]},
        {"code": "2", "title": {"en": "Two"}}
      ]
    }
  ]
}
"#;

    fn problem(text: &str) -> InputError {
        parse("f.json", text.as_bytes()).unwrap_err()
    }

    #[test]
    fn minimal_document_parses_and_reexports_stably() {
        let doc = parse("f.json", MINIMAL.as_bytes()).unwrap();
        let once = doc.to_json();
        let twice = parse("g.json", once.as_bytes()).unwrap().to_json();
        assert_eq!(once, twice);
    }

    #[test]
    fn truncated_json_names_the_line() {
        let cut = &MINIMAL[..MINIMAL.len() / 2];
        let e = problem(cut);
        assert!(matches!(e.problem, Problem::Json(_)));
        assert!(e.line.unwrap() > 5, "{e:?}");
    }

    #[test]
    fn unknown_field_is_named_with_its_path() {
        let e = problem(&MINIMAL.replace("\"code\": \"2\"", "\"code\": \"2\", \"colour\": 1"));
        assert_eq!(e.field.as_deref(), Some("plans[0].items[1].colour"));
        assert_eq!(e.line, Some(12));
        let Problem::Json(m) = e.problem else {
            panic!()
        };
        assert!(m.contains("unknown field `colour`"), "{m}");
    }

    #[test]
    fn duplicate_item_code_points_at_the_second() {
        let e = problem(&MINIMAL.replace("\"code\": \"2\"", "\"code\": \"1\""));
        assert_eq!(e.problem, Problem::Duplicate("1".into()));
        assert_eq!(e.field.as_deref(), Some("plans[0].items[1].code"));
        assert_eq!(e.line, Some(12));
    }

    #[test]
    fn unknown_period_is_refused() {
        let e = problem(&MINIMAL.replace("\"period\": \"2025\"", "\"period\": \"2024\""));
        assert_eq!(e.problem, Problem::UnknownPeriod("2024".into()));
        assert_eq!(
            e.field.as_deref(),
            Some("plans[0].items[0].assessments[0].period")
        );
    }

    #[test]
    fn newer_version_is_refused() {
        let e = problem(&MINIMAL.replace("\"version\": 1", "\"version\": 7"));
        assert_eq!(
            e.problem,
            Problem::NewerVersion {
                found: 7,
                supported: VERSION
            }
        );
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn text_over_the_limit_is_refused() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let e = problem(&MINIMAL.replace("\"One\"", &format!("\"{long}\"")));
        assert!(matches!(e.problem, Problem::TextTooLong { .. }));
        assert_eq!(e.field.as_deref(), Some("plans[0].items[0].title.en"));
    }
}
