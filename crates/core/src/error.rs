//! The one error type of the core crate.
//!
//! Rule: every fallible constructor or lookup in `congthuong-core` returns
//! [`Error`]. Every variant describes bad *user input* (an unknown code, a
//! malformed period), so callers may show the message to the user as is;
//! the CLI maps all of them to exit status 1. Problems with the embedded
//! reference data are bugs and are caught by tests, not returned here.

use std::fmt;

/// Why a code, period or name given by a user was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Not two ASCII digits, e.g. `1` or `A1`.
    #[error("invalid area code {input:?}: expected two digits such as \"01\"")]
    MalformedAreaCode {
        /// What was given.
        input: String,
    },
    /// A well-formed code that is not a province of the boundary version.
    #[error("unknown area {input:?} on the {version} boundaries{}", Nearest(.nearest))]
    UnknownArea {
        /// What was given.
        input: String,
        /// The boundary version that was searched.
        version: crate::BoundaryVersion,
        /// The closest valid codes, best first.
        nearest: Vec<String>,
    },
    /// A group id that is not defined.
    #[error("unknown group {input:?}{}", Nearest(.nearest))]
    UnknownGroup {
        /// What was given.
        input: String,
        /// The closest valid group ids, best first.
        nearest: Vec<String>,
    },
    /// Neither `pre2025` nor `2025`.
    #[error("unknown boundary version {input:?}{}", Nearest(.nearest))]
    UnknownBoundaryVersion {
        /// What was given.
        input: String,
        /// The valid names.
        nearest: Vec<String>,
    },
    /// A group id that cannot be used (empty, `VN`, or shaped like an area code).
    #[error("invalid group id {input:?}: {reason}")]
    InvalidGroupId {
        /// What was given.
        input: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// Not a month written `YYYY-MM` (or a quarter `YYYY-Qn`) in range.
    #[error("invalid period {input:?}: {reason}")]
    MalformedPeriod {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A VSIC code that is not in the VSIC 2018 hierarchy the project knows.
    #[error("unknown industry code {input:?}{}", Nearest(.nearest))]
    UnknownIndustry {
        /// What was given.
        input: String,
        /// The closest valid codes.
        nearest: Vec<String>,
    },
    /// A product code that is not in the basket.
    #[error("unknown product {input:?}{}", Nearest(.nearest))]
    UnknownProduct {
        /// What was given.
        input: String,
        /// The closest valid codes.
        nearest: Vec<String>,
    },
    /// A language other than `vi` or `en`.
    #[error("unknown language {input:?}; use vi or en")]
    UnknownLanguage {
        /// What was given.
        input: String,
    },
    /// A post-2025-06 period asked for on the pre-2025 boundaries.
    #[error(
        "period {period} cannot be stated on the pre2025 boundaries: the 63 provinces ended on 2025-06-30"
    )]
    PeriodAfterPre2025 {
        /// The offending period.
        period: crate::Period,
    },
    /// A typed number that cannot be read (see [`crate::number`]).
    #[error(transparent)]
    InvalidNumber(#[from] crate::number::NumberError),
}

/// Formats "; nearest valid: a, b, c" or nothing.
struct Nearest<'a>(&'a [String]);

impl fmt::Display for Nearest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, "; nearest valid: {}", self.0.join(", "))
        }
    }
}

/// Result alias for the core crate.
pub type Result<T> = std::result::Result<T, Error>;
