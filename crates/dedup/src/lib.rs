//! Dedup: find syndicated and near-duplicate copies in a stream of documents.
//!
//! Each document becomes a set of word shingles; a MinHash signature of that set is cut into
//! bands, and documents sharing a band bucket become candidates (banded LSH), so the work per
//! document does not grow with the number seen. Candidates are then *verified* exactly —
//! MinHash only proposes — by Jaccard similarity of the shingle sets (copies with small
//! edits), containment (a wire story inside a longer piece), or, for the ambiguous middle, line
//! by line (see [`DedupOptions::line_coverage`]). The first document of a group in stream order
//! is its canonical copy; callers that want "earliest published" feed documents in publication
//! order, as `digest` does.

use std::collections::VecDeque;

use similar::{capture_diff_slices, Algorithm, DiffOp};
use storyline_text::{fold, hash_str, mix64, shingles, sorted_overlap, tokens, FastMap};

/// Tuning of the detector. The defaults are documented in docs/ARCHITECTURE.md.
#[derive(Debug, Clone)]
pub struct DedupOptions {
    /// Words per shingle. Short shingles survive word edits (typos, swapped synonyms) better;
    /// 2 measured best on the dedup benchmark (docs/BENCHMARKS.md).
    pub shingle: usize,
    /// Jaccard similarity of shingle sets at or above which two documents are copies outright.
    pub threshold: f64,
    /// Share of the smaller document's shingles found in the larger one at or above which the
    /// smaller one is contained in it (a wire story inside a longer article).
    pub containment: f64,
    /// Below `threshold`, shingle overlap cannot tell a heavily edited, re-framed copy (new
    /// header and footer, last paragraphs cut, a word in ten changed: Jaccard down to 0.3) from
    /// another outlet's rewrite of the same wire report (Jaccard up to 0.6). Their lines can: a
    /// copy keeps the source's lines and edits single words in them, a rewrite recasts phrases.
    /// So two documents are also copies when at least this share of each one's words lies in
    /// lines that match a line of the other (2-shingle Jaccard ≥ 0.5)…
    pub line_coverage: f64,
    /// …and at most this share of the words of the matched lines differ in runs of more than
    /// two words (rewritten phrases rather than word edits).
    pub rewrites: f64,
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
            threshold: 0.6,
            containment: 0.95,
            line_coverage: 0.5,
            rewrites: 0.01,
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
    /// What verification compares (empty for a text too short to match).
    print: Fingerprint,
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

/// What the detector keeps of a document to verify a candidate exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Sorted, deduplicated hashes of the folded words `k` at a time.
    pub shingles: Vec<u64>,
    /// A 16-bit hash of each folded word in text order: a quarter of the memory of the
    /// shingles, which matters for a stream's memory, and a collision (one word pair in 65,536)
    /// only blurs one comparison of two lines.
    pub words: Vec<u16>,
    /// Where each non-empty line ends in `words`.
    pub line_ends: Vec<u32>,
}

impl Fingerprint {
    /// Whether there is anything to compare (a text without words has nothing).
    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// A flat little-endian form for passing fingerprints between processes (`dedup
    /// --signatures` / `--verify`): shingle count and word count as u32, the shingles as u64,
    /// the words as u16, then the line ends as u32.
    pub fn to_bytes(&self) -> Vec<u8> {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
        let mut out = Vec::with_capacity(
            8 + 8 * self.shingles.len() + 2 * self.words.len() + 4 * self.line_ends.len(),
        );
        out.extend(count(self.shingles.len()));
        out.extend(count(self.words.len()));
        out.extend(self.shingles.iter().flat_map(|h| h.to_le_bytes()));
        out.extend(self.words.iter().flat_map(|w| w.to_le_bytes()));
        out.extend(self.line_ends.iter().flat_map(|e| e.to_le_bytes()));
        out
    }

