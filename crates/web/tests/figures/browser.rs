//! The analyst's path in a real headless Chromium (issue 14, "Done
//! when"): `tests/browser/releases.mjs` through `scenario.mjs`. Needs
//! `node`, `/usr/bin/chromium` and `tests/browser/node_modules`; without
//! them it says so and skips, except under `CI=true`, where it fails.
//! Screenshots go to `target/browser/releases/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};

use crate::releases::import;
use crate::support::TestApp;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} is missing"));
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return Some("tests/browser/node_modules is missing".into());
    }
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => None,
        _ => Some("node is missing".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_releases_compares_follows_the_pinned_link_and_opens_the_briefing_in_chromium() {
    if let Some(why) = missing() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "browser tests cannot run under CI: {why}"
        );
        eprintln!("SKIPPED browser test: {why}");
        return;
    }
    let app = TestApp::spawn().await;
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    // Release 1 of a synthetic vintage (made-up numbers), then a revised
    // vintage waiting to be released.
    import(&app, 0);
    create_release(
        &*app.state.store(),
        &ReleaseOptions {
            period: "2025-03".parse().unwrap(),
            base_year: None,
            actor: "test".into(),
            note: "Số liệu tháng 3".into(),
            synthetic: true,
        },
        &NoProgress,
    )
    .unwrap();
    app.state.reload().unwrap();
    import(&app, 1);
    let base = format!("http://{}", app.addr);
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(root().join("tests/browser/scenario.mjs"))
            .env("BASE_URL", base)
            .env(
                "STEPS",
                "release_login,release_make,release_compare,release_pinned,release_briefing",
            )
            .env("SHOTS_DIR", root().join("target/browser/releases"))
            .env("ANALYST_USER", "analyst")
            .env("ANALYST_PASSWORD", "analyst-pass-1")
            .env("RELEASE_PERIOD", "2025-03")
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
    for step in [
        "release_login",
        "release_make",
        "release_compare",
        "release_pinned",
        "release_briefing",
    ] {
        assert!(text.contains(&format!("ok {step}")), "{text}");
    }
}
