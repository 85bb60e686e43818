//! `GET /du-an/kho-khan`: business difficulties by responsible agency
//! and the overdue list, with the forms that record and close one; the
//! rows the API's JSON and downloads use too.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::late::{downloads, layout, login_first};
use super::params::{self, DEFAULT_GROUP};
use super::project::Notice;
use super::registers::{actor_of, read};
use super::tables::Sheet;
use super::view::{self, Choice, Filters, Link};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, href, lang_of, page as render};
use crate::state::AppState;
use congthuong_projects::queries::{
    AgencyRow, OverdueDifficulty, Scope, difficulties_by_agency, overdue_difficulties,
};
use congthuong_projects::{Date, Difficulty, DifficultyStatus, RaiserKind, Vocabulary};

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
    let scope = params::scope(crate::pages::lang_of(p), p, Some(DEFAULT_GROUP))?;
    let today = params::today(crate::pages::lang_of(p), p)?;
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
        provinces: view::editable_provinces(session, lang),
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
pub async fn page(
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
