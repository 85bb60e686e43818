//! Renders sample charts into `target/charts/` to look at:
//! `cargo run -p congthuong-charts --example render`.

use std::collections::BTreeMap;

use congthuong_charts::bars::{Bar, Ranking, Reference, Unit, ranking};
use congthuong_charts::line::{Line, LineChart, line_chart};
use congthuong_charts::map::{Choropleth, choropleth};
use congthuong_charts::scale::ColorScale;
use congthuong_core::{BoundaryVersion, Geography, Lang};

fn main() -> std::io::Result<()> {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/charts");
    std::fs::create_dir_all(&out)?;
    let geo = Geography::embedded();
    let group = geo.group("north_28").map_err(std::io::Error::other)?;
    for version in BoundaryVersion::ALL {
        let values: BTreeMap<_, _> = geo
            .provinces(version)
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code, (i * 37 % 50) as f64 - 8.0))
            .collect();
        let focus = group.members(version, geo);
        let svg = choropleth(&Choropleth {
            version,
            title: "IIP",
            values: &values,
            scale: &ColorScale::growth(),
            focus: Some(&focus),
            lang: Lang::Vi,
            decimals: 1,
            legend_title: "Tăng trưởng IIP 9 tháng",
            href: None,
            labels: true,
        });
        std::fs::write(out.join(format!("map_{version}.svg")), svg)?;
    }
    let bars: Vec<Bar> = [
        "Bắc Giang",
        "Vĩnh Phúc",
        "Thanh Hóa",
        "Bắc Ninh",
        "Hà Nội",
        "Cao Bằng",
    ]
    .iter()
    .zip([44.2, 15.06, 16.03, 11.75, 8.6, -3.1])
    .map(|(l, v)| Bar {
        label: (*l).into(),
        value: Some(v),
        href: None,
    })
    .collect();
    let refs = [
        Reference {
            label: "Cả nước 9,6 %".into(),
            value: 9.59,
        },
        Reference {
            label: "Ngưỡng 11 %".into(),
            value: 11.0,
        },
    ];
    std::fs::write(
        out.join("bars.svg"),
        ranking(&Ranking {
            title: "Xếp hạng",
            bars: &bars,
            references: &refs,
            lang: Lang::Vi,
            decimals: 1,
            unit: Unit::Percent,
            scale: &ColorScale::growth(),
        }),
    )?;
    let a: Vec<Option<f64>> = (0..60)
        .map(|t| Some(100.0 + t as f64 * 0.8 + 10.0 * ((t % 12) as f64 / 2.0).sin()))
        .collect();
    let b: Vec<Option<f64>> = (0..60)
        .map(|t| {
            if t == 20 {
                None
            } else {
                Some(98.0 + t as f64 * 0.9)
            }
        })
        .collect();
    let lines = [
        Line {
            label: "Bắc Ninh".into(),
            values: a,
            dashed: false,
        },
        Line {
            label: "Cả nước (GSO công bố)".into(),
            values: b,
            dashed: true,
        },
    ];
    std::fs::write(
        out.join("line.svg"),
        line_chart(&LineChart {
            title: "IIP",
            first: "2018-01".parse().map_err(std::io::Error::other)?,
            lines: &lines,
            baseline: Some(100.0),
            lang: Lang::Vi,
            decimals: 0,
        }),
    )?;
    Ok(())
}
