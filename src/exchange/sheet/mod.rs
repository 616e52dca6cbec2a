//! Plans from a spreadsheet, and back: one row per item, a column per kind of
//! text and language (`Koodi`, `Otsikko (sv)`, `Vastuutaho`, `Tila 2025` …),
//! read from `.xlsx`, `.xls`, `.ods` (calamine) or `.csv` (the csv crate),
//! written as `.xlsx` (rust_xlsxwriter) in the same shape. Reading is all or
//! nothing: the first bad cell is named by file, sheet, row (as Excel numbers
//! it) and column (its letter and header).

mod delimited;
mod grid;
pub mod headers;
mod map;
mod plan;
mod read;
mod workbook;
pub mod write;

use crate::domain::{Lang, Plan};
pub use headers::{Column, Field};

/// What kind of file a name is, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`
    Workbook,
    /// `.csv`, `.tsv`
    Delimited,
}

impl Kind {
    pub fn of(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Kind::Workbook),
            "csv" | "tsv" => Some(Kind::Delimited),
            _ => None,
        }
    }
}

/// How to read a sheet, beyond its cells.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    /// The sheet to read (default: the first).
    pub sheet: Option<&'a str>,
    /// The plan's code; with a plan column, the plan to take from the sheet.
    pub plan: Option<&'a str>,
    /// The period of status and comment columns that name none, when the
    /// sheet has no period column (default: this year).
    pub period: Option<&'a str>,
    /// A map file: its name and text.
    pub map: Option<(&'a str, &'a str)>,
    /// The language of texts under headers in no language (`title`).
    pub lang: Lang,
    /// Who recorded the statuses, and when, unless the sheet says.
    pub user: &'a str,
    pub at: &'a str,
}

/// What a sheet gave: the plans, and how each column was read.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub plans: Vec<Plan>,
    /// The sheet read (none for a CSV file).
    pub sheet: Option<String>,
    /// Each column read: its letter, its header, what strata took it for
    /// (with the language of a text).
    pub columns: Vec<(String, String, Column)>,
}

/// A cell's place: its column's letter and header text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    pub letter: String,
    pub header: String,
}

/// What is wrong with a sheet or its map file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    NotAWorkbook(String),
    NotCsv(String),
    NoSheets,
    NoSuchSheet {
        name: String,
        sheets: Vec<String>,
    },
    /// `--sheet` for a CSV file.
    SheetOfCsv,
    /// No row in the first ones names a code column.
    NoHeaderRow {
        rows: u32,
    },
    UnknownColumn,
    /// A value under a column without a header.
    NoHeader,
    /// The column is one an earlier column is already (that one's place).
    SameColumn(At),
    NoTitleColumn,
    NoRows,
    MissingCode,
    MissingTitle,
    BadCode(String),
    /// Excel took the code for a date.
    CodeIsDate(String),
    BadPlanCode(String),
    /// The file's name gives no plan code and none was given.
    NoPlanCode,
    /// `--plan` names a plan the sheet's plan column does not hold.
    NoSuchPlan {
        plan: String,
        plans: Vec<String>,
    },
    BadPeriod(String),
    /// The code of an earlier row, given again at the row named.
    Duplicate {
        code: String,
        first_row: u32,
    },
    NoParent(String),
    Cycle(String),
    NotALevel(String),
    LevelJump {
        level: usize,
        above: usize,
    },
    LevelMismatch {
        level: usize,
        parent: usize,
    },
    UnknownStatus(String),
    CellError(String),
    TextTooLong {
        chars: usize,
        limit: usize,
    },
    BadTimestamp(String),
    MapSyntax(String),
    MapNotText(String),
    MapUnknownTarget {
        header: String,
        target: String,
    },
    /// A map file's header that no column of the sheet has.
    MapNoSuchHeader {
        header: String,
        headers: Vec<String>,
    },
    /// What the exchange rules refuse in the plans made (with the field).
    Invalid(super::Problem, String),
}

/// A rejected sheet: where, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetError {
    /// The file the problem is in: the sheet's, or the map file's.
    pub file: String,
    pub sheet: Option<String>,
    /// The row as Excel numbers it (1 = the first, the header row counted).
    pub row: Option<u32>,
    pub column: Option<Box<At>>,
    /// The line of a map file.
    pub line: Option<usize>,
    pub problem: Box<Problem>,
}

/// Reads the plans of a sheet. `file` names the file in messages; `stem`
/// is its name without the extension (the plan's code and title when the
/// sheet gives neither). Nothing is written anywhere.
pub fn parse(
    file: &str,
    stem: &str,
    bytes: &[u8],
    kind: Kind,
    opts: &Options,
) -> Result<Sheet, SheetError> {
    let fail = |sheet, problem| SheetError {
        file: file.to_owned(),
        sheet,
        row: None,
        column: None,
        line: None,
        problem: Box::new(problem),
    };
    let map = match opts.map {
        Some((name, text)) => map::parse(text).map_err(|(line, problem)| SheetError {
            line,
            ..fail(None, problem).in_file(name)
        })?,
        None => Vec::new(),
    };
    let grid = match kind {
        Kind::Workbook => workbook::grid(bytes, opts.sheet),
        Kind::Delimited if opts.sheet.is_some() => Err((None, Problem::SheetOfCsv)),
        Kind::Delimited => delimited::grid(bytes),
    }
    .map_err(|(sheet, p)| fail(sheet, p))?;
    read::plans(file, stem, &grid, &map, opts)
}

impl SheetError {
    fn in_file(mut self, file: &str) -> SheetError {
        file.clone_into(&mut self.file);
        self
    }
}

/// A plan code made of a file's or a title's name: lower case, `ä`, `å`
/// and `ö` as `a` and `o`, anything else but letters and digits as `-`.
pub fn code_of_name(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut s = String::new();
    for c in name.nfd().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.' {
            s.push(c);
        } else if (c.is_ascii() || c.is_whitespace()) && !s.ends_with('-') {
            s.push('-');
        }
        // Combining marks (the dots of ä) and letters outside a–z drop out.
    }
    let s: String = s.trim_matches(['-', '.']).chars().take(64).collect();
    let s = s.trim_end_matches('-').to_owned();
    crate::domain::rules::plan_code_ok(&s).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_names() {
        assert_eq!(
            code_of_name("Toimintasuunnitelma 2026").as_deref(),
            Some("toimintasuunnitelma-2026")
        );
        assert_eq!(
            code_of_name("Äldreomsorg – plan 2027").as_deref(),
            Some("aldreomsorg-plan-2027")
        );
        assert_eq!(
            code_of_name("strategy-2026").as_deref(),
            Some("strategy-2026")
        );
        assert_eq!(code_of_name("  ").as_deref(), None);
    }

    #[test]
    fn kinds_by_extension() {
        let k = |p: &str| Kind::of(std::path::Path::new(p));
        assert_eq!(k("plan.XLSX"), Some(Kind::Workbook));
        assert_eq!(k("plan.ods"), Some(Kind::Workbook));
        assert_eq!(k("plan.csv"), Some(Kind::Delimited));
        assert_eq!(k("plan.json"), None);
        // Notes are not a sheet: a .txt file is read as JSON, and refused.
        assert_eq!(k("notes.txt"), None);
        assert_eq!(k("-"), None);
    }
}
