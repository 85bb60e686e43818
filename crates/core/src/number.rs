//! Numbers as people type them: one parser for every place a number is
//! typed or uploaded (web forms, report cells, register spreadsheets), in
//! the Vietnamese or the English convention.
//!
//! Vietnamese writes a decimal comma and dots between thousands
//! (`1.234,5`), English the reverse (`1,234.5`); both may group with
//! spaces (`1 234,5`, also the no-break and thin spaces). The rule:
//!
//! 1. A number with both a dot and a comma is unambiguous: the last of the
//!    two is the decimal separator and the other groups thousands
//!    (`1.000,5` and `1,000.5` are both one thousand and a half).
//! 2. A separator that occurs more than once groups thousands
//!    (`1.000.000`, `1,000,000`).
//! 3. A single separator that cannot group thousands is the decimal
//!    separator: it is not followed by exactly three digits, or the digits
//!    before it are not a group (more than three, or a leading zero):
//!    `95,5`, `0,125`, `1.5`, `1234.567` are decimals in either language.
//! 4. What is left is ambiguous: one separator between one to three digits
//!    and exactly three digits (`1.000`, `12,500`). The language decides:
//!    in Vietnamese the dot groups and the comma is decimal (`1.000` is one
//!    thousand, `1,000` is one); in English the reverse (`1.000` is one,
//!    `1,000` is one thousand). This is how a person in each country reads
//!    the number, and how Excel under each regional setting writes it.
//!
//! Thousands groups must be of three digits (`1.00.000` is refused, not
//! guessed); a sign (`+`, `-`, `−`) may lead; exponents, currency signs and
//! letters are refused. At most 28 significant digits and 28 decimals
//! (what `rust_decimal` holds), so a [`Decimal`] converts to any decimal
//! type without loss. What an upload reads in which convention is the
//! reader's choice and is documented there (`congthuong-intake`).
//!
//! Pure: no I/O; depends on nothing but [`crate::display::Lang`].

use std::fmt;

use crate::display::Lang;

/// The most digits a [`Decimal`] holds (significant digits, and decimals).
pub const MAX_DIGITS: u32 = 28;

/// An exact decimal number: `mantissa × 10^-scale`, as typed (the scale
/// keeps trailing zeros: `1,50` has mantissa 150 and scale 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// The digits as an integer, with the sign.
    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    /// How many of the digits are decimals.
    pub fn scale(self) -> u32 {
        self.scale
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The nearest `f64` (correctly rounded).
    pub fn to_f64(self) -> f64 {
        // The plain text is always a valid Rust float literal.
        self.to_plain().parse().unwrap_or(f64::NAN)
    }

    /// The number written plainly with a dot and no grouping (`-1234.50`),
    /// the form the file contract and `str::parse` read.
    pub fn to_plain(self) -> String {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if scale == 0 {
            return format!("{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{sign}{int}.{frac}")
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

/// What is wrong with a typed number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// Nothing was typed.
    Empty,
    /// A character that has no place in a number (a letter, `e`, `%`, …).
    NotANumber,
    /// Thousands groups that are not of three digits, or two decimal
    /// separators.
    BadGrouping,
    /// More than [`MAX_DIGITS`] digits or decimals.
    TooManyDigits,
}

/// A typed number that was refused, with the text and the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct NumberError {
    /// The text as given (trimmed).
    pub input: String,
    /// Why it was refused.
    pub problem: NumberProblem,
}

impl NumberError {
    /// The message in a language, naming the text and showing the forms
    /// that are read.
    pub fn message(&self, lang: Lang) -> String {
        let t = &self.input;
        match (self.problem, lang) {
            (NumberProblem::Empty, Lang::Vi) => "chưa nhập số".into(),
            (NumberProblem::Empty, Lang::En) => "no number was given".into(),
            (NumberProblem::NotANumber, Lang::Vi) => format!(
                "{t:?} không phải là số (viết như 1.234,5 hoặc 1234,5; không dùng chữ, ký hiệu hay số mũ)"
            ),
            (NumberProblem::NotANumber, Lang::En) => format!(
                "{t:?} is not a number (write it like 1234.5 or 1,234.5; no letters, symbols or exponents)"
            ),
            (NumberProblem::BadGrouping, Lang::Vi) => format!(
                "{t:?} không đọc được: nhóm hàng nghìn phải đủ 3 chữ số và chỉ có một dấu thập phân (viết như 1.234.567,5)"
            ),
            (NumberProblem::BadGrouping, Lang::En) => format!(
                "{t:?} cannot be read: thousands groups must have three digits and there may be one decimal separator only (write it like 1,234,567.5)"
            ),
            (NumberProblem::TooManyDigits, Lang::Vi) => {
                format!("{t:?} có quá {MAX_DIGITS} chữ số")
            }
            (NumberProblem::TooManyDigits, Lang::En) => {
                format!("{t:?} has more than {MAX_DIGITS} digits")
            }
        }
    }
}

/// A separator between digit runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Dot,
    Comma,
    Space,
}

