//! The conference briefing, written from the data: the text and tables a
//! deputy minister reads, in Vietnamese or English, as HTML, Markdown or
//! PDF, every figure traceable to the table row it comes from.
//!
//! # Layout
//! - [`model`]: the document (sections, figures pointing at rows, tables, charts).
//! - [`briefing`]: writing it from a release.
//! - [`html`], [`markdown`], `pdf` (feature `pdf`, on by default): renderers.
//!
//! May depend on core, engine, figures and charts; no I/O, never prints.

pub mod briefing;
pub mod html;
pub mod markdown;
pub mod model;
#[cfg(feature = "pdf")]
pub mod pdf;

pub use briefing::{BriefingError, LateProject, LateProjects, Request, write};
pub use model::Briefing;
