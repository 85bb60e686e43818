//! Writes every chart kind as SVG and PNG into `target/charts-gallery/`
//! for a person to look at (and checks they rasterise). Slow in a debug
//! build (a minute of PNGs), so run by hand:
//! `cargo test -p congthuong-charts --test gallery -- --ignored`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use congthuong_charts::map::{Choropleth, choropleth};
use congthuong_charts::scale::ColorScale;
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};

fn out() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/charts-gallery");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, svg: &str, width: u32) {
    std::fs::write(out().join(format!("{name}.svg")), svg).unwrap();
    let png = congthuong_charts::png::render(svg, width).unwrap();
    std::fs::write(out().join(format!("{name}.png")), png).unwrap();
}

#[test]
#[ignore = "writes target/charts-gallery for a person to look at"]
fn bars_and_lines() {
    use congthuong_charts::bars::{Bar, Ranking, Reference, Unit, ranking};
    use congthuong_charts::line::{Line, LineChart, line_chart};
    let geo = Geography::embedded();
    let bars: Vec<Bar> = geo
        .group("north_28")
        .unwrap()
        .members(BoundaryVersion::Pre2025, geo)
        .iter()
        .map(|c| Bar {
            label: geo
                .province(*c, BoundaryVersion::Pre2025)
                .unwrap()
                .short_name_vi
                .clone(),
            value: Some(((c.number() * 37) % 60) as f64 - 15.0),
            href: Some(format!("/tinh/{c}")),
        })
        .collect();
    let refs = [
        Reference {
            label: "Cả nước +9,6 %".into(),
            value: 9.6,
        },
        Reference {
            label: "Ngưỡng 11,0 %".into(),
            value: 11.0,
        },
    ];
    write(
        "bars",
        &ranking(&Ranking {
            title: "Xếp hạng",
            bars: &bars,
            references: &refs,
            lang: Lang::Vi,
            decimals: 1,
            unit: Unit::Percent,
            scale: &ColorScale::growth(),
        }),
        460,
    );
    let lines = vec![
        Line {
            label: "Bắc Ninh".into(),
            values: (0..132)
                .map(|t| Some(100.0 + t as f64 * 0.6 + (t as f64 / 2.0).sin() * 5.0))
                .collect(),
            dashed: false,
        },
        Line {
            label: "Cả nước (tổng hợp)".into(),
            values: (0..132).map(|t| Some(100.0 + t as f64 * 0.5)).collect(),
            dashed: true,
        },
        Line {
            label: "Cả nước (TCTK công bố)".into(),
            values: (0..132)
                .map(|t| {
                    if t > 100 {
                        None
                    } else {
                        Some(101.0 + t as f64 * 0.5)
                    }
                })
                .collect(),
            dashed: true,
        },
    ];
    write(
        "line",
        &line_chart(&LineChart {
            title: "IIP",
            first: "2015-01".parse().unwrap(),
            lines: &lines,
            baseline: Some(100.0),
            lang: Lang::Vi,
            decimals: 0,
        }),
        460,
    );
}

#[test]
#[ignore = "writes target/charts-gallery for a person to look at"]
fn gallery() {
    let geo = Geography::embedded();
    for version in BoundaryVersion::ALL {
        let values: BTreeMap<AreaCode, f64> = geo
            .provinces(version)
            .iter()
            .map(|p| (p.code, ((p.code.number() * 37) % 60) as f64 - 15.0))
            .collect();
        let group = geo.group("north_28").unwrap();
        let focus = group.members(version, geo);
        let all: Vec<AreaCode> = geo.provinces(version).iter().map(|p| p.code).collect();
        for (lang, tag) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
            let svg = choropleth(&Choropleth {
                version,
                title: "IIP",
                values: &values,
                scale: &ColorScale::growth(),
                focus: Some(&all),
                lang,
                decimals: 1,
                legend_title: lang.pick("Tăng trưởng so với cùng kỳ", "Growth on a year earlier"),
                href: None,
                labels: true,
            });
            let png = congthuong_charts::png::render(&svg, 1000).unwrap();
            std::fs::write(out().join(format!("map-{version}-all-{tag}.png")), png).unwrap();
        }
        let svg = choropleth(&Choropleth {
            version,
            title: "IIP",
            values: &values,
            scale: &ColorScale::growth(),
            focus: Some(&focus),
            lang: Lang::Vi,
            decimals: 1,
            legend_title: "Tăng trưởng so với cùng kỳ",
            href: None,
            labels: true,
        });
        let name = format!("map-{version}-north_28");
        std::fs::write(out().join(format!("{name}.svg")), &svg).unwrap();
        let png = congthuong_charts::png::render(&svg, 1200).unwrap();
        std::fs::write(out().join(format!("{name}.png")), png).unwrap();
        // The north, enlarged, to look at the Red River Delta's names.
        let north = svg.replacen("viewBox=\"0 0 600 1261\"", "viewBox=\"0 0 600 470\"", 1);
        let png = congthuong_charts::png::render(&north, 1400).unwrap();
        std::fs::write(out().join(format!("{name}-north.png")), png).unwrap();
    }
}
