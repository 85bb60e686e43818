//! The GS1 mod-10 check digit (GS1 General Specifications §7.9.1), shared
//! by GTIN-8/12/13/14, GLN, SSCC, GSIN, GSRN, GDTI and the other numeric
//! keys: from the rightmost data digit leftwards, weights 3, 1, 3, 1, …;
//! the check digit brings the weighted sum up to a multiple of ten.

use crate::error::{Error, Result};

/// The check digit for `data` (the digits *without* their check digit).
///
/// ```
/// assert_eq!(congthuong_gs1::check_digit("629104150021").unwrap(), 3);
/// ```
pub fn check_digit(data: &str) -> Result<u8> {
    digits_only(data)?;
    if data.is_empty() {
        return Err(Error::TooShortForCheckDigit {
            input: data.to_owned(),
        });
    }
    Ok(compute(data.as_bytes()))
}

/// Checks that the last digit of `code` is the check digit of the others.
pub fn verify_check_digit(code: &str) -> Result<()> {
    digits_only(code)?;
    if code.len() < 2 {
        return Err(Error::TooShortForCheckDigit {
            input: code.to_owned(),
        });
    }
    let bytes = code.as_bytes();
    let (data, last) = bytes.split_at(bytes.len() - 1);
    let expected = compute(data);
    let found = last[0] - b'0';
    if found == expected {
        Ok(())
    } else {
        Err(Error::IncorrectCheckDigit {
            input: code.to_owned(),
            found,
            expected,
        })
    }
}

/// `data` followed by its check digit. `data` must be ASCII digits.
pub(crate) fn with_check_digit(data: &str) -> String {
    let mut s = String::with_capacity(data.len() + 1);
    s.push_str(data);
    s.push(char::from(b'0' + compute(data.as_bytes())));
    s
}

/// Check digit of ASCII digits (callers have checked they are digits).
fn compute(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Rejects the first character that is not an ASCII digit.
pub(crate) fn digits_only(s: &str) -> Result<()> {
    match s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, c)) => Err(Error::NonDigit {
            input: s.to_owned(),
            position: i + 1,
            found: c,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_examples_from_the_research_notes() {
        for (data, check) in [
            ("629104150021", 3),
            ("890400021003", 7),
            ("03600024145", 7),
            ("10614141123456789", 7),
            ("0952123454321", 3),
            ("943646579210", 4),
        ] {
            assert_eq!(check_digit(data).unwrap(), check, "{data}");
            assert!(verify_check_digit(&format!("{data}{check}")).is_ok());
        }
    }

    #[test]
    fn errors_carry_the_linter_codes() {
        assert_eq!(
            verify_check_digit("5").unwrap_err().code(),
            Some("GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT")
        );
        let e = verify_check_digit("12A4").unwrap_err();
        assert_eq!(e.code(), Some("GS1_LINTER_NON_DIGIT_CHARACTER"));
        assert!(e.to_string().contains("position 3"), "{e}");
        let e = verify_check_digit("6291041500214").unwrap_err();
        assert_eq!(
            e,
            Error::IncorrectCheckDigit {
                input: "6291041500214".into(),
                found: 4,
                expected: 3
            }
        );
    }

    proptest! {
        #[test]
        fn appending_the_check_digit_always_verifies(data in "[0-9]{1,20}") {
            prop_assert!(verify_check_digit(&with_check_digit(&data)).is_ok());
        }

        #[test]
        fn changing_the_check_digit_always_fails(data in "[0-9]{1,20}", bump in 1u8..10) {
            let good = check_digit(&data).unwrap();
            let bad = (good + bump) % 10;
            let code = format!("{data}{bad}");
            prop_assert!(verify_check_digit(&code).is_err());
        }

        #[test]
        fn leading_zeros_do_not_change_the_check_digit(data in "[0-9]{1,17}") {
            prop_assert_eq!(check_digit(&data).unwrap(), check_digit(&format!("0{data}")).unwrap());
        }

        #[test]
        fn a_single_digit_error_is_always_caught(data in "[0-9]{2,17}", pos in 0usize..17, d in 0u8..10) {
            let code = with_check_digit(&data);
            let pos = pos % code.len();
            let mut bytes = code.clone().into_bytes();
            prop_assume!(bytes[pos] != b'0' + d);
            bytes[pos] = b'0' + d;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(verify_check_digit(&changed).is_err());
        }
    }
}
