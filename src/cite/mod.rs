//! Citation extraction: finds every citation in normalized text and reports
//! it with byte spans into the original file.
//!
//! Two scans feed one list. [`case`] visits each number followed by a
//! reporter abbreviation (cases, WL/LEXIS, journals, codes cited by title);
//! [`keywords`] visits each keyword (*Id.*, *supra*, `§`, rules, record cites,
//! constitutions). The list is then sorted, overlaps dropped, parallel
//! citations grouped, citations inside `(quoting …)` parentheticals linked to
//! their parent, and every clean offset mapped back to the original.

mod case;
mod context;
pub mod courts;
mod keywords;
mod law;
mod model;
pub mod reporters;

pub use model::{Citation, CitationKind, History, Parenthetical};

use crate::text::Normalized;

/// A citation being built, in clean-text offsets, with what the grouping
/// passes need to know about its surroundings.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub cite: Citation,
    /// End of the core and pins, before any parenthetical.
    pub bare_end: usize,
    /// End of the last explanatory parenthetical.
    pub after_end: usize,
    /// A subsequent-history phrase after the citation, and where it ends.
    pub history: Option<(&'static str, usize)>,
    /// Further sections of the same code (`§§ 1915A(a), 1915(e)(2)(B)`).
    pub extra: Vec<Draft>,
    /// The volume or page is a blank (`___ U.S. ___`): a placeholder for a parallel cite.
    pub blank: bool,
    /// The rule a bare `Rule 26(c)(1), (2)` names (`26(c)`), until its rule set is known.
    pub rule_number: Option<String>,
}

impl Draft {
    pub(crate) fn new(kind: CitationKind) -> Self {
        Draft {
            cite: Citation::new(kind),
            bare_end: 0,
            after_end: 0,
            history: None,
            extra: Vec::new(),
            rule_number: None,
            blank: false,
        }
    }
}

/// Extracts every citation from `doc`, with spans into `doc.original`.
pub fn extract(doc: &Normalized<'_>) -> Vec<Citation> {
    let text = doc.text.as_str();
    let mut drafts = Vec::new();
    case::scan(text, &mut drafts);
    let mut flat = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let extra = std::mem::take(&mut d.extra);
        flat.push(d);
        flat.extend(extra);
    }
    let taken: Vec<(usize, usize)> = flat
        .iter()
        .map(|d| (d.cite.core_start, d.cite.core_end))
        .collect();
    keywords::scan(text, &taken, &mut flat);
    flat.sort_by_key(|d| (d.cite.core_start, std::cmp::Reverse(d.cite.core_end)));
    drop_overlaps(&mut flat);
    law::settle_bare_rules(&mut flat);
    group_parallels(text, &mut flat);
    drop_blank_parallels(&mut flat);
    link_nested(&mut flat);
    link_history(&mut flat);
    flat.into_iter()
        .map(|mut d| {
            d.cite.clean = (d.cite.start, d.cite.end, d.after_end.max(d.cite.end));
            to_original(doc, d.cite)
        })
        .collect()
}

/// A citation whose core starts inside an earlier one's core is a misreading.
fn drop_overlaps(drafts: &mut Vec<Draft>) {
    let mut end = 0usize;
    drafts.retain(|d| {
        if d.cite.core_start < end {
            return false;
        }
        end = d.cite.core_end;
        true
    });
}

