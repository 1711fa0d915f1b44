//! Who is cited: which keys are one authority across the collection, and
//! how many orders cite it.
//!
//! **One authority per case.** An order that cites `466 U.S. 668, 104 S. Ct.
//! 2052` says the two keys are one case; its authority documents carry the
//! pair as a `parallel` term (`A\u{1f}B`, both ways), so the term dictionary
//! is the graph of every such statement in the collection, and an
//! authority's keys are what its key reaches in it. Nothing is stored about
//! the merge itself: adding or removing an order adds or removes its pairs,
//! so the merge cannot drift from the citations. A pair seen in one order
//! only joins two keys that few orders cite; between much-cited keys it
//! takes [`LINK_SUPPORT`] of the orders, so one misread string cite cannot
//! make Strickland and Miranda one case.
//!
//! **One count.** "Cited by N orders" is the number of distinct orders —
//! one document read from two files counts once (its clean text's
//! fingerprint) — with a citation of the authority, under any of its keys
//! or a provision under it (`Rule 56` counts `Rule 56(c)`), relied on
//! directly rather than only through another authority's `(quoting …)`. It
//! is computed the same way wherever a count is shown.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, Term};

use super::documents::PAIR;
use super::handle::Kb;
use super::schema::doc_type;
use super::watch;
use crate::Result;

/// Most keys one authority gathers through parallel citations.
pub const MAX_KEYS: usize = 16;
/// Share of the citing orders of the less cited key that must state a
/// parallel pair for it to join two keys each cited by more than
/// [`FEW_ORDERS`] orders.
pub const LINK_SUPPORT: f64 = 0.02;
/// Keys cited by this many orders or fewer are joined by any one statement.
pub const FEW_ORDERS: u64 = 20;

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// How many orders cite an authority, and how often.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Distinct citing orders (see the module docs).
    pub orders: u64,
    /// Citations relied on directly.
    pub citations: u64,
}

/// Counts per segment of the values of one string column over the documents
/// a query matches: exact, where tantivy's terms aggregation with a size
/// limit is not.
struct CountByColumn {
    column: String,
}

struct SegmentCounts {
    column: Option<tantivy::columnar::StrColumn>,
    counts: Vec<u64>,
}

/// Counts of the pairs of values two string columns take together.
struct CountPairs {
    first: String,
    second: String,
}

struct SegmentPairs {
    columns: Option<(tantivy::columnar::StrColumn, tantivy::columnar::StrColumn)>,
    counts: HashMap<(u64, u64), u64>,
}

