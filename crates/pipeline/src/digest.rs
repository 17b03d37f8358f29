//! From raw documents to the digest [`Report`].

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use storyline_analyze::{
    analyze_document, event_attributions, event_entities, event_quotes, link_entities, timeline,
};
use storyline_cluster::{ClusterOptions, Clusterer};
use storyline_dedup::{DedupOptions, Deduper};
use storyline_extract::{extract, Templates};
use storyline_model::{
    Analysis, ClusterDoc, Day, Document, DocumentEntry, Event, RawDocument, Report, Storyline,
};
use storyline_summarize::{exclusives, summarize, SummaryOptions};
use storyline_text::content_terms;

/// Options of a whole digest run.
#[derive(Debug, Clone)]
pub struct DigestOptions {
    /// Word budget of each event summary.
    pub words: usize,
    pub dedup: DedupOptions,
    pub cluster: ClusterOptions,
}

impl Default for DigestOptions {
    fn default() -> Self {
        DigestOptions {
            words: 100,
            dedup: DedupOptions::default(),
            cluster: ClusterOptions::default(),
        }
    }
}

/// Extract every raw document (in parallel), then learn the sites' templates across all of them
/// and strip what they learned. `templates` carries what earlier runs learned (`--db`) and comes
/// back enriched.
pub fn extract_all(raws: &[RawDocument], templates: &mut Templates) -> Vec<Document> {
    let mut docs: Vec<Document> = raws
        .par_iter()
        .map(|raw| {
            let mut d = extract(raw);
            if d.published.is_none() {
                d.published.clone_from(&raw.fallback_published);
            }
            d
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
    let times: Vec<Option<f64>> = docs.iter().map(Document::time).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (times[a], times[b]);
        ta.is_none()
            .cmp(&tb.is_none())
            .then(ta.unwrap_or(0.0).total_cmp(&tb.unwrap_or(0.0)))
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

/// Run dedup, clustering, analysis and summaries over extracted documents.
pub fn build_report(mut docs: Vec<Document>, opts: &DigestOptions) -> Digested {
    // Ids must be unique for citations to mean anything; later duplicates get a suffix.
    let mut seen = BTreeSet::new();
    for d in &mut docs {
        let mut id = d.id.clone();
        let mut n = 1;
        while !seen.insert(id.clone()) {
            n += 1;
            id = format!("{}#{n}", d.id);
        }
        d.id = id;
    }
    let order = stream_order(&docs);

    // Dedup in stream order: the first copy is the canonical one.
    let mut deduper = Deduper::new(opts.dedup.clone());
    let mut duplicate_of: Vec<Option<String>> = vec![None; docs.len()];
    for &i in &order {
        duplicate_of[i] = deduper
            .push(&docs[i].id, &docs[i].text)
            .map(|m| m.canonical);
    }

    // Cluster originals online; copies follow their canonical document.
    let index: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut clusterer = Clusterer::new(opts.cluster.clone());
    let mut event_of: Vec<usize> = vec![usize::MAX; docs.len()];
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut event_index: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &order {
        let event = match duplicate_of[i].as_deref().and_then(|c| index.get(c)) {
            Some(&c) => event_of[c],
            None => {
                let decision = clusterer.push(&docs[i]);
                let next = event_index.len();
                *event_index.entry(decision.event).or_insert(next)
            }
        };
        if event >= members.len() {
            members.resize(event + 1, Vec::new());
        }
        members[event].push(i);
        event_of[i] = event;
    }

    // Events are independent from here on: analyse and summarise them in parallel. Analysis
    // runs per event so that aliases merge and undated documents borrow the event's dates.
    let built: Vec<(Event, Vec<Option<String>>)> = members
        .par_iter()
        .enumerate()
        .map(|(ev, idx)| build_event(ev, idx, &docs, opts))
        .collect();
    let mut events = Vec::with_capacity(built.len());
    for ((event, outlets), idx) in built.into_iter().zip(&members) {
        // Outlets inferred from text fill in where metadata had none.
        for (&i, outlet) in idx.iter().zip(outlets) {
            docs[i].outlet = outlet;
        }
        events.push(event);
    }
    expand_agency_acronyms(&mut events, &docs);

    // Storylines: renumber with our event ids, title from the events they link.
    let state_to_event: BTreeMap<&str, usize> =
        event_index.iter().map(|(k, &v)| (k.as_str(), v)).collect();
    let mut storylines = Vec::new();
    for (n, st) in clusterer.storylines().iter().enumerate() {
        let ev_ids: Vec<usize> = st
            .events
            .iter()
            .filter_map(|e| state_to_event.get(e.as_str()).copied())
            .collect();
        let id = format!("s{}", n + 1);
        for &e in &ev_ids {
            events[e].storyline = Some(id.clone());
        }
        let chapters: Vec<&Event> = ev_ids.iter().map(|&e| &events[e]).collect();
        storylines.push(Storyline {
            id,
            title: storyline_title(&chapters),
            events: ev_ids.iter().map(|&e| events[e].id.clone()).collect(),
        });
    }
    // Events no storyline claims keep none (the clusterer's ids were replaced above).
    let linked: BTreeSet<String> = storylines.iter().flat_map(|s| s.events.clone()).collect();
    for e in &mut events {
        if !linked.contains(&e.id) {
            e.storyline = None;
        }
    }

    let documents: Vec<DocumentEntry> = order
        .iter()
        .map(|&i| DocumentEntry {
            id: docs[i].id.clone(),
            outlet: docs[i].outlet.clone(),
            title: docs[i].title.clone(),
            published: docs[i].published.clone(),
            duplicate_of: duplicate_of[i].clone(),
        })
        .collect();
    // Newest first, as a reader scans news.
    events.sort_by(|a, b| {
        b.last_published
            .cmp(&a.last_published)
            .then_with(|| a.id.cmp(&b.id))
    });
    let report = Report {
        documents,
        events,
        storylines,
    };
    let documents = docs.into_iter().map(|d| (d.id.clone(), d)).collect();
    Digested { report, documents }
}

/// One event's report entry, and its documents' outlets (inferred from the text when the
/// metadata had none).
fn build_event(
    ev: usize,
    idx: &[usize],
    docs: &[Document],
    opts: &DigestOptions,
) -> (Event, Vec<Option<String>>) {
    let days: Vec<Day> = idx.iter().filter_map(|&i| docs[i].day()).collect();
    let reference = median_day(&days);
    let mut analyses: Vec<Analysis> = idx
        .iter()
        .map(|&i| analyze_document(&docs[i], docs[i].day().or(reference)))
        .collect();
    let mut ev_docs: Vec<Document> = idx.iter().map(|&i| docs[i].clone()).collect();
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
    let event = Event {
        id: format!("e{}", ev + 1),
        title: event_title(&ev_docs),
        storyline: None,
        documents: ev_docs.iter().map(|d| d.id.clone()).collect(),
        outlets,
        first_published: days.iter().min().map(|d| d.to_string()),
        last_published: days.iter().max().map(|d| d.to_string()),
        summary: summarize(&cluster_docs, &SummaryOptions { words: opts.words }),
        quotes: event_quotes(&ev_docs, &analyses),
        entities: event_entities(&ev_docs, &analyses),
        timeline: timeline(&ev_docs, &analyses),
        attributions: event_attributions(&ev_docs, &analyses),
        exclusives: if outlet_count(&ev_docs) > 1 {
            exclusives(&cluster_docs)
        } else {
            Vec::new()
        },
    };
    (event, ev_docs.into_iter().map(|d| d.outlet).collect())
}

/// An event whose own text only says "(BPA)" should still credit the Boreal Press Agency when
/// the rest of the batch names it: an all-capitals agency is replaced by the one full name (an
/// outlet or an agency credited elsewhere) whose initials it spells, if exactly one does.
fn expand_agency_acronyms(events: &mut [Event], docs: &[Document]) {
    let mut full: BTreeSet<String> = docs.iter().filter_map(|d| d.outlet.clone()).collect();
    full.extend(
        events
            .iter()
            .flat_map(|e| e.attributions.iter().map(|a| a.agency.clone())),
    );
    let initials = |name: &str| -> String {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    };
    for ev in events.iter_mut() {
        let mut merged: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for a in std::mem::take(&mut ev.attributions) {
            let is_acronym =
                a.agency.len() >= 2 && a.agency.chars().all(|c| c.is_ascii_uppercase());
            let matches: Vec<&String> = if is_acronym {
                full.iter()
                    .filter(|f| f.contains(' ') && initials(f) == a.agency)
                    .collect()
            } else {
                Vec::new()
            };
            let name = match matches.as_slice() {
                [one] => (*one).clone(),
                _ => a.agency,
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
/// headlines (a consensus headline), earliest on ties.
fn event_title(docs: &[Document]) -> String {
    let titles: Vec<(usize, BTreeSet<String>)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            d.title
                .as_deref()
                .map(|t| (i, content_terms(t).into_iter().collect()))
        })
        .collect();
    let best = titles
        .iter()
        .map(|(i, terms)| {
            let score: usize = titles
                .iter()
                .filter(|(j, _)| j != i)
                .map(|(_, o)| terms.intersection(o).count())
                .sum();
            (score, std::cmp::Reverse(*i))
        })
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    match best.and_then(|i| docs[i].title.clone()) {
        Some(t) => t,
        None => docs
            .first()
            .and_then(|d| {
                storyline_text::sentences(&d.text)
                    .first()
                    .map(|r| d.text[r.clone()].to_owned())
            })
            .unwrap_or_else(|| "Untitled event".to_owned()),
    }
}

/// A storyline is named by who and what all its chapters share: the names found in every
/// chapter, most mentioned first ("Lisk River · Veldora · Ostria"). Without three shared names,
/// the first chapter's headline reduced to the words the later headlines repeat.
fn storyline_title(chapters: &[&Event]) -> String {
    let Some(first) = chapters.first() else {
        return String::new();
    };
    let mut shared: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for e in &first.entities {
        shared.insert(e.name.to_lowercase(), (0, e.name.clone()));
    }
    for ch in chapters {
        let names: BTreeMap<String, usize> = ch
            .entities
            .iter()
            .map(|e| (e.name.to_lowercase(), e.mentions))
            .collect();
        shared.retain(|k, _| names.contains_key(k));
        for (k, v) in shared.iter_mut() {
            v.0 += names.get(k).copied().unwrap_or(0);
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
    use storyline_model::EventAttribution;

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
    fn acronyms_take_the_one_full_name_they_spell() {
        let docs = vec![Document {
            id: "w".into(),
            outlet: Some("Boreal Press Agency".into()),
            ..Document::default()
        }];
        let mut events = vec![
            event(&[
                ("BPA", &["a"]),
                ("Boreal Press Agency", &["b"]),
                ("Strand News Service", &["c"]),
            ]),
            event(&[("XYZ", &["d"])]),
        ];
        expand_agency_acronyms(&mut events, &docs);
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
