//! The four agreements and what each allows.
//!
//! A [`Profile`] holds everything the calculator hard-codes about one
//! agreement: its Parties, which RVC formulas it allows and on which base,
//! whether it has a maximum non-originating content test, its de minimis
//! (tolerance) rule, how thresholds compare, and the proof-of-origin
//! route. Every rule carries its [`Source`] and how sure we are of it
//! ([`Confidence`]): *verified* was read in the text of the agreement or
//! circular during research, *recalled* comes from domain knowledge and
//! must be checked before anyone relies on it. The values are plain
//! public fields so a caller can correct one (a new Party, an amended
//! circular) without touching the evaluation.
//!
//! The sources are summarised, with the research notes behind them, in
//! `docs/ORIGIN.md`.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::error::{Error, Result};
use crate::route::Route;
use crate::rule::Method;
use crate::text::{Lang, Text};

/// A free trade agreement Viet Nam exports under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Agreement {
    /// ASEAN Trade in Goods Agreement (in force 17 May 2010).
    Atiga,
    /// Comprehensive and Progressive Agreement for Trans-Pacific Partnership
    /// (in force for Viet Nam 14 January 2019).
    Cptpp,
    /// EU–Viet Nam Free Trade Agreement (in force 1 August 2020).
    Evfta,
    /// Regional Comprehensive Economic Partnership (in force for Viet Nam
    /// 1 January 2022).
    Rcep,
}

impl Agreement {
    /// The four, in alphabetical order.
    pub const ALL: [Agreement; 4] = [Self::Atiga, Self::Cptpp, Self::Evfta, Self::Rcep];

    /// Parses `atiga`, `cptpp`, `evfta`, `rcep` (any case).
    pub fn parse(input: &str) -> Result<Self> {
        match input.trim().to_ascii_lowercase().as_str() {
            "atiga" => Ok(Self::Atiga),
            "cptpp" => Ok(Self::Cptpp),
            "evfta" => Ok(Self::Evfta),
            "rcep" => Ok(Self::Rcep),
            _ => Err(Error::UnknownAgreement {
                input: input.to_owned(),
            }),
        }
    }

    /// `ATIGA`, `CPTPP`, `EVFTA`, `RCEP`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Atiga => "ATIGA",
            Self::Cptpp => "CPTPP",
            Self::Evfta => "EVFTA",
            Self::Rcep => "RCEP",
        }
    }
}

impl fmt::Display for Agreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How sure the project is of a hard-coded rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Read in the agreement or circular text during research.
    Verified,
    /// Derived by arithmetic from a verified formula.
    Derived,
    /// From domain knowledge, not re-read: check before relying on it.
    Recalled,
}

/// Where a rule comes from: an article, annex or circular.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The citation in both languages, e.g. `ATIGA Điều 29` / `ATIGA Art. 29`.
    pub cite: Text,
    /// How sure we are of it.
    pub confidence: Confidence,
}

impl Source {
    /// A source read in the text during research.
    pub fn verified(vi: &str, en: &str) -> Self {
        Self {
            cite: Text::new(vi, en),
            confidence: Confidence::Verified,
        }
    }

    /// A source from domain knowledge, to be checked.
    pub fn recalled(vi: &str, en: &str) -> Self {
        Self {
            cite: Text::new(vi, en),
            confidence: Confidence::Recalled,
        }
    }

    /// The citation in `lang`, tagged when it is not verified
    /// (`[recalled]` / `[chưa kiểm chứng]`).
    pub fn show(&self, lang: Lang) -> String {
        let tag = match (self.confidence, lang) {
            (Confidence::Verified, _) => "",
            (Confidence::Derived, Lang::Vi) => " [suy ra]",
            (Confidence::Derived, Lang::En) => " [derived]",
            (Confidence::Recalled, Lang::Vi) => " [chưa kiểm chứng]",
            (Confidence::Recalled, Lang::En) => " [recalled]",
        };
        format!("{}{tag}", self.cite.get(lang))
    }
}

impl fmt::Display for Source {
    /// The English citation, tagged `[recalled]` when not verified.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show(Lang::En))
    }
}

/// The value a percentage is taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// Free-on-board value (ATIGA Art. 29, RCEP Art. 3.5).
    Fob,
    /// CPTPP's "value of the good": the transaction value excluding the
    /// costs of international shipment (CPTPP Art. 3.1), taken as FOB.
    ValueOfGood,
    /// Ex-works price (EVFTA Protocol 1 Art. 1(f)).
    ExWorks,
}

