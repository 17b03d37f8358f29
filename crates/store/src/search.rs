//! Full-text search over a database's documents and events, with [tantivy].
//!
//! The index in `<db>/index/` is *derived data*: the store is the truth, and everything here can
//! be rebuilt from the digest report and the extracted documents. That decides the design:
//!
//! - The index records which store generation it was built for in its commit payload, so the
//!   owner of the store can tell whether it is behind ([`SearchIndex::generation`]) and rebuild it
//!   ([`SearchIndex::rebuild`]) — one atomic tantivy commit, so a kill mid-way leaves the previous
//!   index, still labelled with its own, older generation.
//! - A directory tantivy cannot open (corrupt, or written with another schema) is not an error
//!   for the user: its files are deleted and an empty index takes its place, which the next
//!   generation check then fills.
//! - Rebuilding replaces everything rather than patching, because events are recomputed as a
//!   whole on every run: a document can move to another event, and event ids can change.
//!
//! Documents are indexed with their title and text (English stemming, positions for phrases),
//! their outlet, day and event, and the entities of their event that they mention; events are
//! stored (not searched) beside them so that a hit can show the event's title and summary.
//! Events are ranked by the documents that match, so filters mean the same thing for both lists.
//!
//! [tantivy]: https://docs.rs/tantivy

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Bound;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use storyline_model::{parse_published, Day, Document, Event, Report, Span};
use storyline_text::{fold, tokens};
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST,
    STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

/// Results per page when the query asks for 0.
const DEFAULT_LIMIT: usize = 10;
/// Snippet length in chars: about two lines of a terminal, or a short paragraph in a page.
const SNIPPET_CHARS: usize = 200;
/// A word in a title says more about what an article is about than the same word in its body.
const TITLE_BOOST: Score = 2.0;
/// Indexing memory: enough for tantivy to build large segments, small beside the pipeline's.
const WRITER_MEMORY: usize = 50_000_000;
/// Facet values returned per facet: a summary to narrow a search by, not an inventory.
const FACET_LIMIT: usize = 30;
/// How much each further matching document adds to an event's score, on a log scale: an event
/// many outlets report on the query's subject outranks a lone mention, without a long event
/// drowning a more relevant one.
const EVENT_BREADTH_BONUS: Score = 0.25;

const KIND_DOCUMENT: &str = "document";
const KIND_EVENT: &str = "event";

/// Field names; the fast-field collector reads columns by name.
const DOC_ORD: &str = "doc_ord";
const EVENT_ORD: &str = "event_ord";
const TIME: &str = "time";
const OUTLET_NAME: &str = "outlet_name";
const ENTITY_NAME: &str = "entity_name";

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The user's fault: query syntax, a bad date.
    #[error("bad query: {0}")]
    Query(String),
    #[error("search index {path}: {reason}")]
    Index { path: PathBuf, reason: String },
}

/// What to look for. Filters narrow the documents; events are those with a matching document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// tantivy query syntax over titles and texts: all words must occur (English stemming),
    /// `"a phrase"`, `title:word`, `-word`, `a OR b`. Empty lists the filtered documents, newest
    /// first.
    pub text: String,
    /// Outlet name, any case.
    pub outlet: Option<String>,
    /// First day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Entity name or alias, any case: documents that mention it.
    pub entity: Option<String>,
    /// Hits per list; 0 means 10.
    pub limit: usize,
    /// Hits of each list to skip, for paging.
    pub offset: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub total_documents: usize,
    pub total_events: usize,
    pub events: Vec<EventHit>,
    pub documents: Vec<DocumentHit>,
    pub facets: Facets,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventHit {
    pub id: String,
    pub title: String,
    pub score: f32,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub outlets: Vec<String>,
    /// Documents in the event.
    pub documents: usize,
    /// Of those, how many match the query.
    pub matched_documents: usize,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentHit {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The event the document belongs to.
    pub event: Option<String>,
    pub score: f32,
    pub snippet: Snippet,
}

/// A fragment of the text with the byte ranges (within `text`) of matched terms — callers render
/// highlights themselves (CLI: bold/brackets, UI: `<mark>`), so no HTML here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Span>,
}

