//! When: the date of an order or opinion as ISO `YYYY-MM-DD` (or `YYYY-MM`,
//! `YYYY` where the source gives no more), read three ways:
//! - [`decision_date`]: a source's own date string, in the forms the
//!   case-law collections write it (`2013-08-01`, `1-24-2003`, `January 24,
//!   2003.`, `Argued Oct. 7, 1955. Decided Nov. 7, 1955.`, `Opinion Filed:
//!   June 26, 2009.`, `(2004)`): the date of the decision, not of the
//!   argument before it or the rehearing, review or certiorari after it;
//! - [`header_date`]: the same from the lines of an opinion's header
//!   (`August 1, 2013`, `Decided: May 23, 1995`, a date opening the first
//!   line of a CourtListener text);
//! - [`date`]: an order's signature block (`Dated: …`, `this 5th day of
//!   June, 2019`, a date after `SO ORDERED`).
//!
//! [`MONTHS`] is the crate's one table of month names; the patterns here
//! are built from it.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::{last_match, re};

/// Month names as written in court documents, with their numbers: every
/// full name and every abbreviation with its period.
pub(crate) const MONTHS: &[(&str, u32)] = &[
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Jan.", 1),
    ("Feb.", 2),
    ("Mar.", 3),
    ("Apr.", 4),
    ("Jun.", 6),
    ("Jul.", 7),
    ("Aug.", 8),
    ("Sept.", 9),
    ("Sep.", 9),
    ("Oct.", 10),
    ("Nov.", 11),
    ("Dec.", 12),
];

/// A capture group matching any month of [`MONTHS`] in any case, with or
/// without its period (`Sept`, `SEPTEMBER`, `sep.`).
fn month_group() -> &'static str {
    static G: OnceLock<String> = OnceLock::new();
    G.get_or_init(|| {
        let mut words: Vec<String> = MONTHS
            .iter()
            .map(|(w, _)| w.trim_end_matches('.').to_ascii_lowercase())
            .collect();
        // longest first, so that `sept` is not cut to `sep`
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        words.dedup();
        format!(r"({})\.?", words.join("|"))
    })
}

/// The number of a month written as in [`MONTHS`], in any case and with or
/// without its period.
pub(crate) fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(w, _)| w.trim_end_matches('.').eq_ignore_ascii_case(s))
        .map(|&(_, n)| n)
}

