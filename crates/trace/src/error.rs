//! The one error type of the trace crate.
//!
//! Rule: every fallible function of `congthuong-trace` returns [`Error`].
//! [`Error::is_user_error`] tells the two kinds apart: a document, query
//! or identifier the user gave that we refuse (the message says where and
//! why; nothing was stored), or a failure of the store itself (SQLite, the
//! file system), which is ours to fix. A rejected capture always leaves
//! the store as it was.

use std::fmt;

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// One problem found in a document, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// JSON path of the offending value, e.g. `epcisBody.eventList[0].action`.
    pub path: String,
    /// 1-based line of the value in the document, when it could be found.
    pub line: Option<usize>,
    /// 1-based column of the value, when it could be found.
    pub column: Option<usize>,
    /// What is wrong, in words a user can act on.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}, ")?;
        }
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Why a trace operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document is not JSON.
    #[error("{source_name}: not valid JSON: line {line}, column {column}: {message}")]
    Json {
        /// File name or other label of the document.
        source_name: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The document breaks the EPCIS 2.0 schema or rules; nothing stored.
    #[error("{source_name}: rejected, {} problem{} (nothing was stored):\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, Problems(problems))]
    Invalid {
        /// File name or other label of the document.
        source_name: String,
        /// Every problem found (up to a cap).
        problems: Vec<Problem>,
    },
    /// A query parameter that is unknown or has a bad value.
    #[error("query parameter {name}: {reason}")]
    Query {
        /// The parameter name as given.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// An identifier given to trace, recall or convert that is not usable.
    #[error("identifier {input:?}: {reason}")]
    Identifier {
        /// What was given.
        input: String,
        /// What is wrong.
        reason: String,
    },
    /// The store file could not be used (SQLite or file system).
    #[error("trace store: {0}")]
    Store(String),
}

impl Error {
    /// True when the user can fix it (bad document, query or identifier).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Store(_))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Store(e.to_string())
    }
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {p}")?;
        }
        Ok(())
    }
}
