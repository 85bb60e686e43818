//! The calibrated monthly paths: national → province → product.
//!
//! Built top down so the engine's compiled figures come out as designed:
//!
//! 1. the national path N(t) ([`crate::national`]);
//! 2. for each province a and product j a *raw shape* ρ(a,j,t): relative
//!    trend, seasonality, Tết sensitivity, the 2021 COVID-19 lockdowns,
//!    plant events, and smooth seeded noise;
//! 3. product indices I(a,j,t) = N(t) · C(a,t) · ρ(a,j,t) / (k(a,j) · S(t)),
//!    where k(a,j) makes every product index average 100 in 2015 (as the
//!    engine will compute it), C(a,t) is the province's calibration
//!    factor, and S(t) = Σₐ w(a) · C(a,t) · Σⱼ e(a,j) · ρ(a,j,t)/k(a,j)
//!    with w the provinces' shares of value added and e(a,j) each
//!    product's effective weight in its province (the engine's weights
//!    multiplied down the VSIC tree).
//!
//! Then the province's compiled total is P(a,t) = Σⱼ e(a,j) I(a,j,t) and
//! the value-added-weighted mean of the provinces is exactly N(t), on
//! either boundary version (weights are additive and prices common, so a
//! merged province is the weighted mean of its parts). C(a,t) =
//! exp(κₐ · ramp(t)), with the ramp rising from 0 in 2021-06 to 1 in
//! 2022-06, is solved so that each calibrated province's
//! January–September 2022 growth is its target; provinces without a
//! target absorb the difference through S.

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Node, Period, Product};

use crate::calendar::{BASE_YEAR, FIRST, index, pre_tet, tet_shutdown};
use crate::national::national_path;
use crate::published::{self, PROVINCIAL_TARGET_MONTH};
use crate::rng;
use crate::structure::{self, ProvinceSpec, output_ratio, price};

/// One province × product of the base-year structure.
#[derive(Clone, Debug)]
pub struct Cell {
    /// Position of the province in [`Model::provinces`].
    pub province: usize,
    /// Basket index of the product.
    pub product: usize,
    /// Base-year value added of the product's share, million VND.
    pub value_added_m: i64,
    /// Base-year output value, million VND.
    pub output_value_m: i64,
    /// Mean monthly quantity of 2015, in the product's unit.
    pub base_quantity: f64,
    /// Effective weight of the product in its province's total.
    pub effective_weight: f64,
    /// The product index (2015 = 100), one value per model month.
    pub index: Vec<f64>,
}

impl Cell {
    /// The quantity produced in month index `t`.
    pub fn quantity(&self, t: usize) -> f64 {
        self.base_quantity * self.index[t] / 100.0
    }
}

/// One province of the model.
#[derive(Clone, Debug)]
pub struct ProvinceModel {
    /// The structure it was built from.
    pub spec: &'static ProvinceSpec,
    /// Total value added 2015, million VND (sum of its products' shares).
    pub value_added_m: i64,
    /// The province's industrial production index (2015 = 100).
    pub path: Vec<f64>,
    /// The January–September 2022 growth it was calibrated to, if any.
    pub target_ytd_2022_09: Option<f64>,
    /// Where the target came from.
    pub target_source: TargetSource,
    /// Its cells, as a range of [`Model::cells`].
    pub cells: std::ops::Range<usize>,
}

/// Where a province's 2022 target comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetSource {
    /// A figure GSO or the province published.
    Published,
    /// A plausible value set in `provinces.csv` (e.g. to give north_28 its
    /// 21 provinces above 11 %).
    Intended,
    /// None: the province absorbs the difference.
    Free,
}

/// The whole model over 2015-01 … `last`.
#[derive(Clone, Debug)]
pub struct Model {
    /// The last month computed.
    pub last: Period,
    /// The national index (2015 = 100).
    pub national: Vec<f64>,
    /// The 63 provinces in code order.
    pub provinces: Vec<ProvinceModel>,
    /// Every province × product, grouped by province, basket order.
    pub cells: Vec<Cell>,
}

