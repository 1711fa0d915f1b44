//! Prose structure: the paragraphs, sentences, quotations and footnotes of
//! an order's clean text, found in one linear pass, and the vocabulary of
//! legal prose (`data/prose.json`) that decides them. It is the one place
//! that says where a sentence ends; [`crate::propositions`],
//! [`crate::treatment`], [`crate::history`] and the case-name scan of
//! `cite::context` all read it.
//!
//! A sentence ends at `.`, `?` or `!` (with any closing quotes, brackets
//! and a footnote call-out after it) when a space and a capital, a quotation
//! mark or a bracket follow, unless the word before the period is an
//! abbreviation (`v.`, `Inc.`, `Cir.`, `cert.`, every dotted word of the
//! reporters, courts and case-name abbreviations, single initials,
//! initialisms such as `U.S.`). `Id.` is no abbreviation: it ends a citation
//! sentence (`… deficient. Id. Next, …`). A period inside a quotation ends
//! nothing unless the quotation closes with it, and a paragraph break ends
//! every sentence. This module knows nothing about citations: which
//! sentences hold only citations is decided above it, in `propositions`.
//!
//! ```
//! let p = precedent::prose::Prose::parse("Counsel was deficient. Id. Next, the court must ask.");
//! let s: Vec<&str> = p.sentences.iter().map(|s| s.text("Counsel was deficient. Id. Next, the court must ask.")).collect();
//! assert_eq!(s, ["Counsel was deficient.", "Id.", "Next, the court must ask."]);
//! ```

use std::sync::OnceLock;

use serde::Deserialize;

static PROSE_JSON: &str = include_str!("../data/prose.json");

/// A subsequent-history phrase and whether it takes the authority's holding away.
#[derive(Debug, Clone, Deserialize)]
pub struct HistoryPhrase {
    /// The phrase, lower case (`overruled`, `cert. denied`).
    pub phrase: String,
    /// Overruled, abrogated, superseded, reversed, vacated, disapproved.
    pub negative: bool,
}

/// Where the authority a treatment phrase acts on stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// After the phrase: `we decline to follow X`, `unlike X`.
    After,
    /// Before it: `X is distinguishable`, `reliance on X is misplaced`.
    Before,
}

/// A phrase that says how the citing court treats an authority.
#[derive(Debug, Clone, Deserialize)]
pub struct TreatmentPhrase {
    /// The phrase, lower case; it matches whole words only.
    pub phrase: String,
    /// `negative`, `distinguishing` or `positive`.
    pub kind: String,
    /// Where the authority it acts on stands.
    pub target: Target,
}

/// A sorted word list: membership by binary search, which beats hashing
/// for lists this short and words this small.
#[derive(Debug)]
pub struct Words(Vec<String>);

impl Words {
    /// Whether `w` is in the list (exactly, case-sensitive).
    pub fn contains(&self, w: &str) -> bool {
        self.0.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut v = Vec::<String>::deserialize(d)?;
        v.sort();
        v.dedup();
        Ok(Words(v))
    }
}

/// The vocabulary of legal prose, from `data/prose.json`.
#[derive(Debug, Deserialize)]
pub struct Vocab {
    /// Words ending in a period that do not end a sentence.
    pub abbreviations: Words,
    /// Words a citation sentence may hold besides its citations, lower case.
    pub citation_words: Words,
    /// Subsequent-history phrases.
    pub history: Vec<HistoryPhrase>,
    /// Treatment phrases.
    pub treatment: Vec<TreatmentPhrase>,
    /// Words that refer to a cited authority without naming it, longest first.
    pub anaphors: Vec<String>,
    /// Verbs that report a party's argument.
    pub party_cues: Words,
    /// Phrases of sentences that report the case's own proceedings.
    pub procedural: Vec<String>,
}

/// The vocabulary, parsed once.
pub fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| serde_json::from_str(PROSE_JSON).expect("data/prose.json parses"))
}

/// Does `token`, a word ending in a period (`Inc.`, `cert.`, `U.S.`), not
/// end a sentence? Single initials and dotted initialisms never do.
pub fn is_abbreviation(token: &str) -> bool {
    let core = token.trim_end_matches('.');
    if core.is_empty() {
        return false;
    }
    let bytes = core.as_bytes();
    if bytes.len() == 1 && bytes[0].is_ascii_alphabetic() {
        return true;
    }
    // `U.S.`, `N.D.`, `S.E.2d.`: dotted pieces of at most four characters.
    if core.contains('.')
        && core.split('.').all(|p| p.len() <= 4)
        && core.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return true;
    }
    vocab().abbreviations.contains(token)
}

