//! The Excel template a province fills in for one month: Vietnamese
//! headers, the basket pre-filled with names and units, last month's
//! figures alongside, a rule on the quantity cells (a decimal ≥ 0) and a
//! list rule on product codes from a hidden code-list sheet.
//! [`crate::report::read_report_xlsx`] reads it back.
//!
//! Layout of the sheet [`SHEET`]: a title row, the province (row 2) and
//! period (row 3) cells, the header row (row 6, [`HEADERS`]), then one row
//! per (unit, product) that reported last month, then one empty row per
//! basket product for units that did not.

use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Formula, Workbook};

use crate::report::BasketItem;

/// The report sheet's name ("Báo cáo" without diacritics, as sheet names
/// travel badly).
pub const SHEET: &str = "BaoCao";
/// The hidden code-list sheet.
pub const CODE_SHEET: &str = "DanhMuc";
/// The column headers, in order.
pub const HEADERS: [&str; 6] = [
    "Mã cơ sở",
    "Mã sản phẩm",
    "Tên sản phẩm",
    "Đơn vị tính",
    "Số lượng kỳ này",
    "Số lượng tháng trước",
];
/// The label of the province cell (column A; the code is in column B).
pub const PROVINCE_LABEL: &str = "Mã tỉnh/thành phố";
/// The label of the period cell.
pub const PERIOD_LABEL: &str = "Kỳ báo cáo";
/// The 0-based row of the header.
pub const HEADER_ROW: u32 = 5;

/// What goes into a template.
#[derive(Clone, Debug)]
pub struct TemplateSpec<'a> {
    /// Province code.
    pub province: &'a str,
    /// Province name (Vietnamese).
    pub province_name: &'a str,
    /// The month to report, `YYYY-MM`.
    pub period: &'a str,
    /// The previous month, `YYYY-MM`.
    pub previous_period: &'a str,
    /// The products.
    pub basket: &'a [BasketItem],
    /// Last month's figures: (unit id, product code, quantity).
    pub previous: &'a [(String, String, f64)],
}

/// The template as .xlsx bytes.
pub fn write_template(spec: &TemplateSpec) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_text_wrap();
    let input = Format::new()
        .set_background_color("#FFF2CC")
        .set_num_format("#,##0.###");
    let number = Format::new().set_num_format("#,##0.###");
    let text = Format::new().set_num_format("@");

    let last_row = {
        let sheet = book.add_worksheet();
        sheet.set_name(SHEET)?;
        sheet.write_string_with_format(
            0,
            0,
            "Báo cáo sản xuất công nghiệp hằng tháng (sản phẩm công nghiệp chủ yếu)",
            &bold,
        )?;
        sheet.write_string(1, 0, PROVINCE_LABEL)?;
        sheet.write_string_with_format(1, 1, spec.province, &text)?;
        sheet.write_string(1, 2, spec.province_name)?;
        sheet.write_string(2, 0, PERIOD_LABEL)?;
        sheet.write_string_with_format(2, 1, spec.period, &text)?;
        sheet.write_string(
            3,
            0,
            "Điền số lượng vào cột E (số ≥ 0, ví dụ 1234,5 hoặc 1.234,5). Thêm dòng cho cơ sở mới. Dòng để trống cột E không được tính.",
        )?;
        for (c, h) in HEADERS.iter().enumerate() {
            sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
        }
        let mut row = HEADER_ROW + 1;
        let find = |code: &str| spec.basket.iter().find(|p| p.code == code);
        for (unit, product, q) in spec.previous {
            sheet.write_string_with_format(row, 0, unit, &text)?;
            sheet.write_string(row, 1, product)?;
            if let Some(p) = find(product) {
                sheet.write_string(row, 2, &p.name_vi)?;
                sheet.write_string(row, 3, &p.unit_vi)?;
            }
            sheet.write_blank(row, 4, &input)?;
            sheet.write_number_with_format(row, 5, *q, &number)?;
            row += 1;
        }
        for p in spec.basket {
            sheet.write_blank(row, 0, &text)?;
            sheet.write_string(row, 1, &p.code)?;
            sheet.write_string(row, 2, &p.name_vi)?;
            sheet.write_string(row, 3, &p.unit_vi)?;
            sheet.write_blank(row, 4, &input)?;
            row += 1;
        }
        // Room for lines added by hand.
        let last = row + 200;
        let quantity_rule = DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_title("Số lượng")?
            .set_input_message("Số thập phân không âm, theo đơn vị tính ở cột D.")?
            .set_error_title("Số lượng không hợp lệ")?
            .set_error_message("Nhập một số ≥ 0 (ví dụ 1234,5).")?;
        sheet.add_data_validation(HEADER_ROW + 1, 4, last, 4, &quantity_rule)?;
        let list = Formula::new(format!(
            "={CODE_SHEET}!$A$2:$A${}",
            spec.basket.len().max(1) + 1
        ));
        let product_rule = DataValidation::new()
            .allow_list_formula(list)
            .set_error_message("Mã sản phẩm phải có trong danh mục (sheet DanhMuc).")?;
        sheet.add_data_validation(HEADER_ROW + 1, 1, last, 1, &product_rule)?;
        sheet.set_column_width(0, 16)?;
        sheet.set_column_width(1, 16)?;
        sheet.set_column_width(2, 42)?;
        sheet.set_column_width(3, 14)?;
        sheet.set_column_width(4, 18)?;
        sheet.set_column_width(5, 20)?;
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        sheet.write_string(
            HEADER_ROW - 1,
            5,
            format!("(tháng trước: {})", spec.previous_period),
        )?;
        last
    };
    let _ = last_row;

    let codes = book.add_worksheet();
    codes.set_name(CODE_SHEET)?;
    codes.write_string_with_format(0, 0, "Mã sản phẩm", &bold)?;
    codes.write_string_with_format(0, 1, "Tên sản phẩm", &bold)?;
    codes.write_string_with_format(0, 2, "Đơn vị tính", &bold)?;
    for (i, p) in spec.basket.iter().enumerate() {
        let r = i as u32 + 1;
        codes.write_string(r, 0, &p.code)?;
        codes.write_string(r, 1, &p.name_vi)?;
        codes.write_string(r, 2, &p.unit_vi)?;
    }
    codes.set_hidden(true);
    book.save_to_buffer()
}
