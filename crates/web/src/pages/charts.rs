//! Charts on the pages, each with its figures as an accessible table and
//! SVG and PNG downloads (issue 14 item 10).
//!
//! A [`ChartView`] is what a page shows of a chart: the inline SVG, the
//! same figures in a table (a `<details>` under the chart: no JavaScript),
//! and download links to `/bieu-do/…` carrying the page's parameters
//! (`group`, `period`, `boundaries`, `threshold`, `lang`, and `release`
//! when the page has one). The download routes rebuild the chart from the
//! same parameters with the same functions, so the file is the chart the
//! reader saw: SVG as is (without the page's links), PNG rasterised on the
//! server with the embedded font ([`congthuong_charts::png`]).
//!
//! Routes: `/bieu-do/tong-quan/{ban-do|xep-hang|dong-gop}.{svg|png}`
//! (the overview), `/bieu-do/tinh/{code}/{chi-so|tang-truong}.{svg|png}`
//! (a province), `/bieu-do/bao-cao/{1|2}.{svg|png}` (the briefing's
//! figures), `?width=` for a PNG's width in pixels. PNGs are made at most
//! [`PNG_AT_ONCE`] at a time (each holds up to 48 MB of pixels).
//!
//! May touch the release in the state; never the store.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use congthuong_charts::bars::{Bar, Ranking, Reference, Unit, ranking};
use congthuong_charts::line::{Line, LineChart, line_chart};
use congthuong_charts::map::{Choropleth, choropleth};
use congthuong_charts::scale::ColorScale;
use congthuong_core::display::{month, number, percent, signed_percent, year_to_date};
use congthuong_core::{AreaCode, BoundaryVersion, Lang, Period};
use congthuong_engine::Comparison;
use congthuong_figures::overview::{MemberRow, Overview, overview};
use congthuong_figures::{ReleaseData, View};
use serde::Serialize;

use super::common::{boundaries_of, period_of};
use super::{Params, href, lang_of};
use crate::download::file_response;
use crate::error::AppError;
use crate::i18n::{Texts, t};
use crate::state::AppState;

/// This part's interface texts.
pub const TEXTS: Texts = &[
    (
        "ch_table",
        "Bảng số liệu của biểu đồ",
        "The chart's figures",
    ),
    ("ch_download", "Tải biểu đồ", "Download the chart"),
    ("ch_in_group", "Thuộc vùng", "In the group"),
    ("ch_yes", "Có", "Yes"),
    ("ch_month", "Tháng", "Month"),
    ("ch_class", "Nhóm màu", "Colour class"),
];

/// This part's templates.
pub const TEMPLATES: crate::templates::Files =
    &[("chart.html", include_str!("../../templates/chart.html"))];

/// The most PNGs made at once.
pub const PNG_AT_ONCE: usize = 2;
/// A PNG's default width: the map (tall) and the other charts.
const PNG_MAP_WIDTH: u32 = 1200;
const PNG_CHART_WIDTH: u32 = 920;

static PNG_PERMITS: LazyLock<tokio::sync::Semaphore> =
    LazyLock::new(|| tokio::sync::Semaphore::new(PNG_AT_ONCE));

/// A chart's figures as a table (the first cell of a row heads it).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct ChartTable {
    /// Column headings.
    pub columns: Vec<String>,
    /// Which columns hold figures (set right-aligned).
    pub numeric: Vec<bool>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// A chart as a page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    /// `map`, `ranking`, `contributions`, `index`, `growth`.
    pub id: &'static str,
    /// Its heading.
    pub title: String,
    /// The SVG.
    pub svg: String,
    /// Its figures.
    pub table: ChartTable,
    /// (label, href): SVG and PNG.
    pub downloads: Vec<(String, String)>,
}

/// The page parameters a chart link keeps (`lang` is added by [`href`]).
const KEPT: [&str; 5] = ["group", "period", "boundaries", "threshold", "release"];

/// SVG and PNG links to `path` (without extension) with the page's parameters.
pub fn download_links(path: &str, params: &[(&str, String)], lang: Lang) -> Vec<(String, String)> {
    ["svg", "png"]
        .iter()
        .map(|ext| {
            (
                ext.to_uppercase(),
                href(&format!("{path}.{ext}"), lang, params),
            )
        })
        .collect()
}

