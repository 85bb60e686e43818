//! Tết dates used by the congthuong IIP (index of industrial production)
//! data set. The tables are literal copies so the tests do not depend on
//! `/work/shared`.

use congthuong_lunar::{LunarDate, SolarDate, solar_to_lunar, tet, tet_month};

fn date(s: &str) -> SolarDate {
    s.parse().expect("valid date literal")
}

/// Copied from `/work/shared/data/iip/vn_iip_tet_effect_jan_feb.csv`,
/// columns `year, tet_first_day, tet_month, prev_year_tet_month`.
const TET_EFFECT: [(i32, &str, u8, u8); 11] = [
    (2015, "2015-02-19", 2, 1),
    (2016, "2016-02-08", 2, 2),
    (2017, "2017-01-28", 1, 2),
    (2018, "2018-02-16", 2, 1),
    (2019, "2019-02-05", 2, 2),
    (2020, "2020-01-25", 1, 2),
    (2021, "2021-02-12", 2, 1),
    (2022, "2022-02-01", 2, 2),
    (2023, "2023-01-22", 1, 2),
    (2024, "2024-02-10", 2, 1),
    (2025, "2025-01-29", 1, 2),
];

/// Copied from `/work/shared/data/iip/vn_iip_national_monthly_2015_2025.csv`,
/// columns `year, month, tet_first_day, tet_in_this_month` (January and
/// February rows; every other month repeats the year's `tet_first_day`
/// with `tet_in_this_month = 0`).
const MONTHLY: [(i32, u8, &str, u8); 22] = [
    (2015, 1, "2015-02-19", 0),
    (2015, 2, "2015-02-19", 1),
    (2016, 1, "2016-02-08", 0),
    (2016, 2, "2016-02-08", 1),
    (2017, 1, "2017-01-28", 1),
    (2017, 2, "2017-01-28", 0),
    (2018, 1, "2018-02-16", 0),
    (2018, 2, "2018-02-16", 1),
    (2019, 1, "2019-02-05", 0),
    (2019, 2, "2019-02-05", 1),
    (2020, 1, "2020-01-25", 1),
    (2020, 2, "2020-01-25", 0),
    (2021, 1, "2021-02-12", 0),
    (2021, 2, "2021-02-12", 1),
    (2022, 1, "2022-02-01", 0),
    (2022, 2, "2022-02-01", 1),
    (2023, 1, "2023-01-22", 1),
    (2023, 2, "2023-01-22", 0),
    (2024, 1, "2024-02-10", 0),
    (2024, 2, "2024-02-10", 1),
    (2025, 1, "2025-01-29", 1),
    (2025, 2, "2025-01-29", 0),
];

#[test]
fn tet_effect_table() {
    for (year, first_day, month, prev_month) in TET_EFFECT {
        assert_eq!(tet(year).unwrap(), date(first_day), "Tết {year}");
        assert_eq!(tet_month(year).unwrap(), month, "Tết month {year}");
        assert_eq!(
            tet_month(year - 1).unwrap(),
            prev_month,
            "Tết month {}",
            year - 1
        );
    }
}

#[test]
fn tet_effect_table_is_lunar_new_year() {
    for (year, first_day, _, _) in TET_EFFECT {
        let new_year = LunarDate {
            year,
            month: 1,
            day: 1,
            leap: false,
        };
        assert_eq!(solar_to_lunar(date(first_day)), new_year);
    }
}

#[test]
fn monthly_table() {
    for (year, month, first_day, in_month) in MONTHLY {
        let t = tet(year).unwrap();
        assert_eq!(t, date(first_day), "Tết {year}");
        assert_eq!(u8::from(t.month() == month), in_month, "{year}-{month:02}");
    }
}

/// The `source` column of the Tết-effect file names the 2014 Tết date.
#[test]
fn tet_2014_from_source_note() {
    assert_eq!(tet(2014).unwrap(), date("2014-01-31"));
}
