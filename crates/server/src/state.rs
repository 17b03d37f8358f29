//! What handlers share: the archive for writes, and a read view swapped whole after each write.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use storyline_model::{parse_published, published_days, Event};
use storyline_pipeline::{Archive, Snapshot};
use storyline_store::search::SearchIndex;

#[derive(Clone)]
pub struct AppState {
    /// Held for the whole of an ingest, so writes are applied one at a time.
    pub archive: Arc<tokio::sync::Mutex<Archive>>,
    view: Arc<RwLock<Arc<View>>>,
    pub index: SearchIndex,
}

impl AppState {
    pub fn new(archive: Archive) -> Self {
        let view = View::new(archive.snapshot());
        AppState {
            index: archive.index().clone(),
            archive: Arc::new(tokio::sync::Mutex::new(archive)),
            view: Arc::new(RwLock::new(Arc::new(view))),
        }
    }

    /// The current view; the lock is held only to clone an `Arc`.
    pub fn view(&self) -> Arc<View> {
        let guard = self
            .view
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Arc::clone(&guard)
    }

    pub fn publish(&self, view: View) {
        let mut guard = self
            .view
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = Arc::new(view);
    }
}

/// A snapshot with the lookups the handlers need, built once per snapshot rather than per
/// request. Indices point into `snapshot.report`.
pub struct View {
    pub snapshot: Arc<Snapshot>,
    /// Events newest first (by last publication), then by id.
    pub events_newest: Vec<usize>,
    pub event_by_id: BTreeMap<String, usize>,
    /// The event each document belongs to; a duplicate belongs to its original's event.
    pub event_of_doc: BTreeMap<String, usize>,
    pub entry_by_doc: BTreeMap<String, usize>,
    pub storyline_by_id: BTreeMap<String, usize>,
    /// Documents per publication day, `YYYY-MM-DD`.
    pub volume: BTreeMap<String, usize>,
    pub undated: usize,
}

impl View {
    pub fn new(snapshot: Arc<Snapshot>) -> View {
        let report = &snapshot.report;
        let mut events_newest: Vec<usize> = (0..report.events.len()).collect();
        events_newest.sort_by(|&a, &b| newest_first(&report.events[a], &report.events[b]));
        let event_by_id = report
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut event_of_doc: BTreeMap<String, usize> = BTreeMap::new();
        for (i, e) in report.events.iter().enumerate() {
            for d in &e.documents {
                event_of_doc.insert(d.clone(), i);
            }
        }
        for entry in &report.documents {
            if let Some(orig) = &entry.duplicate_of {
                if let Some(&i) = event_of_doc.get(orig) {
                    event_of_doc.entry(entry.id.clone()).or_insert(i);
                }
            }
        }
        let entry_by_doc = report
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let storyline_by_id = report
            .storylines
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut volume: BTreeMap<String, usize> = BTreeMap::new();
        let mut undated = 0;
        for doc in snapshot.documents.values() {
            match doc.day() {
                Some(day) => *volume.entry(day.to_string()).or_default() += 1,
                None => undated += 1,
            }
        }
        View {
            events_newest,
            event_by_id,
            event_of_doc,
            entry_by_doc,
            storyline_by_id,
            volume,
            undated,
            snapshot,
        }
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.event_by_id
            .get(id)
            .map(|&i| &self.snapshot.report.events[i])
    }
}

/// Newest last publication first; undated events last; ties by id, so listings are stable.
pub fn newest_first(a: &Event, b: &Event) -> Ordering {
    let time = |e: &Event| e.last_published.as_deref().and_then(published_days);
    match (time(a), time(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// Oldest first publication first, for reading a storyline in order.
pub fn oldest_first(a: &Event, b: &Event) -> Ordering {
    let time = |e: &Event| e.first_published.as_deref().and_then(published_days);
    match (time(a), time(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// Whether the event's publication range `[first, last]` meets the day range `[from, to]`.
/// An event without dates meets no bounded range.
pub fn in_range(
    e: &Event,
    from: Option<storyline_model::Day>,
    to: Option<storyline_model::Day>,
) -> bool {
    let first = e.first_published.as_deref().and_then(parse_published);
    let last = e.last_published.as_deref().and_then(parse_published);
    let after_from = match from {
        None => true,
        Some(f) => last.or(first).is_some_and(|l| l >= f),
    };
    let before_to = match to {
        None => true,
        Some(t) => first.or(last).is_some_and(|s| s <= t),
    };
    after_from && before_to
}
