//! Byte-level scanning shared by every citation parser: digit runs, spaces,
//! balanced parentheses, tokens, blanks standing for a page to come, and the
//! one question every parser asks of what follows a comma — does a
//! volume–reporter citation start here?
//!
//! This module sits below `case`, `context`, `keywords` and `law`, which all
//! use it and none of which it uses; it knows the reporter table only through
//! [`super::reporters`]. Everything works on clean text with byte offsets into
//! it and allocates nothing.

use super::reporters::{self, Edition};

pub(crate) use crate::text::floor_char_boundary;

/// A byte that continues a word: ASCII letters and digits, and every byte of
/// a multi-byte character (so `é` and `’` never end one).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// End of the run of ASCII digits starting at `i`.
pub(crate) fn digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// End of the run of spaces starting at `i`.
pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// End of a balanced parenthetical that opens at `open` (`text[open] == '('`),
/// limited to `max` bytes so a stray parenthesis cannot swallow the document.
/// A paragraph break inside it ends the search: a parenthetical does not
/// cross paragraphs.
pub(crate) fn paren_end(text: &str, open: usize, max: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let limit = (open + max).min(b.len());
    for (i, &c) in b.iter().enumerate().take(limit).skip(open) {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'\n' if depth > 0 && i > open + 1 && b[i - 1] == b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// The byte range of the token (run of non-space bytes) that ends at `end`,
/// past any spaces before `end`; `None` at the start of the text or of a line.
pub(crate) fn token_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut e = end;
    while e > 0 && bytes[e - 1] == b' ' {
        e -= 1;
    }
    if e == 0 || bytes[e - 1] == b'\n' {
        return None;
    }
    let mut s = e;
    while s > 0 && !matches!(bytes[s - 1], b' ' | b'\n') {
        s -= 1;
    }
    Some((s, e))
}

/// Where what follows a reporter or code begins: past an optional comma and
/// the one space that must come next (`F.3d 951`, `U.S.C., § 1983`). A
/// paragraph break there is layout, as between volume and reporter: a page
/// break or a blank line from PDF extraction (`24 F.3d\n353`).
pub(crate) fn after_reporter(b: &[u8], rep_end: usize) -> Option<usize> {
    let p = rep_end + usize::from(b.get(rep_end) == Some(&b','));
    matches!(b.get(p), Some(b' ' | b'\n')).then_some(p + 1)
}

/// End of a blank standing for a volume or page not yet assigned (`___`,
/// `—`, `----`), if one starts at `i`.
pub(crate) fn blank_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut e = i;
    while e < b.len() && b[e] == b'_' {
        e += 1;
    }
    if e == i {
        while e + 1 < b.len() && b[e] == b'-' && b[e + 1] == b'-' {
            e += 2;
        }
        while e < b.len() && b[e] == b'-' && e > i {
            e += 1;
        }
    }
    if e == i {
        while text[e..].starts_with('—') || text[e..].starts_with('–') {
            e += '—'.len_utf8();
        }
    }
    (e > i).then_some(e)
}

/// The parts of a neutral citation (`2006-Ohio-2095`, `2007-NMCERT-008`)
/// whose four-digit year runs from `start` to `end` (at the first hyphen):
/// the reporter's edition, where the reporter ends and where the number ends.
pub(crate) fn neutral_parts(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(&'static Edition, usize, usize)> {
    let b = text.as_bytes();
    if end - start != 4 || b.get(end) != Some(&b'-') {
        return None;
    }
    let m = reporters::db().match_at(text, end + 1)?;
    let rep_end = end + 1 + m.len;
    // Neutral reporters are court names (`Ohio`, `NMSC`); a lone letter is a docket's
    // series, as in Ohio's "11th Dist. Nos. 2001-P-0158".
    if m.len < 2 || b.get(rep_end) != Some(&b'-') {
        return None;
    }
    let page_end = digits(b, rep_end + 1);
    if page_end == rep_end + 1 || b.get(page_end).is_some_and(|&x| is_word_byte(x)) {
        return None;
    }
    Some((*m.editions.first()?, rep_end, page_end))
}

/// Does a volume–reporter citation start at `pos`? (Tells a parallel cite from a pin.)
pub(crate) fn starts_citation(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let e = digits(b, pos);
    e > pos
        && matches!(b.get(e), Some(b' ' | b'-'))
        && e + 1 < b.len()
        && reporters::db().could_start(b[e + 1])
        && if b[e] == b' ' {
            reporters::db().match_at(text, e + 1).is_some()
        } else {
            // `2009-Ohio-2961`: the year of a neutral citation is no pin.
            neutral_parts(text, pos, e).is_some()
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parentheses_balance_and_stop_at_paragraphs() {
        assert_eq!(paren_end("(a (b) c) d", 0, 100), Some(9));
        assert_eq!(paren_end("(a\n\nb)", 0, 100), None);
        assert_eq!(paren_end("(aaaa)", 0, 3), None);
    }

    #[test]
    fn blanks_and_citation_starts() {
        assert_eq!(blank_at("___ U.S.", 0), Some(3));
        assert_eq!(blank_at("— U.S. —", 0), Some(3));
        assert_eq!(blank_at("-x", 0), None);
        assert!(starts_citation("550 U.S. 544", 0));
        assert!(starts_citation("2009-Ohio-2961", 0));
        assert!(!starts_citation("2009-P-0158", 0));
        assert!(!starts_citation("559 and 560", 0));
    }

    #[test]
    fn tokens_stop_at_lines() {
        let t = "ab cd\nef gh ";
        assert_eq!(token_before(t, t.len()), Some((9, 11)));
        assert_eq!(token_before(t, 6), None);
        assert_eq!(token_before(t, 8), Some((6, 8)));
    }
}
