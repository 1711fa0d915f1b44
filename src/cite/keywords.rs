//! Citations announced by a keyword rather than a volume number: *Id.*,
//! *supra*, record cites (`Dkt. No.`, `ECF No.`), codes named before a
//! section sign, court rules and constitutions. One Aho-Corasick pass finds
//! every keyword; each hit is then parsed where it stands.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::context::{self, explanatory_parentheticals, pin_at, pin_list_at};
use super::law;
use super::scan::{digits, skip_spaces, starts_citation};
use super::{CitationKind, Draft};

#[derive(Clone, Copy, Debug)]
enum Keyword {
    Id,
    Supra,
    Section,
    SectionWord,
    Rule,
    LocalRule,
    Record,
    Filing,
    Constitution,
    Amendment,
    /// A code or rule set of `data/laws.json`, by its spelling's index.
    Code(usize),
}

const KEYWORDS: &[(&str, Keyword)] = &[
    ("Id.", Keyword::Id),
    ("id.", Keyword::Id),
    ("Ibid.", Keyword::Id),
    ("ibid.", Keyword::Id),
    ("supra", Keyword::Supra),
    ("§", Keyword::Section),
    ("Section ", Keyword::SectionWord),
    ("section ", Keyword::SectionWord),
    ("Fed. R.", Keyword::Rule),
    ("Fed.R.", Keyword::Rule),
    ("FED. R.", Keyword::Rule),
    ("FED.R.", Keyword::Rule),
    ("Federal Rule", Keyword::Rule),
    ("Rule ", Keyword::Rule),
    ("Rules ", Keyword::Rule),
    ("Local Rule", Keyword::LocalRule),
    ("Local Civil Rule", Keyword::LocalRule),
    ("Local Criminal Rule", Keyword::LocalRule),
    ("L.R.", Keyword::LocalRule),
    ("L. R.", Keyword::LocalRule),
    ("L.Civ.R.", Keyword::LocalRule),
    ("L. Civ. R.", Keyword::LocalRule),
    ("ECF", Keyword::Record),
    ("Dkt", Keyword::Record),
    ("Docket", Keyword::Record),
    ("Doc.", Keyword::Record),
    ("Docs.", Keyword::Record),
    ("dkt", Keyword::Record),
    ("Doc ", Keyword::Record),
    ("D.E.", Keyword::Record),
    ("R. ", Keyword::Filing),
    ("A.R. ", Keyword::Filing),
    ("AR ", Keyword::Filing),
    ("Tr. ", Keyword::Filing),
    ("ER ", Keyword::Filing),
    ("SER ", Keyword::Filing),
    ("Compl.", Keyword::Filing),
    ("Br. ", Keyword::Filing),
    ("Mot. ", Keyword::Filing),
    ("Opp'n ", Keyword::Filing),
    ("Mem. ", Keyword::Filing),
    ("Decl. ", Keyword::Filing),
    ("Const.", Keyword::Constitution),
    ("Amendment", Keyword::Amendment),
];

fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        // A DFA: the code names of data/laws.json make the automaton large
        // enough that the default choice (an NFA) would slow every document.
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(KEYWORDS.iter().map(|k| k.0).chain(law::code_keywords()))
            .expect("keyword automaton")
    })
}

fn word_boundary_before(b: &[u8], pos: usize) -> bool {
    pos == 0 || !(b[pos - 1].is_ascii_alphanumeric() || b[pos - 1] == b'.' || b[pos - 1] >= 0x80)
}

