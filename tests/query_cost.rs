//! What one search can cost. Random searches within the limits — phrases of
//! 2 to 64 common words with slop 0 to 100, prefixes, words, nested and
//! combined with AND, OR and NOT — and the worst ones by construction run
//! against an index of real orders (the shared corpus's district orders)
//! and of an order built to be as hard as text gets for phrases; each must
//! stay within a time and an allocation budget, and a search that is
//! stopped must stop at once. Its own test binary, because it counts every
//! allocation through a global allocator.
//!
//! Issue 14: a 227-byte sloppy phrase took 1.76 GB on the CLI and a 2 KB one
//! 14 GB in the server, with tantivy's own phrase matcher.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use proptest::prelude::*;

use precedent::kb::query::{Scope, MAX_PHRASE_TERMS, MAX_QUERY_BYTES, MAX_SLOP};
use precedent::kb::{self, IndexOptions, Kb, Watch};
use precedent::Error;

#[path = "common/counting.rs"]
mod counting;
use counting::{IN_USE, PEAK};

/// Heap one search (both scopes) may add at its peak, on this index. Each
/// phrase holds its terms' postings readers and two lists as long as the
/// longest list of positions it reads (here the hard order's 45,000 of
/// `the`): about 2 MB a phrase, 32 MB for the 15 phrases that fit in a query.
const MEMORY_BUDGET: usize = 64 * 1024 * 1024;
/// Time one search (both scopes) may take, on this index, in the test
/// profile, on a 2-core machine shared with other builds. The worst
/// measured is 0.8 s.
const TIME_BUDGET: Duration = Duration::from_secs(5);

/// The words most frequent in court orders: the worst for phrases.
const COMMON: [&str; 12] = [
    "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "court", "not",
];

/// Tokens in the hard order: `the the the x` repeated, the pattern that
/// grew tantivy's sloppy matcher fastest (by the slop at every term).
const HARD_TOKENS: usize = 60_000;

/// Allocations are counted for the whole process: one measurement at a time.
static SERIAL: Mutex<()> = Mutex::new(());

struct Fixture {
    _dir: tempfile::TempDir,
    kb: Kb,
}

/// The district orders of the shared corpus and the hard order, indexed
/// once. The tests using it are ignored when `build.rs` found no
/// `../shared/` (the query cost is measured on real orders).
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let district = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/district");
        assert!(
            district.is_dir(),
            "{} not found: the shared corpus went missing after the build (touch build.rs)",
            district.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let hard = dir.path().join("hard");
        std::fs::create_dir(&hard).unwrap();
        let mut text = String::from("UNITED STATES DISTRICT COURT\n\nORDER\n\n");
        for i in 0..HARD_TOKENS / 4 {
            text.push_str(if i % 12 == 11 {
                "the the the x.\n"
            } else {
                "the the the x "
            });
        }
        std::fs::write(hard.join("hard.txt"), text).unwrap();
        let kb = Kb::open_or_create(&dir.path().join("index"), false).unwrap();
        kb::index_paths(&kb, &[district, hard], &IndexOptions::default(), &|_| {}).unwrap();
        kb.reload().unwrap();
        Fixture { _dir: dir, kb }
    })
}

/// What one search cost.
#[derive(Debug, Clone, Copy)]
struct Cost {
    time: Duration,
    heap: usize,
}

/// Runs `query` in both scopes; the time and the heap it added at its peak.
fn measure(kb: &Kb, query: &str, limit: usize, offset: usize) -> (Cost, Result<u64, Error>) {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = Instant::now();
    let orders = kb.search(query, Scope::Orders, limit, offset);
    let propositions = kb.search(query, Scope::Propositions, limit, offset);
    let time = started.elapsed();
    let heap = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    let total = orders.and_then(|o| propositions.map(|p| o.total + p.total));
    (Cost { time, heap }, total)
}

/// The search is answered or refused as a bad query, within the budget.
fn within_budget(kb: &Kb, query: &str) -> Cost {
    let (cost, result) = measure(kb, query, 10, 0);
    assert!(
        matches!(result, Ok(_) | Err(Error::Query(_))),
        "{query:?}: {result:?}"
    );
    assert!(
        cost.heap <= MEMORY_BUDGET && cost.time <= TIME_BUDGET,
        "{query:?} ({} bytes) cost {cost:?}",
        query.len()
    );
    cost
}

fn phrase(words: &[&str], slop: u32) -> String {
    format!("\"{}\"~{slop}", words.join(" "))
}

