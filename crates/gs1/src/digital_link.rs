//! GS1 Digital Link URIs: `https://{domain}[/{prefix}]/{key AI}/{value}
//! [/{qualifier AI}/{value}…][?{attributes}]`.
//!
//! Any domain and path prefix is accepted (a brand's own resolver works as
//! well as `id.gs1.org`); the legacy short names (`/gtin/`, `/ser/`, …)
//! are read as their AIs. [`DigitalLink::canonical`] writes the canonical
//! form on `https://id.gs1.org` with AIs, key qualifiers in the standard
//! order and no query string. [`DigitalLink::constrained`] drops what
//! EPCIS does not identify with (a consumer product variant; the lot when
//! a serial is present).
//!
//! The scheme must be `http` or `https`, all lower or all upper case.

use crate::charset::{check_value, dl_decode, dl_encode, is_cset82};
use crate::check::{digits_only, verify_check_digit};
use crate::error::{Error, Reason, Result, vi_name};

/// A parsed GS1 Digital Link URI: the primary key and its qualifiers.
/// Values are held unescaped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DigitalLink {
    key_ai: &'static str,
    key_value: String,
    qualifiers: Vec<(&'static str, String)>,
}

/// How a primary key's value is checked and which qualifiers may follow.
struct KeySpec {
    ai: &'static str,
    short: &'static str,
    name: &'static str,
    qualifiers: &'static [&'static str],
    value: ValueRule,
}

enum ValueRule {
    /// Exactly n digits with a check digit.
    Digits(usize),
    /// n digits (check digit on all of them), then up to m set-82 characters.
    DigitsThenText(usize, usize),
    /// n digits (check digit on all of them), then up to m digits.
    DigitsThenDigits(usize, usize),
    /// 1 to n set-82 characters.
    Text(usize),
    /// 1 to n characters of `0-9 A-Z # - /` (component/part identifier).
    Cpid(usize),
    /// A GTIN: 14 digits (8, 12 or 13 accepted and padded when lenient).
    Gtin,
    /// 18 digits whose first 14 are a GTIN with its check digit (ITIP).
    Itip,
}

const KEYS: &[KeySpec] = &[
    KeySpec {
        ai: "01",
        short: "gtin",
        name: "GTIN",
        qualifiers: &["22", "10", "21", "235"],
        value: ValueRule::Gtin,
    },
    KeySpec {
        ai: "00",
        short: "sscc",
        name: "SSCC",
        qualifiers: &[],
        value: ValueRule::Digits(18),
    },
    KeySpec {
        ai: "414",
        short: "gln",
        name: "GLN",
        qualifiers: &["254"],
        value: ValueRule::Digits(13),
    },
    KeySpec {
        ai: "417",
        short: "party",
        name: "party GLN",
        qualifiers: &[],
        value: ValueRule::Digits(13),
    },
    KeySpec {
        ai: "8003",
        short: "grai",
        name: "GRAI",
        qualifiers: &[],
        value: ValueRule::DigitsThenText(14, 16),
    },
    KeySpec {
        ai: "8004",
        short: "giai",
        name: "GIAI",
        qualifiers: &[],
        value: ValueRule::Text(30),
    },
    KeySpec {
        ai: "253",
        short: "gdti",
        name: "GDTI",
        qualifiers: &[],
        value: ValueRule::DigitsThenText(13, 17),
    },
    KeySpec {
        ai: "255",
        short: "gcn",
        name: "GCN",
        qualifiers: &[],
        value: ValueRule::DigitsThenDigits(13, 12),
    },
    KeySpec {
        ai: "401",
        short: "ginc",
        name: "GINC",
        qualifiers: &[],
        value: ValueRule::Text(30),
    },
    KeySpec {
        ai: "402",
        short: "gsin",
        name: "GSIN",
        qualifiers: &[],
        value: ValueRule::Digits(17),
    },
    KeySpec {
        ai: "8006",
        short: "itip",
        name: "ITIP",
        qualifiers: &["22", "10", "21"],
        value: ValueRule::Itip,
    },
    KeySpec {
        ai: "8010",
        short: "cpid",
        name: "CPID",
        qualifiers: &["8011"],
        value: ValueRule::Cpid(30),
    },
    KeySpec {
        ai: "8017",
        short: "gsrnp",
        name: "GSRN (provider)",
        qualifiers: &[],
        value: ValueRule::Digits(18),
    },
    KeySpec {
        ai: "8018",
        short: "gsrn",
        name: "GSRN (recipient)",
        qualifiers: &["8019"],
        value: ValueRule::Digits(18),
    },
];

