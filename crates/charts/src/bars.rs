//! Horizontal ranking bars: one bar per area, sorted by the caller, with
//! reference lines (the national rate, a threshold such as 11 %).

use congthuong_core::Lang;
use congthuong_core::display::{number, signed_percent};

use crate::scale::ColorScale;
use crate::svg::{Svg, esc, n};

/// One bar.
#[derive(Clone, Debug)]
pub struct Bar {
    /// The label on the left (a province name).
    pub label: String,
    /// The value; `None` draws no bar and "–".
    pub value: Option<f64>,
    /// Where a click on the label goes, if anywhere.
    pub href: Option<String>,
}

/// A vertical reference line.
#[derive(Clone, Debug)]
pub struct Reference {
    /// Its label ("Cả nước 9,6 %").
    pub label: String,
    /// Where it stands.
    pub value: f64,
}

/// How values are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Growth in percent, with its sign.
    Percent,
    /// A plain number.
    Plain,
}

/// A ranking chart.
#[derive(Clone, Debug)]
pub struct Ranking<'a> {
    /// The accessible title.
    pub title: &'a str,
    /// Bars, top to bottom.
    pub bars: &'a [Bar],
    /// Reference lines.
    pub references: &'a [Reference],
    /// Language of numbers.
    pub lang: Lang,
    /// Decimals shown.
    pub decimals: usize,
    /// How values are written.
    pub unit: Unit,
    /// Bar colours by value.
    pub scale: &'a ColorScale,
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 150.0;
const VALUE_W: f64 = 70.0;
const ROW: f64 = 20.0;
const TOP: f64 = 28.0;

/// Renders the chart.
pub fn ranking(r: &Ranking) -> String {
    let values: Vec<f64> = r
        .bars
        .iter()
        .filter_map(|b| b.value)
        .chain(r.references.iter().map(|x| x.value))
        .filter(|v| v.is_finite())
        .collect();
    let lo = values.iter().copied().fold(0.0f64, f64::min);
    let hi = values.iter().copied().fold(0.0f64, f64::max).max(lo + 1e-9);
    let plot_x = LABEL_W + 8.0;
    let plot_w = WIDTH - plot_x - VALUE_W;
    let x = |v: f64| plot_x + (v - lo) / (hi - lo) * plot_w;
    let height = TOP + ROW * r.bars.len() as f64 + 12.0;
    let fmt = |v: Option<f64>| match r.unit {
        Unit::Percent => signed_percent(v, r.decimals, r.lang),
        Unit::Plain => number(v, r.decimals, r.lang),
    };
    let mut svg = Svg::new(WIDTH, height, r.title, "chart ranking");
    for (i, b) in r.bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let label = if let Some(href) = &b.href {
            format!(
                r##"<a href="{}"><text x="{}" y="{}" text-anchor="end" fill="#1a4f8b">{}</text></a>"##,
                esc(href),
                n(LABEL_W),
                n(y + 14.0),
                esc(&b.label)
            )
        } else {
            format!(
                r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
                n(LABEL_W),
                n(y + 14.0),
                esc(&b.label)
            )
        };
        svg.raw(&label);
        if let Some(v) = b.value.filter(|v| v.is_finite()) {
            let (a, z) = (x(0.0_f64.max(lo)).min(x(v)), x(0.0_f64.max(lo)).max(x(v)));
            svg.rect_titled(
                a,
                y + 3.0,
                z - a,
                ROW - 6.0,
                &format!(r#"fill="{}""#, r.scale.color(Some(v))),
                &format!("{}: {}", b.label, fmt(Some(v))),
            );
        }
        svg.text(
            WIDTH - 4.0,
            y + 14.0,
            "end",
            r#"font-variant-numeric="tabular-nums""#,
            &fmt(b.value),
        );
    }
    if lo < 0.0 {
        svg.line(
            x(0.0),
            TOP - 4.0,
            x(0.0),
            height - 8.0,
            r##"stroke="#555" stroke-width="1""##,
        );
    }
    for (i, rf) in r.references.iter().enumerate() {
        let rx = x(rf.value);
        svg.line(
            rx,
            TOP - 6.0,
            rx,
            height - 8.0,
            r##"stroke="#c0392b" stroke-width="1.2" stroke-dasharray="4 3""##,
        );
        svg.text(
            rx,
            10.0 + 12.0 * (i % 2) as f64,
            "middle",
            r##"fill="#c0392b" font-size="11""##,
            &rf.label,
        );
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_bar_with_its_value_and_escapes_labels() {
        let bars = vec![
            Bar {
                label: "Bắc Giang".into(),
                value: Some(44.2),
                href: Some("/tinh/24?a=1&b=2".into()),
            },
            Bar {
                label: "<Hà Nội>".into(),
                value: Some(8.6),
                href: None,
            },
            Bar {
                label: "Kon Tum".into(),
                value: None,
                href: None,
            },
            Bar {
                label: "Trà Vinh".into(),
                value: Some(-5.5),
                href: None,
            },
        ];
        let refs = vec![Reference {
            label: "Cả nước 9,6 %".into(),
            value: 9.59,
        }];
        let svg = ranking(&Ranking {
            title: "Xếp hạng",
            bars: &bars,
            references: &refs,
            lang: Lang::Vi,
            decimals: 1,
            unit: Unit::Percent,
            scale: &ColorScale::growth(),
        });
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("+44,2 %") && svg.contains("-5,5 %") && svg.contains(">–<"));
        assert!(svg.contains("&lt;Hà Nội&gt;") && svg.contains("?a=1&amp;b=2"));
        assert_eq!(
            svg.matches("<rect").count(),
            3,
            "no bar for a missing value"
        );
        assert_eq!(svg.matches("<rect").count(), svg.matches("</rect>").count());
        assert!(svg.contains("Cả nước 9,6 %"));
    }
}
