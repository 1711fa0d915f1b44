//! Reporter, journal and law-code tables, generated from reporters-db (see `data/`).
//!
//! This module owns `data/reporters.json` and `data/case_name_abbreviations.json`
//! (written by `scripts/gen_legal_data.py`): every case-reporter edition with its
//! variant spellings and date range, every law journal, and every law (statute,
//! regulation, session-law) abbreviation. It answers three questions fast:
//! which reporter/journal/volume-style law abbreviation starts at a byte offset
//! ([`ReporterDb::match_at`]), which law name ends just before a section sign
//! ([`ReporterDb::law_ending_at`]), and what a spelling is
//! ([`ReporterDb::lookup`]). All comparisons ignore spaces ("F.Supp.2d" ==
//! "F. Supp. 2d") but are case-sensitive.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use serde::Deserialize;

static REPORTERS_JSON: &str = include_str!("../../data/reporters.json");
static ABBREVIATIONS_JSON: &str = include_str!("../../data/case_name_abbreviations.json");

/// Where an [`Edition`] comes from in reporters-db.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A case reporter edition (reporters.json), including WL and LEXIS.
    Case,
    /// A law journal (journals.json).
    Journal,
    /// A statute, regulation or session-law compilation (laws.json).
    Law,
}

/// One citable series: a reporter edition, a journal, or a law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Canonical abbreviation, e.g. `F. Supp. 2d`, `Harv. L. Rev.`, `U.S.C.`.
    pub canonical: String,
    /// Full name of the reporter, journal or law.
    pub reporter_name: String,
    /// Reporter, journal or law.
    pub kind: EntryKind,
    /// reporters-db `cite_type`: `federal`, `state`, `specialty_lexis`, `journal`, `leg_statute`, …
    pub cite_type: String,
    /// First year the edition covers, when known.
    pub start_year: Option<i32>,
    /// Last year the edition covers, when known (None: still current or unknown).
    pub end_year: Option<i32>,
    /// reporters-db key of the reporter the edition belongs to (`F. Supp.` for `F. Supp. 2d`).
    pub reporter_key: String,
    /// Variant spellings that reporters-db maps to this edition.
    pub variants: Vec<String>,
    /// True when eyecite treats the reporter as a Supreme Court reporter (implies court `scotus`).
    pub scotus: bool,
    /// Laws only: the law may be cited with a number before its name (`42 U.S.C. §`).
    pub volume_form: bool,
    /// Laws only: the law may be cited by name before a section (`Fla. Stat. §`).
    pub named_form: bool,
}

impl Edition {
    /// Does the edition's date range include `year` (unknown bounds are open)?
    pub fn includes_year(&self, year: i32) -> bool {
        self.start_year.is_none_or(|s| s <= year) && self.end_year.is_none_or(|e| year <= e)
    }
}

/// Result of [`ReporterDb::match_at`].
#[derive(Debug, Clone)]
pub struct ReporterMatch<'d> {
    /// Bytes of `text` consumed, counted from `pos` (spaces inside the abbreviation included).
    pub len: usize,
    /// Candidate editions, best first: editions whose canonical spelling matched come before
    /// those matched through a variant; case reporters before laws before journals.
    pub editions: Vec<&'d Edition>,
}

/// A law whose name has a free subject in the middle: `Cal. <subject> Code`.
struct LawPattern {
    prefix: Vec<u8>,
    suffix: Vec<u8>,
    edition: u32,
}

/// The reporter/journal/law tables with their matchers. Get it with [`db`].
pub struct ReporterDb {
    editions: Vec<Edition>,
    /// Anchored DFA over space-stripped case/journal/volume-law spellings.
    fwd: DFA,
    /// Candidate editions (best first) per `fwd` pattern.
    fwd_eds: Vec<Vec<u32>>,
    start: [bool; 256],
    /// Anchored DFA over reversed space-stripped named-law spellings.
    rev: DFA,
    rev_eds: Vec<Vec<u32>>,
    patterns: Vec<LawPattern>,
    /// Space-stripped spelling -> candidate editions (best first), all kinds.
    by_spelling: HashMap<Vec<u8>, Vec<u32>>,
}

#[derive(Deserialize)]
struct RawFile {
    editions: Vec<RawEdition>,
}

