//! The web server: `precedent serve`. It owns the HTTP side only — routing,
//! limits, errors and the pages' HTML — and answers every request with the
//! same library calls as the CLI ([`crate::api`] for the JSON, so `/api/`
//! returns exactly what `--format json` prints).
//!
//! It is read-only: no route writes to the index or reads a path the
//! request names. Order ids and authority keys are only ever looked up as
//! terms in the index, so `../../etc/passwd` is an order that is not there.
//!
//! Queries run on tokio's blocking pool, at most [`Limits::max_concurrency`]
//! at once (a permit is held until the work ends, even when the client has
//! given up), each bounded by [`Limits::request_timeout`] (an export
//! download, streamed by `stream.rs`, only until its first bytes). The index is
//! re-opened when its `meta.json` changes, so a re-index — even a
//! `--rebuild` — is picked up without a restart; until the new commit opens
//! cleanly, the last good one keeps answering.

mod api;
mod html;
mod pages;
mod stream;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::kb::Kb;
use crate::Error;

/// The server's limits; the defaults are documented in the README.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest request target (path and query string), in bytes.
    pub max_uri_bytes: usize,
    /// Largest request body, in bytes (every route is a GET; a body is refused past this).
    pub max_body_bytes: usize,
    /// Queries running at once; more wait for a turn.
    pub max_concurrency: usize,
    /// Longest a query may run before the client gets 503.
    pub request_timeout: Duration,
    /// Longest a client may take to send its request headers, and to keep
    /// an idle connection open (against slow clients holding connections).
    pub header_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_uri_bytes: 8 * 1024,
            max_body_bytes: 16 * 1024,
            max_concurrency: 32,
            request_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
        }
    }
}

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The index directory.
    pub index: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Request limits.
    pub limits: Limits,
}

/// The index as last opened, and the `meta.json` time it was opened at.
struct Loaded {
    stamp: Option<SystemTime>,
    kb: Arc<Kb>,
}

/// State shared by every request.
pub(crate) struct Shared {
    dir: PathBuf,
    loaded: RwLock<Loaded>,
    limits: Limits,
    work: Arc<Semaphore>,
}

pub(crate) type State = Arc<Shared>;

fn meta_stamp(dir: &Path) -> Option<SystemTime> {
    std::fs::metadata(dir.join("meta.json"))
        .and_then(|m| m.modified())
        .ok()
}

impl Shared {
    /// The index, re-opened first if it was committed to since it was opened.
    fn kb(&self) -> Arc<Kb> {
        let stamp = meta_stamp(&self.dir);
        {
            let loaded = self.loaded.read().unwrap_or_else(|e| e.into_inner());
            if loaded.stamp == stamp {
                return loaded.kb.clone();
            }
        }
        let mut loaded = self.loaded.write().unwrap_or_else(|e| e.into_inner());
        if loaded.stamp != stamp {
            // A half-rebuilt directory does not open; the old readers still
            // hold their files, so the last good commit keeps answering.
            if let Ok(kb) = Kb::open(&self.dir) {
                loaded.kb = Arc::new(kb);
                loaded.stamp = stamp;
            } else {
                let _ = loaded.kb.reload();
            }
        }
        loaded.kb.clone()
    }
}

/// An error answer: a status and a message, as JSON under `/api/` and as a page elsewhere.
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        let status = match &e {
            Error::Query(_) | Error::Unsupported { .. } => StatusCode::BAD_REQUEST,
            Error::NoOrder { .. } => StatusCode::NOT_FOUND,
            Error::NoIndex { .. } | Error::IndexVersion { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(status, e.to_string())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": self.message, "status": self.status.as_u16()})),
        )
            .into_response()
    }
}

/// Runs `work` against the index on the blocking pool, within the limits.
pub(crate) async fn with_kb<T: Send + 'static>(
    state: &State,
    work: impl FnOnce(&Kb) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let permit = permit(state).await?;
    let shared = state.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&shared.kb())
    });
    within_timeout(state, "the query", task).await
}

/// A permit for index work. It goes with the work onto the blocking pool
/// and lives as long as the work, not the request, so abandoned queries
/// still count against the limit.
pub(crate) async fn permit(state: &State) -> Result<tokio::sync::OwnedSemaphorePermit, Failure> {
    state
        .work
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Failure::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))
}

/// Waits up to the request timeout for `outcome`, the answer of work on the
/// blocking pool (`what` names it in the errors); a lost answer means the
/// work panicked.
pub(crate) async fn within_timeout<T, Lost>(
    state: &State,
    what: &str,
    outcome: impl std::future::Future<Output = Result<Result<T, Failure>, Lost>>,
) -> Result<T, Failure> {
    match tokio::time::timeout(state.limits.request_timeout, outcome).await {
        Err(_) => Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "{what} took longer than {} s; narrow it",
                state.limits.request_timeout.as_secs()
            ),
        )),
        Ok(Err(_)) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{what} failed unexpectedly"),
        )),
        Ok(Ok(result)) => result,
    }
}

/// Refuses request targets over the limit before any handler parses them.
async fn limit_uri(
    axum::extract::State(state): axum::extract::State<State>,
    request: Request,
    next: Next,
) -> Response {
    let len = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if len > state.limits.max_uri_bytes {
        return Failure::new(
            StatusCode::URI_TOO_LONG,
            format!(
                "the request target is {len} bytes, over the limit of {}",
                state.limits.max_uri_bytes
            ),
        )
        .into_response();
    }
    next.run(request).await
}

/// Unknown paths: a JSON 404 under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        Failure::not_found("no such API route; see /api/openapi.json").into_response()
    } else {
        pages::not_found().await
    }
}

/// The application: every route, with the limits applied.
pub(crate) fn app(state: State) -> Router {
    let max_body = state.limits.max_body_bytes;
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), limit_uri))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// Serves the index until interrupted (Ctrl-C or SIGTERM). Calls `ready`
/// with the bound address once it listens (port 0 picks a free port).
pub fn serve(opts: ServeOptions, ready: impl FnOnce(SocketAddr)) -> crate::Result<()> {
    let kb = Kb::open(&opts.index)?;
    let state: State = Arc::new(Shared {
        dir: opts.index.clone(),
        loaded: RwLock::new(Loaded {
            stamp: meta_stamp(&opts.index),
            kb: Arc::new(kb),
        }),
        work: Arc::new(Semaphore::new(opts.limits.max_concurrency.max(1))),
        limits: opts.limits.clone(),
    });
    let io = |source| Error::Io {
        path: opts.index.clone(),
        source,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .map_err(|source| Error::Io {
                path: PathBuf::from(opts.addr.to_string()),
                source,
            })?;
        let bound = listener.local_addr().map_err(io)?;
        ready(bound);
        accept_loop(listener, app(state.clone()), &state.limits).await;
        Ok(())
    })
}

/// Accepts connections until shutdown, each served by hyper with a header
/// timeout (so a client dribbling its headers cannot hold a connection),
/// and at most `MAX_CONNECTIONS` at once.
async fn accept_loop(listener: tokio::net::TcpListener, app: Router, limits: &Limits) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let shutdown = shutdown();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => return,
            p = connections.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => return,
            },
        };
        let (stream, _) = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait, do not spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(app.clone());
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let _permit = permit;
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Open connections at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 1024;

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
