//! The demo folder through the real reader and engine: calibration holds
//! for another seed and a small row count, the check can fail, and the
//! indicator files follow docs/INDICATORS.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use congthuong_core::{BoundaryVersion, Geography, Period};
use congthuong_demo::calibration::check;
use congthuong_demo::{GenerateOptions, generate};
use congthuong_engine::Compilation;
use congthuong_intake::interchange::{ReadOptions, read_folder};

fn compile(dir: &Path, output: BoundaryVersion) -> Compilation {
    let geo = Geography::embedded();
    let opts = ReadOptions {
        base_year: 2015,
        output,
        geo,
        error_cap: 10,
        threads: 2,
    };
    read_folder(dir, &opts)
        .unwrap()
        .compile(output, geo)
        .unwrap()
}

#[test]
fn calibration_holds_for_another_seed_and_the_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = GenerateOptions::new(dir.path().join("full"));
    opts.seed = 12345;
    opts.rows = 150_000;
    let summary = generate(&opts).unwrap();
    assert!(summary.rows >= 100_000, "{summary:?}");
    opts.out = dir.path().join("old");
    opts.to = "2025-06".parse().unwrap();
    generate(&opts).unwrap();
    let v2025 = compile(&dir.path().join("full"), BoundaryVersion::V2025);
    let pre2025 = compile(&dir.path().join("old"), BoundaryVersion::Pre2025);
    assert!(v2025.warnings.is_empty() && pre2025.warnings.is_empty());
    let checks = check(&v2025, &pre2025);
    assert_eq!(checks.len(), 16);
    for c in &checks {
        assert!(c.ok, "{c:?}");
    }
    // Read on the merged provinces, the pre-2025 targets are missed: the
    // check is not a formality.
    let wrong = check(&v2025, &v2025);
    assert!(wrong.iter().filter(|c| !c.ok).count() >= 5, "{wrong:?}");
}

#[test]
fn indicators_and_targets_follow_the_boundaries_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = GenerateOptions::new(dir.path().join("d"));
    opts.from = "2024-11".parse().unwrap();
    opts.to = "2025-09".parse().unwrap();
    opts.rows = 0;
    generate(&opts).unwrap();
    let geo = Geography::embedded();
    let codes = |v: BoundaryVersion| -> BTreeSet<String> {
        geo.provinces(v)
            .iter()
            .map(|p| p.code.to_string())
            .collect()
    };

    let mut r = csv::Reader::from_path(dir.path().join("d/indicators.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["area", "period", "indicator", "value", "unit", "status"]
    );
    let mut areas: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut status: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut national: BTreeMap<(String, String), f64> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        areas
            .entry(rec[1].to_owned())
            .or_default()
            .insert(rec[0].to_owned());
        status
            .entry(rec[1].to_owned())
            .or_default()
            .insert(rec[5].to_owned());
        let unit = match &rec[2] {
            "retail_sales" => "billion_vnd",
            "exports" => "million_usd",
            other => panic!("indicator {other}"),
        };
        assert_eq!(&rec[4], unit);
        let v: f64 = rec[3].parse().unwrap();
        assert!(v > 0.0);
        *national
            .entry((rec[1].to_owned(), rec[2].to_owned()))
            .or_default() += v;
    }
    assert_eq!(areas.len(), 11);
    for (period, a) in &areas {
        let p: Period = period.parse().unwrap();
        assert_eq!(a, &codes(BoundaryVersion::in_force(p)), "{period}");
    }
    assert_eq!(status["2025-09"], BTreeSet::from(["estimated".to_owned()]));
    assert_eq!(
        status["2025-08"],
        BTreeSet::from(["provisional".to_owned()])
    );
    assert_eq!(status["2025-07"], BTreeSet::from(["revised".to_owned()]));
    // The merger moves no sales: the national total stays smooth across it.
    let ratio = national[&("2025-07".into(), "retail_sales".into())]
        / national[&("2025-06".into(), "retail_sales".into())];
    assert!((0.9..1.15).contains(&ratio), "{ratio}");

    let mut r = csv::Reader::from_path(dir.path().join("d/targets.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["area", "year", "indicator", "target"]
    );
    let mut by_year: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        by_year
            .entry(rec[1].parse().unwrap())
            .or_default()
            .insert(rec[0].to_owned());
        let t: f64 = rec[3].parse().unwrap();
        match &rec[2] {
            "iip_growth" => assert!((2.0..=25.0).contains(&t), "{rec:?}"),
            "retail_sales" | "exports" => assert!(t > 0.0),
            other => panic!("indicator {other}"),
        }
        rows += 1;
    }
    assert_eq!(
        by_year.keys().copied().collect::<Vec<_>>(),
        (2021..=2025).collect::<Vec<_>>()
    );
    for (year, a) in &by_year {
        let v = BoundaryVersion::in_force(Period::year_range(*year).last);
        assert_eq!(a, &codes(v), "{year}");
    }
    assert_eq!(rows, 3 * (4 * 63 + 34));
}
