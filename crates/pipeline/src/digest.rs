//! From raw documents to the digest [`Report`].

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use storyline_analyze::{
    analyze_document, event_attributions, event_entities, event_quotes, link_entities, timeline,
};
use storyline_cluster::{event_index, ClusterOptions, StorylineState};
use storyline_dedup::DedupOptions;
use storyline_extract::{extract, Templates};
use storyline_model::{
    Analysis, ClusterDoc, Day, Document, DocumentEntry, Event, RawDocument, Report, Storyline,
    SummarySentence,
};
use storyline_summarize::{summarize_event, EventSummary, SummaryOptions};

use crate::guard::isolated;
use storyline_text::content_terms;

use crate::spill::Parked;
use crate::stream::{
    ClosedEvent, Digester, FinishedDocument, FinishedEvent, Finisher, Member, StreamKey,
    EXTRACT_CHUNK,
};

/// Days back that a streaming digest looks for the original of a copy.
const COPY_HORIZON_DAYS: f64 = 3.0;

/// Options of a whole digest run.
#[derive(Debug, Clone)]
pub struct DigestOptions {
    /// Word budget of each event summary.
    pub words: usize,
    pub dedup: DedupOptions,
    pub cluster: ClusterOptions,
    /// Streaming only: raw documents extracted together (templates are learned per chunk and
    /// carried forward).
    pub chunk: usize,
    /// Streaming only: documents held back to put a roughly time-ordered stream into order.
    pub reorder: usize,
    /// Streaming only: documents of closed events held back (an undated document may still
    /// join one) before they are finished and handed out.
    pub hold: usize,
}

impl Default for DigestOptions {
    fn default() -> Self {
        let cluster = ClusterOptions::default();
        DigestOptions {
            words: 100,
            // Copies are looked for among the documents of the last few days: syndication
            // follows the original within hours, and each remembered document costs its
            // shingle set, so the horizon is what keeps a dense stream's memory down.
            dedup: DedupOptions {
                horizon_days: Some(COPY_HORIZON_DAYS),
                ..DedupOptions::default()
            },
            cluster,
            chunk: EXTRACT_CHUNK,
            reorder: 4096,
            hold: 4096,
        }
    }
}

/// Extract a batch of raw documents (in parallel), then learn the sites' templates across the
/// batch and strip what they learned. `templates` carries what earlier batches and runs learned
/// (`--db`) and comes back enriched, so a stream is extracted chunk by chunk with the same result
/// for each chunk as if it had been the whole input so far.
pub fn extract_all(raws: &[RawDocument], templates: &mut Templates) -> Vec<Document> {
    let mut docs: Vec<Document> = raws
        .par_iter()
        .filter_map(|raw| match isolated(|| extract(raw)) {
            Ok(mut d) => {
                if d.published.is_none() {
                    d.published.clone_from(&raw.fallback_published);
                }
                Some(d)
            }
            Err(reason) => {
                tracing::error!(doc = %raw.id, %reason, "internal error in extraction; document skipped");
                None
            }
        })
        .collect();
    let learned = Templates::learn(&docs);
    templates.absorb(learned);
    let removed: usize = docs.iter_mut().map(|d| templates.apply(d)).sum();
    tracing::debug!(removed, "template lines stripped");
    docs
}

/// Stream order for a batch: by publication instant (offsets normalised, a bare date counting as
/// its midday), undated documents last, then by id — so that the first copy of a group is the
/// earliest and clustering sees time move forward.
pub fn stream_order(docs: &[Document]) -> Vec<usize> {
    let keys: Vec<StreamKey> = docs.iter().map(StreamKey::of).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| docs[a].id.cmp(&docs[b].id))
    });
    order
}

/// Everything a digest run produced: the report and the documents it cites.
#[derive(Debug, Clone)]
pub struct Digested {
    pub report: Report,
    /// Extracted documents, by id: citations point into their `text`.
    pub documents: BTreeMap<String, Document>,
}

