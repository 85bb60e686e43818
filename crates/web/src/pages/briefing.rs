//! `GET /bao-cao`: the conference briefing of a group for a month, shown
//! in the dashboard (every figure links to its table row), and
//! `GET /bao-cao/tai-ve?format=pdf|md|html`: the same as a file.
//!
//! What a reader sees depends on who reads (issue 13 item 10): anyone
//! gets the released figures; a logged-in reader also gets the key
//! projects' late items (the registers need a login), counted at the end
//! of the briefing's month (or today, if that is earlier), and that answer
//! carries `Cache-Control: private, no-store` (the anonymous response
//! cache never sees it: it passes every request with a session by).

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use congthuong_core::{Geography, Lang};
use congthuong_report::{Briefing, Request};
use serde::Serialize;

use super::common::{boundaries_of, period_of};
use super::{Layout, Params, href, lang_of, page};
use crate::auth::Session;
use crate::download::file_response;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

/// The briefing; the registers' section only for a logged-in reader.
fn briefing(
    state: &AppState,
    data: &congthuong_figures::ReleaseData,
    params: &Params,
    lang: Lang,
    session: Option<&Session>,
) -> Result<Briefing, AppError> {
    let group = crate::codes::group_param(params, "north_28", lang)?;
    let period = period_of(params, data)?;
    let boundaries = match params.get("boundaries").map(String::as_str) {
        None | Some("") => None,
        Some(_) => Some(boundaries_of(params, period)?),
    };
    let threshold = super::common::threshold_of(params)?;
    let late_projects = match session {
        Some(_) => crate::projects::briefing::late_for_briefing(
            state.projects().path(),
            &group,
            congthuong_core::BoundaryVersion::V2025,
            crate::projects::briefing::as_of(
                period,
                crate::projects::registers::today_in_vietnam(),
            ),
            lang,
        )
        .map_err(AppError::Internal)?,
        None => None,
    };
    let req = Request {
        group,
        period,
        lang,
        threshold,
        boundaries,
        late_projects,
    };
    congthuong_report::write(data, &req).map_err(|e| AppError::NotFound(e.to_string()))
}

/// Marks an answer holding register data as never to be stored.
fn private(mut r: Response, session: Option<&Session>) -> Response {
    if session.is_some() {
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    r
}

#[derive(Serialize)]
struct BriefingPage {
    groups: Vec<(String, String, bool)>,
    period: String,
    threshold: String,
    body: String,
    downloads: Vec<(String, String)>,
    /// What the form keeps that it does not show: the pinned release and
    /// the boundary version the reader chose (a new group or month stays
    /// on the same release and map).
    kept_fields: Vec<(String, String)>,
}

/// `GET /bao-cao`
pub async fn get(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let data = state.release_for(&params).await?;
    let layout = Layout::new(&state, lang, "/bao-cao", &params, t(lang, "nav_briefing"))
        .session(session.as_ref());
    let layout = super::common::showing(layout, &state, &data, "/bao-cao", &params);
    let b = briefing(&state, &data, &params, lang, session.as_ref())?;
    let group = crate::codes::group_param(&params, "north_28", lang)?;
    let period = period_of(&params, &data)?.to_string();
    let threshold = params.get("threshold").cloned().unwrap_or_default();
    let groups = Geography::embedded()
        .groups()
        .iter()
        .map(|g| {
            (
                g.id().to_owned(),
                lang.pick(g.name_vi(), g.name_en()).to_owned(),
                g.id() == group.as_str(),
            )
        })
        .collect();
    let mut kept: Vec<(&str, String)> = params
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "lang" | "format"))
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    kept.sort();
    let downloads = [("PDF", "pdf"), ("Markdown", "md"), ("HTML", "html")]
        .iter()
        .map(|(label, f)| {
            let mut q = kept.clone();
            q.push(("format", (*f).to_owned()));
            ((*label).to_owned(), href("/bao-cao/tai-ve", lang, &q))
        })
        .collect();
    // The figures' downloads name what was shown (group and month resolved).
    let chart_keep = super::charts::kept(
        &params,
        &[("group", group.clone()), ("period", period.clone())],
    );
    let html = page(
        &state,
        layout,
        "briefing.html",
        BriefingPage {
            groups,
            period,
            threshold,
            body: congthuong_report::html::body_with(&b, &|n| {
                super::charts::briefing_links(n, &chart_keep, lang)
            }),
            downloads,
            kept_fields: ["release", "boundaries"]
                .iter()
                .filter_map(|k| {
                    let v = params.get(*k).map(|v| v.trim()).unwrap_or_default();
                    (!v.is_empty()).then(|| ((*k).to_owned(), v.to_owned()))
                })
                .collect(),
        },
    )?;
    Ok(private(html.into_response(), session.as_ref()))
}

/// `GET /bao-cao/tai-ve?format=pdf|md|html`
pub async fn download(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let format = params
        .get("format")
        .map_or("pdf", String::as_str)
        .to_owned();
    let name = format!(
        "briefing_{}_{}_{}.{format}",
        params
            .get("group")
            .filter(|g| !g.is_empty())
            .map_or("north_28", String::as_str),
        params
            .get("period")
            .filter(|p| !p.is_empty())
            .map_or("latest", String::as_str),
        lang.code()
    );
    let s = state.clone();
    let data = state.release_for(&params).await?;
    let reader = session.clone();
    // Typesetting a PDF takes a moment: off the async workers.
    let (format, bytes) = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
        let b = briefing(&s, &data, &params, lang, reader.as_ref())?;
        let bytes = match format.as_str() {
            "pdf" => congthuong_report::pdf::render(&b)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
            "md" => congthuong_report::markdown::render(&b).into_bytes(),
            "html" => congthuong_report::html::render(&b).into_bytes(),
            other => {
                return Err(AppError::BadRequest(match lang {
                    Lang::Vi => format!("không có định dạng {other:?}; hãy chọn pdf, md hoặc html"),
                    Lang::En => format!("unknown format {other:?}; use pdf, md or html"),
                }));
            }
        };
        Ok((format, bytes))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    let content_type = match format.as_str() {
        "pdf" => "application/pdf",
        "md" => "text/markdown; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };
    Ok(private(
        file_response(&name, content_type, bytes),
        session.as_ref(),
    ))
}
