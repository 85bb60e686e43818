//! `GET /`: the overview of a group (default `north_28`) for a month
//! (default the latest): tiles beside the national figure, how many
//! provinces grew faster than the country and than a threshold, a map on
//! the 63- or 34-province boundaries, a ranking, the sub-regions and each
//! province's contribution.

use axum::extract::{Query, State};
use axum::response::Html;
use congthuong_core::display::{month, number, percent, signed_percent, year_to_date};
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};
use serde::Serialize;

use super::common::Choice;
use super::common::{pin, showing};
use super::{Layout, Params, href, lang_of, page};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use congthuong_figures::ReleaseData;
use congthuong_figures::overview::{Overview, OverviewQuery, overview};

/// Reads the overview query from parameters, with the defaults.
pub fn query_of(params: &Params, data: &ReleaseData) -> Result<OverviewQuery, AppError> {
    let group = crate::codes::group_param(params, "north_28", super::lang_of(params))?;
    let period = super::common::period_of(params, data)?;
    let boundaries = super::common::boundaries_of(params, period)?;
    let threshold = super::common::threshold_of(params)?;
    Ok(OverviewQuery {
        group,
        period,
        boundaries,
        threshold,
    })
}

#[derive(Serialize)]
struct Tile {
    label: String,
    value: String,
    note: String,
}

#[derive(Serialize)]
struct Row {
    rank: usize,
    name: String,
    href: String,
    yoy: String,
    ytd: String,
    contribution: String,
    above_national: bool,
    above_threshold: bool,
}

#[derive(Serialize)]
struct SubRow {
    name: String,
    members: usize,
    yoy: String,
    ytd: String,
    contribution: String,
}

#[derive(Serialize)]
struct OverviewPage {
    heading: String,
    groups: Vec<Choice>,
    periods: Vec<Choice>,
    boundaries: Vec<Choice>,
    threshold: String,
    tiles: Vec<Tile>,
    summary: String,
    map: super::charts::ChartView,
    map_links: Vec<(String, String, bool)>,
    ranking: super::charts::ChartView,
    contributions: super::charts::ChartView,
    rows: Vec<Row>,
    subregions: Vec<SubRow>,
    downloads: Vec<(String, String)>,
    compiled_note: &'static str,
    published_note: &'static str,
    /// `release=` the page is pinned to ("" for the latest), kept by the form.
    pinned: String,
}

fn name(lang: Lang, vi: &str, en: &str) -> String {
    lang.pick(vi, en).to_owned()
}

