//! Classed colour scales for choropleths and bars, with a second encoding.
//!
//! Classes, not a continuous ramp: a reader can match a province's colour
//! to a legend entry ("11–20 %") exactly. The growth scale is diverging
//! around 0 with a break at the conference's 11 % threshold, in Paul Tol's
//! colour-blind-safe "sunset" scheme (P. Tol, *Colour Schemes*, SRON
//! technical note SRON/EPS/TN/09-002, issue 3.2, 2021): blues for growth,
//! orange and red for decline. Every class below zero is also **hatched**
//! (dark diagonal lines over the colour), so +44 % and −15 % differ in
//! pattern and lightness, not only in hue, for every reader and in a
//! black-and-white print. A test checks the classes stay apart under
//! simulated protanopia, deuteranopia and tritanopia.

use std::fmt::Write;

use congthuong_core::Lang;
use congthuong_core::display::number;

/// Colour for areas without a figure.
pub const NO_DATA: &str = "#d9d9d9";

/// The hatch's line colour.
pub const HATCH_INK: &str = "#1d2731";

/// Upper bounds (exclusive) of each class but the last, with one colour per
/// class; classes whose upper bound is at most `hatch_below` are hatched.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorScale {
    breaks: Vec<f64>,
    colors: Vec<&'static str>,
    hatch_below: Option<f64>,
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The class's colour.
    pub color: &'static str,
    /// Hatched (below zero).
    pub hatched: bool,
    /// "11 – 20 %".
    pub label: String,
}

impl ColorScale {
    /// A scale with `breaks.len() + 1` classes, none hatched. Returns
    /// `None` unless the breaks increase and there is one more colour than
    /// breaks.
    pub fn new(breaks: Vec<f64>, colors: Vec<&'static str>) -> Option<Self> {
        (colors.len() == breaks.len() + 1 && breaks.windows(2).all(|w| w[0] < w[1])).then_some(
            Self {
                breaks,
                colors,
                hatch_below: None,
            },
        )
    }

    /// Growth in percent: below −10 and −10–0 in red and orange (hatched),
    /// then 0–5, 5–11, 11–20, 20–30, 30+ in blues (Tol's "sunset").
    pub fn growth() -> Self {
        Self {
            breaks: vec![-10.0, 0.0, 5.0, 11.0, 20.0, 30.0],
            colors: vec![
                "#dd3d2d", "#fdb366", "#c2e4ef", "#98cae1", "#6ea6cd", "#4a7bb7", "#364b9a",
            ],
            hatch_below: Some(0.0),
        }
    }

    /// Two classes around zero (contributions): orange and hatched below,
    /// blue above.
    pub fn sign() -> Self {
        Self {
            breaks: vec![0.0],
            colors: vec!["#fdb366", "#6ea6cd"],
            hatch_below: Some(0.0),
        }
    }

    fn class(&self, v: Option<f64>) -> Option<usize> {
        match v {
            Some(v) if v.is_finite() => Some(self.breaks.iter().take_while(|b| v >= **b).count()),
            _ => None,
        }
    }

    fn class_hatched(&self, i: usize) -> bool {
        self.hatch_below
            .is_some_and(|h| i < self.breaks.len() && self.breaks[i] <= h)
    }

