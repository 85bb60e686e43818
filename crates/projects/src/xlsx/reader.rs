//! Reading a workbook in the layout of [`super::spec`]: find each sheet,
//! map its headers to columns, and read cells as typed values, collecting
//! every problem (sheet, row, column, reason) instead of stopping at the
//! first. The workbook is read by the one capped reader of uploads,
//! `congthuong_intake::workbook` (its limits, its errors); only .xlsx.

use std::collections::BTreeMap;
use std::path::Path;

use congthuong_core::Lang;
use congthuong_core::text::fold;
use congthuong_intake::workbook::{Data, LIMITS, SheetCells, SheetRow, Workbook};
use congthuong_intake::{InputError, InputErrors, Msg};

use crate::date::Date;
use crate::model::common::{Amount, Code, Label, Vocabulary, parse_bool};
use crate::xlsx::spec::{Col, Kind, Sheet};

/// The most problems reported for one file.
pub const ERROR_CAP: usize = 200;

/// A workbook's sheets, read into memory.
pub struct Book {
    /// The file name shown in errors.
    pub file: String,
    sheets: BTreeMap<String, SheetCells>,
}

/// Collects the problems of one read, in the reader's language.
pub struct Problems {
    file: String,
    errors: InputErrors,
    lang: Lang,
}

impl Problems {
    /// No problem yet (problems in English).
    pub fn new(file: &str) -> Self {
        Self::new_in(file, Lang::En)
    }

    /// No problem yet; problems will be in `lang`.
    pub fn new_in(file: &str, lang: Lang) -> Self {
        Self {
            file: file.to_owned(),
            errors: InputErrors::default(),
            lang,
        }
    }

    /// The language of the problems.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of a problem in the problems' language.
    pub fn say(&self, en: impl Into<String>, vi: impl Into<String>) -> String {
        match self.lang {
            Lang::En => en.into(),
            Lang::Vi => vi.into(),
        }
    }

    /// Records a problem at a sheet, row (1-based, as Excel numbers it)
    /// and column header.
    pub fn at(&mut self, sheet: &str, row: Option<u32>, column: Option<&str>, reason: String) {
        self.errors.push(
            InputError {
                file: self.file.clone(),
                sheet: Some(sheet.to_owned()),
                line: row.map(u64::from),
                column: column.map(str::to_owned),
                reason,
                reason_vi: None,
            },
            ERROR_CAP,
        );
    }

    /// Records a problem with the whole file.
    pub fn file(&mut self, reason: String) {
        self.errors
            .push(InputError::file(self.file.clone(), reason), ERROR_CAP);
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The problems in sheet, row, column order.
    pub fn into_errors(self) -> InputErrors {
        self.errors.sorted()
    }
}

impl Book {
    /// Opens an `.xlsx` file (larger than the workbook limits allow, it
    /// is refused before it is read).
    pub fn open(path: &Path) -> Result<Self, InputErrors> {
        Self::open_in(path, Lang::En)
    }

    /// [`Book::open`] for a reader of `lang`. The workbook's own problems
    /// (limits, not a workbook) carry both languages already, so `lang`
    /// only names the caller's choice; the rows' problems follow
    /// [`Problems::new_in`].
    pub fn open_in(path: &Path, _lang: Lang) -> Result<Self, InputErrors> {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let bytes =
            congthuong_intake::report::read_limited(path, &file, LIMITS.max_unpacked_bytes)?;
        Self::from_bytes(&bytes, &file)
    }

    /// Reads a workbook given as bytes (`file` names it in errors).
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Self, InputErrors> {
        if !congthuong_intake::workbook::is_xlsx(bytes) {
            return Err(InputError::file(
                file,
                Msg::new(
                    "not an Excel workbook (.xlsx): save the file as Excel Workbook (.xlsx) from the register's template",
                    "không phải sổ tính Excel (.xlsx): hãy lưu tệp dưới dạng Excel Workbook (.xlsx) theo mẫu của sổ đăng ký",
                ),
            )
            .into());
        }
        let mut wb = Workbook::open(bytes, file)?;
        let mut sheets = BTreeMap::new();
        for name in wb.sheet_names().to_vec() {
            let cells = wb.read(&name)?;
            sheets.insert(name, cells);
        }
        Ok(Self {
            file: file.to_owned(),
            sheets,
        })
    }

