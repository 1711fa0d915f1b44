//! `precedent cited-by QUERY`: every order citing an authority, how and for what.

use std::io::Write;

use clap::Args;

use super::kb_args::{
    count, court, write_answer, write_csv, FormatArg, IndexArg, QueryFormat, Written,
};
use super::output::cell;
use super::Outcome;
use crate::api;
use crate::export::citation_label;
use crate::kb::query::{CitingOrder, Resolution};
use crate::kb::{AuthorityRecord, Kb};

/// Arguments of `precedent cited-by`.
#[derive(Debug, Args)]
pub struct CitedByArgs {
    /// A citation ("464 F.3d 951", "464 F.3d at 959", "Leon, 464 F.3d at 959"), a case name
    /// ("Leon v. IDX", "American LegalNet"), a statute ("42 U.S.C. § 1983") or a rule ("Rule 26").
    query: String,
    #[command(flatten)]
    index: IndexArg,
    #[command(flatten)]
    format: FormatArg,
}

/// Prints the candidates of an ambiguous query; shared with `propositions`.
pub(super) fn write_candidates(
    out: &mut impl Write,
    query: &str,
    candidates: &[AuthorityRecord],
    format: QueryFormat,
) -> anyhow::Result<()> {
    match format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &api::ambiguous(query, candidates))?;
            out.write_all(b"\n")?;
        }
        QueryFormat::Csv => write_csv(
            out,
            &["key", "name", "kind", "orders", "times_cited"],
            candidates.iter().map(|c| {
                vec![
                    c.key.clone(),
                    c.name.clone(),
                    c.kind.clone(),
                    c.order_count.to_string(),
                    c.times_cited.to_string(),
                ]
            }),
        )?,
        QueryFormat::Table => {
            writeln!(
                out,
                "\"{query}\" matches {} authorities; ask for one by its citation:",
                candidates.len()
            )?;
            for c in candidates {
                writeln!(
                    out,
                    "  {:<28} {:<50} cited by {}",
                    c.key,
                    cell(&c.name, 50),
                    count(c.order_count as usize, "order", "orders")
                )?;
            }
        }
    }
    Ok(())
}

fn write_orders(out: &mut impl Write, heading: &str, orders: &[CitingOrder]) -> anyhow::Result<()> {
    if orders.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{heading}")?;
    for o in orders {
        writeln!(
            out,
            "  {}  {}  {}  {}",
            o.id,
            o.date.as_deref().unwrap_or("-"),
            court(o.court_id.as_deref()).unwrap_or("-"),
            o.case_name
                .as_deref()
                .map(|n| cell(n, 60))
                .unwrap_or_default()
        )?;
        for c in &o.citations {
            writeln!(
                out,
                "    {:<10} page {:<3} {:<10} {:<14} {}{}",
                c.pin
                    .as_deref()
                    .map(|p| format!("at {p}"))
                    .unwrap_or_else(|| "-".into()),
                c.page.map_or("-".into(), |p| p.to_string()),
                c.signal.as_deref().unwrap_or("-"),
                c.treatment.as_deref().unwrap_or("-"),
                cell(&citation_label(c), 70),
                c.through
                    .as_deref()
                    .map(|t| format!("  (through {t})"))
                    .unwrap_or_default()
            )?;
        }
        for p in &o.propositions {
            writeln!(out, "    for: \"{}\"", cell(&p.text, 110))?;
        }
    }
    Ok(())
}

/// Turns the query into one authority key, or reports why not (the candidates
/// of an ambiguous name, or nothing found) and returns `None`. Shared with `propositions`.
pub(super) fn resolve_or_report(
    kb: &Kb,
    query: &str,
    format: QueryFormat,
    out: &mut impl Write,
) -> anyhow::Result<Option<String>> {
    match kb.resolve_authority(query)? {
        Resolution::Found { key } => Ok(Some(key)),
        Resolution::Ambiguous { candidates } => {
            write_candidates(out, query, &candidates, format)?;
            Ok(None)
        }
        Resolution::NotFound => {
            if format == QueryFormat::Json {
                serde_json::to_writer_pretty(&mut *out, &api::not_found(query))?;
                out.write_all(b"\n")?;
            } else {
                eprintln!(
                    "precedent: no authority in {} matches \"{query}\"",
                    kb.dir.display()
                );
            }
            Ok(None)
        }
    }
}

pub(super) fn run(args: CitedByArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let format = args.format.format;
    args.format.start(out)?;
    let Some(key) = resolve_or_report(&kb, &args.query, format, out)? else {
        return Ok(Outcome::NothingFound);
    };
    let Some(written) = format.written() else {
        return write_answer(out, api::cited_by(&kb, &key)?);
    };
    let result = kb.cited_by(&key)?;
    match written {
        Written::Csv => api::cited_by_csv(out, &result)?,
        Written::Table => {
            let a = &result.authority;
            let court_year = [
                court(a.court_id.as_deref()).map(String::from),
                a.year.map(|y| y.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let court_year = if court_year.is_empty() {
                String::new()
            } else {
                format!(" ({court_year})")
            };
            let keys = if a.keys.is_empty() {
                a.key.clone()
            } else {
                a.keys.join(", ")
            };
            let title = if a.name == a.key {
                keys
            } else {
                format!("{} — {keys}", a.name)
            };
            writeln!(
                out,
                "{title}{court_year}: cited by {} directly, {} through another authority",
                count(result.direct.len(), "order", "orders"),
                result.through.len()
            )?;
            write_orders(out, "CITED DIRECTLY", &result.direct)?;
            write_orders(out, "RELIED ON THROUGH ANOTHER AUTHORITY", &result.through)?;
        }
    }
    Ok(if result.direct.is_empty() && result.through.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
