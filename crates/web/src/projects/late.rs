//! `GET /du-an`: late and at-risk key projects of a group or province,
//! "who must act by when" (project, item, agency, due date, days of slip,
//! escalation), with the states per province; `GET /du-an/danh-sach`:
//! every project of the scope with its status. The same rows feed the
//! API's JSON and downloads.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_core::{BoundaryVersion, Lang};
use congthuong_projects::queries::{LateEntry, Scope, late_list, status_counts};
use congthuong_projects::status::{ItemState, StatusRules, project_status};
use congthuong_projects::{Date, Project, Vocabulary};
use serde::Serialize;

use super::params::{self, DEFAULT_GROUP};
use super::registers::read;
use super::tables::{Cell, Sheet};
use super::view::{self, Filters, Link};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Layout, Params, href, lang_of, page as render};
use crate::state::AppState;

/// Sends an anonymous reader to the login page, back here afterwards.
pub fn login_first(path: &str, lang: Lang, params: &Params) -> Response {
    let mut keep = params::carried(params);
    if let Some(p) = params.get("province").filter(|p| !p.is_empty()) {
        keep.retain(|(k, _)| *k != "province");
        keep.push(("province", p.clone()));
    }
    let back = href(path, Lang::Vi, &keep);
    Redirect::to(&href("/dang-nhap", lang, &[("next", back)])).into_response()
}

/// The layout of a page of this part: the session shown, the banner when
/// any record shown is synthetic.
pub fn layout(
    state: &AppState,
    session: &Session,
    lang: Lang,
    path: &str,
    params: &Params,
    title: &str,
    synthetic: bool,
) -> Layout {
    let mut l = Layout::new(state, lang, path, params, title).session(Some(session));
    l.synthetic = synthetic;
    l
}

