//! Property tests for the laws of the engine (contract, method steps 1–8).

mod common;

use std::collections::BTreeMap;

use common::{Case, growth_of};
use congthuong_core::{BoundaryVersion, Geography, Period};
use congthuong_engine::growth::growth;
use congthuong_engine::{Comparison, Compilation};
use proptest::prelude::*;

/// Products in four sections, two sharing a class.
const BASKET: [(&str, &str); 5] = [
    ("P1", "1010"),
    ("P2", "1010"),
    ("P3", "2410"),
    ("P4", "3511"),
    ("P5", "0510"),
];
/// Old codes, two of which (24 Bắc Giang, 27 Bắc Ninh) merge into 24 in 2025.
const AREAS: [&str; 4] = ["01", "24", "27", "31"];
const NODES: [&str; 13] = [
    "1010", "2410", "3511", "0510", "10", "24", "35", "05", "B", "C", "D", "E", "3600",
];

#[derive(Clone, Debug)]
struct Gen {
    /// quantity[area][product][month] over 2015-01..2016-12.
    q: Vec<Vec<Vec<f64>>>,
    present: Vec<Vec<bool>>,
    ov: Vec<Vec<Option<f64>>>,
    va: Vec<Vec<Option<f64>>>,
}

fn gen_strategy(full_rows: bool) -> impl Strategy<Value = Gen> {
    let area = (
        prop::collection::vec(
            prop::collection::vec(prop_oneof![1 => Just(0.0), 6 => 1.0..1000.0f64], 24),
            5,
        ),
        prop::collection::vec(prop::bool::weighted(0.85), 5),
        prop::collection::vec(
            prop_oneof![1 => Just(None), 6 => (0.0..100.0f64).prop_map(Some)],
            5,
        ),
        prop::collection::vec(
            prop_oneof![if full_rows { 0 } else { 1 } => Just(None), 6 => (1.0..100.0f64).prop_map(Some)],
            NODES.len(),
        ),
    );
    prop::collection::vec(area, AREAS.len()).prop_map(|areas| {
        let mut g = Gen {
            q: vec![],
            present: vec![],
            ov: vec![],
            va: vec![],
        };
        for (q, p, ov, va) in areas {
            g.q.push(q);
            g.present.push(p);
            g.ov.push(ov);
            g.va.push(va);
        }
        g
    })
}

impl Gen {
    fn case(&self, quantity: impl Fn(usize, usize, usize, f64) -> f64) -> Case {
        let mut c = Case::new(2015);
        for (code, class) in BASKET {
            c = c.product(code, class);
        }
        let months: Vec<Period> = Period::year_range(2015)
            .iter()
            .chain(Period::year_range(2016).iter())
            .collect();
        for (a, area) in AREAS.iter().enumerate() {
            for (j, (product, _)) in BASKET.iter().enumerate() {
                if self.present[a][j] {
                    for (t, m) in months.iter().enumerate() {
                        c = c.line(
                            &m.to_string(),
                            area,
                            product,
                            quantity(a, j, t, self.q[a][j][t]),
                        );
                    }
                }
                if let Some(v) = self.ov[a][j] {
                    c = c.ov(area, product, v);
                }
            }
            for (n, node) in NODES.iter().enumerate() {
                if let Some(v) = self.va[a][n] {
                    c = c.va(area, node, v);
                }
            }
        }
        c
    }
}

fn series(c: &Compilation) -> BTreeMap<(String, String), Vec<f64>> {
    c.index
        .iter()
        .map(|s| ((s.area.to_string(), s.code.clone()), s.values.clone()))
        .collect()
}

