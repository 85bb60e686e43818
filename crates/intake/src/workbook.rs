//! The one reader of Excel workbooks (.xlsx) that users upload: a
//! province's report, the brand register, the projects registers, a bill
//! of materials, and `congthuong import`. Every path reads here, within
//! [`LIMITS`], so a small hostile file can neither abort the process nor
//! take its memory.
//!
//! How: before calamine opens the container, the ZIP directory is checked
//! (number of parts, declared unpacked sizes) and the XML parts it parses
//! whole on opening (shared strings, styles, the workbook and its
//! relationships) are streamed once with a byte cap, counting what
//! calamine would allocate for (shared strings, styles, sheets). Sheets are
//! then read cell by cell with calamine's cell reader (never a `Range`,
//! which is allocated rows × columns), keeping only non-empty cells and
//! stopping at the first cell past a limit, which the error names
//! (file, sheet, row, column). Calamine runs under `catch_unwind`: a panic
//! in it is an error about the file, not a crash.
//!
//! May touch: the bytes given; nothing else (no files, no printing).

use std::io::{BufReader, Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

pub use calamine::Data;
use calamine::{Reader, Xlsx};

use crate::error::{InputError, InputErrors, Msg};

/// The bounds of one workbook read. One typed set, [`LIMITS`], is used
/// everywhere; the README's "Limits" table and `docs/UPLOADS.md` list it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkbookLimits {
    /// The most parts (files) in the ZIP container.
    pub max_parts: usize,
    /// The most one worksheet or the shared-string table may unpack to.
    pub max_part_bytes: u64,
    /// The most any other part may unpack to (workbook, styles,
    /// relationships, themes, drawings…).
    pub max_other_part_bytes: u64,
    /// The most all parts together may unpack to.
    pub max_unpacked_bytes: u64,
    /// The most sheets in the workbook.
    pub max_sheets: usize,
    /// The most entries in the shared-string table (declared or present).
    pub max_shared_strings: usize,
    /// The most entries of each kind in the styles (cell formats, fonts,
    /// fills, borders, number formats).
    pub max_styles: usize,
    /// The last row a filled cell may be in (1-based).
    pub max_rows: u32,
    /// The last column a filled cell may be in (1-based: 1024 is `AMJ`).
    pub max_columns: u32,
    /// The most filled cells read from one workbook.
    pub max_cells: usize,
    /// The most characters in one cell (Excel's own limit).
    pub max_cell_chars: usize,
    /// The most bytes of text read from one workbook's cells.
    pub max_text_bytes: usize,
}

/// The limits of every workbook upload. No real monthly report (a few
/// thousand rows of six columns) or register (hundreds of rows of forty
/// columns) comes near any of them.
pub const LIMITS: WorkbookLimits = WorkbookLimits {
    max_parts: 1_000,
    max_part_bytes: 128 << 20,
    max_other_part_bytes: 16 << 20,
    max_unpacked_bytes: 256 << 20,
    max_sheets: 100,
    max_shared_strings: 1_000_000,
    max_styles: 65_536,
    max_rows: 1_048_576,
    max_columns: 1_024,
    max_cells: 1_000_000,
    max_cell_chars: 32_767,
    max_text_bytes: 64 << 20,
};

/// True when the bytes are a ZIP container (an .xlsx workbook).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// One row of a sheet: its Excel number and its filled cells.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRow {
    /// The row number as Excel shows it (1-based).
    pub number: u32,
    /// The filled cells: (0-based column, value), by column.
    pub cells: Vec<(u32, Data)>,
}

impl SheetRow {
    /// The value in a 0-based column, if filled.
    pub fn get(&self, column: u32) -> Option<&Data> {
        self.cells
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    /// The value in a 0-based column, empty when not filled.
    pub fn value(&self, column: u32) -> &Data {
        const EMPTY: &Data = &Data::Empty;
        self.get(column).unwrap_or(EMPTY)
    }
}

/// A sheet's filled rows, in row order (rows without a filled cell are
/// left out: use [`SheetRow::number`], not the position).
#[derive(Clone, Debug, PartialEq)]
pub struct SheetCells {
    /// The sheet's name.
    pub name: String,
    /// The rows with at least one filled cell.
    pub rows: Vec<SheetRow>,
}

/// An opened workbook whose sheets are read on demand, sharing one budget
/// of cells and text.
pub struct Workbook<'a> {
    file: String,
    book: Xlsx<Cursor<&'a [u8]>>,
    names: Vec<String>,
    limits: WorkbookLimits,
    cells_left: usize,
    text_left: usize,
}

