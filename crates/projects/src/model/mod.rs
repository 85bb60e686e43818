//! The records of the four registers (key projects, strategies and
//! schemes, investment attraction, business difficulties), who changes
//! them, and the small validated values they are made of. No I/O here.

pub mod actor;
pub mod common;
pub mod difficulty;
pub mod investment;
pub mod project;
pub mod strategy;
