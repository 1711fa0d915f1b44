//! Ingestion: reads documents from disk and turns them into text, with an
//! error that names the file and the reason when that cannot be done.
//!
//! Ingestion is the only IO in the pipeline. A file's format is decided by
//! its content first and its extension second ([`sniff`]): plain text,
//! PDF ([`pdf`]), HTML ([`html`]), and the JSON and JSON Lines of public
//! case-law collections ([`json`]), any of them gzip-compressed when it is
//! a JSON format. A file yields one or more [`Document`]s; the ones that
//! hold many (a JSON Lines shard, a JSON array) are read as a stream, so a
//! large shard is never held in memory as a whole.
//!
//! For a text file a document's text is the file's bytes and citation spans
//! index the file. For every other format they index the *extracted* text
//! (what `precedent extract --text` prints), which is what the pipeline
//! normalizes and what the index's offsets refer to.

mod html;
mod json;
mod pdf;

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::order::OrderMetadata;
use crate::{Error, Result};

/// Files larger than this are refused rather than read into memory.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// What a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`, `.md`): the text is the file.
    Text,
    /// A PDF's text layer.
    Pdf,
    /// HTML with tags stripped and star paging kept.
    Html,
    /// A JSON object or array of case-law records.
    Json,
    /// JSON Lines: one case-law record per line.
    Jsonl,
}

impl Format {
    /// Its name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Metadata a source carries beside the text (a case-law record's court,
/// date and case name). What it gives wins over what is read from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    /// Court as the source names it: a name or a courts-db id (`ca1`).
    pub court: Option<String>,
    /// Decision date as the source gives it.
    pub date: Option<String>,
    /// Case name.
    pub case_name: Option<String>,
}

impl SourceMeta {
    /// Whether it says nothing.
    pub fn is_empty(&self) -> bool {
        self.court.is_none() && self.date.is_none() && self.case_name.is_none()
    }

    /// Overrides what `meta` read from the text with what the source says.
    /// A court is mapped to its courts-db id when it is one or names one; a
    /// date is the decision date the source's string gives, in the forms the
    /// collections write it (`2013-08-01`, `1-24-2003`, `Argued …. Decided
    /// January 24, 2003.`; `order::dates::decision_date`).
    pub fn apply(&self, meta: &mut OrderMetadata) {
        use crate::cite::courts;
        if let Some(c) = self
            .court
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let by_id = courts::court_by_id(c);
            let known = by_id
                .or_else(|| courts::court_from_caption(c))
                .or_else(|| courts::court_by_citation_string(c));
            // "Supreme Court of Ohio." as the collections write it
            let written = c.trim_end_matches('.');
            meta.court = Some(by_id.map_or_else(|| written.to_string(), |k| k.name.clone()));
            // a name courts-db does not know leaves the court the text names
            if known.is_some() || meta.court_id.is_none() {
                meta.set_court_id(known.map(|k| k.id.clone()));
            }
        }
        if let Some(d) = self
            .date
            .as_deref()
            .and_then(crate::order::dates::decision_date)
        {
            meta.date = Some(d);
        }
        if let Some(n) = self
            .case_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            meta.case_name = Some(n.to_string());
        }
    }
}

/// A document read from disk: its text and where it came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it was read from.
    pub path: PathBuf,
    /// The document's text: the file's bytes for a text file, the extracted
    /// text otherwise. Citation spans index into it.
    pub text: String,
    /// Its order id: the file stem, or the record's own id (else
    /// `stem#n`) for each record of a file that holds many.
    pub id: String,
    /// The file's identity in the index: [`file_key`] of the path as given;
    /// every record of a multi-document file shares it, so the file is
    /// replaced as a whole.
    pub file: String,
    /// The record's id within its file, for a file that holds many.
    pub part: Option<String>,
    /// What it was read from.
    pub format: Format,
    /// Metadata the source gives beside the text.
    pub source: SourceMeta,
}

impl Document {
    fn new(path: &Path, text: String, format: Format) -> Document {
        Document {
            path: path.to_path_buf(),
            text,
            id: order_id(path),
            file: file_key(path),
            part: None,
            format,
            source: SourceMeta::default(),
        }
    }

