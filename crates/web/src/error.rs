//! The one HTTP error type of the server.
//!
//! Rule: handlers return `Result<_, AppError>`. API routes answer with one
//! JSON envelope, `{"errors": [{"status": 404, "code": "not_found",
//! "detail": "…"}]}`; page routes with an HTML page in the reader's
//! language (for browsers, `Accept: text/html`: the envelope is turned
//! into a page by `pages::error_page`). Internal errors are logged with their cause and answered
//! with an opaque "Internal Server Error": the client never sees internals.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: bad parameters.
    #[error("{0}")]
    BadRequest(String),
    /// 401: log in first.
    #[error("log in first")]
    Unauthorized,
    /// 403: not allowed for this account.
    #[error("{0}")]
    Forbidden(String),
    /// 404.
    #[error("{0}")]
    NotFound(String),
    /// 413: upload too large.
    #[error("{0}")]
    TooLarge(String),
    /// 422: a file with errors (listed).
    #[error("the file has errors")]
    Invalid(Vec<serde_json::Value>),
    /// 429: too many attempts.
    #[error("{0}")]
    TooManyRequests(String),
    /// 503: nothing released yet, or the store is busy.
    #[error("{0}")]
    Unavailable(String),
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// The status code.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::TooLarge(_) => "too_large",
            AppError::Invalid(_) => "invalid_file",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// What the client may read.
    pub fn detail(&self) -> String {
        match self {
            AppError::Internal(_) => "Internal Server Error".to_owned(),
            other => other.to_string(),
        }
    }

    /// The JSON envelope.
    pub fn body(&self) -> serde_json::Value {
        let status = self.status().as_u16();
        match self {
            AppError::Invalid(items) => json!({ "errors": items.iter().map(|i| {
                let mut e = json!({ "status": status, "code": self.code() });
                if let (Some(obj), Some(extra)) = (e.as_object_mut(), i.as_object()) {
                    obj.extend(extra.clone());
                }
                e
            }).collect::<Vec<_>>() }),
            _ => {
                json!({ "errors": [{ "status": status, "code": self.code(), "detail": self.detail() }] })
            }
        }
    }

    /// Logs internal errors (with their cause chain).
    pub fn log(&self) {
        if let AppError::Internal(e) = self {
            tracing::error!(error.cause_chain = ?e, "internal error: {e:#}");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        (self.status(), axum::Json(self.body())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_are_opaque() {
        let e = AppError::Internal(anyhow::anyhow!("database password is hunter2"));
        assert_eq!(e.body()["errors"][0]["detail"], "Internal Server Error");
        assert_eq!(
            AppError::NotFound("no province 99".into()).body()["errors"][0]["code"],
            "not_found"
        );
        let invalid = AppError::Invalid(vec![
            json!({"line": 3, "column": "quantity", "detail": "negative"}),
        ]);
        assert_eq!(invalid.body()["errors"][0]["line"], 3);
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
