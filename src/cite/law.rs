//! Enacted law: statutes, regulations, court rules and constitutions.
//!
//! Codes cited by title (`42 U.S.C. § 1983`) are found by the volume scan in
//! [`super::case`]; codes cited by name (`Cal. Penal Code § 187`) are found
//! from their section sign; codes and court rules cited by a local name
//! (`KRS 189A.010`, `42 Pa.C.S. § 5524`, `CR 12.02`) by [`codes`]; federal
//! rules and constitutions from their keywords.

use std::sync::OnceLock;

use regex::Regex;

use super::context::{self, paren_end};
use super::reporters::{self, Edition};
use super::{
    context::explanatory_parentheticals,
    scan::{after_reporter, skip_spaces},
};
use super::{CitationKind, Draft};

mod codes;
pub(crate) use codes::{keywords as code_keywords, parse_code};

fn kind_for(edition: &Edition) -> CitationKind {
    let t = edition.cite_type.as_str();
    if t.starts_with("admin")
        || edition.canonical.contains("C.F.R.")
        || edition.canonical.contains("Fed. Reg.")
    {
        CitationKind::Regulation
    } else {
        CitationKind::Statute
    }
}

/// End of a section number starting at `pos`: `1983`, `1915A(a)`, `1915(e)(2)(B)`, `240.10b-5`, `425.16`.
pub(crate) fn section_at(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !b.get(pos).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut i = pos;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    loop {
        if i + 1 < b.len()
            && matches!(b[i], b'.' | b'-' | b':' | b'/')
            && b[i + 1].is_ascii_alphanumeric()
        {
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
        } else if b.get(i) == Some(&b'(') {
            let mut j = i + 1;
            while j < b.len() && j - i <= 5 && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j > i + 1 && b.get(j) == Some(&b')') {
                i = j + 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    Some(i)
}

/// End of a run of subdivisions such as `(d)` or `(a)(2)` starting at `pos`.
fn subdivision_run(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = pos;
    while b.get(i) == Some(&b'(') {
        let mut j = i + 1;
        while j < b.len() && j - i <= 5 && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j == i + 1 || b.get(j) != Some(&b')') {
            break;
        }
        i = j + 1;
    }
    (i > pos).then_some(i)
}

/// Sections after a section sign: one or several (`§§ 1915A(a), 1915(e)(2)(B)`).
/// Returns (start, end) of each section number.
fn sections(text: &str, mut pos: usize, many: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(e) = section_at(text, pos) else {
        return out;
    };
    let e = range_end(text, e).unwrap_or(e);
    out.push((pos, e));
    pos = e;
    if many {
        loop {
            let rest = &text[pos..];
            let skip = if rest.starts_with(", and ") {
                6
            } else if rest.starts_with(", ") || rest.starts_with(" & ") {
                2 + usize::from(rest.starts_with(" & "))
            } else if rest.starts_with(" and ") {
                5
            } else {
                break;
            };
            match section_at(text, pos + skip) {
                Some(e) => {
                    let e = range_end(text, e).unwrap_or(e);
                    out.push((pos + skip, e));
                    pos = e;
                }
                None => break,
            }
        }
    }
    out
}

/// Dashes that join the ends of a range of sections (`§§ 1961–1968`); the
/// replacement character is a dash a bad decoding lost. An ASCII hyphen is
/// part of a section number (`2-619`), so [`section_at`] has taken it.
const RANGE_DASHES: &[&str] = &[
    "–",
    "—",
    "‑",
    "\u{FFFD}",
    " – ",
    " — ",
    " - ",
    " to ",
    " through ",
];

/// End of the second section of a range starting right after the section
/// ending at `end`, if one follows.
fn range_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let dash = RANGE_DASHES.iter().find(|d| rest.starts_with(**d))?;
    section_at(text, end + dash.len())
}

/// A range of sections written as one (`1961–1968`, `1961-1968` after
/// `§§`): its first and last section, or `None` for a single section.
fn split_range(section: &str, many: bool) -> Option<(&str, &str)> {
    for d in RANGE_DASHES {
        if let Some(i) = section.find(d) {
            return Some((&section[..i], &section[i + d.len()..]));
        }
    }
    // "§§ 1961-1968": with a plural sign, two numbers of one length in order
    // are a range; `§ 2-619` and `§§ 13-1-101` stay one section.
    let (a, z) = section.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let ordered = a.parse::<u64>().ok() < z.parse::<u64>().ok();
    (many && digits(a) && digits(z) && a.len() == z.len() && ordered).then_some((a, z))
}

/// Position after a section sign (`§`, `§§`, `sec.`, `Section`) and a space, starting at `pos`.
fn after_section_sign(text: &str, pos: usize) -> Option<(usize, bool)> {
    let rest = &text[pos..];
    let (len, many) = if rest.starts_with("§§") {
        ("§§".len(), true)
    } else if rest.starts_with('§') {
        ("§".len(), false)
    } else if rest.starts_with("sec. ") || rest.starts_with("Sec. ") {
        (4, false)
    } else if rest.starts_with("Section ") || rest.starts_with("section ") {
        ("Section".len(), false)
    } else if rest.starts_with("Sections ") || rest.starts_with("sections ") {
        ("Sections".len(), true)
    } else {
        return None;
    };
    let p = skip_spaces(text.as_bytes(), pos + len);
    Some((p, many))
}

/// One draft per section of `secs`; a range (`§§ 1961–1968`) is one draft
/// keyed by its first section, with the range as its pin. `sep` joins the
/// code and the section in the authority key (` § ` for codes, a space for
/// rules).
#[allow(clippy::too_many_arguments)]
fn statute_drafts(
    text: &str,
    cite_start: usize,
    title: Option<&str>,
    code: &str,
    sep: &str,
    kind: CitationKind,
    secs: &[(usize, usize)],
    many: bool,
) -> Vec<Draft> {
    secs.iter()
        .enumerate()
        .map(|(n, &(s, e))| {
            let mut d = Draft::new(kind);
            let c = &mut d.cite;
            c.core_start = if n == 0 { cite_start } else { s };
            c.core_end = e;
            c.start = c.core_start;
            c.end = e;
            c.matched = text[c.core_start..e].to_string();
            c.volume = title.map(str::to_string);
            c.reporter = Some(code.to_string());
            // The section proper is the page; its subsections (`(e)(2)(B)`) are the pin.
            let whole = &text[s..e];
            let range = split_range(whole, many);
            let section = range.map_or(whole, |r| r.0);
            let base = section.find('(').unwrap_or(section.len());
            c.page = Some(section[..base].trim_end().to_string());
            c.pin = match range {
                Some((a, z)) => Some(format!("{a}-{z}")),
                None => (base < section.len()).then(|| section[base..].to_string()),
            };
            c.authority = Some(match title {
                Some(t) => format!("{t} {code}{sep}{section}"),
                None => format!("{code}{sep}{section}"),
            });
            c.signal = if n == 0 {
                context::signal_before(text, cite_start)
            } else {
                None
            };
            d.bare_end = e;
            d.after_end = e;
            d
        })
        .collect()
}

/// A trailing `et seq.`, subdivisions joined by `and` (`(a)(2) and (d)`), and
/// an edition parenthetical (`(2012)`, `(West 2010)`, `(2005-06)`) after a statute.
fn statute_tail(text: &str, drafts: &mut [Draft]) {
    let Some(last) = drafts.last_mut() else {
        return;
    };
    let b = text.as_bytes();
    let mut pos = last.cite.end;
    if text[pos..].starts_with(" et seq.") {
        pos += " et seq.".len();
        last.cite.pin = Some("et seq.".into());
    }
    if text[pos..].starts_with(" and (") && last.cite.pin.is_some() {
        if let Some(close) = subdivision_run(text, pos + " and ".len()) {
            let pin = last.cite.pin.take().unwrap_or_default();
            last.cite.pin = Some(format!("{pin}{}", &text[last.cite.end..close]));
            pos = close;
        }
    }
    let open = skip_spaces(b, pos);
    if b.get(open) == Some(&b'(') {
        if let Some(close) = paren_end(text, open, 40) {
            let inner = &text[open + 1..close - 1];
            let year = inner
                .split([' ', '-', '–'])
                .find(|w| w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|w| w.parse::<i32>().ok())
                .filter(|y| (1700..=2100).contains(y));
            let editionish = inner
                .split(' ')
                .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()));
            if let (Some(y), true) = (year, editionish) {
                last.cite.year = Some(y);
                pos = close;
            }
        }
    }
    last.cite.end = pos;
    last.bare_end = pos;
    explanatory_parentheticals(text, pos, last);
}

