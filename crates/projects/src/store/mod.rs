//! The SQLite repository of the four registers.
//!
//! It may touch only the `proj_*` tables (see [`migrations`]) and the
//! audit sink. Every write:
//! 1. validates the record and checks the actor's role ([`crate::Actor`]):
//!    an officer edits records of their province without changing their
//!    provinces, and creates records in their own province only
//!    ([`crate::Actor::check_place`]);
//! 2. for a project, checks that history is kept: no milestone removed,
//!    no baseline moved, earlier re-plans and progress updates unchanged
//!    (new ones may only be added at the end);
//! 3. refuses a stale edit (`expected` version not the current one);
//! 4. adds a new version (an identical body adds nothing) and its audit
//!    entry in one transaction.
//!
//! Reads re-validate what they decode; a record that no longer decodes is
//! reported as [`Error::Corrupt`], never skipped.
//!
//! [`Repo::open_shared`] puts the registers in the main store's database
//! file (`congthuong.sqlite3`) with their audit entries in its
//! `audit_log`; [`Repo::open`] keeps them in a file of their own. Writes
//! take the write lock first (`BEGIN IMMEDIATE`), so they queue behind
//! the main store's writes instead of failing. [`edits`] holds the
//! one-record edits (actual date, re-plan, update, blocker, closing a
//! difficulty) behind [`Repo::edit_project`] and [`Repo::edit_difficulty`].

pub mod audit;
pub mod edits;
pub mod migrations;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

pub use audit::{AuditEntry, AuditLog, AuditSink, AuditTable};
pub use migrations::migrate;

use crate::date::{Date, Timestamp};
use crate::error::{Error, Reason, Result};
use crate::model::actor::Actor;
use crate::model::common::{Code, Label};
use crate::model::difficulty::Difficulty;
use crate::model::investment::InvestmentRecord;
use crate::model::project::{ProgressUpdate, Project, Replan};
use crate::model::strategy::{StrategyKind, StrategyRecord};

/// Who makes a change, when, and why.
#[derive(Clone, Debug)]
pub struct Change {
    /// The actor.
    pub actor: Actor,
    /// When (the caller's clock).
    pub at: Timestamp,
    /// Why (kept with the version and in the audit entry).
    pub reason: String,
}

/// Who wrote a version, when, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionMeta {
    /// The record's key.
    pub key: String,
    /// 1, 2, …
    pub version: u32,
    /// When.
    pub at: Timestamp,
    /// Who.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// SHA-256 of the body.
    pub hash: String,
}

/// A record with the version it was read at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Versioned<T> {
    /// The record.
    pub value: T,
    /// Its version.
    pub meta: VersionMeta,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// The record's key.
    pub key: String,
    /// The current version after the save.
    pub version: u32,
    /// True when the body was identical and nothing was written.
    pub unchanged: bool,
}

/// A register: its table and what its records are called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    Projects,
    StrategyKinds,
    Strategies,
    Investment,
    Difficulties,
}

impl Table {
    pub(crate) fn name(self) -> &'static str {
        migrations::TABLES[self as usize]
    }

    fn what(self) -> &'static str {
        match self {
            Table::Projects => "project",
            Table::StrategyKinds => "strategy kind",
            Table::Strategies => "strategy record",
            Table::Investment => "investment record",
            Table::Difficulties => "difficulty",
        }
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn meta_and_body(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, u32, String, String, String, String, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

/// A stored record: checked again when read back.
pub trait Record: Serialize + DeserializeOwned {
    /// The cross-field rules of the record.
    fn check(&self) -> Result<()>;
}

impl Record for Project {
    fn check(&self) -> Result<()> {
        self.validate()
    }
}

impl Record for StrategyRecord {
    fn check(&self) -> Result<()> {
        self.validate()
    }
}

impl Record for InvestmentRecord {
    fn check(&self) -> Result<()> {
        self.validate()
    }
}

impl Record for Difficulty {
    fn check(&self) -> Result<()> {
        self.validate()
    }
}

impl Record for StrategyKind {
    fn check(&self) -> Result<()> {
        Ok(())
    }
}

fn decode<T: Record>(
    table: Table,
    row: (String, u32, String, String, String, String, String),
) -> Result<Versioned<T>> {
    let (key, version, at, actor, reason, body, hash) = row;
    let corrupt = |reason: String| Error::Corrupt {
        what: table.what(),
        key: key.clone(),
        reason,
    };
    let value: T = serde_json::from_str(&body).map_err(|e| corrupt(e.to_string()))?;
    value.check().map_err(|e| corrupt(e.to_string()))?;
    let at = Timestamp::parse(&at).map_err(|e| corrupt(e.to_string()))?;
    Ok(Versioned {
        value,
        meta: VersionMeta {
            key,
            version,
            at,
            actor,
            reason,
            hash,
        },
    })
}

const COLUMNS: &str = "key, version, at, actor, reason, body, hash";

pub(crate) fn read_current<T: Record>(
    conn: &Connection,
    table: Table,
    key: &str,
) -> Result<Option<Versioned<T>>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM {} WHERE key = ?1 ORDER BY version DESC LIMIT 1",
        table.name()
    );
    conn.query_row(&sql, params![key], meta_and_body)
        .optional()?
        .map(|row| decode(table, row))
        .transpose()
}

