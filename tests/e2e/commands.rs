//! The command line as people read it (issue 18, items 10-15): tables with
//! names, counts in words, citations normalized, nothing-matched said.

use crate::common::{bin, run_in, seed_index};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `top --court zz` printed an empty table and no word of why.
#[test]
fn top_for_a_court_without_orders_says_nothing_matched() {
    let dir = seed_index();
    let out = run_in(dir.path(), &["top", "--court", "zz"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "no empty table: {}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("nothing matched") && err.contains("\"zz\""),
        "{err}"
    );
    // A court that has orders still gets its table.
    let out = run_in(dir.path(), &["top", "--court", "cand"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("RANK"));
}

/// Search results in the terminal showed ids only; "1 orders".
#[test]
fn search_and_cited_by_tables_show_case_names_courts_and_counts_in_words() {
    let dir = seed_index();
    let out = run_in(dir.path(), &["search", "preservation", "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Artec Group, Inc. v. Andrey Klimov"),
        "{text}"
    );
    assert!(text.contains("N.D. Cal."), "court abbreviation: {text}");

    // One citing order is "1 order".
    let out = run_in(
        dir.path(),
        &["cited-by", "Leon v. IDX", "--format", "table"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains(" 1 orders"), "{text}");
    let out = run_in(
        dir.path(),
        &["search", "\"Artec Group\"", "--format", "table"],
    );
    let text = stdout(&out);
    assert!(text.starts_with("1 order matching"), "{text}");
}

/// Cited-by tables showed `Chambers v. NASCO, Inc.*` and a pleading-paper
/// line number inside the citation; JSON keeps the exact source span.
#[test]
fn cited_by_tables_show_the_normalized_citation_and_json_the_exact_span() {
    let dir = seed_index();
    let out = run_in(
        dir.path(),
        &["cited-by", "501 U.S. 32", "--format", "table"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Chambers v. NASCO, Inc., 501 U.S. 32, 44"),
        "{text}"
    );
    assert!(!text.contains("Inc.*") && !text.contains("44 27"), "{text}");

    let out = run_in(dir.path(), &["cited-by", "501 U.S. 32", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let spans: Vec<&str> = ["direct", "through"]
        .iter()
        .flat_map(|k| v[k].as_array().unwrap())
        .flat_map(|o| o["citations"].as_array().unwrap())
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        spans
            .iter()
            .any(|t| t.contains("Inc.*") && t.contains("\n27")),
        "{spans:?}"
    );
}

/// The FILE column was cut at its end, so every row of one folder read the same.
#[test]
fn the_file_column_keeps_the_end_that_tells_files_apart() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir
        .path()
        .join("a-rather-long-folder-name/with/more/levels");
    std::fs::create_dir_all(&deep).unwrap();
    let cite = "See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\n";
    for name in ["order_first.txt", "order_second.txt"] {
        std::fs::write(deep.join(name), cite).unwrap();
    }
    let out = bin()
        .args(["extract", "--format", "table"])
        .arg(deep.join("order_first.txt"))
        .arg(deep.join("order_second.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<String> = stdout(&out).lines().skip(1).map(String::from).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("order_first.txt"), "{rows:?}");
    assert!(rows[1].contains("order_second.txt"), "{rows:?}");
}

/// `analyze --format jsonl` printed one pretty document, and no order metadata.
#[test]
fn analyze_jsonl_is_one_order_per_line_with_its_metadata() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = bin()
        .args(["analyze", "--format", "jsonl"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not one JSON value per line: {e}: {l:.80}"))
        })
        .collect();
    assert_eq!(lines.len(), 4, "three orders and the shared propositions");
    let artec = lines
        .iter()
        .find(|o| o["id"].as_str().is_some_and(|id| id.starts_with("000_")))
        .unwrap();
    let m = &artec["metadata"];
    assert_eq!(
        m["case_name"], "Artec Group, Inc. v. Andrey Klimov, et al.",
        "{m}"
    );
    assert_eq!(m["court_id"], "cand", "{m}");
    assert_eq!(m["date"], "2016-08-25", "{m}");
    for key in ["court", "case_number", "title", "judge", "disposition"] {
        assert!(m.get(key).is_some(), "{key} missing: {m}");
    }
    assert!(artec["citations"].as_array().unwrap().len() > 10);
    assert!(lines[3]["propositions"].is_array());
    // JSON keeps one document, now with the metadata too.
    let out = bin()
        .args(["analyze", "--format", "json"])
        .arg(&seeds)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["orders"][0]["metadata"].is_object());
}

/// `show "file#id"`, the README's own form for a record of a JSON Lines
/// file, said "no order".
#[test]
fn show_finds_a_record_by_file_and_id() {
    let dir = seed_index();
    let d = dir.path();
    std::fs::write(
        d.join("corpus/shard.jsonl"),
        "{\"id\": \"a\", \"text\": \"See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\"}\n\
         {\"id\": \"b\", \"text\": \"See 42 U.S.C. § 1983.\"}\n",
    )
    .unwrap();
    let out = run_in(d, &["index", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (query, id) in [
        ("corpus/shard.jsonl#a", "a"),
        ("corpus/shard.jsonl#b", "b"),
        ("./corpus/shard.jsonl#b", "b"),
    ] {
        let out = run_in(d, &["show", query, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["order"]["id"], id, "{query}");
    }
    // A record id under another file is not that file's record.
    let out = run_in(d, &["show", "corpus/other.jsonl#a", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("no order"), "{}", stderr(&out));
}

/// Indexes `orders` (file name, text) in a scratch directory.
fn small_index(orders: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in orders {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let out = run_in(dir.path(), &["index", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

/// The authority `cited-by QUERY` answers with (its keys), or why not.
fn cited_by_keys(dir: &std::path::Path, query: &str) -> Result<Vec<String>, String> {
    let out = run_in(dir, &["cited-by", query, "--format", "json"]);
    if out.status.code() != Some(0) {
        return Err(format!(
            "exit {:?}: {}{}",
            out.status.code(),
            stdout(&out),
            stderr(&out)
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v["authority"];
    let mut keys: Vec<String> = a["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    keys.push(a["key"].as_str().unwrap().to_string());
    Ok(keys)
}

/// Everyday names found nothing: `section 1983`, `FRCP 12(b)(6)`, `FRE 403`,
/// `Title VII`, `ADA`, `FLSA`.
#[test]
fn everyday_names_of_statutes_rules_and_acts_find_their_authority() {
    let dir = small_index(&[
        (
            "civil_rights.txt",
            "Plaintiff sues under 42 U.S.C. § 1983 and Title VII, 42 U.S.C. § 2000e-2(a). \
             The motion is brought under Fed. R. Civ. P. 12(b)(6). Summary judgment is \
             proper under Fed. R. Civ. P. 56(a). The exhibit is excluded under Fed. R. Evid. 403.\n",
        ),
        (
            "employment.txt",
            "The ADA, 42 U.S.C. § 12101 et seq., forbids it; see 42 U.S.C. § 12112(a). \
             Overtime is due under 29 U.S.C. § 207(a)(1). Compare 18 U.S.C. § 1962(c).\n",
        ),
    ]);
    let d = dir.path();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "section 1983",
                "Section 1983",
                "§ 1983",
                "§1983",
                "sec. 1983",
                "1983",
            ],
            "42 U.S.C. § 1983",
        ),
        (
            &[
                "FRCP 12(b)(6)",
                "F.R.C.P. 12(b)(6)",
                "Fed.R.Civ.P. 12(b)(6)",
                "Federal Rule of Civil Procedure 12(b)(6)",
            ],
            "Fed. R. Civ. P. 12(b)(6)",
        ),
        (
            &["FRE 403", "F.R.E. 403", "Federal Rule of Evidence 403"],
            "Fed. R. Evid. 403",
        ),
        (
            &["Rule 56", "Fed. R. Civ. P. 56", "FRCP 56"],
            "Fed. R. Civ. P. 56",
        ),
        (&["Title VII", "title vii"], "42 U.S.C. § 2000e-2"),
        (
            &["ADA", "Americans with Disabilities Act"],
            "42 U.S.C. § 12101",
        ),
        (&["FLSA", "Fair Labor Standards Act"], "29 U.S.C. § 207"),
        (&["RICO"], "18 U.S.C. § 1962"),
    ];
    for (queries, key) in cases {
        for q in *queries {
            let keys = cited_by_keys(d, q).unwrap_or_else(|e| panic!("{q}: {e}"));
            assert!(
                keys.iter().any(|k| k == key),
                "{q} should find {key}, found {keys:?}"
            );
        }
    }
    // A name the data does not know, and an act no order cites, find nothing.
    for q in ["FRXP 12", "FMLA", "section 9999"] {
        let out = run_in(d, &["cited-by", q]);
        assert_eq!(out.status.code(), Some(1), "{q}: {}", stdout(&out));
    }
}

/// `cited-by "Strickland, 466 U.S. at 687"` was ambiguous because orders
/// wrote "Strickland, supra, 466 U.S. 687", read as a case starting at 687.
#[test]
fn a_name_and_pin_find_the_case_whose_pages_hold_the_pin() {
    let full = "Counsel was not ineffective. Strickland v. Washington, 466 U.S. 668, 687 (1984).\n";
    let supra = "Nor was there prejudice. Strickland, supra, 466 U.S. 687.\n";
    // More orders wrote the misread form than the full citation.
    let dir = small_index(&[
        ("full.txt", full),
        ("supra_one.txt", supra),
        ("supra_two.txt", &format!("The claim fails. {supra}")),
    ]);
    let keys = cited_by_keys(dir.path(), "Strickland, 466 U.S. at 687").unwrap();
    assert!(keys.iter().any(|k| k == "466 U.S. 668"), "{keys:?}");
    assert!(!keys.iter().any(|k| k == "466 U.S. 687"), "{keys:?}");
    // The pin alone is not a name: a case that starts at 687 may be meant.
    let out = run_in(
        dir.path(),
        &["cited-by", "466 U.S. 687", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The progress of one JSON Lines shard of 3,000 records went `0/1 → 1/1`
/// files, with an unlabelled rate and `eta 0s`.
#[test]
fn progress_of_a_shard_counts_its_records_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut shard = String::new();
    for i in 0..3_000 {
        shard += &format!(
            "{{\"id\": \"r{i}\", \"text\": \"Order {i}. The motion is denied under \
             Fed. R. Civ. P. 12(b)({}), see Leon v. IDX Sys. Corp., 464 F.3d 951, {} \
             (9th Cir. 2006).\"}}\n",
            i % 7,
            951 + i % 40
        );
    }
    std::fs::write(dir.path().join("shard.jsonl"), &shard).unwrap();
    let out = run_in(dir.path(), &["index", "--progress", "shard.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("indexing: ") || l.starts_with("indexed: "))
        .collect();
    // The orders indexed, as each line says them.
    let orders: Vec<u64> = lines
        .iter()
        .map(|l| {
            let n = l.split(": ").nth(1).unwrap().split(' ').next().unwrap();
            n.replace(',', "").parse().unwrap()
        })
        .collect();
    assert!(
        orders.windows(2).all(|w| w[0] <= w[1]),
        "orders never go back: {err}"
    );
    let mut distinct = orders.clone();
    distinct.dedup();
    assert!(
        distinct.iter().filter(|&&n| n > 0 && n < 3_000).count() >= 1,
        "records advance within the one file: {err}"
    );
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("indexed: 3,000 orders, 1/1 files"),
        "{err}"
    );
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .any(|l| l.contains(" MB, ") && l.contains("/1 files")),
        "{err}"
    );
    for l in &lines {
        assert!(!l.contains("eta 0s"), "{err}");
        if l.contains("/s") {
            assert!(l.contains(" orders/s") && l.contains(" MB/s"), "{err}");
        }
    }
    assert!(
        lines.iter().any(|l| l.contains(", eta ")),
        "an estimate while bytes are left: {err}"
    );
    // Without the flag, and not on a terminal, stderr has no progress.
    let out = run_in(dir.path(), &["index", "--rebuild", "shard.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("indexing"), "{}", stderr(&out));
}
