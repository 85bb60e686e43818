//! One province's monthly report: a CSV in the contract's microdata
//! columns, or the Excel template of [`crate::template`], read into
//! canonical [`ReportLines`].
//!
//! Every line is checked in full (period and province equal the report's,
//! a unit id, a product of the basket, a non-negative quantity) and every
//! problem is reported at once (up to the cap) with file, sheet, line and
//! column. A file larger than the limit is refused before it is read.
//! CSV text may be UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark (Excel's "Unicode text"), or Windows-1258 (older
//! Vietnamese Excel); it is decoded and NFC-normalised first.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use congthuong_core::text::{nearest, nfc};
use congthuong_core::{AreaCode, Period};

use crate::error::{InputError, InputErrors};
use crate::file_lines::FileLines;
use crate::lines::{ReportLines, check_unit_id};
use crate::microdata::COLUMNS;
use crate::number::{Quantity, parse_quantity};
use crate::template::{HEADERS, SHEET};

/// A product a province may report.
#[derive(Clone, Debug, PartialEq)]
pub struct BasketItem {
    /// Product code.
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// Unit of measure, in Vietnamese.
    pub unit_vi: String,
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
            format!(
                "the file is {size} bytes, more than the limit of {max_bytes} bytes; nothing was read (raise --max-upload-bytes or CONGTHUONG_MAX_UPLOAD_BYTES if the file is right)"
            ),
        )));
    }
    Ok(())
}

