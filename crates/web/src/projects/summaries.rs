//! The pages beside the key projects: `GET /du-an/giai-ngan` (the
//! disbursement ranking across provinces against the average),
//! `GET /du-an/chien-luoc` (the province × strategy checklist),
//! `GET /du-an/dau-tu` (investment by priority industry, domestic and
//! foreign, and by province), `GET /du-an/kho-khan` (difficulties by
//! agency and the overdue list). Each table's rows come from one function
//! the API's JSON and downloads use too.

use std::fmt::Write;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use congthuong_core::{BoundaryVersion, Geography, Lang};
use congthuong_projects::disbursement::{Ranking, inputs_from_projects, rank};
use congthuong_projects::queries::{
    AgencyRow, Breakdown, CellState, InvestmentRow, OverdueDifficulty, Scope, StrategyGrid,
    difficulties_by_agency, investment_summary, overdue_difficulties, strategy_grid,
};
use congthuong_projects::{
    Date, Difficulty, DifficultyStatus, InvestmentRecord, Origin, PriorityIndustry, Project,
    RaiserKind, StrategyKind, StrategyRecord, Vocabulary,
};
use serde::Serialize;

use super::gantt::esc;
use super::late::{downloads, layout, login_first};
use super::params::{self, DEFAULT_GROUP};
use super::project::Notice;
use super::registers::{actor_of, read};
use super::tables::{Cell, Sheet};
use super::view::{self, Choice, Filters, Link};
use crate::auth::{Role, Session};
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, href, lang_of, page as render};
use crate::state::AppState;

// ---------------------------------------------------------------- disbursement

/// The year and last month a ranking covers: `year` (default the day's
/// year) and `month` (default: the month before the day's in the day's
/// year, at least January; December for past years).
pub fn year_month(p: &Params, today: Date) -> Result<(i32, u32), AppError> {
    let year = params::int(p, "year", 1990..=2200)?.map_or(today.year(), |y| y as i32);
    let month = match params::int(p, "month", 1..=12)? {
        Some(m) => m as u32,
        None if year == today.year() => today.month().saturating_sub(1).max(1),
        None if year > today.year() => 1,
        None => 12,
    };
    Ok((year, month))
}

/// The ranking of a scope's provinces, and the projects that could not be
/// placed on the scope's map.
pub fn ranking(
    projects: &[Project],
    scope: &Scope,
    year: i32,
    month: u32,
    average: Option<f64>,
) -> (Ranking, Vec<String>, bool) {
    let mine: Vec<&Project> = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .collect();
    let synthetic = mine.iter().any(|p| p.synthetic);
    let (inputs, unplaced) = inputs_from_projects(mine, year, month, scope.version);
    let inputs: Vec<_> = inputs
        .into_iter()
        .filter(|r| scope.members.contains(&r.0))
        .collect();
    (rank(&inputs, average, Some(month)), unplaced, synthetic)
}

/// The ranking as a download.
pub fn ranking_sheet(r: &Ranking, scope: &Scope, year: i32, month: u32, synthetic: bool) -> Sheet {
    let rows = r
        .rows
        .iter()
        .map(|x| {
            vec![
                x.rank.map(|n| n as f64).into(),
                x.province.to_string().into(),
                view::province_name(x.province, scope.version, Lang::Vi).into(),
                x.projects.into(),
                x.plan.into(),
                x.plan_pm.into(),
                x.disbursed.into(),
                x.rate.into(),
                x.rate_pm.into(),
                r.average.into(),
                x.vs_average_points.into(),
                match x.vs_average_points {
                    Some(v) if v >= 0.0 => "above",
                    Some(_) => "below",
                    None => "",
                }
                .into(),
                r.elapsed_share.into(),
                synthetic.into(),
            ]
        })
        .collect();
    Sheet {
        name: format!(
            "disbursement_{}_{}_{year}-{month:02}",
            scope.label, scope.version
        ),
        columns: super::tables::columns(&[
            "rank",
            "province",
            "name",
            "projects",
            "plan_bn_vnd",
            "plan_pm_bn_vnd",
            "disbursed_bn_vnd",
            "rate_percent",
            "rate_pm_percent",
            "average_percent",
            "vs_average_points",
            "vs_average",
            "year_elapsed_percent",
            "synthetic",
        ]),
        rows,
        synthetic,
    }
}

