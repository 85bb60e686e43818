//! The brand register in the main database: tables prefixed `brand_`,
//! migrated by [`migrate`] with their own migration table
//! (`brand_schema_migrations`; `PRAGMA user_version` is the main store's).
//!
//! - `brand_products`: one row per product: its id, province (fixed at
//!   creation: it decides who may edit it), when and by whom created;
//! - `brand_versions`: every version of every product: the entry as
//!   [`EntryInput`] JSON in its canonical spelling, its SHA-256, who, when,
//!   why, and whether it is synthetic demo data;
//! - `brand_gtins`: the GTINs of each version (the Digital Link resolver
//!   finds a product by GTIN through the current versions).
//!
//! Rules: nothing is updated or deleted (triggers refuse it); an edit is a
//! new version, and an edit identical to the current version adds nothing;
//! an edit based on an older version than the current one is refused; a
//! GTIN belongs to one product at a time; a product stays in its province.
//! Every write runs the caller's audit callback inside its transaction
//! (object `brand/{id}@{version}`, hashes before and after). Reads
//! re-validate what they decode and report a record that no longer
//! validates as [`Error::Store`], never skip it.

use congthuong_sqlite::Migration;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::input::EntryInput;
use crate::register::RegisterEntry;

const MIGRATIONS: &[Migration] = &[(
    1,
    "brand register",
    "
CREATE TABLE brand_products (
    id         INTEGER PRIMARY KEY,
    province   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX brand_products_province ON brand_products(province);
CREATE TABLE brand_versions (
    product_id INTEGER NOT NULL REFERENCES brand_products(id),
    version    INTEGER NOT NULL,
    at         TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    synthetic  INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
    body       TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    PRIMARY KEY (product_id, version)
);
CREATE TABLE brand_gtins (
    gtin       TEXT    NOT NULL,
    product_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (gtin, product_id, version),
    FOREIGN KEY (product_id, version) REFERENCES brand_versions(product_id, version)
);
CREATE TRIGGER brand_products_no_update BEFORE UPDATE ON brand_products
BEGIN SELECT RAISE(ABORT, 'brand_products is append-only: UPDATE refused'); END;
CREATE TRIGGER brand_products_no_delete BEFORE DELETE ON brand_products
BEGIN SELECT RAISE(ABORT, 'brand_products is append-only: DELETE refused'); END;
CREATE TRIGGER brand_versions_no_update BEFORE UPDATE ON brand_versions
BEGIN SELECT RAISE(ABORT, 'brand_versions is append-only: UPDATE refused'); END;
CREATE TRIGGER brand_versions_no_delete BEFORE DELETE ON brand_versions
BEGIN SELECT RAISE(ABORT, 'brand_versions is append-only: DELETE refused'); END;
CREATE TRIGGER brand_gtins_no_update BEFORE UPDATE ON brand_gtins
BEGIN SELECT RAISE(ABORT, 'brand_gtins is append-only: UPDATE refused'); END;
CREATE TRIGGER brand_gtins_no_delete BEFORE DELETE ON brand_gtins
BEGIN SELECT RAISE(ABORT, 'brand_gtins is append-only: DELETE refused'); END;
",
)];

/// Creates or upgrades the `brand_` tables; each migration runs once.
pub fn migrate(conn: &Connection) -> Result<()> {
    Ok(congthuong_sqlite::migrate(
        conn,
        "brand_schema_migrations",
        MIGRATIONS,
    )?)
}

/// Who writes, when, why.
#[derive(Clone, Debug, Default)]
pub struct Change<'a> {
    /// When (RFC 3339, the caller's clock).
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// Why (kept with the version).
    pub note: &'a str,
    /// Synthetic demo data.
    pub synthetic: bool,
}

/// What the audit log should record about a write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditNote {
    /// `brand.create` or `brand.update`.
    pub action: &'static str,
    /// `brand/{id}@{version}`.
    pub object: String,
    /// The previous version's hash.
    pub hash_before: Option<String>,
    /// The new version's hash.
    pub hash_after: String,
    /// JSON: province, name, note.
    pub detail: String,
}

/// A product as stored: its current (or a chosen) version.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    /// Its id.
    pub id: i64,
    /// The version shown.
    pub version: u32,
    /// The entry.
    pub entry: RegisterEntry,
    /// When this version was written.
    pub at: String,
    /// By whom.
    pub actor: String,
    /// Why.
    pub note: String,
    /// Synthetic demo data.
    pub synthetic: bool,
    /// SHA-256 of the version's body.
    pub hash: String,
}

