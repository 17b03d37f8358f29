//! Dedup: find syndicated and near-duplicate copies in a stream of documents.
//!
//! Each document becomes a set of word shingles; a MinHash signature of that set is cut into
//! bands, and documents sharing a band bucket become candidates (banded LSH), so the work per
//! document does not grow with the number seen. Candidates are then *verified* exactly on their
//! shingle sets — MinHash only proposes — by Jaccard similarity (copies with small edits) or
//! containment (a wire story inside a longer piece). The first document of a group in stream
//! order is its canonical copy; callers that want "earliest published" feed documents in
//! publication order, as `digest` does.

use std::collections::VecDeque;

use storyline_text::{fold, mix64, shingles, sorted_overlap, tokens, FastMap};

/// Tuning of the detector. The defaults are documented in docs/ARCHITECTURE.md.
#[derive(Debug, Clone)]
pub struct DedupOptions {
    /// Words per shingle. Short shingles survive word edits (typos, swapped synonyms) better;
    /// 2 measured best on the dedup benchmark (docs/BENCHMARKS.md).
    pub shingle: usize,
    /// Jaccard similarity of shingle sets at or above which two documents are copies.
    pub threshold: f64,
    /// Share of the smaller document's shingles found in the larger one at or above which the
    /// smaller one is contained in it (a wire story inside a longer article).
    pub containment: f64,
    /// LSH bands × rows per band = signature length.
    pub bands: usize,
    pub rows: usize,
    /// Documents with fewer shingles than this are never matched: two one-line texts say too
    /// little to call them copies.
    pub min_shingles: usize,
    /// Forget documents published this many days before the latest one seen, so that a
    /// stream's memory follows how much news is current rather than its length (`None`: keep
    /// everything, as a one-off comparison of a collection wants).
    pub horizon_days: Option<f64>,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            shingle: 2,
            threshold: 0.5,
            containment: 0.95,
            bands: 32,
            rows: 4,
            min_shingles: 8,
            horizon_days: None,
        }
    }
}

/// Why a document was judged a copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Id of the canonical document of the group.
    pub canonical: String,
    /// Id of the document it matched directly.
    pub matched: String,
    pub jaccard: f64,
    pub containment: f64,
}

struct Entry {
    id: String,
    /// Id of the canonical document of its group (which may have been forgotten since).
    canonical: String,
    /// Publication time in days, or the stream's present when the document had none.
    stamp: f64,
    /// Sorted, deduplicated shingle hashes (the exact set used for verification).
    shingles: Vec<u64>,
    /// Per band: how many documents back the previous remembered document with the same bucket
    /// is (0: none). Each bucket is a chain through its documents, newest first, so a bucket
    /// costs one map slot instead of a list of its own — a dense stream puts a few hundred
    /// thousand documents in each band's buckets, nearly all of them alone.
    prev: Box<[u32]>,
}

/// Streaming near-duplicate detector: push documents in stream order.
pub struct Deduper {
    opts: DedupOptions,
    /// One bucket map per band: band hash → the newest entry in that bucket (the rest are
    /// chained through [`Entry::prev`]). Only looked up, never iterated, so hash order cannot
    /// leak into output.
    buckets: Vec<FastMap<u64, usize>>,
    /// Entries still remembered; `entries[0]` is document number `first` of the stream.
    entries: VecDeque<Entry>,
    first: usize,
    /// The latest publication time seen.
    now: Option<f64>,
}

/// The shingle set of a text: folded words, `k` at a time, hashed, sorted, deduplicated.
pub fn shingle_set(text: &str, k: usize) -> Vec<u64> {
    let folded = fold(text);
    let words: Vec<&str> = tokens(&folded).map(|t| t.text).collect();
    let mut set = shingles(&words, k);
    set.sort_unstable();
    set.dedup();
    set
}