/// Qualifier AIs: (AI, short name, description, rule).
const QUALIFIERS: &[(&str, &str, &str, ValueRule)] = &[
    ("22", "cpv", "consumer product variant", ValueRule::Text(20)),
    ("10", "lot", "lot", ValueRule::Text(20)),
    ("21", "ser", "serial", ValueRule::Text(20)),
    ("235", "", "third-party serial", ValueRule::Text(28)),
    ("254", "", "GLN extension", ValueRule::Text(20)),
    (
        "8011",
        "",
        "CPID serial",
        ValueRule::DigitsThenDigits(0, 12),
    ),
    (
        "8019",
        "",
        "service relation instance",
        ValueRule::DigitsThenDigits(0, 10),
    ),
];

impl DigitalLink {
    /// Parses a Digital Link URI, checking every key's format and check
    /// digit.
    pub fn parse(uri: &str) -> Result<DigitalLink> {
        parse(uri, true)
    }

    /// Parses like [`DigitalLink::parse`] but skips check digits and pads
    /// GTIN-8/12/13 to 14 digits: the leniency the EPCIS event-hash
    /// canonicaliser has, used only to compute canonical spellings.
    pub fn parse_lenient(uri: &str) -> Result<DigitalLink> {
        parse(uri, false)
    }

    pub(crate) fn new(ai: &str, value: &str, qualifiers: &[(&str, &str)]) -> DigitalLink {
        let spec = KEYS.iter().find(|k| k.ai == ai).expect("known key AI");
        DigitalLink {
            key_ai: spec.ai,
            key_value: value.to_owned(),
            qualifiers: qualifiers
                .iter()
                .map(|(q, v)| {
                    let q = QUALIFIERS
                        .iter()
                        .find(|x| x.0 == *q)
                        .expect("known qualifier")
                        .0;
                    (q, (*v).to_owned())
                })
                .collect(),
        }
    }

    /// The primary key's AI, e.g. `01`.
    pub fn key_ai(&self) -> &str {
        self.key_ai
    }

    /// The primary key's value (a GTIN is always 14 digits).
    pub fn key_value(&self) -> &str {
        &self.key_value
    }

    /// The value of a key qualifier, e.g. `qualifier("21")` for the serial.
    pub fn qualifier(&self, ai: &str) -> Option<&str> {
        self.qualifiers
            .iter()
            .find(|(q, _)| *q == ai)
            .map(|(_, v)| v.as_str())
    }

    /// The canonical URI on `https://id.gs1.org`.
    pub fn canonical(&self) -> String {
        let mut s = format!(
            "https://id.gs1.org/{}/{}",
            self.key_ai,
            dl_encode(&self.key_value)
        );
        for (ai, v) in &self.qualifiers {
            s.push('/');
            s.push_str(ai);
            s.push('/');
            s.push_str(&dl_encode(v));
        }
        s
    }

    /// The form EPCIS identifies with: without a consumer product variant
    /// (AI 22), and without the lot when a serial is present.
    pub fn constrained(&self) -> DigitalLink {
        let has_serial = self.qualifier("21").is_some();
        DigitalLink {
            key_ai: self.key_ai,
            key_value: self.key_value.clone(),
            qualifiers: self
                .qualifiers
                .iter()
                .filter(|(q, _)| *q != "22" && !(has_serial && *q == "10"))
                .cloned()
                .collect(),
        }
    }
}

impl std::fmt::Display for DigitalLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.canonical())
    }
}

