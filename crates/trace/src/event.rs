//! One captured EPCIS event: the JSON exactly as received, its hash ID,
//! and the normalised fields the store indexes and the trace follows.
//!
//! Normalisation (what makes two spellings of the same thing meet):
//! identifiers become [`identifier_key`]s (GS1 keys in canonical Digital
//! Link form, anything else trimmed as written); CBV values become web
//! URIs (`shipping` → `https://ref.gs1.org/cbv/BizStep-shipping`); times
//! become UTC milliseconds. The event's JSON text is kept byte for byte
//! ([`Event::text`]) as the evidence of what was submitted; it is not
//! NFC-normalised, which would change the event's hash.

use congthuong_gs1::canonical_uri;
use serde_json::{Map, Value};

use crate::context::Namespaces;
use crate::hash::event_hash;
use crate::time::Timestamp;
use crate::vocab::{Vocab, web_vocabulary};

/// The five EPCIS 2.0 event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum EventType {
    /// Observations of objects: commissioning, shipping, receiving, …
    ObjectEvent,
    /// Packing into or unpacking from a container.
    AggregationEvent,
    /// Linking objects to a business transaction.
    TransactionEvent,
    /// Inputs consumed, outputs produced.
    TransformationEvent,
    /// Associating assets, sensors or locations.
    AssociationEvent,
}

impl EventType {
    /// Parses the JSON `type` value.
    pub fn parse(s: &str) -> Option<EventType> {
        Some(match s {
            "ObjectEvent" => EventType::ObjectEvent,
            "AggregationEvent" => EventType::AggregationEvent,
            "TransactionEvent" => EventType::TransactionEvent,
            "TransformationEvent" => EventType::TransformationEvent,
            "AssociationEvent" => EventType::AssociationEvent,
            _ => return None,
        })
    }

    /// The JSON `type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ObjectEvent => "ObjectEvent",
            EventType::AggregationEvent => "AggregationEvent",
            EventType::TransactionEvent => "TransactionEvent",
            EventType::TransformationEvent => "TransformationEvent",
            EventType::AssociationEvent => "AssociationEvent",
        }
    }
}

/// What an event did to its objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Action {
    /// Created or added.
    Add,
    /// Seen, unchanged.
    Observe,
    /// Removed or ended.
    Delete,
}

impl Action {
    /// Parses `ADD`, `OBSERVE`, `DELETE`.
    pub fn parse(s: &str) -> Option<Action> {
        Some(match s {
            "ADD" => Action::Add,
            "OBSERVE" => Action::Observe,
            "DELETE" => Action::Delete,
            _ => return None,
        })
    }

    /// The JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "ADD",
            Action::Observe => "OBSERVE",
            Action::Delete => "DELETE",
        }
    }
}

/// The part an identifier plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// `epcList`.
    Epc,
    /// `parentID`.
    Parent,
    /// `childEPCs`.
    Child,
    /// `inputEPCList`.
    Input,
    /// `outputEPCList`.
    Output,
    /// `quantityList[].epcClass`.
    EpcClass,
    /// `childQuantityList[].epcClass`.
    ChildClass,
    /// `inputQuantityList[].epcClass`.
    InputClass,
    /// `outputQuantityList[].epcClass`.
    OutputClass,
}

impl Role {
    /// Every role, in a fixed order.
    pub const ALL: [Role; 9] = [
        Role::Epc,
        Role::Parent,
        Role::Child,
        Role::Input,
        Role::Output,
        Role::EpcClass,
        Role::ChildClass,
        Role::InputClass,
        Role::OutputClass,
    ];

    /// A stable name (stored in the SQLite index).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Epc => "epc",
            Role::Parent => "parent",
            Role::Child => "child",
            Role::Input => "input",
            Role::Output => "output",
            Role::EpcClass => "epc_class",
            Role::ChildClass => "child_class",
            Role::InputClass => "input_class",
            Role::OutputClass => "output_class",
        }
    }

    /// Reads [`Role::as_str`] back.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Inputs of a transformation.
    pub fn is_input(self) -> bool {
        matches!(self, Role::Input | Role::InputClass)
    }

    /// Outputs of a transformation.
    pub fn is_output(self) -> bool {
        matches!(self, Role::Output | Role::OutputClass)
    }

    /// Children of an aggregation or association.
    pub fn is_child(self) -> bool {
        matches!(self, Role::Child | Role::ChildClass)
    }
}

/// An identifier named by an event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IdRef {
    /// Its part in the event.
    pub role: Role,
    /// The normalised key ([`identifier_key`]).
    pub key: String,
    /// As written in the event.
    pub raw: String,
    /// The quantity, for quantity-list entries that give one.
    pub quantity: Option<f64>,
    /// The unit of the quantity (UN/CEFACT code).
    pub uom: Option<String>,
}

