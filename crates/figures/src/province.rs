//! One province for a month: the figures of the province page and of
//! `GET /api/v1/provinces/{code}` — headline growth beside the nation,
//! sections and divisions, main products' output, trade indicators, and
//! plan targets against the figures.

use congthuong_core::{BoundaryVersion, Geography, Level, Node, Period, Product, Section};
use congthuong_engine::Comparison;
use serde::Serialize;

use crate::release::{ReleaseData, View};
use crate::table::{Table, growth_of, num};
use crate::targets::TargetOn;
use crate::{FiguresError, Named};

/// A section or division (or the total) of the province.
#[derive(Clone, Debug, Serialize)]
pub struct NodeFigure {
    /// `total`, `section` or `division`.
    pub level: &'static str,
    /// `TOTAL`, a section letter or a two-digit division.
    pub code: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// Index level (base year = 100).
    pub index: Option<f64>,
    /// Same month last year, %.
    pub yoy: Option<f64>,
    /// Year to date, %.
    pub ytd: Option<f64>,
    /// A section's contribution to the province's YTD growth, pp.
    pub contribution_ytd: Option<f64>,
}

/// A product's output in the province.
#[derive(Clone, Debug, Serialize)]
pub struct ProductFigure {
    /// Basket code.
    pub code: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// Unit, Vietnamese.
    pub unit_vi: String,
    /// Unit, English.
    pub unit_en: String,
    /// Output in the month.
    pub month: Option<f64>,
    /// Output, year to date.
    pub ytd: f64,
    /// The same months a year earlier.
    pub ytd_last_year: Option<f64>,
    /// Growth of the YTD output, %.
    pub ytd_yoy: Option<f64>,
}

/// A trade indicator of the province.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorFigure {
    /// `retail_sales` or `exports`.
    pub code: String,
    /// e.g. `billion_vnd`, `million_usd`.
    pub unit: String,
    /// provisional / revised / estimated.
    pub status: String,
    /// The month's value.
    pub month: f64,
    /// Year to date.
    pub ytd: Option<f64>,
    /// The same months a year earlier.
    pub ytd_last_year: Option<f64>,
    /// YTD growth, %.
    pub ytd_yoy: Option<f64>,
}

/// A plan target against the figures, both on the same boundaries.
#[derive(Clone, Debug, Serialize)]
pub struct TargetFigure {
    /// The plan year.
    pub year: i32,
    /// `iip_growth`, `retail_sales` or `exports`.
    pub indicator: String,
    /// The boundaries of the figures (and of the target as read on them).
    pub boundaries: BoundaryVersion,
    /// The target comparable with the figures; `None` when targets exist
    /// for another territory only (see `on`).
    pub target: Option<f64>,
    /// How the target was found (`set`, `same_territory`, `sum_of_parts`,
    /// `not_comparable`), with the parts or the reason.
    pub on: TargetOn,
    /// The last month counted (December, or the period if earlier).
    pub up_to: Option<Period>,
    /// The figure so far: YTD growth % for `iip_growth`, the YTD sum else.
    pub actual: Option<f64>,
    /// `iip_growth`: the YTD growth reaches the target.
    pub met: Option<bool>,
    /// Sums: `100 × actual / target`.
    pub attained_pct: Option<f64>,
}

/// The province page's figures.
#[derive(Clone, Debug, Serialize)]
pub struct ProvinceFigures {
    /// Code on the boundaries used.
    pub code: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// The month.
    pub period: Period,
    /// The boundaries used.
    pub boundaries: BoundaryVersion,
    /// IIP, same month last year, %.
    pub yoy: Option<f64>,
    /// IIP, year to date, %.
    pub ytd: Option<f64>,
    /// VN as compiled, same month, %.
    pub national_yoy: Option<f64>,
    /// VN as compiled, year to date, %.
    pub national_ytd: Option<f64>,
    /// Total, sections then their divisions.
    pub nodes: Vec<NodeFigure>,
    /// Products with output this year.
    pub products: Vec<ProductFigure>,
    /// Trade indicators.
    pub indicators: Vec<IndicatorFigure>,
    /// Plan targets.
    pub targets: Vec<TargetFigure>,
}

/// The trade indicators the release carries.
pub const INDICATORS: [&str; 2] = ["retail_sales", "exports"];

/// The view for `boundaries` at `period`, holding `period`.
pub(crate) fn view_at(
    data: &ReleaseData,
    boundaries: BoundaryVersion,
    period: Period,
) -> Result<&View, FiguresError> {
    data.view_for(boundaries, period)
        .filter(|v| v.range.contains(period))
        .ok_or(FiguresError::NoFigures(period))
}

