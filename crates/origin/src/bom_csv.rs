//! Reading a bill of materials from CSV (or an uploaded XLSX).
//!
//! Columns (header on line 1, in any order, extra columns ignored):
//!
//! | column | content |
//! | --- | --- |
//! | `hs` | the material's HS code, 2, 4 or 6 digits (8/10-digit national lines accepted); may be empty |
//! | `description` | free text; may be empty |
//! | `value` | the material's value, a plain decimal with a dot (`1234.5`), zero or more |
//! | `originating` | `yes`, `no` or `unknown` (also `có`, `không`, `không rõ`) |
//! | `country` | ISO 3166-1 alpha-2 code (`VN`, `TH`, `JP`, `DE`, or `EU`); required when `originating` is yes |
//!
//! Every problem is reported with its line and column, all at once (up to
//! the cap), and nothing is returned when there is any. An uploaded file
//! may also be an Excel workbook (XLSX, first sheet, same columns):
//! [`read_bom_bytes`].

use std::path::Path;

use congthuong_intake::sheet::read_sheet;
use congthuong_intake::table::read_table;
use congthuong_intake::{DEFAULT_ERROR_CAP, InputErrors};

use crate::bom::{BillOfMaterials, Material, Originating};
use crate::country::Country;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::text::{Lang, Text};

/// The columns a bill of materials must have.
pub const COLUMNS: [&str; 5] = ["hs", "description", "value", "originating", "country"];

/// Reads a bill of materials; `label` names the file in messages.
pub fn read_bom(path: &Path, label: &str) -> Result<BillOfMaterials> {
    let mut errors = InputErrors::default();
    let mut lines = Vec::new();
    read_table(
        path,
        label,
        &COLUMNS,
        &mut errors,
        DEFAULT_ERROR_CAP,
        |row| {
            lines.push(material(row.line, &row.values)?);
            Ok(())
        },
    );
    if errors.is_empty() {
        Ok(BillOfMaterials::new(lines))
    } else {
        Err(Error::Input(errors.sorted()))
    }
}

/// Reads a bill of materials from an uploaded file, CSV or XLSX (the
/// first sheet), with the same columns and checks as [`read_bom`].
pub fn read_bom_bytes(bytes: &[u8], label: &str) -> Result<BillOfMaterials> {
    read_bom_bytes_in(bytes, label, Lang::En)
}

/// [`read_bom_bytes`] with the lines' problems in `lang` (the file's own
/// problems, such as a missing column, come from the intake reader).
pub fn read_bom_bytes_in(bytes: &[u8], label: &str, lang: Lang) -> Result<BillOfMaterials> {
    let sheet = read_sheet(bytes, label, &COLUMNS, &[], DEFAULT_ERROR_CAP).map_err(Error::Input)?;
    let mut errors = InputErrors::default();
    let mut lines = Vec::new();
    for row in &sheet.rows {
        // An uploaded value may be written the Vietnamese way (`1.234,5`)
        // in a workbook or a semicolon-separated CSV: read in the file's
        // convention, it goes on as the plain decimal the column takes.
        let value = congthuong_core::number::parse_decimal(&row.values[2], sheet.numbers)
            .map_or_else(|_| row.values[2].clone(), |d| d.to_plain());
        let mut values: Vec<&str> = row.values.iter().map(String::as_str).collect();
        values[2] = &value;
        match material_in(row.line, &values, lang) {
            Ok(m) => lines.push(m),
            Err((column, reason)) => errors.push(
                sheet.error(label, row.line, column, reason),
                DEFAULT_ERROR_CAP,
            ),
        }
    }
    if errors.is_empty() {
        Ok(BillOfMaterials::new(lines))
    } else {
        Err(Error::Input(errors.sorted()))
    }
}

/// One material from the five columns' values, or the column at fault
/// and why.
pub fn material(
    line: u64,
    values: &[&str],
) -> std::result::Result<Material, (&'static str, String)> {
    material_in(line, values, Lang::En)
}

