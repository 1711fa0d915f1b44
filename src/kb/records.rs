//! The records the knowledge base stores and returns: plain data, shared by
//! queries, exports, the CLI and the server.

use serde::{Deserialize, Serialize};

/// One order (court document) in the knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderRecord {
    /// Its id, unique in the index: the file stem (with folders when stems
    /// collide), or a record's own id.
    pub id: String,
    /// The file it was read from, as given to `precedent index`.
    pub file: String,
    /// Content hash of the file (hex), for incremental indexing.
    pub hash: String,
    /// Court as written in the caption.
    pub court: Option<String>,
    /// courts-db id of the court.
    pub court_id: Option<String>,
    /// The court's Bluebook abbreviation (`C.D. Cal.`), from `court_id`
    /// when the record is read: shown in JSON beside the id, never stored.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub court_abbreviation: Option<String>,
    /// Case number.
    pub case_number: Option<String>,
    /// Case name from the caption.
    pub case_name: Option<String>,
    /// Document title.
    pub title: Option<String>,
    /// Judge.
    pub judge: Option<String>,
    /// Date (ISO).
    pub date: Option<String>,
    /// Year of the date.
    pub year: Option<i64>,
    /// Disposition (`granted`, `denied`, …).
    pub disposition: Option<String>,
    /// Number of pages.
    pub pages: u32,
    /// Number of citations in it.
    pub citations: u64,
    /// Its own citation (an opinion's caption citation and its parallels):
    /// what other orders cite it as.
    #[serde(default)]
    pub citation: Vec<String>,
    /// Fingerprint of its clean text: orders with the same one are one
    /// document read from several sources, counted once.
    #[serde(default)]
    pub text_hash: String,
}

/// One citation occurrence in one order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CitationRecord {
    /// The citing order's id.
    pub order: String,
    /// The citing order's file.
    pub file: String,
    /// Position of the citation in the order (0-based).
    pub seq: u64,
    /// Citation kind (`case`, `short_case`, `id`, `statute`, …).
    pub kind: String,
    /// Canonical key of the authority cited, when known.
    pub authority: Option<String>,
    /// Kind of that authority (`case`, `statute`, `regulation`, `rule`, `constitution`, `record`, `journal`).
    pub authority_kind: Option<String>,
    /// The source text of the citation.
    pub text: String,
    /// Byte offsets into the order's file.
    pub start: u64,
    /// End offset (exclusive).
    pub end: u64,
    /// Pin cite.
    pub pin: Option<String>,
    /// Page of the order it stands on.
    pub page: Option<u64>,
    /// Signal.
    pub signal: Option<String>,
    /// Treatment (`positive`, `negative`, `distinguishing`, `neutral`).
    pub treatment: Option<String>,
    /// The words that decided the treatment.
    pub treatment_evidence: Option<String>,
    /// Id of the proposition it is cited for.
    pub proposition: Option<String>,
    /// That proposition as this order words it.
    pub proposition_text: Option<String>,
    /// Its explanatory parenthetical (`holding that …`), the court's own
    /// summary of what the authority stands for.
    #[serde(default)]
    pub explanation: Option<String>,
    /// Why it has no proposition (`history`, `record`, `unresolved`,
    /// `boilerplate`, `procedural`), when it has none.
    #[serde(default)]
    pub no_proposition: Option<String>,
    /// When the authority is relied on through another's `(quoting …)`: that authority's key.
    pub through: Option<String>,
    /// Case name as written.
    pub case_name: Option<String>,
    /// courts-db id of the cited court.
    pub court_id: Option<String>,
    /// Year of the cited decision.
    pub year: Option<i64>,
    /// Court (courts-db id) of the citing order, so a citing order needs no second lookup.
    pub order_court_id: Option<String>,
    /// Date of the citing order.
    pub order_date: Option<String>,
    /// Case name of the citing order.
    pub order_case_name: Option<String>,
    /// Fingerprint of the citing order's text: one document read from two
    /// sources is one citing order.
    #[serde(default)]
    pub order_text: String,
    /// Byte offsets of the citation in the order's stored clean text (`body`),
    /// where the web page highlights it; `start`/`end` index the file instead.
    #[serde(default)]
    pub body_start: u64,
    /// End offset in the clean text (exclusive).
    #[serde(default)]
    pub body_end: u64,
}

/// One authority, aggregated over every order that cites it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthorityRecord {
    /// Canonical key.
    pub key: String,
    /// Every key it is cited by (parallel citations).
    pub keys: Vec<String>,
    /// `case`, `statute`, `regulation`, `rule`, `constitution`, `record`, `journal`.
    pub kind: String,
    /// Display name.
    pub name: String,
    /// courts-db id of the deciding court.
    pub court_id: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// Broader provisions it sits under.
    pub parents: Vec<String>,
    /// Times cited, over all orders.
    pub times_cited: u64,
    /// Number of citing orders.
    #[serde(default)]
    pub order_count: u64,
    /// Ids of the citing orders (left empty by `top`, which counts them only).
    pub orders: Vec<String>,
}

/// One point an authority is cited for: the propositions of every order
/// that states it (see `crate::cluster`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropositionRecord {
    /// Id, from its content: the fingerprint of the representative wording.
    pub id: String,
    /// The authority it is cited for.
    pub authority: String,
    /// The representative wording: quoted where a member quotes, and
    /// closest to what all members say.
    pub text: String,
    /// Whether that wording is a quotation.
    pub quoted: bool,
    /// Ids of the orders relying on it.
    pub orders: Vec<String>,
    /// Number of citations relying on it.
    pub count: u64,
    /// Pins cited for it.
    pub pins: Vec<String>,
    /// False for one of the authority's other uses: a proposition that says
    /// too little to be a point of its own (a bare name, a footnote mark).
    #[serde(default = "yes")]
    pub point: bool,
    /// Every order's own wording, pin and explanatory parenthetical.
    #[serde(default)]
    pub members: Vec<PropositionMember>,
}

fn yes() -> bool {
    true
}

/// One order's statement of a point.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropositionMember {
    /// The citing order's id.
    pub order: String,
    /// Its file.
    pub file: String,
    /// Position of the citation in the order.
    pub seq: u64,
    /// The order's wording.
    pub text: String,
    /// Whether that wording quotes the authority.
    pub quoted: bool,
    /// The pin cite.
    pub pin: Option<String>,
    /// The signal.
    pub signal: Option<String>,
    /// The explanatory parenthetical (`holding that …`).
    pub explanation: Option<String>,
    /// Byte span of the wording in the order as given.
    pub start: u64,
    /// End of that span (exclusive).
    pub end: u64,
}

/// An edge of the citation graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edge {
    /// Source: an order id (`order:…`) or an authority key.
    pub from: String,
    /// Target: an authority key.
    pub to: String,
    /// `cites` (order → authority), `relies_through` (order → authority via a quoting authority),
    /// `quotes` or `cites` (authority → authority).
    pub kind: String,
    /// How many citations the edge stands for.
    pub weight: u64,
}
