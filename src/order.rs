//! Order metadata: what the caption and the signature block say about an
//! order as a whole — court, case number, parties, title, the docket entries
//! it decides, judge, date, disposition and page count — as an
//! [`OrderMetadata`] built by [`metadata`].
//!
//! The caption is read from the first [`HEAD`] bytes of the original text,
//! where its layout survives: each line is split into cells at tabs, runs of
//! three or more spaces and the `)` / `:` / `§` column rules of pleading
//! paper, pleading line numbers are dropped (also when a PDF extraction put
//! a whole page on one line with the numbers inline), and cells are sorted
//! into a left stream (parties) and a right stream (case number, title,
//! docket entries). The signature block (judge, judge title, date) and the
//! conclusion (disposition) are read from the last [`TAIL`] bytes of the
//! clean text. Work is bounded by those windows; nothing here does IO or
//! panics.
//!
//! ```
//! let order = "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\n\
//!              ACME, INC.,\nPlaintiff,\nv.\nJOHN ROE,\nDefendant.\n\n\
//!              Case No. 15-cv-03449-RMW\n\nORDER DENYING MOTION TO DISMISS\n\n\
//!              Re: Dkt. No. 12\n\nThe motion is denied.\n\nIT IS SO ORDERED.\n\n\
//!              Dated: August 25, 2016\n\nRonald M. Whyte\nUnited States District Judge\n";
//! let m = precedent::order::metadata(&precedent::text::normalize(order));
//! assert_eq!(m.case_name.as_deref(), Some("Acme, Inc. v. John Roe"));
//! assert_eq!(m.case_number.as_deref(), Some("15-cv-03449-RMW"));
//! assert_eq!(m.docket_entries, ["12"]);
//! assert_eq!(m.date.as_deref(), Some("2016-08-25"));
//! assert_eq!(m.judge.as_deref(), Some("Ronald M. Whyte"));
//! assert_eq!(m.disposition.as_deref(), Some("denied"));
//! ```
//!
//! Decisions worth knowing:
//! - `case_number` is kept as written, minus its `Case No.:` label, including
//!   a trailing case-type tag such as `(PC)` (E.D. Cal.'s prisoner civil
//!   rights tag): it is part of the number the court dockets and prints in
//!   every caption of the case. Such tags (`PC`, `HC`, `PS`, `SS`, `P`) are
//!   not judge initials.
//! - `plaintiffs` / `defendants` hold the caption's party blocks (split at
//!   `;`) without "et al."; `case_name` keeps "et al." as written.
//! - ALL-CAPS court names, party names and judge names are put in Title Case;
//!   the title is kept as written.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde::Serialize;

use crate::text::Normalized;

/// Bytes of the original text searched for the caption.
pub const HEAD: usize = 4096;
/// Bytes of the clean text searched for the signature block and conclusion.
pub const TAIL: usize = 3072;
/// Caption rows looked at after the court line.
const MAX_ROWS: usize = 70;

/// Order-level metadata read from the caption and the signature block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrderMetadata {
    /// Court as written in the caption, Title Case if written in caps:
    /// `United States District Court, Northern District of California`.
    pub court: Option<String>,
    /// courts-db id of the court: `cand`, `caed`.
    pub court_id: Option<String>,
    /// Case number as written without its label: `1:17-cv-00693-DAD-SAB (PC)`.
    pub case_number: Option<String>,
    /// Case name from the caption parties: `Artec Group, Inc. v. Andrey Klimov, et al.`
    pub case_name: Option<String>,
    /// Plaintiff-side parties (plaintiffs, petitioners, appellants), without "et al.".
    pub plaintiffs: Vec<String>,
    /// Defendant-side parties (defendants, respondents, appellees), without "et al.".
    pub defendants: Vec<String>,
    /// Title of the order as written: `ORDER DENYING PLAINTIFF'S MOTION FOR A PROTECTIVE ORDER`.
    pub title: Option<String>,
    /// Docket entries the order decides, from `Re: Dkt. No. 120, 138` or `[ECF No. 34]`.
    pub docket_entries: Vec<String>,
    /// Name of the signing judge: `Ronald M. Whyte`.
    pub judge: Option<String>,
    /// Judge initials from the case number suffix (`-DAD-SAB` → `DAD`, `SAB`).
    pub judge_initials: Vec<String>,
    /// Title of the signing judge: `United States Magistrate Judge`.
    pub judge_title: Option<String>,
    /// Date of the order, ISO: `2016-08-25`.
    pub date: Option<String>,
    /// Disposition, lower case: `granted`, `denied`, `granted in part and denied in part`, …
    pub disposition: Option<String>,
    /// Number of pages, at least 1: form feeds in the original where it has
    /// them (pdftotext ends each page with one), else `Normalized::pages`.
    pub pages: u32,
}

/// Reads the order metadata of a normalized order; see the [module docs](self).
pub fn metadata(doc: &Normalized<'_>) -> OrderMetadata {
    // pdftotext ends every page with a form feed: where the original has
    // them, they count pages more reliably than the normalizer's page breaks
    let pages = if memchr::memchr(b'\x0c', doc.original.as_bytes()).is_some() {
        doc.original
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .count()
    } else {
        doc.pages.len()
    };
    let mut m = OrderMetadata {
        pages: u32::try_from(pages).unwrap_or(u32::MAX).max(1),
        ..OrderMetadata::default()
    };
    let head = prefix(doc.original, HEAD);
    let mut rows = Rows::new(head);
    let start = court(&mut rows, &mut m);
    caption(rows.caption(start), &mut m);
    if m.case_number.is_none() {
        m.case_number = rows
            .ecf_case()
            .or_else(|| clean_case_number(prefix(&doc.text, HEAD)));
    }
    if let Some(n) = &m.case_number {
        m.judge_initials = judge_initials(n);
    }
    let tail = suffix(&doc.text, TAIL);
    signature(tail, &mut m);
    m.date = date(tail);
    m.disposition = m
        .title
        .as_deref()
        .and_then(title_disposition)
        .or_else(|| conclusion_disposition(tail));
    m
}

// ---------------------------------------------------------------- windows

fn prefix(s: &str, n: usize) -> &str {
    let mut e = n.min(s.len());
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

fn suffix(s: &str, n: usize) -> &str {
    let mut b = s.len().saturating_sub(n);
    while !s.is_char_boundary(b) {
        b += 1;
    }
    &s[b..]
}

/// Compiles a pattern once. Word boundaries are ASCII (`(?-u:\b)`): a
/// Unicode `\b` makes the regex crate leave its DFA for a backtracker on any
/// text with a non-ASCII byte, which made the caption and signature scans the
/// slowest part of indexing, and the words these patterns look for are ASCII.
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("order regex compiles")
    })
}

/// The start and value of the last match of `re` in `hay` that starts at or
/// after `floor` and that `read` gives a value for: what reading every match
/// from the start of `hay` and keeping the last value gives, without reading
/// all of `hay`, as the signature block and its date sit at the end.
///
/// `barrier` must hold only for ASCII bytes that no match of `re` can
/// contain, and `re` must not match the empty string: then no match crosses
/// a barrier, so the matches after one are the same whether the search
/// starts there or at the start of `hay`, and the text before it can be
/// searched on its own (the search still sees the text before its start
/// for `\b`).
fn last_match<'h, T>(
    re: &Regex,
    hay: &'h str,
    barrier: impl Fn(u8) -> bool,
    floor: usize,
    mut read: impl FnMut(&Captures<'h>) -> Option<T>,
) -> Option<(usize, T)> {
    const STEP: usize = 256;
    let mut end = hay.len();
    loop {
        let lo = end.saturating_sub(STEP).max(floor);
        let from = hay.as_bytes()[..lo]
            .iter()
            .rposition(|&b| barrier(b))
            .map_or(0, |i| i + 1);
        let window = &hay[..end];
        let mut last = None;
        let mut at = from;
        while let Some(c) = re.captures_at(window, at) {
            let Some(whole) = c.get(0) else {
                break;
            };
            at = whole.end();
            if let Some(v) = read(&c) {
                last = Some((whole.start(), v));
            }
        }
        if last.is_some() || from <= floor {
            return last.filter(|&(start, _)| start >= floor);
        }
        end = from;
    }
}

