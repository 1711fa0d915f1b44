//! Building and updating the index.
//!
//! A run walks its inputs, hashes every file, and compares with the orders
//! already indexed: unchanged files are skipped, changed ones replaced,
//! vanished ones removed. A reader thread analyzes bounded batches on all
//! cores (rayon) and builds their documents, one batch ahead of the writer
//! thread, which only assigns proposition ids in order and hands the
//! documents to tantivy. With one batch queued between them and the writer's
//! fixed heap budget, memory does not grow with the corpus.
//!
//! Crash safety comes from tantivy's commit protocol: documents become
//! visible only when `meta.json` is atomically replaced at commit, and
//! segments written after the last commit are garbage. A run commits every
//! few thousand orders (`commit_every`) and at the end, so a run killed at any
//! point leaves the last committed index usable, and the next run picks up
//! where it stopped (files committed already hash as unchanged). The format version travels in the commit
//! payload, so it is never out of step with the data.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::indexer::IndexWriterOptions;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use super::records::{CitationRecord, OrderRecord};
use super::schema::{self, doc_type, Fields, FORMAT_VERSION};
use crate::propositions::{self, Shingles};
use crate::resolve::{self, AuthorityKind};
use crate::{ingest, Error, Result};

/// What the commit payload says about the index.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    format: String,
    version: u32,
}

const FORMAT_NAME: &str = "precedent-index";

/// An open knowledge base.
pub struct Kb {
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// Where it lives.
    pub dir: PathBuf,
    reader: IndexReader,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb").field("dir", &self.dir).finish()
    }
}

fn check_version(index: &Index, dir: &Path) -> Result<()> {
    let metas = index.load_metas()?;
    let found = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<Payload>(p).ok())
        .filter(|p| p.format == FORMAT_NAME);
    match found {
        Some(p) if p.version == FORMAT_VERSION => Ok(()),
        // Created but killed before its first commit: an empty index, of no
        // version yet; the next `index` run commits it with this one.
        None if metas.payload.is_none() && metas.segments.is_empty() => Ok(()),
        Some(p) => Err(Error::IndexVersion {
            dir: dir.to_path_buf(),
            found: p.version.to_string(),
            expected: FORMAT_VERSION,
        }),
        None => Err(Error::IndexVersion {
            dir: dir.to_path_buf(),
            found: "unknown (not a precedent index)".into(),
            expected: FORMAT_VERSION,
        }),
    }
}

fn payload() -> String {
    serde_json::to_string(&Payload {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
    })
    .expect("payload serializes")
}

fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

impl Kb {
    /// Opens the index in `dir` for reading; it must exist and have this version.
    pub fn open(dir: &Path) -> Result<Kb> {
        if !has_index(dir) {
            return Err(Error::NoIndex {
                dir: dir.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(dir)?;
        check_version(&index, dir)?;
        let fields = schema::fields_of(&index.schema()).ok_or_else(|| Error::IndexVersion {
            dir: dir.to_path_buf(),
            found: "a different schema".into(),
            expected: FORMAT_VERSION,
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Kb {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader,
        })
    }

    /// Opens the index in `dir`, creating an empty one (committed at once, so
    /// it is valid even if the run is killed) when there is none. With
    /// `rebuild`, an existing index is discarded first.
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<Kb> {
        if rebuild && dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        if has_index(dir) {
            return Kb::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, _) = schema::build();
        let index = Index::create_in_dir(dir, schema)?;
        let mut writer: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 15_000_000)?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&payload());
        commit.commit()?;
        drop(writer);
        Kb::open(dir)
    }

    /// A searcher over the last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Sees the latest commit now, rather than after the reader's reload delay.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }
}

/// A record stored on a document, in the field of the role it plays there.
pub(crate) trait Stored: Serialize + for<'de> Deserialize<'de> {
    /// The field holding it.
    fn field(fields: &Fields) -> Field;

    /// Fills in what the record leaves to another role of the same document.
    fn complete(&mut self, _fields: &Fields, _doc: &TantivyDocument) {}
}

impl Stored for OrderRecord {
    fn field(fields: &Fields) -> Field {
        fields.record
    }
}

impl Stored for CitationRecord {
    fn field(fields: &Fields) -> Field {
        fields.record
    }

    /// A citation that hosts its proposition leaves the wording to the
    /// proposition's record rather than storing it twice.
    fn complete(&mut self, fields: &Fields, doc: &TantivyDocument) {
        if self.proposition.is_some() && self.proposition_text.is_none() {
            if let Some(p) = record::<StoredProposition>(fields, doc) {
                if Some(&p.id) == self.proposition.as_ref() {
                    self.proposition_text = Some(p.text);
                }
            }
        }
    }
}

impl Stored for StoredAuthority {
    fn field(fields: &Fields) -> Field {
        fields.authority_record
    }
}

impl Stored for StoredProposition {
    fn field(fields: &Fields) -> Field {
        fields.proposition_record
    }
}

/// The record of type `T` a document holds.
pub(crate) fn record<T: Stored>(fields: &Fields, doc: &TantivyDocument) -> Option<T> {
    let mut rec: T = postcard::from_bytes(doc.get_first(T::field(fields))?.as_bytes()?).ok()?;
    rec.complete(fields, doc);
    Some(rec)
}

/// Stores `rec` on `doc`, in its role's field.
fn store<T: Stored>(fields: &Fields, doc: &mut TantivyDocument, rec: &T) {
    // Serializing plain owned data into a Vec cannot fail.
    if let Ok(bytes) = postcard::to_allocvec(rec) {
        doc.add_bytes(T::field(fields), &bytes);
    }
}

/// A file read and analyzed: `None` when unchanged, else the order and whether it replaces one.
/// What the reader thread hands the writer, in read order.
enum Step {
    /// A file or record that could not be read.
    Failed(FileError),
    /// A file whose hash is the one indexed: its orders (this many) stay.
    Unchanged(usize),
    /// A changed file: its old orders are deleted before its new ones are added.
    Replace(String),
    /// A changed file with no readable document left: its old orders (this many) are gone.
    Emptied(usize),
    /// A document read, waiting for analysis (with its file's hash, and
    /// whether it replaces an indexed file).
    Read(Box<ingest::Document>, String, bool),
    /// An order analyzed.
    Order(Box<Prepared>, bool),
    /// (Writer side) the next analyzed order's documents go in here.
    Added,
}

/// How to run `index`.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// The index writer's memory budget in bytes.
    pub heap_bytes: usize,
    /// Orders analyzed per batch (bounds memory).
    pub batch: usize,
    /// Orders between commits: what a killed run may have to redo.
    pub commit_every: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            max_bytes: ingest::DEFAULT_MAX_BYTES,
            heap_bytes: 256 * 1024 * 1024,
            batch: 512,
            commit_every: 4096,
        }
    }
}

