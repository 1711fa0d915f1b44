//! Text normalization: turns a court order as extracted from a PDF into clean
//! text, and owns the [`OffsetMap`] that takes every clean offset back to a
//! byte offset in the original.
//!
//! (API contract; implementation in progress.)

/// Clean text plus the map back to the original bytes.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The original text, as given.
    pub original: &'a str,
    /// The clean text.
    pub text: String,
    /// Clean offset → original offset.
    pub map: OffsetMap,
    /// Page breaks: (clean offset where the page starts, page number).
    pub pages: Vec<(usize, u32)>,
}

/// Maps offsets in the clean text back to the original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (clean offset, original offset) at each point where the delta changes, sorted.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Original byte offset of clean offset `clean` (start of a span).
    pub fn start(&self, clean: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= clean);
        if i == 0 {
            return clean;
        }
        let (c, o) = self.anchors[i - 1];
        o + (clean - c)
    }
    /// Original byte offset just past clean offset `clean - 1` (end of a span).
    pub fn end(&self, clean: usize) -> usize {
        if clean == 0 {
            return 0;
        }
        self.start(clean - 1) + 1
    }
}

impl Normalized<'_> {
    /// The page number that clean offset `clean` lies on, if the text has page breaks.
    pub fn page_at(&self, clean: usize) -> Option<u32> {
        let i = self.pages.partition_point(|p| p.0 <= clean);
        (i > 0).then(|| self.pages[i - 1].1)
    }
}

/// Normalizes `original`.
pub fn normalize(original: &str) -> Normalized<'_> {
    Normalized {
        original,
        text: original.to_string(),
        map: OffsetMap::default(),
        pages: Vec::new(),
    }
}
