//! Excel in and out, one workbook per register: `GET /du-an/excel` (the
//! templates, the exports and the upload form), `POST /du-an/excel` (an
//! upload: every problem listed with sheet, row, column and reason, and
//! nothing stored; or what was stored), and the same through the API:
//! `GET /api/v1/projects/registers/{register}/template|export`,
//! `POST /api/v1/projects/registers/import` (the workbook as the body).
//!
//! An import is all or nothing and checks, record by record, that the
//! account may change it (an officer's file may hold only their
//! province's records). The upload limit of the server applies.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_core::Lang;
use congthuong_projects::Error as PError;
use congthuong_projects::store::Change;
use congthuong_projects::xlsx::{self, Format as XFormat, ImportSummary, Register};
use serde::Serialize;
use serde_json::json;

use super::late::{layout, login_first};
use super::project::Notice;
use super::registers::{change_in, change_of, read, refuse, refuse_in, with_repo};
use super::view::{self, Link};
use crate::auth::Session;
use crate::auth::session::check_csrf;
use crate::download::file_response;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, lang_of, page as render};
use crate::state::AppState;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn register_of(code: &str) -> Result<Register, AppError> {
    Register::parse(code).ok_or_else(|| {
        AppError::NotFound(format!(
            "no register {code:?}; use projects, strategies, investment or difficulties"
        ))
    })
}