/// Horizontal bars of the rates, the average as a dashed line.
fn ranking_svg(r: &Ranking, version: BoundaryVersion, lang: Lang) -> String {
    let rows: Vec<_> = r.rows.iter().filter(|x| x.rate.is_some()).collect();
    let (w, left, row) = (760.0, 150.0, 22.0);
    let h = 30.0 + row * rows.len() as f64;
    let max = rows
        .iter()
        .filter_map(|x| x.rate)
        .chain(r.average)
        .fold(100.0_f64, f64::max);
    let x = |v: f64| left + (v.max(0.0) / max) * (w - left - 60.0);
    let mut s = format!(
        "<svg class=\"ranking\" id=\"ranking-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>{}</title>",
        esc(lang.pick(
            "Tỷ lệ giải ngân so với kế hoạch",
            "Disbursement against plan"
        ))
    );
    for (i, p) in rows.iter().enumerate() {
        let y = 8.0 + row * i as f64;
        let rate = p.rate.unwrap_or(0.0);
        let above = p.vs_average_points.is_some_and(|v| v >= 0.0);
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#1d2731\">{}</text><rect x=\"{left}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1d2731\">{}</text>",
            left - 6.0,
            y + 13.0,
            esc(&view::province_name(p.province, version, lang)),
            (x(rate) - left).max(1.0),
            row - 6.0,
            if above { "#1b7f4b" } else { "#b3261e" },
            esc(&view::pct(p.rate, lang)),
            x(rate) + 4.0,
            y + 13.0,
            esc(&view::pct(p.rate, lang))
        );
    }
    if let Some(a) = r.average {
        let xa = x(a);
        let _ = write!(
            s,
            "<line x1=\"{xa:.1}\" y1=\"2\" x2=\"{xa:.1}\" y2=\"{:.1}\" stroke=\"#1d2731\" stroke-dasharray=\"4 3\"/><text x=\"{xa:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#1d2731\">{} {}</text>",
            h - 14.0,
            h - 3.0,
            esc(lang.pick("Bình quân", "Average")),
            esc(&view::pct(Some(a), lang))
        );
    }
    s.push_str("</svg>");
    s
}

#[derive(Serialize)]
struct RankRow {
    rank: String,
    code: String,
    name: String,
    projects: usize,
    plan: String,
    plan_pm: String,
    disbursed: String,
    rate: String,
    rate_pm: String,
    vs_average: String,
    above: bool,
}

#[derive(Serialize)]
struct DisbursementPage {
    tabs: Vec<Link>,
    filters: Filters,
    scope_name: String,
    year: i32,
    month: u32,
    average: String,
    elapsed: String,
    rows: Vec<RankRow>,
    unplaced: String,
    chart: String,
    downloads: Vec<Link>,
}

