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

use super::html::{authority_href, court_html, enc, esc, order_href, page, CSS};
use super::{with_kb, Failure, State};
use crate::kb::query::Scope;
use crate::kb::{CitationRecord, Kb, OrderRecord};

pub(super) fn routes() -> Router<State> {
    Router::new()
        .route("/", get(search))
        .route("/authority", get(super::authority::authority))
        .route("/order/{id}", get(order))
        .route("/top", get(top))
        .route("/api", get(super::apidoc::api_page))
        .route("/assets/style.css", get(style))
}

/// Hits per search page.
const PAGE_SIZE: usize = 10;

/// An error as a page, with the status it carries.
pub(super) fn error_page(f: Failure) -> Response {
    let body = format!(
        "<section class=\"notice\"><h1>{}</h1><p>{}</p><p><a href=\"/\">Back to search</a></p></section>",
        f.status.canonical_reason().unwrap_or("Error"),
        esc(&f.message)
    );
    (f.status, Html(page("Error", "", &body))).into_response()
}

/// Renders the HTML `render` builds against the index, or the error page.
pub(super) async fn render(
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
pub(super) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(super) fn or_dash(v: &Option<String>) -> String {
    v.as_deref().map_or_else(|| "–".to_string(), esc)
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    scope: Option<Scope>,
    offset: Option<usize>,
    /// First year of a date range (inclusive).
    from: Option<String>,
    /// Last year of a date range (inclusive).
    to: Option<String>,
}

/// A search as the page shows it: the words typed, the scope, and the
/// date range, which every link of the page carries along.
#[derive(Debug, Clone)]
struct SearchView {
    q: String,
    scope: Scope,
    from: Option<i64>,
    to: Option<i64>,
    /// Hits skipped (the page of results).
    offset: usize,
}

/// Years a date range may name: wide enough for any court order, narrow
/// enough that the range is a number the index's `year` field can hold.
const YEARS: std::ops::RangeInclusive<i64> = 1000..=9999;

/// A year of the date-range form: empty is no bound; anything else must
/// be a year, or the page says which field is wrong.
fn year_param(value: Option<&str>, name: &str) -> Result<Option<i64>, Failure> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match v.parse::<i64>() {
        Ok(y) if YEARS.contains(&y) => Ok(Some(y)),
        _ => Err(Failure::bad_request(format!(
            "`{name}` must be a year ({}–{}), not \"{v}\"",
            YEARS.start(),
            YEARS.end()
        ))),
    }
}

