//! Tables as downloads: JSON, tidy CSV, XLSX and SDMX-CSV, chosen by
//! `?format=`, all made here (one place for every figure endpoint).
//!
//! - Every table download names the boundary version and the release its
//!   figures come from: the columns `boundaries` (`2025` or `pre2025`)
//!   and `release` (the release number) on every row (added when the
//!   table has none), the SDMX-CSV attribute columns `BOUNDARIES` and
//!   `RELEASE`, the JSON fields `boundaries` and `release`, and the file
//!   name (`…_2025_r3.csv`). A province code means a different unit on
//!   each boundary version (`24` is old Bắc Giang on `pre2025`, merged
//!   Bắc Ninh on `2025`).
//! - CSV is UTF-8 with a byte-order mark (so Excel reads the Vietnamese),
//!   full precision, a dot for decimals, every cell through
//!   `congthuong_core::spreadsheet::neutralise` (no cell starts a formula).
//!   `&excel=vi` writes it for a Vietnamese-locale Excel instead
//!   ([`CsvStyle::ExcelVi`]): `;` between cells, a decimal comma, numbers
//!   rounded half-up as the pages show them ([`display_decimals`]), and
//!   codes and months as `="01"` so Excel keeps them as text.
//! - XLSX has one sheet: a bold, frozen header, numbers as numbers (full
//!   precision), codes and months as text, and a note row saying where
//!   the figures come from (and that demo data is synthetic).
//! - SDMX-CSV follows the SDMX-CSV 1.0 layout: a `DATAFLOW` column
//!   (`MOIT_VN:DF_IIP(1.0.0)`, `DF_OUTPUT`, `DF_TRADE`), the dimensions
//!   `FREQ`, `REF_AREA`, `ACTIVITY`, `INDICATOR`, `TIME_PERIOD`, then
//!   `OBS_VALUE`, `UNIT_MEASURE`, `OBS_STATUS` (A normal, E estimated;
//!   synthetic demo data is E) and the attributes `BOUNDARIES`, `RELEASE`.
//!
//! Values are at full precision unless `excel=vi` asks for the display.

use axum::Json;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use congthuong_core::BoundaryVersion;
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

/// How a CSV is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvStyle {
    /// Comma-separated, full precision, a dot for decimals (for programs).
    Plain,
    /// For Excel in a Vietnamese locale (`&excel=vi`): semicolons, a
    /// decimal comma, numbers rounded half-up as displayed, codes and
    /// months kept as text.
    ExcelVi,
}

/// What a table endpoint was asked for: `?format=` and `&excel=vi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Download {
    /// The format.
    pub format: Format,
    /// How a CSV is written.
    pub csv: CsvStyle,
}

impl Download {
    /// Reads `?format=` and `?excel=` (absent or empty: plain; `vi`).
    pub fn of(params: &crate::pages::Params) -> Result<Download, AppError> {
        let csv = match params.get("excel").map_or("", String::as_str) {
            "" => CsvStyle::Plain,
            "vi" => CsvStyle::ExcelVi,
            other => {
                return Err(AppError::BadRequest(format!(
                    "unknown excel style {other:?}; use excel=vi (or leave it out)"
                )));
            }
        };
        Ok(Download {
            format: Format::of(params)?,
            csv,
        })
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

    /// The observations as an SDMX-CSV table, with the boundaries and the
    /// release as attribute columns.
    pub fn table(&self, boundaries: BoundaryVersion, release: i64) -> Table {
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
            "BOUNDARIES",
            "RELEASE",
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
                boundaries.to_string(),
                release.to_string(),
            ]);
        }
        t
    }
}

/// Columns whose cells are codes or months: text in XLSX and in the
/// Excel-friendly CSV, never numbers or dates (`01` stays `01`, `24`
/// stays a code, `2025-06` stays a month).
pub fn is_text_column(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "code"
            | "product"
            | "group"
            | "child"
            | "parent"
            | "period"
            | "up_to"
            | "boundaries"
            | "target_parts"
            | "REF_AREA"
            | "ACTIVITY"
            | "TIME_PERIOD"
            | "BOUNDARIES"
    )
}

/// The decimals a numeric column is shown with on the pages (the
/// Excel-friendly CSV rounds to them, half-up): growth in % 1, points of
/// contribution 2, index levels 1, money 1, products' output 0, anything
/// else numeric 1. `None`: not a numeric column (written as text).
pub fn display_decimals(name: &str, table: &Table) -> Option<usize> {
    let products = table.columns.iter().any(|c| c == "product");
    Some(match name {
        n if n.ends_with("_pp") => 2,
        "month" | "ytd" | "ytd_last_year" | "national_ytd" if products => 0,
        "year" | "release" | "members" | "rank" | "above_threshold" | "above_national" => 0,
        n if is_text_column(n) => return None,
        _ => 1,
    })
}

