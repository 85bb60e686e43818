//! The audit log: every change to a register appends an [`AuditEntry`]
//! through an [`AuditSink`], inside the same transaction as the change (a
//! change without its entry cannot be committed).
//!
//! [`AuditTable`] writes the shape the main store uses, table `audit`
//! (id, at, actor, action, object, hash_before, hash_after, detail), and
//! creates it when absent; the main store can plug in its own sink.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::date::Timestamp;
use crate::error::Result;

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// Who (as [`crate::Actor`] displays).
    pub actor: String,
    /// What was done, e.g. `proj_projects.update`.
    pub action: String,
    /// The object, e.g. `proj_projects/DA-HN-001@3`.
    pub object: String,
    /// SHA-256 of the body before the change (none for a creation).
    pub hash_before: Option<String>,
    /// SHA-256 of the body after it.
    pub hash_after: Option<String>,
    /// JSON with the reason and what changed.
    pub detail: String,
}

/// Where audit entries go.
pub trait AuditSink: Send {
    /// Appends an entry using `conn`, which is inside the change's transaction.
    fn append(&self, conn: &Connection, entry: &AuditEntry) -> Result<()>;
}

/// The `audit` table.
#[derive(Clone, Copy, Debug, Default)]
pub struct AuditTable;

impl AuditTable {
    /// Creates the table when it does not exist.
    pub fn ensure(conn: &Connection) -> Result<()> {
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT NOT NULL,
                hash_before TEXT,
                hash_after TEXT,
                detail TEXT NOT NULL
            );",
        )?;
        Ok(())
    }

    /// The entries whose object starts with `prefix`, oldest first.
    pub fn entries(conn: &Connection, prefix: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = conn.prepare(
            "SELECT at, actor, action, object, hash_before, hash_after, detail
             FROM audit WHERE substr(object, 1, length(?1)) = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![prefix], |r| {
            Ok((
                r.get::<_, String>(0)?,
                AuditEntry {
                    at: Timestamp::from_unix(0),
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    object: r.get(3)?,
                    hash_before: r.get(4)?,
                    hash_after: r.get(5)?,
                    detail: r.get(6)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, mut e) = row?;
            e.at = Timestamp::parse(&at).map_err(|err| crate::Error::Corrupt {
                what: "audit entry",
                key: e.object.clone(),
                reason: err.to_string(),
            })?;
            out.push(e);
        }
        Ok(out)
    }
}

impl AuditSink for AuditTable {
    fn append(&self, conn: &Connection, e: &AuditEntry) -> Result<()> {
        conn.execute(
            "INSERT INTO audit (at, actor, action, object, hash_before, hash_after, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                e.at.to_string(),
                e.actor,
                e.action,
                e.object,
                e.hash_before,
                e.hash_after,
                e.detail
            ],
        )?;
        Ok(())
    }
}