fn file_error(file: &str, msg: Msg) -> InputErrors {
    InputError::file(file, msg).into()
}

fn unreadable(file: &str, detail: &str) -> InputErrors {
    file_error(
        file,
        Msg::new(
            format!(
                "not a readable .xlsx workbook ({detail}); save it as Excel Workbook (.xlsx) or CSV UTF-8"
            ),
            format!(
                "không phải sổ tính .xlsx đọc được ({detail}); hãy lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8"
            ),
        ),
    )
}

fn damaged(file: &str) -> InputErrors {
    file_error(
        file,
        Msg::new(
            "the workbook could not be read (it is damaged or not an .xlsx file)",
            "không đọc được sổ tính (tệp hỏng hoặc không phải tệp .xlsx)",
        ),
    )
}

impl<'a> Workbook<'a> {
    /// Checks and opens a workbook (`file` names it in errors) within
    /// [`LIMITS`].
    pub fn open(bytes: &'a [u8], file: &str) -> Result<Self, InputErrors> {
        Self::open_with(bytes, file, LIMITS)
    }

    /// [`Workbook::open`] with other limits (tests).
    pub fn open_with(
        bytes: &'a [u8],
        file: &str,
        limits: WorkbookLimits,
    ) -> Result<Self, InputErrors> {
        if !is_xlsx(bytes) {
            return Err(unreadable(file, "no ZIP signature"));
        }
        inspect(bytes, file, &limits)?;
        let opened = catch_unwind(|| Xlsx::new(Cursor::new(bytes)));
        let book = match opened {
            Ok(Ok(book)) => book,
            Ok(Err(e)) => return Err(unreadable(file, &e.to_string())),
            Err(_) => return Err(damaged(file)),
        };
        let names = book.sheet_names();
        if names.is_empty() {
            return Err(file_error(
                file,
                Msg::new(
                    "the workbook has no sheet",
                    "sổ tính không có trang tính nào",
                ),
            ));
        }
        if names.len() > limits.max_sheets {
            return Err(too_many_sheets(file, &limits));
        }
        Ok(Self {
            file: file.to_owned(),
            book,
            names,
            limits,
            cells_left: limits.max_cells,
            text_left: limits.max_text_bytes,
        })
    }

    /// The file name used in errors.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The sheets' names, in the workbook's order.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// Reads a sheet's filled cells.
    pub fn read(&mut self, name: &str) -> Result<SheetCells, InputErrors> {
        let file = self.file.clone();
        let limits = self.limits;
        let (mut cells_left, mut text_left) = (self.cells_left, self.text_left);
        let book = &mut self.book;
        let read = catch_unwind(AssertUnwindSafe(|| {
            read_cells(book, &file, name, &limits, &mut cells_left, &mut text_left)
        }));
        self.cells_left = cells_left;
        self.text_left = text_left;
        match read {
            Ok(r) => r,
            Err(_) => Err(InputError::file(
                &file,
                Msg::new(
                    format!("sheet {name}: the sheet could not be read (the workbook is damaged)"),
                    format!("trang tính {name}: không đọc được (sổ tính bị hỏng)"),
                ),
            )
            .on_sheet(Some(name))
            .into()),
        }
    }

    /// Reads the sheet named `preferred` if there is one, else the first.
    pub fn read_preferred(&mut self, preferred: &str) -> Result<SheetCells, InputErrors> {
        let name = self
            .names
            .iter()
            .find(|n| n.as_str() == preferred)
            .unwrap_or(&self.names[0])
            .clone();
        self.read(&name)
    }
}

fn too_many_sheets(file: &str, limits: &WorkbookLimits) -> InputErrors {
    let max = limits.max_sheets;
    file_error(
        file,
        Msg::new(
            format!("the workbook has more than {max} sheets, the limit; nothing was read"),
            format!("sổ tính có hơn {max} trang tính, vượt giới hạn; không đọc gì"),
        ),
    )
}

/// The spreadsheet name of a 0-based column (A, B, …, Z, AA, …).
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

