//! The chain's gaps, against the "one step back – one step forward"
//! principle of Circular 02/2024/TT-BKHCN: whoever receives goods must
//! record where they came from, whoever ships them where they went.
//!
//! Reported (events declared in error are ignored):
//! - **received without source**: a receiving event (`receiving`,
//!   `arriving`, `accepting`) with no source party (owning or possessing;
//!   a source location alone does not say who supplied);
//! - **shipped without destination**: a shipping event (`shipping`,
//!   `departing`) with no destination party;
//! - **without origin**: identifiers that no event creates or brings in:
//!   not commissioned (an ObjectEvent ADD), not the output of a
//!   transformation, not received with a source party, not a container
//!   filled here (AggregationEvent ADD as parent), and not packed in a
//!   container that itself has an origin.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::event::{Action, EventType, Role};
use crate::query::SimpleEventQuery;
use crate::store::TraceStore;
use crate::time::Timestamp;

/// One event with a gap.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Gap {
    /// The event (hash ID).
    pub event: String,
    /// Its declared eventID, if any.
    pub declared_id: Option<String>,
    /// When.
    pub event_time: Timestamp,
    /// The business step (URI).
    pub biz_step: Option<String>,
    /// Where.
    pub biz_location: Option<String>,
    /// The identifiers it moved.
    pub identifiers: Vec<String>,
}

/// The result of [`integrity_report`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IntegrityReport {
    /// Events looked at (not declared in error).
    pub events_checked: usize,
    /// Receiving events without a source party.
    pub received_without_source: Vec<Gap>,
    /// Shipping events without a destination party.
    pub shipped_without_destination: Vec<Gap>,
    /// Identifiers no event creates or brings in.
    pub without_origin: Vec<String>,
}

impl IntegrityReport {
    /// True when no gap was found.
    pub fn is_clean(&self) -> bool {
        self.received_without_source.is_empty()
            && self.shipped_without_destination.is_empty()
            && self.without_origin.is_empty()
    }
}

/// Checks every stored event (see the module rules).
pub fn integrity_report<S: TraceStore + ?Sized>(store: &S) -> Result<IntegrityReport> {
    let events: Vec<_> = store
        .query(&SimpleEventQuery::default())?
        .into_iter()
        .filter(|e| !e.is_retracted())
        .collect();
    let mut report = IntegrityReport {
        events_checked: events.len(),
        received_without_source: Vec::new(),
        shipped_without_destination: Vec::new(),
        without_origin: Vec::new(),
    };
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut originated: BTreeSet<&str> = BTreeSet::new();
    let mut contained_in: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &events {
        let e = &s.event;
        let what: Vec<&str> = e.ids.iter().map(|i| i.key.as_str()).collect();
        seen.extend(&what);
        let receiving = ["receiving", "arriving", "accepting"]
            .iter()
            .any(|w| e.biz_step_is(w));
        let shipping = ["shipping", "departing"].iter().any(|w| e.biz_step_is(w));
        let gap = || Gap {
            event: e.hash.clone(),
            declared_id: e.declared_id.clone(),
            event_time: e.event_time,
            biz_step: e.biz_step.clone(),
            biz_location: e.biz_location.clone(),
            identifiers: what.iter().map(|k| (*k).to_owned()).collect(),
        };
        let sourced = e.sources.iter().any(|p| p.is_party());
        if receiving && !sourced {
            report.received_without_source.push(gap());
        }
        if shipping && !e.destinations.iter().any(|p| p.is_party()) {
            report.shipped_without_destination.push(gap());
        }
        for i in &e.ids {
            let origin = match e.event_type {
                EventType::ObjectEvent => e.action == Some(Action::Add) || (receiving && sourced),
                EventType::TransformationEvent => i.role.is_output(),
                EventType::AggregationEvent | EventType::AssociationEvent => {
                    e.action == Some(Action::Add) && i.role == Role::Parent
                }
                EventType::TransactionEvent => receiving && sourced,
            };
            if origin {
                originated.insert(i.key.as_str());
            }
        }
        if matches!(e.event_type, EventType::AggregationEvent) && e.action != Some(Action::Delete) {
            for parent in e.ids_with(Role::Parent) {
                for child in e.ids.iter().filter(|i| i.role.is_child()) {
                    contained_in
                        .entry(child.key.as_str())
                        .or_default()
                        .push(parent.key.as_str());
                }
            }
        }
    }
    // Contents of a container with an origin have one too (to a fixed point).
    loop {
        let before = originated.len();
        for (child, parents) in &contained_in {
            if parents.iter().any(|p| originated.contains(p)) {
                originated.insert(child);
            }
        }
        if originated.len() == before {
            break;
        }
    }
    report.without_origin = seen
        .difference(&originated)
        .map(|k| (*k).to_owned())
        .collect();
    Ok(report)
}
