//! Queries over the knowledge base: what users ask every day.
//!
//! A query about an authority first becomes authority keys
//! ([`resolve_authority`]): a citation (`464 F.3d 951`, `464 F.3d at 959`,
//! `Leon, 464 F.3d at 959`), a statute or rule (`42 U.S.C. § 1983`,
//! `Rule 26`), an everyday name of one (`FRCP 12(b)(6)`, `section 1983`,
//! `Title VII`: [`super::aliases`]), or a case name (`Leon v. IDX`,
//! `American LegalNet`). Keys are then looked up as terms, never through
//! body-text search.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, FacetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, QueryParser, QueryParserError, TermQuery,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, FieldType, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::aliases;
use super::authority::Counts;
use super::handle::Kb;
use super::phrase::PhraseQuery;
use super::records::{
    AuthorityRecord, CitationRecord, Edge, OrderRecord, PropositionMember, PropositionRecord,
};
use super::schema::doc_type;
use super::stored::{record, Stored, StoredAuthority, StoredProposition};
use super::watch::{self, Ticker, Watch};
use crate::cite::CitationKind;
use crate::{resolve, Error, Result};

/// The order facets counted in search results.
pub const FACETS: [&str; 4] = ["court", "year", "judge", "disposition"];

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;

/// Deepest parenthesis nesting a search may use: the query parser recurses
/// once per level, so a hostile `((((…` must be refused before it is parsed.
pub const MAX_QUERY_NESTING: usize = 32;

/// Most terms a phrase may hold (`"…"`, or a word the tokenizer splits,
/// like `2:20-cv-01234`). Matching costs time linear in the positions of a
/// phrase's terms (`kb::phrase`), so this bounds one phrase's work per
/// document to 64 position lists.
pub const MAX_PHRASE_TERMS: usize = 64;

/// Largest slop a phrase may ask for (`"…"~100`): a hundred positions is a
/// long paragraph, and tantivy keeps slop in a byte along the way.
pub const MAX_SLOP: u32 = 100;

/// Most lists of positions a search's phrases may read, counted before it
/// runs: each phrase reads one list per term in each order holding all its
/// terms, so it costs its terms × the document frequency of its rarest
/// term. On the shared corpus (11,299 orders) a list of the commonest word
/// takes about 2 µs to match, so this is about a second of one core.
pub const MAX_PHRASE_WORK: u64 = 500_000;

/// What the phrases of a search hold: how many are matched by
/// [`PhraseQuery`], and the lists of positions they may read.
#[derive(Debug, Default, Clone, Copy)]
struct Phrases {
    count: usize,
    work: u64,
}

impl std::ops::Add for Phrases {
    type Output = Phrases;
    fn add(self, other: Phrases) -> Phrases {
        Phrases {
            count: self.count + other.count,
            work: self.work.saturating_add(other.work),
        }
    }
}

