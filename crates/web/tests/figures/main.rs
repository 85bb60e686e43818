//! The released figures across the 2025 merger, pinned releases, release
//! comparisons and downloads (issues 13 and 14), through the real server
//! on a random port with its own temporary database.

#[path = "../support/mod.rs"]
mod support;

mod browser;
mod downloads;
mod pinned;
mod releases;
mod targets;
