//! Vietnamese lunisolar calendar (âm lịch) for `congthuong`.
//!
//! The Ministry of Industry and Trade's monthly statistics (for example the
//! index of industrial production) are distorted by Tết Nguyên Đán, which
//! moves between late January and mid February. This crate converts between
//! Gregorian ("solar") dates and Vietnamese lunar dates, and answers the one
//! question analysts ask most often: on which day, and in which month, does
//! Tết fall in a given year ([`tet`], [`tet_month`])?
//!
//! # Algorithm
//!
//! The calendar is computed astronomically, following Hồ Ngọc Đức's
//! description "Computing the Vietnamese lunar calendar" /
//! "Thuật toán tính âm lịch"
//! (<https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_en.html>),
//! which uses the series from Jean Meeus, *Astronomical Algorithms* (1998):
//!
//! 1. a lunar month begins on the (local) day containing the new moon;
//! 2. the month containing the winter solstice is month 11;
//! 3. if 13 new moons separate two consecutive months 11, the year is
//!    intercalary and the first month after the first solstice that contains
//!    no principal term (a multiple of 30° of solar longitude) is the leap
//!    month (*tháng nhuận*), numbered like the month before it;
//! 4. Tết is day 1 of month 1.
//!
//! This is an independent Rust implementation of that description, using
//! the simplified series he publishes for programmers (new moons to within
//! minutes; a new moon within minutes of local midnight could land on the
//! wrong day). From 1968 to 2100 it reproduces every Tết date and leap month
//! of his published year tables (`amlich-hnd.js`).
//!
//! # Time zone
//!
//! Days are reckoned at **UTC+7** (meridian 105° E), the basis of the
//! Vietnamese lunar calendar since North Vietnam's decree of 8 August 1967
//! (nationwide since 1976). Hence Vietnamese and Chinese (UTC+8) dates
//! sometimes differ: Tết 1985 was 1985-01-21 in Vietnam but 1985-02-20 in
//! China; 2007-02-17 vs 02-18; 2030-02-02 vs 02-03. Dates before 1968 are the
//! *proleptic* UTC+7 calendar, not the one then in use (which followed UTC+8
//! or older rules): e.g. Tết 1903, 1925, 1935 and 1965 come out one day
//! earlier than in Hồ Ngọc Đức's historical tables, and the leap months of
//! 1917, 1922 and 1938 differ.
//!
//! Gregorian dates are proleptic Gregorian, years 1 to 9999.
#![deny(missing_docs)]

use std::f64::consts::{PI, TAU};
use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// Local time zone of the calendar, in hours east of UTC (Vietnam, 105° E).
const TIME_ZONE: f64 = 7.0;
/// Approximate Julian date of new moon number 0 (January 1900), used only to
/// estimate which new moon is near a given day.
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// Mean synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// Years for which [`tet`] and [`tet_month`] give an answer.
pub const TET_YEARS: RangeInclusive<i32> = 1900..=2100;

/// A validated Gregorian calendar date (proleptic Gregorian, years 1–9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SolarDate {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a Gregorian date was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The year is outside 1..=9999.
    YearOutOfRange(i32),
    /// The month is not in 1..=12.
    InvalidMonth(u8),
    /// The day does not exist in that month (e.g. 30 February).
    InvalidDay {
        /// Year of the rejected date.
        year: i32,
        /// Month of the rejected date.
        month: u8,
        /// The day that does not exist.
        day: u8,
    },
    /// A string was not of the form `YYYY-MM-DD`.
    Malformed,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::YearOutOfRange(y) => write!(f, "year {y} is outside 1..=9999"),
            Self::InvalidMonth(m) => write!(f, "month {m} is not in 1..=12"),
            Self::InvalidDay { year, month, day } => {
                write!(f, "{year:04}-{month:02} has no day {day}")
            }
            Self::Malformed => f.write_str("expected a date of the form YYYY-MM-DD"),
        }
    }
}

impl std::error::Error for DateError {}

/// A year outside [`TET_YEARS`] was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeError {
    /// The rejected year.
    pub year: i32,
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "year {} is outside the supported {TET_YEARS:?}",
            self.year
        )
    }
}

impl std::error::Error for RangeError {}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Julian day number of a Gregorian date (no validation; year > -4800).
fn julian_day(year: i32, month: u8, day: u8) -> i64 {
    let a = i64::from(month <= 2);
    let y = i64::from(year) + 4800 - a;
    let m = i64::from(month) + 12 * a - 3;
    i64::from(day) + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}

impl SolarDate {
    /// Earliest supported year.
    pub const MIN_YEAR: i32 = 1;
    /// Latest supported year.
    pub const MAX_YEAR: i32 = 9999;

    /// Builds a date, rejecting impossible ones such as 2023-02-29.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(DateError::YearOutOfRange(year));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::InvalidMonth(month));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::InvalidDay { year, month, day });
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Julian day number (the day starting at noon UTC), e.g. 2451545 for
    /// 2000-01-01.
    pub fn to_julian_day(self) -> i64 {
        julian_day(self.year, self.month, self.day)
    }

