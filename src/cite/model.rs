//! The citation record: one occurrence of a citation in an order.

use serde::Serialize;

/// What kind of thing a citation cites; the names are the jsonl contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// A full case citation: volume, reporter and first page (or a WL/LEXIS number).
    Case,
    /// A short-form case citation: `Am. LegalNet, 673 F. Supp. 2d at 1072`.
    ShortCase,
    /// `Id.`, `id. at 5`, `Ibid.`
    Id,
    /// `Smith, supra, at 5`.
    Supra,
    /// A statute: `42 U.S.C. § 1983`, `Cal. Penal Code § 187`.
    Statute,
    /// A regulation: `17 C.F.R. § 240.10b-5`.
    Regulation,
    /// A court rule: `Fed. R. Civ. P. 26(c)(1)`, `Local Rule 230(l)`.
    Rule,
    /// A constitutional provision: `U.S. Const. amend. XIV, § 1`.
    Constitution,
    /// A cite to the record of the case: `Dkt. No. 126 at 7`, `ECF No. 34`.
    Record,
    /// A law journal article: `100 Harv. L. Rev. 123`.
    Journal,
    /// Anything else recognised as a citation.
    Other,
}

impl CitationKind {
    /// The contract name, as in jsonl output.
    pub fn as_str(self) -> &'static str {
        match self {
            CitationKind::Case => "case",
            CitationKind::ShortCase => "short_case",
            CitationKind::Id => "id",
            CitationKind::Supra => "supra",
            CitationKind::Statute => "statute",
            CitationKind::Regulation => "regulation",
            CitationKind::Rule => "rule",
            CitationKind::Constitution => "constitution",
            CitationKind::Record => "record",
            CitationKind::Journal => "journal",
            CitationKind::Other => "other",
        }
    }
}

/// An explanatory parenthetical after a citation, such as `(quoting X)` or `(holding that …)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parenthetical {
    /// The text inside the parentheses, normalized.
    pub text: String,
    /// `quoting`, `citing`, `emphasis added`, … when the parenthetical opens with such a word.
    pub relation: Option<String>,
    /// Byte offsets of the parenthetical (including the parentheses) in the original file.
    pub start: usize,
    /// End offset (exclusive) in the original file.
    pub end: usize,
}

/// Later history of a case, such as `aff'd, 123 F.3d 456 (9th Cir. 1999)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    /// The history phrase as normalized: `aff'd`, `rev'd`, `abrogated on other grounds by`, …
    pub phrase: String,
    /// Index (in the same extraction result) of the citation the phrase introduces.
    pub citation: Option<usize>,
    /// Whether it takes the authority's holding away: overruled, abrogated,
    /// superseded, reversed, vacated, disapproved (not `aff'd`, not `cert. denied`).
    pub negative: bool,
}

/// One citation occurrence. Offsets are bytes into the original file as given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// What is cited.
    pub kind: CitationKind,
    /// Start of the full citation (case name through court/year parenthetical) in the original.
    pub start: usize,
    /// End (exclusive) of the full citation in the original.
    pub end: usize,
    /// Start of the citation's core (`673 F. Supp. 2d 1063`, `Id.`, `§ 1983`) in the original.
    pub core_start: usize,
    /// End (exclusive) of the core.
    pub core_end: usize,
    /// The core, normalized (`673 F.Supp.2d 1063` as written, whitespace folded).
    pub matched: String,
    /// Volume (or title of a code, or year of a WL/LEXIS citation).
    pub volume: Option<String>,
    /// Reporter or code, canonical form (`F. Supp. 2d`, `U.S.C.`, `WL`).
    pub reporter: Option<String>,
    /// Reporter as written, whitespace folded.
    pub reporter_as_written: Option<String>,
    /// First page, WL/LEXIS number, section of a statute, rule number, or docket entry.
    pub page: Option<String>,
    /// Pin cite: `1071`, `135-36`, `1072 n.10`, `*2`.
    pub pin: Option<String>,
    /// Court as written in the parenthetical (`C.D. Cal.`).
    pub court: Option<String>,
    /// courts-db id of the court (`cacd`).
    pub court_id: Option<String>,
    /// Year of decision.
    pub year: Option<i32>,
    /// Full date (ISO `2015-09-02`) where the citation gives one.
    pub date: Option<String>,
    /// Case name as written, markup removed (`Am. LegalNet, Inc. v. Davis`; `Young` for short forms).
    pub case_name: Option<String>,
    /// First party, where the case name has a `v.`.
    pub plaintiff: Option<String>,
    /// Second party, where the case name has a `v.`.
    pub defendant: Option<String>,
    /// Docket number of an unreported case (`15-CV-01618-JSC`).
    pub docket_number: Option<String>,
    /// Canonical key of what is cited (`673 F. Supp. 2d 1063`, `42 U.S.C. § 1983`).
    pub authority: Option<String>,
    /// Introductory signal, lower-cased: `see`, `see also`, `cf.`, `but see`, …
    pub signal: Option<String>,
    /// Explanatory parentheticals, in order.
    pub parentheticals: Vec<Parenthetical>,
    /// Keys of parallel citations to the same case.
    pub parallel: Vec<String>,
    /// Subsequent history.
    pub history: Vec<History>,
    /// Index of the citation in whose parenthetical this one sits (`quoting` / `citing`).
    pub nested_in: Option<usize>,
    /// Index of the citation whose subsequent history this one is cited for
    /// (`494 U.S. 1082` in `X, cert. denied, 494 U.S. 1082`; `Y` in `X,
    /// overruled by Y`): it is no proposition and no treatment of its own.
    pub history_of: Option<usize>,
    /// Page of the order the citation stands on, where the text has page breaks.
    pub order_page: Option<u32>,
    /// Index of the citation a short form, *Id.* or *supra* was resolved to.
    pub antecedent: Option<usize>,
    /// Why a short form, *Id.* or *supra* was left unresolved (never guessed).
    pub unresolved: Option<String>,
    /// Spans in the clean text: (start, end of the citation, end of its parentheticals).
    #[serde(skip)]
    pub clean: (usize, usize, usize),
}

impl Citation {
    /// Sets the citation to the bare core `[start, end)` of `text`: its span,
    /// its core and the matched text, before pins and parentheticals extend it.
    pub(crate) fn set_core(&mut self, text: &str, start: usize, end: usize) {
        self.start = start;
        self.core_start = start;
        self.core_end = end;
        self.end = end;
        self.matched = text[start..end].to_string();
    }

    /// An empty citation of `kind`: every span zero, every field unset.
    pub fn new(kind: CitationKind) -> Self {
        Citation {
            kind,
            start: 0,
            end: 0,
            core_start: 0,
            core_end: 0,
            matched: String::new(),
            volume: None,
            reporter: None,
            reporter_as_written: None,
            page: None,
            pin: None,
            court: None,
            court_id: None,
            year: None,
            date: None,
            case_name: None,
            plaintiff: None,
            defendant: None,
            docket_number: None,
            authority: None,
            signal: None,
            parentheticals: Vec::new(),
            parallel: Vec::new(),
            history: Vec::new(),
            nested_in: None,
            history_of: None,
            order_page: None,
            antecedent: None,
            unresolved: None,
            clean: (0, 0, 0),
        }
    }
}
