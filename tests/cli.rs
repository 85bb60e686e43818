//! Runs the real `congthuong` binary: reference-data commands, exit
//! statuses and error messages.

use std::process::{Command, Output};

fn congthuong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(args)
        // Run from an empty folder: the binary must need no files beside it.
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the binary runs")
}

fn stdout_rows(out: &Output) -> Vec<Vec<String>> {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn north_28_is_18_provinces_after_the_merger_and_28_before() {
    let after = stdout_rows(&congthuong(&[
        "groups",
        "show",
        "north_28",
        "--boundaries",
        "2025",
    ]));
    let before = stdout_rows(&congthuong(&[
        "groups",
        "show",
        "north_28",
        "--boundaries",
        "pre2025",
    ]));
    assert_eq!((after.len(), before.len()), (18, 28));
    assert!(after.iter().any(|r| r[0] == "24" && r[2] == "Bắc Ninh"));
    assert!(before.iter().any(|r| r[0] == "24" && r[2] == "Bắc Giang"));
}

#[test]
fn areas_lists_63_and_34_units_with_a_header() {
    let out = congthuong(&["areas", "--boundaries", "pre2025"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("code,name_vi,"));
    assert_eq!(stdout_rows(&out).len(), 63);
    assert_eq!(stdout_rows(&congthuong(&["areas"])).len(), 34);
}

#[test]
fn groups_lists_every_reference_group() {
    let rows = stdout_rows(&congthuong(&["groups"]));
    let sizes: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[4].as_str()))
        .collect();
    for (id, n) in [
        ("north_28", "28"),
        ("northern_midlands_mountains", "14"),
        ("red_river_delta", "11"),
        ("northern_key_economic_region", "7"),
        ("capital_region", "10"),
        ("hn_hp_qn_triangle", "3"),
    ] {
        assert!(
            sizes.contains(&(id, n)),
            "{id} should have {n} members: {sizes:?}"
        );
    }
}

#[test]
fn unknown_codes_exit_1_and_name_the_nearest_valid_ones() {
    let cases: [(&[&str], &str); 4] = [
        (&["groups", "show", "north28"], "north_28"),
        (
            &["areas", "show", "03", "--boundaries", "pre2025"],
            "02, 04",
        ),
        (&["areas", "show", "27"], "nearest valid"),
        (&["areas", "--boundaries", "2026"], "pre2025, 2025"),
    ];
    for (args, hint) in cases {
        let out = congthuong(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(hint), "{args:?} should mention {hint}: {err}");
    }
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["areas", "--help"],
        &["groups", "--help"],
        &["groups", "show", "--help"],
    ] {
        let out = congthuong(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
    }
}

#[test]
fn industries_and_products_are_listed() {
    let industries = stdout_rows(&congthuong(&["industries"]));
    let divisions = industries.iter().filter(|r| r[0] == "division").count();
    assert_eq!(divisions, 34, "every division 05–39 except 34");
    assert!(
        industries
            .iter()
            .any(|r| r[1] == "B" && r[3] == "Khai khoáng")
    );
    let products = stdout_rows(&congthuong(&["products"]));
    assert!(products.len() >= 40);
    assert!(products.iter().any(|r| r[0] == "CEMENT" && r[1] == "2394"));
}