/// `42 U.S.C. § 1983`, `17 C.F.R. § 240.10b-5`, `1 Stat. 2`: a code cited by title or volume.
pub(crate) fn parse_titled_code(
    text: &str,
    vol_start: usize,
    vol_end: usize,
    rep_start: usize,
    rep_end: usize,
    edition: &Edition,
) -> Option<Draft> {
    let b = text.as_bytes();
    let kind = kind_for(edition);
    let title = &text[vol_start..vol_end];
    let p = after_reporter(b, rep_end)?;
    let (sec_pos, many) = after_section_sign(text, p).unwrap_or((p, false));
    let secs = sections(text, sec_pos, many);
    if secs.is_empty() {
        return None;
    }
    let mut drafts = statute_drafts(
        text,
        vol_start,
        Some(title),
        &edition.canonical,
        " § ",
        kind,
        &secs,
        many,
    );
    statute_tail(text, &mut drafts);
    for d in &mut drafts {
        d.cite.reporter_as_written = Some(text[rep_start..rep_end].to_string());
    }
    // Several sections become several citations; the scanner takes the first
    // and the rest are queued behind it.
    let mut first = drafts.remove(0);
    first.extra = drafts;
    Some(first)
}

/// A code cited by name before the section sign at `sign`: `Cal. Penal Code § 187`, `Mass. Gen. Laws ch. 1, § 2`.
pub(crate) fn parse_named_code(text: &str, sign: usize) -> Vec<Draft> {
    let db = reporters::db();
    let (code_start, edition, chapter) = match db.law_ending_at(text, sign) {
        Some((s, e)) => (s, e, None),
        None => {
            // `ch. 1, §` between the code's name and the sign.
            static CHAPTER: OnceLock<Regex> = OnceLock::new();
            let re = CHAPTER.get_or_init(|| Regex::new(r"ch\. (\d+[A-Z]?), ?$").unwrap());
            let ws = context::floor_char_boundary(text, sign.saturating_sub(20));
            let Some(m) = re.captures(&text[ws..sign]) else {
                return Vec::new();
            };
            let ch_start = ws + m.get(0).unwrap().start();
            match db.law_ending_at(text, ch_start) {
                Some((s, e)) => (s, e, Some(m[1].to_string())),
                None => return Vec::new(),
            }
        }
    };
    let Some((sec_pos, many)) = after_section_sign(text, sign) else {
        return Vec::new();
    };
    let secs = sections(text, sec_pos, many);
    if secs.is_empty() {
        return Vec::new();
    }
    let name_end = match &chapter {
        Some(_) => text[code_start..sign]
            .find(" ch.")
            .map_or(sign, |k| code_start + k),
        None => sign,
    };
    // reporters-db knows some codes only as a pattern ("Cal. [subject] Code"): then
    // the name as written, not the pattern, tells one code from another.
    let written = text[code_start..name_end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let squeeze = |s: &str| s.replace(' ', "");
    let known = std::iter::once(&edition.canonical)
        .chain(&edition.variants)
        .any(|v| squeeze(v) == squeeze(&written));
    let name = if known {
        edition.canonical.clone()
    } else {
        written
    };
    let code = match &chapter {
        Some(ch) => format!("{name} ch. {ch},"),
        None => name.clone(),
    };
    let mut drafts = statute_drafts(
        text,
        code_start,
        None,
        &code,
        " § ",
        kind_for(edition),
        &secs,
        many,
    );
    for d in &mut drafts {
        d.cite.reporter = Some(name.clone());
        d.cite.reporter_as_written = Some(text[code_start..name_end].trim_end().to_string());
        d.cite.volume = chapter.clone();
    }
    statute_tail(text, &mut drafts);
    drafts
}

/// A section cited without its code (`§ 1983`, `Section 1983`): the statute
/// short form. It is extracted with no authority; the resolver ties it to an
/// earlier full citation of the same section, or leaves it unresolved.
/// Sections of a named act (`Section 2 of the Sherman Act`) are left alone.
pub(crate) fn parse_bare_section(text: &str, pos: usize) -> Option<Draft> {
    // The second sign of a `§§` whose sections the first one did not take
    // (`§§ 163 and 164 of the Constitution`).
    if text[..pos].ends_with('§') {
        return None;
    }
    // A digest's topic and key number heading an old opinion (`WILLS, § 164`).
    let head = text[..pos].trim_end().strip_suffix(',').unwrap_or("");
    let topic = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if topic.len() >= 3 && topic.bytes().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let (sec_pos, many) = after_section_sign(text, pos)?;
    let secs = sections(text, sec_pos, many);
    let &(_, last_end) = secs.last()?;
    // "section 13(a)(14), (30) or (37) of The … Act": look past further
    // subdivisions for the act the section belongs to.
    let mut look = last_end;
    loop {
        let rest = &text[look..];
        let skip = [", (", " or (", " and (", ", or (", ", and ("]
            .iter()
            .find(|w| rest.starts_with(**w))
            .map(|w| w.len() - 1);
        // "(30) or 37 of The …": the last item may lose its parentheses.
        let plain = [" or ", " and ", ", "]
            .iter()
            .find(|w| rest.starts_with(**w))
            .map(|w| w.len());
        match skip.and_then(|k| subdivision_run(text, look + k)) {
            Some(e) => look = e,
            None => match plain.and_then(|k| section_at(text, look + k)) {
                Some(e) if look > last_end && text[e..].starts_with(" of ") => look = e,
                _ => break,
            },
        }
    }
    if text[look..].starts_with(" of The ") || (look > last_end && text[look..].starts_with(" of "))
    {
        return None;
    }
    let after = &text[last_end..];
    if after.starts_with(" of the ") {
        // "section 3440 of the Civil Code": a code named after its section.
        if let Some((code, kind, name_end)) =
            codes::code_named_at(text, last_end + " of the ".len())
        {
            let sep = if kind == CitationKind::Rule {
                " "
            } else {
                " § "
            };
            let mut drafts = statute_drafts(text, pos, None, code, sep, kind, &secs, many);
            for d in &mut drafts {
                d.cite.reporter = Some(code.to_string());
            }
            if let Some(last) = drafts.last_mut() {
                last.cite.core_end = name_end;
                last.cite.end = name_end;
                last.bare_end = name_end;
                last.after_end = name_end;
                last.cite.matched = text[last.cite.core_start..name_end].to_string();
            }
            let mut first = drafts.remove(0);
            first.extra = drafts;
            return Some(first);
        }
        return None;
    }
    if after.starts_with(" of ") {
        return None;
    }
    let mut drafts = statute_drafts(
        text,
        pos,
        None,
        "",
        " § ",
        CitationKind::Statute,
        &secs,
        many,
    );
    for d in &mut drafts {
        d.cite.reporter = None;
        d.cite.authority = None;
        d.cite.unresolved = Some("a section without its code".into());
    }
    let mut first = drafts.remove(0);
    first.extra = drafts;
    Some(first)
}

static FEDERAL_RULES_JSON: &str = include_str!("../../data/federal_rules.json");

/// A federal rule set, as `data/federal_rules.json` (written by
/// `scripts/gen_legal_data.py`) describes it.
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct RuleSet {
    /// As in "Federal Rules of …": `Civil Procedure`.
    pub name: String,
    /// The Bluebook abbreviation, the prefix of the set's authority keys:
    /// `Fed. R. Civ. P.`.
    pub abbreviation: String,
    /// The word of the abbreviation that names the set: `Civ`.
    pub word: String,
    /// The first and last rule of the set's numbering.
    pub first: u32,
    pub last: u32,
}

/// The federal rule sets, in the order a bare `Rule N` is tried (civil
/// procedure first).
pub(crate) fn federal_rule_sets() -> &'static [RuleSet] {
    #[derive(serde::Deserialize)]
    struct File {
        rule_sets: Vec<RuleSet>,
    }
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        serde_json::from_str::<File>(FEDERAL_RULES_JSON)
            .expect("data/federal_rules.json is valid (generated)")
            .rule_sets
    })
}

