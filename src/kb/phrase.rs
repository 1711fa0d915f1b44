//! Phrase search in time and memory linear in the positions it reads.
//!
//! tantivy's own sloppy phrase matcher carries every partial match from one
//! term to the next, and the lists it carries grow by a factor of up to the
//! slop per term: `"the of and … court"~1000` took 14 GB and 4 terms of
//! `"the"` with slop 50 took 374 MB and 30 s on the shared corpus. Its exact
//! phrase matcher is linear, but it scans without returning until it finds a
//! match, so a search cannot be stopped inside it. [`PhraseQuery`] replaces
//! both for every phrase of two terms or more that search builds.
//!
//! **What matches.** As in tantivy, the slop is a budget spent on the
//! distances between consecutive terms: with term *i* at position *pᵢ* and
//! phrase offset *oᵢ*, a document matches when some choice of positions has
//! Σ |(pᵢ − oᵢ) − (pᵢ₋₁ − oᵢ₋₁)| ≤ slop. `"a b c"~1` matches `a x b c` and
//! `a b x c` but not `a x b x c`; a transposition costs 2; slop 0 is the
//! exact phrase. The least cost of a chain ending at each position of the
//! next term is a min-plus step with |x|, computed for all positions at once
//! by one sweep up and one down ([`step`]), so a document costs
//! O(positions of the phrase's terms in it) whatever the slop, and holds
//! two position lists at a time. The phrase count behind the BM25 score is
//! the number of positions at which the phrase ends (for slop 0, exactly
//! tantivy's count).
//!
//! The scorer checks the [`Watch`] it was built under every few candidate
//! documents and stops (the search then reports [`crate::Error::Cancelled`]).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

use super::watch::{Ticker, Watch};

/// Work between two checks of the watch, in positions read (a candidate
/// document counts one): a tenth of a millisecond.
const CHECK_EVERY_POSITIONS: u64 = 1 << 16;

/// A phrase of terms at offsets, with a slop; see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct PhraseQuery {
    field: Field,
    terms: Vec<(usize, Term)>,
    slop: u32,
    watch: Watch,
}

impl PhraseQuery {
    /// The phrase `terms` (each with its offset in the phrase, all of one
    /// field), matched within `slop`, stopping when `watch` does.
    pub(crate) fn new(terms: Vec<(usize, Term)>, slop: u32, watch: Watch) -> PhraseQuery {
        let field = terms
            .first()
            .map_or(Field::from_field_id(0), |(_, t)| t.field());
        PhraseQuery {
            field,
            terms,
            slop,
            watch,
        }
    }
}

impl Query for PhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let entry = scoring.schema().get_field_entry(self.field);
        let positions = entry
            .field_type()
            .get_index_record_option()
            .is_some_and(IndexRecordOption::has_positions);
        if !positions {
            return Err(TantivyError::SchemaError(format!(
                "Applied phrase query on field {:?}, which does not have positions indexed",
                entry.name()
            )));
        }
        let terms: Vec<Term> = self.terms.iter().map(|(_, t)| t.clone()).collect();
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } if !terms.is_empty() => Some(Bm25Weight::for_terms(statistics_provider, &terms)?),
            _ => None,
        };
        Ok(Box::new(PhraseWeight {
            field: self.field,
            terms: self.terms.clone(),
            slop: self.slop,
            bm25,
            watch: self.watch.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.terms {
            visitor(term, true);
        }
    }
}

struct PhraseWeight {
    field: Field,
    terms: Vec<(usize, Term)>,
    slop: u32,
    bm25: Option<Bm25Weight>,
    watch: Watch,
}

impl PhraseWeight {
    fn phrase_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PhraseScorer>> {
        if self.terms.is_empty() {
            return Ok(None);
        }
        let inverted = reader.inverted_index(self.field)?;
        let mut postings = Vec::with_capacity(self.terms.len());
        let mut offsets = Vec::with_capacity(self.terms.len());
        for (offset, term) in &self.terms {
            let Some(p) = inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
            else {
                return Ok(None);
            };
            postings.push(p);
            offsets.push(*offset as i64);
        }
        let fieldnorms = match (
            &self.bm25,
            reader.fieldnorms_readers().get_field(self.field)?,
        ) {
            (Some(_), Some(f)) => f,
            _ => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let mut lead: Vec<usize> = (0..postings.len()).collect();
        lead.sort_by_key(|&i| postings[i].doc_freq());
        let mut scorer = PhraseScorer {
            postings,
            offsets,
            lead,
            slop: self.slop,
            doc: 0,
            count: 0,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms,
            ticker: Ticker::every(self.watch.clone(), CHECK_EVERY_POSITIONS),
            chain: Vec::new(),
            next: Vec::new(),
            positions: Vec::new(),
        };
        scorer.doc = scorer.find(0);
        Ok(Some(scorer))
    }
}

impl Weight for PhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.phrase_scorer(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let missing = || TantivyError::InvalidArgument(format!("Document #({doc}) does not match"));
        let mut scorer = self.phrase_scorer(reader, 1.0)?.ok_or_else(missing)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(missing());
        }
        let mut explanation = Explanation::new("Phrase (linear match)", scorer.score());
        if let Some(w) = &self.bm25 {
            explanation.add_detail(w.explain(scorer.fieldnorms.fieldnorm_id(doc), scorer.count));
        }
        Ok(explanation)
    }
}

