//! Recall scope: given suspect input lots, everything downstream that may
//! need to be withdrawn, and who holds it.
//!
//! Rule (written down because a recall acts on it):
//! 1. The scope is the forward trace ([`crate::genealogy`]) from the
//!    suspect identifiers: everything made from them (transformations,
//!    repeatedly) and every container they or their products were packed
//!    in. Events declared in error are ignored. Other lots that merely
//!    shared a container are not in scope.
//! 2. Each item gets a status from its own events (and, for where it is,
//!    the events of the containers it was packed in after packing):
//!    - [`RecallStatus::Destroyed`]: its latest disposition is `destroyed`
//!      or `disposed` — nothing left to recall;
//!    - [`RecallStatus::Consumed`]: a serialised item (not a lot) used as
//!      an input of a transformation — it lives on in the outputs, which
//!      are in scope. Lots are never taken as consumed: a transformation
//!      may use only part of a lot;
//!    - [`RecallStatus::Sold`]: latest disposition `retail_sold` or
//!      `dispensed` — in consumers' hands: still in scope (public notice);
//!    - [`RecallStatus::AlreadyRecalled`]: latest disposition, or a
//!      persistent disposition set and not unset, is `recalled`;
//!    - otherwise [`RecallStatus::AtRisk`].
//! 3. Where it is, from the events of the item and of the containers
//!    holding it (after packing), latest first: the place is the first
//!    destination location, business location or read point found; the
//!    holders are the first destination parties found (possessing before
//!    owning). Neither found: unknown.
//! 4. [`RecallScope::holders`] groups the items still to act on (at risk,
//!    sold, already recalled) by holder party and by place.

use std::collections::{BTreeMap, HashMap};

use crate::error::Result;
use crate::event::Role;
use crate::genealogy::{Direction, Relation, trace_many};
use crate::store::{StoredEvent, TraceStore};
use crate::time::Timestamp;
use crate::vocab::Vocab;

/// Where an item stands for the recall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecallStatus {
    /// Somewhere in the chain: to be withdrawn.
    AtRisk,
    /// Sold to consumers: public notice.
    Sold,
    /// Already marked recalled.
    AlreadyRecalled,
    /// Used up as the input of a transformation (serialised items only).
    Consumed,
    /// Destroyed or disposed of.
    Destroyed,
}

impl RecallStatus {
    /// A short name for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            RecallStatus::AtRisk => "at_risk",
            RecallStatus::Sold => "sold",
            RecallStatus::AlreadyRecalled => "already_recalled",
            RecallStatus::Consumed => "consumed",
            RecallStatus::Destroyed => "destroyed",
        }
    }

    /// True when something must still be done about the item.
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            RecallStatus::AtRisk | RecallStatus::Sold | RecallStatus::AlreadyRecalled
        )
    }
}

/// One identifier in the scope.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecallItem {
    /// The normalised identifier.
    pub key: String,
    /// True for a class (a lot, a GTIN), false for one object.
    pub is_class: bool,
    /// Steps from the suspect identifiers.
    pub depth: u32,
    /// How it was reached: (from, relation).
    pub reached_from: Option<(String, Relation)>,
    /// Its status.
    pub status: RecallStatus,
    /// Time of the latest event placing it.
    pub last_seen: Option<Timestamp>,
    /// Where it is, as far as the events tell.
    pub location: Option<String>,
    /// Who holds it, as far as the events tell.
    pub holders: Vec<String>,
}

/// A holder (party or place) and the items to act on there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Holder {
    /// `party` or `location`.
    pub kind: &'static str,
    /// The party or location identifier.
    pub key: String,
    /// The items, normalised.
    pub items: Vec<String>,
}

/// The result of [`recall_scope`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecallScope {
    /// The suspect identifiers, normalised.
    pub suspects: Vec<String>,
    /// Every identifier in scope (suspects first), breadth-first.
    pub items: Vec<RecallItem>,
    /// Items to act on, grouped by holder party, then by location.
    pub holders: Vec<Holder>,
    /// True when the depth cap stopped the trace (scope may be larger).
    pub truncated: bool,
}

