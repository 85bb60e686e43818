//! The `proj_*` tables and their migrations, applied by [`migrate`] on any
//! `rusqlite::Connection`, so the main store can run them on its own
//! database file.
//!
//! Every register is one append-only table of versions with the same
//! columns: `key` (the record's key), `version` (1, 2, …), `at`, `actor`,
//! `reason` (who changed it, when, why), `synthetic` (1 for demo data),
//! `body` (the record as JSON) and `hash` (SHA-256 of `body`). Triggers
//! refuse every UPDATE and DELETE, so an edit can only add a version and
//! the old one stays readable. `proj_*_current` views give the latest
//! version of each key. Migrations are recorded in `proj_migrations`
//! (not in `PRAGMA user_version`, which belongs to the main store).

use rusqlite::{Connection, params};

use crate::error::Result;

/// The versioned tables, one per register.
pub const TABLES: [&str; 5] = [
    "proj_projects",
    "proj_strategy_kinds",
    "proj_strategies",
    "proj_investment",
    "proj_difficulties",
];

fn versioned_table(name: &str) -> String {
    format!(
        "CREATE TABLE {name} (
            key TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
            body TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (key, version)
        );
        CREATE TRIGGER {name}_no_update BEFORE UPDATE ON {name}
        BEGIN SELECT RAISE(ABORT, '{name} is append-only: add a version instead'); END;
        CREATE TRIGGER {name}_no_delete BEFORE DELETE ON {name}
        BEGIN SELECT RAISE(ABORT, '{name} is append-only: records are never deleted'); END;
        CREATE VIEW {name}_current AS
            SELECT t.* FROM {name} t
            WHERE t.version = (SELECT MAX(version) FROM {name} u WHERE u.key = t.key);
        "
    )
}

/// The migrations, in order: (version, name, SQL).
fn migrations() -> Vec<(i64, &'static str, String)> {
    vec![(
        1,
        "versioned registers",
        TABLES.iter().map(|t| versioned_table(t)).collect(),
    )]
}

/// Applies the migrations not yet applied, each in its own savepoint.
/// Safe to call on every start, and by two processes at once on a shared
/// file: outside a transaction the check and the migrations run under the
/// write lock (`BEGIN IMMEDIATE`), so the second process finds them done.
pub fn migrate(conn: &Connection) -> Result<()> {
    let done = |conn: &Connection| -> Result<bool> {
        let known = migrations().last().map_or(0, |m| m.0);
        let has_table: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'proj_migrations')",
            [],
            |r| r.get(0),
        )?;
        Ok(has_table && applied_version(conn)? >= known)
    };
    // Up to date: no write lock taken.
    if done(conn)? {
        return Ok(());
    }
    if !conn.is_autocommit() {
        return apply(conn);
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match apply(conn) {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn apply(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS proj_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );",
    )?;
    for (version, name, sql) in migrations() {
        let done: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM proj_migrations WHERE version = ?1)",
            params![version],
            |r| r.get(0),
        )?;
        if done {
            continue;
        }
        conn.execute_batch("SAVEPOINT proj_migrate")?;
        let applied = conn.execute_batch(&sql).and_then(|()| {
            conn.execute(
                "INSERT INTO proj_migrations (version, name, applied_at)
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                params![version, name],
            )
        });
        match applied {
            Ok(_) => conn.execute_batch("RELEASE proj_migrate")?,
            Err(e) => {
                conn.execute_batch("ROLLBACK TO proj_migrate; RELEASE proj_migrate")?;
                return Err(e.into());
            }
        }
    }
    Ok(())
}

/// The latest migration version applied, 0 if none.
pub fn applied_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM proj_migrations",
        [],
        |r| r.get(0),
    )?)
}
