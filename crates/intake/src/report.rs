//! One province's monthly report: a CSV in the contract's microdata
//! columns, or the Excel template of [`crate::template`], read into
//! canonical [`ReportLines`].
//!
//! Every line is checked in full (period and province equal the report's,
//! a unit id, a product of the basket, a non-negative quantity) and every
//! problem is reported at once (up to the cap) with file, sheet, line and
//! column, in English and Vietnamese. A file larger than the limit is
//! refused before it is read; a workbook is read within
//! [`crate::workbook::LIMITS`].
//!
//! CSV text may be UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark (Excel's "Unicode text"), or Windows-1258 (older
//! Vietnamese Excel); it is decoded and NFC-normalised first. Its columns
//! may be separated by commas, semicolons (Excel under Vietnamese
//! settings) or tabs ([`crate::dialect`]), and quantities may be written
//! the Vietnamese way (`95,5`, `1.000,5`: [`crate::number::parse_typed_quantity`]).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use congthuong_core::text::{nearest, nfc};
use congthuong_core::{AreaCode, Lang, Period};

use crate::dialect;
use crate::error::{InputError, InputErrors, Msg};
use crate::file_lines::FileLines;
use crate::lines::{ReportLines, check_unit_id};
use crate::microdata::COLUMNS;
use crate::number::{Quantity, parse_typed_quantity};
use crate::template::{HEADERS, SHEET};
use crate::workbook::{Data, SheetRow, Workbook};

pub use crate::workbook::{column_letter, is_xlsx};

/// A product a province may report.
#[derive(Clone, Debug, PartialEq)]
pub struct BasketItem {
    /// Product code.
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// Unit of measure, in Vietnamese.
    pub unit_vi: String,
    /// English name (empty when unknown).
    pub name_en: String,
}

impl BasketItem {
    /// The embedded national basket.
    pub fn national() -> Vec<BasketItem> {
        congthuong_core::Product::basket()
            .iter()
            .map(|p| BasketItem {
                code: p.code.clone(),
                name_vi: p.name_vi.clone(),
                unit_vi: p.unit_vi.clone(),
                name_en: p.name_en.clone(),
            })
            .collect()
    }
}

/// What a report must be.
#[derive(Clone, Copy, Debug)]
pub struct ReportSpec<'a> {
    /// The province (a code on the boundaries in force in `period`).
    pub province: AreaCode,
    /// The month reported.
    pub period: Period,
    /// The products that may be reported.
    pub basket: &'a [BasketItem],
    /// The most errors to report.
    pub error_cap: usize,
}

/// Reads a whole file, refusing it (before reading) when it is larger
/// than `max_bytes`.
pub fn read_limited(path: &Path, label: &str, max_bytes: u64) -> Result<Vec<u8>, InputErrors> {
    let file = std::fs::File::open(path).map_err(|e| InputError::io(path, &e))?;
    let size = file.metadata().map_err(|e| InputError::io(path, &e))?.len();
    check_size(label, size, max_bytes)?;
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(path, &e))?;
    check_size(label, bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// Refuses a size over the limit with a message that says both.
pub fn check_size(label: &str, size: u64, max_bytes: u64) -> Result<(), InputErrors> {
    if size > max_bytes {
        return Err(InputErrors::one(InputError::file(
            label,
            Msg::new(
                format!(
                    "the file is {size} bytes, more than the limit of {max_bytes} bytes; nothing was read (raise --max-upload-bytes or CONGTHUONG_MAX_UPLOAD_BYTES if the file is right)"
                ),
                format!("tệp có {size} byte, vượt giới hạn {max_bytes} byte; không đọc gì"),
            ),
        )));
    }
    Ok(())
}

/// Reads a report file of either format (told apart by content).
pub fn read_report_file(
    path: &Path,
    label: &str,
    spec: &ReportSpec,
    max_bytes: u64,
) -> Result<ReportLines, InputErrors> {
    let bytes = read_limited(path, label, max_bytes)?;
    read_report_bytes(&bytes, label, spec)
}

/// Reads a report given as bytes, of either format (told apart by
/// content); a file that is neither gets one error saying so.
pub fn read_report_bytes(
    bytes: &[u8],
    label: &str,
    spec: &ReportSpec,
) -> Result<ReportLines, InputErrors> {
    if is_xlsx(bytes) {
        read_report_xlsx(bytes, label, spec)
    } else {
        read_report_csv(bytes, label, spec)
    }
}

/// Decodes CSV bytes to text: UTF-8 (BOM removed), UTF-16 with a BOM, or
/// else Windows-1258. The result is NFC.
pub fn decode_text(bytes: &[u8]) -> String {
    let text = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        enc.decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => encoding_rs::WINDOWS_1258.decode(bytes).0.into_owned(),
        }
    };
    nfc(&text)
}

