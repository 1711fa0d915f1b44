//! What surrounds a citation's core: the case name and signal before it, the
//! pin cites, court/date parenthetical and explanatory parentheticals after it.
//!
//! Everything here works on clean text (see [`crate::text`]) with byte offsets
//! into it; nothing allocates unless it returns a value.

use super::scan::{is_word_byte, skip_spaces, starts_citation, token_before};
use super::{courts, Draft, Parenthetical};

// `law` reads these through here.
pub(crate) use super::scan::{digits, floor_char_boundary, paren_end};

/// Words that may stand inside a case name even though they are lower-case.
const NAME_CONNECTORS: &[&str] = &[
    "v.", "vs.", "v", "of", "the", "and", "&", "for", "de", "la", "du", "del", "ex", "rel.", "re",
    "parte", "in", "on", "to", "a", "an", "et", "al.", "al", "by", "through", "d/b/a", "von",
    "van", "der", "den", "le", "y", "da", "dos",
];

/// Introductory signals, longest first so `see also` wins over `see`.
const SIGNALS: &[&str] = &[
    "see, e.g.,",
    "see e.g.,",
    "see, e.g.",
    "but see, e.g.,",
    "see generally",
    "but see",
    "but cf.",
    "see also",
    "compare",
    "accord",
    "contra",
    "e.g.,",
    "see",
    "cf.",
];

/// Capitalized words that open sentences and clauses but rarely names.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "As",
    "Under",
    "Like",
    "Unlike",
    "Following",
    "Per",
    "But",
    "Also",
    "Then",
    "Later",
    "Here",
    "There",
    "Thus",
    "However",
    "Moreover",
    "Similarly",
    "Indeed",
    "Accordingly",
    "Further",
    "Furthermore",
    "Finally",
    "Because",
    "Although",
    "While",
    "When",
    "Where",
    "If",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "We",
    "Our",
    "On",
    "At",
    "After",
    "Before",
    "Since",
    "Even",
    "Applying",
    "Citing",
    "Quoting",
    "Relying",
    "Discussing",
    "Distinguishing",
    "Construing",
    "Interpreting",
    "Adopting",
    "Rejecting",
    "Compare",
    "And",
    "Or",
    "So",
];

/// Corporate suffixes that follow a comma inside a case name (`LegalNet,
/// Inc.`, `Chevron, U.S.A., Inc.`).
const CORPORATE_SUFFIXES: &[&str] = &[
    "Inc.", "Inc", "Co.", "Corp.", "Ltd.", "LLC", "L.L.C.", "LLP", "L.L.P.", "L.P.", "N.A.",
    "U.S.A.", "USA", "P.C.", "P.A.", "S.A.", "Jr.", "Sr.", "et", "Cnty.", "County",
];

/// Phrases of subsequent history, normalized form first.
pub(crate) const HISTORY_PHRASES: &[&str] = &[
    "aff'd in part and rev'd in part",
    "aff'd in part, rev'd in part",
    "aff'd sub nom.",
    "aff'd mem.",
    "aff'd",
    "affirmed",
    "rev'd on other grounds",
    "rev'd sub nom.",
    "rev'd",
    "reversed",
    "vacated on other grounds",
    "vacated",
    "cert. denied",
    "cert. granted",
    "cert. dismissed",
    "abrogated on other grounds by",
    "abrogated on other grounds",
    "abrogated by",
    "overruled on other grounds by",
    "overruled by",
    "superseded by statute on other grounds as stated in",
    "superseded by statute as stated in",
    "superseded on other grounds by",
    "superseded by",
    "modified",
    "amended by",
    "withdrawn",
    "reh'g denied",
    "reh'g en banc denied",
];

/// Parenthetical openers that speak about the quotation rather than the law.
pub(crate) const EDITORIAL: &[&str] = &[
    "quoting",
    "citing",
    "internal quotation marks omitted",
    "internal quotations omitted",
    "internal citations omitted",
    "citations omitted",
    "emphasis added",
    "emphasis in original",
    "alteration in original",
    "alterations in original",
    "en banc",
    "per curiam",
    "unpublished",
    "mem.",
    "advisory committee's note",
];

/// Parenthetical openers that say what the cited authority holds or does.
const EXPLANATORY: &[&str] = &[
    "holding",
    "finding",
    "noting",
    "explaining",
    "stating",
    "concluding",
    "affirming",
    "reversing",
    "discussing",
    "describing",
    "recognizing",
];

/// A parsed case name with its parties.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct CaseName {
    pub start: usize,
    pub name: String,
    pub plaintiff: Option<String>,
    pub defendant: Option<String>,
}

