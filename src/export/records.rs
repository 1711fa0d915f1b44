//! The record tables: citations, authorities and propositions as CSV, JSON
//! or JSON Lines.

use std::io::{BufWriter, Write};

use super::xlsx::{Book, Sheet};
use super::{
    csv_error, csv_writer, join_list, json_error, unsupported, write_json, write_jsonl,
    ExportFormat, SpreadsheetCsv,
};
use crate::kb::{AuthorityRecord, CitationRecord, PropositionRecord};
use crate::Result;

const FORMATS: &[ExportFormat] = &[
    ExportFormat::Csv,
    ExportFormat::Json,
    ExportFormat::Jsonl,
    ExportFormat::Xlsx,
];

/// Columns of the citation table. They are [`CitationRecord`]'s field names,
/// so the CSV deserializes back into the record, but for `order_court`: the
/// Bluebook abbreviation of `order_court_id`, for people.
const CITATION_COLUMNS: [&str; 24] = [
    "order",
    "order_case_name",
    "order_court",
    "order_court_id",
    "order_date",
    "file",
    "seq",
    "authority",
    "kind",
    "authority_kind",
    "case_name",
    "pin",
    "page",
    "signal",
    "treatment",
    "treatment_evidence",
    "proposition",
    "proposition_text",
    "through",
    "court_id",
    "year",
    "text",
    "start",
    "end",
];

/// Writes every citation occurrence, one row or record each.
///
/// Formats: `csv` and `xlsx` (columns `order, order_case_name, order_court,
/// order_court_id, order_date, file, seq, authority, kind, authority_kind,
/// case_name, pin, page, signal, treatment, treatment_evidence, proposition,
/// proposition_text, through, court_id, year, text, start, end`: the citing
/// order's name, court and date beside its id, the proposition's text beside
/// its id; an absent value is an empty cell), `json`, `jsonl`.
pub fn citations(out: &mut dyn Write, format: ExportFormat, rows: &[CitationRecord]) -> Result<()> {
    let mut table = CitationTable::new(out, format)?;
    table.write(rows)?;
    table.finish()
}

/// The citation table written as its rows arrive, so that a table larger
/// than memory can be exported ([`citations`] in pieces, same bytes).
pub struct CitationTable<'a> {
    sink: Sink<'a>,
}

