//! GSO's published IIP figures that the demo is calibrated to, embedded
//! from `data/iip` (sources: `data/iip/SOURCES.md`).
//!
//! - the national monthly series 2015-01 … 2025-02
//!   (`vn_iip_national_monthly_2015_2025.csv`): month-on-month growth
//!   (first release), year-on-year growth (first release and the revised
//!   value printed a month later) and year-to-date growth;
//! - provincial figures (`vn_iip_provincial_figures.csv`), of which the
//!   demo uses the January–September 2022 year-to-date growth rates.

use std::sync::LazyLock;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period, text::nfc};

const NATIONAL: &str = include_str!("../../../data/iip/vn_iip_national_monthly_2015_2025.csv");
const PROVINCIAL: &str = include_str!("../../../data/iip/vn_iip_provincial_figures.csv");

/// One month of the national series.
#[derive(Clone, Copy, Debug)]
pub struct NationalMonth {
    /// The month.
    pub period: Period,
    /// Month-on-month growth, first release, percent.
    pub mom_first: Option<f64>,
    /// Year-on-year growth, first release, percent.
    pub yoy_first: Option<f64>,
    /// Year-on-year growth as revised in the next month's tables, percent.
    pub yoy_revised: Option<f64>,
    /// Year-to-date growth, first release, percent.
    pub ytd_first: Option<f64>,
}

impl NationalMonth {
    /// The year-on-year growth the demo is calibrated to: the revised
    /// value where GSO printed one, else the first release.
    pub fn yoy_target(&self) -> Option<f64> {
        self.yoy_revised.or(self.yoy_first)
    }
}

/// A published provincial growth rate over a run of months.
#[derive(Clone, Debug)]
pub struct ProvincialFigure {
    /// The province, on the pre-2025 boundaries.
    pub area: AreaCode,
    /// The name as the file writes it.
    pub name: String,
    /// First month of the period.
    pub from: Period,
    /// Last month of the period.
    pub to: Period,
    /// `ytd_yoy`, `annual_yoy`, `month_yoy`, `quarter_yoy`.
    pub measure: String,
    /// What was measured (`IIP total`, or a note that it is another indicator).
    pub indicator: String,
    /// Growth against the same period a year earlier, percent.
    pub pct: f64,
    /// Who published it.
    pub publisher: String,
}

fn opt(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        None
    } else {
        Some(
            s.parse()
                .unwrap_or_else(|_| panic!("embedded data/iip: bad number {s:?}")),
        )
    }
}

static NATIONAL_SERIES: LazyLock<Vec<NationalMonth>> = LazyLock::new(|| {
    let mut r = csv::Reader::from_reader(NATIONAL.as_bytes());
    let headers = r.headers().expect("embedded header").clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("embedded national series lacks {n}"))
    };
    let (y, m) = (col("year"), col("month"));
    let (mom, yf, yr, ytd) = (
        col("mom_pct_first_release"),
        col("yoy_pct_first_release"),
        col("yoy_pct_revised_next_release"),
        col("ytd_yoy_pct_first_release"),
    );
    let mut out: Vec<NationalMonth> = r
        .records()
        .map(|rec| {
            let rec = rec.expect("embedded national series");
            let period = Period::new(
                rec[y].parse().expect("year"),
                rec[m].parse().expect("month"),
            )
            .expect("embedded period");
            NationalMonth {
                period,
                mom_first: opt(&rec[mom]),
                yoy_first: opt(&rec[yf]),
                yoy_revised: opt(&rec[yr]),
                ytd_first: opt(&rec[ytd]),
            }
        })
        .collect();
    out.sort_by_key(|n| n.period);
    out
});

/// The national monthly series, in month order.
pub fn national() -> &'static [NationalMonth] {
    &NATIONAL_SERIES
}

/// The national month `p`, if published.
pub fn national_month(p: Period) -> Option<&'static NationalMonth> {
    national().iter().find(|n| n.period == p)
}