impl Base {
    /// The symbol written in formulas (`FOB`, `EXW`).
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Fob | Self::ValueOfGood => "FOB",
            Self::ExWorks => "EXW",
        }
    }
}

/// How a value compares with its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// `≥`: "not less than" (RVC thresholds in all three RVC agreements).
    AtLeast,
    /// `≤`: "does not exceed" (MaxNOM, de minimis, tolerance).
    AtMost,
}

impl Bound {
    /// Whether `part / base × 100` meets `threshold`, decided exactly by
    /// cross-multiplying (`part × 100` against `threshold × base`), so a
    /// value exactly at the threshold is never lost to rounding. `base`
    /// must be above zero.
    pub fn holds(self, part: Decimal, base: Decimal, threshold: Decimal) -> bool {
        let ord = match (
            part.checked_mul(Decimal::ONE_HUNDRED),
            threshold.checked_mul(base),
        ) {
            (Some(l), Some(r)) => l.cmp(&r),
            // Only with amounts near 10²⁸: compare the quotients instead.
            _ => (part / base * Decimal::ONE_HUNDRED).cmp(&threshold),
        };
        match self {
            Self::AtLeast => ord.is_ge(),
            Self::AtMost => ord.is_le(),
        }
    }

    /// The symbol when the test holds (`≥`, `≤`) and when it fails (`<`, `>`).
    pub fn symbols(self) -> (&'static str, &'static str) {
        match self {
            Self::AtLeast => ("≥", "<"),
            Self::AtMost => ("≤", ">"),
        }
    }
}

/// What an agreement allows for regional value content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RvcRules {
    /// The formulas allowed, in the order they are tried.
    pub methods: Vec<Method>,
    /// The base of the build-down, build-up and focused value formulas.
    pub base: Base,
    /// How the result compares with the threshold.
    pub bound: Bound,
    /// True when the build-up numerator adds labour, overhead, profit and
    /// other costs to the originating materials (ATIGA, RCEP); false when
    /// it is the originating materials only (CPTPP).
    pub build_up_adds_costs: bool,
    /// Where the formulas come from.
    pub source: Source,
}

/// EVFTA's maximum non-originating content test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaxNomRules {
    /// How the share compares with the limit.
    pub bound: Bound,
    /// Where the test comes from.
    pub source: Source,
}

/// The de minimis (tolerance) rule for tariff-shift criteria.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeMinimis {
    /// The share allowed, in percent.
    pub percent: Decimal,
    /// What the share is taken of.
    pub base: Base,
    /// How the share compares with the limit.
    pub bound: Bound,
    /// Where the rule comes from.
    pub source: Source,
    /// What the calculator does not model (weight-based textile tests,
    /// excluded goods).
    pub caveat: Text,
}

/// Everything the calculator knows about one agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Which agreement.
    pub agreement: Agreement,
    /// The Parties (ISO codes; `EU` stands for every member state).
    pub parties: Vec<String>,
    /// The RVC rules, or `None` when the agreement has no RVC test (EVFTA).
    pub rvc: Option<RvcRules>,
    /// The MaxNOM test, or `None` when the agreement has none.
    pub max_nom: Option<MaxNomRules>,
    /// The de minimis rule.
    pub de_minimis: DeMinimis,
    /// The general origin criteria (WO, PE, product-specific rules).
    pub criteria_source: Source,
    /// Tariff shifts: every non-originating material must change class.
    pub shift_source: Source,
    /// What materials count as originating from other Parties.
    pub cumulation: Text,
    /// Where cumulation comes from.
    pub cumulation_source: Source,
    /// How to prove origin for an export from Viet Nam.
    pub route: Route,
}

/// ASEAN members that are Parties to ATIGA.
const ASEAN: [&str; 10] = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"];

impl Profile {
    /// The profile as the project hard-codes it.
    pub fn standard(agreement: Agreement) -> Self {
        match agreement {
            Agreement::Atiga => atiga(),
            Agreement::Cptpp => cptpp(),
            Agreement::Evfta => evfta(),
            Agreement::Rcep => rcep(),
        }
    }

    /// True when `country` is a Party (EU member states count for `EU`).
    pub fn is_party(&self, country: &Country) -> bool {
        self.parties.iter().any(|p| p == country.code())
            || (country.is_eu() && self.parties.iter().any(|p| p == "EU"))
    }
}