    /// Finds a sheet by its Vietnamese name, English name or code (ignoring
    /// case and diacritics).
    pub fn sheet(&self, spec: &Sheet) -> Option<(&str, &SheetCells)> {
        let want = [fold(spec.vi), fold(spec.en), fold(spec.code)];
        self.sheets
            .iter()
            .find(|(name, _)| want.contains(&fold(name)))
            .map(|(n, r)| (n.as_str(), r))
    }
}

/// Text of a cell as the user sees it (numbers without a trailing `.0`).
fn cell_text(d: &Data) -> Option<String> {
    let s = match d {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    };
    (!s.is_empty()).then_some(s)
}

fn header_key(s: &str) -> String {
    fold(s.trim().trim_end_matches('*'))
}

/// A sheet whose headers have been matched to the spec.
pub struct Table<'a> {
    /// The sheet's name in the file.
    pub name: String,
    spec: &'a Sheet,
    cells: &'a SheetCells,
    cols: BTreeMap<&'static str, u32>,
    first_data: usize,
}

impl<'a> Table<'a> {
    /// Matches the header row (the first filled row); missing required
    /// columns are problems.
    pub fn new(
        name: &str,
        spec: &'a Sheet,
        cells: &'a SheetCells,
        problems: &mut Problems,
    ) -> Option<Self> {
        let Some(header) = cells.rows.first() else {
            let why = problems.say(
                "the sheet is empty: no header row",
                "trang tính trống: không có dòng tiêu đề",
            );
            problems.at(name, None, None, why);
            return None;
        };
        let mut cols = BTreeMap::new();
        for (i, cell) in &header.cells {
            let Some(text) = cell_text(cell) else {
                continue;
            };
            let key = header_key(&text);
            if let Some(c) = spec.cols.iter().find(|c| {
                header_key(c.vi) == key || header_key(c.en) == key || header_key(c.code) == key
            }) {
                cols.entry(c.code).or_insert(*i);
            }
        }
        let mut ok = true;
        for c in spec.cols.iter().filter(|c| c.required) {
            if !cols.contains_key(c.code) {
                let why = problems.say(
                    format!("required column missing ({} [{}])", c.en, c.code),
                    format!("thiếu cột bắt buộc ({} [{}])", c.vi, c.code),
                );
                problems.at(name, Some(header.number), Some(c.vi), why);
                ok = false;
            }
        }
        // The row under the header is the English header row when its
        // cells name columns.
        let english = cells
            .rows
            .get(1)
            .filter(|r| r.number == header.number + 1)
            .is_some_and(|r| {
                r.cells.iter().filter_map(|(_, d)| cell_text(d)).any(|t| {
                    let t = fold(&t);
                    spec.cols
                        .iter()
                        .any(|c| t == fold(&format!("{} [{}]", c.en, c.code)) || t == fold(c.en))
                })
            });
        ok.then(|| Table {
            name: name.to_owned(),
            spec,
            cells,
            cols,
            first_data: if english { 2 } else { 1 },
        })
    }

    /// The data rows: (Excel row number, cells), blank rows skipped.
    pub fn rows(&self) -> Vec<(u32, &'a SheetRow)> {
        self.cells
            .rows
            .iter()
            .skip(self.first_data)
            .filter(|row| row.cells.iter().any(|(_, c)| cell_text(c).is_some()))
            .map(|row| (row.number, row))
            .collect()
    }

    /// A reader for one row.
    pub fn row<'p>(
        &'p self,
        number: u32,
        cells: &'a SheetRow,
        problems: &'p mut Problems,
    ) -> Row<'p, 'a> {
        Row {
            table: self,
            number,
            cells,
            problems,
        }
    }
}

/// Reads the cells of one row; each getter records its own problem and
/// returns `None`, so one pass finds every problem of the row.
pub struct Row<'p, 'a> {
    table: &'p Table<'a>,
    /// The Excel row number.
    pub number: u32,
    cells: &'a SheetRow,
    problems: &'p mut Problems,
}