    /// The name to show it by: the file, plus `#part` for one record of many.
    pub fn label(&self) -> String {
        match &self.part {
            Some(p) => format!("{}#{p}", self.file),
            None => self.file.clone(),
        }
    }
}

/// An order's id: its file stem (the file name without its extension; for
/// `x.jsonl.gz`, `x`), written as [`file_key`] writes names, so stems that
/// differ only in bytes that are not UTF-8 stay two ids.
pub fn order_id(path: &Path) -> String {
    let Some(name) = path.file_name().map(escape) else {
        return file_key(path);
    };
    let lower = name.to_ascii_lowercase();
    for ext in COMPOUND_EXTENSIONS {
        if lower.len() > ext.len() + 1 && lower.ends_with(&format!(".{ext}")) {
            return name[..name.len() - ext.len() - 1].to_string();
        }
    }
    path.file_stem().map_or_else(|| file_key(path), escape)
}

/// A path as a string that names it alone, for keying a file in the index
/// and naming it in output.
///
/// It is `path.display()` for every path that is UTF-8 and does not hold
/// the two characters `\x`. A byte that is not UTF-8 is written `\xHH`
/// (two lower-case hex digits) and a `\` before an `x` is written `\x5c`,
/// so two paths never share a key (`display()` turns every bad byte into
/// U+FFFD, and `caf\xe9.txt` and `caf\xe8.txt` were one file) and
/// [`key_path`] gives the path back.
pub fn file_key(path: &Path) -> String {
    escape(path.as_os_str())
}

/// The path a [`file_key`] names: `key_path(&file_key(p)) == p`.
pub fn key_path(key: &str) -> PathBuf {
    let b = key.as_bytes();
    let hex = |c: u8| char::from(c).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            if let (Some(h), Some(l)) = (
                b.get(i + 2).copied().and_then(hex),
                b.get(i + 3).copied().and_then(hex),
            ) {
                out.push((h * 16 + l) as u8);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    path_from_bytes(out)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// `s` as [`file_key`] writes it.
#[cfg(unix)]
fn escape(s: &OsStr) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::with_capacity(s.len());
    for chunk in s.as_bytes().utf8_chunks() {
        let mut valid = chunk.valid();
        while let Some(i) = valid.find("\\x") {
            out.push_str(&valid[..i]);
            out.push_str("\\x5c");
            valid = &valid[i + 1..];
        }
        out.push_str(valid);
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

#[cfg(not(unix))]
fn escape(s: &OsStr) -> String {
    s.to_string_lossy().into_owned()
}

/// Extensions read as plain text when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// Every extension a directory walk picks up (compound ones included).
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "md", "text", "pdf", "html", "htm", "json", "jsonl", "json.gz", "jsonl.gz",
];

const COMPOUND_EXTENSIONS: &[&str] = &["json.gz", "jsonl.gz"];

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads `path` as a text document.
///
/// Refuses, with the reason: a missing or unreadable path, a directory, an
/// empty file, a file over `max_bytes`, binary content (NUL bytes), and
/// bytes that are not UTF-8 (with the offset of the first bad byte, since
/// spans must index the file as given and cannot after a lossy decode).
pub fn read_text(path: &Path, max_bytes: u64) -> Result<Document> {
    let bytes = read_capped(path, max_bytes)?;
    text_from_bytes(path, bytes)
}

/// The whole file, refused when it is a directory or over `max_bytes`.
fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let len = check_file(path, max_bytes)?;
    let mut bytes = Vec::with_capacity(len as usize);
    fs::File::open(path)
        .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(io_error(path))?;
    Ok(bytes)
}

/// The file's length, after refusing a directory or a file over `max_bytes`.
fn check_file(path: &Path, max_bytes: u64) -> Result<u64> {
    let len = regular_file_len(path)?;
    within_limit(path, len, max_bytes)?;
    Ok(len)
}

/// The length of a regular file; a directory, FIFO or device is refused.
fn regular_file_len(path: &Path) -> Result<u64> {
    let meta = fs::metadata(path).map_err(io_error(path))?;
    if meta.is_dir() {
        return Err(bad(path, "is a directory"));
    }
    // A FIFO or device would block the reader or never end.
    if !meta.is_file() {
        return Err(bad(path, "not a regular file (a FIFO, socket or device)"));
    }
    Ok(meta.len())
}

fn within_limit(path: &Path, len: u64, max_bytes: u64) -> Result<()> {
    if len > max_bytes {
        return Err(bad(
            path,
            format!("file is {len} bytes, over the limit of {max_bytes} bytes"),
        ));
    }
    Ok(())
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
            if text.trim().is_empty() {
                return Err(bad(path, "file holds only whitespace"));
            }
            Ok(Document::new(path, text, Format::Text))
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

/// What a file's first bytes and name say it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// A PDF.
    Pdf,
    /// HTML (or XML, read the same way).
    Html,
    /// JSON or JSON Lines.
    Json,
    /// gzip-compressed: what is inside is sniffed after decompression.
    Gzip,
}

/// Decides a file's kind from its first bytes (`head`, up to 1 KiB) and its
/// lower-cased name. Magic numbers (gzip `1f 8b`, `%PDF-` anywhere in the
/// first KiB, as PDF readers allow junk before it) win over the name; the
/// weaker signs (`<html`, `{`) do not turn a `.txt` or `.md` file into
/// something else, since text can start with them.
pub fn sniff(head: &[u8], name: &str) -> Kind {
    let head = &head[..head.len().min(1024)];
    if head.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    let ext = extension(name);
    if TEXT_EXTENSIONS.contains(&ext.as_str()) {
        return Kind::Text;
    }
    let mut t = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    while let [c, rest @ ..] = t {
        if !c.is_ascii_whitespace() {
            break;
        }
        t = rest;
    }
    let starts_ci = |p: &[u8]| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p);
    if matches!(t.first(), Some(b'{' | b'[')) {
        return Kind::Json;
    }
    if starts_ci(b"<!doctype html")
        || starts_ci(b"<html")
        || starts_ci(b"<?xml")
        || starts_ci(b"<!--")
        || (t.first() == Some(&b'<') && t.get(1).is_some_and(u8::is_ascii_alphabetic))
    {
        return Kind::Html;
    }
    match ext.as_str() {
        "pdf" => Kind::Pdf,
        "html" | "htm" | "xml" => Kind::Html,
        "json" | "jsonl" | "json.gz" | "jsonl.gz" => Kind::Json,
        _ => Kind::Text,
    }
}

