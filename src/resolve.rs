//! Resolution: ties short forms, *Id.* and *supra* to the citations they
//! stand for, and gathers an order's citations into [`Authority`] records.
//!
//! Resolution is conservative: a citation that cannot be tied to exactly one
//! antecedent keeps `authority: None` and says why in `unresolved`. Nothing
//! is guessed.
//!
//! *Id.* refers to the preceding citation sentence. Citations nested in a
//! `(quoting …)` / `(citing …)` parenthetical are skipped, and in a string
//! citation (`A (…); see also B`) the one cited without a weakening signal is
//! the antecedent; two such, and *Id.* is ambiguous.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cite::reporters;
use crate::cite::{Citation, CitationKind};

/// How far past a case's first page a pin may lie and still be plausible.
pub const MAX_PIN_DISTANCE: u64 = 150;

/// Signals that mark a citation as additional support rather than the source.
const SECONDARY_SIGNALS: &[&str] = &[
    "see also",
    "cf.",
    "but see",
    "but cf.",
    "see generally",
    "compare",
    "contra",
    "accord",
];

/// What kind of thing an authority is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// A reported or electronically published case.
    Case,
    /// A statute.
    Statute,
    /// A regulation.
    Regulation,
    /// A court rule.
    Rule,
    /// A constitutional provision.
    Constitution,
    /// An entry on the docket of the case itself.
    Record,
    /// A journal article.
    Journal,
}

impl AuthorityKind {
    /// The kind of authority a citation of `kind` points to.
    pub fn of(kind: CitationKind) -> Option<AuthorityKind> {
        Some(match kind {
            CitationKind::Case
            | CitationKind::ShortCase
            | CitationKind::Id
            | CitationKind::Supra => AuthorityKind::Case,
            CitationKind::Statute => AuthorityKind::Statute,
            CitationKind::Regulation => AuthorityKind::Regulation,
            CitationKind::Rule => AuthorityKind::Rule,
            CitationKind::Constitution => AuthorityKind::Constitution,
            CitationKind::Record => AuthorityKind::Record,
            CitationKind::Journal => AuthorityKind::Journal,
            CitationKind::Other => return None,
        })
    }

    /// The name used in output and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorityKind::Case => "case",
            AuthorityKind::Statute => "statute",
            AuthorityKind::Regulation => "regulation",
            AuthorityKind::Rule => "rule",
            AuthorityKind::Constitution => "constitution",
            AuthorityKind::Record => "record",
            AuthorityKind::Journal => "journal",
        }
    }
}

/// One cited thing, with every key it is cited by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authority {
    /// Canonical key: the first full citation's key (`673 F. Supp. 2d 1063`).
    pub key: String,
    /// Every key of the authority: parallel citations included.
    pub keys: Vec<String>,
    /// What it is.
    pub kind: AuthorityKind,
    /// Display name: the fullest case name seen, or the key.
    pub name: String,
    /// courts-db id of the deciding court, for cases.
    pub court_id: Option<String>,
    /// Year of decision or edition.
    pub year: Option<i32>,
    /// Broader provisions it sits under, nearest first (`Fed. R. Civ. P. 26(c)`, `Fed. R. Civ. P. 26`).
    pub parents: Vec<String>,
    /// Indices of the citations that resolve to it.
    pub citations: Vec<usize>,
    /// Pins cited, in order of appearance, without repeats.
    pub pins: Vec<String>,
    /// Pages of the order on which it is cited.
    pub order_pages: Vec<u32>,
}

/// Normalized words of a case name for matching: lower-case, punctuation
/// dropped, long forms abbreviated (`American` → `am`), filler removed.
pub fn name_tokens(name: &str) -> Vec<String> {
    const FILLER: &[&str] = &[
        "v", "vs", "the", "of", "and", "inc", "corp", "co", "llc", "ltd", "lp", "llp", "na", "et",
        "al", "a", "an", "in", "re", "ex", "rel", "for",
    ];
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '&')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w =
                w.trim_matches(|c: char| c == '*' || c == '"' || c == '\'' || c == '(' || c == ')');
            let short = reporters::abbreviate(w).unwrap_or(w);
            short
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty() && !FILLER.contains(&w.as_str()))
        .collect()
}

