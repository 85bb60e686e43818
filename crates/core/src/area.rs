//! Area codes and boundary versions.
//!
//! An [`AreaCode`] is a 2-digit provincial code as the statistics office
//! writes it ("01" Hà Nội). The same code can name different territory on
//! different [`BoundaryVersion`]s: "24" is Bắc Giang before 1 July 2025 and
//! the merged Bắc Ninh (Bắc Ninh + Bắc Giang) after it. Whether a code exists
//! on a version is answered by [`crate::Geography`].

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::period::Period;

/// A well-formed 2-digit province code. Existence is checked against a
/// boundary version by [`crate::Geography::area`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AreaCode([u8; 2]);

impl AreaCode {
    /// Parses exactly two ASCII digits.
    pub fn parse(s: &str) -> Result<Self> {
        Self::from_bytes(s.trim().as_bytes()).ok_or_else(|| Error::MalformedAreaCode {
            input: s.to_owned(),
        })
    }

    /// Two ASCII digits, or `None`.
    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        match b {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Some(Self([*a, *b])),
            _ => None,
        }
    }

    /// The code as text, e.g. `"01"`.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII digits by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The numeric value, 0–99 (handy as an array index).
    pub fn number(self) -> usize {
        usize::from(self.0[0] - b'0') * 10 + usize::from(self.0[1] - b'0')
    }
}

impl FromStr for AreaCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AreaCode({})", self.as_str())
    }
}

impl serde::Serialize for AreaCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which set of provincial units a code refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BoundaryVersion {
    /// The 63 provincial units in force until 2025-06-30.
    Pre2025,
    /// The 34 provincial units in force from 2025-07-01 (Resolution 202/2025/QH15).
    V2025,
}

impl BoundaryVersion {
    /// Both versions, oldest first.
    pub const ALL: [BoundaryVersion; 2] = [BoundaryVersion::Pre2025, BoundaryVersion::V2025];

    /// The first month of the 34-unit boundaries.
    pub const MERGER_MONTH: Period = Period::from_ordinal(2025 * 12 + 6);

    /// The version in force in a month.
    pub fn in_force(period: Period) -> Self {
        if period < Self::MERGER_MONTH {
            Self::Pre2025
        } else {
            Self::V2025
        }
    }

    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pre2025 => "pre2025",
            Self::V2025 => "2025",
        }
    }

    /// Whether figures for `period` can be stated on this version. Every
    /// period can be stated on 2025 (old codes are mapped forward); the
    /// pre-2025 units do not exist after 2025-06.
    pub fn can_state(self, period: Period) -> bool {
        match self {
            Self::Pre2025 => period < Self::MERGER_MONTH,
            Self::V2025 => true,
        }
    }
}

impl FromStr for BoundaryVersion {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "pre2025" => Ok(Self::Pre2025),
            "2025" => Ok(Self::V2025),
            other => Err(Error::UnknownBoundaryVersion {
                input: other.to_owned(),
                nearest: vec!["pre2025".into(), "2025".into()],
            }),
        }
    }
}

impl serde::Serialize for BoundaryVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for BoundaryVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_keep_leading_zeros() {
        assert_eq!(AreaCode::parse("01").unwrap().as_str(), "01");
        assert_eq!(AreaCode::parse("01").unwrap().number(), 1);
        for bad in ["1", "001", "A1", "", " 1"] {
            assert!(AreaCode::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn merger_takes_effect_in_july_2025() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(
            BoundaryVersion::in_force(p("2025-06")),
            BoundaryVersion::Pre2025
        );
        assert_eq!(
            BoundaryVersion::in_force(p("2025-07")),
            BoundaryVersion::V2025
        );
        assert!(!BoundaryVersion::Pre2025.can_state(p("2025-07")));
        assert!(BoundaryVersion::V2025.can_state(p("2015-01")));
    }

    #[test]
    fn boundary_names_round_trip() {
        for v in BoundaryVersion::ALL {
            assert_eq!(v.as_str().parse::<BoundaryVersion>().unwrap(), v);
        }
        assert!("2026".parse::<BoundaryVersion>().is_err());
    }

    proptest! {
        #[test]
        fn any_two_digits_round_trip(n in 0usize..100) {
            let s = format!("{n:02}");
            let c = AreaCode::parse(&s).unwrap();
            prop_assert_eq!(c.as_str(), s.as_str());
            prop_assert_eq!(c.number(), n);
        }
    }
}