/// Computes the recall scope of suspect identifiers (see the module rule).
pub fn recall_scope<S: TraceStore + ?Sized>(store: &S, suspects: &[&str]) -> Result<RecallScope> {
    let forward = trace_many(store, suspects, Direction::Forward, None)?;
    let mut reached_from: HashMap<&str, (String, Relation)> = HashMap::new();
    let mut containers: HashMap<&str, Vec<(&str, Timestamp)>> = HashMap::new();
    for l in &forward.links {
        reached_from
            .entry(l.to.as_str())
            .or_insert_with(|| (l.from.clone(), l.relation));
        if l.relation == Relation::PackedIn {
            containers
                .entry(l.from.as_str())
                .or_default()
                .push((l.to.as_str(), l.event_time));
        }
    }
    let mut items = Vec::with_capacity(forward.nodes.len());
    let mut by_party: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_place: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for node in &forward.nodes {
        let own: Vec<StoredEvent> = store
            .events_naming(std::slice::from_ref(&node.key))?
            .into_iter()
            .filter(|e| !e.is_retracted())
            .collect();
        let is_class = own
            .iter()
            .flat_map(|e| &e.event.ids)
            .find(|i| i.key == node.key)
            .is_some_and(|i| {
                matches!(
                    i.role,
                    Role::EpcClass | Role::ChildClass | Role::InputClass | Role::OutputClass
                )
            });
        let status = status_of(&own, &node.key, is_class);
        // Where: own events, and containers' events after packing.
        let mut placing: Vec<StoredEvent> = own.clone();
        for (container, since) in containers.get(node.key.as_str()).into_iter().flatten() {
            let theirs = store.events_naming(&[(*container).to_owned()])?;
            placing.extend(
                theirs
                    .into_iter()
                    .filter(|e| !e.is_retracted() && e.event.event_time >= *since),
            );
        }
        placing.sort_by(crate::query::by_time);
        let (location, holders, last_seen) = whereabouts(&placing);
        if status.needs_action() {
            for h in &holders {
                by_party
                    .entry(h.clone())
                    .or_default()
                    .push(node.key.clone());
            }
            if let Some(l) = &location {
                by_place
                    .entry(l.clone())
                    .or_default()
                    .push(node.key.clone());
            }
        }
        items.push(RecallItem {
            key: node.key.clone(),
            is_class,
            depth: node.depth,
            reached_from: reached_from.get(node.key.as_str()).cloned(),
            status,
            last_seen,
            location,
            holders,
        });
    }
    let holders = by_party
        .into_iter()
        .map(|(key, items)| Holder {
            kind: "party",
            key,
            items,
        })
        .chain(by_place.into_iter().map(|(key, items)| Holder {
            kind: "location",
            key,
            items,
        }))
        .collect();
    Ok(RecallScope {
        suspects: forward.start.clone(),
        items,
        holders,
        truncated: forward.truncated,
    })
}

fn status_of(own: &[StoredEvent], key: &str, is_class: bool) -> RecallStatus {
    let consumed = !is_class
        && own.iter().any(|e| {
            e.event.event_type == crate::event::EventType::TransformationEvent
                && e.event
                    .ids
                    .iter()
                    .any(|i| i.key == key && i.role == Role::Input)
        });
    let d = |w: &str| format!("{}{w}", Vocab::Disposition.prefix());
    let latest = own.iter().rev().find_map(|e| e.event.disposition.clone());
    let mut recalled_persistently = false;
    for e in own {
        if e.event.persistent_set.contains(&d("recalled")) {
            recalled_persistently = true;
        }
        if e.event.persistent_unset.contains(&d("recalled")) {
            recalled_persistently = false;
        }
    }
    match latest.as_deref() {
        Some(x) if x == d("destroyed") || x == d("disposed") => RecallStatus::Destroyed,
        _ if consumed => RecallStatus::Consumed,
        Some(x) if x == d("retail_sold") || x == d("dispensed") => RecallStatus::Sold,
        Some(x) if x == d("recalled") => RecallStatus::AlreadyRecalled,
        _ if recalled_persistently => RecallStatus::AlreadyRecalled,
        _ => RecallStatus::AtRisk,
    }
}

/// (place, holder parties, time of the latest event): the place and the
/// holders each come from the latest event that tells them.
fn whereabouts(events: &[StoredEvent]) -> (Option<String>, Vec<String>, Option<Timestamp>) {
    let mut place = None;
    let mut holders = Vec::new();
    for s in events.iter().rev() {
        let ev = &s.event;
        let of = |k: &str| {
            ev.destinations
                .iter()
                .filter(|p| p.kind.ends_with(k))
                .map(|p| p.key.clone())
                .collect::<Vec<_>>()
        };
        if place.is_none() {
            place = of("SDT-location")
                .into_iter()
                .next()
                .or_else(|| ev.biz_location.clone())
                .or_else(|| ev.read_point.clone());
        }
        if holders.is_empty() {
            let possessing = of("SDT-possessing_party");
            holders = if possessing.is_empty() {
                of("SDT-owning_party")
            } else {
                possessing
            };
        }
        if place.is_some() && !holders.is_empty() {
            break;
        }
    }
    (place, holders, events.last().map(|s| s.event.event_time))
}
