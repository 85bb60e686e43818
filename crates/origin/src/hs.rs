//! Harmonized System codes at chapter, heading and subheading level.
//!
//! An [`HsCode`] is validated when built: 2, 4 or 6 digits (dots and spaces
//! ignored, so `8407.31`, `840731` and `84 07 31` are the same code), a
//! chapter 01–97 other than the reserved 77, and a heading other than `00`.
//! Eight- and ten-digit national tariff lines (Vietnam's AHTN lines are 8
//! digits) are accepted and keep their extra digits for display, but every
//! comparison is made on the international six digits: tariff-shift rules
//! are written at chapter, heading or subheading level in all four
//! agreements (RCEP Annex 3A headnotes; EVFTA Protocol 1 Art. 1(a)).
//!
//! The nomenclature itself (which headings exist in which edition) is not
//! embedded: a well-formed code that is not in the HS is not detected.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The level of an HS code or of a tariff-shift rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HsLevel {
    /// Two digits (Chương).
    Chapter,
    /// Four digits (Nhóm).
    Heading,
    /// Six digits (Phân nhóm).
    Subheading,
}

impl HsLevel {
    /// How many digits the level has.
    pub fn digits(self) -> usize {
        match self {
            Self::Chapter => 2,
            Self::Heading => 4,
            Self::Subheading => 6,
        }
    }

    /// The Vietnamese name used in the circulars (Chương, Nhóm, Phân nhóm).
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::Chapter => "Chương",
            Self::Heading => "Nhóm",
            Self::Subheading => "Phân nhóm",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Chapter => "chapter",
            Self::Heading => "heading",
            Self::Subheading => "subheading",
        }
    }
}

/// The edition of the HS nomenclature a code is read in.
///
/// Product-specific rule tables are keyed by edition (CPTPP, RCEP and EVFTA
/// were signed on HS 2012 and later transposed); Vietnam's tariff follows
/// HS 2022 since 2022. The calculator compares codes as given and records
/// the edition so a result can say which nomenclature it assumed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HsEdition {
    /// HS 2012.
    Hs2012,
    /// HS 2017.
    Hs2017,
    /// HS 2022 (the default).
    #[default]
    Hs2022,
}

impl HsEdition {
    /// Parses `2012`, `2017`, `2022` (optionally prefixed `HS`).
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim().to_ascii_uppercase();
        match t.trim_start_matches("HS").trim() {
            "2012" => Ok(Self::Hs2012),
            "2017" => Ok(Self::Hs2017),
            "2022" => Ok(Self::Hs2022),
            _ => Err(Error::MalformedHs {
                input: s.to_owned(),
                reason: crate::text::Text::new(
                    "không có phiên bản HS này: dùng 2012, 2017 hoặc 2022",
                    "unknown HS edition: expected 2012, 2017 or 2022",
                ),
            }),
        }
    }

    /// `HS 2022` etc.
    pub fn label(self) -> &'static str {
        match self {
            Self::Hs2012 => "HS 2012",
            Self::Hs2017 => "HS 2017",
            Self::Hs2022 => "HS 2022",
        }
    }
}

/// A validated HS code: 2, 4 or 6 international digits, plus national
/// digits kept for display.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HsCode {
    /// The international digits (2, 4 or 6).
    digits: String,
    /// National digits beyond the sixth (2 or 4), if given.
    national: String,
}

impl HsCode {
    /// Parses and validates a code; see the module doc for what is accepted.
    pub fn parse(input: &str) -> Result<Self> {
        let bad = |en: &str, vi: &str| Error::MalformedHs {
            input: input.to_owned(),
            reason: crate::text::Text::new(vi, en),
        };
        let mut all = String::with_capacity(10);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => all.push(c),
                '.' | ' ' => {}
                _ => {
                    return Err(bad(
                        "only digits, dots and spaces are allowed (e.g. 84, 8407, 8407.31)",
                        "chỉ dùng chữ số, dấu chấm và dấu cách (ví dụ 84, 8407, 8407.31)",
                    ));
                }
            }
        }
        if all.is_empty() {
            return Err(bad("empty", "để trống"));
        }
        if !matches!(all.len(), 2 | 4 | 6 | 8 | 10) {
            return Err(bad(
                &format!(
                    "{} digits: expected 2 (chapter), 4 (heading) or 6 (subheading); 8 or 10 for a national tariff line",
                    all.len()
                ),
                &format!(
                    "{} chữ số: cần 2 (chương), 4 (nhóm) hoặc 6 (phân nhóm); 8 hoặc 10 cho dòng thuế quốc gia",
                    all.len()
                ),
            ));
        }
        let chapter: u8 = all[..2]
            .parse()
            .map_err(|_| bad("not a number", "không phải là số"))?;
        if chapter == 0 || chapter > 97 {
            return Err(bad("chapters run from 01 to 97", "chương từ 01 đến 97"));
        }
        if chapter == 77 {
            return Err(bad(
                "chapter 77 is reserved in the HS and holds no goods",
                "chương 77 để dự phòng, không có hàng hoá",
            ));
        }
        if all.len() >= 4 && &all[2..4] == "00" {
            return Err(bad(
                "heading 00 does not exist: headings run from 01",
                "không có nhóm 00: nhóm bắt đầu từ 01",
            ));
        }
        let (digits, national) = if all.len() > 6 {
            (all[..6].to_owned(), all[6..].to_owned())
        } else {
            (all, String::new())
        };
        Ok(Self { digits, national })
    }

    /// The level of the international part.
    pub fn level(&self) -> HsLevel {
        match self.digits.len() {
            2 => HsLevel::Chapter,
            4 => HsLevel::Heading,
            _ => HsLevel::Subheading,
        }
    }

    /// The code cut to `level`, or `None` when the code is coarser than it.
    pub fn at(&self, level: HsLevel) -> Option<&str> {
        self.digits.get(..level.digits())
    }

    /// The international digits without dots (`840731`).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// True when `self` lies inside `other` (e.g. 8407.31 inside 8407 or 84).
    pub fn within(&self, other: &HsCode) -> bool {
        self.digits.starts_with(&other.digits)
    }

    /// Whether `self` and `other` are in a different chapter, heading or
    /// subheading: `Some(true)` different, `Some(false)` the same, `None`
    /// when either code is too coarse to tell (e.g. two codes of heading
    /// 8407 given at 4 digits, compared at subheading level).
    pub fn differs_at(&self, other: &HsCode, level: HsLevel) -> Option<bool> {
        match (self.at(level), other.at(level)) {
            (Some(a), Some(b)) => Some(a != b),
            _ => {
                // A difference at a coarser level settles it.
                let common = self.level().min(other.level());
                let (a, b) = (self.at(common)?, other.at(common)?);
                if a != b { Some(true) } else { None }
            }
        }
    }
}

