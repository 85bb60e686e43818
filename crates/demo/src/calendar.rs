//! Months of the model and the Tết calendar effect.
//!
//! Tết (the lunar new year, from `congthuong-lunar`) closes most factories
//! for one to two weeks and moves between late January and mid February;
//! in the weeks before it, shops sell more. [`tet_shutdown`] and
//! [`pre_tet`] say how much of a month falls in each window, so every
//! series of the demo dips and peaks in the month Tết actually falls in.

use congthuong_core::Period;
use congthuong_lunar::{SolarDate, tet};

/// The first month the demo covers (the base year 2015 starts it).
pub const FIRST: Period = Period::from_ordinal(2015 * 12);
/// The last month the model is always computed to (the demo's default end).
pub const DEFAULT_LAST: Period = Period::from_ordinal(2025 * 12 + 11);
/// The last month the demo can generate.
pub const LIMIT: Period = Period::from_ordinal(2030 * 12 + 11);
/// The weights' and quantities' base year.
pub const BASE_YEAR: i32 = 2015;

/// The month index of `p` counted from [`FIRST`].
pub fn index(p: Period) -> usize {
    FIRST.months_until(p) as usize
}

fn day(y: i32, m: u32, d: u8) -> i64 {
    SolarDate::new(y, m as u8, d)
        .expect("a valid calendar date")
        .to_julian_day()
}

/// Julian days [first, end) of a month.
fn month_days(p: Period) -> (i64, i64) {
    let next = p.next();
    (
        day(p.year(), p.month(), 1),
        day(next.year(), next.month(), 1),
    )
}

fn overlap(p: Period, from: i64, to: i64) -> f64 {
    let (a, b) = month_days(p);
    let days = (b.min(to) - a.max(from)).max(0);
    days as f64 / (b - a) as f64
}

fn tet_day(year: i32) -> i64 {
    tet(year)
        .expect("the demo's years are within the lunar calendar's range")
        .to_julian_day()
}

/// Share of the month inside the Tết shutdown (from five days before Tết
/// to nine days after it).
pub fn tet_shutdown(p: Period) -> f64 {
    [p.year(), p.year() + 1]
        .iter()
        .map(|&y| {
            let t = tet_day(y);
            overlap(p, t - 5, t + 10)
        })
        .sum()
}

/// Share of the month inside the shopping weeks before Tết (from thirty
/// to six days before it).
pub fn pre_tet(p: Period) -> f64 {
    [p.year(), p.year() + 1]
        .iter()
        .map(|&y| {
            let t = tet_day(y);
            overlap(p, t - 30, t - 5)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn the_shutdown_falls_in_the_month_of_tet() {
        // Tết 2015-02-19: the shutdown is 14 Feb – 28 Feb (15 of 28 days).
        assert!((tet_shutdown(p("2015-02")) - 15.0 / 28.0).abs() < 1e-12);
        assert_eq!(tet_shutdown(p("2015-01")), 0.0);
        assert_eq!(tet_shutdown(p("2015-03")), 0.0);
        // Tết 2020-01-25: 20 January – 3 February.
        assert!((tet_shutdown(p("2020-01")) - 12.0 / 31.0).abs() < 1e-12);
        assert!((tet_shutdown(p("2020-02")) - 3.0 / 29.0).abs() < 1e-12);
        // Tết 2023-01-22: mostly January.
        assert!(tet_shutdown(p("2023-01")) > 0.4);
        assert!(tet_shutdown(p("2023-02")) < 0.1);
        assert_eq!(tet_shutdown(p("2023-07")), 0.0);
        // The weeks before Tết 2023 are in late December 2022 and January.
        assert!(pre_tet(p("2023-01")) > 0.5);
        assert!(pre_tet(p("2022-12")) > 0.2);
        assert_eq!(index(p("2016-01")), 12);
    }
}
