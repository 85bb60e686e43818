//! Charts and maps on the real server (issue 14 items 3 and 10): every
//! chart has an SVG and a PNG download answering the page's parameters,
//! and a table view of its figures; and the same in headless Chromium at
//! 1440 and 390 px (`tests/browser/charts.mjs`, screenshots in
//! `target/browser/charts/`).

mod support;

use support::TestApp;
use support::browser::run_scenario;

/// The chart downloads of a page, by the `data-chart-downloads` blocks.
fn chart_links(html: &str) -> Vec<String> {
    html.split("data-chart-downloads>")
        .skip(1)
        .flat_map(|s| {
            s.split("</div>")
                .next()
                .unwrap_or("")
                .split("</span>")
                .next()
                .unwrap_or("")
                .split("href=\"")
                .skip(1)
                .filter_map(|h| h.split('"').next())
                .map(|h| h.replace("&amp;", "&"))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[tokio::test]
async fn every_chart_downloads_as_svg_and_png_with_the_pages_parameters() {
    let app = TestApp::spawn().await;
    for (page, charts) in [
        (
            "/?group=red_river_delta&period=2025-06&boundaries=pre2025&threshold=12",
            3,
        ),
        ("/tinh/24?period=2025-06&boundaries=pre2025&lang=en", 2),
        ("/bao-cao?group=north_28&period=2025-03", 2),
    ] {
        let html = app.get(page).await.text();
        let links = chart_links(&html);
        assert_eq!(links.len(), 2 * charts, "{page}: {links:?}");
        assert_eq!(
            html.matches("data-chart-table").count(),
            charts,
            "{page}: a table view under each chart"
        );
        for link in &links {
            // The same parameters as the page.
            if page.contains("red_river_delta") {
                for p in [
                    "group=red_river_delta",
                    "period=2025-06",
                    "boundaries=pre2025",
                    "threshold=12",
                ] {
                    assert!(link.contains(p), "{link} keeps {p}");
                }
            }
            if page.contains("lang=en") {
                assert!(link.contains("lang=en"), "{link}");
            }
            let r = app.get(link).await;
            assert_eq!(r.status, 200, "{link}: {}", r.text());
            if link.contains(".png") {
                assert_eq!(r.header("content-type"), Some("image/png"), "{link}");
                assert!(r.body.starts_with(b"\x89PNG"), "{link}");
            } else {
                assert!(
                    r.header("content-type")
                        .unwrap()
                        .starts_with("image/svg+xml")
                );
                let svg = r.text();
                assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{link}");
                assert!(
                    !svg.contains("<a href"),
                    "{link}: a file carries no page links"
                );
            }
            assert!(
                r.header("content-disposition").unwrap().contains("_r1."),
                "{link}: the file name names the release"
            );
        }
    }
    // The map downloaded is the map shown: same boundaries, same group.
    let map = app
        .get(
            "/bieu-do/tong-quan/ban-do.svg?group=red_river_delta&period=2025-06&boundaries=pre2025",
        )
        .await
        .text();
    assert!(map.contains("data-boundaries=\"pre2025\""));
    assert_eq!(
        map.matches("data-outline=").count(),
        11,
        "the delta's 11 provinces outlined"
    );
    assert!(map.contains(">Quần đảo Hoàng Sa<"));
}

#[tokio::test]
async fn chart_downloads_refuse_what_they_cannot_draw() {
    let app = TestApp::spawn().await;
    for (path, status) in [
        ("/bieu-do/tong-quan/ban-do.gif", 404),
        ("/bieu-do/tong-quan/khong-co.svg", 404),
        ("/bieu-do/tong-quan/ban-do.svg?group=north29", 404),
        ("/bieu-do/tinh/99/chi-so.svg", 404),
        ("/bieu-do/bao-cao/3.svg", 404),
        ("/bieu-do/tong-quan/ban-do.png?width=100000", 400),
        ("/bieu-do/tong-quan/ban-do.png?width=abc", 400),
        ("/bieu-do/tong-quan/ban-do.svg?release=7", 404),
        ("/bieu-do/tong-quan/ban-do.svg?period=2025-13", 400),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, status, "{path}: {}", r.text());
    }
    // The smallest and largest PNGs asked for are made, within the bounds.
    let r = app.get("/bieu-do/tong-quan/xep-hang.png?width=200").await;
    assert_eq!(u32::from_be_bytes(r.body[16..20].try_into().unwrap()), 200);
    let r = app.get("/bieu-do/tong-quan/ban-do.png?width=2400").await;
    assert_eq!(r.status, 200);
    assert_eq!(u32::from_be_bytes(r.body[16..20].try_into().unwrap()), 2400);
    // The release shown may be named.
    assert_eq!(
        app.get("/bieu-do/tong-quan/ban-do.svg?release=1")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn the_web_font_is_served_for_chart_text() {
    let app = TestApp::spawn().await;
    let r = app.get("/static/fonts/BeVietnamPro-Regular.ttf").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("font/ttf"));
    assert_eq!(r.body, congthuong_charts::fonts::REGULAR);
    assert_eq!(app.get("/static/fonts/other.ttf").await.status, 404);
    let css = app.get("/static/app.css").await.text();
    assert!(css.contains("/static/fonts/BeVietnamPro-Regular.ttf"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn charts_at_1440_and_390_px_in_chromium() {
    let app = TestApp::spawn().await;
    let base = format!("http://{}", app.addr);
    let steps = "charts_desktop,charts_phone,charts_briefing";
    tokio::task::spawn_blocking(move || run_scenario(&base, steps, "charts", &[]))
        .await
        .unwrap();
}
