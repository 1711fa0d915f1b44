//! Tests for normalization: one per rule with exact expected text, the seed
//! orders, the shared corpus, and property tests of the offset map.

use std::io::BufRead;
use std::path::PathBuf;

use proptest::prelude::*;

use super::*;

fn clean(s: &str) -> String {
    normalize(s).text
}

/// Checks every invariant the contract promises, panicking with context.
fn check_invariants(original: &str, n: &Normalized<'_>) {
    let t = &n.text;
    assert!(
        !t.starts_with([' ', '\n']) && !t.ends_with([' ', '\n']),
        "edge space"
    );
    for bad in ["  ", " \n", "\n ", "\n\n"] {
        assert!(!t.contains(bad), "clean text contains {bad:?}");
    }
    assert!(
        !t.chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{A0}'),
        "control char or NBSP left in clean text"
    );
    let mut prev_start = 0;
    let mut prev_end = 0;
    for (c, ch) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        let (s, e) = (n.map.start(c), n.map.end(c));
        assert!(
            original.is_char_boundary(s),
            "start({c}) = {s} not a boundary"
        );
        assert!(
            original.is_char_boundary(e),
            "end({c}) = {e} not a boundary"
        );
        assert!(s >= prev_start && e >= prev_end, "map not monotonic at {c}");
        assert!(prev_start <= e, "start before end violated at {c}");
        prev_start = s;
        prev_end = e;
        if c < t.len() && ch.is_alphanumeric() {
            let src = &original[s..n.map.end(c + ch.len_utf8())];
            if !src.starts_with('&') {
                assert_eq!(src, ch.to_string(), "source of clean {c}");
            }
        }
    }
    let mut last = None;
    for &(off, _) in &n.pages {
        assert!(
            off <= t.len() && last.is_none_or(|l| l < off),
            "pages out of order"
        );
        last = Some(off);
    }
    if let Some(&(off, _)) = n.pages.first() {
        assert_eq!(off, 0, "first page must start at 0");
    }
}

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

fn seed(prefix: &str) -> Option<String> {
    let dir = shared()?.join("seeds");
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix));
    match entry {
        Some(e) => std::fs::read_to_string(e.path()).ok(),
        None => {
            eprintln!("skipping: no seed {prefix} in {}", dir.display());
            None
        }
    }
}

// ---- whitespace and paragraphs ----

#[test]
fn whitespace_folds_to_one_space() {
    assert_eq!(clean("  a \t b\u{A0}\u{A0}c\n d  \r\n"), "a b c d");
}

#[test]
fn blank_line_is_a_paragraph_break() {
    assert_eq!(clean("One.\n\n \t\nTwo.\nthree"), "One.\nTwo. three");
}

#[test]
fn blank_line_inside_a_sentence_is_a_space() {
    assert_eq!(
        clean("preserve certain evidence is\n\nnot sufficient."),
        "preserve certain evidence is not sufficient."
    );
}

#[test]
fn control_chars_are_dropped() {
    assert_eq!(clean("a\u{0}b\u{1}c\u{7f}d\u{feff}e"), "abcde");
}

// ---- pleading paper ----

const PLEADING: &str = "1 The court finds as follows.\n2 Plaintiff sued under\n3 28 U.S.C. § 1915 and\n4 other law.\n5 More text here.\n6 Still more.\n7\n8 Last line.\n";

#[test]
fn pleading_line_numbers_are_removed() {
    assert_eq!(
        clean(PLEADING),
        "The court finds as follows. Plaintiff sued under 28 U.S.C. § 1915 and other law. More text here. Still more. Last line."
    );
}

#[test]
fn merged_line_numbers_are_removed() {
    let s = "20\tone\n21\ttwo\n22\tthree\n23 24\tPlaintiff's request\n24\tis denied\n25\tfive\n";
    assert_eq!(clean(s), "one two three Plaintiff's request is denied five");
}

#[test]
fn citation_broken_by_line_number_is_joined() {
    let s = "5\talpha\n6\tbeta\n7\tgamma\n8\tsee <u>Leon v. IDX Systems Corp.</u> , 464\t\t\n9\tF.3d 951, 959 (9th Cir. 2006).\t\t\n10\tdone\n";
    assert_eq!(
        clean(s),
        "alpha beta gamma see Leon v. IDX Systems Corp., 464 F.3d 951, 959 (9th Cir. 2006). done"
    );
}

