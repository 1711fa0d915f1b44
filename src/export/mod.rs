//! Exports: the knowledge base's records written out for people and other
//! tools — spreadsheets, scripts, briefs and graph viewers.
//!
//! Each export family has its own file and one function here:
//!
//! | function | formats | file |
//! | --- | --- | --- |
//! | [`citations`], [`authorities`], [`propositions`] | CSV, XLSX, JSON, JSON Lines | `records.rs` |
//! | [`table_of_authorities`] | Markdown, HTML, CSV, XLSX, JSON | `toa.rs` |
//! | [`graph`] | CSV edge list, XLSX (edges and nodes), GraphML, DOT, JSON | `graph.rs` |
//!
//! Workbooks are written by `xlsx.rs`, every CSV through [`SpreadsheetCsv`].
//!
//! A format a family does not support is refused with
//! [`Error::Unsupported`](crate::Error::Unsupported) before anything is
//! written; a failed write is [`Error::Write`](crate::Error::Write), whose
//! source is the [`std::io::Error`] (so a broken pipe can be told apart).
//!
//! Decisions that matter to users:
//! - **CSV** is written by the `csv` crate: a header row, one row per record,
//!   RFC 4180 quoting (fields with commas, quotes or line breaks are quoted,
//!   so text with newlines stays in its cell), lists joined with `"; "`, a
//!   missing value as an empty cell. It is UTF-8 **without a byte-order
//!   mark** by default: a BOM breaks naive parsers and `cut`/`awk`
//!   pipelines, and LibreOffice, Google Sheets and pandas read UTF-8 as is.
//!   Excel guesses the legacy code page for a double-clicked CSV and shows
//!   `§` as `Â§`: the CLI's `--excel` starts the file with [`BOM`], which
//!   Excel reads as UTF-8 (or use `xlsx`). A cell that a spreadsheet would
//!   run as a formula (first character `=`, `+`, `-`, `@`, tab or carriage
//!   return: a quoted passage can begin so) is written with a leading `'`,
//!   as OWASP recommends against CSV injection; every other cell parses back
//!   to exactly the value exported.
//! - **XLSX** ([`ExportFormat::Xlsx`]) is a real workbook written by
//!   `rust_xlsxwriter`: one sheet per table, a bold frozen header row,
//!   column widths fitted to the content, numbers as numbers and ISO dates
//!   as dates. Text goes in as text, never as a formula.
//! - **JSON** is one pretty-printed array of records; **JSON Lines** is one
//!   compact record per line. Both use the records' own field names, so they
//!   parse back into [`crate::kb`]'s record types.
//! - Every text is escaped for its format: HTML/XML (`&`, `<`, `>`, quotes;
//!   characters XML forbids become U+FFFD), DOT (`"`, `\`, line breaks) and
//!   Markdown (`|`, `*`, `_`, `<`, … backslash-escaped).
//!
//! ```
//! use precedent::export::{self, ExportFormat};
//! use precedent::kb::AuthorityRecord;
//!
//! let rows = vec![AuthorityRecord {
//!     key: "42 U.S.C. § 1983".into(),
//!     kind: "statute".into(),
//!     name: "42 U.S.C. § 1983".into(),
//!     times_cited: 2,
//!     orders: vec!["000_a".into()],
//!     ..Default::default()
//! }];
//! let mut out = Vec::new();
//! export::authorities(&mut out, ExportFormat::Csv, &rows).unwrap();
//! let csv = String::from_utf8(out).unwrap();
//! assert!(csv.starts_with("key,name,kind,court_id,year,times_cited,order_count,orders,"));
//! assert!(export::authorities(&mut Vec::new(), ExportFormat::Dot, &rows).is_err());
//! ```

pub(crate) mod escape;
mod graph;
mod records;
mod toa;
mod xlsx;

pub use graph::graph;
pub use records::{authorities, citations, propositions, CitationTable};
pub use toa::{table_of_authorities, table_of_authorities_value};

use std::io::Write;

