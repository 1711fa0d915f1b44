//! The table of authorities, as a brief has one: the authorities an order
//! (or a set of orders) cites, grouped by kind and sorted, with the pages
//! they are cited on.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufWriter, Write};

use serde::Serialize;

use super::{csv_error, csv_writer, escape, unsupported, write_json, ExportFormat};
use crate::kb::{AuthorityRecord, CitationRecord, OrderRecord};
use crate::{Error, Result};

const FORMATS: &[ExportFormat] = &[
    ExportFormat::Md,
    ExportFormat::Html,
    ExportFormat::Csv,
    ExportFormat::Xlsx,
    ExportFormat::Json,
];

/// An authority cited on this many distinct pages of one order is cited
/// *passim*.
pub const PASSIM_PAGES: usize = 5;

/// Writes the table of authorities of `orders`, from their citations in
/// `cites`; `authorities` supplies names, kinds, courts and years.
///
/// Scope: the citations of the orders in `orders` (all of `cites` when
/// `orders` is empty). Record cites (`Dkt. No. 12`) are not authorities and
/// are left out, as are citations that resolve to no authority.
///
/// Sections, in this order, each only when it has entries: *Constitutional
/// Provisions*, *Cases*, *Statutes* (*Statutes and Regulations* when a
/// regulation is cited), *Rules*, *Other Authorities* (journals and anything
/// else). Entries sort case-insensitively by display name, numbers by value
/// (`5 U.S.C.` before `42 U.S.C.`). A case shows its name in italics, its
/// citation and a `(court year)` parenthetical; others show their key.
/// Pages are the order pages the authority is cited on ([`CitationRecord::page`]),
/// or *passim* from [`PASSIM_PAGES`] distinct pages on; with several orders
/// in scope they are listed per order (`000_9d86: 1, 2; 002_7121: 2`).
///
/// Formats: `md` (a heading per section and a two-column table), `html` (a
/// self-contained page with dot leaders), `csv` (columns `section, authority,
/// name, citation, pages`; `name` is the case name or the key, `citation`
/// the full entry as plain text), `xlsx` (those columns but `section`, a
/// sheet per section), `json` (the sections with pages per order as numbers).
pub fn table_of_authorities(
    out: &mut dyn Write,
    format: ExportFormat,
    orders: &[OrderRecord],
    cites: &[CitationRecord],
    authorities: &[AuthorityRecord],
) -> Result<()> {
    check_format(format)?;
    write(out, format, &build(orders, cites, authorities), orders)
}

/// Refuses a format the table does not come in.
pub(super) fn check_format(format: ExportFormat) -> Result<()> {
    if FORMATS.contains(&format) {
        Ok(())
    } else {
        Err(unsupported("table of authorities", format, FORMATS))
    }
}

/// Writes `toa` in `format`; `orders` describe the orders it lists.
fn write(
    out: &mut dyn Write,
    format: ExportFormat,
    toa: &Toa,
    orders: &[OrderRecord],
) -> Result<()> {
    match format {
        ExportFormat::Md => write_markdown(out, toa, orders),
        ExportFormat::Html => write_html(out, toa, orders),
        ExportFormat::Csv => write_csv(out, toa),
        ExportFormat::Xlsx => write_xlsx(out, toa),
        _ => write_json(out, toa),
    }
}

/// The table as the JSON `table_of_authorities` writes, as a value (for the API).
pub fn table_of_authorities_value(
    orders: &[OrderRecord],
    cites: &[CitationRecord],
    authorities: &[AuthorityRecord],
) -> Result<serde_json::Value> {
    serde_json::to_value(build(orders, cites, authorities)).map_err(|e| Error::Write(e.into()))
}

/// The table, ready to be written in any format.
#[derive(Debug, Serialize)]
struct Toa {
    /// Ids of the orders in scope, in the order given.
    orders: Vec<String>,
    /// The non-empty sections, in brief order.
    sections: Vec<Section>,
    /// Whether pages are listed per order (several orders in scope).
    #[serde(skip)]
    several: bool,
}

