//! The write paths: submissions, releases, reference series and audit
//! entries. Each runs inside the caller's transaction; each write adds
//! its audit entry in that same transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::bounded::{DETAIL_BYTES, NAME_BYTES, cut};
use crate::error::Result;
use crate::model::{
    NewRelease, NewSubmission, ReferenceSource, ReferenceValue, Rows, Submission, SubmitOutcome,
};
use crate::progress::Progress;
use crate::time::now_rfc3339;

/// A reporting unit seen: (unit, area, first month, last month).
pub type ReportingUnitRow<'a> = (&'a str, &'a str, &'a str, &'a str);

/// The reporting units of a batch, first and last month of each, in key
/// (unit, area) order. Made before the write lock, in parallel by area;
/// units of submissions that turn out unchanged are counted too, which
/// is harmless (they were recorded when first stored).
pub fn reporting_units(batch: &[NewSubmission]) -> Vec<ReportingUnitRow<'_>> {
    use rayon::prelude::*;
    let mut by_area: HashMap<&str, Vec<&NewSubmission>> = HashMap::new();
    for s in batch.iter().filter(|s| !s.units.is_empty()) {
        by_area.entry(s.key.area.as_str()).or_default().push(s);
    }
    let by_area: Vec<(&str, Vec<&NewSubmission>)> = by_area.into_iter().collect();
    let mut rows: Vec<ReportingUnitRow> = by_area
        .par_iter()
        .flat_map_iter(|(area, subs)| {
            // Each submission's units are sorted: merge them month by
            // month into one sorted list, keeping the first and last month.
            let mut acc: Vec<(&str, &str, &str)> = Vec::new();
            for s in subs {
                let period = s.key.period.as_str();
                let mut units: Vec<&str> = s.units.iter().map(String::as_str).collect();
                if !units.is_sorted() {
                    units.sort_unstable();
                }
                units.dedup();
                let mut merged = Vec::with_capacity(acc.len() + units.len());
                let (mut i, mut j) = (0, 0);
                while i < acc.len() || j < units.len() {
                    let next = units.get(j).copied();
                    match (acc.get(i), next) {
                        (Some(a), Some(u)) if a.0 == u => {
                            merged.push((a.0, a.1.min(period), a.2.max(period)));
                            i += 1;
                            j += 1;
                        }
                        (Some(a), Some(u)) if a.0 < u => {
                            merged.push(*a);
                            i += 1;
                        }
                        (Some(a), None) => {
                            merged.push(*a);
                            i += 1;
                        }
                        (_, Some(u)) => {
                            merged.push((u, period, period));
                            j += 1;
                        }
                        (None, None) => break,
                    }
                }
                acc = merged;
            }
            acc.into_iter()
                .map(move |(u, first, last)| (u, *area, first, last))
        })
        .collect();
    rows.par_sort_unstable();
    rows
}

/// Adds an audit entry (its texts cut to the caps of [`crate::bounded`]).
pub fn audit(
    tx: &Transaction,
    actor: &str,
    action: &str,
    object: &str,
    before: Option<&str>,
    after: Option<&str>,
    detail: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit_log(at, actor, action, object, hash_before, hash_after, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        now_rfc3339(),
        cut(actor, NAME_BYTES),
        cut(action, NAME_BYTES),
        cut(object, NAME_BYTES),
        before,
        after,
        cut(detail, DETAIL_BYTES)
    ])?;
    Ok(())
}

