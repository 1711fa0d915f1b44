//! The pages: search, an authority, an order, and the most cited — HTML
//! rendered on the server from the same library calls as the API, linked so
//! a reader can go from an order to an authority and on to every other
//! order that cites it. No script is needed to use them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use axum::extract::{Path, Query, State as AxumState};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::html::{authority_href, enc, esc, order_href, page, year_chart, CSS};
use super::{with_kb, Failure, State};
use crate::kb::query::{CitingOrder, Resolution, Scope};
use crate::kb::{CitationRecord, Kb, OrderRecord};

pub(super) fn routes() -> Router<State> {
    Router::new()
        .route("/", get(search))
        .route("/authority", get(authority))
        .route("/order/{id}", get(order))
        .route("/top", get(top))
        .route("/assets/style.css", get(style))
}

/// Hits per search page.
const PAGE_SIZE: usize = 10;

/// An error as a page, with the status it carries.
fn error_page(f: Failure) -> Response {
    let body = format!(
        "<section class=\"notice\"><h1>{}</h1><p>{}</p><p><a href=\"/\">Back to search</a></p></section>",
        f.status.canonical_reason().unwrap_or("Error"),
        esc(&f.message)
    );
    (f.status, Html(page("Error", "", &body))).into_response()
}

/// Renders the HTML `render` builds against the index, or the error page.
async fn render(
    state: &State,
    render: impl FnOnce(&Kb) -> Result<String, Failure> + Send + 'static,
) -> Response {
    match with_kb(state, render).await {
        Ok(html) => Html(html).into_response(),
        Err(f) => error_page(f),
    }
}

pub(super) async fn not_found() -> Response {
    error_page(Failure::not_found("There is no page here."))
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

/// A text with byte ranges marked, everything escaped.
fn marked(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&esc(&text[at..s]));
        let _ = write!(out, "<mark>{}</mark>", esc(&text[s..e]));
        at = e;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// `1 order`, `3 orders`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn or_dash(v: &Option<String>) -> String {
    v.as_deref().map_or_else(|| "–".to_string(), esc)
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    scope: Option<Scope>,
    offset: Option<usize>,
}

/// The query narrowed to one facet value. The facet is ANDed with the
/// whole query: appended bare, it bound to the last clause only, so under a
/// top-level OR (`habeas OR asylum court:ca1`) it widened the results.
fn narrow(kb: &Kb, query: &str, name: &str, value: &str) -> String {
    format!("({query}) {}", kb.facet_clause(name, value))
}

fn search_href(q: &str, scope: Scope, offset: usize) -> String {
    let scope = match scope {
        Scope::Orders => "",
        Scope::Propositions => "&scope=propositions",
    };
    let offset = if offset > 0 {
        format!("&offset={offset}")
    } else {
        String::new()
    };
    format!("/?q={}{scope}{offset}", enc(q))
}

