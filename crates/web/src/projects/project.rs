//! `GET /du-an/{id}`: one key project: its status and who must act, the
//! milestone timeline (baseline against re-plans against actual, SVG),
//! site clearance, procedures, disbursement against the year's plan,
//! earned value, blockers, progress updates, the version history; and,
//! for those who may change it, the edit forms (see [`super::forms`]).

use std::fmt::Write;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use congthuong_core::{BoundaryVersion, Lang};
use congthuong_projects::evm::{Bands, of_record};
use congthuong_projects::queries::timeline;
use congthuong_projects::status::{ItemState, actions, project_status};
use congthuong_projects::store::{VersionMeta, Versioned};
use congthuong_projects::{BlockerCategory, DisbursementYear, Escalation, Project, Vocabulary};
use serde::Serialize;

use super::late::{layout, login_first};
use super::params;
use super::registers::{actor_of, read};
use super::view::{self, Choice, Link};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, encode, href, lang_of, page as render};
use crate::state::AppState;
use congthuong_projects::model::actor::actor_label;

/// A message shown above the page: `ok`, `warn` or `bad`.
#[derive(Clone, Debug, Serialize)]
pub struct Notice {
    /// The CSS class.
    pub kind: &'static str,
    /// The text.
    pub text: String,
}

#[derive(Serialize)]
struct ReplanView {
    n: usize,
    date: String,
    reason: String,
    decision: String,
    by: String,
    at: String,
}

#[derive(Serialize)]
struct MilestoneView {
    code: String,
    name: String,
    agency: String,
    baseline: String,
    replans: Vec<ReplanView>,
    plan: String,
    actual: String,
    state_code: &'static str,
    state: String,
    days: String,
    slip_baseline: String,
}

#[derive(Serialize)]
struct ItemView {
    name: String,
    agency: String,
    submitted: String,
    due: String,
    done: String,
    state_code: &'static str,
    state: String,
    days: String,
}

#[derive(Serialize)]
struct BlockerView {
    code: String,
    description: String,
    category: String,
    agency: String,
    escalation: String,
    raised: String,
    deadline: String,
    resolved: String,
    resolution: String,
    state_code: &'static str,
    state: String,
    days: String,
}

#[derive(Serialize)]
struct MonthView {
    month: u32,
    disbursed: String,
    cumulative: String,
    share: String,
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    plan: String,
    plan_pm: String,
    disbursed: String,
    rate: String,
    rate_pm: String,
    months: Vec<MonthView>,
    chart: String,
}

#[derive(Serialize)]
struct EvmView {
    as_of: String,
    bac: String,
    pv: String,
    ev: String,
    ac: String,
    sv: String,
    cv: String,
    spi: String,
    cpi: String,
    spi_rag: &'static str,
    cpi_rag: &'static str,
    eac: String,
}

#[derive(Serialize)]
struct UpdateView {
    date: String,
    author: String,
    text: String,
    percent: String,
}

#[derive(Serialize)]
struct ActionRow {
    kind: String,
    what: String,
    agency: String,
    due: String,
    state_code: &'static str,
    days: String,
    escalation: String,
}

#[derive(Serialize)]
struct SiteView {
    needed: String,
    cleared: String,
    percent: String,
    households: String,
    bar: String,
}

#[derive(Serialize)]
struct ProjectPage {
    tabs: Vec<Link>,
    back: String,
    id: String,
    name: String,
    level: String,
    provinces: String,
    recorded: String,
    sector: String,
    investor: String,
    total: String,
    capital: Vec<(String, String)>,
    agency: String,
    overall_code: &'static str,
    overall: String,
    slip_days: i64,
    slip_baseline_days: i64,
    today: String,
    today_iso: String,
    version: u32,
    version_line: String,
    gantt: String,
    actions: Vec<ActionRow>,
    milestones: Vec<MilestoneView>,
    open_milestones: Vec<Choice>,
    all_milestones: Vec<Choice>,
    site: Option<SiteView>,
    procedures: Vec<ItemView>,
    years: Vec<YearView>,
    evm: Vec<EvmView>,
    blockers: Vec<BlockerView>,
    open_blockers: Vec<Choice>,
    next_blocker_code: String,
    categories: Vec<Choice>,
    escalations: Vec<Choice>,
    updates: Vec<UpdateView>,
    history: Vec<VersionView>,
    may_edit: bool,
    read_only: String,
    notice: Option<Notice>,
    action_base: String,
    action_query: String,
    json: String,
}