/// Checks one line's values; the error is a reason in both languages.
struct LineChecker<'a> {
    spec: &'a ReportSpec<'a>,
    products: HashMap<&'a str, usize>,
}

impl<'a> LineChecker<'a> {
    fn new(spec: &'a ReportSpec<'a>) -> Self {
        Self {
            spec,
            products: spec
                .basket
                .iter()
                .enumerate()
                .map(|(i, p)| (p.code.as_str(), i))
                .collect(),
        }
    }

    fn product(&self, raw: &str) -> Result<usize, Msg> {
        if raw.is_empty() {
            return Err(Msg::new(
                "empty product code: every line needs a product code of the basket",
                "thiếu mã sản phẩm: mỗi dòng cần một mã sản phẩm trong danh mục",
            ));
        }
        self.products.get(raw).copied().ok_or_else(|| {
            let near = nearest(
                raw,
                self.spec.basket.iter().map(|p| {
                    (
                        p.code.as_str(),
                        vec![p.name_vi.as_str(), p.name_en.as_str()],
                    )
                }),
                3,
            )
            .join(", ");
            Msg::new(
                format!("unknown product {raw:?}: not in the basket; nearest: {near}"),
                format!(
                    "mã sản phẩm {raw:?} không có trong danh mục; gần nhất: {near} (xem danh mục mã sản phẩm trên trang Nộp báo cáo)"
                ),
            )
        })
    }

    fn period(&self, raw: &str) -> Result<(), Msg> {
        let p: Period = raw.parse().map_err(|e| {
            Msg::new(
                format!("{e}"),
                format!("kỳ {raw:?} không hợp lệ: viết năm-tháng dạng YYYY-MM, ví dụ 2025-01"),
            )
        })?;
        if p != self.spec.period {
            return Err(Msg::new(
                format!(
                    "the line is for {p} but the report is for {}",
                    self.spec.period
                ),
                format!(
                    "dòng này thuộc kỳ {p} nhưng báo cáo là kỳ {}",
                    self.spec.period
                ),
            ));
        }
        Ok(())
    }

    fn area(&self, raw: &str) -> Result<(), Msg> {
        if raw != self.spec.province.as_str() {
            return Err(Msg::new(
                format!(
                    "the line is for area {raw:?} but the report is province {}'s",
                    self.spec.province
                ),
                format!(
                    "dòng này thuộc địa bàn {raw:?} nhưng báo cáo là của tỉnh {}",
                    self.spec.province
                ),
            ));
        }
        Ok(())
    }
}

/// A unit id checked, with the reason in both languages.
fn unit_id(raw: &str) -> Result<String, Msg> {
    check_unit_id(raw.as_bytes())
        .map(str::to_owned)
        .map_err(|en| {
            let vi = if raw.is_empty() {
                "thiếu mã cơ sở: mỗi dòng cần mã của cơ sở báo cáo".to_owned()
            } else if raw.chars().any(char::is_control) {
                format!("mã cơ sở {raw:?} chứa ký tự điều khiển")
            } else {
                format!("mã cơ sở dài {} byte, vượt giới hạn", raw.len())
            };
            Msg::new(en, vi)
        })
}

