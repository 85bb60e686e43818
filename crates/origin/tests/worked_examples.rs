//! Worked examples per agreement, with the exact-threshold boundary cases.
//!
//! Figures come from the research notes (`trace-fta-projects.md` B.5):
//! example 1 from a Vietnamese explainer (arithmetic verified), examples
//! 2–5 derived from the treaty formulas; each test says which.

use std::str::FromStr;

use congthuong_origin::evaluate::{Detail, ShiftVerdict};
use congthuong_origin::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A BOM line: (hs, value, originating, country).
fn bom(lines: &[(&str, &str, &str, &str)]) -> BillOfMaterials {
    BillOfMaterials::new(
        lines
            .iter()
            .enumerate()
            .map(|(i, (hs, value, orig, country))| {
                Material::new(
                    i as u64 + 2,
                    (!hs.is_empty()).then(|| HsCode::parse(hs).unwrap()),
                    "",
                    d(value),
                    Originating::parse(orig).unwrap(),
                    (!country.is_empty()).then(|| Country::parse(country).unwrap()),
                )
                .unwrap()
            })
            .collect(),
    )
}

fn product(hs: &str, exw: &str, fob: Option<&str>) -> Product {
    let p = Product::new(HsCode::parse(hs).unwrap(), d(exw)).unwrap();
    match fob {
        Some(f) => p.with_fob(d(f)).unwrap(),
        None => p,
    }
}

fn run(a: Agreement, p: &Product, b: &BillOfMaterials, rule: &str) -> Assessment {
    assess(
        &Profile::standard(a),
        p,
        b,
        &Rule::parse(rule).unwrap(),
        &Context::default(),
    )
}

fn tests_of(a: &Assessment, i: usize) -> &[evaluate::ValueTest] {
    match &a.criteria[i].detail {
        Detail::Value { tests } => tests,
        other => panic!("criterion {i} is {other:?}"),
    }
}

fn shift_of(a: &Assessment, i: usize) -> &evaluate::ShiftDetail {
    match &a.criteria[i].detail {
        Detail::Shift(s) => s,
        other => panic!("criterion {i} is {other:?}"),
    }
}

// ---------------------------------------------------------------- ATIGA

/// B.5 example 1 (kflv.vn, arithmetic verified): a motorbike made in
/// Thailand, labour 250 + overhead 350 + Thai materials 120 + profit 150,
/// FOB 1 000 → RVC (direct) 87 %.
#[test]
fn atiga_build_up_motorbike_is_87_percent() {
    let p = product("8711.20", "950", Some("1000"))
        .with_costs(Costs {
            direct_labour: d("250"),
            direct_overhead: d("350"),
            profit: d("150"),
            other: d("0"),
        })
        .unwrap();
    let b = bom(&[
        ("7208.51", "120", "yes", "TH"),
        ("8714.10", "130", "no", "CN"),
    ]);
    let a = run(Agreement::Atiga, &p, &b, "RVC40 build-up");
    assert_eq!(a.outcome, Outcome::Pass);
    let t = &tests_of(&a, 0)[0];
    assert_eq!(t.numerator, Some(d("870")));
    assert_eq!(t.percent, Some(d("87")));
    assert!(
        a.criteria[0].lines[0].en.contains("= 87 % ≥ 40 % → pass"),
        "{:?}",
        a.criteria[0].lines
    );
    assert!(
        a.criteria[0].lines[0].vi.contains("công thức trực tiếp"),
        "{:?}",
        a.criteria[0].lines
    );
    // Without a formula, both are tried; the indirect one gives (1000 − 130) / 1000 = 87 % too.
    let both = run(Agreement::Atiga, &p, &b, "RVC40");
    assert_eq!(tests_of(&both, 0).len(), 2);
    assert!(
        tests_of(&both, 0)
            .iter()
            .all(|t| t.percent == Some(d("87")))
    );
}

