//! Building and updating the index: the indexing run.
//!
//! A run walks its inputs, hashes every file, and compares with what the
//! index holds: unchanged files are skipped, changed ones replaced, vanished
//! ones removed, and a file a killed run left half indexed is finished. A
//! reader thread reads and analyzes bounded batches on all cores (rayon),
//! one batch ahead of the writer thread, which only applies deletes and adds
//! in read order. With one batch queued between them and the writer's fixed
//! heap budget, memory does not grow with the corpus.
//!
//! Crash safety comes from tantivy's commit protocol: documents become
//! visible only when `meta.json` is atomically replaced at commit, and
//! segments written after the last commit are garbage. A run commits every
//! few thousand orders (`commit_every`) and at the end. A file counts as
//! indexed only once its file document is committed, and that document is
//! added after the file's last order: a shard killed halfway has orders and
//! no file document, so the next run resumes it (skipping the orders it
//! holds, when the file has not changed) and `check` reports it as partly
//! indexed.
//!
//! Every order has an id unique in the index: a file's stem, made unique
//! with as many of its folders as it takes when single-document files share
//! a stem (decided from the whole set of such files, so it does not depend
//! on the order files arrived in: a file whose id changes is re-indexed); a
//! record's own id, numbered (`id~2`) when a file repeats it; and, in the
//! rare case that an id is still taken by another file, qualified by its
//! own file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::indexer::IndexWriterOptions;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, IndexWriter, Searcher, TantivyDocument, Term};

use super::documents::{prepare, Prepared};
use super::handle::{Kb, Payload};
use super::schema::{doc_type, Fields};
use super::stored::{record, store, FileRecord};
use crate::{ingest, Error, Result};

/// What the reader thread hands the writer, in read order.
enum Step {
    /// A file or record that could not be read.
    Failed(FileError),
    /// A file whose hash is the one indexed: its orders (this many) stay.
    Unchanged(usize),
    /// A changed file: its old orders are deleted before its new ones are added.
    Replace(String),
    /// A document read, waiting for analysis (with its file's hash, and
    /// whether it replaces an indexed file).
    Read(Box<ingest::Document>, String, bool),
    /// An order analyzed.
    Order(Box<Prepared>, bool),
    /// A changed file with no readable document left: its old orders (this many) are gone.
    Emptied(usize),
    /// A file read to its end: its file document goes in after its orders
    /// (with the id of its one order, and whether a killed run's work was resumed).
    FileDone(Box<FileRecord>, Option<String>, bool),
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
    /// How directories are walked (links out of the corpus are not
    /// followed unless asked).
    pub walk: ingest::WalkOptions,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            max_bytes: ingest::DEFAULT_MAX_BYTES,
            heap_bytes: 256 * 1024 * 1024,
            batch: 512,
            commit_every: 4096,
            walk: ingest::WalkOptions::default(),
        }
    }
}

/// A file, or a record of a file, that could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Files a killed run had left partly indexed, finished by this run.
    pub resumed: usize,
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
    /// Orders of the index with the same text as another (counted once
    /// wherever orders are counted).
    pub duplicates: u64,
    /// Why each failed file failed.
    pub errors: Vec<FileError>,
    /// Links to documents the walk did not follow, each with the reason.
    pub skipped: Vec<FileError>,
}

/// Progress events, for a progress bar. A JSON Lines shard is one file of
/// thousands of orders, so the work is measured in bytes read (known in
/// advance from the files' sizes) and orders indexed, not only in files.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// The number of files to look at is known.
    Start(u64),
    /// Their size in bytes, all together (sent once, after `Start`).
    Bytes(u64),
    /// This many more bytes of the files were read: a file read whole at
    /// once, a streamed file (JSON Lines, gzip) as its records go by.
    Read(u64),
    /// One more order was analyzed and handed to the index.
    Order,
    /// One more file was dealt with.
    Step,
    /// All done.
    Finish,
}

/// What the index holds of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexedFile {
    /// Content hash of the file when it was indexed.
    pub hash: String,
    /// Orders of it in the index.
    pub orders: usize,
    /// Whether all of it is indexed (else a killed run left it partway).
    pub complete: bool,
    /// Records of it that could not be read.
    pub failed: u64,
    /// The id of its one order, for a file indexed whole that holds one.
    pub single_id: Option<String>,
    /// For a file indexed partway: the ids of the orders it has.
    pub ids: HashSet<String>,
}

