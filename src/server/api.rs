//! The JSON API under `/api/`: the CLI's query commands over HTTP, answering
//! with [`crate::api`]'s JSON. 200 when something was found, 404 when not
//! (with the same JSON body, e.g. `"status": "not_found"` or the candidates
//! of an ambiguous name), 400 for a bad query, 503 for a query over time.
//! The routes are described in `openapi.json`, served at `/api/openapi.json`.

use axum::body::Body;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State as AxumState};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::stream::with_kb_streamed;
use super::{with_kb, with_kb_at_once, Failure, State};
use crate::api::{self, Answer, Lookup};
use crate::export::{self, ExportFormat, What};
use crate::kb::query::Scope;
use crate::kb::Kb;

/// The OpenAPI description of these routes.
pub(super) const OPENAPI: &str = include_str!("openapi.json");

/// Most hits or authorities one request may ask for.
const MAX_LIMIT: usize = 500;

pub(super) fn routes() -> Router<State> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/cited-by", get(cited_by))
        .route("/api/propositions", get(propositions))
        .route("/api/orders/{id}", get(show))
        .route("/api/orders/{id}/authorities", get(authorities))
        .route("/api/top", get(top))
        .route("/api/export/{what}", get(export_download))
        .route("/api/status", get(status))
        .route("/api/openapi.json", get(openapi))
}

/// Query-string parameters, with a JSON 400 when they do not parse.
fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Failure> {
    q.map(|Query(p)| p)
        .map_err(|e| Failure::bad_request(e.body_text()))
}

/// A path segment, with a JSON 400 when it does not decode (invalid UTF-8).
pub(super) fn segment(p: Result<Path<String>, PathRejection>) -> Result<String, Failure> {
    p.map(|Path(v)| v)
        .map_err(|e| Failure::bad_request(e.body_text()))
}

fn required(value: Option<String>, name: &str) -> Result<String, Failure> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(Failure::bad_request(format!(
            "the query parameter `{name}` is required"
        ))),
    }
}

