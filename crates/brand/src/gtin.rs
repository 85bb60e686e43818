//! GTINs on an OCOP product's packages: the workspace's one GTIN type,
//! [`congthuong_gs1::Gtin`] (GTIN-8/12/13/14, stored as 14 digits, check
//! digit verified by `congthuong_gs1::check`), read the way people type
//! it on a form or in a spreadsheet, and its GS1 Digital Link URI.

use crate::error::{Error, Result};

pub use congthuong_gs1::Gtin;

/// Parses a GTIN-8/12/13/14 as typed: spaces are ignored (`893 4567
/// 00001 7`); every other problem is the GS1 crate's, named in the error.
pub fn parse_gtin(input: &str) -> Result<Gtin> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    Gtin::parse(&digits).map_err(|e| Error::MalformedGtin {
        input: input.to_owned(),
        reason: e,
    })
}

/// The GS1 Digital Link URI of a GTIN on `resolver` (e.g.
/// `https://id.gs1.org`, or this server's address so that a QR code on the
/// pack opens the product's public page).
pub fn digital_link(gtin: &Gtin, resolver: &str) -> String {
    format!("{}/01/{}", resolver.trim_end_matches('/'), gtin.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_gtins_check() {
        // GS1's example GTIN-14 (used throughout the Digital Link
        // standard), and a GTIN-13 with Vietnam's 893 prefix checked by hand.
        assert_eq!(
            parse_gtin("09506000134352").unwrap().as_str(),
            "09506000134352"
        );
        assert_eq!(
            parse_gtin("9506000134352").unwrap().as_str(),
            "09506000134352"
        );
        assert!(parse_gtin("8935049500506").is_ok());
        // GTIN-8 and GTIN-12 are padded; spaces as typed are ignored.
        assert_eq!(parse_gtin("96385074").unwrap().as_str(), "00000096385074");
        assert_eq!(
            parse_gtin("0 36000 29145 2").unwrap().as_str(),
            "00036000291452"
        );
    }

    #[test]
    fn bad_gtins_say_why() {
        let e = parse_gtin("09506000134353").unwrap_err().to_string();
        assert!(
            e.contains("invalid GTIN \"09506000134353\"")
                && e.contains("incorrect check digit 3, expected 2"),
            "{e}"
        );
        let e = parse_gtin("95060001343").unwrap_err().to_string();
        assert!(e.contains("this has 11"), "{e}");
        let e = parse_gtin("950600013435X").unwrap_err().to_string();
        assert!(e.contains("is not a digit"), "{e}");
    }

    #[test]
    fn one_type_for_the_workspace() {
        // The register's GTIN is the GS1 crate's: values move between them
        // without conversion.
        let g: congthuong_gs1::Gtin = parse_gtin("8934567000017").unwrap();
        assert_eq!(g.gs1_prefix(), "893");
        assert_eq!(
            digital_link(&g, "https://id.gs1.org/"),
            "https://id.gs1.org/01/08934567000017"
        );
    }
}
