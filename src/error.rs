//! The library's single error type. Write `crate::Result<T>`.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file was read but cannot be treated as a court document.
    #[error("{path}: {reason}")]
    BadInput {
        /// The file.
        path: PathBuf,
        /// Why it was refused, in words a user can act on.
        reason: String,
    },
    /// One record of a file that holds many (a JSON Lines line, an element
    /// of a JSON array) could not be read. The file's other records are
    /// read: a document iterator goes on after this error, and ends after
    /// any other.
    #[error("{path}: {at}: {reason}")]
    Record {
        /// The file.
        path: PathBuf,
        /// Which record: its line, or its place in the array.
        at: crate::ingest::RecordAt,
        /// Why it was refused.
        reason: String,
    },
    /// There is no index where one was expected.
    #[error("no index at {dir}: run `precedent index` first")]
    NoIndex {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index was written by another version of precedent.
    #[error("the index at {dir} has format {found}, this precedent reads format {expected}: rebuild it with `precedent index --rebuild`")]
    IndexVersion {
        /// The index directory.
        dir: PathBuf,
        /// The version found.
        found: String,
        /// The version this build reads.
        expected: u32,
    },
    /// The search engine failed.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// An order that is not in the index.
    #[error("no order \"{order}\" in {dir}")]
    NoOrder {
        /// The order asked for (id or file).
        order: String,
        /// The index directory.
        dir: PathBuf,
    },
    /// A query could not be understood.
    #[error("bad query: {0}")]
    Query(String),
    /// An export was asked for in a format it cannot be written in.
    #[error("{what}")]
    Unsupported {
        /// What was asked, and what can be had instead.
        what: String,
    },
    /// Output could not be written.
    #[error("cannot write the output")]
    Write(#[from] std::io::Error),
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
