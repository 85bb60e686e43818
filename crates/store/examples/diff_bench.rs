//! Measures a release comparison on a demo-sized store, the way it was
//! computed before issue 13 item 3 (every stored index and contribution
//! row of both releases loaded, keyed by strings, compared; each input
//! submission read one by one) and the way it is now (the two snapshots
//! compared as arrays, only moved figures kept). Both end by serialising
//! the JSON answer, as the API did. Run by hand, never by CI:
//!
//! ```sh
//! cargo build --release -p congthuong-store --example diff_bench
//! B=target/release/examples/diff_bench
//! $B make /tmp/diff-bench   # 63 provinces × 132 months × 10 products (PRODUCTS=…), 3 releases
//! /usr/bin/time -v $B old /tmp/diff-bench 1 3
//! /usr/bin/time -v $B new /tmp/diff-bench 1 3
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period};
use congthuong_store::folder::{FolderOptions, import_folder};
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release, diff};
use congthuong_store::synthetic::{Spec, write_folder};
use congthuong_store::{
    Dataset, IndexRow, Release, RowFilter, SqliteStore, Store, Submission, SubmissionKey,
};
use serde::Serialize;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(&args[2]);
    match args[1].as_str() {
        "make" => make(&dir),
        mode => {
            let (a, b): (i64, i64) = (args[3].parse().unwrap(), args[4].parse().unwrap());
            let store = SqliteStore::open(&dir.join("data")).unwrap();
            let t = Instant::now();
            if mode == "old" {
                // The API answered every row in one JSON.
                let d = old_diff(&store, a, b);
                let bytes = serde_json::to_vec(&d).unwrap().len();
                println!(
                    "old: release {a} against {b}: {} index rows differ, JSON {} MB, {:.2} s",
                    d.index.len(),
                    bytes / 1_000_000,
                    t.elapsed().as_secs_f64()
                );
            } else {
                // The API answers a page of 1000 rows in JSON; the CSV has every row.
                let d = diff(&store, a, b).unwrap();
                let computed = t.elapsed().as_secs_f64();
                let page: Vec<_> = d.index.iter().take(1000).collect();
                let json = serde_json::to_vec(&serde_json::json!({
                    "a": d.a, "b": d.b, "inputs": d.inputs, "index_total": d.index.len(),
                    "index": page, "contributions_changed": d.contributions_changed,
                }))
                .unwrap()
                .len();
                let answered = t.elapsed().as_secs_f64();
                let table = d.index_table(None);
                let mut w = csv::Writer::from_writer(Vec::new());
                for r in &table.rows {
                    w.write_record(r).unwrap();
                }
                let csv = w.into_inner().unwrap().len();
                println!(
                    "new: release {a} against {b}: {} index rows differ; computed in {computed:.2} s; JSON page {} kB at {answered:.2} s; CSV of every row {} MB at {:.2} s",
                    d.index.len(),
                    json / 1000,
                    csv / 1_000_000,
                    t.elapsed().as_secs_f64()
                );
            }
        }
    }
}

fn make(dir: &std::path::Path) {
    let geo = Geography::embedded();
    let store = SqliteStore::open(&dir.join("data")).unwrap();
    let spec = |variant| Spec {
        base_year: 2015,
        first: "2015-01".parse().unwrap(),
        months: 132,
        provinces: geo
            .provinces(BoundaryVersion::Pre2025)
            .iter()
            .map(|p| p.code)
            .collect(),
        // 10 products give about the demo's 350 000 index rows per release.
        products: std::env::var("PRODUCTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10),
        units: 2,
        variant,
        series: true,
    };
    for (variant, period, note) in [
        (0, "2024-12", "first"),
        (1, "2025-12", "revised"),
        (1, "2025-12", "again"),
    ] {
        let folder = dir.join(format!("in-{variant}"));
        if !folder.exists() {
            write_folder(&folder, &spec(variant)).unwrap();
            import_folder(
                &store,
                &folder,
                &FolderOptions {
                    base_year: Some(2015),
                    actor: "bench".into(),
                    note: format!("variant {variant}"),
                    max_bytes: u64::MAX,
                    error_cap: 10,
                    threads: 2,
                },
                &NoProgress,
            )
            .unwrap();
        }
        let t = Instant::now();
        let r = create_release(
            &store,
            &ReleaseOptions {
                period: period.parse().unwrap(),
                base_year: None,
                actor: "bench".into(),
                note: note.into(),
                synthetic: true,
            },
            &NoProgress,
        )
        .unwrap();
        println!(
            "release {} ({period}): {} index rows, {} contribution rows, {:.1} s",
            r.id,
            r.counts[0],
            r.counts[1],
            t.elapsed().as_secs_f64()
        );
    }
}

// ---- The comparison as it was before (for the measurement only) ---------

#[derive(Serialize)]
struct OldInputChange {
    key: SubmissionKey,
    before: Option<Submission>,
    after: Option<Submission>,
}

#[derive(Serialize)]
struct OldIndexChange {
    before: Option<IndexRow>,
    after: Option<IndexRow>,
    because: Vec<String>,
}

#[derive(Serialize)]
struct OldDiff {
    a: Release,
    b: Release,
    inputs: Vec<OldInputChange>,
    index: Vec<OldIndexChange>,
    contributions_changed: usize,
}

fn differs(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > 1e-9,
        (None, None) => false,
        _ => true,
    }
}

