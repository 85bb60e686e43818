//! The overview of a group for a month: the figures of the dashboard's
//! first page and of `GET /api/v1/overview`.

use std::collections::BTreeMap;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period};
use congthuong_engine::Comparison;
use serde::Serialize;

use crate::release::ReleaseData;

/// What the overview is asked for.
#[derive(Clone, Debug, Serialize)]
pub struct OverviewQuery {
    /// A group id (`north_28`).
    pub group: String,
    /// The month.
    pub period: Period,
    /// The boundaries to state provinces on.
    pub boundaries: BoundaryVersion,
    /// The growth threshold in % (11 in the conference's example).
    pub threshold: f64,
}

/// The national figures beside a group's.
#[derive(Clone, Debug, Serialize)]
pub struct National {
    /// VN as compiled from the provinces: year on year, %.
    pub compiled_yoy: Option<f64>,
    /// VN as compiled: year to date, %.
    pub compiled_ytd: Option<f64>,
    /// GSO's published national figure: year on year, %.
    pub published_yoy: Option<f64>,
    /// GSO's published: year to date, %.
    pub published_ytd: Option<f64>,
    /// Where the published figure comes from.
    pub published_source: Option<String>,
    /// The rate provinces are compared with: the published YTD figure when
    /// there is one, else the compiled.
    pub comparison_ytd: Option<f64>,
    /// `published` or `compiled`.
    pub comparison_basis: &'static str,
}

/// One member province.
#[derive(Clone, Debug, Serialize)]
pub struct MemberRow {
    /// Province code on the boundaries shown.
    pub code: String,
    /// Short Vietnamese name.
    pub name_vi: String,
    /// Name without diacritics (English pages).
    pub name_en: String,
    /// Month, year on year, %.
    pub yoy: Option<f64>,
    /// Year to date, %.
    pub ytd: Option<f64>,
    /// Contribution to the group's year-to-date growth, percentage points.
    pub contribution_ytd: Option<f64>,
    /// Contribution to the group's month-on-year growth, pp.
    pub contribution_yoy: Option<f64>,
    /// YTD above the national comparison rate.
    pub above_national: bool,
    /// YTD above the threshold.
    pub above_threshold: bool,
}

/// One sub-region of the group.
#[derive(Clone, Debug, Serialize)]
pub struct SubregionRow {
    /// Group id.
    pub id: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Number of members on the boundaries shown.
    pub members: usize,
    /// Year on year, %.
    pub yoy: Option<f64>,
    /// Year to date, %.
    pub ytd: Option<f64>,
    /// Its members' summed contribution to the group's YTD growth, pp.
    pub contribution_ytd: Option<f64>,
}

/// The overview.
#[derive(Clone, Debug, Serialize)]
pub struct Overview {
    /// The query, with the boundaries actually used.
    pub query: OverviewQuery,
    /// Group names.
    pub group_name_vi: String,
    /// Group names.
    pub group_name_en: String,
    /// Month on month, %.
    pub group_mom: Option<f64>,
    /// Year on year, %.
    pub group_yoy: Option<f64>,
    /// Year to date, %.
    pub group_ytd: Option<f64>,
    /// The nation.
    pub national: National,
    /// Members with a YTD figure.
    pub with_figures: usize,
    /// Members above the national rate (YTD).
    pub above_national: usize,
    /// Members above the threshold (YTD).
    pub above_threshold: usize,
    /// Members, highest YTD growth first.
    pub members: Vec<MemberRow>,
    /// Sub-regions.
    pub subregions: Vec<SubregionRow>,
    /// YTD growth of every province on the boundaries shown (for the map).
    pub map: BTreeMap<String, f64>,
}

/// Why an overview cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverviewError {
    /// Unknown group.
    #[error("{0}")]
    Group(#[from] congthuong_core::Error),
    /// No figures for that month.
    #[error("no released figures for {0}")]
    NoFigures(Period),
}

