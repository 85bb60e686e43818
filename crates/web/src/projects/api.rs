//! The registers' JSON API under `/api/v1` ([`OPERATIONS`] documents it).
//! Reads need a login; lists take `format=csv|xlsx` for downloads. Writes
//! take JSON bodies and the `X-CSRF-Token` header; a refusal is a 403
//! with an audit entry, a stale `expected_version` a 409, a value that
//! does not validate a 400 saying which.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_core::BoundaryVersion;
use congthuong_projects::evm::of_record;
use congthuong_projects::queries::{Scope, late_list, timeline};
use congthuong_projects::status::{actions, project_status};
use congthuong_projects::store::{Change, edits};
use congthuong_projects::{
    Blocker, BlockerCategory, Code, Date, DifficultyStatus, Escalation, Label, ProgressUpdate,
    Project, Replan, Vocabulary,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::forms::{issued_record, new_difficulty, next_difficulty_id};
use super::late::{late_sheet, list_sheet};
use super::params::{self, Format};
use super::registers::{change_of, read, refuse, with_repo};
use super::summaries::{
    breakdown, difficulty_views, grid, grid_sheet, investment_rows, investment_sheet,
    overdue_sheet, ranking, ranking_sheet, year_month,
};
use crate::api::openapi::params::BOUNDARIES;
use crate::api::openapi::{Access, Operation, Param, Schema};
use crate::auth::Session;
use crate::auth::session::check_csrf;
use crate::error::AppError;
use crate::pages::Params;
use crate::state::AppState;

const SCOPE_GROUP: Param = Param {
    name: "group",
    description: "Group id, e.g. north_28, or all (the default: every province).",
    schema: Schema::Text,
};
const SCOPE_PROVINCE: Param = Param {
    name: "province",
    description: "Province code(s) on the chosen boundaries, comma-separated (instead of group).",
    schema: Schema::Text,
};
const TODAY: Param = Param {
    name: "today",
    description: "The day status is computed for, YYYY-MM-DD (default: today in Vietnam, UTC+7).",
    schema: Schema::Date,
};
const WITHIN: Param = Param {
    name: "within",
    description: "An item not done and due within this many days is at risk (default 30).",
    schema: Schema::Integer,
};
const LIST_FORMAT: Param = Param {
    name: "format",
    description: "json (default), csv or xlsx.",
    schema: Schema::OneOf(&["json", "csv", "xlsx"]),
};
const YEAR: Param = Param {
    name: "year",
    description: "The plan year (default: the day's year).",
    schema: Schema::Integer,
};
const MONTH: Param = Param {
    name: "month",
    description: "Disbursed from January through this month (default: the month before the day's, December for past years).",
    schema: Schema::Integer,
};
const AVERAGE: Param = Param {
    name: "average",
    description: "Compare with this average rate, percent (e.g. the national one; default: the rows' aggregate rate).",
    schema: Schema::Number,
};
const BY: Param = Param {
    name: "by",
    description: "Breakdown: any of province, industry, origin, comma-separated (default industry,origin).",
    schema: Schema::Text,
};
const AGENCY: Param = Param {
    name: "agency",
    description: "Only difficulties of agencies whose name contains this (without case or diacritics).",
    schema: Schema::Text,
};
const EXPECTED: Param = Param {
    name: "expected_version",
    description: "The version the body replaces (0: must be new); another version gives 409.",
    schema: Schema::Integer,
};
const REASON: Param = Param {
    name: "reason",
    description: "Why (kept with the version and in the audit log).",
    schema: Schema::Text,
};
const FILE: Param = Param {
    name: "file",
    description: "The file's name, for the error list.",
    schema: Schema::Text,
};

const SCOPED: &[Param] = &[
    SCOPE_GROUP,
    SCOPE_PROVINCE,
    BOUNDARIES,
    TODAY,
    WITHIN,
    LIST_FORMAT,
];

/// The operations of this part.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        method: "get",
        path: "/api/v1/projects",
        summary: "Key projects of a scope with their status computed from dates (on schedule, at risk, late, done) and days of slip.",
        access: Access::LoggedIn,
        params: SCOPED,
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/projects",
        summary: "Create or replace a key project (the whole record as JSON). History is kept: baselines never move, earlier re-plans and updates stay; a new version with who, when, why.",
        access: Access::OwnProvince,
        params: &[EXPECTED, REASON],
        body: Some(
            r#"A project: {"id", "name", "level": "national|provincial", "place": {"boundary": "2025", "provinces": ["24"]}, "sector": "vsic:24|energy|industrial_park|trade_infrastructure", "investor", "total_investment", "capital": {"central_budget": 1.0}, "agency", "milestones": [{"code", "name", "agency", "baseline": "YYYY-MM-DD", "replans": [], "actual": null}], "site_clearance", "procedures", "disbursement", "blockers", "updates", "earned_value", "synthetic": false}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/late",
        summary: "Late and at-risk key projects of a scope, most urgent first: who must act (agency) on what (milestone, procedure, blocker) by when, days of slip, escalation.",
        access: Access::LoggedIn,
        params: SCOPED,
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/disbursement",
        summary: "Disbursement against the year's plan by province, ranked, against the average (and the Prime Minister's plan where reported).",
        access: Access::LoggedIn,
        params: &[
            SCOPE_GROUP,
            SCOPE_PROVINCE,
            BOUNDARIES,
            TODAY,
            YEAR,
            MONTH,
            AVERAGE,
            LIST_FORMAT,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/{id}",
        summary: "One key project: the record, its status, timeline (baseline, re-plans, actual), who must act, earned value (SPI = EV/PV, CPI = EV/AC), version history and audit entries.",
        access: Access::LoggedIn,
        params: &[TODAY, WITHIN],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/updates",
        summary: "Add a progress update (append-only).",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"text": "…", "date": "YYYY-MM-DD (default today)", "physical_percent": 40.5, "expected_version": 3, "reason": "…"}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/milestones/{code}/actual",
        summary: "Record (or correct; null clears) a milestone's actual date.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(r#"{"date": "YYYY-MM-DD", "expected_version": 3, "reason": "…"}"#),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/milestones/{code}/replans",
        summary: "Re-plan a milestone: a new planned date with the reason and the approving decision, kept beside the baseline and earlier re-plans (never overwriting them).",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"date": "YYYY-MM-DD", "reason": "… (required)", "decision": "123/QĐ-UBND", "expected_version": 3}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/blockers",
        summary: "Add a blocker with the responsible agency, escalation level and deadline.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"code": "VM-3", "description": "…", "category": "site_clearance|procedures|capital|materials|contractor|technical|other", "agency": "…", "escalation": "province|ministry|steering_committee|prime_minister", "raised": "YYYY-MM-DD (default today)", "deadline": "YYYY-MM-DD", "expected_version": 3}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/blockers/{code}/resolve",
        summary: "Resolve an open blocker: the date and how.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"date": "YYYY-MM-DD (default today)", "resolution": "…", "expected_version": 3}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/strategies",
        summary: "The strategy checklist: for each province of a scope and each required strategy or scheme, issued or not (decision number and date), integrated into the provincial plan.",
        access: Access::LoggedIn,
        params: &[SCOPE_GROUP, SCOPE_PROVINCE, BOUNDARIES, LIST_FORMAT],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/strategies",
        summary: "Mark a province's strategy or scheme issued (2025 province code, decision number and date, integrated or not).",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"province": "24", "kind": "ct_2021_2030_2045", "decision_number": "123/QĐ-UBND", "decision_date": "YYYY-MM-DD", "integrated": true, "note": "…", "expected_version": 1}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/investment",
        summary: "Investment attraction: projects registered, capital registered and disbursed, by priority industry, domestic or foreign, province.",
        access: Access::LoggedIn,
        params: &[
            SCOPE_GROUP,
            SCOPE_PROVINCE,
            BOUNDARIES,
            YEAR,
            BY,
            LIST_FORMAT,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/difficulties",
        summary: "Business difficulties by responsible agency (open, overdue, closed on time or late) and the overdue list, longest first.",
        access: Access::LoggedIn,
        params: &[
            SCOPE_GROUP,
            SCOPE_PROVINCE,
            BOUNDARIES,
            TODAY,
            AGENCY,
            LIST_FORMAT,
        ],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/difficulties",
        summary: "Record a difficulty raised by a business or association (2025 province code); its id is made when not given.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"raised_by": "…", "raiser_kind": "business|association", "topic": "…", "detail": "…", "province": "24", "agency": "…", "raised": "YYYY-MM-DD (default today)", "deadline": "YYYY-MM-DD", "id": "optional"}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/difficulties/{id}/close",
        summary: "Close an open difficulty: resolved or answered, the date and the resolution.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"status": "resolved|answered", "date": "YYYY-MM-DD (default today)", "resolution": "…", "expected_version": 2}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/registers/{register}/template",
        summary: "The Excel template of a register (projects, strategies, investment, difficulties).",
        access: Access::LoggedIn,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/registers/{register}/export",
        summary: "A register's current records as XLSX, in the template's layout (can be edited and imported back).",
        access: Access::LoggedIn,
        params: &[],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/registers/import",
        summary: "Import a filled-in template (the XLSX file is the body): all or nothing; 422 lists every problem with sheet, row, column and reason.",
        access: Access::OwnProvince,
        params: &[FILE, REASON],
        body: Some("The workbook (.xlsx)."),
    },
];

