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
}

/// Writes `rows` as CSV with a header.
pub fn write_csv<W: std::io::Write>(
    out: &mut W,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
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

/// `Some(x)` as text, `None` as an empty string.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
