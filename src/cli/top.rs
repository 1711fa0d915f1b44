//! `precedent top`: the most-cited authorities.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::kb_args::{opt, write_answer, write_csv, FormatArg, IndexArg, Written};
use super::output::cell;
use super::Outcome;
use crate::api;

/// Kinds of authority `top` can be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindFilter {
    /// Cases.
    Case,
    /// Statutes.
    Statute,
    /// Regulations.
    Regulation,
    /// Court rules.
    Rule,
    /// Constitutional provisions.
    Constitution,
}

impl KindFilter {
    fn as_str(self) -> &'static str {
        match self {
            KindFilter::Case => "case",
            KindFilter::Statute => "statute",
            KindFilter::Regulation => "regulation",
            KindFilter::Rule => "rule",
            KindFilter::Constitution => "constitution",
        }
    }
}

/// Arguments of `precedent top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Count only orders of this court (courts-db id, e.g. `cand`).
    #[arg(long)]
    court: Option<String>,
    /// Only authorities of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindFilter>,
    /// How many.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    index: IndexArg,
    #[command(flatten)]
    format: FormatArg,
}

pub(super) fn run(args: TopArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let kind = args.kind.map(KindFilter::as_str);
    let Some(written) = args.format.format.written() else {
        return write_answer(out, api::top(&kb, args.court.as_deref(), kind, args.limit)?);
    };
    let top = kb.top(args.court.as_deref(), kind, args.limit)?;
    if top.is_empty() && written == Written::Table {
        let mut scope = Vec::new();
        if let Some(k) = kind {
            scope.push(format!("of kind {k}"));
        }
        if let Some(c) = &args.court {
            scope.push(format!("cited by orders of court \"{c}\""));
        }
        let scope = if scope.is_empty() {
            String::new()
        } else {
            format!(" {}", scope.join(", "))
        };
        eprintln!(
            "precedent: nothing matched: no authority{scope} in {}",
            kb.dir.display()
        );
        return Ok(Outcome::NothingFound);
    }
    args.format.start(out)?;
    match written {
        Written::Csv => write_csv(
            out,
            &[
                "rank",
                "key",
                "name",
                "kind",
                "court_id",
                "year",
                "orders",
                "times_cited",
            ],
            top.iter().enumerate().map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.key.clone(),
                    a.name.clone(),
                    a.kind.clone(),
                    opt(&a.court_id),
                    opt(&a.year),
                    a.order_count.to_string(),
                    a.times_cited.to_string(),
                ]
            }),
        )?,
        Written::Table => {
            writeln!(
                out,
                "{:>4}  {:<28} {:<12} {:>6} {:>6}  NAME",
                "RANK", "AUTHORITY", "KIND", "ORDERS", "CITES"
            )?;
            for (i, a) in top.iter().enumerate() {
                writeln!(
                    out,
                    "{:>4}  {:<28} {:<12} {:>6} {:>6}  {}",
                    i + 1,
                    cell(&a.key, 28),
                    a.kind,
                    a.order_count,
                    a.times_cited,
                    cell(&a.name, 60)
                )?;
            }
        }
    }
    Ok(if top.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
