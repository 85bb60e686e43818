//! `congthuong demo` end to end: the real binary generates folders, the
//! real `iip compile` compiles them, and the compiled figures are checked
//! against GSO's published files in `data/iip` (read here, independently
//! of the demo crate's own calibration code).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn congthuong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn generate(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["demo", "generate", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    congthuong(&args)
}

fn compile(input: &Path, out: &Path, boundaries: &str) -> Output {
    congthuong(&[
        "iip",
        "compile",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-year",
        "2015",
        "--boundaries",
        boundaries,
    ])
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// TOTAL index levels by (area, period) from an index.csv.
fn totals(out: &Path) -> BTreeMap<(String, String), f64> {
    let mut r = csv::Reader::from_path(out.join("index.csv")).unwrap();
    r.records()
        .map(Result::unwrap)
        .filter(|rec| &rec[1] == "total")
        .map(|rec| {
            (
                (rec[0].to_owned(), rec[3].to_owned()),
                rec[4].parse().unwrap(),
            )
        })
        .collect()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/iip")
        .join(name)
}

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--seed", "7", "--to", "2016-06", "--rows", "50000"];
    ok(&generate(&dir.path().join("a"), &args));
    ok(&generate(&dir.path().join("b"), &args));
    let mut other = args;
    other[1] = "8";
    ok(&generate(&dir.path().join("c"), &other));
    let (a, b, c) = (
        files(&dir.path().join("a")),
        files(&dir.path().join("b")),
        files(&dir.path().join("c")),
    );
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        [
            "README.md",
            "groups.csv",
            "indicators.csv",
            "industry_weights.csv",
            "microdata.csv",
            "product_weights.csv",
            "products.csv",
            "targets.csv"
        ]
    );
    assert!(a == b, "the same seed gives byte-identical files");
    assert_ne!(a["microdata.csv"], c["microdata.csv"]);
    assert_ne!(a["indicators.csv"], c["indicators.csv"]);
    // About the asked number of lines.
    let lines = a["microdata.csv"].iter().filter(|b| **b == b'\n').count() - 1;
    assert!((45_000..55_000).contains(&lines), "{lines}");
    let readme = String::from_utf8(a["README.md"].clone()).unwrap();
    assert!(readme.contains("synthetic"));
}