/// The lower-cased extension of `name`, compound (`jsonl.gz`) where known.
fn extension(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for ext in COMPOUND_EXTENSIONS {
        if lower.ends_with(&format!(".{ext}")) {
            return (*ext).to_string();
        }
    }
    Path::new(&lower)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A file opened for reading documents: its kind is known and, for the
/// formats read whole, its bytes are in memory (so hashing and reading do
/// not read it twice); JSON is streamed from disk when its documents are read.
#[derive(Debug)]
pub struct Source {
    path: PathBuf,
    kind: Kind,
    max_bytes: u64,
    bytes: Option<Vec<u8>>,
}

/// Opens `path`, refusing a missing file, a directory and an empty file,
/// and decides its kind (see [`sniff`]). A file held whole, or gzipped, is
/// refused over `max_bytes`; JSON is streamed, each record held alone under
/// the limit, so a shard of any size is read.
pub fn open(path: &Path, max_bytes: u64) -> Result<Source> {
    let len = regular_file_len(path)?;
    if len == 0 {
        return Err(bad(path, "file is empty"));
    }
    let mut head = Vec::with_capacity(1024);
    fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .map_err(io_error(path))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = sniff(&head, &name);
    let bytes = match kind {
        Kind::Json => None,
        Kind::Gzip => {
            within_limit(path, len, max_bytes)?;
            None
        }
        _ => Some(read_capped(path, max_bytes)?),
    };
    Ok(Source {
        path: path.to_path_buf(),
        kind,
        max_bytes,
        bytes,
    })
}

/// Reads every document in `path` (see [`open`] and [`Source::documents`]).
pub fn read_documents(path: &Path, max_bytes: u64) -> Result<Documents> {
    open(path, max_bytes)?.documents()
}

/// Where one record stands in a file that holds many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAt {
    /// A line of a JSON Lines file, counted from 1.
    Line(usize),
    /// An element of a JSON array, counted from 1.
    Element(usize),
}

