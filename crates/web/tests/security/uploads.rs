//! Hostile workbooks on every upload path (issue 13 item 1).
//!
//! Each shape (the cell XFD1048576, a trillion declared shared strings, a
//! 200 MiB sheet in 200 KB, 2000 sheets; `congthuong_intake::hostile`)
//! goes through the report upload page and API, the brand register import
//! (page and API), the projects Excel import (page and API) and the origin
//! calculator's BOM upload. Each answer is 422 naming the file and the
//! sheet (or the part), nothing is stored, and the server still answers.
//! Before the capped reader, the first two shapes aborted the process
//! (`memory allocation of 549755813888 bytes failed`).

use congthuong_intake::hostile;

use crate::support::{Response, TestApp, request};

/// A hostile file, the sheet (or part) its error must name, and the
/// Vietnamese words of the error.
struct Shape {
    file: &'static str,
    bytes: Vec<u8>,
    named: &'static str,
    vi: &'static str,
}

fn shapes(sheet: &str) -> Vec<Shape> {
    vec![
        Shape {
            file: "far.xlsx",
            bytes: hostile::far_cell(sheet),
            named: "XFD",
            vi: "ô XFD1048576 nằm ngoài vùng",
        },
        Shape {
            file: "sst.xlsx",
            bytes: hostile::shared_strings_bomb(sheet),
            named: "1000000000000",
            vi: "bảng chuỗi dùng chung",
        },
        Shape {
            file: "bomb.xlsx",
            bytes: hostile::sheet_bomb(sheet, 200),
            named: "xl/worksheets/sheet1.xml",
            vi: "giải nén ra",
        },
        Shape {
            file: "many.xlsx",
            bytes: hostile::many_sheets(sheet, 2_000),
            named: "100",
            vi: "hơn 100 trang tính",
        },
    ]
}

async fn app() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    app
}