/// Case name ending just before `end` (which usually points at the comma
/// before the volume). With `need_v`, only names with a `v.` are accepted:
/// without a comma to anchor them, capitalized prose would pass for a name.
pub(crate) fn case_name_before(text: &str, end: usize, short: bool) -> Option<CaseName> {
    let bytes = text.as_bytes();
    let mut e = end;
    while e > 0 && matches!(bytes[e - 1], b' ' | b'\n') {
        e -= 1;
    }
    // "Kaiser Foundation, supra, 13 Cal.App.5th at 1146": the name stands before "supra".
    if text[..e].ends_with(", supra,") {
        e -= " supra,".len();
    }
    let had_comma = e > 0 && bytes[e - 1] == b',';
    if had_comma {
        e -= 1;
    }
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut cursor = e;
    let mut saw_v = false;
    let max_tokens = if short { 6 } else { 24 };
    // Double-spaced text from PDFs makes each line a paragraph ("Chevron U.S.A. Inc. v.
    // Natural Resources\nDefense Council, Inc."): a full name still short of its "v." may go
    // on with the line before. How many tokens it had then; if that line gives no "v.", it
    // was not part of the name.
    let mut crossed_line: Option<usize> = None;
    loop {
        let next = token_before(text, cursor).or_else(|| {
            let at = text[..cursor].trim_end_matches(' ');
            // "Chevron U.S.A.\nInc. v. …": a line that opens on a suffix or a connector goes on too.
            let continues = tokens.last().is_some_and(|&(ls, le)| {
                let first = text[ls..le].trim_end_matches(',');
                CORPORATE_SUFFIXES.contains(&first)
                    || NAME_CONNECTORS.contains(&first) && first != "v." && first != "v"
            });
            let cross = !short && (!saw_v || continues) && crossed_line.is_none();
            let cross = cross && !tokens.is_empty();
            if cross && at.ends_with('\n') {
                crossed_line = Some(tokens.len());
                token_before(text, at.len() - 1)
            } else {
                None
            }
        });
        let Some((mut s, t_end)) = next else {
            break;
        };
        // "(Newbold v Arvidson": the parenthesis opens the name; nothing before it belongs.
        let opens = text[s..t_end].starts_with(['(', '[']) && t_end > s + 1;
        if opens {
            s += 1;
        }
        // "SeeTerry v. Ohio": the signal before it is not part of the name either.
        let fused = fused_signal_len(&text[s..t_end]);
        s += fused;
        let tok = &text[s..t_end];
        let bare = tok.trim_end_matches(',');
        if tok.ends_with(',') && !tokens.is_empty() {
            if !comma_inside_name(text, &tokens, s, bare) {
                break;
            }
        } else if tok.ends_with(',') {
            break;
        }
        // A signal, or an Id. closing the previous citation, is never part of a name.
        if is_signal_word(bare) || matches!(bare, "Id." | "id." | "Ibid." | "ibid.") {
            break;
        }
        let first = bare.as_bytes().first().copied().unwrap_or(b' ');
        // "People v.Connolly": text from PDFs and scans may lose the space after "v.".
        let glued_v = bare.len() > 2
            && bare.starts_with("v.")
            && bare[2..].starts_with(|c: char| c.is_ascii_uppercase());
        let acceptable = first.is_ascii_uppercase()
            || glued_v
            || first.is_ascii_digit() && (!tokens.is_empty() || dated(text, s, bare))
            || NAME_CONNECTORS.contains(&bare)
            || first == b'\'' && bare.len() > 1
            // "al-Marri v. Rumsfeld", "el-Masri": a lower-case particle joined to a name.
            || bare.split_once('-').is_some_and(|(particle, rest)| {
                (1..=3).contains(&particle.len())
                    && particle.bytes().all(|b| b.is_ascii_lowercase())
                    && rest.starts_with(|c: char| c.is_ascii_uppercase())
            })
            || bare.starts_with('[');
        if !acceptable
            || bare.contains('"')
            || bare.contains(')')
            || bare.contains('(')
            || bare.contains(';')
            || bare.contains(':')
            || !tok.ends_with(',')
                && bare.ends_with('.')
                && is_sentence_end(bare, tokens.last().map(|&(ls, le)| &text[ls..le]), saw_v)
        {
            break;
        }
        // "In" opens a name only as "In re"; otherwise it is the preposition before one.
        if matches!(bare, "In" | "in")
            && !tokens
                .last()
                .is_some_and(|&(ls, le)| matches!(&text[ls..le], "re" | "re:" | "Re"))
        {
            break;
        }
        if matches!(bare, "v." | "vs." | "v") || glued_v {
            saw_v = true;
        }
        tokens.push((s, t_end));
        cursor = s;
        // A short form's name is a word or two, unless it is the whole name (`Edelman v. Unemployment
        // Compensation Board of Review, supra`).
        let limit = if short && saw_v { 12 } else { max_tokens };
        if tokens.len() >= limit || opens || fused > 0 {
            break;
        }
    }
    if let Some(kept) = crossed_line.filter(|_| !saw_v) {
        tokens.truncate(kept);
    }
    // Drop leading connectors and sentence openers that are not part of a name.
    while let Some(&(s, t_end)) = tokens.last() {
        let tok = text[s..t_end].trim_end_matches(',');
        // A bare number before a name is a footnote marker ("fashion. 3 Chill v. Calamos").
        let opener = SENTENCE_OPENERS.contains(&tok) || tok.bytes().all(|b| b.is_ascii_digit());
        let connector = NAME_CONNECTORS.contains(&tok) && !matches!(tok, "In" | "in");
        if opener || connector {
            tokens.pop();
        } else {
            break;
        }
    }
    if tokens.is_empty() {
        return None;
    }
    let in_re = tokens.len() >= 2
        && matches!(
            &text[tokens[tokens.len() - 2].0..tokens[tokens.len() - 2].1],
            "re" | "Re"
        );
    if !had_comma && !saw_v && !in_re {
        return None;
    }
    let start = tokens.last().unwrap().0;
    let name = text[start..e].trim().replace('\n', " ");
    if name.is_empty() || !name.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let (plaintiff, defendant) = split_parties(&name);
    Some(CaseName {
        start,
        name,
        plaintiff,
        defendant,
    })
}

/// Words that open a government body's name after a comma in a party
/// (`Commonwealth, Dep't of Revenue`, `State, Bd. of Educ.`).
const AGENCY_WORDS: &[&str] = &[
    "Dep't",
    "Dep’t",
    "Dept.",
    "Department",
    "Bd.",
    "Board",
    "Div.",
    "Division",
    "Comm'n",
    "Comm’n",
    "Commission",
    "Office",
    "Bureau",
    "Agency",
    "Cabinet",
    "Admin.",
    "Auth.",
    "Authority",
    "Sec'y",
    "Sec’y",
    "Secretary",
    "Unemployment",
    "Workers'",
    "Workers’",
];

