//! Writing workbooks (templates and exports) and CSV files in the layout
//! of [`super::spec`]: an instructions sheet first, then one sheet per
//! part of the register with Vietnamese and English headers, drop-down
//! lists from a hidden list sheet, number and date validation.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Formula, Workbook,
    Worksheet, XlsxError,
};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::xlsx::spec::{Kind, ListId, Register, Sheet};

/// A cell to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Num(f64),
    /// A whole number.
    Int(i64),
    /// A date (written as an Excel date shown DD/MM/YYYY).
    Date(Date),
    /// Yes or no (written `có` / `không`; `true` / `false` in CSV).
    Bool(bool),
}

impl Out {
    /// Text, or empty for `None`.
    pub fn opt_text(s: Option<impl ToString>) -> Out {
        s.map_or(Out::Empty, |s| Out::Text(s.to_string()))
    }

    /// A date, or empty.
    pub fn opt_date(d: Option<Date>) -> Out {
        d.map_or(Out::Empty, Out::Date)
    }

    /// A number, or empty.
    pub fn opt_num(v: Option<f64>) -> Out {
        v.map_or(Out::Empty, Out::Num)
    }

    /// The machine-readable text of the cell (CSV). Text that would start
    /// a spreadsheet formula gets a leading apostrophe
    /// (`congthuong_core::spreadsheet::neutralise`); numbers never do.
    pub fn csv(&self) -> String {
        match self {
            Out::Empty => String::new(),
            Out::Text(s) => congthuong_core::spreadsheet::neutralise(s).into_owned(),
            Out::Num(v) => v.to_string(),
            Out::Int(v) => v.to_string(),
            Out::Date(d) => d.to_string(),
            Out::Bool(b) => b.to_string(),
        }
    }
}

/// The rows of one sheet, cells in the sheet's column order.
#[derive(Clone, Debug)]
pub struct SheetData {
    /// The sheet.
    pub sheet: Sheet,
    /// Its rows.
    pub rows: Vec<Vec<Out>>,
}

/// The first data row (0-based): row 1 Vietnamese headers, row 2 English.
pub const FIRST_DATA_ROW: u32 = 2;
/// Rows below the data that still get the drop-down lists.
const VALIDATED_BLANK_ROWS: u32 = 500;
const LISTS_SHEET: &str = "Danh mục";
/// The instructions sheet.
pub const INSTRUCTIONS_SHEET: &str = "Hướng dẫn";

fn xerr(path: &Path) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| Error::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// The header text of a column: the Vietnamese name, ` *` when required.
pub fn header_vi(c: &crate::xlsx::spec::Col) -> String {
    if c.required {
        format!("{} *", c.vi)
    } else {
        c.vi.to_owned()
    }
}

