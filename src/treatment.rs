//! Treatment: how an order treats each authority it cites — positive,
//! negative, distinguishing or neutral — with the words that show it.
//!
//! The classification reads the citation's signal, its explanatory
//! parentheticals and the sentence it stands in. Negative words win over
//! distinguishing ones, and both over the signal; a citation with no such
//! words is positive when it is cited as direct support (no signal, `see`,
//! `accord`, `see also`) and neutral otherwise (`cf.`, `see generally`,
//! `compare`). This is the start of a citator's depth of treatment, not a
//! reading of the opinion.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Serialize;

use crate::cite::{Citation, CitationKind};

/// How an order treats an authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentKind {
    /// Relied on as support.
    Positive,
    /// Criticized, rejected, or reported as overruled or abrogated.
    Negative,
    /// Distinguished from the case at hand.
    Distinguishing,
    /// Mentioned, compared, or cited as background.
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
}

/// A citation's treatment and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Treatment {
    /// The classification.
    pub kind: TreatmentKind,
    /// The words that decided it (a phrase from the text, or the signal).
    pub evidence: Option<String>,
}

const NEGATIVE: &[&str] = &[
    "overruled",
    "overruling",
    "abrogated",
    "abrogating",
    "disagree",
    "decline to follow",
    "declines to follow",
    "declined to follow",
    "not persuaded by",
    "unpersuasive",
    "reject",
    "criticiz",
    "disapprov",
    "called into doubt",
    "superseded",
    "no longer good law",
    "wrongly decided",
];

const DISTINGUISHING: &[&str] = &[
    "distinguish",
    "inapposite",
    "is inapplicable",
    "not applicable",
    "does not apply",
    "unlike",
    "different from",
    "differs from",
    "do not suggest",
    "does not suggest",
];

const POSITIVE: &[&str] = &[
    "followed",
    "following",
    "agree with",
    "adopt",
    "consistent with",
    "relying on",
    "applying",
];

/// The word lists, in the order they are consulted.
#[derive(Clone, Copy)]
enum Words {
    Negative = 0,
    Distinguishing = 1,
    Positive = 2,
}

impl Words {
    fn phrases(self) -> &'static [&'static str] {
        match self {
            Words::Negative => NEGATIVE,
            Words::Distinguishing => DISTINGUISHING,
            Words::Positive => POSITIVE,
        }
    }
}

/// The earliest-listed phrase of a word list found in `haystack` (the lists
/// are ordered by strength), extended to the end of its word. One
/// Aho-Corasick pass per list, built once, instead of a search per phrase.
fn find_phrase(haystack: &str, words: Words) -> Option<String> {
    static AUTOMATA: OnceLock<[AhoCorasick; 3]> = OnceLock::new();
    let automata = AUTOMATA.get_or_init(|| {
        [Words::Negative, Words::Distinguishing, Words::Positive]
            .map(|w| AhoCorasick::new(w.phrases()).expect("phrase automaton"))
    });
    let best = automata[words as usize]
        .find_overlapping_iter(haystack)
        .min_by_key(|m| (m.pattern().as_usize(), m.start()))?;
    let (i, len) = (
        best.start(),
        words.phrases()[best.pattern().as_usize()].len(),
    );
    let end = haystack[i..]
        .find([' ', ',', '.', ';', ')'])
        .map_or(haystack.len(), |k| i + k.max(len));
    Some(haystack[i..end.min(haystack.len())].to_string())
}

/// The sentence of `clean` around `[start, end)`.
fn sentence_around(clean: &str, start: usize, end: usize) -> &str {
    let b = clean.as_bytes();
    let mut s = start;
    let floor = start.saturating_sub(400);
    while s > floor
        && !(matches!(b[s - 1], b'.' | b'\n')
            && (s == 1 || b[s - 2] != b' ')
            && b.get(s) == Some(&b' '))
    {
        s -= 1;
    }
    let ceil = (end + 200).min(b.len());
    let mut e = end;
    while e < ceil && !matches!(b[e], b'.' | b'\n' | b';') {
        e += 1;
    }
    let boundary = |mut i: usize| {
        while !clean.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    &clean[boundary(s)..boundary(e)]
}

/// Classifies how the order treats the authority of `cite`.
pub fn classify(clean: &str, cite: &Citation) -> Option<Treatment> {
    if cite.authority.is_none() || cite.kind == CitationKind::Record {
        return None;
    }
    let (start, end, _) = cite.clean;
    let mut context = sentence_around(clean, start, end).to_lowercase();
    for p in &cite.parentheticals {
        context.push(' ');
        context.push_str(&p.text.to_lowercase());
    }
    for h in &cite.history {
        context.push(' ');
        context.push_str(&h.phrase);
    }
    let signal = cite.signal.as_deref();
    let (kind, evidence) = if matches!(signal, Some("but see" | "contra" | "but cf.")) {
        (TreatmentKind::Negative, signal.map(str::to_string))
    } else if let Some(e) = find_phrase(&context, Words::Negative) {
        (TreatmentKind::Negative, Some(e))
    } else if let Some(e) = find_phrase(&context, Words::Distinguishing) {
        (TreatmentKind::Distinguishing, Some(e))
    } else if let Some(e) = find_phrase(&context, Words::Positive) {
        (TreatmentKind::Positive, Some(e))
    } else {
        match signal {
            None | Some("see" | "accord" | "see also" | "e.g." | "see, e.g.") => {
                (TreatmentKind::Positive, signal.map(str::to_string))
            }
            Some(other) => (TreatmentKind::Neutral, Some(other.to_string())),
        }
    };
    Some(Treatment { kind, evidence })
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
            treat(
                "The court distinguished Smith v. Jones, 1 F.3d 1 (1st Cir. 1990), on its facts."
            )[0],
            (TreatmentKind::Distinguishing, Some("distinguished".into()))
        );
        assert_eq!(
            treat("Smith v. Jones, 1 F.3d 1 (1st Cir. 1990), abrogated on other grounds by Doe v. Roe, 2 F.3d 2 (2d Cir. 1991).")[0].0,
            TreatmentKind::Negative
        );
        assert_eq!(
            treat("Cf. Smith v. Jones, 1 F.3d 1 (1st Cir. 1990).")[0].0,
            TreatmentKind::Neutral
        );
    }
}
