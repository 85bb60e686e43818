//! The briefing on the synthetic sample release: every figure traceable,
//! the counts the same as the dashboard's, both languages, both renderers.

use congthuong_core::{Lang, Period};
use congthuong_figures::overview::{OverviewQuery, overview};
use congthuong_figures::sample;
use congthuong_report::{Request, html, markdown, model::Run, write};

fn req(lang: Lang, period: &str) -> Request {
    Request {
        group: "north_28".into(),
        period: period.parse::<Period>().unwrap(),
        lang,
        threshold: 11.0,
        boundaries: None,
        late_projects: None,
    }
}

#[test]
fn every_figure_points_at_a_table_row_and_counts_match_the_dashboard() {
    let data = sample::release();
    for lang in [Lang::Vi, Lang::En] {
        for period in ["2025-06", "2025-12", "2025-02"] {
            let b = write(&data, &req(lang, period)).unwrap();
            assert!(
                b.dangling_figures().is_empty(),
                "{period} {lang}: {:?}",
                b.dangling_figures()
            );
            let figures = b
                .sections
                .iter()
                .flat_map(|s| &s.paragraphs)
                .flat_map(|p| &p.0)
                .filter(|r| matches!(r, Run::Figure { .. }))
                .count();
            assert!(figures >= 10, "{period}: {figures} figures");
            let p: Period = period.parse().unwrap();
            let o = overview(
                &data,
                &OverviewQuery {
                    group: "north_28".into(),
                    period: p,
                    boundaries: congthuong_core::BoundaryVersion::in_force(p),
                    threshold: 11.0,
                },
            )
            .unwrap();
            let first = b.sections[0].paragraphs[1].plain();
            let expected = match lang {
                Lang::Vi => format!(
                    "{} trên {} tỉnh tăng trên 11,0 %",
                    o.above_threshold,
                    o.members.len()
                ),
                Lang::En => format!(
                    "{} of {} provinces grew more than 11.0 %",
                    o.above_threshold,
                    o.members.len()
                ),
            };
            assert!(first.starts_with(&expected), "{first}");
            assert!(b.notice.is_some(), "synthetic data is labelled");
        }
    }
}

#[test]
fn january_and_february_carry_the_tet_reading() {
    let data = sample::release();
    let feb = write(&data, &req(Lang::Vi, "2025-02")).unwrap();
    let text: String = feb.sections[0]
        .paragraphs
        .iter()
        .map(|p| p.plain())
        .collect::<Vec<_>>()
        .join(" ");
    // Tết 2025 on 29 January, 2024 on 10 February: February 2025 is boosted.
    assert!(
        text.contains("Tết Nguyên đán năm nay rơi vào tháng 1 (năm trước vào tháng 2)"),
        "{text}"
    );
    assert!(text.contains("Gộp hai tháng đầu năm"));
    let jun = write(&data, &req(Lang::Vi, "2025-06")).unwrap();
    assert!(
        !jun.sections[0]
            .paragraphs
            .iter()
            .any(|p| p.plain().contains("Tết"))
    );
}

#[test]
fn html_links_each_figure_to_its_row_and_markdown_too() {
    let data = sample::release();
    let b = write(&data, &req(Lang::Vi, "2025-06")).unwrap();
    let page = html::render(&b);
    for s in &b.sections {
        for p in &s.paragraphs {
            for r in &p.0 {
                if let Run::Figure { table, row, .. } = r {
                    let a = html::anchor(table, row);
                    assert!(
                        page.contains(&format!("href=\"#{a}\""))
                            && page.contains(&format!("id=\"{a}\"")),
                        "{a}"
                    );
                }
            }
        }
    }
    assert!(page.contains("<svg") && page.contains("class=\"chart map\""));
    assert!(page.contains("id=\"synthetic-notice\""));
    // A figure and its unit stay on one line: no breaking space before "%".
    assert!(page.contains("\u{a0}%</a>") && !page.contains(" %</a>"));
    let md = markdown::render(&b);
    assert!(md.starts_with("# Báo cáo tình hình sản xuất công nghiệp"));
    assert!(md.contains("](#t1-"));
}

