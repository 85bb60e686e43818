//! Small helpers shared by the pages: the month and boundaries a page is
//! asked for, and the download links of a table.

use congthuong_core::{BoundaryVersion, Period};

use super::Params;
use crate::error::AppError;
use congthuong_figures::ReleaseData;

/// The texts of the figure pages' additions (targets across the merger,
/// pinned releases, downloads, the release comparison).
pub const TEXTS: crate::i18n::Texts = &[
    (
        "target_basis",
        "Nguồn chỉ tiêu",
        "Where the target comes from",
    ),
    (
        "target_not_comparable",
        "không có chỉ tiêu so sánh được (chỉ tiêu được giao cho địa bàn khác trước hoặc sau sáp nhập)",
        "no comparable target (targets were set for another territory before or after the merger)",
    ),
];

/// The month asked for (`?period=`), else the latest released.
pub fn period_of(params: &Params, data: &ReleaseData) -> Result<Period, AppError> {
    match params.get("period").filter(|p| !p.is_empty()) {
        Some(p) => p
            .parse::<Period>()
            .map_err(|e| AppError::BadRequest(e.to_string())),
        None => data
            .latest()
            .ok_or_else(|| AppError::Unavailable("nothing released yet".into())),
    }
}

/// The boundaries asked for (`?boundaries=`), else those in force in the month.
pub fn boundaries_of(params: &Params, period: Period) -> Result<BoundaryVersion, AppError> {
    match params.get("boundaries").map(String::as_str) {
        None | Some("") => Ok(BoundaryVersion::in_force(period)),
        Some(b) => b
            .parse::<BoundaryVersion>()
            .map_err(|e| AppError::BadRequest(e.to_string())),
    }
}

/// The growth threshold asked for (`?threshold=`, a comma accepted as the
/// decimal mark), else 11 %.
pub fn threshold_of(params: &Params) -> Result<f64, AppError> {
    match params.get("threshold").filter(|t| !t.is_empty()) {
        Some(t) => t
            .replace(',', ".")
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() < 1000.0)
            .ok_or_else(|| AppError::BadRequest(format!("threshold {t:?} is not a number"))),
        None => Ok(11.0),
    }
}

/// Download links of a table endpoint: (format label, href) for CSV,
/// XLSX and, where `sdmx`, SDMX-CSV.
pub fn downloads(api: &str, params: &[(&str, String)], sdmx: bool) -> Vec<(String, String)> {
    ["csv", "xlsx", "sdmx"]
        .iter()
        .filter(|f| sdmx || **f != "sdmx")
        .map(|f| {
            let mut q: Vec<(&str, String)> = params.to_vec();
            q.push(("format", (*f).to_owned()));
            let label = if *f == "sdmx" {
                "SDMX-CSV"
            } else {
                &f.to_uppercase()
            };
            (
                label.to_owned(),
                super::href(api, congthuong_core::Lang::Vi, &q),
            )
        })
        .collect()
}