/// Run dedup, clustering, analysis and summaries over a whole collection of extracted
/// documents at once: the streaming digester with an unbounded reorder buffer (so the order is
/// exactly [`stream_order`]), every event built in parallel at the end, and the report with
/// complete storylines. The database and the server use this; `digest` without `--db` streams.
pub fn build_report(docs: Vec<Document>, opts: &DigestOptions) -> Digested {
    let mut digester = Digester::batch(opts.clone());
    let mut closed = Vec::new();
    for d in docs {
        closed.extend(digester.push(d));
    }
    let (rest, states) = digester.finish();
    closed.extend(rest);
    let finished: Vec<FinishedEvent> = closed
        .into_par_iter()
        .map(|c| build_event(c, opts))
        .collect();
    let mut finisher = Finisher::default();
    let mut report = ReportBuilder::default();
    let mut documents = BTreeMap::new();
    for mut f in finished {
        finisher.finish(&mut f);
        for d in report.add(f) {
            documents.insert(d.document.id.clone(), d.document);
        }
    }
    let report = report.finish(finisher.storylines(&states));
    Digested { report, documents }
}

/// Gathers finished events into one [`Report`]: documents in stream order, events newest
/// first, each event with the storyline that the whole run linked it into.
#[derive(Default)]
pub struct ReportBuilder {
    entries: Vec<(u64, DocumentEntry)>,
    events: Vec<Event>,
}

impl ReportBuilder {
    /// Take the event's report entries; its documents are given back for the caller to keep
    /// (citations point into them) or drop.
    pub fn add(&mut self, f: FinishedEvent) -> Vec<FinishedDocument> {
        self.entries
            .extend(f.documents.iter().map(|d| (d.seq, d.entry())));
        self.events.push(f.event);
        f.documents
    }

    pub fn finish(self, storylines: Vec<Storyline>) -> Report {
        let ReportBuilder {
            mut entries,
            mut events,
        } = self;
        let storyline_of: BTreeMap<&str, &str> = storylines
            .iter()
            .flat_map(|s| s.events.iter().map(|e| (e.as_str(), s.id.as_str())))
            .collect();
        for e in &mut events {
            // Complete now: an event knows the storyline later events linked it into.
            e.storyline = storyline_of.get(e.id.as_str()).map(|s| (*s).to_owned());
        }
        entries.sort_by_key(|(seq, _)| *seq);
        // Newest first, as a reader scans news.
        events.sort_by(|a, b| {
            b.last_published
                .cmp(&a.last_published)
                .then_with(|| a.id.cmp(&b.id))
        });
        Report {
            documents: entries.into_iter().map(|(_, e)| e).collect(),
            events,
            storylines,
        }
    }
}

/// A document of an event grouped outside this process, with its stream position and the
/// canonical document it copies.
#[derive(Debug, Clone)]
pub struct GroupedDocument {
    pub seq: u64,
    pub document: Document,
    pub duplicate_of: Option<String>,
}

/// Builds the reports of events whose documents were grouped elsewhere — the merged time
/// windows of a distributed run (docs/SCALING.md) — the way `digest` builds its own: one
/// analysis, summary and agency naming for both.
pub struct EventBuilder {
    opts: DigestOptions,
    finisher: Finisher,
}

impl EventBuilder {
    pub fn new(opts: DigestOptions) -> Self {
        EventBuilder {
            opts,
            finisher: Finisher::default(),
        }
    }

    /// The finished event `id` of `documents` (in stream order), in `storyline` if one is known.
    pub fn build(
        &mut self,
        id: String,
        storyline: Option<String>,
        documents: Vec<GroupedDocument>,
    ) -> FinishedEvent {
        let members = documents
            .into_iter()
            .map(|mut d| {
                let text = std::mem::take(&mut d.document.text);
                Member {
                    seq: d.seq,
                    document: d.document,
                    text: Parked::Memory(text),
                    duplicate_of: d.duplicate_of,
                }
            })
            .collect();
        let mut f = build_event(
            ClosedEvent {
                id,
                storyline,
                members,
            },
            &self.opts,
        );
        self.finisher.finish(&mut f);
        f
    }
}

