//! Cluster: assign each document of a stream to an event on arrival, and link events into
//! storylines.
//!
//! One pass, never looking ahead. A document is a TF-IDF vector (IDF learned online from the
//! stream so far) in which the headline and lead weigh more and names (words capitalised
//! mid-sentence) are boosted, because who and where separate events better than common words.
//! It joins the most similar event whose time range is within the active window, similarity
//! decaying with the distance in days; otherwise it opens a new event. The same actors on the
//! same subject months apart are therefore two events — and the storyline step links exactly
//! those: a new event whose topic matches an earlier, time-separated event joins its storyline.
//! Method and thresholds: docs/ARCHITECTURE.md.

use std::collections::{BTreeMap, BTreeSet};

use storyline_model::{Day, Document};
use storyline_text::{fold, is_stopword, sentences, stem, tokens, FastMap, FastSet};

mod link;
pub use link::{Linker, PROFILE_LINK};

/// Thresholds of the online clusterer.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Minimum time-decayed similarity for a document to join an event.
    pub join: f32,
    /// Days after an event's last document during which it can still receive documents.
    pub window_days: i64,
    /// Similarity halves for every `half_life_days` between the document and the event's range.
    pub half_life_days: f32,
    /// Days from an event's first report after which its range stops growing for decay: a
    /// document later than that is as far from the event as from its `span_days` point, however
    /// recent the event's last report. An event is a happening, not a topic; a story that runs on
    /// becomes a storyline of successive events instead of one event that chains everything
    /// reported on its subject for weeks.
    pub span_days: f32,
    /// Minimum topic cosine between two events for the later one to join the earlier's storyline.
    pub link: f32,
    /// Storylines link events at most this many days apart.
    pub link_horizon_days: i64,
    /// Weight of headline and lead terms relative to body terms.
    pub title_weight: f32,
    pub lead_weight: f32,
    /// Extra weight for names (capitalised mid-sentence).
    pub name_boost: f32,
    /// Share of the similarity computed on names and numbers alone.
    pub name_weight: f32,
    /// Share of the content similarity taken from the event centroid; the rest is the best
    /// single member document (an event's reports vary; one close report is strong evidence).
    pub centroid_share: f32,
}

impl ClusterOptions {
    /// Days after an event's last report during which a dated document can still join it: the
    /// window, or less when decay alone rules joining out sooner. Similarity is at most the decay
    /// factor (a weighted mean of cosines), so once `0.5^(gap / half_life)` is below the join
    /// threshold no document can reach the event: keeping it open longer would only hold its
    /// documents in memory and its entries in the candidate lists. (Defaults: 10-day window,
    /// reach 2 · log2(1 / 0.16) ≈ 5.3 days.)
    pub fn reach_days(&self) -> f64 {
        let window = self.window_days as f64;
        if self.join > 0.0 && self.join < 1.0 && self.half_life_days > 0.0 {
            window.min(f64::from(self.half_life_days) * (1.0 / f64::from(self.join)).log2())
        } else {
            window
        }
    }
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            join: 0.16,
            window_days: 10,
            half_life_days: 2.0,
            span_days: SPAN_DAYS,
            link: 0.3,
            link_horizon_days: 400,
            title_weight: 1.0,
            lead_weight: 1.5,
            name_boost: 1.5,
            name_weight: 0.3,
            centroid_share: 0.7,
        }
    }
}

/// A sparse vector: (term id, weight), sorted by term id.
type Sparse = Vec<(u32, f32)>;

fn normalize(v: &mut Sparse) {
    let n = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if n > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= n;
        }
    }
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Whether an event's similarity mixes in its best member (a dormant event kept none).
fn has_members(o: &ClusterOptions, ev: &EventState) -> bool {
    o.centroid_share < 1.0 && ev.joinable.as_ref().is_some_and(|j| !j.recent.is_empty())
}

/// The `k` heaviest terms of a vector with their weights (ties by term id, so the choice is
/// deterministic).
fn top_terms(v: &Sparse, k: usize) -> Sparse {
    let mut all: Sparse = v.clone();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(k);
    all
}

/// A sum of unit vectors with its squared norm kept up to date, so that cosine against it
/// costs one pass over the document's terms.
#[derive(Debug, Clone, Default)]
struct Centroid {
    /// Looked up only, never iterated into output.
    weights: FastMap<u32, f32>,
    /// Once compacted: the kept terms sorted by id, and `weights` empty. A dormant event is kept
    /// for the rest of the run (a later chapter may link to it), so it is kept at half the size
    /// a hash map of the same terms takes.
    frozen: Box<[(u32, f32)]>,
    norm2: f32,
}

