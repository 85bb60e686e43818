//! `GET /api/v1/overview`: the overview of a group for a month, as JSON,
//! CSV, XLSX or SDMX-CSV (`format=`).

use axum::extract::{Query, State};
use axum::response::Response;
use congthuong_figures::overview::overview;

use crate::download::{DF_IIP, Download, Sdmx, respond};
use crate::error::AppError;
use crate::pages::Params;
use crate::pages::overview::query_of;
use crate::state::AppState;

/// The handler.
pub async fn get(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let format = Download::of(&params)?;
    let data = state.release_for(&params).await?;
    let q = query_of(&params, &data)?;
    let o = overview(&data, &q).map_err(|e| AppError::NotFound(e.to_string()))?;
    let name = format!("overview_{}_{}", o.query.group, o.query.period);
    let sdmx = || {
        let mut s = Sdmx::new(DF_IIP, data.meta.synthetic);
        let p = o.query.period;
        s.push(
            &o.query.group,
            "TOTAL",
            "IIP_YOY_PCT",
            p,
            o.group_yoy,
            "PCT",
        );
        s.push(
            &o.query.group,
            "TOTAL",
            "IIP_YTD_YOY_PCT",
            p,
            o.group_ytd,
            "PCT",
        );
        for m in &o.members {
            s.push(&m.code, "TOTAL", "IIP_YOY_PCT", p, m.yoy, "PCT");
            s.push(&m.code, "TOTAL", "IIP_YTD_YOY_PCT", p, m.ytd, "PCT");
        }
        s
    };
    respond(
        format,
        &name,
        &data,
        o.query.boundaries,
        &o,
        || o.table(),
        Some(&sdmx),
    )
}
