//! Inline cleaning of one line's content: markup, entities, quotes,
//! whitespace folding and control characters, written through the
//! [`Builder`] so every clean byte keeps its source.
//!
//! Whitespace is never written when seen: it is held as pending and written
//! (as one space or one newline) only when more content arrives, which is what
//! keeps runs folded and lines free of leading and trailing space.

use super::offsets::Builder;

/// Bytes that end a plain run in the hot loop. Everything else is copied in
/// bulk.
const fn special_table(digits: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b < 0x20
            || b == 0x7f
            || b >= 0x80
            || b == b' '
            || b == b'*'
            || b == b'<'
            || b == b'&'
            || b == b'`'
            || b == b'\''
            || (digits && b.is_ascii_digit());
        i += 1;
    }
    t
}

static SPECIAL: [bool; 256] = special_table(false);
static SPECIAL_DIGITS: [bool; 256] = special_table(true);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    None,
    Space,
    Para,
}

/// Whitespace (or a paragraph break) waiting for the next content.
#[derive(Debug, Clone, Copy)]
struct Pending {
    gap: Gap,
    orig: usize,
    orig_end: usize,
    /// The whitespace directly followed removed markup, so a following comma
    /// can swallow it (`<u>Corp.</u> , 464` → `Corp., 464`).
    after_markup: bool,
}

/// What one char outside ASCII (or a decoded entity) turns into.
enum CharClass {
    Keep,
    Drop,
    Space,
    To(&'static str),
}

fn classify(c: char) -> CharClass {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => CharClass::To("\""),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => CharClass::To("'"),
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\u{85}' => CharClass::Space,
        '\u{80}'..='\u{9F}' | '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            CharClass::Drop
        }
        '\t' | '\n' | '\r' | '\x0b' | '\x0c' | ' ' => CharClass::Space,
        c if (c as u32) < 0x20 || c == '\x7f' => CharClass::Drop,
        _ => CharClass::Keep,
    }
}

/// Tag names removed as markup; the flag says the tag separates words.
const TAGS: &[(&str, bool)] = &[
    ("a", false),
    ("abbr", false),
    ("b", false),
    ("big", false),
    ("blockquote", true),
    ("body", true),
    ("br", true),
    ("center", true),
    ("cite", false),
    ("code", false),
    ("dd", true),
    ("del", false),
    ("div", true),
    ("dl", true),
    ("dt", true),
    ("em", false),
    ("font", false),
    ("footnote", true),
    ("h1", true),
    ("h2", true),
    ("h3", true),
    ("h4", true),
    ("h5", true),
    ("h6", true),
    ("head", true),
    ("hr", true),
    ("html", true),
    ("i", false),
    ("ins", false),
    ("li", true),
    ("mark", false),
    ("ol", true),
    ("p", true),
    ("page_number", false),
    ("pre", true),
    ("s", false),
    ("small", false),
    ("span", false),
    ("strike", false),
    ("strong", false),
    ("sub", false),
    ("sup", false),
    ("table", true),
    ("tbody", true),
    ("td", true),
    ("th", true),
    ("thead", true),
    ("tr", true),
    ("tt", false),
    ("u", false),
    ("ul", true),
];

/// Words after which a lone small number is content, not a line number.
const NUMBER_OWNERS: &[&str] = &[
    "at",
    "§",
    "§§",
    "¶",
    "¶¶",
    "no.",
    "nos.",
    "n.",
    "nn.",
    "p.",
    "pp.",
    "para.",
    "rule",
    "rules",
    "section",
    "sections",
    "title",
    "chapter",
    "ch.",
    "and",
    "or",
    "to",
    "through",
    "page",
    "pages",
    "vol.",
    "volume",
    "art.",
    "article",
    "cl.",
    "amend.",
    "id.",
    "supra",
    "infra",
    "tit.",
    "r.",
    "dkt.",
    "ecf",
    "doc.",
    "count",
    "claim",
    "exhibit",
    "ex.",
    "paragraph",
    "footnote",
    "fn.",
    "line",
    "lines",
];