/// [`material`] with the reason in `lang`.
pub fn material_in(
    line: u64,
    values: &[&str],
    lang: Lang,
) -> std::result::Result<Material, (&'static str, String)> {
    let [hs, description, value, originating, country] = values[..] else {
        return Err((
            "hs",
            Text::new(
                "dòng không đủ năm cột",
                "the line does not have the five columns",
            )
            .get(lang)
            .to_owned(),
        ));
    };
    let said = |column: &'static str| move |e: Error| (column, e.message(lang));
    let hs = match hs {
        "" => None,
        s => Some(HsCode::parse(s).map_err(said("hs"))?),
    };
    let value = crate::amount::parse_amount(value).map_err(said("value"))?;
    let originating = Originating::parse(originating).map_err(said("originating"))?;
    let country = match country {
        "" => None,
        s => Some(Country::parse(s).map_err(said("country"))?),
    };
    if originating == Originating::Yes && country.is_none() {
        return Err((
            "country",
            Text::new(
                "nguyên liệu có xuất xứ cần ghi nước xuất xứ (nước thành viên nơi nó có xuất xứ, ví dụ VN, TH, JP)",
                "an originating material needs its country of origin (the Party where it originates, e.g. VN, TH, JP)",
            )
            .get(lang)
            .to_owned(),
        ));
    }
    Material::new(line, hs, description, value, originating, country).map_err(said("value"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn reads_a_well_formed_bom() {
        let f = file(
            "hs,description,value,originating,country\n\
             7208.51,thép tấm,60,no,CN\n\
             7318.15,bu lông,8.5,yes,TH\n\
             ,sơn,1.5,unknown,\n",
        );
        let bom = read_bom(f.path(), "bom.csv").unwrap();
        assert_eq!(bom.materials().len(), 3);
        assert_eq!(bom.materials()[1].line, 3);
        assert_eq!(bom.materials()[1].country.as_ref().unwrap().code(), "TH");
        assert_eq!(bom.materials()[2].hs, None);
        assert_eq!(bom.total().to_string(), "70.0");
    }

    #[test]
    fn every_bad_cell_is_reported_with_line_and_column() {
        let f = file(
            "description,hs,value,originating,country\n\
             a,7208.5,60,no,CN\n\
             b,7318.15,8,5,maybe,TH\n\
             c,7318.15,1,5,yes,\n\
             d,7318.15,-1,no,\n\
             e,7318.15,1,yes,\n\
             f,7318.15,1,no,China\n",
        );
        let e = read_bom(f.path(), "bom.csv").unwrap_err().to_string();
        assert!(
            e.contains("bom.csv, line 2, column hs: invalid HS code \"7208.5\""),
            "{e}"
        );
        assert!(e.contains("line 3"), "{e}");
        assert!(
            e.contains("line 5, column value: invalid amount \"-1\": amounts cannot be negative"),
            "{e}"
        );
        assert!(
            e.contains("line 6, column country: an originating material needs its country"),
            "{e}"
        );
        assert!(
            e.contains("line 7, column country: invalid country \"China\""),
            "{e}"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let f = file("hs,value,originating,country\n7208.51,60,no,CN\n");
        let e = read_bom(f.path(), "bom.csv").unwrap_err().to_string();
        assert!(e.contains("missing column \"description\""), "{e}");
    }

    #[test]
    fn a_decimal_comma_is_refused() {
        let f = file("hs,description,value,originating,country\n7208.51,x,\"1,5\",no,CN\n");
        let e = read_bom(f.path(), "bom.csv").unwrap_err().to_string();
        assert!(e.contains("line 2, column value"), "{e}");
        assert!(e.contains("dot as the decimal point"), "{e}");
    }

    #[test]
    fn an_uploaded_workbook_is_read_like_the_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in COLUMNS.iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        ws.write(1, 0, "7208.51").unwrap();
        ws.write(1, 1, "thép tấm").unwrap();
        ws.write(1, 2, 60).unwrap();
        ws.write(1, 3, "no").unwrap();
        ws.write(1, 4, "CN").unwrap();
        ws.write(2, 0, "7318.15").unwrap();
        ws.write(2, 2, 8.5).unwrap();
        ws.write(2, 3, "yes").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let e = read_bom_bytes(&bytes, "bom.xlsx").unwrap_err().to_string();
        assert!(
            e.contains("bom.xlsx [sheet Sheet1], line 3, column country: an originating material needs its country"),
            "{e}"
        );
        let csv = "hs,description,value,originating,country\n7208.51,thép tấm,60,no,CN\n";
        let bom = read_bom_bytes(csv.as_bytes(), "bom.csv").unwrap();
        assert_eq!(bom.total().to_string(), "60");
    }

    #[test]
    fn an_uploaded_semicolon_csv_with_vietnamese_numbers_is_read() {
        let csv = "hs;description;value;originating;country\n7208.51;thép tấm;1.000,5;no;CN\n7318.15;bu lông;8,5;yes;TH\n";
        let bom = read_bom_bytes(csv.as_bytes(), "bom.csv").unwrap();
        assert_eq!(bom.total().to_string(), "1009.0");
        // The same in a comma file, quoted, and the contract's plain form.
        let csv = "hs,description,value,originating,country\n7208.51,x,\"1.000,5\",no,CN\n7318.15,y,8.5,yes,TH\n";
        assert_eq!(
            read_bom_bytes(csv.as_bytes(), "bom.csv")
                .unwrap()
                .total()
                .to_string(),
            "1009.0"
        );
    }
}
