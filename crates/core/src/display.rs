//! Numbers, percentages, months and dates as people read them, in
//! Vietnamese (the default) or English.
//!
//! Display rounding is half-up on the decimal value, as the statistics
//! office publishes (108.35 → "8.4 %"). A binary floating-point value is
//! first brought to ten decimals (which removes the representation noise of
//! e.g. 8.349999999999994), then rounded half-up. Vietnamese writes a
//! decimal comma and dots between thousands (`1.234,5`, `10,3 %`), English
//! the reverse (`1,234.5`, `10.3 %`). Figures are only rounded here, for
//! display; stored and computed values keep full precision.

use std::fmt;
use std::str::FromStr;

use crate::period::Period;

/// A display language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

impl FromStr for Lang {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(crate::Error::UnknownLanguage {
                input: s.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `x` rounded half-up to `decimals` places, as plain ASCII (`-5.5`,
/// `1234.50`), or `None` for NaN and infinities.
pub fn round_half_up(x: f64, decimals: usize) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let text = format!("{:.10}", x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().take(decimals))
        .map(|b| b - b'0')
        .collect();
    if frac.as_bytes().get(decimals).is_some_and(|d| *d >= b'5') {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let int_len = digits.len() - decimals;
    let mut out = String::new();
    if x < 0.0 && digits.iter().any(|d| *d != 0) {
        out.push('-');
    }
    for (i, d) in digits.iter().enumerate() {
        if i == int_len {
            out.push('.');
        }
        out.push(char::from(b'0' + d));
    }
    Some(out)
}

/// A number rounded half-up with the language's separators; `–` when missing.
pub fn number(x: Option<f64>, decimals: usize, lang: Lang) -> String {
    let Some(plain) = x.and_then(|x| round_half_up(x, decimals)) else {
        return "–".to_owned();
    };
    let (sign, body) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |b| ("-", b));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let (thousands, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// A percentage: `10,3 %` / `10.3 %`; `–` when missing.
pub fn percent(x: Option<f64>, decimals: usize, lang: Lang) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{} %", number(Some(v), decimals, lang)),
        _ => "–".to_owned(),
    }
}

/// A growth rate with its sign: `+10,3 %`, `-5,5 %`, `0,0 %`.
pub fn signed_percent(x: Option<f64>, decimals: usize, lang: Lang) -> String {
    let p = percent(x, decimals, lang);
    if x.is_some_and(|v| v.is_finite())
        && !p.starts_with('-')
        && p.chars().any(|c| c.is_ascii_digit() && c != '0')
    {
        format!("+{p}")
    } else {
        p
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Tháng 9/2022" / "September 2022".
pub fn month(p: Period, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tháng {}/{}", p.month(), p.year()),
        Lang::En => format!("{} {}", MONTHS_EN[p.month() as usize - 1], p.year()),
    }
}

/// The year-to-date period ending at `p`: "9 tháng năm 2022" / "January–September 2022"
/// ("Tháng 1/2022" / "January 2022" for January).
pub fn year_to_date(p: Period, lang: Lang) -> String {
    if p.month() == 1 {
        return month(p, lang);
    }
    match lang {
        Lang::Vi => format!("{} tháng năm {}", p.month(), p.year()),
        Lang::En => format!("January–{} {}", MONTHS_EN[p.month() as usize - 1], p.year()),
    }
}

/// A calendar date: "26/11/2026" / "26 November 2026".
pub fn date(year: i32, month: u32, day: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{day:02}/{month:02}/{year}"),
        Lang::En => format!(
            "{day} {} {year}",
            MONTHS_EN.get(month as usize - 1).copied().unwrap_or("?")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn half_up_as_gso_publishes() {
        assert_eq!(round_half_up(108.35 - 100.0, 1).unwrap(), "8.4");
        assert_eq!(round_half_up(8.35, 1).unwrap(), "8.4");
        assert_eq!(
            round_half_up(8.25, 1).unwrap(),
            "8.3",
            "half-up, not half-even"
        );
        assert_eq!(round_half_up(-5.55, 1).unwrap(), "-5.6");
        assert_eq!(round_half_up(-0.04, 1).unwrap(), "0.0", "no negative zero");
        assert_eq!(round_half_up(9.96, 1).unwrap(), "10.0");
        assert_eq!(round_half_up(99.95, 1).unwrap(), "100.0");
        assert_eq!(round_half_up(2.5, 0).unwrap(), "3");
        assert_eq!(round_half_up(f64::NAN, 1), None);
    }

    #[test]
    fn separators_follow_the_language() {
        assert_eq!(percent(Some(10.3), 1, Lang::Vi), "10,3 %");
        assert_eq!(percent(Some(10.3), 1, Lang::En), "10.3 %");
        assert_eq!(number(Some(1234567.891), 2, Lang::Vi), "1.234.567,89");
        assert_eq!(number(Some(1234567.891), 2, Lang::En), "1,234,567.89");
        assert_eq!(number(Some(-1234.0), 0, Lang::En), "-1,234");
        assert_eq!(number(None, 1, Lang::Vi), "–");
        assert_eq!(signed_percent(Some(44.2), 1, Lang::Vi), "+44,2 %");
        assert_eq!(signed_percent(Some(-5.5), 1, Lang::Vi), "-5,5 %");
        assert_eq!(signed_percent(Some(0.01), 1, Lang::En), "0.0 %");
    }

    #[test]
    fn months_and_dates() {
        let p: Period = "2022-09".parse().unwrap();
        assert_eq!(month(p, Lang::Vi), "Tháng 9/2022");
        assert_eq!(year_to_date(p, Lang::Vi), "9 tháng năm 2022");
        assert_eq!(year_to_date(p, Lang::En), "January–September 2022");
        assert_eq!(date(2026, 11, 26, Lang::Vi), "26/11/2026");
        assert_eq!(date(2026, 11, 26, Lang::En), "26 November 2026");
        assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
        assert!("fr".parse::<Lang>().is_err());
    }

    proptest! {
        /// Rounding is within half a unit of the last place, and
        /// rounding a value that is already on the grid changes nothing.
        #[test]
        fn rounding_is_close_and_idempotent(x in -1e9..1e9f64, d in 0usize..4) {
            let r: f64 = round_half_up(x, d).unwrap().parse().unwrap();
            prop_assert!((r - x).abs() <= 0.5 * 10f64.powi(-(d as i32)) + 1e-6);
            prop_assert_eq!(round_half_up(r, d).unwrap().parse::<f64>().unwrap(), r);
        }
    }
}
