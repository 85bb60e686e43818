//! `release create | list | show | diff`.

use std::time::Instant;

use congthuong_core::{BoundaryVersion, Period};
use congthuong_store::release::{ReleaseOptions, create_release, diff};
use congthuong_store::{RowFilter, Store};

use super::store::Ctx;
use crate::output::{stdout_csv, write_table};
use crate::progress::Bar;

fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `congthuong release create`
pub fn create(
    ctx: &Ctx,
    period: Period,
    note: &str,
    base_year: Option<i32>,
    synthetic: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let store = ctx.open()?;
    let opts = ReleaseOptions {
        synthetic,
        period,
        base_year,
        actor: ctx.actor.clone(),
        note: note.to_owned(),
    };
    let r = create_release(&store, &opts, &Bar::default())?;
    eprintln!(
        "release {} ({}; base year {}): {} input submissions, {} index rows, {} contribution rows, {} warnings; content {} ; in {:.2} s",
        r.id,
        r.period,
        r.base_year,
        r.inputs.len(),
        r.counts[0],
        r.counts[1],
        r.counts[2],
        &r.content_hash[..12],
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

const RELEASE_HEADER: [&str; 10] = [
    "id",
    "period",
    "created_at",
    "actor",
    "note",
    "base_year",
    "content_hash",
    "inputs",
    "index_rows",
    "warnings",
];

fn release_row(r: &congthuong_store::Release) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.period.clone(),
        r.created_at.clone(),
        r.actor.clone(),
        r.note.clone(),
        r.base_year.to_string(),
        r.content_hash.clone(),
        r.inputs.len().to_string(),
        r.counts[0].to_string(),
        r.counts[2].to_string(),
    ]
}

/// `congthuong release list`
pub fn list(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let rows = store.releases()?;
    write_table(stdout_csv(), &RELEASE_HEADER, rows.iter().map(release_row))
}

/// `congthuong release show`
pub fn show(
    ctx: &Ctx,
    id: i64,
    index: bool,
    area: Option<String>,
    code: Option<String>,
    boundaries: Option<BoundaryVersion>,
) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let r = store.release(id)?;
    if !index {
        let mut w = stdout_csv();
        w.write_record(["field", "value"])?;
        for (k, v) in RELEASE_HEADER.iter().zip(release_row(&r)) {
            w.write_record([*k, v.as_str()])?;
        }
        let ids: Vec<String> = r.inputs.iter().map(i64::to_string).collect();
        w.write_record(["input_submissions", ids.join(" ").as_str()])?;
        for warning in store.release_warnings(id)? {
            let text = format!(
                "[{}] {} {} {}",
                warning.boundaries, warning.area, warning.code, warning.message
            );
            w.write_record(["warning", text.trim()])?;
        }
        w.flush()?;
        return Ok(());
    }
    let filter = RowFilter {
        boundaries: boundaries.map(|b| b.as_str().to_owned()),
        area,
        code,
        ..Default::default()
    };
    let rows = store.release_index(id, &filter)?;
    write_table(
        stdout_csv(),
        &[
            "boundaries",
            "area",
            "level",
            "code",
            "period",
            "index",
            "mom_pct",
            "yoy_pct",
            "ytd_yoy_pct",
        ],
        rows.into_iter().map(|x| {
            vec![
                x.boundaries,
                x.area,
                x.level,
                x.code,
                x.period,
                x.index.to_string(),
                num(x.mom_pct),
                num(x.yoy_pct),
                num(x.ytd_yoy_pct),
            ]
        }),
    )
}

/// `congthuong release diff`
pub fn release_diff(ctx: &Ctx, a: i64, b: i64, all: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let store = ctx.open()?;
    let d = diff(&store, a, b)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "release {} ({}, {}, {:?}) → release {} ({}, {}, {:?})",
        d.a.id, d.a.period, d.a.created_at, d.a.note, d.b.id, d.b.period, d.b.created_at, d.b.note
    )?;
    writeln!(out, "\nsubmissions that differ: {}", d.inputs.len())?;
    let who = |s: &congthuong_store::Submission| {
        format!(
            "version {} by {} at {} ({:?})",
            s.version, s.actor, s.created_at, s.note
        )
    };
    for c in &d.inputs {
        let before = c.before.as_ref().map_or("not used".into(), who);
        let after = c.after.as_ref().map_or("not used".into(), who);
        writeln!(out, "  {}: {before} → {after}", c.key)?;
    }
    writeln!(
        out,
        "\nindex rows that differ (by more than 1e-9, or in one release only): {}; contribution rows: {}",
        d.index.len(),
        d.contributions_changed
    )?;
    if !d.index.is_empty() {
        writeln!(out)?;
        out.flush()?;
        drop(out);
        let shown = if all { d.index.len() } else { 50 };
        let table = d.index_table(Some(shown));
        let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
        write_table(stdout_csv(), &columns, table.rows)?;
        if d.index.len() > shown {
            eprintln!(
                "… and {} more changed rows (use --all)",
                d.index.len() - shown
            );
        }
    }
    Ok(())
}