impl std::fmt::Display for RecordAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordAt::Line(n) => write!(f, "line {n}"),
            RecordAt::Element(n) => write!(f, "record {n}"),
        }
    }
}

/// The documents of one file, read lazily where the file holds many.
///
/// An item that is [`Error::Record`] is one record that could not be read
/// (a bad line, a line over the limit, an element with no text): the
/// records after it are still read. Any other error is the file failing
/// (it cannot be read further, or inflates past the limit), and is the last
/// item: the records before it were read, those after it were not.
pub struct Documents(Box<dyn Iterator<Item = Result<Document>> + Send>);

impl Iterator for Documents {
    type Item = Result<Document>;
    fn next(&mut self) -> Option<Result<Document>> {
        self.0.next()
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Documents")
    }
}

impl Documents {
    fn one(doc: Document) -> Documents {
        Documents(Box::new(std::iter::once(Ok(doc))))
    }
}

impl Source {
    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the file's first bytes and name say it holds.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Whether its documents are streamed from disk (JSON, gzip) rather
    /// than read from memory: a caller reading many files at once reads
    /// these one at a time.
    pub fn is_stream(&self) -> bool {
        self.bytes.is_none()
    }

    /// Content hash of the file's bytes (blake3, 32 hex digits): what
    /// incremental indexing compares, streamed for a file not held in memory.
    pub fn hash(&self) -> Result<String> {
        let hex = match &self.bytes {
            Some(b) => blake3::hash(b),
            None => {
                let mut h = blake3::Hasher::new();
                let f = fs::File::open(&self.path).map_err(io_error(&self.path))?;
                std::io::copy(&mut f.take(self.max_bytes.saturating_add(1)), &mut h)
                    .map_err(io_error(&self.path))?;
                h.finalize()
            }
        };
        Ok(hex.to_hex()[..32].to_string())
    }

    /// Reads the documents: text as given, a PDF's text layer, HTML's text,
    /// the records of a JSON or JSON Lines file (gzip decompressed on the fly).
    pub fn documents(self) -> Result<Documents> {
        self.documents_counted(Arc::new(AtomicU64::new(0)))
    }

    /// [`Source::documents`], adding to `read` the bytes of the file read
    /// as its documents stream by (what a progress bar of a JSON Lines
    /// shard advances by; a file held in memory was read whole).
    pub fn documents_counted(self, read: Arc<AtomicU64>) -> Result<Documents> {
        let path = self.path;
        match (self.kind, self.bytes) {
            (Kind::Json, _) => {
                let f = Counted::new(fs::File::open(&path).map_err(io_error(&path))?, &read);
                let again = path.clone();
                let reopen = move || -> Result<Box<dyn BufRead + Send>> {
                    let f = fs::File::open(&again).map_err(io_error(&again))?;
                    Ok(Box::new(BufReader::new(Counted::new(f, &read))))
                };
                json::documents(&path, BufReader::new(f), self.max_bytes, &reopen)
            }
            (Kind::Gzip, _) => {
                let f = fs::File::open(&path).map_err(io_error(&path))?;
                gzip(&path, f, self.max_bytes, read)
            }
            (kind, Some(bytes)) => {
                from_bytes(&path, kind, bytes, self.max_bytes).map(Documents::one)
            }
            (_, None) => Err(bad(&path, "internal: file not read")),
        }
    }
}

/// One document of `kind` from bytes in memory.
fn from_bytes(path: &Path, kind: Kind, bytes: Vec<u8>, max_bytes: u64) -> Result<Document> {
    match kind {
        Kind::Pdf => {
            let text = pdf::text(path, &bytes, max_bytes)?;
            Ok(Document::new(path, text, Format::Pdf))
        }
        Kind::Html => {
            if bytes.is_empty() {
                return Err(bad(path, "file is empty"));
            }
            let text = html::text(&lossy_text(bytes));
            if text.trim().is_empty() {
                return Err(bad(path, "HTML has no text"));
            }
            Ok(Document::new(path, text, Format::Html))
        }
        _ => text_from_bytes(path, bytes),
    }
}

