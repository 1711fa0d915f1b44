//! Order metadata: what the caption and the signature block say about an
//! order as a whole — court, case number, parties, title, the docket entries
//! it decides, judge, date, disposition and page count — as an
//! [`OrderMetadata`] built by [`metadata`].
//!
//! The caption is read from the first [`HEAD`] bytes of the original text,
//! where its layout survives: each line is split into cells at tabs, runs of
//! three or more spaces and the `)` / `:` / `§` column rules of pleading
//! paper, pleading line numbers are dropped (also when a PDF extraction put
//! a whole page on one line with the numbers inline), and cells are sorted
//! into a left stream (parties) and a right stream (case number, title,
//! docket entries). The signature block (judge, judge title, date) and the
//! conclusion (disposition) are read from the last [`TAIL`] bytes of the
//! clean text. Work is bounded by those windows; nothing here does IO or
//! panics.
//!
//! Each part can be read alone: [`rows`] splits the head into cells,
//! [`court`] reads the court lines, [`caption`] the parties, case number,
//! title and docket entries, [`judges`] the signature block's judge,
//! [`dates`] its date, [`disposition`] the ruling, and [`names`] puts names
//! written in capitals in Title Case.
//!
//! ```
//! let order = "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\n\
//!              ACME, INC.,\nPlaintiff,\nv.\nJOHN ROE,\nDefendant.\n\n\
//!              Case No. 15-cv-03449-RMW\n\nORDER DENYING MOTION TO DISMISS\n\n\
//!              Re: Dkt. No. 12\n\nThe motion is denied.\n\nIT IS SO ORDERED.\n\n\
//!              Dated: August 25, 2016\n\nRonald M. Whyte\nUnited States District Judge\n";
//! let m = precedent::order::metadata(&precedent::text::normalize(order));
//! assert_eq!(m.case_name.as_deref(), Some("Acme, Inc. v. John Roe"));
//! assert_eq!(m.case_number.as_deref(), Some("15-cv-03449-RMW"));
//! assert_eq!(m.docket_entries, ["12"]);
//! assert_eq!(m.date.as_deref(), Some("2016-08-25"));
//! assert_eq!(m.judge.as_deref(), Some("Ronald M. Whyte"));
//! assert_eq!(m.disposition.as_deref(), Some("denied"));
//! ```
//!
//! Decisions worth knowing:
//! - `case_number` is kept as written, minus its `Case No.:` label, including
//!   a trailing case-type tag such as `(PC)` (E.D. Cal.'s prisoner civil
//!   rights tag): it is part of the number the court dockets and prints in
//!   every caption of the case. Such tags (`PC`, `HC`, `PS`, `SS`, `P`) are
//!   not judge initials.
//! - `plaintiffs` / `defendants` hold the caption's party blocks (split at
//!   `;`) without "et al."; `case_name` keeps "et al." as written.
//! - ALL-CAPS court names, party names and judge names are put in Title Case;
//!   the title is kept as written.

mod caption;
mod court;
pub(crate) mod dates;
mod disposition;
mod judges;
mod names;
mod opinion;
mod rows;

use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde::Serialize;

use crate::text::Normalized;
use caption::{caption, clean_case_number};
use court::court;
use dates::{date, header_date};
use disposition::{conclusion_disposition, title_disposition};
use judges::{judge_initials, signature};
use rows::Rows;

/// Bytes of the original text searched for the caption.
pub const HEAD: usize = 4096;
/// Bytes of the clean text searched for the signature block and conclusion.
pub const TAIL: usize = 3072;

