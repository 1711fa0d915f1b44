//! The query answers as JSON: one place that shapes what `--format json`
//! prints and what the server's `/api/` returns, so the two never drift.
//!
//! Each function takes an open [`Kb`] and returns an [`Answer`]: the JSON
//! value and whether anything was found (the CLI's exit code 0 or 1, the
//! server's 200 or 404). An authority query that names no authority, or
//! several, is answered with `"status": "not_found"` or `"ambiguous"` and
//! the candidates, never with an error.

use serde_json::{json, Value};

use crate::export;
use crate::kb::query::{CitedBy, Resolution, Scope};
use crate::kb::{AuthorityRecord, Kb, OrderRecord};
use crate::{Error, Result};

/// A JSON answer and whether it holds results.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The JSON document.
    pub json: Value,
    /// Whether anything was found.
    pub found: bool,
}

impl Answer {
    fn new(json: Value, found: bool) -> Answer {
        Answer { json, found }
    }
}

/// An authority query turned into one key, or the answer that says why not.
#[derive(Debug)]
pub enum Lookup {
    /// The authority's canonical key.
    Key(String),
    /// No authority, or several: the answer to give instead.
    Unanswered(Answer),
}

/// Resolves an authority query (citation, short form, name, statute, rule).
pub fn lookup(kb: &Kb, query: &str) -> Result<Lookup> {
    Ok(match kb.resolve_authority(query)? {
        Resolution::Found { key } => Lookup::Key(key),
        Resolution::Ambiguous { candidates } => {
            Lookup::Unanswered(Answer::new(ambiguous(query, &candidates), false))
        }
        Resolution::NotFound => Lookup::Unanswered(Answer::new(not_found(query), false)),
    })
}

/// The JSON for an ambiguous authority query.
pub fn ambiguous(query: &str, candidates: &[AuthorityRecord]) -> Value {
    json!({"status": "ambiguous", "query": query, "candidates": candidates})
}

/// The JSON for an authority query that matches nothing.
pub fn not_found(query: &str) -> Value {
    json!({"status": "not_found", "query": query})
}

/// `search`: ranked hits with snippets, highlight ranges and facet counts.
pub fn search(kb: &Kb, query: &str, scope: Scope, limit: usize, offset: usize) -> Result<Answer> {
    let results = kb.search(query, scope, limit, offset)?;
    let found = !results.hits.is_empty();
    Ok(Answer::new(to_json(&results)?, found))
}

/// `cited-by` for an authority key: direct citers apart from reliance through another authority.
pub fn cited_by(kb: &Kb, key: &str) -> Result<Answer> {
    let result = kb.cited_by(key)?;
    let found = !(result.direct.is_empty() && result.through.is_empty());
    let mut json = to_json(&result)?;
    json["status"] = json!("found");
    Ok(Answer::new(json, found))
}

/// `cited-by` as CSV: one row per citation, direct citers first, each with
/// the citing order's case name, court (Bluebook abbreviation and
/// courts-db id) and date beside its id, the citation as normalized
/// ([`export::citation_label`]) and as written.
pub fn cited_by_csv(out: &mut dyn std::io::Write, result: &CitedBy) -> Result<()> {
    let mut w = export::SpreadsheetCsv::from_writer(out);
    let write = |e: csv::Error| Error::Write(e.into());
    w.write_record([
        "order",
        "case_name",
        "court",
        "court_id",
        "date",
        "file",
        "relation",
        "through",
        "citation",
        "pin",
        "page",
        "signal",
        "treatment",
        "proposition",
        "proposition_text",
        "text",
    ])
    .map_err(write)?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let orders = (result.direct.iter().map(|o| ("direct", o)))
        .chain(result.through.iter().map(|o| ("through", o)));
    for (relation, o) in orders {
        let court = o
            .court_id
            .as_deref()
            .and_then(crate::cite::courts::abbreviation)
            .unwrap_or_default();
        for c in &o.citations {
            w.write_record([
                o.id.clone(),
                opt(&o.case_name),
                court.to_string(),
                opt(&o.court_id),
                opt(&o.date),
                o.file.clone(),
                relation.to_string(),
                opt(&c.through),
                export::citation_label(c),
                opt(&c.pin),
                c.page.map(|p| p.to_string()).unwrap_or_default(),
                opt(&c.signal),
                opt(&c.treatment),
                opt(&c.proposition),
                opt(&c.proposition_text),
                c.text.clone(),
            ])
            .map_err(write)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// `propositions` for an authority key: what it is cited for, clustered.
pub fn propositions(kb: &Kb, key: &str) -> Result<Answer> {
    let props = kb.propositions_of(key)?;
    let found = !props.is_empty();
    Ok(Answer::new(
        json!({"authority": key, "propositions": props}),
        found,
    ))
}

/// `show`: an order's metadata and citations.
pub fn show(kb: &Kb, order: &OrderRecord) -> Result<Answer> {
    let cites = kb.citations_of(order)?;
    Ok(Answer::new(
        json!({"order": order, "citations": cites}),
        true,
    ))
}

/// `authorities`: an order's table of authorities (the `toa` export's JSON).
pub fn authorities(kb: &Kb, order: &OrderRecord) -> Result<Answer> {
    let cites = kb.citations_of(order)?;
    let auths = kb.authorities_of(order)?;
    let found = auths.iter().any(|a| a.kind != "record");
    let json = export::table_of_authorities_value(std::slice::from_ref(order), &cites, &auths)?;
    Ok(Answer::new(json, found))
}

/// `top`: the most-cited authorities, optionally of one court's orders or one kind.
pub fn top(kb: &Kb, court: Option<&str>, kind: Option<&str>, limit: usize) -> Result<Answer> {
    let top = kb.top(court, kind, limit)?;
    let found = !top.is_empty();
    Ok(Answer::new(to_json(&top)?, found))
}

/// Records always serialize (string keys, no non-finite floats); should one
/// not, it is an output error like any other.
fn to_json<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::Write(e.into()))
}