const RULE_NUMBER: &str = r"(\d+(?:\.\d+)?[a-z]?(?:\([A-Za-z0-9]{1,4}\))*)";

struct RuleRegexes {
    abbreviated: Regex,
    exchange_act: Regex,
    spelled: Regex,
    rule_of: Regex,
    short: Regex,
    local: Regex,
    local_prefix: Regex,
    circuit: Regex,
}

fn rule_regexes() -> &'static RuleRegexes {
    static R: OnceLock<RuleRegexes> = OnceLock::new();
    R.get_or_init(|| {
        let sets = federal_rule_sets();
        let words = sets.iter().map(|s| regex::escape(&s.word)).collect::<Vec<_>>().join("|");
        let names = sets.iter().map(|s| regex::escape(&s.name)).collect::<Vec<_>>().join("|");
        RuleRegexes {
        // Briefs and some courts set the abbreviation in capitals: `FED. R. CIV. P.`.
        abbreviated: Regex::new(&format!(
            r"^(?i:Fed\. ?R\. ?({words})\.(?: ?P(?:roc)?\.)?) ?{RULE_NUMBER}"
        ))
        .unwrap(),
        exchange_act: Regex::new(r"^Rules? (\d+[a-z]\d?-\d+)\b").unwrap(),
        spelled: Regex::new(&format!(
            r"^Federal Rules? of ({names}),? (?:Rule )?{RULE_NUMBER}"
        ))
        .unwrap(),
        rule_of: Regex::new(&format!(
            r"^Rules? {RULE_NUMBER} of the Federal Rules of ({names})"
        ))
        .unwrap(),
        short: Regex::new(&format!(r"^Rules? {RULE_NUMBER}")).unwrap(),
        local: Regex::new(
            r"^(?:Local (?:Civil |Criminal |Bankruptcy )?Rules?|L\. ?R\.|L\. ?Civ\. ?R\.|L\. ?Cr\. ?R\.) ?(\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*(?:\([A-Za-z0-9]{1,4}\))*)",
        )
        .unwrap(),
        circuit: Regex::new(r"^Rules? (\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*(?:\([A-Za-z0-9]{1,4}\))*)").unwrap(),
        local_prefix: Regex::new(r"(?:(?:[NSEWCM]\. ?D\.|D\.) ?[A-Z][a-z]*\.? )?(?:Civil |Civ\. |Criminal |Crim\. )?$").unwrap(),
    }
    })
}

