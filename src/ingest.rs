//! Ingestion: reads documents from disk and turns them into text, with an
//! error that names the file and the reason when that cannot be done.
//!
//! Ingestion is the only IO in the pipeline. Formats are chosen by extension
//! and content, so more formats (PDF, HTML, case-law JSON) plug in here
//! without touching analysis.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Files larger than this are refused rather than read into memory.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// A document read from disk: its path and its text exactly as in the file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from.
    pub path: PathBuf,
    /// The file's text, byte for byte; citation spans index into it.
    pub text: String,
}

/// An order's id: its file stem (the file name without its extension).
pub fn order_id(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Extensions read as plain text when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Reads `path` as a text document.
///
/// Refuses, with the reason: a missing or unreadable path, a directory, an
/// empty file, a file over `max_bytes`, binary content (NUL bytes), and
/// bytes that are not UTF-8 (with the offset of the first bad byte, since
/// spans must index the file as given and cannot after a lossy decode).
pub fn read_text(path: &Path, max_bytes: u64) -> Result<Document> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(bad(path, "is a directory"));
    }
    // A FIFO or device would block the reader or never end.
    if !meta.is_file() {
        return Err(bad(path, "not a regular file (a FIFO, socket or device)"));
    }
    if meta.len() > max_bytes {
        return Err(bad(
            path,
            format!(
                "file is {} bytes, over the limit of {max_bytes} bytes",
                meta.len()
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    text_from_bytes(path, bytes)
}

/// Validates raw bytes as a text document (see [`read_text`]).
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document> {
    if bytes.is_empty() {
        return Err(bad(path, "file is empty"));
    }
    if let Some(i) = memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)]) {
        return Err(bad(
            path,
            format!("binary file (NUL byte at offset {i}), not text"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte-order mark is not content; keeping it would shift nothing, but it is noise in `text` fields.
            if text.starts_with('\u{feff}') {
                text.replace_range(..3, "   ");
            }
            Ok(Document {
                path: path.to_path_buf(),
                text,
            })
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(bad(
                path,
                format!(
                    "not UTF-8 text (invalid byte 0x{:02x} at offset {at})",
                    e.as_bytes()[at]
                ),
            ))
        }
    }
}

/// Expands `paths` into the document files they name: files as given,
/// directories walked recursively for [`TEXT_EXTENSIONS`], sorted for a
/// stable order. Paths that do not exist are returned too, so that reading
/// them reports the error against the name the user typed.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, 0);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    // Symlink loops and absurd nesting end the walk rather than the process.
    if depth > 64 {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out, depth + 1);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_bytes_with_reasons() {
        let p = Path::new("x.txt");
        let msg = |b: &[u8]| text_from_bytes(p, b.to_vec()).unwrap_err().to_string();
        assert_eq!(msg(b""), "x.txt: file is empty");
        assert!(msg(b"ab\0c").contains("binary file (NUL byte at offset 2)"));
        assert!(msg(b"caf\xe9").contains("not UTF-8 text (invalid byte 0xe9 at offset 3)"));
        assert_eq!(text_from_bytes(p, b"ok".to_vec()).unwrap().text, "ok");
    }
}