/// A string column's value for `doc`, if it has one.
fn str_value(
    column: &tantivy::columnar::StrColumn,
    doc: tantivy::DocId,
    out: &mut String,
) -> Result<bool> {
    match column.term_ords(doc).next() {
        Some(ord) => Ok(column.ord_to_str(ord, out)?),
        None => Ok(false),
    }
}

/// The files in the index, read from columns of file and order documents
/// (never from the document store: at 1,000,000 orders that read touched
/// the whole 17 GB store).
pub fn indexed_files(kb: &Kb) -> Result<HashMap<String, IndexedFile>> {
    let f = &kb.fields;
    let schema = kb.index.schema();
    let name = |field: Field| schema.get_field_name(field).to_string();
    let mut out: HashMap<String, IndexedFile> = HashMap::new();
    let searcher = kb.searcher();
    let (mut hash, mut file, mut id) = (String::new(), String::new(), String::new());
    // Files indexed whole first, then the orders of files indexed partway.
    for kind in [doc_type::FILE, doc_type::ORDER] {
        let term = Term::from_field_text(f.doc_type, kind);
        for segment in searcher.segment_readers() {
            let Some(mut postings) = segment
                .inverted_index(f.doc_type)?
                .read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let columns = segment.fast_fields();
            let (Some(hashes), Some(files)) = (
                columns.str(&name(f.hash))?,
                columns.str(&name(f.order_file))?,
            ) else {
                continue;
            };
            let ids = columns.str(&name(f.order_key))?;
            let orders = columns.u64(&name(f.file_orders)).ok();
            let failed = columns.u64(&name(f.file_failed)).ok();
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if segment.is_deleted(doc) || !str_value(&files, doc, &mut file)? {
                    doc = postings.advance();
                    continue;
                }
                let has_id = match &ids {
                    Some(ids) => str_value(ids, doc, &mut id)?,
                    None => false,
                };
                if kind == doc_type::FILE {
                    str_value(&hashes, doc, &mut hash)?;
                    out.insert(
                        file.clone(),
                        IndexedFile {
                            hash: hash.clone(),
                            orders: orders.as_ref().and_then(|c| c.first(doc)).unwrap_or(0)
                                as usize,
                            complete: true,
                            failed: failed.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
                            single_id: has_id.then(|| id.clone()),
                            ids: HashSet::new(),
                        },
                    );
                } else {
                    let entry = out.entry(file.clone()).or_default();
                    if !entry.complete {
                        str_value(&hashes, doc, &mut hash)?;
                        entry.hash.clone_from(&hash);
                        entry.orders += 1;
                        if has_id {
                            entry.ids.insert(id.clone());
                        }
                    }
                }
                doc = postings.advance();
            }
        }
    }
    Ok(out)
}

