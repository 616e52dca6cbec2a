//! A workbook's sheet read by calamine: `.xlsx`, `.xlsm`, `.xlsb`, `.xls`
//! and `.ods`.

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use super::grid::{Cell, Grid};
use super::Problem;

/// The names a spreadsheet program gives a new sheet: no plan's title.
pub fn default_sheet_name(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    let stem = n.trim_end_matches(|c: char| c.is_ascii_digit());
    stem.len() < n.len()
        && ["sheet", "taul", "taulukko", "blad", "tabelle", "feuil"].contains(&stem)
}

/// The sheet `wanted` (by name, case aside), or the first, of a workbook.
pub fn grid(bytes: &[u8], wanted: Option<&str>) -> Result<Grid, (Option<String>, Problem)> {
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| (None, Problem::NotAWorkbook(e.to_string())))?;
    let names = wb.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| names.iter().find(|n| n.to_lowercase() == w.to_lowercase()))
            .cloned()
            .ok_or_else(|| {
                (
                    None,
                    Problem::NoSuchSheet {
                        name: w.to_owned(),
                        sheets: names.clone(),
                    },
                )
            })?,
        None => names.first().cloned().ok_or((None, Problem::NoSheets))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| (Some(name.clone()), Problem::NotAWorkbook(e.to_string())))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; col0 as usize];
        cells.extend(r.iter().map(cell));
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((row0 + i as u32 + 1, cells));
        }
    }
    Ok(Grid {
        sheet: Some(name),
        rows,
    })
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Text(i.to_string()),
        // A whole number as Excel shows it (`2`, not `2.0`); `1.1` as typed.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cell::Text(format!("{}", *f as i64))
        }
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Cell::Date(format!("{y:04}-{m:02}-{day:02}"))
        }
        Data::DateTimeIso(s) => Cell::Date(s.chars().take(10).collect()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
