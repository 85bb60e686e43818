//! `GET /cong-bo`: the releases (published, immutable vintages) and what
//! changed between two; `POST /cong-bo`: an analyst makes a release;
//! `GET /cong-bo/{a}/so-sanh/{b}`: the comparison.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use congthuong_core::Period;
use congthuong_store::release::{ReleaseOptions, create_release, diff};
use serde::{Deserialize, Serialize};

use super::{Layout, Params, lang_of, page};
use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

fn blocking_err(e: tokio::task::JoinError) -> AppError {
    AppError::Internal(e.into())
}

fn store_err(e: congthuong_store::StoreError) -> AppError {
    match e {
        congthuong_store::StoreError::NotFound(m) => AppError::NotFound(m),
        e if e.is_user_error() => AppError::BadRequest(format!("{e:#}")),
        e => AppError::Internal(e.into()),
    }
}

#[derive(Serialize)]
struct Row {
    id: i64,
    period: String,
    created_at: String,
    actor: String,
    note: String,
    counts: String,
    hash: String,
}

/// `GET /cong-bo`
pub async fn list(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/cong-bo", &params, t(lang, "nav_releases"))
        .session(session.as_ref());
    let store = state.store();
    let releases = tokio::task::spawn_blocking(move || store.releases())
        .await
        .map_err(blocking_err)?
        .map_err(store_err)?;
    let rows: Vec<Row> = releases
        .iter()
        .rev()
        .map(|r| Row {
            id: r.id,
            period: r.period.clone(),
            created_at: r
                .created_at
                .chars()
                .take(19)
                .collect::<String>()
                .replace('T', " "),
            actor: r.actor.clone(),
            note: r.note.clone(),
            counts: format!("{} / {} / {}", r.counts[0], r.counts[1], r.counts[2]),
            hash: r.content_hash.chars().take(12).collect(),
        })
        .collect();
    let may_release = session.as_ref().is_some_and(|s| s.account.may_release());
    let next = state
        .release()
        .map(|r| r.meta.period.to_string())
        .unwrap_or_default();
    page(
        &state,
        layout,
        "releases.html",
        serde_json::json!({ "rows": rows, "may_release": may_release, "next": next, "downloads": true }),
    )
}

/// The make-a-release form.
#[derive(Deserialize)]
pub struct NewReleaseForm {
    csrf: String,
    period: String,
    note: String,
}

/// `POST /cong-bo`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Form(f): Form<NewReleaseForm>,
) -> Result<Response, AppError> {
    check_csrf(&session, Some(&f.csrf))?;
    if !session.account.may_release() {
        return Err(forbidden(
            &state,
            &session,
            "releases".into(),
            "only analysts and administrators make releases".into(),
        )
        .await);
    }
    let period: Period = f
        .period
        .trim()
        .parse()
        .map_err(|e: congthuong_core::Error| AppError::BadRequest(e.to_string()))?;
    let note = congthuong_core::text::nfc(f.note.trim());
    if note.is_empty() {
        return Err(AppError::BadRequest(
            "a release needs a note saying why".into(),
        ));
    }
    let synthetic = state.release().is_some_and(|r| r.meta.synthetic);
    let opts = ReleaseOptions {
        period,
        base_year: None,
        actor: session.account.username.clone(),
        note,
        synthetic,
    };
    let store = state.store();
    tokio::task::spawn_blocking(move || {
        create_release(&*store, &opts, &congthuong_store::progress::NoProgress)
    })
    .await
    .map_err(blocking_err)?
    .map_err(store_err)?;
    let s = state.clone();
    tokio::task::spawn_blocking(move || s.reload())
        .await
        .map_err(blocking_err)??;
    Ok(Redirect::to("/cong-bo").into_response())
}

#[derive(Serialize)]
struct ChangeRow {
    key: String,
    before: String,
    after: String,
    because: String,
}

/// `GET /cong-bo/{a}/so-sanh/{b}`
pub async fn compare(
    State(state): State<AppState>,
    session: Option<Session>,
    Path((a, b)): Path<(i64, i64)>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/cong-bo", &params, t(lang, "nav_releases"))
        .session(session.as_ref());
    let store = state.store();
    let d = tokio::task::spawn_blocking(move || diff(&*store, a, b))
        .await
        .map_err(blocking_err)?
        .map_err(store_err)?;
    let fmt = |v: Option<f64>| {
        v.map(|x| congthuong_core::display::number(Some(x), 3, lang))
            .unwrap_or_else(|| "–".into())
    };
    let changes: Vec<ChangeRow> = d
        .index
        .iter()
        .take(500)
        .map(|c| {
            let r = c.after.as_ref().or(c.before.as_ref());
            ChangeRow {
                key: r
                    .map(|r| {
                        format!(
                            "{} · {} {} · {} · {}",
                            r.boundaries, r.area, r.code, r.level, r.period
                        )
                    })
                    .unwrap_or_default(),
                before: fmt(c.before.as_ref().map(|x| x.index)),
                after: fmt(c.after.as_ref().map(|x| x.index)),
                because: c.because.join("; "),
            }
        })
        .collect();
    let inputs: Vec<String> = d
        .inputs
        .iter()
        .map(|i| {
            let v = |s: &Option<congthuong_store::Submission>| {
                s.as_ref().map_or("–".to_owned(), |s| {
                    format!(
                        "v{} ({}, {}: {})",
                        s.version,
                        s.actor,
                        s.created_at.chars().take(10).collect::<String>(),
                        s.note
                    )
                })
            };
            format!("{}: {} → {}", i.key, v(&i.before), v(&i.after))
        })
        .collect();
    page(
        &state,
        layout,
        "compare.html",
        serde_json::json!({ "a": d.a.id, "b": d.b.id, "n_index": d.index.len(), "n_contributions": d.contributions_changed, "changes": changes, "inputs": inputs }),
    )
}

/// `GET /cong-bo/so-sanh?a=&b=`: the comparison form's target.
pub async fn compare_form(Query(params): Query<Params>) -> Result<Redirect, AppError> {
    let id = |k: &str| {
        params
            .get(k)
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or_else(|| AppError::BadRequest(format!("{k} must be a release number")))
    };
    let lang = if params.get("lang").is_some_and(|l| l == "en") {
        "?lang=en"
    } else {
        ""
    };
    Ok(Redirect::to(&format!(
        "/cong-bo/{}/so-sanh/{}{lang}",
        id("a")?,
        id("b")?
    )))
}
