//! The knowledge base: a tantivy index linking orders, citations,
//! authorities and propositions, and the queries over it.

mod aliases;
mod authority;
mod check;
pub mod dir;
mod documents;
mod handle;
mod index;
pub mod merge;
mod phrase;
pub mod query;
pub mod rebuild;
pub mod records;
pub mod schema;
mod stored;
mod watch;

pub use authority::Counts;
pub use check::{check, CheckReport};
pub use handle::{Kb, Root};
pub use index::{
    index_paths, indexed_files, FileError, IndexOptions, IndexSummary, IndexedFile, Progress,
};
pub use records::{
    AuthorityRecord, CitationRecord, Edge, OrderRecord, PropositionMember, PropositionRecord,
};
pub use watch::Watch;
