//! The JSON API. Handlers read one [`View`] and answer from it, so every response is consistent
//! with a single snapshot even while an ingest is running.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use storyline_model::{parse_published, Day, Document, DocumentEntry, Event};
use storyline_pipeline::ArchiveError;
use storyline_store::search::SearchQuery;
use storyline_text::fold;

use crate::error::{ApiError, RecordError};
use crate::state::{in_range, newest_first, oldest_first, AppState, View};

/// The OpenAPI 3.1 description of every route, hand-written: a test holds it to the router.
pub const OPENAPI: &str = include_str!("openapi.json");

const DEFAULT_EVENTS_LIMIT: usize = 20;
/// Page size cap for listings and search: bounds the work one request can ask for.
const MAX_LIMIT: usize = 100;
/// Origin named in the errors of records read from a request body.
const BODY_ORIGIN: &str = "request";

type ApiResult = Result<Response, ApiError>;

#[derive(Serialize)]
struct Health {
    status: &'static str,
    generation: u64,
    documents: usize,
    events: usize,
    storylines: usize,
}

pub async fn health(State(s): State<AppState>) -> Response {
    let v = s.view();
    let report = &v.snapshot.report;
    Json(Health {
        status: "ok",
        generation: v.snapshot.generation,
        documents: v.snapshot.documents.len(),
        events: report.events.len(),
        storylines: report.storylines.len(),
    })
    .into_response()
}

/// An event as listed: enough to show a row without the full analysis.
#[derive(Serialize)]
struct EventSummary<'a> {
    id: &'a str,
    title: &'a str,
    storyline: Option<&'a str>,
    outlets: &'a [String],
    documents: usize,
    first_published: Option<&'a str>,
    last_published: Option<&'a str>,
    /// The first sentence of the summary.
    lead: Option<&'a str>,
}

impl<'a> EventSummary<'a> {
    fn of(e: &'a Event) -> Self {
        EventSummary {
            id: &e.id,
            title: &e.title,
            storyline: e.storyline.as_deref(),
            outlets: &e.outlets,
            documents: e.documents.len(),
            first_published: e.first_published.as_deref(),
            last_published: e.last_published.as_deref(),
            lead: e.summary.first().map(|s| s.text.as_str()),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsParams {
    offset: Option<usize>,
    limit: Option<usize>,
    outlet: Option<String>,
    storyline: Option<String>,
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct EventsPage<'a> {
    total: usize,
    offset: usize,
    limit: usize,
    events: Vec<EventSummary<'a>>,
}

/// A query-string value, with an empty one (`?outlet=` from a form) taken as absent.
fn given(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

fn day_param(name: &str, v: Option<String>) -> Result<Option<Day>, ApiError> {
    match given(v) {
        None => Ok(None),
        Some(s) => parse_published(&s).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("{name}: expected a date YYYY-MM-DD, got {s:?}"))
        }),
    }
}

fn limit_param(v: Option<usize>, default: usize) -> Result<usize, ApiError> {
    match v {
        None => Ok(default),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!(
            "limit: must be between 1 and {MAX_LIMIT}, got {n}"
        ))),
    }
}

/// Whether every word of the folded query occurs in the event's title or summary.
fn matches_words(e: &Event, words: &[String]) -> bool {
    let mut hay = fold(&e.title);
    for s in &e.summary {
        hay.push('\n');
        hay.push_str(&fold(&s.text));
    }
    words.iter().all(|w| hay.contains(w.as_str()))
}

