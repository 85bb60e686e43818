//! The one error type of the GS1 crate.
//!
//! Rule: every fallible function of `congthuong-gs1` returns [`Error`].
//! Every variant describes bad *input* (a code, URI or prefix length given
//! by a user or found in a document), so callers may show the message as
//! is; the CLI maps all of them to exit status 1. The check-digit variants
//! carry the GS1 linter's code ([`Error::code`]) so tests and reports can
//! match on it instead of on the wording.

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Why a GS1 code or URI was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Fewer than two digits: nothing to check.
    #[error("{input:?} is too short for a check digit (at least 2 digits are needed)")]
    TooShortForCheckDigit {
        /// What was given.
        input: String,
    },
    /// A character that is not a digit where only digits are allowed.
    #[error("{input:?}: character {found:?} at position {position} is not a digit")]
    NonDigit {
        /// What was given.
        input: String,
        /// 1-based position of the first offending character.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// The last digit is not the mod-10 check digit of the others.
    #[error("{input:?}: incorrect check digit {found}, expected {expected}")]
    IncorrectCheckDigit {
        /// What was given.
        input: String,
        /// The last digit as given.
        found: u8,
        /// The check digit the other digits call for.
        expected: u8,
    },
    /// A key with the wrong number of digits.
    #[error("{input:?}: a {kind} has {expected} digits, this has {found}")]
    WrongLength {
        /// What was given.
        input: String,
        /// The kind of key, e.g. `GTIN`.
        kind: &'static str,
        /// The allowed lengths, in words.
        expected: &'static str,
        /// The length found.
        found: usize,
    },
    /// A GS1 Company Prefix length outside 6 to 12.
    #[error("a GS1 Company Prefix has 6 to 12 digits, not {len}")]
    CompanyPrefixLength {
        /// The length given.
        len: usize,
    },
    /// Not a well-formed EPC URI of a supported scheme.
    #[error("invalid EPC URI {input:?}: {reason}")]
    MalformedUrn {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Not a well-formed GS1 Digital Link URI.
    #[error("invalid GS1 Digital Link URI {input:?}: {reason}")]
    MalformedDigitalLink {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A well-formed identifier that has no EPC URI equivalent here.
    #[error("{input:?} has no EPC URI form: {reason}")]
    NoEpcForm {
        /// What was given.
        input: String,
        /// Why.
        reason: &'static str,
    },
}

impl Error {
    /// The GS1 Syntax Engine linter code for check-digit problems
    /// (`GS1_LINTER_INCORRECT_CHECK_DIGIT`, …), `None` for other errors.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Error::TooShortForCheckDigit { .. } => Some("GS1_LINTER_TOO_SHORT_FOR_CHECK_DIGIT"),
            Error::NonDigit { .. } => Some("GS1_LINTER_NON_DIGIT_CHARACTER"),
            Error::IncorrectCheckDigit { .. } => Some("GS1_LINTER_INCORRECT_CHECK_DIGIT"),
            _ => None,
        }
    }

    pub(crate) fn urn(input: &str, reason: impl Into<String>) -> Error {
        Error::MalformedUrn {
            input: input.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn dl(input: &str, reason: impl Into<String>) -> Error {
        Error::MalformedDigitalLink {
            input: input.to_owned(),
            reason: reason.into(),
        }
    }
}
