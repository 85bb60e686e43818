//! Trade indicators and plan targets for the same provinces and months
//! (`indicators.csv`, `targets.csv`; formats in `docs/INDICATORS.md`).
//!
//! - `retail_sales`: retail sales of goods and services, billion VND a
//!   month. The national total follows the rough size of Vietnam's
//!   (about 3,200 trillion VND in 2015, 6,400 trillion in 2024) with the
//!   month before Tết high, the Tết month low, and the April 2020 and
//!   July–October 2021 COVID-19 dips; provinces share it by population and
//!   income, the southern ones hit hardest in 2021.
//! - `exports`: export turnover, million USD a month. The national total
//!   follows the rough size of Vietnam's (about 162 billion USD in 2015,
//!   405 billion in 2024); provinces share it by what they make (phones
//!   from Bắc Ninh and Thái Nguyên, garments, footwear, seafood, crude
//!   oil…), moving with the calibrated product paths.
//!
//! The national sizes are rounded magnitudes for realism, not calibration
//! targets: the provincial values are synthetic. Targets (`iip_growth` in
//! percent, `retail_sales`, `exports` for the year) are set from the year
//! before, as a plan would be.

use std::io::Write;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period, Product};

use crate::calendar::{FIRST, index, pre_tet, tet_shutdown};
use crate::model::Model;
use crate::rng;

/// Retail sales, trillion VND a year (rounded national magnitudes).
const RETAIL: [(i32, f64); 11] = [
    (2015, 3243.0),
    (2016, 3527.0),
    (2017, 3934.0),
    (2018, 4396.0),
    (2019, 4940.0),
    (2020, 5060.0),
    (2021, 4790.0),
    (2022, 5680.0),
    (2023, 6232.0),
    (2024, 6391.0),
    (2025, 7000.0),
];

/// Exports, billion USD a year (rounded national magnitudes).
const EXPORTS: [(i32, f64); 11] = [
    (2015, 162.0),
    (2016, 176.6),
    (2017, 214.0),
    (2018, 243.5),
    (2019, 264.2),
    (2020, 282.6),
    (2021, 336.3),
    (2022, 371.3),
    (2023, 355.5),
    (2024, 405.5),
    (2025, 455.0),
];

/// The indicators, with their codes and units.
pub const INDICATORS: [(&str, &str); 2] =
    [("retail_sales", "billion_vnd"), ("exports", "million_usd")];

fn annual(table: &[(i32, f64)], year: i32, later_growth: f64) -> f64 {
    let (last_year, last) = table[table.len() - 1];
    table
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, v)| *v)
        .unwrap_or_else(|| last * later_growth.powi(year - last_year))
}

/// A national monthly series whose years add up to the annual table.
fn national_monthly(
    table: &[(i32, f64)],
    later_growth: f64,
    unit_scale: f64,
    months: usize,
    shape: impl Fn(Period) -> f64,
) -> Vec<f64> {
    let level = |t: f64| {
        // Log-linear between mid-years.
        let y = FIRST.year() as f64 + (t - 5.5) / 12.0;
        let y0 = y.floor() as i32;
        let f = y - y0 as f64;
        let a = annual(table, y0.max(FIRST.year()), later_growth).ln();
        let b = annual(table, (y0 + 1).max(FIRST.year()), later_growth).ln();
        (a + (b - a) * f).exp() / 12.0
    };
    let mut out: Vec<f64> = (0..months)
        .map(|t| level(t as f64) * shape(FIRST.add_months(t as i32)))
        .collect();
    for year_start in (0..months).step_by(12) {
        let end = (year_start + 12).min(months);
        if end - year_start < 12 {
            break;
        }
        let year = FIRST.add_months(year_start as i32).year();
        let sum: f64 = out[year_start..end].iter().sum();
        let scale = annual(table, year, later_growth) / sum;
        out[year_start..end].iter_mut().for_each(|v| *v *= scale);
    }
    // A partial last year continues the previous year's scale.
    out.iter_mut().for_each(|v| *v *= unit_scale);
    out
}

fn retail_shape(p: Period) -> f64 {
    const SEASON: [f64; 12] = [
        1.0, 0.97, 0.97, 0.98, 0.99, 0.99, 1.0, 1.0, 1.0, 1.01, 1.02, 1.07,
    ];
    let covid = match (p.year(), p.month()) {
        (2020, 4) => 0.8,
        (2020, 5) => 0.95,
        (2021, 7) => 0.92,
        (2021, 8) => 0.8,
        (2021, 9) => 0.82,
        (2021, 10) => 0.93,
        _ => 1.0,
    };
    SEASON[p.month() as usize - 1] * (1.0 + 0.12 * pre_tet(p) - 0.1 * tet_shutdown(p)) * covid
}