fn read_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    limits: &WorkbookLimits,
    cells_left: &mut usize,
    text_left: &mut usize,
) -> Result<SheetCells, InputErrors> {
    let sheet_error =
        |msg: Msg| -> InputErrors { InputError::file(file, msg).on_sheet(Some(name)).into() };
    let cell_error = |row: u32, col: u32, msg: Msg| -> InputErrors {
        InputError::at(file, u64::from(row) + 1, Some(&column_letter(col)), msg)
            .on_sheet(Some(name))
            .into()
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(|e| {
        sheet_error(Msg::new(
            format!("sheet {name}: unreadable ({e})"),
            format!("trang tính {name}: không đọc được ({e})"),
        ))
    })?;
    let mut cells: Vec<(u32, u32, Data)> = Vec::new();
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                return Err(sheet_error(Msg::new(
                    format!("sheet {name}: unreadable ({e})"),
                    format!("trang tính {name}: không đọc được ({e})"),
                )));
            }
        };
        let (row, col) = cell.get_position();
        let value = cell.get_value();
        let text_len = match value {
            calamine::DataRef::Empty => continue,
            calamine::DataRef::String(s)
            | calamine::DataRef::DateTimeIso(s)
            | calamine::DataRef::DurationIso(s) => s.len(),
            calamine::DataRef::SharedString(s) => s.len(),
            _ => 0,
        };
        if matches!(value, calamine::DataRef::String(s) if s.is_empty())
            || matches!(value, calamine::DataRef::SharedString(s) if s.is_empty())
        {
            continue;
        }
        let cell_ref = format!("{}{}", column_letter(col), u64::from(row) + 1);
        if row >= limits.max_rows || col >= limits.max_columns {
            return Err(cell_error(
                row.min(limits.max_rows),
                col,
                Msg::new(
                    format!(
                        "cell {cell_ref} is outside the area a workbook may use ({} rows, columns A to {}); nothing was read",
                        limits.max_rows,
                        column_letter(limits.max_columns - 1)
                    ),
                    format!(
                        "ô {cell_ref} nằm ngoài vùng sổ tính được dùng ({} dòng, cột A đến {}); không đọc gì",
                        limits.max_rows,
                        column_letter(limits.max_columns - 1)
                    ),
                ),
            ));
        }
        if *cells_left == 0 {
            return Err(cell_error(
                row,
                col,
                Msg::new(
                    format!(
                        "cell {cell_ref}: the workbook has more than {} filled cells, the limit; nothing was read",
                        limits.max_cells
                    ),
                    format!(
                        "ô {cell_ref}: sổ tính có hơn {} ô có dữ liệu, vượt giới hạn; không đọc gì",
                        limits.max_cells
                    ),
                ),
            ));
        }
        if text_len > limits.max_cell_chars * 4
            || (text_len > limits.max_cell_chars && cell_chars(value) > limits.max_cell_chars)
        {
            return Err(cell_error(
                row,
                col,
                Msg::new(
                    format!(
                        "cell {cell_ref} holds more than {} characters (Excel's own limit); nothing was read",
                        limits.max_cell_chars
                    ),
                    format!(
                        "ô {cell_ref} có hơn {} ký tự (giới hạn của Excel); không đọc gì",
                        limits.max_cell_chars
                    ),
                ),
            ));
        }
        if text_len > *text_left {
            return Err(cell_error(
                row,
                col,
                Msg::new(
                    format!(
                        "cell {cell_ref}: the workbook's cells hold more than {} bytes of text, the limit; nothing was read",
                        limits.max_text_bytes
                    ),
                    format!(
                        "ô {cell_ref}: văn bản trong các ô của sổ tính vượt {} byte, giới hạn cho phép; không đọc gì",
                        limits.max_text_bytes
                    ),
                ),
            ));
        }
        *cells_left -= 1;
        *text_left -= text_len;
        cells.push((row, col, Data::from(value.clone())));
    }
    // Rows in order, cells by column; a position given twice keeps the last.
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let mut rows: Vec<SheetRow> = Vec::new();
    for (r, c, v) in cells {
        let number = r + 1;
        match rows.last_mut() {
            Some(last) if last.number == number => {
                if last.cells.last().is_some_and(|(lc, _)| *lc == c) {
                    last.cells.pop();
                }
                last.cells.push((c, v));
            }
            _ => rows.push(SheetRow {
                number,
                cells: vec![(c, v)],
            }),
        }
    }
    Ok(SheetCells {
        name: name.to_owned(),
        rows,
    })
}

