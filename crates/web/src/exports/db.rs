//! The registers this part keeps in the main database file: the trace
//! store (`trace_*`), the brand register (`brand_*`) and saved origin
//! checks (`origin_*`), each on its own connection to
//! `DATA_DIR/congthuong.sqlite3` (`congthuong_store::attach`), opened on
//! first use (after the main store, which the server opened at start) and
//! kept for the life of the process. Every call runs on the blocking pool.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use congthuong_brand::BrandStore;
use congthuong_origin::store::CheckStore;
use congthuong_store::attach::{Audit, append_audit, connection};
use congthuong_trace::SqliteStore as TraceDb;

use crate::error::AppError;
use crate::state::AppState;

/// The opened registers.
pub struct Opened {
    trace: Mutex<TraceDb>,
    brands: Mutex<BrandStore>,
    checks: Mutex<CheckStore>,
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, AppError> {
    m.lock()
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a register's connection failed earlier")))
}

impl Opened {
    fn open(data_dir: &Path) -> anyhow::Result<Self> {
        Ok(Self {
            trace: Mutex::new(TraceDb::with_connection(connection(data_dir)?)?),
            brands: Mutex::new(BrandStore::with_connection(connection(data_dir)?)?),
            checks: Mutex::new(CheckStore::with_connection(connection(data_dir)?)?),
        })
    }

    /// The trace store.
    pub fn trace(&self) -> Result<MutexGuard<'_, TraceDb>, AppError> {
        lock(&self.trace)
    }

    /// The brand register.
    pub fn brands(&self) -> Result<MutexGuard<'_, BrandStore>, AppError> {
        lock(&self.brands)
    }

    /// The saved origin checks.
    pub fn checks(&self) -> Result<MutexGuard<'_, CheckStore>, AppError> {
        lock(&self.checks)
    }
}

/// The registers of a data folder, opened on first use.
#[derive(Clone)]
pub struct Stores {
    data_dir: PathBuf,
    opened: Arc<Mutex<Option<Arc<Opened>>>>,
}

impl Stores {
    /// The registers of `data_dir` (nothing is opened yet).
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_owned(),
            opened: Arc::new(Mutex::new(None)),
        }
    }

    /// The opened registers (opening them the first time).
    pub fn get(&self) -> Result<Arc<Opened>, AppError> {
        let mut slot = lock(&self.opened)?;
        if let Some(o) = slot.as_ref() {
            return Ok(o.clone());
        }
        let o = Arc::new(Opened::open(&self.data_dir).map_err(|e| {
            AppError::Internal(e.context("opening the trace, brand and origin registers"))
        })?);
        *slot = Some(o.clone());
        Ok(o)
    }
}

/// Runs `f` on the registers on the blocking pool.
pub async fn run<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Opened) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let stores = state.exports().clone();
    tokio::task::spawn_blocking(move || f(&*stores.get()?))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
}

/// Writes one audit entry on a register's connection (inside its
/// transaction); the error text for the register's own error type.
pub fn audit(
    conn: &rusqlite::Connection,
    actor: &str,
    action: &str,
    object: &str,
    before: Option<&str>,
    after: Option<&str>,
    detail: &str,
) -> Result<(), String> {
    append_audit(
        conn,
        &Audit {
            actor,
            action,
            object,
            hash_before: before,
            hash_after: after,
            detail,
        },
    )
    .map_err(|e| format!("audit log: {e}"))
}