/// A file that could not be indexed.
#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    /// The file.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    /// Files seen.
    pub files: usize,
    /// New orders indexed.
    pub added: usize,
    /// Changed orders re-indexed.
    pub updated: usize,
    /// Unchanged orders skipped.
    pub unchanged: usize,
    /// Orders removed because their file is gone.
    pub removed: usize,
    /// Files, or records of a file that holds many, that could not be indexed.
    pub failed: usize,
    /// Citations in the orders indexed by this run.
    pub citations: usize,
    /// Bytes of text analyzed by this run.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// Orders in the index after the run.
    pub orders_in_index: usize,
    /// Why each failed file failed.
    pub errors: Vec<FileError>,
}

/// Progress events, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// The number of files to look at is known.
    Start(u64),
    /// One more file was dealt with.
    Step,
    /// All done.
    Finish,
}

/// One order analyzed and turned into documents, waiting only for its
/// proposition ids (assigned in order, in the writer thread).
struct Prepared {
    order: OrderRecord,
    bytes: u64,
    /// The order document and its authority documents: complete already.
    docs: Vec<TantivyDocument>,
    /// Citation documents lacking only their record, which names the proposition.
    citations: Vec<(TantivyDocument, CitationRecord)>,
    propositions: Vec<Pending>,
}

/// A proposition whose cluster is not known yet. Everything that does not
/// depend on the other orders (its shingles, the id it gets if it starts a
/// cluster) is computed in the analysis workers, so the serial step is only
/// the comparison with the clusters already known.
struct Pending {
    stored: StoredProposition,
    shingles: Shingles,
    fresh_id: String,
}

