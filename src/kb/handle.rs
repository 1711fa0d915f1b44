//! The [`Kb`] handle: opening, creating and reading an index.
//!
//! Opening never writes. tantivy's readers take a lock file (`.tantivy-meta.lock`)
//! while they open segments, so that a writer's garbage collection cannot
//! delete a file under them; on a read-only mount, or an index the user may
//! read but not write, that file cannot be created, and the lock is skipped:
//! no writer can be at work there through this mount. The commit payload
//! records the format version, atomically with the data, and the corpus
//! roots the index was built from (absolute), so `check` looks where the
//! corpus really is whatever the working directory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{LockError, OpenDirectoryError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr, META_LOCK,
};
use tantivy::{
    Directory, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
};

use super::dir::{self, Contents, FORMAT_NAME};
use super::schema::{self, Fields, FORMAT_VERSION};
use crate::{ingest, Error, Result};

/// A corpus root an `index` run was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Root {
    /// The path as given (files are named in the index relative to `base`
    /// as the run walked them: `corpus/001.txt`).
    pub given: PathBuf,
    /// The working directory of that run.
    pub base: PathBuf,
    /// Whether its walk followed links out of the root
    /// (`--follow-symlinks`), so that `check` walks it the same way.
    #[serde(default)]
    pub follow_symlinks: bool,
}

impl Root {
    /// Where the root is, wherever the current directory is.
    pub fn absolute(&self) -> PathBuf {
        self.base.join(&self.given)
    }
}

/// What the commit payload says about the index.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Payload {
    format: String,
    version: u32,
    /// Every root an `index` run was given, in the order first given.
    #[serde(default)]
    pub roots: Vec<Root>,
}

impl Payload {
    /// This version's payload, remembering `roots` (walked as `walk` says)
    /// beside those already known; a root given again is remembered as
    /// walked this time.
    pub(crate) fn new(known: &[Root], roots: &[PathBuf], walk: ingest::WalkOptions) -> Payload {
        let mut all = known.to_vec();
        let base = std::env::current_dir().unwrap_or_default();
        for given in roots {
            let root = Root {
                given: given.clone(),
                base: base.clone(),
                follow_symlinks: walk.follow_symlinks,
            };
            match all.iter_mut().find(|r| r.absolute() == root.absolute()) {
                Some(known) => known.follow_symlinks = root.follow_symlinks,
                None => all.push(root),
            }
        }
        Payload {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            roots: all,
        }
    }

    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("payload serializes")
    }
}

/// An open knowledge base.
pub struct Kb {
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// Where it lives.
    pub dir: PathBuf,
    reader: IndexReader,
    /// The collection's authorities, computed once per searcher generation.
    pub(super) groups: super::authority::GroupsCache,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb").field("dir", &self.dir).finish()
    }
}

/// The committed payload, if it is a precedent index's of this version.
fn payload_of(index: &Index, dir: &Path) -> Result<Payload> {
    let metas = index.load_metas()?;
    let found = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<Payload>(p).ok())
        .filter(|p| p.format == FORMAT_NAME);
    match found {
        Some(p) if p.version == FORMAT_VERSION => Ok(p),
        // Created but killed before its first commit: an empty index, of no
        // version yet; the next `index` run commits it with this one.
        None if metas.payload.is_none() && metas.segments.is_empty() => Ok(Payload::default()),
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

fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// An index directory whose readers do without the meta lock where the lock
/// file cannot be created (a read-only mount, a directory the user may not
/// write): the lock only keeps a writer's garbage collection away, and no
/// writer works through such a mount.
#[derive(Debug, Clone)]
struct ReadableDirectory(MmapDirectory);

/// A lock that holds nothing.
struct NoLock;

impl Directory for ReadableDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<std::sync::Arc<dyn FileHandle>, tantivy::directory::error::OpenReadError>
    {
        self.0.get_file_handle(path)
    }
    fn delete(
        &self,
        path: &Path,
    ) -> std::result::Result<(), tantivy::directory::error::DeleteError> {
        self.0.delete(path)
    }
    fn exists(
        &self,
        path: &Path,
    ) -> std::result::Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(
        &self,
        path: &Path,
    ) -> std::result::Result<WritePtr, tantivy::directory::error::OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(
        &self,
        path: &Path,
    ) -> std::result::Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn acquire_lock(&self, lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::ReadOnlyFilesystem
                            | std::io::ErrorKind::PermissionDenied
                    ) =>
            {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}

impl Kb {
    /// Opens the index in `dir` for reading; it must exist and have this
    /// version. Nothing is written, so a read-only index opens.
    pub fn open(dir: &Path) -> Result<Kb> {
        if !has_index(dir) {
            return Err(Error::NoIndex {
                dir: dir.to_path_buf(),
            });
        }
        let mmap = MmapDirectory::open(dir).map_err(|e| match e {
            OpenDirectoryError::IoError { io_error, .. } => Error::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(io_error.kind(), io_error.to_string()),
            },
            other => Error::Index(other.into()),
        })?;
        let index = Index::open(ReadableDirectory(mmap))?;
        payload_of(&index, dir)?;
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
            groups: Default::default(),
        })
    }

    /// Opens the index in `dir`, creating an empty one (committed at once, so
    /// it is valid even if the run is killed) when there is none. With
    /// `rebuild`, an existing index is discarded first. A path that holds
    /// anything but an index is refused, never deleted or written into.
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<Kb> {
        match dir::contents(dir)? {
            Contents::Foreign(what) => {
                return Err(Error::IndexDir {
                    dir: dir.to_path_buf(),
                    reason: what,
                })
            }
            Contents::Index if rebuild => {
                std::fs::remove_dir_all(dir).map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            _ => {}
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
        commit.set_payload(&Payload::new(&[], &[], ingest::WalkOptions::default()).to_json());
        commit.commit()?;
        drop(writer);
        Kb::open(dir)
    }

    /// The corpus roots `index` runs were given, as last committed.
    pub fn roots(&self) -> Result<Vec<Root>> {
        Ok(payload_of(&self.index, &self.dir)?.roots)
    }

    /// The terms of `field` that start with `prefix`, over every segment
    /// (a range scan of each term dictionary; deleted documents' terms stay
    /// until a merge).
    pub(super) fn terms_with_prefix(
        &self,
        field: tantivy::schema::Field,
        prefix: &str,
    ) -> Result<std::collections::BTreeSet<String>> {
        let mut out = std::collections::BTreeSet::new();
        for segment in self.searcher().segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let term = String::from_utf8_lossy(stream.key());
                if !term.starts_with(prefix) {
                    break;
                }
                out.insert(term.into_owned());
            }
        }
        Ok(out)
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
