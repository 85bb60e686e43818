//! The server over a real socket: overview page and API, errors, headers.

mod support;

use support::TestApp;

/// The rows of the page's ranking table (`id="ranking"`).
fn ranking_rows(html: &str) -> usize {
    let table = html.split("id=\"ranking\"").nth(1).unwrap();
    let body = table.split("<tbody>").nth(1).unwrap();
    body.split("</tbody>")
        .next()
        .unwrap()
        .matches("<tr")
        .count()
}

#[tokio::test]
async fn the_overview_page_shows_north_28_in_vietnamese_with_the_synthetic_banner() {
    let app = TestApp::spawn().await;
    let r = app.get("/").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains("28 tỉnh thành phía Bắc"));
    assert!(html.contains("id=\"synthetic-banner\""));
    assert!(
        html.contains("data-boundaries=\"2025\""),
        "the latest month is after the merger"
    );
    let rows = ranking_rows(&html);
    assert_eq!(rows, 18, "north_28 is 18 provinces on the 2025 map");
    assert!(r.body.len() < 300_000, "page is {} bytes", r.body.len());
}

#[tokio::test]
async fn the_map_toggles_to_63_provinces_and_the_page_to_english() {
    let app = TestApp::spawn().await;
    let r = app.get("/?period=2025-06&boundaries=pre2025&lang=en").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("<html lang=\"en\">") && html.contains("28 northern provinces"));
    assert!(html.contains("data-boundaries=\"pre2025\""));
    let rows = ranking_rows(&html);
    assert_eq!(rows, 28);
    assert!(html.contains("Tiếng Việt"), "a switch back to Vietnamese");
}

