//! EPC URIs (GS1 Tag Data Standard) for the identifiers a food or goods
//! supply chain uses, and their GS1 keys:
//!
//! | type | EPC URI | key |
//! |---|---|---|
//! | [`Sgtin`] one serialised item | `urn:epc:id:sgtin:CP.IITEM.SERIAL` | GTIN + serial (AI 01 + 21) |
//! | [`SsccEpc`] one logistic unit | `urn:epc:id:sscc:CP.ESERIALREF` | SSCC (AI 00) |
//! | [`Sgln`] a location | `urn:epc:id:sgln:CP.LOCREF.EXT` | GLN + extension (AI 414 + 254) |
//! | [`Lgtin`] a lot (a class) | `urn:epc:class:lgtin:CP.IITEM.LOT` | GTIN + lot (AI 01 + 10) |
//! | [`GtinPattern`] every serial of a GTIN | `urn:epc:idpat:sgtin:CP.IITEM.*` | GTIN (AI 01) |
//!
//! The dot after the GS1 Company Prefix (CP, 6 to 12 digits) is the only
//! place its length is written down; a key alone does not tell it. So a
//! URI converts to a key (and a Digital Link) on its own, while a key
//! converts back to a URI only when the prefix length is given.

use std::fmt;

use crate::charset::{check_value, urn_escape, urn_unescape};
use crate::check::{digits_only, with_check_digit};
use crate::digital_link::DigitalLink;
use crate::error::{Error, Reason, Result, vi_name};
use crate::keys::{Gln, Gtin, Sscc};

/// One serialised trade item: a GTIN and a serial number (AI 21).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sgtin {
    gtin: Gtin,
    cp_len: u8,
    serial: String,
}

/// One logistic unit (pallet, carton) identified by its SSCC.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SsccEpc {
    sscc: Sscc,
    cp_len: u8,
}

/// A physical location: a GLN and an optional extension (AI 254).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sgln {
    gln: Gln,
    cp_len: u8,
    extension: Option<String>,
}

/// A batch or lot of a trade item: a GTIN and a lot number (AI 10).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lgtin {
    gtin: Gtin,
    cp_len: u8,
    lot: String,
}

/// Every serialised instance of one GTIN (`urn:epc:idpat:sgtin:…*`), or
/// the GTIN as a class in a quantity list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GtinPattern {
    gtin: Gtin,
    cp_len: u8,
}

/// Any of the supported EPC identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Epc {
    /// A serialised trade item.
    Sgtin(Sgtin),
    /// A logistic unit.
    Sscc(SsccEpc),
    /// A location.
    Sgln(Sgln),
    /// A lot (class level).
    Lgtin(Lgtin),
    /// Any serial of a GTIN (class level).
    GtinPattern(GtinPattern),
}

impl Sgtin {
    /// Builds from a GTIN, its company-prefix length and a serial (1 to 20
    /// characters of GS1 set 82).
    pub fn new(gtin: Gtin, cp_len: usize, serial: &str) -> Result<Sgtin> {
        check_value(serial, "serial", 20).map_err(|r| Error::urn(serial, r))?;
        Ok(Sgtin {
            gtin,
            cp_len: prefix_len(cp_len)?,
            serial: serial.to_owned(),
        })
    }
    /// The GTIN.
    pub fn gtin(&self) -> &Gtin {
        &self.gtin
    }
    /// The serial number, unescaped.
    pub fn serial(&self) -> &str {
        &self.serial
    }
}

impl SsccEpc {
    /// Builds from an SSCC and its company-prefix length.
    pub fn new(sscc: Sscc, cp_len: usize) -> Result<SsccEpc> {
        Ok(SsccEpc {
            sscc,
            cp_len: prefix_len(cp_len)?,
        })
    }
    /// The SSCC.
    pub fn sscc(&self) -> &Sscc {
        &self.sscc
    }
}

