//! A table uploaded as a file, CSV or XLSX (told apart by content), read
//! by column name: the register imports and bills of materials that users
//! fill in a spreadsheet.
//!
//! Rules: the header is the first non-empty row (CSV: line 1); column
//! names match trimmed and case-insensitively; every required column must
//! be there, optional ones may be missing (read as empty); rows with no
//! value at all are skipped. Lines are numbered as the user sees them: the
//! file's line in a CSV, Excel's row number in a workbook (first sheet).
//! Cells come back as text: numbers without a fractional part as integers
//! (`8934567000017`, not `8.934567000017e12`), dates as `YYYY-MM-DD`.
//! A CSV may be separated by commas, semicolons or tabs (found on the
//! header line: [`crate::dialect`]); [`Sheet::numbers`] says which number
//! convention goes with it, for the caller's number columns. A workbook is
//! read within [`crate::workbook::LIMITS`].
//! Every problem is collected (up to the cap) with file, sheet, line and
//! column, in English and Vietnamese; nothing is returned when there is one.

use congthuong_core::Lang;

use crate::dialect;
use crate::error::{InputError, InputErrors, Msg};
use crate::file_lines::FileLines;
use crate::report::decode_text;
use crate::workbook::{Data, Workbook, column_letter, is_xlsx};

/// One data row: its line and the values of the asked columns, in the
/// order asked (required first, then optional).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    /// The line (CSV) or Excel row number of the row.
    pub line: u64,
    /// The values, trimmed; empty for a missing optional column.
    pub values: Vec<String>,
}

/// The rows of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// The data rows.
    pub rows: Vec<SheetRow>,
    /// How numbers typed as text are read in this file: the Vietnamese
    /// convention for a workbook and a semicolon- or tab-separated CSV,
    /// the contract's (dot) for a comma-separated CSV.
    pub numbers: Lang,
}

impl Sheet {
    /// An error at a row and column of this sheet (for the caller's checks
    /// of the values).
    pub fn error(&self, file: &str, line: u64, column: &str, reason: impl Into<Msg>) -> InputError {
        InputError::at(file, line, Some(column), reason).on_sheet(self.sheet.as_deref())
    }
}

/// A row as read: its line and its non-empty cells (0-based column, text),
/// by column.
type RawRow = (u64, Vec<(u32, String)>);

struct Grid {
    sheet: Option<String>,
    rows: Vec<RawRow>,
    numbers: Lang,
}

fn cell_of(cells: &[(u32, String)], column: u32) -> Option<&str> {
    cells
        .binary_search_by_key(&column, |(c, _)| *c)
        .ok()
        .map(|i| cells[i].1.as_str())
}

/// Reads `bytes` (named `label` in errors) as CSV or XLSX.
pub fn read_sheet(
    bytes: &[u8],
    label: &str,
    required: &[&str],
    optional: &[&str],
    cap: usize,
) -> Result<Sheet, InputErrors> {
    let cap = cap.max(1);
    let grid = if is_xlsx(bytes) {
        xlsx_grid(bytes, label)?
    } else {
        csv_grid(bytes, label, cap)?
    };
    let Grid {
        sheet,
        rows,
        numbers,
    } = grid;
    let mut errors = InputErrors::default();
    let mut rows = rows.into_iter().filter(|(_, cells)| !cells.is_empty());
    let Some((header_line, header)) = rows.next() else {
        return Err(InputError::file(
            label,
            Msg::new(
                "the file has no header row and no data",
                "tệp không có dòng tiêu đề và không có dữ liệu",
            ),
        )
        .on_sheet(sheet.as_deref())
        .into());
    };
    let header: Vec<(u32, String)> = header
        .iter()
        .map(|(c, h)| (*c, h.trim().to_lowercase()))
        .collect();
    let find = |name: &str| {
        header
            .iter()
            .find(|(_, h)| *h == name.to_lowercase())
            .map(|(c, _)| *c)
    };
    let mut index = Vec::with_capacity(required.len() + optional.len());
    for name in required {
        match find(name) {
            Some(i) => index.push(Some(i)),
            None => {
                let all = required.join(", ");
                errors.push(
                    InputError::at(
                        label,
                        header_line,
                        None,
                        Msg::new(
                            format!("missing column {name:?}: the header must name {all}"),
                            format!("thiếu cột {name:?}: dòng tiêu đề phải có các cột {all}"),
                        ),
                    )
                    .on_sheet(sheet.as_deref()),
                    cap,
                );
                index.push(None);
            }
        }
    }
    index.extend(optional.iter().map(|n| find(n)));
    if !errors.is_empty() {
        return Err(errors);
    }
    let out = rows
        .map(|(line, cells)| SheetRow {
            line,
            values: index
                .iter()
                .map(|i| {
                    i.and_then(|i| cell_of(&cells, i))
                        .map(|c| c.trim().to_owned())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    Ok(Sheet {
        sheet,
        rows: out,
        numbers,
    })
}

fn csv_grid(bytes: &[u8], label: &str, cap: usize) -> Result<Grid, InputErrors> {
    if let Some(kind) = dialect::not_text(bytes) {
        return Err(dialect::neither(label, kind).into());
    }
    let text = decode_text(bytes);
    // A one-column file has no delimiter; read it as comma-separated.
    let found = dialect::detect(&text).unwrap_or(dialect::Dialect {
        delimiter: b',',
        numbers: Lang::En,
    });
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(found.delimiter)
        .from_reader(text.as_bytes());
    let mut lines = FileLines::new(text.as_bytes());
    let mut rows = Vec::new();
    let mut errors = InputErrors::default();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.at(p.byte()));
                let cells = r
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(i, v)| (i as u32, v.to_owned()))
                    .collect();
                rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                errors.push(
                    InputError::at(
                        label,
                        line,
                        None,
                        Msg::new(
                            format!("malformed CSV: {e}"),
                            format!("CSV sai cấu trúc: {e}"),
                        ),
                    ),
                    cap,
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(Grid {
            sheet: None,
            rows,
            numbers: found.numbers,
        })
    } else {
        Err(errors)
    }
}

fn xlsx_grid(bytes: &[u8], label: &str) -> Result<Grid, InputErrors> {
    let mut book = Workbook::open(bytes, label)?;
    let first = book.sheet_names()[0].clone();
    let cells = book.read(&first)?;
    let mut errors = InputErrors::default();
    let mut rows = Vec::with_capacity(cells.rows.len());
    for row in cells.rows {
        let line = u64::from(row.number);
        let mut texts = Vec::with_capacity(row.cells.len());
        for (c, cell) in &row.cells {
            match cell_text(cell) {
                Ok(t) if t.is_empty() => {}
                Ok(t) => texts.push((*c, t)),
                Err(reason) => errors.push(
                    InputError::at(label, line, Some(&column_letter(*c)), reason)
                        .on_sheet(Some(&cells.name)),
                    crate::DEFAULT_ERROR_CAP,
                ),
            }
        }
        rows.push((line, texts));
    }
    if errors.is_empty() {
        Ok(Grid {
            sheet: Some(cells.name),
            rows,
            numbers: Lang::Vi,
        })
    } else {
        Err(errors)
    }
}

/// A cell as text (see the module rules).
fn cell_text(cell: &Data) -> Result<String, Msg> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => {
            format!("{}", *f as i64)
        }
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::Float(_) => {
            return Err(Msg::new("not a finite number", "không phải số hữu hạn"));
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::Error(e) => {
            return Err(Msg::new(
                format!("the cell holds an Excel error ({e:?})"),
                format!("ô chứa lỗi Excel ({e:?})"),
            ));
        }
    })
}