#[derive(Deserialize)]
struct RawEdition {
    canonical: String,
    reporter: String,
    name: String,
    kind: String,
    cite_type: String,
    start: Option<i32>,
    end: Option<i32>,
    variants: Vec<String>,
    #[serde(default)]
    scotus: bool,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    pattern: Option<RawPattern>,
}

#[derive(Deserialize)]
struct RawPattern {
    prefix: String,
    suffix: String,
}

/// At most this many simultaneous DFA paths in [`ReporterDb::match_at`].
const MAX_PATHS: usize = 4;

#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn strip(s: &str) -> Vec<u8> {
    s.bytes().filter(|&b| !is_space(b)).collect()
}

/// Candidate ranking key: exact spelling first, then case < law < journal, then data order.
fn rank(exact: bool, kind: EntryKind, idx: u32) -> (bool, u8, u32) {
    let k = match kind {
        EntryKind::Case => 0,
        EntryKind::Law => 1,
        EntryKind::Journal => 2,
    };
    (!exact, k, idx)
}

/// Groups (spelling, edition, exact) by space-stripped spelling; returns keys and ranked editions.
fn group(
    entries: Vec<(Vec<u8>, u32, bool)>,
    editions: &[Edition],
) -> (Vec<Vec<u8>>, Vec<Vec<u32>>) {
    let mut map: HashMap<Vec<u8>, Vec<(bool, u8, u32)>> = HashMap::new();
    for (key, idx, exact) in entries {
        if key.is_empty() {
            continue;
        }
        let v = map.entry(key).or_default();
        let r = rank(exact, editions[idx as usize].kind, idx);
        // An edition reachable both exactly and by variant keeps its best rank.
        if let Some(old) = v.iter_mut().find(|o| o.2 == idx) {
            if r < *old {
                *old = r;
            }
        } else {
            v.push(r);
        }
    }
    let mut keys: Vec<_> = map.into_iter().collect();
    keys.sort();
    let mut ks = Vec::with_capacity(keys.len());
    let mut eds = Vec::with_capacity(keys.len());
    for (k, mut v) in keys {
        v.sort();
        ks.push(k);
        eds.push(v.into_iter().map(|r| r.2).collect());
    }
    (ks, eds)
}

fn build_dfa(keys: &[Vec<u8>]) -> DFA {
    DFA::builder()
        .match_kind(MatchKind::Standard)
        .start_kind(StartKind::Anchored)
        .build(keys)
        .expect("reporter DFA builds")
}

/// Among the patterns of match state `sid`, the one whose length is exactly `consumed`.
/// (States can also carry shorter suffix patterns; those do not start at the anchor.)
#[inline]
fn anchored_pattern(
    dfa: &DFA,
    sid: aho_corasick::automaton::StateID,
    consumed: usize,
) -> Option<usize> {
    (0..dfa.match_len(sid))
        .map(|i| dfa.match_pattern(sid, i))
        .find(|&pid| dfa.pattern_len(pid) == consumed)
        .map(|pid| pid.as_usize())
}

impl ReporterDb {
    fn load() -> ReporterDb {
        let raw: RawFile =
            serde_json::from_str(REPORTERS_JSON).expect("data/reporters.json parses");
        let mut editions = Vec::with_capacity(raw.editions.len());
        let mut fwd_entries = Vec::new();
        let mut rev_entries = Vec::new();
        let mut all_entries = Vec::new();
        let mut patterns = Vec::new();
        for (i, r) in raw.editions.into_iter().enumerate() {
            let idx = i as u32;
            let kind = match r.kind.as_str() {
                "case" => EntryKind::Case,
                "journal" => EntryKind::Journal,
                _ => EntryKind::Law,
            };
            let volume_form = kind == EntryKind::Law && r.forms.iter().any(|f| f == "volume");
            let named_form = kind == EntryKind::Law && r.forms.iter().any(|f| f == "named");
            let mut spellings = vec![(strip(&r.canonical), true)];
            spellings.extend(r.variants.iter().map(|v| (strip(v), false)));
            for (s, exact) in &spellings {
                all_entries.push((s.clone(), idx, *exact));
                if kind != EntryKind::Law || volume_form {
                    fwd_entries.push((s.clone(), idx, *exact));
                }
            }
            if named_form {
                match &r.pattern {
                    Some(p) => patterns.push(LawPattern {
                        prefix: strip(&p.prefix),
                        suffix: strip(&p.suffix),
                        edition: idx,
                    }),
                    None => {
                        for (s, exact) in &spellings {
                            let rev: Vec<u8> = s.iter().rev().copied().collect();
                            rev_entries.push((rev, idx, *exact));
                        }
                    }
                }
            }
            editions.push(Edition {
                canonical: r.canonical,
                reporter_name: r.name,
                kind,
                cite_type: r.cite_type,
                start_year: r.start,
                end_year: r.end,
                reporter_key: r.reporter,
                variants: r.variants,
                scotus: r.scotus,
                volume_form,
                named_form,
            });
        }
        let (fwd_keys, fwd_eds) = group(fwd_entries, &editions);
        let (rev_keys, rev_eds) = group(rev_entries, &editions);
        let (all_keys, all_eds) = group(all_entries, &editions);
        let mut start = [false; 256];
        for k in &fwd_keys {
            start[k[0] as usize] = true;
        }
        ReporterDb {
            fwd: build_dfa(&fwd_keys),
            fwd_eds,
            start,
            rev: build_dfa(&rev_keys),
            rev_eds,
            patterns,
            by_spelling: all_keys.into_iter().zip(all_eds).collect(),
            editions,
        }
    }

