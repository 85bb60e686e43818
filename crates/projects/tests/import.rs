//! Excel import and export: templates read back, every error reported at
//! once with sheet, row, column and reason, nothing stored on error,
//! re-plans through the sheet, officers limited to their province, and
//! export → import round trips (same database: nothing changes; a new
//! database: the same records, history included).

mod common;

use std::path::Path;

use common::{analyst, d, officer, project, repo};
use congthuong_core::BoundaryVersion::{Pre2025, V2025};
use congthuong_core::Lang;
use congthuong_projects::Error;
use congthuong_projects::demo;
use congthuong_projects::store::{AuditTable, Repo};
use congthuong_projects::xlsx::writer::{Out, SheetData, write_workbook};
use congthuong_projects::xlsx::{self, Format, Register, spec};

fn t(s: &str) -> Out {
    Out::Text(s.into())
}

fn project_row(id: &str, boundary: &str, provinces: &str) -> Vec<Out> {
    vec![
        t(id),
        t("Khu công nghiệp thử nghiệm"),
        t("Địa phương"),
        t(boundary),
        t(provinces),
        t("industrial_park"),
        t("Công ty CP Hạ tầng"),
        Out::Num(1_000.0),
        Out::Empty,
        Out::Num(100.0),
        Out::Empty,
        Out::Empty,
        Out::Num(900.0),
        Out::Empty,
        t("Sở Công Thương"),
        Out::Num(50.0),
        Out::Num(20.0),
        Out::Int(40),
        Out::Int(10),
        Out::Empty,
    ]
}

fn milestone_row(
    id: &str,
    code: &str,
    baseline: &str,
    current: Option<&str>,
    reason: Option<&str>,
) -> Vec<Out> {
    vec![
        t(id),
        t(code),
        t("Khởi công"),
        Out::Empty,
        Out::Date(d(baseline)),
        current.map_or(Out::Empty, |c| Out::Date(d(c))),
        reason.map_or(Out::Empty, t),
        Out::Empty,
        Out::Empty,
    ]
}

fn write(path: &Path, register: Register, sheets: Vec<SheetData>) {
    write_workbook(path, register, &sheets, &["ct_2021_2030_2045".into()], &[]).unwrap();
}

fn counts(repo: &Repo) -> (Vec<(&'static str, u64, u64)>, usize) {
    (
        repo.counts().unwrap(),
        AuditTable::entries(repo.connection(), "").unwrap().len(),
    )
}

#[test]
fn every_template_is_written_and_imports_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = repo();
    for r in Register::ALL {
        let path = dir.path().join(format!("{}.xlsx", r.code()));
        xlsx::template(&repo, r, &path).unwrap();
        let s = xlsx::import(&mut repo, &path, &analyst()).unwrap();
        assert_eq!(s.registers, [r.code()]);
        assert_eq!((s.created, s.updated), (0, 0));
    }
    assert_eq!(counts(&repo).1, 0);
}

