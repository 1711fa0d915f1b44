//! Which of the propositions an authority is cited for state the same point.
//!
//! Courts rarely quote a rule the same way twice: seventeen Ohio opinions
//! state *Blakemore*'s abuse-of-discretion standard as "unreasonable,
//! arbitrary or unconscionable", "acted unreasonably, arbitrarily or
//! unconscionably", "connotes more than an error of judgment", each in a
//! sentence of its own making. So propositions are compared by the words
//! that carry the point, not by their wording:
//!
//! - **What is compared.** A proposition's words, with its explanatory
//!   parenthetical (`holding that …`), folded ([`crate::propositions::fold`])
//!   and reduced to a light stem (`unreasonably` and `unreasonable` are one
//!   word). A court's lead-in ("It is well settled that", "The Supreme Court
//!   has held that") is dropped, and so are the words of the authority's own
//!   name (every "In *Barker v. Wingo* the Court …" would otherwise look alike).
//! - **How much a word counts.** Its rarity in legal writing: the inverse
//!   document frequency over 11,201 public court opinions (`data/word_df.tsv`,
//!   from `scripts/gen_word_weights.py`). Two courts saying "unconscionable"
//!   share much more than two saying "court". The pin page is a word too:
//!   *Strickland* at 687 and at 694 are different points, and a shared pin
//!   pulls two wordings together.
//! - **What they mean.** Courts also state one rule in different words
//!   ("four-part test", "balancing test", "(1) length of delay (2) reason
//!   …"). Each word has a meaning vector (`data/word_vectors.bin`, from
//!   `scripts/gen_word_vectors.py`: co-occurrence in the same 11,201
//!   opinions, PPMI and truncated SVD to 96 dimensions); a proposition's
//!   meaning is the rarity-weighted mean of its words' vectors less what
//!   every sentence of legal writing shares, compared by cosine.
//! - **When two are one.** A proposition joins a cluster when the cosine of
//!   its weighted words with the cluster's (the sum of its members', so a
//!   member is compared with everything the cluster says, not with its first
//!   member alone) is at least [`SAME_POINT`], or when nearly all the weight
//!   of the shorter of the two is in the other ([`CONTAINED`], for a clause
//!   quoted out of a longer statement of the rule), provided it says enough
//!   ([`MIN_WEIGHT`]) to be a point at all. That is the lexical fast path.
//!   Otherwise, when the words half match ([`SHARED_WORDS`]), it joins if
//!   half the words' cosine plus half the meanings' is at least
//!   [`SAME_MEANING`]. Meaning never joins on its own: every statement of one
//!   authority is on one subject (summary judgment, custodial interrogation)
//!   and means alike without stating one point. Nor across passages: when
//!   the pin cite is more than [`PIN_SPAN`] pages from every page the
//!   cluster cites, only the words count.
//! - **Determinism.** Propositions are taken in a fixed order (richest first,
//!   then by content), each joins its best cluster or starts one, and then
//!   every proposition is placed once more in the cluster it is now closest
//!   to. The result depends only on the set of propositions, never on the
//!   order orders were indexed in, and clusters are named by content.
//! - **What is not a point.** A proposition that says too little once its
//!   lead-in and the authority's name are gone (a bare case name, "abuse of
//!   discretion", a footnote mark) joins no cluster: it stays on its own, as
//!   one of the authority's "other uses".
//!
//! Both sides of each threshold are tested below on real wordings.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::propositions::fold;

/// Cosine at or above which a proposition states its cluster's point.
pub const SAME_POINT: f64 = 0.5;
/// Share of the shorter side's weight found in the other at or above which
/// the shorter is a part of the same statement.
pub const CONTAINED: f64 = 0.85;
/// Least weight (sum of word rarities) a proposition needs to be compared at all.
pub const MIN_WEIGHT: f64 = 9.0;
/// Weight of the pin page as a word.
const PIN_WEIGHT: f64 = 2.5;
/// Score (half the words' cosine, half the meanings' cosine) at or above
/// which a proposition that shares too few words with a cluster to join it
/// by [`SAME_POINT`] states its point in other words.
pub const SAME_MEANING: f64 = 0.4;
/// Least cosine of words for the meaning to count at all: two statements on
/// one subject mean alike word for word ("summary judgment", "moving party")
/// without stating one point, so meaning only completes a match the words
/// have half made.
pub const SHARED_WORDS: f64 = 0.3;
/// Pages apart beyond which two pin cites point at different passages: a
/// rule and its gloss span a page or two (*Barker* 530 and 531-32), two
/// holdings of one opinion are further apart (*Strickland* 687 and 694).
pub const PIN_SPAN: u32 = 2;
/// Components of a word's meaning vector (`data/word_vectors.bin`).
const DIMS: usize = 96;
/// Document frequency of a word the table does not list (it lists words in 20 or more opinions).
const UNLISTED_DF: f64 = 10.0;