/// The pre-2025 code of a province named as in the provincial file.
pub fn code_of(name: &str, geo: &Geography) -> Option<AreaCode> {
    let name = nfc(name.trim());
    let name = name
        .strip_prefix("TP. ")
        .or_else(|| name.strip_prefix("Thành phố "))
        .unwrap_or(&name);
    geo.provinces(BoundaryVersion::Pre2025)
        .iter()
        .find(|p| p.short_name_vi == name || p.name_vi == name)
        .map(|p| p.code)
}

static PROVINCIAL_FIGURES: LazyLock<Vec<ProvincialFigure>> = LazyLock::new(|| {
    let geo = Geography::embedded();
    let mut r = csv::Reader::from_reader(PROVINCIAL.as_bytes());
    let headers = r.headers().expect("embedded header").clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("embedded provincial figures lack {n}"))
    };
    let (name, from, to, measure, indicator, pct, publisher) = (
        col("province_vi"),
        col("period_start"),
        col("period_end"),
        col("measure"),
        col("indicator"),
        col("pct_change_vs_same_period_prev_year"),
        col("publisher"),
    );
    r.records()
        .map(|rec| {
            let rec = rec.expect("embedded provincial figures");
            ProvincialFigure {
                area: code_of(&rec[name], geo)
                    .unwrap_or_else(|| panic!("unknown province {:?}", &rec[name])),
                name: nfc(&rec[name]),
                from: rec[from].parse().expect("period_start"),
                to: rec[to].parse().expect("period_end"),
                measure: rec[measure].to_owned(),
                indicator: rec[indicator].to_owned(),
                pct: rec[pct].parse().expect("pct"),
                publisher: rec[publisher].to_owned(),
            }
        })
        .collect()
});

/// Every published provincial figure, in file order.
pub fn provincial() -> &'static [ProvincialFigure] {
    &PROVINCIAL_FIGURES
}

/// The month the provincial calibration targets end in (year to date from January).
pub const PROVINCIAL_TARGET_MONTH: Period = Period::from_ordinal(2022 * 12 + 8);

/// The published January–September 2022 year-to-date growth rates, one per
/// province (the first row where a province has two).
pub fn provincial_targets() -> Vec<&'static ProvincialFigure> {
    let from = PROVINCIAL_TARGET_MONTH.year_to_date().first;
    let mut out: Vec<&ProvincialFigure> = Vec::new();
    for f in provincial() {
        if f.measure == "ytd_yoy"
            && f.from == from
            && f.to == PROVINCIAL_TARGET_MONTH
            && !out.iter().any(|o| o.area == f.area)
        {
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_figures_are_what_the_brief_names() {
        let n = national();
        assert_eq!(n.first().unwrap().period, "2015-01".parse().unwrap());
        assert_eq!(n.last().unwrap().period, "2025-02".parse().unwrap());
        assert_eq!(n.len(), 122);
        let sep22 = national_month("2022-09".parse().unwrap()).unwrap();
        assert_eq!(sep22.ytd_first, Some(9.59));
        assert_eq!(sep22.yoy_target(), Some(10.3));
        let targets: Vec<(String, f64)> = provincial_targets()
            .iter()
            .map(|f| (f.area.to_string(), f.pct))
            .collect();
        assert_eq!(targets.len(), 12, "{targets:?}");
        for (code, pct) in [
            ("24", 44.2),
            ("38", 16.03),
            ("26", 15.06),
            ("27", 11.75),
            ("25", 10.72),
            ("01", 8.6),
            ("19", 11.7),
            ("92", 30.9),
            ("49", 30.3),
            ("79", 19.6),
            ("86", 28.9),
            ("66", 28.3),
        ] {
            assert!(
                targets.contains(&(code.to_owned(), pct)),
                "{code} {pct} in {targets:?}"
            );
        }
    }
}
