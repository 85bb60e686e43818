//! The one HTTP error type of the server.
//!
//! Rule: handlers return `Result<_, AppError>`. API routes answer with one
//! JSON envelope, `{"errors": [{"status": 404, "code": "not_found",
//! "detail": "…"}]}`; page routes with an HTML page in the reader's
//! language (for browsers, `Accept: text/html`: the envelope is turned
//! into a page by `pages::error_page`). Internal errors are logged with their cause and answered
//! with an opaque "Internal Server Error": the client never sees internals.
//!
//! [`envelope`] is the layer that keeps this promise for answers no
//! handler wrote (a method not allowed, a body over the limit, a wrong
//! content type, a panic): every error answer is the envelope, and every
//! 5xx is logged once with its cause (`tracing`; the binary installs the
//! subscriber, `RUST_LOG` chooses what is shown).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::state::AppState;

/// The cause of an error answer, kept in the response's extensions for
/// the log (never sent).
#[derive(Clone, Debug)]
pub struct Cause(pub String);

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
    /// 403 with its reason in both languages (`detail`, `detail_vi`): the
    /// error page shows the reader's.
    #[error("{en}")]
    Refused {
        /// English.
        en: String,
        /// Vietnamese.
        vi: String,
    },
    /// 404.
    #[error("{0}")]
    NotFound(String),
    /// 413: upload too large.
    #[error("{0}")]
    TooLarge(String),
    /// 422: a form or JSON field longer than its cap (nothing was stored).
    #[error("{0}")]
    FieldTooLong(String),
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
            AppError::Forbidden(_) | AppError::Refused { .. } => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::FieldTooLong(_) => StatusCode::UNPROCESSABLE_ENTITY,
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
            AppError::Forbidden(_) | AppError::Refused { .. } => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::TooLarge(_) => "too_large",
            AppError::FieldTooLong(_) => "field_too_long",
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
            AppError::Refused { en, vi } => {
                json!({ "errors": [{ "status": status, "code": self.code(), "detail": en, "detail_vi": vi }] })
            }
            _ => {
                json!({ "errors": [{ "status": status, "code": self.code(), "detail": self.detail() }] })
            }
        }
    }

    /// What the log says about it: the whole cause chain of an internal
    /// error, the detail of the others.
    pub fn cause(&self) -> String {
        match self {
            AppError::Internal(e) => format!("{e:#}"),
            other => other.to_string(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut r = (self.status(), axum::Json(self.body())).into_response();
        r.extensions_mut().insert(Cause(self.cause()));
        r
    }
}

/// The code of an error answer no handler wrote, by status.
fn code_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "timeout",
        411 => "length_required",
        413 => "too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "too_many_requests",
        503 => "unavailable",
        s if s >= 500 => "internal",
        _ => "error",
    }
}

/// The detail of an error answer no handler wrote.
fn detail_of(
    status: StatusCode,
    method: &Method,
    path: &str,
    text: &str,
    allow: &str,
    limit: usize,
) -> String {
    match status.as_u16() {
        405 if allow.is_empty() => format!("{method} is not allowed on {path}"),
        405 => format!("{method} is not allowed on {path}; allowed: {allow}"),
        413 => format!("the request body is larger than the limit of {limit} bytes"),
        s if s >= 500 => "Internal Server Error".to_owned(),
        _ if !text.trim().is_empty() => text.trim().to_owned(),
        _ => status
            .canonical_reason()
            .unwrap_or("the request failed")
            .to_owned(),
    }
}

/// The layer (see the module doc): logs every 5xx with its cause, and
/// turns an error answer that is neither JSON nor a page (axum's and
/// tower-http's plain-text or empty rejections) into the envelope, keeping
/// its status and headers (such as `Allow`).
pub async fn envelope(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.as_bytes().to_ascii_lowercase())
        .unwrap_or_default();
    let written = kind.starts_with(b"application/json") || kind.starts_with(b"text/html");
    let cause = response.extensions().get::<Cause>().map(|c| c.0.clone());
    if written {
        if status.is_server_error() {
            log_5xx(
                status,
                &method,
                &path,
                cause.as_deref().unwrap_or("(no cause recorded)"),
            );
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Rejections are a line of text; more is cut, never buffered whole.
    let bytes = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    if status.is_server_error() {
        log_5xx(status, &method, &path, cause.as_deref().unwrap_or(&text));
    }
    let allow = parts
        .headers
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let detail = detail_of(
        status,
        &method,
        &path,
        &text,
        &allow,
        state.settings().max_upload_bytes,
    );
    let body = json!({ "errors": [{ "status": status.as_u16(), "code": code_of(status), "detail": detail }] });
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, axum::body::Body::from(body.to_string()))
}

fn log_5xx(status: StatusCode, method: &Method, path: &str, cause: &str) {
    tracing::error!(
        status = status.as_u16(),
        %method,
        path,
        cause,
        "{method} {path} answered {status}: {cause}"
    );
}

/// A panic in a handler, answered as an internal error (the layer logs
/// the panic's message as the cause).
pub fn panicked(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    AppError::Internal(anyhow::anyhow!("panic: {message}")).into_response()
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

    #[test]
    fn the_cause_stays_on_the_server() {
        let r = AppError::Internal(anyhow::anyhow!("disk full").context("saving the release"))
            .into_response();
        assert_eq!(
            r.extensions().get::<Cause>().unwrap().0,
            "saving the release: disk full"
        );
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let p = panicked(Box::new("index out of bounds"));
        assert_eq!(
            p.extensions().get::<Cause>().unwrap().0,
            "panic: index out of bounds"
        );
    }
}
