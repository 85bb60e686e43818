//! The JSON API under `/api/v1`, described by `GET /api/openapi.json`.
//! Every error uses the envelope of [`crate::error::AppError`].

pub mod account;
pub mod openapi;
pub mod overview;
pub mod releases;
pub mod submissions;

use axum::Json;
use serde_json::{Value, json};

use crate::state::AppState;

/// `GET /api/v1/health`: the process is up (and whether a release is loaded).
pub async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> Json<Value> {
    let release = state
        .release()
        .map(|r| json!({ "id": r.meta.id, "period": r.meta.period }));
    Json(json!({ "status": "ok", "release": release }))
}
