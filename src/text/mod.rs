//! Text normalization: turns a court order as extracted from a PDF, HTML or
//! markdown into clean text for the citation scanner, and owns the
//! [`OffsetMap`] that takes every clean offset back to a byte offset in the
//! original.
//!
//! [`normalize`] removes pleading-paper line numbers, page numbers, ECF
//! stamps and running headers and footers; strips markdown emphasis and HTML
//! tags; decodes entities; joins words hyphenated across lines; folds curly
//! quotes to ASCII; and folds every whitespace run to one space, or to one
//! `\n` where it is a paragraph break. It does no IO and never panics.
//!
//! ```
//! use precedent::text::normalize;
//! let original = "4 Background.\n5 More.\n6 Still more.\n7 \u{201C}Federal courts\u{201D} *see*\n\
//!                 8 Leon, 464\t\n9\tF.3d 951, at *2.\n";
//! let n = normalize(original);
//! assert_eq!(
//!     n.text,
//!     "Background. More. Still more. \"Federal courts\" see Leon, 464 F.3d 951, at *2."
//! );
//! let at = n.text.find("464").unwrap();
//! let span = n.map.start(at)..n.map.end(at + "464 F.3d 951".len());
//! assert_eq!(&original[span], "464\t\n9\tF.3d 951");
//! ```
//!
//! The layout decisions (what is a line number, a footer, a paragraph break)
//! live in `layout`; inline cleaning of each line's content in `clean`; the
//! map in `offsets`.

mod clean;
mod layout;
mod offsets;
#[cfg(test)]
mod tests;

pub use offsets::OffsetMap;

/// Clean text plus the map back to the original bytes.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The original text, as given.
    pub original: &'a str,
    /// The clean text: one space between words, `\n` between paragraphs, no
    /// markup, line numbers or page furniture.
    pub text: String,
    /// Clean offset → original offset.
    pub map: OffsetMap,
    /// Page starts: (clean offset where the page starts, page number), sorted
    /// by offset. Empty when the document shows no page structure; otherwise
    /// the first entry is at offset 0.
    pub pages: Vec<(usize, u32)>,
}

impl Normalized<'_> {
    /// The page number that clean offset `clean` lies on; a text without
    /// page breaks is one page.
    pub fn page_at(&self, clean: usize) -> Option<u32> {
        let i = self.pages.partition_point(|p| p.0 <= clean);
        Some(if i > 0 { self.pages[i - 1].1 } else { 1 })
    }
}

/// Normalizes `original`; see the [module docs](self) for what changes.
pub fn normalize(original: &str) -> Normalized<'_> {
    let (text, map, pages) = layout::run(original).finish();
    Normalized {
        original,
        text,
        map,
        pages,
    }
}

/// The largest char boundary of `text` at or before `i` (clamped to its length).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
