//! The authority page: who cites an authority, how, and for what — the
//! citator's view a lawyer works from. It owns the citing-orders table (its
//! filters by court, year, treatment, signal and words, and its sort), the
//! year chart, the link to the authority's own opinion when the collection
//! holds it, and the clustered propositions with each order's wording.
//!
//! Everything is read from one [`Kb::cited_by`] and one
//! [`Kb::propositions_of`]; filtering and sorting happen here, on those
//! rows, so the counts in the heading stay the collection's (distinct
//! citing orders, `kb::authority`) whatever the reader narrows the table to.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use axum::extract::{Query, State as AxumState};
use axum::response::Response;
use serde::Deserialize;

use super::html::{
    authority_href, citation_href, court_html, court_name, enc, esc, order_href, page, year_chart,
};
use super::pages::{error_page, or_dash, plural, render};
use super::{Failure, State};
use crate::kb::query::{CitedBy, CitingOrder, Resolution};
use crate::kb::{Kb, PropositionRecord};

#[derive(Debug, Default, Deserialize)]
pub(super) struct AuthorityParams {
    key: Option<String>,
    /// Words any of an order's name, id, court or date must contain.
    filter: Option<String>,
    /// courts-db id of the citing court.
    court: Option<String>,
    /// Year of the citing order.
    year: Option<String>,
    /// A treatment one of the order's citations has.
    treatment: Option<String>,
    /// A signal one of the order's citations has.
    signal: Option<String>,
    /// Column to sort by, `-` first for descending (`-date`, `court`).
    sort: Option<String>,
}

/// Columns the citing table sorts by, as named in `?sort=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Court,
    Date,
    Treatment,
    Signal,
}

const COLUMNS: [(Column, &str); 5] = [
    (Column::Name, "name"),
    (Column::Court, "court"),
    (Column::Date, "date"),
    (Column::Treatment, "treatment"),
    (Column::Signal, "signal"),
];

impl Column {
    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("date", |(_, n)| n)
    }
}

/// The sorts the form offers (every column also sorts from its heading).
const SORTS: [(&str, &str); 6] = [
    ("date", "oldest first"),
    ("name", "case name"),
    ("court", "court"),
    ("treatment", "treatment"),
    ("signal", "signal"),
    ("-name", "case name, Z–A"),
];

/// How the table is sorted; newest first unless the reader asks otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sort {
    column: Column,
    descending: bool,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            column: Column::Date,
            descending: true,
        }
    }
}

impl Sort {
    fn parse(value: Option<&str>) -> Result<Sort, Failure> {
        let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(Sort::default());
        };
        let (descending, name) = match v.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, v),
        };
        let column = COLUMNS
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
            .ok_or_else(|| {
                Failure::bad_request(format!(
                    "`sort` must be one of {} (with `-` first for descending), not \"{v}\"",
                    COLUMNS.map(|(_, n)| n).join(", ")
                ))
            })?;
        Ok(Sort { column, descending })
    }

    fn param(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.column.name()
        )
    }
}

/// The table's filters and sort, as the page's links carry them.
#[derive(Debug, Clone, Default)]
struct View {
    filter: String,
    court: Option<String>,
    year: Option<i64>,
    treatment: Option<String>,
    signal: Option<String>,
    sort: Sort,
}