/// Download links (CSV, XLSX, JSON) to an API path with the page's query.
pub fn downloads(api: &str, params: &Params) -> Vec<Link> {
    let mut keep = params::carried(params);
    // The pages default to the conference's group, the API to every province.
    if !keep.iter().any(|(k, _)| *k == "group" || *k == "province") {
        keep.insert(0, ("group", DEFAULT_GROUP.to_owned()));
    }
    ["csv", "xlsx", "json"]
        .iter()
        .map(|f| {
            let mut q = keep.clone();
            if *f != "json" {
                q.push(("format", (*f).to_owned()));
            }
            Link {
                href: href(api, Lang::Vi, &q),
                label: f.to_uppercase(),
                active: false,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ActionView {
    kind: String,
    what: String,
    agency: String,
    due: String,
    state_code: &'static str,
    state: String,
    days: String,
    escalation: String,
}

#[derive(Serialize)]
struct EntryView {
    id: String,
    href: String,
    name: String,
    provinces: String,
    level: String,
    overall_code: &'static str,
    overall: String,
    slip_days: i64,
    slip_baseline_days: i64,
    actions: Vec<ActionView>,
}

#[derive(Serialize)]
struct CountsRow {
    code: String,
    name: String,
    late: usize,
    at_risk: usize,
    on_schedule: usize,
    done: usize,
    no_schedule: usize,
}

#[derive(Serialize)]
struct LatePage {
    tabs: Vec<Link>,
    filters: Filters,
    scope_name: String,
    today: String,
    within: i64,
    totals: CountsRow,
    by_province: Vec<CountsRow>,
    entries: Vec<EntryView>,
    late_projects: usize,
    downloads: Vec<Link>,
}

fn entry_view(
    e: &LateEntry,
    version: BoundaryVersion,
    lang: Lang,
    carried: &[(&'static str, String)],
) -> EntryView {
    let codes: Vec<congthuong_core::AreaCode> = e
        .project
        .provinces
        .split(';')
        .filter_map(|c| congthuong_core::AreaCode::parse(c).ok())
        .collect();
    EntryView {
        id: e.project.id.clone(),
        href: href(
            &format!("/du-an/{}", crate::pages::encode(&e.project.id)),
            lang,
            carried,
        ),
        name: e.project.name.clone(),
        provinces: view::province_names(&codes, version, lang),
        level: view::vocab(e.project.level, lang),
        overall_code: e.status.overall.code(),
        overall: view::overall(e.status.overall, lang).to_owned(),
        slip_days: e.status.slip_days,
        slip_baseline_days: e.status.slip_baseline_days,
        actions: e
            .actions
            .iter()
            .map(|a| ActionView {
                kind: t(lang, &format!("pj_kind_{}", a.kind.code())).to_owned(),
                what: a.description.clone(),
                agency: a.agency.to_string(),
                due: view::date(a.deadline, lang),
                state_code: a.state.code(),
                state: view::state(a.state, lang).to_owned(),
                days: view::state_days(a.state, lang),
                escalation: a
                    .escalation
                    .map(|x| view::vocab(x, lang))
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

/// The late list as a download: one row per item to act on.
pub fn late_sheet(entries: &[LateEntry], scope: &Scope, today: Date) -> Sheet {
    let mut rows = Vec::new();
    for e in entries {
        for a in &e.actions {
            let (late, left) = match a.state {
                ItemState::Late { days } => (Cell::from(days), Cell::Number(None)),
                ItemState::AtRisk { days_left } | ItemState::OnSchedule { days_left } => {
                    (Cell::Number(None), Cell::from(days_left))
                }
                ItemState::Done { .. } => (Cell::Number(None), Cell::Number(None)),
            };
            rows.push(vec![
                e.project.id.clone().into(),
                e.project.name.clone().into(),
                e.project.level.code().into(),
                e.project.provinces_recorded.clone().into(),
                e.project.recorded_on.to_string().into(),
                e.project.provinces.clone().into(),
                e.status.overall.code().into(),
                e.status.slip_days.into(),
                e.status.slip_baseline_days.into(),
                a.kind.code().into(),
                a.item.clone().into(),
                a.description.clone().into(),
                a.agency.to_string().into(),
                a.deadline.to_string().into(),
                a.state.code().into(),
                late,
                left,
                a.escalation.map(|x| x.code()).unwrap_or_default().into(),
                a.state.vi().into(),
                e.project.synthetic.into(),
            ]);
        }
    }
    Sheet {
        name: format!("late_{}_{}_{today}", scope.label, scope.version),
        columns: super::tables::columns(&[
            "project_id",
            "project",
            "level",
            "provinces_recorded",
            "recorded_on",
            "provinces",
            "project_status",
            "slip_days",
            "slip_baseline_days",
            "item_kind",
            "item",
            "what",
            "who_must_act",
            "by_when",
            "item_status",
            "days_late",
            "days_left",
            "escalation",
            "status_vi",
            "synthetic",
        ]),
        rows,
        synthetic: entries.iter().any(|e| e.project.synthetic),
    }
}

/// Every project of a scope with its status, as a download.
pub fn list_sheet(projects: &[Project], scope: &Scope, today: Date, rules: StatusRules) -> Sheet {
    let rows = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .map(|p| {
            let st = project_status(p, today, rules);
            let next = st
                .milestones
                .iter()
                .zip(&p.milestones)
                .find(|(s, _)| !matches!(s.state, ItemState::Done { .. }));
            vec![
                p.id.to_string().into(),
                p.name.to_string().into(),
                p.level.code().into(),
                p.place.list().into(),
                p.place.boundary().to_string().into(),
                congthuong_projects::model::common::join_codes(&p.place.on(scope.version)).into(),
                p.sector.code().into(),
                p.total_investment.get().into(),
                p.agency.to_string().into(),
                st.overall.code().into(),
                st.slip_days.into(),
                st.slip_baseline_days.into(),
                next.map(|(_, m)| m.code.to_string())
                    .unwrap_or_default()
                    .into(),
                next.map(|(s, _)| s.plan.to_string())
                    .unwrap_or_default()
                    .into(),
                p.site_clearance
                    .as_ref()
                    .and_then(|s| s.percent_cleared())
                    .into(),
                p.synthetic.into(),
            ]
        })
        .collect();
    Sheet {
        name: format!("projects_{}_{}_{today}", scope.label, scope.version),
        columns: super::tables::columns(&[
            "project_id",
            "project",
            "level",
            "provinces_recorded",
            "recorded_on",
            "provinces",
            "sector",
            "total_investment_bn_vnd",
            "agency",
            "status",
            "slip_days",
            "slip_baseline_days",
            "next_milestone",
            "next_planned",
            "site_cleared_percent",
            "synthetic",
        ]),
        rows,
        synthetic: projects
            .iter()
            .any(|p| p.synthetic && scope.contains(&p.place)),
    }
}

/// `GET /du-an`
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(session) = session else {
        return Ok(login_first("/du-an", lang, &params));
    };
    let scope = params::scope(crate::pages::lang_of(&params), &params, Some(DEFAULT_GROUP))?;
    let today = params::today(crate::pages::lang_of(&params), &params)?;
    let rules = params::rules(crate::pages::lang_of(&params), &params)?;
    let projects = read(&state, |r| r.project_values()).await?;
    let in_scope: Vec<&Project> = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .collect();
    let synthetic = in_scope.iter().any(|p| p.synthetic);
    let entries = late_list(&projects, &scope, today, rules);
    let counts = status_counts(&projects, &scope, today, rules);
    let mut totals = CountsRow {
        code: String::new(),
        name: t(lang, "pj_total").to_owned(),
        late: 0,
        at_risk: 0,
        on_schedule: 0,
        done: 0,
        no_schedule: 0,
    };
    for p in &in_scope {
        match project_status(p, today, rules).overall {
            congthuong_projects::status::Overall::Late => totals.late += 1,
            congthuong_projects::status::Overall::AtRisk => totals.at_risk += 1,
            congthuong_projects::status::Overall::OnSchedule => totals.on_schedule += 1,
            congthuong_projects::status::Overall::Done => totals.done += 1,
            congthuong_projects::status::Overall::NoSchedule => totals.no_schedule += 1,
        }
    }
    let by_province = counts
        .iter()
        .map(|(c, n)| CountsRow {
            code: c.to_string(),
            name: view::province_name(*c, scope.version, lang),
            late: n.late,
            at_risk: n.at_risk,
            on_schedule: n.on_schedule,
            done: n.done,
            no_schedule: n.no_schedule,
        })
        .filter(|r| r.late + r.at_risk + r.on_schedule + r.done + r.no_schedule > 0)
        .collect();
    let carried = params::carried(&params);
    let keep: Vec<(&'static str, String)> = carried
        .iter()
        .filter(|(k, _)| matches!(*k, "today" | "within" | "boundaries"))
        .cloned()
        .collect();
    let p = LatePage {
        tabs: view::tabs("/du-an", lang, &params),
        filters: Filters::new(
            "/du-an",
            lang,
            &params,
            scope.version,
            today,
            rules.within_days,
        ),
        scope_name: params::scope_name(&scope, lang),
        today: view::date(today, lang),
        within: rules.within_days,
        late_projects: entries
            .iter()
            .filter(|e| {
                e.actions
                    .iter()
                    .any(|a| matches!(a.state, ItemState::Late { .. }))
            })
            .count(),
        entries: entries
            .iter()
            .map(|e| entry_view(e, scope.version, lang, &keep))
            .collect(),
        totals,
        by_province,
        downloads: downloads("/api/v1/projects/late", &params),
    };
    let title = format!("{} — {}", t(lang, "pj_late_title"), p.scope_name);
    let l = layout(&state, &session, lang, "/du-an", &params, &title, synthetic);
    Ok(render(&state, l, "projects/late.html", p)?.into_response())
}

#[derive(Serialize)]
struct ListRow {
    id: String,
    href: String,
    name: String,
    provinces: String,
    level: String,
    sector: String,
    total: String,
    agency: String,
    overall_code: &'static str,
    overall: String,
    slip_days: i64,
    slip_baseline_days: i64,
    next: String,
    next_due: String,
    cleared: String,
}

#[derive(Serialize)]
struct ListPage {
    tabs: Vec<Link>,
    filters: Filters,
    scope_name: String,
    today: String,
    rows: Vec<ListRow>,
    downloads: Vec<Link>,
}

/// `GET /du-an/danh-sach`
pub async fn list_page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(session) = session else {
        return Ok(login_first("/du-an/danh-sach", lang, &params));
    };
    let scope = params::scope(crate::pages::lang_of(&params), &params, Some(DEFAULT_GROUP))?;
    let today = params::today(crate::pages::lang_of(&params), &params)?;
    let rules = params::rules(crate::pages::lang_of(&params), &params)?;
    let projects = read(&state, |r| r.project_values()).await?;
    let carried = params::carried(&params);
    let keep: Vec<(&'static str, String)> = carried
        .iter()
        .filter(|(k, _)| matches!(*k, "today" | "within" | "boundaries"))
        .cloned()
        .collect();
    let mut synthetic = false;
    let mut rows: Vec<(u8, i64, ListRow)> = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .map(|p| {
            synthetic |= p.synthetic;
            let st = project_status(p, today, rules);
            let next = st
                .milestones
                .iter()
                .zip(&p.milestones)
                .find(|(s, _)| !matches!(s.state, ItemState::Done { .. }));
            let sector = match p.sector {
                congthuong_projects::Sector::Kind(k) => view::vocab(k, lang),
                s => s.vi(),
            };
            (
                st.overall as u8,
                st.slip_days,
                ListRow {
                    id: p.id.to_string(),
                    href: href(
                        &format!("/du-an/{}", crate::pages::encode(p.id.as_str())),
                        lang,
                        &keep,
                    ),
                    name: p.name.to_string(),
                    provinces: view::province_names(
                        &p.place.on(scope.version),
                        scope.version,
                        lang,
                    ),
                    level: view::vocab(p.level, lang),
                    sector,
                    total: view::bn(p.total_investment.get(), lang),
                    agency: p.agency.to_string(),
                    overall_code: st.overall.code(),
                    overall: view::overall(st.overall, lang).to_owned(),
                    slip_days: st.slip_days,
                    slip_baseline_days: st.slip_baseline_days,
                    next: next.map(|(_, m)| m.name.to_string()).unwrap_or_default(),
                    next_due: next
                        .map(|(s, _)| view::date(s.plan, lang))
                        .unwrap_or_default(),
                    cleared: view::pct(
                        p.site_clearance.as_ref().and_then(|s| s.percent_cleared()),
                        lang,
                    ),
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.id.cmp(&b.2.id)));
    let p = ListPage {
        tabs: view::tabs("/du-an/danh-sach", lang, &params),
        filters: Filters::new(
            "/du-an/danh-sach",
            lang,
            &params,
            scope.version,
            today,
            rules.within_days,
        ),
        scope_name: params::scope_name(&scope, lang),
        today: view::date(today, lang),
        rows: rows.into_iter().map(|r| r.2).collect(),
        downloads: downloads("/api/v1/projects", &params),
    };
    let title = format!("{} — {}", t(lang, "pj_list_title"), p.scope_name);
    let l = layout(
        &state,
        &session,
        lang,
        "/du-an/danh-sach",
        &params,
        &title,
        synthetic,
    );
    Ok(render(&state, l, "projects/list.html", p)?.into_response())
}
