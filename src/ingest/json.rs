//! JSON and JSON Lines of public case-law collections, each record one
//! document with the metadata the collection gives (court, date, case name)
//! kept beside its text:
//!
//! - CourtListener opinions: `plain_text` when it has any, else the first
//!   of `html_with_citations`, `html`, `html_lawbox`, `html_columbia`,
//!   `xml_harvard`, read as HTML; `case_name`, `date_filed` and `court` /
//!   `court_id` when the export carries them. An API page (`results`) is
//!   read record by record.
//! - Caselaw Access Project cases: `casebody.data` (or `casebody`)
//!   `head_matter` and `opinions[].text` (or the HTML/XML string the
//!   casebody holds); `name_abbreviation` (else `name`), `decision_date`,
//!   `court.name`.
//! - The project's corpus shards (`opinions-*.jsonl.gz`): `text`, `court`,
//!   `date`, `id`.
//!
//! A file is read as JSON Lines when its first line is a whole JSON value,
//! and then streamed line by line (a bad line is an error for that line
//! only); otherwise it is one JSON value, an object or an array of them.

use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::path::Path;

use serde_json::{Map, Value};

use super::{bad, count_to, html, order_id, Document, Documents, Format, RecordAt, SourceMeta};
use crate::{Error, Result};

/// CourtListener's text fields in order of preference after `plain_text`.
const CL_HTML: &[&str] = &[
    "html_with_citations",
    "html",
    "html_lawbox",
    "html_columbia",
    "xml_harvard",
];

/// A JSON Lines file may decompress to this many times the per-file limit
/// before it is taken for a gzip bomb.
const STREAM_FACTOR: u64 = 16;

/// One record's text and metadata.
struct Record {
    id: Option<String>,
    text: String,
    meta: SourceMeta,
}

/// Opens the file's content again from its start (inflating it again when
/// it is gzip), for one JSON value that must be counted before it is held.
pub(super) type Reopen<'a> = &'a dyn Fn() -> Result<Box<dyn BufRead + Send>>;

/// A line read ahead, before the file was known to be JSON Lines.
enum Ahead {
    Value(usize, Value),
    Failed(usize, String),
}