async fn search(
    AxumState(state): AxumState<State>,
    q: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match q {
        Ok(Query(p)) => p,
        Err(e) => return error_page(Failure::bad_request(e.body_text())),
    };
    let query = p.q.unwrap_or_default();
    let scope = p.scope.unwrap_or(Scope::Orders);
    let offset = p.offset.unwrap_or(0).min(100_000);
    render(&state, move |kb| {
        if query.trim().is_empty() {
            return home(kb);
        }
        let results = kb.search(&query, scope, PAGE_SIZE, offset)?;
        let mut body = String::new();
        let tab = |s: Scope, label: &str| {
            let class = if s == scope { " class=\"on\"" } else { "" };
            format!("<a{class} href=\"{}\">{label}</a>", search_href(&query, s, 0))
        };
        let _ = write!(
            body,
            "<div class=\"scopes\">{}{}</div><p class=\"count\">{} {} match <q>{}</q></p>",
            tab(Scope::Orders, "Orders"),
            tab(Scope::Propositions, "Propositions"),
            results.total,
            match (scope, results.total == 1) {
                (Scope::Orders, true) => "order",
                (Scope::Orders, false) => "orders",
                (Scope::Propositions, true) => "proposition",
                (Scope::Propositions, false) => "propositions",
            },
            esc(&query)
        );
        body.push_str("<div class=\"results\">");
        if scope == Scope::Orders {
            body.push_str("<aside class=\"facets\">");
            for (name, counts) in &results.facets {
                if counts.is_empty() {
                    continue;
                }
                let _ = write!(body, "<h3>{}</h3><ul>", esc(name));
                for (value, n) in counts.iter().take(8) {
                    let narrowed = narrow(kb, &query, name, value);
                    let _ = write!(
                        body,
                        "<li><a href=\"{}\">{}</a> <span class=\"n\">{n}</span></li>",
                        search_href(&narrowed, scope, 0),
                        esc(value)
                    );
                }
                body.push_str("</ul>");
            }
            body.push_str("</aside>");
        }
        body.push_str("<ol class=\"hits\">");
        for h in &results.hits {
            let title = h
                .order
                .case_name
                .clone()
                .or_else(|| h.order.title.clone())
                .unwrap_or_else(|| h.id.clone());
            let _ = write!(
                body,
                "<li class=\"hit\"><a class=\"title\" href=\"{}\">{}</a><div class=\"meta\">{} · {} · {}</div>",
                order_href(&h.id),
                esc(&title),
                esc(&h.id),
                or_dash(&h.order.court_id),
                or_dash(&h.order.date),
            );
            if let Some(a) = &h.authority {
                let _ = write!(
                    body,
                    "<div class=\"meta\">cited for, by this order: <a href=\"{}\">{}</a></div>",
                    authority_href(a),
                    esc(a)
                );
            }
            let _ = write!(
                body,
                "<p class=\"snippet\">{}</p></li>",
                marked(&h.snippet, &h.highlights)
            );
        }
        body.push_str("</ol></div>");
        let mut nav = String::new();
        if offset > 0 {
            let _ = write!(
                nav,
                "<a href=\"{}\">← Previous</a>",
                search_href(&query, scope, offset.saturating_sub(PAGE_SIZE))
            );
        }
        if (offset + results.hits.len()) < results.total as usize {
            let _ = write!(
                nav,
                "<a href=\"{}\">Next →</a>",
                search_href(&query, scope, offset + PAGE_SIZE)
            );
        }
        if !nav.is_empty() {
            let _ = write!(
                body,
                "<nav class=\"pager\">{nav}<span>{}–{} of {}</span></nav>",
                offset + 1,
                offset + results.hits.len(),
                results.total
            );
        }
        Ok(page(&format!("{query} – search"), &query, &body))
    })
    .await
}

/// The start page: what is indexed, and queries to try.
fn home(kb: &Kb) -> Result<String, Failure> {
    let orders = kb.order_count()?;
    let top = kb.top(None, None, 8)?;
    let mut body = format!(
        "<section class=\"intro\"><h1>Search {} court orders</h1><p>Words, <code>\"phrases\"</code>, <code>\"phrases\"~2</code>, <code>AND</code>/<code>OR</code>/<code>NOT</code>, and fields: <code>court:cand</code>, <code>judge:whyte</code>, <code>year:[2015 TO 2018]</code>, <code>disposition:denied</code>, <code>cites:\"Leon v. IDX\"</code>.</p></section>",
        orders
    );
    if !top.is_empty() {
        body.push_str("<section><h2>Most cited</h2><ul class=\"plain\">");
        for a in &top {
            let _ = write!(
                body,
                "<li><a href=\"{}\">{}</a> <span class=\"n\">{} orders</span></li>",
                authority_href(&a.key),
                esc(&a.name),
                a.order_count
            );
        }
        body.push_str("</ul></section>");
    }
    Ok(page("Search", "", &body))
}

#[derive(Debug, Deserialize)]
struct AuthorityParams {
    key: Option<String>,
    filter: Option<String>,
}

