//! Line charts over months: index levels or growth rates over the years.
//!
//! Sized to be read on a phone (460 units wide, 13-unit text: 10 px at
//! 352 px). Lines differ in colour (Okabe and Ito's colour-blind-safe
//! palette) and in dash pattern, so they stay apart in grey too.

use congthuong_core::display::number;
use congthuong_core::{Lang, Period};

use crate::fonts::text_width;
use crate::svg::{Svg, esc, n};

/// Colours of successive lines: Okabe and Ito (2008), "Color Universal
/// Design", colour-blind safe.
pub const PALETTE: [&str; 6] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
];

/// Dash patterns of dashed lines, one per line so two dashed lines differ.
pub const DASHES: [&str; 4] = ["6 3", "2 2.5", "9 3 2 3", "4 4"];

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

const W: f64 = 460.0;
const H: f64 = 250.0;
const L: f64 = 44.0;
const R: f64 = 10.0;
const T: f64 = 12.0;
/// Space under the plot: the year labels; the legend comes below it.
const B: f64 = 30.0;
/// Text size.
const TEXT: f64 = 13.0;
/// A legend row's height.
const LEGEND_ROW: f64 = 20.0;

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
    // The legend: as many entries per row as fit.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, line) in c.lines.iter().enumerate() {
        let w = 26.0 + text_width(&line.label, TEXT, false) + 14.0;
        if used + w > W - L && !rows.last().is_some_and(Vec::is_empty) {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += w;
        if let Some(r) = rows.last_mut() {
            r.push(i);
        }
    }
    let height = H + LEGEND_ROW * rows.len() as f64 + 4.0;
    let mut svg = Svg::new(W, height, c.title, "chart line");
    let mut y = lo;
    while y <= hi + step / 2.0 {
        svg.line(L, py(y), W - R, py(y), r##"stroke="#e5e5e5""##);
        svg.text(
            L - 4.0,
            py(y) + 4.5,
            "end",
            r##"fill="#444""##,
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
    // Year ticks; a label every year when they fit, else every other.
    let years = (0..months)
        .filter(|t| c.first.add_months(*t as i32).month() == 1)
        .count()
        .max(1);
    let every = if (W - L - R) / years as f64 >= 40.0 {
        1
    } else {
        2
    };
    let mut k = 0;
    for t in 0..months {
        let p = c.first.add_months(t as i32);
        if p.month() == 1 {
            svg.line(px(t), H - B, px(t), H - B + 4.0, r##"stroke="#888""##);
            if k % every == 0 {
                svg.text(
                    px(t),
                    H - B + 18.0,
                    "middle",
                    r##"fill="#444""##,
                    &p.year().to_string(),
                );
            }
            k += 1;
        }
    }
    let mut dashes = DASHES.iter().cycle();
    let styles: Vec<(&str, &str)> = c
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                PALETTE[i % PALETTE.len()],
                if l.dashed {
                    dashes.next().copied().unwrap_or("6 3")
                } else {
                    ""
                },
            )
        })
        .collect();
    for (line, (color, dash)) in c.lines.iter().zip(&styles) {
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
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        svg.raw(&format!(r#"<path d="{d}" fill="none" stroke="{color}" stroke-width="1.8"{dash}><title>{}</title></path>"#, esc(&line.label)));
    }
    for (r, row) in rows.iter().enumerate() {
        let ly = H + 6.0 + LEGEND_ROW * r as f64 + 10.0;
        let mut lx = L;
        for i in row {
            let (color, dash) = styles[*i];
            let dash = if dash.is_empty() {
                String::new()
            } else {
                format!(r#" stroke-dasharray="{dash}""#)
            };
            svg.line(
                lx,
                ly - 4.5,
                lx + 22.0,
                ly - 4.5,
                &format!(r#"stroke="{color}" stroke-width="2.4"{dash}"#),
            );
            svg.text(lx + 26.0, ly, "start", "", &c.lines[*i].label);
            lx += 26.0 + text_width(&c.lines[*i].label, TEXT, false) + 14.0;
        }
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
                && svg.contains("stroke-dasharray=\"6 3\"")
                && svg.contains("GSO (công bố)")
        );
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(50.0), 10.0);
        assert_eq!(nice_step(12.0), 2.5);
    }
}
