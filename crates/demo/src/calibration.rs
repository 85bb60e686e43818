//! Checks the *compiled* demo data against what it is calibrated to.
//!
//! [`run`] generates two folders (2015-01 … 2025-12, and the same up to
//! 2025-06 for the pre-2025 view), reads them with the real reader
//! (`congthuong_intake::interchange::read_folder`), compiles them with the
//! real engine on the 2025 and the pre-2025 boundaries, and [`check`]s:
//!
//! 1. `VN` year-on-year growth within 1.0 point of GSO's published
//!    monthly figure (revised where given) in at least 90 % of the months
//!    2016-01 … 2025-02;
//! 2. `VN` January–September 2022 growth within 0.3 point of 9.59 %;
//! 3. every province with a published January–September 2022 figure
//!    within 0.5 point of it (pre-2025 boundaries);
//! 4. exactly 21 of north_28's provinces above 11 % in January–September
//!    2022, and at least one above 30 % (pre-2025 boundaries).

use std::path::Path;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Level, Period};
use congthuong_engine::growth::growth;
use congthuong_engine::{AreaKey, Comparison, Compilation};
use congthuong_intake::interchange::{ReadOptions, read_folder};

use crate::calendar::BASE_YEAR;
use crate::error::DemoError;
use crate::folder::{Format, GenerateOptions, generate};
use crate::published::{self, PROVINCIAL_TARGET_MONTH};

/// Year-on-year tolerance for the national series, points.
pub const YOY_TOLERANCE: f64 = 1.0;
/// Share of months that must be within [`YOY_TOLERANCE`].
pub const YOY_SHARE: f64 = 0.9;
/// Tolerance of the national January–September 2022 growth, points.
pub const YTD_TOLERANCE: f64 = 0.3;
/// Tolerance of the provincial January–September 2022 growth, points.
pub const PROVINCE_TOLERANCE: f64 = 0.5;
/// The north_28 threshold, percent.
pub const NORTH_THRESHOLD: f64 = 11.0;
/// How many north_28 provinces must be above it.
pub const NORTH_COUNT: usize = 21;
/// At least one north_28 province above this, percent.
pub const NORTH_HIGH: f64 = 30.0;

/// One line of the calibration table.
#[derive(Clone, Debug)]
pub struct Check {
    /// What is checked.
    pub what: String,
    /// The target, as text.
    pub target: String,
    /// What the compiled data gives, as text.
    pub achieved: String,
    /// Whether the target is met.
    pub ok: bool,
}

fn total(c: &Compilation, area: &AreaKey) -> Option<Vec<f64>> {
    c.index
        .iter()
        .find(|s| &s.area == area && s.level == Level::Total)
        .map(|s| s.values.clone())
}

fn growth_at(c: &Compilation, values: &[f64], p: Period, cmp: Comparison) -> Option<f64> {
    let t = c.range.first.months_until(p);
    if t < 0 || t as usize >= values.len() {
        return None;
    }
    growth(values, c.range.first, t as usize, cmp)
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "missing".into(), |v| format!("{v:.2}"))
}

