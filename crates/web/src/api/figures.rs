//! The released figures behind every page, as JSON, CSV, XLSX or SDMX-CSV:
//! `GET /api/v1/provinces`, `/api/v1/provinces/{code}`, `/api/v1/products`,
//! `/api/v1/trade`, `/api/v1/series` and `/api/v1/reference` (GSO's
//! published national IIP, as published). Public: released figures only.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use congthuong_core::{Geography, Level, Period};
use congthuong_engine::Comparison;
use congthuong_figures::series::{SeriesQuery, series, table as series_table};
use congthuong_figures::table::{Table, num};
use congthuong_figures::{FiguresError, Named, ReleaseData};
use serde::Serialize;

use crate::download::{DF_IIP, DF_OUTPUT, DF_TRADE, Download, Format, Sdmx, respond};
use crate::error::AppError;
use crate::pages::Params;
use crate::pages::common::{boundaries_of, period_of};
use crate::state::AppState;

fn not_found(e: FiguresError) -> AppError {
    match e {
        FiguresError::EmptyRange | FiguresError::TooMany(_) => AppError::BadRequest(e.to_string()),
        e => AppError::NotFound(e.to_string()),
    }
}

/// What every table endpoint reads first: the format, the release
/// (`release=N`, else the latest), the month and the boundaries asked for.
async fn asked(
    state: &AppState,
    params: &Params,
) -> Result<
    (
        Download,
        std::sync::Arc<ReleaseData>,
        Period,
        congthuong_core::BoundaryVersion,
    ),
    AppError,
> {
    let format = Download::of(params)?;
    let data = state.release_for(params).await?;
    let p = period_of(params, &data)?;
    let version = boundaries_of(params, p)?;
    Ok((format, data, p, version))
}

/// `group=` (checked: an unknown id is a 404 naming the nearest), else `north_28`.
fn group_of(params: &Params) -> Result<String, AppError> {
    crate::codes::group_param(params, "north_28", crate::pages::lang_of(params))
}

/// One province in the list.
#[derive(Serialize)]
struct ProvinceRow {
    code: String,
    #[serde(flatten)]
    name: Named,
    yoy: Option<f64>,
    ytd: Option<f64>,
}

/// `GET /api/v1/provinces`: every province on the boundaries, with its IIP
/// growth for the month and year to date.
pub async fn provinces(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let (format, data, p, version) = asked(&state, &params).await?;
    let view = data
        .view_for(version, p)
        .filter(|v| v.range.contains(p))
        .ok_or_else(|| AppError::NotFound(format!("no released figures for {p}")))?;
    let rows: Vec<ProvinceRow> = Geography::embedded()
        .provinces(view.version)
        .iter()
        .map(|pr| ProvinceRow {
            code: pr.code.to_string(),
            name: Named::new(&pr.short_name_vi, &pr.name_ascii),
            yoy: view.growth(pr.code.as_str(), "TOTAL", p, Comparison::Yoy),
            ytd: view.growth(pr.code.as_str(), "TOTAL", p, Comparison::Ytd),
        })
        .collect();
    let table = || {
        let mut t = Table::new(&[
            "area",
            "name_vi",
            "name_en",
            "period",
            "boundaries",
            "yoy_pct",
            "ytd_yoy_pct",
        ]);
        for r in &rows {
            t.push(vec![
                r.code.clone(),
                r.name.name_vi.clone(),
                r.name.name_en.clone(),
                p.to_string(),
                view.version.to_string(),
                num(r.yoy),
                num(r.ytd),
            ]);
        }
        t
    };
    let sdmx = || {
        let mut s = Sdmx::new(DF_IIP, data.meta.synthetic);
        for r in &rows {
            s.push(&r.code, "TOTAL", "IIP_YOY_PCT", p, r.yoy, "PCT");
            s.push(&r.code, "TOTAL", "IIP_YTD_YOY_PCT", p, r.ytd, "PCT");
        }
        s
    };
    let body = serde_json::json!({
        "period": p,
        "boundaries": view.version,
        "synthetic": data.meta.synthetic,
        "provinces": rows,
    });
    respond(
        format,
        &format!("provinces_{p}"),
        &data,
        view.version,
        &body,
        table,
        Some(&sdmx),
    )
}