/// Builds the province's figures.
pub fn province(
    data: &ReleaseData,
    code: &str,
    period: Period,
    boundaries: BoundaryVersion,
) -> Result<ProvinceFigures, FiguresError> {
    let view = view_at(data, boundaries, period)?;
    let geo = Geography::embedded();
    let pr = geo.area(code, view.version)?;
    let a = pr.code.as_str();
    let p = period;
    let contrib: std::collections::BTreeMap<String, f64> = view
        .contributions(a, "TOTAL", Comparison::Ytd, p)
        .into_iter()
        .map(|(_, c, v)| (c, v))
        .collect();
    let mut nodes: Vec<NodeFigure> = view
        .nodes_of(a)
        .into_iter()
        .filter(|(level, _)| matches!(level, Level::Total | Level::Section | Level::Division))
        .map(|(level, node_code)| {
            let node = if level == Level::Total {
                Some(Node::Total)
            } else {
                Node::parse(&node_code).ok()
            };
            let name = node.and_then(Node::name).map_or_else(
                || Named::same(&node_code),
                |n| Named::new(&n.name_vi, &n.name_en),
            );
            NodeFigure {
                level: level.as_str(),
                name,
                index: view.level(a, &node_code, p),
                yoy: view.growth(a, &node_code, p, Comparison::Yoy),
                ytd: view.growth(a, &node_code, p, Comparison::Ytd),
                contribution_ytd: (level == Level::Section)
                    .then(|| contrib.get(&node_code).copied())
                    .flatten(),
                code: node_code,
            }
        })
        .collect();
    // The total, then each section followed by its divisions.
    nodes.sort_by_key(|n| {
        let section = match Node::parse(&n.code) {
            Ok(Node::Division(d)) => Section::of_division(d).map_or('Z', |s| s.letter()),
            Ok(Node::Section(s)) => s.letter(),
            _ => ' ',
        };
        (section, n.level == "division", n.code.clone())
    });
    let products = Product::basket()
        .iter()
        .filter_map(|prod| {
            let (ytd, last) = view.output_ytd(a, &prod.code, p)?;
            (ytd > 0.0).then(|| ProductFigure {
                code: prod.code.clone(),
                name: Named::new(&prod.name_vi, &prod.name_en),
                unit_vi: prod.unit_vi.clone(),
                unit_en: prod.unit_en.clone(),
                month: view.output(a, &prod.code, p),
                ytd,
                ytd_last_year: last,
                ytd_yoy: growth_of(Some(ytd), last),
            })
        })
        .collect();
    let indicators = INDICATORS
        .iter()
        .filter_map(|code| {
            let (month, ytd, last) = data.indicator_at(view.version, a, code, p)?;
            let point = data.indicator(view.version, a, code)?.get(&p)?;
            Some(IndicatorFigure {
                code: (*code).to_owned(),
                unit: point.unit.clone(),
                status: point.status.clone(),
                month,
                ytd,
                ytd_last_year: last,
                ytd_yoy: growth_of(ytd, last),
            })
        })
        .collect();
    let targets = targets_of(data, view, a, p);
    Ok(ProvinceFigures {
        code: a.to_owned(),
        name: Named::new(&pr.short_name_vi, &pr.name_ascii),
        period: p,
        boundaries: view.version,
        yoy: view.growth(a, "TOTAL", p, Comparison::Yoy),
        ytd: view.growth(a, "TOTAL", p, Comparison::Ytd),
        national_yoy: view.growth("VN", "TOTAL", p, Comparison::Yoy),
        national_ytd: view.growth("VN", "TOTAL", p, Comparison::Ytd),
        nodes,
        products,
        indicators,
        targets,
    })
}