/// `GET /du-an/giai-ngan`
pub async fn disbursement_page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let Some(session) = session else {
        return Ok(login_first("/du-an/giai-ngan", lang, &p));
    };
    let scope = params::scope(&p, Some(DEFAULT_GROUP))?;
    let today = params::today(&p)?;
    let (year, month) = year_month(&p, today)?;
    let average = params::number(&p, "average")?;
    let projects = read(&state, |r| r.project_values()).await?;
    let (r, unplaced, synthetic) = ranking(&projects, &scope, year, month, average);
    let pp = |v: Option<f64>| {
        v.map(|v| {
            let s = congthuong_core::display::number(Some(v), 1, lang);
            if v >= 0.0 { format!("+{s}") } else { s }
        })
        .unwrap_or_default()
    };
    let mut filters = Filters::new("/du-an/giai-ngan", lang, &p, scope.version, today, 30);
    filters.show_within = false;
    filters.extra = vec![
        ("year".into(), t(lang, "year").into(), year.to_string()),
        (
            "month".into(),
            t(lang, "pj_through_month").into(),
            month.to_string(),
        ),
        (
            "average".into(),
            t(lang, "pj_average_given").into(),
            p.get("average").cloned().unwrap_or_default(),
        ),
    ];
    let page = DisbursementPage {
        tabs: view::tabs("/du-an/giai-ngan", lang, &p),
        filters,
        scope_name: params::scope_name(&scope, lang),
        year,
        month,
        average: view::pct(r.average, lang),
        elapsed: view::pct(r.elapsed_share, lang),
        rows: r
            .rows
            .iter()
            .map(|x| RankRow {
                rank: x.rank.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
                code: x.province.to_string(),
                name: view::province_name(x.province, scope.version, lang),
                projects: x.projects,
                plan: view::bn(x.plan, lang),
                plan_pm: x.plan_pm.map(|v| view::bn(v, lang)).unwrap_or_default(),
                disbursed: view::bn(x.disbursed, lang),
                rate: view::pct(x.rate, lang),
                rate_pm: view::pct(x.rate_pm, lang),
                vs_average: pp(x.vs_average_points),
                above: x.vs_average_points.is_some_and(|v| v >= 0.0),
            })
            .collect(),
        unplaced: unplaced.join(", "),
        chart: ranking_svg(&r, scope.version, lang),
        downloads: downloads("/api/v1/projects/disbursement", &p),
    };
    let title = format!("{} — {}", t(lang, "pj_disbursement_title"), page.scope_name);
    let l = layout(
        &state,
        &session,
        lang,
        "/du-an/giai-ngan",
        &p,
        &title,
        synthetic,
    );
    Ok(render(&state, l, "projects/disbursement.html", page)?.into_response())
}

// ------------------------------------------------------------------ strategies

/// The grid of a scope, and whether any record in it is synthetic.
pub fn grid(
    kinds: &[StrategyKind],
    records: &[StrategyRecord],
    scope: &Scope,
) -> (StrategyGrid, bool) {
    let g = strategy_grid(kinds, records, scope);
    let synthetic = g
        .cells
        .iter()
        .flatten()
        .any(|c| c.records.iter().any(|r| r.synthetic));
    (g, synthetic)
}

/// The grid as a download: one row per province, one column per kind.
pub fn grid_sheet(g: &StrategyGrid, scope: &Scope, synthetic: bool) -> (Sheet, Vec<String>) {
    let kinds: Vec<String> = g.kinds.iter().map(|k| k.code.to_string()).collect();
    let rows = g
        .provinces
        .iter()
        .zip(&g.cells)
        .map(|(p, cells)| {
            let mut row: Vec<Cell> = vec![
                p.to_string().into(),
                view::province_name(*p, g.version, Lang::Vi).into(),
            ];
            row.extend(cells.iter().map(|c| {
                Cell::Text(match (&c.state, &c.decision) {
                    (CellState::Partial { issued, of }, _) => format!("partial {issued}/{of}"),
                    (st, Some(d)) => format!("{} ({d})", st.code()),
                    (st, None) => st.code().to_owned(),
                })
            }));
            row.push(
                cells
                    .iter()
                    .any(|c| c.records.iter().any(|r| r.synthetic))
                    .into(),
            );
            row
        })
        .collect();
    (
        Sheet {
            name: format!("strategies_{}_{}", scope.label, scope.version),
            columns: Vec::new(),
            rows,
            synthetic,
        },
        kinds,
    )
}

#[derive(Serialize)]
struct GridCellView {
    state: &'static str,
    label: String,
    decision: String,
}

#[derive(Serialize)]
struct GridRow {
    code: String,
    name: String,
    cells: Vec<GridCellView>,
}

#[derive(Serialize)]
struct KindView {
    code: String,
    name: String,
    required: bool,
}

