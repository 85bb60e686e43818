//! `GET /tinh` (every province) and `GET /tinh/{code}` (one province):
//! index and growth over the years, sections and divisions, main products,
//! trade indicators and plan targets against the figures.

use axum::extract::{Path, Query, State};
use axum::response::Html;
use congthuong_core::display::{month, number, signed_percent, year_to_date};
use congthuong_core::{BoundaryVersion, Geography, Lang};
use congthuong_engine::Comparison;
use congthuong_figures::targets::TargetOn;
use serde::Serialize;

use super::common::{Filters, boundaries_of, downloads, filters, period_of, pin, showing};
use super::{Layout, Params, href, lang_of, page};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

#[derive(Serialize)]
struct Cell {
    label: String,
    href: String,
    ytd: String,
}

#[derive(Serialize)]
struct ListPage {
    heading: String,
    filters: Filters,
    provinces: Vec<Cell>,
}

/// `GET /tinh`
pub async fn list(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let data = state.release_for(&params).await?;
    let layout = showing(
        Layout::new(&state, lang, "/tinh", &params, t(lang, "provinces_title"))
            .session(session.as_ref()),
        &state,
        &data,
        "/tinh",
        &params,
    );
    let pinned = pin(&params);
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| super::common::no_figures(p, lang))?;
    let geo = Geography::embedded();
    let provinces = geo
        .provinces(view.version)
        .iter()
        .map(|pr| Cell {
            label: lang.pick(&pr.short_name_vi, &pr.name_ascii).to_owned(),
            href: href(
                &format!("/tinh/{}", pr.code),
                lang,
                &[
                    ("period", p.to_string()),
                    ("boundaries", view.version.to_string()),
                    ("release", pinned.clone()),
                ],
            ),
            ytd: signed_percent(
                view.growth(pr.code.as_str(), "TOTAL", p, Comparison::Ytd),
                1,
                lang,
            ),
        })
        .collect();
    page(
        &state,
        layout,
        "provinces.html",
        ListPage {
            heading: format!("{} — {}", t(lang, "provinces_title"), year_to_date(p, lang)),
            filters: filters(&data, lang, "/tinh", None, p, view.version, &params),
            provinces,
        },
    )
}

#[derive(Serialize)]
struct NodeRow {
    code: String,
    name: String,
    indent: bool,
    index: String,
    yoy: String,
    ytd: String,
    contribution: String,
}

#[derive(Serialize)]
struct ProductRow {
    name: String,
    unit: String,
    month: String,
    ytd: String,
    growth_ytd: String,
}

#[derive(Serialize)]
struct IndicatorRow {
    name: String,
    unit: String,
    month: String,
    ytd: String,
    growth_ytd: String,
    status: String,
}

#[derive(Serialize)]
struct TargetRow {
    year: i32,
    indicator: String,
    target: String,
    /// Where the target comes from when it is not the unit's own, or why
    /// there is none comparable.
    basis: String,
    actual: String,
    attained: String,
}

#[derive(Serialize)]
struct ProvincePage {
    heading: String,
    tiles: Vec<(String, String)>,
    index_chart: super::charts::ChartView,
    growth_chart: super::charts::ChartView,
    nodes: Vec<NodeRow>,
    products: Vec<ProductRow>,
    indicators: Vec<IndicatorRow>,
    targets: Vec<TargetRow>,
    back: String,
    filters: Filters,
    /// Download links by table.
    downloads: std::collections::BTreeMap<String, Vec<(String, String)>>,
}

fn unit_label(unit: &str, lang: Lang) -> String {
    match unit {
        "billion_vnd" => lang.pick("tỷ đồng", "billion VND").into(),
        "million_usd" => lang.pick("triệu USD", "million USD").into(),
        other => other.into(),
    }
}

/// A target's indicator in words.
fn indicator_label(code: &str, lang: Lang) -> String {
    match code {
        "iip_growth" => lang.pick("Tăng trưởng IIP (%)", "IIP growth (%)").into(),
        "retail_sales" => t(lang, "retail_sales").into(),
        "exports" => t(lang, "exports").into(),
        other => other.into(),
    }
}

/// Where a target read on other boundaries comes from, in words (empty for
/// the unit's own target).
fn target_basis(on: &TargetOn, lang: Lang) -> String {
    let geo = Geography::embedded();
    let name = |code: &str, version: BoundaryVersion| {
        geo.area(code, version).map_or_else(
            |_| code.to_owned(),
            |p| lang.pick(&p.short_name_vi, &p.name_ascii).to_owned(),
        )
    };
    match on {
        TargetOn::Set { .. } => String::new(),
        TargetOn::SameTerritory {
            set_for, set_on, ..
        } => match lang {
            Lang::Vi => format!("chỉ tiêu của {} (cùng địa bàn)", name(set_for, *set_on)),
            Lang::En => format!("the target of {} (same territory)", name(set_for, *set_on)),
        },
        TargetOn::SumOfParts { parts, .. } => {
            let names: Vec<String> = parts
                .iter()
                .map(|c| name(c, BoundaryVersion::Pre2025))
                .collect();
            match lang {
                Lang::Vi => format!("tổng chỉ tiêu của {} (trước sáp nhập)", names.join(" + ")),
                Lang::En => format!(
                    "sum of the targets of {} (before the merger)",
                    names.join(" + ")
                ),
            }
        }
        TargetOn::NotComparable { .. } => t(lang, "target_not_comparable").to_owned(),
    }
}

