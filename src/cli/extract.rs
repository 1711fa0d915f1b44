//! `precedent extract FILE...`: every citation in the files, no index needed.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::{cell, CitationRow, Format, JsonArray, LineIndex};
use super::Outcome;
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

pub(super) fn run(args: ExtractArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let format = Format::resolve(args.format);
    let mut failed = false;
    let mut found = 0usize;
    if format == Format::Table {
        writeln!(
            out,
            "{:<28} {:>6}  {:<12} {:<28} {:<10} {:<10} TEXT",
            "FILE", "LINE", "KIND", "AUTHORITY", "PIN", "SIGNAL"
        )?;
    }
    let mut array = None;
    if format == Format::Json {
        array = Some(JsonArray::open(out)?);
    }
    for path in ingest::expand_paths(&args.paths) {
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
            let row = CitationRow::new(&file, &doc.text, c, &lines);
            match (&mut array, format) {
                (Some(array), _) => array.push(out, &row)?,
                (None, Format::Jsonl) => {
                    serde_json::to_writer(&mut *out, &row)?;
                    out.write_all(b"\n")?;
                }
                (None, _) => writeln!(
                    out,
                    "{:<28} {:>6}  {:<12} {:<28} {:<10} {:<10} {}",
                    cell(&file, 28),
                    lines.line_of(c.start),
                    c.kind.as_str(),
                    cell(c.authority.as_deref().unwrap_or("-"), 28),
                    cell(c.pin.as_deref().unwrap_or("-"), 10),
                    cell(c.signal.as_deref().unwrap_or("-"), 10),
                    cell(&doc.text[c.start..c.end], 80)
                )?,
            }
        }
    }
    if let Some(array) = array {
        array.close(out)?;
    }
    Ok(if failed {
        Outcome::Failed
    } else if found == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