/// Order-level metadata read from the caption and the signature block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrderMetadata {
    /// Court as written in the caption, Title Case if written in caps:
    /// `United States District Court, Northern District of California`.
    pub court: Option<String>,
    /// courts-db id of the court: `cand`, `caed`.
    pub court_id: Option<String>,
    /// The court as a lawyer reads it, for display: `N.D. Cal.`, `Del.
    /// Super. Ct.` (`cite::courts::abbreviation` of `court_id`).
    pub court_abbreviation: Option<String>,
    /// Case number as written without its label: `1:17-cv-00693-DAD-SAB (PC)`.
    pub case_number: Option<String>,
    /// Case name from the caption parties: `Artec Group, Inc. v. Andrey Klimov, et al.`
    pub case_name: Option<String>,
    /// Plaintiff-side parties (plaintiffs, petitioners, appellants), without "et al.".
    pub plaintiffs: Vec<String>,
    /// Defendant-side parties (defendants, respondents, appellees), without "et al.".
    pub defendants: Vec<String>,
    /// Title of the order as written: `ORDER DENYING PLAINTIFF'S MOTION FOR A PROTECTIVE ORDER`.
    pub title: Option<String>,
    /// Docket entries the order decides, from `Re: Dkt. No. 120, 138` or `[ECF No. 34]`.
    pub docket_entries: Vec<String>,
    /// Name of the signing judge of an order (`Ronald M. Whyte`), or the
    /// authoring judge of an opinion as it names itself (`Lipez`); none for
    /// an opinion per curiam.
    pub judge: Option<String>,
    /// The judges of an appellate panel (`Before Thompson, Stahl, and Lipez,
    /// Circuit Judges.` → `Thompson`, `Stahl`, `Lipez`).
    pub panel: Vec<String>,
    /// Judge initials from the case number suffix (`-DAD-SAB` → `DAD`, `SAB`).
    pub judge_initials: Vec<String>,
    /// Title of the signing judge: `United States Magistrate Judge`.
    pub judge_title: Option<String>,
    /// Date of the order, ISO: `2016-08-25`.
    pub date: Option<String>,
    /// Disposition, lower case: `granted`, `denied`, `granted in part and denied in part`, …
    pub disposition: Option<String>,
    /// Number of pages, at least 1: form feeds in the original where it has
    /// them (pdftotext ends each page with one), else `Normalized::pages`.
    pub pages: u32,
}

impl OrderMetadata {
    /// Sets the court's courts-db id and, with it, its abbreviation.
    pub fn set_court_id(&mut self, id: Option<String>) {
        self.court_abbreviation = id
            .as_deref()
            .and_then(crate::cite::courts::abbreviation)
            .map(str::to_string);
        self.court_id = id;
    }
}

/// Reads the order metadata of a normalized order; see the [module docs](self).
pub fn metadata(doc: &Normalized<'_>) -> OrderMetadata {
    // pdftotext ends every page with a form feed: where the original has
    // them, they count pages more reliably than the normalizer's page breaks
    let pages = if memchr::memchr(b'\x0c', doc.original.as_bytes()).is_some() {
        doc.original
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .count()
    } else {
        doc.pages.len()
    };
    let mut m = OrderMetadata {
        pages: u32::try_from(pages).unwrap_or(u32::MAX).max(1),
        ..OrderMetadata::default()
    };
    let head = prefix(doc.original, HEAD);
    let mut rows = Rows::new(head);
    let start = court(&mut rows, &mut m);
    caption(rows.caption(start), &mut m);
    if m.case_number.is_none() {
        m.case_number = rows
            .ecf_case()
            .or_else(|| clean_case_number(prefix(&doc.text, HEAD)));
    }
    if let Some(n) = &m.case_number {
        m.judge_initials = judge_initials(n);
    }
    let tail = suffix(&doc.text, TAIL);
    signature(tail, &mut m);

    // What a reported or appellate opinion says in its own header.
    // Its layout tells the header's lines apart: read them in the original.
    let line = opinion::caption_line(doc.original);
    let author = opinion::author(doc.original);
    m.panel = opinion::panel(doc.original);
    // (courts-db's court types cannot tell: it types some district courts
    // "appellate")
    let appellate = line.is_some()
        || !m.panel.is_empty()
        || author.as_ref().is_some_and(|a| {
            !["District", "Magistrate", "Bankruptcy"]
                .iter()
                .any(|t| a.title.contains(t))
        });
    let mut line_date = None;
    if let Some(l) = line {
        m.case_name = Some(l.name);
        if m.court_id.is_none() {
            if let Some(c) = l
                .court
                .and_then(crate::cite::courts::court_by_citation_string)
            {
                m.court = Some(c.name.clone());
                m.set_court_id(Some(c.id.clone()));
            }
        }
        // a full date only: the year alone is the reporter's, not the decision's day
        line_date = l.date.filter(|d| d.len() == 10);
    }
    if let Some(a) = &author {
        // the opinion's author, not a judge the signature block names
        if appellate || m.judge.is_none() {
            m.judge = a.name.clone();
            m.judge_title = a.name.as_ref().map(|_| a.title.clone());
        }
    }
    m.date = if appellate {
        header_date(head).or_else(|| date(tail)).or(line_date)
    } else {
        date(tail).or_else(|| header_date(head))
    };
    let title_disposition = m.title.as_deref().and_then(title_disposition);
    m.disposition = if appellate {
        // an appeal's end ("AFFIRMED.") is read as an appeal's, never as a
        // motion's ("the district court granted summary judgment")
        title_disposition.or_else(|| {
            let header = author.as_ref().map_or("", |a| &doc.original[..a.at]);
            // the author's line, as the clean text has it (white space folded)
            let body = author.as_ref().map_or(0, |a| {
                let words: String = a.line.split_whitespace().collect::<Vec<_>>().join(" ");
                doc.text.find(&words).unwrap_or(0)
            });
            opinion::appellate_disposition(header, &doc.text, body)
        })
    } else {
        title_disposition.or_else(|| conclusion_disposition(tail))
    };
    m
}

