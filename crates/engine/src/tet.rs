//! Tết-aware comparison of January and February.
//!
//! The lunar new year falls between 21 January and 20 February. A month
//! that holds Tết loses working days; when Tết falls in a different month
//! than the year before, that month's year-on-year growth is depressed and
//! the other month's boosted. The January–February total is comparable
//! either way, so it is shown beside the month's own figure, and the
//! distorted month is flagged. GSO's 2020 figures show it: January −5.5 %
//! (Tết on 25 January 2020, 5 February in 2019), February +23.7 %, January
//! and February together +6.2 %.

use congthuong_lunar::tet_month;

/// How Tết bends a month's year-on-year growth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum TetEffect {
    /// Tết in the same month both years: comparable.
    None,
    /// Tết moved into this month: fewer working days than a year earlier.
    Depressed,
    /// Tết moved out of this month: more working days.
    Boosted,
}

/// The Tết reading of January or February of a year.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TetReading {
    /// The month Tết fell in that year (1 or 2).
    pub tet_month: u8,
    /// The month it fell in the year before.
    pub previous_tet_month: u8,
    /// The effect on this month's year-on-year growth.
    pub effect: TetEffect,
}

/// The reading for `month` (1 or 2) of `year`; `None` for other months or
/// years outside 1901–2100.
pub fn reading(year: i32, month: u32) -> Option<TetReading> {
    if !(1..=2).contains(&month) {
        return None;
    }
    let (now, before) = (tet_month(year).ok()?, tet_month(year - 1).ok()?);
    let effect = if now == before {
        TetEffect::None
    } else if u32::from(now) == month {
        TetEffect::Depressed
    } else {
        TetEffect::Boosted
    };
    Some(TetReading {
        tet_month: now,
        previous_tet_month: before,
        effect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_twenty_january_depressed_february_boosted() {
        let jan = reading(2020, 1).unwrap();
        assert_eq!(
            (jan.tet_month, jan.previous_tet_month, jan.effect),
            (1, 2, TetEffect::Depressed)
        );
        assert_eq!(reading(2020, 2).unwrap().effect, TetEffect::Boosted);
        assert_eq!(
            reading(2016, 1).unwrap().effect,
            TetEffect::None,
            "Tết in February 2015 and 2016"
        );
        assert_eq!(
            reading(2015, 1).unwrap().effect,
            TetEffect::Boosted,
            "Tết moved from January 2014 to February 2015"
        );
        assert_eq!(reading(2020, 3), None);
    }
}
