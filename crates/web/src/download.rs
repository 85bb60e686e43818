//! Tables as downloads: JSON, tidy CSV, XLSX and SDMX-CSV, chosen by
//! `?format=`.
//!
//! - CSV is UTF-8 with a byte-order mark (so Excel reads the Vietnamese).
//! - XLSX has one sheet: a bold, frozen header, numbers as numbers (full
//!   precision), and a note row saying where the figures come from (and
//!   that demo data is synthetic).
//! - SDMX-CSV follows the SDMX-CSV 1.0 layout: a `DATAFLOW` column
//!   (`MOIT_VN:DF_IIP(1.0.0)`, `DF_OUTPUT`, `DF_TRADE`), the dimensions
//!   `FREQ`, `REF_AREA`, `ACTIVITY`, `INDICATOR`, `TIME_PERIOD`, then
//!   `OBS_VALUE`, `UNIT_MEASURE` and `OBS_STATUS` (A normal, E estimated;
//!   synthetic demo data is E).
//!
//! Values are at full precision; rounding is for display only.

use axum::Json;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub use congthuong_figures::table::Table;

use crate::error::AppError;

/// What a table endpoint answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The figures as JSON (the default).
    Json,
    /// Tidy CSV.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// SDMX-CSV.
    Sdmx,
}

impl Format {
    /// `?format=` (absent or empty: JSON).
    pub fn of(params: &crate::pages::Params) -> Result<Format, AppError> {
        match params.get("format").map_or("", String::as_str) {
            "" | "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            "sdmx" => Ok(Format::Sdmx),
            other => Err(AppError::BadRequest(format!(
                "unknown format {other:?}; use json, csv, xlsx or sdmx"
            ))),
        }
    }
}

/// One SDMX observation.
#[derive(Clone, Debug)]
pub struct Observation {
    /// Province code, group id or `VN`.
    pub ref_area: String,
    /// `TOTAL`, a section, division, class or product code.
    pub activity: String,
    /// e.g. `IIP_INDEX`, `IIP_YOY_PCT`, `OUTPUT`, `RETAIL_SALES`.
    pub indicator: String,
    /// `YYYY-MM`.
    pub time_period: String,
    /// The value.
    pub value: f64,
    /// e.g. `INDEX_2015_100`, `PCT`, `BN_VND`.
    pub unit: String,
}

/// The dataflow of the IIP.
pub const DF_IIP: &str = "MOIT_VN:DF_IIP(1.0.0)";
/// The dataflow of products' output.
pub const DF_OUTPUT: &str = "MOIT_VN:DF_OUTPUT(1.0.0)";
/// The dataflow of trade indicators.
pub const DF_TRADE: &str = "MOIT_VN:DF_TRADE(1.0.0)";

/// Observations being gathered for one dataflow.
#[derive(Debug)]
pub struct Sdmx {
    dataflow: &'static str,
    status: &'static str,
    obs: Vec<Observation>,
}

impl Sdmx {
    /// An empty set; `synthetic` marks every observation E (estimated).
    pub fn new(dataflow: &'static str, synthetic: bool) -> Self {
        Self {
            dataflow,
            status: if synthetic { "E" } else { "A" },
            obs: Vec::new(),
        }
    }

    /// Adds an observation when the value is there.
    pub fn push(
        &mut self,
        area: &str,
        activity: &str,
        indicator: &str,
        period: congthuong_core::Period,
        value: Option<f64>,
        unit: &str,
    ) {
        if let Some(value) = value {
            self.obs.push(Observation {
                ref_area: area.to_owned(),
                activity: activity.to_owned(),
                indicator: indicator.to_owned(),
                time_period: period.to_string(),
                value,
                unit: unit.to_owned(),
            });
        }
    }

