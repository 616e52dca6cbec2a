//! A sheet as strata reads it: rows of cells, each row with the number Excel
//! shows beside it, each cell at its column (A = 0).

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A cell Excel holds as a date, `YYYY-MM-DD`: in a code column it is a
    /// code Excel took for a date (`1.2` is 1 February).
    Date(String),
    /// A formula's error: `#REF!`, `#N/A`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of the cell, trimmed, with Windows line ends made `\n`.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Text(s) => {
                let s = s.trim();
                (!s.is_empty()).then(|| s.replace("\r\n", "\n").replace('\r', "\n"))
            }
            Cell::Date(d) => Some(d.clone()),
            Cell::Empty | Cell::Error(_) => None,
        }
    }
}

/// The rows of one sheet, empty rows left out.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// The sheet's name; a CSV file has none.
    pub sheet: Option<String>,
    /// Each row's number as Excel shows it (1 = the first) and its cells.
    pub rows: Vec<(u32, Vec<Cell>)>,
}
