//! How a CSV that a user uploads is written: its column delimiter, found
//! on the header line, and the number convention that goes with it; and
//! one clear answer for a file that is neither a workbook nor CSV text.
//!
//! Excel writes "CSV" with the list separator of the computer's regional
//! settings: a comma in English, a semicolon under Vietnamese settings
//! (where the comma is the decimal separator); "Unicode text" is
//! tab-separated. So the header line decides: the most frequent of comma,
//! semicolon and tab outside quotes (ties go to the comma, then the
//! semicolon). A comma-separated file is read in the file contract's
//! number convention (a dot for decimals: [`Lang::En`] in
//! `congthuong_core::number`); a semicolon- or tab-separated one in the
//! Vietnamese convention ([`Lang::Vi`]: `1.000,5`), since that is what
//! Excel under Vietnamese settings writes.
//!
//! Only uploads read here (a province's report, register and bill of
//! materials spreadsheets); the `iip compile` interchange folder keeps its
//! fixed contract (`docs/INTERCHANGE.md`: comma, dot).
//!
//! May touch: the text given; nothing else.

use congthuong_core::Lang;

use crate::error::{InputError, Msg};

/// The delimiter and number convention of an uploaded CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// `,`, `;` or a tab.
    pub delimiter: u8,
    /// How ambiguous numbers (`1.000`) are read.
    pub numbers: Lang,
}

/// The delimiter of the first non-blank line of `text`.
pub fn detect(text: &str) -> Option<Dialect> {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - *i))?;
    if counts[best] == 0 {
        return None;
    }
    Some(match best {
        0 => Dialect {
            delimiter: b',',
            numbers: Lang::En,
        },
        1 => Dialect {
            delimiter: b';',
            numbers: Lang::Vi,
        },
        _ => Dialect {
            delimiter: b'\t',
            numbers: Lang::Vi,
        },
    })
}

/// The one error for a CSV whose header has no delimiter between columns.
pub fn no_delimiter(label: &str) -> InputError {
    InputError::at(
        label,
        1,
        None,
        Msg::new(
            "the header line has no comma, semicolon or tab between column names: save the file from Excel as \"CSV UTF-8 (Comma delimited)\" (or with semicolons), or upload the Excel workbook (.xlsx)",
            "dòng tiêu đề không có dấu phẩy, dấu chấm phẩy hay tab giữa các tên cột: hãy lưu tệp từ Excel dưới dạng \"CSV UTF-8 (Comma delimited)\" (hoặc phân cách bằng dấu chấm phẩy), hoặc tải lên sổ tính Excel (.xlsx)",
        ),
    )
}

/// What a binary file that is not an .xlsx workbook is, when it can be
/// told (`None`: treat it as text).
pub fn not_text(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some("xls");
    }
    if bytes.starts_with(b"%PDF") {
        return Some("pdf");
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    head.contains(&0).then_some("binary")
}

/// The one error for a file that is neither a workbook nor CSV text.
pub fn neither(label: &str, kind: &str) -> InputError {
    let (en, vi) = match kind {
        "xls" => (
            "this is an old-format Excel file (.xls) or another Office binary file",
            "đây là tệp Excel định dạng cũ (.xls) hoặc tệp Office nhị phân khác",
        ),
        "pdf" => ("this is a PDF file", "đây là tệp PDF"),
        _ => ("this is a binary file", "đây là tệp nhị phân"),
    };
    InputError::file(
        label,
        Msg::new(
            format!(
                "{en}, neither an Excel workbook (.xlsx) nor a CSV text file: save it from Excel as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\" and upload that"
            ),
            format!(
                "{vi}, không phải sổ tính Excel (.xlsx) cũng không phải tệp văn bản CSV: hãy lưu từ Excel dưới dạng \"Excel Workbook (.xlsx)\" hoặc \"CSV UTF-8\" rồi tải tệp đó lên"
            ),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_decides() {
        let d = |t: &str| detect(t).map(|d| (d.delimiter, d.numbers));
        assert_eq!(d("period,area,unit_id\n1;2;3\n"), Some((b',', Lang::En)));
        assert_eq!(d("period;area;unit_id\n1,5;2;3\n"), Some((b';', Lang::Vi)));
        assert_eq!(d("\n\nperiod\tarea\n"), Some((b'\t', Lang::Vi)));
        assert_eq!(
            d("\"a,b\";c;d\n"),
            Some((b';', Lang::Vi)),
            "quoted commas do not count"
        );
        assert_eq!(d("a,b;c\n"), Some((b',', Lang::En)), "ties go to the comma");
        assert_eq!(d("period area unit_id\n"), None);
        assert_eq!(d(""), None);
    }

    #[test]
    fn binary_files_are_named() {
        assert_eq!(not_text(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]), Some("xls"));
        assert_eq!(not_text(b"%PDF-1.7"), Some("pdf"));
        assert_eq!(not_text(b"a,b\n\0\0"), Some("binary"));
        assert_eq!(not_text(b"a,b\n1,2\n"), None);
        let utf16: Vec<u8> = [0xFF, 0xFE, b'a', 0, b',', 0].to_vec();
        assert_eq!(not_text(&utf16), None);
        let e = neither("x.xls", "xls");
        assert!(e.reason.contains("old-format Excel"), "{e}");
        assert!(e.reason_in(Lang::Vi).contains("định dạng cũ"), "{e:?}");
    }
}
