//! `GET /tinh` (every province) and `GET /tinh/{code}` (one province):
//! index and growth over the years, sections and divisions, main products,
//! trade indicators and plan targets against the figures.

use axum::extract::{Path, Query, State};
use axum::response::Html;
use congthuong_charts::line::{Line, LineChart, line_chart};
use congthuong_core::display::{month, number, signed_percent, year_to_date};
use congthuong_core::{Geography, Lang, Level, Node, Product};
use congthuong_engine::Comparison;
use serde::Serialize;

use super::common::{boundaries_of, growth_of, period_of};
use super::{Layout, Params, href, lang_of, page};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::AppState;

#[derive(Serialize)]
struct Cell {
    label: String,
    href: String,
    ytd: String,
}

#[derive(Serialize)]
struct ListPage {
    heading: String,
    provinces: Vec<Cell>,
}

/// `GET /tinh`
pub async fn list(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/tinh", &params, t(lang, "provinces_title"))
        .session(session.as_ref());
    let data = state
        .release()
        .ok_or_else(|| AppError::Unavailable(t(lang, "no_release").into()))?;
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| AppError::NotFound(format!("no figures for {p}")))?;
    let geo = Geography::embedded();
    let provinces = geo
        .provinces(view.version)
        .iter()
        .map(|pr| Cell {
            label: lang.pick(&pr.short_name_vi, &pr.name_ascii).to_owned(),
            href: href(
                &format!("/tinh/{}", pr.code),
                lang,
                &[
                    ("period", p.to_string()),
                    ("boundaries", view.version.to_string()),
                ],
            ),
            ytd: signed_percent(
                view.growth(pr.code.as_str(), "TOTAL", p, Comparison::Ytd),
                1,
                lang,
            ),
        })
        .collect();
    page(
        &state,
        layout,
        "provinces.html",
        ListPage {
            heading: format!("{} — {}", t(lang, "provinces_title"), year_to_date(p, lang)),
            provinces,
        },
    )
}

#[derive(Serialize)]
struct NodeRow {
    code: String,
    name: String,
    indent: bool,
    index: String,
    yoy: String,
    ytd: String,
    contribution: String,
}

#[derive(Serialize)]
struct ProductRow {
    name: String,
    unit: String,
    month: String,
    ytd: String,
    growth_ytd: String,
}

#[derive(Serialize)]
struct IndicatorRow {
    name: String,
    unit: String,
    month: String,
    ytd: String,
    growth_ytd: String,
    status: String,
}

#[derive(Serialize)]
struct TargetRow {
    year: i32,
    indicator: String,
    target: String,
    actual: String,
    attained: String,
}

#[derive(Serialize)]
struct ProvincePage {
    heading: String,
    tiles: Vec<(String, String)>,
    index_chart: String,
    growth_chart: String,
    nodes: Vec<NodeRow>,
    products: Vec<ProductRow>,
    indicators: Vec<IndicatorRow>,
    targets: Vec<TargetRow>,
    back: String,
}

fn unit_label(unit: &str, lang: Lang) -> String {
    match unit {
        "billion_vnd" => lang.pick("tỷ đồng", "billion VND").into(),
        "million_usd" => lang.pick("triệu USD", "million USD").into(),
        other => other.into(),
    }
}

/// A target's indicator in words.
fn indicator_label(code: &str, lang: Lang) -> String {
    match code {
        "iip_growth" => lang.pick("Tăng trưởng IIP (%)", "IIP growth (%)").into(),
        "retail_sales" => t(lang, "retail_sales").into(),
        "exports" => t(lang, "exports").into(),
        other => other.into(),
    }
}

