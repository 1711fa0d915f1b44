//! What the header of a reported or appellate opinion says beyond a
//! district caption: the caption line a reporter prints first (`CAMPBELL v.
//! STATE, 728 P.2d 628 (Wyo. 1986)`), the panel (`Before Selya, Cyr and
//! Boudin, Circuit Judges.`), the authoring judge (`LIPEZ, Circuit Judge.`,
//! `Per Curiam.`) and the appellate disposition (`AFFIRMED.`, `The judgment
//! is reversed and the case remanded.`).

use std::sync::OnceLock;

use regex::Regex;

use super::dates::decision_date;
use super::names::{case_name, title_case_if_caps};
use super::{prefix, re, suffix};

/// Bytes of the clean text searched for the authoring judge: the header of
/// a reported opinion (parties, counsel, headnotes) runs long.
const AUTHOR_WINDOW: usize = 24 * 1024;
/// Bytes of the clean text searched for the panel.
const PANEL_WINDOW: usize = 8 * 1024;

/// The caption line of a reported opinion: its case name, the court its
/// parenthetical names (`Wyo.`, `Fla.App. 4 Dist.`) and the date there.
#[derive(Debug, PartialEq)]
pub(super) struct CaptionLine<'a> {
    pub name: String,
    pub court: Option<&'a str>,
    pub date: Option<String>,
}

/// Reads the first line of the original as a reporter's caption line:
/// `NAME, CITATION (COURT DATE)` (`STATE v. WILLIAMS, 102 Conn. App. 168
/// (2007)`, `DOWLEY v. MORENCY, 1999 ME 137`, `HARPER v. ATKINSON,
/// Unpublished Decision (4-16-2001)`, `IN RE FULLWOOD (S.C. 1994)`, `… 99
/// A.D.3d 999 [2d Dept 2012]`). The name ends at the first comma followed by
/// a citation, a docket number or `Unpublished`. When a reporter or neutral
/// citation follows, that settles it (the reporter prints every opinion so,
/// `COY, APPELLANT, 126 Me. 256 (1927)` and `MOTION DOCKET, 91 Ohio St.3d
/// 1468 (2001)` too); otherwise the line must end in a parenthetical or
/// bracket holding a year and the name must name a case (`v.`, or `In re`,
/// `Ex parte`, `Matter of`, `Estate of` …).
pub(super) fn caption_line(original: &str) -> Option<CaptionLine<'_>> {
    let line = original.trim_start().lines().next()?.trim();
    if line.len() > 400 {
        return None;
    }
    let (name, rest) = name_before_citation(line)?;
    // the last parenthetical or bracket holding a year: the court and date
    static PAREN: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static CITE: OnceLock<Regex> = OnceLock::new();
    let paren = re(&PAREN, r"[(\[]([^()\[\]]{1,60})[)\]]");
    let year = re(
        &YEAR,
        r"(?:\d{1,2}-\d{1,2}-)?\b(?:1[6-9]\d\d|20\d\d)\b|\b\d{1,2}/\d{1,2}/\d{2}\b",
    );
    let (mut court, mut date, mut dated) = (None, None, false);
    if let Some((inner, y)) = paren
        .captures_iter(rest)
        .filter_map(|c| {
            let inner = c.get(1)?.as_str();
            Some((inner, year.find_iter(inner).last()?))
        })
        .last()
    {
        let c = inner[..y.start()].trim().trim_end_matches(',').trim();
        court = (!c.is_empty() && c.len() <= 40).then_some(c);
        date = decision_date(&inner[y.start()..]);
        dated = true;
    }
    // a reporter citation (`102 Conn. App. 168`, `168 Ill.2d 623`) or a
    // neutral one (`1999 ME 137`, `2007-NMCERT-005`, `2002 OK CR 20`)
    let cite = re(
        &CITE,
        r"^(?:\d{1,4}\s+[A-Z][A-Za-z.\d' ]{0,30}?\s+(?:\d{1,5}|_{2,})\b|(?:1[6-9]|20)\d\d[ -](?:[A-Z][A-Za-z.]*[ -]){1,3}\d{1,6}\b|\d{2,4}-\d{2,6}\s+\()",
    );
    let cited = cite.is_match(rest);
    let accept = if cited {
        name_like(name)
    } else {
        dated && case_name_like(name)
    };
    accept.then(|| CaptionLine {
        name: case_name(&restore_ampersands(name)),
        court,
        date,
    })
}

/// The collections' texts lost every `&` and kept the spaces around it
/// (`CITY  COUNTY`, `R.  O.`): two spaces between two words of a caption
/// line's name are an `&`, unless they stand beside the `v.` (`CASUALTY  v.`).
fn restore_ampersands(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains("  ") {
        return name.into();
    }
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = String::with_capacity(name.len() + 4);
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // a lone empty piece between two words: exactly two spaces
        let lost = w.is_empty()
            && i > 0
            && i + 1 < words.len()
            && !words[i - 1].is_empty()
            && !words[i + 1].is_empty()
            && !["v.", "vs."].contains(&words[i - 1])
            && !["v.", "vs."].contains(&words[i + 1]);
        if lost {
            out.push_str(" &");
        } else if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
        i += 1;
    }
    out.into()
}

/// Whether `s` can be a caption's name at all: letters, not a sentence.
fn name_like(s: &str) -> bool {
    let lower_words = s
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .filter(|w| {
            !matches!(
                *w,
                "v." | "vs."
                    | "of"
                    | "the"
                    | "and"
                    | "ex"
                    | "rel."
                    | "re"
                    | "et"
                    | "al."
                    | "in"
                    | "for"
                    | "on"
            )
        })
        .count();
    (3..=250).contains(&s.len()) && s.chars().any(char::is_alphabetic) && lower_words <= 3
}