pub async fn events(
    State(s): State<AppState>,
    params: Result<Query<EventsParams>, QueryRejection>,
) -> ApiResult {
    let Query(p) = params?;
    let limit = limit_param(p.limit, DEFAULT_EVENTS_LIMIT)?;
    let offset = p.offset.unwrap_or(0);
    let from = day_param("from", p.from)?;
    let to = day_param("to", p.to)?;
    let outlet = given(p.outlet).map(|o| fold(&o));
    let storyline = given(p.storyline);
    let words: Vec<String> = given(p.q)
        .map(|q| fold(&q).split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();

    let v = s.view();
    let events = &v.snapshot.report.events;
    let matching: Vec<&Event> = v
        .events_newest
        .iter()
        .map(|&i| &events[i])
        .filter(|e| {
            outlet
                .as_ref()
                .is_none_or(|o| e.outlets.iter().any(|x| fold(x) == *o))
        })
        .filter(|e| {
            storyline
                .as_ref()
                .is_none_or(|sl| e.storyline.as_ref() == Some(sl))
        })
        .filter(|e| in_range(e, from, to))
        .filter(|e| matches_words(e, &words))
        .collect();
    let page = EventsPage {
        total: matching.len(),
        offset,
        limit,
        events: matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(EventSummary::of)
            .collect(),
    };
    Ok(Json(page).into_response())
}

#[derive(Serialize)]
struct Ref<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct EventDetail<'a> {
    event: &'a Event,
    storyline: Option<Ref<'a>>,
    /// The event's documents and their duplicates, as the report lists them.
    documents: Vec<&'a DocumentEntry>,
}

fn storyline_ref<'a>(v: &'a View, id: Option<&str>) -> Option<Ref<'a>> {
    let i = *v.storyline_by_id.get(id?)?;
    let sl = &v.snapshot.report.storylines[i];
    Some(Ref {
        id: &sl.id,
        title: &sl.title,
    })
}

pub async fn event(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id?;
    let v = s.view();
    let &index = v
        .event_by_id
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("no event {id:?}")))?;
    let report = &v.snapshot.report;
    let event = &report.events[index];
    let documents = report
        .documents
        .iter()
        .filter(|d| v.event_of_doc.get(&d.id) == Some(&index))
        .collect();
    let detail = EventDetail {
        event,
        storyline: storyline_ref(&v, event.storyline.as_deref()),
        documents,
    };
    Ok(Json(detail).into_response())
}

#[derive(Serialize)]
struct StorylineSummary<'a> {
    id: &'a str,
    title: &'a str,
    events: &'a [String],
    first_published: Option<&'a str>,
    last_published: Option<&'a str>,
    outlets: Vec<&'a str>,
    documents: usize,
}

#[derive(Serialize)]
struct Storylines<'a> {
    storylines: Vec<StorylineSummary<'a>>,
}

pub async fn storylines(State(s): State<AppState>) -> Response {
    let v = s.view();
    // Listed like events: by their newest event.
    let mut list: Vec<(Option<&Event>, StorylineSummary)> = v
        .snapshot
        .report
        .storylines
        .iter()
        .map(|sl| {
            let mut events: Vec<&Event> = sl.events.iter().filter_map(|id| v.event(id)).collect();
            events.sort_by(|a, b| oldest_first(a, b));
            let mut outlets: Vec<&str> = events
                .iter()
                .flat_map(|e| e.outlets.iter().map(String::as_str))
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            let summary = StorylineSummary {
                id: &sl.id,
                title: &sl.title,
                events: &sl.events,
                first_published: events.first().and_then(|e| e.first_published.as_deref()),
                last_published: events
                    .iter()
                    .rev()
                    .find_map(|e| e.last_published.as_deref()),
                outlets,
                documents: events.iter().map(|e| e.documents.len()).sum(),
            };
            let newest = events.iter().copied().min_by(|a, b| newest_first(a, b));
            (newest, summary)
        })
        .collect();
    list.sort_by(|a, b| {
        match (a.0, b.0) {
            (Some(x), Some(y)) => newest_first(x, y),
            (x, y) => y.is_some().cmp(&x.is_some()),
        }
        .then_with(|| a.1.id.cmp(b.1.id))
    });
    Json(Storylines {
        storylines: list.into_iter().map(|(_, s)| s).collect(),
    })
    .into_response()
}

#[derive(Serialize)]
struct StorylineDetail<'a> {
    id: &'a str,
    title: &'a str,
    /// Oldest first: a storyline is read in order.
    events: Vec<EventSummary<'a>>,
}

pub async fn storyline(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id?;
    let v = s.view();
    let &i = v
        .storyline_by_id
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("no storyline {id:?}")))?;
    let sl = &v.snapshot.report.storylines[i];
    let mut events: Vec<&Event> = sl.events.iter().filter_map(|id| v.event(id)).collect();
    events.sort_by(|a, b| oldest_first(a, b));
    let detail = StorylineDetail {
        id: &sl.id,
        title: &sl.title,
        events: events.into_iter().map(EventSummary::of).collect(),
    };
    Ok(Json(detail).into_response())
}

