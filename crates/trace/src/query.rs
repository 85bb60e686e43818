//! The EPCIS SimpleEventQuery, with the standard's common parameters.
//!
//! | parameter | matches |
//! |---|---|
//! | `eventType` | ObjectEvent, AggregationEvent, … |
//! | `GE_eventTime`, `LT_eventTime`, `GE_recordTime`, `LT_recordTime` | date-times |
//! | `EQ_action` | ADD, OBSERVE, DELETE |
//! | `EQ_bizStep`, `EQ_disposition` | bare CBV word or URI |
//! | `EQ_persistentDisposition_set`, `EQ_persistentDisposition_unset` | dispositions |
//! | `EQ_readPoint`, `EQ_bizLocation` | location identifiers (URN or Digital Link) |
//! | `EQ_transformationID` | transformation IDs |
//! | `MATCH_epc` | `epcList`, `childEPCs` |
//! | `MATCH_parentID` | `parentID` |
//! | `MATCH_inputEPC`, `MATCH_outputEPC` | `inputEPCList`, `outputEPCList` |
//! | `MATCH_anyEPC` | all of the above |
//! | `MATCH_epcClass` | `quantityList`, `childQuantityList` classes |
//! | `MATCH_inputEPCClass`, `MATCH_outputEPCClass` | input, output classes |
//! | `MATCH_anyEPCClass` | every quantity list |
//! | `EQ_eventID` | the declared eventID or the event hash ID |
//! | `EXISTS_errorDeclaration` | events declared in error (`true`/`false`) |
//! | `EQ_errorReason` | the declaration's reason |
//! | `EQ_quantity`, `GT_`, `GE_`, `LT_`, `LE_quantity` | a quantity of any quantity-list entry |
//! | `orderBy` (`eventTime`, `recordTime`), `orderDirection` (`ASC`, `DESC`) | order |
//! | `eventCountLimit` | keep the first N |
//! | `maxEventCount` | refuse the query if more would match |
//!
//! Several values of one parameter (separated by `|`, or the parameter
//! repeated) match any of them; different parameters must all match.
//! Identifiers match by their normalised key, so URN and Digital Link
//! spellings are one; a pattern (`urn:epc:idpat:sgtin:CP.ITEM.*`, or a
//! Digital Link with a GTIN alone) matches every serial and lot of that
//! GTIN. Not implemented: `WD_` (needs location master data) and the
//! sensor-data parameters.

use std::cmp::Ordering;

use crate::context::Namespaces;
use crate::error::{Error, Result};
use crate::event::{Action, EventType, Role, identifier_key, vocab_uri};
use crate::store::StoredEvent;
use crate::time::Timestamp;
use crate::vocab::Vocab;

/// A `MATCH_` parameter and the roles it looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchParam {
    /// `MATCH_epc`.
    Epc,
    /// `MATCH_parentID`.
    ParentId,
    /// `MATCH_inputEPC`.
    InputEpc,
    /// `MATCH_outputEPC`.
    OutputEpc,
    /// `MATCH_anyEPC`.
    AnyEpc,
    /// `MATCH_epcClass`.
    EpcClass,
    /// `MATCH_inputEPCClass`.
    InputEpcClass,
    /// `MATCH_outputEPCClass`.
    OutputEpcClass,
    /// `MATCH_anyEPCClass`.
    AnyEpcClass,
}

impl MatchParam {
    /// The identifier roles the parameter looks at.
    pub fn roles(self) -> &'static [Role] {
        match self {
            MatchParam::Epc => &[Role::Epc, Role::Child],
            MatchParam::ParentId => &[Role::Parent],
            MatchParam::InputEpc => &[Role::Input],
            MatchParam::OutputEpc => &[Role::Output],
            MatchParam::AnyEpc => &[
                Role::Epc,
                Role::Child,
                Role::Input,
                Role::Output,
                Role::Parent,
            ],
            MatchParam::EpcClass => &[Role::EpcClass, Role::ChildClass],
            MatchParam::InputEpcClass => &[Role::InputClass],
            MatchParam::OutputEpcClass => &[Role::OutputClass],
            MatchParam::AnyEpcClass => &[
                Role::EpcClass,
                Role::ChildClass,
                Role::InputClass,
                Role::OutputClass,
            ],
        }
    }
}

