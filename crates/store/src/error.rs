//! The one error type of the store crate.
//!
//! Rule: a problem with what the user gave (a bad file, an unknown
//! release id, a file over the size limit, a backup that is not ours) is
//! a *user* error ([`StoreError::is_user_error`]): the message says what
//! to fix and nothing was stored. A database or file-system failure is
//! internal. Either way a failed write leaves the database as it was:
//! every write is one transaction.

use congthuong_intake::InputErrors;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input files have problems (every one listed); nothing stored.
    #[error(transparent)]
    Input(#[from] InputErrors),
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A request the user can fix (bad option, nothing to release, …).
    #[error("{0}")]
    Invalid(String),
    /// The database was written by a newer congthuong.
    #[error(
        "the database {path} has schema version {found}, newer than this program knows ({known}); use a newer congthuong"
    )]
    NewerSchema {
        /// The database file.
        path: String,
        /// Its `user_version`.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// The compilation of a release failed on its inputs.
    #[error("compiling the release")]
    Compile(#[from] congthuong_engine::CompileError),
    /// The database failed.
    #[error("database error")]
    Sqlite(#[from] rusqlite::Error),
    /// A file could not be read or written.
    #[error("{path}")]
    Io {
        /// Which file.
        path: String,
        /// What happened.
        source: std::io::Error,
    },
    /// Stored data cannot be read back (a bug or a damaged file).
    #[error("{0}")]
    Damaged(String),
    /// Writing the Excel template failed.
    #[error("writing the template: {0}")]
    Xlsx(String),
}

impl StoreError {
    /// True when the user can fix it (exit status 1 in the CLI, 4xx in
    /// the web API).
    pub fn is_user_error(&self) -> bool {
        match self {
            StoreError::Input(_)
            | StoreError::NotFound(_)
            | StoreError::Invalid(_)
            | StoreError::NewerSchema { .. }
            | StoreError::Compile(_) => true,
            StoreError::Sqlite(_)
            | StoreError::Io { .. }
            | StoreError::Damaged(_)
            | StoreError::Xlsx(_) => false,
        }
    }

    /// An I/O error on a path.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, StoreError>;
