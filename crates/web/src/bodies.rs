//! A budget for request bodies held in memory at once.
//!
//! Every upload handler reads its body whole (a report, a workbook, a
//! bill of materials, an EPCIS document), and the field caps read forms
//! and JSON whole too. The upload limit bounds one body; this bounds them
//! all together: a request that declares a body larger than [`SMALL`]
//! reserves its size (its `Content-Length`, or the upload limit when it
//! is sent in chunks) from one budget before any of it is read, and gives
//! it back when its answer is ready. A request that cannot get its share
//! within the queue time is answered 503 with `Retry-After`, in the
//! reader's language, and its body is never read. Small bodies (forms,
//! JSON writes) pass without reserving: at most the connection limit ×
//! [`SMALL`] of them.
//!
//! May read the request's headers and the settings; touches nothing else.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::error::AppError;
use crate::state::AppState;

/// Bodies up to this size pass without reserving.
pub const SMALL: usize = 64 << 10;
/// The budget is counted in units of this many bytes.
const UNIT: usize = 64 << 10;

/// The budget: units of [`UNIT`] bytes, and how long a request may wait
/// for its share.
pub struct Budget {
    units: Semaphore,
    total: u32,
    wait: Duration,
}

impl Budget {
    /// A budget of `bytes` (at least one upload's worth, so that the
    /// largest accepted upload can always be received alone).
    pub fn new(bytes: usize, max_upload: usize, wait: Duration) -> Self {
        let total = units(bytes.max(max_upload));
        Self {
            units: Semaphore::new(total as usize),
            total,
            wait,
        }
    }

    /// Units free now (for tests and the health check).
    pub fn available(&self) -> usize {
        self.units.available_permits()
    }
}

fn units(bytes: usize) -> u32 {
    u32::try_from(bytes.div_ceil(UNIT))
        .unwrap_or(u32::MAX)
        .min(Semaphore::MAX_PERMITS as u32)
}

/// What a request will send: `Some(bytes)` for a body to budget, `None`
/// for none or a small one. A chunked body counts as the upload limit; a
/// declared size over the limit is left to the body limit (413).
fn declared(req: &Request, max_upload: usize) -> Option<usize> {
    let headers = req.headers();
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let size = match length {
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
        None if headers.contains_key(header::TRANSFER_ENCODING) => max_upload,
        None => return None,
    };
    (size > SMALL && size <= max_upload).then_some(size)
}

/// The middleware.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(size) = declared(&req, state.settings().max_upload_bytes) else {
        return next.run(req).await;
    };
    let budget = state.bodies();
    let need = units(size).min(budget.total);
    match tokio::time::timeout(budget.wait, budget.units.acquire_many(need)).await {
        Ok(Ok(_held)) => next.run(req).await,
        _ => {
            let english = req
                .uri()
                .query()
                .is_some_and(|q| q.split('&').any(|kv| kv == "lang=en"));
            let mut r = AppError::Unavailable(if english {
                "the server is receiving many files at once: try again in a minute".into()
            } else {
                "Máy chủ đang nhận nhiều tệp cùng lúc: hãy thử lại sau một phút.".into()
            })
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_holds_at_least_one_upload_and_counts_in_units() {
        let b = Budget::new(1 << 20, 4 << 20, Duration::from_secs(1));
        assert_eq!(b.total, 64, "4 MiB in 64 KiB units");
        assert_eq!(units(1), 1);
        assert_eq!(units(UNIT + 1), 2);
        assert_eq!(units(usize::MAX), Semaphore::MAX_PERMITS as u32);
    }

    #[test]
    fn small_and_oversized_bodies_are_not_budgeted() {
        let req = |headers: &[(&str, &str)]| {
            let mut b = Request::builder().method("POST").uri("/x");
            for (k, v) in headers {
                b = b.header(*k, *v);
            }
            b.body(axum::body::Body::empty()).unwrap()
        };
        assert_eq!(declared(&req(&[]), 1 << 20), None);
        assert_eq!(declared(&req(&[("content-length", "100")]), 1 << 20), None);
        assert_eq!(
            declared(&req(&[("content-length", "200000")]), 1 << 20),
            Some(200_000)
        );
        assert_eq!(
            declared(&req(&[("content-length", "9999999")]), 1 << 20),
            None,
            "over the limit: the body limit's 413"
        );
        assert_eq!(
            declared(&req(&[("transfer-encoding", "chunked")]), 1 << 20),
            Some(1 << 20)
        );
    }
}