fn given(v: Option<String>) -> Option<String> {
    v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl View {
    fn from_params(p: &mut AuthorityParams) -> Result<View, Failure> {
        let year = match given(p.year.take()) {
            None => None,
            Some(y) => Some(y.parse::<i64>().map_err(|_| {
                Failure::bad_request(format!("`year` must be a year, not \"{y}\""))
            })?),
        };
        Ok(View {
            filter: p.filter.take().unwrap_or_default().trim().to_string(),
            court: given(p.court.take()),
            year,
            treatment: given(p.treatment.take()),
            signal: given(p.signal.take()),
            sort: Sort::parse(p.sort.as_deref())?,
        })
    }

    fn narrowed(&self) -> bool {
        !self.filter.is_empty()
            || self.court.is_some()
            || self.year.is_some()
            || self.treatment.is_some()
            || self.signal.is_some()
    }

    /// The page of authority `key` with this view.
    fn href(&self, key: &str) -> String {
        let mut href = authority_href(key);
        let mut add = |name: &str, v: &str| {
            let _ = write!(href, "&{name}={}", enc(v));
        };
        if !self.filter.is_empty() {
            add("filter", &self.filter);
        }
        if let Some(c) = &self.court {
            add("court", c);
        }
        if let Some(y) = self.year {
            add("year", &y.to_string());
        }
        if let Some(t) = &self.treatment {
            add("treatment", t);
        }
        if let Some(s) = &self.signal {
            add("signal", s);
        }
        if self.sort != Sort::default() {
            add("sort", &self.sort.param());
        }
        href
    }

    fn keeps(&self, row: &Row) -> bool {
        let needle = self.filter.to_lowercase();
        (needle.is_empty()
            || [
                Some(row.order.id.as_str()),
                row.order.case_name.as_deref(),
                row.order.court_id.as_deref(),
                row.order.court_id.as_deref().map(court_name),
                row.order.date.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(|v| v.to_lowercase().contains(&needle)))
            && self
                .court
                .as_ref()
                .is_none_or(|c| row.order.court_id.as_ref() == Some(c))
            && self.year.is_none_or(|y| row.year == Some(y))
            && self
                .treatment
                .as_ref()
                .is_none_or(|t| row.treatments.contains(t.as_str()))
            && self
                .signal
                .as_ref()
                .is_none_or(|s| row.signals.contains(s.as_str()))
    }
}

/// One citing order as the table shows, filters and sorts it.
struct Row<'a> {
    order: &'a CitingOrder,
    name: &'a str,
    year: Option<i64>,
    treatments: BTreeSet<&'a str>,
    signals: BTreeSet<&'a str>,
}

impl<'a> Row<'a> {
    fn new(order: &'a CitingOrder) -> Row<'a> {
        Row {
            order,
            name: order.case_name.as_deref().unwrap_or(&order.id),
            year: year_of(order.date.as_deref()),
            treatments: order
                .citations
                .iter()
                .filter_map(|c| c.treatment.as_deref())
                .collect(),
            signals: order
                .citations
                .iter()
                .filter_map(|c| c.signal.as_deref())
                .collect(),
        }
    }

    /// What the row sorts by in `column`; rows without a value go last
    /// whichever way the column is sorted.
    fn sort_key(&self, column: Column) -> Option<String> {
        match column {
            Column::Name => Some(self.name.to_lowercase()),
            Column::Court => self
                .order
                .court_id
                .as_deref()
                .map(court_name)
                .map(str::to_string),
            Column::Date => self.order.date.clone(),
            Column::Treatment => join(&self.treatments),
            Column::Signal => join(&self.signals),
        }
    }
}

fn join(set: &BTreeSet<&str>) -> Option<String> {
    (!set.is_empty()).then(|| set.iter().copied().collect::<Vec<_>>().join(", "))
}

fn year_of(date: Option<&str>) -> Option<i64> {
    date?.get(..4)?.parse().ok()
}

fn sort_rows(rows: &mut [Row], sort: Sort) {
    rows.sort_by(|x, y| {
        let (a, b) = (x.sort_key(sort.column), y.sort_key(sort.column));
        let by_value = match (&a, &b) {
            (Some(a), Some(b)) if sort.descending => b.cmp(a),
            (Some(a), Some(b)) => a.cmp(b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_value
            .then_with(|| x.name.cmp(y.name))
            .then_with(|| x.order.id.cmp(&y.order.id))
    });
}

pub(super) async fn authority(
    AxumState(state): AxumState<State>,
    q: Result<Query<AuthorityParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let mut p = match q {
        Ok(Query(p)) => p,
        Err(e) => return error_page(Failure::bad_request(e.body_text())),
    };
    let Some(asked) = p.key.take().filter(|k| !k.trim().is_empty()) else {
        return error_page(Failure::bad_request("Which authority? Add ?key=…"));
    };
    let view = match View::from_params(&mut p) {
        Ok(v) => v,
        Err(f) => return error_page(f),
    };
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
                        "<li><a href=\"{}\">{}</a> — {}{} <span class=\"n\">cited by {}</span></li>",
                        authority_href(&c.key),
                        esc(&c.name),
                        esc(&c.key),
                        court_year(c.court_id.as_deref(), c.year)
                            .map(|cy| format!(" ({cy})"))
                            .unwrap_or_default(),
                        plural(c.order_count as usize, "order")
                    );
                }
                body.push_str("</ul>");
                return Ok(page(&asked, "", &body));
            }
        };
        authority_page(kb, &key, &view)
    })
    .await
}