/// Analyse and summarise one closed event. Analysis runs per event so that aliases merge and
/// undated documents borrow the event's dates; outlets inferred from the text fill in where the
/// metadata had none.
pub(crate) fn build_event(closed: ClosedEvent, opts: &DigestOptions) -> FinishedEvent {
    let ClosedEvent {
        id,
        storyline,
        members,
    } = closed;
    let mut ev_docs: Vec<Document> = Vec::with_capacity(members.len());
    let mut meta: Vec<(u64, Option<String>)> = Vec::with_capacity(members.len());
    for m in members {
        let mut document = m.document;
        match m.text.read() {
            Ok(text) => document.text = text,
            // Only if the temporary file failed under us; the document is still reported.
            Err(error) => {
                tracing::error!(doc = %document.id, %error, "lost the parked text of a document");
            }
        }
        ev_docs.push(document);
        meta.push((m.seq, m.duplicate_of));
    }
    let days: Vec<Day> = ev_docs.iter().filter_map(Document::day).collect();
    let reference = median_day(&days);
    let mut analyses: Vec<Analysis> = ev_docs
        .iter()
        .map(|d| {
            isolated(|| analyze_document(d, d.day().or(reference))).unwrap_or_else(|reason| {
                tracing::error!(doc = %d.id, %reason, "internal error in analysis; document reported without it");
                Analysis {
                    id: d.id.clone(),
                    ..Analysis::default()
                }
            })
        })
        .collect();
    link_entities(&ev_docs, &mut analyses);
    for (d, a) in ev_docs.iter_mut().zip(&analyses) {
        if d.outlet.is_none() {
            d.outlet.clone_from(&a.outlet);
        }
    }
    let cluster_docs: Vec<ClusterDoc> = ev_docs
        .iter()
        .map(|d| ClusterDoc {
            id: d.id.clone(),
            text: d.text.clone(),
            outlet: d.outlet.clone(),
            published: d.published.clone(),
            title: d.title.clone(),
        })
        .collect();
    let mut outlets: Vec<String> = Vec::new();
    for o in ev_docs.iter().filter_map(|d| d.outlet.as_ref()) {
        if !outlets.contains(o) {
            outlets.push(o.clone());
        }
    }
    let summarized = isolated(|| {
        summarize_event(&cluster_docs, &SummaryOptions { words: opts.words })
    })
    .unwrap_or_else(|reason| {
        tracing::error!(event = %id, %reason, "internal error in the summary; event reported without it");
        EventSummary {
            summary: Vec::new(),
            exclusives: Vec::new(),
        }
    });
    let event = Event {
        id,
        title: event_title(&ev_docs, &summarized.summary),
        storyline,
        documents: ev_docs.iter().map(|d| d.id.clone()).collect(),
        outlets,
        first_published: days.iter().min().map(|d| d.to_string()),
        last_published: days.iter().max().map(|d| d.to_string()),
        summary: summarized.summary,
        quotes: event_quotes(&ev_docs, &analyses),
        entities: event_entities(&ev_docs, &analyses),
        timeline: timeline(&ev_docs, &analyses),
        attributions: event_attributions(&ev_docs, &analyses),
        exclusives: if outlet_count(&ev_docs) > 1 {
            summarized.exclusives
        } else {
            Vec::new()
        },
    };
    let documents = ev_docs
        .into_iter()
        .zip(meta)
        .map(|(document, (seq, duplicate_of))| FinishedDocument {
            seq,
            document,
            duplicate_of,
        })
        .collect();
    FinishedEvent { event, documents }
}

