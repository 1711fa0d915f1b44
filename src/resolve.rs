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

use std::collections::{BTreeMap, HashMap, HashSet};

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

/// The most earlier citations one short form or *supra* may weigh. Past
/// it, the citation is left unresolved ("too many to tell"), never guessed:
/// a real order cites at most a handful of cases in one volume within 150
/// pages, or under one name, and a bound keeps the work per citation
/// constant however long the document is.
pub const MAX_CANDIDATES: usize = 64;

/// Resolves short forms, *Id.* and *supra* in place, given the clean text
/// the citations' `clean` spans index.
///
/// Work is linear in the number of citations: each citation is resolved
/// against indexes of the citations before it (full case citations by
/// volume and reporter, then page; case names by word; code sections by
/// section), never by a scan of all of them. Each citation enters the
/// indexes after its own resolution, so a later one sees exactly what a
/// scan of the earlier ones would.
pub fn resolve(clean: &str, cites: &mut [Citation]) {
    let mut seen = Antecedents::default();
    // The current citation sentence: top-level citations joined by semicolons.
    let mut sentence = Sentence::default();
    // The sentence as it stood after each citation, for an Id. after a block quote.
    let mut sentences: Vec<Sentence> = Vec::with_capacity(cites.len());
    // For each citation, the one its chain of Id. and short forms ends at.
    let mut root: Vec<usize> = Vec::with_capacity(cites.len());
    // Citations a history phrase introduces (`X, overruled on other grounds by Y`).
    let mut history_target = vec![false; cites.len()];
    for c in cites.iter() {
        for h in &c.history {
            if let Some(t) = h.citation.filter(|&t| t < cites.len()) {
                history_target[t] = true;
            }
        }
    }
    for i in 0..cites.len() {
        match cites[i].kind {
            CitationKind::ShortCase => resolve_short(cites, i, &seen),
            CitationKind::Supra => resolve_supra(cites, i, &seen),
            CitationKind::Id => {
                let before =
                    quote_source(clean, cites, i, &sentence).map_or(&sentence, |k| &sentences[k]);
                resolve_id(clean, cites, i, before, &root)
            }
            CitationKind::Statute if cites[i].reporter.is_none() => {
                resolve_bare_section(cites, i, &seen)
            }
            _ => {}
        }
        let c = &cites[i];
        root.push(match c.antecedent {
            Some(a) if c.page.is_none() || c.kind != CitationKind::Case => root[a],
            _ => i,
        });
        seen.add(cites, i);
        // A parallel citation (`530 U.S. 1, 120 S. Ct. 2`) names the same case as the one
        // before it: the first of the group stands for it. So does the case a history
        // phrase follows (`X, overruled on other grounds by Y`: the source is X), and a
        // rule named in a sentence's prose is mentioned, not cited.
        let parallel_to_previous = sentence.last().is_some_and(|p| {
            crate::work::examined(cites[p].parallel.len());
            cites[i]
                .authority
                .as_ref()
                .is_some_and(|k| cites[p].parallel.contains(k))
        });
        let aside =
            history_target[i] && sentence.last().is_some() || mentioned_in_prose(clean, &cites[i]);
        if cites[i].nested_in.is_none() && !parallel_to_previous && !aside {
            let joins = sentence
                .last()
                .is_some_and(|p| same_sentence(clean, &cites[p], &cites[i]));
            if !joins {
                sentence.clear();
            }
            sentence.push(cites, i);
        }
        sentences.push(sentence);
    }
    resolve_forward(cites, &seen);
}

/// How far back from an *Id.* a block quote's introduction may lie.
const MAX_BLOCK_QUOTE: usize = 6000;

/// An *Id.* opening the line after a block quote (`… explained:\n<quoted
/// paragraphs, with their own citations>\nId. at 5.`) refers to the source
/// of the quote, not to the last citation inside it. Returns the last
/// citation before the colon that introduces the quote, when the current
/// sentence's last citation lies inside the quote.
fn quote_source(clean: &str, cites: &[Citation], i: usize, sentence: &Sentence) -> Option<usize> {
    let last = sentence.last()?;
    let at = cites[i].clean.0.min(clean.len());
    let line = clean[..at].trim_end_matches([' ', '(']);
    if !(line.is_empty() || line.ends_with('\n')) {
        return None;
    }
    let from = crate::text::floor_char_boundary(clean, at.saturating_sub(MAX_BLOCK_QUOTE));
    let window = &clean[from..line.len()];
    // The quote's first line follows a line that ends with a colon.
    let colon = window
        .trim_end_matches('\n')
        .match_indices('\n')
        .map(|(k, _)| from + k)
        .rev()
        .take(8)
        .find(|&k| clean[..k].trim_end().ends_with(':'))?;
    if cites[last].clean.0 < colon {
        return None;
    }
    let k = cites[..i].partition_point(|c| c.clean.0 < colon);
    k.checked_sub(1)
}

