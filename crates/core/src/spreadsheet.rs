//! Cells written into CSV files that people open in a spreadsheet.
//!
//! A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage
//! return, which some spreadsheets skip before reading one of those) is
//! read by Excel, LibreOffice and Google Sheets as a formula: text typed by
//! one user (a difficulty's description, a project's name, an audit note)
//! could run as `=HYPERLINK(…)` or `=cmd|…` in another user's download.
//! [`neutralise`] is the one rule every CSV writer applies (the web
//! downloads, the registers' CSV export, the command line's CSV output):
//!
//! - a plain decimal number (`-15.2`, `+3`, `1e-9`, what the system writes
//!   for its figures) is data, never a formula: written as is, so a
//!   negative growth rate stays a number;
//! - any other cell starting with one of those characters gets a leading
//!   apostrophe (`'=HYPERLINK(…)`), which spreadsheets show as text and
//!   do not evaluate (OWASP's "CSV injection" advice). The apostrophe is
//!   part of the cell for programs that read the file as plain CSV.
//!
//! No I/O.

use std::borrow::Cow;

/// The characters that start a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True for a plain decimal number: an optional sign, digits with at most
/// one decimal point, an optional exponent (no `inf`, no `NaN`, no spaces).
pub fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let mut digits = 0;
    let mut dot = false;
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => digits += 1,
            b'.' if !dot => dot = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// The cell as it is safe to write: unchanged unless it would start a
/// formula, then with a leading apostrophe.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_kept() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-inf", "'-inf"),
            ("+84 912 345 678", "'+84 912 345 678"),
            ("-15.2", "-15.2"),
            ("+3", "+3"),
            ("-1e-9", "-1e-9"),
            ("-.5", "-.5"),
            ("01", "01"),
            ("Hà Nội", "Hà Nội"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), out, "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers() {
        for s in ["0", "-0.5", "12.", "1E5", "+1e+3", "3.14159"] {
            assert!(is_plain_number(s), "{s}");
        }
        for s in [
            "", "-", ".", "1e", "1.2.3", "NaN", "inf", "1 2", "0x10", "1e5x",
        ] {
            assert!(!is_plain_number(s), "{s}");
        }
    }
}
