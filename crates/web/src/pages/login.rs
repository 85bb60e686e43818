//! `GET/POST /dang-nhap` (log in) and `POST /dang-xuat` (log out).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_core::Lang;
use serde::Deserialize;

use super::{Layout, Params, lang_of, page};
use crate::auth::session::{self, CSRF_COOKIE, LoginError, SESSION_COOKIE, cookie, set_cookie};
use crate::auth::throttle::Refusal;
use crate::auth::{Account, Session, token};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

/// The longest `next` followed.
const MAX_NEXT: usize = 2048;

/// The page to go to after login when `next` is a path on this site, and
/// `None` for anything else (issue 13 item 5).
///
/// Followed: an absolute path (`/…`) of printable ASCII without a
/// backslash, without `//` anywhere and without `.` or `..` segments,
/// which still obeys these rules after percent-decoding (up to three
/// times: `%252F` is `%2F` is `/`). Refused: absolute and
/// scheme-relative URLs (`https://…`, `//…`), `javascript:` and other
/// schemes, backslashes (`/\evil`, which browsers read as `//evil`),
/// tabs and line breaks (`/%09/evil`: browsers drop them and read
/// `//evil`), encoded forms of all these, and anything longer than
/// 2,048 bytes.
pub fn safe_next(next: &str) -> Option<&str> {
    fn plain(p: &[u8], raw: bool) -> bool {
        let path = p.split(|b| *b == b'?' || *b == b'#').next().unwrap_or(p);
        p.first() == Some(&b'/')
            && !p.windows(2).any(|w| w == b"//")
            && p.iter().all(|b| {
                // Raw: printable ASCII only. Decoded: any byte but controls
                // (UTF-8 of Vietnamese letters is fine once decoded).
                let printable = if raw {
                    (0x21..=0x7e).contains(b)
                } else {
                    *b >= 0x20 && *b != 0x7f
                };
                printable && *b != b'\\'
            })
            && !path
                .split(|b| *b == b'/')
                .any(|seg| seg == b"." || seg == b"..")
    }
    if next.len() > MAX_NEXT || !plain(next.as_bytes(), true) {
        return None;
    }
    let mut text = next.as_bytes().to_vec();
    for _ in 0..3 {
        let decoded = percent_decode(&text);
        if decoded == text {
            return Some(next);
        }
        if !plain(&decoded, false) {
            return None;
        }
        text = decoded;
    }
    // Still changing after three decodings: not a path anyone types.
    (percent_decode(&text) == text).then_some(next)
}

