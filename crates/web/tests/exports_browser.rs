//! The exporters' pages in a real headless Chromium:
//! `tests/browser/exports.mjs` (playwright-core with Debian's `chromium`)
//! against the real server on a random port with the synthetic demo
//! loaded. Screenshots go to `target/browser/exports/`.
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
async fn origin_calculator_and_digital_link_trace_in_chromium() {
    if let Err(why) = prerequisites() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("browser tests cannot run under CI: {why}");
        }
        eprintln!("SKIPPED browser test: {why}");
        return;
    }
    let app = TestApp::spawn().await;
    congthuong_web::exports::demo::load(&app.dir.path().join("data")).unwrap();
    let base = format!("http://{}", app.addr);
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(root().join("tests/browser/exports.mjs"))
            .env("BASE_URL", base)
            .env("STEPS", "origin,digital-link,register")
            .env("SHOTS_DIR", root().join("target/browser/exports"))
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
    for step in ["origin", "digital-link", "register"] {
        assert!(text.contains(&format!("ok {step}")), "{text}");
    }
}
