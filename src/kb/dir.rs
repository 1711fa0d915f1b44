//! Where an index may live, and who may write it.
//!
//! An index directory holds users' trust: `--index` names a path, and a
//! mistyped one (`--index orders`, `--index notes.txt`) must never cost a
//! file. [`claim`] lets a run write only into a directory that does not
//! exist yet, is empty, or already holds a precedent index (any format
//! version, so `--rebuild` can replace an old one), never into the corpus
//! itself or a directory the corpus lies inside; everything else is refused
//! before anything is created, moved or deleted. It also takes the index's
//! writer lock, so one `index` run writes at a time: a second run, or a
//! `--rebuild` racing a plain run, is refused with a message instead of
//! discarding or deleting the other's work.

use std::fs::{File, TryLockError};
use std::path::{Component, Path, PathBuf};

use crate::{Error, Result};

/// The name a precedent index records in its commit payload.
pub(crate) const FORMAT_NAME: &str = "precedent-index";

/// What a path holds, as far as being an index goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Nothing is there.
    Missing,
    /// An empty directory.
    Empty,
    /// A precedent index (of any format version), or a tantivy index created
    /// by a run killed before its first commit (it holds no data).
    Index,
    /// Anything else, with what it is.
    Foreign(String),
}

/// What `path` holds.
pub fn contents(path: &Path) -> Result<Contents> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    if !meta.is_dir() {
        return Ok(Contents::Foreign("it is a file, not a directory".into()));
    }
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::read_dir(path).map_err(io)?.next().is_none() {
        return Ok(Contents::Empty);
    }
    let Ok(meta_json) = std::fs::read_to_string(path.join("meta.json")) else {
        // A run killed while creating the index leaves only tantivy's bookkeeping.
        let bookkeeping = std::fs::read_dir(path).map_err(io)?.all(|e| {
            e.is_ok_and(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name == ".managed.json" || name.starts_with(".tantivy-")
            })
        });
        return Ok(if bookkeeping {
            Contents::Index
        } else {
            Contents::Foreign("it holds files and is not a precedent index".into())
        });
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&meta_json) else {
        return Ok(Contents::Foreign(
            "its meta.json is not a precedent index's".into(),
        ));
    };
    let payload_format = meta
        .get("payload")
        .and_then(|p| p.as_str())
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|p| p.get("format").and_then(|f| f.as_str()).map(str::to_string));
    let no_segments = meta
        .get("segments")
        .and_then(|s| s.as_array())
        .is_some_and(|s| s.is_empty());
    let never_committed = meta.get("payload").is_none_or(|p| p.is_null()) && no_segments;
    if payload_format.as_deref() == Some(FORMAT_NAME) || never_committed {
        Ok(Contents::Index)
    } else {
        Ok(Contents::Foreign(
            "it holds a search index that is not a precedent index".into(),
        ))
    }
}

/// `path` made absolute and free of `.` and `..`, resolving symlinks as far
/// as the path exists (the rest may not exist yet).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    // The longest existing prefix, canonicalized, then the rest as written.
    let mut existing = lexical.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    out.extend(rest.iter().rev());
    out
}

fn refuse(dir: &Path, reason: impl Into<String>) -> Error {
    Error::IndexDir {
        dir: dir.to_path_buf(),
        reason: reason.into(),
    }
}

/// Refuses `dir` as an index to write unless it is missing, empty or an
/// index, and is neither one of the corpus `roots` nor holds one of them.
pub fn check_writable(dir: &Path, roots: &[PathBuf]) -> Result<()> {
    let at = resolved(dir);
    for root in roots {
        let root_at = resolved(root);
        if root_at == at {
            return Err(refuse(
                dir,
                format!("it is the corpus ({}) itself", root.display()),
            ));
        }
        if root_at.starts_with(&at) {
            return Err(refuse(
                dir,
                format!("the corpus {} lies inside it", root.display()),
            ));
        }
    }
    match contents(dir)? {
        Contents::Missing | Contents::Empty | Contents::Index => Ok(()),
        Contents::Foreign(what) => Err(refuse(
            dir,
            format!("{what}; precedent never writes into, moves or deletes such a path (choose another --index)"),
        )),
    }
}