/// A caption line split before its citation: the name and the rest. The
/// name ends at the first comma followed by a citation, a docket number or
/// `Unpublished`; without one, before a last word that is a docket number
/// (`GERSTENBLATT v. NORDIC LODGE 01-0225 (2002)`) or a parenthetical (`IN RE
/// FULLWOOD (S.C. 1994)`).
fn name_before_citation(s: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    while let Some(i) = s[from..].find(", ").map(|i| from + i) {
        let rest = &s[i + 2..];
        let token = rest.split_whitespace().next().unwrap_or("");
        let cites = token.starts_with(|c: char| c.is_ascii_digit())
            || token.starts_with("No.")
            || token.starts_with("Nos.")
            || token.eq_ignore_ascii_case("Unpublished")
            || (token.contains(|c: char| c.is_ascii_digit())
                && (token.len() <= 14 || token.contains(['-', '/'])))
            || rest.starts_with("C.A. No.")
            // a docket prefix: `P.M. 2009-1499`, `TC-MD 080878B`
            || (token.len() <= 6
                && !token.ends_with(',')
                && token.chars().all(|c| c.is_ascii_uppercase() || c == '.' || c == '-')
                && rest
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit())));
        if cites {
            return Some((s[..i].trim(), rest));
        }
        from = i + 2;
    }
    // no comma before the citation
    let (head, rest) = match s.rfind(['(', '[']) {
        Some(at) if at > 0 => (s[..at].trim_end(), &s[at..]),
        _ => return None,
    };
    let head = match head.rsplit_once(' ') {
        Some((h, last)) if last.starts_with(|c: char| c.is_ascii_digit()) => h.trim(),
        _ => head,
    };
    (!head.is_empty()).then_some((head, rest))
}

/// Whether `s` reads as the name of a case rather than a sentence or a
/// heading.
fn case_name_like(s: &str) -> bool {
    static SINGLE: OnceLock<Regex> = OnceLock::new();
    let single = re(
        &SINGLE,
        r"(?i)^(?:in\s+re\b|in\s+the\s+matter\s+of\b|in\s+matter\s+of\b|matter\s+of\b|ex\s+parte\b|estate\s+of\b|in\s+the\s+interest\s+of\b|application\s+of\b|petition\s+of\b|state\s+ex\s+rel\.)",
    );
    if s.len() < 3 || s.len() > 250 {
        return false;
    }
    let versus = s.contains(" v. ") || s.contains(" vs. ") || s.contains(" V. ");
    let lower_words = s
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .filter(|w| {
            !matches!(
                *w,
                "v." | "vs." | "of" | "the" | "and" | "ex" | "rel." | "re" | "et" | "al." | "in"
            )
        })
        .count();
    (versus || single.is_match(s)) && lower_words <= 3
}

// ---------------------------------------------------------------- judges

/// The judge who wrote an opinion, as its first line says.
#[derive(Debug, PartialEq)]
pub(super) struct Author {
    /// `None` for an opinion of the court (`Per Curiam`).
    pub name: Option<String>,
    /// `Circuit Judge`, `Justice`, `C.J.`, `Per Curiam`.
    pub title: String,
    /// Where the line starts in the text read: the body begins there.
    pub at: usize,
    /// The line's words up to the title, to find the body in the clean text.
    pub line: String,
}

/// The authoring judge of an opinion: the first line of its body that opens
/// with `NAME, TITLE.` (`LIPEZ, Circuit Judge.`, `GIERKE, Justice.`,
/// `BROWN, C.J.`; not a name of the panel's list, `Selya, Circuit Judge,`),
/// or `Opinion by Judge NAME`, or `Justice NAME delivered the opinion`, or
/// `Affirmed by unpublished opinion per Munson, J.`; `None` with the title
/// `Per Curiam` when the court wrote as one.
/// The name is as written (Title Case if in capitals).
pub(super) fn author(text: &str) -> Option<Author> {
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line_re = re(
        &LINE,
        r"^[ \t\x0c]*(?:(?P<pc>(?i:per\s+curiam)|BY\s+THE\s+COURT)\s*[.:]|(?:OPINION\s+BY:?\s+|Opinion\s+by:?\s+)(?:(?P<t1>(?i:(?:chief\s+|senior\s+|associate\s+|presiding\s+)?(?:justice|judge)))\s+)?(?P<n1>[A-Z][A-Za-z'’\-]+(?:[ \t]+[A-Z][A-Za-z'’\-]+){0,2})|(?:MR\.\s+|Mr\.\s+)?(?P<t2>(?i:(?:chief\s+|senior\s+|presiding\s+)?(?:justice|judge)))\s+(?P<n2>[A-Z][A-Za-z'’\-.]*(?:\s+[A-Z][A-Za-z'’\-.]*){0,3}(?:,\s+(?:Jr\.|Sr\.|III|II))?),?\s+delivered\s+the\s+opinion|(?:Affirmed|Reversed|Dismissed|Remanded|Vacated)?[^\n]{0,60}?\bper\s+(?P<n4>[A-Z][A-Za-z'’\-]+),\s+(?P<t4>(?:A\.\s?)?C\.\s?J\.|J\.)|(?P<n3>(?:(?:du|de|van|von|la|le|di|da)?[A-Z][A-Za-z'’\-]*\.?[ \t]){0,3}(?:du|de|van|von|la|le|di|da)?[A-Z][A-Za-z'’\-]+(?:,?[ \t](?:Jr\.|Sr\.|III|II))?),[ \t]+(?P<t3>(?:(?i:chief|senior|associate|presiding|acting|resident|president)\s+){0,2}(?:(?:(?i:circuit|district|appellate|special)\s+)*(?i:justice|judge)(?:\s+(?i:trial\s+)?(?i:referee))?|C\.\s?J\.|P\.\s?J\.|A\.\s?J\.|S\.\s?J\.|J\.?)))[.:,]?",
    );
    // Words one of which every author's line holds: most lines are passed
    // over on them before the pattern runs.
    const CUES: [&str; 11] = [
        ", J",
        "Judge",
        "JUDGE",
        "Justice",
        "JUSTICE",
        "J.",
        "Curiam",
        "CURIAM",
        "BY THE COURT",
        "OPINION BY",
        "Opinion by",
    ];
    let window = prefix(text, AUTHOR_WINDOW);
    let mut at = 0;
    for line in window.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim_start();
        if !t.starts_with(|c: char| c.is_ascii_uppercase()) || !CUES.iter().any(|w| t.contains(w)) {
            continue;
        }
        // the collections mark a page of the reporter where it starts: "SCOTT, J Page 2"
        let line = strip_star_page(line);
        let Some(c) = line_re.captures(line) else {
            continue;
        };
        let whole = c.get(0)?;
        let whole_start = start + whole.start();
        let whole_end = start + whole.end();
        let rest_of_line = line[whole.end()..].split('\n').next().unwrap_or("");
        let lower = rest_of_line.to_ascii_lowercase();
        // a judge of a list ("Before\n Selya, Circuit Judge,\n Coffin, …"):
        // an author's title ends its sentence
        if c.name("n3").is_some() {
            let ends = whole.as_str().trim_end();
            let pro_tem = {
                let r = rest_of_line.trim_start().to_ascii_lowercase();
                r.starts_with("pro tem") || r.starts_with("sitting") || r.starts_with("retired")
            };
            // a title that ends the line ("PATTERSON, Judge"), unless the
            // panel lists its judges so, one a line
            let alone = rest_of_line.trim().is_empty()
                && !ends.ends_with(',')
                && !next_line_is_judge(&window[whole_end..], line_re)
                && !previous_line_is_panel(&window[..start], line_re);
            if !(ends.ends_with(['.', ':']) || alone || (ends.ends_with(',') && pro_tem)) {
                continue;
            }
        }
        // "SMITH, J., dissenting" and a lower court's "…, District Judge, Presiding"
        // ("… per Munson, J., concurred in by …" names the author all the same)
        if c.name("n4").is_none() && lower.trim_start().starts_with("dissent")
            || c.name("n4").is_none() && lower.trim_start().starts_with("concur")
            || lower.contains("presiding")
            || lower.trim_start().starts_with("(dissent")
            || lower.trim_start().starts_with("(concur")
            || lower.trim_start().starts_with("and ")
        {
            continue;
        }
        if c.name("pc").is_some() {
            return Some(Author {
                name: None,
                title: "Per Curiam".to_string(),
                at: whole_start,
                line: whole.as_str().trim().to_string(),
            });
        }
        let (name, title) = if let Some(n) = c.name("n1") {
            (n.as_str(), c.name("t1").map_or("Judge", |t| t.as_str()))
        } else if let Some(n) = c.name("n2") {
            (n.as_str(), c.name("t2").map_or("Justice", |t| t.as_str()))
        } else if let Some(n) = c.name("n4") {
            (n.as_str(), c.name("t4").map_or("J.", |t| t.as_str()))
        } else {
            (c.name("n3")?.as_str(), c.name("t3")?.as_str())
        };
        if !judge_name_like(name) {
            continue;
        }
        let title = title_case_if_caps(&title.split_whitespace().collect::<Vec<_>>().join(" "));
        return Some(Author {
            name: Some(title_case_if_caps(name)),
            title,
            at: whole_start,
            line: whole.as_str().trim().to_string(),
        });
    }
    None
}