    /// The observations as an SDMX-CSV table.
    pub fn table(&self) -> Table {
        let mut t = Table::new(&[
            "DATAFLOW",
            "FREQ",
            "REF_AREA",
            "ACTIVITY",
            "INDICATOR",
            "TIME_PERIOD",
            "OBS_VALUE",
            "UNIT_MEASURE",
            "OBS_STATUS",
        ]);
        for o in &self.obs {
            t.push(vec![
                self.dataflow.into(),
                "M".into(),
                o.ref_area.clone(),
                o.activity.clone(),
                o.indicator.clone(),
                o.time_period.clone(),
                o.value.to_string(),
                o.unit.clone(),
                self.status.into(),
            ]);
        }
        t
    }
}

/// The CSV text of a table. Every cell goes through
/// `congthuong_core::spreadsheet::neutralise`: text typed by one user that
/// would start a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd…`, a leading
/// tab) reaches another user's spreadsheet as text; numbers are kept.
fn csv_bytes(table: &Table) -> Vec<u8> {
    use congthuong_core::spreadsheet::neutralise;
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(table.columns.iter().map(|c| neutralise(c).into_owned()));
    for r in &table.rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// A CSV download (UTF-8 with a byte-order mark, so Excel reads the Vietnamese right).
pub fn csv_response(name: &str, table: &Table) -> Response {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(csv_bytes(table));
    file_response(name, "text/csv; charset=utf-8", body)
}

/// An SDMX-CSV download.
pub fn sdmx_response(name: &str, sdmx: &Sdmx) -> Response {
    file_response(
        name,
        "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
        csv_bytes(&sdmx.table()),
    )
}

/// The workbook of a table: one sheet, a bold frozen header, numbers as
/// numbers, and `note` in the row under the table.
pub fn xlsx_bytes(table: &Table, note: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("data")?;
    let bold = CellFormat::new().set_bold();
    for (c, name) in table.columns.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, name, &bold)?;
        sheet.set_column_width(col, (name.chars().count() + 2).clamp(8, 40) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut r: u32 = 1;
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            // Codes with leading zeros (area 01, division 05) stay text.
            let code_like = cell.len() > 1 && cell.starts_with('0') && !cell.starts_with("0.");
            let numeric = !code_like && cell.parse::<f64>().is_ok_and(f64::is_finite);
            if numeric {
                sheet.write_number(r, col, cell.parse::<f64>().unwrap_or_default())?;
            } else if !cell.is_empty() {
                sheet.write_string(r, col, cell)?;
            }
        }
        r += 1;
    }
    sheet.write_string(r + 1, 0, note)?;
    book.save_to_buffer()
}

/// An XLSX download.
pub fn xlsx_response(name: &str, table: &Table, note: &str) -> Result<Response, AppError> {
    let body = xlsx_bytes(table, note).map_err(|e| AppError::Internal(e.into()))?;
    Ok(file_response(
        name,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body,
    ))
}

/// The note written under a downloaded table.
pub fn provenance(data: &congthuong_figures::ReleaseData) -> String {
    let mut note = format!(
        "congthuong, release {} ({}), created {}.",
        data.meta.id, data.meta.period, data.meta.created_at
    );
    if data.meta.synthetic {
        note.push_str(
            " Synthetic demo data (dữ liệu minh hoạ, tổng hợp): not official statistics.",
        );
    }
    note
}

/// Answers a table endpoint in the asked format: `json` serialises
/// `figures`, `csv` and `xlsx` write `table()`, `sdmx` writes `sdmx()`
/// (when the table has an SDMX form).
pub fn respond<T: Serialize>(
    format: Format,
    name: &str,
    data: &congthuong_figures::ReleaseData,
    figures: &T,
    table: impl FnOnce() -> Table,
    sdmx: Option<&dyn Fn() -> Sdmx>,
) -> Result<Response, AppError> {
    match format {
        Format::Json => Ok(Json(figures).into_response()),
        Format::Csv => Ok(csv_response(&format!("{name}.csv"), &table())),
        Format::Xlsx => xlsx_response(&format!("{name}.xlsx"), &table(), &provenance(data)),
        Format::Sdmx => match sdmx {
            Some(f) => Ok(sdmx_response(&format!("{name}.sdmx.csv"), &f())),
            None => Err(AppError::BadRequest(
                "this table has no SDMX form; use json, csv or xlsx".into(),
            )),
        },
    }
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