// ---------------------------------------------------------------- rows

/// One cell of a caption line: its text (tidied) and the visual column it
/// starts at. Most cells need no tidying and borrow the head of the original.
#[derive(Debug, Clone, PartialEq)]
struct Cell<'a> {
    text: Cow<'a, str>,
    col: usize,
}

type Row<'a> = Vec<Cell<'a>>;

/// The caption rows of the head of the original, split into cells on demand:
/// the court line is looked for near the top and the caption ends at its
/// first line of body text, so most of the head is never split.
struct Rows<'a> {
    lines: std::str::Lines<'a>,
    rows: Vec<Row<'a>>,
    ecf_case: Option<String>,
}

impl<'a> Rows<'a> {
    fn new(head: &'a str) -> Self {
        Rows {
            lines: head.lines(),
            rows: Vec::new(),
            ecf_case: None,
        }
    }

    /// Row `i`, or `None` past the last row of the head.
    fn get(&mut self, i: usize) -> Option<&Row<'a>> {
        while self.rows.len() <= i && self.next_line() {}
        self.rows.get(i)
    }

    /// Splits the next line into rows; an ECF header line
    /// (`Case 2:20-mj-00148-AC Document 5 …`) gives no row, only its case number.
    fn next_line(&mut self) -> bool {
        let Some(line) = self.lines.next() else {
            return false;
        };
        if let Some(case) = ecf_header(line) {
            self.ecf_case.get_or_insert(case);
            return true;
        }
        if starts_with_digit(line) {
            for piece in split_inline_numbers(line) {
                self.rows.push(split_cells(piece));
            }
        } else {
            // split_inline_numbers keeps such a line whole: spare its Vec
            self.rows.push(split_cells(line));
        }
        true
    }

    /// The caption rows from row `start`: up to the first line of body text,
    /// at most [`MAX_ROWS`].
    fn caption(&mut self, start: usize) -> &[Row<'a>] {
        let mut end = 0;
        let mut seen = false;
        while end < MAX_ROWS {
            let Some(row) = self.get(start + end) else {
                break;
            };
            if !row.is_empty() {
                if is_body(row) && (seen || end > 0) {
                    break;
                }
                seen = true;
            }
            end += 1;
        }
        &self.rows[start..start + end]
    }

    /// The case number of the first ECF header line of the head.
    fn ecf_case(mut self) -> Option<String> {
        while self.ecf_case.is_none() {
            let line = self.lines.next()?;
            self.ecf_case = ecf_header(line);
        }
        self.ecf_case
    }
}

fn starts_with_digit(line: &str) -> bool {
    line.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// The case number of an ECF header line: `Case 2:20-mj-00148-AC Document 5 …`.
fn ecf_header(line: &str) -> Option<String> {
    static ECF: OnceLock<Regex> = OnceLock::new();
    let ecf = re(
        &ECF,
        r"(?i)^\s*case\s*:?\s*(\S+(?:\s+-[A-Z]{2,4})*)\s+(?:document|doc\.?|dkt\.?)\s*#?\s*\d+",
    );
    // The pattern is anchored at a `c` (no other letter folds to it), and
    // few lines start with one: spare the captures search on the rest.
    if !line.trim_start().starts_with(['c', 'C']) {
        return None;
    }
    let c = ecf.captures(line)?;
    Some(c[1].split_whitespace().collect())
}

/// Splits a line at inline pleading line numbers (`11 DAVID ESTRADA, … 12
/// Plaintiff, …`): the line must start with a number from 1 to 28, and each
/// cut is at the next number in sequence (one may be skipped).
fn split_inline_numbers(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut expected: Option<u32> = None;
    let mut last = 0;
    let mut pos = 0;
    for tok in line.split_whitespace() {
        let at = match line[pos..].find(tok) {
            Some(i) => pos + i,
            None => break,
        };
        pos = at + tok.len();
        let n = (tok.len() <= 2 && tok.bytes().all(|b| b.is_ascii_digit()))
            .then(|| tok.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=28).contains(n));
        match (expected, n) {
            (None, Some(n)) if at == line.len() - line.trim_start().len() => expected = Some(n + 1),
            (None, _) => return vec![line],
            (Some(e), Some(n)) if n == e || n == e + 1 => {
                pieces.push(&line[last..at]);
                last = at;
                expected = Some(n + 1);
            }
            _ => {}
        }
    }
    pieces.push(&line[last..]);
    pieces
}

/// Splits one line into cells at tabs, runs of 3+ spaces and unmatched `)`;
/// drops a leading line number; splits a cell after a leading role word or
/// `v.`, and before an inline `Case No.`.
fn split_cells(line: &str) -> Row<'_> {
    let mut raw: Vec<Cell> = Vec::new();
    // A cell is a run of the line: it starts at its first character that is
    // not a space and runs to its last character kept, so it is tracked as
    // a byte range (start, end) with its starting column.
    let mut cur: Option<(usize, usize)> = None;
    let mut cur_end = 0;
    let mut col = 0;
    let mut spaces = 0;
    let mut depth = 0i32;
    let mut flush = |cur: &mut Option<(usize, usize)>, end: usize, depth: &mut i32| {
        if let Some((start, cur_col)) = cur.take() {
            let t = tidy(&line[start..end]);
            if !t.is_empty() {
                raw.push(Cell {
                    text: t,
                    col: cur_col,
                });
            }
        }
        *depth = 0;
    };
    for (i, ch) in line.char_indices() {
        match ch {
            '\t' => {
                flush(&mut cur, cur_end, &mut depth);
                col = (col / 8 + 1) * 8;
                spaces = 0;
                continue;
            }
            ' ' => {
                spaces += 1;
                col += 1;
                if spaces == 3 {
                    flush(&mut cur, cur_end, &mut depth);
                } else if cur.is_some() {
                    cur_end = i + 1;
                }
                continue;
            }
            ')' | '§' | '|' if depth == 0 => {
                flush(&mut cur, cur_end, &mut depth);
                col += 1;
                spaces = 0;
                continue;
            }
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if cur.is_none() {
            cur = Some((i, col));
        }
        cur_end = i + ch.len_utf8();
        spaces = 0;
        col += 1;
    }
    flush(&mut cur, cur_end, &mut depth);

    // leading pleading line number(s): "11", "23 24", "12 Plaintiff,"
    static NUM: OnceLock<Regex> = OnceLock::new();
    let num = re(&NUM, r"^(?:\d{1,2}(?:\s+|$)){1,2}");
    if let Some(first) = raw.first_mut() {
        // Most cells do not start with a digit; skip the regex for them.
        let numbered = first.text.starts_with(|c: char| c.is_ascii_digit());
        if let Some(end) = numbered
            .then(|| num.find(&first.text))
            .flatten()
            .map(|m| m.end())
        {
            first.col += end;
            first.text = sub(&first.text, end..first.text.len());
        }
        if first.text.is_empty() {
            raw.remove(0);
        }
    }

    let mut row = Vec::with_capacity(raw.len());
    for cell in raw {
        split_inline(cell, &mut row);
    }
    row
}

/// A part of a cell's text, borrowed from the original where the text is.
fn sub<'a>(s: &Cow<'a, str>, range: std::ops::Range<usize>) -> Cow<'a, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(&b[range]),
        Cow::Owned(o) => Cow::Owned(o[range].to_string()),
    }
}

