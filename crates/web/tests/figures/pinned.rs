//! `release=N` pins a page or a figure endpoint to release N for good
//! (issue 14 item 6): the page says which release it shows and links to
//! the latest, every page has its permanent link, links within a pinned
//! page keep the pin, an unknown release is 404 in the reader's language,
//! and the anonymous answer cache serves neither a stale latest nor a
//! stale notice.

use congthuong_figures::sample::release as sample;
use congthuong_store::NewRelease;
use congthuong_store::progress::NoProgress;

use crate::support::{TestApp, request};

/// Stores release `n` of the sample figures, told apart by merged Bắc
/// Ninh's 2025 retail sales target (50 000 + n), and shows the latest.
pub fn put_release(app: &TestApp, n: i64) {
    let mut data = sample();
    data.meta.note = format!("vintage {n}");
    if let Some(t) = data
        .targets
        .iter_mut()
        .find(|t| t.area == "24" && t.year == 2025)
    {
        t.target = 50_000.0 + n as f64;
    }
    let r = app
        .state
        .store()
        .put_release(
            NewRelease {
                period: "2025-12".into(),
                actor: "test".into(),
                note: format!("vintage {n}"),
                base_year: 2024,
                inputs: Vec::new(),
                index: Vec::new(),
                contributions: Vec::new(),
                warnings: Vec::new(),
                indicators: Vec::new(),
                targets: Vec::new(),
                snapshot: Some(congthuong_figures::snapshot::encode(&data)),
            },
            &NoProgress,
        )
        .unwrap();
    assert_eq!(r.id, n);
    assert!(app.state.reload().unwrap());
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let r = request(app.addr, "GET", path, &[("accept", "text/html")], b"").await;
    (r.status, r.text())
}

#[tokio::test]
async fn a_page_pinned_to_a_past_release_shows_it_says_so_and_keeps_the_pin() {
    let app = TestApp::spawn().await;
    for n in 1..=3 {
        put_release(&app, n);
    }
    let (status, old) = page(&app, "/tinh/24?period=2025-12&release=1").await;
    assert_eq!(status, 200, "{old}");
    assert!(old.contains("50.001,0"), "release 1's target");
    assert!(
        old.contains("Lần công bố 1 (kỳ tháng 12/2025), không phải lần mới nhất"),
        "the page says which release"
    );
    assert!(
        old.contains("id=\"latest-release-link\" ") || old.contains("id=\"latest-release-link\"")
    );
    assert!(old.contains("href=\"/tinh/24?period=2025-12\" id=\"latest-release-link\""));
    assert!(old.contains("id=\"permalink\""));
    assert!(old.contains("/tinh/24?period=2025-12&amp;release=1\" id=\"permalink\""));
    // Links within the page keep the pin: the way back, the menu, the selectors, the downloads.
    assert!(old.contains("href=\"/?period=2025-12&amp;boundaries=2025&amp;release=1\""));
    assert!(old.contains("href=\"/san-pham?release=1\""));
    assert!(old.contains("<input type=\"hidden\" name=\"release\" value=\"1\">"));
    assert!(old.contains("table=targets&amp;release=1&amp;format=csv"));
    // The latest: its own figures, no notice, its permanent link.
    let (_, latest) = page(&app, "/tinh/24?period=2025-12").await;
    assert!(latest.contains("50.003,0") && !latest.contains("50.001,0"));
    assert!(!latest.contains("id=\"pinned-release\""));
    assert!(latest.contains("/tinh/24?period=2025-12&amp;release=3\" id=\"permalink\""));
    // English.
    let (_, en) = page(&app, "/?release=2&lang=en").await;
    assert!(
        en.contains("Release 2 (period December 2025), not the latest"),
        "{en}"
    );
    // Every figure page and the briefing take the pin.
    for path in [
        "/?release=2",
        "/tinh?release=2",
        "/san-pham?release=2",
        "/thuong-mai?release=2",
        "/bao-cao?release=2",
    ] {
        let (status, html) = page(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains("Lần công bố 2 (kỳ"),
            "{path} says which release"
        );
        assert!(
            html.contains("release=2\" id=\"permalink\""),
            "{path} permanent link"
        );
        assert!(
            html.contains("<input type=\"hidden\" name=\"release\" value=\"2\">"),
            "{path}: its form keeps the pin when the reader picks another month or group"
        );
    }
    // The briefing's form also keeps the boundary version the reader chose.
    let (_, b) = page(&app, "/bao-cao?release=2&boundaries=pre2025&period=2025-06").await;
    assert!(b.contains("<input type=\"hidden\" name=\"boundaries\" value=\"pre2025\">"));
}