impl Sgln {
    /// Builds from a GLN, its company-prefix length and an optional
    /// extension (1 to 20 characters; `"0"` means none, as in EPC URIs).
    pub fn new(gln: Gln, cp_len: usize, extension: Option<&str>) -> Result<Sgln> {
        let extension = match extension {
            None | Some("0") => None,
            Some(e) => {
                check_value(e, "GLN extension", 20).map_err(|r| Error::urn(e, r))?;
                Some(e.to_owned())
            }
        };
        Ok(Sgln {
            gln,
            cp_len: prefix_len(cp_len)?,
            extension,
        })
    }
    /// The GLN.
    pub fn gln(&self) -> &Gln {
        &self.gln
    }
    /// The extension, if any.
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref()
    }
}

impl Lgtin {
    /// Builds from a GTIN, its company-prefix length and a lot (1 to 20
    /// characters of GS1 set 82).
    pub fn new(gtin: Gtin, cp_len: usize, lot: &str) -> Result<Lgtin> {
        check_value(lot, "lot", 20).map_err(|r| Error::urn(lot, r))?;
        Ok(Lgtin {
            gtin,
            cp_len: prefix_len(cp_len)?,
            lot: lot.to_owned(),
        })
    }
    /// The GTIN.
    pub fn gtin(&self) -> &Gtin {
        &self.gtin
    }
    /// The lot number, unescaped.
    pub fn lot(&self) -> &str {
        &self.lot
    }
}

impl GtinPattern {
    /// Builds from a GTIN and its company-prefix length.
    pub fn new(gtin: Gtin, cp_len: usize) -> Result<GtinPattern> {
        Ok(GtinPattern {
            gtin,
            cp_len: prefix_len(cp_len)?,
        })
    }
    /// The GTIN.
    pub fn gtin(&self) -> &Gtin {
        &self.gtin
    }
}

impl Epc {
    /// Parses an EPC URI of a supported scheme (see the module table).
    pub fn parse_urn(s: &str) -> Result<Epc> {
        if let Some(rest) = s.strip_prefix("urn:epc:id:sgtin:") {
            let (cp, item, serial) = three_parts(s, rest, "serial")?;
            let gtin = gtin_from_parts(s, cp, item)?;
            let serial = urn_unescape(serial).map_err(|r| Error::urn(s, r))?;
            check_value(&serial, "serial", 20).map_err(|r| Error::urn(s, r))?;
            Ok(Epc::Sgtin(Sgtin {
                gtin,
                cp_len: cp.len() as u8,
                serial,
            }))
        } else if let Some(rest) = s.strip_prefix("urn:epc:id:sscc:") {
            let Some((cp, serial_ref)) = rest.split_once('.') else {
                return Err(Error::urn(
                    s,
                    Reason::new(
                        "expected CompanyPrefix.SerialReference",
                        "cần dạng MãDoanhNghiệp.SốThamChiếuSêri",
                    ),
                ));
            };
            check_prefix(s, cp)?;
            digits(s, serial_ref, "serial reference")?;
            if cp.len() + serial_ref.len() != 17 {
                return Err(Error::urn(
                    s,
                    Reason::new(
                        format!(
                            "with a {}-digit company prefix the serial reference has {} digits, not {}",
                            cp.len(),
                            17 - cp.len(),
                            serial_ref.len()
                        ),
                        format!(
                            "với mã doanh nghiệp {} chữ số, số tham chiếu sê-ri có {} chữ số, không phải {}",
                            cp.len(),
                            17 - cp.len(),
                            serial_ref.len()
                        ),
                    ),
                ));
            }
            let data = format!("{}{cp}{}", &serial_ref[..1], &serial_ref[1..]);
            let sscc = Sscc::parse(&with_check_digit(&data))?;
            Ok(Epc::Sscc(SsccEpc {
                sscc,
                cp_len: cp.len() as u8,
            }))
        } else if let Some(rest) = s.strip_prefix("urn:epc:id:sgln:") {
            let (cp, loc, ext) = three_parts(s, rest, "extension")?;
            check_prefix(s, cp)?;
            if !loc.is_empty() {
                digits(s, loc, "location reference")?;
            }
            if cp.len() + loc.len() != 12 {
                return Err(Error::urn(
                    s,
                    Reason::new(
                        format!(
                            "with a {}-digit company prefix the location reference has {} digits, not {}",
                            cp.len(),
                            12 - cp.len(),
                            loc.len()
                        ),
                        format!(
                            "với mã doanh nghiệp {} chữ số, số tham chiếu địa điểm có {} chữ số, không phải {}",
                            cp.len(),
                            12 - cp.len(),
                            loc.len()
                        ),
                    ),
                ));
            }
            let gln = Gln::parse(&with_check_digit(&format!("{cp}{loc}")))?;
            let ext = urn_unescape(ext).map_err(|r| Error::urn(s, r))?;
            check_value(&ext, "extension", 20).map_err(|r| Error::urn(s, r))?;
            let extension = (ext != "0").then_some(ext);
            Ok(Epc::Sgln(Sgln {
                gln,
                cp_len: cp.len() as u8,
                extension,
            }))
        } else if let Some(rest) = s.strip_prefix("urn:epc:class:lgtin:") {
            let (cp, item, lot) = three_parts(s, rest, "lot")?;
            let gtin = gtin_from_parts(s, cp, item)?;
            let lot = urn_unescape(lot).map_err(|r| Error::urn(s, r))?;
            check_value(&lot, "lot", 20).map_err(|r| Error::urn(s, r))?;
            Ok(Epc::Lgtin(Lgtin {
                gtin,
                cp_len: cp.len() as u8,
                lot,
            }))
        } else if let Some(rest) = s.strip_prefix("urn:epc:idpat:sgtin:") {
            let (cp, item, star) = three_parts(s, rest, "\"*\"")?;
            if star != "*" {
                return Err(Error::urn(
                    s,
                    Reason::new(
                        "an SGTIN pattern ends in \".*\" (any serial)",
                        "mẫu SGTIN kết thúc bằng \".*\" (mọi số sê-ri)",
                    ),
                ));
            }
            let gtin = gtin_from_parts(s, cp, item)?;
            Ok(Epc::GtinPattern(GtinPattern {
                gtin,
                cp_len: cp.len() as u8,
            }))
        } else {
            Err(Error::urn(
                s,
                Reason::new(
                    "not a supported scheme (urn:epc:id:sgtin, urn:epc:id:sscc, urn:epc:id:sgln, \
                     urn:epc:class:lgtin, urn:epc:idpat:sgtin)",
                    "không phải loại mã được hỗ trợ (urn:epc:id:sgtin, urn:epc:id:sscc, \
                     urn:epc:id:sgln, urn:epc:class:lgtin, urn:epc:idpat:sgtin)",
                ),
            ))
        }
    }

