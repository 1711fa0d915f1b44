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

use std::io::{BufRead, Read};
use std::path::Path;

use serde_json::{Map, Value};

use super::{bad, html, order_id, Document, Documents, Format, SourceMeta};
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

/// The documents in the JSON read from `r` (`path` names it in errors).
pub(super) fn documents<R: BufRead + Send + 'static>(
    path: &Path,
    mut r: R,
    max_bytes: u64,
) -> Result<Documents> {
    let read_err = |e: std::io::Error| bad(path, format!("cannot be read: {e}"));
    let mut line = 1usize;
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
        if let Some(c) = next {
            break c;
        }
    };
    let stem = order_id(path);
    if first == b'{' {
        let mut head = Vec::new();
        read_line(&mut r, &mut head, max_bytes).map_err(|e| bad(path, e))?;
        if let Ok(v) = serde_json::from_slice::<Value>(&head) {
            return Ok(Documents(Box::new(Lines {
                path: path.to_path_buf(),
                stem,
                r,
                line: line - 1,
                first: Some(v),
                max_bytes,
                total: head.len() as u64,
                done: false,
                buf: Vec::new(),
            })));
        }
        // Not a whole value on one line: one JSON value over many lines.
        let mut rest = head;
        r.take(max_bytes.saturating_add(1) - rest.len().min(max_bytes as usize) as u64)
            .read_to_end(&mut rest)
            .map_err(read_err)?;
        return whole(path, &stem, &rest, max_bytes);
    }
    if first != b'[' {
        return Err(bad(
            path,
            format!("not JSON (starts with {:?})", char::from(first)),
        ));
    }
    let mut all = Vec::new();
    r.take(max_bytes.saturating_add(1))
        .read_to_end(&mut all)
        .map_err(read_err)?;
    whole(path, &stem, &all, max_bytes)
}

/// One JSON value: an object is one document (an API page's `results`, many);
/// an array, one document per element.
fn whole(path: &Path, stem: &str, bytes: &[u8], max_bytes: u64) -> Result<Documents> {
    if bytes.len() as u64 > max_bytes {
        return Err(bad(
            path,
            format!("JSON is over the limit of {max_bytes} bytes"),
        ));
    }
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
            .map_err(|reason| bad(&path, format!("record {n}: {reason}")))?;
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
    /// The first line, read already to tell JSON Lines from JSON.
    first: Option<Value>,
    max_bytes: u64,
    /// Bytes read so far (decompressed), against gzip bombs.
    total: u64,
    done: bool,
    buf: Vec<u8>,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            if let Some(v) = self.first.take() {
                self.line += 1;
                return Some(self.doc(v));
            }
            if self.done {
                return None;
            }
            self.buf.clear();
            let n = match read_line(&mut self.r, &mut self.buf, self.max_bytes) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.err(e)));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            self.line += 1;
            self.total += n as u64;
            if self.total > self.max_bytes.saturating_mul(STREAM_FACTOR) {
                self.done = true;
                return Some(Err(self.err(format!(
                    "decompresses to over {} bytes (gzip bomb?); stopped",
                    self.max_bytes.saturating_mul(STREAM_FACTOR)
                ))));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match serde_json::from_slice::<Value>(&self.buf) {
                Ok(v) => self.doc(v),
                Err(e) => Err(self.err(format!("not valid JSON ({e})"))),
            });
        }
    }
}

impl<R> Lines<R> {
    fn err(&self, reason: impl std::fmt::Display) -> Error {
        bad(&self.path, format!("line {}: {reason}", self.line))
    }

    fn doc(&self, v: Value) -> Result<Document> {
        let rec = v
            .as_object()
            .ok_or_else(|| "not a JSON object".to_string())
            .and_then(record)
            .map_err(|e| self.err(e))?;
        Ok(multi(&self.path, &self.stem, self.line, rec, Format::Jsonl))
    }
}

/// Reads one line (with its `\n`) into `buf`; a line over `max_bytes` is
/// skipped to its end and refused. Returns the bytes read, 0 at the end.
fn read_line<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max_bytes: u64,
) -> std::result::Result<usize, String> {
    let n = r
        .by_ref()
        .take(max_bytes.saturating_add(1))
        .read_until(b'\n', buf)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if n as u64 > max_bytes && buf.last() != Some(&b'\n') {
        let mut skipped = n;
        let mut scratch = Vec::new();
        loop {
            scratch.clear();
            let m = r
                .by_ref()
                .take(1 << 20)
                .read_until(b'\n', &mut scratch)
                .map_err(|e| format!("cannot be read: {e}"))?;
            skipped += m;
            if m == 0 || scratch.last() == Some(&b'\n') {
                break;
            }
        }
        return Err(format!(
            "a line of {skipped} bytes is over the limit of {max_bytes} bytes"
        ));
    }
    Ok(n)
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

    fn docs(s: &str) -> Vec<std::result::Result<Document, String>> {
        documents(
            Path::new("t.jsonl"),
            std::io::Cursor::new(s.as_bytes().to_vec()),
            1 << 20,
        )
        .map(|d| d.map(|d| d.map_err(|e| e.to_string())).collect())
        .unwrap_or_else(|e| vec![Err(e.to_string())])
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