fn cell_chars(value: &calamine::DataRef) -> usize {
    match value {
        calamine::DataRef::String(s)
        | calamine::DataRef::DateTimeIso(s)
        | calamine::DataRef::DurationIso(s) => s.chars().count(),
        calamine::DataRef::SharedString(s) => s.chars().count(),
        _ => 0,
    }
}

/// What the opening parse would allocate for, counted while streaming a
/// part.
#[derive(Default)]
struct Counts {
    shared_strings: usize,
    declared_strings: usize,
    styles: [usize; 6],
    sheets: usize,
}

const STYLE_ELEMENTS: [&str; 6] = ["xf", "font", "fill", "border", "numFmt", "dxf"];

/// Checks the ZIP directory and streams the parts parsed whole on opening.
fn inspect(bytes: &[u8], file: &str, limits: &WorkbookLimits) -> Result<(), InputErrors> {
    let result = catch_unwind(|| inspect_inner(bytes, file, limits));
    match result {
        Ok(r) => r,
        Err(_) => Err(damaged(file)),
    }
}

fn over(file: &str, what_en: String, what_vi: String) -> InputErrors {
    file_error(
        file,
        Msg::new(
            format!("{what_en}; nothing was read"),
            format!("{what_vi}; không đọc gì"),
        ),
    )
}

fn inspect_inner(bytes: &[u8], file: &str, limits: &WorkbookLimits) -> Result<(), InputErrors> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(file, &e.to_string()))?;
    if zip.len() > limits.max_parts {
        return Err(over(
            file,
            format!(
                "the workbook has {} parts, more than the limit of {}",
                zip.len(),
                limits.max_parts
            ),
            format!(
                "sổ tính có {} phần, vượt giới hạn {}",
                zip.len(),
                limits.max_parts
            ),
        ));
    }
    let mut total = 0u64;
    let mut scan: Vec<(usize, String, u64)> = Vec::new();
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| unreadable(file, &e.to_string()))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let size = part.size();
        let lower = name.to_ascii_lowercase();
        let big = lower.contains("worksheets/") || lower.ends_with("sharedstrings.xml");
        let cap = if big {
            limits.max_part_bytes
        } else {
            limits.max_other_part_bytes
        };
        if size > cap {
            return Err(over(
                file,
                format!("the part {name} unpacks to {size} bytes, more than the limit of {cap}"),
                format!("phần {name} giải nén ra {size} byte, vượt giới hạn {cap}"),
            ));
        }
        total = total.saturating_add(size);
        if total > limits.max_unpacked_bytes {
            return Err(over(
                file,
                format!(
                    "the workbook unpacks to more than {} bytes, the limit",
                    limits.max_unpacked_bytes
                ),
                format!(
                    "sổ tính giải nén ra hơn {} byte, vượt giới hạn",
                    limits.max_unpacked_bytes
                ),
            ));
        }
        let parsed_on_open =
            !lower.contains("worksheets/") && (lower.ends_with(".xml") || lower.ends_with(".rels"));
        if parsed_on_open {
            scan.push((i, name, cap));
        }
    }
    for (i, name, cap) in scan {
        let part = zip
            .by_index(i)
            .map_err(|e| unreadable(file, &e.to_string()))?;
        let counts = count_elements(part.take(cap + 1), cap, file, &name, limits)?;
        let max = limits.max_shared_strings;
        if counts.declared_strings > max {
            let n = counts.declared_strings;
            return Err(over(
                file,
                format!(
                    "the shared-string table declares {n} entries, more than the limit of {max}"
                ),
                format!("bảng chuỗi dùng chung khai báo {n} mục, vượt giới hạn {max}"),
            ));
        }
        if counts.shared_strings > max {
            return Err(over(
                file,
                format!("the shared-string table holds more than {max} entries, the limit"),
                format!("bảng chuỗi dùng chung có hơn {max} mục, vượt giới hạn"),
            ));
        }
        if counts.styles.iter().any(|n| *n > limits.max_styles) {
            let max = limits.max_styles;
            return Err(over(
                file,
                format!("the styles hold more than {max} entries of one kind, the limit"),
                format!("phần định dạng có hơn {max} mục cùng loại, vượt giới hạn"),
            ));
        }
        if counts.sheets > limits.max_sheets {
            return Err(too_many_sheets(file, limits));
        }
    }
    Ok(())
}