impl Model {
    /// Number of months computed.
    pub fn months(&self) -> usize {
        self.national.len()
    }

    /// The province at a pre-2025 code.
    pub fn province(&self, code: AreaCode) -> Option<&ProvinceModel> {
        self.provinces.iter().find(|p| p.spec.code == code)
    }

    /// The weighted path of the provinces that make up `code` on `version`
    /// (one province on pre2025; the merged parts on 2025).
    pub fn area_path(&self, code: AreaCode, version: BoundaryVersion) -> Vec<f64> {
        let geo = Geography::embedded();
        let parts: Vec<&ProvinceModel> = self
            .provinces
            .iter()
            .filter(|p| match version {
                BoundaryVersion::Pre2025 => p.spec.code == code,
                BoundaryVersion::V2025 => geo.successor(p.spec.code) == Some(code),
            })
            .collect();
        let total: f64 = parts.iter().map(|p| p.value_added_m as f64).sum();
        (0..self.months())
            .map(|t| {
                parts
                    .iter()
                    .map(|p| p.value_added_m as f64 * p.path[t])
                    .sum::<f64>()
                    / total
            })
            .collect()
    }
}

/// Log seasonal factors by month for a product in a province.
fn seasonal(product: &str, spec: &ProvinceSpec) -> [f64; 12] {
    const HYDRO: [&str; 16] = [
        "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "20", "45", "62", "64", "67",
        "68",
    ];
    const SOLAR: [&str; 4] = ["58", "60", "66", "95"];
    let code = spec.code.as_str();
    match product {
        "ELEC_GEN" if HYDRO.contains(&code) => [
            -0.25, -0.3, -0.3, -0.25, -0.1, 0.15, 0.3, 0.35, 0.3, 0.15, 0.0, -0.1,
        ],
        "ELEC_GEN" if SOLAR.contains(&code) => [
            0.1, 0.15, 0.15, 0.1, 0.0, -0.05, -0.1, -0.1, -0.1, -0.05, 0.0, 0.05,
        ],
        "ELEC_GEN" => [
            0.0, -0.05, 0.05, 0.1, 0.1, 0.05, -0.05, -0.1, -0.1, 0.0, 0.0, 0.05,
        ],
        "ELEC_SOLD" => [
            -0.05, -0.15, 0.0, 0.08, 0.12, 0.12, 0.1, 0.05, 0.0, -0.03, -0.05, 0.0,
        ],
        "SUGAR" => [
            0.5, 0.4, 0.3, 0.1, -0.4, -1.0, -1.2, -1.2, -0.9, -0.2, 0.3, 0.5,
        ],
        "SEAFOOD" | "FEED_AQUA" => [
            -0.15, -0.2, -0.05, 0.0, 0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.05, 0.0,
        ],
        "BEER" | "SPIRITS" | "BOTTLED_WATER" => [
            0.05, -0.1, -0.05, 0.05, 0.15, 0.15, 0.1, 0.05, -0.05, -0.1, -0.1, 0.05,
        ],
        "CEMENT" | "BRICKS" | "STEEL_BARS" | "ROLLED_STEEL" | "CERAMIC_TILES" => [
            0.05, -0.1, 0.05, 0.05, 0.05, 0.0, -0.1, -0.1, -0.05, 0.05, 0.05, 0.1,
        ],
        "COFFEE" => [
            0.3, 0.2, 0.1, 0.0, -0.1, -0.2, -0.25, -0.25, -0.2, -0.05, 0.15, 0.3,
        ],
        "TEA" => [
            -0.4, -0.5, -0.2, 0.1, 0.2, 0.25, 0.25, 0.2, 0.15, 0.1, 0.0, -0.2,
        ],
        "MOBILE_PHONES" | "PHONE_PARTS" | "TV_SETS" => [
            -0.1, -0.15, -0.05, -0.05, 0.0, 0.0, 0.05, 0.1, 0.1, 0.1, 0.05, 0.0,
        ],
        "GARMENTS" | "SHOES_SPORTS" | "SHOES_LEATHER" | "YARN" | "FABRIC_NATURAL"
        | "FABRIC_SYNTH" => [
            0.0, -0.1, 0.0, 0.0, 0.0, 0.0, 0.05, 0.05, 0.05, 0.05, 0.0, 0.0,
        ],
        "AIR_CON" => [
            -0.2, -0.2, 0.1, 0.25, 0.25, 0.15, 0.0, -0.1, -0.1, -0.1, -0.1, -0.1,
        ],
        _ => [0.0; 12],
    }
}

