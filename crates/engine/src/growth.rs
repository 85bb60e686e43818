//! Growth in percent (contract, method step 7), all from index levels.
//!
//! Each comparison is a pair of sums over a window of months: the current
//! window and the comparison window. Month on month: I(t) against I(t−1);
//! year on year: I(t) against I(t−12); year to date: Σ I(y, 1..m) against
//! Σ I(y−1, 1..m). Growth is empty where a month of either window lies
//! outside the covered range, or the comparison sum is 0. Contributions
//! ([`crate::contributions`]) use the same windows.

use congthuong_core::Period;

use crate::contributions::Comparison;

/// The months `(current, comparison)` that `comparison` needs at month
/// index `t` of a series starting at `first`, as index ranges; `None` when
/// the comparison window starts before the series.
pub fn windows(
    first: Period,
    t: usize,
    comparison: Comparison,
) -> Option<(
    std::ops::RangeInclusive<usize>,
    std::ops::RangeInclusive<usize>,
)> {
    let back = |n: usize| t.checked_sub(n);
    match comparison {
        Comparison::Mom => back(1).map(|p| (t..=t, p..=p)),
        Comparison::Yoy => back(12).map(|p| (t..=t, p..=p)),
        Comparison::Ytd => {
            let months = first.add_months(t as i32).month() as usize;
            let start = back(months - 1)?;
            let prev_start = start.checked_sub(12)?;
            Some((start..=t, prev_start..=t - 12))
        }
    }
}

/// `(Σ current window, Σ comparison window)` of one series.
pub fn window_sums(
    values: &[f64],
    first: Period,
    t: usize,
    comparison: Comparison,
) -> Option<(f64, f64)> {
    let (cur, prev) = windows(first, t, comparison)?;
    Some((values[cur].iter().sum(), values[prev].iter().sum()))
}

/// `100 × (current / comparison − 1)`, empty when the comparison is 0.
pub fn pct(current: f64, comparison: f64) -> Option<f64> {
    (comparison != 0.0).then(|| 100.0 * (current / comparison - 1.0))
}

/// Growth of a series at month index `t`.
pub fn growth(values: &[f64], first: Period, t: usize, comparison: Comparison) -> Option<f64> {
    window_sums(values, first, t, comparison).and_then(|(c, p)| pct(c, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn growth_needs_the_comparison_months() {
        let v: Vec<f64> = (0..26).map(|i| 100.0 + i as f64).collect();
        assert_eq!(growth(&v, p("2020-01"), 0, Comparison::Mom), None);
        assert!((growth(&v, p("2020-01"), 1, Comparison::Mom).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(growth(&v, p("2020-01"), 11, Comparison::Yoy), None);
        assert!((growth(&v, p("2020-01"), 12, Comparison::Yoy).unwrap() - 12.0).abs() < 1e-12);
        // 2021-03: (112+113+114)/(100+101+102)
        let ytd = growth(&v, p("2020-01"), 14, Comparison::Ytd).unwrap();
        assert!((ytd - 100.0 * (339.0 / 303.0 - 1.0)).abs() < 1e-12);
        // Series starting in March: 2021-03 YTD needs 2020-01, which is missing.
        assert_eq!(growth(&v, p("2020-03"), 12, Comparison::Ytd), None);
        assert!(growth(&v, p("2020-03"), 22, Comparison::Ytd).is_some()); // 2022-01
    }

    #[test]
    fn zero_comparison_gives_no_growth() {
        let v = [0.0, 5.0];
        assert_eq!(growth(&v, p("2020-01"), 1, Comparison::Mom), None);
    }
}
