//! Page layout: decides, line by line, what is pleading-paper line
//! numbering, page furniture (page numbers, ECF headers, running headers and
//! footers) and what is content, and how the gaps between content lines
//! become a space, a paragraph break, or nothing (a hyphenated word).
//!
//! Decisions that need the whole document (is it line-numbered, is it
//! double-spaced, which lines repeat on every page) are made on a table of
//! line extents first; the content itself is then cleaned in one pass.

use std::collections::HashMap;

use super::clean::{Emitter, Gap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Text,
    /// A pleading line number standing alone.
    LineNumber,
    /// A page number; the number printed.
    PageNumber(u32),
    /// An ECF stamp; the page it opens, if it says.
    Header(Option<u32>),
    /// A running header or footer.
    Furniture,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Trimmed extent: no surrounding whitespace or control bytes.
    ts: usize,
    te: usize,
    /// Where content starts once a line number is removed.
    cs: usize,
    kind: Kind,
    /// The pleading line number this line carried, 0 if none.
    num: u32,
    /// A form feed sat in the line's leading or trailing whitespace.
    ff: bool,
}

/// Whether byte `c` is whitespace or a control byte, trimmed at line edges.
fn is_blankish(c: u8) -> bool {
    c <= b' ' || c == 0x7f
}

/// Splits `src` into trimmed lines.
fn scan(src: &str) -> Vec<Line> {
    let b = src.as_bytes();
    let mut lines = Vec::with_capacity(b.len() / 48 + 4);
    let mut s = 0;
    while s <= b.len() {
        let e = memchr::memchr(b'\n', &b[s..]).map_or(b.len(), |p| s + p);
        let mut ts = s;
        let mut ff = false;
        loop {
            if ts < e && is_blankish(b[ts]) {
                ff |= b[ts] == 0x0c;
                ts += 1;
            } else if ts + 1 < e && b[ts] == 0xC2 && b[ts + 1] == 0xA0 {
                ts += 2;
            } else {
                break;
            }
        }
        let mut te = e;
        loop {
            if te > ts && is_blankish(b[te - 1]) {
                ff |= b[te - 1] == 0x0c;
                te -= 1;
            } else if te >= ts + 2 && b[te - 2] == 0xC2 && b[te - 1] == 0xA0 {
                te -= 2;
            } else {
                break;
            }
        }
        let kind = if ts == te { Kind::Blank } else { Kind::Text };
        lines.push(Line {
            ts,
            te,
            cs: ts,
            kind,
            num: 0,
            ff,
        });
        if e == b.len() {
            break;
        }
        s = e + 1;
    }
    lines
}

/// A leading integer token: its value (up to 4 digits) and where it ends,
/// if it is followed by whitespace or the end of the line.
fn leading_number(b: &[u8], ts: usize, te: usize) -> Option<(u32, usize)> {
    let len = b[ts..te]
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if len == 0 || len > 4 || b[ts] == b'0' {
        return None;
    }
    let end = ts + len;
    if end < te && !(b[end] == b' ' || b[end] == b'\t') {
        return None;
    }
    let n = b[ts..end]
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    Some((n, end))
}

