//! Hostile workbooks from the command line (issue 13 item 1): `congthuong
//! import` (a province's report) and `congthuong projects import` refuse
//! each shape of `congthuong_intake::hostile` with exit status 1 and an
//! error naming the file and the sheet or part, and store nothing. Before
//! the capped reader, the cell XFD1048576 and a trillion declared shared
//! strings aborted the process (exit 134).

use std::path::Path;
use std::process::{Command, Output};

use congthuong_intake::hostile;
use congthuong_store::SqliteStore;

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("CONGTHUONG_DATA_DIR")
        .env_remove("CONGTHUONG_MAX_UPLOAD_BYTES")
        .env("CONGTHUONG_ACTOR", "tester")
        .output()
        .expect("the binary runs")
}

fn shapes(sheet: &str) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        (
            "far.xlsx",
            hostile::far_cell(sheet),
            "cell XFD1048576 is outside",
        ),
        (
            "sst.xlsx",
            hostile::shared_strings_bomb(sheet),
            "declares 1000000000000 entries",
        ),
        (
            "bomb.xlsx",
            hostile::sheet_bomb(sheet, 200),
            "xl/worksheets/sheet1.xml unpacks to",
        ),
        (
            "many.xlsx",
            hostile::many_sheets(sheet, 2_000),
            "more than 100 sheets",
        ),
    ]
}

#[test]
fn import_refuses_hostile_workbooks_and_stores_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let before = SqliteStore::open(&data).unwrap().digest().unwrap();
    for (name, bytes, says) in shapes("BaoCao") {
        let file = tmp.path().join(name);
        std::fs::write(&file, &bytes).unwrap();
        let out = run(
            &data,
            &[
                "import",
                "--province",
                "24",
                "--period",
                "2025-09",
                file.to_str().unwrap(),
            ],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
        if name == "far.xlsx" {
            assert!(
                err.contains("[sheet BaoCao], line 1048576, column XFD"),
                "{err}"
            );
        }
    }
    assert_eq!(SqliteStore::open(&data).unwrap().digest().unwrap(), before);
}

#[test]
fn projects_import_refuses_hostile_workbooks() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    for (name, bytes, says) in shapes("Dự án") {
        let file = tmp.path().join(name);
        std::fs::write(&file, &bytes).unwrap();
        let out = run(
            &data,
            &[
                "projects",
                "import",
                file.to_str().unwrap(),
                "--actor",
                "An",
            ],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
    let list = run(&data, &["projects", "list"]);
    assert!(list.status.success());
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).lines().count(),
        1,
        "only the header: nothing stored"
    );
}
