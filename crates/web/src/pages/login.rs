//! `GET/POST /dang-nhap` (log in) and `POST /dang-xuat` (log out).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Layout, Params, lang_of, page};
use crate::auth::session::{self, CSRF_COOKIE, SESSION_COOKIE, cookie, set_cookie};
use crate::auth::{Session, token};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

fn form(
    state: &AppState,
    params: &Params,
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
        serde_json::json!({ "error": error, "next": params.get("next").cloned().unwrap_or_default() }),
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
    form(&state, &params, None, StatusCode::OK)
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
    match cookie(&headers, CSRF_COOKIE) {
        Some(c) if token::same(&c, &f.csrf) => {}
        _ => {
            return form(
                &state,
                &params,
                Some(
                    lang.pick(
                        "Phiên biểu mẫu đã hết hạn, vui lòng thử lại.",
                        "The form expired: please try again.",
                    )
                    .into(),
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
        Ok((tok, _)) => {
            // Only local paths: never redirect elsewhere.
            let next = if f.next.starts_with('/') && !f.next.starts_with("//") {
                f.next
            } else {
                "/nop-bao-cao".to_owned()
            };
            let max_age = session::session_max_age().as_secs() as i64;
            Ok((
                [(
                    header::SET_COOKIE,
                    set_cookie(&state, SESSION_COOKIE, &tok, max_age),
                )],
                Redirect::to(&next),
            )
                .into_response())
        }
        Err(AppError::Unauthorized) => form(
            &state,
            &params,
            Some(
                lang.pick(
                    "Sai tên đăng nhập hoặc mật khẩu.",
                    "Wrong login name or password.",
                )
                .into(),
            ),
            StatusCode::UNAUTHORIZED,
        ),
        Err(AppError::TooManyRequests(m)) => {
            form(&state, &params, Some(m), StatusCode::TOO_MANY_REQUESTS)
        }
        Err(e) => Err(e),
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
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(&state, SESSION_COOKIE, "", 0),
        )],
        Redirect::to("/"),
    )
        .into_response())
}
