//! Index integrity: does the index still say what the corpus says?
//!
//! [`check`] compares the committed index with the files under its roots
//! (those given, else those the index was built from, wherever they are
//! from the current directory) — which files are indexed at their current
//! content (by hash), which changed or vanished since, which are not
//! indexed or only partly (a run killed mid-shard), which records could not
//! be read — and checks the index against itself: every order has exactly
//! the citation documents its record counts, and no citation, authority or
//! proposition document belongs to an order that is not there. It reads,
//! never writes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::handle::{Kb, Root};
use super::index::indexed_files;
use super::schema::doc_type;
use crate::{ingest, Result};

/// What `check` found.
#[derive(Debug, Default, Serialize)]
pub struct CheckReport {
    /// Orders in the index.
    pub orders_in_index: usize,
    /// Document files under the roots.
    pub files_on_disk: usize,
    /// Indexed at their current content.
    pub current: usize,
    /// Indexed, but the file has changed since.
    pub changed: Vec<String>,
    /// Indexed, but the file is gone.
    pub missing: Vec<String>,
    /// On disk and readable, but not in the index.
    pub unindexed: Vec<String>,
    /// Indexed partway: a run was killed before the file's end.
    pub partial: Vec<String>,
    /// Records of indexed files that could not be read, and why.
    pub failed_records: Vec<(String, String)>,
    /// On disk but not readable as a document (these are never indexed): file and reason.
    pub unreadable: Vec<(String, String)>,
    /// Orders whose documents disagree with their record, and how.
    pub inconsistent: Vec<String>,
    /// Documents in the index, by type.
    pub documents: BTreeMap<String, u64>,
}

impl CheckReport {
    /// Whether the index matches the corpus and itself (unreadable files aside).
    pub fn ok(&self) -> bool {
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.unindexed.is_empty()
            && self.partial.is_empty()
            && self.failed_records.is_empty()
            && self.inconsistent.is_empty()
    }
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// The files under `roots`, each with the name the index knows it by and
/// where it is from the current directory.
fn walk(roots: &[Root]) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for root in roots {
        let at = root.absolute();
        let walk = ingest::WalkOptions {
            follow_symlinks: root.follow_symlinks,
        };
        for path in ingest::walk(std::slice::from_ref(&at), walk).files {
            let name = match path.strip_prefix(&at) {
                Ok(rest) if rest.as_os_str().is_empty() => root.given.clone(),
                Ok(rest) => root.given.join(rest),
                Err(_) => path.clone(),
            };
            out.push((ingest::file_key(&name), path));
        }
    }
    out
}

/// Where the indexed file `name` is from the current directory.
fn locate(name: &str, roots: &[Root]) -> PathBuf {
    roots
        .iter()
        .find(|r| ingest::key_path(name).starts_with(&r.given))
        .map_or_else(
            || ingest::key_path(name),
            |r| r.base.join(ingest::key_path(name)),
        )
}

/// Checks `kb` against the files under `roots` (read with `max_bytes`):
/// those given, relative to the current directory, else the roots the
/// index was built from.
pub fn check(kb: &Kb, roots: Option<&[PathBuf]>, max_bytes: u64) -> Result<CheckReport> {
    kb.reload()?;
    let f = &kb.fields;
    let searcher = kb.searcher();
    let indexed = indexed_files(kb)?;
    let known = kb.roots()?;
    let roots: Vec<Root> = match roots {
        Some(given) => {
            let base = std::env::current_dir().unwrap_or_default();
            given
                .iter()
                .map(|g| Root {
                    given: g.clone(),
                    base: base.clone(),
                    // Walked as the run that indexed it walked it.
                    follow_symlinks: known
                        .iter()
                        .any(|k| k.follow_symlinks && k.absolute() == base.join(g)),
                })
                .collect()
        }
        None => known,
    };
    let mut report = CheckReport {
        orders_in_index: indexed.values().map(|e| e.orders).sum(),
        ..Default::default()
    };
    for kind in [
        doc_type::ORDER,
        doc_type::CITATION,
        doc_type::AUTHORITY,
        doc_type::PROPOSITION,
        doc_type::FILE,
    ] {
        let n = searcher.search(&*term(f.doc_type, kind), &Count)? as u64;
        report.documents.insert(kind.to_string(), n);
    }

    for root in &roots {
        if !root.absolute().exists() {
            report.unreadable.push((
                root.given.display().to_string(),
                format!("the corpus root {} is not there", root.absolute().display()),
            ));
        }
    }
    let files = walk(&roots);
    report.files_on_disk = files.len();
    let mut on_disk: HashSet<String> = HashSet::new();
    for (file, path) in files {
        on_disk.insert(file.clone());
        let source = ingest::open(&path, max_bytes).and_then(|s| Ok((s.hash()?, s)));
        match (source, indexed.get(&file)) {
            (Err(e), _) => report.unreadable.push((file, e.to_string())),
            (Ok((hash, _)), Some(i)) if hash == i.hash && !i.complete => report.partial.push(file),
            (Ok((hash, _)), Some(i)) if hash == i.hash => {
                report.current += 1;
                if i.failed > 0 {
                    let failed = super::index::file_record(kb, &file)?
                        .map(|r| r.failed)
                        .unwrap_or_default();
                    report
                        .failed_records
                        .extend(failed.into_iter().map(|e| (e.file, e.reason)));
                }
            }
            (Ok(_), Some(_)) => report.changed.push(file),
            // Not indexed: drift only if it holds a document that could be.
            (Ok((_, source)), None) => match source.documents() {
                Ok(docs) => {
                    let mut docs = docs;
                    if docs.any(|d| d.is_ok()) {
                        report.unindexed.push(file);
                    } else {
                        report
                            .unreadable
                            .push((file, "no document in it could be read".into()));
                    }
                }
                Err(e) => report.unreadable.push((file, e.to_string())),
            },
        }
    }
    for file in indexed.keys() {
        if !on_disk.contains(file) && !locate(file, &roots).exists() {
            report.missing.push(file.clone());
        }
    }

    // Each order's citation documents, counted, against its record's count.
    let orders = kb.orders()?;
    for o in &orders {
        let q = BooleanQuery::new(vec![
            (Occur::Must, term(f.doc_type, doc_type::CITATION)),
            (Occur::Must, term(f.file, &o.file)),
            (Occur::Must, term(f.order_id, &o.id)),
        ]);
        let n = searcher.search(&q, &Count)? as u64;
        if n != o.citations {
            report.inconsistent.push(format!(
                "{} ({}): its record counts {} citations, the index holds {n}",
                o.file, o.id, o.citations
            ));
        }
    }
    // Documents of orders that are not there (left behind by a partial
    // delete): every `file` term in the dictionary must be a known order's.
    let known: HashMap<&str, ()> = orders
        .iter()
        .map(|o| o.file.as_str())
        .chain(indexed.keys().map(String::as_str))
        .map(|file| (file, ()))
        .collect();
    let mut strays: BTreeMap<String, ()> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let terms = segment.inverted_index(f.file)?;
        let mut stream = terms.terms().stream()?;
        while stream.advance() {
            let file = String::from_utf8_lossy(stream.key()).into_owned();
            if !known.contains_key(file.as_str()) {
                strays.insert(file, ());
            }
        }
    }
    for file in strays.into_keys() {
        let n = searcher.search(&*term(f.file, &file), &Count)?;
        if n > 0 {
            report.inconsistent.push(format!(
                "{file}: {n} documents of an order that is not in the index"
            ));
        }
    }
    report.changed.sort();
    report.missing.sort();
    report.unindexed.sort();
    report.partial.sort();
    Ok(report)
}