/// The documents in the JSON read from `r` (`path` names it in errors).
pub(super) fn documents<R: BufRead + Send + 'static>(
    path: &Path,
    mut r: R,
    max_bytes: u64,
    reopen: Reopen<'_>,
) -> Result<Documents> {
    let read_err = |e: std::io::Error| bad(path, format!("cannot be read: {e}"));
    let budget = max_bytes.saturating_mul(STREAM_FACTOR);
    let mut line = 1usize;
    let mut skipped = 0u64;
    let first = loop {
        let buf = r.fill_buf().map_err(read_err)?;
        if buf.is_empty() {
            return Err(bad(path, "holds no JSON (only whitespace)"));
        }
        let ws = buf
            .iter()
            .take_while(|c| c.is_ascii_whitespace() || matches!(c, 0xef | 0xbb | 0xbf))
            .count();
        line += buf[..ws].iter().filter(|&&c| c == b'\n').count();
        let next = buf.get(ws).copied();
        r.consume(ws);
        skipped += ws as u64;
        if let Some(c) = next {
            break c;
        }
    };
    let stem = order_id(path);
    let lines = |r: Box<dyn BufRead + Send>, line: usize, ahead: Vec<Ahead>, total: u64| {
        Documents(Box::new(Lines {
            path: path.to_path_buf(),
            stem: stem.clone(),
            r,
            line,
            ahead: ahead.into(),
            max_bytes,
            total,
            done: false,
            buf: Vec::new(),
        }))
    };
    if first == b'{' {
        // The first line is measured before it is held: a file of one line
        // (one JSON value, or a JSON Lines file of one record) over the limit
        // is refused without holding the limit's worth of it.
        let measured = read_line(&mut r, &mut Vec::new(), 0, budget.saturating_sub(skipped))
            .map_err(read_err)?;
        let (read, len) = match measured {
            LineRead::TooLong { read, len } => (read, len),
            LineRead::Line(n) => (n, 0),
            LineRead::OverBudget => return Err(bad(path, bomb(budget))),
            LineRead::End => return Err(bad(path, "holds no JSON (only whitespace)")),
        };
        if len <= max_bytes {
            let mut again = reopen()?;
            std::io::copy(&mut (&mut again).take(skipped), &mut std::io::sink())
                .map_err(read_err)?;
            let mut head = Vec::with_capacity(read as usize);
            (&mut again)
                .take(read)
                .read_to_end(&mut head)
                .map_err(read_err)?;
            if let Ok(v) = serde_json::from_slice::<Value>(&head) {
                return Ok(lines(
                    again,
                    line,
                    vec![Ahead::Value(line, v)],
                    skipped + read,
                ));
            }
            // Not a whole value on one line: one JSON value over many lines.
            drop(head);
            let rest = count_to(&mut r, max_bytes - read.min(max_bytes)).map_err(read_err)?;
            return whole_counted(path, &stem, read + rest, skipped, max_bytes, reopen);
        }
        // A JSON Lines file whose first record is over the limit, or one
        // JSON value over it: the next line that fits tells.
        let mut ahead = vec![Ahead::Failed(line, too_long(len, max_bytes))];
        let (mut at, mut total) = (line, skipped + read);
        let mut head = Vec::new();
        loop {
            head.clear();
            at += 1;
            match read_line(&mut r, &mut head, max_bytes, budget.saturating_sub(total))
                .map_err(read_err)?
            {
                LineRead::Line(m) if head.iter().all(u8::is_ascii_whitespace) => total += m,
                LineRead::Line(m) => match serde_json::from_slice::<Value>(&head) {
                    Ok(v) => {
                        ahead.push(Ahead::Value(at, v));
                        return Ok(lines(Box::new(r), at, ahead, total + m));
                    }
                    Err(_) => break,
                },
                LineRead::TooLong { read, len } => {
                    ahead.push(Ahead::Failed(at, too_long(len, max_bytes)));
                    total += read;
                }
                LineRead::End if ahead.len() > 1 => {
                    return Ok(lines(Box::new(r), at, ahead, total))
                }
                LineRead::End => break,
                LineRead::OverBudget => return Err(bad(path, bomb(budget))),
            }
        }
        return Err(bad(
            path,
            format!("line {line}: {}", too_long(len, max_bytes)),
        ));
    }
    if first != b'[' {
        return Err(bad(
            path,
            format!("not JSON (starts with {:?})", char::from(first)),
        ));
    }
    let len = count_to(&mut r, max_bytes).map_err(read_err)?;
    whole_counted(path, &stem, len, skipped, max_bytes, reopen)
}

fn too_long(n: u64, max_bytes: u64) -> String {
    format!("a line of {n} bytes is over the limit of {max_bytes} bytes")
}

fn bomb(budget: u64) -> String {
    format!("decompresses to over {budget} bytes (gzip bomb?); stopped")
}

/// One JSON value of `len` bytes after `skipped` bytes of whitespace,
/// counted already: refused over the limit before any of it is held, else
/// read again from the start and parsed.
fn whole_counted(
    path: &Path,
    stem: &str,
    len: u64,
    skipped: u64,
    max_bytes: u64,
    reopen: Reopen<'_>,
) -> Result<Documents> {
    if len > max_bytes {
        return Err(bad(
            path,
            format!("JSON is over the limit of {max_bytes} bytes"),
        ));
    }
    let read_err = |e: std::io::Error| bad(path, format!("cannot be read: {e}"));
    let mut r = reopen()?;
    std::io::copy(&mut (&mut r).take(skipped), &mut std::io::sink()).map_err(read_err)?;
    let mut all = Vec::with_capacity(len as usize);
    r.take(len).read_to_end(&mut all).map_err(read_err)?;
    whole(path, stem, &all)
}