use crate::{Error, Result};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    /// One row per citation occurrence.
    Citations,
    /// One row per authority, with times cited and citing orders.
    Authorities,
    /// One row per proposition, with its orders.
    Propositions,
    /// A table of authorities like a brief's, for one or more orders.
    Toa,
    /// The citation graph: order → authority and authority → authority edges.
    Graph,
}

impl What {
    /// The name as the command line and the API spell it.
    pub fn name(self) -> &'static str {
        match self {
            What::Citations => "citations",
            What::Authorities => "authorities",
            What::Propositions => "propositions",
            What::Toa => "toa",
            What::Graph => "graph",
        }
    }
}

/// Writes the export `what` of the whole knowledge base (for `toa`, of the
/// `orders` given by id or file, or of every order when none are) and
/// returns whether it was empty. An unknown order is an error, before
/// anything is written.
pub fn export(
    kb: &crate::kb::Kb,
    what: What,
    format: ExportFormat,
    orders: &[String],
    out: &mut dyn Write,
) -> Result<bool> {
    Ok(match what {
        What::Citations => {
            let mut table = CitationTable::new(out, format)?;
            let mut empty = true;
            kb.for_each_citation_group(|group| {
                empty = false;
                table.write(&group)
            })?;
            table.finish()?;
            empty
        }
        What::Authorities => {
            let rows = kb.all_authorities()?;
            authorities(out, format, &rows)?;
            rows.is_empty()
        }
        What::Propositions => {
            let rows = kb.all_propositions()?;
            propositions(out, format, &rows)?;
            rows.is_empty()
        }
        What::Toa => {
            toa::check_format(format)?;
            // Every order's table streams its citations one order id at a
            // time and takes names from the authority table; gathering every
            // order's citations and authority records first took over 23 GB
            // at 100,000 orders.
            let (scope, auths) = if orders.is_empty() {
                (kb.orders()?, kb.all_authorities()?)
            } else {
                let mut scope = Vec::new();
                for o in orders {
                    match kb.order(o)? {
                        Some(r) => scope.push(r),
                        None => {
                            return Err(Error::NoOrder {
                                order: o.clone(),
                                dir: kb.dir.clone(),
                            })
                        }
                    }
                }
                let auths = kb.authorities_of_orders(&scope)?;
                (scope, auths)
            };
            let ids = scope.iter().map(|o| o.id.clone()).collect();
            let mut gather = toa::Gather::new(ids, &auths);
            if orders.is_empty() {
                kb.for_each_citation_group(|group| {
                    group.iter().for_each(|c| gather.add(c));
                    Ok(())
                })?;
            } else {
                for o in &scope {
                    kb.citations_of(o)?.iter().for_each(|c| gather.add(c));
                }
            }
            gather.write(out, format, &scope)?;
            scope.is_empty()
        }
        What::Graph => {
            let edges = kb.edges()?;
            graph(out, format, &edges, &kb.all_authorities()?, &kb.orders()?)?;
            edges.is_empty()
        }
    })
}

/// The `Content-Type` of `format`, for downloads.
pub fn content_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "text/csv; charset=utf-8",
        ExportFormat::Json => "application/json",
        ExportFormat::Jsonl => "application/x-ndjson",
        ExportFormat::Md => "text/markdown; charset=utf-8",
        ExportFormat::Html => "text/html; charset=utf-8",
        ExportFormat::Graphml => "application/graphml+xml",
        ExportFormat::Dot => "text/vnd.graphviz; charset=utf-8",
        ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
}

/// An output format; which ones an export supports is in its documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Comma-separated values with a header row (UTF-8; a byte-order mark with `--excel`).
    Csv,
    /// One pretty-printed JSON document.
    Json,
    /// JSON Lines: one compact JSON record per line.
    Jsonl,
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
    /// GraphML (XML), for Gephi, yEd, Cytoscape, networkx.
    Graphml,
    /// Graphviz DOT.
    Dot,
    /// An Excel workbook: one sheet per table, frozen header row, dates as dates.
    Xlsx,
}

