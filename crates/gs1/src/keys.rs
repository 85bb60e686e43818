//! The GS1 keys used for products, locations and logistic units: GTIN,
//! GLN and SSCC. Each holds its digits, check digit included, and is only
//! built through `parse`, which checks length, digits and check digit.

use std::fmt;

use crate::check::{digits_only, verify_check_digit};
use crate::error::{Error, Result};

/// A Global Trade Item Number. GTIN-8, -12 (UPC-A) and -13 (EAN) are
/// stored as GTIN-14, left-padded with zeros, so one product has one key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gtin(String);

impl Gtin {
    /// Parses 8, 12, 13 or 14 digits with a correct check digit.
    pub fn parse(s: &str) -> Result<Gtin> {
        digits_only(s)?;
        if ![8, 12, 13, 14].contains(&s.len()) {
            return Err(Error::WrongLength {
                input: s.to_owned(),
                kind: "GTIN",
                expected: "8, 12, 13 or 14",
                found: s.len(),
            });
        }
        verify_check_digit(s)?;
        Ok(Gtin(format!("{s:0>14}")))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The indicator digit (the first of the 14; 0 for a GTIN-13).
    pub fn indicator(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }

    /// The 3-digit GS1 prefix of the issuing member organisation (the first
    /// three digits after the indicator), e.g. `893` for GS1 Vietnam.
    /// Meaningless for GTIN-8 and GTIN-12, whose leading zeros fill it.
    pub fn gs1_prefix(&self) -> &str {
        &self.0[1..4]
    }
}

impl fmt::Display for Gtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Global Location Number: 13 digits identifying a party or a place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gln(String);

impl Gln {
    /// Parses 13 digits with a correct check digit.
    pub fn parse(s: &str) -> Result<Gln> {
        fixed(s, 13, "GLN", "13")?;
        Ok(Gln(s.to_owned()))
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Gln {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Serial Shipping Container Code: 18 digits identifying one logistic
/// unit (a pallet, a carton): extension digit, company prefix, serial
/// reference, check digit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sscc(String);

impl Sscc {
    /// Parses 18 digits with a correct check digit.
    pub fn parse(s: &str) -> Result<Sscc> {
        fixed(s, 18, "SSCC", "18")?;
        Ok(Sscc(s.to_owned()))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Digits only, exactly `len` of them, correct check digit.
pub(crate) fn fixed(s: &str, len: usize, kind: &'static str, words: &'static str) -> Result<()> {
    digits_only(s)?;
    if s.len() != len {
        return Err(Error::WrongLength {
            input: s.to_owned(),
            kind,
            expected: words,
            found: s.len(),
        });
    }
    verify_check_digit(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtins_of_every_length_are_stored_as_14_digits() {
        assert_eq!(Gtin::parse("02345673").unwrap().as_str(), "00000002345673");
        assert_eq!(
            Gtin::parse("036000241457").unwrap().as_str(),
            "00036000241457"
        );
        assert_eq!(
            Gtin::parse("6291041500213").unwrap().as_str(),
            "06291041500213"
        );
        let g14 = Gtin::parse("10614141073464").unwrap();
        assert_eq!(g14.as_str(), "10614141073464");
        assert_eq!(g14.indicator(), '1');
        assert_eq!(Gtin::parse("8930000000019").unwrap().gs1_prefix(), "893");
    }

    #[test]
    fn the_same_product_in_two_lengths_is_one_key() {
        assert_eq!(Gtin::parse("036000241457"), Gtin::parse("0036000241457"));
    }

    #[test]
    fn bad_keys_are_rejected_with_the_reason() {
        let e = Gtin::parse("123456789").unwrap_err();
        assert!(e.to_string().contains("8, 12, 13 or 14"), "{e}");
        assert!(matches!(
            Gtin::parse("6291041500214"),
            Err(Error::IncorrectCheckDigit { .. })
        ));
        assert!(matches!(
            Gln::parse("943646579210"),
            Err(Error::WrongLength { .. })
        ));
        assert!(Gln::parse("9436465792104").is_ok());
        assert!(Sscc::parse("106141412345678908").is_ok());
        assert!(matches!(
            Sscc::parse("106141412345678909"),
            Err(Error::IncorrectCheckDigit { .. })
        ));
        assert!(matches!(
            Sscc::parse("10614141234567890A"),
            Err(Error::NonDigit { position: 18, .. })
        ));
    }
}
