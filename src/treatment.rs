//! Treatment: what the citing court does with each authority it cites —
//! positive (relies on it), negative (criticizes it, declines to follow it,
//! cites it as contrary authority), distinguishing (finds it inapplicable)
//! or neutral — with the words that decide it.
//!
//! Treatment is a label on the citation; what happened to the authority
//! elsewhere (`overruled by`, `cert. denied`) is its history, a flag kept by
//! [`crate::history`]. A citation cited only as another's history is
//! neutral.
//!
//! A treatment phrase (`data/prose.json`: `we decline to follow`,
//! `distinguishable`, `misplaced`, `unlike`, …; whole words, so `unlike` is
//! not in `unlikely`) counts for a citation only when it acts on that
//! citation's authority: the phrase's target (the words after it for `we
//! decline to follow X` and `unlike X`, the nearest reference before it for
//! `X is distinguishable`) is the citation itself, a citation of the same
//! authority, a name of its case (`Hahn is distinguishable`), or a word that
//! refers to it (`this case`, `the statute`) while it is cited in that
//! sentence or the one before or after. The phrase is looked for in the
//! citation's sentence, the sentence it supports, and the two sentences
//! after it. A phrase in a clause that reports a party's argument (`Romo
//! argues that Svedlund does not apply`) is the party's, not the court's; an
//! explanatory parenthetical (`(rejecting the federal standard)`) says what
//! the cited court did, not what this one does, and is not read.
//!
//! Without such a phrase: `but see`, `contra` and `but cf.` are negative;
//! `cf.`, `see generally` and `compare` neutral; an authority a party relies
//! on (`Hicks relies on X`) or named in a procedural passage is neutral;
//! anything else is cited as support, positive.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Serialize;

use crate::cite::{Citation, CitationKind};
use crate::history::{has_word, name_words};
use crate::propositions::{CitedFor, NoProposition};
use crate::prose::{vocab, Prose, Target};

/// How an order treats an authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentKind {
    /// Relied on as support.
    Positive,
    /// Criticized, rejected, declined, or cited as contrary authority.
    Negative,
    /// Distinguished from the case at hand.
    Distinguishing,
    /// Mentioned, compared, cited as background or only as history.
    Neutral,
}

impl TreatmentKind {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentKind::Positive => "positive",
            TreatmentKind::Negative => "negative",
            TreatmentKind::Distinguishing => "distinguishing",
            TreatmentKind::Neutral => "neutral",
        }
    }

    fn from_data(s: &str) -> TreatmentKind {
        match s {
            "negative" => TreatmentKind::Negative,
            "distinguishing" => TreatmentKind::Distinguishing,
            "positive" => TreatmentKind::Positive,
            _ => TreatmentKind::Neutral,
        }
    }

    /// Which of two found kinds wins: negative, then distinguishing, then positive.
    fn rank(self) -> u8 {
        match self {
            TreatmentKind::Negative => 0,
            TreatmentKind::Distinguishing => 1,
            TreatmentKind::Positive => 2,
            TreatmentKind::Neutral => 3,
        }
    }
}

/// A citation's treatment and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Treatment {
    /// The classification.
    pub kind: TreatmentKind,
    /// The words that decided it (a phrase from the text, or the signal).
    pub evidence: Option<String>,
}

/// One automaton over every treatment phrase, case-insensitive.
fn automaton() -> &'static AhoCorasick {
    static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        // A DFA: the whole text is scanned once per order, and a
        // case-insensitive search gets no fast prefilter.
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(vocab().treatment.iter().map(|t| t.phrase.as_str()))
            .expect("treatment phrase automaton")
    })
}

/// Inflections a phrase may carry (`overrule` → `overruled`); anything
/// else after it (`unlike` → `unlikely`) makes it another word.
const SUFFIXES: &[&str] = &["", "s", "d", "ed", "es", "ing"];

/// A treatment phrase found in the text: (start, end, index into the vocabulary).
type Found = (usize, usize, usize);

