//! Area product quantities q(a, j, t) (contract, method step 1).
//!
//! [`QuantityAccumulator`] is what file readers feed, one report line at a
//! time, from many threads (one accumulator each, merged at the end). It
//! keys lines by the raw 2-digit code, whose meaning depends on the month
//! (pre-2025 codes before 2025-07, 2025 codes after), and sums exactly:
//! decimal quantities with at most nine decimals are added as integers
//! scaled by 10⁹, so the order of the lines never changes the sums;
//! anything else (exponents, more decimals) falls back to `f64`.
//! [`QuantityAccumulator::finish`] restates the sums on the output boundary
//! version as a dense [`Quantities`] cube.

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period, PeriodRange};

/// Scale of the exact integer sums.
pub const SCALE: i128 = 1_000_000_000;
const AREA_SLOTS: usize = 100;
const FIRST_ORDINAL: i32 = 1000 * 12;
const ORDINALS: usize = 9000 * 12;
const NO_SLOT: u32 = u32::MAX;

/// Sums report lines by (month, raw area code, product).
#[derive(Clone, Debug)]
pub struct QuantityAccumulator {
    n_products: usize,
    slot_of: Vec<u32>,
    periods: Vec<Period>,
    exact: Vec<i128>,
    float: Vec<f64>,
    lines: Vec<bool>,
}

impl QuantityAccumulator {
    /// An empty accumulator for a basket of `n_products`.
    pub fn new(n_products: usize) -> Self {
        Self {
            n_products,
            slot_of: vec![NO_SLOT; ORDINALS],
            periods: Vec::new(),
            exact: Vec::new(),
            float: Vec::new(),
            lines: Vec::new(),
        }
    }

    fn cells_per_period(&self) -> usize {
        AREA_SLOTS * self.n_products
    }

    /// The first cell of a month's block, allocating the block on first use.
    #[inline]
    fn slot_base(&mut self, period: Period) -> usize {
        let ord = (period.ordinal() - FIRST_ORDINAL) as usize;
        let mut slot = self.slot_of[ord];
        if slot == NO_SLOT {
            slot = self.periods.len() as u32;
            self.slot_of[ord] = slot;
            self.periods.push(period);
            let n = self.cells_per_period();
            self.exact.resize(self.exact.len() + n, 0);
            self.lines.resize(self.lines.len() + n, false);
            if !self.float.is_empty() {
                self.float.resize(self.float.len() + n, 0.0);
            }
        }
        slot as usize * self.cells_per_period()
    }

    #[inline]
    fn cell(&mut self, period: Period, area: AreaCode, product: usize) -> usize {
        self.slot_base(period) + area.number() * self.n_products + product
    }

    /// Adds a quantity given as an integer scaled by [`SCALE`].
    #[inline]
    pub fn add_scaled(&mut self, period: Period, area: AreaCode, product: usize, scaled: i128) {
        let i = self.cell(period, area, product);
        self.exact[i] += scaled;
        self.lines[i] = true;
    }

    /// Adds a quantity that has no exact scaled form.
    pub fn add_float(&mut self, period: Period, area: AreaCode, product: usize, value: f64) {
        let i = self.cell(period, area, product);
        if self.float.is_empty() {
            self.float = vec![0.0; self.exact.len()];
        }
        self.float[i] += value;
        self.lines[i] = true;
    }

    /// Adds everything `other` holds.
    pub fn merge(&mut self, other: &QuantityAccumulator) {
        let n = other.cells_per_period();
        for (slot, &p) in other.periods.iter().enumerate() {
            let base = self.slot_base(p);
            let theirs = slot * n..(slot + 1) * n;
            for (mine, t) in self.exact[base..base + n]
                .iter_mut()
                .zip(&other.exact[theirs.clone()])
            {
                *mine += t;
            }
            for (mine, t) in self.lines[base..base + n]
                .iter_mut()
                .zip(&other.lines[theirs.clone()])
            {
                *mine |= t;
            }
            if !other.float.is_empty() {
                if self.float.is_empty() {
                    self.float = vec![0.0; self.exact.len()];
                }
                for (mine, t) in self.float[base..base + n]
                    .iter_mut()
                    .zip(&other.float[theirs])
                {
                    *mine += t;
                }
            }
        }
    }

    /// The months that hold at least one line, in order.
    pub fn periods(&self) -> Vec<Period> {
        let mut p = self.periods.clone();
        p.sort();
        p
    }

