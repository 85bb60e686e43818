//! Logins in a real headless Chromium (issue 13 items 2, 4, 5 and issue
//! 14 item 8): `tests/browser/scenario.mjs` with the steps of
//! `tests/browser/security.mjs`, against the real server on a random port.
//! Screenshots go to `target/browser/security/`.
//!
//! Needs `node`, `/usr/bin/chromium` and `npm ci --prefix tests/browser`.
//! Without them the test says so and skips, except under `CI=true`, where
//! it fails (as `tests/browser.rs`).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::TestApp;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn prerequisites() -> Result<(), String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Err(format!("{chromium} is missing (apt-get install chromium)"));
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return Err("tests/browser/node_modules is missing (npm ci --prefix tests/browser)".into());
    }
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => Ok(()),
        _ => Err("node is missing".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_land_where_each_role_works_and_refuse_what_they_must_in_chromium() {
    if let Err(why) = prerequisites() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("browser tests cannot run under CI: {why}");
        }
        eprintln!("SKIPPED browser test: {why}");
        return;
    }
    let app = TestApp::spawn().await;
    app.add_user("phantich", "analyst", None, "phantich-pass-1");
    app.add_user("nguoixem", "viewer", None, "nguoixem-pass-1");
    let base = format!("http://{}", app.addr);
    let steps = "security_landing,security_too_long,security_next,security_throttle";
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(root().join("tests/browser/scenario.mjs"))
            .env("BASE_URL", base)
            .env("STEPS", steps)
            .env("SHOTS_DIR", root().join("target/browser/security"))
            .env("ANALYST_USER", "phantich")
            .env("ANALYST_PASSWORD", "phantich-pass-1")
            .env("VIEWER_USER", "nguoixem")
            .env("VIEWER_PASSWORD", "nguoixem-pass-1")
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "browser scenario failed:\n{text}");
    for step in steps.split(',') {
        assert!(text.contains(&format!("ok {step}")), "{text}");
    }
    // The audit log holds the five checked failures, not the sixth.
    let failed = app
        .state
        .store()
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "login.failed")
        .count();
    assert_eq!(failed, 5);
}