/// `GET /tinh/{code}`
pub async fn get(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Path(code): Path<String>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let data = state.release_for(&params).await?;
    let pinned = pin(&params);
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| super::common::no_figures(p, lang))?;
    let geo = Geography::embedded();
    let province = geo
        .area(&code, view.version)
        .map_err(|_| crate::codes::unknown_area(&code, view.version, lang))?;
    let a = province.code.as_str();
    let name = lang
        .pick(&province.short_name_vi, &province.name_ascii)
        .to_owned();
    let path = format!("/tinh/{a}");
    let layout = showing(
        Layout::new(&state, lang, "/tinh", &params, &name).session(session.as_ref()),
        &state,
        &data,
        &path,
        &params,
    );
    let pct = |v| signed_percent(v, 1, lang);
    let tiles = vec![
        (
            t(lang, "iip_ytd_yoy").to_owned(),
            pct(view.growth(a, "TOTAL", p, Comparison::Ytd)),
        ),
        (
            t(lang, "iip_month_yoy").to_owned(),
            pct(view.growth(a, "TOTAL", p, Comparison::Yoy)),
        ),
        (
            format!("{} ({})", t(lang, "national_compiled"), t(lang, "ytd_yoy")),
            pct(view.growth("VN", "TOTAL", p, Comparison::Ytd)),
        ),
    ];
    // The charts, their tables and downloads (pages::charts).
    let keep = super::charts::kept(
        &params,
        &[
            ("period", p.to_string()),
            ("boundaries", view.version.to_string()),
        ],
    );
    let [index_chart, growth_chart] =
        super::charts::province_charts(&data, view, province.code, lang, &keep);
    let f = congthuong_figures::province::province(&data, a, p, view.version)
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    let nodes = f
        .nodes
        .iter()
        .map(|n| NodeRow {
            code: n.code.clone(),
            name: n.name.pick(lang).to_owned(),
            indent: n.level == "division",
            index: number(n.index, 1, lang),
            yoy: pct(n.yoy),
            ytd: pct(n.ytd),
            contribution: n
                .contribution_ytd
                .map(|v| number(Some(v), 2, lang))
                .unwrap_or_default(),
        })
        .collect();
    let products = f
        .products
        .iter()
        .map(|r| ProductRow {
            name: r.name.pick(lang).to_owned(),
            unit: lang.pick(&r.unit_vi, &r.unit_en).to_owned(),
            month: number(r.month, 0, lang),
            ytd: number(Some(r.ytd), 0, lang),
            growth_ytd: pct(r.ytd_yoy),
        })
        .collect();
    let indicators = f
        .indicators
        .iter()
        .map(|r| IndicatorRow {
            name: t(lang, &r.code).to_owned(),
            unit: unit_label(&r.unit, lang),
            month: number(Some(r.month), 1, lang),
            ytd: number(r.ytd, 1, lang),
            growth_ytd: pct(r.ytd_yoy),
            // A status the texts do not know is shown as its code.
            status: match t(lang, &format!("status_{}", r.status)) {
                "?" => r.status.clone(),
                known => known.to_owned(),
            },
        })
        .collect();
    let targets = f
        .targets
        .iter()
        .map(|tg| {
            let (actual, attained) = match (tg.indicator.as_str(), tg.actual) {
                (_, None) => ("–".to_owned(), String::new()),
                ("iip_growth", Some(g)) => (
                    pct(Some(g)),
                    tg.met
                        .map(|m| if m { "✓" } else { "✗" }.to_owned())
                        .unwrap_or_default(),
                ),
                (_, Some(v)) => (
                    number(Some(v), 1, lang),
                    tg.attained_pct
                        .map(|x| format!("{} %", number(Some(x), 1, lang)))
                        .unwrap_or_default(),
                ),
            };
            TargetRow {
                year: tg.year,
                indicator: indicator_label(&tg.indicator, lang),
                target: tg
                    .target
                    .map_or_else(|| "–".to_owned(), |v| number(Some(v), 1, lang)),
                basis: target_basis(&tg.on, lang),
                actual,
                attained,
            }
        })
        .collect();
    let api = format!("/api/v1/provinces/{a}");
    let downloads = ["nodes", "products", "indicators", "targets"]
        .iter()
        .map(|table| {
            let params = [
                ("period", p.to_string()),
                ("boundaries", view.version.to_string()),
                ("table", (*table).to_owned()),
                ("release", data.meta.id.to_string()),
            ];
            (
                (*table).to_owned(),
                downloads(&api, &params, *table != "targets"),
            )
        })
        .collect();
    let heading = format!("{name} — {}", month(p, lang));
    let back = href(
        "/",
        lang,
        &[
            ("period", p.to_string()),
            ("boundaries", view.version.to_string()),
            ("release", pinned.clone()),
        ],
    );
    let filters = filters(&data, lang, &path, None, p, view.version, &params);
    page(
        &state,
        layout,
        "province.html",
        ProvincePage {
            heading,
            tiles,
            index_chart,
            growth_chart,
            nodes,
            products,
            indicators,
            targets,
            back,
            filters,
            downloads,
        },
    )
}
