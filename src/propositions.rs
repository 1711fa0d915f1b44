//! Propositions: what each citation is cited for, and which propositions in
//! different orders are the same.
//!
//! For a citation the proposition is, in order of preference:
//! 1. a quotation in its own parenthetical (`("Plaintiffs have not responded …")`);
//! 2. the quoted passage or passages of the sentence it supports;
//! 3. that sentence itself.
//!
//! A citation sentence (`… evidence." Leon, 464 F.3d at 959.`) supports the
//! textual sentence before it; a citation inside a sentence supports that
//! sentence. A citation inside `X (quoting Y)` is cited for X's proposition,
//! reached through X. Explanatory parentheticals (`(holding that …)`) are
//! kept beside the proposition.
//!
//! Two propositions are the same when, for the same authority, their word
//! trigrams have a Jaccard similarity of at least [`JACCARD_SAME`], or one's
//! trigrams are at least [`CONTAINMENT_SAME`] contained in the other's (a
//! shorter excerpt of the same passage). Before comparing, text is folded:
//! lower case, bracketed alterations (`[f]ederal` → `federal`), ellipses,
//! quotation marks and punctuation removed. Line numbers and OCR furniture are
//! already gone from the clean text.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::cite::{Citation, CitationKind, EDITORIAL};
use crate::prose::{vocab, Prose};
use crate::text::Normalized;

/// Trigram Jaccard similarity at or above which two propositions are one.
pub const JACCARD_SAME: f64 = 0.5;
/// Containment of the smaller trigram set in the larger at or above which two propositions are one.
pub const CONTAINMENT_SAME: f64 = 0.8;
/// Containment only counts when the smaller passage has at least this many trigrams.
pub const CONTAINMENT_MIN_TRIGRAMS: usize = 6;

/// What one citation in one order is cited for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposition {
    /// Index of the citation in the order's citation list.
    pub citation: usize,
    /// The authority cited.
    pub authority: String,
    /// The proposition, as the order words it (clean text).
    pub text: String,
    /// Whether `text` is quoted from the authority rather than the order's own sentence.
    pub quoted: bool,
    /// An explanatory parenthetical (`holding that …`), if any.
    pub explanation: Option<String>,
    /// Pin cite of the citation.
    pub pin: Option<String>,
    /// Signal of the citation.
    pub signal: Option<String>,
    /// When the authority is reached through another's `(quoting …)`: that authority.
    pub through: Option<String>,
    /// Byte span of the proposition text in the original file.
    pub start: usize,
    /// End (exclusive) of that span.
    pub end: usize,
    /// Folded words used for matching.
    #[serde(skip)]
    pub tokens: Vec<String>,
}

/// Lower-cases and strips alterations, ellipses, quotes and punctuation.
pub fn fold(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // "[f]ederal" → "federal"; "[T]he" → "the"; longer insertions keep their words.
            '[' | ']' => {}
            c if c.is_alphanumeric() => cur.extend(c.to_lowercase()),
            '\'' | '’' if !cur.is_empty() && chars.peek().is_some_and(|n| n.is_alphabetic()) => {}
            _ => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The passage's word trigrams as 32-bit hashes, sorted and deduplicated
/// (a passage under three words is one "trigram" of all its words). Each word
/// is hashed once and windows combine three word hashes: SipHash over every
/// window and then a `HashSet` made this a tenth of the build's analysis.
fn trigrams(tokens: &[String]) -> Vec<u32> {
    // FNV-1a: words are short, and the hash only has to be stable within a run.
    let word = |w: &String| {
        w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    // splitmix64's finalizer spreads the combined words over all 64 bits
    // before they are folded to 32.
    let finish = |mut h: u64| {
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^= h >> 31;
        (h >> 32) as u32 ^ h as u32
    };
    let combine = |ws: &[u64]| {
        finish(ws.iter().fold(ws.len() as u64, |h, &w| {
            h.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(w)
        }))
    };
    let words: Vec<u64> = tokens.iter().map(word).collect();
    let mut v: Vec<u32> = if words.len() < 3 {
        vec![combine(&words)]
    } else {
        words.windows(3).map(combine).collect()
    };
    v.sort_unstable();
    v.dedup();
    v
}

/// Similarity of two folded passages: (Jaccard, containment of the smaller), on word trigrams.
pub fn similarity(a: &[String], b: &[String]) -> (f64, f64) {
    Shingles::of(a).similarity(&Shingles::of(b))
}

/// Are two folded passages the same proposition? See the module docs for the thresholds.
pub fn same_proposition(a: &[String], b: &[String]) -> bool {
    Shingles::of(a).same_as(&Shingles::of(b))
}

/// A passage's word trigrams, kept compactly (sorted 32-bit hashes, about
/// 4 bytes a word) to compare it with later passages.
#[derive(Debug, Clone, Default)]
pub struct Shingles(Vec<u32>);

impl Shingles {
    /// The trigrams of folded words.
    pub fn of(tokens: &[String]) -> Self {
        Shingles(trigrams(tokens))
    }
    /// (Jaccard, containment of the smaller) of the two trigram sets.
    pub fn similarity(&self, other: &Shingles) -> (f64, f64) {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut inter) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    inter += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let union = a.len() + b.len() - inter;
        let smaller = a.len().min(b.len());
        let jaccard = if union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        };
        let containment = if smaller < CONTAINMENT_MIN_TRIGRAMS {
            0.0
        } else {
            inter as f64 / smaller as f64
        };
        (jaccard, containment)
    }
    /// Whether the two passages are one proposition: see the module docs for the thresholds.
    pub fn same_as(&self, other: &Shingles) -> bool {
        let (j, c) = self.similarity(other);
        j >= JACCARD_SAME || c >= CONTAINMENT_SAME
    }
    /// Bytes of memory it holds.
    pub fn heap_bytes(&self) -> usize {
        self.0.capacity() * 4
    }
}

fn is_editorial(p: &crate::cite::Parenthetical) -> bool {
    p.relation
        .as_deref()
        .is_some_and(|r| EDITORIAL.contains(&r))
}

/// Why a citation has no proposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoProposition {
    /// Cited only as another citation's subsequent history (`X, cert.
    /// denied, 494 U.S. 1082`; `Y` in `X, overruled by Y`).
    History,
    /// A cite to the record of the case.
    Record,
    /// Its authority is unknown (an *Id.* after an unresolved cite, a
    /// section without its code): the passage is given, but no authority holds it.
    Unresolved,
    /// Nothing in the order says what it is cited for: no text before a
    /// citation sentence, a footnote marker, a case name, citation debris.
    Boilerplate,
    /// The passage reports the case's own proceedings (`The indictment
    /// charged …`), not a point of law.
    Procedural,
}

impl NoProposition {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            NoProposition::History => "history",
            NoProposition::Record => "record",
            NoProposition::Unresolved => "unresolved",
            NoProposition::Boilerplate => "boilerplate",
            NoProposition::Procedural => "procedural",
        }
    }
}