/// A workbook written by `write` into a temporary file, as bytes.
async fn workbook(
    state: &AppState,
    write: impl FnOnce(
        &congthuong_projects::store::Repo,
        &std::path::Path,
    ) -> congthuong_projects::Result<()>
    + Send
    + 'static,
) -> Result<Vec<u8>, AppError> {
    read(state, move |r| {
        let dir = tempfile::tempdir().map_err(|e| PError::Write {
            path: "temporary folder".into(),
            reason: e.to_string(),
        })?;
        let path = dir.path().join("register.xlsx");
        write(r, &path)?;
        std::fs::read(&path).map_err(|e| PError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    })
    .await
}

/// `GET /api/v1/projects/registers/{register}/export`: the current records
/// in the template's layout (can be edited and imported back).
pub async fn api_export(
    State(state): State<AppState>,
    _session: Session,
    Path(register): Path<String>,
) -> Result<Response, AppError> {
    let reg = register_of(&register)?;
    let bytes = workbook(&state, move |r, p| {
        xlsx::export(r, reg, p, XFormat::Xlsx).map(|_| ())
    })
    .await?;
    Ok(file_response(&format!("{}.xlsx", reg.code()), XLSX, bytes))
}

/// `GET /api/v1/projects/registers/{register}/template`: the blank form.
pub async fn api_template(
    State(state): State<AppState>,
    _session: Session,
    Path(register): Path<String>,
) -> Result<Response, AppError> {
    let reg = register_of(&register)?;
    let bytes = workbook(&state, move |r, p| xlsx::template(r, reg, p)).await?;
    Ok(file_response(
        &format!("mau-{}.xlsx", reg.code()),
        XLSX,
        bytes,
    ))
}

/// A safe local name for an uploaded file, keeping a spreadsheet extension.
fn local_name(uploaded: &str) -> String {
    let stem: String = uploaded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let stem = stem.trim_start_matches('.');
    let lower = stem.to_lowercase();
    if [".xlsx", ".xls", ".ods"].iter().any(|e| lower.ends_with(e)) {
        stem.to_owned()
    } else {
        format!("{}.xlsx", if stem.is_empty() { "upload" } else { stem })
    }
}

/// Imports `bytes` as the file `name`, its problems in `lang`.
async fn import(
    state: &AppState,
    bytes: Vec<u8>,
    name: String,
    change: Change,
    lang: Lang,
) -> Result<Result<ImportSummary, PError>, AppError> {
    let max = state.settings().max_upload_bytes;
    if bytes.len() > max {
        return Err(AppError::TooLarge(match lang {
            Lang::En => format!("the file has {} bytes; the limit is {max}", bytes.len()),
            Lang::Vi => format!("tệp có {} byte; giới hạn là {max} byte", bytes.len()),
        }));
    }
    with_repo(state, move |r| {
        let dir = tempfile::tempdir().map_err(|e| PError::Write {
            path: "temporary folder".into(),
            reason: e.to_string(),
        })?;
        let path = dir.path().join(local_name(&name));
        std::fs::write(&path, &bytes).map_err(|e| PError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        xlsx::import_in(r, &path, &change, lang)
    })
    .await
}

/// `POST /api/v1/projects/registers/import[?file=NAME&reason=…]`: the
/// workbook is the body; 422 lists every problem.
pub async fn api_import(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    body: Bytes,
) -> Result<Response, AppError> {
    check_csrf(
        &session,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )?;
    let reason = p.get("reason").map_or("", String::as_str);
    let change = change_of(&state, &session, "import", reason).await?;
    let name = p
        .get("file")
        .cloned()
        .unwrap_or_else(|| "upload.xlsx".into());
    match import(&state, body.to_vec(), name, change, Lang::En).await? {
        Ok(s) => Ok((StatusCode::OK, Json(json!({ "imported": s }))).into_response()),
        Err(e) => Ok(refuse(&state, &session, e).await),
    }
}

#[derive(Serialize)]
struct RegisterLinks {
    code: &'static str,
    name: &'static str,
    template: String,
    export: String,
}

#[derive(Serialize, Default)]
struct ErrorRow {
    sheet: String,
    line: String,
    column: String,
    reason: String,
}

#[derive(Serialize)]
struct TransferPage {
    tabs: Vec<Link>,
    registers: Vec<RegisterLinks>,
    can_edit: bool,
    notice: Option<Notice>,
    errors: Vec<ErrorRow>,
    file: String,
}

async fn render_page(
    state: &AppState,
    session: &Session,
    params: &Params,
    notice: Option<Notice>,
    errors: Vec<ErrorRow>,
    file: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    // The exports hold synthetic records: say so here too.
    let synthetic = read(state, |r| {
        Ok(r.project_values()?.iter().any(|p| p.synthetic)
            || r.strategies()?.iter().any(|x| x.synthetic)
            || r.investment()?.iter().any(|x| x.synthetic)
            || r.difficulties()?.iter().any(|x| x.synthetic))
    })
    .await?;
    let lang = lang_of(params);
    let page = TransferPage {
        tabs: view::tabs("/du-an/excel", lang, params),
        registers: Register::ALL
            .iter()
            .map(|r| RegisterLinks {
                code: r.code(),
                name: match lang {
                    Lang::Vi => r.vi(),
                    Lang::En => match r {
                        Register::Projects => "Key projects",
                        Register::Strategies => "Provincial strategies and schemes",
                        Register::Investment => "Investment in priority industries",
                        Register::Difficulties => "Business difficulties",
                    },
                },
                template: format!("/api/v1/projects/registers/{}/template", r.code()),
                export: format!("/api/v1/projects/registers/{}/export", r.code()),
            })
            .collect(),
        can_edit: super::registers::actor_of(session).is_some(),
        notice,
        errors,
        file,
    };
    let l = layout(
        state,
        session,
        lang,
        "/du-an/excel",
        params,
        t(lang, "pj_excel_title"),
        synthetic,
    );
    Ok((status, render(state, l, "projects/transfer.html", page)?).into_response())
}

/// `GET /du-an/excel`
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(session) = session else {
        return Ok(login_first("/du-an/excel", lang, &params));
    };
    render_page(
        &state,
        &session,
        &params,
        None,
        Vec::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /du-an/excel` (multipart: csrf, reason, file)
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
    form: Multipart,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let up = crate::pages::upload::Upload::read(form, "upload.xlsx").await?;
    let csrf = up.field("csrf").map(str::to_owned);
    let reason = up.field("reason").unwrap_or_default().to_owned();
    let (file, name) = (up.file, up.file_name);
    check_csrf(&session, csrf.as_deref())?;
    let change = change_in(&state, &session, "import", &reason, lang).await?;
    if file.is_empty() {
        return render_page(
            &state,
            &session,
            &params,
            Some(Notice {
                kind: "bad",
                text: t(lang, "pj_no_file").to_owned(),
            }),
            Vec::new(),
            name,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    match import(&state, file, name.clone(), change, lang).await? {
        Ok(s) => {
            let text = match lang {
                Lang::Vi => format!(
                    "Đã nhập {name} ({}): {} bản ghi mới, {} cập nhật, {} không đổi, {} lần điều chỉnh mốc.",
                    s.registers.join(", "),
                    s.created,
                    s.updated,
                    s.unchanged,
                    s.replans
                ),
                Lang::En => format!(
                    "Imported {name} ({}): {} created, {} updated, {} unchanged, {} re-plans.",
                    s.registers.join(", "),
                    s.created,
                    s.updated,
                    s.unchanged,
                    s.replans
                ),
            };
            render_page(
                &state,
                &session,
                &params,
                Some(Notice { kind: "ok", text }),
                Vec::new(),
                name,
                StatusCode::OK,
            )
            .await
        }
        Err(PError::Import(errors)) => {
            let n = errors.errors.len();
            let text = match lang {
                Lang::Vi => format!(
                    "Tệp {name} có {n} lỗi; không lưu gì. Sửa các lỗi dưới đây rồi nhập lại."
                ),
                Lang::En => format!(
                    "{name} has {n} problems; nothing was stored. Fix them and import again."
                ),
            };
            let rows = errors
                .errors
                .iter()
                .map(|e| ErrorRow {
                    sheet: e.sheet.clone().unwrap_or_default(),
                    line: e.line.map(|l| l.to_string()).unwrap_or_default(),
                    column: e.column.clone().unwrap_or_default(),
                    reason: e.reason_in(lang).to_owned(),
                })
                .collect();
            render_page(
                &state,
                &session,
                &params,
                Some(Notice { kind: "bad", text }),
                rows,
                name,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Ok(refuse_in(&state, &session, e, lang).await),
    }
}
