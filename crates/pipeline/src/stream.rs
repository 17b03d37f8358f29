//! The digest as a stream, in bounded memory.
//!
//! ```text
//!  reader thread                 this thread (serial)                     rayon pool
//!  ingest ─▶ extract chunk ─▶ reorder ─▶ dedup ─▶ cluster ─▶ closed event ─▶ analyse+summarise
//!  (1,024 pages, parallel,   (4,096     (copies   (online)   (no document      (per event, in
//!   templates per chunk)      by time)   of open                can join it)      parallel) ─▶ sink,
//!                                        events)                                  in closing order
//! ```
//!
//! Nothing in this flow holds the whole input: raw pages are dropped once extracted, a
//! document is kept only while its event is open (it can still receive reports), and an event
//! is finished and handed to the sink as soon as the stream's present has moved a window past
//! its last report. Memory therefore follows how much news is current — the density of the
//! stream — not its length. What stays for the whole run is small per event: the clusterer's
//! compacted topic of each closed event (storylines link to it months later) and the names a
//! storyline title needs.
//!
//! Output is deterministic whatever the number of threads: chunks, the reorder buffer and the
//! clusterer see the same sequence, and finished events are handed out in the order their
//! events closed, not the order their builds complete.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::sync::mpsc;
use std::sync::Arc;

use storyline_cluster::{event_index, Clusterer, StorylineState};
use storyline_dedup::Deduper;
use storyline_extract::Templates;
use storyline_model::{Document, DocumentEntry, Event, RawDocument, Storyline};
use storyline_text::{hash_str, FastMap, FastSet};

use crate::digest::{
    build_event, expand_agency_acronyms, extract_all, Chapters, DigestOptions, KnownNames,
};
use crate::spill::{Parked, Spill};

/// Raw pages extracted together by default; templates are learned per chunk and carried forward.
pub const EXTRACT_CHUNK: usize = 1024;
/// Documents of closed events being analysed at once before reading waits for them.
const MAX_BUILDING: usize = 16_384;

/// Where a document goes in stream order: dated by publication instant, undated last.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StreamKey {
    undated: bool,
    time: f64,
}

impl StreamKey {
    pub(crate) fn of(doc: &Document) -> Self {
        let time = doc.time();
        StreamKey {
            undated: time.is_none(),
            time: time.unwrap_or(0.0),
        }
    }
}

impl Ord for StreamKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.undated
            .cmp(&other.undated)
            .then(self.time.total_cmp(&other.time))
    }
}
impl PartialOrd for StreamKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for StreamKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for StreamKey {}