/// The plan targets of an area (province code on the view's boundaries,
/// group id or `VN`) against the figures up to `p` (or to December of an
/// earlier plan year). A target is read on the view's boundaries by
/// [`ReleaseData::target_on`]: across the merger only a target of the same
/// territory, or the sum of the parts' for an additive indicator, is set
/// against the figures; otherwise the row says none is comparable.
pub fn targets_of(data: &ReleaseData, view: &View, area: &str, p: Period) -> Vec<TargetFigure> {
    data.target_keys(area, view.version)
        .into_iter()
        .filter_map(|(year, indicator)| {
            let on = data.target_on(area, view.version, year, &indicator)?;
            let target = on.value();
            let up_to = Period::new(year, 12)
                .ok()
                .map(|dec| dec.min(p))
                .filter(|e| e.year() == year);
            let (actual, met, attained_pct) = match (indicator.as_str(), up_to, target) {
                (_, _, None) => (None, None, None),
                ("iip_growth", Some(e), Some(tg)) => {
                    let g = view.growth(area, "TOTAL", e, Comparison::Ytd);
                    (g, g.map(|g| g >= tg), None)
                }
                (ind, Some(e), Some(tg)) if INDICATORS.contains(&ind) => {
                    let ytd = data
                        .indicator_at(view.version, area, ind, e)
                        .and_then(|x| x.1);
                    let pct = ytd.filter(|_| tg != 0.0).map(|v| 100.0 * v / tg);
                    (ytd, None, pct)
                }
                _ => (None, None, None),
            };
            Some(TargetFigure {
                year,
                indicator,
                boundaries: view.version,
                target,
                on,
                up_to,
                actual,
                met,
                attained_pct,
            })
        })
        .collect()
}

impl ProvinceFigures {
    /// One of the page's tables: `nodes`, `products`, `indicators` or `targets`.
    pub fn table(&self, which: &str) -> Option<Table> {
        let key = |t: &mut Table, mut rest: Vec<String>| {
            let mut row = vec![
                self.code.clone(),
                self.period.to_string(),
                self.boundaries.to_string(),
            ];
            row.append(&mut rest);
            t.push(row);
        };
        let head = |cols: &[&str]| {
            let mut all = vec!["area", "period", "boundaries"];
            all.extend_from_slice(cols);
            Table::new(&all)
        };
        Some(match which {
            "nodes" => {
                let mut t = head(&[
                    "level",
                    "code",
                    "name_vi",
                    "name_en",
                    "index",
                    "yoy_pct",
                    "ytd_yoy_pct",
                    "contribution_ytd_pp",
                ]);
                for n in &self.nodes {
                    key(
                        &mut t,
                        vec![
                            n.level.to_owned(),
                            n.code.clone(),
                            n.name.name_vi.clone(),
                            n.name.name_en.clone(),
                            num(n.index),
                            num(n.yoy),
                            num(n.ytd),
                            num(n.contribution_ytd),
                        ],
                    );
                }
                t
            }
            "products" => {
                let mut t = head(&[
                    "product",
                    "name_vi",
                    "name_en",
                    "unit",
                    "month",
                    "ytd",
                    "ytd_last_year",
                    "ytd_yoy_pct",
                ]);
                for r in &self.products {
                    key(
                        &mut t,
                        vec![
                            r.code.clone(),
                            r.name.name_vi.clone(),
                            r.name.name_en.clone(),
                            r.unit_en.clone(),
                            num(r.month),
                            num(Some(r.ytd)),
                            num(r.ytd_last_year),
                            num(r.ytd_yoy),
                        ],
                    );
                }
                t
            }
            "indicators" => {
                let mut t = head(&[
                    "indicator",
                    "unit",
                    "status",
                    "month",
                    "ytd",
                    "ytd_last_year",
                    "ytd_yoy_pct",
                ]);
                for r in &self.indicators {
                    key(
                        &mut t,
                        vec![
                            r.code.clone(),
                            r.unit.clone(),
                            r.status.clone(),
                            num(Some(r.month)),
                            num(r.ytd),
                            num(r.ytd_last_year),
                            num(r.ytd_yoy),
                        ],
                    );
                }
                t
            }
            "targets" => {
                let mut t = head(&[
                    "year",
                    "indicator",
                    "target",
                    "target_basis",
                    "target_parts",
                    "up_to",
                    "actual",
                    "met",
                    "attained_pct",
                ]);
                for r in &self.targets {
                    key(
                        &mut t,
                        vec![
                            r.year.to_string(),
                            r.indicator.clone(),
                            num(r.target),
                            r.on.basis().to_owned(),
                            match &r.on {
                                TargetOn::SumOfParts { parts, .. } => parts.join(" "),
                                TargetOn::SameTerritory { set_for, .. } => set_for.clone(),
                                _ => String::new(),
                            },
                            r.up_to.map(|p| p.to_string()).unwrap_or_default(),
                            num(r.actual),
                            r.met.map(|m| m.to_string()).unwrap_or_default(),
                            num(r.attained_pct),
                        ],
                    );
                }
                t
            }
            _ => return None,
        })
    }
}