    /// The date with the given Julian day number, if its year is 1–9999.
    pub fn from_julian_day(jd: i64) -> Option<Self> {
        let first = julian_day(Self::MIN_YEAR, 1, 1);
        let last = julian_day(Self::MAX_YEAR, 12, 31);
        if !(first..=last).contains(&jd) {
            return None;
        }
        // Inverse of `julian_day` (Fliegel & Van Flandern); all terms positive.
        let a = jd + 32044;
        let b = (4 * a + 3) / 146_097;
        let c = a - 146_097 * b / 4;
        let d = (4 * c + 3) / 1461;
        let e = c - 1461 * d / 4;
        let m = (5 * e + 2) / 153;
        let day = e - (153 * m + 2) / 5 + 1;
        let month = m + 3 - 12 * (m / 10);
        let year = 100 * b + d - 4800 + m / 10;
        Self::new(i32::try_from(year).ok()?, month as u8, day as u8).ok()
    }
}

impl fmt::Display for SolarDate {
    /// Formats as ISO 8601, `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for SolarDate {
    type Err = DateError;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, DateError> {
        let fields: Vec<&str> = s.split('-').collect();
        let [y, m, d] = fields[..] else {
            return Err(DateError::Malformed);
        };
        let bad = |_| DateError::Malformed;
        Self::new(
            y.parse().map_err(bad)?,
            m.parse().map_err(bad)?,
            d.parse().map_err(bad)?,
        )
    }
}

/// A date of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LunarDate {
    /// Lunar year, numbered like the Gregorian year in which its month 1 begins.
    pub year: i32,
    /// Month, 1–12 (a leap month repeats the number of the month before it).
    pub month: u8,
    /// Day of the month, 1–30.
    pub day: u8,
    /// Whether this is the leap (intercalary) month, *tháng nhuận*.
    pub leap: bool,
}