fn build(
    data: &ReleaseData,
    o: &Overview,
    lang: Lang,
    params: &Params,
    pinned: &str,
) -> OverviewPage {
    let geo = Geography::embedded();
    let q = &o.query;
    let p = q.period;
    let pct = |v: Option<f64>| signed_percent(v, 1, lang);
    let base_params = |extra: &[(&str, String)]| -> Vec<(&'static str, String)> {
        let mut v: Vec<(&'static str, String)> = vec![
            ("group", q.group.clone()),
            ("period", p.to_string()),
            ("boundaries", q.boundaries.to_string()),
            ("threshold", number(Some(q.threshold), 1, Lang::En)),
            ("release", pinned.to_owned()),
        ];
        for (k, val) in extra {
            if let Some(slot) = v.iter_mut().find(|(kk, _)| kk == k) {
                slot.1 = val.clone();
            }
        }
        v
    };
    let national_label = if o.national.comparison_basis == "published" {
        t(lang, "national_published")
    } else {
        t(lang, "national_compiled")
    };
    let tiles = vec![
        Tile {
            label: t(lang, "iip_ytd_yoy").into(),
            value: pct(o.group_ytd),
            note: format!("{} {}", national_label, pct(o.national.comparison_ytd)),
        },
        Tile {
            label: t(lang, "iip_month_yoy").into(),
            value: pct(o.group_yoy),
            note: format!(
                "{} {}",
                t(lang, "national"),
                pct(o.national.published_yoy.or(o.national.compiled_yoy))
            ),
        },
        Tile {
            label: format!(
                "{} {}",
                t(lang, "above_threshold"),
                percent(Some(q.threshold), 1, lang)
            ),
            value: format!("{}/{}", o.above_threshold, o.members.len()),
            note: String::new(),
        },
        Tile {
            label: t(lang, "above_national").into(),
            value: format!("{}/{}", o.above_national, o.members.len()),
            note: format!("{} {}", national_label, pct(o.national.comparison_ytd)),
        },
    ];
    let summary = match lang {
        Lang::Vi => format!(
            "{}: IIP của {} tăng {} so với cùng kỳ; {} trên {} tỉnh tăng trên {}, {} tỉnh tăng cao hơn mức chung cả nước ({}).",
            year_to_date(p, lang),
            o.group_name_vi,
            pct(o.group_ytd),
            o.above_threshold,
            o.members.len(),
            percent(Some(q.threshold), 1, lang),
            o.above_national,
            pct(o.national.comparison_ytd)
        ),
        Lang::En => format!(
            "{}: industrial production in the {} grew {} on a year earlier; {} of {} provinces grew more than {}, {} faster than the country ({}).",
            year_to_date(p, lang),
            o.group_name_en,
            pct(o.group_ytd),
            o.above_threshold,
            o.members.len(),
            percent(Some(q.threshold), 1, lang),
            o.above_national,
            pct(o.national.comparison_ytd)
        ),
    };
    let link = |c: AreaCode| {
        href(
            &format!("/tinh/{c}"),
            lang,
            &[
                ("period", p.to_string()),
                ("boundaries", q.boundaries.to_string()),
                ("release", pinned.to_owned()),
            ],
        )
    };
    // The charts, their tables and downloads (pages::charts).
    let keep = super::charts::kept(
        params,
        &[
            ("group", q.group.clone()),
            ("period", p.to_string()),
            ("boundaries", q.boundaries.to_string()),
            ("threshold", number(Some(q.threshold), 1, Lang::En)),
        ],
    );
    let [map, ranking, contributions] = super::charts::overview_charts(o, lang, &keep, Some(&link));
    let can_pre2025 = data
        .view(BoundaryVersion::Pre2025)
        .is_some_and(|v| v.range.contains(p));
    let mut map_links = vec![(
        href("/", lang, &base_params(&[("boundaries", "2025".into())])),
        t(lang, "boundaries_2025").to_owned(),
        q.boundaries == BoundaryVersion::V2025,
    )];
    if can_pre2025 {
        map_links.push((
            href("/", lang, &base_params(&[("boundaries", "pre2025".into())])),
            t(lang, "boundaries_pre2025").to_owned(),
            q.boundaries == BoundaryVersion::Pre2025,
        ));
    }
    let member_name =
        |m: &congthuong_figures::overview::MemberRow| name(lang, &m.name_vi, &m.name_en);
    let rows = o
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| Row {
            rank: i + 1,
            name: member_name(m),
            href: AreaCode::parse(&m.code).map(link).unwrap_or_default(),
            yoy: pct(m.yoy),
            ytd: pct(m.ytd),
            contribution: number(m.contribution_ytd, 2, lang),
            above_national: m.above_national,
            above_threshold: m.above_threshold,
        })
        .collect();
    let subregions = o
        .subregions
        .iter()
        .map(|s| SubRow {
            name: name(lang, &s.name_vi, &s.name_en),
            members: s.members,
            yoy: pct(s.yoy),
            ytd: pct(s.ytd),
            contribution: number(s.contribution_ytd, 2, lang),
        })
        .collect();
    let groups = geo
        .groups()
        .iter()
        .map(|g| Choice {
            value: g.id().to_owned(),
            label: name(lang, g.name_vi(), g.name_en()),
            selected: g.id() == q.group,
        })
        .collect();
    let latest = data.latest();
    let periods = data
        .view(BoundaryVersion::V2025)
        .map(|v| v.range.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .rev()
        .filter(|m| Some(*m) <= latest)
        .map(|m| Choice {
            value: m.to_string(),
            label: month(m, lang),
            selected: m == p,
        })
        .collect();
    let boundaries = super::common::boundary_choices(q.boundaries, lang);
    let api = |fmt: &str| {
        href(
            "/api/v1/overview",
            lang,
            &[
                ("group", q.group.clone()),
                ("period", p.to_string()),
                ("boundaries", q.boundaries.to_string()),
                ("threshold", number(Some(q.threshold), 1, Lang::En)),
                ("release", data.meta.id.to_string()),
                ("format", fmt.to_owned()),
            ],
        )
    };
    OverviewPage {
        heading: format!(
            "{} — {} — {}",
            t(lang, "overview_title"),
            name(lang, &o.group_name_vi, &o.group_name_en),
            month(p, lang)
        ),
        groups,
        periods,
        boundaries,
        threshold: number(Some(q.threshold), 1, lang),
        tiles,
        summary,
        map,
        map_links,
        ranking,
        contributions,
        rows,
        subregions,
        downloads: vec![
            ("CSV".into(), api("csv")),
            ("XLSX".into(), api("xlsx")),
            ("SDMX-CSV".into(), api("sdmx")),
            ("JSON".into(), api("json")),
        ],
        compiled_note: t(lang, "compiled_note"),
        published_note: t(lang, "published_note"),
        pinned: pinned.to_owned(),
    }
}

/// `GET /`
pub async fn get(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/", &params, t(lang, "overview_title"))
        .session(session.as_ref());
    if state.release().is_none() {
        return page(
            &state,
            layout,
            "message.html",
            serde_json::json!({ "message": t(lang, "no_release") }),
        );
    }
    let data = state.release_for(&params).await?;
    let layout = showing(layout, &state, &data, "/", &params);
    let q = query_of(&params, &data)?;
    let o = overview(&data, &q).map_err(|e| AppError::NotFound(e.to_string()))?;
    page(
        &state,
        layout,
        "overview.html",
        build(&data, &o, lang, &params, &pin(&params)),
    )
}
