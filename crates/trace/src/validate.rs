//! Capture validation: the EPCIS 2.0 JSON Schema's rules, written as code
//! (the GS1 schema files carry no open licence, so they are not bundled),
//! plus the GS1 identifier rules the schema leaves to prose.
//!
//! What is checked, per document:
//! - the document: `@context`, `type: "EPCISDocument"`, `schemaVersion`
//!   `2.x`, `creationDate` (date-time), `epcisBody.eventList`;
//! - every event: a known `type`; `eventTime` (date-time with offset) and
//!   `eventTimeZoneOffset` (`±HH:MM`, at most ±14:00); `action` one of
//!   OBSERVE/ADD/DELETE (absent on TransformationEvent); the fields each
//!   type may carry, and which are required (ObjectEvent: an `epcList`, a
//!   `quantityList` or sensor data with a `readPoint`; AggregationEvent and
//!   AssociationEvent: children unless DELETE, AssociationEvent a
//!   `parentID`; TransactionEvent: a `bizTransactionList` and objects
//!   unless DELETE; TransformationEvent: inputs and outputs, or either one
//!   with a `transformationID`); `ilmd` only with ADD;
//! - values: CBV bare words or URIs for `bizStep`, `disposition` and the
//!   list types (`"transforming"` is neither); numbers for quantities; the
//!   UN/CEFACT unit code shape; unknown fields only as namespaced
//!   extensions (`"example:field"`), and `ilmd` keys namespaced too;
//! - identifiers: URIs; EPC URIs of GS1 schemes well formed, and GS1
//!   Digital Links of GTINs, SSCCs and GLNs with correct check digits
//!   (see [`check_identifier`]). The same string twice in one EPC list is
//!   refused (a URN and a Digital Link of one object are two strings, as in
//!   the schema's `uniqueItems`).
//!
//! Problems are collected (up to [`MAX_PROBLEMS`]), not stopped at.

use congthuong_gs1::{DigitalLink, Epc, canonical_uri};
use serde_json::{Map, Value};

use crate::locate::Step;
use crate::time::{Timestamp, is_time_zone_offset};
use crate::vocab::{Vocab, is_uri};

/// At most this many problems are reported per document.
pub const MAX_PROBLEMS: usize = 100;

/// The five EPCIS 2.0 event types.
pub const EVENT_TYPES: &[&str] = &[
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
];

const COMMON: &[&str] = &[
    "@context",
    "type",
    "eventTime",
    "recordTime",
    "eventTimeZoneOffset",
    "eventID",
    "errorDeclaration",
    "certificationInfo",
    "bizStep",
    "disposition",
    "readPoint",
    "bizLocation",
    "bizTransactionList",
    "sourceList",
    "destinationList",
    "sensorElementList",
];

fn type_fields(t: &str) -> &'static [&'static str] {
    match t {
        "ObjectEvent" => &[
            "action",
            "epcList",
            "quantityList",
            "persistentDisposition",
            "ilmd",
        ],
        "AggregationEvent" => &["action", "parentID", "childEPCs", "childQuantityList"],
        "TransactionEvent" => &[
            "action",
            "parentID",
            "epcList",
            "quantityList",
            "persistentDisposition",
        ],
        "TransformationEvent" => &[
            "inputEPCList",
            "inputQuantityList",
            "outputEPCList",
            "outputQuantityList",
            "transformationID",
            "persistentDisposition",
            "ilmd",
        ],
        "AssociationEvent" => &[
            "action",
            "parentID",
            "childEPCs",
            "childQuantityList",
            "persistentDisposition",
        ],
        _ => &[],
    }
}

/// Checks a parsed document; returns every problem with its path.
pub fn validate_document(doc: &Value) -> Vec<(Vec<Step>, String)> {
    let mut v = Checker {
        path: Vec::new(),
        problems: Vec::new(),
    };
    v.document(doc);
    v.problems
}

struct Checker {
    path: Vec<Step>,
    problems: Vec<(Vec<Step>, String)>,
}