async fn authority(
    AxumState(state): AxumState<State>,
    q: Result<Query<AuthorityParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match q {
        Ok(Query(p)) => p,
        Err(e) => return error_page(Failure::bad_request(e.body_text())),
    };
    let Some(asked) = p.key.filter(|k| !k.trim().is_empty()) else {
        return error_page(Failure::bad_request("Which authority? Add ?key=…"));
    };
    let filter = p.filter.unwrap_or_default();
    render(&state, move |kb| {
        let key = match kb.resolve_authority(&asked)? {
            Resolution::Found { key } => key,
            Resolution::NotFound => {
                return Err(Failure::not_found(format!(
                    "No authority in the index matches \"{asked}\"."
                )))
            }
            Resolution::Ambiguous { candidates } => {
                let mut body = format!(
                    "<h1>\"{}\" names {} authorities</h1><ul class=\"plain\">",
                    esc(&asked),
                    candidates.len()
                );
                for c in &candidates {
                    let _ = write!(
                        body,
                        "<li><a href=\"{}\">{}</a> — {} <span class=\"n\">{} orders</span></li>",
                        authority_href(&c.key),
                        esc(&c.name),
                        esc(&c.key),
                        c.order_count
                    );
                }
                body.push_str("</ul>");
                return Ok(page(&asked, "", &body));
            }
        };
        authority_page(kb, &key, &filter)
    })
    .await
}

fn authority_page(kb: &Kb, key: &str, filter: &str) -> Result<String, Failure> {
    let cited = kb.cited_by(key)?;
    let props = kb.propositions_of(key)?;
    let a = &cited.authority;
    let mut body = String::new();
    let title = if a.name.is_empty() { key } else { &a.name };
    let _ = write!(body, "<h1 class=\"authority\">{}</h1>", esc(title));
    let others: Vec<&String> = a.keys.iter().filter(|k| k.as_str() != key).collect();
    let court_year = [a.court_id.clone(), a.year.map(|y| y.to_string())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let _ = write!(
        body,
        "<p class=\"cite\">{}{}{}</p><p class=\"meta\">{} · cited {} times</p>",
        esc(key),
        if court_year.is_empty() {
            String::new()
        } else {
            format!(" ({})", esc(&court_year))
        },
        if others.is_empty() {
            String::new()
        } else {
            format!(
                "<br><span class=\"parallel\">Parallel: {}</span>",
                others.iter().map(|k| esc(k)).collect::<Vec<_>>().join("; ")
            )
        },
        esc(&a.kind),
        a.times_cited
    );
    let _ = write!(
        body,
        "<p class=\"exports\">Export: <a href=\"/api/cited-by?q={k}&amp;format=csv\">citing orders (CSV)</a> · <a href=\"/api/cited-by?q={k}\">JSON</a> · <a href=\"/api/propositions?q={k}\">propositions (JSON)</a></p>",
        k = enc(key)
    );

    // The chart counts each citing order once, by its year.
    let mut years: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for o in cited.direct.iter().chain(&cited.through) {
        if let Some(y) = o.date.as_deref().and_then(|d| d.get(..4)?.parse().ok()) {
            years.entry(y).or_default().insert(&o.id);
        }
    }
    let counts: Vec<(i64, usize)> = years.iter().map(|(y, s)| (*y, s.len())).collect();

    let needle = filter.trim().to_lowercase();
    let keep = |o: &&CitingOrder| {
        needle.is_empty()
            || [
                Some(&o.id),
                o.case_name.as_ref(),
                o.court_id.as_ref(),
                o.date.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|v| v.to_lowercase().contains(&needle))
    };
    let direct: Vec<&CitingOrder> = cited.direct.iter().filter(keep).collect();
    let through: Vec<&CitingOrder> = cited.through.iter().filter(keep).collect();
    let _ = write!(
        body,
        "<section><h2>Cited by {}{}</h2>{}<form class=\"filter\" method=\"get\" action=\"/authority\"><input type=\"hidden\" name=\"key\" value=\"{}\"><input type=\"search\" name=\"filter\" value=\"{}\" placeholder=\"Filter by order, case name, court or year\" aria-label=\"Filter citing orders\"><button>Filter</button></form>",
        plural(cited.direct.len(), "order"),
        if cited.through.is_empty() {
            String::new()
        } else {
            format!(", and relied on through another authority by {}", cited.through.len())
        },
        year_chart(&counts),
        esc(key),
        esc(filter)
    );
    if !needle.is_empty() {
        let _ = write!(
            body,
            "<p class=\"meta\">Showing {} of {} orders matching <q>{}</q>. <a href=\"{}\">Show all</a></p>",
            direct.len() + through.len(),
            cited.direct.len() + cited.through.len(),
            esc(filter),
            authority_href(key)
        );
    }
    citing_table(&mut body, "Cited directly", &direct);
    citing_table(&mut body, "Relied on through another authority", &through);
    body.push_str("</section>");

    let _ = write!(
        body,
        "<section><h2>How cited</h2><p class=\"meta\">{} propositions, most relied on first.</p><ol class=\"props\">",
        props.len()
    );
    let mut props = props;
    props.sort_by(|x, y| {
        y.orders
            .len()
            .cmp(&x.orders.len())
            .then(y.count.cmp(&x.count))
    });
    for p in &props {
        let text = if p.quoted {
            format!("<blockquote>“{}”</blockquote>", esc(&p.text))
        } else {
            format!("<p>{}</p>", esc(&p.text))
        };
        let orders: Vec<String> = p
            .orders
            .iter()
            .map(|o| format!("<a href=\"{}\">{}</a>", order_href(o), esc(o)))
            .collect();
        let _ = write!(
            body,
            "<li class=\"prop\">{text}<div class=\"meta\">{}, {}{} — {}</div></li>",
            plural(p.orders.len(), "order"),
            plural(p.count as usize, "citation"),
            if p.pins.is_empty() {
                String::new()
            } else {
                format!(" · at {}", esc(&p.pins.join(", ")))
            },
            orders.join(", ")
        );
    }
    body.push_str("</ol></section>");
    Ok(page(title, "", &body))
}

fn join_distinct<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let set: BTreeSet<&str> = values.collect();
    set.into_iter().collect::<Vec<_>>().join(", ")
}