#[test]
fn all_errors_are_reported_at_once_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = repo();
    // A stored project whose baseline the file tries to move.
    repo.save_project(&project("KCN-1", V2025, &["01"]), None, &analyst())
        .unwrap();
    let before = counts(&repo);
    let mut bad_total = project_row("KCN-2", "2025", "01");
    bad_total[7] = t("một nghìn");
    let path = dir.path().join("bad.xlsx");
    write(
        &path,
        Register::Projects,
        vec![
            SheetData {
                sheet: spec::PROJECTS,
                rows: vec![
                    project_row("KCN-1", "2025", "01"),
                    bad_total,                          // row 4: total not a number
                    project_row("KCN-3", "2025", "27"), // row 5: 27 gone after the merger
                    project_row("KCN-1", "2025", "01"), // row 6: listed twice
                ],
            },
            SheetData {
                sheet: spec::MILESTONES,
                rows: vec![
                    // row 3: baseline moved (stored 2026-03-01)
                    milestone_row("KCN-1", "ban_giao_mb", "2026-04-01", None, None),
                    // row 4: re-plan without a reason
                    milestone_row("KCN-1", "khoi_cong", "2026-06-01", Some("2026-08-01"), None),
                    // row 5: unknown project
                    milestone_row("KCN-9", "khoi_cong", "2026-06-01", None, None),
                    // row 6: bad date
                    vec![
                        t("KCN-1"),
                        t("x"),
                        t("Mốc"),
                        Out::Empty,
                        t("31/02/2026"),
                        Out::Empty,
                        Out::Empty,
                        Out::Empty,
                        Out::Empty,
                    ],
                ],
            },
        ],
    );
    let err = xlsx::import(&mut repo, &path, &analyst()).unwrap_err();
    let Error::Import(errors) = &err else {
        panic!("{err:?}")
    };
    let found: Vec<(String, Option<u64>, Option<String>)> = errors
        .errors
        .iter()
        .map(|e| (e.sheet.clone().unwrap(), e.line, e.column.clone()))
        .collect();
    let expect = |sheet: &str, row: u64, col: Option<&str>| {
        assert!(
            found.contains(&(sheet.to_owned(), Some(row), col.map(str::to_owned))),
            "missing {sheet} row {row} {col:?} in:\n{err}"
        );
    };
    expect("Dự án", 4, Some("Tổng mức đầu tư (tỷ đồng)"));
    expect("Dự án", 5, Some("Tỉnh (mã, cách nhau bởi ;)"));
    expect("Dự án", 6, Some("Mã dự án"));
    expect("Mốc tiến độ", 3, Some("Ngày kế hoạch gốc"));
    expect("Mốc tiến độ", 4, Some("Lý do điều chỉnh"));
    expect("Mốc tiến độ", 5, Some("Mã dự án"));
    expect("Mốc tiến độ", 6, Some("Ngày kế hoạch gốc"));
    assert!(errors.errors.len() >= 7, "{err}");
    let text = err.to_string();
    assert!(
        text.contains("bad.xlsx [sheet Dự án], line 5, column Tỉnh"),
        "{text}"
    );
    assert!(text.contains("27"), "{text}");
    // Nothing stored, nothing audited.
    assert_eq!(counts(&repo), before);

    // The same file for a Vietnamese reader: the same problems, each in
    // Vietnamese (the web page's upload), and a number typed as text in
    // the Vietnamese way (1.000,5) read.
    let err = xlsx::import_in(&mut repo, &path, &analyst(), Lang::Vi).unwrap_err();
    let Error::Import(vi) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(vi.errors.len(), errors.errors.len());
    for e in &vi.errors {
        for english in [
            "invalid",
            "expected",
            "listed twice",
            "must",
            " the ",
            "not a",
        ] {
            assert!(!e.reason.contains(english), "{}", e.reason);
        }
    }
    assert!(
        vi.errors
            .iter()
            .any(|e| e.reason.contains("ghi hai lần (cả ở dòng 3)")),
        "{err}"
    );
    assert!(
        vi.errors
            .iter()
            .any(|e| e.reason.contains("\"một nghìn\" không phải là số")),
        "{err}"
    );
    let mut typed = project_row("KCN-5", "2025", "01");
    typed[7] = t("1.000,5");
    let ok = dir.path().join("typed.xlsx");
    write(
        &ok,
        Register::Projects,
        vec![SheetData {
            sheet: spec::PROJECTS,
            rows: vec![typed],
        }],
    );
    xlsx::import_in(&mut repo, &ok, &analyst(), Lang::Vi).unwrap();
    let stored = repo.project("KCN-5").unwrap().unwrap().value;
    assert_eq!(stored.total_investment.get(), 1000.5);
}

#[test]
fn a_missing_required_column_and_an_unknown_workbook_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = repo();
    let path = dir.path().join("other.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("Sheet1")
        .unwrap()
        .write_string(0, 0, "x")
        .unwrap();
    wb.save(&path).unwrap();
    let e = xlsx::import(&mut repo, &path, &analyst())
        .unwrap_err()
        .to_string();
    assert!(e.contains("no register sheet found"), "{e}");

    let path = dir.path().join("cols.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Thu hút đầu tư").unwrap();
    ws.write_string(0, 0, "Bộ địa giới").unwrap();
    ws.write_string(0, 1, "Mã tỉnh").unwrap();
    wb.save(&path).unwrap();
    let e = xlsx::import(&mut repo, &path, &analyst())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("required column missing") && e.contains("Ngành ưu tiên"),
        "{e}"
    );
    let not_xlsx = dir.path().join("notes.xlsx");
    std::fs::write(&not_xlsx, "plain text").unwrap();
    assert!(xlsx::import(&mut repo, &not_xlsx, &analyst()).is_err());
}