/// Whether `d` is a day of month `mo` of year `y`.
fn valid_day(y: u32, mo: u32, d: u32) -> bool {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match mo {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A signature date as ISO: a two-digit year is of this century, and a
/// year outside 1900–2100 is a misreading.
fn iso(y: &str, mo: u32, d: &str) -> Option<String> {
    let mut y: u32 = y.parse().ok()?;
    if y < 100 {
        y += 2000;
    }
    let d: u32 = d.parse().ok()?;
    ((1900..=2100).contains(&y) && valid_day(y, mo, d)).then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

/// A decision date as ISO; opinions of the collections run from 1600 on.
fn full_date(y: &str, mo: u32, d: &str) -> Option<String> {
    let y: u32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    ((1600..=2100).contains(&y) && valid_day(y, mo, d)).then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

/// Words of a date's label that name an event before the decision (its
/// argument) or after it (rehearing, review, a later amendment, a separate
/// opinion filed later): a date so labelled is not the decision's.
const NOT_DECISION: [&str; 26] = [
    "argued",
    "argument",
    "submitted",
    "heard",
    "session",
    "considered",
    "rehear",
    "reconsideration",
    "reargu",
    "certiorari",
    "review",
    "transfer",
    "leave to appeal",
    "permission to appeal",
    "writ",
    "motion",
    "petition",
    "dissent",
    "concurr",
    "amended",
    "modified",
    "corrected",
    "publication",
    "redesignated",
    "updated",
    "remand",
];

fn is_decision_label(label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    !NOT_DECISION.iter().any(|w| l.contains(w))
}

/// Every date of `s` with its start and end: `January 24, 2003`, `Jan. 24
/// 2003`, `November 8th, 1950`, `May 3. 1957`, `24th day of January, 2003`,
/// `1-24-2003`, `1/24/2003`, `2003-01-24`, `1 May 1979` (North Carolina's
/// reports); full dates only.
fn full_dates(s: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    static D: OnceLock<Regex> = OnceLock::new();
    let m = month_group();
    let d = re(
        &D,
        &format!(
            r"(?i)\b(?:{m}\s*(\d{{1,2}})(?:st|nd|rd|th)?[.,]?\s*,?\s*(\d{{4}})\b|(\d{{1,2}})[-/](\d{{1,2}})[-/](\d{{4}})\b|(\d{{4}})-(\d{{2}})-(\d{{2}})\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+{m},?\s+(\d{{4}})\b|(\d{{1,2}})\s+{m},?\s+(\d{{4}})\b)"
        ),
    );
    d.captures_iter(s).filter_map(|c| {
        let whole = c.get(0)?;
        let v = if let Some(mo) = c.get(1) {
            full_date(&c[3], month_number(mo.as_str())?, &c[2])
        } else if c.get(4).is_some() {
            full_date(&c[6], c[4].parse().ok()?, &c[5])
        } else if c.get(7).is_some() {
            full_date(&c[7], c[8].parse().ok()?, &c[9])
        } else if c.get(10).is_some() {
            full_date(&c[12], month_number(&c[11])?, &c[10])
        } else {
            full_date(&c[15], month_number(&c[14])?, &c[13])
        }?;
        Some((whole.start(), whole.end(), v))
    })
}

/// The decision date in a source's own date string (see the [module
/// docs](self)): the first full date whose label (the words before it)
/// names no other event; failing any full date, a month and year
/// (`September, 1880` → `1880-09`) or a lone year (`(2004)`, `1857`).
/// `None` when every date is another event's (`Argued April 20, 1955.`).
pub(crate) fn decision_date(s: &str) -> Option<String> {
    let s = s.trim();
    let mut any = false;
    let mut from = 0;
    for (start, end, v) in full_dates(s) {
        any = true;
        if is_decision_label(&s[from..start]) {
            return Some(v);
        }
        from = end;
    }
    if any {
        return None;
    }
    static MY: OnceLock<Regex> = OnceLock::new();
    static Y: OnceLock<Regex> = OnceLock::new();
    let my = re(
        &MY,
        &format!(
            r"(?i)\b{},?\s+(?:term,?\s+)?(1[6-9]\d\d|20\d\d)\b",
            month_group()
        ),
    );
    if let Some(c) = my.captures(s) {
        let mo = month_number(&c[1])?;
        return Some(format!("{}-{mo:02}", &c[2]));
    }
    // ISO year and month
    if let Some((y, mo)) = s.split_once('-').filter(|(y, mo)| {
        y.len() == 4 && mo.len() == 2 && mo.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
    }) {
        if y.parse::<u32>().is_ok_and(|y| (1600..=2100).contains(&y)) {
            return Some(format!("{y}-{mo}"));
        }
    }
    let y = re(&Y, r"\b(1[6-9]\d\d|20\d\d)\b");
    let c = y.captures(s)?;
    is_decision_label(&s[..c.get(0)?.start()]).then(|| c[1].to_string())
}

/// The decision date in an opinion's header (the original's first bytes):
/// the first line that is a date, alone or after a short label (`August 1,
/// 2013`, `Decided: May 23, 1995.`, `Opinion filed June 5, 1969`), or that
/// opens with a date set apart by spaces (`May 14, 1993      UNITED STATES
/// COURT OF APPEALS`), whose label names no other event.
pub(super) fn header_date(head: &str) -> Option<String> {
    for line in head.lines() {
        // a pleading line number and the parenthesis of a Second Circuit
        // header ("5    (Argued: October 27, 2009   Decided: March 29, 2010)")
        // are no part of a label
        let t = line.trim();
        let t = match t.find(|c: char| !c.is_ascii_digit()) {
            Some(i) if i > 0 && t[i..].starts_with(char::is_whitespace) => t[i..].trim_start(),
            _ => t,
        };
        let t = t.trim_start_matches(['[', '(']);
        // a date line is short and holds a year
        if t.len() < 8 || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // each date's label runs from the end of the date before it
        let mut from = 0;
        for (start, end, v) in full_dates(t) {
            let label = t[from..start].trim_start();
            let rest = t[end..].trim_start_matches(['.', ']', ')', ' ']);
            // a date opening its line may stand two spaces from the court
            // ("February 4, 1993  UNITED STATES COURT OF APPEALS")
            let gap = if start == 0 { "  " } else { "   " };
            let alone = rest.is_empty() || t[end..].starts_with(gap);
            let short_label = label.len() <= 40
                && label.chars().all(|c| {
                    c.is_alphabetic()
                        || matches!(c, ' ' | ':' | '.' | ',' | '—' | '-')
                        || c.is_ascii_digit()
                });
            if alone && short_label && is_decision_label(label) {
                return Some(v);
            }
            // only dates set apart in columns are read past the first
            if !alone {
                break;
            }
            from = end;
        }
    }
    None
}

/// The date of the order: the last `Dated: …` / `Date: …` / `Signed …` /
/// `this 5th day of June, 2019` in the tail; failing that, the last full
/// date after "SO ORDERED".
pub(super) fn date(tail: &str) -> Option<String> {
    let m = month_group();
    static LABELED: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    static DAYOF: OnceLock<Regex> = OnceLock::new();
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    static ORDERED: OnceLock<Regex> = OnceLock::new();
    let labeled = re(
        &LABELED,
        &format!(
            r"(?i)\b(?:dated|date|signed|entered)\b\s*:?\s*(?:on\s+|this\s+)?(?:[A-Z][a-z]+,\s+)?{m}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})"
        ),
    );
    let numeric = re(
        &NUMERIC,
        r"(?i)\b(?:dated|date|signed|entered)\b\s*:?\s*(?:on\s+)?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b",
    );
    let dayof = re(
        &DAYOF,
        &format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+{m},?\s+(\d{{4}})"),
    );
    let plain = re(&PLAIN, &format!(r"(?i)\b{m}\s+(\d{{1,2}}),?\s+(\d{{4}})\b"));
    let ordered = re(&ORDERED, r"(?i)\bso\s+ordered\b");
    let mut best: Option<(usize, String)> = None;
    fn consider(best: &mut Option<(usize, String)>, at: usize, v: Option<String>) {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|b| at >= b.0) {
                *best = Some((at, v));
            }
        }
    }
    // Only the last valid date of each pattern can win, and only if it
    // starts no earlier than the best so far. Punctuation other than `:`,
    // `,`, `.` and `/` ends any date.
    let barrier = |b: u8| b.is_ascii_punctuation() && !b":,./".contains(&b);
    type Read = fn(&Captures) -> Option<String>;
    let patterns: [(&Regex, Read); 3] = [
        (labeled, |c| {
            month_number(&c[1]).and_then(|mo| iso(&c[3], mo, &c[2]))
        }),
        (numeric, |c| {
            c[1].parse().ok().and_then(|mo| iso(&c[3], mo, &c[2]))
        }),
        (dayof, |c| {
            month_number(&c[2]).and_then(|mo| iso(&c[3], mo, &c[1]))
        }),
    ];
    for (r, read) in patterns {
        let floor = best.as_ref().map_or(0, |b| b.0);
        if let Some((at, v)) = last_match(r, tail, barrier, floor, read) {
            consider(&mut best, at, Some(v));
        }
    }
    if best.is_none() {
        let from = ordered.find_iter(tail).last().map(|m| m.end())?;
        for c in plain.captures_iter(&tail[from..]) {
            consider(
                &mut best,
                c.get(0).map_or(0, |g| g.start()),
                month_number(&c[1]).and_then(|mo| iso(&c[3], mo, &c[2])),
            );
        }
    }
    best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            date("Dated: August 25, 2016 Ronald").as_deref(),
            Some("2016-08-25")
        );
        assert_eq!(date("DATED: Sept. 2, 2015").as_deref(), Some("2015-09-02"));
        assert_eq!(date("Date: 7/9/21").as_deref(), Some("2021-07-09"));
        assert_eq!(
            date("SO ORDERED this 5th day of June, 2019.").as_deref(),
            Some("2019-06-05")
        );
        assert_eq!(
            date("filed on May 8, 2017. IT IS SO ORDERED. July 9, 2021").as_deref(),
            Some("2021-07-09")
        );
        assert_eq!(date("filed on May 8, 2017."), None);
        assert_eq!(date("Dated: February 31, 20"), None);
    }

    #[test]
    fn months_are_read_from_the_one_table() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("SEPTEMBER"), Some(9));
        assert_eq!(month_number("jun"), Some(6));
        assert_eq!(month_number("Marc"), None);
        assert!(MONTHS.iter().all(|(w, n)| month_number(w) == Some(*n)));
    }

    #[test]
    fn decision_dates_in_the_forms_of_the_collections() {
        let d = |s| decision_date(s);
        // the shards' own strings
        assert_eq!(d("2013-08-01").as_deref(), Some("2013-08-01"));
        assert_eq!(d("September 14, 2007.").as_deref(), Some("2007-09-14"));
        assert_eq!(d("Sept. 7, 2010.").as_deref(), Some("2010-09-07"));
        assert_eq!(
            d("Argued Oct. 7, 1955. Decided Nov. 7, 1955.").as_deref(),
            Some("1955-11-07")
        );
        assert_eq!(
            d("Submitted Sept. 20, 2011.Decided Nov. 18, 2011.").as_deref(),
            Some("2011-11-18")
        );
        assert_eq!(
            d("March 20, 1934. Rehearing Denied April 24, 1934.").as_deref(),
            Some("1934-03-20")
        );
        assert_eq!(
            d("ORAL ARGUMENT: December 5, 2017 OPINION FILED: February 6, 2018").as_deref(),
            Some("2018-02-06")
        );
        assert_eq!(
            d("Opinion Filed November 8th, 1950.").as_deref(),
            Some("1950-11-08")
        );
        assert_eq!(
            d("Opinion filed May 3. 1957.").as_deref(),
            Some("1957-05-03")
        );
        assert_eq!(
            d("[No. 5281 — June 9, 2000]").as_deref(),
            Some("2000-06-09")
        );
        assert_eq!(
            d("Decided May 17, 2007, at 9:00 a.m.").as_deref(),
            Some("2007-05-17")
        );
        // the numeric dates of caption lines (`(Iowa 1-24-2003)`)
        assert_eq!(d("1-24-2003").as_deref(), Some("2003-01-24"));
        assert_eq!(d("(2004)").as_deref(), Some("2004"));
        assert_eq!(d("2013-08").as_deref(), Some("2013-08"));
        assert_eq!(d("1787").as_deref(), Some("1787"));
        assert_eq!(d("December Term, 1857.").as_deref(), Some("1857-12"));
        // only the argument, or only a later event: not the decision's date
        assert_eq!(d("Argued April 20, 1955."), None);
        assert_eq!(
            d("____ __, ____. Petition for Certiorari denied by Supreme Court, March 15, 1930."),
            None
        );
        // a day the month does not have: only the year is sure
        assert_eq!(d("February 30, 2001").as_deref(), Some("2001"));
        assert_eq!(d(""), None);
    }

    #[test]
    fn header_dates_of_opinions() {
        // ca_appellate_chansooligans_194724: the date opens the first line
        assert_eq!(
            header_date("May 14, 1993      UNITED STATES COURT OF APPEALS\n").as_deref(),
            Some("1993-05-14")
        );
        // ca_appellate_chansooligans_194521: two spaces set it apart
        assert_eq!(
            header_date("February 4, 1993  UNITED STATES COURT OF APPEALS\n").as_deref(),
            Some("1993-02-04")
        );
        assert_eq!(
            header_date("Filed 1 May 1979\n").as_deref(),
            Some("1979-05-01")
        );
        // ca_appellate_chansooligans_1036108: a date line below the panel
        assert_eq!(
            header_date("Before\n\n   Thompson, Stahl, and Lipez,\n Circuit Judges.\n\n\n            August 1, 2013\n\u{c}  LIPEZ, Circuit Judge.")
                .as_deref(),
            Some("2013-08-01")
        );
        assert_eq!(
            header_date(
                "No. 10588.\n\nSupreme Court of South Dakota.\n\nOpinion filed June 5, 1969\n"
            )
            .as_deref(),
            Some("1969-06-05")
        );
        // a date inside a sentence, or an argument date, is not the decision's
        assert_eq!(header_date("benefits on May 24, 1989.  He alleged"), None);
        assert_eq!(header_date("Argued January 6, 2004\n"), None);
    }
}
