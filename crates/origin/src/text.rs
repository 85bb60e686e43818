//! Bilingual text and number formatting for the explanations.
//!
//! Every sentence the calculator produces is a [`Text`] with a Vietnamese
//! and an English version; the caller picks one with [`Lang`]. Numbers are
//! written the way each language writes them: Vietnamese `1.234,5` and
//! `40,5 %`, English `1,234.5` and `40.5 %`. Percentages are rounded half
//! up to two decimals for display only; pass or fail is always decided on
//! the exact values (see [`crate::agreement::Bound`]).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The language of the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parses `vi` or `en`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Self::Vi),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

/// One sentence in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

impl std::fmt::Display for Text {
    /// The English (error messages' `Display` is English; pick a language
    /// with [`Text::get`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl Text {
    /// Both versions.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The version in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Writes a decimal with the language's separators, without trailing zeros.
pub fn number(d: Decimal, lang: Lang) -> String {
    let s = d.normalize().to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// Writes a percentage (`40 %`, `40,5 %`), rounded half up to two
/// decimals; when that rounding would print the threshold itself for a
/// value that is not exactly the threshold, more decimals are shown so the
/// reader never sees "40 % < 40 %".
pub fn percent(value: Decimal, threshold: Option<Decimal>, lang: Lang) -> String {
    let mut dp = 2;
    let mut shown = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if let Some(t) = threshold {
        while shown == t && value != t && dp < 12 {
            dp += 2;
            shown = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        }
    }
    format!("{} %", number(shown, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(number(d("1234567.50"), Lang::Vi), "1.234.567,5");
        assert_eq!(number(d("1234567.50"), Lang::En), "1,234,567.5");
        assert_eq!(number(d("100"), Lang::Vi), "100");
        assert_eq!(number(d("-1000.25"), Lang::En), "-1,000.25");
        assert_eq!(number(d("0.125"), Lang::Vi), "0,125");
    }

    #[test]
    fn percentages_round_half_up_but_never_fake_the_threshold() {
        assert_eq!(percent(d("10.345"), None, Lang::Vi), "10,35 %");
        assert_eq!(percent(d("10.3"), None, Lang::En), "10.3 %");
        assert_eq!(percent(d("40"), Some(d("40")), Lang::En), "40 %");
        assert_eq!(percent(d("39.999"), Some(d("40")), Lang::En), "39.999 %");
        assert_eq!(
            percent(d("39.9999999"), Some(d("40")), Lang::Vi),
            "39,9999999 %"
        );
        assert_eq!(percent(d("39.999"), None, Lang::En), "40 %");
    }
}