fn atiga() -> Profile {
    Profile {
        agreement: Agreement::Atiga,
        parties: ASEAN.iter().map(|s| (*s).to_owned()).collect(),
        rvc: Some(RvcRules {
            methods: vec![Method::BuildDown, Method::BuildUp],
            base: Base::Fob,
            // Art. 28.1(a): "not less than forty percent (40%)".
            bound: Bound::AtLeast,
            build_up_adds_costs: true,
            source: Source::verified(
                "ATIGA Điều 29 (công thức trực tiếp và gián tiếp)",
                "ATIGA Art. 29 (direct and indirect formulas)",
            ),
        }),
        max_nom: None,
        de_minimis: DeMinimis {
            percent: Decimal::TEN,
            base: Base::Fob,
            // "does not exceed ten percent (10%) of the FOB value".
            bound: Bound::AtMost,
            source: Source::recalled(
                "ATIGA Điều 33 (De Minimis; đã đối chiếu lời văn, số điều chưa kiểm chứng)",
                "ATIGA Art. 33 (de minimis; text verified, article number recalled)",
            ),
            caveat: Text::new(
                "Giá trị nguyên liệu được miễn theo De Minimis vẫn được tính vào VNM khi xét RVC.",
                "The value of materials allowed by de minimis still counts in VNM for any RVC test.",
            ),
        },
        criteria_source: Source::recalled(
            "ATIGA Điều 26–28 (quy tắc chung: RVC ≥ 40 % hoặc CTH, do nhà xuất khẩu lựa chọn)",
            "ATIGA Art. 26–28 (general rule: RVC ≥ 40 % or CTH, exporter's choice)",
        ),
        shift_source: Source::recalled(
            "ATIGA Điều 28.1(b), Phụ lục 3 (quy tắc cụ thể mặt hàng)",
            "ATIGA Art. 28.1(b), Annex 3 (product-specific rules)",
        ),
        cumulation: Text::new(
            "Nguyên liệu có xuất xứ ATIGA từ bất kỳ nước thành viên ASEAN nào được coi là có xuất xứ (cộng gộp toàn phần). Cộng gộp từng phần (nguyên liệu có RVC từ 20 % đến dưới 40 %) không được tính ở đây.",
            "Originating materials of any ASEAN Member State count as originating (accumulation). Partial cumulation (materials with RVC from 20 % to under 40 %) is not modelled here.",
        ),
        cumulation_source: Source::recalled("ATIGA Điều 30", "ATIGA Art. 30"),
        route: crate::route::atiga(),
    }
}

fn rcep() -> Profile {
    let mut parties: Vec<String> = ASEAN.iter().map(|s| (*s).to_owned()).collect();
    parties.extend(["AU", "CN", "JP", "KR", "NZ"].map(str::to_owned));
    Profile {
        agreement: Agreement::Rcep,
        parties,
        rvc: Some(RvcRules {
            methods: vec![Method::BuildDown, Method::BuildUp],
            base: Base::Fob,
            // Annex 3A: "RVC40" means not less than 40 per cent.
            bound: Bound::AtLeast,
            build_up_adds_costs: true,
            source: Source::verified(
                "RCEP Điều 3.5 (công thức gián tiếp và trực tiếp)",
                "RCEP Art. 3.5 (build-down and build-up formulas)",
            ),
        }),
        max_nom: None,
        de_minimis: DeMinimis {
            percent: Decimal::TEN,
            base: Base::Fob,
            // "does not exceed 10 per cent of the FOB value".
            bound: Bound::AtMost,
            source: Source::verified("RCEP Điều 3.7 (De Minimis)", "RCEP Art. 3.7 (de minimis)"),
            caveat: Text::new(
                "Với hàng Chương 50–63, RCEP cho phép thay thế bằng 10 % trọng lượng; phép thử theo trọng lượng không được tính ở đây. Giá trị nguyên liệu được miễn vẫn được tính vào VNM khi xét RVC.",
                "For goods of Chapters 50–63 RCEP alternatively allows 10 % of total weight; the weight test is not computed here. The value of materials allowed by de minimis still counts in VNM for any RVC test.",
            ),
        },
        criteria_source: Source::recalled(
            "RCEP Điều 3.2 (hàng hóa có xuất xứ), Phụ lục 3A (quy tắc cụ thể mặt hàng)",
            "RCEP Art. 3.2 (originating goods), Annex 3A (product-specific rules)",
        ),
        shift_source: Source::verified(
            "RCEP Phụ lục 3A, chú giải chung (CC, CTH, CTSH)",
            "RCEP Annex 3A headnotes (CC, CTH, CTSH)",
        ),
        cumulation: Text::new(
            "Hàng hóa và nguyên liệu có xuất xứ RCEP của bất kỳ nước thành viên nào được coi là có xuất xứ (cộng gộp).",
            "Originating goods and materials of any RCEP Party count as originating (accumulation).",
        ),
        cumulation_source: Source::recalled("RCEP Điều 3.4", "RCEP Art. 3.4"),
        route: crate::route::rcep(),
    }
}