const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "January",
    "February",
    "March",
    "April",
    "Jun.",
    "Jul.",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// May the comma that ends `bare` (the token at `s`) stand inside a case
/// name whose tokens read so far (right to left) are `tokens`? Before a
/// corporate suffix (`LegalNet, Inc.`), before an agency of a government
/// party (`Commonwealth, Dep't of Revenue`), in a list of partners joined by
/// `&` (`Fenner, Pierce & Smith Inc.`), and inside a date (`Dated Jan. 4,
/// 2019`).
fn comma_inside_name(text: &str, tokens: &[(usize, usize)], s: usize, bare: &str) -> bool {
    let word = |&(ts, te): &(usize, usize)| text[ts..te].trim_end_matches(',');
    let Some(next) = tokens.last().map(word) else {
        return false;
    };
    if CORPORATE_SUFFIXES.contains(&next) || AGENCY_WORDS.contains(&next) {
        return true;
    }
    // The partners run from here to the "v." (or to the end, in a defendant).
    let partners = tokens
        .iter()
        .rev()
        .map(word)
        .take_while(|w| !matches!(*w, "v." | "vs." | "v"));
    if partners.clone().any(|w| matches!(w, "&" | "and"))
        && partners.clone().count() <= 6
        && bare.starts_with(|c: char| c.is_ascii_uppercase())
    {
        return true;
    }
    let day = !bare.is_empty() && bare.len() <= 2 && bare.bytes().all(|b| b.is_ascii_digit());
    let year = next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit());
    day && year
        && token_before(text, s)
            .is_some_and(|(ms, me)| MONTH_ABBREVIATIONS.contains(&&text[ms..me]))
}