/// `line` without the reporter's page mark the collections put where a page
/// starts (`HANSON, Judge. Page 112`, `SCOTT, J Page 2`).
fn strip_star_page(line: &str) -> &str {
    let t = line.trim_end();
    match t.rsplit_once(" Page ") {
        Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => line,
    }
}

/// Whether the next non-empty line after `rest` (the text after a match)
/// is another judge's line: then the match is one of a panel's list.
fn next_line_is_judge(rest: &str, line_re: &Regex) -> bool {
    rest.split('\n')
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| line_re.is_match(l))
}

/// Whether the last non-empty line of `before` opens a panel (`Before`) or
/// names a judge: then a line after it is one of a panel's list.
fn previous_line_is_panel(before: &str, line_re: &Regex) -> bool {
    before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| {
            l.trim_end_matches(':').eq_ignore_ascii_case("before") || line_re.is_match(l)
        })
}

/// Whether a captured name is a judge's name rather than the first words of
/// a sentence or a heading (`The Court, Judge.` does not occur, but `On
/// appeal, Judge` might).
fn judge_name_like(name: &str) -> bool {
    const NOT_NAMES: [&str; 14] = [
        "The",
        "THE",
        "On",
        "ON",
        "In",
        "IN",
        "Before",
        "BEFORE",
        "Hon",
        "Honorable",
        "Appeal",
        "APPEAL",
        "Opinion",
        "OPINION",
    ];
    let first = name.split_whitespace().next().unwrap_or("");
    !NOT_NAMES.contains(&first.trim_end_matches('.')) && name.len() <= 60
}

/// The panel of an opinion: the judges a `Before` (`Before: CLIFTON and
/// BEA, Circuit Judges, and KORMAN, District Judge.`), `Considered by` or
/// `Present:` line names (`Present: BENTON, FRANK and HUMPHREYS, JJ.`; not
/// a district minutes form's `Present: The Honorable …`), or a header line
/// of names that ends with their title (`Harper, Rogers and Lavine, Js.`).
pub(super) fn panel(text: &str) -> Vec<String> {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    // "Before the Court is …" opens a district order's body, not a panel
    let lead = re(
        &LEAD,
        r"(?m)^[ \t\x0c]*(?:BEFORE|Before|Considered\s+by|CONSIDERED\s+BY|Present|PRESENT)\b[ \t]*:?\s*(?P<not>(?:the|The|THE|this|This|me|us|him|her)\b)?",
    );
    let window = prefix(text, PANEL_WINDOW);
    for c in lead.captures_iter(window) {
        let Some(m) = c.get(0).filter(|_| c.name("not").is_none()) else {
            continue;
        };
        let rest = &window[m.end()..];
        let Some(end) = panel_end(rest) else {
            continue;
        };
        let names = panel_names(&rest[..end]);
        if !names.is_empty() {
            return names;
        }
    }
    // "Harper, Rogers and Lavine, Js." on a line of its own
    prefix(text, HEAD_LINES)
        .lines()
        .map(str::trim)
        .find(|l| {
            l.starts_with(|c: char| c.is_uppercase())
                && l.len() <= 200
                && l.contains(", ")
                && [
                    ", JJ.",
                    ", Js.",
                    " Justices.",
                    " Judges.",
                    " JUSTICES.",
                    " JUDGES.",
                ]
                .iter()
                .any(|e| l.ends_with(e))
        })
        .map(panel_names)
        .unwrap_or_default()
}

/// Bytes of the clean text searched for a panel line without `Before`.
const HEAD_LINES: usize = 3 * 1024;

/// Where a panel's text ends: after the title that closes it (`Circuit
/// Judges.`, `JJ.`, the last of a list of `Circuit Judge` lines), within
/// 400 bytes; `None` when no title closes it (then it is no panel).
fn panel_end(rest: &str) -> Option<usize> {
    static END: OnceLock<Regex> = OnceLock::new();
    let end = re(
        &END,
        r"(?:\b(?:Judges|JUDGES|Justices|JUSTICES|Judge|JUDGE|Justice|JUSTICE)\b|,\s*(?:JJ|Js|J|C\.\s?J|P\.\s?J)\b)\.?[*\d]*(?:[ \t]*[,;])?",
    );
    let window = prefix(rest, 400);
    let mut last = None;
    for m in end.find_iter(window) {
        // "Before Judges Bench, Orme, and Thorne.": a title before the names,
        // which then end with their sentence or their line
        if window[..m.start()].trim().is_empty() {
            let names = &window[m.end()..];
            return names
                .find(['\n', '.'])
                .map(|i| m.end() + i)
                .filter(|&e| e > m.end() + 1);
        }
        let closes = !m.as_str().ends_with([',', ';']);
        last = Some(m.end());
        if closes && m.as_str().contains('.') {
            break;
        }
        // a title line without a period ("ANN CLAIRE WILLIAMS, Circuit Judge"):
        // the panel goes on while the next line names another judge
        if closes {
            let next = window[m.end()..].trim_start_matches([' ', '\t']);
            let next_line = next
                .strip_prefix('\n')
                .map(|n| n.split('\n').next().unwrap_or(""));
            if !next_line.is_some_and(|l| end.is_match(l)) {
                break;
            }
        }
    }
    last
}

