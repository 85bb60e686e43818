//! Year-end projections from the months so far, and attainment of a plan.
//!
//! Two named methods, shown side by side:
//!
//! - **Share of last year** (*tỷ trọng cùng kỳ năm trước*): the months so
//!   far made up a share s = Σ_{m≤M} x(y−1, m) / Σ_{m≤12} x(y−1, m) of last
//!   year's total; the projected total is Σ_{m≤M} x(y, m) / s.
//! - **Recent growth carried forward** (*duy trì tốc độ tăng gần nhất*):
//!   the year-on-year rate r of the last `k` months (ratio of sums,
//!   default k = 3) is applied to the rest of last year:
//!   x(y, m) = x(y−1, m) × (1 + r) for m > M.
//!
//! `x` is a monthly level: an index (then the "total" is the sum of the
//! year's index levels and the projected growth is that sum over last
//! year's) or a value such as retail sales (then the total is the year's
//! value). For an index the share method projects the year-to-date growth
//! itself, by construction.

use congthuong_core::Period;

/// Which method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Method {
    /// Share of last year.
    ShareOfLastYear,
    /// Recent growth carried forward (over the last `k` months).
    RecentGrowth {
        /// Months averaged for the rate.
        months: u32,
    },
}

impl Method {
    /// The method's name in Vietnamese or English.
    pub fn name(self, lang: congthuong_core::Lang) -> String {
        match self {
            Method::ShareOfLastYear => lang
                .pick("Theo tỷ trọng cùng kỳ năm trước", "Share of last year")
                .to_owned(),
            Method::RecentGrowth { months } => match lang {
                congthuong_core::Lang::Vi => format!("Duy trì tốc độ tăng {months} tháng gần nhất"),
                congthuong_core::Lang::En => {
                    format!("Growth of the last {months} months carried forward")
                }
            },
        }
    }
}

/// A projection of the year's total.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Projection {
    /// How.
    pub method: Method,
    /// The year's projected total (sum of monthly levels or values).
    pub total: f64,
    /// Last year's total.
    pub last_year_total: f64,
    /// Projected growth of the year over the last, %.
    pub growth_pct: f64,
}

/// Projects year `period.year()` from its months up to `period`, given a
/// lookup of monthly levels. `None` when a needed month is missing or a
/// denominator is 0.
pub fn project(
    level: impl Fn(Period) -> Option<f64>,
    period: Period,
    method: Method,
) -> Option<Projection> {
    let months = period.month() as i32;
    let this = |m: i32| level(period.add_months(m - months));
    let last = |m: i32| level(period.add_months(m - months - 12));
    let so_far: f64 = (1..=months).map(this).sum::<Option<f64>>()?;
    let last_so_far: f64 = (1..=months).map(last).sum::<Option<f64>>()?;
    let last_year_total: f64 = (1..=12).map(last).sum::<Option<f64>>()?;
    if last_year_total == 0.0 {
        return None;
    }
    let total = match method {
        Method::ShareOfLastYear => {
            if last_so_far == 0.0 {
                return None;
            }
            so_far / (last_so_far / last_year_total)
        }
        Method::RecentGrowth { months: k } => {
            let k = (k.max(1) as i32).min(months);
            let recent: f64 = (months - k + 1..=months).map(this).sum::<Option<f64>>()?;
            let recent_last: f64 = (months - k + 1..=months).map(last).sum::<Option<f64>>()?;
            if recent_last == 0.0 {
                return None;
            }
            let rate = recent / recent_last;
            so_far + (months + 1..=12).map(last).sum::<Option<f64>>()? * rate
        }
    };
    Some(Projection {
        method,
        total,
        last_year_total,
        growth_pct: 100.0 * (total / last_year_total - 1.0),
    })
}

/// How far a plan is met.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Attainment {
    /// Achieved so far: the value to date as % of a level target, or the
    /// growth to date minus a growth target (pp).
    pub so_far: f64,
    /// Projected: % of a level target, or projected growth minus the target (pp).
    pub projected: f64,
    /// Whether the projection meets the target.
    pub on_track: bool,
}

/// Attainment of a level target (e.g. retail sales of the year).
pub fn level_attainment(so_far: f64, projected_total: f64, target: f64) -> Option<Attainment> {
    (target > 0.0).then(|| Attainment {
        so_far: 100.0 * so_far / target,
        projected: 100.0 * projected_total / target,
        on_track: projected_total >= target,
    })
}

/// Attainment of a growth target (e.g. IIP +10 % for the year), in points.
pub fn growth_attainment(
    growth_so_far: f64,
    projected_growth: f64,
    target_growth: f64,
) -> Attainment {
    Attainment {
        so_far: growth_so_far - target_growth,
        projected: projected_growth - target_growth,
        on_track: projected_growth >= target_growth,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(last: [f64; 12], this: &[f64]) -> impl Fn(Period) -> Option<f64> {
        let this = this.to_vec();
        move |p: Period| match p.year() {
            2021 => Some(last[p.month() as usize - 1]),
            2022 => this.get(p.month() as usize - 1).copied(),
            _ => None,
        }
    }

    /// Worked example: last year 100 a month except December 200 (total
    /// 1300); this year 110 a month for 9 months (990).
    #[test]
    fn both_methods_on_a_worked_example() {
        let mut last = [100.0; 12];
        last[11] = 200.0;
        let f = series(last, &[110.0; 9]);
        let sep: Period = "2022-09".parse().unwrap();
        // Share: 900 of 1300 were done by September → 990 / (900/1300) = 1430, +10 %.
        let share = project(&f, sep, Method::ShareOfLastYear).unwrap();
        assert!((share.total - 1430.0).abs() < 1e-9 && (share.growth_pct - 10.0).abs() < 1e-9);
        // Carry +10 % forward: 990 + 1.1 × (100 + 100 + 200) = 1430 too, here.
        let carry = project(&f, sep, Method::RecentGrowth { months: 3 }).unwrap();
        assert!((carry.total - 1430.0).abs() < 1e-9);
        // Recent months faster (last 3 at 120): rate 1.2 → 990 + 30 + 1.2 × 400 = 1500.
        let f = series(
            last,
            &[
                110.0, 110.0, 110.0, 110.0, 110.0, 110.0, 120.0, 120.0, 120.0,
            ],
        );
        let carry = project(&f, sep, Method::RecentGrowth { months: 3 }).unwrap();
        assert!((carry.total - (1020.0 + 480.0)).abs() < 1e-9);
        let share = project(&f, sep, Method::ShareOfLastYear).unwrap();
        assert!((share.total - 1020.0 / (900.0 / 1300.0)).abs() < 1e-9);
        assert_eq!(
            project(&f, "2022-10".parse().unwrap(), Method::ShareOfLastYear),
            None,
            "October is missing"
        );
    }

    #[test]
    fn attainment() {
        let a = level_attainment(700.0, 1050.0, 1000.0).unwrap();
        assert!(
            (a.so_far - 70.0).abs() < 1e-12 && (a.projected - 105.0).abs() < 1e-12 && a.on_track
        );
        let g = growth_attainment(9.0, 9.5, 10.0);
        assert!((g.projected + 0.5).abs() < 1e-12 && !g.on_track);
        assert_eq!(level_attainment(1.0, 1.0, 0.0), None);
    }
}