    /// The EPC URI.
    pub fn to_urn(&self) -> String {
        match self {
            Epc::Sgtin(x) => {
                let (cp, item) = gtin_parts(&x.gtin, x.cp_len);
                format!("urn:epc:id:sgtin:{cp}.{item}.{}", urn_escape(&x.serial))
            }
            Epc::Sscc(x) => {
                let s = x.sscc.as_str();
                let cp_end = 1 + usize::from(x.cp_len);
                format!(
                    "urn:epc:id:sscc:{}.{}{}",
                    &s[1..cp_end],
                    &s[..1],
                    &s[cp_end..17]
                )
            }
            Epc::Sgln(x) => {
                let g = x.gln.as_str();
                let cp = usize::from(x.cp_len);
                let ext = x
                    .extension
                    .as_deref()
                    .map_or_else(|| "0".to_owned(), urn_escape);
                format!("urn:epc:id:sgln:{}.{}.{ext}", &g[..cp], &g[cp..12])
            }
            Epc::Lgtin(x) => {
                let (cp, item) = gtin_parts(&x.gtin, x.cp_len);
                format!("urn:epc:class:lgtin:{cp}.{item}.{}", urn_escape(&x.lot))
            }
            Epc::GtinPattern(x) => {
                let (cp, item) = gtin_parts(&x.gtin, x.cp_len);
                format!("urn:epc:idpat:sgtin:{cp}.{item}.*")
            }
        }
    }

    /// The canonical GS1 Digital Link URI on `https://id.gs1.org`.
    pub fn to_digital_link(&self) -> String {
        self.to_dl().canonical()
    }

