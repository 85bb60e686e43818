//! Releases: `GET /api/v1/releases`, `GET /api/v1/releases/{id}`,
//! `GET /api/v1/releases/{a}/diff/{b}` (public), and
//! `POST /api/v1/releases` (`{"period": "YYYY-MM", "note": "…"}`; analysts;
//! `X-CSRF-Token` required).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_store::release::{ReleaseOptions, create_release};
use serde::Deserialize;
use serde_json::json;

use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::state::AppState;

use crate::state::store_error as err;

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> congthuong_store::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(err)
}

/// `GET /api/v1/releases`
pub async fn list(State(state): State<AppState>) -> Result<Response, AppError> {
    let store = state.store();
    let releases = blocking(move || store.releases()).await?;
    // The list names how many inputs each release has; `GET
    // /api/v1/releases/{id}` lists them (a release holds one per province
    // and month, thousands for the demo).
    let rows: Vec<_> = releases
        .into_iter()
        .map(|r| {
            let mut v = serde_json::to_value(&r).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.remove("inputs");
                o.insert("input_count".into(), json!(r.inputs.len()));
            }
            v
        })
        .collect();
    Ok(Json(json!({ "releases": rows })).into_response())
}

/// `GET /api/v1/releases/{id}`
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let store = state.store();
    Ok(Json(blocking(move || store.release(id)).await?).into_response())
}

/// The most changed index rows in one JSON answer (`limit=`).
pub const DIFF_PAGE_MAX: usize = 10_000;
/// Changed index rows in one JSON answer by default.
pub const DIFF_PAGE: usize = 1_000;

/// `GET /api/v1/releases/{a}/diff/{b}`: what changed between two
/// releases, computed once per pair (then kept) and one pair at a time.
/// JSON pages the changed index rows (`offset=`, `limit=`, at most
/// [`DIFF_PAGE_MAX`]; `index_total` counts them all); `format=csv|xlsx`
/// gives every changed index row as a file (`excel=vi` for Excel).
pub async fn compare(
    State(state): State<AppState>,
    Path((a, b)): Path<(i64, i64)>,
    axum::extract::Query(params): axum::extract::Query<crate::pages::Params>,
) -> Result<Response, AppError> {
    use crate::download::{Download, Format, csv_response_styled, xlsx_response};
    let asked = Download::of(&params)?;
    let number = |k: &str, default: usize| -> Result<usize, AppError> {
        match params.get(k).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| AppError::BadRequest(format!("{k} must be a whole number"))),
        }
    };
    let (offset, limit) = (number("offset", 0)?, number("limit", DIFF_PAGE)?);
    if limit > DIFF_PAGE_MAX {
        return Err(AppError::BadRequest(format!(
            "limit is at most {DIFF_PAGE_MAX}"
        )));
    }
    let d = state.release_diff(a, b).await?;
    let name = format!("release_diff_{a}_{b}");
    match asked.format {
        Format::Json => {
            let page: Vec<_> = d.index.iter().skip(offset).take(limit).collect();
            Ok(Json(json!({
                "a": d.a,
                "b": d.b,
                "inputs": d.inputs,
                "index_total": d.index.len(),
                "offset": offset,
                "limit": limit,
                "index": page,
                "contributions_changed": d.contributions_changed,
            }))
            .into_response())
        }
        // Every row: built one file at a time (a large comparison's table
        // is the largest thing the server builds).
        Format::Csv => {
            let d = d.clone();
            state
                .pinned()
                .one_at_a_time(move || {
                    csv_response_styled(&format!("{name}.csv"), &d.index_table(None), asked.csv)
                })
                .await
        }
        Format::Xlsx => {
            let d = d.clone();
            let note = format!(
                "congthuong: index rows that differ between release {a} ({}) and release {b} ({}).",
                d.a.created_at, d.b.created_at
            );
            state
                .pinned()
                .one_at_a_time(move || {
                    xlsx_response(&format!("{name}.xlsx"), &d.index_table(None), &note)
                })
                .await?
        }
        Format::Sdmx => Err(AppError::BadRequest(
            "a comparison has no SDMX form; use json, csv or xlsx".into(),
        )),
    }
}

/// The body of `POST /api/v1/releases`.
#[derive(Deserialize)]
pub struct NewRelease {
    period: String,
    note: String,
}

/// `POST /api/v1/releases`
pub async fn create(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Json(body): Json<NewRelease>,
) -> Result<Response, AppError> {
    check_csrf(
        &s,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )?;
    if !s.account.may_release() {
        return Err(forbidden(
            &state,
            &s,
            "releases".into(),
            "only analysts and administrators make releases".into(),
        )
        .await);
    }
    let period = body
        .period
        .parse()
        .map_err(|e: congthuong_core::Error| AppError::BadRequest(e.to_string()))?;
    let opts = ReleaseOptions {
        period,
        base_year: None,
        actor: s.account.username.clone(),
        note: congthuong_core::text::nfc(&body.note),
        synthetic: state.release().is_some_and(|r| r.meta.synthetic),
    };
    let store = state.store();
    let r =
        blocking(move || create_release(&*store, &opts, &congthuong_store::progress::NoProgress))
            .await?;
    let st = state.clone();
    tokio::task::spawn_blocking(move || st.reload())
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    Ok((StatusCode::CREATED, Json(r)).into_response())
}