/// One version's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionMeta {
    /// 1, 2, …
    pub version: u32,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// Why.
    pub note: String,
    /// SHA-256 of the body.
    pub hash: String,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// A new product (version 1).
    Created(Product),
    /// A new version of a product.
    Updated(Product),
    /// Identical to the current version: nothing written.
    Unchanged(Product),
}

impl Saved {
    /// The product as it now is.
    pub fn product(&self) -> &Product {
        match self {
            Saved::Created(p) | Saved::Updated(p) | Saved::Unchanged(p) => p,
        }
    }
}

/// The register on one connection.
#[derive(Debug)]
pub struct BrandStore {
    conn: Connection,
}

fn body_of(entry: &RegisterEntry) -> (String, String) {
    let body = serde_json::to_string(&EntryInput::from_entry(entry)).unwrap_or_default();
    let hash = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    (body, hash)
}

const CURRENT: &str =
    "SELECT v.product_id, v.version, v.at, v.actor, v.note, v.synthetic, v.body, v.hash
     FROM brand_versions v
     JOIN (SELECT product_id, max(version) AS m FROM brand_versions GROUP BY product_id) c
       ON c.product_id = v.product_id AND c.m = v.version";

type RawRow = (i64, u32, String, String, String, bool, String, String);

fn raw(r: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn decode((id, version, at, actor, note, synthetic, body, hash): RawRow) -> Result<Product> {
    let corrupt =
        |why: String| Error::Store(format!("brand/{id}@{version} does not decode: {why}"));
    let input: EntryInput = serde_json::from_str(&body).map_err(|e| corrupt(e.to_string()))?;
    let entry = input.build().map_err(|errors| {
        corrupt(
            errors
                .iter()
                .map(|(f, r)| format!("{f}: {r}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(Product {
        id,
        version,
        entry,
        at,
        actor,
        note,
        synthetic,
        hash,
    })
}

fn query(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map(args, raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(decode).collect()
}

fn current_in(conn: &Connection, id: i64) -> Result<Option<Product>> {
    Ok(query(conn, &format!("{CURRENT} WHERE v.product_id = ?1"), [id])?.pop())
}

/// The product other than `except` whose current version has `gtin`.
fn gtin_owner(conn: &Connection, gtin: &str, except: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT g.product_id FROM brand_gtins g
               JOIN (SELECT product_id, max(version) AS m FROM brand_versions GROUP BY product_id) c
                 ON c.product_id = g.product_id AND c.m = g.version
              WHERE g.gtin = ?1 AND g.product_id != ?2 LIMIT 1",
            params![gtin, except],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes one save inside an open transaction.
fn save_in(
    conn: &Connection,
    id: Option<i64>,
    expected: Option<u32>,
    entry: &RegisterEntry,
    change: &Change<'_>,
    audit: &mut dyn FnMut(&Connection, &AuditNote) -> Result<()>,
) -> Result<Saved> {
    let current = match id {
        Some(id) => Some(current_in(conn, id)?.ok_or(Error::NoSuchProduct { id })?),
        None => None,
    };
    if let (Some(cur), Some(expected)) = (&current, expected)
        && cur.version != expected
    {
        return Err(Error::StaleEdit {
            id: cur.id,
            expected,
            current: cur.version,
        });
    }
    if let Some(cur) = &current
        && cur.entry.province != entry.province
    {
        return Err(Error::ProvinceChange {
            id: cur.id,
            from: cur.entry.province.to_string(),
            to: entry.province.to_string(),
        });
    }
    let (body, hash) = body_of(entry);
    if let Some(cur) = &current
        && cur.hash == hash
    {
        return Ok(Saved::Unchanged(cur.clone()));
    }
    for g in &entry.gtins {
        if let Some(other) = gtin_owner(conn, g.as_str(), id.unwrap_or(0))? {
            return Err(Error::GtinTaken {
                gtin: g.as_str().to_owned(),
                product: other,
            });
        }
    }
    let id = match id {
        Some(id) => id,
        None => {
            conn.execute(
                "INSERT INTO brand_products (province, created_at, created_by) VALUES (?1, ?2, ?3)",
                params![entry.province.as_str(), change.at, change.actor],
            )?;
            conn.last_insert_rowid()
        }
    };
    let version = current.as_ref().map_or(1, |c| c.version + 1);
    conn.execute(
        "INSERT INTO brand_versions (product_id, version, at, actor, note, synthetic, body, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            version,
            change.at,
            change.actor,
            congthuong_core::text::nfc(change.note.trim()),
            change.synthetic,
            body,
            hash
        ],
    )?;
    for g in &entry.gtins {
        conn.execute(
            "INSERT INTO brand_gtins (gtin, product_id, version) VALUES (?1, ?2, ?3)",
            params![g.as_str(), id, version],
        )?;
    }
    let note = AuditNote {
        action: if current.is_some() {
            "brand.update"
        } else {
            "brand.create"
        },
        object: format!("brand/{id}@{version}"),
        hash_before: current.as_ref().map(|c| c.hash.clone()),
        hash_after: hash,
        detail: serde_json::json!({
            "province": entry.province.as_str(),
            "name": entry.name,
            "note": change.note,
            "synthetic": change.synthetic,
        })
        .to_string(),
    };
    audit(conn, &note)?;
    let product = current_in(conn, id)?.ok_or(Error::NoSuchProduct { id })?;
    Ok(if current.is_some() {
        Saved::Updated(product)
    } else {
        Saved::Created(product)
    })
}

impl BrandStore {
    /// Uses an open connection (the main database's), migrating it.
    pub fn with_connection(conn: Connection) -> Result<Self> {
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        migrate(&conn)?;
        Ok(Self { conn })
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> Result<Self> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    /// Adds a product (`id` `None`) or a new version of product `id`
    /// based on version `expected` (`None`: no check). `audit` runs in the
    /// same transaction for every version written.
    pub fn save(
        &mut self,
        id: Option<i64>,
        expected: Option<u32>,
        entry: &RegisterEntry,
        change: &Change<'_>,
        mut audit: impl FnMut(&Connection, &AuditNote) -> Result<()>,
    ) -> Result<Saved> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let saved = save_in(&tx, id, expected, entry, change, &mut audit)?;
        tx.commit()?;
        Ok(saved)
    }

    /// Saves many entries in one transaction, all or nothing. An entry
    /// with an id updates that product; one without an id updates the
    /// product of the same province, name and producer when there is one,
    /// else adds a product (so importing a file twice adds nothing).
    pub fn save_all(
        &mut self,
        entries: &[(Option<i64>, RegisterEntry)],
        change: &Change<'_>,
        mut audit: impl FnMut(&Connection, &AuditNote) -> Result<()>,
    ) -> Result<Vec<Saved>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(entries.len());
        for (id, entry) in entries {
            let id = match id {
                Some(id) => Some(*id),
                None => find_in(&tx, entry)?,
            };
            out.push(save_in(&tx, id, None, entry, change, &mut audit)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// The current version of a product.
    pub fn get(&self, id: i64) -> Result<Option<Product>> {
        current_in(&self.conn, id)
    }

    /// Every version's metadata, oldest first.
    pub fn history(&self, id: i64) -> Result<Vec<VersionMeta>> {
        let mut stmt = self.conn.prepare(
            "SELECT version, at, actor, note, hash FROM brand_versions WHERE product_id = ?1 ORDER BY version",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(VersionMeta {
                version: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                note: r.get(3)?,
                hash: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The current products of a province (2025 code), or of all, by
    /// province then name.
    pub fn list(&self, province: Option<&str>) -> Result<Vec<Product>> {
        let mut v = query(
            &self.conn,
            &format!(
                "{CURRENT} JOIN brand_products p ON p.id = v.product_id WHERE ?1 IS NULL OR p.province = ?1"
            ),
            [province],
        )?;
        v.sort_by(|a, b| {
            (a.entry.province, &a.entry.name, a.id).cmp(&(b.entry.province, &b.entry.name, b.id))
        });
        Ok(v)
    }

    /// The product whose current version has this GTIN (14 digits).
    pub fn by_gtin(&self, gtin: &str) -> Result<Option<Product>> {
        match gtin_owner(&self.conn, gtin, 0)? {
            Some(id) => self.get(id),
            None => Ok(None),
        }
    }

    /// How many products are stored.
    pub fn len(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM brand_products", [], |r| {
                r.get::<_, i64>(0)
            })? as usize)
    }

    /// True when the register is empty.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// The connection (for callers sharing the database).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The product of the same province, name and producer, if any.
fn find_in(conn: &Connection, entry: &RegisterEntry) -> Result<Option<i64>> {
    let same = query(
        conn,
        &format!("{CURRENT} JOIN brand_products p ON p.id = v.product_id WHERE p.province = ?1"),
        [entry.province.as_str()],
    )?;
    Ok(same
        .into_iter()
        .find(|p| p.entry.name == entry.name && p.entry.producer == entry.producer)
        .map(|p| p.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, gtins: &str) -> EntryInput {
        EntryInput {
            province: "24".into(),
            name: name.into(),
            producer: "HTX Lục Ngạn".into(),
            group: "food".into(),
            score_a: "36".into(),
            score_b: "20".into(),
            score_c: "30".into(),
            decision: "123/QĐ-UBND".into(),
            decided: "2024-06-01".into(),
            gtins: gtins.into(),
            ..EntryInput::default()
        }
    }

    fn change(note: &str) -> Change<'_> {
        Change {
            at: "2026-11-26T01:00:00.000000Z",
            actor: "lan",
            note,
            synthetic: false,
        }
    }

    #[test]
    fn versions_hashes_and_audit_notes() {
        let mut s = BrandStore::open_in_memory().unwrap();
        let mut notes = Vec::new();
        let e = input("Vải thiều", "8934567000017").build().unwrap();
        let p = s
            .save(None, None, &e, &change("new"), |_, n| {
                notes.push(n.clone());
                Ok(())
            })
            .unwrap();
        let Saved::Created(p) = p else { panic!() };
        assert_eq!((p.version, p.entry.name.as_str()), (1, "Vải thiều"));
        let same = s.save(Some(p.id), Some(1), &e, &change("again"), |_, _| Ok(()));
        assert!(matches!(same.unwrap(), Saved::Unchanged(_)));
        let e2 = input("Vải thiều Lục Ngạn", "8934567000017")
            .build()
            .unwrap();
        let Saved::Updated(p2) = s
            .save(Some(p.id), Some(1), &e2, &change("rename"), |_, n| {
                notes.push(n.clone());
                Ok(())
            })
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(p2.version, 2);
        assert_eq!(notes[1].object, format!("brand/{}@2", p.id));
        assert_eq!(notes[1].hash_before.as_deref(), Some(p.hash.as_str()));
        assert_eq!(notes[1].hash_after, p2.hash);
        // A stale edit is refused; the first version stays readable.
        let stale = s
            .save(Some(p.id), Some(1), &e, &change("late"), |_, _| Ok(()))
            .unwrap_err();
        assert!(
            stale.to_string().contains("version 2 is current"),
            "{stale}"
        );
        assert_eq!(s.history(p.id).unwrap().len(), 2);
        assert_eq!(s.by_gtin("08934567000017").unwrap().unwrap().version, 2);
        assert!(
            s.connection()
                .execute("DELETE FROM brand_versions", [])
                .is_err()
        );
    }

    #[test]
    fn a_gtin_belongs_to_one_product_and_a_failed_audit_stores_nothing() {
        let mut s = BrandStore::open_in_memory().unwrap();
        let a = input("Vải", "8934567000017").build().unwrap();
        s.save(None, None, &a, &change(""), |_, _| Ok(())).unwrap();
        let b = input("Mật ong", "8934567000017").build().unwrap();
        let e = s
            .save(None, None, &b, &change(""), |_, _| Ok(()))
            .unwrap_err();
        assert!(
            e.to_string().contains("already belongs to product 1"),
            "{e}"
        );
        let c = input("Mật ong", "").build().unwrap();
        let e = s
            .save(None, None, &c, &change(""), |_, _| {
                Err(Error::Store("audit refused".into()))
            })
            .unwrap_err();
        assert!(!e.is_user_error());
        assert_eq!(s.len().unwrap(), 1);
    }

    #[test]
    fn importing_twice_adds_nothing_and_a_bad_row_stores_nothing() {
        let mut s = BrandStore::open_in_memory().unwrap();
        let rows = vec![
            (None, input("Vải", "8934567000017").build().unwrap()),
            (None, input("Mật ong", "8934567000024").build().unwrap()),
        ];
        let first = s.save_all(&rows, &change("import"), |_, _| Ok(())).unwrap();
        assert!(first.iter().all(|x| matches!(x, Saved::Created(_))));
        let again = s.save_all(&rows, &change("import"), |_, _| Ok(())).unwrap();
        assert!(again.iter().all(|x| matches!(x, Saved::Unchanged(_))));
        let clash = vec![
            (None, input("Chè", "").build().unwrap()),
            (None, input("Nấm", "8934567000017").build().unwrap()),
        ];
        assert!(s.save_all(&clash, &change("x"), |_, _| Ok(())).is_err());
        assert_eq!(s.len().unwrap(), 2, "all or nothing");
        let moved = EntryInput {
            province: "01".into(),
            ..input("Vải", "8934567000017")
        }
        .build()
        .unwrap();
        let e = s
            .save(Some(1), None, &moved, &change(""), |_, _| Ok(()))
            .unwrap_err();
        assert!(e.to_string().contains("stays in province 24"), "{e}");
        assert_eq!(s.list(Some("24")).unwrap().len(), 2);
        assert!(s.list(Some("01")).unwrap().is_empty());
    }
}