/// Does the short name (`Am. LegalNet`, `Young`) name the full case name?
pub fn short_name_matches(short: &str, full: &str) -> bool {
    let s = name_tokens(short);
    if s.is_empty() {
        return false;
    }
    let f = name_tokens(full);
    s.iter().all(|t| f.contains(t))
}

fn first_number(s: &str) -> Option<u64> {
    let digits: String = s
        .trim_start_matches(['*', '¶', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Is `pin` a plausible pin for a case starting on page `page`? Star pages
/// (WL/LEXIS screens) and non-numeric pins are not checked.
fn pin_plausible(page: Option<&str>, pin: Option<&str>) -> bool {
    let (Some(page), Some(pin)) = (page, pin) else {
        return true;
    };
    if pin.starts_with('*') {
        return true;
    }
    match (first_number(page), first_number(pin)) {
        (Some(p), Some(q)) => q >= p && q - p <= MAX_PIN_DISTANCE,
        _ => true,
    }
}

fn is_secondary(c: &Citation) -> bool {
    c.signal
        .as_deref()
        .is_some_and(|s| SECONDARY_SIGNALS.contains(&s))
}

/// Are two consecutive top-level citations parts of one citation sentence
/// (`A (…); see also B`)? Only a semicolon and a signal may stand between.
fn same_sentence(clean: &str, prev: &Citation, next: &Citation) -> bool {
    let (from, to) = (prev.clean.2, next.clean.0);
    if from > to || to - from > 40 {
        return false;
    }
    let gap = clean[from..to].trim();
    let gap = gap.strip_prefix(';').map(str::trim);
    gap.is_some_and(|g| {
        g.is_empty()
            || g.split_whitespace()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.' || c == ','))
                && g.len() < 20
    })
}

/// Resolves short forms, *Id.* and *supra* in place, given the clean text
/// the citations' `clean` spans index.
pub fn resolve(clean: &str, cites: &mut [Citation]) {
    // The current citation sentence: top-level citations joined by semicolons.
    let mut sentence: Vec<usize> = Vec::new();
    for i in 0..cites.len() {
        match cites[i].kind {
            CitationKind::ShortCase => resolve_short(cites, i),
            CitationKind::Supra => resolve_supra(cites, i),
            CitationKind::Id => resolve_id(clean, cites, i, &sentence),
            CitationKind::Statute if cites[i].reporter.is_none() => resolve_bare_section(cites, i),
            _ => {}
        }
        // A parallel citation (`530 U.S. 1, 120 S. Ct. 2`) names the same case as the one
        // before it: the first of the group stands for it.
        let parallel_to_previous = sentence.last().is_some_and(|&p| {
            cites[i]
                .authority
                .as_ref()
                .is_some_and(|k| cites[p].parallel.contains(k))
        });
        if cites[i].nested_in.is_none() && !parallel_to_previous {
            let joins = sentence
                .last()
                .is_some_and(|&p| same_sentence(clean, &cites[p], &cites[i]));
            if !joins {
                sentence.clear();
            }
            sentence.push(i);
        }
    }
}

fn set_antecedent(cites: &mut [Citation], i: usize, j: usize) {
    let (authority, name) = (cites[j].authority.clone(), cites[j].case_name.clone());
    let me = &mut cites[i];
    me.authority = authority;
    me.antecedent = Some(j);
    me.unresolved = None;
    if me.kind != CitationKind::Id && me.case_name.is_none() {
        me.case_name = name;
    }
}

fn unresolved(cites: &mut [Citation], i: usize, why: impl Into<String>) {
    cites[i].antecedent = None;
    cites[i].unresolved = Some(why.into());
    if cites[i].kind != CitationKind::ShortCase || cites[i].reporter.as_deref() != Some("WL") {
        cites[i].authority = None;
    }
}

/// Short cites match on volume and reporter first, on the case name second.
fn resolve_short(cites: &mut [Citation], i: usize) {
    let me = &cites[i];
    let electronic = me.page.is_some();
    let candidates: Vec<usize> = (0..i)
        .filter(|&j| {
            let c = &cites[j];
            c.kind == CitationKind::Case
                && c.volume == me.volume
                && c.reporter == me.reporter
                && if electronic {
                    c.page == me.page
                } else {
                    pin_plausible(c.page.as_deref(), me.pin.as_deref())
                }
        })
        .collect();
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for &j in &candidates {
        if let Some(k) = cites[j].authority.as_deref() {
            by_key.entry(k).or_insert(j);
        }
    }
    let pick = match by_key.len() {
        1 => by_key.values().next().copied(),
        0 => None,
        _ => {
            let named: Vec<usize> = by_key
                .values()
                .copied()
                .filter(|&j| match (&me.case_name, &cites[j].case_name) {
                    (Some(s), Some(f)) => short_name_matches(s, f),
                    _ => false,
                })
                .collect();
            if named.len() == 1 {
                Some(named[0])
            } else {
                let why = format!(
                    "several earlier citations match {} {}",
                    me.volume.as_deref().unwrap_or(""),
                    me.reporter.as_deref().unwrap_or("")
                );
                unresolved(cites, i, why);
                return;
            }
        }
    };
    match pick {
        Some(j) => set_antecedent(cites, i, j),
        None if electronic && cites[i].authority.is_some() => {
            // A WL/LEXIS number names its case alone; no antecedent is needed.
        }
        None => unresolved(
            cites,
            i,
            "no earlier full citation with this volume and reporter",
        ),
    }
}

/// `Smith, supra`: the one earlier full case citation whose name matches.
fn resolve_supra(cites: &mut [Citation], i: usize) {
    let Some(short) = cites[i].case_name.clone() else {
        unresolved(cites, i, "supra without a name");
        return;
    };
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (j, c) in cites[..i].iter().enumerate() {
        if matches!(c.kind, CitationKind::Case | CitationKind::Journal)
            && c.case_name
                .as_deref()
                .is_some_and(|f| short_name_matches(&short, f))
        {
            if let Some(k) = &c.authority {
                by_key.entry(k.clone()).or_insert(j);
            }
        }
    }
    match by_key.len() {
        1 => {
            let j = *by_key.values().next().unwrap();
            set_antecedent(cites, i, j);
        }
        0 => unresolved(cites, i, format!("no earlier full citation named {short}")),
        n => unresolved(cites, i, format!("{n} earlier citations are named {short}")),
    }
}

/// `§ 1983` after `42 U.S.C. § 1983`: the one code earlier cited with the same section.
fn resolve_bare_section(cites: &mut [Citation], i: usize) {
    let section = cites[i].page.clone();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for (j, c) in cites[..i].iter().enumerate() {
        if matches!(c.kind, CitationKind::Statute | CitationKind::Regulation)
            && c.reporter.is_some()
            && c.page == section
        {
            if let Some((code, _)) = c.authority.as_deref().and_then(|a| a.rsplit_once("§ ")) {
                codes.entry(code.to_string()).or_insert(j);
            }
        }
    }
    if codes.len() != 1 {
        let why = if codes.is_empty() {
            "a section without its code, not cited in full before"
        } else {
            "a section without its code, cited earlier in several codes"
        };
        cites[i].unresolved = Some(why.into());
        return;
    }
    let (code, j) = codes.into_iter().next().expect("one code");
    let (reporter, volume) = (cites[j].reporter.clone(), cites[j].volume.clone());
    let me = &mut cites[i];
    let subsections = me
        .pin
        .as_deref()
        .filter(|p| p.starts_with('('))
        .unwrap_or("");
    me.authority = Some(format!(
        "{code}§ {}{subsections}",
        me.page.as_deref().unwrap_or("")
    ));
    me.reporter = reporter;
    me.volume = volume;
    me.antecedent = Some(j);
    me.unresolved = None;
}

/// *Id.*: the preceding citation sentence's source.
fn resolve_id(clean: &str, cites: &mut [Citation], i: usize, sentence: &[usize]) {
    let Some(&last) = sentence.last() else {
        unresolved(cites, i, "no earlier citation");
        return;
    };
    // "A; id. at 5" continues the sentence: id. is A.
    let antecedent = if sentence.len() == 1 || same_sentence(clean, &cites[last], &cites[i]) {
        Some(last)
    } else {
        let distinct = |js: &[usize]| {
            let keys: std::collections::BTreeSet<Option<&str>> =
                js.iter().map(|&j| cites[j].authority.as_deref()).collect();
            keys.len() == 1 && !keys.contains(&None)
        };
        let primary: Vec<usize> = sentence
            .iter()
            .copied()
            .filter(|&j| !is_secondary(&cites[j]))
            .collect();
        if distinct(sentence) {
            Some(last)
        } else if primary.len() == 1 || !primary.is_empty() && distinct(&primary) {
            Some(primary[0])
        } else {
            unresolved(
                cites,
                i,
                "Id. follows a string citation of several authorities",
            );
            return;
        }
    };
    let Some(j) = antecedent else { return };
    if cites[j].authority.is_none() {
        unresolved(cites, i, "its antecedent is unresolved");
        return;
    }
    // "Id. at 12" after a statute, rule or constitution points at something the
    // extractor did not see (often a record cite): a page cannot lie inside a section.
    let enacted = matches!(
        cites[j].kind,
        CitationKind::Statute
            | CitationKind::Regulation
            | CitationKind::Rule
            | CitationKind::Constitution
    );
    if enacted
        && cites[i]
            .pin
            .as_deref()
            .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit() || c == '*'))
    {
        let why = format!(
            "a page pin cannot point into {}",
            cites[j].authority.as_deref().unwrap_or("")
        );
        unresolved(cites, i, why);
        return;
    }
    // Follow Id. → Id. → short form back to the full citation that has the first page.
    let mut root = j;
    for _ in 0..cites.len() {
        match cites[root].antecedent {
            Some(a) if cites[root].page.is_none() || cites[root].kind != CitationKind::Case => {
                root = a
            }
            _ => break,
        }
    }
    let first_page = cites[root].page.clone();
    // Only a case has a first page: a docket entry's number is not one.
    if cites[root].kind == CitationKind::Case
        && !pin_plausible(first_page.as_deref(), cites[i].pin.as_deref())
    {
        let why = format!(
            "pin {} is implausibly far from the first page {} of {}",
            cites[i].pin.as_deref().unwrap_or(""),
            first_page.as_deref().unwrap_or(""),
            cites[j].authority.as_deref().unwrap_or("")
        );
        unresolved(cites, i, why);
        return;
    }
    set_antecedent(cites, i, j);
}

/// "X (quoting Y)": X quotes Y, so an order citing X relies on Y through X.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The citing authority (X).
    pub from: String,
    /// The authority it quotes or cites (Y).
    pub to: String,
    /// `quotes`, `cites`, or `mentions` for any other parenthetical.
    pub kind: String,
    /// Index of Y's citation in the order.
    pub citation: usize,
}

