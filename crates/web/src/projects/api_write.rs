//! The registers' API writes: JSON bodies, the `X-CSRF-Token` header; a
//! refusal is a 403 with an audit entry, a stale `expected_version` a
//! 409, a value that does not validate a 400 saying which.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_core::{BoundaryVersion, Lang};
use congthuong_projects::store::{Change, edits};
use congthuong_projects::{
    Blocker, BlockerCategory, Code, Date, DifficultyStatus, Escalation, Label, ProgressUpdate,
    Project, Replan, Vocabulary,
};
use serde::Deserialize;
use serde_json::json;

use super::forms::{issued_record, new_difficulty, next_difficulty_id};
use super::params::{self};
use super::registers::{change_of, refuse, with_repo};
use crate::auth::Session;
use crate::error::AppError;
use crate::pages::Params;
use crate::state::AppState;

use super::api::{body, csrf, date_or, user};

/// The answer to a saved project edit.
fn saved(status: StatusCode, key: &str, version: u32, unchanged: bool) -> Response {
    (
        status,
        Json(json!({ "saved": { "key": key, "version": version, "unchanged": unchanged } })),
    )
        .into_response()
}

/// Runs an edit of project `id` as the session's account.
async fn edit(
    state: &AppState,
    session: &Session,
    id: String,
    expected: Option<u32>,
    change: Change,
    f: impl FnOnce(&mut Project) -> congthuong_projects::Result<()> + Send + 'static,
) -> Result<Response, AppError> {
    let key = id.clone();
    match with_repo(state, move |r| r.edit_project(&key, expected, &change, f)).await? {
        Ok(s) => Ok(saved(StatusCode::OK, &id, s.version, s.unchanged)),
        Err(e) => Ok(refuse(state, session, e).await),
    }
}

/// `POST /api/v1/projects[?expected_version=N&reason=…]`
pub async fn save_project(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let reason = p.get("reason").map_or("", String::as_str).to_owned();
    let change = change_of(&state, &session, "project", &reason).await?;
    let project: Project = body(&bytes)?;
    let expected =
        params::int(Lang::En, &p, "expected_version", 0..=i64::from(u32::MAX))?.map(|v| v as u32);
    let id = project.id.to_string();
    match with_repo(&state, move |r| r.save_project(&project, expected, &change)).await? {
        Ok(s) => Ok(saved(
            if s.version == 1 && !s.unchanged {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            },
            &id,
            s.version,
            s.unchanged,
        )),
        Err(e) => Ok(refuse(&state, &session, e).await),
    }
}