/// One JSON value: an object is one document (an API page's `results`, many);
/// an array, one document per element.
fn whole(path: &Path, stem: &str, bytes: &[u8]) -> Result<Documents> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| bad(path, format!("not valid JSON ({e})")))?;
    let items = match v {
        Value::Array(items) => items,
        Value::Object(mut o) if !has_text(&o) && o.get("results").is_some_and(Value::is_array) => {
            match o.remove("results") {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            }
        }
        Value::Object(o) => {
            let rec = record(&o).map_err(|reason| bad(path, reason))?;
            let mut doc = document(path, rec, Format::Json);
            doc.id = stem.to_string();
            return Ok(Documents::one(doc));
        }
        _ => {
            return Err(bad(
                path,
                "JSON is neither an object nor an array of objects",
            ))
        }
    };
    if items.is_empty() {
        return Err(bad(path, "JSON array holds no records"));
    }
    let path = path.to_path_buf();
    let stem = stem.to_string();
    let docs = items.into_iter().enumerate().map(move |(i, item)| {
        let n = i + 1;
        let rec = item
            .as_object()
            .ok_or_else(|| "not a JSON object".to_string())
            .and_then(record)
            .map_err(|reason| Error::Record {
                path: path.clone(),
                at: RecordAt::Element(n),
                reason,
            })?;
        Ok(multi(&path, &stem, n, rec, Format::Json))
    });
    Ok(Documents(Box::new(docs)))
}

/// JSON Lines, one record read at a time.
struct Lines<R> {
    path: std::path::PathBuf,
    stem: String,
    r: R,
    /// The line last read.
    line: usize,
    /// Lines read ahead to tell JSON Lines from one JSON value.
    ahead: VecDeque<Ahead>,
    max_bytes: u64,
    /// Bytes read so far (decompressed, skipped lines included), against gzip bombs.
    total: u64,
    done: bool,
    buf: Vec<u8>,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            match self.ahead.pop_front() {
                Some(Ahead::Value(line, v)) => return Some(self.doc(line, v)),
                Some(Ahead::Failed(line, why)) => return Some(Err(self.record_err(line, why))),
                None => {}
            }
            if self.done {
                return None;
            }
            // A line far longer than the rest keeps no memory after it.
            if self.buf.capacity() > LINE_KEPT {
                self.buf = Vec::new();
            }
            self.buf.clear();
            let budget = self.max_bytes.saturating_mul(STREAM_FACTOR);
            let read = read_line(
                &mut self.r,
                &mut self.buf,
                self.max_bytes,
                budget - self.total.min(budget),
            );
            self.line += 1;
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.file_err(format!("cannot be read: {e}"))));
                }
                Ok(LineRead::End) => {
                    self.done = true;
                    return None;
                }
                Ok(LineRead::OverBudget) => {
                    self.done = true;
                    return Some(Err(self.file_err(bomb(budget))));
                }
                Ok(LineRead::TooLong { read, len }) => {
                    self.total += read;
                    return Some(Err(
                        self.record_err(self.line, too_long(len, self.max_bytes))
                    ));
                }
                Ok(LineRead::Line(n)) => {
                    self.total += n;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(match serde_json::from_slice::<Value>(&self.buf) {
                        Ok(v) => self.doc(self.line, v),
                        Err(e) => Err(self.record_err(self.line, format!("not valid JSON ({e})"))),
                    });
                }
            }
        }
    }
}

impl<R> Lines<R> {
    /// The file failing at the line being read: the iterator ends.
    fn file_err(&self, reason: impl std::fmt::Display) -> Error {
        bad(&self.path, format!("line {}: {reason}", self.line))
    }

    /// One line that could not be read: the iterator goes on.
    fn record_err(&self, line: usize, reason: String) -> Error {
        Error::Record {
            path: self.path.clone(),
            at: RecordAt::Line(line),
            reason,
        }
    }

    fn doc(&self, line: usize, v: Value) -> Result<Document> {
        let rec = v
            .as_object()
            .ok_or_else(|| "not a JSON object".to_string())
            .and_then(record)
            .map_err(|e| self.record_err(line, e))?;
        Ok(multi(&self.path, &self.stem, line, rec, Format::Jsonl))
    }
}

/// A line buffer grown past this by one long line is dropped after it.
const LINE_KEPT: usize = 4 << 20;

/// What reading one line found.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// A line of this many bytes (its `\n` included) is in the buffer.
    Line(u64),
    /// A line over the limit, streamed past and not kept: the bytes read
    /// (its `\n` included) and its length.
    TooLong {
        /// Bytes read.
        read: u64,
        /// The line's length without its `\n`.
        len: u64,
    },
    /// The stream ended.
    End,
    /// The stream went past its budget before the line ended.
    OverBudget,
}