/// B.5 example 2 (derived from "not less than 40 %"): FOB 100, VNM 60 →
/// 40 % passes; VNM 61 → 39 % fails; the boundary is inclusive.
#[test]
fn atiga_and_rcep_build_down_pass_exactly_at_40_percent() {
    for agreement in [Agreement::Atiga, Agreement::Rcep] {
        let p = product("7308.90", "95", Some("100"));
        for (vnm, expected, shown) in [
            ("60", Outcome::Pass, "= 40 % ≥ 40 % → pass"),
            ("61", Outcome::Fail, "= 39 % < 40 % → fail"),
            ("60.0001", Outcome::Fail, "= 39.9999 % < 40 % → fail"),
        ] {
            let b = bom(&[("7208.51", vnm, "no", "CN"), ("7318.15", "10", "yes", "VN")]);
            let a = run(agreement, &p, &b, "RVC40 build-down");
            assert_eq!(a.outcome, expected, "{agreement} VNM {vnm}");
            assert!(
                a.criteria[0].lines[0].en.contains(shown),
                "{agreement}: {:?}",
                a.criteria[0].lines
            );
        }
    }
}

#[test]
fn atiga_general_rule_passes_by_either_limb() {
    // RVC fails (35 %), CTH passes: the exporter's choice (ATIGA Art. 28).
    let p = product("7308.90", "95", Some("100"));
    let b = bom(&[("7208.51", "65", "no", "CN")]);
    let a = run(Agreement::Atiga, &p, &b, "RVC40 or CTH");
    assert_eq!(a.criteria[0].outcome, Outcome::Fail);
    assert_eq!(a.criteria[1].outcome, Outcome::Pass);
    assert_eq!(a.outcome, Outcome::Pass);
    let both = run(Agreement::Atiga, &p, &b, "RVC40 and CTH");
    assert_eq!(both.outcome, Outcome::Fail);
}

#[test]
fn atiga_counts_asean_materials_but_not_others_as_originating() {
    let p = product("7308.90", "95", Some("100"));
    let b = bom(&[
        ("7208.51", "30", "yes", "TH"),
        ("7208.52", "30", "yes", "JP"),
        ("7318.15", "30", "no", "CN"),
    ]);
    let a = run(Agreement::Atiga, &p, &b, "RVC40 build-down");
    // Japan is not an ASEAN Member State: VNM = 30 + 30.
    assert_eq!(a.materials.non_originating, d("60"));
    assert_eq!(a.materials.not_party_lines, vec![3]);
    assert_eq!(a.outcome, Outcome::Pass);
    // Under RCEP Japan is a Party: VNM = 30.
    let r = run(Agreement::Rcep, &p, &b, "RVC40 build-down");
    assert_eq!(r.materials.non_originating, d("30"));
    assert_eq!(tests_of(&r, 0)[0].percent, Some(d("70")));
}

// ---------------------------------------------------------------- CPTPP

/// B.5 example 3 (derived): value of the good 100, VNM 60 of which the
/// rule's focused materials 30, VOM 25. Build-down 40 % fails 45 %,
/// build-up 25 % fails 35 %, focused value 70 % passes 55 %.
#[test]
fn cptpp_method_choice_focused_value_saves_the_good() {
    let p = product("8409.91", "98", Some("100"));
    let b = bom(&[
        ("8407.34", "30", "no", "CN"),
        ("7326.90", "30", "no", "CN"),
        ("7318.15", "25", "yes", "JP"),
    ]);
    let a = run(
        Agreement::Cptpp,
        &p,
        &b,
        "RVC45 build-down or RVC35 build-up or RVC55 focused(8407)",
    );
    let pct: Vec<_> = (0..3)
        .map(|i| tests_of(&a, i)[0].percent.unwrap())
        .collect();
    assert_eq!(pct, vec![d("40"), d("25"), d("70")]);
    let outcomes: Vec<_> = a.criteria.iter().map(|c| c.outcome).collect();
    assert_eq!(outcomes, vec![Outcome::Fail, Outcome::Fail, Outcome::Pass]);
    assert_eq!(a.outcome, Outcome::Pass);
    assert!(
        a.criteria[2].lines[0]
            .en
            .contains("(FOB 100 − FVNM 30) / FOB 100 = 70 % ≥ 55 % → pass"),
        "{:?}",
        a.criteria[2].lines
    );
}

