//! `precedent export WHAT --format F [--out FILE]`: tables and graphs for
//! spreadsheets, briefs and graph tools.
//!
//! `--out FILE` is written to a temporary file beside FILE and renamed over
//! it only when the export succeeded, so a refused format, an unknown order
//! or a full disk leaves an existing FILE as it was.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
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
    /// Format: csv, xlsx, json, jsonl (tables); md, html, csv, xlsx, json (toa); csv, xlsx,
    /// graphml, dot, json (graph).
    #[arg(long, short, value_enum)]
    format: ExportFormat,
    /// With `--format csv`: start with a UTF-8 byte-order mark, so that Excel opening the
    /// file shows `§` and accents as they are (`xlsx` needs none).
    #[arg(long)]
    excel: bool,
    /// Write to this file instead of standard output (replaced only when the export succeeds).
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
    let empty = match &args.out {
        Some(path) => {
            let mut file = Replacement::beside(path)?;
            let mut out = BufWriter::new(&mut file.file);
            let empty = write(&kb, &args, &mut out)
                .with_context(|| format!("{}: not written", path.display()))?;
            out.flush()
                .with_context(|| format!("{}: not written", path.display()))?;
            drop(out);
            file.commit()?;
            empty
        }
        None => {
            let empty = write(&kb, &args, stdout)?;
            stdout.flush()?;
            empty
        }
    };
    Ok(if empty {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// The export asked for, after a byte-order mark when `--excel` asks for one.
fn write(kb: &crate::kb::Kb, args: &ExportArgs, out: &mut dyn Write) -> crate::Result<bool> {
    if args.format == ExportFormat::Xlsx && std::io::stdout().is_terminal() && args.out.is_none() {
        return Err(crate::Error::Unsupported {
            what: "an xlsx workbook is binary: write it with --out FILE.xlsx or redirect it".into(),
        });
    }
    if args.excel && args.format == ExportFormat::Csv {
        out.write_all(export::BOM.as_bytes())?;
    }
    export::export(kb, args.what, args.format, &args.orders, out)
}

/// A file that takes the place of `target` when committed; removed when
/// dropped uncommitted. It lives in the target's folder so the rename is
/// atomic (same file system).
struct Replacement {
    file: File,
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Replacement {
    fn beside(target: &Path) -> anyhow::Result<Replacement> {
        if target.is_dir() {
            anyhow::bail!("{}: is a directory", target.display());
        }
        let name = target
            .file_name()
            .with_context(|| format!("{}: not a file name", target.display()))?;
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut attempt = 0u32;
        loop {
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".{}.{attempt}.tmp", std::process::id()));
            let temp = folder.join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => {
                    return Ok(Replacement {
                        file,
                        temp,
                        target: target.to_path_buf(),
                        committed: false,
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1
                }
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("{}: cannot write beside it", target.display()))
                }
            }
        }
    }

    /// Makes the written file the target: synced, with the permissions of
    /// the file it replaces, renamed over it.
    fn commit(mut self) -> anyhow::Result<()> {
        let context = || format!("{}: not written", self.target.display());
        self.file.sync_all().with_context(context)?;
        if let Ok(old) = std::fs::metadata(&self.target) {
            self.file
                .set_permissions(old.permissions())
                .with_context(context)?;
        }
        std::fs::rename(&self.temp, &self.target).with_context(context)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Replacement {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
