//! `precedent search QUERY`: ranked full-text search with highlighted snippets.

use std::io::{IsTerminal, Write};

use clap::Args;

use super::kb_args::{count, court, opt, write_answer, write_csv, FormatArg, IndexArg, Written};
use super::output::cell;
use super::Outcome;
use crate::api;
use crate::kb::query::Scope;

/// Arguments of `precedent search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", "phrases"~2 (slop), AND/OR/NOT, and fields:
    /// court:cand, judge:whyte, year:[2015 TO 2018], disposition:denied, cites:"Leon v. IDX".
    query: String,
    #[command(flatten)]
    index: IndexArg,
    #[command(flatten)]
    format: FormatArg,
    /// Search order texts or propositions.
    #[arg(long, value_enum, default_value_t = Scope::Orders)]
    scope: Scope,
    /// Hits per page.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
}

fn highlight(snippet: &str, ranges: &[(usize, usize)], ansi: bool) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at
            || e > snippet.len()
            || !snippet.is_char_boundary(s)
            || !snippet.is_char_boundary(e)
        {
            continue;
        }
        out.push_str(&snippet[at..s]);
        if ansi {
            out.push_str("\x1b[1m");
            out.push_str(&snippet[s..e]);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(&snippet[s..e]);
        }
        at = e;
    }
    out.push_str(&snippet[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn run(args: SearchArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let kb = args.index.open()?;
    let Some(written) = args.format.format.written() else {
        let answer = api::search(&kb, &args.query, args.scope, args.limit, args.offset)?;
        return write_answer(out, answer);
    };
    let results = kb.search(&args.query, args.scope, args.limit, args.offset)?;
    args.format.start(out)?;
    match written {
        Written::Csv => write_csv(
            out,
            &[
                "id",
                "case_name",
                "court",
                "file",
                "score",
                "court_id",
                "date",
                "authority",
                "snippet",
            ],
            results.hits.iter().map(|h| {
                vec![
                    h.id.clone(),
                    opt(&h.order.case_name),
                    court(h.order.court_id.as_deref())
                        .unwrap_or_default()
                        .to_string(),
                    h.file.clone(),
                    format!("{:.3}", h.score),
                    opt(&h.order.court_id),
                    opt(&h.order.date),
                    opt(&h.authority),
                    highlight(&h.snippet, &h.highlights, false),
                ]
            }),
        )?,
        Written::Table => {
            let ansi = std::io::stdout().is_terminal();
            writeln!(
                out,
                "{} matching, showing {}",
                count(results.total as usize, "order", "orders"),
                results.hits.len()
            )?;
            for (name, counts) in &results.facets {
                if !counts.is_empty() {
                    let shown: Vec<String> = counts
                        .iter()
                        .take(6)
                        .map(|(v, n)| format!("{v} ({n})"))
                        .collect();
                    writeln!(out, "  {name}: {}", shown.join(", "))?;
                }
            }
            for (i, h) in results.hits.iter().enumerate() {
                writeln!(
                    out,
                    "{:>3}. {}  {}  {}  {}  score {:.2}{}",
                    args.offset + i + 1,
                    h.order
                        .case_name
                        .as_deref()
                        .or(h.order.title.as_deref())
                        .map(|n| cell(n, 70))
                        .unwrap_or_else(|| "(no case name)".into()),
                    h.id,
                    h.order.date.as_deref().unwrap_or("-"),
                    court(h.order.court_id.as_deref()).unwrap_or("-"),
                    h.score,
                    h.authority
                        .as_deref()
                        .map(|a| format!("  [{a}]"))
                        .unwrap_or_default()
                )?;
                writeln!(
                    out,
                    "     {}",
                    cell(&highlight(&h.snippet, &h.highlights, ansi), 400)
                )?;
            }
        }
    }
    Ok(if results.hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