/// The CSV text of a table. Every cell goes through
/// `congthuong_core::spreadsheet::neutralise`: text typed by one user that
/// would start a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd…`, a leading
/// tab) reaches another user's spreadsheet as text; numbers are kept.
fn csv_bytes(table: &Table, style: CsvStyle) -> Vec<u8> {
    use congthuong_core::spreadsheet::{is_plain_number, neutralise};
    let mut w = csv::WriterBuilder::new()
        .delimiter(if style == CsvStyle::ExcelVi {
            b';'
        } else {
            b','
        })
        .from_writer(Vec::new());
    let _ = w.write_record(table.columns.iter().map(|c| neutralise(c).into_owned()));
    let decimals: Vec<Option<usize>> = table
        .columns
        .iter()
        .map(|c| display_decimals(c, table))
        .collect();
    for r in &table.rows {
        let cells = r.iter().enumerate().map(|(i, c)| {
            let name = table.columns.get(i).map_or("", String::as_str);
            match style {
                CsvStyle::Plain => neutralise(c).into_owned(),
                // A code or a month: text Excel keeps as it is. Only codes
                // the system wrote (letters, digits, `-`, `_`) take this form.
                CsvStyle::ExcelVi
                    if is_text_column(name)
                        && !c.is_empty()
                        && c.chars()
                            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') =>
                {
                    format!("=\"{c}\"")
                }
                CsvStyle::ExcelVi => match decimals.get(i).copied().flatten() {
                    Some(d) if is_plain_number(c) => c.parse::<f64>().map_or_else(
                        |_| neutralise(c).into_owned(),
                        |v| {
                            congthuong_core::display::round_half_up(v, d)
                                .map(|t| t.replace('.', ","))
                                .unwrap_or_default()
                        },
                    ),
                    _ => neutralise(c).into_owned(),
                },
            }
        });
        let _ = w.write_record(cells);
    }
    w.into_inner().unwrap_or_default()
}

/// A CSV download (UTF-8 with a byte-order mark, so Excel reads the Vietnamese right).
pub fn csv_response(name: &str, table: &Table) -> Response {
    csv_response_styled(name, table, CsvStyle::Plain)
}

/// A CSV download in a style.
pub fn csv_response_styled(name: &str, table: &Table, style: CsvStyle) -> Response {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend(csv_bytes(table, style));
    file_response(name, "text/csv; charset=utf-8", body)
}

/// An SDMX-CSV download.
pub fn sdmx_response(
    name: &str,
    sdmx: &Sdmx,
    boundaries: BoundaryVersion,
    release: i64,
) -> Response {
    file_response(
        name,
        "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
        csv_bytes(&sdmx.table(boundaries, release), CsvStyle::Plain),
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
            // Codes (area 01 or 24, division 05) and months stay text; so
            // does any cell with a leading zero.
            let name = table.columns.get(c).map_or("", String::as_str);
            let code_like = is_text_column(name)
                || cell.len() > 1 && cell.starts_with('0') && !cell.starts_with("0.");
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

/// The table with the boundaries and the release on every row (columns
/// added when it has none).
pub fn stamped(mut table: Table, boundaries: BoundaryVersion, release: i64) -> Table {
    for (column, value) in [
        ("boundaries", boundaries.to_string()),
        ("release", release.to_string()),
    ] {
        if !table.columns.iter().any(|c| c == column) {
            table.columns.push(column.to_owned());
            for r in &mut table.rows {
                r.push(value.clone());
            }
        }
    }
    table
}

/// Answers a table endpoint in the asked format: `json` serialises
/// `figures` (with `boundaries` and `release` added when absent), `csv`
/// and `xlsx` write `table()` stamped with both, `sdmx` writes `sdmx()`
/// (when the table has an SDMX form). The file is named
/// `{name}_{boundaries}_r{release}.{ext}`.
pub fn respond<T: Serialize>(
    asked: Download,
    name: &str,
    data: &congthuong_figures::ReleaseData,
    boundaries: BoundaryVersion,
    figures: &T,
    table: impl FnOnce() -> Table,
    sdmx: Option<&dyn Fn() -> Sdmx>,
) -> Result<Response, AppError> {
    let release = data.meta.id;
    let name = format!("{name}_{boundaries}_r{release}");
    match asked.format {
        Format::Json => {
            let mut v = serde_json::to_value(figures).map_err(|e| AppError::Internal(e.into()))?;
            if let Some(o) = v.as_object_mut() {
                o.entry("boundaries")
                    .or_insert_with(|| serde_json::json!(boundaries));
                o.entry("release")
                    .or_insert_with(|| serde_json::json!(release));
            }
            Ok(Json(v).into_response())
        }
        Format::Csv => Ok(csv_response_styled(
            &format!("{name}.csv"),
            &stamped(table(), boundaries, release),
            asked.csv,
        )),
        Format::Xlsx => xlsx_response(
            &format!("{name}.xlsx"),
            &stamped(table(), boundaries, release),
            &provenance(data),
        ),
        Format::Sdmx => match sdmx {
            Some(f) => Ok(sdmx_response(
                &format!("{name}.sdmx.csv"),
                &f(),
                boundaries,
                release,
            )),
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