/// One proposition to cluster.
#[derive(Debug, Clone, Default)]
pub struct Member<'a> {
    /// The proposition as the citing order words it.
    pub text: &'a str,
    /// Its explanatory parenthetical, if any.
    pub explanation: Option<&'a str>,
    /// The pin cite.
    pub pin: Option<&'a str>,
    /// The case name the citing order gives the authority (`Barker v. Wingo`, `Barker`).
    pub name: Option<&'a str>,
    /// Whether the text is quoted from the authority.
    pub quoted: bool,
}

/// A cluster: propositions stating one point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Indices of its members, ascending.
    pub members: Vec<usize>,
    /// The member that states the point best: quoted where one is, and
    /// closest to what all of them say.
    pub representative: usize,
    /// False for a proposition that says too little to be compared (a bare
    /// case name, a footnote mark): one of the authority's other uses.
    pub point: bool,
}

/// Words weighed by rarity: the document frequencies of `data/word_df.tsv`;
/// and what they mean: the vectors of `data/word_vectors.bin`.
struct Rarity {
    docs: f64,
    df: HashMap<&'static str, u32>,
    /// Word → its vector, `DIMS` int8 components (x 127) in [`VECTORS`].
    vectors: HashMap<&'static str, &'static [u8]>,
    /// The meaning every sentence of legal writing shares (the mean word
    /// vector, each word counted as often as opinions use it): taken out of
    /// each proposition so that what is left is what sets it apart.
    common: [f64; DIMS],
}

/// Word vectors learned from the shared corpus by `scripts/gen_word_vectors.py`.
static VECTORS: &[u8] = include_bytes!("../data/word_vectors.bin");

/// The word vectors of [`VECTORS`]: `PWV1`, u32 count, u32 dims, then per
/// word a length byte, the word and `DIMS` int8 components. A table that
/// does not read as one gives no vectors (propositions are then compared by
/// their words alone), never a panic.
fn read_vectors(raw: &'static [u8]) -> HashMap<&'static str, &'static [u8]> {
    let mut out = HashMap::new();
    let u32_at = |at: usize| -> Option<usize> {
        let b: [u8; 4] = raw.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    if raw.get(..4) != Some(b"PWV1".as_slice()) || u32_at(8) != Some(DIMS) {
        return out;
    }
    let count = u32_at(4).unwrap_or(0);
    let mut at = 12;
    for _ in 0..count {
        let Some(&len) = raw.get(at) else { break };
        let word_end = at + 1 + usize::from(len);
        let (Some(word), Some(vector)) = (
            raw.get(at + 1..word_end)
                .and_then(|w| std::str::from_utf8(w).ok()),
            raw.get(word_end..word_end + DIMS),
        ) else {
            break;
        };
        out.insert(word, vector);
        at = word_end + DIMS;
    }
    out
}

/// The `i`-th component of a stored vector.
fn component(vector: &[u8], i: usize) -> f64 {
    f64::from(vector[i] as i8) / 127.0
}

fn rarity() -> &'static Rarity {
    static TABLE: OnceLock<Rarity> = OnceLock::new();
    TABLE.get_or_init(|| {
        let raw: &'static str = include_str!("../data/word_df.tsv");
        let mut docs = 11_201.0;
        let mut df = HashMap::new();
        for line in raw.lines() {
            let Some((word, n)) = line.split_once('\t') else {
                continue;
            };
            if word == "#docs" {
                docs = n.parse().unwrap_or(docs);
            } else if !word.starts_with('#') {
                if let Ok(n) = n.parse() {
                    df.insert(word, n);
                }
            }
        }
        let vectors = read_vectors(VECTORS);
        let mut common = [0.0; DIMS];
        let mut uses = 0.0;
        for (word, vector) in &vectors {
            let n = df.get(word).map_or(0.0, |&n| f64::from(n));
            for (i, c) in common.iter_mut().enumerate() {
                *c += n * component(vector, i);
            }
            uses += n;
        }
        if uses > 0.0 {
            common.iter_mut().for_each(|c| *c /= uses);
        }
        Rarity {
            docs,
            df,
            vectors,
            common,
        }
    })
}