/// `YYYY-MM-DD` of an Excel serial date (1900 system; day 60 is the
/// fictitious 1900-02-29, serials after it are shifted back one day).
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64;
    // Days from 1970-01-01: serial 25569 is 1970-01-01.
    let (y, m, d) = civil_from_days(days - 25_569);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's days-to-civil.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_by_column_name_with_optional_columns() {
        let csv = "Value, HS ,extra\n60,7208.51,x\n\n8.5,,y\n";
        let s = read_sheet(
            csv.as_bytes(),
            "bom.csv",
            &["hs", "value"],
            &["country"],
            10,
        )
        .unwrap();
        assert_eq!(s.sheet, None);
        assert_eq!(
            s.rows,
            vec![
                SheetRow {
                    line: 2,
                    values: vec!["7208.51".into(), "60".into(), String::new()]
                },
                SheetRow {
                    line: 4,
                    values: vec![String::new(), "8.5".into(), String::new()]
                },
            ]
        );
        let e = read_sheet(csv.as_bytes(), "bom.csv", &["hs", "origin"], &[], 10).unwrap_err();
        assert_eq!(e.errors[0].line, Some(1));
        assert!(
            e.errors[0].reason.contains("missing column \"origin\""),
            "{e}"
        );
    }

    #[test]
    fn xlsx_cells_come_back_as_the_user_typed_them() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet().set_name("Sản phẩm").unwrap();
        ws.write(1, 1, "gtin").unwrap();
        ws.write(1, 2, "decided").unwrap();
        ws.write(1, 3, "score").unwrap();
        ws.write(2, 1, 8_934_567_000_017_f64).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 2, 29).unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(2, 2, &date, &fmt).unwrap();
        ws.write(2, 3, 35.5).unwrap();
        ws.write(4, 1, "8934567000024").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let s = read_sheet(&bytes, "brands.xlsx", &["gtin", "decided"], &["score"], 10).unwrap();
        assert_eq!(s.sheet.as_deref(), Some("Sản phẩm"));
        assert_eq!(
            s.rows[0],
            SheetRow {
                line: 3,
                values: vec!["8934567000017".into(), "2024-02-29".into(), "35.5".into()]
            }
        );
        assert_eq!(s.rows[1].line, 5, "Excel's row number");
        let e = s.error("brands.xlsx", 5, "gtin", "bad");
        assert_eq!(e.sheet.as_deref(), Some("Sản phẩm"));
    }

    #[test]
    fn garbage_is_refused_not_panicked_on() {
        let e = read_sheet(b"PK\x03\x04garbage", "x.xlsx", &["a"], &[], 10).unwrap_err();
        assert_eq!(e.errors[0].line, None);
        assert!(read_sheet(b"", "x.csv", &["a"], &[], 10).is_err());
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(45_351.0), "2024-02-29");
        assert_eq!(excel_date(25_569.0), "1970-01-01");
        assert_eq!(excel_date(61.0), "1900-03-01");
    }
}