/// Words after which a lone small number is a quantity, not a line number.
const NUMBER_UNITS: &[&str] = &[
    "day", "days", "year", "years", "month", "months", "week", "weeks", "hour", "hours", "minute",
    "minutes", "percent", "times", "dollars", "u.s.c.", "c.f.r.",
];

/// Writes clean text: inline cleaning of line content plus the separators and
/// page marks the layout pass asks for.
pub(crate) struct Emitter<'a> {
    src: &'a str,
    pub(crate) out: Builder,
    pending: Pending,
    /// Markup was removed and no content written since.
    after_markup: bool,
    /// A page starts at the next content; the number if known.
    page_pending: Option<Option<u32>>,
    pub(crate) pages: Vec<(usize, u32)>,
    /// The document carries pleading line numbers inline (text that lost its
    /// line breaks), so small numbers in sequence are removed mid-line.
    inline_numbers: bool,
    /// The line number expected next in inline-numbered text.
    expect_line: u32,
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(src: &'a str, inline_numbers: bool) -> Self {
        Emitter {
            src,
            out: Builder::with_capacity(src.len()),
            pending: Pending {
                gap: Gap::None,
                orig: 0,
                orig_end: 0,
                after_markup: false,
            },
            after_markup: false,
            page_pending: None,
            pages: Vec::new(),
            inline_numbers,
            expect_line: 1,
        }
    }

    /// The source range of the whitespace char at `i` (one byte unless it is
    /// NBSP or another multibyte space).
    pub(crate) fn char_range(&self, i: usize) -> (usize, usize) {
        let len = self.src[i..].chars().next().map_or(0, char::len_utf8);
        (i, i + len)
    }

    /// Holds a gap of kind `gap` sourced at `orig..orig_end`; a stronger
    /// gap upgrades a weaker one, the first source is kept.
    pub(crate) fn gap(&mut self, gap: Gap, orig: usize, orig_end: usize) {
        if self.out.text.is_empty() && self.page_pending.is_none() {
            return;
        }
        let p = &mut self.pending;
        if p.gap == Gap::None {
            *p = Pending {
                gap,
                orig,
                orig_end,
                after_markup: self.after_markup,
            };
        } else if gap == Gap::Para {
            p.gap = Gap::Para;
        }
    }

    pub(crate) fn pending_gap(&self) -> Gap {
        self.pending.gap
    }

    /// Marks that a page starts at the next content. A known number wins over
    /// an unknown one; a later known number (an ECF header after a footer page
    /// number) wins over an earlier one.
    pub(crate) fn page_break(&mut self, number: Option<u32>) {
        match (self.page_pending, number) {
            (Some(Some(_)), None) => {}
            _ => self.page_pending = Some(number),
        }
    }

    pub(crate) fn has_page_pending(&self) -> bool {
        self.page_pending.is_some()
    }

    pub(crate) fn set_expected_line(&mut self, n: u32) {
        self.expect_line = if n >= 28 { 1 } else { n + 1 };
    }

    /// Writes the pending gap (unless `next` is punctuation that should hug
    /// the word before removed markup) and any pending page mark.
    fn flush(&mut self, next: u8) {
        let p = self.pending;
        self.pending.gap = Gap::None;
        if !self.out.text.is_empty() {
            match p.gap {
                Gap::None => {}
                Gap::Space
                    if p.after_markup && matches!(next, b',' | b';' | b':' | b'.' | b')') => {}
                Gap::Space | Gap::Para => {
                    let s = if p.gap == Gap::Para { "\n" } else { " " };
                    if p.orig_end == p.orig + 1 && self.src.as_bytes()[p.orig].is_ascii() {
                        self.out.copy(p.orig, s);
                    } else {
                        self.out.replace(p.orig, p.orig_end, s);
                    }
                }
            }
        }
        if let Some(n) = self.page_pending.take() {
            self.record_page(n);
        }
        self.after_markup = false;
    }

    fn record_page(&mut self, number: Option<u32>) {
        let at = self.out.text.len();
        if let Some(last) = self.pages.last_mut() {
            if last.0 == at {
                if let Some(n) = number {
                    last.1 = n;
                }
                return;
            }
        }
        let n = number.unwrap_or_else(|| match self.pages.last() {
            Some(p) => p.1.saturating_add(1),
            None if at == 0 => 1,
            None => 2,
        });
        if self.pages.is_empty() && at > 0 {
            self.pages.push((0, n.saturating_sub(1).max(1)));
        }
        self.pages.push((at, n));
    }

    fn content_ascii(&mut self, orig: usize, s: &str) {
        if self.pending.gap != Gap::None || self.page_pending.is_some() || self.after_markup {
            self.flush(s.as_bytes()[0]);
        }
        self.out.copy(orig, s);
    }

    fn content_replace(&mut self, orig: usize, orig_end: usize, s: &str) {
        self.flush(s.as_bytes()[0]);
        self.out.replace(orig, orig_end, s);
    }

    /// Cleans `src[start..end]`, one line's content, into the output.
    pub(crate) fn line(&mut self, start: usize, end: usize) {
        let b = self.src.as_bytes();
        let table = if self.inline_numbers {
            &SPECIAL_DIGITS
        } else {
            &SPECIAL
        };
        let mut i = start;
        while i < end {
            let run = i;
            i += plain_len(&b[i..end], table, self.inline_numbers);
            if i > run {
                self.content_ascii(run, &self.src[run..i]);
            }
            if i < end {
                i = self.special(i, start, end);
            }
        }
    }

    /// Handles the special byte at `i`; returns where scanning resumes.
    fn special(&mut self, i: usize, start: usize, end: usize) -> usize {
        let b = self.src.as_bytes();
        let next = b.get(i + 1).copied().unwrap_or(0);
        match b[i] {
            b' ' | b'\t' | b'\r' | 0x0b => {
                self.gap(Gap::Space, i, i + 1);
                i + 1
            }
            0x0c => {
                self.gap(Gap::Space, i, i + 1);
                self.page_break(None);
                i + 1
            }
            b'*' => {
                if next.is_ascii_digit() && i + 1 < end {
                    self.content_ascii(i, "*");
                } else {
                    self.after_markup = true;
                }
                i + 1
            }
            b'<' => match tag_end(&b[i..end]) {
                Some((len, block)) => {
                    if block {
                        self.gap(Gap::Space, i, i + len);
                    }
                    self.after_markup = true;
                    i + len
                }
                None => {
                    self.content_ascii(i, "<");
                    i + 1
                }
            },
            b'&' => match entity(&b[i..end]) {
                Some((len, c)) => {
                    self.char_out(i, i + len, c);
                    i + len
                }
                None => {
                    self.content_ascii(i, "&");
                    i + 1
                }
            },
            q @ (b'`' | b'\'') => {
                if next == q && i + 1 < end {
                    self.content_replace(i, i + 2, "\"");
                    i + 2
                } else {
                    self.content_ascii(i, if q == b'`' { "`" } else { "'" });
                    i + 1
                }
            }
            c if c.is_ascii_digit() => self.digits(i, start, end),
            c if c < 0x80 => i + 1, // control chars and DEL
            _ => {
                let c = self.src[i..].chars().next().unwrap_or('\u{FFFD}');
                let len = c.len_utf8();
                self.char_out(i, i + len, c);
                i + len
            }
        }
    }

    /// Writes the char `c` that stands for `src[orig..orig_end]`.
    fn char_out(&mut self, orig: usize, orig_end: usize, c: char) {
        match classify(c) {
            CharClass::Keep => {
                let mut buf = [0u8; 4];
                let s: &str = c.encode_utf8(&mut buf);
                if c.is_ascii() && orig_end == orig + 1 {
                    self.content_ascii(orig, s);
                } else {
                    self.content_replace(orig, orig_end, s);
                }
            }
            CharClass::Drop => {}
            CharClass::Space => self.gap(Gap::Space, orig, orig_end),
            CharClass::To(s) => self.content_replace(orig, orig_end, s),
        }
    }

    /// A digit token in inline-numbered text: drops it when it is a pleading
    /// line number that lost its line break, otherwise copies it.
    fn digits(&mut self, i: usize, start: usize, end: usize) -> usize {
        let b = self.src.as_bytes();
        let tok_end = i + b[i..end].iter().take_while(|c| c.is_ascii_digit()).count();
        let at_token_start = i == start || b[i - 1] == b' ' || b[i - 1] == b'\t';
        let at_token_end = tok_end == end || b[tok_end] == b' ' || b[tok_end] == b'\t';
        if !(at_token_start && at_token_end) {
            self.content_ascii(i, &self.src[i..tok_end]);
            return tok_end;
        }
        let Some(first) = small_number(&b[i..tok_end]) else {
            self.content_ascii(i, &self.src[i..tok_end]);
            return tok_end;
        };
        // A run of consecutive numbers ("25 26", "1 2 3 4") is line numbering.
        let mut last = first;
        let mut run_end = tok_end;
        let mut count = 1;
        loop {
            let mut j = run_end;
            while j < end && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            let k = j + b[j..end].iter().take_while(|c| c.is_ascii_digit()).count();
            let closes = k == end || b[k] == b' ' || b[k] == b'\t';
            match small_number(&b[j..k]) {
                Some(n) if j > run_end && closes && n == last + 1 => {
                    last = n;
                    run_end = k;
                    count += 1;
                }
                _ => break,
            }
        }
        // One skipped number is tolerated so a single miss does not lose the
        // count for the rest of the document.
        let expected = first == self.expect_line || first == self.expect_line + 1;
        let lone_ok = count == 1 && expected && self.lone_number_is_line(tok_end, end);
        if count >= 2 || lone_ok {
            self.set_expected_line(last);
            return run_end;
        }
        self.content_ascii(i, &self.src[i..tok_end]);
        tok_end
    }

    /// Whether a lone number (ending at `tok_end`) that matches the expected
    /// line number is safe to drop: the word before it must not own a number
    /// (`at 5`, `§ 12`) and the token after it must not continue a citation.
    fn lone_number_is_line(&self, tok_end: usize, end: usize) -> bool {
        let text = self.out.text.as_bytes();
        let prev_end = text.len();
        let prev_start = text
            .iter()
            .rposition(|&c| c == b' ' || c == b'\n')
            .map_or(0, |p| p + 1);
        let prev = &self.out.text[prev_start..prev_end];
        // After a bare number ("Nos. 12, 13") a small number is a list item.
        if !prev.is_empty() && prev.bytes().all(|c| c.is_ascii_digit() || c == b',') {
            return false;
        }
        if NUMBER_OWNERS.iter().any(|w| w.eq_ignore_ascii_case(prev)) {
            return false;
        }
        let b = self.src.as_bytes();
        let mut j = tok_end;
        while j < end && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        let next_end = j + b[j..end]
            .iter()
            .take_while(|&&c| c != b' ' && c != b'\t')
            .count();
        let next = &b[j..next_end];
        match next.first() {
            None => true,
            Some(c)
                if c.is_ascii_digit() || matches!(c, b'(' | b'%' | b'-' | b'/') || *c >= 0x80 =>
            {
                false
            }
            Some(c) if c.is_ascii_uppercase() && next.iter().take(7).any(|&c| c == b'.') => false,
            Some(_) => !NUMBER_UNITS.iter().any(|w| {
                w.as_bytes()
                    .eq_ignore_ascii_case(next.strip_suffix(b",").unwrap_or(next))
            }),
        }
    }

    pub(crate) fn finish(self) -> (String, super::OffsetMap, Vec<(usize, u32)>) {
        let (text, map) = self.out.finish();
        (text, map, self.pages)
    }
}