fn prepare(f: &Fields, doc: &ingest::Document, hash: String) -> Prepared {
    let text = doc.text.as_str();
    let analysis = crate::analyze(text);
    let mut meta = crate::order::metadata(&analysis.normalized);
    // What the source says (a case-law record's court, date, name) wins over what is read from the text.
    doc.source.apply(&mut meta);
    let id = doc.id.clone();
    let file = doc.file.clone();
    let order = OrderRecord {
        id: id.clone(),
        file: file.clone(),
        hash,
        court: meta.court.clone(),
        court_id: meta.court_id.clone(),
        case_number: meta.case_number.clone(),
        case_name: meta.case_name.clone(),
        title: meta.title.clone(),
        judge: meta.judge.clone(),
        date: meta.date.clone(),
        year: meta
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok()),
        disposition: meta.disposition.clone(),
        pages: meta.pages,
        citations: analysis.citations.len() as u64,
    };
    let cites = &analysis.citations;
    // The keys a query may match for an authority (its parallel keys and their
    // parents), computed once per authority rather than once per citation.
    let with_parents = |mut keys: Vec<String>| -> Vec<String> {
        for k in keys.clone() {
            keys.extend(resolve::parents(&k));
        }
        keys.sort();
        keys.dedup();
        keys
    };
    let trees: Vec<Vec<String>> = analysis
        .authorities
        .iter()
        .map(|a| with_parents(a.keys.clone()))
        .collect();
    let mut tree_index: HashMap<&str, usize> = HashMap::new();
    for (i, a) in analysis.authorities.iter().enumerate() {
        for k in &a.keys {
            tree_index.entry(k.as_str()).or_insert(i);
        }
    }
    let tree_of = |key: &str| -> Vec<String> {
        match tree_index.get(key) {
            Some(&i) => trees[i].clone(),
            None => with_parents(vec![key.to_string()]),
        }
    };
    let mut citations: Vec<(TantivyDocument, CitationRecord)> = cites
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let treatment = analysis.treatments[i].as_ref();
            let rec = CitationRecord {
                order: id.clone(),
                file: file.clone(),
                seq: i as u64,
                kind: c.kind.as_str().into(),
                authority: c.authority.clone(),
                authority_kind: AuthorityKind::of(c.kind)
                    .filter(|_| c.authority.is_some())
                    .map(|k| k.as_str().into()),
                text: text[c.start..c.end].to_string(),
                start: c.start as u64,
                end: c.end as u64,
                body_start: c.clean.0 as u64,
                body_end: c.clean.1 as u64,
                pin: c.pin.clone(),
                page: c.order_page.map(u64::from),
                signal: c.signal.clone(),
                treatment: treatment.map(|t| t.kind.as_str().into()),
                treatment_evidence: treatment.and_then(|t| t.evidence.clone()),
                proposition: None,
                proposition_text: None,
                order_court_id: meta.court_id.clone(),
                order_date: meta.date.clone(),
                order_case_name: meta.case_name.clone(),
                through: c
                    .nested_in
                    .and_then(|p| cites[p].authority.clone())
                    .filter(|t| Some(t) != c.authority.as_ref()),
                case_name: c.case_name.clone(),
                court_id: c.court_id.clone(),
                year: c.year.map(i64::from),
            };
            // Citation and authority documents are found by type, file, order
            // id (a file can hold many orders) and authority only, never by the
            // query parser, and their records hold the rest: position and year
            // would be indexed for nothing.
            let mut d = TantivyDocument::default();
            d.add_text(f.doc_type, doc_type::CITATION);
            d.add_text(f.file, &file);
            d.add_text(f.order_id, &id);
            if let Some(a) = &rec.authority {
                d.add_text(f.authority, a);
                for k in tree_of(a) {
                    d.add_text(f.authority_tree, k);
                }
            }
            if let Some(k) = &rec.authority_kind {
                d.add_text(f.kind, k);
            }
            if let Some(cid) = &order.court_id {
                d.add_text(f.court_id, cid);
            }
            (d, rec)
        })
        .collect();

    let mut cites_keys: Vec<String> = Vec::new();
    let mut authority_docs = Vec::new();
    let mut hosts_authority = vec![false; citations.len()];
    for a in &analysis.authorities {
        let tree = tree_of(&a.key);
        let stored = StoredAuthority {
            key: a.key.clone(),
            keys: a.keys.clone(),
            kind: a.kind.as_str().into(),
            name: a.name.clone(),
            court_id: a.court_id.clone(),
            year: a.year.map(i64::from),
            parents: a.parents.clone(),
            order: id.clone(),
            file: file.clone(),
            count: a.citations.len() as u64,
            pins: a.pins.clone(),
            pages: a.order_pages.clone(),
        };
        // The first citation of this key, as this kind, already has every
        // field an authority document indexes but its name.
        let host = citations
            .iter()
            .zip(&hosts_authority)
            .position(|((_, c), hosted)| {
                !hosted
                    && c.authority.as_deref() == Some(a.key.as_str())
                    && c.authority_kind.as_deref() == Some(a.kind.as_str())
            });
        let doc = match host {
            Some(i) => {
                hosts_authority[i] = true;
                &mut citations[i].0
            }
            None => {
                let mut d = TantivyDocument::default();
                d.add_text(f.file, &file);
                d.add_text(f.order_id, &id);
                d.add_text(f.authority, &a.key);
                for k in &tree {
                    d.add_text(f.authority_tree, k);
                }
                d.add_text(f.kind, a.kind.as_str());
                if let Some(cid) = &order.court_id {
                    d.add_text(f.court_id, cid);
                }
                authority_docs.push(d);
                authority_docs.last_mut().expect("just pushed")
            }
        };
        doc.add_text(f.doc_type, doc_type::AUTHORITY);
        doc.add_text(f.name, resolve::name_tokens(&a.name).join(" "));
        store(f, doc, &stored);
        cites_keys.extend(tree);
    }
    cites_keys.sort();
    cites_keys.dedup();

    let mut od = TantivyDocument::default();
    od.add_text(f.doc_type, doc_type::ORDER);
    od.add_text(f.file, &file);
    od.add_text(f.order_id, &id);
    od.add_text(f.hash, &order.hash);
    od.add_text(f.order_file, &file);
    od.add_text(f.body, &analysis.normalized.text);
    if let Some(c) = &order.court {
        od.add_text(f.court, c);
    }
    if let Some(c) = &order.court_id {
        od.add_text(f.court_id, c);
        od.add_text(f.court, c);
    }
    if let Some(j) = &order.judge {
        od.add_text(f.judge, j);
    }
    if let Some(y) = order.year {
        od.add_i64(f.year, y);
    }
    if let Some(d) = &order.disposition {
        od.add_text(f.disposition, d);
    }
    for k in &cites_keys {
        od.add_text(f.cites, k);
    }
    let facet_values = [
        ("court", order.court_id.clone()),
        ("year", order.year.map(|y| y.to_string())),
        ("judge", order.judge.clone()),
        ("disposition", order.disposition.clone()),
    ];
    for (name, value) in facet_values {
        if let Some(v) = value {
            od.add_facet(
                f.facets,
                tantivy::schema::Facet::from_path([name, v.as_str()]),
            );
        }
    }
    store(f, &mut od, &order);
    let mut docs = Vec::with_capacity(1 + authority_docs.len());
    docs.push(od);
    docs.extend(authority_docs);

    let propositions = analysis
        .propositions
        .iter()
        .map(|p| Pending {
            shingles: Shingles::of(&p.tokens),
            fresh_id: propositions::proposition_id(&p.authority, &p.tokens),
            stored: StoredProposition {
                id: String::new(),
                authority: p.authority.clone(),
                text: p.text.clone(),
                quoted: p.quoted,
                order: id.clone(),
                file: file.clone(),
                seq: p.citation as u64,
                pin: p.pin.clone(),
                signal: p.signal.clone(),
                through: p.through.clone(),
                explanation: p.explanation.clone(),
                start: p.start as u64,
                end: p.end as u64,
            },
        })
        .collect();
    Prepared {
        order,
        bytes: text.len() as u64,
        docs,
        citations,
        propositions,
    }
}

