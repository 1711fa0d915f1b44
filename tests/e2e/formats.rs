//! The input formats end to end: the real `precedent` binary on the
//! fixtures in `tests/fixtures/` (a PDF built by `make_pdf.py`, HTML with
//! star paging, a CourtListener opinion, a CAP case, broken and empty PDFs)
//! and on the real PDFs and JSON Lines shards in `../shared/corpus/`
//! (skipped with a message where that is absent).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::common::{assert_extract_fails, bin, run, run_json, s};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `../shared/corpus/<rel>`. Tests calling it are ignored when `build.rs`
/// found no `../shared/`; one that went missing since is a failure.
fn shared(rel: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    assert!(
        p.exists(),
        "{} not found: the shared corpus went missing after the build (touch build.rs)",
        p.display()
    );
    p
}

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The citations of `path`, after checking the run succeeded.
fn extract(path: &Path) -> Vec<Value> {
    let out = run(&["extract", "--format", "jsonl", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    jsonl(&out)
}

/// The documents of `path` as read: (label, id, format, text).
fn texts(path: &Path) -> Vec<Value> {
    let out = run(&[
        "extract",
        "--text",
        "--format",
        "jsonl",
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    jsonl(&out)
}

/// Every span indexes the extracted text, and there is at least one.
fn assert_spans(rows: &[Value], text: &str) {
    assert!(!rows.is_empty());
    crate::common::assert_spans(rows, text);
}

/// (authority, order page) of each citation with an authority.
fn pages(rows: &[Value]) -> Vec<(String, u64)> {
    rows.iter()
        .filter_map(|r| Some((s(r, "authority")?.to_string(), r["order_page"].as_u64()?)))
        .collect()
}

#[test]
fn pdf_fixture_yields_its_citations_on_their_pages() {
    let pdf = fixture("order.pdf");
    let docs = texts(&pdf);
    assert_eq!(docs.len(), 1);
    assert_eq!(s(&docs[0], "format"), Some("pdf"));
    let text = s(&docs[0], "text").unwrap();
    assert_eq!(text.matches('\u{c}').count(), 1, "two pages, one form feed");
    let rows = extract(&pdf);
    assert_spans(&rows, text);
    assert_eq!(
        pages(&rows),
        [
            ("464 F.3d 951".to_string(), 1),
            ("410 U.S. 113".to_string(), 2),
            ("42 U.S.C. § 1983".to_string(), 2)
        ]
    );
    let leon = &rows[0];
    assert_eq!(
        (s(leon, "volume"), s(leon, "reporter"), s(leon, "pin")),
        (Some("464"), Some("F.3d"), Some("959"))
    );
}

#[test]
fn broken_and_empty_pdfs_get_clear_errors() {
    for (name, reason) in [
        ("broken.pdf", "not a readable PDF"),
        ("empty.pdf", "file is empty"),
    ] {
        assert_extract_fails(&fixture(name), reason);
    }
}

#[test]
fn html_star_paging_becomes_order_pages() {
    let html = fixture("star_paging.html");
    let docs = texts(&html);
    let text = s(&docs[0], "text").unwrap();
    assert_eq!(s(&docs[0], "format"), Some("html"));
    assert!(
        text.contains("The parties\u{2019} briefs agree on this & more.\n*1119\nWe turn to"),
        "{text}"
    );
    assert!(!text.contains("410 U.S. 113"), "script content is not text");
    assert!(!text.contains('<'), "{text}");
    let rows = extract(&html);
    assert_spans(&rows, text);
    assert_eq!(
        pages(&rows),
        [
            ("347 U.S. 483".to_string(), 1118),
            ("163 U.S. 537".to_string(), 1118),
            ("42 U.S.C. § 1983".to_string(), 1119),
            ("365 U.S. 167".to_string(), 1119),
            ("365 U.S. 167".to_string(), 1119)
        ]
    );
}

#[test]
fn courtlistener_opinion_reads_html_with_citations_when_plain_text_is_empty() {
    let json = fixture("courtlistener_opinion.json");
    let docs = texts(&json);
    assert_eq!(docs.len(), 1);
    assert_eq!(
        (s(&docs[0], "id"), s(&docs[0], "format")),
        (Some("courtlistener_opinion"), Some("json"))
    );
    let text = s(&docs[0], "text").unwrap();
    let rows = extract(&json);
    assert_spans(&rows, text);
    // The caption's "410 U.S. 113" is Roe's own citation, not one it makes.
    assert_eq!(
        pages(&rows),
        [
            ("381 U.S. 479".to_string(), 115),
            ("319 F. Supp. 1048".to_string(), 116),
            ("405 U.S. 438".to_string(), 116),
            ("405 U.S. 438".to_string(), 117)
        ]
    );
    assert_eq!(s(&rows[3], "kind"), Some("id"));
}

fn index(dir: &Path, inputs: &[&Path]) -> (Option<i32>, Value, String) {
    let idx = dir.join("index");
    let mut args = vec!["index".to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend([
        "--index".into(),
        idx.display().to_string(),
        "--format".into(),
        "json".into(),
    ]);
    let out = bin().args(&args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
    (out.status.code(), v, err)
}

fn show(dir: &Path, order: &str) -> Value {
    let idx = dir.join("index");
    run_json(&[
        "show",
        order,
        "--index",
        idx.to_str().unwrap(),
        "--format",
        "json",
    ])
}

#[test]
fn cap_case_metadata_wins_over_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let (code, summary, err) = index(dir.path(), &[&fixture("cap_case.json")]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(summary["added"], 1);
    let v = show(dir.path(), "cap_case");
    let o = &v["order"];
    assert_eq!(
        (
            s(o, "court"),
            s(o, "court_id"),
            s(o, "date"),
            s(o, "case_name")
        ),
        (
            Some("Supreme Court of California"),
            Some("cal"),
            Some("1999-06-14"),
            Some("People v. Example")
        )
    );
    assert_eq!(o["year"], 1999);
    let auths: Vec<&str> = v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| s(c, "authority"))
        .collect();
    assert_eq!(
        auths,
        [
            "43 Cal. 3d 1104",
            "384 U.S. 436",
            "Cal. Penal Code § 190.2",
            "43 Cal. 3d 1104"
        ]
    );
    assert!(v["citations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| s(c, "order_court_id") == Some("cal")));
}

fn write_gz(path: &Path, lines: &[String]) {
    let f = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    for l in lines {
        writeln!(gz, "{l}").unwrap();
    }
    gz.finish().unwrap();
}

fn record(id: &str, court: &str, date: &str, text: &str) -> String {
    serde_json::json!({"id": id, "source_repo": "test", "source_path": "x", "source_format": "json:plain_text",
        "kind": "opinion", "court": court, "date": date, "line_numbered": false, "text": text})
    .to_string()
}

#[test]
fn a_changed_jsonl_shard_is_reindexed_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let shard = corpus.join("shard.jsonl.gz");
    let a = record(
        "a",
        "ca1",
        "2013-08-01",
        "Held. See Roe v. Wade, 410 U.S. 113 (1973).",
    );
    let b = record(
        "b",
        "Supreme Court of Ohio",
        "2001-02-03",
        "Cf. Smith v. Jones, 101 F.3d 11 (9th Cir. 1999).",
    );
    let c = record("c", "", "", "No citations here.");
    write_gz(&shard, &[a.clone(), b, "{broken".into(), c]);
    let (code, first, err) = index(dir.path(), &[&corpus]);
    assert_eq!(code, Some(2), "a bad line fails the run: {err}");
    assert!(
        err.contains("shard.jsonl.gz: line 3: not valid JSON"),
        "{err}"
    );
    assert_eq!(
        err.matches("shard.jsonl.gz").count(),
        1,
        "named once: {err}"
    );
    assert_eq!(
        (first["added"].as_u64(), first["failed"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(first["orders_in_index"], 3);
    let ohio = show(dir.path(), "b");
    assert_eq!(
        (s(&ohio["order"], "court_id"), s(&ohio["order"], "date")),
        (Some("ohio"), Some("2001-02-03"))
    );
    assert_eq!(
        ohio["citations"].as_array().unwrap().len(),
        1,
        "only b's own citations"
    );

    // The bad record is named again by every run, until it is fixed.
    let (code, again, err) = index(dir.path(), &[&corpus]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("shard.jsonl.gz: line 3"), "{err}");
    assert_eq!(
        (again["unchanged"].as_u64(), again["added"].as_u64()),
        (Some(3), Some(0))
    );

    let d = record(
        "d",
        "ca2",
        "2020-01-02",
        "See Miranda v. Arizona, 384 U.S. 436 (1966).",
    );
    write_gz(&shard, &[a, d]);
    let (code, third, err) = index(dir.path(), &[&corpus]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        (third["updated"].as_u64(), third["orders_in_index"].as_u64()),
        (Some(2), Some(2))
    );
    let idx = dir.path().join("index");
    let gone = run(&[
        "cited-by",
        "101 F.3d 11",
        "--index",
        idx.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let gone: Value = serde_json::from_slice(&gone.stdout).unwrap();
    assert_eq!(
        gone["status"], "not_found",
        "the dropped record's citations are gone"
    );
    let roe = run(&[
        "cited-by",
        "410 U.S. 113",
        "--index",
        idx.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let roe: Value = serde_json::from_slice(&roe.stdout).unwrap();
    assert_eq!(
        roe["direct"].as_array().unwrap().len(),
        1,
        "not twice: {roe}"
    );
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared")]
fn a_real_shard_streams_every_record_with_its_metadata() {
    let shard = shared("opinions-00.jsonl.gz");
    let docs = texts(&shard);
    assert_eq!(docs.len(), 1895);
    assert!(docs.iter().all(|d| s(d, "format") == Some("jsonl")));
    assert_eq!(
        s(&docs[0], "id"),
        Some("ca_appellate_chansooligans_1036108")
    );
    assert!(s(&docs[0], "file")
        .unwrap()
        .ends_with("opinions-00.jsonl.gz#ca_appellate_chansooligans_1036108"));
    // Index the shard's first records (a copy in a scratch directory): the
    // record's court and date win over what the text says.
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = {
        use std::io::BufRead;
        let gz = flate2::read::GzDecoder::new(std::fs::File::open(&shard).unwrap());
        std::io::BufReader::new(gz)
            .lines()
            .take(5)
            .map(Result::unwrap)
            .collect()
    };
    let part = dir.path().join("part.jsonl.gz");
    write_gz(&part, &lines);
    let (code, summary, err) = index(dir.path(), &[&part]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(summary["added"], 5);
    let o = &show(dir.path(), "ca_appellate_chansooligans_1036108")["order"];
    assert_eq!(
        (s(o, "court_id"), s(o, "date")),
        (Some("ca1"), Some("2013-08-01"))
    );
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared")]
#[cfg_attr(
    all(not(no_shared), not(feature = "heavy")),
    ignore = "heavy: cargo test --features heavy"
)]
fn real_pdfs_index_where_they_can_and_fail_clearly_where_not() {
    let pdfs = shared("pdf");
    let dir = tempfile::tempdir().unwrap();
    let (code, summary, err) = index(dir.path(), &[&pdfs]);
    assert_eq!(code, Some(2), "failures make exit code 2: {err}");
    let mut failed: Vec<(String, String)> = summary["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let f = s(e, "file").unwrap();
            (
                f.rsplit('/').next().unwrap().to_string(),
                s(e, "reason").unwrap().to_string(),
            )
        })
        .collect();
    failed.sort();
    let names: Vec<&str> = failed.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "empty.pdf",
            "gov.uscourts.cand.203070.27.0.pdf",
            "image-pdf-2.pdf",
            "ocr_pdf_variation.pdf"
        ]
    );
    assert_eq!(failed[0].1, "file is empty");
    for (_, reason) in &failed[1..] {
        assert!(
            reason.contains("no text layer") && reason.contains("OCR it first"),
            "{reason}"
        );
    }
    // The rest of the run went on: the other four are indexed.
    assert_eq!(summary["added"], 4);
    assert_eq!(summary["orders_in_index"], 4);

    // broken-mime.pdf (junk before `%PDF`) is the North Carolina Supreme Court's opinion.
    let nc = show(dir.path(), "broken-mime");
    assert_eq!(s(&nc["order"], "court_id"), Some("nc"), "{}", nc["order"]);
    let cites = nc["citations"].as_array().unwrap();
    let coa = cites
        .iter()
        .find(|c| s(c, "authority") == Some("268 N.C. App. 1"))
        .expect("the Court of Appeals decision under review");
    assert_eq!(coa["page"], 1, "on the first page of the PDF");
    let sct = cites
        .iter()
        .find(|c| s(c, "authority") == Some("140 S. Ct. 1575"))
        .expect("Sineneng-Smith");
    assert!(sct["page"].as_u64().unwrap() > 1);
    assert_eq!(nc["order"]["pages"], 23);
    // The Arizona order: five pages, as the PDF has.
    let azd = show(dir.path(), "gov.uscourts.azd.1085839.3.0");
    assert_eq!(azd["order"]["pages"], 5);
}

#[test]
fn a_proposition_found_in_a_shard_names_its_own_record() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    write_gz(
        &corpus.join("shard.jsonl.gz"),
        &[
            record(
                "a",
                "ca1",
                "2013-08-01",
                "Courts favor early disclosure of witnesses. Roe v. Wade, 410 U.S. 113 (1973).",
            ),
            record(
                "b",
                "ca2",
                "2014-09-02",
                "Sanctions require a showing of bad faith. Smith v. Jones, 101 F.3d 11 (9th Cir. 1999).",
            ),
        ],
    );
    let (code, _, err) = index(dir.path(), &[&corpus]);
    assert_eq!(code, Some(0), "{err}");
    let idx = dir.path().join("index");
    // Both records share the file: each hit must name the record it came from.
    for (word, id, authority) in [
        ("sanctions", "b", "101 F.3d 11"),
        ("disclosure", "a", "410 U.S. 113"),
    ] {
        let out = run(&[
            "search",
            word,
            "--scope",
            "propositions",
            "--index",
            idx.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let found: Value = serde_json::from_slice(&out.stdout).unwrap();
        let hits = found["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 1, "{found}");
        assert_eq!(s(&hits[0], "id"), Some(id), "{found}");
        assert_eq!(s(&hits[0], "authority"), Some(authority), "{found}");
    }
}

/// `precedent extract --text --format jsonl ARGS…`: (exit code, documents, stderr).
fn read_texts(args: &[&str]) -> (Option<i32>, Vec<Value>, String) {
    let mut all = vec!["extract", "--text", "--format", "jsonl"];
    all.extend(args);
    let out = run(&all);
    (
        out.status.code(),
        jsonl(&out),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One JSON Lines line over `--max-bytes` stopped the read of the rest of
/// its file, and the error named the line before it (issue 14): the line is
/// skipped, named by its own number, and the records after it are read.
#[test]
fn a_line_over_the_limit_is_skipped_and_the_rest_of_the_shard_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = |i: usize| format!("Order {i}. See Roe v. Wade, 410 U.S. 113 (1973).");
    let big = "x".repeat(5_000);
    for (name, over) in [("first.jsonl.gz", 0), ("middle.jsonl.gz", 1)] {
        let mut lines: Vec<String> = (0..102)
            .map(|i| record(&format!("r{i}"), "ca1", "2013-08-01", &text(i)))
            .collect();
        lines[over] = record("huge", "ca1", "2013-08-01", &big);
        let shard = dir.path().join(name);
        write_gz(&shard, &lines);
        let (code, docs, err) = read_texts(&["--max-bytes", "4096", shard.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{err}");
        let line = over + 1;
        assert!(
            err.contains(&format!("{name}: line {line}: a line of 5"))
                && err.contains("over the limit of 4096 bytes"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(docs.len(), 101, "every other record is read: {err}");
        assert_eq!(s(&docs[100], "id"), Some("r101"));
    }
}

/// File names that differ only in bytes that are not UTF-8 were one file
/// (keyed by the lossy `display()`), so one order was dropped (issue 14).
#[test]
fn file_names_that_differ_in_invalid_utf8_are_two_files() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for b in [0xe9u8, 0xe8] {
        let name = [b'c', b'a', b'f', b, b'.', b't', b'x', b't'];
        let path = dir.path().join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(path, format!("Byte {b}. 410 U.S. 113.")).unwrap();
    }
    let (code, docs, err) = read_texts(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let mut files: Vec<&str> = docs.iter().map(|d| s(d, "file").unwrap()).collect();
    let mut ids: Vec<&str> = docs.iter().map(|d| s(d, "id").unwrap()).collect();
    files.dedup();
    ids.dedup();
    assert_eq!((files.len(), ids.len()), (2, 2), "{docs:?}");
    assert!(files[0].ends_with("caf\\xe8.txt"), "{files:?}");
    assert_eq!(ids, ["caf\\xe8", "caf\\xe9"]);
}

/// A symlink in the corpus to a file outside it was followed, indexed and
/// served (issue 14): a walk follows links only to files inside its roots.
#[test]
fn a_walk_does_not_follow_a_symlink_out_of_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, outside) = (dir.path().join("corpus"), dir.path().join("private"));
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "Secret. 410 U.S. 113.").unwrap();
    std::fs::write(corpus.join("sub/order.txt"), "Order. 384 U.S. 436.").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), corpus.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(corpus.join("sub/order.txt"), corpus.join("alias.txt")).unwrap();
    let (code, docs, err) = read_texts(&[corpus.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let files: Vec<&str> = docs.iter().map(|d| s(d, "file").unwrap()).collect();
    assert!(files.iter().all(|f| !f.contains("leak")), "{files:?}");
    assert!(
        files.iter().any(|f| f.ends_with("alias.txt")),
        "inside: {files:?}"
    );
    // Named on the command line, a link is what the user asked for.
    let (code, docs, err) = read_texts(&[corpus.join("leak.txt").to_str().unwrap()]);
    assert_eq!((code, docs.len()), (Some(0), 1), "{err}");
}

/// Whitespace-only text files were indexed as orders (issue 14).
#[test]
fn a_text_file_of_only_whitespace_is_refused_like_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, " \n\t\r\n\u{c}\u{a0}\n").unwrap();
    assert_extract_fails(&blank, "holds only whitespace");
}