/// Parses a number typed in the convention of `lang` (see the module rule).
pub fn parse_decimal(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    let input = text.trim();
    let fail = |problem| NumberError {
        input: input.to_owned(),
        problem,
    };
    if input.is_empty() {
        return Err(fail(NumberProblem::Empty));
    }
    let (negative, body) = match input.chars().next() {
        Some('-' | '\u{2212}') => (
            true,
            &input[input.chars().next().map_or(1, char::len_utf8)..],
        ),
        Some('+') => (false, &input[1..]),
        _ => (false, input),
    };
    // Runs of digits and the separators between them.
    let mut runs: Vec<&str> = Vec::new();
    let mut seps: Vec<Sep> = Vec::new();
    let mut start = 0;
    for (i, c) in body.char_indices() {
        let sep = match c {
            '0'..='9' => continue,
            '.' => Sep::Dot,
            ',' => Sep::Comma,
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => Sep::Space,
            _ => return Err(fail(NumberProblem::NotANumber)),
        };
        runs.push(&body[start..i]);
        seps.push(sep);
        start = i + c.len_utf8();
    }
    runs.push(&body[start..]);
    if runs.iter().all(|r| r.is_empty()) {
        return Err(fail(NumberProblem::NotANumber));
    }
    let count = |s: Sep| seps.iter().filter(|x| **x == s).count();
    let (dots, commas) = (count(Sep::Dot), count(Sep::Comma));
    // The decimal separator's position among `seps`, if any.
    let decimal: Option<usize> = match (dots, commas) {
        (0, 0) => None,
        (_, _) if dots > 0 && commas > 0 => {
            let last = seps.len() - 1;
            let kind = seps[last];
            if kind == Sep::Space || count(kind) != 1 {
                return Err(fail(NumberProblem::BadGrouping));
            }
            Some(last)
        }
        _ => {
            let kind = if dots > 0 { Sep::Dot } else { Sep::Comma };
            if count(kind) > 1 {
                None
            } else {
                let at = seps.iter().position(|s| *s == kind).unwrap_or(0);
                let could_group =
                    runs[at + 1].len() == 3 && at + 1 == seps.len() && leads_groups(&runs[..=at]);
                match (could_group, kind, lang) {
                    (false, _, _) => Some(at),
                    (true, Sep::Comma, Lang::Vi) | (true, Sep::Dot, Lang::En) => Some(at),
                    (true, _, _) => None,
                }
            }
        }
    };
    let (int_runs, frac) = match decimal {
        Some(at) => {
            if at + 1 != seps.len() {
                // Separators after the decimal one (`1,5.000`, `1,5 000`).
                return Err(fail(NumberProblem::BadGrouping));
            }
            (&runs[..=at], runs[at + 1])
        }
        None => (&runs[..], ""),
    };
    // The integer part: one run, or groups under one kind of separator.
    let int_seps = &seps[..int_runs.len() - 1];
    if let Some(first) = int_seps.first()
        && (int_seps.iter().any(|s| s != first) || !leads_groups(int_runs))
    {
        return Err(fail(NumberProblem::BadGrouping));
    }
    let int: String = int_runs.concat();
    if int.is_empty() && frac.is_empty() {
        return Err(fail(NumberProblem::NotANumber));
    }
    let significant = int.trim_start_matches('0').len() + frac.len();
    if significant > MAX_DIGITS as usize || frac.len() > MAX_DIGITS as usize {
        return Err(fail(NumberProblem::TooManyDigits));
    }
    let mut mantissa: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    Ok(Decimal {
        mantissa: if negative { -mantissa } else { mantissa },
        scale: frac.len() as u32,
    })
}