/// Loads the (id, folded words) of the propositions already indexed for an authority.
type LoadPropositions<'a> = &'a dyn Fn(&str) -> Vec<(String, Vec<String>)>;

/// Memory the proposition-cluster cache may hold before it is dropped (after
/// a commit, when everything it knows is in the index and can be reloaded).
const CLUSTER_CACHE_BYTES: usize = 256 * 1024 * 1024;

/// Proposition clusters known so far, loaded from the index per authority on first use.
struct Clusters {
    reps: HashMap<String, Vec<(String, Shingles)>>,
    bytes: usize,
}

impl Clusters {
    /// Drops the cache if it outgrew its budget; call only right after a commit.
    fn trim(&mut self) {
        if self.bytes > CLUSTER_CACHE_BYTES {
            self.reps.clear();
            self.bytes = 0;
        }
    }

    /// The id of the cluster `mine` belongs to; `fresh_id` when it starts one.
    fn assign(
        &mut self,
        searcher_docs: LoadPropositions<'_>,
        authority: &str,
        mine: Shingles,
        fresh_id: &str,
    ) -> String {
        let bytes = &mut self.bytes;
        let reps = match self.reps.get_mut(authority) {
            Some(r) => r,
            None => {
                let mut seen = HashSet::new();
                let loaded: Vec<(String, Shingles)> = searcher_docs(authority)
                    .into_iter()
                    .filter(|(id, _)| seen.insert(id.clone()))
                    .map(|(id, toks)| (id, Shingles::of(&toks)))
                    .collect();
                *bytes += authority.len()
                    + loaded
                        .iter()
                        .map(|(id, s)| id.len() + s.heap_bytes() + 48)
                        .sum::<usize>();
                self.reps.entry(authority.to_string()).or_insert(loaded)
            }
        };
        if let Some((id, _)) = reps.iter().find(|(_, s)| s.same_as(&mine)) {
            return id.clone();
        }
        *bytes += fresh_id.len() + mine.heap_bytes() + 48;
        reps.push((fresh_id.to_string(), mine));
        fresh_id.to_string()
    }
}

/// The proposition record stored per order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredProposition {
    pub id: String,
    pub authority: String,
    pub text: String,
    pub quoted: bool,
    pub order: String,
    pub file: String,
    pub seq: u64,
    pub pin: Option<String>,
    pub signal: Option<String>,
    pub through: Option<String>,
    pub explanation: Option<String>,
    pub start: u64,
    pub end: u64,
}

/// The authority record stored per order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredAuthority {
    pub key: String,
    pub keys: Vec<String>,
    pub kind: String,
    pub name: String,
    pub court_id: Option<String>,
    pub year: Option<i64>,
    pub parents: Vec<String>,
    pub order: String,
    pub file: String,
    pub count: u64,
    pub pins: Vec<String>,
    pub pages: Vec<u32>,
}