    /// The identifier as a [`DigitalLink`].
    pub fn to_dl(&self) -> DigitalLink {
        match self {
            Epc::Sgtin(x) => DigitalLink::new("01", x.gtin.as_str(), &[("21", &x.serial)]),
            Epc::Sscc(x) => DigitalLink::new("00", x.sscc.as_str(), &[]),
            Epc::Sgln(x) => match &x.extension {
                Some(e) => DigitalLink::new("414", x.gln.as_str(), &[("254", e)]),
                None => DigitalLink::new("414", x.gln.as_str(), &[]),
            },
            Epc::Lgtin(x) => DigitalLink::new("01", x.gtin.as_str(), &[("10", &x.lot)]),
            Epc::GtinPattern(x) => DigitalLink::new("01", x.gtin.as_str(), &[]),
        }
    }

    /// Parses a Digital Link URI (any domain and path prefix) and writes it
    /// as an EPC, given the length of the GS1 Company Prefix in its key.
    /// GTIN + serial gives an SGTIN (a lot or CPV next to the serial is
    /// dropped: the serial is the finer identity), GTIN + lot an LGTIN,
    /// a GTIN alone a pattern of any serial, SSCC an SSCC, GLN an SGLN.
    pub fn from_digital_link(uri: &str, cp_len: usize) -> Result<Epc> {
        Epc::from_dl(&DigitalLink::parse(uri)?, cp_len)
    }

    /// Converts a parsed Digital Link (see [`Epc::from_digital_link`]).
    pub fn from_dl(dl: &DigitalLink, cp_len: usize) -> Result<Epc> {
        prefix_len(cp_len)?;
        let q = |ai: &str| dl.qualifier(ai);
        match dl.key_ai() {
            "01" => {
                let gtin = Gtin::parse(dl.key_value())?;
                if let Some(serial) = q("21") {
                    Ok(Epc::Sgtin(Sgtin::new(gtin, cp_len, serial)?))
                } else if let Some(lot) = q("10") {
                    Ok(Epc::Lgtin(Lgtin::new(gtin, cp_len, lot)?))
                } else if q("235").is_some() {
                    Err(Error::NoEpcForm {
                        input: dl.canonical(),
                        reason: Reason::new(
                            "a GTIN with a third-party serial (AI 235) is a UPUI, not supported here",
                            "GTIN kèm số sê-ri của bên thứ ba (AI 235) là mã UPUI, chưa được hỗ trợ",
                        ),
                    })
                } else {
                    Ok(Epc::GtinPattern(GtinPattern::new(gtin, cp_len)?))
                }
            }
            "00" => Ok(Epc::Sscc(SsccEpc::new(
                Sscc::parse(dl.key_value())?,
                cp_len,
            )?)),
            "414" => Ok(Epc::Sgln(Sgln::new(
                Gln::parse(dl.key_value())?,
                cp_len,
                q("254"),
            )?)),
            _ => Err(Error::NoEpcForm {
                input: dl.canonical(),
                reason: Reason::new(
                    "only GTIN (01), SSCC (00) and GLN (414) keys convert here",
                    "chỉ chuyển đổi được mã GTIN (01), SSCC (00) và GLN (414)",
                ),
            }),
        }
    }

    /// True for identifiers of a class (a lot, any serial of a GTIN) rather
    /// than of one object.
    pub fn is_class(&self) -> bool {
        matches!(self, Epc::Lgtin(_) | Epc::GtinPattern(_))
    }

    /// The GTIN, for the GTIN-based identifiers.
    pub fn gtin(&self) -> Option<&Gtin> {
        match self {
            Epc::Sgtin(x) => Some(&x.gtin),
            Epc::Lgtin(x) => Some(&x.gtin),
            Epc::GtinPattern(x) => Some(&x.gtin),
            Epc::Sscc(_) | Epc::Sgln(_) => None,
        }
    }

    /// The length of the GS1 Company Prefix the identifier was written with.
    pub fn company_prefix_len(&self) -> usize {
        usize::from(match self {
            Epc::Sgtin(x) => x.cp_len,
            Epc::Sscc(x) => x.cp_len,
            Epc::Sgln(x) => x.cp_len,
            Epc::Lgtin(x) => x.cp_len,
            Epc::GtinPattern(x) => x.cp_len,
        })
    }
}

impl fmt::Display for Epc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_urn())
    }
}

impl std::str::FromStr for Epc {
    type Err = Error;
    fn from_str(s: &str) -> Result<Epc> {
        Epc::parse_urn(s)
    }
}

