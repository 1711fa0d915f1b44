//! End-to-end tests: the real `precedent` binary on the seed orders in
//! `corpus/` and on bad input in scratch directories.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{
    assert_extract_fails, assert_spans, bin, exported_citations, run, run_json, s,
};

fn corpus(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("seed {name} missing from corpus/"))
}

fn extract_jsonl(path: &Path) -> (Vec<Value>, String) {
    let out = run(&["extract", "--format", "jsonl", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (rows, std::fs::read_to_string(path).unwrap())
}

fn find(rows: &[Value], pred: impl Fn(&Value) -> bool) -> Vec<&Value> {
    rows.iter().filter(|r| pred(r)).collect()
}

#[test]
fn seed_000_has_twelve_distinct_full_case_citations_with_exact_fields() {
    let (rows, original) = extract_jsonl(&corpus("000_"));
    assert_spans(&rows, &original);
    let mut full: Vec<&str> = find(&rows, |r| s(r, "kind") == Some("case"))
        .into_iter()
        .map(|r| s(r, "authority").unwrap())
        .collect();
    full.sort();
    full.dedup();
    assert_eq!(
        full,
        [
            "2008 WL 4104473",
            "2009 WL 8399038",
            "2010 WL 3564847",
            "2015 WL 5159125",
            "2016 WL 2744837",
            "220 F.R.D. 429",
            "233 F.R.D. 363",
            "464 F.3d 951",
            "501 U.S. 32",
            "60 Fed. Cl. 133",
            "673 F. Supp. 2d 1063",
            "907 F. Supp. 2d 1086",
        ]
    );

    let legalnet = find(&rows, |r| {
        s(r, "authority") == Some("673 F. Supp. 2d 1063") && s(r, "kind") == Some("case")
    });
    let first = legalnet[0];
    assert_eq!(s(first, "case_name"), Some("Am. LegalNet, Inc. v. Davis"));
    assert_eq!(s(first, "pin"), Some("1071"));
    assert_eq!(s(first, "court"), Some("C.D. Cal."));
    assert_eq!(s(first, "court_id"), Some("cacd"));
    assert_eq!(first["year"], 2009);
    assert_eq!(s(first, "reporter"), Some("F. Supp. 2d"));
    assert_eq!(s(first, "volume"), Some("673"));
    assert_eq!(s(first, "page"), Some("1063"));
    assert_eq!(
        s(first, "text"),
        Some("Am. LegalNet, Inc. v. Davis*, 673 F. Supp. 2d 1063, 1071 (C.D. Cal. 2009)")
    );
    assert_eq!(s(legalnet[1], "pin"), Some("1072 n.10"));
    assert_eq!(s(legalnet[1], "signal"), Some("see"));

    // Laguna is quoted inside LegalNet's parenthetical.
    let laguna = find(&rows, |r| s(r, "authority") == Some("60 Fed. Cl. 133"))[0];
    assert_eq!(
        s(laguna, "case_name"),
        Some("Pueblo of Laguna v. United States")
    );
    assert_eq!(
        (s(laguna, "pin"), laguna["year"].as_i64()),
        (Some("135"), Some(2004))
    );
    assert!(laguna["nested_in"].is_u64());

    let chambers = find(&rows, |r| s(r, "authority") == Some("501 U.S. 32"))[0];
    assert_eq!(s(chambers, "case_name"), Some("Chambers v. NASCO, Inc."));
    assert_eq!(
        (s(chambers, "pin"), chambers["year"].as_i64()),
        (Some("44"), Some(1991))
    );
    assert_eq!(s(chambers, "court_id"), Some("scotus"));

    let bright = find(&rows, |r| s(r, "authority") == Some("2015 WL 5159125"))[0];
    assert_eq!(s(bright, "docket_number"), Some("15-CV-01618-JSC"));
    assert_eq!(s(bright, "pin"), Some("*2"));
    assert_eq!(s(bright, "date"), Some("2015-09-02"));
    assert_eq!(s(bright, "court_id"), Some("cand"));
    assert_eq!(
        s(bright, "case_name"),
        Some("Bright Solutions for Dyslexia, Inc. v. Doe I")
    );

    let young = find(&rows, |r| s(r, "authority") == Some("2010 WL 3564847"))[0];
    assert_eq!(s(young, "docket_number"), Some("5:10-cv-03579-JF/PVT"));
    assert_eq!(s(young, "date"), Some("2010-09-13"));

    let leon = find(&rows, |r| s(r, "authority") == Some("464 F.3d 951"))[0];
    assert_eq!(s(leon, "signal"), Some("see also"));
    assert_eq!(s(leon, "case_name"), Some("Leon v. IDX Sys. Corp."));
    assert_eq!(s(leon, "court_id"), Some("ca9"));

    let rovio = find(&rows, |r| s(r, "authority") == Some("907 F. Supp. 2d 1086"))[0];
    assert_eq!(
        (s(rovio, "pin"), s(rovio, "court_id")),
        (Some("1101"), Some("cand"))
    );

    let capricorn = find(&rows, |r| s(r, "authority") == Some("220 F.R.D. 429"))[0];
    assert_eq!(
        (s(capricorn, "pin"), s(capricorn, "court_id")),
        (Some("437-38"), Some("pawd"))
    );

    // Short forms, Id.s and the rule.
    let shorts: Vec<(&str, &str)> = find(&rows, |r| s(r, "kind") == Some("short_case"))
        .into_iter()
        .map(|r| (s(r, "case_name").unwrap(), s(r, "pin").unwrap()))
        .collect();
    assert_eq!(
        shorts,
        [
            ("Young", "*1"),
            ("Am. LegalNet", "1071-72"),
            ("Laguna", "138"),
            ("Echostar", "*2")
        ]
    );
    // The four Id.s: the first follows "(quoting Chambers …)" yet means LegalNet;
    // the second follows "Bright …; see also Leon …" and means Bright.
    let ids: Vec<Option<&str>> = find(&rows, |r| s(r, "kind") == Some("id"))
        .into_iter()
        .map(|r| s(r, "authority"))
        .collect();
    assert_eq!(
        ids,
        [
            Some("673 F. Supp. 2d 1063"),
            Some("2015 WL 5159125"),
            Some("673 F. Supp. 2d 1063"),
            Some("2016 WL 2744837")
        ]
    );
    let short_keys: Vec<Option<&str>> = find(&rows, |r| s(r, "kind") == Some("short_case"))
        .into_iter()
        .map(|r| s(r, "authority"))
        .collect();
    assert_eq!(
        short_keys,
        [
            Some("2010 WL 3564847"),
            Some("673 F. Supp. 2d 1063"),
            Some("60 Fed. Cl. 133"),
            Some("2009 WL 8399038")
        ]
    );
    let rule = find(&rows, |r| s(r, "kind") == Some("rule"))[0];
    assert_eq!(s(rule, "authority"), Some("Fed. R. Civ. P. 26(f)"));
    assert_eq!(s(rule, "signal"), Some("see also"));
    let records: Vec<&str> = find(&rows, |r| s(r, "kind") == Some("record"))
        .into_iter()
        .map(|r| s(r, "authority").unwrap())
        .collect();
    assert!(records.contains(&"Dkt. No. 126"));
    assert!(records.contains(&"Dkt. No. 120-2"));
    let dkt126 = find(&rows, |r| s(r, "text") == Some("Dkt. No. 126 at 7"))[0];
    assert_eq!(s(dkt126, "pin"), Some("7"));
}

#[test]
fn seed_002_citations_broken_by_line_numbers() {
    let (rows, original) = extract_jsonl(&corpus("002_"));
    assert_spans(&rows, &original);
    let leon = find(&rows, |r| s(r, "authority") == Some("464 F.3d 951"))[0];
    assert_eq!(s(leon, "volume"), Some("464"));
    assert_eq!(s(leon, "pin"), Some("959"));
    assert_eq!(s(leon, "case_name"), Some("Leon v. IDX Systems Corp."));
    assert_eq!(
        s(leon, "text"),
        Some("Leon v. IDX Systems Corp.</u> , 464\t\t\n9\tF.3d 951, 959 (9th Cir. 2006)")
    );
    // The line number "9" is never read as a volume.
    assert!(find(&rows, |r| s(r, "volume") == Some("9")).is_empty());

    let short = find(&rows, |r| s(r, "kind") == Some("short_case"))[0];
    assert_eq!(s(short, "case_name"), Some("American LegalNet, Inc."));
    assert_eq!(
        (s(short, "volume"), s(short, "reporter"), s(short, "pin")),
        (Some("673"), Some("F. Supp. 2d"), Some("1072"))
    );

    let legalnet = find(&rows, |r| s(r, "authority") == Some("673 F. Supp. 2d 1063"))[0];
    assert_eq!(
        s(legalnet, "case_name"),
        Some("American LegalNet, Inc. v. Davis")
    );
    let laguna = find(&rows, |r| s(r, "authority") == Some("60 Fed. Cl. 133"))[0];
    assert_eq!(
        s(laguna, "case_name"),
        Some("Pueblo of Laguna v. United States")
    );
    assert_eq!(s(laguna, "pin"), Some("135-36"));

    let statute = find(&rows, |r| s(r, "kind") == Some("statute"))[0];
    assert_eq!(s(statute, "authority"), Some("42 U.S.C. § 1983"));
    let record = find(&rows, |r| s(r, "kind") == Some("record"))[0];
    assert_eq!(s(record, "authority"), Some("Dkt. No. 34"));
    assert_eq!(rows.len(), 6, "{rows:#?}");
    assert_eq!(s(short, "authority"), Some("673 F. Supp. 2d 1063"));
}

#[test]
fn seed_003_rules_statute_record_and_cases() {
    let (rows, original) = extract_jsonl(&corpus("003_"));
    assert_spans(&rows, &original);
    let kinds: Vec<(&str, Option<&str>)> = rows
        .iter()
        .map(|r| (s(r, "kind").unwrap(), s(r, "authority")))
        .collect();
    assert_eq!(
        kinds,
        [
            ("record", Some("Dkt. No. 92")),
            ("statute", Some("42 U.S.C. § 1983")),
            ("rule", Some("Fed. R. Civ. P. 26(c)")),
            ("rule", Some("Fed. R. Civ. P. 26(c)")),
            ("rule", Some("Fed. R. Civ. P. 26(c)(1)")),
            ("rule", Some("Fed. R. Civ. P. 26(c)")),
            ("case", Some("673 F. Supp. 2d 1063")),
            ("case", Some("60 Fed. Cl. 133")),
            ("short_case", Some("673 F. Supp. 2d 1063")),
            ("case", Some("464 F.3d 951")),
        ]
    );
    assert_eq!(s(&rows[0], "text"), Some("IECF No. 921"));
}

#[test]
fn bad_input_gets_a_clear_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"\x7fELF\0\0\x01").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 42 U.S.C. \xa7 1983").unwrap();
    let missing = dir.path().join("missing.txt");
    for (path, reason) in [
        (&empty, "file is empty"),
        (&binary, "binary file"),
        (&latin1, "not UTF-8 text"),
        (&missing, "No such file"),
    ] {
        assert_extract_fails(path, reason);
    }
}

