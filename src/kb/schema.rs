//! The index schema: the one place that names index fields.
//!
//! One tantivy index holds five kinds of document, told apart by `type`:
//! orders, citations, authorities and propositions as one order cites them,
//! and files. Every document belongs to one file and carries its `file`, so
//! replacing or removing a file's orders is a single `delete_term`, and one
//! commit makes a whole batch visible atomically. A file's own document is
//! added after its last order, so its presence means "all of it is indexed". Aggregates (times an
//! authority is cited, orders relying on a proposition) are computed at query
//! time from per-order documents, so they can never drift from the orders.
//!
//! A citation document usually also plays the other two per-citation roles:
//! the first citation of an authority in an order carries that authority's
//! per-order record (`type` `authority` too), and a citation that a
//! proposition is drawn from carries the proposition (`type` `proposition`
//! too). Each role has its own record field, so a query for one type reads
//! exactly what it read when every role was a document of its own; roles
//! that cannot share (another key, a second proposition for one citation)
//! stay documents of their own. Folding them halved the documents per order,
//! which is most of what indexing costs.
//!
//! Authority keys are untokenized fields: "cited by" is a term
//! lookup, never a body-text search (which would read `410 U.S. 113` as
//! `410 u s 113`). Fast fields are few: every fast field is a column rebuilt
//! at every merge. `authority` is counted by `top`, `year` ranges are read
//! from its column, and `hash`, `order_file`, `order_key`, `file_orders` and
//! `file_failed`, set on order and file documents only, let an incremental
//! run list what is indexed (which files, at which content, whole or in
//! part, holding which ids) from columns rather than from a million stored
//! documents. Records
//! are stored as compact binary (postcard), and the fields they repeat are
//! indexed but not stored.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, TEXT,
};

/// Version of the on-disk format; an index with another version is refused.
pub const FORMAT_VERSION: u32 = 9;

/// Document types.
pub mod doc_type {
    /// An order: its text and metadata.
    pub const ORDER: &str = "order";
    /// One citation occurrence.
    pub const CITATION: &str = "citation";
    /// One authority as cited by one order (usually a role of its first citation's document).
    pub const AUTHORITY: &str = "authority";
    /// One proposition as relied on by one order (usually a role of its citation's document).
    pub const PROPOSITION: &str = "proposition";
    /// A file indexed whole: added after its last order, so a file without
    /// one (a shard whose run was killed) is known to be partly indexed.
    pub const FILE: &str = "file";
}

/// Handles to every field.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Document type (`order`, `citation`, `authority`, `proposition`).
    pub doc_type: Field,
    /// The order's file path: the identity used for updates and deletes.
    pub file: Field,
    /// The order's id (file stem).
    pub order_id: Field,
    /// Content hash of the file (a column of order and file documents).
    pub hash: Field,
    /// The file path again, as a column of order and file documents: with
    /// `hash` it tells an incremental run what is indexed without reading
    /// the document store.
    pub order_file: Field,
    /// The order's id as a column (of order documents, and of the file
    /// document of a file that holds one order): which ids a file holds,
    /// without reading stored documents.
    pub order_key: Field,
    /// Orders a file holds (a column of file documents).
    pub file_orders: Field,
    /// Records of a file that could not be read (a column of file documents).
    pub file_failed: Field,
    /// The order's own citation keys (on order documents): the authority an
    /// order of the collection is.
    pub own: Field,
    /// Fingerprint of the order's clean text (a key and a column of order,
    /// citation and authority documents): one document read from two
    /// sources is one citing order.
    pub order_text: Field,
    /// 1 on a citation relied on only through another authority's
    /// `(quoting …)` (a column of citation documents).
    pub through: Field,
    /// Pairs of keys one order cites as parallel citations of one case
    /// (`A\u{1f}B`, both ways, on authority documents): the term dictionary
    /// is the graph that makes them one authority across the collection.
    pub parallel: Field,
    /// A case's name, year and court as one key (`ashcroft iqbal|2009|scotus`,
    /// on case authority documents, also a column): two keys that orders
    /// cite under the same one are one case, though no order gives both.
    pub case_id: Field,
    /// Clean text of the order (positions kept for phrase search).
    pub body: Field,
    /// Court as written (tokenized, for `court:` queries by name).
    pub court: Field,
    /// courts-db id of the order's court (also matched by `court:`).
    pub court_id: Field,
    /// Judge (tokenized).
    pub judge: Field,
    /// Year of the order.
    pub year: Field,
    /// Disposition.
    pub disposition: Field,
    /// Every authority key the order cites, with their parents: `cites:` queries.
    pub cites: Field,
    /// Facets of an order: `/court/cand`, `/year/2016`, `/judge/…`, `/disposition/denied`.
    pub facets: Field,
    /// Authority key of a citation, authority or proposition document.
    pub authority: Field,
    /// Keys a query may match: the key, its parallel keys and its parents.
    pub authority_tree: Field,
    /// Normalized case-name words of an authority, for name lookups.
    pub name: Field,
    /// Authority kind (`case`, `statute`, …).
    pub kind: Field,
    /// Proposition id.
    pub proposition: Field,
    /// Proposition text (tokenized, for `--scope propositions`; the record holds the wording).
    pub proposition_text: Field,
    /// The order's or citation's record (postcard).
    pub record: Field,
    /// The per-order authority record of a document in the `authority` role.
    pub authority_record: Field,
    /// The proposition record of a document in the `proposition` role.
    pub proposition_record: Field,
}