fn export_shape(p: Period) -> f64 {
    const SEASON: [f64; 12] = [
        1.0, 0.92, 1.0, 0.98, 1.0, 1.0, 1.02, 1.03, 1.02, 1.03, 1.02, 1.05,
    ];
    let covid = match (p.year(), p.month()) {
        (2020, 4) => 0.88,
        (2021, 8) => 0.93,
        (2021, 9) => 0.92,
        _ => 1.0,
    };
    SEASON[p.month() as usize - 1] * (1.0 - 0.3 * tet_shutdown(p)) * covid
}

/// Share of a product's output value that is exported.
fn export_intensity(product: &str) -> f64 {
    match product {
        "MOBILE_PHONES" => 0.95,
        "PHONE_PARTS" => 0.9,
        "SHOES_SPORTS" | "SHOES_LEATHER" => 0.9,
        "GARMENTS" | "COFFEE" => 0.8,
        "SEAFOOD" => 0.7,
        "TV_SETS" | "YARN" => 0.6,
        "CRUDE_OIL" | "TYRES" => 0.5,
        "FABRIC_NATURAL" | "FABRIC_SYNTH" | "CRUDE_STEEL" | "ROLLED_STEEL" | "ALUMINA" => 0.3,
        "CEMENT" | "TEA" | "CARS" | "MOTORCYCLES" | "FRIDGES" | "WASHERS" | "AIR_CON" => 0.15,
        _ => 0.05,
    }
}

fn retail_covid(code: &str, region: Option<&str>, p: Period) -> f64 {
    if p.year() != 2021 || !(5..=10).contains(&p.month()) {
        return 1.0;
    }
    let m = p.month() as usize - 5;
    match code {
        "79" => [1.0, 0.95, 0.72, 0.5, 0.52, 0.8][m],
        "24" => [0.88, 0.85, 1.0, 1.0, 1.0, 1.0][m],
        _ if matches!(region, Some("southeast" | "mekong_delta")) => {
            [1.0, 0.97, 0.85, 0.68, 0.7, 0.88][m]
        }
        _ => [1.0, 1.0, 1.02, 1.05, 1.05, 1.0][m],
    }
}

/// Monthly values of both indicators for the 63 provinces over the model's months.
pub struct Indicators {
    /// `[indicator][province position][month index]`.
    pub values: [Vec<Vec<f64>>; 2],
}

/// Computes the indicators from the model.
pub fn build(model: &Model, seed: u64) -> Indicators {
    let geo = Geography::embedded();
    let months = model.months();
    let basket = Product::basket();
    let retail = national_monthly(&RETAIL, 1.09, 1000.0, months, retail_shape);
    let exports = national_monthly(&EXPORTS, 1.07, 1000.0, months, export_shape);

    // Retail: population × income, relative trends, COVID-19 in the south.
    let retail_weights: Vec<Vec<f64>> = model
        .provinces
        .iter()
        .map(|p| {
            let spec = p.spec;
            let per_head = spec.value_added / spec.population_k;
            let city = match spec.code.as_str() {
                "01" | "79" => 1.5,
                "31" | "48" | "92" => 1.2,
                _ => 1.0,
            };
            let region = geo
                .province(spec.code, BoundaryVersion::Pre2025)
                .and_then(|x| x.gso_region.clone());
            let base = spec.population_k * per_head.powf(0.3) * city;
            let mut z = 0.0;
            (0..months)
                .map(|t| {
                    let p = FIRST.add_months(t as i32);
                    z = 0.8 * z
                        + 0.01 * rng::normal(seed, &[20, spec.code.number() as u64, t as u64]);
                    base * (0.3 * spec.trend * t as f64 / 12.0 + z).exp()
                        * retail_covid(spec.code.as_str(), region.as_deref(), p)
                })
                .collect()
        })
        .collect();
    // Exports: what each province makes, moving with its product paths.
    let export_weights: Vec<Vec<f64>> = model
        .provinces
        .iter()
        .map(|p| {
            (0..months)
                .map(|t| {
                    p.cells
                        .clone()
                        .map(|c| {
                            let cell = &model.cells[c];
                            let value = cell.output_value_m as f64 * cell.index[t] / 100.0;
                            value * (export_intensity(&basket[cell.product].code) + 0.08)
                        })
                        .sum()
                })
                .collect()
        })
        .collect();
    let spread = |national: &[f64], weights: &[Vec<f64>]| -> Vec<Vec<f64>> {
        let totals: Vec<f64> = (0..months)
            .map(|t| weights.iter().map(|w| w[t]).sum())
            .collect();
        weights
            .iter()
            .map(|w| {
                (0..months)
                    .map(|t| national[t] * w[t] / totals[t])
                    .collect()
            })
            .collect()
    };
    Indicators {
        values: [
            spread(&retail, &retail_weights),
            spread(&exports, &export_weights),
        ],
    }
}