/// (share of output lost over a month of Tết shutdown, boost over the weeks before Tết).
fn tet_sensitivity(product: &str) -> (f64, f64) {
    match product {
        "CRUDE_OIL" | "NAT_GAS" => (0.0, 0.0),
        "TAP_WATER" => (0.02, 0.0),
        "FUELS" | "LPG" => (0.02, 0.02),
        "ELEC_GEN" | "UREA" | "ALUMINA" | "GLASS" => (0.05, 0.0),
        "ELEC_SOLD" => (0.12, 0.02),
        "CRUDE_STEEL" => (0.1, 0.0),
        "CEMENT" | "COAL" | "BRICKS" => (0.5, 0.05),
        "GARMENTS" | "SHOES_SPORTS" | "SHOES_LEATHER" | "MOBILE_PHONES" | "PHONE_PARTS" => {
            (0.9, 0.08)
        }
        "BEER" => (0.6, 0.25),
        "SPIRITS" => (0.6, 0.3),
        "CIGARETTES" => (0.6, 0.2),
        "MSG" => (0.6, 0.15),
        "VEG_OIL" | "BOTTLED_WATER" => (0.6, 0.1),
        _ => (0.7, 0.05),
    }
}

/// Relative trend per year of a product (on top of its province's).
fn product_trend(product: &str) -> f64 {
    match product {
        "MOBILE_PHONES" => 0.03,
        "PHONE_PARTS" => 0.08,
        "TV_SETS" | "FRIDGES" | "WASHERS" | "AIR_CON" => 0.04,
        "CARS" => 0.05,
        "MOTORCYCLES" | "CIGARETTES" | "COAL" | "UREA" | "NPK" => -0.01,
        "ELEC_GEN" | "ELEC_SOLD" | "TAP_WATER" | "STEEL_BARS" | "ROLLED_STEEL" | "TYRES" => 0.03,
        "SHOES_SPORTS" | "SHOES_LEATHER" => 0.02,
        "FEED_LIVESTOCK" | "FEED_AQUA" | "MILK" | "PAPER" => 0.02,
        "SUGAR" => -0.02,
        _ => 0.0,
    }
}

/// The COVID-19 factor of a province in 2020–2021, relative to the nation.
fn covid(spec: &ProvinceSpec, region: Option<&str>, p: Period) -> f64 {
    if p.year() != 2021 {
        return 1.0;
    }
    let m = p.month() as usize;
    let table: [f64; 12] = match spec.code.as_str() {
        "79" => [
            1.0, 1.0, 1.0, 1.0, 1.0, 0.93, 0.76, 0.6, 0.58, 0.78, 0.93, 0.98,
        ],
        "24" => [1.0, 1.0, 1.0, 1.0, 0.78, 0.68, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0],
        "27" => [1.0, 1.0, 1.0, 1.0, 0.9, 0.86, 0.96, 1.0, 1.0, 1.0, 1.0, 1.0],
        _ if matches!(region, Some("southeast" | "mekong_delta")) => [
            1.0, 1.0, 1.0, 1.0, 1.0, 0.97, 0.9, 0.84, 0.84, 0.92, 0.98, 1.0,
        ],
        _ => [1.0; 12],
    };
    table[m - 1]
}

