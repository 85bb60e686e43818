//! Where captured events live: the [`TraceStore`] trait and its two
//! implementations, [`memory::MemoryStore`] (tests, one-off analyses) and
//! [`sqlite::SqliteStore`] (the tables `trace_*` in the main database).
//!
//! Capture rules, the same for every store (implemented once, in
//! `plan_capture`):
//! - a capture is all or nothing: a refused document stores nothing;
//! - events are keyed by their hash ID, so capturing the same event again
//!   (in the same or another document, with URN or Digital Link spelling,
//!   fields in any order) stores nothing new: it is reported `Duplicate`;
//! - an event carrying an `errorDeclaration` whose content matches a
//!   stored event (same hash: the hash leaves the declaration out) marks
//!   that event as declared in error (`ErrorDeclared`); the stored JSON is
//!   not changed, the declaration is kept beside it; trace, recall and the
//!   integrity report then leave the event out, queries still return it;
//! - an `eventID` given by the document must not name a different stored
//!   event; such a document is refused.

pub mod memory;
pub mod sqlite;

use crate::document::{Document, event_path, invalid};
use crate::error::Result;
use crate::event::{ErrorDeclaration, Event};
use crate::locate::Step;
use crate::query::SimpleEventQuery;
use crate::time::Timestamp;

/// An event as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredEvent {
    /// The event.
    pub event: Event,
    /// When this repository recorded it.
    pub record_time: Timestamp,
    /// The capture it arrived in.
    pub capture_id: i64,
    /// Insertion order in the store.
    pub seq: i64,
    /// A later declaration that it was in error, if any.
    pub declared_in_error: Option<ErrorDeclaration>,
}

impl StoredEvent {
    /// The event's own or a later error declaration.
    pub fn error_declaration(&self) -> Option<&ErrorDeclaration> {
        self.event
            .error_declaration
            .as_ref()
            .or(self.declared_in_error.as_ref())
    }

    /// True when the event was declared in error (by itself or later):
    /// trace, recall and integrity leave it out.
    pub fn is_retracted(&self) -> bool {
        self.error_declaration().is_some()
    }
}

/// What happened to one event of a captured document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CaptureOutcome {
    /// Stored.
    New,
    /// Already stored (same hash ID); nothing changed.
    Duplicate,
    /// Declares a stored event in error; the declaration was recorded.
    ErrorDeclared,
}

/// One line of a capture report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CapturedEvent {
    /// Position in the document's event list.
    pub index: usize,
    /// The event hash ID.
    pub hash: String,
    /// The `eventID` the document gave, if any.
    pub declared_id: Option<String>,
    /// What happened.
    pub outcome: CaptureOutcome,
}

/// What a capture did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CaptureReport {
    /// The capture's number in the store.
    pub capture_id: i64,
    /// The recordTime given to new events.
    pub record_time: Timestamp,
    /// One line per event, in document order.
    pub events: Vec<CapturedEvent>,
}

impl CaptureReport {
    /// How many events had the given outcome.
    pub fn count(&self, outcome: CaptureOutcome) -> usize {
        self.events.iter().filter(|e| e.outcome == outcome).count()
    }

    /// `4 events (4 new, 0 duplicates, 0 error declarations)`: what an
    /// audit entry or a message says about the capture.
    pub fn summary(&self) -> String {
        format!(
            "{} events ({} new, {} duplicates, {} error declarations)",
            self.events.len(),
            self.count(CaptureOutcome::New),
            self.count(CaptureOutcome::Duplicate),
            self.count(CaptureOutcome::ErrorDeclared)
        )
    }
}

/// A repository of EPCIS events.
pub trait TraceStore {
    /// Stores a validated document's events, all or nothing, idempotently
    /// by hash ID (see the module rules). `record_time` becomes the
    /// recordTime of the new events.
    fn capture(&mut self, doc: &Document, record_time: Timestamp) -> Result<CaptureReport>;

    /// The events matching a query, ordered as it asks (by default by
    /// event time, then capture order).
    fn query(&self, query: &SimpleEventQuery) -> Result<Vec<StoredEvent>>;

    /// Every event naming one of `keys` (identifier keys, exact match) in
    /// any role, ordered by event time, then capture order.
    fn events_naming(&self, keys: &[String]) -> Result<Vec<StoredEvent>>;

    /// How many events are stored.
    fn len(&self) -> Result<usize>;

    /// True when nothing is stored.
    fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

/// What a capture will do to one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    Insert,
    Skip,
    Declare,
}

/// Decides each event's fate before anything is written. `stored(hash)`
/// says whether the hash is stored and, if so, whether it is already
/// declared in error; `owner(id)` gives the hash a declared eventID
/// belongs to. Refuses the document when an eventID names another event.
pub(crate) fn plan_capture(
    doc: &Document,
    mut stored: impl FnMut(&str) -> Result<Option<bool>>,
    mut owner: impl FnMut(&str) -> Result<Option<String>>,
) -> Result<Vec<Plan>> {
    let mut plans = Vec::with_capacity(doc.events.len());
    let mut problems = Vec::new();
    for (i, e) in doc.events.iter().enumerate() {
        let earlier = doc.events[..i]
            .iter()
            .zip(&plans)
            .find(|(o, _)| o.hash == e.hash)
            .map(|(_, p)| *p);
        let plan = match (earlier, stored(&e.hash)?) {
            (Some(Plan::Insert), _) if e.error_declaration.is_some() => Plan::Declare,
            (Some(_), _) => Plan::Skip,
            (None, Some(false)) if e.error_declaration.is_some() => Plan::Declare,
            (None, Some(_)) => Plan::Skip,
            (None, None) => Plan::Insert,
        };
        if plan == Plan::Insert
            && let Some(id) = &e.declared_id
            && let Some(other) = owner(id)?.filter(|h| *h != e.hash)
        {
            let mut path = event_path(i);
            path.push(Step::Key("eventID".into()));
            problems.push((
                path,
                format!("eventID {id} already names a different stored event ({other})"),
            ));
        }
        plans.push(plan);
    }
    if problems.is_empty() {
        Ok(plans)
    } else {
        Err(invalid(&doc.text, &doc.source_name, problems))
    }
}

/// Orders and cuts query results as the query asks.
pub(crate) fn finish_query(
    mut events: Vec<StoredEvent>,
    query: &SimpleEventQuery,
) -> Result<Vec<StoredEvent>> {
    events.retain(|e| query.matches(e));
    query.sort(&mut events);
    query.limit(events)
}
