//! Trace backward (nguồn gốc: where a lot or serial came from) and forward
//! (where it went), one step or the whole chain.
//!
//! The chain is a graph of identifiers (lots, serials, containers) joined
//! by events; events declared in error are left out. Links:
//!
//! | event | link | followed |
//! |---|---|---|
//! | TransformationEvent | output ← input ([`Relation::MadeFrom`]) | backward |
//! | TransformationEvent | input → output ([`Relation::MadeInto`]) | forward |
//! | Aggregation/AssociationEvent ADD or OBSERVE | child → parent ([`Relation::PackedIn`]) | both ways |
//! | Aggregation/AssociationEvent ADD or OBSERVE | parent → children ([`Relation::Contains`]) | both ways, except from a container reached by `PackedIn` |
//!
//! A container matters both ways: going back, it is how a lot arrived (its
//! receiving event names the supplier) and its contents are what it is made
//! of; going forward, it is how the lot left. The exception keeps a trace
//! from wandering into *other* lots that shared a pallet with the one
//! traced: they are neither its origin nor its destination.
//!
//! Shipping and receiving do not link identifiers; they are the node's
//! [`Movement`]s, which carry the parties and locations (sources,
//! destinations, business location): "one step back, one step forward" in
//! the sense of Circular 02/2024/TT-BKHCN is depth 1 plus those parties.
//! Depth is capped (default and maximum [`MAX_DEPTH`]); visited nodes are
//! not expanded twice, so cycles end.

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::error::{Error, Result};
use crate::event::{Action, EventType, PartyRef, Role, identifier_key};
use crate::store::{StoredEvent, TraceStore};
use crate::time::Timestamp;
use crate::validate::check_identifier;

/// The deepest a trace goes.
pub const MAX_DEPTH: u32 = 100;

/// Which way to trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Toward origins.
    Backward,
    /// Toward destinations.
    Forward,
}

/// How two identifiers are linked (read: `to` is `relation` of `from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// `to` is an input `from` was made from.
    MadeFrom,
    /// `to` is an output made from `from`.
    MadeInto,
    /// `to` is the container `from` was packed in.
    PackedIn,
    /// `to` is packed in the container `from`.
    Contains,
}

impl Relation {
    /// A short name for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::MadeFrom => "made_from",
            Relation::MadeInto => "made_into",
            Relation::PackedIn => "packed_in",
            Relation::Contains => "contains",
        }
    }
}

/// One link found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TraceLink {
    /// The identifier the link starts from.
    pub from: String,
    /// The identifier reached.
    pub to: String,
    /// How they are linked.
    pub relation: Relation,
    /// The event that links them (hash ID).
    pub event: String,
    /// When.
    pub event_time: Timestamp,
}

/// An event touching a node, summarised: what happened, where, between
/// whom.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Movement {
    /// The event (hash ID).
    pub event: String,
    /// Its type.
    pub event_type: EventType,
    /// Its action.
    pub action: Option<Action>,
    /// When.
    pub event_time: Timestamp,
    /// The offset of local time where it happened, `±HH:MM`.
    pub time_zone_offset: String,
    /// The business step (URI).
    pub biz_step: Option<String>,
    /// The disposition (URI).
    pub disposition: Option<String>,
    /// The business location.
    pub biz_location: Option<String>,
    /// The read point.
    pub read_point: Option<String>,
    /// Sources (parties and locations).
    pub sources: Vec<PartyRef>,
    /// Destinations (parties and locations).
    pub destinations: Vec<PartyRef>,
}

/// An identifier in the trace.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TraceNode {
    /// The normalised identifier.
    pub key: String,
    /// Steps from the start (0 for the start).
    pub depth: u32,
    /// Every event naming it, in time order.
    pub movements: Vec<Movement>,
}

/// The result of [`trace`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Trace {
    /// The starting identifiers, normalised.
    pub start: Vec<String>,
    /// Which way.
    pub direction: Direction,
    /// The depth asked for.
    pub max_depth: u32,
    /// The identifiers reached, in breadth-first order (start first).
    pub nodes: Vec<TraceNode>,
    /// The links followed.
    pub links: Vec<TraceLink>,
    /// True when the depth cap stopped links from being followed.
    pub truncated: bool,
}

impl Trace {
    /// Every party (owning or possessing) named as a source or destination
    /// by the nodes' movements.
    pub fn parties(&self) -> BTreeSet<&str> {
        self.all_refs()
            .filter(|p| p.is_party())
            .map(|p| p.key.as_str())
            .collect()
    }

    /// Every location: business locations, and location-type sources and
    /// destinations.
    pub fn locations(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = self
            .all_refs()
            .filter(|p| p.is_location())
            .map(|p| p.key.as_str())
            .collect();
        out.extend(
            self.nodes
                .iter()
                .flat_map(|n| &n.movements)
                .filter_map(|m| m.biz_location.as_deref()),
        );
        out
    }

    fn all_refs(&self) -> impl Iterator<Item = &PartyRef> {
        self.nodes
            .iter()
            .flat_map(|n| &n.movements)
            .flat_map(|m| m.sources.iter().chain(&m.destinations))
    }

    /// The node of an identifier (any spelling).
    pub fn node(&self, id: &str) -> Option<&TraceNode> {
        let key = identifier_key(id);
        self.nodes.iter().find(|n| n.key == key)
    }
}

