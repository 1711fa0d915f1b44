//! The end-to-end suite, one test binary: the real `precedent` binary (and
//! the library) on the seed orders in `corpus/`, on scratch corpora and on
//! bad input. One binary links once; a file per concern keeps it readable.
//!
//! Two kinds of test are marked ignored, and the summary says why:
//! - `needs ../shared`: the shared corpus and evaluation data outside the
//!   repository are absent (decided at build time by `build.rs`);
//! - `heavy`: 100 MB inputs, kill tests, the bad-input corpus, whole-corpus
//!   runs. `cargo test --features heavy` runs them (`.ci/run` does).

#[path = "../common/mod.rs"]
mod common;

mod api;
mod cli;
mod commands;
mod exports;
mod eyecite_conformance;
mod formats;
mod order_metadata;
mod reliability;
