//! The synthetic industrial structure of the 63 provinces in the base year
//! 2015: each province's value added, which products it makes and in
//! what shares, and what those products sell for.
//!
//! Embedded from `crates/demo/data/provinces.csv` (one line per province:
//! industrial value added in billion VND, a rough population in
//! thousands, a relative trend, the intended January–September 2022
//! growth where no published figure exists, and the province's
//! specialities as `PRODUCT:percent` of its value added) and
//! `crates/demo/data/events.csv` (plants that open or stop). The rest of
//! a province's value added is spread over a generic mix every province
//! has (electricity distribution, water, bricks, feed, beer, garments…).
//! The magnitudes are plausible, not statistics.
//!
//! Weights are kept as integers in million VND (`millis` of a billion),
//! so a division's row is exactly the sum of its classes' rows and a
//! section's exactly the sum of its divisions'.

use std::sync::LazyLock;

use congthuong_core::{AreaCode, Node, Period, Product, Section};

const PROVINCES: &str = include_str!("../data/provinces.csv");
const EVENTS: &str = include_str!("../data/events.csv");

/// The generic mix that fills what a province's specialities leave.
const GENERIC: [(&str, f64); 12] = [
    ("ELEC_SOLD", 14.0),
    ("TAP_WATER", 4.0),
    ("BRICKS", 7.0),
    ("FEED_LIVESTOCK", 9.0),
    ("BEER", 7.0),
    ("BOTTLED_WATER", 4.0),
    ("GARMENTS", 20.0),
    ("SPIRITS", 3.0),
    ("LAUNDRY_SOAP", 4.0),
    ("PAPER", 5.0),
    ("STEEL_BARS", 6.0),
    ("PAINT", 3.0),
];

/// One province of the base year.
#[derive(Clone, Debug)]
pub struct ProvinceSpec {
    /// Pre-2025 code.
    pub code: AreaCode,
    /// Short name.
    pub name: String,
    /// Industrial value added 2015, billion VND.
    pub value_added: f64,
    /// Rough population, thousands (scales retail sales).
    pub population_k: f64,
    /// Growth relative to the nation, per year (0.01 = one point).
    pub trend: f64,
    /// Intended January–September 2022 growth, percent, where no
    /// published figure exists.
    pub intended_ytd_2022_09: Option<f64>,
    /// (basket index, share of value added in percent), basket order.
    pub products: Vec<(usize, f64)>,
}

/// A plant opening, closing or changing output: the product's level moves
/// by `factor` between `start` and `end` (geometrically, month by month).
#[derive(Clone, Debug)]
pub struct Event {
    /// Pre-2025 code.
    pub area: AreaCode,
    /// Basket index.
    pub product: usize,
    /// First month of the change.
    pub start: Period,
    /// Month the change is complete.
    pub end: Period,
    /// Total change.
    pub factor: f64,
}

fn basket_index(code: &str) -> usize {
    Product::basket()
        .iter()
        .position(|p| p.code == code)
        .unwrap_or_else(|| panic!("demo structure: unknown product {code}"))
}

static SPECS: LazyLock<Vec<ProvinceSpec>> = LazyLock::new(|| {
    let mut r = csv::Reader::from_reader(PROVINCES.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.expect("embedded provinces.csv");
            let mut shares = vec![0.0; Product::basket().len()];
            let mut special = 0.0;
            for item in rec[6].split_whitespace() {
                let (code, pct) = item.split_once(':').expect("PRODUCT:percent");
                let pct: f64 = pct.parse().expect("percent");
                shares[basket_index(code)] += pct;
                special += pct;
            }
            assert!(special < 100.0, "{}: specialities exceed 100 %", &rec[0]);
            let generic_total: f64 = GENERIC.iter().map(|(_, w)| w).sum();
            for (code, w) in GENERIC {
                shares[basket_index(code)] += (100.0 - special) * w / generic_total;
            }
            ProvinceSpec {
                code: AreaCode::parse(&rec[0]).expect("area code"),
                name: rec[1].to_owned(),
                value_added: rec[2].parse().expect("va_2015"),
                population_k: rec[3].parse().expect("population_k"),
                trend: rec[4].parse::<f64>().expect("trend_pct") / 100.0,
                intended_ytd_2022_09: (!rec[5].is_empty())
                    .then(|| rec[5].parse().expect("ytd_2022_09")),
                products: shares
                    .into_iter()
                    .enumerate()
                    .filter(|(_, s)| *s > 0.0)
                    .collect(),
            }
        })
        .collect()
});