fn scope_json(s: &Scope) -> Value {
    json!({
        "label": s.label,
        "boundaries": s.version.as_str(),
        "members": s.members.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
    })
}

fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::BadRequest(format!("the JSON body: {e}")))
}

fn csrf(session: &Session, headers: &HeaderMap) -> Result<(), AppError> {
    check_csrf(
        session,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )
}

fn date_or(s: Option<&str>, default: Date) -> Result<Date, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => Date::parse(d).map_err(|e| AppError::BadRequest(e.to_string())),
        None => Ok(default),
    }
}

fn user(e: congthuong_projects::Error) -> AppError {
    AppError::BadRequest(e.to_string())
}

/// `GET /api/v1/projects`
pub async fn list(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(&p, None)?;
    let today = params::today(&p)?;
    let rules = params::rules(&p)?;
    let format = params::format(&p)?;
    let projects = read(&state, |r| r.project_values()).await?;
    if format != Format::Json {
        return list_sheet(&projects, &scope, today, rules).respond(format);
    }
    let items: Vec<Value> = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .map(|p| {
            let st = project_status(p, today, rules);
            json!({
                "id": p.id, "name": p.name, "level": p.level,
                "provinces_recorded": p.place.list(), "recorded_on": p.place.boundary().as_str(),
                "provinces": congthuong_projects::model::common::join_codes(&p.place.on(scope.version)),
                "sector": p.sector, "agency": p.agency, "total_investment": p.total_investment.get(),
                "status": st, "synthetic": p.synthetic,
            })
        })
        .collect();
    let synthetic = items.iter().any(|i| i["synthetic"] == true);
    Ok(Json(json!({
        "today": today, "within_days": rules.within_days, "scope": scope_json(&scope),
        "projects": items, "synthetic": synthetic,
    }))
    .into_response())
}

