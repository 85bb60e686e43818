//! The worked examples of `tests/fixtures` (copied from
//! `shared/fixtures/iip`), each compiled through the engine and compared
//! with its known answers.

mod common;

use std::collections::BTreeMap;

use common::{Case, close, contribution, growth_of, index};
use congthuong_core::{BoundaryVersion, Period};
use congthuong_engine::Comparison;
use congthuong_engine::growth::growth;
use congthuong_engine::link::{Overlap, chain_link, link_factor, rereference};
use congthuong_engine::quarterly::{QuarterlyOverlap, QuarterlyProduct, chain_quarterly};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// Half-up rounding to `d` decimals, as GSO publishes (via the decimal
/// string, so 8.35 → 8.4).
fn round_half_up(x: f64, d: usize) -> f64 {
    let s = format!("{:.*}", d + 6, x);
    let scaled: f64 = s.parse::<f64>().unwrap() * 10f64.powi(d as i32);
    (scaled + 0.5 * scaled.signum()).trunc() / 10f64.powi(d as i32)
}

#[test]
fn f01_laspeyres_quantity_index_in_weighted_relatives_form() {
    let fx = fixture("f01_laspeyres_textbook_4goods.json");
    let mut case = Case::new(2015).va("01", "1010", 1.0);
    for item in fx["inputs"]["items"].as_array().unwrap() {
        let code = item["item"].as_str().unwrap();
        let (p0, q0, q1) = (f(&item["p0"]), f(&item["q0"]), f(&item["q1"]));
        case = case
            .product(code, "1010")
            .ov("01", code, p0 * q0)
            .year_of(2015, "01", code, q0)
            .line("2016-01", "01", code, q1);
    }
    let c = case.compile(BoundaryVersion::Pre2025);
    let class = index(&c, "01", "1010", "2016-01").unwrap();
    assert!(close(class, 100.0 * 8160.0 / 6160.0, 1e-9), "{class}");
    assert_eq!(
        round_half_up(class, 2),
        f(&fx["expected"]["laspeyres_quantity_index"])
    );
    assert!(close(
        index(&c, "01", "1010", "2015-06").unwrap(),
        100.0,
        1e-12
    ));
}

#[test]
fn f02_published_section_contributions_add_up_through_the_engine() {
    let fx = fixture("f02_gso_sector_contributions_real.json");
    let classes = [("B", "0510"), ("C", "1010"), ("D", "3510"), ("E", "3600")];
    for case in fx["cases"].as_array().unwrap() {
        let total = f(&case["total_pct"]);
        let sections = case["sections"].as_object().unwrap();
        let tol = sections.len() as f64 * 0.05 + 0.05;
        // Give each section the published growth and the effective weight
        // its published contribution implies (contribution / growth).
        let mut c = Case::new(2015);
        for (letter, class) in classes {
            let pair = sections[letter].as_array().unwrap();
            let (g, pp) = (f(&pair[0]), f(&pair[1]));
            let code = format!("P{letter}");
            c = c
                .product(&code, class)
                .ov("01", &code, 1.0)
                .va("01", letter, pp / g)
                .year_of(2015, "01", &code, 100.0);
            c = c.line("2016-01", "01", &code, 100.0).line(
                "2017-01",
                "01",
                &code,
                100.0 * (1.0 + g / 100.0),
            );
            c = c.va("01", class, 1.0).va("01", &class[..2], 1.0);
        }
        let out = c.compile(BoundaryVersion::Pre2025);
        let ours = growth_of(&out, "01", "TOTAL", "2017-01", Comparison::Yoy).unwrap();
        let published_sum: f64 = sections.values().map(|p| f(&p[1])).sum();
        assert!(
            close(published_sum, total, tol),
            "{}: published contributions add up",
            case["period"]
        );
        // The rounded figures imply effective shares (contribution ÷
        // growth); the engine, given them as weights, reproduces each
        // published contribution up to their (rounding-affected) sum.
        let shares: f64 = sections.values().map(|p| f(&p[1]) / f(&p[0])).sum();
        let mut sum = 0.0;
        for (letter, _) in classes {
            let pair = sections[letter].as_array().unwrap();
            let engine =
                contribution(&out, "01", "2017-01", Comparison::Yoy, "TOTAL", letter).unwrap();
            assert!(
                close(engine * shares, f(&pair[1]), 1e-9),
                "{} {letter}",
                case["period"]
            );
            assert!(close(
                growth_of(&out, "01", letter, "2017-01", Comparison::Yoy).unwrap(),
                f(&pair[0]),
                1e-9
            ));
            sum += engine;
        }
        assert!(close(sum, ours, 1e-9), "contributions add up to the growth");
    }
}