fn citing_table(body: &mut String, heading: &str, orders: &[&CitingOrder]) {
    if orders.is_empty() {
        return;
    }
    let _ = write!(
        body,
        "<h3>{heading}</h3><div class=\"scroll\"><table class=\"citing\"><thead><tr><th>Order</th><th>Court</th><th>Date</th><th>Pins</th><th>Pages</th><th>Signal</th><th>Treatment</th></tr></thead><tbody>"
    );
    for o in orders {
        let pins = join_distinct(o.citations.iter().filter_map(|c| c.pin.as_deref()));
        let pages: BTreeSet<u64> = o.citations.iter().filter_map(|c| c.page).collect();
        let pages = pages
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let signals = join_distinct(o.citations.iter().filter_map(|c| c.signal.as_deref()));
        let treatments = join_distinct(o.citations.iter().filter_map(|c| c.treatment.as_deref()));
        let through = join_distinct(o.citations.iter().filter_map(|c| c.through.as_deref()));
        let name = o
            .case_name
            .as_deref()
            .map(|n| format!("<div class=\"sub\">{}</div>", esc(n)))
            .unwrap_or_default();
        let through = if through.is_empty() {
            String::new()
        } else {
            format!("<div class=\"sub\">through {}</div>", esc(&through))
        };
        let badge = if treatments.is_empty() {
            "–".to_string()
        } else {
            format!(
                "<span class=\"badge {}\">{}</span>",
                esc(treatments.split(',').next().unwrap_or("")),
                esc(&treatments)
            )
        };
        let _ = write!(
            body,
            "<tr><td><a href=\"{}\">{}</a>{name}{through}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{badge}</td></tr>",
            order_href(&o.id),
            esc(&o.id),
            or_dash(&o.court_id),
            or_dash(&o.date),
            esc(&pins),
            esc(&pages),
            esc(&signals),
        );
    }
    body.push_str("</tbody></table></div>");
}