/// One paragraph of the clean text (the text between two `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Start offset in the clean text.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The footnote number when the paragraph is a footnote's text (`[fn3] …`).
    pub footnote: Option<u32>,
    /// Whether it is a block quotation: it follows a paragraph ending in a colon.
    pub block: bool,
    /// Its sentences: indices into [`Prose::sentences`].
    pub sentences: std::ops::Range<usize>,
}

/// One sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Start offset in the clean text.
    pub start: usize,
    /// End offset (exclusive), after its final punctuation.
    pub end: usize,
    /// Index of its paragraph in [`Prose::paragraphs`].
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence's text in `text` (the clean text it was parsed from).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The prose structure of one clean text.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Quotations: the text between paired `"` of one paragraph, in order.
    pub quotes: Vec<(usize, usize)>,
    /// Footnote call-outs in the body (`… deficient.[fn3]`): (number, offset).
    pub callouts: Vec<(u32, usize)>,
}

/// `[fn12]` at `pos`: the footnote number and the end of the marker.
fn footnote_marker(b: &[u8], pos: usize) -> Option<(u32, usize)> {
    if !b[pos..].starts_with(b"[fn") {
        return None;
    }
    let digits = b[pos + 3..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let close = pos + 3 + digits;
    if digits == 0 || digits > 4 || b.get(close) != Some(&b']') {
        return None;
    }
    let n = std::str::from_utf8(&b[pos + 3..close]).ok()?.parse().ok()?;
    Some((n, close + 1))
}

impl Prose {
    /// Parses `text` (clean text: one space between words, `\n` between paragraphs).
    pub fn parse(text: &str) -> Prose {
        let b = text.as_bytes();
        let mut prose = Prose::default();
        let mut start = 0;
        let mut prev_colon = false;
        let mut quote_marks: Vec<usize> = Vec::new();
        while start <= b.len() {
            let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |k| start + k);
            let para = text[start..end].trim_end();
            if !para.trim_start().is_empty() {
                let footnote = footnote_marker(b, start).map(|(n, _)| n);
                let block = prev_colon && footnote.is_none();
                prev_colon = para.ends_with(':');
                quote_marks.clear();
                quote_marks.extend(memchr::memchr_iter(b'"', para.as_bytes()).map(|k| start + k));
                let first_quote = prose.quotes.len();
                pair_quotes(b, &quote_marks, &mut prose.quotes);
                let para_end = start + para.len();
                let first = prose.sentences.len();
                let index = prose.paragraphs.len();
                split(
                    text,
                    (start, para_end),
                    index,
                    &prose.quotes[first_quote..],
                    &mut prose.sentences,
                );
                if footnote.is_none() {
                    let mut i = start;
                    while let Some(k) = memchr::memmem::find(&b[i..para_end], b"[fn") {
                        if let Some((n, e)) = footnote_marker(b, i + k) {
                            prose.callouts.push((n, i + k));
                            i = e;
                        } else {
                            i += k + 3;
                        }
                    }
                }
                prose.paragraphs.push(Paragraph {
                    start,
                    end: para_end,
                    footnote,
                    block,
                    sentences: first..prose.sentences.len(),
                });
            }
            start = end + 1;
        }
        prose
    }

    /// Index of the sentence holding offset `pos` (the last one starting at or before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)
    }

    /// The quotations lying wholly inside `[start, end)`.
    pub fn quotes_within(&self, start: usize, end: usize) -> &[(usize, usize)] {
        let a = self.quotes.partition_point(|q| q.0 <= start);
        let b = self.quotes.partition_point(|q| q.1 <= end);
        &self.quotes[a.min(b)..b]
    }

    /// Where the body calls out footnote `n`.
    pub fn callout(&self, n: u32) -> Option<usize> {
        self.callouts.iter().find(|c| c.0 == n).map(|c| c.1)
    }
}

/// Pairs the quotation marks of one paragraph into quotations. A mark
/// cannot open before a space nor close after one; a doubled mark (`""`,
/// where a closing single quote was folded beside a double one) is one
/// mark; a mark that can do neither is a stray and is dropped.
fn pair_quotes(b: &[u8], marks: &[usize], out: &mut Vec<(usize, usize)>) {
    let mut open: Option<usize> = None;
    let mut last = usize::MAX;
    for &m in marks {
        if last != usize::MAX && m == last + 1 {
            last = m;
            continue;
        }
        last = m;
        let space_after = b.get(m + 1).is_none_or(|c| c.is_ascii_whitespace());
        let space_before = m == 0 || b[m - 1].is_ascii_whitespace();
        // `␣"Word` can only open; `word"`, `.' "␣` can close.
        match open {
            Some(o) if !space_before || space_after => {
                out.push((o + 1, m));
                open = None;
            }
            _ if !space_after => open = Some(m),
            _ => {}
        }
    }
}

