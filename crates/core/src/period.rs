//! Periods: months written `YYYY-MM`, and what derives from them
//! (previous month, same month last year, year-to-date ranges, quarters).
//!
//! A [`Period`] is a calendar month. Internally it is the month ordinal
//! `year * 12 + (month - 1)`, so arithmetic is integer addition and periods
//! sort chronologically.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A calendar month.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period(i32);

impl Period {
    /// The month `year`-`month`. Years 1000–9999, months 1–12.
    pub fn new(year: i32, month: u32) -> Result<Self> {
        if !(1000..=9999).contains(&year) {
            return Err(Error::MalformedPeriod {
                input: format!("{year}-{month:02}"),
                reason: "year must have four digits",
            });
        }
        if !(1..=12).contains(&month) {
            return Err(Error::MalformedPeriod {
                input: format!("{year}-{month:02}"),
                reason: "month must be 01 to 12",
            });
        }
        Ok(Self(year * 12 + month as i32 - 1))
    }

    /// Parses exactly `YYYY-MM` from bytes (the hot path of file readers).
    pub fn parse_bytes(b: &[u8]) -> Result<Self> {
        let bad = |reason| Error::MalformedPeriod {
            input: String::from_utf8_lossy(b).into_owned(),
            reason,
        };
        if b.len() != 7 || b[4] != b'-' {
            return Err(bad("expected YYYY-MM"));
        }
        let digit = |c: u8| {
            if c.is_ascii_digit() {
                Ok(i32::from(c - b'0'))
            } else {
                Err(bad("expected YYYY-MM"))
            }
        };
        let year = digit(b[0])? * 1000 + digit(b[1])? * 100 + digit(b[2])? * 10 + digit(b[3])?;
        let month = digit(b[5])? * 10 + digit(b[6])?;
        if !(1..=12).contains(&month) {
            return Err(bad("month must be 01 to 12"));
        }
        if year < 1000 {
            return Err(bad("year must have four digits"));
        }
        Ok(Self(year * 12 + month - 1))
    }

    /// The period with the given month ordinal (`year * 12 + month - 1`).
    pub const fn from_ordinal(ordinal: i32) -> Self {
        Self(ordinal)
    }

    /// `year * 12 + month - 1`.
    pub const fn ordinal(self) -> i32 {
        self.0
    }

    /// The calendar year.
    pub const fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month, 1–12.
    pub const fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }

    /// `n` months later (earlier when negative).
    pub const fn add_months(self, n: i32) -> Self {
        Self(self.0 + n)
    }

    /// The previous month.
    pub const fn prev(self) -> Self {
        self.add_months(-1)
    }

    /// The next month.
    pub const fn next(self) -> Self {
        self.add_months(1)
    }

    /// The same month of the previous year.
    pub const fn same_month_last_year(self) -> Self {
        self.add_months(-12)
    }

    /// Number of months from `self` to `later` (negative if `later` is before).
    pub const fn months_until(self, later: Period) -> i32 {
        later.0 - self.0
    }

    /// January to this month of the same year.
    pub fn year_to_date(self) -> PeriodRange {
        PeriodRange::new(Period(self.year() * 12), self)
    }

    /// The same months of the previous year as [`Period::year_to_date`].
    pub fn year_to_date_last_year(self) -> PeriodRange {
        self.same_month_last_year().year_to_date()
    }

    /// The quarter this month falls in.
    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year(),
            q: (self.month() - 1) / 3 + 1,
        }
    }

    /// The twelve months of `year`.
    pub fn year_range(year: i32) -> PeriodRange {
        PeriodRange::new(Period(year * 12), Period(year * 12 + 11))
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse_bytes(s.trim().as_bytes())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An inclusive range of months, `first..=last`; empty when `last < first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeriodRange {
    /// The first month.
    pub first: Period,
    /// The last month (inclusive).
    pub last: Period,
}

impl PeriodRange {
    /// `first..=last`.
    pub const fn new(first: Period, last: Period) -> Self {
        Self { first, last }
    }

    /// Number of months in the range.
    pub fn len(&self) -> usize {
        usize::try_from(self.last.0 - self.first.0 + 1).unwrap_or(0)
    }

    /// True when the range holds no month.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `p` is in the range.
    pub fn contains(&self, p: Period) -> bool {
        self.first <= p && p <= self.last
    }

    /// The months in order.
    pub fn iter(&self) -> impl Iterator<Item = Period> + use<> {
        (self.first.0..=self.last.0).map(Period)
    }
}

impl fmt::Display for PeriodRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.first, self.last)
    }
}

/// A calendar quarter, written `YYYY-Qn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    q: u32,
}