    /// States the sums on `output` as a dense cube over every month from
    /// the first to the last (gaps included). Codes of a month are read on
    /// the version in force then; pre-2025 codes stated on 2025 are summed
    /// into their successor. Returns `None` when there is no line, or when a
    /// month after 2025-06 would have to be stated on pre-2025.
    pub fn finish(&self, geo: &Geography, output: BoundaryVersion) -> Option<Quantities> {
        let periods = self.periods();
        let range = PeriodRange::new(*periods.first()?, *periods.last()?);
        let n_periods = range.len();
        let mut areas: Vec<AreaCode> = geo.provinces(output).iter().map(|p| p.code).collect();
        areas.sort();
        let mut area_index = [usize::MAX; AREA_SLOTS];
        for (i, a) in areas.iter().enumerate() {
            area_index[a.number()] = i;
        }
        let np = self.n_products;
        let mut q = vec![0.0; areas.len() * np * n_periods];
        let mut lines = vec![false; areas.len() * np];
        let mut present = vec![false; areas.len()];
        let cells = self.cells_per_period();
        for (slot, &p) in self.periods.iter().enumerate() {
            let t = range.first.months_until(p) as usize;
            let version = BoundaryVersion::in_force(p);
            for raw in 0..AREA_SLOTS {
                let base = slot * cells + raw * np;
                if !self.lines[base..base + np].iter().any(|l| *l) {
                    continue;
                }
                let code = AreaCode::from_bytes(format!("{raw:02}").as_bytes())?;
                let target = geo.restate(code, version, output)?;
                let a = area_index[target.number()];
                present[a] = true;
                for j in 0..np {
                    let c = base + j;
                    if !self.lines[c] {
                        continue;
                    }
                    let mut v = self.exact[c] as f64 / SCALE as f64;
                    if !self.float.is_empty() {
                        v += self.float[c];
                    }
                    q[(a * np + j) * n_periods + t] += v;
                    lines[a * np + j] = true;
                }
            }
        }
        Some(Quantities {
            range,
            areas,
            present,
            n_products: np,
            q,
            lines,
        })
    }
}

/// q(a, j, t) on one boundary version: every unit of the version, every
/// product, every month of the covered range. Months without a line hold 0.
#[derive(Clone, Debug)]
pub struct Quantities {
    range: PeriodRange,
    areas: Vec<AreaCode>,
    present: Vec<bool>,
    n_products: usize,
    q: Vec<f64>,
    lines: Vec<bool>,
}

impl Quantities {
    /// The months covered: first to last period of the microdata.
    pub fn range(&self) -> PeriodRange {
        self.range
    }

    /// The units of the version, in code order.
    pub fn areas(&self) -> &[AreaCode] {
        &self.areas
    }

    /// True when the unit at `a` has at least one line.
    pub fn is_present(&self, a: usize) -> bool {
        self.present[a]
    }

    /// True when the area has at least one line of the product.
    pub fn has_lines(&self, a: usize, product: usize) -> bool {
        self.lines[a * self.n_products + product]
    }

    /// The monthly series q(a, j, ·) over [`Self::range`].
    pub fn series(&self, a: usize, product: usize) -> &[f64] {
        let n = self.range.len();
        let start = (a * self.n_products + product) * n;
        &self.q[start..start + n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }
    fn a(s: &str) -> AreaCode {
        AreaCode::parse(s).unwrap()
    }

    #[test]
    fn old_codes_are_summed_into_their_successor_and_gaps_hold_zero() {
        let geo = Geography::embedded();
        let mut acc = QuantityAccumulator::new(2);
        acc.add_scaled(p("2025-05"), a("27"), 0, 2 * SCALE); // old Bắc Ninh
        acc.add_scaled(p("2025-05"), a("24"), 0, 3 * SCALE); // old Bắc Giang
        acc.add_float(p("2025-08"), a("24"), 1, 1.5); // new Bắc Ninh
        let q = acc.finish(geo, BoundaryVersion::V2025).unwrap();
        let i = q.areas().iter().position(|c| *c == a("24")).unwrap();
        assert_eq!(q.range().len(), 4);
        assert_eq!(q.series(i, 0), &[5.0, 0.0, 0.0, 0.0]);
        assert_eq!(q.series(i, 1), &[0.0, 0.0, 0.0, 1.5]);
        assert!(q.has_lines(i, 0) && q.is_present(i));
        assert!(
            acc.finish(geo, BoundaryVersion::Pre2025).is_none(),
            "2025-08 cannot be stated on pre2025"
        );
    }

    #[test]
    fn merging_accumulators_equals_one_accumulator() {
        let mut one = QuantityAccumulator::new(1);
        let mut left = QuantityAccumulator::new(1);
        let mut right = QuantityAccumulator::new(1);
        for (i, per) in ["2020-01", "2020-03", "2020-01"].iter().enumerate() {
            one.add_scaled(p(per), a("01"), 0, i as i128 + 1);
            if i % 2 == 0 { &mut left } else { &mut right }.add_scaled(
                p(per),
                a("01"),
                0,
                i as i128 + 1,
            );
        }
        left.merge(&right);
        let geo = Geography::embedded();
        let (x, y) = (
            one.finish(geo, BoundaryVersion::Pre2025).unwrap(),
            left.finish(geo, BoundaryVersion::Pre2025).unwrap(),
        );
        assert_eq!(x.series(0, 0), y.series(0, 0));
    }
}