/// Stores a batch (see [`crate::Store::submit`]); `hashes[i]` is the
/// SHA-256 of `batch[i].content`.
pub fn submit(
    tx: &Transaction,
    batch: &[NewSubmission],
    hashes: &[String],
    units: &[ReportingUnitRow],
    progress: &dyn Progress,
) -> Result<Vec<SubmitOutcome>> {
    let now = now_rfc3339();
    let mut out = Vec::with_capacity(batch.len());
    progress.start("storing", batch.len() as u64);
    for (s, hash) in batch.iter().zip(hashes) {
        let latest: Option<(i64, i64, String)> = tx
            .prepare_cached(
                "SELECT id, version, content_hash FROM submissions
                 WHERE dataset = ?1 AND area = ?2 AND period = ?3
                 ORDER BY version DESC LIMIT 1",
            )?
            .query_row(
                params![s.key.dataset.as_str(), s.key.area, s.key.period],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((id, _, h)) = &latest
            && h == hash
        {
            out.push(SubmitOutcome::Unchanged(super::read::submission(tx, *id)?));
            progress.advance(1);
            continue;
        }
        tx.prepare_cached(
            "INSERT OR IGNORE INTO blobs(hash, encoding, size, bytes) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![hash, s.encoding, s.content.len() as i64, s.content])?;
        let version = latest.as_ref().map_or(1, |l| l.1 + 1);
        let warnings = serde_json::to_string(&s.warnings).unwrap_or_else(|_| "[]".into());
        let id: i64 = tx
            .prepare_cached(
                "INSERT INTO submissions(dataset, area, period, version, actor, created_at, note,
                                         source, content_hash, row_count, warnings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
            )?
            .query_row(
                params![
                    s.key.dataset.as_str(),
                    s.key.area,
                    s.key.period,
                    version,
                    s.actor,
                    now,
                    s.note,
                    s.source,
                    hash,
                    s.row_count as i64,
                    warnings
                ],
                |r| r.get(0),
            )?;
        match &s.rows {
            Rows::None => {}
            Rows::Indicators(rows) => {
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO indicator_values(submission_id, area, period, indicator, value, unit, status)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?;
                for r in rows {
                    stmt.execute(params![
                        id,
                        r.area,
                        r.period,
                        r.indicator,
                        r.value,
                        r.unit,
                        r.status
                    ])?;
                }
            }
            Rows::Targets(rows) => {
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO target_values(submission_id, area, year, indicator, target)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for r in rows {
                    stmt.execute(params![id, r.area, r.year, r.indicator, r.target])?;
                }
            }
        }
        let detail = serde_json::json!({
            "version": version,
            "source": s.source,
            "rows": s.row_count,
            "warnings": s.warnings.len(),
            "note": s.note,
        })
        .to_string();
        audit(
            tx,
            &s.actor,
            "submit",
            &s.key.to_string(),
            latest.as_ref().map(|l| l.2.as_str()),
            Some(hash),
            &detail,
        )?;
        out.push(SubmitOutcome::Stored(Submission {
            id,
            key: s.key.clone(),
            version,
            actor: s.actor.clone(),
            created_at: now.clone(),
            note: s.note.clone(),
            source: s.source.clone(),
            content_hash: hash.clone(),
            row_count: s.row_count as i64,
            warnings: s.warnings.clone(),
        }));
        progress.advance(1);
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO reporting_units(unit_id, area, first_period, last_period) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(unit_id, area) DO UPDATE SET
           first_period = min(first_period, excluded.first_period),
           last_period = max(last_period, excluded.last_period)",
    )?;
    for (unit, area, first, last) in units {
        stmt.execute(params![unit, area, first, last])?;
    }
    progress.finish();
    Ok(out)
}

/// Stores a release; `hash` is its content hash.
pub fn put_release(
    tx: &Transaction,
    r: &NewRelease,
    hash: &str,
    progress: &dyn Progress,
) -> Result<i64> {
    let now = now_rfc3339();
    let id: i64 = tx.query_row(
        "INSERT INTO releases(period, created_at, actor, note, base_year, content_hash,
                              n_index, n_contributions, n_warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        params![
            r.period,
            now,
            r.actor,
            r.note,
            r.base_year,
            hash,
            r.index.len() as i64,
            r.contributions.len() as i64,
            r.warnings.len() as i64
        ],
        |row| row.get(0),
    )?;
    let total = (r.inputs.len() + r.index.len() + r.contributions.len()) as u64;
    progress.start("storing the release", total);
    let mut stmt =
        tx.prepare_cached("INSERT INTO release_inputs(release_id, submission_id) VALUES (?1, ?2)")?;
    for s in &r.inputs {
        stmt.execute(params![id, s])?;
    }
    progress.advance(r.inputs.len() as u64);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO release_index(release_id, boundaries, area, level, code, period, idx,
                                   mom_pct, yoy_pct, ytd_yoy_pct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    // In key order: each insert appends to the B-tree instead of splitting
    // pages all over it.
    let mut index: Vec<&crate::model::IndexRow> = r.index.iter().collect();
    index.sort_by(|a, b| {
        (&a.boundaries, &a.area, &a.level, &a.code, &a.period).cmp(&(
            &b.boundaries,
            &b.area,
            &b.level,
            &b.code,
            &b.period,
        ))
    });
    for (i, x) in index.into_iter().enumerate() {
        stmt.execute(params![
            id,
            x.boundaries,
            x.area,
            x.level,
            x.code,
            x.period,
            x.index,
            x.mom_pct,
            x.yoy_pct,
            x.ytd_yoy_pct
        ])?;
        if i % 10_000 == 9_999 {
            progress.advance(10_000);
        }
    }
    progress.advance((r.index.len() % 10_000) as u64);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO release_contributions(release_id, boundaries, area, period, comparison,
                                           parent, child_level, child, contribution_pp)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut contributions: Vec<&crate::model::ContributionRow> = r.contributions.iter().collect();
    contributions.sort_by(|a, b| {
        (
            &a.boundaries,
            &a.area,
            &a.period,
            &a.comparison,
            &a.parent,
            &a.child_level,
            &a.child,
        )
            .cmp(&(
                &b.boundaries,
                &b.area,
                &b.period,
                &b.comparison,
                &b.parent,
                &b.child_level,
                &b.child,
            ))
    });
    for (i, x) in contributions.into_iter().enumerate() {
        stmt.execute(params![
            id,
            x.boundaries,
            x.area,
            x.period,
            x.comparison,
            x.parent,
            x.child_level,
            x.child,
            x.contribution_pp
        ])?;
        if i % 10_000 == 9_999 {
            progress.advance(10_000);
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO release_warnings(release_id, boundaries, seq, area, code, period, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, x) in r.warnings.iter().enumerate() {
        stmt.execute(params![
            id,
            x.boundaries,
            i as i64,
            x.area,
            x.code,
            x.period,
            x.message
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO release_indicators(release_id, area, period, indicator, value, unit, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for x in &r.indicators {
        stmt.execute(params![
            id,
            x.area,
            x.period,
            x.indicator,
            x.value,
            x.unit,
            x.status
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO release_targets(release_id, area, year, indicator, target)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for x in &r.targets {
        stmt.execute(params![id, x.area, x.year, x.indicator, x.target])?;
    }
    let detail = serde_json::json!({
        "period": r.period,
        "base_year": r.base_year,
        "inputs": r.inputs.len(),
        "index_rows": r.index.len(),
        "contribution_rows": r.contributions.len(),
        "warnings": r.warnings.len(),
        "indicators": r.indicators.len(),
        "targets": r.targets.len(),
        "note": r.note,
    })
    .to_string();
    audit(
        tx,
        &r.actor,
        "release",
        &format!("release/{id}"),
        None,
        Some(hash),
        &detail,
    )?;
    progress.finish();
    Ok(id)
}

/// Loads a reference source unless it is already there.
pub fn put_reference(
    tx: &Transaction,
    source: &ReferenceSource,
    values: &[ReferenceValue],
    actor: &str,
    hash: &str,
) -> Result<bool> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM reference_sources WHERE id = ?1)",
        [&source.id],
        |r| r.get(0),
    )?;
    if exists {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO reference_sources(id, label, citation, loaded_at) VALUES (?1, ?2, ?3, ?4)",
        params![source.id, source.label, source.citation, now_rfc3339()],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO reference_values(source, series, area, period, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for v in values {
        stmt.execute(params![source.id, v.series, v.area, v.period, v.value])?;
    }
    audit(
        tx,
        actor,
        "load-reference",
        &format!("reference/{}", source.id),
        None,
        Some(hash),
        &format!("{} values; {}", values.len(), source.citation),
    )?;
    Ok(true)
}
