//! Parsing quantities and values.
//!
//! Plain decimals with at most nine decimals (`12`, `12.5`, `+0.125`) become
//! exact integers scaled by 10⁹ (see the engine's accumulator); anything
//! else that Rust reads as a finite number (`1.5e3`, many decimals) is read
//! as `f64`. Thousands separators and decimal commas are refused: `1,5`
//! is ambiguous, and the file contract writes numbers with a dot.
//!
//! Numbers a person typed into an upload (a province's report as CSV or
//! in a text cell of the workbook) are read by [`parse_typed_quantity`]
//! instead, which also takes the Vietnamese forms (`95,5`, `1.000,5`)
//! through `congthuong_core::number` in the file's convention (see
//! [`crate::dialect`]). The `iip compile` folder keeps the contract's form.

use congthuong_core::Lang;
use congthuong_core::number::{NumberProblem, parse_decimal};

use crate::error::Msg;

/// A parsed non-negative quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quantity {
    /// The value × 10⁹, exactly.
    Scaled(i128),
    /// The value, when it has no exact scaled form.
    Float(f64),
}

/// Why a number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number.
    Unparsable,
    /// Below zero.
    Negative,
}

const SCALE_DIGITS: usize = 9;

/// Parses a non-negative quantity (surrounding spaces allowed).
pub fn parse_quantity(raw: &[u8]) -> Result<Quantity, NumberError> {
    let b = raw.trim_ascii();
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if let Some(v) = scaled(digits) {
        return if negative && v != 0 {
            Err(NumberError::Negative)
        } else {
            Ok(Quantity::Scaled(v))
        };
    }
    let text = std::str::from_utf8(b).map_err(|_| NumberError::Unparsable)?;
    match text.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err(NumberError::Unparsable),
        Ok(v) if v < 0.0 => Err(NumberError::Negative),
        Ok(v) => Ok(Quantity::Float(v.abs())),
        Err(_) => Err(NumberError::Unparsable),
    }
}

/// `digits[.digits]` with at most 9 decimals and 28 integer digits.
#[inline]
fn scaled(b: &[u8]) -> Option<i128> {
    let (int, frac) = match memchr::memchr(b'.', b) {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[..0]),
    };
    if (int.is_empty() && frac.is_empty()) || int.len() > 28 || frac.len() > SCALE_DIGITS {
        return None;
    }
    let mut v: i128 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i128::from(c - b'0');
    }
    Some(v * 10i128.pow((SCALE_DIGITS - frac.len()) as u32))
}

/// Parses a non-negative weight (`value_added`, `output_value`).
pub fn parse_non_negative(raw: &str) -> Result<f64, NumberError> {
    match parse_quantity(raw.as_bytes())? {
        Quantity::Scaled(v) => Ok(v as f64 / 1e9),
        Quantity::Float(v) => Ok(v),
    }
}

impl NumberError {
    /// A message naming the offending text.
    pub fn message(self, raw: &[u8]) -> String {
        let text = String::from_utf8_lossy(raw);
        match self {
            NumberError::Unparsable => format!(
                "unparsable number {text:?} (write numbers like 1234.5, with a dot and no thousands separator)"
            ),
            NumberError::Negative => {
                format!("negative value {text}: quantities and weights cannot be below zero")
            }
        }
    }
}

/// A quantity typed by a person, read in the convention `numbers` (the
/// file's): in English ([`Lang::En`], a comma-separated CSV) the
/// contract's forms first (`1234.5`, `1.5e3`; `1.000` is one), then any
/// unambiguous grouped or decimal-comma form (`95,5`, `1.000,5`,
/// `1,000.5`); in Vietnamese ([`Lang::Vi`]) the Vietnamese reading first
/// (`1.000` is one thousand), then the contract's exponent forms. The
/// error is in both languages.
pub fn parse_typed_quantity(raw: &str, numbers: Lang) -> Result<Quantity, Msg> {
    let text = raw.trim();
    let negative = || {
        Msg::new(
            format!("negative value {text}: quantities cannot be below zero"),
            format!("giá trị âm {text}: số lượng không được nhỏ hơn 0"),
        )
    };
    if numbers == Lang::En {
        match parse_quantity(text.as_bytes()) {
            Ok(q) => return Ok(q),
            Err(NumberError::Negative) => return Err(negative()),
            Err(NumberError::Unparsable) => {}
        }
    }
    match parse_decimal(text, numbers) {
        Ok(d) if d.is_negative() => Err(negative()),
        Ok(d) => Ok(decimal_quantity(d.mantissa(), d.scale(), || d.to_f64())),
        Err(e) => {
            if numbers == Lang::Vi && e.problem == NumberProblem::NotANumber {
                match parse_quantity(text.as_bytes()) {
                    Ok(q) => return Ok(q),
                    Err(NumberError::Negative) => return Err(negative()),
                    Err(NumberError::Unparsable) => {}
                }
            }
            Err(Msg::new(e.message(Lang::En), e.message(Lang::Vi)))
        }
    }
}

