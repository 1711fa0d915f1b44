//! The caption below the court: parties (left column), case number, title
//! and the docket entries the order decides (right column), and the labelled
//! fields of minutes forms (`Case No.`, `Title`, `Proceedings:`).

use std::sync::OnceLock;

use regex::Regex;

use super::court::is_court_cell;
use super::names::{case_name, title_case_if_caps};
use super::re;
use super::rows::Row;
use super::OrderMetadata;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Plaintiff,
    Defendant,
}

fn role(s: &str) -> Option<Side> {
    static ROLE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &ROLE,
        r"(?i)^(?:third[- ]party\s+|counter[- ]?|cross[- ]?)?(plaintiff|petitioner|appellant|movant|claimant|relator|defendant|respondent|appellee|debtor)s?(?:[- ,/]+(?:and\s+)?(?:counter[- ]?|cross[- ]?|third[- ]party\s+)?(?:plaintiff|defendant|appellant|appellee|petitioner|respondent|claimant)s?)*\s*[,.;:-]?$",
    );
    let c = r.captures(s)?;
    let base = c[1].to_ascii_lowercase();
    Some(match base.as_str() {
        "defendant" | "respondent" | "appellee" => Side::Defendant,
        _ => Side::Plaintiff,
    })
}

fn is_versus(s: &str) -> bool {
    static V: OnceLock<Regex> = OnceLock::new();
    re(
        &V,
        r"(?i)^(?:-?\s*v\.?\s*-?|vs\.?|versus|-?\s*against\s*-?)$",
    )
    .is_match(s)
}

/// The case number in a cell labelled `Case No.`, `Civ. No.`, `No.` …, or a
/// cell that starts with a federal docket number.
fn case_number_cell(s: &str) -> Option<String> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)^(?:(?:case|civil|civ|criminal|crim|cr|misc|adv|adversary|bankruptcy|bankr|bk|action|docket)\.?\s+)*(?:no|number|#)s?\.?\s*:?\s*(\S.{0,60})$",
    );
    let bare = re(&BARE, r"^(?:\d{1,2}:)?\d{2,4}-[A-Za-z]{1,5}-\d{2,7}\b");
    let value = if let Some(c) = label.captures(s) {
        c[1].to_string()
    } else if bare.is_match(s) && s.len() <= 60 {
        s.to_string()
    } else {
        return None;
    };
    let value = value.trim_end_matches([',', ';', '.', ' ']).to_string();
    value
        .chars()
        .take(6)
        .any(|c| c.is_ascii_digit())
        .then_some(value)
        .filter(|v| v.chars().any(|c| c.is_ascii_digit()))
}

fn is_title_start(s: &str) -> bool {
    static T: OnceLock<Regex> = OnceLock::new();
    re(
        &T,
        r"^(?:\[PROPOSED\]\s*|\(PROPOSED\)\s*)?(?:(?:AMENDED|SECOND AMENDED|STIPULATED|FINAL|TENTATIVE|PRELIMINARY|OMNIBUS|SUPPLEMENTAL|PROTECTIVE|SCHEDULING)\s+)*(?:ORDER|MEMORANDUM|OPINION|FINDINGS|REPORT AND RECOMMENDATION|JUDGMENT|DECISION|Order|Memorandum|Opinion|Findings)\b",
    )
    .is_match(s)
        && s.len() < 160
}

/// Docket entries named in a caption cell: `Re: Dkt. No. 120, 138`,
/// `[ECF No. 34]`, OCR `IECF No. 921` (the `[` read as `I`, the `]` as `1`),
/// read by the citation scanner's parser of record cites, in any case. A
/// cell that opens with `Docket No.` labels the case number of an appellate
/// or state caption (`Docket No. 09-3660-cv`, `Docket No. 7,355.`), not an
/// entry of the docket.
pub(super) fn docket_numbers(s: &str, out: &mut Vec<String>) {
    let b = s.as_bytes();
    let mut i = 0;
    if b.get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"docket"))
    {
        i = 6;
    }
    while i < b.len() {
        // every record keyword starts with one of these letters
        if matches!(b[i], b'd' | b'D' | b'e' | b'E') {
            if let Some(r) = crate::cite::keywords::record_entries(s, i, true) {
                i = r.numbers.last().map_or(i + 1, |n| n.1);
                for (_, _, n) in r.numbers {
                    if !out.contains(&n) {
                        out.push(n);
                    }
                }
                continue;
            }
        }
        i += 1;
    }
}