/// True when digit runs could be thousands groups: the first of one to
/// three digits without a leading zero, the others of exactly three.
fn leads_groups(runs: &[&str]) -> bool {
    match runs.split_first() {
        None => false,
        Some((first, rest)) => {
            (1..=3).contains(&first.len())
                && !first.starts_with('0')
                && rest.iter().all(|r| r.len() == 3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vi(s: &str) -> String {
        parse_decimal(s, Lang::Vi).unwrap().to_plain()
    }
    fn en(s: &str) -> String {
        parse_decimal(s, Lang::En).unwrap().to_plain()
    }
    fn problem(s: &str, lang: Lang) -> NumberProblem {
        parse_decimal(s, lang).unwrap_err().problem
    }

    #[test]
    fn vietnamese_forms() {
        assert_eq!(vi("95,5"), "95.5");
        assert_eq!(vi("1.000,5"), "1000.5");
        assert_eq!(vi("1.000"), "1000");
        assert_eq!(vi("1,000"), "1.000");
        assert_eq!(vi("12.345.678"), "12345678");
        assert_eq!(vi("12.345.678,90"), "12345678.90");
        assert_eq!(vi("1 234 567,5"), "1234567.5");
        assert_eq!(vi("1\u{a0}234,5"), "1234.5");
        assert_eq!(vi("-3,25"), "-3.25");
        assert_eq!(vi("\u{2212}3,25"), "-3.25");
        assert_eq!(vi(" +7 "), "7");
        assert_eq!(vi(",5"), "0.5");
    }

    #[test]
    fn english_forms() {
        assert_eq!(en("95.5"), "95.5");
        assert_eq!(en("1,000.5"), "1000.5");
        assert_eq!(en("1.000"), "1.000");
        assert_eq!(en("1,000"), "1000");
        assert_eq!(en("12,345,678.90"), "12345678.90");
        assert_eq!(en("1 234.5"), "1234.5");
    }

    #[test]
    fn unambiguous_forms_read_the_same_in_both_languages() {
        for (text, value) in [
            ("95,5", "95.5"),
            ("95.5", "95.5"),
            ("0,125", "0.125"),
            ("0.125", "0.125"),
            ("1234.567", "1234.567"),
            ("1234,567", "1234.567"),
            ("1.000,5", "1000.5"),
            ("1,000.5", "1000.5"),
            ("1.000.000", "1000000"),
            ("1,000,000", "1000000"),
            ("42", "42"),
            ("7.", "7"),
            ("1,00", "1.00"),
        ] {
            assert_eq!(vi(text), value, "vi {text}");
            assert_eq!(en(text), value, "en {text}");
        }
    }

    #[test]
    fn refusals() {
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(problem("", lang), NumberProblem::Empty);
            assert_eq!(problem("  ", lang), NumberProblem::Empty);
            for bad in [
                "abc", "1e3", "1.5e3", "12%", "$5", "NaN", "inf", "--1", "0x10", ".", ",", "-",
            ] {
                assert_eq!(problem(bad, lang), NumberProblem::NotANumber, "{bad}");
            }
            for bad in [
                "1.00.000",
                "1,5.3",
                "12,34,567",
                "1.000,5,5",
                "1.000 000",
                "1,5 000",
                "1.2.3",
                "01.000.000",
            ] {
                assert_eq!(problem(bad, lang), NumberProblem::BadGrouping, "{bad}");
            }
            assert_eq!(problem(&"9".repeat(29), lang), NumberProblem::TooManyDigits);
        }
        assert!(parse_decimal(&"9".repeat(28), Lang::Vi).is_ok());
    }

    #[test]
    fn messages_name_the_text_in_both_languages() {
        let e = parse_decimal("12 kg", Lang::Vi).unwrap_err();
        assert!(
            e.message(Lang::Vi).contains("\"12 kg\" không phải là số"),
            "{}",
            e.message(Lang::Vi)
        );
        assert!(e.to_string().contains("\"12 kg\" is not a number"), "{e}");
    }

    #[test]
    fn decimals_convert() {
        let d = parse_decimal("1.000,50", Lang::Vi).unwrap();
        assert_eq!((d.mantissa(), d.scale()), (100_050, 2));
        assert_eq!(d.to_f64(), 1000.5);
        assert_eq!(
            parse_decimal("-0,05", Lang::Vi).unwrap().to_plain(),
            "-0.05"
        );
        assert!(!parse_decimal("-0", Lang::Vi).unwrap().is_negative());
    }

    /// Writes `int.frac` in a convention, grouping the integer part.
    fn write(int: u64, frac: &str, lang: Lang, group: bool) -> String {
        let digits = int.to_string();
        let (g, d) = match lang {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if group && i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(g);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(d);
            out.push_str(frac);
        }
        out
    }

    proptest! {
        /// What a person writes in their convention reads back as the value,
        /// grouped or not, with or without decimals.
        #[test]
        fn written_in_a_convention_reads_back(int in 0u64..1_000_000_000_000, frac in "[0-9]{0,6}", group: bool, english: bool) {
            let lang = if english { Lang::En } else { Lang::Vi };
            let text = write(int, &frac, lang, group);
            let d = parse_decimal(&text, lang).unwrap();
            let want = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            prop_assert_eq!(d.to_plain(), want);
        }

        /// The plain form parses back to the same value, and agrees with
        /// Rust's float reading.
        #[test]
        fn plain_round_trips(m in -1_000_000_000_000i128..1_000_000_000_000, scale in 0u32..8) {
            let d = Decimal { mantissa: m, scale };
            let text = d.to_plain();
            let back = parse_decimal(&text, Lang::En).unwrap();
            prop_assert_eq!(back, d);
            let f: f64 = text.parse().unwrap();
            prop_assert_eq!(d.to_f64(), f);
        }

        /// Any text: an answer, never a panic.
        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = parse_decimal(&s, Lang::Vi);
            let _ = parse_decimal(&s, Lang::En);
        }
    }
}