fn ramp(t: usize, start: Period, end: Period) -> f64 {
    let (s, e) = (index(start) as f64, index(end) as f64);
    let t = t as f64;
    if t <= s {
        0.0
    } else if t >= e {
        1.0
    } else {
        (t - s) / (e - s)
    }
}

/// The calibration ramp: 0 until 2021-06, 1 from 2022-06.
fn calibration_ramp(t: usize) -> f64 {
    ramp(
        t,
        Period::from_ordinal(2021 * 12 + 5),
        Period::from_ordinal(2022 * 12 + 5),
    )
}

/// Builds the raw shapes ρ(a,j,t) of one province's products (row-major:
/// cell, month).
fn raw_shapes(
    seed: u64,
    spec: &ProvinceSpec,
    region: Option<&str>,
    months: usize,
) -> Vec<Vec<f64>> {
    let basket = Product::basket();
    let area = spec.code.number() as u64;
    // Province noise, shared by its products: AR(1) in logs.
    let mut province_noise = vec![0.0; months];
    let mut z = 0.0;
    for (t, v) in province_noise.iter_mut().enumerate() {
        z = 0.8 * z + 0.012 * rng::normal(seed, &[1, area, t as u64]);
        *v = z;
    }
    spec.products
        .iter()
        .map(|&(j, _)| {
            let code = basket[j].code.as_str();
            let season = seasonal(code, spec);
            let (loss, boost) = tet_sensitivity(code);
            let trend = spec.trend + product_trend(code);
            let events: Vec<_> = structure::events()
                .iter()
                .filter(|e| e.area == spec.code && e.product == j)
                .collect();
            let mut z = 0.0;
            (0..months)
                .map(|t| {
                    let p = FIRST.add_months(t as i32);
                    z = 0.85 * z + 0.02 * rng::normal(seed, &[2, area, j as u64, t as u64]);
                    let mut log = trend * t as f64 / 12.0
                        + season[p.month() as usize - 1]
                        + (1.0 - loss * tet_shutdown(p) + boost * pre_tet(p)).ln()
                        + covid(spec, region, p).ln()
                        + z
                        + province_noise[t];
                    for e in &events {
                        log += e.factor.ln() * ramp(t, e.start, e.end);
                    }
                    log.exp()
                })
                .collect()
        })
        .collect()
}

