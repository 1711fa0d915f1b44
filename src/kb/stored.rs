//! Records stored on documents: one postcard record per role a document
//! plays (an order, a citation, an authority as one order cites it, a
//! proposition as one order relies on it, a file), each in its own field,
//! so a query for one role decodes only that role's bytes.

use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, Value};
use tantivy::TantivyDocument;

use super::records::{CitationRecord, OrderRecord};
use super::schema::Fields;

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

    /// The court's abbreviation is derived, not stored: courts data can
    /// change without a re-index.
    fn complete(&mut self, _fields: &Fields, _doc: &TantivyDocument) {
        self.court_abbreviation = self
            .court_id
            .as_deref()
            .and_then(crate::cite::courts::abbreviation)
            .map(String::from);
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
pub(crate) fn store<T: Stored>(fields: &Fields, doc: &mut TantivyDocument, rec: &T) {
    // Serializing plain owned data into a Vec cannot fail.
    if let Ok(bytes) = postcard::to_allocvec(rec) {
        doc.add_bytes(T::field(fields), &bytes);
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
    /// The case name the citing order gives the authority there.
    pub name: Option<String>,
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

/// What the index knows of one file: stored on its file document, which is
/// added after the file's last order, so a file with a file document is
/// indexed whole (a shard killed halfway has orders and no file document).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    pub file: String,
    pub hash: String,
    pub orders: u64,
    /// Records of the file that could not be read: where and why.
    pub failed: Vec<super::index::FileError>,
}

impl Stored for FileRecord {
    fn field(fields: &Fields) -> Field {
        fields.record
    }
}