fn find_phrases(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric();
    automaton()
        .find_iter(text)
        .filter_map(|m| {
            if m.start() > 0 && word(b[m.start() - 1]) {
                return None;
            }
            let rest = &text[m.end()..];
            let tail = rest.bytes().take_while(|&c| word(c)).count();
            let suffix = &rest[..tail];
            SUFFIXES
                .iter()
                .any(|s| suffix.eq_ignore_ascii_case(s))
                .then_some((m.start(), m.end() + tail, m.pattern().as_usize()))
        })
        .collect()
}

/// Where the clause holding `pos` starts within the sentence starting at `from`.
fn clause_start(text: &str, from: usize, pos: usize) -> usize {
    text[from..pos]
        .rfind([';', ':'])
        .map_or(from, |k| from + k + 1)
}

/// Does the clause before `pos` report what a party says or relies on?
fn party_clause(text: &str, from: usize, pos: usize) -> bool {
    let clause = &text[clause_start(text, from, pos)..pos];
    let cues = &vocab().party_cues;
    let mut court = false;
    for w in clause.split(|c: char| !c.is_ascii_alphabetic()) {
        if matches!(w, "we" | "We" | "I") {
            court = true;
        }
        let cue = if w.bytes().all(|b| b.is_ascii_lowercase()) {
            cues.contains(w)
        } else {
            cues.contains(&w.to_ascii_lowercase())
        };
        if cue && !court {
            return true;
        }
    }
    false
}

/// Does the clause before `pos` have the citing court as its subject?
fn court_clause(text: &str, from: usize, pos: usize) -> bool {
    let clause = &text[clause_start(text, from, pos)..pos];
    clause
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| matches!(w, "we" | "We" | "I" | "us"))
        || clause.to_ascii_lowercase().contains("this court")
}

struct Order<'a> {
    text: &'a str,
    prose: &'a Prose,
    cites: &'a [Citation],
    /// Name words of every authority cited, by authority key.
    names: HashMap<&'a str, Vec<&'a str>>,
    phrases: Vec<Found>,
}

