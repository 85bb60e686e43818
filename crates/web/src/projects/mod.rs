//! Key projects, strategies and schemes, investment attraction and
//! business difficulties (issue 8) on the dashboard and the API: the late
//! and at-risk lists ("who must act by when") per province and group, a
//! project's page with its milestone timeline, the disbursement ranking,
//! the strategy grid, investment by priority industry, difficulties by
//! agency; edits through forms and JSON; Excel import and export.
//!
//! The registers live in the main database file beside the store's
//! tables (`proj_*`), their changes in its `audit_log`; the logic is in
//! `congthuong-projects`, this module only reads requests, checks roles
//! and lays out.
//!
//! # Who may do what
//! - Reading (pages and API): any logged-in account. The registers are
//!   working data of the ministry and the provinces, not released
//!   figures: anonymous visitors are sent to the login page (pages) or
//!   get 401 (API).
//! - Changing: analysts and admins every record; a provincial officer the
//!   records of their own province (a project spanning several provinces
//!   is theirs when one of its provinces is theirs, read on the 2025
//!   map); viewers nothing. A refusal is a 403 with an entry in the audit
//!   log. Writes need the session's CSRF token (`csrf` form field or
//!   `X-CSRF-Token` header).
//!
//! # Layout
//! - [`registers`]: the connection to the registers, the reader's actor,
//!   today, and turning the registers' errors into answers.
//! - [`params`]: the scope, day and year a request asks for.
//! - [`view`]: labels and numbers in the reader's language.
//! - [`gantt`]: the milestone timeline as SVG, drawn on the server.
//! - [`tables`]: list tables as CSV and XLSX downloads.
//! - [`late`], [`project`], [`disbursement`], [`strategies`],
//!   [`investment`], [`difficulties`], [`transfer`]: the pages.
//! - [`forms`]: the pages' edit forms.
//! - [`api`], [`api_read`], [`api_write`]: the JSON API ([`OPERATIONS`]).
//! - [`demo`]: synthetic registers for `serve --demo`.
//! - [`texts`]: the interface texts ([`TEXTS`]).

pub mod api;
pub mod api_read;
pub mod api_write;
pub mod briefing;
pub mod demo;
pub mod difficulties;
pub mod disbursement;
pub mod forms;
pub mod gantt;
pub mod investment;
pub mod late;
pub mod params;
pub mod project;
pub mod registers;
pub mod strategies;
pub mod tables;
pub mod texts;
pub mod transfer;
pub mod view;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};

pub use api::OPERATIONS;
pub use registers::Registers;
pub use texts::TEXTS;

use crate::state::AppState;

/// The part's templates.
pub const TEMPLATES: crate::templates::Files = &[
    (
        "projects/_head.html",
        include_str!("../../templates/projects/_head.html"),
    ),
    (
        "projects/late.html",
        include_str!("../../templates/projects/late.html"),
    ),
    (
        "projects/list.html",
        include_str!("../../templates/projects/list.html"),
    ),
    (
        "projects/project.html",
        include_str!("../../templates/projects/project.html"),
    ),
    (
        "projects/disbursement.html",
        include_str!("../../templates/projects/disbursement.html"),
    ),
    (
        "projects/strategies.html",
        include_str!("../../templates/projects/strategies.html"),
    ),
    (
        "projects/investment.html",
        include_str!("../../templates/projects/investment.html"),
    ),
    (
        "projects/difficulties.html",
        include_str!("../../templates/projects/difficulties.html"),
    ),
    (
        "projects/transfer.html",
        include_str!("../../templates/projects/transfer.html"),
    ),
];

const CSS: &str = include_str!("../../static/projects.css");

async fn css() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        CSS,
    )
}

/// The part's routes: pages under `/du-an`, the API under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/du-an.css", get(css))
        .route("/du-an", get(late::page))
        .route("/du-an/danh-sach", get(late::list_page))
        .route("/du-an/giai-ngan", get(disbursement::page))
        .route(
            "/du-an/chien-luoc",
            get(strategies::page).post(forms::strategy),
        )
        .route("/du-an/dau-tu", get(investment::page))
        .route(
            "/du-an/kho-khan",
            get(difficulties::page).post(forms::difficulty),
        )
        .route("/du-an/kho-khan/giai-quyet", post(forms::close_difficulty))
        .route("/du-an/excel", get(transfer::page).post(transfer::upload))
        .route("/du-an/{id}", get(project::page))
        .route("/du-an/{id}/cap-nhat", post(forms::update))
        .route("/du-an/{id}/hoan-thanh", post(forms::actual))
        .route("/du-an/{id}/dieu-chinh", post(forms::replan))
        .route("/du-an/{id}/vuong-mac", post(forms::blocker))
        .route("/du-an/{id}/vuong-mac/giai-quyet", post(forms::resolve))
        .route(
            "/api/v1/projects",
            get(api_read::list).post(api_write::save_project),
        )
        .route("/api/v1/projects/late", get(api_read::late))
        .route("/api/v1/projects/disbursement", get(api_read::disbursement))
        .route(
            "/api/v1/projects/registers/import",
            post(transfer::api_import),
        )
        .route(
            "/api/v1/projects/registers/{register}/export",
            get(transfer::api_export),
        )
        .route(
            "/api/v1/projects/registers/{register}/template",
            get(transfer::api_template),
        )
        .route("/api/v1/projects/{id}", get(api_read::show))
        .route("/api/v1/projects/{id}/updates", post(api_write::add_update))
        .route(
            "/api/v1/projects/{id}/milestones/{code}/actual",
            post(api_write::record_actual),
        )
        .route(
            "/api/v1/projects/{id}/milestones/{code}/replans",
            post(api_write::replan),
        )
        .route(
            "/api/v1/projects/{id}/blockers",
            post(api_write::add_blocker),
        )
        .route(
            "/api/v1/projects/{id}/blockers/{code}/resolve",
            post(api_write::resolve_blocker),
        )
        .route(
            "/api/v1/strategies",
            get(api_read::strategies).post(api_write::save_strategy),
        )
        .route("/api/v1/investment", get(api_read::investment))
        .route(
            "/api/v1/difficulties",
            get(api_read::difficulties).post(api_write::add_difficulty),
        )
        .route(
            "/api/v1/difficulties/{id}/close",
            post(api_write::close_difficulty),
        )
}
