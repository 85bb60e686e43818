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
//!
//! Every message a person may read exists in English (`Display`) and in
//! Vietnamese ([`Error::message`]); the free-text part is a [`Reason`]
//! in both languages where there is one.

use congthuong_core::Lang;

/// What is wrong, in English and Vietnamese (one type for the domain
/// crates, in `congthuong-core`).
pub use congthuong_core::Reason;

impl From<&Error> for Reason {
    fn from(e: &Error) -> Self {
        Self::new(e.to_string(), e.message(Lang::Vi))
    }
}

/// Why an OCOP score, certificate or product record was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Not a plain decimal number.
    #[error("invalid score {input:?}: {reason}")]
    MalformedScore {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: Reason,
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
        /// What is wrong with it (the GS1 crate's error, in both languages).
        reason: congthuong_gs1::Error,
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
        reason: Reason,
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

    /// The message in `lang` (`Display` is the English). A failure of the
    /// database stays English: it is for the log.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let cite = |c: &str| c.replace("Decision", "Quyết định");
        match self {
            Error::MalformedScore { input, reason } => {
                format!("điểm {input:?} không hợp lệ: {}", reason.vi)
            }
            Error::ScoreOutOfRange {
                part,
                value,
                max,
                criteria,
            } => format!(
                "điểm phần {part} là {value}, ngoài khoảng: theo {} phần {part} chấm từ 0 đến {max}",
                cite(criteria)
            ),
            Error::TotalOutOfRange { value } => {
                format!("tổng điểm {value} ngoài khoảng: tổng điểm OCOP từ 0 đến 100")
            }
            Error::UnknownCriteria { input } => format!(
                "không có bộ tiêu chí OCOP {input:?}: dùng 148 (Quyết định 148/QĐ-TTg, 2023) hoặc 1048 (Quyết định 1048/QĐ-TTg, 2019)"
            ),
            Error::NotCertifiable { stars } => format!(
                "sản phẩm {stars} sao không được cấp giấy chứng nhận OCOP: chỉ cấp cho sản phẩm từ 3 đến 5 sao"
            ),
            Error::ValidityBeforeDecision {
                decided,
                valid_until,
            } => format!(
                "ngày hết hiệu lực của giấy chứng nhận ({valid_until}) trước ngày quyết định ({decided})"
            ),
            Error::StarsDisagree {
                certificate,
                score,
                total,
            } => format!(
                "giấy chứng nhận ghi {certificate} sao nhưng tổng điểm {total} ứng với {score} sao"
            ),
            Error::MalformedDate { input } => format!(
                "ngày {input:?} không hợp lệ: cần dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2024-05-10"
            ),
            Error::MalformedGtin { input, reason } => {
                format!("mã GTIN {input:?} không hợp lệ: {}", reason.reason(true))
            }
            Error::UnknownGroup { input } => format!(
                "không có nhóm sản phẩm OCOP {input:?}: dùng food (thực phẩm), beverage (đồ uống), herbal (thảo dược), handicraft (thủ công mỹ nghệ), ornamental (sinh vật cảnh) hoặc tourism (dịch vụ du lịch)"
            ),
            Error::InvalidEntry { reason } => {
                format!("hồ sơ sản phẩm không hợp lệ: {}", reason.vi)
            }
            Error::Area(e) => e.vi(),
            Error::NoSuchProduct { id } => format!("sổ đăng ký không có sản phẩm số {id}"),
            Error::StaleEdit {
                id,
                expected,
                current,
            } => format!(
                "sản phẩm {id} vừa được người khác sửa: bạn sửa từ phiên bản {expected} nhưng phiên bản hiện tại là {current}; hãy tải lại rồi sửa lại"
            ),
            Error::ProvinceChange { id, from, to } => format!(
                "sản phẩm {id} thuộc tỉnh {from}: không chuyển sang {to} được (hãy thêm thành sản phẩm mới ở đó)"
            ),
            Error::GtinTaken { gtin, product } => {
                format!("mã GTIN {gtin} đã thuộc sản phẩm số {product} trong sổ đăng ký")
            }
            Error::Store(_) => self.to_string(),
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
