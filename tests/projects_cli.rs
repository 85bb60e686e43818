//! Runs the real `congthuong` binary on the projects registers: the
//! demo, "north_28, late key projects" with who must act by when, an
//! officer updating their own project and nobody else's, import errors,
//! export and the other registers' commands.

use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-26";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(args)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .current_dir(dir)
        .env_remove("CONGTHUONG_DATA_DIR")
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn with_demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["projects", "demo", "--today", TODAY]);
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("synthetic"), "{err}");
    dir
}

#[test]
fn north_28_late_key_projects_say_who_must_act_by_when() {
    let dir = with_demo();
    let late = |extra: &[&str]| {
        let mut args = vec!["projects", "late", "--group", "north_28", "--today", TODAY];
        args.extend_from_slice(extra);
        ok(&run(dir.path(), &args))
    };
    let text = late(&[]);
    let (h, rows) = rows(&text);
    assert!(!rows.is_empty());
    let (who, by, state, syn) = (
        col(&h, "who_must_act"),
        col(&h, "by_when"),
        col(&h, "item_status"),
        col(&h, "synthetic"),
    );
    for r in &rows {
        assert!(!r[who].is_empty());
        assert!(
            congthuong_projects::Date::parse(&r[by]).is_ok(),
            "{}",
            r[by]
        );
        assert!(matches!(r[state].as_str(), "late" | "at_risk"));
        assert_eq!(r[syn], "yes");
    }
    assert!(rows.iter().any(|r| r[state] == "late"));
    assert!(rows.iter().any(|r| r[state] == "at_risk"));
    // Projects with a late item come before projects only at risk, and the
    // same day gives the same list.
    let mut has_late: Vec<(String, bool)> = Vec::new();
    for r in &rows {
        match has_late.last_mut() {
            Some((id, l)) if *id == r[0] => *l |= r[state] == "late",
            _ => has_late.push((r[0].clone(), r[state] == "late")),
        }
    }
    assert!(
        has_late.windows(2).all(|w| w[0].1 >= w[1].1),
        "{has_late:?}"
    );
    assert!(
        has_late.iter().any(|x| !x.1),
        "some projects are only at risk"
    );
    assert_eq!(late(&[]), text);
    // Every province shown is one of the 18 on the 2025 map.
    let provinces = col(&h, "provinces");
    let group = ok(&Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(["groups", "show", "north_28"])
        .output()
        .unwrap());
    let (_, members) = self::rows(&group);
    let members: Vec<&str> = members.iter().map(|m| m[0].as_str()).collect();
    for r in &rows {
        assert!(
            r[provinces].split(';').any(|c| members.contains(&c)),
            "{}",
            r[provinces]
        );
    }
    // The same projects on the pre-2025 map.
    let (_, old) = self::rows(&late(&["--boundaries", "pre2025"]));
    let ids = |rs: &[Vec<String>]| {
        let mut v: Vec<String> = rs.iter().map(|r| r[0].clone()).collect();
        v.dedup();
        v.sort();
        v
    };
    assert_eq!(ids(&old), ids(&rows));
    // A shorter window flags fewer items at risk.
    let (_, tight) = self::rows(&late(&["--within", "0"]));
    assert!(tight.len() < rows.len());
}