impl<'a> Order<'a> {
    /// The authority key a citation stands for, or its own position.
    fn key(&self, i: usize) -> Option<&'a str> {
        self.cites[i].authority.as_deref()
    }

    /// Is citation `j` a citation of what `i` cites?
    fn same(&self, i: usize, j: usize) -> bool {
        i == j
            || self.key(i).is_some() && self.key(i) == self.key(j)
            || self
                .key(j)
                .is_some_and(|k| self.cites[i].parallel.iter().any(|p| p == k))
    }

    fn names(&self, i: usize) -> Vec<&'a str> {
        let mut v = name_words(&self.cites[i]);
        if let Some(k) = self.key(i) {
            if let Some(n) = self.names.get(k) {
                v.extend(n.iter().copied());
            }
        }
        v
    }

    /// Is `i` cited in sentence `s`, one of the two before it, or the one after?
    fn cited_near(&self, i: usize, s: usize) -> bool {
        // "this decision" may stand two sentences after the case's last citation.
        let lo = self.prose.sentences[s.saturating_sub(2)].start;
        let hi = self
            .prose
            .sentences
            .get(s + 1)
            .map_or(self.text.len(), |x| x.end);
        (0..self.cites.len())
            .any(|j| self.same(i, j) && self.cites[j].clean.0 >= lo && self.cites[j].clean.0 < hi)
    }

    /// Does `[a, b)` hold a reference to `i`'s authority? Returns the
    /// position of the first (`after`) or last (`!after`) reference to any
    /// authority there, and whether it is `i`'s.
    fn reference(&self, i: usize, s: usize, a: usize, b: usize, after: bool) -> Option<bool> {
        let mut refs: Vec<(usize, bool)> = Vec::new();
        for (j, c) in self.cites.iter().enumerate() {
            let (cs, ce) = (c.clean.0, c.clean.1);
            if ce > a && cs < b {
                // Before a predicate (`reliance on X, cert. denied, …, misplaced`)
                // a history citation stands for its case.
                let target = if after { j } else { c.history_of.unwrap_or(j) };
                refs.push((
                    if after { cs.max(a) } else { ce.min(b) },
                    self.same(i, target),
                ));
            }
        }
        let window = &self.text[a..b];
        for n in self.names(i) {
            for (k, _) in window.match_indices(n) {
                if has_word(&window[k..k + n.len()], n)
                    && !window[..k].ends_with(|c: char| c.is_alphanumeric())
                    && !window[k + n.len()..].starts_with(|c: char| c.is_alphanumeric())
                {
                    refs.push((a + k, true));
                }
            }
        }
        let lower = window.to_ascii_lowercase();
        for an in &vocab().anaphors {
            for (k, _) in lower.match_indices(an.as_str()) {
                let whole = !lower[..k].ends_with(|c: char| c.is_ascii_alphanumeric())
                    && !lower[k + an.len()..].starts_with(|c: char| c.is_ascii_alphanumeric());
                if whole {
                    refs.push((a + k, self.cited_near(i, s)));
                }
            }
        }
        if after {
            refs.into_iter().min_by_key(|r| r.0).map(|r| r.1)
        } else {
            refs.into_iter().max_by_key(|r| r.0).map(|r| r.1)
        }
    }

    /// Does `pos` stand inside a quotation (the source's words) or a
    /// citation's parenthetical (what the cited court did)?
    fn quoted_or_parenthetical(&self, pos: usize) -> bool {
        let q = self.prose.quotes.partition_point(|q| q.1 <= pos);
        if self.prose.quotes.get(q).is_some_and(|q| q.0 <= pos) {
            return true;
        }
        let k = self.cites.partition_point(|c| c.clean.0 <= pos);
        self.cites[k.saturating_sub(3)..k]
            .iter()
            .any(|c| c.clean.1 <= pos && pos < c.clean.2)
    }

    /// The strongest treatment phrase acting on `i`'s authority in sentence `s`.
    fn phrase_in(&self, i: usize, s: usize) -> Option<(TreatmentKind, String)> {
        let sent = self.prose.sentences[s];
        let first = self.phrases.partition_point(|p| p.0 < sent.start);
        let mut best: Option<(TreatmentKind, String)> = None;
        for &(ps, pe, k) in self.phrases[first..].iter().take_while(|p| p.1 <= sent.end) {
            let t = &vocab().treatment[k];
            let kind = TreatmentKind::from_data(&t.kind);
            if best.as_ref().is_some_and(|b| b.0.rank() <= kind.rank()) {
                continue;
            }
            if party_clause(self.text, sent.start, ps) || self.quoted_or_parenthetical(ps) {
                continue;
            }
            // `We decline to follow X`: the court's own act, not a cited court's.
            if kind == TreatmentKind::Negative
                && t.target == Target::After
                && !court_clause(self.text, sent.start, ps)
            {
                continue;
            }
            let hit = match t.target {
                Target::After => {
                    let end = crate::text::floor_char_boundary(self.text, (pe + 90).min(sent.end));
                    // The object ends where a clause of its own begins: in `We
                    // disagree with MCRR's contention that … it would argue`,
                    // `it` is not what the court disagrees with.
                    let end = [" that ", " which ", " because ", " if "]
                        .iter()
                        .filter_map(|w| self.text[pe..end].find(w))
                        .min()
                        .map_or(end, |k| pe + k);
                    let rest = self.text[pe..end].to_ascii_lowercase();
                    // `unlike the case at bar`: the cited case is compared with this one.
                    let present = [
                        "the case at bar",
                        "the present case",
                        "the instant case",
                        "this case",
                        "the case before us",
                    ]
                    .iter()
                    .any(|p| rest.trim_start().starts_with(p));
                    if present && kind == TreatmentKind::Distinguishing {
                        self.reference(i, s, sent.start, sent.end, true) == Some(true)
                    } else {
                        self.reference(i, s, pe, end, true) == Some(true)
                    }
                }
                Target::Before => {
                    let from = clause_start(self.text, sent.start, ps);
                    self.reference(i, s, from, ps, false) == Some(true)
                }
            };
            if hit {
                best = Some((kind, self.text[ps..pe].to_string()));
            }
        }
        best
    }
}

