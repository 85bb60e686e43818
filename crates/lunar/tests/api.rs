//! Validation, error and conversion behaviour of the public API.

use congthuong_lunar::{
    DateError, LunarDate, RangeError, SolarDate, TET_YEARS, lunar_to_solar, solar_to_lunar, tet,
    tet_month,
};

#[test]
fn solar_date_rejects_impossible_dates() {
    assert!(SolarDate::new(2024, 2, 29).is_ok());
    assert!(SolarDate::new(2000, 2, 29).is_ok());
    assert_eq!(
        SolarDate::new(2023, 2, 29),
        Err(DateError::InvalidDay {
            year: 2023,
            month: 2,
            day: 29
        })
    );
    assert!(SolarDate::new(1900, 2, 29).is_err());
    assert!(SolarDate::new(2025, 4, 31).is_err());
    assert!(SolarDate::new(2025, 1, 0).is_err());
    assert_eq!(
        SolarDate::new(2025, 13, 1),
        Err(DateError::InvalidMonth(13))
    );
    assert_eq!(SolarDate::new(0, 1, 1), Err(DateError::YearOutOfRange(0)));
    assert_eq!(
        SolarDate::new(10_000, 1, 1),
        Err(DateError::YearOutOfRange(10_000))
    );
}

#[test]
fn parse_and_display() {
    let d: SolarDate = "2025-01-29".parse().unwrap();
    assert_eq!((d.year(), d.month(), d.day()), (2025, 1, 29));
    assert_eq!(d.to_string(), "2025-01-29");
    for bad in ["", "2025-01", "2025-01-29-1", "2025-xx-01", "2025/01/29"] {
        assert_eq!(
            bad.parse::<SolarDate>(),
            Err(DateError::Malformed),
            "{bad:?}"
        );
    }
    assert!("2023-02-29".parse::<SolarDate>().is_err());
}

#[test]
fn julian_day_numbers() {
    let j2000 = SolarDate::new(2000, 1, 1).unwrap();
    assert_eq!(j2000.to_julian_day(), 2_451_545);
    assert_eq!(SolarDate::from_julian_day(2_451_545), Some(j2000));
    // 1582-10-15, first day of the Gregorian calendar.
    assert_eq!(
        SolarDate::new(1582, 10, 15).unwrap().to_julian_day(),
        2_299_161
    );
    let first = SolarDate::new(1, 1, 1).unwrap();
    let last = SolarDate::new(9999, 12, 31).unwrap();
    assert_eq!(
        SolarDate::from_julian_day(first.to_julian_day()),
        Some(first)
    );
    assert_eq!(SolarDate::from_julian_day(last.to_julian_day()), Some(last));
    assert_eq!(SolarDate::from_julian_day(first.to_julian_day() - 1), None);
    assert_eq!(SolarDate::from_julian_day(last.to_julian_day() + 1), None);
}

#[test]
fn tet_range_errors() {
    assert_eq!(*TET_YEARS.start(), 1900);
    assert_eq!(*TET_YEARS.end(), 2100);
    assert!(tet(1900).is_ok() && tet(2100).is_ok());
    assert_eq!(tet(1899), Err(RangeError { year: 1899 }));
    assert_eq!(tet(2101), Err(RangeError { year: 2101 }));
    assert_eq!(tet_month(i32::MIN), Err(RangeError { year: i32::MIN }));
    assert!(RangeError { year: 2101 }.to_string().contains("2101"));
}

#[test]
fn lunar_to_solar_rejects_nonexistent_dates() {
    let ok = LunarDate {
        year: 2025,
        month: 6,
        day: 1,
        leap: true,
    }; // leap 6th month of 2025
    assert!(lunar_to_solar(ok).is_some());
    assert_eq!(lunar_to_solar(LunarDate { month: 5, ..ok }), None); // no leap 5th month
    assert_eq!(lunar_to_solar(LunarDate { year: 2024, ..ok }), None); // 2024 has no leap month
    assert_eq!(
        lunar_to_solar(LunarDate {
            month: 0,
            leap: false,
            ..ok
        }),
        None
    );
    assert_eq!(
        lunar_to_solar(LunarDate {
            month: 13,
            leap: false,
            ..ok
        }),
        None
    );
    assert_eq!(lunar_to_solar(LunarDate { day: 0, ..ok }), None);
    assert_eq!(lunar_to_solar(LunarDate { day: 31, ..ok }), None);
    assert_eq!(
        lunar_to_solar(LunarDate {
            year: i32::MAX,
            ..ok
        }),
        None
    );
    assert_eq!(
        lunar_to_solar(LunarDate {
            year: i32::MIN,
            ..ok
        }),
        None
    );
}

/// 2025-08-19 is day 26 of the leap 6th month of Ất Tỵ (2025).
#[test]
fn known_date_in_leap_month() {
    let d = SolarDate::new(2025, 8, 19).unwrap();
    assert_eq!(
        solar_to_lunar(d),
        LunarDate {
            year: 2025,
            month: 6,
            day: 26,
            leap: true
        }
    );
}

/// Lunar months 11 and 12 straddle the Gregorian new year.
#[test]
fn year_boundary() {
    let d = SolarDate::new(2025, 1, 1).unwrap();
    assert_eq!(
        solar_to_lunar(d),
        LunarDate {
            year: 2024,
            month: 12,
            day: 2,
            leap: false
        }
    );
    let d = SolarDate::new(2024, 12, 31).unwrap();
    assert_eq!(
        solar_to_lunar(d),
        LunarDate {
            year: 2024,
            month: 12,
            day: 1,
            leap: false
        }
    );
}

/// Conversions work (with reduced accuracy) far outside the Tết range.
#[test]
fn extreme_years_do_not_panic() {
    for (y, m, d) in [(1, 1, 1), (1, 12, 31), (9999, 1, 1), (9999, 12, 31)] {
        let date = SolarDate::new(y, m, d).unwrap();
        let l = solar_to_lunar(date);
        assert_eq!(lunar_to_solar(l), Some(date), "{date} -> {l:?}");
    }
}
