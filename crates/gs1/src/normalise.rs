//! One spelling for every GS1 identifier EPCIS carries: the constrained
//! canonical Digital Link URI (`https://id.gs1.org/…`, AIs, no query, no
//! consumer product variant, no lot beside a serial).
//!
//! [`canonical_uri`] accepts EPC URIs of every GS1 scheme (`sgtin`,
//! `sscc`, `sgln`, `grai`, `giai`, `gsrn`, `gsrnp`, `gdti`, `cpi`, `sgcn`,
//! `ginc`, `gsin`, `itip`, `upui`, `pgln`, the `lgtin` class and the
//! `idpat` patterns) and Digital Link URIs on any domain. It is what the
//! EPCIS event hash compares and what the trace index keys on, so the URN
//! and the Digital Link spelling of one lot or serial meet. Digital Link
//! input is read leniently (see [`DigitalLink::parse_lenient`]); checking
//! check digits is the validators' job.

use crate::charset::{check_value, urn_unescape};
use crate::check::{digits_only, with_check_digit};
use crate::digital_link::DigitalLink;
use crate::epc::Epc;

/// The canonical spelling of a GS1 identifier, or `None` when `uri` is not
/// one (a UUID, a CBV URN, a plain URL, a malformed EPC URI).
///
/// ```
/// use congthuong_gs1::canonical_uri;
/// let urn = canonical_uri("urn:epc:id:sgtin:0614141.107346.2017");
/// let dl = canonical_uri("https://brand.example/01/10614141073464/21/2017?17=261231");
/// assert_eq!(urn.as_deref(), Some("https://id.gs1.org/01/10614141073464/21/2017"));
/// assert_eq!(urn, dl);
/// ```
pub fn canonical_uri(uri: &str) -> Option<String> {
    if uri.starts_with("urn:epc:") {
        urn(uri)
    } else if uri.starts_with("http://")
        || uri.starts_with("https://")
        || uri.starts_with("HTTP://")
        || uri.starts_with("HTTPS://")
    {
        DigitalLink::parse_lenient(uri)
            .ok()
            .map(|d| d.constrained().canonical())
    } else {
        None
    }
}

fn urn(uri: &str) -> Option<String> {
    if let Ok(epc) = Epc::parse_urn(uri) {
        return Some(epc.to_dl().constrained().canonical());
    }
    let (kind, body) = if let Some(b) = uri.strip_prefix("urn:epc:id:") {
        ("id", b)
    } else if let Some(b) = uri.strip_prefix("urn:epc:idpat:") {
        ("idpat", b)
    } else {
        return None;
    };
    let (scheme, body) = body.split_once(':')?;
    let dl = match (kind, scheme) {
        ("id", "grai") => {
            let [cp, asset, serial] = parts::<3>(body)?;
            let serial = text(serial, 16)?;
            DigitalLink::new(
                "8003",
                &format!("{}{serial}", keyed(&format!("0{cp}"), asset, 13)?),
                &[],
            )
        }
        ("idpat", "grai") => {
            let [cp, asset, star] = parts::<3>(body)?;
            star_only(star)?;
            DigitalLink::new("8003", &keyed(&format!("0{cp}"), asset, 13)?, &[])
        }
        ("id", "giai") => {
            let [cp, asset] = parts::<2>(body)?;
            prefix(cp)?;
            let asset = text(asset, 30 - cp.len())?;
            DigitalLink::new("8004", &format!("{cp}{asset}"), &[])
        }
        ("id", "gsrn") | ("id", "gsrnp") => {
            let [cp, service] = parts::<2>(body)?;
            let key = keyed(cp, service, 17)?;
            DigitalLink::new(if scheme == "gsrn" { "8018" } else { "8017" }, &key, &[])
        }
        ("id", "gdti") => {
            let [cp, doc, serial] = parts::<3>(body)?;
            let serial = text(serial, 17)?;
            DigitalLink::new("253", &format!("{}{serial}", keyed(cp, doc, 12)?), &[])
        }
        ("idpat", "gdti") => {
            let [cp, doc, star] = parts::<3>(body)?;
            star_only(star)?;
            DigitalLink::new("253", &keyed(cp, doc, 12)?, &[])
        }
        ("id", "sgcn") => {
            let [cp, coupon, serial] = parts::<3>(body)?;
            numeric(serial, 12)?;
            DigitalLink::new("255", &format!("{}{serial}", keyed(cp, coupon, 12)?), &[])
        }
        ("idpat", "sgcn") => {
            let [cp, coupon, star] = parts::<3>(body)?;
            star_only(star)?;
            DigitalLink::new("255", &keyed(cp, coupon, 12)?, &[])
        }
        ("id", "cpi") => {
            let (head, serial) = body.rsplit_once('.')?;
            let [cp, part] = parts::<2>(head)?;
            numeric(serial, 12)?;
            DigitalLink::new("8010", &cpid(cp, part)?, &[("8011", serial)])
        }
        ("idpat", "cpi") => {
            let (head, star) = body.rsplit_once('.')?;
            star_only(star)?;
            let [cp, part] = parts::<2>(head)?;
            DigitalLink::new("8010", &cpid(cp, part)?, &[])
        }
        ("id", "ginc") => {
            let [cp, reference] = parts::<2>(body)?;
            prefix(cp)?;
            let reference = text(reference, 30 - cp.len())?;
            DigitalLink::new("401", &format!("{cp}{reference}"), &[])
        }
        ("id", "gsin") => {
            let [cp, shipper] = parts::<2>(body)?;
            DigitalLink::new("402", &keyed(cp, shipper, 16)?, &[])
        }
        ("id", "itip") => {
            let [cp, item, piece, total, serial] = parts::<5>(body)?;
            numeric_exact(piece, 2)?;
            numeric_exact(total, 2)?;
            let serial = text(serial, 20)?;
            DigitalLink::new(
                "8006",
                &format!("{}{piece}{total}", gtin(cp, item)?),
                &[("21", &serial)],
            )
        }
        ("idpat", "itip") => {
            let [cp, item, piece, total, star] = parts::<5>(body)?;
            star_only(star)?;
            numeric_exact(piece, 2)?;
            numeric_exact(total, 2)?;
            DigitalLink::new("8006", &format!("{}{piece}{total}", gtin(cp, item)?), &[])
        }
        ("id", "upui") => {
            let [cp, item, tpx] = parts::<3>(body)?;
            let tpx = text(tpx, 28)?;
            DigitalLink::new("01", &gtin(cp, item)?, &[("235", &tpx)])
        }
        ("idpat", "upui") => {
            let [cp, item, star] = parts::<3>(body)?;
            star_only(star)?;
            DigitalLink::new("01", &gtin(cp, item)?, &[])
        }
        ("id", "pgln") => {
            let [cp, party] = parts::<2>(body)?;
            DigitalLink::new("417", &keyed(cp, party, 12)?, &[])
        }
        _ => return None,
    };
    Some(dl.canonical())
}

