//! The one runner of the browser tests: `tests/browser/scenario.mjs`
//! (playwright-core driving Debian's headless Chromium) against a real
//! server, with the steps to run. Screenshots go to
//! `target/browser/{shots}/`.
//!
//! Needs `node`, `/usr/bin/chromium` (or `$CHROMIUM`) and
//! `tests/browser/node_modules` (`npm ci --prefix tests/browser`;
//! `.ci/run` installs all three). Without them a test says so and skips,
//! except under `CI=true`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Why the browser tests cannot run here, if they cannot.
pub fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} is missing (apt-get install chromium)"));
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return Some(
            "tests/browser/node_modules is missing (npm ci --prefix tests/browser)".into(),
        );
    }
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => None,
        _ => Some("node is missing".into()),
    }
}

/// True when the browser tests can run; false (after saying why) when
/// they cannot and may skip; panics under `CI=true` when they cannot.
pub fn available() -> bool {
    match missing() {
        None => true,
        Some(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("browser tests cannot run under CI: {why}")
        }
        Some(why) => {
            eprintln!("SKIPPED browser test: {why}");
            false
        }
    }
}

/// Runs the scenario's `steps` (comma-separated) against `base_url`, with
/// `env` for the steps; panics with the output unless it succeeds and
/// every step printed `ok {step}`. `None` when skipped (see [`available`]).
pub fn run_scenario(
    base_url: &str,
    steps: &str,
    shots: &str,
    env: &[(&str, String)],
) -> Option<String> {
    run_script("scenario.mjs", base_url, steps, shots, env)
}

/// Like [`run_scenario`], with another script of `tests/browser` that
/// reads the same `BASE_URL`, `STEPS` and `SHOTS_DIR` and prints
/// `ok {step}` for each step (`exports.mjs`).
pub fn run_script(
    script: &str,
    base_url: &str,
    steps: &str,
    shots: &str,
    env: &[(&str, String)],
) -> Option<String> {
    if !available() {
        return None;
    }
    let out = Command::new("node")
        .arg(root().join("tests/browser").join(script))
        .env("BASE_URL", base_url)
        .env("STEPS", steps)
        .env("SHOTS_DIR", root().join("target/browser").join(shots))
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "browser scenario failed:\n{text}");
    for step in steps.split(',') {
        assert!(text.contains(&format!("ok {step}")), "step {step}:\n{text}");
    }
    Some(text)
}