    /// All editions, journals and laws, in data order.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// Can byte `b` start a reporter/journal/law abbreviation? (fast 256-entry table)
    #[inline]
    pub fn could_start(&self, b: u8) -> bool {
        self.start[b as usize]
    }

    /// Longest reporter, journal or volume-style law abbreviation (e.g. "U.S.C.", "C.F.R.",
    /// "Stat.") starting exactly at `pos` in `text`.
    ///
    /// Spaces are ignored ("F.Supp.2d", "F. Supp 2d", "N. Y. S. 2d" all match), the match must
    /// end at a word boundary (the next byte is not ASCII alphanumeric), and only spellings in
    /// the data (variants included) match, case-sensitively. When the longest spelling ends
    /// inside a word, the next-longest one that ends at a boundary wins.
    ///
    /// One tolerance beyond spaces: a period that the spelling has between two words may be
    /// missing in the text when a space stands in its place ("F. Supp 2d" matches
    /// "F. Supp. 2d"; at most two such periods, never the final one). Exact spellings are
    /// preferred over such repaired ones at equal length.
    pub fn match_at(&self, text: &str, pos: usize) -> Option<ReporterMatch<'_>> {
        let bytes = text.as_bytes();
        if pos >= bytes.len() || !self.could_start(bytes[pos]) {
            return None;
        }
        let dfa = &self.fwd;
        // Live paths through the DFA: (state, key bytes consumed, periods supplied).
        // A second path is spawned where a word is followed by a space without a period
        // ("F. Supp 2d"): it continues as if the period were there.
        let mut paths = [(dfa.start_state(Anchored::Yes).ok()?, 0usize, 0u8); MAX_PATHS];
        let mut live = 1usize;
        // (end offset, periods supplied, pattern index) of the best boundary-respecting match
        let mut best: Option<(usize, u8, usize)> = None;
        let mut i = pos;
        let mut prev = 0u8;
        while i < bytes.len() && live > 0 {
            let b = bytes[i];
            i += 1;
            if is_space(b) {
                if prev.is_ascii_alphanumeric() {
                    let spawned_from = live;
                    for k in 0..spawned_from {
                        let (sid, consumed, virt) = paths[k];
                        if live < MAX_PATHS && virt < 2 {
                            let next = dfa.next_state(Anchored::Yes, sid, b'.');
                            if !dfa.is_dead(next) {
                                paths[live] = (next, consumed + 1, virt + 1);
                                live += 1;
                            }
                        }
                    }
                }
                prev = b;
                continue;
            }
            prev = b;
            let mut k = 0;
            while k < live {
                let (sid, consumed, virt) = paths[k];
                let sid = dfa.next_state(Anchored::Yes, sid, b);
                if dfa.is_dead(sid) {
                    live -= 1;
                    paths[k] = paths[live];
                    continue;
                }
                paths[k] = (sid, consumed + 1, virt);
                if dfa.is_match(sid) {
                    if let Some(p) = anchored_pattern(dfa, sid, consumed + 1) {
                        if i >= bytes.len() || !bytes[i].is_ascii_alphanumeric() {
                            let better = match best {
                                None => true,
                                Some((e, v, _)) => i > e || (i == e && virt < v),
                            };
                            if better {
                                best = Some((i, virt, p));
                            }
                        }
                    }
                }
                k += 1;
            }
        }
        let (end, _, p) = best?;
        Some(ReporterMatch {
            len: end - pos,
            editions: self.fwd_eds[p]
                .iter()
                .map(|&e| &self.editions[e as usize])
                .collect(),
        })
    }

    /// Laws cited by name before a section sign, e.g. "Cal. Penal Code", "Fla. Stat.",
    /// "Mass. Gen. Laws", "N.Y. Penal Law", "Tex. Penal Code Ann.": the longest such law name
    /// that ends exactly at `end` (trailing spaces before `end` allowed), starting at a word
    /// boundary. Returns (start, edition). Names with a subject (`Cal. <subject> Code`) return
    /// the generic edition (`Cal. Code`, `N.Y. Law`, `Tex. Code Ann.`); the actual name is
    /// `text[start..end]`.
    pub fn law_ending_at(&self, text: &str, end: usize) -> Option<(usize, &Edition)> {
        let bytes = text.as_bytes();
        let mut e = end.min(bytes.len());
        while e > 0 && is_space(bytes[e - 1]) {
            e -= 1;
        }
        if e == 0 {
            return None;
        }
        let boundary_before = |s: usize| s == 0 || !bytes[s - 1].is_ascii_alphanumeric();
        // Literal names, walked right to left through the reversed-key DFA.
        let mut best: Option<(usize, u32)> = None;
        let dfa = &self.rev;
        if let Ok(mut sid) = dfa.start_state(Anchored::Yes) {
            let mut consumed = 0usize;
            let mut i = e;
            while i > 0 {
                i -= 1;
                let b = bytes[i];
                if is_space(b) {
                    continue;
                }
                sid = dfa.next_state(Anchored::Yes, sid, b);
                consumed += 1;
                if dfa.is_special(sid) {
                    if dfa.is_dead(sid) {
                        break;
                    }
                    if dfa.is_match(sid) {
                        if let Some(p) = anchored_pattern(dfa, sid, consumed) {
                            if boundary_before(i) {
                                best = Some((i, self.rev_eds[p][0]));
                            }
                        }
                    }
                }
            }
        }
        // Names with a subject: "<prefix> <1-5 subject words> <suffix>".
        let mut best_pat: Option<(usize, usize, u32)> = None; // (start, suffix len, edition)
        for pat in &self.patterns {
            if let Some(s) = match_subject_pattern(bytes, e, pat) {
                let cand = (s, pat.suffix.len(), pat.edition);
                best_pat = match best_pat {
                    Some(b) if (b.0, std::cmp::Reverse(b.1)) <= (s, std::cmp::Reverse(cand.1)) => {
                        Some(b)
                    }
                    _ => Some(cand),
                };
            }
        }
        let chosen = match (best, best_pat) {
            (Some(l), Some(p)) if p.0 < l.0 => (p.0, p.2),
            (Some(l), _) => l,
            (None, Some(p)) => (p.0, p.2),
            (None, None) => return None,
        };
        Some((chosen.0, &self.editions[chosen.1 as usize]))
    }

    /// Look up by canonical or variant spelling (spaces relaxed); the best candidate.
    pub fn lookup(&self, abbreviation: &str) -> Option<&Edition> {
        self.lookup_all(abbreviation).into_iter().next()
    }

    /// Every edition a spelling may denote, best first (spaces relaxed).
    pub fn lookup_all(&self, abbreviation: &str) -> Vec<&Edition> {
        self.by_spelling
            .get(&strip(abbreviation))
            .map(|v| v.iter().map(|&i| &self.editions[i as usize]).collect())
            .unwrap_or_default()
    }
}

