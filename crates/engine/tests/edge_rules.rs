//! The contract's edge rules, one small case each.

mod common;

use common::{Case, contribution, index};
use congthuong_core::BoundaryVersion;
use congthuong_engine::Comparison;

fn warnings(c: &congthuong_engine::Compilation) -> Vec<(String, String, String)> {
    c.warnings
        .iter()
        .map(|w| (w.area.clone(), w.code.clone(), w.message.clone()))
        .collect()
}

/// Two products in class 1010 with a full set of weights.
fn base() -> Case {
    Case::new(2015)
        .product("A", "1010")
        .product("B", "1010")
        .va("01", "1010", 1.0)
        .va("01", "10", 1.0)
        .va("01", "C", 1.0)
        .ov("01", "A", 3.0)
        .ov("01", "B", 1.0)
        .year_of(2015, "01", "A", 10.0)
        .year_of(2015, "01", "B", 20.0)
        .year_of(2016, "01", "A", 12.0)
        .year_of(2016, "01", "B", 20.0)
}

#[test]
fn a_product_without_base_year_production_is_left_out_with_one_warning() {
    let c = base()
        .product("N", "1010")
        .ov("01", "N", 5.0)
        .line("2016-03", "01", "N", 7.0)
        .compile(BoundaryVersion::Pre2025);
    assert_eq!(index(&c, "01", "N", "2016-03"), None, "no product index");
    // Class = (3×120 + 1×100)/4: N's weight is re-spread over A and B.
    assert!((index(&c, "01", "1010", "2016-03").unwrap() - 115.0).abs() < 1e-9);
    let w: Vec<_> = c.warnings.iter().filter(|w| w.code == "N").collect();
    assert_eq!(w.len(), 1);
    assert!(w[0].period.is_none() && w[0].message.contains("base year"));
}

#[test]
fn a_product_with_lines_but_no_output_value_is_left_out_of_its_class() {
    let c = base()
        .product("X", "1010")
        .year_of(2015, "01", "X", 5.0)
        .year_of(2016, "01", "X", 50.0)
        .compile(BoundaryVersion::Pre2025);
    assert!(
        (index(&c, "01", "X", "2016-01").unwrap() - 1000.0).abs() < 1e-9,
        "it still has a product index"
    );
    assert!(
        (index(&c, "01", "1010", "2016-01").unwrap() - 115.0).abs() < 1e-9,
        "but not in the class mean"
    );
    assert!(
        warnings(&c)
            .iter()
            .any(|(_, code, m)| code == "X" && m.contains("output_value"))
    );
    assert_eq!(
        contribution(&c, "01", "2016-01", Comparison::Yoy, "1010", "X"),
        None
    );
}

#[test]
fn a_class_without_a_row_weighs_zero_and_a_node_without_weight_has_no_index() {
    let c = base()
        .product("S", "2410")
        .ov("01", "S", 1.0)
        .year_of(2015, "01", "S", 4.0)
        .year_of(2016, "01", "S", 8.0)
        .compile(BoundaryVersion::Pre2025);
    // 2410 has an index but no row: it weighs 0; division 24 has nothing at or below.
    assert!((index(&c, "01", "2410", "2016-01").unwrap() - 200.0).abs() < 1e-9);
    assert_eq!(
        index(&c, "01", "24", "2016-01"),
        None,
        "its only child weighs 0"
    );
    let w = warnings(&c);
    assert!(
        w.iter()
            .any(|(_, code, m)| code == "2410" && m.contains("weighs 0"))
    );
    assert!(
        w.iter()
            .any(|(_, code, m)| code == "24" && m.contains("at or below"))
    );
    // Section C still averages division 10 (weight 1) with 24 left out.
    assert!((index(&c, "01", "C", "2016-01").unwrap() - 115.0).abs() < 1e-9);
}

#[test]
fn a_node_without_a_row_weighs_the_sum_of_its_childrens_rows_even_without_index() {
    // Section C has no row: it weighs division 10 (2) + division 11 (5, no products).
    let c = Case::new(2015)
        .product("A", "1010")
        .product("E", "3600")
        .va("01", "1010", 1.0)
        .va("01", "10", 2.0)
        .va("01", "11", 5.0)
        .va("01", "3600", 1.0)
        .va("01", "E", 3.0)
        .ov("01", "A", 1.0)
        .ov("01", "E", 1.0)
        .year_of(2015, "01", "A", 10.0)
        .year_of(2015, "01", "E", 10.0)
        .year_of(2016, "01", "A", 20.0)
        .year_of(2016, "01", "E", 10.0)
        .compile(BoundaryVersion::Pre2025);
    // TOTAL = (7 × 200 + 3 × 100) / 10 = 170 (division 36 weighs its class row).
    assert!((index(&c, "01", "TOTAL", "2016-01").unwrap() - 170.0).abs() < 1e-9);
}