/// Checks a compilation on the 2025 boundaries (for `VN`) and one on the
/// pre-2025 boundaries (for the provinces and north_28).
pub fn check(v2025: &Compilation, pre2025: &Compilation) -> Vec<Check> {
    let mut out = Vec::new();
    let geo = Geography::embedded();

    // 1. National year-on-year growth.
    let vn = total(v2025, &AreaKey::National);
    let mut within = 0;
    let mut months = 0;
    let mut worst: Option<(Period, f64)> = None;
    for m in published::national()
        .iter()
        .filter(|m| m.period.year() > BASE_YEAR)
    {
        let Some(target) = m.yoy_target() else {
            continue;
        };
        months += 1;
        let got = vn
            .as_deref()
            .and_then(|v| growth_at(v2025, v, m.period, Comparison::Yoy));
        let diff = got.map_or(f64::INFINITY, |g| (g - target).abs());
        if diff <= YOY_TOLERANCE {
            within += 1;
        }
        if worst.is_none_or(|(_, w)| diff > w) {
            worst = Some((m.period, diff));
        }
    }
    let needed = (YOY_SHARE * months as f64).ceil() as usize;
    out.push(Check {
        what: format!(
            "VN year-on-year growth within {YOY_TOLERANCE} point of GSO, {} … {}",
            published::national()[12].period,
            published::national()
                .last()
                .map(|m| m.period)
                .unwrap_or(PROVINCIAL_TARGET_MONTH)
        ),
        target: format!("≥ {needed} of {months} months"),
        achieved: format!(
            "{within} of {months} (largest gap {} in {})",
            worst.map_or("-".into(), |(_, d)| format!("{d:.2}")),
            worst.map_or("-".into(), |(p, _)| p.to_string())
        ),
        ok: within >= needed,
    });

    // 2. National January–September 2022.
    let target = published::national_month(PROVINCIAL_TARGET_MONTH)
        .and_then(|m| m.ytd_first)
        .expect("published 2022-09 year-to-date growth");
    let got = vn
        .as_deref()
        .and_then(|v| growth_at(v2025, v, PROVINCIAL_TARGET_MONTH, Comparison::Ytd));
    out.push(Check {
        what: "VN growth January–September 2022 (%)".into(),
        target: format!("{target} ± {YTD_TOLERANCE}"),
        achieved: fmt(got),
        ok: got.is_some_and(|g| (g - target).abs() <= YTD_TOLERANCE),
    });

    // 3. Published provincial figures.
    let province_ytd = |code: AreaCode| {
        total(pre2025, &AreaKey::Province(code))
            .and_then(|v| growth_at(pre2025, &v, PROVINCIAL_TARGET_MONTH, Comparison::Ytd))
    };
    for f in published::provincial_targets() {
        let got = province_ytd(f.area);
        out.push(Check {
            what: format!("{} {} January–September 2022 (%)", f.area, f.name),
            target: format!("{} ± {PROVINCE_TOLERANCE}", f.pct),
            achieved: fmt(got),
            ok: got.is_some_and(|g| (g - f.pct).abs() <= PROVINCE_TOLERANCE),
        });
    }

    // 4. north_28.
    let members = geo
        .group("north_28")
        .map(|g| g.members(BoundaryVersion::Pre2025, geo))
        .unwrap_or_default();
    let rates: Vec<Option<f64>> = members.iter().map(|&c| province_ytd(c)).collect();
    let above = rates
        .iter()
        .filter(|r| r.is_some_and(|g| g > NORTH_THRESHOLD))
        .count();
    let highest = rates.iter().flatten().copied().fold(f64::NAN, f64::max);
    out.push(Check {
        what: format!(
            "north_28 provinces above {NORTH_THRESHOLD} % in January–September 2022 (of {})",
            members.len()
        ),
        target: format!("exactly {NORTH_COUNT}"),
        achieved: above.to_string(),
        ok: above == NORTH_COUNT && rates.iter().all(Option::is_some),
    });
    out.push(Check {
        what: format!("north_28 provinces above {NORTH_HIGH} % in January–September 2022"),
        target: "≥ 1".into(),
        achieved: format!(
            "{} (highest {highest:.2})",
            rates
                .iter()
                .filter(|r| r.is_some_and(|g| g > NORTH_HIGH))
                .count()
        ),
        ok: highest > NORTH_HIGH,
    });
    out
}

fn compile_folder(dir: &Path, output: BoundaryVersion) -> Result<Compilation, DemoError> {
    let geo = Geography::embedded();
    let opts = ReadOptions {
        base_year: BASE_YEAR,
        output,
        geo,
        error_cap: 20,
        threads: 0,
    };
    let internal = |what: String| DemoError::Compile(format!("{}: {what}", dir.display()));
    let raw = read_folder(dir, &opts).map_err(|e| internal(e.to_string()))?;
    raw.compile(output, geo)
        .map_err(|e| internal(e.to_string()))
}

/// Generates into `work` (two new sub-folders), compiles with the real
/// engine and checks every target.
pub fn run(seed: u64, rows: u64, format: Format, work: &Path) -> Result<Vec<Check>, DemoError> {
    let full = work.join("demo-2015-2025");
    let old = work.join("demo-pre2025");
    let mut opts = GenerateOptions::new(&full);
    opts.seed = seed;
    opts.rows = rows;
    opts.format = format;
    generate(&opts)?;
    opts.out = old.clone();
    opts.to = Period::from_ordinal(2025 * 12 + 5);
    generate(&opts)?;
    let v2025 = compile_folder(&full, BoundaryVersion::V2025)?;
    let pre2025 = compile_folder(&old, BoundaryVersion::Pre2025)?;
    Ok(check(&v2025, &pre2025))
}
