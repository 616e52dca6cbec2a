//! A map file: the user's own header texts and the columns they are, e.g.
//! `"Åtgärd" = "title.sv"`, `"Budjetti" = "-"` (left out).

use super::headers::{normal, target, Column};
use super::Problem;

/// One line of a map file.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The header as written in the map file.
    pub header: String,
    /// The header as compared (see [`normal`]).
    pub normal: String,
    pub column: Column,
    /// The line of the map file that says it.
    pub line: usize,
}

/// The line of the map file where `key` is written.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.contains(key))
        .map_or(1, |i| i + 1)
}

/// Reads a map file; a problem comes with its line.
pub fn parse(text: &str) -> Result<Vec<Entry>, (Option<usize>, Problem)> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
        (line, Problem::MapSyntax(e.message().to_owned()))
    })?;
    let mut out = Vec::new();
    for (header, value) in &table {
        let line = line_of(text, header);
        let Some(to) = value.as_str() else {
            return Err((Some(line), Problem::MapNotText(header.clone())));
        };
        let column = target(to).ok_or_else(|| {
            (
                Some(line),
                Problem::MapUnknownTarget {
                    header: header.clone(),
                    target: to.to_owned(),
                },
            )
        })?;
        out.push(Entry {
            header: header.clone(),
            normal: normal(header),
            column,
            line,
        });
    }
    out.sort_by_key(|e| e.line);
    Ok(out)
}
