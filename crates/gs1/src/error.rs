//! The one error type of the GS1 crate.
//!
//! Rule: every fallible function of `congthuong-gs1` returns [`Error`].
//! Every variant describes bad *input* (a code, URI or prefix length given
//! by a user or found in a document), so callers may show the message as
//! is; the CLI maps all of them to exit status 1. The check-digit variants
//! carry the GS1 linter's code ([`Error::code`]) so tests and reports can
//! match on it instead of on the wording.
//!
//! Every message exists in English (`Display`) and in Vietnamese
//! ([`Error::vi`]): the public page a Digital Link opens is Vietnamese
//! first. The free-text part of a malformed URI is a [`Reason`], written in
//! both languages where it is made.

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// What is wrong with a URI or value, in English and in Vietnamese.
/// `Display` writes the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// English.
    pub en: String,
    /// Vietnamese.
    pub vi: String,
}

impl Reason {
    /// Both versions.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Reason {
        Reason {
            en: en.into(),
            vi: vi.into(),
        }
    }

    /// `name: reason` in both languages; `name` is an English name that
    /// [`vi_name`] knows.
    pub(crate) fn about(self, name: &str) -> Reason {
        Reason {
            en: format!("{name}: {}", self.en),
            vi: format!("{}: {}", vi_name(name), self.vi),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// The Vietnamese name of a part of an identifier, from its English name
/// (the names the key and qualifier tables and the EPC parser use); codes
/// such as `GTIN` stay as they are.
pub fn vi_name(name: &str) -> &str {
    match name {
        "serial" => "số sê-ri",
        "lot" => "số lô",
        "value" => "giá trị",
        "extension" => "phần mở rộng",
        "GLN extension" => "phần mở rộng GLN",
        "consumer product variant" => "biến thể sản phẩm tiêu dùng",
        "third-party serial" => "số sê-ri của bên thứ ba",
        "CPID serial" => "số sê-ri CPID",
        "service relation instance" => "số phiên quan hệ dịch vụ",
        "serial reference" => "số tham chiếu sê-ri",
        "location reference" => "số tham chiếu địa điểm",
        "indicator and item reference" => "số chỉ thị và số tham chiếu mặt hàng",
        "company prefix" => "mã doanh nghiệp (GS1 Company Prefix)",
        "party GLN" => "GLN của bên liên quan",
        "GSRN (provider)" => "GSRN (bên cung cấp dịch vụ)",
        "GSRN (recipient)" => "GSRN (bên nhận dịch vụ)",
        "\"*\"" => "dấu \"*\"",
        other => other,
    }
}

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
        reason: Reason,
    },
    /// Not a well-formed GS1 Digital Link URI.
    #[error("invalid GS1 Digital Link URI {input:?}: {reason}")]
    MalformedDigitalLink {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: Reason,
    },
    /// A well-formed identifier that has no EPC URI equivalent here.
    #[error("{input:?} has no EPC URI form: {reason}")]
    NoEpcForm {
        /// What was given.
        input: String,
        /// Why.
        reason: Reason,
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

    /// The message in Vietnamese (`Display` gives the English).
    pub fn vi(&self) -> String {
        match self {
            Error::TooShortForCheckDigit { input } => {
                format!("{input:?} quá ngắn để có số kiểm tra (cần ít nhất 2 chữ số)")
            }
            Error::NonDigit {
                input,
                position,
                found,
            } => format!("{input:?}: ký tự {found:?} ở vị trí {position} không phải chữ số"),
            Error::IncorrectCheckDigit {
                input,
                found,
                expected,
            } => format!(
                "{input:?}: số kiểm tra (chữ số cuối) sai: là {found}, đúng phải là {expected}; hãy xem lại mã"
            ),
            Error::WrongLength {
                input,
                kind,
                expected,
                found,
            } => format!(
                "{input:?}: mã {kind} có {} chữ số, mã này có {found}",
                expected.replace(" or ", " hoặc ")
            ),
            Error::CompanyPrefixLength { len } => {
                format!(
                    "mã doanh nghiệp GS1 (GS1 Company Prefix) có từ 6 đến 12 chữ số, không phải {len}"
                )
            }
            Error::MalformedUrn { input, reason } => {
                format!("mã EPC URI {input:?} không hợp lệ: {}", reason.vi)
            }
            Error::MalformedDigitalLink { input, reason } => {
                format!(
                    "đường dẫn GS1 Digital Link {input:?} không hợp lệ: {}",
                    reason.vi
                )
            }
            Error::NoEpcForm { input, reason } => {
                format!("{input:?} không có dạng EPC URI: {}", reason.vi)
            }
        }
    }

    /// The message in Vietnamese (`vi == true`) or English.
    pub fn message(&self, vi: bool) -> String {
        if vi { self.vi() } else { self.to_string() }
    }

    /// The reason alone, without the input (for a page that already shows
    /// the input), in Vietnamese or English.
    pub fn reason(&self, vi: bool) -> String {
        let pick = |en: String, v: String| if vi { v } else { en };
        match self {
            Error::MalformedUrn { reason, .. }
            | Error::MalformedDigitalLink { reason, .. }
            | Error::NoEpcForm { reason, .. } => pick(reason.en.clone(), reason.vi.clone()),
            Error::NonDigit {
                position, found, ..
            } => pick(
                format!("character {found:?} at position {position} is not a digit"),
                format!("ký tự {found:?} ở vị trí {position} không phải chữ số"),
            ),
            Error::IncorrectCheckDigit {
                found, expected, ..
            } => pick(
                format!("incorrect check digit {found}, expected {expected}"),
                format!("số kiểm tra (chữ số cuối) sai: là {found}, đúng phải là {expected}"),
            ),
            Error::WrongLength {
                kind,
                expected,
                found,
                ..
            } => pick(
                format!("a {kind} has {expected} digits, this has {found}"),
                format!(
                    "mã {kind} có {} chữ số, mã này có {found}",
                    expected.replace(" or ", " hoặc ")
                ),
            ),
            other => pick(other.to_string(), other.vi()),
        }
    }

    pub(crate) fn urn(input: &str, reason: Reason) -> Error {
        Error::MalformedUrn {
            input: input.to_owned(),
            reason,
        }
    }

    pub(crate) fn dl(input: &str, reason: Reason) -> Error {
        Error::MalformedDigitalLink {
            input: input.to_owned(),
            reason,
        }
    }
}
