//! Making a release from the dashboard shows its progress and then a
//! confirmation with the permanent link of what was made; the comparison
//! of two releases speaks in names (province, industry, month) with the
//! change of each figure (issue 14 item 9).

use congthuong_store::folder::{FolderOptions, import_folder};
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};
use congthuong_store::synthetic::{Spec, write_folder};

use crate::support::{TestApp, request};

/// Imports a synthetic vintage (made-up numbers) of 3 provinces.
pub fn import(app: &TestApp, variant: u64) {
    let dir = app.dir.path().join(format!("in-{variant}"));
    write_folder(
        &dir,
        &Spec {
            variant,
            ..Spec::small()
        },
    )
    .unwrap();
    import_folder(
        &*app.state.store(),
        &dir,
        &FolderOptions {
            base_year: Some(2024),
            actor: "test".into(),
            note: format!("vintage {variant}"),
            max_bytes: u64::MAX,
            error_cap: 10,
            threads: 1,
        },
        &NoProgress,
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_makes_a_release_sees_its_progress_then_compares_it_in_words() {
    let app = TestApp::spawn().await;
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    import(&app, 0);
    create_release(
        &*app.state.store(),
        &ReleaseOptions {
            period: "2025-03".parse().unwrap(),
            base_year: None,
            actor: "test".into(),
            note: "first".into(),
            synthetic: true,
        },
        &NoProgress,
    )
    .unwrap();
    app.state.reload().unwrap();
    import(&app, 1);
    let (cookie, csrf) = app.login("analyst", "analyst-pass-1").await;
    let body = format!("csrf={csrf}&period=2025-03&note=revised+reports&lang=vi");
    let r = request(
        app.addr,
        "POST",
        "/cong-bo",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &cookie),
        ],
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/cong-bo/tien-do"));
    // The progress page refreshes itself until the release is made.
    let mut done = String::new();
    for _ in 0..1200 {
        let p = request(
            app.addr,
            "GET",
            "/cong-bo/tien-do",
            &[("cookie", &cookie)],
            b"",
        )
        .await;
        assert_eq!(p.status, 200);
        let html = p.text();
        if html.contains("id=\"release-done\"") {
            done = html;
            break;
        }
        assert!(html.contains("id=\"release-progress\""), "{html}");
        assert!(html.contains("http-equiv=\"refresh\""));
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(done.contains("Đã lập lần công bố 2"), "{done}");
    assert!(
        !done.contains("http-equiv=\"refresh\""),
        "done: no more refresh"
    );
    assert!(done.contains("href=\"/?release=2\""), "its permanent link");
    assert!(done.contains("href=\"/cong-bo/1/so-sanh/2\""));
    assert_eq!(
        app.state.release().unwrap().meta.id,
        2,
        "the public sees it"
    );
    // The list links every release's figures and its comparison.
    let list = app.get("/cong-bo").await.text();
    assert!(
        list.contains("href=\"/?release=1\"") && list.contains("href=\"/cong-bo/1/so-sanh/2\"")
    );
    // Row counts in the page's digit grouping.
    let first = &app.state.store().releases().unwrap()[0];
    let grouped: Vec<String> = first
        .counts
        .iter()
        .map(|n| congthuong_core::display::number(Some(*n as f64), 0, congthuong_core::Lang::Vi))
        .collect();
    assert!(first.counts[0] >= 1000, "the fixture has thousands of rows");
    assert!(
        list.contains(&format!("<td>{}</td>", grouped.join(" / "))),
        "{list}"
    );
    // The comparison in words.
    let page = app.get("/cong-bo/1/so-sanh/2").await.text();
    assert!(
        page.contains("Vĩnh Phúc</span> · Toàn ngành công nghiệp"),
        "{page}"
    );
    assert!(page.contains("Tháng 3/2025"));
    assert!(
        page.contains(
            "<td>Vĩnh Phúc tháng 1/2024; Vĩnh Phúc tháng 2/2024; và 13 báo cáo khác</td>"
        ),
        "the reports that explain it, in words"
    );
    assert!(
        !page.contains(">TOTAL<") && !page.contains("· TOTAL"),
        "no raw code"
    );
    assert!(page.contains("Thay đổi (pp)"), "the change columns");
    assert!(
        page.contains("href=\"/?release=1\""),
        "each release's permanent link"
    );
    // Every listed row reads differently at the page's rounding; the rest
    // are counted, not listed as "0,0 %" noise.
    let body = page
        .split("<tbody>")
        .nth(1)
        .and_then(|b| b.split("</tbody>").next())
        .unwrap();
    let rows: Vec<Vec<String>> = body
        .split("<tr>")
        .skip(1)
        .map(|r| {
            r.split("<td class=\"num\">")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap().to_owned())
                .collect()
        })
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r.len(), 6, "{r:?}");
        assert!(
            r[0] != r[1] || r[3] != r[4],
            "a row that reads the same: {r:?}"
        );
    }
    let n_index: usize = page
        .split("id=\"compare-summary\">")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .replace('.', "")
        .parse()
        .unwrap();
    let n_below: usize = page.split("id=\"compare-below\">").nth(1).map_or(0, |s| {
        s.split(' ')
            .next()
            .unwrap()
            .replace('.', "")
            .parse()
            .unwrap()
    });
    assert!(
        page.contains(&format!("{}.{:03} chỉ số", n_index / 1000, n_index % 1000))
            || n_index < 1000,
        "counts grouped in thousands on a Vietnamese page"
    );
    assert_eq!(rows.len().min(500), (n_index - n_below).min(500));
    let en = app.get("/cong-bo/1/so-sanh/2?lang=en").await.text();
    assert!(en.contains("Vinh Phuc</span> · Industry, total"), "{en}");
}