fn parse(uri: &str, strict: bool) -> Result<DigitalLink> {
    let Some((scheme, rest)) = uri.split_once("://") else {
        return Err(Error::dl(
            uri,
            Reason::new(
                "expected http:// or https://",
                "phải bắt đầu bằng http:// hoặc https://",
            ),
        ));
    };
    if !["http", "https", "HTTP", "HTTPS"].contains(&scheme) {
        return Err(Error::dl(
            uri,
            Reason::new(
                format!("scheme {scheme:?} is not http or https (one case only)"),
                format!(
                    "giao thức {scheme:?} không phải http hoặc https (viết toàn chữ thường hoặc toàn chữ hoa)"
                ),
            ),
        ));
    }
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (before_query, _query) = rest.split_at(end);
    let (host, path) = before_query.split_once('/').unwrap_or((before_query, ""));
    check_host(uri, host)?;
    let mut segments: Vec<&str> = path.split('/').collect();
    if segments.last() == Some(&"") {
        segments.pop();
    }
    let (start, spec) = find_key(&segments).ok_or_else(|| {
        Error::dl(
            uri,
            Reason::new(
                "no GS1 primary key (such as /01/, /00/ or /414/) followed by its value",
                "không có mã khoá chính GS1 (như /01/, /00/ hoặc /414/) kèm giá trị của nó",
            ),
        )
    })?;
    let rest = &segments[start + 1..];
    if rest.len() % 2 != 1 {
        return Err(Error::dl(
            uri,
            Reason::new(
                "every AI in the path must be followed by a value",
                "mỗi mã AI trong đường dẫn phải có giá trị đi sau (đường dẫn bị thiếu một phần)",
            ),
        ));
    }
    let raw_value = rest[0];
    if raw_value.is_empty() {
        return Err(Error::dl(
            uri,
            Reason::new(
                format!("the {} is empty", spec.name),
                format!("{} để trống", vi_name(spec.name)),
            ),
        ));
    }
    let value = dl_decode(raw_value).map_err(|r| Error::dl(uri, r.about(spec.name)))?;
    let key_value = check_rule(uri, spec.name, &value, &spec.value, strict)?;
    let mut qualifiers = Vec::new();
    let mut next_allowed = 0;
    for pair in rest[1..].chunks(2) {
        let ai = qualifier_ai(pair[0]).ok_or_else(|| {
            Error::dl(
                uri,
                Reason::new(
                    format!("{:?} is not a key qualifier of a {}", pair[0], spec.name),
                    format!(
                        "{:?} không phải mã AI bổ sung (số lô /10/, số sê-ri /21/…) của {}",
                        pair[0],
                        vi_name(spec.name)
                    ),
                ),
            )
        })?;
        let pos = spec
            .qualifiers
            .iter()
            .position(|q| *q == ai)
            .ok_or_else(|| {
                Error::dl(
                    uri,
                    Reason::new(
                        format!("AI {ai} does not qualify a {}", spec.name),
                        format!("mã AI {ai} không đi kèm {}", vi_name(spec.name)),
                    ),
                )
            })?;
        if pos < next_allowed {
            return Err(Error::dl(
                uri,
                Reason::new(
                    format!(
                        "qualifiers of a {} come in the order {}",
                        spec.name,
                        spec.qualifiers.join(", ")
                    ),
                    format!(
                        "các mã AI bổ sung của {} phải theo thứ tự {}",
                        vi_name(spec.name),
                        spec.qualifiers.join(", ")
                    ),
                ),
            ));
        }
        next_allowed = pos + 1;
        let (q_ai, _, q_name, rule) = QUALIFIERS.iter().find(|x| x.0 == ai).expect("listed");
        let v = dl_decode(pair[1]).map_err(|r| Error::dl(uri, r.about(q_name)))?;
        let v = check_rule(uri, q_name, &v, rule, strict)?;
        qualifiers.push((*q_ai, v));
    }
    Ok(DigitalLink {
        key_ai: spec.ai,
        key_value,
        qualifiers,
    })
}

fn check_host(uri: &str, host: &str) -> Result<()> {
    let (name, port) = host.split_once(':').unwrap_or((host, ""));
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !name.starts_with(['.', '-']);
    if !name_ok || !port.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::dl(
            uri,
            Reason::new(
                format!("{host:?} is not a valid host name"),
                format!("{host:?} không phải tên máy chủ hợp lệ"),
            ),
        ));
    }
    Ok(())
}

/// The first path position holding a primary key AI whose remaining
/// segments are value, then qualifier/value pairs of that key.
fn find_key(segments: &[&str]) -> Option<(usize, &'static KeySpec)> {
    segments
        .iter()
        .enumerate()
        .find_map(|(i, seg)| {
            let spec = KEYS.iter().find(|k| k.ai == *seg || k.short == *seg)?;
            let rest = &segments[i + 1..];
            let fits = rest.len() % 2 == 1
                && rest[1..]
                    .chunks(2)
                    .all(|p| qualifier_ai(p[0]).is_some_and(|q| spec.qualifiers.contains(&q)));
            fits.then_some((i, spec))
        })
        .or_else(|| {
            // No clean fit: report against the first key AI, so the error names it.
            segments.iter().enumerate().find_map(|(i, seg)| {
                KEYS.iter()
                    .find(|k| k.ai == *seg || k.short == *seg)
                    .map(|s| (i, s))
            })
        })
}

