//! [`SqliteStore`]: the events in SQLite, in tables prefixed `trace_`, so
//! they can live in the main database file beside the other stores.
//!
//! [`migrate`] creates or upgrades the tables on any connection (the main
//! store calls it with its own); versions are recorded in
//! `trace_schema_migrations`, not in `PRAGMA user_version`, which belongs
//! to the main store. Tables:
//!
//! - `trace_captures`: one row per capture (record time, source, counts,
//!   and the document exactly as received);
//! - `trace_events`: one row per event: hash ID (unique), declared
//!   eventID (unique when given), the normalised columns queries filter
//!   on, the event's JSON exactly as received and the document's
//!   `@context`;
//! - `trace_event_ids`: the identifier index `(event, role, key, raw,
//!   quantity, uom)`; keys are normalised, so URN and Digital Link meet;
//! - `trace_event_parties`: sources and destinations;
//! - `trace_error_declarations`: later declarations that an event was in
//!   error (the event's row is never rewritten).
//!
//! Nothing is ever updated or deleted: capture only inserts, inside one
//! transaction.

use std::path::Path;

use congthuong_sqlite::Migration;
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params, params_from_iter};

use super::{
    CaptureOutcome, CaptureReport, CapturedEvent, Plan, StoredEvent, TraceStore, finish_query,
    plan_capture,
};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::event::{ErrorDeclaration, Event};
use crate::query::SimpleEventQuery;
use crate::time::Timestamp;

/// The migrations, in order. Never edit a published one; add a new one.
const MIGRATIONS: &[Migration] = &[(
    1,
    "trace tables",
    "
CREATE TABLE trace_captures (
    capture_id     INTEGER PRIMARY KEY,
    record_time_ms INTEGER NOT NULL,
    source_name    TEXT    NOT NULL,
    events_total   INTEGER NOT NULL,
    events_new     INTEGER NOT NULL,
    document_text  TEXT    NOT NULL
);
CREATE TABLE trace_events (
    seq                    INTEGER PRIMARY KEY,
    hash                   TEXT    NOT NULL UNIQUE,
    declared_event_id      TEXT,
    event_type             TEXT    NOT NULL,
    action                 TEXT,
    event_time_ms          INTEGER NOT NULL,
    event_time_zone_offset TEXT    NOT NULL,
    record_time_ms         INTEGER NOT NULL,
    capture_id             INTEGER NOT NULL REFERENCES trace_captures(capture_id),
    biz_step               TEXT,
    disposition            TEXT,
    read_point             TEXT,
    biz_location           TEXT,
    transformation_id      TEXT,
    own_error_declaration  INTEGER NOT NULL CHECK (own_error_declaration IN (0, 1)),
    raw_json               TEXT    NOT NULL,
    context_json           TEXT    NOT NULL
);
CREATE UNIQUE INDEX trace_events_declared_id ON trace_events(declared_event_id) WHERE declared_event_id IS NOT NULL;
CREATE INDEX trace_events_time ON trace_events(event_time_ms);
CREATE INDEX trace_events_biz_step ON trace_events(biz_step);
CREATE INDEX trace_events_biz_location ON trace_events(biz_location);
CREATE TABLE trace_event_ids (
    event_seq INTEGER NOT NULL REFERENCES trace_events(seq),
    role      TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    raw       TEXT    NOT NULL,
    quantity  REAL,
    uom       TEXT
);
CREATE INDEX trace_event_ids_key ON trace_event_ids(key, role);
CREATE INDEX trace_event_ids_event ON trace_event_ids(event_seq);
CREATE TABLE trace_event_parties (
    event_seq INTEGER NOT NULL REFERENCES trace_events(seq),
    direction TEXT    NOT NULL CHECK (direction IN ('source', 'destination')),
    kind      TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    raw       TEXT    NOT NULL
);
CREATE INDEX trace_event_parties_key ON trace_event_parties(key);
CREATE TABLE trace_error_declarations (
    event_seq           INTEGER NOT NULL UNIQUE REFERENCES trace_events(seq),
    declaration_time_ms INTEGER NOT NULL,
    reason              TEXT,
    corrective_ids_json TEXT    NOT NULL,
    capture_id          INTEGER NOT NULL REFERENCES trace_captures(capture_id),
    declaring_json      TEXT    NOT NULL
);
",
)];

