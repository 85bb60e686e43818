//! `import`, `import-folder`, `import-reference`, `template`,
//! `submissions`, `audit`, `backup` and `restore`: the store from the
//! command line. The logic is in `congthuong-store`; this module opens the
//! store, calls it and prints.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use congthuong_store::folder::{FolderOptions, import_folder};
use congthuong_store::submit::{ReportRequest, submit_report_file};
use congthuong_store::{Dataset, SqliteStore, Store, SubmissionFilter, SubmitOutcome, codec};

use crate::failure::user;
use crate::output::{stdout_csv, write_table};
use crate::progress::Bar;

/// What every store command needs.
pub struct Ctx {
    /// The data folder.
    pub data_dir: std::path::PathBuf,
    /// Who acts.
    pub actor: String,
    /// The largest file accepted.
    pub max_bytes: u64,
}

impl Ctx {
    /// Opens the store.
    pub fn open(&self) -> anyhow::Result<SqliteStore> {
        SqliteStore::open(&self.data_dir)
            .with_context(|| format!("opening the store in {}", self.data_dir.display()))
    }
}

fn describe(o: &SubmitOutcome) -> String {
    let s = o.submission();
    match o {
        SubmitOutcome::Stored(_) => format!(
            "stored {} version {} (submission {}, {} lines, {} warnings, content {})",
            s.key,
            s.version,
            s.id,
            s.row_count,
            s.warnings.len(),
            &s.content_hash[..12]
        ),
        SubmitOutcome::Unchanged(_) => format!(
            "unchanged: {} version {} (submission {}) already holds this content; no new version",
            s.key, s.version, s.id
        ),
    }
}

/// `congthuong import`
pub fn import(
    ctx: &Ctx,
    province: &str,
    period: &str,
    note: &str,
    max_errors: usize,
    file: &Path,
) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let req = ReportRequest {
        province: province.to_owned(),
        period: period.to_owned(),
        actor: ctx.actor.clone(),
        note: note.to_owned(),
        error_cap: max_errors,
        max_bytes: ctx.max_bytes,
    };
    let outcome = submit_report_file(&store, file, &req)
        .with_context(|| format!("rejected {}; nothing was stored", file.display()))?;
    eprintln!("{}", describe(&outcome));
    if outcome.is_new() {
        for w in &outcome.submission().warnings {
            eprintln!("  warning (kept for review): {w}");
        }
    }
    Ok(())
}

