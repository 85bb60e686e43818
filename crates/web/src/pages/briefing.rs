//! `GET /bao-cao`: the conference briefing of a group for a month, shown
//! in the dashboard (every figure links to its table row), and
//! `GET /bao-cao/tai-ve?format=pdf|md|html`: the same as a file. Public:
//! it is written from released figures only.

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use congthuong_core::{Geography, Lang};
use congthuong_report::{Briefing, Request};
use serde::Serialize;

use super::common::{boundaries_of, period_of};
use super::{Layout, Params, href, lang_of, page};
use crate::download::file_response;
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

fn briefing(
    state: &AppState,
    data: &congthuong_figures::ReleaseData,
    params: &Params,
    lang: Lang,
) -> Result<Briefing, AppError> {
    let period = period_of(params, data)?;
    let boundaries = match params.get("boundaries").map(String::as_str) {
        None | Some("") => None,
        Some(_) => Some(boundaries_of(params, period)?),
    };
    let threshold = super::common::threshold_of(params)?;
    let group = params
        .get("group")
        .filter(|g| !g.is_empty())
        .cloned()
        .unwrap_or_else(|| "north_28".into());
    // Key projects are current: counted today, on the 2025 map.
    let late_projects = crate::projects::briefing::late_for_briefing(
        state.projects().path(),
        &group,
        congthuong_core::BoundaryVersion::V2025,
        crate::projects::registers::today_in_vietnam(),
        lang,
    )
    .map_err(AppError::Internal)?;
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

#[derive(Serialize)]
struct BriefingPage {
    groups: Vec<(String, String, bool)>,
    period: String,
    threshold: String,
    body: String,
    downloads: Vec<(String, String)>,
}

/// `GET /bao-cao`
pub async fn get(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let data = state.release_for(&params).await?;
    let layout = Layout::new(&state, lang, "/bao-cao", &params, t(lang, "nav_briefing"))
        .session(session.as_ref());
    let layout = super::common::showing(layout, &state, &data, "/bao-cao", &params);
    let b = briefing(&state, &data, &params, lang)?;
    let group = params
        .get("group")
        .filter(|g| !g.is_empty())
        .map_or("north_28", String::as_str);
    let period = period_of(&params, &data)?.to_string();
    let threshold = params.get("threshold").cloned().unwrap_or_default();
    let groups = Geography::embedded()
        .groups()
        .iter()
        .map(|g| {
            (
                g.id().to_owned(),
                lang.pick(g.name_vi(), g.name_en()).to_owned(),
                g.id() == group,
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
    page(
        &state,
        layout,
        "briefing.html",
        BriefingPage {
            groups,
            period,
            threshold,
            body: congthuong_report::html::body(&b),
            downloads,
        },
    )
}

/// `GET /bao-cao/tai-ve?format=pdf|md|html`
pub async fn download(
    State(state): State<AppState>,
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
    // Typesetting a PDF takes a moment: off the async workers.
    let (format, bytes) = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
        let b = briefing(&s, &data, &params, lang)?;
        let bytes = match format.as_str() {
            "pdf" => congthuong_report::pdf::render(&b)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
            "md" => congthuong_report::markdown::render(&b).into_bytes(),
            "html" => congthuong_report::html::render(&b).into_bytes(),
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown format {other:?}; use pdf, md or html"
                )));
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
    Ok(file_response(&name, content_type, bytes))
}