/// B.5 example 3, net cost: NC 80, VNM 40 → 50 %, exactly at a 50 % threshold.
#[test]
fn cptpp_net_cost_passes_exactly_at_the_threshold() {
    let p = product("8708.99", "98", Some("100"))
        .with_net_cost(d("80"))
        .unwrap();
    let b = bom(&[("7326.90", "40", "no", "CN")]);
    let a = run(Agreement::Cptpp, &p, &b, "RVC50 net-cost");
    assert_eq!(tests_of(&a, 0)[0].percent, Some(d("50")));
    assert_eq!(a.outcome, Outcome::Pass);
    let over = bom(&[("7326.90", "40.01", "no", "CN")]);
    assert_eq!(
        run(Agreement::Cptpp, &p, &over, "RVC50 net-cost").outcome,
        Outcome::Fail
    );
    assert!(
        a.notes
            .iter()
            .any(|n| n.en.contains("automotive goods only"))
    );
}

#[test]
fn cptpp_build_up_counts_originating_materials_only() {
    let p = product("8409.91", "98", Some("100"))
        .with_costs(Costs {
            direct_labour: d("40"),
            ..Costs::default()
        })
        .unwrap();
    let b = bom(&[
        ("7318.15", "35", "yes", "CA"),
        ("7326.90", "30", "no", "CN"),
    ]);
    let a = run(Agreement::Cptpp, &p, &b, "RVC35 build-up");
    // CPTPP build-up = VOM / value of the good; labour does not count.
    assert_eq!(tests_of(&a, 0)[0].numerator, Some(d("35")));
    assert_eq!(a.outcome, Outcome::Pass);
}

#[test]
fn the_focused_value_method_is_cptpp_only() {
    let p = product("8409.91", "98", Some("100"));
    let b = bom(&[("8407.34", "30", "no", "CN")]);
    let a = run(Agreement::Atiga, &p, &b, "RVC55 focused(8407)");
    assert!(!a.criteria[0].applicable);
    assert_eq!(a.outcome, Outcome::Fail);
    assert!(
        a.criteria[0].lines[0]
            .en
            .contains("does not allow the focused formula")
    );
}

// ---------------------------------------------------------------- EVFTA

/// B.5 example 4 (derived): ex-works 100, non-originating 45 → 45 %;
/// MaxNOM 50 % passes, MaxNOM 40 % fails; exactly 50 % passes.
#[test]
fn evfta_max_nom_against_ex_works_with_the_boundary() {
    let p = product("6403.99", "100", Some("110"));
    for (nom, rule, expected) in [
        ("45", "MaxNOM 50%", Outcome::Pass),
        ("45", "MaxNOM 40%", Outcome::Fail),
        ("50", "MaxNOM 50%", Outcome::Pass),
        ("50.01", "MaxNOM 50%", Outcome::Fail),
    ] {
        let b = bom(&[("4107.12", nom, "no", "CN"), ("6406.20", "5", "yes", "VN")]);
        let a = run(Agreement::Evfta, &p, &b, rule);
        assert_eq!(a.outcome, expected, "NOM {nom}, {rule}");
        // The base is the ex-works price, not FOB.
        assert_eq!(tests_of(&a, 0)[0].base, Some(d("100")));
    }
}

/// B.5 example 4, tolerance: a CTH rule broken only by a material worth 8
/// (≤ 10 % of EXW) → originating; worth 12 → not; exactly 10 → originating.
#[test]
fn evfta_tolerance_saves_a_cth_failure_up_to_10_percent_of_ex_works() {
    let p = product("6403.99", "100", Some("120"));
    for (same_heading, expected) in [
        ("8", Outcome::Pass),
        ("10", Outcome::Pass),
        ("12", Outcome::Fail),
    ] {
        let b = bom(&[
            ("4107.12", "30", "no", "CN"),
            ("6403.91", same_heading, "no", "CN"),
        ]);
        let a = run(Agreement::Evfta, &p, &b, "CTH");
        assert_eq!(a.outcome, expected, "material worth {same_heading}");
        let s = shift_of(&a, 0);
        assert_eq!(s.failing_value, d(same_heading));
        let dm = s.de_minimis.as_ref().unwrap();
        // Share of the ex-works price (100), not of FOB (120).
        assert_eq!(dm.base, Some(d("100")));
        assert!(
            a.criteria[0]
                .lines
                .last()
                .unwrap()
                .vi
                .starts_with("Dung sai")
        );
    }
}

