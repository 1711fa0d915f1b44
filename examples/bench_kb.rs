//! The knowledge base at scale: build time, memory, index size and query
//! latency over a corpus of orders (made by `examples/gen_corpus.rs`; driven
//! by `scripts/bench_kb.sh`).
//!
//! ```text
//! cargo run --release --example bench_kb -- CORPUS_DIR INDEX_DIR [--seed S] [--json OUT.json] [--no-raw] [--no-top] [--queries-only]
//! ```
//!
//! `--queries-only` skips steps 1 and 2 and queries the index already in
//! INDEX_DIR, without first reading the corpus into the page cache.
//!
//! 1. **Build.** Every file is read once first, untimed, so that both builds
//!    below find the files in the page cache; then the timed runs each read
//!    the files themselves (reading counts for both). precedent builds its
//!    index with the library (`Kb::open_or_create(dir, true)` then
//!    `index_paths` with default options); the figures are wall time,
//!    orders/s, MB/s of input text, peak RSS (`VmHWM`, reset through
//!    `/proc/self/clear_refs` before each build; `RssAnon` and `RssFile`
//!    sampled every 500 orders, so heap and mapped index files can be told
//!    apart), CPU seconds over wall seconds, and size on disk.
//! 2. **Raw tantivy.** The same files go into a plain tantivy index in
//!    `INDEX_DIR-raw`: one `TEXT` field holding the file's text, the same
//!    writer threads and heap as the library uses, one commit at the end.
//!    A second raw run commits as often as the library does (`commit_every`), to
//!    show what the commits themselves cost.
//!    Then the floor under any build: the analysis alone (`analyze` and
//!    `order::metadata`) runs on every core over every file with nothing
//!    indexed. A build must do that analysis and also index at least raw
//!    tantivy's text the way raw tantivy does, so it needs at least the
//!    analysis's wall time, and at least (analysis CPU + raw tantivy CPU −
//!    one read of the files) spread over the cores. `best_possible_over_raw`
//!    is raw tantivy's time over that floor: the ratio no build could beat.
//! 3. **Queries,** in process, on a freshly opened `Kb`: 200 authorities
//!    present in the index (half drawn from the 2,000 keys with the highest
//!    document frequency, half uniformly from all keys, record cites left
//!    out) for `resolve_authority` + `cited_by` and for `propositions_of`,
//!    and 200 three- or four-word phrases taken from the orders' paragraphs
//!    for `search("\"…\"", Scope::Orders, 10, 0)`. A warm-up pass over 50
//!    other keys and phrases runs first. Each call is timed alone; p50, p99,
//!    mean and max are reported, and `cited_by` is also split into popular
//!    and rare keys with the number of citing orders, since its cost grows
//!    with them.
//!
//! 4. **Analysis stages,** one thread over 1,000 of the files: the time of
//!    each stage `index_paths` runs per order (normalize, extract, resolve,
//!    authorities, propositions, relations, treatment, order metadata), to
//!    show where the build's time goes.
//!
//! The results are checked, so a fast wrong answer fails: the index must
//! hold one order per file, every `cited_by` must find at least one citing
//! order, and every phrase must find at least one order.
//!
//! Prints a table, then one JSON object (also written to `--json`).

