//! GS1 AI encodable character set 82 (serials, lots, GLN extensions) and
//! the two ways it is escaped inside URIs.
//!
//! - EPC URIs (Tag Data Standard): `" % & / < > ?` must be written
//!   `%22 %25 %26 %2F %3C %3E %3F`; every other character of set 82 is
//!   written as itself.
//! - GS1 Digital Link: a value is a URI path segment, so `" % / < > ?` and
//!   anything outside set 82 must be percent-encoded. On output we also
//!   encode `! & ( ) * + , :` (as the EPCIS event-hash canonicaliser
//!   does), keeping letters, digits and `' - . ; = _` as themselves.

use crate::error::{Reason, vi_name};

/// True for the 82 characters GS1 allows in alphanumeric AI values.
pub fn is_cset82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

/// The characters an EPC URI must escape.
const URN_ESCAPED: &str = "\"%&/<>?";

/// Writes a set-82 value the way an EPC URI carries it.
pub fn urn_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if URN_ESCAPED.contains(c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads a value escaped for an EPC URI; the error says what is wrong.
pub fn urn_unescape(raw: &str) -> Result<String, Reason> {
    unescape(
        raw,
        |c| URN_ESCAPED.contains(c),
        ("an EPC URI", "mã EPC URI"),
    )
}

/// Writes a set-82 value as a Digital Link path segment.
pub fn dl_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || "'-.;=_".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Reads a Digital Link path segment; the error says what is wrong.
pub fn dl_decode(raw: &str) -> Result<String, Reason> {
    unescape(
        raw,
        |c| "\"%/<>?".contains(c),
        ("a Digital Link URI", "đường dẫn Digital Link"),
    )
}

/// Decodes `%XX` escapes, refusing characters outside set 82 and raw
/// characters that `must_escape` says need escaping.
fn unescape(
    raw: &str,
    must_escape: impl Fn(char) -> bool,
    (context, context_vi): (&str, &str),
) -> Result<String, Reason> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let hex: String = chars.by_ref().take(2).collect();
            let byte = (hex.len() == 2)
                .then(|| u8::from_str_radix(&hex, 16).ok())
                .flatten()
                .ok_or_else(|| {
                    Reason::new(
                        format!("\"%{hex}\" is not a percent-escape (%XX, hexadecimal)"),
                        format!("\"%{hex}\" không phải mã thoát phần trăm (%XX, hệ mười sáu)"),
                    )
                })?;
            let decoded = char::from(byte);
            if !byte.is_ascii() || !is_cset82(decoded) {
                return Err(Reason::new(
                    format!("%{hex} decodes to a character outside GS1 character set 82"),
                    format!(
                        "%{hex} là một ký tự ngoài bộ ký tự 82 của GS1 (chữ Latinh không dấu, chữ số và một số dấu)"
                    ),
                ));
            }
            out.push(decoded);
        } else if !is_cset82(c) {
            return Err(Reason::new(
                format!("character {c:?} is not allowed (GS1 character set 82 only)"),
                format!(
                    "không dùng được ký tự {c:?} (chỉ bộ ký tự 82 của GS1: chữ Latinh không dấu, chữ số và một số dấu)"
                ),
            ));
        } else if must_escape(c) {
            return Err(Reason::new(
                format!("character {c:?} must be percent-escaped in {context}"),
                format!("trong {context_vi}, ký tự {c:?} phải viết ở dạng mã thoát %XX"),
            ));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Checks a decoded set-82 value for emptiness and length.
pub(crate) fn check_value(value: &str, what: &str, max: usize) -> Result<(), Reason> {
    if value.is_empty() {
        return Err(Reason::new(
            format!("the {what} is empty"),
            format!("{} để trống", vi_name(what)),
        ));
    }
    let n = value.chars().count();
    if n > max {
        return Err(Reason::new(
            format!("the {what} has {n} characters, at most {max} are allowed"),
            format!("{} có {n} ký tự, tối đa được {max}", vi_name(what)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_match_the_standards() {
        assert_eq!(urn_escape("A/B%C"), "A%2FB%25C");
        assert_eq!(urn_unescape("A%2fB%25C").unwrap(), "A/B%C");
        assert_eq!(dl_encode("A/B:C(1)"), "A%2FB%3AC%281%29");
        assert_eq!(dl_decode("A%2FB:C").unwrap(), "A/B:C");
        assert!(
            urn_unescape("A/B")
                .unwrap_err()
                .en
                .contains("must be percent-escaped")
        );
        assert!(
            urn_unescape("%&'")
                .unwrap_err()
                .en
                .contains("not a percent-escape")
        );
        assert!(dl_decode("a b").unwrap_err().en.contains("not allowed"));
        assert!(dl_decode("a b").unwrap_err().vi.contains("không dùng được"));
        assert!(dl_decode("%C3%A9").is_err());
    }

    proptest! {
        #[test]
        fn both_escapings_round_trip(value in "[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}") {
            prop_assert_eq!(urn_unescape(&urn_escape(&value)).unwrap(), value.clone());
            prop_assert_eq!(dl_decode(&dl_encode(&value)).unwrap(), value);
        }
    }
}
