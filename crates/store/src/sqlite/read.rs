//! The read paths, and the [`Store`] implementation that ties reads and
//! writes together.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::{SqliteStore, write};
use crate::error::{Result, StoreError};
use crate::model::{
    AuditEntry, ContributionRow, Dataset, IndexRow, IndicatorValue, NewRelease, NewSubmission,
    ReferenceSource, ReferenceValue, Release, ReportingUnit, RowFilter, Submission,
    SubmissionFilter, SubmissionKey, SubmitOutcome, TargetValue, WarningRow,
};
use crate::progress::Progress;
use crate::store::Store;

const SUBMISSION_COLUMNS: &str = "id, dataset, area, period, version, actor, created_at, note, source, content_hash, row_count, warnings";

fn submission_row(r: &Row) -> rusqlite::Result<Submission> {
    let dataset: String = r.get(1)?;
    let warnings: String = r.get(11)?;
    Ok(Submission {
        id: r.get(0)?,
        key: SubmissionKey {
            dataset: Dataset::parse(&dataset).unwrap_or(Dataset::Microdata),
            area: r.get(2)?,
            period: r.get(3)?,
        },
        version: r.get(4)?,
        actor: r.get(5)?,
        created_at: r.get(6)?,
        note: r.get(7)?,
        source: r.get(8)?,
        content_hash: r.get(9)?,
        row_count: r.get(10)?,
        warnings: serde_json::from_str(&warnings).unwrap_or_default(),
    })
}

/// One submission by id.
pub fn submission(c: &Connection, id: i64) -> Result<Submission> {
    c.prepare_cached(&format!(
        "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE id = ?1"
    ))?
    .query_row([id], submission_row)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("no submission {id}")))
}

fn release_row(c: &Connection, r: &Row) -> rusqlite::Result<Release> {
    let id: i64 = r.get(0)?;
    let inputs = c
        .prepare_cached(
            "SELECT submission_id FROM release_inputs WHERE release_id = ?1 ORDER BY submission_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(Release {
        id,
        period: r.get(1)?,
        created_at: r.get(2)?,
        actor: r.get(3)?,
        note: r.get(4)?,
        base_year: r.get(5)?,
        content_hash: r.get(6)?,
        inputs,
        counts: [r.get(7)?, r.get(8)?, r.get(9)?],
    })
}

const RELEASE_COLUMNS: &str = "id, period, created_at, actor, note, base_year, content_hash, n_index, n_contributions, n_warnings";

/// `AND column = ?` clauses for the filter's fields that are set.
fn row_filter(f: &RowFilter, with_level: bool) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    let mut eq = |col: &str, v: &Option<String>| {
        if let Some(v) = v {
            sql.push_str(&format!(" AND {col} = ?"));
            args.push(v.clone());
        }
    };
    eq("boundaries", &f.boundaries);
    eq("area", &f.area);
    if with_level {
        eq("level", &f.level);
        eq("code", &f.code);
    }
    if let Some(from) = &f.from {
        sql.push_str(" AND period >= ?");
        args.push(from.clone());
    }
    if let Some(to) = &f.to {
        sql.push_str(" AND period <= ?");
        args.push(to.clone());
    }
    (sql, args)
}

fn ids_clause(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("({})", list.join(","))
}

impl Store for SqliteStore {
    fn submit(
        &self,
        batch: Vec<NewSubmission>,
        progress: &dyn Progress,
    ) -> Result<Vec<SubmitOutcome>> {
        use rayon::prelude::*;
        // Hash outside the write lock, in parallel.
        let hashes: Vec<String> = batch
            .par_iter()
            .map(|s| crate::hash::sha256_hex(&s.content))
            .collect();
        let units = write::reporting_units(&batch);
        self.write(|tx| write::submit(tx, &batch, &hashes, &units, progress))
    }

