//! Line charts over months: index levels or growth rates over the years.

use congthuong_core::display::number;
use congthuong_core::{Lang, Period};

use crate::svg::{Svg, esc, n};

/// Colours of successive lines (colour-blind safe).
pub const PALETTE: [&str; 6] = [
    "#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#666666",
];

/// One line.
#[derive(Clone, Debug)]
pub struct Line {
    /// Legend label.
    pub label: String,
    /// One value per month from the chart's first month; gaps break the line.
    pub values: Vec<Option<f64>>,
    /// Dashed (e.g. a published reference series beside a compiled one).
    pub dashed: bool,
}

/// A chart.
#[derive(Clone, Debug)]
pub struct LineChart<'a> {
    /// The accessible title.
    pub title: &'a str,
    /// The first month.
    pub first: Period,
    /// The lines.
    pub lines: &'a [Line],
    /// A horizontal reference (100 for levels, 0 for growth).
    pub baseline: Option<f64>,
    /// Language of numbers.
    pub lang: Lang,
    /// Decimals on the axis.
    pub decimals: usize,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const L: f64 = 48.0;
const R: f64 = 12.0;
const T: f64 = 14.0;
const B: f64 = 46.0;

fn nice_step(range: f64) -> f64 {
    let raw = range / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// Renders the chart.
pub fn line_chart(c: &LineChart) -> String {
    let months = c
        .lines
        .iter()
        .map(|l| l.values.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let vals: Vec<f64> = c
        .lines
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied())
        .chain(c.baseline)
        .filter(|v| v.is_finite())
        .collect();
    let (mut lo, mut hi) = (
        vals.iter().copied().fold(f64::INFINITY, f64::min),
        vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        hi = lo + 1.0;
    }
    let step = nice_step(hi - lo);
    let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let px = |t: usize| L + (W - L - R) * t as f64 / (months - 1) as f64;
    let py = |v: f64| T + (H - T - B) * (1.0 - (v - lo) / (hi - lo));
    let mut svg = Svg::new(W, H, c.title, "chart line");
    let mut y = lo;
    while y <= hi + step / 2.0 {
        svg.line(L, py(y), W - R, py(y), r##"stroke="#e5e5e5""##);
        svg.text(
            L - 4.0,
            py(y) + 4.0,
            "end",
            r##"fill="#555" font-size="10""##,
            &number(Some(y), c.decimals, c.lang),
        );
        y += step;
    }
    if let Some(b) = c.baseline {
        svg.line(
            L,
            py(b),
            W - R,
            py(b),
            r##"stroke="#888" stroke-width="1""##,
        );
    }
    for t in 0..months {
        let p = c.first.add_months(t as i32);
        if p.month() == 1 {
            svg.line(px(t), H - B, px(t), H - B + 4.0, r##"stroke="#888""##);
            svg.text(
                px(t),
                H - B + 16.0,
                "middle",
                r##"fill="#555" font-size="10""##,
                &p.year().to_string(),
            );
        }
    }
    for (i, line) in c.lines.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let mut d = String::new();
        let mut pen_down = false;
        for (t, v) in line.values.iter().enumerate() {
            match v.filter(|v| v.is_finite()) {
                Some(v) => {
                    d.push_str(&format!(
                        "{}{} {}",
                        if pen_down { "L" } else { "M" },
                        n(px(t)),
                        n(py(v))
                    ));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dash = if line.dashed {
            r#" stroke-dasharray="5 3""#
        } else {
            ""
        };
        svg.raw(&format!(r#"<path d="{d}" fill="none" stroke="{color}" stroke-width="1.6"{dash}><title>{}</title></path>"#, esc(&line.label)));
        let lx = L + 200.0 * (i % 3) as f64;
        let ly = H - 14.0 + if i >= 3 { 12.0 } else { 0.0 } - 6.0;
        svg.line(
            lx,
            ly - 4.0,
            lx + 18.0,
            ly - 4.0,
            &format!(r#"stroke="{color}" stroke-width="2"{dash}"#),
        );
        svg.text(lx + 22.0, ly, "start", r#"font-size="11""#, &line.label);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_break_lines_and_years_are_labelled() {
        let lines = vec![
            Line {
                label: "Bắc Ninh".into(),
                values: vec![Some(100.0), Some(105.0), None, Some(110.0)],
                dashed: false,
            },
            Line {
                label: "GSO (công bố)".into(),
                values: vec![Some(99.0), Some(101.0), Some(102.0), Some(108.0)],
                dashed: true,
            },
        ];
        let svg = line_chart(&LineChart {
            title: "IIP",
            first: "2021-11".parse().unwrap(),
            lines: &lines,
            baseline: Some(100.0),
            lang: Lang::Vi,
            decimals: 0,
        });
        let first_path = svg.split("<path d=\"").nth(1).unwrap();
        assert_eq!(
            first_path.split('"').next().unwrap().matches('M').count(),
            2,
            "the gap starts a new segment"
        );
        assert!(
            svg.contains(">2022<")
                && svg.contains("stroke-dasharray=\"5 3\"")
                && svg.contains("GSO (công bố)")
        );
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(50.0), 10.0);
        assert_eq!(nice_step(12.0), 2.5);
    }
}