impl ExportFormat {
    /// The format's name as the command line spells it (`csv`, `graphml`, …).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Dot => "dot",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for `format` asked of an export that supports only `supported`.
fn unsupported(export: &str, format: ExportFormat, supported: &[ExportFormat]) -> Error {
    let names: Vec<&str> = supported.iter().map(|f| f.name()).collect();
    Error::Unsupported {
        what: format!(
            "the {export} export cannot be written as {format} (use one of: {})",
            names.join(", ")
        ),
    }
}

/// A CSV writer with the crate's settings, over `out`.
fn csv_writer(out: &mut dyn Write) -> SpreadsheetCsv<&mut dyn Write> {
    SpreadsheetCsv::from_writer(out)
}

/// The UTF-8 byte-order mark that makes Excel read a CSV as UTF-8 (`--excel`).
pub const BOM: &str = "\u{FEFF}";

/// The CSV writer every CSV of the crate goes through: RFC 4180 quoting by
/// the `csv` crate, and each cell a spreadsheet would run as a formula
/// escaped with a leading `'` (OWASP's advice against CSV injection).
pub struct SpreadsheetCsv<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> SpreadsheetCsv<W> {
    /// A writer over `out`.
    pub fn from_writer(out: W) -> Self {
        SpreadsheetCsv {
            inner: csv::WriterBuilder::new().from_writer(out),
        }
    }

    /// Writes one row.
    pub fn write_record<I, T>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        for cell in cells {
            self.inner
                .write_field(escape::spreadsheet(cell.as_ref()).as_bytes())?;
        }
        self.inner.write_record(None::<&[u8]>)
    }

    /// Flushes what was written to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A `csv` error as the crate's error: IO errors keep their kind.
fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::Write(io),
        other => Error::Write(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{other:?}"),
        )),
    }
}

/// A `serde_json` error as the crate's error: IO errors keep their kind.
fn json_error(e: serde_json::Error) -> Error {
    Error::Write(e.into())
}

