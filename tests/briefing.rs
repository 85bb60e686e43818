//! The briefing from the demo data, end to end through the CLI: generate
//! the synthetic demo folder, import it, make a release, write the
//! briefing of north_28 for September 2022. The Markdown text in both
//! languages is compared with the reviewed snapshots in
//! `tests/snapshots/` (set `UPDATE_SNAPSHOTS=1` to rewrite them after a
//! deliberate change, and review the diff); the PDF must parse.

use std::path::Path;
use std::process::Command;

fn run(data: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn check_snapshot(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_SNAPSHOTS=1", path.display()));
    if expected != text {
        let first = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs from the snapshot at line {}:\n  snapshot: {:?}\n  now:      {:?}\n(UPDATE_SNAPSHOTS=1 rewrites it; review the diff)",
            first + 1,
            expected.lines().nth(first).unwrap_or(""),
            text.lines().nth(first).unwrap_or("")
        );
    }
}

#[test]
fn the_demo_briefing_for_north_28_in_september_2022_matches_its_snapshots() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    let data = tmp.path().join("data");
    run(
        &data,
        &["demo", "generate", "--out", demo.to_str().unwrap()],
    );
    let import = run(
        &data,
        &[
            "import-folder",
            demo.to_str().unwrap(),
            "--base-year",
            "2015",
        ],
    );
    assert!(
        String::from_utf8_lossy(&import.stderr).contains("release create --synthetic"),
        "import-folder reminds that the folder is synthetic"
    );
    run(&data, &["import-reference"]);
    run(
        &data,
        &[
            "release",
            "create",
            "--period",
            "2025-12",
            "--note",
            "demo",
            "--synthetic",
        ],
    );
    let brief = |lang: &str, format: &str, out: &str| {
        run(
            &data,
            &[
                "report", "briefing", "--group", "north_28", "--period", "2022-09", "--lang", lang,
                "--format", format, "--out", out,
            ],
        )
    };
    let vi = String::from_utf8(brief("vi", "md", "-").stdout).unwrap();
    let en = String::from_utf8(brief("en", "md", "-").stdout).unwrap();
    // What the conference reads, before the exact text.
    assert!(vi.contains("21 trên 28 tỉnh tăng trên 11,0 %"), "{vi}");
    assert!(vi.contains("Bắc Giang ([+44,2 %]"));
    assert!(vi.contains("Số liệu minh hoạ") || vi.contains("Dữ liệu minh hoạ"));
    assert!(en.contains("21 of 28 provinces grew more than 11.0 %"));
    assert!(en.contains("Synthetic demo data"));
    check_snapshot("briefing_north_28_2022-09.vi.md", &vi);
    check_snapshot("briefing_north_28_2022-09.en.md", &en);

    let pdf = tmp.path().join("briefing.pdf");
    brief("vi", "pdf", pdf.to_str().unwrap());
    // Every page as a picture, for a person to look at.
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/briefing-pdf");
    std::fs::create_dir_all(&pages).unwrap();
    let _ = Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&pdf)
        .arg(pages.join("demo-north_28-2022-09"))
        .status();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    match Command::new("pdftotext").arg(&pdf).arg("-").output() {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(text.contains("Bắc Giang"), "diacritics survive: {text}");
            assert!(text.contains("44,2"));
        }
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is missing under CI (poppler-utils)")
        }
        _ => eprintln!("SKIPPED the PDF text check: pdftotext (poppler-utils) is missing"),
    }
    // With the key-project registers kept, the briefing adds who must act.
    run(&data, &["projects", "demo", "--today", "2026-11-26"]);
    let with_projects = String::from_utf8(
        run(
            &data,
            &[
                "report",
                "briefing",
                "--period",
                "2022-09",
                "--format",
                "md",
                "--out",
                "-",
                "--today",
                "2026-11-26",
            ],
        )
        .stdout,
    )
    .unwrap();
    assert!(
        with_projects.contains(". Dự án trọng điểm"),
        "{with_projects}"
    );
    assert!(with_projects.contains("Đến ngày 26/11/2026"));
    assert!(with_projects.contains("Bảng 8. Dự án trọng điểm có hạng mục chậm tiến độ"));
    let t8_rows = with_projects.matches("<a id=\"t8-").count();
    assert!(t8_rows > 0, "late items listed");
    // `--as-of` is the same day under its new name; by default a past
    // month's briefing counts the projects as they stood at its end.
    let as_of = |extra: &[&str]| {
        let mut args = vec![
            "report", "briefing", "--period", "2022-09", "--format", "md", "--out", "-",
        ];
        args.extend_from_slice(extra);
        String::from_utf8(run(&data, &args).stdout).unwrap()
    };
    assert_eq!(as_of(&["--as-of", "2026-11-26"]), with_projects);
    let then = as_of(&[]);
    assert!(then.contains("Đến ngày 30/09/2022"), "{then}");
    assert!(
        then.matches("<a id=\"t8-").count() < t8_rows,
        "fewer items were late in 2022 than in 2026"
    );
    assert!(
        then.contains("(Địa bàn các dự án đọc theo địa giới 34 tỉnh (từ 1/7/2025).)"),
        "the projects' map is named beside the 63-province figures"
    );
    // The text before the new section is unchanged.
    let before = |t: &str| t.split("### Bảng 1.").next().unwrap().to_owned();
    assert!(before(&with_projects).starts_with(before(&vi).trim_end()));

    let html = tmp.path().join("briefing.html");
    brief("en", "html", html.to_str().unwrap());
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"));
    // Every figure links to a row that exists.
    for target in html
        .split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        assert!(
            html.contains(&format!("id=\"{target}\"")),
            "link #{target} has no row"
        );
    }
}