/// One heading of the table and its entries.
#[derive(Debug, Serialize)]
struct Section {
    heading: String,
    entries: Vec<Entry>,
}

/// One authority in the table.
#[derive(Debug, Serialize)]
struct Entry {
    /// Canonical key.
    authority: String,
    /// Authority kind.
    kind: String,
    /// Case (or article) name, when it is more than the key.
    name: Option<String>,
    /// `(C.D. Cal. 2009)` for a case, when court or year is known.
    parenthetical: Option<String>,
    /// The pages as printed (`1, 2`, `passim`, `000_9d86: 1, 2; 002_7121: 2`).
    pages: String,
    /// Pages per citing order.
    cited_in: Vec<OrderPages>,
}

/// The pages of one order on which an authority is cited.
#[derive(Debug, Serialize)]
struct OrderPages {
    order: String,
    pages: Vec<u64>,
    passim: bool,
}

/// Where each kind of authority goes; `None` for what is not an authority.
fn section_of(kind: &str) -> Option<usize> {
    match kind {
        "record" => None,
        "constitution" => Some(0),
        "case" => Some(1),
        "statute" | "regulation" => Some(2),
        "rule" => Some(3),
        _ => Some(4),
    }
}

fn build(orders: &[OrderRecord], cites: &[CitationRecord], authorities: &[AuthorityRecord]) -> Toa {
    // The orders in scope, in the order given (or of first citation).
    let mut scope: Vec<String> = orders.iter().map(|o| o.id.clone()).collect();
    if scope.is_empty() {
        let mut seen = HashSet::new();
        for c in cites {
            if seen.insert(c.order.as_str()) {
                scope.push(c.order.clone());
            }
        }
    }
    let mut gather = Gather::new(scope, authorities);
    for c in cites {
        gather.add(c);
    }
    gather.finish()
}

/// The table being gathered, one citation at a time, so that a caller can
/// feed it a knowledge base's citations without holding them all. It keeps
/// the pages of each (authority, order) pair cited, and nothing per pair
/// that is not.
pub(super) struct Gather<'a> {
    scope: Vec<String>,
    rank: HashMap<String, usize>,
    by_key: HashMap<&'a str, &'a AuthorityRecord>,
    acc: Vec<Acc<'a>>,
    index: HashMap<String, usize>,
}

/// One authority gathered: its record, canonical key, kind, and pages per
/// rank in scope of the orders citing it.
struct Acc<'a> {
    record: Option<&'a AuthorityRecord>,
    key: String,
    kind: String,
    pages: BTreeMap<usize, BTreeSet<u64>>,
}

