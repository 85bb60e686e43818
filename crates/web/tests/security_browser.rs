//! Logins in a real headless Chromium (issue 13 items 2, 4, 5 and issue
//! 14 item 8): `tests/browser/scenario.mjs` with the steps of
//! `tests/browser/security.mjs`, against the real server on a random port.
//! Screenshots go to `target/browser/security/`.
//!
//! Needs `node`, `/usr/bin/chromium` and `npm ci --prefix tests/browser`.
//! Without them the test says so and skips, except under `CI=true`, where
//! it fails (as `tests/browser.rs`).

mod support;

use support::TestApp;
use support::browser::run_scenario;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_land_where_each_role_works_and_refuse_what_they_must_in_chromium() {
    let app = TestApp::spawn().await;
    app.add_user("phantich", "analyst", None, "phantich-pass-1");
    app.add_user("nguoixem", "viewer", None, "nguoixem-pass-1");
    let base = format!("http://{}", app.addr);
    let steps = "security_landing,security_too_long,security_next,security_throttle";
    let env = vec![
        ("ANALYST_USER", "phantich".to_owned()),
        ("ANALYST_PASSWORD", "phantich-pass-1".to_owned()),
        ("VIEWER_USER", "nguoixem".to_owned()),
        ("VIEWER_PASSWORD", "nguoixem-pass-1".to_owned()),
    ];
    let result = tokio::task::spawn_blocking(move || run_scenario(&base, steps, "security", &env))
        .await
        .unwrap();
    if result.is_some() {
        // The audit log holds the five checked failures, not the sixth.
        assert_eq!(app.audit_actions("login.failed").len(), 5);
    }
}