impl Rarity {
    /// Inverse document frequency of a folded word.
    fn weight(&self, word: &str) -> f64 {
        let df = self.df.get(word).map_or(UNLISTED_DF, |&n| f64::from(n));
        (self.docs / df).ln().max(0.0)
    }
}

/// A light stem: the suffixes that vary between two wordings of one rule
/// (`unreasonably`/`unreasonable`, `delays`/`delayed`/`delay`, `arbitrarily`/`arbitrary`).
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    if w.len() <= 4 || !w.is_ascii() {
        return w;
    }
    for (suffix, with) in [("ably", "able"), ("ibly", "ible"), ("ily", "y"), ("ly", "")] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            w.push_str(with);
            break;
        }
    }
    for suffix in ["ings", "ing", "ies", "ied", "es", "ed", "s"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) && !w.ends_with("ss") {
            w.truncate(w.len() - suffix.len());
            if suffix.starts_with('i') {
                w.push('y');
            }
            break;
        }
    }
    for suffix in ["e", "y"] {
        if w.len() > 4 && w.ends_with(suffix) {
            w.truncate(w.len() - 1);
            break;
        }
    }
    w
}

/// Verbs that introduce a court's statement of a rule: "… has held that X" is X.
const LEAD_INS: [&str; 22] = [
    "held",
    "holds",
    "hold",
    "stated",
    "states",
    "explained",
    "explains",
    "noted",
    "notes",
    "recognized",
    "recognizes",
    "settled",
    "established",
    "observed",
    "concluded",
    "clear",
    "said",
    "instructed",
    "emphasized",
    "reiterated",
    "found",
    "determined",
];

/// The folded words of a statement without a court's lead-in ("It is well
/// settled that", "The Supreme Court has held that").
fn without_lead_in(words: Vec<String>) -> Vec<String> {
    let window = words.len().min(14);
    let cut = (1..window)
        .find(|&i| words[i] == "that" && words[..i].iter().any(|w| LEAD_INS.contains(&w.as_str())));
    match cut {
        Some(i) if words.len() - i > 4 => words[i + 1..].to_vec(),
        _ => words,
    }
}

/// Weighted words of a proposition, as a sorted sparse vector.
#[derive(Debug, Clone, Default, PartialEq)]
struct Features(Vec<(String, f64)>);

/// What a proposition says: its weighted words, what they mean together,
/// and the pages it cites.
#[derive(Debug, Clone)]
struct Statement {
    words: Features,
    /// The rarity-weighted mean of its words' vectors less the common
    /// meaning, of unit length; `None` when no word has a vector.
    meaning: Option<[f64; DIMS]>,
    /// First and last page of its pin cite.
    pages: Option<(u32, u32)>,
}

impl Statement {
    fn of(m: &Member<'_>, name_words: &[String]) -> Statement {
        let rarity = rarity();
        let mut text = m.text.to_string();
        if let Some(e) = m.explanation {
            text.push(' ');
            text.push_str(e);
        }
        let mut weights: BTreeMap<String, f64> = BTreeMap::new();
        let mut meaning = [0.0; DIMS];
        let mut seen: Vec<&str> = Vec::new();
        let words = without_lead_in(fold(&text));
        let numeric = |i: usize| words[i].starts_with(|c: char| c.is_ascii_digit());
        for (i, word) in words.iter().enumerate() {
            // A reporter between a volume and a page (`5 Ohio St 3d 217`,
            // `5 OBR 481`) names where a case is printed, not what it says.
            let in_citation = (i.saturating_sub(2)..i).any(numeric)
                && (i + 1..(i + 4).min(words.len())).any(numeric);
            if word.len() < 3
                || in_citation
                || !word.chars().all(char::is_alphabetic)
                || name_words.contains(word)
            {
                continue;
            }
            let w = rarity.weight(word);
            let slot = weights.entry(stem(word)).or_insert(0.0);
            *slot = slot.max(w);
            if let Some(vector) = rarity.vectors.get(word.as_str()) {
                if !seen.contains(&word.as_str()) {
                    seen.push(word);
                    for (i, c) in meaning.iter_mut().enumerate() {
                        *c += w * (component(vector, i) - rarity.common[i]);
                    }
                }
            }
        }
        let pages = m.pin.and_then(pin_pages);
        if let Some((page, _)) = pages {
            weights.insert(format!("#{page}"), PIN_WEIGHT);
        }
        let norm = meaning.iter().map(|c| c * c).sum::<f64>().sqrt();
        Statement {
            words: Features(weights.into_iter().filter(|(_, w)| *w > 0.0).collect()),
            meaning: (norm > 0.0).then(|| meaning.map(|c| c / norm)),
            pages,
        }
    }
}