impl<'a> Gather<'a> {
    /// A table of the orders `scope` (ids, in the order they are listed);
    /// `authorities` (one record per key) supplies names, kinds, courts and years.
    pub(super) fn new(scope: Vec<String>, authorities: &'a [AuthorityRecord]) -> Self {
        let rank = scope
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let mut by_key: HashMap<&str, &AuthorityRecord> = HashMap::new();
        for a in authorities {
            for k in &a.keys {
                by_key.entry(k.as_str()).or_insert(a);
            }
        }
        for a in authorities {
            by_key.insert(a.key.as_str(), a);
        }
        Gather {
            scope,
            rank,
            by_key,
            acc: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// Counts one citation; one of an order out of scope, or that resolves
    /// to no authority, is left out.
    pub(super) fn add(&mut self, c: &CitationRecord) {
        let (Some(key), Some(&order)) = (c.authority.as_deref(), self.rank.get(c.order.as_str()))
        else {
            return;
        };
        let record = self.by_key.get(key).copied();
        let canonical = record.map_or(key, |a| a.key.as_str());
        let i = match self.index.get(canonical) {
            Some(&i) => i,
            None => {
                let kind = record
                    .map(|a| a.kind.clone())
                    .filter(|k| !k.is_empty())
                    .or_else(|| c.authority_kind.clone())
                    .unwrap_or_default();
                self.acc.push(Acc {
                    record,
                    key: canonical.to_string(),
                    kind,
                    pages: BTreeMap::new(),
                });
                self.index.insert(canonical.to_string(), self.acc.len() - 1);
                self.acc.len() - 1
            }
        };
        let pages = self.acc[i].pages.entry(order).or_default();
        if let Some(p) = c.page {
            pages.insert(p);
        }
    }

    /// Writes the table in `format`; `orders` describe the orders in scope.
    pub(super) fn write(
        self,
        out: &mut dyn Write,
        format: ExportFormat,
        orders: &[OrderRecord],
    ) -> Result<()> {
        write(out, format, &self.finish(), orders)
    }

    /// The table, sections sorted.
    fn finish(self) -> Toa {
        let Gather { scope, acc, .. } = self;
        let several = scope.len() > 1;
        let mut sections: Vec<Vec<Entry>> = (0..5).map(|_| Vec::new()).collect();
        let mut regulations = false;
        for a in acc {
            let Some(s) = section_of(&a.kind) else {
                continue;
            };
            regulations |= a.kind == "regulation";
            let name = a
                .record
                .map(|r| r.name.trim())
                .filter(|n| !n.is_empty() && *n != a.key)
                .map(String::from);
            let parenthetical = if a.kind == "case" {
                a.record.and_then(parenthetical)
            } else {
                None
            };
            let cited_in: Vec<OrderPages> = a
                .pages
                .into_iter()
                .map(|(i, p)| OrderPages {
                    order: scope[i].clone(),
                    passim: p.len() >= PASSIM_PAGES,
                    pages: p.into_iter().collect(),
                })
                .collect();
            let pages = pages_text(&cited_in, several, &|id| id.to_string(), "passim");
            sections[s].push(Entry {
                authority: a.key,
                kind: a.kind,
                name,
                parenthetical,
                pages,
                cited_in,
            });
        }
        let headings = [
            "Constitutional Provisions",
            "Cases",
            if regulations {
                "Statutes and Regulations"
            } else {
                "Statutes"
            },
            "Rules",
            "Other Authorities",
        ];
        let sections = sections
            .into_iter()
            .zip(headings)
            .filter(|(entries, _)| !entries.is_empty())
            .map(|(mut entries, heading)| {
                entries.sort_by(|a, b| {
                    natural_cmp(sort_name(a), sort_name(b))
                        .then_with(|| natural_cmp(&a.authority, &b.authority))
                });
                Section {
                    heading: heading.to_string(),
                    entries,
                }
            })
            .collect();
        Toa {
            orders: scope,
            sections,
            several,
        }
    }
}

/// `(C.D. Cal. 2009)`: the court's Bluebook abbreviation (none for the
/// Supreme Court) and the year, whichever are known.
fn parenthetical(a: &AuthorityRecord) -> Option<String> {
    let court = a
        .court_id
        .as_deref()
        .filter(|id| *id != "scotus")
        .and_then(crate::cite::courts::court_by_id)
        .map(|c| c.citation_string.trim())
        .filter(|s| !s.is_empty());
    let year = a.year.map(|y| y.to_string());
    match (court, year) {
        (Some(c), Some(y)) => Some(format!("({c} {y})")),
        (Some(c), None) => Some(format!("({c})")),
        (None, Some(y)) => Some(format!("({y})")),
        (None, None) => None,
    }
}

/// The pages as printed: `1, 2` or `passim` for one order in scope;
/// `000_9d86: 1, 2; 002_7121: passim` for several. `id` escapes an order id
/// for the output format, `passim` is the word as the format sets it.
fn pages_text(
    cited_in: &[OrderPages],
    several: bool,
    id: &dyn Fn(&str) -> String,
    passim: &str,
) -> String {
    let list = |o: &OrderPages| {
        if o.passim {
            return passim.to_string();
        }
        o.pages
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !several {
        return cited_in.first().map(list).unwrap_or_default();
    }
    cited_in
        .iter()
        .map(|o| match list(o) {
            l if l.is_empty() => id(&o.order),
            l => format!("{}: {l}", id(&o.order)),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn sort_name(e: &Entry) -> &str {
    e.name.as_deref().unwrap_or(&e.authority)
}

/// Case-insensitive comparison with runs of digits compared by value.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(d) = it.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(d);
                        it.next();
                    }
                    digits.trim_start_matches('0').to_string()
                };
                let (da, db) = (take(&mut a), take(&mut b));
                let ord = da.len().cmp(&db.len()).then_with(|| da.cmp(&db));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                let ord = x.to_lowercase().cmp(y.to_lowercase());
                if ord != Ordering::Equal {
                    return ord;
                }
                a.next();
                b.next();
            }
        }
    }
}

