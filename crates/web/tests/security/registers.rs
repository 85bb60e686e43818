//! Who may change which province's records (issue 13 item 9): "An officer
//! can drop another province from a shared project (changing `place`) and
//! can create a project in another province. Changing a record's provinces
//! needs an analyst." Through the JSON API, the page forms and the Excel
//! import.

use serde_json::{Value, json};

use crate::support::{Response, TestApp, request};

/// A project on the 2025 map in `provinces` (the first leads).
pub fn project(id: &str, provinces: &[&str]) -> Value {
    json!({
        "id": id,
        "name": format!("Khu công nghiệp liên tỉnh {id}"),
        "level": "national",
        "place": { "boundary": "2025", "provinces": provinces },
        "sector": "industrial_park",
        "investor": "Công ty CP Hạ tầng (thử nghiệm)",
        "total_investment": 1200.0,
        "capital": { "private": 1000.0 },
        "agency": "Sở Công Thương",
        "milestones": [{ "code": "khoi_cong", "name": "Khởi công", "agency": null,
            "baseline": "2026-12-01", "replans": [], "actual": null }],
        "site_clearance": null,
        "procedures": [],
        "disbursement": [],
        "blockers": [],
        "updates": [],
        "earned_value": [],
        "synthetic": false
    })
}

type Login = (String, String);

async fn post(app: &TestApp, who: &Login, path: &str, body: &Value) -> Response {
    request(
        app.addr,
        "POST",
        path,
        &[
            ("cookie", &who.0),
            ("x-csrf-token", &who.1),
            ("content-type", "application/json"),
        ],
        body.to_string().as_bytes(),
    )
    .await
}

async fn show(app: &TestApp, who: &Login, id: &str) -> Value {
    request(
        app.addr,
        "GET",
        &format!("/api/v1/projects/{id}"),
        &[("cookie", &who.0)],
        b"",
    )
    .await
    .json()
}

