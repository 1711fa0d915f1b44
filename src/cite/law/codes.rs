//! Codes and court rules cited by a local name rather than after a section
//! sign: `KRS 189A.010`, `42 Pa.C.S. § 5524`, `735 ILCS 5/2-619`, `CPLR
//! 3211(a)(7)`, `Pa.R.C.P. 1035.2`, `CR 12.02`, `Penal Code section 187`.
//!
//! The names come from `data/laws.json` (written by
//! `scripts/gen_legal_data.py` from reporters-db and its hand tables); each
//! written spelling is one keyword of the keyword scan, and a hit is parsed
//! here where it stands: an optional title number before the name, an
//! optional section word after it, then the section numbers.

use std::sync::OnceLock;

use super::{sections, statute_drafts, statute_tail};
use crate::cite::{CitationKind, Draft};

static LAWS_JSON: &str = include_str!("../../../data/laws.json");

/// One code or rule set of `data/laws.json`.
#[derive(Debug, serde::Deserialize)]
struct Code {
    /// The state (or `United States`); empty for a short name several states use.
    jurisdiction: String,
    /// `statute`, `regulation` or `rule`.
    kind: String,
    /// The authority-key prefix: `Ky. Rev. Stat.`, `Pa. R. Civ. P.`.
    canonical: String,
    /// Every spelling courts write, each a keyword.
    written: Vec<String>,
    /// A title number stands before the name (`42 Pa.C.S.`).
    title: bool,
    /// An all-capital short name that is also an ordinary word or docket
    /// part: its number must look like a section, not a count.
    bare: bool,
    /// Cited by chapter first (`G.L. c. 93A, § 9`).
    chapter: bool,
}

/// The C.F.R. part the Securities Exchange Act rules (`Rule 10b-5`) live in.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct ExchangeActRules {
    pub title: String,
    pub code: String,
    pub part: String,
}

#[derive(serde::Deserialize)]
struct Table {
    codes: Vec<Code>,
    exchange_act_rules: ExchangeActRules,
    /// (spelling, index into `codes`), in keyword order.
    #[serde(skip)]
    keywords: Vec<(String, usize)>,
    /// Every jurisdiction named in `codes`, to tell `Louisiana Civil Code`
    /// from California's bare `Civil Code`.
    #[serde(skip)]
    places: Vec<String>,
    /// The first word of every state code's canonical name (`Ky.`, `Tex.`).
    #[serde(skip)]
    place_abbreviations: Vec<String>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: Table =
            serde_json::from_str(LAWS_JSON).expect("data/laws.json is valid (generated)");
        t.keywords = t
            .codes
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.written.iter().map(move |w| (w.clone(), i)))
            .collect();
        let mut places: Vec<String> = t
            .codes
            .iter()
            .map(|c| c.jurisdiction.clone())
            .filter(|j| !j.is_empty())
            .collect();
        places.sort();
        places.dedup();
        t.places = places;
        let mut abbreviations: Vec<String> = t
            .codes
            .iter()
            .filter(|c| !c.jurisdiction.is_empty() && c.jurisdiction != "United States")
            .filter_map(|c| c.canonical.split(' ').next())
            .filter(|w| w.ends_with('.'))
            .map(str::to_string)
            .collect();
        abbreviations.sort();
        abbreviations.dedup();
        t.place_abbreviations = abbreviations;
        t
    })
}

/// The spellings the keyword scan looks for; the scanner passes the index of
/// the one it found back to [`parse_code`].
pub(crate) fn keywords() -> impl Iterator<Item = &'static str> {
    table().keywords.iter().map(|(w, _)| w.as_str())
}

pub(crate) fn exchange_act_rules() -> &'static ExchangeActRules {
    &table().exchange_act_rules
}

