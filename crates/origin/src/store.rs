//! Saved checks: an origin check someone chose to keep (an exporter's
//! product tested for a province's export-readiness view), in the main
//! database's `origin_checks` table.
//!
//! The table is created by [`migrate`] with its own migration table
//! (`origin_schema_migrations`; `PRAGMA user_version` belongs to the main
//! store). Checks are append-only: a triggers refuse UPDATE and DELETE; a
//! new check is a new row. The request (as given, JSON) and the result
//! (the assessments, JSON) are kept whole, with one `agreement:outcome`
//! pair per agreement for counting. [`CheckStore::save`] runs the caller's
//! audit write in the same transaction.

use congthuong_sqlite::Migration;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::agreement::Agreement;
use crate::error::{Error, Result};
use crate::evaluate::{Assessment, Outcome};

const MIGRATIONS: &[Migration] = &[(
    1,
    "origin checks",
    "
CREATE TABLE origin_checks (
    id           INTEGER PRIMARY KEY,
    at           TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    province     TEXT    NOT NULL,
    product_name TEXT    NOT NULL,
    product_hs   TEXT    NOT NULL,
    rule         TEXT    NOT NULL,
    outcomes     TEXT    NOT NULL,
    brand_id     INTEGER,
    synthetic    INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
    request_json TEXT    NOT NULL,
    result_json  TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE INDEX origin_checks_province ON origin_checks(province);
CREATE TRIGGER origin_checks_no_update BEFORE UPDATE ON origin_checks
BEGIN SELECT RAISE(ABORT, 'origin_checks is append-only: UPDATE refused'); END;
CREATE TRIGGER origin_checks_no_delete BEFORE DELETE ON origin_checks
BEGIN SELECT RAISE(ABORT, 'origin_checks is append-only: DELETE refused'); END;
",
)];

/// Creates or upgrades the `origin_` tables; each migration runs once.
pub fn migrate(conn: &Connection) -> Result<()> {
    Ok(congthuong_sqlite::migrate(
        conn,
        "origin_schema_migrations",
        MIGRATIONS,
    )?)
}

/// A check to save.
#[derive(Clone, Debug)]
pub struct NewCheck<'a> {
    /// When (RFC 3339, the caller's clock).
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// The province it counts for (a 2025 code).
    pub province: &'a str,
    /// The product's name, NFC.
    pub product_name: &'a str,
    /// The product's HS code as tested.
    pub product_hs: &'a str,
    /// The rule as tested (canonical spelling).
    pub rule: &'a str,
    /// The register product it is about, if any.
    pub brand_id: Option<i64>,
    /// Demo data.
    pub synthetic: bool,
    /// The request as given (JSON).
    pub request_json: &'a str,
    /// The result.
    pub assessments: &'a [Assessment],
}

/// A saved check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SavedCheck {
    /// Its id.
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The province.
    pub province: String,
    /// The product's name.
    pub product_name: String,
    /// Its HS code.
    pub product_hs: String,
    /// The rule tested.
    pub rule: String,
    /// Each agreement tested and its outcome.
    pub outcomes: Vec<(Agreement, Outcome)>,
    /// The register product, if any.
    pub brand_id: Option<i64>,
    /// Demo data.
    pub synthetic: bool,
    /// SHA-256 of the request and result as stored.
    pub hash: String,
}

impl SavedCheck {
    /// True when the product qualifies under at least one agreement.
    pub fn passes_any(&self) -> bool {
        self.outcomes.iter().any(|(_, o)| *o == Outcome::Pass)
    }
}

/// The saved checks on one connection.
#[derive(Debug)]
pub struct CheckStore {
    conn: Connection,
}

fn outcome_code(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Undetermined => "undetermined",
    }
}

fn parse_outcomes(s: &str) -> Vec<(Agreement, Outcome)> {
    s.split(',')
        .filter_map(|pair| {
            let (a, o) = pair.split_once(':')?;
            let o = match o {
                "pass" => Outcome::Pass,
                "fail" => Outcome::Fail,
                _ => Outcome::Undetermined,
            };
            Some((Agreement::parse(a).ok()?, o))
        })
        .collect()
}

const COLUMNS: &str =
    "id, at, actor, province, product_name, product_hs, rule, outcomes, brand_id, synthetic, hash";

fn read(r: &Row<'_>) -> rusqlite::Result<SavedCheck> {
    Ok(SavedCheck {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        province: r.get(3)?,
        product_name: r.get(4)?,
        product_hs: r.get(5)?,
        rule: r.get(6)?,
        outcomes: parse_outcomes(&r.get::<_, String>(7)?),
        brand_id: r.get(8)?,
        synthetic: r.get(9)?,
        hash: r.get(10)?,
    })
}