fn cptpp() -> Profile {
    Profile {
        agreement: Agreement::Cptpp,
        // GB acceded with effect from 15 December 2024 [recalled].
        parties: [
            "AU", "BN", "CA", "CL", "JP", "MY", "MX", "NZ", "PE", "SG", "VN", "GB",
        ]
        .map(str::to_owned)
        .to_vec(),
        rvc: Some(RvcRules {
            methods: vec![
                Method::BuildDown,
                Method::BuildUp,
                Method::FocusedValue,
                Method::NetCost,
            ],
            base: Base::ValueOfGood,
            bound: Bound::AtLeast,
            build_up_adds_costs: false,
            source: Source::recalled(
                "CPTPP Điều 3.5 (giá trị tập trung, giá trị khấu trừ, giá trị tập hợp, chi phí thuần cho hàng ô tô); định nghĩa trị giá hàng hóa tại Điều 3.1 đã đối chiếu",
                "CPTPP Art. 3.5 (focused value, build-down, build-up, net cost for automotive goods); value of the good per Art. 3.1 verified",
            ),
        }),
        max_nom: None,
        de_minimis: DeMinimis {
            percent: Decimal::TEN,
            base: Base::ValueOfGood,
            bound: Bound::AtMost,
            source: Source::recalled(
                "CPTPP Điều 3.11 (De Minimis)",
                "CPTPP Art. 3.11 (de minimis)",
            ),
            caveat: Text::new(
                "CPTPP Điều 3.11 loại trừ một số trường hợp nông sản (ví dụ nguyên liệu Chương 4 dùng cho hàng Chương 4) và dệt may Chương 50–63 xét theo trọng lượng (Điều 4.2); các ngoại lệ này không được kiểm tra ở đây. Giá trị nguyên liệu được miễn vẫn được tính vào VNM khi xét RVC.",
                "CPTPP Art. 3.11 excludes some agricultural cases (e.g. Chapter 4 materials in Chapter 4 goods) and textiles of Chapters 50–63 use a weight test (Art. 4.2); these exceptions are not checked here. The value of materials allowed by de minimis still counts in VNM for any RVC test.",
            ),
        },
        criteria_source: Source::recalled(
            "CPTPP Điều 3.2 (hàng hóa có xuất xứ), Phụ lục 3-D (quy tắc cụ thể mặt hàng)",
            "CPTPP Art. 3.2 (originating goods), Annex 3-D (product-specific rules)",
        ),
        shift_source: Source::recalled(
            "CPTPP Phụ lục 3-D, chú giải chung",
            "CPTPP Annex 3-D general interpretative notes",
        ),
        cumulation: Text::new(
            "Nguyên liệu có xuất xứ và công đoạn sản xuất tại bất kỳ nước thành viên CPTPP nào đều được cộng gộp (cộng gộp toàn phần).",
            "Originating materials and production in any CPTPP Party accumulate (full cumulation).",
        ),
        cumulation_source: Source::recalled("CPTPP Điều 3.10", "CPTPP Art. 3.10"),
        route: crate::route::cptpp(),
    }
}