/// Streams one XML part, at most `cap` bytes, counting the elements the
/// opening parse allocates for. Stops as soon as a count passes its limit.
fn count_elements(
    part: impl Read,
    cap: u64,
    file: &str,
    name: &str,
    limits: &WorkbookLimits,
) -> Result<Counts, InputErrors> {
    use quick_xml::events::Event;
    let mut counting = CountingReader {
        inner: part,
        read: 0,
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(&mut counting));
    xml.config_mut().check_end_names = false;
    let mut counts = Counts::default();
    let mut buf = Vec::new();
    let bad_xml = |e: &dyn std::fmt::Display| {
        unreadable(
            file,
            &format!("the part {name} is not well-formed XML: {e}"),
        )
    };
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|e| bad_xml(&e))?;
        let start = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => break,
            _ => continue,
        };
        let local = start.local_name();
        let local = local.as_ref();
        match local {
            "si" => counts.shared_strings += 1,
            "sheet" => counts.sheets += 1,
            "sst" => {
                for attr in start.attributes().flatten() {
                    if attr.key.local_name().as_ref() == "uniqueCount" {
                        let n = attr.value.trim().parse::<u64>().unwrap_or(u64::MAX);
                        counts.declared_strings = usize::try_from(n).unwrap_or(usize::MAX);
                    }
                }
            }
            _ => {
                if let Some(i) = STYLE_ELEMENTS.iter().position(|s| *s == local) {
                    counts.styles[i] += 1;
                }
            }
        }
        if counts.shared_strings > limits.max_shared_strings
            || counts.declared_strings > limits.max_shared_strings
            || counts.sheets > limits.max_sheets
            || counts.styles.iter().any(|n| *n > limits.max_styles)
        {
            return Ok(counts);
        }
    }
    drop(xml);
    if counting.read > cap {
        return Err(over(
            file,
            format!("the part {name} unpacks to more than {cap} bytes, the limit"),
            format!("phần {name} giải nén ra hơn {cap} byte, vượt giới hạn"),
        ));
    }
    Ok(counts)
}

