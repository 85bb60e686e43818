//! Index series by area, industry and month: the general query behind
//! `GET /api/v1/series` (filters by area or group, industry code or level,
//! and a month range) and its SDMX-CSV download.

use congthuong_core::{BoundaryVersion, Geography, Level, Period, PeriodRange};
use congthuong_engine::Comparison;
use serde::Serialize;

use crate::FiguresError;
use crate::release::ReleaseData;
use crate::table::{Table, num};

/// Which series.
#[derive(Clone, Debug)]
pub struct SeriesQuery {
    /// Province codes, group ids or `VN`. A group id stands for the group's
    /// own series; `members:<group>` for each of its member provinces.
    pub areas: Vec<String>,
    /// Industry codes (`TOTAL`, section letters, divisions, classes,
    /// products); empty means every node of `level`, or `TOTAL` when no
    /// level is given either.
    pub codes: Vec<String>,
    /// Keep nodes of this level only.
    pub level: Option<Level>,
    /// First month (default: the view's first).
    pub from: Option<Period>,
    /// Last month (default: the view's last).
    pub to: Option<Period>,
    /// The boundaries.
    pub boundaries: BoundaryVersion,
}

/// One month of one series.
#[derive(Clone, Debug, Serialize)]
pub struct SeriesRow {
    /// Province code, group id or `VN`.
    pub area: String,
    /// Industry code.
    pub code: String,
    /// Its level.
    pub level: &'static str,
    /// The month.
    pub period: Period,
    /// Index level (base year = 100).
    pub index: f64,
    /// On the previous month, %.
    pub mom: Option<f64>,
    /// On the same month last year, %.
    pub yoy: Option<f64>,
    /// Year to date on the same months last year, %.
    pub ytd: Option<f64>,
}

/// The most rows one query returns (a whole release is millions).
pub const MAX_ROWS: usize = 200_000;

/// Answers a series query.
pub fn series(data: &ReleaseData, q: &SeriesQuery) -> Result<Vec<SeriesRow>, FiguresError> {
    let view = data
        .view(q.boundaries)
        .ok_or(FiguresError::NoBoundaries(q.boundaries))?;
    let geo = Geography::embedded();
    let first = q.from.unwrap_or(view.range.first).max(view.range.first);
    let last = q.to.unwrap_or(view.range.last).min(view.range.last);
    let range = PeriodRange::new(first, last);
    if range.is_empty() {
        return Err(FiguresError::EmptyRange);
    }
    let mut areas = Vec::new();
    for a in &q.areas {
        if let Some(g) = a.strip_prefix("members:") {
            let group = geo.group(g)?;
            areas.extend(
                group
                    .members(view.version, geo)
                    .iter()
                    .map(ToString::to_string),
            );
        } else if a == "VN" || geo.group(a).is_ok() {
            areas.push(a.clone());
        } else {
            areas.push(geo.area(a, view.version)?.code.to_string());
        }
    }
    let mut rows = Vec::new();
    for area in &areas {
        let nodes: Vec<(Level, String)> = view
            .nodes_of(area)
            .into_iter()
            .filter(|(level, code)| {
                let by_code = if q.codes.is_empty() {
                    q.level.is_some() || code == "TOTAL"
                } else {
                    q.codes.iter().any(|c| c == code)
                };
                by_code && q.level.is_none_or(|l| l == *level)
            })
            .collect();
        for (level, code) in nodes {
            for p in range.iter() {
                let Some(index) = view.level(area, &code, p) else {
                    continue;
                };
                if rows.len() == MAX_ROWS {
                    return Err(FiguresError::TooMany(MAX_ROWS));
                }
                rows.push(SeriesRow {
                    area: area.clone(),
                    level: level.as_str(),
                    period: p,
                    index,
                    mom: view.growth(area, &code, p, Comparison::Mom),
                    yoy: view.growth(area, &code, p, Comparison::Yoy),
                    ytd: view.growth(area, &code, p, Comparison::Ytd),
                    code: code.clone(),
                });
            }
        }
    }
    Ok(rows)
}

/// The rows as a table.
pub fn table(rows: &[SeriesRow]) -> Table {
    let mut t = Table::new(&[
        "area",
        "level",
        "code",
        "period",
        "index",
        "mom_pct",
        "yoy_pct",
        "ytd_yoy_pct",
    ]);
    for r in rows {
        t.push(vec![
            r.area.clone(),
            r.level.to_owned(),
            r.code.clone(),
            r.period.to_string(),
            num(Some(r.index)),
            num(r.mom),
            num(r.yoy),
            num(r.ytd),
        ]);
    }
    t
}
