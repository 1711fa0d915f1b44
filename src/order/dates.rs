//! When: the date of an order's signature block (`Dated: …`, `this 5th day
//! of June, 2019`, a date after `SO ORDERED`), as ISO `YYYY-MM-DD`.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::{last_match, re};

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn month_number(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    let key = s.get(..3)?;
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)?;
    u32::try_from(i + 1).ok()
}

fn iso(y: &str, mo: u32, d: &str) -> Option<String> {
    let mut y: u32 = y.parse().ok()?;
    if y < 100 {
        y += 2000;
    }
    let d: u32 = d.parse().ok()?;
    ((1900..=2100).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

/// The date of the order: the last `Dated: …` / `Date: …` / `Signed …` /
/// `this 5th day of June, 2019` in the tail; failing that, the last full
/// date after "SO ORDERED".
pub(super) fn date(tail: &str) -> Option<String> {
    static LABELED: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    static DAYOF: OnceLock<Regex> = OnceLock::new();
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    static ORDERED: OnceLock<Regex> = OnceLock::new();
    let labeled = re(
        &LABELED,
        &format!(
            r"(?i)\b(?:dated|date|signed|entered)\b\s*:?\s*(?:on\s+|this\s+)?(?:[A-Z][a-z]+,\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})"
        ),
    );
    let numeric = re(
        &NUMERIC,
        r"(?i)\b(?:dated|date|signed|entered)\b\s*:?\s*(?:on\s+)?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b",
    );
    let dayof = re(
        &DAYOF,
        &format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+{MONTH},?\s+(\d{{4}})"),
    );
    let plain = re(
        &PLAIN,
        &format!(r"(?i)\b{MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b"),
    );
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
}