impl Row<'_, '_> {
    fn spec(&self, code: &str) -> &'static Col {
        self.table
            .spec
            .cols
            .iter()
            .find(|c| c.code == code)
            .unwrap_or_else(|| panic!("column {code} is not in sheet {}", self.table.spec.code))
    }

    fn cell(&self, code: &str) -> Option<&Data> {
        self.table
            .cols
            .get(code)
            .and_then(|i| self.cells.get(*i))
            .filter(|d| !matches!(d, Data::Empty))
    }

    /// Records a problem at this row and the column `code`.
    pub fn problem(&mut self, code: &str, reason: impl Into<String>) {
        let col = self.spec(code).vi;
        self.problems.at(
            &self.table.name,
            Some(self.number),
            Some(col),
            reason.into(),
        );
    }

    /// Records a problem with the row as a whole.
    pub fn row_problem(&mut self, reason: impl Into<String>) {
        self.problems
            .at(&self.table.name, Some(self.number), None, reason.into());
    }

    /// The language of the problems.
    pub fn lang(&self) -> Lang {
        self.problems.lang
    }

    /// The text of a problem in the problems' language.
    pub fn say(&self, en: impl Into<String>, vi: impl Into<String>) -> String {
        self.problems.say(en, vi)
    }

    /// The raw text, `None` when empty; a required empty cell is a problem.
    pub fn text(&mut self, code: &str) -> Option<String> {
        let t = self.cell(code).and_then(cell_text);
        if t.is_none() && self.spec(code).required {
            let why = self.say("required: the cell is empty", "bắt buộc: ô đang trống");
            self.problem(code, why);
        }
        t
    }

    fn parsed<T>(&mut self, code: &str, f: impl FnOnce(&str) -> crate::Result<T>) -> Option<T> {
        let t = self.text(code)?;
        match f(&t) {
            Ok(v) => Some(v),
            Err(e) => {
                let why = e.reason_in(self.lang());
                self.problem(code, why);
                None
            }
        }
    }

    /// A [`Label`].
    pub fn label(&mut self, code: &str) -> Option<Label> {
        self.parsed(code, Label::parse)
    }

    /// A [`Code`].
    pub fn code(&mut self, code: &str) -> Option<Code> {
        self.parsed(code, Code::parse)
    }

    /// A vocabulary value.
    pub fn vocab<V: Vocabulary>(&mut self, code: &str) -> Option<V> {
        self.parsed(code, V::parse)
    }

    /// Yes or no.
    pub fn bool(&mut self, code: &str) -> Option<bool> {
        if let Some(Data::Bool(b)) = self.cell(code) {
            return Some(*b);
        }
        self.parsed(code, parse_bool)
    }

    /// A date: an Excel date or number (serial), or text.
    pub fn date(&mut self, code: &str) -> Option<Date> {
        debug_assert_eq!(self.spec(code).kind, Kind::Date);
        let serial = match self.cell(code) {
            Some(Data::DateTime(dt)) => Some(dt.as_f64()),
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        };
        if let Some(s) = serial {
            let d = Date::from_excel_serial(s);
            if d.is_none() {
                let why = self.say(
                    format!("{s} is not a date Excel can show"),
                    format!("{s} không phải ngày mà Excel hiển thị được"),
                );
                self.problem(code, why);
            }
            return d;
        }
        self.parsed(code, Date::parse)
    }

    /// A non-negative number.
    pub fn number(&mut self, code: &str) -> Option<f64> {
        let v = match self.cell(code) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        };
        let v = match v {
            Some(v) => v,
            None => {
                // Text typed into a cell: the Vietnamese convention
                // (`1.000,5`; `1.000` is one thousand), as documented in
                // docs/UPLOADS.md; the problem in the reader's language.
                let t = self.text(code)?;
                match congthuong_core::number::parse_decimal(&t, Lang::Vi) {
                    Ok(d) if d.to_f64().is_finite() => d.to_f64(),
                    Ok(_) => {
                        let why = self.say(format!("{t:?} is too large"), format!("{t:?} quá lớn"));
                        self.problem(code, why);
                        return None;
                    }
                    Err(e) => {
                        let why = e.message(self.lang());
                        self.problem(code, why);
                        return None;
                    }
                }
            }
        };
        match Amount::new(v) {
            Ok(a) => Some(a.get()),
            Err(e) => {
                let why = e.reason_in(self.lang());
                self.problem(code, why);
                None
            }
        }
    }

    /// An amount.
    pub fn amount(&mut self, code: &str) -> Option<Amount> {
        self.number(code).and_then(|v| Amount::new(v).ok())
    }

    /// A non-negative whole number that fits `u32`.
    pub fn int(&mut self, code: &str) -> Option<u32> {
        let v = self.number(code)?;
        if v.fract() != 0.0 || v > f64::from(u32::MAX) {
            let why = self.say(
                format!("{v} is not a whole number"),
                format!("{v} không phải số nguyên"),
            );
            self.problem(code, why);
            return None;
        }
        Some(v as u32)
    }

    /// True when the column exists in the file and the cell is filled.
    pub fn has(&self, code: &str) -> bool {
        self.cell(code).and_then(cell_text).is_some()
    }
}