/// Counts over all matching documents (before limit and offset), by count then name, at most
/// [`FACET_LIMIT`] each.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Facets {
    pub outlets: Vec<FacetCount>,
    pub entities: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub name: String,
    pub count: u64,
}

/// The schema's fields. Documents and events share one index, told apart by `kind`; only
/// documents are searched.
#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: Field,
    id: Field,
    title: Field,
    text: Field,
    /// Folded outlet name, for the filter.
    outlet: Field,
    /// Outlet as written, for display and the facet.
    outlet_name: Field,
    /// Folded names and aliases of the entities the document mentions, for the filter.
    entity: Field,
    /// Canonical names of those entities, for the facet.
    entity_name: Field,
    published: Field,
    /// Days since 1970-01-01, for the date filter.
    day: Field,
    /// Fractional days, for newest-first listing.
    time: Field,
    event: Field,
    /// Position of the document's event in id order: a compact key for grouping hits by event.
    event_ord: Field,
    /// Position of the document in id order, which breaks score ties deterministically.
    doc_ord: Field,
    /// Same as `event_ord`, on the stored event entry only, to find it.
    event_key: Field,
    event_title: Field,
    summary: Field,
    first_published: Field,
    last_published: Field,
    event_outlets: Field,
    document_count: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", stemmed.clone()),
        text: b.add_text_field("text", stemmed),
        outlet: b.add_text_field("outlet", STRING),
        outlet_name: b.add_text_field(OUTLET_NAME, FAST | STORED),
        entity: b.add_text_field("entity", STRING),
        entity_name: b.add_text_field(ENTITY_NAME, FAST),
        published: b.add_text_field("published", STORED),
        day: b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast()),
        time: b.add_f64_field(TIME, FAST),
        event: b.add_text_field("event", STORED),
        event_ord: b.add_u64_field(EVENT_ORD, FAST),
        doc_ord: b.add_u64_field(DOC_ORD, FAST),
        event_key: b.add_u64_field("event_key", NumericOptions::default().set_indexed()),
        event_title: b.add_text_field("event_title", STORED),
        summary: b.add_text_field("summary", STORED),
        first_published: b.add_text_field("first_published", STORED),
        last_published: b.add_text_field("last_published", STORED),
        event_outlets: b.add_text_field("event_outlets", STORED),
        document_count: b.add_u64_field("document_count", STORED),
    };
    (b.build(), fields)
}