impl fmt::Display for HsCode {
    /// `84`, `8407`, `8407.31`, `8407.31.10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.digits;
        if d.len() == 6 {
            write!(f, "{}.{}", &d[..4], &d[4..])?;
        } else {
            f.write_str(d)?;
        }
        for chunk in self.national.as_bytes().chunks(2) {
            write!(f, ".{}", std::str::from_utf8(chunk).unwrap_or_default())?;
        }
        Ok(())
    }
}

impl std::str::FromStr for HsCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl TryFrom<String> for HsCode {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<HsCode> for String {
    fn from(c: HsCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(s: &str) -> HsCode {
        HsCode::parse(s).unwrap()
    }

    #[test]
    fn accepts_the_usual_spellings_of_one_code() {
        assert_eq!(hs("8407.31"), hs("840731"));
        assert_eq!(hs(" 84 07 31 "), hs("8407.31"));
        assert_eq!(hs("8407.31").to_string(), "8407.31");
        assert_eq!(hs("0805").to_string(), "0805");
        assert_eq!(hs("84").level(), HsLevel::Chapter);
        assert_eq!(hs("8407").level(), HsLevel::Heading);
        assert_eq!(hs("840731").level(), HsLevel::Subheading);
    }

    #[test]
    fn national_lines_compare_on_six_digits() {
        let line = hs("8407.31.10");
        assert_eq!(line.level(), HsLevel::Subheading);
        assert_eq!(line.digits(), "840731");
        assert_eq!(line.to_string(), "8407.31.10");
        assert_eq!(hs("7308.90.99.00").to_string(), "7308.90.99.00");
    }

    #[test]
    fn rejects_malformed_codes_with_a_reason() {
        for (input, needle) in [
            ("", "empty"),
            ("8", "1 digits"),
            ("840", "3 digits"),
            ("8407a", "only digits"),
            ("00", "01 to 97"),
            ("98", "01 to 97"),
            ("7701", "reserved"),
            ("8400", "heading 00"),
            ("8407.311", "7 digits"),
        ] {
            let e = HsCode::parse(input).unwrap_err().to_string();
            assert!(e.contains(needle), "{input:?}: {e}");
        }
    }

    #[test]
    fn differs_at_each_level() {
        let good = hs("2007.99");
        let oranges = hs("0805.10");
        assert_eq!(oranges.differs_at(&good, HsLevel::Chapter), Some(true));
        let same_heading = hs("2007.10");
        assert_eq!(
            same_heading.differs_at(&good, HsLevel::Heading),
            Some(false)
        );
        assert_eq!(
            same_heading.differs_at(&good, HsLevel::Subheading),
            Some(true)
        );
        // Too coarse to tell at subheading level, but a different heading settles it.
        assert_eq!(hs("2007").differs_at(&good, HsLevel::Subheading), None);
        assert_eq!(
            hs("2008").differs_at(&good, HsLevel::Subheading),
            Some(true)
        );
        assert_eq!(hs("20").differs_at(&good, HsLevel::Heading), None);
        assert_eq!(hs("21").differs_at(&good, HsLevel::Heading), Some(true));
    }

    #[test]
    fn within_is_a_prefix_test() {
        assert!(hs("8407.31").within(&hs("8407")));
        assert!(hs("8407.31").within(&hs("84")));
        assert!(!hs("8408.10").within(&hs("8407")));
        assert!(!hs("84").within(&hs("8407")));
    }

    #[test]
    fn editions_parse() {
        assert_eq!(HsEdition::parse("hs2017").unwrap(), HsEdition::Hs2017);
        assert_eq!(HsEdition::parse("2022").unwrap(), HsEdition::Hs2022);
        assert!(HsEdition::parse("2007").is_err());
    }
}
