//! The OpenAPI 3 description of the API and a page that renders it.
//!
//! Each part of the server lists its own operations next to its handlers
//! (a `pub const OPERATIONS: &[Operation]`), and [`SETS`] gathers them. A
//! test reads the router's sources and checks that every `/api/` route is
//! documented here and that every documented operation is routed.
//!
//! The JSON document is in English. The page (`/api/docs`) is in the
//! reader's language (`?lang=en` for English), inside the site's layout:
//! its texts, each operation's summary, who may call it and each
//! parameter's meaning, from [`vi`] (a test checks that nothing is
//! missing there).

mod vi;

use axum::Json;
use axum::extract::{Query, State};
use axum::response::Html;
use congthuong_core::Lang;
use serde::Serialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::error::AppError;
use crate::pages::{Layout, Params, lang_of, page};
use crate::state::AppState;

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
        self.describe_in(Lang::En)
    }

    fn describe_in(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Access::Public => (
                "Công khai: không cần đăng nhập.",
                "Public: no login needed.",
            ),
            Access::LoggedIn => (
                "Mọi tài khoản đã đăng nhập (cookie phiên).",
                "Any logged-in account (session cookie).",
            ),
            Access::OwnProvince => (
                "Chuyên viên phân tích và quản trị viên cho mọi tỉnh; cán bộ Sở chỉ cho tỉnh mình (nếu không: mã 403 và một dòng nhật ký).",
                "Analysts and admins for every province; a province officer for their own province only (403 and an audit entry otherwise).",
            ),
            Access::Analyst => (
                "Chuyên viên phân tích và quản trị viên.",
                "Analysts and admins.",
            ),
            Access::Admin => ("Quản trị viên.", "Admins."),
        };
        lang.pick(vi, en)
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

/// A text in the reader's language: the English as the parts define it,
/// or its Vietnamese from [`vi`] (the English when one is missing, which
/// a test forbids).
fn described(en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi::description(en).unwrap_or(en),
    }
}

/// A request body as the page shows it: a sentence in the reader's
/// language, and the JSON example (code) when there is one.
fn body_parts(body: &'static str, lang: Lang) -> (Option<&'static str>, Option<&'static str>) {
    match body.find('{') {
        Some(0) => (None, Some(body)),
        Some(i) => (
            Some(described(body[..i].trim_end(), lang)),
            Some(&body[i..]),
        ),
        None => (Some(described(body, lang)), None),
    }
}

/// A piece of a text: code (written between backticks in [`vi`]) or words.
#[derive(Serialize, Debug, PartialEq)]
struct Segment {
    code: bool,
    text: &'static str,
}

/// A text cut at its backticks: `` `province` (mã tỉnh) `` is code, then
/// words.
fn segments(text: &'static str) -> Vec<Segment> {
    text.split('`')
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| Segment {
            code: i % 2 == 1,
            text: t,
        })
        .collect()
}

#[derive(Serialize)]
struct DocParam {
    name: &'static str,
    meaning: Vec<Segment>,
}

#[derive(Serialize)]
struct DocOperation {
    method: String,
    path: &'static str,
    summary: Vec<Segment>,
    access: &'static str,
    body_text: Option<Vec<Segment>>,
    body_code: Option<&'static str>,
    params: Vec<DocParam>,
}

