//! OCOP scores and star ratings.
//!
//! A product is scored on three parts (Decision 148/QĐ-TTg of 24/02/2023,
//! replacing 1048/QĐ-TTg of 21/08/2019) [verified from summaries of both]:
//!
//! | part | what | max (148/2023) | max (1048/2019) |
//! | --- | --- | --- | --- |
//! | A | product and community strength | 40 | 35 |
//! | B | marketing capacity | 25 | 25 |
//! | C | product quality | 35 | 40 |
//!
//! The total (the council's average, so it may be fractional) sets the
//! star class [the wording "từ … đến dưới …" (from … to under …) verified
//! in a secondary source quoting Art. 1(2) of Decision 148]:
//! 5★ 90–100, 4★ 70 to under 90, 3★ 50 to under 70, 2★ 30 to under 50,
//! 1★ under 30. The bands are half-open, so 89.99 is 4★ and 90 is 5★;
//! no rounding is applied to the total.
//!
//! Decision 148 scores each product group on its own criteria sheet; only
//! the part maxima and the star bands are common, and only they are here.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};
use congthuong_core::Lang;

/// The criteria set a score was given under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Criteria {
    /// Decision 148/QĐ-TTg (24/02/2023), in force now.
    #[default]
    Qd148,
    /// Decision 1048/QĐ-TTg (21/08/2019), replaced by 148.
    Qd1048,
}

impl Criteria {
    /// Parses `148` or `1048` (optionally with the `/QĐ-TTg` suffix).
    pub fn parse(input: &str) -> Result<Self> {
        let t = input.trim();
        let number = t.split('/').next().unwrap_or("").trim();
        match number {
            "148" => Ok(Self::Qd148),
            "1048" => Ok(Self::Qd1048),
            _ => Err(Error::UnknownCriteria {
                input: input.to_owned(),
            }),
        }
    }

    /// The maxima of parts A, B and C (they sum to 100).
    pub fn maxima(self) -> [u32; 3] {
        match self {
            Self::Qd148 => [40, 25, 35],
            Self::Qd1048 => [35, 25, 40],
        }
    }

    /// `Decision 148/QĐ-TTg (2023)`.
    pub fn cite(self) -> &'static str {
        match self {
            Self::Qd148 => "Decision 148/QĐ-TTg (24/02/2023)",
            Self::Qd1048 => "Decision 1048/QĐ-TTg (21/08/2019)",
        }
    }

    /// `Quyết định 148/QĐ-TTg (24/02/2023)`.
    pub fn cite_vi(self) -> &'static str {
        match self {
            Self::Qd148 => "Quyết định 148/QĐ-TTg (24/02/2023)",
            Self::Qd1048 => "Quyết định 1048/QĐ-TTg (21/08/2019)",
        }
    }
}

/// Parses a score written in English or unambiguously (`35.5`, `35,5`),
/// zero or more: [`parse_points_in`] in English.
pub fn parse_points(input: &str) -> Result<Decimal> {
    parse_points_in(input, Lang::En)
}

/// Parses a score as the reader writes numbers (`congthuong_core::number`:
/// `35,5` in Vietnamese and `35.5` in either), zero or more.
pub fn parse_points_in(input: &str, lang: Lang) -> Result<Decimal> {
    let bad = |reason| Error::MalformedScore {
        input: input.to_owned(),
        reason,
    };
    let n = congthuong_core::number::parse_decimal(input, lang).map_err(|e| {
        bad(Reason::new(
            format!(
                "expected a number of points such as 35 or 35.5 ({})",
                e.message(Lang::En)
            ),
            format!("cần số điểm như 35 hoặc 35,5 ({})", e.message(Lang::Vi)),
        ))
    })?;
    if n.is_negative() {
        return Err(bad(Reason::new(
            "a score cannot be negative",
            "điểm không được âm",
        )));
    }
    Decimal::try_from_i128_with_scale(n.mantissa(), n.scale()).map_err(|_| {
        bad(Reason::new(
            "too many digits for a score",
            "số điểm có quá nhiều chữ số",
        ))
    })
}

/// A product's score on parts A, B and C, each within its maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    criteria: Criteria,
    a: Decimal,
    b: Decimal,
    c: Decimal,
}

