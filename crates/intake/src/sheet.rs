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
//! Every problem is collected (up to the cap) with file, sheet, line and
//! column; nothing is returned when there is one.

use crate::error::{InputError, InputErrors};
use crate::file_lines::FileLines;
use crate::report::{MAX_XLSX_UNPACKED, check_unpacked, column_letter, decode_text, is_xlsx};

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
}

impl Sheet {
    /// An error at a row and column of this sheet (for the caller's checks
    /// of the values).
    pub fn error(
        &self,
        file: &str,
        line: u64,
        column: &str,
        reason: impl Into<String>,
    ) -> InputError {
        InputError {
            file: file.to_owned(),
            sheet: self.sheet.clone(),
            line: Some(line),
            column: Some(column.to_owned()),
            reason: reason.into(),
        }
    }
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
    let (sheet, rows) = grid;
    let mut errors = InputErrors::default();
    let at = |line: u64, column: Option<String>, reason: String| InputError {
        file: label.to_owned(),
        sheet: sheet.clone(),
        line: Some(line),
        column,
        reason,
    };
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((header_line, header)) = rows.next() else {
        return Err(InputError::file(label, "the file has no header row and no data").into());
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let find = |name: &str| header.iter().position(|h| *h == name.to_lowercase());
    let mut index = Vec::with_capacity(required.len() + optional.len());
    for name in required {
        match find(name) {
            Some(i) => index.push(Some(i)),
            None => {
                errors.push(
                    at(
                        header_line,
                        None,
                        format!(
                            "missing column {name:?}: the header must name {}",
                            required.join(", ")
                        ),
                    ),
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
                    i.and_then(|i| cells.get(i))
                        .map(|c| c.trim().to_owned())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    Ok(Sheet { sheet, rows: out })
}

type Grid = (Option<String>, Vec<(u64, Vec<String>)>);

fn csv_grid(bytes: &[u8], label: &str, cap: usize) -> Result<Grid, InputErrors> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut lines = FileLines::new(text.as_bytes());
    let mut rows = Vec::new();
    let mut errors = InputErrors::default();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.at(p.byte()));
                rows.push((line, r.iter().map(str::to_owned).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                errors.push(
                    InputError::at(label, line, None, format!("malformed CSV: {e}")),
                    cap,
                );
            }
        }
    }
    if errors.is_empty() {
        Ok((None, rows))
    } else {
        Err(errors)
    }
}

fn xlsx_grid(bytes: &[u8], label: &str) -> Result<Grid, InputErrors> {
    check_unpacked(bytes, MAX_XLSX_UNPACKED).map_err(|reason| InputError::file(label, reason))?;
    // calamine is third-party code on untrusted input: a panic in it must
    // not take the process down.
    let read = std::panic::catch_unwind(|| -> Result<_, String> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
                format!("not a readable .xlsx workbook ({e}); save it as Excel Workbook (.xlsx) or CSV UTF-8")
            })?;
        let sheet = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".to_owned())?;
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| format!("sheet {sheet}: unreadable ({e})"))?;
        Ok((sheet, range))
    });
    let (sheet, range) = match read {
        Ok(Ok(r)) => r,
        Ok(Err(reason)) => return Err(InputError::file(label, reason).into()),
        Err(_) => {
            return Err(InputError::file(
                label,
                "the workbook could not be read (it is damaged or not an .xlsx file)",
            )
            .into());
        }
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut errors = InputErrors::default();
    let mut rows = Vec::new();
    for (r, row) in range.rows().enumerate() {
        let line = u64::from(top) + r as u64 + 1;
        let mut cells = vec![String::new(); left as usize];
        for (c, cell) in row.iter().enumerate() {
            match cell_text(cell) {
                Ok(t) => cells.push(t),
                Err(reason) => {
                    errors.push(
                        InputError {
                            file: label.to_owned(),
                            sheet: Some(sheet.clone()),
                            line: Some(line),
                            column: Some(column_letter(left + c as u32)),
                            reason,
                        },
                        crate::DEFAULT_ERROR_CAP,
                    );
                    cells.push(String::new());
                }
            }
        }
        rows.push((line, cells));
    }
    if errors.is_empty() {
        Ok((Some(sheet), rows))
    } else {
        Err(errors)
    }
}

/// A cell as text (see the module rules).
fn cell_text(cell: &calamine::Data) -> Result<String, String> {
    use calamine::Data;
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => {
            format!("{}", *f as i64)
        }
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::Float(_) => return Err("not a finite number".into()),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::Error(e) => return Err(format!("the cell holds an Excel error ({e:?})")),
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