/// An identifier to match: exact, or every serial/lot below a GTIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdPattern {
    /// The normalised key.
    pub key: String,
    /// True for a GTIN pattern: also matches keys below it.
    pub any_below: bool,
}

impl IdPattern {
    /// Reads an identifier or pattern.
    pub fn parse(s: &str) -> IdPattern {
        let key = identifier_key(s);
        let gtin_only = key
            .strip_prefix("https://id.gs1.org/01/")
            .is_some_and(|rest| rest.len() == 14 && !rest.contains('/'));
        IdPattern {
            any_below: gtin_only || s.trim().ends_with(".*"),
            key,
        }
    }

    /// True when `key` is this identifier or (for a pattern) below it.
    pub fn matches(&self, key: &str) -> bool {
        key == self.key
            || (self.any_below
                && key
                    .strip_prefix(self.key.as_str())
                    .is_some_and(|r| r.starts_with('/')))
    }
}

/// Which time orders the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderBy {
    /// `eventTime` (the default).
    #[default]
    EventTime,
    /// `recordTime`.
    RecordTime,
}

/// A comparison of `*_quantity` parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `EQ_`.
    Eq,
    /// `GT_`.
    Gt,
    /// `GE_`.
    Ge,
    /// `LT_`.
    Lt,
    /// `LE_`.
    Le,
}

/// A SimpleEventQuery: every field left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimpleEventQuery {
    /// `eventType`.
    pub event_types: Vec<EventType>,
    /// `GE_eventTime`.
    pub ge_event_time: Option<Timestamp>,
    /// `LT_eventTime`.
    pub lt_event_time: Option<Timestamp>,
    /// `GE_recordTime`.
    pub ge_record_time: Option<Timestamp>,
    /// `LT_recordTime`.
    pub lt_record_time: Option<Timestamp>,
    /// `EQ_action`.
    pub actions: Vec<Action>,
    /// `EQ_bizStep`, as URIs.
    pub biz_steps: Vec<String>,
    /// `EQ_disposition`, as URIs.
    pub dispositions: Vec<String>,
    /// `EQ_persistentDisposition_set`, as URIs.
    pub persistent_set: Vec<String>,
    /// `EQ_persistentDisposition_unset`, as URIs.
    pub persistent_unset: Vec<String>,
    /// `EQ_readPoint`, as keys.
    pub read_points: Vec<String>,
    /// `EQ_bizLocation`, as keys.
    pub biz_locations: Vec<String>,
    /// `EQ_transformationID`, as keys.
    pub transformation_ids: Vec<String>,
    /// `MATCH_*` parameters, each with its identifiers.
    pub matches: Vec<(MatchParam, Vec<IdPattern>)>,
    /// `EQ_eventID`.
    pub event_ids: Vec<String>,
    /// `EXISTS_errorDeclaration`.
    pub exists_error_declaration: Option<bool>,
    /// `EQ_errorReason`, as URIs.
    pub error_reasons: Vec<String>,
    /// `*_quantity` comparisons.
    pub quantity: Vec<(Cmp, f64)>,
    /// `orderBy`.
    pub order_by: OrderBy,
    /// `orderDirection=DESC`.
    pub descending: bool,
    /// `eventCountLimit`.
    pub event_count_limit: Option<usize>,
    /// `maxEventCount`.
    pub max_event_count: Option<usize>,
}