/// Builds and calibrates the model from 2015-01 to `last` for a seed.
pub fn build(seed: u64, last: Period) -> Model {
    let geo = Geography::embedded();
    let basket = Product::basket();
    let national = national_path(last);
    let months = national.len();
    let specs = structure::provinces();
    let published_targets = published::provincial_targets();

    // Cells and weights, in integers (million VND).
    let mut cells = Vec::new();
    let mut provinces = Vec::new();
    let mut raw: Vec<Vec<f64>> = Vec::new();
    for (a, spec) in specs.iter().enumerate() {
        let start = cells.len();
        let region = geo
            .province(spec.code, BoundaryVersion::Pre2025)
            .and_then(|p| p.gso_region.as_deref());
        raw.extend(raw_shapes(seed, spec, region, months));
        for &(j, share) in &spec.products {
            let va = (spec.value_added * share / 100.0 * 1000.0).round() as i64;
            let output = (va as f64 * output_ratio(basket[j].class)).round() as i64;
            cells.push(Cell {
                province: a,
                product: j,
                value_added_m: va,
                output_value_m: output,
                base_quantity: output as f64 / 1000.0 / 12.0 / price(&basket[j].code),
                effective_weight: 0.0,
                index: Vec::new(),
            });
        }
        let value_added_m = cells[start..].iter().map(|c| c.value_added_m).sum();
        let (target, source) = match published_targets.iter().find(|f| f.area == spec.code) {
            Some(f) => (Some(f.pct), TargetSource::Published),
            None => match spec.intended_ytd_2022_09 {
                Some(v) => (Some(v), TargetSource::Intended),
                None => (None, TargetSource::Free),
            },
        };
        provinces.push(ProvinceModel {
            spec,
            value_added_m,
            path: Vec::new(),
            target_ytd_2022_09: target,
            target_source: source,
            cells: start..cells.len(),
        });
    }
    set_effective_weights(&mut cells, &provinces);
    let total_va: f64 = provinces.iter().map(|p| p.value_added_m as f64).sum();
    let w: Vec<f64> = provinces
        .iter()
        .map(|p| p.value_added_m as f64 / total_va)
        .collect();

    // k(a,j): every product index averages 100 over the base year.
    let base: Vec<usize> = Period::year_range(BASE_YEAR).iter().map(index).collect();
    let mut k: Vec<f64> = raw
        .iter()
        .map(|r| base.iter().map(|&t| r[t]).sum::<f64>() / 12.0)
        .collect();
    for _ in 0..100 {
        let s = shape_sum(&cells, &raw, &k, &w, None, &base);
        let mut change: f64 = 0.0;
        for (c, kc) in k.iter_mut().enumerate() {
            let mean = base
                .iter()
                .zip(&s)
                .map(|(&t, st)| national[t] * raw[c][t] / st)
                .sum::<f64>()
                / 12.0;
            let new = mean / 100.0;
            change = change.max((new / *kc - 1.0).abs());
            *kc = new;
        }
        if change < 1e-14 {
            break;
        }
    }

    // κ: each calibrated province's Jan–Sep 2022 growth hits its target.
    let window: Vec<usize> =
        (index(PROVINCIAL_TARGET_MONTH) - 20..=index(PROVINCIAL_TARGET_MONTH)).collect();
    let ramp_of: Vec<f64> = (0..months).map(calibration_ramp).collect();
    let mut kappa = vec![0.0; provinces.len()];
    for _ in 0..200 {
        let s = shape_sum(&cells, &raw, &k, &w, Some((&kappa, &ramp_of)), &window);
        let mut worst: f64 = 0.0;
        let mut steps = vec![0.0; provinces.len()];
        for (a, p) in provinces.iter().enumerate() {
            let Some(target) = p.target_ytd_2022_09 else {
                continue;
            };
            let path = |t: usize, i: usize| {
                let r: f64 = p
                    .cells
                    .clone()
                    .map(|c| cells[c].effective_weight * raw[c][t] / k[c])
                    .sum();
                national[t] * (kappa[a] * ramp_of[t]).exp() * r / s[i]
            };
            let (mut cur, mut prev) = (0.0, 0.0);
            for m in 0..9 {
                let t = index(PROVINCIAL_TARGET_MONTH) - 8 + m;
                cur += path(t, window.len() - 9 + m);
                prev += path(t - 12, window.len() - 21 + m);
            }
            let achieved = 100.0 * (cur / prev - 1.0);
            worst = worst.max((achieved - target).abs());
            steps[a] = ((1.0 + target / 100.0) / (1.0 + achieved / 100.0)).ln() / 0.8;
        }
        for (kp, st) in kappa.iter_mut().zip(&steps) {
            *kp += st;
        }
        if worst < 1e-9 {
            break;
        }
    }

    // The paths.
    let all: Vec<usize> = (0..months).collect();
    let s = shape_sum(&cells, &raw, &k, &w, Some((&kappa, &ramp_of)), &all);
    for (c, cell) in cells.iter_mut().enumerate() {
        let a = cell.province;
        cell.index = (0..months)
            .map(|t| national[t] * (kappa[a] * ramp_of[t]).exp() * raw[c][t] / (k[c] * s[t]))
            .collect();
    }
    for p in &mut provinces {
        p.path = (0..months)
            .map(|t| {
                p.cells
                    .clone()
                    .map(|c| cells[c].effective_weight * cells[c].index[t])
                    .sum()
            })
            .collect();
    }
    Model {
        last,
        national,
        provinces,
        cells,
    }
}