impl Score {
    /// Checks each part against its maximum under `criteria`.
    pub fn new(criteria: Criteria, a: Decimal, b: Decimal, c: Decimal) -> Result<Self> {
        let max = criteria.maxima();
        for (part, value, max) in [('A', a, max[0]), ('B', b, max[1]), ('C', c, max[2])] {
            if value.is_sign_negative() && !value.is_zero() || value > Decimal::from(max) {
                return Err(Error::ScoreOutOfRange {
                    part,
                    value: value.normalize().to_string(),
                    max,
                    criteria: criteria.cite(),
                });
            }
        }
        Ok(Self { criteria, a, b, c })
    }

    /// The criteria set.
    pub fn criteria(&self) -> Criteria {
        self.criteria
    }

    /// Parts A, B, C.
    pub fn parts(&self) -> [Decimal; 3] {
        [self.a, self.b, self.c]
    }

    /// A + B + C.
    pub fn total(&self) -> Decimal {
        self.a + self.b + self.c
    }

    /// The star class of the total.
    pub fn stars(&self) -> Stars {
        // The parts' maxima sum to 100, so the total is always in range.
        Stars::from_total(self.total()).unwrap_or(Stars::One)
    }
}

/// An OCOP star class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Stars {
    /// Under 30 points.
    One = 1,
    /// 30 to under 50.
    Two = 2,
    /// 50 to under 70.
    Three = 3,
    /// 70 to under 90.
    Four = 4,
    /// 90 to 100.
    Five = 5,
}

impl Stars {
    /// The class of a total score in 0–100 (half-open bands, see the module doc).
    pub fn from_total(total: Decimal) -> Result<Self> {
        if total.is_sign_negative() && !total.is_zero() || total > Decimal::ONE_HUNDRED {
            return Err(Error::TotalOutOfRange {
                value: total.normalize().to_string(),
            });
        }
        let at_least = |n: i64| total >= Decimal::from(n);
        Ok(if at_least(90) {
            Self::Five
        } else if at_least(70) {
            Self::Four
        } else if at_least(50) {
            Self::Three
        } else if at_least(30) {
            Self::Two
        } else {
            Self::One
        })
    }

    /// 1 to 5.
    pub fn count(self) -> u8 {
        self as u8
    }

    /// The band of totals: lower bound (inclusive) and upper bound
    /// (exclusive, except 100 for five stars, which is inclusive).
    pub fn band(self) -> (u32, u32) {
        match self {
            Self::One => (0, 30),
            Self::Two => (30, 50),
            Self::Three => (50, 70),
            Self::Four => (70, 90),
            Self::Five => (90, 100),
        }
    }

    /// True for 3 to 5 stars: only these get a certificate.
    pub fn certifiable(self) -> bool {
        self >= Self::Three
    }

    /// What the class means, in Vietnamese (Decision 148).
    pub fn meaning_vi(self) -> &'static str {
        match self {
            Self::Five => "sản phẩm đặc trưng, chất lượng cao, đủ điều kiện xuất khẩu",
            Self::Four => "sản phẩm đặc trưng, đáp ứng yêu cầu chất lượng, có thể nâng lên 5 sao",
            Self::Three => {
                "sản phẩm có đặc thù, được quản lý và thương mại ổn định, có thể nâng lên 4 sao"
            }
            Self::Two => "sản phẩm bước đầu hình thành chất lượng, có thể nâng lên 3 sao",
            Self::One => "sản phẩm sơ khai, chưa hình thành thương mại, có thể nâng lên 2 sao",
        }
    }

    /// What the class means, in English.
    pub fn meaning_en(self) -> &'static str {
        match self {
            Self::Five => "a distinctive, high-quality product, ready for export",
            Self::Four => "a distinctive product meeting quality requirements, may rise to 5 stars",
            Self::Three => {
                "a distinctive product with stable management and trade, may rise to 4 stars"
            }
            Self::Two => "a product with first elements of quality, may rise to 3 stars",
            Self::One => "an initial product, not yet traded, may rise to 2 stars",
        }
    }
}

impl fmt::Display for Stars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", "★".repeat(self.count().into()))
    }
}

impl From<Stars> for u8 {
    fn from(s: Stars) -> u8 {
        s.count()
    }
}