/// Writes `rows` as one pretty-printed JSON value, then a newline.
fn write_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value).map_err(json_error)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Writes `rows` as JSON Lines: one compact record per line.
fn write_jsonl<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<()> {
    let mut out = std::io::BufWriter::new(out);
    for row in rows {
        serde_json::to_writer(&mut out, row).map_err(json_error)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// A citation as people read it, whatever the source looked like (line
/// numbers, `</u>`, `*` inside the span): *Id.* with its pin, else the short
/// name a short form uses, the authority's canonical key and the pin
/// (`Leon, 464 F.3d 951, 959`). Without an authority, the source text on one
/// line. The exact span stays in the record's `text`.
pub fn citation_label(c: &crate::kb::CitationRecord) -> String {
    let pin = c.pin.as_deref().filter(|p| !p.is_empty());
    if c.kind == "id" {
        return match pin {
            Some(p) => format!("Id. at {p}"),
            None => "Id.".to_string(),
        };
    }
    let Some(key) = c.authority.as_deref() else {
        return c.text.split_whitespace().collect::<Vec<_>>().join(" ");
    };
    let mut label = String::new();
    if let Some(name) = c.case_name.as_deref().filter(|n| !n.trim().is_empty()) {
        label.push_str(name.trim());
        label.push_str(", ");
    }
    label.push_str(key);
    if let Some(p) = pin {
        // Case reporters take `, pin`; codes and rules carry the pin in the key.
        if c.authority_kind.as_deref() == Some("case") {
            label.push_str(", ");
            label.push_str(p);
        }
    }
    label
}

/// Joins a list for one CSV cell.
fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
pub(crate) mod tests {
    //! A small handcrafted knowledge base shared by the export tests.

    use crate::kb::{AuthorityRecord, CitationRecord, Edge, OrderRecord, PropositionRecord};

    /// Records as the knowledge base would return them.
    pub(crate) struct Fixture {
        pub orders: Vec<OrderRecord>,
        pub cites: Vec<CitationRecord>,
        pub authorities: Vec<AuthorityRecord>,
        pub propositions: Vec<PropositionRecord>,
        pub edges: Vec<Edge>,
    }

    /// The key of the case whose name needs escaping everywhere.
    pub(crate) const NASTY_KEY: &str = "999 F.3d 1";
    /// Its name: markup, an ampersand, quotes and a pipe.
    pub(crate) const NASTY_NAME: &str = "In re <script>alert(\"x\")</script> & Sons | *Co*_";

    fn order(id: &str, case_name: Option<&str>) -> OrderRecord {
        OrderRecord {
            id: id.into(),
            file: format!("corpus/{id}.txt"),
            hash: "ab12".into(),
            case_name: case_name.map(String::from),
            title: Some("Order Granting Motion to Dismiss".into()),
            court: Some("United States District Court, Central District of California".into()),
            case_number: Some("2:20-cv-01234".into()),
            pages: 6,
            ..Default::default()
        }
    }

    fn authority(
        key: &str,
        kind: &str,
        name: &str,
        orders: &[&str],
        times: u64,
    ) -> AuthorityRecord {
        AuthorityRecord {
            key: key.into(),
            keys: vec![key.into()],
            kind: kind.into(),
            name: name.into(),
            times_cited: times,
            orders: orders.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn cite(order: &str, seq: u64, key: &str, kind: &str, page: Option<u64>) -> CitationRecord {
        let authority_kind = match kind {
            "short_case" | "id" => "case",
            k => k,
        };
        CitationRecord {
            order: order.into(),
            file: format!("corpus/{order}.txt"),
            seq,
            kind: kind.into(),
            authority: Some(key.into()),
            authority_kind: Some(authority_kind.into()),
            text: key.into(),
            start: seq * 100,
            end: seq * 100 + key.len() as u64,
            page,
            ..Default::default()
        }
    }

    pub(crate) const ALN: &str = "673 F. Supp. 2d 1063";
    pub(crate) const O0: &str = "000_9d86";
    pub(crate) const O1: &str = "001_44aa";
    pub(crate) const O2: &str = "002_7121";

    pub(crate) fn fixture() -> Fixture {
        let orders = vec![
            order(O0, Some("Smith v. Acme Corp.")),
            order(O1, Some("Doe v. Roe")),
            order(O2, None),
        ];
        let mut aln = authority(
            ALN,
            "case",
            "American LegalNet, Inc. v. Davis",
            &[O0, O1, O2],
            4,
        );
        aln.court_id = Some("cacd".into());
        aln.year = Some(2009);
        let mut rule = authority(
            "Fed. R. Civ. P. 26(c)",
            "rule",
            "Fed. R. Civ. P. 26(c)",
            &[O1],
            1,
        );
        rule.parents = vec!["Fed. R. Civ. P. 26".into()];
        let mut ebay = authority(
            "547 U.S. 388",
            "case",
            "eBay Inc. v. MercExchange, L.L.C.",
            &[O0],
            1,
        );
        ebay.court_id = Some("scotus".into());
        ebay.year = Some(2006);
        ebay.keys.push("126 S. Ct. 1837".into());
        let authorities = vec![
            aln,
            authority("42 U.S.C. § 1983", "statute", "42 U.S.C. § 1983", &[O0], 1),
            rule,
            authority("Dkt. No. 12", "record", "Dkt. No. 12", &[O0], 1),
            authority(NASTY_KEY, "case", NASTY_NAME, &[O0, O2], 6),
            authority(
                "U.S. Const. amend. XIV",
                "constitution",
                "U.S. Const. amend. XIV",
                &[O2],
                1,
            ),
            authority(
                "29 C.F.R. § 1630.2",
                "regulation",
                "29 C.F.R. § 1630.2",
                &[O2],
                1,
            ),
            authority("5 U.S.C. § 552", "statute", "5 U.S.C. § 552", &[O1], 1),
            authority(
                "100 Harv. L. Rev. 1",
                "journal",
                "Note, Snake_case & Law",
                &[O0],
                1,
            ),
            ebay,
        ];

        let mut cites = vec![
            cite(O0, 0, ALN, "case", Some(1)),
            cite(O0, 1, ALN, "id", Some(2)),
            cite(O0, 2, "Dkt. No. 12", "record", Some(1)),
            cite(O0, 3, "42 U.S.C. § 1983", "statute", Some(3)),
            cite(O0, 4, NASTY_KEY, "case", Some(1)),
            cite(O0, 5, NASTY_KEY, "short_case", Some(2)),
            cite(O0, 6, NASTY_KEY, "short_case", Some(3)),
            cite(O0, 7, NASTY_KEY, "id", Some(4)),
            cite(O0, 8, NASTY_KEY, "id", Some(5)),
            cite(O0, 9, "100 Harv. L. Rev. 1", "journal", Some(3)),
            // A parallel key, and no page known.
            cite(O0, 10, "126 S. Ct. 1837", "case", None),
            cite(O1, 0, ALN, "case", Some(1)),
            cite(O1, 1, "Fed. R. Civ. P. 26(c)", "rule", Some(1)),
            cite(O1, 2, "5 U.S.C. § 552", "statute", Some(2)),
            cite(O2, 0, ALN, "case", Some(2)),
            cite(O2, 1, NASTY_KEY, "case", Some(1)),
            cite(O2, 2, "U.S. Const. amend. XIV", "constitution", Some(2)),
            cite(O2, 3, "29 C.F.R. § 1630.2", "regulation", Some(3)),
        ];
        cites[0].case_name = Some("American LegalNet, Inc. v. Davis".into());
        cites[0].pin = Some("1072 n.10".into());
        cites[0].signal = Some("See".into());
        cites[0].treatment = Some("positive".into());
        cites[0].treatment_evidence = Some("followed".into());
        cites[0].proposition = Some("p1".into());
        cites[0].court_id = Some("cacd".into());
        cites[0].order_case_name = Some("Smith v. Acme Corp.".into());
        cites[0].order_court_id = Some("cacd".into());
        cites[0].order_date = Some("2019-05-01".into());
        cites[0].proposition_text = Some("a party seeking a TRO must show irreparable harm".into());
        cites[0].year = Some(2009);
        cites[3].text = "42 U.S.C.\n§ 1983, the \"civil rights\" statute".into();
        cites[4].case_name = Some(NASTY_NAME.into());
        cites[4].through = Some(ALN.into());

        let propositions = vec![
            PropositionRecord {
                id: "p1".into(),
                authority: ALN.into(),
                text: "a party seeking a TRO must show,\n\"likely\" irreparable harm".into(),
                quoted: true,
                orders: vec![O0.into(), O1.into(), O2.into()],
                count: 3,
                pins: vec!["1072 n.10".into(), "1073".into()],
                point: true,
                members: vec![],
            },
            PropositionRecord {
                id: "p2".into(),
                authority: "42 U.S.C. § 1983".into(),
                text: "creates a cause of action".into(),
                quoted: false,
                orders: vec![O0.into()],
                count: 1,
                pins: vec![],
                point: true,
                members: vec![],
            },
        ];

        let edge = |from: &str, to: &str, kind: &str, weight: u64| Edge {
            from: from.into(),
            to: to.into(),
            kind: kind.into(),
            weight,
        };
        let edges = vec![
            edge(&format!("order:{O0}"), ALN, "cites", 2),
            edge(&format!("order:{O1}"), ALN, "cites", 1),
            edge(&format!("order:{O2}"), ALN, "cites", 1),
            edge(&format!("order:{O0}"), NASTY_KEY, "cites", 5),
            edge(&format!("order:{O0}"), "42 U.S.C. § 1983", "cites", 1),
            edge(&format!("order:{O0}"), "410 U.S. 113", "relies_through", 1),
            edge(NASTY_KEY, ALN, "quotes", 1),
            edge(NASTY_KEY, "410 U.S. 113", "cites", 1),
        ];
        Fixture {
            orders,
            cites,
            authorities,
            propositions,
            edges,
        }
    }
}
