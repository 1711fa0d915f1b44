//! `precedent show ORDER` and `precedent authorities ORDER`: one order's
//! metadata and citations, or its table of authorities.

use std::io::Write;

use clap::Args;

use super::kb_args::{opt, write_answer, FormatArg, IndexArg, Written};
use super::output::cell;
use super::Outcome;
use crate::api;
use crate::export::{self, ExportFormat};
use crate::kb::{Kb, OrderRecord};

/// Arguments of `precedent show` and `precedent authorities`.
#[derive(Debug, Args)]
pub struct OrderArgs {
    /// The order: its id (file stem) or its file path.
    order: String,
    #[command(flatten)]
    index: IndexArg,
    #[command(flatten)]
    format: FormatArg,
}

fn find(kb: &Kb, order: &str) -> anyhow::Result<Option<OrderRecord>> {
    let mut found = kb.order(order)?;
    // `file#id`, the form every output shows for a record of a JSON Lines
    // file or JSON array: the record `id` of that file.
    if found.is_none() {
        if let Some((file, id)) = order.rsplit_once('#') {
            let file = file.trim_start_matches("./");
            found = kb.order(id)?.filter(|o| {
                o.file == file
                    || o.file.ends_with(&format!("/{file}"))
                    || file.ends_with(&format!("/{}", o.file))
            });
        }
    }
    if found.is_none() {
        eprintln!("precedent: no order \"{order}\" in {}", kb.dir.display());
    }
    Ok(found)
}

/// `show`: metadata and citations.
pub(super) fn show(args: OrderArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let Some(order) = find(&kb, &args.order)? else {
        return Ok(Outcome::NothingFound);
    };
    let Some(written) = args.format.format.written() else {
        return write_answer(out, api::show(&kb, &order)?);
    };
    let cites = kb.citations_of(&order)?;
    match written {
        Written::Csv => export::citations(out, ExportFormat::Csv, &cites)?,
        Written::Table => {
            writeln!(out, "{}  ({})", order.id, order.file)?;
            for (label, value) in [
                ("court", &order.court),
                ("court id", &order.court_id),
                ("case number", &order.case_number),
                ("case name", &order.case_name),
                ("title", &order.title),
                ("judge", &order.judge),
                ("date", &order.date),
                ("disposition", &order.disposition),
            ] {
                writeln!(out, "  {label:<12} {}", value.as_deref().unwrap_or("-"))?;
            }
            writeln!(out, "  {:<12} {}\n", "pages", order.pages)?;
            writeln!(
                out,
                "{:>4} {:<12} {:<28} {:<10} {:>4}  {:<10} TEXT",
                "#", "KIND", "AUTHORITY", "PIN", "PAGE", "SIGNAL"
            )?;
            for c in &cites {
                writeln!(
                    out,
                    "{:>4} {:<12} {:<28} {:<10} {:>4}  {:<10} {}",
                    c.seq,
                    c.kind,
                    cell(c.authority.as_deref().unwrap_or("-"), 28),
                    cell(c.pin.as_deref().unwrap_or("-"), 10),
                    opt(&c.page),
                    c.signal.as_deref().unwrap_or("-"),
                    cell(&c.text, 70)
                )?;
            }
        }
    }
    Ok(Outcome::Found)
}

/// `authorities`: the order's table of authorities.
pub(super) fn authorities(args: OrderArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let Some(order) = find(&kb, &args.order)? else {
        return Ok(Outcome::NothingFound);
    };
    let Some(written) = args.format.format.written() else {
        return write_answer(out, api::authorities(&kb, &order)?);
    };
    let cites = kb.citations_of(&order)?;
    let auths = kb.authorities_of(&order)?;
    let orders = std::slice::from_ref(&order);
    match written {
        Written::Csv => {
            export::table_of_authorities(out, ExportFormat::Csv, orders, &cites, &auths)?
        }
        Written::Table => {
            export::table_of_authorities(out, ExportFormat::Md, orders, &cites, &auths)?
        }
    }
    let any = auths.iter().any(|a| a.kind != "record");
    Ok(if any {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
