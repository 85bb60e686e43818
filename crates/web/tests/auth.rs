//! Accounts and roles over a real socket: login, throttling, logout,
//! uploads by a provincial officer (bad file → every error, good file → a
//! new version), and the authorization matrix: every endpoint × every role
//! × own/other province, with the status expected in each cell.

mod support;

use congthuong_store::folder::{FolderOptions, import_folder};
use congthuong_store::progress::NoProgress;
use congthuong_store::synthetic::{Spec, write_folder};
use support::{TestApp, request};

/// A server whose store holds a small synthetic folder (provinces 01, 24
/// and 27 — the last two merged into 24 — 2024-01 … 2025-03) and one
/// account per role.
async fn app() -> TestApp {
    let app = TestApp::spawn().await;
    let dir = app.dir.path().join("folder");
    let mut spec = Spec::small();
    spec.provinces = ["01", "24", "27"]
        .iter()
        .map(|c| congthuong_core::AreaCode::parse(c).unwrap())
        .collect();
    write_folder(&dir, &spec).unwrap();
    let opts = FolderOptions {
        base_year: Some(2024),
        actor: "seed".into(),
        note: "test".into(),
        max_bytes: 100_000_000,
        error_cap: 100,
        threads: 1,
    };
    import_folder(&*app.state.store(), &dir, &opts, &NoProgress).unwrap();
    app.add_user("admin", "admin", None, "admin-pass-1");
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    app.add_user("viewer", "viewer", None, "viewer-pass-1");
    app
}

fn csv(period: &str, area: &str, lines: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut s = String::from("period,area,unit_id,product,quantity\n");
    for (u, p, q) in lines {
        s.push_str(&format!("{period},{area},{u},{p},{q}\n"));
    }
    s.into_bytes()
}