/// `GET /api/v1/provinces/{code}`: the province page's figures; CSV, XLSX
/// and SDMX give one of its tables (`table=nodes|products|indicators|targets`).
pub async fn province(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let (format, data, p, version) = asked(&state, &params).await?;
    crate::codes::area(&code, version, crate::pages::lang_of(&params))?;
    let f = congthuong_figures::province::province(&data, &code, p, version).map_err(not_found)?;
    let which = params
        .get("table")
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .unwrap_or("nodes");
    let table = f.table(which).ok_or_else(|| {
        AppError::BadRequest(format!(
            "unknown table {which:?}; use nodes, products, indicators or targets"
        ))
    })?;
    let sdmx = || match which {
        "products" => {
            let mut s = Sdmx::new(DF_OUTPUT, data.meta.synthetic);
            for r in &f.products {
                s.push(&f.code, &r.code, "OUTPUT", p, r.month, &r.unit_en);
                s.push(&f.code, &r.code, "OUTPUT_YTD", p, Some(r.ytd), &r.unit_en);
            }
            s
        }
        "indicators" => {
            let mut s = Sdmx::new(DF_TRADE, data.meta.synthetic);
            for r in &f.indicators {
                let ind = r.code.to_uppercase();
                s.push(&f.code, "_Z", &ind, p, Some(r.month), &r.unit);
                s.push(&f.code, "_Z", &format!("{ind}_YTD"), p, r.ytd, &r.unit);
            }
            s
        }
        _ => {
            let mut s = Sdmx::new(DF_IIP, data.meta.synthetic);
            for n in &f.nodes {
                s.push(&f.code, &n.code, "IIP_INDEX", p, n.index, "INDEX");
                s.push(&f.code, &n.code, "IIP_YOY_PCT", p, n.yoy, "PCT");
                s.push(&f.code, &n.code, "IIP_YTD_YOY_PCT", p, n.ytd, "PCT");
            }
            s
        }
    };
    let sdmx: Option<&dyn Fn() -> Sdmx> = (which != "targets").then_some(&sdmx);
    respond(
        format,
        &format!("province_{}_{which}_{p}", f.code),
        &data,
        f.boundaries,
        &f,
        || table,
        sdmx,
    )
}

/// `GET /api/v1/products`: a group's (or `VN`'s) main products' output.
pub async fn products(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let (format, data, p, version) = asked(&state, &params).await?;
    let f = congthuong_figures::products::group_products(&data, &group_of(&params)?, p, version)
        .map_err(not_found)?;
    let sdmx = || {
        let mut s = Sdmx::new(DF_OUTPUT, data.meta.synthetic);
        for r in &f.products {
            s.push(&f.group, &r.code, "OUTPUT", p, r.month, &r.unit_en);
            s.push(&f.group, &r.code, "OUTPUT_YTD", p, Some(r.ytd), &r.unit_en);
        }
        s
    };
    respond(
        format,
        &format!("products_{}_{p}", f.group),
        &data,
        f.boundaries,
        &f,
        || f.table(),
        Some(&sdmx),
    )
}

/// `GET /api/v1/trade`: retail sales and exports of a group's provinces.
pub async fn trade(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let (format, data, p, version) = asked(&state, &params).await?;
    let f = congthuong_figures::trade::group_trade(&data, &group_of(&params)?, p, version)
        .map_err(not_found)?;
    let sdmx = || {
        let mut s = Sdmx::new(DF_TRADE, data.meta.synthetic);
        for r in &f.rows {
            s.push(
                &r.code,
                "_Z",
                "RETAIL_SALES",
                p,
                r.retail_sales.month,
                "BN_VND",
            );
            s.push(
                &r.code,
                "_Z",
                "RETAIL_SALES_YTD",
                p,
                r.retail_sales.ytd,
                "BN_VND",
            );
            s.push(&r.code, "_Z", "EXPORTS", p, r.exports.month, "MN_USD");
            s.push(&r.code, "_Z", "EXPORTS_YTD", p, r.exports.ytd, "MN_USD");
        }
        s
    };
    respond(
        format,
        &format!("trade_{}_{p}", f.group),
        &data,
        f.boundaries,
        &f,
        || f.table(),
        Some(&sdmx),
    )
}

fn month_param(params: &Params, key: &str) -> Result<Option<Period>, AppError> {
    params
        .get(key)
        .filter(|v| !v.is_empty())
        .map(|v| v.parse::<Period>())
        .transpose()
        .map_err(|e| AppError::BadRequest(format!("{key}: {e}")))
}

