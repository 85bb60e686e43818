//! Server-side SVG charts and maps, shared by the dashboard and the
//! briefing (HTML and PDF).
//!
//! Everything is plain SVG text: no JavaScript, no fonts fetched, every
//! label escaped, numbers in the reader's language with half-up rounding
//! (`congthuong_core::display`).
//!
//! # Layout
//! - [`svg`]: escaping and a tiny writer.
//! - [`fonts`]: the embedded Be Vietnam Pro and text widths.
//! - [`scale`]: classed, colour-blind-safe colour scales (decline hatched)
//!   and their legends.
//! - [`bars`]: ranking bars with reference lines.
//! - [`line`]: line charts over months.
//! - [`map`]: choropleths on the 63- or 34-province boundaries, with the
//!   Hoàng Sa and Trường Sa insets and the boundary licence's attribution.
//! - [`geometry`], [`labels`]: outlines, a land grid, names that never overlap.
//! - [`png`]: any chart rasterised to PNG with the embedded font.
//!
//! May depend on `congthuong-core`, and on resvg (with ttf-parser) for
//! PNGs and text widths; never prints, reads no file and no system font.

pub mod bars;
pub mod fonts;
pub mod geometry;
pub mod labels;
pub mod line;
pub mod map;
pub mod png;
pub mod scale;
pub mod svg;
