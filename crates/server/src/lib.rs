//! `storyline serve`: a JSON API and a web UI over one database directory, from one binary.
//!
//! The server owns the [`Archive`]. Writes (`POST /api/documents`) are serialized behind one
//! async mutex and run on the blocking pool, since an ingest recomputes the whole digest; readers
//! never wait for that: they read an immutable view of the digest that is swapped in whole
//! once an ingest is durable, and search through a clone of the index, which sees every rebuild.
//!
//! The UI is three embedded files (HTML, JS, CSS) and works offline. It builds its DOM with
//! `textContent` only, and every response carries a Content-Security-Policy that forbids inline
//! script, so article text — attacker-controlled, in effect — is always inert.

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{self, HeaderValue};
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::Router;
use storyline_pipeline::Archive;

mod api;
mod error;
mod state;
mod ui;

pub use error::{ApiError, RecordError};
use state::AppState;

/// Largest request body accepted by default: a few thousand articles per request.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The address `storyline serve` binds when given none: this machine only, since the API has
/// no authentication.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Requests with a larger body are answered 413.
    pub max_body_bytes: usize,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// One route of the server. The table is the single list of routes: the router is built from
/// it, and a test checks the OpenAPI description against it.
struct Route {
    #[cfg(test)]
    method: Method,
    path: &'static str,
    handler: MethodRouter<AppState>,
}

macro_rules! routes {
    ($(($method:ident, $path:literal, $handler:expr)),* $(,)?) => {
        vec![$(Route {
            #[cfg(test)]
            method: Method::$method,
            path: $path,
            handler: on(MethodFilter::$method, $handler),
        }),*]
    };
}

fn routes() -> Vec<Route> {
    routes![
        (GET, "/api/health", api::health),
        (GET, "/api/events", api::events),
        (GET, "/api/events/{id}", api::event),
        (GET, "/api/storylines", api::storylines),
        (GET, "/api/storylines/{id}", api::storyline),
        (GET, "/api/documents/{*id}", api::document),
        (POST, "/api/documents", api::ingest),
        (GET, "/api/search", api::search),
        (GET, "/api/volume", api::volume),
        (GET, "/api/openapi.json", api::openapi),
        (GET, "/", ui::index),
        (GET, "/assets/{file}", ui::asset),
    ]
}

/// The whole application over `archive`, ready to be served.
pub fn router(archive: Archive, opts: &ServerOptions) -> Router {
    let mut app = Router::new();
    for route in routes() {
        app = app.route(route.path, route.handler);
    }
    app.fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(opts.max_body_bytes))
        .layer(middleware::from_fn(headers_and_log))
        .with_state(AppState::new(archive))
}

async fn fallback(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::no_route(&method, &uri)
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        format!("method {method} not allowed on {}", uri.path()),
    )
}

/// Security headers on every response, errors included, and one debug line per request.
async fn headers_and_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    tracing::debug!(%method, path, status = res.status().as_u16(), "request");
    res
}

/// A bound, not yet running server: binding first lets a caller learn the port (tests bind
/// port 0) before serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    addr: SocketAddr,
    app: Router,
}

impl Server {
    pub async fn bind(
        archive: Archive,
        addr: SocketAddr,
        opts: ServerOptions,
    ) -> Result<Server, ServerError> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Bind { addr, source })?;
        let addr = listener.local_addr()?;
        Ok(Server {
            listener,
            addr,
            app: router(archive, &opts),
        })
    }

    /// The address actually bound (with the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serve until `shutdown` completes, then finish the requests in flight.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await?;
        Ok(())
    }
}

/// Serve `archive` on `addr` until Ctrl-C (or SIGTERM), printing the URL to stderr.
pub async fn serve(
    archive: Archive,
    addr: SocketAddr,
    opts: ServerOptions,
) -> Result<(), ServerError> {
    let server = Server::bind(archive, addr, opts).await?;
    let bound = server.local_addr();
    if !bound.ip().is_loopback() {
        tracing::warn!(
            "listening on {bound}, reachable from other machines; the API has no authentication"
        );
    }
    eprintln!("storyline: serving http://{bound}/ (Ctrl-C to stop)");
    server.run(shutdown_signal()).await?;
    eprintln!("storyline: stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The OpenAPI description lists exactly the router's routes, each with its method.
    #[test]
    fn openapi_describes_every_route() {
        let doc: serde_json::Value = serde_json::from_str(api::OPENAPI).unwrap();
        let paths = doc["paths"].as_object().unwrap();
        let mut described: Vec<(String, String)> = paths
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .filter(|k| *k != "parameters")
                    .map(move |m| (m.to_uppercase(), path.clone()))
            })
            .collect();
        described.sort();
        // OpenAPI has no catch-all parameters: `{*id}` is written `{id}`, documented as
        // possibly containing `/`.
        let mut routed: Vec<(String, String)> = routes()
            .iter()
            .map(|r| (r.method.to_string(), r.path.replace("{*", "{")))
            .collect();
        routed.sort();
        assert_eq!(described, routed);
    }
}
