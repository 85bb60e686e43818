//! FTA rules of origin for exports from Viet Nam: ATIGA, CPTPP, EVFTA and
//! RCEP.
//!
//! An exporter gives a product (HS subheading, ex-works price, optionally
//! FOB price, cost breakdown, net cost), its bill of materials (HS code,
//! value, originating or not, country per line) and the product-specific
//! rule to test, written as a [`Rule`] (`RVC40 or CTH`, `MaxNOM 50%`,
//! `CTSH`, …). [`assess`] answers, per agreement, whether each criterion
//! passes, with the arithmetic in numbers and in Vietnamese and English
//! sentences, applying the agreement's de minimis where it allows it, and
//! lists the certificate or self-certification route with its legal basis.
//!
//! The agreements' product-specific rule tables are *not* bundled: the user
//! chooses the rule (see `docs/ORIGIN.md` for why). Every hard-coded rule
//! cites its source and says whether it was verified or recalled
//! ([`agreement::Source`]).
//!
//! ```
//! use congthuong_origin::*;
//! use rust_decimal::Decimal;
//!
//! let product = Product::new(HsCode::parse("7308.90")?, Decimal::from(90))?
//!     .with_fob(Decimal::from(100))?;
//! let bom = BillOfMaterials::new(vec![Material::new(
//!     2, Some(HsCode::parse("7208.51")?), "thép tấm", Decimal::from(60),
//!     Originating::No, Some(Country::parse("CN")?),
//! )?]);
//! let rule = Rule::parse("RVC40 or CTH")?;
//! let a = assess(&Profile::standard(Agreement::Atiga), &product, &bom, &rule, &Context::default());
//! assert_eq!(a.outcome, Outcome::Pass); // RVC = (100 − 60) / 100 = 40 % ≥ 40 %
//! # Ok::<(), congthuong_origin::Error>(())
//! ```
//!
//! # Layout
//! - [`hs`]: HS codes (chapter, heading, subheading; editions).
//! - [`amount`]: exact decimal amounts and percentages.
//! - [`country`]: ISO country codes and the EU.
//! - [`bom`]: the product and its bill of materials; [`bom_csv`] reads one
//!   from CSV.
//! - [`rule`]: the rule grammar and its parser.
//! - [`agreement`]: the four agreements' profiles (formulas, de minimis,
//!   Parties, sources).
//! - [`evaluate`]: the assessment with three-valued outcomes.
//! - [`route`]: proofs of origin and their legal basis.
//! - [`text`]: bilingual sentences and number formatting.
//! - [`store`]: saved checks in the main database (`origin_checks`).
//!
//! May depend on `congthuong-core` and `congthuong-intake` (for reading the
//! CSV and XLSX); only [`store`] touches a database; never prints.

pub mod agreement;
pub mod amount;
pub mod bom;
pub mod bom_csv;
pub mod country;
pub mod error;
pub mod evaluate;
pub mod hs;
pub mod route;
pub mod rule;
pub mod store;
pub mod text;

pub use agreement::{Agreement, Profile};
pub use bom::{BillOfMaterials, Costs, Material, Originating, Product};
pub use country::Country;
pub use error::{Error, Result};
pub use evaluate::{Assessment, Context, Outcome, assess};
pub use hs::{HsCode, HsEdition, HsLevel};
pub use rule::{Criterion, Method, Rule};
pub use text::{Lang, Text};
