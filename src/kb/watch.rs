//! Stopping a query part-way. A [`Watch`] is a query's right to go on: it
//! ends when whoever waits for the answer gives up ([`Watch::cancel`]: the
//! server's client left, or its time ran out) or at a deadline. Every loop
//! of the knowledge base over documents — the search collector, the phrase
//! matcher, the record readers behind aggregates and exports — checks it
//! every few documents and stops with [`Error::Cancelled`], so abandoned
//! work frees its memory, its CPU and the server's permit within
//! milliseconds instead of running to the end.
//!
//! The watch in force is kept per thread ([`Watch::over`]): the check has to
//! reach loops deep inside every query, and the server runs each query on
//! one blocking thread, while the CLI, which never cancels, has nothing to
//! pass. Code that builds a tantivy query captures [`Watch::current`] into
//! it, since tantivy may score on other threads.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{Query, Weight};
use tantivy::{Searcher, SegmentReader, TERMINATED};

use crate::{Error, Result};

/// Documents visited between two checks: a check reads the clock, a visit
/// costs tens of nanoseconds to a few microseconds.
pub(crate) const CHECK_EVERY: u32 = 64;

/// A query's right to go on; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Watch {
    /// `None` for work nobody will cancel (the CLI): checks cost nothing.
    inner: Option<Arc<Inner>>,
}

#[derive(Debug)]
struct Inner {
    stopped: AtomicBool,
    deadline: Option<Instant>,
}

thread_local! {
    static CURRENT: RefCell<Watch> = RefCell::new(Watch::default());
}

impl Watch {
    /// A watch that stops at `deadline` (if any) or when cancelled.
    pub fn new(deadline: Option<Instant>) -> Watch {
        Watch {
            inner: Some(Arc::new(Inner {
                stopped: AtomicBool::new(false),
                deadline,
            })),
        }
    }

    /// Stops the work under this watch at its next check.
    pub fn cancel(&self) {
        if let Some(i) = &self.inner {
            i.stopped.store(true, Ordering::Relaxed);
        }
    }

    /// Whether the work should stop: cancelled, or past the deadline.
    pub fn stopped(&self) -> bool {
        let Some(i) = &self.inner else {
            return false;
        };
        if i.stopped.load(Ordering::Relaxed) {
            return true;
        }
        if i.deadline.is_some_and(|d| Instant::now() >= d) {
            i.stopped.store(true, Ordering::Relaxed);
            return true;
        }
        false
    }

    /// `Err(Error::Cancelled)` once the work should stop.
    pub fn check(&self) -> Result<()> {
        if self.stopped() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Runs `work` with this watch in force on the current thread (the
    /// previous one is restored after, even if `work` panics).
    pub fn over<T>(&self, work: impl FnOnce() -> T) -> T {
        struct Restore(Option<Watch>);
        impl Drop for Restore {
            fn drop(&mut self) {
                if let Some(w) = self.0.take() {
                    CURRENT.with(|c| *c.borrow_mut() = w);
                }
            }
        }
        let previous = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), self.clone()));
        let _restore = Restore(Some(previous));
        work()
    }

    /// The watch in force on this thread (one that never stops, outside [`Watch::over`]).
    pub fn current() -> Watch {
        CURRENT.with(|c| c.borrow().clone())
    }
}

/// Counts work done and checks the watch every so much of it.
#[derive(Debug, Default)]
pub(crate) struct Ticker {
    watch: Watch,
    done: u64,
    next_check: u64,
    every: u64,
}

impl Ticker {
    /// A ticker that checks every [`CHECK_EVERY`] visits.
    pub(crate) fn new(watch: Watch) -> Ticker {
        Ticker::every(watch, u64::from(CHECK_EVERY))
    }

    /// A ticker that checks at once, then whenever `every` units of work
    /// have been done.
    pub(crate) fn every(watch: Watch, every: u64) -> Ticker {
        Ticker {
            watch,
            done: 0,
            next_check: 0,
            every,
        }
    }

    /// True when the work should stop; reads the watch every few calls.
    pub(crate) fn stop(&mut self) -> bool {
        self.stop_after(1)
    }

    /// Counts `work` units done; true when the work should stop.
    pub(crate) fn stop_after(&mut self, work: u64) -> bool {
        if self.watch.inner.is_none() {
            return false;
        }
        self.done += work;
        if self.done < self.next_check {
            return false;
        }
        self.next_check = self.done + self.every;
        self.watch.stopped()
    }
}

/// Runs `query` through `collector` as [`Searcher::search`] does, checking
/// the watch in force every few documents: a search the watch stops is
/// [`Error::Cancelled`], never a partial answer.
pub(crate) fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: C,
) -> Result<C::Fruit> {
    let watch = Watch::current();
    let watched = Watched {
        inner: collector,
        watch: watch.clone(),
    };
    let fruit = searcher.search(query, &watched);
    // A phrase scorer that was stopped ends its segment early and quietly.
    watch.check()?;
    fruit.map_err(|e| {
        if watch.stopped() {
            Error::Cancelled
        } else {
            e.into()
        }
    })
}

/// A collector that visits documents itself, so it can stop between them.
struct Watched<C> {
    inner: C,
    watch: Watch,
}

impl<C: Collector> Collector for Watched<C> {
    type Fruit = C::Fruit;
    type Child = C::Child;

    fn check_schema(&self, schema: &tantivy::schema::Schema) -> tantivy::Result<()> {
        self.inner.check_schema(schema)
    }

    fn for_segment(&self, ord: u32, segment: &SegmentReader) -> tantivy::Result<C::Child> {
        self.inner.for_segment(ord, segment)
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<C::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
        let mut child = self.inner.for_segment(ord, reader)?;
        let scoring = self.inner.requires_scoring();
        let alive = reader.alive_bitset();
        let mut ticker = Ticker::new(self.watch.clone());
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let score = if scoring { scorer.score() } else { 0.0 };
                child.collect(doc, score);
            }
            if ticker.stop() {
                return Err(tantivy::TantivyError::InternalError(
                    Error::Cancelled.to_string(),
                ));
            }
            doc = scorer.advance();
        }
        Ok(child.harvest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_watch_stops_when_cancelled_or_past_its_deadline() {
        let w = Watch::new(None);
        assert!(!w.stopped());
        w.clone().cancel();
        assert!(w.stopped());
        assert!(matches!(w.check(), Err(Error::Cancelled)));
        let late = Watch::new(Some(Instant::now() - Duration::from_millis(1)));
        assert!(late.stopped());
        assert!(!Watch::default().stopped(), "nobody cancels the CLI's work");
    }

    #[test]
    fn the_watch_in_force_is_per_thread_and_restored() {
        let w = Watch::new(None);
        w.cancel();
        assert!(!Watch::current().stopped());
        let inside = w.over(|| {
            let here = Watch::current().stopped();
            let other = std::thread::spawn(|| Watch::current().stopped())
                .join()
                .unwrap();
            (here, other)
        });
        assert_eq!(inside, (true, false));
        assert!(!Watch::current().stopped());
    }

    #[test]
    fn a_ticker_reads_the_watch_every_few_visits() {
        let w = Watch::new(None);
        let mut t = Ticker::new(w.clone());
        assert!(!t.stop(), "the first call checks, before the cancel");
        w.cancel();
        let first_stop = (1..=CHECK_EVERY * 2).find(|_| t.stop());
        assert_eq!(first_stop, Some(CHECK_EVERY));
        let mut heavy = Ticker::every(w.clone(), 1000);
        assert!(heavy.stop_after(1), "checks at once");
        assert!(!(0..1000).any(|_| Ticker::default().stop()));
    }
}