/// `bytes` as text: UTF-8 where it is, else each byte as the Latin-1
/// character (old HTML is often Windows-1252; the extracted text is what
/// spans index, so a lossless byte-to-char reading is enough).
fn lossy_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect())
}

/// A gzip file, decompressed as it is read.
fn inflate<R: Read>(f: R) -> BufReader<flate2::read::MultiGzDecoder<R>> {
    BufReader::with_capacity(256 * 1024, flate2::read::MultiGzDecoder::new(f))
}

/// A reader that adds what it reads to a shared count: the position in
/// the file, as a file read again from its start sets it back to 0.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R> Counted<R> {
    /// `inner`, opened at its start.
    fn new(inner: R, read: &Arc<AtomicU64>) -> Counted<R> {
        read.store(0, Ordering::Relaxed);
        Counted {
            inner,
            read: read.clone(),
        }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// How many bytes `r` holds, counted through a fixed buffer and stopped
/// past `limit`: what is over a limit is refused without being held.
pub(crate) fn count_to(r: impl Read, limit: u64) -> std::io::Result<u64> {
    std::io::copy(&mut r.take(limit.saturating_add(1)), &mut std::io::sink())
}

/// A gzip file: JSON inside is streamed; anything else is decompressed
/// (up to `max_bytes`) and read as its content says. What must be held
/// whole is first counted as it inflates, and refused past the limit
/// before any of it is kept: a small file that inflates to gigabytes costs
/// a buffer to refuse, not the limit.
fn gzip(path: &Path, f: fs::File, max_bytes: u64, read: Arc<AtomicU64>) -> Result<Documents> {
    let mut r = inflate(Counted::new(f, &read));
    let head = r
        .fill_buf()
        .map_err(|e| bad(path, format!("not a readable gzip file: {e}")))?
        .to_vec();
    if head.is_empty() {
        return Err(bad(path, "gzip file holds nothing"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inner = name.strip_suffix(".gz").unwrap_or(&name);
    let unreadable = |e: std::io::Error| bad(path, format!("not a readable gzip file: {e}"));
    match sniff(&head, inner) {
        Kind::Json => {
            let again = path.to_path_buf();
            let reopen = move || -> Result<Box<dyn BufRead + Send>> {
                let f = fs::File::open(&again).map_err(io_error(&again))?;
                Ok(Box::new(inflate(Counted::new(f, &read))))
            };
            json::documents(path, r, max_bytes, &reopen)
        }
        Kind::Gzip => Err(bad(path, "gzip inside gzip is not read")),
        kind => {
            let f = fs::File::open(path).map_err(io_error(path))?;
            let len = count_to(inflate(f), max_bytes).map_err(unreadable)?;
            if len > max_bytes {
                return Err(bad(
                    path,
                    format!("decompresses to over the limit of {max_bytes} bytes"),
                ));
            }
            let mut bytes = Vec::with_capacity(len as usize);
            r.take(len).read_to_end(&mut bytes).map_err(unreadable)?;
            from_bytes(path, kind, bytes, max_bytes).map(Documents::one)
        }
    }
}

/// How a directory walk treats symbolic links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Follow every link met in a walk: to files outside the walked roots,
    /// and into linked directories. Off by default: a walk then reads a
    /// link only when it leads to a file inside one of the roots, so a link
    /// in a corpus cannot bring a file from elsewhere on the machine into
    /// the index (and out through the server).
    pub follow_symlinks: bool,
}

/// What a walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    /// The document files, in a stable order: files as given, then each
    /// directory's files sorted. Paths that do not exist are kept, so that
    /// reading them reports the error against the name the user typed; so
    /// are links that cannot be resolved (a loop, a dangling link).
    pub files: Vec<PathBuf>,
    /// Links to document files that the walk did not follow, each with the
    /// reason, for the caller to report.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Expands `paths` into the document files they name (see [`walk`]),
/// with the default [`WalkOptions`] and without the links it left out.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    walk(paths, WalkOptions::default()).files
}

/// Expands `paths` into the document files they name: files as given
/// (a link named on the command line is what the user asked for, and is
/// read), directories walked recursively for [`DOCUMENT_EXTENSIONS`],
/// sorted for a stable order. A directory holding a tantivy index is not
/// walked: its `.json` files are the index's own, and an index kept inside
/// the corpus would otherwise be read as orders on every run. Links met in
/// a walk are followed as `opts` says.
pub fn walk(paths: &[PathBuf], opts: WalkOptions) -> Walked {
    let mut walker = Walker {
        opts,
        roots: paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| fs::canonicalize(p).ok())
            .collect(),
        visited: std::collections::HashSet::new(),
        out: Walked::default(),
    };
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walker.dir(p, &mut found, 0);
            found.sort();
            walker.out.files.extend(found);
        } else {
            walker.out.files.push(p.clone());
        }
    }
    walker.out
}

