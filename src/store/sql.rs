//! Small helpers for the three-column translated texts.

use rusqlite::Row;

use crate::domain::{Lang, Text};

/// `title` → `title_fi, title_sv, title_en`.
pub fn cols(field: &str) -> String {
    Lang::ALL
        .iter()
        .map(|l| format!("{field}_{}", l.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The three values of a text, in column order.
pub fn vals(t: &Text) -> [Option<&str>; 3] {
    [t.get(Lang::Fi), t.get(Lang::Sv), t.get(Lang::En)]
}

/// Reads a text from three consecutive columns starting at `i`.
pub fn text(row: &Row<'_>, i: usize) -> rusqlite::Result<Text> {
    let fi: Option<String> = row.get(i)?;
    let sv: Option<String> = row.get(i + 1)?;
    let en: Option<String> = row.get(i + 2)?;
    Ok(Text::new(fi.as_deref(), sv.as_deref(), en.as_deref()))
}
