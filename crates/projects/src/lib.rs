//! Key projects, strategies and schemes, investment attraction and
//! business difficulties: what the provinces report on them, what is late
//! and who must act by when.
//!
//! # Layout
//! - [`as_of`]: a project as it stood at the end of a past day.
//! - [`date`]: calendar days and instants without a clock (`today` is
//!   always a parameter).
//! - [`model`]: the validated records of the four registers and the
//!   [`Actor`] who changes them.
//! - [`status`]: on schedule / at risk / late / done and days of slip,
//!   computed from dates, never typed.
//! - [`evm`]: earned value (SPI = EV / PV, CPI = EV / AC and friends).
//! - [`disbursement`]: disbursement rate against plan, ranked across
//!   provinces and against the average.
//! - [`queries`]: what the dashboard and the CLI show: late and at-risk
//!   lists with who must act by when, a project's timeline, the strategy
//!   grid, investment summaries, overdue difficulties per agency; group
//!   filtering on either boundary version.
//! - [`store`]: the SQLite repository (tables `proj_*`, own migrations,
//!   append-only versions, an audit entry for every change).
//! - [`xlsx`]: Excel templates, import (all errors at once, nothing stored
//!   on error) and export (XLSX and CSV).
//! - [`demo`]: deterministic synthetic demo data.
//!
//! This crate never prints and never reads the clock; the binary passes
//! `today` and `now` in.

pub mod as_of;
pub mod date;
pub mod demo;
pub mod disbursement;
pub mod error;
pub mod evm;
pub mod model;
pub mod queries;
pub mod status;
pub mod store;
pub mod xlsx;

pub use date::{Date, Timestamp};
pub use error::{Error, Reason, Result};
pub use model::actor::{Actor, Role};
pub use model::common::{Amount, Code, Label, Place, Vocabulary};
pub use model::difficulty::{Difficulty, DifficultyStatus, RaiserKind};
pub use model::investment::{InvestmentRecord, Origin, PriorityIndustry};
pub use model::project::{
    Blocker, BlockerCategory, CapitalSource, DisbursementYear, EarnedValue, Escalation, Milestone,
    MonthlyDisbursement, Procedure, ProgressUpdate, Project, ProjectLevel, Replan, Sector,
    SectorKind, SiteClearance,
};
pub use model::strategy::{StrategyKind, StrategyRecord};
pub use status::{ItemState, StatusRules};
