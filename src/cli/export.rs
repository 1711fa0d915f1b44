//! `precedent export WHAT --format F [--out FILE]`: tables and graphs for
//! spreadsheets, briefs and graph tools.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::kb_args::IndexArg;
use super::Outcome;
use crate::export::{self, ExportFormat};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    /// One row per citation occurrence.
    Citations,
    /// One row per authority, with times cited and citing orders.
    Authorities,
    /// One row per proposition, with its orders.
    Propositions,
    /// A table of authorities like a brief's, for one or more orders (`--order`).
    Toa,
    /// The citation graph: order → authority and authority → authority edges.
    Graph,
}

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
    let empty = match args.what {
        What::Citations => {
            let rows = kb.all_citations()?;
            export::citations(out, args.format, &rows)?;
            rows.is_empty()
        }
        What::Authorities => {
            let rows = kb.all_authorities()?;
            export::authorities(out, args.format, &rows)?;
            rows.is_empty()
        }
        What::Propositions => {
            let rows = kb.all_propositions()?;
            export::propositions(out, args.format, &rows)?;
            rows.is_empty()
        }
        What::Toa => {
            let orders = if args.orders.is_empty() {
                kb.orders()?
            } else {
                let mut found = Vec::new();
                for o in &args.orders {
                    match kb.order(o)? {
                        Some(r) => found.push(r),
                        None => anyhow::bail!("no order \"{o}\" in {}", kb.dir.display()),
                    }
                }
                found
            };
            let mut cites = Vec::new();
            let mut auths = Vec::new();
            for o in &orders {
                cites.extend(kb.citations_of(o)?);
                auths.extend(kb.authorities_of(o)?);
            }
            auths.sort_by(|a, b| a.key.cmp(&b.key));
            auths.dedup_by(|a, b| a.key == b.key);
            export::table_of_authorities(out, args.format, &orders, &cites, &auths)?;
            orders.is_empty()
        }
        What::Graph => {
            let edges = kb.edges()?;
            export::graph(
                out,
                args.format,
                &edges,
                &kb.all_authorities()?,
                &kb.orders()?,
            )?;
            edges.is_empty()
        }
    };
    out.flush()?;
    Ok(if empty {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
