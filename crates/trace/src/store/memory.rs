//! [`MemoryStore`]: every event in a `Vec`, with a hash index. For tests,
//! and for tracing a handful of documents without a database file.

use std::collections::HashMap;

use super::{
    CaptureOutcome, CaptureReport, CapturedEvent, Plan, StoredEvent, TraceStore, finish_query,
    plan_capture,
};
use crate::document::Document;
use crate::error::Result;
use crate::query::{SimpleEventQuery, by_time};
use crate::time::Timestamp;

/// An in-memory [`TraceStore`].
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    events: Vec<StoredEvent>,
    by_hash: HashMap<String, usize>,
    captures: i64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl TraceStore for MemoryStore {
    fn capture(&mut self, doc: &Document, record_time: Timestamp) -> Result<CaptureReport> {
        let plans = plan_capture(
            doc,
            |h| Ok(self.by_hash.get(h).map(|&i| self.events[i].is_retracted())),
            |id| {
                Ok(self
                    .events
                    .iter()
                    .find(|e| e.event.declared_id.as_deref() == Some(id))
                    .map(|e| e.event.hash.clone()))
            },
        )?;
        self.captures += 1;
        let capture_id = self.captures;
        let mut lines = Vec::with_capacity(plans.len());
        for (index, (e, plan)) in doc.events.iter().zip(plans).enumerate() {
            let outcome = match plan {
                Plan::Insert => {
                    self.by_hash.insert(e.hash.clone(), self.events.len());
                    self.events.push(StoredEvent {
                        event: e.clone(),
                        record_time,
                        capture_id,
                        seq: self.events.len() as i64 + 1,
                        declared_in_error: None,
                    });
                    CaptureOutcome::New
                }
                Plan::Skip => CaptureOutcome::Duplicate,
                Plan::Declare => {
                    let stored = &mut self.events[self.by_hash[&e.hash]];
                    if !stored.is_retracted() {
                        stored.declared_in_error = e.error_declaration.clone();
                    }
                    CaptureOutcome::ErrorDeclared
                }
            };
            lines.push(CapturedEvent {
                index,
                hash: e.hash.clone(),
                declared_id: e.declared_id.clone(),
                outcome,
            });
        }
        Ok(CaptureReport {
            capture_id,
            record_time,
            events: lines,
        })
    }

    fn query(&self, query: &SimpleEventQuery) -> Result<Vec<StoredEvent>> {
        finish_query(self.events.clone(), query)
    }

    fn events_naming(&self, keys: &[String]) -> Result<Vec<StoredEvent>> {
        let mut out: Vec<StoredEvent> = self
            .events
            .iter()
            .filter(|e| keys.iter().any(|k| e.event.names(k)))
            .cloned()
            .collect();
        out.sort_by(by_time);
        Ok(out)
    }

    fn len(&self) -> Result<usize> {
        Ok(self.events.len())
    }
}
