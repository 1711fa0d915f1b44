//! precedent: a citation and precedent knowledge base for court orders.
//!
//! The pipeline follows the data: [`text`] turns the file as given into clean
//! text with an offset map back to the original bytes, [`cite`] finds every
//! citation in the clean text and reports it with spans into the original.
//!
//! ```
//! let order = "See Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006).";
//! let cites = precedent::extract(order);
//! assert_eq!(cites[0].authority.as_deref(), Some("464 F.3d 951"));
//! assert_eq!(&order[cites[0].start..cites[0].end], "Leon v. IDX Sys. Corp., 464 F.3d 951, 959 (9th Cir. 2006)");
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod cite;
pub mod cli;
pub mod error;
pub mod export;
pub mod ingest;
pub mod kb;
pub mod order;
pub mod propositions;
pub mod resolve;
pub mod server;
pub mod text;
pub mod treatment;
mod work;

pub use cite::{Citation, CitationKind};
pub use error::{Error, Result};

/// Normalizes `original`, extracts every citation in it and resolves short
/// forms, *Id.* and *supra*; spans point into `original`.
pub fn extract(original: &str) -> Vec<Citation> {
    let normalized = text::normalize(original);
    let mut citations = cite::extract(&normalized);
    resolve::resolve(&normalized.text, &mut citations);
    citations
}

/// Everything precedent learns from one order's text.
#[derive(Debug)]
pub struct Analysis<'a> {
    /// The clean text and its map back to the original.
    pub normalized: text::Normalized<'a>,
    /// Every citation, resolved where it can be.
    pub citations: Vec<Citation>,
    /// The authorities the citations resolve to, in order of first citation.
    pub authorities: Vec<resolve::Authority>,
    /// What each citation is cited for.
    pub propositions: Vec<propositions::Proposition>,
    /// Which authorities quote or cite which, as the order reports them.
    pub relations: Vec<resolve::Relation>,
    /// How the order treats the authority of each citation (aligned with `citations`).
    pub treatments: Vec<Option<treatment::Treatment>>,
}

/// Runs the whole text pipeline on one order: normalize, extract, resolve.
pub fn analyze(original: &str) -> Analysis<'_> {
    let normalized = text::normalize(original);
    let mut citations = cite::extract(&normalized);
    resolve::resolve(&normalized.text, &mut citations);
    let authorities = resolve::authorities(&citations);
    let propositions = propositions::propositions(&normalized, &citations);
    let relations = resolve::relations(&citations);
    let treatments = citations
        .iter()
        .map(|c| treatment::classify(&normalized.text, c))
        .collect();
    Analysis {
        normalized,
        citations,
        authorities,
        propositions,
        relations,
        treatments,
    }
}
