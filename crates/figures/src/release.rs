//! [`ReleaseData`]: a release's compiled figures (on the 2025 boundaries
//! and, for months up to 2025-06, on the 63 old ones), its trade
//! indicators, plan targets and the published reference series.

use std::collections::{BTreeMap, HashMap};

use congthuong_core::{BoundaryVersion, Level, Period, PeriodRange};
use congthuong_engine::growth::growth;
use congthuong_engine::{Comparison, Compilation};
use serde::Serialize;

/// (area or group code, industry code, comparison) of a contribution series.
pub(crate) type ContributionKey = (String, String, Comparison);

/// What identifies a release.
#[derive(Clone, Debug, Serialize)]
pub struct ReleaseMeta {
    /// Release number.
    pub id: i64,
    /// The last month it covers.
    pub period: Period,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// The note given when it was made.
    pub note: String,
    /// True when built from synthetic demo data.
    pub synthetic: bool,
}

/// One index series.
#[derive(Clone, Debug)]
pub struct Series {
    /// Its level.
    pub level: Level,
    /// One value per month of the view's range.
    pub values: Vec<f64>,
    /// The area's base-year weight of the node (see the engine's `IndexSeries::weight`).
    pub weight: f64,
}

/// One child's contribution series.
#[derive(Clone, Debug)]
pub struct Contribution {
    /// The child's level (`area` for a group's members).
    pub child_level: Level,
    /// The child's code.
    pub child: String,
    /// Percentage points per month.
    pub values: Vec<Option<f64>>,
}

/// A compilation on one boundary version, indexed.
#[derive(Clone, Debug)]
pub struct View {
    /// The boundaries.
    pub version: BoundaryVersion,
    /// The months covered.
    pub range: PeriodRange,
    index: HashMap<(String, String), Series>,
    contributions: HashMap<ContributionKey, Vec<Contribution>>,
    output: HashMap<(String, String), Vec<f64>>,
}

impl View {
    /// Indexes a compilation.
    pub fn new(version: BoundaryVersion, c: &Compilation) -> Self {
        let index = c
            .index
            .iter()
            .map(|s| {
                (
                    (s.area.to_string(), s.code.clone()),
                    Series {
                        level: s.level,
                        values: s.values.clone(),
                        weight: s.weight,
                    },
                )
            })
            .collect();
        let mut contributions: HashMap<ContributionKey, Vec<Contribution>> = HashMap::new();
        for s in &c.contributions {
            contributions
                .entry((s.area.to_string(), s.parent.clone(), s.comparison))
                .or_default()
                .push(Contribution {
                    child_level: s.child_level,
                    child: s.child.clone(),
                    values: s.values.clone(),
                });
        }
        let output = c
            .output
            .iter()
            .map(|o| ((o.area.to_string(), o.product.clone()), o.values.clone()))
            .collect();
        Self {
            version,
            range: c.range,
            index,
            contributions,
            output,
        }
    }

    /// A view from its parts (the snapshot decoder).
    pub(crate) fn from_parts(
        version: BoundaryVersion,
        range: PeriodRange,
        index: HashMap<(String, String), Series>,
        contributions: HashMap<ContributionKey, Vec<Contribution>>,
        output: HashMap<(String, String), Vec<f64>>,
    ) -> Self {
        Self {
            version,
            range,
            index,
            contributions,
            output,
        }
    }