/// True when the bytes are a ZIP container (an .xlsx workbook).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a report file of either format (told apart by content).
pub fn read_report_file(
    path: &Path,
    label: &str,
    spec: &ReportSpec,
    max_bytes: u64,
) -> Result<ReportLines, InputErrors> {
    let bytes = read_limited(path, label, max_bytes)?;
    if is_xlsx(&bytes) {
        read_report_xlsx(&bytes, label, spec)
    } else {
        read_report_csv(&bytes, label, spec)
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

/// Checks one line's values and adds it; the error is (column, reason).
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

    fn product(&self, raw: &str) -> Result<usize, String> {
        self.products.get(raw).copied().ok_or_else(|| {
            let near = nearest(
                raw,
                self.spec.basket.iter().map(|p| (p.code.as_str(), vec![])),
                3,
            );
            format!(
                "unknown product {raw:?}: not in the basket; nearest: {}",
                near.join(", ")
            )
        })
    }

    fn period(&self, raw: &str) -> Result<(), String> {
        let p: Period = raw.parse().map_err(|e| format!("{e}"))?;
        if p != self.spec.period {
            return Err(format!(
                "the line is for {p} but the report is for {}",
                self.spec.period
            ));
        }
        Ok(())
    }

    fn area(&self, raw: &str) -> Result<(), String> {
        if raw != self.spec.province.as_str() {
            return Err(format!(
                "the line is for area {raw:?} but the report is province {}'s",
                self.spec.province
            ));
        }
        Ok(())
    }
}

fn quantity(raw: &str) -> Result<Quantity, String> {
    parse_quantity(raw.as_bytes()).map_err(|e| e.message(raw.as_bytes()))
}

/// Reads a report CSV (the contract's microdata columns, found by name).
pub fn read_report_csv(
    bytes: &[u8],
    label: &str,
    spec: &ReportSpec,
) -> Result<ReportLines, InputErrors> {
    let cap = spec.error_cap.max(1);
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|f| f.trim().to_owned()).collect(),
        Err(e) => {
            return Err(InputError::at(label, 1, None, format!("unreadable header: {e}")).into());
        }
    };
    let mut errors = InputErrors::default();
    let mut index = [0usize; 5];
    for (c, name) in COLUMNS.iter().enumerate() {
        match header.iter().position(|h| h == name) {
            Some(i) => index[c] = i,
            None => errors.push(
                InputError::at(
                    label,
                    1,
                    Some(name),
                    format!(
                        "missing column {name:?} (the header has: {}; a report has the columns {})",
                        header.join(","),
                        COLUMNS.join(",")
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
                    InputError::at(label, line, None, format!("malformed CSV: {e}")),
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
            errors.push(
                InputError::at(
                    label,
                    line,
                    None,
                    format!(
                        "the line has {} fields but the header has {}",
                        record.len(),
                        header.len()
                    ),
                ),
                cap,
            );
            continue;
        }
        let field = |c: usize| record[index[c]].trim();
        let mut bad = |column: &str, reason: String| {
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
        let unit = match check_unit_id(field(2).as_bytes()) {
            Ok(u) => Some(u.to_owned()),
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
        let q = match quantity(field(4)) {
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
        let mut e = InputError::file(
            label,
            "the report has no line: a report needs at least one unit's quantity",
        );
        e.sheet = sheet.map(str::to_owned);
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
fn cell_code(cell: &calamine::Data) -> Result<String, String> {
    use calamine::Data;
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(nfc(s.trim())),
        Data::Int(i) => Ok(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(format!("{f:.0}")),
        other => Err(format!("expected a code (text), found {}", describe(other))),
    }
}

fn describe(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Int(i) => format!("the number {i}"),
        Data::Float(f) => format!("the number {f}"),
        Data::String(s) => format!("the text {s:?}"),
        Data::Bool(b) => format!("the value {}", if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(_) | Data::DateTimeIso(_) => "a date".into(),
        Data::DurationIso(_) => "a duration".into(),
        Data::Error(e) => format!("the Excel error {e}"),
        Data::Empty => "nothing".into(),
    }
}

/// A quantity cell: numbers exactly as Excel shows them (shortest
/// decimal), text as in a CSV; `None` when empty.
fn cell_quantity(cell: &calamine::Data) -> Result<Option<Quantity>, String> {
    use calamine::Data;
    match cell {
        Data::Empty => Ok(None),
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => quantity(s.trim()).map(Some),
        Data::Int(i) => quantity(&i.to_string()).map(Some),
        Data::Float(f) if f.is_finite() => {
            let mut buf = ryu::Buffer::new();
            quantity(buf.format_finite(*f)).map(Some)
        }
        other => Err(format!("expected a quantity, found {}", describe(other))),
    }
}

/// The spreadsheet column name of a 0-based index (A, B, …, AA).
pub fn column_letter(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The most a workbook may unpack to (its parts' declared sizes): a small
/// file that would unpack to gigabytes is refused before it is read.
pub const MAX_XLSX_UNPACKED: u64 = 1 << 30;

/// The declared unpacked size of a ZIP container's parts.
fn unpacked_size(bytes: &[u8]) -> Result<u64, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable .xlsx workbook ({e}); save the report as Excel Workbook (.xlsx) or CSV UTF-8"))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| format!("damaged .xlsx workbook ({e})"))?;
        total = total.saturating_add(part.size());
    }
    Ok(total)
}

/// Refuses a container whose parts unpack to more than `limit` bytes.
pub(crate) fn check_unpacked(bytes: &[u8], limit: u64) -> Result<(), String> {
    let n = unpacked_size(bytes)?;
    if n > limit {
        return Err(format!(
            "the workbook unpacks to {n} bytes, more than the limit of {limit}; nothing was read"
        ));
    }
    Ok(())
}

/// The header names of the report columns, Vietnamese and contract.
const UNIT_NAMES: [&str; 2] = [HEADERS[0], "unit_id"];
const PRODUCT_NAMES: [&str; 2] = [HEADERS[1], "product"];
const QUANTITY_NAMES: [&str; 2] = [HEADERS[4], "quantity"];

/// Reads a report workbook: the template's sheet (or the first sheet),
/// its province and period cells when present, and the lines under the
/// header row. Rows without a quantity are not lines.
pub fn read_report_xlsx(
    bytes: &[u8],
    label: &str,
    spec: &ReportSpec,
) -> Result<ReportLines, InputErrors> {
    check_unpacked(bytes, MAX_XLSX_UNPACKED).map_err(|reason| InputError::file(label, reason))?;
    // calamine is third-party code on untrusted input: a panic in it must
    // not take the process down.
    let read = std::panic::catch_unwind(|| -> Result<_, String> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
                format!("not a readable .xlsx workbook ({e}); save the report as Excel Workbook (.xlsx) or CSV UTF-8")
            })?;
        let names = book.sheet_names();
        let sheet = names
            .iter()
            .find(|n| n.as_str() == SHEET)
            .or_else(|| names.first())
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
    let cap = spec.error_cap.max(1);
    let mut errors = InputErrors::default();
    let at = |row: u32, col: Option<u32>, header: &str, reason: String| InputError {
        file: label.to_owned(),
        sheet: Some(sheet.clone()),
        line: Some(u64::from(row) + 1),
        column: col.map(|c| {
            if header.is_empty() {
                column_letter(c)
            } else {
                format!("{} ({header})", column_letter(c))
            }
        }),
        reason,
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows: Vec<&[calamine::Data]> = range.rows().collect();
    let text = |cell: &calamine::Data| match cell {
        calamine::Data::String(s) => nfc(s.trim()),
        _ => String::new(),
    };

    // The header row: the first of the first 50 rows naming the three
    // needed columns.
    let mut header = None;
    for (i, row) in rows.iter().enumerate().take(50) {
        let names: Vec<String> = row.iter().map(text).collect();
        let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
        if let (Some(u), Some(p), Some(q)) = (
            find(&UNIT_NAMES),
            find(&PRODUCT_NAMES),
            find(&QUANTITY_NAMES),
        ) {
            header = Some((i, [u, p, q]));
            break;
        }
    }
    let Some((header_row, [cu, cp, cq])) = header else {
        let mut e = InputError::file(
            label,
            format!(
                "no header row with the columns {:?}, {:?} and {:?} (or unit_id, product, quantity): use the template of `congthuong template`",
                HEADERS[0], HEADERS[1], HEADERS[4]
            ),
        );
        e.sheet = Some(sheet.clone());
        return Err(e.into());
    };

    // The province and period cells above the header, when present.
    for (i, row) in rows.iter().enumerate().take(header_row) {
        let label_text = row.first().map(text).unwrap_or_default();
        let value = row.get(1).map(cell_code).unwrap_or(Ok(String::new()));
        let row_no = row0 + i as u32;
        let value = match value {
            Ok(v) => v,
            Err(_) => continue,
        };
        if label_text == crate::template::PROVINCE_LABEL && value != spec.province.as_str() {
            errors.push(
                at(
                    row_no,
                    Some(col0 + 1),
                    "",
                    format!(
                        "the workbook is province {value:?}'s but the report is being filed for province {}",
                        spec.province
                    ),
                ),
                cap,
            );
        }
        if label_text == crate::template::PERIOD_LABEL && value != spec.period.to_string() {
            errors.push(
                at(
                    row_no,
                    Some(col0 + 1),
                    "",
                    format!(
                        "the workbook is for period {value:?} but the report is being filed for {}",
                        spec.period
                    ),
                ),
                cap,
            );
        }
    }

    let checker = LineChecker::new(spec);
    let mut raw = Vec::new();
    let empty = calamine::Data::Empty;
    for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
        let row_no = row0 + i as u32;
        let get = |c: usize| row.get(c).unwrap_or(&empty);
        let col = |c: usize| Some(col0 + c as u32);
        let q = match cell_quantity(get(cq)) {
            Ok(None) => continue,
            Ok(Some(q)) => Some(q),
            Err(r) => {
                errors.push(at(row_no, col(cq), HEADERS[4], r), cap);
                None
            }
        };
        let unit =
            match cell_code(get(cu)).and_then(|u| check_unit_id(u.as_bytes()).map(str::to_owned)) {
                Ok(u) => Some(u),
                Err(r) => {
                    errors.push(at(row_no, col(cu), HEADERS[0], r), cap);
                    None
                }
            };
        let product = match cell_code(get(cp)).and_then(|p| {
            if p.is_empty() {
                Err("empty product code".into())
            } else {
                checker.product(&p)
            }
        }) {
            Ok(p) => Some(p),
            Err(r) => {
                errors.push(at(row_no, col(cp), HEADERS[1], r), cap);
                None
            }
        };
        if let (Some(u), Some(p), Some(q)) = (unit, product, q) {
            raw.push((u, p, q));
        }
    }
    finish(raw, label, Some(&sheet), spec, errors)
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
                   2024-03,01,U2,CEMENT,1 000\n";
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
    fn a_workbook_that_would_unpack_too_far_is_refused_unread() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "xl/worksheets/sheet1.xml",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true),
        )
        .unwrap();
        w.write_all(&vec![0u8; 8 << 20]).unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert!(bytes.len() < 100 << 10, "{} bytes packed", bytes.len());
        let err = check_unpacked(&bytes, 1 << 20).unwrap_err();
        assert!(err.contains("unpacks to 8388608 bytes"), "{err}");
        assert!(check_unpacked(&bytes, 16 << 20).is_ok());
        let basket = BasketItem::national();
        let err = read_report_xlsx(b"PK\x03\x04junk", "junk.xlsx", &spec(&basket)).unwrap_err();
        assert!(
            err.errors[0].reason.contains("not a readable .xlsx"),
            "{err}"
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