/// Reads one line (with its `\n`) into `buf`. A line whose content is over
/// `max_bytes` is streamed past in the reader's own buffer, never held
/// whole: what was buffered of it is dropped as soon as it passes the
/// limit. Reading stops past `budget` bytes, so a stream that never ends a
/// line (a gzip bomb) is not read to its end.
fn read_line<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max_bytes: u64,
    budget: u64,
) -> std::io::Result<LineRead> {
    let mut n = 0u64;
    let mut over = false;
    let mut ended = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, ends) = match memchr::memchr(b'\n', chunk) {
            Some(p) => (p + 1, true),
            None => (chunk.len(), false),
        };
        n += take as u64;
        let content = n - u64::from(ends);
        if !over && content > max_bytes {
            over = true;
            *buf = Vec::new();
        }
        if !over {
            // Grow by doubling, but never past the limit: the buffer of a line
            // of the limit's size is the limit, not twice it.
            let need = buf.len() + take;
            if need > buf.capacity() {
                let cap = (buf.capacity() * 2)
                    .max(need)
                    .min(max_bytes.saturating_add(1).try_into().unwrap_or(usize::MAX));
                buf.reserve_exact(cap.max(need) - buf.len());
            }
            buf.extend_from_slice(&chunk[..take]);
        }
        r.consume(take);
        if ends {
            ended = true;
            break;
        }
        if n > budget {
            return Ok(LineRead::OverBudget);
        }
    }
    Ok(if n == 0 {
        LineRead::End
    } else if over {
        LineRead::TooLong {
            read: n,
            len: n - u64::from(ended),
        }
    } else {
        LineRead::Line(n)
    })
}

/// The document of record `n` of a file that holds many: its id is the
/// record's own, else `stem#n`.
fn multi(path: &Path, stem: &str, n: usize, rec: Record, format: Format) -> Document {
    let part = rec.id.clone().unwrap_or_else(|| n.to_string());
    let id = rec.id.clone().unwrap_or_else(|| format!("{stem}#{n}"));
    let mut doc = document(path, rec, format);
    doc.id = id;
    doc.part = Some(part);
    doc
}

fn document(path: &Path, rec: Record, format: Format) -> Document {
    let mut doc = Document::new(path, rec.text, format);
    doc.source = rec.meta;
    doc
}

fn has_text(o: &Map<String, Value>) -> bool {
    o.contains_key("casebody")
        || o.contains_key("plain_text")
        || o.contains_key("text")
        || CL_HTML.iter().any(|k| o.contains_key(*k))
}

