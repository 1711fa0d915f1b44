//! Subsequent history: what happened to a cited authority elsewhere
//! (`overruled by`, `abrogated by`, `rev'd`, `cert. denied`), as the order
//! reports it, kept apart from treatment (what the order itself does with
//! the authority, in [`crate::treatment`]).
//!
//! History is a flag on the cited authority with its source: a
//! [`History`](crate::cite::History) entry on the citation of the authority
//! it happened to, naming the phrase, whether it is negative (overruled,
//! abrogated, superseded, reversed, vacated, disapproved) and the citation of
//! the source when the order cites one. The source itself (`Y` in `X,
//! overruled on other grounds by Y`; the Supreme Court's denial in `X, cert.
//! denied, 494 U.S. 1082`) is marked [`history_of`](crate::Citation::history_of)
//! `X`: it is cited only as X's history, so it is no proposition and no
//! treatment of its own.
//!
//! Three forms are read: a phrase right after the citation (`X, 1 F.3d 1,
//! overruled in part on other grounds by Y`, `X … which has been recently
//! overruled in Y`); a parenthetical or bracket that opens with one (`X
//! (reversed on other grounds, 223 Ga. 352)`, `X [overruled on other grounds
//! by Y]`); and a sentence that names the overruled case (`Y, 390 So. 2d 325
//! (Fla. 1980), expressly overruled Fontainebleau.`). The phrases are data
//! (`data/prose.json`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};

use crate::cite::{Citation, History};
use crate::prose::{vocab, Prose};

/// Words that may stand between a citation and its history phrase.
const LEAD_INS: &[&str] = &[
    "which",
    "has",
    "have",
    "had",
    "been",
    "was",
    "were",
    "is",
    "recently",
    "expressly",
    "implicitly",
    "later",
    "subsequently",
    "since",
    "and",
    "but",
    "itself",
];

/// The history phrase starting at `pos` of `text` (case-insensitive, whole
/// words): its length and whether it is negative.
fn phrase_at(text: &str, pos: usize) -> Option<(usize, bool)> {
    let rest = &text[pos..];
    // Only a letter can start a phrase: most positions end here, unallocated.
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    vocab().history.iter().find_map(|h| {
        let n = starts_with_phrase(rest, &h.phrase)?;
        let whole = rest[n..]
            .bytes()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        whole.then_some((n, h.negative))
    })
}

/// The length in `rest` of `phrase` at its start, ignoring ASCII case and
/// reading a curly apostrophe as a straight one.
fn starts_with_phrase(rest: &str, phrase: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    for p in phrase.chars() {
        let (_, c) = chars.next()?;
        let c = if c == '’' { '\'' } else { c };
        if !c.eq_ignore_ascii_case(&p) {
            return None;
        }
    }
    Some(chars.next().map_or(rest.len(), |(k, _)| k))
}

/// Whether a history phrase (`overruled on other grounds by`, `cert.
/// denied`) takes the authority's holding away.
pub fn is_negative(phrase: &str) -> bool {
    leading_phrase(phrase).is_some_and(|(_, _, negative)| negative)
}

/// Whether `s` opens with a history phrase (`reversed on other grounds, …`).
pub fn is_history(s: &str) -> bool {
    leading_phrase(s).is_some()
}

