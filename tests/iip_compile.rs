//! `congthuong iip compile` end to end: the real binary on real folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn congthuong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/f04")
}

/// A copy of the f04 example folder to break.
fn copy_example(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in [
        "products.csv",
        "industry_weights.csv",
        "product_weights.csv",
        "microdata.csv",
    ] {
        std::fs::copy(example().join(f), input.join(f)).unwrap();
    }
    input
}

fn compile(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "iip",
        "compile",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--base-year",
        "2015",
    ];
    args.extend_from_slice(extra);
    congthuong(&args)
}

/// index.csv as (area, code, period) → the other columns.
fn read_index(out: &Path) -> BTreeMap<(String, String, String), Vec<String>> {
    let mut r = csv::Reader::from_path(out.join("index.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "area",
            "level",
            "code",
            "period",
            "index",
            "mom_pct",
            "yoy_pct",
            "ytd_yoy_pct"
        ]
    );
    r.records()
        .map(|r| r.unwrap())
        .map(|r| {
            (
                (r[0].to_owned(), r[2].to_owned(), r[3].to_owned()),
                r.iter().skip(4).map(str::to_owned).collect(),
            )
        })
        .collect()
}

fn num(s: &str) -> f64 {
    s.parse().unwrap()
}

#[test]
fn compiles_the_f04_example_to_its_known_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = compile(&example(), &out, &["--boundaries", "pre2025"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = read_index(&out);
    let total = &index[&("01".into(), "TOTAL".into(), "2017-01".into())];
    assert!((num(&total[0]) - 96.6).abs() < 1e-9);
    assert!((num(&total[2]) - 5.0).abs() < 1e-9, "yoy");
    assert_eq!(
        index[&("01".into(), "TOTAL".into(), "2015-01".into())][1],
        "",
        "no month before the first"
    );
    let mut r = csv::Reader::from_path(out.join("contributions.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "area",
            "period",
            "comparison",
            "parent",
            "child_level",
            "child",
            "contribution_pp"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let c = rows
        .iter()
        .find(|r| &r[1] == "2017-01" && &r[2] == "yoy" && &r[3] == "TOTAL" && &r[5] == "C")
        .unwrap();
    assert!((num(&c[6]) - 1.7391304347826086).abs() < 1e-12);
    let w = std::fs::read_to_string(out.join("warnings.csv")).unwrap();
    assert!(w.starts_with("area,code,period,message"));
    // No VN: only one province is in the microdata.
    assert!(!index.keys().any(|k| k.0 == "VN"));
}

/// (file to edit, the edit, what the message must name).
type BadCase<'a> = (&'a str, &'a dyn Fn(&str) -> String, &'a [&'a str]);

#[test]
fn bad_input_exits_1_naming_file_line_and_column_and_writes_nothing() {
    let cases: [BadCase; 8] = [
        (
            "microdata.csv",
            &|s| s.replacen("quantity", "qty", 1),
            &["microdata.csv", "line 1", "column quantity"],
        ),
        (
            "microdata.csv",
            &|s| {
                s.replacen(
                    "2015-03,01,U-PORK-1,PORK,600",
                    "2015-03,01,U-PORK-1,PORK,6o0",
                    1,
                )
            },
            &["microdata.csv", "line 22", "column quantity", "unparsable"],
        ),
        (
            "microdata.csv",
            &|s| {
                s.replacen(
                    "2015-03,01,U-PORK-1,PORK,600",
                    "2015-03,01,U-PORK-1,PORK,-600",
                    1,
                )
            },
            &["line 22", "column quantity", "negative"],
        ),
        (
            "microdata.csv",
            &|s| {
                s.replacen(
                    "2015-03,01,U-PORK-1,PORK,600",
                    "2015-03,01,U-PORK-1,PROK,600",
                    1,
                )
            },
            &["line 22", "column product", "PORK"],
        ),
        (
            "microdata.csv",
            &|s| {
                s.replacen(
                    "2015-03,01,U-PORK-1,PORK,600",
                    "2015-03,99,U-PORK-1,PORK,600",
                    1,
                )
            },
            &["line 22", "column area", "96"],
        ),
        (
            "microdata.csv",
            &|s| {
                s.replacen(
                    "2015-03,01,U-PORK-1,PORK,600",
                    "2022-13,01,U-PORK-1,PORK,600",
                    1,
                )
            },
            &["line 22", "column period", "2022-13"],
        ),
        (
            "industry_weights.csv",
            &|s| format!("{s}01,C,5\n"),
            &["industry_weights.csv", "line 11", "duplicate"],
        ),
        (
            "product_weights.csv",
            &|s| s.replacen("01,MILK,300", "01,MILK,three hundred", 1),
            &["product_weights.csv", "line 4", "column output_value"],
        ),
    ];
    for (file, edit, needles) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let input = copy_example(tmp.path());
        let text = std::fs::read_to_string(input.join(file)).unwrap();
        let edited = edit(&text);
        assert_ne!(edited, text, "the edit applies");
        std::fs::write(input.join(file), edited).unwrap();
        let out = tmp.path().join("out");
        let o = compile(&input, &out, &["--boundaries", "pre2025"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        for n in needles {
            assert!(err.contains(n), "{file}: {n:?} not in {err}");
        }
        assert!(!out.exists(), "nothing is written");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "no temporary folder left"
        );
    }
}

#[test]
fn every_bad_line_is_reported_not_just_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let input = copy_example(tmp.path());
    let text = std::fs::read_to_string(input.join("microdata.csv")).unwrap();
    std::fs::write(
        input.join("microdata.csv"),
        text.replace(",PORK,600", ",PORK,x"),
    )
    .unwrap();
    let o = compile(&input, &tmp.path().join("out"), &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("12 problems"), "{err}");
}

#[test]
fn shuffled_rows_in_every_file_and_any_thread_count_give_identical_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = copy_example(tmp.path());
    let reference = tmp.path().join("ref");
    assert!(
        compile(&input, &reference, &["--threads", "1"])
            .status
            .success()
    );
    let text = std::fs::read_to_string(input.join("microdata.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().skip(1).collect();
    // A deterministic shuffle, with quoting and CRLF thrown in.
    let mut state = 12345u64;
    for i in (1..lines.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lines.swap(i, (state >> 33) as usize % (i + 1));
    }
    let body: Vec<String> = lines
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{},\"{}\",{},{},{}\r", f[0], f[1], f[2], f[3], f[4])
        })
        .collect();
    std::fs::write(
        input.join("microdata.csv"),
        format!(
            "period,area,unit_id,product,quantity\r\n{}\n",
            body.join("\n")
        ),
    )
    .unwrap();
    // The other inputs' rows in reverse order, too: the outputs' row order
    // comes from codes, never from a file's order.
    for f in [
        "products.csv",
        "industry_weights.csv",
        "product_weights.csv",
    ] {
        let text = std::fs::read_to_string(input.join(f)).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        std::fs::write(input.join(f), lines.join("\n") + "\n").unwrap();
    }
    for threads in ["1", "4"] {
        let out = tmp.path().join(format!("t{threads}"));
        let o = compile(&input, &out, &["--threads", threads]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        for f in ["index.csv", "contributions.csv", "warnings.csv"] {
            assert_eq!(
                std::fs::read(out.join(f)).unwrap(),
                std::fs::read(reference.join(f)).unwrap(),
                "{f} with {threads} threads"
            );
        }
    }
}

#[test]
fn an_occupied_output_folder_is_refused_and_earlier_outputs_are_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = compile(&example(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    assert!(
        compile(&example(), &out, &[]).status.success(),
        "an empty folder is fine"
    );
    let o = compile(&example(), &out, &[]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stderr).contains("replacing"));
}

/// A folder with one product in every province, 2024-01 … 2025-12: old
/// codes until June 2025, new codes after.
fn national_folder(dir: &Path, skip: Option<&str>) -> PathBuf {
    let input = dir.join("national");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("products.csv"),
        "product,industry,unit,name_vi,name_en\nCEMENT,2394,t,Xi măng,Cement\n",
    )
    .unwrap();
    let areas = |v: &str| -> Vec<String> {
        let o = congthuong(&["areas", "--boundaries", v]);
        csv::Reader::from_reader(&o.stdout[..])
            .records()
            .map(|r| r.unwrap()[0].to_owned())
            .collect()
    };
    let (old, new) = (areas("pre2025"), areas("2025"));
    let mut iw = String::from("area,industry,value_added\n");
    let mut pw = String::from("area,product,output_value\n");
    for (i, a) in old.iter().enumerate() {
        iw.push_str(&format!("{a},C,{}\n{a},23,1\n{a},2394,1\n", 10 + i));
        pw.push_str(&format!("{a},CEMENT,1\n"));
    }
    let mut md = String::from("period,area,unit_id,product,quantity\n");
    for y in [2024, 2025] {
        for m in 1..=12 {
            let codes = if y == 2025 && m >= 7 { &new } else { &old };
            for (i, a) in codes.iter().enumerate() {
                if Some(a.as_str()) == skip && !(y == 2025 && m >= 7) {
                    continue;
                }
                md.push_str(&format!(
                    "{y}-{m:02},{a},U{i},CEMENT,{}\n",
                    100 + i + m + (y - 2024) as usize * 10
                ));
            }
        }
    }
    std::fs::write(input.join("industry_weights.csv"), iw).unwrap();
    std::fs::write(input.join("product_weights.csv"), pw).unwrap();
    std::fs::write(input.join("microdata.csv"), md).unwrap();
    std::fs::write(
        input.join("groups.csv"),
        "group_id,code\nnorth_28,01\nnorth_28,27\nnorth_28,24\nnorth_28,24\n",
    )
    .unwrap();
    input
}

#[test]
fn vn_appears_only_when_every_province_is_covered_and_old_codes_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let args =
        |b: &'static str| -> Vec<&'static str> { vec!["--base-year", "2024", "--boundaries", b] };
    let full = national_folder(tmp.path(), None);
    let run = |input: &Path, out: &str, b: &'static str| {
        let out = tmp.path().join(out);
        let mut a = vec![
            "iip",
            "compile",
            "--input",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        a.extend(args(b));
        (congthuong(&a), out)
    };
    let (o, out) = run(&full, "full", "2025");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = read_index(&out);
    let areas: std::collections::BTreeSet<&str> = index.keys().map(|k| k.0.as_str()).collect();
    assert!(areas.contains("VN") && areas.contains("north_28"));
    assert_eq!(areas.len(), 34 + 2, "34 provinces, the group and VN");
    assert!(
        !areas.contains("27"),
        "old Bắc Ninh is stated as the new Bắc Ninh (24)"
    );
    // The group lists 27 and 24, which merged: one member.
    let members: std::collections::BTreeSet<String> =
        csv::Reader::from_path(out.join("contributions.csv"))
            .unwrap()
            .records()
            .map(Result::unwrap)
            .filter(|r| &r[0] == "north_28" && &r[4] == "area")
            .map(|r| r[5].to_owned())
            .collect();
    assert_eq!(members.into_iter().collect::<Vec<_>>(), ["01", "24"]);

    let (o, _) = run(&full, "pre", "pre2025");
    assert_eq!(
        o.status.code(),
        Some(1),
        "months after 2025-06 cannot be stated on pre2025"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("pre2025"));

    let partial = national_folder(&tmp.path().join("p"), Some("02"));
    let (o, out) = run(&partial, "partial", "2025");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Hà Giang (02) reports only after the merger, as part of Tuyên Quang (08): still every 2025 unit is present.
    assert!(read_index(&out).keys().any(|k| k.0 == "VN"));
}