/// The judges' names in a panel's text, without their titles and footnote
/// marks, in Title Case where written in capitals.
fn panel_names(s: &str) -> Vec<String> {
    static TITLE: OnceLock<Regex> = OnceLock::new();
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    let title = re(
        &TITLE,
        r"(?i)\b(?:(?:chief|senior|associate|presiding|president|acting|retired)\s+)*(?:(?:u\.\s?s\.|united\s+states|circuit|district|appellate|superior\s+court|supreme\s+court|court\s+of\s+appeals|magistrate|bankruptcy|special)\s+)*(?:judges?|justices?)\b|,\s*(?:c\.\s?j|p\.\s?j|a\.\s?j|s\.\s?j|jj|js|j)\.(?:\s|,|$)|\bsitting\s+by\s+designation\b|\bof\s+the\s+[a-z .]+circuit\b|\(ret(?:ired|\.)\)|\bjudges\s+of\s+the\s+[a-z ]+\b|\ball\s+the\b",
    );
    let split = re(&SPLIT, r"\s*(?:,|;|\band\b|&|\n)\s*");
    let cleaned = title.replace_all(s, ",");
    let mut out: Vec<String> = Vec::new();
    for part in split.split(&cleaned) {
        let p = part
            .trim_matches(|c: char| {
                c == '*' || c == '.' || c == ':' || c.is_whitespace() || c.is_ascii_digit()
            })
            .trim_start_matches("Hon. ")
            .trim_start_matches("HON. ");
        if p.is_empty() || !p.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let words = p.split_whitespace().count();
        // a name has at most five words, all capitalized (`Van Graafeiland`,
        // `de Muniz`), no digits, and no word of a caption or a heading
        const NOT_NAMES: [&str; 16] = [
            "Court",
            "COURT",
            "Order",
            "ORDER",
            "Plaintiff",
            "Defendant",
            "Appellee",
            "Appellant",
            "Docket",
            "Honorable",
            "HONORABLE",
            "Inc",
            "LTD",
            "Republic",
            "Company",
            "Present",
        ];
        if words > 5
            || p.contains(|c: char| c.is_ascii_digit() || c == '_' || c == '(' || c == '[')
            || p.split_whitespace()
                .any(|w| NOT_NAMES.contains(&w.trim_end_matches(['.', ','])))
            || p.split_whitespace().any(|w| {
                w.starts_with(|c: char| c.is_lowercase())
                    && !matches!(w, "de" | "van" | "von" | "la" | "del" | "der")
            })
        {
            continue;
        }
        let name = title_case_if_caps(p);
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

// ---------------------------------------------------------------- disposition

/// The disposition of an appeal, as the court states it: the reporter's
/// disposition line in `header` (the original text above the author's line:
/// `Affirmed.`, `Reversed and remanded.`), else the last disposition
/// sentence of the majority opinion in the clean `text` (before any separate
/// opinion or the footnotes), else an opening `We affirm.`. `body` is where
/// the opinion's body starts in `text`. Lower case, the verbs in the order
/// stated: `affirmed`, `reversed and remanded`, `affirmed in part and
/// reversed in part`, `dismissed`, `denied` (a petition), ….
pub(super) fn appellate_disposition(header: &str, text: &str, body: usize) -> Option<String> {
    if let Some(d) = header_disposition(header) {
        return Some(d);
    }
    let body = body.min(text.len());
    let majority = &text[..majority_end(text, body)];
    final_disposition(suffix(majority, 2500))
        .or_else(|| opening_disposition(prefix(&text[body..], 3000)))
}

/// The verbs of a disposition, in the order stated, as one phrase.
fn phrase(s: &str) -> Option<String> {
    static VERB: OnceLock<Regex> = OnceLock::new();
    let verb = re(
        &VERB,
        r"(?i)\b(affirm(?:ed|s)?|reverse[ds]?|vacate[ds]?|remand(?:ed|s)?|dismiss(?:ed|es)?|modif(?:ied|ies|y)|set\s+aside|den(?:ied|ies|y)|grant(?:ed|s)?|quash(?:ed|es)?|sustain(?:ed|s)?|overrul(?:ed|es))\b(\s+in\s+part)?",
    );
    let mut verbs: Vec<String> = Vec::new();
    for c in verb.captures_iter(s) {
        let w = c[1].to_ascii_lowercase();
        let base = match w.get(..4).unwrap_or("") {
            "affi" => "affirmed",
            "reve" => "reversed",
            "vaca" => "vacated",
            "rema" => "remanded",
            "dism" => "dismissed",
            "modi" => "modified",
            "set " | "set\t" => "set aside",
            "deni" | "deny" => "denied",
            "gran" => "granted",
            "quas" => "quashed",
            "sust" => "sustained",
            "over" => "overruled",
            _ if w.starts_with("set") => "set aside",
            _ => continue,
        };
        let v = if c.get(2).is_some() {
            format!("{base} in part")
        } else {
            base.to_string()
        };
        if !verbs.contains(&v) {
            verbs.push(v);
        }
    }
    match verbs.len() {
        0 => None,
        1 => verbs.pop(),
        n => Some(format!(
            "{} and {}",
            verbs[..n - 1].join(", "),
            verbs[n - 1]
        )),
    }
}

/// A disposition line of the header: a short line that is only a
/// disposition (`Affirmed.`, `Judgment reversed; cause remanded.`,
/// `Petition for review denied.`).
fn header_disposition(header: &str) -> Option<String> {
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line_re = re(
        &LINE,
        r"(?i)^(?:(?:the\s+)?(?:judgment|judgments|order|orders|decree|decision|conviction|convictions|sentence|award|ruling|appeal|petition|writ|application|motion|cause|case)(?:\s+(?:of|for)\s+[^.;]+?)?\s+(?:is\s+|are\s+|be\s+)?)?(?:affirmed|reversed|vacated|remanded|dismissed|modified|denied|granted|quashed|set\s+aside)\b",
    );
    header
        .lines()
        .map(str::trim)
        // a syllabus line that ends with its disposition: "… and defendant
        // appeals. Affirmed."
        .flat_map(|l| {
            let last = match l.trim_end_matches('.').rfind(". ") {
                Some(i) if l.len() - i <= 60 => Some(l[i + 2..].trim()),
                _ => None,
            };
            std::iter::once(l).chain(last)
        })
        .filter(|l| {
            // a disposition line is short and ends as a sentence, or is a
            // few words ("Petition denied")
            l.len() <= 160
                && (l.ends_with(['.', ';']) || l.split_whitespace().count() <= 4)
                && has_verb(l)
                // "Petition for review denied March 4, 2003": a later event
                && !has_year(l)
        })
        .filter(|l| line_re.is_match(l))
        .find_map(phrase)
}

/// Whether `s` holds a year (four digits from 1600 to 2099).
/// A dated ruling on rehearing, reconsideration or review below the
/// opinion ("Reconsideration denied May 25, 1993.", "Review denied at 122
/// Wn.2d 1021 (1993)."): an event after the decision, not its disposition.
fn later_event(sentence: &str) -> bool {
    static LATER: OnceLock<Regex> = OnceLock::new();
    has_year(sentence)
        && re(
            &LATER,
            r"(?i)^\s*(?:(?:petition|motion|application)s?\s+for\s+)?(?:rehearing|reconsideration|reargument|review|certiorari|transfer|further\s+review)\b",
        )
        .is_match(sentence)
}

fn has_year(s: &str) -> bool {
    s.as_bytes().windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && matches!(w[0], b'1' | b'2')
            && (w[0] != b'1' || w[1] >= b'6')
            && (w[0] != b'2' || w[1] == b'0')
            && !s.as_bytes().get(i + 4).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !s.as_bytes()[i - 1].is_ascii_digit())
    })
}

