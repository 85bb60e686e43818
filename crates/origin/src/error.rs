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

use crate::text::{Lang, Text};

/// Why an input to the origin calculator was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Not an HS code of 2, 4 or 6 digits (8 or 10 accepted as national lines).
    #[error("invalid HS code {input:?}: {reason}")]
    MalformedHs {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: Text,
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
        reason: Text,
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
        reason: Text,
    },
    /// Product data that cannot describe a real product (e.g. a zero price).
    #[error("invalid product: {reason}")]
    InvalidProduct {
        /// What is wrong.
        reason: Text,
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

    /// The message in `lang` (`Display` is the English). A failure of the
    /// database stays English: it is for the log.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::MalformedHs { input, reason } => {
                format!("mã HS {input:?} không hợp lệ: {}", reason.vi)
            }
            Error::ProductHsTooCoarse { input } => format!(
                "mã HS {input:?} của sản phẩm phải có 6 chữ số (phân nhóm, ví dụ 7308.90): chuyển đổi mã số hàng hoá và chứng nhận xuất xứ xét ở cấp này"
            ),
            Error::MalformedAmount { input, reason } => {
                format!("số tiền {input:?} không hợp lệ: {}", reason.vi)
            }
            Error::MalformedCountry { input } => format!(
                "mã nước {input:?} không hợp lệ: cần mã hai chữ cái ISO 3166-1 như VN, JP, DE (hoặc EU)"
            ),
            Error::OriginatingWithoutCountry { line } => format!(
                "dòng {line}: nguyên liệu có xuất xứ cần ghi nước xuất xứ (nước thành viên nơi nó có xuất xứ, ví dụ VN, TH, JP)"
            ),
            Error::MalformedOriginating { input } => format!(
                "tình trạng xuất xứ {input:?} không hợp lệ: cần có, không hoặc không rõ (yes, no, unknown)"
            ),
            Error::UnknownAgreement { input } => format!(
                "không có hiệp định {input:?}: dùng atiga, cptpp, evfta, rcep (hoặc all: tất cả)"
            ),
            Error::MalformedRule {
                input,
                column,
                reason,
            } => format!(
                "quy tắc {input:?} không hợp lệ ở ký tự thứ {column}: {}",
                reason.vi
            ),
            Error::InvalidProduct { reason } => {
                format!("thông tin sản phẩm không hợp lệ: {}", reason.vi)
            }
            Error::Input(e) => e.to_string(),
            Error::Store(_) => self.to_string(),
        }
    }

    /// The reason alone, without the input (for a form that shows the
    /// input beside it), in `lang`.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            Error::MalformedHs { reason, .. }
            | Error::MalformedAmount { reason, .. }
            | Error::InvalidProduct { reason } => reason.get(lang).to_owned(),
            other => other.message(lang),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Store(e.to_string())
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::{parse_amount, parse_price};
    use crate::hs::HsCode;
    use crate::rule::Rule;

    #[test]
    fn every_message_a_user_sees_is_also_in_vietnamese() {
        let errors = [
            HsCode::parse("73089").unwrap_err(),
            HsCode::parse("7x").unwrap_err(),
            parse_amount("abc").unwrap_err(),
            parse_amount("-5").unwrap_err(),
            parse_price("0").unwrap_err(),
            Rule::parse("RVC40 hoặc CTX").unwrap_err(),
            Rule::parse("").unwrap_err(),
            Rule::parse("RVC40 CTH").unwrap_err(),
            crate::agreement::Agreement::parse("nafta").unwrap_err(),
            crate::country::Country::parse("VNM").unwrap_err(),
        ];
        for e in &errors {
            let vi = e.message(Lang::Vi);
            assert_eq!(e.message(Lang::En), e.to_string());
            for english in [
                "invalid",
                "expected",
                "unknown",
                "must",
                " the ",
                "digits",
                "not a",
                "unexpected",
            ] {
                assert!(!vi.contains(english), "{vi}");
            }
        }
        assert_eq!(
            errors[0].message(Lang::Vi),
            "mã HS \"73089\" không hợp lệ: 5 chữ số: cần 2 (chương), 4 (nhóm) hoặc 6 (phân nhóm); 8 hoặc 10 cho dòng thuế quốc gia"
        );
        assert!(
            errors[5].message(Lang::Vi).contains("có phải là CTH"),
            "{}",
            errors[5].message(Lang::Vi)
        );
    }
}