/// Is `c` a rule named in the prose of a sentence (`pursuant to Rule
/// 12(b)(1)`, `a Rule 56 motion`) rather than cited? A word of prose, not a
/// signal, stands before it.
fn mentioned_in_prose(clean: &str, c: &Citation) -> bool {
    if c.kind != CitationKind::Rule || c.signal.is_some() {
        return false;
    }
    let before = clean[..c.clean.0.min(clean.len())].trim_end_matches(' ');
    let word_start = before
        .trim_end_matches(|ch: char| ch.is_ascii_lowercase())
        .len();
    let word = &before[word_start..];
    !word.is_empty()
        && (word_start == 0 || before[..word_start].ends_with([' ', '\n']))
        && !matches!(
            word,
            "see" | "also" | "cf" | "accord" | "compare" | "contra" | "with"
        )
}

/// A short form or *supra* with no full citation before it (a name in a
/// heading or summary, cited in full further on) resolves to the one later
/// full citation that matches it, when there is exactly one.
fn resolve_forward(cites: &mut [Citation], all: &Antecedents) {
    for i in 0..cites.len() {
        let none_before = cites[i]
            .unresolved
            .as_deref()
            .is_some_and(|why| why == NO_EARLIER_SHELF || why.starts_with(NO_EARLIER_NAME));
        if !none_before {
            continue;
        }
        match cites[i].kind {
            CitationKind::ShortCase => resolve_short(cites, i, all),
            CitationKind::Supra => resolve_supra(cites, i, all),
            _ => {}
        }
    }
}

const NO_EARLIER_SHELF: &str = "no earlier full citation with this volume and reporter";
const NO_EARLIER_NAME: &str = "no earlier full citation named";

/// Whether the citations of a sentence, or its primary ones, agree on one
/// authority: kept as citations join, so *Id.* never rescans the sentence.
#[derive(Debug, Default, Clone, Copy)]
struct Agreement {
    /// How many citations.
    count: usize,
    /// The first of them.
    first: Option<usize>,
    /// All of them have an authority, and it is the same one.
    same: bool,
}

impl Agreement {
    fn push(&mut self, cites: &[Citation], i: usize) {
        let key = cites[i].authority.as_deref();
        self.same = key.is_some()
            && match self.first {
                None => true,
                Some(f) => self.same && cites[f].authority.as_deref() == key,
            };
        self.first.get_or_insert(i);
        self.count += 1;
    }
}

/// The current citation sentence (`A (…); see also B`).
#[derive(Debug, Default, Clone, Copy)]
struct Sentence {
    last: Option<usize>,
    /// Every citation of it.
    all: Agreement,
    /// Those cited without a weakening signal.
    primary: Agreement,
}

impl Sentence {
    fn last(&self) -> Option<usize> {
        self.last
    }

    fn clear(&mut self) {
        *self = Sentence::default();
    }

    fn push(&mut self, cites: &[Citation], i: usize) {
        self.last = Some(i);
        self.all.push(cites, i);
        if !is_secondary(&cites[i]) {
            self.primary.push(cites, i);
        }
    }
}

/// The earlier citations a later one can resolve to, indexed the ways
/// resolution asks for them. Each holds one entry per distinct authority
/// (and page or name), the first citation of it: a case cited a thousand
/// times is one candidate, not a thousand.
#[derive(Debug, Default)]
struct Antecedents {
    /// Full case citations by volume and reporter.
    shelves: HashMap<(Option<String>, Option<String>), Shelf>,
    /// Full case and journal citations by the words of their names.
    names: Names,
    /// Codes cited with a section, by section: code → first citation.
    sections: HashMap<Option<String>, BTreeMap<String, usize>>,
}