/// Whether `s` holds one of the verbs of a disposition (a byte check that
/// spares the patterns most text).
fn has_verb(s: &str) -> bool {
    const STEMS: [&[u8]; 10] = [
        b"affirm",
        b"revers",
        b"vacat",
        b"remand",
        b"dismiss",
        b"modif",
        b"denied",
        b"granted",
        b"quash",
        b"set aside",
    ];
    let b = s.as_bytes();
    b.windows(5)
        .any(|w| STEMS.iter().any(|stem| w.eq_ignore_ascii_case(&stem[..5])))
}

/// Where the majority opinion ends: at the first separate opinion (`SMITH,
/// J., dissenting.`, `DISSENTING OPINION`, `Justice X, concurring.`) or the
/// footnotes the collections put after it (`[fn1]`), whichever comes first
/// after the body starts; else the end of the text. Only the paragraphs
/// that hold one of those words are read (a byte search finds them), so a
/// long opinion costs little.
fn majority_end(text: &str, body_start: usize) -> usize {
    static SEP: OnceLock<Regex> = OnceLock::new();
    let sep = re(
        &SEP,
        r"^[ \t]*(?:\[fn\d+\]|(?:[A-Z][A-Za-z'’\-. ]{1,40},\s+(?:(?:Chief|Senior|Associate|Presiding|Circuit|District)\s+)*(?:J|C\.\s?J|P\.\s?J|JJ|Justice|Judge|JUSTICE|JUDGE)\.?,?\s*\(?(?:dissenting|concurring|DISSENTING|CONCURRING))|(?:DISSENTING|CONCURRING|Dissenting|Concurring)\s+(?:OPINION|Opinion)|(?:(?:Chief\s+)?Justice|JUSTICE|Judge|JUDGE)\s+[A-Z][A-Za-z'’\-]+,?\s+(?:dissenting|concurring))",
    );
    let from = body_start.min(text.len());
    let b = text.as_bytes();
    let mut best = text.len();
    for word in ["[fn", "issent", "ISSENT", "oncurr", "ONCURR"] {
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        for hit in finder.find_iter(&b[from..]) {
            let at = from + hit;
            if at >= best {
                break;
            }
            // the paragraph (or line) the word is in, from its start
            let start = b[..at]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1)
                .max(from);
            // a separator names itself within its first words
            if at - start > 80 {
                continue;
            }
            if sep.is_match(&text[start..]) {
                best = start;
                break;
            }
        }
    }
    best
}