#[test]
fn an_officer_updates_their_own_project_and_nobody_elses() {
    let dir = with_demo();
    let list = ok(&run(
        dir.path(),
        &["projects", "list", "--province", "24", "--today", TODAY],
    ));
    let (_, own) = rows(&list);
    let own_id = own[0][0].clone();
    let all = ok(&run(dir.path(), &["projects", "list", "--today", TODAY]));
    let (_, every) = rows(&all);
    let other = every
        .iter()
        .find(|r| !own.iter().any(|o| o[0] == r[0]))
        .unwrap()[0]
        .clone();
    let officer = [
        "--actor",
        "Lan",
        "--as-province",
        "24",
        "--reason",
        "Chờ giao đất",
    ];
    let mut args = vec![
        "projects",
        "replan",
        &own_id,
        "khoi_cong",
        "--date",
        "2027-03-01",
    ];
    args.extend_from_slice(&officer);
    ok(&run(dir.path(), &args));
    let mut args = vec![
        "projects",
        "replan",
        &other,
        "khoi_cong",
        "--date",
        "2027-03-01",
    ];
    args.extend_from_slice(&officer);
    let refused = run(dir.path(), &args);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("may not change") && err.contains(&other),
        "{err}"
    );

    // The re-plan shows in the project, with who and why; the other project is untouched.
    let show = ok(&run(
        dir.path(),
        &["projects", "show", &own_id, "--today", TODAY],
    ));
    assert!(
        show.contains("re-plan to 2027-03-01 by Lan (officer 24@2025)"),
        "{show}"
    );
    assert!(show.contains("SYNTHETIC DEMO DATA"));
    let json = ok(&run(dir.path(), &["projects", "show", &other, "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["history"].as_array().unwrap().len(), 1);
    assert_eq!(v["synthetic"], true);

    // Importing an export of every project as that officer is refused whole.
    let out = dir.path().join("all.xlsx");
    ok(&run(
        dir.path(),
        &[
            "projects",
            "export",
            "--register",
            "projects",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let before = ok(&run(dir.path(), &["projects", "list", "--today", TODAY]));
    let mut args = vec!["projects", "import", out.to_str().unwrap()];
    args.extend_from_slice(&officer);
    let refused = run(dir.path(), &args);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("problems in the input") && err.contains("[sheet Dự án]"),
        "{err}"
    );
    assert_eq!(
        ok(&run(dir.path(), &["projects", "list", "--today", TODAY])),
        before
    );
    // As an analyst the same file changes nothing (it is the current state).
    let imported = run(
        dir.path(),
        &["projects", "import", out.to_str().unwrap(), "--actor", "An"],
    );
    ok(&imported);
    let err = String::from_utf8_lossy(&imported.stderr);
    assert!(err.contains("0 created, 0 updated, 40 unchanged"), "{err}");

    // One database, one audit log: the re-plan is in `congthuong audit`
    // beside the store's own entries, and no separate file was made.
    let audit = ok(&run(dir.path(), &["audit", "--limit", "100000"]));
    let (h, entries) = rows(&audit);
    let (action, object, actor) = (col(&h, "action"), col(&h, "object"), col(&h, "actor"));
    assert!(
        entries.iter().any(|e| e[action] == "proj_projects.update"
            && e[object] == format!("proj_projects/{own_id}@2")
            && e[actor] == "Lan (officer 24@2025)"),
        "{audit}"
    );
    assert!(entries.iter().any(|e| e[action] == "migrate"));
    assert!(dir.path().join("data/congthuong.sqlite3").exists());
    assert!(!dir.path().join("data/projects.db").exists());
}

#[test]
fn a_bad_file_is_refused_with_every_problem_and_nothing_changes() {
    let dir = with_demo();
    let path = dir.path().join("bad.xlsx");
    let t = |s: &str| congthuong_projects::xlsx::writer::Out::Text(s.into());
    use congthuong_projects::xlsx::writer::{Out, SheetData, write_workbook};
    write_workbook(
        &path,
        congthuong_projects::xlsx::Register::Difficulties,
        &[SheetData {
            sheet: congthuong_projects::xlsx::spec::DIFFICULTIES,
            rows: vec![
                vec![
                    t("KN-X-1"),
                    t("Công ty A"),
                    t("Doanh nghiệp"),
                    t("Điện"),
                    Out::Empty,
                    t("2025"),
                    t("27"),
                    Out::Empty,
                    t("Sở Công Thương"),
                    t("2026-01-01"),
                    t("2026-01-15"),
                    t("Đang xử lý"),
                    Out::Empty,
                    Out::Empty,
                    Out::Empty,
                ],
                vec![
                    t("KN-X-2"),
                    t("Công ty B"),
                    t("Doanh nghiệp"),
                    t("Điện"),
                    Out::Empty,
                    t("2025"),
                    t("01"),
                    Out::Empty,
                    t("Sở Công Thương"),
                    t("2026-02-30"),
                    t("2026-01-15"),
                    t("maybe"),
                    Out::Empty,
                    Out::Empty,
                    Out::Empty,
                ],
            ],
        }],
        &[],
        &[],
    )
    .unwrap();
    let before = ok(&run(
        dir.path(),
        &["difficulties", "by-agency", "--today", TODAY],
    ));
    let out = run(
        dir.path(),
        &[
            "projects",
            "import",
            path.to_str().unwrap(),
            "--actor",
            "An",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "3 problems in the input",
        "line 3, column Mã tỉnh",
        "line 4, column Ngày phản ánh",
        "line 4, column Tình trạng",
    ] {
        assert!(err.contains(needle), "{needle:?} in {err}");
    }
    assert_eq!(
        ok(&run(
            dir.path(),
            &["difficulties", "by-agency", "--today", TODAY]
        )),
        before
    );
}

#[test]
fn the_other_registers_answer_on_both_maps() {
    let dir = with_demo();
    let (h, grid) = rows(&ok(&run(
        dir.path(),
        &["strategies", "grid", "--group", "north_28"],
    )));
    assert_eq!(grid.len(), 18);
    assert_eq!(h[2], "ct_2021_2030_2045");
    let (_, old) = rows(&ok(&run(
        dir.path(),
        &[
            "strategies",
            "grid",
            "--group",
            "north_28",
            "--boundaries",
            "pre2025",
        ],
    )));
    assert_eq!(old.len(), 28);
    let (h, inv) = rows(&ok(&run(
        dir.path(),
        &[
            "investment",
            "summary",
            "--group",
            "north_28",
            "--by",
            "industry",
        ],
    )));
    assert!(inv.len() >= 5);
    assert!(inv.iter().all(|r| r[col(&h, "synthetic")] == "yes"));
    let bad = run(dir.path(), &["investment", "summary", "--by", "colour"]);
    assert_eq!(bad.status.code(), Some(1));
    let (h, over) = rows(&ok(&run(
        dir.path(),
        &["difficulties", "overdue", "--today", TODAY],
    )));
    assert!(!over.is_empty());
    let days = col(&h, "days_overdue");
    assert!(
        over.windows(2)
            .all(|w| w[0][days].parse::<i64>().unwrap() >= w[1][days].parse::<i64>().unwrap())
    );
    let agency = over[0][0].clone();
    let (_, one) = rows(&ok(&run(
        dir.path(),
        &[
            "difficulties",
            "overdue",
            "--today",
            TODAY,
            "--agency",
            &agency,
        ],
    )));
    assert!(one.iter().all(|r| r[0] == agency));
    let (h, rank) = rows(&ok(&run(
        dir.path(),
        &[
            "projects",
            "disbursement",
            "--group",
            "north_28",
            "--today",
            TODAY,
        ],
    )));
    assert!(!rank.is_empty());
    assert_eq!(rank[0][col(&h, "rank")], "1");
    for r in ["projects", "strategies", "investment", "difficulties"] {
        let path = dir.path().join(format!("{r}-template.xlsx"));
        ok(&run(
            dir.path(),
            &[
                "projects",
                "template",
                "--register",
                r,
                "--out",
                path.to_str().unwrap(),
            ],
        ));
        assert!(path.metadata().unwrap().len() > 1000);
        let csv_dir = dir.path().join(format!("{r}-csv"));
        ok(&run(
            dir.path(),
            &[
                "projects",
                "export",
                "--register",
                r,
                "--format",
                "csv",
                "--out",
                csv_dir.to_str().unwrap(),
            ],
        ));
        assert!(
            csv_dir
                .join(format!(
                    "{r}_{}.csv",
                    if r == "strategies" { "strategies" } else { r }
                ))
                .exists()
        );
    }
}

#[test]
fn without_a_database_the_commands_say_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["projects", "late", "--group", "north_28"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("projects demo"), "{err}");
    assert!(!dir.path().join("data").exists(), "reading creates nothing");
    let out = run(dir.path(), &["projects", "late", "--today", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(1));
}