fn qualifier_ai(seg: &str) -> Option<&'static str> {
    QUALIFIERS
        .iter()
        .find(|q| q.0 == seg || (!q.1.is_empty() && q.1 == seg))
        .map(|q| q.0)
}

/// Checks a decoded value; returns it normalised (GTINs padded to 14).
/// A wrong check digit comes back as [`Error::IncorrectCheckDigit`] (so
/// callers can tell it apart); other problems name the URI and the part.
fn check_rule(uri: &str, name: &str, v: &str, rule: &ValueRule, strict: bool) -> Result<String> {
    let reason = |r: Reason| Error::dl(uri, r.about(name));
    check_rule_inner(v, rule, strict).map_err(|e| match e {
        RuleError::Check(e) => e,
        RuleError::Reason(r) => reason(r),
    })
}

enum RuleError {
    Check(Error),
    Reason(Reason),
}

impl From<Reason> for RuleError {
    fn from(r: Reason) -> RuleError {
        RuleError::Reason(r)
    }
}

/// A non-digit found by `digits_only`, as a reason.
fn non_digit(e: Error) -> Reason {
    Reason::new(e.to_string(), e.vi())
}

/// `"123" has 3 digits, 14 expected`.
fn digit_count(v: &str, expected: &str) -> Reason {
    Reason::new(
        format!("{v:?} has {} digits, {expected} expected", v.len()),
        format!(
            "{v:?} có {} chữ số, cần {}",
            v.len(),
            expected.replace(" to ", " đến ")
        ),
    )
}

