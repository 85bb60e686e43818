//! Excel templates, import and export, one workbook per register
//! (projects with their milestones and details, strategies, investment,
//! difficulties).
//!
//! - [`spec`]: the sheets and columns, shared by everything below.
//! - [`writer`]: writing workbooks (headers, drop-down lists, validation)
//!   and CSV folders.
//! - [`reader`]: reading a workbook, collecting every problem.
//! - [`mod@import`]: checking a filled-in workbook against the register and
//!   storing it all or nothing.
//! - [`mod@export`]: the current records as a workbook or CSV files.

pub mod export;
pub mod import;
mod import_projects;
pub mod reader;
pub mod spec;
pub mod writer;

pub use export::{Format, export, template};
pub use import::{ImportSummary, import, import_in};
pub use spec::Register;