#[test]
fn generate_refuses_an_occupied_folder_and_months_it_cannot_make() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("occupied");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let r = generate(&out, &["--to", "2015-03"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt")).unwrap(),
        "mine"
    );
    let r = generate(&dir.path().join("early"), &["--from", "2014-12"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("2015-01"));
    assert!(!dir.path().join("early").exists());
}

/// Generates 2015-01 … 2025-12, compiles it (2025 boundaries), and the
/// same up to 2025-06 (pre-2025 boundaries), and checks every calibration
/// target from the compiled index.csv files.
#[test]
fn compiled_demo_data_meets_every_calibration_target() {
    let dir = tempfile::tempdir().unwrap();
    let (full, old) = (dir.path().join("full"), dir.path().join("old"));
    ok(&generate(&full, &["--rows", "0"]));
    ok(&generate(&old, &["--rows", "0", "--to", "2025-06"]));
    let (out_full, out_old) = (dir.path().join("out-full"), dir.path().join("out-old"));
    ok(&compile(&full, &out_full, "2025"));
    ok(&compile(&old, &out_old, "pre2025"));
    for out in [&out_full, &out_old] {
        let warnings = std::fs::read_to_string(out.join("warnings.csv")).unwrap();
        assert_eq!(warnings.lines().count(), 1, "no warnings: {warnings}");
    }

    // From 2025-07 every line is on the 34-province codes; a unit of old
    // Bắc Ninh (27) reports under new Bắc Ninh (24).
    let codes_2025: BTreeSet<String> =
        String::from_utf8(congthuong(&["areas", "--boundaries", "2025"]).stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l[..2].to_owned())
            .collect();
    assert_eq!(codes_2025.len(), 34);
    let mut r = csv::Reader::from_path(full.join("microdata.csv")).unwrap();
    let (mut before, mut after) = (BTreeSet::new(), BTreeSet::new());
    let mut old_bac_ninh_after = false;
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[0] >= "2025-07" {
            after.insert(rec[1].to_owned());
            old_bac_ninh_after |= rec[2].starts_with("DN27-") && &rec[1] == "24";
        } else {
            before.insert(rec[1].to_owned());
        }
    }
    assert_eq!(before.len(), 63);
    assert_eq!(after, codes_2025);
    assert!(old_bac_ninh_after);

    // National year-on-year growth within 1 point of GSO in ≥ 90 % of
    // 2016-01 … 2025-02; January–September 2022 within 0.3 of 9.59.
    let vn = totals(&out_full);
    let level = |area: &str, p: &str, t: &BTreeMap<(String, String), f64>| {
        t[&(area.to_owned(), p.to_owned())]
    };
    let mut r = csv::Reader::from_path(data("vn_iip_national_monthly_2015_2025.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (y, m, first, revised) = (
        col("year"),
        col("month"),
        col("yoy_pct_first_release"),
        col("yoy_pct_revised_next_release"),
    );
    let (mut months, mut within) = (0, 0);
    for rec in r.records() {
        let rec = rec.unwrap();
        let year: i32 = rec[y].parse().unwrap();
        if year < 2016 {
            continue;
        }
        let target: f64 = if rec[revised].is_empty() {
            rec[first].parse().unwrap()
        } else {
            rec[revised].parse().unwrap()
        };
        let p = format!("{year}-{:0>2}", &rec[m]);
        let back = format!("{}-{:0>2}", year - 1, &rec[m]);
        let yoy = 100.0 * (level("VN", &p, &vn) / level("VN", &back, &vn) - 1.0);
        months += 1;
        if (yoy - target).abs() <= 1.0 {
            within += 1;
        }
    }
    assert_eq!(months, 110);
    assert!(within * 10 >= months * 9, "{within} of {months}");
    let ytd = |area: &str, t: &BTreeMap<(String, String), f64>| {
        let sum = |year: i32| -> f64 {
            (1..=9)
                .map(|mo| level(area, &format!("{year}-{mo:02}"), t))
                .sum()
        };
        100.0 * (sum(2022) / sum(2021) - 1.0)
    };
    assert!((ytd("VN", &vn) - 9.59).abs() <= 0.3, "{}", ytd("VN", &vn));

    // Every published January–September 2022 provincial figure within 0.5.
    let old_totals = totals(&out_old);
    let areas =
        String::from_utf8(congthuong(&["areas", "--boundaries", "pre2025"]).stdout).unwrap();
    let code_of = |name: &str| -> String {
        let name = name.trim_start_matches("TP. ");
        areas
            .lines()
            .find(|l| l.split(',').nth(2) == Some(name))
            .unwrap_or_else(|| panic!("{name} in areas"))[..2]
            .to_owned()
    };
    let mut r = csv::Reader::from_path(data("vn_iip_provincial_figures.csv")).unwrap();
    let mut checked = BTreeSet::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[3] == "2022-01" && &rec[4] == "2022-09" && &rec[5] == "ytd_yoy" {
            let code = code_of(&rec[0]);
            let published: f64 = rec[7].parse().unwrap();
            let got = ytd(&code, &old_totals);
            assert!(
                (got - published).abs() <= 0.5,
                "{} ({code}): {got} vs {published}",
                &rec[0]
            );
            checked.insert(code);
        }
    }
    assert_eq!(checked.len(), 12);

    // north_28: exactly 21 above 11 %, at least one above 30 %.
    let north: Vec<String> = String::from_utf8(
        congthuong(&["groups", "show", "north_28", "--boundaries", "pre2025"]).stdout,
    )
    .unwrap()
    .lines()
    .skip(1)
    .map(|l| l[..2].to_owned())
    .collect();
    assert_eq!(north.len(), 28);
    let rates: Vec<f64> = north.iter().map(|c| ytd(c, &old_totals)).collect();
    assert_eq!(rates.iter().filter(|r| **r > 11.0).count(), 21, "{rates:?}");
    assert!(rates.iter().any(|r| *r > 30.0));
}

#[test]
fn calibrate_prints_every_target_met() {
    let out = congthuong(&["demo", "calibrate", "--rows", "0", "--seed", "3"]);
    let table = ok(&out);
    assert_eq!(table.lines().count(), 17, "{table}");
    assert!(!table.contains("MISSED"), "{table}");
    assert_eq!(table.lines().filter(|l| l.ends_with(" ok")).count(), 16);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_and_csv_microdata_compile_to_identical_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--seed", "11", "--to", "2016-12", "--rows", "120000"];
    let (c, p) = (dir.path().join("csv"), dir.path().join("parquet"));
    ok(&generate(&c, &args));
    let mut with_parquet = args.to_vec();
    with_parquet.extend_from_slice(&["--format", "parquet"]);
    ok(&generate(&p, &with_parquet));
    assert!(p.join("microdata.parquet").is_file() && !p.join("microdata.csv").exists());
    // Parquet output is deterministic too.
    let again = dir.path().join("parquet-again");
    ok(&generate(&again, &with_parquet));
    assert!(
        std::fs::read(p.join("microdata.parquet")).unwrap()
            == std::fs::read(again.join("microdata.parquet")).unwrap()
    );
    let (oc, op) = (dir.path().join("out-csv"), dir.path().join("out-parquet"));
    ok(&compile(&c, &oc, "2025"));
    ok(&compile(&p, &op, "2025"));
    for f in ["index.csv", "contributions.csv", "warnings.csv"] {
        assert!(
            std::fs::read(oc.join(f)).unwrap() == std::fs::read(op.join(f)).unwrap(),
            "{f} differs"
        );
    }
    // Both files at once are refused, naming both.
    std::fs::copy(c.join("microdata.csv"), p.join("microdata.csv")).unwrap();
    let r = compile(&p, &dir.path().join("both"), "2025");
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("microdata.csv") && err.contains("microdata.parquet"),
        "{err}"
    );
}