impl Features {
    /// Sum of the words' weights (of the words themselves, not the pin).
    fn weight(&self) -> f64 {
        self.0
            .iter()
            .filter(|(k, _)| !k.starts_with('#'))
            .map(|(_, w)| w)
            .sum()
    }

    fn norm(&self) -> f64 {
        self.0.iter().map(|(_, w)| w * w).sum::<f64>().sqrt()
    }
}

/// The first and last page of a pin cite: `687` is (687, 687), `530-32`
/// and `530–532` are (530, 532), `1072 n.10` is (1072, 1072), `*3` is (3, 3).
fn pin_pages(pin: &str) -> Option<(u32, u32)> {
    let rest = pin.trim_start_matches(['*', ' ']);
    let first_digits: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len())];
    let first: u32 = first_digits.parse().ok()?;
    let after = rest[first_digits.len()..].trim_start();
    let last = after
        .strip_prefix(['-', '\u{2013}'])
        .map(|r| {
            let r = r.trim_start();
            &r[..r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())]
        })
        .filter(|d| !d.is_empty() && d.len() <= first_digits.len())
        .and_then(|d| {
            // `530-32`: the last page keeps the first page's leading digits.
            format!("{}{d}", &first_digits[..first_digits.len() - d.len()])
                .parse::<u32>()
                .ok()
        })
        .filter(|&last| last >= first)
        .unwrap_or(first);
    Some((first, last))
}

/// Whether two pin cites point at passages more than [`PIN_SPAN`] pages apart.
fn pages_apart(a: (u32, u32), b: (u32, u32)) -> bool {
    a.0 > b.1.saturating_add(PIN_SPAN) || b.0 > a.1.saturating_add(PIN_SPAN)
}

/// A cluster being built: the sum of its members' weighted words and of
/// their meanings, and the pages they cite.
#[derive(Debug)]
struct Centroid {
    sum: HashMap<String, f64>,
    norm_sq: f64,
    meaning: [f64; DIMS],
    pages: Vec<(u32, u32)>,
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid {
            sum: HashMap::new(),
            norm_sq: 0.0,
            meaning: [0.0; DIMS],
            pages: Vec::new(),
        }
    }
}

impl Centroid {
    fn add_statement(&mut self, s: &Statement) {
        self.add(&s.words);
        if let Some(m) = &s.meaning {
            self.meaning.iter_mut().zip(m).for_each(|(a, b)| *a += b);
        }
        if let Some(p) = s.pages {
            if !self.pages.contains(&p) {
                self.pages.push(p);
            }
        }
    }

    /// Cosine of `s`'s meaning with the cluster's; none when `s` cites
    /// pages far from every page the cluster cites (a different passage,
    /// however alike the words), or when either has no meaning.
    fn meaning_cosine(&self, s: &Statement) -> f64 {
        let Some(m) = &s.meaning else { return 0.0 };
        if let Some(p) = s.pages {
            if !self.pages.is_empty() && self.pages.iter().all(|&q| pages_apart(p, q)) {
                return 0.0;
            }
        }
        let norm = self.meaning.iter().map(|c| c * c).sum::<f64>().sqrt();
        if norm == 0.0 {
            return 0.0;
        }
        m.iter().zip(&self.meaning).map(|(a, b)| a * b).sum::<f64>() / norm
    }

    fn add(&mut self, f: &Features) {
        for (k, w) in &f.0 {
            let slot = self.sum.entry(k.clone()).or_insert(0.0);
            self.norm_sq -= *slot * *slot;
            *slot += w;
            self.norm_sq += *slot * *slot;
        }
    }