#[test]
fn evfta_has_no_rvc_and_counts_only_eu_and_vietnamese_materials() {
    let p = product("6403.99", "100", None);
    let b = bom(&[
        ("4107.12", "30", "yes", "DE"),
        ("4107.92", "30", "yes", "TH"),
    ]);
    let a = run(Agreement::Evfta, &p, &b, "RVC40 or MaxNOM 40%");
    assert!(!a.criteria[0].applicable);
    assert!(a.criteria[0].lines[0].en.contains("EVFTA has no RVC test"));
    // Thai leather is not originating under EVFTA (extended cumulation not modelled).
    assert_eq!(a.materials.non_originating, d("30"));
    assert_eq!(a.outcome, Outcome::Pass);
}

// ---------------------------------------------------------------- RCEP

/// B.5 example 5 (derived): FOB 200, non-CTC materials 15 → 7.5 % passes;
/// 25 → 12.5 % fails; exactly 20 (10 %) passes; the 15 still counts in VNM.
#[test]
fn rcep_de_minimis_with_the_exact_boundary() {
    let p = product("7308.90", "190", Some("200"));
    for (failing, expected) in [
        ("15", Outcome::Pass),
        ("20", Outcome::Pass),
        ("20.01", Outcome::Fail),
        ("25", Outcome::Fail),
    ] {
        let b = bom(&[
            ("7208.51", "80", "no", "CN"),
            ("7308.10", failing, "no", "CN"),
        ]);
        let a = run(Agreement::Rcep, &p, &b, "CTH");
        assert_eq!(a.outcome, expected, "failing value {failing}");
    }
    let b = bom(&[("7208.51", "80", "no", "CN"), ("7308.10", "15", "no", "CN")]);
    let a = run(Agreement::Rcep, &p, &b, "CTH and RVC40");
    let dm = shift_of(&a, 0).de_minimis.as_ref().unwrap();
    assert_eq!(dm.percent, Some(d("7.5")));
    assert!(
        dm.text.en.contains("15 / FOB 200 = 7.5 % ≤ 10 % → pass"),
        "{}",
        dm.text.en
    );
    // VNM = 80 + 15: the de minimis material still counts.
    assert_eq!(tests_of(&a, 1)[0].numerator, Some(d("105")));
    assert_eq!(a.criteria[1].outcome, Outcome::Pass);
    assert!(a.notes.iter().any(|n| n.en.contains("still counts in VNM")));
}

#[test]
fn de_minimis_is_a_share_of_fob_under_atiga_rcep_cptpp() {
    // FOB 100 but ex-works 80: 9 is 9 % of FOB (pass) and 11.25 % of EXW.
    let p = product("7308.90", "80", Some("100"));
    let b = bom(&[("7308.10", "9", "no", "CN")]);
    for agreement in [Agreement::Atiga, Agreement::Rcep, Agreement::Cptpp] {
        assert_eq!(
            run(agreement, &p, &b, "CTH").outcome,
            Outcome::Pass,
            "{agreement}"
        );
    }
    assert_eq!(run(Agreement::Evfta, &p, &b, "CTH").outcome, Outcome::Fail);
}

// ------------------------------------------------------- tariff shifts

/// B.5 example 6: orange marmalade (2007.99) from fresh oranges (0805.10)
/// changes chapter; a material of the same heading fails CTH but passes
/// CTSH when its subheading differs.
#[test]
fn tariff_shift_at_chapter_heading_and_subheading() {
    let p = product("2007.99", "95", Some("100"));
    let oranges = bom(&[("0805.10", "50", "no", "CN")]);
    for rule in ["CC", "CTH", "CTSH"] {
        assert_eq!(
            run(Agreement::Rcep, &p, &oranges, rule).outcome,
            Outcome::Pass,
            "{rule}"
        );
    }
    let puree = bom(&[("2007.10", "50", "no", "CN")]);
    assert_eq!(
        run(Agreement::Rcep, &p, &puree, "CC").outcome,
        Outcome::Fail
    );
    assert_eq!(
        run(Agreement::Rcep, &p, &puree, "CTH").outcome,
        Outcome::Fail
    );
    assert_eq!(
        run(Agreement::Rcep, &p, &puree, "CTSH").outcome,
        Outcome::Pass
    );
    let a = run(Agreement::Rcep, &p, &puree, "CTH");
    assert_eq!(shift_of(&a, 0).lines[0].verdict, ShiftVerdict::Same);
    assert!(
        a.criteria[0].lines[1].vi.contains("cùng Nhóm với sản phẩm"),
        "{:?}",
        a.criteria[0].lines
    );
}

