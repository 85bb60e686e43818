//! The figures of one published release, held in memory and indexed for
//! the questions the dashboard, the API and the briefing ask.
//!
//! A release is immutable, so it is loaded once (and again when a new
//! release is made) and every page is answered from memory.
//!
//! # Layout
//! - [`release`]: [`ReleaseData`] — compiled views on both boundary
//!   versions, trade indicators, plan targets, GSO's published series.
//! - [`analysis`]: development gap, year-end projections.
//! - [`snapshot`]: a release as one compact binary blob (what the store keeps).
//! - [`overview`]: a group's month beside the nation, members ranked,
//!   sub-regions, contributions.
//!
//! May depend on core and engine; no I/O, never prints.

pub mod analysis;
pub mod overview;
pub mod release;
#[cfg(feature = "sample")]
pub mod sample;
pub mod snapshot;

pub use release::{IndicatorPoint, ReferencePoint, ReleaseData, ReleaseMeta, Target, View};