fn nesting_depth(query: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in query.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// What an authority query resolved to.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Resolution {
    /// Exactly one authority.
    Found {
        /// Its key.
        key: String,
    },
    /// Several authorities match; the user must choose.
    Ambiguous {
        /// The candidates, most cited first.
        candidates: Vec<AuthorityRecord>,
    },
    /// Nothing in the index matches.
    NotFound,
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn and(queries: Vec<Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(queries.into_iter().map(|q| (Occur::Must, q)).collect())
}

impl Kb {
    /// Where every document matching `query` is, in index order.
    fn addresses(searcher: &Searcher, query: &dyn Query) -> Result<Vec<DocAddress>> {
        let mut addrs: Vec<DocAddress> = watch::search(searcher, query, DocSetCollector)?
            .into_iter()
            .collect();
        addrs.sort();
        Ok(addrs)
    }

    /// Every document matching `query`, in index order.
    pub(crate) fn docs(&self, query: &dyn Query) -> Result<Vec<TantivyDocument>> {
        let searcher = self.searcher();
        Self::addresses(&searcher, query)?
            .into_iter()
            .map(|a| Ok(searcher.doc::<TantivyDocument>(a)?))
            .collect()
    }

    fn typed(&self, kind: &str, field: tantivy::schema::Field, value: &str) -> BooleanQuery {
        and(vec![
            term_query(self.fields.doc_type, kind),
            term_query(field, value),
        ])
    }

    /// Documents of `kind` belonging to one order: its file and its id, since
    /// a file can hold many orders (a JSON Lines shard).
    fn of_order(&self, kind: &str, id: &str, file: &str) -> BooleanQuery {
        and(vec![
            term_query(self.fields.doc_type, kind),
            term_query(self.fields.file, file),
            term_query(self.fields.order_id, id),
        ])
    }

    /// The records of every document matching `query`, in index order, each
    /// decoded and its document dropped before the next is read. The watch
    /// in force is checked as they are read: aggregates and exports read
    /// every record of a kind, and must stop when their client has gone.
    fn each_record<'a, T: Stored + 'a>(
        &'a self,
        query: &dyn Query,
    ) -> Result<impl Iterator<Item = Result<T>> + 'a> {
        let searcher = self.searcher();
        let mut ticker = Ticker::new(Watch::current());
        Ok(Self::addresses(&searcher, query)?
            .into_iter()
            .filter_map(move |a| {
                if ticker.stop() {
                    return Some(Err(Error::Cancelled));
                }
                match searcher.doc::<TantivyDocument>(a) {
                    Ok(d) => record(&self.fields, &d).map(Ok),
                    Err(e) => Some(Err(e.into())),
                }
            }))
    }

    /// The records of every document matching `query`, in index order.
    /// Holding the documents themselves (order bodies, every role's record
    /// bytes) rather than the records made the whole-index exports peak at
    /// 3.7 to 5.5 GB at 100,000 orders.
    fn records<T: Stored>(&self, query: &dyn Query) -> Result<Vec<T>> {
        self.each_record(query)?.collect()
    }

    /// Every order, sorted by id.
    pub fn orders(&self) -> Result<Vec<OrderRecord>> {
        let mut out: Vec<OrderRecord> =
            self.records(&*term_query(self.fields.doc_type, doc_type::ORDER))?;
        out.sort_by(|a, b| (&a.id, &a.file).cmp(&(&b.id, &b.file)));
        Ok(out)
    }

    /// How many orders are indexed, counted from the postings (no stored document is read).
    pub fn order_count(&self) -> Result<usize> {
        let orders = term_query(self.fields.doc_type, doc_type::ORDER);
        Ok(self.searcher().search(&*orders, &Count)?)
    }

    /// The order with this id (file stem) or file path.
    pub fn order(&self, id_or_file: &str) -> Result<Option<OrderRecord>> {
        let f = &self.fields;
        let looks_like_path = id_or_file.contains('/') || id_or_file.contains('.');
        let fields = if looks_like_path {
            [f.file, f.order_id]
        } else {
            [f.order_id, f.file]
        };
        for field in fields {
            let found: Vec<OrderRecord> =
                self.records(&self.typed(doc_type::ORDER, field, id_or_file))?;
            if let Some(o) = found.into_iter().next() {
                return Ok(Some(o));
            }
        }
        Ok(None)
    }

    /// The order `id` read from `file` (a file can hold many orders).
    fn order_of(&self, id: &str, file: &str) -> Result<Option<OrderRecord>> {
        let query = self.of_order(doc_type::ORDER, id, file);
        Ok(self.records(&query)?.into_iter().next())
    }

    /// The order's clean text, as stored (the text `body_start`/`body_end` of its citations index).
    pub fn order_text(&self, order: &OrderRecord) -> Result<Option<String>> {
        let f = &self.fields;
        Ok(self
            .docs(&self.of_order(doc_type::ORDER, &order.id, &order.file))?
            .first()
            .and_then(|d| d.get_first(f.body))
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// The order's citations, in document order.
    pub fn citations_of(&self, order: &OrderRecord) -> Result<Vec<CitationRecord>> {
        let mut out: Vec<CitationRecord> =
            self.records(&self.of_order(doc_type::CITATION, &order.id, &order.file))?;
        out.sort_by_key(|c| c.seq);
        Ok(out)
    }

    /// Every citation in the index, by order then position, handed to
    /// `visit` one order id at a time (the orders sharing an id, sorted by
    /// file). Only one group is held in memory, so a citation table of any
    /// size can be written: collected at once, 100,000 orders' 3,966,483
    /// citations took 9.6 GB.
    pub fn for_each_citation_group(
        &self,
        mut visit: impl FnMut(Vec<CitationRecord>) -> Result<()>,
    ) -> Result<()> {
        let searcher = self.searcher();
        let mut ids: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.order_id)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                ids.push(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            // An id whose documents are all deleted (not merged away yet) finds nothing.
            let query = self.typed(doc_type::CITATION, self.fields.order_id, &id);
            let mut group: Vec<CitationRecord> = self.records(&query)?;
            if !group.is_empty() {
                group.sort_by(|a, b| (&a.file, a.seq).cmp(&(&b.file, b.seq)));
                visit(group)?;
            }
        }
        Ok(())
    }

    /// Aggregates the per-order authority documents matching `query` into one
    /// record per authority, reading them one at a time. Citing orders are
    /// deduplicated by sorting once at the end: a `contains` per document was
    /// quadratic in the orders citing an authority (8,757 for the most
    /// cited at 100,000 orders).
    fn aggregate(&self, query: &dyn Query) -> Result<Vec<AuthorityRecord>> {
        aggregate_authorities(self.each_record::<StoredAuthority>(query)?)
    }

    /// The authority with this key, aggregated over all orders.
    pub fn authority(&self, key: &str) -> Result<Option<AuthorityRecord>> {
        let query = self.typed(doc_type::AUTHORITY, self.fields.authority, key);
        Ok(self.aggregate(&query)?.into_iter().next())
    }

    /// Every authority, aggregated, most cited first.
    pub fn all_authorities(&self) -> Result<Vec<AuthorityRecord>> {
        let mut out = self.aggregate(&*term_query(self.fields.doc_type, doc_type::AUTHORITY))?;
        out.sort_by(|a, b| {
            b.orders
                .len()
                .cmp(&a.orders.len())
                .then(b.times_cited.cmp(&a.times_cited))
                .then(a.key.cmp(&b.key))
        });
        Ok(out)
    }

    /// Authority keys in the index that start with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        Ok(self
            .terms_with_prefix(self.fields.authority, prefix)?
            .into_iter()
            .collect())
    }

    /// Whether any order cites `key`, or is the authority `key` itself.
    fn key_exists(&self, key: &str) -> Result<bool> {
        let q = self.typed(doc_type::AUTHORITY, self.fields.authority_tree, key);
        if watch::search(&self.searcher(), &q, Count)? > 0 {
            return Ok(true);
        }
        let own = self.typed(doc_type::ORDER, self.fields.own, key);
        Ok(watch::search(&self.searcher(), &own, Count)? > 0)
    }

    /// The orders of the collection that are the authority with these keys
    /// (by their own citation): where a citator's loop closes.
    pub fn orders_cited_as(&self, keys: &[String]) -> Result<Vec<OrderRef>> {
        let any: Vec<(Occur, Box<dyn Query>)> = keys
            .iter()
            .map(|k| (Occur::Should, term_query(self.fields.own, k)))
            .collect();
        let query = and(vec![
            term_query(self.fields.doc_type, doc_type::ORDER),
            Box::new(BooleanQuery::new(any)),
        ]);
        let mut out: Vec<OrderRef> = self
            .records::<OrderRecord>(&query)?
            .into_iter()
            .map(|o| OrderRef {
                id: o.id,
                file: o.file,
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// How many orders of the collection cite `order` (by its own citation).
    pub fn cited_by_count_of(&self, order: &OrderRecord) -> Result<Counts> {
        let Some(first) = order.citation.first() else {
            return Ok(Counts::default());
        };
        let mut keys = self.parallel_keys(first)?;
        for k in &order.citation {
            if !keys.contains(k) {
                keys.extend(self.parallel_keys(k)?);
            }
        }
        keys.sort();
        keys.dedup();
        self.counts(&keys, None, None)
    }

    /// Turns what a user typed into authority keys.
    pub fn resolve_authority(&self, query: &str) -> Result<Resolution> {
        let query = query.trim();
        if query.is_empty() || query.len() > MAX_QUERY_BYTES {
            return Err(Error::Query(format!(
                "an authority query must be 1 to {MAX_QUERY_BYTES} bytes"
            )));
        }
        // 1. A citation the extractor understands.
        let cites = crate::extract(query);
        if let Some(c) = cites.first() {
            if let Some(key) = &c.authority {
                if self.key_exists(key)? {
                    return Ok(Resolution::Found { key: key.clone() });
                }
            }
            if c.kind == CitationKind::ShortCase {
                if let (Some(v), Some(r)) = (&c.volume, &c.reporter) {
                    let candidates = self.keys_with_prefix(&format!("{v} {r} "))?;
                    let pin = c.pin.as_deref().and_then(|p| {
                        p.trim_start_matches('*')
                            .split(|ch: char| !ch.is_ascii_digit())
                            .next()?
                            .parse::<u64>()
                            .ok()
                    });
                    let plausible: Vec<String> = candidates
                        .into_iter()
                        .filter(|k| {
                            let page = k.rsplit(' ').next().and_then(|p| p.parse::<u64>().ok());
                            match (page, pin) {
                                (Some(p), Some(q)) => q >= p && q - p <= resolve::MAX_PIN_DISTANCE,
                                _ => true,
                            }
                        })
                        .collect();
                    let pin = pin.map(|p| (format!("{v} {r}"), p));
                    return self.choose(plausible, c.case_name.as_deref(), pin);
                }
            }
        }
        // 2. A bare "Rule 26(c)": the federal rule sets in turn.
        if let Some(rest) = query
            .strip_prefix("Rule ")
            .or_else(|| query.strip_prefix("rule "))
        {
            for set in crate::cite::law::federal_rule_sets()
                .iter()
                .map(|s| &s.abbreviation)
            {
                let key = format!("{set} {}", rest.trim());
                if self.key_exists(&key)? {
                    return Ok(Resolution::Found { key });
                }
            }
        }
        // 3. A key typed exactly.
        if self.key_exists(query)? {
            return Ok(Resolution::Found {
                key: query.to_string(),
            });
        }
        // 4. An everyday name: `FRCP 12(b)(6)`, `section 1983`, `Title VII`.
        if let Some(found) = self.resolve_alias(query)? {
            return Ok(found);
        }
        // 5. A case name: every normalized word must match.
        let words = resolve::name_tokens(query);
        if words.is_empty() {
            return Ok(Resolution::NotFound);
        }
        let mut parts: Vec<Box<dyn Query>> =
            vec![term_query(self.fields.doc_type, doc_type::AUTHORITY)];
        parts.extend(words.iter().map(|w| term_query(self.fields.name, w)));
        let mut keys = BTreeSet::new();
        for s in self.each_record::<StoredAuthority>(&and(parts))? {
            keys.insert(s?.key);
        }
        let keys: Vec<String> = keys.into_iter().collect();
        self.choose(keys, None, None)
    }

    /// A rule under another spelling of its set's name, a bare section
    /// number of the U.S. Code, or an act's popular name
    /// (`data/authority_aliases.json`), when the index holds it.
    fn resolve_alias(&self, query: &str) -> Result<Option<Resolution>> {
        if let Some(key) = aliases::rule_key(query) {
            if self.key_exists(&key)? {
                return Ok(Some(Resolution::Found { key }));
            }
        }
        if let Some(keys) = aliases::section_keys(query) {
            let mut held = Vec::new();
            for k in keys {
                if self.key_exists(&k)? {
                    held.push(k);
                }
            }
            if !held.is_empty() {
                return self.choose(held, None, None).map(Some);
            }
        }
        if let Some(act) = aliases::act(query) {
            if let Some(key) = act.principal_key() {
                if self.key_exists(&key)? {
                    return Ok(Some(Resolution::Found { key }));
                }
            }
            // The sections of the act that orders cite, each under its
            // section (`§ 2000e-2(a)` and `§ 2000e-2(m)` are `§ 2000e-2`).
            let mut sections: Vec<String> = self
                .keys_with_prefix(&act.key_prefix())?
                .into_iter()
                .filter(|k| act.holds(k))
                .map(|k| match k.find('(') {
                    Some(i) => k[..i].to_string(),
                    None => k,
                })
                .collect();
            sections.sort();
            sections.dedup();
            if !sections.is_empty() {
                return self.choose(sections, None, None).map(Some);
            }
        }
        Ok(None)
    }

    /// The authority the `keys` a query matched stand for: one when they are
    /// all keys of one case (its parallels, or a pin misread as a first page
    /// of it, `466 U.S. 687` beside `466 U.S. 668`), else the candidates.
    ///
    /// With a name and a pin (`Strickland, 466 U.S. at 687`), the named case
    /// whose pages hold the pin is the one: the latest first page before the
    /// pin in that volume (`pin` holds the volume and reporter, `466 U.S.`).
    fn choose(
        &self,
        keys: Vec<String>,
        name: Option<&str>,
        pin: Option<(String, u64)>,
    ) -> Result<Resolution> {
        let mut groups: Vec<Vec<String>> = Vec::new();
        for k in keys {
            if groups.iter().any(|g| g.contains(&k)) {
                continue;
            }
            groups.push(self.parallel_keys(&k)?);
        }
        let mut candidates = Vec::new();
        for keys in groups {
            let counts = self.counts(&keys, None, None)?;
            candidates.push(self.authority_of_keys(keys, counts)?);
        }
        if candidates.len() > 1 {
            if let Some(n) = name {
                let named: Vec<AuthorityRecord> = candidates
                    .iter()
                    .filter(|a| resolve::short_name_matches(n, &a.name))
                    .cloned()
                    .collect();
                if !named.is_empty() {
                    candidates = named;
                }
            }
        }
        if let (Some(_), Some((volume, pin))) = (name, &pin) {
            let first_page = |a: &AuthorityRecord| {
                a.keys
                    .iter()
                    .filter_map(|k| {
                        let (head, page) = k.rsplit_once(' ')?;
                        (head == volume).then(|| page.parse::<u64>().ok()).flatten()
                    })
                    .min()
            };
            // A key at the pin itself beside a case that starts before it is
            // that case's pin read as a first page (`supra, 466 U.S. 687`),
            // however many orders wrote it so.
            let start = candidates
                .iter()
                .filter_map(|a| first_page(a).filter(|p| p < pin))
                .max();
            if let Some(start) = start {
                candidates.retain(|a| first_page(a) == Some(start));
            }
        }
        candidates.sort_by(|a, b| b.order_count.cmp(&a.order_count).then(a.key.cmp(&b.key)));
        // A key that is a pin of a more cited authority of the same name,
        // read as a first page (`supra, 466 U.S. 687`), is that authority.
        let mut kept: Vec<AuthorityRecord> = Vec::new();
        for c in candidates {
            let folded = kept
                .iter()
                .any(|k| is_pin_of(&c, k) || same_name_and_year(&c, k));
            if !folded {
                kept.push(c);
            }
        }
        let mut candidates = kept;
        Ok(match candidates.len() {
            0 => Resolution::NotFound,
            1 => Resolution::Found {
                key: candidates.remove(0).key,
            },
            _ => Resolution::Ambiguous { candidates },
        })
    }

    /// Every order citing the authority `key` (or a provision under it), with
    /// how, where and for what; direct citations apart from reliance through
    /// another authority's `(quoting …)`.
    ///
    /// One term query over citation documents answers it: each carries its
    /// order's court, date and case name and its proposition's wording, so the
    /// cost grows with the citations returned, not with the index.
    pub fn cited_by(&self, key: &str) -> Result<CitedBy> {
        let f = &self.fields;
        // Every key the case goes by in the collection (its parallel citations).
        let keys = self.parallel_keys(key)?;
        let any: Vec<(Occur, Box<dyn Query>)> = keys
            .iter()
            .map(|k| (Occur::Should, term_query(f.authority_tree, k)))
            .collect();
        let cites: Vec<CitationRecord> = self.records(&and(vec![
            term_query(f.doc_type, doc_type::CITATION),
            Box::new(BooleanQuery::new(any)),
        ]))?;
        let mut authority = self
            .authority_brief(key)?
            .unwrap_or_else(|| AuthorityRecord {
                key: key.to_string(),
                name: key.to_string(),
                ..Default::default()
            });
        for k in &keys {
            if !authority.keys.contains(k) {
                authority.keys.push(k.clone());
            }
        }
        authority.keys.sort();
        // Each citing order's name for it is one vote, as in the authority
        // table: the longest name its full citations give, as the order's
        // own authority record has it.
        let mut names: BTreeMap<&str, &str> = BTreeMap::new();
        for c in cites
            .iter()
            .filter(|c| c.through.is_none() && c.kind == "case")
        {
            if let Some(n) = c.case_name.as_deref().filter(|n| !n.is_empty()) {
                let best = names.entry(&c.order_text).or_insert(n);
                if n.len() > best.len() {
                    *best = n;
                }
            }
        }
        let mut votes: HashMap<String, u64> = HashMap::new();
        for n in names.into_values() {
            *votes.entry(n.to_string()).or_default() += 1;
        }
        if let Some(name) = most_given(votes) {
            authority.name = name;
        }
        let counts = self.counts(&keys, None, None)?;
        authority.times_cited = counts.citations;
        authority.order_count = counts.orders;
        // One entry per document: the same text from several sources is
        // listed once, under its first source, with the others beside it.
        let mut by_text: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        for c in &cites {
            by_text
                .entry(c.order_text.clone())
                .or_default()
                .insert((c.order.clone(), c.file.clone()));
        }
        let primary: HashMap<&str, (String, String)> = by_text
            .iter()
            .filter_map(|(t, sources)| Some((t.as_str(), sources.first()?.clone())))
            .collect();
        let mut by_order: BTreeMap<(String, String), (Vec<CitationRecord>, Vec<CitationRecord>)> =
            BTreeMap::new();
        for c in cites {
            let (id, file) = primary
                .get(c.order_text.as_str())
                .cloned()
                .unwrap_or_else(|| (c.order.clone(), c.file.clone()));
            if (&id, &file) != (&c.order, &c.file) {
                continue;
            }
            let entry = by_order.entry((id, file)).or_default();
            if c.through.is_some() {
                entry.1.push(c);
            } else {
                entry.0.push(c);
            }
        }
        let citing = |id: &str, file: &str, mut list: Vec<CitationRecord>| -> CitingOrder {
            list.sort_by_key(|c| c.seq);
            let mut seen = BTreeSet::new();
            let propositions = list
                .iter()
                .filter_map(|c| Some((c.proposition.as_ref()?, c.proposition_text.as_ref()?)))
                .filter(|(pid, _)| seen.insert((*pid).clone()))
                .map(|(pid, text)| PropositionRef {
                    id: pid.clone(),
                    text: text.clone(),
                })
                .collect();
            let first = &list[0];
            let also = by_text
                .get(first.order_text.as_str())
                .into_iter()
                .flatten()
                .filter(|(i, f)| (i.as_str(), f.as_str()) != (id, file))
                .map(|(id, file)| OrderRef {
                    id: id.clone(),
                    file: file.clone(),
                })
                .collect();
            CitingOrder {
                id: id.to_string(),
                file: file.to_string(),
                court_id: first.order_court_id.clone(),
                court_abbreviation: first
                    .order_court_id
                    .as_deref()
                    .and_then(crate::cite::courts::abbreviation)
                    .map(String::from),
                date: first.order_date.clone(),
                case_name: first.order_case_name.clone(),
                propositions,
                citations: list,
                also,
            }
        };
        let mut direct = Vec::new();
        let mut through = Vec::new();
        for ((id, file), (d, t)) in by_order {
            if !d.is_empty() {
                direct.push(citing(&id, &file, d));
            }
            if !t.is_empty() {
                through.push(citing(&id, &file, t));
            }
        }
        authority.orders = direct.iter().map(|o| o.id.clone()).collect();
        let in_collection = self.orders_cited_as(&authority.keys)?;
        Ok(CitedBy {
            authority,
            direct,
            through,
            in_collection,
        })
    }

    /// Name, keys, kind, court and year of an authority, from one of its documents.
    fn authority_brief(&self, key: &str) -> Result<Option<AuthorityRecord>> {
        let searcher = self.searcher();
        let query = self.typed(doc_type::AUTHORITY, self.fields.authority, key);
        let top = watch::search(&searcher, &query, TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(
            record::<StoredAuthority>(&self.fields, &doc).map(|s| AuthorityRecord {
                key: s.key,
                keys: s.keys,
                kind: s.kind,
                name: s.name,
                court_id: s.court_id,
                year: s.year,
                parents: s.parents,
                ..Default::default()
            }),
        )
    }

    /// What the authority `key` is cited for, clustered, most relied on first.
    pub fn propositions_of(&self, key: &str) -> Result<Vec<PropositionRecord>> {
        cluster(self.each_record(&self.typed(doc_type::PROPOSITION, self.fields.authority, key))?)
    }

    /// Every proposition in the index.
    pub fn all_propositions(&self) -> Result<Vec<PropositionRecord>> {
        cluster(self.each_record(&*term_query(self.fields.doc_type, doc_type::PROPOSITION))?)
    }

    /// The authorities one order cites, aggregated for that order only.
    pub fn authorities_of(&self, order: &OrderRecord) -> Result<Vec<AuthorityRecord>> {
        self.aggregate(&self.of_order(doc_type::AUTHORITY, &order.id, &order.file))
    }

    /// The authorities a set of orders cites, aggregated over those orders
    /// (as [`Kb::all_authorities`] does over every order), sorted by key.
    pub fn authorities_of_orders(&self, orders: &[OrderRecord]) -> Result<Vec<AuthorityRecord>> {
        let any: Vec<(Occur, Box<dyn Query>)> = orders
            .iter()
            .map(|o| {
                let q: Box<dyn Query> =
                    Box::new(self.of_order(doc_type::AUTHORITY, &o.id, &o.file));
                (Occur::Should, q)
            })
            .collect();
        self.aggregate(&BooleanQuery::new(any))
    }

    /// The most-cited authorities, by number of citing orders; optionally only
    /// in orders of one court (courts-db id) and of one kind. A terms
    /// aggregation over the authority fast field counts them without reading
    /// stored documents; only the winners are then looked up.
    pub fn top(
        &self,
        court: Option<&str>,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<AuthorityRecord>> {
        self.most_cited(court, kind, limit)?
            .into_iter()
            .map(|(keys, counts)| self.authority_of_keys(keys, counts))
            .collect()
    }

    /// The record of the authority with these keys and counts: named and
    /// keyed by its most cited key.
    fn authority_of_keys(&self, keys: Vec<String>, counts: Counts) -> Result<AuthorityRecord> {
        let mut main = keys[0].clone();
        if keys.len() > 1 {
            let mut best = 0;
            for k in &keys {
                let n = self.counts(std::slice::from_ref(k), None, None)?.orders;
                if n > best {
                    best = n;
                    main = k.clone();
                }
            }
        }
        let mut a = self
            .authority_brief(&main)?
            .unwrap_or_else(|| AuthorityRecord {
                key: main.clone(),
                name: main.clone(),
                ..Default::default()
            });
        for k in keys {
            if !a.keys.contains(&k) {
                a.keys.push(k);
            }
        }
        a.keys.sort();
        a.order_count = counts.orders;
        a.times_cited = counts.citations;
        Ok(a)
    }

    /// The citation graph: order → authority and authority → authority edges.
    pub fn edges(&self) -> Result<Vec<Edge>> {
        let mut weights: BTreeMap<(String, String, String), u64> = BTreeMap::new();
        self.for_each_citation_group(|group| {
            for c in group {
                let Some(a) = c.authority else {
                    continue;
                };
                if c.authority_kind.as_deref() == Some("record") {
                    continue;
                }
                let kind = if c.through.is_some() {
                    "relies_through"
                } else {
                    "cites"
                };
                *weights
                    .entry((format!("order:{}", c.order), a.clone(), kind.into()))
                    .or_default() += 1;
                if let Some(t) = c.through {
                    *weights.entry((t, a, "quotes".into())).or_default() += 1;
                }
            }
            Ok(())
        })?;
        Ok(weights
            .into_iter()
            .map(|((from, to, kind), weight)| Edge {
                from,
                to,
                kind,
                weight,
            })
            .collect())
    }

    /// Full-text search over orders (or propositions).
    pub fn search(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        offset: usize,
    ) -> Result<SearchResults> {
        if query.trim().is_empty() || query.len() > MAX_QUERY_BYTES {
            return Err(Error::Query(format!(
                "a search must be 1 to {MAX_QUERY_BYTES} bytes"
            )));
        }
        if nesting_depth(query) > MAX_QUERY_NESTING {
            return Err(Error::Query(format!(
                "parentheses nest deeper than {MAX_QUERY_NESTING} levels"
            )));
        }
        let f = &self.fields;
        let rewritten = self.rewrite_cites(query)?;
        let (default_fields, text_field, kind) = match scope {
            Scope::Orders => (vec![f.body], f.body, doc_type::ORDER),
            Scope::Propositions => (
                vec![f.proposition_text],
                f.proposition_text,
                doc_type::PROPOSITION,
            ),
        };
        let parsed = self.parse_search(&rewritten, default_fields)?;
        let full = and(vec![term_query(f.doc_type, kind), parsed.box_clone()]);
        let searcher = self.searcher();
        let mut facet_collector = FacetCollector::for_field("facets");
        for name in FACETS {
            facet_collector.add_facet(format!("/{name}").as_str());
        }
        let (top, total, facet_counts) = watch::search(
            &searcher,
            &full,
            (
                TopDocs::with_limit(limit.max(1))
                    .and_offset(offset)
                    .order_by_score(),
                Count,
                facet_collector,
            ),
        )?;
        let mut facets = BTreeMap::new();
        if scope == Scope::Orders {
            for name in FACETS {
                let mut counts: Vec<(String, u64)> = facet_counts
                    .get(format!("/{name}").as_str())
                    .map(|(facet, n)| {
                        (
                            facet
                                .to_path()
                                .last()
                                .map_or(String::new(), |v| v.to_string()),
                            n,
                        )
                    })
                    .collect();
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                facets.insert(name.to_string(), counts);
            }
        }
        let snippets = SnippetGenerator::create(&searcher, &*parsed, text_field).ok();
        let mut hits = Vec::new();
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let (order, proposition) = match scope {
                Scope::Orders => (record::<OrderRecord>(f, &doc), None),
                Scope::Propositions => match record::<StoredProposition>(f, &doc) {
                    Some(p) => (self.order_of(&p.order, &p.file)?, Some(p)),
                    None => (None, None),
                },
            };
            let text = match &proposition {
                Some(p) => p.text.as_str(),
                None => doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or(""),
            };
            let (snippet, highlights) = match &snippets {
                Some(g) => {
                    let s = g.snippet(text);
                    let ranges = s.highlighted().iter().map(|r| (r.start, r.end)).collect();
                    (s.fragment().to_string(), ranges)
                }
                None => (String::new(), Vec::new()),
            };
            // A match on fields alone (`cites:`, `court:`) has no fragment: show the opening.
            let (snippet, highlights) = if snippet.trim().is_empty() {
                (
                    text[..crate::text::floor_char_boundary(text, 200)].to_string(),
                    Vec::new(),
                )
            } else {
                (snippet, highlights)
            };
            let order = order.unwrap_or_default();
            hits.push(Hit {
                id: order.id.clone(),
                file: order.file.clone(),
                score,
                snippet,
                highlights,
                order,
                authority: proposition.as_ref().map(|p| p.authority.clone()),
                proposition: proposition.map(|p| PropositionRef {
                    id: p.id,
                    text: p.text,
                }),
            });
        }
        Ok(SearchResults {
            total: total as u64,
            facets,
            hits,
        })
    }

    /// The clause that narrows a search to the orders whose facet `name`
    /// (one of [`FACETS`]) is `value`: a term of the facet field, so it finds
    /// exactly the orders the facet counted (`disposition:denied` also found
    /// "denied in part"). Escaped for the facet path and then for the
    /// quoted phrase, so any value round-trips.
    pub fn facet_clause(&self, name: &str, value: &str) -> String {
        // Facet's own Display writes `\` as `\/`, which reads back as `/`.
        let step = |s: &str| s.replace('\\', "\\\\").replace('/', "\\/");
        let facet = format!("/{}/{}", step(name), step(value));
        let quoted = facet.replace('\\', "\\\\").replace('"', "\\\"");
        let field = self
            .index
            .schema()
            .get_field_name(self.fields.facets)
            .to_string();
        format!("{field}:\"{quoted}\"")
    }

    /// A search as a tantivy query, within the limits. tantivy's query
    /// parser reads it (its errors are the user's: an unknown field, only
    /// exclusions, a bad range); a search with a phrase in it is then built
    /// again from the same syntax tree with every phrase of two terms or more
    /// as a [`PhraseQuery`], whose work is linear and can be stopped.
    fn parse_search(&self, query: &str, default_fields: Vec<Field>) -> Result<Box<dyn Query>> {
        let ast = tantivy::query_grammar::parse_query(query).map_err(|_| {
            Error::Query(QueryParserError::SyntaxError(query.to_string()).to_string())
        })?;
        let default = default_fields[0];
        let phrases = self.within_limits(&ast, default, &self.searcher())?;
        if phrases.work > MAX_PHRASE_WORK {
            return Err(Error::Query(format!(
                "this search's phrases would read {} lists of positions, over the limit of {MAX_PHRASE_WORK}: use fewer or rarer words in them",
                phrases.work
            )));
        }
        let mut parser = QueryParser::for_index(&self.index, default_fields);
        parser.set_conjunction_by_default();
        let parsed = parser
            .parse_query(query)
            .map_err(|e| Error::Query(format!("{e}")))?;
        if phrases.count == 0 {
            return Ok(parsed);
        }
        let watch = Watch::current();
        Ok(self
            .build(&parser, ast, default, &watch)?
            .unwrap_or_else(|| Box::new(EmptyQuery)))
    }

    /// The terms a literal searches for, each with its position in the
    /// phrase, as tantivy's parser reads them; `None` for a field without
    /// positions (a key, a number), which never makes a phrase.
    fn literal_terms(
        &self,
        literal: &UserInputLiteral,
        default: Field,
    ) -> Result<Option<Vec<(usize, Term)>>> {
        let field = match &literal.field_name {
            Some(name) => match self.index.schema().get_field(name) {
                Ok(f) => f,
                // The parser names the unknown field.
                Err(_) => return Ok(None),
            },
            None => default,
        };
        let schema = self.index.schema();
        let FieldType::Str(options) = schema.get_field_entry(field).field_type() else {
            return Ok(None);
        };
        let Some(indexing) = options.get_indexing_options() else {
            return Ok(None);
        };
        if !indexing.index_option().has_positions() {
            return Ok(None);
        }
        let Some(mut analyzer) = self.index.tokenizers().get(indexing.tokenizer()) else {
            return Ok(None);
        };
        let mut terms = Vec::new();
        let mut tokens = analyzer.token_stream(&literal.phrase);
        tokens.process(&mut |t| terms.push((t.position, Term::from_field_text(field, &t.text))));
        Ok(Some(terms))
    }

    /// Refuses what is over the limits, before any work: a phrase of more
    /// than [`MAX_PHRASE_TERMS`] terms, a slop over [`MAX_SLOP`], and
    /// `field:*` on a field without a column to answer it (tantivy fails on
    /// those only when searching). Returns what the phrases hold, for
    /// [`MAX_PHRASE_WORK`].
    fn within_limits(
        &self,
        ast: &UserInputAst,
        default: Field,
        searcher: &Searcher,
    ) -> Result<Phrases> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut all = Phrases::default();
                for (_, child) in children {
                    all = all + self.within_limits(child, default, searcher)?;
                }
                Ok(all)
            }
            UserInputAst::Boost(child, _) => self.within_limits(child, default, searcher),
            UserInputAst::Leaf(leaf) => match &**leaf {
                UserInputLeaf::Literal(literal) => {
                    let Some(terms) = self.literal_terms(literal, default)? else {
                        return Ok(Phrases::default());
                    };
                    if terms.len() < 2 {
                        return Ok(Phrases::default());
                    }
                    if terms.len() > MAX_PHRASE_TERMS {
                        let start = crate::text::floor_char_boundary(&literal.phrase, 40);
                        return Err(Error::Query(format!(
                            "a phrase may hold at most {MAX_PHRASE_TERMS} words; \"{}…\" has {}",
                            &literal.phrase[..start],
                            terms.len()
                        )));
                    }
                    if literal.slop > MAX_SLOP {
                        return Err(Error::Query(format!(
                            "a phrase's slop may be at most {MAX_SLOP}, not {}",
                            literal.slop
                        )));
                    }
                    // A prefix's last term stands for up to 50 words; the
                    // orders holding all the others bound the candidates.
                    let fixed = if literal.prefix {
                        &terms[..terms.len() - 1]
                    } else {
                        &terms[..]
                    };
                    let mut rarest = u64::MAX;
                    for (_, term) in fixed {
                        rarest = rarest.min(searcher.doc_freq(term)?);
                    }
                    Ok(Phrases {
                        count: usize::from(!literal.prefix),
                        work: (terms.len() as u64).saturating_mul(rarest),
                    })
                }
                UserInputLeaf::Exists { field } => {
                    let schema = self.index.schema();
                    match schema.get_field(field) {
                        Ok(f) if !schema.get_field_entry(f).is_fast() => Err(Error::Query(
                            format!("{field}:* cannot be searched: {field} is searched for words, not for having a value"),
                        )),
                        _ => Ok(Phrases::default()),
                    }
                }
                _ => Ok(Phrases::default()),
            },
        }
    }

    /// The query for a syntax tree already read by tantivy's parser, with
    /// every phrase of two terms or more as a [`PhraseQuery`] under
    /// `watch`; the rest is the parser's own reading of each leaf. `None`
    /// for a part that searches nothing (a literal without words), which
    /// the parser leaves out of its clause as well.
    fn build(
        &self,
        parser: &QueryParser,
        ast: UserInputAst,
        default: Field,
        watch: &Watch,
    ) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (occur, child) in children {
                    if let Some(q) = self.build(parser, child, default, watch)? {
                        // Search is a conjunction by default.
                        clauses.push((occur.unwrap_or(Occur::Must), q));
                    }
                }
                Ok((!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>))
            }
            UserInputAst::Boost(child, boost) => {
                Ok(self.build(parser, *child, default, watch)?.map(|q| {
                    Box::new(BoostQuery::new(q, boost.into_inner() as f32)) as Box<dyn Query>
                }))
            }
            UserInputAst::Leaf(leaf) => {
                if let UserInputLeaf::Literal(literal) = &*leaf {
                    if !literal.prefix {
                        if let Some(terms) = self.literal_terms(literal, default)? {
                            if terms.len() >= 2 {
                                let phrase = PhraseQuery::new(terms, literal.slop, watch.clone());
                                return Ok(Some(Box::new(phrase)));
                            }
                        }
                    }
                }
                let q = parser
                    .build_query_from_user_input_ast(UserInputAst::Leaf(leaf))
                    .map_err(|e| Error::Query(format!("{e}")))?;
                Ok((!q.is::<EmptyQuery>()).then_some(q))
            }
        }
    }

    /// `cites:"Leon v. IDX"` → `cites:"464 F.3d 951"`: authority terms in a search become keys.
    fn rewrite_cites(&self, query: &str) -> Result<String> {
        let mut out = String::with_capacity(query.len());
        let mut rest = query;
        while let Some(i) = rest.find("cites:") {
            out.push_str(&rest[..i]);
            let after = &rest[i + "cites:".len()..];
            let (value, tail) = if let Some(q) = after.strip_prefix('"') {
                match q.find('"') {
                    Some(e) => (&q[..e], &q[e + 1..]),
                    None => return Err(Error::Query("unclosed quote after cites:".into())),
                }
            } else {
                let e = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..e], &after[e..])
            };
            let key = match self.resolve_authority(value)? {
                Resolution::Found { key } => key,
                Resolution::Ambiguous { candidates } => {
                    let names: Vec<String> = candidates
                        .iter()
                        .take(5)
                        .map(|c| format!("{} ({})", c.name, c.key))
                        .collect();
                    return Err(Error::Query(format!(
                        "cites:{value} is ambiguous: {}",
                        names.join("; ")
                    )));
                }
                Resolution::NotFound => value.to_string(),
            };
            out.push_str(&format!("cites:\"{}\"", key.replace('"', "")));
            rest = tail;
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// What `search` looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Order texts and metadata.
    Orders,
    /// Propositions.
    Propositions,
}