/// The areas in force in `p` and, for each, the province positions it sums.
fn areas_in_force(model: &Model, version: BoundaryVersion) -> Vec<(AreaCode, Vec<usize>)> {
    let geo = Geography::embedded();
    geo.provinces(version)
        .iter()
        .map(|area| {
            let parts = model
                .provinces
                .iter()
                .enumerate()
                .filter(|(_, p)| match version {
                    BoundaryVersion::Pre2025 => p.spec.code == area.code,
                    BoundaryVersion::V2025 => geo.successor(p.spec.code) == Some(area.code),
                })
                .map(|(i, _)| i)
                .collect();
            (area.code, parts)
        })
        .collect()
}

fn status(p: Period, last: Period) -> &'static str {
    if p == last {
        "estimated"
    } else if p == last.prev() {
        "provisional"
    } else {
        "revised"
    }
}

/// Writes `indicators.csv` rows for `first` … `last`; returns the row count.
pub fn write_indicators(
    ind: &Indicators,
    model: &Model,
    first: Period,
    last: Period,
    w: &mut impl Write,
) -> std::io::Result<u64> {
    writeln!(w, "area,period,indicator,value,unit,status")?;
    let mut rows = 0;
    let by_version = [
        areas_in_force(model, BoundaryVersion::Pre2025),
        areas_in_force(model, BoundaryVersion::V2025),
    ];
    let mut p = first;
    while p <= last {
        let t = index(p);
        let areas = match BoundaryVersion::in_force(p) {
            BoundaryVersion::Pre2025 => &by_version[0],
            BoundaryVersion::V2025 => &by_version[1],
        };
        for (code, parts) in areas {
            for (i, (indicator, unit)) in INDICATORS.iter().enumerate() {
                let v: f64 = parts.iter().map(|&a| ind.values[i][a][t]).sum();
                writeln!(
                    w,
                    "{code},{p},{indicator},{v:.1},{unit},{}",
                    status(p, last)
                )?;
                rows += 1;
            }
        }
        p = p.next();
    }
    Ok(rows)
}

/// Plan target years.
pub const TARGET_YEARS: std::ops::RangeInclusive<i32> = 2021..=2025;

/// Writes `targets.csv`; returns the row count.
pub fn write_targets(
    ind: &Indicators,
    model: &Model,
    seed: u64,
    w: &mut impl Write,
) -> std::io::Result<u64> {
    writeln!(w, "area,year,indicator,target")?;
    let mut rows = 0;
    for year in TARGET_YEARS {
        let version = BoundaryVersion::in_force(Period::year_range(year).last);
        let prev = Period::year_range(year - 1);
        for (code, parts) in areas_in_force(model, version) {
            let noise = |k: u64| rng::normal(seed, &[30, code.number() as u64, year as u64, k]);
            // IIP growth: half last year's, half a common ambition.
            let path = model.area_path(code, version);
            let sum =
                |r: congthuong_core::PeriodRange| -> f64 { r.iter().map(|p| path[index(p)]).sum() };
            let last_growth = 100.0 * (sum(prev) / sum(Period::year_range(year - 2)) - 1.0);
            let iip = (0.5 * last_growth + 0.5 * 8.5 + noise(0)).clamp(2.0, 25.0);
            let iip = (iip * 2.0).round() / 2.0;
            writeln!(w, "{code},{year},iip_growth,{iip:.1}")?;
            for (i, (indicator, _)) in INDICATORS.iter().enumerate() {
                let actual: f64 = parts
                    .iter()
                    .map(|&a| prev.iter().map(|p| ind.values[i][a][index(p)]).sum::<f64>())
                    .sum();
                let growth = if i == 0 { 0.085 } else { 0.07 };
                let target = actual * (1.0 + growth + 0.025 * noise(i as u64 + 1));
                let target = (target / 10.0).round() * 10.0;
                writeln!(w, "{code},{year},{indicator},{target:.0}")?;
            }
            rows += 3;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_add_up_to_the_national_magnitudes() {
        let model = crate::model::build(5, "2025-12".parse().unwrap());
        let ind = build(&model, 5);
        for (i, table, scale) in [(0, &RETAIL, 1000.0), (1, &EXPORTS, 1000.0)] {
            for &(year, total) in table.iter() {
                let sum: f64 = ind.values[i]
                    .iter()
                    .map(|p| {
                        Period::year_range(year)
                            .iter()
                            .map(|m| p[index(m)])
                            .sum::<f64>()
                    })
                    .sum();
                assert!((sum / (total * scale) - 1.0).abs() < 1e-9, "{i} {year}");
            }
        }
        // Tết 2023 fell in January: exports dip there, not in February.
        let vn = |p: &str| -> f64 {
            let t = index(p.parse().unwrap());
            ind.values[1].iter().map(|x| x[t]).sum()
        };
        assert!(vn("2023-01") < vn("2023-02"));
        assert!(vn("2024-02") < vn("2024-01"));
    }
}
