//! `GET /api/v1/me`: who is logged in, and the CSRF token that writes
//! through the API carry in `X-CSRF-Token`.

use axum::Json;
use serde_json::{Value, json};

use crate::auth::Session;

/// The handler (401 without a session).
pub async fn me(s: Session) -> Json<Value> {
    Json(
        json!({ "username": s.account.username, "role": s.account.role, "province": s.account.province.map(|p| p.to_string()), "csrf": s.csrf }),
    )
}