impl Centroid {
    fn weight(&self, t: u32) -> Option<f32> {
        if self.frozen.is_empty() {
            self.weights.get(&t).copied()
        } else {
            self.frozen
                .binary_search_by_key(&t, |&(k, _)| k)
                .ok()
                .map(|i| self.frozen[i].1)
        }
    }
    fn len(&self) -> usize {
        self.weights.len() + self.frozen.len()
    }
    fn terms(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.weights
            .iter()
            .map(|(&t, &w)| (t, w))
            .chain(self.frozen.iter().copied())
    }
    fn dot(&self, v: &Sparse) -> f32 {
        if !self.frozen.is_empty() {
            return dot(&self.frozen, v);
        }
        v.iter()
            .filter_map(|(t, w)| self.weights.get(t).map(|c| c * w))
            .sum()
    }
    fn cosine(&self, v: &Sparse) -> f32 {
        if self.norm2 <= 0.0 {
            return 0.0;
        }
        self.dot(v) / self.norm2.sqrt()
    }
    fn add(&mut self, v: &Sparse) {
        // A closed event can still take an undated document: back to a map first.
        if !self.frozen.is_empty() {
            self.weights = std::mem::take(&mut self.frozen)
                .into_vec()
                .into_iter()
                .collect();
        }
        // |c + v|² = |c|² + 2 c·v + |v|²
        let cross = self.dot(v);
        let vv: f32 = v.iter().map(|(_, w)| w * w).sum();
        self.norm2 += 2.0 * cross + vv;
        for &(t, w) in v {
            *self.weights.entry(t).or_insert(0.0) += w;
        }
    }
    /// The `k` heaviest terms, heaviest first (ties by term id, so the choice is deterministic).
    fn top_terms(&self, k: usize) -> Vec<(u32, f32)> {
        let mut all: Vec<(u32, f32)> = self.terms().collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(k);
        all
    }

    /// Keep only the `k` heaviest terms: what an event out of the active window still needs to
    /// be recognised as an earlier chapter of a storyline, at a fixed size.
    fn compact(&mut self, k: usize) {
        let mut kept = self.top_terms(k);
        if self.len() > k {
            self.norm2 = kept.iter().map(|(_, w)| w * w).sum();
        }
        kept.sort_unstable_by_key(|&(t, _)| t);
        self.weights = FastMap::default();
        self.frozen = kept.into_boxed_slice();
    }

    fn cosine_with(&self, other: &Centroid) -> f32 {
        if self.norm2 <= 0.0 || other.norm2 <= 0.0 {
            return 0.0;
        }
        let (small, large) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        let d: f32 = small
            .terms()
            .filter_map(|(t, w)| large.weight(t).map(|o| o * w))
            .sum();
        d / (self.norm2.sqrt() * other.norm2.sqrt())
    }
}

/// Distinct surface words whose term id is cached.
const WORD_CACHE: usize = 1 << 20;

/// Member documents kept per event for best-member similarity.
const RECENT: usize = 24;

/// Terms an event keeps once it has left the active window.
const DORMANT_TERMS: usize = 64;

/// Heaviest terms of a document by which it finds candidate events and by which its event is
/// found: a document is scored only against active events with a member that shares one of
/// them, so the cost of a document follows how many events share its rarest words, not how many
/// are open.
const QUERY_TERMS: usize = 20;

/// Candidate events scored in full per document: those sharing the most query-term weight.
const MAX_CANDIDATES: usize = 8;

/// Default of [`ClusterOptions::span_days`].
const SPAN_DAYS: f32 = 3.0;

/// Days past the join window before an event is closed: a document published earlier than the
/// stream's present (a late arrival) may still join events this far back.
pub const LATE_DAYS: f64 = 2.0;

/// Heaviest terms of an event that index it for storyline linking: a candidate earlier chapter
/// must share at least one of them, so linking looks at a handful of events, not all of them.
const SIGNATURE_TERMS: usize = 32;

/// Earlier events compared in full when looking for an event's storyline: those filed under the
/// most of its signature terms.
const MAX_LINK_CANDIDATES: usize = 16;

/// Events kept per term of the linking index, the latest (between this and twice this).
const MAX_POSTINGS: usize = 1024;

/// Whether an unlinked event with `n` documents tries to link again: at each of its first 16
/// documents, then at every doubling, so the attempts per event grow with log n.
fn link_attempt(n: usize) -> bool {
    n <= 16 || n.is_power_of_two()
}

/// Where an event's range ends for decay and closing: its last report, or `span` days after its
/// first if that is earlier.
fn range_end(ev: &EventState, span: f64) -> Option<f64> {
    let (first, last) = (ev.first_time?, ev.last_time?);
    Some(last.min(first + span))
}

/// Position of the `n`-th item named `{prefix}{n}` (`e12` is event 11 of `events()`).
fn ordinal(id: &str, prefix: char) -> Option<usize> {
    id.strip_prefix(prefix)?
        .parse::<usize>()
        .ok()?
        .checked_sub(1)
}

/// Position in [`Clusterer::events`] of the event the clusterer named `id`.
pub fn event_index(id: &str) -> Option<usize> {
    ordinal(id, 'e')
}

/// An event as the clusterer sees it.
#[derive(Debug, Clone)]
pub struct EventState {
    pub id: String,
    /// Number of documents the event received.
    pub size: usize,
    pub storyline: Option<String>,
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
    /// The same range in fractional days, for decay within and across days.
    first_time: Option<f64>,
    last_time: Option<f64>,
    centroid: Centroid,
    /// `None` once sealed: every event of a run is kept (a later chapter may link to it), and
    /// what only joining needs is a good part of it.
    joinable: Option<Box<Joinable>>,
}

/// What an event needs while documents may still join it.
#[derive(Debug, Clone, Default)]
struct Joinable {
    /// The names-and-numbers part of the documents.
    names: Centroid,
    recent: Vec<Sparse>,
    /// Terms under which the event is in the linking index.
    indexed: Vec<u32>,
    /// Terms under which the event is in the join index (empty once closed).
    posted: FastSet<u32>,
    /// Names in its members' headlines, with how many headlines carry each, and the number of
    /// members with a headline: who the event is about (see [`headlines_conflict`]).
    headline_names: BTreeMap<u32, u32>,
    headlines: u32,
}

