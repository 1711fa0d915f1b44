//! Generates a synthetic corpus of court orders, deterministically, for
//! benchmarking the knowledge base at scale (`scripts/bench_kb.sh`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR N [SEED]
//! ```
//!
//! The orders are made of real text. First a pool of paragraphs is drawn from
//! the shared corpus (`../shared/corpus/opinions-0*.jsonl.gz`): every text is
//! split into paragraphs on blank lines, and a paragraph enters the pool only
//! if precedent finds at least one citation with an authority in it, so the
//! citations travel with the words around them. The pool is a reservoir
//! sample of [`POOL`] paragraphs (pleading-paper texts with line numbers are
//! left out, so that one order does not mix numbered and unnumbered lines).
//!
//! Each order then gets a caption (one of a few district courts, parties, a
//! case number), a title, 5–15 paragraphs from the pool, `IT IS SO ORDERED.`,
//! a date and a judge. Orders are written one at a time as
//! `OUT_DIR/0000/o0000000.txt`, 1,000 files a folder; only the pool is held
//! in memory, never the orders. `OUT_DIR.manifest.json` records what was
//! generated; it lies beside the corpus, not in it, because `index` reads
//! `.json` files as case-law records. The same `N` and `SEED` always give
//! the same bytes.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Paragraphs kept in the pool.
const POOL: usize = 50_000;
/// Paragraphs shorter or longer than this (bytes) are not taken.
const MIN_PARAGRAPH: usize = 120;
const MAX_PARAGRAPH: usize = 4_000;
/// Orders per folder.
const PER_FOLDER: usize = 1_000;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// (district line, division line or "").
const COURTS: &[(&str, &str)] = &[
    ("NORTHERN DISTRICT OF CALIFORNIA", "SAN FRANCISCO DIVISION"),
    ("NORTHERN DISTRICT OF CALIFORNIA", "SAN JOSE DIVISION"),
    ("CENTRAL DISTRICT OF CALIFORNIA", "WESTERN DIVISION"),
    ("SOUTHERN DISTRICT OF NEW YORK", ""),
    ("DISTRICT OF MASSACHUSETTS", ""),
    ("NORTHERN DISTRICT OF ILLINOIS", "EASTERN DIVISION"),
    ("EASTERN DISTRICT OF TEXAS", "MARSHALL DIVISION"),
    ("WESTERN DISTRICT OF WASHINGTON", "AT SEATTLE"),
];

const SURNAMES: &[&str] = &[
    "Alvarez",
    "Bennett",
    "Chen",
    "Delgado",
    "Edwards",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ibrahim",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Morales",
    "Nguyen",
    "Okafor",
    "Patel",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Underwood",
    "Vasquez",
    "Whitaker",
    "Yamamoto",
    "Zimmerman",
];
const GIVEN: &[&str] = &[
    "Maria", "James", "Wei", "Sofia", "Daniel", "Aisha", "Robert", "Elena", "Samuel", "Grace",
    "Thomas", "Priya", "Michael", "Laura", "David",
];
const COMPANIES: &[&str] = &[
    "ACME CORPORATION",
    "NORTHWIND TRADERS, INC.",
    "BLUE RIVER LOGISTICS LLC",
    "CITY OF SPRINGFIELD",
    "SUMMIT HEALTH PARTNERS",
    "PACIFIC MUTUAL INSURANCE CO.",
    "ORION SOFTWARE, INC.",
    "GREAT LAKES BANK, N.A.",
    "UNITED STATES OF AMERICA",
    "COUNTY OF ALAMEDA",
];
const TITLES: &[&str] = &[
    "ORDER GRANTING MOTION TO DISMISS",
    "ORDER DENYING MOTION TO DISMISS",
    "ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS",
    "ORDER GRANTING MOTION FOR SUMMARY JUDGMENT",
    "ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION",
    "ORDER RE DISCOVERY DISPUTE",
    "ORDER GRANTING MOTION TO COMPEL ARBITRATION",
    "ORDER DENYING MOTION TO REMAND",
    "ORDER GRANTING LEAVE TO AMEND",
    "ORDER ON MOTION FOR SANCTIONS",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(SURNAMES)).to_uppercase()
}

fn party(rng: &mut Rng) -> String {
    if rng.below(2) == 0 {
        person(rng)
    } else {
        rng.pick(COMPANIES).to_string()
    }
}

/// A paragraph fit for the pool: no control characters but newlines and
/// tabs, lines trimmed, empty lines and form feeds gone.
fn clean_paragraph(p: &str) -> Option<String> {
    let mut out = String::with_capacity(p.len());
    for line in p.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
        if line.is_empty() {
            continue;
        }
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return None;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    (MIN_PARAGRAPH..=MAX_PARAGRAPH)
        .contains(&out.len())
        .then_some(out)
}

/// Byte ranges of the paragraphs of `text` (runs of lines between blank lines).
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
        if blank.is_empty() {
            if let Some(s) = start.take() {
                out.push((s, end));
            }
        } else {
            start.get_or_insert(pos);
            end = pos + line.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, end));
    }
    out
}