/// Classifies how the order treats the authority of each citation
/// (aligned with `cites`; `None` for record cites). An unresolved citation
/// is classified too: the words around it say what the court does with it.
/// `cited_for` is what each citation is cited for ([`crate::propositions::extract`]).
pub fn classify(
    text: &str,
    prose: &Prose,
    cites: &[Citation],
    cited_for: &[CitedFor],
) -> Vec<Option<Treatment>> {
    let mut names: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in cites {
        if let Some(k) = c.authority.as_deref() {
            let v = names.entry(k).or_default();
            for n in name_words(c) {
                if !v.contains(&n) {
                    v.push(n);
                }
            }
        }
    }
    let order = Order {
        text,
        prose,
        cites,
        names,
        phrases: find_phrases(text),
    };
    let mut signal_of: Vec<Option<&str>> = Vec::with_capacity(cites.len());
    let mut out = Vec::with_capacity(cites.len());
    for (i, c) in cites.iter().enumerate() {
        // A signal carries to the citations after it in the same string cite.
        let inherited = (i > 0 && c.signal.is_none() && c.nested_in.is_none())
            .then(|| {
                let p = (0..i).rev().find(|&j| cites[j].nested_in.is_none())?;
                let gap = text.get(cites[p].clean.2..c.clean.0)?.trim();
                (gap == ";").then(|| signal_of[p]).flatten()
            })
            .flatten();
        let signal = c
            .signal
            .as_deref()
            .or(inherited)
            .or_else(|| contrary_signal_before(text, c.clean.0));
        signal_of.push(signal);
        out.push(treat(&order, i, signal, cited_for.get(i)));
    }
    out
}

/// `But see` or `Contra` standing before a citation whose case name the
/// scan did not take whole (`But see Mobay Corp. v. …`): the signal.
fn contrary_signal_before(text: &str, start: usize) -> Option<&'static str> {
    let from = crate::text::floor_char_boundary(text, start.saturating_sub(60));
    let head = &text[from..start.min(text.len())];
    // `RCW 49.60.180;but see …`: a semicolon without its space ends a word too.
    let mut words: Vec<&str> = head
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    // Back over the rest of a name the scan did not take (`Mobay Corp. v.`,
    // `Americans with Disabilities Act of 1990,`).
    while words.last().is_some_and(|w| {
        let name_word = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(
                *w,
                "of" | "and" | "the" | "for" | "with" | "on" | "v." | "&"
            );
        name_word && !matches!(*w, "See" | "Contra" | "Contra,")
    }) {
        words.pop();
    }
    let n = words.len();
    let last = |k: usize| words.get(n.wrapping_sub(k)).copied().unwrap_or("");
    if last(1).eq_ignore_ascii_case("see") && last(2).eq_ignore_ascii_case("but") {
        return Some("but see");
    }
    last(1)
        .trim_end_matches(',')
        .eq_ignore_ascii_case("contra")
        .then_some("contra")
}

/// Is `s` empty or only a signal (`See`, `See also`, `E.g.,`), the opening
/// of a citation sentence?
fn only_signal(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic() && c != '.')
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w.trim_end_matches('.').to_ascii_lowercase().as_str(),
                "see" | "also" | "e.g" | "accord" | "cf" | "generally"
            )
        })
}