impl SimpleEventQuery {
    /// Builds a query from `(name, value)` pairs, as in a URL query string.
    pub fn from_params<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<SimpleEventQuery> {
        let mut q = SimpleEventQuery::default();
        let ns = Namespaces::default();
        for (name, value) in params {
            let bad = |reason: String| Error::Query {
                name: name.to_owned(),
                reason,
            };
            let values: Vec<&str> = value
                .split('|')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            if values.is_empty() {
                return Err(bad("no value".into()));
            }
            let time = || Timestamp::parse(value).map_err(bad);
            let number = || {
                value
                    .parse::<f64>()
                    .map_err(|_| bad(format!("{value:?} is not a number")))
            };
            let count = || {
                value
                    .parse::<usize>()
                    .map_err(|_| bad(format!("{value:?} is not a count")))
            };
            let ids = || {
                values
                    .iter()
                    .map(|v| IdPattern::parse(v))
                    .collect::<Vec<_>>()
            };
            let keys = || values.iter().map(|v| identifier_key(v)).collect::<Vec<_>>();
            let vocab = |kind: Vocab| {
                values
                    .iter()
                    .map(|v| vocab_uri(v, kind, &ns))
                    .collect::<Vec<_>>()
            };
            match name {
                "eventType" => {
                    for v in &values {
                        q.event_types.push(
                            EventType::parse(v)
                                .ok_or_else(|| bad(format!("{v:?} is not an event type")))?,
                        );
                    }
                }
                "GE_eventTime" => q.ge_event_time = Some(time()?),
                "LT_eventTime" => q.lt_event_time = Some(time()?),
                "GE_recordTime" => q.ge_record_time = Some(time()?),
                "LT_recordTime" => q.lt_record_time = Some(time()?),
                "EQ_action" => {
                    for v in &values {
                        q.actions.push(
                            Action::parse(v).ok_or_else(|| {
                                bad(format!("{v:?} is not ADD, OBSERVE or DELETE"))
                            })?,
                        );
                    }
                }
                "EQ_bizStep" => q.biz_steps.extend(vocab(Vocab::BizStep)),
                "EQ_disposition" => q.dispositions.extend(vocab(Vocab::Disposition)),
                "EQ_persistentDisposition_set" => {
                    q.persistent_set.extend(vocab(Vocab::Disposition))
                }
                "EQ_persistentDisposition_unset" => {
                    q.persistent_unset.extend(vocab(Vocab::Disposition))
                }
                "EQ_readPoint" => q.read_points.extend(keys()),
                "EQ_bizLocation" => q.biz_locations.extend(keys()),
                "EQ_transformationID" => q.transformation_ids.extend(keys()),
                "MATCH_epc" => q.matches.push((MatchParam::Epc, ids())),
                "MATCH_parentID" => q.matches.push((MatchParam::ParentId, ids())),
                "MATCH_inputEPC" => q.matches.push((MatchParam::InputEpc, ids())),
                "MATCH_outputEPC" => q.matches.push((MatchParam::OutputEpc, ids())),
                "MATCH_anyEPC" => q.matches.push((MatchParam::AnyEpc, ids())),
                "MATCH_epcClass" => q.matches.push((MatchParam::EpcClass, ids())),
                "MATCH_inputEPCClass" => q.matches.push((MatchParam::InputEpcClass, ids())),
                "MATCH_outputEPCClass" => q.matches.push((MatchParam::OutputEpcClass, ids())),
                "MATCH_anyEPCClass" => q.matches.push((MatchParam::AnyEpcClass, ids())),
                "EQ_eventID" => q.event_ids.extend(values.iter().map(|v| (*v).to_owned())),
                "EXISTS_errorDeclaration" => {
                    q.exists_error_declaration = Some(match value {
                        "true" | "" => true,
                        "false" => false,
                        _ => return Err(bad("use true or false".into())),
                    })
                }
                "EQ_errorReason" => q.error_reasons.extend(vocab(Vocab::ErrorReason)),
                "EQ_quantity" => q.quantity.push((Cmp::Eq, number()?)),
                "GT_quantity" => q.quantity.push((Cmp::Gt, number()?)),
                "GE_quantity" => q.quantity.push((Cmp::Ge, number()?)),
                "LT_quantity" => q.quantity.push((Cmp::Lt, number()?)),
                "LE_quantity" => q.quantity.push((Cmp::Le, number()?)),
                "orderBy" => {
                    q.order_by = match value {
                        "eventTime" => OrderBy::EventTime,
                        "recordTime" => OrderBy::RecordTime,
                        _ => return Err(bad("use eventTime or recordTime".into())),
                    }
                }
                "orderDirection" => {
                    q.descending = match value {
                        "ASC" => false,
                        "DESC" => true,
                        _ => return Err(bad("use ASC or DESC".into())),
                    }
                }
                "eventCountLimit" => q.event_count_limit = Some(count()?),
                "maxEventCount" => q.max_event_count = Some(count()?),
                _ => {
                    return Err(bad(
                        "unknown or unsupported parameter (supported: eventType, GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, \
                         EQ_bizStep, EQ_disposition, EQ_persistentDisposition_set/unset, EQ_readPoint, EQ_bizLocation, \
                         EQ_transformationID, MATCH_epc, MATCH_parentID, MATCH_inputEPC, MATCH_outputEPC, MATCH_anyEPC, \
                         MATCH_epcClass, MATCH_inputEPCClass, MATCH_outputEPCClass, MATCH_anyEPCClass, EQ_eventID, \
                         EXISTS_errorDeclaration, EQ_errorReason, EQ_/GT_/GE_/LT_/LE_quantity, orderBy, orderDirection, \
                         eventCountLimit, maxEventCount)"
                            .into(),
                    ));
                }
            }
        }
        Ok(q)
    }