struct Walker {
    opts: WalkOptions,
    /// The walked directories, resolved: a link may lead anywhere under them.
    roots: Vec<PathBuf>,
    /// Directories walked, resolved, when following links: none is walked twice.
    visited: std::collections::HashSet<PathBuf>,
    out: Walked,
}

impl Walker {
    fn dir(&mut self, dir: &Path, found: &mut Vec<PathBuf>, depth: usize) {
        // Absurd nesting ends the walk rather than the process.
        if depth > 64 || is_tantivy_index(dir) {
            return;
        }
        // Following links, a directory can be reached twice (or in a loop).
        if self.opts.follow_symlinks {
            if let Ok(real) = fs::canonicalize(dir) {
                if !self.visited.insert(real) {
                    return;
                }
            }
        }
        let Ok(entries) = fs::read_dir(dir) else {
            found.push(dir.to_path_buf());
            return;
        };
        // In name order, so that which way a directory reached twice is
        // named by does not depend on the order the file system lists it.
        let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                self.dir(&path, found, depth + 1);
            } else if ft.is_symlink() {
                self.link(path, found, depth);
            } else if is_document_name(&path) {
                found.push(path);
            }
        }
    }

    /// A link met in a walk: read when it leads to a file inside the roots,
    /// or anywhere when links are followed; walked into when it leads to a
    /// directory and links are followed.
    fn link(&mut self, path: PathBuf, found: &mut Vec<PathBuf>, depth: usize) {
        let Ok(target) = fs::canonicalize(&path) else {
            // A loop or a dangling link: reading it says which.
            if is_document_name(&path) {
                found.push(path);
            }
            return;
        };
        if target.is_dir() {
            if self.opts.follow_symlinks {
                self.dir(&path, found, depth + 1);
            }
            return;
        }
        if !is_document_name(&path) {
            return;
        }
        if self.opts.follow_symlinks || self.roots.iter().any(|r| target.starts_with(r)) {
            found.push(path);
        } else {
            let why = format!(
                "a symbolic link to {}, outside the folders being read: not followed",
                target.display()
            );
            self.out.skipped.push((path, why));
        }
    }
}

/// Whether a walk picks up a file of this name.
fn is_document_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| DOCUMENT_EXTENSIONS.contains(&extension(&n.to_string_lossy()).as_str()))
}

