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

/// Parses a non-negative amount.
pub fn parse_amount(input: &str) -> Result<Decimal> {
    let bad = |reason| Error::MalformedAmount {
        input: input.to_owned(),
        reason,
    };
    let t = input.trim();
    if t.is_empty() {
        return Err(bad("empty"));
    }
    if t.contains(',') {
        return Err(bad(
            "write numbers without thousands separators and with a dot as the decimal point (1234.5)",
        ));
    }
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.starts_with('-') {
        return Err(bad("amounts cannot be negative"));
    }
    let mut dots = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => {}
            '.' => dots += 1,
            _ => return Err(bad("not a plain decimal number (digits and one dot)")),
        }
    }
    if dots > 1 || body == "." {
        return Err(bad("not a plain decimal number (digits and one dot)"));
    }
    Decimal::from_str(body).map_err(|_| bad("too many digits for an exact decimal (at most 28)"))
}

/// Parses a strictly positive amount (a price).
pub fn parse_price(input: &str) -> Result<Decimal> {
    let v = parse_amount(input)?;
    if v.is_zero() {
        return Err(Error::MalformedAmount {
            input: input.to_owned(),
            reason: "a price must be above zero",
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
            reason: "a percentage threshold must be above 0 and at most 100",
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
