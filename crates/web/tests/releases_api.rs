//! Two real releases in the store, compared through the API and the page,
//! with the changed figures as CSV and XLSX.

mod support;

use congthuong_store::folder::{FolderOptions, import_folder};
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};
use congthuong_store::synthetic::{Spec, write_folder};
use support::TestApp;

fn release(app: &TestApp, note: &str) {
    create_release(
        &*app.state.store(),
        &ReleaseOptions {
            period: "2025-03".parse().unwrap(),
            base_year: None,
            actor: "test".into(),
            note: note.into(),
            synthetic: true,
        },
        &NoProgress,
    )
    .unwrap();
}

#[tokio::test]
async fn a_comparison_lists_the_moved_figures_and_downloads_them() {
    let app = TestApp::spawn().await;
    let store = app.state.store();
    let import = |variant: u64| {
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
            &*store,
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
    };
    import(0);
    release(&app, "first");
    import(1);
    release(&app, "second");
    let j = app.get("/api/v1/releases/1/diff/2").await.json();
    // JSON pages the changed rows; `index_total` counts them all.
    let changed = j["index_total"].as_u64().unwrap() as usize;
    assert!(changed > 0, "the second vintage moved figures");
    assert_eq!(j["index"].as_array().unwrap().len(), changed.min(1000));
    let csv = app.get("/api/v1/releases/1/diff/2?format=csv").await;
    assert_eq!(csv.status, 200);
    let text = csv.text();
    let text = text.trim_start_matches('\u{feff}');
    assert!(text.starts_with("boundaries,area,level,code,period,index_1,index_2"));
    assert_eq!(text.lines().count(), changed + 1, "every changed row");
    let xlsx = app.get("/api/v1/releases/1/diff/2?format=xlsx").await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK"), "a workbook");
    assert_eq!(
        app.get("/api/v1/releases/1/diff/2?format=sdmx")
            .await
            .status,
        400
    );
    let page = app.get("/cong-bo/1/so-sanh/2").await.text();
    assert!(page.contains("id=\"compare-downloads\""));
    assert!(page.contains("/api/v1/releases/1/diff/2?format=csv"));
    // The list names how many inputs each release used, not all of them.
    let list = app.get("/api/v1/releases").await.json();
    let first = &list["releases"][0];
    assert!(first["input_count"].as_u64().unwrap() > 0);
    assert!(first.get("inputs").is_none());
}