type IndexKey = (String, String, String, String, String);

fn old_diff(store: &dyn Store, a: i64, b: i64) -> OldDiff {
    let (ra, rb) = (store.release(a).unwrap(), store.release(b).unwrap());
    let subs = |r: &Release| -> BTreeMap<SubmissionKey, Submission> {
        r.inputs
            .iter()
            .map(|id| {
                let s = store.submission(*id).unwrap();
                (s.key.clone(), s)
            })
            .collect()
    };
    let (sa, sb) = (subs(&ra), subs(&rb));
    let keys: BTreeSet<&SubmissionKey> = sa.keys().chain(sb.keys()).collect();
    let inputs: Vec<OldInputChange> = keys
        .into_iter()
        .filter(|k| sa.get(*k).map(|s| s.id) != sb.get(*k).map(|s| s.id))
        .map(|k| OldInputChange {
            key: k.clone(),
            before: sa.get(k).cloned(),
            after: sb.get(k).cloned(),
        })
        .collect();
    let base_changed: Vec<String> = inputs
        .iter()
        .filter(|c| {
            matches!(
                c.key.dataset,
                Dataset::Products | Dataset::Weights | Dataset::Groups
            )
        })
        .map(|c| c.key.to_string())
        .collect();
    let geo = Geography::embedded();
    let mut by_area: HashMap<String, Vec<String>> = HashMap::new();
    for c in inputs
        .iter()
        .filter(|c| c.key.dataset == Dataset::Microdata)
    {
        let key = c.key.to_string();
        by_area
            .entry(c.key.area.clone())
            .or_default()
            .push(key.clone());
        if let Ok(code) = AreaCode::parse(&c.key.area)
            && let Ok(p) = c.key.period.parse::<Period>()
            && BoundaryVersion::in_force(p) == BoundaryVersion::Pre2025
            && let Some(s) = geo.successor(code)
            && s != code
        {
            by_area.entry(s.as_str().to_owned()).or_default().push(key);
        }
    }
    let all_micro: Vec<String> = inputs
        .iter()
        .filter(|c| c.key.dataset == Dataset::Microdata)
        .map(|c| c.key.to_string())
        .collect();
    let rows = |id: i64| -> BTreeMap<IndexKey, IndexRow> {
        store
            .release_index(id, &RowFilter::default())
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    (
                        r.boundaries.clone(),
                        r.area.clone(),
                        r.level.clone(),
                        r.code.clone(),
                        r.period.clone(),
                    ),
                    r,
                )
            })
            .collect()
    };
    let (ia, ib) = (rows(a), rows(b));
    let keys: BTreeSet<_> = ia.keys().chain(ib.keys()).collect();
    let mut index = Vec::new();
    for k in keys {
        let (x, y) = (ia.get(k), ib.get(k));
        let changed = match (x, y) {
            (Some(x), Some(y)) => {
                differs(Some(x.index), Some(y.index))
                    || differs(x.mom_pct, y.mom_pct)
                    || differs(x.yoy_pct, y.yoy_pct)
                    || differs(x.ytd_yoy_pct, y.ytd_yoy_pct)
            }
            _ => true,
        };
        if !changed {
            continue;
        }
        let area = &k.1;
        let mut because = base_changed.clone();
        match by_area.get(area) {
            Some(v) => because.extend(v.iter().cloned()),
            None if AreaCode::parse(area).is_err() => because.extend(all_micro.iter().cloned()),
            None => {}
        }
        because.sort();
        because.dedup();
        index.push(OldIndexChange {
            before: x.cloned(),
            after: y.cloned(),
            because,
        });
    }
    let contribs = |id: i64| -> HashMap<String, f64> {
        store
            .release_contributions(id, &RowFilter::default())
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    format!(
                        "{}|{}|{}|{}|{}|{}|{}",
                        r.boundaries,
                        r.area,
                        r.period,
                        r.comparison,
                        r.parent,
                        r.child_level,
                        r.child
                    ),
                    r.contribution_pp,
                )
            })
            .collect()
    };
    let (ca, cb) = (contribs(a), contribs(b));
    let contributions_changed = ca
        .iter()
        .filter(|(k, v)| differs(Some(**v), cb.get(*k).copied()))
        .count()
        + cb.keys().filter(|k| !ca.contains_key(*k)).count();
    OldDiff {
        a: ra,
        b: rb,
        inputs,
        index,
        contributions_changed,
    }
}
