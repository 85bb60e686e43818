//! `GET /du-an/chien-luoc`: the province × strategy checklist (issued,
//! decision, integrated into the provincial plan) and the form that marks
//! one issued; the grid the API's JSON and downloads use too.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use congthuong_core::Lang;
use serde::Serialize;

use super::late::{downloads, layout, login_first};
use super::params::{self, DEFAULT_GROUP};
use super::project::Notice;
use super::registers::{actor_of, read};
use super::tables::{Cell, Sheet};
use super::view::{self, Choice, Filters, Link};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, href, lang_of, page as render};
use crate::state::AppState;
use congthuong_projects::queries::{CellState, Scope, StrategyGrid, strategy_grid};
use congthuong_projects::{StrategyKind, StrategyRecord};

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

/// Renders the strategy grid with an optional notice.
pub async fn render_strategies(
    state: &AppState,
    session: &Session,
    p: &Params,
    notice: Option<Notice>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = lang_of(p);
    let scope = params::scope(crate::pages::lang_of(p), p, Some(DEFAULT_GROUP))?;
    let today = params::today(crate::pages::lang_of(p), p)?;
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
        provinces: view::editable_provinces(session, lang),
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
pub async fn page(
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
