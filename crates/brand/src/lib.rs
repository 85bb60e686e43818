//! Brands of the provinces' strong products: the OCOP (One Commune One
//! Product, "Mỗi xã một sản phẩm") rules.
//!
//! Scores on parts A, B and C (maxima per Decision 148/QĐ-TTg of 2023, or
//! 1048/QĐ-TTg of 2019 for older records) give a total and a star class
//! ([`score`]); 3- to 5-star products get a certificate valid 36 months,
//! whose status on a day (valid, expiring within N days, expired) drives
//! alerts ([`certificate`], [`register::alerts`]). Products carry their
//! group ([`group`]), the GTINs of their packages ([`gtin`]) and links to
//! traceability records ([`register`]).
//!
//! ```
//! use congthuong_brand::*;
//! use rust_decimal::Decimal;
//!
//! let s = Score::new(Criteria::Qd148, Decimal::from(36), Decimal::from(20), Decimal::from(30))?;
//! assert_eq!(s.stars(), Stars::Four); // 86 points: 70 to under 90
//! let c = Certificate::issue(s.stars(), parse_date("2023-03-15")?, "123/QĐ-UBND")?;
//! assert_eq!(c.valid_until(), parse_date("2026-03-15")?);
//! # Ok::<(), congthuong_brand::Error>(())
//! ```
//!
//! # Layout
//! - [`score`]: criteria sets, scores, stars and their bands.
//! - [`certificate`]: issue, validity, status.
//! - [`group`]: the six product groups.
//! - [`gtin`]: GTINs (the GS1 crate's type) and GS1 Digital Link URIs.
//! - [`register`]: register entries and expiry alerts.
//! - [`input`]: an entry as typed (form, JSON, spreadsheet row), every
//!   problem with its field.
//! - [`import`]: the register as a spreadsheet (read, template).
//! - [`store`]: the register in the main database (`brand_*` tables,
//!   every version kept).
//!
//! May depend on `congthuong-core`, `congthuong-gs1` and `congthuong-intake`
//! (spreadsheets); only [`store`] touches a database; never prints.

pub mod certificate;
pub mod error;
pub mod group;
pub mod gtin;
pub mod import;
pub mod input;
pub mod register;
pub mod score;
pub mod store;

pub use certificate::{Certificate, Status, parse_date};
pub use error::{Error, Result};
pub use group::ProductGroup;
pub use gtin::{Gtin, digital_link, parse_gtin};
pub use input::EntryInput;
pub use register::{RegisterEntry, alerts};
pub use score::{Criteria, Score, Stars, parse_points};
pub use store::{BrandStore, Product, Saved};
