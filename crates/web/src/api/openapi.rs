//! The OpenAPI 3 description of the API and a page that renders it.
//!
//! Each part of the server lists its own operations next to its handlers
//! (a `pub const OPERATIONS: &[Operation]`), and [`SETS`] gathers them. A
//! test reads the router's sources and checks that every `/api/` route is
//! documented here and that every documented operation is routed.

use axum::Json;
use axum::response::Html;
use serde_json::{Value, json};

/// Who may call an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without logging in (released figures only).
    Public,
    /// Any logged-in account.
    LoggedIn,
    /// Analysts and admins; province officers for their own province.
    OwnProvince,
    /// Analysts and admins.
    Analyst,
    /// Admins.
    Admin,
}

impl Access {
    fn describe(self) -> &'static str {
        match self {
            Access::Public => "Public: no login needed.",
            Access::LoggedIn => "Any logged-in account (session cookie).",
            Access::OwnProvince => {
                "Analysts and admins for every province; a province officer for their own province only (403 and an audit entry otherwise)."
            }
            Access::Analyst => "Analysts and admins.",
            Access::Admin => "Admins.",
        }
    }
}

/// The value a parameter takes.
#[derive(Clone, Copy, Debug)]
pub enum Schema {
    /// Free text.
    Text,
    /// A month `YYYY-MM`.
    Month,
    /// A date `YYYY-MM-DD`.
    Date,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// One of these.
    OneOf(&'static [&'static str]),
}

impl Schema {
    fn json(self) -> Value {
        match self {
            Schema::Text => json!({"type": "string"}),
            Schema::Month => {
                json!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"})
            }
            Schema::Date => json!({"type": "string", "format": "date"}),
            Schema::Integer => json!({"type": "integer"}),
            Schema::Number => json!({"type": "number"}),
            Schema::OneOf(v) => json!({"type": "string", "enum": v}),
        }
    }
}

/// A query or path parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// What it means (and its default).
    pub description: &'static str,
    /// Its values.
    pub schema: Schema,
}

/// One documented operation.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// `get`, `post`, `put`, `patch` or `delete`.
    pub method: &'static str,
    /// The path as routed, with `{name}` for path parameters.
    pub path: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Query parameters (path parameters are taken from `path`).
    pub params: &'static [Param],
    /// The request body, described, when there is one.
    pub body: Option<&'static str>,
}

/// Common query parameters.
pub mod params {
    use super::{Param, Schema};

    /// `group`
    pub const GROUP: Param = Param {
        name: "group",
        description: "Group id, e.g. north_28 (default), a GSO region, or a derived sub-region id.",
        schema: Schema::Text,
    };
    /// `area`
    pub const AREA: Param = Param {
        name: "area",
        description: "Two-digit province code on the chosen boundaries, or VN.",
        schema: Schema::Text,
    };
    /// `period`
    pub const PERIOD: Param = Param {
        name: "period",
        description: "Month YYYY-MM (default: the latest released).",
        schema: Schema::Month,
    };
    /// `from`
    pub const FROM: Param = Param {
        name: "from",
        description: "First month YYYY-MM (default: the first released).",
        schema: Schema::Month,
    };
    /// `to`
    pub const TO: Param = Param {
        name: "to",
        description: "Last month YYYY-MM (default: the latest released).",
        schema: Schema::Month,
    };
    /// `boundaries`
    pub const BOUNDARIES: Param = Param {
        name: "boundaries",
        description: "pre2025 (63 provinces, months to 2025-06) or 2025 (34; the default).",
        schema: Schema::OneOf(&["pre2025", "2025"]),
    };
    /// `level`
    pub const LEVEL: Param = Param {
        name: "level",
        description: "Industry level: total, section, division, class or product (default: all).",
        schema: Schema::OneOf(&["total", "section", "division", "class", "product"]),
    };
    /// `threshold`
    pub const THRESHOLD: Param = Param {
        name: "threshold",
        description: "Growth threshold in percent (default 11).",
        schema: Schema::Number,
    };
    /// `format` for tables
    pub const FORMAT: Param = Param {
        name: "format",
        description: "json (default), csv, xlsx or sdmx (SDMX-CSV 1.0).",
        schema: Schema::OneOf(&["json", "csv", "xlsx", "sdmx"]),
    };
    /// `lang`
    pub const LANG: Param = Param {
        name: "lang",
        description: "vi (default) or en: the language of names and texts.",
        schema: Schema::OneOf(&["vi", "en"]),
    };
}

