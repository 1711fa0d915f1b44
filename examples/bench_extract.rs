//! Times `normalize` + `extract` over a folder of plain-text documents, on
//! one thread, for the side-by-side comparison with eyecite
//! (`scripts/bench_extract.sh`).
//!
//! ```text
//! cargo run --release --example bench_extract -- DOCS_DIR [--dump CITES.jsonl]
//! ```
//!
//! Every `*.txt` file in `DOCS_DIR` is read into memory first (reading is not
//! timed), then each document is normalized and its citations extracted.
//! Prints one JSON object:
//! `{"tool", "docs", "bytes", "seconds", "citations", "case_citations", "peak_rss_kb"}`,
//! where `peak_rss_kb` is the process's `VmHWM` from `/proc/self/status`.
//! With `--dump`, writes one JSON line per citation:
//! `{"doc", "kind", "volume", "reporter", "page", "start", "end", "matched"}`
//! (`start`/`end` are byte offsets into the document; `doc` is the file stem).

// As in the `precedent` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut dump = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => dump = Some(PathBuf::from(args.next().expect("--dump needs a path"))),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        anyhow::bail!("usage: bench_extract DOCS_DIR [--dump CITES.jsonl]");
    };

    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in &paths {
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        docs.push((stem, std::fs::read_to_string(p)?));
    }
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();

    let started = Instant::now();
    let results: Vec<Vec<precedent::Citation>> = docs
        .iter()
        .map(|(_, text)| {
            let normalized = precedent::text::normalize(text);
            precedent::cite::extract(&normalized)
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();

    let citations: usize = results.iter().map(Vec::len).sum();
    let case_citations = results
        .iter()
        .flatten()
        .filter(|c| c.kind == precedent::CitationKind::Case)
        .count();

    if let Some(path) = dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for ((doc, _), cites) in docs.iter().zip(&results) {
            for c in cites {
                let line = serde_json::json!({
                    "doc": doc,
                    "kind": c.kind.as_str(),
                    "volume": c.volume,
                    "reporter": c.reporter,
                    "page": c.page,
                    "start": c.start,
                    "end": c.end,
                    "matched": c.matched,
                });
                writeln!(out, "{line}")?;
            }
        }
        out.flush()?;
    }

    println!(
        "{}",
        serde_json::json!({
            "tool": "precedent",
            "docs": docs.len(),
            "bytes": bytes,
            "seconds": seconds,
            "citations": citations,
            "case_citations": case_citations,
            "peak_rss_kb": peak_rss_kb(),
        })
    );
    Ok(())
}
