//! Order metadata on the seed orders (exact) and over the shared district
//! corpus (robustness: no panic, field counts printed).

use precedent::order::{metadata, OrderMetadata};

fn seed(name: &str) -> OrderMetadata {
    let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    metadata(&precedent::text::normalize(&text))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn seed_000_artec_v_klimov() {
    let got = seed("000_9d8638a24f1521ae.txt");
    let want = OrderMetadata {
        court: Some("United States District Court, Northern District of California".into()),
        court_id: Some("cand".into()),
        court_abbreviation: Some("N.D. Cal.".into()),
        case_number: Some("15-cv-03449-RMW".into()),
        case_name: Some("Artec Group, Inc. v. Andrey Klimov, et al.".into()),
        plaintiffs: strings(&["Artec Group, Inc."]),
        defendants: strings(&["Andrey Klimov"]),
        title: Some("ORDER RE PLAINTIFF'S MOTION FOR PRESERVATION ORDER".into()),
        docket_entries: strings(&["120", "138"]),
        judge: Some("Ronald M. Whyte".into()),
        panel: Vec::new(),
        judge_initials: strings(&["RMW"]),
        judge_title: Some("United States District Judge".into()),
        date: Some("2016-08-25".into()),
        disposition: Some("granted in part and denied in part".into()),
        pages: 2,
    };
    assert_eq!(got, want);
}

#[test]
fn seed_002_ayobi_v_adams() {
    let got = seed("002_7121a4bf7ae7f580.txt");
    let want = OrderMetadata {
        // the caption's OCR "UNITED STAT FES DISTRICT COURT" is repaired
        court: Some("United States District Court, Eastern District of California".into()),
        court_id: Some("caed".into()),
        court_abbreviation: Some("E.D. Cal.".into()),
        case_number: Some("1:17-cv-00693-DAD-SAB (PC)".into()),
        case_name: Some("Shajia Ayobi v. Derral G. Adams, et al.".into()),
        plaintiffs: strings(&["Shajia Ayobi"]),
        defendants: strings(&["Derral G. Adams"]),
        title: Some("ORDER DENYING PLAINTIFF'S MOTION TO PRESERVE AND PRODUCE EVIDENCE".into()),
        docket_entries: strings(&["34"]),
        judge: None,
        panel: Vec::new(),
        judge_initials: strings(&["DAD", "SAB"]),
        judge_title: Some("United States Magistrate Judge".into()),
        date: Some("2018-09-20".into()),
        disposition: Some("denied".into()),
        pages: 2,
    };
    assert_eq!(got, want);
}

#[test]
fn seed_003_estrada_v_macis() {
    let got = seed("003_d0a0482d4ad8489c.txt");
    let want = OrderMetadata {
        court: Some("United States District Court, Eastern District of California".into()),
        court_id: Some("caed".into()),
        court_abbreviation: Some("E.D. Cal.".into()),
        case_number: Some("1:15-cv-01292-AWI-SAB (PC)".into()),
        case_name: Some("David Estrada v. Teresa Macis, et al.".into()),
        plaintiffs: strings(&["David Estrada"]),
        defendants: strings(&["Teresa Macis"]),
        title: Some("ORDER DENYING PLAINTIFF'S MOTION FOR A PROTECTIVE ORDER".into()),
        // OCR "IECF No. 921": "[" read as "I", "]" as "1"
        docket_entries: strings(&["92"]),
        judge: None,
        panel: Vec::new(),
        judge_initials: strings(&["AWI", "SAB"]),
        judge_title: Some("United States Magistrate Judge".into()),
        date: Some("2017-05-30".into()),
        disposition: Some("denied".into()),
        // the page is on one line with inline line numbers: no page structure
        pages: 1,
    };
    assert_eq!(got, want);
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared")]
fn district_corpus_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/district");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (touch build.rs if ../shared moved)", dir.display()));
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut counts = [0usize; 12];
    let mut docs = 0;
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let m = metadata(&precedent::text::normalize(&text));
        assert!(m.pages >= 1, "{}", path.display());
        docs += 1;
        let has = [
            m.court.is_some(),
            m.court_id.is_some(),
            m.case_number.is_some(),
            m.case_name.is_some(),
            !m.plaintiffs.is_empty(),
            m.title.is_some(),
            !m.docket_entries.is_empty(),
            m.judge.is_some(),
            !m.judge_initials.is_empty(),
            m.judge_title.is_some(),
            m.date.is_some(),
            m.disposition.is_some(),
        ];
        for (c, h) in counts.iter_mut().zip(has) {
            *c += usize::from(h);
        }
    }
    let names = [
        "court",
        "court_id",
        "case_number",
        "case_name",
        "plaintiffs",
        "title",
        "docket_entries",
        "judge",
        "judge_initials",
        "judge_title",
        "date",
        "disposition",
    ];
    println!("order metadata over {docs} district-corpus documents:");
    for (n, c) in names.iter().zip(counts) {
        println!("  {n:<15} {c:>3}");
    }
    assert!(docs > 0);
}

#[test]
fn a_records_court_and_date_string_are_read_as_the_shards_write_them() {
    use precedent::ingest::SourceMeta;
    // columbia_state_courts_alabama__…: the record's court name and date string
    let mut m = OrderMetadata::default();
    SourceMeta {
        court: Some("Court of Criminal Appeals of Alabama.".into()),
        date: Some(
            "Decided January 24, 2003. Certiorari Denied June 13, 2003. Alabama Supreme Court 1020747. Page 339"
                .into(),
        ),
        case_name: None,
    }
    .apply(&mut m);
    assert_eq!(m.court_id.as_deref(), Some("alacrimapp"));
    assert_eq!(m.court_abbreviation.as_deref(), Some("Ala. Crim. App."));
    assert_eq!(m.date.as_deref(), Some("2003-01-24"));
    // ca_appellate_chansooligans_…: a courts-db id and an ISO date
    let mut m = OrderMetadata::default();
    SourceMeta {
        court: Some("ca1".into()),
        date: Some("2013-08-01".into()),
        case_name: None,
    }
    .apply(&mut m);
    assert_eq!(
        m.court.as_deref(),
        Some("Court of Appeals for the First Circuit")
    );
    assert_eq!(m.court_abbreviation.as_deref(), Some("1st Cir."));
    assert_eq!(m.date.as_deref(), Some("2013-08-01"));
    // an argument date alone is not the decision's: what the text says stays
    let mut m = OrderMetadata {
        date: Some("1955-05-02".into()),
        ..OrderMetadata::default()
    };
    SourceMeta {
        court: None,
        date: Some("Argued April 20, 1955.".into()),
        case_name: None,
    }
    .apply(&mut m);
    assert_eq!(m.date.as_deref(), Some("1955-05-02"));
}
