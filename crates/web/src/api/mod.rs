//! The JSON API under `/api/v1`, described by `GET /api/openapi.json`.
//! Every error uses the envelope of [`crate::error::AppError`].

pub mod account;
pub mod figures;
pub mod openapi;
pub mod overview;
pub mod releases;
pub mod submissions;

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use self::openapi::params::{BOUNDARIES, FORMAT, FROM, GROUP, LANG, LEVEL, PERIOD, THRESHOLD, TO};
use self::openapi::{Access, Operation, Param, Schema};
use crate::state::AppState;

/// The routes of the core API (figures, submissions, releases, account).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/overview", get(overview::get))
        .route("/api/v1/provinces", get(figures::provinces))
        .route("/api/v1/provinces/{code}", get(figures::province))
        .route("/api/v1/products", get(figures::products))
        .route("/api/v1/trade", get(figures::trade))
        .route("/api/v1/series", get(figures::get_series))
        .route("/api/v1/reference", get(figures::reference))
        .route("/api/v1/me", get(account::me))
        .route(
            "/api/v1/submissions",
            get(submissions::list).post(submissions::create),
        )
        .route(
            "/api/v1/releases",
            get(releases::list).post(releases::create),
        )
        .route("/api/v1/releases/{id}", get(releases::show))
        .route("/api/v1/releases/{a}/diff/{b}", get(releases::compare))
        .route("/api/openapi.json", get(openapi::json))
        .route("/api/docs", get(openapi::docs))
}

const PROVINCE: Param = Param {
    name: "province",
    description: "The province's two-digit code (2025 boundaries for months from 2025-07).",
    schema: Schema::Text,
};

/// `release=N`: a figure answer pinned to a release.
const RELEASE: Param = Param {
    name: "release",
    description: "Release number (default: the latest): the answer for good, so a cited figure can be linked. 404 for an unknown release.",
    schema: Schema::Number,
};

/// `excel=vi`: a CSV for Excel in a Vietnamese locale.
const EXCEL: Param = Param {
    name: "excel",
    description: "With format=csv: vi writes ';' between cells, a decimal comma, values rounded half-up as the pages show them, and codes and months as text (=\"01\").",
    schema: Schema::OneOf(&["vi"]),
};