/// Length of the plain prefix of `s`: bytes copied as they are, including
/// single spaces between plain bytes.
#[inline]
fn plain_len(s: &[u8], table: &[bool; 256], digits: bool) -> usize {
    // A leading space is always whitespace to fold, never plain; the word
    // test below cannot see that (it needs the byte before).
    if s.first().is_some_and(|&c| table[c as usize]) {
        return 0;
    }
    let mut k = 0;
    if !digits {
        // Eight bytes at a time: `swar_flags` never misses a special byte,
        // and any byte it flags is checked against the table below.
        while let Some(w) = s.get(k..k + 8) {
            let flags = swar_flags(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
            if flags == 0 {
                k += 8;
                continue;
            }
            let p = k + (flags.trailing_zeros() / 8) as usize;
            if is_stop(s, p, table) {
                return p;
            }
            k = p + 1;
        }
    }
    while k < s.len() {
        if is_stop(s, k, table) {
            return k;
        }
        k += 1;
    }
    k
}

/// Whether the plain run must end before `s[p]`. A space is plain only
/// between two plain bytes inside the run.
#[inline]
fn is_stop(s: &[u8], p: usize, table: &[bool; 256]) -> bool {
    let c = s[p];
    table[c as usize] && !(c == b' ' && p > 0 && s.get(p + 1).is_some_and(|&n| !table[n as usize]))
}

/// High bit set in (at least) every byte of `w` that may end a plain run:
/// controls, non-ASCII, `* < & ` '`, and spaces not followed by a plain
/// byte. May also flag bytes above a flagged one (borrow), never misses one.
#[inline]
fn swar_flags(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let eq = |c: u8| zero(w ^ (LO * u64::from(c)));
    let special = (w.wrapping_sub(LO * 0x20) & !w & HI) // controls
        | (w & HI)
        | eq(0x7f)
        | eq(b'*')
        | eq(b'<')
        | eq(b'&')
        | eq(b'`')
        | eq(b'\'');
    let space = eq(b' ');
    special | (space & ((special | space) >> 8)) | (space & (HI << 56))
}

/// A line number candidate: 1 to 28 without a leading zero.
fn small_number(tok: &[u8]) -> Option<u32> {
    match tok {
        [d @ b'1'..=b'9'] => Some(u32::from(d - b'0')),
        [a @ b'1'..=b'2', d @ b'0'..=b'9'] => {
            let n = u32::from(a - b'0') * 10 + u32::from(d - b'0');
            (n <= 28).then_some(n)
        }
        _ => None,
    }
}

/// If `s` (starting at `<`) opens a known markup tag, its length and whether
/// it separates words. Autolinks such as `<http://…>` are not tags.
fn tag_end(s: &[u8]) -> Option<(usize, bool)> {
    let mut j = 1;
    if s.get(j) == Some(&b'/') {
        j += 1;
    }
    let name_start = j;
    while j < s.len() && j - name_start <= 12 && (s[j].is_ascii_alphanumeric() || s[j] == b'_') {
        j += 1;
    }
    let name = &s[name_start..j];
    let after = *s.get(j)?;
    if name.is_empty() || !(after == b'>' || after == b'/' || after == b' ' || after == b'\t') {
        return None;
    }
    let block = TAGS
        .iter()
        .find(|(t, _)| t.as_bytes().eq_ignore_ascii_case(name))?
        .1;
    let window = &s[j..s.len().min(j + 2048)];
    let close = memchr::memchr2(b'>', b'<', window)?;
    (window[close] == b'>').then_some((j + close + 1, block))
}

/// If `s` (starting at `&`) is a character reference we decode, its length
/// and the char it stands for.
fn entity(s: &[u8]) -> Option<(usize, char)> {
    let semi = s.iter().take(12).position(|&c| c == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix(b"#") {
        let (digits, radix) = match num.first() {
            Some(b'x' | b'X') => (&num[1..], 16),
            _ => (num, 10),
        };
        let text = std::str::from_utf8(digits).ok()?;
        if text.is_empty() || !text.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        char::from_u32(u32::from_str_radix(text, radix).ok()?).filter(|&c| c != '\0')?
    } else {
        match body {
            b"amp" => '&',
            b"lt" => '<',
            b"gt" => '>',
            b"quot" => '"',
            b"apos" => '\'',
            b"nbsp" => '\u{A0}',
            b"sect" => '§',
            b"para" => '¶',
            b"mdash" => '—',
            b"ndash" => '–',
            b"lsquo" | b"rsquo" | b"sbquo" => '\'',
            b"ldquo" | b"rdquo" | b"bdquo" => '"',
            b"hellip" => '…',
            b"shy" => '\u{AD}',
            b"copy" => '©',
            b"reg" => '®',
            b"deg" => '°',
            _ => return None,
        }
    };
    Some((semi + 1, c))
}
