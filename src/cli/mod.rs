//! The command-line interface: parses arguments, calls the library, formats
//! results. One file per subcommand; the `///` comments are the `--help` text.

mod analyze;
mod check;
mod cited_by;
mod export;
mod extract;
mod index;
mod kb_args;
mod output;
mod progress;
mod propositions;
mod search;
mod serve;
mod show;
mod top;

use std::io::{self, Write};

use clap::{Parser, Subcommand};

pub use output::Format;

/// precedent: citations and precedents in court orders.
#[derive(Debug, Parser)]
#[command(name = "precedent", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print every citation in the given files (no index needed).
    Extract(extract::ExtractArgs),
    /// Per order: authorities, resolved citations, propositions and relations.
    Analyze(analyze::AnalyzeArgs),
    /// Build or update the index (default: `corpus/` into `index/`).
    Index(index::IndexArgs),
    /// Ranked full-text search over orders or propositions.
    Search(search::SearchArgs),
    /// Every order citing an authority, with pins, pages, signals, treatment and propositions.
    CitedBy(cited_by::CitedByArgs),
    /// What an authority is cited for, clustered across orders.
    Propositions(propositions::PropositionsArgs),
    /// An order's table of authorities.
    Authorities(show::OrderArgs),
    /// The most-cited authorities.
    Top(top::TopArgs),
    /// An order's metadata and citations.
    Show(show::OrderArgs),
    /// Export citations, authorities, propositions, a table of authorities or the citation graph.
    Export(export::ExportArgs),
    /// Check that the index matches the corpus (hashes, counts) and itself; report drift.
    Check(check::CheckArgs),
    /// Serve the web page and the JSON API (loopback, read-only; builds the index first if needed).
    Serve(serve::ServeArgs),
}

/// How a command ended, as the process exit code: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Results were printed.
    Found,
    /// The command ran and found nothing.
    NothingFound,
    /// Something failed (reported on stderr).
    Failed,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            Outcome::Found => 0,
            Outcome::NothingFound => 1,
            Outcome::Failed => 2,
        }
    }
}

/// Runs the CLI with the process arguments and returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Extract(args) => extract::run(args, &mut out),
        Command::Analyze(args) => analyze::run(args, &mut out),
        Command::Index(args) => index::run(args, &mut out),
        Command::Search(args) => search::run(args, &mut out),
        Command::CitedBy(args) => cited_by::run(args, &mut out),
        Command::Propositions(args) => propositions::run(args, &mut out),
        Command::Authorities(args) => show::authorities(args, &mut out),
        Command::Top(args) => top::run(args, &mut out),
        Command::Show(args) => show::show(args, &mut out),
        Command::Export(args) => export::run(args, &mut out),
        Command::Serve(args) => serve::run(args, &mut out),
        Command::Check(args) => check::run(args, &mut out),
    }
    .and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(outcome) => outcome.code(),
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("precedent: {e:#}");
            2
        }
    }
}

/// A reader that went away (`precedent extract … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().map(io::Error::kind) == Some(io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}