// As in the `precedent` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use precedent::kb::query::{Resolution, Scope};
use precedent::kb::{index_paths, IndexOptions, Kb, Progress};
use rayon::prelude::*;
use serde_json::json;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, TEXT};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets `VmHWM` to the current RSS, so each phase reports its own peak.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Latency summary of one query kind, in milliseconds.
fn summary(ms: &mut [f64]) -> serde_json::Value {
    if ms.is_empty() {
        return json!(null);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    json!({
        "n": ms.len(),
        "p50_ms": at(0.50),
        "p90_ms": at(0.90),
        "p99_ms": at(0.99),
        "mean_ms": ms.iter().sum::<f64>() / ms.len() as f64,
        "max_ms": ms[ms.len() - 1],
    })
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// A plain tantivy index of the files: one TEXT field.
fn raw_build(files: &[PathBuf], dir: &Path, commit_every: Option<usize>) -> anyhow::Result<f64> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut b = Schema::builder();
    let body = b.add_text_field("body", TEXT);
    let index = Index::create_in_dir(dir, b.build())?;
    let started = Instant::now();
    // Same writer as `index_paths`: threads and heap budget.
    let t = threads();
    let heap = IndexOptions::default().heap_bytes.max(t * 20_000_000);
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(t, heap)?;
    for (i, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path)?;
        let mut d = TantivyDocument::default();
        d.add_text(body, &text);
        writer.add_document(d)?;
        if commit_every.is_some_and(|n| (i + 1) % n == 0) {
            writer.commit()?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(started.elapsed().as_secs_f64())
}

/// Reads every file on every core and drops it: (wall s, CPU s).
fn read_all_cores(files: &[PathBuf]) -> anyhow::Result<(f64, f64)> {
    let (cpu, t) = (cpu_seconds(), Instant::now());
    files.par_iter().try_for_each(|p| -> anyhow::Result<()> {
        std::hint::black_box(std::fs::read_to_string(p)?.len());
        Ok(())
    })?;
    Ok((t.elapsed().as_secs_f64(), cpu_seconds() - cpu))
}

/// The analysis `index_paths` runs per order (`analyze`, then
/// `order::metadata`), on every core over every file, with nothing indexed:
/// (wall s, CPU s).
fn analysis_all_cores(files: &[PathBuf]) -> anyhow::Result<(f64, f64)> {
    let (cpu, t) = (cpu_seconds(), Instant::now());
    let citations = std::sync::atomic::AtomicUsize::new(0);
    files.par_iter().try_for_each(|p| -> anyhow::Result<()> {
        let text = std::fs::read_to_string(p)?;
        let analysis = precedent::analyze(&text);
        let meta = precedent::order::metadata(&analysis.normalized);
        citations.fetch_add(analysis.citations.len(), Ordering::Relaxed);
        std::hint::black_box(meta);
        Ok(())
    })?;
    anyhow::ensure!(
        citations.into_inner() > 0,
        "the analysis found no citation in {} files",
        files.len()
    );
    Ok((t.elapsed().as_secs_f64(), cpu_seconds() - cpu))
}

/// Three or four consecutive purely alphabetic words from one line of a
/// paragraph after the caption.
fn phrase_from(text: &str, rng: &mut Rng) -> Option<String> {
    let paras: Vec<&str> = text
        .split("\n\n")
        .filter(|p| p.len() > 200 && !p.starts_with("IT IS SO ORDERED"))
        .collect();
    if paras.is_empty() {
        return None;
    }
    for _ in 0..20 {
        let p = paras[rng.below(paras.len())];
        let lines: Vec<&str> = p.lines().collect();
        let line = lines[rng.below(lines.len())];
        let words: Vec<&str> = line.split_whitespace().collect();
        let len = 3 + rng.below(2);
        if words.len() < len {
            continue;
        }
        let start = rng.below(words.len() - len + 1);
        let w = &words[start..start + len];
        if w.iter()
            .all(|w| w.len() >= 2 && w.len() < 30 && w.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            return Some(w.join(" "));
        }
    }
    None
}

/// CPU seconds (user + system) the process has used so far.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line; clock ticks are 1/100 s on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

/// Single-threaded time of each analysis stage `index_paths` runs per order
/// (`prepare`: `analyze` then `order::metadata`), over `sample` files.
fn stage_breakdown(files: &[PathBuf], sample: usize) -> anyhow::Result<serde_json::Value> {
    let stages = [
        "normalize",
        "cite::extract",
        "resolve",
        "authorities",
        "prose + history + propositions",
        "relations",
        "treatment::classify",
        "order::metadata",
    ];
    let mut secs = [0f64; 8];
    let step = (files.len() / sample.max(1)).max(1);
    let mut bytes = 0usize;
    let mut docs = 0usize;
    for path in files.iter().step_by(step).take(sample) {
        let text = std::fs::read_to_string(path)?;
        bytes += text.len();
        docs += 1;
        let mut lap = Instant::now();
        let mut mark = |i: usize| {
            secs[i] += lap.elapsed().as_secs_f64();
            lap = Instant::now();
        };
        let normalized = precedent::text::normalize(&text);
        mark(0);
        let mut cites = precedent::cite::extract(&normalized);
        mark(1);
        precedent::resolve::resolve(&normalized.text, &mut cites);
        mark(2);
        let authorities = precedent::resolve::authorities(&cites);
        mark(3);
        let prose = precedent::prose::Prose::parse(&normalized.text);
        precedent::history::record(&normalized.text, &prose, &mut cites);
        let props = precedent::propositions::extract(&normalized, &prose, &cites);
        mark(4);
        let relations = precedent::resolve::relations(&cites);
        mark(5);
        let treatments =
            precedent::treatment::classify(&normalized.text, &prose, &cites, &props.cited_for);
        mark(6);
        let meta = precedent::order::metadata(&normalized);
        mark(7);
        std::hint::black_box((authorities, props, relations, treatments, meta));
    }
    let total: f64 = secs.iter().sum();
    let mb = bytes as f64 / 1e6;
    let mut out = serde_json::Map::new();
    for (name, s) in stages.iter().zip(secs) {
        out.insert(
            (*name).into(),
            json!({"ms_per_order": s * 1e3 / docs as f64, "share": s / total}),
        );
    }
    Ok(json!({
        "orders": docs,
        "mb": mb,
        "seconds": total,
        "mb_per_s_one_thread": mb / total,
        "ms_per_order": total * 1e3 / docs as f64,
        "stages": out,
    }))
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed = 42u64;
    let mut json_out = None;
    let mut raw = true;
    let mut queries_only = false;
    let mut top = true;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().expect("--seed needs a value").parse()?,
            "--json" => json_out = Some(PathBuf::from(args.next().expect("--json needs a path"))),
            "--no-raw" => raw = false,
            "--no-top" => top = false,
            "--queries-only" => queries_only = true,
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let [corpus, index_dir] = positional.as_slice() else {
        anyhow::bail!(
            "usage: bench_kb CORPUS_DIR INDEX_DIR [--seed S] [--json OUT.json] [--no-raw] [--no-top] [--queries-only]"
        );
    };
    let mut rng = Rng(seed);

    // 0. Warm the page cache (untimed) and count the input.
    let files = precedent::ingest::expand_paths(std::slice::from_ref(corpus));
    let mut bytes = 0u64;
    // Queries alone leave the page cache to the index, as a server would have it.
    let raw = raw && !queries_only;
    for f in files.iter().filter(|_| !queries_only) {
        bytes += std::fs::read(f)?.len() as u64;
    }
    let n = files.len();
    let mb = bytes as f64 / 1e6;
    eprintln!("bench_kb: {n} files, {mb:.1} MB in {}", corpus.display());
    anyhow::ensure!(n > 0, "no .txt files under {}", corpus.display());

    // 1. precedent's build.
    let (mut build_json, build_line) = if queries_only {
        (json!(null), String::new())
    } else {
        reset_peak();
        let rss_before = status_kb("VmRSS:").unwrap_or(0);
        let cpu_before = cpu_seconds();
        let max_anon = AtomicU64::new(0);
        let max_file = AtomicU64::new(0);
        let sample_rss = || {
            max_anon.fetch_max(status_kb("RssAnon:").unwrap_or(0), Ordering::Relaxed);
            max_file.fetch_max(status_kb("RssFile:").unwrap_or(0), Ordering::Relaxed);
        };
        let started = Instant::now();
        let kb = Kb::open_or_create(index_dir, true)?;
        let done = AtomicU64::new(0);
        let step = (n as u64 / 20).max(1);
        let progress = |p: Progress| {
            if let Progress::Step = p {
                let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                if d.is_multiple_of(500) {
                    sample_rss();
                }
                if d.is_multiple_of(step) {
                    eprintln!(
                        "  indexed {d}/{n} at {:.1}s ({:.0} orders/s so far)",
                        started.elapsed().as_secs_f64(),
                        d as f64 / started.elapsed().as_secs_f64()
                    );
                }
            }
        };
        let s = index_paths(
            &kb,
            std::slice::from_ref(corpus),
            &IndexOptions::default(),
            &progress,
        )?;
        let build_s = started.elapsed().as_secs_f64();
        let build_peak = status_kb("VmHWM:").unwrap_or(0);
        let build_cpu = cpu_seconds() - cpu_before;
        sample_rss();
        let segments = kb.index.searchable_segment_ids()?.len();
        drop(kb);
        let index_bytes = dir_bytes(index_dir);
        anyhow::ensure!(s.failed == 0, "{} files failed: {:?}", s.failed, s.errors);
        anyhow::ensure!(
            s.orders_in_index == n,
            "index holds {} orders, expected {n}",
            s.orders_in_index
        );
        eprintln!(
            "precedent: {n} orders in {build_s:.1}s = {:.1} MB/s, {:.0} orders/s, {} citations",
            mb / build_s,
            n as f64 / build_s,
            s.citations
        );
        let json = json!({
            "seconds": build_s,
            "mb_per_s": mb / build_s,
            "orders_per_s": n as f64 / build_s,
            "citations": s.citations,
            "peak_rss_mb": build_peak as f64 / 1024.0,
            "rss_before_mb": rss_before as f64 / 1024.0,
            "max_rss_anon_mb": max_anon.load(Ordering::Relaxed) as f64 / 1024.0,
            "max_rss_file_mb": max_file.load(Ordering::Relaxed) as f64 / 1024.0,
            "cpu_seconds": build_cpu,
            "cores_busy": build_cpu / build_s,
            "segments": segments,
            "index_mb": index_bytes as f64 / 1e6,
        });
        let line = format!(
            "{n} orders, {mb:.1} MB: build {build_s:.1}s, {:.2} MB/s, {:.0} orders/s, peak RSS {:.0} MB, index {:.0} MB",
            mb / build_s,
            n as f64 / build_s,
            build_peak as f64 / 1024.0,
            index_bytes as f64 / 1e6
        );
        (json, line)
    };

    // 2. Raw tantivy on the same files.
    let mut raw_json = json!(null);
    if raw {
        let raw_dir = PathBuf::from(format!("{}-raw", index_dir.display()));
        reset_peak();
        let raw_rss_before = status_kb("VmRSS:").unwrap_or(0);
        let raw_cpu_before = cpu_seconds();
        let raw_s = raw_build(&files, &raw_dir, None)?;
        let raw_cpu = cpu_seconds() - raw_cpu_before;
        let raw_peak = status_kb("VmHWM:").unwrap_or(0);
        let raw_size = dir_bytes(&raw_dir);
        eprintln!("raw tantivy: {raw_s:.1}s = {:.1} MB/s", mb / raw_s);
        let batched_s = raw_build(&files, &raw_dir, Some(IndexOptions::default().commit_every))?;
        eprintln!(
            "raw tantivy, commit every {}: {batched_s:.1}s = {:.1} MB/s",
            IndexOptions::default().commit_every,
            mb / batched_s
        );
        std::fs::remove_dir_all(&raw_dir)?;
        // The best any build could do: it must analyze every order and index
        // at least the text raw tantivy indexes, the same way. Reading the
        // files is counted once.
        let (analysis_s, analysis_cpu) = analysis_all_cores(&files)?;
        let (_, read_cpu) = read_all_cores(&files)?;
        let floor_cpu = analysis_cpu - read_cpu + raw_cpu;
        let floor_s = analysis_s.max(floor_cpu / threads() as f64);
        eprintln!(
            "analysis alone on {} cores: {analysis_s:.1}s wall, {analysis_cpu:.1} CPU s; raw tantivy {raw_cpu:.1} CPU s; reading {read_cpu:.2} CPU s",
            threads()
        );
        raw_json = json!({
            "cpu_seconds": raw_cpu,
            "analysis_all_cores": {
                "seconds": analysis_s,
                "cpu_seconds": analysis_cpu,
                "mb_per_s": mb / analysis_s,
                "read_cpu_seconds": read_cpu,
            },
            "floor_seconds": floor_s,
            "best_possible_over_raw": raw_s / floor_s,
            "seconds": raw_s,
            "mb_per_s": mb / raw_s,
            "orders_per_s": n as f64 / raw_s,
            "peak_rss_mb": raw_peak as f64 / 1024.0,
            "rss_before_mb": raw_rss_before as f64 / 1024.0,
            "index_mb": raw_size as f64 / 1e6,
            "batched_commit_seconds": batched_s,
            "batched_commit_mb_per_s": mb / batched_s,
            "precedent_over_raw": raw_s / build_json["seconds"].as_f64().unwrap_or(f64::NAN),
        });
    }

    // Where the analysis time goes, one thread, 1,000 orders.
    let stages = if queries_only {
        json!(null)
    } else {
        stage_breakdown(&files, 1000)?
    };
    eprintln!("analysis stages (one thread): {stages}");

    // 3. Queries on a freshly opened index.
    let kb = Kb::open(index_dir)?;
    let f = kb.fields.clone();
    let searcher = kb.searcher();
    let count = |parts: Vec<(&str, tantivy::schema::Field)>| -> anyhow::Result<usize> {
        let q: Vec<(Occur, Box<dyn Query>)> = parts
            .into_iter()
            .map(|(v, field)| {
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                )
            })
            .collect();
        Ok(searcher.search(&BooleanQuery::new(q), &Count)?)
    };
    let mut docs_by_type = serde_json::Map::new();
    for t in ["order", "citation", "authority", "proposition"] {
        docs_by_type.insert(t.into(), json!(count(vec![(t, f.doc_type)])?));
    }
    anyhow::ensure!(
        docs_by_type["order"] == json!(n),
        "order documents: {}",
        docs_by_type["order"]
    );

    // Authority keys with their document frequency, from the term dictionary.
    let mut df: HashMap<String, u64> = HashMap::new();
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(f.authority)?;
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            let key = String::from_utf8_lossy(stream.key()).into_owned();
            *df.entry(key).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    let mut keys: Vec<(String, u64)> = df.into_iter().collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let distinct_keys = keys.len();
    let mut pick = |from: usize, want: usize, taken: &mut Vec<String>| -> anyhow::Result<()> {
        let mut tries = 0;
        let mut got = 0;
        while got < want && tries < want * 50 {
            tries += 1;
            let (k, _) = &keys[rng.below(from.min(keys.len()))];
            if taken.contains(k) || count(vec![("record", f.kind), (k.as_str(), f.authority)])? > 0
            {
                continue;
            }
            taken.push(k.clone());
            got += 1;
        }
        Ok(())
    };
    let mut warm_keys = Vec::new();
    pick(keys.len(), 50, &mut warm_keys)?;
    let mut popular = warm_keys.clone();
    pick(2000, 100, &mut popular)?;
    let popular: Vec<String> = popular.split_off(warm_keys.len());
    let mut rare = warm_keys
        .iter()
        .chain(&popular)
        .cloned()
        .collect::<Vec<_>>();
    let skip = rare.len();
    pick(keys.len(), 100, &mut rare)?;
    let rare: Vec<String> = rare.split_off(skip);

    // Phrases from the orders' text.
    let mut phrases = Vec::new();
    let mut tries = 0;
    while phrases.len() < 250 && tries < 5000 {
        tries += 1;
        let text = std::fs::read_to_string(&files[rng.below(n)])?;
        if let Some(p) = phrase_from(&text, &mut rng) {
            if !phrases.contains(&p) {
                phrases.push(p);
            }
        }
    }
    let warm_phrases: Vec<String> = phrases.drain(..50.min(phrases.len())).collect();

    // Warm-up.
    for k in &warm_keys {
        let _ = kb.resolve_authority(k)?;
        let _ = kb.cited_by(k)?;
        let _ = kb.propositions_of(k)?;
    }
    for p in &warm_phrases {
        let _ = kb.search(&format!("\"{p}\""), Scope::Orders, 10, 0)?;
    }

    // cited_by (with resolve_authority first, as the CLI does).
    let mut cited_ms = Vec::new();
    let mut cited_pop_ms = Vec::new();
    let mut cited_rare_ms = Vec::new();
    let mut resolve_ms = Vec::new();
    let mut authority_ms = Vec::new();
    let mut not_found = Vec::new();
    let mut ambiguous = 0;
    let mut citing_orders = Vec::new();
    let mut slowest: Vec<(f64, String, usize, usize)> = Vec::new();
    for (k, popular) in popular
        .iter()
        .map(|k| (k, true))
        .chain(rare.iter().map(|k| (k, false)))
    {
        let t = Instant::now();
        let key = match kb.resolve_authority(k)? {
            Resolution::Found { key } => key,
            Resolution::Ambiguous { .. } => {
                ambiguous += 1;
                k.clone()
            }
            Resolution::NotFound => {
                not_found.push(k.clone());
                k.clone()
            }
        };
        let r_ms = t.elapsed().as_secs_f64() * 1e3;
        let cb = kb.cited_by(&key)?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let orders = cb.direct.len() + cb.through.len();
        let cites: usize = cb
            .direct
            .iter()
            .chain(&cb.through)
            .map(|o| o.citations.len())
            .sum();
        anyhow::ensure!(orders >= 1, "cited_by({key}) (from {k}) found no order");
        resolve_ms.push(r_ms);
        cited_ms.push(ms);
        if popular {
            cited_pop_ms.push(ms);
        } else {
            cited_rare_ms.push(ms);
        }
        citing_orders.push(orders as f64);
        slowest.push((ms, key.clone(), orders, cites));
        let t = Instant::now();
        let _ = kb.authority(&key)?;
        authority_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    slowest.truncate(5);
    let per_order_ms = {
        let total_ms: f64 = cited_ms.iter().sum();
        total_ms / citing_orders.iter().sum::<f64>()
    };

    // The per-citing-order lookup `cited_by` makes: `Kb::order(file)`.
    let mut order_ms = Vec::new();
    for _ in 0..200 {
        let file = files[rng.below(n)].display().to_string();
        let t = Instant::now();
        let o = kb.order(&file)?;
        order_ms.push(t.elapsed().as_secs_f64() * 1e3);
        anyhow::ensure!(o.is_some(), "order {file} not found");
    }

    // propositions_of.
    let mut props_ms = Vec::new();
    let mut with_props = 0;
    for k in popular.iter().chain(&rare) {
        let t = Instant::now();
        let p = kb.propositions_of(k)?;
        props_ms.push(t.elapsed().as_secs_f64() * 1e3);
        with_props += usize::from(!p.is_empty());
    }

    // Phrase search.
    let mut search_ms = Vec::new();
    let mut misses = Vec::new();
    let mut hits_total = Vec::new();
    for p in &phrases {
        let t = Instant::now();
        let r = kb.search(&format!("\"{p}\""), Scope::Orders, 10, 0)?;
        search_ms.push(t.elapsed().as_secs_f64() * 1e3);
        hits_total.push(r.total as f64);
        if r.hits.is_empty() {
            misses.push(p.clone());
        }
    }
    anyhow::ensure!(
        misses.is_empty(),
        "{} phrases found nothing: {:?}",
        misses.len(),
        misses
    );

    // Top authorities, once (it reads every authority document).
    let mut top_json = json!(null);
    if top {
        let t = Instant::now();
        let list = kb.top(None, None, 5000)?;
        top_json = json!({"seconds": t.elapsed().as_secs_f64(), "returned": list.len()});
    }
    let query_peak = status_kb("VmHWM:").unwrap_or(0);

    hits_total.sort_by(|a, b| a.total_cmp(b));
    let hits_p50 = hits_total[hits_total.len() / 2];
    let mut citing_sorted = citing_orders.clone();
    citing_sorted.sort_by(|a, b| a.total_cmp(b));
    if let Some(build) = build_json.as_object_mut() {
        build.insert("docs".into(), json!(docs_by_type));
        build.insert("distinct_authority_keys".into(), json!(distinct_keys));
    }
    let result = json!({
        "orders": n,
        "bytes": bytes,
        "seed": seed,
        "threads": threads(),
        "build": build_json,
        "raw_tantivy": raw_json,
        "analysis_one_thread": stages,
        "queries": {
            "cited_by": summary(&mut cited_ms),
            "cited_by_popular": summary(&mut cited_pop_ms),
            "cited_by_rare": summary(&mut cited_rare_ms),
            "resolve_authority_alone": summary(&mut resolve_ms),
            "authority_alone": summary(&mut authority_ms),
            "order_lookup_alone": summary(&mut order_ms),
            "cited_by_ms_per_citing_order": per_order_ms,
            "citing_orders": {
                "p50": citing_sorted[citing_sorted.len() / 2],
                "max": citing_sorted[citing_sorted.len() - 1],
                "mean": citing_sorted.iter().sum::<f64>() / citing_sorted.len() as f64,
            },
            "slowest_cited_by": slowest.iter().map(|(ms, k, o, c)| json!({"key": k, "ms": ms, "orders": o, "citations": c})).collect::<Vec<_>>(),
            "not_found": not_found,
            "ambiguous": ambiguous,
            "propositions_of": summary(&mut props_ms),
            "propositions_nonempty": with_props,
            "phrase_search": summary(&mut search_ms),
            "phrase_hits_p50": hits_p50,
            "top_5000": top_json,
            "peak_rss_mb": query_peak as f64 / 1024.0,
        },
    });

    let q = &result["queries"];
    let row = |name: &str, v: &serde_json::Value| {
        println!(
            "| {name:<34} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.3} |",
            v["p50_ms"].as_f64().unwrap_or(f64::NAN),
            v["p99_ms"].as_f64().unwrap_or(f64::NAN),
            v["mean_ms"].as_f64().unwrap_or(f64::NAN),
            v["max_ms"].as_f64().unwrap_or(f64::NAN),
        )
    };
    if !build_line.is_empty() {
        println!("\n{build_line}");
    }
    if raw {
        println!(
            "raw tantivy: {:.1}s, {:.2} MB/s (precedent at {:.2}x of raw)",
            result["raw_tantivy"]["seconds"].as_f64().unwrap_or(0.0),
            result["raw_tantivy"]["mb_per_s"].as_f64().unwrap_or(0.0),
            result["raw_tantivy"]["precedent_over_raw"]
                .as_f64()
                .unwrap_or(0.0)
        );
        println!(
            "analysis alone on every core, nothing indexed: {:.1}s, {:.2} MB/s; no build that also indexes raw tantivy's text can beat {:.1}s, {:.2}x of raw",
            result["raw_tantivy"]["analysis_all_cores"]["seconds"].as_f64().unwrap_or(0.0),
            result["raw_tantivy"]["analysis_all_cores"]["mb_per_s"].as_f64().unwrap_or(0.0),
            result["raw_tantivy"]["floor_seconds"].as_f64().unwrap_or(0.0),
            result["raw_tantivy"]["best_possible_over_raw"].as_f64().unwrap_or(0.0),
        );
    }
    println!(
        "\n| query                              |  p50 ms   |  p99 ms   |  mean ms  |  max ms   |"
    );
    println!(
        "|------------------------------------|-----------|-----------|-----------|-----------|"
    );
    row("resolve_authority + cited_by", &q["cited_by"]);
    row("  popular keys (100)", &q["cited_by_popular"]);
    row("  rare keys (100)", &q["cited_by_rare"]);
    row("resolve_authority alone", &q["resolve_authority_alone"]);
    row("authority(key) alone", &q["authority_alone"]);
    row("order(file) alone", &q["order_lookup_alone"]);
    row("propositions_of", &q["propositions_of"]);
    row("search \"phrase\" (orders, top 10)", &q["phrase_search"]);
    let a = &result["analysis_one_thread"];
    println!(
        "\nanalysis alone, one thread: {:.2} MB/s, {:.2} ms/order",
        a["mb_per_s_one_thread"].as_f64().unwrap_or(0.0),
        a["ms_per_order"].as_f64().unwrap_or(0.0)
    );
    if let Some(stages) = a["stages"].as_object() {
        for (name, v) in stages {
            println!(
                "  {name:<20} {:>8.3} ms/order {:>5.1}%",
                v["ms_per_order"].as_f64().unwrap_or(0.0),
                100.0 * v["share"].as_f64().unwrap_or(0.0)
            );
        }
    }
    println!("\n{result}");
    if let Some(path) = json_out {
        std::fs::write(path, format!("{result}\n"))?;
    }
    Ok(())
}