fn instructions(
    ws: &mut Worksheet,
    register: Register,
    note: &[String],
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(INSTRUCTIONS_SHEET)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 110)?;
    // (first column, second column, bold)
    let mut lines: Vec<(String, String, bool)> = vec![(
        format!("Mẫu nhập liệu: {}", register.vi()),
        format!("congthuong register \"{}\"", register.code()),
        true,
    )];
    for n in note {
        lines.push(("Lưu ý / Note".into(), n.clone(), true));
    }
    let rules = [
        (
            "Quy tắc chung",
            "Dòng 1 là tiêu đề tiếng Việt (cột có dấu * là bắt buộc), dòng 2 tiêu đề tiếng Anh; dữ liệu bắt đầu từ dòng 3. Có thể đổi thứ tự cột, không đổi tên trang tính.",
        ),
        (
            "General",
            "Row 1: Vietnamese headers (* = required); row 2: English headers; data from row 3. Columns may be reordered; keep the sheet names.",
        ),
        (
            "Ngày tháng",
            "Nhập ngày kiểu Excel, hoặc YYYY-MM-DD, hoặc DD/MM/YYYY. / Dates: an Excel date, YYYY-MM-DD or DD/MM/YYYY.",
        ),
        (
            "Số tiền",
            "Tỷ đồng; số dùng dấu chấm thập phân nếu nhập dạng chữ. / Money in billion VND; a dot for decimals when typed as text.",
        ),
        (
            "Tất cả hoặc không",
            "Một lỗi bất kỳ thì cả tệp bị từ chối: hệ thống liệt kê mọi lỗi (trang tính, dòng, cột, lý do) và không lưu gì. / One error rejects the whole file: every error is listed and nothing is stored.",
        ),
        (
            "Lịch sử",
            "Mỗi lần sửa là một phiên bản mới, phiên bản cũ vẫn xem được; mọi thay đổi được ghi nhật ký. / Every edit is a new version; old versions stay readable; every change is audited.",
        ),
    ];
    lines.extend(
        rules
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string(), false)),
    );
    if register == Register::Projects {
        for (a, b) in [
            (
                "Mốc tiến độ",
                "Ngày kế hoạch gốc không đổi được. Để điều chỉnh, ghi Ngày kế hoạch hiện hành mới và Lý do điều chỉnh: hệ thống lưu thêm một lần điều chỉnh (không ghi đè). Không xóa mốc đã có. / The baseline never changes: write a new current plan and its reason to record a re-plan. Milestones are never removed.",
            ),
            (
                "Các trang chi tiết",
                "Các dòng của một dự án trong các trang Mốc tiến độ, Thủ tục, Giải ngân, Vướng mắc, Giá trị thu được là danh sách đầy đủ của dự án đó (thay danh sách cũ, bản cũ vẫn lưu trong lịch sử); dự án không có dòng nào trong một trang thì giữ nguyên danh sách đã lưu. Trang Cập nhật tiến độ chỉ thêm mới. Trang Lịch sử điều chỉnh chỉ để đọc (chỉ dùng khi chuyển dữ liệu sang cơ sở dữ liệu mới). / A project's rows in these sheets are its full list (the old list stays in the history); a project with no row in a sheet keeps its stored list. Updates are only added. The re-plan history sheet is read-only (used only when moving records to a new database).",
            ),
            (
                "Trạng thái",
                "Trạng thái (đúng tiến độ, có nguy cơ chậm, chậm) được tính từ ngày tháng, không nhập tay. / Status is computed from the dates, never typed.",
            ),
        ] {
            lines.push((a.into(), b.into(), false));
        }
    }
    lines.push((String::new(), String::new(), false));
    for s in register.sheets() {
        let ro = if s.export_only {
            " (chỉ để đọc / read-only)"
        } else {
            ""
        };
        lines.push((s.vi.into(), format!("{}{ro}", s.en), true));
        for c in s.cols {
            lines.push((
                format!("  {}", header_vi(c)),
                format!("{} [{}]", c.en, c.code),
                false,
            ));
        }
    }
    for (r, (a, b, strong)) in lines.iter().enumerate() {
        let r = r as u32;
        if *strong {
            ws.write_string_with_format(r, 0, a, bold)?;
        } else {
            ws.write_string(r, 0, a)?;
        }
        ws.write_string(r, 1, b)?;
    }
    Ok(())
}

fn list_formulas(strategy_kinds: &[String]) -> Vec<(ListId, String)> {
    ListId::ALL
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let letter = column_letter(i as u16);
            let last = id.values(strategy_kinds).len().max(1) + 1;
            (
                *id,
                format!("='{LISTS_SHEET}'!${letter}$2:${letter}${last}"),
            )
        })
        .collect()
}