/// Reads the caption rows (see [`Rows::caption`]).
pub(super) fn caption(rows: &[Row], m: &mut OrderMetadata) {
    // the right column starts where split rows put their second cells
    // (or where a lone case number or title stands far to the right)
    let split = rows.iter().flat_map(|r| r.iter().skip(1)).map(|c| c.col);
    let lone = rows
        .iter()
        .filter_map(|r| r.first())
        .filter(|c| c.col >= 30 && (case_number_cell(&c.text).is_some() || is_title_start(&c.text)))
        .map(|c| c.col);
    let threshold = split.chain(lone).filter(|&c| c >= 20).min();
    let mut left: Vec<&str> = Vec::new();
    let mut right: Vec<&str> = Vec::new();
    let mut labelled_title: Option<String> = None;
    let mut labelled_name: Option<String> = None;
    let mut labelled_case: Option<String> = None;
    let mut title_open = false;
    for row in rows {
        let had_title = labelled_title.is_some();
        labels(
            row,
            &mut labelled_case,
            &mut labelled_name,
            &mut labelled_title,
        );
        // a `Proceedings:` title runs on over the following single-cell rows
        if let (true, Some(t)) = (title_open, labelled_title.as_mut()) {
            let caps = !t.chars().any(char::is_lowercase);
            match row.as_slice() {
                [only] if !(caps && only.text.chars().any(char::is_lowercase)) => {
                    t.push(' ');
                    t.push_str(&only.text);
                }
                _ => title_open = false,
            }
        }
        if !had_title && labelled_title.is_some() {
            title_open = true;
        }
        for (k, cell) in row.iter().enumerate() {
            if is_court_cell(&cell.text) {
                continue;
            }
            let is_right = k > 0 || threshold.is_some_and(|t| cell.col + 4 >= t);
            if is_right {
                right.push(&cell.text);
            } else {
                left.push(&cell.text);
            }
        }
    }

    // case number: right column first
    m.case_number = labelled_case.or_else(|| {
        right
            .iter()
            .chain(left.iter())
            .find_map(|c| case_number_cell(c))
    });

    // title: first title cell, continued by the following cells of its stream
    for stream in [&right, &left] {
        if let Some(i) = stream.iter().position(|c| is_title_start(c)) {
            let caps = !stream[i].chars().any(char::is_lowercase);
            let mut title = stream[i].to_string();
            for c in &stream[i + 1..] {
                let mut probe = Vec::new();
                docket_numbers(c, &mut probe);
                if !probe.is_empty()
                    || role(c).is_some()
                    || is_versus(c)
                    || case_number_cell(c).is_some()
                    || c.starts_with("Re:")
                    || c.starts_with("RE:")
                    || (caps && c.chars().any(char::is_lowercase))
                    || is_title_start(c)
                {
                    break;
                }
                title.push(' ');
                title.push_str(c);
            }
            m.title = Some(title);
            break;
        }
    }

    // docket entries: every caption cell, right column first
    for c in right.iter().chain(left.iter()) {
        docket_numbers(c, &mut m.docket_entries);
    }

    parties(&left, m);
    if m.title.is_none() {
        m.title = labelled_title;
    }
    if m.case_name.is_none() {
        if let Some(name) = labelled_name {
            if let Some((p, d)) = name.split_once(" v. ") {
                m.plaintiffs = party_list(p);
                m.defendants = party_list(d);
            }
            m.case_name = Some(name);
        }
    }
}

/// Minutes-style captions (C.D. Cal. "CIVIL MINUTES"): a `Case No.` cell
/// followed by the number, `Title` followed by the case name, and
/// `Proceedings:` followed by the order's title.
fn labels(
    row: &Row,
    case: &mut Option<String>,
    name: &mut Option<String>,
    title: &mut Option<String>,
) {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)^(?:(case\s+no\.?|no\.)|(title)|(proceedings))\s*:?\s*(.*)$",
    );
    let Some(first) = row.first() else {
        return;
    };
    // Every row comes here: spare the search on the many first cells that
    // cannot start with a label (no other letter folds to these four).
    if !first
        .text
        .starts_with(['c', 'C', 'n', 'N', 't', 'T', 'p', 'P'])
    {
        return;
    }
    let Some(c) = label.captures(&first.text) else {
        return;
    };
    let inline = c.get(4).map_or("", |g| g.as_str()).trim();
    let value = if inline.is_empty() {
        row.get(1).map(|c| c.text.to_string())
    } else {
        Some(inline.to_string())
    };
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return;
    };
    if c.get(1).is_some() && case.is_none() && value.chars().any(|c| c.is_ascii_digit()) {
        *case = Some(value);
    } else if c.get(2).is_some() && name.is_none() && value.contains(" v. ") {
        *name = Some(value);
    } else if c.get(3).is_some() && title.is_none() {
        let v = value
            .trim_start_matches("[In Chambers]")
            .trim_start_matches("IN CHAMBERS")
            .trim_start_matches([' ', '-', '–', '—', ':'])
            .to_string();
        if !v.is_empty() {
            *title = Some(v);
        }
    }
}

