//! Tables as downloads: tidy CSV and SDMX-CSV (XLSX alongside, formatted).
//!
//! SDMX-CSV follows the SDMX-CSV 1.0 layout: a `DATAFLOW` column
//! (`MOIT_VN:DF_IIP(1.0.0)`), the dimensions `FREQ`, `REF_AREA`,
//! `ACTIVITY`, `INDICATOR`, `TIME_PERIOD`, then `OBS_VALUE`, `UNIT_MEASURE`
//! and `OBS_STATUS` (A normal, P provisional, E estimated, B break).
//! Values are at full precision; rounding is for display only.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A table: a header and rows of text cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// One SDMX observation.
#[derive(Clone, Debug)]
pub struct Observation {
    /// Province code, group id or `VN`.
    pub ref_area: String,
    /// `TOTAL`, a section, division, class or product code.
    pub activity: String,
    /// e.g. `IIP_INDEX`, `IIP_YOY_PCT`, `IIP_YTD_YOY_PCT`.
    pub indicator: String,
    /// `YYYY-MM`.
    pub time_period: String,
    /// The value.
    pub value: f64,
    /// e.g. `INDEX_2015_100`, `PCT`.
    pub unit: String,
    /// A, P, E or B.
    pub status: String,
}

/// The dataflow the observations belong to.
pub const DATAFLOW: &str = "MOIT_VN:DF_IIP(1.0.0)";

fn csv_text(columns: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(columns);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// A CSV download (UTF-8 with a byte-order mark, so Excel reads the Vietnamese right).
pub fn csv_response(name: &str, table: &Table) -> Response {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(csv_text(&table.columns, &table.rows));
    file_response(name, "text/csv; charset=utf-8", body)
}

/// An SDMX-CSV download.
pub fn sdmx_response(name: &str, obs: &[Observation]) -> Response {
    let columns: Vec<String> = [
        "DATAFLOW",
        "FREQ",
        "REF_AREA",
        "ACTIVITY",
        "INDICATOR",
        "TIME_PERIOD",
        "OBS_VALUE",
        "UNIT_MEASURE",
        "OBS_STATUS",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let rows: Vec<Vec<String>> = obs
        .iter()
        .map(|o| {
            vec![
                DATAFLOW.into(),
                "M".into(),
                o.ref_area.clone(),
                o.activity.clone(),
                o.indicator.clone(),
                o.time_period.clone(),
                o.value.to_string(),
                o.unit.clone(),
                o.status.clone(),
            ]
        })
        .collect();
    file_response(
        name,
        "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
        csv_text(&columns, &rows),
    )
}

/// A file download with a safe file name.
pub fn file_response(name: &str, content_type: &'static str, body: Vec<u8>) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        body,
    )
        .into_response()
}