#[derive(Deserialize)]
struct UpdateBody {
    text: String,
    date: Option<String>,
    physical_percent: Option<f64>,
    expected_version: Option<u32>,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/projects/{id}/updates`
pub async fn add_update(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(p): Query<Params>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: UpdateBody = body(&bytes)?;
    let change = change_of(&state, &session, &format!("project {id}"), &b.reason).await?;
    let u = ProgressUpdate {
        date: date_or(b.date.as_deref(), params::today(Lang::En, &p)?)?,
        author: change.actor.name.clone(),
        text: Label::parse(&b.text).map_err(user)?,
        physical_percent: b.physical_percent,
    };
    edit(
        &state,
        &session,
        id,
        b.expected_version,
        change,
        move |pr| edits::add_update(pr, u),
    )
    .await
}

#[derive(Deserialize)]
struct ActualBody {
    date: Option<String>,
    expected_version: Option<u32>,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/projects/{id}/milestones/{code}/actual`
pub async fn record_actual(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((id, code)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: ActualBody = body(&bytes)?;
    let change = change_of(&state, &session, &format!("project {id}"), &b.reason).await?;
    let date = b
        .date
        .as_deref()
        .map(Date::parse)
        .transpose()
        .map_err(user)?;
    edit(
        &state,
        &session,
        id,
        b.expected_version,
        change,
        move |pr| edits::record_actual(pr, &code, date),
    )
    .await
}

#[derive(Deserialize)]
struct ReplanBody {
    date: String,
    reason: String,
    decision: Option<String>,
    expected_version: Option<u32>,
}

/// `POST /api/v1/projects/{id}/milestones/{code}/replans`
pub async fn replan(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((id, code)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: ReplanBody = body(&bytes)?;
    let change = change_of(&state, &session, &format!("project {id}"), &b.reason).await?;
    let r = Replan {
        date: Date::parse(&b.date).map_err(user)?,
        reason: Label::parse(&b.reason).map_err(user)?,
        decision: b
            .decision
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(Label::parse)
            .transpose()
            .map_err(user)?,
        by: change.actor.to_string(),
        at: change.at,
    };
    edit(
        &state,
        &session,
        id,
        b.expected_version,
        change,
        move |pr| edits::replan(pr, &code, r),
    )
    .await
}

#[derive(Deserialize)]
struct BlockerBody {
    code: String,
    description: String,
    category: String,
    agency: String,
    escalation: String,
    raised: Option<String>,
    deadline: String,
    expected_version: Option<u32>,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/projects/{id}/blockers`
pub async fn add_blocker(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(p): Query<Params>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: BlockerBody = body(&bytes)?;
    let change = change_of(&state, &session, &format!("project {id}"), &b.reason).await?;
    let blocker = Blocker {
        code: Code::parse(&b.code).map_err(user)?,
        description: Label::parse(&b.description).map_err(user)?,
        category: BlockerCategory::parse(&b.category).map_err(user)?,
        agency: Label::parse(&b.agency).map_err(user)?,
        escalation: Escalation::parse(&b.escalation).map_err(user)?,
        raised: date_or(b.raised.as_deref(), params::today(Lang::En, &p)?)?,
        deadline: Date::parse(&b.deadline).map_err(user)?,
        resolved: None,
        resolution: None,
    };
    edit(
        &state,
        &session,
        id,
        b.expected_version,
        change,
        move |pr| edits::add_blocker(pr, blocker),
    )
    .await
}

#[derive(Deserialize)]
struct ResolveBody {
    date: Option<String>,
    resolution: String,
    expected_version: Option<u32>,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/projects/{id}/blockers/{code}/resolve`
pub async fn resolve_blocker(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((id, code)): Path<(String, String)>,
    Query(p): Query<Params>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: ResolveBody = body(&bytes)?;
    let change = change_of(&state, &session, &format!("project {id}"), &b.reason).await?;
    let date = date_or(b.date.as_deref(), params::today(Lang::En, &p)?)?;
    let how = Label::parse(&b.resolution).map_err(user)?;
    edit(
        &state,
        &session,
        id,
        b.expected_version,
        change,
        move |pr| edits::resolve_blocker(pr, &code, date, how),
    )
    .await
}

#[derive(Deserialize)]
struct StrategyBody {
    province: String,
    kind: String,
    decision_number: String,
    decision_date: String,
    #[serde(default)]
    integrated: bool,
    note: Option<String>,
    expected_version: Option<u32>,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/strategies`
pub async fn save_strategy(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: StrategyBody = body(&bytes)?;
    let change = change_of(
        &state,
        &session,
        &format!("strategy record {}", b.province),
        &b.reason,
    )
    .await?;
    let date = Date::parse(&b.decision_date).map_err(user)?;
    let outcome = with_repo(&state, move |r| {
        let place = congthuong_projects::Place::one(BoundaryVersion::V2025, &b.province)?;
        let key = format!("{}:{}:{}", place.boundary(), place.lead(), b.kind.trim());
        let cur = r.strategy(&key)?;
        let version = cur.as_ref().map_or(0, |c| c.meta.version);
        if let Some(e) = b.expected_version
            && e != version
        {
            return Err(congthuong_projects::Error::Stale {
                object: format!("proj_strategies/{key}"),
                expected: e,
                current: version,
            });
        }
        let rec = issued_record(
            cur.map(|c| c.value),
            &b.province,
            b.kind.trim(),
            &b.decision_number,
            date,
            b.integrated,
            b.note.as_deref().filter(|n| !n.trim().is_empty()),
        )?;
        r.save_strategy(&rec, Some(version), &change)
            .map(|s| (key, s))
    })
    .await?;
    match outcome {
        Ok((key, s)) => Ok(saved(StatusCode::OK, &key, s.version, s.unchanged)),
        Err(e) => Ok(refuse(&state, &session, e).await),
    }
}

#[derive(Deserialize)]
struct DifficultyBody {
    id: Option<String>,
    raised_by: String,
    raiser_kind: String,
    topic: String,
    detail: Option<String>,
    province: String,
    agency: String,
    raised: Option<String>,
    deadline: String,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/difficulties`
pub async fn add_difficulty(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: DifficultyBody = body(&bytes)?;
    let change = change_of(
        &state,
        &session,
        &format!("difficulty in {}", b.province),
        &b.reason,
    )
    .await?;
    let raised = date_or(b.raised.as_deref(), params::today(Lang::En, &p)?)?;
    let deadline = Date::parse(&b.deadline).map_err(user)?;
    let outcome = with_repo(&state, move |r| {
        let id = match b.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(id) => id.to_owned(),
            None => next_difficulty_id(&r.difficulties()?, b.province.trim()),
        };
        let d = new_difficulty(
            &id,
            &b.raised_by,
            &b.raiser_kind,
            &b.topic,
            b.detail.as_deref().filter(|s| !s.trim().is_empty()),
            b.province.trim(),
            BoundaryVersion::V2025,
            &b.agency,
            raised,
            deadline,
        )?;
        r.save_difficulty(&d, Some(0), &change).map(|s| (id, s))
    })
    .await?;
    match outcome {
        Ok((id, s)) => Ok(saved(StatusCode::CREATED, &id, s.version, s.unchanged)),
        Err(e) => Ok(refuse(&state, &session, e).await),
    }
}

#[derive(Deserialize)]
struct CloseBody {
    status: Option<String>,
    date: Option<String>,
    resolution: String,
    expected_version: Option<u32>,
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/difficulties/{id}/close`
pub async fn close_difficulty(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(p): Query<Params>,
    bytes: Bytes,
) -> Result<Response, AppError> {
    csrf(&session, &headers)?;
    let b: CloseBody = body(&bytes)?;
    let change = change_of(&state, &session, &format!("difficulty {id}"), &b.reason).await?;
    let status =
        DifficultyStatus::parse(b.status.as_deref().unwrap_or("resolved")).map_err(user)?;
    let date = date_or(b.date.as_deref(), params::today(Lang::En, &p)?)?;
    let how = Label::parse(&b.resolution).map_err(user)?;
    let key = id.clone();
    let expected = b.expected_version;
    match with_repo(&state, move |r| {
        r.edit_difficulty(&key, expected, &change, |d| {
            edits::close_difficulty(d, status, date, how)
        })
    })
    .await?
    {
        Ok(s) => Ok(saved(StatusCode::OK, &id, s.version, s.unchanged)),
        Err(e) => Ok(refuse(&state, &session, e).await),
    }
}
