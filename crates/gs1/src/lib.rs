//! GS1 identifiers for traceability: check digits, the keys (GTIN, GLN,
//! SSCC), EPC URIs (the `urn:epc:…` spellings of EPCIS) and GS1 Digital
//! Link URIs (the `https://…/01/…` spellings), with conversions both ways.
//!
//! Every type validates when built: `parse` returns [`Error`], so code that
//! holds a [`Gtin`] or an [`Epc`] never re-checks it.
//!
//! ```
//! use congthuong_gs1::{Epc, Gtin};
//!
//! let gtin = Gtin::parse("8934567000017")?; // a GTIN-13, stored as 14 digits
//! assert_eq!(gtin.as_str(), "08934567000017");
//!
//! let epc = Epc::parse_urn("urn:epc:id:sgtin:8934567.000001.B-17")?;
//! assert_eq!(epc.to_digital_link(), "https://id.gs1.org/01/08934567000017/21/B-17");
//! let back = Epc::from_digital_link(&epc.to_digital_link(), 7)?;
//! assert_eq!(back, epc);
//! # Ok::<(), congthuong_gs1::Error>(())
//! ```
//!
//! # Layout
//! - [`check`]: the mod-10 check digit shared by every numeric GS1 key.
//! - [`keys`]: [`Gtin`] (8/12/13/14 digits, stored as 14), [`Gln`], [`Sscc`].
//! - [`charset`]: the GS1 character set 82 and the two escapings (EPC URI,
//!   Digital Link).
//! - [`epc`]: [`Epc`]: SGTIN, SSCC, SGLN, LGTIN and the any-serial GTIN
//!   pattern, to and from EPC URIs.
//! - [`digital_link`]: [`DigitalLink`]: parsing any domain and path prefix,
//!   the canonical `id.gs1.org` form, conversion to and from [`Epc`].
//! - [`normalise`]: [`canonical_uri`], one spelling for every GS1 key of
//!   EPCIS (what the event hash and the trace index compare).
//! - [`error`]: [`Error`], the crate's one error type.
//!
//! Pure functions: no I/O, never prints.

pub mod charset;
pub mod check;
pub mod digital_link;
pub mod epc;
pub mod error;
pub mod keys;
pub mod normalise;

pub use check::{check_digit, verify_check_digit};
pub use digital_link::DigitalLink;
pub use epc::{Epc, GtinPattern, Lgtin, Sgln, Sgtin, SsccEpc};
pub use error::{Error, Result};
pub use keys::{Gln, Gtin, Sscc};
pub use normalise::canonical_uri;
