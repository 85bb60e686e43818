//! Tết and leap months against published Vietnamese data.

use congthuong_lunar::{LunarDate, SolarDate, lunar_to_solar, solar_to_lunar, tet};

/// Vietnamese Tết (lunar 1/1) and leap month (0 = none) of each lunar year,
/// 1985–2030.
///
/// Source: Hồ Ngọc Đức's published year tables (`TK20`, `TK21` in
/// `amlich-hnd.js`, <https://www.informatik.uni-leipzig.de/~duc/amlich/>),
/// decoded as "Tết = 1 January + (code >> 17) days, leap month = code & 0xf".
/// The Vietnam/China differences agree with his "Computing the Vietnamese
/// lunar calendar" (calrules_en.html): 1985-01-21 (China 1985-02-20),
/// 2007-02-17 (China 02-18), 2030-02-02 (China 02-03). 2015–2025 also agree
/// with the GSO-derived IIP files (see `iip_data.rs`).
const VIETNAMESE_TET: [(i32, &str, u8); 46] = [
    (1985, "1985-01-21", 2),
    (1986, "1986-02-09", 0),
    (1987, "1987-01-29", 7),
    (1988, "1988-02-17", 0),
    (1989, "1989-02-06", 0),
    (1990, "1990-01-27", 5),
    (1991, "1991-02-15", 0),
    (1992, "1992-02-04", 0),
    (1993, "1993-01-23", 3),
    (1994, "1994-02-10", 0),
    (1995, "1995-01-31", 8),
    (1996, "1996-02-19", 0),
    (1997, "1997-02-07", 0),
    (1998, "1998-01-28", 5),
    (1999, "1999-02-16", 0),
    (2000, "2000-02-05", 0),
    (2001, "2001-01-24", 4),
    (2002, "2002-02-12", 0),
    (2003, "2003-02-01", 0),
    (2004, "2004-01-22", 2),
    (2005, "2005-02-09", 0),
    (2006, "2006-01-29", 7),
    (2007, "2007-02-17", 0),
    (2008, "2008-02-07", 0),
    (2009, "2009-01-26", 5),
    (2010, "2010-02-14", 0),
    (2011, "2011-02-03", 0),
    (2012, "2012-01-23", 4),
    (2013, "2013-02-10", 0),
    (2014, "2014-01-31", 9),
    (2015, "2015-02-19", 0),
    (2016, "2016-02-08", 0),
    (2017, "2017-01-28", 6),
    (2018, "2018-02-16", 0),
    (2019, "2019-02-05", 0),
    (2020, "2020-01-25", 4),
    (2021, "2021-02-12", 0),
    (2022, "2022-02-01", 0),
    (2023, "2023-01-22", 2),
    (2024, "2024-02-10", 0),
    (2025, "2025-01-29", 6),
    (2026, "2026-02-17", 0),
    (2027, "2027-02-06", 0),
    (2028, "2028-01-26", 5),
    (2029, "2029-02-13", 0),
    (2030, "2030-02-02", 0),
];

/// Years in which Vietnamese Tết (UTC+7) differs from Chinese New Year
/// (UTC+8): (year, Vietnam, China).
///
/// Sources: 1985, 2007, 2030 from Hồ Ngọc Đức, calrules_en.html (see above).
/// 1968: North Vietnam celebrated 29 January after the 1967 switch to UTC+7,
/// the traditional (UTC+8) calendar 30 January (H. Aslaksen, "The Mathematics
/// of the Chinese Calendar"). 1969: Chinese New Year 1969-02-17; 1968, 1969
/// and 1985 are the years a Vietnamese calendar official (viet-jo.com,
/// 2006-07-06) lists as post-1967 differences.
const DIFFERS_FROM_CHINA: [(i32, &str, &str); 5] = [
    (1968, "1968-01-29", "1968-01-30"),
    (1969, "1969-02-16", "1969-02-17"),
    (1985, "1985-01-21", "1985-02-20"),
    (2007, "2007-02-17", "2007-02-18"),
    (2030, "2030-02-02", "2030-02-03"),
];

fn date(s: &str) -> SolarDate {
    s.parse().expect("valid date literal")
}

fn leap_month(year: i32) -> u8 {
    let mut leaps = (1..=12).filter(|&month| {
        lunar_to_solar(LunarDate {
            year,
            month,
            day: 1,
            leap: true,
        })
        .is_some()
    });
    let first = leaps.next().unwrap_or(0);
    assert_eq!(leaps.next(), None, "two leap months in {year}");
    first
}

#[test]
fn tet_1985_to_2030() {
    for (year, expected, _) in VIETNAMESE_TET {
        assert_eq!(tet(year).unwrap(), date(expected), "Tết {year}");
    }
}

#[test]
fn leap_months_1985_to_2030() {
    for (year, _, leap) in VIETNAMESE_TET {
        assert_eq!(leap_month(year), leap, "leap month of {year}");
    }
}