/// `C.D. Cal. 2009`, escaped; `None` when neither is known.
fn court_year(court: Option<&str>, year: Option<i64>) -> Option<String> {
    let parts: Vec<String> = [
        court.map(|c| court_html(Some(c))),
        year.map(|y| y.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn authority_page(kb: &Kb, key: &str, view: &View) -> Result<String, Failure> {
    let cited = kb.cited_by(key)?;
    let props = kb.propositions_of(key)?;
    let a = &cited.authority;
    let mut body = String::new();
    let title = if a.name.is_empty() { key } else { &a.name };
    let _ = write!(body, "<h1 class=\"authority\">{}</h1>", esc(title));
    let others: Vec<&String> = a.keys.iter().filter(|k| k.as_str() != key).collect();
    let _ = write!(
        body,
        "<p class=\"cite\">{}{}{}</p><p class=\"meta\">{} · cited {} by {}</p>",
        esc(key),
        court_year(a.court_id.as_deref(), a.year)
            .map(|cy| format!(" ({cy})"))
            .unwrap_or_default(),
        if others.is_empty() {
            String::new()
        } else {
            format!(
                "<br><span class=\"parallel\">Parallel: {}</span>",
                others.iter().map(|k| esc(k)).collect::<Vec<_>>().join("; ")
            )
        },
        esc(&a.kind),
        plural(a.times_cited as usize, "time"),
        plural(a.order_count as usize, "order"),
    );
    in_collection(kb, &mut body, &cited)?;
    let _ = write!(
        body,
        "<p class=\"exports\">Export: <a href=\"/api/cited-by?q={k}&amp;format=csv\">citing orders (CSV)</a> · <a href=\"/api/cited-by?q={k}\">JSON</a> · <a href=\"/api/propositions?q={k}\">propositions (JSON)</a></p>",
        k = enc(key)
    );

    let all: Vec<Row> = cited
        .direct
        .iter()
        .chain(&cited.through)
        .map(Row::new)
        .collect();
    // The chart counts each citing order once, by its year; the orders
    // without a date are counted in a line under it.
    let mut years: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    let mut undated: BTreeSet<&str> = BTreeSet::new();
    for r in &all {
        match r.year {
            Some(y) => years.entry(y).or_default().insert(&r.order.id),
            None => undated.insert(&r.order.id),
        };
    }
    let counts: Vec<(i64, usize)> = years.iter().map(|(y, s)| (*y, s.len())).collect();
    let _ = write!(
        body,
        "<section><h2>Cited by {}{}</h2>{}",
        plural(a.order_count as usize, "order"),
        if cited.through.is_empty() {
            String::new()
        } else {
            format!(
                ", and relied on through another authority by {}",
                cited.through.len()
            )
        },
        year_chart(&counts, undated.len()),
    );
    filter_form(&mut body, key, view, &all);

    let mut direct: Vec<Row> = cited
        .direct
        .iter()
        .map(Row::new)
        .filter(|r| view.keeps(r))
        .collect();
    let mut through: Vec<Row> = cited
        .through
        .iter()
        .map(Row::new)
        .filter(|r| view.keeps(r))
        .collect();
    if view.narrowed() {
        let _ = write!(
            body,
            "<p class=\"meta shown\">Showing {} of {} orders. <a href=\"{}\">Show all</a></p>",
            direct.len() + through.len(),
            all.len(),
            View {
                sort: view.sort,
                ..View::default()
            }
            .href(key)
        );
    }
    sort_rows(&mut direct, view.sort);
    sort_rows(&mut through, view.sort);
    citing_table(&mut body, key, view, "Cited directly", &direct);
    citing_table(
        &mut body,
        key,
        view,
        "Relied on through another authority",
        &through,
    );
    body.push_str("</section>");
    how_cited(&mut body, &cited, props);
    Ok(page(title, "", &body))
}

/// When the authority is itself an opinion of the collection: the loop of
/// a citator closes, and the reader can open what everyone cites.
fn in_collection(kb: &Kb, body: &mut String, cited: &CitedBy) -> Result<(), Failure> {
    if cited.in_collection.is_empty() {
        return Ok(());
    }
    let mut links = Vec::new();
    for r in &cited.in_collection {
        let order = kb.order(&r.id)?;
        let name = order
            .as_ref()
            .and_then(|o| o.case_name.clone().or_else(|| o.title.clone()))
            .unwrap_or_else(|| r.id.clone());
        let detail = order
            .as_ref()
            .and_then(|o| court_year(o.court_id.as_deref(), o.year))
            .map(|cy| format!(" ({cy})"))
            .unwrap_or_default();
        links.push(format!(
            "<a href=\"{}\">{}</a>{detail}",
            order_href(&r.id),
            esc(&name)
        ));
    }
    let _ = write!(
        body,
        "<p class=\"loop\"><span class=\"badge positive\">In your collection</span> Open the opinion: {}</p>",
        links.join("; ")
    );
    Ok(())
}

/// Selects for court, year, treatment and signal, offering the values the
/// citing orders have, and a words filter; the sort rides along.
fn filter_form(body: &mut String, key: &str, view: &View, rows: &[Row]) {
    let courts: BTreeMap<&str, &str> = rows
        .iter()
        .filter_map(|r| r.order.court_id.as_deref())
        .map(|id| (id, court_name(id)))
        .collect();
    let mut courts: Vec<(&str, &str)> = courts.into_iter().collect();
    courts.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    let years: BTreeSet<i64> = rows.iter().filter_map(|r| r.year).collect();
    let treatments: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.treatments.iter().copied())
        .collect();
    let signals: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.signals.iter().copied())
        .collect();
    let select = |name: &str, label: &str, chosen: Option<&str>, options: Vec<(String, String)>| {
        let none = if name == "sort" {
            "newest first"
        } else {
            "any"
        };
        let mut out =
            format!("<label>{label} <select name=\"{name}\"><option value=\"\">{none}</option>");
        for (value, shown) in options {
            let on = if chosen == Some(value.as_str()) {
                " selected"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<option value=\"{}\"{on}>{}</option>",
                esc(&value),
                esc(&shown)
            );
        }
        out.push_str("</select></label>");
        out
    };
    let year = view.year.map(|y| y.to_string());
    let _ = write!(
        body,
        "<form class=\"filter\" method=\"get\" action=\"/authority\"><input type=\"hidden\" name=\"key\" value=\"{}\"><input type=\"search\" name=\"filter\" value=\"{}\" placeholder=\"Case name, court or date\" aria-label=\"Filter citing orders\">{}{}{}{}{}<button>Apply</button></form>",
        esc(key),
        esc(&view.filter),
        select(
            "court",
            "Court",
            view.court.as_deref(),
            courts.iter().map(|(id, n)| (id.to_string(), n.to_string())).collect()
        ),
        select(
            "year",
            "Year",
            year.as_deref(),
            years.iter().rev().map(|y| (y.to_string(), y.to_string())).collect()
        ),
        select(
            "treatment",
            "Treatment",
            view.treatment.as_deref(),
            treatments.iter().map(|t| (t.to_string(), t.to_string())).collect()
        ),
        select(
            "signal",
            "Signal",
            view.signal.as_deref(),
            signals.iter().map(|s| (s.to_string(), s.to_string())).collect()
        ),
        select(
            "sort",
            "Sort",
            Some(view.sort.param().as_str()).filter(|s| *s != Sort::default().param()),
            SORTS
                .iter()
                .map(|(v, shown)| (v.to_string(), shown.to_string()))
                .collect()
        ),
    );
}

fn join_distinct<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let set: BTreeSet<&str> = values.collect();
    set.into_iter().collect::<Vec<_>>().join(", ")
}