fn reply(answer: Answer) -> Response {
    let status = if answer.found {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    (status, Json(answer.json)).into_response()
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    scope: Option<Scope>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search(
    AxumState(state): AxumState<State>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, Failure> {
    let p = params(q)?;
    let query = required(p.q, "q")?;
    let limit = p.limit.unwrap_or(10).clamp(1, MAX_LIMIT);
    let offset = p.offset.unwrap_or(0).min(100_000);
    let scope = p.scope.unwrap_or(Scope::Orders);
    let answer = with_kb(&state, move |kb| {
        Ok(api::search(kb, &query, scope, limit, offset)?)
    })
    .await?;
    Ok(reply(answer))
}

#[derive(Debug, Deserialize)]
struct AuthorityParams {
    q: Option<String>,
    format: Option<String>,
}

/// What an authority route answers for a key: JSON, or (for `cited-by`) CSV too.
enum Shape {
    Json(fn(&Kb, &str) -> crate::Result<Answer>),
    JsonOrCsv,
}

/// Resolves `q` to an authority and answers for its key.
async fn for_authority(
    state: State,
    q: Result<Query<AuthorityParams>, QueryRejection>,
    shape: Shape,
) -> Result<Response, Failure> {
    let p = params(q)?;
    let query = required(p.q, "q")?;
    let csv = match (p.format.as_deref(), &shape) {
        (None | Some("json"), _) => false,
        (Some("csv"), Shape::JsonOrCsv) => true,
        (Some(other), _) => {
            return Err(Failure::bad_request(format!(
                "format {other} is not offered here (json{})",
                if matches!(shape, Shape::JsonOrCsv) {
                    " or csv"
                } else {
                    ""
                }
            )))
        }
    };
    let result = with_kb(&state, move |kb| {
        Ok(match api::lookup(kb, &query)? {
            Lookup::Unanswered(a) => Ok(a),
            Lookup::Key(key) if csv => {
                let mut body = Vec::new();
                api::cited_by_csv(&mut body, &kb.cited_by(&key)?)?;
                Err((format!("cited-by-{}", file_safe(&key)), body))
            }
            Lookup::Key(key) => Ok(match shape {
                Shape::Json(answer) => answer(kb, &key)?,
                Shape::JsonOrCsv => api::cited_by(kb, &key)?,
            }),
        })
    })
    .await?;
    Ok(match result {
        Ok(answer) => reply(answer),
        Err((name, body)) => download(&name, ExportFormat::Csv, Body::from(body)),
    })
}

async fn cited_by(
    AxumState(state): AxumState<State>,
    q: Result<Query<AuthorityParams>, QueryRejection>,
) -> Result<Response, Failure> {
    for_authority(state, q, Shape::JsonOrCsv).await
}

async fn propositions(
    AxumState(state): AxumState<State>,
    q: Result<Query<AuthorityParams>, QueryRejection>,
) -> Result<Response, Failure> {
    for_authority(state, q, Shape::Json(api::propositions)).await
}

/// Answers `answer` for the order `id`, or 404 naming it.
async fn for_order(
    state: State,
    id: String,
    answer: fn(&Kb, &crate::kb::OrderRecord) -> crate::Result<Answer>,
) -> Result<Response, Failure> {
    let answer = with_kb(&state, move |kb| match kb.order(&id)? {
        Some(order) => Ok(answer(kb, &order)?),
        None => Err(Failure::not_found(format!(
            "no order \"{id}\" in the index"
        ))),
    })
    .await?;
    Ok(reply(answer))
}

async fn show(
    AxumState(state): AxumState<State>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, Failure> {
    for_order(state, segment(id)?, api::show).await
}

async fn authorities(
    AxumState(state): AxumState<State>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, Failure> {
    for_order(state, segment(id)?, api::authorities).await
}

#[derive(Debug, Deserialize)]
struct TopParams {
    court: Option<String>,
    kind: Option<String>,
    limit: Option<usize>,
}

/// The kinds `top` can be limited to.
pub(super) const KINDS: &[&str] = &["case", "statute", "regulation", "rule", "constitution"];

async fn top(
    AxumState(state): AxumState<State>,
    q: Result<Query<TopParams>, QueryRejection>,
) -> Result<Response, Failure> {
    let p = params(q)?;
    if let Some(k) = p.kind.as_deref().filter(|k| !KINDS.contains(k)) {
        return Err(Failure::bad_request(format!(
            "kind must be one of {}, not {k}",
            KINDS.join(", ")
        )));
    }
    let limit = p.limit.unwrap_or(20).clamp(1, MAX_LIMIT);
    let answer = with_kb(&state, move |kb| {
        Ok(api::top(
            kb,
            p.court.as_deref().filter(|c| !c.is_empty()),
            p.kind.as_deref(),
            limit,
        )?)
    })
    .await?;
    Ok(reply(answer))
}

#[derive(Debug, Deserialize)]
struct ExportParams {
    format: Option<ExportFormat>,
    /// For `toa`: order ids, comma-separated.
    orders: Option<String>,
}

async fn export_download(
    AxumState(state): AxumState<State>,
    what: Result<Path<String>, PathRejection>,
    q: Result<Query<ExportParams>, QueryRejection>,
) -> Result<Response, Failure> {
    let what = segment(what)?;
    let what: What = serde_json::from_value(json!(what)).map_err(|_| {
        Failure::not_found(format!(
            "no export \"{what}\"; use citations, authorities, propositions, toa or graph"
        ))
    })?;
    let p = params(q)?;
    let format = p.format.unwrap_or(match what {
        What::Toa => ExportFormat::Html,
        _ => ExportFormat::Csv,
    });
    let orders: Vec<String> = p
        .orders
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .collect();
    let body = with_kb_streamed(&state, move |kb, out| {
        export::export(kb, what, format, &orders, out)?;
        Ok(())
    })
    .await?;
    Ok(download(
        &format!("precedent-{}", what.name()),
        format,
        body,
    ))
}

/// A file download: its type, and a name to save it under.
fn download(name: &str, format: ExportFormat, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{}.{}\"", name, format.name());
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(export::content_type(format)),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response()
}

/// A key as a file name: letters, digits and `.`, everything else `_`.
fn file_safe(key: &str) -> String {
    let s: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    s.chars().take(80).collect()
}

/// Needs no query's turn: it must answer while every turn is taken.
async fn status(AxumState(state): AxumState<State>) -> Result<Response, Failure> {
    let json = with_kb_at_once(&state, |kb| {
        Ok(json!({
            "status": "ok",
            "index": kb.dir.display().to_string(),
            "format_version": crate::kb::schema::FORMAT_VERSION,
            "orders": kb.order_count()?,
        }))
    })
    .await?;
    Ok(Json(json).into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every API path, as the OpenAPI file spells it (its test checks both agree).
    const PATHS: &[&str] = &[
        "/api/search",
        "/api/cited-by",
        "/api/propositions",
        "/api/orders/{id}",
        "/api/orders/{id}/authorities",
        "/api/top",
        "/api/export/{what}",
        "/api/status",
        "/api/openapi.json",
    ];

    #[test]
    fn openapi_describes_every_route_and_no_other() {
        let spec: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        assert_eq!(spec["openapi"].as_str().map(|v| &v[..2]), Some("3."));
        let mut described: Vec<&str> = spec["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .map(String::as_str)
            .collect();
        described.sort();
        let mut served = PATHS.to_vec();
        served.sort();
        assert_eq!(described, served);
    }

    #[test]
    fn keys_become_safe_file_names() {
        assert_eq!(file_safe("42 U.S.C. § 1983"), "42_U.S.C.___1983");
        assert_eq!(file_safe("../../etc"), ".._.._etc");
    }
}
