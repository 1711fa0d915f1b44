//! `precedent extract FILE...`: every citation in the files, no index needed.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::output::{cell, Format};
use super::Outcome;
use crate::cite::{Citation, History, Parenthetical};
use crate::ingest;

/// Arguments of `precedent extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read (directories are walked for .txt and .md).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format; the default is `table` on a terminal and `jsonl` in a pipe.
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// One citation as printed: the jsonl contract (see README).
#[derive(Serialize)]
struct Row<'a> {
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

pub(super) fn run(args: ExtractArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let format = Format::resolve(args.format);
    let files = ingest::expand_paths(&args.paths);
    let mut failed = false;
    let mut found = 0usize;
    let mut json_rows: Vec<serde_json::Value> = Vec::new();
    if format == Format::Table {
        writeln!(
            out,
            "{:<28} {:>6}  {:<12} {:<28} {:<10} {:<10} TEXT",
            "FILE", "LINE", "KIND", "AUTHORITY", "PIN", "SIGNAL"
        )?;
    }
    for path in files {
        let doc = match ingest::read_text(&path, args.max_bytes) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("precedent: {e}");
                failed = true;
                continue;
            }
        };
        let cites = crate::extract(&doc.text);
        found += cites.len();
        let file = path.display().to_string();
        let lines = LineIndex::new(&doc.text);
        for c in &cites {
            let c: &Citation = c;
            let row = Row {
                file: &file,
                kind: c.kind.as_str(),
                text: &doc.text[c.start..c.end],
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
            };
            match format {
                Format::Jsonl => {
                    serde_json::to_writer(&mut *out, &row)?;
                    out.write_all(b"\n")?;
                }
                Format::Json => json_rows.push(serde_json::to_value(&row)?),
                Format::Table => writeln!(
                    out,
                    "{:<28} {:>6}  {:<12} {:<28} {:<10} {:<10} {}",
                    cell(&file, 28),
                    row.line,
                    row.kind,
                    cell(row.authority.unwrap_or("-"), 28),
                    cell(row.pin.unwrap_or("-"), 10),
                    cell(row.signal.unwrap_or("-"), 10),
                    cell(row.text, 80)
                )?,
            }
        }
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &json_rows)?;
        out.write_all(b"\n")?;
    }
    Ok(if failed {
        Outcome::Failed
    } else if found == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// Byte offset → 1-based line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}