/// Whether a document's headline is about someone else than an event's: the event's headlines
/// agree on a name (at least two and half of them carry it) that the document never mentions,
/// and the document's headline names someone the event's reports never mentioned. Two deaths of
/// figures of one scandal share nearly all their words; the person in the headline is what
/// differs, and a further report of the same event mentions the person its event's headlines
/// name.
fn headlines_conflict(
    ev: &EventState,
    j: &Joinable,
    doc_headline: &BTreeSet<u32>,
    doc_terms: &BTreeMap<u32, f32>,
) -> bool {
    if j.headlines < 2 || doc_headline.is_empty() {
        return false;
    }
    let agreed_absent = j
        .headline_names
        .iter()
        .any(|(t, &n)| n >= 2 && 2 * n >= j.headlines && !doc_terms.contains_key(t));
    agreed_absent
        && doc_headline
            .iter()
            .any(|&t| ev.centroid.weight(t).is_none())
}

/// A storyline: events linked over time.
#[derive(Debug, Clone)]
pub struct StorylineState {
    pub id: String,
    pub events: Vec<String>,
}

/// The online clusterer. Push documents in stream order.
#[derive(Default)]
pub struct Clusterer {
    opts: ClusterOptions,
    /// Term interning; lookups only (ids are assigned in first-seen order, so deterministic).
    vocab: FastMap<String, u32>,
    /// Surface word → term id cache (lookups only).
    words: FastMap<String, Option<u32>>,
    df: Vec<u32>,
    docs_seen: u32,
    events: Vec<EventState>,
    storylines: Vec<StorylineState>,
    /// The latest publication time seen: the stream's present.
    now: Option<f64>,
    /// Events a document may still join: within the window (plus [`LATE_DAYS`]) of the present,
    /// or undated. Events that leave it are closed and compacted; with this, the cost of a
    /// document and the memory of the clusterer depend on how much news is current, not on the
    /// stream's length.
    active: Vec<usize>,
    /// Per event: still in `active` (closed events linger in the join index until a sweep).
    is_active: Vec<bool>,
    /// Join index: query term of a member document → active events holding such a member.
    join_index: FastMap<u32, Vec<u32>>,
    /// Closed events still listed in `join_index`; swept out when they are many.
    stale: usize,
    /// Events closed since the caller last asked ([`Clusterer::take_closed`]).
    closed: Vec<usize>,
    /// Per event: sealed by the caller ([`Clusterer::seal`]), so no document joins it.
    sealed: Vec<bool>,
    /// Linking index: term → events whose signature holds it (the latest
    /// [`MAX_POSTINGS`]).
    postings: FastMap<u32, Vec<u32>>,
    /// No active event ended before this time (see `retire`).
    retire_floor: f64,
    /// Scratch of `link`: per event, signature terms it is filed under (zero between calls).
    link_counts: Vec<u8>,
}

/// One document's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub event: String,
    pub storyline: Option<String>,
    /// Whether the document opened a new event.
    pub new_event: bool,
}

impl Clusterer {
    pub fn new(opts: ClusterOptions) -> Self {
        Clusterer {
            opts,
            retire_floor: f64::NEG_INFINITY,
            ..Clusterer::default()
        }
    }

    pub fn events(&self) -> &[EventState] {
        &self.events
    }

    pub fn storylines(&self) -> &[StorylineState] {
        &self.storylines
    }

    /// No document may join this closed event any more: the caller has written it out. (A
    /// closed event can otherwise still take an undated document.)
    pub fn seal(&mut self, id: &str) {
        if let Some(i) = event_index(id) {
            if !self.is_active.get(i).copied().unwrap_or(true) {
                self.sealed[i] = true;
                // Nothing joins it now, so it needs only what linking compares with a later
                // chapter: its range and its compacted centroid.
                self.events[i].joinable = None;
            }
        }
    }

    /// Ids of the events closed since the last call, in the order they were opened: no later
    /// document can join them, so a caller may finish them (analyse, summarise, write them out)
    /// and free their documents. Storylines may still link them as earlier chapters.
    pub fn take_closed(&mut self) -> Vec<String> {
        let mut closed = std::mem::take(&mut self.closed);
        closed.sort_unstable();
        closed
            .into_iter()
            .map(|i| self.events[i].id.clone())
            .collect()
    }