async fn order(
    AxumState(state): AxumState<State>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let id = match super::api::segment(id) {
        Ok(id) => id,
        Err(f) => return error_page(f),
    };
    render(&state, move |kb| {
        let Some(order) = kb.order(&id)? else {
            return Err(Failure::not_found(format!(
                "No order \"{id}\" in the index."
            )));
        };
        order_page(kb, &order)
    })
    .await
}

fn order_page(kb: &Kb, order: &OrderRecord) -> Result<String, Failure> {
    let cites = kb.citations_of(order)?;
    let text = kb.order_text(order)?.unwrap_or_default();
    let toa = crate::api::authorities(kb, order)?.json;
    let title = order
        .case_name
        .clone()
        .or_else(|| order.title.clone())
        .unwrap_or_else(|| order.id.clone());
    let mut body = format!("<h1>{}</h1><dl class=\"metadata\">", esc(&title));
    for (label, value) in [
        ("Order", Some(order.id.clone())),
        ("Court", order.court.clone()),
        ("Case number", order.case_number.clone()),
        ("Title", order.title.clone()),
        ("Judge", order.judge.clone()),
        ("Date", order.date.clone()),
        ("Disposition", order.disposition.clone()),
        ("Pages", Some(order.pages.to_string())),
        ("Citations", Some(order.citations.to_string())),
    ] {
        if let Some(v) = value {
            let _ = write!(body, "<dt>{label}</dt><dd>{}</dd>", esc(&v));
        }
    }
    let _ = write!(
        body,
        "</dl><p class=\"exports\">Export: <a href=\"/api/orders/{id}\">order and citations (JSON)</a> · <a href=\"/api/export/toa?format=html&amp;orders={id}\">table of authorities (HTML)</a> · <a href=\"/api/export/toa?format=csv&amp;orders={id}\">(CSV)</a></p>",
        id = enc(&order.id)
    );
    body.push_str("<div class=\"order-layout\"><article class=\"text\">");
    body.push_str(&highlighted_text(&text, &cites));
    body.push_str("</article><aside class=\"toa\"><h2>Table of authorities</h2>");
    let sections = toa["sections"].as_array().cloned().unwrap_or_default();
    if sections.is_empty() {
        body.push_str("<p class=\"meta\">No authorities cited.</p>");
    }
    for s in &sections {
        let _ = write!(
            body,
            "<h3>{}</h3><ul class=\"plain\">",
            esc(s["heading"].as_str().unwrap_or(""))
        );
        for e in s["entries"].as_array().into_iter().flatten() {
            let key = e["authority"].as_str().unwrap_or("");
            let name = e["name"]
                .as_str()
                .map(|n| format!("<i>{}</i>, ", esc(n)))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<li><a href=\"{}\">{name}{}</a>{} <span class=\"n\">{}</span></li>",
                authority_href(key),
                esc(key),
                e["parenthetical"]
                    .as_str()
                    .map(|p| format!(" {}", esc(p)))
                    .unwrap_or_default(),
                esc(e["pages"].as_str().unwrap_or(""))
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</aside></div>");
    Ok(page(&title, "", &body))
}

/// The order's clean text as paragraphs, each citation a link to its
/// authority (or, when unresolved, marked but not linked).
fn highlighted_text(text: &str, cites: &[CitationRecord]) -> String {
    let mut spans: Vec<&CitationRecord> =
        cites.iter().filter(|c| c.body_end > c.body_start).collect();
    spans.sort_by_key(|c| (c.body_start, std::cmp::Reverse(c.body_end)));
    let mut out = String::from("<p>");
    let mut at = 0usize;
    let push_text = |out: &mut String, t: &str| {
        out.push_str(&esc(t).replace('\n', "</p><p>"));
    };
    for c in spans {
        let (s, e) = (c.body_start as usize, c.body_end as usize);
        // Citations nested in another's span (a parallel, a quoted case) are
        // reached from the outer one; a span off the text is skipped, not trusted.
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        push_text(&mut out, &text[at..s]);
        let inner = esc(&text[s..e]);
        let title = format!(
            "{}{}",
            c.kind,
            c.pin
                .as_deref()
                .map(|p| format!(", at {p}"))
                .unwrap_or_default()
        );
        match &c.authority {
            Some(a) if c.authority_kind.as_deref() != Some("record") => {
                let _ = write!(
                    out,
                    "<a class=\"cite {}\" href=\"{}\" title=\"{}\">{inner}</a>",
                    esc(&c.kind),
                    authority_href(a),
                    esc(&title)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<span class=\"cite {}\" title=\"{}\">{inner}</span>",
                    esc(&c.kind),
                    esc(&title)
                );
            }
        }
        at = e;
    }
    push_text(&mut out, &text[at..]);
    out.push_str("</p>");
    out
}

#[derive(Debug, Deserialize)]
struct TopParams {
    kind: Option<String>,
    court: Option<String>,
}

async fn top(
    AxumState(state): AxumState<State>,
    q: Result<Query<TopParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = match q {
        Ok(Query(p)) => p,
        Err(e) => return error_page(Failure::bad_request(e.body_text())),
    };
    let kind = p.kind.filter(|k| super::api::KINDS.contains(&k.as_str()));
    let court = p.court.filter(|c| !c.trim().is_empty());
    render(&state, move |kb| {
        let top = kb.top(court.as_deref(), kind.as_deref(), 50)?;
        let mut body = String::from("<h1>Most cited</h1><nav class=\"scopes\">");
        let all = if kind.is_none() { " class=\"on\"" } else { "" };
        let _ = write!(body, "<a{all} href=\"/top\">All</a>");
        for k in super::api::KINDS {
            let on = if kind.as_deref() == Some(k) {
                " class=\"on\""
            } else {
                ""
            };
            let _ = write!(body, "<a{on} href=\"/top?kind={k}\">{k}s</a>");
        }
        body.push_str("</nav><div class=\"scroll\"><table class=\"citing\"><thead><tr><th>#</th><th>Authority</th><th>Kind</th><th>Orders</th><th>Citations</th></tr></thead><tbody>");
        for (i, a) in top.iter().enumerate() {
            let name = if a.name != a.key && !a.name.is_empty() {
                format!("<div class=\"sub\">{}</div>", esc(&a.key))
            } else {
                String::new()
            };
            let _ = write!(
                body,
                "<tr><td>{}</td><td><a href=\"{}\">{}</a>{name}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                authority_href(&a.key),
                esc(if a.name.is_empty() { &a.key } else { &a.name }),
                esc(&a.kind),
                a.order_count,
                a.times_cited
            );
        }
        body.push_str("</tbody></table></div>");
        Ok(page("Most cited", "", &body))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(start: u64, end: u64, key: Option<&str>) -> CitationRecord {
        CitationRecord {
            kind: "case".into(),
            authority: key.map(str::to_string),
            authority_kind: key.map(|_| "case".to_string()),
            body_start: start,
            body_end: end,
            ..Default::default()
        }
    }

    #[test]
    fn citations_become_links_and_text_stays_text() {
        let text = "See <script>x</script> 464 F.3d 951.\nNext paragraph.";
        let at = text.find("464").unwrap() as u64;
        let html = highlighted_text(text, &[cite(at, at + 12, Some("464 F.3d 951"))]);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains(
            "<a class=\"cite case\" href=\"/authority?key=464%20F.3d%20951\" title=\"case\">464 F.3d 951</a>"
        ));
        assert!(html.contains("</p><p>Next paragraph."));
    }

    #[test]
    fn nested_and_out_of_range_spans_are_skipped() {
        let text = "Leon, 464 F.3d 951 (quoting X, 1 U.S. 1).";
        let html = highlighted_text(
            text,
            &[
                cite(0, 40, Some("464 F.3d 951")),
                cite(29, 38, Some("1 U.S. 1")),
                cite(30, 400, Some("bad")),
            ],
        );
        assert_eq!(html.matches("<a ").count(), 1);
        assert!(!html.contains("bad"));
    }

    #[test]
    fn snippets_mark_only_valid_ranges() {
        assert_eq!(marked("a <b> c", &[(2, 5)]), "a <mark>&lt;b&gt;</mark> c");
        assert_eq!(marked("é", &[(1, 2)]), "é");
    }
}
