//! The columns of a fetched value's provenance, read and written in one
//! place (schema 6).

use rusqlite::types::Value;
use rusqlite::Row;

use crate::domain::series::{Fetched, Revision, Series};

/// The provenance columns of `indicator_value`, in the order [`row`] and
/// [`values`] use, for a `SELECT` (with `prefix`, e.g. `v.`) or an `INSERT`.
pub fn columns(prefix: &str) -> String {
    COLUMNS
        .iter()
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub const COLUMNS: [&str; 8] = [
    "fetched_series",
    "fetched_at",
    "fetched_from",
    "fetched_flags",
    "revised_at",
    "revised_reported",
    "revised_source",
    "revised_deleted",
];

/// The provenance read from the eight columns starting at `i`; none for a
/// value typed by hand (or a series line this strata cannot read).
pub fn row(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Fetched>> {
    let series: Option<String> = r.get(i)?;
    let Some(series) = series.and_then(|s| Series::parse(&s).ok()) else {
        return Ok(None);
    };
    let revised_at: Option<String> = r.get(i + 4)?;
    Ok(Some(Fetched {
        series,
        at: r.get::<_, Option<String>>(i + 1)?.unwrap_or_default(),
        from: r.get::<_, Option<String>>(i + 2)?.unwrap_or_default(),
        flags: r.get::<_, Option<String>>(i + 3)?.unwrap_or_default(),
        revised: match revised_at {
            None => None,
            Some(at) => Some(Revision {
                at,
                reported: r.get(i + 5)?,
                source: r.get(i + 6)?,
                deleted: r.get::<_, i64>(i + 7)? != 0,
            }),
        },
    }))
}

/// The eight column values of a provenance (all `NULL` and `0` for a value
/// typed by hand).
pub fn values(f: Option<&Fetched>) -> [Value; 8] {
    let s = |v: Option<&str>| v.map_or(Value::Null, |v| Value::Text(v.to_owned()));
    let n = |v: Option<f64>| v.map_or(Value::Null, Value::Real);
    let Some(f) = f else {
        return [
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Integer(0),
        ];
    };
    let r = f.revised.as_ref();
    [
        Value::Text(f.series.to_string()),
        Value::Text(f.at.clone()),
        s(Some(&f.from).filter(|x| !x.is_empty()).map(|x| x.as_str())),
        s(Some(&f.flags).filter(|x| !x.is_empty()).map(|x| x.as_str())),
        s(r.map(|r| r.at.as_str())),
        n(r.and_then(|r| r.reported)),
        n(r.and_then(|r| r.source)),
        Value::Integer(r.is_some_and(|r| r.deleted) as i64),
    ]
}
