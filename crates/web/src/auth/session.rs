//! Login sessions: the cookie, the extractor that finds the account of a
//! request, logging in and out, and CSRF checks.

use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use congthuong_core::AreaCode;
use congthuong_store::SessionRecord;

use super::role::{Account, Role};
use super::throttle::Refusal;
use super::token;
use crate::error::AppError;
use crate::state::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "ct_session";
/// The double-submit CSRF cookie of forms shown before login.
pub const CSRF_COOKIE: &str = "ct_csrf";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// A logged-in request.
#[derive(Clone, Debug)]
pub struct Session {
    /// The account.
    pub account: Account,
    /// The session's CSRF token (forms and `X-CSRF-Token`).
    pub csrf: String,
    /// The stored digest of the session token.
    pub digest: String,
}

/// A cookie's value from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure behind TLS.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_secs: i64) -> String {
    let secure = if state.settings().secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

fn rfc3339_in(hours: i64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
        + hours * 3600;
    congthuong_store::time::format_unix(secs, 0)
}

fn account_of(u: &congthuong_store::User) -> Option<Account> {
    Some(Account {
        id: u.id,
        username: u.username.clone(),
        role: Role::parse(&u.role)?,
        province: u.province.as_deref().and_then(|p| AreaCode::parse(p).ok()),
    })
}

/// The session of a request, if its cookie names a live one.
pub async fn current(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>, AppError> {
    let Some(tok) = cookie(headers, SESSION_COOKIE).filter(|t| t.len() == 64) else {
        return Ok(None);
    };
    let digest = token::digest(&tok);
    let store = state.store();
    let d = digest.clone();
    let found = tokio::task::spawn_blocking(
        move || -> congthuong_store::Result<Option<(SessionRecord, congthuong_store::User)>> {
            let Some(s) = store.session(&d)? else {
                return Ok(None);
            };
            Ok(store.user_by_id(s.user_id)?.map(|u| (s, u)))
        },
    )
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))?;
    let Some((s, u)) = found else { return Ok(None) };
    if u.disabled || s.expires_at < congthuong_store::time::now_rfc3339() {
        return Ok(None);
    }
    Ok(account_of(&u).map(|account| Session {
        account,
        csrf: s.csrf,
        digest,
    }))
}

impl FromRequestParts<AppState> for Session {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        current(state, &parts.headers)
            .await?
            .ok_or(AppError::Unauthorized)
    }
}

impl OptionalFromRequestParts<AppState> for Session {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, AppError> {
        current(state, &parts.headers).await
    }
}

/// Why a login started no session.
#[derive(Debug)]
pub enum LoginError {
    /// Wrong login name or password, or a disabled account (one answer
    /// for all three): 401.
    Wrong,
    /// Too many failures (429) or too many logins at once (503).
    Refused(Refusal),
    /// The store failed: 500.
    Internal(AppError),
}

impl From<AppError> for LoginError {
    fn from(e: AppError) -> Self {
        LoginError::Internal(e)
    }
}

/// Logs in: reserves an attempt for the account and the address (the
/// throttle), waits for a turn to verify, checks the password (against a
/// dummy hash for an unknown or disabled account), starts a session.
/// Returns the session token (for the cookie) and the session.
pub async fn login(
    state: &AppState,
    username: &str,
    password_text: &str,
    client: &str,
) -> Result<(String, Session), LoginError> {
    let now = Instant::now();
    let keys = [format!("user:{username}"), format!("addr:{client}")];
    state
        .throttle()
        .reserve(&keys, now)
        .map_err(LoginError::Refused)?;
    let turn = state.throttle().turn().await.map_err(LoginError::Refused)?;
    let st = state.clone();
    let (name, pw) = (username.to_owned(), password_text.to_owned());
    let user =
        tokio::task::spawn_blocking(move || -> anyhow::Result<Option<congthuong_store::User>> {
            // The turn is held until the verification has finished, even
            // if the client has gone.
            let _turn = turn;
            let u = st.store().user_by_name(&name)?.filter(|u| !u.disabled);
            let ok = st
                .throttle()
                .verify(&pw, u.as_ref().map(|u| u.password_hash.as_str()));
            Ok(u.filter(|_| ok))
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)?;
    let Some(user) = user else {
        let store = state.store();
        let who = username.to_owned();
        let addr = client.to_owned();
        let _ = tokio::task::spawn_blocking(move || {
            store.log(
                &who,
                "login.failed",
                &format!("user:{who}"),
                &format!("from {addr}"),
            )
        })
        .await;
        return Err(LoginError::Wrong);
    };
    for k in &keys {
        state.throttle().clear(k);
    }
    let account = account_of(&user).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "account {} has an unknown role",
            user.username
        ))
    })?;
    let tok = token::random();
    let record = SessionRecord {
        token_digest: token::digest(&tok),
        user_id: user.id,
        csrf: token::random(),
        expires_at: rfc3339_in(SESSION_HOURS),
    };
    let store = state.store();
    let r = record.clone();
    let who = user.username.clone();
    tokio::task::spawn_blocking(move || -> congthuong_store::Result<()> {
        store.put_session(&r)?;
        store.log(&who, "login", &format!("user:{who}"), "")
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        tok,
        Session {
            account,
            csrf: record.csrf,
            digest: record.token_digest,
        },
    ))
}

/// Ends a session.
pub async fn logout(state: &AppState, session: &Session) -> Result<(), AppError> {
    let store = state.store();
    let d = session.digest.clone();
    let who = session.account.username.clone();
    tokio::task::spawn_blocking(move || -> congthuong_store::Result<()> {
        store.end_session(&d)?;
        store.log(&who, "logout", &format!("user:{who}"), "")
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))
}

/// A form's CSRF token must equal the session's.
pub fn check_csrf(session: &Session, given: Option<&str>) -> Result<(), AppError> {
    match given {
        Some(g) if token::same(g, &session.csrf) => Ok(()),
        _ => Err(AppError::Refused {
            en: "missing or wrong CSRF token: reload the page and try again".into(),
            vi: "thiếu mã chống giả mạo (CSRF) hoặc mã đã cũ: hãy tải lại trang rồi gửi lại".into(),
        }),
    }
}

/// Records a refused access in the audit log (and returns the 403).
pub async fn forbidden(
    state: &AppState,
    session: &Session,
    object: String,
    detail: String,
) -> AppError {
    let store = state.store();
    let who = session.account.username.clone();
    let (o, d) = (object.clone(), detail.clone());
    let _ = tokio::task::spawn_blocking(move || store.log(&who, "forbidden", &o, &d)).await;
    AppError::Forbidden(format!("{detail} ({object})"))
}

/// [`forbidden`] with the reason in both languages: the audit log keeps
/// the English, the answer carries both (`detail`, `detail_vi`) and the
/// error page shows the reader's.
pub async fn forbidden_in(
    state: &AppState,
    session: &Session,
    object: String,
    en: &str,
    vi: &str,
) -> AppError {
    match forbidden(state, session, object.clone(), en.to_owned()).await {
        AppError::Forbidden(detail) => AppError::Refused {
            en: detail,
            vi: format!("{vi} ({object})"),
        },
        other => other,
    }
}

/// The client address for throttling (the socket's peer).
pub fn client_of(parts: Option<&std::net::SocketAddr>) -> String {
    parts
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Sessions last this long (for cookies).
pub fn session_max_age() -> Duration {
    Duration::from_secs(SESSION_HOURS as u64 * 3600)
}