#[test]
fn a_new_current_plan_with_a_reason_is_a_re_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = repo();
    repo.save_project(&project("KCN-1", V2025, &["01"]), None, &analyst())
        .unwrap();
    let path = dir.path().join("replan.xlsx");
    write(
        &path,
        Register::Projects,
        vec![
            SheetData {
                sheet: spec::PROJECTS,
                rows: vec![project_row("KCN-1", "2025", "01")],
            },
            SheetData {
                sheet: spec::MILESTONES,
                rows: vec![
                    milestone_row(
                        "KCN-1",
                        "ban_giao_mb",
                        "2026-03-01",
                        Some("2026-03-01"),
                        None,
                    ),
                    milestone_row(
                        "KCN-1",
                        "khoi_cong",
                        "01/06/2026",
                        Some("2026-08-01"),
                        Some("Chậm GPMB"),
                    ),
                ],
            },
        ],
    );
    let s = xlsx::import(&mut repo, &path, &analyst()).unwrap();
    assert_eq!((s.updated, s.replans), (1, 1));
    let p = repo.project("KCN-1").unwrap().unwrap();
    assert_eq!(p.meta.version, 2);
    let m = p.value.milestone("khoi_cong").unwrap();
    assert_eq!(
        (m.baseline, m.current_plan()),
        (d("2026-06-01"), d("2026-08-01"))
    );
    assert_eq!(m.replans[0].reason.as_str(), "Chậm GPMB");
    // Fields from the sheet replaced the old ones; version 1 is intact.
    assert!(p.value.site_clearance.is_some());
    let v1 = repo.project_version("KCN-1", 1).unwrap().unwrap();
    assert!(v1.value.site_clearance.is_none());
    // Importing the same file again: the plan now equals the current plan.
    let s = xlsx::import(&mut repo, &path, &analyst()).unwrap();
    assert_eq!((s.unchanged, s.replans), (1, 0));
}

#[test]
fn an_officer_may_import_only_their_provinces_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = repo();
    repo.save_project(&project("OLD-BN", Pre2025, &["27"]), None, &analyst())
        .unwrap();
    let before = counts(&repo);
    let path = dir.path().join("mixed.xlsx");
    write(
        &path,
        Register::Projects,
        vec![SheetData {
            sheet: spec::PROJECTS,
            rows: vec![
                project_row("OLD-BN", "pre2025", "27"),
                project_row("HN-1", "2025", "1"),
            ],
        }],
    );
    let lan = officer(V2025, "24");
    let err = xlsx::import(&mut repo, &path, &lan)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 4") && err.contains("may not change project HN-1"),
        "{err}"
    );
    assert_eq!(counts(&repo), before, "nothing stored");

    let own = dir.path().join("own.xlsx");
    write(
        &own,
        Register::Projects,
        vec![SheetData {
            sheet: spec::PROJECTS,
            rows: vec![project_row("OLD-BN", "pre2025", "27")],
        }],
    );
    let s = xlsx::import(&mut repo, &own, &lan).unwrap();
    assert_eq!(s.updated, 1);
    let p = repo.project("OLD-BN").unwrap().unwrap();
    assert_eq!(p.meta.actor, "Lan (officer 24@2025)");
    // Milestones were not in the file: they are kept.
    assert_eq!(p.value.milestones.len(), 2);
}

