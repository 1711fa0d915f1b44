//! `precedent extract FILE...`: every citation in the files, no index needed;
//! with `--text`, the text of each document as read (what the spans index).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::output::{cell, cell_tail, CitationRow, Format, JsonArray, LineIndex};
use super::Outcome;
use crate::ingest;

/// Arguments of `precedent extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read: text, PDF, HTML, case-law JSON and JSON
    /// Lines (.gz too); directories are walked for those extensions.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format; the default is `table` on a terminal and `jsonl` in a pipe.
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Print each document's text as read (the text citation offsets index)
    /// instead of its citations.
    #[arg(long)]
    text: bool,
}

/// One document's text, for `--text`.
#[derive(serde::Serialize)]
struct TextRow<'a> {
    file: String,
    id: &'a str,
    format: ingest::Format,
    text: &'a str,
}

pub(super) fn run(args: ExtractArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let format = Format::resolve(args.format);
    let mut failed = false;
    let mut found = 0usize;
    if format == Format::Table && !args.text {
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
        let docs = match ingest::read_documents(&path, args.max_bytes) {
            Ok(docs) => docs,
            Err(e) => {
                eprintln!("precedent: {e}");
                failed = true;
                continue;
            }
        };
        for doc in docs {
            let doc = match doc {
                Ok(doc) => doc,
                Err(e) => {
                    eprintln!("precedent: {e}");
                    failed = true;
                    continue;
                }
            };
            let file = doc.label();
            if args.text {
                found += 1;
                let row = TextRow {
                    file,
                    id: &doc.id,
                    format: doc.format,
                    text: &doc.text,
                };
                match (&mut array, format) {
                    (Some(array), _) => array.push(out, &row)?,
                    (None, Format::Jsonl) => {
                        serde_json::to_writer(&mut *out, &row)?;
                        out.write_all(b"\n")?;
                    }
                    (None, _) => {
                        writeln!(out, "==> {} <==", row.file)?;
                        out.write_all(doc.text.as_bytes())?;
                        if !doc.text.ends_with('\n') {
                            out.write_all(b"\n")?;
                        }
                    }
                }
                continue;
            }
            let cites = crate::extract(&doc.text);
            found += cites.len();
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
                        cell_tail(&file, 28),
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
