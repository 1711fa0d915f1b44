//! Order metadata over a corpus: how many documents get each field, and
//! how long `order::metadata` takes (one thread).
//!
//! ```text
//! cargo run --release --example metadata_corpus -- PATH... [--dump OUT.jsonl]
//! cargo run --release --example metadata_corpus -- ../shared/corpus/opinions-0*.jsonl.gz
//! ```
//!
//! Every PATH (a file or a directory, walked as `precedent index` walks it)
//! is read with `ingest::read_documents` and normalized first (not timed).
//! Then `order::metadata` runs on each document twice, untimed to compile
//! its patterns (once per process) and timed, and what the
//! record itself says (`SourceMeta::apply`: a shard record's court and date)
//! is applied, as `precedent index` does. Prints one JSON object: the
//! number of documents, the number with each field, the number with both a
//! case name and a date, and the time of `order::metadata` per document.
//! With `--dump`, writes one JSON line per document: `{"id", "file",
//! "metadata"}`, for comparing two versions' output and for hand evaluation.

// As in the `precedent` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut paths = Vec::new();
    let mut dump = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => {
                dump = Some(PathBuf::from(
                    args.next()
                        .ok_or_else(|| anyhow::anyhow!("--dump needs a path"))?,
                ))
            }
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        anyhow::bail!("usage: metadata_corpus PATH... [--dump OUT.jsonl]");
    }
    let mut out = match &dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let files = precedent::ingest::expand_paths(&paths);
    let names = [
        "court",
        "court_id",
        "case_number",
        "case_name",
        "judge",
        "panel",
        "date",
        "disposition",
    ];
    let mut counts = [0usize; 8];
    let (mut docs, mut named_and_dated, mut errors) = (0usize, 0usize, 0usize);
    let mut seconds = 0f64;
    for file in &files {
        let documents = match precedent::ingest::read_documents(file, u64::MAX) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                errors += 1;
                continue;
            }
        };
        for doc in documents {
            let doc = match doc {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("{e}");
                    errors += 1;
                    continue;
                }
            };
            let normalized = precedent::text::normalize(&doc.text);
            // Untimed first: the regexes compile on first use, and courts-db's
            // caption patterns take seconds to; that is once per process.
            std::hint::black_box(precedent::order::metadata(&normalized));
            let start = Instant::now();
            let mut m = precedent::order::metadata(&normalized);
            seconds += start.elapsed().as_secs_f64();
            doc.source.apply(&mut m);
            docs += 1;
            let has = [
                m.court.is_some(),
                m.court_id.is_some(),
                m.case_number.is_some(),
                m.case_name.is_some(),
                m.judge.is_some(),
                !m.panel.is_empty(),
                m.date.is_some(),
                m.disposition.is_some(),
            ];
            for (c, h) in counts.iter_mut().zip(has) {
                *c += usize::from(h);
            }
            named_and_dated += usize::from(m.case_name.is_some() && m.date.is_some());
            if let Some(w) = out.as_mut() {
                let line = serde_json::json!({"id": doc.id, "file": doc.file, "metadata": m});
                writeln!(w, "{line}")?;
            }
        }
    }
    if let Some(mut w) = out {
        w.flush()?;
    }
    let mut fields = serde_json::Map::new();
    for (n, c) in names.iter().zip(counts) {
        fields.insert((*n).into(), c.into());
    }
    let summary = serde_json::json!({
        "docs": docs,
        "errors": errors,
        "fields": fields,
        "case_name_and_date": named_and_dated,
        "case_name_and_date_share": named_and_dated as f64 / docs.max(1) as f64,
        "metadata_ms_per_doc": seconds * 1e3 / docs.max(1) as f64,
    });
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}
