//! Small validated values shared by every register: codes, labels,
//! amounts, places (province codes on a boundary version) and the fixed
//! vocabularies (each with a code, a Vietnamese and an English label).

use std::fmt;

use congthuong_core::text::{fold, nfc};
use congthuong_core::{AreaCode, BoundaryVersion, Geography};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};

/// An identifier typed by people: 1–40 ASCII letters, digits, `-`, `_`
/// or `.`, e.g. `DA-HN-001`. Compared exactly.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Code(String);

impl Code {
    /// Validates a code.
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        if t.is_empty() || t.len() > 40 {
            return Err(Error::invalid(
                "code",
                t,
                Reason::new("use 1 to 40 characters", "dùng từ 1 đến 40 ký tự"),
            ));
        }
        if !t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            return Err(Error::invalid(
                "code",
                t,
                Reason::new(
                    "use only ASCII letters, digits, '-', '_' and '.'",
                    "chỉ dùng chữ Latinh không dấu, chữ số, '-', '_' và '.'",
                ),
            ));
        }
        Ok(Self(t.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Code {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        c.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Free text that must not be empty: a name, an agency, a reason.
/// Stored NFC-normalised and trimmed, at most 2,000 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Label(String);

impl Label {
    /// The longest label, in characters.
    pub const MAX_CHARS: usize = 2000;

    /// Validates a label.
    pub fn parse(s: &str) -> Result<Self> {
        // Line breaks typed in a spreadsheet cell arrive as \r\n or \r.
        let t = nfc(s.trim().replace("\r\n", "\n").replace('\r', "\n").as_str());
        if t.is_empty() {
            return Err(Error::invalid(
                "text",
                t,
                Reason::new("must not be empty", "không được để trống"),
            ));
        }
        if t.chars().count() > Self::MAX_CHARS {
            return Err(Error::invalid(
                "text",
                t.chars().take(40).collect::<String>() + "…",
                Reason::new(
                    format!("longer than {} characters", Self::MAX_CHARS),
                    format!("dài quá {} ký tự", Self::MAX_CHARS),
                ),
            ));
        }
        if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(Error::invalid(
                "text",
                t,
                Reason::new("contains control characters", "có ký tự điều khiển"),
            ));
        }
        Ok(Self(t))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text folded for loose matching (no diacritics, lower case,
    /// letters and digits only): how agency filters compare.
    pub fn folded(&self) -> String {
        fold(&self.0)
    }
}

impl TryFrom<String> for Label {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<Label> for String {
    fn from(l: Label) -> String {
        l.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A non-negative, finite amount: money in billion VND (*tỷ đồng*) or an
/// area in hectares, as the field says.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Amount(f64);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(0.0);

    /// Validates an amount.
    pub fn new(v: f64) -> Result<Self> {
        if !v.is_finite() {
            return Err(Error::invalid(
                "amount",
                v.to_string(),
                Reason::new("not a number", "không phải là số"),
            ));
        }
        if v < 0.0 {
            return Err(Error::invalid(
                "amount",
                v.to_string(),
                Reason::new("must not be negative", "không được âm"),
            ));
        }
        // -0.0 is stored as 0.0 so equal values hash equally.
        Ok(Self(v + 0.0))
    }

    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Amount {
    type Error = Error;
    fn try_from(v: f64) -> Result<Self> {
        Self::new(v)
    }
}

impl From<Amount> for f64 {
    fn from(a: Amount) -> f64 {
        a.0
    }
}

/// A percentage 0–100 (physical progress).
pub fn percent(v: f64) -> Result<f64> {
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(Error::invalid(
            "percentage",
            v.to_string(),
            Reason::new("must be between 0 and 100", "phải từ 0 đến 100"),
        ))
    }
}

/// Where a record is: one or more province codes on the boundary version
/// in force when it was entered. The first province is the lead one.
///
/// Records keep the codes they were entered with; they are read on the
/// other version by [`Place::on`]: forward (pre-2025 → 2025) each code
/// becomes the unit it merged into (`Geography::successor`); backward a
/// 2025 code stands for all of its predecessors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PlaceRaw", into = "PlaceRaw")]
pub struct Place {
    boundary: BoundaryVersion,
    provinces: Vec<AreaCode>,
}

#[derive(Serialize, Deserialize)]
struct PlaceRaw {
    boundary: String,
    provinces: Vec<String>,
}

impl TryFrom<PlaceRaw> for Place {
    type Error = Error;
    fn try_from(r: PlaceRaw) -> Result<Self> {
        let boundary = parse_boundary(&r.boundary)?;
        let codes: Vec<&str> = r.provinces.iter().map(String::as_str).collect();
        Place::new(boundary, &codes)
    }
}

impl From<Place> for PlaceRaw {
    fn from(p: Place) -> PlaceRaw {
        PlaceRaw {
            boundary: p.boundary.as_str().to_owned(),
            provinces: p.provinces.iter().map(|c| c.to_string()).collect(),
        }
    }
}

/// Parses `pre2025` or `2025`.
pub fn parse_boundary(s: &str) -> Result<BoundaryVersion> {
    s.parse::<BoundaryVersion>().map_err(|_| {
        Error::invalid(
            "boundary version",
            s,
            Reason::new(
                "expected pre2025 or 2025",
                "cần pre2025 (63 tỉnh) hoặc 2025 (34 tỉnh)",
            ),
        )
    })
}

impl Place {
    /// Province codes (at least one) that exist on `boundary`; a code
    /// listed twice counts once and the order is kept.
    pub fn new(boundary: BoundaryVersion, codes: &[&str]) -> Result<Self> {
        let geo = Geography::embedded();
        let mut provinces = Vec::new();
        for c in codes {
            let p = geo
                .area(c.trim(), boundary)
                .map_err(|e| Error::invalid("province", *c, e.into()))?;
            if !provinces.contains(&p.code) {
                provinces.push(p.code);
            }
        }
        if provinces.is_empty() {
            return Err(Error::invalid(
                "province",
                "",
                Reason::new(
                    "at least one province code is needed",
                    "cần ít nhất một mã tỉnh",
                ),
            ));
        }
        Ok(Self {
            boundary,
            provinces,
        })
    }

    /// Parses codes separated by `;` or `,`.
    pub fn parse_list(boundary: BoundaryVersion, list: &str) -> Result<Self> {
        let codes: Vec<&str> = list
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        Self::new(boundary, &codes)
    }

    /// One province.
    pub fn one(boundary: BoundaryVersion, code: &str) -> Result<Self> {
        Self::new(boundary, &[code])
    }

    /// The version the codes were entered on.
    pub fn boundary(&self) -> BoundaryVersion {
        self.boundary
    }

    /// The codes as entered, lead first.
    pub fn provinces(&self) -> &[AreaCode] {
        &self.provinces
    }

    /// The lead province as entered.
    pub fn lead(&self) -> AreaCode {
        self.provinces[0]
    }

    /// The codes as entered, `;`-separated.
    pub fn list(&self) -> String {
        join_codes(&self.provinces)
    }

    /// The provinces read on `version`, in code order, without duplicates
    /// (see the type's doc for the direction rules).
    pub fn on(&self, version: BoundaryVersion) -> Vec<AreaCode> {
        let geo = Geography::embedded();
        let mut out: Vec<AreaCode> = match (self.boundary, version) {
            (a, b) if a == b => self.provinces.clone(),
            (BoundaryVersion::Pre2025, BoundaryVersion::V2025) => self
                .provinces
                .iter()
                .filter_map(|c| geo.successor(*c))
                .collect(),
            _ => self
                .provinces
                .iter()
                .flat_map(|c| geo.predecessors(*c))
                .collect(),
        };
        out.sort();
        out.dedup();
        out
    }

    /// The lead province on `version` when that is one unit: always
    /// forward; backward only when the 2025 unit was not a merger.
    pub fn lead_on(&self, version: BoundaryVersion) -> Option<AreaCode> {
        let geo = Geography::embedded();
        match (self.boundary, version) {
            (a, b) if a == b => Some(self.lead()),
            (BoundaryVersion::Pre2025, BoundaryVersion::V2025) => geo.successor(self.lead()),
            _ => match geo.predecessors(self.lead()).as_slice() {
                [one] => Some(*one),
                _ => None,
            },
        }
    }

    /// True when the place shares a province with `other`, compared on the
    /// 2025 boundaries (where every code has exactly one reading).
    pub fn overlaps(&self, other: &Place) -> bool {
        let mine = self.on(BoundaryVersion::V2025);
        other
            .on(BoundaryVersion::V2025)
            .iter()
            .any(|c| mine.contains(c))
    }
}

/// Codes joined with `;`.
pub fn join_codes(codes: &[AreaCode]) -> String {
    codes
        .iter()
        .map(AreaCode::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

/// A closed vocabulary: every value has a code (English, snake case, used
/// in files and the API), a Vietnamese and an English label. Parsing
/// accepts the code or either label, ignoring case and diacritics.
pub trait Vocabulary: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// What the vocabulary is called, for error messages.
    const WHAT: &'static str;
    /// The code.
    fn code(self) -> &'static str;
    /// The Vietnamese label.
    fn vi(self) -> &'static str;
    /// The English label.
    fn en(self) -> &'static str;

    /// Parses a code or a label.
    fn parse(s: &str) -> Result<Self> {
        let f = fold(s);
        Self::ALL
            .iter()
            .copied()
            .find(|v| fold(v.code()) == f || fold(v.vi()) == f || fold(v.en()) == f)
            .ok_or_else(|| {
                Error::invalid(Self::WHAT, s.trim(), {
                    let list = Self::ALL
                        .iter()
                        .map(|v| format!("{} ({})", v.vi(), v.code()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    Reason::new(
                        format!("expected one of: {list}"),
                        format!("cần một trong: {list}"),
                    )
                })
            })
    }
}

/// Declares a vocabulary enum with serde as its code.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident, $what:literal { $($(#[$vm:meta])* $v:ident = ($code:literal, $vi:literal, $en:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $crate::model::common::Vocabulary for $name {
            const ALL: &'static [Self] = &[$(Self::$v),+];
            const WHAT: &'static str = $what;
            fn code(self) -> &'static str { match self { $(Self::$v => $code),+ } }
            fn vi(self) -> &'static str { match self { $(Self::$v => $vi),+ } }
            fn en(self) -> &'static str { match self { $(Self::$v => $en),+ } }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str($crate::model::common::Vocabulary::code(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <Self as $crate::model::common::Vocabulary>::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::common::Vocabulary::code(*self))
            }
        }
    };
}
pub(crate) use vocabulary;

/// Parses yes/no as people write it: `có`/`không`, `yes`/`no`,
/// `true`/`false`, `x`/empty is not accepted (say which).
pub fn parse_bool(s: &str) -> Result<bool> {
    match fold(s).as_str() {
        "co" | "yes" | "true" | "1" | "x" | "da" => Ok(true),
        "khong" | "no" | "false" | "0" | "chua" => Ok(false),
        _ => Err(Error::invalid(
            "yes/no",
            s.trim(),
            Reason::new(
                "expected có or không (yes or no)",
                "cần \"có\" hoặc \"không\"",
            ),
        )),
    }
}

/// `có` or `không`.
pub fn bool_vi(b: bool) -> &'static str {
    if b { "có" } else { "không" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_validate() {
        assert!(Code::parse("DA-HN-001").is_ok());
        for bad in ["", "a b", "dự-án", &"x".repeat(41)] {
            assert!(Code::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Label::parse("  ").is_err());
        assert_eq!(
            Label::parse("dòng 1\r\ndòng 2").unwrap().as_str(),
            "dòng 1\ndòng 2"
        );
        assert!(Label::parse("a\u{0}b").is_err());
        // Decomposed input is stored composed.
        assert_eq!(
            Label::parse("Ho\u{0300}a Bi\u{0300}nh").unwrap().as_str(),
            "Hòa Bình"
        );
        assert!(Amount::new(-1.0).is_err() && Amount::new(f64::INFINITY).is_err());
    }

    #[test]
    fn places_read_forward_and_backward() {
        // Old Bắc Ninh (27) and old Bắc Giang (24) are both the new Bắc Ninh (24).
        let p = Place::new(BoundaryVersion::Pre2025, &["27", "24", "27"]).unwrap();
        assert_eq!(p.provinces().len(), 2);
        assert_eq!(p.lead().as_str(), "27");
        assert_eq!(join_codes(&p.on(BoundaryVersion::V2025)), "24");
        assert_eq!(p.lead_on(BoundaryVersion::V2025).unwrap().as_str(), "24");
        let new = Place::one(BoundaryVersion::V2025, "24").unwrap();
        assert_eq!(join_codes(&new.on(BoundaryVersion::Pre2025)), "24;27");
        assert_eq!(new.lead_on(BoundaryVersion::Pre2025), None);
        assert!(p.overlaps(&new));
        // 27 does not exist after the merger.
        assert!(Place::one(BoundaryVersion::V2025, "27").is_err());
        assert!(Place::new(BoundaryVersion::V2025, &[]).is_err());
    }

    #[test]
    fn booleans_accept_vietnamese_and_english() {
        assert!(parse_bool("Có").unwrap());
        assert!(!parse_bool("KHÔNG").unwrap());
        assert!(parse_bool("maybe").is_err());
    }
}
