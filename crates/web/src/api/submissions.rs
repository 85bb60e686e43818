//! `GET /api/v1/submissions` (the versions a logged-in account may read)
//! and `POST /api/v1/submissions?province=&period=&note=` (a report file as
//! the body, CSV or XLSX; `X-CSRF-Token` required).
//!
//! Languages: each error of a refused file has `detail` in English (stable
//! for programs) and `detail_vi` in Vietnamese; a stored submission's
//! `warnings` stay the stored English sentences and `warnings_vi` has them
//! in Vietnamese.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_core::Lang;
use congthuong_core::{AreaCode, Period};
use congthuong_store::submit::{ReportRequest, submit_report_bytes, warning_text};
use congthuong_store::{Dataset, StoreError, SubmissionFilter, SubmitOutcome};
use serde_json::json;

use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::pages::Params;
use crate::state::AppState;

fn param<'a>(p: &'a Params, k: &str) -> Result<&'a str, AppError> {
    p.get(k)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| AppError::BadRequest(format!("the parameter {k} is required")))
}

/// `GET /api/v1/submissions?province=CODE[&period=YYYY-MM]`
pub async fn list(
    State(state): State<AppState>,
    s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let code =
        AreaCode::parse(param(&p, "province")?).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let period = p
        .get("period")
        .filter(|x| !x.is_empty())
        .map(|x| x.parse::<Period>())
        .transpose()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    if !s.account.may_read(code, period) {
        return Err(forbidden(
            &state,
            &s,
            format!("submissions:{code}"),
            "this account may not read that province's unreleased data".into(),
        )
        .await);
    }
    let store = state.store();
    let filter = SubmissionFilter {
        dataset: Some(Dataset::Microdata),
        area: Some(code.to_string()),
        period: period.map(|x| x.to_string()),
        current_only: false,
    };
    let subs = tokio::task::spawn_blocking(move || store.submissions(&filter))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Json(json!({ "submissions": subs })).into_response())
}

/// `POST /api/v1/submissions?province=CODE&period=YYYY-MM[&note=…]`
pub async fn create(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    body: Bytes,
) -> Result<Response, AppError> {
    check_csrf(
        &s,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )?;
    let code =
        AreaCode::parse(param(&p, "province")?).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let period: Period = param(&p, "period")?
        .parse()
        .map_err(|e: congthuong_core::Error| AppError::BadRequest(e.to_string()))?;
    if !s.account.may_submit(code, Some(period)) {
        return Err(forbidden(
            &state,
            &s,
            format!("submissions:{code}/{period}"),
            "this account may not submit for that province".into(),
        )
        .await);
    }
    let req = ReportRequest {
        province: code.to_string(),
        period: period.to_string(),
        actor: s.account.username.clone(),
        note: congthuong_core::text::nfc(p.get("note").map_or("", String::as_str)),
        error_cap: 200,
        max_bytes: state.settings().max_upload_bytes as u64,
    };
    let store = state.store();
    let label = p.get("file").cloned().unwrap_or_else(|| "upload".into());
    let outcome =
        tokio::task::spawn_blocking(move || submit_report_bytes(&*store, &body, &label, &req))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    let vi = |sub: &congthuong_store::Submission| -> Vec<String> {
        sub.warnings
            .iter()
            .map(|w| warning_text(w, Lang::Vi))
            .collect()
    };
    match outcome {
        Ok(SubmitOutcome::Stored(sub)) => Ok((
            StatusCode::CREATED,
            Json(json!({ "stored": true, "warnings_vi": vi(&sub), "submission": sub })),
        )
            .into_response()),
        Ok(SubmitOutcome::Unchanged(sub)) => Ok((
            StatusCode::OK,
            Json(json!({ "stored": false, "warnings_vi": vi(&sub), "submission": sub })),
        )
            .into_response()),
        Err(StoreError::Input(errors)) => Err(AppError::Invalid(
            errors
                .errors
                .iter()
                .map(|e| {
                    json!({ "file": e.file, "sheet": e.sheet, "line": e.line, "column": e.column,
                    "detail": e.reason, "detail_vi": e.reason_in(Lang::Vi) })
                })
                .collect(),
        )),
        Err(e) if e.is_user_error() => Err(AppError::BadRequest(e.to_string())),
        Err(e) => Err(AppError::Internal(e.into())),
    }
}