/// The stored record of an indexed file.
pub(super) fn file_record(kb: &Kb, file: &str) -> Result<Option<FileRecord>> {
    let f = &kb.fields;
    let query = and(vec![term(f.doc_type, doc_type::FILE), term(f.file, file)]);
    let searcher = kb.searcher();
    for addr in searcher.search(&query, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        if let Some(r) = record::<FileRecord>(f, &doc) {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn and(queries: Vec<Box<dyn Query>>) -> BooleanQuery {
    BooleanQuery::new(queries.into_iter().map(|q| (Occur::Must, q)).collect())
}

/// The file document: the file's record and the columns `indexed_files` reads.
fn file_document(f: &Fields, rec: &FileRecord, single_id: Option<&str>) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.doc_type, doc_type::FILE);
    d.add_text(f.file, &rec.file);
    d.add_text(f.order_file, &rec.file);
    d.add_text(f.hash, &rec.hash);
    if let Some(id) = single_id {
        d.add_text(f.order_key, id);
    }
    d.add_u64(f.file_orders, rec.orders);
    d.add_u64(f.file_failed, rec.failed.len() as u64);
    store(f, &mut d, rec);
    d
}

/// Whether a path holds one document (its id is its stem) rather than
/// records with ids of their own.
fn single_document(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    !(lower.ends_with(".jsonl") || lower.ends_with(".jsonl.gz"))
}

/// The id of each single-document file: its stem, or, where stems collide,
/// the stem with as many of its folders as make it unique among them (the
/// whole path as given when even that does not).
fn unique_stems<'a>(files: impl IntoIterator<Item = &'a str>) -> HashMap<String, String> {
    let mut by_stem: HashMap<String, Vec<&str>> = HashMap::new();
    for file in files {
        by_stem
            .entry(ingest::order_id(&ingest::key_path(file)))
            .or_default()
            .push(file);
    }
    let mut out = HashMap::new();
    for (stem, mut group) in by_stem {
        group.sort_unstable();
        group.dedup();
        if group.len() == 1 {
            out.insert(group[0].to_string(), stem);
            continue;
        }
        let folders: Vec<Vec<String>> = group
            .iter()
            .map(|f| {
                let parent = Path::new(f).parent().unwrap_or(Path::new(""));
                parent
                    .components()
                    .filter_map(|c| match c {
                        std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let deepest = folders.iter().map(Vec::len).max().unwrap_or(0);
        let qualified = (1..=deepest).find_map(|k| {
            let ids: Vec<String> = folders
                .iter()
                .map(|parts| {
                    let from = parts.len().saturating_sub(k);
                    let mut id = parts[from..].join("/");
                    id.push('/');
                    id.push_str(&stem);
                    id
                })
                .collect();
            let distinct: HashSet<&String> = ids.iter().collect();
            (distinct.len() == ids.len()).then_some(ids)
        });
        match qualified {
            Some(ids) => out.extend(group.iter().map(|f| f.to_string()).zip(ids)),
            None => out.extend(group.iter().map(|f| (f.to_string(), f.to_string()))),
        }
    }
    out
}

/// Assigns every document of a run its id, in read order.
struct Ids<'a> {
    kb: &'a Kb,
    searcher: Searcher,
    /// Ids of single-document files.
    stems: HashMap<String, String>,
    /// Ids given so far in this run, and the file each went to.
    given: HashMap<String, String>,
    /// Files this run removes: their ids are free.
    removed: HashSet<String>,
}

impl Ids<'_> {
    /// Whether an order of another file (still in the index, or read
    /// earlier in this run) has `id`.
    fn taken(&self, id: &str, file: &str) -> Result<bool> {
        if let Some(owner) = self.given.get(id) {
            return Ok(owner != file);
        }
        let f = &self.kb.fields;
        let query = and(vec![
            term(f.doc_type, doc_type::ORDER),
            term(f.order_id, id),
        ]);
        let name = self
            .kb
            .index
            .schema()
            .get_field_name(f.order_file)
            .to_string();
        let mut owner = String::new();
        for addr in self.searcher.search(&query, &DocSetCollector)? {
            let segment = self.searcher.segment_reader(addr.segment_ord);
            if let Some(files) = segment.fast_fields().str(&name)? {
                if str_value(&files, addr.doc_id, &mut owner)?
                    && owner != file
                    && !self.removed.contains(&owner)
                {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The id of `doc`, whose file has given `seen` ids so far.
    fn assign(
        &mut self,
        doc: &ingest::Document,
        seen: &mut HashMap<String, usize>,
    ) -> Result<String> {
        let natural = match (&doc.part, self.stems.get(&doc.file)) {
            (None, Some(stem)) => stem.clone(),
            _ => doc.id.clone(),
        };
        let n = seen.entry(natural.clone()).or_default();
        *n += 1;
        let mut id = if *n > 1 {
            format!("{natural}~{n}")
        } else {
            natural
        };
        if self.taken(&id, &doc.file)? {
            id = match &doc.part {
                Some(_) => format!("{}/{id}", ingest::order_id(Path::new(&doc.file))),
                None => doc.file.clone(),
            };
        }
        self.given.insert(id.clone(), doc.file.clone());
        Ok(id)
    }
}

/// A file after the read step of a run.
enum Read {
    /// Its hash is the one indexed and it is indexed whole: its orders
    /// (this many) stay as they are; the records that failed still fail.
    Unchanged(usize, Vec<FileError>),
    /// New, changed, or indexed partway: its documents (streamed for JSON Lines).
    Changed {
        docs: Box<dyn Iterator<Item = Result<ingest::Document>> + Send>,
        /// For a streamed file: the bytes of it read so far.
        streamed: Option<Arc<AtomicU64>>,
        hash: String,
        /// Its old orders are to be deleted first.
        replaces: bool,
        /// Ids already indexed from this very content by a killed run.
        resume: HashSet<String>,
    },
}

/// Opens and hashes `path` and, unless it is unchanged, reads its documents
/// (whole, but for streamed formats, which are read later, batch by batch).
fn read_file(
    kb: &Kb,
    path: &Path,
    max_bytes: u64,
    existing: &HashMap<String, IndexedFile>,
    stems: &HashMap<String, String>,
) -> std::result::Result<Read, FileError> {
    let file = ingest::file_key(path);
    let fail = |e: Error| FileError {
        file: file.clone(),
        reason: error_reason(&e),
    };
    let source = ingest::open(path, max_bytes).map_err(fail)?;
    let hash = source.hash().map_err(fail)?;
    let prev = existing.get(&file);
    let same = prev.filter(|p| p.hash == hash);
    // A file whose id would change (another file came to share its stem) is re-indexed.
    let id_holds = |p: &IndexedFile| match &p.single_id {
        Some(id) => stems.get(&file) == Some(id) || *id == file,
        None => true,
    };
    match same {
        Some(p) if p.complete && id_holds(p) => {
            let failed = if p.failed > 0 {
                file_record(kb, &file)
                    .map_err(fail)?
                    .map(|r| r.failed)
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            return Ok(Read::Unchanged(p.orders, failed));
        }
        _ => {}
    }
    let resume = same
        .filter(|p| !p.complete)
        .map(|p| p.ids.clone())
        .unwrap_or_default();
    let streamed = source.is_stream().then(|| Arc::new(AtomicU64::new(0)));
    let docs = match &streamed {
        Some(read) => source.documents_counted(read.clone()),
        None => source.documents(),
    }
    .map_err(fail)?;
    let docs: Box<dyn Iterator<Item = Result<ingest::Document>> + Send> = if streamed.is_some() {
        Box::new(docs)
    } else {
        Box::new(docs.collect::<Vec<_>>().into_iter())
    };
    Ok(Read::Changed {
        docs,
        streamed,
        hash,
        replaces: prev.is_some() && resume.is_empty(),
        resume,
    })
}

/// Commits what the writer holds, with the payload, atomically.
fn commit(kb: &Kb, writer: &mut IndexWriter<TantivyDocument>, payload: &str) -> Result<()> {
    let mut prepared = writer.prepare_commit().map_err(|e| write_error(kb, e))?;
    prepared.set_payload(payload);
    prepared.commit().map_err(|e| write_error(kb, e))?;
    Ok(())
}

/// A writer's error, said plainly when the disk under the index is full:
/// tantivy reports a worker that died on a full disk as "killed".
fn write_error(kb: &Kb, e: tantivy::TantivyError) -> Error {
    match free_bytes(&kb.dir) {
        Some(free) if free < 64 * 1024 * 1024 => Error::DiskFull {
            dir: kb.dir.clone(),
            free,
        },
        _ => e.into(),
    }
}

/// Bytes free for an unprivileged writer on the filesystem holding `dir`.
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is a valid NUL-terminated string and `stat` a valid out pointer.
    let rc = unsafe { libc::statvfs(path.as_ptr(), &mut stat) };
    (rc == 0).then(|| stat.f_bavail as u64 * stat.f_frsize as u64)
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
    let walked = ingest::walk(roots, opts.walk);
    let files = walked.files;
    summary.skipped = walked
        .skipped
        .iter()
        .map(|(path, reason)| FileError {
            file: ingest::file_key(path),
            reason: reason.clone(),
        })
        .collect();
    summary.files = files.len();
    progress(Progress::Start(files.len() as u64));
    // Sizes on disk, for a progress measured in bytes; a file that cannot
    // be read counts 0 (reading it reports why).
    let sizes: Vec<u64> = files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    progress(Progress::Bytes(sizes.iter().sum()));
    let existing = indexed_files(kb)?;
    let payload = Payload::new(&kb.roots()?, roots, opts.walk).to_json();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    // One merge at a time: each maps every page of its inputs, and
    // concurrent merges multiplied the peak (see `merge`).
    let mut writer: IndexWriter<TantivyDocument> = kb
        .index
        .writer_with_options(
            IndexWriterOptions::builder()
                .num_worker_threads(threads)
                .memory_budget_per_thread(opts.heap_bytes.max(threads * 20_000_000) / threads)
                .num_merge_threads(1)
                .build(),
        )
        .map_err(|e| write_error(kb, e))?;
    // A run killed before its commit leaves files no commit refers to; the
    // same work redone names its files the same (opstamps are deterministic),
    // so they must go before anything is written.
    writer.garbage_collect_files().wait()?;
    writer.set_merge_policy(Box::new(super::merge::BoundedMerges::default()));
    let f = kb.fields.clone();

    // Orders whose file is gone, or no longer a document, under the roots being indexed.
    let seen: HashSet<String> = files.iter().map(|p| ingest::file_key(p)).collect();
    let root_strs: Vec<String> = roots.iter().map(|r| ingest::file_key(r)).collect();
    let mut removed = HashSet::new();
    for (file, indexed) in &existing {
        let under_root = root_strs
            .iter()
            .any(|r| file == r || file.starts_with(&format!("{}/", r.trim_end_matches('/'))));
        if !seen.contains(file) && (under_root || !ingest::key_path(file).exists()) {
            writer.delete_term(Term::from_field_text(f.file, file));
            summary.removed += indexed.orders;
            removed.insert(file.clone());
        }
    }
    // The single-document files the index will hold, for their unique ids.
    let stems = unique_stems(
        seen.iter()
            .map(String::as_str)
            .chain(
                existing
                    .iter()
                    .filter(|(file, e)| e.single_id.is_some() && !removed.contains(*file))
                    .map(|(file, _)| file.as_str()),
            )
            .filter(|file| single_document(file)),
    );
    let mut ids = Ids {
        kb,
        searcher: kb.searcher(),
        stems,
        given: HashMap::new(),
        removed,
    };

    let mut since_commit = 0usize;
    let batch_len = opts.batch.max(1);
    // A reader thread opens and reads the files (on all cores), names and
    // analyzes their documents a batch ahead of the writer, which hands
    // documents to tantivy in read order. The channel holds one batch, so
    // at most three batches are in memory at once, whatever the corpus
    // size, and a JSON Lines shard is streamed through in batches.
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<Step>>>(1);
        let existing = &existing;
        let f = &f;
        let ids = &mut ids;
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
                tx.send(Ok(batch)).is_ok()
            };
            for (batch, batch_sizes) in files.chunks(batch_len).zip(sizes.chunks(batch_len)) {
                let read: Vec<std::result::Result<Read, FileError>> = batch
                    .par_iter()
                    .map(|path| read_file(kb, path, opts.max_bytes, existing, &ids.stems))
                    .collect();
                for ((path, item), &size) in batch.iter().zip(read).zip(batch_sizes) {
                    // Bytes of this file reported so far: never past its size
                    // (a stream re-read in part would count twice).
                    let mut reported = 0u64;
                    let mut report = |upto: u64| {
                        let upto = upto.min(size);
                        if upto > reported {
                            progress(Progress::Read(upto - reported));
                            reported = upto;
                        }
                    };
                    let (docs, streamed, hash, replaces, resume) = match item {
                        Err(e) => {
                            steps.push(Step::Failed(e));
                            report(size);
                            progress(Progress::Step);
                            continue;
                        }
                        Ok(Read::Unchanged(orders, failed)) => {
                            steps.push(Step::Unchanged(orders));
                            steps.extend(failed.into_iter().map(Step::Failed));
                            report(size);
                            progress(Progress::Step);
                            continue;
                        }
                        Ok(Read::Changed {
                            docs,
                            streamed,
                            hash,
                            replaces,
                            resume,
                        }) => (docs, streamed, hash, replaces, resume),
                    };
                    let file = ingest::file_key(path);
                    if replaces {
                        steps.push(Step::Replace(file.clone()));
                    }
                    let mut done = FileRecord {
                        file: file.clone(),
                        hash: hash.clone(),
                        orders: 0,
                        failed: Vec::new(),
                    };
                    let mut single_id = None;
                    let mut seen_ids = HashMap::new();
                    for doc in docs {
                        if let Some(read) = &streamed {
                            report(read.load(Ordering::Relaxed));
                        }
                        let mut doc = match doc {
                            Ok(doc) => doc,
                            Err(e) => {
                                let e = FileError {
                                    file: file.clone(),
                                    reason: error_reason(&e),
                                };
                                done.failed.push(e.clone());
                                steps.push(Step::Failed(e));
                                continue;
                            }
                        };
                        doc.id = match ids.assign(&doc, &mut seen_ids) {
                            Ok(id) => id,
                            Err(e) => {
                                let _ = tx.send(Err(e));
                                return;
                            }
                        };
                        done.orders += 1;
                        single_id =
                            (doc.part.is_none() && done.orders == 1).then(|| doc.id.clone());
                        if resume.contains(&doc.id) {
                            continue;
                        }
                        steps.push(Step::Read(Box::new(doc), hash.clone(), replaces));
                        waiting += 1;
                        if waiting >= batch_len && !send(&mut steps, &mut waiting) {
                            return;
                        }
                    }
                    if !resume.is_empty() {
                        steps.push(Step::Unchanged(resume.len()));
                    }
                    if replaces && done.orders == 0 {
                        steps.push(Step::Emptied(existing.get(&file).map_or(0, |e| e.orders)));
                    }
                    steps.push(Step::FileDone(
                        Box::new(done),
                        single_id,
                        !resume.is_empty(),
                    ));
                    report(size);
                    progress(Progress::Step);
                }
                if !send(&mut steps, &mut waiting) {
                    return;
                }
            }
        });
        for steps in rx {
            let steps = steps?;
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
                        summary.citations += p.citations;
                        summary.bytes += p.bytes;
                        orders.push(*p);
                        progress(Progress::Order);
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
            let mut docs = orders.into_iter().map(|p| p.docs);
            // In read order: a replaced file's old orders are deleted before
            // its new ones are added (a delete applies to what came before
            // it), and its file document comes after its last order.
            for step in plan {
                match step {
                    Step::Replace(file) => {
                        writer.delete_term(Term::from_field_text(f.file, &file));
                    }
                    Step::Added => {
                        for d in docs.next().unwrap_or_default() {
                            writer.add_document(d).map_err(|e| write_error(kb, e))?;
                        }
                        since_commit += 1;
                    }
                    Step::FileDone(rec, single_id, resumed) => {
                        summary.resumed += usize::from(resumed);
                        let doc = file_document(f, &rec, single_id.as_deref());
                        writer.add_document(doc).map_err(|e| write_error(kb, e))?;
                    }
                    _ => {}
                }
            }
            if since_commit >= opts.commit_every.max(1) {
                commit(kb, &mut writer, &payload)?;
                since_commit = 0;
            }
        }
        Ok(())
    })?;
    commit(kb, &mut writer, &payload)?;
    writer
        .wait_merging_threads()
        .map_err(|e| write_error(kb, e))?;
    kb.reload()?;
    // Counted from the postings: loading the order documents would read (and
    // map) the whole document store, where order bodies live.
    summary.orders_in_index = kb
        .searcher()
        .search(&*term(f.doc_type, doc_type::ORDER), &Count)?;
    summary.duplicates = kb.duplicate_orders()?;
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
    use super::super::records::{CitationRecord, OrderRecord};
    use super::super::stored::{StoredAuthority, StoredProposition};
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
        let expected: HashMap<String, (String, usize, bool)> = std::fs::read_dir(corpus.path())
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let source = ingest::open(&path, u64::MAX).unwrap();
                let orders = if path.extension().unwrap() == "jsonl" {
                    3
                } else {
                    1
                };
                (
                    path.display().to_string(),
                    (source.hash().unwrap(), orders, orders == 1),
                )
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
        let indexed: HashMap<String, (String, usize, bool)> = indexed_files(&kb)
            .unwrap()
            .into_iter()
            .map(|(file, i)| {
                assert!(i.complete && i.failed == 0 && i.ids.is_empty());
                (file, (i.hash, i.orders, i.single_id.is_some()))
            })
            .collect();
        assert_eq!(indexed, expected);
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
        // `a/x.txt` and `b/x.txt` share a stem: their ids take their folders.
        assert_eq!(ids, [("a/x", 3), ("b/x", 3), ("w", 3)]);
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
        assert!(streamed[0].file.ends_with("a/x.txt") && streamed[3].file.ends_with("b/x.txt"));
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