/// The full case citations of one volume of one reporter.
#[derive(Debug, Default)]
struct Shelf {
    /// The first citation of each distinct (page, authority).
    seen: HashSet<(Option<String>, String)>,
    /// Every entry, in order.
    all: Vec<usize>,
    /// Entries by page as written (for WL/LEXIS short forms, which give it).
    by_page: HashMap<Option<String>, Vec<usize>>,
    /// Entries whose page starts with a number, by that number.
    numbered: BTreeMap<u64, Vec<usize>>,
    /// Entries whose page has no number: plausible for any pin.
    unnumbered: Vec<usize>,
}

/// Case names by word.
#[derive(Debug, Default)]
struct Names {
    /// The first citation of each distinct (authority, case name), with the name's words.
    entries: Vec<(usize, Vec<String>)>,
    seen: HashSet<(String, String)>,
    /// Word → entries whose name has it.
    postings: HashMap<String, Vec<usize>>,
}

impl Antecedents {
    /// Adds citation `i`, once resolved, to every index it belongs in.
    fn add(&mut self, cites: &[Citation], i: usize) {
        let c = &cites[i];
        let Some(key) = c.authority.as_deref() else {
            return;
        };
        if c.kind == CitationKind::Case {
            let shelf = self
                .shelves
                .entry((c.volume.clone(), c.reporter.clone()))
                .or_default();
            if shelf.seen.insert((c.page.clone(), key.to_string())) {
                shelf.all.push(i);
                shelf.by_page.entry(c.page.clone()).or_default().push(i);
                match c.page.as_deref().and_then(first_number) {
                    Some(p) => shelf.numbered.entry(p).or_default().push(i),
                    None => shelf.unnumbered.push(i),
                }
            }
        }
        if matches!(c.kind, CitationKind::Case | CitationKind::Journal) {
            if let Some(name) = &c.case_name {
                let names = &mut self.names;
                if names.seen.insert((key.to_string(), name.clone())) {
                    let mut words = name_tokens(name);
                    words.sort();
                    words.dedup();
                    let e = names.entries.len();
                    for w in &words {
                        names.postings.entry(w.clone()).or_default().push(e);
                    }
                    names.entries.push((i, words));
                }
            }
        }
        if matches!(c.kind, CitationKind::Statute | CitationKind::Regulation)
            && c.reporter.is_some()
        {
            if let Some((code, _)) = key.rsplit_once("§ ") {
                self.sections
                    .entry(c.page.clone())
                    .or_default()
                    .entry(code.to_string())
                    .or_insert(i);
            }
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
fn resolve_short(cites: &mut [Citation], i: usize, seen: &Antecedents) {
    let me = &cites[i];
    let electronic = me.page.is_some();
    let shelf = seen.shelves.get(&(me.volume.clone(), me.reporter.clone()));
    // The entries whose page the short form can point into: the same page
    // for WL/LEXIS, else those at most 150 pages before the pin.
    let mut candidates: Vec<usize> = Vec::new();
    if let Some(shelf) = shelf {
        if electronic {
            candidates.extend(shelf.by_page.get(&me.page).into_iter().flatten());
        } else {
            match me
                .pin
                .as_deref()
                .filter(|p| !p.starts_with('*'))
                .and_then(first_number)
            {
                Some(q) => {
                    candidates.extend(&shelf.unnumbered);
                    let from = q.saturating_sub(MAX_PIN_DISTANCE);
                    candidates.extend(shelf.numbered.range(from..=q).flat_map(|(_, js)| js));
                }
                None => candidates.extend(&shelf.all),
            }
        }
    }
    crate::work::examined(candidates.len());
    if candidates.len() > MAX_CANDIDATES {
        let why = format!(
            "too many earlier citations ({}) match {} {} to tell",
            candidates.len(),
            me.volume.as_deref().unwrap_or(""),
            me.reporter.as_deref().unwrap_or("")
        );
        unresolved(cites, i, why);
        return;
    }
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for &j in &candidates {
        if let Some(k) = cites[j].authority.as_deref() {
            let first = by_key.entry(k).or_insert(j);
            *first = (*first).min(j);
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
        None => unresolved(cites, i, NO_EARLIER_SHELF),
    }
}

/// `Smith, supra`: the one earlier full case citation whose name matches.
fn resolve_supra(cites: &mut [Citation], i: usize, seen: &Antecedents) {
    let Some(short) = cites[i].case_name.clone() else {
        unresolved(cites, i, "supra without a name");
        return;
    };
    let words = name_tokens(&short);
    let names = &seen.names;
    // A matching name has every word of the short one: look only at the
    // names that have its rarest word.
    let rarest = words
        .iter()
        .map(|w| names.postings.get(w).map_or(&[][..], Vec::as_slice))
        .min_by_key(|p| p.len())
        .unwrap_or(&[]);
    crate::work::examined(rarest.len().min(MAX_CANDIDATES + 1));
    if rarest.len() > MAX_CANDIDATES {
        let why = format!(
            "too many earlier citations ({}) share a word with {short} to tell",
            rarest.len()
        );
        unresolved(cites, i, why);
        return;
    }
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for &e in rarest {
        let (j, full) = &names.entries[e];
        if words.iter().all(|w| full.binary_search(w).is_ok()) {
            if let Some(k) = cites[*j].authority.as_deref() {
                by_key.entry(k).or_insert(*j);
            }
        }
    }
    // Parallel citations of one case (`10 Pa. Commw. 275, 310 A.2d 707`) are one candidate.
    // The first citation of a group stands for it.
    let parallel_of_earlier = |k: &str, at: usize| {
        by_key
            .values()
            .any(|&j| j < at && cites[j].parallel.iter().any(|p| p == k))
    };
    let distinct: Vec<usize> = by_key
        .iter()
        .filter(|&(k, &j)| !parallel_of_earlier(k, j))
        .map(|(_, &j)| j)
        .collect();
    if distinct.len() == 1 && by_key.len() > 1 {
        set_antecedent(cites, i, distinct[0]);
        return;
    }
    match by_key.len() {
        1 => {
            let j = *by_key.values().next().expect("one");
            set_antecedent(cites, i, j);
        }
        0 => unresolved(cites, i, format!("{NO_EARLIER_NAME} {short}")),
        n => unresolved(cites, i, format!("{n} earlier citations are named {short}")),
    }
}

/// `§ 1983` after `42 U.S.C. § 1983`: the one code earlier cited with the same section.
fn resolve_bare_section(cites: &mut [Citation], i: usize, seen: &Antecedents) {
    let codes = seen.sections.get(&cites[i].page);
    crate::work::examined(codes.map_or(0, BTreeMap::len));
    let one = codes.filter(|c| c.len() == 1).and_then(|c| c.iter().next());
    let Some((code, &j)) = one else {
        let why = if codes.is_none_or(BTreeMap::is_empty) {
            "a section without its code, not cited in full before"
        } else {
            "a section without its code, cited earlier in several codes"
        };
        cites[i].unresolved = Some(why.into());
        return;
    };
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

/// *Id.*: the preceding citation sentence's source. `root[j]` is the full
/// citation that citation `j`'s chain of *Id.* and short forms ends at.
fn resolve_id(clean: &str, cites: &mut [Citation], i: usize, sentence: &Sentence, root: &[usize]) {
    let Some(last) = sentence.last() else {
        unresolved(cites, i, "no earlier citation");
        return;
    };
    // "A; id. at 5" continues the sentence, and a sentence whose citations
    // all name one authority names it: either way id. is the last of it.
    let antecedent = if sentence.all.count == 1
        || sentence.all.same
        || same_sentence(clean, &cites[last], &cites[i])
    {
        Some(last)
    } else if sentence.primary.count == 1 || sentence.primary.count > 0 && sentence.primary.same {
        sentence.primary.first
    } else {
        unresolved(
            cites,
            i,
            "Id. follows a string citation of several authorities",
        );
        return;
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
    // The full citation that has the first page (Id. → Id. → short form → case).
    let root = root[j];
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
        // Parentheticals follow one another: the one that can hold the
        // citation is the last to open before it.
        let pars = &parent.parentheticals;
        crate::work::examined(1);
        let relation = pars[..pars.partition_point(|par| par.start <= c.core_start)]
            .last()
            .filter(|par| c.core_end <= par.end)
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

/// The keys, pins and pages an authority lists already.
#[derive(Default)]
struct Listed {
    keys: HashSet<String>,
    pins: HashSet<String>,
    pages: HashSet<u32>,
}

/// Gathers the resolved citations into authorities, in order of first citation;
/// parallel citations merge into one authority with all their keys.
pub fn authorities(cites: &[Citation]) -> Vec<Authority> {
    let mut out: Vec<Authority> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // What each authority lists already, so listing stays linear however
    // often one authority is cited (`keys`, `pins`, `order_pages` keep order).
    let mut listed: Vec<Listed> = Vec::new();
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
                listed.push(Listed::default());
                out.len() - 1
            }
        };
        let (auth, seen) = (&mut out[a], &mut listed[a]);
        crate::work::examined(1 + c.parallel.len());
        for k in std::iter::once(key).chain(c.parallel.iter().map(String::as_str)) {
            if seen.keys.insert(k.to_string()) {
                auth.keys.push(k.to_string());
            }
            index.insert(k.to_string(), a);
        }
        auth.citations.push(i);
        if let Some(pin) = &c.pin {
            if seen.pins.insert(pin.clone()) {
                auth.pins.push(pin.clone());
            }
        }
        if let Some(p) = c.order_page {
            if seen.pages.insert(p) {
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

    /// The last citation a block quote holds is not what an *Id.* after the
    /// quote refers to: the quote's source, cited before its colon, is.
    #[test]
    fn id_after_a_block_quote_refers_to_the_quoted_case() {
        let text =
            "As the court explained in Smith v. Jones, 10 F.3d 100, 104 (1st Cir. 1993):\n\n\
                    The rule is settled. See Doe v. Roe, 20 F.3d 200, 201 (2d Cir. 1994).\n\n\
                    Id. at 105.";
        let r = resolved(text);
        assert_eq!(r[2].0, CitationKind::Id);
        assert_eq!(r[2].1.as_deref(), Some("10 F.3d 100"));
        // Without the colon that opens a quote, Id. is the last citation.
        let r = resolved(&text.replacen("1993):", "1993).", 1).replacen(
            "Id. at 105",
            "Id. at 202",
            1,
        ));
        assert_eq!(r[2].1.as_deref(), Some("20 F.3d 200"));
    }

    /// `X, overruled on other grounds by Y. Id.`: the source cited is X.
    #[test]
    fn id_after_subsequent_history_refers_to_the_case_it_follows() {
        let r = resolved(
            "Smith v. Jones, 10 F.3d 100 (1st Cir. 1993), overruled on other grounds by \
                          Doe v. Roe, 30 F.4th 300 (1st Cir. 2022). Id. at 102.",
        );
        assert_eq!(r.last().unwrap().1.as_deref(), Some("10 F.3d 100"));
    }

    /// A rule named in a sentence (`pursuant to Rule 12(b)(1)`) is no
    /// citation an *Id.* can refer to; the last authority cited is.
    #[test]
    fn id_after_a_rule_named_in_prose_refers_to_the_last_cited_authority() {
        let r = resolved(
            "Standing is required. Smith v. Jones, 10 F.3d 100, 101 (1st Cir. 1993). \
                          Defendants move to dismiss pursuant to Rule 12(b)(1). Id. at 103.",
        );
        assert_eq!(r.last().unwrap().1.as_deref(), Some("10 F.3d 100"));
        // Cited, the rule is the antecedent.
        let r = resolved(
            "See Smith v. Jones, 10 F.3d 100 (1st Cir. 1993). See Fed. R. Civ. P. 12(b)(1). Id.",
        );
        assert_eq!(
            r.last().unwrap().1.as_deref(),
            Some("Fed. R. Civ. P. 12(b)(1)")
        );
    }

    /// A short form or *supra* before the full citation (a heading, a
    /// summary) resolves forward to the one full citation that matches.
    #[test]
    fn short_forms_before_their_full_citation_resolve_forward() {
        let r = resolved(
            "I. Smith, 10 F.3d at 104, and Doe, supra.\n\
                          The standard comes from Smith v. Jones, 10 F.3d 100 (1st Cir. 1993), \
                          and Doe v. Roe, 20 F.3d 200 (2d Cir. 1994).",
        );
        assert_eq!(r[0].1.as_deref(), Some("10 F.3d 100"));
        assert_eq!(r[0].2, Some(2));
        assert_eq!(r[1].1.as_deref(), Some("20 F.3d 200"));
        // Two later cases on the shelf: ambiguous, left unresolved.
        let r = resolved(
            "Smith, 10 F.3d at 104. Smith v. Jones, 10 F.3d 100 (1993); \
                          Smith v. Brown, 10 F.3d 90 (1993).",
        );
        assert_eq!(r[0].1, None);
    }

    #[test]
    fn supra_after_parallel_citations_names_one_case() {
        let r = resolved(
            "In Edelman v. Board, 10 Pa. Commw. 275, 310 A.2d 707 (1973), we held so. \
                          See Edelman v. Board, supra.",
        );
        assert_eq!(r[2].0, CitationKind::Supra);
        assert_eq!(r[2].1.as_deref(), Some("10 Pa. Commw. 275"));
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

    /// A citation followed by a chain of parentheticals, each quoting a case:
    /// finding which parenthetical holds each quoted case must not walk the
    /// chain from its start.
    #[test]
    fn relations_along_a_chain_of_parentheticals_stay_linear() {
        let per_cite = |copies: usize| {
            let text: String = std::iter::once("Doe v. Roe, 1 F.3d 7 (1st Cir. 1990) ".to_string())
                .chain(
                    (0..copies)
                        .map(|k| format!("(quoting Poe v. Ullman, {} U.S. 497 (1961)) ", 100 + k)),
                )
                .collect();
            let a = crate::analyze(&text);
            crate::work::take();
            let r = relations(&a.citations);
            assert_eq!(r.len(), copies);
            assert_eq!(r[copies - 1].kind, "quotes");
            crate::work::take() as f64 / copies as f64
        };
        let (small, large) = (per_cite(100), per_cite(1600));
        assert!(
            large <= small * 1.25 + 1.0,
            "parentheticals examined per relation grew from {small:.1} to {large:.1}"
        );
    }

    /// One page of an order: full, parallel and short citations, *Id.*,
    /// *supra*, a string cite, a `(quoting …)` parenthetical, history, a bare
    /// section and record cites. `{a}`..`{e}` are volumes, `{p}` a page.
    const PAGE: &str = "Plaintiff moves for a protective order. See Leon v. IDX Sys. Corp., {a} F.3d 951, 959 \
        (9th Cir. 2006); see also Am. LegalNet, Inc. v. Davis, {b} F. Supp. 2d 1063, 1071 (C.D. Cal. \
        2009) (quoting Pueblo of Laguna v. United States, {c} Fed. Cl. 133, 135 (2004)). \"Courts have \
        inherent power.\" Id. at 1072. The court agrees. Leon, {a} F.3d at 960. Under 42 U.S.C. \
        § 1983, a § 1983 claim requires state action. Fed. R. Civ. P. 26(c)(1). Leon, supra, at 961. \
        Bell Atl. Corp. v. Twombly, {d} U.S. 544, 127 S. Ct. 1955, 167 L. Ed. 2d 929 (2007), aff'd, \
        {e} F.3d 100 (2d Cir. 2008). Id. at 556. The motion is briefed. (Dkt. No. {p}.) Defendants \
        object. (Id. at 3.) Twombly, {d} U.S. at 570; Davis, supra, at 1072. Id. at {p}.\n\n";

    /// `copies` pages; with `vary`, each page cites volumes of its own, as
    /// a long brief cites many cases; without, the same cases again and again.
    fn document(copies: usize, vary: bool) -> String {
        (0..copies)
            .map(|k| {
                let v = |base: usize| (base + if vary { k } else { 0 }).to_string();
                PAGE.replace("{a}", &v(464))
                    .replace("{b}", &v(673))
                    .replace("{c}", &v(60))
                    .replace("{d}", &v(550))
                    .replace("{e}", &v(100))
                    .replace("{p}", &(k + 1).to_string())
            })
            .collect()
    }

    /// Quadratic time in one document's size came from looking back over
    /// every earlier citation for each short form (issue 14): a 50 MB order
    /// took 16 s. The candidates examined must grow with the document, not
    /// with its square, whether its citations repeat or vary: per citation
    /// it stays under [`MAX_CANDIDATES`] and flat from 300 pages to 2,400.
    #[test]
    fn work_per_citation_stays_bounded_as_a_document_grows() {
        for vary in [true, false] {
            let mut per_cite = Vec::new();
            for copies in [300, 2400] {
                let text = document(copies, vary);
                crate::work::take();
                let a = crate::analyze(&text);
                let work = crate::work::take();
                assert!(a.citations.len() >= 18 * copies, "{}", a.citations.len());
                per_cite.push(work as f64 / a.citations.len() as f64);
            }
            assert!(
                per_cite[1] <= per_cite[0] * 1.25 + 1.0 && per_cite[1] <= MAX_CANDIDATES as f64,
                "vary={vary}: candidates examined per citation grew from {:.1} to {:.1} with 8 times the text",
                per_cite[0],
                per_cite[1]
            );
        }
    }
}
