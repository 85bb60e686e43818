//! Server-side SVG charts and maps, shared by the dashboard and the
//! briefing (HTML and PDF).
//!
//! Everything is plain SVG text: no JavaScript, no fonts fetched, every
//! label escaped, numbers in the reader's language with half-up rounding
//! (`congthuong_core::display`).
//!
//! # Layout
//! - [`svg`]: escaping and a tiny writer.
//! - [`scale`]: classed colour scales and their legends.
//! - [`bars`]: ranking bars with reference lines.
//! - [`line`]: line charts over months.
//! - [`map`]: choropleths on the 63- or 34-province boundaries, with the
//!   Hoàng Sa and Trường Sa insets and the boundary licence's attribution.
//!
//! May depend on `congthuong-core` only; never prints.

pub mod bars;
pub mod line;
pub mod map;
pub mod scale;
pub mod svg;
