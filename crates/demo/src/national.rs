//! The national index path the demo's provinces add up to.
//!
//! GSO's monthly year-on-year figures cannot simply be chained from 2015:
//! each calendar month would become its own chain, revisions would pile
//! up, and ten years on the seasonal pattern would be nonsense (June
//! above August by a fifth). Instead the log levels x(t) of 2015-01 …
//! 2025-02 are fitted by weighted least squares to three kinds of
//! equations:
//!
//! - x(t) − x(t−12) = ln(1 + yoy(t)), the calibration target, weight 10;
//! - x(t) − x(t−1) = ln(1 + mom(t)), the first-release month-on-month
//!   growth, weight 1, which keeps the seasonal pattern;
//! - the mean of 2015's x equals ln 100.
//!
//! Months whose fitted year-on-year growth misses the published one by
//! more than 0.6 point get a heavier weight and the fit is repeated; the
//! January–September 2022 year-to-date growth is pulled to GSO's 9.59 %
//! by shifting that year's targets. After 2025-02 (nothing published) the
//! path continues a year-on-year trend with the Tết shift of each year.

use congthuong_core::Period;

use crate::calendar::{FIRST, index, pre_tet, tet_shutdown};
use crate::published::{self, PROVINCIAL_TARGET_MONTH};
use crate::rng;

/// Year-on-year growth after the published series: 2025 and later.
fn trend_growth(p: Period) -> f64 {
    let base = if p.year() <= 2025 { 0.092 } else { 0.08 };
    // A fixed wobble (not seeded: the national path is the same for every seed).
    base + 0.008 * rng::normal(0x4e41_5449_4f4e, &[p.ordinal() as u64])
}

/// The Tết factor of the national level in month `p` (used only after the
/// published series ends).
fn tet_factor(p: Period) -> f64 {
    1.0 - 0.32 * tet_shutdown(p) + 0.04 * pre_tet(p)
}

/// Solves `a x = b` for a symmetric positive definite `a` (n × n, row-major).
fn cholesky_solve(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                l[i * n + i] = s.max(1e-12).sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * n + k] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= l[k * n + i] * x[k];
        }
        x[i] = s / l[i * n + i];
    }
    x
}

/// Adds w·(Σ c_i x_i − r)² to the normal equations.
fn add_equation(a: &mut [f64], b: &mut [f64], n: usize, terms: &[(usize, f64)], r: f64, w: f64) {
    for &(i, ci) in terms {
        b[i] += w * ci * r;
        for &(j, cj) in terms {
            a[i * n + j] += w * ci * cj;
        }
    }
}

fn ytd(levels: &[f64], month: Period) -> f64 {
    let t = index(month);
    let m = month.month() as usize;
    let cur: f64 = levels[t + 1 - m..=t].iter().sum();
    let prev: f64 = levels[t + 1 - m - 12..=t - 12].iter().sum();
    100.0 * (cur / prev - 1.0)
}

/// The fitted published stretch, 2015-01 … 2025-02, 2015 mean = 100.
fn fit_published() -> Vec<f64> {
    let series = published::national();
    let n = series.len();
    let yoy_weight_base = 10.0;
    let mut yoy_weight = vec![yoy_weight_base; n];
    let mut shift = 0.0;
    let target_ytd = published::national_month(PROVINCIAL_TARGET_MONTH)
        .and_then(|m| m.ytd_first)
        .expect("the published 2022-09 year-to-date figure");
    let mut levels = Vec::new();
    for _round in 0..40 {
        let mut a = vec![0.0; n * n];
        let mut b = vec![0.0; n];
        for (t, m) in series.iter().enumerate() {
            if t >= 12
                && let Some(y) = m.yoy_target()
            {
                let in_shift = m.period.year() == PROVINCIAL_TARGET_MONTH.year()
                    && m.period <= PROVINCIAL_TARGET_MONTH;
                let r = (1.0 + y / 100.0).ln() + if in_shift { shift } else { 0.0 };
                add_equation(
                    &mut a,
                    &mut b,
                    n,
                    &[(t, 1.0), (t - 12, -1.0)],
                    r,
                    yoy_weight[t],
                );
            }
            if t >= 1
                && let Some(g) = m.mom_first
            {
                add_equation(
                    &mut a,
                    &mut b,
                    n,
                    &[(t, 1.0), (t - 1, -1.0)],
                    (1.0 + g / 100.0).ln(),
                    1.0,
                );
            }
        }
        let gauge: Vec<(usize, f64)> = (0..12).map(|t| (t, 1.0 / 12.0)).collect();
        add_equation(&mut a, &mut b, n, &gauge, 100f64.ln(), 1.0);
        let x = cholesky_solve(&a, &b, n);
        levels = x.iter().map(|v| v.exp()).collect();
        let mut done = true;
        for (t, m) in series.iter().enumerate().skip(12) {
            if let Some(y) = m.yoy_target() {
                let fitted = 100.0 * (levels[t] / levels[t - 12] - 1.0);
                if (fitted - y).abs() > 0.6 {
                    yoy_weight[t] *= 2.0;
                    done = false;
                }
            }
        }
        let miss = target_ytd - ytd(&levels, PROVINCIAL_TARGET_MONTH);
        if miss.abs() > 0.02 {
            shift += (1.0 + miss / 100.0).ln();
            done = false;
        }
        if done {
            break;
        }
    }
    let mean: f64 = levels[..12].iter().sum::<f64>() / 12.0;
    levels.iter().map(|v| v * 100.0 / mean).collect()
}

/// The national index (2015 = 100) for every month from 2015-01 to `last`.
pub fn national_path(last: Period) -> Vec<f64> {
    let mut levels = fit_published();
    let mut p = FIRST.add_months(levels.len() as i32);
    while p <= last {
        let t = index(p);
        let back = p.same_month_last_year();
        let v = levels[t - 12] * (1.0 + trend_growth(p)) * tet_factor(p) / tet_factor(back);
        levels.push(v);
        p = p.next();
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fit_meets_the_published_growth_and_keeps_a_sane_season() {
        let last: Period = "2025-12".parse().unwrap();
        let n = national_path(last);
        assert_eq!(n.len(), 132);
        let mean15: f64 = n[..12].iter().sum::<f64>() / 12.0;
        assert!((mean15 - 100.0).abs() < 1e-9);
        let mut within = 0;
        let mut total = 0;
        for m in published::national().iter().skip(12) {
            let t = index(m.period);
            let fitted = 100.0 * (n[t] / n[t - 12] - 1.0);
            total += 1;
            if (fitted - m.yoy_target().unwrap()).abs() <= 1.0 {
                within += 1;
            }
        }
        assert!(within * 10 >= total * 9, "{within} of {total}");
        assert!((ytd(&n, PROVINCIAL_TARGET_MONTH) - 9.59).abs() < 0.1);
        // No month jumps by more than 40 % (Tết months move by ~20 %).
        for t in 1..n.len() {
            let mom = n[t] / n[t - 1] - 1.0;
            assert!(mom.abs() < 0.4, "month {t}: {mom}");
        }
    }
}
