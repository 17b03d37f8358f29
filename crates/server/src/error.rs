//! Every failure a client sees is `{"error": "..."}` with a status that says whose fault it is,
//! including the ones axum would otherwise answer in plain text (bad query strings, oversized
//! bodies, unknown routes).

use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use storyline_pipeline::ArchiveError;
use storyline_store::search::SearchError;

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    /// Per-record problems of an ingest request, when that is what failed.
    errors: Vec<RecordError>,
}

/// A record of a `POST /api/documents` body that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct RecordError {
    /// 1-based position among the body's records (non-blank lines for JSON Lines).
    pub record: usize,
    pub message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "<[RecordError]>::is_empty")]
    errors: &'a [RecordError],
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            errors: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// A fault of ours: the detail goes to the log, the client gets a generic message so that
    /// paths and internals don't leak.
    pub fn internal(detail: &dyn std::fmt::Display) -> Self {
        tracing::error!("internal error: {detail}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
    }

    pub fn with_records(mut self, errors: Vec<RecordError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn no_route(method: &Method, uri: &Uri) -> Self {
        ApiError::not_found(format!("no such route: {method} {}", uri.path()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: &self.message,
            errors: &self.errors,
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> Self {
        let status = r.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(status, "request body is larger than the server's limit")
        } else {
            ApiError::new(status, r.body_text())
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(_) => ApiError::bad_request(e.to_string()),
            SearchError::Index { .. } => ApiError::internal(&e),
        }
    }
}

impl From<ArchiveError> for ApiError {
    fn from(e: ArchiveError) -> Self {
        if e.is_user_error() {
            ApiError::bad_request(e.to_string())
        } else {
            ApiError::internal(&e)
        }
    }
}
