//! Runs the real binary: `origin check` and `ocop stars`, their output,
//! exit statuses and error messages.

use std::io::Write;
use std::process::{Command, Output};

fn congthuong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn user_error(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn bom(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

const BOM: &str = "hs,description,value,originating,country\n\
                   7208.51,thép tấm,60,no,CN\n\
                   7318.15,bu lông,10,yes,TH\n";

fn check(bom: &std::path::Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "origin",
        "check",
        "--bom",
        bom.to_str().unwrap(),
        "--product-hs",
        "7308.90",
        "--price",
        "95",
    ];
    args.extend_from_slice(extra);
    congthuong(&args)
}

#[test]
fn check_prints_a_table_and_the_arithmetic_in_vietnamese_by_default() {
    let f = bom(BOM);
    let text = stdout(&check(
        f.path(),
        &["--fob", "100", "--rule", "RVC40 or CTH"],
    ));
    // The summary table, one row per agreement.
    for row in [
        "ATIGA      ĐẠT",
        "CPTPP      ĐẠT",
        "EVFTA      ĐẠT",
        "RCEP       ĐẠT",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
    // ATIGA counts the Thai bolts: VNM 60, RVC exactly 40 % (inclusive).
    assert!(
        text.contains(
            "RVC (công thức gián tiếp) = (FOB 100 − VNM 60) / FOB 100 = 40 % ≥ 40 % → đạt"
        ),
        "{text}"
    );
    // CPTPP does not (Thailand is not a Party): VNM 70, 30 %.
    assert!(
        text.contains("(FOB 100 − VNM 70) / FOB 100 = 30 % < 40 % → không đạt"),
        "{text}"
    );
    assert!(text.contains("C/O mẫu D"), "{text}");
    assert!(text.contains("RVC40: không áp dụng"), "{text}");
}

#[test]
fn check_in_english_for_one_agreement() {
    let f = bom(BOM);
    let run = |rule: &str, eur: &str| {
        stdout(&check(
            f.path(),
            &[
                "--agreement",
                "evfta",
                "--rule",
                rule,
                "--lang",
                "en",
                "--consignment-eur",
                eur,
            ],
        ))
    };
    // The Thai bolts are not originating under EVFTA: VNM 70 of EXW 95.
    let text = run("MaxNOM 70%", "6000");
    assert!(text.contains("EVFTA      FAIL"), "{text}");
    assert!(!text.contains("ATIGA"), "{text}");
    assert!(
        text.contains("VNM 70 / EXW 95 = 73.68 % > 70 % → fail"),
        "{text}"
    );
    let text = run("MaxNOM 75%", "6000");
    assert!(text.contains("EVFTA      PASS"), "{text}");
    assert!(text.contains("Proof of origin:"), "{text}");
    // EUR 6,000 is within the ceiling of the origin declaration by any exporter; 6,000.01 is not.
    assert!(!text.contains("not open"), "{text}");
    assert!(
        run("MaxNOM 75%", "6000.01")
            .contains("not open: the consignment is over the value ceiling")
    );
}

#[test]
fn json_output_carries_the_numbers() {
    let f = bom(BOM);
    let out = stdout(&check(
        f.path(),
        &[
            "--fob",
            "100",
            "--agreement",
            "rcep",
            "--rule",
            "RVC40 build-down",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = &v["assessments"][0];
    assert_eq!(a["agreement"], "rcep");
    assert_eq!(a["outcome"], "pass");
    let test = &a["criteria"][0]["detail"]["tests"][0];
    assert_eq!(test["numerator"], "40");
    assert_eq!(test["base"], "100");
}

#[test]
fn bad_bom_lines_are_reported_with_line_and_column() {
    let f = bom("hs,description,value,originating,country\n\
                 7208.5,a,60,no,CN\n\
                 7318.15,b,1.5,maybe,TH\n\
                 7318.15,c,\"1,5\",no,\n\
                 7318.15,d,2,yes,\n");
    let err = user_error(&check(f.path(), &["--rule", "CTH"]));
    assert!(err.contains("4 problems in the input"), "{err}");
    assert!(
        err.contains("line 2, column hs: invalid HS code \"7208.5\""),
        "{err}"
    );
    assert!(err.contains("line 3, column originating"), "{err}");
    assert!(err.contains("line 4, column value"), "{err}");
    assert!(
        err.contains("line 5, column country: an originating material needs its country"),
        "{err}"
    );
}

#[test]
fn bad_rules_flags_and_files_are_user_errors() {
    let f = bom(BOM);
    let err = user_error(&check(f.path(), &["--rule", "RVC40 or"]));
    assert!(
        err.contains("invalid rule \"RVC40 or\" at character 9"),
        "{err}"
    );
    let err = user_error(&check(f.path(), &["--rule", "CTH", "--agreement", "nafta"]));
    assert!(err.contains("unknown agreement \"nafta\""), "{err}");
    let err = user_error(&check(f.path(), &["--rule", "CTH", "--fob", "1,5"]));
    assert!(err.contains("invalid amount \"1,5\""), "{err}");
    let err = user_error(&congthuong(&[
        "origin",
        "check",
        "--bom",
        "/nonexistent/bom.csv",
        "--product-hs",
        "7308.90",
        "--price",
        "1",
        "--rule",
        "CTH",
    ]));
    assert!(err.contains("cannot read"), "{err}");
    let err = user_error(&congthuong(&[
        "origin",
        "check",
        "--bom",
        f.path().to_str().unwrap(),
        "--product-hs",
        "7308",
        "--price",
        "1",
        "--rule",
        "CTH",
    ]));
    assert!(err.contains("must have 6 digits"), "{err}");
}

#[test]
fn ocop_stars_at_the_boundaries() {
    let stars = |a: &str, b: &str, c: &str| {
        let text = stdout(&congthuong(&["ocop", "stars", a, b, c, "--lang", "en"]));
        text.lines()
            .find_map(|l| l.strip_prefix("Class: "))
            .and_then(|l| l.split(' ').next())
            .unwrap()
            .parse::<u8>()
            .unwrap()
    };
    assert_eq!(stars("10", "10", "9.99"), 1);
    assert_eq!(stars("10", "10", "10"), 2);
    assert_eq!(stars("20", "10", "19"), 2);
    assert_eq!(stars("20", "10", "20"), 3);
    assert_eq!(stars("30", "20", "19"), 3);
    assert_eq!(stars("30", "20", "20"), 4);
    assert_eq!(stars("35", "20", "34"), 4);
    assert_eq!(stars("35", "20", "35"), 5);
    assert_eq!(stars("40", "25", "35"), 5);
}

#[test]
fn ocop_certificate_expiry_on_the_last_day_and_the_day_after() {
    let on = |today: &str| {
        stdout(&congthuong(&[
            "ocop",
            "stars",
            "36",
            "20",
            "30",
            "--decided",
            "2023-03-15",
            "--today",
            today,
        ]))
    };
    let last = on("2026-03-15");
    assert!(
        last.contains("từ 2023-03-15 đến hết ngày 2026-03-15"),
        "{last}"
    );
    assert!(
        last.contains("hôm nay là ngày hiệu lực cuối cùng"),
        "{last}"
    );
    assert!(on("2026-03-16").contains("đã hết hạn 1 ngày"));
    assert!(on("2025-12-15").contains("sắp hết hạn: còn 90 ngày"));
    assert!(on("2025-12-14").contains("còn hiệu lực (91 ngày nữa hết hạn)"));
}

#[test]
fn ocop_refuses_scores_out_of_range_and_certifies_only_three_stars_up() {
    let err = user_error(&congthuong(&["ocop", "stars", "41", "20", "30"]));
    assert!(err.contains("part A score 41 is out of range"), "{err}");
    let err = user_error(&congthuong(&[
        "ocop",
        "stars",
        "30",
        "20",
        "38",
        "--criteria",
        "148",
    ]));
    assert!(err.contains("part C"), "{err}");
    assert!(
        stdout(&congthuong(&[
            "ocop",
            "stars",
            "30",
            "20",
            "38",
            "--criteria",
            "1048"
        ]))
        .contains("4 sao")
    );
    let two = stdout(&congthuong(&[
        "ocop",
        "stars",
        "20",
        "10",
        "10",
        "--decided",
        "2024-01-01",
    ]));
    assert!(two.contains("không cấp"), "{two}");
    let err = user_error(&congthuong(&[
        "ocop",
        "stars",
        "30",
        "20",
        "20",
        "--decided",
        "15/03/2023",
    ]));
    assert!(err.contains("expected YYYY-MM-DD"), "{err}");
}

/// The README's worked example prints what the README shows.
#[test]
fn the_readme_example_holds() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/origin/steel-frame-bom.csv"
    );
    let text = stdout(&congthuong(&[
        "origin",
        "check",
        "--bom",
        path,
        "--product-hs",
        "7308.90",
        "--price",
        "95",
        "--fob",
        "100",
        "--agreement",
        "atiga",
        "--rule",
        "RVC40 or CTH",
        "--lang",
        "en",
    ]));
    for line in [
        "ATIGA      PASS    RVC40, CTH",
        "    RVC (build-down, indirect) = (FOB 100 − VNM 60) / FOB 100 = 40 % ≥ 40 % → pass",
        "    3 non-originating materials; 1 does not change heading from the product's 7308.90, worth 6",
        "      line 4: 7308.90, worth 6: same heading as the product",
        "    De minimis: 6 / FOB 100 = 6 % ≤ 10 % → pass (ATIGA Art. 33",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}