/// The operations of [`routes`].
pub const OPERATIONS: &[Operation] = &[
    Operation {
        method: "get",
        path: "/api/v1/health",
        summary: "The process is up; which release is loaded.",
        access: Access::Public,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/overview",
        summary: "A group's IIP growth for a month beside the nation, its members ranked, sub-regions, contributions.",
        access: Access::Public,
        params: &[
            GROUP, PERIOD, BOUNDARIES, THRESHOLD, FORMAT, EXCEL, RELEASE, LANG,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/provinces",
        summary: "Every province on the boundaries with its IIP growth for the month and year to date.",
        access: Access::Public,
        params: &[PERIOD, BOUNDARIES, FORMAT, EXCEL, RELEASE],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/provinces/{code}",
        summary: "A province's page: headline growth beside the nation, sections and divisions, main products, trade indicators, plan targets against the figures.",
        access: Access::Public,
        params: &[
            PERIOD,
            BOUNDARIES,
            FORMAT,
            EXCEL,
            RELEASE,
            Param {
                name: "table",
                description: "For csv, xlsx and sdmx: nodes (default), products, indicators or targets (no SDMX form).",
                schema: Schema::OneOf(&["nodes", "products", "indicators", "targets"]),
            },
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/products",
        summary: "A group's (or VN's) output of the main industrial products: month, year to date, growth, share of the nation.",
        access: Access::Public,
        params: &[GROUP, PERIOD, BOUNDARIES, FORMAT, EXCEL, RELEASE],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/trade",
        summary: "Retail sales (billion VND) and exports (million USD) of a group's provinces: month, year to date, growth.",
        access: Access::Public,
        params: &[GROUP, PERIOD, BOUNDARIES, FORMAT, EXCEL, RELEASE],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/series",
        summary: "IIP series by area, industry and month range: index level, growth on the previous month, the same month last year and year to date.",
        access: Access::Public,
        params: &[
            Param {
                name: "area",
                description: "Comma-separated province codes and/or VN (give area or group).",
                schema: Schema::Text,
            },
            Param {
                name: "group",
                description: "Comma-separated group ids (the group's own series), or members:<group> for each member province.",
                schema: Schema::Text,
            },
            Param {
                name: "code",
                description: "Comma-separated industry codes: TOTAL, section letters, divisions, classes, product codes (default TOTAL, or every node of the level).",
                schema: Schema::Text,
            },
            LEVEL,
            FROM,
            TO,
            Param {
                name: "boundaries",
                description: "pre2025 or 2025 (default).",
                schema: Schema::OneOf(&["pre2025", "2025"]),
            },
            FORMAT,
            EXCEL,
            RELEASE,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/reference",
        summary: "GSO's published national IIP growth, as published (revised where given), with its source.",
        access: Access::Public,
        params: &[
            FROM,
            TO,
            Param {
                name: "format",
                description: "json (default), csv or xlsx.",
                schema: Schema::OneOf(&["json", "csv", "xlsx"]),
            },
            RELEASE,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/me",
        summary: "Who is logged in, and the CSRF token writes carry in X-CSRF-Token.",
        access: Access::LoggedIn,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/submissions",
        summary: "Every stored version of a province's reports (optionally one month), newest first.",
        access: Access::OwnProvince,
        params: &[
            PROVINCE,
            Param {
                name: "period",
                description: "Month YYYY-MM (default: every month).",
                schema: Schema::Month,
            },
        ],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/submissions",
        summary: "Submit a province's monthly report (the body is the CSV or XLSX file): checked in full, stored as a new version; 422 lists every error with line and column.",
        access: Access::OwnProvince,
        params: &[
            PROVINCE,
            PERIOD,
            Param {
                name: "note",
                description: "Why this version (required for a revision).",
                schema: Schema::Text,
            },
        ],
        body: Some("The report file, CSV (microdata columns) or the Excel template."),
    },
    Operation {
        method: "get",
        path: "/api/v1/releases",
        summary: "Every release (published, immutable vintage), newest first.",
        access: Access::Public,
        params: &[],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/releases",
        summary: "Compile the stored reports into a new release.",
        access: Access::Analyst,
        params: &[],
        body: Some(r#"{"period": "YYYY-MM", "note": "why"}"#),
    },
    Operation {
        method: "get",
        path: "/api/v1/releases/{id}",
        summary: "One release: its period, inputs, counts and content hash.",
        access: Access::Public,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/releases/{a}/diff/{b}",
        summary: "What changed between two releases: inputs added, replaced or dropped, and every figure that moved (computed once per pair, then kept). JSON gives a page of the changed index rows (index_total counts them all); csv and xlsx give every one.",
        access: Access::Public,
        params: &[
            Param {
                name: "format",
                description: "json (default), csv or xlsx (the changed index rows).",
                schema: Schema::OneOf(&["json", "csv", "xlsx"]),
            },
            EXCEL,
            Param {
                name: "offset",
                description: "JSON: the first changed index row of the page (default 0).",
                schema: Schema::Number,
            },
            Param {
                name: "limit",
                description: "JSON: changed index rows in the page (default 1000, at most 10000).",
                schema: Schema::Number,
            },
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/openapi.json",
        summary: "This document.",
        access: Access::Public,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/docs",
        summary: "This document as a page.",
        access: Access::Public,
        params: &[],
        body: None,
    },
];

/// `GET /api/v1/health`: the process is up (and whether a release is loaded).
pub async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> Json<Value> {
    let release = state
        .release()
        .map(|r| json!({ "id": r.meta.id, "period": r.meta.period }));
    Json(json!({ "status": "ok", "release": release }))
}