fn skip_ws(b: &[u8], mut i: usize, te: usize) -> usize {
    while i < te && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// Whether the text at `i` reads as the rest of a citation whose number
/// came first (`U.S.C. § 1983`, `F.3d 951`, `§ 12`), so a number before it
/// is probably a volume, not a line number.
fn continues_citation(b: &[u8], i: usize, te: usize) -> bool {
    let t = &b[i..te.min(i + 8)];
    match t.first() {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if c.is_ascii_uppercase() => t.iter().take(4).any(|&c| c == b'.'),
        Some(0xC2) => t.get(1) == Some(&0xA7), // §
        _ => false,
    }
}

/// Star paging alone on a line, `*1119`: the reporter page that starts
/// here, as published opinions print it (and as HTML ingestion writes it).
fn star_page(t: &[u8]) -> Option<u32> {
    let d = t.strip_prefix(b"*")?;
    if d.is_empty() || d.len() > 6 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(d).ok()?.parse().ok().filter(|&n| n > 0)
}

/// Page numbers printed alone on a line: `3`, `- 3 -`, `-3-`, `Page 3`,
/// `Page 3 of 10`.
fn page_number(t: &[u8]) -> Option<u32> {
    let t = t.strip_prefix(b"Page ").unwrap_or(t);
    let (t, dashed) = match t.strip_prefix(b"-") {
        Some(rest) => {
            let rest = rest.strip_suffix(b"-")?;
            (rest.trim_ascii(), true)
        }
        None => (t, false),
    };
    let len = t.iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 || len > 4 || t[0] == b'0' {
        return None;
    }
    let n = t[..len]
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let rest = t[len..].trim_ascii();
    if rest.is_empty() {
        return Some(n);
    }
    let of = rest.strip_prefix(b"of ")?;
    (!dashed && !of.is_empty() && of.iter().all(u8::is_ascii_digit)).then_some(n)
}

/// An ECF stamp (`Case 1:17-cv-00693-DAD-SAB Document 35 Filed 09/20/18
/// Page 1 of 2`); the page it names, if it names one.
fn ecf_header(t: &[u8]) -> Option<Option<u32>> {
    if !(t.starts_with(b"Case ") || t.starts_with(b"Case:")) || t.len() > 240 {
        return None;
    }
    let finder = |needle: &[u8]| memchr::memmem::find(t, needle);
    finder(b"Document")?;
    finder(b"Filed")?;
    let page = finder(b"Page").and_then(|p| {
        let rest = &t[p + 4..];
        let rest = rest.strip_prefix(b":").unwrap_or(rest).trim_ascii_start();
        let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        (1..=4).contains(&len).then(|| {
            rest[..len]
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
        })
    });
    Some(page)
}

/// The tail of an ECF stamp wrapped onto its own line (`#:98395`,
/// `PageID: 263`).
fn ecf_tail(t: &[u8]) -> bool {
    let rest = t
        .strip_prefix(b"#:")
        .or_else(|| t.strip_prefix(b"PageID"))
        .or_else(|| t.strip_prefix(b"Page ID"));
    rest.is_some_and(|r| {
        r.iter()
            .all(|&c| c.is_ascii_digit() || matches!(c, b'#' | b':' | b' '))
    })
}

/// `Northern District of California` and kin: the second half of the
/// side-bar footer on Northern District of California orders.
fn district_line(t: &[u8]) -> bool {
    t.len() < 60
        && memchr::memmem::find(t, b"District of ").is_some()
        && !matches!(t.last(), Some(b'.' | b',' | b';' | b':'))
}

fn terminal_punct(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', ')', ']']);
    let Some(last) = t.bytes().last() else {
        return false;
    };
    match last {
        b'?' | b'!' | b':' => true,
        b'.' => {
            let body = &t[..t.len() - 1];
            let word = body.rsplit([' ', '\n', '(']).next().unwrap_or("");
            // Single letters and dotted abbreviations (`F.`, `U.S.`, `Civ.P.`)
            // end citations far more often than sentences.
            // A pin cite ending a sentence (`at 2.`) is common; a bare
            // letter before a period is an initial or an abbreviation.
            (word.len() >= 2 || word.bytes().all(|c| c.is_ascii_digit()))
                && !word.is_empty()
                && !word.contains('.')
                && !matches!(
                    word,
                    "Supp"
                        | "Cal"
                        | "Cir"
                        | "Inc"
                        | "Corp"
                        | "App"
                        | "Dist"
                        | "Fed"
                        | "Civ"
                        | "Crim"
                        | "Stat"
                        | "Co"
                        | "No"
                        | "Nos"
                        | "See"
                        | "Ct"
                        | "Rev"
                        | "Ann"
                        | "Cf"
                        | "al"
                        | "Ltd"
                        | "Mr"
                        | "Ms"
                        | "Dr"
                        | "Jr"
                        | "Sr"
                        | "St"
                        | "Proc"
                        | "Evid"
                        | "Admin"
                        | "Dep't"
                        | "Cnty"
                        | "Ass'n"
                        | "Bros"
                        | "ed"
                )
        }
        _ => false,
    }
}