    /// The colour of a value (grey when missing).
    pub fn color(&self, v: Option<f64>) -> &'static str {
        self.class(v).map_or(NO_DATA, |i| self.colors[i])
    }

    /// Is the value's class hatched?
    pub fn hatched(&self, v: Option<f64>) -> bool {
        self.class(v).is_some_and(|i| self.class_hatched(i))
    }

    /// The `fill` of a value: its colour, or the hatch pattern of its class
    /// (defined by [`ColorScale::defs`] with the same `prefix`).
    pub fn fill(&self, v: Option<f64>, prefix: &str) -> String {
        match self.class(v) {
            Some(i) if self.class_hatched(i) => format!("url(#{prefix}-h{i})"),
            Some(i) => self.colors[i].to_owned(),
            None => NO_DATA.to_owned(),
        }
    }

    /// `<defs>` with one hatch pattern per hatched class (ids `{prefix}-hN`);
    /// `spacing` is the distance between hatch lines in user units.
    pub fn defs(&self, prefix: &str, spacing: f64) -> String {
        let mut s = String::from("<defs>");
        for (i, c) in self.colors.iter().enumerate() {
            if self.class_hatched(i) {
                let _ = write!(
                    s,
                    r#"<pattern id="{prefix}-h{i}" patternUnits="userSpaceOnUse" width="{w}" height="{w}" patternTransform="rotate(45)"><rect width="{w}" height="{w}" fill="{c}"/><line x1="0" y1="0" x2="0" y2="{w}" stroke="{HATCH_INK}" stroke-width="{lw}" stroke-opacity="0.6"/></pattern>"#,
                    w = crate::svg::n(spacing),
                    lw = crate::svg::n(spacing * 0.3),
                );
            }
        }
        s.push_str("</defs>");
        s
    }

    /// Legend entries from the lowest class up.
    pub fn legend(&self, lang: Lang, unit: &str) -> Vec<LegendEntry> {
        let f = |x: f64| number(Some(x), 0, lang);
        let last = self.colors.len() - 1;
        self.colors
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let label = if i == 0 {
                    format!("< {}{unit}", f(self.breaks[0]))
                } else if i == last {
                    format!("≥ {}{unit}", f(self.breaks[i - 1]))
                } else {
                    format!("{} – {}{unit}", f(self.breaks[i - 1]), f(self.breaks[i]))
                };
                LegendEntry {
                    color: c,
                    hatched: self.class_hatched(i),
                    label,
                }
            })
            .collect()
    }

    /// The classes' colours, lowest first.
    pub fn colors(&self) -> &[&'static str] {
        &self.colors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_lower_inclusive() {
        let s = ColorScale::growth();
        assert_eq!(s.color(Some(11.0)), s.color(Some(19.99)));
        assert_ne!(s.color(Some(10.99)), s.color(Some(11.0)));
        assert_eq!(s.color(None), NO_DATA);
        assert_eq!(s.color(Some(f64::NAN)), NO_DATA);
        assert_eq!(s.legend(Lang::Vi, " %")[4].label, "11 – 20 %");
        assert!(ColorScale::new(vec![1.0, 0.0], vec!["a", "b", "c"]).is_none());
    }

    #[test]
    fn decline_is_hatched_growth_is_not() {
        let s = ColorScale::growth();
        for v in [-15.0, -0.01] {
            assert!(s.hatched(Some(v)), "{v}");
            assert!(s.fill(Some(v), "m").starts_with("url(#m-h"), "{v}");
        }
        for v in [0.0, 4.0, 44.0] {
            assert!(!s.hatched(Some(v)), "{v}");
            assert!(s.fill(Some(v), "m").starts_with('#'), "{v}");
        }
        let defs = s.defs("m", 5.0);
        assert_eq!(defs.matches("<pattern").count(), 2);
        assert!(defs.contains(r#"id="m-h0""#) && defs.contains(r#"id="m-h1""#));
        let legend = s.legend(Lang::En, " %");
        assert_eq!(legend.iter().filter(|e| e.hatched).count(), 2, "{legend:?}");
        assert!(ColorScale::sign().hatched(Some(-0.2)) && !ColorScale::sign().hatched(Some(0.2)));
    }

    // ---- colour-vision check ----------------------------------------
    // Machado, Oliveira and Fernandes (2009), "A physiologically-based
    // model for simulation of color vision deficiency", severity 1.0,
    // applied in linear sRGB; differences in CIELAB (ΔE*76).

    const SIMULATIONS: [(&str, [[f64; 3]; 3]); 4] = [
        (
            "normal",
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        ),
        (
            "protanopia",
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ),
        (
            "deuteranopia",
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
        ),
        (
            "tritanopia",
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ),
    ];

    fn lab(hex: &str, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let v = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let c = [v(0), v(1), v(2)];
        let s: Vec<f64> = (0..3)
            .map(|i| (0..3).map(|j| m[i][j] * c[j]).sum::<f64>().clamp(0.0, 1.0))
            .collect();
        let x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
        let y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
        let z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    fn delta(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// Any decline class and any growth class stay far apart (ΔE ≥ 25)
    /// and neighbouring classes distinct (ΔE ≥ 10), for normal vision and
    /// the three dichromacies. (The red–green scale this replaced put −15 %
    /// and +44 % 1.3 apart under protanopia.)
    #[test]
    fn the_growth_scale_is_colour_blind_safe() {
        let s = ColorScale::growth();
        let colors = s.colors();
        let negative: Vec<usize> = (0..colors.len()).filter(|i| s.class_hatched(*i)).collect();
        for (name, m) in &SIMULATIONS {
            let labs: Vec<[f64; 3]> = colors.iter().map(|c| lab(c, m)).collect();
            for w in labs.windows(2) {
                assert!(
                    delta(w[0], w[1]) >= 10.0,
                    "{name}: neighbours {:.1}",
                    delta(w[0], w[1])
                );
            }
            for i in &negative {
                for j in (0..colors.len()).filter(|j| !negative.contains(j)) {
                    let d = delta(labs[*i], labs[j]);
                    assert!(d >= 25.0, "{name}: {} vs {}: {d:.1}", colors[*i], colors[j]);
                }
            }
        }
        // The check can fail: the old red–green scale does.
        let old = ["#b2182b", "#006d2c"];
        let m = &SIMULATIONS[1].1;
        assert!(delta(lab(old[0], m), lab(old[1], m)) < 25.0);
    }
}