/// `GET /api/v1/projects/late`
pub async fn late(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(&p, None)?;
    let today = params::today(&p)?;
    let rules = params::rules(&p)?;
    let format = params::format(&p)?;
    let projects = read(&state, |r| r.project_values()).await?;
    let entries = late_list(&projects, &scope, today, rules);
    if format != Format::Json {
        return late_sheet(&entries, &scope, today).respond(format);
    }
    let synthetic = entries.iter().any(|e| e.project.synthetic);
    Ok(Json(json!({
        "today": today, "within_days": rules.within_days, "scope": scope_json(&scope),
        "entries": entries, "synthetic": synthetic,
    }))
    .into_response())
}

/// `GET /api/v1/projects/{id}`
pub async fn show(
    State(state): State<AppState>,
    _s: Session,
    Path(id): Path<String>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let today = params::today(&p)?;
    let rules = params::rules(&p)?;
    let key = id.clone();
    let (current, history, audit) = read(&state, move |r| {
        Ok((
            r.project(&key)?,
            r.project_history(&key)?,
            r.audit_entries(&format!("proj_projects/{key}@"))?,
        ))
    })
    .await?;
    let Some(v) = current else {
        return Err(AppError::NotFound(format!("no project {id:?}")));
    };
    let pr = &v.value;
    let evm: Vec<Value> = pr
        .earned_value
        .iter()
        .map(|r| json!({ "as_of": r.as_of, "measures": of_record(r) }))
        .collect();
    Ok(Json(json!({
        "today": today,
        "within_days": rules.within_days,
        "project": pr,
        "version": v.meta,
        "status": project_status(pr, today, rules),
        "timeline": timeline(pr, today, rules),
        "actions": actions(pr, today, rules),
        "earned_value": evm,
        "history": history,
        "audit": audit,
        "provinces_2025": pr.place.on(BoundaryVersion::V2025).iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        "synthetic": pr.synthetic,
    }))
    .into_response())
}

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
    let expected = params::int(&p, "expected_version", 0..=i64::from(u32::MAX))?.map(|v| v as u32);
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
        date: date_or(b.date.as_deref(), params::today(&p)?)?,
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
        raised: date_or(b.raised.as_deref(), params::today(&p)?)?,
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
    let date = date_or(b.date.as_deref(), params::today(&p)?)?;
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