/// Finds every keyword-announced citation in `text`, skipping positions
/// already covered by `taken` (sorted core spans of volume citations).
pub(crate) fn scan(text: &str, taken: &[(usize, usize)], out: &mut Vec<Draft>) {
    let b = text.as_bytes();
    let mut rule_set: Option<&'static str> = None;
    let mut covered_until = 0usize;
    let mut taken_i = 0usize;
    for m in automaton().find_iter(text) {
        let pos = m.start();
        if pos < covered_until {
            continue;
        }
        while taken_i < taken.len() && taken[taken_i].1 <= pos {
            taken_i += 1;
        }
        if taken_i < taken.len() && taken[taken_i].0 <= pos {
            continue;
        }
        let kw = KEYWORDS.get(m.pattern().as_usize()).map_or_else(
            || Keyword::Code(m.pattern().as_usize() - KEYWORDS.len()),
            |k| k.1,
        );
        let found: Vec<Draft> = match kw {
            // "Seeid. at 215": scans lose the space after a signal.
            Keyword::Id
                if word_boundary_before(b, pos)
                    || ["See", "see", "Cf.", "cf.", "also"].iter().any(|s| {
                        text[..pos].ends_with(s) && word_boundary_before(b, pos - s.len())
                    }) =>
            {
                id_at(text, pos, m.end()).into_iter().collect()
            }
            Keyword::Supra if word_boundary_before(b, pos) => {
                supra_at(text, pos).into_iter().collect()
            }
            Keyword::Section => {
                let named = law::parse_named_code(text, pos);
                if named.is_empty() {
                    law::parse_bare_section(text, pos).into_iter().collect()
                } else {
                    named
                }
            }
            Keyword::SectionWord if word_boundary_before(b, pos) => {
                law::parse_bare_section(text, pos).into_iter().collect()
            }
            Keyword::Rule | Keyword::LocalRule
                if word_boundary_before(b, pos) || matches!(kw, Keyword::LocalRule) =>
            {
                law::parse_rule(text, pos, &mut rule_set)
                    .into_iter()
                    .collect()
            }
            Keyword::Record => record_at(text, pos),
            Keyword::Filing if word_boundary_before(b, pos) => {
                filing_at(text, pos).into_iter().collect()
            }
            Keyword::Constitution => law::parse_constitution(text, pos).into_iter().collect(),
            Keyword::Amendment => law::parse_amendment(text, pos).into_iter().collect(),
            Keyword::Code(i) => law::parse_code(text, pos, i),
            _ => Vec::new(),
        };
        if let Some(last) = found.last() {
            covered_until = last.cite.core_end;
        }
        out.extend(found);
    }
}

/// `, at 12` or ` at 12-13, 15` after a short form ending at `end`: the pin and where it ends.
fn pin_after(text: &str, end: usize) -> Option<(String, usize)> {
    let p = end + usize::from(text.as_bytes().get(end) == Some(&b','));
    if !text[p..].starts_with(" at ") {
        return None;
    }
    let (ps, pe) = pin_list_at(text, p + 4)?;
    Some((text[ps..pe].to_string(), pe))
}

/// `Id.`, `id. at 1072`, `Ibid.`, `Id. at *2`.
fn id_at(text: &str, pos: usize, kw_end: usize) -> Option<Draft> {
    let b = text.as_bytes();
    let mut end = kw_end;
    let mut d = Draft::new(CitationKind::Id);
    let p = end + usize::from(b.get(end) == Some(&b','));
    if let Some((pin, pe)) = pin_after(text, end) {
        d.cite.pin = Some(pin);
        end = pe;
    } else if b.get(p) == Some(&b' ')
        && b.get(p + 1).is_some_and(u8::is_ascii_digit)
        // "Id., 22 S.W.3d 266": the same parties in another court, a full citation to keep.
        && !starts_citation(text, p + 1)
    {
        // "id. 119:12-14": a pin without "at".
        if let Some((ps, pe)) = pin_list_at(text, p + 1) {
            d.cite.pin = Some(text[ps..pe].to_string());
            end = pe;
        }
    } else if text[p..].starts_with(" ¶ ") || text[p..].starts_with(" § ") {
        let q = p + 1 + '¶'.len_utf8() + 1;
        if let Some(se) = law::section_at(text, q) {
            d.cite.pin = Some(text[p + 1..se].to_string());
            end = se;
        }
    }
    let c = &mut d.cite;
    c.set_core(text, pos, end);
    c.signal = context::signal_before(text, pos);
    d.bare_end = end;
    explanatory_parentheticals(text, end, &mut d);
    Some(d)
}

