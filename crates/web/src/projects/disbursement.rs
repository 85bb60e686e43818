//! `GET /du-an/giai-ngan`: disbursement against the year's plan by
//! province, ranked, against the average; the rows the API's JSON and
//! downloads use too.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use congthuong_core::{BoundaryVersion, Lang};
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
use std::fmt::Write;

use congthuong_projects::disbursement::{Ranking, inputs_from_projects, rank};
use congthuong_projects::queries::Scope;
use congthuong_projects::{Date, Project};

use super::gantt::esc;

/// The year and last month a ranking covers: `year` (default the day's
/// year) and `month` (default: the month before the day's in the day's
/// year, at least January; December for past years).
pub fn year_month(p: &Params, today: Date) -> Result<(i32, u32), AppError> {
    let year = params::int(crate::pages::lang_of(p), p, "year", 1990..=2200)?
        .map_or(today.year(), |y| y as i32);
    let month = match params::int(crate::pages::lang_of(p), p, "month", 1..=12)? {
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
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let Some(session) = session else {
        return Ok(login_first("/du-an/giai-ngan", lang, &p));
    };
    let scope = params::scope(crate::pages::lang_of(&p), &p, Some(DEFAULT_GROUP))?;
    let today = params::today(crate::pages::lang_of(&p), &p)?;
    let (year, month) = year_month(&p, today)?;
    let average = params::number(crate::pages::lang_of(&p), &p, "average")?;
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
