//! The EPCIS event hash ID (CBV 2.0 §8.9; reference implementation
//! RalphTro/epcis-event-hash-generator): a fingerprint of what an event
//! says, independent of field order, identifier spelling (EPC URI or
//! Digital Link on any domain) and time-zone notation.
//!
//! The pre-hash string is `eventType=…` followed by the event's fields in
//! a fixed canonical order, each written `name=value` with no separators:
//!
//! 1. `eventTime` (UTC, milliseconds, `Z`), `eventTimeZoneOffset`,
//!    `certificationInfo`, `parentID`, `epcList`, `inputEPCList`,
//!    `childEPCs`, `quantityList`, `childQuantityList`,
//!    `inputQuantityList`, `outputEPCList`, `outputQuantityList`,
//!    `action`, `transformationID`, `bizStep`, `disposition`,
//!    `persistentDisposition` (`set`, `unset`), `readPoint` (`id`),
//!    `bizLocation` (`id`), `sensorElementList` (`sensorMetadata` and each
//!    `sensorReport` with their own field orders);
//! 2. then every other field — `bizTransactionList`, `sourceList`,
//!    `destinationList`, `ilmd`, user extensions as `{namespace}name` —
//!    each rendered generically, all sorted together.
//!
//! `eventID`, `recordTime` and `errorDeclaration` are left out, so a
//! correction of an event hashes like the event it corrects. Repeated
//! entries (EPCs, quantity elements, sensor reports, list entries) are
//! sorted; a list entry keeps `type` before its identifier. Values are
//! trimmed; bare CBV words become web URIs; CURIEs of prefixes the
//! document declares are expanded (keys become `{namespace}name`); numbers
//! lose trailing zeros; booleans are `True`/`False`; GS1 identifiers become
//! their constrained canonical Digital Link
//! ([`congthuong_gs1::canonical_uri`]). The ID is
//! `ni:///sha-256;{hex of SHA-256 of the UTF-8 pre-hash}?ver=CBV2.0`.

use congthuong_gs1::canonical_uri;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::context::Namespaces;
use crate::time::Timestamp;
use crate::vocab::{Vocab, web_vocabulary};

#[derive(Clone, Copy)]
enum Kind {
    Plain(Option<Vocab>),
    EpcList,
    QuantityList,
    Location,
    Persistent,
    Sensors,
}

const ORDER: &[(&str, Kind)] = &[
    ("eventTime", Kind::Plain(None)),
    ("eventTimeZoneOffset", Kind::Plain(None)),
    ("certificationInfo", Kind::Plain(None)),
    ("parentID", Kind::Plain(None)),
    ("epcList", Kind::EpcList),
    ("inputEPCList", Kind::EpcList),
    ("childEPCs", Kind::EpcList),
    ("quantityList", Kind::QuantityList),
    ("childQuantityList", Kind::QuantityList),
    ("inputQuantityList", Kind::QuantityList),
    ("outputEPCList", Kind::EpcList),
    ("outputQuantityList", Kind::QuantityList),
    ("action", Kind::Plain(None)),
    ("transformationID", Kind::Plain(None)),
    ("bizStep", Kind::Plain(Some(Vocab::BizStep))),
    ("disposition", Kind::Plain(Some(Vocab::Disposition))),
    ("persistentDisposition", Kind::Persistent),
    ("readPoint", Kind::Location),
    ("bizLocation", Kind::Location),
    ("sensorElementList", Kind::Sensors),
];

const LEFT_OUT: &[&str] = &[
    "type",
    "eventID",
    "recordTime",
    "errorDeclaration",
    "@context",
];

const METADATA_ORDER: &[&str] = &[
    "time",
    "startTime",
    "endTime",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "bizRules",
];

const REPORT_ORDER: &[&str] = &[
    "type",
    "exception",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "time",
    "microorganism",
    "chemicalSubstance",
    "value",
    "component",
    "stringValue",
    "booleanValue",
    "hexBinaryValue",
    "uriValue",
    "minValue",
    "maxValue",
    "meanValue",
    "sDev",
    "percRank",
    "percValue",
    "uom",
    "coordinateReferenceSystem",
];

/// The event hash ID of an event (a JSON object) read with the document's
/// namespaces.
pub fn event_hash(event: &Map<String, Value>, ns: &Namespaces) -> String {
    hash_of_prehash(&prehash(event, ns))
}

