//! Times the per-order text pipeline (`precedent::analyze`: normalize,
//! extract, resolve, authorities, prose structure, propositions, relations,
//! history and treatment) on one thread over real opinions of the shared
//! corpus, to show that a change to the analysis did not make it slower.
//!
//! ```text
//! cargo run --release --example bench_analyze -- [N_ORDERS] [ROUNDS]
//! ```
//!
//! Reads the first N_ORDERS (default 2,000) records of
//! `../shared/corpus/opinions-0*.jsonl.gz` (shards in name order) into
//! memory, untimed, then analyzes all of them ROUNDS times (default 5) and
//! prints the best round as ms per order and MB/s, with the number of
//! citations and propositions found (so a fast wrong answer shows). Without
//! `../shared` it says so and exits successfully.

// As in the `precedent` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |a| a.parse())?;
    let rounds: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: no corpus at {}", dir.display());
        return Ok(());
    };
    let mut shards: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("opinions-0") && n.ends_with(".jsonl.gz"))
        })
        .collect();
    shards.sort();
    let mut docs: Vec<String> = Vec::with_capacity(n);
    'read: for shard in shards {
        let file = std::fs::File::open(&shard)?;
        for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
            let v: serde_json::Value = serde_json::from_str(&line?)?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                docs.push(t.to_string());
            }
            if docs.len() >= n {
                break 'read;
            }
        }
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    let (mut cites, mut props) = (0, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        let (mut c, mut p) = (0, 0);
        for d in &docs {
            let a = precedent::analyze(d);
            c += a.citations.len();
            p += a.propositions.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        (cites, props) = (c, p);
    }
    println!(
        "{} orders, {:.1} MB: best of {rounds} rounds {:.3} s = {:.3} ms per order, {:.1} MB/s; {cites} citations, {props} propositions",
        docs.len(),
        bytes as f64 / 1e6,
        best,
        best * 1e3 / docs.len() as f64,
        bytes as f64 / 1e6 / best
    );
    Ok(())
}