#[test]
fn unknown_groups_and_months_are_refused() {
    let data = sample::release();
    let mut r = req(Lang::Vi, "2025-06");
    r.group = "north29".into();
    assert!(write(&data, &r).is_err());
    assert!(write(&data, &req(Lang::Vi, "2030-01")).is_err());
}

/// The PDF is produced, parses (poppler's `pdftotext` reads it back) and
/// carries the Vietnamese text with its diacritics. Needs `pdftotext`
/// (Debian's poppler-utils, installed by `.ci/run`); says so and skips
/// without it, except under CI=true.
#[cfg(feature = "pdf")]
#[test]
fn the_pdf_parses_and_keeps_the_diacritics() {
    let data = sample::release();
    let b = write(&data, &req(Lang::Vi, "2025-06")).unwrap();
    let pdf = congthuong_report::pdf::render(&b).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = std::env::temp_dir().join(format!("briefing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("briefing.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = match std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(o) => o,
        Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is missing under CI")
        }
        Err(_) => {
            eprintln!("SKIPPED PDF parse check: pdftotext (poppler-utils) is not installed");
            return;
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "Sản xuất công nghiệp",
        "28 tỉnh thành phía Bắc",
        "Đồng bằng sông Hồng",
        "Bảng 1",
    ] {
        assert!(text.contains(needle), "{needle} not in the PDF text");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn late_key_projects_are_named_with_who_must_act_and_linked_to_their_rows() {
    use congthuong_report::{LateProject, LateProjects};
    let data = congthuong_figures::sample::release();
    let item = |id: &str, days: i64| LateProject {
        project_id: id.into(),
        project: format!("Dự án {id}"),
        provinces: "Bắc Ninh".into(),
        what: "giải phóng mặt bằng".into(),
        agency: "UBND tỉnh Bắc Ninh".into(),
        due: (2026, 10, 1),
        days_late: days,
    };
    let mut r = req(Lang::Vi, "2025-06");
    r.late_projects = Some(LateProjects {
        as_of: (2026, 11, 26),
        boundaries: congthuong_core::BoundaryVersion::V2025,
        items: vec![item("DA-1", 56), item("DA-1", 20), item("DA-2", 3)],
    });
    let b = write(&data, &r).unwrap();
    let last = b.sections.last().unwrap();
    assert!(
        last.heading.ends_with("Dự án trọng điểm"),
        "{}",
        last.heading
    );
    let text = last.paragraphs[0].plain();
    assert!(
        text.starts_with(
            "Đến ngày 26/11/2026, 2 dự án trọng điểm của vùng có 3 hạng mục chậm tiến độ."
        ),
        "{text}"
    );
    assert!(
        text.contains("chậm 56 ngày, UBND tỉnh Bắc Ninh phải xử lý"),
        "{text}"
    );
    let t8 = b.tables.iter().find(|t| t.id == "t8").unwrap();
    assert_eq!(t8.rows.len(), 3);
    assert_eq!(t8.rows[0].cells[4], "01/10/2026");
    assert!(b.dangling_figures().is_empty());
    // No registers: no section, no table.
    let plain = write(&data, &req(Lang::Vi, "2025-06")).unwrap();
    assert!(plain.tables.iter().all(|t| t.id != "t8"));
    assert!(plain.sections.iter().all(|s| !s.heading.contains("Dự án")));
    // None late: said so.
    r.late_projects = Some(LateProjects {
        as_of: (2026, 11, 26),
        boundaries: congthuong_core::BoundaryVersion::V2025,
        items: vec![],
    });
    let none = write(&data, &r).unwrap();
    assert!(
        none.sections.last().unwrap().paragraphs[0]
            .plain()
            .contains("không có dự án trọng điểm nào")
    );
}
