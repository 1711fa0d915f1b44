//! The query side on arbitrary strings: full-text search (tantivy's query
//! parser behind our own limits and `cites:` rewriting) and authority
//! resolution, against a small index of the seed orders built once.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use precedent::kb::query::Scope;
use precedent::kb::{self, IndexOptions, Kb};

fn kb() -> &'static Kb {
    static KB: OnceLock<(tempfile::TempDir, Kb)> = OnceLock::new();
    &KB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let kb = Kb::open_or_create(&dir.path().join("index"), false).expect("index");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        kb::index_paths(&kb, &[corpus], &IndexOptions::default(), &|_| {}).expect("indexed");
        (dir, kb)
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let kb = kb();
    let _ = kb.search(query, Scope::Orders, 5, 0);
    let _ = kb.search(query, Scope::Propositions, 5, 3);
    let _ = kb.resolve_authority(query);
});
