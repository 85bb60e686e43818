//! What a request asks for: the provinces (`group` or `province`, read on
//! `boundaries`), the day status is computed for (`today`, default today
//! in Vietnam) and the at-risk window (`within`, default 30 days), a
//! year, a download format.
//!
//! Every reader takes the reader's language: a page passes its own, the
//! JSON API English (its messages stay English).

use congthuong_core::{BoundaryVersion, Geography, Lang};
use congthuong_projects::Date;
use congthuong_projects::queries::Scope;
use congthuong_projects::status::StatusRules;

use super::registers::today_in_vietnam;
use crate::error::AppError;
use crate::pages::Params;

/// The group a page shows when none is asked for: the conference's.
pub const DEFAULT_GROUP: &str = "north_28";

fn get<'a>(p: &'a Params, k: &str) -> Option<&'a str> {
    p.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// The boundaries asked for, default the 2025 map.
pub fn boundaries(lang: Lang, p: &Params) -> Result<BoundaryVersion, AppError> {
    match get(p, "boundaries") {
        None => Ok(BoundaryVersion::V2025),
        Some(b) => b
            .parse::<BoundaryVersion>()
            .map_err(|e| AppError::BadRequest(e.message(lang))),
    }
}

/// The scope: `province=CODE[,CODE…]`, else `group=ID` (`all` for every
/// province), else `default_group` (every province when `None`).
pub fn scope(lang: Lang, p: &Params, default_group: Option<&str>) -> Result<Scope, AppError> {
    let version = boundaries(lang, p)?;
    let bad = |e: congthuong_projects::Error| AppError::BadRequest(e.message(lang));
    // Unknown codes: a 404 naming the nearest (the one reader,
    // `crate::codes`), in the language of `?lang=` as on every page and
    // API (Vietnamese unless `lang=en`), whatever the caller's `lang`.
    let asked = crate::pages::lang_of(p);
    if let Some(codes) = get(p, "province") {
        crate::codes::areas(codes, version, asked)?;
        let codes: Vec<&str> = codes.split(',').map(str::trim).collect();
        return Scope::provinces(version, &codes).map_err(bad);
    }
    match get(p, "group").or(default_group) {
        None | Some("all") => Ok(Scope::all(version)),
        Some(g) => {
            crate::codes::group(g, asked)?;
            Scope::group(g, version).map_err(bad)
        }
    }
}

/// The day asked for, else today in Vietnam.
pub fn today(lang: Lang, p: &Params) -> Result<Date, AppError> {
    match get(p, "today") {
        None => Ok(today_in_vietnam()),
        Some(d) => Date::parse(d).map_err(|e| AppError::BadRequest(e.message(lang))),
    }
}

/// The at-risk window asked for (`within`, 0–365 days), default 30.
pub fn rules(lang: Lang, p: &Params) -> Result<StatusRules, AppError> {
    match get(p, "within") {
        None => Ok(StatusRules::default()),
        Some(w) => match w.parse::<i64>() {
            Ok(n) if (0..=365).contains(&n) => Ok(StatusRules { within_days: n }),
            _ => Err(AppError::BadRequest(match lang {
                Lang::Vi => format!("within {w:?}: cần số ngày từ 0 đến 365"),
                Lang::En => format!("within {w:?}: expected a number of days from 0 to 365"),
            })),
        },
    }
}

/// An optional integer parameter in a range.
pub fn int(
    lang: Lang,
    p: &Params,
    k: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, AppError> {
    match get(p, k) {
        None => Ok(None),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(AppError::BadRequest(match lang {
                Lang::Vi => format!(
                    "{} {v:?}: cần một số nguyên từ {} đến {}",
                    param_vi(k),
                    range.start(),
                    range.end()
                ),
                Lang::En => format!(
                    "{k} {v:?}: expected a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            })),
        },
    }
}

/// An optional number parameter, typed as the reader writes numbers
/// (`95,5` in Vietnamese, `95.5` in English; see `congthuong_core::number`).
pub fn number(lang: Lang, p: &Params, k: &str) -> Result<Option<f64>, AppError> {
    match get(p, k) {
        None => Ok(None),
        Some(v) => match congthuong_core::number::parse_decimal(v, lang) {
            Ok(n) if n.to_f64().is_finite() => Ok(Some(n.to_f64())),
            Ok(_) => Err(AppError::BadRequest(match lang {
                Lang::Vi => format!("{} {v:?}: số quá lớn", param_vi(k)),
                Lang::En => format!("{k} {v:?}: too large"),
            })),
            Err(e) => Err(AppError::BadRequest(match lang {
                Lang::Vi => format!("{}: {}", param_vi(k), e.message(lang)),
                Lang::En => format!("{k}: {}", e.message(lang)),
            })),
        },
    }
}

/// A query parameter's name in Vietnamese.
fn param_vi(k: &str) -> &str {
    match k {
        "year" => "năm",
        "month" => "tháng",
        "average" => "tỷ lệ bình quân so sánh",
        "within" => "số ngày cảnh báo",
        other => other,
    }
}

/// A download format: `json` (default), `csv` or `xlsx`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON.
    Json,
    /// CSV (UTF-8 with BOM).
    Csv,
    /// One worksheet.
    Xlsx,
}

/// The format asked for.
pub fn format(lang: Lang, p: &Params) -> Result<Format, AppError> {
    match get(p, "format") {
        None | Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some("xlsx") => Ok(Format::Xlsx),
        Some(other) => Err(AppError::BadRequest(match lang {
            Lang::Vi => format!("không có định dạng {other:?}; dùng json, csv hoặc xlsx"),
            Lang::En => format!("unknown format {other:?}; use json, csv or xlsx"),
        })),
    }
}

/// A text parameter, if given.
pub fn text<'a>(p: &'a Params, k: &str) -> Option<&'a str> {
    get(p, k)
}

/// What a scope is called in the reader's language.
pub fn scope_name(scope: &Scope, lang: Lang) -> String {
    let geo = Geography::embedded();
    if scope.label == "all" {
        return lang.pick("Cả nước", "Whole country").to_owned();
    }
    if let Ok(g) = geo.group(&scope.label) {
        return lang.pick(g.name_vi(), g.name_en()).to_owned();
    }
    scope
        .members
        .iter()
        .map(|c| super::view::province_name(*c, scope.version, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The query a page was asked with, minus `lang` and `format`, as pairs
/// (links to the same scope on other tabs and downloads keep it).
pub fn carried(p: &Params) -> Vec<(&'static str, String)> {
    [
        "group",
        "province",
        "boundaries",
        "today",
        "within",
        "year",
        "month",
    ]
    .iter()
    .filter_map(|k| get(p, k).map(|v| (*k, v.to_owned())))
    .collect()
}