/// Creates or upgrades the `trace_` tables on a connection. Safe to call
/// on every start; pending migrations run once, under the write lock.
pub fn migrate(conn: &Connection) -> Result<()> {
    Ok(congthuong_sqlite::migrate(
        conn,
        "trace_schema_migrations",
        MIGRATIONS,
    )?)
}

/// A [`TraceStore`] on SQLite.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
}

const EVENT_COLUMNS: &str = "e.seq, e.hash, e.raw_json, e.context_json, e.record_time_ms, e.capture_id, \
     d.declaration_time_ms, d.reason, d.corrective_ids_json";

impl SqliteStore {
    /// Opens (creating if needed) a database file and migrates it.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn =
            Connection::open(path).map_err(|e| Error::Store(format!("{}: {e}", path.display())))?;
        SqliteStore::with_connection(conn)
    }

    /// A store in a private in-memory database (tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::with_connection(Connection::open_in_memory()?)
    }

    /// Uses an open connection (e.g. the main database's), migrating it.
    pub fn with_connection(conn: Connection) -> Result<SqliteStore> {
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        migrate(&conn)?;
        Ok(SqliteStore { conn })
    }

    /// The connection, for callers that share the database.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn load(&self, sql: &str, values: Vec<Sql>) -> Result<Vec<StoredEvent>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params_from_iter(values), read_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, hash, raw, context, record, capture, declaration) = row?;
            let parse = |s: &str| {
                serde_json::from_str(s)
                    .map_err(|e| Error::Store(format!("event {seq}: stored JSON unreadable: {e}")))
            };
            let mut event = Event::with_hash(parse(&raw)?, parse(&context)?, hash)
                .map_err(|e| Error::Store(format!("event {seq}: {e}")))?;
            event.text = raw;
            out.push(StoredEvent {
                event,
                record_time: Timestamp::from_millis(record),
                capture_id: capture,
                seq,
                declared_in_error: declaration,
            });
        }
        Ok(out)
    }
}

type RowParts = (
    i64,
    String,
    String,
    String,
    i64,
    i64,
    Option<ErrorDeclaration>,
);

fn read_row(r: &Row<'_>) -> rusqlite::Result<RowParts> {
    let declaration = match r.get::<_, Option<i64>>(6)? {
        Some(t) => Some(ErrorDeclaration {
            declaration_time: Timestamp::from_millis(t),
            reason: r.get(7)?,
            corrective_event_ids: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
        }),
        None => None,
    };
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        declaration,
    ))
}

fn text_list(column: &str, values: &[String], sql: &mut Vec<String>, args: &mut Vec<Sql>) {
    if !values.is_empty() {
        sql.push(format!(
            "{column} IN ({})",
            vec!["?"; values.len()].join(", ")
        ));
        args.extend(values.iter().map(|v| Sql::Text(v.clone())));
    }
}

