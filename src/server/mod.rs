//! The web server: `precedent serve`. It owns the HTTP side only — routing,
//! limits, errors and the pages' HTML — and answers every request with the
//! same library calls as the CLI ([`crate::api`] for the JSON, so `/api/`
//! returns exactly what `--format json` prints).
//!
//! It is read-only: no route writes to the index or reads a path the
//! request names. Order ids and authority keys are only ever looked up as
//! terms in the index, so `../../etc/passwd` is an order that is not there.
//!
//! **Bounded work.** Queries run on tokio's blocking pool, at most
//! [`Limits::max_concurrency`] at once, and exports, which hold whole
//! aggregate tables, at most [`Limits::max_exports`] at once, in a pool of
//! their own, so a download never holds a query's turn. Each request has
//! [`Limits::request_timeout`] for everything before its answer starts: the
//! wait for a turn (503, "busy"), then the work (503). The work runs under a
//! [`Watch`] that the request cancels when it is answered, times out or is
//! abandoned, and every loop of the knowledge base checks it, so a query
//! that is no longer wanted stops within milliseconds and gives its turn
//! back. Search phrases are matched in linear time and bounded in length
//! and slop (`kb::query`). `/api/status`, the style sheet and the OpenAPI
//! file need no turn. An export is streamed (`stream.rs`) and ends when its
//! client takes nothing for the request timeout; any connection whose
//! client stops reading is closed after that long (`WriteStall`).
//!
//! **Hardening.** When bound to loopback, a request whose `Host` is not a
//! loopback name (`localhost`, `127.0.0.1`, `[::1]`) is refused, so a web
//! page cannot reach the server by DNS rebinding; every answer carries a
//! `Content-Security-Policy` and `X-Content-Type-Options: nosniff`. The
//! index is re-opened when its `meta.json` changes, so a re-index — even a
//! `--rebuild` — is picked up without a restart; until the new commit opens
//! cleanly, the last good one keeps answering.

mod api;
mod apidoc;
mod authority;
mod html;
mod pages;
mod stream;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::json;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use crate::kb::{Kb, Watch};
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
    /// Exports running at once (each may hold a whole aggregate table);
    /// more wait for a turn. Exports never take a query's turn.
    pub max_exports: usize,
    /// Longest a request may take before its answer starts (waiting for a
    /// turn included): past it the client gets 503 and the work is stopped.
    /// Also how long a client may take no data before it is cut off.
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
            max_exports: 2,
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
    /// Turns for queries.
    queries: Arc<Semaphore>,
    /// Turns for exports.
    exports: Arc<Semaphore>,
    /// Whether `Host` must name a loopback address: the server was bound to one.
    loopback: bool,
}

impl Shared {
    fn new(dir: PathBuf, kb: Kb, limits: Limits, loopback: bool) -> Shared {
        Shared {
            loaded: RwLock::new(Loaded {
                stamp: meta_stamp(&dir),
                kb: Arc::new(kb),
            }),
            dir,
            queries: Arc::new(Semaphore::new(limits.max_concurrency.max(1))),
            exports: Arc::new(Semaphore::new(limits.max_exports.max(1))),
            limits,
            loopback,
        }
    }
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
            Error::NoIndex { .. } | Error::IndexVersion { .. } | Error::Cancelled => {
                StatusCode::SERVICE_UNAVAILABLE
            }
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

/// Runs `work` against the index on the blocking pool, in a query's turn
/// and within the request timeout.
pub(crate) async fn with_kb<T: Send + 'static>(
    state: &State,
    work: impl FnOnce(&Kb) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let deadline = Instant::now() + state.limits.request_timeout;
    let permit = turn(state, &state.queries, "queries", deadline).await?;
    on_blocking_pool(state, Some(permit), deadline, "the query", work).await
}

/// Runs `work` against the index on the blocking pool within the request
/// timeout, without a turn: for answers that cost a term lookup
/// (`/api/status`), which must come even when every turn is taken.
pub(crate) async fn with_kb_at_once<T: Send + 'static>(
    state: &State,
    work: impl FnOnce(&Kb) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let deadline = Instant::now() + state.limits.request_timeout;
    on_blocking_pool(state, None, deadline, "the answer", work).await
}