fn is_tantivy_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file() && dir.join(".managed.json").is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_skips_an_index_kept_inside_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        fs::create_dir(&index).unwrap();
        for name in ["meta.json", ".managed.json", "order.txt"] {
            fs::write(index.join(name), "{}").unwrap();
        }
        fs::write(dir.path().join("order.txt"), "text").unwrap();
        assert_eq!(
            expand_paths(&[dir.path().to_path_buf()]),
            vec![dir.path().join("order.txt")]
        );
        fs::remove_file(index.join(".managed.json")).unwrap();
        assert_eq!(expand_paths(&[dir.path().to_path_buf()]).len(), 3);
    }

    /// Paths that differ only in bytes that are not UTF-8 had one key (the
    /// lossy `display()`), so one of two files was dropped (issue 14).
    #[test]
    fn file_keys_are_lossless_and_display_for_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let p = |b: &[u8]| PathBuf::from(OsStr::from_bytes(b));
        let paths = [
            p(b"corpus/caf\xe9.txt"),
            p(b"corpus/caf\xe8.txt"),
            p(b"corpus/caf\\xe9.txt"),
            p(b"corpus/caf\\x5cxe9.txt"),
            p(b"corpus/a\\"),
            p(b"corpus/\xff\\\xfe\\x"),
            p("corpus/café \\ ordre.txt".as_bytes()),
        ];
        let keys: Vec<String> = paths.iter().map(|p| file_key(p)).collect();
        assert_eq!(keys[0], "corpus/caf\\xe9.txt");
        assert_eq!(keys[2], "corpus/caf\\x5cxe9.txt");
        assert_eq!(keys[6], "corpus/café \\ ordre.txt", "display() where UTF-8");
        for (path, key) in paths.iter().zip(&keys) {
            assert_eq!(&key_path(key), path, "{key}");
        }
        let distinct: std::collections::HashSet<&String> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert_eq!(order_id(&paths[0]), "caf\\xe9");
        assert_eq!(order_id(&p(b"x/s\xe9.jsonl.gz")), "s\\xe9");
    }

    #[test]
    fn a_walk_follows_links_inside_its_roots_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, elsewhere) = (dir.path().join("corpus"), dir.path().join("elsewhere"));
        fs::create_dir_all(corpus.join("a")).unwrap();
        fs::create_dir_all(elsewhere.join("more")).unwrap();
        fs::write(corpus.join("a/in.txt"), "In.").unwrap();
        fs::write(elsewhere.join("out.txt"), "Out.").unwrap();
        fs::write(elsewhere.join("more/deep.txt"), "Deep.").unwrap();
        let link =
            |to: &Path, name: &str| std::os::unix::fs::symlink(to, corpus.join(name)).unwrap();
        link(&corpus.join("a/in.txt"), "inside.txt");
        link(&elsewhere.join("out.txt"), "outside.txt");
        link(&elsewhere.join("more"), "more");
        link(&corpus.join("a"), "again");
        link(&corpus.join("gone.txt"), "dangling.txt");
        let names = |w: &Walked| -> Vec<String> {
            w.files
                .iter()
                .map(|f| f.strip_prefix(&corpus).unwrap().display().to_string())
                .collect()
        };
        let w = walk(std::slice::from_ref(&corpus), WalkOptions::default());
        assert_eq!(names(&w), ["a/in.txt", "dangling.txt", "inside.txt"]);
        assert_eq!(w.skipped.len(), 1);
        assert_eq!(w.skipped[0].0, corpus.join("outside.txt"));
        assert!(
            w.skipped[0].1.contains("outside the folders being read"),
            "{:?}",
            w.skipped
        );
        // Both folders given: a link from one to the other stays inside.
        let both = walk(&[corpus.clone(), elsewhere.clone()], WalkOptions::default());
        assert!(both.skipped.is_empty() && both.files.contains(&corpus.join("outside.txt")));
        // Asked to follow, every link is read, and a directory reached
        // twice (`a` and the link `again` to it) is read once.
        let w = walk(
            std::slice::from_ref(&corpus),
            WalkOptions {
                follow_symlinks: true,
            },
        );
        assert_eq!(
            names(&w),
            [
                "a/in.txt",
                "dangling.txt",
                "inside.txt",
                "more/deep.txt",
                "outside.txt"
            ]
        );
        assert!(w.skipped.is_empty());
    }

    #[test]
    fn refuses_bad_bytes_with_reasons() {
        let p = Path::new("x.txt");
        let msg = |b: &[u8]| text_from_bytes(p, b.to_vec()).unwrap_err().to_string();
        assert_eq!(msg(b""), "x.txt: file is empty");
        assert_eq!(msg(b" \n\t\x0c\r\n"), "x.txt: file holds only whitespace");
        assert_eq!(
            msg("\u{feff}\u{a0}\u{2003}\n".as_bytes()),
            "x.txt: file holds only whitespace"
        );
        assert!(msg(b"ab\0c").contains("binary file (NUL byte at offset 2)"));
        assert!(msg(b"caf\xe9").contains("not UTF-8 text (invalid byte 0xe9 at offset 3)"));
        assert_eq!(text_from_bytes(p, b"ok".to_vec()).unwrap().text, "ok");
    }
}