/// `Smith, supra, at 5` / `Smith, supra note 3, at 5` / `123 supra`.
fn supra_at(text: &str, pos: usize) -> Option<Draft> {
    let b = text.as_bytes();
    let mut end = pos + "supra".len();
    if b.get(end).is_some_and(|x| x.is_ascii_alphanumeric()) {
        return None;
    }
    // "Kaiser Foundation, supra, 13 Cal.App.5th at 1146" is one short citation.
    if text[end..].starts_with(", ") && starts_citation(text, end + 2) {
        return None;
    }
    // "Qwerty supra": a short name needs no comma before "supra".
    let name = context::case_name_before(text, pos, true)
        .or_else(|| context::short_name_before(text, pos));
    // "123 supra": a volume before the word.
    let before = text[..pos].trim_end();
    let vol_start = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let volume = (vol_start < before.len()
        && (vol_start == 0 || !b[vol_start - 1].is_ascii_alphanumeric()))
    .then(|| before[vol_start..].to_string());
    if text[end..].starts_with(" note ") {
        let ne = digits(b, end + 6);
        if ne > end + 6 {
            end = ne;
        }
    }
    let mut d = Draft::new(CitationKind::Supra);
    if let Some((pin, pe)) = pin_after(text, end) {
        d.cite.pin = Some(pin);
        end = pe;
    }
    let c = &mut d.cite;
    c.core_start = if volume.is_some() { vol_start } else { pos };
    c.start = name
        .as_ref()
        .map_or(c.core_start, |n| n.start.min(c.core_start));
    c.core_end = end;
    c.end = end;
    c.matched = text[c.core_start..end].to_string();
    c.volume = volume;
    c.signal = context::signal_before(text, c.start);
    if let Some(n) = name {
        c.case_name = Some(n.name);
        c.plaintiff = n.plaintiff;
        c.defendant = n.defendant;
    }
    d.bare_end = end;
    explanatory_parentheticals(text, end, &mut d);
    Some(d)
}

/// Papers of the case cited without a docket number: the record (`R. 247`,
/// `A.R. 12`, `ER 45`), transcripts (`Hr'g Tr. 87:19`), and filings cited by
/// name (`Compl. ¶ 12`, `Pl.'s Br. at 7`, `Smith Decl. ¶ 3`). The authority is
/// the paper (`Pl.'s Br.`), the pin the page or paragraph.
fn filing_at(text: &str, pos: usize) -> Option<Draft> {
    static PARTY: OnceLock<regex::Regex> = OnceLock::new();
    let party = PARTY.get_or_init(|| {
        regex::Regex::new(
            r"(?:(?:Pls?|Defs?|Resp|Pet|Gov|Def)(?:\.'s|s?\.'|\.)|Appellants?'s?|Appellees?'s?|Plaintiffs?'s?|Defendants?'s?|Respondents?'s?|Petitioners?'s?|(?:First |Second |Third )?Am\.|Hr'g|Reply|Suppl\.|Opening|Answering|[A-Z][a-z]+(?:-[A-Z][a-z]+)?) $",
        )
        .expect("party regex")
    });
    let b = text.as_bytes();
    let rest = &text[pos..];
    let (doc, needs_party, page_form) = [
        ("R.", false, true),
        ("A.R.", false, true),
        ("AR", false, true),
        ("ER", false, true),
        ("SER", false, true),
        ("Tr.", false, true),
        ("Compl.", false, false),
        ("Br.", true, false),
        ("Mot.", true, false),
        ("Opp'n", false, false),
        ("Mem.", true, false),
        ("Decl.", true, false),
    ]
    .into_iter()
    .find(|(d, _, _)| rest.starts_with(d))?;
    let mut start = pos;
    let window = &text[context::floor_char_boundary(text, pos.saturating_sub(24))..pos];
    if let Some(m) = party.find(window) {
        let word = m.as_str().trim_end();
        // A party or paper name before the document ("Pl.'s Br.", "Hr'g Tr.", "Smith Decl.").
        let takes_word = match doc {
            "Tr." => word == "Hr'g",
            "Compl." => word.ends_with("Am."),
            "R." | "A.R." | "AR" | "ER" | "SER" => false,
            _ => !matches!(
                word,
                "The"
                    | "This"
                    | "That"
                    | "See"
                    | "In"
                    | "A"
                    | "An"
                    | "His"
                    | "Her"
                    | "Its"
                    | "Their"
            ),
        };
        if takes_word {
            start = pos - m.as_str().len();
        }
    }
    if needs_party && start == pos {
        return None;
    }
    let mut p = pos + doc.len();
    let (pin_start, pin_end) = if text[p..].starts_with(" at ") {
        p += 4;
        pin_list_at(text, p)?
    } else if text[p..].starts_with(" ¶") {
        let s = p + 1;
        (s, pin_at(text, s)?)
    } else if page_form && b.get(p) == Some(&b' ') && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
        (p + 1, pin_at(text, p + 1)?)
    } else {
        return None;
    };
    let authority = text[start..pos + doc.len()].to_string();
    let mut d = Draft::new(CitationKind::Record);
    let c = &mut d.cite;
    c.set_core(text, start, pin_end);
    c.reporter = Some(doc.to_string());
    c.pin = Some(text[pin_start..pin_end].to_string());
    c.authority = Some(authority);
    c.signal = context::signal_before(text, start);
    d.bare_end = pin_end;
    d.after_end = pin_end;
    Some(d)
}

