//! Output shared by the subcommands: formats, the citation row of the jsonl
//! contract, and writers that stream JSON in field order.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

use crate::cite::{Citation, History, Parenthetical};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// The format asked for, else a table on a terminal and JSON Lines in a pipe.
    pub fn resolve(asked: Option<Format>) -> Format {
        asked.unwrap_or_else(|| {
            if std::io::stdout().is_terminal() {
                Format::Table
            } else {
                Format::Jsonl
            }
        })
    }
}

/// Shortens `s` to at most `max` characters for a table cell, on one line.
pub fn cell(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut t: String = one_line.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Shortens `s` to at most `max` characters keeping its end, for a column
/// of paths: files of one folder differ at the end (`…/order_0012.txt`,
/// `…shard.jsonl.gz#rec-7`), so cutting the end made every row read the same.
pub fn cell_tail(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = one_line.chars().count();
    if n <= max {
        one_line
    } else {
        let mut t = String::from("…");
        t.extend(one_line.chars().skip(n - max.saturating_sub(1)));
        t
    }
}

/// Byte offset → 1-based line number.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }
    /// The line `offset` lies on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// One citation as printed: the jsonl contract (see README).
#[derive(Serialize)]
pub struct CitationRow<'a> {
    file: &'a str,
    kind: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    line: usize,
    volume: Option<&'a str>,
    reporter: Option<&'a str>,
    page: Option<&'a str>,
    pin: Option<&'a str>,
    court: Option<&'a str>,
    court_id: Option<&'a str>,
    year: Option<i32>,
    case_name: Option<&'a str>,
    authority: Option<&'a str>,
    signal: Option<&'a str>,
    parenthetical: Option<&'a str>,
    core_start: usize,
    core_end: usize,
    reporter_as_written: Option<&'a str>,
    date: Option<&'a str>,
    plaintiff: Option<&'a str>,
    defendant: Option<&'a str>,
    docket_number: Option<&'a str>,
    parentheticals: &'a [Parenthetical],
    parallel: &'a [String],
    history: &'a [History],
    nested_in: Option<usize>,
    order_page: Option<u32>,
    antecedent: Option<usize>,
    unresolved: Option<&'a str>,
}

impl<'a> CitationRow<'a> {
    /// The row for citation `c` of `original`, read from `file`.
    pub fn new(file: &'a str, original: &'a str, c: &'a Citation, lines: &LineIndex) -> Self {
        CitationRow {
            file,
            kind: c.kind.as_str(),
            text: &original[c.start..c.end],
            start: c.start,
            end: c.end,
            line: lines.line_of(c.start),
            volume: c.volume.as_deref(),
            reporter: c.reporter.as_deref(),
            page: c.page.as_deref(),
            pin: c.pin.as_deref(),
            court: c.court.as_deref(),
            court_id: c.court_id.as_deref(),
            year: c.year,
            case_name: c.case_name.as_deref(),
            authority: c.authority.as_deref(),
            signal: c.signal.as_deref(),
            parenthetical: c.parentheticals.first().map(|p| p.text.as_str()),
            core_start: c.core_start,
            core_end: c.core_end,
            reporter_as_written: c.reporter_as_written.as_deref(),
            date: c.date.as_deref(),
            plaintiff: c.plaintiff.as_deref(),
            defendant: c.defendant.as_deref(),
            docket_number: c.docket_number.as_deref(),
            parentheticals: &c.parentheticals,
            parallel: &c.parallel,
            history: &c.history,
            nested_in: c.nested_in,
            order_page: c.order_page,
            antecedent: c.antecedent,
            unresolved: c.unresolved.as_deref(),
        }
    }
}

/// Writes a JSON array one element at a time, so output streams and keeps field order.
pub struct JsonArray {
    first: bool,
}

impl JsonArray {
    /// Opens the array.
    pub fn open(out: &mut impl Write) -> std::io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArray { first: true })
    }
    /// Appends one element.
    pub fn push(&mut self, out: &mut impl Write, value: &impl Serialize) -> anyhow::Result<()> {
        out.write_all(if self.first { b"\n  " } else { b",\n  " })?;
        self.first = false;
        serde_json::to_writer(&mut *out, value)?;
        Ok(())
    }
    /// Closes the array.
    pub fn close(self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(if self.first { b"]\n" } else { b"\n]\n" })
    }
}
