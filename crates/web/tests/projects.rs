//! Key projects on the real server (issue 8): status and slip of
//! hand-made schedules through the API (due today, due yesterday,
//! re-planned), the authorization matrix of every new endpoint (admin,
//! analyst, the province's officer, another province's officer, viewer,
//! anonymous), CSRF refusals, the audit log, the pages with the synthetic
//! demo, downloads, and Excel import through the web.

mod support;

use congthuong_projects::Date;
use serde_json::{Value, json};
use support::{Response, TestApp, request};

/// The day every schedule here is measured on.
const TODAY: &str = "2026-11-26";

fn day(offset: i64) -> String {
    Date::parse(TODAY)
        .unwrap()
        .add_days(offset)
        .unwrap()
        .to_string()
}

/// A server with one account per role: admin, analyst, the officer of
/// Bắc Ninh (24, 2025 map), the officer of Hà Nội (01), a viewer.
async fn app() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_user("admin", "admin", None, "admin-pass-1");
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    app.add_user("hanoi", "officer", Some("01"), "hanoi-pass-1");
    app.add_user("viewer", "viewer", None, "viewer-pass-1");
    app
}

/// A logged-in account: the cookie and the CSRF token.
type Login = (String, String);

async fn login(app: &TestApp, name: &str) -> Login {
    app.login(name, &format!("{name}-pass-1")).await
}

async fn post_json(app: &TestApp, path: &str, who: Option<&Login>, body: &Value) -> Response {
    let mut headers: Vec<(&str, &str)> = vec![("content-type", "application/json")];
    if let Some((cookie, csrf)) = who {
        headers.push(("cookie", cookie));
        headers.push(("x-csrf-token", csrf));
    }
    request(
        app.addr,
        "POST",
        path,
        &headers,
        body.to_string().as_bytes(),
    )
    .await
}

async fn get(app: &TestApp, path: &str, who: Option<&Login>) -> Response {
    let headers: Vec<(&str, &str)> = who
        .map(|(c, _)| vec![("cookie", c.as_str())])
        .unwrap_or_default();
    request(app.addr, "GET", path, &headers, b"").await
}

/// A project in `province` (2025 map) with the given milestones
/// (code, baseline).
fn project(id: &str, province: &str, milestones: &[(&str, String)]) -> Value {
    json!({
        "id": id,
        "name": format!("Khu công nghiệp thử nghiệm {id}"),
        "level": "provincial",
        "place": { "boundary": "2025", "provinces": [province] },
        "sector": "industrial_park",
        "investor": "Công ty CP Hạ tầng (thử nghiệm)",
        "total_investment": 1200.0,
        "capital": { "private": 1000.0 },
        "agency": "Sở Công Thương",
        "milestones": milestones.iter().map(|(code, baseline)| json!({
            "code": code, "name": format!("Mốc {code}"), "agency": null,
            "baseline": baseline, "replans": [], "actual": null
        })).collect::<Vec<_>>(),
        "site_clearance": null,
        "procedures": [],
        "disbursement": [{ "year": 2026, "plan": 200.0, "plan_pm": null,
            "months": [{ "month": 1, "disbursed": 20.0 }, { "month": 2, "disbursed": 30.0 }] }],
        "blockers": [],
        "updates": [],
        "earned_value": [],
        "synthetic": false
    })
}

fn milestone<'a>(show: &'a Value, code: &str) -> &'a Value {
    show["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == code)
        .unwrap_or_else(|| panic!("no milestone {code}: {show}"))
}