impl TryFrom<u8> for Stars {
    type Error = Error;
    fn try_from(n: u8) -> Result<Self> {
        match n {
            1 => Ok(Self::One),
            2 => Ok(Self::Two),
            3 => Ok(Self::Three),
            4 => Ok(Self::Four),
            5 => Ok(Self::Five),
            _ => Err(Error::TotalOutOfRange {
                value: format!("{n} stars"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        std::str::FromStr::from_str(s).unwrap()
    }

    fn stars(total: &str) -> u8 {
        Stars::from_total(d(total)).unwrap().count()
    }

    #[test]
    fn star_boundaries() {
        for (total, expected) in [
            ("0", 1),
            ("29.99", 1),
            ("30", 2),
            ("49", 2),
            ("49.999", 2),
            ("50", 3),
            ("69", 3),
            ("69.99", 3),
            ("70", 4),
            ("89", 4),
            ("89.99", 4),
            ("90", 5),
            ("100", 5),
        ] {
            assert_eq!(stars(total), expected, "total {total}");
        }
        assert!(Stars::from_total(d("100.01")).is_err());
    }

    #[test]
    fn part_maxima_differ_between_148_and_1048() {
        // 38 in part A is allowed under 148 (max 40) but not under 1048 (max 35).
        assert!(Score::new(Criteria::Qd148, d("38"), d("20"), d("30")).is_ok());
        let e = Score::new(Criteria::Qd1048, d("38"), d("20"), d("30")).unwrap_err();
        assert!(
            e.to_string().contains("part A score 38 is out of range"),
            "{e}"
        );
        // 38 in part C is allowed under 1048 (max 40) but not under 148 (max 35).
        assert!(Score::new(Criteria::Qd1048, d("30"), d("20"), d("38")).is_ok());
        assert!(Score::new(Criteria::Qd148, d("30"), d("20"), d("38")).is_err());
        assert!(Score::new(Criteria::Qd148, d("30"), d("25.5"), d("30")).is_err());
        assert!(Score::new(Criteria::Qd148, d("-1"), d("20"), d("30")).is_err());
    }

    #[test]
    fn a_perfect_score_is_five_stars_under_both_sets() {
        for c in [Criteria::Qd148, Criteria::Qd1048] {
            let [a, b, cc] = c.maxima().map(Decimal::from);
            let s = Score::new(c, a, b, cc).unwrap();
            assert_eq!(s.total(), Decimal::ONE_HUNDRED);
            assert_eq!(s.stars(), Stars::Five);
        }
    }

    #[test]
    fn points_parse_as_the_reader_writes_numbers() {
        assert_eq!(parse_points("35.5").unwrap(), d("35.5"));
        assert_eq!(parse_points("35,5").unwrap(), d("35.5"));
        assert_eq!(parse_points_in("35,5", Lang::Vi).unwrap(), d("35.5"));
        assert_eq!(parse_points_in("35.5", Lang::Vi).unwrap(), d("35.5"));
        let e = parse_points_in("35,5,5", Lang::Vi).unwrap_err();
        assert!(
            e.message(Lang::Vi).contains("cần số điểm"),
            "{}",
            e.message(Lang::Vi)
        );
        assert!(e.to_string().contains("expected a number of points"), "{e}");
        assert!(parse_points("abc").is_err());
        assert!(parse_points("-3").is_err());
        assert!(parse_points("").is_err());
        assert_eq!(Criteria::parse("148/QĐ-TTg").unwrap(), Criteria::Qd148);
        assert_eq!(Criteria::parse("1048").unwrap(), Criteria::Qd1048);
        assert!(Criteria::parse("781").is_err());
    }

    proptest::proptest! {
        /// Stars never decrease as the total rises, and the band of the
        /// class holds the total.
        #[test]
        fn stars_are_monotone_and_bands_hold_the_total(x in 0u32..=10_000, y in 0u32..=10_000) {
            let (lo, hi) = (x.min(y), x.max(y));
            let (a, b) = (Decimal::new(lo.into(), 2), Decimal::new(hi.into(), 2));
            let (sa, sb) = (Stars::from_total(a).unwrap(), Stars::from_total(b).unwrap());
            proptest::prop_assert!(sa <= sb);
            let (from, to) = sb.band();
            proptest::prop_assert!(b >= Decimal::from(from));
            proptest::prop_assert!(b < Decimal::from(to) || (sb == Stars::Five && b <= Decimal::from(to)));
        }
    }
}