/// Company prefix and indicator+item reference of a GTIN-14.
fn gtin_parts(gtin: &Gtin, cp_len: u8) -> (&str, String) {
    let g = gtin.as_str();
    let cp_end = 1 + usize::from(cp_len);
    (&g[1..cp_end], format!("{}{}", &g[..1], &g[cp_end..13]))
}

fn three_parts<'a>(s: &str, rest: &'a str, last: &str) -> Result<(&'a str, &'a str, &'a str)> {
    let mut parts = rest.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c)) => Ok((a, b, c)),
        _ => Err(Error::urn(
            s,
            Reason::new(
                format!("three dot-separated parts expected; the {last} is missing"),
                format!(
                    "cần ba phần cách nhau bằng dấu chấm; thiếu {}",
                    vi_name(last)
                ),
            ),
        )),
    }
}

/// The GTIN of `CP.IITEM` (indicator first), check digit computed.
fn gtin_from_parts(s: &str, cp: &str, item: &str) -> Result<Gtin> {
    check_prefix(s, cp)?;
    digits(s, item, "indicator and item reference")?;
    if cp.len() + item.len() != 13 {
        return Err(Error::urn(
            s,
            Reason::new(
                format!(
                    "with a {}-digit company prefix the indicator and item reference have {} digits, not {}",
                    cp.len(),
                    13 - cp.len(),
                    item.len()
                ),
                format!(
                    "với mã doanh nghiệp {} chữ số, số chỉ thị và số tham chiếu mặt hàng có {} chữ số, không phải {}",
                    cp.len(),
                    13 - cp.len(),
                    item.len()
                ),
            ),
        ));
    }
    Gtin::parse(&with_check_digit(&format!(
        "{}{cp}{}",
        &item[..1],
        &item[1..]
    )))
}

fn check_prefix(s: &str, cp: &str) -> Result<()> {
    digits(s, cp, "company prefix")?;
    if !(6..=12).contains(&cp.len()) {
        return Err(Error::urn(
            s,
            Reason::new(
                format!(
                    "the company prefix has {} digits; 6 to 12 are allowed",
                    cp.len()
                ),
                format!(
                    "mã doanh nghiệp có {} chữ số; chỉ được từ 6 đến 12",
                    cp.len()
                ),
            ),
        ));
    }
    Ok(())
}

fn digits(s: &str, part: &str, what: &str) -> Result<()> {
    if part.is_empty() {
        return Err(Error::urn(
            s,
            Reason::new(
                format!("the {what} is empty"),
                format!("{} để trống", vi_name(what)),
            ),
        ));
    }
    digits_only(part).map_err(|_| {
        Error::urn(
            s,
            Reason::new(
                format!("the {what} {part:?} is not all digits"),
                format!("{} {part:?} không phải toàn chữ số", vi_name(what)),
            ),
        )
    })
}