/// Splits "Plaintiff, ORDER DENYING …" / "v. IECF No. 921" after the role
/// word, and "DAVID ESTRADA, Case No.: …" before the case number.
fn split_inline<'a>(cell: Cell<'a>, row: &mut Row<'a>) {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    static CASE: OnceLock<Regex> = OnceLock::new();
    let lead = re(
        &LEAD,
        r"(?i)^((?:plaintiffs?|defendants?|petitioners?|respondents?)[,.]|v\.|vs\.)\s+(\S.*)$",
    );
    let case = re(
        &CASE,
        r"(?i)\s((?:case|civil|civ\.|criminal|crim\.)\s+(?:action\s+)?no\b.*)$",
    );
    // Cheap tests first: the patterns run on every cell of every caption.
    let leads = cell
        .text
        .starts_with(['p', 'P', 'd', 'D', 'r', 'R', 'v', 'V']);
    let split = leads
        .then(|| lead.captures(&cell.text))
        .flatten()
        .and_then(|c| Some((c.get(1)?.range(), c.get(2)?.range())));
    if let Some((word, rest)) = split {
        row.push(Cell {
            text: sub(&cell.text, word),
            col: cell.col,
        });
        split_inline(
            Cell {
                col: cell.col + rest.start,
                text: sub(&cell.text, rest),
            },
            row,
        );
        return;
    }
    // The pattern needs the word `no` after white space; body text, which
    // comes here too, has "no" inside many words.
    let bytes = cell.text.as_bytes();
    let has_no = memchr::memchr2_iter(b'n', b'N', bytes).any(|i| {
        // a non-ASCII byte may end white space: let the pattern decide
        let space = i > 0 && {
            let b = bytes[i - 1];
            !b.is_ascii() || char::from(b).is_whitespace()
        };
        let o = bytes
            .get(i + 1)
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'o'));
        let end = bytes
            .get(i + 2)
            .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
        space && o && end
    });
    let number = has_no
        .then(|| case.captures(&cell.text))
        .flatten()
        .and_then(|c| Some(c.get(1)?.range()));
    if let Some(number) = number {
        let at = number.start;
        let left = match &cell.text {
            Cow::Borrowed(b) => tidy(&b[..at]),
            Cow::Owned(o) => Cow::Owned(tidy(&o[..at]).into_owned()),
        };
        if !left.is_empty() {
            row.push(Cell {
                text: left,
                col: cell.col,
            });
        }
        row.push(Cell {
            text: sub(&cell.text, number),
            col: cell.col + at,
        });
        return;
    }
    row.push(cell);
}

/// Removes markup and the junk of column rules from a cell; folds whitespace.
/// Borrows the cell when that leaves a run of it, as it does for most cells.
fn tidy(s: &str) -> Cow<'_, str> {
    let t = trim_rules(s);
    if is_tidy(t) {
        return Cow::Borrowed(close_parens(t));
    }
    static TAG: OnceLock<Regex> = OnceLock::new();
    let tag = re(&TAG, r"</?[A-Za-z]{1,6}>");
    let s = if s.contains('<') {
        tag.replace_all(s, " ")
    } else {
        Cow::Borrowed(s)
    };
    let s: String = s.chars().filter(|&c| c != '*').collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Cow::Owned(close_parens(trim_rules(&s)).to_string())
}

/// Whether a trimmed cell has no markup, no `*` and no white space but
/// single spaces, so that only unmatched `)` can be left to remove.
fn is_tidy(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2(b'<', b'*', b).is_none()
        && memchr::memmem::find(b, b"  ").is_none()
        && !b.iter().any(|c| matches!(c, b'\t'..=b'\r'))
        && (t.is_ascii() || !t.chars().any(|c| c != ' ' && c.is_whitespace()))
}

/// Trims the junk of column rules and whitespace from both ends of a cell.
fn trim_rules(s: &str) -> &str {
    s.trim_start_matches(|c: char| "\\|_:;§)-=".contains(c) || c.is_whitespace())
        .trim_end_matches(|c: char| "\\|_:§=".contains(c) || c.is_whitespace())
}

/// Drops the unmatched `)` of a column rule from the end of a cell.
fn close_parens(s: &str) -> &str {
    if !s.ends_with(')') {
        return s;
    }
    let count = |b: u8| s.bytes().filter(|&x| x == b).count();
    let (open, mut close) = (count(b'('), count(b')'));
    let mut s = s;
    while close > open {
        let Some(rest) = s.strip_suffix(')') else {
            break;
        };
        s = rest.trim_end();
        close -= 1;
    }
    s
}

fn row_text(row: &Row) -> String {
    row.iter()
        .map(|c| c.text.as_ref())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- court

/// Finds the court lines; fills `court` and `court_id`; returns the index of
/// the first caption row after them (0 when there is no court line).
fn court(rows: &mut Rows, m: &mut OrderMetadata) -> usize {
    static COURT: OnceLock<Regex> = OnceLock::new();
    static DISTRICT: OnceLock<Regex> = OnceLock::new();
    static DIVISION: OnceLock<Regex> = OnceLock::new();
    let court_re = re(
        &COURT,
        r"(?i)\b(?:district|bankruptcy|superior|supreme|circuit|county|municipal|family|tax|claims)\s+court\b|\bcourt\s+of\s+(?:appeals?|federal claims|international trade|common pleas|chancery|criminal appeals)\b",
    );
    let district_re = re(
        &DISTRICT,
        r"(?i)^(?:for\s+the\s+|in\s+and\s+for\s+the\s+)?(?:(?:northern|southern|eastern|western|central|middle)\s+)?district\s+of\s+[a-z .]{3,30}$|^(?:in\s+and\s+)?for\s+the\s+county\s+of\s+[a-z .]{3,30}$|^county\s+of\s+[a-z .]{3,30}$",
    );
    let division_re = re(&DIVISION, r"(?i)^[a-z .]{2,30}\s+division$");
    let mut found = None;
    for i in 0..50 {
        let Some(row) = rows.get(i) else {
            break;
        };
        let text = row_text(row);
        if text.len() > 120 || text.to_ascii_lowercase().contains("clerk") {
            continue;
        }
        let repaired = repair_court(&text);
        let line = repaired.as_deref().unwrap_or(&text);
        if court_re.is_match(line) {
            found = Some((i, strip_in_the(line).to_string()));
            break;
        }
    }
    let Some((i, line)) = found else {
        return 0;
    };
    let mut end = i + 1;
    let mut district = None;
    for j in i + 1..i + 5 {
        let Some(row) = rows.get(j) else {
            break;
        };
        let text = row_text(row);
        if text.is_empty() {
            continue;
        }
        let no_division = strip_division(&text);
        if district.is_none() && district_re.is_match(no_division) {
            district = Some(strip_in_the(no_division).to_string());
            end = j + 1;
        } else if division_re.is_match(&text) {
            end = j + 1;
        } else {
            break;
        }
    }
    let written = match &district {
        Some(d) => format!("{line}, {d}"),
        None => line.clone(),
    };
    let written = written.trim_end_matches([',', '.']).to_string();
    // courts-db's caption patterns want the lines joined by a space, not a comma
    let query = match &district {
        Some(d) => format!("{line} {d}"),
        None => line.clone(),
    };
    let mut id = crate::cite::courts::court_from_caption(&query);
    if id.is_none_or(|c| c.id == "usdistct") {
        if let Some(d) = district.as_deref() {
            id = crate::cite::courts::court_from_caption(d).or(id);
        }
    }
    m.court_id = id.map(|c| c.id.clone());
    m.court = Some(title_case_if_caps(&written));
    end
}

/// "EASTERN DISTRICT OF CALIFORNIA, FRESNO DIVISION" → "EASTERN DISTRICT OF CALIFORNIA".
fn strip_division(s: &str) -> &str {
    static DIV: OnceLock<Regex> = OnceLock::new();
    let r = re(&DIV, r"(?i)[,\s\-–]+[a-z .]{2,30}\s+division$");
    match r.find(s) {
        Some(m) if m.start() > 0 => &s[..m.start()],
        _ => s,
    }
}

/// Whether a caption cell is a court line (a running footer such as "United
/// States District Court" / "For the Northern District of California").
fn is_court_cell(s: &str) -> bool {
    static C: OnceLock<Regex> = OnceLock::new();
    re(
        &C,
        r"(?i)^(?:for\s+the\s+|in\s+the\s+)?(?:united\s+states\s+district\s+court|(?:(?:northern|southern|eastern|western|central|middle)\s+)?district\s+of\s+[a-z .]{3,30})(?:\s+united\s+states\s+district\s+court)?$",
    )
    .is_match(s)
}

/// "IN THE UNITED STATES DISTRICT COURT" → "UNITED STATES DISTRICT COURT";
/// "FOR THE EASTERN DISTRICT OF …" → "EASTERN DISTRICT OF …".
fn strip_in_the(s: &str) -> &str {
    static IN: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &IN,
        r"(?i)^(?:in\s+the\s+|for\s+the\s+|in\s+and\s+for\s+the\s+)",
    );
    match r.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

/// Repairs OCR noise in a caption line naming a United States district court
/// ("UNITED STAT FES DISTRICT COURT"): when its letters are within two edits
/// of that name, the canonical spelling in the line's case.
fn repair_court(line: &str) -> Option<String> {
    const NAME: &str = "UNITEDSTATESDISTRICTCOURT";
    let letters: String = line
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters == NAME || letters.len() > NAME.len() + 2 || letters.len() + 2 < NAME.len() {
        return None;
    }
    if edit_distance(letters.as_bytes(), NAME.as_bytes()) > 2 {
        return None;
    }
    let caps = !line.chars().any(|c| c.is_lowercase());
    Some(if caps {
        "UNITED STATES DISTRICT COURT".to_string()
    } else {
        "United States District Court".to_string()
    })
}

fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

// ---------------------------------------------------------------- caption

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Plaintiff,
    Defendant,
}