impl Collector for CountPairs {
    type Fruit = HashMap<(String, String), u64>;
    type Child = SegmentPairs;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPairs> {
        let columns = segment.fast_fields();
        let columns = match (columns.str(&self.first)?, columns.str(&self.second)?) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        Ok(SegmentPairs {
            columns,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<(String, String), u64>>,
    ) -> tantivy::Result<HashMap<(String, String), u64>> {
        let mut out = HashMap::new();
        for fruit in fruits {
            for (k, n) in fruit {
                *out.entry(k).or_default() += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentPairs {
    type Fruit = HashMap<(String, String), u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some((a, b)) = &self.columns {
            if let (Some(x), Some(y)) = (a.term_ords(doc).next(), b.term_ords(doc).next()) {
                *self.counts.entry((x, y)).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<(String, String), u64> {
        let mut out = HashMap::new();
        if let Some((a, b)) = &self.columns {
            let xs = ords_to_strings(a, self.counts.keys().map(|p| p.0));
            let ys = ords_to_strings(b, self.counts.keys().map(|p| p.1));
            for ((i, j), n) in self.counts {
                if let (Some(x), Some(y)) = (xs.get(&i), ys.get(&j)) {
                    *out.entry((x.clone(), y.clone())).or_default() += n;
                }
            }
        }
        out
    }
}

/// The case each key is cited as by most of the orders that give one
/// (`(case, key) → orders` in, `key → case` out): a stray misread name
/// cannot move a key to another case.
fn majority_case(pairs: &HashMap<(String, String), u64>) -> HashMap<String, String> {
    let mut per_key: HashMap<&str, Vec<(&str, u64)>> = HashMap::new();
    for ((case, key), &n) in pairs {
        per_key.entry(key).or_default().push((case, n));
    }
    per_key
        .into_iter()
        .filter_map(|(key, mut cases)| {
            let total: u64 = cases.iter().map(|c| c.1).sum();
            cases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let (case, n) = cases[0];
            (n * 2 > total).then(|| (key.to_string(), case.to_string()))
        })
        .collect()
}

impl Collector for CountByColumn {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let column = segment.fast_fields().str(&self.column)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentCounts {
            column,
            counts: vec![0; terms],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, u64>>,
    ) -> tantivy::Result<HashMap<String, u64>> {
        let mut out: HashMap<String, u64> = HashMap::new();
        for fruit in fruits {
            for (k, n) in fruit {
                *out.entry(k).or_default() += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                if let Some(n) = self.counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let Some(column) = &self.column else {
            return HashMap::new();
        };
        let used = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(ord, _)| ord as u64);
        let mut names = ords_to_strings(column, used);
        self.counts
            .iter()
            .enumerate()
            .filter_map(|(ord, &n)| Some((names.remove(&(ord as u64))?, n)))
            .collect()
    }
}

/// The strings of a column's ordinals, read in one ordered pass over its
/// dictionary (one `ord_to_str` per value decompresses a block each time).
fn ords_to_strings(
    column: &tantivy::columnar::StrColumn,
    ords: impl IntoIterator<Item = u64>,
) -> HashMap<u64, String> {
    let mut sorted: Vec<u64> = ords.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut strings = Vec::with_capacity(sorted.len());
    let _ = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            strings.push(String::from_utf8_lossy(bytes).into_owned())
        });
    sorted.into_iter().zip(strings).collect()
}

/// The reporter of a case key (`U.S.` of `556 U.S. 662`).
pub(super) fn reporter_of(key: &str) -> &str {
    match (key.find(' '), key.rfind(' ')) {
        (Some(a), Some(b)) if a < b => &key[a + 1..b],
        _ => key,
    }
}

/// Whether `support` orders stating two keys parallel make them one
/// authority, when the less cited of them has `fewer` citing orders.
fn joins(support: u64, fewer: u64) -> bool {
    let needed = if fewer <= FEW_ORDERS {
        1
    } else {
        ((fewer as f64 * LINK_SUPPORT).ceil() as u64).max(2)
    };
    support >= needed
}

/// The collection's authorities as last computed, with the searcher
/// generation they were computed for.
pub(crate) type GroupsCache = Mutex<Option<(u64, Arc<Authorities>)>>;

/// Keys grouped into authorities: each linked key's authority, by index.
#[derive(Debug, Default)]
pub(crate) struct Authorities {
    of: HashMap<String, usize>,
    members: Vec<Vec<String>>,
}

impl Authorities {
    /// The keys of the authority `key` belongs to (itself alone if it is linked to none).
    fn keys(&self, key: &str) -> Vec<String> {
        match self.of.get(key) {
            Some(&i) => self.members[i].clone(),
            None => vec![key.to_string()],
        }
    }
}

impl Kb {
    /// Live documents holding a term (`info`) in one segment (the term dictionary
    /// counts deleted ones until a merge).
    fn live_docs(
        segment: &SegmentReader,
        field: tantivy::schema::Field,
        info: &tantivy::postings::TermInfo,
    ) -> Result<u64> {
        let Some(alive) = segment.alive_bitset() else {
            return Ok(u64::from(info.doc_freq));
        };
        let mut postings = segment
            .inverted_index(field)?
            .read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
        let mut n = 0;
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            n += u64::from(alive.is_alive(doc));
            doc = postings.advance();
        }
        Ok(n)
    }

    /// The collection's authorities, computed once per searcher generation
    /// (every reader of one commit sees the same).
    fn groups(&self) -> Result<Arc<Authorities>> {
        let generation = self.searcher().generation().generation_id();
        let mut cache = self.groups.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((g, groups)) = &*cache {
            if *g == generation {
                return Ok(groups.clone());
            }
        }
        let groups = Arc::new(self.authorities(&self.orders_per_key(None, None)?)?);
        *cache = Some((generation, groups.clone()));
        Ok(groups)
    }

    /// Every parallel pair stated in the collection, with its live support,
    /// and every case (name, year, court) most orders cite each key as,
    /// grouped into authorities: pairs by [`joins`] against `orders`
    /// (citing orders per key), keys of one case when they are of more
    /// than one reporter (keys of one reporter are different cases,
    /// whatever their names).
    fn authorities(&self, orders: &HashMap<String, u64>) -> Result<Authorities> {
        let searcher = self.searcher();
        let mut support: HashMap<(String, String), u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.parallel)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let pair = String::from_utf8_lossy(stream.key()).into_owned();
                let Some((a, b)) = pair.split_once(PAIR) else {
                    continue;
                };
                if a >= b {
                    continue;
                }
                let live = Self::live_docs(segment, self.fields.parallel, stream.value())?;
                if live > 0 {
                    *support.entry((a.to_string(), b.to_string())).or_default() += live;
                }
            }
        }
        let mut links: Vec<(String, String)> = support
            .into_iter()
            .filter(|((a, b), n)| {
                let fewer = orders
                    .get(a)
                    .copied()
                    .unwrap_or(0)
                    .min(orders.get(b).copied().unwrap_or(0));
                joins(*n, fewer)
            })
            .map(|(pair, _)| pair)
            .collect();
        let mut by_case: HashMap<String, Vec<String>> = HashMap::new();
        for (key, case) in majority_case(&self.case_pairs()?) {
            by_case.entry(case).or_default().push(key);
        }
        for (_, mut keys) in by_case {
            keys.sort();
            let first = reporter_of(&keys[0]);
            if keys.iter().any(|k| reporter_of(k) != first) {
                links.extend(keys.windows(2).map(|w| (w[0].clone(), w[1].clone())));
            }
        }
        // Union-find over the links, in a fixed order, no authority past MAX_KEYS.
        links.sort();
        links.dedup();
        let mut id: HashMap<String, usize> = HashMap::new();
        let mut parent: Vec<usize> = Vec::new();
        let mut size: Vec<usize> = Vec::new();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut node = |k: &str, parent: &mut Vec<usize>, size: &mut Vec<usize>| -> usize {
            *id.entry(k.to_string()).or_insert_with(|| {
                parent.push(parent.len());
                size.push(1);
                parent.len() - 1
            })
        };
        for (a, b) in links {
            let (x, y) = (
                node(&a, &mut parent, &mut size),
                node(&b, &mut parent, &mut size),
            );
            let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
            if rx != ry && size[rx] + size[ry] <= MAX_KEYS {
                let (keep, gone) = (rx.min(ry), rx.max(ry));
                parent[gone] = keep;
                size[keep] += size[gone];
            }
        }
        let mut groups: HashMap<usize, Vec<String>> = HashMap::new();
        for (k, &i) in &id {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(k.clone());
        }
        let mut out = Authorities::default();
        for (_, mut keys) in groups {
            if keys.len() < 2 {
                continue;
            }
            keys.sort();
            let i = out.members.len();
            for k in &keys {
                out.of.insert(k.clone(), i);
            }
            out.members.push(keys);
        }
        Ok(out)
    }

    /// How many authority documents give each (case, key) pair.
    fn case_pairs(&self) -> Result<HashMap<(String, String), u64>> {
        let f = &self.fields;
        let schema = self.index.schema();
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(f.doc_type, doc_type::AUTHORITY)),
            (Occur::MustNot, term(f.kind, "record")),
        ]);
        watch::search(
            &self.searcher(),
            &q,
            CountPairs {
                first: schema.get_field_name(f.case_id).to_string(),
                second: schema.get_field_name(f.authority).to_string(),
            },
        )
    }