/// MinHash signature of `len` values by one-permutation hashing: each shingle hash is mixed
/// once and lands in one of `len` bins, keeping the bin minimum; empty bins borrow from the
/// next non-empty bin to their right (rotation densification), salted by the distance so that
/// borrowed values differ between bins. One hash per shingle instead of one per shingle and
/// permutation: the signature costs about as much as reading the text.
pub fn minhash(set: &[u64], len: usize) -> Vec<u64> {
    let len = len.max(1);
    let mut bins = vec![u64::MAX; len];
    for &h in set {
        let m = mix64(h);
        // The high bits pick the bin (Lemire's reduction), the whole value competes in it.
        let bin = ((u128::from(m >> 32) * len as u128) >> 32) as usize;
        if m < bins[bin] {
            bins[bin] = m;
        }
    }
    if set.is_empty() {
        return bins;
    }
    let filled = bins.clone();
    for (i, slot) in bins.iter_mut().enumerate() {
        if *slot != u64::MAX {
            continue;
        }
        let mut d = 1;
        while filled[(i + d) % len] == u64::MAX {
            d += 1;
        }
        *slot = mix64(filled[(i + d) % len] ^ (d as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    }
    bins
}

/// The LSH bucket key of each band of a shingle set's signature: two documents are candidates
/// when any key is equal. Empty when the set is too small to be matched at all.
pub fn band_keys(opts: &DedupOptions, set: &[u64]) -> Vec<u64> {
    if set.len() < opts.min_shingles {
        return Vec::new();
    }
    let sig = minhash(set, opts.bands.max(1) * opts.rows.max(1));
    sig.chunks(opts.rows.max(1))
        .enumerate()
        .map(|(band, chunk)| chunk.iter().fold(band as u64, |acc, &v| mix64(acc ^ v)))
        .collect()
}

/// The exact check behind every match: among earlier documents `candidates` (position in the
/// stream, sorted shingle set), in stream order, the one `set` copies most closely — highest
/// Jaccard, then containment, then earliest — with its Jaccard and containment. The streaming
/// detector and a distributed run (`dedup --verify`) decide with this one function, so they
/// agree on every group.
pub fn best_copy<'a>(
    opts: &DedupOptions,
    set: &[u64],
    candidates: impl IntoIterator<Item = (usize, &'a [u64])>,
) -> Option<(usize, f64, f64)> {
    let mut best: Option<(usize, f64, f64)> = None;
    for (c, other) in candidates {
        if other.is_empty() {
            continue;
        }
        let inter = sorted_overlap(set, other) as f64;
        let union = (set.len() + other.len()) as f64 - inter;
        let jaccard = if union > 0.0 { inter / union } else { 0.0 };
        let containment = inter / set.len().min(other.len()).max(1) as f64;
        let is_copy = jaccard >= opts.threshold || containment >= opts.containment;
        if is_copy && best.is_none_or(|(_, j, k)| (jaccard, containment) > (j, k)) {
            best = Some((c, jaccard, containment));
        }
    }
    best
}

impl Deduper {
    pub fn new(opts: DedupOptions) -> Self {
        let buckets = (0..opts.bands.max(1)).map(|_| FastMap::default()).collect();
        Deduper {
            opts,
            buckets,
            entries: VecDeque::new(),
            first: 0,
            now: None,
        }
    }

    /// Number of documents currently remembered.
    pub fn remembered(&self) -> usize {
        self.entries.len()
    }

    /// Add the next document; returns the match when it copies one seen before.
    pub fn push(&mut self, id: &str, text: &str) -> Option<Match> {
        self.push_at(id, text, None)
    }

    /// [`Deduper::push`] for a document published at `time` (fractional days): with a
    /// horizon, documents older than it (relative to the latest time seen) are forgotten first.
    pub fn push_at(&mut self, id: &str, text: &str, time: Option<f64>) -> Option<Match> {
        if let Some(t) = time {
            if self.now.is_none_or(|n| t > n) {
                self.now = Some(t);
                self.forget();
            }
        }
        let stamp = time.or(self.now).unwrap_or(f64::NEG_INFINITY);
        let set = shingle_set(text, self.opts.shingle);
        let idx = self.first + self.entries.len();
        if set.len() < self.opts.min_shingles {
            self.entries.push_back(Entry {
                id: id.to_owned(),
                canonical: id.to_owned(),
                stamp,
                shingles: Vec::new(),
                prev: Box::default(),
            });
            return None;
        }
        let keys = band_keys(&self.opts, &set);
        let mut candidates = Vec::new();
        for (band, key) in keys.iter().enumerate() {
            let mut next = self.buckets[band].get(key).copied();
            // Down the chain to the oldest entry still remembered.
            while let Some(c) = next.filter(|&c| c >= self.first) {
                candidates.push(c);
                next = self
                    .entries
                    .get(c - self.first)
                    .and_then(|e| e.prev.get(band))
                    .filter(|&&d| d > 0)
                    .map(|&d| c - d as usize);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();

        let best = best_copy(
            &self.opts,
            &set,
            candidates.into_iter().filter_map(|c| {
                let entry = c
                    .checked_sub(self.first)
                    .and_then(|i| self.entries.get(i))?;
                Some((c, entry.shingles.as_slice()))
            }),
        );
        let found = best.map(|(c, jaccard, containment)| {
            let e = &self.entries[c - self.first];
            Match {
                canonical: e.canonical.clone(),
                matched: e.id.clone(),
                jaccard,
                containment,
            }
        });
        let prev = keys
            .into_iter()
            .enumerate()
            .map(|(band, key)| {
                self.buckets[band]
                    .insert(key, idx)
                    // Further back than u32 counts is far beyond any horizon: the chain ends.
                    .and_then(|p| u32::try_from(idx - p).ok())
                    .unwrap_or(0)
            })
            .collect();
        self.entries.push_back(Entry {
            id: id.to_owned(),
            canonical: found
                .as_ref()
                .map_or_else(|| id.to_owned(), |m| m.canonical.clone()),
            stamp,
            shingles: set,
            prev,
        });
        found
    }

    /// Drop the oldest entries past the horizon, in stream order, and the buckets they were the
    /// newest of (their keys recomputed from their shingles: cheaper to redo than to keep). A
    /// bucket with newer entries keeps them; its chain now ends before the forgotten one.
    fn forget(&mut self) {
        let (Some(days), Some(now)) = (self.opts.horizon_days, self.now) else {
            return;
        };
        while self.entries.front().is_some_and(|e| e.stamp < now - days) {
            let Some(e) = self.entries.pop_front() else {
                break;
            };
            let idx = self.first;
            self.first += 1;
            if e.shingles.is_empty() {
                continue;
            }
            for (band, key) in band_keys(&self.opts, &e.shingles).into_iter().enumerate() {
                if self.buckets[band].get(&key) == Some(&idx) {
                    self.buckets[band].remove(&key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const WIRE: &str = "Heavy rain sent the Tallin River over its banks on Tuesday, flooding three villages \
        and forcing more than 2,000 people from their homes, regional officials said. Rescue crews \
        used boats to reach families stranded on rooftops in Marrow and Dell, and the regional \
        governor declared an emergency late in the evening. Forecasters expect more rain on Thursday.";

    fn dedup(docs: &[(&str, &str)]) -> Vec<Option<String>> {
        let mut d = Deduper::new(DedupOptions::default());
        docs.iter()
            .map(|(id, t)| d.push(id, t).map(|m| m.canonical))
            .collect()
    }

    #[test]
    fn a_horizon_forgets_old_documents_but_keeps_copies_within_it() {
        let mut d = Deduper::new(DedupOptions {
            horizon_days: Some(3.0),
            ..DedupOptions::default()
        });
        assert_eq!(d.push_at("a", WIRE, Some(100.0)), None);
        let copy = d.push_at("b", WIRE, Some(101.5)).map(|m| m.canonical);
        assert_eq!(copy.as_deref(), Some("a"), "a day and a half later: a copy");
        // A week later both are forgotten: the same text starts a new group, and memory holds
        // only what is within the horizon.
        assert_eq!(d.push_at("c", WIRE, Some(108.0)), None);
        assert_eq!(d.remembered(), 1);
        // The canonical of a group outlives its forgotten first copy.
        let late = d.push_at("d", WIRE, Some(110.0)).map(|m| m.canonical);
        assert_eq!(late.as_deref(), Some("c"));
        // "c" is forgotten, "d" (in the same buckets) is not: a copy still finds "d".
        assert_eq!(d.push_at("e", "Unrelated words about a harbour strike in Dell and its end after nine days of talks.", Some(112.5)), None);
        assert_eq!(d.remembered(), 2);
        let m = d.push_at("f", WIRE, Some(112.6));
        assert_eq!(
            m.map(|m| (m.matched, m.canonical)),
            Some(("d".into(), "c".into()))
        );
    }

    #[test]
    fn syndicated_copy_with_edits_and_new_header_is_a_duplicate() {
        let copy = format!(
            "By BPA staff\n{}",
            WIRE.replace("more than 2,000", "over 2,000")
                .replace("late in the evening", "late on Tuesday")
                .replace(" Forecasters expect more rain on Thursday.", "")
        );
        assert_eq!(
            dedup(&[("wire", WIRE), ("copy", &copy)]),
            [None, Some("wire".into())]
        );
    }

    #[test]
    fn wire_story_inside_longer_article_is_contained() {
        let long = format!(
            "{WIRE}\nLocal shop owners described the water rising within minutes. The school in \
             Marrow will stay closed this week while engineers inspect the building, the mayor said."
        );
        assert_eq!(
            dedup(&[("wire", WIRE), ("long", &long)]),
            [None, Some("wire".into())]
        );
    }

    #[test]
    fn different_reports_of_the_same_event_are_not_duplicates() {
        let other = "Floodwater from the Tallin River swamped the villages of Marrow and Dell this week. \
            About two thousand residents left their houses as the regional governor announced an \
            emergency. Boats carried stranded families to safety, officials told reporters, and more \
            rain is forecast for Thursday.";
        assert_eq!(dedup(&[("a", WIRE), ("b", other)]), [None, None]);
    }

    #[test]
    fn group_members_point_at_the_first_copy() {
        let c1 = WIRE.replace("Tuesday", "Tuesday night");
        let c2 = c1.replace("regional officials said", "officials said");
        assert_eq!(
            dedup(&[("a", WIRE), ("b", &c1), ("c", &c2)]),
            [None, Some("a".into()), Some("a".into())]
        );
    }

    #[test]
    fn short_texts_are_never_matched() {
        assert_eq!(
            dedup(&[("a", "Read more."), ("b", "Read more.")]),
            [None, None]
        );
    }
}

#[cfg(test)]
mod properties {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn corpus() -> impl Strategy<Value = Vec<String>> {
        let word = prop::sample::select(vec![
            "river", "talks", "flood", "minister", "said", "water", "deal", "rain", "town", "vote",
        ]);
        prop::collection::vec(
            prop::collection::vec(word, 0..40).prop_map(|w| w.join(" ")),
            1..12,
        )
    }

    proptest! {
        /// Groups are stars around their canonical copy: a duplicate points at an earlier
        /// document that is itself canonical, so grouping is symmetric and transitive.
        #[test]
        fn groups_are_consistent(texts in corpus()) {
            let mut d = Deduper::new(DedupOptions::default());
            let mut canon: Vec<Option<String>> = Vec::new();
            for (i, t) in texts.iter().enumerate() {
                let m = d.push(&format!("d{i}"), t);
                if let Some(m) = &m {
                    let j: usize = m.canonical[1..].parse().unwrap();
                    prop_assert!(j < i);
                    prop_assert!(canon[j].is_none(), "canonical must not itself be a copy");
                }
                canon.push(m.map(|m| m.canonical));
            }
        }

        /// Being a copy is a symmetric relation: two documents match in either order, with
        /// the same similarity, or in neither.
        #[test]
        fn verdicts_are_symmetric(texts in corpus(), edits in prop::collection::vec((0usize..40, 0usize..10), 0..8)) {
            // The second text is an edited copy of the first, so matches are common.
            let a = &texts[0];
            let mut words: Vec<&str> = a.split(' ').collect();
            let other: Vec<&str> = texts.iter().flat_map(|t| t.split(' ')).collect();
            for &(at, with) in &edits {
                if !words.is_empty() && !other.is_empty() {
                    let at = at % words.len();
                    words[at] = other[with % other.len()];
                }
            }
            let b = words.join(" ");
            let verdict = |first: &str, second: &str| {
                let mut d = Deduper::new(DedupOptions::default());
                d.push("first", first);
                d.push("second", second).map(|m| (m.jaccard, m.containment))
            };
            prop_assert_eq!(verdict(a, &b), verdict(&b, a));
        }

        /// Matching by signatures outside the detector — candidates are all earlier documents
        /// sharing a bucket, the match is [`best_copy`] of them, the canonical is followed up the
        /// matches, as a distributed run does it — gives the streaming detector's groups.
        #[test]
        fn signatures_and_best_copy_reproduce_the_stream(texts in corpus(), repeats in prop::collection::vec(0usize..12, 0..6)) {
            let mut texts = texts;
            for r in repeats {
                let t = format!("{} vote", texts[r % texts.len()]);
                texts.push(t);
            }
            let opts = DedupOptions::default();
            let mut d = Deduper::new(opts.clone());
            let streamed: Vec<Option<String>> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| d.push(&format!("d{i}"), t).map(|m| m.canonical))
                .collect();

            let sets: Vec<Vec<u64>> = texts.iter().map(|t| shingle_set(t, opts.shingle)).collect();
            let keys: Vec<Vec<u64>> = sets.iter().map(|s| band_keys(&opts, s)).collect();
            let mut canonical: Vec<usize> = Vec::new();
            let mut apart: Vec<Option<String>> = Vec::new();
            for (i, set) in sets.iter().enumerate() {
                let candidates = (0..i).filter(|&j| {
                    keys[j].iter().zip(&keys[i]).any(|(a, b)| a == b)
                });
                let best = best_copy(&opts, set, candidates.map(|j| (j, sets[j].as_slice())));
                let c = best.map_or(i, |(j, _, _)| canonical[j]);
                canonical.push(c);
                apart.push(best.map(|_| format!("d{c}")));
            }
            prop_assert_eq!(streamed, apart);
        }

        /// An exact repeat of a long enough text is always found.
        #[test]
        fn exact_repeats_are_found(texts in corpus()) {
            let mut d = Deduper::new(DedupOptions::default());
            for (i, t) in texts.iter().enumerate() {
                d.push(&format!("d{i}"), t);
            }
            let first = &texts[0];
            let m = d.push("again", first);
            if shingle_set(first, 2).len() >= DedupOptions::default().min_shingles {
                prop_assert!(m.is_some());
            }
        }
    }
}