/// Whether rule `number` lies in the numbering of the set abbreviated `set`,
/// to tell which set a bare `Rule N` can belong to.
fn rule_in_set(set: &str, number: &str) -> bool {
    let n: Option<u32> = number
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|d| d.parse().ok());
    match (
        n,
        federal_rule_sets().iter().find(|r| r.abbreviation == set),
    ) {
        (Some(n), Some(r)) => (r.first..=r.last).contains(&n),
        _ => false,
    }
}

const CIRCUITS: &[(&str, &str)] = &[
    ("First", "1st"),
    ("Second", "2d"),
    ("Third", "3d"),
    ("Fourth", "4th"),
    ("Fifth", "5th"),
    ("Sixth", "6th"),
    ("Seventh", "7th"),
    ("Eighth", "8th"),
    ("Ninth", "9th"),
    ("Tenth", "10th"),
    ("Eleventh", "11th"),
    ("Federal", "Fed."),
    ("D.C.", "D.C."),
];

/// `Ninth Circuit ` / `9th Cir. ` ending at `pos`: the circuit's short name and where it starts.
fn circuit_before(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let before = &text[context::floor_char_boundary(text, pos.saturating_sub(24))..pos];
    CIRCUITS.iter().find_map(|(long, short)| {
        [
            format!("{long} Circuit "),
            format!("{short} Circuit "),
            format!("{short} Cir. "),
        ]
        .into_iter()
        .find(|p| before.ends_with(p.as_str()))
        .map(|p| (*short, pos - p.len()))
    })
}

/// The abbreviation of the set a pattern matched by its word (`Civ`) or its
/// name (`Civil Procedure`); the patterns are built from the same sets, so
/// one is always found.
fn abbreviation_for(set: &str) -> &'static str {
    federal_rule_sets()
        .iter()
        .find(|s| s.name == set || s.word.eq_ignore_ascii_case(set))
        .map_or("", |s| s.abbreviation.as_str())
}

/// Further subdivisions of the same rule: `26(c)(1), (2)`; returns the end and the common parent.
fn subdivisions(text: &str, number_end: usize, number: &str) -> (usize, String) {
    let b = text.as_bytes();
    let mut pos = number_end;
    let mut more = 0;
    while text[pos..].starts_with(", (")
        || text[pos..].starts_with(" & (")
        || text[pos..].starts_with(", and (")
    {
        let open = pos + text[pos..].find('(').unwrap();
        let mut j = open + 1;
        while j < b.len() && j - open <= 5 && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j == open + 1 || b.get(j) != Some(&b')') {
            break;
        }
        pos = j + 1;
        more += 1;
    }
    if more == 0 {
        return (pos, number.to_string());
    }
    // The authority is the parent that all listed subdivisions share.
    let parent = match number.rfind('(') {
        Some(i) => number[..i].to_string(),
        None => number.to_string(),
    };
    (pos, parent)
}

/// A court rule starting at `pos`; `context_set` is the rule set the order last named, for a bare `Rule 26(c)`.
/// A number that counts something (`Rule 6 … within 14 days` read as `Rules 14 days`) is no rule.
pub(crate) fn parse_rule(
    text: &str,
    pos: usize,
    context_set: &mut Option<&'static str>,
) -> Option<Draft> {
    let mut set = *context_set;
    let d = rule_at(text, pos, &mut set)?;
    if codes::followed_by_unit(text, d.cite.core_end) {
        return None;
    }
    *context_set = set;
    Some(d)
}

/// `Rule 10b-5`, `Rule 14a-9`: a rule of the Securities and Exchange
/// Commission under the Exchange Act, a section of 17 C.F.R. part 240.
fn exchange_act_rule(text: &str, pos: usize, number: regex::Match<'_>) -> Draft {
    let cfr = codes::exchange_act_rules();
    let mut d = Draft::new(CitationKind::Regulation);
    let end = pos + number.end();
    let c = &mut d.cite;
    c.set_core(text, pos, end);
    c.volume = Some(cfr.title.clone());
    c.reporter = Some(cfr.code.clone());
    c.page = Some(format!("{}.{}", cfr.part, number.as_str()));
    c.authority = Some(format!(
        "{} {} § {}.{}",
        cfr.title,
        cfr.code,
        cfr.part,
        number.as_str()
    ));
    c.signal = context::signal_before(text, pos);
    d.bare_end = end;
    d.after_end = end;
    explanatory_parentheticals(text, end, &mut d);
    d
}