    /// True when the event satisfies every parameter.
    pub fn matches(&self, s: &StoredEvent) -> bool {
        let e = &s.event;
        let any = |list: &[String], v: Option<&String>| {
            list.is_empty() || v.is_some_and(|v| list.contains(v))
        };
        let all_times = self.ge_event_time.is_none_or(|t| e.event_time >= t)
            && self.lt_event_time.is_none_or(|t| e.event_time < t)
            && self.ge_record_time.is_none_or(|t| s.record_time >= t)
            && self.lt_record_time.is_none_or(|t| s.record_time < t);
        all_times
            && (self.event_types.is_empty() || self.event_types.contains(&e.event_type))
            && (self.actions.is_empty() || e.action.is_some_and(|a| self.actions.contains(&a)))
            && any(&self.biz_steps, e.biz_step.as_ref())
            && any(&self.dispositions, e.disposition.as_ref())
            && (self.persistent_set.is_empty()
                || e.persistent_set
                    .iter()
                    .any(|d| self.persistent_set.contains(d)))
            && (self.persistent_unset.is_empty()
                || e.persistent_unset
                    .iter()
                    .any(|d| self.persistent_unset.contains(d)))
            && any(&self.read_points, e.read_point.as_ref())
            && any(&self.biz_locations, e.biz_location.as_ref())
            && any(&self.transformation_ids, e.transformation_id.as_ref())
            && self.matches.iter().all(|(param, patterns)| {
                e.ids.iter().any(|i| {
                    param.roles().contains(&i.role) && patterns.iter().any(|p| p.matches(&i.key))
                })
            })
            && (self.event_ids.is_empty()
                || self
                    .event_ids
                    .iter()
                    .any(|id| *id == e.hash || Some(id) == e.declared_id.as_ref()))
            && self
                .exists_error_declaration
                .is_none_or(|want| s.error_declaration().is_some() == want)
            && (self.error_reasons.is_empty()
                || s.error_declaration()
                    .and_then(|d| d.reason.as_ref())
                    .is_some_and(|r| self.error_reasons.contains(r)))
            && (self.quantity.is_empty()
                || e.ids.iter().filter_map(|i| i.quantity).any(|x| {
                    self.quantity.iter().all(|(cmp, v)| match cmp {
                        Cmp::Eq => x == *v,
                        Cmp::Gt => x > *v,
                        Cmp::Ge => x >= *v,
                        Cmp::Lt => x < *v,
                        Cmp::Le => x <= *v,
                    })
                }))
    }

    /// Sorts results as the query asks (ties: capture order).
    pub fn sort(&self, events: &mut [StoredEvent]) {
        events.sort_by(|a, b| {
            let key = |e: &StoredEvent| match self.order_by {
                OrderBy::EventTime => e.event.event_time,
                OrderBy::RecordTime => e.record_time,
            };
            let o = key(a).cmp(&key(b)).then(a.seq.cmp(&b.seq));
            if self.descending { o.reverse() } else { o }
        });
    }

    /// Applies `maxEventCount` (refuse) and `eventCountLimit` (cut).
    pub fn limit(&self, mut events: Vec<StoredEvent>) -> Result<Vec<StoredEvent>> {
        if let Some(max) = self.max_event_count
            && events.len() > max
        {
            return Err(Error::Query {
                name: "maxEventCount".into(),
                reason: format!(
                    "{} events match, more than {max}; narrow the query",
                    events.len()
                ),
            });
        }
        if let Some(n) = self.event_count_limit {
            events.truncate(n);
        }
        Ok(events)
    }
}

/// Orders events by time, then capture order.
pub(crate) fn by_time(a: &StoredEvent, b: &StoredEvent) -> Ordering {
    a.event
        .event_time
        .cmp(&b.event.event_time)
        .then(a.seq.cmp(&b.seq))
}