/// S(t) over `months`: Σₐ w(a) · C(a,t) · Σⱼ e(a,j) ρ(a,j,t)/k(a,j).
fn shape_sum(
    cells: &[Cell],
    raw: &[Vec<f64>],
    k: &[f64],
    w: &[f64],
    calibration: Option<(&[f64], &[f64])>,
    months: &[usize],
) -> Vec<f64> {
    months
        .iter()
        .map(|&t| {
            cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let cal = calibration
                        .map_or(1.0, |(kappa, ramp)| (kappa[cell.province] * ramp[t]).exp());
                    w[cell.province] * cal * cell.effective_weight * raw[c][t] / k[c]
                })
                .sum()
        })
        .collect()
}

/// e(a,j) exactly as the engine weighs: section share × division share ×
/// class share × output-value share within the class.
fn set_effective_weights(cells: &mut [Cell], provinces: &[ProvinceModel]) {
    let basket = Product::basket();
    for p in provinces {
        let range = p.cells.clone();
        let va_of = |node: Node, cells: &[Cell]| -> i64 {
            cells[range.clone()]
                .iter()
                .filter(|c| {
                    let mut n = Some(basket[c.product].class);
                    while let Some(x) = n {
                        if x == node {
                            return true;
                        }
                        n = x.parent();
                    }
                    false
                })
                .map(|c| c.value_added_m)
                .sum()
        };
        let weights: Vec<f64> = range
            .clone()
            .map(|c| {
                let class = basket[cells[c].product].class;
                let division = class.parent().expect("class has a division");
                let section = division.parent().expect("division has a section");
                let (s, d, k) = (
                    va_of(section, cells) as f64,
                    va_of(division, cells) as f64,
                    va_of(class, cells) as f64,
                );
                let total = va_of(Node::Total, cells) as f64;
                let class_output: i64 = cells[range.clone()]
                    .iter()
                    .filter(|x| basket[x.product].class == class)
                    .map(|x| x.output_value_m)
                    .sum();
                (s / total)
                    * (d / s)
                    * (k / d)
                    * (cells[c].output_value_m as f64 / class_output as f64)
            })
            .collect();
        for (c, e) in range.zip(weights) {
            cells[c].effective_weight = e;
        }
    }
}

/// Year-to-date growth of a path at month `month`.
pub fn ytd(path: &[f64], month: Period) -> f64 {
    let t = index(month);
    let m = month.month() as usize;
    let cur: f64 = path[t + 1 - m..=t].iter().sum();
    let prev: f64 = path[t + 1 - m - 12..=t - 12].iter().sum();
    100.0 * (cur / prev - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_add_up_to_the_nation_and_meet_their_targets() {
        let m = build(1, "2025-12".parse().unwrap());
        let total: f64 = m.provinces.iter().map(|p| p.value_added_m as f64).sum();
        for t in [0, 30, 90, 131] {
            let vn: f64 = m
                .provinces
                .iter()
                .map(|p| p.value_added_m as f64 * p.path[t])
                .sum::<f64>()
                / total;
            assert!((vn / m.national[t] - 1.0).abs() < 1e-12, "{t}: {vn}");
        }
        for c in &m.cells {
            let mean: f64 = c.index[..12].iter().sum::<f64>() / 12.0;
            assert!((mean - 100.0).abs() < 1e-9);
        }
        for p in &m.provinces {
            if let Some(target) = p.target_ytd_2022_09 {
                let got = ytd(&p.path, PROVINCIAL_TARGET_MONTH);
                assert!(
                    (got - target).abs() < 1e-6,
                    "{}: {got} vs {target}",
                    p.spec.code
                );
            }
        }
    }
}
