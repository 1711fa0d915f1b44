//! Reporter, journal and law-code tables, generated from reporters-db (see `data/`).
//!
//! (API contract; implementation in progress.)
