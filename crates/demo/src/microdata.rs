//! Unit-level report lines drawn from the model's product paths.
//!
//! Each province × product has reporting units (enterprises): a few large
//! ones and many small ones (Pareto sizes); some enter after 2015 or stop
//! before the end; some skip months (a missed report). In every month the
//! quantities of the units that report add up *exactly* (in thousandths of
//! the unit) to the model's quantity for the province, product and month:
//! the units that report carry those that do not, so the compiled index is
//! the calibrated one at any row count. The first unit of each product
//! always reports, so no province × product is ever empty.
//!
//! Draws are counter-based ([`crate::rng`]): a line depends only on the
//! seed, the cell, the unit and the month, never on threads or chunking.
//! Lines are produced in chunks of one month × one province, in parallel,
//! and written in order; per line nothing is allocated.

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period, Product};

use crate::calendar::{FIRST, index};
use crate::model::Model;
use crate::rng;

/// A reporting unit of one province × product.
#[derive(Clone, Copy, Debug)]
struct Unit {
    size: f64,
    miss: f64,
    start: u32,
    end: u32,
}

/// Units of every cell, and how lines are laid out.
pub struct Plan<'m> {
    model: &'m Model,
    seed: u64,
    first: Period,
    last: Period,
    /// Units per cell (cells as in [`Model::cells`]).
    units: Vec<Vec<Unit>>,
    /// Serial number of each cell's first unit within its province.
    serial0: Vec<u32>,
    /// Digits of the unit serial.
    serial_width: usize,
    /// Month → (code written in the area column) per province position.
    written_area: Vec<[AreaCode; 2]>,
}

fn draw_units(seed: u64, cell: usize, n: usize, months: u32) -> Vec<Unit> {
    (0..n)
        .map(|u| {
            if u == 0 {
                return Unit {
                    size: 6.0,
                    miss: 0.0,
                    start: 0,
                    end: months - 1,
                };
            }
            let h = rng::hash(seed, &[3, cell as u64, u as u64]);
            let size = (1.0 - rng::unit(h)).powf(-1.0 / 1.3).min(200.0);
            let class = rng::unit(rng::mix(h ^ 1));
            let miss = if class < 0.75 {
                0.0
            } else if class < 0.93 {
                0.04
            } else {
                0.2
            };
            let span = months.saturating_sub(24).max(1);
            let start = if rng::unit(rng::mix(h ^ 2)) < 0.12 {
                12 + (rng::unit(rng::mix(h ^ 3)) * span as f64) as u32
            } else {
                0
            };
            let end = if rng::unit(rng::mix(h ^ 4)) < 0.08 {
                (start + 12 + (rng::unit(rng::mix(h ^ 5)) * span as f64) as u32).min(months - 1)
            } else {
                months - 1
            };
            Unit {
                size,
                miss,
                start: start.min(months - 1),
                end,
            }
        })
        .collect()
}

impl<'m> Plan<'m> {
    /// Plans about `rows` lines over `first` … `last` (at least one unit
    /// per province × product, so never fewer lines than province ×
    /// product × month).
    pub fn new(model: &'m Model, seed: u64, first: Period, last: Period, rows: u64) -> Self {
        let months = model.months() as u32;
        let (t0, t1) = (index(first) as u32, index(last) as u32);
        let weights: Vec<f64> = model
            .cells
            .iter()
            .map(|c| (c.output_value_m as f64).sqrt())
            .collect();
        let total_weight: f64 = weights.iter().sum();
        let expected = |units: &[Vec<Unit>]| -> f64 {
            units
                .iter()
                .flatten()
                .map(|u| {
                    let (a, b) = (u.start.max(t0), u.end.min(t1));
                    if a > b {
                        0.0
                    } else {
                        f64::from(b - a + 1) * (1.0 - u.miss)
                    }
                })
                .sum()
        };
        let span = f64::from(t1 - t0 + 1);
        let mut per_unit = 0.93;
        let mut units: Vec<Vec<Unit>> = Vec::new();
        for _ in 0..3 {
            let budget = rows as f64 / (span * per_unit);
            units = weights
                .iter()
                .enumerate()
                .map(|(c, w)| {
                    let n = ((budget * w / total_weight).round() as usize).max(1);
                    draw_units(seed, c, n, months)
                })
                .collect();
            let n_units: usize = units.iter().map(Vec::len).sum();
            let got = expected(&units);
            if rows == 0 || (got / rows as f64 - 1.0).abs() < 0.002 {
                break;
            }
            per_unit = got / (span * n_units as f64);
        }
        let mut serial0 = vec![0; units.len()];
        let mut max_serial = 0u32;
        for p in &model.provinces {
            let mut next = 1u32;
            for c in p.cells.clone() {
                serial0[c] = next;
                next += units[c].len() as u32;
            }
            max_serial = max_serial.max(next);
        }
        let geo = Geography::embedded();
        let written_area = model
            .provinces
            .iter()
            .map(|p| {
                [
                    p.spec.code,
                    geo.successor(p.spec.code).unwrap_or(p.spec.code),
                ]
            })
            .collect();
        Plan {
            model,
            seed,
            first,
            last,
            units,
            serial0,
            serial_width: max_serial.to_string().len().max(6),
            written_area,
        }
    }