struct PhraseScorer {
    /// One per phrase term, in phrase order (a repeated term has one per place).
    postings: Vec<SegmentPostings>,
    offsets: Vec<i64>,
    /// Phrase terms by document frequency, rarest first: the rarest leads the intersection.
    lead: Vec<usize>,
    slop: u32,
    doc: DocId,
    /// How many times the phrase ends in `doc`.
    count: u32,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    /// Counts candidates and positions read, and checks the watch.
    ticker: Ticker,
    chain: Vec<(i64, u32)>,
    next: Vec<(i64, u32)>,
    positions: Vec<u32>,
}

impl PhraseScorer {
    /// The first document at or after `target` holding every term.
    fn candidate(&mut self, mut target: DocId) -> DocId {
        'search: loop {
            let first = &mut self.postings[self.lead[0]];
            let doc = if first.doc() < target {
                first.seek(target)
            } else {
                first.doc()
            };
            if doc == TERMINATED {
                return TERMINATED;
            }
            for &i in &self.lead[1..] {
                let p = &mut self.postings[i];
                let at = if p.doc() < doc { p.seek(doc) } else { p.doc() };
                if at != doc {
                    if at == TERMINATED {
                        return TERMINATED;
                    }
                    target = at;
                    continue 'search;
                }
            }
            return doc;
        }
    }

    /// The first document at or after `target` where the phrase matches.
    fn find(&mut self, mut target: DocId) -> DocId {
        loop {
            let doc = self.candidate(target);
            if doc == TERMINATED || self.ticker.stop() {
                return TERMINATED;
            }
            match self.matches() {
                None => return TERMINATED,
                Some(0) => target = doc + 1,
                Some(count) => {
                    self.count = count;
                    return doc;
                }
            }
        }
    }

    /// How many times the phrase ends in the current candidate document;
    /// `None` if the watch stopped the work. A long order can hold a
    /// hundred thousand positions of a term, so the positions read are
    /// counted towards the next check, term by term.
    fn matches(&mut self) -> Option<u32> {
        self.postings[0].positions(&mut self.positions);
        let o = self.offsets[0];
        self.chain.clear();
        self.chain
            .extend(self.positions.iter().map(|&p| (i64::from(p) - o, 0)));
        for i in 1..self.postings.len() {
            if self.ticker.stop_after(self.positions.len() as u64) {
                return None;
            }
            self.postings[i].positions(&mut self.positions);
            step(
                &self.chain,
                &self.positions,
                self.offsets[i],
                self.slop,
                &mut self.next,
            );
            std::mem::swap(&mut self.chain, &mut self.next);
            if self.chain.is_empty() {
                return Some(0);
            }
        }
        Some(self.chain.len() as u32)
    }
}