/// Gives every proposition of a batch its cluster id, in order: the only step
/// that must see the orders one after another.
fn assign_ids(kb: &Kb, clusters: &mut Clusters, batch: &mut [Prepared]) {
    let f = &kb.fields;
    let searcher = kb.searcher();
    // Only proposition documents: citation and authority documents share the
    // key, and parsing their records only to discard them was most of the work.
    let load = |authority: &str| -> Vec<(String, Vec<String>)> {
        let term = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(f.doc_type, doc_type::PROPOSITION)),
            (Occur::Must, term(f.authority, authority)),
        ]);
        let Ok(addrs) = searcher.search(&q, &DocSetCollector) else {
            return Vec::new();
        };
        let mut addrs: Vec<_> = addrs.into_iter().collect();
        addrs.sort();
        addrs
            .into_iter()
            .filter_map(|a| searcher.doc::<TantivyDocument>(a).ok())
            .filter_map(|d| record::<StoredProposition>(f, &d))
            .filter(|sp| !sp.id.is_empty() && !sp.text.is_empty())
            .map(|sp| (sp.id, propositions::fold(&sp.text)))
            .collect()
    };
    for p in batch {
        for prop in &mut p.propositions {
            let mine = std::mem::take(&mut prop.shingles);
            prop.stored.id = clusters.assign(&load, &prop.stored.authority, mine, &prop.fresh_id);
        }
    }
}

/// The order's documents, in the order they are added, once its proposition ids are known.
fn finish(f: &Fields, p: Prepared) -> Vec<TantivyDocument> {
    let Prepared {
        order,
        mut docs,
        mut citations,
        propositions,
        ..
    } = p;
    let mut prop_docs = Vec::new();
    let mut hosts_proposition = vec![false; citations.len()];
    for Pending { stored, .. } in propositions {
        let seq = stored.seq as usize;
        let host = match citations.get_mut(seq) {
            Some((d, c)) => {
                c.proposition = Some(stored.id.clone());
                // The citation's document already indexes the order and the key.
                let hosts =
                    !hosts_proposition[seq] && c.authority.as_ref() == Some(&stored.authority);
                // A host's record reads the wording from the proposition's (`complete`).
                c.proposition_text = (!hosts).then(|| stored.text.clone());
                hosts.then(|| {
                    hosts_proposition[seq] = true;
                    d
                })
            }
            None => None,
        };
        let doc = match host {
            Some(d) => d,
            None => {
                let mut d = TantivyDocument::default();
                d.add_text(f.file, &stored.file);
                d.add_text(f.order_id, &stored.order);
                d.add_text(f.authority, &stored.authority);
                if let Some(c) = &order.court_id {
                    d.add_text(f.court_id, c);
                }
                prop_docs.push(d);
                prop_docs.last_mut().expect("just pushed")
            }
        };
        doc.add_text(f.doc_type, doc_type::PROPOSITION);
        doc.add_text(f.proposition, &stored.id);
        doc.add_text(f.proposition_text, &stored.text);
        store(f, doc, &stored);
    }
    // The order, its citations (with the roles they host), then the
    // authorities and propositions that could not share a citation's document.
    let rest = docs.split_off(1);
    docs.reserve(citations.len() + rest.len() + prop_docs.len());
    for (mut d, c) in citations {
        store(f, &mut d, &c);
        docs.push(d);
    }
    docs.extend(rest);
    docs.extend(prop_docs);
    docs
}

/// The files in the index: file → (hash, number of orders read from it).
pub fn indexed_files(kb: &Kb) -> Result<HashMap<String, (String, usize)>> {
    let f = &kb.fields;
    let order = Term::from_field_text(f.doc_type, doc_type::ORDER);
    let name = |field: Field| kb.index.schema().get_field_name(field).to_string();
    let (hash_name, file_name) = (name(f.hash), name(f.order_file));
    let mut out: HashMap<String, (String, usize)> = HashMap::new();
    let (mut hash, mut file) = (String::new(), String::new());
    for segment in kb.searcher().segment_readers() {
        let Some(mut orders) = segment
            .inverted_index(f.doc_type)?
            .read_postings(&order, IndexRecordOption::Basic)?
        else {
            continue;
        };
        let columns = segment.fast_fields();
        let (Some(hashes), Some(files)) = (columns.str(&hash_name)?, columns.str(&file_name)?)
        else {
            continue;
        };
        let mut doc = orders.doc();
        while doc != tantivy::TERMINATED {
            let ords = (hashes.term_ords(doc).next(), files.term_ords(doc).next());
            if let (false, (Some(h), Some(p))) = (segment.is_deleted(doc), ords) {
                hashes.ord_to_str(h, &mut hash)?;
                files.ord_to_str(p, &mut file)?;
                match out.get_mut(file.as_str()) {
                    Some(entry) => entry.1 += 1,
                    None => {
                        out.insert(file.clone(), (hash.clone(), 1));
                    }
                }
            }
            doc = orders.advance();
        }
    }
    Ok(out)
}

