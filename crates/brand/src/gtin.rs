//! GS1 Global Trade Item Numbers, linking an OCOP product to its
//! packages and their traceability records.
//!
//! GTIN-8, -12, -13 and -14 are accepted (spaces ignored) and stored as 14
//! digits with leading zeros, the form GS1 Digital Link uses (`/01/` +
//! 14 digits). The check digit is the GS1 mod-10: weights 3 and 1
//! alternating from the right, excluding the check digit [GS1 General
//! Specifications §7.9, recalled; checked against published GTINs in the
//! tests]. Another crate may later own GS1 identifiers; this one is small
//! on purpose.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A GTIN with a valid check digit, stored as 14 digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Gtin(String);

impl Gtin {
    /// Parses and checks a GTIN-8/12/13/14.
    pub fn parse(input: &str) -> Result<Self> {
        let bad = |reason: String| Error::MalformedGtin {
            input: input.to_owned(),
            reason,
        };
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("only digits are allowed".into()));
        }
        if !matches!(digits.len(), 8 | 12 | 13 | 14) {
            return Err(bad(format!(
                "{} digits: a GTIN has 8, 12, 13 or 14",
                digits.len()
            )));
        }
        let padded = format!("{digits:0>14}");
        let expected = check_digit(&padded[..13]);
        let given = padded.as_bytes()[13] - b'0';
        if given != expected {
            return Err(bad(format!("check digit {given} should be {expected}")));
        }
        Ok(Self(padded))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The GS1 Digital Link URI on `resolver` (e.g. `https://id.gs1.org`).
    pub fn digital_link(&self, resolver: &str) -> String {
        format!("{}/01/{}", resolver.trim_end_matches('/'), self.0)
    }
}

/// The GS1 mod-10 check digit of the digits before it.
pub fn check_digit(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl fmt::Display for Gtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Gtin {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Self::parse(&s)
    }
}

impl From<Gtin> for String {
    fn from(g: Gtin) -> String {
        g.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_gtins_check() {
        // GS1's example GTIN-14 (used throughout the Digital Link
        // standard), and a GTIN-13 with Vietnam's 893 prefix checked by hand.
        assert_eq!(
            Gtin::parse("09506000134352").unwrap().as_str(),
            "09506000134352"
        );
        assert_eq!(
            Gtin::parse("9506000134352").unwrap().as_str(),
            "09506000134352"
        );
        assert!(Gtin::parse("8935049500506").is_ok());
        // GTIN-8 and GTIN-12 are padded.
        assert_eq!(Gtin::parse("96385074").unwrap().as_str(), "00000096385074");
        assert_eq!(
            Gtin::parse("036000291452").unwrap().as_str(),
            "00036000291452"
        );
    }

    #[test]
    fn bad_gtins_say_why() {
        let e = Gtin::parse("09506000134353").unwrap_err().to_string();
        assert!(e.contains("check digit 3 should be 2"), "{e}");
        assert!(
            Gtin::parse("95060001343")
                .unwrap_err()
                .to_string()
                .contains("11 digits")
        );
        assert!(Gtin::parse("950600013435X").is_err());
    }

    #[test]
    fn digital_link() {
        let g = Gtin::parse("09506000134352").unwrap();
        assert_eq!(
            g.digital_link("https://id.gs1.org/"),
            "https://id.gs1.org/01/09506000134352"
        );
    }
}