/// What one citation is cited for, whether or not that makes a proposition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedFor {
    /// The passage it supports (clean text), where the order states one.
    pub text: Option<String>,
    /// Whether `text` is quoted rather than the order's own words.
    pub quoted: bool,
    /// Byte span of `text` in the original file.
    pub start: usize,
    /// End (exclusive) of that span.
    pub end: usize,
    /// Its explanatory parenthetical (`holding that …`), if any.
    pub explanation: Option<String>,
    /// Index into the order's propositions, when it makes one.
    pub proposition: Option<usize>,
    /// Why it makes none.
    pub none: Option<NoProposition>,
}

/// Propositions and what each citation is cited for, from one order.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The propositions: citations of known authorities with a passage that states a point.
    pub propositions: Vec<Proposition>,
    /// One entry per citation, aligned with the citation list.
    pub cited_for: Vec<CitedFor>,
}

/// A passage in clean offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Passage {
    start: usize,
    end: usize,
    quoted: bool,
}

/// The proposition of every citation in one order. `cites` must be resolved.
pub fn propositions(doc: &Normalized<'_>, cites: &[Citation]) -> Vec<Proposition> {
    extract(doc, &Prose::parse(&doc.text), cites).propositions
}

/// What every citation of one order is cited for, and the propositions
/// among them. `cites` must be resolved and carry their history
/// ([`crate::history::record`]); `prose` is the structure of `doc.text`.
pub fn extract(doc: &Normalized<'_>, prose: &Prose, cites: &[Citation]) -> Extracted {
    let text = doc.text.as_str();
    let n = cites.len();
    // A citation inside the parenthetical of the one before it that the
    // scan did not link (`… at 902 (quoting Erie …)`) is nested in it too.
    let mut parent: Vec<Option<usize>> = cites.iter().map(|c| c.nested_in).collect();
    let mut last_top: Option<usize> = None;
    for i in 0..n {
        if parent[i].is_some() {
            continue;
        }
        if let Some(p) = last_top {
            let (_, pe, pa) = cites[p].clean;
            if cites[i].clean.0 >= pe && cites[i].clean.0 < pa {
                parent[i] = Some(p);
                continue;
            }
        }
        last_top = Some(i);
    }
    let top: Vec<usize> = (0..n).filter(|&i| parent[i].is_none()).collect();
    // The lead of each top-level citation's chain (`A; see also B`,
    // parallels, `A, cert. denied, B`), and where each chain ends.
    let mut lead: Vec<usize> = (0..n).collect();
    let mut chain_end = vec![0usize; n];
    for w in 0..top.len() {
        let i = top[w];
        if w > 0 {
            let p = top[w - 1];
            if cites[i].history_of.is_some() || connected(text, cites[p].clean.2, cites[i].clean.0)
            {
                lead[i] = lead[p];
            }
        }
        let l = lead[i];
        chain_end[l] = chain_end[l].max(cites[i].clean.2);
    }
    let spans: Vec<(usize, usize)> = top
        .iter()
        .map(|&i| citation_span(text, &cites[i]))
        .collect();
    let ctx = Context {
        text,
        prose,
        spans: &spans,
    };
    let mut out = Extracted::default();
    let mut found: Vec<Result<Passage, NoProposition>> = Vec::with_capacity(n);
    // The last passage read: its span, text, folded words, and whether it is
    // boilerplate or procedural.
    type Read = ((usize, usize), String, Vec<String>, (bool, bool));
    let mut folded: Option<Read> = None;
    for (i, c) in cites.iter().enumerate() {
        let mut through = None;
        let outcome = if c.kind == CitationKind::Record {
            Err(NoProposition::Record)
        } else if c.history_of.is_some() {
            Err(NoProposition::History)
        } else if let Some(parent) = parent[i].filter(|&p| p < i) {
            through = cites[parent].authority.clone();
            // `X (quoting Y)`: Y is cited for the words X quotes from it.
            let quoting = cites[parent]
                .parentheticals
                .iter()
                .any(|p| p.relation.as_deref() == Some("quoting"));
            match found[parent] {
                Ok(p) if quoting => Ok(ctx.quoted_within(p)),
                other => other,
            }
        } else if let Some(p) = c
            .parentheticals
            .iter()
            .find(|p| !is_editorial(p) && p.text.starts_with('"'))
        {
            // A quotation in the citation's own parenthetical.
            let inner = p.text.trim_matches('"').trim_end_matches(['.', '"']);
            let at = text[..c.clean.2.min(text.len())]
                .rfind(inner)
                .unwrap_or(c.clean.0);
            Ok(Passage {
                start: at,
                end: at + inner.len(),
                quoted: true,
            })
        } else if lead[i] != i {
            found[lead[i]]
        } else {
            ctx.supported(c.clean.0, chain_end[i])
        };
        found.push(outcome);
        let explanation = explanation_of(c).or_else(|| {
            // The clause follows the last of the case's parallel citations.
            let mut end = c.clean.2;
            for next in &cites[i + 1..] {
                let parallel = next
                    .authority
                    .as_ref()
                    .is_some_and(|a| c.parallel.contains(a));
                if !parallel || text.get(end..next.clean.0).is_none_or(|g| g.trim() != ",") {
                    break;
                }
                end = next.clean.2;
            }
            relative_clause(text, end)
        });
        let mut entry = CitedFor {
            text: None,
            quoted: false,
            start: 0,
            end: 0,
            explanation: explanation.clone(),
            proposition: None,
            none: None,
        };
        match outcome {
            Err(why) => entry.none = Some(why),
            Ok(p) => {
                // String cites and nested citations share their lead's passage: fold it once.
                if folded.as_ref().is_none_or(|f| f.0 != (p.start, p.end)) {
                    let passage = text[p.start..p.end].trim().to_string();
                    let tokens = fold(&passage);
                    let kind = (boilerplate(&passage), procedural(&passage));
                    folded = Some(((p.start, p.end), passage, tokens, kind));
                }
                let (_, passage, tokens, (is_boilerplate, is_procedural)) =
                    folded.as_ref().expect("just set");
                let (passage, tokens) = (passage.clone(), tokens.clone());
                entry.quoted = p.quoted;
                entry.start = doc.map.start(p.start);
                entry.end = doc.map.end(p.end).max(entry.start);
                entry.none = if *is_boilerplate {
                    Some(NoProposition::Boilerplate)
                } else if c.authority.is_none() {
                    Some(NoProposition::Unresolved)
                } else if *is_procedural {
                    Some(NoProposition::Procedural)
                } else {
                    None
                };
                if entry.none.is_none() {
                    entry.proposition = Some(out.propositions.len());
                    out.propositions.push(Proposition {
                        citation: i,
                        authority: c.authority.clone().unwrap_or_default(),
                        text: passage.clone(),
                        quoted: p.quoted,
                        explanation,
                        pin: c.pin.clone(),
                        signal: c.signal.clone(),
                        through,
                        start: entry.start,
                        end: entry.end,
                        tokens,
                    });
                }
                if entry.none != Some(NoProposition::Boilerplate) {
                    entry.text = Some(passage);
                }
            }
        }
        out.cited_for.push(entry);
    }
    out
}