/// Runs `work` on the blocking pool under a [`Watch`] that stops it at
/// `deadline` or when this future is dropped (its client has gone); the
/// permit goes with the work and is given back when the work ends, which
/// the watch makes soon after nobody waits for it.
async fn on_blocking_pool<T: Send + 'static>(
    state: &State,
    permit: Option<OwnedSemaphorePermit>,
    deadline: Instant,
    what: &str,
    work: impl FnOnce(&Kb) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let watch = Watch::new(Some(deadline.into_std()));
    let _stop = CancelOnDrop(watch.clone());
    let shared = state.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        watch.over(|| work(&shared.kb()))
    });
    match tokio::time::timeout_at(deadline, task).await {
        Err(_) => Err(over_time(state, what)),
        Ok(Err(_)) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{what} failed unexpectedly"),
        )),
        Ok(Ok(Err(f)))
            if f.status == StatusCode::SERVICE_UNAVAILABLE && deadline_passed(deadline) =>
        {
            Err(over_time(state, what))
        }
        Ok(Ok(result)) => result,
    }
}

fn deadline_passed(deadline: Instant) -> bool {
    Instant::now() >= deadline
}

/// Cancels a watch when dropped: when the request that started the work
/// is answered, has timed out, or was abandoned by its client.
pub(crate) struct CancelOnDrop(pub(crate) Watch);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// A turn from `pool` (`kind` names it), waited for until `deadline`.
pub(crate) async fn turn(
    state: &State,
    pool: &Arc<Semaphore>,
    kind: &str,
    deadline: Instant,
) -> Result<OwnedSemaphorePermit, Failure> {
    match tokio::time::timeout_at(deadline, pool.clone().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) => Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "shutting down",
        )),
        Err(_) => Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server is busy: every turn for {kind} was taken for {} s; try again",
                state.limits.request_timeout.as_secs()
            ),
        )),
    }
}

/// The 503 for work that ran out of time.
pub(crate) fn over_time(state: &State, what: &str) -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "{what} took longer than {} s and was stopped; narrow it",
            state.limits.request_timeout.as_secs()
        ),
    )
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

/// Reads and drops a request body up to the limit; a larger one is 413.
/// No route takes a body, so without this none would ever be read or
/// refused, whatever its size.
async fn limit_body(
    axum::extract::State(state): axum::extract::State<State>,
    request: Request,
    next: Next,
) -> Response {
    let max = state.limits.max_body_bytes;
    let too_large = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over the limit of {max} bytes (every route is a GET)"),
        )
        .into_response()
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, max).await {
        Ok(_) => {
            next.run(Request::from_parts(parts, axum::body::Body::empty()))
                .await
        }
        Err(_) => too_large(),
    }
}

/// Refuses a `Host` that is not a loopback name when the server is bound
/// to loopback: a page on another site that rebinds its name to 127.0.0.1
/// sends its own name, and must not read the index.
async fn check_host(
    axum::extract::State(state): axum::extract::State<State>,
    request: Request,
    next: Next,
) -> Response {
    if state.loopback {
        if let Some(host) = request.headers().get(header::HOST) {
            let shown = String::from_utf8_lossy(host.as_bytes()).into_owned();
            if !loopback_host(&shown) {
                return Failure::new(
                    StatusCode::FORBIDDEN,
                    format!(
                        "Host \"{shown}\" is not this server: it serves localhost only (start it with --addr on another address to serve others)"
                    ),
                )
                .into_response();
            }
        }
    }
    next.run(request).await
}

/// Whether a `Host` value names this machine: `localhost` or a loopback
/// address, with any port (an SSH tunnel may forward another one).
fn loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, rest)) if rest.is_empty() || rest.starts_with(':') => addr,
            _ => return false,
        },
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// What every answer carries: the pages need nothing but their own style
/// sheet, so nothing else may load, and no answer is sniffed into another type.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Methods other than GET and HEAD: 405 with a JSON error and `Allow`.
async fn only_get(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let mut response = Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} is not allowed: every route is a GET", request.method()),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

/// Unknown paths: a JSON 404 under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        Failure::not_found(
            "no such API route; see /api (the routes described) or /api/openapi.json",
        )
        .into_response()
    } else {
        pages::not_found().await
    }
}

/// The application: every route, with the limits applied. Layers run
/// outside in: headers on every answer, then the Host check, the method,
/// the target's length and the body's size, before any handler.
pub(crate) fn app(state: State) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), limit_body))
        .layer(middleware::from_fn_with_state(state.clone(), limit_uri))
        .layer(middleware::from_fn(only_get))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Serves the index until interrupted (Ctrl-C or SIGTERM). Calls `ready`