/// Words that can follow a number without making it a section: `CR 14
/// days`, `KRS 3 times`.
pub(crate) fn followed_by_unit(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    [
        "day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years",
        "percent", "%", "times", "minutes", "pages", "words",
    ]
    .iter()
    .any(|u| {
        rest.starts_with(u)
            && !rest
                .as_bytes()
                .get(u.len())
                .is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// The section words that may stand between a code's name and its number,
/// longest first, and whether they announce several sections.
const MARKERS: &[(&str, bool)] = &[
    ("§§", true),
    ("§", false),
    ("Sections", true),
    ("sections", true),
    ("Section", false),
    ("section", false),
    ("Sec.", false),
    ("sec.", false),
    ("Articles", true),
    ("articles", true),
    ("Article", false),
    ("article", false),
    ("arts.", true),
    ("art.", false),
    ("Art.", false),
    ("art", false),
    ("Rules", true),
    ("Rule", false),
    ("rule", false),
    ("r.", false),
    ("No.", false),
    ("pars.", true),
    ("par.", false),
];

/// A number of several digits, or one with a dot, colon, slash, dash or
/// subdivision, reads as a section; `CR 5` in prose may be anything.
fn section_like(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b'.' | b'(' | b':' | b'-' | b'/'))
        || s.len() >= 3
}

/// The title number before a titled code's name at `pos` (`42 ` of `42
/// Pa.C.S.`): its start and text.
fn title_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let end = pos.checked_sub(1).filter(|&e| b[e] == b' ')?;
    let mut s = end;
    while s > 0 && b[s - 1].is_ascii_digit() {
        s -= 1;
    }
    // "that18 Pa.C.S.A.": text extracted from PDFs glues the title to the word before.
    let ok = s < end
        && end - s <= 4
        && (s == 0 || !b[s - 1].is_ascii_alphanumeric() || b[s - 1].is_ascii_lowercase());
    ok.then(|| (s, &text[s..end]))
}

/// The word before `pos` when it is a place other than `jurisdiction`
/// (`Louisiana Civil Code`, `Tex. Penal Code`): the code is that place's,
/// not the one a bare name stands for. When it is `jurisdiction` itself
/// (`California Penal Code`), its start, to take it into the span.
enum Before {
    Other,
    Same(usize),
    Nothing,
}

fn place_before(text: &str, pos: usize, jurisdiction: &str, canonical: &str) -> Before {
    let head = text[..pos].trim_end_matches(' ');
    if head.len() == pos {
        return Before::Nothing;
    }
    let word_start = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |i| i + 1);
    let word = &head[word_start..];
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Before::Nothing;
    }
    let abbreviation = canonical.split(' ').next().unwrap_or("");
    // "New York", "West Virginia": a place of two words.
    let two = head[..word_start]
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("");
    let two_words = format!("{two} {word}");
    if word == jurisdiction || word == abbreviation {
        return Before::Same(word_start);
    }
    if two_words == jurisdiction {
        return Before::Same(word_start - two.len() - 1);
    }
    let t = table();
    let is_place = t.places.iter().any(|p| p == word || *p == two_words)
        || t.place_abbreviations.iter().any(|p| p == word);
    if is_place {
        Before::Other
    } else {
        Before::Nothing
    }
}

/// A code named at `pos` after its section (`section 3440 of the Civil
/// Code`): its canonical name, kind and where the name ends. Only names
/// that need neither a title number nor a section-like number.
pub(crate) fn code_named_at(text: &str, pos: usize) -> Option<(&'static str, CitationKind, usize)> {
    let t = table();
    let rest = &text[pos..];
    let (w, ci) = t
        .keywords
        .iter()
        .filter(|(w, ci)| {
            let c = &t.codes[*ci];
            !c.title && !c.bare && !c.chapter && rest.starts_with(w.as_str())
        })
        .max_by_key(|(w, _)| w.len())?;
    let end = pos + w.len();
    if !w.ends_with('.')
        && text
            .as_bytes()
            .get(end)
            .is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    let code = &t.codes[*ci];
    Some((code.canonical.as_str(), kind_of(code), end))
}

fn kind_of(code: &Code) -> CitationKind {
    match code.kind.as_str() {
        "rule" => CitationKind::Rule,
        "regulation" => CitationKind::Regulation,
        _ => CitationKind::Statute,
    }
}