/// The first explanatory parenthetical: not `quoting …`, `emphasis added`,
/// a quotation (that is the proposition), subsequent history or a label
/// such as `en banc`.
fn explanation_of(c: &Citation) -> Option<String> {
    c.parentheticals
        .iter()
        .find(|p| {
            !is_editorial(p)
                && !p.text.starts_with('"')
                && !crate::history::is_history(&p.text)
                && p.text.split_whitespace().count() >= 3
        })
        .map(|p| p.text.clone())
}

/// The explanatory clause a court writes after a citation instead of a
/// parenthetical: `X, in which we held that …`, `X, where …`, `X, which
/// held that …` (to the end of its clause), without its lead-in.
fn relative_clause(text: &str, after: usize) -> Option<String> {
    let rest = text.get(after..)?.strip_prefix(',')?.trim_start();
    let lower = rest
        .get(..rest.len().min(40))
        .unwrap_or(rest)
        .to_ascii_lowercase();
    let opener = ["in which ", "wherein ", "where ", "which "]
        .into_iter()
        .find(|o| lower.starts_with(o))?;
    let body = &rest[opener.len()..];
    let body = &body[..body.find(';').unwrap_or(body.len())];
    // The clause ends with its sentence: a period before a space and a
    // capital, or the end of a line break pair.
    let end = body
        .match_indices('.')
        .map(|(k, _)| k)
        .find(|&k| {
            let next = &body[k + 1..];
            // `… appeals.[fn8] Page 424 These cases …`: a footnote call-out
            // may stand between the period and the next sentence.
            next.starts_with("[fn")
                || next.starts_with([' ', '\n'])
                    && next.trim_start().starts_with(|c: char| c.is_uppercase())
                    && !body[..k].ends_with(|c: char| c.is_uppercase())
        })
        .or_else(|| body.find("\n\n"))
        .unwrap_or(body.len());
    let clause = body[..end].trim().trim_end_matches('.');
    // `which` alone may open any clause (`which the defendant cites`): only
    // `which held that …` explains.
    let words: Vec<&str> = clause.split_whitespace().collect();
    let lead = words
        .iter()
        .take(6)
        .position(|w| *w == "that")
        .filter(|&k| words[..k].iter().any(|w| is_lead_in_verb(w)));
    let clause = match lead {
        Some(k) => words[k + 1..].join(" "),
        None if opener == "which " => return None,
        None => words.join(" "),
    };
    (clause.split_whitespace().count() >= 4 && clause.len() <= 600).then_some(clause)
}

/// Verbs by which a court reports what a case decided (`held`, `stated`).
fn is_lead_in_verb(w: &str) -> bool {
    matches!(
        w,
        "held"
            | "holds"
            | "stated"
            | "states"
            | "explained"
            | "recognized"
            | "noted"
            | "found"
            | "concluded"
            | "ruled"
            | "determined"
            | "observed"
            | "reasoned"
            | "said"
    )
}

/// Is `s` made only of what a citation sentence may hold besides the
/// citations found in it: signals, connectors, history, pins and notes
/// (the vocabulary's citation words), numbers, and capitalized words (the
/// rest of a case name the citation scan did not take, `Bethea v. Virginia
/// Elec. etc.`)? Prose has lower-case words of its own.
fn only_citation_words(s: &str) -> bool {
    let words = &vocab().citation_words;
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .all(|w| {
            // `alsoDirectors`: a lower-case word fused to a name is the word.
            let w = match w.char_indices().skip(1).find(|(_, c)| c.is_uppercase()) {
                Some((k, _)) if w.starts_with(|c: char| c.is_lowercase()) => &w[..k],
                _ => w,
            };
            w.chars().count() <= 1
                || w.bytes().any(|b| b.is_ascii_digit())
                || w.starts_with(|c: char| c.is_uppercase())
                || is_citation_word(words, w)
                || fused_citation_words(words, w)
        })
}

/// `s` without the parentheticals that follow a number (`L.R.A. 1916E, 854
/// (guardian and ward)`): in a citation sentence they explain a citation
/// the scan did not recognise, and are no prose of the court's.
fn without_parentheticals(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('(') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let before = rest[..open].trim_end();
        let close = rest[open..].find(')').map(|k| open + k);
        match close {
            Some(close) if before.ends_with(|c: char| c.is_ascii_digit()) => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Two citation words the text lost the space between (`onother` in
/// `overruled onother grounds by`), as extracted court text often does.
fn fused_citation_words(words: &crate::prose::Words, w: &str) -> bool {
    w.len() >= 4
        && w.is_ascii()
        && (2..w.len() - 1)
            .any(|k| is_citation_word(words, &w[..k]) && is_citation_word(words, &w[k..]))
}

/// Is `w` one of the citation words? Lower-case ASCII words (most) are
/// looked up as they are; others are folded first.
fn is_citation_word(words: &crate::prose::Words, w: &str) -> bool {
    if w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        words.contains(w)
    } else {
        words.contains(&w.to_lowercase().replace('’', "'"))
    }
}

/// Words that count as content: alphabetic, not citation furniture.
fn content_words(s: &str) -> impl Iterator<Item = &str> {
    let words = &vocab().citation_words;
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(move |w| {
            w.len() > 1
                && w.bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'\'' || b >= 0x80)
                && !is_citation_word(words, w)
        })
}

/// A passage that states nothing: a footnote marker, a case name (only
/// capitalized words), citation debris, fewer than three words.
fn boilerplate(s: &str) -> bool {
    let mut n = 0;
    let mut lower = false;
    for w in content_words(s) {
        n += 1;
        lower |= w.starts_with(|c: char| c.is_lowercase());
    }
    n < 3 || !lower
}

/// Does the passage open by reporting the case's own proceedings?
fn procedural(s: &str) -> bool {
    let head = &s[..crate::text::floor_char_boundary(s, 90)].to_ascii_lowercase();
    vocab().procedural.iter().any(|p| head.contains(p.as_str()))
}

/// Longest stretch of text a citation (case name through its parentheticals) is taken to cover.
const MAX_CITATION_BYTES: usize = 900;

/// The clean span of a citation with its parentheticals; a parenthetical
/// that runs past a paragraph break or far on is a misreading and is left out.
fn citation_span(text: &str, c: &Citation) -> (usize, usize) {
    let (s, e, after) = c.clean;
    let e = e.min(text.len());
    let after = after.min(text.len()).max(e);
    let runs_on = after - s > MAX_CITATION_BYTES || text[e..after].contains('\n');
    (s, if runs_on { e.max(s) } else { after })
}

/// Longest proposition taken from running text; a longer "sentence" has run
/// into captions or OCR debris and is cut back to its end.
const MAX_PASSAGE_BYTES: usize = 1200;

struct Context<'a> {
    text: &'a str,
    prose: &'a Prose,
    /// Spans of the top-level citations (with their parentheticals), in order.
    spans: &'a [(usize, usize)],
}