/// The worst searches the limits accept: as many of the longest, sloppiest
/// phrases of the most frequent words as fit in a query, the deepest
/// nesting, a phrase prefix, the last page of hits.
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared")]
fn the_worst_searches_within_the_limits_stay_within_the_budget() {
    let f = fixture();
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let the = vec!["the"; MAX_PHRASE_TERMS];
    let alternating: Vec<&str> = (0..MAX_PHRASE_TERMS).map(|i| COMMON[i % 3]).collect();
    // As many phrases as fit, each a little different (the query grammar
    // reads a clause repeated word for word as one).
    let widest = |words: &[&str]| {
        let mut q = phrase(words, MAX_SLOP);
        let mut slop = MAX_SLOP;
        while q.len() + 4 + phrase(words, slop).len() <= MAX_QUERY_BYTES {
            slop -= 1;
            q = format!("{q} OR {}", phrase(words, slop));
        }
        q
    };
    let deep = format!(
        "{}{}{}",
        "(".repeat(32),
        phrase(&alternating, MAX_SLOP),
        ")".repeat(32)
    );
    let worst = [
        phrase(&the, MAX_SLOP),
        phrase(&alternating, MAX_SLOP),
        widest(&the),
        widest(&alternating),
        deep,
        format!("\"{} th\"*", the[..MAX_PHRASE_TERMS - 1].join(" ")),
    ];
    let mut most = Cost {
        time: Duration::ZERO,
        heap: 0,
    };
    within_budget(&f.kb, "court");
    for q in &worst {
        assert!(q.len() <= MAX_QUERY_BYTES);
        let cost = within_budget(&f.kb, q);
        eprintln!("{:>5} bytes: {cost:?}: {}…", q.len(), &q[..q.len().min(60)]);
        most.time = most.time.max(cost.time);
        most.heap = most.heap.max(cost.heap);
    }
    // The deepest page of hits the API allows.
    let (cost, result) = measure(&f.kb, "the", 500, 100_000);
    assert!(result.is_ok() && cost.heap <= MEMORY_BUDGET && cost.time <= TIME_BUDGET);
    eprintln!(
        "worst: {:?}, {} KB at the peak (budget {:?}, {} MB)",
        most.time,
        most.heap / 1024,
        TIME_BUDGET,
        MEMORY_BUDGET / (1024 * 1024)
    );
}

/// A phrase within the limits: 2 to 64 common words, slop 0 to 100, maybe a prefix.
fn any_phrase() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(&COMMON[..]), 2..=MAX_PHRASE_TERMS),
        0..=MAX_SLOP,
        any::<bool>(),
    )
        .prop_map(|(words, slop, prefix)| {
            if prefix {
                format!("\"{}\"*", words.join(" "))
            } else {
                phrase(&words, slop)
            }
        })
}

/// A search: phrases and words, combined with AND, OR and NOT, nested.
fn any_search() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => any_phrase(),
        1 => prop::sample::select(&COMMON[..]).prop_map(str::to_string),
        1 => Just("year:[2000 TO 2020]".to_string()),
    ];
    let tree = leaf.prop_recursive(6, 24, 4, |inner| {
        (
            prop::collection::vec(inner, 1..4),
            prop::sample::select(&[" OR ", " AND ", " ", " AND NOT "][..]),
        )
            .prop_map(|(parts, op)| format!("({})", parts.join(op)))
    });
    (tree, 0usize..20).prop_map(|(q, extra)| {
        // Deeper nesting than the recursion reaches, up to the limit.
        format!("{}{q}{}", "(".repeat(extra), ")".repeat(extra))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Any search within the limits is answered within the budget; any
    /// over them is refused as a bad query, also within it.
    #[test]
    #[cfg_attr(no_shared, ignore = "needs ../shared")]
    fn random_searches_stay_within_the_budget(query in any_search()) {
        let f = fixture();
        let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        within_budget(&f.kb, &query);
    }
}

/// A search that is stopped stops within milliseconds, even inside the
/// phrase matcher, and answers `Cancelled`, never a partial result.
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared")]
fn a_stopped_search_stops_at_once() {
    let f = fixture();
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let the = vec!["the"; MAX_PHRASE_TERMS];
    let mut q = phrase(&the, MAX_SLOP);
    for slop in (0..MAX_SLOP).rev() {
        let next = format!("{q} OR {}", phrase(&the, slop));
        if next.len() > MAX_QUERY_BYTES {
            break;
        }
        q = next;
    }
    let started = Instant::now();
    let whole = f.kb.search(&q, Scope::Orders, 10, 0).map(|r| r.total);
    let full = started.elapsed();
    assert!(whole.is_ok(), "{whole:?}");
    let allowed = full / 10;
    let watch = Watch::new(Some(std::time::Instant::now() + allowed));
    let started = Instant::now();
    let stopped = watch.over(|| f.kb.search(&q, Scope::Orders, 10, 0));
    let took = started.elapsed();
    eprintln!("whole search {full:?}; stopped after {allowed:?}, returned after {took:?}");
    assert!(matches!(stopped, Err(Error::Cancelled)), "{stopped:?}");
    assert!(
        took < allowed + Duration::from_millis(100),
        "stopped after {allowed:?}, returned after {took:?}"
    );
    // Stopped before it starts, it does nothing.
    let cancelled = Watch::new(None);
    cancelled.cancel();
    let started = Instant::now();
    let r = cancelled.over(|| f.kb.search(&q, Scope::Orders, 10, 0));
    assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
    assert!(started.elapsed() < Duration::from_millis(100));
}