/// The citations of the code spelled by keyword `index` at `pos`; empty when
/// what follows is no section number.
pub(crate) fn parse_code(text: &str, pos: usize, index: usize) -> Vec<Draft> {
    let t = table();
    let Some((written, ci)) = t.keywords.get(index) else {
        return Vec::new();
    };
    let code = &t.codes[*ci];
    let b = text.as_bytes();
    let boundary_before = pos == 0
        || !(b[pos - 1].is_ascii_alphanumeric()
            || b[pos - 1] >= 0x80
            || matches!(b[pos - 1], b'.' | b'-' | b'/' | b':' | b'_'));
    let name_end = pos + written.len();
    // "CPLR103": text from PDFs can lose the space before the number.
    let glued = !code.bare && b.get(name_end).is_some_and(u8::is_ascii_digit);
    let boundary_after = written.ends_with('.')
        || written.ends_with(',')
        || glued
        || !b.get(name_end).is_some_and(u8::is_ascii_alphanumeric);
    if !boundary_before || !boundary_after {
        return Vec::new();
    }
    let mut start = pos;
    let mut title = None;
    if code.title {
        let Some((s, n)) = title_before(text, pos) else {
            return Vec::new();
        };
        start = s;
        title = Some(n);
    } else if !code.jurisdiction.is_empty() {
        match place_before(text, pos, &code.jurisdiction, &code.canonical) {
            Before::Other => return Vec::new(),
            Before::Same(s) => start = s,
            Before::Nothing => {}
        }
    }
    let mut p = name_end;
    let mut chapter = None;
    if code.chapter {
        // "G.L. c. 93A, § 9"; "Ill. Rev. Stat. 1967, ch. 38, par. 123-1(a)" (with the edition's year).
        let rest = &text[p..];
        let year = rest.len() > 6
            && rest.as_bytes()[0] == b' '
            && rest.as_bytes()[1..5].iter().all(u8::is_ascii_digit)
            && rest.as_bytes()[5] == b',';
        if year {
            p += 6;
        }
        let rest = &text[p..];
        let skip = [" c. ", " ch. ", " chapter "]
            .iter()
            .find(|w| rest.starts_with(*w))
            .map(|w| w.len());
        let Some(skip) = skip else {
            return Vec::new();
        };
        let cs = p + skip;
        let mut ce = cs;
        while ce < b.len() && b[ce].is_ascii_alphanumeric() {
            ce += 1;
        }
        if ce == cs || !b[cs].is_ascii_digit() {
            return Vec::new();
        }
        chapter = Some(&text[cs..ce]);
        p = ce;
    }
    if b.get(p) == Some(&b',') {
        p += 1;
    }
    let mut q = p;
    while q < b.len() && b[q] == b' ' && q - p < 2 {
        q += 1;
    }
    let mut many = false;
    let mut article = false;
    if let Some((m, several)) = MARKERS.iter().find(|(m, _)| text[q..].starts_with(m)) {
        let after = q + m.len();
        if !b.get(after).is_some_and(u8::is_ascii_alphabetic) {
            many = *several;
            article = m.to_ascii_lowercase().starts_with("art");
            q = after;
            while q < b.len() && b[q] == b' ' && q - after < 2 {
                q += 1;
            }
        }
    }
    if (q == name_end && !glued) || !b.get(q).is_some_and(u8::is_ascii_digit) {
        return Vec::new();
    }
    let mut secs = sections(text, q, true);
    let Some(&(first_start, first_end)) = secs.first() else {
        return Vec::new();
    };
    // "KRS 510.010 (7) and 510.110": a subdivision set off by a space.
    if secs.len() == 1 && text[first_end..].starts_with(" (") {
        if let Some(e) = super::subdivision_run(text, first_end + 1) {
            secs[0].1 = e;
            let rest = &text[e..];
            let skip = [", and ", " and ", ", "]
                .iter()
                .find(|w| rest.starts_with(**w))
                .map(|w| w.len());
            if let Some(k) = skip {
                secs.extend(sections(text, e + k, true));
            }
        }
    }
    // Without a plural sign, further numbers are more sections of the same
    // code only when they are written like the first (`KRS 510.010 and
    // 510.110`), not a count or a case's volume.
    if !many {
        let dotted = |s: &str| s.contains('.') || s.contains('-');
        let first_dotted = dotted(&text[first_start..first_end]);
        let keep = secs
            .iter()
            .skip(1)
            .take_while(|&&(s, e)| {
                first_dotted && dotted(&text[s..e]) && !crate::cite::scan::starts_citation(text, s)
            })
            .count();
        secs.truncate(1 + keep);
    }
    let last_end = secs.last().map_or(first_end, |s| s.1);
    if (code.bare && !section_like(&text[first_start..first_end]))
        || followed_by_unit(text, last_end)
    {
        return Vec::new();
    }
    let kind = kind_of(code);
    let name = match chapter {
        Some(ch) => format!("{} ch. {ch},", code.canonical),
        None => code.canonical.clone(),
    };
    // Rules are keyed like the federal ones (`Pa. R. Civ. P. 1035.2`), codes
    // like the titled ones (`Ky. Rev. Stat. § 189A.010`).
    // An article (`CPLR article 78`, `La. Civ. Code Ann. art. 2315`) is no section.
    let sep = if article {
        " art. "
    } else if kind == CitationKind::Rule {
        " "
    } else {
        " § "
    };
    let mut drafts = statute_drafts(text, start, title, &name, sep, kind, &secs, many);
    for d in &mut drafts {
        d.cite.reporter = Some(code.canonical.clone());
        d.cite.reporter_as_written = Some(written.trim_end_matches(',').to_string());
        if let Some(ch) = chapter {
            d.cite.volume = Some(ch.to_string());
        }
    }
    statute_tail(text, &mut drafts);
    drafts
}
