//! SQLite plumbing shared by the crates that keep tables of their own in
//! the main database file (`brand_*`, `origin_*`, `trace_*`).
//!
//! Each such crate lists its migrations as `(version, name, sql)` and calls
//! [`migrate`] with the name of its migration table. This crate knows
//! nothing of their tables; it only runs their SQL once each, in order.
//! It may depend on nothing in the workspace.

use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension};

/// One migration: its version (ascending, from 1), a short name, and the
/// SQL it runs.
pub type Migration = (i64, &'static str, &'static str);

/// Brings a crate's tables up to date: runs every migration whose version
/// is not yet in `table`, in order, and records it there with the time.
///
/// Safe on every start and from two processes at once: when anything is
/// left to do, the check and the migrations run under the write lock
/// (`BEGIN IMMEDIATE`, or the caller's transaction when one is open), so
/// the second process finds them done; a failing migration leaves nothing
/// of itself behind. `table` is the crate's own constant name, never user
/// input.
pub fn migrate(conn: &Connection, table: &str, migrations: &[Migration]) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {table} (
             version       INTEGER PRIMARY KEY,
             name          TEXT    NOT NULL,
             applied_at_ms INTEGER NOT NULL DEFAULT 0
         );"
    ))?;
    let latest = migrations.iter().map(|m| m.0).max().unwrap_or(0);
    if applied(conn, table)? >= latest {
        return Ok(());
    }
    if !conn.is_autocommit() {
        return apply(conn, table, migrations);
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match apply(conn, table, migrations) {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The highest version recorded in `table` (0 when none).
fn applied(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        &format!("SELECT COALESCE(MAX(version), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )
}

fn apply(conn: &Connection, table: &str, migrations: &[Migration]) -> rusqlite::Result<()> {
    // Tables made before the time was recorded get the column.
    let has_time: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM pragma_table_info('{table}') WHERE name = 'applied_at_ms')"),
        [],
        |r| r.get(0),
    )?;
    if !has_time {
        conn.execute_batch(&format!(
            "ALTER TABLE {table} ADD COLUMN applied_at_ms INTEGER NOT NULL DEFAULT 0;"
        ))?;
    }
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    for (version, name, sql) in migrations {
        let done: Option<i64> = conn
            .query_row(
                &format!("SELECT version FROM {table} WHERE version = ?1"),
                [version],
                |r| r.get(0),
            )
            .optional()?;
        if done.is_none() {
            conn.execute_batch(sql)?;
            conn.execute(
                &format!("INSERT INTO {table} (version, name, applied_at_ms) VALUES (?1, ?2, ?3)"),
                rusqlite::params![version, name, now_ms],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &[Migration] = &[
        (1, "first", "CREATE TABLE t_a (x INTEGER);"),
        (2, "second", "CREATE TABLE t_b (y INTEGER);"),
    ];

    fn tables(conn: &Connection) -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn each_migration_runs_once_in_order() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, "t_migrations", &TWO[..1]).unwrap();
        assert_eq!(tables(&conn), ["t_a", "t_migrations"]);
        // A second call adds only what is new; a third changes nothing.
        migrate(&conn, "t_migrations", TWO).unwrap();
        migrate(&conn, "t_migrations", TWO).unwrap();
        assert_eq!(tables(&conn), ["t_a", "t_b", "t_migrations"]);
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM t_migrations WHERE applied_at_ms > 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn a_failing_migration_leaves_nothing() {
        let conn = Connection::open_in_memory().unwrap();
        let bad: &[Migration] = &[
            (1, "first", "CREATE TABLE t_a (x INTEGER);"),
            (2, "broken", "CREATE TABLE t_b (y INTEGER); NOT SQL;"),
        ];
        assert!(migrate(&conn, "t_migrations", bad).is_err());
        assert_eq!(tables(&conn), ["t_migrations"]);
        assert!(conn.is_autocommit(), "the transaction is closed");
    }

    #[test]
    fn an_older_migration_table_gets_the_time_column() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);
             CREATE TABLE t_a (x INTEGER);
             INSERT INTO t_migrations VALUES (1, 'first');",
        )
        .unwrap();
        migrate(&conn, "t_migrations", TWO).unwrap();
        assert_eq!(tables(&conn), ["t_a", "t_b", "t_migrations"]);
    }
}