/// An untokenized key, matched whole and never ranked: without field norms,
/// which would cost a byte per document per field and make a document that
/// plays several roles (three `type` values) score lower than one that plays one.
fn key() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    )
}

/// Builds the schema and the field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        doc_type: b.add_text_field("type", key()),
        file: b.add_text_field("file", key()),
        order_id: b.add_text_field("order_id", key()),
        hash: b.add_text_field("hash", FAST),
        order_file: b.add_text_field("order_file", FAST),
        order_key: b.add_text_field("order_key", FAST),
        file_orders: b.add_u64_field("file_orders", FAST),
        file_failed: b.add_u64_field("file_failed", FAST),
        own: b.add_text_field("own", key()),
        order_text: b.add_text_field("order_text", key() | FAST),
        through: b.add_u64_field("through", FAST),
        parallel: b.add_text_field("parallel", key()),
        case_id: b.add_text_field("case_id", key() | FAST),
        body: b.add_text_field("body", TEXT | STORED),
        court: b.add_text_field("court", TEXT),
        court_id: b.add_text_field("court_id", key()),
        judge: b.add_text_field("judge", TEXT),
        year: b.add_i64_field("year", INDEXED | FAST),
        disposition: b.add_text_field("disposition", TEXT),
        cites: b.add_text_field("cites", key()),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        authority: b.add_text_field("authority", key() | FAST),
        authority_tree: b.add_text_field("authority_tree", key()),
        name: b.add_text_field("name", TEXT),
        kind: b.add_text_field("kind", key()),
        proposition: b.add_text_field("proposition", key()),
        proposition_text: b.add_text_field("proposition_text", TEXT),
        record: b.add_bytes_field("record", STORED),
        authority_record: b.add_bytes_field("authority_record", STORED),
        proposition_record: b.add_bytes_field("proposition_record", STORED),
    };
    (b.build(), fields)
}

/// The field handles of an existing index's schema.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        doc_type: f("type")?,
        file: f("file")?,
        order_id: f("order_id")?,
        hash: f("hash")?,
        order_file: f("order_file")?,
        order_key: f("order_key")?,
        file_orders: f("file_orders")?,
        file_failed: f("file_failed")?,
        own: f("own")?,
        order_text: f("order_text")?,
        through: f("through")?,
        parallel: f("parallel")?,
        case_id: f("case_id")?,
        body: f("body")?,
        court: f("court")?,
        court_id: f("court_id")?,
        judge: f("judge")?,
        year: f("year")?,
        disposition: f("disposition")?,
        cites: f("cites")?,
        facets: f("facets")?,
        authority: f("authority")?,
        authority_tree: f("authority_tree")?,
        name: f("name")?,
        kind: f("kind")?,
        proposition: f("proposition")?,
        proposition_text: f("proposition_text")?,
        record: f("record")?,
        authority_record: f("authority_record")?,
        proposition_record: f("proposition_record")?,
    })
}
