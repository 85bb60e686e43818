//! The store: an embedded database of everything submitted, every
//! version kept, the releases compiled from it, and the audit log.
//!
//! Provinces' monthly reports come in as files; [`submit`] checks one and
//! stores it as a new version of (province, month), [`folder`] does the
//! same for a whole interchange folder (weights, indicators and targets
//! included), [`release`] compiles the current versions into an immutable
//! release and compares two releases. Nothing is ever updated or deleted:
//! a revision is a new version with who, when and why, and every write is
//! logged with the content hashes before and after.
//!
//! # Layout
//! - [`store`]: the [`Store`] trait, the only way the rest of the system
//!   touches the database (a PostgreSQL backend would implement it).
//! - [`sqlite`]: [`SqliteStore`], the embedded backend (SQLite, WAL).
//! - [`model`]: the records it takes and gives.
//! - [`accounts`]: accounts and login sessions (records only).
//! - [`attach`]: registers with their own tables in the same file (a
//!   second connection; audit entries in their transactions).
//! - [`bounded`]: the caps on what the audit log accepts.
//! - [`codec`]: how submission contents are encoded (content-addressed blobs).
//! - [`submit`], [`folder`], [`release`]: intake and releases, the
//!   library functions the CLI and the web server call.
//! - [`released`]: a release's figures read back into memory (the
//!   snapshot plus GSO's published series) for the dashboard and briefing.
//! - [`reference`]: published reference series embedded in the binary.
//! - [`synthetic`]: made-up interchange folders for tests and benchmarks.
//! - [`lock`]: which process uses a data folder (a server, a restore).
//! - [`settings`]: the data folder and upload limit, from flags or the environment.
//! - [`progress`], [`hash`], [`time`]: small helpers.
//! - [`error`]: [`StoreError`], the crate's one error type.
//!
//! May depend on core, engine, intake and figures. Never prints; long operations
//! report through [`progress::Progress`].

pub mod accounts;
pub mod attach;
pub mod bounded;
pub mod codec;
pub mod error;
pub mod folder;
pub mod hash;
pub mod lock;
pub mod model;
pub mod progress;
pub mod reference;
pub mod release;
pub mod released;
pub mod settings;
pub mod sqlite;
pub mod store;
pub mod submit;
pub mod synthetic;
pub mod time;

pub use accounts::{NewUser, SessionRecord, User};
pub use error::{Result, StoreError};
pub use model::*;
pub use sqlite::SqliteStore;
pub use store::Store;