fn rule_at(text: &str, pos: usize, context_set: &mut Option<&'static str>) -> Option<Draft> {
    let r = rule_regexes();
    let b = text.as_bytes();
    let rest = &text[pos..];
    let (set, number): (Option<&'static str>, regex::Match<'_>);
    let mut prefix_start = pos;
    if let Some(c) = r.abbreviated.captures(rest) {
        let s = abbreviation_for(&c[1]);
        (set, number) = (Some(s), c.get(2).unwrap());
    } else if let Some(c) = r.spelled.captures(rest) {
        let s = abbreviation_for(&c[1]);
        (set, number) = (Some(s), c.get(2).unwrap());
    } else if let Some(c) = r.rule_of.captures(rest) {
        let s = abbreviation_for(&c[2]);
        (set, number) = (Some(s), c.get(1).unwrap());
    } else if let Some(c) = r.exchange_act.captures(rest) {
        return Some(exchange_act_rule(text, pos, c.get(1).unwrap()));
    } else if let Some(c) = r
        .local
        .captures(rest)
        // "C.P.L.R. 3211" is New York's code, not a local rule.
        .filter(|_| pos == 0 || !(b[pos - 1].is_ascii_alphanumeric() || b[pos - 1] == b'.'))
    {
        let ws = context::floor_char_boundary(text, pos.saturating_sub(24));
        if let Some(m) = r.local_prefix.find(&text[ws..pos]) {
            if m.start() < m.end() {
                prefix_start = ws + m.start();
            }
        }
        let n = c.get(1).unwrap();
        let mut d = rule_draft(
            text,
            prefix_start,
            pos + n.start(),
            pos + n.end(),
            "L.R.",
            n.as_str(),
        );
        // Civil and criminal local rules are numbered apart: keep which one it is.
        let court = text[prefix_start..pos]
            .trim()
            .replace("Civil", "Civ.")
            .replace("Criminal", "Crim.");
        d.cite.reporter = Some("L.R.".into());
        d.cite.authority = Some(if court.is_empty() {
            format!("L.R. {}", n.as_str())
        } else {
            format!("{court} L.R. {}", n.as_str())
        });
        return Some(d);
    } else if let Some((circuit, circuit_start)) = circuit_before(text, pos) {
        // "Ninth Circuit Rule 36-3(b)".
        let c = r.circuit.captures(rest)?;
        let n = c.get(1).unwrap();
        let set = format!("{circuit} Cir. R.");
        let mut d = rule_draft(
            text,
            circuit_start,
            pos + n.start(),
            pos + n.end(),
            &set,
            n.as_str(),
        );
        d.cite.authority = Some(format!("{set} {}", n.as_str()));
        return Some(d);
    } else if let Some(c) = r.short.captures(rest) {
        let n = c.get(1).unwrap();
        // "Rule 39-1.6": a circuit's or a state's numbering, which no federal set has.
        if let Some(dashed) = r
            .circuit
            .captures(rest)
            .and_then(|c| c.get(1))
            .filter(|m| m.end() > n.end() && rest[n.end()..].starts_with('-'))
        {
            let mut d = rule_draft(
                text,
                pos,
                pos + dashed.start(),
                pos + dashed.end(),
                "",
                dashed.as_str(),
            );
            d.cite.authority = None;
            d.cite.reporter = None;
            d.rule_number = None;
            return Some(d);
        }
        // A bare rule number outside the named set's numbering belongs to another set.
        let in_range = context_set.is_some_and(|set| rule_in_set(set, n.as_str()));
        let context_set = &mut context_set.filter(|_| in_range);
        let mut d = rule_draft(
            text,
            pos,
            pos + n.start(),
            pos + n.end(),
            context_set.unwrap_or(""),
            n.as_str(),
        );
        if context_set.is_none() {
            d.cite.authority = None;
            d.cite.reporter = None;
        }
        return Some(d);
    } else {
        return None;
    }
    *context_set = set;
    let set = set.unwrap();
    let number_start = pos + number.start();
    let d = rule_draft(
        text,
        prefix_start,
        number_start,
        pos + number.end(),
        set,
        number.as_str(),
    );
    Some(d)
}

/// A bare `Rule 29` that no named set covered yet belongs to the one set the
/// order names elsewhere whose numbering includes it. In a federal order
/// that names no set, a bare rule in the civil rules' numbering is a civil
/// rule (`Rule 12(b)(6)`), the set a federal court applies unless it says
/// otherwise; an order is federal when it cites its own docket (`ECF No.`,
/// `Dkt.`, which only federal courts use) or the federal district reporters,
/// and cites no state court rule.
pub(crate) fn settle_bare_rules(drafts: &mut [Draft]) {
    let mut named: Vec<String> = drafts
        .iter()
        .filter(|d| d.cite.kind == CitationKind::Rule)
        .filter_map(|d| d.cite.reporter.clone())
        .filter(|r| r.starts_with("Fed. R."))
        .collect();
    named.sort();
    named.dedup();
    if named.is_empty() && is_federal(drafts) {
        if let Some(civil) = federal_rule_sets().first() {
            named.push(civil.abbreviation.clone());
        }
    }
    for d in drafts
        .iter_mut()
        .filter(|d| d.cite.kind == CitationKind::Rule && d.cite.reporter.is_none())
    {
        let Some(number) = d.rule_number.clone() else {
            continue;
        };
        let mut fits = named.iter().filter(|set| rule_in_set(set, &number));
        if let (Some(set), None) = (fits.next(), fits.next()) {
            d.cite.authority = Some(format!("{set} {number}"));
            d.cite.reporter = Some(set.clone());
        }
    }
}

fn is_federal(drafts: &[Draft]) -> bool {
    let mut federal = false;
    for d in drafts {
        let reporter = d.cite.reporter.as_deref().unwrap_or("");
        match d.cite.kind {
            CitationKind::Record if reporter == "Dkt." => federal = true,
            CitationKind::Case if reporter.starts_with("F. Supp") => federal = true,
            // A state's own rule set (`Pa. R. Civ. P.`, `CR`); local rules are mostly federal.
            CitationKind::Rule
                if !reporter.is_empty()
                    && !reporter.starts_with("Fed. R.")
                    && reporter != "L.R." =>
            {
                return false;
            }
            _ => {}
        }
    }
    federal
}

fn rule_draft(
    text: &str,
    start: usize,
    number_start: usize,
    number_end: usize,
    set: &str,
    number: &str,
) -> Draft {
    let (mut end, parent) = subdivisions(text, number_end, number);
    let mut d = Draft::new(CitationKind::Rule);
    let tail_end = end;
    let c = &mut d.cite;
    c.core_start = start;
    c.start = start;
    // "Rule 26(c) of the Federal Rules of Civil Procedure": the set follows the number.
    let after = &text[number_end..];
    for set in federal_rule_sets() {
        let phrase = format!(" of the Federal Rules of {}", set.name);
        if after.starts_with(&phrase) && end == number_end {
            end = number_end + phrase.len();
        }
    }
    // "Fed. R. Civ. P. 26(f) advisory committee's note (2006)".
    for note in [
        " advisory committee's note",
        " advisory committee note",
        " advisory committee's notes",
    ] {
        if text[end..].starts_with(note) {
            end += note.len();
            c.parentheticals.push(super::Parenthetical {
                text: note.trim().to_string(),
                relation: Some("advisory committee's note".into()),
                start: end - note.len() + 1,
                end,
            });
            if let Some(e) = year_paren(text, end) {
                c.year = text[e - 5..e - 1].parse().ok();
                end = e;
            }
            break;
        }
    }
    c.core_end = end;
    c.end = end;
    c.matched = text[start..end].to_string();
    c.page = Some(text[number_start..number_end.max(tail_end)].to_string());
    c.reporter = (!set.is_empty()).then(|| set.to_string());
    c.authority = (!set.is_empty()).then(|| format!("{set} {parent}"));
    d.rule_number = Some(parent);
    c.signal = context::signal_before(text, start);
    d.bare_end = end;
    explanatory_parentheticals(text, end, &mut d);
    d
}

