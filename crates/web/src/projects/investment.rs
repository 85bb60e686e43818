//! `GET /du-an/dau-tu`: investment attraction by priority industry,
//! domestic and foreign, and by province; the rows the API's JSON and
//! downloads use too.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::late::{downloads, layout, login_first};
use super::params::{self, DEFAULT_GROUP};
use super::registers::read;
use super::tables::Sheet;
use super::view::{self, Filters, Link};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, lang_of, page as render};
use crate::state::AppState;
use congthuong_projects::queries::{Breakdown, InvestmentRow, Scope, investment_summary};
use congthuong_projects::{InvestmentRecord, Origin, PriorityIndustry, Vocabulary};

/// The investment rows of a scope (and year) by the breakdown asked for
/// (`by=industry,origin` by default), and whether any is synthetic.
pub fn investment_rows(
    records: &[InvestmentRecord],
    scope: &Scope,
    year: Option<i32>,
    by: Breakdown,
) -> (Vec<InvestmentRow>, bool) {
    let rows = investment_summary(records, scope, year, by);
    let synthetic = rows.iter().any(|r| r.synthetic);
    (rows, synthetic)
}

/// Parses `by=province,industry,origin`.
pub fn breakdown(p: &Params) -> Result<Breakdown, AppError> {
    let mut b = Breakdown::default();
    let by = params::text(p, "by").unwrap_or("industry,origin");
    for part in by.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match part {
            "province" => b.province = true,
            "industry" => b.industry = true,
            "origin" => b.origin = true,
            other => {
                return Err(AppError::BadRequest(format!(
                    "by {other:?}: expected province, industry or origin"
                )));
            }
        }
    }
    Ok(b)
}

/// The investment rows as a download.
pub fn investment_sheet(rows: &[InvestmentRow], scope: &Scope, year: Option<i32>) -> Sheet {
    Sheet {
        name: format!(
            "investment_{}_{}_{}",
            scope.label,
            scope.version,
            year.map_or("all-years".to_owned(), |y| y.to_string())
        ),
        columns: super::tables::columns(&[
            "province",
            "industry",
            "industry_vi",
            "origin",
            "projects",
            "registered_bn_vnd",
            "disbursed_bn_vnd",
            "disbursed_percent",
            "synthetic",
        ]),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.province
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "all".into())
                        .into(),
                    r.industry.map(|i| i.code()).unwrap_or("all").into(),
                    r.industry.map(|i| i.vi()).unwrap_or("").into(),
                    r.origin.map(|o| o.code()).unwrap_or("all").into(),
                    (r.projects as f64).into(),
                    r.registered.into(),
                    r.disbursed.into(),
                    r.disbursed_share.into(),
                    r.synthetic.into(),
                ]
            })
            .collect(),
        synthetic: rows.iter().any(|r| r.synthetic),
    }
}

#[derive(Serialize)]
struct IndustryRow {
    name: String,
    code: String,
    domestic: [String; 3],
    foreign: [String; 3],
    total: [String; 3],
    share: String,
    bar: String,
}

#[derive(Serialize)]
struct ProvinceInvestment {
    name: String,
    projects: u64,
    registered: String,
    disbursed: String,
    share: String,
}

#[derive(Serialize)]
struct InvestmentPage {
    tabs: Vec<Link>,
    filters: Filters,
    scope_name: String,
    year_label: String,
    industries: Vec<IndustryRow>,
    provinces: Vec<ProvinceInvestment>,
    downloads: Vec<Link>,
}

/// `GET /du-an/dau-tu`
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let Some(session) = session else {
        return Ok(login_first("/du-an/dau-tu", lang, &p));
    };
    let scope = params::scope(crate::pages::lang_of(&p), &p, Some(DEFAULT_GROUP))?;
    let today = params::today(crate::pages::lang_of(&p), &p)?;
    let records = read(&state, |r| r.investment()).await?;
    let latest = records.iter().map(|r| r.year).max();
    let year = match params::int(crate::pages::lang_of(&p), &p, "year", 1990..=2200)? {
        Some(y) => Some(y as i32),
        None => latest,
    };
    let both = Breakdown {
        province: false,
        industry: true,
        origin: true,
    };
    let (rows, syn1) = investment_rows(&records, &scope, year, both);
    let (by_industry, _) = investment_rows(
        &records,
        &scope,
        year,
        Breakdown {
            industry: true,
            ..Breakdown::default()
        },
    );
    let (by_province, _) = investment_rows(
        &records,
        &scope,
        year,
        Breakdown {
            province: true,
            ..Breakdown::default()
        },
    );
    let max_reg = by_industry.iter().map(|r| r.registered).fold(0.0, f64::max);
    let triple = |r: Option<&InvestmentRow>| -> [String; 3] {
        match r {
            Some(r) => [
                r.projects.to_string(),
                view::bn(r.registered, lang),
                view::bn(r.disbursed, lang),
            ],
            None => ["0".into(), "–".into(), "–".into()],
        }
    };
    let industries = PriorityIndustry::ALL
        .iter()
        .filter_map(|ind| {
            let total = by_industry.iter().find(|r| r.industry == Some(*ind))?;
            let find = |o: Origin| {
                rows.iter()
                    .find(|r| r.industry == Some(*ind) && r.origin == Some(o))
            };
            let w = if max_reg > 0.0 { total.registered / max_reg * 240.0 } else { 0.0 };
            Some(IndustryRow {
                name: view::vocab(*ind, lang),
                code: ind.code().to_owned(),
                domestic: triple(find(Origin::Domestic)),
                foreign: triple(find(Origin::Foreign)),
                total: triple(Some(total)),
                share: view::pct(total.disbursed_share, lang),
                bar: format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"12\" viewBox=\"0 0 240 12\" role=\"img\"><rect width=\"{w:.1}\" height=\"12\" fill=\"#1a4f8b\"/></svg>"
                ),
            })
        })
        .collect();
    let provinces = by_province
        .iter()
        .map(|r| ProvinceInvestment {
            name: r
                .province
                .map(|c| view::province_name(c, scope.version, lang))
                .unwrap_or_else(|| t(lang, "pj_unplaced").to_owned()),
            projects: r.projects,
            registered: view::bn(r.registered, lang),
            disbursed: view::bn(r.disbursed, lang),
            share: view::pct(r.disbursed_share, lang),
        })
        .collect();
    let mut filters = Filters::new("/du-an/dau-tu", lang, &p, scope.version, today, 30);
    filters.show_within = false;
    filters.show_today = false;
    filters.extra = vec![(
        "year".into(),
        t(lang, "year").into(),
        year.map(|y| y.to_string()).unwrap_or_default(),
    )];
    let page = InvestmentPage {
        tabs: view::tabs("/du-an/dau-tu", lang, &p),
        filters,
        scope_name: params::scope_name(&scope, lang),
        year_label: year
            .map(|y| y.to_string())
            .unwrap_or_else(|| t(lang, "pj_all_years").to_owned()),
        industries,
        provinces,
        downloads: downloads("/api/v1/investment", &p),
    };
    let title = format!("{} — {}", t(lang, "pj_investment_title"), page.scope_name);
    let l = layout(&state, &session, lang, "/du-an/dau-tu", &p, &title, syn1);
    Ok(render(&state, l, "projects/investment.html", page)?.into_response())
}
