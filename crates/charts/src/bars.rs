//! Horizontal ranking bars: one bar per area, sorted by the caller, with
//! reference lines (the national rate, a threshold such as 11 %).
//!
//! Sized to be read on a phone: 460 user units wide with 13-unit text, so
//! at 352 px (a 390 px screen) text is 10 px. A value below zero is
//! written with its sign and its bar hatched (the scale's second encoding).

use congthuong_core::Lang;
use congthuong_core::display::{number, signed_percent};

use crate::fonts::text_width;
use crate::scale::ColorScale;
use crate::svg::{Svg, esc, n, uid};

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

/// The chart's width (user units).
pub const WIDTH: f64 = 460.0;
/// Text size (user units).
pub const TEXT: f64 = 13.0;
const LABEL_W: f64 = 132.0;
const VALUE_W: f64 = 64.0;
const ROW: f64 = 22.0;
const TOP: f64 = 44.0;

/// Cuts a label to fit `width` at the chart's text size ("…" at the end).
fn fit(label: &str, width: f64) -> String {
    if text_width(label, TEXT, false) <= width {
        return label.to_owned();
    }
    let mut out = String::new();
    for c in label.chars() {
        if text_width(&format!("{out}{c}…"), TEXT, false) > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

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
    let prefix = uid("bars", r.title);
    let mut svg = Svg::new(WIDTH, height, r.title, "chart ranking");
    svg.raw(&r.scale.defs(&prefix, 5.0));
    for (i, b) in r.bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let shown = fit(&b.label, LABEL_W - 2.0);
        let title = if shown == b.label {
            String::new()
        } else {
            format!("<title>{}</title>", esc(&b.label))
        };
        let label = if let Some(href) = &b.href {
            format!(
                r##"<a href="{}"><text x="{}" y="{}" text-anchor="end" fill="#1a4f8b">{title}{}</text></a>"##,
                esc(href),
                n(LABEL_W),
                n(y + 15.5),
                esc(&shown)
            )
        } else {
            format!(
                r#"<text x="{}" y="{}" text-anchor="end">{title}{}</text>"#,
                n(LABEL_W),
                n(y + 15.5),
                esc(&shown)
            )
        };
        svg.raw(&label);
        if let Some(v) = b.value.filter(|v| v.is_finite()) {
            let (a, z) = (x(0.0_f64.max(lo)).min(x(v)), x(0.0_f64.max(lo)).max(x(v)));
            let hatched = r.scale.hatched(Some(v));
            svg.rect_titled(
                a,
                y + 3.0,
                z - a,
                ROW - 6.0,
                &format!(
                    r#"fill="{}" data-hatched="{hatched}"{}"#,
                    r.scale.fill(Some(v), &prefix),
                    if hatched {
                        r##" stroke="#1d2731" stroke-width="0.6""##
                    } else {
                        ""
                    }
                ),
                &format!("{}: {}", b.label, fmt(Some(v))),
            );
        }
        svg.text(
            WIDTH - 4.0,
            y + 15.5,
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
            TOP - 6.0 - 16.0 * (1 - i % 2) as f64,
            rx,
            height - 8.0,
            r##"stroke="#b3261e" stroke-width="1.2" stroke-dasharray="4 3""##,
        );
        // The label beside its line, kept inside the chart.
        let w = text_width(&rf.label, TEXT, false);
        let lx = (rx - w / 2.0).clamp(2.0, WIDTH - 2.0 - w) + w / 2.0;
        svg.text(
            lx,
            14.0 + 16.0 * (i % 2) as f64,
            "middle",
            r##"fill="#b3261e""##,
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
            svg.matches("data-hatched=").count(),
            3,
            "no bar for a missing value"
        );
        assert_eq!(
            svg.matches("data-hatched=").count(),
            svg.matches("</rect>").count()
        );
        assert!(svg.contains("Cả nước 9,6 %"));
        // The decline is hatched, the growth not: more than hue differs.
        let bar = |name: &str| {
            svg.split("<rect ")
                .find(|r| r.contains(&format!("<title>{name}")))
                .unwrap()
                .split('>')
                .next()
                .unwrap()
                .to_owned()
        };
        assert!(
            bar("Trà Vinh").contains("data-hatched=\"true\"")
                && bar("Trà Vinh").contains("url(#bars")
        );
        assert!(
            bar("Bắc Giang").contains("data-hatched=\"false\"")
                && !bar("Bắc Giang").contains("url(")
        );
        assert!(!svg.contains(" width=\"460\""), "no fixed width");
    }
}