/// `GET /tinh/{code}`
pub async fn get(
    State(state): State<AppState>,
    session: Option<crate::auth::Session>,
    Path(code): Path<String>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let data = state
        .release()
        .ok_or_else(|| AppError::Unavailable(t(lang, "no_release").into()))?;
    let p = period_of(&params, &data)?;
    let version = boundaries_of(&params, p)?;
    let view = data
        .view_for(version, p)
        .ok_or_else(|| AppError::NotFound(format!("no figures for {p}")))?;
    let geo = Geography::embedded();
    let province = geo
        .area(&code, view.version)
        .map_err(|e| AppError::NotFound(e.to_string()))?;
    let a = province.code.as_str();
    let name = lang
        .pick(&province.short_name_vi, &province.name_ascii)
        .to_owned();
    let layout = Layout::new(&state, lang, "/tinh", &params, &name).session(session.as_ref());
    let pct = |v| signed_percent(v, 1, lang);
    let tiles = vec![
        (
            t(lang, "iip_ytd_yoy").to_owned(),
            pct(view.growth(a, "TOTAL", p, Comparison::Ytd)),
        ),
        (
            t(lang, "iip_month_yoy").to_owned(),
            pct(view.growth(a, "TOTAL", p, Comparison::Yoy)),
        ),
        (
            format!("{} ({})", t(lang, "national_compiled"), t(lang, "ytd_yoy")),
            pct(view.growth("VN", "TOTAL", p, Comparison::Ytd)),
        ),
    ];
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
        label: name.clone(),
        values: series(a),
        dashed: false,
    }];
    let mut growth_lines = vec![Line {
        label: name.clone(),
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
    let index_chart = line_chart(&LineChart {
        title: t(lang, "chart_index_title"),
        first,
        lines: &index_lines,
        baseline: Some(100.0),
        lang,
        decimals: 0,
    });
    let growth_chart = line_chart(&LineChart {
        title: t(lang, "chart_growth_title"),
        first,
        lines: &growth_lines,
        baseline: Some(0.0),
        lang,
        decimals: 0,
    });
    let contrib: std::collections::BTreeMap<String, f64> = view
        .contributions(a, "TOTAL", Comparison::Ytd, p)
        .into_iter()
        .map(|(_, c, v)| (c, v))
        .collect();
    let mut nodes = Vec::new();
    for (level, node_code) in view.nodes_of(a) {
        if !matches!(level, Level::Total | Level::Section | Level::Division) {
            continue;
        }
        let node = if level == Level::Total {
            Some(Node::Total)
        } else {
            Node::parse(&node_code).ok()
        };
        let label = node.and_then(Node::name).map_or_else(
            || node_code.clone(),
            |n| lang.pick(&n.name_vi, &n.name_en).to_owned(),
        );
        let section_contribution = if level == Level::Section {
            contrib.get(&node_code).copied()
        } else {
            None
        };
        nodes.push(NodeRow {
            code: node_code.clone(),
            name: label,
            indent: level == Level::Division,
            index: number(view.level(a, &node_code, p), 1, lang),
            yoy: pct(view.growth(a, &node_code, p, Comparison::Yoy)),
            ytd: pct(view.growth(a, &node_code, p, Comparison::Ytd)),
            contribution: section_contribution
                .map(|v| number(Some(v), 2, lang))
                .unwrap_or_default(),
        });
    }
    // Sections then their divisions, in code order.
    nodes.sort_by_key(|n| {
        let sec = Node::parse(&n.code).ok().map(|node| match node {
            Node::Division(d) => congthuong_core::Section::of_division(d)
                .map(|s| s.letter())
                .unwrap_or('Z'),
            Node::Section(s) => s.letter(),
            _ => ' ',
        });
        (sec, n.indent, n.code.clone())
    });
    let products = Product::basket()
        .iter()
        .filter_map(|pr| {
            let (ytd, last) = view.output_ytd(a, &pr.code, p)?;
            let month_q = view.output(a, &pr.code, p);
            (ytd > 0.0).then(|| ProductRow {
                name: lang.pick(&pr.name_vi, &pr.name_en).to_owned(),
                unit: lang.pick(&pr.unit_vi, &pr.unit_en).to_owned(),
                month: number(month_q, 0, lang),
                ytd: number(Some(ytd), 0, lang),
                growth_ytd: pct(growth_of(Some(ytd), last)),
            })
        })
        .collect();
    let indicators = [("retail_sales", "retail_sales"), ("exports", "exports")]
        .iter()
        .filter_map(|(code, key)| {
            let (m, ytd, last) = data.indicator_at(view.version, a, code, p)?;
            let point = data.indicator(view.version, a, code)?.get(&p)?;
            Some(IndicatorRow {
                name: t(lang, key).to_owned(),
                unit: unit_label(&point.unit, lang),
                month: number(Some(m), 1, lang),
                ytd: number(ytd, 1, lang),
                growth_ytd: pct(growth_of(ytd, last)),
                status: point.status.clone(),
            })
        })
        .collect();
    let targets = data
        .targets
        .iter()
        .filter(|tg| tg.area == a)
        .map(|tg| {
            let end = congthuong_core::Period::new(tg.year, 12)
                .ok()
                .map(|dec| if dec > p { p } else { dec });
            let (actual, attained) =
                match (tg.indicator.as_str(), end.filter(|e| e.year() == tg.year)) {
                    ("iip_growth", Some(e)) => {
                        let g = view.growth(a, "TOTAL", e, Comparison::Ytd);
                        (
                            pct(g),
                            g.map(|g| if g >= tg.target { "✓" } else { "✗" }.to_owned())
                                .unwrap_or_default(),
                        )
                    }
                    (ind @ ("retail_sales" | "exports"), Some(e)) => {
                        let ytd = data.indicator_at(view.version, a, ind, e).and_then(|x| x.1);
                        (
                            number(ytd, 1, lang),
                            ytd.map(|v| {
                                format!("{} %", number(Some(100.0 * v / tg.target), 1, lang))
                            })
                            .unwrap_or_default(),
                        )
                    }
                    _ => ("–".into(), String::new()),
                };
            TargetRow {
                year: tg.year,
                indicator: indicator_label(&tg.indicator, lang),
                target: number(Some(tg.target), 1, lang),
                actual,
                attained,
            }
        })
        .collect();
    let heading = format!("{name} — {}", month(p, lang));
    let back = href(
        "/",
        lang,
        &[
            ("period", p.to_string()),
            ("boundaries", view.version.to_string()),
        ],
    );
    page(
        &state,
        layout,
        "province.html",
        ProvincePage {
            heading,
            tiles,
            index_chart,
            growth_chart,
            nodes,
            products,
            indicators,
            targets,
            back,
        },
    )
}
