//! The one error type of the intake crate.
//!
//! Rule: everything wrong with a file the user gave is an [`InputError`]
//! that names the file, the line (the header is line 1), the column and
//! the reason; a read collects them all (up to a cap) into
//! [`InputErrors`], so the user fixes a file in one go. I/O failures on
//! the user's paths are input errors too (a missing file is the user's to
//! fix). Nothing is stored or written when any error is returned.
//!
//! A reason is written in English (`reason`: the CLI, the API's `detail`)
//! and, where the reader of an upload may be a Vietnamese officer, in
//! Vietnamese too (`reason_vi`): pages and API answers pick the reader's
//! language with [`InputError::reason_in`], falling back to English.

use std::fmt;
use std::path::Path;

use congthuong_core::Lang;

/// The most errors one read reports.
pub const DEFAULT_ERROR_CAP: usize = 100;

/// One problem in one place of one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    /// The file (as given, or its name inside the input folder).
    pub file: String,
    /// The sheet, for spreadsheets.
    pub sheet: Option<String>,
    /// 1-based line (the header is line 1); `None` for the whole file.
    pub line: Option<u64>,
    /// The column name, when one column is at fault.
    pub column: Option<String>,
    /// What is wrong, in English.
    pub reason: String,
    /// What is wrong, in Vietnamese, when it has been written.
    pub reason_vi: Option<String>,
}

/// A reason in English and, when written, in Vietnamese. Plain strings
/// convert to an English-only reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    /// English.
    pub en: String,
    /// Vietnamese.
    pub vi: Option<String>,
}

impl Msg {
    /// A reason in both languages.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            vi: Some(vi.into()),
        }
    }

    /// The reason in `lang` (English when there is no Vietnamese).
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.vi) {
            (Lang::Vi, Some(vi)) => vi,
            _ => &self.en,
        }
    }
}

impl From<String> for Msg {
    fn from(en: String) -> Self {
        Self { en, vi: None }
    }
}

impl From<&str> for Msg {
    fn from(en: &str) -> Self {
        Self::from(en.to_owned())
    }
}

impl From<&String> for Msg {
    fn from(en: &String) -> Self {
        Self::from(en.clone())
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl InputError {
    /// A problem with a whole file.
    pub fn file(file: impl Into<String>, reason: impl Into<Msg>) -> Self {
        let reason = reason.into();
        Self {
            file: file.into(),
            sheet: None,
            line: None,
            column: None,
            reason: reason.en,
            reason_vi: reason.vi,
        }
    }

    /// A problem at a line and column.
    pub fn at(
        file: impl Into<String>,
        line: u64,
        column: Option<&str>,
        reason: impl Into<Msg>,
    ) -> Self {
        Self {
            line: Some(line),
            column: column.map(str::to_owned),
            ..Self::file(file, reason)
        }
    }

    /// The same problem, placed on a sheet.
    pub fn on_sheet(mut self, sheet: Option<&str>) -> Self {
        self.sheet = sheet.map(str::to_owned);
        self
    }

    /// An I/O failure on a path.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::file(
            path.display().to_string(),
            Msg::new(
                format!("cannot read: {err}"),
                format!("không đọc được tệp: {err}"),
            ),
        )
    }

    /// The reason in `lang` (English when no Vietnamese was written).
    pub fn reason_in(&self, lang: Lang) -> &str {
        match (lang, &self.reason_vi) {
            (Lang::Vi, Some(vi)) => vi,
            _ => &self.reason,
        }
    }

    /// The whole error in `lang`: file, sheet, line, column and reason.
    pub fn describe(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let mut s = self.file.clone();
        if let Some(sheet) = &self.sheet {
            s.push_str(&format!(" [trang tính {sheet}]"));
        }
        if let Some(line) = self.line {
            s.push_str(&format!(", dòng {line}"));
        }
        if let Some(column) = &self.column {
            s.push_str(&format!(", cột {column}"));
        }
        format!("{s}: {}", self.reason_in(lang))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " [sheet {sheet}]")?;
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Every problem found in one read, in file and line order.
#[derive(Clone, Debug, Default, PartialEq, Eq, thiserror::Error)]
pub struct InputErrors {
    /// The problems (at most the cap).
    pub errors: Vec<InputError>,
    /// True when more problems were found than reported.
    pub truncated: bool,
}

impl InputErrors {
    /// One error.
    pub fn one(e: InputError) -> Self {
        Self {
            errors: vec![e],
            truncated: false,
        }
    }

    /// True when there is no error.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Adds an error unless the cap is reached.
    pub fn push(&mut self, e: InputError, cap: usize) {
        if self.errors.len() < cap {
            self.errors.push(e);
        } else {
            self.truncated = true;
        }
    }

    /// The errors in file, line and column order.
    pub fn sorted(mut self) -> Self {
        self.errors.sort();
        self
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        if n == 1 {
            write!(f, "{}", self.errors[0])?;
        } else {
            write!(f, "{n} problems in the input:")?;
            for e in &self.errors {
                write!(f, "\n  {e}")?;
            }
        }
        if self.truncated {
            write!(f, "\n  … and more (only the first {n} are shown)")?;
        }
        Ok(())
    }
}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        Self::one(e)
    }
}
