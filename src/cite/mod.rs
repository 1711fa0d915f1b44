//! Citation extraction: finds every citation in normalized text.

pub mod courts;
mod model;
pub mod reporters;

pub use model::{Citation, CitationKind, History, Parenthetical};

use crate::text::Normalized;

/// Extracts every citation from `doc`, with spans into `doc.original`.
pub fn extract(doc: &Normalized<'_>) -> Vec<Citation> {
    let _ = doc;
    Vec::new()
}
