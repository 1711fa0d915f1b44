//! Every input format through ingestion as `precedent index` reads it: the
//! first byte picks the file name's extension (so sniffing by content and by
//! name are both exercised), the rest is the file. No panic, and every
//! document read is then analyzed.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = [
    "f.pdf", "f.html", "f.json", "f.jsonl", "f.jsonl.gz", "f.txt", "f.md", "f.htm",
];

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let path = dir().path().join(NAMES[pick as usize % NAMES.len()]);
    if std::fs::write(&path, body).is_err() {
        return;
    }
    // A small cap keeps bomb-like inputs from spending the fuzzer's time.
    let Ok(docs) = precedent::ingest::read_documents(&path, 4 * 1024 * 1024) else {
        return;
    };
    for doc in docs.take(64).flatten() {
        let analysis = precedent::analyze(&doc.text);
        for c in &analysis.citations {
            assert!(c.end <= doc.text.len() && doc.text.is_char_boundary(c.start));
        }
    }
});
