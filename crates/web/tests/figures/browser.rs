//! The analyst's path in a real headless Chromium (issue 14, "Done
//! when"): `tests/browser/releases.mjs` through `scenario.mjs`. Needs
//! `node`, `/usr/bin/chromium` and `tests/browser/node_modules`; without
//! them it says so and skips, except under `CI=true`, where it fails.
//! Screenshots go to `target/browser/releases/`.

use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};

use crate::releases::import;
use crate::support::TestApp;
use crate::support::browser::run_scenario;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_releases_compares_follows_the_pinned_link_and_opens_the_briefing_in_chromium() {
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
    let steps = "release_login,release_make,release_compare,release_pinned,release_briefing";
    let env = vec![
        ("ANALYST_USER", "analyst".to_owned()),
        ("ANALYST_PASSWORD", "analyst-pass-1".to_owned()),
        ("RELEASE_PERIOD", "2025-03".to_owned()),
    ];
    tokio::task::spawn_blocking(move || run_scenario(&base, steps, "releases", &env))
        .await
        .unwrap();
}