impl Quarter {
    /// Quarter `q` (1–4) of `year`.
    pub fn new(year: i32, q: u32) -> Result<Self> {
        if !(1..=4).contains(&q) || !(1000..=9999).contains(&year) {
            return Err(Error::MalformedPeriod {
                input: format!("{year}-Q{q}"),
                reason: "expected YYYY-Q1 to YYYY-Q4",
            });
        }
        Ok(Self { year, q })
    }

    /// The year.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The quarter number, 1–4.
    pub const fn number(self) -> u32 {
        self.q
    }

    /// The three months of the quarter.
    pub fn months(self) -> PeriodRange {
        let first = Period(self.year * 12 + (self.q as i32 - 1) * 3);
        PeriodRange::new(first, first.add_months(2))
    }

    /// The previous quarter.
    pub fn prev(self) -> Self {
        if self.q == 1 {
            Self {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Self {
                year: self.year,
                q: self.q - 1,
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.q)
    }
}

impl FromStr for Quarter {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::MalformedPeriod {
            input: s.to_owned(),
            reason: "expected YYYY-Qn",
        };
        let (y, q) = s.trim().split_once("-Q").ok_or_else(bad)?;
        if y.len() != 4 || q.len() != 1 {
            return Err(bad());
        }
        Quarter::new(y.parse().map_err(|_| bad())?, q.parse().map_err(|_| bad())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_months() {
        assert_eq!(p("2022-09").to_string(), "2022-09");
        assert_eq!(p("2022-09").year(), 2022);
        assert_eq!(p("2022-09").month(), 9);
    }

    #[test]
    fn rejects_malformed_months() {
        for bad in [
            "2022-13",
            "2022-00",
            "2022-9",
            "22-09",
            "2022/09",
            "2022-09-01",
            "",
            "abcd-ef",
            "0999-01",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn january_steps_back_into_december() {
        assert_eq!(p("2025-01").prev(), p("2024-12"));
        assert_eq!(p("2024-12").next(), p("2025-01"));
        assert_eq!(p("2024-02").same_month_last_year(), p("2023-02"));
    }

    #[test]
    fn year_to_date_runs_from_january() {
        let r = p("2022-09").year_to_date();
        assert_eq!((r.first, r.last, r.len()), (p("2022-01"), p("2022-09"), 9));
        assert_eq!(
            p("2022-09").year_to_date_last_year(),
            PeriodRange::new(p("2021-01"), p("2021-09"))
        );
    }

    #[test]
    fn quarters_hold_three_months() {
        assert_eq!(p("2022-09").quarter().to_string(), "2022-Q3");
        assert_eq!(
            "2022-Q3".parse::<Quarter>().unwrap().months(),
            PeriodRange::new(p("2022-07"), p("2022-09"))
        );
        assert_eq!(
            "2022-Q1".parse::<Quarter>().unwrap().prev().to_string(),
            "2021-Q4"
        );
        assert!("2022-Q5".parse::<Quarter>().is_err());
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (1900i32..2100, 1u32..=12).prop_map(|(y, m)| Period::new(y, m).unwrap())
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(p in any_period()) {
            prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
        }

        #[test]
        fn next_undoes_prev(p in any_period()) {
            prop_assert_eq!(p.prev().next(), p);
            prop_assert_eq!(p.next().prev(), p);
            prop_assert!(p.prev() < p);
        }

        #[test]
        fn twelve_steps_back_is_same_month_last_year(p in any_period()) {
            let mut q = p;
            for _ in 0..12 { q = q.prev(); }
            prop_assert_eq!(q, p.same_month_last_year());
            prop_assert_eq!(q.month(), p.month());
            prop_assert_eq!(q.year() + 1, p.year());
        }

        #[test]
        fn add_months_is_additive(p in any_period(), a in -500i32..500, b in -500i32..500) {
            prop_assert_eq!(p.add_months(a).add_months(b), p.add_months(a + b));
            prop_assert_eq!(p.months_until(p.add_months(a)), a);
        }

        #[test]
        fn ytd_holds_month_many_months_and_matches_last_year(p in any_period()) {
            let r = p.year_to_date();
            prop_assert_eq!(r.len() as u32, p.month());
            prop_assert!(r.contains(p));
            prop_assert_eq!(r.first.month(), 1);
            prop_assert!(r.iter().all(|m| m.year() == p.year()));
            let l = p.year_to_date_last_year();
            prop_assert_eq!(l.len(), r.len());
            prop_assert!(l.iter().zip(r.iter()).all(|(a, b)| a.same_month_last_year() == a.add_months(-12) && b.same_month_last_year() == a));
        }

        #[test]
        fn every_month_is_in_its_quarter(p in any_period()) {
            let q = p.quarter();
            prop_assert!(q.months().contains(p));
            prop_assert_eq!(q.to_string().parse::<Quarter>().unwrap(), q);
        }
    }
}
