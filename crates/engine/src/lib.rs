//! The IIP engine: pure functions over columnar data.
//!
//! Compiles the Index of Industrial Production exactly as the interchange
//! contract (`docs/METHODOLOGY.md`) says: product indices against the
//! base year's monthly average, class indices weighted by base-year output
//! value, division, section and total weighted by base-year value added,
//! group and national indices as weighted means of the members' index
//! levels, growth and contributions; plus chain-linking and re-referencing.
//!
//! # Layout
//! - [`basket`]: the products of a compilation and their classes.
//! - [`weights`]: weight rows and their resolution (own row or sum of children).
//! - [`quantities`]: the exact, mergeable accumulator that readers feed,
//!   and the dense quantity cube q(a, j, t) on one boundary version.
//! - [`compile`]: area, group and national indices and warnings.
//! - [`growth`]: month-on-month, year-on-year and year-to-date growth.
//! - [`contributions`]: contributions in percentage points.
//! - [`link`]: chain-linking (annual and one-month overlap) and re-referencing.
//! - [`quarterly`]: chain-linked quarterly volume indices (annual and one-quarter overlap).
//! - [`gap`]: the development gap between provinces (dispersion, Gini, Theil).
//! - [`projection`]: year-end projections by two named methods; plan attainment.
//! - [`tet`]: the Tết reading of January and February.
//!
//! The engine depends only on `congthuong-core` and `congthuong-lunar`; it reads no files, holds
//! no state between calls and never prints.

pub mod basket;
pub mod compile;
pub mod contributions;
pub mod gap;
pub mod growth;
pub mod link;
pub mod projection;
pub mod quantities;
pub mod quarterly;
pub mod tet;
pub mod weights;

pub use basket::{Basket, ProductDef};
pub use compile::{
    AreaKey, Compilation, CompileError, CompileSpec, ContributionSeries, GroupSpec, IndexSeries,
    RawInputs, Warning, compile,
};
pub use contributions::Comparison;
pub use quantities::{Quantities, QuantityAccumulator};
pub use weights::{AreaWeights, ResolvedWeights, Weights};
