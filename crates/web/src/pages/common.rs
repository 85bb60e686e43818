//! Small helpers shared by the pages: the month and boundaries a page is
//! asked for, and the download links of a table.

use congthuong_core::{BoundaryVersion, Period};

use congthuong_core::{Lang, display};

use super::{Layout, Params, href};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;
use congthuong_figures::ReleaseData;

/// The texts of the figure pages' additions (targets across the merger,
/// pinned releases, downloads, the release comparison).
pub const TEXTS: crate::i18n::Texts = &[
    (
        "release_not_latest",
        "Lần công bố {n} (kỳ {p}), không phải lần mới nhất",
        "Release {n} (period {p}), not the latest",
    ),
    ("see_latest", "xem lần mới nhất", "see the latest"),
    ("trade_value_month", "Giá trị tháng", "Value, month"),
    ("trade_value_ytd", "Giá trị cộng dồn", "Value, year to date"),
    (
        "permalink",
        "Liên kết cố định (lần công bố này)",
        "Permanent link (this release)",
    ),
    (
        "release_unknown",
        "Không có lần công bố {n}.",
        "There is no release {n}.",
    ),
    (
        "target_attained",
        "Đạt (% kế hoạch)",
        "Attained (% of target)",
    ),
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

/// The figure pages a pinned page's menu keeps pinned.
const FIGURE_PAGES: [&str; 5] = ["/", "/tinh", "/san-pham", "/thuong-mai", "/bao-cao"];

/// A province's, group's or the nation's name on its boundaries.
pub fn area_name(code: &str, version: BoundaryVersion, lang: Lang) -> String {
    let geo = congthuong_core::Geography::embedded();
    if code == congthuong_core::NATIONAL {
        return lang.pick("Cả nước", "Viet Nam").to_owned();
    }
    if let Ok(p) = geo.area(code, version) {
        return lang.pick(&p.short_name_vi, &p.name_ascii).to_owned();
    }
    geo.groups_with_subregions()
        .iter()
        .find(|g| g.id() == code)
        .map_or_else(
            || code.to_owned(),
            |g| lang.pick(g.name_vi(), g.name_en()).to_owned(),
        )
}

/// The `release=` a page was asked with ("" when none): links within a
/// pinned page carry it (`href` leaves out empty values).
pub fn pin(params: &Params) -> String {
    params
        .get("release")
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// The layout of a page showing `data`: its release in the footer with a
/// permanent link to this page pinned to it, the synthetic banner when
/// its data is synthetic, and, when it is not the latest release, the
/// notice saying so with a link to the same page on the latest. A pinned
/// page's menu keeps the pin on the figure pages.
pub fn showing(
    mut layout: Layout,
    state: &AppState,
    data: &ReleaseData,
    path: &str,
    params: &Params,
) -> Layout {
    let lang: Lang = layout.lang.parse().unwrap_or_default();
    let id = data.meta.id;
    let kept = |release: Option<String>| -> Vec<(&str, String)> {
        let mut v: Vec<(&str, String)> = params
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "lang" | "release"))
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        v.sort();
        if let Some(r) = release {
            v.push(("release", r));
        }
        v
    };
    layout.release_label = Some(format!(
        "{} {} ({})",
        t(lang, "release"),
        id,
        data.meta.period
    ));
    layout.synthetic = data.meta.synthetic;
    layout.permalink = Some(href(path, lang, &kept(Some(id.to_string()))));
    let latest = state.release().map(|r| r.meta.id);
    if latest != Some(id) {
        layout.pinned = Some((
            t(lang, "release_not_latest")
                .replace("{n}", &id.to_string())
                .replace("{p}", &{
                    let m = display::month(data.meta.period, lang);
                    if lang == Lang::Vi {
                        m.to_lowercase()
                    } else {
                        m
                    }
                }),
            href(path, lang, &kept(None)),
        ));
    }
    let pinned = pin(params);
    if !pinned.is_empty() {
        for (link, _, _) in &mut layout.nav {
            let page = link.split('?').next().unwrap_or_default();
            if FIGURE_PAGES.contains(&page) {
                *link = href(page, lang, &[("release", pinned.clone())]);
            }
        }
    }
    layout
}

