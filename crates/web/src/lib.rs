//! The HTTP server: dashboard pages (Vietnamese first, English on
//! `?lang=en`), the JSON API under `/api/v1`, accounts and roles.
//!
//! # Layout
//! - [`settings`]: the one typed settings struct.
//! - [`startup`]: the router; serving from a given listener until a given
//!   shutdown future completes.
//! - [`state`]: shared state (settings, templates, store, the release shown).
//! - [`error`]: the one HTTP error type and its JSON envelope.
//! - [`pages`]: server-rendered pages (templates in `templates/`).
//! - [`api`]: JSON endpoints and the OpenAPI document.
//! - [`download`]: JSON, CSV, XLSX and SDMX-CSV answers of table endpoints.
//! - [`security`]: security headers, `no-store` on private answers.
//! - [`bodies`]: the budget of request bodies held in memory at once.
//! - [`limits`]: caps on every form, query and JSON field.
//! - [`cache`]: answers to anonymous readers of the release, kept in memory.
//! - [`pinned`]: past releases (`release=N`) and comparisons, kept in memory.
//! - [`codes`]: the one reader of group and province codes in URLs (unknown: 404 naming the nearest).
//! - [`i18n`]: interface texts in Vietnamese and English.
//! - [`bootstrap`]: `serve --demo` on an empty data folder.
//! - [`auth`]: accounts, roles, sessions, CSRF, login throttling.
//! - [`projects`]: key projects, strategies, investment, difficulties (issue 8).
//!
//! May depend on core, engine, figures and charts (and the store for writes); the
//! binary only builds [`settings::Settings`] and calls [`startup::serve`].

pub mod api;
pub mod auth;
pub mod bodies;
pub mod bootstrap;
pub mod cache;
pub mod codes;
pub mod download;
pub mod error;
pub mod exports;
pub mod i18n;
pub mod limits;
pub mod pages;
pub mod pinned;
pub mod projects;
pub mod security;
pub mod settings;
pub mod startup;
pub mod state;
pub mod templates;

pub use settings::Settings;
pub use state::AppState;
