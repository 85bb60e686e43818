//! Answers to anonymous GET requests for released figures, kept in memory.
//!
//! A release never changes, so a page or table computed from it is the same
//! for every anonymous reader until the next release: the first answer is
//! kept (keyed by the latest release's id and the full URI) and served as
//! is after. Only paths built from the release alone are cached (the
//! allowlist below); a request carrying a session cookie, any status but
//! 200, and any answer that sets a cookie pass through untouched.
//!
//! An answer pinned to a past release (`release=N`, N not the latest when
//! it was made) never changes: it stays when a new release comes. Every
//! other answer (the latest release's, and one pinned to the release that
//! was the latest, whose page did not yet say "not the latest") is dropped
//! when the release changes. Everything is dropped when the cache grows
//! past its bounds.
//!
//! May touch only the state's release id; it never reads the store.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::state::AppState;

/// Paths answered from the release alone.
const CACHED: &[&str] = &[
    "/",
    "/tinh",
    "/san-pham",
    "/thuong-mai",
    "/bao-cao",
    "/api/v1/overview",
    "/api/v1/provinces",
    "/api/v1/products",
    "/api/v1/trade",
    "/api/v1/series",
    "/api/v1/reference",
    "/api/openapi.json",
    "/api/docs",
];

/// The largest answer kept.
const MAX_BODY: u64 = 2 << 20;
/// The most bytes kept in all.
const MAX_TOTAL: usize = 64 << 20;
/// The most answers kept.
const MAX_ENTRIES: usize = 2048;

fn cacheable(path: &str) -> bool {
    CACHED
        .iter()
        .any(|p| path == *p || (*p != "/" && path.starts_with(&format!("{p}/"))))
}

fn has_session(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("ct_session="))
}

#[derive(Clone)]
struct Entry {
    headers: HeaderMap,
    body: Bytes,
    /// Pinned to a past release: valid for good.
    lasting: bool,
}

#[derive(Default)]
struct Inner {
    release: Option<i64>,
    bytes: usize,
    entries: HashMap<String, Entry>,
}

impl Inner {
    /// Keeps only the answers pinned to past releases; `release` is the latest now.
    fn forget_latest(&mut self, release: i64) {
        self.entries.retain(|_, e| e.lasting);
        self.bytes = self.entries.values().map(|e| e.body.len()).sum();
        self.release = Some(release);
    }
}

/// The kept answers.
#[derive(Default)]
pub struct ResponseCache {
    inner: Mutex<Inner>,
}

impl ResponseCache {
    fn get(&self, release: i64, key: &str) -> Option<Entry> {
        let inner = self.inner.lock().ok()?;
        inner
            .entries
            .get(key)
            .filter(|e| e.lasting || inner.release == Some(release))
            .cloned()
    }

    fn put(&self, release: i64, key: String, entry: Entry) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.release != Some(release) {
            inner.forget_latest(release);
        }
        if inner.entries.len() >= MAX_ENTRIES || inner.bytes + entry.body.len() > MAX_TOTAL {
            *inner = Inner {
                release: Some(release),
                ..Inner::default()
            };
        }
        inner.bytes += entry.body.len();
        if let Some(old) = inner.entries.insert(key, entry) {
            inner.bytes -= old.body.len();
        }
    }

    /// A new release is the latest: its answers replace the previous
    /// latest's; answers pinned to past releases stay.
    pub fn new_release(&self, release: i64) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.forget_latest(release);
        }
    }

    /// Forgets every answer.
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            *inner = Inner::default();
        }
    }

    /// How many answers are kept (for tests and the health check).
    pub fn len(&self) -> usize {
        self.inner.lock().map_or(0, |i| i.entries.len())
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The middleware.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || has_session(req.headers()) || !cacheable(req.uri().path()) {
        return next.run(req).await;
    }
    let Some(release) = state.release().map(|r| r.meta.id) else {
        return next.run(req).await;
    };
    // Pinned to a past release: the answer never changes.
    let lasting = axum::extract::Query::<crate::pages::Params>::try_from_uri(req.uri())
        .ok()
        .and_then(|q| {
            q.0.get("release")
                .and_then(|r| r.trim().parse::<i64>().ok())
        })
        .is_some_and(|pinned| pinned != release);
    let key = req.uri().to_string();
    if let Some(hit) = state.cache().get(release, &key) {
        let mut response = Body::from(hit.body).into_response();
        *response.headers_mut() = hit.headers;
        return response;
    }
    let response = next.run(req).await;
    let size = axum::body::HttpBody::size_hint(response.body()).exact();
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
        || size.is_none_or(|n| n > MAX_BODY)
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    match body.collect().await {
        Ok(collected) => {
            let body = collected.to_bytes();
            state.cache().put(
                release,
                key,
                Entry {
                    headers: parts.headers.clone(),
                    body: body.clone(),
                    lasting,
                },
            );
            Response::from_parts(parts, Body::from(body))
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_release_paths_are_cached() {
        for p in ["/", "/tinh/24", "/api/v1/provinces/24", "/bao-cao/tai-ve"] {
            assert!(cacheable(p), "{p}");
        }
        for p in [
            "/nop-bao-cao",
            "/dang-nhap",
            "/api/v1/me",
            "/api/v1/submissions",
            "/api/v1/health",
            "/cong-bo",
            "/du-an",
            "/tinhx",
        ] {
            assert!(!cacheable(p), "{p}");
        }
    }

    #[test]
    fn a_new_release_drops_the_latest_answers_and_keeps_the_pinned_ones() {
        let c = ResponseCache::default();
        let e = |lasting| Entry {
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"x"),
            lasting,
        };
        c.put(1, "/".into(), e(false));
        c.put(1, "/?release=0".into(), e(true));
        assert!(c.get(1, "/").is_some());
        assert!(
            c.get(2, "/").is_none(),
            "the latest's answer is not release 2's"
        );
        c.new_release(2);
        assert!(c.get(2, "/").is_none());
        assert!(c.get(2, "/?release=0").is_some(), "a pinned answer stays");
        c.put(3, "/a".into(), e(false));
        assert_eq!(c.len(), 2);
        assert!(c.get(2, "/a").is_none());
        assert!(c.get(3, "/?release=0").is_some());
    }
}
