//! The dashboard in a real headless Chromium: `tests/browser/scenario.mjs`
//! (playwright-core with Debian's `chromium`) against the real server on a
//! random port. Screenshots go to `target/browser/`.
//!
//! Needs `node`, `/usr/bin/chromium` and `npm ci --prefix tests/browser`
//! (`.ci/run` installs all three). Without them the test says so and
//! skips, except under `CI=true`, where it fails.

mod support;

use support::TestApp;
use support::browser::run_scenario;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_toggle_language_and_province_in_chromium() {
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    tokio::task::spawn_blocking(move || {
        run_scenario(
            &base,
            "overview,toggle,language,province,briefing",
            "public",
            &[],
        )
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_logs_in_sees_upload_errors_then_a_new_version_in_chromium() {
    let app = TestApp::spawn().await;
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    let fixtures = app.dir.path().join("upload");
    std::fs::create_dir_all(&fixtures).unwrap();
    let head = "period,area,unit_id,product,quantity\n";
    std::fs::write(
        fixtures.join("bad.csv"),
        format!("{head}2025-04,24,U1,COAL,12\n2025-04,24,U2,CEMNT,5\n2025-04,24,U3,COAL,-3\n"),
    )
    .unwrap();
    std::fs::write(
        fixtures.join("good.csv"),
        format!("{head}2025-04,24,U1,COAL,12\n2025-04,24,U2,COAL,5\n"),
    )
    .unwrap();
    let base = format!("http://{}", app.addr);
    let env = vec![
        ("FIXTURES_DIR", fixtures.display().to_string()),
        ("OFFICER_USER", "bacninh".to_owned()),
        ("OFFICER_PASSWORD", "bacninh-pass-1".to_owned()),
        ("OTHER_PROVINCE", "01".to_owned()),
    ];
    let steps = "login,upload_bad,upload_good,other_province";
    let result = tokio::task::spawn_blocking(move || run_scenario(&base, steps, "officer", &env))
        .await
        .unwrap();
    if result.is_some() {
        // The browser's upload made exactly one stored version.
        let versions = app
            .state
            .store()
            .submissions(&congthuong_store::SubmissionFilter::default())
            .unwrap();
        assert_eq!(versions.len(), 1, "{versions:?}");
    }
}

/// Key projects (issue 8): the north_28 late list, a project's timeline,
/// an officer editing a milestone of their province and another
/// province's officer refused. The registers hold the synthetic demo made
/// for 2026-11-26 (the scenario asks for that day).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_projects_late_list_timeline_and_milestone_edit_in_chromium() {
    let app = TestApp::spawn().await;
    let db = app
        .dir
        .path()
        .join("data")
        .join(congthuong_store::sqlite::DB_FILE);
    congthuong_web::projects::demo::load(
        &db,
        congthuong_projects::Date::parse("2026-11-26").unwrap(),
    )
    .unwrap();
    for l in &congthuong_web::bootstrap::DEMO_LOGINS {
        app.add_user(l.username, l.role, l.province, l.password);
    }
    let base = format!("http://{}", app.addr);
    let steps = "projects_late,projects_pages,projects_timeline,projects_officer_edit,projects_other_refused";
    tokio::task::spawn_blocking(move || run_scenario(&base, steps, "projects", &[]))
        .await
        .unwrap();
}

/// A provincial officer's month (issue 14): download the September
/// template from /nop-bao-cao, fill it, upload it with one error (the
/// Vietnamese error with line and column; province, month and note kept),
/// fix it, upload it and see version 1. August is stored first, so the
/// template lists last month's rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_does_the_month_from_template_to_version_in_chromium() {
    let app = TestApp::spawn().await;
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    let august = "period,area,unit_id,product,quantity\n2025-08,24,CS-01,CEMENT,1100\n";
    let req = congthuong_store::submit::ReportRequest {
        province: "24".into(),
        period: "2025-08".into(),
        actor: "bacninh".into(),
        note: "tháng 8".into(),
        error_cap: 100,
        max_bytes: 1 << 20,
    };
    congthuong_store::submit::submit_report_bytes(
        &*app.state.store(),
        august.as_bytes(),
        "t8.csv",
        &req,
    )
    .unwrap();
    let base = format!("http://{}", app.addr);
    let env = vec![
        ("OFFICER_USER", "bacninh".to_owned()),
        ("OFFICER_PASSWORD", "bacninh-pass-1".to_owned()),
    ];
    let steps = "month_login,month_template,month_upload_error,month_upload_fixed";
    let result = tokio::task::spawn_blocking(move || run_scenario(&base, steps, "month", &env))
        .await
        .unwrap();
    if result.is_some() {
        // September holds what was typed, Vietnamese number included.
        let store = app.state.store();
        let subs = store
            .submissions(&congthuong_store::SubmissionFilter {
                period: Some("2025-09".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(subs.len(), 1, "{subs:?}");
        assert_eq!(subs[0].note, "Báo cáo tháng 9 của Sở Công Thương");
        let lines = congthuong_store::submit::stored_lines(
            &*store,
            congthuong_core::AreaCode::parse("24").unwrap(),
            "2025-09".parse().unwrap(),
        )
        .unwrap();
        let sums = congthuong_store::submit::sums(&lines);
        let cement = sums
            .iter()
            .find(|(u, p, _)| {
                lines.units[*u as usize] == "CS-01" && lines.products[*p as usize] == "CEMENT"
            })
            .unwrap();
        assert_eq!(cement.2, 1234.5);
    }
}