/// Builds the overview from a release.
pub fn overview(data: &ReleaseData, q: &OverviewQuery) -> Result<Overview, OverviewError> {
    let geo = Geography::embedded();
    let group = geo.group(&q.group)?;
    let view = data
        .view_for(q.boundaries, q.period)
        .filter(|v| v.range.contains(q.period))
        .ok_or(OverviewError::NoFigures(q.period))?;
    let version = view.version;
    let (p, g) = (q.period, group.id());
    let reference = data.reference.get(&p);
    let compiled_ytd = view.growth("VN", "TOTAL", p, Comparison::Ytd);
    let published_ytd = reference.and_then(|r| r.ytd_pct);
    let (comparison_ytd, comparison_basis) = match published_ytd {
        Some(v) => (Some(v), "published"),
        None => (compiled_ytd, "compiled"),
    };
    let national = National {
        compiled_yoy: view.growth("VN", "TOTAL", p, Comparison::Yoy),
        compiled_ytd,
        published_yoy: reference.and_then(|r| r.yoy_pct),
        published_ytd,
        published_source: reference.map(|r| r.source.clone()),
        comparison_ytd,
        comparison_basis,
    };
    let contrib = |cmp| -> BTreeMap<String, f64> {
        view.contributions(g, "TOTAL", cmp, p)
            .into_iter()
            .map(|(_, child, v)| (child, v))
            .collect()
    };
    let (c_ytd, c_yoy) = (contrib(Comparison::Ytd), contrib(Comparison::Yoy));
    let codes = group.members(version, geo);
    let mut members: Vec<MemberRow> = codes
        .iter()
        .map(|c| {
            let prov = geo.province(*c, version);
            let ytd = view.growth(c.as_str(), "TOTAL", p, Comparison::Ytd);
            MemberRow {
                code: c.to_string(),
                name_vi: prov.map_or_else(|| c.to_string(), |p| p.short_name_vi.clone()),
                name_en: prov.map_or_else(|| c.to_string(), |p| p.name_ascii.clone()),
                yoy: view.growth(c.as_str(), "TOTAL", p, Comparison::Yoy),
                ytd,
                contribution_ytd: c_ytd.get(c.as_str()).copied(),
                contribution_yoy: c_yoy.get(c.as_str()).copied(),
                above_national: matches!((ytd, comparison_ytd), (Some(a), Some(b)) if a > b),
                above_threshold: ytd.is_some_and(|a| a > q.threshold),
            }
        })
        .collect();
    members.sort_by(|a, b| {
        b.ytd
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.ytd.unwrap_or(f64::NEG_INFINITY))
            .then_with(|| a.code.cmp(&b.code))
    });
    let subregions = geo
        .subregions(group)
        .iter()
        .map(|s| {
            let sub_members: Vec<AreaCode> = s.members(version, geo);
            let contribution: Option<f64> = sub_members
                .iter()
                .map(|c| c_ytd.get(c.as_str()))
                .sum::<Option<f64>>();
            SubregionRow {
                id: s.id().to_owned(),
                name_vi: s.name_vi().to_owned(),
                name_en: s.name_en().to_owned(),
                members: sub_members.len(),
                yoy: view.growth(s.id(), "TOTAL", p, Comparison::Yoy),
                ytd: view.growth(s.id(), "TOTAL", p, Comparison::Ytd),
                contribution_ytd: contribution,
            }
        })
        .collect();
    let map = geo
        .provinces(version)
        .iter()
        .filter_map(|pr| {
            Some((
                pr.code.to_string(),
                view.growth(pr.code.as_str(), "TOTAL", p, Comparison::Ytd)?,
            ))
        })
        .collect();
    Ok(Overview {
        query: OverviewQuery {
            boundaries: version,
            ..q.clone()
        },
        group_name_vi: group.name_vi().to_owned(),
        group_name_en: group.name_en().to_owned(),
        group_mom: view.growth(g, "TOTAL", p, Comparison::Mom),
        group_yoy: view.growth(g, "TOTAL", p, Comparison::Yoy),
        group_ytd: view.growth(g, "TOTAL", p, Comparison::Ytd),
        national,
        with_figures: members.iter().filter(|m| m.ytd.is_some()).count(),
        above_national: members.iter().filter(|m| m.above_national).count(),
        above_threshold: members.iter().filter(|m| m.above_threshold).count(),
        members,
        subregions,
        map,
    })
}

impl Overview {
    /// The members' table (what the CSV and XLSX downloads hold).
    pub fn table(&self) -> crate::table::Table {
        use crate::table::{Table, num};
        let mut t = Table::new(&[
            "area",
            "name_vi",
            "name_en",
            "period",
            "boundaries",
            "yoy_pct",
            "ytd_yoy_pct",
            "contribution_yoy_pp",
            "contribution_ytd_pp",
            "above_national",
            "above_threshold",
        ]);
        for m in &self.members {
            t.push(vec![
                m.code.clone(),
                m.name_vi.clone(),
                m.name_en.clone(),
                self.query.period.to_string(),
                self.query.boundaries.to_string(),
                num(m.yoy),
                num(m.ytd),
                num(m.contribution_yoy),
                num(m.contribution_ytd),
                m.above_national.to_string(),
                m.above_threshold.to_string(),
            ]);
        }
        t
    }
}
