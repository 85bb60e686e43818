//! Parsing quantities and values.
//!
//! Plain decimals with at most nine decimals (`12`, `12.5`, `+0.125`) become
//! exact integers scaled by 10⁹ (see the engine's accumulator); anything
//! else that Rust reads as a finite number (`1.5e3`, many decimals) is read
//! as `f64`. Thousands separators and decimal commas are refused: `1,5`
//! is ambiguous, and the file contract writes numbers with a dot.

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