/// The entry's citation as plain text: `Name, 673 F. Supp. 2d 1063 (C.D. Cal. 2009)`.
fn plain(e: &Entry) -> String {
    let mut s = String::new();
    if let Some(n) = &e.name {
        s.push_str(n);
        s.push_str(", ");
    }
    s.push_str(&e.authority);
    if let Some(p) = &e.parenthetical {
        s.push(' ');
        s.push_str(p);
    }
    s
}

/// One line describing an order: case name, title, court, number, date.
fn describe(o: &OrderRecord) -> Vec<(bool, String)> {
    let mut parts = Vec::new();
    if let Some(n) = o.case_name.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push((true, n.trim().to_string()));
    }
    for s in [&o.title, &o.court].into_iter().flatten() {
        if !s.trim().is_empty() {
            parts.push((false, s.trim().to_string()));
        }
    }
    if let Some(n) = o.case_number.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push((false, format!("No. {}", n.trim())));
    }
    if let Some(d) = o.date.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push((false, d.trim().to_string()));
    }
    parts
}

/// The orders by id, the first of an id winning.
fn by_id(orders: &[OrderRecord]) -> HashMap<&str, &OrderRecord> {
    let mut map = HashMap::with_capacity(orders.len());
    for o in orders {
        map.entry(o.id.as_str()).or_insert(o);
    }
    map
}

fn write_markdown(out: &mut dyn Write, toa: &Toa, orders: &[OrderRecord]) -> Result<()> {
    let described = by_id(orders);
    let mut w = BufWriter::new(out);
    writeln!(w, "# Table of Authorities")?;
    writeln!(w)?;
    for id in &toa.orders {
        let mut line = format!("**{}**", escape::markdown(id));
        if let Some(o) = described.get(id.as_str()) {
            for (italic, part) in describe(o) {
                line.push_str(" — ");
                if italic {
                    line.push_str(&format!("*{}*", escape::markdown(&part)));
                } else {
                    line.push_str(&escape::markdown(&part));
                }
            }
        }
        // Two trailing spaces: a line break between orders.
        writeln!(w, "{line}  ")?;
    }
    if toa.sections.is_empty() {
        writeln!(w)?;
        writeln!(w, "No authorities cited.")?;
    }
    for s in &toa.sections {
        writeln!(w)?;
        writeln!(w, "## {}", s.heading)?;
        writeln!(w)?;
        writeln!(w, "| Authority | Page(s) |")?;
        writeln!(w, "| :--- | ---: |")?;
        for e in &s.entries {
            let mut cell = String::new();
            if let Some(n) = &e.name {
                if e.kind == "case" {
                    cell.push_str(&format!("*{}*", escape::markdown(n)));
                } else {
                    cell.push_str(&escape::markdown(n));
                }
                cell.push_str(", ");
            }
            cell.push_str(&escape::markdown(&e.authority));
            if let Some(p) = &e.parenthetical {
                cell.push(' ');
                cell.push_str(&escape::markdown(p));
            }
            let pages = pages_text(&e.cited_in, toa.several, &escape::markdown, "*passim*");
            writeln!(w, "| {cell} | {pages} |")?;
        }
    }
    w.flush()?;
    Ok(())
}

