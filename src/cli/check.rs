//! `precedent check [PATH...]`: is the index consistent with the corpus and with itself?

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::index::SummaryFormat;
use super::kb_args::IndexArg;
use super::Outcome;
use crate::kb;

/// Arguments of `precedent check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The files or directories to check against; default: those the index
    /// was built from (remembered by the index, wherever you run this).
    paths: Vec<PathBuf>,
    #[command(flatten)]
    index: IndexArg,
    /// Report format.
    #[arg(long, short, value_enum, default_value_t = SummaryFormat::Table)]
    format: SummaryFormat,
    /// Files larger than this many bytes count as unreadable (as for `index`).
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Exit 0 when the index matches, 1 when it has drifted (the report says how).
pub(super) fn run(args: CheckArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let paths = (!args.paths.is_empty()).then_some(args.paths.as_slice());
    let report = kb::check(&kb, paths, args.max_bytes)?;
    match args.format {
        SummaryFormat::Json => {
            let mut v = serde_json::to_value(&report)?;
            v["ok"] = report.ok().into();
            serde_json::to_writer_pretty(&mut *out, &v)?;
            out.write_all(b"\n")?;
        }
        SummaryFormat::Table => {
            let docs: Vec<String> = report
                .documents
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            writeln!(
                out,
                "{}: {} orders ({}); {} files on disk: {} current, {} changed, {} missing, {} not indexed, {} partly indexed, {} unreadable; {} records unreadable; {} inconsistencies",
                kb.dir.display(),
                report.orders_in_index,
                docs.join(", "),
                report.files_on_disk,
                report.current,
                report.changed.len(),
                report.missing.len(),
                report.unindexed.len(),
                report.partial.len(),
                report.unreadable.len(),
                report.failed_records.len(),
                report.inconsistent.len()
            )?;
            let lists = [
                ("changed since indexed", &report.changed),
                ("indexed but gone", &report.missing),
                ("not indexed", &report.unindexed),
                ("partly indexed (an interrupted run)", &report.partial),
                ("inconsistent", &report.inconsistent),
            ];
            for (label, files) in lists {
                for f in files {
                    writeln!(out, "  {label}: {f}")?;
                }
            }
            for (f, reason) in &report.unreadable {
                writeln!(out, "  unreadable (never indexed): {f}: {reason}")?;
            }
            for (f, reason) in &report.failed_records {
                writeln!(out, "  record not indexed: {f}: {reason}")?;
            }
            writeln!(
                out,
                "{}",
                if report.ok() {
                    "ok: the index matches the corpus"
                } else {
                    "drift: run `precedent index` to bring the index up to date"
                }
            )?;
        }
    }
    Ok(if report.ok() {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