/// The relations that parentheticals such as `(quoting …)` state between authorities.
pub fn relations(cites: &[Citation]) -> Vec<Relation> {
    let mut out = Vec::new();
    for (i, c) in cites.iter().enumerate() {
        let (Some(p), Some(to)) = (c.nested_in, c.authority.as_ref()) else {
            continue;
        };
        let parent = &cites[p];
        let Some(from) = parent.authority.as_ref() else {
            continue;
        };
        if from == to {
            continue;
        }
        let relation = parent
            .parentheticals
            .iter()
            .find(|par| par.start <= c.core_start && c.core_end <= par.end)
            .and_then(|par| par.relation.as_deref());
        let kind = match relation {
            Some("quoting") => "quotes",
            Some("citing") => "cites",
            _ => "mentions",
        };
        out.push(Relation {
            from: from.clone(),
            to: to.clone(),
            kind: kind.into(),
            citation: i,
        });
    }
    out
}

/// Broader provisions a statute or rule key sits under: `Fed. R. Civ. P. 26(c)(1)` →
/// `Fed. R. Civ. P. 26(c)`, `Fed. R. Civ. P. 26`.
pub fn parents(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = key.to_string();
    while k.ends_with(')') {
        match k.rfind('(') {
            Some(i) if i > 0 => {
                k.truncate(i);
                out.push(k.clone());
            }
            _ => break,
        }
    }
    out
}

