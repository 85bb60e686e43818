//! The register as a spreadsheet: reading an uploaded file (XLSX or CSV,
//! one row per product) into entries, every problem with its line and
//! column, and writing the empty template.
//!
//! Columns (header row, any order, names as below): `province`, `name`,
//! `producer`, `group` are required; `id` (to update a product already in
//! the register), `criteria`, `score_a`, `score_b`, `score_c`, `stars`,
//! `decision`, `decided`, `valid_until`, `gtins`, `lots` are optional.
//! Values follow [`crate::input`]. A GTIN on two rows of the same file is
//! refused on the second.

use congthuong_intake::sheet::read_sheet;
use congthuong_intake::{DEFAULT_ERROR_CAP, InputErrors};

use congthuong_core::Lang;

use crate::input::EntryInput;
use crate::register::RegisterEntry;

/// The required columns.
pub const REQUIRED: [&str; 4] = ["province", "name", "producer", "group"];
/// The optional columns.
pub const OPTIONAL: [&str; 11] = [
    "id",
    "criteria",
    "score_a",
    "score_b",
    "score_c",
    "stars",
    "decision",
    "decided",
    "valid_until",
    "gtins",
    "lots",
];

/// One row read: its line, the product id it updates (if given), the entry.
pub type ImportRow = (u64, Option<i64>, RegisterEntry);

/// Reads an uploaded register file (problems in English).
pub fn read_register(bytes: &[u8], label: &str) -> Result<Vec<ImportRow>, InputErrors> {
    read_register_in(bytes, label, Lang::En)
}

/// Reads an uploaded register file for a reader of `lang`: scores as
/// [`EntryInput::build_in`] reads them, the rows' problems in `lang` (the
/// file's own problems, such as a missing column, come from the intake
/// reader).
pub fn read_register_in(
    bytes: &[u8],
    label: &str,
    lang: Lang,
) -> Result<Vec<ImportRow>, InputErrors> {
    let sheet = read_sheet(bytes, label, &REQUIRED, &OPTIONAL, DEFAULT_ERROR_CAP)?;
    let mut errors = InputErrors::default();
    let mut out: Vec<ImportRow> = Vec::new();
    let mut seen: Vec<(crate::gtin::Gtin, u64)> = Vec::new();
    for row in &sheet.rows {
        let v = |i: usize| row.values[i].clone();
        let input = EntryInput {
            province: v(0),
            name: v(1),
            producer: v(2),
            group: v(3),
            criteria: v(5),
            score_a: v(6),
            score_b: v(7),
            score_c: v(8),
            stars: v(9),
            decision: v(10),
            decided: v(11),
            valid_until: v(12),
            gtins: v(13),
            lots: v(14),
        };
        let id = match row.values[4].as_str() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.push(
                        sheet.error(
                            label,
                            row.line,
                            "id",
                            match lang {
                                Lang::Vi => format!("{s:?} không phải số thứ tự sản phẩm"),
                                Lang::En => format!("{s:?} is not a product id"),
                            },
                        ),
                        DEFAULT_ERROR_CAP,
                    );
                    continue;
                }
            },
        };
        // A GTIN on an earlier row, whatever else is wrong with this one.
        for g in input
            .gtins
            .split([',', ';', ' ', '\n'])
            .filter_map(|g| crate::gtin::parse_gtin(g).ok())
        {
            if let Some(line) = seen.iter().find(|(x, _)| *x == g).map(|(_, l)| *l) {
                errors.push(
                    sheet.error(
                        label,
                        row.line,
                        "gtins",
                        match lang {
                            Lang::Vi => format!("mã GTIN {g} đã có ở dòng {line} của tệp này"),
                            Lang::En => format!("GTIN {g} is already on line {line} of this file"),
                        },
                    ),
                    DEFAULT_ERROR_CAP,
                );
            } else {
                seen.push((g, row.line));
            }
        }
        match input.build_in(lang) {
            Ok(entry) => out.push((row.line, id, entry)),
            Err(problems) => {
                for (field, reason) in problems {
                    errors.push(
                        sheet.error(label, row.line, field, reason),
                        DEFAULT_ERROR_CAP,
                    );
                }
            }
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(
            congthuong_intake::InputError::file(
                label,
                lang.pick(
                    "tệp không có dòng sản phẩm nào",
                    "the file has no product rows",
                ),
            ),
            DEFAULT_ERROR_CAP,
        );
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.sorted())
    }
}

/// The empty template: the header row and one example row (synthetic).
pub fn template_xlsx() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("san-pham")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in REQUIRED.iter().chain(OPTIONAL.iter()).enumerate() {
        ws.write_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, 16)?;
    }
    let example = [
        "24",
        "Ví dụ: Vải thiều sấy (minh hoạ)",
        "HTX ví dụ (minh hoạ)",
        "food",
        "",
        "148",
        "36",
        "20",
        "30",
        "",
        "123/QĐ-UBND",
        "2024-06-01",
        "",
        "8934567000017",
        "",
    ];
    for (c, v) in example.iter().enumerate() {
        ws.write(1, c as u16, *v)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_errors_names_every_line_and_column() {
        let csv = "province,name,producer,group,gtins,score_a,score_b,score_c,decision,decided\n\
                   24,Vải thiều,HTX A,food,8934567000017,36,20,30,1/QĐ,2024-06-01\n\
                   24,Mật ong,HTX B,food,8934567000017,,,,,\n\
                   99,Chè,HTX C,honey,8934567000018,,,,,\n";
        let e = read_register(csv.as_bytes(), "dang-ky.csv").unwrap_err();
        let at: Vec<(Option<u64>, Option<&str>)> = e
            .errors
            .iter()
            .map(|x| (x.line, x.column.as_deref()))
            .collect();
        for want in [
            (Some(3), Some("gtins")),
            (Some(4), Some("province")),
            (Some(4), Some("group")),
            (Some(4), Some("gtins")),
        ] {
            assert!(at.contains(&want), "{want:?} in {e}");
        }
        assert!(e.to_string().contains("already on line 2"), "{e}");
    }

    #[test]
    fn the_template_reads_back() {
        let bytes = template_xlsx().unwrap();
        let rows = read_register(&bytes, "mau.xlsx").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].2.score.unwrap().stars().count(), 4);
    }
}