/// Reads the parties from the left stream: text before a plaintiff-side role
/// word is a plaintiff, before a defendant-side role word a defendant; `v.`
/// separates captions that print no role words.
fn parties(left: &[&str], m: &mut OrderMetadata) {
    let mut buf: Vec<&str> = Vec::new();
    let mut plaintiff: Option<String> = None;
    let mut defendant: Option<String> = None;
    let mut versus = false;
    for &c in left {
        if defendant.is_some() {
            break;
        }
        if let Some(side) = role(c) {
            let text = buf.join(" ");
            buf.clear();
            if text.is_empty() {
                continue;
            }
            match side {
                Side::Plaintiff if plaintiff.is_none() && !versus => plaintiff = Some(text),
                Side::Defendant if versus || plaintiff.is_some() => defendant = Some(text),
                // the party named first, whatever its role: "UNITED STATES,
                // Appellee, v. …" in an appeal
                Side::Defendant if plaintiff.is_none() => plaintiff = Some(text),
                _ => {}
            }
            continue;
        }
        if is_versus(c) {
            if plaintiff.is_none() && !buf.is_empty() {
                plaintiff = Some(buf.join(" "));
            }
            buf.clear();
            versus = true;
            continue;
        }
        if is_caption_aside(c) {
            continue;
        }
        if is_caption_end(c) {
            // what follows an appellate caption: where the appeal comes from,
            // the panel, counsel
            if versus && plaintiff.is_some() && !buf.is_empty() {
                defendant = Some(buf.join(" "));
            }
            break;
        }
        if case_number_cell(c).is_some() || is_title_start(c) || c.starts_with("Re:") {
            // a right-column cell in a caption without columns: it ends the
            // defendants' block if one is open, and is skipped otherwise
            if versus && plaintiff.is_some() && !buf.is_empty() {
                defendant = Some(buf.join(" "));
                break;
            }
            continue;
        }
        let mut probe = Vec::new();
        docket_numbers(c, &mut probe);
        if probe.is_empty() {
            buf.push(c);
        }
    }
    if defendant.is_none() && versus && plaintiff.is_some() && !buf.is_empty() {
        defendant = Some(buf.join(" "));
    }
    let clean = |s: &str| title_case_if_caps(s.trim().trim_end_matches([',', ';', ':']).trim());
    let plaintiff = plaintiff.map(|p| clean(&p)).filter(|p| !p.is_empty());
    let defendant = defendant.map(|d| clean(&d)).filter(|d| !d.is_empty());
    if let (Some(p), Some(d)) = (&plaintiff, &defendant) {
        m.case_name = Some(case_name(&format!("{p} v. {d}")));
    } else if let Some(p) = plaintiff
        .as_deref()
        .filter(|p| p.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("in re ")))
    {
        m.case_name = Some(case_name(p));
    }
    if m.case_name.is_none() && plaintiff.is_none() {
        let name: Vec<&str> = left
            .iter()
            .copied()
            .take_while(|c| {
                case_number_cell(c).is_none() && !is_title_start(c) && role(c).is_none()
            })
            .take(4)
            .collect();
        if name.first().is_some_and(|f| {
            f.get(..6).is_some_and(|h| {
                h.eq_ignore_ascii_case("in re ") || h.eq_ignore_ascii_case("in re:")
            })
        }) {
            m.case_name = Some(case_name(&name.join(" ")));
        }
    }
    m.plaintiffs = plaintiff.as_deref().map(party_list).unwrap_or_default();
    m.defendants = defendant.as_deref().map(party_list).unwrap_or_default();
}

/// Whether a caption cell starts what follows the parties of an appellate
/// caption: `APPEAL FROM THE UNITED STATES DISTRICT COURT`, `ON PETITION
/// FOR REVIEW`, `[Hon. Rya W. Zobel, U.S. District Judge]`, `Before`, or
/// the author's line of an opinion (`NEALS, District Judge`).
fn is_caption_end(c: &str) -> bool {
    static END: OnceLock<Regex> = OnceLock::new();
    re(
        &END,
        r"(?i)^(?:\[?\s*hon\.|appeals?\s+from\b|on\s+appeal\b|on\s+petitions?\b|petitions?\s+for\s+review\b|on\s+(?:writ|application|certification|remand|motion)\b|before\s*:?$|before\s*:?\s+[A-Z]|certified\s+question)|^[A-Z][A-Za-z'.\- ]{1,40},\s+(?:(?:chief|senior|u\.\s?s\.|united\s+states)\s+)*(?:district|circuit|magistrate|bankruptcy)\s+judge\b",
    )
    .is_match(c)
}