/// Search index of one database directory, kept beside the store in `<db>/index/`.
///
/// Cheap to clone; clones share the index and its reader.
#[derive(Clone)]
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Open the index in `dir` (created if missing). A directory tantivy can't open (corrupt,
    /// other schema version) is wiped and recreated empty — it is derived data.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = match open_index(dir, schema.clone()) {
            Ok(index) => index,
            Err(e) => {
                tracing::warn!("search index {}: {e}; recreating it empty", dir.display());
                wipe(dir)?;
                open_index(dir, schema).map_err(|e| index_error(dir, e))?
            }
        };
        // Reloaded by hand after each rebuild: the process that owns the store is the only one
        // that writes the index, so there is nothing to watch for.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_error(dir, e))?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
        })
    }

    /// The store generation the index was last built for (stored in the commit payload), `None`
    /// when empty/new.
    pub fn generation(&self) -> Option<u64> {
        self.index.load_metas().ok()?.payload?.trim().parse().ok()
    }

    /// Replace the whole content with this report's events and documents, commit with
    /// `generation` as payload, and reload the reader so searches see it at once.
    pub fn rebuild(
        &mut self,
        generation: u64,
        report: &Report,
        documents: &BTreeMap<String, Document>,
    ) -> Result<(), SearchError> {
        let err = |e: tantivy::TantivyError| index_error(&self.dir, e);
        let mut writer: IndexWriter = self.index.writer(WRITER_MEMORY).map_err(err)?;
        writer.delete_all_documents().map_err(err)?;

        let mut events: Vec<&Event> = report.events.iter().collect();
        events.sort_by(|a, b| a.id.cmp(&b.id));
        let mut event_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (ord, event) in events.iter().enumerate() {
            for doc in &event.documents {
                event_of.entry(doc.as_str()).or_insert(ord);
            }
            writer
                .add_document(self.event_entry(ord, event))
                .map_err(err)?;
        }
        for (ord, doc) in documents.values().enumerate() {
            let event = event_of.get(doc.id.as_str()).map(|&e| (e, events[e]));
            writer
                .add_document(self.document_entry(ord, doc, event))
                .map_err(err)?;
        }

        let mut commit = writer.prepare_commit().map_err(err)?;
        commit.set_payload(&generation.to_string());
        commit.commit().map_err(err)?;
        writer.wait_merging_threads().map_err(err)?;
        self.reader.reload().map_err(err)
    }

    fn event_entry(&self, ord: usize, event: &Event) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, KIND_EVENT);
        d.add_text(f.id, &event.id);
        d.add_u64(f.event_key, ord as u64);
        d.add_text(f.event_title, &event.title);
        let summary: Vec<&str> = event.summary.iter().map(|s| s.text.as_str()).collect();
        d.add_text(f.summary, summary.join(" "));
        if let Some(p) = &event.first_published {
            d.add_text(f.first_published, p);
        }
        if let Some(p) = &event.last_published {
            d.add_text(f.last_published, p);
        }
        for outlet in &event.outlets {
            d.add_text(f.event_outlets, outlet);
        }
        d.add_u64(f.document_count, event.documents.len() as u64);
        d
    }

    fn document_entry(
        &self,
        ord: usize,
        doc: &Document,
        event: Option<(usize, &Event)>,
    ) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, KIND_DOCUMENT);
        d.add_text(f.id, &doc.id);
        d.add_u64(f.doc_ord, ord as u64);
        if let Some(title) = &doc.title {
            d.add_text(f.title, title);
        }
        d.add_text(f.text, &doc.text);
        if let Some(outlet) = doc.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
            d.add_text(f.outlet, key(outlet));
            d.add_text(f.outlet_name, outlet);
        }
        if let Some(published) = &doc.published {
            d.add_text(f.published, published);
        }
        if let Some(day) = doc.day().and_then(epoch_days) {
            d.add_i64(f.day, day);
        }
        if let Some(time) = doc.time() {
            d.add_f64(f.time, time);
        }
        if let Some((ord, event)) = event {
            d.add_text(f.event, &event.id);
            d.add_u64(f.event_ord, ord as u64);
            let words = word_key(doc.title.as_deref().unwrap_or_default(), &doc.text);
            let mut filter_keys = BTreeSet::new();
            let mut names = BTreeSet::new();
            for entity in &event.entities {
                let mentioned = std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .map(|n| key(n))
                    .any(|k| !k.is_empty() && words.contains(&format!(" {k} ")));
                if mentioned {
                    names.insert(entity.name.as_str());
                    filter_keys.insert(key(&entity.name));
                    filter_keys.extend(entity.aliases.iter().map(|a| key(a)));
                }
            }
            for k in filter_keys.into_iter().filter(|k| !k.is_empty()) {
                d.add_text(f.entity, k);
            }
            for name in names {
                d.add_text(f.entity_name, name);
            }
        }
        d
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let (query, text_query) = self.query(q)?;
        let scored = text_query.is_some();
        let searcher = self.reader.searcher();
        let err = |e: tantivy::TantivyError| index_error(&self.dir, e);
        let collected = searcher.search(&query, &Matches { scored }).map_err(err)?;
        let snippets = match &text_query {
            Some(text) => {
                let mut generator =
                    SnippetGenerator::create(&searcher, text.as_ref(), self.fields.text)
                        .map_err(err)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                Some(generator)
            }
            None => None,
        };

        let mut matches = collected.matches;
        matches.sort_by(|a, b| a.rank.cmp(scored, &b.rank));
        let events = rank_events(&matches, scored);
        let limit = if q.limit == 0 { DEFAULT_LIMIT } else { q.limit };

        let documents = matches
            .iter()
            .skip(q.offset)
            .take(limit)
            .map(|m| {
                let doc: TantivyDocument = searcher.doc(m.doc).map_err(err)?;
                Ok(self.document_hit(&doc, m.rank.score, snippets.as_ref()))
            })
            .collect::<Result<Vec<_>, SearchError>>()?;
        let event_hits = events
            .iter()
            .skip(q.offset)
            .take(limit)
            .map(|e| {
                let entry = self.event_entry_of(&searcher, e.ord)?;
                let best: TantivyDocument = searcher.doc(matches[e.best].doc).map_err(err)?;
                Ok(self.event_hit(entry.as_ref(), &best, e, snippets.as_ref()))
            })
            .collect::<Result<Vec<_>, SearchError>>()?;

        Ok(SearchResults {
            query: q.text.clone(),
            total_documents: matches.len(),
            total_events: events.len(),
            events: event_hits,
            documents,
            facets: Facets {
                outlets: facet_list(collected.outlets),
                entities: facet_list(collected.entities),
            },
        })
    }

    /// The whole query, and its text part alone (for snippets), `None` when there is no text.
    fn query(
        &self,
        q: &SearchQuery,
    ) -> Result<(BooleanQuery, Option<Box<dyn Query>>), SearchError> {
        let f = self.fields;
        let text_query = if q.text.trim().is_empty() {
            None
        } else {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, TITLE_BOOST);
            Some(
                parser
                    .parse_query(&q.text)
                    .map_err(|e| SearchError::Query(e.to_string()))?,
            )
        };

        let mut filters: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(term_query(f.kind, KIND_DOCUMENT)))];
        if let Some(outlet) = q.outlet.as_deref() {
            filters.push((Occur::Must, Box::new(term_query(f.outlet, &key(outlet)))));
        }
        if let Some(entity) = q.entity.as_deref() {
            filters.push((Occur::Must, Box::new(term_query(f.entity, &key(entity)))));
        }
        let from = q
            .from
            .as_deref()
            .map(|d| parse_day("from", d))
            .transpose()?;
        let to = q.to.as_deref().map(|d| parse_day("to", d)).transpose()?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(SearchError::Query(format!(
                    "the --from day ({}) is after the --to day ({})",
                    q.from.as_deref().unwrap_or_default(),
                    q.to.as_deref().unwrap_or_default()
                )));
            }
        }
        if from.is_some() || to.is_some() {
            let bound = |d: Option<i64>| {
                d.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_i64(f.day, d))
                })
            };
            filters.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(from), bound(to))),
            ));
        }
        // Filters select; only the text decides relevance.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(ConstScoreQuery::new(
                Box::new(BooleanQuery::new(filters)),
                0.0,
            )),
        )];
        if let Some(text) = &text_query {
            clauses.push((Occur::Must, text.box_clone()));
        }
        Ok((BooleanQuery::new(clauses), text_query))
    }

    fn event_entry_of(
        &self,
        searcher: &tantivy::Searcher,
        ord: u64,
    ) -> Result<Option<TantivyDocument>, SearchError> {
        let err = |e: tantivy::TantivyError| index_error(&self.dir, e);
        let query = TermQuery::new(
            Term::from_field_u64(self.fields.event_key, ord),
            IndexRecordOption::Basic,
        );
        let found = searcher.search(&query, &DocSetCollector).map_err(err)?;
        found
            .into_iter()
            .min()
            .map(|addr| searcher.doc(addr).map_err(err))
            .transpose()
    }

    fn document_hit(
        &self,
        doc: &TantivyDocument,
        score: Score,
        snippets: Option<&SnippetGenerator>,
    ) -> DocumentHit {
        let f = &self.fields;
        let text = first_str(doc, f.text).unwrap_or_default();
        DocumentHit {
            id: first_str(doc, f.id).unwrap_or_default().to_owned(),
            title: first_str(doc, f.title).map(str::to_owned),
            outlet: first_str(doc, f.outlet_name).map(str::to_owned),
            published: first_str(doc, f.published).map(str::to_owned),
            event: first_str(doc, f.event).map(str::to_owned),
            score,
            snippet: highlighted(snippets, text).unwrap_or_else(|| lead(text)),
        }
    }

    fn event_hit(
        &self,
        entry: Option<&TantivyDocument>,
        best: &TantivyDocument,
        e: &RankedEvent,
        snippets: Option<&SnippetGenerator>,
    ) -> EventHit {
        let f = &self.fields;
        let get = |field| entry.and_then(|d| first_str(d, field));
        let summary = get(f.summary).unwrap_or_default();
        let best_text = first_str(best, f.text).unwrap_or_default();
        // The summary says what happened; the best document shows why the event matched.
        let snippet = highlighted(snippets, summary)
            .or_else(|| highlighted(snippets, best_text))
            .unwrap_or_else(|| {
                lead(if summary.is_empty() {
                    best_text
                } else {
                    summary
                })
            });
        EventHit {
            id: get(f.id)
                .or_else(|| first_str(best, f.event))
                .unwrap_or_default()
                .to_owned(),
            title: get(f.event_title).unwrap_or_default().to_owned(),
            score: e.rank.score,
            first_published: get(f.first_published).map(str::to_owned),
            last_published: get(f.last_published).map(str::to_owned),
            outlets: entry
                .map(|d| {
                    d.get_all(f.event_outlets)
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            documents: entry
                .and_then(|d| d.get_first(f.document_count))
                .and_then(|v| v.as_u64())
                .map_or(e.count, |n| n as usize),
            matched_documents: e.count,
            snippet,
        }
    }
}

fn open_index(dir: &Path, schema: Schema) -> tantivy::Result<Index> {
    fs::create_dir_all(dir)?;
    Index::open_or_create(MmapDirectory::open(dir)?, schema)
}

/// Delete tantivy's files from `dir`. Only names tantivy writes are touched, so a wrong path
/// costs an empty index, never someone's data.
fn wipe(dir: &Path) -> Result<(), SearchError> {
    let io = |e: std::io::Error| SearchError::Index {
        path: dir.to_path_buf(),
        reason: format!("cannot clear it: {e}"),
    };
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == "meta.json"
            || name.starts_with(".managed.json")
            || name.starts_with(".tantivy-")
            || is_segment_file(&name);
        if ours && entry.file_type().map_err(io)?.is_file() {
            fs::remove_file(entry.path()).map_err(io)?;
        }
    }
    Ok(())
}