/// A document waiting in the reorder buffer.
struct Queued {
    key: StreamKey,
    /// Arrival order, the last tie-breaker.
    arrival: u64,
    doc: Document,
}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .cmp(&other.key)
            .then_with(|| self.doc.id.cmp(&other.doc.id))
            .then(self.arrival.cmp(&other.arrival))
    }
}
impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Queued {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Queued {}

/// A document of an open event.
pub(crate) struct Member {
    pub seq: u64,
    /// With an empty `text` while the text is parked (see [`crate::spill`]): the event's build
    /// reads it back.
    pub document: Document,
    pub text: Parked,
    pub duplicate_of: Option<String>,
}

/// An event no document can join any more, with its documents in stream order.
pub(crate) struct ClosedEvent {
    pub id: String,
    /// The storyline it had joined when it closed (a later event may still link it into one).
    pub storyline: Option<String>,
    pub members: Vec<Member>,
}

/// A document as its finished event hands it out.
#[derive(Debug, Clone)]
pub struct FinishedDocument {
    /// Position in stream order (by publication time, as far as the reorder buffer reaches).
    pub seq: u64,
    /// The extracted document; its outlet is inferred from the text when metadata had none.
    pub document: Document,
    pub duplicate_of: Option<String>,
}

impl FinishedDocument {
    pub fn entry(&self) -> DocumentEntry {
        DocumentEntry {
            id: self.document.id.clone(),
            outlet: self.document.outlet.clone(),
            title: self.document.title.clone(),
            published: self.document.published.clone(),
            duplicate_of: self.duplicate_of.clone(),
        }
    }
}

/// An analysed and summarised event with its documents.
#[derive(Debug, Clone)]
pub struct FinishedEvent {
    pub event: Event,
    pub documents: Vec<FinishedDocument>,
}

/// The serial heart of the digest: ids, reorder buffer, dedup and clustering. Push documents
/// in arrival order; get back the events that are finished with.
///
/// A closed event (one the present has moved a window past) is held a little longer rather than
/// handed out at once: an undated document, which nothing places in time, may still join it.
/// Held events are handed out oldest first once they hold more than a budget of documents — so
/// a collection that fits the budget gives exactly what a whole-collection run gives.
pub(crate) struct Digester {
    deduper: Deduper,
    clusterer: Clusterer,
    /// Documents held back to sort by time.
    reorder: usize,
    queue: BinaryHeap<Reverse<Queued>>,
    /// Documents of closed events held before they are handed out.
    hold: usize,
    held: VecDeque<String>,
    /// The same events, for lookups, and the number of documents they hold.
    held_set: FastSet<String>,
    held_docs: usize,
    /// Hashes of the ids given out, so that every document's id is unique.
    ids: FastSet<u64>,
    /// Documents received, and documents taken out of the reorder buffer (stream order).
    arrivals: u64,
    processed: u64,
    /// Documents of open and held events, by event id (lookups only).
    members: FastMap<String, Vec<Member>>,
    /// Where open documents' texts wait.
    spill: Spill,
    /// Event of each document of an open or held event, for copies to follow their canonical.
    event_of: FastMap<String, String>,
}

impl Digester {
    /// For a stream: bounded reorder buffer and hold.
    pub(crate) fn stream(opts: DigestOptions) -> Self {
        let (reorder, hold) = (opts.reorder, opts.hold);
        Self::new(opts, reorder, hold)
    }

    /// For a whole collection: every document sorted first, every event held to the end.
    pub(crate) fn batch(opts: DigestOptions) -> Self {
        Self::new(opts, usize::MAX, usize::MAX)
    }

    fn new(opts: DigestOptions, reorder: usize, hold: usize) -> Self {
        Digester {
            deduper: Deduper::new(opts.dedup),
            clusterer: Clusterer::new(opts.cluster),
            reorder,
            queue: BinaryHeap::new(),
            hold,
            held: VecDeque::new(),
            held_set: FastSet::default(),
            held_docs: 0,
            ids: FastSet::default(),
            arrivals: 0,
            processed: 0,
            members: FastMap::default(),
            event_of: FastMap::default(),
            spill: Spill::default(),
        }
    }

    pub(crate) fn push(&mut self, mut doc: Document) -> Vec<ClosedEvent> {
        // Ids must be unique for citations to mean anything; later duplicates get a suffix.
        let base = doc.id.clone();
        let mut n = 1;
        while !self.ids.insert(hash_str(&doc.id)) {
            n += 1;
            doc.id = format!("{base}#{n}");
        }
        let arrival = self.arrivals;
        self.arrivals += 1;
        self.queue.push(Reverse(Queued {
            key: StreamKey::of(&doc),
            arrival,
            doc,
        }));
        let mut out = Vec::new();
        while self.queue.len() > self.reorder {
            if let Some(Reverse(q)) = self.queue.pop() {
                self.process(q);
            }
        }
        self.release(self.hold, &mut out);
        out
    }

    fn process(&mut self, q: Queued) {
        let Queued { mut doc, .. } = q;
        let seq = self.processed;
        self.processed += 1;
        let duplicate_of = self
            .deduper
            .push_at(&doc.id, &doc.text, doc.time())
            .map(|m| m.canonical);
        // A copy joins its canonical's event; a copy of a document whose event was handed out
        // is placed like any other document.
        let event = match duplicate_of.as_deref().and_then(|c| self.event_of.get(c)) {
            Some(e) => e.clone(),
            None => self.clusterer.push(&doc).event,
        };
        self.event_of.insert(doc.id.clone(), event.clone());
        if self.held_set.contains(&event) {
            // An undated document (or a copy) joining an event already closed.
            self.held_docs += 1;
        }
        let text = self.spill.park(std::mem::take(&mut doc.text));
        let members = self.members.entry(event).or_default();
        members.push(Member {
            seq,
            document: doc,
            text,
            duplicate_of,
        });
        for id in self.clusterer.take_closed() {
            self.held_docs += self.members.get(&id).map_or(0, Vec::len);
            self.held_set.insert(id.clone());
            self.held.push_back(id);
        }
    }

    /// Hand out held events, oldest first, until they hold at most `budget` documents.
    fn release(&mut self, budget: usize, out: &mut Vec<ClosedEvent>) {
        while self.held_docs > budget {
            let Some(id) = self.held.pop_front() else {
                break;
            };
            self.held_set.remove(&id);
            let members = self.members.remove(&id).unwrap_or_default();
            self.held_docs -= members.len();
            self.hand_out(id, members, out);
        }
    }

    fn hand_out(&mut self, id: String, members: Vec<Member>, out: &mut Vec<ClosedEvent>) {
        for m in &members {
            self.event_of.remove(&m.document.id);
            self.spill.release(&m.text);
        }
        self.clusterer.seal(&id);
        let storyline = event_index(&id)
            .and_then(|i| self.clusterer.events().get(i))
            .and_then(|e| e.storyline.clone());
        out.push(ClosedEvent {
            id,
            storyline,
            members,
        });
    }

    /// The end of the stream: every held document processed, then every event handed out —
    /// closed ones in closing order, then the rest in the order they were opened — with the
    /// storylines as the clusterer linked them.
    pub(crate) fn finish(mut self) -> (Vec<ClosedEvent>, Vec<StorylineState>) {
        let mut out = Vec::new();
        while let Some(Reverse(q)) = self.queue.pop() {
            self.process(q);
        }
        self.release(0, &mut out);
        let mut rest: Vec<(String, Vec<Member>)> = self.members.drain().collect();
        rest.sort_by_key(|(id, _)| event_index(id));
        for (id, members) in rest {
            self.hand_out(id, members, &mut out);
        }
        (out, self.clusterer.storylines().to_vec())
    }
}

/// What is done to every finished event before anyone sees it, in closing order: agency
/// acronyms expanded with the full names known so far, the chapter noted for storyline titles.
#[derive(Default)]
pub(crate) struct Finisher {
    /// Outlets and agencies named so far (a few thousand at most).
    names: KnownNames,
    chapters: Chapters,
}

impl Finisher {
    pub(crate) fn finish(&mut self, f: &mut FinishedEvent) {
        for o in f
            .documents
            .iter()
            .filter_map(|d| d.document.outlet.as_deref())
        {
            self.names.insert(o);
        }
        for a in &f.event.attributions {
            self.names.insert(&a.agency);
        }
        expand_agency_acronyms(&mut f.event, &self.names);
        self.chapters.record(&f.event);
    }

    pub(crate) fn storylines(&self, states: &[StorylineState]) -> Vec<Storyline> {
        self.chapters.storylines(states)
    }
}

/// Told how a streaming digest advances (a progress bar). Called from several threads.
pub trait Observer: Sync {
    /// `n` more documents were extracted.
    fn extracted(&self, _n: usize) {}
    /// One more event was finished and handed out.
    fn finished(&self) {}
}

/// An observer that ignores everything.
pub struct Unobserved;
impl Observer for Unobserved {}

/// Run the whole digest over a stream of raw documents in bounded memory, handing each event to
/// `sink` as soon as it is finished (see the module documentation). Returns the run's
/// storylines, complete, once the stream has ended; an error from `sink` stops the run and is
/// returned.
///
/// With a rayon pool of one thread everything runs on the calling thread; otherwise reading and
/// extraction run on their own thread and events are built on the pool, while dedup and
/// clustering run here.
pub fn digest_stream<E>(
    raws: impl Iterator<Item = RawDocument> + Send,
    opts: &DigestOptions,
    templates: &mut Templates,
    observer: &dyn Observer,
    mut sink: impl FnMut(FinishedEvent) -> Result<(), E>,
) -> Result<Vec<Storyline>, E> {
    let mut digester = Digester::stream(opts.clone());
    let mut builder = Builder {
        parallel: rayon::current_num_threads() > 1,
        opts: Arc::new(opts.clone()),
        results: mpsc::channel(),
        issued: 0,
        emitted: 0,
        pending: BTreeMap::new(),
        building: 0,
        finisher: Finisher::default(),
        observer,
    };
    let mut raws = raws;
    let size = opts.chunk.max(1);
    let mut extract_chunk = move || {
        let chunk: Vec<RawDocument> = raws.by_ref().take(size).collect();
        if chunk.is_empty() {
            return None;
        }
        let docs = extract_all(&chunk, templates);
        observer.extracted(docs.len());
        Some(docs)
    };
    if builder.parallel {
        std::thread::scope(|s| {
            let (tx, rx) = mpsc::sync_channel::<Vec<Document>>(2);
            s.spawn(move || {
                while let Some(docs) = extract_chunk() {
                    // The receiver is gone when the sink failed: stop reading.
                    if tx.send(docs).is_err() {
                        break;
                    }
                }
            });
            consume(rx.into_iter(), &mut digester, &mut builder, &mut sink)
        })?;
    } else {
        consume(
            std::iter::from_fn(extract_chunk),
            &mut digester,
            &mut builder,
            &mut sink,
        )?;
    }
    let (closed, states) = digester.finish();
    builder.submit(closed, &mut sink)?;
    builder.drain(0, &mut sink)?;
    Ok(builder.finisher.storylines(&states))
}

fn consume<E>(
    chunks: impl Iterator<Item = Vec<Document>>,
    digester: &mut Digester,
    builder: &mut Builder<'_>,
    sink: &mut impl FnMut(FinishedEvent) -> Result<(), E>,
) -> Result<(), E> {
    for docs in chunks {
        for d in docs {
            let closed = digester.push(d);
            builder.submit(closed, sink)?;
        }
    }
    Ok(())
}

/// A built event with its place in closing order.
type Built = (u64, FinishedEvent);

/// Builds closed events (on the pool when parallel) and hands them out in closing order.
struct Builder<'o> {
    parallel: bool,
    opts: Arc<DigestOptions>,
    results: (mpsc::Sender<Built>, mpsc::Receiver<Built>),
    /// Events submitted, and handed out, so far.
    issued: u64,
    emitted: u64,
    /// Built but waiting for an earlier event to be handed out first.
    pending: BTreeMap<u64, FinishedEvent>,
    /// Documents of the events submitted and not yet handed out.
    building: usize,
    finisher: Finisher,
    observer: &'o dyn Observer,
}

