//! The registers' JSON API under `/api/v1`: [`OPERATIONS`] documents it,
//! [`super::api_read`] and [`super::api_write`] answer it.
//! Reads need a login; lists take `format=csv|xlsx` for downloads. Writes
//! take JSON bodies and the `X-CSRF-Token` header; a refusal is a 403
//! with an audit entry, a stale `expected_version` a 409, a value that
//! does not validate a 400 saying which.

use axum::body::Bytes;
use axum::http::HeaderMap;
use congthuong_projects::Date;
use serde::de::DeserializeOwned;

use crate::api::openapi::params::BOUNDARIES;
use crate::api::openapi::{Access, Operation, Param, Schema};
use crate::auth::Session;
use crate::auth::session::check_csrf;
use crate::error::AppError;

const SCOPE_GROUP: Param = Param {
    name: "group",
    description: "Group id, e.g. north_28, or all (the default: every province).",
    schema: Schema::Text,
};
const SCOPE_PROVINCE: Param = Param {
    name: "province",
    description: "Province code(s) on the chosen boundaries, comma-separated (instead of group).",
    schema: Schema::Text,
};
const TODAY: Param = Param {
    name: "today",
    description: "The day status is computed for, YYYY-MM-DD (default: today in Vietnam, UTC+7).",
    schema: Schema::Date,
};
const WITHIN: Param = Param {
    name: "within",
    description: "An item not done and due within this many days is at risk (default 30).",
    schema: Schema::Integer,
};
const LIST_FORMAT: Param = Param {
    name: "format",
    description: "json (default), csv or xlsx.",
    schema: Schema::OneOf(&["json", "csv", "xlsx"]),
};
const YEAR: Param = Param {
    name: "year",
    description: "The plan year (default: the day's year).",
    schema: Schema::Integer,
};
const MONTH: Param = Param {
    name: "month",
    description: "Disbursed from January through this month (default: the month before the day's, December for past years).",
    schema: Schema::Integer,
};
const AVERAGE: Param = Param {
    name: "average",
    description: "Compare with this average rate, percent (e.g. the national one; default: the rows' aggregate rate).",
    schema: Schema::Number,
};
const BY: Param = Param {
    name: "by",
    description: "Breakdown: any of province, industry, origin, comma-separated (default industry,origin).",
    schema: Schema::Text,
};
const AGENCY: Param = Param {
    name: "agency",
    description: "Only difficulties of agencies whose name contains this (without case or diacritics).",
    schema: Schema::Text,
};
const EXPECTED: Param = Param {
    name: "expected_version",
    description: "The version the body replaces (0: must be new); another version gives 409.",
    schema: Schema::Integer,
};
const REASON: Param = Param {
    name: "reason",
    description: "Why (kept with the version and in the audit log).",
    schema: Schema::Text,
};
const FILE: Param = Param {
    name: "file",
    description: "The file's name, for the error list.",
    schema: Schema::Text,
};

const SCOPED: &[Param] = &[
    SCOPE_GROUP,
    SCOPE_PROVINCE,
    BOUNDARIES,
    TODAY,
    WITHIN,
    LIST_FORMAT,
];

