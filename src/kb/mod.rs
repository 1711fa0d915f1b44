//! The knowledge base: a tantivy index linking orders, citations,
//! authorities and propositions, and the queries over it.

pub mod records;

pub use records::{AuthorityRecord, CitationRecord, Edge, OrderRecord, PropositionRecord};