impl Context<'_> {
    /// Does `[start, end)` hold nothing but citations and citation words?
    fn only_citations(&self, start: usize, end: usize) -> bool {
        let mut at = start;
        let first = self
            .spans
            .partition_point(|s| s.0 + MAX_CITATION_BYTES <= start);
        for &(s, e) in &self.spans[first..] {
            if s >= end {
                break;
            }
            if e <= start {
                continue;
            }
            if s > at && !only_citation_words(&without_parentheticals(&self.text[at..s])) {
                return false;
            }
            at = at.max(e);
        }
        at >= end || only_citation_words(&without_parentheticals(&self.text[at..end]))
    }

    fn sentence_is_citation(&self, k: usize) -> bool {
        let s = self.prose.sentences[k];
        let start = s.start.max(s.end.saturating_sub(MAX_PASSAGE_BYTES));
        self.only_citations(crate::text::floor_char_boundary(self.text, start), s.end)
    }

    /// What the chain of citations from `cs` to `ce` supports.
    fn supported(&self, cs: usize, ce: usize) -> Result<Passage, NoProposition> {
        let prose = self.prose;
        let s0 = prose.sentence_at(cs).ok_or(NoProposition::Boilerplate)?;
        let s1 = prose
            .sentence_at(ce.saturating_sub(1))
            .unwrap_or(s0)
            .max(s0);
        // A "sentence" of thousands of bytes (a table of authorities, a
        // list with no periods) is read only near the citation, so that no
        // order costs citations × sentence length.
        let (us, ue) = (
            prose.sentences[s0]
                .start
                .min(cs)
                .max(cs.saturating_sub(MAX_PASSAGE_BYTES)),
            prose.sentences[s1].end.max(ce).min(ce + MAX_PASSAGE_BYTES),
        );
        let (us, ue) = (
            crate::text::floor_char_boundary(self.text, us),
            crate::text::floor_char_boundary(self.text, ue),
        );
        if self.only_citations(us, ue) || self.introduces_list(us, cs, ue) {
            return self.before_citation_sentence(s0, cs);
        }
        // A citation introducing a block quotation (`Rule 1.2(a) states that:`).
        let para = prose.sentences[s1].paragraph;
        if self.text[..ue].trim_end().ends_with(':')
            && s1 + 1 == prose.paragraphs[para].sentences.end
        {
            if let Some(p) = self.block_after(para) {
                return Ok(p);
            }
        }
        // A citation ending its sentence is left out of it when what comes
        // before it says something.
        let end = if self.only_citations(cs, ue) && !self.only_citations(us, cs) {
            trim_trailing_signal(self.text, us, cs)
        } else {
            ue
        };
        Ok(self.choose(us, end, Some(cs)))
    }

    /// Is the text before a citation list that runs to the end of its
    /// sentence only a short lead-in ending in a colon (`The rule is
    /// supported by the following decisions:`)? Then the list is a citation
    /// sentence.
    fn introduces_list(&self, us: usize, cs: usize, ue: usize) -> bool {
        let head = self.text[us..cs].trim_end();
        head.ends_with(':') && content_words(head).count() <= 24 && self.only_citations(cs, ue)
    }

    /// The quoted words inside passage `p`: the quotation inside its longest
    /// quotation (`"… 'would undermine …' "`: the words the quoted source
    /// itself quotes), else that quotation, else `p`.
    fn quoted_within(&self, p: Passage) -> Passage {
        let Some(&(qs, qe)) = self
            .prose
            .quotes_within(p.start, p.end)
            .iter()
            .max_by_key(|q| q.1 - q.0)
        else {
            return p;
        };
        let outer = Passage {
            start: qs,
            end: qe,
            quoted: true,
        };
        // A quotation inside the quotation, in single quotes or backticks.
        let inner = &self.text[qs..qe];
        let starts: Vec<usize> = inner
            .match_indices(['\'', '`'])
            .map(|(k, _)| k)
            .filter(|&k| k == 0 || inner.as_bytes()[k - 1] == b' ')
            .collect();
        for &a in &starts {
            let after = &inner[a + 1..];
            if let Some(b) = after.match_indices('\'').map(|(k, _)| k).find(|&k| {
                after[k + 1..].starts_with([' ', '.', ',', ';', '"']) || k + 1 == after.len()
            }) {
                if content_words(&after[..b]).count() >= 4 {
                    return Passage {
                        start: qs + a + 1,
                        end: qs + a + 1 + b,
                        quoted: true,
                    };
                }
            }
        }
        outer
    }

    /// The textual sentence before citation sentence `s0`: back over other
    /// citation sentences; from a footnote that only cites, the body
    /// sentence carrying its call-out; before a block quotation, all of it.
    fn before_citation_sentence(&self, s0: usize, cs: usize) -> Result<Passage, NoProposition> {
        let prose = self.prose;
        let mut k = s0;
        for _ in 0..6 {
            let para = prose.sentences[k].paragraph;
            let p = &prose.paragraphs[para];
            if k == p.sentences.start {
                if let Some(n) = p.footnote {
                    let at = prose.callout(n).ok_or(NoProposition::Boilerplate)?;
                    let s = prose.sentence_at(at).ok_or(NoProposition::Boilerplate)?;
                    let s = prose.sentences[s];
                    return Ok(self.choose(s.start, s.end, None));
                }
                if para == 0 {
                    return Err(NoProposition::Boilerplate);
                }
                let prev = &prose.paragraphs[para - 1];
                if prev.block {
                    return self
                        .block_after(para - 1 - self.block_run(para - 1))
                        .ok_or(NoProposition::Boilerplate);
                }
                if prev.sentences.is_empty() {
                    return Err(NoProposition::Boilerplate);
                }
            }
            k -= 1;
            if !self.sentence_is_citation(k) {
                let s = prose.sentences[k];
                // Only the sentence right before the citation's own runs up to it.
                let cite = (k + 1 == s0).then_some(cs);
                return Ok(self.choose(s.start, s.end, cite));
            }
        }
        Err(NoProposition::Boilerplate)
    }

    /// How many block paragraphs stand right before `para` (not counting it).
    fn block_run(&self, para: usize) -> usize {
        let ps = &self.prose.paragraphs;
        (0..para).rev().take_while(|&q| ps[q + 1].block).count()
    }

    /// The block quotation following paragraph `para`: every block paragraph after it.
    fn block_after(&self, para: usize) -> Option<Passage> {
        let ps = &self.prose.paragraphs;
        let first = ps.get(para + 1).filter(|p| p.block)?;
        let mut last = first;
        for p in &ps[para + 2..] {
            if !p.block || p.footnote.is_some() {
                break;
            }
            last = p;
        }
        // A block closed by its citation (`… 119 Wn.2d at 399-400.`) ends before it.
        let first_cite = self
            .spans
            .iter()
            .find(|s| s.0 >= first.start && s.0 < last.end)
            .map_or(last.end, |s| s.0);
        let end = trim_trailing_signal(self.text, first.start, first_cite);
        let text = self.text[first.start..end].trim();
        (!text.is_empty()).then_some(Passage {
            start: first.start,
            end,
            quoted: true,
        })
    }

    /// The passage of the sentence `[start, end)`: the quotation that closes
    /// right before the citation at `cite` when it states a clause of its
    /// own; else its quotation when one quotation states most of it; else
    /// the sentence.
    fn choose(&self, start: usize, end: usize, cite: Option<usize>) -> Passage {
        let (mut start, end) = (start, end.max(start));
        if end - start > MAX_PASSAGE_BYTES {
            start = crate::text::floor_char_boundary(self.text, end - MAX_PASSAGE_BYTES);
            start = self.text[start..end]
                .find([' '])
                .map_or(start, |k| start + k + 1);
        }
        start += leading_furniture(&self.text[start..end]);
        let quotes: Vec<(usize, usize)> = self
            .prose
            .quotes_within(start, end)
            .iter()
            .copied()
            .filter(|q| !self.spans.iter().any(|s| s.0 <= q.0 && q.1 <= s.1))
            .collect();
        let words = |a: usize, b: usize| content_words(&self.text[a..b]).count().max(1);
        if let Some(q) = cite.and_then(|cs| self.closing_quote(start, cs, &quotes)) {
            let said = self.text[start..q.0]
                .trim_end_matches(['"', '“', ' ', '\n'])
                .to_ascii_lowercase();
            let introduced = said.is_empty()
                || said.ends_with("that")
                || said.ends_with([':', ','])
                || said.ends_with(". ");
            let n = self.text[q.0..q.1]
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .count();
            if n >= if introduced {
                STATEMENT_WORDS
            } else {
                WOVEN_WORDS
            } {
                return Passage {
                    start: q.0,
                    end: q.0 + self.text[q.0..q.1].trim_end_matches([' ', ',']).len(),
                    quoted: true,
                };
            }
        }
        let total = words(start, end);
        if let Some(&(qs, qe)) = quotes.iter().max_by_key(|q| q.1 - q.0) {
            let inner = words(qs, qe);
            let share = if quotes.len() == 1 { 0.5 } else { 0.7 };
            if inner >= 4 && inner as f64 >= share * total as f64 {
                let s = &self.text[qs..qe];
                let trimmed = s.trim_end_matches([' ', ',']);
                return Passage {
                    start: qs,
                    end: qs + trimmed.len(),
                    quoted: true,
                };
            }
        }
        Passage {
            start,
            end,
            quoted: !quotes.is_empty(),
        }
    }
}

