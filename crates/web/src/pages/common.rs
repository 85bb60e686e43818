//! Small helpers shared by the pages: the month and boundaries a page is
//! asked for, and the download links of a table.

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

/// The growth threshold asked for (`?threshold=`), else 11 %: a number
/// as the page's reader writes it (`10,5` on a Vietnamese page, `10.5` on
/// either; `congthuong_core::number`), a trailing `%` allowed, between
/// -1000 and 1000; a refusal names the field in the page's language.
pub fn threshold_of(params: &Params) -> Result<f64, AppError> {
    let lang = super::lang_of(params);
    let Some(t) = params.get("threshold").filter(|t| !t.trim().is_empty()) else {
        return Ok(11.0);
    };
    let text = t.trim().trim_end_matches('%');
    let field = lang.pick("Ngưỡng tăng trưởng", "Growth threshold");
    let value = congthuong_core::number::parse_decimal(text, lang)
        .map_err(|e| AppError::BadRequest(format!("{field}: {}", e.message(lang))))?
        .to_f64();
    if value.is_finite() && value.abs() < 1000.0 {
        Ok(value)
    } else {
        Err(AppError::BadRequest(match lang {
            congthuong_core::Lang::Vi => {
                format!("{field}: {t:?} nằm ngoài khoảng -1000 đến 1000 (%)")
            }
            congthuong_core::Lang::En => {
                format!("{field}: {t:?} is outside -1000 to 1000 (%)")
            }
        }))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn threshold(pairs: &[(&str, &str)]) -> Result<f64, String> {
        let p: Params = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        threshold_of(&p).map_err(|e| e.to_string())
    }

    #[test]
    fn the_threshold_reads_as_the_pages_reader_writes_numbers() {
        assert_eq!(threshold(&[]), Ok(11.0));
        assert_eq!(threshold(&[("threshold", "10,5")]), Ok(10.5));
        assert_eq!(threshold(&[("threshold", "10.5")]), Ok(10.5));
        assert_eq!(threshold(&[("threshold", "12 %")]), Ok(12.0));
        assert_eq!(
            threshold(&[("threshold", "10,5"), ("lang", "en")]),
            Ok(10.5)
        );
        let e = threshold(&[("threshold", "abc")]).unwrap_err();
        assert!(
            e.starts_with("Ngưỡng tăng trưởng: \"abc\" không phải là số"),
            "{e}"
        );
        let e = threshold(&[("threshold", "abc"), ("lang", "en")]).unwrap_err();
        assert!(
            e.starts_with("Growth threshold: \"abc\" is not a number"),
            "{e}"
        );
        let e = threshold(&[("threshold", "1.000.000")]).unwrap_err();
        assert!(e.contains("ngoài khoảng"), "{e}");
    }
}
