//! Rebuilding an index without ever leaving it missing.
//!
//! `precedent index --rebuild` builds the new index in a sibling staging
//! directory (`DIR.rebuild`) and only then exchanges the two directories in
//! one atomic `renameat2(RENAME_EXCHANGE)`, so readers (the server) and a
//! crash at any moment see either the old complete index or the new complete
//! one. A staging directory left by a killed rebuild is discarded by the next.

use std::path::{Path, PathBuf};

use super::dir::Contents;
use crate::{Error, Result};

/// The staging directory of a rebuild of `dir`.
pub fn staging_dir(dir: &Path) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "index".into());
    name.push(".rebuild");
    dir.with_file_name(name)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Removes what a killed rebuild left in the staging directory: an index
/// or nothing. Anything else there is refused, never deleted.
pub fn clear_staging(dir: &Path) -> Result<PathBuf> {
    let staging = staging_dir(dir);
    match super::dir::contents(&staging)? {
        Contents::Missing => {}
        Contents::Empty | Contents::Index => {
            std::fs::remove_dir_all(&staging).map_err(io(&staging))?
        }
        Contents::Foreign(what) => {
            return Err(Error::IndexDir {
                dir: staging,
                reason: what,
            })
        }
    }
    Ok(staging)
}

/// Puts the finished `staging` index in `dir`'s place and removes the old one.
pub fn swap_in(staging: &Path, dir: &Path) -> Result<()> {
    match super::dir::contents(dir)? {
        Contents::Missing => return std::fs::rename(staging, dir).map_err(io(dir)),
        Contents::Foreign(what) => {
            return Err(Error::IndexDir {
                dir: dir.to_path_buf(),
                reason: what,
            })
        }
        Contents::Empty | Contents::Index => {}
    }
    exchange(staging, dir)?;
    // `staging` now holds the old index; losing it here is harmless.
    std::fs::remove_dir_all(staging).map_err(io(staging))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::BadInput {
            path: p.to_path_buf(),
            reason: "path holds a NUL byte".into(),
        })
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings for the call's duration.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io(b)(std::io::Error::last_os_error()))
    }
}

/// Without an atomic exchange: move the old index aside, the new one in,
/// then drop the old. A crash between the renames leaves `DIR.rebuild`
/// holding the old index rather than nothing being lost.
#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> Result<()> {
    let aside = b.with_extension("old");
    std::fs::rename(b, &aside).map_err(io(b))?;
    std::fs::rename(a, b).map_err(io(b))?;
    std::fs::rename(&aside, a).map_err(io(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_puts_the_new_index_in_place_and_drops_the_old() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("index");
        std::fs::create_dir(&dir).unwrap();
        let meta = |v: &str| {
            format!(
                r#"{{"segments":[],"payload":"{{\"format\":\"precedent-index\",\"version\":{v}}}"}}"#
            )
        };
        std::fs::write(dir.join("meta.json"), meta("1")).unwrap();
        let staging = clear_staging(&dir).unwrap();
        assert_eq!(staging, root.path().join("index.rebuild"));
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("meta.json"), meta("2")).unwrap();
        swap_in(&staging, &dir).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("meta.json")).unwrap(),
            meta("2")
        );
        assert!(!staging.exists());
    }

    #[test]
    fn a_first_build_is_a_plain_rename() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("idx");
        let staging = clear_staging(&dir).unwrap();
        std::fs::create_dir(&staging).unwrap();
        swap_in(&staging, &dir).unwrap();
        assert!(dir.is_dir() && !staging.exists());
    }
}
