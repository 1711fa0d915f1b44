//! The API page (`/api`): `openapi.json` rendered on the server as a page a
//! reader can use — each route with what it does, its parameters and its
//! answers — so the "API" link opens documentation rather than raw JSON,
//! and nothing is fetched from the network (no Swagger UI, no script).
//! `openapi.json` stays the one description: this page only formats it.

use std::fmt::Write;

use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;

use super::api::OPENAPI;
use super::html::{esc, page};
use super::pages::error_page;
use super::Failure;

pub(super) async fn api_page() -> Response {
    match serde_json::from_str::<Value>(OPENAPI) {
        Ok(spec) => Html(render(&spec)).into_response(),
        Err(e) => error_page(Failure::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            format!("openapi.json does not parse: {e}"),
        )),
    }
}

/// Text of the description with its `code` spans as code, escaped.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// A schema in a few words: `string (orders | propositions)`, `SearchResults`.
fn schema_text(schema: &Value) -> String {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("<a href=\"#schema-{0}\">{0}</a>", esc(name));
    }
    let mut out = esc(schema["type"].as_str().unwrap_or("any"));
    if schema["type"] == "array" {
        let _ = write!(out, " of {}", schema_text(&schema["items"]));
    }
    if let Some(values) = schema["enum"].as_array() {
        let values: Vec<String> = values
            .iter()
            .map(|v| format!("<code>{}</code>", esc(v.as_str().unwrap_or(&v.to_string()))))
            .collect();
        let _ = write!(out, " ({})", values.join(" | "));
    }
    out
}

/// An id for an anchor: letters and digits, the rest as `-`.
fn anchor(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

fn render(spec: &Value) -> String {
    let info = &spec["info"];
    let title = info["title"].as_str().unwrap_or("API");
    let mut body = format!(
        "<h1>{}</h1><p class=\"meta\">OpenAPI {} · version {} · <a href=\"/api/openapi.json\">openapi.json</a></p><p>{}</p>",
        esc(title),
        esc(spec["openapi"].as_str().unwrap_or("")),
        esc(info["version"].as_str().unwrap_or("")),
        prose(info["description"].as_str().unwrap_or(""))
    );
    let paths = spec["paths"].as_object().cloned().unwrap_or_default();
    body.push_str("<nav class=\"api-index\"><h2>Routes</h2><ul class=\"plain\">");
    for (path, ops) in &paths {
        for (method, op) in ops.as_object().into_iter().flatten() {
            let _ = write!(
                body,
                "<li><a href=\"#{}\"><code>{} {}</code></a> — {}</li>",
                anchor(&format!("{method} {path}")),
                esc(&method.to_uppercase()),
                esc(path),
                prose(op["summary"].as_str().unwrap_or(""))
            );
        }
    }
    body.push_str("</ul></nav>");
    for (path, ops) in &paths {
        for (method, op) in ops.as_object().into_iter().flatten() {
            route(&mut body, path, method, op);
        }
    }
    if let Some(schemas) = spec["components"]["schemas"].as_object() {
        body.push_str("<section><h2>Schemas</h2>");
        for (name, schema) in schemas {
            let required: Vec<&str> = schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let _ = write!(
                body,
                "<h3 id=\"schema-{}\">{}</h3><table class=\"citing api\"><thead><tr><th>Field</th><th>Type</th><th>Required</th></tr></thead><tbody>",
                esc(name),
                esc(name)
            );
            for (field, s) in schema["properties"].as_object().into_iter().flatten() {
                let _ = write!(
                    body,
                    "<tr><td data-label=\"Field\"><code>{}</code></td><td data-label=\"Type\">{}</td><td data-label=\"Required\">{}</td></tr>",
                    esc(field),
                    schema_text(s),
                    if required.contains(&field.as_str()) { "yes" } else { "no" }
                );
            }
            body.push_str("</tbody></table>");
        }
        body.push_str("</section>");
    }
    page("API", "", &body)
}

fn route(body: &mut String, path: &str, method: &str, op: &Value) {
    // A route with nothing to fill in can be tried from the page.
    let params = op["parameters"].as_array().cloned().unwrap_or_default();
    let tried = if params.is_empty() && !path.contains('{') {
        format!(" <a class=\"try\" href=\"{}\">open</a>", esc(path))
    } else {
        String::new()
    };
    let _ = write!(
        body,
        "<section class=\"route\" id=\"{}\"><h2><code>{} {}</code>{tried}</h2><p>{}</p>",
        anchor(&format!("{method} {path}")),
        esc(&method.to_uppercase()),
        esc(path),
        prose(op["summary"].as_str().unwrap_or(""))
    );
    if !params.is_empty() {
        body.push_str("<h3>Parameters</h3><table class=\"citing api\"><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>");
        for p in &params {
            let _ = write!(
                body,
                "<tr><td data-label=\"Name\"><code>{}</code></td><td data-label=\"In\">{}</td><td data-label=\"Type\">{}</td><td data-label=\"Required\">{}</td><td data-label=\"Description\">{}</td></tr>",
                esc(p["name"].as_str().unwrap_or("")),
                esc(p["in"].as_str().unwrap_or("")),
                schema_text(&p["schema"]),
                if p["required"].as_bool() == Some(true) { "yes" } else { "no" },
                prose(p["description"].as_str().unwrap_or(""))
            );
        }
        body.push_str("</tbody></table>");
    }
    if let Some(responses) = op["responses"].as_object() {
        body.push_str("<h3>Answers</h3><table class=\"citing api\"><thead><tr><th>Status</th><th>Description</th><th>Body</th></tr></thead><tbody>");
        for (status, r) in responses {
            let types: Vec<String> = r["content"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(mime, c)| {
                    let schema = if c["schema"].is_null() {
                        String::new()
                    } else {
                        format!(" {}", schema_text(&c["schema"]))
                    };
                    format!("<code>{}</code>{schema}", esc(mime))
                })
                .collect();
            let _ = write!(
                body,
                "<tr><td data-label=\"Status\">{}</td><td data-label=\"Description\">{}</td><td data-label=\"Body\">{}</td></tr>",
                esc(status),
                prose(r["description"].as_str().unwrap_or("")),
                if types.is_empty() { "–".to_string() } else { types.join("<br>") }
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_of_the_description_is_on_the_page() {
        let spec: Value = serde_json::from_str(OPENAPI).unwrap();
        let html = render(&spec);
        for path in spec["paths"].as_object().unwrap().keys() {
            assert!(
                html.contains(&format!("GET {}</code>", esc(path))),
                "{path}"
            );
        }
        assert!(html.contains("<h3>Parameters</h3>"));
        assert!(html.contains("id=\"schema-SearchResults\""));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn code_spans_and_markup_in_descriptions() {
        assert_eq!(prose("use `q` <b>"), "use <code>q</code> &lt;b&gt;");
        assert_eq!(anchor("get /api/orders/{id}"), "get--api-orders--id");
    }
}