/// Matches `key` (space-stripped) backwards ending at `e`, skipping spaces in `text`;
/// returns the start offset.
fn match_back(text: &[u8], e: usize, key: &[u8]) -> Option<usize> {
    let mut i = e;
    for &k in key.iter().rev() {
        while i > 0 && is_space(text[i - 1]) {
            i -= 1;
        }
        if i == 0 || text[i - 1] != k {
            return None;
        }
        i -= 1;
    }
    Some(i)
}

/// Start of "<prefix> <subject words> <suffix>" ending at `e` (longest), if any.
fn match_subject_pattern(text: &[u8], e: usize, pat: &LawPattern) -> Option<usize> {
    let boundary_before = |s: usize| s == 0 || !text[s - 1].is_ascii_alphanumeric();
    let mut i = match_back(text, e, &pat.suffix)?;
    if !pat.suffix.is_empty() && (i == 0 || !is_space(text[i - 1])) {
        return None;
    }
    let mut best = None;
    for _ in 0..5 {
        // one subject word, `[A-Z][.\-'A-Za-z]*` or `&`, preceded by at least one space
        let word_end = {
            let mut j = i;
            while j > 0 && is_space(text[j - 1]) {
                j -= 1;
            }
            if j == i {
                break;
            }
            j
        };
        let mut j = word_end;
        while j > 0 && matches!(text[j - 1], b'.' | b'-' | b'\'' | b'A'..=b'Z' | b'a'..=b'z') {
            j -= 1;
        }
        let ok = if j == word_end {
            j > 0 && text[j - 1] == b'&' && {
                j -= 1;
                true
            }
        } else {
            text[j].is_ascii_uppercase()
        };
        if !ok || (j > 0 && !is_space(text[j - 1])) {
            break;
        }
        i = j;
        if let Some(s) = match_back(text, i, &pat.prefix) {
            // the prefix must be separated from the subject by a space
            if s < i && is_space(text[i - 1]) && boundary_before(s) {
                best = Some(s);
            }
        }
    }
    best
}

