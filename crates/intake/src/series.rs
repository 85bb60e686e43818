//! Indicator series and plan targets of an interchange folder:
//! `indicators.csv` (`area,period,indicator,value,unit,status`) and
//! `targets.csv` (`area,year,indicator,target`).
//!
//! `area` is a province code on the boundaries in force in the period (for
//! targets: in December of the year), a reference group id, or `VN`.
//! `indicator` is a lower-case code (`retail_sales`, `exports`, …).
//! `status` is one of [`Status`]. A repeated key is an error.

use std::collections::HashMap;
use std::path::Path;

use congthuong_core::{BoundaryVersion, Geography, NATIONAL, Period};

use crate::error::InputErrors;
use crate::table::{RowError, read_table};

/// The indicators file of a folder.
pub const INDICATORS: &str = "indicators.csv";
/// The targets file of a folder.
pub const TARGETS: &str = "targets.csv";

/// How final a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// First estimate, to be revised.
    Provisional,
    /// Revised since first published.
    Revised,
    /// Estimated (e.g. the current month before reports are complete).
    Estimated,
    /// Final.
    Final,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 4] = [
        Status::Provisional,
        Status::Revised,
        Status::Estimated,
        Status::Final,
    ];

    /// The code written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Provisional => "provisional",
            Status::Revised => "revised",
            Status::Estimated => "estimated",
            Status::Final => "final",
        }
    }

    /// Parses a code.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One value of an indicator series.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRecord {
    /// Province code, group id or `VN`.
    pub area: String,
    /// The month.
    pub period: Period,
    /// Indicator code.
    pub indicator: String,
    /// The value.
    pub value: f64,
    /// Unit, e.g. `billion_vnd`.
    pub unit: String,
    /// How final.
    pub status: Status,
}

/// One plan target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRecord {
    /// Province code, group id or `VN`.
    pub area: String,
    /// The plan year.
    pub year: i32,
    /// Indicator code.
    pub indicator: String,
    /// The target value.
    pub target: f64,
}

fn area(geo: &Geography, raw: &str, version: BoundaryVersion) -> Result<String, RowError> {
    if raw == NATIONAL || geo.groups().iter().any(|g| g.id() == raw) {
        return Ok(raw.to_owned());
    }
    geo.area(raw, version)
        .map(|p| p.code.as_str().to_owned())
        .map_err(|e| {
            (
                "area",
                format!("{e} (an area is a province code in force then, a group id or VN)"),
            )
        })
}

fn indicator(raw: &str) -> Result<String, RowError> {
    if raw.is_empty()
        || raw.len() > 64
        || !raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err((
            "indicator",
            format!("indicator {raw:?}: expected a code of lower-case letters, digits and _"),
        ));
    }
    Ok(raw.to_owned())
}

fn value(column: &'static str, raw: &str) -> Result<f64, RowError> {
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err((
            column,
            format!("unparsable number {raw:?} (write numbers like -12.5, with a dot)"),
        )),
    }
}

/// Reads `indicators.csv`.
pub fn read_indicators(
    path: &Path,
    geo: &Geography,
    errors: &mut InputErrors,
    cap: usize,
) -> Vec<IndicatorRecord> {
    let mut out = Vec::new();
    let mut seen: HashMap<(String, Period, String), u64> = HashMap::new();
    read_table(
        path,
        INDICATORS,
        &["area", "period", "indicator", "value", "unit", "status"],
        errors,
        cap,
        |row| {
            let v = &row.values;
            let period: Period = v[1]
                .parse()
                .map_err(|e: congthuong_core::Error| ("period", e.to_string()))?;
            let area = area(geo, v[0], BoundaryVersion::in_force(period))?;
            let indicator = indicator(v[2])?;
            let value = value("value", v[3])?;
            if v[4].is_empty() {
                return Err(("unit", "empty unit".into()));
            }
            let status = Status::parse(v[5]).ok_or_else(|| {
                (
                    "status",
                    format!(
                        "unknown status {:?}: expected one of provisional, revised, estimated, final",
                        v[5]
                    ),
                )
            })?;
            if let Some(first) = seen.insert((area.clone(), period, indicator.clone()), row.line) {
                return Err((
                    "indicator",
                    format!("{area}, {period}, {indicator} is given twice (first on line {first})"),
                ));
            }
            out.push(IndicatorRecord {
                area,
                period,
                indicator,
                value,
                unit: congthuong_core::text::nfc(v[4]),
                status,
            });
            Ok(())
        },
    );
    out
}

/// Reads `targets.csv`.
pub fn read_targets(
    path: &Path,
    geo: &Geography,
    errors: &mut InputErrors,
    cap: usize,
) -> Vec<TargetRecord> {
    let mut out = Vec::new();
    let mut seen: HashMap<(String, i32, String), u64> = HashMap::new();
    read_table(
        path,
        TARGETS,
        &["area", "year", "indicator", "target"],
        errors,
        cap,
        |row| {
            let v = &row.values;
            let year: i32 = match v[1].parse() {
                Ok(y) if (1000..=9999).contains(&y) => y,
                _ => return Err(("year", format!("invalid year {:?}: expected YYYY", v[1]))),
            };
            let area = area(
                geo,
                v[0],
                BoundaryVersion::in_force(Period::year_range(year).last),
            )?;
            let indicator = indicator(v[2])?;
            let target = value("target", v[3])?;
            if let Some(first) = seen.insert((area.clone(), year, indicator.clone()), row.line) {
                return Err((
                    "indicator",
                    format!("{area}, {year}, {indicator} is given twice (first on line {first})"),
                ));
            }
            out.push(TargetRecord {
                area,
                year,
                indicator,
                target,
            });
            Ok(())
        },
    );
    out
}