/// The last disposition sentence of `region` (the end of the majority):
/// `The judgment [of …] is affirmed.`, `The petition for review is
/// denied.`, `We affirm.`, a line or sentence that is only `AFFIRMED.`.
/// The sentences holding a disposition verb are found first, from the end,
/// and only they are read whole.
fn final_disposition(region: &str) -> Option<String> {
    static VERB: OnceLock<Regex> = OnceLock::new();
    static SHAPE: OnceLock<Regex> = OnceLock::new();
    let verb = re(
        &VERB,
        r"(?i)\b(?:affirm(?:ed)?|revers(?:ed|e)|vacat(?:ed|e)|remand(?:ed)?|dismiss(?:ed)?|modified|set\s+aside|denied|deny|granted|grant|sustained|overruled)\b",
    );
    let shape = re(
        &SHAPE,
        r"(?i)^(?:(?:.*\b(?:judgment|judgments|order|orders|decree|decrees|decision|conviction|convictions|sentence|sentences|verdict|verdicts|award|ruling|dismissal|denial|grant|same)\b.*?\s+(?:is|are|be|should\s+be|must\s+be|will\s+be|shall\s+be|hereby\s+is|is\s+hereby|are\s+hereby|is,?\s+therefore,?|is,?\s+accordingly,?)\s+(?:hereby\s+|therefore\s+|accordingly\s+)?(?:affirmed|reversed|vacated|modified|set\s+aside|dismissed))|(?:.*\b(?:appeal|appeals|petition|petitions|writ|writs|application|applications|motion|motions)\b(?:\s+(?:for|to)\s+.+?)?\s+(?:is|are|be|should\s+be|must\s+be)\s+(?:hereby\s+|therefore\s+|accordingly\s+)?(?:dismissed|denied|granted|sustained))|(?:\s*(?:[\w']+\s+)?(?:appeal|appeals|exceptions?|motion|motions|petition|petitions|writ|writs|application|applications|rehearing|review|certiorari)(?:\s+for(?:\s+[\w']+){1,3}?)?\s+(?:sustained|overruled|dismissed|denied|granted|allowed)\b)|(?:\s*(?:the\s+)?(?:case|cause|matter)\s+(?:is\s+)?remanded\b)|(?:.*\bwe,?\s+(?:therefore,?\s+|accordingly,?\s+|thus,?\s+|hereby\s+)?(?:affirm|reverse|vacate|remand|dismiss|deny|grant)\b)|(?:.{0,80}\b(?-i:Affirmed|AFFIRMED|Reversed|REVERSED|Dismissed|DISMISSED)\.\s*$)|(?:\s*(?-i:Affirmed|Reversed|Vacated|AFFIRMED|REVERSED|VACATED)\b)|(?:\s*(?:the\s+)?(?:judgment|judgments|order|orders|decree|conviction|convictions|sentence)\s+(?:of\s+.+?\s+)?(?:affirmed|reversed|vacated|modified|set\s+aside)\b)|(?:\s*(?:affirmed|reversed|vacated|remanded|dismissed|modified|petition\s+denied|petition\s+granted|appeal\s+dismissed|writ\s+denied|writ\s+granted)\b.{0,100}$))",
    );
    static MOTION: OnceLock<Regex> = OnceLock::new();
    static APPEAL: OnceLock<Regex> = OnceLock::new();
    let motion = re(&MOTION, r"(?i)\bmotions?\b");
    let appeal = re(
        &APPEAL,
        r"(?i)\b(?:judgments?|appeals?|affirm\w*|revers\w*|vacat\w*|remand\w*|convictions?|sentences?|decrees?|petitions?)\b",
    );
    let hits: Vec<usize> = verb.find_iter(region).map(|m| m.start()).collect();
    let mut seen_start = usize::MAX;
    // a ruling on a motion alone ("The appellant's motion to amend his
    // brief is denied") after the appeal's disposition is a side ruling: the
    // disposition only when the opinion states no other
    let mut side = None;
    for &at in hits.iter().rev() {
        let (start, end) = sentence_at(region, at);
        if start == seen_start {
            continue;
        }
        seen_start = start;
        let sentence = &region[start..end];
        if !shape.is_match(sentence) || later_event(sentence) {
            continue;
        }
        if motion.is_match(sentence) && !appeal.is_match(sentence) {
            side.get_or_insert(sentence);
            continue;
        }
        // "Appeal sustained. Case remanded …": the sentence before, when it
        // is a disposition too, is part of it
        let mut from = start;
        if let Some(before) = region[..start].trim_end().len().checked_sub(1) {
            let (s0, _) = sentence_at(region, before);
            if s0 < start && shape.is_match(region[s0..start].trim_start()) {
                from = s0;
            }
        }
        return phrase(&region[from..end]);
    }
    side.and_then(phrase)
}

/// The sentence around byte `at`: from after the last sentence end (`.`
/// `;` `!` `?` or a paragraph break) before it to the next. A period after
/// an abbreviation or an initial (`St.`, `Inc.`, `v.`, `J.`) ends nothing.
fn sentence_at(s: &str, at: usize) -> (usize, usize) {
    const ABBREVIATIONS: [&str; 16] = [
        "St", "Mr", "Mrs", "Ms", "Dr", "Co", "Inc", "Corp", "Ltd", "No", "Jr", "Sr", "v", "vs",
        "Ct", "App",
    ];
    let b = s.as_bytes();
    let ends_here = |i: usize| -> bool {
        match b[i] {
            b'\n' | b';' | b'!' | b'?' => true,
            b'.' => {
                let word_start = b[..i]
                    .iter()
                    .rposition(|c| !c.is_ascii_alphabetic())
                    .map_or(0, |p| p + 1);
                let word = &s[word_start..i];
                !(word.len() == 1 || ABBREVIATIONS.contains(&word))
                    && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
            }
            _ => false,
        }
    };
    let start = (0..at).rev().find(|&i| ends_here(i)).map_or(0, |i| i + 1);
    let end = (at..s.len())
        .find(|&i| ends_here(i))
        .map_or(s.len(), |i| i + 1);
    // a sentence is never read past 400 bytes on either side
    let start = start.max(at.saturating_sub(400));
    let end = end.min(at + 400).min(s.len());
    let mut start = start;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    let mut end = end;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    (start, end)
}