impl Context<'_> {
    /// The one quotation between the citation before `cs` (or `start`) and
    /// the citation at `cs` that closes right before it (`that "…." (Johnson
    /// …)`, `and "…" Ezell, …`); none when several quoted fragments share
    /// the stretch, which then states the point in the court's own words.
    fn closing_quote(
        &self,
        start: usize,
        cs: usize,
        quotes: &[(usize, usize)],
    ) -> Option<(usize, usize)> {
        // Only the spans that may end between `start` and `cs`: a citation
        // per order reads a bounded stretch, not every span of the order.
        let before = self.spans.partition_point(|s| s.0 < cs);
        let from = self.spans[..before]
            .iter()
            .rev()
            .take_while(|s| s.0 + MAX_CITATION_BYTES > start)
            .map(|s| s.1)
            .filter(|&e| e <= cs && e > start)
            .max()
            .unwrap_or(start);
        let mut near = quotes.iter().filter(|q| q.0 >= from && q.1 <= cs);
        let q = *near.next()?;
        if near.next().is_some() {
            return None;
        }
        // Between them only punctuation, or the rest of a case name the
        // citation scan did not take (`." (Johnson v. State of California (1968) …`).
        let gap = self.text.get(q.1..cs)?;
        let punctuation = |c: char| c.is_whitespace() || ".,;:\"'()“”’‘`".contains(c);
        let closes = gap.chars().all(punctuation)
            || gap.len() <= 120 && gap.starts_with(punctuation) && only_citation_words(gap);
        closes.then_some(q)
    }
}

/// Words a quotation introduced as a statement (`held that "…"`, `stated:
/// "…"`) needs to be the point the citation is given for: a clause.
const STATEMENT_WORDS: usize = 6;
/// Words a quotation woven into the court's own sentence (`was
/// "unreasonable in the light of the facts"`, `against the shareholders'
/// "need for flexibility …"`) needs to state the point by itself rather than
/// finish the court's sentence: more than half of a typical sentence.
const WOVEN_WORDS: usize = 13;

/// Bytes of layout at the start of a passage: a footnote marker, a
/// headnote or paragraph number, a bullet.
fn leading_furniture(s: &str) -> usize {
    let mut i = 0;
    let b = s.as_bytes();
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'-' | b'*') {
            i += 1;
        }
        if s[i..].starts_with('•') {
            i += '•'.len_utf8();
            continue;
        }
        let close = match b.get(i) {
            Some(b'[') => b']',
            Some(b'{') => b'}',
            _ => break,
        };
        let Some(k) = s[i..].find(close as char) else {
            break;
        };
        let inner = &s[i + 1..i + k];
        if k > 12
            || !inner
                .trim_start_matches(['f', 'n', '¶', ' '])
                .bytes()
                .all(|c| c.is_ascii_digit())
        {
            break;
        }
        i += k + 1;
    }
    i
}

/// `[from, to)` without the signal and punctuation that introduce a
/// citation at `to` (`… the test. See`, `…, see, e.g.,`); its new end.
fn trim_trailing_signal(text: &str, from: usize, to: usize) -> usize {
    let mut end = to;
    loop {
        let head = text[from..end].trim_end_matches([' ', ',', ';', '(', '[']);
        let word_start = head.rfind([' ', '(', '[']).map_or(0, |k| k + 1);
        let word = &head[word_start..];
        let bare = word.trim_end_matches('.').trim_end_matches(',');
        let new_end = from + head.len();
        if !bare.is_empty()
            && head.len() > word_start
            && matches!(
                bare.to_ascii_lowercase().as_str(),
                "see"
                    | "also"
                    | "e.g"
                    | "cf"
                    | "accord"
                    | "generally"
                    | "but"
                    | "compare"
                    | "contra"
            )
        {
            end = from + word_start;
            continue;
        }
        return new_end.max(from);
    }
}