fn read_version<T: Record>(
    conn: &Connection,
    table: Table,
    key: &str,
    version: u32,
) -> Result<Option<Versioned<T>>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM {} WHERE key = ?1 AND version = ?2",
        table.name()
    );
    conn.query_row(&sql, params![key, version], meta_and_body)
        .optional()?
        .map(|row| decode(table, row))
        .transpose()
}

fn read_all_current<T: Record>(conn: &Connection, table: Table) -> Result<Vec<Versioned<T>>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM {}_current ORDER BY key",
        table.name()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], meta_and_body)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(decode(table, row?)?);
    }
    Ok(out)
}

fn history(conn: &Connection, table: Table, key: &str) -> Result<Vec<VersionMeta>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM {} WHERE key = ?1 ORDER BY version",
        table.name()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![key], meta_and_body)?;
    let mut out = Vec::new();
    for row in rows {
        let (key, version, at, actor, reason, _, hash) = row?;
        let at = Timestamp::parse(&at).map_err(|e| Error::Corrupt {
            what: table.what(),
            key: key.clone(),
            reason: e.to_string(),
        })?;
        out.push(VersionMeta {
            key,
            version,
            at,
            actor,
            reason,
            hash,
        });
    }
    Ok(out)
}

/// Writes a new version of `key` (unless identical) with its audit entry.
/// Call inside a transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_version<T: Serialize>(
    conn: &Connection,
    audit: &dyn AuditSink,
    table: Table,
    key: &str,
    value: &T,
    synthetic: bool,
    expected: Option<u32>,
    change: &Change,
    summary: &str,
) -> Result<Saved> {
    let body = serde_json::to_string(value).map_err(|e| Error::Corrupt {
        what: table.what(),
        key: key.to_owned(),
        reason: e.to_string(),
    })?;
    let hash = sha256_hex(body.as_bytes());
    let sql = format!(
        "SELECT version, hash FROM {} WHERE key = ?1 ORDER BY version DESC LIMIT 1",
        table.name()
    );
    let current: Option<(u32, String)> = conn
        .query_row(&sql, params![key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let object = format!("{}/{key}", table.name());
    let current_version = current.as_ref().map_or(0, |c| c.0);
    if let Some(exp) = expected
        && exp != current_version
    {
        return Err(Error::Stale {
            object,
            expected: exp,
            current: current_version,
        });
    }
    if let Some((v, h)) = &current
        && *h == hash
    {
        return Ok(Saved {
            key: key.to_owned(),
            version: *v,
            unchanged: true,
        });
    }
    let version = current_version + 1;
    if change.reason.chars().count() > Label::MAX_CHARS {
        return Err(Error::invalid(
            "reason",
            change.reason.chars().take(40).collect::<String>() + "…",
            crate::error::Reason::new(
                format!("longer than {} characters", Label::MAX_CHARS),
                format!("dài quá {} ký tự", Label::MAX_CHARS),
            ),
        ));
    }
    let reason = if change.reason.trim().is_empty() {
        "(no reason given)".to_owned()
    } else {
        congthuong_core::text::nfc(change.reason.trim())
    };
    conn.execute(
        &format!(
            "INSERT INTO {} (key, version, at, actor, reason, synthetic, body, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            table.name()
        ),
        params![
            key,
            version,
            change.at.to_string(),
            change.actor.to_string(),
            reason,
            synthetic,
            body,
            hash
        ],
    )?;
    let detail = serde_json::json!({
        "version": version,
        "reason": reason,
        "summary": summary,
        "synthetic": synthetic,
    })
    .to_string();
    audit.append(
        conn,
        &AuditEntry {
            at: change.at,
            actor: change.actor.to_string(),
            action: format!(
                "{}.{}",
                table.name(),
                if current.is_some() {
                    "update"
                } else {
                    "create"
                }
            ),
            object: format!("{object}@{version}"),
            hash_before: current.map(|c| c.1),
            hash_after: Some(hash),
            detail,
        },
    )?;
    Ok(Saved {
        key: key.to_owned(),
        version,
        unchanged: false,
    })
}

/// Checks that `new` keeps the history of `old` (see the module doc).
pub fn check_history(old: &Project, new: &Project) -> Result<()> {
    let object = format!("project {}", old.id);
    let refuse = |en: String, vi: String| {
        Err(Error::AppendOnly {
            object: object.clone(),
            reason: Reason::new(en, vi),
        })
    };
    for om in &old.milestones {
        let Some(nm) = new.milestone(om.code.as_str()) else {
            return refuse(
                format!(
                    "milestone {} is missing: milestones are never removed",
                    om.code
                ),
                format!("thiếu mốc {}: mốc tiến độ không bao giờ bị xoá", om.code),
            );
        };
        if nm.baseline != om.baseline {
            return refuse(
                format!(
                    "milestone {}: the baseline {} cannot be changed to {}; record a re-plan instead",
                    om.code, om.baseline, nm.baseline
                ),
                format!(
                    "mốc {}: không đổi được kế hoạch gốc {} thành {}; hãy ghi một lần điều chỉnh",
                    om.code, om.baseline, nm.baseline
                ),
            );
        }
        if nm.replans.len() < om.replans.len() || nm.replans[..om.replans.len()] != om.replans[..] {
            return refuse(
                format!(
                    "milestone {}: earlier re-plans cannot be changed or removed",
                    om.code
                ),
                format!(
                    "mốc {}: không sửa hay xoá được các lần điều chỉnh trước",
                    om.code
                ),
            );
        }
    }
    if new.updates.len() < old.updates.len() || new.updates[..old.updates.len()] != old.updates[..]
    {
        return refuse(
            "earlier progress updates cannot be changed or removed".into(),
            "không sửa hay xoá được các cập nhật tiến độ trước".into(),
        );
    }
    Ok(())
}

/// Saves a project inside a transaction (see the module doc for the rules).
pub(crate) fn save_project_in(
    conn: &Connection,
    audit: &dyn AuditSink,
    p: &Project,
    expected: Option<u32>,
    change: &Change,
) -> Result<Saved> {
    p.validate()?;
    let object = format!("project {}", p.id);
    let old: Option<Versioned<Project>> = read_current(conn, Table::Projects, p.id.as_str())?;
    change
        .actor
        .check_place(old.as_ref().map(|o| &o.value.place), &p.place, &object)?;
    let summary = match &old {
        Some(o) => {
            check_history(&o.value, p)?;
            summarize_project_change(&o.value, p)
        }
        None => "created".to_owned(),
    };
    write_version(
        conn,
        audit,
        Table::Projects,
        p.id.as_str(),
        p,
        p.synthetic,
        expected,
        change,
        &summary,
    )
}

/// A short account of what changed, for the audit entry.
pub fn summarize_project_change(old: &Project, new: &Project) -> String {
    let mut parts = Vec::new();
    let replans = |p: &Project| p.milestones.iter().map(|m| m.replans.len()).sum::<usize>();
    let actuals = |p: &Project| p.milestones.iter().filter(|m| m.actual.is_some()).count();
    let pairs = [
        ("milestones", old.milestones.len(), new.milestones.len()),
        ("re-plans", replans(old), replans(new)),
        ("milestones done", actuals(old), actuals(new)),
        ("procedures", old.procedures.len(), new.procedures.len()),
        ("blockers", old.blockers.len(), new.blockers.len()),
        ("updates", old.updates.len(), new.updates.len()),
        (
            "disbursement years",
            old.disbursement.len(),
            new.disbursement.len(),
        ),
        (
            "earned-value reports",
            old.earned_value.len(),
            new.earned_value.len(),
        ),
    ];
    for (name, a, b) in pairs {
        if a != b {
            parts.push(format!("{name} {a} → {b}"));
        }
    }
    if parts.is_empty() {
        "fields edited".to_owned()
    } else {
        parts.join(", ")
    }
}

pub(crate) fn save_strategy_in(
    conn: &Connection,
    audit: &dyn AuditSink,
    r: &StrategyRecord,
    expected: Option<u32>,
    change: &Change,
) -> Result<Saved> {
    r.validate()?;
    let kinds = strategy_kinds_in(conn)?;
    if !kinds.iter().any(|k| k.code == r.kind) {
        return Err(Error::NotFound {
            what: "strategy kind",
            key: r.kind.to_string(),
        });
    }
    let old: Option<Versioned<StrategyRecord>> = read_current(conn, Table::Strategies, &r.key())?;
    change.actor.check_place(
        old.as_ref().map(|o| &o.value.place),
        &r.place,
        &format!("strategy record {}", r.key()),
    )?;
    write_version(
        conn,
        audit,
        Table::Strategies,
        &r.key(),
        r,
        r.synthetic,
        expected,
        change,
        if r.issued { "issued" } else { "not issued" },
    )
}

pub(crate) fn save_investment_in(
    conn: &Connection,
    audit: &dyn AuditSink,
    r: &InvestmentRecord,
    expected: Option<u32>,
    change: &Change,
) -> Result<Saved> {
    r.validate()?;
    let old: Option<Versioned<InvestmentRecord>> = read_current(conn, Table::Investment, &r.key())?;
    change.actor.check_place(
        old.as_ref().map(|o| &o.value.place),
        &r.place,
        &format!("investment record {}", r.key()),
    )?;
    write_version(
        conn,
        audit,
        Table::Investment,
        &r.key(),
        r,
        r.synthetic,
        expected,
        change,
        "investment figures",
    )
}

pub(crate) fn save_difficulty_in(
    conn: &Connection,
    audit: &dyn AuditSink,
    d: &Difficulty,
    expected: Option<u32>,
    change: &Change,
) -> Result<Saved> {
    d.validate()?;
    let object = format!("difficulty {}", d.id);
    let old = read_current::<Difficulty>(conn, Table::Difficulties, d.id.as_str())?;
    change
        .actor
        .check_place(old.as_ref().map(|o| &o.value.place), &d.place, &object)?;
    write_version(
        conn,
        audit,
        Table::Difficulties,
        d.id.as_str(),
        d,
        d.synthetic,
        expected,
        change,
        crate::model::common::Vocabulary::code(d.status),
    )
}

pub(crate) fn save_strategy_kind_in(
    conn: &Connection,
    audit: &dyn AuditSink,
    k: &StrategyKind,
    change: &Change,
) -> Result<Saved> {
    change
        .actor
        .check_analyst(&format!("strategy kind {}", k.code))?;
    write_version(
        conn,
        audit,
        Table::StrategyKinds,
        k.code.as_str(),
        k,
        false,
        None,
        change,
        "catalogue",
    )
}

/// The catalogue: the seeded kinds, overridden or extended by stored ones.
pub(crate) fn strategy_kinds_in(conn: &Connection) -> Result<Vec<StrategyKind>> {
    let mut kinds = StrategyKind::defaults();
    for k in read_all_current::<StrategyKind>(conn, Table::StrategyKinds)? {
        match kinds.iter_mut().find(|d| d.code == k.value.code) {
            Some(d) => *d = k.value,
            None => kinds.push(k.value),
        }
    }
    kinds.sort_by(|a, b| a.order.cmp(&b.order).then(a.code.cmp(&b.code)));
    Ok(kinds)
}

/// The repository: a connection and an audit sink.
pub struct Repo {
    conn: Connection,
    audit: Box<dyn AuditSink>,
}

/// How long a write waits for another connection's write to finish (the
/// main store's own writer, another process): as long as the main store
/// waits.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

impl Repo {
    /// Opens the registers inside the main store's database file
    /// (`congthuong.sqlite3`), which the main store must have created and
    /// migrated first (`SqliteStore::open`): a second connection to the
    /// same file, in WAL mode with `synchronous = FULL` and a busy
    /// timeout, applying the `proj_*` migrations (recorded in
    /// `proj_migrations`, never in `PRAGMA user_version`) and writing its
    /// audit entries into the main store's `audit_log`. A missing file or
    /// a file without `audit_log` is refused: nothing is created.
    pub fn open_shared(path: &Path) -> Result<Self> {
        use rusqlite::OpenFlags;
        let refuse = |reason: &str| Error::Invalid {
            field: "database",
            input: path.display().to_string(),
            // A setup failure of the server (logged), not the reader's.
            reason: Reason::new(reason, reason),
        };
        if !path.is_file() {
            return Err(refuse(
                "no such database file: open the main store first (it creates congthuong.sqlite3)",
            ));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if !AuditLog::exists(&conn)? {
            return Err(refuse(
                "not the main store's database (it has no audit_log table)",
            ));
        }
        Self::with_connection(conn, Box::new(AuditLog))
    }

    /// Opens (creating if needed) a database file of the registers alone,
    /// applies the migrations and logs to its own `audit` table.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        AuditTable::ensure(&conn)?;
        Self::with_connection(conn, Box::new(AuditTable))
    }

    /// An in-memory database (tests).
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        AuditTable::ensure(&conn)?;
        Self::with_connection(conn, Box::new(AuditTable))
    }

    /// Uses a connection the caller opened (the main store's) and its
    /// audit sink; applies the migrations.
    pub fn with_connection(conn: Connection, audit: Box<dyn AuditSink>) -> Result<Self> {
        migrate(&conn)?;
        Ok(Self { conn, audit })
    }

    /// The audit entries of objects starting with `prefix` (e.g.
    /// `proj_projects/DA-01@`), oldest first, from wherever this
    /// repository logs.
    pub fn audit_entries(&self, prefix: &str) -> Result<Vec<AuditEntry>> {
        self.audit.entries(&self.conn, prefix)
    }

    /// The connection (for reading the audit table in tests and tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction (the write lock is
    /// taken first, so a read followed by a write never fails on another
    /// connection's commit; other writers are waited for up to
    /// [`BUSY_TIMEOUT`]); anything it returns as an error rolls every
    /// write back.
    pub(crate) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&Connection, &dyn AuditSink) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx, self.audit.as_ref())?;
        tx.commit()?;
        Ok(out)
    }

    /// Saves a project: a new version when anything changed. `expected`
    /// is the version the edit is based on (`Some(0)` for "must be new";
    /// `None` skips the check).
    pub fn save_project(
        &mut self,
        p: &Project,
        expected: Option<u32>,
        change: &Change,
    ) -> Result<Saved> {
        self.in_transaction(|c, a| save_project_in(c, a, p, expected, change))
    }

    /// The current version of a project.
    pub fn project(&self, id: &str) -> Result<Option<Versioned<Project>>> {
        read_current(&self.conn, Table::Projects, id)
    }

    /// A past version of a project.
    pub fn project_version(&self, id: &str, version: u32) -> Result<Option<Versioned<Project>>> {
        read_version(&self.conn, Table::Projects, id, version)
    }

    /// Every version's metadata, oldest first.
    pub fn project_history(&self, id: &str) -> Result<Vec<VersionMeta>> {
        history(&self.conn, Table::Projects, id)
    }

    /// The current version of every project, by id.
    pub fn projects(&self) -> Result<Vec<Versioned<Project>>> {
        read_all_current(&self.conn, Table::Projects)
    }

    /// The current projects without version data.
    pub fn project_values(&self) -> Result<Vec<Project>> {
        Ok(self.projects()?.into_iter().map(|v| v.value).collect())
    }

    /// The late items of the projects in `areas` (codes on `version`) on
    /// `as_of`: see [`crate::queries::late_for_areas`].
    pub fn late_for_areas(
        &self,
        areas: &[congthuong_core::AreaCode],
        version: congthuong_core::BoundaryVersion,
        as_of: Date,
    ) -> Result<Vec<crate::queries::LateItem>> {
        Ok(crate::queries::late_for_areas(
            &self.project_values()?,
            areas,
            version,
            as_of,
        ))
    }

    /// Records a re-plan of a milestone (appended to its history).
    pub fn replan(
        &mut self,
        project: &str,
        milestone: &str,
        date: Date,
        reason: &str,
        decision: Option<&str>,
        change: &Change,
    ) -> Result<Saved> {
        let r = Replan {
            date,
            reason: Label::parse(reason)?,
            decision: decision.map(Label::parse).transpose()?,
            by: change.actor.to_string(),
            at: change.at,
        };
        self.edit_project(project, None, change, |p| edits::replan(p, milestone, r))
    }

    /// Records (or corrects) the actual date of a milestone.
    pub fn record_actual(
        &mut self,
        project: &str,
        milestone: &str,
        date: Option<Date>,
        change: &Change,
    ) -> Result<Saved> {
        self.edit_project(project, None, change, |p| {
            edits::record_actual(p, milestone, date)
        })
    }

    /// Appends a progress update.
    pub fn add_update(
        &mut self,
        project: &str,
        update: ProgressUpdate,
        change: &Change,
    ) -> Result<Saved> {
        self.edit_project(project, None, change, |p| edits::add_update(p, update))
    }

    /// Saves a strategy record.
    pub fn save_strategy(
        &mut self,
        r: &StrategyRecord,
        expected: Option<u32>,
        change: &Change,
    ) -> Result<Saved> {
        self.in_transaction(|c, a| save_strategy_in(c, a, r, expected, change))
    }

    /// Adds or changes a strategy kind (analysts only).
    pub fn save_strategy_kind(&mut self, k: &StrategyKind, change: &Change) -> Result<Saved> {
        self.in_transaction(|c, a| save_strategy_kind_in(c, a, k, change))
    }

    /// The catalogue of strategy kinds.
    pub fn strategy_kinds(&self) -> Result<Vec<StrategyKind>> {
        strategy_kinds_in(&self.conn)
    }

    /// Every current strategy record.
    pub fn strategies(&self) -> Result<Vec<StrategyRecord>> {
        Ok(read_all_current(&self.conn, Table::Strategies)?
            .into_iter()
            .map(|v: Versioned<StrategyRecord>| v.value)
            .collect())
    }

    /// Saves an investment record.
    pub fn save_investment(
        &mut self,
        r: &InvestmentRecord,
        expected: Option<u32>,
        change: &Change,
    ) -> Result<Saved> {
        self.in_transaction(|c, a| save_investment_in(c, a, r, expected, change))
    }

    /// Every current investment record.
    pub fn investment(&self) -> Result<Vec<InvestmentRecord>> {
        Ok(read_all_current(&self.conn, Table::Investment)?
            .into_iter()
            .map(|v: Versioned<InvestmentRecord>| v.value)
            .collect())
    }

    /// Saves a difficulty.
    pub fn save_difficulty(
        &mut self,
        d: &Difficulty,
        expected: Option<u32>,
        change: &Change,
    ) -> Result<Saved> {
        self.in_transaction(|c, a| save_difficulty_in(c, a, d, expected, change))
    }

    /// A difficulty's current version.
    pub fn difficulty(&self, id: &str) -> Result<Option<Versioned<Difficulty>>> {
        read_current(&self.conn, Table::Difficulties, id)
    }

    /// Every current difficulty.
    pub fn difficulties(&self) -> Result<Vec<Difficulty>> {
        Ok(read_all_current(&self.conn, Table::Difficulties)?
            .into_iter()
            .map(|v: Versioned<Difficulty>| v.value)
            .collect())
    }

    /// How many versions each register holds (all keys, all versions).
    pub fn counts(&self) -> Result<Vec<(&'static str, u64, u64)>> {
        let mut out = Vec::new();
        for t in migrations::TABLES {
            let (keys, versions): (i64, i64) = self.conn.query_row(
                &format!("SELECT COUNT(DISTINCT key), COUNT(*) FROM {t}"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            out.push((t, keys.max(0) as u64, versions.max(0) as u64));
        }
        Ok(out)
    }
}

/// Parses a project id (helper for callers holding text).
pub fn project_key(id: &str) -> Result<Code> {
    Code::parse(id)
}