    /// Cosine of `f` with the cluster.
    fn cosine(&self, f: &Features) -> f64 {
        let dot: f64 =
            f.0.iter()
                .map(|(k, w)| w * self.sum.get(k).copied().unwrap_or(0.0))
                .sum();
        let denom = f.norm() * self.norm_sq.max(0.0).sqrt();
        if denom == 0.0 {
            0.0
        } else {
            dot / denom
        }
    }
}

/// Similarity of two propositions: the cosine of their weighted words, or,
/// when the shorter's words are nearly all in the longer, that share.
fn similarity(a: &Features, b: &Features) -> f64 {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0.0);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].0.cmp(&b.0[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.0[i].1 * b.0[j].1;
                if !a.0[i].0.starts_with('#') {
                    shared += a.0[i].1.min(b.0[j].1);
                }
                i += 1;
                j += 1;
            }
        }
    }
    let cosine = dot / (a.norm() * b.norm()).max(f64::MIN_POSITIVE);
    let smaller = a.weight().min(b.weight());
    let contained = if smaller >= MIN_WEIGHT {
        shared / smaller
    } else {
        0.0
    };
    if contained >= CONTAINED {
        cosine.max(SAME_POINT)
    } else {
        cosine
    }
}

/// The words of the names the citing orders give the authority: they say
/// which case is cited, not what it is cited for.
fn name_words(members: &[Member<'_>]) -> Vec<String> {
    let mut words: Vec<String> = members
        .iter()
        .filter_map(|m| m.name)
        .flat_map(fold)
        .filter(|w| w.len() > 2 && !GENERIC_PARTIES.contains(&w.as_str()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Words of case names that also carry meaning in a proposition.
const GENERIC_PARTIES: [&str; 8] = [
    "the",
    "state",
    "states",
    "united",
    "people",
    "commonwealth",
    "city",
    "county",
];

/// Groups `members` (propositions cited for one authority) into clusters
/// stating one point each, biggest first; a proposition that says too
/// little to compare is a group of its own, not a point.
pub fn cluster(members: &[Member<'_>]) -> Vec<Group> {
    let name_words = name_words(members);
    let statements: Vec<Statement> = members
        .iter()
        .map(|m| Statement::of(m, &name_words))
        .collect();
    let features = |i: usize| &statements[i].words;
    // A fixed order that depends only on the content: the richest statements first.
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| {
        features(b)
            .weight()
            .total_cmp(&features(a).weight())
            .then_with(|| features(a).0.len().cmp(&features(b).0.len()))
            .then_with(|| members[a].text.cmp(members[b].text))
            .then_with(|| members[a].pin.cmp(&members[b].pin))
            .then_with(|| members[a].explanation.cmp(&members[b].explanation))
    });
    let comparable = |i: usize| features(i).weight() >= MIN_WEIGHT;
    let mut founders: Vec<usize> = Vec::new();
    let mut centroids: Vec<Centroid> = Vec::new();
    let mut home: Vec<Option<usize>> = vec![None; members.len()];
    // How well `i` states cluster `c`'s point, if well enough to join it:
    // by its words alone (the lexical fast path), or by its words and their
    // meaning together.
    let fit = |centroids: &[Centroid], founders: &[usize], c: usize, i: usize| -> Option<f64> {
        let centroid = &centroids[c];
        let mut words = centroid.cosine(features(i));
        if similarity(features(founders[c]), features(i)) >= SAME_POINT {
            words = words.max(SAME_POINT);
        }
        if words >= SAME_POINT {
            return Some(words);
        }
        if words < SHARED_WORDS {
            return None;
        }
        let score = 0.5 * words + 0.5 * centroid.meaning_cosine(&statements[i]);
        (score >= SAME_MEANING).then_some(score)
    };
    let best = |centroids: &[Centroid], founders: &[usize], i: usize| -> Option<usize> {
        let mut found: Option<(usize, f64)> = None;
        for c in 0..centroids.len() {
            if let Some(sim) = fit(centroids, founders, c, i) {
                if found.is_none_or(|(_, s)| sim > s) {
                    found = Some((c, sim));
                }
            }
        }
        found.map(|(c, _)| c)
    };
    for &i in order.iter().filter(|&&i| comparable(i)) {
        let c = match best(&centroids, &founders, i) {
            Some(c) => c,
            None => {
                founders.push(i);
                centroids.push(Centroid::default());
                centroids.len() - 1
            }
        };
        centroids[c].add_statement(&statements[i]);
        home[i] = Some(c);
    }
    // Once more, each to the cluster it is now closest to, against the
    // clusters as the first pass left them.
    let settled: Vec<Option<usize>> = order
        .iter()
        .map(|&i| {
            home[i]?;
            best(&centroids, &founders, i).or(home[i])
        })
        .collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    for (&i, c) in order.iter().zip(settled) {
        match c {
            Some(c) => groups.entry(c).or_default().push(i),
            None => out.push(Group {
                members: vec![i],
                representative: i,
                point: false,
            }),
        }
    }
    for mut members_of in groups.into_values() {
        members_of.sort_unstable();
        let mut centroid = Centroid::default();
        for &i in &members_of {
            centroid.add(features(i));
        }
        let score =
            |i: usize| centroid.cosine(features(i)) + if members[i].quoted { 0.25 } else { 0.0 };
        let representative = members_of
            .iter()
            .copied()
            .max_by(|&a, &b| score(a).total_cmp(&score(b)).then_with(|| b.cmp(&a)))
            .unwrap_or(members_of[0]);
        out.push(Group {
            members: members_of,
            representative,
            point: true,
        });
    }
    out.sort_by(|a, b| {
        b.point
            .cmp(&a.point)
            .then_with(|| b.members.len().cmp(&a.members.len()))
            .then_with(|| a.members.cmp(&b.members))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Member<'_> {
        Member {
            text,
            ..Default::default()
        }
    }

    fn named<'a>(text: &'a str, name: &'a str) -> Member<'a> {
        Member {
            text,
            name: Some(name),
            ..Default::default()
        }
    }

    fn same(a: &str, b: &str, name: &str) -> bool {
        cluster(&[named(a, name), named(b, name)]).len() == 1
    }

    fn indices(groups: Vec<Group>) -> Vec<Vec<usize>> {
        groups.into_iter().map(|g| g.members).collect()
    }

    #[test]
    fn stems_join_the_wordings_of_one_rule() {
        for (a, b) in [
            ("unreasonably", "unreasonable"),
            ("arbitrarily", "arbitrary"),
            ("unconscionably", "unconscionable"),
            ("delays", "delayed"),
            ("delay", "delayed"),
            ("factors", "factor"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("prejudice"), stem("process"));
    }

    // Both sides of the threshold, from real opinions of the shared corpus.
    #[test]
    fn paraphrases_of_one_standard_are_one_cluster() {
        let blakemore = [
            "A finding of abuse of discretion implies that the court acted unreasonably, arbitrarily or unconscionably.",
            "An abuse of discretion will only be found where the decision is unreasonable, arbitrary, or unconscionable.",
            "Abuse of discretion connotes more than error of judgment, it implies that the court's attitude was unreasonable, arbitrary or unconscionable.",
            "The term `abuse of discretion' connotes more than an error of law or judgment; it implies that the court's attitude is unreasonable, arbitrary or unconscionable.",
            "In order to find an abuse of that discretion, we must determine the trial court's decision was unreasonable, arbitrary or unconscionable and not merely an error of law or judgment.",
            "An abuse of discretion is more than an error of judgment, but instead connotes a decision that is unreasonable, arbitrary, or unconscionable.",
        ];
        let members: Vec<Member> = blakemore
            .iter()
            .map(|t| named(t, "Blakemore v. Blakemore"))
            .collect();
        let clusters = indices(cluster(&members));
        assert_eq!(clusters, vec![(0..blakemore.len()).collect::<Vec<_>>()]);
    }

    #[test]
    fn different_points_of_one_case_stay_apart() {
        let barker = [
            ("The factors to consider in determining whether an accused has been denied a speedy trial are length of delay, reason for the delay, the assertion of the right to speedy trial and any prejudice to the defendant.", "530"),
            ("The length of the delay is to some extent a triggering mechanism.", "530"),
            ("The United States Supreme Court has rejected a per se approach in favor of an analysis of the right within the context of the particular case.", "530-31"),
            ("The defendant's assertion of his speedy trial right, then, is entitled to strong evidentiary weight in determining whether the defendant is being deprived of the right.", "527"),
        ];
        for (i, (a, _)) in barker.iter().enumerate() {
            for (j, (b, _)) in barker.iter().enumerate().skip(i + 1) {
                if (i, j) == (0, 3) {
                    continue;
                }
                assert!(!same(a, b, "Barker v. Wingo"), "{a} / {b}");
            }
        }
        // The list of factors names the assertion of the right, so words and
        // meaning alike draw the two together; the pages the courts cite
        // them at (530, 527) tell the passages apart.
        let pinned = |(text, pin): (&'static str, &'static str)| Member {
            text,
            pin: Some(pin),
            name: Some("Barker v. Wingo"),
            ..Default::default()
        };
        assert_eq!(cluster(&[pinned(barker[0]), pinned(barker[3])]).len(), 2);
    }

    /// Cosine of the words of `b` with those of `a`, and of their meanings,
    /// as `b` would be scored against a cluster `a` founded.
    fn scores(a: &str, b: &str, name: &str) -> (f64, f64) {
        let members = [named(a, name), named(b, name)];
        let names = name_words(&members);
        let (sa, sb) = (
            Statement::of(&members[0], &names),
            Statement::of(&members[1], &names),
        );
        let mut centroid = Centroid::default();
        centroid.add_statement(&sa);
        (centroid.cosine(&sb.words), centroid.meaning_cosine(&sb))
    }

    #[test]
    fn word_vectors_load_and_mean_what_legal_writing_means() {
        let rarity = rarity();
        assert!(rarity.vectors.len() > 15_000, "{}", rarity.vectors.len());
        let cos = |a: &str, b: &str| -> f64 {
            let (va, vb) = (rarity.vectors[a], rarity.vectors[b]);
            let dot: f64 = (0..DIMS).map(|i| component(va, i) * component(vb, i)).sum();
            let norm = |v: &[u8]| {
                (0..DIMS)
                    .map(|i| component(v, i).powi(2))
                    .sum::<f64>()
                    .sqrt()
            };
            dot / (norm(va) * norm(vb))
        };
        assert!(cos("unconscionable", "arbitrary") > cos("unconscionable", "jury"));
        assert!(cos("frivolous", "meritless") > 0.6);
        assert!(cos("frivolous", "custody") < 0.3);
        assert!(read_vectors(b"PWV1garbage").is_empty());
        assert!(read_vectors(b"").is_empty());
    }

    // Above both thresholds: the words half match (SHARED_WORDS <= cosine <
    // SAME_POINT) and the meaning completes it.
    #[test]
    fn wordings_of_one_rule_join_by_meaning() {
        for (a, b, name) in [
            (
                "The Court identified four factors to be considered: the length of the delay, the reasons advanced to explain the delay, the timeliness of the defendant's assertion of his speedy trial right, and the prejudice to the defendant.",
                "The length of the delay, the cause of the delay, prejudice to the defendant, and waiver by defendant are interrelated factors to be considered in determining whether a trial has been unduly delayed.",
                "Barker v. Wingo",
            ),
            (
                "The Sixth Amendment to the United States Constitution guarantees assistance of counsel to a person accused of criminal conduct.",
                "In Gideon v. Wainwright, the United States Supreme Court established that the Sixth Amendment right to counsel was applicable to the states, by virtue of the Fourteenth Amendment.",
                "Gideon v. Wainwright",
            ),
        ] {
            let (words, meaning) = scores(a, b, name);
            assert!((SHARED_WORDS..SAME_POINT).contains(&words), "{words}: {a} / {b}");
            assert!(0.5 * words + 0.5 * meaning >= SAME_MEANING, "{meaning}: {a} / {b}");
            assert!(same(a, b, name), "{a} / {b}");
        }
    }

    // Below SHARED_WORDS: one subject (summary judgment) means alike, but the
    // standard for granting it and the shifting burden are two points.
    #[test]
    fn one_subject_is_not_one_point() {
        let (a, b) = (
            "Summary judgment shall be granted only when the record demonstrates that there is no genuine issue as to any material fact and that the moving party is entitled to judgment as a matter of law.",
            "The nonmoving party bears the burden of placing at least one material fact into dispute after the moving party shows the absence of material fact.",
        );
        let (words, meaning) = scores(a, b, "Celotex Corp. v. Catrett");
        assert!(words < SHARED_WORDS, "{words}");
        assert!(0.5 * words + 0.5 * meaning >= SAME_MEANING, "{meaning}");
        assert!(!same(a, b, "Celotex Corp. v. Catrett"));
    }

    // Below SAME_MEANING: the words half match ("ineffective assistance of
    // counsel"), the points do not.
    #[test]
    fn shared_words_of_different_meaning_stay_apart() {
        let (a, b) = (
            "It is of course well settled that ineffective assistance of counsel claims are subject to \"harmless error\" review.",
            "The appellant bears the burden of proving that his counsel was ineffective since an attorney is presumed competent.",
        );
        let (words, meaning) = scores(a, b, "Strickland v. Washington");
        assert!((SHARED_WORDS..SAME_POINT).contains(&words), "{words}");
        assert!(0.5 * words + 0.5 * meaning < SAME_MEANING, "{meaning}");
        assert!(!same(a, b, "Strickland v. Washington"));
    }

    #[test]
    fn pin_pages_read_ranges_and_tell_passages_apart() {
        assert_eq!(pin_pages("530-32"), Some((530, 532)));
        assert_eq!(pin_pages("530\u{2013}532"), Some((530, 532)));
        assert_eq!(pin_pages("1072 n.10"), Some((1072, 1072)));
        assert_eq!(pin_pages("*3"), Some((3, 3)));
        assert_eq!(pin_pages("531-2"), Some((531, 532)));
        assert_eq!(pin_pages("(d)"), None);
        assert_eq!(pin_pages("540-32"), Some((540, 540)));
        assert!(pages_apart((687, 687), (694, 694)));
        assert!(!pages_apart((530, 530), (531, 532)));
        assert!(!pages_apart((530, 530), (532, 532)));
        assert!(pages_apart((527, 527), (530, 530)));
    }

    #[test]
    fn a_lead_in_and_the_case_name_do_not_make_two_points_alike() {
        assert!(!same(
            "In Barker v. Wingo, the Supreme Court held that the length of the delay is a triggering mechanism.",
            "In Barker v. Wingo, the Supreme Court held that a defendant has no duty to bring himself to trial.",
            "Barker v. Wingo"
        ));
        assert!(same(
            "It is well settled that the length of the delay is to some extent a triggering mechanism.",
            "The length of the delay is to some extent a triggering mechanism.",
            "Barker v. Wingo"
        ));
    }

    #[test]
    fn the_pin_page_tells_points_apart_and_draws_wordings_together() {
        let a = Member {
            text: "counsel's performance was deficient and the deficient performance prejudiced the defense",
            pin: Some("687"),
            ..Default::default()
        };
        let same_pin = Member {
            text: "the defendant must show that counsel's performance was deficient",
            pin: Some("687"),
            ..Default::default()
        };
        assert_eq!(cluster(&[a, same_pin]).len(), 1);
    }

    #[test]
    fn what_says_too_little_stays_alone() {
        let name = "Blakemore v. Blakemore";
        let members = [
            named("Blakemore v.Blakemore", name),
            named("abuse of discretion", name),
            named("[fn1]", name),
            named(
                "Blakemore v. Blakemore (1983), 5 Ohio St.3d 217, 5 OBR 481, 450 N.E.2d 1140.",
                name,
            ),
        ];
        let clusters = cluster(&members);
        assert_eq!(clusters.len(), 4, "{clusters:?}");
        assert!(clusters.iter().all(|g| !g.point));
    }

    #[test]
    fn clusters_depend_only_on_the_set() {
        let texts = [
            "An abuse of discretion will only be found where the decision is unreasonable, arbitrary, or unconscionable.",
            "The length of the delay is to some extent a triggering mechanism.",
            "A finding of abuse of discretion implies that the court acted unreasonably, arbitrarily or unconscionably.",
            "the delay is a triggering mechanism for the inquiry into the other factors",
            "Abuse of discretion connotes more than error of judgment.",
        ];
        let forward: Vec<Member> = texts.iter().map(|t| m(t)).collect();
        let backward: Vec<Member> = texts.iter().rev().map(|t| m(t)).collect();
        fn as_texts<'a>(members: &[Member<'a>], clusters: Vec<Group>) -> Vec<Vec<&'a str>> {
            let mut v: Vec<Vec<&str>> = clusters
                .into_iter()
                .map(|c| {
                    let mut t: Vec<&str> = c.members.into_iter().map(|i| members[i].text).collect();
                    t.sort();
                    t
                })
                .collect();
            v.sort();
            v
        }
        assert_eq!(
            as_texts(&forward, cluster(&forward)),
            as_texts(&backward, cluster(&backward))
        );
    }
}