    /// Weighted term frequencies of a document: all content terms, and the names-and-numbers
    /// subset that tells two events of the same kind apart.
    fn terms(&mut self, doc: &Document) -> (BTreeMap<u32, f32>, BTreeSet<u32>, BTreeSet<u32>) {
        // One pass over the words: (term, weight, written as a name here).
        let mut occurrences: Vec<(u32, f32, bool)> = Vec::new();
        let mut headline: BTreeSet<u32> = BTreeSet::new();
        // Written capitalised inside a sentence: names proper, without the numbers.
        let mut capitalised: BTreeSet<u32> = BTreeSet::new();
        if let Some(title) = doc.title.as_deref() {
            for t in tokens(title) {
                if let Some(id) = self.term_of(t.text) {
                    occurrences.push((id, self.opts.title_weight, false));
                    headline.insert(id);
                }
            }
        }
        // A headline alone (feeds often carry nothing else) is read as the text too, so its names
        // count as names.
        let headline_only = doc.text.trim().is_empty();
        let body = if headline_only {
            doc.title.as_deref().unwrap_or("")
        } else {
            doc.text.as_str()
        };
        for (i, span) in sentences(body).into_iter().enumerate() {
            let w = if i < 2 { self.opts.lead_weight } else { 1.0 };
            for (k, t) in tokens(&body[span]).enumerate() {
                let Some(id) = self.term_of(t.text) else {
                    continue;
                };
                let first = t.text.chars().next();
                let capital = k > 0 && first.is_some_and(char::is_uppercase);
                if capital {
                    capitalised.insert(id);
                }
                let name = capital || first.is_some_and(|c| c.is_ascii_digit());
                occurrences.push((id, w, name));
            }
        }
        let names: BTreeSet<u32> = occurrences.iter().filter(|o| o.2).map(|o| o.0).collect();
        // Headlines capitalise every word, so a headline word is a name when the text writes
        // it as one (numbers are no one: "dies at 88"). A headline without a text says too
        // little for its missing names to mean anything: it has none here.
        if headline_only {
            headline.clear();
        } else {
            headline.retain(|t| capitalised.contains(t));
        }
        let mut tf: BTreeMap<u32, f32> = BTreeMap::new();
        for (id, w, _) in occurrences {
            let boost = if names.contains(&id) {
                self.opts.name_boost
            } else {
                1.0
            };
            *tf.entry(id).or_insert(0.0) += w * boost;
        }
        // Sub-linear term frequency: repetition says less than presence.
        for v in tf.values_mut() {
            *v = 1.0 + v.ln().max(0.0);
        }
        (tf, names, headline)
    }

    /// The term id of a word as written, or `None` for stop words and single letters. Cached
    /// by surface form, so folding and stemming run once per distinct word of the stream.
    fn term_of(&mut self, word: &str) -> Option<u32> {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let folded = fold(word);
        let id = if folded.chars().count() > 1 && !is_stopword(&folded) {
            Some(self.intern(stem(&folded)))
        } else {
            None
        };
        // Bounded: a stream of endless new spellings must not grow memory without limit.
        if self.words.len() < WORD_CACHE {
            self.words.insert(word.to_owned(), id);
        }
        id
    }

    fn intern(&mut self, term: String) -> u32 {
        if let Some(&id) = self.vocab.get(&term) {
            return id;
        }
        let id = self.df.len() as u32;
        self.vocab.insert(term, id);
        self.df.push(0);
        id
    }

    /// Where an event's range ends for decay and closing (see [`range_end`]).
    fn range_end(&self, ev: &EventState) -> Option<f64> {
        range_end(ev, f64::from(self.opts.span_days))
    }

