//! Work counters: how many candidates the analysis passes examined on this
//! thread. Every pass that looks back or ahead over other citations (short
//! forms and *supra* against their antecedents, *Id.* chains, nested and
//! history links, parallel groups) adds what it examined, so a test can show
//! that work grows linearly with the input without timing anything; speed
//! itself is measured in BENCHMARKS.md.
//!
//! A thread-local counter costs one add per pass step and needs no plumbing
//! through the passes' signatures; tests read it with [`take`] on the thread
//! that ran the analysis.

use std::cell::Cell;

thread_local! {
    static EXAMINED: Cell<u64> = const { Cell::new(0) };
}

/// Records that a pass examined `n` candidates.
#[inline]
pub(crate) fn examined(n: usize) {
    EXAMINED.with(|c| c.set(c.get().wrapping_add(n as u64)));
}

/// The candidates examined on this thread since the last call, and a reset.
#[cfg(test)]
pub(crate) fn take() -> u64 {
    EXAMINED.with(|c| c.replace(0))
}
