//! Small helpers shared by the pages: the month and boundaries a page is
//! asked for, and growth from two sums.

use congthuong_core::{BoundaryVersion, Period};

use super::Params;
use crate::error::AppError;
use congthuong_figures::ReleaseData;

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

/// `100 × (current / previous − 1)`, when both are there and previous ≠ 0.
pub fn growth_of(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    match (current, previous) {
        (Some(c), Some(p)) if p != 0.0 => Some(100.0 * (c / p - 1.0)),
        _ => None,
    }
}