#[test]
fn materials_given_at_chapter_or_heading_level() {
    let p = product("2007.99", "95", Some("100"));
    // A chapter-level code settles CC and, when the chapter differs, everything finer.
    let ch = bom(&[("08", "50", "no", "CN")]);
    assert_eq!(run(Agreement::Rcep, &p, &ch, "CTSH").outcome, Outcome::Pass);
    // Heading 2007 given at 4 digits cannot show a change of subheading from 2007.99.
    let heading = bom(&[("2007", "50", "no", "CN")]);
    let a = run(Agreement::Rcep, &p, &heading, "CTSH");
    assert_eq!(shift_of(&a, 0).lines[0].verdict, ShiftVerdict::TooCoarse);
    assert_eq!(a.outcome, Outcome::Fail);
    // …but de minimis can still save it when it is small.
    let small = bom(&[("2007", "5", "no", "CN"), ("0805.10", "45", "no", "CN")]);
    assert_eq!(
        run(Agreement::Rcep, &p, &small, "CTSH").outcome,
        Outcome::Pass
    );
    // No HS code at all: no change can be shown.
    let none = bom(&[("", "50", "no", "CN")]);
    let a = run(Agreement::Rcep, &p, &none, "CC");
    assert_eq!(shift_of(&a, 0).lines[0].verdict, ShiftVerdict::NoHs);
}

#[test]
fn only_non_originating_materials_must_shift() {
    let p = product("2007.99", "95", Some("100"));
    // Same heading but originating: irrelevant to the shift.
    let b = bom(&[
        ("2007.10", "50", "yes", "TH"),
        ("0805.10", "20", "no", "CN"),
    ]);
    let a = run(Agreement::Atiga, &p, &b, "CTH");
    assert_eq!(a.outcome, Outcome::Pass);
    assert_eq!(shift_of(&a, 0).lines.len(), 1);
    // Unknown origin counts as non-originating.
    let u = bom(&[("2007.10", "50", "unknown", "")]);
    let a = run(Agreement::Atiga, &p, &u, "CTH");
    assert_eq!(a.outcome, Outcome::Fail);
    assert_eq!(a.materials.unknown_lines, 1);
}

#[test]
fn except_from_makes_listed_materials_fail_the_shift() {
    let p = product("2007.99", "95", Some("100"));
    let b = bom(&[("1701.99", "40", "no", "CN"), ("0805.10", "20", "no", "CN")]);
    assert_eq!(run(Agreement::Rcep, &p, &b, "CC").outcome, Outcome::Pass);
    let a = run(Agreement::Rcep, &p, &b, "CC except 1701");
    assert_eq!(shift_of(&a, 0).lines[0].verdict, ShiftVerdict::Excepted);
    assert_eq!(a.outcome, Outcome::Fail);
}

#[test]
fn de_minimis_saves_a_cth_failure_and_not_above_10_percent() {
    let p = product("7308.90", "95", Some("100"));
    for (agreement, small, large) in [
        (Agreement::Atiga, "10", "10.01"),
        (Agreement::Rcep, "10", "10.01"),
        (Agreement::Cptpp, "10", "10.01"),
    ] {
        let ok = bom(&[
            ("7208.51", "50", "no", "CN"),
            ("7308.10", small, "no", "CN"),
        ]);
        let ko = bom(&[
            ("7208.51", "50", "no", "CN"),
            ("7308.10", large, "no", "CN"),
        ]);
        assert_eq!(
            run(agreement, &p, &ok, "CTH").outcome,
            Outcome::Pass,
            "{agreement}"
        );
        assert_eq!(
            run(agreement, &p, &ko, "CTH").outcome,
            Outcome::Fail,
            "{agreement}"
        );
    }
}

// ------------------------------------------- missing data, WO and PE