#[test]
fn volume_at_line_start_without_sequence_is_kept() {
    let s = "1 a\n2 b\n3 c\n4 d\n5 e\n6 f\n464 F.3d 951\n2009 was a year\n";
    assert_eq!(clean(s), "a b c d e f 464 F.3d 951 2009 was a year");
}

#[test]
fn page_wrap_across_blank_line_is_a_space_and_a_page() {
    let mut s = String::new();
    for i in 1..=28 {
        s.push_str(&format!("{i}\tline {i} text\n"));
    }
    s.push_str("\n1\tPueblo of Laguna\n2\tend.\n");
    let n = normalize(&s);
    assert!(
        n.text.contains("line 28 text Pueblo of Laguna end."),
        "{}",
        n.text
    );
    let at = n.text.find("Pueblo").unwrap();
    assert_eq!(n.pages, vec![(0, 1), (at, 2)]);
    assert_eq!(n.page_at(at - 1), Some(1));
    assert_eq!(n.page_at(at), Some(2));
}

#[test]
fn text_without_numbering_keeps_leading_numbers() {
    assert_eq!(
        clean("12 Angry Men\n3 Feet High\n"),
        "12 Angry Men 3 Feet High"
    );
}

#[test]
fn inline_line_numbers_are_removed_in_sequence() {
    let s = "1 2 3 4 5 6 7 UNITED STATES DISTRICT COURT 8 Plaintiff filed a motion. 9 On May 8, 2017, the \
             court under Rule 26(c)(1). 10 11 Plaintiff's request at 12 and 42 U.S.C. § 1983. 12 Done here.";
    assert_eq!(
        clean(s),
        "UNITED STATES DISTRICT COURT Plaintiff filed a motion. On May 8, 2017, the court under Rule 26(c)(1). \
         Plaintiff's request at 12 and 42 U.S.C. § 1983. Done here."
    );
}

// ---- page furniture ----

#[test]
fn ecf_headers_and_page_numbers_are_removed() {
    let s = "Case 1:17-cv-00693-DAD-SAB Document 35 Filed 09/20/18 Page 1 of 2\nFirst page text\n\n- 1 -\n\x0cCase 1:17-cv-00693-DAD-SAB Document 35 Filed 09/20/18 Page 2 of 2\ncontinues here.\n\nPage 2 of 2\n";
    let n = normalize(s);
    assert_eq!(n.text, "First page text continues here.");
    assert_eq!(n.pages, vec![(0, 1), (16, 2)]);
}

#[test]
fn star_paging_on_its_own_line_opens_that_page() {
    // As HTML ingestion writes `<span class="star-pagination">*1119</span>`.
    let s = "the court held\n*1119\nthat it was so.\n\nNext paragraph.\n*1120\nEnd.\n";
    let n = normalize(s);
    assert_eq!(
        n.text,
        "the court held that it was so.\nNext paragraph. End."
    );
    let that = n.text.find("that").unwrap();
    let end = n.text.find("End").unwrap();
    assert_eq!(n.pages, vec![(0, 1118), (that, 1119), (end, 1120)]);
    // Inline star pages stay text; a star line that is not a number is text.
    assert_eq!(clean("at *1119 n.3\n*\n*12a\n"), "at *1119 n.3 *12a");
}

#[test]
fn ecf_header_tail_is_removed() {
    let s = "Case 8:14-cv-00341-JVS-DFM Document 1962 Filed 09/14/18 Page 1 of 115 Page ID\n        #:98395\nBody.";
    assert_eq!(clean(s), "Body.");
}

#[test]
fn repeated_running_footer_is_removed() {
    let mut s = String::new();
    for p in 1..=4 {
        s.push_str(&format!(
            "Text of page {p} goes on\n\nORDER ON MOTION TO SEAL\n{p}\n\x0c"
        ));
    }
    assert_eq!(
        clean(&s),
        "Text of page 1 goes on Text of page 2 goes on Text of page 3 goes on Text of page 4 goes on"
    );
}

#[test]
fn cand_sidebar_footer_is_removed_in_pleading_paper() {
    let mut s = String::new();
    for i in 1..=10 {
        s.push_str(&format!("{i} words {i}\n"));
    }
    s.push_str("\nUnited States District Court\nNorthern District of California\n");
    assert_eq!(
        clean(&s),
        "words 1 words 2 words 3 words 4 words 5 words 6 words 7 words 8 words 9 words 10"
    );
}

#[test]
fn uppercase_caption_is_kept() {
    let s = "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\nBody.";
    assert_eq!(
        clean(s),
        "UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA\nBody."
    );
}