#[tokio::test]
async fn login_logout_and_wrong_passwords_are_throttled() {
    let app = app().await;
    let (cookie, csrf) = app.login("analyst", "analyst-pass-1").await;
    let page = request(app.addr, "GET", "/", &[("cookie", &cookie)], b"")
        .await
        .text();
    assert!(page.contains("id=\"who\"") && page.contains("analyst"));
    let out = request(
        app.addr,
        "POST",
        "/dang-xuat",
        &[
            ("cookie", &cookie),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        format!("csrf={csrf}").as_bytes(),
    )
    .await;
    assert_eq!(out.status, 303);
    assert_eq!(
        request(app.addr, "GET", "/api/v1/me", &[("cookie", &cookie)], b"")
            .await
            .status,
        401,
        "the session ended"
    );
    // Five wrong passwords, then even the right one waits.
    let form = app.get("/dang-nhap").await;
    let csrf_cookie = form
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let token = csrf_cookie.split_once('=').unwrap().1.to_owned();
    let try_login = |pw: &'static str| {
        let (c, t) = (csrf_cookie.clone(), token.clone());
        async move {
            let body = format!("username=viewer&password={pw}&csrf={t}");
            request(
                app.addr,
                "POST",
                "/dang-nhap",
                &[
                    ("cookie", &c),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
                body.as_bytes(),
            )
            .await
            .status
        }
    };
    for _ in 0..5 {
        assert_eq!(try_login("wrong").await, 401);
    }
    assert_eq!(try_login("viewer-pass-1").await, 429);
    let audit = app.state.store().audit(None).unwrap();
    assert!(audit.iter().filter(|a| a.action == "login.failed").count() >= 5);
    // A form without its CSRF cookie is refused.
    let r = request(
        app.addr,
        "POST",
        "/dang-nhap",
        &[("content-type", "application/x-www-form-urlencoded")],
        b"username=admin&password=admin-pass-1&csrf=x",
    )
    .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn an_officer_uploads_a_bad_file_sees_every_error_then_a_good_one_makes_a_version() {
    let app = app().await;
    let (cookie, csrf) = app.login("bacninh", "bacninh-pass-1").await;
    let bad = csv(
        "2025-04",
        "24",
        &[
            ("U1", "COAL", "12"),
            ("U2", "CEMNT", "5"),
            ("U3", "COAL", "-3"),
        ],
    );
    let q = "/api/v1/submissions?province=24&period=2025-04&note=first";
    let r = request(
        app.addr,
        "POST",
        q,
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        &bad,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let errors = r.json()["errors"].as_array().unwrap().clone();
    assert_eq!(
        errors.len(),
        2,
        "both bad lines, not just the first: {errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["line"] == 3 && e["column"] == "product")
    );
    assert!(
        errors
            .iter()
            .any(|e| e["line"] == 4 && e["column"] == "quantity")
    );
    let good = csv(
        "2025-04",
        "24",
        &[("U1", "COAL", "12"), ("U2", "COAL", "5")],
    );
    let r = request(
        app.addr,
        "POST",
        q,
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        &good,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["submission"]["version"], 1);
    let again = request(
        app.addr,
        "POST",
        q,
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        &good,
    )
    .await;
    assert_eq!(
        (again.status, again.json()["stored"].as_bool()),
        (200, Some(false)),
        "same content, no new version"
    );
    // Without the CSRF header the upload is refused.
    assert_eq!(
        request(app.addr, "POST", q, &[("cookie", &cookie)], &good)
            .await
            .status,
        403
    );
    // Old Bắc Ninh (27) before the merger belongs to the officer too.
    let old = csv("2025-01", "27", &[("U9", "COAL", "1")]);
    let r = request(
        app.addr,
        "POST",
        "/api/v1/submissions?province=27&period=2025-01",
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        &old,
    )
    .await;
    assert!(r.status == 201 || r.status == 200, "{}", r.text());
    // Hà Nội is not theirs: 403 and an audit entry.
    let r = request(
        app.addr,
        "POST",
        "/api/v1/submissions?province=01&period=2025-04",
        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
        &good,
    )
    .await;
    assert_eq!(r.status, 403);
    assert!(
        app.state
            .store()
            .audit(None)
            .unwrap()
            .iter()
            .any(|a| a.action == "forbidden" && a.actor == "bacninh" && a.object.contains("01"))
    );
}

/// (method, path, body) of every endpoint, the `{own}`/`{other}` placeholders
/// standing for the officer's province and another.
const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/tinh/24"),
    ("GET", "/san-pham"),
    ("GET", "/thuong-mai"),
    ("GET", "/cong-bo"),
    ("GET", "/api/v1/overview"),
    ("GET", "/api/v1/releases"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/submissions?province={own}"),
    ("GET", "/api/v1/submissions?province={other}"),
    ("POST", "/api/v1/submissions?province={own}&period=2025-05"),
    (
        "POST",
        "/api/v1/submissions?province={other}&period=2025-05",
    ),
    ("GET", "/nop-bao-cao"),
    ("GET", "/nop-bao-cao?province={own}"),
    ("GET", "/nop-bao-cao?province={other}"),
    ("POST", "/api/v1/releases"),
];

/// Expected status per role: anonymous, viewer, officer (own 24, other 01), analyst, admin.
fn expected(method: &str, path: &str) -> [u16; 5] {
    match (method, path) {
        ("GET", "/api/v1/me") => [401, 200, 200, 200, 200],
        ("GET", p) if p.starts_with("/api/v1/submissions") && p.contains("{own}") => {
            [401, 403, 200, 200, 200]
        }
        ("GET", p) if p.starts_with("/api/v1/submissions") => [401, 403, 403, 200, 200],
        ("POST", p) if p.starts_with("/api/v1/submissions") && p.contains("{own}") => {
            [401, 403, 201, 201, 201]
        }
        ("POST", p) if p.starts_with("/api/v1/submissions") => [401, 403, 403, 201, 201],
        ("GET", "/nop-bao-cao") => [303, 200, 200, 200, 200],
        ("GET", p) if p.starts_with("/nop-bao-cao") && p.contains("{own}") => {
            [303, 403, 200, 200, 200]
        }
        ("GET", p) if p.starts_with("/nop-bao-cao") => [303, 403, 403, 200, 200],
        ("POST", "/api/v1/releases") => [401, 403, 403, 201, 201],
        _ => [200; 5],
    }
}

#[tokio::test]
async fn the_authorization_matrix() {
    let app = app().await;
    let mut sessions: Vec<Option<(String, String)>> = vec![None];
    for (u, p) in [
        ("viewer", "viewer-pass-1"),
        ("bacninh", "bacninh-pass-1"),
        ("analyst", "analyst-pass-1"),
        ("admin", "admin-pass-1"),
    ] {
        sessions.push(Some(app.login(u, p).await));
    }
    let roles = ["anonymous", "viewer", "officer", "analyst", "admin"];
    let mut failures = Vec::new();
    for (method, template) in ENDPOINTS {
        let path = template.replace("{own}", "24").replace("{other}", "01");
        for (i, session) in sessions.iter().enumerate() {
            let mut headers: Vec<(&str, &str)> = Vec::new();
            if let Some((cookie, csrf)) = session {
                headers.push(("cookie", cookie));
                headers.push(("x-csrf-token", csrf));
            }
            let body: Vec<u8> = if path.starts_with("/api/v1/submissions") {
                let area = if path.contains("=24") { "24" } else { "01" };
                csv(
                    "2025-05",
                    area,
                    &[(&format!("M{i}"), "COAL", &format!("{}", 10 + i))],
                )
            } else if path == "/api/v1/releases" {
                headers.push(("content-type", "application/json"));
                br#"{"period": "2025-03", "note": "matrix"}"#.to_vec()
            } else {
                Vec::new()
            };
            let status = request(app.addr, method, &path, &headers, &body)
                .await
                .status;
            let want = expected(method, template)[i];
            if status != want {
                failures.push(format!(
                    "{method} {path} as {}: {status}, expected {want}",
                    roles[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Every refusal of an account was audited.
    let forbidden = app
        .state
        .store()
        .audit(None)
        .unwrap()
        .iter()
        .filter(|a| a.action == "forbidden")
        .count();
    assert!(forbidden >= 6, "{forbidden}");
}

/// A person in a browser gets a page in their language, with the status,
/// for an error on a page; scripts and the API keep the JSON envelope.
#[tokio::test]
async fn errors_on_pages_are_pages_for_browsers_and_json_for_scripts() {
    let app = app().await;
    let (cookie, _) = app.login("bacninh", "bacninh-pass-1").await;
    let html = [
        ("cookie", cookie.as_str()),
        ("accept", "text/html,*/*;q=0.8"),
    ];
    let other = "/nop-bao-cao?province=01";
    let r = request(app.addr, "GET", other, &html, b"").await;
    assert_eq!(r.status, 403);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let page = r.text();
    assert!(
        page.contains("id=\"error-page\"") && page.contains("Không có quyền"),
        "{page}"
    );
    assert!(
        page.contains("cán bộ Sở chỉ xem số liệu chưa công bố của tỉnh mình"),
        "the server's reason is shown, in the reader's language: {page}"
    );
    assert!(
        page.contains("id=\"who\""),
        "the layout knows who is logged in"
    );
    assert!(r.header("content-security-policy").is_some());
    let en = request(app.addr, "GET", &format!("{other}&lang=en"), &html, b"").await;
    assert_eq!(en.status, 403);
    assert!(en.text().contains("Not allowed"));
    assert!(
        en.text().contains("a provincial officer reads only"),
        "the English reason on the English page"
    );
    // The same request from a script: the JSON envelope.
    let script = request(app.addr, "GET", other, &[("cookie", cookie.as_str())], b"").await;
    assert_eq!(script.status, 403);
    assert_eq!(script.json()["errors"][0]["code"], "forbidden");
    assert!(
        script.json()["errors"][0]["detail_vi"]
            .as_str()
            .is_some_and(|d| d.starts_with("cán bộ Sở")),
        "the envelope carries both languages: {}",
        script.text()
    );
    // The API answers JSON even to a browser.
    let api = request(
        app.addr,
        "GET",
        "/api/v1/me",
        &[("accept", "text/html")],
        b"",
    )
    .await;
    assert_eq!(api.status, 401);
    assert_eq!(api.json()["errors"][0]["status"], 401);
    // An unknown page, anonymously: 404 and the way back.
    let missing = request(
        app.addr,
        "GET",
        "/khong-co-trang-nay",
        &[("accept", "text/html")],
        b"",
    )
    .await;
    assert_eq!(missing.status, 404);
    let text = missing.text();
    assert!(
        text.contains("Không tìm thấy") && text.contains("href=\"/\""),
        "{text}"
    );
}

/// An upload over the size limit, refused from its Content-Length before
/// any of it is read, is a page for a browser too.
#[tokio::test]
async fn an_oversized_upload_is_a_page_for_a_browser() {
    use tower::ServiceExt;
    let app = TestApp::spawn().await;
    let declared = app.state.settings().max_upload_bytes + 1;
    let request = |accept: &'static str| {
        axum::http::Request::post("/nop-bao-cao")
            .header("accept", accept)
            .header("content-type", "multipart/form-data; boundary=x")
            .header("content-length", declared.to_string())
            .body(axum::body::Body::from("--x--"))
            .unwrap()
    };
    let router = congthuong_web::startup::router(app.state.clone());
    let r = router.clone().oneshot(request("text/html")).await.unwrap();
    assert_eq!(r.status(), 413);
    let body = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
    let page = String::from_utf8_lossy(&body);
    assert!(page.contains("Tệp quá lớn"), "{page}");
    let r = router.oneshot(request("*/*")).await.unwrap();
    assert_eq!(r.status(), 413);
    assert!(
        !String::from_utf8_lossy(&axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap())
            .contains("<html")
    );
}
