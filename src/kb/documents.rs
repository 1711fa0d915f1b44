//! Analysis → documents: one order's text becomes its order document, a
//! document per citation (hosting the authority and proposition roles it
//! can), and documents for the roles no citation could host.

use std::collections::HashMap;

use tantivy::TantivyDocument;

use super::records::{CitationRecord, OrderRecord};
use super::schema::{doc_type, Fields};
use super::stored::{store, StoredAuthority, StoredProposition};
use crate::resolve::{self, AuthorityKind};
use crate::{ingest, propositions};

/// What joins the two keys of a `parallel` term.
pub(super) const PAIR: char = '\u{1f}';

/// A case's identity apart from its reporters: its name's words (both
/// parties, in any order), year and court, when all are known and the name
/// says more than one word.
fn case_id(a: &resolve::Authority) -> Option<String> {
    if a.kind != AuthorityKind::Case {
        return None;
    }
    let mut words = resolve::name_tokens(&a.name);
    words.sort_unstable();
    words.dedup();
    (words.len() >= 2).then_some(())?;
    Some(format!(
        "{}|{}|{}",
        words.join(" "),
        a.year?,
        a.court_id.as_deref()?
    ))
}

/// The keys of a document's own citations, each once, in order.
fn own_keys(own: &[crate::Citation]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for k in own.iter().filter_map(|c| c.authority.clone()) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// The fingerprint of an order's clean text (case and spacing as
/// normalized): two files holding one opinion give the same.
fn text_fingerprint(clean: &str) -> String {
    let hash = blake3::hash(clean.as_bytes());
    hash.to_hex()[..16].to_string()
}

/// One order analyzed and turned into its documents.
pub(super) struct Prepared {
    /// Bytes of text analyzed.
    pub bytes: u64,
    /// Citations found.
    pub citations: usize,
    /// Every document of the order, in the order they are added.
    pub docs: Vec<TantivyDocument>,
}

/// Analyzes one document read from a file with this `hash` into its
/// documents. Everything here depends on the order alone (a proposition's
/// id is its content's fingerprint; clusters are drawn at query time), so
/// orders are prepared in parallel and a corpus gives the same documents
/// however it is split into runs.
pub(super) fn prepare(f: &Fields, doc: &ingest::Document, hash: String) -> Prepared {
    let text = doc.text.as_str();
    let analysis = crate::analyze(text);
    let mut meta = crate::order::metadata(&analysis.normalized);
    // What the source says (a case-law record's court, date, name) wins over what is read from the text.
    doc.source.apply(&mut meta);
    let id = doc.id.clone();
    let file = doc.file.clone();
    let order = OrderRecord {
        id: id.clone(),
        file: file.clone(),
        hash,
        court: meta.court.clone(),
        court_id: meta.court_id.clone(),
        court_abbreviation: None,
        case_number: meta.case_number.clone(),
        case_name: meta.case_name.clone(),
        title: meta.title.clone(),
        judge: meta.judge.clone(),
        date: meta.date.clone(),
        year: meta
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok()),
        disposition: meta.disposition.clone(),
        pages: meta.pages,
        citations: analysis.citations.len() as u64,
        citation: own_keys(&analysis.own_citations),
        text_hash: text_fingerprint(&analysis.normalized.text),
    };
    let text_hash = order.text_hash.clone();
    let cites = &analysis.citations;
    // The keys a query may match for an authority (its parallel keys and their
    // parents), computed once per authority rather than once per citation.
    let with_parents = |mut keys: Vec<String>| -> Vec<String> {
        for k in keys.clone() {
            keys.extend(resolve::parents(&k));
        }
        keys.sort();
        keys.dedup();
        keys
    };
    let trees: Vec<Vec<String>> = analysis
        .authorities
        .iter()
        .map(|a| with_parents(a.keys.clone()))
        .collect();
    let mut tree_index: HashMap<&str, usize> = HashMap::new();
    for (i, a) in analysis.authorities.iter().enumerate() {
        for k in &a.keys {
            tree_index.entry(k.as_str()).or_insert(i);
        }
    }
    let tree_of = |key: &str| -> Vec<String> {
        match tree_index.get(key) {
            Some(&i) => trees[i].clone(),
            None => with_parents(vec![key.to_string()]),
        }
    };
    let mut citations: Vec<(TantivyDocument, CitationRecord)> = cites
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let treatment = analysis.treatments[i].as_ref();
            let cited_for = analysis.cited_for.get(i);
            let rec = CitationRecord {
                order: id.clone(),
                file: file.clone(),
                seq: i as u64,
                kind: c.kind.as_str().into(),
                authority: c.authority.clone(),
                authority_kind: AuthorityKind::of(c.kind)
                    .filter(|_| c.authority.is_some())
                    .map(|k| k.as_str().into()),
                text: text[c.start..c.end].to_string(),
                start: c.start as u64,
                end: c.end as u64,
                body_start: c.clean.0 as u64,
                body_end: c.clean.1 as u64,
                pin: c.pin.clone(),
                page: c.order_page.map(u64::from),
                signal: c.signal.clone(),
                treatment: treatment.map(|t| t.kind.as_str().into()),
                treatment_evidence: treatment.and_then(|t| t.evidence.clone()),
                proposition: None,
                proposition_text: None,
                explanation: cited_for.and_then(|w| w.explanation.clone()),
                no_proposition: cited_for.and_then(|w| w.none).map(|n| n.as_str().into()),
                order_court_id: meta.court_id.clone(),
                order_date: meta.date.clone(),
                order_case_name: meta.case_name.clone(),
                order_text: text_hash.clone(),
                through: c
                    .nested_in
                    .and_then(|p| cites[p].authority.clone())
                    .filter(|t| Some(t) != c.authority.as_ref()),
                case_name: c.case_name.clone(),
                court_id: c.court_id.clone(),
                year: c.year.map(i64::from),
            };
            // Citation and authority documents are found by type, file, order
            // id (a file can hold many orders) and authority only, never by the
            // query parser, and their records hold the rest: position and year
            // would be indexed for nothing.
            let mut d = TantivyDocument::default();
            d.add_text(f.doc_type, doc_type::CITATION);
            d.add_text(f.file, &file);
            d.add_text(f.order_id, &id);
            d.add_text(f.order_text, &text_hash);
            d.add_u64(f.through, u64::from(rec.through.is_some()));
            if let Some(a) = &rec.authority {
                d.add_text(f.authority, a);
                for k in tree_of(a) {
                    d.add_text(f.authority_tree, k);
                }
            }
            if let Some(k) = &rec.authority_kind {
                d.add_text(f.kind, k);
            }
            if let Some(cid) = &order.court_id {
                d.add_text(f.court_id, cid);
            }
            (d, rec)
        })
        .collect();

    let mut cites_keys: Vec<String> = Vec::new();
    let mut authority_docs = Vec::new();
    // Each key's citations, as each kind, in order: the first one not yet
    // hosting an authority document hosts the next (one pass, not a scan
    // per authority, which was quadratic in a long order).
    let mut hosts: HashMap<(String, String), std::collections::VecDeque<usize>> = HashMap::new();
    for (i, (_, c)) in citations.iter().enumerate() {
        if let (Some(key), Some(kind)) = (&c.authority, &c.authority_kind) {
            hosts
                .entry((key.clone(), kind.clone()))
                .or_default()
                .push_back(i);
        }
    }
    for a in &analysis.authorities {
        let tree = tree_of(&a.key);
        let stored = StoredAuthority {
            key: a.key.clone(),
            keys: a.keys.clone(),
            kind: a.kind.as_str().into(),
            name: a.name.clone(),
            court_id: a.court_id.clone(),
            year: a.year.map(i64::from),
            parents: a.parents.clone(),
            order: id.clone(),
            file: file.clone(),
            count: a.citations.len() as u64,
            pins: a.pins.clone(),
            pages: a.order_pages.clone(),
        };
        // The first citation of this key, as this kind, already has every
        // field an authority document indexes but its name.
        let host = hosts
            .get_mut(&(a.key.clone(), a.kind.as_str().to_string()))
            .and_then(|queue| queue.pop_front());
        let doc = match host {
            Some(i) => &mut citations[i].0,
            None => {
                let mut d = TantivyDocument::default();
                d.add_text(f.file, &file);
                d.add_text(f.order_id, &id);
                d.add_text(f.order_text, &text_hash);
                d.add_text(f.authority, &a.key);
                for k in &tree {
                    d.add_text(f.authority_tree, k);
                }
                d.add_text(f.kind, a.kind.as_str());
                if let Some(cid) = &order.court_id {
                    d.add_text(f.court_id, cid);
                }
                authority_docs.push(d);
                authority_docs.last_mut().expect("just pushed")
            }
        };
        doc.add_text(f.doc_type, doc_type::AUTHORITY);
        doc.add_text(f.name, resolve::name_tokens(&a.name).join(" "));
        for from in &a.keys {
            for to in a.keys.iter().filter(|to| *to != from) {
                doc.add_text(f.parallel, format!("{from}{PAIR}{to}"));
            }
        }
        if let Some(id) = case_id(a) {
            doc.add_text(f.case_id, id);
        }
        store(f, doc, &stored);
        cites_keys.extend(tree);
    }
    cites_keys.sort();
    cites_keys.dedup();

    let mut od = TantivyDocument::default();
    od.add_text(f.doc_type, doc_type::ORDER);
    od.add_text(f.file, &file);
    od.add_text(f.order_id, &id);
    od.add_text(f.hash, &order.hash);
    od.add_text(f.order_file, &file);
    od.add_text(f.order_key, &id);
    od.add_text(f.order_text, &order.text_hash);
    for k in &order.citation {
        od.add_text(f.own, k);
    }
    od.add_text(f.body, &analysis.normalized.text);
    if let Some(c) = &order.court {
        od.add_text(f.court, c);
    }
    if let Some(c) = &order.court_id {
        od.add_text(f.court_id, c);
        od.add_text(f.court, c);
    }
    if let Some(j) = &order.judge {
        od.add_text(f.judge, j);
    }
    if let Some(y) = order.year {
        od.add_i64(f.year, y);
    }
    if let Some(d) = &order.disposition {
        od.add_text(f.disposition, d);
    }
    for k in &cites_keys {
        od.add_text(f.cites, k);
    }
    let facet_values = [
        ("court", order.court_id.clone()),
        ("year", order.year.map(|y| y.to_string())),
        ("judge", order.judge.clone()),
        ("disposition", order.disposition.clone()),
    ];
    for (name, value) in facet_values {
        if let Some(v) = value {
            od.add_facet(
                f.facets,
                tantivy::schema::Facet::from_path([name, v.as_str()]),
            );
        }
    }
    store(f, &mut od, &order);
    let mut docs = Vec::with_capacity(1 + authority_docs.len());
    docs.push(od);
    docs.extend(authority_docs);

    let propositions = analysis
        .propositions
        .iter()
        .map(|p| StoredProposition {
            id: propositions::proposition_id(&p.authority, &p.tokens),
            authority: p.authority.clone(),
            text: p.text.clone(),
            quoted: p.quoted,
            order: id.clone(),
            file: file.clone(),
            seq: p.citation as u64,
            pin: p.pin.clone(),
            signal: p.signal.clone(),
            through: p.through.clone(),
            explanation: p.explanation.clone(),
            start: p.start as u64,
            end: p.end as u64,
            name: cites.get(p.citation).and_then(|c| c.case_name.clone()),
        })
        .collect();
    let citation_count = citations.len();
    Prepared {
        bytes: text.len() as u64,
        citations: citation_count,
        docs: with_propositions(f, &order, docs, citations, propositions),
    }
}

