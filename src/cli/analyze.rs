//! `precedent analyze FILE...`: per order, its authorities, citations with
//! resolved keys, propositions and relations; across orders, the shared
//! propositions.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::output::{cell, CitationRow, Format, LineIndex};
use super::Outcome;
use crate::propositions::{self, NoProposition, Proposition};
use crate::resolve::{Authority, Relation};
use crate::treatment::Treatment;
use crate::{ingest, Analysis};

/// Arguments of `precedent analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files or directories to read: text, PDF, HTML, case-law JSON and JSON
    /// Lines (.gz too); directories are walked for those extensions.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format: `table` (default on a terminal), `json` (one document), or `jsonl`
    /// (one order per line, then one line `{"propositions": …}` of those shared across orders).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

#[derive(Serialize)]
struct CitationOut<'a> {
    #[serde(flatten)]
    row: CitationRow<'a>,
    /// What the order does with the authority (its history is in `history`).
    treatment: Option<&'a Treatment>,
    /// The citation whose subsequent history this one is cited for.
    history_of: Option<usize>,
    /// The passage it is cited for, where the order states one.
    proposition: Option<PassageOut<'a>>,
    /// Why it makes no proposition (`history`, `record`, `unresolved`,
    /// `boilerplate`, `procedural`); set with a passage when the passage is
    /// no point of law of a known authority.
    no_proposition: Option<NoProposition>,
    /// Its explanatory parenthetical (`holding that …`).
    explanation: Option<&'a str>,
}

#[derive(Serialize)]
struct PassageOut<'a> {
    text: &'a str,
    quoted: bool,
    start: usize,
    end: usize,
    /// Index into the order's `propositions` when it is one.
    index: Option<usize>,
}

#[derive(Serialize)]
struct OrderOut<'a> {
    id: String,
    file: String,
    /// Court, case number, case name, title, judge, date, disposition, pages:
    /// as `show` gives them (a record's own metadata wins over the text).
    metadata: crate::order::OrderMetadata,
    citations: Vec<CitationOut<'a>>,
    authorities: &'a [Authority],
    propositions: Vec<PropositionOut<'a>>,
    relations: &'a [Relation],
}

#[derive(Serialize)]
struct PropositionOut<'a> {
    id: String,
    #[serde(flatten)]
    proposition: &'a Proposition,
}