fn treat(
    order: &Order<'_>,
    i: usize,
    signal: Option<&str>,
    cited_for: Option<&CitedFor>,
) -> Option<Treatment> {
    let c = &order.cites[i];
    if c.kind == CitationKind::Record {
        return None;
    }
    let make = |kind, evidence: Option<&str>| {
        Some(Treatment {
            kind,
            evidence: evidence.map(str::to_string),
        })
    };
    if let Some(x) = c.history_of {
        let phrase = order.cites[x]
            .history
            .iter()
            .find(|h| h.citation == Some(i))
            .map(|h| h.phrase.as_str());
        return make(
            TreatmentKind::Neutral,
            phrase.or(Some("subsequent history")),
        );
    }
    let prose = order.prose;
    let s0 = prose.sentence_at(c.clean.0)?;
    // The sentences to read: the one it stands in, the one it supports, and two after.
    let mut sentences = vec![s0];
    if s0 > 0 {
        sentences.push(s0 - 1);
    }
    for k in 1..=2 {
        if s0 + k < prose.sentences.len() {
            sentences.push(s0 + k);
        }
    }
    let found = sentences
        .iter()
        .filter_map(|&s| order.phrase_in(i, s))
        .min_by_key(|f| f.0.rank());
    if let Some((kind, evidence)) = found.clone().filter(|f| f.0 != TreatmentKind::Positive) {
        return make(kind, Some(&evidence));
    }
    if matches!(signal, Some("but see" | "contra" | "but cf.")) {
        // Contrary enacted law is set beside the point, not criticised or
        // declined the way a contrary case is.
        let enacted = matches!(
            c.kind,
            CitationKind::Statute
                | CitationKind::Regulation
                | CitationKind::Rule
                | CitationKind::Constitution
        );
        let kind = if enacted {
            TreatmentKind::Neutral
        } else {
            TreatmentKind::Negative
        };
        return make(kind, signal);
    }
    if let Some((kind, evidence)) = found {
        return make(kind, Some(&evidence));
    }
    if let Some(s @ ("cf." | "see generally" | "compare")) = signal {
        return make(TreatmentKind::Neutral, Some(s));
    }
    let sent = prose.sentences[s0];
    if party_clause(order.text, sent.start, c.clean.0.max(sent.start)) {
        return make(TreatmentKind::Neutral, Some("a party's authority"));
    }
    // A citation sentence (`See X.`) after a sentence reporting what a party
    // argues or cites, with no word of the court's own in it.
    let opens_sentence = only_signal(&order.text[sent.start..c.clean.0.max(sent.start)]);
    if opens_sentence && s0 > 0 {
        let before = prose.sentences[s0 - 1];
        if party_clause(order.text, before.start, before.end)
            && !court_clause(order.text, before.start, before.end)
        {
            return make(TreatmentKind::Neutral, Some("a party's authority"));
        }
    }
    if cited_for.is_some_and(|cf| cf.none == Some(NoProposition::Procedural)) {
        return make(TreatmentKind::Neutral, Some("procedural"));
    }
    make(TreatmentKind::Positive, signal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn treat(text: &str) -> Vec<(TreatmentKind, Option<String>)> {
        crate::analyze(text)
            .treatments
            .into_iter()
            .flatten()
            .map(|t| (t.kind, t.evidence))
            .collect()
    }

    #[test]
    fn classifies_by_words_then_signal() {
        assert_eq!(
            treat("See Smith v. Jones, 1 F.3d 1 (1st Cir. 1990).")[0].0,
            TreatmentKind::Positive
        );
        assert_eq!(
            treat("But see Smith v. Jones, 1 F.3d 1 (1st Cir. 1990).")[0],
            (TreatmentKind::Negative, Some("but see".into()))
        );
        assert_eq!(
            treat("Cf. Smith v. Jones, 1 F.3d 1 (1st Cir. 1990).")[0].0,
            TreatmentKind::Neutral
        );
    }

    /// Failure pattern 4 (issue 15): "unlikely" is not "unlike"; from a
    /// corpus sentence about a juror's bias.
    #[test]
    fn unlikely_is_not_unlike() {
        let t = treat("It is unlikely that the juror was biased. Smith v. Jones, 1 F.3d 1, 5 (1st Cir. 1990).");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
        let t = treat("The respondent here did not involve a client, unlike the respondent in Powell. See In re Powell, 126 Ill. 2d 15, 32 (1988).");
        assert_eq!(t[0].0, TreatmentKind::Distinguishing, "{t:?}");
    }

    /// Failure pattern 4, from a Hawaii opinion of the corpus: an
    /// explanatory parenthetical saying what the cited court rejected is not
    /// this court rejecting the cited case.
    #[test]
    fn parenthetical_verbs_are_the_cited_courts() {
        let t = treat("We apply the state standard. See State v. Lessary, 75 Haw. 446, 865 P.2d 150 (1994) (rejecting the federal standard).");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
    }

    /// Failure pattern 4, from the corpus (a Texas dissent and an Illinois
    /// opinion): the distinguishing words name the case in a later sentence.
    #[test]
    fn distinguishing_by_name_in_a_later_sentence() {
        let t = treat("The majority opinion relies on Hahn v. State, 502 S.W.2d 724 (Tex. Crim. App. 1973). Hahn is distinguishable because the defendant drove the car.");
        assert_eq!(
            t[0],
            (
                TreatmentKind::Distinguishing,
                Some("distinguishable".into())
            )
        );
        let t = treat("Hicks relies on Ward v. Village of Monroeville, 409 U.S. 57 (1972), as authority for his argument. We find his reliance on Ward is misplaced.");
        assert_eq!(t[0].0, TreatmentKind::Distinguishing, "{t:?}");
        // A party's words are not the court's.
        let t = treat("In Svedlund v. Anchorage, 671 P.2d 378, 382 (Alaska App. 1983), we held that the exam is not a critical stage. Romo argues that Svedlund does not apply here.");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
    }

    /// Failure pattern 4: in `X, overruled on other grounds by Y` the
    /// overruling case Y is neutral (X's negative history is its flag).
    #[test]
    fn the_overruling_case_is_neutral() {
        let a = crate::analyze("Counsel must be present. Smith v. Jones, 1 F.3d 1 (1st Cir. 1990), overruled on other grounds by Doe v. Roe, 2 F.3d 2 (2d Cir. 1991).");
        let t: Vec<_> = a.treatments.iter().flatten().map(|t| t.kind).collect();
        assert_eq!(t, [TreatmentKind::Positive, TreatmentKind::Neutral]);
        assert!(a.citations[0].history[0].negative);
    }

    /// From a Georgia opinion of the corpus: "is not applicable" inside the
    /// quotation is the cited court's rule, not this court distinguishing it.
    #[test]
    fn quoted_words_are_the_sources() {
        let t = treat("We agree. \"[R]es ipsa loquitur should be applied with caution and only in extreme cases, and is not applicable when there is an intermediary cause which could have produced the injury.\" Kmart Corp. v. Larsen, 240 Ga. App. 351, 352 (1999).");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
    }

    /// From a Washington opinion of the corpus: `but see` before a statute
    /// marks contrary law, which a court does not criticise the way it
    /// rejects a case; written without a space after the semicolon too.
    #[test]
    fn but_see_a_statute_is_neutral_and_a_case_negative() {
        let t = treat("The scope of Title VII is not as broad. Compare 42 U.S.C. § 2000e-2 with RCW 49.60.180;but see Americans with Disabilities Act of 1990, 42 U.S.C. § 12101 (protecting against discrimination because of disability).");
        assert_eq!(t.last().unwrap().0, TreatmentKind::Neutral, "{t:?}");
        let t = treat("The rule is settled. See Smith v. Jones, 1 F.3d 1 (1st Cir. 1990);but see Doe v. Roe, 2 F.3d 2 (2d Cir. 1991).");
        assert_eq!(t.last().unwrap().0, TreatmentKind::Negative, "{t:?}");
    }

    /// From a South Carolina opinion of the corpus: a citation sentence
    /// supporting a sentence that reports a party's argument is the party's
    /// authority; the court's own sentence is not.
    #[test]
    fn a_citation_sentence_after_a_partys_argument_is_neutral() {
        let t = treat("In support of his argument, Husband cites authority that one circuit judge cannot overrule a standing order of another circuit court judge. See Charleston County Dept. of Social Services v. Father, 317 S.C. 283, 288, 454 S.E.2d 307, 310 (1995) (holding that a trial judge cannot overrule an order from another trial judge).");
        assert_eq!(t[0].0, TreatmentKind::Neutral, "{t:?}");
        let t = treat("The husband contends the order was void, but we hold that it stands. See Doe v. Roe, 317 S.C. 283, 288 (1995).");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
    }

    /// From a Vermont opinion of the corpus: the case cited for the report
    /// that another was overruled is the overruling case (neutral); the
    /// case reported overruled is negative.
    #[test]
    fn the_source_of_a_reported_overruling_is_neutral() {
        let t = treat("The jury was charged under State v. Audette, 149 Vt. 218, 543 A.2d 1315 (1988). After the trial in this case, Audette was overruled in this respect. State v. Sargent, 156 Vt. 463, 465, 594 A.2d 401, 402 (1991) (\"While the `should have known' language appears in dicta in Audette itself, the inquiry is a subjective one.\").");
        let sargent = t.len() - 2;
        assert_eq!(t[sargent].0, TreatmentKind::Neutral, "{t:?}");
        let a = crate::analyze("The jury was charged under State v. Audette, 149 Vt. 218, 543 A.2d 1315 (1988). After the trial in this case, Audette was overruled in this respect. State v. Sargent, 156 Vt. 463, 465, 594 A.2d 401, 402 (1991).");
        assert!(
            a.citations[0].history.iter().any(|h| h.negative),
            "{:?}",
            a.citations[0].history
        );
    }

    /// From a South Carolina opinion of the corpus: a case the court says it
    /// does not rest its conclusions upon is mentioned, not relied on.
    #[test]
    fn a_case_the_court_does_not_rely_on_is_neutral() {
        let t = treat("So, also, the case of Drexler v. Tyrrell, 15 Nev. 114 (1880), seems to sustain the view which we have adopted; but as the writer has not access to that case, we do not rest our conclusions upon it.");
        assert_eq!(t[0].0, TreatmentKind::Neutral, "{t:?}");
    }

    /// From a Maine opinion of the corpus: the court disagrees with a
    /// party's contention, not with the case cited before it.
    #[test]
    fn the_object_of_a_treatment_phrase_ends_at_its_clause() {
        let t = treat("\"Where the trial court's ultimate conclusion is correct in law, it must be sustained on appeal.\" Baybutt Const. Corp. v. Commercial Union Ins. Co., 455 A.2d 914, 917 (Me. 1983). We disagree with MCRR's contention that the State must cross-appeal if it would argue any other theory.");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
    }

    /// From a California opinion of the corpus: "this decision" two
    /// sentences after the case's *Id.* refers to it.
    #[test]
    fn an_anaphor_reaches_back_two_sentences() {
        let t = treat("The Montalvo court held that any such error could not be corrected. (People v. Montalvo (1982) 135 Cal.App.3d 57, 63.) The error in the original sentence was the same as that which might have occurred when the Montalvo court made its finding. However, we are not persuaded by the analysis of this decision.");
        assert_eq!(t[0].0, TreatmentKind::Negative, "{t:?}");
    }

    #[test]
    fn declining_to_follow_names_its_target() {
        let t = treat("We decline to follow the holding of DeLuca v. Long Island Lighting Co., 862 F.2d 427 (2d Cir. 1988).");
        assert_eq!(t[0].0, TreatmentKind::Negative);
        // The cited court did the declining.
        let t = treat("But in Hartwig Farms, Inc. v. Pacific Gamble Robinson Co., 28 Wash. App. 539, 543-44 (1981), the Washington Court of Appeals expressly declined to follow Roto-Lith, holding otherwise.");
        assert_eq!(t[0].0, TreatmentKind::Positive, "{t:?}");
    }
}