fn year_paren(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    let open = skip_spaces(b, pos);
    (b.get(open) == Some(&b'(')
        && b.get(open + 5) == Some(&b')')
        && b[open + 1..open + 5].iter().all(u8::is_ascii_digit))
    .then_some(open + 6)
}

const ORDINAL_AMENDMENTS: &[(&str, &str)] = &[
    ("First", "I"),
    ("Second", "II"),
    ("Third", "III"),
    ("Fourth", "IV"),
    ("Fifth", "V"),
    ("Sixth", "VI"),
    ("Seventh", "VII"),
    ("Eighth", "VIII"),
    ("Ninth", "IX"),
    ("Tenth", "X"),
    ("Eleventh", "XI"),
    ("Thirteenth", "XIII"),
    ("Fourteenth", "XIV"),
    ("Fifteenth", "XV"),
    ("Nineteenth", "XIX"),
    ("Twenty-First", "XXI"),
    ("Twenty-Sixth", "XXVI"),
];

/// `U.S. Const. amend. XIV, § 1`, `Cal. Const. art. I, § 7`, at the `Const.` keyword `pos`.
pub(crate) fn parse_constitution(text: &str, pos: usize) -> Option<Draft> {
    static RE: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (fwd, back) = RE.get_or_init(|| {
        (
            Regex::new(r"^Const\.,? ?(art\.|Art\.|amend\.|Amend\.|pmbl\.)(?: ?([IVXLC]+|\d+))?(?:,? (?:§|sec\.) ?(\d+))?(?:,? cl\. ?(\d+))?").unwrap(),
            Regex::new(r"(U\. ?S\.|[A-Z][a-z]*\.(?: ?[A-Z][a-z]*\.)?|[A-Z]\.[A-Z]\.) $").unwrap(),
        )
    });
    let c = fwd.captures(&text[pos..])?;
    let ws = context::floor_char_boundary(text, pos.saturating_sub(14));
    let jm = back.captures(&text[ws..pos])?;
    let jurisdiction = jm[1].replace(' ', "");
    let start = ws + jm.get(0).unwrap().start();
    let end = pos + c.get(0).unwrap().end();
    let part = c[1].to_ascii_lowercase();
    let mut key = format!("{jurisdiction} Const.");
    if part != "pmbl." {
        key.push_str(&format!(" {part} {}", c.get(2).map_or("", |m| m.as_str())));
    } else {
        key.push_str(" pmbl.");
    }
    if let Some(s) = c.get(3) {
        key.push_str(&format!(", § {}", s.as_str()));
    }
    if let Some(cl) = c.get(4) {
        key.push_str(&format!(", cl. {}", cl.as_str()));
    }
    Some(constitution_draft(text, start, end, key))
}