#[tokio::test]
async fn the_overview_api_counts_provinces_above_the_threshold_and_the_nation() {
    let app = TestApp::spawn().await;
    let j = app
        .get("/api/v1/overview?group=north_28&period=2025-06&boundaries=pre2025&threshold=11")
        .await
        .json();
    let members = j["members"].as_array().unwrap();
    assert_eq!(members.len(), 28);
    let above: usize = members
        .iter()
        .filter(|m| m["ytd"].as_f64().unwrap() > 11.0)
        .count();
    assert_eq!(j["above_threshold"].as_u64().unwrap() as usize, above);
    assert_eq!(j["national"]["comparison_basis"], "published");
    assert_eq!(j["national"]["comparison_ytd"], 9.59);
    let above_nat = members
        .iter()
        .filter(|m| m["ytd"].as_f64().unwrap() > 9.59)
        .count();
    assert_eq!(j["above_national"].as_u64().unwrap() as usize, above_nat);
    // Contributions of the members add up to the group's YTD growth.
    let sum: f64 = members
        .iter()
        .map(|m| m["contribution_ytd"].as_f64().unwrap())
        .sum();
    assert!((sum - j["group_ytd"].as_f64().unwrap()).abs() < 1e-9);
    // The three sub-regions of the 28 northern provinces.
    let subs: Vec<u64> = j["subregions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["members"].as_u64().unwrap())
        .collect();
    assert_eq!(subs, [14, 11, 3]);
}

#[tokio::test]
async fn downloads_and_errors_use_their_formats() {
    let app = TestApp::spawn().await;
    let csv = app.get("/api/v1/overview?format=csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(
        csv.text()
            .trim_start_matches('\u{feff}')
            .starts_with("area,name_vi")
    );
    let sdmx = app.get("/api/v1/overview?format=sdmx").await;
    assert!(
        sdmx.text()
            .starts_with("DATAFLOW,FREQ,REF_AREA,ACTIVITY,INDICATOR,TIME_PERIOD,OBS_VALUE")
    );
    assert!(
        sdmx.text()
            .contains("MOIT_VN:DF_IIP(1.0.0),M,north_28,TOTAL,IIP_YTD_YOY_PCT,2025-12,")
    );
    for (path, status, code) in [
        ("/api/v1/overview?group=north29", 404, "not_found"),
        ("/api/v1/overview?period=2025-13", 400, "bad_request"),
        ("/api/v1/overview?format=pdf", 400, "bad_request"),
        ("/nowhere", 404, "not_found"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.json()["errors"][0]["code"], code, "{path}");
    }
}

#[tokio::test]
async fn pages_are_gzipped_for_clients_that_ask() {
    let app = TestApp::spawn().await;
    let plain = app.get("/").await;
    assert_eq!(plain.header("content-encoding"), None);
    let gz = support::request(app.addr, "GET", "/", &[("accept-encoding", "gzip")], b"").await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(
        gz.body.len() * 3 < plain.body.len(),
        "{} vs {}",
        gz.body.len(),
        plain.body.len()
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/api/v1/health", "/nowhere", "/static/app.css"] {
        let r = app.get(path).await;
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
}

/// Every `.route("/api/…", get(…).post(…))` in the server's sources, as
/// (method, path).
fn routed_api_operations() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut ops = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let flat = src
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace("( ", "(");
        for chunk in flat.split(".route(\"").skip(1) {
            let Some((path, rest)) = chunk.split_once('"') else {
                continue;
            };
            if !path.starts_with("/api/") {
                continue;
            }
            // The method chain up to the end of this route call.
            let mut depth = 1;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            for m in ["get", "post", "put", "patch", "delete"] {
                let call = format!("{m}(");
                let chain = &rest[..end];
                let found = chain.match_indices(&call).any(|(i, _)| {
                    i == 0 || !chain[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                if found {
                    ops.push((m.to_owned(), path.to_owned()));
                }
            }
        }
    }
    ops.sort();
    ops.dedup();
    ops
}

#[tokio::test]
async fn the_openapi_document_lists_every_api_route_and_nothing_else() {
    let app = TestApp::spawn().await;
    let doc = app.get("/api/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.0.3");
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    documented.sort();
    let routed = routed_api_operations();
    assert!(
        routed.len() >= 10,
        "the source scan found routes: {routed:?}"
    );
    assert_eq!(documented, routed, "documented vs routed API operations");
    for path in ["/api/v1/health", "/api/v1/overview"] {
        assert_eq!(app.get(path).await.status, 200, "{path} answers");
    }
    let docs = app.get("/api/docs").await.text();
    for (method, path) in &routed {
        assert!(
            docs.contains(&format!("{} {path}", method.to_uppercase())),
            "{method} {path} on /api/docs"
        );
    }
}

#[tokio::test]
async fn a_province_page_shows_its_index_industries_products_trade_and_targets() {
    let app = TestApp::spawn().await;
    let r = app.get("/tinh/24").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("Bắc Ninh"),
        "24 is the merged Bắc Ninh on the 2025 map"
    );
    assert_eq!(html.matches("class=\"chart line\"").count(), 2);
    assert!(html.contains("id=\"industries\"") && html.contains("Khai khoáng"));
    assert!(html.contains("Xi măng"), "main products");
    // Retail sales in 2025-12 (reported by the merged province itself), provisional;
    // year to date: Jan–Jun summed over old Bắc Ninh and Bắc Giang, Jul–Dec the new unit.
    assert!(html.contains("1.230,0") && html.contains("<td>Sơ bộ</td>"));
    let ytd: f64 = (12..18)
        .map(|t| 2.0 * (1000.0 + 10.0 * t as f64))
        .sum::<f64>()
        + (18..24).map(|t| 1000.0 + 10.0 * t as f64).sum::<f64>();
    assert!(html.contains(&congthuong_core::display::number(
        Some(ytd),
        1,
        congthuong_core::Lang::Vi
    )));
    assert!(html.contains("id=\"targets\""));
    let old = app
        .get("/tinh/24?period=2025-06&boundaries=pre2025&lang=en")
        .await
        .text();
    assert!(
        old.contains("Bac Giang"),
        "24 is Bắc Giang before the merger"
    );
    assert_eq!(app.get("/tinh/99").await.status, 404);
    assert_eq!(app.get("/tinh").await.text().matches("/tinh/").count(), 34);
}

#[tokio::test]
async fn products_and_trade_pages_list_the_group() {
    let app = TestApp::spawn().await;
    let html = app.get("/san-pham?group=north_28").await.text();
    for name in ["Xi măng", "Than đá", "Điện sản xuất"] {
        assert!(html.contains(name), "{name}");
    }
    let trade = app.get("/thuong-mai?group=north_28").await;
    assert_eq!(trade.status, 200);
    assert_eq!(
        trade
            .text()
            .split("<tbody>")
            .nth(1)
            .unwrap()
            .matches("<tr>")
            .count(),
        18
    );
}

#[tokio::test]
async fn anonymous_answers_are_kept_until_the_release_changes_and_sessions_bypass_them() {
    let app = TestApp::spawn().await;
    assert!(app.state.cache().is_empty());
    let first = app.get("/api/v1/overview?period=2025-06").await;
    assert_eq!(app.state.cache().len(), 1);
    let again = app.get("/api/v1/overview?period=2025-06").await;
    assert_eq!(first.body, again.body);
    assert_eq!(again.header("content-type"), Some("application/json"));
    assert!(
        again.header("content-security-policy").is_some(),
        "headers still added"
    );
    // Errors, the login page (it sets a cookie) and writes are not kept.
    app.get("/api/v1/overview?period=2025-13").await;
    app.get("/dang-nhap").await;
    assert_eq!(app.state.cache().len(), 1);
    // A new release empties it.
    app.state.set_release(support::sample_release());
    assert!(app.state.cache().is_empty());
    // A logged-in reader's page is never kept (it names them).
    app.add_user("xem", "viewer", None, "viewer-pass-1");
    let (cookie, _) = app.login("xem", "viewer-pass-1").await;
    let page = support::request(app.addr, "GET", "/", &[("cookie", &cookie)], b"").await;
    assert!(page.text().contains("id=\"who\""));
    assert!(app.state.cache().is_empty());
    let anonymous = app.get("/").await;
    assert!(!anonymous.text().contains("id=\"who\""));
}