/// `GET /api/v1/projects/disbursement`
pub async fn disbursement(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(&p, None)?;
    let today = params::today(&p)?;
    let (year, month) = year_month(&p, today)?;
    let average = params::number(&p, "average")?;
    let format = params::format(&p)?;
    let projects = read(&state, |r| r.project_values()).await?;
    let (r, unplaced, synthetic) = ranking(&projects, &scope, year, month, average);
    if format != Format::Json {
        return ranking_sheet(&r, &scope, year, month, synthetic).respond(format);
    }
    Ok(Json(json!({
        "year": year, "through_month": month, "scope": scope_json(&scope),
        "ranking": r, "unplaced": unplaced, "synthetic": synthetic,
    }))
    .into_response())
}

/// `GET /api/v1/strategies`
pub async fn strategies(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(&p, None)?;
    let format = params::format(&p)?;
    let (kinds, records) = read(&state, |r| Ok((r.strategy_kinds()?, r.strategies()?))).await?;
    let (g, synthetic) = grid(&kinds, &records, &scope);
    if format != Format::Json {
        let (mut sheet, codes) = grid_sheet(&g, &scope, synthetic);
        // Column names: province, name, one per kind, synthetic.
        sheet.columns = ["province".to_owned(), "name".to_owned()]
            .into_iter()
            .chain(codes)
            .chain(["synthetic".to_owned()])
            .collect();
        return sheet.respond(format);
    }
    let cells: Vec<Value> = g
        .provinces
        .iter()
        .zip(&g.cells)
        .map(|(c, row)| {
            json!({
                "province": c.to_string(),
                "cells": row.iter().zip(&g.kinds).map(|(cell, k)| json!({
                    "kind": k.code, "state": cell.state, "decision": cell.decision,
                    "records": cell.records,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({
        "scope": scope_json(&scope), "kinds": g.kinds, "rows": cells, "synthetic": synthetic,
    }))
    .into_response())
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

/// `GET /api/v1/investment`
pub async fn investment(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(&p, None)?;
    let year = params::int(&p, "year", 1990..=2200)?.map(|y| y as i32);
    let by = breakdown(&p)?;
    let format = params::format(&p)?;
    let records = read(&state, |r| r.investment()).await?;
    let (rows, synthetic) = investment_rows(&records, &scope, year, by);
    if format != Format::Json {
        return investment_sheet(&rows, &scope, year).respond(format);
    }
    Ok(Json(json!({
        "scope": scope_json(&scope), "year": year, "rows": rows, "synthetic": synthetic,
    }))
    .into_response())
}

/// `GET /api/v1/difficulties`
pub async fn difficulties(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(&p, None)?;
    let today = params::today(&p)?;
    let agency = params::text(&p, "agency").map(str::to_owned);
    let format = params::format(&p)?;
    let all = read(&state, |r| r.difficulties()).await?;
    let (by_agency, overdue, synthetic) = difficulty_views(&all, &scope, today, agency.as_deref());
    if format != Format::Json {
        return overdue_sheet(&overdue, &scope, today).respond(format);
    }
    Ok(Json(json!({
        "today": today, "scope": scope_json(&scope), "by_agency": by_agency,
        "overdue": overdue, "synthetic": synthetic,
    }))
    .into_response())
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
    let raised = date_or(b.raised.as_deref(), params::today(&p)?)?;
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
    let date = date_or(b.date.as_deref(), params::today(&p)?)?;
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