    /// Number of reporting units.
    pub fn units(&self) -> usize {
        self.units.iter().map(Vec::len).sum()
    }

    /// The chunks, in output order: (month index, province position).
    pub fn chunks(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut p = self.first;
        while p <= self.last {
            for a in 0..self.model.provinces.len() {
                out.push((index(p), a));
            }
            p = p.next();
        }
        out
    }

    /// The area code written for province position `a` in month index `t`.
    pub fn area(&self, t: usize, a: usize) -> AreaCode {
        let p = FIRST.add_months(t as i32);
        match BoundaryVersion::in_force(p) {
            BoundaryVersion::Pre2025 => self.written_area[a][0],
            BoundaryVersion::V2025 => self.written_area[a][1],
        }
    }

    /// Digits of a unit serial.
    pub fn serial_width(&self) -> usize {
        self.serial_width
    }

    /// Months of the model (month indices run `0..months`).
    pub fn months(&self) -> usize {
        self.model.months()
    }

    /// The pre-2025 code of the province at position `a` (used in unit ids).
    pub fn province_code(&self, a: usize) -> AreaCode {
        self.model.provinces[a].spec.code
    }

    /// The basket index of cell `c`.
    pub fn product_of(&self, c: usize) -> usize {
        self.model.cells[c].product
    }

    /// Calls `line(cell, unit serial, quantity in thousandths)` for every
    /// line of the chunk, in order. `scratch` is reused between calls.
    pub fn lines(
        &self,
        t: usize,
        a: usize,
        scratch: &mut Vec<f64>,
        mut line: impl FnMut(usize, u32, u64),
    ) {
        let province = &self.model.provinces[a];
        for c in province.cells.clone() {
            let cell = &self.model.cells[c];
            let units = &self.units[c];
            let total = (cell.quantity(t) * 1000.0).round().max(0.0) as u64;
            scratch.clear();
            let mut sum = 0.0;
            for (u, unit) in units.iter().enumerate() {
                let w = if (t as u32) < unit.start || (t as u32) > unit.end {
                    0.0
                } else {
                    let h = rng::hash(self.seed, &[4, c as u64, u as u64, t as u64]);
                    if rng::unit(h) < unit.miss {
                        0.0
                    } else {
                        unit.size * (0.8 + 0.4 * rng::unit(rng::mix(h)))
                    }
                };
                sum += w;
                scratch.push(w);
            }
            let mut cumulative = 0.0;
            let mut given = 0u64;
            let last = scratch.iter().rposition(|w| *w > 0.0).unwrap_or(0);
            for (u, &w) in scratch.iter().enumerate() {
                if w == 0.0 {
                    continue;
                }
                cumulative += w;
                let upto = if u == last {
                    total
                } else {
                    ((total as f64) * (cumulative / sum)).round() as u64
                };
                let upto = upto.clamp(given, total);
                line(c, self.serial0[c] + u as u32, upto - given);
                given = upto;
            }
        }
    }
}

