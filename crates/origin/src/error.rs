//! The one error type of the origin crate.
//!
//! Rule: every fallible constructor, parser or reader in
//! `congthuong-origin` returns [`Error`], and every variant describes bad
//! *user input* (a malformed HS code, amount, country or rule, an
//! impossible product, a bill of materials with problems), so its message
//! can be shown to the user as is and the CLI maps all of them to exit
//! status 1 — except [`Error::Store`], a failure of the database that
//! keeps saved checks ([`crate::store`]), which is ours to fix
//! ([`Error::is_user_error`] tells them apart). A criterion that *fails*
//! is not an error: it is a result ([`crate::Outcome::Fail`]) with its
//! arithmetic.

use congthuong_intake::InputErrors;

/// Why an input to the origin calculator was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Not an HS code of 2, 4 or 6 digits (8 or 10 accepted as national lines).
    #[error("invalid HS code {input:?}: {reason}")]
    MalformedHs {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The product's HS code is coarser than a subheading.
    #[error(
        "the product's HS code {input:?} must have 6 digits (a subheading, e.g. 7308.90): tariff shifts and certificates of origin are stated at that level"
    )]
    ProductHsTooCoarse {
        /// What was given.
        input: String,
    },
    /// Not a plain non-negative decimal amount.
    #[error("invalid amount {input:?}: {reason}")]
    MalformedAmount {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not an ISO 3166-1 alpha-2 country code (or `EU`).
    #[error(
        "invalid country {input:?}: expected a two-letter ISO 3166-1 code such as VN, JP, DE (or EU)"
    )]
    MalformedCountry {
        /// What was given.
        input: String,
    },
    /// A material marked originating without the country it originates in.
    #[error(
        "line {line}: an originating material needs its country of origin (the Party where it originates, e.g. VN, TH, JP)"
    )]
    OriginatingWithoutCountry {
        /// The material's line.
        line: u64,
    },
    /// Not yes / no / unknown.
    #[error(
        "invalid originating status {input:?}: expected yes, no or unknown (also có, không, không rõ)"
    )]
    MalformedOriginating {
        /// What was given.
        input: String,
    },
    /// Not one of the four agreements.
    #[error("unknown agreement {input:?}: expected atiga, cptpp, evfta, rcep (or all)")]
    UnknownAgreement {
        /// What was given.
        input: String,
    },
    /// A rule expression the grammar does not accept.
    #[error("invalid rule {input:?} at character {column}: {reason}")]
    MalformedRule {
        /// The whole rule as given.
        input: String,
        /// 1-based character position of the problem.
        column: usize,
        /// What is wrong and what was expected.
        reason: String,
    },
    /// Product data that cannot describe a real product (e.g. a zero price).
    #[error("invalid product: {reason}")]
    InvalidProduct {
        /// What is wrong.
        reason: String,
    },
    /// A bill-of-materials file with problems, each with file, line and column.
    #[error(transparent)]
    Input(#[from] InputErrors),
    /// The database of saved checks failed (not the user's to fix).
    #[error("saved origin checks: {0}")]
    Store(String),
}

impl Error {
    /// True unless the database failed.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Store(_))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Store(e.to_string())
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