/// `congthuong import-folder`
pub fn import_dir(
    ctx: &Ctx,
    dir: &Path,
    base_year: Option<i32>,
    note: &str,
    threads: usize,
    max_errors: usize,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let store = ctx.open()?;
    let opts = FolderOptions {
        base_year,
        actor: ctx.actor.clone(),
        note: note.to_owned(),
        max_bytes: ctx.max_bytes,
        error_cap: max_errors,
        threads,
    };
    let bar = Bar::default();
    let report = import_folder(&store, dir, &opts, &bar)
        .with_context(|| format!("rejected {}; nothing was stored", dir.display()))?;
    let stored = report.outcomes.iter().filter(|o| o.is_new()).count();
    let warned: usize = report
        .outcomes
        .iter()
        .filter(|o| o.is_new())
        .map(|o| o.submission().warnings.len())
        .sum();
    let mut by_dataset: std::collections::BTreeMap<Dataset, (usize, usize)> = Default::default();
    for o in &report.outcomes {
        let e = by_dataset.entry(o.submission().key.dataset).or_default();
        if o.is_new() {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    let parts: Vec<String> = by_dataset
        .iter()
        .map(|(d, (new, same))| format!("{d}: {new} new, {same} unchanged"))
        .collect();
    eprintln!(
        "imported {}: {} submissions ({stored} new versions; {}), {} report lines, {warned} plausibility warnings, in {:.2} s (reading {:.2} s, preparing {:.2} s, storing {:.2} s)",
        dir.display(),
        report.outcomes.len(),
        parts.join("; "),
        report.lines,
        started.elapsed().as_secs_f64(),
        report.reading.as_secs_f64(),
        report.preparing.as_secs_f64(),
        report.storing.as_secs_f64(),
    );
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    if readme.starts_with("# congthuong demo data (synthetic)") {
        eprintln!(
            "note: {} is synthetic demo data; make its releases with `release create --synthetic` so every page says so",
            dir.display()
        );
    }
    Ok(())
}

/// `congthuong import-reference`
pub fn import_reference(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let loaded = congthuong_store::reference::load_embedded(&store, &ctx.actor)?;
    for s in store.reference_sources()? {
        let n = store.reference_values(&s.id)?.len();
        eprintln!("{}: {} ({n} values)", s.id, s.label);
    }
    if !loaded {
        eprintln!("already loaded; nothing changed");
    }
    Ok(())
}

/// `congthuong template`
pub fn template(ctx: &Ctx, province: &str, period: &str, out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        return Err(user(format!(
            "{} exists; the template is never written over a file",
            out.display()
        )));
    }
    let store = ctx.open()?;
    let bytes = congthuong_store::submit::template(&store, province, period)?;
    std::fs::write(out, bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote the report template for province {province}, {period} to {}",
        out.display()
    );
    Ok(())
}

const SUBMISSION_HEADER: [&str; 12] = [
    "id",
    "dataset",
    "area",
    "period",
    "version",
    "actor",
    "created_at",
    "note",
    "source",
    "content_hash",
    "row_count",
    "warnings",
];

fn submission_row(s: &congthuong_store::Submission) -> Vec<String> {
    vec![
        s.id.to_string(),
        s.key.dataset.to_string(),
        s.key.area.clone(),
        s.key.period.clone(),
        s.version.to_string(),
        s.actor.clone(),
        s.created_at.clone(),
        s.note.clone(),
        s.source.clone(),
        s.content_hash.clone(),
        s.row_count.to_string(),
        s.warnings.len().to_string(),
    ]
}

/// `congthuong submissions`
pub fn submissions(
    ctx: &Ctx,
    dataset: Option<&str>,
    area: Option<String>,
    period: Option<String>,
    current: bool,
) -> anyhow::Result<()> {
    let dataset = match dataset {
        None => None,
        Some(d) => Some(Dataset::parse(d).ok_or_else(|| {
            user(format!(
                "unknown dataset {d:?}; valid: {}",
                Dataset::ALL.map(|d| d.as_str()).join(", ")
            ))
        })?),
    };
    let store = ctx.open()?;
    let rows = store.submissions(&SubmissionFilter {
        dataset,
        area,
        period,
        current_only: current,
    })?;
    write_table(
        stdout_csv(),
        &SUBMISSION_HEADER,
        rows.iter().map(submission_row),
    )
}

/// `congthuong submissions show`
pub fn submission_show(ctx: &Ctx, id: i64, lines: bool) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let s = store.submission(id)?;
    if !lines {
        let mut w = stdout_csv();
        w.write_record(["field", "value"])?;
        for (k, v) in SUBMISSION_HEADER.iter().zip(submission_row(&s)) {
            w.write_record([*k, v.as_str()])?;
        }
        for warning in &s.warnings {
            w.write_record(["warning", warning.as_str()])?;
        }
        w.flush()?;
        return Ok(());
    }
    let bytes = store.content(&s.content_hash)?;
    if s.key.dataset == Dataset::Microdata {
        let decoded = codec::decode_lines(&bytes)
            .map_err(|e| anyhow::anyhow!("submission {id} is damaged: {e}"))?;
        let rows = decoded.iter().map(|(u, p, q)| {
            vec![
                s.key.period.clone(),
                s.key.area.clone(),
                u.to_owned(),
                p.to_owned(),
                quantity_text(q),
            ]
        });
        write_table(
            stdout_csv(),
            &["period", "area", "unit_id", "product", "quantity"],
            rows,
        )
    } else {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        Ok(())
    }
}

/// A quantity as exact decimal text.
fn quantity_text(q: congthuong_intake::number::Quantity) -> String {
    use congthuong_intake::number::Quantity;
    match q {
        Quantity::Scaled(v) => {
            let int = v / 1_000_000_000;
            let frac = v % 1_000_000_000;
            if frac == 0 {
                int.to_string()
            } else {
                format!("{int}.{frac:09}").trim_end_matches('0').to_owned()
            }
        }
        Quantity::Float(f) => format!("{f:?}"),
    }
}

/// `congthuong audit`
pub fn audit(ctx: &Ctx, limit: Option<usize>) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let rows = store.audit(limit)?;
    write_table(
        stdout_csv(),
        &[
            "id",
            "at",
            "actor",
            "action",
            "object",
            "hash_before",
            "hash_after",
            "detail",
        ],
        rows.into_iter().map(|e| {
            vec![
                e.id.to_string(),
                e.at,
                e.actor,
                e.action,
                e.object,
                e.hash_before.unwrap_or_default(),
                e.hash_after.unwrap_or_default(),
                e.detail,
            ]
        }),
    )
}

/// `congthuong backup`
pub fn backup(ctx: &Ctx, out: &Path) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let size = store.backup(out, &ctx.actor)?;
    eprintln!(
        "backed up {} to {} ({size} bytes)",
        store.path().display(),
        out.display()
    );
    Ok(())
}

/// `congthuong restore`
pub fn restore(ctx: &Ctx, from: &Path, yes: bool) -> anyhow::Result<()> {
    if !from.is_file() {
        return Err(user(format!("{}: no such backup file", from.display())));
    }
    let store = ctx.open()?;
    if !yes {
        let n = store.submissions(&SubmissionFilter::default())?.len();
        let r = store.releases()?.len();
        return Err(user(format!(
            "restoring replaces the database in {} ({n} submissions, {r} releases) with {}; run again with --yes (take a backup first if unsure)",
            ctx.data_dir.display(),
            from.display()
        )));
    }
    store.restore(from, &ctx.actor)?;
    let n = store.submissions(&SubmissionFilter::default())?.len();
    let r = store.releases()?.len();
    eprintln!(
        "restored {} from {} ({n} submissions, {r} releases)",
        store.path().display(),
        from.display()
    );
    Ok(())
}