fn string(o: &Map<String, Value>, key: &str) -> Option<String> {
    match o.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads a record of any of the collections; the reason when it has no text.
fn record(o: &Map<String, Value>) -> std::result::Result<Record, String> {
    let id = string(o, "id");
    let (text, meta) = if let Some(body) = o.get("casebody") {
        cap(o, body)?
    } else if o.contains_key("plain_text") || CL_HTML.iter().any(|k| o.contains_key(*k)) {
        courtlistener(o)?
    } else if let Some(text) = o.get("text") {
        let text = text
            .as_str()
            .ok_or_else(|| "`text` is not a string".to_string())?
            .to_string();
        let meta = SourceMeta {
            court: string(o, "court"),
            date: string(o, "date"),
            case_name: string(o, "case_name"),
        };
        (text, meta)
    } else {
        return Err(
            "no text: not a CourtListener opinion (plain_text, html…), a CAP case (casebody) or a corpus record (text)"
                .into(),
        );
    };
    if text.trim().is_empty() {
        return Err("the record's text is empty".into());
    }
    Ok(Record { id, text, meta })
}

fn courtlistener(o: &Map<String, Value>) -> std::result::Result<(String, SourceMeta), String> {
    let text = o
        .get("plain_text")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .or_else(|| {
            CL_HTML
                .iter()
                .filter_map(|k| o.get(*k).and_then(Value::as_str))
                .find(|h| !h.trim().is_empty())
                .map(html::text)
        })
        .ok_or_else(|| {
            "CourtListener opinion with no text (plain_text and html fields empty)".to_string()
        })?;
    let meta = SourceMeta {
        court: string(o, "court_id").or_else(|| string(o, "court").filter(|c| !c.contains('/'))),
        date: string(o, "date_filed"),
        case_name: string(o, "case_name").or_else(|| string(o, "case_name_full")),
    };
    Ok((text, meta))
}

fn cap(o: &Map<String, Value>, body: &Value) -> std::result::Result<(String, SourceMeta), String> {
    let data = match body {
        Value::Object(b) => b.get("data").unwrap_or(body),
        other => other,
    };
    let text = match data {
        Value::String(s) if s.trim_start().starts_with('<') => html::text(s),
        Value::String(s) => s.clone(),
        Value::Object(d) => {
            let mut parts: Vec<String> = Vec::new();
            if let Some(h) = d.get("head_matter").and_then(Value::as_str) {
                parts.push(h.to_string());
            }
            for op in d
                .get("opinions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(a) = op.get("author").and_then(Value::as_str) {
                    parts.push(a.to_string());
                }
                if let Some(t) = op.get("text").and_then(Value::as_str) {
                    parts.push(t.to_string());
                }
            }
            parts.retain(|p| !p.trim().is_empty());
            parts.join("\n\n")
        }
        _ => String::new(),
    };
    if text.trim().is_empty() {
        return Err("CAP case with no opinion text in its casebody".into());
    }
    let court = match o.get("court") {
        Some(Value::Object(c)) => string(c, "name").or_else(|| string(c, "name_abbreviation")),
        Some(Value::String(c)) if !c.trim().is_empty() => Some(c.trim().to_string()),
        _ => None,
    };
    let meta = SourceMeta {
        court,
        date: string(o, "decision_date"),
        case_name: string(o, "name_abbreviation").or_else(|| string(o, "name")),
    };
    Ok((text, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documents of `s` read as `t.jsonl` under `max` bytes, errors as
    /// they print, and whether each error is one record's.
    fn read(s: &str, max: u64) -> Vec<std::result::Result<Document, (String, bool)>> {
        let bytes = s.as_bytes().to_vec();
        let again = bytes.clone();
        let reopen = move || -> Result<Box<dyn BufRead + Send>> {
            Ok(Box::new(std::io::Cursor::new(again.clone())))
        };
        let shown = |e: Error| {
            let record = matches!(e, Error::Record { .. });
            (e.to_string(), record)
        };
        documents(
            Path::new("t.jsonl"),
            std::io::Cursor::new(bytes),
            max,
            &reopen,
        )
        .map(|d| d.map(|d| d.map_err(shown)).collect())
        .unwrap_or_else(|e| vec![Err(shown(e))])
    }

    fn docs(s: &str) -> Vec<std::result::Result<Document, String>> {
        read(s, 1 << 20)
            .into_iter()
            .map(|d| d.map_err(|e| e.0))
            .collect()
    }

    fn rec(id: &str, text: &str) -> String {
        format!("{{\"id\": \"{id}\", \"text\": \"{text}\"}}\n")
    }

    /// A line over the limit is one record's error, named by its own line,
    /// and the lines after it are read (issue 14: the read stopped there,
    /// and the error named the line before).
    #[test]
    fn a_line_over_the_limit_fails_alone_wherever_it_stands() {
        let long = "x".repeat(300);
        let n = rec("long", &long).len() - 1;
        for at in [0, 1, 3] {
            let mut lines: Vec<String> = (0..5).map(|i| rec(&format!("r{i}"), "Text.")).collect();
            lines[at] = rec("long", &long);
            let got = read(&lines.concat(), 200);
            assert_eq!(got.len(), 5, "at {at}: {got:?}");
            for (i, g) in got.iter().enumerate() {
                match g {
                    Ok(d) => assert_eq!(d.id, format!("r{i}")),
                    Err((msg, record)) => {
                        assert_eq!(i, at);
                        assert!(*record, "{msg}");
                        let want = format!(
                            "t.jsonl: line {}: a line of {n} bytes is over the limit of 200 bytes",
                            at + 1
                        );
                        assert_eq!(msg, &want);
                    }
                }
            }
        }
        // One value of one line, over the limit, is the file failing.
        let got = read(&rec("long", &long), 200);
        assert_eq!(got.len(), 1);
        let (msg, record) = got[0].as_ref().unwrap_err();
        assert!(
            !record && msg.contains(&format!("line 1: a line of {n} bytes")),
            "{msg}"
        );
        // So is one value over many lines.
        let many = format!("{{\n\"text\": \"{long}\"\n}}\n");
        let (msg, record) = read(&many, 200).remove(0).unwrap_err();
        assert!(
            !record && msg.contains("JSON is over the limit of 200 bytes"),
            "{msg}"
        );
        assert_eq!(read(&many, 400)[0].as_ref().unwrap().text, long);
    }

    /// Reading past a line over the limit holds at most the limit of it.
    #[test]
    fn a_line_over_the_limit_is_streamed_past() {
        let mut input = vec![b'y'; 10 << 20];
        input.extend_from_slice(b"\nnext\n");
        let mut r = std::io::BufReader::with_capacity(4096, input.as_slice());
        let mut buf = Vec::new();
        let got = read_line(&mut r, &mut buf, 1000, u64::MAX).unwrap();
        assert_eq!(
            got,
            LineRead::TooLong {
                read: (10 << 20) + 1,
                len: 10 << 20
            }
        );
        assert!(buf.capacity() <= 1001, "{}", buf.capacity());
        assert_eq!(
            read_line(&mut r, &mut buf, 1000, u64::MAX).unwrap(),
            LineRead::Line(5)
        );
        assert_eq!(buf, b"next\n");
        // A line that never ends stops at the budget.
        let mut r = std::io::BufReader::with_capacity(4096, &input[..1 << 20]);
        let got = read_line(&mut r, &mut Vec::new(), 1000, 64 << 10).unwrap();
        assert_eq!(got, LineRead::OverBudget);
    }

    #[test]
    fn an_array_element_that_fails_is_one_records_error() {
        let got = read("[{\"text\": \"A.\"}, 7, {\"text\": \"B.\"}]", 1 << 20);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[1].as_ref().unwrap_err(),
            &("t.jsonl: record 2: not a JSON object".to_string(), true)
        );
        assert_eq!(got[2].as_ref().unwrap().text, "B.");
    }

    #[test]
    fn json_lines_go_on_after_a_bad_line() {
        let got = docs("{\"id\": \"a\", \"text\": \"One.\", \"court\": \"ca1\", \"date\": \"2013-08-01\"}\n\nnot json\n{\"id\": 7, \"plain_text\": \"Two.\"}\n{\"x\": 1}\n");
        assert_eq!(got.len(), 4);
        let a = got[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.part.as_deref(), a.text.as_str()),
            ("a", Some("a"), "One.")
        );
        assert_eq!(a.source.court.as_deref(), Some("ca1"));
        assert!(got[1]
            .as_ref()
            .unwrap_err()
            .starts_with("t.jsonl: line 3: not valid JSON"));
        assert_eq!(got[2].as_ref().unwrap().id, "7");
        assert!(got[3].as_ref().unwrap_err().contains("line 5: no text"));
    }

    #[test]
    fn one_object_over_many_lines_is_one_document_named_by_the_file() {
        let got =
            docs("{\n  \"id\": 9,\n  \"plain_text\": \"\",\n  \"html\": \"<p>A &amp; B</p>\"\n}\n");
        assert_eq!(got.len(), 1);
        let d = got[0].as_ref().unwrap();
        assert_eq!(
            (d.id.as_str(), d.part.as_deref(), d.text.as_str()),
            ("t", None, "A & B\n")
        );
    }

    #[test]
    fn refusals_have_reasons() {
        assert!(docs("   ")[0]
            .as_ref()
            .unwrap_err()
            .contains("holds no JSON"));
        assert!(docs("[]")[0]
            .as_ref()
            .unwrap_err()
            .contains("holds no records"));
        assert!(docs("[1, {\"text\": \" \"}]")[1]
            .as_ref()
            .unwrap_err()
            .contains("record 2: the record's text is empty"));
        assert!(docs("x")[0].as_ref().unwrap_err().contains("not JSON"));
        assert!(docs("{\"a\":\n")[0]
            .as_ref()
            .unwrap_err()
            .contains("not valid JSON"));
    }
}