#[tokio::test]
async fn status_and_slip_follow_the_dates_due_today_due_yesterday_and_replanned() {
    let app = app().await;
    let analyst = login(&app, "analyst").await;
    let body = project(
        "HM-1",
        "24",
        &[
            ("due_today", day(0)),
            ("due_yesterday", day(-1)),
            ("replanned", day(-60)),
            ("far", day(200)),
        ],
    );
    let r = post_json(&app, "/api/v1/projects?reason=test", Some(&analyst), &body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["saved"]["version"], 1);
    // The baseline of `replanned` passed 60 days ago; re-planned to 10 days ahead.
    let r = post_json(
        &app,
        "/api/v1/projects/HM-1/milestones/replanned/replans",
        Some(&analyst),
        &json!({ "date": day(10), "reason": "Chờ bàn giao mặt bằng", "decision": "12/QĐ-UBND" }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["saved"]["version"], 2);

    let show = get(
        &app,
        &format!("/api/v1/projects/HM-1?today={TODAY}"),
        Some(&analyst),
    )
    .await
    .json();
    let state = |code: &str| milestone(&show, code)["status"]["state"].clone();
    assert_eq!(
        state("due_today"),
        json!({ "state": "at_risk", "days_left": 0 })
    );
    assert_eq!(
        state("due_yesterday"),
        json!({ "state": "late", "days": 1 })
    );
    assert_eq!(
        state("replanned"),
        json!({ "state": "at_risk", "days_left": 10 })
    );
    assert_eq!(
        state("far"),
        json!({ "state": "on_schedule", "days_left": 200 })
    );
    let rp = milestone(&show, "replanned");
    assert_eq!(rp["baseline"], day(-60), "the baseline is kept");
    assert_eq!(rp["status"]["plan"], day(10));
    assert_eq!(rp["status"]["slip_baseline_days"], 70);
    assert_eq!(rp["replans"][0]["by"], "analyst (analyst)");
    assert_eq!(show["status"]["overall"], "late");
    assert_eq!(show["status"]["slip_days"], 1);
    assert_eq!(show["status"]["slip_baseline_days"], 70);
    assert_eq!(show["history"].as_array().unwrap().len(), 2);

    // A day later: due today becomes late by one day.
    let next = get(
        &app,
        &format!("/api/v1/projects/HM-1?today={}", day(1)),
        Some(&analyst),
    )
    .await
    .json();
    assert_eq!(
        milestone(&next, "due_today")["status"]["state"],
        json!({ "state": "late", "days": 1 })
    );
    assert_eq!(next["status"]["slip_days"], 2);

    // Who must act by when, in the late list of Bắc Ninh and of north_28.
    let late = get(
        &app,
        &format!("/api/v1/projects/late?group=north_28&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .json();
    let entry = &late["entries"][0];
    assert_eq!(entry["project"]["id"], "HM-1");
    let actions = entry["actions"].as_array().unwrap();
    assert_eq!(actions[0]["item"], "due_yesterday", "late first");
    assert_eq!(actions[0]["agency"], "Sở Công Thương");
    assert_eq!(actions[0]["deadline"], day(-1));
    assert!(actions.iter().all(|a| a["item"] != "far"));
    let csv = get(
        &app,
        &format!("/api/v1/projects/late?province=24&today={TODAY}&format=csv"),
        Some(&analyst),
    )
    .await;
    assert_eq!(csv.status, 200);
    let text = csv.text();
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(text.contains("who_must_act,by_when"));
    assert!(
        text.contains(&format!(
            "due_yesterday,Mốc due_yesterday,Sở Công Thương,{},late,1,",
            day(-1)
        )),
        "{text}"
    );
    // The page says the same in both languages.
    let page = get(
        &app,
        &format!("/du-an?province=24&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .text();
    assert!(
        page.contains("chậm 1 ngày") && page.contains("đến hạn hôm nay"),
        "{page}"
    );
    assert!(
        !page.contains("id=\"synthetic-banner\""),
        "hand-made data is not synthetic"
    );
    let en = get(
        &app,
        &format!("/du-an?province=24&today={TODAY}&lang=en"),
        Some(&analyst),
    )
    .await
    .text();
    assert!(
        en.contains("1 day late")
            && en.contains("due today")
            && en.contains("Late and at-risk key projects")
    );
}

/// (method, path, form?) of every new endpoint; `{i}` is the role's index
/// so each role's write touches its own record.
const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/du-an"),
    ("GET", "/du-an/danh-sach"),
    ("GET", "/du-an/giai-ngan"),
    ("GET", "/du-an/chien-luoc"),
    ("GET", "/du-an/dau-tu"),
    ("GET", "/du-an/kho-khan"),
    ("GET", "/du-an/excel"),
    ("GET", "/du-an/MX-24"),
    ("GET", "/api/v1/projects"),
    ("GET", "/api/v1/projects/late"),
    ("GET", "/api/v1/projects/disbursement"),
    ("GET", "/api/v1/projects/MX-24"),
    ("GET", "/api/v1/strategies"),
    ("GET", "/api/v1/investment"),
    ("GET", "/api/v1/difficulties"),
    ("GET", "/api/v1/projects/registers/projects/export"),
    ("GET", "/api/v1/projects/registers/difficulties/template"),
    ("POST", "/api/v1/projects"),
    ("POST", "/api/v1/projects/MX-24/updates"),
    ("POST", "/api/v1/projects/MX-24/milestones/khoi_cong/actual"),
    (
        "POST",
        "/api/v1/projects/MX-24/milestones/hoan_thanh/replans",
    ),
    ("POST", "/api/v1/projects/MX-24/blockers"),
    ("POST", "/api/v1/projects/MX-24/blockers/B{i}/resolve"),
    ("POST", "/api/v1/strategies"),
    ("POST", "/api/v1/difficulties"),
    ("POST", "/api/v1/difficulties/KK-M-{i}/close"),
    ("POST", "/api/v1/projects/registers/import"),
    ("FORM", "/du-an/MX-24/cap-nhat"),
    ("FORM", "/du-an/MX-24/hoan-thanh"),
    ("FORM", "/du-an/MX-24/dieu-chinh"),
    ("FORM", "/du-an/MX-24/vuong-mac"),
    ("FORM", "/du-an/MX-24/vuong-mac/giai-quyet"),
    ("FORM", "/du-an/chien-luoc"),
    ("FORM", "/du-an/kho-khan"),
    ("FORM", "/du-an/kho-khan/giai-quyet"),
];

const ROLES: [&str; 6] = [
    "anonymous",
    "viewer",
    "officer of 24 (own)",
    "officer of 01 (other)",
    "analyst",
    "admin",
];

/// The status expected per role, in the order of [`ROLES`].
fn expected(method: &str, path: &str) -> [u16; 6] {
    match (method, path) {
        ("GET", p) if p.starts_with("/du-an") => [303, 200, 200, 200, 200, 200],
        ("GET", _) => [401, 200, 200, 200, 200, 200],
        // An import reports a record the account may not change as one of
        // the file's problems (all or nothing, every problem listed).
        ("POST", "/api/v1/projects/registers/import") => [401, 403, 200, 422, 200, 200],
        ("POST", "/api/v1/projects") | ("POST", "/api/v1/difficulties") => {
            [401, 403, 201, 403, 201, 201]
        }
        ("POST", _) => [401, 403, 200, 403, 200, 200],
        ("FORM", _) => [401, 403, 303, 403, 303, 303],
        _ => unreachable!(),
    }
}

/// The body of a write by role `i`.
fn write_body(path: &str, i: usize) -> Value {
    match path {
        "/api/v1/projects" => project(&format!("NEW-{i}"), "24", &[("khoi_cong", day(90))]),
        p if p.ends_with("/updates") => {
            json!({ "text": format!("Cập nhật {i}"), "physical_percent": 10.0 + i as f64 })
        }
        p if p.ends_with("/actual") => json!({ "date": day(-(i as i64)) }),
        p if p.ends_with("/replans") => {
            json!({ "date": day(100 + i as i64), "reason": format!("Điều chỉnh {i}") })
        }
        p if p.ends_with("/blockers") => json!({
            "code": format!("N{i}"), "description": "Thiếu vật liệu san lấp", "category": "materials",
            "agency": "Sở Xây dựng", "escalation": "province", "deadline": day(20)
        }),
        p if p.ends_with("/resolve") => json!({ "resolution": format!("Đã xử lý {i}") }),
        "/api/v1/strategies" => json!({
            "province": "24", "kind": "ct_2021_2030_2045",
            "decision_number": format!("{}/QĐ-UBND", 100 + i), "decision_date": day(-30), "integrated": true
        }),
        "/api/v1/difficulties" => json!({
            "raised_by": "Công ty TNHH Thử nghiệm", "raiser_kind": "business", "topic": format!("Thủ tục đất đai {i}"),
            "province": "24", "agency": "Sở Nông nghiệp và Môi trường", "deadline": day(15)
        }),
        p if p.ends_with("/close") => {
            json!({ "status": "answered", "resolution": "Đã trả lời bằng văn bản" })
        }
        _ => unreachable!("{path}"),
    }
}

/// The form fields of a dashboard write by role `i` (without the token).
fn form_fields(path: &str, i: usize, version: u32) -> Vec<(String, String)> {
    let v = |k: &str, x: String| (k.to_owned(), x);
    let mut f = match path {
        p if p.ends_with("/cap-nhat") => vec![v("text", format!("Ghi chú {i}")), v("date", day(0))],
        p if p.ends_with("/hoan-thanh") => vec![
            v("milestone", "ban_giao_mb".into()),
            v("date", day(-(i as i64))),
        ],
        p if p.ends_with("/dieu-chinh") => vec![
            v("milestone", "hoan_thanh".into()),
            v("date", day(200 + i as i64)),
            v("reason", format!("Lý do {i}")),
        ],
        p if p.ends_with("/vuong-mac") => vec![
            v("code", format!("F{i}")),
            v("description", "Chưa có giấy phép".into()),
            v("category", "procedures".into()),
            v("agency", "Sở Xây dựng".into()),
            v("escalation", "ministry".into()),
            v("deadline", day(10)),
        ],
        p if p.ends_with("/vuong-mac/giai-quyet") => vec![
            v("code", format!("G{i}")),
            v("date", day(0)),
            v("resolution", "Đã cấp phép".into()),
        ],
        "/du-an/chien-luoc" => vec![
            v("province", "24".into()),
            v("kind", "cnht_2021_2030".into()),
            v("decision_number", format!("{}/QĐ-UBND", 200 + i)),
            v("decision_date", day(-10)),
            v("integrated", "1".into()),
        ],
        "/du-an/kho-khan" => vec![
            v("raised_by", "Hiệp hội Thử nghiệm".into()),
            v("raiser_kind", "association".into()),
            v("topic", format!("Phòng cháy {i}")),
            v("province", "24".into()),
            v("agency", "Công an tỉnh".into()),
            v("deadline", day(30)),
        ],
        "/du-an/kho-khan/giai-quyet" => vec![
            v("id", format!("KK-F-{i}")),
            v("status", "resolved".into()),
            v("date", day(0)),
            v("resolution", "Đã hướng dẫn".into()),
        ],
        _ => unreachable!("{path}"),
    };
    if path.starts_with("/du-an/MX-24") {
        f.push(v("version", version.to_string()));
    }
    f
}

fn urlencode(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", congthuong_web::pages::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A one-project workbook of the projects register (project `id` in 2025
/// province `province`), as the template lays it out.
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

fn project_row(
    id: &str,
    province: &str,
    total: f64,
) -> Vec<congthuong_projects::xlsx::writer::Out> {
    use congthuong_projects::xlsx::writer::Out;
    let t = |s: &str| Out::Text(s.into());
    vec![
        t(id),
        t("Cụm công nghiệp nhập từ Excel"),
        t("Địa phương"),
        t("2025"),
        t(province),
        t("industrial_park"),
        t("Công ty CP Hạ tầng (thử nghiệm)"),
        Out::Num(total),
        Out::Empty,
        Out::Empty,
        Out::Empty,
        Out::Empty,
        Out::Num(100.0),
        Out::Empty,
        t("Sở Công Thương"),
        Out::Empty,
        Out::Empty,
        Out::Empty,
        Out::Empty,
        Out::Empty,
    ]
}

/// The current version of a project.
async fn version(app: &TestApp, who: &Login, id: &str) -> u32 {
    get(app, &format!("/api/v1/projects/{id}"), Some(who))
        .await
        .json()["version"]["version"]
        .as_u64()
        .unwrap() as u32
}

#[tokio::test]
async fn the_authorization_matrix_of_the_registers() {
    let app = app().await;
    let analyst = login(&app, "analyst").await;
    // The project every write targets, with a blocker per role to resolve.
    let mut p = project(
        "MX-24",
        "24",
        &[
            ("ban_giao_mb", day(-40)),
            ("khoi_cong", day(-5)),
            ("hoan_thanh", day(300)),
        ],
    );
    let blocker = |code: String| {
        json!({ "code": code, "description": "Vướng mắc thử nghiệm", "category": "other",
                "agency": "UBND tỉnh", "escalation": "province", "raised": day(-20),
                "deadline": day(5), "resolved": null, "resolution": null })
    };
    p["blockers"] = (0..6)
        .flat_map(|i| [blocker(format!("B{i}")), blocker(format!("G{i}"))])
        .collect();
    let r = post_json(&app, "/api/v1/projects", Some(&analyst), &p).await;
    assert_eq!(r.status, 201, "{}", r.text());
    for i in 0..6 {
        for (id, topic) in [(format!("KK-M-{i}"), "API"), (format!("KK-F-{i}"), "form")] {
            let r = post_json(
                &app,
                "/api/v1/difficulties",
                Some(&analyst),
                &json!({ "id": id, "raised_by": "Công ty CP Thử nghiệm", "raiser_kind": "business",
                         "topic": format!("Chậm cấp phép ({topic})"), "province": "24",
                         "agency": "Sở Xây dựng", "raised": day(-30), "deadline": day(-1) }),
            )
            .await;
            assert_eq!(r.status, 201, "{}", r.text());
        }
    }
    let good_book = workbook(vec![project_row("XL-24", "24", 500.0)]);

    let mut sessions: Vec<Option<Login>> = vec![None];
    for u in ["viewer", "bacninh", "hanoi", "analyst", "admin"] {
        sessions.push(Some(login(&app, u).await));
    }
    let forbidden_before = app
        .state
        .store()
        .audit(None)
        .unwrap()
        .iter()
        .filter(|a| a.action == "forbidden")
        .count();
    let mut failures = Vec::new();
    let mut refusals = 0;
    for (method, template) in ENDPOINTS {
        for (i, session) in sessions.iter().enumerate() {
            let path = template.replace("{i}", &i.to_string());
            let mut headers: Vec<(&str, String)> = Vec::new();
            if let Some((cookie, csrf)) = session {
                headers.push(("cookie", cookie.clone()));
                if *method == "POST" {
                    headers.push(("x-csrf-token", csrf.clone()));
                }
            }
            let (verb, body): (&str, Vec<u8>) = match *method {
                "GET" => ("GET", Vec::new()),
                "POST" if path == "/api/v1/projects/registers/import" => {
                    ("POST", good_book.clone())
                }
                "POST" => {
                    headers.push(("content-type", "application/json".into()));
                    ("POST", write_body(template, i).to_string().into_bytes())
                }
                _ => {
                    headers.push(("content-type", "application/x-www-form-urlencoded".into()));
                    let v = version(&app, &analyst, "MX-24").await;
                    let mut fields = form_fields(template, i, v);
                    if let Some((_, csrf)) = session {
                        fields.push(("csrf".into(), csrf.clone()));
                    }
                    ("POST", urlencode(&fields).into_bytes())
                }
            };
            let hs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let full = if *method != "POST" && !path.contains("/registers/") {
                format!("{path}?today={TODAY}")
            } else {
                path.clone()
            };
            let r = request(app.addr, verb, &full, &hs, &body).await;
            let want = expected(method, template)[i];
            if want == 403 {
                refusals += 1;
            }
            if r.status != want {
                failures.push(format!(
                    "{method} {path} as {}: {} (expected {want}): {}",
                    ROLES[i],
                    r.status,
                    r.text().chars().take(300).collect::<String>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Every refusal of a logged-in account was audited.
    let audit = app.state.store().audit(None).unwrap();
    let forbidden: Vec<_> = audit.iter().filter(|a| a.action == "forbidden").collect();
    assert_eq!(
        forbidden.len() - forbidden_before,
        refusals,
        "{forbidden:#?}"
    );
    assert!(
        forbidden
            .iter()
            .any(|a| a.actor == "hanoi" && a.object.contains("MX-24"))
    );
    assert!(forbidden.iter().any(|a| a.actor == "viewer"));
    // Nothing the refused accounts sent was stored.
    let show = get(&app, "/api/v1/projects/MX-24", Some(&analyst))
        .await
        .json();
    for h in show["history"].as_array().unwrap() {
        let who = h["actor"].as_str().unwrap();
        assert!(
            !who.starts_with("hanoi") && !who.starts_with("viewer"),
            "{who}"
        );
    }
    let blockers = show["project"]["blockers"].as_array().unwrap();
    let resolved = |code: &str| {
        blockers
            .iter()
            .find(|b| b["code"] == code)
            .map(|b| !b["resolved"].is_null())
            .unwrap()
    };
    assert!(resolved("B2") && resolved("B4") && resolved("B5") && resolved("G2"));
    assert!(!resolved("B0") && !resolved("B1") && !resolved("B3") && !resolved("G3"));
    assert_eq!(
        get(&app, "/api/v1/projects/NEW-3", Some(&analyst))
            .await
            .status,
        404,
        "the other province's officer created nothing"
    );
}

#[tokio::test]
async fn writes_without_the_csrf_token_are_refused_and_change_nothing() {
    let app = app().await;
    let officer = login(&app, "bacninh").await;
    let r = post_json(
        &app,
        "/api/v1/projects",
        Some(&officer),
        &project("CS-24", "24", &[("khoi_cong", day(30))]),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let before = version(&app, &officer, "CS-24").await;
    // The API without the header, and with a wrong one.
    for token in [None, Some("0".repeat(64))] {
        let mut headers = vec![
            ("cookie", officer.0.clone()),
            ("content-type", "application/json".to_owned()),
        ];
        if let Some(t) = &token {
            headers.push(("x-csrf-token", t.clone()));
        }
        let hs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = request(
            app.addr,
            "POST",
            "/api/v1/projects/CS-24/milestones/khoi_cong/replans",
            &hs,
            br#"{"date": "2027-01-01", "reason": "x"}"#,
        )
        .await;
        assert_eq!(r.status, 403, "{}", r.text());
        assert!(r.text().contains("CSRF"));
    }
    // A form without its hidden field.
    let r = request(
        app.addr,
        "POST",
        "/du-an/CS-24/dieu-chinh",
        &[
            ("cookie", &officer.0),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        b"milestone=khoi_cong&date=2027-01-01&reason=x",
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(version(&app, &officer, "CS-24").await, before);
}

#[tokio::test]
async fn every_change_is_in_the_main_audit_log_with_who_and_the_hashes() {
    let app = app().await;
    let officer = login(&app, "bacninh").await;
    let r = post_json(
        &app,
        "/api/v1/projects?reason=Khởi%20tạo",
        Some(&officer),
        &project("AU-24", "24", &[("khoi_cong", day(30))]),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let r = post_json(
        &app,
        "/api/v1/projects/AU-24/milestones/khoi_cong/replans",
        Some(&officer),
        &json!({ "date": day(60), "reason": "Chờ giấy phép xây dựng", "expected_version": 1 }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A stale edit (based on version 1) is refused with 409.
    let r = post_json(
        &app,
        "/api/v1/projects/AU-24/updates",
        Some(&officer),
        &json!({ "text": "Đã khởi công", "expected_version": 1 }),
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["code"], "conflict");

    let audit = app.state.store().audit(None).unwrap();
    let mine: Vec<_> = audit
        .iter()
        .filter(|a| a.object.starts_with("proj_projects/AU-24@"))
        .collect();
    assert_eq!(mine.len(), 2, "{mine:#?}");
    // Oldest first.
    assert_eq!(mine[1].action, "proj_projects.update");
    assert_eq!(mine[1].object, "proj_projects/AU-24@2");
    assert_eq!(mine[1].actor, "bacninh (officer 24@2025)");
    assert_eq!(
        mine[1].hash_before.as_deref(),
        mine[0].hash_after.as_deref()
    );
    assert!(
        mine[1].detail.contains("re-plans 0 → 1"),
        "{}",
        mine[1].detail
    );
    assert_eq!(mine[0].action, "proj_projects.create");
    assert!(mine[0].detail.contains("Khởi tạo"));
    // The store's own entries are in the same log (the logins).
    assert!(
        audit
            .iter()
            .any(|a| a.action == "login" && a.actor == "bacninh")
    );
    // The project page lists the versions with who and why.
    let page = get(&app, &format!("/du-an/AU-24?today={TODAY}"), Some(&officer))
        .await
        .text();
    // The actor in words on the Vietnamese page (the API keeps the stored form).
    assert!(
        page.contains("Chờ giấy phép xây dựng") && page.contains("bacninh (cán bộ Sở · Bắc Ninh)"),
        "{page}"
    );
    assert!(
        page.contains("id=\"replan-form\""),
        "the officer may edit their project"
    );
}

/// The synthetic demo in the server's database.
fn load_demo(app: &TestApp) {
    let db = app
        .dir
        .path()
        .join("data")
        .join(congthuong_store::sqlite::DB_FILE);
    let loaded = congthuong_web::projects::demo::load(&db, Date::parse(TODAY).unwrap())
        .unwrap()
        .expect("empty registers take the demo");
    assert!(loaded.projects > 10);
    assert!(
        congthuong_web::projects::demo::load(&db, Date::parse(TODAY).unwrap())
            .unwrap()
            .is_none(),
        "never loaded twice"
    );
}

#[tokio::test]
async fn the_pages_show_the_demo_with_its_banner_in_both_languages() {
    let app = app().await;
    load_demo(&app);
    let analyst = login(&app, "analyst").await;
    // Anonymous readers are sent to the login page, back here afterwards.
    let anon = get(&app, "/du-an?group=north_28", None).await;
    assert_eq!(anon.status, 303);
    assert!(
        anon.header("location")
            .unwrap()
            .starts_with("/dang-nhap?next=%2Fdu-an")
    );

    let late = get(
        &app,
        &format!("/du-an?group=north_28&today={TODAY}"),
        Some(&analyst),
    )
    .await;
    assert_eq!(late.status, 200);
    let html = late.text();
    assert!(html.contains("id=\"synthetic-banner\""));
    assert!(html.contains("id=\"late\""));
    assert!(html.contains("class=\"who\""));
    assert!(
        html.matches("class=\"project-link\"").count() >= 3,
        "{html}"
    );
    assert!(
        html.contains("href=\"/du-an\" aria-current=\"page\""),
        "the nav item"
    );
    let first = html
        .split("class=\"project-link\"")
        .next()
        .unwrap()
        .rsplit("href=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let project = get(&app, &first, Some(&analyst)).await;
    assert_eq!(project.status, 200, "{first}");
    let p = project.text();
    assert!(p.contains("<svg class=\"gantt\""));
    assert!(p.matches("<g class=\"ms\"").count() >= 3);
    assert!(p.contains("class=\"baseline\"") && p.contains("class=\"today\""));
    assert!(p.contains("id=\"synthetic-banner\""));
    for path in [
        "/du-an/danh-sach",
        "/du-an/giai-ngan",
        "/du-an/chien-luoc",
        "/du-an/dau-tu",
        "/du-an/kho-khan",
        "/du-an/excel",
    ] {
        for lang in ["", "&lang=en"] {
            let r = get(
                &app,
                &format!("{path}?group=north_28&today={TODAY}{lang}"),
                Some(&analyst),
            )
            .await;
            assert_eq!(r.status, 200, "{path}{lang}: {}", r.text());
            let t = r.text();
            assert!(t.contains("id=\"synthetic-banner\""), "{path}");
            assert_eq!(t.contains("<html lang=\"en\">"), !lang.is_empty());
        }
    }
    let grid = get(
        &app,
        &format!("/du-an/chien-luoc?group=north_28&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .text();
    assert_eq!(
        grid.matches("<tr data-province=").count(),
        18,
        "18 provinces of north_28 on the 2025 map"
    );
    let grid63 = get(
        &app,
        &format!("/du-an/chien-luoc?group=north_28&boundaries=pre2025&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .text();
    assert_eq!(grid63.matches("<tr data-province=").count(), 28);
    let inv = get(&app, "/du-an/dau-tu?group=north_28&lang=en", Some(&analyst))
        .await
        .text();
    for industry in [
        "Supporting industries",
        "Chemicals",
        "Mechanical engineering",
        "Electronics",
    ] {
        assert!(inv.contains(industry), "{industry}");
    }
    assert!(inv.contains("Domestic") && inv.contains("Foreign"));
    let diff = get(
        &app,
        &format!("/du-an/kho-khan?group=all&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .text();
    assert!(diff.contains("id=\"by-agency\"") && diff.contains("id=\"overdue\""));
    let disb = get(
        &app,
        &format!("/du-an/giai-ngan?group=north_28&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .text();
    assert!(disb.contains("id=\"ranking\"") && disb.contains("id=\"ranking-chart\""));
    // Downloads: CSV and XLSX of each list.
    for api in [
        "/api/v1/projects",
        "/api/v1/projects/late",
        "/api/v1/projects/disbursement",
        "/api/v1/strategies",
        "/api/v1/investment",
        "/api/v1/difficulties",
    ] {
        let csv = get(
            &app,
            &format!("{api}?group=north_28&today={TODAY}&format=csv"),
            Some(&analyst),
        )
        .await;
        assert_eq!(csv.status, 200, "{api}: {}", csv.text());
        let text = csv.text();
        assert!(text.lines().count() > 1, "{api}: {text}");
        assert!(text.lines().next().unwrap().ends_with("synthetic"), "{api}");
        assert!(text.contains(",yes"), "{api} marks synthetic rows");
        let xlsx = get(
            &app,
            &format!("{api}?group=north_28&today={TODAY}&format=xlsx"),
            Some(&analyst),
        )
        .await;
        assert_eq!(xlsx.status, 200);
        assert!(
            xlsx.header("content-type")
                .unwrap()
                .contains("spreadsheetml")
        );
        assert_eq!(&xlsx.body[..2], b"PK");
    }
    let json = get(
        &app,
        &format!("/api/v1/projects/late?group=north_28&today={TODAY}"),
        Some(&analyst),
    )
    .await
    .json();
    assert_eq!(json["synthetic"], true);
    assert_eq!(json["scope"]["members"].as_array().unwrap().len(), 18);
}

#[tokio::test]
async fn user_text_is_escaped_everywhere_it_is_shown() {
    let app = app().await;
    let analyst = login(&app, "analyst").await;
    let mut p = project("XSS-1", "01", &[("khoi_cong", day(-3))]);
    p["name"] = json!("<script>alert('x')</script>");
    p["agency"] = json!("<img src=x onerror=alert(1)>");
    assert_eq!(
        post_json(&app, "/api/v1/projects", Some(&analyst), &p)
            .await
            .status,
        201
    );
    for path in [
        "/du-an/XSS-1",
        "/du-an?group=all",
        "/du-an/danh-sach?group=all",
    ] {
        let html = get(
            &app,
            &format!(
                "{path}{}today={TODAY}",
                if path.contains('?') { "&" } else { "?" }
            ),
            Some(&analyst),
        )
        .await
        .text();
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn excel_import_lists_every_problem_then_stores_a_clean_file() {
    let app = app().await;
    let officer = login(&app, "bacninh").await;
    let bad = workbook(vec![
        project_row("XL-1", "27", 500.0), // 27 is gone since the merger
        project_row("XL-2", "24", -5.0),  // a negative total
        project_row("XL-3", "01", 100.0), // Hà Nội is not the officer's
    ]);
    let (cookie, csrf) = &officer;
    let r = request(
        app.addr,
        "POST",
        "/api/v1/projects/registers/import?file=du-an.xlsx",
        &[("cookie", cookie), ("x-csrf-token", csrf)],
        &bad,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let errors = r.json()["errors"].as_array().unwrap().clone();
    assert!(errors.len() >= 3, "{errors:#?}");
    assert!(errors.iter().all(|e| e["file"] == "du-an.xlsx"));
    for row in [3, 4, 5] {
        assert!(
            errors.iter().any(|e| e["line"] == row),
            "row {row}: {errors:#?}"
        );
    }
    assert!(
        errors
            .iter()
            .any(|e| e["detail"].as_str().unwrap().contains("may not change"))
    );
    let list = get(&app, "/api/v1/projects?group=all", Some(&officer))
        .await
        .json();
    assert!(
        list["projects"].as_array().unwrap().is_empty(),
        "nothing stored"
    );

    // The same through the page: the errors in a table, then a clean file.
    let form = |file: &[u8], name: &str| {
        let boundary = "XyZ123boundary";
        let mut body = Vec::new();
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").as_bytes());
        body.extend(file);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    };
    let (ct, body) = form(&bad, "du-an.xlsx");
    let r = request(
        app.addr,
        "POST",
        "/du-an/excel",
        &[("cookie", cookie), ("content-type", &ct)],
        &body,
    )
    .await;
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("id=\"errors\"") && html.contains("không lưu gì"));
    let good = workbook(vec![project_row("XL-9", "24", 500.0)]);
    let (ct, body) = form(&good, "du-an-sach.xlsx");
    let r = request(
        app.addr,
        "POST",
        "/du-an/excel",
        &[("cookie", cookie), ("content-type", &ct)],
        &body,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("1 bản ghi mới"));
    let show = get(&app, "/api/v1/projects/XL-9", Some(&officer))
        .await
        .json();
    assert_eq!(show["version"]["actor"], "bacninh (officer 24@2025)");
    // Exported back, the register imports unchanged.
    let export = get(
        &app,
        "/api/v1/projects/registers/projects/export",
        Some(&officer),
    )
    .await;
    assert_eq!(export.status, 200);
    let r = request(
        app.addr,
        "POST",
        "/api/v1/projects/registers/import?file=export.xlsx",
        &[("cookie", cookie), ("x-csrf-token", csrf)],
        &export.body,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["imported"]["unchanged"], 1);
}

/// Edits of one project sent at once, while the store writes its own
/// audit entries (logins): each is stored, none is lost, and every one is
/// in the audit log.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_edits_beside_the_store_lose_nothing() {
    let app = app().await;
    let analyst = login(&app, "analyst").await;
    let r = post_json(
        &app,
        "/api/v1/projects",
        Some(&analyst),
        &project("CC-1", "01", &[("khoi_cong", day(30))]),
    )
    .await;
    assert_eq!(r.status, 201);
    let mut tasks = Vec::new();
    for i in 0..24 {
        let (addr, who) = (app.addr, analyst.clone());
        tasks.push(tokio::spawn(async move {
            let body = json!({ "text": format!("Cập nhật song song {i}") }).to_string();
            request(
                addr,
                "POST",
                "/api/v1/projects/CC-1/updates",
                &[
                    ("cookie", &who.0),
                    ("x-csrf-token", &who.1),
                    ("content-type", "application/json"),
                ],
                body.as_bytes(),
            )
            .await
            .status
        }));
    }
    for _ in 0..4 {
        login(&app, "viewer").await;
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let show = get(&app, "/api/v1/projects/CC-1", Some(&analyst))
        .await
        .json();
    assert_eq!(show["project"]["updates"].as_array().unwrap().len(), 24);
    assert_eq!(show["version"]["version"], 25);
    let audit = app.state.store().audit(None).unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.object.starts_with("proj_projects/CC-1@"))
            .count(),
        25
    );
    assert!(audit.iter().filter(|a| a.action == "login").count() >= 5);
}