/// A heading line: letters, all of them capitals (`II. ANALYSIS`).
fn heading(t: &[u8]) -> bool {
    !t.iter().any(u8::is_ascii_lowercase)
        && t.iter().filter(|c| c.is_ascii_uppercase()).count() >= 3
}

/// A line ending mid-sentence followed, across a blank line, by one
/// starting lowercase: a wrap the PDF extraction spaced out, not a paragraph.
fn continues_sentence(text: &str, first: u8) -> bool {
    first.is_ascii_lowercase()
        && text
            .bytes()
            .last()
            .is_some_and(|c| c.is_ascii_lowercase() || c == b',')
}

/// The last `n` bytes of `text` or a little more, cut at a char boundary.
fn tail(text: &str, n: usize) -> &str {
    let mut i = text.len().saturating_sub(n);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    &text[i..]
}

/// Whether a line starting with byte `c` can open a paragraph.
fn opens_paragraph(c: u8) -> bool {
    c.is_ascii_uppercase()
        || matches!(c, b'"' | b'\'' | b'(' | b'[' | b'*' | b'<' | b'-' | b'_')
        || c >= 0x80
}

/// Document-wide facts decided before cleaning.
struct Plan {
    numbered: bool,
    inline_numbers: bool,
    double_spaced: bool,
    max_line: u32,
}

/// Marks line numbers, page numbers and ECF stamps; decides if the document
/// is line-numbered.
fn classify(b: &[u8], lines: &mut [Line]) -> Plan {
    // A document is line-numbered when many lines open with a small number
    // that continues the count of the numbered line before.
    let (mut seq, mut nonblank, mut last) = (0usize, 0usize, 0u32);
    for l in lines.iter() {
        if l.kind == Kind::Blank {
            continue;
        }
        nonblank += 1;
        if let Some((n, _)) = leading_number(b, l.ts, l.te).filter(|&(n, _)| n <= 28) {
            if n == last + 1 || n == last + 2 || n == 1 {
                seq += 1;
            }
            last = n;
        }
    }
    let numbered = seq >= 5 && seq * 4 >= nonblank;
    let inline_numbers = !numbered
        && lines
            .iter()
            .find(|l| l.kind != Kind::Blank)
            .is_some_and(|l| b[l.ts..l.te].starts_with(b"1 2 3 "));

    let mut prev_ln = 0u32;
    let mut max_line = 0u32;
    let mut after_header = false;
    for i in 0..lines.len() {
        let l = lines[i];
        if l.kind == Kind::Blank {
            continue;
        }
        let t = &b[l.ts..l.te];
        if after_header && ecf_tail(t) {
            lines[i].kind = Kind::Header(None);
            continue;
        }
        after_header = false;
        if let Some(page) = star_page(t) {
            lines[i].kind = Kind::Header(Some(page));
            continue;
        }
        if t[0] == b'C' {
            if let Some(page) = ecf_header(t) {
                lines[i].kind = Kind::Header(page);
                after_header = true;
                continue;
            }
        }
        let lead = leading_number(b, l.ts, l.te);
        if numbered || inline_numbers {
            if let Some((n, end)) = lead.filter(|&(n, _)| n <= 28) {
                let plausible = n == 1 || n == prev_ln + 1 || n == prev_ln + 2;
                let rest = skip_ws(b, end, l.te);
                if rest == l.te {
                    if plausible || prev_ln == 0 {
                        lines[i].kind = Kind::LineNumber;
                        lines[i].num = n;
                        prev_ln = n;
                        max_line = max_line.max(n);
                    } else {
                        lines[i].kind = Kind::PageNumber(n);
                    }
                    continue;
                }
                if numbered && (plausible || !continues_citation(b, rest, l.te)) {
                    let mut cs = rest;
                    let mut num = n;
                    // OCR sometimes merges two line numbers: "23 24\tPlaintiff's".
                    if let Some((m, end2)) = leading_number(b, rest, l.te) {
                        let after = skip_ws(b, end2, l.te);
                        if m == n + 1 && after > end2 && !continues_citation(b, after, l.te) {
                            cs = after;
                            num = m;
                        }
                    }
                    lines[i].cs = cs;
                    lines[i].num = num;
                    prev_ln = num;
                    max_line = max_line.max(num);
                    continue;
                }
            }
        }
        if let Some(n) = page_number(t) {
            // A bare number is a page number only where page numbers sit:
            // between blank lines or at a page edge. Dashed and "Page N"
            // forms are unambiguous.
            let bare = t[0].is_ascii_digit();
            let edge = |j: Option<&Line>| j.is_none_or(|l| l.kind == Kind::Blank || l.ff);
            if !bare
                || numbered
                || l.ff
                || edge(i.checked_sub(1).map(|j| &lines[j]))
                || edge(lines.get(i + 1))
            {
                lines[i].kind = Kind::PageNumber(n);
            }
        }
    }

    furniture(b, lines, numbered);

    // Double spacing: lines that wrap mid-sentence are mostly separated by
    // one blank line, so a single blank line is not a paragraph break.
    let (mut tight, mut spaced) = (0usize, 0usize);
    let mut prev: Option<u8> = None;
    let mut blanks = 0;
    for l in lines.iter() {
        match l.kind {
            Kind::Blank => blanks += 1,
            Kind::Text => {
                if let Some(c) = prev {
                    if c.is_ascii_lowercase() || c == b',' {
                        match blanks {
                            0 => tight += 1,
                            1 => spaced += 1,
                            _ => {}
                        }
                    }
                }
                prev = Some(b[l.te - 1]);
                blanks = 0;
            }
            _ => {}
        }
    }
    let double_spaced = spaced >= 3 && spaced > tight * 2;

    Plan {
        numbered,
        inline_numbers,
        double_spaced,
        max_line: if max_line >= 20 { max_line } else { 28 },
    }
}

