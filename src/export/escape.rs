//! Escaping text for each output format, in one place.

use std::borrow::Cow;

/// A spreadsheet cell that Excel, LibreOffice or Google Sheets would run as
/// a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends against CSV injection;
/// every other cell is returned as it is. A quoted passage such as
/// `=HYPERLINK(…)` then shows as text, and reading the file back, a `'`
/// followed by one of those characters is the only sign of the escape.
pub(crate) fn spreadsheet(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Escapes text for XML and HTML content and attribute values: `&`, `<`,
/// `>`, `"` and `'`; control characters XML 1.0 forbids even escaped become
/// U+FFFD.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted DOT string: `"` and `\` are
/// backslash-escaped, line breaks become `\n`, other control characters a space.
pub(super) fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown inline content, table cells included: every
/// ASCII character with markup meaning is backslash-escaped (CommonMark
/// allows a backslash before any ASCII punctuation), `&` only where it could
/// start an entity, line breaks and tabs become spaces, and other control
/// characters U+FFFD (CommonMark's rule for NUL; an escape sequence would
/// reach the terminal of whoever `cat`s the file).
pub(super) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_leading_cells_get_a_quote_and_others_stay() {
        for cell in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert_eq!(spreadsheet(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [
            "",
            "Smith v. Jones",
            "42 U.S.C. § 1983",
            " =1",
            "'=1",
            "1-2",
            "a@b",
        ] {
            assert!(matches!(spreadsheet(cell), Cow::Borrowed(_)), "{cell:?}");
        }
    }

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml("<script>&\"'\u{1}"),
            "&lt;script&gt;&amp;&quot;&#39;\u{FFFD}"
        );
        assert_eq!(xml("42 U.S.C. § 1983"), "42 U.S.C. § 1983");
    }

    #[test]
    fn dot_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(dot("a \"b\" \\ c\nd"), "a \\\"b\\\" \\\\ c\\nd");
    }

    #[test]
    fn markdown_escapes_what_would_render_as_markup() {
        assert_eq!(
            markdown("A | B *c* _d_ <e>"),
            "A \\| B \\*c\\* \\_d\\_ \\<e\\>"
        );
        assert_eq!(markdown("Smith & Wesson &amp;"), "Smith & Wesson \\&amp;");
        assert_eq!(markdown("Fed. R. Civ. P. 26(c)"), "Fed. R. Civ. P. 26(c)");
    }
}
