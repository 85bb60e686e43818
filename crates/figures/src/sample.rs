//! A small synthetic release over every province, 2024-01 … 2025-12 (not
//! real data), for tests and examples of the crates that read figures.
//! Built through the real engine.

use std::collections::BTreeMap;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Node, Period};
use congthuong_engine::{AreaWeights, Basket, ProductDef, QuantityAccumulator, RawInputs, Weights};

use crate::{ReferencePoint, ReleaseData, ReleaseMeta, Target, View};

const PRODUCTS: [(&str, &str); 3] = [("COAL", "0510"), ("CEMENT", "2394"), ("ELEC_GEN", "3511")];

fn growth_of(code: AreaCode) -> f64 {
    // A spread of yearly growth rates, -6 % … +40 %.
    ((code.number() * 37) % 47) as f64 - 6.0
}

fn raw(last: Period) -> RawInputs {
    let geo = Geography::embedded();
    let basket = Basket::new(
        PRODUCTS
            .iter()
            .map(|(c, k)| ProductDef {
                code: (*c).into(),
                class: Node::parse_class(k).unwrap(),
            })
            .collect(),
    )
    .unwrap();
    let mut weights = Weights::default();
    for p in geo.provinces(BoundaryVersion::Pre2025) {
        let w = weights
            .areas
            .entry(p.code)
            .or_insert_with(AreaWeights::default);
        for (j, (_, class)) in PRODUCTS.iter().enumerate() {
            let node = Node::parse_class(class).unwrap();
            w.products.insert(j, 1.0);
            w.set_node(node, 1.0 + j as f64);
            w.set_node(node.parent().unwrap(), 1.0 + j as f64);
            w.set_node(
                node.parent().unwrap().parent().unwrap(),
                10.0 + (p.code.number() % 7) as f64 * (1.0 + j as f64),
            );
        }
    }
    let mut q = QuantityAccumulator::new(basket.len());
    let first: Period = "2024-01".parse().unwrap();
    for t in 0..=first.months_until(last) {
        let period = first.add_months(t);
        let version = BoundaryVersion::in_force(period);
        for p in geo.provinces(version) {
            let g = if version == BoundaryVersion::Pre2025 {
                growth_of(p.code)
            } else {
                growth_of(geo.predecessors(p.code)[0])
            };
            let season = 1.0 + 0.1 * ((period.month() as f64) / 2.0).sin();
            let trend = (1.0 + g / 100.0).powf(t as f64 / 12.0);
            let size = if version == BoundaryVersion::Pre2025 {
                1.0
            } else {
                geo.predecessors(p.code).len() as f64
            };
            for j in 0..basket.len() {
                let v = 1000.0 * size * season * trend * (1.0 + j as f64);
                q.add_scaled(period, p.code, j, (v * 1e9).round() as i128);
            }
        }
    }
    let groups = geo
        .groups_with_subregions()
        .iter()
        .map(|g| (g.id().to_owned(), g.members(BoundaryVersion::Pre2025, geo)))
        .collect();
    RawInputs {
        basket,
        weights,
        quantities: q,
        groups,
        base_year: 2024,
    }
}

/// A release of synthetic figures, 2024-01 … 2025-12, on both boundary versions.
pub fn release() -> ReleaseData {
    let geo = Geography::embedded();
    let v2025 = raw("2025-12".parse().unwrap())
        .compile(BoundaryVersion::V2025, geo)
        .unwrap();
    let pre = raw("2025-06".parse().unwrap())
        .compile(BoundaryVersion::Pre2025, geo)
        .unwrap();
    let mut reference = BTreeMap::new();
    reference.insert(
        "2025-06".parse().unwrap(),
        ReferencePoint {
            yoy_pct: Some(10.3),
            ytd_pct: Some(9.59),
            source: "test".into(),
        },
    );
    let mut data = ReleaseData {
        meta: ReleaseMeta {
            id: 1,
            period: "2025-12".parse().unwrap(),
            created_at: "2026-01-01T00:00:00Z".into(),
            note: "test".into(),
            synthetic: true,
        },
        views: vec![
            View::new(BoundaryVersion::V2025, &v2025),
            View::new(BoundaryVersion::Pre2025, &pre),
        ],
        indicators: Default::default(),
        // Merged Bắc Ninh's 2025 target (34-province map) and old Bắc
        // Giang's and old Bắc Ninh's 2024 ones (63-province map): code 24
        // is a different unit on each.
        targets: [
            ("24", 2025, "retail_sales", 50_000.0),
            ("24", 2024, "retail_sales", 10_000.0),
            ("27", 2024, "retail_sales", 14_000.0),
            ("24", 2024, "iip_growth", 20.0),
        ]
        .into_iter()
        .map(|(area, year, indicator, target)| Target {
            area: area.into(),
            boundaries: crate::targets::set_on(year),
            year,
            indicator: indicator.into(),
            target,
        })
        .collect(),
        reference,
    };
    let first: Period = "2024-01".parse().unwrap();
    for t in 0..24 {
        let p = first.add_months(t);
        for pr in geo.provinces(BoundaryVersion::in_force(p)) {
            data.add_indicator(
                pr.code,
                p,
                "retail_sales",
                1000.0 + t as f64 * 10.0,
                "billion_vnd",
                if t == 23 { "provisional" } else { "revised" },
            );
        }
    }
    data
}
