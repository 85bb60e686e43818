//! Exhaustive properties over every day from Tết 1900 (1900-01-31) to
//! 2100-12-31, without external crates.

use congthuong_lunar::{LunarDate, SolarDate, lunar_to_solar, solar_to_lunar, tet, tet_month};

/// Every day in the tested range, with its lunar date.
fn all_days() -> impl Iterator<Item = (SolarDate, LunarDate)> {
    let first = SolarDate::new(1900, 1, 31).unwrap().to_julian_day();
    let last = SolarDate::new(2100, 12, 31).unwrap().to_julian_day();
    (first..=last).map(|jd| {
        let d = SolarDate::from_julian_day(jd).unwrap();
        (d, solar_to_lunar(d))
    })
}

#[test]
fn range_starts_on_tet_1900() {
    let first = SolarDate::new(1900, 1, 31).unwrap();
    assert_eq!(
        solar_to_lunar(first),
        LunarDate {
            year: 1900,
            month: 1,
            day: 1,
            leap: false
        }
    );
}

#[test]
fn solar_lunar_solar_round_trip() {
    for (d, l) in all_days() {
        assert_eq!(lunar_to_solar(l), Some(d), "{d} -> {l:?}");
    }
}

#[test]
fn lunar_months_have_29_or_30_days_and_follow_each_other() {
    let mut prev: Option<LunarDate> = None;
    for (d, l) in all_days() {
        assert!(
            (1..=30).contains(&l.day) && (1..=12).contains(&l.month),
            "{d}: {l:?}"
        );
        let Some(p) = prev.replace(l) else { continue };
        if l.day != 1 {
            assert_eq!(
                l,
                LunarDate {
                    day: p.day + 1,
                    ..p
                },
                "{d}"
            );
            continue;
        }
        // `p` is the last day of a month: its length is 29 or 30, and day 30
        // of a 29-day month does not exist.
        assert!(
            p.day == 29 || p.day == 30,
            "{d}: previous month had {} days",
            p.day
        );
        if p.day == 29 {
            assert_eq!(lunar_to_solar(LunarDate { day: 30, ..p }), None, "{d}");
        }
        // Month order: a leap month repeats the previous number, otherwise
        // the number advances (12 -> 1 starts a new lunar year).
        let expected = if l.leap {
            (p.year, p.month)
        } else if p.month == 12 {
            (p.year + 1, 1)
        } else {
            (p.year, p.month + 1)
        };
        assert_eq!((l.year, l.month), expected, "{d}: {p:?} -> {l:?}");
        assert!(!(l.leap && p.leap), "{d}: two leap months in a row");
    }
}

#[test]
fn lunar_new_year_day_is_tet() {
    let mut years = Vec::new();
    for (d, l) in all_days() {
        if l.month == 1 && l.day == 1 && !l.leap {
            assert_eq!(tet(l.year), Ok(d), "lunar 1/1/{}", l.year);
            years.push(l.year);
        }
    }
    assert_eq!(years, (1900..=2100).collect::<Vec<_>>());
}

#[test]
fn tet_between_21_january_and_20_february() {
    for year in 1900..=2100 {
        let t = tet(year).unwrap();
        let earliest = SolarDate::new(year, 1, 21).unwrap();
        let latest = SolarDate::new(year, 2, 20).unwrap();
        assert!(earliest <= t && t <= latest, "Tết {year} = {t}");
        assert_eq!(tet_month(year), Ok(t.month()));
    }
}

#[test]
fn at_most_one_leap_month_per_lunar_year_and_about_7_in_19() {
    let mut leap_years = std::collections::BTreeSet::new();
    for (_, l) in all_days() {
        if l.leap && l.day == 1 {
            assert!(leap_years.insert(l.year), "second leap month in {}", l.year);
        }
    }
    // 201 lunar years (1900..=2100) contain 74 leap months in 19-year cycles
    // of 7; allow the astronomical rule one either way.
    assert!(
        (73..=75).contains(&leap_years.len()),
        "{}",
        leap_years.len()
    );
}
