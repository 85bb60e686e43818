//! Calendar dates and instants, without a clock.
//!
//! [`Date`] is a day of the proleptic Gregorian calendar, written
//! `YYYY-MM-DD`, stored as a day number so differences are exact integers
//! ("days of slip"). [`Timestamp`] is a UTC instant in whole seconds,
//! written RFC 3339 (`2026-11-26T08:00:00Z`), used for the *when* of a
//! change. Nothing in this module reads the system clock: callers pass
//! `today` and `now` in, which is what makes every status rule testable.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A calendar day, 1900-01-01 to 2200-12-31.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// The earliest year accepted.
    pub const MIN_YEAR: i32 = 1900;
    /// The latest year accepted.
    pub const MAX_YEAR: i32 = 2200;

    /// A date from its parts; rejects days that do not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self> {
        let input = || format!("{year:04}-{month:02}-{day:02}");
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(Error::invalid_date(
                input(),
                "the year must be 1900 to 2200",
                "năm phải từ 1900 đến 2200",
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(Error::invalid_date(
                input(),
                "the month must be 01 to 12",
                "tháng phải từ 01 đến 12",
            ));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(Error::invalid_date(
                input(),
                "no such day in that month",
                "tháng đó không có ngày này",
            ));
        }
        Ok(Self(days_from_civil(year, month, day)))
    }

    /// Parses `YYYY-MM-DD` (ISO 8601) or `DD/MM/YYYY` (as Vietnamese
    /// documents write dates).
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        let num = |p: &str| -> Option<u32> {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let bad = || {
            Error::invalid_date(
                t,
                "expected YYYY-MM-DD (or DD/MM/YYYY)",
                "cần dạng YYYY-MM-DD (năm-tháng-ngày) hoặc DD/MM/YYYY",
            )
        };
        let parts: Vec<&str>;
        let (y, m, d) = if t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-' {
            parts = t.split('-').collect();
            (num(parts[0]), num(parts[1]), num(parts[2]))
        } else if t.contains('/') {
            parts = t.split('/').collect();
            if parts.len() != 3 || parts[2].len() != 4 {
                return Err(bad());
            }
            (num(parts[2]), num(parts[1]), num(parts[0]))
        } else {
            return Err(bad());
        };
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) => Self::from_ymd(y as i32, m, d),
            _ => Err(bad()),
        }
    }

    /// The date of a day number counted from 1970-01-01 (day 0), if in range.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let lo = i64::from(days_from_civil(Self::MIN_YEAR, 1, 1));
        let hi = i64::from(days_from_civil(Self::MAX_YEAR, 12, 31));
        (lo..=hi).contains(&days).then_some(Self(days as i32))
    }

    /// The day number counted from 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        i64::from(self.0)
    }

    /// Excel's serial day number (1900 date system, as Excel counts it:
    /// serial 1 is 1900-01-01 and serials from 61 on are one day late
    /// because of Excel's phantom 1900-02-29). Fractions (times) are
    /// dropped.
    pub fn from_excel_serial(serial: f64) -> Option<Self> {
        if !serial.is_finite() || serial < 61.0 {
            return None;
        }
        // 1899-12-30 is serial 0 for every serial from 61 on.
        let base = days_from_civil(1899, 12, 30);
        Self::from_days_since_epoch(i64::from(base) + serial.floor() as i64)
    }

    /// The year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// `self − earlier` in days (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// The date `n` days later (earlier for negative `n`), if in range.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Self::from_days_since_epoch(i64::from(self.0) + n)
    }

    /// `DD/MM/YYYY`, as Vietnamese text writes dates.
    pub fn to_vi(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}/{m:02}/{y:04}")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A UTC instant in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// Vietnam's offset from UTC, in seconds (UTC+7, no daylight saving).
    pub const VIETNAM_OFFSET_SECONDS: i64 = 7 * 3600;

    /// From seconds since the Unix epoch.
    pub fn from_unix(seconds: i64) -> Self {
        Self(seconds)
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// The calendar day of this instant in Vietnam (UTC+7): what "today"
    /// means to a user in Hà Nội.
    pub fn date_in_vietnam(self) -> Option<Date> {
        Date::from_days_since_epoch((self.0 + Self::VIETNAM_OFFSET_SECONDS).div_euclid(86_400))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        let bad = || {
            Error::invalid_date(
                t,
                "expected an instant YYYY-MM-DDTHH:MM:SSZ",
                "cần thời điểm dạng YYYY-MM-DDTHH:MM:SSZ",
            )
        };
        if t.len() != 20 || !t.ends_with('Z') || t.as_bytes()[10] != b'T' {
            return Err(bad());
        }
        let date = Date::parse(&t[..10]).map_err(|_| bad())?;
        let field = |r: std::ops::Range<usize>, max: i64| -> Option<i64> {
            let p = &t[r];
            (p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<i64>().ok())
                .flatten()
                .filter(|v| *v <= max)
        };
        match (field(11..13, 23), field(14..16, 59), field(17..19, 59)) {
            (Some(h), Some(m), Some(sec)) if &t[13..14] == ":" && &t[16..17] == ":" => Ok(Self(
                date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + sec,
            )),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days as i32);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_iso_and_vietnamese_forms() {
        assert_eq!(d("2025-07-01"), d("01/07/2025"));
        assert_eq!(d("2025-07-01").days_since_epoch(), 20_270);
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        for bad in [
            "2025-02-29",
            "2024-13-01",
            "2024-1-01",
            "",
            "1/7/25",
            "2025-07-01x",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn differences_are_whole_days() {
        assert_eq!(d("2025-03-01").days_since(d("2025-02-28")), 1);
        assert_eq!(d("2024-03-01").days_since(d("2024-02-28")), 2);
        assert_eq!(d("2025-01-01").days_since(d("2026-01-01")), -365);
    }

    #[test]
    fn excel_serials_match_excel() {
        // Excel shows serial 45658 as 2025-01-01 and 61 as 1900-03-01.
        assert_eq!(Date::from_excel_serial(45_658.0), Some(d("2025-01-01")));
        assert_eq!(Date::from_excel_serial(45_658.75), Some(d("2025-01-01")));
        assert_eq!(Date::from_excel_serial(61.0), Some(d("1900-03-01")));
        assert_eq!(Date::from_excel_serial(f64::NAN), None);
    }

    #[test]
    fn timestamps_round_trip_and_give_the_vietnamese_day() {
        let t = Timestamp::parse("2026-11-26T18:30:05Z").unwrap();
        assert_eq!(t.to_string(), "2026-11-26T18:30:05Z");
        // 18:30 UTC is already 01:30 the next day in Hà Nội.
        assert_eq!(t.date_in_vietnam(), Some(d("2026-11-27")));
        assert!(Timestamp::parse("2026-11-26T24:00:00Z").is_err());
    }

    proptest! {
        #[test]
        fn day_numbers_round_trip(n in -25_567i64..84_000) {
            let date = Date::from_days_since_epoch(n).unwrap();
            prop_assert_eq!(Date::parse(&date.to_string()).unwrap(), date);
            prop_assert_eq!(Date::parse(&date.to_vi()).unwrap(), date);
            prop_assert_eq!(date.days_since_epoch(), n);
        }
    }
}
