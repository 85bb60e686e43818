//! Every table download names its boundary version and its release
//! (issue 14 item 2): codes are reused across the merger (`24` is old Bắc
//! Giang on `pre2025` and merged Bắc Ninh on `2025`), so a file without
//! them is ambiguous. The Excel-friendly CSV (`excel=vi`) and codes as text
//! in XLSX (issue 14 item 11); the trade table's totals.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::support::TestApp;

fn csv_rows(body: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(body).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

#[tokio::test]
async fn every_table_download_names_its_boundaries_and_release() {
    let app = TestApp::spawn().await;
    let release = app.state.release().unwrap().meta.id.to_string();
    for (path, boundaries) in [
        ("/api/v1/series?area=24,VN&from=2025-01&to=2025-03", "2025"),
        (
            "/api/v1/series?area=24&to=2025-03&boundaries=pre2025",
            "pre2025",
        ),
        (
            "/api/v1/overview?period=2025-06&boundaries=pre2025",
            "pre2025",
        ),
        (
            "/api/v1/provinces?period=2025-06&boundaries=pre2025",
            "pre2025",
        ),
        ("/api/v1/provinces/24?period=2025-12&table=nodes", "2025"),
        (
            "/api/v1/products?group=north_28&period=2025-06&boundaries=pre2025",
            "pre2025",
        ),
        (
            "/api/v1/trade?group=north_28&period=2025-06&boundaries=pre2025",
            "pre2025",
        ),
    ] {
        let csv = app.get(&format!("{path}&format=csv")).await;
        assert_eq!(csv.status, 200, "{path}: {}", csv.text());
        let name = csv.header("content-disposition").unwrap();
        if path.contains("area=24,VN") {
            // A short selection is named in the file: two series files
            // of different provinces do not share a name.
            assert!(
                name.contains(&format!("\"series_24-VN_2025_r{release}.csv\"")),
                "{name}"
            );
        }
        assert!(
            name.contains(&format!("_{boundaries}_r{release}.csv")),
            "{path}: {name}"
        );
        let rows = csv_rows(&csv.body, b',');
        assert!(rows.len() > 1, "{path}");
        assert!(
            column(&rows, "boundaries").iter().all(|b| b == boundaries),
            "{path}"
        );
        assert!(
            column(&rows, "release").iter().all(|r| *r == release),
            "{path}"
        );
        let sdmx = app.get(&format!("{path}&format=sdmx")).await;
        assert_eq!(sdmx.status, 200, "{path}");
        let rows = csv_rows(&sdmx.body, b',');
        assert!(
            column(&rows, "BOUNDARIES").iter().all(|b| b == boundaries),
            "{path}"
        );
        assert!(
            column(&rows, "RELEASE").iter().all(|r| *r == release),
            "{path}"
        );
        let json = app.get(path).await.json();
        assert_eq!(json["release"].to_string(), release, "{path}");
        let xlsx = app.get(&format!("{path}&format=xlsx")).await;
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.body.clone())).unwrap();
        let range = book.worksheet_range("data").unwrap();
        let head: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            head.contains(&"boundaries".to_owned()) && head.contains(&"release".to_owned()),
            "{path}"
        );
    }
}

#[tokio::test]
async fn codes_and_months_stay_text_in_the_workbook() {
    let app = TestApp::spawn().await;
    let xlsx = app
        .get("/api/v1/provinces?period=2025-06&boundaries=pre2025&format=xlsx")
        .await;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.body)).unwrap();
    let range = book.worksheet_range("data").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let at = |name: &str| rows[0].iter().position(|c| *c == name).unwrap();
    let bac_giang = rows
        .iter()
        .find(|r| r[at("area")] == Data::String("24".into()))
        .expect("area 24 as text, not the number 24");
    assert_eq!(bac_giang[at("period")], Data::String("2025-06".into()));
    assert!(matches!(bac_giang[at("ytd_yoy_pct")], Data::Float(_)));
}

#[tokio::test]
async fn the_excel_friendly_csv_is_what_a_vietnamese_excel_reads() {
    let app = TestApp::spawn().await;
    let path = "/api/v1/provinces?period=2025-06&boundaries=pre2025";
    let plain = csv_rows(&app.get(&format!("{path}&format=csv")).await.body, b',');
    let r = app.get(&format!("{path}&format=csv&excel=vi")).await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let vi = csv_rows(&r.body, b';');
    assert_eq!(vi.len(), plain.len());
    assert_eq!(vi[0], plain[0], "the same columns");
    for (p, v) in plain[1..].iter().zip(&vi[1..]) {
        // Codes and months as Excel text formulas of a literal.
        assert_eq!(v[0], format!("=\"{}\"", p[0]));
        let period = column(&vi, "period");
        assert!(period.iter().all(|x| x == "=\"2025-06\""));
        // Growth rounded half-up to one decimal, with a decimal comma.
        let i = plain[0].iter().position(|c| c == "ytd_yoy_pct").unwrap();
        if !p[i].is_empty() {
            let x: f64 = p[i].parse().unwrap();
            let want = congthuong_core::display::round_half_up(x, 1)
                .unwrap()
                .replace('.', ",");
            assert_eq!(v[i], want, "{} → {}", p[i], v[i]);
        }
    }
    assert_eq!(
        app.get(&format!("{path}&format=csv&excel=fr")).await.status,
        400
    );
}

#[tokio::test]
async fn the_trade_table_has_the_group_and_the_nation_totals() {
    let app = TestApp::spawn().await;
    let j = app
        .get("/api/v1/trade?group=north_28&period=2025-06&boundaries=pre2025")
        .await
        .json();
    let sum: f64 = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["retail_sales"]["ytd"].as_f64().unwrap())
        .sum();
    let total = j["group_total"]["retail_sales"]["ytd"].as_f64().unwrap();
    assert!((sum - total).abs() < 1e-6, "{sum} {total}");
    assert_eq!(j["group_total"]["code"], "north_28");
    assert_eq!(j["national"]["code"], "VN");
    assert!(j["national"]["retail_sales"]["ytd"].as_f64().unwrap() > total);
    // Exports are not in the sample: no total is made up.
    assert!(j["group_total"]["exports"]["ytd"].is_null());
    let page = app
        .get("/thuong-mai?group=north_28&period=2025-06&boundaries=pre2025")
        .await
        .text();
    assert!(page.contains("<tfoot>") && page.contains("Cả nước"));
    assert!(
        page.contains("Giá trị cộng dồn") && !page.contains("Sản lượng"),
        "value, not output"
    );
    // Month and boundary selectors, as on the overview.
    for p in ["/thuong-mai", "/san-pham", "/tinh", "/tinh/24"] {
        let html = app.get(p).await.text();
        assert!(
            html.contains("id=\"filters\"")
                && html.contains("name=\"period\"")
                && html.contains("name=\"boundaries\""),
            "{p}"
        );
    }
}