impl SearchView {
    fn from_params(p: SearchParams) -> Result<SearchView, Failure> {
        let mut from = year_param(p.from.as_deref(), "from")?;
        let mut to = year_param(p.to.as_deref(), "to")?;
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                (from, to) = (Some(b), Some(a));
            }
        }
        Ok(SearchView {
            q: p.q.unwrap_or_default(),
            scope: p.scope.unwrap_or(Scope::Orders),
            from,
            to,
            offset: p.offset.unwrap_or(0).min(100_000),
        })
    }

    /// Whether a date range applies: to orders, which have dates;
    /// propositions have none, so a range would find nothing there.
    fn has_range(&self) -> bool {
        self.scope == Scope::Orders && (self.from.is_some() || self.to.is_some())
    }

    /// What the index is asked: the words ANDed with the range on `year`
    /// (an order without a date has no year, so a range leaves it out).
    fn query(&self) -> String {
        let q = self.q.trim();
        if !self.has_range() {
            return q.to_string();
        }
        let range = format!(
            "year:[{} TO {}]",
            self.from.unwrap_or(*YEARS.start()),
            self.to.unwrap_or(*YEARS.end())
        );
        if q.is_empty() {
            range
        } else {
            format!("({q}) {range}")
        }
    }

    /// The range as a reader says it: `2015–2018`, `from 2015`, `to 2018`.
    fn range_text(&self) -> Option<String> {
        if !self.has_range() {
            return None;
        }
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => Some(format!("in {a}")),
            (Some(a), Some(b)) => Some(format!("{a}–{b}")),
            (Some(a), None) => Some(format!("from {a}")),
            (None, Some(b)) => Some(format!("up to {b}")),
            (None, None) => None,
        }
    }

    /// This search with the words `q`, in `scope`, from hit `offset`.
    fn href(&self, q: &str, scope: Scope, offset: usize) -> String {
        let mut href = format!("/?q={}", enc(q));
        if scope == Scope::Propositions {
            href.push_str("&scope=propositions");
        }
        // The range is kept for orders, where it applies; a reader who
        // goes from propositions back to orders gets it back.
        if scope == Scope::Orders {
            if let Some(y) = self.from {
                let _ = write!(href, "&from={y}");
            }
            if let Some(y) = self.to {
                let _ = write!(href, "&to={y}");
            }
        }
        if offset > 0 {
            let _ = write!(href, "&offset={offset}");
        }
        href
    }

    /// The date-range form (orders only): the words ride along hidden.
    fn range_form(&self) -> String {
        if self.scope != Scope::Orders {
            return String::new();
        }
        let year = |v: Option<i64>| v.map(|y| y.to_string()).unwrap_or_default();
        let scope = match self.scope {
            Scope::Orders => String::new(),
            Scope::Propositions => {
                "<input type=\"hidden\" name=\"scope\" value=\"propositions\">".to_string()
            }
        };
        let clear = if self.has_range() {
            format!(
                " <a href=\"{}\">Any date</a>",
                SearchView {
                    from: None,
                    to: None,
                    ..self.clone()
                }
                .href(&self.q, self.scope, 0)
            )
        } else {
            String::new()
        };
        format!(
            "<form class=\"range\" method=\"get\" action=\"/\"><input type=\"hidden\" name=\"q\" value=\"{}\">{scope}<label>From <input type=\"number\" name=\"from\" min=\"{lo}\" max=\"{hi}\" placeholder=\"year\" value=\"{}\"></label><label>to <input type=\"number\" name=\"to\" min=\"{lo}\" max=\"{hi}\" placeholder=\"year\" value=\"{}\"></label><button>Apply dates</button>{clear}</form>",
            esc(&self.q),
            year(self.from),
            year(self.to),
            lo = YEARS.start(),
            hi = YEARS.end(),
        )
    }
}

/// The query narrowed to one facet value. The facet is ANDed with the
/// whole query: appended bare, it bound to the last clause only, so under a
/// top-level OR (`habeas OR asylum court:ca1`) it widened the results.
fn narrow(kb: &Kb, query: &str, name: &str, value: &str) -> String {
    if query.trim().is_empty() {
        kb.facet_clause(name, value)
    } else {
        format!("({query}) {}", kb.facet_clause(name, value))
    }
}

/// A facet value as the page shows it: courts by their abbreviation (the
/// link still narrows by the courts-db id, which is what the index holds).
fn facet_label(name: &str, value: &str) -> String {
    if name == "court" {
        court_html(Some(value))
    } else {
        esc(value)
    }
}

async fn search(
    AxumState(state): AxumState<State>,
    q: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let view = match q
        .map_err(|e| Failure::bad_request(e.body_text()))
        .and_then(|Query(p)| SearchView::from_params(p))
    {
        Ok(v) => v,
        Err(f) => return error_page(f),
    };
    render(&state, move |kb| search_page(kb, &view)).await
}