pub(super) fn run(args: AnalyzeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let format = Format::resolve(args.format);
    let mut failed = false;
    let mut docs = Vec::new();
    for path in ingest::expand_paths(&args.paths) {
        // Analysis clusters across all orders, so every document is held.
        let read = ingest::read_documents(&path, args.max_bytes)
            .map_or_else(|e| vec![Err(e)], |d| d.collect());
        for doc in read {
            match doc {
                Ok(doc) => docs.push(doc),
                Err(e) => {
                    eprintln!("precedent: {e}");
                    failed = true;
                }
            }
        }
    }
    let analyses: Vec<Analysis<'_>> = docs.iter().map(|d| crate::analyze(&d.text)).collect();
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let clusters = propositions::cluster(
        ids.iter()
            .map(String::as_str)
            .zip(analyses.iter().map(|a| a.propositions.as_slice())),
    );
    let found = analyses.iter().any(|a| !a.citations.is_empty());

    if format != Format::Table {
        let files: Vec<String> = docs.iter().map(ingest::Document::label).collect();
        let orders: Vec<OrderOut<'_>> = analyses
            .iter()
            .zip(&docs)
            .zip(ids.iter().zip(&files))
            .map(|((a, doc), (id, file))| {
                let lines = LineIndex::new(&doc.text);
                let mut metadata = crate::order::metadata(&a.normalized);
                doc.source.apply(&mut metadata);
                OrderOut {
                    id: id.clone(),
                    file: file.clone(),
                    metadata,
                    citations: a
                        .citations
                        .iter()
                        .zip(&a.treatments)
                        .zip(&a.cited_for)
                        .map(|((c, t), f)| CitationOut {
                            row: CitationRow::new(file, &doc.text, c, &lines),
                            treatment: t.as_ref(),
                            history_of: c.history_of,
                            proposition: f.text.as_deref().map(|text| PassageOut {
                                text,
                                quoted: f.quoted,
                                start: f.start,
                                end: f.end,
                                index: f.proposition,
                            }),
                            no_proposition: f.none,
                            explanation: f.explanation.as_deref(),
                        })
                        .collect(),
                    authorities: &a.authorities,
                    propositions: a
                        .propositions
                        .iter()
                        .map(|p| PropositionOut {
                            id: propositions::proposition_id(&p.authority, &p.tokens),
                            proposition: p,
                        })
                        .collect(),
                    relations: &a.relations,
                }
            })
            .collect();
        if format == Format::Jsonl {
            for o in &orders {
                serde_json::to_writer(&mut *out, o)?;
                out.write_all(b"\n")?;
            }
            serde_json::to_writer(&mut *out, &serde_json::json!({ "propositions": clusters }))?;
        } else {
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({ "orders": orders, "propositions": clusters }),
            )?;
        }
        out.write_all(b"\n")?;
    } else {
        for ((a, doc), id) in analyses.iter().zip(&docs).zip(&ids) {
            write_order_table(out, id, &doc.path, a)?;
        }
        let shared: Vec<_> = clusters.iter().filter(|c| c.orders.len() > 1).collect();
        if !shared.is_empty() {
            writeln!(out, "\n== propositions shared by several orders")?;
            for c in shared {
                writeln!(
                    out,
                    "{} ({} orders: {})",
                    c.authority,
                    c.orders.len(),
                    c.orders.join(", ")
                )?;
                writeln!(out, "    \"{}\"", cell(&c.text, 110))?;
            }
        }
    }
    Ok(if failed {
        Outcome::Failed
    } else if found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn write_order_table(
    out: &mut impl Write,
    id: &str,
    path: &std::path::Path,
    a: &Analysis<'_>,
) -> anyhow::Result<()> {
    writeln!(out, "== {id}  ({})", path.display())?;
    writeln!(
        out,
        "{} citations, {} authorities",
        a.citations.len(),
        a.authorities.len()
    )?;
    writeln!(
        out,
        "\n{:<28} {:<12} {:>5}  {:<22} {:<8} {:<14} NAME",
        "AUTHORITY", "KIND", "CITED", "PINS", "PAGES", "TREATMENT"
    )?;
    for auth in &a.authorities {
        let mut kinds: Vec<&str> = auth
            .citations
            .iter()
            .filter_map(|&i| a.treatments[i].as_ref().map(|t| t.kind.as_str()))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        let pages: Vec<String> = auth.order_pages.iter().map(u32::to_string).collect();
        writeln!(
            out,
            "{:<28} {:<12} {:>5}  {:<22} {:<8} {:<14} {}",
            cell(&auth.key, 28),
            auth.kind.as_str(),
            auth.citations.len(),
            cell(&auth.pins.join(", "), 22),
            cell(&pages.join(","), 8),
            cell(&kinds.join(","), 14),
            cell(&auth.name, 50)
        )?;
    }
    if !a.propositions.is_empty() {
        writeln!(out, "\nPROPOSITIONS")?;
        for p in &a.propositions {
            let through = p
                .through
                .as_deref()
                .map(|t| format!(" (through {t})"))
                .unwrap_or_default();
            let pin = p
                .pin
                .as_deref()
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            writeln!(
                out,
                "- {}{pin}{through}: \"{}\"",
                p.authority,
                cell(&p.text, 100)
            )?;
        }
    }
    if !a.relations.is_empty() {
        writeln!(out, "\nRELATIONS")?;
        for r in &a.relations {
            writeln!(out, "- {} {} {}", r.from, r.kind, r.to)?;
        }
    }
    writeln!(out)?;
    Ok(())
}
