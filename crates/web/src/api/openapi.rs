//! The OpenAPI 3 description of the API (written by hand, checked against
//! the router by a test) and a page that renders it.

use axum::Json;
use axum::response::Html;
use serde_json::{Value, json};

/// (path, summary, query parameters)
pub const OPERATIONS: &[(&str, &str, &[&str])] = &[
    (
        "/api/v1/health",
        "The process is up; which release is loaded.",
        &[],
    ),
    (
        "/api/v1/overview",
        "A group's IIP growth for a month beside the nation, its members ranked, sub-regions, contributions.",
        &[
            "group",
            "period",
            "boundaries",
            "threshold",
            "format",
            "lang",
        ],
    ),
];

fn param(name: &str) -> Value {
    let (desc, schema) = match name {
        "group" => (
            "Group id, e.g. north_28 (default).",
            json!({"type": "string"}),
        ),
        "period" => (
            "Month YYYY-MM (default: the latest released).",
            json!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}),
        ),
        "boundaries" => (
            "pre2025 (63 provinces, months to 2025-06) or 2025 (34).",
            json!({"type": "string", "enum": ["pre2025", "2025"]}),
        ),
        "threshold" => (
            "Growth threshold in percent (default 11).",
            json!({"type": "number"}),
        ),
        "format" => (
            "json (default), csv or sdmx (SDMX-CSV).",
            json!({"type": "string", "enum": ["json", "csv", "sdmx"]}),
        ),
        "lang" => (
            "vi (default) or en.",
            json!({"type": "string", "enum": ["vi", "en"]}),
        ),
        _ => ("", json!({"type": "string"})),
    };
    json!({ "name": name, "in": "query", "required": false, "description": desc, "schema": schema })
}

/// The document.
pub fn document() -> Value {
    let error = json!({ "description": "Error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Errors" } } } });
    let mut paths = serde_json::Map::new();
    for (path, summary, params) in OPERATIONS {
        paths.insert(
            (*path).to_owned(),
            json!({ "get": {
                "summary": summary,
                "parameters": params.iter().map(|p| param(p)).collect::<Vec<_>>(),
                "responses": { "200": { "description": "OK" }, "400": error, "404": error, "503": error }
            }}),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "congthuong API", "version": env!("CARGO_PKG_VERSION"), "description": "Released figures of the industry and trade information system. Figures are at full precision; display rounding is half-up." },
        "paths": paths,
        "components": { "schemas": { "Errors": {
            "type": "object",
            "required": ["errors"],
            "properties": { "errors": { "type": "array", "items": { "type": "object", "required": ["status", "code"], "properties": {
                "status": { "type": "integer" }, "code": { "type": "string" }, "detail": { "type": "string" }
            } } } }
        } } }
    })
}

/// `GET /api/openapi.json`
pub async fn json() -> Json<Value> {
    Json(document())
}

/// `GET /api/docs`: the document rendered as a page (no script needed).
pub async fn docs() -> Html<String> {
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>congthuong API</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"doc\"><h1>congthuong API</h1><p>OpenAPI 3 document: <a href=\"/api/openapi.json\">/api/openapi.json</a>. Errors use one envelope: <code>{\"errors\":[{\"status\":404,\"code\":\"not_found\",\"detail\":\"…\"}]}</code>.</p>",
    );
    for (path, summary, params) in OPERATIONS {
        html.push_str(&format!(
            "<section><h2><code>GET {path}</code></h2><p>{summary}</p>"
        ));
        if !params.is_empty() {
            html.push_str("<table><tr><th>parameter</th><th>meaning</th></tr>");
            for p in *params {
                let d = param(p);
                html.push_str(&format!(
                    "<tr><td><code>{p}</code></td><td>{}</td></tr>",
                    d["description"].as_str().unwrap_or("")
                ));
            }
            html.push_str("</table>");
        }
        html.push_str("</section>");
    }
    html.push_str("</main></body></html>");
    Html(html)
}