fn search_page(kb: &Kb, view: &SearchView) -> Result<String, Failure> {
    let offset = view.offset;
    let query = view.query();
    if query.is_empty() {
        return home(kb);
    }
    let scope = view.scope;
    let results = kb.search(&query, scope, PAGE_SIZE, offset)?;
    let mut body = String::new();
    let tab = |s: Scope, label: &str| {
        let class = if s == scope { " class=\"on\"" } else { "" };
        format!(
            "<a{class} href=\"{}\">{label}</a>",
            view.href(&view.q, s, 0)
        )
    };
    let _ = write!(
        body,
        "<div class=\"scopes\">{}{}</div>{}<p class=\"count\">{} {} match <q>{}</q>{}</p>",
        tab(Scope::Orders, "Orders"),
        tab(Scope::Propositions, "Propositions"),
        view.range_form(),
        results.total,
        match (scope, results.total == 1) {
            (Scope::Orders, true) => "order",
            (Scope::Orders, false) => "orders",
            (Scope::Propositions, true) => "proposition",
            (Scope::Propositions, false) => "propositions",
        },
        esc(&view.q),
        view.range_text()
            .map(|r| format!(", dated {}", esc(&r)))
            .unwrap_or_default(),
    );
    // Propositions have no facets: their hits take the whole width rather
    // than the facet column of a grid laid out for two.
    let facets: Vec<_> = if scope == Scope::Orders {
        results
            .facets
            .iter()
            .filter(|(_, c)| !c.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    if facets.is_empty() {
        body.push_str("<div class=\"results single\">");
    } else {
        body.push_str("<div class=\"results\"><aside class=\"facets\">");
        for (name, counts) in facets {
            let _ = write!(body, "<h3>{}</h3><ul>", esc(name));
            for (value, n) in counts.iter().take(8) {
                let narrowed = narrow(kb, &view.q, name, value);
                let _ = write!(
                    body,
                    "<li><a href=\"{}\">{}</a> <span class=\"n\">{n}</span></li>",
                    view.href(&narrowed, scope, 0),
                    facet_label(name, value)
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
            "<li class=\"hit\"><a class=\"title\" href=\"{}\">{}</a><div class=\"meta\">{} · {} · <span class=\"id\">{}</span></div>",
            order_href(&h.id),
            esc(&title),
            court_html(h.order.court_id.as_deref()),
            or_dash(&h.order.date),
            esc(&h.id),
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
            view.href(&view.q, scope, offset.saturating_sub(PAGE_SIZE))
        );
    }
    if (offset + results.hits.len()) < results.total as usize {
        let _ = write!(
            nav,
            "<a href=\"{}\">Next →</a>",
            view.href(&view.q, scope, offset + PAGE_SIZE)
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
    let title = match (view.q.trim(), view.range_text()) {
        ("", Some(range)) => format!("Orders dated {range}"),
        (q, _) => format!("{q} – search"),
    };
    Ok(page(&title, &view.q, &body))
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
                "<li><a href=\"{}\">{}</a> <span class=\"n\">{}</span></li>",
                authority_href(&a.key),
                esc(&a.name),
                plural(a.order_count as usize, "order")
            );
        }
        body.push_str("</ul></section>");
    }
    Ok(page("Search", "", &body))
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
    let court = match (order.court.as_deref(), order.court_id.as_deref()) {
        (Some(name), Some(id)) => Some(format!("{} ({})", esc(name), court_html(Some(id)))),
        (Some(name), None) => Some(esc(name)),
        (None, Some(id)) => Some(court_html(Some(id))),
        (None, None) => None,
    };
    let mut body = format!("<h1>{}</h1><dl class=\"metadata\">", esc(&title));
    let plain = |v: &Option<String>| v.as_deref().map(esc);
    for (label, value) in [
        ("Order", Some(esc(&order.id))),
        ("Court", court),
        ("Case number", plain(&order.case_number)),
        ("Title", plain(&order.title)),
        ("Judge", plain(&order.judge)),
        ("Date", plain(&order.date)),
        ("Disposition", plain(&order.disposition)),
        ("Pages", Some(order.pages.to_string())),
        ("Citations", Some(order.citations.to_string())),
    ] {
        if let Some(v) = value {
            let _ = write!(body, "<dt>{label}</dt><dd>{v}</dd>");
        }
    }
    if !order.citation.is_empty() {
        let counts = kb.cited_by_count_of(order)?;
        let cited = if counts.orders == 0 {
            "not cited by any order in this collection".to_string()
        } else {
            format!(
                "<a href=\"{}\">cited by {} in this collection</a>",
                authority_href(&order.citation[0]),
                plural(counts.orders as usize, "order")
            )
        };
        let _ = write!(
            body,
            "<dt>Reported as</dt><dd class=\"loop\">{} · {cited}</dd>",
            order
                .citation
                .iter()
                .map(|c| esc(c))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = write!(
        body,
        "</dl><p class=\"exports\">Export: <a href=\"/api/orders/{id}\">order and citations (JSON)</a> · <a href=\"/api/export/toa?format=html&amp;orders={id}\">table of authorities (HTML)</a> · <a href=\"/api/export/toa?format=csv&amp;orders={id}\">(CSV)</a></p>",
        id = enc(&order.id)
    );
    body.push_str("<div class=\"order-layout\"><article class=\"text\">");
    body.push_str(&highlighted_text(&text, &cites));
    body.push_str("</article>");
    authorities_cited(&mut body, &toa, &cites);
    body.push_str("</div>");
    Ok(page(&title, "", &body))
}

/// The authorities an order cites, in the table of authorities' sections
/// and order, each with how the order treats it, the pages it stands on
/// and what it is cited for — every page and proposition a link to the
/// citation's place in the text.
fn authorities_cited(body: &mut String, toa: &serde_json::Value, cites: &[CitationRecord]) {
    let mut by_key: BTreeMap<&str, Vec<&CitationRecord>> = BTreeMap::new();
    for c in cites {
        if let Some(a) = c.authority.as_deref() {
            if c.authority_kind.as_deref() != Some("record") {
                by_key.entry(a).or_default().push(c);
            }
        }
    }
    body.push_str("<aside class=\"toa\"><h2>Authorities cited</h2>");
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
            let mut here: Vec<&CitationRecord> = by_key.get(key).cloned().unwrap_or_default();
            here.sort_by_key(|c| c.seq);
            let treatments: BTreeSet<&str> =
                here.iter().filter_map(|c| c.treatment.as_deref()).collect();
            let badges: String = treatments
                .iter()
                .map(|t| format!(" <span class=\"badge {t}\">{t}</span>", t = esc(t)))
                .collect();
            // Each page links to the first citation standing on it.
            let mut pages: BTreeMap<u64, u64> = BTreeMap::new();
            for c in &here {
                if let Some(p) = c.page {
                    pages.entry(p).or_insert(c.seq);
                }
            }
            let pages = if pages.is_empty() {
                esc(e["pages"].as_str().unwrap_or(""))
            } else {
                pages
                    .iter()
                    .map(|(p, seq)| format!("<a href=\"#c{seq}\">{p}</a>"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = write!(
                body,
                "<li class=\"cited\"><a href=\"{}\">{name}{}</a>{}{badges} <span class=\"n pages\">{}{pages}</span>",
                authority_href(key),
                esc(key),
                e["parenthetical"]
                    .as_str()
                    .map(|p| format!(" {}", esc(p)))
                    .unwrap_or_default(),
                if pages.is_empty() { "" } else { "at " },
            );
            let mut seen = BTreeSet::new();
            let props: Vec<String> = here
                .iter()
                .filter_map(|c| {
                    Some((
                        c.seq,
                        c.proposition.as_deref()?,
                        c.proposition_text.as_deref()?,
                    ))
                })
                .filter(|(_, id, _)| seen.insert(*id))
                .map(|(seq, _, text)| {
                    format!(
                        "<li><a href=\"#c{seq}\">{}</a></li>",
                        esc(&short(text, 240))
                    )
                })
                .collect();
            if !props.is_empty() {
                let _ = write!(
                    body,
                    "<ul class=\"for\" aria-label=\"Cited for\">{}</ul>",
                    props.concat()
                );
            }
            body.push_str("</li>");
        }
        body.push_str("</ul>");
    }
    body.push_str("</aside>");
}

/// `text` cut to about `max` bytes at a word, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end]
        .rfind(' ')
        .filter(|&i| i > max / 2)
        .unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

/// The order's clean text as paragraphs, each citation a link to its
/// authority (or, when unresolved, marked but not linked), anchored as
/// `c{seq}` so a proposition or a page can link to its place.
fn highlighted_text(text: &str, cites: &[CitationRecord]) -> String {
    let mut spans: Vec<&CitationRecord> =
        cites.iter().filter(|c| c.body_end > c.body_start).collect();
    spans.sort_by_key(|c| (c.body_start, std::cmp::Reverse(c.body_end)));
    // Citations nested in another's span (a parallel, a quoted case) are
    // reached from the outer one, which carries their anchors too; a span
    // off the text is skipped, not trusted.
    let mut shown: Vec<(&CitationRecord, Vec<u64>)> = Vec::new();
    let mut at = 0usize;
    for c in spans {
        let (s, e) = (c.body_start as usize, c.body_end as usize);
        if e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        if s < at {
            if let Some((_, nested)) = shown.last_mut() {
                nested.push(c.seq);
            }
            continue;
        }
        shown.push((c, Vec::new()));
        at = e;
    }
    let mut out = String::from("<p>");
    let push_text = |out: &mut String, t: &str| {
        out.push_str(&esc(t).replace('\n', "</p><p>"));
    };
    let mut at = 0usize;
    for (c, nested) in shown {
        let (s, e) = (c.body_start as usize, c.body_end as usize);
        push_text(&mut out, &text[at..s]);
        for seq in nested {
            let _ = write!(out, "<span class=\"anchor\" id=\"c{seq}\"></span>");
        }
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
                    "<a class=\"cite {}\" id=\"c{}\" href=\"{}\" title=\"{}\">{inner}</a>",
                    esc(&c.kind),
                    c.seq,
                    authority_href(a),
                    esc(&title)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<span class=\"cite {}\" id=\"c{}\" title=\"{}\">{inner}</span>",
                    esc(&c.kind),
                    c.seq,
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
        // The court a list is narrowed to, as people read it, kept in the kind tabs.
        let (in_court, court_param) = match court.as_deref() {
            Some(c) => (
                format!(" in orders of {}", court_html(Some(c))),
                format!("court={}", enc(c)),
            ),
            None => (String::new(), String::new()),
        };
        let mut body = format!("<h1>Most cited{in_court}</h1><nav class=\"scopes\">");
        let all = if kind.is_none() { " class=\"on\"" } else { "" };
        let sep = if court_param.is_empty() { "" } else { "?" };
        let _ = write!(body, "<a{all} href=\"/top{sep}{court_param}\">All</a>");
        let amp = if court_param.is_empty() { "" } else { "&" };
        for k in super::api::KINDS {
            let on = if kind.as_deref() == Some(k) {
                " class=\"on\""
            } else {
                ""
            };
            let _ = write!(
                body,
                "<a{on} href=\"/top?{court_param}{amp}kind={k}\">{k}s</a>"
            );
        }
        body.push_str("</nav><div class=\"scroll\"><table class=\"citing\"><thead><tr><th>#</th><th>Authority</th><th>Kind</th><th>Court</th><th>Orders</th><th>Citations</th></tr></thead><tbody>");
        for (i, a) in top.iter().enumerate() {
            let name = if a.name != a.key && !a.name.is_empty() {
                format!("<div class=\"sub\">{}</div>", esc(&a.key))
            } else {
                String::new()
            };
            let _ = write!(
                body,
                "<tr><td data-label=\"#\">{}</td><td data-label=\"Authority\"><a href=\"{}\">{}</a>{name}</td><td data-label=\"Kind\">{}</td><td data-label=\"Court\">{}</td><td data-label=\"Orders\">{}</td><td data-label=\"Citations\">{}</td></tr>",
                i + 1,
                authority_href(&a.key),
                esc(if a.name.is_empty() { &a.key } else { &a.name }),
                esc(&a.kind),
                match (a.court_id.as_deref(), a.year) {
                    (None, None) => "–".to_string(),
                    (court, year) => [
                        court.map(|c| court_html(Some(c))),
                        year.map(|y| y.to_string()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                },
                a.order_count,
                a.times_cited
            );
        }
        body.push_str("</tbody></table></div>");
        if top.is_empty() {
            body.push_str("<p class=\"meta\">No authority is cited in these orders.</p>");
        }
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
            "<a class=\"cite case\" id=\"c0\" href=\"/authority?key=464%20F.3d%20951\" title=\"case\">464 F.3d 951</a>"
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

    /// A citation nested in another's span keeps its anchor, so a
    /// proposition that links to it lands on the outer citation.
    #[test]
    fn nested_citations_keep_their_anchors() {
        let text = "Leon, 464 F.3d 951 (quoting X, 1 U.S. 1).";
        let mut outer = cite(0, 40, Some("464 F.3d 951"));
        outer.seq = 4;
        let mut inner = cite(29, 38, Some("1 U.S. 1"));
        inner.seq = 5;
        let html = highlighted_text(text, &[inner, outer]);
        let at5 = html.find("id=\"c5\"").expect("nested anchor");
        let at4 = html.find("id=\"c4\"").expect("outer anchor");
        assert!(at5 < at4, "{html}");
    }

    #[test]
    fn long_propositions_are_cut_at_a_word() {
        assert_eq!(short("short", 10), "short");
        assert_eq!(short("one two three four", 12), "one two…");
        assert_eq!(short("ééééé", 3), "é…");
    }

    #[test]
    fn snippets_mark_only_valid_ranges() {
        assert_eq!(marked("a <b> c", &[(2, 5)]), "a <mark>&lt;b&gt;</mark> c");
        assert_eq!(marked("é", &[(1, 2)]), "é");
    }
}