/// `550 U.S. 544, 127 S. Ct. 1955, 167 L. Ed. 2d 929 (2007)`: consecutive
/// full case citations joined only by a comma name one case. They share the
/// case name, court and date, and each lists the others as parallels.
fn group_parallels(text: &str, drafts: &mut [Draft]) {
    let mut i = 0;
    while i < drafts.len() {
        let mut j = i;
        while j + 1 < drafts.len()
            && drafts[j].cite.kind == CitationKind::Case
            && drafts[j + 1].cite.kind == CitationKind::Case
            && drafts[j].cite.end == drafts[j].bare_end
            && drafts[j].cite.parentheticals.is_empty()
            && matches!(
                text.get(drafts[j].bare_end..drafts[j + 1].cite.core_start),
                Some(", " | " [" | ", [")
            )
        {
            j += 1;
        }
        if j > i {
            let keys: Vec<String> = drafts[i..=j]
                .iter()
                .filter_map(|d| d.cite.authority.clone())
                .collect();
            let last = drafts[j].cite.clone();
            let first = drafts[i].cite.clone();
            let dated = drafts[i..=j]
                .iter()
                .rev()
                .find(|d| d.cite.year.is_some())
                .map(|d| (d.cite.year, d.cite.date.clone()));
            for d in &mut drafts[i..=j] {
                let c = &mut d.cite;
                c.parallel = keys
                    .iter()
                    .filter(|k| Some(*k) != c.authority.as_ref())
                    .cloned()
                    .collect();
                if let (None, Some((year, date))) = (c.year, &dated) {
                    c.year = *year;
                    c.date.clone_from(date);
                }
                if c.court.is_none() {
                    c.court.clone_from(&last.court);
                    if last.court_id.is_some() {
                        c.court_id.clone_from(&last.court_id);
                    }
                }
                if c.parentheticals.is_empty() {
                    c.parentheticals.clone_from(&last.parentheticals);
                }
                if c.case_name.is_none() {
                    c.case_name.clone_from(&first.case_name);
                    c.plaintiff.clone_from(&first.plaintiff);
                    c.defendant.clone_from(&first.defendant);
                    c.signal.clone_from(&first.signal);
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// A blank (`— U.S. —`) beside a real parallel citation adds nothing once
/// it has lent its case name to the group; alone, it is kept.
fn drop_blank_parallels(drafts: &mut Vec<Draft>) {
    drafts.retain(|d| !d.blank || d.cite.parallel.is_empty());
}

/// Citations inside a `(quoting …)` / `(citing …)` parenthetical belong to
/// the citation that parenthetical follows; the innermost one wins.
fn link_nested(drafts: &mut [Draft]) {
    for parent in 0..drafts.len() {
        let spans: Vec<(usize, usize)> = drafts[parent]
            .cite
            .parentheticals
            .iter()
            .map(|p| (p.start, p.end))
            .collect();
        if spans.is_empty() {
            continue;
        }
        for child in &mut drafts[parent + 1..] {
            let cs = child.cite.core_start;
            if spans.iter().any(|&(s, e)| s < cs && cs < e) {
                child.cite.nested_in = Some(parent);
            } else if cs >= spans.last().unwrap().1 {
                break;
            }
        }
    }
}

/// `aff'd, 123 F.3d 456`: the phrase links to the citation right after it.
fn link_history(drafts: &mut [Draft]) {
    for i in 0..drafts.len() {
        let Some((phrase, end)) = drafts[i].history else {
            continue;
        };
        let target = drafts[i + 1..]
            .iter()
            .position(|d| d.cite.start >= end && d.cite.start <= end + 120)
            .map(|k| i + 1 + k);
        drafts[i].cite.history.push(History {
            phrase: phrase.to_string(),
            citation: target,
        });
    }
}

fn to_original(doc: &Normalized<'_>, mut c: Citation) -> Citation {
    let map = &doc.map;
    c.order_page = doc.page_at(c.core_start);
    let (start, end, core_start, core_end) = (c.start, c.end, c.core_start, c.core_end);
    c.start = map.start(start);
    c.end = map.end(end).max(c.start);
    c.core_start = map.start(core_start);
    c.core_end = map.end(core_end).max(c.core_start);
    for p in &mut c.parentheticals {
        let (s, e) = (p.start, p.end);
        p.start = map.start(s);
        p.end = map.end(e).max(p.start);
    }
    c
}

#[cfg(test)]
mod tests {
    use crate::extract;

    use super::*;

    fn one(text: &str) -> Citation {
        let cites = extract(text);
        assert_eq!(cites.len(), 1, "{cites:#?}");
        cites.into_iter().next().unwrap()
    }

    #[test]
    fn full_case_with_everything() {
        let t = "See Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006) (holding that x).";
        let c = one(t);
        assert_eq!(c.kind, CitationKind::Case);
        assert_eq!(
            &t[c.start..c.end],
            "Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006)"
        );
        assert_eq!(c.authority.as_deref(), Some("464 F.3d 951"));
        assert_eq!(c.pin.as_deref(), Some("959"));
        assert_eq!(c.court_id.as_deref(), Some("ca9"));
        assert_eq!(c.year, Some(2006));
        assert_eq!(c.signal.as_deref(), Some("see"));
        assert_eq!(c.parentheticals[0].relation.as_deref(), Some("holding"));
    }

    #[test]
    fn westlaw_with_docket_and_date() {
        let t = "Bright Solutions for Dyslexia, Inc. v. Doe I, No. 15-CV-01618-JSC, 2015 WL 5159125, at *2 (N.D. Cal. Sept. 2, 2015).";
        let c = one(t);
        assert_eq!(c.authority.as_deref(), Some("2015 WL 5159125"));
        assert_eq!(c.docket_number.as_deref(), Some("15-CV-01618-JSC"));
        assert_eq!(c.pin.as_deref(), Some("*2"));
        assert_eq!(c.date.as_deref(), Some("2015-09-02"));
        assert_eq!(c.court_id.as_deref(), Some("cand"));
        assert_eq!(
            c.case_name.as_deref(),
            Some("Bright Solutions for Dyslexia, Inc. v. Doe I")
        );
    }

    #[test]
    fn parallel_citations_share_name_and_year() {
        let t =
            "Bell Atl. Corp. v. Twombly, 550 U.S. 544, 127 S. Ct. 1955, 167 L. Ed. 2d 929 (2007).";
        let cites = extract(t);
        assert_eq!(cites.len(), 3);
        assert!(cites.iter().all(|c| c.year == Some(2007)));
        assert!(cites
            .iter()
            .all(|c| c.case_name.as_deref() == Some("Bell Atl. Corp. v. Twombly")));
        assert_eq!(cites[0].parallel, ["127 S. Ct. 1955", "167 L. Ed. 2d 929"]);
    }

    #[test]
    fn quoting_parenthetical_nests() {
        let t = "Id. (quoting Chambers v. NASCO, Inc., 501 U.S. 32, 44 (1991)); see also Fed. R. Civ. P. 26(f).";
        let cites = extract(t);
        assert_eq!(cites.len(), 3, "{cites:#?}");
        assert_eq!(cites[0].kind, CitationKind::Id);
        assert_eq!(cites[1].nested_in, Some(0));
        assert_eq!(cites[2].signal.as_deref(), Some("see also"));
        assert_eq!(cites[2].nested_in, None);
    }

    #[test]
    fn statutes_with_several_sections() {
        let t = "28 U.S.C. §§ 1915A(a), 1915(e)(2)(B); 42 U.S.C. § 1983; 17 C.F.R. § 240.10b-5.";
        let keys: Vec<_> = extract(t)
            .into_iter()
            .map(|c| (c.kind, c.authority.unwrap()))
            .collect();
        assert_eq!(
            keys,
            [
                (CitationKind::Statute, "28 U.S.C. § 1915A(a)".to_string()),
                (
                    CitationKind::Statute,
                    "28 U.S.C. § 1915(e)(2)(B)".to_string()
                ),
                (CitationKind::Statute, "42 U.S.C. § 1983".to_string()),
                (
                    CitationKind::Regulation,
                    "17 C.F.R. § 240.10b-5".to_string()
                ),
            ]
        );
    }

    use proptest::prelude::*;

    /// Fragments that steer random text into the extractor's parsers.
    const PIECES: &[&str] = &[
        "Id.",
        " id. at ",
        "supra",
        "§§ ",
        "§",
        " U.S.C. ",
        " F.3d ",
        " F. Supp. 2d ",
        " WL ",
        " at *",
        "Fed. R. Civ. P. ",
        "Rule ",
        "Dkt. No. ",
        "IECF No. ",
        "U.S. Const. amend. ",
        " v. ",
        ", ",
        "(",
        ")",
        "[",
        "]",
        "(quoting ",
        "\"",
        "“",
        "’",
        "\n",
        "\t",
        "*",
        "**",
        "<u>",
        "</u>",
        "-\n",
        "___",
        "—",
        "2006-Ohio-",
        "1",
        "23",
        "456",
        "7890",
        " ",
        "é",
        "§ 1",
        " (9th Cir. 2006)",
        " (N.D. Cal. Sept. 2, 2015)",
        "Smith",
        " Inc.,",
        " aff'd, ",
        "¶¶ ",
        "n.10",
        "\u{feff}",
        "\0",
    ];

    fn assert_spans(text: &str) {
        for c in extract(text) {
            for (s, e) in [(c.start, c.end), (c.core_start, c.core_end)]
                .into_iter()
                .chain(c.parentheticals.iter().map(|p| (p.start, p.end)))
            {
                assert!(s <= e && e <= text.len(), "{s}..{e} outside {}", text.len());
                assert!(
                    text.is_char_boundary(s) && text.is_char_boundary(e),
                    "{s}..{e} not on char boundaries"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn spans_stay_inside_the_original(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)) {
            assert_spans(&pieces.concat());
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
            assert_spans(&text);
        }
    }

    #[test]
    fn adversarial_inputs() {
        let deep = format!(
            "Smith v. Jones, 1 F.3d 1 {}x{}",
            "(quoting ".repeat(50),
            ")".repeat(50)
        );
        let ids = "Id. ".repeat(10_000);
        let long_line = "1 ".repeat(50_000) + "U.S. 1";
        for t in [
            deep.as_str(),
            ids.as_str(),
            long_line.as_str(),
            "",
            "§",
            "(",
            "1 U.S.",
            "Id. at",
            "___ U.S. ___",
        ] {
            assert_spans(t);
        }
    }

    #[test]
    fn subsequent_history() {
        let t = "Smith v. Jones, 100 F.3d 1 (9th Cir. 1999), aff'd, 530 U.S. 1 (2000).";
        let cites = extract(t);
        assert_eq!(cites.len(), 2);
        assert_eq!(cites[0].history[0].phrase, "aff'd");
        assert_eq!(cites[0].history[0].citation, Some(1));
    }
}
