//! The attacks of issue 13, replayed on every CI run against the real
//! server (a random port, its own temporary database). Each module holds
//! the attacks on one part of the system; every test here failed on the
//! code before its fix.

#[path = "../support/mod.rs"]
mod support;

mod auth;
mod briefing;
mod downloads;
mod registers;
mod releases;
mod server;
mod uploads;
