//! Excel workbooks (`--format xlsx`): the same tables as the CSV exports,
//! one worksheet per table, written with `rust_xlsxwriter`.
//!
//! Every sheet has a bold header row that stays in view (frozen pane) with
//! an autofilter, and columns as wide as their content (capped, so a long
//! passage does not make a sheet unreadable). A column's type comes from
//! its name: counts and offsets are numbers, `date` columns holding an ISO
//! date are dates shown as `yyyy-mm-dd`, everything else is text. Text is
//! written as a string cell, which Excel never evaluates, so a passage
//! starting with `=` needs no escape here.

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::{Error, Result};

/// Columns holding whole numbers.
const NUMBER_COLUMNS: &[&str] = &[
    "seq",
    "page",
    "year",
    "start",
    "end",
    "times_cited",
    "order_count",
    "count",
    "weight",
];

/// Columns holding ISO dates.
const DATE_COLUMNS: &[&str] = &["date", "order_date"];

/// The most characters Excel holds in one cell.
const CELL_MAX_CHARS: usize = 32_767;

/// Rows one sheet holds, the header included.
const SHEET_MAX_ROWS: u32 = 1_048_576;

/// Widest a column is made, in characters.
const WIDTH_CAP: usize = 60;

/// A workbook being filled, sheet by sheet.
pub(super) struct Book {
    workbook: Workbook,
    header: Format,
    date: Format,
}

/// What a column holds.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Number,
    Date,
}

/// One worksheet being filled, row by row.
pub(super) struct Sheet {
    sheet: Worksheet,
    kinds: Vec<Kind>,
    widths: Vec<usize>,
    row: u32,
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Write(std::io::Error::other(format!("writing the workbook: {e}")))
}

impl Book {
    pub(super) fn new() -> Book {
        Book {
            workbook: Workbook::new(),
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }

    /// A sheet named `name` (cut to Excel's 31 characters, without the
    /// characters Excel forbids) with the header row `columns`.
    pub(super) fn sheet(&self, name: &str, columns: &[&str]) -> Result<Sheet> {
        let mut sheet = Worksheet::new();
        sheet.set_name(sheet_name(name)).map_err(xlsx_error)?;
        let mut widths = Vec::with_capacity(columns.len());
        for (col, c) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *c, &self.header)
                .map_err(xlsx_error)?;
            widths.push(c.chars().count());
        }
        let kinds = columns
            .iter()
            .map(|c| {
                if NUMBER_COLUMNS.contains(c) {
                    Kind::Number
                } else if DATE_COLUMNS.contains(c) {
                    Kind::Date
                } else {
                    Kind::Text
                }
            })
            .collect();
        Ok(Sheet {
            sheet,
            kinds,
            widths,
            row: 1,
        })
    }

    /// Adds a finished sheet.
    pub(super) fn add(&mut self, mut sheet: Sheet) -> Result<()> {
        let last_col = sheet.widths.len().saturating_sub(1) as u16;
        for (col, w) in sheet.widths.iter().enumerate() {
            sheet
                .sheet
                .set_column_width(col as u16, (*w).clamp(6, WIDTH_CAP) as f64 + 2.0)
                .map_err(xlsx_error)?;
        }
        sheet.sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        sheet
            .sheet
            .autofilter(0, 0, sheet.row.saturating_sub(1), last_col)
            .map_err(xlsx_error)?;
        self.workbook.push_worksheet(sheet.sheet);
        Ok(())
    }

    /// Writes the workbook to `out`.
    pub(super) fn write(mut self, out: &mut dyn Write) -> Result<()> {
        let bytes = self.workbook.save_to_buffer().map_err(xlsx_error)?;
        out.write_all(&bytes)?;
        out.flush()?;
        Ok(())
    }
}

impl Sheet {
    /// Appends a row of cells as the CSV export writes them (empty = absent).
    pub(super) fn row<T: AsRef<str>>(&mut self, cells: &[T], book: &Book) -> Result<()> {
        if self.row >= SHEET_MAX_ROWS {
            return Err(Error::Unsupported {
                what: format!(
                    "a worksheet holds at most {} rows; export this table as csv or jsonl",
                    SHEET_MAX_ROWS - 1
                ),
            });
        }
        for (col, cell) in cells.iter().enumerate() {
            let cell = cell.as_ref();
            if cell.is_empty() {
                continue;
            }
            let c = col as u16;
            let kind = self.kinds.get(col).copied().unwrap_or(Kind::Text);
            let shown = match (kind, number(cell), date(cell)) {
                (Kind::Number, Some(n), _) => {
                    self.sheet
                        .write_number(self.row, c, n)
                        .map_err(xlsx_error)?;
                    cell.len()
                }
                (Kind::Date, _, Some(d)) => {
                    self.sheet
                        .write_datetime_with_format(self.row, c, &d, &book.date)
                        .map_err(xlsx_error)?;
                    10
                }
                _ => {
                    let text = fit(cell);
                    self.sheet
                        .write_string(self.row, c, text)
                        .map_err(xlsx_error)?;
                    text.chars().count()
                }
            };
            if let Some(w) = self.widths.get_mut(col) {
                *w = (*w).max(shown.min(WIDTH_CAP));
            }
        }
        self.row += 1;
        Ok(())
    }
}

/// A whole number Excel holds exactly (under 2^53).
fn number(cell: &str) -> Option<f64> {
    let n: i64 = cell.parse().ok()?;
    (n.unsigned_abs() < 1 << 53).then_some(n as f64)
}

/// An ISO date `YYYY-MM-DD` (a time after it is ignored), as Excel's date.
fn date(cell: &str) -> Option<ExcelDateTime> {
    let day = cell.get(..10)?;
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// `text` cut to what one cell holds.
fn fit(text: &str) -> &str {
    match text.char_indices().nth(CELL_MAX_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// A valid sheet name: without `[]:*?/\`, not starting or ending with `'`,
/// at most 31 characters, never empty.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').trim();
    if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_numbers_and_names_are_read_strictly() {
        assert!(date("2019-05-01").is_some());
        assert!(date("2019-05-01T00:00:00").is_some());
        assert!(date("2019").is_none());
        assert!(date("May 1, 2019").is_none());
        assert!(date("2019-13-01").is_none());
        assert_eq!(number("42"), Some(42.0));
        assert_eq!(number("1072 n.10"), None);
        assert_eq!(
            sheet_name("Cases: [federal]/state?"),
            "Cases   federal  state"
        );
        assert_eq!(sheet_name("''"), "Sheet");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(
            fit(&"é".repeat(CELL_MAX_CHARS + 5)).chars().count(),
            CELL_MAX_CHARS
        );
    }
}
