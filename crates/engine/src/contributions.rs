//! Contributions of children to their parent's growth, in percentage
//! points (contract, method step 8):
//!
//! C_k = 100 × W_k (I_k(t) − I_k(t′)) / Σ_h W_h I_h(t′)
//!
//! over the children h in the parent's mean, with the window sums of
//! [`crate::growth::windows`] in place of I(t) and I(t′) for `ytd`. They
//! add up to the parent's growth. Empty where the comparison window is
//! missing or the denominator is 0.

use congthuong_core::Period;

use crate::growth::windows;

/// The comparison a growth rate or contribution is made against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Comparison {
    /// The previous month.
    Mom,
    /// The same month of the previous year.
    Yoy,
    /// The same months (January to this one) of the previous year.
    Ytd,
}

impl Comparison {
    /// All three, in output order.
    pub const ALL: [Comparison; 3] = [Comparison::Mom, Comparison::Yoy, Comparison::Ytd];

    /// The name used in the output files.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::Mom => "mom",
            Comparison::Yoy => "yoy",
            Comparison::Ytd => "ytd",
        }
    }
}

/// Contributions of each child (weight, index series) at every month.
/// The result has one series per child, in the order given.
pub fn contributions(
    children: &[(f64, &[f64])],
    first: Period,
    n_periods: usize,
    comparison: Comparison,
) -> Vec<Vec<Option<f64>>> {
    let mut out = vec![vec![None; n_periods]; children.len()];
    // The windows depend on the month only; the sums are reused across months.
    let mut sums: Vec<(f64, f64)> = Vec::with_capacity(children.len());
    // `t` addresses the same month across every child's series.
    #[allow(clippy::needless_range_loop)]
    for t in 0..n_periods {
        let Some((cur, prev)) = windows(first, t, comparison) else {
            continue;
        };
        sums.clear();
        sums.extend(children.iter().map(|(_, s)| {
            (
                s[cur.clone()].iter().sum::<f64>(),
                s[prev.clone()].iter().sum::<f64>(),
            )
        }));
        let denominator: f64 = children
            .iter()
            .zip(&sums)
            .map(|((w, _), (_, prev))| w * prev)
            .sum();
        if denominator == 0.0 {
            continue;
        }
        for (k, ((w, _), (cur, prev))) in children.iter().zip(&sums).enumerate() {
            out[k][t] = Some(100.0 * w * (cur - prev) / denominator);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixture f05: two provinces, weights 300 and 100, levels 120 → 132
    /// and 80 → 100: contributions 8.18 and 4.55 pp, summing to 12.73 %.
    #[test]
    fn f05_contributions_use_comparison_period_levels() {
        let x = [120.0, 132.0];
        let y = [80.0, 100.0];
        let c = contributions(
            &[(300.0, &x), (100.0, &y)],
            "2020-01".parse().unwrap(),
            2,
            Comparison::Mom,
        );
        assert!((c[0][1].unwrap() - 8.181818181818182).abs() < 1e-12);
        assert!((c[1][1].unwrap() - 4.545454545454546).abs() < 1e-12);
        assert!((c[0][1].unwrap() + c[1][1].unwrap() - 12.727272727272727).abs() < 1e-12);
        assert_eq!(c[0][0], None);
    }
}
