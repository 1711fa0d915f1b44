//! Court names and ids, generated from courts-db (see `data/`).
//!
//! (API contract; implementation in progress.)
