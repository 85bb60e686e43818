//! `GET/POST /nop-bao-cao`: a logged-in officer uploads the province's
//! monthly report (CSV or the Excel template), sees every validation error
//! in a table, or the new version; and the versions of the province's data.
//! Errors and plausibility warnings are in the reader's language; after an
//! error the form keeps the province, month and note. The template and
//! product codes it links to are in [`super::report_kit`].

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang, Period};
use congthuong_store::submit::{ReportRequest, submit_report_bytes, warning_text};
use congthuong_store::{Dataset, StoreError, SubmissionFilter, SubmitOutcome};
use serde::Serialize;

use super::{Layout, Params, href, lang_of, page};
use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden_in};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

#[derive(Serialize, Default)]
struct ErrorRow {
    file: String,
    sheet: String,
    line: String,
    column: String,
    reason: String,
}

#[derive(Serialize)]
struct VersionRow {
    id: i64,
    area: String,
    period: String,
    version: i64,
    actor: String,
    created_at: String,
    note: String,
    rows: i64,
    warnings: usize,
    hash: String,
}

#[derive(Serialize, Default)]
struct SubmitPage {
    provinces: Vec<(String, String, bool)>,
    period: String,
    result: Option<String>,
    result_kind: String,
    warnings: Vec<String>,
    errors: Vec<ErrorRow>,
    truncated: bool,
    versions: Vec<VersionRow>,
    shown: String,
    note: String,
    codes: String,
}

/// The codes an account may submit for, with the map each is on: an
/// officer's 2025 province and the old provinces it absorbed; everyone
/// else, every code of both maps (a code may be on both: `24`).
fn allowed(session: &Session) -> Vec<(AreaCode, String, BoundaryVersion)> {
    let geo = Geography::embedded();
    let name = |c: AreaCode, v: BoundaryVersion| {
        geo.province(c, v).map(|p| {
            (
                format!(
                    "{c} – {} ({})",
                    p.short_name_vi,
                    if v == BoundaryVersion::V2025 {
                        "2025"
                    } else {
                        "≤ 6/2025"
                    }
                ),
                v,
            )
        })
    };
    match session.account.province {
        Some(mine) if session.account.role == crate::auth::Role::Officer => {
            let mut v: Vec<(AreaCode, String, BoundaryVersion)> =
                name(mine, BoundaryVersion::V2025)
                    .map(|(n, b)| (mine, n, b))
                    .into_iter()
                    .collect();
            v.extend(
                geo.predecessors(mine)
                    .into_iter()
                    .filter_map(|c| name(c, BoundaryVersion::Pre2025).map(|(n, b)| (c, n, b))),
            );
            v.dedup_by_key(|x| x.1.clone());
            v
        }
        _ if session.account.role == crate::auth::Role::Viewer => Vec::new(),
        _ => BoundaryVersion::ALL
            .iter()
            .rev()
            .flat_map(|v| {
                geo.provinces(*v)
                    .iter()
                    .filter_map(|p| name(p.code, *v).map(|(n, b)| (p.code, n, b)))
            })
            .collect(),
    }
}

/// The province options with the one submitted selected: the code on the
/// map in force in the month (a code such as `24` is on both maps).
fn chosen(
    allowed: &[(AreaCode, String, BoundaryVersion)],
    code: AreaCode,
    period: Period,
) -> Vec<(String, String, bool)> {
    let in_force = BoundaryVersion::in_force(period);
    let pick = allowed
        .iter()
        .position(|(c, _, v)| *c == code && *v == in_force)
        .or_else(|| allowed.iter().position(|(c, ..)| *c == code));
    allowed
        .iter()
        .enumerate()
        .map(|(i, (c, n, _))| (c.to_string(), n.clone(), Some(i) == pick))
        .collect()
}

/// A province code of a report named on the map in force in its month:
/// `24` is Bắc Giang in 2024 and Bắc Ninh from July 2025.
fn named(code: &str, period: &str, lang: Lang) -> String {
    match period.parse::<Period>() {
        Ok(p) => format!(
            "{} ({code})",
            super::common::area_name(code, BoundaryVersion::in_force(p), lang)
        ),
        Err(_) => code.to_owned(),
    }
}