impl Checker {
    fn problem(&mut self, reason: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push((self.path.clone(), reason.into()));
        }
    }

    fn at<R>(&mut self, step: Step, f: impl FnOnce(&mut Checker) -> R) -> R {
        self.path.push(step);
        let r = f(self);
        self.path.pop();
        r
    }

    fn key<R>(&mut self, k: &str, f: impl FnOnce(&mut Checker) -> R) -> R {
        self.at(Step::Key(k.to_owned()), f)
    }

    fn document(&mut self, doc: &Value) {
        let Some(root) = doc.as_object() else {
            return self.problem("an EPCIS document is a JSON object");
        };
        match root.get("@context") {
            None => self.problem("\"@context\" is missing: an EPCIS 2.0 JSON-LD document names its context, e.g. \"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\""),
            Some(c) => self.key("@context", |v| v.context(c)),
        }
        match root.get("type").and_then(Value::as_str) {
            Some("EPCISDocument") => {}
            Some("EPCISQueryDocument") => self.key("type", |v| {
                v.problem("a query result document cannot be captured; send an EPCISDocument")
            }),
            Some(other) => self.key("type", |v| {
                v.problem(format!("\"{other}\" is not \"EPCISDocument\""))
            }),
            None => self.problem("\"type\": \"EPCISDocument\" is missing"),
        }
        match root.get("schemaVersion") {
            Some(Value::String(s))
                if s.strip_prefix("2.")
                    .is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())) => {}
            Some(other) => self.key("schemaVersion", |v| {
                v.problem(format!(
                    "{other} is not an EPCIS 2 schema version such as \"2.0\""
                ))
            }),
            None => self.problem("\"schemaVersion\" is missing"),
        }
        match root.get("creationDate") {
            Some(d) => self.key("creationDate", |v| v.time(d)),
            None => self.problem("\"creationDate\" is missing"),
        }
        for k in root.keys() {
            let known = [
                "@context",
                "id",
                "type",
                "schemaVersion",
                "creationDate",
                "instanceIdentifier",
                "sender",
                "receiver",
                "epcisHeader",
                "epcisBody",
            ];
            if !known.contains(&k.as_str()) && !is_uri(k) {
                self.key(k, |v| {
                    v.problem(format!(
                        "unknown document field \"{k}\" (extensions need a namespace prefix)"
                    ))
                });
            }
        }
        let Some(body) = root.get("epcisBody") else {
            return self.problem("\"epcisBody\" is missing");
        };
        self.key("epcisBody", |v| {
            let Some(list) = body.get("eventList") else {
                return v.problem("\"eventList\" is missing");
            };
            v.key("eventList", |v| {
                let Some(events) = list.as_array() else {
                    return v.problem("\"eventList\" must be an array of events");
                };
                for (i, e) in events.iter().enumerate() {
                    v.at(Step::Index(i), |v| v.event(e));
                }
            });
        });
    }

    fn context(&mut self, c: &Value) {
        let ok = |x: &Value| matches!(x, Value::Object(_)) || x.as_str().is_some_and(is_uri);
        let fine = match c {
            Value::Array(items) => !items.is_empty() && items.iter().all(ok),
            other => ok(other),
        };
        if !fine {
            self.problem(
                "\"@context\" must be a context URL, an object of prefixes, or an array of those",
            );
        }
    }

    fn event(&mut self, e: &Value) {
        let Some(ev) = e.as_object() else {
            return self.problem("an event is a JSON object");
        };
        let Some(t) = ev.get("type").and_then(Value::as_str) else {
            return self.problem("the event has no \"type\" (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent)");
        };
        if !EVENT_TYPES.contains(&t) {
            return self.key("type", |v| {
                v.problem(format!(
                    "\"{t}\" is not an EPCIS event type ({})",
                    EVENT_TYPES.join(", ")
                ))
            });
        }
        for k in ev.keys() {
            if !COMMON.contains(&k.as_str()) && !type_fields(t).contains(&k.as_str()) && !is_uri(k)
            {
                self.key(k, |v| v.problem(format!("unknown field \"{k}\" for a {t} (extensions need a namespace prefix, e.g. \"example:{k}\")")));
            }
        }
        for required in ["eventTime", "eventTimeZoneOffset"] {
            if !ev.contains_key(required) {
                self.problem(format!("\"{required}\" is missing"));
            }
        }
        let action = ev.get("action").and_then(Value::as_str);
        if t == "TransformationEvent" {
            if ev.contains_key("action") {
                self.key("action", |v| {
                    v.problem("a TransformationEvent has no action")
                });
            }
        } else if !ev.contains_key("action") {
            self.problem("\"action\" is missing (OBSERVE, ADD or DELETE)");
        }
        for (k, val) in ev {
            self.key(k, |v| v.field(k, val));
        }
        self.type_rules(t, ev, action);
    }

    /// The per-type "one of these must be present" rules.
    fn type_rules(&mut self, t: &str, ev: &Map<String, Value>, action: Option<&str>) {
        let nonempty = |k: &str| {
            ev.get(k)
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty())
        };
        let delete = action == Some("DELETE");
        match t {
            "ObjectEvent" => {
                let sensors = nonempty("sensorElementList") && ev.contains_key("readPoint");
                if !ev.contains_key("epcList") && !nonempty("quantityList") && !sensors {
                    self.problem("an ObjectEvent needs an \"epcList\" or a \"quantityList\" (or sensor data with a \"readPoint\")");
                }
                if ev.contains_key("ilmd") && action.is_some_and(|a| a != "ADD") {
                    self.key("ilmd", |v| {
                        v.problem(
                            "\"ilmd\" (instance/lot master data) belongs to an ADD event only",
                        )
                    });
                }
            }
            "AggregationEvent" | "AssociationEvent" => {
                if !nonempty("childEPCs") && !nonempty("childQuantityList") && !delete {
                    self.problem(format!(
                        "an {t} that is not a DELETE needs \"childEPCs\" or \"childQuantityList\""
                    ));
                }
                if t == "AssociationEvent" && !ev.contains_key("parentID") {
                    self.problem("an AssociationEvent needs a \"parentID\"");
                }
            }
            "TransactionEvent" => {
                if !nonempty("bizTransactionList") {
                    self.problem("a TransactionEvent needs a non-empty \"bizTransactionList\"");
                }
                if !ev.contains_key("epcList") && !nonempty("quantityList") && !delete {
                    self.problem("a TransactionEvent that is not a DELETE needs an \"epcList\" or a \"quantityList\"");
                }
            }
            "TransformationEvent" => {
                let inputs = nonempty("inputEPCList") || nonempty("inputQuantityList");
                let outputs = nonempty("outputEPCList") || nonempty("outputQuantityList");
                let id = ev.contains_key("transformationID");
                if !(inputs && outputs) && !((inputs || outputs) && id) {
                    self.problem("a TransformationEvent needs inputs and outputs, or either with a \"transformationID\"");
                }
            }
            _ => {}
        }
    }

    fn field(&mut self, k: &str, val: &Value) {
        match k {
            "type" | "@context" => {}
            "eventTime" | "recordTime" => self.time(val),
            "eventTimeZoneOffset" => match val.as_str() {
                Some(s) if is_time_zone_offset(s) => {}
                _ => self.problem(format!(
                    "{val} is not a time zone offset such as \"+07:00\" (from -14:00 to +14:00)"
                )),
            },
            "eventID" | "transformationID" => self.uri(val),
            "action" => match val.as_str() {
                Some("OBSERVE" | "ADD" | "DELETE") => {}
                _ => self.problem(format!("{val} is not one of OBSERVE, ADD, DELETE")),
            },
            "bizStep" => self.vocab(val, Vocab::BizStep),
            "disposition" => self.vocab(val, Vocab::Disposition),
            "persistentDisposition" => self.persistent(val),
            "readPoint" | "bizLocation" => self.location(val),
            "epcList" | "childEPCs" | "inputEPCList" | "outputEPCList" => self.epc_list(val),
            "quantityList" | "childQuantityList" | "inputQuantityList" | "outputQuantityList" => {
                self.quantity_list(val)
            }
            "parentID" => self.identifier(val),
            "bizTransactionList" => {
                self.typed_list(val, "bizTransaction", Vocab::BizTransactionType, false)
            }
            "sourceList" => self.typed_list(val, "source", Vocab::SourceDestType, true),
            "destinationList" => self.typed_list(val, "destination", Vocab::SourceDestType, true),
            "sensorElementList" => self.sensors(val),
            "errorDeclaration" => self.error_declaration(val),
            "certificationInfo" => match val {
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.at(Step::Index(i), |v| v.uri(x));
                    }
                }
                other => self.uri(other),
            },
            "ilmd" => match val.as_object() {
                Some(o) => {
                    for key in o.keys().filter(|key| !is_uri(key)) {
                        self.key(key, |v| v.problem(format!("ILMD field \"{key}\" needs a namespace prefix (e.g. \"cbvmda:{key}\")")));
                    }
                }
                None => self.problem("\"ilmd\" must be an object"),
            },
            _ => {} // extensions: any value
        }
    }

    fn time(&mut self, val: &Value) {
        match val.as_str().map(Timestamp::parse) {
            Some(Ok(_)) => {}
            Some(Err(reason)) => self.problem(reason),
            None => self.problem(format!("{val} is not a date-time string")),
        }
    }

    fn uri(&mut self, val: &Value) {
        match val.as_str() {
            Some(s) if is_uri(s) => {}
            _ => self.problem(format!("{val} is not a URI")),
        }
    }

    fn vocab(&mut self, val: &Value, kind: Vocab) {
        let Some(s) = val.as_str() else {
            return self.problem(format!("{val} is not a string"));
        };
        if kind.expand_bare(s).is_none() && !is_uri(s) {
            let near =
                congthuong_core::text::nearest(s, kind.words().iter().map(|w| (*w, Vec::new())), 3);
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; nearest: {}", near.join(", "))
            };
            self.problem(format!(
                "\"{s}\" is neither a CBV {} nor a URI{hint}",
                kind.label()
            ));
        }
    }

    fn identifier(&mut self, val: &Value) {
        let Some(s) = val.as_str() else {
            return self.problem(format!("{val} is not an identifier string"));
        };
        if let Err(reason) = check_identifier(s) {
            self.problem(reason);
        }
    }

    fn epc_list(&mut self, val: &Value) {
        let Some(items) = val.as_array() else {
            return self.problem("must be an array of identifiers");
        };
        let mut seen = std::collections::HashSet::new();
        for (i, x) in items.iter().enumerate() {
            self.at(Step::Index(i), |v| {
                v.identifier(x);
                if !seen.insert(x.as_str()) {
                    v.problem(format!("{x} is listed twice"));
                }
            });
        }
    }

    fn quantity_list(&mut self, val: &Value) {
        let Some(items) = val.as_array() else {
            return self.problem("must be an array of quantity elements");
        };
        for (i, q) in items.iter().enumerate() {
            self.at(Step::Index(i), |v| {
                let Some(o) = q.as_object() else {
                    return v.problem("a quantity element is an object {\"epcClass\", \"quantity\", \"uom\"}");
                };
                match o.get("epcClass") {
                    Some(c) => v.key("epcClass", |v| v.identifier(c)),
                    None => v.problem("\"epcClass\" is missing"),
                }
                if let Some(n) = o.get("quantity")
                    && !n.is_number()
                {
                    v.key("quantity", |v| v.problem(format!("{n} is not a number")));
                }
                if let Some(u) = o.get("uom") {
                    let ok = u.as_str().is_some_and(|s| (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
                    if !ok {
                        v.key("uom", |v| v.problem(format!("{u} is not a UN/CEFACT unit code (2–3 capitals or digits, e.g. \"KGM\")")));
                    }
                }
                for k in o.keys().filter(|k| !["epcClass", "quantity", "uom"].contains(&k.as_str())) {
                    v.key(k, |v| v.problem(format!("unknown field \"{k}\" in a quantity element (only epcClass, quantity, uom)")));
                }
            });
        }
    }

    fn persistent(&mut self, val: &Value) {
        let Some(o) = val.as_object() else {
            return self
                .problem("\"persistentDisposition\" is an object {\"set\": […], \"unset\": […]}");
        };
        for (k, list) in o {
            self.key(k, |v| {
                if k != "set" && k != "unset" {
                    return v.problem(format!("unknown field \"{k}\" (only set and unset)"));
                }
                match list.as_array() {
                    Some(items) => {
                        for (i, x) in items.iter().enumerate() {
                            v.at(Step::Index(i), |v| v.vocab(x, Vocab::Disposition));
                        }
                    }
                    None => v.problem("must be an array of dispositions"),
                }
            });
        }
    }

    fn location(&mut self, val: &Value) {
        let Some(o) = val.as_object() else {
            return self.problem("must be an object {\"id\": …}");
        };
        match o.get("id") {
            Some(id) => self.key("id", |v| v.identifier(id)),
            None => self.problem("\"id\" is missing"),
        }
        self.extensions_only(o, &["id"]);
    }

    fn typed_list(&mut self, val: &Value, field: &str, kind: Vocab, type_required: bool) {
        let Some(items) = val.as_array() else {
            return self.problem("must be an array");
        };
        for (i, x) in items.iter().enumerate() {
            self.at(Step::Index(i), |v| {
                let Some(o) = x.as_object() else {
                    return v.problem(format!("an entry is an object {{\"type\", \"{field}\"}}"));
                };
                match o.get(field) {
                    Some(id) if field == "bizTransaction" => v.key(field, |v| v.uri(id)),
                    Some(id) => v.key(field, |v| v.identifier(id)),
                    None => v.problem(format!("\"{field}\" is missing")),
                }
                match o.get("type") {
                    Some(t) => v.key("type", |v| v.vocab(t, kind)),
                    None if type_required => v.problem(
                        "\"type\" is missing (owning_party, possessing_party or location)",
                    ),
                    None => {}
                }
                for k in o.keys().filter(|k| *k != "type" && *k != field) {
                    v.key(k, |v| {
                        v.problem(format!("unknown field \"{k}\" (only type and {field})"))
                    });
                }
            });
        }
    }

    fn sensors(&mut self, val: &Value) {
        let Some(items) = val.as_array() else {
            return self.problem("must be an array of sensor elements");
        };
        for (i, el) in items.iter().enumerate() {
            self.at(Step::Index(i), |v| {
                let Some(o) = el.as_object() else {
                    return v.problem("a sensor element is an object");
                };
                if let Some(meta) = o.get("sensorMetadata") {
                    v.key("sensorMetadata", |v| match meta.as_object() {
                        Some(m) => {
                            for (k, x) in m {
                                v.key(k, |v| match k.as_str() {
                                    "time" | "startTime" | "endTime" => v.time(x),
                                    "deviceID"
                                    | "deviceMetadata"
                                    | "rawData"
                                    | "dataProcessingMethod"
                                    | "bizRules" => v.uri(x),
                                    _ if is_uri(k) => {}
                                    _ => {
                                        v.problem(format!("unknown sensor metadata field \"{k}\""))
                                    }
                                });
                            }
                        }
                        None => v.problem("must be an object"),
                    });
                }
                match o.get("sensorReport").and_then(Value::as_array) {
                    Some(reports) if !reports.is_empty() => v.key("sensorReport", |v| {
                        for (j, r) in reports.iter().enumerate() {
                            v.at(Step::Index(j), |v| v.sensor_report(r));
                        }
                    }),
                    _ => v.problem("\"sensorReport\" must be a non-empty array"),
                }
                v.extensions_only(o, &["sensorMetadata", "sensorReport"]);
            });
        }
    }

    fn sensor_report(&mut self, r: &Value) {
        let Some(o) = r.as_object() else {
            return self.problem("a sensor report is an object");
        };
        for (k, x) in o {
            self.key(k, |v| match k.as_str() {
                "type" | "exception" => v.vocab(x, Vocab::GS1Voc),
                "deviceID"
                | "deviceMetadata"
                | "rawData"
                | "dataProcessingMethod"
                | "microorganism"
                | "chemicalSubstance"
                | "uriValue"
                | "coordinateReferenceSystem" => v.uri(x),
                "time" => v.time(x),
                "value" | "minValue" | "maxValue" | "meanValue" | "sDev" | "percRank"
                | "percValue" => {
                    if !x.is_number() {
                        v.problem(format!("{x} is not a number"));
                    }
                }
                "booleanValue" => {
                    if !x.is_boolean() {
                        v.problem(format!("{x} is not true or false"));
                    }
                }
                "hexBinaryValue" => {
                    if !x
                        .as_str()
                        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()))
                    {
                        v.problem(format!("{x} is not hexadecimal"));
                    }
                }
                "stringValue" | "uom" | "component" => {
                    if !x.is_string() {
                        v.problem(format!("{x} is not a string"));
                    }
                }
                _ if is_uri(k) => {}
                _ => v.problem(format!("unknown sensor report field \"{k}\"")),
            });
        }
    }

    fn error_declaration(&mut self, val: &Value) {
        let Some(o) = val.as_object() else {
            return self.problem("\"errorDeclaration\" is an object");
        };
        match o.get("declarationTime") {
            Some(t) => self.key("declarationTime", |v| v.time(t)),
            None => self.problem("\"declarationTime\" is missing"),
        }
        if let Some(r) = o.get("reason") {
            self.key("reason", |v| v.vocab(r, Vocab::ErrorReason));
        }
        if let Some(ids) = o.get("correctiveEventIDs") {
            self.key("correctiveEventIDs", |v| match ids.as_array() {
                Some(items) => {
                    for (i, x) in items.iter().enumerate() {
                        v.at(Step::Index(i), |v| v.uri(x));
                    }
                }
                None => v.problem("must be an array of event IDs"),
            });
        }
        for k in o
            .keys()
            .filter(|k| !["declarationTime", "reason", "correctiveEventIDs"].contains(&k.as_str()))
        {
            self.key(k, |v| {
                v.problem(format!("unknown field \"{k}\" in errorDeclaration"))
            });
        }
    }

    /// Fields other than `known` must be namespaced extensions.
    fn extensions_only(&mut self, o: &Map<String, Value>, known: &[&str]) {
        for k in o
            .keys()
            .filter(|k| !known.contains(&k.as_str()) && !is_uri(k))
        {
            self.key(k, |v| {
                v.problem(format!(
                    "unknown field \"{k}\" (extensions need a namespace prefix)"
                ))
            });
        }
    }
}

