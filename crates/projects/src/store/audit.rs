//! The audit log: every change to a register appends an [`AuditEntry`]
//! through an [`AuditSink`], inside the same transaction as the change (a
//! change without its entry cannot be committed).
//!
//! [`AuditLog`] writes into the main store's append-only `audit_log`
//! (id, at, actor, action, object, hash_before, hash_after, detail), so
//! `congthuong audit` lists project changes beside report submissions;
//! it is what [`crate::store::Repo::open_shared`] uses. [`AuditTable`]
//! writes the same columns into a table `audit` of its own, created when
//! absent, for a database of the registers alone (tests, tools).

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

    /// The entries whose object starts with `prefix`, oldest first (none
    /// for a sink that cannot be read back).
    fn entries(&self, conn: &Connection, prefix: &str) -> Result<Vec<AuditEntry>> {
        let _ = (conn, prefix);
        Ok(Vec::new())
    }
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
        read_entries(conn, "audit", prefix)
    }
}

/// The main store's `audit_log` table (created by the main store's
/// migrations, never by this crate).
#[derive(Clone, Copy, Debug, Default)]
pub struct AuditLog;

impl AuditLog {
    /// The table's name.
    pub const TABLE: &'static str = "audit_log";

    /// True when `conn`'s database has the main store's audit log.
    pub fn exists(conn: &Connection) -> Result<bool> {
        Ok(conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log')",
            [],
            |r| r.get(0),
        )?)
    }

    /// The entries whose object starts with `prefix`, oldest first.
    pub fn entries(conn: &Connection, prefix: &str) -> Result<Vec<AuditEntry>> {
        read_entries(conn, Self::TABLE, prefix)
    }
}

impl AuditSink for AuditLog {
    fn append(&self, conn: &Connection, e: &AuditEntry) -> Result<()> {
        // The main store's format, to the microsecond, so the log's
        // timestamps sort as text.
        let at = e.at.to_string();
        let at = format!("{}.000000Z", at.trim_end_matches('Z'));
        insert(conn, Self::TABLE, &at, e)
    }

    fn entries(&self, conn: &Connection, prefix: &str) -> Result<Vec<AuditEntry>> {
        Self::entries(conn, prefix)
    }
}

fn insert(conn: &Connection, table: &str, at: &str, e: &AuditEntry) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO {table} (at, actor, action, object, hash_before, hash_after, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    ))?
    .execute(params![
        at,
        cut(&e.actor, NAME_BYTES),
        cut(&e.action, NAME_BYTES),
        cut(&e.object, NAME_BYTES),
        e.hash_before,
        e.hash_after,
        cut(&e.detail, DETAIL_BYTES)
    ])?;
    Ok(())
}

/// The most bytes an entry keeps of an actor, action or object, and of a
/// detail: the main store's caps (`congthuong_store::bounded`), so no
/// value can grow the append-only log without bound.
const NAME_BYTES: usize = 512;
const DETAIL_BYTES: usize = 8 * 1024;

/// `text` cut to `max` bytes on a character boundary, saying how long it was.
fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let note = format!("… ({} bytes in all)", text.len());
    let mut end = max.saturating_sub(note.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}{note}", &text[..end]))
}

fn read_entries(conn: &Connection, table: &str, prefix: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT at, actor, action, object, hash_before, hash_after, detail
         FROM {table} WHERE substr(object, 1, length(?1)) = ?1 ORDER BY id"
    ))?;
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
        // The main store writes microseconds (…:07.123456Z); this crate
        // whole seconds. Both read back to the second.
        let whole = match at.split_once('.') {
            Some((head, _)) => format!("{head}Z"),
            None => at.clone(),
        };
        e.at = Timestamp::parse(&whole).map_err(|err| crate::Error::Corrupt {
            what: "audit entry",
            key: e.object.clone(),
            reason: err.to_string(),
        })?;
        out.push(e);
    }
    Ok(out)
}

impl AuditSink for AuditTable {
    fn append(&self, conn: &Connection, e: &AuditEntry) -> Result<()> {
        insert(conn, "audit", &e.at.to_string(), e)
    }

    fn entries(&self, conn: &Connection, prefix: &str) -> Result<Vec<AuditEntry>> {
        Self::entries(conn, prefix)
    }
}