/// Splits into exactly `N` dot-separated parts; the last keeps its dots.
fn parts<const N: usize>(body: &str) -> Option<[&str; N]> {
    let v: Vec<&str> = body.splitn(N, '.').collect();
    v.try_into().ok()
}

fn prefix(cp: &str) -> Option<()> {
    ((6..=12).contains(&cp.len()) && digits_only(cp).is_ok()).then_some(())
}

/// `cp` + `reference` (digits, `total` together) + check digit. The `0`
/// a GRAI starts with is part of `cp` here and not counted in its length.
fn keyed(cp: &str, reference: &str, total: usize) -> Option<String> {
    prefix(cp.strip_prefix('0').filter(|_| total == 13).unwrap_or(cp))?;
    let data = format!("{cp}{reference}");
    (data.len() == total && (reference.is_empty() || digits_only(reference).is_ok()))
        .then(|| with_check_digit(&data))
}

/// GTIN-14 from `CP.IITEM`.
fn gtin(cp: &str, item: &str) -> Option<String> {
    prefix(cp)?;
    if cp.len() + item.len() != 13 || digits_only(item).is_err() {
        return None;
    }
    Some(with_check_digit(&format!(
        "{}{cp}{}",
        &item[..1],
        &item[1..]
    )))
}

fn cpid(cp: &str, part: &str) -> Option<String> {
    prefix(cp)?;
    let part = urn_unescape(part).ok()?;
    let ok = !part.is_empty()
        && cp.len() + part.len() <= 30
        && part
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || "#-/".contains(c));
    ok.then(|| format!("{cp}{part}"))
}

fn text(raw: &str, max: usize) -> Option<String> {
    let v = urn_unescape(raw).ok()?;
    check_value(&v, "value", max).ok()?;
    Some(v)
}

fn numeric(s: &str, max: usize) -> Option<()> {
    (!s.is_empty() && s.len() <= max && digits_only(s).is_ok()).then_some(())
}

fn numeric_exact(s: &str, len: usize) -> Option<()> {
    (s.len() == len && digits_only(s).is_ok()).then_some(())
}

fn star_only(s: &str) -> Option<()> {
    (s == "*").then_some(())
}

#[cfg(test)]
mod tests {
    use super::canonical_uri as c;

    #[test]
    fn research_note_vectors() {
        assert_eq!(
            c("urn:epc:id:sgln:0614141.07346.1234").unwrap(),
            "https://id.gs1.org/414/0614141073467/254/1234"
        );
        assert_eq!(
            c("urn:epc:id:sgtin:4012345.098765.12345").unwrap(),
            "https://id.gs1.org/01/04012345987652/21/12345"
        );
        assert_eq!(
            c("urn:epc:id:sgtin:4012345.011111.987").unwrap(),
            "https://id.gs1.org/01/04012345111118/21/987"
        );
    }

    #[test]
    fn every_scheme_of_the_all_keys_example() {
        for (urn, dl) in [
            (
                "urn:epc:id:pgln:4012345.00000",
                "https://id.gs1.org/417/4012345000009",
            ),
            (
                "urn:epc:id:gdti:4012345.55555.1234",
                "https://id.gs1.org/253/40123455555541234",
            ),
            (
                "urn:epc:id:giai:4000001.111",
                "https://id.gs1.org/8004/4000001111",
            ),
            (
                "urn:epc:id:sscc:4012345.0000000333",
                "https://id.gs1.org/00/040123450000003338",
            ),
        ] {
            assert_eq!(c(urn).as_deref(), Some(dl), "{urn}");
        }
    }

    #[test]
    fn non_gs1_identifiers_have_no_canonical_form() {
        for s in [
            "urn:uuid:fd338495-0e6d-41dd-afee-a862ecd32518",
            "urn:epcglobal:cbv:bt:5200001000008:4711",
            "geo:50.9,6.9",
            "https://example.com/po/1",
            "OBSERVE",
        ] {
            assert_eq!(c(s), None, "{s}");
        }
    }
}