/// The page's operations in `lang`.
fn doc_operations(lang: Lang) -> Vec<DocOperation> {
    operations()
        .map(|op| {
            let (body_text, body_code) = op.body.map(|b| body_parts(b, lang)).unwrap_or_default();
            DocOperation {
                method: op.method.to_uppercase(),
                path: op.path,
                summary: segments(match lang {
                    Lang::En => op.summary,
                    Lang::Vi => vi::summary(op.method, op.path).unwrap_or(op.summary),
                }),
                access: op.access.describe_in(lang),
                body_text: body_text.map(segments),
                body_code,
                params: op
                    .params
                    .iter()
                    .map(|p| DocParam {
                        name: p.name,
                        meaning: segments(described(p.description, lang)),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The page's texts.
pub const TEXTS: crate::i18n::Texts = &[
    ("api_title", "Giao diện lập trình (API)", "The API"),
    (
        "api_document",
        "Tài liệu OpenAPI 3 (tiếng Anh):",
        "OpenAPI 3 document:",
    ),
    (
        "api_errors",
        "Mọi lỗi có cùng một dạng:",
        "Errors use one envelope:",
    ),
    (
        "api_writes",
        "Các lệnh ghi cần cookie phiên đăng nhập (đăng nhập tại",
        "Writes need a session cookie (log in at",
    ),
    (
        "api_writes_token",
        ") và tiêu đề X-CSRF-Token lấy từ",
        ") and the X-CSRF-Token header from",
    ),
    (
        "api_language",
        "Tên và nội dung theo tham số lang (vi: mặc định; en); thông báo lỗi của API viết bằng tiếng Anh, trừ kiểm tra xuất xứ (theo lang). Số trong chuỗi JSON viết 95,5 hoặc 95.5 đều được; số đọc được hai cách như 1.000 cần kèm ?lang=vi (một nghìn) hoặc ?lang=en (một), nếu không sẽ bị từ chối. Số liệu đầy đủ độ chính xác; chỉ làm tròn (nửa lên) khi hiển thị.",
        "Names and texts follow the lang parameter (vi: the default; en); the API's error messages are in English, except the origin check's (which follow lang). Numbers in JSON strings may be written 95.5 or 95,5; a number the two conventions read differently, such as 1.000, needs ?lang=vi (one thousand) or ?lang=en (one), else it is refused. Figures are at full precision; rounding (half up) is for display only.",
    ),
    ("api_who", "Ai được gọi", "Who may call"),
    ("api_body", "Nội dung gửi", "Body"),
    ("api_parameter", "Tham số", "Parameter"),
    ("api_meaning", "Ý nghĩa", "Meaning"),
];

/// The page's templates.
pub const TEMPLATES: crate::templates::Files = &[(
    "api_docs.html",
    include_str!("../../templates/api_docs.html"),
)];

/// `GET /api/docs`: the document as a page in the reader's language (no
/// script needed).
pub async fn docs(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(
        &state,
        lang,
        "/api/docs",
        &params,
        crate::i18n::t(lang, "api_title"),
    )
    .session(session.as_ref());
    page(
        &state,
        layout,
        "api_docs.html",
        json!({ "operations": doc_operations(lang) }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_parameter_and_body_has_its_vietnamese() {
        let mut missing = Vec::new();
        for op in operations() {
            if vi::summary(op.method, op.path).is_none() {
                missing.push(format!("summary of {} {}", op.method, op.path));
            }
            for p in op.params {
                if vi::description(p.description).is_none() {
                    missing.push(format!("{} of {} {}", p.name, op.method, op.path));
                }
            }
            if let Some(b) = op.body {
                let (text, _) = body_parts(b, Lang::Vi);
                if text.is_some_and(|t| vi::description(b).is_none() && t.is_ascii()) {
                    missing.push(format!("body of {} {}", op.method, op.path));
                }
            }
        }
        assert!(missing.is_empty(), "no Vietnamese for: {missing:#?}");
        // Nothing left over from an operation that is gone.
        for (m, p, _) in vi::SUMMARIES {
            assert!(
                operations().any(|op| op.method == *m && op.path == *p),
                "{m} {p} is not documented any more"
            );
        }
        assert!(vi::description("Path parameter.").is_some());
        let ops = doc_operations(Lang::Vi);
        assert!(
            ops.iter()
                .all(|o| { o.summary.iter().any(|s| !s.text.is_ascii()) })
        );
        assert_eq!(
            segments("các cột `hs`, `value`"),
            [
                Segment {
                    code: false,
                    text: "các cột "
                },
                Segment {
                    code: true,
                    text: "hs"
                },
                Segment {
                    code: false,
                    text: ", "
                },
                Segment {
                    code: true,
                    text: "value"
                },
            ]
        );
    }
}