    /// The inverse of [`Fingerprint::to_bytes`]; `None` for bytes it did not make (wrong
    /// lengths, shingles out of order, lines ending outside the words).
    pub fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        let u32_at = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
        };
        let n_shingles = u32_at(0)? as usize;
        let n_words = u32_at(4)? as usize;
        let words_at = n_shingles.checked_mul(8)?.checked_add(8)?;
        let lines_at = n_words.checked_mul(2)?.checked_add(words_at)?;
        let rest = bytes.len().checked_sub(lines_at)?;
        if rest % 4 != 0 {
            return None;
        }
        let shingles: Vec<u64> = bytes[8..words_at]
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        let words: Vec<u16> = bytes[words_at..lines_at]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        let line_ends: Vec<u32> = bytes[lines_at..]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect();
        // Verification merges sorted sets and slices lines by their ends.
        let sorted = shingles.windows(2).all(|w| w[0] < w[1]);
        let lines_ok = line_ends.windows(2).all(|w| w[0] <= w[1])
            && line_ends
                .last()
                .map_or(words.is_empty(), |&e| e as usize == words.len());
        (sorted && lines_ok).then_some(Fingerprint {
            shingles,
            words,
            line_ends,
        })
    }

    /// The words of non-empty line `j`.
    fn line(&self, j: usize) -> &[u16] {
        let start = j
            .checked_sub(1)
            .and_then(|p| self.line_ends.get(p))
            .map_or(0, |&e| e as usize);
        let end = self.line_ends.get(j).map_or(start, |&e| e as usize);
        self.words.get(start..end).unwrap_or(&[])
    }

    /// The words of each non-empty line.
    fn lines(&self) -> impl Iterator<Item = &[u16]> + '_ {
        let mut start = 0;
        self.line_ends.iter().map(move |&end| {
            let end = (end as usize).clamp(start, self.words.len());
            let line = &self.words[start..end];
            start = end;
            line
        })
    }
}