#[derive(Serialize)]
struct StrategiesPage {
    tabs: Vec<Link>,
    filters: Filters,
    scope_name: String,
    kinds: Vec<KindView>,
    rows: Vec<GridRow>,
    totals: Vec<String>,
    downloads: Vec<Link>,
    can_edit: bool,
    provinces: Vec<Choice>,
    kind_choices: Vec<Choice>,
    today: String,
    notice: Option<Notice>,
    action: String,
}

fn cell_label(s: &CellState, lang: Lang) -> String {
    match (s, lang) {
        (CellState::Partial { issued, of }, Lang::Vi) => {
            format!("{issued}/{of} tỉnh cũ đã ban hành")
        }
        (CellState::Partial { issued, of }, Lang::En) => {
            format!("issued by {issued} of {of} former provinces")
        }
        (s, _) => t(lang, &format!("pj_cell_{}", s.code())).to_owned(),
    }
}

/// The provinces an account may record strategies for (2025 map).
fn editable_provinces(session: &Session, lang: Lang) -> Vec<Choice> {
    let geo = Geography::embedded();
    geo.provinces(BoundaryVersion::V2025)
        .iter()
        .filter(|p| match session.account.role {
            Role::Officer => session.account.province == Some(p.code),
            Role::Viewer => false,
            _ => true,
        })
        .map(|p| Choice {
            value: p.code.to_string(),
            label: format!(
                "{} {}",
                p.code,
                view::province_name(p.code, BoundaryVersion::V2025, lang)
            ),
            selected: false,
        })
        .collect()
}

/// Renders the strategy grid with an optional notice.
pub async fn render_strategies(
    state: &AppState,
    session: &Session,
    p: &Params,
    notice: Option<Notice>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = lang_of(p);
    let scope = params::scope(p, Some(DEFAULT_GROUP))?;
    let today = params::today(p)?;
    let (kinds, records) = read(state, |r| Ok((r.strategy_kinds()?, r.strategies()?))).await?;
    let (g, synthetic) = grid(&kinds, &records, &scope);
    let mut filters = Filters::new("/du-an/chien-luoc", lang, p, scope.version, today, 30);
    filters.show_within = false;
    filters.show_today = false;
    let totals = (0..g.kinds.len())
        .map(|k| {
            let issued = g
                .cells
                .iter()
                .filter(|row| matches!(row[k].state, CellState::Issued | CellState::Integrated))
                .count();
            format!("{issued}/{}", g.provinces.len())
        })
        .collect();
    let saved = p.get("saved").filter(|v| !v.is_empty()).map(|_| Notice {
        kind: "ok",
        text: t(lang, "pj_saved").to_owned(),
    });
    let page = StrategiesPage {
        tabs: view::tabs("/du-an/chien-luoc", lang, p),
        filters,
        scope_name: params::scope_name(&scope, lang),
        kinds: g
            .kinds
            .iter()
            .map(|k| KindView {
                code: k.code.to_string(),
                name: lang.pick(k.name_vi.as_str(), k.name_en.as_str()).to_owned(),
                required: k.required,
            })
            .collect(),
        rows: g
            .provinces
            .iter()
            .zip(&g.cells)
            .map(|(c, cells)| GridRow {
                code: c.to_string(),
                name: view::province_name(*c, g.version, lang),
                cells: cells
                    .iter()
                    .map(|cell| GridCellView {
                        state: cell.state.code(),
                        label: cell_label(&cell.state, lang),
                        decision: match lang {
                            // The library writes "1234/QĐ-UBND ngày 05/03/2024".
                            Lang::En => cell
                                .decision
                                .clone()
                                .unwrap_or_default()
                                .replace(" ngày ", " of "),
                            Lang::Vi => cell.decision.clone().unwrap_or_default(),
                        },
                    })
                    .collect(),
            })
            .collect(),
        totals,
        downloads: downloads("/api/v1/strategies", p),
        can_edit: actor_of(session).is_some(),
        provinces: editable_provinces(session, lang),
        kind_choices: g
            .kinds
            .iter()
            .map(|k| Choice {
                value: k.code.to_string(),
                label: lang.pick(k.name_vi.as_str(), k.name_en.as_str()).to_owned(),
                selected: false,
            })
            .collect(),
        today: today.to_string(),
        notice: notice.or(saved),
        action: href("", lang, &params::carried(p)),
    };
    let title = format!("{} — {}", t(lang, "pj_strategies_title"), page.scope_name);
    let l = layout(
        state,
        session,
        lang,
        "/du-an/chien-luoc",
        p,
        &title,
        synthetic,
    );
    Ok((status, render(state, l, "projects/strategies.html", page)?).into_response())
}

