//! HTML (and the XML of case-law collections): the text as a reader sees
//! it. Tags are stripped, entities decoded, whitespace folded as a browser
//! folds it (kept in `<pre>`), and block elements become line breaks
//! (paragraph-level ones a blank line) so the normalizer sees paragraphs.
//!
//! Star paging, the reporter's page numbers printed inline in published
//! opinions (`<span class="star-pagination">*1119</span>` in CourtListener,
//! `<a class="page-label">*1119</a>` in CAP), is written as a line of its
//! own, `*1119`, which the normalizer reads as the start of page 1119.

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "head"];

/// Elements that end a line.
const LINE_BREAKS: &[&str] = &["br", "tr", "li", "dt", "dd", "hr"];

/// Elements that stand as paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "title",
    "opinion",
    "casebody",
    "parties",
    "docketnumber",
    "court",
    "decisiondate",
    "attorneys",
    "author",
    "footnote",
    "headnotes",
    "summary",
    "syllabus",
    "figure",
    "aside",
    "nav",
    "main",
    "address",
];

/// Class names that mark star paging.
const STAR_CLASSES: &[&str] = &["star-pagination", "page-label", "pagebreak", "page-break"];

#[derive(Default)]
struct Out {
    text: String,
    /// Whitespace seen since the last character written.
    space: bool,
    /// Line breaks owed before the next character: 1 a line, 2 a paragraph.
    breaks: u8,
}

impl Out {
    fn push(&mut self, c: char) {
        if !self.text.is_empty() {
            if self.breaks > 0 {
                while self.text.ends_with(' ') {
                    self.text.pop();
                }
                self.text
                    .push_str(if self.breaks > 1 { "\n\n" } else { "\n" });
            } else if self.space && !self.text.ends_with(['\n', ' ']) {
                self.text.push(' ');
            }
        }
        self.breaks = 0;
        self.space = false;
        self.text.push(c);
    }

    fn brk(&mut self, n: u8) {
        self.breaks = self.breaks.max(n);
    }

    fn chars(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if pre && c == '\n' {
                self.brk(1);
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                self.push(c);
            }
        }
    }
}

/// A tag: its lower-cased name, whether it closes, whether it closes itself,
/// its class attribute, and where it ends.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    class: String,
    end: usize,
}

/// Parses the tag starting at `b[i] == b'<'`; `None` if it is not one
/// (`a < b` in text).
fn tag(b: &[u8], i: usize) -> Option<Tag> {
    let mut j = i + 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    let ns = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b':' | b'_')) {
        j += 1;
    }
    if j == ns || !b[ns].is_ascii_alphabetic() {
        return None;
    }
    let name = String::from_utf8_lossy(&b[ns..j]).to_ascii_lowercase();
    let attrs_start = j;
    let mut quote = None;
    while j < b.len() {
        match (quote, b[j]) {
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        j += 1;
    }
    let attrs = &b[attrs_start..j.min(b.len())];
    let self_closing = attrs.ends_with(b"/");
    Some(Tag {
        name,
        closing,
        self_closing,
        class: class_of(attrs),
        end: (j + 1).min(b.len()),
    })
}

/// The value of the `class` attribute in `attrs`, lower-cased.
fn class_of(attrs: &[u8]) -> String {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], b"class") {
        let at = from + p;
        from = at + 5;
        if at > 0 && !lower[at - 1].is_ascii_whitespace() {
            continue;
        }
        let mut k = at + 5;
        while lower.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        if lower.get(k) != Some(&b'=') {
            continue;
        }
        k += 1;
        while lower.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        let (start, end) = match lower.get(k) {
            Some(&q @ (b'"' | b'\'')) => {
                let e = memchr::memchr(q, &lower[k + 1..]).map_or(lower.len(), |e| k + 1 + e);
                (k + 1, e)
            }
            _ => {
                let e = lower[k..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'/')
                    .map_or(lower.len(), |e| k + e);
                (k, e)
            }
        };
        return String::from_utf8_lossy(&lower[start..end]).into_owned();
    }
    String::new()
}