/// Gathers the resolved citations into authorities, in order of first citation;
/// parallel citations merge into one authority with all their keys.
pub fn authorities(cites: &[Citation]) -> Vec<Authority> {
    let mut out: Vec<Authority> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, c) in cites.iter().enumerate() {
        let Some(key) = c.authority.as_deref() else {
            continue;
        };
        let Some(kind) = AuthorityKind::of(c.kind) else {
            continue;
        };
        let existing = std::iter::once(key)
            .chain(c.parallel.iter().map(String::as_str))
            .find_map(|k| index.get(k).copied());
        let a = match existing {
            Some(a) => a,
            None => {
                out.push(Authority {
                    key: key.to_string(),
                    keys: Vec::new(),
                    kind,
                    name: key.to_string(),
                    court_id: None,
                    year: None,
                    parents: parents(key),
                    citations: Vec::new(),
                    pins: Vec::new(),
                    order_pages: Vec::new(),
                });
                out.len() - 1
            }
        };
        let auth = &mut out[a];
        for k in std::iter::once(key).chain(c.parallel.iter().map(String::as_str)) {
            if !auth.keys.iter().any(|x| x == k) {
                auth.keys.push(k.to_string());
            }
            index.insert(k.to_string(), a);
        }
        auth.citations.push(i);
        if let Some(pin) = &c.pin {
            if !auth.pins.contains(pin) {
                auth.pins.push(pin.clone());
            }
        }
        if let Some(p) = c.order_page {
            if !auth.order_pages.contains(&p) {
                auth.order_pages.push(p);
            }
        }
        if matches!(c.kind, CitationKind::Case) {
            if let Some(n) = &c.case_name {
                if auth.name == auth.key || n.len() > auth.name.len() {
                    auth.name = n.clone();
                }
            }
            auth.court_id = auth.court_id.clone().or_else(|| c.court_id.clone());
            auth.year = auth.year.or(c.year);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_abbreviations() {
        assert!(short_name_matches(
            "Am. LegalNet",
            "American LegalNet, Inc. v. Davis"
        ));
        assert!(short_name_matches(
            "American LegalNet, Inc.",
            "Am. LegalNet, Inc. v. Davis"
        ));
        assert!(short_name_matches("Leon", "Leon v. IDX Systems Corp."));
        assert!(!short_name_matches("Young", "Leon v. IDX Sys. Corp."));
        assert!(!short_name_matches("Inc.", "Leon v. IDX Sys. Corp."));
        assert_eq!(
            name_tokens("Leon v. IDX Systems Corp."),
            name_tokens("Leon v. IDX Sys. Corp.")
        );
    }

    #[test]
    fn pins_far_from_the_first_page_are_implausible() {
        assert!(pin_plausible(Some("1063"), Some("1072 n.10")));
        assert!(pin_plausible(Some("1063"), Some("1063")));
        assert!(!pin_plausible(Some("1063"), Some("1062")));
        assert!(!pin_plausible(Some("1063"), Some("1214")));
        assert!(pin_plausible(Some("5159125"), Some("*2")));
    }

    #[test]
    fn hierarchy_of_rules_and_statutes() {
        assert_eq!(
            parents("Fed. R. Civ. P. 26(c)(1)"),
            ["Fed. R. Civ. P. 26(c)", "Fed. R. Civ. P. 26"]
        );
        assert_eq!(
            parents("28 U.S.C. § 1915(e)(2)(B)"),
            [
                "28 U.S.C. § 1915(e)(2)",
                "28 U.S.C. § 1915(e)",
                "28 U.S.C. § 1915"
            ]
        );
        assert!(parents("42 U.S.C. § 1983").is_empty());
    }

    fn resolved(text: &str) -> Vec<(CitationKind, Option<String>, Option<usize>)> {
        let a = crate::analyze(text);
        a.citations
            .into_iter()
            .map(|c| (c.kind, c.authority, c.antecedent))
            .collect()
    }

    #[test]
    fn id_skips_quoting_parenthetical() {
        let r = resolved("\"x.\" Am. LegalNet, Inc. v. Davis, 673 F. Supp. 2d 1063, 1071 (C.D. Cal. 2009) (quoting Pueblo of Laguna v. United States, 60 Fed. Cl. 133, 135 (2004)). Such powers \"y.\" Id. (quoting Chambers v. NASCO, Inc., 501 U.S. 32, 44 (1991)).");
        assert_eq!(r[2].0, CitationKind::Id);
        assert_eq!(r[2].1.as_deref(), Some("673 F. Supp. 2d 1063"));
        assert_eq!(r[2].2, Some(0));
    }

    #[test]
    fn id_after_string_cite_takes_the_primary_source() {
        let r = resolved("\"x.\" Bright v. Doe, No. 15-CV-1, 2015 WL 5159125, at *2 (N.D. Cal. Sept. 2, 2015); see also Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006). \"y.\" Id.");
        assert_eq!(r[2].1.as_deref(), Some("2015 WL 5159125"));
        let r = resolved("\"x.\" Smith v. Jones, 1 F.3d 1 (1st Cir. 1990); Doe v. Roe, 2 F.3d 2 (2d Cir. 1991). \"y.\" Id. at 3.");
        assert_eq!(r[2].1, None);
    }

    #[test]
    fn pin_check_follows_a_chain_of_ids_to_the_first_page() {
        let r = resolved("Qwerty v. Uiop, 2 F.3d 500, 555 (1st Cir. 1990). Qwerty supra, as well. Ibid. See Id. at 567. See Id. at 400.");
        assert_eq!(r[3].1.as_deref(), Some("2 F.3d 500"));
        assert_eq!(r[4].1, None, "400 lies before the first page, 500");
    }

    #[test]
    fn an_id_after_a_docket_entry_is_not_checked_against_its_number() {
        let r = resolved(
            "The motion is fully briefed. (Dkt. No. 200.) Defendants object. (Id. at 2–3.)",
        );
        assert_eq!(r[1].1.as_deref(), Some("Dkt. No. 200"));
    }

    #[test]
    fn short_forms_and_supra() {
        let r = resolved("Smith v. Jones, 1 F.3d 100 (1st Cir. 1990). Later: Smith, 1 F.3d at 105. Then Smith, supra, at 106. Id. at 900.");
        assert_eq!(r[1].1.as_deref(), Some("1 F.3d 100"));
        assert_eq!(r[2].1.as_deref(), Some("1 F.3d 100"));
        assert_eq!(r[3].1, None, "pin 900 is too far from page 100");
        let r = resolved("Doe, 5 F.3d at 7.");
        assert_eq!(r[0].1, None);
    }
}