#[derive(Serialize)]
struct VersionView {
    version: u32,
    at: String,
    actor: String,
    reason: String,
}

fn choices<V: Vocabulary>(lang: Lang) -> Vec<Choice> {
    V::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| Choice {
            value: v.code().to_owned(),
            label: view::vocab(*v, lang),
            selected: i == 0,
        })
        .collect()
}

fn at_text(meta_at: congthuong_projects::Timestamp) -> String {
    let s = meta_at.to_string();
    s.trim_end_matches('Z').replace('T', " ") + " UTC"
}

/// Cumulative disbursement by month against the plan, with the even pace
/// (month ÷ 12 of the plan) as a dashed line.
fn year_chart(y: &DisbursementYear, lang: Lang) -> String {
    let (w, h, left, bottom) = (420.0, 170.0, 40.0, 22.0);
    let plan = y.plan.get();
    let top = 10.0;
    let scale = |pct: f64| h - bottom - (pct.min(120.0) / 120.0) * (h - bottom - top);
    let bar_w = (w - left - 10.0) / 12.0;
    let mut s = format!(
        "<svg class=\"disb\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>{}</title>",
        super::gantt::esc(&format!(
            "{} {}",
            lang.pick(
                "Giải ngân lũy kế so với kế hoạch năm",
                "Cumulative disbursement against the year's plan"
            ),
            y.year
        ))
    );
    for pct in [0.0, 50.0, 100.0] {
        let yy = scale(pct);
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#d9e0e6\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#5b6875\">{pct:.0}%</text>",
            w - 10.0,
            left - 4.0,
            yy + 3.0
        );
    }
    if plan > 0.0 {
        let mut cum = 0.0;
        for m in 1..=12u32 {
            let x = left + bar_w * f64::from(m - 1);
            if let Some(md) = y.months.iter().find(|x| x.month == m) {
                cum += md.disbursed.get();
                let pct = cum / plan * 100.0;
                let yy = scale(pct);
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{yy:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#1a4f8b\"><title>{} {m}: {}</title></rect>",
                    x + 2.0,
                    bar_w - 4.0,
                    (h - bottom - yy).max(0.0),
                    lang.pick("Tháng", "Month"),
                    super::gantt::esc(&view::pct(Some(pct), lang))
                );
            }
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#5b6875\">{m}</text>",
                x + bar_w / 2.0,
                h - 8.0
            );
        }
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b3261e\" stroke-dasharray=\"4 3\"><title>{}</title></line>",
            scale(0.0),
            left + bar_w * 12.0,
            scale(100.0),
            lang.pick("Tiến độ đều theo thời gian", "Even pace through the year")
        );
    }
    s.push_str("</svg>");
    s
}

fn bar(percent: f64) -> String {
    let w = 300.0;
    let fill = (percent.clamp(0.0, 100.0) / 100.0) * w;
    format!(
        "<svg class=\"bar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} 14\" width=\"{w}\" height=\"14\" role=\"img\"><rect width=\"{w}\" height=\"14\" fill=\"#e6ebef\"/><rect width=\"{fill:.1}\" height=\"14\" fill=\"#1b7f4b\"/></svg>"
    )
}

fn version_line(meta: &VersionMeta, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Phiên bản {} — {} — {} — {}",
            meta.version,
            at_text(meta.at),
            actor_label(&meta.actor, lang),
            meta.reason
        ),
        Lang::En => format!(
            "Version {} — {} — {} — {}",
            meta.version,
            at_text(meta.at),
            actor_label(&meta.actor, lang),
            meta.reason
        ),
    }
}