fn role(s: &str) -> Option<Side> {
    static ROLE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &ROLE,
        r"(?i)^(?:third[- ]party\s+|counter[- ]?|cross[- ]?)?(plaintiff|petitioner|appellant|movant|claimant|relator|defendant|respondent|appellee|debtor)s?(?:[- ,/]+(?:and\s+)?(?:counter[- ]?|cross[- ]?|third[- ]party\s+)?(?:plaintiff|defendant|appellant|appellee|petitioner|respondent|claimant)s?)*\s*[,.;:]?$",
    );
    let c = r.captures(s)?;
    let base = c[1].to_ascii_lowercase();
    Some(match base.as_str() {
        "defendant" | "respondent" | "appellee" => Side::Defendant,
        _ => Side::Plaintiff,
    })
}

fn is_versus(s: &str) -> bool {
    static V: OnceLock<Regex> = OnceLock::new();
    re(&V, r"(?i)^(?:v\.?|vs\.?|versus|-?\s*against\s*-?)$").is_match(s)
}

/// The case number in a cell labelled `Case No.`, `Civ. No.`, `No.` …, or a
/// cell that starts with a federal docket number.
fn case_number_cell(s: &str) -> Option<String> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)^(?:(?:case|civil|civ|criminal|crim|cr|misc|adv|adversary|bankruptcy|bankr|bk|action|docket)\.?\s+)*(?:no|number|#)s?\.?\s*:?\s*(\S.{0,60})$",
    );
    let bare = re(&BARE, r"^(?:\d{1,2}:)?\d{2,4}-[A-Za-z]{1,5}-\d{2,7}\b");
    let value = if let Some(c) = label.captures(s) {
        c[1].to_string()
    } else if bare.is_match(s) && s.len() <= 60 {
        s.to_string()
    } else {
        return None;
    };
    let value = value.trim_end_matches([',', ';', '.', ' ']).to_string();
    value
        .chars()
        .take(6)
        .any(|c| c.is_ascii_digit())
        .then_some(value)
        .filter(|v| v.chars().any(|c| c.is_ascii_digit()))
}

fn is_title_start(s: &str) -> bool {
    static T: OnceLock<Regex> = OnceLock::new();
    re(
        &T,
        r"^(?:\[PROPOSED\]\s*|\(PROPOSED\)\s*)?(?:(?:AMENDED|SECOND AMENDED|STIPULATED|FINAL|TENTATIVE|PRELIMINARY|OMNIBUS|SUPPLEMENTAL|PROTECTIVE|SCHEDULING)\s+)*(?:ORDER|MEMORANDUM|OPINION|FINDINGS|REPORT AND RECOMMENDATION|JUDGMENT|DECISION|Order|Memorandum|Opinion|Findings)\b",
    )
    .is_match(s)
        && s.len() < 160
}