/// One term further along the phrase: for each position of the next term
/// (`positions`, ascending, at phrase offset `offset`), the least cost of a
/// chain from the first term ending there, kept when within `slop`. `chain`
/// holds (adjusted position, cost), ascending. Two sweeps: the cheapest
/// chain from at or below a position costs min(cost − a) + b, from at or
/// above it min(cost + a) − b.
fn step(
    chain: &[(i64, u32)],
    positions: &[u32],
    offset: i64,
    slop: u32,
    out: &mut Vec<(i64, u32)>,
) {
    out.clear();
    let mut j = 0;
    let mut below = i64::MAX;
    for &p in positions {
        let b = i64::from(p) - offset;
        while j < chain.len() && chain[j].0 <= b {
            below = below.min(i64::from(chain[j].1) - chain[j].0);
            j += 1;
        }
        let cost = if below == i64::MAX {
            i64::MAX
        } else {
            below + b
        };
        out.push((b, cost.min(i64::from(u32::MAX)) as u32));
    }
    let mut j = chain.len();
    let mut above = i64::MAX;
    for k in (0..out.len()).rev() {
        let b = out[k].0;
        while j > 0 && chain[j - 1].0 >= b {
            above = above.min(i64::from(chain[j - 1].1) + chain[j - 1].0);
            j -= 1;
        }
        if above != i64::MAX {
            let cost = (above - b).min(i64::from(u32::MAX)) as u32;
            out[k].1 = out[k].1.min(cost);
        }
    }
    out.retain(|&(_, cost)| cost <= slop);
}

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.find(self.doc + 1);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.find(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        let rarest = self.postings[self.lead[0]].size_hint();
        rarest / (10 * self.postings.len() as u32).max(1)
    }

    fn cost(&self) -> u64 {
        // Every candidate reads the positions of every term.
        u64::from(self.postings[self.lead[0]].size_hint()) * 10 * self.postings.len() as u64
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(self.doc), self.count),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matches of a phrase whose terms sit at `positions` (term i at
    /// offset i), by the definition: the least Σ distance over all choices.
    fn brute(positions: &[Vec<u32>], slop: u32) -> u32 {
        fn chain(positions: &[Vec<u32>], i: usize, prev: i64, spent: u32, slop: u32) -> bool {
            if i == positions.len() {
                return true;
            }
            positions[i].iter().any(|&p| {
                let a = i64::from(p) - i as i64;
                let cost = spent + (a - prev).unsigned_abs() as u32;
                cost <= slop && chain(positions, i + 1, a, cost, slop)
            })
        }
        let last = positions.len() - 1;
        positions[last]
            .iter()
            .filter(|&&end| {
                let mut fixed = positions.to_vec();
                fixed[last] = vec![end];
                positions[0]
                    .iter()
                    .any(|&p| chain(&fixed, 1, i64::from(p), 0, slop))
            })
            .count() as u32
    }

    fn linear(positions: &[Vec<u32>], slop: u32) -> u32 {
        let mut chain: Vec<(i64, u32)> = positions[0].iter().map(|&p| (i64::from(p), 0)).collect();
        let mut next = Vec::new();
        for (i, ps) in positions.iter().enumerate().skip(1) {
            step(&chain, ps, i as i64, slop, &mut next);
            std::mem::swap(&mut chain, &mut next);
        }
        chain.len() as u32
    }

    #[test]
    fn slop_is_a_budget_over_the_distances_between_terms() {
        // "a b c": a x b c and a b x c cost 1, a x b x c costs 2.
        assert_eq!(linear(&[vec![0], vec![2], vec![3]], 1), 1);
        assert_eq!(linear(&[vec![0], vec![1], vec![3]], 1), 1);
        assert_eq!(linear(&[vec![0], vec![2], vec![4]], 1), 0);
        assert_eq!(linear(&[vec![0], vec![2], vec![4]], 2), 1);
        // A transposition ("b a" for "a b") costs 2.
        assert_eq!(linear(&[vec![1], vec![0]], 1), 0);
        assert_eq!(linear(&[vec![1], vec![0]], 2), 1);
        // Slop 0 is the exact phrase, counted once per place it ends.
        assert_eq!(linear(&[vec![0, 5, 9], vec![1, 6, 8], vec![2, 7]], 0), 2);
    }

    proptest::proptest! {
        /// The two sweeps find exactly the chains the definition allows.
        #[test]
        fn the_sweeps_agree_with_the_definition(
            lists in proptest::collection::vec(proptest::collection::btree_set(0u32..24, 1..6), 2..5),
            slop in 0u32..6,
        ) {
            let positions: Vec<Vec<u32>> = lists.into_iter().map(|s| s.into_iter().collect()).collect();
            proptest::prop_assert_eq!(linear(&positions, slop), brute(&positions, slop));
        }
    }
}