fn check_rule_inner(
    v: &str,
    rule: &ValueRule,
    strict: bool,
) -> std::result::Result<String, RuleError> {
    let digits = |s: &str, n: usize| -> std::result::Result<(), RuleError> {
        digits_only(s).map_err(|e| RuleError::Reason(non_digit(e)))?;
        if s.len() != n {
            return Err(RuleError::Reason(digit_count(s, &n.to_string())));
        }
        if strict {
            verify_check_digit(s).map_err(RuleError::Check)?;
        }
        Ok(())
    };
    match rule {
        ValueRule::Digits(n) => digits(v, *n).map(|()| v.to_owned()),
        ValueRule::Gtin => {
            let padded_ok = !strict && [8, 12, 13].contains(&v.len());
            if padded_ok {
                let p = format!("{v:0>14}");
                digits(&p, 14).map(|()| p)
            } else {
                digits(v, 14).map(|()| v.to_owned())
            }
        }
        ValueRule::Itip => {
            let head = v
                .get(..14)
                .ok_or_else(|| RuleError::Reason(digit_count(v, "18")))?;
            digits(head, 14)?;
            digits_only(v).map_err(non_digit)?;
            if v.len() != 18 {
                return Err(digit_count(v, "18").into());
            }
            Ok(v.to_owned())
        }
        ValueRule::DigitsThenText(n, m) => {
            let head = v.get(..*n).ok_or_else(|| {
                RuleError::Reason(Reason::new(
                    format!("{v:?} is shorter than {n} digits"),
                    format!("{v:?} ngắn hơn {n} chữ số"),
                ))
            })?;
            digits(head, *n)?;
            let tail = &v[*n..];
            if tail.chars().count() > *m {
                return Err(Reason::new(
                    format!("the part after the first {n} digits has more than {m} characters"),
                    format!("phần sau {n} chữ số đầu dài quá {m} ký tự"),
                )
                .into());
            }
            Ok(v.to_owned())
        }
        ValueRule::DigitsThenDigits(n, m) => {
            digits_only(v).map_err(non_digit)?;
            if v.len() < *n || v.len() > n + m || v.is_empty() {
                return Err(digit_count(v, &format!("{} to {}", n.max(&1), n + m)).into());
            }
            if *n > 0 {
                digits(&v[..*n], *n)?;
            }
            Ok(v.to_owned())
        }
        ValueRule::Text(n) => {
            check_value(v, "value", *n)?;
            debug_assert!(v.chars().all(is_cset82));
            Ok(v.to_owned())
        }
        ValueRule::Cpid(n) => {
            check_value(v, "value", *n)?;
            if let Some(c) = v
                .chars()
                .find(|c| !(c.is_ascii_digit() || c.is_ascii_uppercase() || "#-/".contains(*c)))
            {
                return Err(Reason::new(
                    format!("character {c:?} is not allowed in a CPID (0-9, A-Z, #, -, /)"),
                    format!("không dùng được ký tự {c:?} trong CPID (0-9, A-Z, #, -, /)"),
                )
                .into());
            }
            Ok(v.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_domain_and_prefix_give_the_canonical_uri() {
        let dl =
            DigitalLink::parse("https://example.vn/san-pham/01/10614141073464/21/2017?17=261231")
                .unwrap();
        assert_eq!(
            dl.canonical(),
            "https://id.gs1.org/01/10614141073464/21/2017"
        );
        assert_eq!(dl.qualifier("21"), Some("2017"));
        let dl =
            DigitalLink::parse("HTTPS://A.EXAMPLE/gtin/10614141073464/lot/A1/ser/X%2FY").unwrap();
        assert_eq!(
            dl.canonical(),
            "https://id.gs1.org/01/10614141073464/10/A1/21/X%2FY"
        );
        assert_eq!(
            dl.constrained().canonical(),
            "https://id.gs1.org/01/10614141073464/21/X%2FY"
        );
    }

    #[test]
    fn malformed_links_are_rejected_with_the_reason() {
        for (uri, why) in [
            ("Https://id.gs1.org/01/10614141073464", "scheme"),
            (
                "https://id.gs1.org/414/5893849384938/254",
                "followed by a value",
            ),
            ("https://id.gs1.org/01/1234567890123/21/9999", "14 expected"),
            ("https://id.gs1.org/01/10614141073465", "check digit"),
            ("https://id.gs1.org/01/10614141073464/21/1/10/2", "order"),
            ("https://id.gs1.o\trg/01/10614141073464", "host"),
            ("https://id.gs1.org/shop/item", "no GS1 primary key"),
        ] {
            let e = DigitalLink::parse(uri).unwrap_err().to_string();
            assert!(e.contains(why), "{uri}: {e}");
        }
    }

    #[test]
    fn every_reason_is_also_in_vietnamese() {
        // (URI, a word of the Vietnamese reason)
        for (uri, vi) in [
            ("Https://id.gs1.org/01/10614141073464", "giao thức"),
            ("https://id.gs1.org/414/5893849384938/254", "giá trị đi sau"),
            ("https://id.gs1.org/01/1234567890123/21/9999", "cần 14"),
            ("https://id.gs1.org/01/10614141073465", "số kiểm tra"),
            ("https://id.gs1.org/01/10614141073464/21/1/10/2", "thứ tự"),
            ("https://id.gs1.o\trg/01/10614141073464", "máy chủ"),
            ("https://id.gs1.org/shop/item", "khoá chính"),
            ("https://id.gs1.org/01/1061414107346X", "không phải chữ số"),
            (
                "https://id.gs1.org/01/10614141073464/99/1",
                "không phải mã AI bổ sung",
            ),
            (
                "https://id.gs1.org/01/10614141073464/10/%C3%A9",
                "số lô: %C3",
            ),
            (
                "https://id.gs1.org/01/10614141073464/10/ABCDEFGHIJKLMNOPQRSTU",
                "tối đa được 20",
            ),
            ("https://id.gs1.org/01/", "giá trị đi sau"),
        ] {
            let e = DigitalLink::parse(uri).unwrap_err();
            let (text, reason) = (e.vi(), e.reason(true));
            assert!(text.contains(vi), "{uri}: {text}");
            for english in [" the ", " is ", " not ", "must", "expected", "invalid"] {
                assert!(!reason.contains(english), "{uri}: {reason}");
            }
            assert_eq!(e.message(false), e.to_string());
        }
        for spec in KEYS {
            assert!(
                spec.name.len() <= 4 || vi_name(spec.name) != spec.name,
                "{}",
                spec.name
            );
        }
        for (_, _, name, _) in QUALIFIERS {
            assert_ne!(vi_name(name), *name, "{name}");
        }
    }

    #[test]
    fn lenient_parsing_pads_gtins_and_skips_check_digits() {
        let dl = DigitalLink::parse_lenient("https://id.gs1.org/01/9521141012345").unwrap();
        assert_eq!(dl.key_value(), "09521141012345");
        assert!(DigitalLink::parse_lenient("https://id.gs1.org/00/012345678901234567").is_ok());
        assert!(DigitalLink::parse("https://id.gs1.org/00/012345678901234567").is_err());
    }
}