/// `the Fourteenth Amendment` at the `Amendment` keyword `pos`.
pub(crate) fn parse_amendment(text: &str, pos: usize) -> Option<Draft> {
    let before = &text[context::floor_char_boundary(text, pos.saturating_sub(16))..pos];
    let (word, roman) = ORDINAL_AMENDMENTS
        .iter()
        .find(|(w, _)| before.ends_with(&format!("{w} ")))?;
    let start = pos - word.len() - 1;
    if start > 0 && text.as_bytes()[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    let end = pos + "Amendment".len();
    Some(constitution_draft(
        text,
        start,
        end,
        format!("U.S. Const. amend. {roman}"),
    ))
}

fn constitution_draft(text: &str, start: usize, end: usize, key: String) -> Draft {
    let mut d = Draft::new(CitationKind::Constitution);
    let c = &mut d.cite;
    c.start = start;
    c.core_start = start;
    c.core_end = end;
    c.end = end;
    c.matched = text[start..end].to_string();
    c.authority = Some(key);
    c.signal = context::signal_before(text, start);
    d.bare_end = end;
    d.after_end = end;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn federal_rule_sets_come_from_the_data_file() {
        let sets = federal_rule_sets();
        let abbr: Vec<&str> = sets.iter().map(|s| s.abbreviation.as_str()).collect();
        // the order a bare "Rule N" typed as a query is tried in
        assert_eq!(
            abbr,
            [
                "Fed. R. Civ. P.",
                "Fed. R. Crim. P.",
                "Fed. R. Evid.",
                "Fed. R. App. P.",
                "Fed. R. Bankr. P."
            ]
        );
        assert!(rule_in_set("Fed. R. Evid.", "403"));
        assert!(!rule_in_set("Fed. R. Evid.", "56(c)"));
        assert!(rule_in_set("Fed. R. Bankr. P.", "9011(b)"));
        assert_eq!(abbreviation_for("Bankr"), "Fed. R. Bankr. P.");
        assert_eq!(abbreviation_for("Appellate Procedure"), "Fed. R. App. P.");
        let mut set = None;
        let t = "Rule 11 of the Federal Rules of Bankruptcy Procedure x";
        let d = parse_rule(t, 0, &mut set);
        assert!(d.is_some(), "{t}");
    }

    #[test]
    fn section_numbers() {
        let t = "1915(e)(2)(B). x";
        assert_eq!(&t[..section_at(t, 0).unwrap()], "1915(e)(2)(B)");
        let t = "240.10b-5 (2010)";
        assert_eq!(&t[..section_at(t, 0).unwrap()], "240.10b-5");
        let t = "1983.";
        assert_eq!(&t[..section_at(t, 0).unwrap()], "1983");
        assert!(section_at("(a)", 0).is_none());
    }

    #[test]
    fn rules() {
        let mut set = None;
        let t = "Federal Rule of Civil Procedure 26(c)(1), (2), to prevent";
        let d = parse_rule(t, 0, &mut set).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("Fed. R. Civ. P. 26(c)"));
        assert_eq!(
            &t[d.cite.start..d.cite.end],
            "Federal Rule of Civil Procedure 26(c)(1), (2)"
        );
        let t = "Rule 26(c) of the Federal Rules of Civil Procedure provides";
        let d = parse_rule(t, 0, &mut set).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("Fed. R. Civ. P. 26(c)"));
        assert_eq!(
            &t[d.cite.start..d.cite.end],
            "Rule 26(c) of the Federal Rules of Civil Procedure"
        );
        let d = parse_rule("Rule 26(c). x", 0, &mut set).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("Fed. R. Civ. P. 26(c)"));
        let t = "Fed. R. Civ. P. 26(f) advisory committee's note (2006) (\"The";
        let d = parse_rule(t, 0, &mut set).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("Fed. R. Civ. P. 26(f)"));
        assert_eq!(d.cite.year, Some(2006));
        let d = parse_rule("Fed. R. Evid. 403 x", 0, &mut set).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("Fed. R. Evid. 403"));
        let mut none = None;
        let d = parse_rule("Rule 12(b)(6) x", 0, &mut none).unwrap();
        assert_eq!(d.cite.authority, None);
        let t = "See E.D. Cal. L.R. 230(l). x";
        let d = parse_rule(t, t.find("L.R.").unwrap(), &mut none).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("E.D. Cal. L.R. 230(l)"));
    }

    /// Every statute, regulation and rule the keyword and volume scans find
    /// in `t`: (kind, text of the span, authority).
    fn laws(t: &str) -> Vec<(CitationKind, String, Option<String>)> {
        let doc = crate::text::normalize(t);
        crate::cite::extract(&doc)
            .into_iter()
            .filter(|c| {
                matches!(
                    c.kind,
                    CitationKind::Statute | CitationKind::Regulation | CitationKind::Rule
                )
            })
            .map(|c| (c.kind, t[c.start..c.end].to_string(), c.authority))
            .collect()
    }

    fn keys(t: &str) -> Vec<String> {
        laws(t)
            .into_iter()
            .map(|(_, _, a)| a.unwrap_or_else(|| "-".into()))
            .collect()
    }

    #[test]
    fn kentucky_codes_and_rules() {
        assert_eq!(
            keys("Under KRS 189A.010(1)(a), the court granted relief. See also KRS § 281.635(4)."),
            [
                "Ky. Rev. Stat. § 189A.010(1)(a)",
                "Ky. Rev. Stat. § 281.635(4)"
            ]
        );
        assert_eq!(
            keys("The motion under CR 12.02 failed; RCr 8.10 and SCR 3.130 apply, as does KRE 404(b)."),
            ["CR 12.02", "Ky. R. Crim. P. 8.10", "SCR 3.130", "Ky. R. Evid. 404(b)"]
        );
        // Short capital names are no rule before a count or inside a docket number.
        assert!(keys("He had CR 14 days to answer. No. 3:19-CR 123.").is_empty());
        assert!(keys("the CR 5 form").is_empty());
    }

    #[test]
    fn pennsylvania_and_illinois_titled_codes() {
        let found = laws("See 42 Pa.C.S. § 5524; 2 Pa. C.S. § 704; 77 P. S. § 996.");
        let k: Vec<_> = found.iter().map(|x| x.2.clone().unwrap()).collect();
        assert_eq!(
            k,
            [
                "42 Pa. Cons. Stat. § 5524",
                "2 Pa. Cons. Stat. § 704",
                "77 Pa. Stat. § 996"
            ]
        );
        assert_eq!(found[0].1, "42 Pa.C.S. § 5524");
        // Text from PDFs glues the title to the word before it.
        assert_eq!(
            keys("the court, finding that18 Pa.C.S.A. § 7508 was inapplicable"),
            ["18 Pa. Cons. Stat. § 7508"]
        );
        assert_eq!(
            keys("Pa.R.C.P. 1035.2 and Pa.R.A.P. 1925(b) govern."),
            ["Pa. R. Civ. P. 1035.2", "Pa. R. App. P. 1925(b)"]
        );
        let found = laws("dismissed under 735 ILCS 5/2-619 and Ill. S. Ct. R. 23.");
        assert_eq!(found[0].1, "735 ILCS 5/2-619");
        assert_eq!(
            found[0].2.as_deref(),
            Some("735 Ill. Comp. Stat. § 5/2-619")
        );
        assert_eq!(found[1].2.as_deref(), Some("Ill. S. Ct. R. 23"));
        // A title form with no title is not that code.
        assert!(keys("the ILCS 5 was").is_empty());
    }

    #[test]
    fn california_texas_new_york() {
        assert_eq!(
            keys(
                "Cal. Civ. Proc. Code § 425.16; Code Civ. Proc., § 425.16; Penal Code section 187."
            ),
            [
                "Cal. Civ. Proc. Code § 425.16",
                "Cal. Civ. Proc. Code § 425.16",
                "Cal. Penal Code § 187"
            ]
        );
        assert_eq!(
            keys("The defense is based on section 3440 of the Civil Code here."),
            ["Cal. Civ. Code § 3440"]
        );
        // Another state's code of the same name is not California's.
        assert!(!keys("Louisiana Civil Code article 2315")
            .iter()
            .any(|k| k.starts_with("Cal.")));
        assert_eq!(
            keys("Tex. Civ. Prac. & Rem. Code § 74.351(b) requires a report."),
            ["Tex. Civ. Prac. & Rem. Code § 74.351(b)"]
        );
        assert_eq!(
            keys("N.Y. C.P.L.R. 3211(a)(7); CPLR 3211; see Public Health Law, § 2801-a."),
            [
                "N.Y. C.P.L.R. § 3211(a)(7)",
                "N.Y. C.P.L.R. § 3211",
                "N.Y. Public Health Law § 2801-a"
            ]
        );
    }

    #[test]
    fn other_states() {
        assert_eq!(
            keys("a violation of R.C. 2919.25 and Ohio R.C. 2921.04(B); Civ.R. 56(C)."),
            [
                "Ohio Rev. Code § 2919.25",
                "Ohio Rev. Code § 2921.04(B)",
                "Ohio R. Civ. P. 56(C)"
            ]
        );
        assert_eq!(
            keys("MCL 600.5805; MCLA 750.157n; MCR 2.116(C)(10); RCW 9.94A.753(5)."),
            [
                "Mich. Comp. Laws § 600.5805",
                "Mich. Comp. Laws Ann. § 750.157n",
                "Mich. Ct. R. 2.116(C)(10)",
                "Wash. Rev. Code § 9.94A.753(5)"
            ]
        );
        assert_eq!(
            keys("O.C.G.A. § 9-11-12; G.L. c. 93A, § 9; La. Civ. Code Ann. art. 2315."),
            [
                "Ga. Code Ann. § 9-11-12",
                "Mass. Gen. Laws ch. 93A, § 9",
                "La. Civ. Code Ann. art. 2315"
            ]
        );
    }

    #[test]
    fn federal_variants() {
        assert_eq!(keys("42 U.S.C § 1983 claims"), ["42 U.S.C. § 1983"]);
        assert_eq!(
            keys("FED. R. CIV. P. 17(b) and Fed.R.Civ.P. 56(a)"),
            ["Fed. R. Civ. P. 17(b)", "Fed. R. Civ. P. 56(a)"]
        );
        assert_eq!(
            keys("D. Md. Local Rule 105.2; L.R. 7.1; Civil L.R. 7-3."),
            ["D. Md. L.R. 105.2", "L.R. 7.1", "Civ. L.R. 7-3"]
        );
        let found = laws("liable under Section 10(b) and Rule 10b-5 for fraud");
        let rule = found.iter().find(|x| x.1 == "Rule 10b-5").unwrap();
        assert_eq!(rule.0, CitationKind::Regulation);
        assert_eq!(rule.2.as_deref(), Some("17 C.F.R. § 240.10b-5"));
        // In a federal order a bare Rule 12(b)(6) is a civil rule ...
        assert_eq!(
            keys("See ECF No. 12. Defendant moves under Rule 12(b)(6)."),
            ["Fed. R. Civ. P. 12(b)(6)"]
        );
        // ... but not in an order that cites a state's rules.
        assert_eq!(
            keys("Under CR 12.02 and Rule 12(b)(6), the motion fails."),
            ["CR 12.02", "-"]
        );
        assert!(keys("must respond within Rules 14 days").is_empty());
    }

    #[test]
    fn false_positives_and_lists() {
        assert_eq!(
            keys("See KRS 510.010 (7) and 510.110. Accordingly"),
            ["Ky. Rev. Stat. § 510.010 (7)", "Ky. Rev. Stat. § 510.110"]
        );
        assert_eq!(
            keys("(Ill. Rev. Stat. 1967, ch. 38, par. 123-1(a).) We"),
            ["Ill. Rev. Stat. ch. 38, § 123-1(a)"]
        );
        // A sentence ending in a name is no place before a code.
        assert_eq!(
            keys("guilty to injuring Payne. RCW 9.94A.735(5) does not apply."),
            ["Wash. Rev. Code § 9.94A.735(5)"]
        );
        // More sections of the same code, written like the first.
        assert_eq!(
            keys("See KRS 510.010(7) and 510.110. Accordingly"),
            ["Ky. Rev. Stat. § 510.010(7)", "Ky. Rev. Stat. § 510.110"]
        );
        assert_eq!(
            keys("18 USC Sections 2(a)(b) as charged"),
            ["18 U.S.C. § 2(a)(b)"]
        );
        // A named act's section, a constitution's sections, a digest heading.
        assert!(
            keys("violating section 13(a)(14), (30) or (37) of The Controlled Substance Act")
                .is_empty()
        );
        assert!(keys("an offense under section 13(a)(14), (30) or 37 of The Act").is_empty());
        assert_eq!(
            keys("This CPLR article 78 proceeding"),
            ["N.Y. C.P.L.R. art. 78"]
        );
        assert!(keys("in recognition of §§ 163 and 164 of the Constitution, which").is_empty());
        assert!(keys("1. WILLS, § 164 — destroyed will.").is_empty());
        assert_eq!(keys("(see CPLR103, subd [c])"), ["N.Y. C.P.L.R. § 103"]);
    }

    #[test]
    fn dashed_rule_numbers_are_not_federal() {
        let found = laws("See Fed. R. App. P. 26(b). Under Rule 39-1.6 the request was late.");
        assert_eq!(found[1].1, "Rule 39-1.6");
        assert_eq!(found[1].2, None);
    }

    #[test]
    fn section_ranges_with_any_dash() {
        for t in [
            "18 U.S.C. §§ 1961–1968 (RICO).",
            "18 U.S.C. §§ 1961\u{FFFD}1968 (RICO).",
            "18 U.S.C. §§ 1961—1968 (RICO).",
            "18 U.S.C. §§ 1961-1968 (RICO).",
        ] {
            let found = laws(t);
            assert_eq!(found.len(), 1, "{t}: {found:?}");
            assert!(found[0].1.ends_with("1968"), "{t}: {found:?}");
            assert_eq!(found[0].2.as_deref(), Some("18 U.S.C. § 1961"), "{t}");
        }
        let doc = crate::text::normalize("18 U.S.C. §§ 1961–1968.");
        let c = &crate::cite::extract(&doc)[0];
        assert_eq!(c.pin.as_deref(), Some("1961-1968"));
        // A dashed section number stays one section.
        assert_eq!(
            keys("735 ILCS 5/2-619."),
            ["735 Ill. Comp. Stat. § 5/2-619"]
        );
        assert_eq!(keys("KRS 13-1-101."), ["Ky. Rev. Stat. § 13-1-101"]);
    }

    #[test]
    fn constitutions() {
        let t = "U.S. Const. amend. XIV, § 1.";
        let d = parse_constitution(t, t.find("Const.").unwrap()).unwrap();
        assert_eq!(
            d.cite.authority.as_deref(),
            Some("U.S. Const. amend. XIV, § 1")
        );
        let t = "under the Fourteenth Amendment.";
        let d = parse_amendment(t, t.find("Amendment").unwrap()).unwrap();
        assert_eq!(d.cite.authority.as_deref(), Some("U.S. Const. amend. XIV"));
    }
}