/// A history phrase at the start of `s` after lead-in punctuation and words:
/// (offset of the phrase in `s`, its length, negative).
fn leading_phrase(s: &str) -> Option<(usize, usize, bool)> {
    let mut i = 0;
    let b = s.as_bytes();
    loop {
        // `[111 Cal.Rptr. 910, 518 P.2d 342], superseded by …`: the bracket
        // closing a parallel stands before the phrase.
        while i < b.len() && matches!(b[i], b' ' | b',' | b'(' | b'[' | b']') {
            i += 1;
        }
        if let Some((n, neg)) = phrase_at(s, i) {
            return Some((i, n, neg));
        }
        let w = s[i..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(s.len() - i);
        if w == 0 || !LEAD_INS.contains(&s[i..i + w].to_ascii_lowercase().as_str()) {
            return None;
        }
        i += w;
    }
}

/// Is a history verb used actively, with the overruled case as its object
/// (`Y … expressly overruled Fontainebleau`)? Then the citation before it
/// is the source, not the case overruled; [`by_name`] reads it.
fn active(after_phrase: &str) -> bool {
    after_phrase
        .trim_start()
        .starts_with(|c: char| c.is_uppercase())
}

/// The phrase as recorded: from its start to the source citation (or the
/// end of its clause), trimmed.
fn recorded(s: &str) -> String {
    let end = s.find([';', ')', ']', '.']).map_or(s.len(), |k| {
        // `cert. denied`, `rev'd`: a period inside the phrase is not its end.
        if s[..k].eq_ignore_ascii_case("cert") {
            s[k + 1..]
                .find([';', ')', ']', '.'])
                .map_or(s.len(), |m| k + 1 + m)
        } else {
            k
        }
    });
    s[..end.min(80)]
        .trim()
        .trim_end_matches([',', ' ', '('])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Distinctive words of a case name: the first word of each party that is
/// not a government or a connector (`Hanrahan` in `People ex rel. Hanrahan v.
/// Village of Wheeling`).
pub(crate) fn name_words(c: &Citation) -> Vec<&str> {
    const GENERIC: &[&str] = &[
        "State",
        "People",
        "United",
        "States",
        "Commonwealth",
        "In",
        "re",
        "Ex",
        "ex",
        "parte",
        "rel.",
        "City",
        "County",
        "Town",
        "Village",
        "of",
        "the",
        "The",
        "v.",
        "Matter",
        "Estate",
        "Inc.",
        "Co.",
        "Corp.",
        "Board",
        "Dept.",
        "Department",
        "Marriage",
        "Interest",
        "Commissioner",
        "Secretary",
        "Director",
        "Territory",
    ];
    let mut out = Vec::new();
    for party in [c.plaintiff.as_deref(), c.defendant.as_deref()]
        .into_iter()
        .flatten()
        .chain(c.case_name.as_deref().filter(|_| c.plaintiff.is_none()))
    {
        if let Some(w) = party.split([' ', ',']).find(|w| {
            w.len() > 2
                && w.starts_with(|ch: char| ch.is_uppercase())
                && !GENERIC.contains(w)
                && !w.ends_with('.')
        }) {
            out.push(w.trim_end_matches("'s"));
        }
    }
    out
}

/// Whether `word` stands in `s` as a whole word.
pub(crate) fn has_word(s: &str, word: &str) -> bool {
    s.match_indices(word).any(|(k, _)| {
        let before = s[..k].chars().next_back();
        let after = s[k + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Records the subsequent history the order reports on each citation of
/// `cites` (clean text `text`), and marks the citations cited only as history.
pub fn record(text: &str, prose: &Prose, cites: &mut [Citation]) {
    let top: Vec<usize> = (0..cites.len())
        .filter(|&i| cites[i].nested_in.is_none())
        .collect();
    let all: Vec<usize> = (0..cites.len()).collect();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // Every citation, nested ones too (`(citing X, overruled in part by Y)`).
    for (w, &i) in all.iter().enumerate() {
        let after = cites[i].clean.2.min(text.len());
        let next = all.get(w + 1).map(|&j| cites[j].clean.0);
        // 1. A phrase after the citation: up to the next citation, within its clause.
        let limit = next
            .filter(|&n| n >= after && n - after <= 200)
            .unwrap_or_else(|| crate::text::floor_char_boundary(text, after + 120));
        let window = &text[after..limit.max(after)];
        let window = &window[..window.find('\n').unwrap_or(window.len())];
        if let Some((k, n, negative)) =
            leading_phrase(window).filter(|&(k, n, _)| !active(&window[k + n..]))
        {
            let _ = n;
            // The source follows in the phrase's own clause (`overruled by Y`),
            // never past a semicolon (`superseded by statute; see also Y`).
            let source = next
                .filter(|&n| n <= limit && n >= after && !text[after + k..n].contains(';'))
                .and(all.get(w + 1).copied());
            let phrase = recorded(&window[k..]);
            note(text, cites, i, phrase, negative, source);
            taken.push((after + k, limit));
            continue;
        }
        // 2. A parenthetical (or a bracket the parenthetical scan did not take) that opens with one.
        let paren = cites[i]
            .parentheticals
            .iter()
            .find_map(|p| leading_phrase(&p.text).map(|(k, _, neg)| (recorded(&p.text[k..]), neg)));
        let bracket = text[after.min(cites[i].clean.1)..]
            .strip_prefix('[')
            .and_then(|s| leading_phrase(s).map(|(k, _, neg)| (recorded(&s[k..]), neg)));
        if let Some((phrase, negative)) = paren.or(bracket) {
            let span = (cites[i].clean.1, after.max(cites[i].clean.1) + 1);
            let source = (i + 1..cites.len()).find(|&j| {
                cites[j].clean.0 >= span.0
                    && cites[j].clean.0 < span.1 + 120
                    && (cites[j].nested_in == Some(i) || cites[j].clean.0 <= span.1 + 2)
            });
            note(text, cites, i, phrase, negative, source);
            taken.push(span);
        }
    }
    by_name(text, prose, cites, &top, &taken);
}

/// Adds a history entry to citation `i` from `source` and marks the source
/// (and its parallel citations) as cited only for that history.
fn note(
    text: &str,
    cites: &mut [Citation],
    i: usize,
    phrase: String,
    negative: bool,
    source: Option<usize>,
) {
    if let Some(h) = cites[i]
        .history
        .iter_mut()
        .find(|h| h.citation.is_some() && h.citation == source)
    {
        h.negative = negative;
        if h.phrase.len() < phrase.len() {
            h.phrase = phrase;
        }
    } else {
        cites[i].history.push(History {
            phrase,
            citation: source,
            negative,
        });
    }
    // The same case's parallel citations before it carry the same history:
    // those it lists as parallel, and those joined to it by only a comma or
    // bracket (`10 Cal.3d 750 [111 Cal.Rptr. 910, 518 P.2d 342]`).
    let parallel = cites[i].parallel.clone();
    let entry = cites[i].history.last().cloned();
    let mut owner = i;
    let from = i.saturating_sub(4);
    let mut joined = vec![false; i - from];
    let mut next_start = cites[i].clean.0;
    for j in (from..i).rev() {
        let gap = text_gap(text, cites, j, next_start);
        if !gap || cites[j].nested_in != cites[i].nested_in {
            break;
        }
        joined[j - from] = true;
        next_start = cites[j].clean.0;
    }
    for (j, c) in cites[from..i].iter_mut().enumerate() {
        if joined[j] || c.authority.as_ref().is_some_and(|a| parallel.contains(a)) {
            owner = owner.min(from + j);
            if let Some(e) = entry.clone() {
                if !c.history.contains(&e) {
                    c.history.push(e);
                }
            }
        }
    }
    if let Some(j) = source {
        if j == i {
            return;
        }
        cites[j].history_of = Some(owner);
        let parallel = cites[j].parallel.clone();
        for c in cites.iter_mut().skip(j + 1).take(4) {
            if c.authority.as_ref().is_some_and(|a| parallel.contains(a)) {
                c.history_of = Some(owner);
            }
        }
    }
}

/// Whether only a comma, brackets or spaces stand between citation `j`'s
/// end and `next`: one citation written in parts.
fn text_gap(text: &str, cites: &[Citation], j: usize, next: usize) -> bool {
    let end = cites[j].clean.2.min(next);
    let joiner = |g: &str| g.chars().all(|c| matches!(c, ',' | '[' | ']' | '(' | ' '));
    text.get(end..next).is_some_and(|g| {
        if g.len() <= 4 {
            return joiner(g);
        }
        // A footnote pin the scan left out: `10 Cal.3d 750, 758 fn. 11 [111 Cal.Rptr. 910]`.
        let rest = g.trim_start_matches([',', ' ']);
        let Some(rest) = ["fn.", "fn", "n."]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        else {
            return false;
        };
        let rest = rest
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        g.len() <= 16 && joiner(rest)
    })
}

/// Sentences that report history in prose: `Y … expressly overruled
/// Fontainebleau`, `Audette was overruled`.
fn by_name(
    text: &str,
    prose: &Prose,
    cites: &mut [Citation],
    top: &[usize],
    taken: &[(usize, usize)],
) {
    static VERBS: OnceLock<AhoCorasick> = OnceLock::new();
    let verbs = VERBS.get_or_init(|| {
        // A DFA: the whole text is scanned once per order, and a
        // case-insensitive search gets no fast prefilter.
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(["overruled", "abrogated", "disapproved", "superseded"])
            .expect("history verb automaton")
    });
    for m in verbs.find_iter(text) {
        let (pos, word) = (m.start(), &text[m.start()..m.end()]);
        {
            if taken.iter().any(|&(s, e)| pos >= s && pos < e)
                || text[..pos].ends_with(|c: char| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let Some(s) = prose.sentence_at(pos) else {
                continue;
            };
            let sentence = prose.sentences[s];
            // The named case after the verb (`overruled Fontainebleau`).
            let tail = &text[pos + word.len()..sentence.end];
            let tail = tail.trim_start();
            let named = tail
                .split([' ', ',', '.', ';'])
                .next()
                .filter(|w| w.starts_with(|c: char| c.is_uppercase()) && w.len() > 2);
            let Some(name) = named else {
                passive(cites, top, pos, word.len(), sentence.start, text);
                continue;
            };
            // The case it names, cited before in the order.
            let target = top
                .iter()
                .rev()
                .copied()
                .filter(|&j| cites[j].clean.1 <= pos)
                .find(|&j| name_words(&cites[j]).contains(&name));
            let Some(x) = target else { continue };
            // The overruling case: a citation in the same sentence before the verb.
            let source =
                top.iter().copied().rev().find(|&j| {
                    j != x && cites[j].clean.0 >= sentence.start && cites[j].clean.1 <= pos
                });
            let phrase = text[pos..pos + word.len()].to_string();
            note(text, cites, x, phrase, true, source);
        }
    }
}

/// `X … which has been recently overruled in Y`: the citation right after
/// `overruled in|by` is the source, the one before it in the sentence the case overruled.
fn passive(cites: &mut [Citation], top: &[usize], pos: usize, len: usize, from: usize, text: &str) {
    let tail = &text[pos + len..];
    let gap = tail.len() - tail.trim_start().len();
    let tail = tail.trim_start();
    let Some(prep) = ["in ", "by "].iter().find(|p| tail.starts_with(*p)) else {
        reported(cites, top, pos, len, text);
        return;
    };
    let at = pos + len + gap + prep.len();
    let Some(&y) = top
        .iter()
        // The name may stand outside the citation (`White v. State (1986), Ind., 497 N.E.2d 893`).
        .find(|&&j| cites[j].clean.0 >= at && cites[j].clean.0 <= at + 40)
    else {
        reported(cites, top, pos, len, text);
        return;
    };
    let Some(&x) = top.iter().rev().find(|&&j| {
        cites[j].clean.1 <= pos && cites[j].clean.0 >= from && cites[j].history_of.is_none()
    }) else {
        reported(cites, top, pos, len, text);
        return;
    };
    let phrase = text[pos..at].trim().to_string();
    note(text, cites, x, phrase, true, Some(y));
}

/// `After the trial, Audette was overruled in this respect. State v.
/// Sargent, 156 Vt. 463 (1991).`: the case named before the verb, cited
/// earlier, was overruled, and the citation sentence right after the report
/// is its source.
fn reported(cites: &mut [Citation], top: &[usize], pos: usize, len: usize, text: &str) {
    let head = text[..pos].trim_end();
    let Some(head) = ["was", "were", "has been", "had been", "have been"]
        .iter()
        .find_map(|aux| head.strip_suffix(aux))
    else {
        return;
    };
    let Some(name) = head
        .split_whitespace()
        .next_back()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()) && w.len() > 2)
    else {
        return;
    };
    let Some(&x) = top
        .iter()
        .rev()
        .find(|&&j| cites[j].clean.1 <= pos && name_words(&cites[j]).contains(&name))
    else {
        return;
    };
    // The sentence ends within its clause, and the next citation opens the next sentence.
    let after = pos + len;
    let Some(stop) = text[after..].find(['.', ';']).map(|k| after + k) else {
        return;
    };
    if text.as_bytes()[stop] != b'.' || stop - after > 80 {
        return;
    }
    let Some(&y) = top.iter().find(|&&j| cites[j].clean.0 > stop) else {
        return;
    };
    let gap = &text[stop + 1..cites[y].clean.0];
    // Only the rest of the case name (`State v. Sargent,`) stands between.
    let prose = gap.split_whitespace().any(|w| {
        w.starts_with(|c: char| c.is_lowercase())
            && !matches!(
                w,
                "v." | "vs." | "ex" | "rel." | "of" | "the" | "and" | "in" | "re"
            )
    });
    if gap.len() > 60 || prose || gap.contains("\n\n") {
        return;
    }
    let phrase = text[pos..stop].trim().to_string();
    note(text, cites, x, phrase, true, Some(y));
}

#[cfg(test)]
mod tests {
    /// (authority, its history as (phrase, negative, source), history_of) per citation.
    type Row = (String, Vec<(String, bool, Option<usize>)>, Option<usize>);

    fn history(text: &str) -> Vec<Row> {
        crate::analyze(text)
            .citations
            .iter()
            .map(|c| {
                (
                    c.authority.clone().unwrap_or_default(),
                    c.history
                        .iter()
                        .map(|h| (h.phrase.clone(), h.negative, h.citation))
                        .collect(),
                    c.history_of,
                )
            })
            .collect()
    }

    /// Failure pattern 4 (issue 15), from a West Virginia syllabus point of
    /// the corpus: in `X [overruled on other grounds by Y]` X has negative
    /// history and Y is cited only as its source.
    #[test]
    fn overruled_on_other_grounds_in_brackets() {
        let h = history("1. \"'A motion to vacate a default judgment is addressed to the sound discretion of the court.' Syl. Pt. 3, Intercity Realty Co. v. Gibson, 154 W. Va. 369, 175 S.E.2d 452 (1970)[overruled on other grounds by Gales v. Wills, 212 W. Va. 232, 569 S.E.2d 479 (2002)].\"");
        let x = h.iter().position(|c| c.0 == "154 W. Va. 369").unwrap();
        let y = h.iter().position(|c| c.0 == "212 W. Va. 232").unwrap();
        assert_eq!(h[x].1.len(), 1, "{h:?}");
        assert!(h[x].1[0].1, "negative: {h:?}");
        assert_eq!(h[x].1[0].2, Some(y));
        assert_eq!(h[y].2, Some(x), "{h:?}");
    }

    /// From a California opinion of the corpus: history after the bracketed
    /// parallel (`10 Cal.3d 750 [111 Cal.Rptr. 910, 518 P.2d 342], superseded
    /// by statute on another issue`) belongs to the case, and is negative.
    #[test]
    fn history_after_a_bracketed_parallel() {
        let h = history("The accused must be aware of his duty. (People v. Poddar (1974) 10 Cal.3d 750, 758 fn. 11 [111 Cal.Rptr. 910, 518 P.2d 342], superseded by statute on another issue; see also People v. Conley (1966) 64 Cal.2d 310, 322.)");
        let x = h.iter().position(|c| c.0 == "10 Cal. 3d 750").unwrap();
        assert!(h[x].1.iter().any(|e| e.1), "negative history: {h:?}");
    }

    /// From the corpus (a Washington opinion): `cert.denied` written without
    /// its space is history too, and not negative.
    #[test]
    fn cert_denied_is_history_not_negative() {
        let h = history("We presume that it followed all instructions. State v. Grisby, 97 Wn.2d 493, 499, 647 P.2d 6 (1982), cert.denied sub nom. Frazier v. Washington, 459 U.S. 1211 (1983).");
        let x = h.iter().position(|c| c.0.ends_with(" 493")).unwrap();
        assert!(!h[x].1.is_empty() && !h[x].1[0].1, "{h:?}");
        let y = h.iter().position(|c| c.0 == "459 U.S. 1211").unwrap();
        assert_eq!(h[y].2, Some(x));
    }

    /// From the corpus (an Arizona opinion): a sentence naming the overruled case.
    #[test]
    fn a_sentence_naming_the_overruled_case() {
        let h = history("That opinion cites only Fontainebleau Hotel Corp. v. United Filigree Corp., 298 So.2d 455 (Fla. Dist. Ct. App. 1974), in support of its holding. However, LaMarche v. Shelby Mutual Insurance Co., 390 So.2d 325 (Fla. 1980), expressly overruled Fontainebleau.");
        assert!(h[0].1.iter().any(|e| e.1), "{h:?}");
        assert_eq!(h[1].2, Some(0), "{h:?}");
        assert!(h[1].1.is_empty());
    }

    /// From an Indiana dissent of the corpus: history told in a relative clause.
    #[test]
    fn overruled_in_a_relative_clause() {
        let h = history("The plea was accepted prior to the rule announced in German v. State (1981), Ind., 428 N.E.2d 234 requiring strict compliance, which has been recently overruled in White v. State (1986), Ind., 497 N.E.2d 893. It is governed by another standard.");
        assert!(h[0].1.iter().any(|e| e.1), "{h:?}");
        assert_eq!(h[1].2, Some(0), "{h:?}");
    }

    /// A history phrase after a parenthetical, and `reversed on other grounds` inside one.
    #[test]
    fn history_after_and_inside_parentheticals() {
        let h = history("See Kent v. Brown, 238 Ga. App. 607 (518 S.E.2d 737) (1999) (\"Kent I\"), overruled in part, Styles v. State, 245 Ga. App. 90 (537 S.E.2d 377) (2000).");
        assert!(
            h[0].1
                .iter()
                .any(|e| e.1 && e.0.starts_with("overruled in part")),
            "{h:?}"
        );
        let h = history("It is liable. Miles v. Harrison, 115 Ga. App. 143 (154 S.E.2d 377) (1967) (reversed on other grounds, 223 Ga. 352 (155 S.E.2d 6) (1967)). Next.");
        assert!(h[0].1.iter().any(|e| e.1), "{h:?}");
    }
}