/// A non-negative decimal (mantissa, scale) as a quantity: exact when it
/// has at most nine decimals and fits, else the float.
fn decimal_quantity(mantissa: i128, scale: u32, float: impl Fn() -> f64) -> Quantity {
    let scaled = (scale as usize <= SCALE_DIGITS)
        .then(|| 10i128.checked_pow((SCALE_DIGITS - scale as usize) as u32))
        .flatten()
        .and_then(|f| mantissa.checked_mul(f));
    match scaled {
        Some(v) => Quantity::Scaled(v),
        None => Quantity::Float(float()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typed_quantities_in_both_conventions() {
        let q = |s: &str, l: Lang| parse_typed_quantity(s, l);
        let scaled = |v: i128| Ok(Quantity::Scaled(v));
        // The contract's forms are unchanged in a comma-separated file.
        assert_eq!(q("1.000", Lang::En), scaled(1_000_000_000));
        assert_eq!(q("12.5", Lang::En), scaled(12_500_000_000));
        assert_eq!(q("1.5e3", Lang::En), Ok(Quantity::Float(1500.0)));
        // Unambiguous Vietnamese forms are read in either.
        for l in [Lang::En, Lang::Vi] {
            assert_eq!(q("95,5", l), scaled(95_500_000_000));
            assert_eq!(q("1.000,5", l), scaled(1_000_500_000_000));
            assert_eq!(q(" 0,125 ", l), scaled(125_000_000));
        }
        // The ambiguous form follows the file's convention.
        assert_eq!(q("1.000", Lang::Vi), scaled(1_000_000_000_000));
        assert_eq!(q("1,000", Lang::En), scaled(1_000_000_000_000));
        assert_eq!(q("1.5e3", Lang::Vi), Ok(Quantity::Float(1500.0)));
        assert_eq!(
            q("0,1234567891", Lang::Vi),
            Ok(Quantity::Float(0.1234567891))
        );
        let e = q("-3,5", Lang::Vi).unwrap_err();
        assert!(e.en.contains("negative value -3,5"), "{e:?}");
        assert!(e.get(Lang::Vi).contains("giá trị âm"), "{e:?}");
        assert!(
            q("-1", Lang::En)
                .unwrap_err()
                .en
                .contains("negative value -1")
        );
        let e = q("12 tấn", Lang::Vi).unwrap_err();
        assert!(e.get(Lang::Vi).contains("không phải là số"), "{e:?}");
        assert!(q("1.00.000", Lang::Vi).is_err());
    }

    #[test]
    fn reads_plain_decimals_exactly() {
        assert_eq!(parse_quantity(b"12"), Ok(Quantity::Scaled(12_000_000_000)));
        assert_eq!(
            parse_quantity(b" 0.125 "),
            Ok(Quantity::Scaled(125_000_000))
        );
        assert_eq!(parse_quantity(b"+.5"), Ok(Quantity::Scaled(500_000_000)));
        assert_eq!(parse_quantity(b"7."), Ok(Quantity::Scaled(7_000_000_000)));
        assert_eq!(parse_quantity(b"-0"), Ok(Quantity::Scaled(0)));
    }

    #[test]
    fn falls_back_to_floats_and_refuses_the_rest() {
        assert_eq!(parse_quantity(b"1.5e3"), Ok(Quantity::Float(1500.0)));
        assert_eq!(
            parse_quantity(b"0.1234567891"),
            Ok(Quantity::Float(0.1234567891))
        );
        for bad in [
            &b""[..],
            b".",
            b"abc",
            b"1,5",
            b"1 000",
            b"NaN",
            b"inf",
            b"--1",
            b"0x10",
        ] {
            assert_eq!(
                parse_quantity(bad),
                Err(NumberError::Unparsable),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert_eq!(parse_quantity(b"-5"), Err(NumberError::Negative));
        assert_eq!(parse_quantity(b"-1e3"), Err(NumberError::Negative));
    }

    proptest! {
        #[test]
        fn scaled_form_equals_the_float_reading(int in 0u64..10_000_000_000, frac in 0u32..1_000_000, decimals in 0usize..7) {
            let text = if decimals == 0 { int.to_string() } else { format!("{int}.{:0width$}", frac % 10u32.pow(decimals as u32), width = decimals) };
            let Ok(Quantity::Scaled(v)) = parse_quantity(text.as_bytes()) else { panic!("{text}") };
            let float: f64 = text.parse().unwrap();
            prop_assert!((v as f64 / 1e9 - float).abs() <= float.abs() * 1e-15);
        }
    }
}