fn build(
    v: &Versioned<Project>,
    history: &[VersionMeta],
    session: &Session,
    lang: Lang,
    params: &Params,
) -> Result<ProjectPage, AppError> {
    let p = &v.value;
    let today = params::today(crate::pages::lang_of(params), params)?;
    let rules = params::rules(crate::pages::lang_of(params), params)?;
    let st = project_status(p, today, rules);
    let tl = timeline(p, today, rules);
    let keep: Vec<(&'static str, String)> = params::carried(params)
        .into_iter()
        .filter(|(k, _)| matches!(*k, "today" | "within" | "boundaries"))
        .collect();
    let v2025 = p.place.on(BoundaryVersion::V2025);
    let bands = Bands::default();
    let rag = |x: Option<f64>| match x.map(|x| bands.flag(x)) {
        Some(congthuong_projects::evm::Rag::Green) => "green",
        Some(congthuong_projects::evm::Rag::Amber) => "amber",
        Some(congthuong_projects::evm::Rag::Red) => "red",
        None => "",
    };
    let actor = actor_of(session);
    let may_edit = actor.as_ref().is_some_and(|a| a.may_edit(&p.place));
    let read_only = match (&actor, may_edit) {
        (_, true) => String::new(),
        (None, _) => t(lang, "pj_read_only_viewer").to_owned(),
        (Some(_), false) => t(lang, "pj_read_only_other").to_owned(),
    };
    let sector = match p.sector {
        congthuong_projects::Sector::Kind(k) => view::vocab(k, lang),
        s => s.vi(),
    };
    let milestones: Vec<MilestoneView> = tl
        .iter()
        .map(|r| MilestoneView {
            code: r.code.clone(),
            name: r.name.clone(),
            agency: r.agency.clone(),
            baseline: view::date(r.baseline, lang),
            replans: r
                .replans
                .iter()
                .enumerate()
                .map(|(i, x)| ReplanView {
                    n: i + 1,
                    date: view::date(x.date, lang),
                    reason: x.reason.clone(),
                    decision: x.decision.clone().unwrap_or_default(),
                    by: actor_label(&x.by, lang),
                    at: at_text(x.at),
                })
                .collect(),
            plan: view::date(r.status.plan, lang),
            actual: view::opt_date(r.actual, lang),
            state_code: r.status.state.code(),
            state: view::state(r.status.state, lang).to_owned(),
            days: view::state_days(r.status.state, lang),
            slip_baseline: view::signed_days(r.status.slip_baseline_days),
        })
        .collect();
    let open_milestones: Vec<Choice> = tl
        .iter()
        .filter(|r| r.actual.is_none())
        .enumerate()
        .map(|(i, r)| Choice {
            value: r.code.clone(),
            label: format!("{} ({})", r.name, view::date(r.status.plan, lang)),
            selected: i == 0,
        })
        .collect();
    let first_open = open_milestones.first().map(|c| c.value.clone());
    let all_milestones = tl
        .iter()
        .map(|r| Choice {
            value: r.code.clone(),
            label: r.name.clone(),
            selected: Some(&r.code) == first_open.as_ref(),
        })
        .collect();
    let procedures = p
        .procedures
        .iter()
        .map(|x| {
            let s = ItemState::of(x.due, x.done, today, rules);
            ItemView {
                name: x.name.to_string(),
                agency: x.agency.to_string(),
                submitted: view::opt_date(x.submitted, lang),
                due: view::date(x.due, lang),
                done: view::opt_date(x.done, lang),
                state_code: s.code(),
                state: view::state(s, lang).to_owned(),
                days: view::state_days(s, lang),
            }
        })
        .collect();
    let blockers = p
        .blockers
        .iter()
        .map(|b| {
            let s = ItemState::of(b.deadline, b.resolved, today, rules);
            BlockerView {
                code: b.code.to_string(),
                description: b.description.to_string(),
                category: view::vocab(b.category, lang),
                agency: b.agency.to_string(),
                escalation: view::vocab(b.escalation, lang),
                raised: view::date(b.raised, lang),
                deadline: view::date(b.deadline, lang),
                resolved: view::opt_date(b.resolved, lang),
                resolution: b
                    .resolution
                    .as_ref()
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                state_code: s.code(),
                state: view::state(s, lang).to_owned(),
                days: view::state_days(s, lang),
            }
        })
        .collect();
    let open_blockers = p
        .blockers
        .iter()
        .filter(|b| b.resolved.is_none())
        .enumerate()
        .map(|(i, b)| Choice {
            value: b.code.to_string(),
            label: format!("{} — {}", b.code, b.description),
            selected: i == 0,
        })
        .collect();
    let mut n = p.blockers.len() + 1;
    while p
        .blockers
        .iter()
        .any(|b| b.code.as_str() == format!("VM-{n}"))
    {
        n += 1;
    }
    let years = p
        .disbursement
        .iter()
        .map(|y| {
            let plan = y.plan.get();
            let mut cum = 0.0;
            let mut months: Vec<MonthView> = Vec::new();
            let mut sorted = y.months.clone();
            sorted.sort_by_key(|m| m.month);
            for m in &sorted {
                cum += m.disbursed.get();
                months.push(MonthView {
                    month: m.month,
                    disbursed: view::bn(m.disbursed.get(), lang),
                    cumulative: view::bn(cum, lang),
                    share: view::pct((plan > 0.0).then(|| cum / plan * 100.0), lang),
                });
            }
            YearView {
                year: y.year,
                plan: view::bn(plan, lang),
                plan_pm: y
                    .plan_pm
                    .map(|x| view::bn(x.get(), lang))
                    .unwrap_or_default(),
                disbursed: view::bn(cum, lang),
                rate: view::pct((plan > 0.0).then(|| cum / plan * 100.0), lang),
                rate_pm: y
                    .plan_pm
                    .filter(|x| x.get() > 0.0)
                    .map(|x| view::pct(Some(cum / x.get() * 100.0), lang))
                    .unwrap_or_default(),
                months,
                chart: year_chart(y, lang),
            }
        })
        .collect();
    let evm = p
        .earned_value
        .iter()
        .map(|r| {
            let m = of_record(r);
            EvmView {
                as_of: view::date(r.as_of, lang),
                bac: r.bac.map(|b| view::bn(b.get(), lang)).unwrap_or_default(),
                pv: view::bn(r.pv.get(), lang),
                ev: view::bn(r.ev.get(), lang),
                ac: view::bn(r.ac.get(), lang),
                sv: view::bn(m.sv, lang),
                cv: view::bn(m.cv, lang),
                spi: view::ratio(m.spi, lang),
                cpi: view::ratio(m.cpi, lang),
                spi_rag: rag(m.spi),
                cpi_rag: rag(m.cpi),
                eac: m.eac.map(|x| view::bn(x, lang)).unwrap_or_default(),
            }
        })
        .collect();
    let site = p.site_clearance.as_ref().map(|s| {
        let pc = s.percent_cleared();
        SiteView {
            needed: view::bn(s.area_needed_ha.get(), lang),
            cleared: view::bn(s.area_cleared_ha.get(), lang),
            percent: view::pct(pc, lang),
            households: match (s.households_affected, s.households_relocated) {
                (Some(a), Some(r)) => format!("{r} / {a}"),
                (Some(a), None) => format!("– / {a}"),
                _ => String::new(),
            },
            bar: bar(pc.unwrap_or(0.0)),
        }
    });
    let id = p.id.to_string();
    Ok(ProjectPage {
        tabs: view::tabs("", lang, params),
        back: href("/du-an", lang, &params::carried(params)),
        id: id.clone(),
        name: p.name.to_string(),
        level: view::vocab(p.level, lang),
        provinces: view::province_names(&v2025, BoundaryVersion::V2025, lang),
        recorded: format!("{} ({})", p.place.list(), p.place.boundary()),
        sector,
        investor: p.investor.to_string(),
        total: view::bn(p.total_investment.get(), lang),
        capital: p
            .capital
            .iter()
            .map(|(k, a)| (view::vocab(*k, lang), view::bn(a.get(), lang)))
            .collect(),
        agency: p.agency.to_string(),
        overall_code: st.overall.code(),
        overall: view::overall(st.overall, lang).to_owned(),
        slip_days: st.slip_days,
        slip_baseline_days: st.slip_baseline_days,
        today: view::date(today, lang),
        today_iso: today.to_string(),
        version: v.meta.version,
        version_line: version_line(&v.meta, lang),
        gantt: super::gantt::svg(&tl, today, lang),
        actions: actions(p, today, rules)
            .into_iter()
            .map(|a| ActionRow {
                kind: t(lang, &format!("pj_kind_{}", a.kind.code())).to_owned(),
                what: a.description,
                agency: a.agency.to_string(),
                due: view::date(a.deadline, lang),
                state_code: a.state.code(),
                days: view::state_days(a.state, lang),
                escalation: a
                    .escalation
                    .map(|e| view::vocab(e, lang))
                    .unwrap_or_default(),
            })
            .collect(),
        milestones,
        open_milestones,
        all_milestones,
        site,
        procedures,
        years,
        evm,
        blockers,
        open_blockers,
        next_blocker_code: format!("VM-{n}"),
        categories: choices::<BlockerCategory>(lang),
        escalations: choices::<Escalation>(lang),
        updates: p
            .updates
            .iter()
            .rev()
            .map(|u| UpdateView {
                date: view::date(u.date, lang),
                author: u.author.to_string(),
                text: u.text.to_string(),
                percent: u
                    .physical_percent
                    .map(|x| view::pct(Some(x), lang))
                    .unwrap_or_default(),
            })
            .collect(),
        history: history
            .iter()
            .rev()
            .map(|h| VersionView {
                version: h.version,
                at: at_text(h.at),
                actor: actor_label(&h.actor, lang),
                reason: h.reason.clone(),
            })
            .collect(),
        may_edit,
        read_only,
        notice: None,
        action_base: format!("/du-an/{}", encode(&id)),
        // The forms post back with the page's day and language.
        action_query: href("", lang, &keep),
        json: format!("/api/v1/projects/{}", encode(&id)),
    })
}

/// Renders the page of project `id` with an optional notice.
pub async fn render_project(
    state: &AppState,
    session: &Session,
    params: &Params,
    id: String,
    notice: Option<Notice>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = lang_of(params);
    let key = id.clone();
    let (current, history) = read(state, move |r| {
        Ok((r.project(&key)?, r.project_history(&key)?))
    })
    .await?;
    let Some(current) = current else {
        return Err(AppError::NotFound(match lang {
            Lang::Vi => format!("không có dự án {id:?}"),
            Lang::En => format!("no project {id:?}"),
        }));
    };
    let mut p = build(&current, &history, session, lang, params)?;
    let saved = params
        .get("saved")
        .and_then(|v| v.parse::<u32>().ok())
        .map(|v| Notice {
            kind: "ok",
            text: match lang {
                Lang::Vi => format!("Đã lưu: phiên bản {v}."),
                Lang::En => format!("Saved: version {v}."),
            },
        });
    p.notice = notice.or(saved);
    let title = p.name.clone();
    let synthetic = current.value.synthetic;
    let path = format!("/du-an/{}", encode(&id));
    let l = layout(state, session, lang, &path, params, &title, synthetic);
    Ok((status, render(state, l, "projects/project.html", p)?).into_response())
}

/// `GET /du-an/{id}`
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(session) = session else {
        return Ok(login_first(
            &format!("/du-an/{}", encode(&id)),
            lang,
            &params,
        ));
    };
    render_project(&state, &session, &params, id, None, StatusCode::OK).await
}
