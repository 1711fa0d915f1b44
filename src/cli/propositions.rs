//! `precedent propositions QUERY`: what an authority is cited for, clustered.

use std::io::Write;

use clap::Args;

use super::cited_by::resolve_or_report;
use super::kb_args::{write_answer, write_csv, FormatArg, IndexArg, Written};
use super::output::cell;
use super::Outcome;
use crate::api;

/// Arguments of `precedent propositions`.
#[derive(Debug, Args)]
pub struct PropositionsArgs {
    /// The authority: a citation, case name, statute or rule (as for `cited-by`).
    query: String,
    #[command(flatten)]
    index: IndexArg,
    #[command(flatten)]
    format: FormatArg,
}

pub(super) fn run(args: PropositionsArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let format = args.format.format;
    let Some(key) = resolve_or_report(&kb, &args.query, format, out)? else {
        return Ok(Outcome::NothingFound);
    };
    let Some(written) = format.written() else {
        return write_answer(out, api::propositions(&kb, &key)?);
    };
    let props = kb.propositions_of(&key)?;
    match written {
        Written::Csv => write_csv(
            out,
            &["id", "authority", "orders", "count", "pins", "text"],
            props.iter().map(|p| {
                vec![
                    p.id.clone(),
                    p.authority.clone(),
                    p.orders.join("; "),
                    p.count.to_string(),
                    p.pins.join("; "),
                    p.text.clone(),
                ]
            }),
        )?,
        Written::Table => {
            writeln!(out, "{key}: {} propositions", props.len())?;
            for p in &props {
                writeln!(
                    out,
                    "\n  {} orders, {} citations{}: {}",
                    p.orders.len(),
                    p.count,
                    if p.pins.is_empty() {
                        String::new()
                    } else {
                        format!(" at {}", p.pins.join(", "))
                    },
                    p.orders.join(", ")
                )?;
                writeln!(out, "  \"{}\"", cell(&p.text, 300))?;
            }
        }
    }
    Ok(if props.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
