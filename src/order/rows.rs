//! The caption's layout: the head of the original split into rows of
//! cells. Each line is cut into cells at tabs, runs of three or more spaces
//! and the `)` / `:` / `§` column rules of pleading paper; pleading line
//! numbers are dropped, also when a PDF extraction put a whole page on one
//! line with the numbers inline; ECF header lines give only their case
//! number. Rows are split on demand, as far as the readers ask.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use super::re;

/// Caption rows looked at after the court line.
const MAX_ROWS: usize = 70;

/// One cell of a caption line: its text (tidied) and the visual column it
/// starts at. Most cells need no tidying and borrow the head of the original.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cell<'a> {
    pub(super) text: Cow<'a, str>,
    pub(super) col: usize,
}

pub(super) type Row<'a> = Vec<Cell<'a>>;

/// The caption rows of the head of the original, split into cells on demand:
/// the court line is looked for near the top and the caption ends at its
/// first line of body text, so most of the head is never split.
pub(super) struct Rows<'a> {
    lines: std::str::Lines<'a>,
    rows: Vec<Row<'a>>,
    ecf_case: Option<String>,
}

impl<'a> Rows<'a> {
    pub(super) fn new(head: &'a str) -> Self {
        Rows {
            lines: head.lines(),
            rows: Vec::new(),
            ecf_case: None,
        }
    }

    /// Row `i`, or `None` past the last row of the head.
    pub(super) fn get(&mut self, i: usize) -> Option<&Row<'a>> {
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
    pub(super) fn caption(&mut self, start: usize) -> &[Row<'a>] {
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
    pub(super) fn ecf_case(mut self) -> Option<String> {
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

pub(super) fn row_text(row: &Row) -> String {
    row.iter()
        .map(|c| c.text.as_ref())
        .collect::<Vec<_>>()
        .join(" ")
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
}