/// The entries a record cite names, parsed from its keyword on.
pub(crate) struct RecordEntries {
    /// Where the cite starts: its keyword, or the `I` an OCR'd `[` became.
    pub start: usize,
    /// Whether it opens with that OCR'd `[` (`IECF No. 921`).
    pub ocr_bracket: bool,
    /// Each entry: its start and end in the text and its number, with a
    /// range (`73-75`) spelled out and an OCR'd closing `]` read as `1`
    /// (`921`) dropped from the number (not from the span).
    pub numbers: Vec<(usize, usize, String)>,
}

/// Record keywords, longest spelling first.
const RECORD_WORDS: [&str; 12] = [
    "ECF", "Dkts.", "Dkts", "Dkt.", "Dkt", "dkts.", "dkt.", "Docket", "Docs.", "Doc.", "Doc",
    "D.E.",
];

/// The docket entries of the record cite whose keyword (`Dkt.`, `ECF`,
/// `Doc.`, `Docket`, `D.E.`) starts at `pos`: `Dkt. No. 126`, `ECF No. 34`,
/// `Dkt. Nos. 120, 138`, `Doc. Nos. 15 and 21`, `Dkt. 73-75`, and the OCR
/// slip `IECF No. 921` for `[ECF No. 92]`. `None` when `pos` starts no
/// record cite. With `any_case`, the keyword and its `No.`/`Entry` may be
/// written in any case (`RE: DKT. NO. 12` in a caption); the citation
/// scanner keeps to the spellings it was built on.
///
/// This is the one parser of docket-entry lists: the citation scanner
/// makes record citations of them and `order::caption` the docket entries
/// an order decides.
pub(crate) fn record_entries(text: &str, pos: usize, any_case: bool) -> Option<RecordEntries> {
    let b = text.as_bytes();
    let starts = |at: usize, word: &str| {
        text.as_bytes().get(at..at + word.len()).is_some_and(|w| {
            if any_case {
                w.eq_ignore_ascii_case(word.as_bytes())
            } else {
                w == word.as_bytes()
            }
        })
    };
    // An OCR'd "[" often comes out as "I" or "l" glued to the keyword.
    let ocr_bracket = pos > 0
        && matches!(b[pos - 1], b'I' | b'l' | b'|')
        && word_boundary_before(b, pos - 1)
        && starts(pos, "ECF");
    if !ocr_bracket && !word_boundary_before(b, pos) {
        return None;
    }
    let start = if ocr_bracket { pos - 1 } else { pos };
    let mut p = pos;
    if let Some(word) = RECORD_WORDS.iter().find(|w| starts(pos, w)) {
        p += word.len();
    }
    if b.get(p).is_some_and(|x| x.is_ascii_alphabetic()) {
        return None;
    }
    for filler in [" Entry", " Entries"] {
        if starts(p, filler) {
            p += filler.len();
        }
    }
    for no in [" Nos.", " No.", " Nos", " No", " #", "#"] {
        if starts(p, no) {
            p += no.len();
            break;
        }
    }
    // "DOCKET NUMBERS 26-2" in a caption's title
    for no in [" Numbers", " Number"] {
        if any_case && starts(p, no) {
            p += no.len();
            break;
        }
    }
    // "No.: 12" in a caption
    if any_case && b.get(p) == Some(&b':') {
        p += 1;
    }
    p = skip_spaces(b, p);
    if b.get(p) == Some(&b'#') {
        p += 1;
    }
    // "[Re: ECF 527; 528]": inside a bracketed list, semicolons separate entries too.
    let before = text[..start].trim_end();
    let bracketed =
        before.ends_with('[') || before.ends_with("Re:") || (any_case && before.ends_with("RE:"));
    // (start, end, entry number) of each entry; a range "73-75" yields 73, 74, 75.
    let mut numbers: Vec<(usize, usize, String)> = Vec::new();
    loop {
        let e = digits(b, p);
        if e == p || e - p > 6 {
            break;
        }
        let mut ne = e;
        let mut range = None;
        let dash = ["-", "–"]
            .into_iter()
            .find(|d| text[e..].starts_with(d))
            .map(str::len);
        if let Some(dl) = dash {
            let ae = digits(b, e + dl);
            let (first, second) = (&text[p..e], &text[e + dl..ae]);
            match (first.parse::<u64>(), second.parse::<u64>()) {
                // "169-170": a range of entries.
                (Ok(a), Ok(z)) if second.len() == first.len() && z > a && z - a <= 50 => {
                    range = Some((a, z));
                    ne = ae;
                }
                // "120-2": an attachment to an entry.
                _ if ae > e + dl && ae - e - dl <= 3 => ne = ae,
                _ => {}
            }
        }
        if b.get(ne).is_some_and(|x| x.is_ascii_alphabetic()) {
            break;
        }
        match range {
            Some((a, z)) => numbers.extend((a..=z).map(|n| (p, ne, n.to_string()))),
            None => numbers.push((p, ne, text[p..ne].to_string())),
        }
        let rest = &text[ne..];
        let skip = if rest.starts_with(", and ") {
            6
        } else if rest.starts_with(", ") || bracketed && rest.starts_with("; ") {
            2
        } else if rest.starts_with(" and ") || rest.starts_with(" & ") {
            rest[1..].find(' ').unwrap_or(0) + 2
        } else {
            break;
        };
        if !b.get(ne + skip).is_some_and(u8::is_ascii_digit) || starts_citation(text, ne + skip) {
            break;
        }
        p = ne + skip;
    }
    if let Some((_, e, number)) = numbers.last_mut() {
        if ocr_bracket
            && number.len() > 1
            && number.ends_with('1')
            && !text[*e..].starts_with(" at ")
        {
            // "921" was "92]".
            number.pop();
        }
    }
    (!numbers.is_empty()).then_some(RecordEntries {
        start,
        ocr_bracket,
        numbers,
    })
}

