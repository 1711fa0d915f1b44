//! The query side on arbitrary strings: full-text search (our limits, the
//! `cites:` rewriting, tantivy's query parser and our phrase matcher) and
//! authority resolution, against a small index of the seed orders built
//! once. A search either answers or is a bad query (the server's 400):
//! any other error would be the server's 500, as `body:*` was.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use precedent::kb::query::Scope;
use precedent::kb::{self, IndexOptions, Kb};
use precedent::Error;

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
    for (scope, limit, offset) in [(Scope::Orders, 5, 0), (Scope::Propositions, 5, 3)] {
        match kb.search(query, scope, limit, offset) {
            Ok(_) | Err(Error::Query(_)) => {}
            Err(e) => panic!("{query:?} is not a bad query but fails with: {e}"),
        }
    }
    let _ = kb.resolve_authority(query);
});