/// The parameters to keep from a page's query, with resolved values for
/// those the page resolved (so a link names what was shown).
pub fn kept(params: &Params, resolved: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    KEPT.iter()
        .filter_map(|k| {
            resolved
                .iter()
                .find(|(r, _)| r == k)
                .map(|(_, v)| v.clone())
                .or_else(|| params.get(*k).filter(|v| !v.is_empty()).cloned())
                .map(|v| (*k, v))
        })
        .collect()
}

fn name(lang: Lang, vi: &str, en: &str) -> String {
    lang.pick(vi, en).to_owned()
}

/// The overview's three charts: the map, the ranking, the contributions.
/// `link` gives each province's page (none in a downloaded file).
pub fn overview_charts(
    o: &Overview,
    lang: Lang,
    keep: &[(&str, String)],
    link: Option<&dyn Fn(AreaCode) -> String>,
) -> [ChartView; 3] {
    let q = &o.query;
    let p = q.period;
    let pct = |v: Option<f64>| signed_percent(v, 1, lang);
    let scale = ColorScale::growth();
    let values: BTreeMap<AreaCode, f64> = o
        .map
        .iter()
        .filter_map(|(c, v)| Some((AreaCode::parse(c).ok()?, *v)))
        .collect();
    let focus: Vec<AreaCode> = o
        .members
        .iter()
        .filter_map(|m| AreaCode::parse(&m.code).ok())
        .collect();
    let map_title = format!("{} — {}", t(lang, "map_title"), year_to_date(p, lang));
    let map_svg = choropleth(&Choropleth {
        version: q.boundaries,
        title: &map_title,
        values: &values,
        scale: &scale,
        focus: Some(&focus),
        lang,
        decimals: 1,
        legend_title: t(lang, "legend_growth"),
        href: link,
        labels: true,
    });
    let geo = congthuong_core::Geography::embedded();
    let mut map_rows: Vec<(f64, Vec<String>)> = values
        .iter()
        .map(|(c, v)| {
            let nm = geo.province(*c, q.boundaries).map_or_else(
                || c.to_string(),
                |pr| name(lang, &pr.short_name_vi, &pr.name_ascii),
            );
            let class = scale
                .legend(lang, " %")
                .into_iter()
                .find(|e| e.color == scale.color(Some(*v)))
                .map(|e| e.label)
                .unwrap_or_default();
            (
                *v,
                vec![
                    nm,
                    pct(Some(*v)),
                    class,
                    if focus.contains(c) {
                        t(lang, "ch_yes").to_owned()
                    } else {
                        String::new()
                    },
                ],
            )
        })
        .collect();
    map_rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let member_name = |m: &MemberRow| name(lang, &m.name_vi, &m.name_en);
    let bars: Vec<Bar> = o
        .members
        .iter()
        .map(|m| Bar {
            label: member_name(m),
            value: m.ytd,
            href: link.and_then(|l| AreaCode::parse(&m.code).ok().map(l)),
        })
        .collect();
    let mut refs = Vec::new();
    if let Some(n) = o.national.comparison_ytd {
        refs.push(Reference {
            label: format!("{} {}", t(lang, "national"), pct(Some(n))),
            value: n,
        });
    }
    refs.push(Reference {
        label: format!(
            "{} {}",
            t(lang, "threshold_line"),
            percent(Some(q.threshold), 1, lang)
        ),
        value: q.threshold,
    });
    let ranking_svg = ranking(&Ranking {
        title: t(lang, "ranking_title"),
        bars: &bars,
        references: &refs,
        lang,
        decimals: 1,
        unit: Unit::Percent,
        scale: &scale,
    });
    let mut by_contribution: Vec<&MemberRow> = o.members.iter().collect();
    by_contribution.sort_by(|a, b| {
        b.contribution_ytd
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.contribution_ytd.unwrap_or(f64::NEG_INFINITY))
    });
    let cbars: Vec<Bar> = by_contribution
        .iter()
        .map(|m| Bar {
            label: member_name(m),
            value: m.contribution_ytd,
            href: None,
        })
        .collect();
    let contributions_svg = ranking(&Ranking {
        title: t(lang, "contributions_title"),
        bars: &cbars,
        references: &[],
        lang,
        decimals: 2,
        unit: Unit::Plain,
        scale: &ColorScale::sign(),
    });
    let base = "/bieu-do/tong-quan";
    [
        ChartView {
            id: "map",
            title: map_title.clone(),
            svg: map_svg,
            table: ChartTable {
                columns: vec![
                    t(lang, "province").to_owned(),
                    t(lang, "ytd_yoy").to_owned(),
                    t(lang, "ch_class").to_owned(),
                    t(lang, "ch_in_group").to_owned(),
                ],
                numeric: vec![false, true, false, false],
                rows: map_rows.into_iter().map(|(_, r)| r).collect(),
            },
            downloads: download_links(&format!("{base}/ban-do"), keep, lang),
        },
        ChartView {
            id: "ranking",
            title: t(lang, "ranking_title").to_owned(),
            svg: ranking_svg,
            table: ChartTable {
                columns: vec![
                    "#".into(),
                    t(lang, "province").to_owned(),
                    t(lang, "ytd_yoy").to_owned(),
                ],
                numeric: vec![false, false, true],
                rows: o
                    .members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| vec![(i + 1).to_string(), member_name(m), pct(m.ytd)])
                    .collect(),
            },
            downloads: download_links(&format!("{base}/xep-hang"), keep, lang),
        },
        ChartView {
            id: "contributions",
            title: t(lang, "contributions_title").to_owned(),
            svg: contributions_svg,
            table: ChartTable {
                columns: vec![
                    t(lang, "province").to_owned(),
                    t(lang, "contribution_pp").to_owned(),
                ],
                numeric: vec![false, true],
                rows: by_contribution
                    .iter()
                    .map(|m| vec![member_name(m), number(m.contribution_ytd, 2, lang)])
                    .collect(),
            },
            downloads: download_links(&format!("{base}/dong-gop"), keep, lang),
        },
    ]
}