/// The reporter tables, loaded on first use.
pub fn db() -> &'static ReporterDb {
    static DB: OnceLock<ReporterDb> = OnceLock::new();
    DB.get_or_init(ReporterDb::load)
}

/// (long word, abbreviations) sorted by long word; abbreviation -> indexes of its long words.
type AbbreviationTables = (Vec<(String, Vec<String>)>, HashMap<String, Vec<usize>>);

fn abbreviations() -> &'static AbbreviationTables {
    static T: OnceLock<AbbreviationTables> = OnceLock::new();
    T.get_or_init(|| {
        let m: std::collections::BTreeMap<String, Vec<String>> =
            serde_json::from_str(ABBREVIATIONS_JSON)
                .expect("data/case_name_abbreviations.json parses");
        let list: Vec<(String, Vec<String>)> = m.into_iter().collect();
        let mut rev: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (_, abbrs)) in list.iter().enumerate() {
            for a in abbrs {
                rev.entry(a.clone()).or_default().push(i);
            }
        }
        for v in rev.values_mut() {
            // longest long form first ("Am." -> "American" before "America")
            v.sort_by(|&a, &b| list[b].0.len().cmp(&list[a].0.len()).then(a.cmp(&b)));
        }
        (list, rev)
    })
}

/// Case-name abbreviations (Bluebook T6, from reporters-db): (long word, its abbreviations),
/// sorted by long word, e.g. ("American", ["Am."]), ("Association", ["Ass'n"]).
pub fn case_name_abbreviations() -> &'static [(String, Vec<String>)] {
    &abbreviations().0
}

/// Long form of a case-name abbreviation: `expand("Am.") == Some("American")`. When several
/// long forms share the abbreviation the longest is returned (see [`expand_all`]).
pub fn expand(abbreviation: &str) -> Option<&'static str> {
    expand_all(abbreviation).next()
}

/// Every long form of a case-name abbreviation, longest first.
pub fn expand_all(abbreviation: &str) -> impl Iterator<Item = &'static str> {
    let (list, rev) = abbreviations();
    rev.get(abbreviation)
        .into_iter()
        .flatten()
        .map(move |&i| list[i].0.as_str())
}