#[test]
fn export_then_import_changes_nothing_and_moves_everything_to_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2026-11-26");
    let mut src = repo();
    let data = demo::generate(today);
    let change = analyst();
    demo::load(&mut src, &data, &change).unwrap();
    let before = counts(&src);
    let mut dst = repo();
    for r in Register::ALL {
        let path = dir.path().join(format!("{}.xlsx", r.code()));
        xlsx::export(&src, r, &path, Format::Xlsx).unwrap();
        let s = xlsx::import(&mut src, &path, &change).unwrap();
        assert_eq!((s.created, s.updated), (0, 0), "{}: {s:?}", r.code());
        assert!(s.unchanged > 0 && s.synthetic > 0);
        xlsx::import(&mut dst, &path, &change).unwrap();
    }
    assert_eq!(counts(&src), before, "the round trip wrote nothing");
    assert_eq!(src.project_values().unwrap(), dst.project_values().unwrap());
    assert_eq!(src.strategies().unwrap(), dst.strategies().unwrap());
    assert_eq!(src.investment().unwrap(), dst.investment().unwrap());
    assert_eq!(src.difficulties().unwrap(), dst.difficulties().unwrap());
    assert!(
        dst.project_values()
            .unwrap()
            .iter()
            .any(|p| p.milestones.iter().any(|m| !m.replans.is_empty()))
    );

    let csv_dir = dir.path().join("csv");
    let files = xlsx::export(&src, Register::Projects, &csv_dir, Format::Csv).unwrap();
    assert_eq!(files.len(), spec::Register::Projects.sheets().len());
    let text = std::fs::read_to_string(csv_dir.join("projects_projects.csv")).unwrap();
    assert!(text.starts_with("project_id,name,level,boundary,provinces,"));
    assert_eq!(text.lines().count(), data.projects.len() + 1);
    assert!(
        text.lines().skip(1).all(|l| l.ends_with(",true")),
        "synthetic column"
    );
}

fn investment_row(province: &str, industry: &str, registered: f64) -> Vec<Out> {
    vec![
        t("2025"),
        t(province),
        Out::Empty,
        Out::Int(2026),
        t(industry),
        t("foreign"),
        Out::Int(3),
        Out::Num(registered),
        Out::Num(10.0),
        t("không"),
    ]
}

fn strategy_row(province: &str) -> Vec<Out> {
    vec![
        t("2025"),
        t(province),
        Out::Empty,
        t("ct_2021_2030_2045"),
        t("có"),
        t("123/QĐ-UBND"),
        Out::Date(d("2023-05-10")),
        t("có"),
        Out::Empty,
        t("không"),
    ]
}

/// Strategy and investment rows pass the same checks: listed once, valid,
/// in the importer's province; then each is kept with its stored version.
#[test]
fn keyed_rows_are_listed_once_valid_and_in_the_officers_province() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = repo();
    let before = counts(&repo);
    let path = dir.path().join("investment.xlsx");
    let mut too_early = investment_row("24", "chemicals", 5.0);
    too_early[3] = Out::Int(1980);
    write(
        &path,
        Register::Investment,
        vec![SheetData {
            sheet: spec::INVESTMENT,
            rows: vec![
                investment_row("24", "electronics", 500.0),
                investment_row("24", "electronics", 600.0), // row 4: listed twice
                too_early,                                  // row 5: a year before 1990
                investment_row("01", "chemicals", 50.0),    // row 6: not Bắc Ninh's
            ],
        }],
    );
    let lan = officer(V2025, "24");
    let err = xlsx::import(&mut repo, &path, &lan)
        .unwrap_err()
        .to_string();
    for (line, what) in [
        ("line 4", "listed twice (also row 3)"),
        ("line 5", "expected 1990 to 2200"),
        ("line 6", "may not change investment record"),
    ] {
        assert!(
            err.contains(line) && err.contains(what),
            "{line} {what}: {err}"
        );
    }
    assert!(!err.contains("line 3"), "{err}");
    assert_eq!(counts(&repo), before, "nothing stored");

    // The good row alone is created, then recognised as unchanged.
    write(
        &path,
        Register::Investment,
        vec![SheetData {
            sheet: spec::INVESTMENT,
            rows: vec![investment_row("24", "electronics", 500.0)],
        }],
    );
    assert_eq!(xlsx::import(&mut repo, &path, &lan).unwrap().created, 1);
    assert_eq!(xlsx::import(&mut repo, &path, &lan).unwrap().unchanged, 1);

    let strategies = dir.path().join("strategies.xlsx");
    write(
        &strategies,
        Register::Strategies,
        vec![SheetData {
            sheet: spec::STRATEGIES,
            rows: vec![strategy_row("24"), strategy_row("24"), strategy_row("01")],
        }],
    );
    let err = xlsx::import(&mut repo, &strategies, &lan)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 4") && err.contains("listed twice (also row 3)"),
        "{err}"
    );
    assert!(
        err.contains("line 5") && err.contains("may not change strategy record"),
        "{err}"
    );
}