/// A province's two charts: its index and its growth over the release's
/// months, beside the nation (and GSO's published growth).
pub fn province_charts(
    data: &ReleaseData,
    view: &View,
    code: AreaCode,
    lang: Lang,
    keep: &[(&str, String)],
) -> [ChartView; 2] {
    let geo = congthuong_core::Geography::embedded();
    let a = code.as_str();
    let label = geo.province(code, view.version).map_or_else(
        || a.to_owned(),
        |p| name(lang, &p.short_name_vi, &p.name_ascii),
    );
    let first = view.range.first;
    let series = |area: &str| {
        view.series(area, "TOTAL")
            .map(|s| s.values.iter().map(|v| Some(*v)).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let growth_series = |area: &str| -> Vec<Option<f64>> {
        view.range
            .iter()
            .map(|m| view.growth(area, "TOTAL", m, Comparison::Yoy))
            .collect()
    };
    let vn_label = t(lang, "national_compiled").to_owned();
    let mut index_lines = vec![Line {
        label: label.clone(),
        values: series(a),
        dashed: false,
    }];
    let mut growth_lines = vec![Line {
        label,
        values: growth_series(a),
        dashed: false,
    }];
    if view.series("VN", "TOTAL").is_some() {
        index_lines.push(Line {
            label: vn_label.clone(),
            values: series("VN"),
            dashed: true,
        });
        growth_lines.push(Line {
            label: vn_label,
            values: growth_series("VN"),
            dashed: true,
        });
    }
    let published: Vec<Option<f64>> = view
        .range
        .iter()
        .map(|m| data.reference.get(&m).and_then(|r| r.yoy_pct))
        .collect();
    if published.iter().any(Option::is_some) {
        growth_lines.push(Line {
            label: t(lang, "national_published").to_owned(),
            values: published,
            dashed: true,
        });
    }
    let table = |lines: &[Line], decimals: usize, signed: bool| ChartTable {
        columns: std::iter::once(t(lang, "ch_month").to_owned())
            .chain(lines.iter().map(|l| l.label.clone()))
            .collect(),
        numeric: std::iter::once(false)
            .chain(lines.iter().map(|_| true))
            .collect(),
        rows: view
            .range
            .iter()
            .enumerate()
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|(i, m)| {
                std::iter::once(month(m, lang))
                    .chain(lines.iter().map(|l| {
                        let v = l.values.get(i).copied().flatten();
                        if signed {
                            signed_percent(v, decimals, lang)
                        } else {
                            number(v, decimals, lang)
                        }
                    }))
                    .collect()
            })
            .collect(),
    };
    let index_title = t(lang, "chart_index_title");
    let growth_title = t(lang, "chart_growth_title");
    let base = format!("/bieu-do/tinh/{a}");
    [
        ChartView {
            id: "index",
            title: index_title.to_owned(),
            svg: line_chart(&LineChart {
                title: index_title,
                first,
                lines: &index_lines,
                baseline: Some(100.0),
                lang,
                decimals: 0,
            }),
            table: table(&index_lines, 1, false),
            downloads: download_links(&format!("{base}/chi-so"), keep, lang),
        },
        ChartView {
            id: "growth",
            title: growth_title.to_owned(),
            svg: line_chart(&LineChart {
                title: growth_title,
                first,
                lines: &growth_lines,
                baseline: Some(0.0),
                lang,
                decimals: 0,
            }),
            table: table(&growth_lines, 1, true),
            downloads: download_links(&format!("{base}/tang-truong"), keep, lang),
        },
    ]
}

/// The download links of the briefing's figures (1: the ranking, 2: the map).
pub fn briefing_links(n: usize, keep: &[(&str, String)], lang: Lang) -> Vec<(String, String)> {
    download_links(&format!("/bieu-do/bao-cao/{n}"), keep, lang)
}

// ---- Downloads ----------------------------------------------------------

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bieu-do/tong-quan/{file}", get(overview_file))
        .route("/bieu-do/tinh/{code}/{file}", get(province_file))
        .route("/bieu-do/bao-cao/{file}", get(briefing_file))
        .route("/static/fonts/{file}", get(font))
}