/// Analyst, officer of Bắc Ninh (24), officer of Hà Nội (01), and a
/// project shared by the two provinces (Hà Nội leads).
async fn app() -> (TestApp, Login, Login, Login) {
    let app = TestApp::spawn().await;
    app.add_user("an", "analyst", None, "an-pass-12345");
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-12345");
    app.add_user("hanoi", "officer", Some("01"), "hanoi-pass-12345");
    let an = app.login("an", "an-pass-12345").await;
    let bn = app.login("bacninh", "bacninh-pass-12345").await;
    let hn = app.login("hanoi", "hanoi-pass-12345").await;
    let r = post(
        &app,
        &an,
        "/api/v1/projects?reason=shared",
        &project("LT-1", &["01", "24"]),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    (app, an, bn, hn)
}

fn refusals(app: &TestApp, by: &str) -> usize {
    app.audit_actions("forbidden")
        .iter()
        .filter(|e| e.actor == by)
        .count()
}

#[tokio::test]
async fn an_officer_cannot_drop_another_province_from_a_shared_project() {
    let (app, an, bn, _) = app().await;
    // Bắc Ninh's officer removes Hà Nội (and, another time, takes the lead).
    for provinces in [vec!["24"], vec!["24", "01"], vec!["01", "24", "22"]] {
        let r = post(
            &app,
            &bn,
            "/api/v1/projects?expected_version=1&reason=x",
            &project("LT-1", &provinces),
        )
        .await;
        assert_eq!(r.status, 403, "{provinces:?}: {}", r.text());
        assert!(r.text().contains("needs an analyst"), "{}", r.text());
    }
    assert_eq!(refusals(&app, "bacninh"), 3, "each refusal is audited");
    let p = show(&app, &bn, "LT-1").await;
    assert_eq!(p["version"]["version"], 1);
    assert_eq!(p["project"]["place"]["provinces"], json!(["01", "24"]));
    // Other edits of the shared project stay open to either officer.
    let r = post(
        &app,
        &bn,
        "/api/v1/projects/LT-1/updates",
        &json!({ "text": "Đã giải phóng 60% mặt bằng phía Bắc Ninh" }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let mut same = project("LT-1", &["01", "24"]);
    same["investor"] = json!("Công ty CP Hạ tầng Kinh Bắc (thử nghiệm)");
    same["updates"] = show(&app, &bn, "LT-1").await["project"]["updates"].clone();
    let r = post(&app, &bn, "/api/v1/projects?expected_version=2", &same).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // The analyst may change the provinces.
    let mut moved = same.clone();
    moved["place"] = json!({ "boundary": "2025", "provinces": ["24"] });
    let r = post(
        &app,
        &an,
        "/api/v1/projects?expected_version=3&reason=split",
        &moved,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn an_officer_creates_projects_in_their_own_province_only() {
    let (app, an, bn, hn) = app().await;
    for (id, provinces) in [("HN-9", vec!["01"]), ("LT-9", vec!["24", "01"])] {
        let r = post(&app, &bn, "/api/v1/projects", &project(id, &provinces)).await;
        assert_eq!(r.status, 403, "{id}: {}", r.text());
        assert!(r.text().contains("own province only"), "{}", r.text());
        let r = request(
            app.addr,
            "GET",
            &format!("/api/v1/projects/{id}"),
            &[("cookie", &an.0)],
            b"",
        )
        .await;
        assert_eq!(r.status, 404, "{id} was not created");
    }
    assert_eq!(refusals(&app, "bacninh"), 2);
    // Its own province, on either map (old Bắc Giang 24 and old Bắc Ninh 27).
    let r = post(&app, &bn, "/api/v1/projects", &project("BN-1", &["24"])).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let mut old_map = project("BN-2", &["24", "27"]);
    old_map["place"]["boundary"] = json!("pre2025");
    let r = post(&app, &bn, "/api/v1/projects", &old_map).await;
    assert_eq!(r.status, 201, "{}", r.text());
    // A difficulty raised in another province is refused the same way.
    let r = post(
        &app,
        &hn,
        "/api/v1/difficulties",
        &json!({ "raised_by": "Doanh nghiệp A", "raiser_kind": "business",
                 "topic": "Thiếu điện", "province": "24", "agency": "EVN",
                 "raised": "2026-01-10", "deadline": "2026-02-10" }),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text());
}

fn workbook(rows: Vec<Vec<congthuong_projects::xlsx::writer::Out>>) -> Vec<u8> {
    use congthuong_projects::xlsx::writer::{SheetData, write_workbook};
    use congthuong_projects::xlsx::{Register, spec};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("du-an.xlsx");
    write_workbook(
        &path,
        Register::Projects,
        &[SheetData {
            sheet: spec::PROJECTS,
            rows,
        }],
        &["ct_2021_2030_2045".into()],
        &[],
    )
    .unwrap();
    std::fs::read(&path).unwrap()
}

/// A row of the projects sheet (the template's columns).
fn row(id: &str, provinces: &str) -> Vec<congthuong_projects::xlsx::writer::Out> {
    use congthuong_projects::xlsx::writer::Out;
    let t = |s: &str| Out::Text(s.into());
    let mut r = vec![
        t(id),
        t("Khu công nghiệp liên tỉnh nhập từ Excel"),
        t("Địa phương"),
        t("2025"),
        t(provinces),
        t("industrial_park"),
        t("Công ty CP Hạ tầng (thử nghiệm)"),
        Out::Num(1200.0),
        Out::Empty,
        Out::Empty,
        Out::Empty,
        Out::Empty,
        Out::Num(1000.0),
        Out::Empty,
        t("Sở Công Thương"),
    ];
    r.resize(20, Out::Empty);
    r
}

#[tokio::test]
async fn the_excel_import_keeps_the_same_rule() {
    let (app, an, bn, _) = app().await;
    let import = |who: &Login, book: Vec<u8>| {
        let who = who.clone();
        let addr = app.addr;
        async move {
            request(
                addr,
                "POST",
                "/api/v1/projects/registers/import?file=du-an.xlsx",
                &[("cookie", &who.0), ("x-csrf-token", &who.1)],
                &book,
            )
            .await
        }
    };
    let before = show(&app, &an, "LT-1").await;
    for (id, provinces) in [("LT-1", "24"), ("LT-7", "24;01"), ("HN-7", "01")] {
        let r = import(&bn, workbook(vec![row(id, provinces)])).await;
        assert_eq!(r.status, 422, "{id}: {}", r.text());
        let text = r.text();
        assert!(
            text.contains("needs an analyst") || text.contains("own province only"),
            "{text}"
        );
    }
    assert_eq!(show(&app, &an, "LT-1").await, before, "nothing changed");
    // The analyst's import may change the provinces.
    let r = import(&an, workbook(vec![row("LT-7", "24;01")])).await;
    assert_eq!(r.status, 200, "{}", r.text());
}