// ---- markup ----

#[test]
fn markdown_emphasis_is_removed_but_star_pages_kept() {
    assert_eq!(
        clean("*See* **Smith v. Jones**, 2015 WL 5159125, at *2; *1119 n.3"),
        "See Smith v. Jones, 2015 WL 5159125, at *2; *1119 n.3"
    );
}

#[test]
fn html_tags_are_removed_and_autolinks_kept() {
    assert_eq!(
        clean("<p>A <i>b</i><br/>c <span class=\"x\">d</span> <a href=\"u\">e</a></p> at <http://www.cand.uscourts.gov/hrlorders>."),
        "A b c d e at <http://www.cand.uscourts.gov/hrlorders>."
    );
    assert_eq!(clean("1 < 2 and x<y> z"), "1 < 2 and x<y> z");
}

#[test]
fn space_left_by_markup_before_comma_is_dropped() {
    assert_eq!(clean("<u>Corp.</u> , 464"), "Corp., 464");
    assert_eq!(clean("a , b"), "a , b");
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        clean("A&amp;B &lt;x&gt; &quot;q&quot; it&#39;s &sect;&nbsp;1983 &#167; &#x2019; &#8220;x&#8221; &bogus; &"),
        "A&B <x> \"q\" it's § 1983 § ' \"x\" &bogus; &"
    );
}

// ---- hyphenation ----

#[test]
fn line_end_hyphenation_is_joined() {
    assert_eq!(
        clean("preser-\nvation of evi-\n\nDence"),
        "preservation of evi-\nDence"
    );
    assert_eq!(clean("No. 15-\ncv-03449"), "No. 15- cv-03449");
}

#[test]
fn hyphenation_across_removed_line_number_is_joined() {
    let s = "1 one\n2 two\n3 three\n4 four\n5 the preser-\n6 vation of evidence\n";
    assert_eq!(clean(s), "one two three four the preservation of evidence");
}

// ---- quotes ----

#[test]
fn curly_quotes_and_backticks_are_folded() {
    assert_eq!(
        clean("\u{201C}a\u{201D} \u{2018}b\u{2019} \u{201E}c ``d'' § ¶ \u{2014}"),
        "\"a\" 'b' \"c \"d\" § ¶ \u{2014}"
    );
}

#[test]
fn replaced_quote_maps_to_the_whole_char() {
    let s = "x \u{201C}Federal\u{201D} y";
    let n = normalize(s);
    assert_eq!(n.text, "x \"Federal\" y");
    assert_eq!(&s[n.map.start(2)..n.map.end(3)], "\u{201C}");
    assert_eq!(&s[n.map.start(2)..n.map.end(11)], "\u{201C}Federal\u{201D}");
}

// ---- seeds ----

#[test]
fn seed_000_citations_and_footer() {
    let Some(s) = seed("000") else { return };
    let n = normalize(&s);
    check_invariants(&s, &n);
    for want in [
        "Am. LegalNet, Inc. v. Davis, 673 F. Supp. 2d 1063, 1071 (C.D. Cal. 2009) (quoting Pueblo of Laguna v. United States, 60 Fed. Cl. 133, 135 (2004))",
        "Id. (quoting Chambers v. NASCO, Inc., 501 U.S. 32, 44 (1991)); see also Fed. R. Civ. P. 26(f)",
        "at *2",
        "acting in concert with them, defendants'",
        "<http://www.cand.uscourts.gov/hrlorders>",
    ] {
        assert!(n.text.contains(want), "missing {want:?}");
    }
    assert!(!n.text.contains("Northern District of California"));
    assert!(!n.text.contains('*') || !n.text.contains("**"));
    assert!(!n.text.contains("*See*"));
}

#[test]
fn seed_002_line_numbers_and_offsets() {
    let Some(s) = seed("002") else { return };
    let n = normalize(&s);
    check_invariants(&s, &n);
    assert!(n.text.contains(
        "American LegalNet, Inc. v. Davis, 673 F.Supp.2d 1063, 1071 (C.D. Cal. 2009) (quoting Pueblo of Laguna v. United States, 60 Fed. Cl. 133, 135-36 (2004))"
    ));
    assert!(n
        .text
        .contains("Leon v. IDX Systems Corp., 464 F.3d 951, 959 (9th Cir. 2006)"));
    let at = n.text.find("464 F.3d 951").unwrap();
    let span = n.map.start(at)..n.map.end(at + "464 F.3d 951".len());
    assert_eq!(&s[span], "464\t\t\n9\tF.3d 951");
    assert_eq!(n.page_at(n.text.find("Pueblo").unwrap()), Some(2));
}

