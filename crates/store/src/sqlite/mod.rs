//! The SQLite backend of [`crate::Store`].
//!
//! One file, `congthuong.sqlite3`, in the data folder, in WAL mode with
//! `synchronous = FULL` (an accepted submission survives a power cut) and
//! foreign keys on. One writer connection per process, behind a mutex;
//! writes are `BEGIN IMMEDIATE` transactions, so writers of other
//! processes wait (`busy_timeout`) instead of failing. Readers use their
//! own read-only connections from a small pool: in WAL mode they read the
//! last committed state and never wait for a writer.
//!
//! Schema changes are SQL files in `migrations/`, embedded in the binary
//! and applied in order; `PRAGMA user_version` records how many ran.

mod accounts;
mod read;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::time::now_rfc3339;

/// The database file name inside the data folder.
pub const DB_FILE: &str = "congthuong.sqlite3";

/// The migrations, in order: migration `i` brings `user_version` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_accounts_snapshots.sql"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(120);

/// Creates `path` empty with mode 0600 when it does not exist (SQLite
/// then makes a database of it, and its WAL and shared-memory files with
/// the same mode).
fn create_private(path: &Path) -> Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// The SQLite store.
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

fn open_writer(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Larger pages suit the blobs (fewer overflow pages); only takes
    // effect when the file is new.
    conn.pragma_update(None, "page_size", 16_384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // A release writes close to a million rows in one transaction: a
    // small page cache would spill and re-read B-tree pages all along.
    conn.pragma_update(None, "cache_size", -262_144)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(conn)
}

fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(conn)
}