/// Outlets and agencies named so far in a run, with the multi-word ones filed by their initials
/// so that an acronym finds what it may stand for without a pass over every name.
#[derive(Debug, Default)]
pub(crate) struct KnownNames {
    names: BTreeSet<String>,
    by_initials: BTreeMap<String, BTreeSet<String>>,
}

impl KnownNames {
    pub(crate) fn insert(&mut self, name: &str) {
        if self.names.contains(name) {
            return;
        }
        self.names.insert(name.to_owned());
        if name.contains(' ') {
            let initials: String = name
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            self.by_initials
                .entry(initials)
                .or_default()
                .insert(name.to_owned());
        }
    }

    /// The one full name whose initials `acronym` spells, if exactly one does.
    fn spelled_by(&self, acronym: &str) -> Option<&String> {
        match self.by_initials.get(acronym) {
            Some(names) if names.len() == 1 => names.iter().next(),
            _ => None,
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for KnownNames {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut known = KnownNames::default();
        for n in iter {
            known.insert(n.as_ref());
        }
        known
    }
}

/// An event whose own text only says "(BPA)" should still credit the Boreal Press Agency when
/// the rest of the run names it: an all-capitals agency is replaced by the one full name (an
/// outlet or an agency credited elsewhere, from `known`) whose initials it spells, if exactly one
/// does.
pub(crate) fn expand_agency_acronyms(ev: &mut Event, known: &KnownNames) {
    {
        let mut merged: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for a in std::mem::take(&mut ev.attributions) {
            let is_acronym =
                a.agency.len() >= 2 && a.agency.chars().all(|c| c.is_ascii_uppercase());
            let name = match is_acronym.then(|| known.spelled_by(&a.agency)).flatten() {
                Some(full) => full.clone(),
                None => a.agency,
            };
            if !merged.contains_key(&name) {
                order.push(name.clone());
            }
            merged.entry(name).or_default().extend(a.documents);
        }
        ev.attributions = order
            .into_iter()
            .map(|agency| {
                let documents = merged
                    .remove(&agency)
                    .unwrap_or_default()
                    .into_iter()
                    .collect();
                storyline_model::EventAttribution { agency, documents }
            })
            .collect();
        // Most-cited first.
        ev.attributions.sort_by(|a, b| {
            b.documents
                .len()
                .cmp(&a.documents.len())
                .then_with(|| a.agency.cmp(&b.agency))
        });
    }
}

fn outlet_count(docs: &[Document]) -> usize {
    docs.iter()
        .filter_map(|d| d.outlet.as_deref())
        .collect::<BTreeSet<_>>()
        .len()
}

fn median_day(days: &[Day]) -> Option<Day> {
    let mut d = days.to_vec();
    d.sort();
    d.get(d.len() / 2).copied()
}

/// The headline that best represents the event: the one sharing most terms with the other
/// headlines (a consensus headline), earliest on ties. Without headlines, the summary's opening
/// sentence (it states the event and is never page furniture), made headline-sized.
fn event_title(docs: &[Document], summary: &[SummarySentence]) -> String {
    let titles: Vec<(usize, BTreeSet<String>)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            d.title
                .as_deref()
                .map(|t| (i, content_terms(t).into_iter().collect()))
        })
        .collect();
    // The terms a headline shares with each other headline, summed, are its terms' counts of
    // other headlines using them: linear in the headlines, however many reports the event has.
    let mut used_by: BTreeMap<&str, usize> = BTreeMap::new();
    for t in titles.iter().flat_map(|(_, terms)| terms) {
        *used_by.entry(t.as_str()).or_default() += 1;
    }
    let best = titles
        .iter()
        .map(|(i, terms)| {
            let score: usize = terms
                .iter()
                .map(|t| used_by.get(t.as_str()).map_or(0, |n| n - 1))
                .sum();
            (score, std::cmp::Reverse(*i))
        })
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    if let Some(t) = best.and_then(|i| docs[i].title.clone()) {
        return t;
    }
    let first_sentence = |text: &str| {
        storyline_text::sentences(text)
            .first()
            .map(|r| text[r.clone()].to_owned())
    };
    summary
        .first()
        .and_then(|s| first_sentence(&s.text))
        .or_else(|| docs.first().and_then(|d| first_sentence(&d.text)))
        .map_or_else(|| "Untitled event".to_owned(), |s| headline_sized(&s))
}