/// `ni:///sha-256;…?ver=CBV2.0` of a pre-hash string.
pub fn hash_of_prehash(pre: &str) -> String {
    let digest = Sha256::digest(pre.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("ni:///sha-256;{hex}?ver=CBV2.0")
}

/// The canonical pre-hash string of an event.
pub fn prehash(event: &Map<String, Value>, ns: &Namespaces) -> String {
    let h = Hasher { ns };
    let mut out = format!(
        "eventType={}",
        event.get("type").and_then(Value::as_str).unwrap_or("")
    );
    for (name, kind) in ORDER {
        if let Some(v) = event.get(*name) {
            out.push_str(&h.ordered(name, v, *kind));
        }
    }
    let mut tail: Vec<String> = event
        .iter()
        .filter(|(k, _)| !LEFT_OUT.contains(&k.as_str()) && !ORDER.iter().any(|(n, _)| n == k))
        .flat_map(|(k, v)| match k.as_str() {
            "bizTransactionList" => h.typed_list(k, v, "bizTransaction", Vocab::BizTransactionType),
            "sourceList" => h.typed_list(k, v, "source", Vocab::SourceDestType),
            "destinationList" => h.typed_list(k, v, "destination", Vocab::SourceDestType),
            _ => h.generic(&h.ns.braced_key(k), v),
        })
        .collect();
    tail.sort();
    out.extend(tail);
    out
}

struct Hasher<'a> {
    ns: &'a Namespaces,
}

impl Hasher<'_> {
    fn ordered(&self, name: &str, v: &Value, kind: Kind) -> String {
        match kind {
            Kind::Plain(vocab) => self.plain(name, v, vocab),
            Kind::EpcList => prefixed(name, self.plain("epc", v, None)),
            Kind::QuantityList => {
                let mut items: Vec<String> = as_list(v)
                    .filter_map(Value::as_object)
                    .map(|q| {
                        ["epcClass", "quantity", "uom"]
                            .iter()
                            .filter_map(|k| q.get(*k).map(|x| self.plain(k, x, None)))
                            .collect::<String>()
                    })
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("quantityElement{s}"))
                    .collect();
                items.sort();
                prefixed(name, items.concat())
            }
            Kind::Location => match v.as_object() {
                Some(o) => prefixed(name, self.object_in_order(o, &["id"], None)),
                None => String::new(),
            },
            Kind::Persistent => match v.as_object() {
                Some(o) => {
                    let part = |k: &str| {
                        o.get(k)
                            .map(|x| self.plain(k, x, Some(Vocab::Disposition)))
                            .unwrap_or_default()
                    };
                    prefixed(name, format!("{}{}", part("set"), part("unset")))
                }
                None => String::new(),
            },
            Kind::Sensors => {
                let mut elements: Vec<String> = as_list(v)
                    .filter_map(Value::as_object)
                    .map(|el| self.sensor_element(el))
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("sensorElement{s}"))
                    .collect();
                elements.sort();
                prefixed(name, elements.concat())
            }
        }
    }

    fn sensor_element(&self, el: &Map<String, Value>) -> String {
        let mut s = String::new();
        if let Some(meta) = el.get("sensorMetadata").and_then(Value::as_object) {
            s.push_str(&prefixed(
                "sensorMetadata",
                self.object_in_order(meta, METADATA_ORDER, None),
            ));
        }
        let mut reports: Vec<String> = el
            .get("sensorReport")
            .map(as_list)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .map(|r| self.object_in_order(r, REPORT_ORDER, Some(&["type", "exception"])))
            .filter(|r| !r.is_empty())
            .map(|r| format!("sensorReport{r}"))
            .collect();
        reports.sort();
        s.push_str(&reports.concat());
        s.push_str(&self.nested_extensions(el));
        s
    }

    /// The fields of a nested object in `order`, then its namespaced
    /// extensions (generic, sorted). `vocab_keys` hold GS1 vocabulary words.
    fn object_in_order(
        &self,
        o: &Map<String, Value>,
        order: &[&str],
        vocab_keys: Option<&[&str]>,
    ) -> String {
        let mut s = String::new();
        for k in order {
            if let Some(v) = o.get(*k) {
                let vocab = vocab_keys
                    .filter(|keys| keys.contains(k))
                    .map(|_| Vocab::GS1Voc);
                s.push_str(&self.plain(k, v, vocab));
            }
        }
        s.push_str(&self.nested_extensions(o));
        s
    }

    /// User extensions inside a nested element, as the reference
    /// implementation gathers them: keys whose expanded namespace ends in
    /// `/`, when the element has more than one field.
    fn nested_extensions(&self, o: &Map<String, Value>) -> String {
        if o.len() <= 1 {
            return String::new();
        }
        let mut ext: Vec<String> = o
            .iter()
            .map(|(k, v)| (self.ns.braced_key(k), v))
            .filter(|(k, _)| k.starts_with('{') && k.contains("/}"))
            .flat_map(|(k, v)| self.generic(&k, v))
            .collect();
        ext.sort();
        ext.concat()
    }

    /// `name=value` for each scalar in `v` (one, or each of an array),
    /// sorted; empty values are left out. Time fields are normalised.
    fn plain(&self, name: &str, v: &Value, vocab: Option<Vocab>) -> String {
        let is_time = {
            let lower = name.to_ascii_lowercase();
            lower.contains("time") && !lower.contains("offset")
        };
        let mut items: Vec<String> = as_list(v)
            .filter_map(scalar_text)
            .filter(|t| !t.is_empty())
            .map(|t| {
                let t = vocab.and_then(|voc| voc.expand_bare(&t)).unwrap_or(t);
                let t = if is_time {
                    Timestamp::parse(&t)
                        .map(Timestamp::to_utc_string)
                        .unwrap_or(t)
                } else {
                    self.canonical_value(&t)
                };
                format!("{name}={t}")
            })
            .collect();
        items.sort();
        items.concat()
    }

    fn typed_list(&self, name: &str, v: &Value, field: &str, vocab: Vocab) -> Vec<String> {
        let mut entries: Vec<String> = as_list(v)
            .filter_map(Value::as_object)
            .map(|o| {
                let t = o
                    .get("type")
                    .map(|x| self.plain("type", x, Some(vocab)))
                    .unwrap_or_default();
                let id = o
                    .get(field)
                    .map(|x| self.plain(field, x, None))
                    .unwrap_or_default();
                format!("{t}{id}")
            })
            .collect();
        entries.sort();
        vec![format!("{name}{}", entries.concat())]
    }

    /// Any other field: `name=value`, or `name` followed by its members
    /// (sorted); an array gives one entry per element.
    fn generic(&self, name: &str, v: &Value) -> Vec<String> {
        match v {
            Value::Array(items) => items.iter().flat_map(|x| self.generic(name, x)).collect(),
            Value::Object(o) => {
                let mut children: Vec<String> = o
                    .iter()
                    .flat_map(|(k, x)| self.generic(&self.ns.braced_key(k), x))
                    .collect();
                children.sort();
                vec![format!("{name}{}", children.concat())]
            }
            Value::Null => vec![format!("{name}=None")],
            scalar => match scalar_text(scalar).filter(|t| !t.is_empty()) {
                Some(t) => vec![format!("{name}={}", self.canonical_value(&t))],
                None => vec![name.to_owned()],
            },
        }
    }

    /// CURIEs of declared prefixes expanded, CBV 1.x URNs rewritten,
    /// numbers normalised, GS1 identifiers in canonical Digital Link form.
    fn canonical_value(&self, t: &str) -> String {
        let t = self.ns.expand_declared(t).unwrap_or_else(|| t.to_owned());
        let t = web_vocabulary(&t);
        let t = python_number(&t).unwrap_or(t);
        canonical_uri(&t).unwrap_or(t)
    }
}

