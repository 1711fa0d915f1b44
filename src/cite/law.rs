//! Enacted law: statutes, regulations, court rules and constitutions.
//!
//! Codes cited by title (`42 U.S.C. § 1983`) are found by the volume scan in
//! [`super::case`]; codes cited by name (`Cal. Penal Code § 187`) are found
//! from their section sign; rules and constitutions from their keywords.

use std::sync::OnceLock;

use regex::Regex;

use super::context::{self, paren_end};
use super::reporters::{self, Edition};
use super::{
    context::explanatory_parentheticals,
    scan::{after_reporter, skip_spaces},
};
use super::{CitationKind, Draft};

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
                    out.push((pos + skip, e));
                    pos = e;
                }
                None => break,
            }
        }
    }
    out
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
    } else {
        return None;
    };
    let p = skip_spaces(text.as_bytes(), pos + len);
    Some((p, many))
}

fn statute_drafts(
    text: &str,
    cite_start: usize,
    title: Option<&str>,
    code: &str,
    kind: CitationKind,
    secs: &[(usize, usize)],
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
            let section = &text[s..e];
            let base = section.find('(').unwrap_or(section.len());
            c.page = Some(section[..base].to_string());
            c.pin = (base < section.len()).then(|| section[base..].to_string());
            c.authority = Some(match title {
                Some(t) => format!("{t} {code} § {}", &text[s..e]),
                None => format!("{code} § {}", &text[s..e]),
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
        kind,
        &secs,
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
    let mut drafts = statute_drafts(text, code_start, None, &code, kind_for(edition), &secs);
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
    let (sec_pos, many) = after_section_sign(text, pos)?;
    let secs = sections(text, sec_pos, many);
    let &(_, last_end) = secs.last()?;
    let after = &text[last_end..];
    if after.starts_with(" of ") || after.starts_with(" of the") {
        return None;
    }
    let mut drafts = statute_drafts(text, pos, None, "", CitationKind::Statute, &secs);
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
        abbreviated: Regex::new(&format!(
            r"^Fed\. ?R\. ?({words})\.(?: ?P(?:roc)?\.)? ?{RULE_NUMBER}"
        ))
        .unwrap(),
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
        .find(|s| s.name == set || s.word == set)
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
pub(crate) fn parse_rule(
    text: &str,
    pos: usize,
    context_set: &mut Option<&'static str>,
) -> Option<Draft> {
    let r = rule_regexes();
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
    } else if let Some(c) = r.local.captures(rest) {
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
/// order names elsewhere whose numbering includes it.
pub(crate) fn settle_bare_rules(drafts: &mut [Draft]) {
    let mut named: Vec<String> = drafts
        .iter()
        .filter(|d| d.cite.kind == CitationKind::Rule)
        .filter_map(|d| d.cite.reporter.clone())
        .filter(|r| r.starts_with("Fed. R."))
        .collect();
    named.sort();
    named.dedup();
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