fn write_lists(
    ws: &mut Worksheet,
    strategy_kinds: &[String],
) -> std::result::Result<(), XlsxError> {
    ws.set_name(LISTS_SHEET)?;
    for (i, id) in ListId::ALL.iter().enumerate() {
        let col = i as u16;
        ws.write_string(0, col, format!("{id:?}"))?;
        for (j, v) in id.values(strategy_kinds).iter().enumerate() {
            ws.write_string(j as u32 + 1, col, v)?;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

/// `A`, `B`, … `Z`, `AA`, …
pub fn column_letter(mut col: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn data_sheet(
    ws: &mut Worksheet,
    data: &SheetData,
    lists: &[(ListId, String)],
    head: &Format,
    sub: &Format,
    date: &Format,
    ro: &Format,
) -> std::result::Result<(), XlsxError> {
    let sheet = &data.sheet;
    ws.set_name(sheet.vi)?;
    for (i, c) in sheet.cols.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(0, col, header_vi(c), head)?;
        ws.write_string_with_format(1, col, format!("{} [{}]", c.en, c.code), sub)?;
        let width = match c.kind {
            Kind::Text => 28.0,
            Kind::Date => 13.0,
            _ => 16.0,
        };
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(FIRST_DATA_ROW, 1)?;
    for (r, row) in data.rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + r as u32;
        for (i, cell) in row.iter().enumerate() {
            let col = i as u16;
            match cell {
                Out::Empty => {}
                Out::Text(s) => {
                    ws.write_string(r, col, s)?;
                }
                Out::Num(v) => {
                    ws.write_number(r, col, *v)?;
                }
                Out::Int(v) => {
                    ws.write_number(r, col, *v as f64)?;
                }
                Out::Date(d) => {
                    ws.write_number_with_format(r, col, excel_serial(*d), date)?;
                }
                Out::Bool(b) => {
                    ws.write_string(r, col, crate::model::common::bool_vi(*b))?;
                }
            }
        }
    }
    if sheet.export_only {
        ws.set_tab_color(Color::Gray);
        ws.write_string_with_format(
            0,
            sheet.cols.len() as u16,
            "Chỉ để đọc, không nhập / read-only",
            ro,
        )?;
        return Ok(());
    }
    let last = FIRST_DATA_ROW + data.rows.len() as u32 + VALIDATED_BLANK_ROWS;
    for (i, c) in sheet.cols.iter().enumerate() {
        let col = i as u16;
        let v = match c.kind {
            Kind::List(id) => {
                let Some((_, formula)) = lists.iter().find(|(l, _)| *l == id) else {
                    continue;
                };
                let v = DataValidation::new().allow_list_formula(Formula::new(formula));
                if id.strict() {
                    v.set_error_title("Giá trị không hợp lệ")?
                        .set_error_message(
                            "Chọn một giá trị trong danh sách / pick a value from the list",
                        )?
                } else {
                    v.set_error_style(DataValidationErrorStyle::Information)
                        .set_input_message(
                            "Chọn trong danh sách hoặc nhập mã ngành VSIC cấp 2, ví dụ 24 / pick or type a VSIC division, e.g. 24",
                        )?
                }
            }
            Kind::Number => DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message("Số không âm / a non-negative number")?,
            Kind::Int => DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_message("Số nguyên không âm / a non-negative whole number")?,
            Kind::Date => DataValidation::new()
                .allow_any_value()
                .set_input_message("Ngày: DD/MM/YYYY hoặc YYYY-MM-DD")?,
            Kind::Text | Kind::Code | Kind::Bool => continue,
        };
        ws.add_data_validation(FIRST_DATA_ROW, col, last, col, &v)?;
    }
    Ok(())
}

/// Excel's serial day number of a date (1900 date system).
pub fn excel_serial(d: Date) -> f64 {
    (d.days_since_epoch() + 25_569) as f64
}

/// Writes a workbook of `register` with the given rows (no rows: a blank
/// template). `strategy_kinds` fills the strategy drop-down; `note` lines
/// go on the instructions sheet (e.g. that data are synthetic).
pub fn write_workbook(
    path: &Path,
    register: Register,
    data: &[SheetData],
    strategy_kinds: &[String],
    note: &[String],
) -> Result<()> {
    let e = xerr(path);
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xDDEBF7));
    let sub = Format::new()
        .set_italic()
        .set_font_color(Color::Gray)
        .set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ro = Format::new().set_italic().set_font_color(Color::Red);
    instructions(wb.add_worksheet(), register, note, &bold).map_err(&e)?;
    let lists = list_formulas(strategy_kinds);
    for s in register.sheets() {
        let empty = SheetData {
            sheet: *s,
            rows: Vec::new(),
        };
        let d = data
            .iter()
            .find(|d| d.sheet.code == s.code)
            .unwrap_or(&empty);
        data_sheet(wb.add_worksheet(), d, &lists, &head, &sub, &date, &ro).map_err(&e)?;
    }
    write_lists(wb.add_worksheet(), strategy_kinds).map_err(&e)?;
    wb.save(path).map_err(&e)
}

/// Writes each sheet as `<dir>/<register>_<sheet>.csv` with code headers
/// and machine-readable values (ISO dates, codes, `true`/`false`).
/// Returns the files written.
pub fn write_csv_dir(
    dir: &Path,
    register: Register,
    data: &[SheetData],
) -> Result<Vec<std::path::PathBuf>> {
    let werr = |p: &Path, e: &dyn std::fmt::Display| Error::Write {
        path: p.display().to_string(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(|e| werr(dir, &e))?;
    let mut out = Vec::new();
    for s in register.sheets() {
        let path = dir.join(format!("{}_{}.csv", register.code(), s.code));
        let mut w = csv::Writer::from_path(&path).map_err(|e| werr(&path, &e))?;
        w.write_record(s.cols.iter().map(|c| c.code))
            .map_err(|e| werr(&path, &e))?;
        if let Some(d) = data.iter().find(|d| d.sheet.code == s.code) {
            for row in &d.rows {
                w.write_record(row.iter().map(Out::csv))
                    .map_err(|e| werr(&path, &e))?;
            }
        }
        w.flush().map_err(|e| werr(&path, &e))?;
        out.push(path);
    }
    Ok(out)
}