/// Whether a caption cell is a line of an appellate header among the
/// parties, to be passed over: `Argued September 3, 1997`, `(Argued:
/// December 18, 2006`, `Decided …`, `August Term, 2006`, `By the Court`,
/// and the `x` that closes the rule of a Second Circuit caption box.
fn is_caption_aside(c: &str) -> bool {
    static ASIDE: OnceLock<Regex> = OnceLock::new();
    re(
        &ASIDE,
        r"(?i)^(?:\(?\s*(?:argued|submitted|heard|decided|filed)\b.*\d{4}\)?\.?$|by\s+the\s+court\s*:?$|[a-z]+\s+term,?\s+\d{4}\.?$|x$)",
    )
    .is_match(c)
}

/// Splits a party block at `;` and drops "et al.".
fn party_list(s: &str) -> Vec<String> {
    static ETAL: OnceLock<Regex> = OnceLock::new();
    let etal = re(&ETAL, r"(?i),?\s*\bet\s+al\.?");
    s.split(';')
        .map(|p| {
            etal.replace_all(p, "")
                .trim()
                .trim_end_matches(',')
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

pub(super) fn clean_case_number(head: &str) -> Option<String> {
    static C: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &C,
        r"(?i)\b(?:case|civil action|civ\.|criminal)\s+no\.?\s*:?\s*((?:\d{1,2}:)?\d{2,4}-[A-Za-z]{1,5}-\d{2,7}(?:-[A-Z]{2,4})*)",
    );
    c.captures(head).map(|c| c[1].to_string())
}

/// Judge initials in a case number: `1:17-cv-00693-DAD-SAB (PC)` → DAD, SAB
/// (case-type tags, `NONE` and D. Ariz. division codes such as `PHX` skipped);
/// `3:18-cv-16281(BRM)(TJB)` → BRM, TJB; `CV 16-06794 AB (JCx)` → AB, JC.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_case_numbers() {
        assert_eq!(role("Plaintiff,"), Some(Side::Plaintiff));
        assert_eq!(role("Defendants."), Some(Side::Defendant));
        assert_eq!(role("Respondents."), Some(Side::Defendant));
        assert_eq!(
            role("Plaintiff and Counter-Defendant,"),
            Some(Side::Plaintiff)
        );
        assert_eq!(role("Plaintiff David"), None);
        assert!(is_versus("v."));
        assert!(is_versus("v"));
        assert!(is_versus("-against-"));
        assert_eq!(
            case_number_cell("Case No.: 1:17-cv-00693-DAD-SAB (PC)").as_deref(),
            Some("1:17-cv-00693-DAD-SAB (PC)")
        );
        assert_eq!(
            case_number_cell("CASE NO. 2:20-MJ-0148-AC").as_deref(),
            Some("2:20-MJ-0148-AC")
        );
        assert_eq!(
            case_number_cell("No. 2:15-cv-0208 TLN KJN P").as_deref(),
            Some("2:15-cv-0208 TLN KJN P")
        );
        assert_eq!(case_number_cell("Re: Dkt. No. 12"), None);
        assert_eq!(case_number_cell("Case No. pending"), None);
    }

    #[test]
    fn docket_entries() {
        let mut v = Vec::new();
        docket_numbers("Re: Dkt. No. 120, 138", &mut v);
        assert_eq!(v, ["120", "138"]);
        let mut v = Vec::new();
        docket_numbers("[ECF No. 34]", &mut v);
        assert_eq!(v, ["34"]);
        let mut v = Vec::new();
        docket_numbers("IECF No. 921", &mut v);
        assert_eq!(v, ["92"]);
        let mut v = Vec::new();
        docket_numbers("(Doc. Nos. 15 and 21)", &mut v);
        assert_eq!(v, ["15", "21"]);
        let mut v = Vec::new();
        docket_numbers("Dkt. 21", &mut v);
        assert_eq!(v, ["21"]);
    }

    #[test]
    fn docket_entries_in_captions_as_the_record_scanner_reads_them() {
        let entries = |s: &str| {
            let mut v = Vec::new();
            docket_numbers(s, &mut v);
            v
        };
        // capitals, and a list separated by semicolons (cand.306678, caed.222763)
        assert_eq!(entries("RE: DKT. NO. 45"), ["45"]);
        assert_eq!(entries("[Re: ECF 527; 528; 539]"), ["527", "528", "539"]);
        assert_eq!(entries("ORDER SEALING DOCKET NUMBERS 26-2"), ["26-2"]);
        assert_eq!(entries("(Dkt. Nos. 73-75)"), ["73", "74", "75"]);
        // the case number of an appellate or state caption is no docket entry
        assert!(entries("Docket No. 09-3660-cv").is_empty());
        assert!(entries("Docket No. 7,355.").is_empty());
        assert!(entries("the Doctor 5").is_empty());
    }
}
