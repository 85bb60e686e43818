//! SQL for accounts, sessions and release snapshots.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::accounts::{NewUser, SessionRecord, User};
use crate::error::{Result, StoreError};
use crate::time::now_rfc3339;

use super::write::audit;

const USER_SELECT: &str = "SELECT u.id, u.username, u.display_name, u.role, u.province, u.created_at,
    COALESCE((SELECT e.password_hash FROM user_events e WHERE e.user_id = u.id AND e.event = 'password' ORDER BY e.id DESC LIMIT 1), u.password_hash),
    COALESCE((SELECT e.event FROM user_events e WHERE e.user_id = u.id AND e.event IN ('disabled', 'enabled') ORDER BY e.id DESC LIMIT 1), 'enabled')
    FROM users u";

fn user_row(r: &rusqlite::Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: r.get(3)?,
        province: r.get(4)?,
        created_at: r.get(5)?,
        password_hash: r.get(6)?,
        disabled: r.get::<_, String>(7)? == "disabled",
    })
}

pub fn users(c: &Connection) -> Result<Vec<User>> {
    Ok(c.prepare(&format!("{USER_SELECT} ORDER BY u.id"))?
        .query_map([], user_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn user_by_name(c: &Connection, name: &str) -> Result<Option<User>> {
    Ok(
        c.prepare_cached(&format!("{USER_SELECT} WHERE u.username = ?1"))?
            .query_row([name], user_row)
            .optional()?,
    )
}

pub fn user_by_id(c: &Connection, id: i64) -> Result<Option<User>> {
    Ok(c.prepare_cached(&format!("{USER_SELECT} WHERE u.id = ?1"))?
        .query_row([id], user_row)
        .optional()?)
}

pub fn add_user(tx: &Transaction, u: &NewUser, actor: &str) -> Result<i64> {
    if user_by_name(tx, &u.username)?.is_some() {
        return Err(StoreError::Invalid(format!(
            "an account named {:?} exists already",
            u.username
        )));
    }
    let id: i64 = tx.query_row(
        "INSERT INTO users(username, display_name, role, province, password_hash, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![u.username, u.display_name, u.role, u.province, u.password_hash, now_rfc3339(), actor],
        |r| r.get(0),
    )?;
    let detail = format!(
        "role {}{}",
        u.role,
        u.province
            .as_ref()
            .map(|p| format!(", province {p}"))
            .unwrap_or_default()
    );
    audit(
        tx,
        actor,
        "user.add",
        &format!("user:{}", u.username),
        None,
        None,
        &detail,
    )?;
    Ok(id)
}

pub fn user_event(
    tx: &Transaction,
    name: &str,
    event: &str,
    password_hash: Option<&str>,
    actor: &str,
) -> Result<()> {
    let user = user_by_name(tx, name)?
        .ok_or_else(|| StoreError::NotFound(format!("no account named {name:?}")))?;
    tx.execute(
        "INSERT INTO user_events(user_id, at, actor, event, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![user.id, now_rfc3339(), actor, event, password_hash],
    )?;
    // A disabled account, or one whose password changed, is logged out
    // everywhere: whoever knew the old password loses their session too.
    if event == "disabled" || event == "password" {
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user.id])?;
    }
    audit(
        tx,
        actor,
        &format!("user.{event}"),
        &format!("user:{name}"),
        None,
        None,
        "",
    )?;
    Ok(())
}

pub fn put_session(tx: &Transaction, s: &SessionRecord) -> Result<()> {
    tx.execute(
        "INSERT INTO sessions(token_digest, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.token_digest, s.user_id, s.csrf, now_rfc3339(), s.expires_at],
    )?;
    Ok(())
}

pub fn session(c: &Connection, digest: &str) -> Result<Option<SessionRecord>> {
    Ok(c.prepare_cached(
        "SELECT token_digest, user_id, csrf, expires_at FROM sessions WHERE token_digest = ?1",
    )?
    .query_row([digest], |r| {
        Ok(SessionRecord {
            token_digest: r.get(0)?,
            user_id: r.get(1)?,
            csrf: r.get(2)?,
            expires_at: r.get(3)?,
        })
    })
    .optional()?)
}

pub fn end_session(tx: &Transaction, digest: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM sessions WHERE token_digest = ?1 OR expires_at < ?2",
        params![digest, now_rfc3339()],
    )?;
    Ok(())
}

pub fn put_snapshot(tx: &Transaction, release_id: i64, hash: &str, bytes: &[u8]) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO blobs(hash, encoding, size, bytes) VALUES (?1, 'release-snapshot-v1', ?2, ?3)")?.execute(params![hash, bytes.len() as i64, bytes])?;
    tx.execute(
        "INSERT INTO release_snapshots(release_id, content_hash) VALUES (?1, ?2)",
        params![release_id, hash],
    )?;
    Ok(())
}

pub fn snapshot(c: &Connection, release_id: i64) -> Result<Option<Vec<u8>>> {
    Ok(c.prepare_cached("SELECT b.bytes FROM release_snapshots s JOIN blobs b ON b.hash = s.content_hash WHERE s.release_id = ?1")?.query_row([release_id], |r| r.get(0)).optional()?)
}