/// Splits the paragraph `[start, end)` into sentences; `quotes` are its quotations.
fn split(
    text: &str,
    (start, end): (usize, usize),
    paragraph: usize,
    quotes: &[(usize, usize)],
    out: &mut Vec<Sentence>,
) {
    let b = text.as_bytes();
    let mut sentence = start;
    let mut q = 0;
    let mut i = start;
    while i < end {
        let c = b[i];
        if !matches!(c, b'.' | b'?' | b'!') {
            i += 1;
            continue;
        }
        while q < quotes.len() && quotes[q].1 < i {
            q += 1;
        }
        // The run of closers after the terminator, and a footnote call-out.
        let mut j = i + 1;
        while j < end && matches!(b[j], b'.' | b'?' | b'!' | b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        if let Some((_, e)) = (j < end).then(|| footnote_marker(b, j)).flatten() {
            j = e;
        } else if c == b'.' && i > 0 && !b[i - 1].is_ascii_digit() {
            // A footnote number pasted after the period (`… 924(c)(1).6 Defendants`).
            let digits = b[j..end].iter().take_while(|d| d.is_ascii_digit()).count();
            if (1..=2).contains(&digits)
                && b.get(j + digits) == Some(&b' ')
                && b.get(j + digits + 1).is_some_and(u8::is_ascii_uppercase)
            {
                j += digits;
            }
        }
        let inside = q < quotes.len() && quotes[q].0 <= i && i < quotes[q].1;
        // A period inside a quotation ends a sentence only where the quotation closes.
        if inside && quotes[q].1 >= j {
            i = j;
            continue;
        }
        let mut k = j;
        while k < end && b[k] == b' ' {
            k += 1;
        }
        let ends = if k >= end {
            true
        } else if k == j {
            false
        } else {
            let next = b[k];
            let opens = next.is_ascii_uppercase()
                || matches!(next, b'"' | b'[' | b'(')
                || next >= 0x80 && text[k..].starts_with(|ch: char| ch.is_uppercase());
            opens && (c != b'.' || !abbreviation_before(text, sentence, i))
        };
        if ends {
            push(out, text, sentence, j.min(end), paragraph);
            sentence = k;
        }
        i = j;
    }
    push(out, text, sentence, end, paragraph);
}

fn push(out: &mut Vec<Sentence>, text: &str, start: usize, end: usize, paragraph: usize) {
    let s = &text[start..end];
    let trimmed = s.trim_start();
    let start = start + (s.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if end > start {
        out.push(Sentence {
            start,
            end,
            paragraph,
        });
    }
}

/// Is the word that ends at the period `dot` (within a sentence starting at
/// `from`) an abbreviation?
fn abbreviation_before(text: &str, from: usize, dot: usize) -> bool {
    let b = text.as_bytes();
    let mut s = dot;
    while s > from && !matches!(b[s - 1], b' ' | b'(' | b'"' | b'[' | b'\n') {
        s -= 1;
    }
    // A number ends a sentence (`at 5.`); a word fused to a number does not (`2d.`).
    let word = &text[s..=dot];
    if word[..word.len() - 1].bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    is_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        Prose::parse(t)
            .sentences
            .iter()
            .map(|s| s.text(t))
            .collect()
    }

    /// Failure pattern 3 (issue 15), from a Strickland paragraph of the
    /// corpus: "Id." is a sentence of its own, so the one after it is not
    /// the Id.'s proposition.
    #[test]
    fn id_ends_a_citation_sentence() {
        let t = "First, the defendant must show that counsel's performance was deficient. Id. Next, the defendant must show prejudice. Id. at 694. See id. at 5.";
        assert_eq!(
            sentences(t),
            [
                "First, the defendant must show that counsel's performance was deficient.",
                "Id.",
                "Next, the defendant must show prejudice.",
                "Id. at 694.",
                "See id. at 5."
            ]
        );
    }

    /// From a First Circuit opinion of the corpus: a footnote number pasted
    /// after the period does not keep the next sentence in this one.
    #[test]
    fn pasted_footnote_numbers() {
        assert_eq!(
            sentences(
                "They were convicted under 18 U.S.C. 924(c)(1).6 Defendants raise various grounds."
            ),
            [
                "They were convicted under 18 U.S.C. 924(c)(1).6",
                "Defendants raise various grounds."
            ]
        );
    }

    /// Failure pattern 1: `cert. denied` and reporter abbreviations do not end sentences.
    #[test]
    fn history_and_reporters_stay_in_their_sentence() {
        let t = "The court rejected it. United States v. Zannino, 895 F.2d 1, 17 (1st Cir.), cert. denied, 494 U.S. 1082 (1990). Later text follows.";
        assert_eq!(
            sentences(t),
            [
                "The court rejected it.",
                "United States v. Zannino, 895 F.2d 1, 17 (1st Cir.), cert. denied, 494 U.S. 1082 (1990).",
                "Later text follows."
            ]
        );
        let t = "See Smith v. Jones Mfg. Co., 12 Ga. App. 5 (1999); Am. LegalNet, Inc. v. Davis, 673 F. Supp. 2d 1063 (C.D. Cal. 2009). Next.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
    }

    #[test]
    fn quotations_hold_their_periods() {
        let t = "The court said \"one. Two.\" and ruled. It held: \"The end.\" Next one.";
        assert_eq!(
            sentences(t),
            [
                "The court said \"one. Two.\" and ruled.",
                "It held: \"The end.\"",
                "Next one."
            ]
        );
        let p = Prose::parse(t);
        assert_eq!(&t[p.quotes[0].0..p.quotes[0].1], "one. Two.");
        // A closing mark set off by a space after a single quote closes.
        let t =
            "It is a policy that \"exists to cover 'claims made.' \" 216 W. Va. at 754. Next one.";
        assert_eq!(sentences(t).len(), 2, "{:?}", sentences(t));
        // A doubled closing mark (a folded `'"`) closes once (seed 002).
        let t = "He is advised that \"[f]ederal courts have power 'to manage their affairs.'\"\" Am. LegalNet, 673 F. Supp. 2d 1063. Plaintiff has not shown it. Next.";
        assert_eq!(sentences(t).len(), 4, "{:?}", sentences(t));
        // A stray mark does not swallow the rest of the paragraph.
        assert_eq!(sentences("He said \"never. It ended. Then more.").len(), 3);
    }

    #[test]
    fn abbreviations_initials_and_numbers() {
        assert_eq!(
            sentences("Mr. Smith sued the U.S. Dept. of Labor under 42 U.S.C. § 1983. The court held for him at 5. John A. Doe testified."),
            [
                "Mr. Smith sued the U.S. Dept. of Labor under 42 U.S.C. § 1983.",
                "The court held for him at 5.",
                "John A. Doe testified."
            ]
        );
        // A section number ends its sentence (`… under § 195.285.1. Butler's …`).
        assert!(!is_abbreviation("195.285.1."));
        assert!(is_abbreviation("Serv."));
        assert!(is_abbreviation("cert."));
        assert!(!is_abbreviation("Id."));
        assert!(!is_abbreviation("Bank."));
    }

    /// Failure pattern 2: footnote texts and their call-outs.
    #[test]
    fn footnotes_and_callouts() {
        let t = "The jury was instructed properly.[fn3] It followed them.\n[fn3] See State v. Grisby, 97 Wn.2d 493 (1982).";
        let p = Prose::parse(t);
        assert_eq!(p.paragraphs.len(), 2);
        assert_eq!(p.paragraphs[1].footnote, Some(3));
        assert_eq!(p.paragraphs[0].footnote, None);
        let at = p.callout(3).unwrap();
        assert_eq!(
            p.sentences[p.sentence_at(at).unwrap()].text(t),
            "The jury was instructed properly.[fn3]"
        );
        assert_eq!(
            sentences(t)[1],
            "It followed them.",
            "a call-out closes its sentence"
        );
    }

    #[test]
    fn block_quotes_follow_a_colon() {
        let t = "Rule 1.2(a) states that:\nA lawyer shall abide by a client's decisions.\nNext paragraph.";
        let p = Prose::parse(t);
        assert!(!p.paragraphs[0].block);
        assert!(p.paragraphs[1].block);
        assert!(!p.paragraphs[2].block);
    }

    #[test]
    fn messy_text_never_panics() {
        for t in [
            "",
            "\n\n",
            ".",
            "\"",
            "[fn",
            "[fn1",
            "[fn99999999]",
            "a. b. \u{e9}. \u{c9}t\u{e9}.",
            "x.\u{201c}Y",
        ] {
            let p = Prose::parse(t);
            for s in &p.sentences {
                assert!(s.start <= s.end && s.end <= t.len());
            }
        }
    }
}