/// A source or destination: a party or a location.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct PartyRef {
    /// The type as a web URI (`…/SDT-owning_party`, `…/SDT-location`, …).
    pub kind: String,
    /// The normalised key of the party or location.
    pub key: String,
    /// As written.
    pub raw: String,
}

impl PartyRef {
    /// True for owning and possessing parties (not locations).
    pub fn is_party(&self) -> bool {
        self.kind.ends_with("SDT-owning_party") || self.kind.ends_with("SDT-possessing_party")
    }

    /// True for locations.
    pub fn is_location(&self) -> bool {
        self.kind.ends_with("SDT-location")
    }
}

/// A business transaction an event refers to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BizTransaction {
    /// The type as a web URI, if given.
    pub kind: Option<String>,
    /// The transaction identifier, normalised.
    pub id: String,
}

/// An event's statement that an earlier event (with the same content) was
/// in error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorDeclaration {
    /// When the error was declared.
    pub declaration_time: Timestamp,
    /// Why, as a web URI, if given.
    pub reason: Option<String>,
    /// Events that correct it.
    pub corrective_event_ids: Vec<String>,
}

/// A captured event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// The event hash ID (`ni:///sha-256;…?ver=CBV2.0`): the store's key.
    pub hash: String,
    /// The `eventID` the document gave, if any.
    pub declared_id: Option<String>,
    /// The type.
    pub event_type: EventType,
    /// The action (none for TransformationEvent).
    pub action: Option<Action>,
    /// When it happened.
    pub event_time: Timestamp,
    /// The local offset it happened in, `±HH:MM`.
    pub time_zone_offset: String,
    /// The business step, as a URI.
    pub biz_step: Option<String>,
    /// The disposition, as a URI.
    pub disposition: Option<String>,
    /// Persistent dispositions set, as URIs.
    pub persistent_set: Vec<String>,
    /// Persistent dispositions unset, as URIs.
    pub persistent_unset: Vec<String>,
    /// The read point, normalised.
    pub read_point: Option<String>,
    /// The business location, normalised.
    pub biz_location: Option<String>,
    /// The transformation ID, normalised.
    pub transformation_id: Option<String>,
    /// Every identifier the event names, with its role.
    pub ids: Vec<IdRef>,
    /// Sources.
    pub sources: Vec<PartyRef>,
    /// Destinations.
    pub destinations: Vec<PartyRef>,
    /// Business transactions.
    pub biz_transactions: Vec<BizTransaction>,
    /// Set when this event declares an earlier one in error.
    pub error_declaration: Option<ErrorDeclaration>,
    /// The event object, parsed.
    pub raw: Value,
    /// The event's JSON text exactly as received (for events built from a
    /// value rather than a text: the value written compactly).
    pub text: String,
    /// The `@context` of the document it came in.
    pub context: Value,
}

/// The key an identifier is stored and matched under: the canonical
/// Digital Link of a GS1 identifier, or the trimmed text of any other.
pub fn identifier_key(s: &str) -> String {
    let s = s.trim();
    canonical_uri(s).unwrap_or_else(|| s.to_owned())
}

/// A vocabulary value as a full URI: bare CBV words, CURIEs of the
/// document's prefixes and CBV 1.x URNs all expanded.
pub fn vocab_uri(s: &str, kind: Vocab, ns: &Namespaces) -> String {
    let s = s.trim();
    kind.expand_bare(s)
        .unwrap_or_else(|| web_vocabulary(&ns.expand(s).unwrap_or_else(|| s.to_owned())))
}

impl Event {
    /// Builds an event from its JSON (already validated) and the
    /// document's `@context`, computing its hash ID.
    pub fn from_json(raw: Value, context: Value) -> Result<Event, String> {
        let ns = Namespaces::from_context(&context);
        let obj = raw.as_object().ok_or("an event is a JSON object")?;
        let hash = event_hash(obj, &ns);
        Event::with_hash(raw, context, hash)
    }