/// Reads a report CSV (the contract's microdata columns, found by name;
/// comma-, semicolon- or tab-separated).
pub fn read_report_csv(
    bytes: &[u8],
    label: &str,
    spec: &ReportSpec,
) -> Result<ReportLines, InputErrors> {
    let cap = spec.error_cap.max(1);
    if let Some(kind) = dialect::not_text(bytes) {
        return Err(dialect::neither(label, kind).into());
    }
    let text = decode_text(bytes);
    let Some(dialect) = dialect::detect(&text) else {
        return Err(dialect::no_delimiter(label).into());
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(dialect.delimiter)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|f| f.trim().to_owned()).collect(),
        Err(e) => {
            return Err(InputError::at(
                label,
                1,
                None,
                Msg::new(
                    format!("unreadable header: {e}"),
                    format!("không đọc được dòng tiêu đề: {e}"),
                ),
            )
            .into());
        }
    };
    let mut errors = InputErrors::default();
    let mut index = [0usize; 5];
    let shown = header.join(&char::from(dialect.delimiter).to_string());
    for (c, name) in COLUMNS.iter().enumerate() {
        match header.iter().position(|h| h == name) {
            Some(i) => index[c] = i,
            None => errors.push(
                InputError::at(
                    label,
                    1,
                    Some(name),
                    Msg::new(
                        format!(
                            "missing column {name:?} (the header has: {shown}; a report has the columns {})",
                            COLUMNS.join(",")
                        ),
                        format!(
                            "thiếu cột {name:?} (dòng tiêu đề có: {shown}; báo cáo cần các cột {})",
                            COLUMNS.join(",")
                        ),
                    ),
                ),
                cap,
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let checker = LineChecker::new(spec);
    let mut raw: Vec<(String, usize, Quantity)> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = FileLines::new(text.as_bytes());
    loop {
        let before = reader.position().byte();
        let line = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => lines.at(record.position().map_or(before, |p| p.byte())),
            Err(e) => {
                let line = lines.at(e.position().map_or(before, |p| p.byte()));
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
                // A broken quote can swallow the rest of the file: stop.
                if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    continue;
                }
                break;
            }
        };
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        if record.len() != header.len() {
            let (n, h) = (record.len(), header.len());
            errors.push(
                InputError::at(
                    label,
                    line,
                    None,
                    Msg::new(
                        format!("the line has {n} fields but the header has {h}"),
                        format!("dòng này có {n} trường nhưng dòng tiêu đề có {h}"),
                    ),
                ),
                cap,
            );
            continue;
        }
        let field = |c: usize| record[index[c]].trim();
        let mut bad = |column: &str, reason: Msg| {
            errors.push(InputError::at(label, line, Some(column), reason), cap);
        };
        let mut ok = true;
        if let Err(r) = checker.period(field(0)) {
            bad("period", r);
            ok = false;
        }
        if let Err(r) = checker.area(field(1)) {
            bad("area", r);
            ok = false;
        }
        let unit = match unit_id(field(2)) {
            Ok(u) => Some(u),
            Err(r) => {
                bad("unit_id", r);
                None
            }
        };
        let product = match checker.product(field(3)) {
            Ok(p) => Some(p),
            Err(r) => {
                bad("product", r);
                None
            }
        };
        let q = match parse_typed_quantity(field(4), dialect.numbers) {
            Ok(q) => Some(q),
            Err(r) => {
                bad("quantity", r);
                None
            }
        };
        if let (true, Some(u), Some(p), Some(q)) = (ok, unit, product, q) {
            raw.push((u, p, q));
        }
    }
    finish(raw, label, None, spec, errors)
}

fn finish(
    raw: Vec<(String, usize, Quantity)>,
    label: &str,
    sheet: Option<&str>,
    spec: &ReportSpec,
    mut errors: InputErrors,
) -> Result<ReportLines, InputErrors> {
    if errors.is_empty() && raw.is_empty() {
        let e = InputError::file(
            label,
            Msg::new(
                "the report has no line: a report needs at least one unit's quantity",
                "báo cáo không có dòng nào: cần ít nhất số lượng của một cơ sở",
            ),
        )
        .on_sheet(sheet);
        errors.push(e, spec.error_cap.max(1));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ReportLines::from_lines(raw.iter().map(|(u, p, q)| {
        (u.as_str(), spec.basket[*p].code.as_str(), *q)
    })))
}

/// The text of a cell meant to hold a code (numbers that are whole are
/// written without decimals: Excel turns `1001` into a number).
fn cell_code(cell: &Data) -> Result<String, Msg> {
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(nfc(s.trim())),
        Data::Int(i) => Ok(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(format!("{f:.0}")),
        other => Err(Msg::new(
            format!(
                "expected a code (text), found {}",
                describe(other, Lang::En)
            ),
            format!(
                "cần một mã (văn bản), nhưng ô chứa {}",
                describe(other, Lang::Vi)
            ),
        )),
    }
}