#[test]
fn iip_link_chains_two_series_and_rereferences() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new, out) = (
        tmp.path().join("old.csv"),
        tmp.path().join("new.csv"),
        tmp.path().join("linked.csv"),
    );
    // Fixture f06: 2010-based and 2015-based series overlapping in 2017.
    let mut o = String::from("period,index\n");
    let mut n = String::from("period,index\n");
    for m in 1..=12 {
        o.push_str(&format!("2017-{m:02},{}\n", 98 + 2 * m));
        n.push_str(&format!("2017-{m:02},{}\n", 89 + m));
        n.push_str(&format!("2018-{m:02},{}\n", 102 + m));
    }
    std::fs::write(&old, o).unwrap();
    std::fs::write(&new, n).unwrap();
    let run = |extra: &[&str]| {
        let mut a = vec![
            "iip",
            "link",
            "--old",
            old.to_str().unwrap(),
            "--new",
            new.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        a.extend_from_slice(extra);
        congthuong(&a)
    };
    let value = |period: &str| -> f64 {
        let text = std::fs::read_to_string(&out).unwrap();
        text.lines()
            .find(|l| l.starts_with(period))
            .map(|l| num(l.split(',').nth(1).unwrap()))
            .unwrap()
    };
    assert!(run(&["--overlap-year", "2017"]).status.success());
    assert!((value("2018-01") - 119.71727748691099).abs() < 1e-9);
    assert!(run(&["--overlap-month", "2017-12"]).status.success());
    assert!((value("2018-01") - 124.41584158415841).abs() < 1e-9);
    assert!(
        run(&["--overlap-year", "2017", "--reference-year", "2017"])
            .status
            .success()
    );
    let mean2017: f64 = (1..=12)
        .map(|m| value(&format!("2017-{m:02}")))
        .sum::<f64>()
        / 12.0;
    assert!((mean2017 - 100.0).abs() < 1e-9);
    let o = run(&["--overlap-year", "2016"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "no overlap in 2016: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