fn prefix_len(len: usize) -> Result<u8> {
    if (6..=12).contains(&len) {
        Ok(len as u8)
    } else {
        Err(Error::CompanyPrefixLength { len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A company prefix of `cp_len` digits and an indicator + item
    /// reference filling the rest of a GTIN-13 data part.
    fn parts() -> impl Strategy<Value = (String, String)> {
        (6usize..=12).prop_flat_map(|cp| {
            "[0-9]{13}".prop_map(move |d| (d[..cp].to_owned(), d[cp..].to_owned()))
        })
    }

    proptest! {
        #[test]
        fn sgtin_urn_and_digital_link_round_trip((cp, item) in parts(), serial in "[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}") {
            let urn = format!("urn:epc:id:sgtin:{cp}.{item}.{}", crate::charset::urn_escape(&serial));
            let epc = Epc::parse_urn(&urn).unwrap();
            prop_assert_eq!(epc.to_urn(), urn.clone());
            let dl = epc.to_digital_link();
            prop_assert_eq!(Epc::from_digital_link(&dl, cp.len()).unwrap(), epc);
            prop_assert_eq!(crate::canonical_uri(&urn), Some(dl));
        }

        #[test]
        fn lots_and_locations_round_trip((cp, item) in parts(), lot in "[0-9A-Za-z./-]{1,20}") {
            let lgtin = format!("urn:epc:class:lgtin:{cp}.{item}.{}", crate::charset::urn_escape(&lot));
            let epc = Epc::parse_urn(&lgtin).unwrap();
            prop_assert_eq!(Epc::from_digital_link(&epc.to_digital_link(), cp.len()).unwrap(), epc);
            let loc = &item[1..];
            let sgln = format!("urn:epc:id:sgln:{cp}.{loc}.{}", crate::charset::urn_escape(&lot));
            let epc = Epc::parse_urn(&sgln).unwrap();
            prop_assert_eq!(Epc::from_digital_link(&epc.to_digital_link(), cp.len()).unwrap(), epc);
        }

        #[test]
        fn a_wrong_company_prefix_length_never_gives_the_same_urn((cp, item) in parts(), other in 6usize..=12) {
            prop_assume!(other != cp.len());
            let epc = Epc::parse_urn(&format!("urn:epc:id:sgtin:{cp}.{item}.1")).unwrap();
            let back = Epc::from_digital_link(&epc.to_digital_link(), other).unwrap();
            prop_assert_ne!(back.to_urn(), epc.to_urn());
            prop_assert_eq!(back.gtin(), epc.gtin(), "the key is the same, only its spelling differs");
        }
    }

    #[test]
    fn urns_convert_to_their_keys() {
        let e = Epc::parse_urn("urn:epc:id:sgtin:0614141.812345.12345").unwrap();
        assert_eq!(e.gtin().unwrap().as_str(), "80614141123458");
        let e = Epc::parse_urn("urn:epc:id:sscc:0614141.1234567890").unwrap();
        let Epc::Sscc(s) = &e else { panic!("{e:?}") };
        assert_eq!(s.sscc().as_str(), "106141412345678908");
        assert_eq!(e.to_urn(), "urn:epc:id:sscc:0614141.1234567890");
    }

    #[test]
    fn sgln_extension_zero_means_none() {
        let e = Epc::parse_urn("urn:epc:id:sgln:0614141.07346.0").unwrap();
        assert_eq!(e.to_digital_link(), "https://id.gs1.org/414/0614141073467");
        assert_eq!(e.to_urn(), "urn:epc:id:sgln:0614141.07346.0");
        let e = Epc::parse_urn("urn:epc:id:sgln:0614141.07346.1234").unwrap();
        assert_eq!(
            e.to_digital_link(),
            "https://id.gs1.org/414/0614141073467/254/1234"
        );
    }

    #[test]
    fn lots_and_patterns_are_classes() {
        let lot = Epc::parse_urn("urn:epc:class:lgtin:8934567.000001.L%2F25").unwrap();
        assert!(lot.is_class());
        let Epc::Lgtin(l) = &lot else { panic!() };
        assert_eq!(l.lot(), "L/25");
        assert_eq!(
            lot.to_digital_link(),
            "https://id.gs1.org/01/08934567000017/10/L%2F25"
        );
        assert_eq!(lot.to_urn(), "urn:epc:class:lgtin:8934567.000001.L%2F25");
        let any = Epc::parse_urn("urn:epc:idpat:sgtin:8934567.000001.*").unwrap();
        assert!(any.is_class());
        assert_eq!(
            any.to_digital_link(),
            "https://id.gs1.org/01/08934567000017"
        );
        assert!(
            !Epc::parse_urn("urn:epc:id:sgtin:8934567.000001.7")
                .unwrap()
                .is_class()
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = Epc::parse_urn("urn:epc:id:sgtin:234567.18901234.00").unwrap_err();
        assert!(e.to_string().contains("have 7 digits, not 8"), "{e}");
        let e = Epc::parse_urn("urn:epc:id:sgln:1234567890.11").unwrap_err();
        assert!(e.to_string().contains("extension is missing"), "{e}");
        let e =
            Epc::parse_urn("urn:epc:id:sgtin:0614141.107346.ABCDEFGHIJKLMNOPQRSTU").unwrap_err();
        assert!(e.to_string().contains("at most 20"), "{e}");
        assert!(Epc::from_digital_link("https://id.gs1.org/01/10614141073464/21/1", 13).is_err());
        let e = Epc::from_digital_link("https://id.gs1.org/8004/0614141ABC", 7).unwrap_err();
        assert!(matches!(e, Error::NoEpcForm { .. }), "{e}");
    }
}
