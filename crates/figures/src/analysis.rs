//! The analysis an analyst would otherwise do by hand: the development gap
//! between a group's provinces, year-end projections of the group's index
//! and trade, and the Tết reading — for a month of a release.

use congthuong_core::{BoundaryVersion, Geography, Group, Period};
use congthuong_engine::Comparison;
use congthuong_engine::gap::{
    Dispersion, TheilDecomposition, dispersion, gini, theil_decomposition,
};
use congthuong_engine::projection::{Method, Projection, project};
use serde::Serialize;

use crate::release::{ReleaseData, View};

/// Gap metrics of one period.
#[derive(Clone, Debug, Serialize)]
pub struct GapMetrics {
    /// The month.
    pub period: Period,
    /// Dispersion of the members' year-to-date growth.
    pub growth: Option<Dispersion>,
    /// Gini of output (base-year value added × mean YTD index / 100).
    pub gini: Option<f64>,
    /// Theil of output, decomposed over the sub-regions.
    pub theil: Option<TheilDecomposition>,
    /// The largest member's share of the group's output, %.
    pub top_share: Option<(String, f64)>,
}

/// Gap metrics now and a year earlier.
#[derive(Clone, Debug, Serialize)]
pub struct Gap {
    /// This period.
    pub now: GapMetrics,
    /// The same period last year.
    pub year_ago: GapMetrics,
    /// The sub-regions the Theil index is split over, in order.
    pub subregions: Vec<String>,
}

/// Output of each member for the year to date: W × mean(I over the months) / 100.
fn outputs(view: &View, members: &[String], p: Period) -> Vec<(String, f64)> {
    members
        .iter()
        .filter_map(|a| {
            let s = view.series(a, "TOTAL")?;
            let months: Vec<f64> = p
                .year_to_date()
                .iter()
                .map(|m| view.level(a, "TOTAL", m))
                .collect::<Option<_>>()?;
            let mean = months.iter().sum::<f64>() / months.len() as f64;
            Some((a.clone(), s.weight * mean / 100.0))
        })
        .collect()
}

fn metrics(view: &View, members: &[String], parts: &[Vec<String>], p: Period) -> GapMetrics {
    let growth: Vec<f64> = members
        .iter()
        .filter_map(|a| view.growth(a, "TOTAL", p, Comparison::Ytd))
        .collect();
    let out = outputs(view, members, p);
    let x: Vec<f64> = out.iter().map(|(_, v)| *v).collect();
    let total: f64 = x.iter().sum();
    let top_share = out
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|_| total > 0.0)
        .map(|(a, v)| (a.clone(), 100.0 * v / total));
    let groups: Vec<Vec<f64>> = parts
        .iter()
        .map(|part| {
            out.iter()
                .filter(|(a, _)| part.contains(a))
                .map(|(_, v)| *v)
                .collect()
        })
        .collect();
    GapMetrics {
        period: p,
        growth: dispersion(&growth),
        gini: gini(&x),
        theil: theil_decomposition(&groups),
        top_share,
    }
}

/// The gap between the members of `group` at `p` and a year earlier, on
/// the view's boundaries. On the 2025 boundaries a merged province that
/// spans two sub-regions is counted in the first of them (regions in the
/// order of the reference data), so the parts stay a partition.
pub fn gap(view: &View, group: &Group, p: Period) -> Gap {
    let geo = Geography::embedded();
    let members: Vec<String> = group
        .members(view.version, geo)
        .iter()
        .map(|c| c.to_string())
        .collect();
    let subregions = geo.subregions(group);
    let mut taken: Vec<String> = Vec::new();
    let parts: Vec<Vec<String>> = subregions
        .iter()
        .map(|s| {
            let part: Vec<String> = s
                .members(view.version, geo)
                .iter()
                .map(|c| c.to_string())
                .filter(|c| members.contains(c) && !taken.contains(c))
                .collect();
            taken.extend(part.iter().cloned());
            part
        })
        .collect();
    Gap {
        now: metrics(view, &members, &parts, p),
        year_ago: metrics(view, &members, &parts, p.same_month_last_year()),
        subregions: subregions.iter().map(|s| s.id().to_owned()).collect(),
    }
}

/// The group's index projected to the year's end by both methods.
pub fn index_projections(view: &View, area: &str, p: Period) -> Vec<Projection> {
    [Method::ShareOfLastYear, Method::RecentGrowth { months: 3 }]
        .into_iter()
        .filter_map(|m| project(|x| view.level(area, "TOTAL", x), p, m))
        .collect()
}

/// The sum of an indicator over `members` in a month (all must have it).
pub fn indicator_sum(
    data: &ReleaseData,
    version: BoundaryVersion,
    members: &[String],
    indicator: &str,
    p: Period,
) -> Option<f64> {
    members
        .iter()
        .map(|a| {
            data.indicator(version, a, indicator)?
                .get(&p)
                .map(|x| x.value)
        })
        .sum()
}

/// A trade indicator of the group projected to the year's end by both methods.
pub fn indicator_projections(
    data: &ReleaseData,
    version: BoundaryVersion,
    members: &[String],
    indicator: &str,
    p: Period,
) -> Vec<Projection> {
    [Method::ShareOfLastYear, Method::RecentGrowth { months: 3 }]
        .into_iter()
        .filter_map(|m| {
            project(
                |x| indicator_sum(data, version, members, indicator, x),
                p,
                m,
            )
        })
        .collect()
}