#[test]
fn f03_year_to_date_is_the_ratio_of_sums_of_monthly_levels() {
    let fx = fixture("f03_gso_ytd_from_monthly_real.json");
    let tol = f(&fx["tolerance_pp"]);
    let checked: Vec<u64> = fx["checked_months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_u64().unwrap())
        .collect();
    for case in fx["cases"].as_array().unwrap() {
        let year = case["year"].as_i64().unwrap() as i32;
        let moms: Vec<f64> = case["prev_year_mom_pct_first_release"]
            .as_array()
            .unwrap()
            .iter()
            .map(f)
            .collect();
        let yoys = case["monthly_yoy"].as_array().unwrap();
        let mut prev = Vec::new();
        let mut level = 100.0;
        for m in &moms {
            level *= 1.0 + m / 100.0;
            prev.push(level);
        }
        for expected in case["expected_published_ytd"].as_array().unwrap() {
            let month = expected["month"].as_u64().unwrap();
            if !checked.contains(&month) {
                continue;
            }
            // Months before t carry the revised y/y, month t its first release.
            let mut series = prev.clone();
            for (i, y) in yoys.iter().enumerate().take(month as usize) {
                let key = if i + 1 == month as usize {
                    "yoy_pct_first"
                } else {
                    "yoy_pct_revised"
                };
                series.push(prev[i] * (1.0 + f(&y[key]) / 100.0));
            }
            let first = Period::new(year - 1, 1).unwrap();
            let ours = growth(&series, first, series.len() - 1, Comparison::Ytd).unwrap();
            let published = f(&expected["published_ytd_pct_first_release"]);
            assert!(
                close(ours, published, tol),
                "{year}-{month:02}: ours {ours:.3} published {published}"
            );
        }
    }
}

#[test]
fn f04_five_steps_from_products_to_total() {
    let fx = fixture("f04_vsic_hierarchy_5step_synthetic.json");
    let inp = &fx["inputs"];
    let exp = &fx["expected"];
    let mut c = Case::new(2015);
    for (i, p) in inp["products"].as_array().unwrap().iter().enumerate() {
        let code = format!("P{i}");
        let class = p["vsic4"].as_str().unwrap();
        let q0 = f(&p["q0_monthly_avg_base_year"]);
        // Same month last year: C products at 90 % of base, D at 100 %.
        let prev = if class.starts_with("35") {
            q0
        } else {
            0.9 * q0
        };
        c = c
            .product(&code, class)
            .ov("01", &code, f(&p["w_output_value_base_year"]))
            .year_of(2015, "01", &code, q0);
        c = c
            .line("2016-01", "01", &code, prev)
            .line("2017-01", "01", &code, f(&p["q_current"]));
    }
    for key in [
        "va_weights_vsic4_within_vsic2",
        "va_weights_vsic2_within_vsic1",
        "va_weights_vsic1_within_total",
    ] {
        for (node, v) in inp[key].as_object().unwrap() {
            c = c.va("01", node, f(v));
        }
    }
    let out = c.compile(BoundaryVersion::Pre2025);
    let at = |code: &str| index(&out, "01", code, "2017-01").unwrap();
    for (i, p) in inp["products"].as_array().unwrap().iter().enumerate() {
        let name = p["product"].as_str().unwrap();
        assert!(
            close(at(&format!("P{i}")), f(&exp["product_index"][name]), 1e-9),
            "{name}"
        );
    }
    for level in ["vsic4", "vsic2", "vsic1"] {
        for (code, v) in exp[level].as_object().unwrap() {
            assert!(close(at(code), f(v), 1e-9), "{code}: {} vs {v}", at(code));
        }
    }
    assert!(close(at("TOTAL"), f(&exp["total_vs_base"]), 1e-9));
    assert!(close(
        index(&out, "01", "TOTAL", "2016-01").unwrap(),
        f(&exp["total_same_month_prev_year_vs_base"]),
        1e-9
    ));
    let yoy = growth_of(&out, "01", "TOTAL", "2017-01", Comparison::Yoy).unwrap();
    assert!(close(100.0 + yoy, f(&exp["total_yoy_index"]), 1e-9));
    for (section, v) in exp["contribution_pp_yoy"].as_object().unwrap() {
        let ours = contribution(&out, "01", "2017-01", Comparison::Yoy, "TOTAL", section).unwrap();
        assert!(close(ours, f(v), 1e-12), "{section}: {ours}");
    }
}

#[test]
fn f05_region_from_provincial_levels_not_growth_rates() {
    let fx = fixture("f05_regional_aggregation_synthetic.json");
    let mut c = Case::new(2015).product("X", "1010");
    let codes = ["01", "02"];
    for (p, code) in fx["inputs"]["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .zip(codes)
    {
        c = c
            .ov(code, "X", 1.0)
            .va(code, "1010", 1.0)
            .va(code, "10", 1.0)
            .va(code, "C", f(&p["w_base_year_industrial_va"]));
        c = c.year_of(2015, code, "X", 100.0).line(
            "2016-01",
            code,
            "X",
            f(&p["index_prev_year_same_period"]),
        );
        c = c.line("2017-01", code, "X", f(&p["index_current"]));
    }
    let out = c.group("region", &codes).compile(BoundaryVersion::Pre2025);
    let exp = &fx["expected"];
    assert!(close(
        index(&out, "region", "TOTAL", "2016-01").unwrap(),
        f(&exp["region_index_prev"]),
        1e-9
    ));
    assert!(close(
        index(&out, "region", "TOTAL", "2017-01").unwrap(),
        f(&exp["region_index_current"]),
        1e-9
    ));
    let yoy = growth_of(&out, "region", "TOTAL", "2017-01", Comparison::Yoy).unwrap();
    assert!(close(yoy, f(&exp["region_yoy_pct"]), 1e-9));
    assert!(
        !close(yoy, f(&exp["wrong_simple_mean_of_growth_pct"]), 0.1)
            && !close(yoy, f(&exp["wrong_base_weighted_mean_of_growth_pct"]), 0.1)
    );
    for ((name, v), code) in exp["contribution_pp"]
        .as_object()
        .unwrap()
        .iter()
        .zip(codes)
    {
        let ours = contribution(&out, "region", "2017-01", Comparison::Yoy, "TOTAL", code).unwrap();
        assert!(close(ours, f(v), 1e-9), "{name}");
    }
    let national = f(&fx["inputs"]["national_yoy_pct_for_comparison"]);
    let above = codes
        .iter()
        .filter(|a| growth_of(&out, a, "TOTAL", "2017-01", Comparison::Yoy).unwrap() > national)
        .count();
    assert_eq!(
        above as u64,
        exp["count_provinces_above_national"].as_u64().unwrap()
    );
}

#[test]
fn f06_chain_link_and_rereference() {
    let fx = fixture("f06_chain_link_and_rereference_synthetic.json");
    let inp = &fx["inputs"];
    let exp = &fx["expected"];
    let year = |y: i32, key: &str| -> BTreeMap<Period, f64> {
        Period::year_range(y)
            .iter()
            .zip(inp[key].as_array().unwrap().iter().map(f))
            .collect()
    };
    let overlap_year = inp["overlap_year"].as_i64().unwrap() as i32;
    let old = year(overlap_year, "old_base2010_2017_monthly");
    let mut new = year(overlap_year, "new_base2015_2017_monthly");
    new.extend(year(overlap_year + 1, "new_base2015_2018_monthly"));
    let dec = Period::new(overlap_year, 12).unwrap();
    let jan = dec.next();
    let tol = 1e-9;
    assert!(close(
        link_factor(&old, &new, Overlap::Annual(overlap_year)).unwrap(),
        f(&exp["annual_overlap_factor"]),
        tol
    ));
    assert!(close(
        link_factor(&old, &new, Overlap::Month(dec)).unwrap(),
        f(&exp["december_overlap_factor"]),
        tol
    ));
    let annual = chain_link(&old, &new, Overlap::Annual(overlap_year)).unwrap();
    let monthly = chain_link(&old, &new, Overlap::Month(dec)).unwrap();
    assert!(close(
        annual[&jan],
        f(&exp["linked_annual_overlap_2018_jan_on_old_reference"]),
        tol
    ));
    assert!(close(
        monthly[&jan],
        f(&exp["linked_december_overlap_2018_jan_on_old_reference"]),
        tol
    ));
    let avg = |s: &BTreeMap<Period, f64>, y: i32| {
        Period::year_range(y).iter().map(|p| s[&p]).sum::<f64>() / 12.0
    };
    assert!(close(
        avg(&annual, overlap_year + 1),
        f(&exp["linked_annual_overlap_2018_annual_avg"]),
        tol
    ));
    let g =
        |s: &BTreeMap<Period, f64>| 100.0 * (avg(s, overlap_year + 1) / avg(s, overlap_year) - 1.0);
    assert!(close(
        g(&annual),
        f(&exp["growth_2018_vs_2017_annual_avg_pct_annual_overlap"]),
        tol
    ));
    assert!(close(
        g(&monthly),
        f(&exp["growth_2018_vs_2017_annual_avg_pct_dec_overlap"]),
        tol
    ));
    assert!(close(
        100.0 * (monthly[&jan] / monthly[&dec] - 1.0),
        f(&exp["jan2018_mom_pct_dec_overlap"]),
        tol
    ));
    assert!(close(
        100.0 * (annual[&jan] / annual[&dec] - 1.0),
        f(&exp["jan2018_mom_pct_annual_overlap"]),
        tol
    ));
    let re = rereference(&new, overlap_year).unwrap();
    assert!(close(
        re[&jan],
        f(&exp["rereference_new_series_to_2017_eq_100_jan2018"]),
        tol
    ));
}

#[test]
fn f07_quarterly_annual_overlap_against_one_quarter_overlap() {
    let fx = fixture("f07_quarterly_annual_overlap_AB.json");
    let exp = fixture("f07_expected_computed.json");
    let inp = &fx["inputs"];
    let series = |k: &str| inp[k].as_array().unwrap().iter().map(f).collect::<Vec<_>>();
    let products = [
        QuarterlyProduct {
            quantities: series("qA"),
            prices: series("pA"),
        },
        QuarterlyProduct {
            quantities: series("qB"),
            prices: series("pB"),
        },
    ];
    let first = inp["reference_year"].as_i64().unwrap() as i32;
    for (overlap, key) in [
        (QuarterlyOverlap::Annual, "quarterly_annual_overlap"),
        (
            QuarterlyOverlap::OneQuarter,
            "quarterly_one_quarter_overlap",
        ),
    ] {
        let chain = chain_quarterly(&products, 0, overlap).unwrap();
        for (i, v) in chain.quarterly.iter().enumerate() {
            let label = format!("{}Q{}", first + i as i32 / 4, i % 4 + 1);
            assert!(close(*v, f(&exp[key][&label]), 1e-9), "{key} {label}: {v}");
        }
        for (y, v) in chain.annual.iter().enumerate() {
            assert!(close(
                *v,
                f(&exp["annual_chain_index_ref1997"][(first + y as i32).to_string()]),
                1e-9
            ));
        }
        // Property (1): the annual-overlap quarters average to the annual chain index.
        if overlap == QuarterlyOverlap::Annual {
            for (y, a) in chain.annual.iter().enumerate() {
                let mean = chain.quarterly[4 * y..4 * y + 4].iter().sum::<f64>() / 4.0;
                assert!(close(mean, *a, 1e-9));
            }
        }
    }
}

#[test]
fn half_up_display_rounding_of_the_f02_example() {
    // GSO: 108.35 → "8.4 %"; binary floats alone would give 8.3.
    assert_eq!(round_half_up(108.35 - 100.0, 1), 8.4);
}