    fn submissions(&self, f: &SubmissionFilter) -> Result<Vec<Submission>> {
        let table = if f.current_only {
            "current_submissions"
        } else {
            "submissions"
        };
        let mut sql = format!("SELECT {SUBMISSION_COLUMNS} FROM {table} WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        if let Some(d) = f.dataset {
            sql.push_str(" AND dataset = ?");
            args.push(d.as_str().to_owned());
        }
        if let Some(a) = &f.area {
            sql.push_str(" AND area = ?");
            args.push(a.clone());
        }
        if let Some(p) = &f.period {
            sql.push_str(" AND period = ?");
            args.push(p.clone());
        }
        sql.push_str(" ORDER BY dataset, area, period, version");
        self.read(|c| {
            Ok(c.prepare(&sql)?
                .query_map(params_from_iter(args.iter()), submission_row)?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn submission(&self, id: i64) -> Result<Submission> {
        self.read(|c| submission(c, id))
    }

    fn content(&self, hash: &str) -> Result<Vec<u8>> {
        self.read(|c| {
            c.prepare_cached("SELECT bytes FROM blobs WHERE hash = ?1")?
                .query_row([hash], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("no content with hash {hash}")))
        })
    }

    fn indicator_rows(&self, submissions: &[i64]) -> Result<Vec<IndicatorValue>> {
        if submissions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT area, period, indicator, value, unit, status FROM indicator_values
             WHERE submission_id IN {} ORDER BY indicator, area, period",
            ids_clause(submissions)
        );
        self.read(|c| {
            Ok(c.prepare(&sql)?
                .query_map([], |r| {
                    Ok(IndicatorValue {
                        area: r.get(0)?,
                        period: r.get(1)?,
                        indicator: r.get(2)?,
                        value: r.get(3)?,
                        unit: r.get(4)?,
                        status: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn target_rows(&self, submissions: &[i64]) -> Result<Vec<TargetValue>> {
        if submissions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT area, year, indicator, target FROM target_values
             WHERE submission_id IN {} ORDER BY indicator, area, year",
            ids_clause(submissions)
        );
        self.read(|c| {
            Ok(c.prepare(&sql)?
                .query_map([], |r| {
                    Ok(TargetValue {
                        area: r.get(0)?,
                        year: r.get(1)?,
                        indicator: r.get(2)?,
                        target: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn reporting_units(&self, area: Option<&str>) -> Result<Vec<ReportingUnit>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT unit_id, area, first_period, last_period FROM reporting_units
                 WHERE ?1 IS NULL OR area = ?1 ORDER BY area, unit_id",
            )?;
            Ok(stmt
                .query_map([area], |r| {
                    Ok(ReportingUnit {
                        unit_id: r.get(0)?,
                        area: r.get(1)?,
                        first_period: r.get(2)?,
                        last_period: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn put_release(&self, release: NewRelease, progress: &dyn Progress) -> Result<Release> {
        let hash = crate::release::content_hash(&release);
        let snapshot = release
            .snapshot
            .as_ref()
            .map(|b| (crate::hash::sha256_hex(b), b));
        let id = self.write(|tx| {
            let id = write::put_release(tx, &release, &hash, progress)?;
            if let Some((h, bytes)) = &snapshot {
                super::accounts::put_snapshot(tx, id, h, bytes)?;
            }
            Ok(id)
        })?;
        self.release(id)
    }

    fn releases(&self) -> Result<Vec<Release>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {RELEASE_COLUMNS} FROM releases ORDER BY id"
            ))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(release_row(c, r)?);
            }
            Ok(out)
        })
    }

    fn release(&self, id: i64) -> Result<Release> {
        self.read(|c| {
            c.prepare(&format!(
                "SELECT {RELEASE_COLUMNS} FROM releases WHERE id = ?1"
            ))?
            .query_row([id], |r| release_row(c, r))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no release {id}")))
        })
    }

    fn release_index(&self, id: i64, f: &RowFilter) -> Result<Vec<IndexRow>> {
        let (clause, args) = row_filter(f, true);
        let sql = format!(
            "SELECT boundaries, area, level, code, period, idx, mom_pct, yoy_pct, ytd_yoy_pct
             FROM release_index WHERE release_id = {id}{clause}
             ORDER BY boundaries, area, level, code, period"
        );
        self.read(|c| {
            Ok(c.prepare(&sql)?
                .query_map(params_from_iter(args.iter()), |r| {
                    Ok(IndexRow {
                        boundaries: r.get(0)?,
                        area: r.get(1)?,
                        level: r.get(2)?,
                        code: r.get(3)?,
                        period: r.get(4)?,
                        index: r.get(5)?,
                        mom_pct: r.get(6)?,
                        yoy_pct: r.get(7)?,
                        ytd_yoy_pct: r.get(8)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn release_contributions(&self, id: i64, f: &RowFilter) -> Result<Vec<ContributionRow>> {
        let (clause, args) = row_filter(f, false);
        let sql = format!(
            "SELECT boundaries, area, period, comparison, parent, child_level, child, contribution_pp
             FROM release_contributions WHERE release_id = {id}{clause}
             ORDER BY boundaries, area, period, comparison, parent, child_level, child"
        );
        self.read(|c| {
            Ok(c.prepare(&sql)?
                .query_map(params_from_iter(args.iter()), |r| {
                    Ok(ContributionRow {
                        boundaries: r.get(0)?,
                        area: r.get(1)?,
                        period: r.get(2)?,
                        comparison: r.get(3)?,
                        parent: r.get(4)?,
                        child_level: r.get(5)?,
                        child: r.get(6)?,
                        contribution_pp: r.get(7)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn release_warnings(&self, id: i64) -> Result<Vec<WarningRow>> {
        self.read(|c| {
            Ok(c.prepare(
                "SELECT boundaries, area, code, period, message FROM release_warnings
                 WHERE release_id = ?1 ORDER BY boundaries, seq",
            )?
            .query_map([id], |r| {
                Ok(WarningRow {
                    boundaries: r.get(0)?,
                    area: r.get(1)?,
                    code: r.get(2)?,
                    period: r.get(3)?,
                    message: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn release_indicators(&self, id: i64) -> Result<Vec<IndicatorValue>> {
        self.read(|c| {
            Ok(c.prepare(
                "SELECT area, period, indicator, value, unit, status FROM release_indicators
                 WHERE release_id = ?1 ORDER BY indicator, area, period",
            )?
            .query_map([id], |r| {
                Ok(IndicatorValue {
                    area: r.get(0)?,
                    period: r.get(1)?,
                    indicator: r.get(2)?,
                    value: r.get(3)?,
                    unit: r.get(4)?,
                    status: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn release_targets(&self, id: i64) -> Result<Vec<TargetValue>> {
        self.read(|c| {
            Ok(c.prepare(
                "SELECT area, year, indicator, target FROM release_targets
                 WHERE release_id = ?1 ORDER BY indicator, area, year",
            )?
            .query_map([id], |r| {
                Ok(TargetValue {
                    area: r.get(0)?,
                    year: r.get(1)?,
                    indicator: r.get(2)?,
                    target: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn put_reference(
        &self,
        source: &ReferenceSource,
        values: &[ReferenceValue],
        actor: &str,
    ) -> Result<bool> {
        let exists = self.read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS(SELECT 1 FROM reference_sources WHERE id = ?1)",
                [&source.id],
                |r| r.get::<_, bool>(0),
            )?)
        })?;
        if exists {
            return Ok(false);
        }
        let mut text = format!("{}\n{}\n{}\n", source.id, source.label, source.citation);
        for v in values {
            text.push_str(&format!(
                "{},{},{},{}\n",
                v.series, v.area, v.period, v.value
            ));
        }
        let hash = crate::hash::sha256_hex(text.as_bytes());
        self.write(|tx| write::put_reference(tx, source, values, actor, &hash))
    }

    fn reference_sources(&self) -> Result<Vec<ReferenceSource>> {
        self.read(|c| {
            Ok(
                c.prepare("SELECT id, label, citation FROM reference_sources ORDER BY id")?
                    .query_map([], |r| {
                        Ok(ReferenceSource {
                            id: r.get(0)?,
                            label: r.get(1)?,
                            citation: r.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?,
            )
        })
    }

    fn reference_values(&self, source: &str) -> Result<Vec<ReferenceValue>> {
        self.read(|c| {
            Ok(c.prepare(
                "SELECT source, series, area, period, value FROM reference_values
                 WHERE source = ?1 ORDER BY series, area, period",
            )?
            .query_map([source], |r| {
                Ok(ReferenceValue {
                    source: r.get(0)?,
                    series: r.get(1)?,
                    area: r.get(2)?,
                    period: r.get(3)?,
                    value: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
        })
    }

    fn log(&self, actor: &str, action: &str, object: &str, detail: &str) -> Result<()> {
        self.write(|tx| write::audit(tx, actor, action, object, None, None, detail))
    }

    fn release_snapshot(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.read(|c| super::accounts::snapshot(c, id))
    }

    fn add_user(
        &self,
        user: &crate::accounts::NewUser,
        actor: &str,
    ) -> Result<crate::accounts::User> {
        if !crate::accounts::valid_username(&user.username) {
            return Err(StoreError::Invalid(format!(
                "invalid login name {:?}: use letters, digits, '.', '_' or '-'",
                user.username
            )));
        }
        let id = self.write(|tx| super::accounts::add_user(tx, user, actor))?;
        self.user_by_id(id)?
            .ok_or_else(|| StoreError::NotFound(format!("no account {id}")))
    }

    fn users(&self) -> Result<Vec<crate::accounts::User>> {
        self.read(super::accounts::users)
    }

    fn user_by_name(&self, name: &str) -> Result<Option<crate::accounts::User>> {
        self.read(|c| super::accounts::user_by_name(c, name))
    }

    fn user_by_id(&self, id: i64) -> Result<Option<crate::accounts::User>> {
        self.read(|c| super::accounts::user_by_id(c, id))
    }

    fn user_event(
        &self,
        name: &str,
        event: &str,
        password_hash: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| super::accounts::user_event(tx, name, event, password_hash, actor))
    }

    fn put_session(&self, session: &crate::accounts::SessionRecord) -> Result<()> {
        self.write(|tx| super::accounts::put_session(tx, session))
    }

    fn session(&self, token_digest: &str) -> Result<Option<crate::accounts::SessionRecord>> {
        self.read(|c| super::accounts::session(c, token_digest))
    }

    fn end_session(&self, token_digest: &str) -> Result<()> {
        self.write(|tx| super::accounts::end_session(tx, token_digest))
    }

    fn audit(&self, limit: Option<usize>) -> Result<Vec<AuditEntry>> {
        let limit = limit.map_or(-1, |l| l as i64);
        self.read(|c| {
            let mut rows: Vec<AuditEntry> = c
                .prepare(
                    "SELECT id, at, actor, action, object, hash_before, hash_after, detail
                     FROM audit_log ORDER BY id DESC LIMIT ?1",
                )?
                .query_map(params![limit], |r| {
                    Ok(AuditEntry {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        actor: r.get(2)?,
                        action: r.get(3)?,
                        object: r.get(4)?,
                        hash_before: r.get(5)?,
                        hash_after: r.get(6)?,
                        detail: r.get(7)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows.reverse();
            Ok(rows)
        })
    }
}