    /// Index series in key order ((area, code) → series): the snapshot
    /// encoder and release comparisons.
    pub fn index_entries(&self) -> Vec<(&(String, String), &Series)> {
        let mut v: Vec<_> = self.index.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// Contribution series in key order ((area, parent, comparison) →
    /// children): the snapshot encoder and release comparisons.
    pub fn contribution_entries(&self) -> Vec<(&ContributionKey, &Vec<Contribution>)> {
        let mut v: Vec<_> = self.contributions.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// Output series in key order.
    pub(crate) fn output_entries(&self) -> Vec<(&(String, String), &Vec<f64>)> {
        let mut v: Vec<_> = self.output.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// The view cut at `last` (months after it dropped); `None` when it
    /// has no month up to `last`.
    pub fn up_to(mut self, last: Period) -> Option<Self> {
        if last < self.range.first {
            return None;
        }
        if last < self.range.last {
            let n = self.range.first.months_until(last) as usize + 1;
            self.range = PeriodRange::new(self.range.first, last);
            self.index.values_mut().for_each(|s| s.values.truncate(n));
            self.contributions
                .values_mut()
                .flatten()
                .for_each(|c| c.values.truncate(n));
            self.output.values_mut().for_each(|v| v.truncate(n));
        }
        Some(self)
    }

    fn t(&self, p: Period) -> Option<usize> {
        self.range
            .contains(p)
            .then(|| self.range.first.months_until(p) as usize)
    }

    /// The index series of a node of an area (`TOTAL`, a section letter, …).
    pub fn series(&self, area: &str, code: &str) -> Option<&Series> {
        self.index.get(&(area.to_owned(), code.to_owned()))
    }

    /// The children's contribution series to a parent's growth.
    pub fn contribution_series(
        &self,
        area: &str,
        parent: &str,
        cmp: Comparison,
    ) -> Option<&[Contribution]> {
        self.contributions
            .get(&(area.to_owned(), parent.to_owned(), cmp))
            .map(Vec::as_slice)
    }

    /// The index level at a month.
    pub fn level(&self, area: &str, code: &str, p: Period) -> Option<f64> {
        Some(self.series(area, code)?.values[self.t(p)?])
    }

    /// Growth at a month.
    pub fn growth(&self, area: &str, code: &str, p: Period, cmp: Comparison) -> Option<f64> {
        let s = self.series(area, code)?;
        growth(&s.values, self.range.first, self.t(p)?, cmp)
    }

    /// Contributions to a parent's growth at a month: (child level, child, pp).
    pub fn contributions(
        &self,
        area: &str,
        parent: &str,
        cmp: Comparison,
        p: Period,
    ) -> Vec<(Level, String, f64)> {
        let Some(t) = self.t(p) else {
            return Vec::new();
        };
        self.contributions
            .get(&(area.to_owned(), parent.to_owned(), cmp))
            .map(|v| {
                v.iter()
                    .filter_map(|c| Some((c.child_level, c.child.clone(), c.values[t]?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Output of a product at a month.
    pub fn output(&self, area: &str, product: &str, p: Period) -> Option<f64> {
        Some(self.output.get(&(area.to_owned(), product.to_owned()))?[self.t(p)?])
    }

    /// Output summed over the year to date ending at `p`, and over the same months a year earlier.
    pub fn output_ytd(&self, area: &str, product: &str, p: Period) -> Option<(f64, Option<f64>)> {
        let s = self.output.get(&(area.to_owned(), product.to_owned()))?;
        let sum =
            |r: PeriodRange| -> Option<f64> { r.iter().map(|m| self.t(m).map(|t| s[t])).sum() };
        Some((sum(p.year_to_date())?, sum(p.year_to_date_last_year())))
    }

    /// The sections, divisions, classes and products an area has an index for.
    pub fn nodes_of(&self, area: &str) -> Vec<(Level, String)> {
        let mut v: Vec<(Level, String)> = self
            .index
            .iter()
            .filter(|((a, _), _)| a == area)
            .map(|((_, code), s)| (s.level, code.clone()))
            .collect();
        v.sort();
        v
    }

    /// Every area (province code, group id or `VN`) with a TOTAL index.
    pub fn areas(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .index
            .keys()
            .filter(|(_, code)| code == "TOTAL")
            .map(|(a, _)| a.clone())
            .collect();
        v.sort();
        v
    }
}

/// One point of a trade indicator.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorPoint {
    /// The value.
    pub value: f64,
    /// Its unit (e.g. `billion_vnd`).
    pub unit: String,
    /// provisional / revised / estimated.
    pub status: String,
}

/// A plan target, keyed by (area, boundary version, year, indicator): a
/// province code means the unit on the boundaries the target was set on
/// (see [`crate::targets`]).
#[derive(Clone, Debug, Serialize)]
pub struct Target {
    /// Province code, group id or `VN`.
    pub area: String,
    /// The boundaries it was set on: those in force in December of `year`.
    pub boundaries: BoundaryVersion,
    /// The plan year.
    pub year: i32,
    /// e.g. `iip_growth`, `retail_sales`, `exports`.
    pub indicator: String,
    /// The target value.
    pub target: f64,
}

/// GSO's published national IIP for a month.
#[derive(Clone, Debug, Serialize)]
pub struct ReferencePoint {
    /// Year on year, % (revised where given).
    pub yoy_pct: Option<f64>,
    /// Year to date, % (revised where given).
    pub ytd_pct: Option<f64>,
    /// Where it was published.
    pub source: String,
}

/// A release in memory.
#[derive(Clone, Debug)]
pub struct ReleaseData {
    /// Which release.
    pub meta: ReleaseMeta,
    /// By boundary version (2025 always; pre-2025 when compiled).
    pub views: Vec<View>,
    /// Trade indicators: (boundaries, area, indicator) → month → point.
    /// See [`ReleaseData::add_indicator`].
    pub indicators: HashMap<(BoundaryVersion, String, String), BTreeMap<Period, IndicatorPoint>>,
    /// Plan targets.
    pub targets: Vec<Target>,
    /// GSO's published national series.
    pub reference: BTreeMap<Period, ReferencePoint>,
}

impl ReleaseData {
    /// The view on a boundary version, if compiled.
    pub fn view(&self, version: BoundaryVersion) -> Option<&View> {
        self.views.iter().find(|v| v.version == version)
    }

    /// The view to use for `version` at `period`: pre-2025 only for months
    /// it covers; otherwise the 2025 one.
    pub fn view_for(&self, version: BoundaryVersion, period: Period) -> Option<&View> {
        self.view(version)
            .filter(|v| v.range.contains(period))
            .or_else(|| self.view(BoundaryVersion::V2025))
    }

    /// Records one indicator value of a province given on the boundaries in
    /// force in its month: kept as is on those boundaries, and (for months
    /// before the merger) also added into the 2025 province it merged into.
    /// A sum is provisional if any part is, else estimated if any part is.
    pub fn add_indicator(
        &mut self,
        area: congthuong_core::AreaCode,
        period: Period,
        indicator: &str,
        value: f64,
        unit: &str,
        status: &str,
    ) {
        let geo = congthuong_core::Geography::embedded();
        let version = BoundaryVersion::in_force(period);
        let mut put = |v: BoundaryVersion, code: congthuong_core::AreaCode| {
            let e = self
                .indicators
                .entry((v, code.to_string(), indicator.to_owned()))
                .or_default()
                .entry(period)
                .or_insert_with(|| IndicatorPoint {
                    value: 0.0,
                    unit: unit.to_owned(),
                    status: "revised".to_owned(),
                });
            e.value += value;
            let rank = |s: &str| match s {
                "provisional" => 2,
                "estimated" => 1,
                _ => 0,
            };
            if rank(status) > rank(&e.status) {
                e.status = status.to_owned();
            }
        };
        put(version, area);
        if version == BoundaryVersion::Pre2025
            && let Some(new) = geo.successor(area)
        {
            put(BoundaryVersion::V2025, new);
        }
    }

    /// An indicator's series for an area on a version.
    pub fn indicator(
        &self,
        version: BoundaryVersion,
        area: &str,
        indicator: &str,
    ) -> Option<&BTreeMap<Period, IndicatorPoint>> {
        self.indicators
            .get(&(version, area.to_owned(), indicator.to_owned()))
    }

    /// (value in month, year-to-date sum, same months a year earlier) of an indicator.
    pub fn indicator_at(
        &self,
        version: BoundaryVersion,
        area: &str,
        indicator: &str,
        p: Period,
    ) -> Option<(f64, Option<f64>, Option<f64>)> {
        let s = self.indicator(version, area, indicator)?;
        let month = s.get(&p)?.value;
        let sum = |r: congthuong_core::PeriodRange| -> Option<f64> {
            r.iter().map(|m| s.get(&m).map(|x| x.value)).sum()
        };
        Some((
            month,
            sum(p.year_to_date()),
            sum(p.year_to_date_last_year()),
        ))
    }

    /// The latest month with figures.
    pub fn latest(&self) -> Option<Period> {
        self.view(BoundaryVersion::V2025).map(|v| v.range.last)
    }
}