/// An opening `We affirm.` / `We reverse and remand.` in the first
/// paragraphs of the body.
fn opening_disposition(start: &str) -> Option<String> {
    static W: OnceLock<Regex> = OnceLock::new();
    let w = re(
        &W,
        r"\b(?:We|we)\s+(?:therefore\s+|accordingly\s+)?(?:affirm|reverse|vacate|remand|dismiss)\b[^.]{0,80}\.",
    );
    w.find(start).and_then(|m| phrase(m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_lines_with_neutral_citations_and_any_name() {
        let c = caption_line("DOWLEY v. MORENCY, 1999 ME 137\n\n737 A.2d 1061\n").unwrap();
        assert_eq!(c.name, "Dowley v. Morency");
        assert_eq!(c.date, None);
        let c = caption_line("STATE v. CLAY, 2007-NMCERT-005\n").unwrap();
        assert_eq!(c.name, "State v. Clay");
        let c = caption_line("COX v. STATE, 1966 OK CR 108\n").unwrap();
        assert_eq!(c.name, "Cox v. State");
        let c = caption_line("STATE v. WILSON, 2004-0934 (La. 10/1/04); 883 So.2d 1006\n").unwrap();
        assert_eq!(c.name, "State v. Wilson");
        assert_eq!(c.court, Some("La."));
        // what the reporter prints as the caption, whatever it is
        let c = caption_line("COY, APPELLANT, 126 Me. 256 (1927)\n").unwrap();
        assert_eq!(c.name, "Coy, Appellant");
        let c = caption_line("ALEXANDER OKRASKA'S CASE, 76 Mass. App. Ct. 1116 (2010)\n").unwrap();
        assert_eq!(c.name, "Alexander Okraska's Case");
        let c = caption_line("MOTION DOCKET, 91 Ohio St.3d 1468 (2001)\n").unwrap();
        assert_eq!(c.name, "Motion Docket");
        let c = caption_line("MATTER OF HOSSAN, 277 N.Y. 738 (____)\n").unwrap();
        assert_eq!(c.name, "Matter of Hossan");
        assert_eq!(c.date, None);
        // a sentence with a number after a comma is no caption line
        assert_eq!(
            caption_line("In the morning, 12 men came to the house.\n"),
            None
        );
    }

    #[test]
    fn an_ampersand_the_collection_dropped_is_restored_in_a_caption_line() {
        // the shards' texts lost every "&", leaving its two spaces
        let c = caption_line("PRINCE HOTEL WAIKIKI v. CITY  COUNTY, 89 Haw. 381 (1999)\n").unwrap();
        assert_eq!(c.name, "Prince Hotel Waikiki v. City & County");
        let c =
            caption_line("STATE FARM FIRE  CASUALTY  v. OLD REPUBLIC INS., 466 Mich. 142 (2003)\n")
                .unwrap();
        assert_eq!(c.name, "State Farm Fire & Casualty v. Old Republic Ins.");
        let c = caption_line(
            "MIDDLETOWN BD. OF E. v. COMM. HUM. R.  O., No. CV98 0581599 (Oct. 20, 1998)\n",
        )
        .unwrap();
        assert_eq!(c.name, "Middletown Bd. of E. v. Comm. Hum. R. & O.");
    }

    #[test]
    fn caption_lines_of_the_collections() {
        let c =
            caption_line("STATE v. WILLIAMS, 102 Conn. App. 168 (2007)\n\n926 A.2d 8\n").unwrap();
        assert_eq!(c.name, "State v. Williams");
        // the reporter names the court; the parenthetical only the year
        assert_eq!(c.court, None);
        assert_eq!(c.date.as_deref(), Some("2007"));
        let c = caption_line(
            "PULLINS v. FENTRESS CTY. GEN. HOSPITAL, ETC., 594 S.W.2d 663 (Tenn. 1979)\n",
        )
        .unwrap();
        assert_eq!(c.name, "Pullins v. Fentress Cty. Gen. Hospital, Etc.");
        assert_eq!(c.court, Some("Tenn."));
        let c = caption_line("HARPER v. ATKINSON, Unpublished Decision (4-16-2001)\n").unwrap();
        assert_eq!(c.name, "Harper v. Atkinson");
        assert_eq!(c.date.as_deref(), Some("2001-04-16"));
        let c = caption_line("IN RE FULLWOOD (S.C. 1994)\n").unwrap();
        assert_eq!(c.name, "In re Fullwood");
        assert_eq!(c.court, Some("S.C."));
        let c = caption_line("GERSTENBLATT v. NORDIC LODGE 01-0225 (2002)").unwrap();
        assert_eq!(c.name, "Gerstenblatt v. Nordic Lodge");
        let c = caption_line("WILSON v. STATE, M2004-00933-CCA-R3-PC (Tenn.Crim.App. 6-10-2005)")
            .unwrap();
        assert_eq!(c.name, "Wilson v. State");
        let c = caption_line("STATE v. CONDON, SCWC-29679 (Haw. 11-24-2010)").unwrap();
        assert_eq!(c.name, "State v. Condon");
        assert_eq!(c.court, Some("Haw."));
        assert_eq!(c.date.as_deref(), Some("2010-11-24"));
        let c =
            caption_line("STATE EX REL. LITCO v. WORKERS COMP., Unpublished Decision (10-13-1999)")
                .unwrap();
        assert_eq!(c.name, "State ex rel. Litco v. Workers Comp.");
        let c =
            caption_line("ELWOOD v. CUNNINGHAM, C.A. No. 05C-06-217-JRJ (Del.Super. 10-22-2007)")
                .unwrap();
        assert_eq!(c.name, "Elwood v. Cunningham");
        // not caption lines
        assert_eq!(caption_line("UNITED STATES DISTRICT COURT\n"), None);
        assert_eq!(
            caption_line("The court held, in 2004, that the motion was denied (2004)\n"),
            None
        );
        assert_eq!(caption_line(""), None);
    }

    fn who(t: &str) -> Option<(Option<String>, String)> {
        author(t).map(|a| (a.name, a.title))
    }

    #[test]
    fn authors_of_opinions() {
        assert_eq!(
            who("Before\n Thompson, Stahl, and Lipez,\n Circuit Judges.\n\n LIPEZ, Circuit Judge. Plaintiffs bring"),
            Some((Some("Lipez".into()), "Circuit Judge".into()))
        );
        assert_eq!(
            who("Appeal from Circuit Court, Tripp County; Hon. John B. Jones, Judge.\n\nAffirmed.\n\n HANSON, Judge. Page 112\n The main question"),
            Some((Some("Hanson".into()), "Judge".into()))
        );
        assert_eq!(
            who("Considered by OXBERGER, C.J., and DONIELSON and SCHLEGEL, JJ.\n\n SCHLEGEL, Judge.\n\n Petitioner"),
            Some((Some("Schlegel".into()), "Judge".into()))
        );
        assert_eq!(
            who("  Per Curiam.  Appellant, Charla Scivally, appeals"),
            Some((None, "Per Curiam".into()))
        );
        assert_eq!(
            who("Neil V. Wake, District Judge, Presiding\nArgued May 15, 2013\n"),
            None
        );
        assert_eq!(who("SMITH, J., dissenting.\nI would reverse."), None);
        // the forms of the collections
        for (t, name, title) in [
            (
                "  OPINION\n  PATTERSON, Judge\n  The appellant",
                "Patterson",
                "Judge",
            ),
            ("  HUFFMAN, Acting P.J.\n", "Huffman", "Acting P.J."),
            ("  SCOTT, J., pro tem.\n", "Scott", "J."),
            ("  SCOTT, J Page 2\n", "Scott", "J"),
            ("  HALE, JUDGE REFEREE.\n", "Hale", "Judge Referee"),
            (
                "  HENRY duPONT RIDGELY, President Judge.\n",
                "Henry duPont Ridgely",
                "President Judge",
            ),
            (
                "  ALLEN, Acting Chief Judge.\n",
                "Allen",
                "Acting Chief Judge",
            ),
        ] {
            assert_eq!(
                who(t),
                Some((Some(name.to_string()), title.to_string())),
                "{t}"
            );
        }
        assert_eq!(
            who("Presiding Judge Marshall L. Davidson, III, delivered the opinion of the Appeals Board in"),
            Some((Some("Marshall L. Davidson, III".into()), "Presiding Judge".into()))
        );
        // a panel listed one judge a line names no author
        assert_eq!(
            who("Before\n   KENNETH F. RIPPLE, Circuit Judge\n   ANN CLAIRE WILLIAMS, Circuit Judge\n   DAVID F. HAMILTON, Circuit Judge\nNo. 15-2940"),
            None
        );
        assert_eq!(
            who("                        September 2, 2010\n\u{c}            THOMPSON,      Circuit         Judge.         Defendant   Leroy   Gentles\n(Gentles) was convicted"),
            Some((Some("Thompson".into()), "Circuit Judge".into()))
        );
        // ca_appellate_chansooligans_195186: the panel's judges are no authors
        assert_eq!(
            who("Before\n Selya, Circuit Judge,\n Coffin, Senior Circuit Judge,\n and Barbadoro,* District Judge.\n\n Barbadoro, District Judge.  Lisa M. Burns"),
            Some((Some("Barbadoro".into()), "District Judge".into()))
        );
        assert_eq!(
            who("  Affirmed by unpublished opinion per Munson, J., concurred in by McInturff, A.C.J."),
            Some((Some("Munson".into()), "J.".into()))
        );
        assert_eq!(
            who("JUSTICE KENNEDY delivered the opinion of the Court."),
            Some((Some("Kennedy".into()), "Justice".into()))
        );
    }

    #[test]
    fn panels_of_opinions() {
        assert_eq!(
            panel("Before\n\n   Thompson, Stahl, and Lipez,\n Circuit Judges.\n\n\n Guy A. Talia"),
            ["Thompson", "Stahl", "Lipez"]
        );
        assert_eq!(
            panel("Before\n Selya, Circuit Judge,\n Friedman,* Senior Circuit Judge,\n and Cyr, Circuit Judge.\n Joseph"),
            ["Selya", "Friedman", "Cyr"]
        );
        assert_eq!(
            panel(
                "Before: CLIFTON and BEA, Circuit Judges, and KORMAN, District Judge.**\n Wilbert"
            ),
            ["Clifton", "Bea", "Korman"]
        );
        assert_eq!(
            panel("  Before Judges Bench, Orme, and Thorne.\n\n MEMORANDUM DECISION"),
            ["Bench", "Orme", "Thorne"]
        );
        assert_eq!(
            panel("  BEFORE: COLINS, President Judge; FRIEDMAN, Judge; FLAHERTY, Senior Judge.\n"),
            ["Colins", "Friedman", "Flaherty"]
        );
        assert_eq!(
            panel("  Considered by OXBERGER, C.J., and DONIELSON and SCHLEGEL, JJ.\n\n"),
            ["Oxberger", "Donielson", "Schlegel"]
        );
        assert_eq!(
            panel("(AC 26808)\n\nAppellate Court of Connecticut\n\n  Harper, Rogers and Lavine, Js.\n\n Syllabus"),
            ["Harper", "Rogers", "Lavine"]
        );
        assert_eq!(
            panel("  Present: BENTON, FRANK and HUMPHREYS, JJ.\n  HUMPHREYS, Judge."),
            ["Benton", "Frank", "Humphreys"]
        );
        assert!(
            panel("PRESENT: The Honorable DOLLY M. GEE, UNITED STATES DISTRICT JUDGE").is_empty()
        );
        assert!(panel("The court below found for the plaintiff.").is_empty());
    }

    #[test]
    fn appellate_dispositions() {
        // an appeal that ends "AFFIRMED" is affirmed, whatever was granted below
        let t = "The district court granted summary judgment. We find no error.\n\nAFFIRMED.\n";
        assert_eq!(appellate_disposition("", t, 0).as_deref(), Some("affirmed"));
        let t = "Opinion filed June 5, 1969\n\nAffirmed.\n\n";
        assert_eq!(
            appellate_disposition(t, "The question is. We find no error.", 0).as_deref(),
            Some("affirmed")
        );
        let t = "body. Finding no error in the instruction of the court, the judgment appealed from is affirmed.\n\nAll the Judges concur. Page 116";
        assert_eq!(appellate_disposition("", t, 0).as_deref(), Some("affirmed"));
        let t = "body. the judgment and decree of the trial court is reversed, and the cause is remanded to that court.\n";
        assert_eq!(
            appellate_disposition("", t, 0).as_deref(),
            Some("reversed and remanded")
        );
        let t = "body. Affirmed in part, reversed in part, and remanded.\n\nSMITH, J., dissenting.\nI would affirm.\n";
        assert_eq!(
            appellate_disposition("", t, 0).as_deref(),
            Some("affirmed in part, reversed in part and remanded")
        );
        let t = "body. The petition for review is denied.\n[fn1] The agency affirmed.";
        assert_eq!(appellate_disposition("", t, 0).as_deref(), Some("denied"));
        let t = "body. Judgment of the district court affirmed.\n";
        assert_eq!(appellate_disposition("", t, 0).as_deref(), Some("affirmed"));
        // a sentence about what the court below did is not the appeal's end
        let t = "The district court granted summary judgment. The motion was granted.";
        assert_eq!(appellate_disposition("", t, 0), None);
        // ca5_00516242060: an abbreviation inside the sentence
        let t = "For the foregoing reasons, the district court's judgment dismissing St. Pierre's claims against Appellees is AFFIRMED.\n";
        assert_eq!(appellate_disposition("", t, 0).as_deref(), Some("affirmed"));
        // a later event in the header is not the disposition
        let h =
            "Filed: November 13, 2002.\nPetition for review denied March 4, 2003 (335 Or. 255).\n";
        assert_eq!(
            appellate_disposition(h, "PER CURIAM. Affirmed. Teague v. Palmateer.", 0).as_deref(),
            Some("affirmed")
        );
        let t = "Cumberland should have been enjoined.\nThe entry will be\n Appeal sustained. Case remanded to the Superior Court.";
        assert_eq!(
            appellate_disposition("", t, 0).as_deref(),
            Some("sustained and remanded")
        );
        // the shards' short forms
        for (t, want) in [
            ("Decision Without Published Opinion, Affirmed.", "affirmed"),
            (
                "Plaintiffs' exceptions overruled in part, sustained in part; remanded.",
                "overruled in part, sustained in part and remanded",
            ),
            (
                "On motion for reconsideration. Motion denied. Page 1434",
                "denied",
            ),
            (
                "We, therefore, recommend that same be affirmed.\nBy the Court: It is so ordered.",
                "affirmed",
            ),
        ] {
            assert_eq!(
                appellate_disposition("", t, 0).as_deref(),
                Some(want),
                "{t}"
            );
        }
        // history told in the past is not the court's own ruling
        let t = "His conviction was affirmed on direct appeal. He then sought relief.";
        assert_eq!(appellate_disposition("", t, 0), None);
        let h = "Action by Orville A. Mitchell against the Pierce Oil Corporation. Judgment for plaintiff, and defendant appeals to this court from the District Court. Affirmed.\n";
        assert_eq!(appellate_disposition(h, "", 0).as_deref(), Some("affirmed"));
        let t = "We affirm. The facts are these. There was much to say.";
        assert_eq!(appellate_disposition("", t, 0).as_deref(), Some("affirmed"));
        assert_eq!(appellate_disposition("", "Nothing decided here.", 0), None);
    }
}