/// The page number of star-paging text: `*1119`, `* 1119`, `**1119`, `[*1119]`.
fn star_number(s: &str) -> Option<u32> {
    let t = s
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let t = t.strip_prefix('*')?.trim_start_matches('*').trim_start();
    (!t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
}

/// The text of the HTML document `src`; see the [module docs](self).
pub(super) fn text(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Out::default();
    let mut pre = 0usize;
    // Inside a star-paging element: its name, its nesting depth, its text.
    let mut star: Option<(String, usize, String)> = None;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let e = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
            let decoded = html_escape::decode_html_entities(&src[i..e]);
            match &mut star {
                Some((_, _, buf)) => buf.push_str(&decoded),
                None => out.chars(&decoded, pre > 0),
            }
            i = e;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = memchr::memmem::find(&b[i + 4..], b"-->").map_or(b.len(), |p| i + 4 + p + 3);
            continue;
        }
        if matches!(b.get(i + 1), Some(b'!' | b'?')) {
            i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1);
            continue;
        }
        let Some(t) = tag(b, i) else {
            match &mut star {
                Some((_, _, buf)) => buf.push('<'),
                None => out.chars("<", pre > 0),
            }
            i += 1;
            continue;
        };
        i = t.end;
        if !t.closing && SKIPPED.contains(&t.name.as_str()) && !t.self_closing {
            i = skip_to_close(b, i, &t.name);
            continue;
        }
        if let Some((name, depth, buf)) = &mut star {
            if *name == t.name && !t.self_closing {
                if t.closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
            }
            if *depth == 0 {
                let buf = std::mem::take(buf);
                star = None;
                match star_number(&buf) {
                    Some(n) => {
                        out.brk(1);
                        for c in format!("*{n}").chars() {
                            out.push(c);
                        }
                        out.brk(1);
                    }
                    None => out.chars(&buf, pre > 0),
                }
            }
            continue;
        }
        if !t.closing
            && !t.self_closing
            && t.class
                .split_ascii_whitespace()
                .any(|c| STAR_CLASSES.contains(&c))
        {
            star = Some((t.name, 1, String::new()));
            continue;
        }
        let name = t.name.as_str();
        if name == "pre" {
            pre = if t.closing {
                pre.saturating_sub(1)
            } else {
                pre + 1
            };
        }
        if BLOCKS.contains(&name) {
            out.brk(2);
        } else if LINE_BREAKS.contains(&name) {
            out.brk(1);
        } else if matches!(name, "td" | "th") {
            out.space = true;
        }
    }
    if let Some((_, _, buf)) = star {
        out.chars(&buf, pre > 0);
    }
    out.text.push('\n');
    out.text
}

/// Where the content of a skipped element ends: after `</name>`, else the end.
fn skip_to_close(b: &[u8], from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let lower_close = close.as_bytes();
    let mut k = from;
    while let Some(p) = memchr::memchr(b'<', &b[k..]) {
        let at = k + p;
        if b.len() >= at + lower_close.len()
            && b[at..at + lower_close.len()].eq_ignore_ascii_case(lower_close)
        {
            return memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
        }
        k = at + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn strips_tags_decodes_entities_and_keeps_blocks() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>See <i>Roe</i> v.\n   Wade, 410&nbsp;U.S. 113 &amp; 42 U.S.C. &sect;&#160;1983.</p>\
            <p>Second&#8212;para<br>next line</p><script>var a = '<p>';</script></body></html>";
        assert_eq!(
            text(html),
            "See Roe v. Wade, 410 U.S. 113 & 42 U.S.C. § 1983.\n\nSecond\u{2014}para\nnext line\n"
        );
    }

    #[test]
    fn star_paging_becomes_a_line_of_its_own() {
        let cl = "<p>the court held <span class=\"star-pagination\">*1119</span> that it was</p>";
        assert_eq!(text(cl), "the court held\n*1119\nthat it was\n");
        let cap = "<p>held<a class=\"page-label\" data-label=\"12\" href=\"#p12\">*12</a> that</p>";
        assert_eq!(text(cap), "held\n*12\nthat\n");
        // A class that is not star paging, or text that is not a page, stays text.
        let other =
            "<p>a <span class=\"star-pagination\">note</span> b <span class=x>*3</span></p>";
        assert_eq!(text(other), "a note b *3\n");
    }

    #[test]
    fn malformed_markup_never_panics() {
        for s in [
            "<",
            "<p",
            "<a href='x>",
            "</",
            "<!--",
            "<script>",
            "a < b > c",
            "<span class=\"star-pagination\">*1",
        ] {
            let _ = text(s);
        }
        assert_eq!(text("a < b"), "a < b\n");
    }
}