/// Abbreviation of a long case-name word: `abbreviate("American") == Some("Am.")`.
pub fn abbreviate(long: &str) -> Option<&'static str> {
    let list = &abbreviations().0;
    list.binary_search_by(|(l, _)| l.as_str().cmp(long))
        .ok()
        .and_then(|i| list[i].1.first().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str) -> Option<(usize, String)> {
        db().match_at(text, 0)
            .map(|m| (m.len, m.editions[0].canonical.clone()))
    }

    #[test]
    fn spaced_variants_of_f_supp_2d() {
        for t in [
            "F.Supp.2d",
            "F. Supp 2d",
            "F.Supp. 2d",
            "F. Supp. 2d",
            "F. Supp.2d",
        ] {
            let text = format!("{t} 1072");
            assert_eq!(
                canon(&text),
                Some((t.len(), "F. Supp. 2d".to_string())),
                "{t}"
            );
        }
    }

    #[test]
    fn spaced_out_official_styles() {
        assert_eq!(canon("N. Y. S. 2d 5").unwrap(), (11, "N.Y.S.2d".into()));
        assert_eq!(canon("F. R. D. 5").unwrap(), (8, "F.R.D.".into()));
        assert_eq!(canon("U. S. 5").unwrap(), (5, "U.S.".into()));
        assert_eq!(canon("U.S. 5").unwrap(), (4, "U.S.".into()));
        assert_eq!(canon("S. Ct. 5").unwrap(), (6, "S. Ct.".into()));
        assert_eq!(canon("L. Ed. 2d 5").unwrap(), (9, "L. Ed. 2d".into()));
    }

    #[test]
    fn in_context_offsets() {
        let text = "See 673 F.Supp.2d 1067, 1072 (C.D. Cal. 2009).";
        let m = db().match_at(text, 8).unwrap();
        assert_eq!(&text[8..8 + m.len], "F.Supp.2d");
        assert_eq!(m.editions[0].canonical, "F. Supp. 2d");
        assert_eq!(m.editions[0].kind, EntryKind::Case);
        assert_eq!(m.editions[0].reporter_key, "F. Supp.");
        assert_eq!(m.editions[0].start_year, Some(1988));
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(canon("F.3d 951").unwrap().1, "F.3d");
        assert_eq!(canon("F. 951").unwrap().1, "F.");
        assert_eq!(canon("Cal. App. 4th 1").unwrap().1, "Cal. App. 4th");
        assert_eq!(canon("Cal.App.4th 1").unwrap().1, "Cal. App. 4th");
        assert_eq!(canon("Cal. 4th 1").unwrap().1, "Cal. 4th");
        assert_eq!(canon("Cal. Rptr. 3d 1").unwrap().1, "Cal. Rptr. 3d");
        assert_eq!(canon("Cal. 1").unwrap(), (4, "Cal.".into()));
        assert_eq!(canon("U.S. Dist. LEXIS 12").unwrap().1, "U.S. Dist. LEXIS");
        assert_eq!(canon("U.S. App. LEXIS 12").unwrap().1, "U.S. App. LEXIS");
        assert_eq!(canon("Cal. App. LEXIS 12").unwrap().1, "Cal. App. LEXIS");
    }

    #[test]
    fn falls_back_when_longest_ends_inside_word() {
        // "Cal.Apple" must not match "Cal. App."; "Cal." is followed by a letter too.
        assert_eq!(canon("Cal.Apple 1"), None);
        // "Cal. Apple": "Cal." ends at a boundary.
        assert_eq!(canon("Cal. Apple 1").unwrap(), (4, "Cal.".into()));
    }

    #[test]
    fn no_match_inside_a_word() {
        assert_eq!(canon("F.Supplement 1"), None);
        assert_eq!(
            canon("U.S.A. 1").map(|m| m.1),
            db().lookup("U.S.A.").map(|e| e.canonical.clone())
        );
        // "F. Supp" is itself a variant spelling in reporters-db
        assert_eq!(canon("F. Supp 123"), Some((7, "F. Supp.".into())));
        // a missing period is tolerated only between words, never at the end
        assert_eq!(canon("So 2d 5"), Some((5, "So. 2d".into())));
        assert_ne!(canon("L. Ed 5").map(|m| m.1).as_deref(), Some("L. Ed."));
        assert_eq!(canon("WLX 1"), None);
        assert_eq!(canon("Usual 1"), None);
        assert_eq!(canon("Fxyz"), None);
        assert!(!db().could_start(b' '));
        assert!(!db().could_start(b'1'));
        assert!(db().could_start(b'F'));
    }

    #[test]
    fn westlaw() {
        let text = "2015 WL 5159125, at *3";
        let m = db().match_at(text, 5).unwrap();
        assert_eq!(m.len, 2);
        assert_eq!(m.editions[0].canonical, "WL");
        assert_eq!(m.editions[0].kind, EntryKind::Case);
    }

    #[test]
    fn volume_laws() {
        let text = "42 U.S.C. § 1983";
        let m = db().match_at(text, 3).unwrap();
        assert_eq!((m.len, m.editions[0].canonical.as_str()), (6, "U.S.C."));
        assert_eq!(m.editions[0].kind, EntryKind::Law);
        assert_eq!(canon("C.F.R. § 240.10b-5").unwrap(), (6, "C.F.R.".into()));
        assert_eq!(canon("U. S. C. § 1").unwrap().1, "U.S.C.");
        assert_eq!(canon("Stat. 6").unwrap().1, "Stat.");
    }

    #[test]
    fn journals() {
        let m = db().match_at("Harv. L. Rev. 123", 0).unwrap();
        assert_eq!(m.editions[0].canonical, "Harv. L. Rev.");
        assert_eq!(m.editions[0].kind, EntryKind::Journal);
    }

    #[test]
    fn named_laws() {
        let cases = [
            ("Cal. Penal Code § 187", "Cal. Penal Code", "Cal. Code"),
            (
                "Cal. Civ. Proc. Code § 425.16",
                "Cal. Civ. Proc. Code",
                "Cal. Code",
            ),
            ("Fla. Stat. § 8", "Fla. Stat.", "Fla. Stat."),
            (
                "under Mass. Gen. Laws ch. 93A",
                "Mass. Gen. Laws",
                "Mass. Gen. Laws",
            ),
            ("N.Y. Penal Law § 1", "N.Y. Penal Law", "N.Y. Law"),
            (
                "and Tex. Penal Code Ann. § 22.01",
                "Tex. Penal Code Ann.",
                "Tex. Code Ann.",
            ),
        ];
        for (text, name, canonical) in cases {
            let start = text.find(name).unwrap();
            let end = start + name.len();
            // with the trailing space before "§" (or "ch.") too
            for e in [end, end + 1] {
                let (s, ed) = db()
                    .law_ending_at(text, e)
                    .unwrap_or_else(|| panic!("{text}"));
                assert_eq!((s, ed.canonical.as_str()), (start, canonical), "{text}");
                assert_eq!(ed.kind, EntryKind::Law);
            }
        }
        assert!(db().law_ending_at("the Penal Code ", 15).is_none());
        assert!(db().law_ending_at("XFla. Stat. ", 12).is_none());
    }

    #[test]
    fn lookup_relaxes_spaces() {
        assert_eq!(db().lookup("F.Supp.2d").unwrap().canonical, "F. Supp. 2d");
        assert_eq!(db().lookup("U. S.").unwrap().canonical, "U.S.");
        assert_eq!(db().lookup("Cal.2nd").unwrap().canonical, "Cal. 2d");
        assert!(db().lookup("Nonsense Rptr.").is_none());
        assert!(db().lookup("U.S.").unwrap().scotus);
        assert!(!db().lookup("F.3d").unwrap().scotus);
    }

    #[test]
    fn ambiguous_variants_return_all_candidates() {
        // reporters-db maps "P.R." to several reporters
        let all = db().lookup_all("P.R.");
        assert!(all.len() > 1, "{all:?}");
        let m = db().match_at("P.R. 5", 0).unwrap();
        assert_eq!(m.editions.len(), all.len());
    }

    #[test]
    fn case_name_abbreviation_tables() {
        assert_eq!(expand("Am."), Some("American"));
        assert!(expand_all("Am.").any(|l| l == "America"));
        assert_eq!(abbreviate("American"), Some("Am."));
        assert_eq!(abbreviate("Association"), Some("Ass'n"));
        assert!(case_name_abbreviations()
            .iter()
            .any(|(l, a)| l == "Corporation" && a.contains(&"Corp.".to_string())));
        assert_eq!(expand("Nonsense."), None);
    }

    /// Timing sanity check (not a test): `cargo test --release --lib cite::reporters -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timing_match_at() {
        let text = "See 673 F.Supp.2d 1067, 1072 (C.D. Cal. 2009); 464 F.3d 951; 2015 WL 5159125; 12 Smith v. Jones 5 Cal. App. 4th 1; ";
        let big = text.repeat(40_000);
        let positions: Vec<usize> = big
            .as_bytes()
            .windows(3)
            .enumerate()
            .filter(|(_, w)| w[0].is_ascii_digit() && w[1] == b' ')
            .map(|(i, _)| i + 2)
            .collect();
        let d = db();
        let t = std::time::Instant::now();
        let mut n = 0usize;
        let mut calls = 0usize;
        while calls < 1_000_000 {
            for &p in &positions {
                if d.match_at(&big, p).is_some() {
                    n += 1;
                }
                calls += 1;
            }
        }
        eprintln!("{calls} match_at calls, {n} matches, {:?}", t.elapsed());
    }
}