/// Reservoir-samples up to `POOL` cited paragraphs from the corpus shards.
fn build_pool(shards: &[PathBuf], rng: &mut Rng) -> anyhow::Result<(Vec<String>, usize, usize)> {
    let mut pool: Vec<String> = Vec::with_capacity(POOL);
    let mut seen = 0usize;
    let mut docs = 0usize;
    for shard in shards {
        let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(shard)?));
        for line in reader.lines() {
            let line = line?;
            let doc: serde_json::Value = serde_json::from_str(&line)?;
            let numbered = match &doc["line_numbered"] {
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::String(s) => s.eq_ignore_ascii_case("true"),
                _ => false,
            };
            let Some(text) = doc["text"].as_str() else {
                continue;
            };
            if numbered {
                continue;
            }
            docs += 1;
            let mut starts: Vec<usize> = precedent::extract(text)
                .iter()
                .filter(|c| c.authority.is_some())
                .map(|c| c.start)
                .collect();
            starts.sort_unstable();
            for (s, e) in paragraphs(text) {
                let i = starts.partition_point(|&x| x < s);
                if i == starts.len() || starts[i] >= e {
                    continue;
                }
                let Some(p) = clean_paragraph(&text[s..e]) else {
                    continue;
                };
                seen += 1;
                if pool.len() < POOL {
                    pool.push(p);
                } else {
                    let j = rng.below(seen);
                    if j < POOL {
                        pool[j] = p;
                    }
                }
            }
        }
    }
    Ok((pool, seen, docs))
}

/// One order's text.
fn order(rng: &mut Rng, pool: &[String]) -> String {
    let (court, division) = *rng.pick(COURTS);
    let year = 2005 + rng.below(20);
    let mut t = String::with_capacity(16 * 1024);
    t.push_str("UNITED STATES DISTRICT COURT\n");
    t.push_str(court);
    t.push('\n');
    if !division.is_empty() {
        t.push_str(division);
        t.push('\n');
    }
    let plaintiff = party(rng);
    let defendant = party(rng);
    let initials: String = (0..3)
        .map(|_| (b'A' + rng.below(26) as u8) as char)
        .collect();
    t.push_str(&format!(
        "\n{plaintiff},\nPlaintiff,\n\nv.\n\n{defendant},\nDefendant.\n\n\
         Case No. {:02}-cv-{:05}-{initials}\n\n{}\n\n",
        (year - 1) % 100,
        rng.below(100_000),
        rng.pick(TITLES)
    ));
    if rng.below(2) == 0 {
        t.push_str(&format!("Re: Dkt. No. {}\n\n", 10 + rng.below(300)));
    }
    let paragraphs = 5 + rng.below(11);
    for _ in 0..paragraphs {
        let p: &String = rng.pick(pool);
        t.push_str(p);
        t.push_str("\n\n");
    }
    let judge = person(rng);
    t.push_str(&format!(
        "IT IS SO ORDERED.\n\nDated: {} {}, {year}\n\n______________________________________\n\
         {judge}\nUnited States District Judge\n",
        rng.pick(MONTHS),
        1 + rng.below(28),
    ));
    t
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: gen_corpus OUT_DIR N [SEED]");
    };
    let out = PathBuf::from(out);
    let n: usize = n.parse()?;
    let seed: u64 = args.get(2).map_or(Ok(42), |s| s.parse())?;

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut shards: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
                    name.starts_with("opinions-0") && name.ends_with(".jsonl.gz")
                })
                .collect()
        })
        .unwrap_or_default();
    shards.sort();
    if shards.is_empty() {
        anyhow::bail!(
            "gen_corpus: no corpus at {} (opinions-0*.jsonl.gz)",
            corpus.display()
        );
    }

    let started = Instant::now();
    let mut rng = Rng(seed);
    let (pool, candidates, docs) = build_pool(&shards, &mut rng)?;
    eprintln!(
        "gen_corpus: pool of {} paragraphs (sampled from {candidates} cited paragraphs in {docs} documents) in {:.1}s",
        pool.len(),
        started.elapsed().as_secs_f64()
    );

    let mut bytes = 0u64;
    for i in 0..n {
        let folder = out.join(format!("{:04}", i / PER_FOLDER));
        if i % PER_FOLDER == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let text = order(&mut rng, &pool);
        bytes += text.len() as u64;
        std::fs::write(folder.join(format!("o{i:07}.txt")), text)?;
    }
    let manifest = serde_json::json!({
        "orders": n,
        "seed": seed,
        "bytes": bytes,
        "pool": pool.len(),
        "pool_candidates": candidates,
        "source_documents": docs,
    });
    let mut f = std::fs::File::create(out.with_extension("manifest.json"))?;
    writeln!(f, "{manifest}")?;
    eprintln!(
        "gen_corpus: {n} orders, {:.1} MB, in {:.1}s -> {}",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
