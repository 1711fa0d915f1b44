//! `precedent export WHAT --format F [--out FILE]`: tables and graphs for
//! spreadsheets, briefs and graph tools.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Args;

use super::kb_args::IndexArg;
use super::Outcome;
use crate::export::{self, ExportFormat, What};

/// Arguments of `precedent export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    what: What,
    /// Format: csv, json, jsonl (tables); md, html, csv, json (toa); csv, graphml, dot, json (graph).
    #[arg(long, short, value_enum)]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// For `toa`: the orders (id or file); default all.
    #[arg(long = "order")]
    orders: Vec<String>,
    #[command(flatten)]
    index: IndexArg,
}

pub(super) fn run(args: ExportArgs, stdout: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let mut file_out;
    let out: &mut dyn Write = match &args.out {
        Some(path) => {
            file_out = BufWriter::new(
                File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            );
            &mut file_out
        }
        None => stdout,
    };
    let empty = export::export(&kb, args.what, args.format, &args.orders, out)?;
    out.flush()?;
    Ok(if empty {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
