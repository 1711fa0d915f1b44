//! The clean-to-original offset map, and the builder that writes clean text
//! and its map together so the two can never disagree.

/// One stretch of clean text and where it came from.
///
/// A copy segment is ASCII in both texts with equal length, so every offset
/// inside it is a char boundary on both sides. Everything else (a replaced
/// quote, a kept multibyte char, a decoded entity) is a replace segment whose
/// clean bytes all map to the whole original range `orig..orig_end`.
#[derive(Debug, Clone, Copy)]
struct Seg {
    clean: usize,
    orig: usize,
    orig_end: usize,
    copy: bool,
}

/// Maps offsets in the clean text back to byte offsets in the original.
///
/// Built by [`normalize`](super::normalize); query it with [`start`](Self::start)
/// for the first byte of a span and [`end`](Self::end) for the byte past it.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    clean_len: usize,
}

impl OffsetMap {
    /// The original byte offset where the source of clean byte `clean` begins
    /// (use for span starts). Offsets at or past the end of the clean text map
    /// to the end of the last source. Always a char boundary of the original.
    pub fn start(&self, clean: usize) -> usize {
        if clean >= self.clean_len {
            return self.end(self.clean_len);
        }
        let s = self.seg(clean);
        if s.copy {
            s.orig + (clean - s.clean)
        } else {
            s.orig
        }
    }

    /// The original byte offset just past the source of clean byte
    /// `clean - 1` (use for span ends). For a replaced char (a curly quote
    /// that became `"`) this covers the whole original char. Always a char
    /// boundary of the original.
    pub fn end(&self, clean: usize) -> usize {
        let clean = clean.min(self.clean_len);
        if clean == 0 {
            return if self.clean_len == 0 {
                0
            } else {
                self.start(0)
            };
        }
        let c = clean - 1;
        let s = self.seg(c);
        if s.copy {
            s.orig + (c - s.clean) + 1
        } else {
            s.orig_end
        }
    }

    /// The segment holding clean byte `clean`; callers guarantee
    /// `clean < clean_len`, and the builder always opens a segment at 0.
    fn seg(&self, clean: usize) -> Seg {
        let i = self.segs.partition_point(|s| s.clean <= clean);
        self.segs[i.saturating_sub(1)]
    }
}

/// Writes clean text and records where each piece came from.
///
/// Callers must append in increasing original order; that is what makes
/// the finished map monotonic.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub(crate) text: String,
    segs: Vec<Seg>,
}

impl Builder {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Builder {
            text: String::with_capacity(n),
            segs: Vec::with_capacity(n / 256 + 8),
        }
    }

    /// Appends ASCII `s` standing for the same number of ASCII bytes at
    /// `orig` (copied verbatim, or whitespace folded to a space one for one).
    pub(crate) fn copy(&mut self, orig: usize, s: &str) {
        debug_assert!(s.is_ascii());
        let len = self.text.len();
        let extends = self
            .segs
            .last()
            .is_some_and(|l| l.copy && l.orig + (len - l.clean) == orig);
        if !extends {
            self.segs.push(Seg {
                clean: len,
                orig,
                orig_end: orig,
                copy: true,
            });
        }
        self.text.push_str(s);
    }

    /// Appends `s` standing for the whole original range `orig..orig_end`.
    pub(crate) fn replace(&mut self, orig: usize, orig_end: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.segs.push(Seg {
            clean: self.text.len(),
            orig,
            orig_end,
            copy: false,
        });
        self.text.push_str(s);
    }

    /// Removes the last clean char if it is ASCII (a space or hyphen we
    /// decided against after the fact).
    pub(crate) fn pop_ascii(&mut self) {
        if !self.text.as_bytes().last().is_some_and(u8::is_ascii) {
            return;
        }
        self.text.pop();
        let len = self.text.len();
        if self.segs.last().is_some_and(|l| l.clean >= len) {
            self.segs.pop();
        }
    }

    pub(crate) fn finish(self) -> (String, OffsetMap) {
        let clean_len = self.text.len();
        (
            self.text,
            OffsetMap {
                segs: self.segs,
                clean_len,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_runs_share_one_segment() {
        let mut b = Builder::default();
        b.copy(0, "ab");
        b.copy(2, "c");
        b.copy(5, "d");
        let (text, map) = b.finish();
        assert_eq!(text, "abcd");
        assert_eq!(map.segs.len(), 2);
        assert_eq!((map.start(3), map.end(4)), (5, 6));
        assert_eq!(map.end(3), 3);
    }

    #[test]
    fn replaced_char_covers_whole_source() {
        let mut b = Builder::default();
        b.copy(0, "a");
        b.replace(1, 4, "\"");
        b.copy(4, "b");
        let (_, map) = b.finish();
        assert_eq!((map.start(1), map.end(2)), (1, 4));
        assert_eq!((map.start(2), map.end(3)), (4, 5));
        assert_eq!(map.start(99), 5);
    }

    #[test]
    fn pop_drops_an_emptied_segment() {
        let mut b = Builder::default();
        b.copy(0, "a");
        b.copy(3, " ");
        b.pop_ascii();
        b.copy(5, "b");
        let (text, map) = b.finish();
        assert_eq!(text, "ab");
        assert_eq!(map.start(1), 5);
    }

    #[test]
    fn empty_map() {
        let map = OffsetMap::default();
        assert_eq!(
            (map.start(0), map.end(0), map.start(7), map.end(7)),
            (0, 0, 0, 0)
        );
    }
}