/// Removes running headers and footers: lines repeated on most pages, and
/// the Northern District of California side-bar footer.
fn furniture(b: &[u8], lines: &mut [Line], numbered: bool) {
    // Each kind of page mark alone may be missing; the most frequent one
    // counts the pages.
    let (mut ffs, mut headers, mut numbers) = (0usize, 0usize, 0usize);
    for l in lines.iter() {
        ffs += usize::from(l.ff);
        headers += usize::from(matches!(l.kind, Kind::Header(Some(_))));
        numbers += usize::from(matches!(l.kind, Kind::PageNumber(_)));
    }
    let pages = ffs.max(headers).max(numbers);
    if pages >= 3 {
        // Running heads and feet sit next to the page marks, so only the few
        // lines on either side of each mark are candidates.
        let near = page_edges(lines);
        let mut counts: HashMap<&[u8], u32> = HashMap::new();
        for &i in &near {
            let l = lines[i];
            let t = &b[l.cs..l.te];
            if (10..=120).contains(&t.len()) {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
        let threshold = 3.max(pages as u32 / 2);
        for &i in &near {
            let l = &mut lines[i];
            if l.kind == Kind::Text && counts.get(&b[l.cs..l.te]).is_some_and(|&c| c >= threshold) {
                l.kind = Kind::Furniture;
            }
        }
    }
    // The title-case pair is a footer in pleading-paper orders; elsewhere it
    // is only trusted past the caption.
    let mut seen = 0usize;
    for i in 0..lines.len() {
        if lines[i].kind == Kind::Blank {
            continue;
        }
        seen += 1;
        let l = lines[i];
        if l.kind != Kind::Text
            || &b[l.cs..l.te] != b"United States District Court"
            || !(numbered || seen > 20)
        {
            continue;
        }
        let neighbor = |lines: &[Line], j: usize| {
            lines[j].kind == Kind::Text && district_line(&b[lines[j].cs..lines[j].te])
        };
        let mut hit = false;
        if let Some(j) = (0..i).rev().find(|&j| lines[j].kind != Kind::Blank) {
            if neighbor(lines, j) {
                lines[j].kind = Kind::Furniture;
                hit = true;
            }
        }
        if let Some(j) = (i + 1..lines.len()).find(|&j| lines[j].kind != Kind::Blank) {
            if neighbor(lines, j) {
                lines[j].kind = Kind::Furniture;
                hit = true;
            }
        }
        if hit {
            lines[i].kind = Kind::Furniture;
        }
    }
}

/// Indices of the text lines within `EDGE` non-blank lines of a page mark,
/// each once, in order.
fn page_edges(lines: &[Line]) -> Vec<usize> {
    const EDGE: usize = 3;
    let is_mark = |l: &Line| l.ff || matches!(l.kind, Kind::Header(_) | Kind::PageNumber(_));
    let mut out: Vec<usize> = Vec::new();
    for (m, _) in lines.iter().enumerate().filter(|(_, l)| is_mark(l)) {
        let before = (0..m)
            .rev()
            .filter(|&j| lines[j].kind != Kind::Blank)
            .take(EDGE);
        let after = (m + 1..lines.len())
            .filter(|&j| lines[j].kind != Kind::Blank)
            .take(EDGE);
        for j in before.chain(after).chain(std::iter::once(m)) {
            if lines[j].kind == Kind::Text {
                out.push(j);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Cleans `src` into `em` following the layout decisions.
pub(crate) fn run(src: &str) -> Emitter<'_> {
    let b = src.as_bytes();
    let mut lines = scan(src);
    let plan = classify(b, &mut lines);
    let mut em = Emitter::new(src, plan.inline_numbers);

    let mut blanks = 0u32;
    let mut soft = false;
    let mut gap_src: Option<usize> = None;
    let mut prev_ln = 0u32;
    let mut had_content = false;
    let mut prev: Option<(usize, usize)> = None;
    for l in &lines {
        if l.ff {
            em.page_break(None);
            soft = true;
        }
        match l.kind {
            Kind::Blank => {
                blanks += 1;
                continue;
            }
            Kind::Text => {}
            Kind::LineNumber => {
                if plan.inline_numbers {
                    em.set_expected_line(l.num);
                }
                if l.num <= 2 && prev_ln >= 10 && had_content {
                    em.page_break(None);
                }
                if l.num + 1 >= plan.max_line {
                    soft = true;
                }
                prev_ln = l.num;
                continue;
            }
            Kind::PageNumber(n) => {
                if had_content {
                    em.page_break(Some(if em.has_page_pending() {
                        n
                    } else {
                        n.saturating_add(1)
                    }));
                    soft = true;
                }
                continue;
            }
            Kind::Header(page) => {
                em.page_break(page);
                soft = true;
                continue;
            }
            Kind::Furniture => {
                soft = true;
                continue;
            }
        }
        if plan.numbered && l.num > 0 {
            if l.num <= 2 && prev_ln >= 10 && had_content {
                em.page_break(None);
            }
            // Pleading paper is often double-spaced: a blank line before a
            // numbered line is layout, and only punctuation tells a paragraph.
            soft = true;
            prev_ln = l.num;
        }
        let first = b[l.cs];
        if let Some(g) = gap_src {
            let text = em.out.text.as_bytes();
            let hyphenated = first.is_ascii_lowercase()
                && text.len() >= 2
                && text[text.len() - 1] == b'-'
                && text[text.len() - 2].is_ascii_lowercase()
                && em.pending_gap() == Gap::None;
            let (o, oe) = em.char_range(g);
            if hyphenated {
                em.out.pop_ascii();
            } else if blanks == 0 {
                em.gap(Gap::Space, o, oe);
            } else if soft
                || (plan.double_spaced && blanks == 1)
                || continues_sentence(&em.out.text, first)
            {
                let ended = terminal_punct(tail(&em.out.text, 40))
                    || prev.is_some_and(|p| heading(&b[p.0..p.1]));
                let para = ended && opens_paragraph(first);
                em.gap(if para { Gap::Para } else { Gap::Space }, o, oe);
            } else {
                em.gap(Gap::Para, o, oe);
            }
        }
        em.line(l.cs, l.te);
        had_content = had_content || !em.out.text.is_empty();
        gap_src = (l.te < b.len()).then_some(l.te);
        prev = Some((l.cs, l.te));
        blanks = 0;
        soft = false;
    }
    em
}