/// `name.svg` or `name.png`.
fn split(file: &str, lang: Lang) -> Result<(&str, &str), AppError> {
    match file.rsplit_once('.') {
        Some((stem, ext @ ("svg" | "png"))) => Ok((stem, ext)),
        _ => Err(AppError::NotFound(
            lang.pick(
                "Không có biểu đồ này: tải về dạng .svg hoặc .png.",
                "no such chart: download it as .svg or .png",
            )
            .to_owned(),
        )),
    }
}

/// Which of a page's `charts` the file names (its position), the chart's
/// name and the format; 404 for any other name or format.
fn chart_file<'a>(
    file: &'a str,
    charts: &[&str],
    lang: Lang,
) -> Result<(usize, &'a str, &'a str), AppError> {
    let (chart, ext) = split(file, lang)?;
    let index = charts
        .iter()
        .position(|c| *c == chart)
        .ok_or_else(|| unknown_chart(lang))?;
    Ok((index, chart, ext))
}

fn unknown_chart(lang: Lang) -> AppError {
    AppError::NotFound(
        lang.pick("Không có biểu đồ này.", "no such chart")
            .to_owned(),
    )
}

/// The release a chart is drawn from: the latest, or the one `release=`
/// pins (the pages' own resolver, so a pinned page's charts are its own).
async fn release_of(
    state: &AppState,
    params: &Params,
) -> Result<std::sync::Arc<ReleaseData>, AppError> {
    state.release_for(params).await
}

/// The answer: the SVG as is, or a PNG made off the async workers.
async fn answer(
    svg: String,
    ext: &str,
    file_stem: String,
    params: &Params,
    default_width: u32,
    lang: Lang,
) -> Result<Response, AppError> {
    if ext == "svg" {
        let mut r = file_response(
            &format!("{file_stem}.svg"),
            "image/svg+xml; charset=utf-8",
            svg.into_bytes(),
        );
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        );
        return Ok(r);
    }
    let width = match params
        .get("width")
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
    {
        None => default_width,
        Some(w) => w
            .parse::<u32>()
            .ok()
            .filter(|w| {
                (congthuong_charts::png::MIN_WIDTH..=congthuong_charts::png::MAX_WIDTH).contains(w)
            })
            .ok_or_else(|| {
                AppError::BadRequest(match lang {
                    Lang::Vi => format!(
                        "Chiều rộng ảnh phải là số điểm ảnh từ {} đến {}.",
                        congthuong_charts::png::MIN_WIDTH,
                        congthuong_charts::png::MAX_WIDTH
                    ),
                    Lang::En => format!(
                        "width must be a number of pixels from {} to {}",
                        congthuong_charts::png::MIN_WIDTH,
                        congthuong_charts::png::MAX_WIDTH
                    ),
                })
            })?,
    };
    let _permit = PNG_PERMITS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let png = tokio::task::spawn_blocking(move || congthuong_charts::png::render(&svg, width))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let mut r = file_response(&format!("{file_stem}.png"), "image/png", png);
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(r)
}