/// `%XX` decoded once (invalid escapes kept as they are).
fn percent_decode(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%'
            && let (Some(h), Some(l)) = (
                s.get(i + 1).copied().and_then(hex),
                s.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(h << 4 | l);
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// Where a login goes: a valid `next`, else where the role works (with
/// the reader's language).
fn destination(next: &str, account: &Account, lang: Lang) -> String {
    match safe_next(next) {
        Some(n) => n.to_owned(),
        None if lang == Lang::En => format!("{}?lang=en", account.landing()),
        None => account.landing().to_owned(),
    }
}

fn form(
    state: &AppState,
    params: &Params,
    next: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = lang_of(params);
    let csrf = token::random();
    let mut layout = Layout::new(state, lang, "/dang-nhap", params, t(lang, "nav_login"));
    layout.csrf = csrf.clone();
    let html = page(
        state,
        layout,
        "login.html",
        serde_json::json!({ "error": error, "next": safe_next(next).unwrap_or_default() }),
    )?;
    Ok((
        status,
        [(
            header::SET_COOKIE,
            set_cookie(state, CSRF_COOKIE, &csrf, 3600),
        )],
        html,
    )
        .into_response())
}

/// `GET /dang-nhap`
pub async fn get(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let next = params.get("next").cloned().unwrap_or_default();
    form(&state, &params, &next, None, StatusCode::OK)
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf: String,
    #[serde(default)]
    next: String,
}

/// `POST /dang-nhap`
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let again = |error: &str, status| form(&state, &params, &f.next, Some(error.into()), status);
    match cookie(&headers, CSRF_COOKIE) {
        Some(c) if token::same(&c, &f.csrf) => {}
        _ => {
            return again(
                lang.pick(
                    "Phiên biểu mẫu đã hết hạn, vui lòng thử lại.",
                    "The form expired: please try again.",
                ),
                StatusCode::FORBIDDEN,
            );
        }
    }
    match session::login(
        &state,
        f.username.trim(),
        &f.password,
        &session::client_of(Some(&addr)),
    )
    .await
    {
        Ok((tok, s)) => {
            let to = destination(&f.next, &s.account, lang);
            let max_age = session::session_max_age().as_secs() as i64;
            Ok((
                [(
                    header::SET_COOKIE,
                    set_cookie(&state, SESSION_COOKIE, &tok, max_age),
                )],
                Redirect::to(&to),
            )
                .into_response())
        }
        Err(LoginError::Wrong) => again(
            lang.pick(
                "Sai tên đăng nhập hoặc mật khẩu.",
                "Wrong login name or password.",
            ),
            StatusCode::UNAUTHORIZED,
        ),
        Err(LoginError::Refused(Refusal::Paused(secs))) => {
            let text = match lang {
                Lang::Vi => {
                    format!("Đăng nhập sai quá nhiều lần: vui lòng thử lại sau {secs} giây.")
                }
                Lang::En => format!("Too many failed logins: try again in {secs} s."),
            };
            let mut r = again(&text, StatusCode::TOO_MANY_REQUESTS)?;
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            Ok(r)
        }
        Err(LoginError::Refused(Refusal::Busy)) => {
            let mut r = again(
                lang.pick(
                    "Hệ thống đang kiểm tra nhiều lượt đăng nhập cùng lúc: vui lòng thử lại sau vài giây.",
                    "The server is checking many logins at once: try again in a few seconds.",
                ),
                StatusCode::SERVICE_UNAVAILABLE,
            )?;
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            Ok(r)
        }
        Err(LoginError::Internal(e)) => Err(e),
    }
}

/// The logout form.
#[derive(Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

/// `POST /dang-xuat`
pub async fn logout(
    State(state): State<AppState>,
    s: Session,
    Form(f): Form<LogoutForm>,
) -> Result<Response, AppError> {
    session::check_csrf(&s, Some(&f.csrf))?;
    session::logout(&state, &s).await?;
    // The browser forgets what it kept of the session's pages (ASVS 8.2.3).
    Ok((
        [
            (
                header::SET_COOKIE,
                set_cookie(&state, SESSION_COOKIE, "", 0),
            ),
            (
                header::HeaderName::from_static("clear-site-data"),
                "\"cache\"".to_owned(),
            ),
        ],
        Redirect::to("/"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        for ok in [
            "/",
            "/nop-bao-cao",
            "/tinh/24?lang=en",
            "/cong-bo/1/so-sanh/2",
            "/du-an/DA-01#lich",
            "/tinh?q=B%E1%BA%AFc%20Ninh",
        ] {
            assert_eq!(safe_next(ok), Some(ok), "{ok:?} is a local path");
        }
        for bad in [
            "",
            "evil.example",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\\/evil.example",
            "/\t/evil.example",
            "/\r\n/evil.example",
            "/%09/evil.example",
            "/%0d%0a/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%252F/evil.example",
            "/%25252F/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/.//evil.example",
            "/./evil",
            "/../evil",
            "/a/%2e%2e/b",
            " /evil.example",
            "https://evil.example",
            "HTTPS://evil.example/",
            "http:/evil.example",
            "javascript:alert(1)",
            "/javascript://%0aalert(1)",
            "data:text/html,x",
            "/\u{ff45}vil",
            "/tinh?next=//evil.example",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?} must not be followed");
        }
        let long = format!("/{}", "a".repeat(MAX_NEXT));
        assert_eq!(safe_next(&long), None);
    }

    #[test]
    fn without_a_valid_next_each_role_lands_where_it_works() {
        let account = |role| Account {
            id: 1,
            username: "x".into(),
            role,
            province: None,
        };
        use crate::auth::Role;
        assert_eq!(destination("", &account(Role::Viewer), Lang::Vi), "/");
        assert_eq!(
            destination("//evil", &account(Role::Officer), Lang::Vi),
            "/nop-bao-cao"
        );
        assert_eq!(
            destination("", &account(Role::Analyst), Lang::En),
            "/cong-bo?lang=en"
        );
        assert_eq!(destination("", &account(Role::Admin), Lang::Vi), "/cong-bo");
        assert_eq!(
            destination("/tinh/24", &account(Role::Officer), Lang::Vi),
            "/tinh/24"
        );
    }
}