#[test]
fn missing_fob_leaves_fob_tests_undetermined_and_kleene_logic_combines() {
    let p = product("7308.90", "95", None);
    let b = bom(&[("7208.51", "50", "no", "CN")]);
    let a = run(Agreement::Atiga, &p, &b, "RVC40 or CTH");
    assert_eq!(a.criteria[0].outcome, Outcome::Undetermined);
    assert!(
        a.criteria[0].lines[0]
            .en
            .contains("the FOB price is needed")
    );
    assert_eq!(a.outcome, Outcome::Pass);
    assert_eq!(
        run(Agreement::Atiga, &p, &b, "RVC40 and CTH").outcome,
        Outcome::Undetermined
    );
    // De minimis needs FOB too.
    let c = bom(&[("7308.10", "5", "no", "CN")]);
    assert_eq!(
        run(Agreement::Atiga, &p, &c, "CTH").outcome,
        Outcome::Undetermined
    );
    // But EVFTA works on ex-works.
    assert_eq!(run(Agreement::Evfta, &p, &c, "CTH").outcome, Outcome::Pass);
}

#[test]
fn build_up_without_costs_is_not_tried_under_atiga() {
    let p = product("7308.90", "95", Some("100"));
    let b = bom(&[("7208.51", "50", "no", "CN")]);
    let a = run(Agreement::Atiga, &p, &b, "RVC40");
    assert_eq!(tests_of(&a, 0).len(), 1);
    assert!(
        a.criteria[0]
            .lines
            .iter()
            .any(|l| l.en.contains("not tried"))
    );
    let explicit = run(Agreement::Atiga, &p, &b, "RVC40 build-up");
    assert_eq!(explicit.outcome, Outcome::Undetermined);
}

#[test]
fn wholly_obtained_and_produced_exclusively() {
    let p = product("0805.10", "95", Some("100"));
    let local = bom(&[("3105.20", "10", "yes", "VN")]);
    let a = run(Agreement::Rcep, &p, &local, "WO or PE");
    assert_eq!(a.criteria[0].outcome, Outcome::Undetermined);
    assert_eq!(a.criteria[1].outcome, Outcome::Pass);
    assert_eq!(a.outcome, Outcome::Pass);
    let imported = bom(&[("3105.20", "10", "no", "CN")]);
    let a = run(Agreement::Rcep, &p, &imported, "WO or PE");
    assert_eq!(a.outcome, Outcome::Fail);
}

#[test]
fn evfta_route_depends_on_the_consignment_value() {
    let p = product("6403.99", "100", None);
    let b = bom(&[]);
    let rule = Rule::parse("MaxNOM 50%").unwrap();
    let profile = Profile::standard(Agreement::Evfta);
    let at = |eur: &str| {
        assess(
            &profile,
            &p,
            &b,
            &rule,
            &Context {
                consignment_eur: Some(d(eur)),
            },
        )
        .route[1]
            .open
    };
    assert_eq!(at("6000"), Some(true));
    assert_eq!(at("6000.01"), Some(false));
}

/// RCEP build-up (direct formula) with the same figures as example 1,
/// Japanese materials counting as originating (a Party to RCEP, not ATIGA).
#[test]
fn rcep_build_up_counts_materials_of_any_party() {
    let p = product("8711.20", "950", Some("1000"))
        .with_costs(Costs {
            direct_labour: d("250"),
            direct_overhead: d("350"),
            profit: d("150"),
            other: d("0"),
        })
        .unwrap();
    let b = bom(&[
        ("8714.10", "120", "yes", "JP"),
        ("8714.99", "130", "no", "CN"),
    ]);
    let rcep = run(Agreement::Rcep, &p, &b, "RVC40 build-up");
    assert_eq!(tests_of(&rcep, 0)[0].numerator, Some(d("870")));
    assert_eq!(rcep.outcome, Outcome::Pass);
    // Under ATIGA the Japanese parts are non-originating: 750 / 1000.
    let atiga = run(Agreement::Atiga, &p, &b, "RVC80 build-up");
    assert_eq!(tests_of(&atiga, 0)[0].percent, Some(d("75")));
    assert_eq!(atiga.outcome, Outcome::Fail);
}
