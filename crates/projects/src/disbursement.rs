//! Disbursement rate against plan, ranked across provinces and compared
//! with the average.
//!
//! rate = disbursed from January through the month ÷ the year's plan ×
//! 100. Where the Prime Minister's assigned plan is reported, the rate
//! against it is given too (the press reports both denominators: the same
//! amount is 52.43 % of the total plan and 58.33 % of the PM-assigned one).
//! The average is the aggregate rate of the rows (Σ disbursed ÷ Σ plan),
//! as the national average is computed, unless an outside average (the
//! national one) is given. Provinces are ranked by rate, highest first,
//! with equal rates sharing a rank (1, 2, 2, 4); provinces with no plan
//! have no rate and come last, unranked. The share of the year elapsed
//! (month ÷ 12) is reported as the yardstick the press also uses.
//!
//! A project spanning provinces counts under its lead (first-listed)
//! province, read on the requested boundary version; a 2025 record read on
//! the pre-2025 map whose lead unit was a merger cannot be placed and is
//! listed apart.

use std::collections::BTreeMap;

use congthuong_core::{AreaCode, BoundaryVersion};
use serde::Serialize;

use crate::model::project::Project;

/// One province's plan and disbursement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProvinceRate {
    /// The province, on the ranking's boundary version.
    pub province: AreaCode,
    /// Number of projects counted.
    pub projects: usize,
    /// The year's plan, billion VND.
    pub plan: f64,
    /// The PM-assigned plan, where every project counted reported one.
    pub plan_pm: Option<f64>,
    /// Disbursed through the month, billion VND.
    pub disbursed: f64,
    /// Percent of the plan.
    pub rate: Option<f64>,
    /// Percent of the PM-assigned plan.
    pub rate_pm: Option<f64>,
    /// 1 = highest rate; `None` without a plan.
    pub rank: Option<usize>,
    /// Rate minus the average, in percentage points.
    pub vs_average_points: Option<f64>,
}

/// A ranking of provinces.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ranking {
    /// The rows, ranked.
    pub rows: Vec<ProvinceRate>,
    /// The average the rows are compared with, percent.
    pub average: Option<f64>,
    /// Share of the year elapsed at the end of the month, percent.
    pub elapsed_share: Option<f64>,
}

/// One input row: province, plan, PM plan, disbursed.
pub type RateInput = (AreaCode, usize, f64, Option<f64>, f64);

/// Ranks rows (summed per province first). `average` overrides the
/// aggregate average; `through_month` gives the elapsed share.
pub fn rank(rows: &[RateInput], average: Option<f64>, through_month: Option<u32>) -> Ranking {
    let mut by: BTreeMap<AreaCode, (usize, f64, Option<f64>, f64)> = BTreeMap::new();
    for &(area, n, plan, pm, disbursed) in rows {
        let e = by.entry(area).or_insert((0, 0.0, Some(0.0), 0.0));
        e.0 += n;
        e.1 += plan;
        e.2 = e.2.zip(pm).map(|(a, b)| a + b);
        e.3 += disbursed;
    }
    let pct = |num: f64, den: f64| (den > 0.0).then(|| num / den * 100.0);
    let total_plan: f64 = by.values().map(|v| v.1).sum();
    let total_disbursed: f64 = by.values().map(|v| v.3).sum();
    let average = average.or_else(|| pct(total_disbursed, total_plan));
    let mut out: Vec<ProvinceRate> = by
        .into_iter()
        .map(|(province, (projects, plan, plan_pm, disbursed))| {
            let rate = pct(disbursed, plan);
            ProvinceRate {
                province,
                projects,
                plan,
                plan_pm,
                disbursed,
                rate,
                rate_pm: plan_pm.and_then(|q| pct(disbursed, q)),
                rank: None,
                vs_average_points: rate.zip(average).map(|(r, a)| r - a),
            }
        })
        .collect();
    out.sort_by(|a, b| match (a.rate, b.rate) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.province.cmp(&b.province)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.province.cmp(&b.province),
    });
    let mut prev: Option<(f64, usize)> = None;
    for (i, r) in out.iter_mut().enumerate() {
        if let Some(rate) = r.rate {
            let rank = match prev {
                Some((p, k)) if p == rate => k,
                _ => i + 1,
            };
            r.rank = Some(rank);
            prev = Some((rate, rank));
        }
    }
    Ranking {
        rows: out,
        average,
        elapsed_share: through_month.map(|m| f64::from(m.min(12)) / 12.0 * 100.0),
    }
}

