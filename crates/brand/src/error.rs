//! The one error type of the brand crate.
//!
//! Rule: every fallible constructor, parser or store call in
//! `congthuong-brand` returns [`Error`]. Every variant but
//! [`Error::Store`] describes bad *user input* (a score out of range, a
//! certificate for a product below three stars, a malformed GTIN or date,
//! an edit of an outdated version, a GTIN already taken), so the message
//! can be shown to the user as is and the CLI maps it to exit status 1;
//! [`Error::Store`] is a database failure, ours to fix
//! ([`Error::is_user_error`]).

/// Why an OCOP score, certificate or product record was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Not a plain decimal number.
    #[error("invalid score {input:?}: {reason}")]
    MalformedScore {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A part's score outside 0 … its maximum under the criteria set.
    #[error(
        "part {part} score {value} is out of range: under {criteria} part {part} is scored from 0 to {max}"
    )]
    ScoreOutOfRange {
        /// `A`, `B` or `C`.
        part: char,
        /// The score given.
        value: String,
        /// The maximum of that part.
        max: u32,
        /// The criteria set, e.g. `Decision 148/QĐ-TTg`.
        criteria: &'static str,
    },
    /// A total outside 0–100.
    #[error("total score {value} is out of range: OCOP totals run from 0 to 100")]
    TotalOutOfRange {
        /// The total given.
        value: String,
    },
    /// Not `148` or `1048`.
    #[error(
        "unknown OCOP criteria set {input:?}: expected 148 (Decision 148/QĐ-TTg, 2023) or 1048 (Decision 1048/QĐ-TTg, 2019)"
    )]
    UnknownCriteria {
        /// What was given.
        input: String,
    },
    /// A certificate asked for a product below three stars.
    #[error(
        "a {stars}-star product gets no OCOP certificate: certificates are issued for 3 to 5 stars"
    )]
    NotCertifiable {
        /// The product's stars.
        stars: u8,
    },
    /// A certificate whose end date is before its decision date.
    #[error("the certificate's validity ends ({valid_until}) before its decision date ({decided})")]
    ValidityBeforeDecision {
        /// The decision date.
        decided: chrono::NaiveDate,
        /// The end date given.
        valid_until: chrono::NaiveDate,
    },
    /// The stars on a certificate disagree with the score recorded.
    #[error("the certificate says {certificate} stars but the score {total} gives {score}")]
    StarsDisagree {
        /// Stars on the certificate.
        certificate: u8,
        /// Stars from the score.
        score: u8,
        /// The total score.
        total: String,
    },
    /// Not a date written `YYYY-MM-DD`.
    #[error("invalid date {input:?}: expected YYYY-MM-DD, e.g. 2024-05-10")]
    MalformedDate {
        /// What was given.
        input: String,
    },
    /// Not a GTIN-8/12/13/14 with a correct check digit.
    #[error("invalid GTIN {input:?}: {reason}")]
    MalformedGtin {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Not one of the six OCOP product groups.
    #[error(
        "unknown OCOP product group {input:?}: expected food, beverage, herbal, handicraft, ornamental or tourism"
    )]
    UnknownGroup {
        /// What was given.
        input: String,
    },
    /// A register entry without a name or producer.
    #[error("invalid product record: {reason}")]
    InvalidEntry {
        /// What is wrong.
        reason: &'static str,
    },
    /// A malformed province code.
    #[error(transparent)]
    Area(#[from] congthuong_core::Error),
    /// No product with this id in the register.
    #[error("no product {id} in the register")]
    NoSuchProduct {
        /// The id asked for.
        id: i64,
    },
    /// An edit based on a version that is no longer the current one.
    #[error(
        "product {id} was changed meanwhile: the edit is based on version {expected} but version {current} is current; reload it and edit again"
    )]
    StaleEdit {
        /// The product.
        id: i64,
        /// The version the edit started from.
        expected: u32,
        /// The current version.
        current: u32,
    },
    /// An edit that moves a product to another province.
    #[error(
        "product {id} stays in province {from}: a product cannot move to {to} (add it there as a new product)"
    )]
    ProvinceChange {
        /// The product.
        id: i64,
        /// Its province.
        from: String,
        /// The province asked for.
        to: String,
    },
    /// A GTIN already on another product.
    #[error("GTIN {gtin} already belongs to product {product} of the register")]
    GtinTaken {
        /// The GTIN (14 digits).
        gtin: String,
        /// The product that has it.
        product: i64,
    },
    /// The register's database failed, or a stored record no longer decodes.
    #[error("brand register: {0}")]
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
