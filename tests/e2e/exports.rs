//! Exports a lawyer can open: an export that fails leaves the file it was
//! to replace as it was, CSV is safe to open in a spreadsheet (formula-leading
//! cells escaped, a byte-order mark with `--excel`), `--format xlsx` is a
//! real workbook, and every table carries names beside ids.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::common::{run_in, seed_index};

fn export(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Issue 18, item 5: `export toa --format jsonl --out keep.md` emptied keep.md.
#[test]
fn a_failed_export_leaves_the_target_as_it_was() {
    let dir = seed_index();
    let d = dir.path();
    let keep = d.join("keep.md");
    let brief = "# my table of authorities\n".repeat(5000);
    std::fs::write(&keep, &brief).unwrap();
    // A format the export does not come in, and an order that does not exist.
    for args in [
        &["toa", "--format", "jsonl", "--out", "keep.md"][..],
        &[
            "toa",
            "--format",
            "md",
            "--order",
            "no-such-order",
            "--out",
            "keep.md",
        ][..],
    ] {
        let out = export(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("keep.md"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&keep).unwrap(), brief, "{args:?}");
    }
    // Nothing is left beside it.
    let names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "temporary file left: {names:?}"
    );
    // A folder that does not exist is named in the error.
    let out = export(d, &["toa", "--format", "md", "--out", "missing/toa.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing/toa.md"), "{}", stderr(&out));
    // A successful export replaces the file.
    let out = export(d, &["toa", "--format", "md", "--out", "keep.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let toa = std::fs::read_to_string(&keep).unwrap();
    assert!(toa.contains("## Cases"), "{toa}");
}

/// Issue 18, item 3: a passage starting with `=` ran as a formula in Excel,
/// and without a byte-order mark Excel showed `§` as `Â§`.
#[test]
fn csv_is_safe_to_open_in_a_spreadsheet() {
    let dir = seed_index();
    let d = dir.path();
    // An order whose proposition starts like a formula.
    std::fs::write(
        d.join("corpus/formula.txt"),
        "UNITED STATES DISTRICT COURT\n\nORDER\n\n\
         =SUM(1,2) is what a plaintiff must plead to state a claim under the statute. \
         See 42 U.S.C. § 1983.\n",
    )
    .unwrap();
    let out = run_in(d, &["index", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = export(d, &["citations", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !out.stdout.starts_with("\u{FEFF}".as_bytes()),
        "BOM only with --excel"
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let dangerous = |c: &str| c.starts_with(['=', '+', '-', '@', '\t', '\r']);
    for row in &rows {
        for (h, cell) in headers.iter().zip(row.iter()) {
            assert!(!dangerous(cell), "{h} = {cell:?} would run as a formula");
        }
    }
    let prop = headers
        .iter()
        .position(|h| h == "proposition_text")
        .unwrap();
    assert!(
        rows.iter()
            .any(|r| r[prop].starts_with("'=SUM(1,2) is what")),
        "the formula-leading proposition is escaped, not dropped"
    );

    let out = export(d, &["citations", "--format", "csv", "--excel"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with("\u{FEFF}order,".as_bytes()));
    assert!(String::from_utf8(out.stdout).unwrap().contains('§'));
    // The query commands' CSV takes the same switch.
    let out = run_in(
        d,
        &["cited-by", "42 U.S.C. § 1983", "--format", "csv", "--excel"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with("\u{FEFF}order,".as_bytes()));
}

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Issue 18, item 3: `--format xlsx` writes a workbook Excel opens: a sheet
/// per table, the header row first, numbers as numbers, names as text.
#[test]
fn xlsx_exports_read_back_with_a_spreadsheet_reader() {
    let dir = seed_index();
    let d = dir.path();
    for what in ["citations", "authorities", "propositions", "toa", "graph"] {
        let file = format!("{what}.xlsx");
        let out = export(d, &[what, "--format", "xlsx", "--out", &file]);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
    }

    let mut book = workbook(&d.join("citations.xlsx"));
    assert_eq!(book.sheet_names(), ["citations"]);
    let sheet = book.worksheet_range("citations").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // The CSV export of the same table: same rows, same text.
    let out = export(d, &["citations", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let csv_header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, csv_header);
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(sheet.height() - 1, csv_rows.len());
    for (row, csv_row) in sheet.rows().skip(1).zip(&csv_rows) {
        assert!(
            matches!(row[col("start")], Data::Float(_)),
            "{:?}",
            row[col("start")]
        );
        assert_eq!(row[col("order")].to_string(), csv_row[col("order")]);
        assert_eq!(row[col("authority")].to_string(), csv_row[col("authority")]);
        let name = &csv_row[col("order_case_name")];
        assert_eq!(row[col("order_case_name")].to_string(), *name);
    }
    assert!(
        sheet
            .rows()
            .skip(1)
            .any(|r| r[col("order_case_name")] != Data::Empty),
        "the citing orders' case names are in the workbook"
    );
    let legalnet = sheet
        .rows()
        .find(|r| r[col("authority")] == "673 F. Supp. 2d 1063")
        .expect("American LegalNet is cited");
    assert!(matches!(legalnet[col("year")], Data::Float(y) if y == 2009.0));

    let mut book = workbook(&d.join("authorities.xlsx"));
    let sheet = book.worksheet_range("authorities").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let court = header.iter().position(|h| h == "court").unwrap();
    assert!(sheet.rows().any(|r| r[court] == "C.D. Cal."));

    let book = workbook(&d.join("toa.xlsx"));
    assert!(
        book.sheet_names().iter().any(|s| s == "Cases"),
        "{:?}",
        book.sheet_names()
    );

    let book = workbook(&d.join("graph.xlsx"));
    assert_eq!(book.sheet_names(), ["edges", "nodes"]);

    // Binary output is not sent to a terminal, but may go into a pipe.
    let out = export(d, &["authorities", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK"));
}

/// Issue 18, item 4: exports carried hashes and ids where people need names.
#[test]
fn every_export_carries_names_beside_ids() {
    let dir = seed_index();
    let d = dir.path();
    let out = export(d, &["citations", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let with_prop: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| !r[col("proposition")].is_empty())
        .collect();
    assert!(!with_prop.is_empty());
    for r in &with_prop {
        let text = &r[col("proposition_text")];
        assert!(
            text.split_whitespace().count() > 3,
            "proposition {} has text {text:?}",
            &r[col("proposition")]
        );
    }
    assert!(
        rows.iter().all(|r| !r[col("order_case_name")].is_empty()),
        "every seed has a case name"
    );
    assert!(
        rows.iter()
            .any(|r| r[col("order_court")] == *"N.D. Cal." || r[col("order_court")].contains('.')),
        "court abbreviations are filled"
    );

    // cited-by CSV: the citing order's case name, court and date.
    let out = run_in(d, &["cited-by", "American LegalNet", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    for name in [
        "order",
        "case_name",
        "court",
        "court_id",
        "date",
        "citation",
        "text",
        "proposition_text",
    ] {
        assert!(
            headers.iter().any(|h| h == name),
            "cited-by CSV lacks {name}: {headers:?}"
        );
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert!(rows.len() >= 3);
    for r in &rows {
        assert!(!r[col("case_name")].is_empty(), "{r:?}");
        assert!(!r[col("court")].is_empty(), "{r:?}");
    }

    // search CSV: the case name.
    let out = run_in(d, &["search", "preservation", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let name = headers
        .iter()
        .position(|h| h == "case_name")
        .expect("case_name column");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| !r[name].is_empty()),
        "{rows:?}"
    );
}
