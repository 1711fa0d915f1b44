//! The merge policy: which segments the index writer merges, bounded so
//! that no merge reads more than a fixed number of documents.
//!
//! A merge maps and reads every page of its input segments, and those pages
//! count towards the process's resident memory until the merge ends. Under
//! tantivy's default policy a segment keeps merging until it holds 10 million
//! documents, and a level can gather any number of segments, so the largest
//! merge grows with the corpus: a 1,000,000-order build's peak reached
//! 4.45 GB at about 200,000 orders while its heap stayed near 1 GB, the rest
//! being mapped segment files. Here the largest merge
//! is fixed, and `index_paths` runs one merge at a time, so peak memory no
//! longer grows with the corpus; the price is more segments in a large index
//! (one per few million documents).

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Input documents one merge may read (about 1.7 GB of index on disk at the
/// density of generated orders: 41 documents and 17 KB of index per order).
pub const MAX_MERGE_DOCS: usize = 4_000_000;

/// tantivy's log merge policy, with segments larger than half the bound left
/// alone and every candidate cut into merges of at most [`MAX_MERGE_DOCS`].
#[derive(Debug)]
pub struct BoundedMerges {
    inner: LogMergePolicy,
    max_docs: usize,
}

impl BoundedMerges {
    /// A policy whose merges read at most `max_docs` documents.
    pub fn new(max_docs: usize) -> BoundedMerges {
        let mut inner = LogMergePolicy::default();
        inner.set_max_docs_before_merge(max_docs / 2);
        BoundedMerges { inner, max_docs }
    }
}

impl Default for BoundedMerges {
    fn default() -> Self {
        BoundedMerges::new(MAX_MERGE_DOCS)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs_of = |id: &SegmentId| {
            segments
                .iter()
                .find(|s| s.id() == *id)
                .map_or(0, |s| s.num_docs() as usize)
        };
        let mut out = Vec::new();
        for MergeCandidate(ids) in self.inner.compute_merge_candidates(segments) {
            let mut group: Vec<SegmentId> = Vec::new();
            let mut docs = 0;
            for id in ids {
                let n = docs_of(&id);
                if !group.is_empty() && docs + n > self.max_docs {
                    if group.len() > 1 {
                        out.push(MergeCandidate(std::mem::take(&mut group)));
                    }
                    group.clear();
                    docs = 0;
                }
                group.push(id);
                docs += n;
            }
            if group.len() > 1 {
                out.push(MergeCandidate(group));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, INDEXED};
    use tantivy::{doc, Index, IndexWriter};

    /// Segments of the given sizes, each from its own commit, with no merging yet.
    fn index_with_segments(sizes: &[u64]) -> Index {
        let mut b = Schema::builder();
        let n = b.add_u64_field("n", INDEXED);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for &size in sizes {
            for i in 0..size {
                w.add_document(doc!(n => i)).unwrap();
            }
            w.commit().unwrap();
        }
        index
    }

    fn merges(policy: &BoundedMerges, index: &Index) -> Vec<usize> {
        let metas = index.searchable_segment_metas().unwrap();
        let mut sums: Vec<usize> = policy
            .compute_merge_candidates(&metas)
            .into_iter()
            .map(|MergeCandidate(ids)| {
                assert!(ids.len() > 1, "a merge of one segment is no merge");
                ids.iter()
                    .map(|id| metas.iter().find(|m| m.id() == *id).unwrap().num_docs() as usize)
                    .sum()
            })
            .collect();
        sums.sort();
        sums
    }

    #[test]
    fn no_merge_reads_more_than_the_bound() {
        // Twenty similar segments form one level, which the log policy would merge whole.
        let index = index_with_segments(&[100; 20]);
        let unbounded = LogMergePolicy::default()
            .compute_merge_candidates(&index.searchable_segment_metas().unwrap());
        assert_eq!(unbounded.len(), 1);
        assert_eq!(unbounded[0].0.len(), 20);
        let sums = merges(&BoundedMerges::new(700), &index);
        assert_eq!(sums, vec![600, 700, 700]);
    }

    #[test]
    fn large_segments_are_left_alone() {
        // Eight segments over half the bound never merge again.
        let index = index_with_segments(&[401; 8]);
        assert!(merges(&BoundedMerges::new(800), &index).is_empty());
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.search(&AllQuery, &Count).unwrap(), 3208);
    }
}
