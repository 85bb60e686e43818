//! Countries as ISO 3166-1 alpha-2 codes, with `EU` for the Union.
//!
//! The code is checked for shape (two ASCII letters, upper-cased), not
//! against the ISO list: a well-formed unknown code is simply not a Party
//! to any agreement, so a material claimed originating there is counted
//! as non-originating (see [`crate::agreement::Profile::is_party`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A country (or `EU`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

/// The 27 member states of the European Union (ISO codes; Greece is `GR`).
pub const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

impl Country {
    /// Parses `vn`, `VN`, `EU`; `EL` (the EU's code for Greece) becomes `GR`.
    pub fn parse(input: &str) -> Result<Self> {
        let t = input.trim().to_ascii_uppercase();
        if t.len() != 2 || !t.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::MalformedCountry {
                input: input.to_owned(),
            });
        }
        Ok(Self(if t == "EL" { "GR".to_owned() } else { t }))
    }

    /// Viet Nam, the exporting Party of every calculation here.
    pub fn vietnam() -> Self {
        Self("VN".to_owned())
    }

    /// The code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// True for `EU` and the 27 member states.
    pub fn is_eu(&self) -> bool {
        self.0 == "EU" || EU_MEMBERS.contains(&self.0.as_str())
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Country {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_upper_cased_and_checked_for_shape() {
        assert_eq!(Country::parse(" jp ").unwrap().code(), "JP");
        assert_eq!(Country::parse("EL").unwrap().code(), "GR");
        assert!(Country::parse("DE").unwrap().is_eu());
        assert!(Country::parse("EU").unwrap().is_eu());
        assert!(!Country::parse("GB").unwrap().is_eu());
        for bad in ["", "V", "VNM", "V1", "Việt"] {
            assert!(Country::parse(bad).is_err(), "{bad}");
        }
    }
}