/// A multipart body: text fields, then the file.
fn multipart(fields: &[(&str, &str)], name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "UPLOADSBOUNDARY";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend(file);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_form(
    app: &TestApp,
    path: &str,
    session: Option<&(String, String)>,
    fields: &[(&str, &str)],
    name: &str,
    file: &[u8],
) -> Response {
    let (ct, body) = multipart(fields, name, file);
    let mut headers = vec![("content-type", ct.as_str())];
    if let Some((cookie, _)) = session {
        headers.push(("cookie", cookie));
    }
    request(app.addr, "POST", path, &headers, &body).await
}

async fn post_raw(app: &TestApp, path: &str, session: &(String, String), body: &[u8]) -> Response {
    request(
        app.addr,
        "POST",
        path,
        &[
            ("cookie", &session.0),
            ("x-csrf-token", &session.1),
            ("content-type", "application/octet-stream"),
        ],
        body,
    )
    .await
}

async fn get_as(app: &TestApp, path: &str, session: &(String, String)) -> Response {
    request(app.addr, "GET", path, &[("cookie", &session.0)], b"").await
}

/// The answer is a 422 naming the file and the sheet or part.
fn refused(r: &Response, what: &str, shape: &Shape, sheet: &str) {
    let text = r.text();
    assert_eq!(r.status, 422, "{what} {}: {text}", shape.file);
    assert!(text.contains(shape.file), "{what} {}: {text}", shape.file);
    assert!(text.contains(shape.named), "{what} {}: {text}", shape.file);
    if shape.file == "far.xlsx" {
        assert!(text.contains(sheet), "{what} names the sheet: {text}");
    }
}

/// The server still answers.
async fn alive(app: &TestApp) {
    let r = app.get("/api/v1/health").await;
    assert_eq!(r.status, 200, "{}", r.text());
}

#[tokio::test]
async fn the_report_upload_page_and_api_refuse_hostile_workbooks() {
    let app = app().await;
    let officer = app.login("bacninh", "bacninh-pass-1").await;
    for shape in shapes("BaoCao") {
        let fields = [
            ("csrf", officer.1.as_str()),
            ("province", "24"),
            ("period", "2025-09"),
            ("note", "thử"),
        ];
        let r = post_form(
            &app,
            "/nop-bao-cao",
            Some(&officer),
            &fields,
            shape.file,
            &shape.bytes,
        )
        .await;
        refused(&r, "page", &shape, "BaoCao");
        assert!(r.text().contains(shape.vi), "Vietnamese: {}", r.text());
        let path = format!(
            "/api/v1/submissions?province=24&period=2025-09&file={}",
            shape.file
        );
        let r = post_raw(&app, &path, &officer, &shape.bytes).await;
        refused(&r, "api", &shape, "BaoCao");
        let e = &r.json()["errors"][0];
        assert!(e["detail_vi"].as_str().unwrap().contains(shape.vi), "{e}");
        alive(&app).await;
    }
    let list = get_as(&app, "/api/v1/submissions?province=24", &officer).await;
    assert_eq!(
        list.json()["submissions"],
        serde_json::json!([]),
        "nothing stored"
    );
}

#[tokio::test]
async fn the_brand_register_import_refuses_hostile_workbooks() {
    let app = app().await;
    let analyst = app.login("analyst", "analyst-pass-1").await;
    for shape in shapes("Sản phẩm") {
        let fields = [("csrf", analyst.1.as_str()), ("note", "thử")];
        let r = post_form(
            &app,
            "/nhan-hieu/nhap",
            Some(&analyst),
            &fields,
            shape.file,
            &shape.bytes,
        )
        .await;
        refused(&r, "page", &shape, "Sản phẩm");
        assert!(r.text().contains(shape.vi), "Vietnamese: {}", r.text());
        let path = format!("/api/v1/brands/import?file={}", shape.file);
        let r = post_raw(&app, &path, &analyst, &shape.bytes).await;
        refused(&r, "api", &shape, "Sản phẩm");
        alive(&app).await;
    }
    let list = get_as(&app, "/api/v1/brands", &analyst).await;
    assert_eq!(list.status, 200, "{}", list.text());
    assert!(
        !list.text().contains("\"id\""),
        "nothing stored: {}",
        list.text()
    );
}

#[tokio::test]
async fn the_projects_excel_import_refuses_hostile_workbooks() {
    let app = app().await;
    let analyst = app.login("analyst", "analyst-pass-1").await;
    for shape in shapes("Dự án") {
        let fields = [("csrf", analyst.1.as_str()), ("reason", "thử")];
        let r = post_form(
            &app,
            "/du-an/excel",
            Some(&analyst),
            &fields,
            shape.file,
            &shape.bytes,
        )
        .await;
        refused(&r, "page", &shape, "Dự án");
        let path = format!("/api/v1/projects/registers/import?file={}", shape.file);
        let r = post_raw(&app, &path, &analyst, &shape.bytes).await;
        refused(&r, "api", &shape, "Dự án");
        alive(&app).await;
    }
    let list = get_as(&app, "/api/v1/projects?group=all", &analyst).await;
    assert_eq!(
        list.json()["projects"],
        serde_json::json!([]),
        "nothing stored"
    );
}

#[tokio::test]
async fn the_origin_calculator_refuses_hostile_boms() {
    let app = app().await;
    let analyst = app.login("analyst", "analyst-pass-1").await;
    for shape in shapes("BOM") {
        let fields = [
            ("product_hs", "7308.90"),
            ("ex_works", "95"),
            ("fob", "100"),
            ("agreements", "atiga"),
            ("rule", "RVC40 or CTH"),
        ];
        let r = post_form(
            &app,
            "/xuat-khau/xuat-xu",
            None,
            &fields,
            shape.file,
            &shape.bytes,
        )
        .await;
        refused(&r, "page", &shape, "BOM");
        alive(&app).await;
    }
    let list = get_as(&app, "/api/v1/origin/checks?province=24", &analyst).await;
    assert_eq!(list.status, 200, "{}", list.text());
    assert!(
        !list.text().contains("7308.90"),
        "nothing stored: {}",
        list.text()
    );
}