    /// How many live authority documents (citing orders, before
    /// deduplication) each key has.
    fn key_orders(&self, key: &str) -> Result<u64> {
        let f = &self.fields;
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(f.doc_type, doc_type::AUTHORITY)),
            (Occur::Must, term(f.authority, key)),
            (Occur::MustNot, term(f.kind, "record")),
        ]);
        Ok(watch::search(&self.searcher(), &q, tantivy::collector::Count)? as u64)
    }

    /// The keys `key` is stated parallel to, with how many orders state each pair.
    fn parallel_of(&self, key: &str) -> Result<Vec<(String, u64)>> {
        let prefix = format!("{key}{PAIR}");
        let searcher = self.searcher();
        let mut out = Vec::new();
        for pair in self.terms_with_prefix(self.fields.parallel, &prefix)? {
            // The dictionary still lists pairs of deleted documents until a merge.
            let live = watch::search(
                &searcher,
                &*term(self.fields.parallel, &pair),
                tantivy::collector::Count,
            )? as u64;
            if live > 0 {
                out.push((pair[prefix.len()..].to_string(), live));
            }
        }
        Ok(out)
    }

    /// Keys cited under the same case (name, year, court) as `key` by most
    /// of the orders that cite each.
    fn same_case(&self, key: &str) -> Result<Vec<String>> {
        let f = &self.fields;
        let schema = self.index.schema();
        let (case_col, key_col) = (
            schema.get_field_name(f.case_id).to_string(),
            schema.get_field_name(f.authority).to_string(),
        );
        let pairs_of = |field, value: &str| -> Result<HashMap<(String, String), u64>> {
            let q = BooleanQuery::new(vec![
                (Occur::Must, term(f.doc_type, doc_type::AUTHORITY)),
                (Occur::Must, term(field, value)),
            ]);
            watch::search(
                &self.searcher(),
                &q,
                CountPairs {
                    first: case_col.clone(),
                    second: key_col.clone(),
                },
            )
        };
        let Some(case) = majority_case(&pairs_of(f.authority, key)?).remove(key) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut others: Vec<String> = pairs_of(f.case_id, &case)?
            .into_keys()
            .map(|(_, k)| k)
            .filter(|k| k != key)
            .collect();
        others.sort();
        others.dedup();
        for other in others {
            // Keys of one reporter are different cases, whatever their names.
            if reporter_of(&other) != reporter_of(key)
                && majority_case(&pairs_of(f.authority, &other)?).get(&other) == Some(&case)
            {
                out.push(other);
            }
        }
        Ok(out)
    }

    /// Every key the authority `key` goes by across the collection: `key`
    /// and the keys orders cite as its parallels or as the same case,
    /// transitively, sorted. The rule of [`Self::groups`], followed out from
    /// one key: a question about one authority reads only its neighbours,
    /// where the whole collection's grouping costs a pass over every key.
    pub fn parallel_keys(&self, key: &str) -> Result<Vec<String>> {
        let mut keys: BTreeSet<String> = BTreeSet::from([key.to_string()]);
        let mut frontier = vec![key.to_string()];
        let mut orders: HashMap<String, u64> = HashMap::new();
        while let Some(k) = frontier.pop() {
            for other in self.same_case(&k)? {
                if keys.len() < MAX_KEYS && keys.insert(other.clone()) {
                    frontier.push(other);
                }
            }
            for (other, support) in self.parallel_of(&k)? {
                if keys.contains(&other) || keys.len() >= MAX_KEYS {
                    continue;
                }
                let mut cited = |key: &str| -> Result<u64> {
                    if let Some(&n) = orders.get(key) {
                        return Ok(n);
                    }
                    let n = self.key_orders(key)?;
                    orders.insert(key.to_string(), n);
                    Ok(n)
                };
                let fewer = cited(&k)?.min(cited(&other)?);
                if joins(support, fewer) {
                    keys.insert(other.clone());
                    frontier.push(other);
                }
            }
        }
        Ok(keys.into_iter().collect())
    }

    /// The direct citations of the authority whose keys are `keys` (or of a
    /// provision under one), optionally only in orders of `court` and of
    /// authority kind `kind`, counted as the module docs say.
    pub fn counts(
        &self,
        keys: &[String],
        court: Option<&str>,
        kind: Option<&str>,
    ) -> Result<Counts> {
        let f = &self.fields;
        let any: Vec<(Occur, Box<dyn Query>)> = keys
            .iter()
            .map(|k| (Occur::Should, term(f.authority_tree, k)))
            .collect();
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, term(f.doc_type, doc_type::CITATION)),
            (Occur::Must, Box::new(BooleanQuery::new(any))),
        ];
        if let Some(c) = court {
            must.push((Occur::Must, term(f.court_id, c)));
        }
        if let Some(k) = kind {
            must.push((Occur::Must, term(f.kind, k)));
        }
        let searcher = self.searcher();
        let docs = watch::search(&searcher, &BooleanQuery::new(must), DocSetCollector)?;
        let mut by_segment: HashMap<u32, Vec<DocId>> = HashMap::new();
        for addr in docs {
            by_segment
                .entry(addr.segment_ord)
                .or_default()
                .push(addr.doc_id);
        }
        let schema = self.index.schema();
        let (text_name, through_name) = (
            schema.get_field_name(f.order_text).to_string(),
            schema.get_field_name(f.through).to_string(),
        );
        let mut orders: HashSet<String> = HashSet::new();
        let mut citations = 0;
        for (segment, docs) in by_segment {
            let reader = searcher.segment_reader(segment);
            let columns = reader.fast_fields();
            let (Some(texts), Ok(through)) = (columns.str(&text_name)?, columns.u64(&through_name))
            else {
                continue;
            };
            let mut ords = HashSet::new();
            for doc in docs {
                if through.first(doc) == Some(1) {
                    continue;
                }
                citations += 1;
                ords.extend(texts.term_ords(doc).next());
            }
            orders.extend(ords_to_strings(&texts, ords).into_values());
        }
        Ok(Counts {
            orders: orders.len() as u64,
            citations,
        })
    }

    /// Orders of the index whose text another order of the index also has
    /// (one opinion read from two files or records): each such group is one
    /// order wherever orders are counted.
    pub fn duplicate_orders(&self) -> Result<u64> {
        let f = &self.fields;
        let column = self.index.schema().get_field_name(f.order_text).to_string();
        let texts = watch::search(
            &self.searcher(),
            &*term(f.doc_type, doc_type::ORDER),
            CountByColumn { column },
        )?;
        Ok(texts.values().map(|n| n.saturating_sub(1)).sum())
    }

    /// Authority documents per key (an upper bound of the key's citing
    /// orders), over the orders of `court` and authorities of `kind`.
    pub(super) fn orders_per_key(
        &self,
        court: Option<&str>,
        kind: Option<&str>,
    ) -> Result<HashMap<String, u64>> {
        self.per_key(doc_type::AUTHORITY, court, kind)
    }

    /// Documents of `doc_type` per key, over the orders of `court` and
    /// authorities of `kind`.
    fn per_key(
        &self,
        doc_type: &str,
        court: Option<&str>,
        kind: Option<&str>,
    ) -> Result<HashMap<String, u64>> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, term(f.doc_type, doc_type)),
            (Occur::MustNot, term(f.kind, "record")),
        ];
        if let Some(c) = court {
            clauses.push((Occur::Must, term(f.court_id, c)));
        }
        if let Some(k) = kind {
            clauses.push((Occur::Must, term(f.kind, k)));
        }
        let column = self.index.schema().get_field_name(f.authority).to_string();
        watch::search(
            &self.searcher(),
            &BooleanQuery::new(clauses),
            CountByColumn { column },
        )
    }

    /// The `limit` most cited authorities, each with all its keys and its
    /// exact counts, most citing orders first (then most citations, then
    /// keys). Upper bounds (an authority's documents under every key, with
    /// the provisions under them) order the authorities; exact counts are
    /// taken only for those whose bounds could still enter the list.
    pub fn most_cited(
        &self,
        court: Option<&str>,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(Vec<String>, Counts)>> {
        let authorities = self.groups()?;
        // A provision's documents also count for the provisions above it.
        let with_parents = |per_key: HashMap<String, u64>| {
            let mut bound = per_key.clone();
            for (k, &n) in &per_key {
                for parent in crate::resolve::parents(k) {
                    if let Some(b) = bound.get_mut(&parent) {
                        *b += n;
                    }
                }
            }
            bound
        };
        let orders = with_parents(self.per_key(doc_type::AUTHORITY, court, kind)?);
        let cites = with_parents(self.per_key(doc_type::CITATION, court, kind)?);
        let mut seen: HashSet<&str> = HashSet::new();
        let mut candidates: Vec<(Counts, Vec<String>)> = Vec::new();
        for key in orders.keys() {
            if seen.contains(key.as_str()) {
                continue;
            }
            let keys = authorities.keys(key);
            let mut upper = Counts::default();
            for k in &keys {
                if let Some((known, n)) = orders.get_key_value(k) {
                    seen.insert(known.as_str());
                    upper.orders += n;
                }
                upper.citations += cites.get(k).copied().unwrap_or(0);
            }
            candidates.push((upper, keys));
        }
        let rank = |a: &(Counts, Vec<String>), b: &(Counts, Vec<String>)| {
            b.0.orders
                .cmp(&a.0.orders)
                .then(b.0.citations.cmp(&a.0.citations))
                .then(a.1.cmp(&b.1))
        };
        candidates.sort_by(rank);
        let mut out: Vec<(Counts, Vec<String>)> = Vec::new();
        for candidate in candidates {
            if let Some(last) = out.last().filter(|_| out.len() >= limit.max(1)) {
                if last.0.orders > candidate.0.orders {
                    break;
                }
                // Exact counts never exceed their bounds: a candidate
                // ranked after the last entry even at its bounds cannot enter.
                if rank(last, &candidate).is_lt() {
                    continue;
                }
            }
            let counts = self.counts(&candidate.1, court, kind)?;
            if counts.orders == 0 {
                continue;
            }
            out.push((counts, candidate.1));
            out.sort_by(rank);
            out.truncate(limit.max(1));
        }
        out.truncate(limit);
        Ok(out.into_iter().map(|(c, k)| (k, c)).collect())
    }
}
