//! Security headers on every response: a strict Content-Security-Policy
//! (no inline scripts; frames refused), no MIME sniffing, no referrer
//! leaks, no powerful browser features (`Permissions-Policy`), HSTS when
//! cookies are marked Secure (behind TLS), and `Cache-Control: no-store`
//! on everything personal or unreleased (ASVS 8.2.1): every answer to a
//! request that carries a session cookie, every answer that sets a
//! cookie, every 401/403, and the private paths below whoever asks. Logout
//! also sends `Clear-Site-Data: "cache"` (in `pages::login`).
//!
//! May read the request's headers and path and the settings; touches
//! nothing else.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::session::SESSION_COOKIE;
use crate::settings::Settings;

/// The policy: everything from this server only; inline styles allowed in
/// SVG attributes only through presentation attributes (no `style=`).
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Browser features no page of the dashboard uses, refused to every frame.
pub const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

/// HSTS (only with `--secure-cookies`, i.e. behind TLS): one year.
pub const HSTS: &str = "max-age=31536000";

/// Paths whose answers are private whoever asks: the account, reports and
/// their versions, uploads, logging in and out.
pub const PRIVATE: &[&str] = &[
    "/api/v1/me",
    "/api/v1/submissions",
    "/nop-bao-cao",
    "/dang-nhap",
    "/dang-xuat",
];

/// Paths that are the same for everyone and may be cached (static files).
const SHARED: &[&str] = &["/static/", "/favicon."];

/// The header layers, outermost first.
pub fn layers(settings: &Settings) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut v = vec![
        SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
        SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS),
        ),
    ];
    if settings.secure_cookies {
        v.push(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ));
    }
    v
}

/// True when the request carries a session cookie (live or not: its
/// answer may show the account).
fn has_session(req: &Request) -> bool {
    crate::auth::session::cookie(req.headers(), SESSION_COOKIE).is_some_and(|v| !v.is_empty())
}

fn private_path(path: &str) -> bool {
    PRIVATE.iter().any(|p| {
        path == *p || path.starts_with(&format!("{p}/")) || path.starts_with(&format!("{p}?"))
    })
}

/// The middleware that marks private answers `no-store` (see the module doc).
pub async fn no_store(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let session = has_session(&req);
    let mut r = next.run(req).await;
    if SHARED.iter().any(|p| path.starts_with(p)) {
        return r;
    }
    let private = session
        || private_path(&path)
        || r.headers().contains_key(header::SET_COOKIE)
        || matches!(r.status(), StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
    if private {
        let h = r.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_paths_and_their_subpaths_only() {
        assert!(private_path("/api/v1/me"));
        assert!(private_path("/api/v1/submissions/12"));
        assert!(private_path("/nop-bao-cao"));
        assert!(!private_path("/api/v1/menu"));
        assert!(!private_path("/"));
        assert!(!private_path("/tinh/24"));
    }

    #[test]
    fn hsts_only_behind_tls() {
        let has = |secure| {
            layers(&Settings {
                secure_cookies: secure,
                ..Settings::default()
            })
            .len()
        };
        assert_eq!(has(true), has(false) + 1);
    }
}
