//! The PDF as a person reads it (issue 14 item 7), on the synthetic sample
//! release with late key projects: rendered to PNG with `pdftoppm` into
//! `target/briefing-pdf/` (look at them), and read back with `pdftotext`.

use std::path::PathBuf;
use std::process::Command;

use congthuong_core::{BoundaryVersion, Lang, Period};
use congthuong_report::{LateProject, LateProjects, Request, write};

fn out() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/briefing-pdf");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn request(lang: Lang) -> Request {
    let item = |id: &str, i: i64| LateProject {
        project_id: id.into(),
        project: format!(
            "Khu công nghiệp {id} gắn với tuyến cao tốc Hà Nội – Lạng Sơn, giai đoạn {i} (mô phỏng)"
        ),
        provinces: "Bắc Ninh, Lạng Sơn".into(),
        what: "Bàn giao mặt bằng sạch cho nhà đầu tư hạ tầng".into(),
        agency: "Trung tâm Phát triển quỹ đất tỉnh Bắc Ninh".into(),
        due: (2025, 3, 31),
        days_late: 90 - i * 7,
    };
    Request {
        group: "north_28".into(),
        period: "2025-06".parse::<Period>().unwrap(),
        lang,
        threshold: 11.0,
        boundaries: None,
        late_projects: Some(LateProjects {
            as_of: (2025, 6, 30),
            boundaries: BoundaryVersion::V2025,
            items: (1..=6).map(|i| item(&format!("DA-24-{i:03}"), i)).collect(),
        }),
    }
}

/// `pdftotext` of each page, or `None` without poppler-utils (outside CI).
fn pages(pdf: &std::path::Path) -> Option<Vec<String>> {
    let o = match Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => o,
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is missing under CI (poppler-utils)")
        }
        _ => {
            eprintln!("SKIPPED the PDF page checks: pdftotext (poppler-utils) is missing");
            return None;
        }
    };
    Some(
        String::from_utf8_lossy(&o.stdout)
            .split('\u{c}')
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn the_pdf_keeps_pages_one_and_two_clear_and_gives_the_map_a_page() {
    let data = congthuong_figures::sample::release();
    for (lang, tag) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let b = write(&data, &request(lang)).unwrap();
        // Narrow cells (Table 8's) are set ragged-right, never justified.
        let markup = congthuong_report::pdf::markup(&b);
        assert!(markup.contains("#show table: set par(justify: false)"));
        assert!(!markup.contains("#footnote"), "endnotes, not footnotes");
        let pdf = congthuong_report::pdf::render(&b).unwrap();
        let path = out().join(format!("briefing-{tag}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        // Pictures of every page, for a person to look at.
        let _ = Command::new("pdftoppm")
            .args(["-r", "60", "-png"])
            .arg(&path)
            .arg(out().join(format!("page-{tag}")))
            .status();
        let Some(pages) = pages(&path) else { return };
        let row = if lang == Lang::Vi { "dòng" } else { "row" };
        // Pages 1 and 2: the text, with no footnote lines at their foot.
        for (i, page) in pages.iter().take(2).enumerate() {
            let notes = page
                .lines()
                .filter(|l| {
                    l.trim_start().starts_with(|c: char| c.is_ascii_digit()) && l.contains(row)
                })
                .count();
            assert_eq!(
                notes,
                0,
                "{tag}: page {} carries {notes} footnotes:\n{page}",
                i + 1
            );
        }
        // The endnotes: every cited row once, after the tables.
        let all = pages.join("\n");
        let heading = if lang == Lang::Vi {
            "Ghi chú: nguồn của từng số liệu"
        } else {
            "Notes: where each figure comes from"
        };
        let at = all
            .find(heading)
            .unwrap_or_else(|| panic!("{tag}: endnotes"));
        let table_8 = if lang == Lang::Vi {
            "Bảng 8."
        } else {
            "Table 8."
        };
        assert!(
            all.find(table_8).is_some_and(|t| t < at),
            "{tag}: notes after the tables"
        );
        // The map has a page to itself: its captions and its figure caption.
        let map_page = pages
            .iter()
            .position(|p| {
                p.contains(if lang == Lang::Vi {
                    "Quần đảo Trường Sa"
                } else {
                    "Trường Sa archipelago"
                })
            })
            .unwrap_or_else(|| panic!("{tag}: the map's text is in the PDF"));
        let page = &pages[map_page];
        assert!(
            !page.contains(table_8)
                && !page.contains(if lang == Lang::Vi {
                    "Bảng 1."
                } else {
                    "Table 1."
                }),
            "{tag}: the map shares its page:\n{page}"
        );
    }
}

/// The map is large enough to read: measured from the PDF, the distance
/// between the two archipelagos' captions (their distance in map units is
/// known from the map's layout) says how large a map unit is printed;
/// province names come out at 5.5 pt or more, the legend at 9 pt or more.
/// (Before, the map was 55 % of a page's height: names at about 2.5 pt.)
#[test]
fn the_pdf_map_is_large_enough_to_read() {
    let data = congthuong_figures::sample::release();
    let b = write(&data, &request(Lang::Vi)).unwrap();
    let pdf = congthuong_report::pdf::render(&b).unwrap();
    let path = out().join("briefing-map-check.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let o = match Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => o,
        _ => {
            eprintln!("SKIPPED: pdftotext (poppler-utils) is missing");
            return;
        }
    };
    let html = String::from_utf8_lossy(&o.stdout);
    // <word xMin="…" yMin="…" xMax="…" yMax="…">Hoàng</word>
    let words: Vec<(f64, f64, f64, String)> = html
        .split("<word ")
        .skip(1)
        .filter_map(|w| {
            let attr = |k: &str| -> Option<f64> {
                w.split(&format!("{k}=\""))
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse()
                    .ok()
            };
            let text = w.split('>').nth(1)?.split('<').next()?.to_owned();
            Some((attr("yMin")?, attr("yMax")?, attr("xMin")?, text))
        })
        .collect();
    let y_of = |needle: &str| {
        words
            .iter()
            .filter(|w| w.3 == needle)
            .map(|w| w.0)
            .collect::<Vec<_>>()
    };
    let (hs, ts) = (y_of("Hoàng"), y_of("Trường"));
    assert!(!hs.is_empty() && !ts.is_empty(), "captions found");
    // Their distance in map units, from the layout the map was drawn with.
    let lay = congthuong_charts::map::layout(
        BoundaryVersion::Pre2025,
        Lang::Vi,
        None,
        "Tăng trưởng so với cùng kỳ",
        &congthuong_charts::scale::ColorScale::growth(),
        false,
    );
    let top = |s: &str| lay.texts.iter().find(|t| t.text == s).unwrap().rect.y0;
    let units = top("Quần đảo Trường Sa") - top("Quần đảo Hoàng Sa");
    let (hs, ts) = (hs[0], ts[0]);
    let per_unit = (ts - hs) / units;
    assert!(per_unit > 0.0, "{hs} {ts}");
    let label_pt = congthuong_charts::map::LABEL_SIZE * per_unit;
    let legend_pt = congthuong_charts::map::TEXT_SIZE * per_unit;
    eprintln!("map unit {per_unit:.3} pt: names {label_pt:.1} pt, legend {legend_pt:.1} pt");
    assert!(label_pt >= 5.5, "names print at {label_pt:.1} pt");
    assert!(legend_pt >= 9.0, "the legend prints at {legend_pt:.1} pt");
}
