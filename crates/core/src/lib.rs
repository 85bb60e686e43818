//! Domain types and reference data of `congthuong`.
//!
//! Everything else in the workspace speaks in these types: a figure is
//! about an area ([`AreaCode`] on a [`BoundaryVersion`]) or a [`Group`], in
//! a [`Period`], for an industry node ([`vsic`]) or a [`Product`]. Types
//! validate when built (`parse`/`new` return [`Error`]), so code that holds
//! one never re-checks it.
//!
//! # Layout
//! - [`period`]: months, year-to-date ranges, quarters.
//! - [`area`]: area codes and the two boundary versions.
//! - [`geography`]: the 63 and 34 provincial units, the 2025 merger, the
//!   reference groups; embedded from `data/geo`.
//! - [`group`]: named sets of areas readable on either version.
//! - [`vsic`]: the VSIC 2018 industry hierarchy (sections B–E, divisions
//!   05–39, the classes the basket uses); embedded from `data/vsic`.
//! - [`product`]: the basket of main industrial products; embedded from
//!   `data/products`.
//! - [`number`]: numbers as people type them (`95,5`, `1.000,5`), in
//!   the Vietnamese or English convention.
//! - [`spreadsheet`]: CSV cells that never start a spreadsheet formula.
//! - [`text`]: NFC normalisation and nearest-code suggestions.
//! - [`reason`]: why something was refused, in both languages.
//! - [`display`]: half-up rounding and Vietnamese/English number, month
//!   and date formats.
//!
//! This crate may depend on nothing else in the workspace, does no I/O
//! beyond reading its embedded data, and never prints.

pub mod area;
pub mod display;
pub mod error;
pub mod geography;
pub mod group;
pub mod number;
pub mod period;
pub mod product;
pub mod reason;
pub mod spreadsheet;
pub mod text;
pub mod vsic;

pub use area::{AreaCode, BoundaryVersion};
pub use display::Lang;
pub use error::{Error, Result};
pub use geography::{Geography, Province, ProvinceKind};
pub use group::{Group, GroupId, NATIONAL};
pub use period::{Period, PeriodRange, Quarter};
pub use product::Product;
pub use reason::Reason;
pub use vsic::{IndustryCodeError, IndustryName, Level, Node, Section};