fn rel_close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Quantities equal to the base-year average give 100 everywhere.
    #[test]
    fn base_average_quantities_give_100_everywhere(g in gen_strategy(false)) {
        let c = g.case(|a, j, _, _| 10.0 + (a * 7 + j) as f64).group("g", &AREAS).compile(BoundaryVersion::Pre2025);
        prop_assert!(!c.index.is_empty());
        for s in &c.index {
            for v in &s.values {
                prop_assert!(rel_close(*v, 100.0), "{} {} {v}", s.area, s.code);
            }
        }
    }

    /// Scaling every quantity of an area (base year included) leaves its
    /// indices unchanged; scaling only the months after the base year by c
    /// scales those months' indices by c.
    #[test]
    fn scaling_laws(g in gen_strategy(false), c in 0.1..10.0f64, area in 0usize..AREAS.len()) {
        let base = series(&g.case(|_, _, _, q| q).compile(BoundaryVersion::Pre2025));
        let all = series(&g.case(|a, _, _, q| if a == area { q * c } else { q }).compile(BoundaryVersion::Pre2025));
        let later = series(&g.case(|a, _, t, q| if a == area && t >= 12 { q * c } else { q }).compile(BoundaryVersion::Pre2025));
        prop_assert_eq!(base.keys().collect::<Vec<_>>(), all.keys().collect::<Vec<_>>());
        for (key, values) in &base {
            for (t, v) in values.iter().enumerate() {
                prop_assert!(rel_close(all[key][t], *v));
                let expected = if key.0 == AREAS[area] && t >= 12 { v * c } else { *v };
                prop_assert!(rel_close(later[key][t], expected), "{key:?} t={t}: {} vs {expected}", later[key][t]);
            }
        }
    }

    /// A group of one area equals that area (at every node where the area
    /// weighs something: a node the area has with weight 0 has no group
    /// index, as the contract's weighted mean is then undefined).
    #[test]
    fn a_group_of_one_area_equals_that_area(g in gen_strategy(false), area in 0usize..AREAS.len()) {
        let c = g.case(|_, _, _, q| q).group("solo", &[AREAS[area]]).compile(BoundaryVersion::Pre2025);
        let s = series(&c);
        for ((_, code), group) in s.iter().filter(|(k, _)| k.0 == "solo") {
            let values = &s[&(AREAS[area].to_owned(), code.clone())];
            for (x, y) in values.iter().zip(group) {
                prop_assert!(rel_close(*x, *y));
            }
        }
        let total = (AREAS[area].to_owned(), "TOTAL".to_owned());
        prop_assert_eq!(s.contains_key(&total), s.contains_key(&("solo".to_owned(), "TOTAL".to_owned())));
    }

    /// Contributions add up to the parent's growth (within 1e-9 pp), for
    /// every parent of an area and for a group's total over its members.
    #[test]
    fn contributions_add_up_to_the_parents_growth(g in gen_strategy(false)) {
        let c = g.case(|_, _, _, q| q).group("g", &AREAS).compile(BoundaryVersion::Pre2025);
        let mut sums: BTreeMap<(String, String, Comparison, String, bool), Vec<f64>> = BTreeMap::new();
        for s in &c.contributions {
            let by_area = s.child_level == congthuong_core::Level::Area;
            if s.area.to_string() == "g" && !by_area {
                continue;
            }
            let e = sums.entry((s.area.to_string(), s.parent.clone(), s.comparison, String::new(), by_area)).or_insert_with(|| vec![0.0; c.range.len()]);
            for (t, v) in s.values.iter().enumerate() {
                if let Some(v) = v { e[t] += v; }
            }
        }
        prop_assert!(!sums.is_empty());
        for ((area, parent, cmp, _, _), sum) in &sums {
            let s = c.index.iter().find(|s| s.area.to_string() == *area && s.code == *parent).unwrap();
            for (t, total) in sum.iter().enumerate() {
                if let Some(gr) = growth(&s.values, c.range.first, t, *cmp) {
                    let has_rows = c.contributions.iter().any(|x| x.area.to_string() == *area && x.parent == *parent && x.comparison == *cmp && x.values[t].is_some());
                    if has_rows {
                        prop_assert!((gr - total).abs() < 1e-9 * gr.abs().max(1.0), "{area} {parent} {cmp:?} t={t}: growth {gr} vs sum {total}");
                    }
                }
            }
        }
    }

    /// Compiling with --boundaries 2025 equals compiling the same inputs
    /// after rewriting their codes to the 2025 provinces (weights of merged
    /// provinces summed; with a row at every level, summing rows and
    /// summing resolved weights agree).
    #[test]
    fn boundaries_2025_equals_rewriting_the_codes(g in gen_strategy(true)) {
        let geo = Geography::embedded();
        let original = g.case(|_, _, _, q| q).group("g", &["24", "27", "31"]);
        let forward = |c: &str| geo.successor(congthuong_core::AreaCode::parse(c).unwrap()).unwrap().to_string();
        let mut rewritten = original.clone();
        for l in &mut rewritten.lines { l.1 = forward(&l.1); }
        let mut va: BTreeMap<(String, String), f64> = BTreeMap::new();
        for (a, n, v) in &original.industry { *va.entry((forward(a), n.clone())).or_default() += v; }
        rewritten.industry = va.into_iter().map(|((a, n), v)| (a, n, v)).collect();
        let mut ov: BTreeMap<(String, String), f64> = BTreeMap::new();
        for (a, p, v) in &original.product_weights { *ov.entry((forward(a), p.clone())).or_default() += v; }
        rewritten.product_weights = ov.into_iter().map(|((a, p), v)| (a, p, v)).collect();
        rewritten.groups = vec![("g".into(), vec!["24".into(), "31".into()])];
        let (x, y) = (series(&original.compile(BoundaryVersion::V2025)), series(&rewritten.compile(BoundaryVersion::V2025)));
        prop_assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
        for (k, v) in &x {
            for (a, b) in v.iter().zip(&y[k]) {
                prop_assert!(rel_close(*a, *b), "{k:?}");
            }
        }
    }
}

/// A group's TOTAL ← sections contributions add up to its growth when every
/// member has every section.
#[test]
fn group_section_contributions_add_up_when_members_have_every_section() {
    let mut c = Case::new(2015);
    for (code, class) in BASKET {
        c = c.product(code, class);
    }
    for (a, area) in ["01", "31"].iter().enumerate() {
        for (j, (product, class)) in BASKET.iter().enumerate() {
            c = c
                .ov(area, product, 1.0 + j as f64)
                .va(area, class, 1.0)
                .va(area, &class[..2], 2.0);
            for m in Period::year_range(2015)
                .iter()
                .chain(Period::year_range(2016).iter())
            {
                let q = 50.0 + (a * 13 + j * 7 + m.month() as usize * 3) as f64;
                c = c.line(&m.to_string(), area, product, q);
            }
        }
        for (s, w) in [("B", 10.0), ("C", 60.0), ("D", 25.0)] {
            c = c.va(area, s, w * (a + 1) as f64);
        }
    }
    let out = c
        .group("g", &["01", "31"])
        .compile(BoundaryVersion::Pre2025);
    for cmp in Comparison::ALL {
        let total = growth_of(&out, "g", "TOTAL", "2016-09", cmp).unwrap();
        let sum: f64 = ["B", "C", "D"]
            .iter()
            .map(|s| common::contribution(&out, "g", "2016-09", cmp, "TOTAL", s).unwrap())
            .sum();
        assert!((total - sum).abs() < 1e-9, "{cmp:?}: {total} vs {sum}");
    }
}