/// Docket entries named in a caption cell: `Re: Dkt. No. 120, 138`,
/// `[ECF No. 34]`, OCR `IECF No. 921` (the `[` read as `I`, the `]` as `1`).
fn docket_numbers(s: &str, out: &mut Vec<String>) {
    static D: OnceLock<Regex> = OnceLock::new();
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    let d = re(
        &D,
        r"(?i)(?:^|[^a-z]|\b[Il])((?:dkt|ecf|doc|docket)s?\.?\s*(?:entry\s*|entries\s*)?(?:nos?\.?|#|numbers?)?\s*:?\s*)(\d+(?:-\d+)?(?:\s*(?:,|&|and)\s*\d+(?:-\d+)?)*)(\]?)",
    );
    let split = re(&SPLIT, r"\s*(?:,|&|\band\b)\s*");
    // Most cells name no docket entry: look for the keywords before running
    // the pattern (the Kelvin sign folds to `k`).
    let keyword = s.as_bytes().windows(3).any(|w| {
        w.eq_ignore_ascii_case(b"dkt")
            || w.eq_ignore_ascii_case(b"ecf")
            || w.eq_ignore_ascii_case(b"doc")
    });
    if !keyword && !s.contains('\u{212A}') {
        return;
    }
    for c in d.captures_iter(s) {
        let (Some(kw), Some(nums)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let before = &s[..kw.start()];
        let ocr_bracket = (before.ends_with('I') || before.ends_with('l') || before.ends_with('|'))
            && before[..before.len() - 1]
                .chars()
                .next_back()
                .is_none_or(|ch| !ch.is_alphanumeric())
            && c.get(3).is_none_or(|b| b.as_str().is_empty())
            && s[nums.end()..].trim().is_empty();
        let mut list: Vec<String> = split
            .split(nums.as_str())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if ocr_bracket {
            if let Some(last) = list.last_mut() {
                if last.len() >= 2 && last.ends_with('1') && !last.contains('-') {
                    last.pop();
                }
            }
        }
        for n in list {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
}

fn is_body(row: &Row) -> bool {
    // the words of the row text, which only puts a space between cells
    let words = row.iter().flat_map(|c| c.text.split_whitespace());
    let (mut all, mut lower) = (0, 0);
    for w in words {
        all += 1;
        // "et al." and "v." are caption words, not prose
        if w.chars().next().is_some_and(char::is_lowercase)
            && !["et", "al.", "al.,", "v.", "vs."].contains(&w)
        {
            lower += 1;
        }
        if all >= 8 && lower >= 5 {
            return true;
        }
    }
    false
}

/// Reads the caption rows (see [`Rows::caption`]).
fn caption(rows: &[Row], m: &mut OrderMetadata) {
    // the right column starts where split rows put their second cells
    // (or where a lone case number or title stands far to the right)
    let split = rows.iter().flat_map(|r| r.iter().skip(1)).map(|c| c.col);
    let lone = rows
        .iter()
        .filter_map(|r| r.first())
        .filter(|c| c.col >= 30 && (case_number_cell(&c.text).is_some() || is_title_start(&c.text)))
        .map(|c| c.col);
    let threshold = split.chain(lone).filter(|&c| c >= 20).min();
    let mut left: Vec<&str> = Vec::new();
    let mut right: Vec<&str> = Vec::new();
    let mut labelled_title: Option<String> = None;
    let mut labelled_name: Option<String> = None;
    let mut labelled_case: Option<String> = None;
    let mut title_open = false;
    for row in rows {
        let had_title = labelled_title.is_some();
        labels(
            row,
            &mut labelled_case,
            &mut labelled_name,
            &mut labelled_title,
        );
        // a `Proceedings:` title runs on over the following single-cell rows
        if let (true, Some(t)) = (title_open, labelled_title.as_mut()) {
            let caps = !t.chars().any(char::is_lowercase);
            match row.as_slice() {
                [only] if !(caps && only.text.chars().any(char::is_lowercase)) => {
                    t.push(' ');
                    t.push_str(&only.text);
                }
                _ => title_open = false,
            }
        }
        if !had_title && labelled_title.is_some() {
            title_open = true;
        }
        for (k, cell) in row.iter().enumerate() {
            if is_court_cell(&cell.text) {
                continue;
            }
            let is_right = k > 0 || threshold.is_some_and(|t| cell.col + 4 >= t);
            if is_right {
                right.push(&cell.text);
            } else {
                left.push(&cell.text);
            }
        }
    }

    // case number: right column first
    m.case_number = labelled_case.or_else(|| {
        right
            .iter()
            .chain(left.iter())
            .find_map(|c| case_number_cell(c))
    });

    // title: first title cell, continued by the following cells of its stream
    for stream in [&right, &left] {
        if let Some(i) = stream.iter().position(|c| is_title_start(c)) {
            let caps = !stream[i].chars().any(char::is_lowercase);
            let mut title = stream[i].to_string();
            for c in &stream[i + 1..] {
                let mut probe = Vec::new();
                docket_numbers(c, &mut probe);
                if !probe.is_empty()
                    || role(c).is_some()
                    || is_versus(c)
                    || case_number_cell(c).is_some()
                    || c.starts_with("Re:")
                    || c.starts_with("RE:")
                    || (caps && c.chars().any(char::is_lowercase))
                    || is_title_start(c)
                {
                    break;
                }
                title.push(' ');
                title.push_str(c);
            }
            m.title = Some(title);
            break;
        }
    }

    // docket entries: every caption cell, right column first
    for c in right.iter().chain(left.iter()) {
        docket_numbers(c, &mut m.docket_entries);
    }

    parties(&left, m);
    if m.title.is_none() {
        m.title = labelled_title;
    }
    if m.case_name.is_none() {
        if let Some(name) = labelled_name {
            if let Some((p, d)) = name.split_once(" v. ") {
                m.plaintiffs = party_list(p);
                m.defendants = party_list(d);
            }
            m.case_name = Some(name);
        }
    }
}

/// Minutes-style captions (C.D. Cal. "CIVIL MINUTES"): a `Case No.` cell
/// followed by the number, `Title` followed by the case name, and
/// `Proceedings:` followed by the order's title.
fn labels(
    row: &Row,
    case: &mut Option<String>,
    name: &mut Option<String>,
    title: &mut Option<String>,
) {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let label = re(
        &LABEL,
        r"(?i)^(?:(case\s+no\.?|no\.)|(title)|(proceedings))\s*:?\s*(.*)$",
    );
    let Some(first) = row.first() else {
        return;
    };
    // Every row comes here: spare the search on the many first cells that
    // cannot start with a label (no other letter folds to these four).
    if !first
        .text
        .starts_with(['c', 'C', 'n', 'N', 't', 'T', 'p', 'P'])
    {
        return;
    }
    let Some(c) = label.captures(&first.text) else {
        return;
    };
    let inline = c.get(4).map_or("", |g| g.as_str()).trim();
    let value = if inline.is_empty() {
        row.get(1).map(|c| c.text.to_string())
    } else {
        Some(inline.to_string())
    };
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return;
    };
    if c.get(1).is_some() && case.is_none() && value.chars().any(|c| c.is_ascii_digit()) {
        *case = Some(value);
    } else if c.get(2).is_some() && name.is_none() && value.contains(" v. ") {
        *name = Some(value);
    } else if c.get(3).is_some() && title.is_none() {
        let v = value
            .trim_start_matches("[In Chambers]")
            .trim_start_matches("IN CHAMBERS")
            .trim_start_matches([' ', '-', '–', '—', ':'])
            .to_string();
        if !v.is_empty() {
            *title = Some(v);
        }
    }
}

/// Reads the parties from the left stream: text before a plaintiff-side role
/// word is a plaintiff, before a defendant-side role word a defendant; `v.`
/// separates captions that print no role words.
fn parties(left: &[&str], m: &mut OrderMetadata) {
    let mut buf: Vec<&str> = Vec::new();
    let mut plaintiff: Option<String> = None;
    let mut defendant: Option<String> = None;
    let mut versus = false;
    for &c in left {
        if defendant.is_some() {
            break;
        }
        if let Some(side) = role(c) {
            let text = buf.join(" ");
            buf.clear();
            if text.is_empty() {
                continue;
            }
            match side {
                Side::Plaintiff if plaintiff.is_none() && !versus => plaintiff = Some(text),
                Side::Defendant if versus || plaintiff.is_some() => defendant = Some(text),
                _ => {}
            }
            continue;
        }
        if is_versus(c) {
            if plaintiff.is_none() && !buf.is_empty() {
                plaintiff = Some(buf.join(" "));
            }
            buf.clear();
            versus = true;
            continue;
        }
        if case_number_cell(c).is_some() || is_title_start(c) || c.starts_with("Re:") {
            // a right-column cell in a caption without columns: it ends the
            // defendants' block if one is open, and is skipped otherwise
            if versus && plaintiff.is_some() && !buf.is_empty() {
                defendant = Some(buf.join(" "));
                break;
            }
            continue;
        }
        let mut probe = Vec::new();
        docket_numbers(c, &mut probe);
        if probe.is_empty() {
            buf.push(c);
        }
    }
    if defendant.is_none() && versus && plaintiff.is_some() && !buf.is_empty() {
        defendant = Some(buf.join(" "));
    }
    let clean = |s: &str| title_case_if_caps(s.trim().trim_end_matches([',', ';', ':']).trim());
    let plaintiff = plaintiff.map(|p| clean(&p)).filter(|p| !p.is_empty());
    let defendant = defendant.map(|d| clean(&d)).filter(|d| !d.is_empty());
    if let (Some(p), Some(d)) = (&plaintiff, &defendant) {
        m.case_name = Some(format!("{p} v. {d}"));
    } else if let Some(p) = plaintiff
        .as_deref()
        .filter(|p| p.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("in re ")))
    {
        m.case_name = Some(p.to_string());
    }
    if m.case_name.is_none() && plaintiff.is_none() {
        let name: Vec<&str> = left
            .iter()
            .copied()
            .take_while(|c| {
                case_number_cell(c).is_none() && !is_title_start(c) && role(c).is_none()
            })
            .take(4)
            .collect();
        if name.first().is_some_and(|f| {
            f.get(..6).is_some_and(|h| {
                h.eq_ignore_ascii_case("in re ") || h.eq_ignore_ascii_case("in re:")
            })
        }) {
            m.case_name = Some(title_case_if_caps(name.join(" ").trim_end_matches(',')));
        }
    }
    m.plaintiffs = plaintiff.as_deref().map(party_list).unwrap_or_default();
    m.defendants = defendant.as_deref().map(party_list).unwrap_or_default();
}

/// Splits a party block at `;` and drops "et al.".
fn party_list(s: &str) -> Vec<String> {
    static ETAL: OnceLock<Regex> = OnceLock::new();
    let etal = re(&ETAL, r"(?i),?\s*\bet\s+al\.?");
    s.split(';')
        .map(|p| {
            etal.replace_all(p, "")
                .trim()
                .trim_end_matches(',')
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn clean_case_number(head: &str) -> Option<String> {
    static C: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &C,
        r"(?i)\b(?:case|civil action|civ\.|criminal)\s+no\.?\s*:?\s*((?:\d{1,2}:)?\d{2,4}-[A-Za-z]{1,5}-\d{2,7}(?:-[A-Z]{2,4})*)",
    );
    c.captures(head).map(|c| c[1].to_string())
}

/// Judge initials in a case number: `1:17-cv-00693-DAD-SAB (PC)` → DAD, SAB
/// (case-type tags, `NONE` and D. Ariz. division codes such as `PHX` skipped);
/// `3:18-cv-16281(BRM)(TJB)` → BRM, TJB; `CV 16-06794 AB (JCx)` → AB, JC.
fn judge_initials(number: &str) -> Vec<String> {
    static MAIN: OnceLock<Regex> = OnceLock::new();
    static INI: OnceLock<Regex> = OnceLock::new();
    let main = re(
        &MAIN,
        r"(?i)(?:\d{1,2}:)?\d{2,4}[- ](?:[a-z]{1,5}[- ])?\d{2,7}",
    );
    let ini = re(&INI, r"^[\s\-(]*([A-Z]{2,4})x?\)?");
    // case-type tags, "no judge assigned", and D. Ariz. division codes
    const TYPE_TAGS: [&str; 11] = [
        "PC", "HC", "PS", "SS", "CR", "CV", "NONE", "PHX", "TUC", "PCT", "FLG",
    ];
    let Some(mm) = main.find(number) else {
        return Vec::new();
    };
    let mut rest = &number[mm.end()..];
    let mut out = Vec::new();
    while let Some(c) = ini.captures(rest) {
        let whole = c.get(0).map_or(rest.len(), |g| g.end());
        let tag = &c[1];
        if !TYPE_TAGS.contains(&tag) && !out.iter().any(|o: &String| o == tag) {
            out.push(tag.to_string());
        }
        rest = &rest[whole..];
        if out.len() > 4 {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------- signature

fn signature(tail: &str, m: &mut OrderMetadata) {
    static T: OnceLock<Regex> = OnceLock::new();
    let t = re(
        &T,
        r"(?i)\b(?:(?:chief|senior)\s+)?(?:united\s+states|u\.\s?s\.)\s+(?:district|magistrate|bankruptcy|circuit)\s+(?:court\s+)?judge\b|\bU\.\s?S\.\s?[DM]\.\s?J\.",
    );
    // a digit or punctuation other than `.` ends any title
    let barrier = |b: u8| b.is_ascii_digit() || (b.is_ascii_punctuation() && b != b'.');
    let Some((_, found)) = last_match(t, tail, barrier, 0, |c| c.get(0)) else {
        return;
    };
    let written = found.as_str();
    m.judge_title = Some(match written.replace(' ', "").as_str() {
        "U.S.D.J." => "United States District Judge".to_string(),
        "U.S.M.J." => "United States Magistrate Judge".to_string(),
        _ => title_case_if_caps(written),
    });
    m.judge = judge_name(&tail[..found.start()]);
}

/// The name just before a judge title: up to five capitalized tokens,
/// stopping at dates, digits, "ORDERED", "/s/" and the like.
fn judge_name(before: &str) -> Option<String> {
    const STOP: [&str; 16] = [
        "ORDERED", "ORDERED.", "SO", "IT", "IS", "DATED", "DATED:", "DATE:", "COURT", "JUDGE",
        "THE", "BY", "OF", "FOR", "ORDER", "THAT",
    ];
    const MONTHS: [&str; 12] = [
        "JANUARY",
        "FEBRUARY",
        "MARCH",
        "APRIL",
        "MAY",
        "JUNE",
        "JULY",
        "AUGUST",
        "SEPTEMBER",
        "OCTOBER",
        "NOVEMBER",
        "DECEMBER",
    ];
    let window = suffix(before, 100);
    let mut tokens: Vec<&str> = Vec::new();
    for tok in window.split_whitespace().rev() {
        let tok = tok.trim_end_matches(',');
        let signed = tok.starts_with("/s/");
        let tok = tok.strip_prefix("/s/").unwrap_or(tok);
        let bare = tok.trim_matches(|c: char| !c.is_alphanumeric());
        let upper = bare.to_ascii_uppercase();
        if bare.is_empty()
            || STOP.contains(&upper.as_str())
            || MONTHS.contains(&upper.as_str())
            || upper == "HON"
            || upper == "HONORABLE"
            || !bare.chars().next().is_some_and(char::is_uppercase)
            || bare.chars().any(|c| c.is_ascii_digit())
            || (tok.ends_with('.') && bare.len() > 2 && upper != "JR" && upper != "SR")
            || tokens.iter().any(|t| t.eq_ignore_ascii_case(tok))
        {
            break;
        }
        tokens.push(tok);
        if signed {
            break;
        }
        if tokens.len() == 5 {
            break;
        }
    }
    if tokens.len() < 2 {
        return None;
    }
    tokens.reverse();
    Some(title_case_if_caps(&tokens.join(" ")))
}

// ---------------------------------------------------------------- date

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn month_number(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    let key = s.get(..3)?;
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)?;
    u32::try_from(i + 1).ok()
}

fn iso(y: &str, mo: u32, d: &str) -> Option<String> {
    let mut y: u32 = y.parse().ok()?;
    if y < 100 {
        y += 2000;
    }
    let d: u32 = d.parse().ok()?;
    ((1900..=2100).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

/// The date of the order: the last `Dated: …` / `Date: …` / `Signed …` /
/// `this 5th day of June, 2019` in the tail; failing that, the last full
/// date after "SO ORDERED".
fn date(tail: &str) -> Option<String> {
    static LABELED: OnceLock<Regex> = OnceLock::new();
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    static DAYOF: OnceLock<Regex> = OnceLock::new();
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    static ORDERED: OnceLock<Regex> = OnceLock::new();
    let labeled = re(
        &LABELED,
        &format!(
            r"(?i)\b(?:dated|date|signed|entered)\b\s*:?\s*(?:on\s+|this\s+)?(?:[A-Z][a-z]+,\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(\d{{4}})"
        ),
    );
    let numeric = re(
        &NUMERIC,
        r"(?i)\b(?:dated|date|signed|entered)\b\s*:?\s*(?:on\s+)?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b",
    );
    let dayof = re(
        &DAYOF,
        &format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+{MONTH},?\s+(\d{{4}})"),
    );
    let plain = re(
        &PLAIN,
        &format!(r"(?i)\b{MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b"),
    );
    let ordered = re(&ORDERED, r"(?i)\bso\s+ordered\b");
    let mut best: Option<(usize, String)> = None;
    fn consider(best: &mut Option<(usize, String)>, at: usize, v: Option<String>) {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|b| at >= b.0) {
                *best = Some((at, v));
            }
        }
    }
    // Only the last valid date of each pattern can win, and only if it
    // starts no earlier than the best so far. Punctuation other than `:`,
    // `,`, `.` and `/` ends any date.
    let barrier = |b: u8| b.is_ascii_punctuation() && !b":,./".contains(&b);
    type Read = fn(&Captures) -> Option<String>;
    let patterns: [(&Regex, Read); 3] = [
        (labeled, |c| {
            month_number(&c[1]).and_then(|mo| iso(&c[3], mo, &c[2]))
        }),
        (numeric, |c| {
            c[1].parse().ok().and_then(|mo| iso(&c[3], mo, &c[2]))
        }),
        (dayof, |c| {
            month_number(&c[2]).and_then(|mo| iso(&c[3], mo, &c[1]))
        }),
    ];
    for (r, read) in patterns {
        let floor = best.as_ref().map_or(0, |b| b.0);
        if let Some((at, v)) = last_match(r, tail, barrier, floor, read) {
            consider(&mut best, at, Some(v));
        }
    }
    if best.is_none() {
        let from = ordered.find_iter(tail).last().map(|m| m.end())?;
        for c in plain.captures_iter(&tail[from..]) {
            consider(
                &mut best,
                c.get(0).map_or(0, |g| g.start()),
                month_number(&c[1]).and_then(|mo| iso(&c[3], mo, &c[2])),
            );
        }
    }
    best.map(|b| b.1)
}

// ---------------------------------------------------------------- disposition

const VERBS: [(&str, &str); 14] = [
    ("GRANTING", "granted"),
    ("DENYING", "denied"),
    ("DISMISSING", "dismissed"),
    ("VACATING", "vacated"),
    ("REMANDING", "remanded"),
    ("AFFIRMING", "affirmed"),
    ("REVERSING", "reversed"),
    ("ADOPTING", "adopted"),
    ("STAYING", "stayed"),
    ("SUSTAINING", "sustained"),
    ("OVERRULING", "overruled"),
    ("APPROVING", "approved"),
    ("TRANSFERRING", "transferred"),
    ("STRIKING", "stricken"),
];

/// Disposition named by the title: `ORDER DENYING …` → denied; a title that
/// grants and denies (in part or motion by motion) → granted in part and
/// denied in part; `… AS MOOT` → moot.
fn title_disposition(title: &str) -> Option<String> {
    let upper = title.to_ascii_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if has("GRANTING") && has("DENYING") {
        return Some("granted in part and denied in part".into());
    }
    if upper.contains("AS MOOT") {
        return Some("moot".into());
    }
    words.iter().find_map(|w| {
        VERBS
            .iter()
            .find(|(v, _)| v == w)
            .map(|(_, d)| d.to_string())
    })
}

/// Disposition stated in the conclusion: from the last "CONCLUSION" heading
/// (or the last 1,500 bytes), "granted in part and denied in part" when both
/// halves occur, else the first "is granted/denied/…".
fn conclusion_disposition(tail: &str) -> Option<String> {
    static CONC: OnceLock<Regex> = OnceLock::new();
    static PART: OnceLock<Regex> = OnceLock::new();
    static VERB: OnceLock<Regex> = OnceLock::new();
    let conc = re(&CONC, r"(?i)\bconclusion\b");
    let part = re(
        &PART,
        r"(?i)\bgrant(?:ed|s)?\s+in\s+part\b[\s\S]{0,80}?\bden(?:ied|ies|y)\s+in\s+part\b|\bden(?:ied|ies|y)\s+in\s+part\b[\s\S]{0,80}?\bgrant(?:ed|s)?\s+in\s+part\b",
    );
    let verb = re(
        &VERB,
        r"(?i)\b(?:is|are|be|hereby|court)\s+(?:hereby\s+)?(granted|grants|denied|denies|dismissed|dismisses|vacated|vacates|remanded|remands|affirmed|affirms|reversed|reverses|adopted|adopts)\b(\s+as\s+moot)?",
    );
    let region = match conc.find_iter(tail).last() {
        Some(c) => &tail[c.start()..],
        None => suffix(tail, 1500),
    };
    if part.is_match(region) {
        return Some("granted in part and denied in part".into());
    }
    let c = verb.captures(region)?;
    if c.get(2).is_some() {
        return Some("moot".into());
    }
    let v = c[1].to_ascii_lowercase();
    let base = match v.as_str() {
        "grants" => "granted",
        "denies" => "denied",
        "dismisses" => "dismissed",
        "vacates" => "vacated",
        "remands" => "remanded",
        "affirms" => "affirmed",
        "reverses" => "reversed",
        "adopts" => "adopted",
        other => other,
    };
    Some(base.to_string())
}

// ---------------------------------------------------------------- case

/// Title Case for text written in capitals ("NORTHERN DISTRICT OF
/// CALIFORNIA" → "Northern District of California"); words with lower-case
/// letters, corporate forms and roman numerals keep their case.
fn title_case_if_caps(s: &str) -> String {
    const KEEP: [&str; 22] = [
        "LLC", "LLP", "LP", "PLLC", "USA", "US", "U.S.", "U.S.A.", "N.A.", "GP", "II", "III", "IV",
        "VI", "VII", "VIII", "IX", "XI", "FBI", "IRS", "NLRB", "P.C.",
    ];
    const SMALL: [&str; 15] = [
        "of", "the", "and", "for", "in", "on", "at", "by", "to", "a", "an", "et", "al.", "v.",
        "vs.",
    ];
    let letters = s
        .split_whitespace()
        .filter(|w| !SMALL.contains(&w.trim_end_matches([',', ';', ':'])))
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic());
    let (mut up, mut low) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            up += 1;
        } else {
            low += 1;
        }
    }
    if up < 2 || low * 5 > up {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.chars().any(char::is_lowercase) {
            out.push_str(word);
            continue;
        }
        let bare = word.trim_end_matches([',', ';', ':']);
        if KEEP.contains(&bare) {
            out.push_str(word);
            continue;
        }
        let lower = word.to_lowercase();
        let lower_bare = lower.trim_end_matches([',', ';', ':']);
        if i > 0 && SMALL.contains(&lower_bare) {
            out.push_str(&lower);
            continue;
        }
        capitalize(&lower, &mut out);
    }
    out
}

/// Appends `lower` with the first letter of each letter run capitalized
/// ("a-star" → "A-Star"), except a short run after an apostrophe
/// ("plaintiff's").
fn capitalize(lower: &str, out: &mut String) {
    let mut prev: Option<char> = None;
    for (i, c) in lower.char_indices() {
        let start = c.is_alphabetic() && !prev.is_some_and(char::is_alphabetic);
        let after_apostrophe = matches!(prev, Some('\'') | Some('\u{2019}'));
        let short_run = || lower[i..].chars().take_while(|c| c.is_alphabetic()).count() <= 2;
        if start && !(after_apostrophe && short_run()) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<String> {
        split_cells(line)
            .into_iter()
            .map(|c| c.text.into_owned())
            .collect()
    }

    #[test]
    fn cells_split_at_tabs_spaces_and_paren_rules() {
        assert_eq!(
            cells("11\tSHAJIA AYOBI,) Case No.: 1:17-cv-00693-DAD-SAB (PC)"),
            ["SHAJIA AYOBI,", "Case No.: 1:17-cv-00693-DAD-SAB (PC)"]
        );
        assert_eq!(
            cells("12\tPlaintiff,)) \\ ORDER DENYING PLAINTIFF'S MOTION"),
            ["Plaintiff,", "ORDER DENYING PLAINTIFF'S MOTION"]
        );
        assert_eq!(
            cells("  CHINA FORTUNE LAND                      Case No. 19-cv-07043-VC"),
            ["CHINA FORTUNE LAND", "Case No. 19-cv-07043-VC"]
        );
        assert_eq!(
            cells("            Plaintiff,                    :   Civ. No. 3:18-cv-16281(BRM)(TJB)"),
            ["Plaintiff,", "Civ. No. 3:18-cv-16281(BRM)(TJB)"]
        );
        assert_eq!(cells("16\t\t_)"), Vec::<String>::new());
    }

    #[test]
    fn cells_split_inline_roles_and_case_numbers() {
        assert_eq!(
            cells("12 Plaintiff, ORDER DENYING PLAINTIFF'S MOTION"),
            ["Plaintiff,", "ORDER DENYING PLAINTIFF'S MOTION"]
        );
        assert_eq!(cells("13 v. **IECF No. 921**"), ["v.", "IECF No. 921"]);
        assert_eq!(
            cells("DAVID ESTRADA, Case No.: 1:15-cv-01292-AWI-SAB (PC)"),
            ["DAVID ESTRADA,", "Case No.: 1:15-cv-01292-AWI-SAB (PC)"]
        );
        // a body sentence that starts with a role word is not split
        assert_eq!(
            cells("Plaintiff David Estrada is appearing pro se"),
            ["Plaintiff David Estrada is appearing pro se"]
        );
    }

    #[test]
    fn inline_line_numbers_split_a_page_on_one_line() {
        let line = "7 UNITED STATES DISTRICT COURT 8 EASTERN DISTRICT OF CALIFORNIA 9 10 11 DAVID";
        assert_eq!(
            split_inline_numbers(line),
            [
                "7 UNITED STATES DISTRICT COURT ",
                "8 EASTERN DISTRICT OF CALIFORNIA ",
                "9 ",
                "10 ",
                "11 DAVID"
            ]
        );
        assert_eq!(split_inline_numbers("ACME 12 CORP"), ["ACME 12 CORP"]);
    }

    #[test]
    fn court_ocr_repair_and_case() {
        assert_eq!(
            repair_court("UNITED STAT FES DISTRICT COURT").as_deref(),
            Some("UNITED STATES DISTRICT COURT")
        );
        assert_eq!(repair_court("UNITED STATES DISTRICT COURT"), None);
        assert_eq!(repair_court("SUPERIOR COURT OF CALIFORNIA"), None);
        assert_eq!(
            title_case_if_caps("UNITED STATES DISTRICT COURT, NORTHERN DISTRICT OF CALIFORNIA"),
            "United States District Court, Northern District of California"
        );
        assert_eq!(
            title_case_if_caps("ANDREY KLIMOV, ET AL."),
            "Andrey Klimov, et al."
        );
        assert_eq!(
            title_case_if_caps("1955 CAPITAL FUND I GP LLC"),
            "1955 Capital Fund I GP LLC"
        );
        assert_eq!(title_case_if_caps("A-STAR LLC"), "A-Star LLC");
        assert_eq!(title_case_if_caps("Ronald M. Whyte"), "Ronald M. Whyte");
    }

    #[test]
    fn roles_and_case_numbers() {
        assert_eq!(role("Plaintiff,"), Some(Side::Plaintiff));
        assert_eq!(role("Defendants."), Some(Side::Defendant));
        assert_eq!(role("Respondents."), Some(Side::Defendant));
        assert_eq!(
            role("Plaintiff and Counter-Defendant,"),
            Some(Side::Plaintiff)
        );
        assert_eq!(role("Plaintiff David"), None);
        assert!(is_versus("v."));
        assert!(is_versus("v"));
        assert!(is_versus("-against-"));
        assert_eq!(
            case_number_cell("Case No.: 1:17-cv-00693-DAD-SAB (PC)").as_deref(),
            Some("1:17-cv-00693-DAD-SAB (PC)")
        );
        assert_eq!(
            case_number_cell("CASE NO. 2:20-MJ-0148-AC").as_deref(),
            Some("2:20-MJ-0148-AC")
        );
        assert_eq!(
            case_number_cell("No. 2:15-cv-0208 TLN KJN P").as_deref(),
            Some("2:15-cv-0208 TLN KJN P")
        );
        assert_eq!(case_number_cell("Re: Dkt. No. 12"), None);
        assert_eq!(case_number_cell("Case No. pending"), None);
    }

    #[test]
    fn initials_from_case_numbers() {
        assert_eq!(judge_initials("15-cv-03449-RMW"), ["RMW"]);
        assert_eq!(judge_initials("1:17-cv-00693-DAD-SAB (PC)"), ["DAD", "SAB"]);
        assert_eq!(judge_initials("3:18-cv-16281(BRM)(TJB)"), ["BRM", "TJB"]);
        assert_eq!(judge_initials("CV 16-06794 AB (JCx)"), ["AB", "JC"]);
        assert_eq!(judge_initials("2:15-cv-0208 TLN KJN P"), ["TLN", "KJN"]);
        assert_eq!(judge_initials("MDL 15-02641-PHX-DGC"), ["DGC"]);
        assert_eq!(judge_initials("1:11-cv-00637-NONE-EPG"), ["EPG"]);
        assert!(judge_initials("B123456").is_empty());
    }

    #[test]
    fn docket_entries() {
        let mut v = Vec::new();
        docket_numbers("Re: Dkt. No. 120, 138", &mut v);
        assert_eq!(v, ["120", "138"]);
        let mut v = Vec::new();
        docket_numbers("[ECF No. 34]", &mut v);
        assert_eq!(v, ["34"]);
        let mut v = Vec::new();
        docket_numbers("IECF No. 921", &mut v);
        assert_eq!(v, ["92"]);
        let mut v = Vec::new();
        docket_numbers("(Doc. Nos. 15 and 21)", &mut v);
        assert_eq!(v, ["15", "21"]);
        let mut v = Vec::new();
        docket_numbers("Dkt. 21", &mut v);
        assert_eq!(v, ["21"]);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date("Dated: August 25, 2016 Ronald").as_deref(),
            Some("2016-08-25")
        );
        assert_eq!(date("DATED: Sept. 2, 2015").as_deref(), Some("2015-09-02"));
        assert_eq!(date("Date: 7/9/21").as_deref(), Some("2021-07-09"));
        assert_eq!(
            date("SO ORDERED this 5th day of June, 2019.").as_deref(),
            Some("2019-06-05")
        );
        assert_eq!(
            date("filed on May 8, 2017. IT IS SO ORDERED. July 9, 2021").as_deref(),
            Some("2021-07-09")
        );
        assert_eq!(date("filed on May 8, 2017."), None);
        assert_eq!(date("Dated: February 31, 20"), None);
    }

    #[test]
    fn judges() {
        let mut m = OrderMetadata::default();
        signature(
            "IT IS SO ORDERED. Dated: August 25, 2016 Ronald M. Whyte United States District Judge",
            &mut m,
        );
        assert_eq!(m.judge.as_deref(), Some("Ronald M. Whyte"));
        assert_eq!(
            m.judge_title.as_deref(),
            Some("United States District Judge")
        );
        let mut m = OrderMetadata::default();
        signature(
            "DATED: June 30, 2020 /s/Brian R. Martinotti BRIAN R. MARTINOTTI UNITED STATES DISTRICT JUDGE",
            &mut m,
        );
        assert_eq!(m.judge.as_deref(), Some("Brian R. Martinotti"));
        assert_eq!(
            m.judge_title.as_deref(),
            Some("United States District Judge")
        );
        let mut m = OrderMetadata::default();
        signature(
            "Dated: September 20, 2018 UNITED STATES MAGISTRATE JUDGE",
            &mut m,
        );
        assert_eq!(m.judge, None);
        assert_eq!(
            m.judge_title.as_deref(),
            Some("United States Magistrate Judge")
        );
    }

    #[test]
    fn dispositions() {
        let t = |s| title_disposition(s);
        assert_eq!(
            t("ORDER DENYING PLAINTIFF'S MOTION").as_deref(),
            Some("denied")
        );
        assert_eq!(
            t("ORDER GRANTING IN PART AND DENYING IN PART MOTION").as_deref(),
            Some("granted in part and denied in part")
        );
        assert_eq!(
            t("ORDER RE PLAINTIFF'S MOTION FOR PRESERVATION ORDER"),
            None
        );
        assert_eq!(t("ORDER DENYING MOTION AS MOOT").as_deref(), Some("moot"));
        let c = |s| conclusion_disposition(s);
        assert_eq!(
            c("III. CONCLUSION For these reasons, the motion is granted in part and denied in part.")
                .as_deref(),
            Some("granted in part and denied in part")
        );
        assert_eq!(
            c("Accordingly, the motion is denied. IT IS SO ORDERED.").as_deref(),
            Some("denied")
        );
        assert_eq!(
            c("the Court DENIES the applications.").as_deref(),
            Some("denied")
        );
        assert_eq!(c("The motion is DENIED as moot.").as_deref(), Some("moot"));
        assert_eq!(c("IT IS SO ORDERED."), None);
    }

    #[test]
    fn last_match_reads_back_as_reading_forward_would() {
        let r = Regex::new(r"(?i)\bjudge(?:\s+judge)*\b").unwrap();
        let parts = ["judge", "Judge ", " ", "  ", "1", "x", "judges ", "\n"];
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize
        };
        for _ in 0..2000 {
            let len = next() % 300;
            let s: String = (0..len).map(|_| parts[next() % parts.len()]).collect();
            for floor in [0, s.len() / 2, s.len()] {
                for min_len in [0, 6] {
                    let want = r
                        .find_iter(&s)
                        .filter(|m| m.start() >= floor && m.len() >= min_len)
                        .last()
                        .map(|m| m.range());
                    let got = last_match(
                        &r,
                        &s,
                        |b| b.is_ascii_digit(),
                        floor,
                        |c| c.get(0).filter(|m| m.len() >= min_len),
                    )
                    .map(|(_, m)| m.range());
                    assert_eq!(got, want, "{s:?} from {floor}");
                }
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "\n\n\n",
            "1 2 3 4 5",
            ")))(((",
            "Case No.",
            "UNITED STATES DISTRICT COURT",
            "é\u{2019}ü 12 ) § | Dated: 99/99/9999 United States District Judge",
        ] {
            let n = crate::text::normalize(s);
            let m = metadata(&n);
            assert!(m.pages >= 1);
        }
        let big = "ÄÖ ".repeat(10_000);
        let _ = metadata(&crate::text::normalize(&big));
    }
}
