//! The one error type of the demo crate.
//!
//! Rule: a [`DemoError`] is either a bad option the user gave (a month
//! outside what the demo covers, an output folder that holds other files)
//! or a failure to write; the embedded tables are checked by this crate's
//! tests, so a malformed one is a bug and panics.

use std::path::PathBuf;

/// Why demo data could not be generated or checked.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// An option outside what the generator can do.
    #[error("{0}")]
    Option(String),
    /// `--out` exists and is not empty.
    #[error(
        "{0} exists and is not empty; the demo writes into a new or empty folder and never overwrites files"
    )]
    OccupiedOutput(PathBuf),
    /// A file system failure.
    #[error("writing {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// What.
        source: std::io::Error,
    },
    /// The generated folder did not compile (a bug in the generator).
    #[error("the generated demo data did not compile: {0}")]
    Compile(String),
    /// Parquet encoding failed.
    #[error("writing {path} as Parquet: {message}")]
    Parquet {
        /// Where.
        path: PathBuf,
        /// What the Parquet writer said.
        message: String,
    },
}

impl DemoError {
    /// True when the user can fix it (a bad option or an occupied folder).
    pub fn is_user_error(&self) -> bool {
        matches!(self, DemoError::Option(_) | DemoError::OccupiedOutput(_))
    }

    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> DemoError {
        let path = path.into();
        move |source| DemoError::Io { path, source }
    }
}