/// Traces from one identifier (EPC URI, Digital Link, or any other
/// identifier as written in the events). `max_depth` `None` means the
/// whole chain (up to [`MAX_DEPTH`]); `Some(1)` is one step.
pub fn trace<S: TraceStore + ?Sized>(
    store: &S,
    start: &str,
    direction: Direction,
    max_depth: Option<u32>,
) -> Result<Trace> {
    trace_many(store, &[start], direction, max_depth)
}

/// Like [`trace`], from several identifiers at once.
pub fn trace_many<S: TraceStore + ?Sized>(
    store: &S,
    starts: &[&str],
    direction: Direction,
    max_depth: Option<u32>,
) -> Result<Trace> {
    let max_depth = max_depth.unwrap_or(MAX_DEPTH).min(MAX_DEPTH);
    let mut keys = Vec::new();
    for s in starts {
        check_identifier(s.trim()).map_err(|reason| Error::Identifier {
            input: (*s).to_owned(),
            reason,
        })?;
        let key = identifier_key(s);
        if store
            .events_naming(std::slice::from_ref(&key))?
            .iter()
            .all(StoredEvent::is_retracted)
        {
            return Err(Error::Identifier {
                input: (*s).to_owned(),
                reason: "no captured event names it".into(),
            });
        }
        keys.push(key);
    }
    let mut depth_of: HashMap<String, u32> = HashMap::new();
    let mut queue: VecDeque<(String, u32, bool)> = VecDeque::new();
    for k in &keys {
        if depth_of.insert(k.clone(), 0).is_none() {
            queue.push_back((k.clone(), 0, false));
        }
    }
    let mut nodes = Vec::new();
    let mut links = Vec::new();
    let mut truncated = false;
    while let Some((key, depth, via_packing)) = queue.pop_front() {
        let events: Vec<StoredEvent> = store
            .events_naming(std::slice::from_ref(&key))?
            .into_iter()
            .filter(|e| !e.is_retracted())
            .collect();
        for e in &events {
            for (to, relation) in neighbours(e, &key, direction, via_packing) {
                if depth >= max_depth {
                    truncated |= !depth_of.contains_key(&to);
                    continue;
                }
                links.push(TraceLink {
                    from: key.clone(),
                    to: to.clone(),
                    relation,
                    event: e.event.hash.clone(),
                    event_time: e.event.event_time,
                });
                if !depth_of.contains_key(&to) {
                    depth_of.insert(to.clone(), depth + 1);
                    queue.push_back((to, depth + 1, relation == Relation::PackedIn));
                }
            }
        }
        nodes.push(TraceNode {
            key,
            depth,
            movements: events.iter().map(movement).collect(),
        });
    }
    links.dedup();
    Ok(Trace {
        start: keys,
        direction,
        max_depth,
        nodes,
        links,
        truncated,
    })
}

/// The identifiers `key` links to through one event, in one direction.
pub(crate) fn neighbours(
    e: &StoredEvent,
    key: &str,
    direction: Direction,
    via_packing: bool,
) -> Vec<(String, Relation)> {
    let ev = &e.event;
    let mut out: Vec<(String, Relation)> = Vec::new();
    let roles_of_key: Vec<Role> = ev
        .ids
        .iter()
        .filter(|i| i.key == key)
        .map(|i| i.role)
        .collect();
    let mut push = |k: &str, r: Relation| {
        if k != key && !out.iter().any(|(o, rel)| o == k && *rel == r) {
            out.push((k.to_owned(), r));
        }
    };
    match ev.event_type {
        EventType::TransformationEvent => {
            if direction == Direction::Forward && roles_of_key.iter().any(|r| r.is_input()) {
                ev.ids
                    .iter()
                    .filter(|i| i.role.is_output())
                    .for_each(|i| push(&i.key, Relation::MadeInto));
            }
            if direction == Direction::Backward && roles_of_key.iter().any(|r| r.is_output()) {
                ev.ids
                    .iter()
                    .filter(|i| i.role.is_input())
                    .for_each(|i| push(&i.key, Relation::MadeFrom));
            }
        }
        EventType::AggregationEvent | EventType::AssociationEvent
            if ev.action != Some(Action::Delete) =>
        {
            if roles_of_key.iter().any(|r| r.is_child()) {
                ev.ids_with(Role::Parent)
                    .for_each(|i| push(&i.key, Relation::PackedIn));
            }
            if roles_of_key.contains(&Role::Parent) && !via_packing {
                ev.ids
                    .iter()
                    .filter(|i| i.role.is_child())
                    .for_each(|i| push(&i.key, Relation::Contains));
            }
        }
        _ => {}
    }
    out
}

pub(crate) fn movement(e: &StoredEvent) -> Movement {
    let ev = &e.event;
    Movement {
        event: ev.hash.clone(),
        event_type: ev.event_type,
        action: ev.action,
        event_time: ev.event_time,
        time_zone_offset: ev.time_zone_offset.clone(),
        biz_step: ev.biz_step.clone(),
        disposition: ev.disposition.clone(),
        biz_location: ev.biz_location.clone(),
        read_point: ev.read_point.clone(),
        sources: ev.sources.clone(),
        destinations: ev.destinations.clone(),
    }
}
