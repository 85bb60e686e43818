//! The provincial officer's upload path on the web (issue 14 items 4, 5
//! and 8): the template and product codes on `/nop-bao-cao`, nearest-code
//! suggestions by name, errors and plausibility warnings in Vietnamese on
//! the page and beside the English in the API, semicolon-separated CSV
//! with Vietnamese numbers, and a form that keeps its province and note
//! after an error.

mod support;

use support::{Response, TestApp, request};

async fn app() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    app
}

async fn get_as(app: &TestApp, path: &str, s: &(String, String)) -> Response {
    request(app.addr, "GET", path, &[("cookie", &s.0)], b"").await
}

async fn post_api(app: &TestApp, path: &str, s: &(String, String), body: &[u8]) -> Response {
    request(
        app.addr,
        "POST",
        path,
        &[("cookie", &s.0), ("x-csrf-token", &s.1)],
        body,
    )
    .await
}

fn multipart(fields: &[(&str, &str)], name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "REPORTBOUNDARY";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend(file);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload_page(
    app: &TestApp,
    s: &(String, String),
    lang: &str,
    fields: &[(&str, &str)],
    name: &str,
    file: &[u8],
) -> Response {
    let mut all = vec![("csrf", s.1.as_str())];
    all.extend_from_slice(fields);
    let (ct, body) = multipart(&all, name, file);
    request(
        app.addr,
        "POST",
        &format!("/nop-bao-cao{lang}"),
        &[("cookie", &s.0), ("content-type", &ct)],
        &body,
    )
    .await
}

#[tokio::test]
async fn the_page_offers_the_template_the_csv_header_and_the_product_codes() {
    let app = app().await;
    let officer = app.login("bacninh", "bacninh-pass-1").await;
    let page = get_as(&app, "/nop-bao-cao", &officer).await.text();
    for want in [
        "id=\"template-form\"",
        "action=\"/nop-bao-cao/mau.xlsx\"",
        "href=\"/nop-bao-cao/mau.csv\"",
        "href=\"/nop-bao-cao/danh-muc\"",
        "Tải mẫu Excel",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    // The template of the officer's province and month is a workbook the
    // reader takes back.
    let r = get_as(
        &app,
        "/nop-bao-cao/mau.xlsx?province=24&period=2025-09",
        &officer,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.header("content-disposition")
            .unwrap()
            .contains("mau-bao-cao-24-2025-09.xlsx")
    );
    let mut book = congthuong_intake::workbook::Workbook::open(&r.body, "t.xlsx").unwrap();
    let sheet = book.read("BaoCao").unwrap();
    assert_eq!(
        sheet.rows[1].get(1),
        Some(&congthuong_intake::workbook::Data::String("24".into()))
    );
    // Another province's template is refused and logged.
    let r = get_as(
        &app,
        "/nop-bao-cao/mau.xlsx?province=01&period=2025-09",
        &officer,
    )
    .await;
    assert_eq!(r.status, 403);
    let r = get_as(
        &app,
        "/nop-bao-cao/mau.xlsx?province=24&period=2025-13",
        &officer,
    )
    .await;
    assert_eq!(r.status, 400);
    // Anonymous: to the login page.
    assert_eq!(
        app.get("/nop-bao-cao/mau.xlsx?province=24&period=2025-09")
            .await
            .status,
        303
    );
    // The CSV header.
    let r = app.get("/nop-bao-cao/mau.csv").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "\u{feff}period,area,unit_id,product,quantity\r\n");
}

#[tokio::test]
async fn the_product_codes_are_listed_with_units_and_suggested_by_name() {
    let app = app().await;
    let r = app.get("/nop-bao-cao/danh-muc").await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("<code>MOBILE_PHONES</code></td><td>Điện thoại di động</td><td lang=\"en\">Mobile phones</td><td>cái</td><td lang=\"en\">pieces</td><td>2630"), "{html}");
    let csv = app.get("/nop-bao-cao/danh-muc?format=csv").await.text();
    assert!(
        csv.starts_with("\u{feff}code,name_vi,name_en,unit_vi,unit_en,vsic_class\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nCEMENT,Xi măng,Cement,tấn,tonnes,2394\n"),
        "{csv}"
    );
    for q in ["PHONE", "dien%20thoai"] {
        let html = app
            .get(&format!("/nop-bao-cao/danh-muc?q={q}"))
            .await
            .text();
        let at = html.find("id=\"suggestions\"").expect("suggestions");
        let end = html[at..].find("</ul>").unwrap() + at;
        let items: Vec<&str> = html[at..end].split("<li>").skip(1).collect();
        assert_eq!(
            items.len(),
            2,
            "only the codes holding the words: {items:?}"
        );
        let mut two = [items[0], items[1]].map(|i| i.split("</code>").next().unwrap());
        two.sort();
        assert_eq!(
            two,
            ["<code>MOBILE_PHONES", "<code>PHONE_PARTS"],
            "{q}: {items:?}"
        );
    }
}

