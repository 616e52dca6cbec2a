//! A CSV file read by the `csv` crate: `,` or `;` (as Finnish and Swedish
//! Excel writes it) or tab between fields, with or without a byte-order
//! mark, in UTF-8 or in the Windows-1252 that Excel's plain "CSV" writes.

use super::grid::{Cell, Grid};
use super::Problem;

/// The separator the file's first lines use most: `;`, `,` or tab.
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let count = |c| head.matches(c).count();
    [(';', b';'), (',', b','), ('\t', b'\t')]
        .into_iter()
        .max_by_key(|&(c, _)| count(c))
        .filter(|&(c, _)| count(c) > 0)
        .map_or(b',', |(_, b)| b)
}

pub fn grid(bytes: &[u8]) -> Result<Grid, (Option<String>, Problem)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| (None, Problem::NotCsv(e.to_string())))?;
        let cells: Vec<Cell> = record.iter().map(|f| Cell::Text(f.to_owned())).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((i as u32 + 1, cells));
        }
    }
    Ok(Grid { sheet: None, rows })
}