impl CheckStore {
    /// Uses an open connection (the main database's), migrating it.
    pub fn with_connection(conn: Connection) -> Result<Self> {
        migrate(&conn)?;
        Ok(Self { conn })
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> Result<Self> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    /// Saves a check; `audit` runs in the same transaction with the new
    /// check (its error stores nothing).
    pub fn save(
        &mut self,
        new: &NewCheck<'_>,
        audit: impl FnOnce(&Connection, &SavedCheck) -> Result<()>,
    ) -> Result<SavedCheck> {
        let result_json = serde_json::to_string(new.assessments)
            .map_err(|e| Error::Store(format!("result not serialisable: {e}")))?;
        let hash: String = Sha256::digest(format!("{}\n{result_json}", new.request_json))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let outcomes = new
            .assessments
            .iter()
            .map(|a| {
                format!(
                    "{}:{}",
                    a.agreement.code().to_lowercase(),
                    outcome_code(a.outcome)
                )
            })
            .collect::<Vec<_>>()
            .join(",");
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO origin_checks (at, actor, province, product_name, product_hs, rule, outcomes, brand_id, synthetic, request_json, result_json, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                new.at,
                new.actor,
                new.province,
                new.product_name,
                new.product_hs,
                new.rule,
                outcomes,
                new.brand_id,
                new.synthetic,
                new.request_json,
                result_json,
                hash
            ],
        )?;
        let id = tx.last_insert_rowid();
        let saved = tx.query_row(
            &format!("SELECT {COLUMNS} FROM origin_checks WHERE id = ?1"),
            [id],
            read,
        )?;
        audit(&tx, &saved)?;
        tx.commit()?;
        Ok(saved)
    }

    /// The saved checks, newest first, of one province or all.
    pub fn list(&self, province: Option<&str>) -> Result<Vec<SavedCheck>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM origin_checks WHERE ?1 IS NULL OR province = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([province], read)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One check with its request and result JSON.
    pub fn get(&self, id: i64) -> Result<Option<(SavedCheck, String, String)>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS}, request_json, result_json FROM origin_checks WHERE id = ?1"
                ),
                [id],
                |r| Ok((read(r)?, r.get(11)?, r.get(12)?)),
            )
            .optional()?)
    }

    /// The connection (for callers sharing the database).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;
    use rust_decimal::Decimal;

    fn assessments(vnm: i64) -> Vec<Assessment> {
        let product = Product::new(HsCode::parse("7308.90").unwrap(), Decimal::from(90))
            .unwrap()
            .with_fob(Decimal::from(100))
            .unwrap();
        let bom = BillOfMaterials::new(vec![
            Material::new(
                2,
                Some(HsCode::parse("7208.51").unwrap()),
                "thép",
                Decimal::from(vnm),
                Originating::No,
                Some(Country::parse("CN").unwrap()),
            )
            .unwrap(),
        ]);
        let rule = Rule::parse("RVC40").unwrap();
        [Agreement::Atiga, Agreement::Rcep]
            .iter()
            .map(|a| {
                assess(
                    &Profile::standard(*a),
                    &product,
                    &bom,
                    &rule,
                    &Context::default(),
                )
            })
            .collect()
    }

    #[test]
    fn saved_checks_keep_their_outcomes_and_are_append_only() {
        let mut s = CheckStore::open_in_memory().unwrap();
        let pass = assessments(60);
        let new = NewCheck {
            at: "2026-11-26T01:00:00.000000Z",
            actor: "lan",
            province: "24",
            product_name: "Khung thép",
            product_hs: "7308.90",
            rule: "RVC40",
            brand_id: None,
            synthetic: false,
            request_json: "{}",
            assessments: &pass,
        };
        let saved = s.save(&new, |_, _| Ok(())).unwrap();
        assert_eq!(
            saved.outcomes,
            vec![
                (Agreement::Atiga, Outcome::Pass),
                (Agreement::Rcep, Outcome::Pass)
            ]
        );
        assert!(saved.passes_any());
        let fail = assessments(61);
        let refused = s.save(
            &NewCheck {
                assessments: &fail,
                ..new.clone()
            },
            |_, _| Err(Error::Store("audit refused".into())),
        );
        assert!(refused.is_err());
        assert_eq!(
            s.list(None).unwrap().len(),
            1,
            "the audit failure stored nothing"
        );
        let second = s
            .save(
                &NewCheck {
                    assessments: &fail,
                    province: "01",
                    ..new
                },
                |_, _| Ok(()),
            )
            .unwrap();
        assert!(!second.passes_any());
        assert_eq!(s.list(Some("24")).unwrap(), vec![saved.clone()]);
        let (_, request, result) = s.get(saved.id).unwrap().unwrap();
        assert_eq!(request, "{}");
        assert!(result.contains("\"agreement\""), "{result}");
        assert!(
            s.connection()
                .execute("DELETE FROM origin_checks", [])
                .is_err()
        );
    }
}