    /// IDF from the stream so far (the document itself included).
    fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((self.docs_seen as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// Days between a time and an event's range (0 inside it), the range ending at most
    /// `span_days` after its start; `None` when either is undated.
    fn gap(&self, time: Option<f64>, ev: &EventState) -> Option<f64> {
        let (t, first) = (time?, ev.first_time?);
        let last = self.range_end(ev)?;
        Some(if t < first {
            first - t
        } else if t > last {
            t - last
        } else {
            0.0
        })
    }

    /// Assign the next document of the stream.
    pub fn push(&mut self, doc: &Document) -> Decision {
        let day = doc.day();
        let time = doc.time();
        let (tf, name_ids, headline) = self.terms(doc);
        self.docs_seen += 1;
        for &t in tf.keys() {
            if let Some(df) = self.df.get_mut(t as usize) {
                *df += 1;
            }
        }
        // Weighted with the IDF of the moment it arrives; never re-weighted, so each
        // comparison is one pass over this document's terms.
        let mut vec: Sparse = tf.iter().map(|(&t, &v)| (t, v * self.idf(t))).collect();
        let mut named: Sparse = vec
            .iter()
            .filter(|(t, _)| name_ids.contains(t))
            .copied()
            .collect();
        normalize(&mut vec);
        normalize(&mut named);

        if let Some(t) = time {
            if self.now.is_none_or(|n| t > n) {
                self.now = Some(t);
                self.retire();
            }
        }
        // Only an active event can be joined (any other is more than a window away in time, or
        // closed); of those, only the ones with a member sharing one of this document's
        // heaviest terms — an event that shares none of them cannot reach the join threshold.
        let query = top_terms(&vec, QUERY_TERMS);
        // Candidates ranked by the weight of the query terms they share; only the best
        // `MAX_CANDIDATES` are scored.
        let mut overlap: FastMap<usize, f32> = FastMap::default();
        for &(t, w) in &query {
            for &e in self.join_index.get(&t).into_iter().flatten() {
                if self.is_active[e as usize] {
                    *overlap.entry(e as usize).or_insert(0.0) += w;
                }
            }
            if time.is_none() {
                // Nothing places an undated document in time, so a closed event may be its
                // event too (unless sealed); closed events are found through the storyline index.
                for &e in self.postings.get(&t).into_iter().flatten() {
                    if !self.sealed[e as usize] {
                        *overlap.entry(e as usize).or_insert(0.0) += w;
                    }
                }
            }
        }
        let mut ranked: Vec<(usize, f32)> = overlap.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(MAX_CANDIDATES);
        let mut candidates: Vec<usize> = ranked.into_iter().map(|(e, _)| e).collect();
        candidates.sort_unstable();
        let o = &self.opts;
        let reach = o.reach_days();
        // Cheap parts first (centroid and names cosines) for every candidate; the costly
        // best-member part only while it could still change the answer: it adds at most
        // `member_share × decay` (a dot product of unit vectors is at most 1), so candidates
        // are taken best partial score first and the scan stops once none can win. Exact: the
        // same event wins as when every candidate is scored in full.
        let member_share = (1.0 - o.name_weight) * (1.0 - o.centroid_share);
        let mut scored: Vec<(f32, usize, f32, f32, f32)> = Vec::with_capacity(candidates.len());
        for &i in &candidates {
            let ev = &self.events[i];
            if ev
                .joinable
                .as_ref()
                .is_some_and(|j| headlines_conflict(ev, j, &headline, &tf))
            {
                continue;
            }
            let decay = match self.gap(time, ev) {
                Some(g) if g > reach => continue,
                Some(g) => 0.5f32.powf(g as f32 / o.half_life_days),
                // Undated: nothing places it in time, so content alone decides. (It still
                // cannot merge two events: it joins the single best one.)
                None => 1.0,
            };
            let centroid = ev.centroid.cosine(&vec);
            let names = ev.joinable.as_ref().map_or(0.0, |j| j.names.cosine(&named));
            let partial = if has_members(o, ev) {
                ((1.0 - o.name_weight) * o.centroid_share * centroid + o.name_weight * names)
                    * decay
            } else {
                ((1.0 - o.name_weight) * centroid + o.name_weight * names) * decay
            };
            scored.push((partial, i, decay, centroid, names));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut best: Option<(usize, f32)> = None;
        for &(partial, i, decay, centroid, names) in &scored {
            // A margin for rounding: pruning must never drop a tie the full score would keep.
            let floor = best.map_or(o.join, |(_, s)| s.max(o.join)) - 1e-6;
            if partial + member_share < floor {
                break;
            }
            let ev = &self.events[i];
            let members = has_members(o, ev);
            if members && partial + member_share * decay < floor {
                continue;
            }
            let mut content = centroid;
            // A dormant event kept no members: its centroid stands for them.
            if let Some(j) = ev.joinable.as_ref().filter(|_| members) {
                let member = j.recent.iter().map(|m| dot(&vec, m)).fold(0.0f32, f32::max);
                content = o.centroid_share * content + (1.0 - o.centroid_share) * member;
            }
            let sim = ((1.0 - o.name_weight) * content + o.name_weight * names) * decay;
            if sim >= o.join && best.is_none_or(|(b, s)| sim > s || (sim == s && i < b)) {
                best = Some((i, sim));
            }
        }

        let (idx, new_event) = match best {
            Some((i, _)) => (i, false),
            None => {
                let id = format!("e{}", self.events.len() + 1);
                self.events.push(EventState {
                    id,
                    size: 0,
                    storyline: None,
                    first_day: None,
                    last_day: None,
                    first_time: None,
                    last_time: None,
                    centroid: Centroid::default(),
                    joinable: Some(Box::default()),
                });
                self.active.push(self.events.len() - 1);
                self.is_active.push(true);
                self.sealed.push(false);
                (self.events.len() - 1, true)
            }
        };
        let ev = &mut self.events[idx];
        ev.size += 1;
        ev.centroid.add(&vec);
        // Sealed events are never candidates.
        let j = ev.joinable.get_or_insert_with(Box::default);
        for &(t, _) in &query {
            if j.posted.insert(t) {
                self.join_index.entry(t).or_default().push(idx as u32);
            }
        }
        j.names.add(&named);
        if doc.title.is_some() {
            j.headlines += 1;
            for &t in &headline {
                *j.headline_names.entry(t).or_insert(0) += 1;
            }
        }
        if j.recent.len() == RECENT {
            j.recent.remove(0);
        }
        j.recent.push(vec);
        if let Some(d) = day {
            ev.first_day = Some(ev.first_day.map_or(d, |f| f.min(d)));
            ev.last_day = Some(ev.last_day.map_or(d, |l| l.max(d)));
        }
        if let Some(t) = time {
            ev.first_time = Some(ev.first_time.map_or(t, |f| f.min(t)));
            ev.last_time = Some(ev.last_time.map_or(t, |l| l.max(t)));
            if let Some(end) = self.range_end(&self.events[idx]) {
                self.retire_floor = self.retire_floor.min(end);
            }
        }
        if self.events[idx].storyline.is_none() && link_attempt(self.events[idx].size) {
            self.link(idx);
        }
        let ev = &self.events[idx];
        Decision {
            event: ev.id.clone(),
            storyline: ev.storyline.clone(),
            new_event,
        }
    }

    /// Close the events that ended more than their reach ([`ClusterOptions::reach_days`], plus
    /// [`LATE_DAYS`]) before the present,
    /// keeping only what linking needs (a fixed number of centroid terms).
    fn retire(&mut self) {
        let Some(now) = self.now else { return };
        let horizon = now - self.opts.reach_days() - LATE_DAYS;
        // The present moves with nearly every document of a dense stream; the active set is
        // scanned only once the horizon has passed the earliest end seen at the last scan (a
        // bound that only rises: events' ends only move forward, new events end now).
        if horizon <= self.retire_floor {
            return;
        }
        let mut floor = f64::INFINITY;
        let span = f64::from(self.opts.span_days);
        let events = &mut self.events;
        let (is_active, closed, stale) = (&mut self.is_active, &mut self.closed, &mut self.stale);
        self.active.retain(|&i| {
            let ev = &mut events[i];
            match range_end(ev, span) {
                Some(end) if end >= horizon => {
                    floor = floor.min(end);
                    true
                }
                Some(_) => {
                    ev.centroid.compact(DORMANT_TERMS);
                    if let Some(j) = ev.joinable.as_mut() {
                        j.names.compact(DORMANT_TERMS / 2);
                        j.recent = Vec::new();
                        *stale += j.posted.len();
                        j.posted = FastSet::default();
                    }
                    is_active[i] = false;
                    closed.push(i);
                    false
                }
                None => true,
            }
        });
        self.retire_floor = floor;
        // Sweep closed events out of the join index once they are a good share of it, so the
        // index stays the size of the active set at an amortised constant cost per posting.
        let live: usize = self
            .active
            .iter()
            .map(|&i| {
                self.events[i]
                    .joinable
                    .as_ref()
                    .map_or(0, |j| j.posted.len())
            })
            .sum();
        if self.stale > 1024 && self.stale > live {
            let is_active = &self.is_active;
            self.join_index.retain(|_, list| {
                list.retain(|&e| is_active[e as usize]);
                !list.is_empty()
            });
            self.join_index.shrink_to_fit();
            self.stale = 0;
        }
    }

    /// Try to attach event `idx` to the storyline of an earlier, time-separated event on the
    /// same topic.
    fn link(&mut self, idx: usize) {
        let signature: Vec<u32> = self.events[idx]
            .centroid
            .top_terms(SIGNATURE_TERMS)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        // Per earlier event, the number of signature terms it is filed under: counted in a
        // scratch array (no sort of the postings, which hold tens of thousands of entries on a
        // dense stream), then bucketed by that number.
        let counts = &mut self.link_counts;
        counts.resize(self.events.len(), 0);
        let mut touched: Vec<u32> = Vec::new();
        for &j in signature
            .iter()
            .filter_map(|t| self.postings.get(t))
            .flatten()
        {
            let c = &mut counts[j as usize];
            if *c == 0 {
                touched.push(j);
            }
            *c = c.saturating_add(1);
        }
        let mut by_shared: Vec<Vec<u32>> = vec![Vec::new(); SIGNATURE_TERMS + 1];
        for &j in &touched {
            let c = std::mem::take(&mut counts[j as usize]);
            by_shared[usize::from(c).min(SIGNATURE_TERMS)].push(j);
        }
        // Index this event under the signature terms it is not indexed under yet.
        let j = self.events[idx].joinable.get_or_insert_with(Box::default);
        for &t in &signature {
            if !j.indexed.contains(&t) {
                j.indexed.push(t);
                let list = self.postings.entry(t).or_default();
                list.push(idx as u32);
                // A term shared by thousands of events names no storyline; its oldest events
                // are dropped so that the cost of a search does not grow with the stream.
                if list.len() >= 2 * MAX_POSTINGS {
                    list.drain(..MAX_POSTINGS);
                }
            }
        }
        let ev = &self.events[idx];
        let eligible = |j: usize| -> bool {
            if j == idx {
                return false;
            }
            let other = &self.events[j];
            may_be_chapters(
                (ev.first_day, ev.last_day),
                (other.first_day, other.last_day),
                self.opts.link_horizon_days,
            )
        };
        // On a dense stream thousands of events share a few signature terms; an earlier chapter
        // shares many (the cosine threshold needs most of the heavy terms in common), so only
        // the eligible events sharing the most are compared in full — most shared first, then
        // earliest, taken until there are enough.
        let mut candidates: Vec<u32> = Vec::with_capacity(MAX_LINK_CANDIDATES);
        'buckets: for bucket in by_shared.iter_mut().rev() {
            bucket.sort_unstable();
            for &j in bucket.iter() {
                if candidates.len() == MAX_LINK_CANDIDATES {
                    break 'buckets;
                }
                if eligible(j as usize) {
                    candidates.push(j);
                }
            }
        }
        candidates.sort_unstable();
        let mut best: Option<(usize, f32)> = None;
        for j in candidates.into_iter().map(|j| j as usize) {
            let other = &self.events[j];
            let sim = ev.centroid.cosine_with(&other.centroid);
            if sim >= self.opts.link && best.is_none_or(|(_, s)| sim > s) {
                best = Some((j, sim));
            }
        }
        let Some((j, _)) = best else { return };
        // The matched event (usually, but not always, the older one) and this one.
        let (matched, this) = if j < idx {
            let (head, tail) = self.events.split_at_mut(idx);
            (&mut head[j], &mut tail[0])
        } else {
            let (head, tail) = self.events.split_at_mut(j);
            (&mut tail[0], &mut head[idx])
        };
        this.storyline = Some(attach(
            &mut self.storylines,
            (&matched.id, &mut matched.storyline),
            &this.id,
        ));
    }
}

/// Whether two events' day ranges allow one to be a chapter of the other's storyline: when both
/// are dated they must not overlap (overlapping same-topic events are parallel stories, not
/// chapters) and be at most `horizon` days apart.
fn may_be_chapters(
    a: (Option<Day>, Option<Day>),
    b: (Option<Day>, Option<Day>),
    horizon: i64,
) -> bool {
    let ((Some(f), Some(l)), (Some(of), Some(ol))) = (a, b) else {
        return true;
    };
    let apart = if f > ol {
        (f - ol).num_days()
    } else if of > l {
        (of - l).num_days()
    } else {
        0
    };
    apart > 0 && apart <= horizon
}

/// Make `later` the next chapter of the earlier event's storyline, opening the storyline (named
/// `s{n}`) when the earlier event had none; returns the storyline's id.
fn attach(
    storylines: &mut Vec<StorylineState>,
    (earlier, earlier_storyline): (&str, &mut Option<String>),
    later: &str,
) -> String {
    let sid = match earlier_storyline.clone() {
        Some(s) => s,
        None => {
            let s = format!("s{}", storylines.len() + 1);
            storylines.push(StorylineState {
                id: s.clone(),
                events: vec![earlier.to_owned()],
            });
            *earlier_storyline = Some(s.clone());
            s
        }
    };
    // Found by its number, without scanning every storyline of the run.
    if let Some(st) = ordinal(&sid, 's').and_then(|i| storylines.get_mut(i)) {
        st.events.push(later.to_owned());
    }
    sid
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn doc(id: &str, day: &str, title: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            title: Some(title.into()),
            published: (!day.is_empty()).then(|| day.into()),
            text: text.into(),
            ..Document::default()
        }
    }

    const TALKS: &str = "President Ilse Marven of Veldora and Prime Minister Soren Valk of Ostria met in Lisk \
        to discuss sharing the water of the Amber River. The two leaders agreed to keep talking about \
        dam releases and irrigation quotas.";
    const FLOOD: &str =
        "Floods in the Tallin Valley killed twelve people and forced 2,000 residents from \
        their homes after the Tallin River burst its banks. Rescue crews used boats in Marrow.";

    #[test]
    fn same_story_in_different_words_is_one_event_and_other_topics_are_not() {
        let mut c = Clusterer::new(ClusterOptions::default());
        let a = c.push(&doc(
            "a",
            "2026-03-12",
            "Veldora and Ostria open Amber River water talks",
            TALKS,
        ));
        let b = c.push(&doc("b", "2026-03-13", "Marven and Valk meet in Lisk over Amber River water",
            "Veldoran President Ilse Marven and Ostrian Prime Minister Soren Valk held talks in Lisk on \
             the Amber River. Irrigation quotas and dam releases dominated the meeting."));
        let f = c.push(&doc(
            "f",
            "2026-03-13",
            "Tallin Valley floods kill twelve",
            FLOOD,
        ));
        assert_eq!(a.event, b.event);
        assert_ne!(a.event, f.event);
        assert!(a.new_event && !b.new_event && f.new_event);
    }

    /// Talks in March, then a flood three weeks later that closes the talks' event; the
    /// talks' decision.
    fn talks_then_flood(c: &mut Clusterer) -> Decision {
        let talks = c.push(&doc(
            "m",
            "2026-03-12",
            "Veldora and Ostria open Amber River water talks",
            TALKS,
        ));
        c.push(&doc(
            "f",
            "2026-04-02",
            "Tallin Valley floods kill twelve",
            FLOOD,
        ));
        talks
    }

    /// The same leaders sign the deal three months after the talks.
    fn deal() -> Document {
        doc("j", "2026-06-20", "Veldora and Ostria sign Amber River water deal",
            "President Ilse Marven of Veldora and Prime Minister Soren Valk of Ostria signed an agreement \
             in Port Vale on sharing the water of the Amber River, ending talks that began in March.")
    }

    #[test]
    fn same_actors_months_apart_are_two_events_of_one_storyline() {
        let mut c = Clusterer::new(ClusterOptions::default());
        let first = talks_then_flood(&mut c);
        let second = c.push(&deal());
        assert_ne!(first.event, second.event);
        assert!(second.storyline.is_some());
        assert_eq!(c.events()[0].storyline, second.storyline);
        assert_eq!(
            c.events()[1].storyline,
            None,
            "the flood is no chapter of the treaty"
        );
        assert_eq!(c.storylines().len(), 1);
        assert_eq!(c.storylines()[0].events, ["e1", "e3"]);
    }

    #[test]
    fn a_sealed_event_is_still_an_earlier_chapter() {
        let mut c = Clusterer::new(ClusterOptions::default());
        talks_then_flood(&mut c);
        // The caller wrote the talks out: the event keeps only what linking needs.
        assert_eq!(c.take_closed(), ["e1"]);
        c.seal("e1");
        let later = c.push(&deal());
        assert_eq!(later.event, "e3");
        assert_eq!(c.events()[0].storyline, later.storyline);
        assert!(later.storyline.is_some());
        // And no document joins it, however close in content.
        let undated = c.push(&doc(
            "u",
            "",
            "Veldora and Ostria open Amber River water talks",
            TALKS,
        ));
        assert_ne!(undated.event, "e1");
    }

    /// The informer and the bookkeeper of one bank scandal die the same week: reports of both
    /// share nearly every word but the person in the headline.
    fn scandal_deaths() -> Vec<Document> {
        let informer = |id: &str, day: &str, title: &str| {
            doc(id, day, title,
                "Orvo Rask, the bank clerk who leaked the Harbour Bank ledgers to reporters of the Lisk \
                 Courier, died on Tuesday at his home in Lisk. The Harbour Bank scandal brought down the \
                 finance minister and sent three directors to prison. Rask was 88.")
        };
        vec![
            informer("r1", "2026-05-12", "Orvo Rask, informer of the Harbour Bank scandal, dies at 88"),
            informer("r2", "2026-05-12", "Harbour Bank informer Orvo Rask dead at 88"),
            doc("v1", "2026-05-13", "Lena Voss, bookkeeper in the Harbour Bank scandal, dies at 70",
                "Lena Voss, the bookkeeper who kept the Harbour Bank ledgers that reporters of the Lisk \
                 Courier exposed, died on Wednesday in Lisk. The Harbour Bank scandal brought down the \
                 finance minister and sent three directors to prison. Voss was 70."),
            informer("r3", "2026-05-13", "Orvo Rask, who exposed Harbour Bank, has died"),
            // A later report of the informer's death with a new name in its headline: it still
            // names the informer, so it is the same event.
            doc("r4", "2026-05-14", "Judge Ada Kell remembers Harbour Bank informer",
                "Judge Ada Kell, who tried the Harbour Bank directors, paid tribute to Orvo Rask, the \
                 bank clerk who leaked the Harbour Bank ledgers to the Lisk Courier and died on Tuesday."),
        ]
    }

    #[test]
    fn two_deaths_of_one_scandal_are_two_events_told_apart_by_their_headlines() {
        let mut c = Clusterer::new(ClusterOptions::default());
        let got: Vec<String> = scandal_deaths().iter().map(|d| c.push(d).event).collect();
        assert_eq!(got[0], got[1]);
        assert_ne!(got[2], got[0], "the bookkeeper's death is another event");
        assert_eq!(got[3], got[0]);
        assert_eq!(
            got[4], got[0],
            "a new name in the headline alone does not split an event"
        );
    }

    #[test]
    fn headlines_without_a_text_join_their_event() {
        // Feeds often carry a headline and nothing else: its names still count as names.
        let mut c = Clusterer::new(ClusterOptions::default());
        let flood = c.push(&doc(
            "a",
            "2026-04-02",
            "Tallin Valley floods kill twelve",
            FLOOD,
        ));
        let talks = c.push(&doc(
            "m",
            "2026-04-02",
            "Veldora and Ostria open Amber River water talks",
            TALKS,
        ));
        let bare = |id: &str, title: &str| doc(id, "2026-04-03", title, "");
        let h1 = c.push(&bare(
            "h1",
            "Rescue crews in Marrow search for residents missing in Tallin Valley floods",
        ));
        let h2 = c.push(&bare(
            "h2",
            "Marven and Valk to resume Amber River talks in Lisk",
        ));
        assert_eq!(h1.event, flood.event);
        assert_eq!(h2.event, talks.event);
        // Read as a text, the headline's names join the names-and-numbers channel.
        let (_, names, headline) =
            c.terms(&bare("h3", "Crews in Marrow search for missing residents"));
        let marrow = c.term_of("Marrow").unwrap();
        assert!(names.contains(&marrow));
        assert!(
            headline.is_empty(),
            "a headline alone is no evidence of who is missing"
        );
    }

    #[test]
    fn undated_document_joins_by_content() {
        let mut c = Clusterer::new(ClusterOptions::default());
        let a = c.push(&doc(
            "a",
            "2026-04-02",
            "Tallin Valley floods kill twelve",
            FLOOD,
        ));
        c.push(&doc(
            "m",
            "2026-04-03",
            "Veldora and Ostria open Amber River water talks",
            TALKS,
        ));
        let u = c.push(&doc("u", "", "Flood toll in Tallin Valley rises",
            "The number of people killed by floods in the Tallin Valley rose to fifteen on Thursday as \
             rescue crews in Marrow searched for residents missing since the Tallin River burst its banks."));
        assert_eq!(u.event, a.event);
    }

    #[test]
    fn every_document_is_assigned_exactly_once() {
        let mut c = Clusterer::new(ClusterOptions::default());
        for i in 0..30 {
            let text = format!("Story number {i} about topic {} in town {}.", i % 4, i % 7);
            c.push(&doc(&format!("d{i}"), "2026-01-01", "", &text));
        }
        assert_eq!(c.events().iter().map(|e| e.size).sum::<usize>(), 30);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any stream, dated or not, in any order: every document is assigned exactly once,
        /// events are numbered in order of creation, and storylines only hold known events.
        #[test]
        fn every_document_once(docs in prop::collection::vec(("\\PC{0,80}", prop::option::of(0u32..60)), 1..25)) {
            let mut c = Clusterer::new(ClusterOptions::default());
            let mut per_event: BTreeMap<String, usize> = BTreeMap::new();
            let mut closed: BTreeSet<String> = BTreeSet::new();
            for (i, (text, day)) in docs.iter().enumerate() {
                let published = day.map(|d| format!("2026-01-{:02}T00:00:00Z", 1 + d % 28));
                let doc = Document { id: format!("d{i}"), text: text.clone(), published, ..Document::default() };
                let dec = c.push(&doc);
                // Nothing places an undated document in time, so it may join a closed event
                // its caller has not sealed; a dated one never does.
                prop_assert!(day.is_none() || !closed.contains(&dec.event), "joined closed event {}", dec.event);
                *per_event.entry(dec.event).or_default() += 1;
                for e in c.take_closed() {
                    prop_assert!(closed.insert(e), "closed twice");
                }
            }
            // Exactly once: the events' sizes are the decisions, and they add up to the input.
            for e in c.events() {
                prop_assert_eq!(per_event.get(&e.id).copied().unwrap_or(0), e.size);
            }
            prop_assert_eq!(c.events().iter().map(|e| e.size).sum::<usize>(), docs.len());
            for (n, e) in c.events().iter().enumerate() {
                prop_assert_eq!(&e.id, &format!("e{}", n + 1));
            }
            for s in c.storylines() {
                for e in &s.events {
                    prop_assert!(c.events().iter().any(|x| &x.id == e));
                }
            }
        }
    }
}