/// The identifier rules: a URI; EPC URIs of GS1 schemes well formed; GS1
/// Digital Link URIs of trade items, logistic units, locations and
/// parties (GTIN, SSCC, GLN keys) with valid keys and check digits. Other
/// Digital Link keys (GRAI, GIAI, …) are taken as written: the standard's
/// own test documents carry such keys with wrong check digits.
pub fn check_identifier(s: &str) -> Result<(), String> {
    const TYPED: &[&str] = &[
        "urn:epc:id:sgtin:",
        "urn:epc:id:sscc:",
        "urn:epc:id:sgln:",
        "urn:epc:class:lgtin:",
        "urn:epc:idpat:sgtin:",
    ];
    const OTHER: &[&str] = &[
        "grai", "giai", "gsrn", "gsrnp", "gdti", "cpi", "sgcn", "ginc", "gsin", "itip", "upui",
        "pgln",
    ];
    if TYPED.iter().any(|p| s.starts_with(p)) {
        return Epc::parse_urn(s).map(|_| ()).map_err(|e| e.to_string());
    }
    let other_scheme = ["urn:epc:id:", "urn:epc:idpat:"]
        .iter()
        .filter_map(|p| s.strip_prefix(p))
        .filter_map(|rest| rest.split_once(':'))
        .any(|(scheme, _)| OTHER.contains(&scheme));
    if other_scheme {
        return canonical_uri(s)
            .map(|_| ())
            .ok_or_else(|| format!("{s:?} is not a well-formed EPC URI"));
    }
    if !is_uri(s) {
        return Err(format!("{s:?} is not a URI"));
    }
    let checked_key = |dl: &DigitalLink| ["01", "00", "414", "417"].contains(&dl.key_ai());
    if DigitalLink::parse_lenient(s).is_ok_and(|dl| checked_key(&dl)) {
        DigitalLink::parse(s).map_err(|e| e.to_string())?;
    }
    Ok(())
}
