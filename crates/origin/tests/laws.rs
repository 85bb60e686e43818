//! Laws the calculator must obey for every input (property tests).

use congthuong_origin::evaluate::{Detail, ShiftDetail, ValueTest};
use congthuong_origin::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// An amount in cents.
fn cents(v: u32) -> Decimal {
    Decimal::new(i64::from(v), 2)
}

#[derive(Clone, Debug)]
struct Line {
    hs: &'static str,
    value: u32,
    origin: u8, // 0 no, 1 yes (VN), 2 unknown
}

const CODES: [&str; 8] = [
    "7308.90", "7308.10", "7308", "73", "7208.51", "8407.34", "0805.10", "2007.99",
];

fn line() -> impl Strategy<Value = Line> {
    (0..CODES.len(), 0u32..500_000, 0u8..3).prop_map(|(i, value, origin)| Line {
        hs: CODES[i],
        value,
        origin,
    })
}

fn bom_of(lines: &[Line]) -> BillOfMaterials {
    BillOfMaterials::new(
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (o, c) = match l.origin {
                    0 => (Originating::No, Some(Country::parse("CN").unwrap())),
                    1 => (Originating::Yes, Some(Country::vietnam())),
                    _ => (Originating::Unknown, None),
                };
                Material::new(
                    i as u64 + 2,
                    Some(HsCode::parse(l.hs).unwrap()),
                    "",
                    cents(l.value),
                    o,
                    c,
                )
                .unwrap()
            })
            .collect(),
    )
}

const RULES: [&str; 10] = [
    "RVC40",
    "RVC40 build-down",
    "CTH",
    "CTSH or RVC35",
    "CC and RVC40",
    "MaxNOM 50%",
    "WO or PE",
    "CTH except 7208",
    "RVC55 focused(8407) or RVC35 build-up",
    "(CTH or MaxNOM 40%) and RVC30 net-cost",
];

fn rank(o: Outcome) -> u8 {
    match o {
        Outcome::Fail => 0,
        Outcome::Undetermined => 1,
        Outcome::Pass => 2,
    }
}

fn value_tests(a: &Assessment, i: usize) -> &[ValueTest] {
    match &a.criteria[i].detail {
        Detail::Value { tests } => tests,
        _ => &[],
    }
}

fn shift(a: &Assessment, i: usize) -> Option<&ShiftDetail> {
    match &a.criteria[i].detail {
        Detail::Shift(s) => Some(s),
        _ => None,
    }
}

