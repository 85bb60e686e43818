//! Answers to anonymous GET requests for released figures, kept in memory.
//!
//! A release never changes, so a page or table computed from it is the same
//! for every anonymous reader until the next release: the first answer is
//! kept (keyed by release id and the full URI) and served as is after.
//! Only paths built from the release alone are cached (the allowlist
//! below); a request carrying a session cookie, any status but 200, and
//! any answer that sets a cookie pass through untouched. The cache empties
//! when the release changes or when it grows past its bounds.
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
}

#[derive(Default)]
struct Inner {
    release: Option<i64>,
    bytes: usize,
    entries: HashMap<String, Entry>,
}

/// The kept answers.
#[derive(Default)]
pub struct ResponseCache {
    inner: Mutex<Inner>,
}

impl ResponseCache {
    fn get(&self, release: i64, key: &str) -> Option<Entry> {
        let inner = self.inner.lock().ok()?;
        (inner.release == Some(release))
            .then(|| inner.entries.get(key).cloned())
            .flatten()
    }

    fn put(&self, release: i64, key: String, entry: Entry) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.release != Some(release)
            || inner.entries.len() >= MAX_ENTRIES
            || inner.bytes + entry.body.len() > MAX_TOTAL
        {
            *inner = Inner {
                release: Some(release),
                ..Inner::default()
            };
        }
        inner.bytes += entry.body.len();
        inner.entries.insert(key, entry);
    }

    /// Forgets every answer (a release was shown).
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
    fn a_new_release_empties_the_cache() {
        let c = ResponseCache::default();
        let e = Entry {
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"x"),
        };
        c.put(1, "/".into(), e.clone());
        assert!(c.get(1, "/").is_some());
        assert!(c.get(2, "/").is_none());
        c.put(2, "/a".into(), e);
        assert_eq!(c.len(), 1);
        assert!(c.get(1, "/").is_none());
    }
}