/// Longest title made from a sentence, in characters.
const TITLE_CHARS: usize = 120;

/// A sentence as a title: without a leading dateline ("ROME — ", "PORT VALE, Veldora (BPA) — ")
/// and, when long, cut after a clause (or else a word) before [`TITLE_CHARS`] with "…".
fn headline_sized(sentence: &str) -> String {
    let mut s = sentence.trim();
    if let Some(dash) = s.char_indices().take(60).find_map(|(i, c)| {
        (matches!(c, '—' | '–') || s[i..].starts_with(" - ") || s[i..].starts_with(" --"))
            .then_some(i)
    }) {
        let head = &s[..dash];
        // A city in capitals, or an agency in brackets ("(CNN) -- …").
        let shouts = head
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase))
            || (head.starts_with('(') && head.trim_end().ends_with(')'));
        if shouts {
            s = s[dash..].trim_start_matches(['—', '–', '-', ' ']);
        }
    }
    if s.chars().count() <= TITLE_CHARS {
        return s.to_owned();
    }
    let limit = s
        .char_indices()
        .nth(TITLE_CHARS)
        .map_or(s.len(), |(i, _)| i);
    let head = &s[..limit];
    let clause = head
        .rfind([',', ';', ':'])
        .filter(|&i| head[..i].chars().count() >= TITLE_CHARS / 2);
    let cut = clause.or_else(|| head.rfind(' ')).unwrap_or(limit);
    format!("{}…", head[..cut].trim_end())
}

/// Names a chapter keeps for its storyline's title: its most mentioned ones. Kept for every
/// event of a run (a storyline can claim an event long after it was written out), so small.
const CHAPTER_NAMES: usize = 12;

/// What naming a storyline needs of one event.
struct Chapter {
    title: String,
    /// (lowercased name, name as written, mentions), most mentioned first.
    names: Vec<(String, String, usize)>,
}

/// Where one chapter is in [`Chapters`]' buffers.
#[derive(Clone, Copy)]
struct Slot {
    text_start: usize,
    text_len: u32,
    names_start: u32,
    names: u8,
}

/// The chapters of a run until storylines are named at its end. Every event's chapter is kept (a
/// storyline can claim an event long after it was written out), so they are packed one after
/// another in growing buffers: a few hundred bytes an event and no allocation of its own, which
/// on a long stream would also scatter long-lived blocks among short-lived ones.
#[derive(Default)]
pub struct Chapters {
    /// Each chapter's headline followed by its names, one chapter after another.
    text: String,
    /// Per name: its length in `text` and its mentions.
    names: Vec<(u32, u32)>,
    /// By event position ([`event_index`]: `e12` is at 11).
    slots: Vec<Option<Slot>>,
}

impl Chapters {
    pub fn record(&mut self, ev: &Event) {
        // Event ids are the clusterer's.
        let Some(n) = event_index(&ev.id) else {
            return;
        };
        let mut names: Vec<(String, &str, usize)> = ev
            .entities
            .iter()
            .map(|e| (e.name.to_lowercase(), e.name.as_str(), e.mentions))
            .collect();
        names.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        names.truncate(CHAPTER_NAMES);
        let text_start = self.text.len();
        let Ok(names_start) = u32::try_from(self.names.len()) else {
            return;
        };
        self.text.push_str(&ev.title);
        let mut count = 0u8;
        for (_, name, mentions) in &names {
            // Names and counts of one event are far below u32::MAX.
            let (Ok(len), Ok(m)) = (u32::try_from(name.len()), u32::try_from(*mentions)) else {
                continue;
            };
            self.text.push_str(name);
            self.names.push((len, m));
            count += 1;
        }
        let Ok(text_len) = u32::try_from(self.text.len() - text_start) else {
            self.text.truncate(text_start);
            self.names.truncate(names_start as usize);
            return;
        };
        if self.slots.len() <= n {
            self.slots.resize(n + 1, None);
        }
        self.slots[n] = Some(Slot {
            text_start,
            text_len,
            names_start,
            names: count,
        });
    }