/// `stem_group_period_boundaries[_rN]`.
fn stem(chart: &str, parts: &[&str], release: i64) -> String {
    let mut s = chart.to_owned();
    for p in parts {
        s.push('_');
        s.push_str(p);
    }
    format!("{s}_r{release}")
}

/// `GET /bieu-do/tong-quan/{ban-do|xep-hang|dong-gop}.{svg|png}`
async fn overview_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let (index, chart, ext) = chart_file(&file, &["ban-do", "xep-hang", "dong-gop"], lang)?;
    let data = release_of(&state, &params).await?;
    let q = super::overview::query_of(&params, &data)?;
    let o = overview(&data, &q).map_err(|e| AppError::NotFound(e.to_string()))?;
    let [map, rank, contrib] = overview_charts(&o, lang, &[], None);
    let svg = [map, rank, contrib]
        .into_iter()
        .nth(index)
        .map(|c| c.svg)
        .unwrap_or_default();
    let file_stem = stem(
        chart,
        &[
            &o.query.group,
            &o.query.period.to_string(),
            o.query.boundaries.as_str(),
        ],
        data.meta.id,
    );
    let width = if index == 0 {
        PNG_MAP_WIDTH
    } else {
        PNG_CHART_WIDTH
    };
    answer(svg, ext, file_stem, &params, width, lang).await
}

/// `GET /bieu-do/tinh/{code}/{chi-so|tang-truong}.{svg|png}`
async fn province_file(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let (index, chart, ext) = chart_file(&file, &["chi-so", "tang-truong"], lang)?;
    let data = release_of(&state, &params).await?;
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| super::common::no_figures(p, lang))?;
    let province = crate::codes::area(&code, view.version, lang)?;
    let [idx, growth] = province_charts(&data, view, province.code, lang, &[]);
    let svg = if index == 0 { idx.svg } else { growth.svg };
    let file_stem = stem(
        chart,
        &[
            province.code.as_str(),
            &p.to_string(),
            view.version.as_str(),
        ],
        data.meta.id,
    );
    answer(svg, ext, file_stem, &params, PNG_CHART_WIDTH, lang).await
}

/// `GET /bieu-do/bao-cao/{1|2}.{svg|png}`: the briefing's figures (the
/// released figures only, as the public briefing).
async fn briefing_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let (index, chart, ext) = chart_file(&file, &["1", "2"], lang)?;
    let group = crate::codes::group_param(&params, "north_28", lang)?;
    let data = release_of(&state, &params).await?;
    let period: Period = period_of(&params, &data)?;
    let boundaries = match params.get("boundaries").map(String::as_str) {
        None | Some("") => None,
        Some(_) => Some(boundaries_of(&params, period)?),
    };
    let threshold = super::common::threshold_of(&params)?;
    let version = boundaries.unwrap_or_else(|| BoundaryVersion::in_force(period));
    let b = congthuong_report::write(
        &data,
        &congthuong_report::Request {
            group: group.clone(),
            period,
            lang,
            threshold,
            boundaries,
            late_projects: None,
        },
    )
    .map_err(|e| AppError::NotFound(e.to_string()))?;
    let svg = b
        .charts
        .into_iter()
        .nth(index)
        .map(|c| c.svg)
        .ok_or_else(|| unknown_chart(lang))?;
    let file_stem = stem(
        &format!("hinh-{chart}"),
        &[&group, &period.to_string(), version.as_str()],
        data.meta.id,
    );
    let width = if index == 1 {
        PNG_MAP_WIDTH
    } else {
        PNG_CHART_WIDTH
    };
    answer(svg, ext, file_stem, &params, width, lang).await
}

/// `GET /static/fonts/{file}`: Be Vietnam Pro as the pages' web font, so
/// the browser sets chart text in the font the labels were measured with.
async fn font(Path(file): Path<String>) -> Result<Response, AppError> {
    let bytes: &'static [u8] = match file.as_str() {
        "BeVietnamPro-Regular.ttf" => congthuong_charts::fonts::REGULAR,
        "BeVietnamPro-Bold.ttf" => congthuong_charts::fonts::BOLD,
        _ => return Err(AppError::NotFound("no such font".into())),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("font/ttf")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=604800"),
            ),
        ],
        bytes,
    )
        .into_response())
}
