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

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::cite::{Citation, CitationKind, EDITORIAL};
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

/// Quoted passages (text between paired `"`) inside `s`, as (start, end) offsets.
fn quotes(s: &str) -> Vec<(usize, usize)> {
    let idx: Vec<usize> = s.match_indices('"').map(|(i, _)| i).collect();
    idx.chunks_exact(2)
        .map(|p| (p[0] + 1, p[1]))
        .filter(|(a, b)| b > a)
        .collect()
}

/// Start of the last sentence that ends at `end` in `text[from..end]`, not
/// splitting inside quotation marks.
fn last_sentence_start(text: &str, from: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut in_quote = false;
    let mut last = from;
    let mut i = from;
    while i < end {
        match b[i] {
            b'"' => in_quote = !in_quote,
            b'\n' => {
                last = i + 1;
                in_quote = false;
            }
            b'.' | b'?' | b'!' if !in_quote => {
                let mut j = i + 1;
                while j < end && matches!(b[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                let next_upper = j + 1 < end
                    && b[j] == b' '
                    && (b[j + 1].is_ascii_uppercase() || b[j + 1] == b'"');
                if next_upper && !ends_with_abbreviation(&text[from..i + 1]) && j + 1 < end {
                    last = j + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    last
}

/// Periods that do not end sentences in legal prose.
fn ends_with_abbreviation(s: &str) -> bool {
    let word = s.rsplit(' ').next().unwrap_or("");
    let core = word.trim_end_matches('.');
    core.len() <= 3 && core.starts_with(|c: char| c.is_ascii_uppercase())
        || core.contains('.')
        || matches!(
            core,
            "v" | "Inc"
                | "Corp"
                | "Co"
                | "No"
                | "Nos"
                | "id"
                | "Id"
                | "e.g"
                | "i.e"
                | "Cir"
                | "Supp"
                | "Cal"
                | "Dist"
                | "Ct"
                | "App"
                | "Fed"
        )
}

fn is_editorial(p: &crate::cite::Parenthetical) -> bool {
    p.relation
        .as_deref()
        .is_some_and(|r| EDITORIAL.contains(&r))
}

/// The proposition of every citation in one order. `cites` must be resolved.
pub fn propositions(doc: &Normalized<'_>, cites: &[Citation]) -> Vec<Proposition> {
    let text = doc.text.as_str();
    let mut out: Vec<Proposition> = Vec::new();
    // Where each top-level citation's supported text begins: after the previous citation.
    let mut prev_end = 0usize;
    let mut by_citation: HashMap<usize, usize> = HashMap::new();
    // Where the chain of connected citations starting at each top-level
    // citation ends: whether a citation stands alone in its sentence is
    // judged after the whole chain.
    let top: Vec<usize> = (0..cites.len())
        .filter(|&i| cites[i].nested_in.is_none())
        .collect();
    let mut chain_end = vec![0usize; cites.len()];
    // Whether a top-level citation is connected to the one before it.
    let mut joins_previous = vec![false; cites.len()];
    for (w, &i) in top.iter().enumerate().rev() {
        let after = cites[i].clean.2;
        chain_end[i] = after;
        if let Some(&j) = top.get(w + 1) {
            if connected(text, after, cites[j].clean.0) {
                joins_previous[j] = true;
                chain_end[i] = chain_end[j].max(after);
            }
        }
    }
    for (i, c) in cites.iter().enumerate() {
        let (cs, _ce, after) = c.clean;
        if let Some(parent) = c.nested_in {
            if let (Some(&p), Some(key)) = (by_citation.get(&parent), &c.authority) {
                let parent_prop = out[p].clone();
                let through = cites[parent].authority.clone();
                out.push(Proposition {
                    citation: i,
                    authority: key.clone(),
                    through,
                    pin: c.pin.clone(),
                    signal: c.signal.clone(),
                    explanation: None,
                    ..parent_prop
                });
            }
            continue;
        }
        let region_start = prev_end.min(cs);
        let joined = joins_previous[i];
        prev_end = after.max(prev_end);
        let Some(key) = c.authority.clone() else {
            continue;
        };
        if c.kind == CitationKind::Record {
            continue;
        }
        let explanation = c
            .parentheticals
            .iter()
            .find(|p| !is_editorial(p) && !p.text.starts_with('"'))
            .map(|p| p.text.clone());
        // 1. A quotation in the citation's own parenthetical.
        let quoted_paren = c
            .parentheticals
            .iter()
            .find(|p| !is_editorial(p) && p.text.starts_with('"'));
        let (span, quoted) = if let Some(p) = quoted_paren {
            let inner = p
                .text
                .trim_matches('"')
                .trim_end_matches(['.', '"'])
                .to_string();
            let clean_start = text[..after].rfind(&inner).unwrap_or(cs);
            ((clean_start, clean_start + inner.len()), true)
        } else if joined {
            // "A (…); see also B", parallel citations, "A, citing B": B
            // supports what A supports.
            match out.iter().rev().find(|p| p.through.is_none()) {
                Some(p) => {
                    let mut p = p.clone();
                    p.citation = i;
                    p.authority = key;
                    p.pin = c.pin.clone();
                    p.signal = c.signal.clone();
                    p.explanation = explanation;
                    by_citation.insert(i, out.len());
                    out.push(p);
                    continue;
                }
                None => continue,
            }
        } else {
            supported_span(text, region_start, cs, chain_end[i])
        };
        let (s, e) = span;
        if e <= s {
            continue;
        }
        let passage = if quoted {
            text[s..e].to_string()
        } else {
            // Only the quoted passages of the sentence, joined by an ellipsis, when there are any.
            let sentence = &text[s..e];
            let q = quotes(sentence);
            if q.is_empty() {
                sentence.trim().to_string()
            } else {
                q.iter()
                    .map(|&(a, b)| sentence[a..b].trim())
                    .collect::<Vec<_>>()
                    .join(" … ")
            }
        };
        let quoted = quoted || !quotes(&text[s..e]).is_empty();
        let tokens = fold(&passage);
        if tokens.is_empty() {
            continue;
        }
        by_citation.insert(i, out.len());
        out.push(Proposition {
            citation: i,
            authority: key,
            text: passage,
            quoted,
            explanation,
            pin: c.pin.clone(),
            signal: c.signal.clone(),
            through: None,
            start: doc.map.start(s),
            end: doc.map.end(e).max(doc.map.start(s)),
            tokens,
        });
    }
    out
}

/// Whether only a connector stands between a citation ending at `from` and
/// the next starting at `to`, so that both belong to one citation sentence:
/// `A; see also B`, parallel citations (`466 U.S. 668, 104 S. Ct. 2052`), and
/// Ohio's `A, citing B`. Not `and`: `A, and B, held that …` are subjects.
fn connected(text: &str, from: usize, to: usize) -> bool {
    if to < from || to - from > 40 {
        return false;
    }
    let gap = text[from..to].trim();
    if gap.starts_with(';') {
        return true;
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

/// Longest proposition taken from running text; longer spans have run into
/// captions or OCR debris and are cut back to their last clause.
const MAX_SENTENCE_BYTES: usize = 600;

/// End of the sentence that continues after a citation ending at `after`.
fn sentence_end_after(text: &str, after: usize) -> usize {
    let b = text.as_bytes();
    let limit = (after + MAX_SENTENCE_BYTES).min(b.len());
    let mut in_quote = false;
    let mut i = after;
    while i < limit {
        match b[i] {
            b'"' => in_quote = !in_quote,
            b'\n' => return i,
            b'.' | b'?' | b'!' if !in_quote => {
                let next = b.get(i + 1).copied();
                if next.is_none_or(|c| c == b' ' || c == b'\n' || c == b'"')
                    && !ends_with_abbreviation(&text[after..i + 1])
                {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    after
}

/// The sentence a citation starting at `cs` (it and the citations connected
/// to it ending at `after`) supports: the textual sentence before a citation
/// sentence, or the sentence a citation stands inside.
fn supported_span(text: &str, from: usize, cs: usize, after: usize) -> ((usize, usize), bool) {
    let mut end = cs;
    // Drop the signal and trailing spaces between the sentence and the citation.
    let head = text[from..end].trim_end();
    end = from + head.len();
    let lower = head.to_ascii_lowercase();
    for signal in [
        "see also",
        "see generally",
        "but see",
        "see, e.g.,",
        "see",
        "cf.",
        "accord",
        "e.g.,",
    ] {
        if lower.ends_with(signal) && lower.len() > signal.len() {
            end -= signal.len();
            break;
        }
    }
    let head = text[from..end].trim_end();
    end = from + head.len();
    // A citation that does not follow a sentence's end stands inside a sentence
    // ("… is not sufficient under Rule 26(c).", "Rule 26(c) … provides, \"…\""):
    // it supports that whole sentence.
    let opens_sentence =
        head.is_empty() || head.ends_with(['.', '?', '!', '"', ':', ';', ')', '\n']);
    // A citation followed by more words is the subject or an inset of its sentence.
    let rest = text[after..].trim_start_matches(' ');
    let standalone = rest.is_empty() || rest.starts_with(['.', ';', ')', '\n']);
    let mut start = None;
    if !opens_sentence || !standalone {
        let tail = sentence_end_after(text, after);
        end = if standalone { cs } else { tail.max(cs) };
        if opens_sentence {
            start = Some(cs);
        }
    }
    let mut start = start.unwrap_or_else(|| last_sentence_start(text, from, end.min(cs.max(from))));
    if end - start > MAX_SENTENCE_BYTES {
        let window = &text[..end];
        let floor = crate::text::floor_char_boundary(text, end - MAX_SENTENCE_BYTES);
        start = window[floor..]
            .rfind([')', ']', ';', ':'])
            .map_or(floor, |k| floor + k + 1);
    }
    let body = &text[start..end];
    // List bullets and enumerators are layout, not content.
    let trimmed =
        body.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '•' | '*'));
    ((end - trimmed.len(), end), false)
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

    #[test]
    fn sentences_do_not_split_inside_quotes_or_abbreviations() {
        let t = "Earlier text. The court in Am. Corp. said \"one. Two.\" and ruled.";
        assert_eq!(
            &t[last_sentence_start(t, 0, t.len())..],
            "The court in Am. Corp. said \"one. Two.\" and ruled."
        );
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
        let p = props("No showing. See Echostar v. Freetech, 2009 WL 8399038, at *2 (N.D. Cal. Jan. 22, 2009) (\"Plaintiffs have not responded.\"). Later, Smith v. Jones, 1 F.3d 1 (1st Cir. 1990) (holding that x).");
        assert_eq!(p[0].text, "Plaintiffs have not responded");
        assert!(p[0].quoted);
        assert_eq!(p[1].explanation.as_deref(), Some("holding that x"));
        assert_eq!(p[1].text, "Later,");
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