/// Local day (Julian day number, UTC+7) of the `k`-th new moon after
/// January 1900 (Meeus's series as abridged by Hồ Ngọc Đức).
fn new_moon_day(k: i64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries since 1900
    let (t2, t3) = (t * t, t * t * t);
    let mean = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * (166.56 + 132.87 * t - 0.009_173 * t2).to_radians().sin();
    let m = (359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3).to_radians();
    let mp = (306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3).to_radians();
    let f = (21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3).to_radians();
    // (coefficient, multiples of: sun's anomaly M, moon's anomaly M', latitude F)
    #[rustfmt::skip]
    let terms = [
        (0.1734 - 0.000_393 * t, 1.0, 0.0, 0.0), (0.0021, 2.0, 0.0, 0.0),
        (-0.4068, 0.0, 1.0, 0.0), (0.0161, 0.0, 2.0, 0.0), (-0.0004, 0.0, 3.0, 0.0),
        (0.0104, 0.0, 0.0, 2.0), (-0.0051, 1.0, 1.0, 0.0), (-0.0074, 1.0, -1.0, 0.0),
        (0.0004, 1.0, 0.0, 2.0), (-0.0004, -1.0, 0.0, 2.0), (-0.0006, 0.0, 1.0, 2.0),
        (0.0010, 0.0, -1.0, 2.0), (0.0005, 1.0, 2.0, 0.0),
    ];
    let correction: f64 = terms
        .iter()
        .map(|&(c, a, b, d)| c * (a * m + b * mp + d * f).sin())
        .sum();
    // Difference between dynamical and universal time, in days.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    let utc = mean + correction - delta_t;
    (utc + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// Which 30° sector (0–11, sector 9 starts at the winter solstice) the sun's
/// apparent longitude is in at local midnight starting day `jd` (Meeus, low
/// accuracy solar coordinates).
fn sun_sector(jd: i64) -> i64 {
    let t = (jd as f64 - 2_451_545.5 - TIME_ZONE / 24.0) / 36_525.0; // centuries since J2000
    let t2 = t * t;
    let m =
        (357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2).to_radians();
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let centre = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_290 * (3.0 * m).sin();
    let longitude = (l0 + centre).to_radians().rem_euclid(TAU);
    (longitude / PI * 6.0).floor() as i64
}

/// New-moon number and first day of the lunar month 11 that contains the
/// winter solstice of December `year`.
fn month_11(year: i32) -> (i64, i64) {
    let days = julian_day(year, 12, 31) as f64 - NEW_MOON_EPOCH;
    let k = (days / SYNODIC_MONTH).floor() as i64;
    let start = new_moon_day(k);
    if sun_sector(start) >= 9 {
        // That new moon is already past the solstice: month 11 is the one before.
        (k - 1, new_moon_day(k - 1))
    } else {
        (k, start)
    }
}

/// The lunar months from month 11 of one year up to (not including) month 11
/// of the next: months 11 and 12 of lunar year `year`, then 1–10 of `year + 1`.
struct Span {
    year: i32,
    /// New-moon number of month 11.
    k11: i64,
    /// Offset (from month 11) of the leap month, if the span has 13 months.
    leap: Option<i64>,
}

impl Span {
    fn new(year: i32) -> Self {
        let (k11, a11) = month_11(year);
        let (_, b11) = month_11(year + 1);
        let leap = (b11 - a11 > 365).then(|| {
            // First month whose start and end lie in the same solar sector,
            // i.e. which contains no principal term.
            (1..13)
                .find(|&i| {
                    sun_sector(new_moon_day(k11 + i)) == sun_sector(new_moon_day(k11 + i + 1))
                })
                .unwrap_or(13)
        });
        Self { year, k11, leap }
    }

    /// Lunar year, month and leap flag of the month `offset` months after month 11.
    fn label(&self, offset: i64) -> (i32, u8, bool) {
        let (n, leap) = match self.leap {
            Some(l) if offset >= l => (offset - 1, offset == l),
            _ => (offset, false),
        };
        let month = ((n + 10) % 12 + 1) as u8;
        let year = self.year + i32::from(month < 11); // 1-10 fall in the next year
        (year, month, leap)
    }

    /// Inverse of [`Span::label`]; `None` if the span has no such month.
    fn offset(&self, month: u8, leap: bool) -> Option<i64> {
        let n = (i64::from(month) + 1) % 12; // 11 -> 0, 12 -> 1, 1 -> 2, ...
        match self.leap {
            Some(l) if leap => (n == l - 1).then_some(l),
            Some(l) => Some(if n >= l { n + 1 } else { n }),
            None => (!leap).then_some(n),
        }
    }
}

/// Converts a Gregorian date to the Vietnamese lunar calendar.
///
/// ```
/// use congthuong_lunar::{solar_to_lunar, LunarDate, SolarDate};
/// let d = SolarDate::new(2025, 1, 29).unwrap();
/// assert_eq!(solar_to_lunar(d), LunarDate { year: 2025, month: 1, day: 1, leap: false });
/// ```
pub fn solar_to_lunar(date: SolarDate) -> LunarDate {
    let jd = date.to_julian_day();
    let mut k = ((jd as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    while new_moon_day(k) > jd {
        k -= 1;
    }
    while new_moon_day(k + 1) <= jd {
        k += 1;
    }
    let month_start = new_moon_day(k);
    let span_year = if month_start >= month_11(date.year).1 {
        date.year
    } else {
        date.year - 1
    };
    let span = Span::new(span_year);
    let (year, month, leap) = span.label(k - span.k11);
    let day = (jd - month_start + 1) as u8;
    LunarDate {
        year,
        month,
        day,
        leap,
    }
}

/// Converts a Vietnamese lunar date to the Gregorian calendar.
///
/// Returns `None` if the lunar date does not exist (month not 1–12, a leap
/// flag on a month that is not leap that year, day 30 of a 29-day month, …)
/// or falls outside the years supported by [`SolarDate`].
///
/// ```
/// use congthuong_lunar::{lunar_to_solar, LunarDate};
/// let tet = LunarDate { year: 1985, month: 1, day: 1, leap: false };
/// assert_eq!(lunar_to_solar(tet).unwrap().to_string(), "1985-01-21");
/// ```
pub fn lunar_to_solar(l: LunarDate) -> Option<SolarDate> {
    if !(1..=12).contains(&l.month)
        || !(1..=30).contains(&l.day)
        || !(SolarDate::MIN_YEAR - 1..=SolarDate::MAX_YEAR).contains(&l.year)
    {
        return None;
    }
    let span = Span::new(if l.month >= 11 { l.year } else { l.year - 1 });
    let k = span.k11 + span.offset(l.month, l.leap)?;
    let start = new_moon_day(k);
    if i64::from(l.day) > new_moon_day(k + 1) - start {
        return None;
    }
    SolarDate::from_julian_day(start + i64::from(l.day) - 1)
}

/// Gregorian date of Tết Nguyên Đán (day 1 of lunar month 1) in `year`.
///
/// ```
/// use congthuong_lunar::tet;
/// assert_eq!(tet(2007).unwrap().to_string(), "2007-02-17"); // China: 02-18
/// assert!(tet(2101).is_err());
/// ```
pub fn tet(year: i32) -> Result<SolarDate, RangeError> {
    if !TET_YEARS.contains(&year) {
        return Err(RangeError { year });
    }
    let new_year = LunarDate {
        year,
        month: 1,
        day: 1,
        leap: false,
    };
    Ok(lunar_to_solar(new_year).expect("every lunar year has a month 1"))
}

/// Gregorian month (1 = January, 2 = February) in which Tết falls in `year`.
pub fn tet_month(year: i32) -> Result<u8, RangeError> {
    tet(year).map(SolarDate::month)
}
