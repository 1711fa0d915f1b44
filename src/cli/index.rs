//! `precedent index [PATH...]`: builds or updates the index.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::progress::Meter;
use super::Outcome;
use crate::kb::{self, IndexOptions, Kb, Progress};

/// Summary format of `precedent index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// A line for people.
    Table,
    /// A JSON summary.
    Json,
}

/// Arguments of `precedent index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories to index (text, PDF, HTML, case-law JSON and JSON Lines;
    /// directories are walked for their extensions); default `corpus/`.
    paths: Vec<PathBuf>,
    /// The index directory.
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Summary format.
    #[arg(long, short, value_enum, default_value_t = SummaryFormat::Table)]
    format: SummaryFormat,
    /// Discard the existing index and build it anew.
    #[arg(long)]
    rebuild: bool,
    /// Orders analyzed together (bounds memory).
    #[arg(long, default_value_t = 512)]
    batch: usize,
    /// Orders between commits (a killed run redoes at most this many).
    #[arg(long, default_value_t = 4096)]
    commit_every: usize,
    /// Memory budget of the index writer, in MiB.
    #[arg(long, default_value_t = 256)]
    heap_mb: usize,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Follow links met in a walk to files and folders outside the corpus
    /// (by default they are listed as skipped, not read).
    #[arg(long)]
    follow_symlinks: bool,
    /// Show progress (orders, megabytes read, rates, time left) on stderr
    /// even when it is not a terminal: a line a second, for logs. On a
    /// terminal a bar is shown anyway.
    #[arg(long)]
    progress: bool,
}

impl IndexArgs {
    /// What `precedent index` does with no options: `corpus/` into `index`.
    pub(super) fn defaults(index: PathBuf) -> IndexArgs {
        IndexArgs {
            paths: Vec::new(),
            index,
            format: SummaryFormat::Table,
            rebuild: false,
            batch: 512,
            commit_every: 4096,
            heap_mb: 256,
            max_bytes: crate::ingest::DEFAULT_MAX_BYTES,
            follow_symlinks: false,
            progress: false,
        }
    }
}

pub(super) fn run(args: IndexArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        args.paths.clone()
    };
    // Refuses a path that is not an index (nothing of the user's is ever
    // deleted or written into) and holds the writer lock for the whole run.
    let _lock = kb::dir::claim(&args.index, &paths, args.rebuild)?;
    // A rebuild goes to a staging directory and is swapped in whole, so the
    // old index keeps answering (and survives a crash) until the new one is done.
    let target = if args.rebuild {
        kb::rebuild::clear_staging(&args.index)?
    } else {
        args.index.clone()
    };
    let kb = Kb::open_or_create(&target, false)?;
    let terminal = std::io::stderr().is_terminal();
    let meter = if terminal && (args.progress || args.format == SummaryFormat::Table) {
        Some(Meter::bar())
    } else if args.progress {
        Some(Meter::lines())
    } else {
        None
    };
    let progress = |p: Progress| {
        if let Some(m) = &meter {
            m.event(p);
        }
    };
    let opts = IndexOptions {
        max_bytes: args.max_bytes,
        heap_bytes: args.heap_mb * 1024 * 1024,
        batch: args.batch,
        commit_every: args.commit_every,
        walk: crate::ingest::WalkOptions {
            follow_symlinks: args.follow_symlinks,
        },
    };
    let summary = kb::index_paths(&kb, &paths, &opts, &progress)?;
    drop(kb);
    if args.rebuild {
        kb::rebuild::swap_in(&target, &args.index)?;
    }
    for e in &summary.skipped {
        eprintln!("precedent: skipped {}: {}", e.file, e.reason);
    }
    if !summary.skipped.is_empty() {
        eprintln!("precedent: --follow-symlinks reads links out of the corpus");
    }
    for e in &summary.errors {
        eprintln!("precedent: {}: {}", e.file, e.reason);
    }
    match args.format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &summary)?;
            out.write_all(b"\n")?;
        }
        SummaryFormat::Table => {
            let mb = summary.bytes as f64 / 1e6;
            writeln!(
                out,
                "{} files: {} added, {} updated, {} unchanged, {} removed, {} failed; {} citations; {:.2} s ({:.1} MB/s); {} orders in {}",
                summary.files,
                summary.added,
                summary.updated,
                summary.unchanged,
                summary.removed,
                summary.failed,
                summary.citations,
                summary.seconds,
                if summary.seconds > 0.0 { mb / summary.seconds } else { 0.0 },
                summary.orders_in_index,
                args.index.display()
            )?;
            if summary.duplicates > 0 {
                writeln!(
                    out,
                    "{} of them repeat another's text (one opinion from two files or records) and count once",
                    summary.duplicates
                )?;
            }
        }
    }
    Ok(if summary.failed > 0 {
        Outcome::Failed
    } else {
        Outcome::Found
    })
}