/// with the bound address once it listens (port 0 picks a free port).
pub fn serve(opts: ServeOptions, ready: impl FnOnce(SocketAddr)) -> crate::Result<()> {
    let kb = Kb::open(&opts.index)?;
    let state: State = Arc::new(Shared::new(
        opts.index.clone(),
        kb,
        opts.limits.clone(),
        opts.addr.ip().is_loopback(),
    ));
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
        let stream = WriteStall::new(stream, limits.request_timeout);
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

/// A connection whose writes fail once the client has taken nothing for
/// `limit`: hyper has no write timeout, so a client that stops reading
/// would otherwise hold its connection, and the export feeding it, forever.
struct WriteStall<S> {
    io: S,
    limit: Duration,
    /// Running while a write waits on the client.
    waiting: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S> WriteStall<S> {
    fn new(io: S, limit: Duration) -> WriteStall<S> {
        WriteStall {
            io,
            limit,
            waiting: None,
        }
    }

    /// A write that is still pending: an error once it has waited too long.
    fn pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<T>> {
        let limit = self.limit;
        let timer = self
            .waiting
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client took no data in time",
            )));
        }
        Poll::Pending
    }

    fn progress<T>(
        &mut self,
        ready: Poll<std::io::Result<T>>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<T>> {
        match ready {
            Poll::Pending => self.pending(cx),
            done => {
                self.waiting = None;
                done
            }
        }
    }
}

impl<S: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for WriteStall<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for WriteStall<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let ready = Pin::new(&mut self.io).poll_write(cx, buf);
        self.progress(ready, cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let ready = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.progress(ready, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let ready = Pin::new(&mut self.io).poll_flush(cx);
        self.progress(ready, cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    /// A server's state over an index of the seed orders, with `limits`.
    fn seeded(limits: Limits) -> (tempfile::TempDir, State) {
        let dir = tempfile::tempdir().unwrap();
        let kb = Kb::open_or_create(dir.path(), false).unwrap();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        crate::kb::index_paths(&kb, &[seeds], &crate::kb::IndexOptions::default(), &|_| {})
            .unwrap();
        kb.reload().unwrap();
        let state = Arc::new(Shared::new(dir.path().to_path_buf(), kb, limits, true));
        (dir, state)
    }

    fn limits() -> Limits {
        Limits {
            max_concurrency: 1,
            max_exports: 1,
            request_timeout: Duration::from_secs(1),
            ..Limits::default()
        }
    }

    async fn ask(state: &State, target: &str, within: Duration) -> (StatusCode, String) {
        let request = Request::builder()
            .uri(target)
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .unwrap();
        let answer = tokio::time::timeout(within, app(state.clone()).oneshot(request))
            .await
            .unwrap_or_else(|_| panic!("{target} was not answered within {within:?}"))
            .unwrap();
        let status = answer.status();
        let body = axum::body::to_bytes(answer.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// With every query's turn taken (by queries nobody waits for any
    /// more), the status, the style sheet and the API description answer at
    /// once, and a query waits no longer than the request timeout for a
    /// turn: 503, not an answer 8.5 s later.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn status_and_static_files_need_no_turn_and_a_query_waits_only_its_time() {
        let (_dir, state) = seeded(limits());
        let _taken = state.queries.clone().acquire_many_owned(1).await.unwrap();
        for target in ["/api/status", "/assets/style.css", "/api/openapi.json"] {
            let (status, _) = ask(&state, target, Duration::from_millis(900)).await;
            assert_eq!(status, StatusCode::OK, "{target}");
        }
        let started = std::time::Instant::now();
        let (status, body) =
            ask(&state, "/api/search?q=preservation", Duration::from_secs(3)).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("busy"), "{body}");
        assert!(started.elapsed() < Duration::from_millis(1800));
    }

    /// Exports have turns of their own: with every export's turn taken, an
    /// export waits its time and gets 503, while queries are answered.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn exports_take_turns_of_their_own() {
        let (_dir, state) = seeded(limits());
        let _taken = state.exports.clone().acquire_many_owned(1).await.unwrap();
        let (status, body) = ask(
            &state,
            "/api/search?q=preservation",
            Duration::from_millis(900),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = ask(
            &state,
            "/api/export/citations?format=csv",
            Duration::from_secs(3),
        )
        .await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("exports"), "{body}");
    }

    #[test]
    fn loopback_hosts_are_told_from_others() {
        for host in [
            "localhost",
            "localhost:8080",
            "LOCALHOST.:80",
            "127.0.0.1",
            "127.0.0.1:8080",
            "127.1.2.3:9",
            "[::1]",
            "[::1]:8080",
        ] {
            assert!(loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.1:8080",
            "[::2]:8080",
            "[::1]x",
            "",
        ] {
            assert!(!loopback_host(host), "{host}");
        }
    }
}
