//! The figures behind every page through the API: the same numbers as the
//! pages and the overview, in JSON, CSV, XLSX and SDMX-CSV, with filters.

mod support;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use congthuong_core::Lang;
use congthuong_core::display::signed_percent;
use serde_json::Value;
use support::TestApp;

/// How many rows a JSON answer holds.
type RowCount = fn(&Value) -> usize;

fn csv_rows(body: &[u8]) -> Vec<csv::StringRecord> {
    let text = std::str::from_utf8(body)
        .unwrap()
        .trim_start_matches('\u{feff}');
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

fn xlsx_rows(body: &[u8]) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(body.to_vec())).expect("an XLSX workbook");
    let range = book.worksheet_range("data").unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

#[tokio::test]
async fn a_province_has_the_figures_of_the_overview_and_its_page_shows_them_rounded_half_up() {
    let app = TestApp::spawn().await;
    let p = "2025-06";
    let overview = app
        .get(&format!("/api/v1/overview?period={p}&boundaries=pre2025"))
        .await
        .json();
    let member = &overview["members"][0];
    let code = member["code"].as_str().unwrap();
    let f = app
        .get(&format!(
            "/api/v1/provinces/{code}?period={p}&boundaries=pre2025"
        ))
        .await
        .json();
    assert_eq!(f["ytd"], member["ytd"]);
    assert_eq!(f["yoy"], member["yoy"]);
    let total = &f["nodes"][0];
    assert_eq!(total["code"], "TOTAL");
    assert_eq!(total["ytd"], member["ytd"]);
    // Sections' contributions add up to the province's YTD growth.
    let sum: f64 = f["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["level"] == "section")
        .filter_map(|n| n["contribution_ytd"].as_f64())
        .sum();
    assert!((sum - f["ytd"].as_f64().unwrap()).abs() < 1e-9, "{sum}");
    let page = app
        .get(&format!("/tinh/{code}?period={p}&boundaries=pre2025"))
        .await
        .text();
    let shown = signed_percent(f["ytd"].as_f64(), 1, Lang::Vi);
    assert!(page.contains(&shown), "the page shows {shown}");
}

#[tokio::test]
async fn every_page_table_downloads_as_csv_xlsx_and_sdmx_with_the_json_rows() {
    let app = TestApp::spawn().await;
    let cases: [(&str, &str, RowCount); 5] = [
        (
            "/api/v1/provinces?period=2025-06&boundaries=pre2025",
            "provinces",
            |j| j["provinces"].as_array().unwrap().len(),
        ),
        ("/api/v1/provinces/24?table=nodes", "nodes", |j| {
            j["nodes"].as_array().unwrap().len()
        }),
        ("/api/v1/provinces/24?table=products", "products", |j| {
            j["products"].as_array().unwrap().len()
        }),
        ("/api/v1/products?group=north_28", "products", |j| {
            j["products"].as_array().unwrap().len()
        }),
        // The provinces, then the group's and the nation's totals.
        ("/api/v1/trade?group=north_28", "rows", |j| {
            j["rows"].as_array().unwrap().len() + 2
        }),
    ];
    for (path, what, count) in cases {
        let json = app.get(path).await;
        assert_eq!(json.status, 200, "{path}: {}", json.text());
        let n = count(&json.json());
        assert!(n > 0, "{path} has {what}");
        let csv = app.get(&format!("{path}&format=csv")).await;
        assert_eq!(csv.status, 200, "{path}");
        assert_eq!(csv_rows(&csv.body).len(), n, "{path} CSV rows");
        let xlsx = app.get(&format!("{path}&format=xlsx")).await;
        assert_eq!(xlsx.status, 200, "{path}");
        assert!(
            xlsx.header("content-disposition")
                .unwrap()
                .ends_with(".xlsx\"")
        );
        let rows = xlsx_rows(&xlsx.body);
        // Header, the rows, a blank row, the note.
        assert_eq!(rows.len(), n + 3, "{path} XLSX rows");
        let note = rows.last().unwrap()[0].to_string();
        assert!(note.contains("Synthetic demo data"), "{note}");
        let sdmx = app.get(&format!("{path}&format=sdmx")).await;
        assert_eq!(sdmx.status, 200, "{path}");
        let obs = csv_rows(&sdmx.body);
        assert!(!obs.is_empty(), "{path} SDMX");
        assert!(obs.iter().all(|r| &r[8] == "E"), "synthetic data is E");
    }
    // Codes with leading zeros stay text in the workbook; figures are numbers.
    let rows = xlsx_rows(
        &app.get("/api/v1/provinces?period=2025-06&boundaries=pre2025&format=xlsx")
            .await
            .body,
    );
    assert_eq!(rows[1][0], Data::String("01".into()));
    assert!(matches!(rows[1][5], Data::Float(_)), "{:?}", rows[1][5]);
    // Targets have no SDMX form.
    let r = app
        .get("/api/v1/provinces/24?table=targets&format=sdmx")
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn a_group_output_is_the_sum_of_its_members() {
    let app = TestApp::spawn().await;
    let p = "2025-06";
    let group = app
        .get(&format!(
            "/api/v1/products?group=north_28&period={p}&boundaries=pre2025"
        ))
        .await
        .json();
    let product = &group["products"][0];
    let code = product["code"].as_str().unwrap();
    let overview = app
        .get(&format!("/api/v1/overview?period={p}&boundaries=pre2025"))
        .await
        .json();
    let mut sum = 0.0;
    for m in overview["members"].as_array().unwrap() {
        let f = app
            .get(&format!(
                "/api/v1/provinces/{}?period={p}&boundaries=pre2025",
                m["code"].as_str().unwrap()
            ))
            .await
            .json();
        sum += f["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .map_or(0.0, |r| r["ytd"].as_f64().unwrap());
    }
    let ytd = product["ytd"].as_f64().unwrap();
    assert!(
        (sum - ytd).abs() <= 1e-9 * ytd.abs().max(1.0),
        "{sum} vs {ytd}"
    );
    let share = product["share_pct"].as_f64().unwrap();
    assert!(share > 0.0 && share <= 100.0 + 1e-9, "{share}");
}

#[tokio::test]
async fn series_filter_by_area_group_code_level_and_months() {
    let app = TestApp::spawn().await;
    let j = app
        .get("/api/v1/series?area=01,VN&from=2024-01&to=2024-12")
        .await
        .json();
    let rows = j["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 24, "two areas × twelve months of TOTAL");
    assert!(rows.iter().all(|r| r["code"] == "TOTAL"));
    let members = app
        .get("/api/v1/series?group=members:north_28&from=2025-12&to=2025-12")
        .await
        .json();
    assert_eq!(members["rows"].as_array().unwrap().len(), 18);
    // The same month's YTD growth as the overview says.
    let overview = app.get("/api/v1/overview?period=2025-12").await.json();
    for m in overview["members"].as_array().unwrap() {
        let row = members["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["area"] == m["code"])
            .unwrap();
        assert_eq!(row["ytd"], m["ytd"]);
    }
    let sections = app
        .get("/api/v1/series?area=24&level=section&from=2025-12&to=2025-12")
        .await
        .json();
    let sections = sections["rows"].as_array().unwrap();
    assert!(!sections.is_empty());
    assert!(sections.iter().all(|r| r["level"] == "section"));
    for (path, status) in [
        ("/api/v1/series", 400),
        ("/api/v1/series?area=01&level=planet", 400),
        ("/api/v1/series?area=01&from=2025-06&to=2025-01", 400),
        ("/api/v1/series?area=99", 404),
        ("/api/v1/provinces/99", 404),
        ("/api/v1/provinces/24?table=nope&format=csv", 400),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, status, "{path}: {}", r.text());
        assert!(r.json()["errors"][0]["detail"].is_string(), "{path}");
    }
}

#[tokio::test]
async fn the_published_series_is_served_as_published() {
    let app = TestApp::spawn().await;
    let j = app.get("/api/v1/reference").await.json();
    let rows = j["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let data = app.state.release().unwrap();
    for r in rows {
        let p: congthuong_core::Period = r["period"].as_str().unwrap().parse().unwrap();
        assert_eq!(r["ytd"].as_f64(), data.reference[&p].ytd_pct);
    }
    let csv = app.get("/api/v1/reference?format=csv").await;
    assert_eq!(csv_rows(&csv.body).len(), rows.len());
    assert_eq!(app.get("/api/v1/reference?format=sdmx").await.status, 400);
}

#[tokio::test]
async fn every_download_link_on_the_pages_answers() {
    let app = TestApp::spawn().await;
    for page in ["/", "/tinh/24", "/san-pham", "/thuong-mai"] {
        let html = app.get(page).await.text();
        let links: Vec<&str> = html
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|h| h.contains("format="))
            .collect();
        assert!(links.len() >= 3, "{page} has download links");
        for l in links {
            let href = l.replace("&amp;", "&");
            let r = app.get(&href).await;
            assert_eq!(r.status, 200, "{page} → {href}: {}", r.text());
        }
    }
}
