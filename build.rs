//! Decides at build time whether the shared corpus and evaluation data
//! (`../shared/`, outside the repository) are there, so that the tests
//! needing them are marked `#[ignore = "needs ../shared"]` and show as
//! ignored in the test summary instead of passing without running.
//!
//! Sets the cfg `no_shared` when `../shared/corpus` or `../shared/eval` is
//! missing. Cargo reruns this script when those folders change; a
//! `../shared/` that appears after the first build is only noticed once
//! this file is touched (`touch build.rs`), because watching for a folder
//! that does not exist would make cargo rebuild the crate every time.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_shared)");
    println!("cargo::rerun-if-changed=build.rs");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let needed = [shared.join("corpus"), shared.join("eval")];
    if needed.iter().all(|p| p.is_dir()) {
        for p in &needed {
            println!("cargo::rerun-if-changed={}", p.display());
        }
    } else {
        println!("cargo::rustc-cfg=no_shared");
    }
}