    /// Builds an event whose hash is known (read back from a store).
    pub fn with_hash(raw: Value, context: Value, hash: String) -> Result<Event, String> {
        let ns = Namespaces::from_context(&context);
        let o = raw.as_object().ok_or("an event is a JSON object")?;
        let s = |k: &str| o.get(k).and_then(Value::as_str);
        let event_type = s("type")
            .and_then(EventType::parse)
            .ok_or("unknown event type")?;
        let event_time = Timestamp::parse(s("eventTime").ok_or("no eventTime")?)?;
        let location = |k: &str| {
            o.get(k)
                .and_then(|l| l.get("id"))
                .and_then(Value::as_str)
                .map(identifier_key)
        };
        let dispositions = |k: &str| -> Vec<String> {
            o.get("persistentDisposition")
                .and_then(|p| p.get(k))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(|d| vocab_uri(d, Vocab::Disposition, &ns))
                        .collect()
                })
                .unwrap_or_default()
        };
        let error_declaration = match o.get("errorDeclaration") {
            Some(d) => Some(ErrorDeclaration {
                declaration_time: Timestamp::parse(
                    d.get("declarationTime")
                        .and_then(Value::as_str)
                        .ok_or("no declarationTime")?,
                )?,
                reason: d
                    .get("reason")
                    .and_then(Value::as_str)
                    .map(|r| vocab_uri(r, Vocab::ErrorReason, &ns)),
                corrective_event_ids: d
                    .get("correctiveEventIDs")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(|x| x.trim().to_owned())
                            .collect()
                    })
                    .unwrap_or_default(),
            }),
            None => None,
        };
        Ok(Event {
            declared_id: s("eventID").map(|x| x.trim().to_owned()),
            event_type,
            action: s("action").and_then(Action::parse),
            event_time,
            time_zone_offset: s("eventTimeZoneOffset").unwrap_or_default().to_owned(),
            biz_step: s("bizStep").map(|x| vocab_uri(x, Vocab::BizStep, &ns)),
            disposition: s("disposition").map(|x| vocab_uri(x, Vocab::Disposition, &ns)),
            persistent_set: dispositions("set"),
            persistent_unset: dispositions("unset"),
            read_point: location("readPoint"),
            biz_location: location("bizLocation"),
            transformation_id: s("transformationID").map(identifier_key),
            ids: ids(o),
            sources: parties(o, "sourceList", "source", &ns),
            destinations: parties(o, "destinationList", "destination", &ns),
            biz_transactions: o
                .get("bizTransactionList")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|t| {
                            Some(BizTransaction {
                                kind: t
                                    .get("type")
                                    .and_then(Value::as_str)
                                    .map(|k| vocab_uri(k, Vocab::BizTransactionType, &ns)),
                                id: identifier_key(t.get("bizTransaction")?.as_str()?),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default(),
            error_declaration,
            hash,
            text: raw.to_string(),
            raw,
            context,
        })
    }

    /// The identifiers with a role, in document order.
    pub fn ids_with(&self, role: Role) -> impl Iterator<Item = &IdRef> {
        self.ids.iter().filter(move |i| i.role == role)
    }

    /// True when the event names `key` in any role.
    pub fn names(&self, key: &str) -> bool {
        self.ids.iter().any(|i| i.key == key)
    }

    /// True for a business step given as a bare CBV word.
    pub fn biz_step_is(&self, word: &str) -> bool {
        self.biz_step.as_deref() == Some(&format!("{}{word}", Vocab::BizStep.prefix()))
    }

    /// True for a disposition given as a bare CBV word.
    pub fn disposition_is(&self, word: &str) -> bool {
        self.disposition.as_deref() == Some(&format!("{}{word}", Vocab::Disposition.prefix()))
    }
}

fn ids(o: &Map<String, Value>) -> Vec<IdRef> {
    let mut out = Vec::new();
    let list = |k: &str| {
        o.get(k)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let push_list = |out: &mut Vec<IdRef>, key: &str, role: Role| {
        for x in list(key).iter().filter_map(Value::as_str) {
            out.push(IdRef {
                role,
                key: identifier_key(x),
                raw: x.to_owned(),
                quantity: None,
                uom: None,
            });
        }
    };
    push_list(&mut out, "epcList", Role::Epc);
    push_list(&mut out, "childEPCs", Role::Child);
    push_list(&mut out, "inputEPCList", Role::Input);
    push_list(&mut out, "outputEPCList", Role::Output);
    if let Some(p) = o.get("parentID").and_then(Value::as_str) {
        out.push(IdRef {
            role: Role::Parent,
            key: identifier_key(p),
            raw: p.to_owned(),
            quantity: None,
            uom: None,
        });
    }
    for (k, role) in [
        ("quantityList", Role::EpcClass),
        ("childQuantityList", Role::ChildClass),
        ("inputQuantityList", Role::InputClass),
        ("outputQuantityList", Role::OutputClass),
    ] {
        for q in list(k) {
            if let Some(c) = q.get("epcClass").and_then(Value::as_str) {
                out.push(IdRef {
                    role,
                    key: identifier_key(c),
                    raw: c.to_owned(),
                    quantity: q.get("quantity").and_then(Value::as_f64),
                    uom: q.get("uom").and_then(Value::as_str).map(str::to_owned),
                });
            }
        }
    }
    out
}

fn parties(o: &Map<String, Value>, list: &str, field: &str, ns: &Namespaces) -> Vec<PartyRef> {
    o.get(list)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    let raw = p.get(field)?.as_str()?;
                    Some(PartyRef {
                        kind: p
                            .get("type")
                            .and_then(Value::as_str)
                            .map(|t| vocab_uri(t, Vocab::SourceDestType, ns))
                            .unwrap_or_default(),
                        key: identifier_key(raw),
                        raw: raw.to_owned(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