/// A file after the read step of a run.
enum Read {
    /// Its hash is the one indexed: its orders (this many) stay as they are.
    Unchanged(usize),
    /// New or changed: its documents (streamed for JSON Lines).
    Changed {
        docs: Box<dyn Iterator<Item = Result<ingest::Document>> + Send>,
        hash: String,
        replaces: bool,
    },
}

/// Opens and hashes `path` and, unless it is unchanged, reads its documents
/// (whole, but for streamed formats, which are read later, batch by batch).
fn read_file(
    path: &Path,
    max_bytes: u64,
    existing: &HashMap<String, (String, usize)>,
) -> std::result::Result<Read, FileError> {
    let file = path.display().to_string();
    let fail = |e: Error| FileError {
        file: file.clone(),
        reason: error_reason(&e),
    };
    let source = ingest::open(path, max_bytes).map_err(fail)?;
    let hash = source.hash().map_err(fail)?;
    let prev = existing.get(&file);
    if let Some((_, orders)) = prev.filter(|(h, _)| *h == hash) {
        return Ok(Read::Unchanged(*orders));
    }
    let stream = source.is_stream();
    let docs = source.documents().map_err(fail)?;
    let docs: Box<dyn Iterator<Item = Result<ingest::Document>> + Send> = if stream {
        Box::new(docs)
    } else {
        Box::new(docs.collect::<Vec<_>>().into_iter())
    };
    Ok(Read::Changed {
        docs,
        hash,
        replaces: prev.is_some(),
    })
}

/// Indexes `roots` (files and directories) into `kb`.
pub fn index_paths(
    kb: &Kb,
    roots: &[PathBuf],
    opts: &IndexOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<IndexSummary> {
    let started = Instant::now();
    let mut summary = IndexSummary::default();
    let files = ingest::expand_paths(roots);
    summary.files = files.len();
    progress(Progress::Start(files.len() as u64));
    let existing = indexed_files(kb)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    // One merge at a time: each maps every page of its inputs, and
    // concurrent merges multiplied the peak (see `merge`).
    let mut writer: IndexWriter<TantivyDocument> = kb.index.writer_with_options(
        IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(opts.heap_bytes.max(threads * 20_000_000) / threads)
            .num_merge_threads(1)
            .build(),
    )?;
    // A run killed before its commit leaves files no commit refers to; the
    // same work redone names its files the same (opstamps are deterministic),
    // so they must go before anything is written.
    writer.garbage_collect_files().wait()?;
    writer.set_merge_policy(Box::new(super::merge::BoundedMerges::default()));
    let f = kb.fields.clone();

    // Orders whose file is gone, or no longer a document, under the roots being indexed.
    let seen: HashSet<String> = files.iter().map(|p| p.display().to_string()).collect();
    let root_strs: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
    for (file, (_, orders)) in &existing {
        let under_root = root_strs
            .iter()
            .any(|r| file == r || file.starts_with(&format!("{}/", r.trim_end_matches('/'))));
        if !seen.contains(file) && (under_root || !Path::new(file).exists()) {
            writer.delete_term(Term::from_field_text(f.file, file));
            summary.removed += orders;
        }
    }

    let mut clusters = Clusters {
        reps: HashMap::new(),
        bytes: 0,
    };
    let mut since_commit = 0usize;
    let batch_len = opts.batch.max(1);
    // A reader thread opens and reads the files (on all cores), and analyzes
    // their documents a batch ahead of the writer, which only assigns
    // proposition ids and hands documents to tantivy. The channel holds one
    // batch, so at most three batches are in memory at once, whatever the
    // corpus size, and a JSON Lines shard is streamed through in batches.
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Step>>(1);
        let existing = &existing;
        let f = &f;
        scope.spawn(move || {
            let mut steps: Vec<Step> = Vec::new();
            let mut waiting = 0usize;
            // Analyzes the documents waiting in `steps` and sends the batch;
            // false when the writer has stopped (on an error).
            let send = |steps: &mut Vec<Step>, waiting: &mut usize| -> bool {
                let batch: Vec<Step> = std::mem::take(steps)
                    .into_par_iter()
                    .map(|step| match step {
                        Step::Read(doc, hash, replaces) => {
                            Step::Order(Box::new(prepare(f, &doc, hash)), replaces)
                        }
                        other => other,
                    })
                    .collect();
                *waiting = 0;
                tx.send(batch).is_ok()
            };
            for batch in files.chunks(batch_len) {
                let read: Vec<std::result::Result<Read, FileError>> = batch
                    .par_iter()
                    .map(|path| {
                        let out = read_file(path, opts.max_bytes, existing);
                        progress(Progress::Step);
                        out
                    })
                    .collect();
                for (path, item) in batch.iter().zip(read) {
                    let (docs, hash, replaces) = match item {
                        Err(e) => {
                            steps.push(Step::Failed(e));
                            continue;
                        }
                        Ok(Read::Unchanged(orders)) => {
                            steps.push(Step::Unchanged(orders));
                            continue;
                        }
                        Ok(Read::Changed {
                            docs,
                            hash,
                            replaces,
                        }) => (docs, hash, replaces),
                    };
                    let file = path.display().to_string();
                    if replaces {
                        steps.push(Step::Replace(file.clone()));
                    }
                    let mut any = false;
                    for doc in docs {
                        match doc {
                            Ok(doc) => {
                                any = true;
                                steps.push(Step::Read(Box::new(doc), hash.clone(), replaces));
                                waiting += 1;
                                if waiting >= batch_len && !send(&mut steps, &mut waiting) {
                                    return;
                                }
                            }
                            Err(e) => steps.push(Step::Failed(FileError {
                                file: file.clone(),
                                reason: error_reason(&e),
                            })),
                        }
                    }
                    if !any && replaces {
                        steps.push(Step::Emptied(existing.get(&file).map_or(0, |e| e.1)));
                    }
                }
                if !send(&mut steps, &mut waiting) {
                    return;
                }
            }
        });
        for steps in rx {
            let mut orders: Vec<Prepared> = Vec::new();
            let mut plan: Vec<Step> = Vec::with_capacity(steps.len());
            for step in steps {
                match step {
                    Step::Order(p, replaces) => {
                        if replaces {
                            summary.updated += 1;
                        } else {
                            summary.added += 1;
                        }
                        summary.citations += p.citations.len();
                        summary.bytes += p.bytes;
                        orders.push(*p);
                        plan.push(Step::Added);
                    }
                    Step::Failed(e) => {
                        summary.failed += 1;
                        summary.errors.push(e);
                    }
                    Step::Unchanged(n) => summary.unchanged += n,
                    Step::Emptied(n) => summary.removed += n,
                    other => plan.push(other),
                }
            }
            assign_ids(kb, &mut clusters, &mut orders);
            let docs: Vec<Vec<TantivyDocument>> =
                orders.into_par_iter().map(|p| finish(f, p)).collect();
            let mut docs = docs.into_iter();
            // In read order: a replaced file's old orders are deleted before
            // its new ones are added (a delete applies to what came before it).
            for step in plan {
                match step {
                    Step::Replace(file) => {
                        writer.delete_term(Term::from_field_text(f.file, &file));
                    }
                    Step::Added => {
                        for d in docs.next().unwrap_or_default() {
                            writer.add_document(d)?;
                        }
                        since_commit += 1;
                    }
                    _ => {}
                }
            }
            if since_commit >= opts.commit_every.max(1) {
                let mut commit = writer.prepare_commit()?;
                commit.set_payload(&payload());
                commit.commit()?;
                kb.reload()?;
                clusters.trim();
                since_commit = 0;
            }
        }
        Ok(())
    })?;
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&payload());
    commit.commit()?;
    writer.wait_merging_threads()?;
    kb.reload()?;
    // Counted from the postings: loading the order documents would read (and
    // map) the whole document store, where order bodies live.
    summary.orders_in_index = kb.searcher().search(
        &TermQuery::new(
            Term::from_field_text(f.doc_type, doc_type::ORDER),
            IndexRecordOption::Basic,
        ),
        &Count,
    )?;
    summary.seconds = started.elapsed().as_secs_f64();
    progress(Progress::Finish);
    Ok(summary)
}

