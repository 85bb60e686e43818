//! The public briefing shows released figures only; unknown groups and
//! area codes are 404s naming the nearest valid ones (issue 13 items 10, 11).
//!
//! Before the fix, `/bao-cao` and its downloads showed every reader the
//! key projects' names and late items (registers that need a login), and
//! the anonymous response cache kept them until the next release; with
//! the registers kept, `/bao-cao?group=unknown` was a 500, and the other
//! pages answered unknown codes with an English 400/404, or ignored them.

use std::path::PathBuf;

use congthuong_projects::Date;
use congthuong_projects::store::Repo;

use crate::support::{Response, TestApp, request};

/// The sample release's last month; the registers are dated around its end.
const PERIOD: &str = "2025-12";

fn db(app: &TestApp) -> PathBuf {
    app.dir
        .path()
        .join("data")
        .join(congthuong_store::sqlite::DB_FILE)
}

/// A server whose registers hold the synthetic demo projects, and a viewer.
async fn app_with_registers() -> TestApp {
    let app = TestApp::spawn().await;
    congthuong_web::projects::demo::load(&db(&app), Date::parse("2025-12-31").unwrap())
        .unwrap()
        .expect("empty registers take the demo");
    app.add_user("viewer", "viewer", None, "viewer-pass-1");
    app
}

/// Every key project's name and every late item's agency in the registers.
fn register_texts(app: &TestApp) -> Vec<String> {
    let repo = Repo::open_shared(&db(app)).unwrap();
    let projects = repo.project_values().unwrap();
    assert!(projects.len() > 10, "the demo registers are loaded");
    projects.iter().map(|p| p.name.to_string()).collect()
}

async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> Response {
    let headers: Vec<(&str, &str)> = cookie.map(|c| vec![("cookie", c)]).unwrap_or_default();
    request(app.addr, "GET", path, &headers, b"").await
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, bytes).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is missing under CI (poppler-utils)")
        }
        _ => {
            eprintln!("SKIPPED the PDF text check: pdftotext (poppler-utils) is missing");
            None
        }
    }
}

/// The briefing's page and its three downloads, as text.
async fn briefing_texts(app: &TestApp, query: &str, cookie: Option<&str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let page = get(app, &format!("/bao-cao?{query}"), cookie).await;
    assert_eq!(page.status, 200, "{}", page.text());
    out.push(("page".to_owned(), article(&page.text())));
    for format in ["md", "html", "pdf"] {
        let r = get(
            app,
            &format!("/bao-cao/tai-ve?{query}&format={format}"),
            cookie,
        )
        .await;
        assert_eq!(r.status, 200, "{format}: {}", r.text());
        let text = if format == "pdf" {
            match pdf_text(&r.body) {
                Some(t) => t,
                None => continue,
            }
        } else {
            r.text()
        };
        out.push((format.to_owned(), text));
    }
    out
}

/// The briefing itself on its page (the menu names the registers' pages).
fn article(html: &str) -> String {
    let from = html
        .find("<article class=\"briefing\"")
        .expect("the briefing article");
    let to = html[from..].find("</article>").expect("closed") + from;
    html[from..to].to_owned()
}