/// Whether only a connector stands between a citation ending at `from` and
/// the next starting at `to`, so that both belong to one citation sentence:
/// `A; see also B`, parallel citations (`466 U.S. 668, 104 S. Ct. 2052`), and
/// Ohio's `A, citing B`. Not `and`: `A, and B, held that …` are subjects.
fn connected(text: &str, from: usize, to: usize) -> bool {
    if to < from {
        return false;
    }
    let gap = text[from..to].trim();
    // `…; Columbine Valley Constr. Co. v.Board of Directors, 626 P.2d 686`:
    // the next case of a string cite, its name partly outside the citation.
    if gap.starts_with(';') {
        return to - from <= 160 && only_citation_words(gap);
    }
    if to - from > 40 {
        return false;
    }
    let Some(words) = gap.strip_prefix(',') else {
        return false;
    };
    let mut words = words
        .trim()
        .trim_end_matches(',')
        .trim_end()
        .to_ascii_lowercase();
    // Star paging of a case-law collection (`, Page 346 `) is layout, not a word.
    if let Some(rest) = words.strip_prefix("page ") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            words = rest[digits..].trim().to_string();
        }
    }
    matches!(
        words.as_str(),
        "" | "citing"
            | "quoting"
            | "see"
            | "see also"
            | "cf."
            | "accord"
            | "cited in"
            | "quoted in"
    )
}

/// One proposition shared by one or more orders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropositionCluster {
    /// Stable id: a hash of the authority and the first member's folded text.
    pub id: String,
    /// The authority it is cited for.
    pub authority: String,
    /// The first wording seen.
    pub text: String,
    /// Every (order, index into that order's propositions) relying on it.
    pub members: Vec<(String, usize)>,
    /// Distinct orders relying on it, in order of first appearance.
    pub orders: Vec<String>,
}