/// Writes `v` in decimal.
#[inline]
fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Writes `millis / 1000` with up to three decimals, no trailing zeros.
#[inline]
pub fn push_quantity(out: &mut Vec<u8>, millis: u64) {
    push_u64(out, millis / 1000);
    let frac = millis % 1000;
    if frac != 0 {
        let digits = [
            b'0' + (frac / 100) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let keep = if frac.is_multiple_of(100) {
            1
        } else if frac.is_multiple_of(10) {
            2
        } else {
            3
        };
        out.push(b'.');
        out.extend_from_slice(&digits[..keep]);
    }
}

/// Writes a unit id: `DN` + pre-2025 province code + `-` + zero-padded serial.
#[inline]
pub fn push_unit_id(out: &mut Vec<u8>, province: AreaCode, serial: u32, width: usize) {
    out.extend_from_slice(b"DN");
    out.extend_from_slice(province.as_str().as_bytes());
    out.push(b'-');
    let mut buf = [b'0'; 12];
    let mut v = serial;
    let mut i = buf.len();
    while v > 0 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let digits = (buf.len() - i).max(width);
    out.extend_from_slice(&buf[buf.len() - digits..]);
}

/// The CSV header.
pub const HEADER: &[u8] = b"period,area,unit_id,product,quantity\n";

/// The CSV lines of one chunk, appended to `out`; returns the line count.
pub fn csv_chunk(
    plan: &Plan,
    t: usize,
    a: usize,
    scratch: &mut Vec<f64>,
    out: &mut Vec<u8>,
) -> u64 {
    let basket = Product::basket();
    let period = FIRST.add_months(t as i32).to_string();
    let area = plan.area(t, a);
    let province = plan.province_code(a);
    let width = plan.serial_width();
    let mut n = 0;
    plan.lines(t, a, scratch, |c, serial, millis| {
        out.extend_from_slice(period.as_bytes());
        out.push(b',');
        out.extend_from_slice(area.as_str().as_bytes());
        out.push(b',');
        push_unit_id(out, province, serial, width);
        out.push(b',');
        out.extend_from_slice(basket[plan.product_of(c)].code.as_bytes());
        out.push(b',');
        push_quantity(out, millis);
        out.push(b'\n');
        n += 1;
    });
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ids_are_written_plainly() {
        let mut out = Vec::new();
        for v in [0, 5, 1000, 1500, 1230, 1234, 999_999_001] {
            push_quantity(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 0.005 1 1.5 1.23 1.234 999999.001 "
        );
        let mut id = Vec::new();
        push_unit_id(&mut id, AreaCode::parse("27").unwrap(), 42, 6);
        push_unit_id(&mut id, AreaCode::parse("01").unwrap(), 1_234_567, 6);
        assert_eq!(String::from_utf8(id).unwrap(), "DN27-000042DN01-1234567");
    }

    #[test]
    fn units_add_up_exactly_and_some_skip_months() {
        let model = crate::model::build(3, "2025-12".parse().unwrap());
        let (first, last) = ("2015-01".parse().unwrap(), "2025-12".parse().unwrap());
        let plan = Plan::new(&model, 3, first, last, 400_000);
        let mut scratch = Vec::new();
        let mut skipped = 0;
        for (t, a) in [(0, 0), (30, 26), (100, 62), (131, 50)] {
            let mut sums = std::collections::BTreeMap::<usize, (u64, usize)>::new();
            plan.lines(t, a, &mut scratch, |c, _, q| {
                let e = sums.entry(c).or_default();
                e.0 += q;
                e.1 += 1;
            });
            for c in model.provinces[a].cells.clone() {
                let want = (model.cells[c].quantity(t) * 1000.0).round() as u64;
                assert_eq!(sums[&c].0, want, "cell {c} month {t}");
                if sums[&c].1 < plan.units[c].len() {
                    skipped += 1;
                }
            }
        }
        assert!(skipped > 0, "some units miss some months");
        // About the asked number of lines.
        let lines: u64 = plan
            .chunks()
            .iter()
            .map(|&(t, a)| {
                let mut n = 0;
                plan.lines(t, a, &mut scratch, |_, _, _| n += 1);
                n
            })
            .sum();
        assert!((lines as f64 / 400_000.0 - 1.0).abs() < 0.05, "{lines}");
    }
}