/// Counts the bytes read through it.
struct CountingReader<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hostile;
    use congthuong_core::Lang;

    fn small(limits: impl FnOnce(&mut WorkbookLimits)) -> WorkbookLimits {
        let mut l = LIMITS;
        limits(&mut l);
        l
    }

    fn book_of(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet().set_name("Dữ liệu").unwrap();
        for (r, c, v) in cells {
            match v.parse::<f64>() {
                Ok(n) => ws.write(*r, *c, n).unwrap(),
                Err(_) => ws.write(*r, *c, *v).unwrap(),
            };
        }
        book.save_to_buffer().unwrap()
    }

    fn first_error(r: Result<SheetCells, InputErrors>) -> InputError {
        r.unwrap_err().errors.remove(0)
    }

    #[test]
    fn filled_cells_come_back_sparse_by_row_number() {
        let bytes = book_of(&[(0, 0, "a"), (4, 2, "7"), (4, 0, "b")]);
        let mut wb = Workbook::open(&bytes, "x.xlsx").unwrap();
        assert_eq!(wb.sheet_names(), ["Dữ liệu"]);
        let s = wb.read_preferred("BaoCao").unwrap();
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[1].number, 5);
        assert_eq!(s.rows[1].get(0), Some(&Data::String("b".into())));
        assert_eq!(s.rows[1].get(2), Some(&Data::Float(7.0)));
        assert_eq!(s.rows[1].get(1), None);
        assert_eq!(s.rows[1].value(9), &Data::Empty);
    }

    #[test]
    fn the_last_cell_of_excel_is_refused_not_allocated() {
        let bytes = hostile::far_cell("BaoCao");
        let mut wb = Workbook::open(&bytes, "far.xlsx").unwrap();
        let e = first_error(wb.read("BaoCao"));
        assert_eq!(e.file, "far.xlsx");
        assert_eq!(e.sheet.as_deref(), Some("BaoCao"));
        assert_eq!(e.line, Some(1_048_576));
        assert_eq!(e.column.as_deref(), Some("XFD"));
        assert!(e.reason.contains("cell XFD1048576 is outside"), "{e}");
        assert!(e.reason_in(Lang::Vi).contains("ô XFD1048576"), "{e:?}");
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        let bytes = hostile::sheet_bomb("BaoCao", 200);
        assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
        let Err(err) = Workbook::open(&bytes, "bomb.xlsx") else {
            panic!("a 200 MiB sheet was opened");
        };
        assert!(
            err.errors[0]
                .reason
                .contains("the part xl/worksheets/sheet1.xml unpacks to 209715"),
            "{err}"
        );
        // Below the limits it is read (and holds no cell).
        let small_bomb = hostile::sheet_bomb("BaoCao", 2);
        let mut wb = Workbook::open(&small_bomb, "b.xlsx").unwrap();
        assert!(wb.read("BaoCao").unwrap().rows.is_empty());
        // A part that unpacks past the sum of all parts' limit.
        let l = small(|l| l.max_unpacked_bytes = 1 << 20);
        let Err(err) = Workbook::open_with(&small_bomb, "b.xlsx", l) else {
            panic!("opened");
        };
        assert!(
            err.errors[0]
                .reason
                .contains("unpacks to more than 1048576"),
            "{err}"
        );
    }

    #[test]
    fn a_declared_trillion_shared_strings_is_refused() {
        let bytes = hostile::shared_strings_bomb("S");
        let Err(err) = Workbook::open(&bytes, "sst.xlsx") else {
            panic!("opened");
        };
        assert!(
            err.errors[0]
                .reason
                .contains("shared-string table declares 1000000000000 entries"),
            "{err}"
        );
    }

    #[test]
    fn too_many_sheets_are_refused() {
        let bytes = hostile::many_sheets("S", 2_000);
        let Err(err) = Workbook::open(&bytes, "many.xlsx") else {
            panic!("opened");
        };
        assert!(
            err.errors[0].reason.contains("more than 100 sheets"),
            "{err}"
        );
        let fine = hostile::many_sheets("S", 3);
        let mut wb = Workbook::open(&fine, "three.xlsx").unwrap();
        assert_eq!(wb.sheet_names().len(), 3);
        assert_eq!(wb.read("S3").unwrap().rows.len(), 1);
    }

    #[test]
    fn cell_and_text_budgets_name_the_cell_where_they_ran_out() {
        let bytes = book_of(&[(0, 0, "a"), (1, 0, "b"), (2, 0, "c"), (2, 1, "dddd")]);
        let l = small(|l| l.max_cells = 2);
        let mut wb = Workbook::open_with(&bytes, "x.xlsx", l).unwrap();
        let e = first_error(wb.read("Dữ liệu"));
        assert_eq!((e.line, e.column.as_deref()), (Some(3), Some("A")));
        assert!(e.reason.contains("more than 2 filled cells"), "{e}");
        let l = small(|l| l.max_cell_chars = 3);
        let mut wb = Workbook::open_with(&bytes, "x.xlsx", l).unwrap();
        let e = first_error(wb.read("Dữ liệu"));
        assert_eq!((e.line, e.column.as_deref()), (Some(3), Some("B")));
        let l = small(|l| l.max_text_bytes = 4);
        let mut wb = Workbook::open_with(&bytes, "x.xlsx", l).unwrap();
        let e = first_error(wb.read("Dữ liệu"));
        assert!(e.reason.contains("more than 4 bytes of text"), "{e}");
        let l = small(|l| l.max_columns = 1);
        let mut wb = Workbook::open_with(&bytes, "x.xlsx", l).unwrap();
        let e = first_error(wb.read("Dữ liệu"));
        assert_eq!(e.column.as_deref(), Some("B"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [&b"PK\x03\x04garbage"[..], b"", b"a,b\n"] {
            assert!(Workbook::open(bytes, "g.xlsx").is_err());
        }
        // A valid container with a broken sheet.
        let mut bytes = hostile::far_cell("S");
        let n = bytes.len();
        bytes.truncate(n - 30);
        assert!(Workbook::open(&bytes, "cut.xlsx").is_err());
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
    }
}