/// `GET /api/v1/series`: index series by area, industry and month range.
pub async fn get_series(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let format = Download::of(&params)?;
    let data = state.release_for(&params).await?;
    let list = |key: &str| -> Vec<String> {
        params
            .get(key)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut areas = list("area");
    areas.extend(list("group"));
    if areas.is_empty() {
        return Err(AppError::BadRequest(
            "give area= (province codes or VN) or group= (group ids; members:<group> for its provinces)".into(),
        ));
    }
    let level = match params.get("level").map(String::as_str) {
        None | Some("") => None,
        Some("total") => Some(Level::Total),
        Some("section") => Some(Level::Section),
        Some("division") => Some(Level::Division),
        Some("class") => Some(Level::Class),
        Some("product") => Some(Level::Product),
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "unknown level {other:?}; use total, section, division, class or product"
            )));
        }
    };
    let (from, to) = (month_param(&params, "from")?, month_param(&params, "to")?);
    let boundaries = match params.get("boundaries").map(String::as_str) {
        None | Some("") => congthuong_core::BoundaryVersion::V2025,
        Some(b) => b
            .parse()
            .map_err(|e: congthuong_core::Error| AppError::BadRequest(e.to_string()))?,
    };
    let lang = crate::pages::lang_of(&params);
    for g in list("group") {
        crate::codes::group(g.strip_prefix("members:").unwrap_or(&g), lang)?;
    }
    for a in list("area") {
        match a.strip_prefix("members:") {
            Some(g) => {
                crate::codes::group(g, lang)?;
            }
            None if a == "VN" || Geography::embedded().group(&a).is_ok() => {}
            None => {
                crate::codes::area(&a, boundaries, lang)?;
            }
        }
    }
    let q = SeriesQuery {
        areas,
        codes: list("code"),
        level,
        from,
        to,
        boundaries,
    };
    let rows = series(&data, &q).map_err(not_found)?;
    let sdmx = || {
        let mut s = Sdmx::new(DF_IIP, data.meta.synthetic);
        for r in &rows {
            s.push(
                &r.area,
                &r.code,
                "IIP_INDEX",
                r.period,
                Some(r.index),
                "INDEX",
            );
            s.push(&r.area, &r.code, "IIP_MOM_PCT", r.period, r.mom, "PCT");
            s.push(&r.area, &r.code, "IIP_YOY_PCT", r.period, r.yoy, "PCT");
            s.push(&r.area, &r.code, "IIP_YTD_YOY_PCT", r.period, r.ytd, "PCT");
        }
        s
    };
    let body = serde_json::json!({
        "boundaries": boundaries,
        "synthetic": data.meta.synthetic,
        "rows": rows,
    });
    // The file names what it holds when that is short: series_24_TOTAL_….
    let mut name = String::from("series");
    for part in [&q.areas, &q.codes] {
        if !part.is_empty() && part.len() <= 3 {
            name.push('_');
            name.extend(part.join("-").chars().map(|c| {
                if c.is_ascii_alphanumeric() || "-_".contains(c) {
                    c
                } else {
                    '-'
                }
            }));
        }
    }
    name.truncate(120);
    respond(
        format,
        &name,
        &data,
        boundaries,
        &body,
        || series_table(&rows),
        Some(&sdmx),
    )
}

/// `GET /api/v1/reference`: GSO's published national IIP growth, as
/// published (revised figures where GSO gave them), with its source.
pub async fn reference(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let format = Download::of(&params)?;
    let data = state.release_for(&params).await?;
    let (from, to) = (month_param(&params, "from")?, month_param(&params, "to")?);
    let rows: Vec<_> = data
        .reference
        .iter()
        .filter(|(p, _)| from.is_none_or(|f| **p >= f) && to.is_none_or(|t| **p <= t))
        .map(|(p, r)| serde_json::json!({ "period": p, "yoy": r.yoy_pct, "ytd": r.ytd_pct, "source": r.source }))
        .collect();
    if format.format == Format::Json {
        return Ok(
            Json(serde_json::json!({ "published_by": "GSO", "rows": rows })).into_response(),
        );
    }
    let table = || {
        let mut t = Table::new(&["area", "period", "yoy_pct", "ytd_yoy_pct", "source"]);
        for (p, r) in &data.reference {
            if from.is_none_or(|f| *p >= f) && to.is_none_or(|t| *p <= t) {
                t.push(vec![
                    "VN".into(),
                    p.to_string(),
                    num(r.yoy_pct),
                    num(r.ytd_pct),
                    r.source.clone(),
                ]);
            }
        }
        t
    };
    // GSO's national series is the same on both boundary versions.
    respond(
        format,
        "gso_national_iip",
        &data,
        congthuong_core::BoundaryVersion::V2025,
        &rows,
        table,
        None,
    )
}
