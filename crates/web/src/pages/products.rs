//! `GET /san-pham`: the main industrial products' output for a group (and
//! the country) and its growth, and `GET /thuong-mai`: retail sales and
//! exports by province.

use axum::extract::{Query, State};
use axum::response::Html;
use congthuong_core::display::{number, signed_percent, year_to_date};
use serde::Serialize;

use super::common::{Filters, boundaries_of, downloads, filters, period_of, pin, showing};
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
    filters: Filters,
    period: String,
    rows: Vec<ProductRow>,
    downloads: Vec<(String, String)>,
}

/// `GET /san-pham`
pub async fn products(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let data = state.release_for(&params).await?;
    let layout = showing(
        Layout::new(
            &state,
            lang,
            "/san-pham",
            &params,
            t(lang, "products_title"),
        )
        .session(session.as_ref()),
        &state,
        &data,
        "/san-pham",
        &params,
    );
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| super::common::no_figures(p, lang))?;
    let group = crate::codes::group(params.get("group").map_or("north_28", String::as_str), lang)?;
    let g = group.id();
    let pct = |v| signed_percent(v, 1, lang);
    let f = congthuong_figures::products::group_products(&data, g, p, view.version)
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    let rows = f
        .products
        .iter()
        .map(|r| ProductRow {
            code: r.code.clone(),
            name: r.name.pick(lang).to_owned(),
            unit: lang.pick(&r.unit_vi, &r.unit_en).to_owned(),
            month: number(r.month, 0, lang),
            month_yoy: pct(r.month_yoy),
            ytd: number(Some(r.ytd), 0, lang),
            ytd_yoy: pct(r.ytd_yoy),
            national_ytd: number(r.national_ytd, 0, lang),
            share: r
                .share_pct
                .map(|x| format!("{} %", number(Some(x), 1, lang)))
                .unwrap_or_default(),
        })
        .collect();
    let downloads = downloads(
        "/api/v1/products",
        &[
            ("group", g.to_owned()),
            ("period", p.to_string()),
            ("boundaries", f.boundaries.to_string()),
            ("release", data.meta.id.to_string()),
        ],
        true,
    );
    page(
        &state,
        layout,
        "products.html",
        ProductsPage {
            heading: format!(
                "{} — {} — {}",
                t(lang, "products_title"),
                lang.pick(group.name_vi(), group.name_en()),
                year_to_date(p, lang)
            ),
            group_name: lang.pick(group.name_vi(), group.name_en()).to_owned(),
            filters: filters(&data, lang, "/san-pham", Some(g), p, f.boundaries, &params),
            period: p.to_string(),
            rows,
            downloads,
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
    filters: Filters,
    rows: Vec<TradeRow>,
    /// The group's and the nation's totals.
    totals: Vec<TradeRow>,
    note: String,
    downloads: Vec<(String, String)>,
}

/// `GET /thuong-mai`
pub async fn trade(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let data = state.release_for(&params).await?;
    let layout = showing(
        Layout::new(&state, lang, "/thuong-mai", &params, t(lang, "trade_title"))
            .session(session.as_ref()),
        &state,
        &data,
        "/thuong-mai",
        &params,
    );
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let group = crate::codes::group(params.get("group").map_or("north_28", String::as_str), lang)?;
    let f = congthuong_figures::trade::group_trade(&data, group.id(), p, version)
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    let pct = |v| signed_percent(v, 1, lang);
    let pinned = pin(&params);
    let row = |r: &congthuong_figures::trade::TradeRow, href: String| TradeRow {
        name: r.name.pick(lang).to_owned(),
        href,
        retail_month: number(r.retail_sales.month, 1, lang),
        retail_ytd: number(r.retail_sales.ytd, 1, lang),
        retail_growth: pct(r.retail_sales.ytd_yoy),
        exports_month: number(r.exports.month, 1, lang),
        exports_ytd: number(r.exports.ytd, 1, lang),
        exports_growth: pct(r.exports.ytd_yoy),
    };
    let rows = f
        .rows
        .iter()
        .map(|r| {
            row(
                r,
                href(
                    &format!("/tinh/{}", r.code),
                    lang,
                    &[
                        ("period", p.to_string()),
                        ("boundaries", f.boundaries.to_string()),
                        ("release", pinned.clone()),
                    ],
                ),
            )
        })
        .collect();
    let totals = [&f.group_total, &f.national]
        .into_iter()
        .map(|r| row(r, String::new()))
        .collect();
    let downloads = downloads(
        "/api/v1/trade",
        &[
            ("group", f.group.clone()),
            ("period", p.to_string()),
            ("boundaries", f.boundaries.to_string()),
            ("release", data.meta.id.to_string()),
        ],
        true,
    );
    let note = lang
        .pick(
            "Bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng: tỷ đồng; kim ngạch xuất khẩu: triệu USD. Dòng tổng là tổng các tỉnh (chỉ khi tỉnh nào cũng có số liệu).",
            "Retail sales of goods and consumer services: billion VND; export turnover: million USD. A total is the sum of the provinces (only when every province has the figure).",
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
            filters: filters(
                &data,
                lang,
                "/thuong-mai",
                Some(group.id()),
                p,
                f.boundaries,
                &params,
            ),
            rows,
            totals,
            note,
            downloads,
        },
    )
}