/// The reason part of an ingestion error (the file is reported beside it).
fn error_reason(e: &Error) -> String {
    match e {
        Error::BadInput { reason, .. } => reason.clone(),
        Error::Record { at, reason, .. } => format!("{at}: {reason}"),
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An incremental run learns what is indexed (file, hash, orders per file)
    /// without reading the document store: at 1,000,000 orders that read
    /// touched the whole 17 GB store (20.6 GB peak RSS for a run that changed
    /// nothing). Spoiling the stored blocks proves the store is not read.
    #[test]
    fn indexed_files_reads_no_stored_document() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(&seeds).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, corpus.path().join(path.file_name().unwrap())).unwrap();
        }
        let shard = |id: &str| {
            format!(
                "{{\"id\": \"{id}\", \"text\": \"ORDER {id}. See Leon v. IDX Sys. Corp., 464 F.3d 951, 958 (9th Cir. 2006).\"}}\n"
            )
        };
        std::fs::write(
            corpus.path().join("shard.jsonl"),
            shard("a") + &shard("b") + &shard("c"),
        )
        .unwrap();
        {
            let kb = Kb::open_or_create(dir.path(), true).unwrap();
            let roots = [corpus.path().to_path_buf()];
            index_paths(&kb, &roots, &IndexOptions::default(), &|_| {}).unwrap();
        }
        let expected: HashMap<String, (String, usize)> = std::fs::read_dir(corpus.path())
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let source = ingest::open(&path, u64::MAX).unwrap();
                let orders = if path.extension().unwrap() == "jsonl" {
                    3
                } else {
                    1
                };
                (path.display().to_string(), (source.hash().unwrap(), orders))
            })
            .collect();
        assert_eq!(expected.len(), 4);

        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "store") {
                let mut bytes = std::fs::read(&path).unwrap();
                // The compressed blocks come first; the block index and footer stay.
                let spoiled = bytes.len() / 2;
                bytes[..spoiled].fill(0xA5);
                std::fs::write(&path, bytes).unwrap();
            }
        }
        let kb = Kb::open(dir.path()).unwrap();
        assert_eq!(indexed_files(&kb).unwrap(), expected);
    }

    /// The streamed citation table holds every live citation once, sorted by
    /// order id, file and position, one id at a time; a removed order, whose
    /// id is still in the term dictionary until a merge, yields nothing.
    #[test]
    fn citations_stream_one_order_id_at_a_time_in_table_order() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let text = |n: u32| {
            format!(
                "See Leon v. IDX Sys. Corp., 464 F.3d 951, {n} (9th Cir. 2006). Id. at 959. See 42 U.S.C. § 1983.\n"
            )
        };
        for (path, n) in [
            ("b/x.txt", 958),
            ("a/x.txt", 957),
            ("y.txt", 956),
            ("w.txt", 955),
        ] {
            let path = corpus.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text(n)).unwrap();
        }
        let kb = Kb::open_or_create(dir.path(), true).unwrap();
        let roots = [corpus.path().to_path_buf()];
        index_paths(&kb, &roots, &IndexOptions::default(), &|_| {}).unwrap();
        std::fs::remove_file(corpus.path().join("y.txt")).unwrap();
        index_paths(&kb, &roots, &IndexOptions::default(), &|_| {}).unwrap();

        let mut groups: Vec<Vec<CitationRecord>> = Vec::new();
        kb.for_each_citation_group(|g| {
            groups.push(g);
            Ok(())
        })
        .unwrap();
        let ids: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| (g[0].order.as_str(), g.len()))
            .collect();
        assert_eq!(ids, [("w", 3), ("x", 6)]);
        let streamed: Vec<CitationRecord> = groups.into_iter().flatten().collect();
        let mut all: Vec<CitationRecord> = kb
            .docs(&TermQuery::new(
                Term::from_field_text(kb.fields.doc_type, doc_type::CITATION),
                IndexRecordOption::Basic,
            ))
            .unwrap()
            .iter()
            .filter_map(|d| record(&kb.fields, d))
            .collect();
        all.sort_by(|a, b| (&a.order, &a.file, a.seq).cmp(&(&b.order, &b.file, b.seq)));
        assert_eq!(streamed, all);
        assert!(streamed[3].file.ends_with("a/x.txt") && streamed[6].file.ends_with("b/x.txt"));
    }

    /// Each role is found by its type, with its own record, exactly as when
    /// every role was a document of its own, and most share a citation's document.
    #[test]
    fn roles_fold_into_citation_documents() {
        let dir = tempfile::tempdir().unwrap();
        let kb = Kb::open_or_create(dir.path(), true).unwrap();
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        index_paths(
            &kb,
            std::slice::from_ref(&corpus),
            &IndexOptions::default(),
            &|_| {},
        )
        .unwrap();

        let mut expected = [0usize; 4];
        for entry in std::fs::read_dir(&corpus).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let analysis = crate::analyze(&text);
            expected[0] += 1;
            expected[1] += analysis.citations.len();
            expected[2] += analysis.authorities.len();
            expected[3] += analysis.propositions.len();
        }
        let f = &kb.fields;
        let of_type = |t: &str| {
            TermQuery::new(
                Term::from_field_text(f.doc_type, t),
                IndexRecordOption::Basic,
            )
        };
        let types = [
            doc_type::ORDER,
            doc_type::CITATION,
            doc_type::AUTHORITY,
            doc_type::PROPOSITION,
        ];
        let docs: Vec<Vec<TantivyDocument>> = types
            .iter()
            .map(|t| kb.docs(&of_type(t)).unwrap())
            .collect();
        assert_eq!(docs.iter().map(Vec::len).collect::<Vec<_>>(), expected);
        assert!(docs[0]
            .iter()
            .all(|d| record::<OrderRecord>(f, d).is_some()));
        let citations: Vec<CitationRecord> = docs[1].iter().filter_map(|d| record(f, d)).collect();
        assert_eq!(citations.len(), expected[1]);
        // A host citation's record gets its proposition's wording from the proposition's record.
        assert!(citations.iter().any(|c| c.proposition.is_some()));
        assert!(citations
            .iter()
            .all(|c| c.proposition.is_some() == c.proposition_text.is_some()));
        assert!(docs[2]
            .iter()
            .all(|d| record::<StoredAuthority>(f, d).is_some()));
        assert!(docs[3]
            .iter()
            .all(|d| record::<StoredProposition>(f, d).is_some()));

        let total = kb.searcher().num_docs() as usize;
        let unfolded: usize = expected.iter().sum();
        assert!(
            total < expected[0] + expected[1] + (expected[2] + expected[3]) / 2,
            "{total} documents for {unfolded} roles"
        );
    }
}