/// Stable id of a proposition: FNV-1a over the authority and folded words.
pub fn proposition_id(authority: &str, tokens: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in authority
        .bytes()
        .chain(std::iter::once(0))
        .chain(tokens.join(" ").bytes())
    {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Clusters propositions of many orders: per authority, each proposition
/// joins the first cluster it is the same as, or starts a new one.
/// Candidates are found through shared trigrams, so the cost grows with the
/// number of similar passages, not with the number of propositions.
pub fn cluster<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a [Proposition])>,
) -> Vec<PropositionCluster> {
    let mut clusters: Vec<PropositionCluster> = Vec::new();
    let mut reps: Vec<Shingles> = Vec::new();
    // (authority, trigram) → clusters holding it.
    let mut postings: BTreeMap<(String, u32), Vec<usize>> = BTreeMap::new();
    for (order, props) in items {
        for (k, p) in props.iter().enumerate() {
            let grams = Shingles::of(&p.tokens);
            let mut seen = HashSet::new();
            let mut found = None;
            'search: for g in &grams.0 {
                if let Some(list) = postings.get(&(p.authority.clone(), *g)) {
                    for &cid in list {
                        if !seen.insert(cid) {
                            continue;
                        }
                        if grams.same_as(&reps[cid]) {
                            found = Some(cid);
                            break 'search;
                        }
                    }
                }
            }
            let cid = match found {
                Some(cid) => cid,
                None => {
                    clusters.push(PropositionCluster {
                        id: proposition_id(&p.authority, &p.tokens),
                        authority: p.authority.clone(),
                        text: p.text.clone(),
                        members: Vec::new(),
                        orders: Vec::new(),
                    });
                    for g in &grams.0 {
                        postings
                            .entry((p.authority.clone(), *g))
                            .or_default()
                            .push(clusters.len() - 1);
                    }
                    reps.push(grams);
                    clusters.len() - 1
                }
            };
            let cl = &mut clusters[cid];
            cl.members.push((order.to_string(), k));
            if !cl.orders.iter().any(|o| o == order) {
                cl.orders.push(order.to_string());
            }
        }
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_alterations_and_punctuation() {
        assert_eq!(
            fold("\"[f]ederal courts' power … to 'manage.'\""),
            ["federal", "courts", "power", "to", "manage"]
        );
        assert_eq!(fold("[T]he Court's level"), ["the", "courts", "level"]);
    }

    const LEGALNET: &str = "Federal courts have the implied or inherent power to issue preservation orders as part of their general authority 'to manage their own affairs so as to achieve the orderly and expeditious disposition of cases.'";

    #[test]
    fn threshold_both_sides() {
        let a = fold(LEGALNET);
        // Same passage with an alteration, an OCR slip and a dropped tail: still one.
        let b = fold("[f]ederal courts have the implied or inhereut power to issue preservation orders as part of their general authority");
        assert!(same_proposition(&a, &b), "{:?}", similarity(&a, &b));
        // An excerpt with an ellipsis in the middle: still one.
        let c = fold("Federal courts have the implied or inherent power to issue preservation orders . . . to manage their own affairs");
        assert!(same_proposition(&a, &c), "{:?}", similarity(&a, &c));
        // Another point from the same case: two propositions.
        let d = fold("proof of a probability of success in the litigation is not considered in determining whether a preservation order should issue");
        assert!(!same_proposition(&a, &d), "{:?}", similarity(&a, &d));
        // Sharing a phrase is not enough.
        let e = fold("courts have the implied power to sanction spoliation of evidence by parties who destroyed documents");
        let (j, cont) = similarity(&a, &e);
        assert!(j < JACCARD_SAME && cont < CONTAINMENT_SAME, "{j} {cont}");
    }

    fn props(text: &str) -> Vec<Proposition> {
        crate::analyze(text).propositions
    }

    #[test]
    fn quoted_passage_before_a_citation_sentence() {
        let p = props("Intro. Plaintiff is advised that \"[f]ederal courts have power.\" American LegalNet, Inc. v. Davis, 673 F.Supp.2d 1063, 1071 (C.D. Cal. 2009) (quoting Pueblo of Laguna v. United States, 60 Fed. Cl. 133, 135-36 (2004)). Next.");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "[f]ederal courts have power.");
        assert!(p[0].quoted);
        assert_eq!(p[1].authority, "60 Fed. Cl. 133");
        assert_eq!(p[1].through.as_deref(), Some("673 F. Supp. 2d 1063"));
        assert_eq!(p[1].text, p[0].text);
    }

    #[test]
    fn parenthetical_quote_and_explanation() {
        let p = props("No showing was made. See Echostar v. Freetech, 2009 WL 8399038, at *2 (N.D. Cal. Jan. 22, 2009) (\"Plaintiffs have not responded.\"). The rule is settled in this circuit. Smith v. Jones, 1 F.3d 1 (1st Cir. 1990) (holding that the rule reaches every motion) (en banc).");
        assert_eq!(p[0].text, "Plaintiffs have not responded");
        assert!(p[0].quoted);
        assert_eq!(
            p[1].explanation.as_deref(),
            Some("holding that the rule reaches every motion")
        );
        assert_eq!(p[1].text, "The rule is settled in this circuit.");
    }

    fn cited_for(text: &str) -> Vec<(Option<String>, Option<NoProposition>)> {
        crate::analyze(text)
            .cited_for
            .into_iter()
            .map(|c| (c.text, c.none))
            .collect()
    }

    /// Failure pattern 1 (issue 15), from a First Circuit opinion of the
    /// corpus: Zannino's citation with `cert. denied` is a citation
    /// sentence; it supports the sentence before it, and the denial is
    /// history, no proposition.
    #[test]
    fn a_citation_with_cert_denied_supports_the_sentence_before_it() {
        let t = "The defendants argue on appeal that ion scans are unreliable \"[a]s a matter of law\" and offend due process, but they provide no citation or developed argument, so the objection is waived. United States v. Zannino, 895 F.2d 1, 17 (1st Cir.), cert. denied, 494 U.S. 1082 (1990).";
        let want = "The defendants argue on appeal that ion scans are unreliable \"[a]s a matter of law\" and offend due process, but they provide no citation or developed argument, so the objection is waived.";
        let c = cited_for(t);
        assert_eq!(c[0].0.as_deref(), Some(want), "{c:?}");
        assert_eq!(c[0].1, None);
        assert_eq!(c[1], (None, Some(NoProposition::History)));
    }

    /// Failure pattern 1, from an Iowa opinion of the corpus: a string cite
    /// whose history words the text fused (`overruled onother grounds by`)
    /// is still a citation sentence.
    #[test]
    fn a_string_cite_with_fused_history_words_is_a_citation_sentence() {
        let t = "The states are split. Some states seek to alleviate the appellate review concerns by requiring the defendant to make an offer of proof. See Saucier v.State, 562 So.2d 1238, 1245 (Miss. 1990), overruled onother grounds by White v. State, 785 So.2d 1059, 1061 (Miss. 2001); State v.McClure, 298 Or. 336, 692 P.2d 579, 583-84 (1984).";
        let want = "Some states seek to alleviate the appellate review concerns by requiring the defendant to make an offer of proof.";
        let c = cited_for(t);
        assert_eq!(c.last().unwrap().0.as_deref(), Some(want), "{c:?}");
    }

    /// From a Colorado opinion of the corpus: a case of a string cite whose
    /// name the scan took only in part (`Co. v.Board of Directors`) still
    /// shares the lead's quotation.
    #[test]
    fn a_string_cite_member_with_a_fused_name_shares_the_lead() {
        let t = "We have observed that \"it has long been the policy of this state to foster and encourage the use of arbitration as a method of dispute resolution.\" Judd Constr. Co. v. Evans Joint Venture, 642 P.2d 922, 924 (Colo. 1982); Columbine Valley Constr. Co. v.Board of Directors, 626 P.2d 686 (Colo. 1981); Ezell v. Rocky Mountain Bean Elevator Co., 76 Colo. 409, 232 P. 680 (1925).";
        let want = "it has long been the policy of this state to foster and encourage the use of arbitration as a method of dispute resolution.";
        for c in cited_for(t) {
            assert_eq!(c.0.as_deref(), Some(want));
        }
    }

    /// Failure pattern 1, from a New Mexico opinion of the corpus: an
    /// explanatory parenthetical that a line break put on the next line
    /// still belongs to its citation, so the string cite is a citation sentence.
    #[test]
    fn a_parenthetical_after_a_line_break_stays_with_its_citation() {
        let t = "Therefore any gift between the two is subject to close scrutiny. Ulbrand v. Bennett, 1917, 83 Or. 557, 163 P. 445; Cf. Harrison v. Harrison, 1916, 21 N.M. 372, 155 P. 356, L.R.A. 1916E, 854 (guardian and ward); Beals v. Ares, 1919, 25 N.M. 459, 185 P. 780\n(husband and wife); Cardenas v. Ortiz, 1924, 29 N.M. 633,226 P. 418 (confidential relation as a matter of fact).";
        let want = "Therefore any gift between the two is subject to close scrutiny.";
        for c in cited_for(t) {
            assert_eq!(c.0.as_deref(), Some(want));
        }
    }

    /// From a Wisconsin opinion of the corpus: `X, in which we held that …`
    /// explains what X is cited for, as a parenthetical would.
    #[test]
    fn a_relative_clause_after_a_citation_is_its_explanation() {
        let t = "The remedy is exclusive. See also Kmiec v. Town of Spider Lake, 60 Wis.2d 640, 646, 211 N.W.2d 471 (1973), where the above language from Timmel was quoted with approval; Beres v. New Berlin, 34 Wis.2d 229, 148 N.W.2d 653 (1967), in which we held that the trial court had properly quashed a writ of mandamus where the landowner did not appeal to the board of appeals.[fn8] Page 424\nThese cases set forth the general doctrine.";
        let e: Vec<Option<String>> = crate::analyze(t)
            .cited_for
            .into_iter()
            .map(|c| c.explanation)
            .collect();
        assert_eq!(
            e[0].as_deref(),
            Some("the above language from Timmel was quoted with approval"),
            "{e:?}"
        );
        assert_eq!(e.last().unwrap().as_deref(), Some("the trial court had properly quashed a writ of mandamus where the landowner did not appeal to the board of appeals"), "{e:?}");
    }

    /// From California and Colorado opinions of the corpus: a quotation
    /// closing right before its citation is what that citation is cited
    /// for, when it states a whole clause; a short fragment is not.
    #[test]
    fn a_quotation_right_before_its_citation_is_the_proposition() {
        let t = "Analysis of the claim must start with the premise that the Act leaves in effect the doctrine of Muskopf v. Corning Hospital Dist. (1961) 55 Cal.2d 211, 219, that \"when there is negligence, the rule is liability, immunity is the exception.\" (Johnson v. State of California (1968) 69 Cal.2d 782, 798.)";
        let c = cited_for(t);
        assert_eq!(
            c.last().unwrap().0.as_deref(),
            Some("when there is negligence, the rule is liability, immunity is the exception."),
            "{c:?}"
        );
        let t = "Analysis must start with the premise that the doctrine of Muskopf v. Corning Hospital Dist. (1961) 55 Cal.2d 211, 219, leaves in effect that \"when there is negligence, the rule is liability, immunity is the exception.\" (Johnson v.State of California (1968) 69 Cal.2d 782, 798.)";
        let c = cited_for(t);
        assert_eq!(
            c.last().unwrap().0.as_deref(),
            Some("when there is negligence, the rule is liability, immunity is the exception."),
            "{c:?}"
        );
        let t = "We have observed that \"[a]rbitration provides an efficient, convenient alternative to litigation,\" Cabs, Inc. v. Delivery Drivers, 751 P.2d 61, 65 n. 5 (Colo. 1988), and \"it has long been the policy of this state to foster and encourage the use of arbitration as a method of dispute resolution.\" Ezell v. Rocky Mountain Bean Elevator Co., 76 Colo. 409, 232 P. 680 (1925).";
        let c = cited_for(t);
        assert_eq!(c.last().unwrap().0.as_deref(), Some("it has long been the policy of this state to foster and encourage the use of arbitration as a method of dispute resolution."), "{c:?}");
        // A fragment of a few words leaves the sentence the proposition.
        let t = "Coen must show that the trial court's action was \"unreasonable in the light of the facts.\" Smith v. Jones, 1 Wash. 2d 1, 5 (1990).";
        let c = cited_for(t);
        assert_eq!(c[0].0.as_deref(), Some("Coen must show that the trial court's action was \"unreasonable in the light of the facts.\""), "{c:?}");
    }

    /// Failure pattern 3, from a Wisconsin opinion of the corpus: each
    /// `Id.` supports the sentence before it, not the next one.
    #[test]
    fn id_supports_the_sentence_before_it() {
        let t = "In Strickland v. Washington, 466 U.S. 668 (1984), the United States Supreme Court set forth a two-part test for determining whether counsel's actions constitute ineffective assistance. Id. at 687. First, the defendant must demonstrate that counsel's performance was deficient. Id. Next, the defendant must demonstrate that counsel's deficient performance was prejudicial to his or her defense. Id.";
        let c = cited_for(t);
        let texts: Vec<&str> = c.iter().filter_map(|c| c.0.as_deref()).collect();
        assert_eq!(
            texts[1..],
            [
                "In Strickland v. Washington, 466 U.S. 668 (1984), the United States Supreme Court set forth a two-part test for determining whether counsel's actions constitute ineffective assistance.",
                "First, the defendant must demonstrate that counsel's performance was deficient.",
                "Next, the defendant must demonstrate that counsel's deficient performance was prejudicial to his or her defense."
            ]
        );
    }

    /// Failure patterns 2 and 6, from an Alabama opinion of the corpus
    /// (Miranda's most common "proposition" was "[fn1]"): a footnote that
    /// only cites supports the body sentence with its call-out.
    #[test]
    fn a_citation_only_footnote_supports_the_call_out_sentence() {
        let t = "After the search concluded, Capt. Jackson interviewed Jenkins inside the apartment. Jenkins was advised of his Miranda[fn1] rights. After that, he spoke.\n\n[fn1] Miranda v. Arizona, 384 U.S. 436, 86 S.Ct. 1602,16 L.Ed.2d 694 (1966).";
        let c = cited_for(t);
        assert!(!c.is_empty());
        for x in &c {
            assert_eq!(
                x.0.as_deref(),
                Some("Jenkins was advised of his Miranda[fn1] rights."),
                "{c:?}"
            );
        }
    }

    /// Failure pattern 6: a footnote marker, a bare case name or citation
    /// debris is no proposition, and the JSON says why.
    #[test]
    fn boilerplate_is_no_proposition() {
        for t in [
            "[fn1] Blakemore v. Blakemore, 5 Ohio St.3d 217, 450 N.E.2d 1140 (1983).",
            "Serv., Inc., v. Smith, 1 F.3d 1 (1st Cir. 1990).",
        ] {
            let c = cited_for(t);
            assert!(
                c.iter()
                    .all(|x| x.1 == Some(NoProposition::Boilerplate) && x.0.is_none()),
                "{t}: {c:?}"
            );
            assert!(crate::analyze(t).propositions.is_empty());
        }
        let c = cited_for("The indictment charged the defendant with violating 18 U.S.C. § 371.");
        assert_eq!(c[0].1, Some(NoProposition::Procedural), "{c:?}");
        assert!(
            c[0].0.is_some(),
            "a procedural passage is still what the citation is cited for"
        );
    }

    #[test]
    fn string_cite_shares_the_sentence() {
        let p = props("Courts balance three factors. Bright v. Doe, 2015 WL 5159125, at *2 (N.D. Cal. Sept. 2, 2015); see also Jardin v. Datallegro, 2008 WL 4104473, at *1 (S.D. Cal. Sept. 3, 2008).");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "Courts balance three factors.");
        assert_eq!(p[1].text, p[0].text);
        assert_eq!(p[1].signal.as_deref(), Some("see also"));
    }

    /// Parallel citations of one case, and an Ohio-style `, citing` chain,
    /// are one citation sentence: each supports the sentence before it. Each
    /// used to take the citations themselves as its proposition.
    #[test]
    fn parallel_citations_share_the_sentence_before_them() {
        let want = "The appellant must show prejudice.";
        for t in [
            "Intro. The appellant must show prejudice. Strickland v. Washington, 466 U.S. 668, 687, 104 S.Ct. 2052, 80 L.Ed.2d 674 (1984). Next.",
            "Intro. The appellant must show prejudice. State v. Trimble, 122 Ohio St.3d 297, 310, 2009-Ohio-2961, 911 N.E.2d 242, citing Strickland v. Washington (1984), 466 U.S. 668, 687, 104 S.Ct. 2052, 80 L.Ed.2d 674. Next.",
            "Intro. The appellant must show prejudice.State v. Trimble,122 Ohio St.3d 297, 310, 2009-Ohio-2961, 911 N.E.2d 242, citingStrickland v. Washington (1984),466 U.S. 668, 687, 104 S.Ct. 2052, 80 L.Ed.2d 674. Next.",
        ] {
            let p = props(t);
            assert!(p.len() >= 3, "{t}: {p:#?}");
            for x in &p {
                assert_eq!(x.text, want, "{} in {t}", x.authority);
            }
        }
        // Star paging between parallel citations does not break the chain.
        let p = props("Intro. The appellant must show prejudice. O'Neal v. O'Neal, 678 So.2d 161, Page 346 164 So.2d 1 (Ala. 1996). Next.");
        assert_eq!(p.len(), 2, "{p:#?}");
        for x in &p {
            assert_eq!(x.text, want, "{}", x.authority);
        }
        // Parallel citations that are the subject of their sentence stay in it.
        let p = props("Intro. Strickland v. Washington, 466 U.S. 668, 104 S.Ct. 2052 (1984), held that counsel must be effective.");
        assert_eq!(p.len(), 2);
        for x in &p {
            assert_eq!(x.text, "Strickland v. Washington, 466 U.S. 668, 104 S.Ct. 2052 (1984), held that counsel must be effective.");
        }
    }

    #[test]
    fn clusters_join_orders_and_keep_points_apart() {
        let a = props("\"Federal courts have the implied or inherent power to issue preservation orders as part of their general authority.\" Am. LegalNet, Inc. v. Davis, 673 F. Supp. 2d 1063, 1071 (C.D. Cal. 2009).");
        let b = props("\"[f]ederal courts have the implied or inherent power to issue preservation orders as part of their general authority.\" American LegalNet, Inc. v. Davis, 673 F.Supp.2d 1063, 1071 (C.D. Cal. 2009).");
        let c = props("\"proof of a probability of success in the litigation\" is not considered. Am. LegalNet, Inc. v. Davis, 673 F. Supp. 2d 1063, 1072 n.10 (C.D. Cal. 2009).");
        let clusters = cluster([
            ("a", a.as_slice()),
            ("b", b.as_slice()),
            ("c", c.as_slice()),
        ]);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[0].orders, ["a", "b"]);
        assert_eq!(clusters[1].orders, ["c"]);
    }
}