/// The rows of a ranking from projects: each project's plan for `year`
/// and its disbursement through `through_month`, under its lead province
/// on `version`. Also returns the ids of projects that could not be placed.
pub fn inputs_from_projects<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    year: i32,
    through_month: u32,
    version: BoundaryVersion,
) -> (Vec<RateInput>, Vec<String>) {
    let mut rows = Vec::new();
    let mut unplaced = Vec::new();
    for p in projects {
        let Some(y) = p.disbursement.iter().find(|y| y.year == year) else {
            continue;
        };
        match p.place.lead_on(version) {
            Some(area) => rows.push((
                area,
                1,
                y.plan.get(),
                y.plan_pm.map(|a| a.get()),
                y.disbursed_through(through_month),
            )),
            None => unplaced.push(p.id.to_string()),
        }
    }
    (rows, unplaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> AreaCode {
        AreaCode::parse(s).unwrap()
    }

    /// Government Working Group No. 2, 21/09/2023: plan 241 088.964 bn VND,
    /// disbursed 104 915.882 → 43.52 %, against a national average of
    /// 39.41 % → above average.
    #[test]
    fn working_group_example_is_above_the_national_average() {
        let r = rank(
            &[(a("01"), 1, 241_088.964, None, 104_915.882)],
            Some(39.41),
            Some(9),
        );
        let row = &r.rows[0];
        assert_eq!(format!("{:.2}", row.rate.unwrap()), "43.52");
        assert!(row.vs_average_points.unwrap() > 0.0);
        assert_eq!(format!("{:.2}", row.vs_average_points.unwrap()), "4.11");
        assert_eq!(format!("{:.1}", r.elapsed_share.unwrap()), "75.0");
    }

    #[test]
    fn two_denominators_give_two_rates() {
        let r = rank(
            &[(a("01"), 1, 10_000.0, Some(8_988.5), 5_243.0)],
            None,
            None,
        );
        assert_eq!(format!("{:.2}", r.rows[0].rate.unwrap()), "52.43");
        assert_eq!(format!("{:.2}", r.rows[0].rate_pm.unwrap()), "58.33");
    }

    #[test]
    fn ranks_share_ties_and_put_provinces_without_a_plan_last() {
        let rows = [
            (a("01"), 1, 100.0, None, 30.0),
            (a("02"), 1, 200.0, None, 120.0),
            (a("04"), 1, 50.0, None, 15.0),
            (a("06"), 1, 0.0, None, 5.0),
            (a("08"), 1, 100.0, None, 10.0),
            (a("08"), 1, 100.0, None, 10.0),
        ];
        let r = rank(&rows, None, None);
        let got: Vec<(&str, Option<usize>)> = r
            .rows
            .iter()
            .map(|x| (x.province.as_str(), x.rank))
            .collect();
        assert_eq!(
            got,
            [
                ("02", Some(1)),
                ("01", Some(2)),
                ("04", Some(2)),
                ("08", Some(4)),
                ("06", None)
            ]
        );
        // Aggregate average: (30 + 120 + 15 + 5 + 20) / (100 + 200 + 50 + 0 + 200) = 190 / 550.
        let avg = 190.0 / 550.0 * 100.0;
        assert!((r.average.unwrap() - avg).abs() < 1e-12);
        assert!((r.rows[0].vs_average_points.unwrap() - (60.0 - avg)).abs() < 1e-12);
        // Two projects in 08 are summed.
        assert_eq!(r.rows[3].projects, 2);
    }
}