/// Segment files are named by a 32-hex-digit segment id and an extension.
fn is_segment_file(name: &str) -> bool {
    name.split_once('.')
        .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn index_error(dir: &Path, e: tantivy::TantivyError) -> SearchError {
    SearchError::Index {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    }
}

fn term_query(field: Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// Matching form of a name: folded (case and accents) words joined by one space, so that
/// "Boris  Johnson", "boris johnson" and "BORIS-JOHNSON" are one key; a possessive `'s` is
/// dropped so that "the Treasury's figures" mentions the Treasury.
fn key(name: &str) -> String {
    let folded = fold(name);
    tokens(&folded)
        .map(|t| t.text.strip_suffix("'s").unwrap_or(t.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `title` and `text` as their keys' words, each word between spaces, so that a key occurs in
/// it as ` key ` exactly where the text mentions the name as whole words.
fn word_key(title: &str, text: &str) -> String {
    format!(" {} {} ", key(title), key(text))
}

fn epoch_days(day: Day) -> Option<i64> {
    Some((day - Day::from_ymd_opt(1970, 1, 1)?).num_days())
}

/// A `YYYY-MM-DD` day as days since 1970-01-01.
fn parse_day(flag: &str, s: &str) -> Result<i64, SearchError> {
    let s = s.trim();
    (s.len() == 10)
        .then(|| parse_published(s))
        .flatten()
        .and_then(epoch_days)
        .ok_or_else(|| SearchError::Query(format!("--{flag} {s:?} is not a day (YYYY-MM-DD)")))
}

fn first_str(doc: &TantivyDocument, field: Field) -> Option<&str> {
    doc.get_first(field).and_then(|v| v.as_str())
}

/// The best fragment of `text` around the query's terms, or `None` when none of them is in it.
fn highlighted(snippets: Option<&SnippetGenerator>, text: &str) -> Option<Snippet> {
    let s = snippets?.snippet(text);
    if s.highlighted().is_empty() {
        return None;
    }
    Some(Snippet {
        text: flatten(s.fragment()),
        highlights: s
            .highlighted()
            .iter()
            .map(|r| Span::new(r.start, r.end))
            .collect(),
    })
}

/// The opening of `text`, cut after a word, when there is nothing to highlight.
fn lead(text: &str) -> Snippet {
    let text = text.trim();
    let end = match text.char_indices().nth(SNIPPET_CHARS) {
        None => text.len(),
        Some((cut, _)) => text[..cut]
            .rfind(char::is_whitespace)
            .filter(|&w| w > cut / 2)
            .unwrap_or(cut),
    };
    Snippet {
        text: flatten(text[..end].trim_end()),
        highlights: Vec::new(),
    }
}

/// Paragraph breaks as spaces, so a snippet is one line. Each replaced char is one byte, as is
/// the space, so highlight offsets stay valid.
fn flatten(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

fn facet_list(counts: BTreeMap<String, u64>) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .into_iter()
        .map(|(name, count)| FacetCount { name, count })
        .collect();
    // Stable sort over name order: ties stay alphabetical.
    list.sort_by_key(|f| std::cmp::Reverse(f.count));
    list.truncate(FACET_LIMIT);
    list
}

/// One matching document, with what ranking and grouping need from its fast fields.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: DocAddress,
    event_ord: Option<u64>,
    rank: Rank,
}

/// What a hit is ordered by.
#[derive(Debug, Clone, Copy)]
struct Rank {
    score: Score,
    /// Publication time in days, for listing without query text.
    time: Option<f64>,
    /// Position in id order: ties go by id.
    ord: u64,
}

impl Rank {
    /// Relevance first; without query text (filters only), newest first, undated last.
    fn cmp(&self, scored: bool, other: &Rank) -> std::cmp::Ordering {
        let primary = if scored {
            other.score.total_cmp(&self.score)
        } else {
            match (self.time, other.time) {
                (Some(a), Some(b)) => b.total_cmp(&a),
                (a, b) => b.is_some().cmp(&a.is_some()),
            }
        };
        primary.then(self.ord.cmp(&other.ord))
    }
}

struct RankedEvent {
    ord: u64,
    /// Index of the event's best match in the ranked matches.
    best: usize,
    count: usize,
    rank: Rank,
}

/// Events of the ranked `matches`, ranked in turn: by their best document's score with a bonus
/// for each further match, or by their newest match when there is no query text.
fn rank_events(matches: &[Match], scored: bool) -> Vec<RankedEvent> {
    let mut events: BTreeMap<u64, RankedEvent> = BTreeMap::new();
    for (i, m) in matches.iter().enumerate() {
        let Some(ord) = m.event_ord else { continue };
        // `matches` is ranked, so the first match seen is the event's best.
        events
            .entry(ord)
            .or_insert(RankedEvent {
                ord,
                best: i,
                count: 0,
                rank: Rank { ord, ..m.rank },
            })
            .count += 1;
    }
    let mut events: Vec<RankedEvent> = events.into_values().collect();
    for e in &mut events {
        e.rank.score *= 1.0 + EVENT_BREADTH_BONUS * (e.count as Score).ln();
    }
    events.sort_by(|a, b| a.rank.cmp(scored, &b.rank));
    events
}

/// Collects every matching document (events are ranked from all of them, so a top-k collector
/// won't do) and counts outlets and entities for the facets in the same pass.
struct Matches {
    scored: bool,
}

struct Collected {
    matches: Vec<Match>,
    outlets: BTreeMap<String, u64>,
    entities: BTreeMap<String, u64>,
}

struct SegmentMatches {
    segment: SegmentOrdinal,
    doc_ord: Option<Column<u64>>,
    event_ord: Option<Column<u64>>,
    time: Option<Column<f64>>,
    outlets: Option<OrdCounts>,
    entities: Option<OrdCounts>,
    matches: Vec<Match>,
}

/// Documents per term of a string column of one segment; terms are looked up once, at merge.
struct OrdCounts {
    column: StrColumn,
    counts: Vec<u64>,
}

impl OrdCounts {
    fn new(column: Option<StrColumn>) -> Option<OrdCounts> {
        column.map(|column| OrdCounts {
            counts: vec![0; column.num_terms()],
            column,
        })
    }

    fn add(&mut self, doc: DocId) {
        for ord in self.column.term_ords(doc) {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    fn merge_into(&self, out: &mut BTreeMap<String, u64>) -> tantivy::Result<()> {
        let mut name = String::new();
        for (ord, &count) in self.counts.iter().enumerate() {
            if count > 0 && self.column.ord_to_str(ord as u64, &mut name)? {
                *out.entry(name.clone()).or_default() += count;
            }
        }
        Ok(())
    }
}

impl Collector for Matches {
    type Fruit = Collected;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            doc_ord: ff.column_opt(DOC_ORD)?,
            event_ord: ff.column_opt(EVENT_ORD)?,
            time: ff.column_opt(TIME)?,
            outlets: OrdCounts::new(ff.str(OUTLET_NAME)?),
            entities: OrdCounts::new(ff.str(ENTITY_NAME)?),
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, segments: Vec<SegmentMatches>) -> tantivy::Result<Collected> {
        let mut out = Collected {
            matches: Vec::new(),
            outlets: BTreeMap::new(),
            entities: BTreeMap::new(),
        };
        for s in segments {
            out.matches.extend(s.matches);
            if let Some(c) = &s.outlets {
                c.merge_into(&mut out.outlets)?;
            }
            if let Some(c) = &s.entities {
                c.merge_into(&mut out.entities)?;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentMatches {
    /// The segment itself: its columns are needed to name the counted terms at merge.
    type Fruit = SegmentMatches;

    fn collect(&mut self, doc: DocId, score: Score) {
        let first = |c: &Option<Column<u64>>| c.as_ref().and_then(|c| c.first(doc));
        self.matches.push(Match {
            doc: DocAddress::new(self.segment, doc),
            event_ord: first(&self.event_ord),
            rank: Rank {
                score,
                time: self.time.as_ref().and_then(|c| c.first(doc)),
                ord: first(&self.doc_ord).unwrap_or(u64::MAX),
            },
        });
        if let Some(c) = &mut self.outlets {
            c.add(doc);
        }
        if let Some(c) = &mut self.entities {
            c.add(doc);
        }
    }

    fn harvest(self) -> SegmentMatches {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_spacing() {
        assert_eq!(key("  Boris   JOHNSON "), "boris johnson");
        assert_eq!(key("Société-Générale"), "societe generale");
        assert_eq!(key("the Treasury\u{2019}s figures"), "the treasury figures");
        assert_eq!(key("O'Neill"), "o'neill");
        assert_eq!(key(""), "");
    }

    #[test]
    fn mentions_are_whole_words() {
        let words = word_key("Storm hits Hull", "Residents of Hullbridge were spared.");
        assert!(words.contains(&format!(" {} ", key("hull"))));
        assert!(!words.contains(&format!(" {} ", key("bridge"))));
    }

    #[test]
    fn days_are_strict() {
        assert_eq!(parse_day("from", "1970-01-02").ok(), Some(1));
        assert!(matches!(
            parse_day("from", "2024-02-30"),
            Err(SearchError::Query(_))
        ));
        assert!(matches!(
            parse_day("to", "2024-02-03T10:00"),
            Err(SearchError::Query(_))
        ));
        assert!(matches!(
            parse_day("to", "yesterday"),
            Err(SearchError::Query(_))
        ));
    }

    #[test]
    fn lead_cuts_after_a_word_on_a_char_boundary() {
        let text = "é".repeat(150) + " " + &"word ".repeat(40);
        let s = lead(&text);
        assert!(s.text.chars().count() <= SNIPPET_CHARS);
        assert!(s.text.ends_with("word"));
        assert!(s.highlights.is_empty());
        assert_eq!(lead("Short.\n\nText.").text, "Short.  Text.");
    }

    #[test]
    fn segment_file_names() {
        assert!(is_segment_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_segment_file("0123456789abcdef0123456789abcdef.12.del"));
        assert!(!is_segment_file("storyline.redb"));
        assert!(!is_segment_file("notes.txt"));
    }
}
