//! The data the pages and the API read: one published release held in
//! memory, indexed for the questions the dashboard asks.
//!
//! A release is immutable, so the server loads it once (and again when a
//! new release is made) and answers every request from memory: no
//! database round trip on the public pages.

pub mod overview;
pub mod release;

pub use release::{IndicatorPoint, ReferencePoint, ReleaseData, ReleaseMeta, Target, View};