impl SqliteStore {
    /// Captures like [`TraceStore::capture`], then calls `after` with the
    /// report on the same transaction before committing: what it writes
    /// (an audit entry in the main database) is committed with the events,
    /// and an error from it stores nothing.
    pub fn capture_with(
        &mut self,
        doc: &Document,
        record_time: Timestamp,
        after: impl FnOnce(&Connection, &CaptureReport) -> Result<()>,
    ) -> Result<CaptureReport> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let plans = plan_capture(
            doc,
            |h| {
                Ok(tx
                    .query_row(
                        "SELECT e.own_error_declaration = 1 OR d.event_seq IS NOT NULL
                           FROM trace_events e LEFT JOIN trace_error_declarations d ON d.event_seq = e.seq WHERE e.hash = ?1",
                        [h],
                        |r| r.get::<_, bool>(0),
                    )
                    .optional()?)
            },
            |id| {
                Ok(tx
                    .query_row(
                        "SELECT hash FROM trace_events WHERE declared_event_id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?)
            },
        )?;
        let new = plans.iter().filter(|p| **p == Plan::Insert).count();
        tx.execute(
            "INSERT INTO trace_captures (record_time_ms, source_name, events_total, events_new, document_text) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![record_time.millis(), doc.source_name, doc.events.len() as i64, new as i64, doc.text],
        )?;
        let capture_id = tx.last_insert_rowid();
        let mut lines = Vec::with_capacity(plans.len());
        for (index, (e, plan)) in doc.events.iter().zip(plans).enumerate() {
            let outcome = match plan {
                Plan::Insert => {
                    tx.execute(
                        "INSERT INTO trace_events (hash, declared_event_id, event_type, action, event_time_ms, event_time_zone_offset,
                             record_time_ms, capture_id, biz_step, disposition, read_point, biz_location, transformation_id, own_error_declaration,
                             raw_json, context_json)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                        params![
                            e.hash,
                            e.declared_id,
                            e.event_type.as_str(),
                            e.action.map(|a| a.as_str()),
                            e.event_time.millis(),
                            e.time_zone_offset,
                            record_time.millis(),
                            capture_id,
                            e.biz_step,
                            e.disposition,
                            e.read_point,
                            e.biz_location,
                            e.transformation_id,
                            e.error_declaration.is_some(),
                            e.text,
                            e.context.to_string(),
                        ],
                    )?;
                    let seq = tx.last_insert_rowid();
                    let mut ids = tx.prepare_cached("INSERT INTO trace_event_ids (event_seq, role, key, raw, quantity, uom) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
                    for i in &e.ids {
                        ids.execute(params![
                            seq,
                            i.role.as_str(),
                            i.key,
                            i.raw,
                            i.quantity,
                            i.uom
                        ])?;
                    }
                    let mut parties = tx.prepare_cached("INSERT INTO trace_event_parties (event_seq, direction, kind, key, raw) VALUES (?1, ?2, ?3, ?4, ?5)")?;
                    for (direction, list) in
                        [("source", &e.sources), ("destination", &e.destinations)]
                    {
                        for p in list {
                            parties.execute(params![seq, direction, p.kind, p.key, p.raw])?;
                        }
                    }
                    CaptureOutcome::New
                }
                Plan::Skip => CaptureOutcome::Duplicate,
                Plan::Declare => {
                    let d = e
                        .error_declaration
                        .as_ref()
                        .ok_or_else(|| Error::Store("declaration planned without one".into()))?;
                    tx.execute(
                        "INSERT OR IGNORE INTO trace_error_declarations (event_seq, declaration_time_ms, reason, corrective_ids_json, capture_id, declaring_json)
                         SELECT seq, ?2, ?3, ?4, ?5, ?6 FROM trace_events
                          WHERE hash = ?1 AND own_error_declaration = 0",
                        params![
                            e.hash,
                            d.declaration_time.millis(),
                            d.reason,
                            serde_json::to_string(&d.corrective_event_ids).unwrap_or_else(|_| "[]".into()),
                            capture_id,
                            e.text,
                        ],
                    )?;
                    CaptureOutcome::ErrorDeclared
                }
            };
            lines.push(CapturedEvent {
                index,
                hash: e.hash.clone(),
                declared_id: e.declared_id.clone(),
                outcome,
            });
        }
        let report = CaptureReport {
            capture_id,
            record_time,
            events: lines,
        };
        after(&tx, &report)?;
        tx.commit()?;
        Ok(report)
    }

    /// The distinct identifier keys starting with `prefix`, sorted (e.g.
    /// every lot and serial of a GTIN: `https://id.gs1.org/01/{gtin}/`),
    /// at most `limit` of them.
    pub fn identifiers_under(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut upper = prefix.to_owned();
        upper.push(char::MAX);
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT key FROM trace_event_ids WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![prefix, upper, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }
}

impl TraceStore for SqliteStore {
    fn capture(&mut self, doc: &Document, record_time: Timestamp) -> Result<CaptureReport> {
        self.capture_with(doc, record_time, |_, _| Ok(()))
    }

    fn query(&self, q: &SimpleEventQuery) -> Result<Vec<StoredEvent>> {
        let mut sql = Vec::new();
        let mut args = Vec::new();
        let types: Vec<String> = q
            .event_types
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect();
        text_list("e.event_type", &types, &mut sql, &mut args);
        for (column, op, t) in [
            ("e.event_time_ms", ">=", q.ge_event_time),
            ("e.event_time_ms", "<", q.lt_event_time),
            ("e.record_time_ms", ">=", q.ge_record_time),
            ("e.record_time_ms", "<", q.lt_record_time),
        ] {
            if let Some(t) = t {
                sql.push(format!("{column} {op} ?"));
                args.push(Sql::Integer(t.millis()));
            }
        }
        let actions: Vec<String> = q.actions.iter().map(|a| a.as_str().to_owned()).collect();
        text_list("e.action", &actions, &mut sql, &mut args);
        text_list("e.biz_step", &q.biz_steps, &mut sql, &mut args);
        text_list("e.disposition", &q.dispositions, &mut sql, &mut args);
        text_list("e.read_point", &q.read_points, &mut sql, &mut args);
        text_list("e.biz_location", &q.biz_locations, &mut sql, &mut args);
        text_list(
            "e.transformation_id",
            &q.transformation_ids,
            &mut sql,
            &mut args,
        );
        if !q.event_ids.is_empty() {
            let marks = vec!["?"; q.event_ids.len()].join(", ");
            sql.push(format!(
                "(e.hash IN ({marks}) OR e.declared_event_id IN ({marks}))"
            ));
            for _ in 0..2 {
                args.extend(q.event_ids.iter().map(|v| Sql::Text(v.clone())));
            }
        }
        for (param, patterns) in &q.matches {
            let roles = param
                .roles()
                .iter()
                .map(|r| format!("'{}'", r.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            let mut alternatives = Vec::new();
            for p in patterns {
                if p.any_below {
                    alternatives.push("(i.key = ? OR (i.key > ? AND i.key < ?))".to_owned());
                    args.push(Sql::Text(p.key.clone()));
                    args.push(Sql::Text(format!("{}/", p.key)));
                    args.push(Sql::Text(format!("{}0", p.key)));
                } else {
                    alternatives.push("i.key = ?".to_owned());
                    args.push(Sql::Text(p.key.clone()));
                }
            }
            sql.push(format!(
                "EXISTS (SELECT 1 FROM trace_event_ids i WHERE i.event_seq = e.seq AND i.role IN ({roles}) AND ({}))",
                alternatives.join(" OR ")
            ));
        }
        let filter = if sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", sql.join(" AND "))
        };
        let events = self.load(
            &format!("SELECT {EVENT_COLUMNS} FROM trace_events e LEFT JOIN trace_error_declarations d ON d.event_seq = e.seq {filter}"),
            args,
        )?;
        finish_query(events, q)
    }

    fn events_naming(&self, keys: &[String]) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::new();
        for chunk in keys.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(", ");
            out.extend(self.load(
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM trace_events e LEFT JOIN trace_error_declarations d ON d.event_seq = e.seq
                      WHERE e.seq IN (SELECT event_seq FROM trace_event_ids WHERE key IN ({marks}))"
                ),
                chunk.iter().map(|k| Sql::Text(k.clone())).collect(),
            )?);
        }
        out.sort_by(crate::query::by_time);
        out.dedup_by_key(|e| e.seq);
        Ok(out)
    }

    fn len(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM trace_events", [], |r| {
                r.get::<_, i64>(0)
            })? as usize)
    }
}