#[test]
fn months_without_lines_are_zero_and_growth_needs_the_comparison_months() {
    let c = Case::new(2015)
        .product("A", "1010")
        .va("01", "1010", 1.0)
        .va("01", "10", 1.0)
        .va("01", "C", 1.0)
        .ov("01", "A", 1.0)
        .year_of(2015, "01", "A", 10.0)
        .line("2016-03", "01", "A", 10.0)
        .compile(BoundaryVersion::Pre2025);
    assert_eq!(c.range.len(), 15, "2015-01 … 2016-03, gaps included");
    assert_eq!(index(&c, "01", "A", "2016-02"), Some(0.0));
    assert_eq!(
        common::growth_of(&c, "01", "A", "2016-03", Comparison::Mom),
        None,
        "the previous month is 0"
    );
    assert!(common::growth_of(&c, "01", "A", "2016-03", Comparison::Ytd).is_some());
}

#[test]
fn a_group_member_without_data_is_left_out_with_a_warning() {
    let c = base()
        .group("g", &["01", "02"])
        .compile(BoundaryVersion::Pre2025);
    assert_eq!(
        index(&c, "g", "TOTAL", "2016-01"),
        index(&c, "01", "TOTAL", "2016-01")
    );
    assert!(
        warnings(&c)
            .iter()
            .any(|(a, code, _)| a == "g" && code == "02")
    );
}

#[test]
fn a_partly_covered_base_year_is_warned_about_and_an_uncovered_one_is_an_error() {
    let c = base()
        .line("2014-12", "01", "A", 1.0)
        .compile(BoundaryVersion::Pre2025);
    assert!(
        c.warnings.is_empty(),
        "2015 is fully covered: {:?}",
        c.warnings
    );
    let partial = Case::new(2015)
        .product("A", "1010")
        .ov("01", "A", 1.0)
        .line("2015-07", "01", "A", 1.0)
        .line("2016-01", "01", "A", 1.0)
        .compile(BoundaryVersion::Pre2025);
    assert!(
        partial
            .warnings
            .iter()
            .any(|w| w.message.contains("6 of the 12 months"))
    );
    let none = Case::new(2020)
        .product("A", "1010")
        .line("2016-01", "01", "A", 1.0)
        .raw()
        .compile(
            BoundaryVersion::Pre2025,
            congthuong_core::Geography::embedded(),
        );
    assert!(matches!(
        none,
        Err(congthuong_engine::CompileError::BaseYearNotCovered { .. })
    ));
}

#[test]
fn output_quantities_are_kept_per_area_and_summed_for_groups() {
    let c = base()
        .line("2016-01", "31", "A", 5.0)
        .group("g", &["01", "31"])
        .compile(BoundaryVersion::Pre2025);
    let find = |area: &str, p: &str| {
        c.output
            .iter()
            .find(|o| o.area.to_string() == area && o.product == p)
            .map(|o| o.values.clone())
    };
    let t = c.range.first.months_until("2016-01".parse().unwrap()) as usize;
    assert_eq!(find("01", "A").unwrap()[t], 12.0);
    assert_eq!(find("31", "A").unwrap()[t], 5.0);
    assert_eq!(find("g", "A").unwrap()[t], 17.0);
    assert_eq!(find("g", "B").unwrap()[t], 20.0);
    assert!(find("31", "B").is_none(), "31 has no line or weight for B");
}

#[test]
fn series_carry_their_weights() {
    let c = base()
        .va("31", "C", 4.0)
        .va("31", "10", 1.0)
        .va("31", "1010", 1.0)
        .ov("31", "A", 1.0)
        .year_of(2015, "31", "A", 1.0)
        .year_of(2016, "31", "A", 1.0)
        .group("g", &["01", "31"])
        .compile(BoundaryVersion::Pre2025);
    let w = |area: &str, code: &str| {
        c.index
            .iter()
            .find(|s| s.area.to_string() == area && s.code == code)
            .unwrap()
            .weight
    };
    assert_eq!(w("01", "TOTAL"), 1.0);
    assert_eq!(w("31", "TOTAL"), 4.0);
    assert_eq!(w("g", "TOTAL"), 5.0);
    assert_eq!(w("01", "A"), 3.0);
    assert_eq!(w("g", "A"), 4.0);
}
