//! The registers' API reads: lists (JSON, or `format=csv|xlsx`) and a
//! project with its status, timeline, history and audit entries.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use congthuong_core::{BoundaryVersion, Lang};
use congthuong_projects::evm::of_record;
use congthuong_projects::queries::{Scope, late_list, timeline};
use congthuong_projects::status::{actions, project_status};
use serde_json::{Value, json};

use super::difficulties::{difficulty_views, overdue_sheet};
use super::disbursement::{ranking, ranking_sheet, year_month};
use super::investment::{breakdown, investment_rows, investment_sheet};
use super::late::{late_sheet, list_sheet};
use super::params::{self, Format};
use super::registers::read;
use super::strategies::{grid, grid_sheet};
use crate::auth::Session;
use crate::error::AppError;
use crate::pages::Params;
use crate::state::AppState;

fn scope_json(s: &Scope) -> Value {
    json!({
        "label": s.label,
        "boundaries": s.version.as_str(),
        "members": s.members.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
    })
}

/// `GET /api/v1/projects`
pub async fn list(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(Lang::En, &p, None)?;
    let today = params::today(Lang::En, &p)?;
    let rules = params::rules(Lang::En, &p)?;
    let format = params::format(Lang::En, &p)?;
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
    let scope = params::scope(Lang::En, &p, None)?;
    let today = params::today(Lang::En, &p)?;
    let rules = params::rules(Lang::En, &p)?;
    let format = params::format(Lang::En, &p)?;
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
    let today = params::today(Lang::En, &p)?;
    let rules = params::rules(Lang::En, &p)?;
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

/// `GET /api/v1/projects/disbursement`
pub async fn disbursement(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(Lang::En, &p, None)?;
    let today = params::today(Lang::En, &p)?;
    let (year, month) = year_month(&p, today)?;
    let average = params::number(Lang::En, &p, "average")?;
    let format = params::format(Lang::En, &p)?;
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
    let scope = params::scope(Lang::En, &p, None)?;
    let format = params::format(Lang::En, &p)?;
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

/// `GET /api/v1/investment`
pub async fn investment(
    State(state): State<AppState>,
    _s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let scope = params::scope(Lang::En, &p, None)?;
    let year = params::int(Lang::En, &p, "year", 1990..=2200)?.map(|y| y as i32);
    let by = breakdown(&p)?;
    let format = params::format(Lang::En, &p)?;
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
    let scope = params::scope(Lang::En, &p, None)?;
    let today = params::today(Lang::En, &p)?;
    let agency = params::text(&p, "agency").map(str::to_owned);
    let format = params::format(Lang::En, &p)?;
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
