//! The one error type of the projects crate.
//!
//! Rule: every fallible function of `congthuong-projects` returns
//! [`Error`]. [`Error::is_user_error`] says whose it is to fix: a value that
//! fails validation, a record that does not exist, an edit the actor may
//! not make, an attempt to rewrite history, a stale edit and a bad import
//! file are the user's (the CLI exits 1); a database or spreadsheet-writer
//! failure is internal (exit 2). A failed write leaves the database as it
//! was: every change runs in one transaction with its audit entry.

use congthuong_intake::InputErrors;

/// Why an operation on the projects registers failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value that fails validation (a date, an amount, a code, a name).
    #[error("invalid {field} {input:?}: {reason}")]
    Invalid {
        /// What was being built, e.g. `date` or `project id`.
        field: &'static str,
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A record that is not in the register.
    #[error("no {what} {key:?}")]
    NotFound {
        /// The kind of record.
        what: &'static str,
        /// Its key.
        key: String,
    },
    /// The actor may not make this change (a provincial officer editing
    /// another province's record, or an officer editing the catalogue).
    #[error("{actor} may not change {object}: {reason}")]
    Forbidden {
        /// Who tried.
        actor: String,
        /// What they tried to change.
        object: String,
        /// Which rule refused it.
        reason: String,
    },
    /// An edit that would rewrite history (drop or alter a re-plan or a
    /// progress update, move a baseline).
    #[error("{object}: history is append-only: {reason}")]
    AppendOnly {
        /// The record.
        object: String,
        /// What the edit tried to change.
        reason: String,
    },
    /// The record changed since the caller read it (optimistic concurrency).
    #[error(
        "{object} is at version {current}, not {expected}: someone changed it since you read it; reload and try again"
    )]
    Stale {
        /// The record.
        object: String,
        /// The version the caller based the edit on.
        expected: u32,
        /// The version in the register.
        current: u32,
    },
    /// A spreadsheet that could not be imported: every problem found, each
    /// with sheet, row, column and reason. Nothing was stored.
    #[error(transparent)]
    Import(#[from] InputErrors),
    /// The database failed.
    #[error("projects database: {0}")]
    Storage(#[from] rusqlite::Error),
    /// A stored record could not be read back (a bug or a damaged file).
    #[error("projects database: stored {what} {key:?} is unreadable: {reason}")]
    Corrupt {
        /// The kind of record.
        what: &'static str,
        /// Its key.
        key: String,
        /// The decoding error.
        reason: String,
    },
    /// Writing a spreadsheet or CSV failed.
    #[error("writing {path}: {reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// True when the user can fix the cause (see the module rule).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            Error::Storage(_) | Error::Corrupt { .. } | Error::Write { .. }
        )
    }

    pub(crate) fn invalid(
        field: &'static str,
        input: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            field,
            input: input.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_date(input: impl Into<String>, reason: &str) -> Self {
        Self::invalid("date", input, reason)
    }

    /// The reason alone, for messages that already name the field (import
    /// errors name the column).
    pub fn reason(&self) -> String {
        match self {
            Error::Invalid { input, reason, .. } => format!("{input:?}: {reason}"),
            other => other.to_string(),
        }
    }
}

/// Result alias for the projects crate.
pub type Result<T> = std::result::Result<T, Error>;