#[derive(Serialize)]
struct DocumentDetail<'a> {
    #[serde(flatten)]
    document: &'a Document,
    duplicate_of: Option<&'a str>,
    event: Option<Ref<'a>>,
}

pub async fn document(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let Path(id) = id?;
    let v = s.view();
    let document = v
        .snapshot
        .documents
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
    let duplicate_of = v
        .entry_by_doc
        .get(&id)
        .and_then(|&i| v.snapshot.report.documents[i].duplicate_of.as_deref());
    let event = v.event_of_doc.get(&id).map(|&i| {
        let e = &v.snapshot.report.events[i];
        Ref {
            id: &e.id,
            title: &e.title,
        }
    });
    let detail = DocumentDetail {
        document,
        duplicate_of,
        event,
    };
    Ok(Json(detail).into_response())
}

#[derive(Serialize)]
struct Ingested {
    /// Ids of the documents newly stored, in body order.
    added: Vec<String>,
    /// Documents whose content was already stored.
    known: usize,
    /// Records that could not be read; the others were still ingested.
    errors: Vec<RecordError>,
    /// Documents stored in all, after this request.
    generation: u64,
}

pub async fn ingest(State(s): State<AppState>, body: Result<Bytes, BytesRejection>) -> ApiResult {
    let body = body?;
    let mut raws = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in storyline_ingest::parse_body(&body, BODY_ORIGIN)
        .into_iter()
        .enumerate()
    {
        match record {
            Ok(raw) => raws.push(raw),
            Err(message) => errors.push(RecordError {
                record: i + 1,
                message,
            }),
        }
    }
    if raws.is_empty() {
        let message = match errors.first() {
            Some(e) => format!("no document could be read from the body: {}", e.message),
            None => "the body holds no records: send a JSON object, an array of objects, \
                     or JSON Lines"
                .to_owned(),
        };
        return Err(ApiError::bad_request(message).with_records(errors));
    }

    let archive = Arc::clone(&s.archive).lock_owned().await;
    let state = s.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let mut archive = archive;
        let outcome = archive.ingest(raws)?;
        let snapshot = archive.snapshot();
        let generation = snapshot.generation;
        if !outcome.added.is_empty() {
            // Published while the archive is still locked, so views appear in write order.
            state.publish(View::new(snapshot));
        }
        Ok::<_, ArchiveError>((outcome, generation))
    })
    .await
    .map_err(|e| ApiError::internal(&e))?;
    let (outcome, generation) = outcome?;
    tracing::debug!(
        added = outcome.added.len(),
        known = outcome.known,
        "documents ingested"
    );
    let status = if outcome.added.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let body = Ingested {
        added: outcome.added,
        known: outcome.known,
        errors,
        generation,
    };
    Ok((status, Json(body)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    q: Option<String>,
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
    entity: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

pub async fn search(
    State(s): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult {
    let Query(p) = params?;
    let query = SearchQuery {
        text: p.q.unwrap_or_default(),
        outlet: given(p.outlet),
        from: given(p.from),
        to: given(p.to),
        entity: given(p.entity),
        // 0: the index's own default page size.
        limit: limit_param(p.limit, 0)?,
        offset: p.offset.unwrap_or(0),
    };
    let index = s.index.clone();
    let results = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| ApiError::internal(&e))??;
    Ok(Json(results).into_response())
}

#[derive(Serialize)]
struct DayCount<'a> {
    date: &'a str,
    documents: usize,
}

#[derive(Serialize)]
struct Volume<'a> {
    /// Days with at least one document, oldest first.
    days: Vec<DayCount<'a>>,
    /// Documents without a publication date.
    undated: usize,
}

pub async fn volume(State(s): State<AppState>) -> Response {
    let v = s.view();
    let days = v
        .volume
        .iter()
        .map(|(date, &documents)| DayCount { date, documents })
        .collect();
    Json(Volume {
        days,
        undated: v.undated,
    })
    .into_response()
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