/// Does the year `bare` at `s` close a date (`Dated Jan. 4, 2019`), as a
/// name may end (`In re Grand Jury Subpoena Dated Jan. 4, 2019`)?
fn dated(text: &str, s: usize, bare: &str) -> bool {
    bare.len() == 4
        && bare.bytes().all(|b| b.is_ascii_digit())
        && token_before(text, s).is_some_and(|(ds, de)| {
            let day = &text[ds..de];
            day.strip_suffix(',').is_some_and(|d| {
                (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
            }) && token_before(text, ds)
                .is_some_and(|(ms, me)| MONTH_ABBREVIATIONS.contains(&&text[ms..me]))
        })
}

/// The length of what a token starts with that is not part of a name but
/// lost the space after it in text extraction: a signal or lead-in
/// (`SeeTerry`, `Cf.Katz`, `alsoMiranda`, `citingStrickland`), or the end
/// of the sentence before (`trial.State`, `trial."State`); 0 otherwise. What
/// follows must be a capital (`Seeger` keeps its name).
fn fused_signal_len(tok: &str) -> usize {
    let capital_after = |n: usize| {
        tok.get(n..).is_some_and(|rest| {
            rest.len() > 1 && rest.starts_with(|c: char| c.is_ascii_uppercase())
        })
    };
    if let Some(signal) = [
        "See", "see", "Cf.", "cf.", "also", "citing", "quoting", "e.g.,", "E.g.,",
    ]
    .into_iter()
    .find(|signal| tok.starts_with(signal) && capital_after(signal.len()))
    {
        return signal.len();
    }
    // A lower-case word of two letters or more, so `U.S.` and `Inc.` stay.
    let word = tok.bytes().take_while(u8::is_ascii_lowercase).count();
    let end = tok[word..]
        .bytes()
        .take_while(|b| matches!(b, b'.' | b'?' | b'!' | b'"'))
        .count();
    if word >= 2 && tok[word..].starts_with(['.', '?', '!']) && capital_after(word + end) {
        return word + end;
    }
    0
}

fn is_signal_word(tok: &str) -> bool {
    matches!(
        tok,
        "See"
            | "see"
            | "also"
            | "Cf."
            | "cf."
            | "But"
            | "but"
            | "e.g.,"
            | "E.g.,"
            | "e.g."
            | "E.g."
            | "Accord"
            | "accord"
            | "Compare"
            | "compare"
            | "generally"
            | "Contra"
            | "contra"
            | "with"
    )
}

/// A token ending in a period ends a sentence unless it is an abbreviation.
/// Does `tok`, which ends in a period, end a sentence? `next` is the word
/// after it; `name_has_v` says whether the name's `v.` lies after it.
fn is_sentence_end(tok: &str, next: Option<&str>, name_has_v: bool) -> bool {
    let core = tok.trim_end_matches('.');
    if core.is_empty() {
        return true;
    }
    // Abbreviations: initials (U.S., N.A.), capitalized short words (Inc., Corp., Sys.), single letters.
    let first = core.as_bytes()[0];
    // "2." ends a numbered sentence or list item.
    if core.bytes().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // A long capitalized word that is no known abbreviation ("States.", "Curiams.") ends a
    // sentence when it stands before a whole "X v. Y" and a plain capitalized word follows
    // ("Curiams. Spano v. …"); inside a party's name it is an abbreviation ("Pharms.", "Const. Co.").
    let next_opens = name_has_v
        && next.is_some_and(|n| {
            n != "v." && !n.ends_with('.') && n.starts_with(|c: char| c.is_ascii_uppercase())
        });
    if next_opens
        && first.is_ascii_uppercase()
        && core.len() >= 5
        && !core.contains('.')
        && !core.contains('\'')
        && core[1..].bytes().all(|c| c.is_ascii_lowercase())
        && super::reporters::expand(tok).is_none()
    {
        return true;
    }
    // "VI." closing a heading is not an abbreviation.
    if core.len() > 1 && core.bytes().all(|c| matches!(c, b'I' | b'V' | b'X' | b'L')) {
        return true;
    }
    if first.is_ascii_uppercase() {
        return false;
    }
    !(core.contains('.')
        || core.len() <= 2
        || NAME_CONNECTORS.contains(&tok)
        || crate::prose::is_abbreviation(tok))
}

/// One to three capitalized words ending just before `end` (`Qwerty ` in
/// `Qwerty supra`): the short name of a case cited earlier.
pub(crate) fn short_name_before(text: &str, end: usize) -> Option<CaseName> {
    let mut start = end;
    let mut cursor = end;
    for _ in 0..3 {
        let Some((s, e)) = token_before(text, cursor) else {
            break;
        };
        let tok = &text[s..e];
        let capitalized = tok.starts_with(|c: char| c.is_uppercase())
            && tok
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-' | '&'));
        if !capitalized
            || is_signal_word(tok)
            || SENTENCE_OPENERS.contains(&tok)
            || matches!(tok, "Id." | "Ibid.")
        {
            break;
        }
        start = s;
        cursor = s;
    }
    (start < end).then(|| {
        let name = text[start..end].trim().to_string();
        CaseName {
            start,
            plaintiff: Some(name.clone()),
            name,
            defendant: None,
        }
    })
}

fn split_parties(name: &str) -> (Option<String>, Option<String>) {
    // "In re Foo", "Ex parte Foo", "Matter of Foo": the one party is the subject.
    for lead in [
        "In re ",
        "In Re ",
        "in re ",
        "Ex parte ",
        "Ex Parte ",
        "Matter of ",
        "In the Matter of ",
    ] {
        if let Some(rest) = name.strip_prefix(lead) {
            return (None, Some(rest.trim().to_string()));
        }
    }
    for sep in [" v. ", " vs. ", " v ", " V. ", " v."] {
        if let Some(i) = name.find(sep) {
            let p = name[..i].trim();
            let d = name[i + sep.len()..].trim();
            return (
                (!p.is_empty()).then(|| p.to_string()),
                (!d.is_empty()).then(|| d.to_string()),
            );
        }
    }
    (Some(name.to_string()), None)
}

/// The signal ending at `end` (before a case name or citation core), lower-cased.
pub(crate) fn signal_before(text: &str, end: usize) -> Option<String> {
    let window_start = floor_char_boundary(text, end.saturating_sub(24));
    // "See generally, Shepard …": a comma may follow the signal.
    let before = text[window_start..end].trim_end().trim_end_matches(',');
    let lower = before.to_ascii_lowercase();
    for s in SIGNALS {
        if lower.ends_with(s) {
            let at = lower.len() - s.len();
            let ok = at == 0 || !is_word_byte(lower.as_bytes()[at - 1]);
            if ok {
                return Some(s.trim_end_matches(',').to_string());
            }
        }
    }
    None
}

/// A pin cite starting at `pos` (after `, ` or `at `): `1071`, `1071-72`,
/// `1072 n.10`, `*2`, `135-36`, `¶ 12`, `¶¶ 38-53`, `119:12-14`. Returns its end.
pub(crate) fn pin_at(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = pos;
    if b.get(i) == Some(&b'*') {
        i += 1;
    } else if text[i..].starts_with("¶¶ ") {
        i += "¶¶ ".len();
    } else if text[i..].starts_with("¶ ") || text[i..].starts_with("¶") {
        i = skip_spaces_in(b, i + "¶".len());
    } else if text[i..].starts_with("n.") || text[i..].starts_with("nn.") {
        return note_at(text, i).filter(|&e| e > i);
    }
    let d = digits(b, i);
    if d == i {
        return None;
    }
    i = d;
    // Page and line: 119:12-14.
    if b.get(i) == Some(&b':') && digits(b, i + 1) > i + 1 {
        i = digits(b, i + 1);
    }
    // Ranges: 1071-72, *2-*3, 135–36.
    // A replacement character is a dash lost in conversion.
    for dash in ["-", "–", "—", "‐", "‑", "‒", "−", "\u{FFFD}"] {
        if text[i..].starts_with(dash) {
            let mut j = i + dash.len();
            // "159–\n160": a range broken at the line end keeps a space after the dash.
            if b.get(j) == Some(&b' ') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if b.get(j) == Some(&b'*') {
                j += 1;
            }
            let dj = digits(b, j);
            if dj > j {
                i = dj;
            }
            break;
        }
    }
    // Transcript ranges end on a line: 87:19-88:2.
    if b.get(i) == Some(&b':') && digits(b, i + 1) > i + 1 {
        i = digits(b, i + 1);
    }
    // Footnotes: 1072 n.10, 1072 & n.10, 1072 nn.3-4.
    for lead in [" n.", " nn.", " & n.", " n"] {
        if text[i..].starts_with(lead) {
            if let Some(e) = note_at(
                text,
                i + lead.len() - lead.trim_start_matches([' ', '&']).len(),
            ) {
                i = e;
                break;
            }
        }
    }
    Some(i)
}

fn skip_spaces_in(b: &[u8], mut i: usize) -> usize {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// One or more pins after `at ` in a short form or *Id.*: `62-63, 67-68`,
/// `pp. 45, 64`, `7-9, ¶¶ 38-53`. The `p.`/`pp.` prefix is not part of the
/// value. Returns (start of the value, end).
pub(crate) fn pin_list_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut start = pos;
    for prefix in ["pp. ", "p. ", "pp.", "p."] {
        if text[pos..].starts_with(prefix) {
            start = pos + prefix.len();
            break;
        }
    }
    let mut end = pin_at(text, start)?;
    while text[end..].starts_with(", ") {
        let next = end + 2;
        if starts_citation(text, next) {
            break;
        }
        match pin_at(text, next) {
            Some(e) if !text.as_bytes().get(e).is_some_and(|&c| is_word_byte(c)) => end = e,
            _ => break,
        }
    }
    Some((start, end))
}

fn note_at(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = pos;
    if text[i..].starts_with("nn.") {
        i += 3;
    } else if text[i..].starts_with("n.") {
        i += 2;
    } else if text[i..].starts_with('n') {
        i += 1;
    } else {
        return None;
    }
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    let d = digits(b, i);
    if d == i {
        return None;
    }
    let mut e = d;
    if b.get(e) == Some(&b'-') && digits(b, e + 1) > e + 1 {
        e = digits(b, e + 1);
    }
    Some(e)
}

/// What follows a full citation's core: pins, the court and date
/// parenthetical, explanatory parentheticals and a subsequent-history
/// phrase. Sets the draft's pin, court, year, date, `bare_end`, `end`,
/// `after_end` and history; a short form's pin is part of its core.
pub(crate) fn after_core(text: &str, draft: &mut Draft) {
    let mut pos = draft.cite.core_end;
    if draft.cite.kind != super::CitationKind::ShortCase {
        let (pins, end) = pins_after(text, pos);
        if !pins.is_empty() {
            draft.cite.pin = Some(pins.join(", "));
        }
        pos = end;
    }
    draft.bare_end = pos;
    if let Some((cd, end)) = court_date_after(text, pos) {
        let c = &mut draft.cite;
        c.court = cd.court;
        c.court_id = cd.court_id;
        c.year = cd.year;
        c.date = cd.date;
        pos = end;
    }
    draft.cite.end = pos;
    explanatory_parentheticals(text, pos, draft);
}

/// Pins after a page: `, 1071`, `, 1071-72 n.10`, `, at *2`, several
/// separated by commas, up to the next citation. Returns them and where the
/// last ends.
fn pins_after(text: &str, mut pos: usize) -> (Vec<&str>, usize) {
    let b = text.as_bytes();
    let mut pins = Vec::new();
    // Text from PDFs may lose the space after the comma (`84,293`).
    let comma = |pos: usize| match b.get(pos..pos + 2) {
        Some([b',', b' ']) => Some(pos + 2),
        Some([b',', d]) if d.is_ascii_digit() => Some(pos + 1),
        _ => None,
    };
    while let Some(mut q) = comma(pos) {
        for lead in ["at p. ", "at ", "p. "] {
            if text[q..].starts_with(lead) {
                q += lead.len();
                break;
            }
        }
        if starts_citation(text, q) {
            break;
        }
        match pin_at(text, q) {
            // "2015 WL 1538871, 2015 BL 12345": a year opening a citation of an unknown
            // reporter is no pin.
            Some(pe)
                if pe == q + 4
                    && b.get(pe) == Some(&b' ')
                    && b.get(pe + 1).is_some_and(u8::is_ascii_uppercase) =>
            {
                break
            }
            Some(pe) if !b.get(pe).is_some_and(|&x| is_word_byte(x)) => {
                pins.push(&text[q..pe]);
                pos = pe;
            }
            _ => break,
        }
    }
    (pins, pos)
}

/// The court and date closing a citation at `pos` (past spaces):
/// `(C.D. Cal. 2009)`, or `[1984]` in New York style. Returns it and its end.
fn court_date_after(text: &str, pos: usize) -> Option<(CourtDate, usize)> {
    let b = text.as_bytes();
    let open = skip_spaces(b, pos);
    let bracket_end = (b.get(open) == Some(&b'['))
        .then(|| {
            text[open..]
                .find(']')
                .filter(|&k| k < 60)
                .map(|k| open + k + 1)
        })
        .flatten();
    if !(b.get(open) == Some(&b'(') || bracket_end.is_some()) || starts_citation(text, open + 1) {
        return None;
    }
    let close = bracket_end.or_else(|| paren_end(text, open, 200))?;
    court_date(&text[open + 1..close - 1]).map(|cd| (cd, close))
}

/// Explanatory parentheticals after `pos`, and a subsequent-history phrase after them.
pub(crate) fn explanatory_parentheticals(text: &str, mut pos: usize, draft: &mut Draft) {
    let b = text.as_bytes();
    loop {
        let open = skip_spaces(b, pos);
        if b.get(open) != Some(&b'(') {
            break;
        }
        let Some(close) = paren_end(text, open, 4000) else {
            break;
        };
        let inner = text[open + 1..close - 1].trim();
        draft.cite.parentheticals.push(Parenthetical {
            text: inner.to_string(),
            relation: relation_of(inner),
            start: open,
            end: close,
        });
        pos = close;
    }
    draft.after_end = pos;
    if text[pos..].starts_with(", ") {
        if let Some((phrase, e)) = history_at(text, pos + 2) {
            draft.history = Some((phrase, e));
        }
    }
}

/// What stands before a citation's core: a star-page marker, a year in
/// parentheses (Ohio, California and New York styles), the docket number of
/// an `electronic` (WL, LEXIS) cite, the case name and the signal. Sets the
/// draft's name and parties, docket, signal and `start`, and its year and
/// court where the citation after the core gave none.
pub(crate) fn before_core(text: &str, draft: &mut Draft, electronic: bool) {
    let c = &mut draft.cite;
    let vol_start = c.core_start;
    let star_page = star_page_before(text, vol_start);
    let mut name_end = star_page.unwrap_or(vol_start);
    // California style puts the year before the volume: `In re K.F. (2009) 1 U.S. 1`,
    // and New York style wraps the cite: `Rogers v Rogers (63 NY2d 582 [1984])`.
    let before = text[..name_end].trim_end_matches(' ');
    if let Some((open, year)) = ohio_year(before) {
        c.year = c.year.or(year.parse().ok());
        name_end = open;
    } else if let Some(open) = before.strip_suffix(|ch| ch == '(' || ch == '[') {
        name_end = open.len();
    } else if before.ends_with(')') {
        if let Some(open) = before.rfind('(') {
            let inner = &before[open + 1..before.len() - 1];
            if let Some(cd) = court_date(inner) {
                c.year = c.year.or(cd.year);
                if c.court.is_none() && cd.court.is_some() {
                    c.court = cd.court;
                    c.court_id = cd.court_id;
                }
                name_end = open;
            }
        }
    }
    if electronic {
        if let Some((ds, docket)) = docket_before(text, vol_start) {
            c.docket_number = Some(docket);
            name_end = ds;
        }
    }
    let short = c.kind == super::CitationKind::ShortCase;
    let name = case_name_before(text, name_end, short);
    let lead = match &name {
        Some(n) => {
            c.case_name = Some(n.name.clone());
            c.plaintiff = n.plaintiff.clone();
            c.defendant = n.defendant.clone();
            n.start
        }
        None => name_end.min(vol_start),
    };
    c.start = if name.is_some() {
        lead
    } else if star_page.is_some() {
        // A marker before a citation with no name is not part of it.
        c.core_start
    } else {
        c.core_start.min(name_end)
    };
    c.signal = signal_before(text, lead);
}

/// Ohio style puts a bare year and a comma before the volume (`State v.
/// Trimble (2009), 122 Ohio St.3d 297`): where `(2009)` opens in `before`, and
/// the year. It must follow a name, since a court and year closing the
/// citation before (`(9th Cir. 1999), 2 F.3d 5`) are that citation's.
fn ohio_year(before: &str) -> Option<(usize, &str)> {
    let inner = before.strip_suffix(',')?.trim_end().strip_suffix(')')?;
    let open = inner.len().checked_sub(5)?;
    let year = inner.get(open..)?.strip_prefix('(')?;
    let after_name = inner[..open]
        .trim_end()
        .ends_with(|ch: char| ch.is_alphabetic() || ch == '.');
    (after_name && year.bytes().all(|d| d.is_ascii_digit())).then_some((open, year))
}

/// Where a star-paging marker of a case-law collection ending at `end`
/// begins: `Allen, Page 252 270 Mich. 272` has one inside the citation.
fn star_page_before(text: &str, end: usize) -> Option<usize> {
    let before = text[..end].trim_end_matches(' ');
    let number = before.trim_end_matches(|c: char| c.is_ascii_digit());
    if number.len() == before.len() {
        return None;
    }
    // `Carignan, *528 342 U. S. 36`: the marker may also be a star and the page.
    let marker = number
        .strip_suffix("Page ")
        .or_else(|| number.strip_suffix('*'))?;
    (!marker.ends_with(|c: char| c.is_alphanumeric())).then_some(marker.len())
}

/// `No. 15-CV-01618-JSC, ` ending at `end`; returns (start of `No.`, docket).
fn docket_before(text: &str, end: usize) -> Option<(usize, String)> {
    let window_start = floor_char_boundary(text, end.saturating_sub(70));
    let window = &text[window_start..end];
    let trimmed = window.trim_end();
    let trimmed = trimmed.strip_suffix(',')?;
    // The last "No." whose tail is a plausible docket number.
    let mut search_end = trimmed.len();
    while let Some(i) = trimmed[..search_end].rfind("No.") {
        let mut docket = trimmed[i + 3..].trim_start();
        while let Some(rest) = docket.strip_prefix("No.") {
            docket = rest.trim_start();
        }
        let plausible = !docket.is_empty()
            && docket.len() <= 40
            && docket.bytes().any(|c| c.is_ascii_digit())
            && docket.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '-' | '–' | ':' | '/' | '.' | ' ' | '_' | '(' | ')')
            })
            && docket.split(' ').count() <= 5;

        if plausible {
            // Repeated "No. No." belongs to the docket too, and so does Ohio's district
            // before it ("9th Dist. No. 22903").
            let mut s = i;
            while trimmed[..s].trim_end().ends_with("No.") {
                s = trimmed[..s].trim_end().len() - 3;
            }
            if let Some(head) = trimmed[..s].trim_end().strip_suffix("Dist.") {
                let ordinal = head.trim_end();
                let word = ordinal.len()
                    - ordinal
                        .trim_end_matches(|c: char| c.is_ascii_alphanumeric())
                        .len();
                let ord = &ordinal[ordinal.len() - word..];
                if ord.starts_with(|c: char| c.is_ascii_digit())
                    && ["st", "nd", "rd", "th"].iter().any(|x| ord.ends_with(x))
                {
                    s = ordinal.len() - word;
                }
            }
            return Some((window_start + s, docket.to_string()));
        }
        search_end = i;
    }
    None
}

