//! The figures of one published release, held in memory and indexed for
//! the questions the dashboard, the API and the briefing ask.
//!
//! A release is immutable, so it is loaded once (and again when a new
//! release is made) and every page is answered from memory.
//!
//! # Layout
//! - [`release`]: [`ReleaseData`] — compiled views on both boundary
//!   versions, trade indicators, plan targets, GSO's published series.
//! - [`targets`]: plan targets across the 2025 merger (which target a
//!   figure on a boundary version may be set against).
//! - [`analysis`]: development gap, year-end projections.
//! - [`snapshot`]: a release as one compact binary blob (what the store keeps).
//! - [`overview`]: a group's month beside the nation, members ranked,
//!   sub-regions, contributions.
//! - [`province`], [`products`], [`trade`]: the figures of the province,
//!   products and trade pages (the pages format them; the API serves them).
//! - [`series`]: index series by area, industry and month range.
//! - [`table`]: any of them as text cells for CSV and XLSX downloads.
//!
//! May depend on core and engine; no I/O, never prints.

pub mod analysis;
pub mod overview;
pub mod products;
pub mod province;
pub mod release;
#[cfg(feature = "sample")]
pub mod sample;
pub mod series;
pub mod snapshot;
pub mod table;
pub mod targets;
pub mod trade;

pub use release::{IndicatorPoint, ReferencePoint, ReleaseData, ReleaseMeta, Target, View};

use serde::Serialize;

/// A thing's name in both languages (flattened into JSON as `name_vi`,
/// `name_en`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    /// Vietnamese.
    pub name_vi: String,
    /// English (for provinces: the name without diacritics).
    pub name_en: String,
}

impl Named {
    /// Both names.
    pub fn new(vi: &str, en: &str) -> Self {
        Self {
            name_vi: vi.to_owned(),
            name_en: en.to_owned(),
        }
    }

    /// One name for both languages (a code without a name).
    pub fn same(s: &str) -> Self {
        Self::new(s, s)
    }

    /// The name in a language.
    pub fn pick(&self, lang: congthuong_core::Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }
}

/// Why figures cannot be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiguresError {
    /// An unknown area, group or code.
    #[error("{0}")]
    Unknown(#[from] congthuong_core::Error),
    /// No released figures for that month.
    #[error("no released figures for {0}")]
    NoFigures(congthuong_core::Period),
    /// The release was not compiled on those boundaries.
    #[error("the release has no figures on the {0} boundaries")]
    NoBoundaries(congthuong_core::BoundaryVersion),
    /// `from` after `to`, or outside the release.
    #[error("the month range is empty or outside the release")]
    EmptyRange,
    /// The query would return too many rows.
    #[error("the query matches more than {0} rows: narrow the areas, codes or months")]
    TooMany(usize),
}
