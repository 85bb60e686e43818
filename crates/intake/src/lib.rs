//! Reading and validating input files into typed records, and writing
//! compiled outputs.
//!
//! Every error names the file, the line (the header is line 1), the column
//! and the reason, and a read collects them all (up to a cap) before
//! failing; nothing of a file with an error is kept.
//!
//! # Layout
//! - [`error`]: [`InputError`] and [`InputErrors`], the crate's one error type.
//! - [`table`]: small CSV files read by column name.
//! - [`blocks`]: large CSV files read as blocks of whole lines, in parallel.
//! - [`microdata`]: report lines summed into the engine's accumulator.
//! - `parquet`: the same for `microdata.parquet` (cargo feature `parquet`).
//! - [`number`]: quantities and weights, exact where possible.
//! - [`interchange`]: the `iip compile` folder: inputs in, outputs out.
//! - [`lines`]: report lines kept one by one, split by (month, area), in
//!   canonical order (what the store keeps).
//! - [`report`]: one province's monthly report (CSV or the Excel template).
//! - [`template`]: writing the Excel template a province fills in.
//! - [`series`]: indicator series and plan targets of a folder.
//! - [`sheet`]: an uploaded table (CSV or XLSX) read by column name.
//! - [`dialect`]: an uploaded CSV's delimiter and number convention.
//! - [`hostile`]: hostile workbooks for the regression tests and fuzz seeds.
//! - [`workbook`]: the one capped reader of uploaded .xlsx workbooks
//!   ([`workbook::LIMITS`]), used by every upload path.
//!
//! May depend on `congthuong-core` and `congthuong-engine`; never prints.

pub mod blocks;
pub mod codes;
pub mod dialect;
pub mod error;
pub mod file_lines;
pub mod hostile;
pub mod interchange;
pub mod lines;
pub mod microdata;
pub mod number;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod report;
pub mod series;
pub mod sheet;
pub mod table;
pub mod template;
pub mod workbook;

pub use error::{DEFAULT_ERROR_CAP, InputError, InputErrors, Msg};
