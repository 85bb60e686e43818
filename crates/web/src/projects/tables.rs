//! The list tables as downloads: CSV (UTF-8 with a byte-order mark, full
//! precision, codes and ISO dates) and XLSX (one worksheet, bold header,
//! numbers as numbers, the synthetic-data note in the first row when it
//! applies).

use axum::response::Response;
use rust_xlsxwriter::{Format as XFormat, Workbook};

use super::params::Format;
use crate::download::{Table, csv_response, file_response};
use crate::error::AppError;

/// A cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text (codes stay text: `01` is not 1).
    Text(String),
    /// A number, when known.
    Number(Option<f64>),
}

impl Cell {
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(Some(v)) => v.to_string(),
            Cell::Number(None) => String::new(),
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Number(Some(v))
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Self {
        Cell::Number(v)
    }
}

impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Number(Some(v as f64))
    }
}

impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Number(Some(v as f64))
    }
}

impl From<bool> for Cell {
    fn from(v: bool) -> Self {
        Cell::Text(if v { "yes" } else { "no" }.into())
    }
}

/// A table to download.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// The file name without extension.
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
    /// Some rows are synthetic demo data.
    pub synthetic: bool,
}

/// Column names from literals.
pub fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// The note a synthetic download carries.
pub const SYNTHETIC_NOTE: &str =
    "Dữ liệu mô phỏng, không phải số liệu thật / Synthetic demo data, not real figures";

impl Sheet {
    /// The download in `format` (`Json` is the caller's).
    pub fn respond(&self, format: Format) -> Result<Response, AppError> {
        match format {
            Format::Csv => Ok(csv_response(&format!("{}.csv", self.name), &self.table())),
            Format::Xlsx => Ok(file_response(
                &format!("{}.xlsx", self.name),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                self.xlsx()
                    .map_err(|e| AppError::Internal(anyhow::anyhow!("writing XLSX: {e}")))?,
            )),
            Format::Json => Err(AppError::BadRequest("not a download format".into())),
        }
    }

    /// The sheet as text cells (numbers as Rust prints them, absent as
    /// empty), as the CSV download and the CLI write it.
    pub fn table(&self) -> Table {
        Table {
            columns: self.columns.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(Cell::csv).collect())
                .collect(),
        }
    }

    /// The workbook's bytes.
    pub fn xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let name: String = self.name.chars().take(31).collect();
        ws.set_name(name.replace(['[', ']', ':', '*', '?', '/', '\\'], "_"))?;
        let bold = XFormat::new().set_bold();
        let mut row = 0u32;
        if self.synthetic {
            ws.write_string_with_format(0, 0, SYNTHETIC_NOTE, &bold)?;
            row = 1;
        }
        for (c, h) in self.columns.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, h, &bold)?;
        }
        for cells in &self.rows {
            row += 1;
            for (c, cell) in cells.iter().enumerate() {
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(row, c as u16, s)?;
                    }
                    Cell::Number(Some(v)) if v.is_finite() => {
                        ws.write_number(row, c as u16, *v)?;
                    }
                    Cell::Number(_) => {}
                }
            }
        }
        ws.set_freeze_panes(row.min(if self.synthetic { 2 } else { 1 }), 0)?;
        wb.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_stay_text_and_numbers_keep_precision() {
        let s = Sheet {
            name: "t".into(),
            columns: columns(&["province", "rate"]),
            rows: vec![vec!["01".into(), Cell::from(43.521_f64)]],
            synthetic: true,
        };
        assert_eq!(s.rows[0][0].csv(), "01");
        assert_eq!(s.rows[0][1].csv(), "43.521");
        let bytes = s.xlsx().unwrap();
        assert_eq!(&bytes[..2], b"PK", "a zip (XLSX) file");
    }
}
