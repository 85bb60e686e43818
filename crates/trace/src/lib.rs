//! Traceability of origin (truy xuất nguồn gốc) on GS1 EPCIS 2.0: capture
//! of JSON / JSON-LD EPCIS documents, event hash IDs, queries by the
//! standard's SimpleEventQuery parameters, and what Vietnam's Circular
//! 02/2024/TT-BKHCN asks a traceability system to answer: one step back
//! and one step forward from any lot or serial (and the whole chain), the
//! scope of a recall, and the gaps in the chain.
//!
//! ```no_run
//! use congthuong_trace::{Document, MemoryStore, TraceStore, Timestamp, trace, Direction};
//!
//! let text = std::fs::read_to_string("coffee.jsonld")?;
//! let doc = Document::parse(&text, "coffee.jsonld")?;        // validated, hashed
//! let mut store = MemoryStore::new();
//! let report = store.capture(&doc, Timestamp::now())?;        // idempotent by hash
//! let back = trace(&store, "urn:epc:id:sgtin:8934567.100012.1001", Direction::Backward, None)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Layout
//! - [`document`]: parse + validate + build events; [`validate`]: the
//!   EPCIS 2.0 schema rules in code; [`locate`]: line and column of a
//!   JSON path.
//! - [`event`]: the normalised [`Event`]; [`vocab`]: CBV values;
//!   [`context`]: JSON-LD prefixes; [`time`]: [`Timestamp`].
//! - [`hash`]: the event hash ID.
//! - [`query`]: the [`SimpleEventQuery`].
//! - [`store`]: the [`TraceStore`] trait, [`MemoryStore`] and
//!   [`SqliteStore`] (tables prefixed `trace_`, migrations in
//!   [`store::sqlite::migrate`]).
//! - [`genealogy`]: [`trace`] backward/forward; [`recall`]:
//!   [`recall_scope`]; [`integrity`]: [`integrity_report`].
//! - [`error`]: [`Error`], the crate's one error type.
//!
//! May depend on `congthuong-core` and `congthuong-gs1`; never prints.

pub mod context;
pub mod document;
pub mod error;
pub mod event;
pub mod genealogy;
pub mod hash;
pub mod integrity;
pub mod locate;
pub mod query;
pub mod recall;
pub mod store;
pub mod time;
pub mod validate;
pub mod vocab;

pub use document::Document;
pub use error::{Error, Problem, Result};
pub use event::{Action, Event, EventType, IdRef, PartyRef, Role, identifier_key};
pub use genealogy::{Direction, Relation, Trace, TraceLink, TraceNode, trace};
pub use integrity::{Gap, IntegrityReport, integrity_report};
pub use query::SimpleEventQuery;
pub use recall::{RecallItem, RecallScope, RecallStatus, recall_scope};
pub use store::memory::MemoryStore;
pub use store::sqlite::SqliteStore;
pub use store::{CaptureOutcome, CaptureReport, StoredEvent, TraceStore};
pub use time::Timestamp;
