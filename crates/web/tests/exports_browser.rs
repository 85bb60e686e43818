//! The exporters' pages in a real headless Chromium:
//! `tests/browser/exports.mjs` (playwright-core with Debian's `chromium`)
//! against the real server on a random port with the synthetic demo
//! loaded. Screenshots go to `target/browser/exports/`.
//!
//! Needs `node`, `/usr/bin/chromium` and `npm ci --prefix tests/browser`.
//! Without them the test says so and skips, except under `CI=true`, where
//! it fails (as `tests/browser.rs`).

mod support;

use support::TestApp;
use support::browser::run_script;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn origin_calculator_and_digital_link_trace_in_chromium() {
    let app = TestApp::spawn().await;
    congthuong_web::exports::demo::load(&app.dir.path().join("data")).unwrap();
    let base = format!("http://{}", app.addr);
    let steps = "origin,digital-link,register";
    tokio::task::spawn_blocking(move || run_script("exports.mjs", &base, steps, "exports", &[]))
        .await
        .unwrap();
}
