//! The briefing in the dashboard: one click from the menu, every figure
//! linked to its table row, the same as a PDF, Markdown or HTML file.

mod support;

use support::TestApp;

#[tokio::test]
async fn the_briefing_page_links_every_figure_to_a_row_on_the_page() {
    let app = TestApp::spawn().await;
    let home = app.get("/").await.text();
    assert!(home.contains("href=\"/bao-cao\""), "in the menu");
    let r = app.get("/bao-cao?group=north_28&period=2025-06").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("id=\"briefing\""));
    assert!(
        html.contains("id=\"synthetic-notice\""),
        "synthetic data says so"
    );
    let links: Vec<&str> = html
        .split("class=\"fig\" href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(links.len() > 20, "figures link to rows: {}", links.len());
    for l in &links {
        assert!(html.contains(&format!("id=\"{l}\"")), "#{l} has a row");
    }
    // The page carries no style of its own (the CSP allows only ours).
    assert!(!html.contains("<style"));
    let en = app.get("/bao-cao?period=2025-06&lang=en").await.text();
    assert!(en.contains("Industrial production"), "English");
}

#[tokio::test]
async fn the_briefing_downloads_as_pdf_markdown_and_html() {
    let app = TestApp::spawn().await;
    let pdf = app
        .get("/bao-cao/tai-ve?group=north_28&period=2025-06&format=pdf")
        .await;
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    assert!(
        pdf.header("content-disposition")
            .unwrap()
            .contains("briefing_north_28_2025-06_vi.pdf")
    );
    let md = app
        .get("/bao-cao/tai-ve?period=2025-06&format=md&lang=en")
        .await
        .text();
    assert!(md.starts_with("# Industrial production"), "{md}");
    let html = app.get("/bao-cao/tai-ve?period=2025-06&format=html").await;
    assert!(html.text().starts_with("<!doctype html>"));
    // The page's own download links answer.
    let page = app.get("/bao-cao?period=2025-06").await.text();
    let section = page.split("id=\"briefing-downloads\"").nth(1).unwrap();
    let section = section.split("</p>").next().unwrap();
    let hrefs: Vec<String> = section
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect();
    assert_eq!(hrefs.len(), 3);
    for h in hrefs {
        assert_eq!(app.get(&h).await.status, 200, "{h}");
    }
    for (path, status) in [
        ("/bao-cao?group=nowhere", 404),
        ("/bao-cao?period=2025-13", 400),
        ("/bao-cao/tai-ve?format=docx", 400),
        ("/bao-cao?threshold=abc", 400),
    ] {
        assert_eq!(app.get(path).await.status, status, "{path}");
    }
    // The refusal speaks the reader's language.
    let vi = app.get("/bao-cao/tai-ve?format=docx").await.text();
    assert!(vi.contains("không có định dạng"), "{vi}");
    let en = app.get("/bao-cao/tai-ve?format=docx&lang=en").await.text();
    assert!(en.contains("unknown format"), "{en}");
}