fn assert_no_register_data(texts: &[(String, String)], names: &[String], who: &str) {
    for (what, text) in texts {
        for heading in ["Dự án trọng điểm", "Key projects", "Bảng 8", "Table 8"] {
            assert!(
                !text.contains(heading),
                "{who}: the {what} shows the registers' section ({heading})"
            );
        }
        for name in names {
            assert!(
                !text.contains(name.as_str()),
                "{who}: the {what} names the key project {name:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_anonymous_briefing_and_its_downloads_show_no_register_data() {
    let app = app_with_registers().await;
    let names = register_texts(&app);
    for lang in ["", "&lang=en"] {
        let query = format!("group=north_28&period={PERIOD}{lang}");
        let texts = briefing_texts(&app, &query, None).await;
        assert_no_register_data(&texts, &names, "anonymous");
        // The released figures are all there.
        assert!(texts[0].1.contains("id=\"t1-"), "table 1 is shown");
    }
    // A cookie that is not a session is anonymous too.
    let texts = briefing_texts(
        &app,
        &format!("period={PERIOD}"),
        Some("ct_session=forged-or-expired"),
    )
    .await;
    assert_no_register_data(&texts, &names, "a forged cookie");
}

#[tokio::test]
async fn a_logged_in_reader_sees_the_key_projects_and_the_anonymous_cache_never_holds_them() {
    let app = app_with_registers().await;
    let names = register_texts(&app);
    let (cookie, _) = app.login("viewer", "viewer-pass-1").await;
    let query = format!("group=north_28&period={PERIOD}");

    // An anonymous reader first: the answer is kept in the cache.
    let anonymous = briefing_texts(&app, &query, None).await;
    assert_no_register_data(&anonymous, &names, "anonymous, first");

    // The logged-in reader is not served the cached public answer.
    let page = get(&app, &format!("/bao-cao?{query}"), Some(&cookie)).await;
    assert_eq!(page.status, 200);
    let html = article(&page.text());
    assert!(
        html.contains(". Dự án trọng điểm"),
        "the registers' section"
    );
    assert!(
        page.header("cache-control")
            .is_some_and(|c| c.contains("no-store")),
        "a page with register data is never stored by a cache: {:?}",
        page.header("cache-control")
    );
    let md = get(
        &app,
        &format!("/bao-cao/tai-ve?{query}&format=md"),
        Some(&cookie),
    )
    .await;
    assert!(md.text().contains(". Dự án trọng điểm"), "{}", md.text());
    assert!(
        md.header("cache-control")
            .is_some_and(|c| c.contains("no-store"))
    );

    // And the anonymous answers after it still hold none of it, for the
    // URL the logged-in reader asked and for one not asked before.
    for q in [query.clone(), format!("period={PERIOD}&threshold=12")] {
        let texts = briefing_texts(&app, &q, None).await;
        assert_no_register_data(&texts, &names, "anonymous, after a logged-in reader");
    }
}

/// The pages and APIs that take a group, and a code in `group=`.
const GROUP_PATHS: &[&str] = &[
    "/?group=north29",
    "/bao-cao?group=north29",
    "/bao-cao/tai-ve?group=north29&format=md",
    "/san-pham?group=north29",
    "/thuong-mai?group=north29",
    "/api/v1/overview?group=north29",
    "/api/v1/products?group=north29",
    "/api/v1/trade?group=north29",
    "/api/v1/series?group=north29",
    "/du-an?group=north29",
    "/du-an/danh-sach?group=north29",
    "/du-an/giai-ngan?group=north29",
    "/du-an/chien-luoc?group=north29",
    "/du-an/dau-tu?group=north29",
    "/du-an/kho-khan?group=north29",
    "/api/v1/projects?group=north29",
    "/api/v1/projects/late?group=north29",
    "/api/v1/projects/disbursement?group=north29",
    "/api/v1/strategies?group=north29",
    "/api/v1/investment?group=north29",
    "/api/v1/difficulties?group=north29",
];

/// The pages and APIs that take a province code (2025 map), with `99`.
const AREA_PATHS: &[&str] = &[
    "/tinh/99",
    "/api/v1/provinces/99",
    "/api/v1/series?area=99",
    "/du-an?province=99",
    "/api/v1/projects/late?province=99",
    "/nhan-hieu/tinh/99",
    "/xuat-khau?province=99",
    "/api/v1/brands?province=99",
];

#[tokio::test]
async fn unknown_groups_and_areas_are_404s_naming_the_nearest_in_the_readers_language() {
    let app = app_with_registers().await;
    let (cookie, _) = app.login("viewer", "viewer-pass-1").await;
    let mut wrong = Vec::new();
    for (paths, nearest) in [(GROUP_PATHS, "north_28 ("), (AREA_PATHS, "96 (")] {
        for path in paths {
            for (lang, words) in [("", "gần nhất"), ("lang=en", "nearest valid")] {
                let sep = if path.contains('?') { '&' } else { '?' };
                let url = if lang.is_empty() {
                    (*path).to_owned()
                } else {
                    format!("{path}{sep}{lang}")
                };
                let r = get(&app, &url, Some(&cookie)).await;
                let detail = if r.status == 404 {
                    r.json()["errors"][0]["detail"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned()
                } else {
                    String::new()
                };
                if r.status != 404 || !detail.contains(nearest) || !detail.contains(words) {
                    wrong.push(format!("{url}: {} {}", r.status, r.text()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong answers:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // A browser gets the same as a page, in Vietnamese.
    let r = request(
        app.addr,
        "GET",
        "/bao-cao?group=north29",
        &[("accept", "text/html"), ("cookie", &cookie)],
        b"",
    )
    .await;
    assert_eq!(r.status, 404);
    let html = r.text();
    assert!(html.contains("id=\"error-page\"") && html.contains("Các mã gần nhất: north_28 ("));
    // Known codes still answer.
    for ok in [
        "/bao-cao?group=red_river_delta",
        "/tinh/24",
        "/api/v1/series?area=24,VN&from=2025-01&to=2025-03",
    ] {
        assert_eq!(get(&app, ok, Some(&cookie)).await.status, 200, "{ok}");
    }
}