/// A proposition referred to from another result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropositionRef {
    /// Its id.
    pub id: String,
    /// Its wording in this order.
    pub text: String,
}

/// One order citing an authority.
#[derive(Debug, Clone, Serialize)]
pub struct CitingOrder {
    /// Order id (file stem).
    pub id: String,
    /// Order file.
    pub file: String,
    /// Court of the order (courts-db id).
    pub court_id: Option<String>,
    /// The court's Bluebook abbreviation (`C.D. Cal.`).
    pub court_abbreviation: Option<String>,
    /// Date of the order.
    pub date: Option<String>,
    /// Case name of the order.
    pub case_name: Option<String>,
    /// The citations, with pins, pages, signals and treatment.
    pub citations: Vec<CitationRecord>,
    /// What the order cites the authority for.
    pub propositions: Vec<PropositionRef>,
    /// The same document read from other files or records (same text): one
    /// citing order, listed once.
    pub also: Vec<OrderRef>,
}

/// An order by its id and file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OrderRef {
    /// Order id.
    pub id: String,
    /// Order file.
    pub file: String,
}

/// The answer to `cited-by`.
#[derive(Debug, Clone, Serialize)]
pub struct CitedBy {
    /// The authority.
    pub authority: AuthorityRecord,
    /// Orders citing it themselves.
    pub direct: Vec<CitingOrder>,
    /// Orders relying on it through another authority's `(quoting …)`.
    pub through: Vec<CitingOrder>,
    /// The orders of the collection that are this authority.
    pub in_collection: Vec<OrderRef>,
}

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Order id.
    pub id: String,
    /// Order file.
    pub file: String,
    /// Relevance.
    pub score: f32,
    /// A fragment of the text around the matches.
    pub snippet: String,
    /// Byte ranges of the matches within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// The order's metadata.
    pub order: OrderRecord,
    /// For proposition hits: the authority.
    pub authority: Option<String>,
    /// For proposition hits: the proposition.
    pub proposition: Option<PropositionRef>,
}

