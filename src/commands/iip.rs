//! `iip compile` and `iip link`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use congthuong_core::{BoundaryVersion, Geography, Period};
use congthuong_engine::Comparison;
use congthuong_engine::growth::growth;
use congthuong_engine::link::{Overlap, Series, chain_link, rereference};
use congthuong_intake::interchange::{ReadOptions, read_folder, write_outputs};

use crate::failure::user;

/// `congthuong iip compile`
pub fn compile(
    input: &Path,
    out: &Path,
    base_year: i32,
    boundaries: BoundaryVersion,
    threads: usize,
    max_errors: usize,
) -> anyhow::Result<()> {
    if !(1000..=9999).contains(&base_year) {
        return Err(user(format!(
            "--base-year {base_year}: expected a four-digit year"
        )));
    }
    let started = Instant::now();
    let geo = Geography::embedded();
    let opts = ReadOptions {
        base_year,
        output: boundaries,
        geo,
        error_cap: max_errors.max(1),
        threads,
    };
    let raw = read_folder(input, &opts).with_context(|| format!("reading {}", input.display()))?;
    let read = started.elapsed();
    let compiled = raw.compile(boundaries, geo)?;
    let replaced = write_outputs(&compiled, out)?;
    let rows: usize = compiled.index.iter().map(|s| s.values.len()).sum();
    eprintln!(
        "compiled {} series × {} months ({} index rows, {} warnings) on the {boundaries} boundaries into {}{} in {:.2} s (reading {:.2} s)",
        compiled.index.len(),
        compiled.range.len(),
        rows,
        compiled.warnings.len(),
        out.display(),
        if replaced {
            ", replacing earlier outputs"
        } else {
            ""
        },
        started.elapsed().as_secs_f64(),
        read.as_secs_f64(),
    );
    Ok(())
}

type Key = (String, String, String);

/// Reads an index.csv-shaped file (area, level, code, period, index) or a
/// two-column `period,index` file into series keyed by (area, level, code).
fn read_series(path: &Path) -> anyhow::Result<BTreeMap<Key, Series>> {
    let label = path.display().to_string();
    let mut r = csv::Reader::from_path(path).map_err(|e| user(format!("{label}: {e}")))?;
    let header: Vec<String> = r
        .headers()?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let (Some(period), Some(index)) = (col("period"), col("index")) else {
        return Err(user(format!(
            "{label}, line 1: needs columns period and index (the header has: {})",
            header.join(",")
        )));
    };
    let keys = [col("area"), col("level"), col("code")];
    let mut out: BTreeMap<Key, Series> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| user(format!("{label}: {e}")))?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").to_owned();
        let p: Period = rec
            .get(period)
            .unwrap_or("")
            .parse()
            .map_err(|e| user(format!("{label}, line {line}, column period: {e}")))?;
        let raw = rec.get(index).unwrap_or("");
        if raw.trim().is_empty() {
            continue;
        }
        let v: f64 = raw.trim().parse().map_err(|_| {
            user(format!(
                "{label}, line {line}, column index: unparsable number {raw:?}"
            ))
        })?;
        out.entry((get(keys[0]), get(keys[1]), get(keys[2])))
            .or_default()
            .insert(p, v);
    }
    Ok(out)
}

/// `congthuong iip link`
pub fn link(
    old: &Path,
    new: &Path,
    overlap_year: Option<i32>,
    overlap_month: Option<Period>,
    reference_year: Option<i32>,
    out: &Path,
) -> anyhow::Result<()> {
    let overlap = match (overlap_year, overlap_month) {
        (Some(y), None) => Overlap::Annual(y),
        (None, Some(m)) => Overlap::Month(m),
        _ => {
            return Err(user(
                "give exactly one of --overlap-year and --overlap-month",
            ));
        }
    };
    let old_series = read_series(old)?;
    let new_series = read_series(new)?;
    let keyed = old_series
        .keys()
        .any(|(a, l, c)| !a.is_empty() || !l.is_empty() || !c.is_empty());
    let mut linked = Vec::new();
    for (key, o) in &old_series {
        let Some(n) = new_series.get(key) else {
            continue;
        };
        let mut s = chain_link(o, n, overlap)
            .with_context(|| format!("linking {} {} {}", key.0, key.1, key.2))?;
        if let Some(y) = reference_year {
            s = rereference(&s, y)?;
        }
        linked.push((key, s));
    }
    if linked.is_empty() {
        return Err(user(
            "the two files have no series in common (same area, level and code)",
        ));
    }
    let mut w =
        csv::Writer::from_path(out).with_context(|| format!("writing {}", out.display()))?;
    if keyed {
        w.write_record([
            "area",
            "level",
            "code",
            "period",
            "index",
            "mom_pct",
            "yoy_pct",
            "ytd_yoy_pct",
        ])?;
    } else {
        w.write_record(["period", "index", "mom_pct", "yoy_pct", "ytd_yoy_pct"])?;
    }
    let fmt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for ((area, level, code), s) in &linked {
        // Growth needs consecutive months: fill the range, gaps give empty growth.
        let (Some(first), Some(last)) = (s.keys().next(), s.keys().next_back()) else {
            continue;
        };
        let range = congthuong_core::PeriodRange::new(*first, *last);
        let dense: Vec<f64> = range
            .iter()
            .map(|p| s.get(&p).copied().unwrap_or(f64::NAN))
            .collect();
        for (t, p) in range.iter().enumerate() {
            let v = dense[t];
            if v.is_nan() {
                continue;
            }
            let g = |c: Comparison| growth(&dense, range.first, t, c).filter(|g| g.is_finite());
            let mut row = Vec::new();
            if keyed {
                row.extend([area.clone(), level.clone(), code.clone()]);
            }
            row.extend([
                p.to_string(),
                v.to_string(),
                fmt(g(Comparison::Mom)),
                fmt(g(Comparison::Yoy)),
                fmt(g(Comparison::Ytd)),
            ]);
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    eprintln!("linked {} series into {}", linked.len(), out.display());
    Ok(())
}
