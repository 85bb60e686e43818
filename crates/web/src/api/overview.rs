//! `GET /api/v1/overview`: the overview of a group for a month, as JSON,
//! CSV or SDMX-CSV (`format=json|csv|sdmx`).

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};

use crate::download::{Observation, Table, csv_response, sdmx_response};
use crate::error::AppError;
use crate::pages::Params;
use crate::pages::overview::query_of;
use crate::state::AppState;
use congthuong_figures::overview::overview;

fn cell(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The handler.
pub async fn get(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let data = state
        .release()
        .ok_or_else(|| AppError::Unavailable("nothing has been released yet".into()))?;
    let q = query_of(&params, &data)?;
    let o = overview(&data, &q).map_err(|e| AppError::NotFound(e.to_string()))?;
    let name = format!("overview_{}_{}", o.query.group, o.query.period);
    match params.get("format").map_or("json", String::as_str) {
        "json" => Ok(Json(o).into_response()),
        "csv" => {
            let columns = [
                "area",
                "name_vi",
                "name_en",
                "period",
                "boundaries",
                "yoy_pct",
                "ytd_yoy_pct",
                "contribution_ytd_pp",
                "above_national",
                "above_threshold",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
            let rows = o
                .members
                .iter()
                .map(|m| {
                    vec![
                        m.code.clone(),
                        m.name_vi.clone(),
                        m.name_en.clone(),
                        o.query.period.to_string(),
                        o.query.boundaries.to_string(),
                        cell(m.yoy),
                        cell(m.ytd),
                        cell(m.contribution_ytd),
                        m.above_national.to_string(),
                        m.above_threshold.to_string(),
                    ]
                })
                .collect();
            Ok(csv_response(
                &format!("{name}.csv"),
                &Table { columns, rows },
            ))
        }
        "sdmx" => {
            let status = if data.meta.synthetic { "E" } else { "A" };
            let mut obs = Vec::new();
            let mut push = |area: &str, indicator: &str, v: Option<f64>| {
                if let Some(value) = v {
                    obs.push(Observation {
                        ref_area: area.to_owned(),
                        activity: "TOTAL".into(),
                        indicator: indicator.into(),
                        time_period: o.query.period.to_string(),
                        value,
                        unit: "PCT".into(),
                        status: status.into(),
                    });
                }
            };
            push(&o.query.group, "IIP_YOY_PCT", o.group_yoy);
            push(&o.query.group, "IIP_YTD_YOY_PCT", o.group_ytd);
            for m in &o.members {
                push(&m.code, "IIP_YOY_PCT", m.yoy);
                push(&m.code, "IIP_YTD_YOY_PCT", m.ytd);
            }
            Ok(sdmx_response(&format!("{name}.sdmx.csv"), &obs))
        }
        other => Err(AppError::BadRequest(format!(
            "unknown format {other:?}; use json, csv or sdmx"
        ))),
    }
}
