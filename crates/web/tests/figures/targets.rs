//! Plan targets are set against figures of the territory they were set for
//! (issue 14 item 1). The sample release holds old Bắc Giang's and old Bắc
//! Ninh's 2024 targets (63-province map: codes 24 and 27) and merged Bắc
//! Ninh's 2025 one (34-province map: code 24 again).

use crate::support::TestApp;

fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(body).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn target<'a>(j: &'a serde_json::Value, year: i64, indicator: &str) -> &'a serde_json::Value {
    j["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["year"] == year && t["indicator"] == indicator)
        .unwrap_or_else(|| panic!("no {year} {indicator} target in {}", j["targets"]))
}

#[tokio::test]
async fn on_the_2025_map_a_merged_province_is_set_against_the_sum_of_its_parts_targets() {
    let app = TestApp::spawn().await;
    let j = app
        .get("/api/v1/provinces/24?period=2025-12&boundaries=2025")
        .await
        .json();
    // Retail sales: merged Bắc Ninh's 2024 figure against old Bắc Giang's
    // 10 000 plus old Bắc Ninh's 14 000, never against old Bắc Giang's alone.
    let r = target(&j, 2024, "retail_sales");
    assert_eq!(r["target"], 24_000.0, "{r}");
    assert_eq!(r["on"]["basis"], "sum_of_parts");
    let attained = r["attained_pct"].as_f64().unwrap();
    let actual = r["actual"].as_f64().unwrap();
    assert!((attained - 100.0 * actual / 24_000.0).abs() < 1e-9);
    // A growth rate of old Bắc Giang is no target for merged Bắc Ninh.
    let g = target(&j, 2024, "iip_growth");
    assert!(g["target"].is_null() && g["met"].is_null(), "{g}");
    assert_eq!(g["on"]["basis"], "not_comparable");
    // The page shows the sum and says where it comes from.
    let page = app
        .get("/tinh/24?period=2025-12&boundaries=2025")
        .await
        .text();
    assert!(
        page.contains("24.000,0"),
        "the summed target, Vietnamese format"
    );
    assert!(
        !page.contains("10.000,0"),
        "old Bắc Giang's own target is not shown"
    );
    assert!(page.contains("tổng chỉ tiêu của Bắc Giang + Bắc Ninh"));
    assert!(page.contains("không có chỉ tiêu so sánh được"));
    // The attainment has its heading and stays on one line with its "%".
    assert!(
        page.contains("<th class=\"num\">Đạt (% kế hoạch)</th>"),
        "{page}"
    );
    let shown = congthuong_core::display::number(Some(attained), 1, congthuong_core::Lang::Vi);
    assert!(
        page.contains(&format!("<td class=\"num\">{shown} %</td>")),
        "{shown} %"
    );
}

#[tokio::test]
async fn on_the_old_map_a_province_is_not_set_against_its_merged_successors_target() {
    let app = TestApp::spawn().await;
    let j = app
        .get("/api/v1/provinces/24?period=2025-06&boundaries=pre2025")
        .await
        .json();
    assert_eq!(j["boundaries"], "pre2025");
    assert_eq!(target(&j, 2024, "retail_sales")["target"], 10_000.0);
    assert_eq!(target(&j, 2024, "iip_growth")["target"], 20.0);
    // 2025's 50 000 was set for merged Bắc Ninh: not old Bắc Giang's.
    let r = target(&j, 2025, "retail_sales");
    assert!(r["target"].is_null() && r["attained_pct"].is_null(), "{r}");
    let page = app
        .get("/tinh/24?period=2025-06&boundaries=pre2025")
        .await
        .text();
    assert!(
        !page.contains("50.000,0"),
        "merged Bắc Ninh's target on old Bắc Giang's page"
    );
    // The download says the same, with the boundaries on every row.
    let csv = app
        .get("/api/v1/provinces/24?period=2025-06&boundaries=pre2025&table=targets&format=csv")
        .await;
    let rows = csv_rows(&csv.body);
    let head = &rows[0];
    let col = |n: &str| head.iter().position(|c| c == n).unwrap();
    let row = rows[1..]
        .iter()
        .find(|r| r[col("year")] == "2025" && r[col("indicator")] == "retail_sales")
        .unwrap();
    assert_eq!(row[col("target")], "");
    assert_eq!(row[col("target_basis")], "not_comparable");
    assert_eq!(row[col("boundaries")], "pre2025");
}

#[tokio::test]
async fn the_briefing_plans_use_the_targets_of_the_units_on_its_boundaries() {
    let app = TestApp::spawn().await;
    // On the pre-2025 map, old Bắc Giang (24) has its 2024 growth target.
    let old = app
        .get("/bao-cao?period=2024-09&boundaries=pre2025")
        .await
        .text();
    assert!(old.contains("id=\"t7-24\""), "old Bắc Giang's plan row");
    // On the 2025 map, 24 is merged Bắc Ninh: old Bắc Giang's growth
    // target is not its plan.
    let new = app
        .get("/bao-cao?period=2024-09&boundaries=2025")
        .await
        .text();
    assert!(new.contains("id=\"briefing\""), "{new}");
    assert!(
        !new.contains("id=\"t7-24\""),
        "merged Bắc Ninh has no 2024 growth plan"
    );
}