fn describe(cell: &Data, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match cell {
        Data::Int(i) if vi => format!("số {i}"),
        Data::Int(i) => format!("the number {i}"),
        Data::Float(f) if vi => format!("số {f}"),
        Data::Float(f) => format!("the number {f}"),
        Data::String(s) if vi => format!("văn bản {s:?}"),
        Data::String(s) => format!("the text {s:?}"),
        Data::Bool(b) if vi => format!("giá trị {}", if *b { "TRUE" } else { "FALSE" }),
        Data::Bool(b) => format!("the value {}", if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(_) | Data::DateTimeIso(_) if vi => "một ngày tháng".into(),
        Data::DateTime(_) | Data::DateTimeIso(_) => "a date".into(),
        Data::DurationIso(_) if vi => "một khoảng thời gian".into(),
        Data::DurationIso(_) => "a duration".into(),
        Data::Error(e) if vi => format!("lỗi Excel {e}"),
        Data::Error(e) => format!("the Excel error {e}"),
        Data::Empty if vi => "không có gì".into(),
        Data::Empty => "nothing".into(),
    }
}

/// A quantity cell: numbers exactly as Excel shows them (shortest
/// decimal), text as a person typed it (Vietnamese convention: see
/// [`crate::dialect`]); `None` when empty.
fn cell_quantity(cell: &Data) -> Result<Option<Quantity>, Msg> {
    match cell {
        Data::Empty => Ok(None),
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => parse_typed_quantity(s, Lang::Vi).map(Some),
        Data::Int(i) => parse_typed_quantity(&i.to_string(), Lang::En).map(Some),
        Data::Float(f) if f.is_finite() => {
            let mut buf = ryu::Buffer::new();
            parse_typed_quantity(buf.format_finite(*f), Lang::En).map(Some)
        }
        other => Err(Msg::new(
            format!("expected a quantity, found {}", describe(other, Lang::En)),
            format!(
                "cần một số lượng, nhưng ô chứa {}",
                describe(other, Lang::Vi)
            ),
        )),
    }
}

/// The header names of the report columns, Vietnamese and contract.
const UNIT_NAMES: [&str; 2] = [HEADERS[0], "unit_id"];
const PRODUCT_NAMES: [&str; 2] = [HEADERS[1], "product"];
const QUANTITY_NAMES: [&str; 2] = [HEADERS[4], "quantity"];

fn cell_label(cell: &Data) -> String {
    match cell {
        Data::String(s) => nfc(s.trim()),
        _ => String::new(),
    }
}

/// Reads a report workbook: the template's sheet (or the first sheet),
/// its province and period cells when present, and the lines under the
/// header row. Rows without a quantity are not lines.
pub fn read_report_xlsx(
    bytes: &[u8],
    label: &str,
    spec: &ReportSpec,
) -> Result<ReportLines, InputErrors> {
    let mut book = Workbook::open(bytes, label)?;
    let sheet = book.read_preferred(SHEET)?;
    let name = sheet.name.as_str();
    let cap = spec.error_cap.max(1);
    let mut errors = InputErrors::default();
    let at = |row: u32, col: u32, header: &str, reason: Msg| {
        let column = if header.is_empty() {
            column_letter(col)
        } else {
            format!("{} ({header})", column_letter(col))
        };
        InputError::at(label, u64::from(row), Some(&column), reason).on_sheet(Some(name))
    };

    // The header row: the first of the first 50 filled rows naming the
    // three needed columns.
    let mut header = None;
    for (i, row) in sheet.rows.iter().enumerate().take(50) {
        let find = |wanted: &[&str]| {
            row.cells
                .iter()
                .find(|(_, v)| wanted.contains(&cell_label(v).as_str()))
                .map(|(c, _)| *c)
        };
        if let (Some(u), Some(p), Some(q)) = (
            find(&UNIT_NAMES),
            find(&PRODUCT_NAMES),
            find(&QUANTITY_NAMES),
        ) {
            header = Some((i, [u, p, q]));
            break;
        }
    }
    let Some((header_at, [cu, cp, cq])) = header else {
        let (u, p, q) = (HEADERS[0], HEADERS[1], HEADERS[4]);
        return Err(InputError::file(
            label,
            Msg::new(
                format!(
                    "no header row with the columns {u:?}, {p:?} and {q:?} (or unit_id, product, quantity): use the template of `congthuong template` or of the page Nộp báo cáo"
                ),
                format!(
                    "không có dòng tiêu đề với các cột {u:?}, {p:?} và {q:?} (hoặc unit_id, product, quantity): hãy dùng mẫu Excel tải về từ trang Nộp báo cáo"
                ),
            ),
        )
        .on_sheet(Some(name))
        .into());
    };

    // The province and period cells above the header, when present: a
    // label, and the value in the next column.
    for row in &sheet.rows[..header_at] {
        let Some((c, first)) = row.cells.first() else {
            continue;
        };
        let label_text = cell_label(first);
        let Ok(value) = cell_code(row.value(c + 1)) else {
            continue;
        };
        if label_text == crate::template::PROVINCE_LABEL && value != spec.province.as_str() {
            errors.push(
                at(
                    row.number,
                    c + 1,
                    "",
                    Msg::new(
                        format!(
                            "the workbook is province {value:?}'s but the report is being filed for province {}",
                            spec.province
                        ),
                        format!(
                            "sổ tính là của tỉnh {value:?} nhưng báo cáo đang nộp cho tỉnh {}",
                            spec.province
                        ),
                    ),
                ),
                cap,
            );
        }
        if label_text == crate::template::PERIOD_LABEL && value != spec.period.to_string() {
            errors.push(
                at(
                    row.number,
                    c + 1,
                    "",
                    Msg::new(
                        format!(
                            "the workbook is for period {value:?} but the report is being filed for {}",
                            spec.period
                        ),
                        format!(
                            "sổ tính là kỳ {value:?} nhưng báo cáo đang nộp cho kỳ {}",
                            spec.period
                        ),
                    ),
                ),
                cap,
            );
        }
    }

    let checker = LineChecker::new(spec);
    let mut raw = Vec::new();
    for row in &sheet.rows[header_at + 1..] {
        let (q, unit, product) = report_row(row, [cu, cp, cq], &checker);
        let q = match q {
            Ok(None) => continue,
            Ok(Some(q)) => Some(q),
            Err(r) => {
                errors.push(at(row.number, cq, HEADERS[4], r), cap);
                None
            }
        };
        let unit = unit
            .map_err(|r| errors.push(at(row.number, cu, HEADERS[0], r), cap))
            .ok();
        let product = product
            .map_err(|r| errors.push(at(row.number, cp, HEADERS[1], r), cap))
            .ok();
        if let (Some(u), Some(p), Some(q)) = (unit, product, q) {
            raw.push((u, p, q));
        }
    }
    finish(raw, label, Some(name), spec, errors)
}

type RowValues = (
    Result<Option<Quantity>, Msg>,
    Result<String, Msg>,
    Result<usize, Msg>,
);

/// One row's quantity, unit and product, each checked.
fn report_row(row: &SheetRow, [cu, cp, cq]: [u32; 3], checker: &LineChecker) -> RowValues {
    let q = cell_quantity(row.value(cq));
    let unit = cell_code(row.value(cu)).and_then(|u| unit_id(&u));
    let product = cell_code(row.value(cp)).and_then(|p| checker.product(&p));
    (q, unit, product)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(basket: &[BasketItem]) -> ReportSpec<'_> {
        ReportSpec {
            province: AreaCode::parse("01").unwrap(),
            period: "2024-03".parse().unwrap(),
            basket,
            error_cap: 100,
        }
    }

    #[test]
    fn every_bad_line_is_reported_with_its_line_and_column() {
        let basket = BasketItem::national();
        let csv = "period,area,unit_id,product,quantity\n\
                   2024-03,01,U1,CEMENT,10\n\
                   2024-02,01,U1,CRUDE_STEEL,5\n\
                   2024-03,02,,CEMENT,-1\n\
                   2024-03,01,U2,CEMENTT,1,5\n\
                   2024-03,01,U2,CEMENT,1 00\n";
        let err = read_report_csv(csv.as_bytes(), "r.csv", &spec(&basket)).unwrap_err();
        let got: Vec<(u64, String)> = err
            .errors
            .iter()
            .map(|e| (e.line.unwrap(), e.column.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            [
                (3, "period".into()),
                (4, "area".into()),
                (4, "unit_id".into()),
                (4, "quantity".into()),
                (5, String::new()),
                (6, "quantity".into()),
            ]
        );
    }

    #[test]
    fn lines_after_blank_lines_keep_their_file_line() {
        let basket = BasketItem::national();
        let csv = "period,area,unit_id,product,quantity\r\n\
                   2024-03,01,U1,CEMENT,10\r\n\
                   \r\n\
                   \r\n\
                   2024-03,01,U2,CEMENT,-1\r\n";
        let err = read_report_csv(csv.as_bytes(), "r.csv", &spec(&basket)).unwrap_err();
        assert_eq!(err.errors.len(), 1, "{err:?}");
        assert_eq!(err.errors[0].line, Some(5));
    }

    #[test]
    fn legacy_encodings_are_decoded() {
        // "Mã" in UTF-16LE with a BOM, and Windows-1258 bytes.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Mã".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_text(&utf16), "Mã");
        // Windows-1258 writes ã as a + combining tilde (0xDE); 0xE3 is ă.
        assert_eq!(decode_text(b"Ma\xde"), "Mã");
        assert_eq!(decode_text(b"M\xe3"), "Mă");
        assert_eq!(decode_text("\u{feff}Mã".as_bytes()), "Mã");
    }

    #[test]
    fn hostile_workbooks_are_refused_naming_the_sheet() {
        let basket = BasketItem::national();
        let bytes = crate::hostile::far_cell("BaoCao");
        let err = read_report_xlsx(&bytes, "far.xlsx", &spec(&basket)).unwrap_err();
        let e = &err.errors[0];
        assert_eq!(e.sheet.as_deref(), Some("BaoCao"), "{err}");
        assert_eq!(
            (e.line, e.column.as_deref()),
            (Some(1_048_576), Some("XFD"))
        );
        assert!(
            e.reason_in(Lang::Vi).contains("ô XFD1048576 nằm ngoài"),
            "{e:?}"
        );
        let err = read_report_xlsx(b"PK\x03\x04junk", "junk.xlsx", &spec(&basket)).unwrap_err();
        assert!(
            err.errors[0].reason.contains("not a readable .xlsx"),
            "{err}"
        );
    }

    #[test]
    fn semicolons_and_vietnamese_numbers_are_read() {
        let basket = BasketItem::national();
        let comma = "period,area,unit_id,product,quantity\n2024-03,01,U1,CEMENT,1000.5\n2024-03,01,U2,CEMENT,\"95,5\"\n";
        let semi = "period;area;unit_id;product;quantity\n2024-03;01;U1;CEMENT;1.000,5\n2024-03;01;U2;CEMENT;95,5\n";
        let a = read_report_csv(comma.as_bytes(), "a.csv", &spec(&basket)).unwrap();
        let b = read_report_csv(semi.as_bytes(), "b.csv", &spec(&basket)).unwrap();
        assert_eq!(a.lines, b.lines);
        // The ambiguous 1.000 follows the file: one in a comma file (the
        // contract), a thousand in a semicolon file (Vietnamese Excel).
        let one = read_report_csv(
            b"period,area,unit_id,product,quantity\n2024-03,01,U1,CEMENT,1.000\n",
            "c.csv",
            &spec(&basket),
        )
        .unwrap();
        let thousand = read_report_csv(
            b"period;area;unit_id;product;quantity\n2024-03;01;U1;CEMENT;1.000\n",
            "d.csv",
            &spec(&basket),
        )
        .unwrap();
        assert_eq!(one.lines[0].2, Quantity::Scaled(1_000_000_000));
        assert_eq!(thousand.lines[0].2, Quantity::Scaled(1_000_000_000_000));
        let err = read_report_csv(
            b"period area unit_id product quantity\n",
            "e.csv",
            &spec(&basket),
        )
        .unwrap_err();
        assert_eq!(
            err.errors.len(),
            1,
            "one hint, not five missing columns: {err}"
        );
        assert!(
            err.errors[0].reason_in(Lang::Vi).contains("dấu chấm phẩy"),
            "{err:?}"
        );
        let err = read_report_csv(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], "old.xls", &spec(&basket))
            .unwrap_err();
        assert_eq!(err.errors.len(), 1);
        assert!(err.errors[0].reason.contains("old-format Excel"), "{err}");
    }

    #[test]
    fn errors_are_in_vietnamese_too() {
        let basket = BasketItem::national();
        let csv = "period,area,unit_id,product,quantity\n2024-13,02,,PHONE,-1\n";
        let err = read_report_csv(csv.as_bytes(), "r.csv", &spec(&basket)).unwrap_err();
        let vi: Vec<&str> = err.errors.iter().map(|e| e.reason_in(Lang::Vi)).collect();
        assert!(vi[0].starts_with("kỳ \"2024-13\" không hợp lệ"), "{vi:?}");
        assert!(vi[1].contains("nhưng báo cáo là của tỉnh 01"), "{vi:?}");
        assert!(vi[2].starts_with("thiếu mã cơ sở"), "{vi:?}");
        assert!(
            vi[3].contains("không có trong danh mục; gần nhất: PHONE_PARTS, MOBILE_PHONES"),
            "{vi:?}"
        );
        assert!(vi[4].starts_with("giá trị âm -1"), "{vi:?}");
        assert!(err.errors.iter().all(|e| e.reason_vi.is_some()));
        assert!(
            err.errors[0]
                .describe(Lang::Vi)
                .starts_with("r.csv, dòng 2, cột period: kỳ")
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
