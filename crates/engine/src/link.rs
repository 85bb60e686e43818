//! Chain-linking and re-referencing of monthly index series.
//!
//! When weights are updated (GSO moved from 2010 to 2015 weights, and will
//! move again), the series on the old and the new weights are joined in an
//! overlap period: the new series is multiplied by a link factor and
//! continues the old one.
//!
//! - Annual overlap: factor = mean of the old series over the overlap year
//!   ÷ mean of the new series over it. Preserves the new series' annual
//!   growth; may put a break in the December → January change.
//! - One-month overlap: factor = old(m) ÷ new(m) for the overlap month
//!   (usually December). Preserves the December → January change.
//!
//! The linked series is the old series up to the end of the overlap and
//! the new series × factor after it. Re-referencing divides a series by its
//! mean over a year and multiplies by 100: levels change, growth does not.

use std::collections::BTreeMap;

use congthuong_core::Period;

/// A monthly index series.
pub type Series = BTreeMap<Period, f64>;

/// Where the two series are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlap {
    /// The twelve months of a year.
    Annual(i32),
    /// One month.
    Month(Period),
}

impl Overlap {
    /// The last month of the overlap.
    pub fn last(self) -> Period {
        match self {
            Overlap::Annual(y) => Period::year_range(y).last,
            Overlap::Month(m) => m,
        }
    }

    fn months(self) -> Vec<Period> {
        match self {
            Overlap::Annual(y) => Period::year_range(y).iter().collect(),
            Overlap::Month(m) => vec![m],
        }
    }
}

/// Why two series cannot be linked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LinkError {
    /// A month of the overlap is missing from one of the series.
    #[error("the {which} series has no value for {period}, which the overlap needs")]
    MissingOverlapMonth {
        /// `old` or `new`.
        which: &'static str,
        /// The missing month.
        period: Period,
    },
    /// The new series is 0 over the overlap.
    #[error("the new series is 0 over the overlap: no link factor")]
    ZeroOverlap,
    /// No month of the reference year in the series.
    #[error("the series has no value in {0}, the reference year asked for")]
    MissingReferenceYear(i32),
}

fn overlap_mean(s: &Series, overlap: Overlap, which: &'static str) -> Result<f64, LinkError> {
    let months = overlap.months();
    let mut sum = 0.0;
    for m in &months {
        sum += s
            .get(m)
            .ok_or(LinkError::MissingOverlapMonth { which, period: *m })?;
    }
    Ok(sum / months.len() as f64)
}

/// The factor that puts the new series on the old series' reference.
pub fn link_factor(old: &Series, new: &Series, overlap: Overlap) -> Result<f64, LinkError> {
    let o = overlap_mean(old, overlap, "old")?;
    let n = overlap_mean(new, overlap, "new")?;
    if n == 0.0 {
        return Err(LinkError::ZeroOverlap);
    }
    Ok(o / n)
}

/// The old series through the end of the overlap, then the new series ×
/// the link factor.
pub fn chain_link(old: &Series, new: &Series, overlap: Overlap) -> Result<Series, LinkError> {
    let factor = link_factor(old, new, overlap)?;
    let last = overlap.last();
    let mut out: Series = old.range(..=last).map(|(p, v)| (*p, *v)).collect();
    out.extend(new.range(last.next()..).map(|(p, v)| (*p, v * factor)));
    Ok(out)
}

/// The series with `year` = 100 (the mean over the months of `year` it has).
pub fn rereference(series: &Series, year: i32) -> Result<Series, LinkError> {
    let months: Vec<f64> = Period::year_range(year)
        .iter()
        .filter_map(|m| series.get(&m).copied())
        .collect();
    if months.is_empty() {
        return Err(LinkError::MissingReferenceYear(year));
    }
    let mean = months.iter().sum::<f64>() / months.len() as f64;
    if mean == 0.0 {
        return Err(LinkError::ZeroOverlap);
    }
    Ok(series.iter().map(|(p, v)| (*p, 100.0 * v / mean)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i32, values: &[f64]) -> Series {
        Period::year_range(y)
            .iter()
            .zip(values)
            .map(|(p, v)| (p, *v))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    /// Fixture f06 (synthetic, exact answers): 2010-based and 2015-based
    /// series overlapping in 2017.
    #[test]
    fn f06_annual_and_december_overlap_and_rereferencing() {
        let old = year(
            2017,
            &[
                100., 102., 104., 106., 108., 110., 112., 114., 116., 118., 120., 122.,
            ],
        );
        let mut new = year(
            2017,
            &[90., 91., 92., 93., 94., 95., 96., 97., 98., 99., 100., 101.],
        );
        new.extend(year(
            2018,
            &[
                103., 104., 105., 106., 107., 108., 109., 110., 111., 112., 113., 114.,
            ],
        ));
        let dec: Period = "2017-12".parse().unwrap();
        let jan: Period = "2018-01".parse().unwrap();

        let fa = link_factor(&old, &new, Overlap::Annual(2017)).unwrap();
        let fm = link_factor(&old, &new, Overlap::Month(dec)).unwrap();
        assert!(close(fa, 1.162303664921466) && close(fa, 222.0 / 191.0));
        assert!(close(fm, 1.2079207920792079));

        let annual = chain_link(&old, &new, Overlap::Annual(2017)).unwrap();
        let monthly = chain_link(&old, &new, Overlap::Month(dec)).unwrap();
        assert!(close(annual[&jan], 119.71727748691099));
        assert!(close(monthly[&jan], 124.41584158415841));
        let avg2018 = Period::year_range(2018)
            .iter()
            .map(|p| annual[&p])
            .sum::<f64>()
            / 12.0;
        assert!(close(avg2018, 126.10994764397905));
        assert!(close(100.0 * (avg2018 / 111.0 - 1.0), 13.612565445026178));
        let avg2018_m = Period::year_range(2018)
            .iter()
            .map(|p| monthly[&p])
            .sum::<f64>()
            / 12.0;
        assert!(close(100.0 * (avg2018_m / 111.0 - 1.0), 18.071536883418073));
        assert!(close(
            100.0 * (monthly[&jan] / monthly[&dec] - 1.0),
            1.9801980198019802
        ));
        assert!(close(
            100.0 * (annual[&jan] / annual[&dec] - 1.0),
            -1.8710840271221354
        ));

        let re = rereference(&new, 2017).unwrap();
        assert!(close(re[&jan], 107.85340314136126));
        // Re-referencing never changes growth.
        assert!(close(re[&jan] / re[&dec], new[&jan] / new[&dec]));
    }

    #[test]
    fn a_missing_overlap_month_is_an_error() {
        let old = year(2017, &[100.0; 11]);
        let new = year(2017, &[90.0; 12]);
        assert!(matches!(
            link_factor(&old, &new, Overlap::Annual(2017)),
            Err(LinkError::MissingOverlapMonth { which: "old", .. })
        ));
    }
}