impl Builder<'_> {
    fn submit<E>(
        &mut self,
        closed: Vec<ClosedEvent>,
        sink: &mut impl FnMut(FinishedEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        if closed.is_empty() {
            return Ok(());
        }
        for c in closed {
            let seq = self.issued;
            self.issued += 1;
            self.building += c.members.len();
            if self.parallel {
                let tx = self.results.0.clone();
                let opts = Arc::clone(&self.opts);
                rayon::spawn(move || {
                    // The receiver outlives every build unless the run is abandoned.
                    let _ = tx.send((seq, build_event(c, &opts)));
                });
            } else {
                self.pending.insert(seq, build_event(c, &self.opts));
            }
            // Per event, not per batch: the end of the stream closes every open event at once,
            // and building them all together would hold all their texts and analyses.
            self.drain(MAX_BUILDING, sink)?;
        }
        Ok(())
    }

    /// Hand out what is ready, waiting for builds while more than `limit` documents are in them.
    fn drain<E>(
        &mut self,
        limit: usize,
        sink: &mut impl FnMut(FinishedEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        loop {
            while let Ok((seq, f)) = self.results.1.try_recv() {
                self.pending.insert(seq, f);
            }
            while let Some(mut f) = self.pending.remove(&self.emitted) {
                self.emitted += 1;
                self.building -= f.documents.len();
                self.finisher.finish(&mut f);
                self.observer.finished();
                sink(f)?;
            }
            let waiting = self.building > limit || (limit == 0 && self.emitted < self.issued);
            if !waiting {
                return Ok(());
            }
            match self.results.1.recv() {
                Ok((seq, f)) => {
                    self.pending.insert(seq, f);
                }
                // Unreachable while `self` holds a sender; stop rather than spin.
                Err(_) => return Ok(()),
            }
        }
    }
}