static EVENT_LIST: LazyLock<Vec<Event>> = LazyLock::new(|| {
    let mut r = csv::Reader::from_reader(EVENTS.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.expect("embedded events.csv");
            Event {
                area: AreaCode::parse(&rec[0]).expect("area"),
                product: basket_index(&rec[1]),
                start: rec[2].parse().expect("start"),
                end: rec[3].parse().expect("end"),
                factor: rec[4].parse().expect("factor"),
            }
        })
        .collect()
});

/// The 63 provinces, in code order.
pub fn provinces() -> &'static [ProvinceSpec] {
    &SPECS
}

/// The plant events.
pub fn events() -> &'static [Event] {
    &EVENT_LIST
}

/// Gross output per unit of value added, by class: constant across
/// provinces, so weights of merged provinces add up consistently.
pub fn output_ratio(class: Node) -> f64 {
    let code = class.to_string();
    match code.as_str() {
        "2630" => 8.0,
        "1920" | "2910" | "1080" | "2410" => 6.0,
        "3091" => 5.0,
        "0610" | "0620" => 1.3,
        _ => match class.parent().and_then(|d| d.parent()) {
            Some(Node::Section(Section::B)) => 1.6,
            Some(Node::Section(Section::D)) => 2.2,
            Some(Node::Section(Section::E)) => 2.0,
            _ => 4.0,
        },
    }
}

/// Base-year price of one unit of a product, billion VND (the same in
/// every province). Plausible magnitudes, not statistics.
pub fn price(product: &str) -> f64 {
    match product {
        "COAL" => 0.0016,
        "CRUDE_OIL" => 0.008,
        "NAT_GAS" => 4.0,
        "APATITE" => 0.001,
        "SEAFOOD" => 0.1,
        "VEG_OIL" | "MILK" => 0.025,
        "MILK_POWDER" => 0.2,
        "SUGAR" | "CIGARETTES" | "PAPER" | "LPG" | "FUELS" => 0.015,
        "TEA" => 0.06,
        "COFFEE" => 0.08,
        "MSG" | "FABRIC_NATURAL" | "FABRIC_SYNTH" | "LAUNDRY_SOAP" => 0.03,
        "FEED_LIVESTOCK" => 0.01,
        "FEED_AQUA" => 0.012,
        "SPIRITS" | "PAINT" => 0.04,
        "BEER" => 0.02,
        "BOTTLED_WATER" => 0.005,
        "YARN" => 0.05,
        "GARMENTS" => 0.0001,
        "SHOES_LEATHER" => 0.0004,
        "SHOES_SPORTS" => 0.0003,
        "UREA" | "ALUMINA" => 0.007,
        "NPK" | "TAP_WATER" => 0.008,
        "SHAMPOO" => 0.08,
        "SHOWER_GEL" => 0.06,
        "TYRES" => 0.002,
        "GLASS" => 0.15,
        "BRICKS" => 0.001,
        "CERAMIC_TILES" | "TRANSFORMERS" => 0.1,
        "CEMENT" => 0.0012,
        "CRUDE_STEEL" => 0.009,
        "ROLLED_STEEL" => 0.012,
        "STEEL_BARS" => 0.011,
        "MOBILE_PHONES" => 0.004,
        "PHONE_PARTS" => 0.001,
        "TV_SETS" | "FRIDGES" => 0.006,
        "WASHERS" => 0.005,
        "AIR_CON" => 0.008,
        "CARS" => 0.6,
        "MOTORCYCLES" => 0.025,
        "ELEC_GEN" => 1.2,
        "ELEC_SOLD" => 1.6,
        other => panic!("no demo price for {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use congthuong_core::{BoundaryVersion, Geography};

    #[test]
    fn every_province_once_with_shares_adding_to_100() {
        let geo = Geography::embedded();
        let codes: Vec<AreaCode> = provinces().iter().map(|p| p.code).collect();
        let expected: Vec<AreaCode> = geo
            .provinces(BoundaryVersion::Pre2025)
            .iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(codes, expected);
        for p in provinces() {
            let total: f64 = p.products.iter().map(|(_, s)| s).sum();
            assert!((total - 100.0).abs() < 1e-9, "{}: {total}", p.code);
            assert!(p.value_added > 0.0 && p.population_k > 0.0);
        }
        for p in Product::basket() {
            assert!(price(&p.code) > 0.0);
        }
        assert!(!events().is_empty());
    }
}