#[test]
fn vietnam_differs_from_china() {
    for (year, vietnam, china) in DIFFERS_FROM_CHINA {
        let t = tet(year).unwrap();
        assert_eq!(t, date(vietnam), "Tết {year}");
        assert_ne!(t, date(china), "Tết {year} should not be the Chinese date");
    }
}

/// 1985: Vietnam's leap month 2 runs 21/03–19/04/1985 (calrules_en.html).
#[test]
fn leap_month_1985() {
    let leap2 = |day| LunarDate {
        year: 1985,
        month: 2,
        day,
        leap: true,
    };
    assert_eq!(lunar_to_solar(leap2(1)), Some(date("1985-03-21")));
    assert_eq!(lunar_to_solar(leap2(30)), Some(date("1985-04-19")));
    let month3 = LunarDate {
        year: 1985,
        month: 3,
        day: 1,
        leap: false,
    };
    assert_eq!(solar_to_lunar(date("1985-04-20")), month3);
}

/// Tết and leap month (`date:leap`, 0 = none) of every lunar year 1968–2100,
/// decoded the same way from Hồ Ngọc Đức's `TK20`/`TK21`/`TK22` tables. From
/// 1968 on (the UTC+7 calendar) his tables and this crate agree exactly;
/// before 1968 his tables record the calendar then in use (see crate docs).
const HND_1968_2100: &str = "
    1968-01-29:7 1969-02-16:0 1970-02-06:0 1971-01-27:5 1972-02-15:0 1973-02-03:0
    1974-01-23:4 1975-02-11:0 1976-01-31:8 1977-02-18:0 1978-02-07:0 1979-01-28:6
    1980-02-16:0 1981-02-05:0 1982-01-25:4 1983-02-13:0 1984-02-02:0 1985-01-21:2
    1986-02-09:0 1987-01-29:7 1988-02-17:0 1989-02-06:0 1990-01-27:5 1991-02-15:0
    1992-02-04:0 1993-01-23:3 1994-02-10:0 1995-01-31:8 1996-02-19:0 1997-02-07:0
    1998-01-28:5 1999-02-16:0 2000-02-05:0 2001-01-24:4 2002-02-12:0 2003-02-01:0
    2004-01-22:2 2005-02-09:0 2006-01-29:7 2007-02-17:0 2008-02-07:0 2009-01-26:5
    2010-02-14:0 2011-02-03:0 2012-01-23:4 2013-02-10:0 2014-01-31:9 2015-02-19:0
    2016-02-08:0 2017-01-28:6 2018-02-16:0 2019-02-05:0 2020-01-25:4 2021-02-12:0
    2022-02-01:0 2023-01-22:2 2024-02-10:0 2025-01-29:6 2026-02-17:0 2027-02-06:0
    2028-01-26:5 2029-02-13:0 2030-02-02:0 2031-01-23:3 2032-02-11:0 2033-01-31:11
    2034-02-19:0 2035-02-08:0 2036-01-28:6 2037-02-15:0 2038-02-04:0 2039-01-24:5
    2040-02-12:0 2041-02-01:0 2042-01-22:2 2043-02-10:0 2044-01-30:7 2045-02-17:0
    2046-02-06:0 2047-01-26:5 2048-02-14:0 2049-02-02:0 2050-01-23:3 2051-02-11:0
    2052-02-01:8 2053-02-18:0 2054-02-08:0 2055-01-28:6 2056-02-15:0 2057-02-04:0
    2058-01-24:4 2059-02-12:0 2060-02-02:0 2061-01-21:3 2062-02-09:0 2063-01-29:7
    2064-02-17:0 2065-02-05:0 2066-01-26:5 2067-02-14:0 2068-02-03:0 2069-01-23:4
    2070-02-11:0 2071-01-31:8 2072-02-19:0 2073-02-07:0 2074-01-27:6 2075-02-15:0
    2076-02-05:0 2077-01-24:4 2078-02-12:0 2079-02-02:0 2080-01-22:3 2081-02-09:0
    2082-01-29:7 2083-02-17:0 2084-02-06:0 2085-01-26:5 2086-02-14:0 2087-02-03:0
    2088-01-24:4 2089-02-10:0 2090-01-30:8 2091-02-18:0 2092-02-07:0 2093-01-27:6
    2094-02-15:0 2095-02-05:0 2096-01-25:4 2097-02-12:0 2098-02-01:0 2099-01-21:2
    2100-02-09:0";

#[test]
fn hnd_tables_1968_to_2100() {
    let entries: Vec<&str> = HND_1968_2100.split_whitespace().collect();
    assert_eq!(entries.len(), 133);
    for (year, entry) in (1968..=2100).zip(entries) {
        let (day, leap) = entry.split_once(':').unwrap();
        assert_eq!(tet(year).unwrap(), date(day), "Tết {year}");
        assert_eq!(
            leap_month(year),
            leap.parse::<u8>().unwrap(),
            "leap month of {year}"
        );
    }
}
