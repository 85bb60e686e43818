//! The registers' connection (a second connection to the main database
//! file, opened on first use), the reader's actor, the day status is
//! computed for, and how the registers' errors answer.
//!
//! Every read and write runs on a blocking thread through [`with_repo`];
//! one connection, behind a mutex, serves the process (SQLite takes one
//! writer at a time anyway; WAL lets the main store's readers go on).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use congthuong_core::{BoundaryVersion, Lang};
use congthuong_projects::store::{Change, Repo};
use congthuong_projects::{Actor, Date, Error as PError, Timestamp};
use serde_json::json;

use crate::auth::session::forbidden;
use crate::auth::{Role, Session};
use crate::error::AppError;
use crate::state::AppState;

/// The registers of one database file.
pub struct Registers {
    path: PathBuf,
    repo: Mutex<Option<Arc<Mutex<Repo>>>>,
}

impl Registers {
    /// The registers in the database file `path` (the main store's
    /// `congthuong.sqlite3`); nothing is opened until first used.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            repo: Mutex::new(None),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn handle(&self) -> Result<Arc<Mutex<Repo>>, AppError> {
        let mut slot = self
            .repo
            .lock()
            .map_err(|_| AppError::Internal(anyhow::anyhow!("the registers' handle failed")))?;
        if let Some(r) = slot.as_ref() {
            return Ok(r.clone());
        }
        let repo = Repo::open_shared(&self.path).map_err(|e| match e {
            PError::Invalid { .. } => {
                tracing::error!("projects registers: {e}");
                AppError::Unavailable("the projects registers are not available".into())
            }
            e => AppError::Internal(e.into()),
        })?;
        let r = Arc::new(Mutex::new(repo));
        *slot = Some(r.clone());
        Ok(r)
    }
}

/// Runs `f` on the registers on a blocking thread. The outer error is the
/// server's (no database, a panic); the inner one the registers' answer.
pub async fn with_repo<T, F>(state: &AppState, f: F) -> Result<Result<T, PError>, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Repo) -> Result<T, PError> + Send + 'static,
{
    let handle = state.projects().handle()?;
    tokio::task::spawn_blocking(move || {
        let mut repo = handle
            .lock()
            .map_err(|_| AppError::Internal(anyhow::anyhow!("the registers failed earlier")))?;
        Ok(f(&mut repo))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// Reads: any error is the server's to answer.
pub async fn read<T, F>(state: &AppState, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&Repo) -> Result<T, PError> + Send + 'static,
{
    with_repo(state, move |r| f(r)).await?.map_err(plain)
}

/// A registers' error as an [`AppError`], without the audit entry a
/// refusal needs (see [`refuse`]), in English (the API's).
pub fn plain(e: PError) -> AppError {
    plain_in(e, Lang::En)
}

/// [`plain`] in the reader's language (pages).
pub fn plain_in(e: PError, lang: Lang) -> AppError {
    match e {
        PError::NotFound { .. } => AppError::NotFound(e.message(lang)),
        PError::Forbidden { .. } => AppError::Forbidden(e.message(lang)),
        PError::Import(errors) => AppError::Invalid(
            errors
                .errors
                .iter()
                .map(|e| {
                    json!({ "file": e.file, "sheet": e.sheet, "line": e.line, "column": e.column, "detail": e.reason })
                })
                .collect(),
        ),
        e if e.is_user_error() => AppError::BadRequest(e.message(lang)),
        e => AppError::Internal(e.into()),
    }
}

/// 409 in the API's envelope: the record changed since it was read.
pub fn conflict(detail: String) -> Response {
    (
        StatusCode::CONFLICT,
        Json(json!({ "errors": [{ "status": 409, "code": "conflict", "detail": detail }] })),
    )
        .into_response()
}

/// The answer to a failed write: a refusal is audited (403), a stale edit
/// is 409, the rest as [`plain`]; in English (the API's).
pub async fn refuse(state: &AppState, session: &Session, e: PError) -> Response {
    refuse_in(state, session, e, Lang::En).await
}

/// [`refuse`] in the reader's language (pages); the audit log keeps the
/// English reason.
pub async fn refuse_in(state: &AppState, session: &Session, e: PError, lang: Lang) -> Response {
    match e {
        PError::Forbidden {
            ref object,
            ref reason,
            ..
        } => {
            let refused = forbidden(
                state,
                session,
                format!("projects:{object}"),
                reason.en.clone(),
            )
            .await;
            match lang {
                Lang::En => refused.into_response(),
                Lang::Vi => AppError::Forbidden(e.message(lang)).into_response(),
            }
        }
        e @ PError::Stale { .. } => conflict(e.message(lang)),
        e => plain_in(e, lang).into_response(),
    }
}

/// The registers' actor for a logged-in account: analysts and admins are
/// analysts, officers officers of their (2025) province; viewers none.
pub fn actor_of(session: &Session) -> Option<Actor> {
    let name = session.account.username.as_str();
    match session.account.role {
        Role::Admin | Role::Analyst => Actor::analyst(name).ok(),
        Role::Officer => session
            .account
            .province
            .and_then(|p| Actor::officer(name, BoundaryVersion::V2025, p.as_str()).ok()),
        Role::Viewer => None,
    }
}

/// The change a logged-in account makes now, or the audited 403 for a
/// read-only account (in English, the API's).
pub async fn change_of(
    state: &AppState,
    session: &Session,
    object: &str,
    reason: &str,
) -> Result<Change, AppError> {
    change_in(state, session, object, reason, Lang::En).await
}

/// [`change_of`] in the reader's language (pages); the audit log keeps
/// the English reason.
pub async fn change_in(
    state: &AppState,
    session: &Session,
    object: &str,
    reason: &str,
    lang: Lang,
) -> Result<Change, AppError> {
    match actor_of(session) {
        Some(actor) => Ok(Change {
            actor,
            at: now(),
            reason: reason.trim().to_owned(),
        }),
        None => {
            let refused = forbidden(
                state,
                session,
                format!("projects:{object}"),
                "a read-only account changes no register".into(),
            )
            .await;
            Err(match lang {
                Lang::En => refused,
                Lang::Vi => AppError::Forbidden(
                    "tài khoản chỉ xem không sửa được sổ theo dõi dự án, chiến lược, đầu tư, khó khăn"
                        .into(),
                ),
            })
        }
    }
}

/// Now, to the second.
pub fn now() -> Timestamp {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Timestamp::from_unix(secs)
}

/// Today in Vietnam (UTC+7).
pub fn today_in_vietnam() -> Date {
    now()
        .date_in_vietnam()
        .unwrap_or_else(|| Date::from_ymd(2026, 1, 1).expect("a valid date"))
}