fn prefixed(name: &str, inner: String) -> String {
    if inner.is_empty() {
        inner
    } else {
        format!("{name}{inner}")
    }
}

fn as_list(v: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// The text of a scalar: strings trimmed, numbers as written, booleans
/// `True`/`False` (as the reference implementation at the pinned version
/// writes them; later versions write `true`/`false`).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(true) => Some("True".to_owned()),
        Value::Bool(false) => Some("False".to_owned()),
        _ => None,
    }
}

/// A number written as the reference implementation writes it: text that
/// reads as a decimal number becomes the shortest form of its double —
/// an integer without `.0` when whole, otherwise Python's `repr`
/// (`0.1`, `1e-05`). Other text gives `None`.
pub fn python_number(t: &str) -> Option<String> {
    let digits_ok = |s: &str| {
        !s.is_empty()
            && !s.starts_with('_')
            && !s.ends_with('_')
            && !s.contains("__")
            && s.chars().all(|c| c.is_ascii_digit() || c == '_')
    };
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = (int.is_empty() || digits_ok(int))
        && (frac.is_empty() || digits_ok(frac))
        && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| digits_ok(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !mantissa_ok || !exponent_ok {
        return None;
    }
    let x: f64 = t.replace('_', "").parse().ok()?;
    if !x.is_finite() {
        return None;
    }
    if x.fract() == 0.0 {
        return Some(if x == 0.0 {
            "0".to_owned()
        } else {
            format!("{x:.0}")
        });
    }
    let e = format!("{x:e}");
    let (m, exp) = e.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let negative = m.starts_with('-');
    let digits: String = m.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let point = (exp + 1) as usize;
            let int_part = &digits[..point.min(digits.len())];
            Some(format!(
                "{sign}{int_part}.{}",
                &digits[point.min(digits.len())..]
            ))
        } else {
            Some(format!(
                "{sign}0.{}{digits}",
                "0".repeat((-exp - 1) as usize)
            ))
        }
    } else {
        let mant = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits.clone()
        };
        Some(format!(
            "{sign}{mant}e{}{:02}",
            if exp < 0 { "-" } else { "+" },
            exp.abs()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "type": "ObjectEvent",
            "eventTime": "2025-11-03T14:00:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "action": "OBSERVE",
            "epcList": ["urn:epc:id:sgtin:8930003.000002.1001", "urn:epc:id:sgtin:8930003.000002.1002", "urn:epc:id:sgtin:8930003.000002.1003"],
            "bizStep": "shipping",
            "readPoint": {"id": "urn:epc:id:sgln:8930003.00001.0"},
            "sourceList": [
                {"type": "owning_party", "source": "urn:epc:id:pgln:8930003.00000"},
                {"type": "location", "source": "urn:epc:id:sgln:8930003.00001.0"}
            ],
            "vnx:note": "Giao hàng"
        })
    }

    fn hash(v: &Value) -> String {
        let ns = Namespaces::from_context(&json!([{"vnx": "https://example.vn/epcis/"}]));
        event_hash(v.as_object().unwrap(), &ns)
    }

    /// Rotates object keys and list entries by `shift`, and spells EPC
    /// URIs as Digital Links when `links` is set.
    fn rearrange(v: &Value, shift: usize, links: bool) -> Value {
        match v {
            Value::Object(o) => {
                let mut entries: Vec<(String, Value)> = o
                    .iter()
                    .map(|(k, x)| (k.clone(), rearrange(x, shift, links)))
                    .collect();
                let n = entries.len();
                entries.rotate_left(shift % n.max(1));
                Value::Object(entries.into_iter().collect())
            }
            Value::Array(a) => {
                let mut items: Vec<Value> = a.iter().map(|x| rearrange(x, shift, links)).collect();
                let n = items.len();
                items.rotate_left(shift % n.max(1));
                Value::Array(items)
            }
            Value::String(s) if links && s.starts_with("urn:epc:id:") => {
                Value::String(canonical_uri(s).unwrap_or_else(|| s.clone()))
            }
            other => other.clone(),
        }
    }

    proptest! {
        #[test]
        fn order_and_identifier_spelling_do_not_change_the_hash(shift in 0usize..20, links: bool) {
            prop_assert_eq!(hash(&rearrange(&sample(), shift, links)), hash(&sample()));
        }

        #[test]
        fn any_change_of_a_value_changes_the_hash(serial in 1004u32..9999) {
            let mut changed = sample();
            changed["epcList"][1] = Value::String(format!("urn:epc:id:sgtin:8930003.000002.{serial}"));
            prop_assert_ne!(hash(&changed), hash(&sample()));
        }
    }

    #[test]
    fn event_id_record_time_and_error_declaration_are_left_out() {
        let mut v = sample();
        v["eventID"] = json!("urn:uuid:00000000-0000-4000-8000-000000000000");
        v["recordTime"] = json!("2026-01-01T00:00:00Z");
        v["errorDeclaration"] = json!({"declarationTime": "2026-01-02T00:00:00Z"});
        assert_eq!(hash(&v), hash(&sample()));
        v["eventTimeZoneOffset"] = json!("+08:00");
        assert_ne!(hash(&v), hash(&sample()));
    }

    #[test]
    fn numbers_as_python_writes_them() {
        for (input, out) in [
            ("26", "26"),
            ("26.0", "26"),
            ("0.1", "0.1"),
            ("12.1", "12.1"),
            ("-477979.89", "-477979.89"),
            ("1e2", "100"),
            ("0.0001", "0.0001"),
            ("0.00001", "1e-05"),
            ("1.5e-7", "1.5e-07"),
            ("1_000", "1000"),
            ("007", "7"),
            ("+3.50", "3.5"),
            ("-0", "0"),
            ("12345678901234567890", "12345678901234567168"),
        ] {
            assert_eq!(python_number(input).as_deref(), Some(out), "{input}");
        }
        for text in [
            "",
            "inf",
            "nan",
            "1__0",
            "_1",
            "1.2.3",
            "2019-10-21",
            "KGM",
            "1e",
            ".",
        ] {
            assert_eq!(python_number(text), None, "{text}");
        }
    }
}
