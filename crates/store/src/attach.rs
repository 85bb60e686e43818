//! Registers that keep their own tables in the main database file
//! (`trace_*` for traceability, `brand_*` for the OCOP brand register,
//! `origin_*` for saved rules-of-origin checks): a second connection to
//! the file, and audit entries written into the main `audit_log` inside
//! the register's own transaction.
//!
//! Rule: open the main store first ([`crate::SqliteStore::open`]), which
//! creates and migrates the file; [`connection`] refuses a file the store
//! has not migrated. Each register migrates its own tables with its own
//! migration table (never `PRAGMA user_version`, which is the store's).
//! The connection is configured like the store's writer (WAL,
//! `synchronous = FULL`, foreign keys, `busy_timeout`), so a register's
//! write waits for the store's writers instead of failing.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, params};

use crate::error::{Result, StoreError};
use crate::sqlite::DB_FILE;
use crate::time::now_rfc3339;

/// How long a register's write waits for another writer.
const BUSY_TIMEOUT: Duration = Duration::from_secs(120);

/// A new connection to the main database file of `data_dir`, for a
/// register's own tables. The store must have been opened (and so
/// migrated) before.
pub fn connection(data_dir: &Path) -> Result<Connection> {
    let path = data_dir.join(DB_FILE);
    if !path.is_file() {
        return Err(StoreError::Invalid(format!(
            "no database at {}: open the store first",
            path.display()
        )));
    }
    let conn = Connection::open(&path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 {
        return Err(StoreError::Invalid(format!(
            "{} has no schema yet: open the store first",
            path.display()
        )));
    }
    Ok(conn)
}

/// One entry for the main audit log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audit<'a> {
    /// Who.
    pub actor: &'a str,
    /// What, e.g. `epcis.capture`, `brand.update`.
    pub action: &'a str,
    /// On what, e.g. `trace_captures/12`, `brand/7@2`.
    pub object: &'a str,
    /// Content hash before, if any.
    pub hash_before: Option<&'a str>,
    /// Content hash after, if any.
    pub hash_after: Option<&'a str>,
    /// Details (free text or JSON).
    pub detail: &'a str,
}

/// Appends `entry` to `audit_log` on `conn` (call it inside the write's
/// transaction: the change and its entry are committed together).
pub fn append_audit(conn: &Connection, entry: &Audit<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log(at, actor, action, object, hash_before, hash_after, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        now_rfc3339(),
        entry.actor,
        entry.action,
        entry.object,
        entry.hash_before,
        entry.hash_after,
        entry.detail
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_register_connection_writes_into_the_main_audit_log() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            connection(dir.path()).is_err(),
            "no store opened in the folder yet"
        );
        let store = crate::SqliteStore::open(dir.path()).unwrap();
        let conn = connection(dir.path()).unwrap();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        append_audit(
            &conn,
            &Audit {
                actor: "tester",
                action: "brand.create",
                object: "brand/1@1",
                hash_after: Some("abc"),
                detail: "{}",
                ..Audit::default()
            },
        )
        .unwrap();
        conn.execute_batch("COMMIT").unwrap();
        let log = store.audit(Some(1)).unwrap();
        assert_eq!(
            (
                log[0].actor.as_str(),
                log[0].action.as_str(),
                log[0].object.as_str()
            ),
            ("tester", "brand.create", "brand/1@1")
        );
        assert_eq!(log[0].hash_after.as_deref(), Some("abc"));
    }
}