const CSS: &str = r#"
  body { font-family: "Times New Roman", Times, "Liberation Serif", Georgia, serif;
         font-size: 12pt; line-height: 1.45; color: #111; background: #fff;
         max-width: 46rem; margin: 2.5rem auto; padding: 0 1.5rem; }
  h1 { text-align: center; font-size: 1.2rem; font-weight: bold;
       letter-spacing: .12em; text-transform: uppercase; margin: 0 0 1rem; }
  .orders { text-align: center; margin: 0 0 1.5rem; }
  .orders div { margin: .1rem 0; }
  .orders .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; }
  .pagehead { text-align: right; font-weight: bold; margin: 0 0 -.5rem; }
  h2 { font-size: 1rem; font-weight: bold; text-transform: uppercase;
       letter-spacing: .05em; margin: 1.4rem 0 .5rem; }
  ul.toa { list-style: none; margin: 0; padding: 0; }
  ul.toa li { display: flex; align-items: baseline; margin: 0 0 .45rem; }
  ul.toa .authority { padding-left: 1.5em; text-indent: -1.5em; max-width: 75%; }
  ul.toa .leader { flex: 1 1 auto; min-width: 1.5em; margin: 0 .35em;
                   border-bottom: 2px dotted #444; }
  ul.toa .pages { text-align: right; max-width: 45%; }
  ul.toa .pages .op { display: block; white-space: nowrap; }
  .empty { font-style: italic; text-align: center; }
  @media print { body { margin: 0 auto; max-width: none; } }
"#;

fn write_html(out: &mut dyn Write, toa: &Toa, orders: &[OrderRecord]) -> Result<()> {
    let described = by_id(orders);
    let mut w = BufWriter::new(out);
    let title = match toa.orders.as_slice() {
        [one] => {
            let name = orders
                .iter()
                .find(|o| &o.id == one)
                .and_then(|o| o.case_name.clone())
                .unwrap_or_else(|| one.clone());
            format!("Table of Authorities — {name}")
        }
        _ => "Table of Authorities".to_string(),
    };
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\">")?;
    writeln!(w, "<head>")?;
    writeln!(w, "<meta charset=\"utf-8\">")?;
    writeln!(
        w,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(w, "<title>{}</title>", escape::xml(&title))?;
    writeln!(w, "<style>{CSS}</style>")?;
    writeln!(w, "</head>")?;
    writeln!(w, "<body>")?;
    writeln!(w, "<h1>Table of Authorities</h1>")?;
    writeln!(w, "<div class=\"orders\">")?;
    for id in &toa.orders {
        let mut line = format!("<span class=\"id\">{}</span>", escape::xml(id));
        if let Some(o) = described.get(id.as_str()) {
            for (italic, part) in describe(o) {
                line.push_str(" — ");
                if italic {
                    line.push_str(&format!("<i>{}</i>", escape::xml(&part)));
                } else {
                    line.push_str(&escape::xml(&part));
                }
            }
        }
        writeln!(w, "<div>{line}</div>")?;
    }
    writeln!(w, "</div>")?;
    if toa.sections.is_empty() {
        writeln!(w, "<p class=\"empty\">No authorities cited.</p>")?;
    } else {
        writeln!(w, "<p class=\"pagehead\">Page(s)</p>")?;
    }
    for s in &toa.sections {
        writeln!(w, "<h2>{}</h2>", escape::xml(&s.heading))?;
        writeln!(w, "<ul class=\"toa\">")?;
        for e in &s.entries {
            let mut cell = String::new();
            if let Some(n) = &e.name {
                if e.kind == "case" {
                    cell.push_str(&format!("<i>{}</i>", escape::xml(n)));
                } else {
                    cell.push_str(&escape::xml(n));
                }
                cell.push_str(", ");
            }
            cell.push_str(&escape::xml(&e.authority));
            if let Some(p) = &e.parenthetical {
                cell.push(' ');
                cell.push_str(&escape::xml(p));
            }
            // With several orders, each order's pages on a line of its own.
            let pages = if toa.several {
                e.cited_in
                    .iter()
                    .map(|o| {
                        let one = pages_text(
                            std::slice::from_ref(o),
                            true,
                            &escape::xml,
                            "<i>passim</i>",
                        );
                        format!("<span class=\"op\">{one}</span>")
                    })
                    .collect::<String>()
            } else {
                pages_text(&e.cited_in, false, &escape::xml, "<i>passim</i>")
            };
            writeln!(
                w,
                "<li><span class=\"authority\">{cell}</span><span class=\"leader\"></span><span class=\"pages\">{pages}</span></li>"
            )?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</body>")?;
    writeln!(w, "</html>")?;
    w.flush()?;
    Ok(())
}

fn write_csv(out: &mut dyn Write, toa: &Toa) -> Result<()> {
    let mut w = csv_writer(out);
    w.write_record(["section", "authority", "name", "citation", "pages"])
        .map_err(csv_error)?;
    for s in &toa.sections {
        for e in &s.entries {
            w.write_record([
                s.heading.as_str(),
                e.authority.as_str(),
                e.name.as_deref().unwrap_or(&e.authority),
                &plain(e),
                e.pages.as_str(),
            ])
            .map_err(csv_error)?;
        }
    }
    w.flush()?;
    Ok(())
}

fn write_xlsx(out: &mut dyn Write, toa: &Toa) -> Result<()> {
    let mut book = super::xlsx::Book::new();
    for s in &toa.sections {
        let mut sheet = book.sheet(&s.heading, &["authority", "name", "citation", "pages"])?;
        for e in &s.entries {
            sheet.row(
                &[
                    e.authority.as_str(),
                    e.name.as_deref().unwrap_or(&e.authority),
                    &plain(e),
                    e.pages.as_str(),
                ],
                &book,
            )?;
        }
        book.add(sheet)?;
    }
    if toa.sections.is_empty() {
        // A workbook needs a sheet; an empty table is a header alone.
        let sheet = book.sheet(
            "Table of Authorities",
            &["authority", "name", "citation", "pages"],
        )?;
        book.add(sheet)?;
    }
    book.write(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{fixture, Fixture, ALN, NASTY_KEY, O0, O1, O2};

    fn toa(f: &Fixture, orders: &[OrderRecord], format: ExportFormat) -> String {
        let mut out = Vec::new();
        table_of_authorities(&mut out, format, orders, &f.cites, &f.authorities).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn position(text: &str, needle: &str) -> usize {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"))
    }

    #[test]
    fn markdown_has_the_sections_in_brief_order_and_no_record_cites() {
        let f = fixture();
        let md = toa(&f, &f.orders, ExportFormat::Md);
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## Constitutional Provisions",
                "## Cases",
                "## Statutes and Regulations",
                "## Rules",
                "## Other Authorities"
            ]
        );
        assert!(
            !md.contains("Dkt"),
            "a record cite is not an authority:\n{md}"
        );
        // Cases alphabetically, case-insensitively: American, eBay, In re.
        let american = position(
            &md,
            "*American LegalNet, Inc. v. Davis*, 673 F. Supp. 2d 1063 (C.D. Cal. 2009)",
        );
        let ebay = position(
            &md,
            "*eBay Inc. v. MercExchange, L.L.C.*, 547 U.S. 388 (2006)",
        );
        let nasty = position(&md, "In re \\<script\\>");
        assert!(american < ebay && ebay < nasty, "{md}");
        // Statutes: 5 U.S.C. before 42 U.S.C. before 29 C.F.R.? Natural order by key.
        let five = position(&md, "| 5 U.S.C. § 552 |");
        let fortytwo = position(&md, "| 42 U.S.C. § 1983 |");
        assert!(five < fortytwo, "{md}");
    }

    #[test]
    fn markdown_lists_pages_per_order_and_passim() {
        let f = fixture();
        let md = toa(&f, &f.orders, ExportFormat::Md);
        let line = |needle: &str| {
            md.lines()
                .find(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("{needle:?} not in:\n{md}"))
                .to_string()
        };
        assert!(
            line(ALN).ends_with("| 000\\_9d86: 1, 2; 001\\_44aa: 1; 002\\_7121: 2 |"),
            "{}",
            line(ALN)
        );
        assert!(
            line("In re").ends_with("| 000\\_9d86: *passim*; 002\\_7121: 1 |"),
            "{}",
            line("In re")
        );
        // Cited with no page known: the order is named without pages.
        assert!(
            line("547 U.S. 388").ends_with("| 000\\_9d86 |"),
            "{}",
            line("547 U.S. 388")
        );
    }

    /// Control characters in document text (a NUL in a case name or an
    /// order's caption) never reach the Markdown: CommonMark asks for
    /// U+FFFD in place of NUL, and the others break the table or a terminal.
    #[test]
    fn markdown_passes_no_control_characters_through() {
        let mut f = fixture();
        for a in &mut f.authorities {
            a.name = format!("Bad\0Name\u{1}v. \u{7f}{}", a.name);
        }
        for o in &mut f.orders {
            o.case_name = Some("Nul\0Caption \u{1b}[31m".into());
        }
        let md = toa(&f, &f.orders, ExportFormat::Md);
        let control: Vec<char> = md
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(control.is_empty(), "{control:?} in:\n{md}");
        assert!(md.contains("Bad\u{FFFD}Name"), "{md}");
    }

    #[test]
    fn markdown_escapes_names_so_the_table_stays_a_table() {
        let f = fixture();
        let md = toa(&f, &f.orders, ExportFormat::Md);
        let row = md.lines().find(|l| l.contains("In re")).unwrap();
        assert!(row.starts_with(
            "| *In re \\<script\\>alert(\"x\")\\</script\\> & Sons \\| \\*Co\\*\\_*, 999 F.3d 1 |"
        ), "{row}");
        // Exactly three unescaped pipes: the cell borders.
        let unescaped = row
            .char_indices()
            .filter(|&(i, c)| c == '|' && !row[..i].ends_with('\\'))
            .count();
        assert_eq!(unescaped, 3, "{row}");
        assert!(
            md.contains("Note, Snake\\_case & Law, 100 Harv. L. Rev. 1"),
            "{md}"
        );
    }

    #[test]
    fn one_order_gets_plain_pages_and_only_its_authorities() {
        let f = fixture();
        let md = toa(&f, &f.orders[..1], ExportFormat::Md);
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            ["## Cases", "## Statutes", "## Other Authorities"]
        );
        assert!(md.contains("| *American LegalNet, Inc. v. Davis*, 673 F. Supp. 2d 1063 (C.D. Cal. 2009) | 1, 2 |"), "{md}");
        assert!(md.contains("999 F.3d 1 | *passim* |"), "{md}");
        assert!(md.contains("| 42 U.S.C. § 1983 | 3 |"), "{md}");
        assert!(!md.contains("Fed. R. Civ. P."), "{md}");
        assert!(md.contains("*Smith v. Acme Corp.*"), "{md}");
    }

    #[test]
    fn four_pages_are_listed_five_are_passim() {
        let f = fixture();
        let mut cites = f.cites.clone();
        cites.retain(|c| !(c.order == O0 && c.page == Some(5)));
        let mut out = Vec::new();
        table_of_authorities(
            &mut out,
            ExportFormat::Md,
            &f.orders[..1],
            &cites,
            &f.authorities,
        )
        .unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(md.contains("999 F.3d 1 | 1, 2, 3, 4 |"), "{md}");
    }

    #[test]
    fn html_is_a_self_contained_escaped_page() {
        let f = fixture();
        let html = toa(&f, &f.orders, ExportFormat::Html);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.trim_end().ends_with("</html>"));
        assert!(!html.contains("<script"), "unescaped script tag");
        assert!(html.contains(
            "<i>In re &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons | *Co*_</i>, 999 F.3d 1"
        ));
        assert!(
            html.contains(
                r#"<span class="op">000_9d86: <i>passim</i></span><span class="op">002_7121: 1</span>"#
            ),
            "{html}"
        );
        let one = toa(&f, &f.orders[..1], ExportFormat::Html);
        assert!(
            one.contains(r#"<span class="pages"><i>passim</i></span>"#),
            "{one}"
        );
        assert!(!html.contains("http"), "no external resources");
        assert!(!html.contains("Dkt"));
        let cases = position(&html, "<h2>Cases</h2>");
        let constitution = position(&html, "<h2>Constitutional Provisions</h2>");
        assert!(constitution < cases);
        // Balanced elements that matter to layout.
        assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
        assert_eq!(html.matches("<ul").count(), html.matches("</ul>").count());
    }

    #[test]
    fn csv_and_json_carry_the_same_table() {
        let f = fixture();
        let text = toa(&f, &f.orders, ExportFormat::Csv);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            r.headers().unwrap(),
            vec!["section", "authority", "name", "citation", "pages"]
        );
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 9, "ten authorities less the record cite");
        assert_eq!(&rows[0][0], "Constitutional Provisions");
        let nasty = rows.iter().find(|r| &r[1] == NASTY_KEY).unwrap();
        assert_eq!(&nasty[0], "Cases");
        assert_eq!(&nasty[2], crate::export::tests::NASTY_NAME);
        assert_eq!(&nasty[4], format!("{O0}: passim; {O2}: 1"));

        let json: serde_json::Value =
            serde_json::from_str(&toa(&f, &f.orders, ExportFormat::Json)).unwrap();
        assert_eq!(json["orders"], serde_json::json!([O0, O1, O2]));
        let cases = &json["sections"][1];
        assert_eq!(cases["heading"], "Cases");
        assert_eq!(cases["entries"][0]["authority"], ALN);
        assert_eq!(
            cases["entries"][0]["cited_in"][1],
            serde_json::json!({"order": O1, "pages": [1], "passim": false})
        );
    }

    #[test]
    fn empty_scope_means_every_order_and_nothing_cited_says_so() {
        let f = fixture();
        let all = toa(&f, &[], ExportFormat::Md);
        let given = toa(&f, &f.orders, ExportFormat::Md);
        let body = |md: &str| md[md.find("## ").unwrap()..].to_string();
        assert_eq!(body(&all), body(&given));
        assert!(
            all.contains("**000\\_9d86**  \n**001\\_44aa**  \n**002\\_7121**  \n"),
            "{all}"
        );
        let mut out = Vec::new();
        table_of_authorities(&mut out, ExportFormat::Md, &f.orders, &[], &f.authorities).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .contains("No authorities cited."));
    }

    #[test]
    fn unsupported_formats_are_refused() {
        let f = fixture();
        for format in [
            ExportFormat::Jsonl,
            ExportFormat::Dot,
            ExportFormat::Graphml,
        ] {
            let mut out = Vec::new();
            let err = table_of_authorities(&mut out, format, &f.orders, &f.cites, &f.authorities)
                .unwrap_err();
            assert!(matches!(err, crate::Error::Unsupported { .. }));
            assert!(out.is_empty());
        }
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        use std::cmp::Ordering::*;
        assert_eq!(natural_cmp("5 U.S.C. § 552", "42 U.S.C. § 1983"), Less);
        assert_eq!(
            natural_cmp("Fed. R. Civ. P. 26", "Fed. R. Civ. P. 105"),
            Less
        );
        assert_eq!(natural_cmp("eBay", "Erie"), Less);
        assert_eq!(natural_cmp("007", "7"), Equal);
    }
}