proptest! {
    /// Build-down RVC and the non-originating share add up to 100 %, and
    /// "RVC ≥ t" is exactly "VNM share ≤ 100 − t".
    #[test]
    fn build_down_and_non_originating_share_sum_to_100(
        lines in proptest::collection::vec(line(), 0..8),
        fob in 1u32..1_000_000,
        t in 1u32..=100,
    ) {
        let fob = cents(fob);
        let p = Product::new(HsCode::parse("7308.90").unwrap(), fob).unwrap().with_fob(fob).unwrap();
        let rule = Rule::parse(&format!("RVC{t} build-down")).unwrap();
        for agreement in [Agreement::Atiga, Agreement::Rcep, Agreement::Cptpp] {
            let a = assess(&Profile::standard(agreement), &p, &bom_of(&lines), &rule, &Context::default());
            let vnm = a.materials.non_originating;
            let rvc = value_tests(&a, 0)[0].percent.unwrap();
            let share = vnm * Decimal::ONE_HUNDRED / fob;
            prop_assert!((rvc + share - Decimal::ONE_HUNDRED).abs() < Decimal::new(1, 20));
            let t = Decimal::from(t);
            let by_share = agreement::Bound::AtMost.holds(vnm, fob, Decimal::ONE_HUNDRED - t);
            prop_assert_eq!(a.outcome == Outcome::Pass, by_share);
        }
    }

    /// The value of originating and non-originating materials adds up to
    /// the bill's total under every agreement.
    #[test]
    fn originating_plus_non_originating_is_the_total(
        lines in proptest::collection::vec(line(), 0..8),
    ) {
        let p = Product::new(HsCode::parse("7308.90").unwrap(), Decimal::ONE).unwrap();
        let b = bom_of(&lines);
        for agreement in Agreement::ALL {
            let a = assess(&Profile::standard(agreement), &p, &b, &Rule::parse("CTH").unwrap(), &Context::default());
            prop_assert_eq!(a.materials.originating + a.materials.non_originating, b.total());
        }
    }

    /// Proving one more material originating never makes any rule worse
    /// (fail < undetermined < pass), under any agreement.
    #[test]
    fn proving_a_material_originating_never_hurts(
        lines in proptest::collection::vec(line(), 1..8),
        flip in 0usize..8,
        rule in 0..RULES.len(),
        fob in proptest::option::of(1u32..1_000_000),
        net_cost in proptest::option::of(1u32..1_000_000),
    ) {
        let exw = cents(fob.unwrap_or(500_000));
        let mut p = Product::new(HsCode::parse("7308.90").unwrap(), exw).unwrap();
        if let Some(f) = fob { p = p.with_fob(cents(f)).unwrap(); }
        if let Some(n) = net_cost { p = p.with_net_cost(cents(n)).unwrap(); }
        let mut after = lines.clone();
        let i = flip % lines.len();
        after[i].origin = 1;
        let parsed = Rule::parse(RULES[rule]).unwrap();
        for agreement in Agreement::ALL {
            let profile = Profile::standard(agreement);
            let before = assess(&profile, &p, &bom_of(&lines), &parsed, &Context::default());
            let later = assess(&profile, &p, &bom_of(&after), &parsed, &Context::default());
            prop_assert!(rank(later.outcome) >= rank(before.outcome),
                "{} {}: {:?} then {:?}", agreement, RULES[rule], before.outcome, later.outcome);
        }
    }

    /// De minimis passes exactly when the failing materials are at most
    /// 10 % of the base, checked here in integer cents.
    #[test]
    fn de_minimis_is_ten_percent_inclusive(
        failing in 0u32..200_000,
        fob in 1u32..1_000_000,
    ) {
        let p = Product::new(HsCode::parse("7308.90").unwrap(), cents(fob)).unwrap().with_fob(cents(fob)).unwrap();
        let b = bom_of(&[Line { hs: "7308.10", value: failing, origin: 0 }]);
        for agreement in Agreement::ALL {
            let a = assess(&Profile::standard(agreement), &p, &b, &Rule::parse("CTH").unwrap(), &Context::default());
            let expected = u64::from(failing) * 10 <= u64::from(fob);
            prop_assert_eq!(a.outcome == Outcome::Pass, expected, "{}", agreement);
            if failing > 0 {
                prop_assert!(shift(&a, 0).unwrap().de_minimis.is_some());
            }
        }
    }

    /// Kleene and / or agree with Boolean logic on pass / fail, are
    /// commutative, and are min / max in the order fail < undetermined < pass.
    #[test]
    fn kleene_logic(a in 0u8..3, b in 0u8..3) {
        let o = |x: u8| [Outcome::Fail, Outcome::Undetermined, Outcome::Pass][x as usize];
        let (x, y) = (o(a), o(b));
        prop_assert_eq!(x.and(y), y.and(x));
        prop_assert_eq!(x.or(y), y.or(x));
        if x != Outcome::Undetermined && y != Outcome::Undetermined {
            let t = |o: Outcome| o == Outcome::Pass;
            prop_assert_eq!(t(x.and(y)), t(x) && t(y));
            prop_assert_eq!(t(x.or(y)), t(x) || t(y));
        }
        prop_assert_eq!(rank(x.and(y)), rank(x).min(rank(y)));
        prop_assert_eq!(rank(x.or(y)), rank(x).max(rank(y)));
    }
}
