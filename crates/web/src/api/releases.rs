//! Releases: `GET /api/v1/releases`, `GET /api/v1/releases/{id}`,
//! `GET /api/v1/releases/{a}/diff/{b}` (public), and
//! `POST /api/v1/releases` (`{"period": "YYYY-MM", "note": "…"}`; analysts;
//! `X-CSRF-Token` required).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_store::release::{ReleaseOptions, create_release, diff};
use serde::Deserialize;
use serde_json::json;

use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::state::AppState;

fn err(e: congthuong_store::StoreError) -> AppError {
    match e {
        congthuong_store::StoreError::NotFound(m) => AppError::NotFound(m),
        e if e.is_user_error() => AppError::BadRequest(format!("{e:#}")),
        e => AppError::Internal(e.into()),
    }
}

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

/// `GET /api/v1/releases/{a}/diff/{b}` (`format=csv|xlsx`: the changed
/// index rows as a file).
pub async fn compare(
    State(state): State<AppState>,
    Path((a, b)): Path<(i64, i64)>,
    axum::extract::Query(params): axum::extract::Query<crate::pages::Params>,
) -> Result<Response, AppError> {
    use crate::download::{Format, csv_response, xlsx_response};
    let format = Format::of(&params)?;
    let store = state.store();
    let d = blocking(move || diff(&*store, a, b)).await?;
    let name = format!("release_diff_{a}_{b}");
    match format {
        Format::Json => Ok(Json(d).into_response()),
        Format::Csv => Ok(csv_response(&format!("{name}.csv"), &d.index_table(None))),
        Format::Xlsx => xlsx_response(
            &format!("{name}.xlsx"),
            &d.index_table(None),
            &format!(
                "congthuong: index rows that differ between release {a} ({}) and release {b} ({}).",
                d.a.created_at, d.b.created_at
            ),
        ),
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