/// The answer to `search`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching documents in all.
    pub total: u64,
    /// For order searches: how many matching orders have each court, year, judge and
    /// disposition, most frequent first.
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
    /// The page of hits asked for.
    pub hits: Vec<Hit>,
}

/// The points each authority's propositions make (`crate::cluster`), one
/// authority at a time: propositions are put in a fixed order first, so
/// the clusters depend only on what is indexed, never on the order it was
/// indexed in. Points come first, most relied on first; other uses last.
fn cluster(
    stored: impl Iterator<Item = Result<StoredProposition>>,
) -> Result<Vec<PropositionRecord>> {
    let mut by_authority: BTreeMap<String, Vec<StoredProposition>> = BTreeMap::new();
    for p in stored {
        let p = p?;
        by_authority.entry(p.authority.clone()).or_default().push(p);
    }
    let mut out = Vec::new();
    for (_, props) in by_authority {
        out.extend(cluster_one(props));
    }
    out.sort_by(|a, b| {
        b.point
            .cmp(&a.point)
            .then(b.orders.len().cmp(&a.orders.len()))
            .then(b.count.cmp(&a.count))
            .then(a.authority.cmp(&b.authority))
            .then(a.id.cmp(&b.id))
    });
    Ok(out)
}

/// The points of one authority's propositions.
fn cluster_one(mut props: Vec<StoredProposition>) -> Vec<PropositionRecord> {
    props.sort_by(|a, b| (&a.order, &a.file, a.seq, &a.id).cmp(&(&b.order, &b.file, b.seq, &b.id)));
    let members: Vec<crate::cluster::Member> = props
        .iter()
        .map(|p| crate::cluster::Member {
            text: &p.text,
            explanation: p.explanation.as_deref(),
            pin: p.pin.as_deref(),
            name: p.name.as_deref(),
            quoted: p.quoted,
        })
        .collect();
    crate::cluster::cluster(&members)
        .into_iter()
        .map(|group| {
            let rep = &props[group.representative];
            let mut orders: Vec<String> = group
                .members
                .iter()
                .map(|&i| props[i].order.clone())
                .collect();
            orders.sort_unstable();
            orders.dedup();
            let mut pins: Vec<String> = Vec::new();
            for &i in &group.members {
                if let Some(pin) = &props[i].pin {
                    if !pins.contains(pin) {
                        pins.push(pin.clone());
                    }
                }
            }
            PropositionRecord {
                id: rep.id.clone(),
                authority: rep.authority.clone(),
                text: rep.text.clone(),
                quoted: rep.quoted,
                orders,
                count: group.members.len() as u64,
                pins,
                point: group.point,
                members: group
                    .members
                    .iter()
                    .map(|&i| {
                        let p = &props[i];
                        PropositionMember {
                            order: p.order.clone(),
                            file: p.file.clone(),
                            seq: p.seq,
                            text: p.text.clone(),
                            quoted: p.quoted,
                            pin: p.pin.clone(),
                            signal: p.signal.clone(),
                            explanation: p.explanation.clone(),
                            start: p.start,
                            end: p.end,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One record per authority from per-order authority records, in key
/// order. The name is the one most orders give (the longer on a tie): the
/// longest name let one order's misread caption ("SeeTerry v. Ohio",
/// "Relying on Terry v. City of Berkeley") name an authority a thousand
/// orders cite cleanly.
fn aggregate_authorities(
    records: impl Iterator<Item = Result<StoredAuthority>>,
) -> Result<Vec<AuthorityRecord>> {
    let mut by_key: BTreeMap<String, (AuthorityRecord, HashMap<String, u64>)> = BTreeMap::new();
    for s in records {
        let s = s?;
        let (a, names) = by_key.entry(s.key.clone()).or_insert_with(|| {
            let record = AuthorityRecord {
                key: s.key.clone(),
                kind: s.kind.clone(),
                name: s.name.clone(),
                parents: s.parents.clone(),
                ..Default::default()
            };
            (record, HashMap::new())
        });
        for k in &s.keys {
            if !a.keys.contains(k) {
                a.keys.push(k.clone());
            }
        }
        if !s.name.is_empty() && s.name != s.key {
            *names.entry(s.name).or_default() += 1;
        }
        a.court_id = a.court_id.take().or(s.court_id);
        a.year = a.year.or(s.year);
        a.times_cited += s.count;
        if a.orders.last() != Some(&s.order) {
            a.orders.push(s.order);
        }
    }
    Ok(by_key
        .into_values()
        .map(|(mut a, names)| {
            if let Some(name) = most_given(names) {
                a.name = name;
            }
            a.orders.sort_unstable();
            a.orders.dedup();
            a.order_count = a.orders.len() as u64;
            a
        })
        .collect())
}

/// Whether `a` is a pin of `of` read as a first page: a key in the same
/// volume of the same reporter, a plausible pin's distance after one of
/// its keys, under a name that matches.
fn is_pin_of(a: &AuthorityRecord, of: &AuthorityRecord) -> bool {
    let split = |k: &str| -> Option<(String, u64)> {
        let (head, page) = k.rsplit_once(' ')?;
        Some((head.to_string(), page.parse().ok()?))
    };
    let names_match = resolve::short_name_matches(&a.name, &of.name)
        || resolve::short_name_matches(&of.name, &a.name);
    names_match
        && a.keys.iter().filter_map(|k| split(k)).any(|(head, page)| {
            of.keys.iter().filter_map(|k| split(k)).any(|(h, first)| {
                h == head && page > first && page - first <= resolve::MAX_PIN_DISTANCE
            })
        })
}

/// Whether two authorities bear one full name and year, in courts that do
/// not differ (`Strickland v. Washington, 52 U.S.L.W. 4565 (1984)` beside
/// its U.S. citation): for a name a user typed, one case.
fn same_name_and_year(a: &AuthorityRecord, b: &AuthorityRecord) -> bool {
    let words = |n: &str| {
        let mut w = resolve::name_tokens(n);
        w.sort_unstable();
        w.dedup();
        w
    };
    let courts_agree = match (&a.court_id, &b.court_id) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // Keys of one reporter are different cases, whatever their names.
    let reporters_differ = a.keys.iter().all(|x| {
        b.keys
            .iter()
            .all(|y| super::authority::reporter_of(x) != super::authority::reporter_of(y))
    });
    a.year.is_some()
        && a.year == b.year
        && courts_agree
        && reporters_differ
        && words(&a.name).len() >= 2
        && words(&a.name) == words(&b.name)
}

/// The name most votes give, the longer one on a tie (then the first in
/// alphabetical order, so the choice never depends on reading order).
fn most_given(votes: HashMap<String, u64>) -> Option<String> {
    votes
        .into_iter()
        .max_by(|(x, m), (y, n)| m.cmp(n).then(x.len().cmp(&y.len())).then(y.cmp(x)))
        .map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(order: &str, seq: u64, pin: &str, text: &str) -> StoredProposition {
        StoredProposition {
            id: crate::propositions::proposition_id(
                "464 F.3d 951",
                &crate::propositions::fold(text),
            ),
            authority: "464 F.3d 951".into(),
            text: text.into(),
            quoted: true,
            order: order.into(),
            file: format!("{order}.txt"),
            seq,
            pin: Some(pin.into()),
            signal: None,
            through: None,
            explanation: None,
            start: 0,
            end: 0,
            name: Some("Leon v. IDX Sys. Corp.".into()),
        }
    }

    /// Documents arrive in index order, which depends on how the corpus was
    /// indexed: the points, their ids, wordings and pins must not.
    #[test]
    fn clusters_do_not_depend_on_reading_order() {
        let rows = vec![
            stored("b", 4, "959", "dismissal is warranted where a party has engaged deliberately in deceptive practices that undermine the integrity of judicial proceedings"),
            stored("c", 1, "960", "a party's destruction of evidence qualifies as willful spoliation if the party has some notice that the documents were potentially relevant"),
            stored("a", 7, "958", "courts have inherent power to dismiss an action when a party has willfully deceived the court and engaged in conduct utterly inconsistent with the orderly administration of justice"),
            stored("a", 2, "959", "dismissal is warranted where a party has engaged deliberately in deceptive practices that undermine the integrity of judicial proceedings"),
            stored("a", 9, "961", "destruction of evidence qualifies as willful spoliation if the party has some notice that the documents were potentially relevant to the litigation"),
            stored("b", 1, "958", "Leon v. IDX Sys. Corp."),
        ];
        let clustered = cluster(rows.clone().into_iter().map(Ok)).unwrap();
        let mut permutations = vec![rows.iter().rev().cloned().collect::<Vec<_>>()];
        let mut sorted = rows.clone();
        sorted.sort_by(|x, y| (&x.order, x.seq).cmp(&(&y.order, y.seq)));
        permutations.push(sorted);
        for permutation in permutations {
            assert_eq!(cluster(permutation.into_iter().map(Ok)).unwrap(), clustered);
        }
        let points: Vec<(&[String], bool)> = clustered
            .iter()
            .map(|p| (p.orders.as_slice(), p.point))
            .collect();
        assert!(
            points.contains(&(&["a".to_string(), "b".to_string()][..], true)),
            "{clustered:#?}"
        );
        assert!(
            points.contains(&(&["a".to_string(), "c".to_string()][..], true)),
            "{clustered:#?}"
        );
        // The bare case name is an other use, listed last.
        assert_eq!(
            clustered.last().map(|p| (p.point, p.text.as_str())),
            Some((false, "Leon v. IDX Sys. Corp."))
        );
    }

    /// An authority is named as most of its citing orders name it: one
    /// order's lead-in read into the case name must not name it for all.
    #[test]
    fn an_authority_is_named_as_most_orders_name_it() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let order = |lead: &str| {
            format!(
                "ORDER\n\nThe pension vested before he became disabled. {lead}Terry v. City of Berkeley, 41 Cal. 2d 698, 702 (1953).\n"
            )
        };
        for (file, lead) in [
            ("a.txt", "See "),
            ("b.txt", "Relying on "),
            ("c.txt", "See "),
        ] {
            std::fs::write(corpus.path().join(file), order(lead)).unwrap();
        }
        let kb = Kb::open_or_create(dir.path(), true).unwrap();
        crate::kb::index_paths(
            &kb,
            &[corpus.path().to_path_buf()],
            &crate::kb::IndexOptions::default(),
            &|_| {},
        )
        .unwrap();
        kb.reload().unwrap();
        let a = kb.authority("41 Cal. 2d 698").unwrap().expect("indexed");
        assert_eq!(a.order_count, 3);
        assert_eq!(a.name, "Terry v. City of Berkeley");
    }

    /// The seed orders, indexed in a fresh directory.
    fn seeds() -> (tempfile::TempDir, Kb) {
        let dir = tempfile::tempdir().unwrap();
        let kb = Kb::open_or_create(dir.path(), false).unwrap();
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        crate::kb::index_paths(&kb, &[seeds], &crate::kb::IndexOptions::default(), &|_| {})
            .unwrap();
        kb.reload().unwrap();
        (dir, kb)
    }

    /// Work under a stopped watch ends in `Cancelled`, never in a partial
    /// answer: searches (phrases included), aggregates and record reads.
    #[test]
    fn a_stopped_watch_stops_every_kind_of_query() {
        let (_dir, kb) = seeds();
        let stopped = Watch::new(None);
        stopped.cancel();
        for q in [
            "preservation",
            "\"preservation orders\"",
            "\"inherent power\"~3",
        ] {
            assert!(kb.search(q, Scope::Orders, 10, 0).unwrap().total > 0, "{q}");
            let r = stopped.over(|| kb.search(q, Scope::Orders, 10, 0));
            assert!(matches!(r, Err(Error::Cancelled)), "{q}: {r:?}");
        }
        assert!(matches!(
            stopped.over(|| kb.all_authorities()),
            Err(Error::Cancelled)
        ));
        assert!(matches!(
            stopped.over(|| kb.cited_by("673 F. Supp. 2d 1063")),
            Err(Error::Cancelled)
        ));
        // Outside the watch the same work answers.
        assert!(!kb.all_authorities().unwrap().is_empty());
    }

    /// Phrases over the limits, and `field:*` where no column answers it,
    /// are bad queries (400), refused before any work; what is within the
    /// limits is answered.
    #[test]
    fn phrases_over_the_limits_and_field_wildcards_are_refused() {
        let (_dir, kb) = seeds();
        let words = |n: usize| vec!["the"; n].join(" ");
        let refused = [
            format!("\"{}\"~1000", words(300)),
            format!("\"{}\"", words(MAX_PHRASE_TERMS + 1)),
            format!("\"preservation orders\"~{}", MAX_SLOP + 1),
            format!("court:cand \"{}\"*", words(MAX_PHRASE_TERMS + 1)),
            "body:*".to_string(),
            "court:*".to_string(),
            "judge:*".to_string(),
            "preservation AND disposition:*".to_string(),
        ];
        for q in &refused {
            let r = kb.search(q, Scope::Orders, 10, 0);
            assert!(matches!(r, Err(Error::Query(_))), "{q}: {r:?}");
        }
        let accepted = [
            format!("\"{}\"~{MAX_SLOP}", words(MAX_PHRASE_TERMS)),
            "year:*".to_string(),
            "\"preservation orders\"~2".to_string(),
        ];
        for q in &accepted {
            assert!(kb.search(q, Scope::Orders, 10, 0).is_ok(), "{q}");
        }
    }

    /// A phrase is found the same whichever way the query around it is
    /// built: alone, in a clause, boosted, excluded.
    #[test]
    fn phrases_keep_their_meaning_inside_boolean_queries() {
        let (_dir, kb) = seeds();
        let total = |q: &str| kb.search(q, Scope::Orders, 10, 0).unwrap().total;
        let phrase = total("\"preservation orders\"");
        assert_eq!(phrase, 3);
        assert_eq!(total("\"preservation orders\"^2"), phrase);
        assert_eq!(total("(\"preservation orders\" OR zzzzqx)"), phrase);
        assert_eq!(
            total("\"preservation orders\" AND -\"orders preservation\""),
            phrase
        );
        assert_eq!(
            total("\"preservation orders\" AND NOT \"preservation orders\""),
            0
        );
        assert_eq!(total("\"orders preservation\""), 0);
        assert_eq!(
            total("\"orders preservation\"~2"),
            phrase,
            "a transposition costs 2"
        );
        let hits = kb
            .search("\"preservation orders\"", Scope::Orders, 10, 0)
            .unwrap();
        assert!(
            hits.hits[0].highlights.len() >= 2,
            "phrase words are highlighted"
        );
    }

    /// A phrase's work is its terms × the orders holding its rarest term;
    /// a phrase prefix's, its terms × the orders holding all but the last;
    /// a search's, the sum over its phrases.
    #[test]
    fn the_work_of_phrases_is_counted_before_they_run() {
        let (_dir, kb) = seeds();
        let work = |q: &str| {
            let ast = tantivy::query_grammar::parse_query(q).unwrap();
            kb.within_limits(&ast, kb.fields.body, &kb.searcher())
                .unwrap()
                .work
        };
        assert_eq!(work("\"preservation orders\""), 2 * 3);
        assert_eq!(work("\"preservation orders zzzzqx\"~3"), 0);
        assert_eq!(work("\"preservation orders court\"*"), 3 * 3);
        assert_eq!(
            work("preservation orders"),
            0,
            "words alone are not phrases"
        );
        // (The grammar reads a clause repeated word for word as one.)
        let two = "\"the court\" OR (\"the court\"~1)";
        assert_eq!(work(two), 2 * work("\"the court\""));
        let refused = kb.search(
            &format!("\"{}\"", vec!["the"; 64].join(" ")),
            Scope::Orders,
            10,
            0,
        );
        assert!(
            refused.is_ok(),
            "192 lists are far under the limit: {refused:?}"
        );
    }

    /// A facet clause finds exactly the orders the facet counted, whatever
    /// its value holds (spaces, quotes, slashes, backslashes).
    #[test]
    fn a_facet_clause_finds_what_the_facet_counted() {
        let (_dir, kb) = seeds();
        let all = kb.search("preservation", Scope::Orders, 10, 0).unwrap();
        let mut checked = 0;
        for (name, counts) in &all.facets {
            for (value, n) in counts {
                let q = format!("(preservation) {}", kb.facet_clause(name, value));
                assert_eq!(
                    kb.search(&q, Scope::Orders, 10, 0).unwrap().total,
                    *n,
                    "{q}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 4);
        let odd = kb.facet_clause("judge", "A \"B\" C/D\\E");
        assert_eq!(
            odd, "facets:\"/judge/A \\\"B\\\" C\\\\/D\\\\\\\\E\"",
            "`\\` and `/` escaped for the path, then `\\` and `\"` for the phrase"
        );
        let read = tantivy::query_grammar::parse_query(&odd).unwrap();
        let UserInputAst::Leaf(leaf) = read else {
            panic!("{read:?}")
        };
        let UserInputLeaf::Literal(literal) = *leaf else {
            panic!()
        };
        let facet = tantivy::schema::Facet::from_text(&literal.phrase).unwrap();
        assert_eq!(
            facet,
            tantivy::schema::Facet::from_path(["judge", "A \"B\" C/D\\E"])
        );
        assert!(kb.search(&odd, Scope::Orders, 10, 0).is_ok());
    }

    /// `cited_by` names its authority as the authority table does, though it
    /// reads no authority record but one: on the seeds, one order's
    /// "Am. LegalNet" named the case the other two call "American LegalNet".
    #[test]
    fn cited_by_names_the_authority_as_the_authority_table_does() {
        let (_dir, kb) = seeds();
        let key = "673 F. Supp. 2d 1063";
        let table = kb.authority(key).unwrap().expect("indexed");
        assert_eq!(table.name, "American LegalNet, Inc. v. Davis");
        assert_eq!(kb.cited_by(key).unwrap().authority.name, table.name);
    }
}