/// One option of a selector.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What the reader sees.
    pub label: String,
    /// The current one.
    pub selected: bool,
}

/// The boundary selector's options, the 2025 map first, `selected` chosen.
pub fn boundary_choices(selected: BoundaryVersion, lang: Lang) -> Vec<Choice> {
    [BoundaryVersion::V2025, BoundaryVersion::Pre2025]
        .iter()
        .map(|b| Choice {
            value: b.to_string(),
            label: t(
                lang,
                if *b == BoundaryVersion::V2025 {
                    "boundaries_2025"
                } else {
                    "boundaries_pre2025"
                },
            )
            .to_owned(),
            selected: *b == selected,
        })
        .collect()
}

/// The selectors of a figure page (`filters.html`): group (when the page
/// has one), month and boundaries, with the language and the pinned
/// release kept as hidden fields.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Filters {
    /// Where the form goes.
    pub action: String,
    /// Groups (empty: the page has none).
    pub groups: Vec<Choice>,
    /// The release's months, newest first.
    pub periods: Vec<Choice>,
    /// The two boundary versions.
    pub boundaries: Vec<Choice>,
    /// Hidden fields: `lang`, `release`.
    pub hidden: Vec<(String, String)>,
}

/// The selectors of a page at `action` showing `period` on `boundaries`
/// (the boundaries actually used) of `data`, for `group` when given.
pub fn filters(
    data: &ReleaseData,
    lang: Lang,
    action: &str,
    group: Option<&str>,
    period: Period,
    boundaries: BoundaryVersion,
    params: &Params,
) -> Filters {
    let geo = congthuong_core::Geography::embedded();
    let groups = group.map_or_else(Vec::new, |current| {
        geo.groups()
            .iter()
            .map(|g| Choice {
                value: g.id().to_owned(),
                label: lang.pick(g.name_vi(), g.name_en()).to_owned(),
                selected: g.id() == current,
            })
            .collect()
    });
    let periods = data
        .view(BoundaryVersion::V2025)
        .map(|v| v.range.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|m| Choice {
            value: m.to_string(),
            label: display::month(m, lang),
            selected: m == period,
        })
        .collect();
    let boundaries = boundary_choices(boundaries, lang);
    let mut hidden = Vec::new();
    if lang == Lang::En {
        hidden.push(("lang".to_owned(), "en".to_owned()));
    }
    let pinned = pin(params);
    if !pinned.is_empty() {
        hidden.push(("release".to_owned(), pinned));
    }
    Filters {
        action: action.to_owned(),
        groups,
        periods,
        boundaries,
        hidden,
    }
}

/// The month asked for (`?period=`), else the latest released.
pub fn period_of(params: &Params, data: &ReleaseData) -> Result<Period, AppError> {
    let lang = super::lang_of(params);
    match params.get("period").filter(|p| !p.is_empty()) {
        Some(p) => p
            .parse::<Period>()
            .map_err(|e| AppError::BadRequest(e.message(lang))),
        None => data
            .latest()
            .ok_or_else(|| AppError::Unavailable(t(lang, "no_release").into())),
    }
}

/// The boundaries asked for (`?boundaries=`), else those in force in the month.
pub fn boundaries_of(params: &Params, period: Period) -> Result<BoundaryVersion, AppError> {
    match params.get("boundaries").map(String::as_str) {
        None | Some("") => Ok(BoundaryVersion::in_force(period)),
        Some(b) => b
            .parse::<BoundaryVersion>()
            .map_err(|e| AppError::BadRequest(e.message(super::lang_of(params)))),
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

/// The 404 of a month the release holds no figures for, in the reader's language.
pub fn no_figures(p: Period, lang: Lang) -> AppError {
    AppError::NotFound(match lang {
        Lang::Vi => format!("Không có số liệu kỳ {p}."),
        Lang::En => format!("no figures for {p}"),
    })
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