/// The fingerprint of a text: its shingle set (folded words, `k` at a time, hashed, sorted,
/// deduplicated) and its words line by line.
pub fn fingerprint(text: &str, k: usize) -> Fingerprint {
    let folded = fold(text);
    let mut all: Vec<&str> = Vec::new();
    let mut line_ends = Vec::new();
    for line in folded.split('\n') {
        let before = all.len();
        all.extend(tokens(line).map(|t| t.text));
        if all.len() > before {
            line_ends.push(u32::try_from(all.len()).unwrap_or(u32::MAX));
        }
    }
    let mut set = shingles(&all, k);
    set.sort_unstable();
    set.dedup();
    Fingerprint {
        shingles: set,
        // Truncation keeps the low bits, which the avalanche has mixed as well as the rest.
        words: all.iter().map(|w| hash_str(w) as u16).collect(),
        line_ends,
    }
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

/// Below this Jaccard the line-by-line check is not tried: documents that share half of each
/// one's words in matching lines share about a quarter of their shingles (0.3 was the lowest
/// seen among the benchmark's copies), and the check costs a word diff of every matched line.
const LINE_CHECK_FLOOR: f64 = 0.2;

/// Lines of two documents match when their word-pair (2-shingle) Jaccard is at least this.
const LINE_MATCH: f64 = 0.5;

/// Runs of more than this many differing words in matched lines count as rewriting.
const WORD_EDIT: usize = 2;

/// A document's lines for the line check: the sorted, deduplicated hashes of consecutive word
/// pairs of each line (the word itself for a one-word line), and every (pair, line) sorted, so that
/// the lines of another document sharing pairs with a line are found by lookups rather than by
/// comparing every pair of lines.
struct Lines {
    sets: Vec<Vec<u64>>,
    index: Vec<(u64, u32)>,
}

impl Lines {
    fn of(fp: &Fingerprint) -> Lines {
        let sets: Vec<Vec<u64>> = fp
            .lines()
            .map(|line| {
                let mut set: Vec<u64> = if line.len() == 1 {
                    vec![u64::from(line[0])]
                } else {
                    line.windows(2)
                        .map(|w| mix64(u64::from(w[0]) << 16 | u64::from(w[1])))
                        .collect()
                };
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        let mut index: Vec<(u64, u32)> = sets
            .iter()
            .enumerate()
            .flat_map(|(j, set)| set.iter().map(move |&h| (h, j as u32)))
            .collect();
        index.sort_unstable();
        Lines { sets, index }
    }
}

fn jaccard_from(inter: usize, a: usize, b: usize) -> f64 {
    let inter = inter as f64;
    let union = (a + b) as f64 - inter;
    if union > 0.0 {
        inter / union
    } else {
        0.0
    }
}

/// One direction of the line check: each line of `a` against its most similar line of `b`.
/// Returns, over the line pairs matched, the words in rewritten runs and all words (the longer
/// line of each pair); `None` as soon as more than `1 - coverage` of `a`'s words are in lines
/// without a match, which settles most pairs that are not copies early.
fn line_side(
    a: &Fingerprint,
    la: &Lines,
    b: &Fingerprint,
    lb: &Lines,
    coverage: f64,
) -> Option<(usize, usize)> {
    let allowed = (1.0 - coverage) * a.words.len() as f64;
    let (mut uncovered, mut rewritten, mut compared) = (0usize, 0usize, 0usize);
    // Pairs each line of `b` shares with the current line of `a`, and which lines have any.
    let mut shared = vec![0usize; lb.sets.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (line, set) in a.lines().zip(&la.sets) {
        for &h in set {
            let from = lb.index.partition_point(|e| e.0 < h);
            for &(_, j) in lb.index[from..].iter().take_while(|e| e.0 == h) {
                let j = j as usize;
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        // The most similar line, the first of equals.
        touched.sort_unstable();
        let mut best: Option<(f64, usize)> = None;
        for &j in &touched {
            let sim = jaccard_from(shared[j], set.len(), lb.sets[j].len());
            if sim >= LINE_MATCH && best.is_none_or(|(s, _)| sim > s) {
                best = Some((sim, j));
            }
            shared[j] = 0;
        }
        touched.clear();
        let Some((_, j)) = best else {
            uncovered += line.len();
            if uncovered as f64 > allowed {
                return None;
            }
            continue;
        };
        let other = b.line(j);
        compared += line.len().max(other.len());
        // Consecutive changes form one run: a replaced phrase, not several edits.
        let (mut old, mut new) = (0, 0);
        for op in capture_diff_slices(Algorithm::Myers, line, other) {
            match op {
                DiffOp::Equal { .. } => {
                    if old.max(new) > WORD_EDIT {
                        rewritten += old.max(new);
                    }
                    (old, new) = (0, 0);
                }
                DiffOp::Delete { old_len, .. } => old += old_len,
                DiffOp::Insert { new_len, .. } => new += new_len,
                DiffOp::Replace {
                    old_len, new_len, ..
                } => {
                    old += old_len;
                    new += new_len;
                }
            }
        }
        if old.max(new) > WORD_EDIT {
            rewritten += old.max(new);
        }
    }
    Some((rewritten, compared))
}

/// The line-by-line verdict (see [`DedupOptions::line_coverage`]); symmetric in `a` and `b`.
/// `la` are `a`'s lines, built once by the caller for all of `a`'s candidates.
fn line_copy(opts: &DedupOptions, a: &Fingerprint, la: &Lines, b: &Fingerprint) -> bool {
    let lb = Lines::of(b);
    let Some((rw_a, n_a)) = line_side(a, la, b, &lb, opts.line_coverage) else {
        return false;
    };
    let Some((rw_b, n_b)) = line_side(b, &lb, a, la, opts.line_coverage) else {
        return false;
    };
    (rw_a + rw_b) as f64 <= opts.rewrites * (n_a + n_b) as f64
}

/// The exact check behind every match: among earlier documents `candidates` (position in the
/// stream, fingerprint), in stream order, the one `doc` copies most closely — highest
/// Jaccard, then containment, then earliest — with its Jaccard and containment. The streaming
/// detector and a distributed run (`dedup --verify`) decide with this one function, so they
/// agree on every group.
pub fn best_copy<'a>(
    opts: &DedupOptions,
    doc: &Fingerprint,
    candidates: impl IntoIterator<Item = (usize, &'a Fingerprint)>,
) -> Option<(usize, f64, f64)> {
    let set = &doc.shingles;
    let mut best: Option<(usize, f64, f64)> = None;
    let mut lines: Option<Lines> = None;
    for (c, other) in candidates {
        if other.is_empty() || set.is_empty() {
            continue;
        }
        let inter = sorted_overlap(set, &other.shingles);
        let jaccard = jaccard_from(inter, set.len(), other.shingles.len());
        let containment = inter as f64 / set.len().min(other.shingles.len()).max(1) as f64;
        // Only a candidate that would become the best is worth the line check.
        if best.is_some_and(|(_, j, k)| (jaccard, containment) <= (j, k)) {
            continue;
        }
        let is_copy = jaccard >= opts.threshold
            || containment >= opts.containment
            || (jaccard >= LINE_CHECK_FLOOR
                && line_copy(
                    opts,
                    doc,
                    lines.get_or_insert_with(|| Lines::of(doc)),
                    other,
                ));
        if is_copy {
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
        let print = fingerprint(text, self.opts.shingle);
        let idx = self.first + self.entries.len();
        if print.shingles.len() < self.opts.min_shingles {
            self.entries.push_back(Entry {
                id: id.to_owned(),
                canonical: id.to_owned(),
                stamp,
                print: Fingerprint::default(),
                prev: Box::default(),
            });
            return None;
        }
        let keys = band_keys(&self.opts, &print.shingles);
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
            &print,
            candidates.into_iter().filter_map(|c| {
                let entry = c
                    .checked_sub(self.first)
                    .and_then(|i| self.entries.get(i))?;
                Some((c, &entry.print))
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
            print,
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
            if e.print.is_empty() {
                continue;
            }
            for (band, key) in band_keys(&self.opts, &e.print.shingles)
                .into_iter()
                .enumerate()
            {
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

    /// A wire report as agencies send it: one paragraph a line.
    const REPORT: &str = "Dock workers at the port of Vessel Bay walked off the job on Monday in a dispute over night shifts.\n\
        The strike halted loading at all four container terminals, the port authority said in a statement.\n\
        About 1,200 workers joined the stoppage, according to the Harbour Workers Union, which called it indefinite.\n\
        Union leader Mara Olsen said the new rota would force members to work three nights in a row without extra pay.\n\
        The port operator, Bayline Logistics, said it had offered a bonus for night work and wanted talks to resume on Wednesday.\n\
        Ships queued outside the harbour by evening, and two cruise liners were diverted to the port of Hale.\n\
        Exporters warned that fresh produce could spoil if the strike lasted beyond the weekend.\n\
        The last strike at Vessel Bay, in 2019, lasted eleven days and cost the regional economy an estimated 40 million crowns.";

    fn jaccard(a: &str, b: &str) -> f64 {
        let (a, b) = (fingerprint(a, 2), fingerprint(b, 2));
        jaccard_from(
            sorted_overlap(&a.shingles, &b.shingles),
            a.shingles.len(),
            b.shingles.len(),
        )
    }

    #[test]
    fn reframed_and_edited_copy_is_found_by_its_lines() {
        // A syndicated copy as a regional site runs it: its own header and footer, the last two
        // paragraphs cut, and a word edited in most lines (typo, doubled word, synonym, drop).
        let body: Vec<&str> = REPORT.lines().take(6).collect();
        let edited = [
            body[0].replace("walked off", "walkde off"),
            body[1].replace("loading at all", "loading at at all"),
            body[2].replace("About", "Around"),
            body[3].replace("in a row", "in row"),
            body[4].replace("talks to resume", "talks to to resume"),
            body[5].replace("by evening", "by nightfall"),
        ];
        let copy = format!(
            "By Coastal Courier staff | Updated 14:05\nShare on Facebook\n{}\n\
             © 2026 Coastal Courier. All rights reserved.\nRead more: port news, shipping, jobs",
            edited.join("\n")
        );
        let j = jaccard(REPORT, &copy);
        assert!(
            j < DedupOptions::default().threshold,
            "the shingle sets alone miss it: {j}"
        );
        assert_eq!(
            dedup(&[("wire", REPORT), ("copy", &copy)]),
            [None, Some("wire".into())]
        );
    }

    #[test]
    fn another_outlets_rewrite_of_the_same_report_is_not_a_copy() {
        // The same facts in the same order, every line matching one of the report's, but phrases
        // recast in them: a rewrite, which users want listed as a second source.
        let rewrite = "Dock workers at the port of Vessel Bay walked off the job early on Monday, angry over night shifts.\n\
            The strike halted loading at all four of the city's container terminals, the port authority said on Monday.\n\
            About 1,200 workers joined the stoppage, according to the union that represents them, which called it indefinite.\n\
            Union leader Mara Olsen said the new rota would force members to work three nights running with no extra pay.\n\
            The port operator, Bayline Logistics, said it had already offered a bonus for night work and wanted talks to resume this week.\n\
            Ships queued outside the harbour by evening, while two cruise liners were sent on to Hale.\n\
            Exporters of fruit and vegetables warned that fresh produce could spoil if the strike lasted beyond the weekend.\n\
            The last strike at Vessel Bay, six years ago, lasted eleven days and cost the regional economy dearly.";
        let j = jaccard(REPORT, rewrite);
        assert!(
            j > LINE_CHECK_FLOOR,
            "a hard case, close enough for the line check: {j}"
        );
        assert_eq!(
            dedup(&[("wire", REPORT), ("rewrite", rewrite)]),
            [None, None]
        );
    }

    #[test]
    fn fingerprints_survive_bytes_and_bytes_not_made_from_one_are_refused() {
        let print = fingerprint(REPORT, 2);
        assert_eq!(print.line_ends.len(), 8);
        assert_eq!(
            Fingerprint::from_bytes(&print.to_bytes()),
            Some(print.clone())
        );
        let mut bytes = print.to_bytes();
        bytes.pop();
        assert_eq!(Fingerprint::from_bytes(&bytes), None, "truncated");
        assert_eq!(Fingerprint::from_bytes(b"not a fingerprint"), None);
        // Shingles out of order cannot be merged: refused.
        let mut swapped = print.clone();
        swapped.shingles.swap(0, 1);
        assert_eq!(Fingerprint::from_bytes(&swapped.to_bytes()), None);
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

            let sets: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t, opts.shingle)).collect();
            let keys: Vec<Vec<u64>> = sets.iter().map(|s| band_keys(&opts, &s.shingles)).collect();
            let mut canonical: Vec<usize> = Vec::new();
            let mut apart: Vec<Option<String>> = Vec::new();
            for (i, set) in sets.iter().enumerate() {
                let candidates = (0..i).filter(|&j| {
                    keys[j].iter().zip(&keys[i]).any(|(a, b)| a == b)
                });
                let best = best_copy(&opts, set, candidates.map(|j| (j, &sets[j])));
                let c = best.map_or(i, |(j, _, _)| canonical[j]);
                canonical.push(c);
                apart.push(best.map(|_| format!("d{c}")));
            }
            prop_assert_eq!(streamed, apart);
        }

        /// A fingerprint read back from its bytes is the same; any other bytes are refused or
        /// read as a well-formed fingerprint, never a panic.
        #[test]
        fn fingerprint_bytes_round_trip(texts in corpus(), noise in prop::collection::vec(any::<u8>(), 0..64)) {
            let print = fingerprint(&texts.join("\n"), 2);
            prop_assert_eq!(Fingerprint::from_bytes(&print.to_bytes()), Some(print));
            if let Some(p) = Fingerprint::from_bytes(&noise) {
                prop_assert!(p.line_ends.last().is_none_or(|&e| e as usize == p.words.len()));
            }
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
            if fingerprint(first, 2).shingles.len() >= DedupOptions::default().min_shingles {
                prop_assert!(m.is_some());
            }
        }
    }
}