/// Record cites: `Dkt. No. 126 at 7`, `ECF No. 34`, `Dkt. Nos. 120, 138`,
/// and the OCR slip `IECF No. 921` for `[ECF No. 92]`.
fn record_at(text: &str, pos: usize) -> Vec<Draft> {
    let b = text.as_bytes();
    let Some(RecordEntries {
        start,
        ocr_bracket,
        numbers,
    }) = record_entries(text, pos, false)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let count = numbers.len();
    for (n, (s, mut e, number)) in numbers.into_iter().enumerate() {
        let mut d = Draft::new(CitationKind::Record);
        if n + 1 == count && text[e..].starts_with(" at ") {
            if let Some(pe) = pin_at(text, e + 4) {
                d.cite.pin = Some(text[e + 4..pe].to_string());
                e = pe;
            }
        }
        let c = &mut d.cite;
        c.start = if n == 0 { start } else { s };
        c.core_start = c.start;
        c.core_end = e;
        c.end = e;
        if ocr_bracket && b.get(e) == Some(&b']') {
            c.end = e + 1;
        }
        c.matched = text[c.start..c.end].to_string();
        c.reporter = Some("Dkt.".into());
        c.page = Some(number.to_string());
        c.authority = Some(format!("Dkt. No. {number}"));
        c.signal = if n == 0 {
            context::signal_before(text, start)
        } else {
            None
        };
        d.bare_end = c.end;
        d.after_end = c.end;
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(t: &str) -> Vec<(String, Option<String>, String)> {
        let mut out = Vec::new();
        scan(t, &[], &mut out);
        out.into_iter()
            .filter(|d| d.cite.kind == CitationKind::Record)
            .map(|d| {
                (
                    d.cite.page.unwrap(),
                    d.cite.pin,
                    t[d.cite.start..d.cite.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn record_cites() {
        assert_eq!(
            records("See Dkt. No. 126 at 7; x"),
            vec![("126".into(), Some("7".into()), "Dkt. No. 126 at 7".into())]
        );
        let r = records("Re: Dkt. No. 120, 138 x");
        assert_eq!(
            r.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["120", "138"]
        );
        assert_eq!(records("13 v. **IECF No. 921** 14")[0].0, "92");
        assert_eq!(records("[ECF No. 34]")[0].0, "34");
        assert_eq!(records("Dkt. No. 120-2. In")[0].0, "120-2");
        assert_eq!(records("(Doc. 57)")[0].0, "57");
        assert!(records("the Doctor 5").is_empty());
    }

    #[test]
    fn ids() {
        let mut out = Vec::new();
        scan(
            "x. Id. at 1072 n.10. And id. Ibid. Idaho. I.D. Id. at *2.",
            &[],
            &mut out,
        );
        let ids: Vec<_> = out
            .iter()
            .map(|d| (d.cite.matched.as_str(), d.cite.pin.as_deref()))
            .collect();
        assert_eq!(
            ids,
            [
                ("Id. at 1072 n.10", Some("1072 n.10")),
                ("id.", None),
                ("Ibid.", None),
                ("Id. at *2", Some("*2"))
            ]
        );
    }
}
