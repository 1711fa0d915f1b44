//! The knowledge base: a tantivy index linking orders, citations,
//! authorities and propositions, and the queries over it.

mod check;
mod index;
pub mod merge;
mod phrase;
pub mod query;
pub mod rebuild;
pub mod records;
pub mod schema;
mod watch;

pub use check::{check, CheckReport};
pub use index::{index_paths, indexed_files, FileError, IndexOptions, IndexSummary, Kb, Progress};
pub use records::{AuthorityRecord, CitationRecord, Edge, OrderRecord, PropositionRecord};
pub use watch::Watch;