/// Applies the migrations not yet applied. Safe against another process
/// doing the same: the version is read again under the write lock.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    // Up to date: no write lock taken, so opening a store never waits for
    // another process's import.
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found == known {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > known {
        return Err(StoreError::NewerSchema {
            path: path.display().to_string(),
            found,
            known,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.execute(
            "INSERT INTO audit_log(at, actor, action, object, hash_before, hash_after, detail)
             VALUES (?1, 'congthuong', 'migrate', 'schema', NULL, NULL, ?2)",
            (now_rfc3339(), format!("schema version {}", i + 1)),
        )?;
    }
    tx.commit()?;
    Ok(())
}

impl SqliteStore {
    /// Opens (creating on first use) the store in `data_dir`, brings its
    /// schema up to date and loads the embedded reference series once.
    /// A new folder is created 0700 and a new database file 0600 (its WAL
    /// and shared-memory files take the same mode from SQLite).
    pub fn open(data_dir: &Path) -> Result<Self> {
        crate::lock::create_dir(data_dir)?;
        Self::open_file(&data_dir.join(DB_FILE))
    }

    /// Opens (creating, 0600) a store in one database file.
    pub fn open_file(path: &Path) -> Result<Self> {
        create_private(path)?;
        let mut writer = open_writer(path)?;
        migrate(&mut writer, path)?;
        let store = Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        };
        crate::reference::load_embedded(&store, "congthuong")?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a read-only connection inside a read transaction (one
    /// consistent snapshot, never blocked by a writer).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.readers.lock().ok().and_then(|mut p| p.pop());
        let conn = match pooled {
            Some(c) => c,
            None => open_reader(&self.path)?,
        };
        conn.execute_batch("BEGIN DEFERRED")?;
        let result = f(&conn);
        let _ = conn.execute_batch("COMMIT");
        if let Ok(mut pool) = self.readers.lock()
            && pool.len() < 8
        {
            pool.push(conn);
        }
        result
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` write transaction: committed when
    /// `f` succeeds, rolled back otherwise.
    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self
            .writer
            .lock()
            .map_err(|_| StoreError::Invalid("the store's writer failed earlier".into()))?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// `PRAGMA integrity_check`: `ok` when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.read(|c| {
            let rows: Vec<String> = c
                .prepare("PRAGMA integrity_check")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows.join("\n"))
        })
    }

    /// SHA-256 over every row of every table, in key order: equal digests
    /// mean equal data. Used to show that a rejected file changed nothing
    /// and that a restore gave back what was backed up.
    pub fn digest(&self) -> Result<String> {
        self.read(|c| digest(c, &[]))
    }

    /// Like [`Self::digest`] but leaving out some tables.
    pub fn digest_without(&self, skip: &[&str]) -> Result<String> {
        self.read(|c| digest(c, skip))
    }

    /// Writes a consistent copy of the database to `out` while others keep
    /// reading and writing (`VACUUM INTO` a temporary file beside `out`,
    /// created empty and 0600 so the copy is never readable by others,
    /// then renamed). `out` must not exist. The backup is logged.
    pub fn backup(&self, out: &Path, actor: &str) -> Result<u64> {
        if out.exists() {
            return Err(StoreError::Invalid(format!(
                "{} exists; a backup never overwrites a file",
                out.display()
            )));
        }
        let dir = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".congthuong-backup-")
            .tempfile_in(dir)
            .map_err(|e| StoreError::io(dir, e))?
            .into_temp_path();
        // The temporary file is created 0600 and empty; SQLite writes into
        // an empty file as into a new one, and keeps its mode.
        let conn = open_reader(&self.path)?;
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        drop(conn);
        std::fs::rename(&tmp, out).map_err(|e| StoreError::io(out, e))?;
        let size = std::fs::metadata(out)
            .map_err(|e| StoreError::io(out, e))?
            .len();
        let hash = crate::hash::file_sha256(out).map_err(|e| StoreError::io(out, e))?;
        self.write(|tx| {
            write::audit(
                tx,
                actor,
                "backup",
                &out.display().to_string(),
                None,
                Some(&hash),
                &format!("{size} bytes"),
            )
        })?;
        Ok(size)
    }

    /// Replaces the store's content with a backup made by
    /// [`Self::backup`]: refused while a server serves the data folder
    /// (its lock, [`crate::lock`]); the backup is checked first
    /// (integrity, schema), then copied in page by page under the write
    /// lock, brought up to the current schema, and the restore is logged.
    pub fn restore(&self, from: &Path, actor: &str) -> Result<()> {
        let folder = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let _only_user = crate::lock::exclusive(folder)?;
        let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| StoreError::Invalid(format!("{}: not a database: {e}", from.display())))?;
        let check = |src: &Connection| -> rusqlite::Result<(String, i64, i64)> {
            let ok: String = src.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            let version: i64 = src.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let tables: i64 = src.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('submissions', 'releases', 'audit_log')",
                [],
                |r| r.get(0),
            )?;
            Ok((ok, version, tables))
        };
        let (ok, version, tables) = check(&src).map_err(|e| {
            StoreError::Invalid(format!("{}: not a congthuong backup: {e}", from.display()))
        })?;
        if ok != "ok" || tables != 3 || version < 1 {
            return Err(StoreError::Invalid(format!(
                "{}: not a sound congthuong backup (integrity: {ok}, schema version {version})",
                from.display()
            )));
        }
        if version > MIGRATIONS.len() as i64 {
            return Err(StoreError::NewerSchema {
                path: from.display().to_string(),
                found: version,
                known: MIGRATIONS.len() as i64,
            });
        }
        let hash = crate::hash::file_sha256(from).map_err(|e| StoreError::io(from, e))?;
        let mut conn = self
            .writer
            .lock()
            .map_err(|_| StoreError::Invalid("the store's writer failed earlier".into()))?;
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut conn)?;
            backup.run_to_completion(1024, Duration::from_millis(0), None)?;
        }
        migrate(&mut conn, &self.path)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        write::audit(
            &tx,
            actor,
            "restore",
            &from.display().to_string(),
            None,
            Some(&hash),
            "database replaced by the backup",
        )?;
        tx.commit()?;
        drop(conn);
        // Pooled readers may hold pages of the old file: start afresh.
        if let Ok(mut pool) = self.readers.lock() {
            pool.clear();
        }
        Ok(())
    }
}

fn digest(c: &Connection, skip: &[&str]) -> Result<String> {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in tables.iter().filter(|t| !skip.contains(&t.as_str())) {
        h.update(t.as_bytes());
        h.update([0]);
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\""))?;
        let n = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..n {
                match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => h.update([0]),
                    rusqlite::types::ValueRef::Integer(v) => {
                        h.update([1]);
                        h.update(v.to_le_bytes());
                    }
                    rusqlite::types::ValueRef::Real(v) => {
                        h.update([2]);
                        h.update(v.to_le_bytes());
                    }
                    rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => {
                        h.update([3]);
                        h.update((b.len() as u64).to_le_bytes());
                        h.update(b);
                    }
                }
            }
        }
    }
    Ok(crate::hash::hex(&h.finalize()))
}
