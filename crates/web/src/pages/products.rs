//! `GET /san-pham`: the main industrial products' output for a group (and
//! the country) and its growth, and `GET /thuong-mai`: retail sales and
//! exports by province.

use axum::extract::{Query, State};
use axum::response::Html;
use congthuong_core::display::{number, signed_percent, year_to_date};
use congthuong_core::{Geography, Product};
use serde::Serialize;

use super::common::{boundaries_of, growth_of, period_of};
use super::{Layout, Params, href, lang_of, page};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

#[derive(Serialize)]
struct ProductRow {
    code: String,
    name: String,
    unit: String,
    month: String,
    month_yoy: String,
    ytd: String,
    ytd_yoy: String,
    national_ytd: String,
    share: String,
}

#[derive(Serialize)]
struct ProductsPage {
    heading: String,
    group_name: String,
    groups: Vec<(String, String, bool)>,
    period: String,
    rows: Vec<ProductRow>,
}

/// `GET /san-pham`
pub async fn products(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(
        &state,
        lang,
        "/san-pham",
        &params,
        t(lang, "products_title"),
    )
    .session(session.as_ref());
    let data = state
        .release()
        .ok_or_else(|| AppError::Unavailable(t(lang, "no_release").into()))?;
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| AppError::NotFound(format!("no figures for {p}")))?;
    let geo = Geography::embedded();
    let group = geo
        .group(params.get("group").map_or("north_28", String::as_str))
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    let g = group.id();
    let pct = |v| signed_percent(v, 1, lang);
    let rows = Product::basket()
        .iter()
        .filter_map(|pr| {
            let (ytd, last) = view.output_ytd(g, &pr.code, p)?;
            let national = view.output_ytd("VN", &pr.code, p).map(|x| x.0);
            (ytd > 0.0).then(|| ProductRow {
                code: pr.code.clone(),
                name: lang.pick(&pr.name_vi, &pr.name_en).to_owned(),
                unit: lang.pick(&pr.unit_vi, &pr.unit_en).to_owned(),
                month: number(view.output(g, &pr.code, p), 0, lang),
                month_yoy: pct(growth_of(
                    view.output(g, &pr.code, p),
                    view.output(g, &pr.code, p.same_month_last_year()),
                )),
                ytd: number(Some(ytd), 0, lang),
                ytd_yoy: pct(growth_of(Some(ytd), last)),
                national_ytd: number(national, 0, lang),
                share: national
                    .filter(|n| *n > 0.0)
                    .map(|n| format!("{} %", number(Some(100.0 * ytd / n), 1, lang)))
                    .unwrap_or_default(),
            })
        })
        .collect();
    let groups = geo
        .groups()
        .iter()
        .map(|gr| {
            (
                href(
                    "/san-pham",
                    lang,
                    &[("group", gr.id().to_owned()), ("period", p.to_string())],
                ),
                lang.pick(gr.name_vi(), gr.name_en()).to_owned(),
                gr.id() == g,
            )
        })
        .collect();
    page(
        &state,
        layout,
        "products.html",
        ProductsPage {
            heading: format!("{} — {}", t(lang, "products_title"), year_to_date(p, lang)),
            group_name: lang.pick(group.name_vi(), group.name_en()).to_owned(),
            groups,
            period: p.to_string(),
            rows,
        },
    )
}

#[derive(Serialize)]
struct TradeRow {
    name: String,
    href: String,
    retail_month: String,
    retail_ytd: String,
    retail_growth: String,
    exports_month: String,
    exports_ytd: String,
    exports_growth: String,
}

#[derive(Serialize)]
struct TradePage {
    heading: String,
    rows: Vec<TradeRow>,
    note: String,
}

/// `GET /thuong-mai`
pub async fn trade(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/thuong-mai", &params, t(lang, "trade_title"))
        .session(session.as_ref());
    let data = state
        .release()
        .ok_or_else(|| AppError::Unavailable(t(lang, "no_release").into()))?;
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let version = if version.can_state(p) {
        version
    } else {
        congthuong_core::BoundaryVersion::V2025
    };
    let geo = Geography::embedded();
    let group = geo
        .group(params.get("group").map_or("north_28", String::as_str))
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    let pct = |v| signed_percent(v, 1, lang);
    let rows = group
        .members(version, geo)
        .iter()
        .filter_map(|c| geo.province(*c, version))
        .map(|pr| {
            let a = pr.code.as_str();
            let r = data.indicator_at(version, a, "retail_sales", p);
            let x = data.indicator_at(version, a, "exports", p);
            TradeRow {
                name: lang.pick(&pr.short_name_vi, &pr.name_ascii).to_owned(),
                href: href(
                    &format!("/tinh/{a}"),
                    lang,
                    &[
                        ("period", p.to_string()),
                        ("boundaries", version.to_string()),
                    ],
                ),
                retail_month: number(r.map(|v| v.0), 1, lang),
                retail_ytd: number(r.and_then(|v| v.1), 1, lang),
                retail_growth: pct(r.and_then(|v| growth_of(v.1, v.2))),
                exports_month: number(x.map(|v| v.0), 1, lang),
                exports_ytd: number(x.and_then(|v| v.1), 1, lang),
                exports_growth: pct(x.and_then(|v| growth_of(v.1, v.2))),
            }
        })
        .collect();
    let note = lang
        .pick(
            "Bán lẻ: tỷ đồng; xuất khẩu: triệu USD.",
            "Retail sales: billion VND; exports: million USD.",
        )
        .to_owned();
    page(
        &state,
        layout,
        "trade.html",
        TradePage {
            heading: format!(
                "{} — {} — {}",
                t(lang, "trade_title"),
                lang.pick(group.name_vi(), group.name_en()),
                year_to_date(p, lang)
            ),
            rows,
            note,
        },
    )
}