/// Every operation, part by part.
pub const SETS: &[&[Operation]] = &[
    super::OPERATIONS,
    crate::exports::OPERATIONS,
    crate::projects::OPERATIONS,
];

/// Every documented operation.
pub fn operations() -> impl Iterator<Item = &'static Operation> {
    SETS.iter().flat_map(|s| s.iter())
}

/// The path parameters of a path (`{id}`).
fn path_params(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

fn param_json(p: &Param, place: &str) -> Value {
    json!({ "name": p.name, "in": place, "required": place == "path", "description": p.description, "schema": p.schema.json() })
}

/// The document.
pub fn document() -> Value {
    let error = json!({ "description": "Error (the envelope below)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Errors" } } } });
    let mut paths = serde_json::Map::new();
    for op in operations() {
        let mut parameters: Vec<Value> = path_params(op.path)
            .into_iter()
            .map(|name| {
                param_json(
                    &Param {
                        name,
                        description: "Path parameter.",
                        schema: Schema::Text,
                    },
                    "path",
                )
            })
            .collect();
        parameters.extend(op.params.iter().map(|p| param_json(p, "query")));
        let mut operation = json!({
            "summary": op.summary,
            "description": op.access.describe(),
            "parameters": parameters,
            "responses": { "200": { "description": "OK" }, "400": error, "401": error, "403": error, "404": error, "503": error }
        });
        if let Some(body) = op.body {
            operation["requestBody"] = json!({ "description": body, "required": true, "content": { "application/json": {} } });
        }
        let entry = paths.entry(op.path.to_owned()).or_insert_with(|| json!({}));
        entry[op.method] = operation;
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "congthuong API", "version": env!("CARGO_PKG_VERSION"), "description": "The industry and trade information system: released figures, reports, projects, brands, traceability and rules of origin. Figures are at full precision; display rounding is half-up. Writes need a session cookie and the X-CSRF-Token header (GET /api/v1/me gives it)." },
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /api/docs`: the document rendered as a page (no script needed).
pub async fn docs() -> Html<String> {
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>congthuong API</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"doc\"><h1>congthuong API</h1><p>OpenAPI 3 document: <a href=\"/api/openapi.json\">/api/openapi.json</a>. Errors use one envelope: <code>{\"errors\":[{\"status\":404,\"code\":\"not_found\",\"detail\":\"…\"}]}</code>. Writes need a session cookie (log in at <a href=\"/dang-nhap\">/dang-nhap</a>) and the <code>X-CSRF-Token</code> header from <code>GET /api/v1/me</code>.</p>",
    );
    for op in operations() {
        html.push_str(&format!(
            "<section><h2><code>{} {}</code></h2><p>{}</p><p><em>{}</em></p>",
            op.method.to_uppercase(),
            escape(op.path),
            escape(op.summary),
            op.access.describe()
        ));
        if let Some(body) = op.body {
            html.push_str(&format!("<p>Body: {}</p>", escape(body)));
        }
        if !op.params.is_empty() {
            html.push_str("<table><tr><th>parameter</th><th>meaning</th></tr>");
            for p in op.params {
                html.push_str(&format!(
                    "<tr><td><code>{}</code></td><td>{}</td></tr>",
                    p.name,
                    escape(p.description)
                ));
            }
            html.push_str("</table>");
        }
        html.push_str("</section>");
    }
    html.push_str("</main></body></html>");
    Html(html)
}