/// A column heading that sorts by its column, and turns the sort around
/// when it already does.
fn heading(key: &str, view: &View, column: Column, label: &str) -> String {
    let on = view.sort.column == column;
    let sort = Sort {
        column,
        descending: if on {
            !view.sort.descending
        } else {
            column == Column::Date
        },
    };
    let mark = match (on, view.sort.descending) {
        (false, _) => "",
        (true, true) => " ▼",
        (true, false) => " ▲",
    };
    let aria = match (on, view.sort.descending) {
        (false, _) => "",
        (true, true) => " aria-sort=\"descending\"",
        (true, false) => " aria-sort=\"ascending\"",
    };
    format!(
        "<th{aria}><a href=\"{}\">{label}</a>{mark}</th>",
        View {
            sort,
            ..view.clone()
        }
        .href(key)
    )
}

fn citing_table(body: &mut String, key: &str, view: &View, title: &str, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        body,
        "<h3>{title}</h3><table class=\"citing\"><thead><tr>{}{}{}<th>Pins</th><th>Pages</th>{}{}</tr></thead><tbody>",
        heading(key, view, Column::Name, "Order"),
        heading(key, view, Column::Court, "Court"),
        heading(key, view, Column::Date, "Date"),
        heading(key, view, Column::Signal, "Signal"),
        heading(key, view, Column::Treatment, "Treatment"),
    );
    for r in rows {
        let o = r.order;
        let pins = join_distinct(o.citations.iter().filter_map(|c| c.pin.as_deref()));
        let pages: BTreeSet<u64> = o.citations.iter().filter_map(|c| c.page).collect();
        let pages = pages
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let through = join_distinct(o.citations.iter().filter_map(|c| c.through.as_deref()));
        let through = if through.is_empty() {
            String::new()
        } else {
            format!("<div class=\"sub\">through {}</div>", esc(&through))
        };
        // One document read from several files is one citing order; its
        // other sources are named, not listed again.
        let also = if o.also.is_empty() {
            String::new()
        } else {
            format!(
                "<div class=\"sub also\">also as {}</div>",
                o.also
                    .iter()
                    .map(|r| format!("<a href=\"{}\">{}</a>", order_href(&r.id), esc(&r.file)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let badge = match join(&r.treatments) {
            None => "–".to_string(),
            Some(t) => format!(
                "<span class=\"badge {}\">{}</span>",
                esc(r.treatments.first().copied().unwrap_or("")),
                esc(&t)
            ),
        };
        // The first citation's place in the order's text: where a reader
        // checks what the order says about the authority.
        let href = o
            .citations
            .first()
            .map_or_else(|| order_href(&o.id), |c| citation_href(&o.id, c.seq));
        let _ = write!(
            body,
            "<tr><td data-label=\"Order\"><a class=\"order\" href=\"{href}\" title=\"{}\">{}</a>{through}{also}</td><td data-label=\"Court\">{}</td><td data-label=\"Date\">{}</td><td data-label=\"Pins\">{}</td><td data-label=\"Pages\">{}</td><td data-label=\"Signal\">{}</td><td data-label=\"Treatment\">{badge}</td></tr>",
            esc(&o.id),
            esc(r.name),
            court_html(o.court_id.as_deref()),
            or_dash(&o.date),
            or_empty(&pins),
            or_empty(&pages),
            join(&r.signals).map_or_else(|| "–".to_string(), |s| esc(&s)),
        );
    }
    body.push_str("</tbody></table>");
}

fn or_empty(v: &str) -> String {
    if v.is_empty() {
        "–".to_string()
    } else {
        esc(v)
    }
}

/// What the authority is cited for: each point with the orders that make
/// it and, folded, how each of them puts it (linked to the place in its
/// text); the uses that make no point of their own come last, apart.
fn how_cited(body: &mut String, cited: &CitedBy, mut props: Vec<PropositionRecord>) {
    let names: BTreeMap<&str, &str> = cited
        .direct
        .iter()
        .chain(&cited.through)
        .flat_map(|o| {
            let name = o.case_name.as_deref().unwrap_or(&o.id);
            std::iter::once((o.id.as_str(), name))
                .chain(o.also.iter().map(move |r| (r.id.as_str(), name)))
        })
        .collect();
    let name_of = |id: &str| -> String { names.get(id).copied().unwrap_or(id).to_string() };
    props.sort_by(|x, y| {
        y.orders
            .len()
            .cmp(&x.orders.len())
            .then(y.count.cmp(&x.count))
    });
    let (points, others): (Vec<_>, Vec<_>) = props.into_iter().partition(|p| p.point);
    let _ = write!(
        body,
        "<section><h2>How cited</h2><p class=\"meta\">{}, most relied on first.</p><ol class=\"props\">",
        plural(points.len(), "point")
    );
    for p in &points {
        proposition(body, p, &name_of);
    }
    body.push_str("</ol>");
    if !others.is_empty() {
        let _ = write!(
            body,
            "<h3 class=\"other-uses\">Other uses</h3><p class=\"meta\">{} that state no point of their own (a bare name, a footnote mark).</p><ol class=\"props other\">",
            plural(others.iter().map(|p| p.members.len().max(1)).sum(), "citation")
        );
        for p in &others {
            proposition(body, p, &name_of);
        }
        body.push_str("</ol>");
    }
    body.push_str("</section>");
}

fn proposition(body: &mut String, p: &PropositionRecord, name_of: &dyn Fn(&str) -> String) {
    let text = if p.quoted {
        format!("<blockquote>“{}”</blockquote>", esc(&p.text))
    } else {
        format!("<p>{}</p>", esc(&p.text))
    };
    // Each order links to where it states the point (its first member).
    let orders: Vec<String> = p
        .orders
        .iter()
        .map(|o| {
            let href = p
                .members
                .iter()
                .find(|m| &m.order == o)
                .map_or_else(|| order_href(o), |m| citation_href(o, m.seq));
            format!(
                "<a href=\"{href}\" title=\"{}\">{}</a>",
                esc(o),
                esc(&name_of(o))
            )
        })
        .collect();
    let _ = write!(
        body,
        "<li class=\"prop\">{text}<div class=\"meta\">{}, {}{} — {}</div>",
        plural(p.orders.len(), "order"),
        plural(p.count as usize, "citation"),
        if p.pins.is_empty() {
            String::new()
        } else {
            format!(" · at {}", esc(&p.pins.join(", ")))
        },
        orders.join(", ")
    );
    if p.members.len() > 1 || p.members.first().is_some_and(|m| m.text != p.text) {
        let _ = write!(
            body,
            "<details class=\"members\"><summary>How each order puts it ({})</summary><ul>",
            p.members.len()
        );
        for m in &p.members {
            let detail = [
                m.signal.as_deref().map(|s| format!("<i>{}</i>", esc(s))),
                m.pin.as_deref().map(|pin| format!("at {}", esc(pin))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let wording = if m.quoted {
                format!("“{}”", esc(&m.text))
            } else {
                esc(&m.text)
            };
            let _ = write!(
                body,
                "<li class=\"member\"><a href=\"{}\">{}</a>{}: {wording}{}</li>",
                citation_href(&m.order, m.seq),
                esc(&name_of(&m.order)),
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"meta\">{detail}</span>")
                },
                m.explanation
                    .as_deref()
                    .map(|e| format!(" <span class=\"explanation\">({})</span>", esc(e)))
                    .unwrap_or_default(),
            );
        }
        body.push_str("</ul></details>");
    }
    body.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::CitationRecord;

    fn citing(
        id: &str,
        name: Option<&str>,
        court: &str,
        date: Option<&str>,
        treatment: &str,
    ) -> CitingOrder {
        CitingOrder {
            id: id.into(),
            file: format!("{id}.txt"),
            court_id: Some(court.into()),
            court_abbreviation: None,
            date: date.map(str::to_string),
            case_name: name.map(str::to_string),
            citations: vec![CitationRecord {
                seq: 3,
                treatment: Some(treatment.into()),
                ..Default::default()
            }],
            propositions: vec![],
            also: vec![],
        }
    }

    #[test]
    fn rows_filter_by_court_year_and_treatment_and_sort_with_blanks_last() {
        let orders = [
            citing(
                "a",
                Some("Beta v. C"),
                "cacd",
                Some("2010-01-02"),
                "positive",
            ),
            citing("b", Some("Alpha v. D"), "ca9", None, "negative"),
            citing("c", None, "cacd", Some("2016-05-01"), "positive"),
        ];
        let rows: Vec<Row> = orders.iter().map(Row::new).collect();
        let view = View {
            court: Some("cacd".into()),
            ..View::default()
        };
        assert_eq!(rows.iter().filter(|r| view.keeps(r)).count(), 2);
        let view = View {
            filter: "c.d. cal".into(),
            treatment: Some("positive".into()),
            year: Some(2016),
            ..View::default()
        };
        let kept: Vec<&str> = rows
            .iter()
            .filter(|r| view.keeps(r))
            .map(|r| r.order.id.as_str())
            .collect();
        assert_eq!(kept, ["c"]);

        let mut rows = rows;
        sort_rows(&mut rows, Sort::default());
        let ids: Vec<&str> = rows.iter().map(|r| r.order.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"], "newest first, undated last");
        sort_rows(&mut rows, Sort::parse(Some("name")).unwrap());
        let names: Vec<&str> = rows.iter().map(|r| r.name).collect();
        assert_eq!(names, ["Alpha v. D", "Beta v. C", "c"]);
        sort_rows(&mut rows, Sort::parse(Some("court")).unwrap());
        assert_eq!(rows[0].order.id, "b", "9th Cir. before C.D. Cal.");
    }

    #[test]
    fn a_bad_sort_or_year_is_a_clear_error() {
        assert!(Sort::parse(Some("size"))
            .unwrap_err()
            .message
            .contains("`sort` must be one of"));
        let mut p = AuthorityParams {
            year: Some("twenty".into()),
            ..Default::default()
        };
        assert!(View::from_params(&mut p)
            .unwrap_err()
            .message
            .contains("`year` must be a year"));
    }

    #[test]
    fn links_carry_the_view() {
        let view = View {
            court: Some("cacd".into()),
            year: Some(2009),
            sort: Sort::parse(Some("court")).unwrap(),
            ..View::default()
        };
        assert_eq!(
            view.href("464 F.3d 951"),
            "/authority?key=464%20F.3d%20951&court=cacd&year=2009&sort=court"
        );
        assert_eq!(View::default().href("x"), "/authority?key=x");
    }
}