/// The heading's list: the names (with code and map) of the entries of
/// `allowed` whose code is shown.
fn shown_names(allowed: &[(AreaCode, String, BoundaryVersion)], shown: &[String]) -> String {
    allowed
        .iter()
        .filter(|(c, ..)| shown.iter().any(|s| *s == c.to_string()))
        .map(|(_, n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn versions(
    state: &AppState,
    codes: Vec<String>,
    lang: Lang,
) -> Result<Vec<VersionRow>, AppError> {
    let store = state.store();
    tokio::task::spawn_blocking(move || -> congthuong_store::Result<Vec<VersionRow>> {
        let mut out = Vec::new();
        for c in codes {
            let subs = store.submissions(&SubmissionFilter {
                dataset: Some(Dataset::Microdata),
                area: Some(c),
                ..SubmissionFilter::default()
            })?;
            out.extend(subs.into_iter().map(|s| {
                VersionRow {
                    id: s.id,
                    area: named(&s.key.area, &s.key.period, lang),
                    period: s.key.period,
                    version: s.version,
                    actor: s.actor,
                    created_at: s
                        .created_at
                        .chars()
                        .take(19)
                        .collect::<String>()
                        .replace('T', " "),
                    note: s.note,
                    rows: s.row_count,
                    warnings: s.warnings.len(),
                    hash: s.content_hash.chars().take(12).collect(),
                }
            }));
        }
        out.sort_by(|a, b| b.period.cmp(&a.period).then(b.version.cmp(&a.version)));
        out.truncate(200);
        Ok(out)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))
}

fn render(
    state: &AppState,
    session: &Session,
    lang: Lang,
    params: &Params,
    mut p: SubmitPage,
    status: StatusCode,
) -> Result<Response, AppError> {
    let layout = Layout::new(state, lang, "/nop-bao-cao", params, t(lang, "nav_submit"))
        .session(Some(session));
    p.codes = href("/nop-bao-cao/danh-muc", lang, &[]);
    if p.period.is_empty() {
        p.period = state
            .release()
            .map(|r| r.meta.period.next().to_string())
            .unwrap_or_default();
    }
    Ok((status, page(state, layout, "submit.html", p)?).into_response())
}

/// `GET /nop-bao-cao[?province=CODE]`
pub async fn get(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(session) = session else {
        return Ok(Redirect::to(&href(
            "/dang-nhap",
            lang,
            &[("next", "/nop-bao-cao".into())],
        ))
        .into_response());
    };
    let allowed = allowed(&session);
    let shown = match params.get("province").filter(|p| !p.is_empty()) {
        Some(code) => {
            let c = AreaCode::parse(code).map_err(|e| AppError::BadRequest(e.message(lang)))?;
            if !allowed.iter().any(|(a, ..)| *a == c) {
                return Err(forbidden_in(
                    &state,
                    &session,
                    format!("submissions:{c}"),
                    "a provincial officer reads only the province's own unreleased data",
                    "cán bộ Sở chỉ xem số liệu chưa công bố của tỉnh mình",
                )
                .await);
            }
            vec![c.to_string()]
        }
        None => {
            let mut v: Vec<String> = allowed.iter().map(|(c, ..)| c.to_string()).collect();
            v.dedup();
            if session.account.role != crate::auth::Role::Officer {
                v.truncate(0);
            }
            v
        }
    };
    let p = SubmitPage {
        provinces: allowed
            .iter()
            .map(|(c, n, _)| (c.to_string(), n.clone(), false))
            .collect(),
        shown: shown_names(&allowed, &shown),
        versions: versions(&state, shown, lang).await?,
        ..SubmitPage::default()
    };
    render(&state, &session, lang, &params, p, StatusCode::OK)
}

/// `POST /nop-bao-cao` (multipart: csrf, province, period, note, file)
pub async fn post(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
    form: Multipart,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let up = super::upload::Upload::read(form, "upload").await?;
    let (province, period, note) = (up.text("province"), up.text("period"), up.text("note"));
    let csrf = up.field("csrf").map(str::to_owned);
    let (file, file_name) = (up.file, up.file_name);
    check_csrf(&session, csrf.as_deref())?;
    let (code, p) = submitter_of(&state, &session, &province, &period, "submissions", lang).await?;
    let req_note = note.clone();
    let req = ReportRequest {
        province: code.to_string(),
        period: p.to_string(),
        actor: session.account.username.clone(),
        note,
        error_cap: 200,
        max_bytes: state.settings().max_upload_bytes as u64,
    };
    let store = state.store();
    let label = file_name.clone();
    let outcome =
        tokio::task::spawn_blocking(move || submit_report_bytes(&*store, &file, &label, &req))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    let mut page_data = SubmitPage {
        provinces: chosen(&allowed(&session), code, p),
        period: p.to_string(),
        shown: shown_names(&allowed(&session), &[code.to_string()]),
        ..SubmitPage::default()
    };
    // Kept for the next try, whatever the outcome.
    page_data.note = req_note;
    let status = match outcome {
        Ok(SubmitOutcome::Stored(s)) => {
            page_data.result = Some(match lang {
                Lang::Vi => format!(
                    "Đã lưu: phiên bản {} của {} tháng {} ({} dòng).",
                    s.version,
                    named(&s.key.area, &s.key.period, lang),
                    s.key.period,
                    s.row_count
                ),
                Lang::En => format!(
                    "Stored: version {} of {} for {} ({} lines).",
                    s.version,
                    named(&s.key.area, &s.key.period, lang),
                    s.key.period,
                    s.row_count
                ),
            });
            page_data.result_kind = "ok".into();
            page_data.warnings = s.warnings.iter().map(|w| warning_text(w, lang)).collect();
            // Stored: the next upload is a new version with its own note.
            page_data.note.clear();
            StatusCode::CREATED
        }
        Ok(SubmitOutcome::Unchanged(s)) => {
            page_data.result = Some(match lang {
                Lang::Vi => format!(
                    "Nội dung giống hệt phiên bản {} đã lưu: không tạo phiên bản mới.",
                    s.version
                ),
                Lang::En => format!(
                    "The content equals stored version {}: no new version.",
                    s.version
                ),
            });
            page_data.result_kind = "warn".into();
            StatusCode::OK
        }
        Err(StoreError::Input(errors)) => {
            page_data.result = Some(match lang {
                Lang::Vi => format!(
                    "Tệp có {} lỗi; không lưu gì. Sửa các lỗi dưới đây rồi nộp lại.",
                    errors.errors.len()
                ),
                Lang::En => format!(
                    "The file has {} errors; nothing was stored. Fix them and submit again.",
                    errors.errors.len()
                ),
            });
            page_data.result_kind = "bad".into();
            page_data.truncated = errors.truncated;
            page_data.errors = errors
                .errors
                .iter()
                .map(|e| ErrorRow {
                    file: e.file.clone(),
                    sheet: e.sheet.clone().unwrap_or_default(),
                    line: e.line.map(|l| l.to_string()).unwrap_or_default(),
                    column: e.column.clone().unwrap_or_default(),
                    reason: e.reason_in(lang).to_owned(),
                })
                .collect();
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(e) if e.is_user_error() => {
            page_data.result = Some(e.to_string());
            page_data.result_kind = "bad".into();
            StatusCode::BAD_REQUEST
        }
        Err(e) => return Err(AppError::Internal(e.into())),
    };
    page_data.versions = versions(&state, vec![code.to_string()], lang).await?;
    render(&state, &session, lang, &params, page_data, status)
}

/// The province and month of a submission (or of its template), typed
/// into a form: both valid, and the account may submit for them (else 403
/// and an audit entry on `{what}:{province}/{month}`); every refusal in
/// the reader's language.
pub(super) async fn submitter_of(
    state: &AppState,
    session: &Session,
    province: &str,
    period: &str,
    what: &str,
    lang: Lang,
) -> Result<(AreaCode, Period), AppError> {
    let code = AreaCode::parse(province).map_err(|e| AppError::BadRequest(e.message(lang)))?;
    let p: Period = period
        .parse()
        .map_err(|e: congthuong_core::Error| AppError::BadRequest(e.message(lang)))?;
    if !session.account.may_submit(code, Some(p)) {
        return Err(forbidden_in(
            state,
            session,
            format!("{what}:{code}/{p}"),
            "a provincial officer submits, and gets templates, only for the province's own units",
            "cán bộ Sở chỉ nộp báo cáo và tải mẫu cho các đơn vị của tỉnh mình",
        )
        .await);
    }
    Ok((code, p))
}
