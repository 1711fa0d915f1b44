//! Arguments and output shared by the commands that read the index.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::kb::Kb;

/// `--index DIR`.
#[derive(Debug, Clone, Args)]
pub struct IndexArg {
    /// The index directory.
    #[arg(long, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
}

impl IndexArg {
    /// Opens the index for reading.
    pub fn open(&self) -> crate::Result<Kb> {
        Kb::open(&self.index)
    }
}

/// Output format of the query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON document.
    Json,
    /// Comma-separated values, one row per result.
    Csv,
}

/// The formats a command writes itself; JSON comes whole from [`crate::api`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Aligned columns.
    Table,
    /// CSV rows.
    Csv,
}

impl QueryFormat {
    /// `None` for JSON (answered by [`crate::api`]), else the format to write.
    pub fn written(self) -> Option<Written> {
        match self {
            QueryFormat::Json => None,
            QueryFormat::Table => Some(Written::Table),
            QueryFormat::Csv => Some(Written::Csv),
        }
    }
}

/// `--format table|json|csv`, defaulting to `table`.
#[derive(Debug, Clone, Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    /// With `--format csv`: start with a UTF-8 byte-order mark, so that Excel
    /// opening the file shows `§` and accents as they are.
    #[arg(long)]
    pub excel: bool,
}

impl FormatArg {
    /// Writes the byte-order mark when `--excel` asks for it and the output is CSV.
    pub fn start<W: std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        if self.excel && self.format == QueryFormat::Csv {
            out.write_all(crate::export::BOM.as_bytes())?;
        }
        Ok(())
    }
}

/// Writes `rows` as CSV with a header (formula-leading cells escaped).
pub fn write_csv<W: std::io::Write>(
    out: &mut W,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> anyhow::Result<()> {
    let mut w = crate::export::SpreadsheetCsv::from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    w.flush()?;
    Ok(())
}

/// Prints a JSON answer and turns "found" into the outcome.
pub fn write_answer<W: std::io::Write>(
    out: &mut W,
    answer: crate::api::Answer,
) -> anyhow::Result<super::Outcome> {
    serde_json::to_writer_pretty(&mut *out, &answer.json)?;
    out.write_all(b"\n")?;
    Ok(if answer.found {
        super::Outcome::Found
    } else {
        super::Outcome::NothingFound
    })
}

/// `n thing` or `n things`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The court's Bluebook abbreviation (`C.D. Cal.`), else its courts-db id.
pub fn court(id: Option<&str>) -> Option<&str> {
    id.map(|id| crate::cite::courts::abbreviation(id).unwrap_or(id))
}

/// `Some(x)` as text, `None` as an empty string.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
