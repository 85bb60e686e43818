//! Money amounts and percentages as exact decimals.
//!
//! Amounts are [`rust_decimal::Decimal`]s read from plain decimal text
//! (`1234`, `1234.5`, `+0.25`): a dot is the decimal point and thousands
//! separators and decimal commas are refused, because `1,234` means one
//! thousand in English and one point two in Vietnamese (the same rule as
//! the IIP file contract). All amounts of one calculation are in one
//! currency, whichever the user chose.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::text::Text;

/// The reasons an amount is refused, in both languages.
fn why(en: &str, vi: &str) -> Text {
    Text::new(vi, en)
}

fn empty() -> Text {
    why("empty", "để trống")
}

fn plain_only() -> Text {
    why(
        "not a plain decimal number (digits and one dot)",
        "không phải số thập phân (chữ số và một dấu thập phân)",
    )
}

fn negative() -> Text {
    why("amounts cannot be negative", "số tiền không được âm")
}

fn too_large() -> Text {
    why(
        "too large: at most 15 digits before the decimal point",
        "quá lớn: tối đa 15 chữ số phần nguyên",
    )
}

fn too_precise() -> Text {
    why(
        "too many decimals: at most 6",
        "quá nhiều chữ số thập phân: tối đa 6",
    )
}

/// Parses a non-negative amount.
pub fn parse_amount(input: &str) -> Result<Decimal> {
    let bad = |reason| Error::MalformedAmount {
        input: input.to_owned(),
        reason,
    };
    let t = input.trim();
    if t.is_empty() {
        return Err(bad(empty()));
    }
    if t.contains(',') {
        return Err(bad(why(
            "write numbers without thousands separators and with a dot as the decimal point (1234.5)",
            "viết số không có dấu phân cách hàng nghìn, dùng dấu chấm làm dấu thập phân (1234.5)",
        )));
    }
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.starts_with('-') {
        return Err(bad(negative()));
    }
    let mut dots = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => {}
            '.' => dots += 1,
            _ => return Err(bad(plain_only())),
        }
    }
    if dots > 1 || body == "." {
        return Err(bad(plain_only()));
    }
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
        return Err(bad(too_large()));
    }
    if frac.len() > MAX_DECIMALS {
        return Err(bad(too_precise()));
    }
    Decimal::from_str(body).map_err(|_| bad(plain_only()))
}

/// Checks that an amount built in code (not parsed) respects the same
/// bounds as a parsed one: zero or more, below 10¹⁵, at most 6 decimals.
pub fn check_amount(v: Decimal) -> Result<Decimal> {
    let bad = |reason| Error::MalformedAmount {
        input: v.to_string(),
        reason,
    };
    if v.is_sign_negative() && !v.is_zero() {
        return Err(bad(negative()));
    }
    if v >= Decimal::from(1_000_000_000_000_000_i64) {
        return Err(bad(too_large()));
    }
    if v.normalize().scale() > MAX_DECIMALS as u32 {
        return Err(bad(too_precise()));
    }
    Ok(v)
}

/// Amounts stay below 10¹⁵ with at most 6 decimals, so every sum, product
/// and quotient the calculator forms fits a `Decimal` (28 digits) and no
/// arithmetic on user input can overflow.
const MAX_INTEGER_DIGITS: usize = 15;
const MAX_DECIMALS: usize = 6;

/// Parses a strictly positive amount (a price).
pub fn parse_price(input: &str) -> Result<Decimal> {
    let v = parse_amount(input)?;
    if v.is_zero() {
        return Err(Error::MalformedAmount {
            input: input.to_owned(),
            reason: why("a price must be above zero", "giá phải lớn hơn 0"),
        });
    }
    Ok(v)
}

/// Parses a percentage threshold in (0, 100]; a trailing `%` is allowed.
pub fn parse_percent(input: &str) -> Result<Decimal> {
    let t = input.trim().trim_end_matches('%').trim_end();
    let v = parse_amount(t).map_err(|e| match e {
        Error::MalformedAmount { reason, .. } => Error::MalformedAmount {
            input: input.to_owned(),
            reason,
        },
        other => other,
    })?;
    if v.is_zero() || v > Decimal::ONE_HUNDRED {
        return Err(Error::MalformedAmount {
            input: input.to_owned(),
            reason: why(
                "a percentage threshold must be above 0 and at most 100",
                "ngưỡng phần trăm phải lớn hơn 0 và không quá 100",
            ),
        });
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_are_exact() {
        assert_eq!(parse_amount("1234.50").unwrap().to_string(), "1234.50");
        assert_eq!(parse_amount("+0.1").unwrap(), Decimal::new(1, 1));
        assert_eq!(parse_amount(" 7 ").unwrap(), Decimal::from(7));
        assert_eq!(
            parse_amount("999999999999999.999999").unwrap().to_string(),
            "999999999999999.999999"
        );
        assert_eq!(parse_amount("0000000000000000001").unwrap(), Decimal::ONE);
        assert_eq!(parse_percent("40%").unwrap(), Decimal::from(40));
        assert_eq!(parse_percent("35.5 %").unwrap(), Decimal::new(355, 1));
    }

    #[test]
    fn ambiguous_or_impossible_amounts_are_refused() {
        for (input, needle) in [
            ("1,5", "dot as the decimal point"),
            ("1.234.5", "plain decimal"),
            ("-3", "negative"),
            ("1e3", "plain decimal"),
            ("", "empty"),
            ("abc", "plain decimal"),
            ("1000000000000000", "too large"),
            ("0.0000001", "too many decimals"),
        ] {
            let e = parse_amount(input).unwrap_err().to_string();
            assert!(e.contains(needle), "{input:?}: {e}");
        }
        assert!(
            parse_price("0")
                .unwrap_err()
                .to_string()
                .contains("above zero")
        );
        assert!(parse_percent("0").is_err());
        assert!(parse_percent("100.01").is_err());
        assert!(parse_percent("100").is_ok());
    }
}
