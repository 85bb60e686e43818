//! The one error type of the intake crate.
//!
//! Rule: everything wrong with a file the user gave is an [`InputError`]
//! that names the file, the line (the header is line 1), the column and
//! the reason; a read collects them all (up to a cap) into
//! [`InputErrors`], so the user fixes a file in one go. I/O failures on
//! the user's paths are input errors too (a missing file is the user's to
//! fix). Nothing is stored or written when any error is returned.

use std::fmt;
use std::path::Path;

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
    /// What is wrong.
    pub reason: String,
}

impl InputError {
    /// A problem with a whole file.
    pub fn file(file: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            sheet: None,
            line: None,
            column: None,
            reason: reason.into(),
        }
    }

    /// A problem at a line and column.
    pub fn at(
        file: impl Into<String>,
        line: u64,
        column: Option<&str>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            sheet: None,
            line: Some(line),
            column: column.map(str::to_owned),
            reason: reason.into(),
        }
    }

    /// An I/O failure on a path.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::file(path.display().to_string(), format!("cannot read: {err}"))
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