    fn chapter(&self, event: &str) -> Option<Chapter> {
        let n = event_index(event)?;
        let slot = (*self.slots.get(n)?)?;
        let text = self
            .text
            .get(slot.text_start..slot.text_start + slot.text_len as usize)?;
        let names = self
            .names
            .get(slot.names_start as usize..slot.names_start as usize + usize::from(slot.names))?;
        let title_len = text.len() - names.iter().map(|&(l, _)| l as usize).sum::<usize>();
        let (title, mut rest) = text.split_at(title_len);
        let names = names
            .iter()
            .map(|&(len, mentions)| {
                let (name, tail) = rest.split_at(len as usize);
                rest = tail;
                (name.to_lowercase(), name.to_owned(), mentions as usize)
            })
            .collect();
        Some(Chapter {
            title: title.to_owned(),
            names,
        })
    }

    /// The run's storylines with our event ids and a title each, from the clusterer's links.
    pub fn storylines(&self, states: &[StorylineState]) -> Vec<Storyline> {
        states
            .iter()
            .map(|st| {
                let chapters: Vec<Chapter> =
                    st.events.iter().filter_map(|e| self.chapter(e)).collect();
                Storyline {
                    id: st.id.clone(),
                    title: storyline_title(&chapters),
                    events: st.events.clone(),
                }
            })
            .collect()
    }
}