enum Sink<'a> {
    Csv(Box<SpreadsheetCsv<&'a mut dyn Write>>),
    Xlsx {
        out: &'a mut dyn Write,
        book: Box<Book>,
        sheet: Box<Sheet>,
    },
    /// A pretty-printed array, laid out as `serde_json` lays out a whole one.
    Json {
        out: BufWriter<&'a mut dyn Write>,
        empty: bool,
    },
    Jsonl(BufWriter<&'a mut dyn Write>),
}

impl<'a> CitationTable<'a> {
    /// Starts the table (a CSV header row); an unsupported format is refused
    /// before anything is written.
    pub fn new(out: &'a mut dyn Write, format: ExportFormat) -> Result<Self> {
        let sink = match format {
            ExportFormat::Csv => {
                let mut w = csv_writer(out);
                w.write_record(CITATION_COLUMNS).map_err(csv_error)?;
                Sink::Csv(Box::new(w))
            }
            ExportFormat::Json => Sink::Json {
                out: BufWriter::new(out),
                empty: true,
            },
            ExportFormat::Jsonl => Sink::Jsonl(BufWriter::new(out)),
            ExportFormat::Xlsx => {
                let book = Box::new(Book::new());
                let sheet = Box::new(book.sheet("citations", &CITATION_COLUMNS)?);
                Sink::Xlsx { out, book, sheet }
            }
            _ => return Err(unsupported("citations", format, FORMATS)),
        };
        Ok(CitationTable { sink })
    }

    /// Appends `rows`.
    pub fn write(&mut self, rows: &[CitationRecord]) -> Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => {
                for r in rows {
                    w.write_record(citation_row(r)).map_err(csv_error)?;
                }
            }
            Sink::Xlsx { book, sheet, .. } => {
                for r in rows {
                    sheet.row(&citation_row(r), book)?;
                }
            }
            Sink::Json { out, empty } => {
                for r in rows {
                    out.write_all(if *empty { b"[\n  " } else { b",\n  " })?;
                    *empty = false;
                    // JSON strings escape line breaks, so every one is layout.
                    let record = serde_json::to_string_pretty(r).map_err(json_error)?;
                    out.write_all(record.replace('\n', "\n  ").as_bytes())?;
                }
            }
            Sink::Jsonl(out) => {
                for r in rows {
                    serde_json::to_writer(&mut *out, r).map_err(json_error)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    /// Ends the table and flushes it.
    pub fn finish(self) -> Result<()> {
        match self.sink {
            Sink::Csv(mut w) => w.flush()?,
            Sink::Xlsx {
                out,
                mut book,
                sheet,
            } => {
                book.add(*sheet)?;
                book.write(out)?;
            }
            Sink::Json { mut out, empty } => {
                out.write_all(if empty { b"[]\n" } else { b"\n]\n" })?;
                out.flush()?;
            }
            Sink::Jsonl(mut out) => out.flush()?,
        }
        Ok(())
    }
}

fn citation_row(r: &CitationRecord) -> [String; 24] {
    let court = r
        .order_court_id
        .as_deref()
        .and_then(crate::cite::courts::abbreviation)
        .unwrap_or_default();
    [
        r.order.clone(),
        opt(&r.order_case_name),
        court.to_string(),
        opt(&r.order_court_id),
        opt(&r.order_date),
        r.file.clone(),
        r.seq.to_string(),
        opt(&r.authority),
        r.kind.clone(),
        opt(&r.authority_kind),
        opt(&r.case_name),
        opt(&r.pin),
        opt_num(r.page),
        opt(&r.signal),
        opt(&r.treatment),
        opt(&r.treatment_evidence),
        opt(&r.proposition),
        opt(&r.proposition_text),
        opt(&r.through),
        opt(&r.court_id),
        opt_num(r.year),
        r.text.clone(),
        r.start.to_string(),
        r.end.to_string(),
    ]
}

const AUTHORITY_COLUMNS: [&str; 11] = [
    "key",
    "name",
    "kind",
    "court_id",
    "year",
    "times_cited",
    "order_count",
    "orders",
    "keys",
    "parents",
    "court",
];

fn authority_row(r: &AuthorityRecord) -> [String; 11] {
    let court = r
        .court_id
        .as_deref()
        .and_then(crate::cite::courts::abbreviation);
    [
        r.key.clone(),
        r.name.clone(),
        r.kind.clone(),
        opt(&r.court_id),
        opt_num(r.year),
        r.times_cited.to_string(),
        r.orders.len().to_string(),
        join_list(&r.orders),
        join_list(&r.keys),
        join_list(&r.parents),
        court.unwrap_or_default().to_string(),
    ]
}

/// Writes every authority, one row or record each.
///
/// Formats: `csv` and `xlsx` (columns `key, name, kind, court_id, year,
/// times_cited, order_count, orders, keys, parents, court`; `order_count` is
/// the number of citing orders, `orders` their ids joined with `"; "`, `keys`
/// every key it is cited by, `parents` the broader provisions it sits under,
/// `court` the Bluebook abbreviation of `court_id`), `json`, `jsonl`.
pub fn authorities(
    out: &mut dyn Write,
    format: ExportFormat,
    rows: &[AuthorityRecord],
) -> Result<()> {
    match format {
        ExportFormat::Csv => {
            let mut w = csv_writer(out);
            w.write_record(AUTHORITY_COLUMNS).map_err(csv_error)?;
            for r in rows {
                w.write_record(authority_row(r)).map_err(csv_error)?;
            }
            w.flush()?;
            Ok(())
        }
        ExportFormat::Xlsx => {
            let mut book = Book::new();
            let mut sheet = book.sheet("authorities", &AUTHORITY_COLUMNS)?;
            for r in rows {
                sheet.row(&authority_row(r), &book)?;
            }
            book.add(sheet)?;
            book.write(out)
        }
        ExportFormat::Json => write_json(out, rows),
        ExportFormat::Jsonl => write_jsonl(out, rows),
        _ => Err(unsupported("authorities", format, FORMATS)),
    }
}

const PROPOSITION_COLUMNS: [&str; 8] = [
    "id",
    "authority",
    "quoted",
    "count",
    "order_count",
    "orders",
    "pins",
    "text",
];

fn proposition_row(r: &PropositionRecord) -> [String; 8] {
    [
        r.id.clone(),
        r.authority.clone(),
        r.quoted.to_string(),
        r.count.to_string(),
        r.orders.len().to_string(),
        join_list(&r.orders),
        join_list(&r.pins),
        r.text.clone(),
    ]
}

/// Writes every proposition, one row or record each.
///
/// Formats: `csv` and `xlsx` (columns `id, authority, quoted, count,
/// order_count, orders, pins, text`; `count` is the number of citations
/// relying on it, `order_count` the number of orders, `orders` and `pins`
/// joined with `"; "`), `json`, `jsonl`.
pub fn propositions(
    out: &mut dyn Write,
    format: ExportFormat,
    rows: &[PropositionRecord],
) -> Result<()> {
    match format {
        ExportFormat::Csv => {
            let mut w = csv_writer(out);
            w.write_record(PROPOSITION_COLUMNS).map_err(csv_error)?;
            for r in rows {
                w.write_record(proposition_row(r)).map_err(csv_error)?;
            }
            w.flush()?;
            Ok(())
        }
        ExportFormat::Xlsx => {
            let mut book = Book::new();
            let mut sheet = book.sheet("propositions", &PROPOSITION_COLUMNS)?;
            for r in rows {
                sheet.row(&proposition_row(r), &book)?;
            }
            book.add(sheet)?;
            book.write(out)
        }
        ExportFormat::Json => write_json(out, rows),
        ExportFormat::Jsonl => write_jsonl(out, rows),
        _ => Err(unsupported("propositions", format, FORMATS)),
    }
}

/// An optional text as a CSV cell: empty when absent.
fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// An optional number as a CSV cell: empty when absent.
fn opt_num<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::fixture;

    fn run<T>(
        f: fn(&mut dyn Write, ExportFormat, &[T]) -> Result<()>,
        format: ExportFormat,
        rows: &[T],
    ) -> String {
        let mut out = Vec::new();
        f(&mut out, format, rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers = r.headers().unwrap().iter().map(String::from).collect();
        let rows = r
            .records()
            .map(|row| row.unwrap().iter().map(String::from).collect())
            .collect();
        (headers, rows)
    }

    #[test]
    fn citations_csv_parses_back_into_the_same_records() {
        let f = fixture();
        let text = run(citations, ExportFormat::Csv, &f.cites);
        assert!(!text.starts_with('\u{FEFF}'), "no byte-order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let back: Vec<CitationRecord> = reader.deserialize().map(|r| r.unwrap()).collect();
        assert_eq!(back, f.cites);
        let (headers, rows) = read_csv(&text);
        assert_eq!(
            &headers[..6],
            [
                "order",
                "order_case_name",
                "order_court",
                "order_court_id",
                "order_date",
                "file"
            ]
        );
        assert_eq!(rows.len(), f.cites.len());
        // Names beside ids: the citing order's, its court's, the proposition's.
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        assert_eq!(rows[0][col("order_case_name")], "Smith v. Acme Corp.");
        assert_eq!(rows[0][col("order_court")], "C.D. Cal.");
        assert_eq!(rows[0][col("order_date")], "2019-05-01");
        assert_eq!(rows[0][col("proposition")], "p1");
        assert_eq!(
            rows[0][col("proposition_text")],
            "a party seeking a TRO must show irreparable harm"
        );
    }

    /// CSV injection: a cell a spreadsheet would evaluate gets a leading `'`
    /// (OWASP), in every CSV table; the other cells are untouched.
    #[test]
    fn formula_leading_cells_are_escaped_in_every_csv() {
        let f = fixture();
        let mut cites = f.cites.clone();
        cites[0].text = "=HYPERLINK(\"http://evil\",\"x\")".into();
        cites[1].pin = Some("-5".into());
        cites[2].case_name = Some("@SUM(A1:A9)".into());
        cites[3].signal = Some("+see".into());
        cites[4].treatment_evidence = Some("\tfollowed".into());
        let text = run(citations, ExportFormat::Csv, &cites);
        let (headers, rows) = read_csv(&text);
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        assert_eq!(rows[0][col("text")], "'=HYPERLINK(\"http://evil\",\"x\")");
        assert_eq!(rows[1][col("pin")], "'-5");
        assert_eq!(rows[2][col("case_name")], "'@SUM(A1:A9)");
        assert_eq!(rows[3][col("signal")], "'+see");
        assert_eq!(rows[4][col("treatment_evidence")], "'\tfollowed");
        assert_eq!(rows[5][col("text")], cites[5].text);
        let mut props = f.propositions.clone();
        props[0].text = "-1 is not a formula".into();
        let text = run(propositions, ExportFormat::Csv, &props);
        assert!(text.contains("'-1 is not a formula"), "{text}");
        let mut auths = f.authorities.clone();
        auths[0].name = "=cmd|' /C calc'!A0".into();
        let text = run(authorities, ExportFormat::Csv, &auths);
        assert!(text.contains("'=cmd|' /C calc'!A0"), "{text}");
    }

    /// Written a row at a time, the table is byte for byte the table written
    /// at once, and JSON is laid out as `serde_json` lays out the whole array.
    #[test]
    fn the_citation_table_written_in_pieces_is_the_same_bytes() {
        let f = fixture();
        assert!(f.cites.len() > 2);
        for format in [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Jsonl] {
            let mut pieces = Vec::new();
            let mut table = CitationTable::new(&mut pieces, format).unwrap();
            for row in &f.cites {
                table.write(std::slice::from_ref(row)).unwrap();
            }
            table.write(&[]).unwrap();
            table.finish().unwrap();
            let whole = run(citations, format, &f.cites);
            assert_eq!(String::from_utf8(pieces).unwrap(), whole, "{format:?}");
        }
        let pretty = serde_json::to_string_pretty(&f.cites).unwrap() + "\n";
        assert_eq!(run(citations, ExportFormat::Json, &f.cites), pretty);
        assert_eq!(run(citations, ExportFormat::Json, &[]), "[]\n");
        assert!(CitationTable::new(&mut Vec::new(), ExportFormat::Dot).is_err());
    }

    #[test]
    fn a_text_with_commas_quotes_and_a_line_break_stays_in_its_cell() {
        let f = fixture();
        let text = run(citations, ExportFormat::Csv, &f.cites);
        let (headers, rows) = read_csv(&text);
        let col = headers.iter().position(|h| h == "text").unwrap();
        let tricky = f.cites.iter().position(|c| c.text.contains('\n')).unwrap();
        assert_eq!(rows[tricky][col], f.cites[tricky].text);
        assert!(rows.iter().all(|r| r.len() == headers.len()));
    }

    #[test]
    fn authorities_csv_has_counts_and_joined_lists() {
        let f = fixture();
        let text = run(authorities, ExportFormat::Csv, &f.authorities);
        let (headers, rows) = read_csv(&text);
        assert_eq!(
            headers,
            [
                "key",
                "name",
                "kind",
                "court_id",
                "year",
                "times_cited",
                "order_count",
                "orders",
                "keys",
                "parents",
                "court"
            ]
        );
        assert_eq!(rows.len(), f.authorities.len());
        for (row, a) in rows.iter().zip(&f.authorities) {
            assert_eq!(row[0], a.key);
            assert_eq!(row[1], a.name);
            assert_eq!(row[2], a.kind);
            assert_eq!(row[3], a.court_id.clone().unwrap_or_default());
            assert_eq!(row[4], a.year.map(|y| y.to_string()).unwrap_or_default());
            assert_eq!(row[5], a.times_cited.to_string());
            assert_eq!(row[6], a.orders.len().to_string());
            let orders: Vec<&str> = if row[7].is_empty() {
                vec![]
            } else {
                row[7].split("; ").collect()
            };
            assert_eq!(orders, a.orders);
        }
        assert_eq!(rows[0][7], "000_9d86; 001_44aa; 002_7121");
        // The court's Bluebook abbreviation beside its courts-db id.
        assert_eq!(rows[0][3], "cacd");
        assert_eq!(rows[0][10], "C.D. Cal.");
    }

    #[test]
    fn propositions_csv_parses_back_to_the_same_values() {
        let f = fixture();
        let text = run(propositions, ExportFormat::Csv, &f.propositions);
        let (headers, rows) = read_csv(&text);
        assert_eq!(headers[0], "id");
        for (row, p) in rows.iter().zip(&f.propositions) {
            assert_eq!(row[0], p.id);
            assert_eq!(row[1], p.authority);
            assert_eq!(row[2], p.quoted.to_string());
            assert_eq!(row[3], p.count.to_string());
            assert_eq!(row[4], p.orders.len().to_string());
            assert_eq!(row[5], p.orders.join("; "));
            assert_eq!(row[6], p.pins.join("; "));
            assert_eq!(row[7], p.text);
        }
    }

    #[test]
    fn json_and_jsonl_parse_back_into_the_records() {
        let f = fixture();
        let json = run(citations, ExportFormat::Json, &f.cites);
        let back: Vec<CitationRecord> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f.cites);
        let jsonl = run(citations, ExportFormat::Jsonl, &f.cites);
        assert_eq!(jsonl.lines().count(), f.cites.len());
        let back: Vec<CitationRecord> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, f.cites);

        let json = run(authorities, ExportFormat::Json, &f.authorities);
        let back: Vec<AuthorityRecord> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f.authorities);
        let jsonl = run(authorities, ExportFormat::Jsonl, &f.authorities);
        let back: Vec<AuthorityRecord> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, f.authorities);

        let json = run(propositions, ExportFormat::Json, &f.propositions);
        let back: Vec<PropositionRecord> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f.propositions);
        let jsonl = run(propositions, ExportFormat::Jsonl, &f.propositions);
        let back: Vec<PropositionRecord> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(back, f.propositions);
    }

    #[test]
    fn empty_tables_still_have_a_header_and_valid_json() {
        assert_eq!(
            run::<AuthorityRecord>(authorities, ExportFormat::Csv, &[])
                .lines()
                .count(),
            1
        );
        assert_eq!(
            run::<CitationRecord>(citations, ExportFormat::Json, &[]).trim(),
            "[]"
        );
        assert_eq!(
            run::<CitationRecord>(citations, ExportFormat::Jsonl, &[]),
            ""
        );
    }

    #[test]
    fn other_formats_are_refused_before_writing() {
        let f = fixture();
        for format in [
            ExportFormat::Md,
            ExportFormat::Html,
            ExportFormat::Graphml,
            ExportFormat::Dot,
        ] {
            let mut out = Vec::new();
            let err = citations(&mut out, format, &f.cites).unwrap_err();
            assert!(matches!(err, crate::Error::Unsupported { .. }), "{err}");
            assert!(err.to_string().contains("csv, json, jsonl"), "{err}");
            assert!(out.is_empty());
        }
    }
}