/// `--max-bytes` takes any u64: the largest used to overflow the read limit
/// (`max + 1`), which read nothing in a release build and panicked in a debug one.
#[test]
fn the_largest_byte_limit_reads_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let cite = "See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).";
    let txt = dir.path().join("order.txt");
    std::fs::write(&txt, cite).unwrap();
    let json = dir.path().join("order.json");
    std::fs::write(&json, format!("{{\"id\": \"one\", \"text\": \"{cite}\"}}")).unwrap();
    let jsonl = dir.path().join("orders.jsonl");
    std::fs::write(
        &jsonl,
        format!(
            "{{\"id\": \"a\", \"text\": \"{cite}\"}}\n{{\"id\": \"b\", \"text\": \"{cite}\"}}\n"
        ),
    )
    .unwrap();
    for (path, expected) in [(&txt, 1), (&json, 1), (&jsonl, 2)] {
        let out = run(&[
            "extract",
            "--format",
            "jsonl",
            "--max-bytes",
            &u64::MAX.to_string(),
            path.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{}: {stderr}", path.display());
        let rows = out.stdout.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(rows, expected, "{}", path.display());
    }

    let index = dir.path().join("index");
    let summary = run_json(&[
        "index",
        dir.path().to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--max-bytes",
        &u64::MAX.to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(summary["orders_in_index"], 4, "{summary}");
    assert_eq!(summary["citations"], 4, "{summary}");
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn a_100_mb_single_line_file_is_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let unit = "Smith v. Jones, 100 F.3d 1, 5 (9th Cir. 1999); Id. at 6; see 42 U.S.C. § 1983 and filler text here. ";
    let reps = 100 * 1024 * 1024 / unit.len() + 1;
    std::fs::write(&path, unit.repeat(reps)).unwrap();
    let out = bin()
        .args(["extract", "--format", "jsonl", path.to_str().unwrap()])
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(lines, reps * 3);
}

#[test]
fn no_citations_exits_1_and_broken_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "Nothing to see here.").unwrap();
    assert_eq!(
        run(&["extract", plain.to_str().unwrap()]).status.code(),
        Some(1)
    );

    // Reader closes the pipe after the first line.
    let seed = corpus("000_");
    let mut child = bin()
        .args(["extract", "--format", "jsonl", seed.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_and_table_formats() {
    let seed = corpus("002_");
    let out = run(&["extract", "--format", "json", seed.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
    let out = run(&["extract", "--format", "table", seed.to_str().unwrap()]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("FILE"));
    assert!(table.contains("464 F.3d 951"));
}

fn analyze_corpus() -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = run(&["analyze", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn order<'a>(analysis: &'a Value, prefix: &str) -> &'a Value {
    analysis["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| s(o, "id").unwrap().starts_with(prefix))
        .unwrap()
}

#[test]
fn legalnet_and_laguna_are_one_authority_each_in_every_seed() {
    let a = analyze_corpus();
    for prefix in ["000_", "002_", "003_"] {
        let auths = order(&a, prefix)["authorities"].as_array().unwrap();
        for key in ["673 F. Supp. 2d 1063", "60 Fed. Cl. 133"] {
            let n = auths
                .iter()
                .filter(|x| x["keys"].as_array().unwrap().iter().any(|k| k == key))
                .count();
            assert_eq!(n, 1, "{prefix} {key}");
        }
    }
    // Seed 000 names LegalNet five times, in three spellings, as one authority.
    let legalnet = order(&a, "000_")["authorities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["key"] == "673 F. Supp. 2d 1063")
        .unwrap()
        .clone();
    assert_eq!(legalnet["citations"].as_array().unwrap().len(), 5);
    assert_eq!(legalnet["name"], "Am. LegalNet, Inc. v. Davis");
    // LegalNet quotes Laguna in every order, so each order relies on Laguna through LegalNet.
    for prefix in ["000_", "002_", "003_"] {
        let rel = order(&a, prefix)["relations"].as_array().unwrap().clone();
        assert!(
            rel.iter().any(|r| r["from"] == "673 F. Supp. 2d 1063"
                && r["to"] == "60 Fed. Cl. 133"
                && r["kind"] == "quotes"),
            "{prefix}"
        );
    }
}

#[test]
fn shared_propositions_across_the_seeds() {
    let a = analyze_corpus();
    let clusters = a["propositions"].as_array().unwrap();
    let orders_of = |c: &Value| -> Vec<String> {
        c["orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap()[..3].to_string())
            .collect()
    };
    let legalnet: Vec<&Value> = clusters
        .iter()
        .filter(|c| {
            c["authority"] == "673 F. Supp. 2d 1063"
                && s(c, "text")
                    .unwrap()
                    .to_lowercase()
                    .contains("implied or inherent power")
        })
        .collect();
    assert_eq!(legalnet.len(), 1, "one proposition, not one per spelling");
    assert_eq!(orders_of(legalnet[0]), ["000", "002", "003"]);

    let leon: Vec<&Value> = clusters
        .iter()
        .filter(|c| c["authority"] == "464 F.3d 951")
        .collect();
    let willful = leon
        .iter()
        .find(|c| s(c, "text").unwrap().contains("willful spoliation"))
        .unwrap();
    assert_eq!(orders_of(willful), ["002", "003"]);
    // Seed 000 cites the same pin with "see also" for a different point.
    assert_eq!(leon.len(), 2);
    let other = leon
        .iter()
        .find(|c| !s(c, "text").unwrap().contains("willful spoliation"))
        .unwrap();
    assert_eq!(orders_of(other), ["000"]);

    // The per-order proposition keeps pin, signal and a span into the original.
    let seed = std::fs::read_to_string(corpus("000_")).unwrap();
    let p = order(&a, "000_")["propositions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["authority"] == "464 F.3d 951")
        .unwrap()
        .clone();
    assert_eq!(
        (s(&p, "pin"), s(&p, "signal")),
        (Some("959"), Some("see also"))
    );
    let (start, end) = (
        p["start"].as_u64().unwrap() as usize,
        p["end"].as_u64().unwrap() as usize,
    );
    assert!(seed[start..end].contains("under a duty to preserve evidence"));
}

/// A scratch corpus: the seeds plus orders written for the tests.
fn scratch_corpus(extra: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("more")).unwrap();
    for seed in ["000_", "002_", "003_"] {
        let p = corpus(seed);
        std::fs::copy(&p, root.join(p.file_name().unwrap())).unwrap();
    }
    for i in 0..extra {
        let text = format!(
            "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\nORDER DENYING MOTION NO. {i}\n\n\
             The court has considered the motion. \"A party's destruction of evidence qualifies as willful spoliation \
             if the party has some notice that the documents were potentially relevant to the litigation before they \
             were destroyed.\" Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006). See also Smith v. Jones, \
             {v} F.3d {p}, {q} (9th Cir. 2001); 28 U.S.C. § 1915(e)(2)(B). Id. at {q}.\n\nIT IS SO ORDERED.\n\nDated: May {d}, 2019\n",
            v = 100 + i,
            p = 10 + i,
            q = 12 + i,
            d = 1 + i % 28
        );
        std::fs::write(root.join("more").join(format!("order_{i:04}.txt")), text).unwrap();
    }
    dir
}

fn index_json(dir: &Path, extra_args: &[&str]) -> Value {
    let corpus = dir.join("corpus");
    let index = dir.join("index");
    let mut args = vec![
        "index",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra_args);
    run_json(&args)
}

fn query(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let index = dir.join("index");
    let mut all = args.to_vec();
    all.extend_from_slice(&["--index", index.to_str().unwrap(), "--format", "json"]);
    let out = run(&all);
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), v)
}

fn seed_ids(orders: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = orders
        .iter()
        .map(|o| s(o, "id").unwrap()[..3].to_string())
        .filter(|id| id.starts_with('0'))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn knowledge_base_answers_the_seed_questions() {
    let dir = scratch_corpus(3);
    let summary = index_json(dir.path(), &[]);
    assert_eq!(
        (summary["added"].as_u64(), summary["failed"].as_u64()),
        (Some(6), Some(0))
    );

    for q in [
        "Leon v. IDX",
        "464 F.3d 951",
        "American LegalNet",
        "464 F.3d at 959",
        "Leon, 464 F.3d at 959",
    ] {
        let (code, v) = query(dir.path(), &["cited-by", q]);
        assert_eq!(code, Some(0), "{q}");
        assert_eq!(v["status"], "found", "{q}");
        assert_eq!(
            seed_ids(v["direct"].as_array().unwrap()),
            ["000", "002", "003"],
            "{q}"
        );
    }
    // Laguna is relied on through LegalNet's "(quoting …)" in every seed, and kept apart.
    let (_, laguna) = query(dir.path(), &["cited-by", "Pueblo of Laguna"]);
    assert_eq!(
        seed_ids(laguna["through"].as_array().unwrap()),
        ["000", "002", "003"]
    );
    // Even 000's "Laguna, 60 Fed. Cl. at 138" stands inside LegalNet's "(citing …)".
    assert!(laguna["direct"].as_array().unwrap().is_empty());
    // Pins, pages, signals and treatment come with each citing order.
    let (_, leon) = query(dir.path(), &["cited-by", "Leon v. IDX"]);
    let c000 = leon["direct"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| s(o, "id").unwrap().starts_with("000"))
        .unwrap()
        .clone();
    let cite = &c000["citations"][0];
    assert_eq!(
        (s(cite, "pin"), s(cite, "signal"), s(cite, "treatment")),
        (Some("959"), Some("see also"), Some("positive"))
    );
    assert_eq!(cite["page"], 1);

    let (_, props) = query(dir.path(), &["propositions", "American LegalNet"]);
    let first = &props["propositions"][0];
    assert!(s(first, "text")
        .unwrap()
        .contains("implied or inherent power to issue preservation orders"));
    assert_eq!(
        seed_ids(
            first["orders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| serde_json::json!({"id": o}))
                .collect::<Vec<_>>()
                .as_slice()
        ),
        ["000", "002", "003"]
    );

    let (code, hits) = query(dir.path(), &["search", "\"motion to compel\""]);
    assert_eq!(code, Some(0));
    let ids: Vec<&str> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &s(h, "id").unwrap()[..3])
        .collect();
    assert_eq!(hits["total"], 2);
    assert!(ids.contains(&"002") && ids.contains(&"003"));

    // Statutes and rules sit under their parents: a query for the parent finds them.
    let (_, rule) = query(dir.path(), &["cited-by", "Rule 26"]);
    assert_eq!(seed_ids(rule["direct"].as_array().unwrap()), ["000", "003"]);
    let (_, stat) = query(dir.path(), &["cited-by", "28 U.S.C. § 1915"]);
    assert_eq!(stat["direct"].as_array().unwrap().len(), 3);

    // Facet counts come with order searches.
    let (_, pres) = query(dir.path(), &["search", "preservation"]);
    let courts = pres["facets"]["court"].as_array().unwrap().clone();
    assert!(
        courts.iter().any(|c| c[0] == "caed" && c[1] == 2),
        "{courts:?}"
    );
    assert!(
        courts.iter().any(|c| c[0] == "cand" && c[1] == 1),
        "{courts:?}"
    );
    assert!(pres["facets"]["disposition"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d[0] == "denied"));

    // Most cited, overall and in one court's orders.
    let (_, top) = query(dir.path(), &["top", "--limit", "3"]);
    // Leon: the three seeds and the three generated orders.
    assert_eq!(top[0]["key"], "464 F.3d 951");
    assert_eq!(
        (
            top[0]["order_count"].as_u64(),
            top[0]["times_cited"].as_u64()
        ),
        (Some(6), Some(6))
    );
    assert_eq!(
        (top[1]["key"].as_str(), top[1]["times_cited"].as_u64()),
        (Some("673 F. Supp. 2d 1063"), Some(9))
    );
    let (_, caed) = query(dir.path(), &["top", "--court", "caed", "--kind", "case"]);
    assert_eq!(
        (
            caed[0]["order_count"].as_u64(),
            caed[0]["times_cited"].as_u64()
        ),
        (Some(2), Some(4))
    );

    // Fielded search, and a malformed query is an error with exit code 2.
    let (_, cand) = query(
        dir.path(),
        &[
            "search",
            "preservation AND court:cand AND year:[2016 TO 2016]",
        ],
    );
    assert_eq!(cand["total"], 1);
    let (code, _) = query(
        dir.path(),
        &["search", "cites:\"Leon v. IDX\" AND year:[2017 TO 2018]"],
    );
    assert_eq!(code, Some(0));
    let (code, _) = query(dir.path(), &["search", "preservation AND ("]);
    assert_eq!(code, Some(2));
    let (code, _) = query(dir.path(), &["search", "zyzzyva"]);
    assert_eq!(code, Some(1));
}

#[test]
fn an_ambiguous_case_name_lists_the_candidates() {
    let dir = scratch_corpus(3);
    // The generated orders cite three different "Smith v. Jones" cases.
    index_json(dir.path(), &[]);
    let (code, v) = query(dir.path(), &["cited-by", "Smith v. Jones"]);
    assert_eq!(code, Some(1));
    assert_eq!(v["status"], "ambiguous");
    let keys: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| s(c, "key").unwrap())
        .collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    // A citation picks one of them.
    let (code, v) = query(dir.path(), &["cited-by", "Smith, 101 F.3d at 13"]);
    assert_eq!((code, s(&v, "status")), (Some(0), Some("found")));
    assert_eq!(v["authority"]["key"], "101 F.3d 11");
}

#[test]
fn exports_parse_back() {
    let dir = scratch_corpus(2);
    index_json(dir.path(), &[]);
    let index = dir.path().join("index");
    let export = |what: &str, format: &str| -> Vec<u8> {
        let out = run(&[
            "export",
            what,
            "--format",
            format,
            "--index",
            index.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{what} {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    for what in ["citations", "authorities", "propositions"] {
        let csv_bytes = export(what, "csv");
        let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty(), "{what}");
        let json: Value = serde_json::from_slice(&export(what, "json")).unwrap();
        assert_eq!(json.as_array().unwrap().len(), rows.len(), "{what}");
        let jsonl = export(what, "jsonl");
        assert_eq!(
            jsonl
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .filter(|l| serde_json::from_slice::<Value>(l).is_ok())
                .count(),
            rows.len()
        );
    }
    let graphml = String::from_utf8(export("graph", "graphml")).unwrap();
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    assert!(doc.descendants().filter(|n| n.has_tag_name("edge")).count() > 5);
    let dot = String::from_utf8(export("graph", "dot")).unwrap();
    assert!(dot.starts_with("digraph") && dot.contains("->"));
    let edges = export("graph", "csv");
    assert!(csv::Reader::from_reader(edges.as_slice()).records().count() > 5);
    let toa = String::from_utf8(export("toa", "md")).unwrap();
    assert!(toa.contains("## Cases") && toa.contains("Leon"));
    let html = String::from_utf8(export("toa", "html")).unwrap();
    assert!(html.contains("<html") && html.contains("Table of Authorities"));
    // --out writes a file.
    let out_file = dir.path().join("toa.csv");
    let out = run(&[
        "export",
        "toa",
        "--format",
        "csv",
        "--order",
        "000_9d8638a24f1521ae",
        "--out",
        out_file.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(csv::Reader::from_path(&out_file).unwrap().records().count() > 3);
}

#[test]
fn reindexing_is_incremental() {
    let dir = scratch_corpus(4);
    let first = index_json(dir.path(), &[]);
    assert_eq!(first["added"], 7);
    let again = index_json(dir.path(), &[]);
    assert_eq!(
        (
            again["added"].as_u64(),
            again["updated"].as_u64(),
            again["unchanged"].as_u64(),
            again["removed"].as_u64()
        ),
        (Some(0), Some(0), Some(7), Some(0))
    );
    let more = dir.path().join("corpus/more");
    std::fs::write(
        more.join("order_0000.txt"),
        "Changed. See Roe v. Wade, 410 U.S. 113 (1973).",
    )
    .unwrap();
    std::fs::remove_file(more.join("order_0001.txt")).unwrap();
    let third = index_json(dir.path(), &[]);
    assert_eq!(
        (
            third["updated"].as_u64(),
            third["removed"].as_u64(),
            third["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(5))
    );
    assert_eq!(third["orders_in_index"], 6);
    let (_, roe) = query(dir.path(), &["cited-by", "410 U.S. 113"]);
    assert_eq!(roe["direct"].as_array().unwrap().len(), 1);
    let (_, smith) = query(dir.path(), &["cited-by", "101 F.3d 11"]);
    assert_eq!(
        smith["status"], "not_found",
        "the deleted order's citations are gone"
    );
}

#[test]
fn an_index_from_another_version_is_refused() {
    let dir = scratch_corpus(0);
    index_json(dir.path(), &[]);
    let meta = dir.path().join("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    // The payload is JSON inside meta.json: set its version to one no build has.
    let key = "\\\"version\\\":";
    let at = text.find(key).expect("payload version") + key.len();
    let digits = text[at..].chars().take_while(char::is_ascii_digit).count();
    std::fs::write(&meta, format!("{}999{}", &text[..at], &text[at + digits..])).unwrap();
    let out = run(&["top", "--index", dir.path().join("index").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("format 999") && err.contains("--rebuild"),
        "{err}"
    );
    let out = run(&[
        "top",
        "--index",
        dir.path().join("nothing-here").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `precedent index` first"));
}

#[test]
#[cfg_attr(not(feature = "heavy"), ignore = "heavy: cargo test --features heavy")]
fn an_index_run_killed_midway_leaves_a_usable_index() {
    let dir = scratch_corpus(600);
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    // The reference: an uninterrupted build elsewhere.
    let reference = dir.path().join("reference");
    let out = run(&[
        "index",
        corpus.to_str().unwrap(),
        "--index",
        reference.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));

    let expected = exported_citations(Path::new("."), &reference);
    let mut killed_with_partial_index = 0;
    for delay_ms in [150u64, 400, 900] {
        let _ = std::fs::remove_dir_all(&index);
        let mut child = bin()
            .args([
                "index",
                corpus.to_str().unwrap(),
                "--index",
                index.to_str().unwrap(),
                "--batch",
                "25",
                "--commit-every",
                "25",
                "--format",
                "json",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if index.join("meta.json").exists() {
            // Whatever was committed opens and answers.
            let out = run(&[
                "top",
                "--index",
                index.to_str().unwrap(),
                "--format",
                "json",
            ]);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            killed_with_partial_index += 1;
        }
        // The next run completes, and ends exactly where an uninterrupted run does.
        run_json(&[
            "index",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(exported_citations(Path::new("."), &index), expected);
    }
    assert!(
        killed_with_partial_index > 0,
        "no kill landed after the first commit"
    );
}

/// A corpus of small real-looking orders, each `(file, text)`, under `DIR/corpus`.
fn corpus_of(orders: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in orders {
        let path = dir.path().join("corpus").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// An opinion's body long enough to follow a caption.
const BODY: &str = "The defendant appeals his conviction, arguing that trial counsel was ineffective \
    because counsel failed to investigate an alibi witness and failed to object to hearsay. We affirm.";

fn direct_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v["direct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| s(o, "id").unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn one_authority_per_case_across_the_collection() {
    let dir = corpus_of(&[
        // States the U.S. and S. Ct. citations as parallels.
        ("a.txt", format!("{BODY} To prevail, a defendant must show deficient performance and prejudice. Strickland v. Washington, 466 U.S. 668, 687, 104 S. Ct. 2052, 80 L. Ed. 2d 674 (1984).\n")),
        // Gives only one of them each.
        ("b.txt", format!("{BODY} Counsel's performance was not deficient. Strickland v. Washington, 104 S. Ct. 2052, 2064 (1984).\n")),
        ("c.txt", format!("{BODY} Counsel's performance was not deficient. Strickland v. Washington, 466 U.S. 668, 689 (1984).\n")),
        // One case under two reporters that no order gives together.
        ("d.txt", format!("{BODY} A claim must be plausible on its face. Ashcroft v. Iqbal, 556 U.S. 662, 678 (2009).\n")),
        ("e.txt", format!("{BODY} A claim must be plausible on its face. Ashcroft v. Iqbal, 129 S. Ct. 1937, 1949 (2009).\n")),
        // Two different cases of one name.
        ("f.txt", format!("{BODY} See Smith v. Jones, 1 F.3d 100, 101 (9th Cir. 1993).\n")),
        ("g.txt", format!("{BODY} See Smith v. Jones, 200 F.3d 300, 301 (2d Cir. 2000).\n")),
    ]);
    let d = dir.path();
    index_json(d, &[]);
    let (code, us) = query(d, &["cited-by", "466 U.S. 668"]);
    assert_eq!(code, Some(0), "{us}");
    let (_, sct) = query(d, &["cited-by", "104 S. Ct. 2052"]);
    assert_eq!(direct_ids(&us), ["a", "b", "c"]);
    assert_eq!(direct_ids(&sct), direct_ids(&us));
    assert_eq!(us["authority"]["order_count"], 3, "{us}");
    let (code, named) = query(d, &["cited-by", "Strickland v. Washington"]);
    assert_eq!(code, Some(0), "{named}");
    assert_eq!(direct_ids(&named), ["a", "b", "c"]);
    for q in ["Ashcroft v. Iqbal", "556 U.S. 662", "129 S. Ct. 1937"] {
        let (code, v) = query(d, &["cited-by", q]);
        assert_eq!(code, Some(0), "{q}: {v}");
        assert_eq!(direct_ids(&v), ["d", "e"], "{q}");
    }
    // Genuinely different cases stay apart, and are listed.
    let (code, v) = query(d, &["cited-by", "Smith v. Jones"]);
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(v["status"], "ambiguous");
    assert_eq!(v["candidates"].as_array().unwrap().len(), 2, "{v}");
}

#[test]
fn counts_are_one_definition_everywhere() {
    let leon = "Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006)";
    let mut orders: Vec<(&str, String)> = Vec::new();
    let names: Vec<String> = (0..6).map(|i| format!("o{i}.txt")).collect();
    for (i, name) in names.iter().enumerate() {
        let through = if i == 5 {
            // Relied on only through another authority's quotation: not a citing order.
            format!("Doe v. Roe, 1 F.4th 2, 3 (9th Cir. 2021) (quoting {leon})")
        } else {
            leon.to_string()
        };
        orders.push((name.as_str(), format!("ORDER NO. {i}\n\n{BODY} Spoliation is willful when the party has notice. {through}. Fed. R. Civ. P. 37(e); Fed. R. Civ. P. 37(b)(2).\n")));
    }
    // The same document from a second source counts once.
    let copy = orders[0].1.clone();
    orders.push(("dup/o0-copy.txt", copy));
    let dir = corpus_of(&orders);
    let d = dir.path();
    let summary = index_json(d, &[]);
    assert_eq!(summary["duplicates"], 1, "the copy is reported: {summary}");
    let (_, cited) = query(d, &["cited-by", "464 F.3d 951"]);
    assert_eq!(cited["authority"]["order_count"], 5, "{cited}");
    let first = cited["direct"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "o0")
        .unwrap();
    assert_eq!(first["also"].as_array().unwrap().len(), 1, "{first}");
    let count_in = |v: &Value, key: &str| -> Option<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .find(|a| a["key"] == key)
            .and_then(|a| a["order_count"].as_u64())
    };
    let (_, one) = query(d, &["top", "--limit", "1"]);
    let (_, many) = query(d, &["top", "--limit", "50"]);
    for key in ["464 F.3d 951", "Fed. R. Civ. P. 37(e)"] {
        let (_, c) = query(d, &["cited-by", key]);
        assert_eq!(
            count_in(&many, key),
            c["authority"]["order_count"].as_u64(),
            "{key}: {many}"
        );
    }
    let top_key = one[0]["key"].as_str().unwrap();
    assert_eq!(count_in(&one, top_key), count_in(&many, top_key));
    // A rule counts the orders citing a provision under it.
    let (_, rule) = query(d, &["cited-by", "Fed. R. Civ. P. 37"]);
    assert_eq!(rule["authority"]["order_count"], 6, "{rule}");
}

#[test]
fn an_opinion_is_never_among_its_own_citing_orders() {
    let caption = "CAMPBELL v. STATE, 728 P.2d 628 (Wyo. 1986)\n\n728 P.2d 628\n\n\
                   John CAMPBELL, Appellant, v. The STATE of Wyoming, Appellee.\n\nNo. 86-88.\n\nSupreme Court of Wyoming.\n\nNovember 26, 1986.\n\n";
    let dir = corpus_of(&[
        ("campbell.txt", format!("{caption}{BODY} Strickland v. Washington, 466 U.S. 668, 687 (1984).\n")),
        ("later.txt", format!("{BODY} We followed this rule in Campbell v. State, 728 P.2d 628, 630 (Wyo. 1986).\n")),
    ]);
    let d = dir.path();
    index_json(d, &[]);
    let (code, v) = query(d, &["cited-by", "728 P.2d 628"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(direct_ids(&v), ["later"]);
    assert_eq!(v["in_collection"][0]["id"], "campbell", "{v}");
    let (_, show) = query(d, &["show", "campbell"]);
    assert_eq!(show["order"]["citation"][0], "728 P.2d 628", "{show}");
    assert!(show["citations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["authority"] != "728 P.2d 628"));
}

/// Issue 15: a citation's explanatory parenthetical is the court's own
/// summary of the authority, and a citation with no proposition says why.
#[test]
fn cited_by_gives_each_citation_its_parenthetical_or_why_it_has_no_proposition() {
    let dir = corpus_of(&[(
        "o1.txt",
        format!(
            "ORDER\n\n{BODY} A party who destroys evidence after notice of litigation acts willfully. \
             See Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006) (holding that dismissal was \
             proper where the party wiped a laptop after suit was filed). The jury was properly instructed. \
             United States v. Zannino, 895 F.2d 1, 17 (1st Cir.), cert. denied, 494 U.S. 1082 (1990).\n"
        ),
    )]);
    let d = dir.path();
    index_json(d, &[]);
    let (code, leon) = query(d, &["cited-by", "464 F.3d 951"]);
    assert_eq!(code, Some(0), "{leon}");
    let citation = &leon["direct"][0]["citations"][0];
    assert!(
        citation["explanation"]
            .as_str()
            .is_some_and(|e| e.starts_with("holding that dismissal was proper")),
        "{citation}"
    );
    let (code, history) = query(d, &["cited-by", "494 U.S. 1082"]);
    assert_eq!(code, Some(0), "{history}");
    let citations: Vec<&Value> = history["direct"]
        .as_array()
        .into_iter()
        .chain(history["through"].as_array())
        .flatten()
        .flat_map(|o| o["citations"].as_array().unwrap())
        .collect();
    assert!(
        citations.iter().any(|c| c["no_proposition"] == "history"),
        "{history}"
    );
}