/// Court and date from a parenthetical's inside: `C.D. Cal. 2009`,
/// `N.D. Cal. Sept. 2, 2015`, `9th Cir. 2006`, `2004`, `N.D. Cal`.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct CourtDate {
    pub court: Option<String>,
    pub court_id: Option<String>,
    pub year: Option<i32>,
    pub date: Option<String>,
}

/// Parses the inside of a parenthetical as court and date; `None` if it is not one.
pub(crate) fn court_date(inner: &str) -> Option<CourtDate> {
    // A star page may fall inside the parenthetical: `(9th *212 Cir. 2019)`.
    if inner.contains('*') {
        let unstarred: Vec<&str> = inner
            .split(' ')
            .filter(|w| {
                !(w.len() > 1 && w.starts_with('*') && w[1..].bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        let unstarred = unstarred.join(" ");
        if unstarred.len() < inner.len() {
            return court_date(&unstarred);
        }
    }
    let mut s = inner.trim();
    // Texas gives the later history after the year: `Tex.App. — San Antonio 1985, no writ`,
    // `Tex.Civ.App. — Tyler 1979, writ ref'd n.r.e.`, `… 2004, pet. denied`.
    if let Some(k) = s.rfind(", ") {
        let (head, tail) = (&s[..k], &s[k + 2..]);
        let hb = head.as_bytes();
        let year_before = hb.len() >= 4 && hb[hb.len() - 4..].iter().all(u8::is_ascii_digit);
        let history = [
            "no writ", "writ ", "no pet", "pet. ", "pet ", "writ", "no pet.",
        ]
        .iter()
        .any(|h| tail.starts_with(h));
        if year_before && history {
            s = head;
        }
    }
    // A span of years (1993-94, 2005-2006) is dated by its first year.
    if let Some((head, tail)) = s.rsplit_once(['-', '–']) {
        let hb = head.as_bytes();
        if (tail.len() == 2 || tail.len() == 4)
            && tail.bytes().all(|c| c.is_ascii_digit())
            && hb.len() >= 4
            && hb[hb.len() - 4..].iter().all(u8::is_ascii_digit)
        {
            s = head;
        }
    }
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    let b = s.as_bytes();
    let mut out = CourtDate::default();
    // Year at the end.
    let mut rest_end = s.len();
    if b.len() >= 4
        && b[b.len() - 4..].iter().all(u8::is_ascii_digit)
        && (b.len() == 4 || !is_word_byte(b[b.len() - 5]))
    {
        let year: i32 = s[s.len() - 4..].parse().ok()?;
        if !(1600..=2100).contains(&year) {
            return None;
        }
        out.year = Some(year);
        rest_end = s.len() - 4;
        let head = s[..rest_end].trim_end();
        // Full date: "Sept. 2, 2015" / "Sept. 2 2015".
        let head_nc = head.trim_end_matches(',').trim_end();
        let day_start = head_nc.rfind(' ').map_or(0, |i| i + 1);
        let day = &head_nc[day_start..];
        if !day.is_empty() && day.len() <= 2 && day.bytes().all(|c| c.is_ascii_digit()) {
            let before_day = head_nc[..day_start].trim_end();
            // the crate's one month table
            for (m, n) in crate::order::dates::MONTHS {
                if before_day.ends_with(m) {
                    let at = before_day.len() - m.len();
                    if at == 0 || before_day.as_bytes()[at - 1] == b' ' {
                        let d: u32 = day.parse().ok()?;
                        if (1..=31).contains(&d) {
                            out.date = Some(format!("{year:04}-{n:02}-{d:02}"));
                            rest_end = at;
                        }
                        break;
                    }
                }
            }
        } else {
            rest_end = head.len();
        }
    }
    let court = s[..rest_end].trim().trim_end_matches(',').trim();
    if !court.is_empty() {
        // `Tex.App. — San Antonio`: the court, then the seat of its district.
        let found = courts::court_by_citation_string(court).or_else(|| {
            let (head, _) = court
                .split_once(['—', '–'])
                .or_else(|| court.split_once(" - "))?;
            courts::court_by_citation_string(head.trim())
        });
        if out.year.is_none() && found.is_none() {
            return None;
        }
        // A parenthetical with a year but a long lower-case text is explanatory, not a court.
        if found.is_none()
            && (court.len() > 40
                || court.split(' ').any(|w| {
                    w.starts_with(|c: char| c.is_lowercase())
                        && !matches!(w, "ex" | "rel." | "of" | "en" | "banc")
                }))
        {
            return None;
        }
        out.court = Some(court.to_string());
        out.court_id = found.map(|c| c.id.clone());
    }
    Some(out)
}

/// The relation word an explanatory parenthetical opens with, if any.
pub(crate) fn relation_of(inner: &str) -> Option<String> {
    let lower = inner.trim_start().to_ascii_lowercase();
    EDITORIAL
        .iter()
        .chain(EXPLANATORY)
        .find(|r| {
            lower.starts_with(*r)
                && lower
                    .as_bytes()
                    .get(r.len())
                    .is_none_or(|&c| !c.is_ascii_alphanumeric())
        })
        .map(|r| r.to_string())
}

/// A subsequent-history phrase starting at `pos`, returning (normalized phrase, end).
pub(crate) fn history_at(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let rest = &text[pos..];
    HISTORY_PHRASES.iter().find_map(|p| {
        if rest.starts_with(p) || rest.starts_with(&p.replace('\'', "’")) {
            let mut e = pos + p.len();
            let b = text.as_bytes();
            if b.get(e) == Some(&b',') {
                e += 1;
            }
            Some((*p, e))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Option<CaseName> {
        case_name_before(text, text.rfind('6').unwrap(), false)
    }

    #[test]
    fn names_stop_at_signals_and_prose() {
        let n = name("*see also Leon v. IDX Sys. Corp., 6").unwrap();
        assert_eq!(n.name, "Leon v. IDX Sys. Corp.");
        assert_eq!(n.plaintiff.as_deref(), Some("Leon"));
        assert_eq!(n.defendant.as_deref(), Some("IDX Sys. Corp."));
        let n = name("of cases.\"\" American LegalNet, Inc. v. Davis, 6").unwrap();
        assert_eq!(n.name, "American LegalNet, Inc. v. Davis");
        let n = name("The court held. Smith v. Jones, 6").unwrap();
        assert_eq!(n.name, "Smith v. Jones");
        let n = name("lissner test Lissner v. Test 6").unwrap();
        assert_eq!(n.name, "Lissner v. Test");
        assert!(name("the court wrote in 6").is_none());
        let n = name("and so on Jin Fuey Moy v. United States, 6").unwrap();
        assert_eq!(n.plaintiff.as_deref(), Some("Jin Fuey Moy"));
        let n = name("See In re Bayer AG, 6").unwrap();
        assert_eq!(n.name, "In re Bayer AG");
        let n = name("amend. VI. In Crawford v. Washington, 6").unwrap();
        assert_eq!(n.name, "Crawford v. Washington");
        let n = name("as explained in Williams v. Illinois, 6").unwrap();
        assert_eq!(n.name, "Williams v. Illinois");
    }

    /// Text from PDFs drops the space after a signal ("SeeTerry v. Ohio"),
    /// and a participle can lead into a name ("Relying on Terry v. …"): at
    /// 100,000 orders both named authorities cited by hundreds of orders.
    #[test]
    fn names_leave_out_fused_signals_and_lead_ins() {
        for (text, want) in [
            ("the detention. SeeTerry v. Ohio, 6", "Terry v. Ohio"),
            (
                "in public. Cf.Katz v. United States, 6",
                "Katz v. United States",
            ),
            (
                "counsel. See alsoMiranda v. Arizona, 6",
                "Miranda v. Arizona",
            ),
            (
                "pension.\" Relying on Terry v. City of Berkeley, supra, 6",
                "Terry v. City of Berkeley",
            ),
            ("Relying upon Terry v. Ohio, 6", "Terry v. Ohio"),
            ("Discussing Mapp v. Ohio, 6", "Mapp v. Ohio"),
            ("a fair trial.State v. Trimble, 6", "State v. Trimble"),
            ("a fair trial.\"State v. Trimble, 6", "State v. Trimble"),
            (
                "242, citingStrickland v. Washington, 6",
                "Strickland v. Washington",
            ),
            ("quotingKatz v. United States, 6", "Katz v. United States"),
        ] {
            assert_eq!(name(text).map(|n| n.name).as_deref(), Some(want), "{text}");
        }
        let fused = "the detention. SeeTerry v. Ohio, ";
        let n = case_name_before(fused, fused.len(), false).unwrap();
        assert_eq!(&fused[n.start..], "Terry v. Ohio, ");
        assert_eq!(signal_before(fused, n.start).as_deref(), Some("see"));
        // A name that only starts like a signal keeps its first word.
        assert_eq!(
            name("See Seeger v. Jones, 6").map(|n| n.name).as_deref(),
            Some("Seeger v. Jones")
        );
    }

    #[test]
    fn signals() {
        assert_eq!(
            signal_before("stuff. See also ", 16).as_deref(),
            Some("see also")
        );
        assert_eq!(
            signal_before("x; see, e.g., ", 14).as_deref(),
            Some("see, e.g.")
        );
        assert_eq!(signal_before("oversee ", 8), None);
        assert_eq!(signal_before("But see ", 8).as_deref(), Some("but see"));
    }

    #[test]
    fn pins() {
        let t = "1071-72 n.10 x";
        assert_eq!(pin_at(t, 0), Some(12));
        assert_eq!(pin_at("*2 (N.D.", 0), Some(2));
        assert_eq!(pin_at("135-36 (", 0), Some(6));
        assert_eq!(pin_at("1072 n.10 (", 0), Some(9));
        assert_eq!(pin_at("n.4 (", 0), Some(3));
        assert_eq!(pin_at("(", 0), None);
    }

    #[test]
    fn court_dates() {
        let cd = court_date("N.D. Cal. Sept. 2, 2015").unwrap();
        assert_eq!(cd.court.as_deref(), Some("N.D. Cal."));
        assert_eq!(cd.date.as_deref(), Some("2015-09-02"));
        assert_eq!(cd.year, Some(2015));
        let cd = court_date("2004").unwrap();
        assert_eq!((cd.court, cd.year), (None, Some(2004)));
        assert!(court_date("quoting Smith").is_none());
        assert!(court_date("holding that the rule applies since 2004").is_none());
    }

    /// Texas parentheticals name the court's seat and the later history.
    #[test]
    fn texas_courts_with_seat_and_writ_history() {
        for (inner, year) in [
            ("Tex.App. — San Antonio 1985, no writ", 1985),
            ("Tex.Civ.App. — Tyler 1979, writ ref'd n.r.e.", 1979),
            ("Tex. App.—Houston [14th Dist.] 2004, pet. denied", 2004),
        ] {
            let cd = court_date(inner).unwrap_or_else(|| panic!("{inner}"));
            assert_eq!(cd.year, Some(year), "{inner}");
            // (courts-db has no citation string for the old Court of Civil Appeals.)
            if !inner.contains("Civ.") {
                assert_eq!(cd.court_id.as_deref(), Some("texapp"), "{inner}: {cd:?}");
            }
        }
    }

    #[test]
    fn relations() {
        assert_eq!(relation_of("quoting Chambers").as_deref(), Some("quoting"));
        assert_eq!(relation_of("Citing X").as_deref(), Some("citing"));
        assert_eq!(relation_of("citingly"), None);
    }

    #[test]
    fn dockets() {
        let t = "Doe I, No. 15-CV-01618-JSC, 2015";
        let (s, d) = docket_before(t, t.find("2015").unwrap()).unwrap();
        assert_eq!(d, "15-CV-01618-JSC");
        assert_eq!(&t[s..s + 3], "No.");
        let t = "Facebook, Inc., No. No. 5:10-cv-03579-JF/PVT, 2010";
        let (s, d) = docket_before(t, t.find("2010").unwrap()).unwrap();
        assert_eq!(d, "5:10-cv-03579-JF/PVT");
        assert_eq!(&t[s..s + 7], "No. No.");
        let t = "Freetech, Inc., No. C 07-06124 JW, 2009";
        assert_eq!(
            docket_before(t, t.find("2009").unwrap()).unwrap().1,
            "C 07-06124 JW"
        );
        assert!(docket_before("Smith, 2009", 7).is_none());
        let t = "Corp. v. Nature's Farm Prods., No. 99 Civ. 9404 (SHS), 2000";
        assert_eq!(
            docket_before(t, t.find("2000").unwrap()).unwrap().1,
            "99 Civ. 9404 (SHS)"
        );
    }
}