/// A storyline is named by who and what all its chapters share: the names found in every
/// chapter, most mentioned first ("Lisk River · Veldora · Ostria"). Without three shared names,
/// the first chapter's headline reduced to the words the later headlines repeat.
fn storyline_title(chapters: &[Chapter]) -> String {
    let Some(first) = chapters.first() else {
        return String::new();
    };
    let mut shared: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (key, name, _) in &first.names {
        shared.insert(key.clone(), (0, name.clone()));
    }
    for ch in chapters {
        let names: BTreeMap<&str, usize> =
            ch.names.iter().map(|(k, _, m)| (k.as_str(), *m)).collect();
        shared.retain(|k, _| names.contains_key(k.as_str()));
        for (k, v) in shared.iter_mut() {
            v.0 += names.get(k.as_str()).copied().unwrap_or(0);
        }
    }
    let mut ranked: Vec<(usize, String)> = shared.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    if ranked.len() >= 3 {
        return ranked
            .iter()
            .take(3)
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
    }
    let titles: Vec<&str> = chapters.iter().map(|e| e.title.as_str()).collect();
    let others: BTreeSet<String> = titles[1..].iter().flat_map(|t| content_terms(t)).collect();
    let kept: Vec<&str> = first
        .title
        .split_whitespace()
        .filter(|w| {
            let terms = content_terms(w);
            !terms.is_empty() && terms.iter().all(|t| others.contains(t))
        })
        .collect();
    if kept.len() >= 2 {
        kept.join(" ")
    } else {
        first.title.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{EntityKind, EventAttribution, EventEntity};

    fn event(credits: &[(&str, &[&str])]) -> Event {
        Event {
            id: "e1".into(),
            title: String::new(),
            storyline: None,
            documents: vec![],
            outlets: vec![],
            first_published: None,
            last_published: None,
            summary: vec![],
            quotes: vec![],
            entities: vec![],
            timeline: vec![],
            attributions: credits
                .iter()
                .map(|(a, d)| EventAttribution {
                    agency: (*a).into(),
                    documents: d.iter().map(|x| (*x).into()).collect(),
                })
                .collect(),
            exclusives: vec![],
        }
    }

    #[test]
    fn a_sentence_made_a_title_loses_its_dateline_and_its_length() {
        assert_eq!(
            headline_sized(
                "PORT VALE, Veldora (BPA) — The ferry to Lindholm sailed again on Monday."
            ),
            "The ferry to Lindholm sailed again on Monday."
        );
        assert_eq!(
            headline_sized("(BPA) -- The ferry to Lindholm sailed again on Monday."),
            "The ferry to Lindholm sailed again on Monday."
        );
        assert_eq!(
            headline_sized("Storm Ingrid - the third this winter - closed the port."),
            "Storm Ingrid - the third this winter - closed the port.",
            "a dash inside the sentence is no dateline"
        );
        let long = "The ferry to Lindholm sailed again on Monday after three weeks in dock, \
                    carrying 212 passengers and a cargo of timber for the new school in the harbour town.";
        assert_eq!(
            headline_sized(long),
            "The ferry to Lindholm sailed again on Monday after three weeks in dock…"
        );
        let title = headline_sized(&"word ".repeat(60));
        assert!(
            title.ends_with("word…") && title.chars().count() <= TITLE_CHARS + 1,
            "{title}"
        );
    }

    #[test]
    fn storyline_titles_come_from_the_packed_chapters() {
        let chapter = |id: &str, title: &str, names: &[(&str, usize)]| {
            let mut e = event(&[]);
            e.id = id.into();
            e.title = title.into();
            e.entities = names
                .iter()
                .map(|(n, m)| EventEntity {
                    name: (*n).into(),
                    kind: EntityKind::Other,
                    aliases: vec![],
                    mentions: *m,
                })
                .collect();
            e
        };
        let mut chapters = Chapters::default();
        // Written out in closing order, not in event order.
        chapters.record(&chapter(
            "e7",
            "Treaty signed on the Lisk",
            &[
                ("Veldora", 9),
                ("Ostria", 7),
                ("Lisk River", 4),
                ("Port Vale", 2),
            ],
        ));
        chapters.record(&chapter(
            "e2",
            "Talks open on the Lisk",
            &[
                ("Ostria", 5),
                ("Veldora", 5),
                ("Lisk River", 3),
                ("Amber Dam", 1),
            ],
        ));
        chapters.record(&chapter("e3", "Floods in Tallin", &[("Tallin", 3)]));
        let lines = chapters.storylines(&[
            StorylineState {
                id: "s1".into(),
                events: vec!["e2".into(), "e7".into()],
            },
            StorylineState {
                id: "s2".into(),
                events: vec!["e3".into(), "e9".into()],
            },
        ]);
        // The names every chapter shares, most mentioned first.
        assert_eq!(lines[0].title, "Veldora · Ostria · Lisk River");
        // Too few shared names: the first chapter's headline (an unknown chapter is skipped).
        assert_eq!(lines[1].title, "Floods in Tallin");
        assert_eq!(lines[1].events, ["e3", "e9"]);
    }

    #[test]
    fn acronyms_take_the_one_full_name_they_spell() {
        let mut events = vec![
            event(&[
                ("BPA", &["a"]),
                ("Boreal Press Agency", &["b"]),
                ("Strand News Service", &["c"]),
            ]),
            event(&[("XYZ", &["d"])]),
        ];
        let names: KnownNames = ["Boreal Press Agency", "Strand News Service"]
            .into_iter()
            .collect();
        for e in &mut events {
            expand_agency_acronyms(e, &names);
        }
        let first: Vec<(&str, usize)> = events[0]
            .attributions
            .iter()
            .map(|a| (a.agency.as_str(), a.documents.len()))
            .collect();
        assert_eq!(
            first,
            [("Boreal Press Agency", 2), ("Strand News Service", 1)]
        );
        assert_eq!(
            events[1].attributions[0].agency, "XYZ",
            "no full name spells it: kept"
        );
    }
}