/// The order's documents, in the order they are added: its propositions
/// hosted by the citations they are drawn from where they can be.
fn with_propositions(
    f: &Fields,
    order: &OrderRecord,
    mut docs: Vec<TantivyDocument>,
    mut citations: Vec<(TantivyDocument, CitationRecord)>,
    propositions: Vec<StoredProposition>,
) -> Vec<TantivyDocument> {
    let mut prop_docs = Vec::new();
    let mut hosts_proposition = vec![false; citations.len()];
    for stored in propositions {
        let seq = stored.seq as usize;
        let host = match citations.get_mut(seq) {
            Some((d, c)) => {
                c.proposition = Some(stored.id.clone());
                // The citation's document already indexes the order and the key.
                let hosts =
                    !hosts_proposition[seq] && c.authority.as_ref() == Some(&stored.authority);
                // A host's record reads the wording from the proposition's (`complete`).
                c.proposition_text = (!hosts).then(|| stored.text.clone());
                hosts.then(|| {
                    hosts_proposition[seq] = true;
                    d
                })
            }
            None => None,
        };
        let doc = match host {
            Some(d) => d,
            None => {
                let mut d = TantivyDocument::default();
                d.add_text(f.file, &stored.file);
                d.add_text(f.order_id, &stored.order);
                d.add_text(f.authority, &stored.authority);
                if let Some(c) = &order.court_id {
                    d.add_text(f.court_id, c);
                }
                prop_docs.push(d);
                prop_docs.last_mut().expect("just pushed")
            }
        };
        doc.add_text(f.doc_type, doc_type::PROPOSITION);
        doc.add_text(f.proposition, &stored.id);
        doc.add_text(f.proposition_text, &stored.text);
        store(f, doc, &stored);
    }
    // The order, its citations (with the roles they host), then the
    // authorities and propositions that could not share a citation's document.
    let rest = docs.split_off(1);
    docs.reserve(citations.len() + rest.len() + prop_docs.len());
    for (mut d, c) in citations {
        store(f, &mut d, &c);
        docs.push(d);
    }
    docs.extend(rest);
    docs.extend(prop_docs);
    docs
}