#[tokio::test]
async fn every_figure_api_answers_for_the_pinned_release() {
    let app = TestApp::spawn().await;
    for n in 1..=2 {
        put_release(&app, n);
    }
    let target = |j: &serde_json::Value| {
        j["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["year"] == 2025 && t["indicator"] == "retail_sales")
            .unwrap()["target"]
            .clone()
    };
    let j = app
        .get("/api/v1/provinces/24?period=2025-12&release=1")
        .await
        .json();
    assert_eq!(
        (target(&j), j["release"].clone()),
        (50_001.0.into(), 1.into())
    );
    let j = app.get("/api/v1/provinces/24?period=2025-12").await.json();
    assert_eq!(
        (target(&j), j["release"].clone()),
        (50_002.0.into(), 2.into())
    );
    for path in [
        "/api/v1/overview?release=1",
        "/api/v1/provinces?release=1",
        "/api/v1/products?release=1",
        "/api/v1/trade?release=1",
        "/api/v1/series?area=VN&release=1",
        "/api/v1/reference?release=1",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let csv = app.get(&format!("{path}&format=csv")).await;
        assert!(
            csv.header("content-disposition").unwrap().contains("_r1."),
            "{path}: the file names the release"
        );
    }
    let csv = app.get("/bao-cao/tai-ve?release=1&format=md").await;
    assert_eq!(csv.status, 200);
}

#[tokio::test]
async fn an_unknown_release_is_404_in_the_readers_language() {
    let app = TestApp::spawn().await;
    put_release(&app, 1);
    let (status, vi) = page(&app, "/tinh/24?release=99").await;
    assert_eq!(status, 404);
    assert!(vi.contains("Không có lần công bố 99."), "{vi}");
    let (status, en) = page(&app, "/?release=99&lang=en").await;
    assert_eq!(status, 404);
    assert!(en.contains("There is no release 99."), "{en}");
    for bad in ["0", "-1", "abc", "99999999999999999999"] {
        let r = app.get(&format!("/api/v1/overview?release={bad}")).await;
        assert_eq!(r.status, 404, "{bad}");
        assert_eq!(r.json()["errors"][0]["code"], "not_found");
    }
}

#[tokio::test]
async fn the_cache_keeps_pinned_answers_and_drops_the_latest_at_the_next_release() {
    let app = TestApp::spawn().await;
    for n in 1..=2 {
        put_release(&app, n);
    }
    let latest_url = "/tinh/24?period=2025-12";
    let (_, a) = page(&app, latest_url).await;
    let (_, pinned_old) = page(&app, "/tinh/24?period=2025-12&release=1").await;
    let (_, pinned_latest) = page(&app, "/tinh/24?period=2025-12&release=2").await;
    assert!(a.contains("50.002,0"));
    assert!(
        !pinned_latest.contains("id=\"pinned-release\""),
        "2 is the latest"
    );
    assert_eq!(page(&app, latest_url).await.1, a, "served again");
    put_release(&app, 3);
    let (_, b) = page(&app, latest_url).await;
    assert!(b.contains("50.003,0"), "the latest moved on");
    assert_eq!(
        page(&app, "/tinh/24?period=2025-12&release=1").await.1,
        pinned_old,
        "a pinned answer never changes"
    );
    let (_, now) = page(&app, "/tinh/24?period=2025-12&release=2").await;
    assert!(now.contains("50.002,0"));
    assert!(
        now.contains("Lần công bố 2 (kỳ tháng 12/2025), không phải lần mới nhất"),
        "the page pinned to the former latest now says it is not the latest"
    );
}
