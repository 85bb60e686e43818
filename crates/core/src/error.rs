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

impl Error {
    /// The message in `lang` (`Display` is the English).
    pub fn message(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Vi => self.vi(),
        }
    }

    /// The message in Vietnamese, for the pages (codes stay as typed).
    pub fn vi(&self) -> String {
        let near = |n: &[String]| {
            if n.is_empty() {
                String::new()
            } else {
                format!("; mã gần nhất: {}", n.join(", "))
            }
        };
        match self {
            Error::MalformedAreaCode { input } => {
                format!("mã tỉnh {input:?} không hợp lệ: cần hai chữ số, ví dụ \"01\"")
            }
            Error::UnknownArea {
                input,
                version,
                nearest,
            } => format!(
                "không có tỉnh, thành phố mã {input:?} trên bản đồ {}{}",
                match version {
                    crate::BoundaryVersion::Pre2025 => "63 tỉnh, thành (trước 1/7/2025)",
                    crate::BoundaryVersion::V2025 => "34 tỉnh, thành (từ 1/7/2025)",
                },
                near(nearest)
            ),
            Error::UnknownGroup { input, nearest } => {
                format!("không có vùng, nhóm tỉnh {input:?}{}", near(nearest))
            }
            Error::UnknownBoundaryVersion { input, nearest } => format!(
                "không có phiên bản địa giới {input:?} (dùng pre2025: 63 tỉnh, hoặc 2025: 34 tỉnh){}",
                near(nearest)
            ),
            Error::InvalidGroupId { input, reason } => format!(
                "mã nhóm {input:?} không dùng được: {}",
                match *reason {
                    "empty" => "để trống",
                    "VN is reserved for the national aggregate" => "VN là mã của cả nước",
                    "a two-digit id would be mistaken for a province code" => {
                        "mã hai chữ số sẽ bị nhầm với mã tỉnh"
                    }
                    _ => "dùng tối đa 64 ký tự, không có dấu cách, dấu phẩy hay dấu nháy",
                }
            ),
            Error::MalformedPeriod { input, reason } => format!(
                "kỳ {input:?} không hợp lệ: {}",
                match *reason {
                    "year must have four digits" => "năm phải có bốn chữ số",
                    "month must be 01 to 12" => "tháng phải từ 01 đến 12",
                    "expected YYYY-Q1 to YYYY-Q4" => "cần dạng YYYY-Q1 đến YYYY-Q4 (năm, quý)",
                    "expected YYYY-Qn" => "cần dạng YYYY-Qn (năm, quý)",
                    _ => "cần dạng YYYY-MM (năm, tháng), ví dụ 2025-06",
                }
            ),
            Error::UnknownIndustry { input, nearest } => {
                format!(
                    "không có mã ngành {input:?} trong VSIC 2018{}",
                    near(nearest)
                )
            }
            Error::UnknownProduct { input, nearest } => format!(
                "không có sản phẩm mã {input:?} trong danh mục sản phẩm chủ yếu{}",
                near(nearest)
            ),
            Error::UnknownLanguage { input } => {
                format!("không có ngôn ngữ {input:?}; dùng vi hoặc en")
            }
            Error::PeriodAfterPre2025 { period } => format!(
                "kỳ {period} không tính được trên bản đồ 63 tỉnh (pre2025): 63 tỉnh, thành chỉ đến hết 30/6/2025"
            ),
            Error::InvalidNumber(e) => e.message(crate::Lang::Vi),
        }
    }
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

#[cfg(test)]
mod tests {
    use crate::{AreaCode, BoundaryVersion, Lang, Period};

    #[test]
    fn every_message_is_also_in_vietnamese() {
        let errors = [
            AreaCode::parse("x1").unwrap_err(),
            crate::Geography::embedded()
                .area("99", BoundaryVersion::V2025)
                .unwrap_err(),
            "2099-13".parse::<Period>().unwrap_err(),
            "1990".parse::<BoundaryVersion>().unwrap_err(),
            crate::GroupId::parse("VN").unwrap_err(),
            "xx".parse::<Lang>().unwrap_err(),
        ];
        for e in errors {
            let vi = e.message(Lang::Vi);
            assert_ne!(vi, e.to_string());
            for english in ["invalid", "unknown", "expected", "must", " the "] {
                assert!(!vi.contains(english), "{vi}");
            }
            assert_eq!(e.message(Lang::En), e.to_string());
        }
        assert_eq!(
            "2099-13".parse::<Period>().unwrap_err().vi(),
            "kỳ \"2099-13\" không hợp lệ: tháng phải từ 01 đến 12"
        );
    }
}
