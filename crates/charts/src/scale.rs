//! Classed colour scales for choropleths and bars.
//!
//! Classes, not a continuous ramp: a reader can match a province's colour
//! to a legend entry ("11–20 %") exactly. The default growth scale is
//! diverging around 0 and puts a break at the conference's 11 % threshold.

use congthuong_core::Lang;
use congthuong_core::display::number;

/// Colour for areas without a figure.
pub const NO_DATA: &str = "#d9d9d9";

/// Upper bounds (exclusive) of each class but the last, with one colour per class.
#[derive(Clone, Debug, PartialEq)]
pub struct ColorScale {
    breaks: Vec<f64>,
    colors: Vec<&'static str>,
}

impl ColorScale {
    /// A scale with `breaks.len() + 1` classes. Returns `None` unless the
    /// breaks increase and there is one more colour than breaks.
    pub fn new(breaks: Vec<f64>, colors: Vec<&'static str>) -> Option<Self> {
        (colors.len() == breaks.len() + 1 && breaks.windows(2).all(|w| w[0] < w[1]))
            .then_some(Self { breaks, colors })
    }

    /// Growth in percent: below 0 in reds, then 0–5, 5–11, 11–20, 20–30, 30+ in greens.
    pub fn growth() -> Self {
        Self {
            breaks: vec![-10.0, 0.0, 5.0, 11.0, 20.0, 30.0],
            colors: vec![
                "#b2182b", "#ef8a62", "#e0f3db", "#a8ddb5", "#66c2a4", "#2ca25f", "#006d2c",
            ],
        }
    }

    /// The colour of a value (grey when missing).
    pub fn color(&self, v: Option<f64>) -> &'static str {
        match v {
            Some(v) if v.is_finite() => {
                self.colors[self.breaks.iter().take_while(|b| v >= **b).count()]
            }
            _ => NO_DATA,
        }
    }

    /// Legend entries: (colour, label) from the lowest class up.
    pub fn legend(&self, lang: Lang, unit: &str) -> Vec<(&'static str, String)> {
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
                (*c, label)
            })
            .collect()
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
        assert_eq!(s.legend(Lang::Vi, " %")[4].1, "11 – 20 %");
        assert!(ColorScale::new(vec![1.0, 0.0], vec!["a", "b", "c"]).is_none());
    }
}