fn prefix(s: &str, n: usize) -> &str {
    let mut e = n.min(s.len());
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

fn suffix(s: &str, n: usize) -> &str {
    let mut b = s.len().saturating_sub(n);
    while !s.is_char_boundary(b) {
        b += 1;
    }
    &s[b..]
}

/// Compiles a pattern once. Word boundaries are ASCII (`(?-u:\b)`): a
/// Unicode `\b` makes the regex crate leave its DFA for a backtracker on any
/// text with a non-ASCII byte, which made the caption and signature scans the
/// slowest part of indexing, and the words these patterns look for are ASCII.
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("order regex compiles")
    })
}

/// The start and value of the last match of `re` in `hay` that starts at or
/// after `floor` and that `read` gives a value for: what reading every match
/// from the start of `hay` and keeping the last value gives, without reading
/// all of `hay`, as the signature block and its date sit at the end.
///
/// `barrier` must hold only for ASCII bytes that no match of `re` can
/// contain, and `re` must not match the empty string: then no match crosses
/// a barrier, so the matches after one are the same whether the search
/// starts there or at the start of `hay`, and the text before it can be
/// searched on its own (the search still sees the text before its start
/// for `\b`).
fn last_match<'h, T>(
    re: &Regex,
    hay: &'h str,
    barrier: impl Fn(u8) -> bool,
    floor: usize,
    mut read: impl FnMut(&Captures<'h>) -> Option<T>,
) -> Option<(usize, T)> {
    const STEP: usize = 256;
    let mut end = hay.len();
    loop {
        let lo = end.saturating_sub(STEP).max(floor);
        let from = hay.as_bytes()[..lo]
            .iter()
            .rposition(|&b| barrier(b))
            .map_or(0, |i| i + 1);
        let window = &hay[..end];
        let mut last = None;
        let mut at = from;
        while let Some(c) = re.captures_at(window, at) {
            let Some(whole) = c.get(0) else {
                break;
            };
            at = whole.end();
            if let Some(v) = read(&c) {
                last = Some((whole.start(), v));
            }
        }
        if last.is_some() || from <= floor {
            return last.filter(|&(start, _)| start >= floor);
        }
        end = from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_match_reads_back_as_reading_forward_would() {
        let r = Regex::new(r"(?i)\bjudge(?:\s+judge)*\b").unwrap();
        let parts = ["judge", "Judge ", " ", "  ", "1", "x", "judges ", "\n"];
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize
        };
        for _ in 0..2000 {
            let len = next() % 300;
            let s: String = (0..len).map(|_| parts[next() % parts.len()]).collect();
            for floor in [0, s.len() / 2, s.len()] {
                for min_len in [0, 6] {
                    let want = r
                        .find_iter(&s)
                        .filter(|m| m.start() >= floor && m.len() >= min_len)
                        .last()
                        .map(|m| m.range());
                    let got = last_match(
                        &r,
                        &s,
                        |b| b.is_ascii_digit(),
                        floor,
                        |c| c.get(0).filter(|m| m.len() >= min_len),
                    )
                    .map(|(_, m)| m.range());
                    assert_eq!(got, want, "{s:?} from {floor}");
                }
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\n\n\n",
            "1 2 3 4 5",
            ")))(((",
            "Case No.",
            "UNITED STATES DISTRICT COURT",
            "é\u{2019}ü 12 ) § | Dated: 99/99/9999 United States District Judge",
        ] {
            let n = crate::text::normalize(s);
            let m = metadata(&n);
            assert!(m.pages >= 1);
        }
        let big = "ÄÖ ".repeat(10_000);
        let _ = metadata(&crate::text::normalize(&big));
    }
}
