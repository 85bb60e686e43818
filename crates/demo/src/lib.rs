//! Synthetic demo data for congthuong, calibrated to what GSO published.
//!
//! There is no public microdata of Vietnam's industrial production, so a
//! new user, a test or a benchmark gets synthetic data: every province,
//! every month from 2015-01, unit-level report lines whose compiled IIP
//! reproduces GSO's published national growth (and the published
//! January–September 2022 provincial figures), the Tết dips on the actual
//! lunar new year, the 2021 COVID-19 trough and the 2025 merger (from
//! 2025-07 units report under the 34-province codes).
//!
//! # Layout
//! - [`published`]: GSO's figures (embedded from `data/iip`).
//! - [`calendar`]: the model's months and the Tết effect.
//! - [`national`]: the national path fitted to the published growth.
//! - [`structure`]: provinces' industrial structures and prices.
//! - [`model`]: calibrated province and product paths.
//! - [`folder`]: writes the interchange folder (weights, products, groups,
//!   indicators, README) and [`generate`] itself.
//! - [`microdata`]: reporting units and their lines (CSV); `parquet_out`
//!   writes the same lines as Parquet (cargo feature `parquet`).
//! - [`indicators`]: retail sales, exports and plan targets.
//! - [`calibration`]: checks a compilation against the targets.
//! - [`rng`]: the counter-based random numbers.
//! - [`error`]: [`DemoError`], the crate's one error type.
//!
//! May depend on `congthuong-core`, `-lunar`, `-engine` and `-intake`
//! (the calibration compiles with the real engine); writes only into the
//! folder it is given, and never prints.

pub mod calendar;
pub mod calibration;
pub mod error;
pub mod folder;
pub mod indicators;
pub mod microdata;
pub mod model;
pub mod national;
#[cfg(feature = "parquet")]
pub mod parquet_out;
pub mod published;
pub mod rng;
pub mod structure;

pub use error::DemoError;
pub use folder::{Format, GenerateOptions, Summary, generate};