#[tokio::test]
async fn errors_and_warnings_speak_vietnamese_and_vietnamese_numbers_are_read() {
    let app = app().await;
    let officer = app.login("bacninh", "bacninh-pass-1").await;
    // August as a semicolon-separated CSV with Vietnamese numbers.
    let aug = "period;area;unit_id;product;quantity\n2025-08;24;U1;CEMENT;1.000,5\n2025-08;24;U2;CEMENT;95,5\n";
    let r = post_api(
        &app,
        "/api/v1/submissions?province=24&period=2025-08",
        &officer,
        aug.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["submission"]["row_count"], 2);
    // September with an unknown code: Vietnamese on the page, both in the API.
    let bad = "period,area,unit_id,product,quantity\n2025-09,24,U1,PHONE,\"1.000,5\"\n";
    let r = upload_page(
        &app,
        &officer,
        "",
        &[
            ("province", "24"),
            ("period", "2025-09"),
            ("note", "số liệu tháng 9"),
        ],
        "t9.csv",
        bad.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(
        html.contains("mã sản phẩm &quot;PHONE&quot; không có trong danh mục; gần nhất: PHONE_PARTS, MOBILE_PHONES"),
        "{html}"
    );
    assert!(
        html.contains("<td class=\"num\">2</td><td>product</td>"),
        "line and column: {html}"
    );
    let en = upload_page(
        &app,
        &officer,
        "?lang=en",
        &[("province", "24"), ("period", "2025-09")],
        "t9.csv",
        bad.as_bytes(),
    )
    .await
    .text();
    assert!(
        en.contains("unknown product &quot;PHONE&quot;: not in the basket"),
        "{en}"
    );
    let r = post_api(
        &app,
        "/api/v1/submissions?province=24&period=2025-09&file=t9.csv",
        &officer,
        bad.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422);
    let e = &r.json()["errors"][0];
    assert!(
        e["detail"]
            .as_str()
            .unwrap()
            .starts_with("unknown product \"PHONE\""),
        "{e}"
    );
    assert!(
        e["detail_vi"]
            .as_str()
            .unwrap()
            .starts_with("mã sản phẩm \"PHONE\""),
        "{e}"
    );
    // Fixed, with a quantity far from August's: stored, and the warning in
    // Vietnamese on the page, in both languages in the API.
    let good = "period;area;unit_id;product;quantity\n2025-09;24;U1;CEMENT;20.000\n2025-09;24;U2;CEMENT;95,5\n";
    let r = upload_page(
        &app,
        &officer,
        "",
        &[
            ("province", "24"),
            ("period", "2025-09"),
            ("note", "đã sửa"),
        ],
        "t9.csv",
        good.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("cơ sở U1, sản phẩm CEMENT: 20.000 tháng này so với 1.000,5 tháng 08/2025 (gấp 19,99 lần)"),
        "{html}"
    );
    let versions = get_as(
        &app,
        "/api/v1/submissions?province=24&period=2025-09",
        &officer,
    )
    .await;
    let sub = &versions.json()["submissions"][0];
    assert_eq!(
        sub["warnings"][0],
        "unit U1, product CEMENT: 20000 this month against 1000.5 in 2025-08 (19.99×)"
    );
    let again = post_api(
        &app,
        "/api/v1/submissions?province=24&period=2025-09",
        &officer,
        good.as_bytes(),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert!(
        again.json()["warnings_vi"][0]
            .as_str()
            .unwrap()
            .starts_with("cơ sở U1")
    );
    // A file with no delimiter gets one hint, not five missing columns.
    let r = post_api(
        &app,
        "/api/v1/submissions?province=24&period=2025-10",
        &officer,
        b"period area unit_id product quantity\n",
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["errors"].as_array().unwrap().len(),
        1,
        "{}",
        r.text()
    );
}

#[tokio::test]
async fn after_an_upload_error_the_form_keeps_the_province_month_and_note() {
    let app = app().await;
    let analyst = app.login("analyst", "analyst-pass-1").await;
    let bad = "period,area,unit_id,product,quantity\n2025-09,24,U1,CEMENT,-1\n";
    let r = upload_page(
        &app,
        &analyst,
        "",
        &[
            ("province", "24"),
            ("period", "2025-09"),
            ("note", "Ghi chú <của> tôi"),
        ],
        "t9.csv",
        bad.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422);
    let html = r.text();
    let form = &html[html.find("id=\"submit-form\"").unwrap()..];
    assert!(
        form.contains("name=\"note\" value=\"Ghi chú &lt;của&gt; tôi\""),
        "{form}"
    );
    assert!(
        form.contains("<option value=\"24\" selected>24 – Bắc Ninh (2025)</option>"),
        "{form}"
    );
    assert!(form.contains("name=\"period\" value=\"2025-09\""), "{form}");
    // Only one province is chosen.
    assert_eq!(form.matches(" selected>").count(), 1);
    assert!(html.contains("giá trị âm -1"), "{html}");
}

/// A code names a different province on each map (`24`: Bắc Giang until
/// June 2025, merged Bắc Ninh after): the officer's list and the stored
/// message name every version on the map in force in its month.
#[tokio::test]
async fn stored_versions_are_named_on_the_map_of_their_month() {
    let app = app().await;
    let officer = app.login("bacninh", "bacninh-pass-1").await;
    for (period, name) in [("2025-09", "Bắc Ninh"), ("2024-05", "Bắc Giang")] {
        let csv = format!("period,area,unit_id,product,quantity\n{period},24,U1,CEMENT,10\n");
        let r = upload_page(
            &app,
            &officer,
            "",
            &[("province", "24"), ("period", period), ("note", "n")],
            "r.csv",
            csv.as_bytes(),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.text());
        assert!(
            r.text()
                .contains(&format!("phiên bản 1 của {name} (24) tháng {period}")),
            "{}",
            r.text()
        );
    }
    let html = get_as(&app, "/nop-bao-cao", &officer).await.text();
    let table = &html[html.find("id=\"versions\"").unwrap()..];
    assert!(
        table.contains("<td>Bắc Ninh (24)</td><td>2025-09</td>"),
        "{table}"
    );
    assert!(
        table.contains("<td>Bắc Giang (24)</td><td>2024-05</td>"),
        "{table}"
    );
    // The heading names the provinces, not bare codes.
    let heading = &html[html.find("Các phiên bản số liệu").unwrap()..];
    let heading = &heading[..heading.find("</h2>").unwrap()];
    assert!(
        heading.contains("Bắc Ninh (2025)") && heading.contains("Bắc Giang (≤ 6/2025)"),
        "{heading}"
    );
    let en = get_as(&app, "/nop-bao-cao?lang=en", &officer).await.text();
    assert!(
        en.contains("<td>Bac Giang (24)</td><td>2024-05</td>"),
        "English names"
    );
}