#[test]
fn seed_003_inline_numbers() {
    let Some(s) = seed("003") else { return };
    let n = normalize(&s);
    check_invariants(&s, &n);
    for want in [
        "pursuant to 42 U.S.C. § 1983. On May 8, 2017, Plaintiff",
        "Fed. R. Civ. P. 26(c)(1). Plaintiff's request",
        "court order under Federal Rule of Civil Procedure 26(c)(1), (2),",
        "preserve certain evidence from destruction is not sufficient",
        "expeditious disposition of cases.'\" American LegalNet, Inc. v. Davis, 673 F.Supp.2d 1063, 1071",
    ] {
        assert!(n.text.contains(want), "missing {want:?}");
    }
}

// ---- corpus ----

fn opinions(limit: usize) -> Vec<String> {
    let Some(dir) = shared() else {
        return Vec::new();
    };
    let path = dir.join("corpus/opinions-00.jsonl.gz");
    let Ok(f) = std::fs::File::open(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return Vec::new();
    };
    std::io::BufReader::new(flate2::read::GzDecoder::new(f))
        .lines()
        .map_while(Result::ok)
        .take(limit)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn corpus_normalizes_without_panic() {
    let Some(dir) = shared() else { return };
    let mut n_docs = 0;
    if let Ok(entries) = std::fs::read_dir(dir.join("corpus/district")) {
        for e in entries.filter_map(Result::ok) {
            let bytes = std::fs::read(e.path()).unwrap();
            let s = String::from_utf8_lossy(&bytes);
            check_invariants(&s, &normalize(&s));
            n_docs += 1;
        }
    }
    for s in opinions(2000) {
        check_invariants(&s, &normalize(&s));
        n_docs += 1;
    }
    eprintln!("normalized {n_docs} documents");
}

/// CPU seconds used by this thread (from /proc, so other load on the
/// machine does not skew the figure); None where /proc is absent.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// `cargo test --release --lib text::tests::throughput -- --ignored --nocapture`
#[test]
#[ignore = "timing; run in release"]
fn throughput() {
    let docs = opinions(usize::MAX);
    let bytes: usize = docs.iter().map(String::len).sum();
    let rounds = 8;
    let (t, cpu) = (std::time::Instant::now(), thread_cpu_secs());
    let mut out = 0;
    for _ in 0..rounds {
        for d in &docs {
            out += normalize(d).text.len();
        }
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().zip(cpu).map_or(wall, |(b, a)| b - a);
    let mb = rounds as f64 * bytes as f64 / 1e6;
    eprintln!(
        "{} docs, {mb:.0} MB: {:.0} MB/s by CPU time ({cpu:.2}s), {:.0} MB/s wall ({out} bytes out)",
        docs.len(),
        mb / cpu,
        mb / wall
    );
}

// ---- properties ----

fn adversarial() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1",
        "2",
        "9",
        "12",
        "27",
        "28",
        "464",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\x0c",
        "\0",
        "*",
        "**",
        "<",
        ">",
        "</u>",
        "<u>",
        "<br>",
        "<a href=\"x\">",
        "<http://x>",
        "-",
        "-\n",
        "a",
        "Z",
        "F.3d",
        "\u{201C}",
        "\u{201D}",
        "\u{2019}",
        "\u{A0}",
        "§",
        "é",
        "😀",
        "&",
        "&amp;",
        "&#8220;",
        "&#x0;",
        "&nbsp;",
        "``",
        "''",
        "Case 1:1-cv-1 Document 1 Filed 1/1/1 Page 2 of 3",
        "Page 3 of 9",
        "- 4 -",
        "United States District Court",
        "Northern District of California",
        "#:99",
        "\u{85}",
        "\u{2028}",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prop_random_strings(s in any::<String>()) {
        check_invariants(&s, &normalize(&s));
    }

    #[test]
    fn prop_adversarial_mixes(s in adversarial()) {
        check_invariants(&s, &normalize(&s));
    }

    #[test]
    fn prop_numbered_lines(body in adversarial(), start in 1u32..28) {
        let s: String = body
            .split('\n')
            .enumerate()
            .map(|(i, l)| format!("{}\t{l}\n", (start + i as u32 - 1) % 28 + 1))
            .collect();
        check_invariants(&s, &normalize(&s));
    }
}