/// The operations of this part.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        method: "get",
        path: "/api/v1/projects",
        summary: "Key projects of a scope with their status computed from dates (on schedule, at risk, late, done) and days of slip.",
        access: Access::LoggedIn,
        params: SCOPED,
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/projects",
        summary: "Create or replace a key project (the whole record as JSON). History is kept: baselines never move, earlier re-plans and updates stay; a new version with who, when, why.",
        access: Access::OwnProvince,
        params: &[EXPECTED, REASON],
        body: Some(
            r#"A project: {"id", "name", "level": "national|provincial", "place": {"boundary": "2025", "provinces": ["24"]}, "sector": "vsic:24|energy|industrial_park|trade_infrastructure", "investor", "total_investment", "capital": {"central_budget": 1.0}, "agency", "milestones": [{"code", "name", "agency", "baseline": "YYYY-MM-DD", "replans": [], "actual": null}], "site_clearance", "procedures", "disbursement", "blockers", "updates", "earned_value", "synthetic": false}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/late",
        summary: "Late and at-risk key projects of a scope, most urgent first: who must act (agency) on what (milestone, procedure, blocker) by when, days of slip, escalation.",
        access: Access::LoggedIn,
        params: SCOPED,
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/disbursement",
        summary: "Disbursement against the year's plan by province, ranked, against the average (and the Prime Minister's plan where reported).",
        access: Access::LoggedIn,
        params: &[
            SCOPE_GROUP,
            SCOPE_PROVINCE,
            BOUNDARIES,
            TODAY,
            YEAR,
            MONTH,
            AVERAGE,
            LIST_FORMAT,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/{id}",
        summary: "One key project: the record, its status, timeline (baseline, re-plans, actual), who must act, earned value (SPI = EV/PV, CPI = EV/AC), version history and audit entries.",
        access: Access::LoggedIn,
        params: &[TODAY, WITHIN],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/updates",
        summary: "Add a progress update (append-only).",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"text": "…", "date": "YYYY-MM-DD (default today)", "physical_percent": 40.5, "expected_version": 3, "reason": "…"}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/milestones/{code}/actual",
        summary: "Record (or correct; null clears) a milestone's actual date.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(r#"{"date": "YYYY-MM-DD", "expected_version": 3, "reason": "…"}"#),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/milestones/{code}/replans",
        summary: "Re-plan a milestone: a new planned date with the reason and the approving decision, kept beside the baseline and earlier re-plans (never overwriting them).",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"date": "YYYY-MM-DD", "reason": "… (required)", "decision": "123/QĐ-UBND", "expected_version": 3}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/blockers",
        summary: "Add a blocker with the responsible agency, escalation level and deadline.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"code": "VM-3", "description": "…", "category": "site_clearance|procedures|capital|materials|contractor|technical|other", "agency": "…", "escalation": "province|ministry|steering_committee|prime_minister", "raised": "YYYY-MM-DD (default today)", "deadline": "YYYY-MM-DD", "expected_version": 3}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/{id}/blockers/{code}/resolve",
        summary: "Resolve an open blocker: the date and how.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"date": "YYYY-MM-DD (default today)", "resolution": "…", "expected_version": 3}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/strategies",
        summary: "The strategy checklist: for each province of a scope and each required strategy or scheme, issued or not (decision number and date), integrated into the provincial plan.",
        access: Access::LoggedIn,
        params: &[SCOPE_GROUP, SCOPE_PROVINCE, BOUNDARIES, LIST_FORMAT],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/strategies",
        summary: "Mark a province's strategy or scheme issued (2025 province code, decision number and date, integrated or not).",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"province": "24", "kind": "ct_2021_2030_2045", "decision_number": "123/QĐ-UBND", "decision_date": "YYYY-MM-DD", "integrated": true, "note": "…", "expected_version": 1}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/investment",
        summary: "Investment attraction: projects registered, capital registered and disbursed, by priority industry, domestic or foreign, province.",
        access: Access::LoggedIn,
        params: &[
            SCOPE_GROUP,
            SCOPE_PROVINCE,
            BOUNDARIES,
            YEAR,
            BY,
            LIST_FORMAT,
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/difficulties",
        summary: "Business difficulties by responsible agency (open, overdue, closed on time or late) and the overdue list, longest first.",
        access: Access::LoggedIn,
        params: &[
            SCOPE_GROUP,
            SCOPE_PROVINCE,
            BOUNDARIES,
            TODAY,
            AGENCY,
            LIST_FORMAT,
        ],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/difficulties",
        summary: "Record a difficulty raised by a business or association (2025 province code); its id is made when not given.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"raised_by": "…", "raiser_kind": "business|association", "topic": "…", "detail": "…", "province": "24", "agency": "…", "raised": "YYYY-MM-DD (default today)", "deadline": "YYYY-MM-DD", "id": "optional"}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/difficulties/{id}/close",
        summary: "Close an open difficulty: resolved or answered, the date and the resolution.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"status": "resolved|answered", "date": "YYYY-MM-DD (default today)", "resolution": "…", "expected_version": 2}"#,
        ),
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/registers/{register}/template",
        summary: "The Excel template of a register (projects, strategies, investment, difficulties).",
        access: Access::LoggedIn,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/projects/registers/{register}/export",
        summary: "A register's current records as XLSX, in the template's layout (can be edited and imported back).",
        access: Access::LoggedIn,
        params: &[],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/projects/registers/import",
        summary: "Import a filled-in template (the XLSX file is the body): all or nothing; 422 lists every problem with sheet, row, column and reason.",
        access: Access::OwnProvince,
        params: &[FILE, REASON],
        body: Some("The workbook (.xlsx)."),
    },
];

/// The JSON body, or 400 saying what is wrong.
pub(super) fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::BadRequest(format!("the JSON body: {e}")))
}

/// The `X-CSRF-Token` header must be the session's.
pub(super) fn csrf(session: &Session, headers: &HeaderMap) -> Result<(), AppError> {
    check_csrf(
        session,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )
}

/// A date given, else `default`.
pub(super) fn date_or(s: Option<&str>, default: Date) -> Result<Date, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => Date::parse(d).map_err(|e| AppError::BadRequest(e.to_string())),
        None => Ok(default),
    }
}

/// A value that does not validate: 400.
pub(super) fn user(e: congthuong_projects::Error) -> AppError {
    AppError::BadRequest(e.to_string())
}