fn evfta() -> Profile {
    Profile {
        agreement: Agreement::Evfta,
        parties: vec!["VN".to_owned(), "EU".to_owned()],
        rvc: None,
        max_nom: Some(MaxNomRules {
            // Annex II list rules: "does not exceed X % of the ex-works price".
            bound: Bound::AtMost,
            source: Source::verified(
                "EVFTA Nghị định thư 1 Điều 1(f) (giá xuất xưởng), Phụ lục II (quy tắc cụ thể mặt hàng)",
                "EVFTA Protocol 1 Art. 1(f) (ex-works price), Annex II (list rules)",
            ),
        }),
        de_minimis: DeMinimis {
            percent: Decimal::TEN,
            base: Base::ExWorks,
            bound: Bound::AtMost,
            source: Source::recalled(
                "EVFTA Nghị định thư 1 Điều 5.2 (dung sai chung)",
                "EVFTA Protocol 1 Art. 5(2) (general tolerance)",
            ),
            caveat: Text::new(
                "Dung sai không được dùng để vượt tỷ lệ tối đa của nguyên liệu không có xuất xứ nêu trong quy tắc (MaxNOM luôn tính trên toàn bộ nguyên liệu không có xuất xứ). Dung sai riêng cho dệt may (ghi chú Phụ lục II) không được tính ở đây.",
                "The tolerance cannot be used to exceed a maximum non-originating content stated in the rule (MaxNOM is always computed on all non-originating materials). The textile-specific tolerances (Annex II notes) are not computed here.",
            ),
        },
        criteria_source: Source::recalled(
            "EVFTA Nghị định thư 1 Điều 2, 4, 5 (xuất xứ thuần túy, gia công chế biến đầy đủ), Phụ lục II",
            "EVFTA Protocol 1 Art. 2, 4, 5 (wholly obtained, sufficiently worked), Annex II",
        ),
        shift_source: Source::verified(
            "EVFTA Nghị định thư 1 Điều 1(a) (Chương, Nhóm, Phân nhóm)",
            "EVFTA Protocol 1 Art. 1(a) (chapter, heading, subheading)",
        ),
        cumulation: Text::new(
            "Cộng gộp song phương: nguyên liệu có xuất xứ EU hoặc Việt Nam được coi là có xuất xứ. Cộng gộp mở rộng (nguyên liệu từ ASEAN có FTA với EU, vải Hàn Quốc cho Chương 61–62, mực và bạch tuộc ASEAN) theo Phụ lục III–V Thông tư 11/2020/TT-BCT không được tính ở đây.",
            "Bilateral cumulation: materials originating in the EU or Viet Nam count as originating. Extended cumulation (materials from ASEAN partners with an EU FTA, Korean fabric for Chapters 61–62, ASEAN squid and octopus) under Annexes III–V of Circular 11/2020/TT-BCT is not modelled here.",
        ),
        cumulation_source: Source::recalled(
            "EVFTA Nghị định thư 1 Điều 3; Thông tư 11/2020/TT-BCT Phụ lục III–V (đã đối chiếu tên phụ lục)",
            "EVFTA Protocol 1 Art. 3; Circular 11/2020/TT-BCT Annexes III–V (titles verified)",
        ),
        route: crate::route::evfta(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn bounds_are_exact_at_the_threshold() {
        assert!(Bound::AtLeast.holds(d("40"), d("100"), d("40")));
        assert!(!Bound::AtLeast.holds(d("39.999999"), d("100"), d("40")));
        assert!(Bound::AtMost.holds(d("10"), d("100"), d("10")));
        assert!(!Bound::AtMost.holds(d("10.000001"), d("100"), d("10")));
        // 1/3 of 300 is exactly 33.33…%: cross-multiplying keeps it exact.
        assert!(Bound::AtLeast.holds(d("100"), d("300"), d("33.3333333333")));
        assert!(!Bound::AtLeast.holds(d("99.99"), d("300"), d("33.34")));
    }

    #[test]
    fn parties_per_agreement() {
        let evfta = Profile::standard(Agreement::Evfta);
        assert!(evfta.is_party(&Country::parse("DE").unwrap()));
        assert!(evfta.is_party(&Country::parse("VN").unwrap()));
        assert!(!evfta.is_party(&Country::parse("CN").unwrap()));
        let rcep = Profile::standard(Agreement::Rcep);
        assert!(rcep.is_party(&Country::parse("CN").unwrap()));
        assert!(!rcep.is_party(&Country::parse("US").unwrap()));
        let atiga = Profile::standard(Agreement::Atiga);
        assert!(atiga.is_party(&Country::parse("TH").unwrap()));
        assert!(!atiga.is_party(&Country::parse("JP").unwrap()));
        let cptpp = Profile::standard(Agreement::Cptpp);
        assert!(cptpp.is_party(&Country::parse("CA").unwrap()));
        assert!(!cptpp.is_party(&Country::parse("CN").unwrap()));
    }

    #[test]
    fn agreements_parse_by_code() {
        assert_eq!(Agreement::parse("ATIGA").unwrap(), Agreement::Atiga);
        assert_eq!(Agreement::parse(" rcep ").unwrap(), Agreement::Rcep);
        assert!(Agreement::parse("nafta").is_err());
    }

    #[test]
    fn unverified_sources_are_tagged_in_both_languages() {
        let p = Profile::standard(Agreement::Atiga);
        assert!(
            p.de_minimis
                .source
                .show(Lang::Vi)
                .ends_with("[chưa kiểm chứng]")
        );
        assert!(p.de_minimis.source.show(Lang::En).ends_with("[recalled]"));
        let r = Profile::standard(Agreement::Rcep);
        assert_eq!(
            r.de_minimis.source.show(Lang::En),
            "RCEP Art. 3.7 (de minimis)"
        );
        assert_eq!(
            r.de_minimis.source.show(Lang::Vi),
            "RCEP Điều 3.7 (De Minimis)"
        );
    }
}