/// `GET /du-an/chien-luoc`
pub async fn strategies_page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let Some(session) = session else {
        return Ok(login_first("/du-an/chien-luoc", lang, &p));
    };
    render_strategies(&state, &session, &p, None, StatusCode::OK).await
}

// ------------------------------------------------------------------ investment

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
pub async fn investment_page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let Some(session) = session else {
        return Ok(login_first("/du-an/dau-tu", lang, &p));
    };
    let scope = params::scope(&p, Some(DEFAULT_GROUP))?;
    let today = params::today(&p)?;
    let records = read(&state, |r| r.investment()).await?;
    let latest = records.iter().map(|r| r.year).max();
    let year = match params::int(&p, "year", 1990..=2200)? {
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

// ---------------------------------------------------------------- difficulties

/// The by-agency rows and the overdue list of a scope on `today`.
pub fn difficulty_views(
    all: &[Difficulty],
    scope: &Scope,
    today: Date,
    agency: Option<&str>,
) -> (Vec<AgencyRow>, Vec<OverdueDifficulty>, bool) {
    let synthetic = all.iter().any(|d| d.synthetic && scope.contains(&d.place));
    (
        difficulties_by_agency(all, scope, today),
        overdue_difficulties(all, scope, today, agency),
        synthetic,
    )
}

/// The overdue list as a download.
pub fn overdue_sheet(list: &[OverdueDifficulty], scope: &Scope, today: Date) -> Sheet {
    Sheet {
        name: format!(
            "difficulties_overdue_{}_{}_{today}",
            scope.label, scope.version
        ),
        columns: super::tables::columns(&[
            "agency",
            "difficulty_id",
            "topic",
            "raised_by",
            "raised_by_kind",
            "province_recorded",
            "recorded_on",
            "province",
            "raised",
            "deadline",
            "days_overdue",
            "status",
            "synthetic",
        ]),
        rows: list
            .iter()
            .map(|o| {
                let d = &o.difficulty;
                vec![
                    d.agency.to_string().into(),
                    d.id.to_string().into(),
                    d.topic.to_string().into(),
                    d.raised_by.to_string().into(),
                    d.raiser_kind.code().into(),
                    d.place.list().into(),
                    d.place.boundary().to_string().into(),
                    congthuong_projects::model::common::join_codes(&d.place.on(scope.version))
                        .into(),
                    d.raised.to_string().into(),
                    d.deadline.to_string().into(),
                    o.days_overdue.into(),
                    d.status.code().into(),
                    d.synthetic.into(),
                ]
            })
            .collect(),
        synthetic: list.iter().any(|o| o.difficulty.synthetic),
    }
}

#[derive(Serialize)]
struct AgencyView {
    agency: String,
    href: String,
    open: usize,
    overdue: usize,
    max_days: i64,
    on_time: usize,
    late: usize,
}

#[derive(Serialize)]
struct DifficultyView {
    id: String,
    topic: String,
    raised_by: String,
    kind: String,
    province: String,
    agency: String,
    raised: String,
    deadline: String,
    days: String,
    status: String,
}

#[derive(Serialize)]
struct DifficultiesPage {
    tabs: Vec<Link>,
    filters: Filters,
    scope_name: String,
    today: String,
    today_iso: String,
    agency: String,
    agencies: Vec<AgencyView>,
    overdue: Vec<DifficultyView>,
    open: Vec<Choice>,
    downloads: Vec<Link>,
    can_edit: bool,
    provinces: Vec<Choice>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    notice: Option<Notice>,
    action: String,
    deadline_iso: String,
}

/// Renders the difficulties page with an optional notice.
pub async fn render_difficulties(
    state: &AppState,
    session: &Session,
    p: &Params,
    notice: Option<Notice>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = lang_of(p);
    let scope = params::scope(p, Some(DEFAULT_GROUP))?;
    let today = params::today(p)?;
    let agency = params::text(p, "agency").map(str::to_owned);
    let all = read(state, |r| r.difficulties()).await?;
    let (agencies, overdue, synthetic) = difficulty_views(&all, &scope, today, agency.as_deref());
    let keep = params::carried(p);
    let mut filters = Filters::new("/du-an/kho-khan", lang, p, scope.version, today, 30);
    filters.show_within = false;
    filters.extra = vec![(
        "agency".into(),
        t(lang, "pj_agency").into(),
        agency.clone().unwrap_or_default(),
    )];
    let saved = p.get("saved").filter(|v| !v.is_empty()).map(|_| Notice {
        kind: "ok",
        text: t(lang, "pj_saved").to_owned(),
    });
    let page = DifficultiesPage {
        tabs: view::tabs("/du-an/kho-khan", lang, p),
        filters,
        scope_name: params::scope_name(&scope, lang),
        today: view::date(today, lang),
        today_iso: today.to_string(),
        agency: agency.unwrap_or_default(),
        agencies: agencies
            .iter()
            .map(|a| {
                let mut q = keep.clone();
                q.push(("agency", a.agency.clone()));
                AgencyView {
                    agency: a.agency.clone(),
                    href: href("/du-an/kho-khan", lang, &q),
                    open: a.open,
                    overdue: a.overdue,
                    max_days: a.max_days_overdue,
                    on_time: a.closed_on_time,
                    late: a.closed_late,
                }
            })
            .collect(),
        overdue: overdue
            .iter()
            .map(|o| {
                let d = &o.difficulty;
                DifficultyView {
                    id: d.id.to_string(),
                    topic: d.topic.to_string(),
                    raised_by: d.raised_by.to_string(),
                    kind: view::vocab(d.raiser_kind, lang),
                    province: view::province_names(&d.place.on(scope.version), scope.version, lang),
                    agency: d.agency.to_string(),
                    raised: view::date(d.raised, lang),
                    deadline: view::date(d.deadline, lang),
                    days: view::state_days(o.state, lang),
                    status: view::vocab(d.status, lang),
                }
            })
            .collect(),
        open: all
            .iter()
            .filter(|d| d.status.is_open() && scope.contains(&d.place))
            .filter(|d| actor_of(session).is_some_and(|a| a.may_edit(&d.place)))
            .map(|d| Choice {
                value: d.id.to_string(),
                label: format!("{} — {} ({})", d.id, d.topic, d.agency),
                selected: false,
            })
            .collect(),
        downloads: downloads("/api/v1/difficulties", p),
        can_edit: actor_of(session).is_some(),
        provinces: editable_provinces(session, lang),
        kinds: RaiserKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.code().into(),
                label: view::vocab(*k, lang),
                selected: false,
            })
            .collect(),
        statuses: [DifficultyStatus::Resolved, DifficultyStatus::Answered]
            .iter()
            .map(|k| Choice {
                value: k.code().into(),
                label: view::vocab(*k, lang),
                selected: false,
            })
            .collect(),
        notice: notice.or(saved),
        action: href("", lang, &keep),
        deadline_iso: today.add_days(30).unwrap_or(today).to_string(),
    };
    let title = format!("{} — {}", t(lang, "pj_difficulties_title"), page.scope_name);
    let l = layout(
        state,
        session,
        lang,
        "/du-an/kho-khan",
        p,
        &title,
        synthetic,
    );
    Ok((
        status,
        render(state, l, "projects/difficulties.html", page)?,
    )
        .into_response())
}

/// `GET /du-an/kho-khan`
pub async fn difficulties_page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let Some(session) = session else {
        return Ok(login_first("/du-an/kho-khan", lang, &p));
    };
    render_difficulties(&state, &session, &p, None, StatusCode::OK).await
}