/// Held while a run writes an index: the lock on `.NAME.lock` beside it.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The lock file of the index in `dir`: beside it, so that it covers the
/// index and its rebuild's staging directory alike, and survives the
/// directory being swapped.
pub fn lock_path(dir: &Path) -> PathBuf {
    let at = resolved(dir);
    let name = at
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    at.with_file_name(format!(".{name}.lock"))
}

/// Takes the writer lock of the index in `dir`, or says who holds it.
pub fn lock(dir: &Path) -> Result<WriterLock> {
    let path = lock_path(dir);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(WriterLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(refuse(
            dir,
            format!(
                "another `precedent index` run is writing it (it holds {}); wait for it to finish",
                path.display()
            ),
        )),
        Err(TryLockError::Error(source)) => Err(Error::Io { path, source }),
    }
}

/// Claims `dir` for a run that writes it: checks it may be an index (and,
/// for a rebuild, that its staging directory may be discarded), then takes
/// the writer lock, held until the returned guard is dropped.
pub fn claim(dir: &Path, roots: &[PathBuf], rebuild: bool) -> Result<WriterLock> {
    check_writable(dir, roots)?;
    if rebuild {
        check_writable(&super::rebuild::staging_dir(dir), roots)?;
    }
    lock(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_missing_empty_and_index_directories_may_be_written() {
        let root = tempfile::tempdir().unwrap();
        let p = root.path();
        assert_eq!(contents(&p.join("none")).unwrap(), Contents::Missing);
        std::fs::create_dir(p.join("empty")).unwrap();
        assert_eq!(contents(&p.join("empty")).unwrap(), Contents::Empty);
        std::fs::write(p.join("file"), "x").unwrap();
        assert!(matches!(
            contents(&p.join("file")).unwrap(),
            Contents::Foreign(_)
        ));
        std::fs::create_dir(p.join("docs")).unwrap();
        std::fs::write(p.join("docs/a.txt"), "x").unwrap();
        assert!(matches!(
            contents(&p.join("docs")).unwrap(),
            Contents::Foreign(_)
        ));
        // Another program's tantivy index, with data, is not ours to delete.
        std::fs::create_dir(p.join("theirs")).unwrap();
        std::fs::write(
            p.join("theirs/meta.json"),
            r#"{"segments":[{"segment_id":"x"}],"payload":null}"#,
        )
        .unwrap();
        assert!(matches!(
            contents(&p.join("theirs")).unwrap(),
            Contents::Foreign(_)
        ));
        std::fs::create_dir(p.join("ours")).unwrap();
        std::fs::write(
            p.join("ours/meta.json"),
            r#"{"segments":[{"segment_id":"x"}],"payload":"{\"format\":\"precedent-index\",\"version\":1}"}"#,
        )
        .unwrap();
        assert_eq!(contents(&p.join("ours")).unwrap(), Contents::Index);
    }

    #[test]
    fn the_corpus_and_what_holds_it_are_never_the_index() {
        let root = tempfile::tempdir().unwrap();
        let corpus = root.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        let roots = [corpus.join("sub")];
        assert!(check_writable(&corpus.join("sub/../sub"), &roots).is_err());
        assert!(check_writable(&corpus, &roots).is_err());
        assert!(check_writable(&corpus.join("sub/index"), &roots).is_ok());
    }

    #[test]
    fn one_writer_at_a_time() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("index");
        let held = lock(&dir).unwrap();
        let err = lock(&dir).unwrap_err().to_string();
        assert!(err.contains("another `precedent index` run"), "{err}");
        drop(held);
        assert!(lock(&dir).is_ok());
    }
}
