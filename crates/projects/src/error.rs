//! The one error type of the projects crate.
//!
//! Rule: every fallible function of `congthuong-projects` returns
//! [`Error`]. [`Error::is_user_error`] says whose it is to fix: a value that
//! fails validation, a record that does not exist, an edit the actor may
//! not make, an attempt to rewrite history, a stale edit and a bad import
//! file are the user's (the CLI exits 1); a database or spreadsheet-writer
//! failure is internal (exit 2). A failed write leaves the database as it
//! was: every change runs in one transaction with its audit entry.
//!
//! Every message a person may read exists in English (`Display`) and in
//! Vietnamese ([`Error::message`]): the free-text part of an error is a
//! [`Reason`], written in both languages where it is made; field and
//! record names come from [`field_vi`].

use congthuong_core::Lang;
use congthuong_intake::InputErrors;

/// What is wrong, in English and in Vietnamese (one type for the domain
/// crates, in `congthuong-core`).
pub use congthuong_core::Reason;

/// The Vietnamese name of a field or kind of record the errors name
/// (their English names); an unknown name is returned as it is.
pub fn field_vi(name: &str) -> &str {
    match name {
        "date" => "ngày",
        "code" => "mã",
        "text" => "nội dung",
        "amount" => "số tiền",
        "percentage" => "tỷ lệ phần trăm",
        "boundary version" => "phiên bản địa giới",
        "province" => "tỉnh, thành phố",
        "yes/no" => "có/không",
        "group" => "vùng, nhóm tỉnh",
        "sector" => "lĩnh vực",
        "capital by source" => "vốn theo nguồn",
        "milestone" => "mốc tiến độ",
        "re-plan" => "điều chỉnh kế hoạch",
        "area cleared" => "diện tích đã giải phóng mặt bằng",
        "households relocated" => "số hộ đã tái định cư",
        "procedure done" => "ngày hoàn thành thủ tục",
        "disbursement year" => "năm giải ngân",
        "disbursement month" => "tháng giải ngân",
        "PM-assigned plan" => "kế hoạch Thủ tướng giao",
        "blocker" => "vướng mắc",
        "blocker deadline" => "hạn xử lý vướng mắc",
        "blocker resolved" => "ngày giải quyết vướng mắc",
        "resolved" => "ngày giải quyết",
        "decision" => "quyết định",
        "integrated" => "tích hợp vào quy hoạch",
        "year" => "năm",
        "status" => "tình trạng",
        "closed on" => "ngày kết thúc",
        "deadline" => "hạn trả lời",
        "project" => "dự án",
        "difficulty" => "khó khăn, kiến nghị",
        "strategy kind" => "loại chiến lược, đề án",
        "strategy record" => "hồ sơ chiến lược, đề án",
        "investment record" => "hồ sơ thu hút đầu tư",
        "project level" => "cấp dự án",
        "capital source" => "nguồn vốn",
        "blocker category" => "loại vướng mắc",
        "escalation level" => "cấp xử lý",
        "raised by" => "bên kiến nghị",
        "priority industry" => "ngành ưu tiên",
        "origin" => "nguồn đầu tư",
        "audit entry" => "nhật ký",
        other => other,
    }
}

/// A record named in English (`project DA-24-007`, `projects/DA-24-007`)
/// in Vietnamese.
fn object_vi(object: &str) -> String {
    for (en, vi) in [
        ("project ", "dự án "),
        ("difficulty ", "khó khăn, kiến nghị "),
        ("strategy record ", "hồ sơ chiến lược, đề án "),
        ("investment record ", "hồ sơ thu hút đầu tư "),
        ("projects/", "dự án "),
        ("difficulties/", "khó khăn, kiến nghị "),
        ("strategies/", "hồ sơ chiến lược, đề án "),
        ("investment/", "hồ sơ thu hút đầu tư "),
    ] {
        if let Some(rest) = object.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    object.to_owned()
}

/// Why an operation on the projects registers failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value that fails validation (a date, an amount, a code, a name).
    #[error("invalid {field} {input:?}: {reason}")]
    Invalid {
        /// What was being built, e.g. `date` or `project id`.
        field: &'static str,
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: Reason,
    },
    /// A record that is not in the register.
    #[error("no {what} {key:?}")]
    NotFound {
        /// The kind of record.
        what: &'static str,
        /// Its key.
        key: String,
    },
    /// The actor may not make this change (a provincial officer editing
    /// another province's record, or an officer editing the catalogue).
    #[error("{actor} may not change {object}: {reason}")]
    Forbidden {
        /// Who tried.
        actor: String,
        /// What they tried to change.
        object: String,
        /// Which rule refused it.
        reason: Reason,
    },
    /// An edit that would rewrite history (drop or alter a re-plan or a
    /// progress update, move a baseline).
    #[error("{object}: history is append-only: {reason}")]
    AppendOnly {
        /// The record.
        object: String,
        /// What the edit tried to change.
        reason: Reason,
    },
    /// The record changed since the caller read it (optimistic concurrency).
    #[error(
        "{object} is at version {current}, not {expected}: someone changed it since you read it; reload and try again"
    )]
    Stale {
        /// The record.
        object: String,
        /// The version the caller based the edit on.
        expected: u32,
        /// The version in the register.
        current: u32,
    },
    /// A spreadsheet that could not be imported: every problem found, each
    /// with sheet, row, column and reason. Nothing was stored.
    #[error(transparent)]
    Import(#[from] InputErrors),
    /// The database failed.
    #[error("projects database: {0}")]
    Storage(#[from] rusqlite::Error),
    /// A stored record could not be read back (a bug or a damaged file).
    #[error("projects database: stored {what} {key:?} is unreadable: {reason}")]
    Corrupt {
        /// The kind of record.
        what: &'static str,
        /// Its key.
        key: String,
        /// The decoding error.
        reason: String,
    },
    /// Writing a spreadsheet or CSV failed.
    #[error("writing {path}: {reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// True when the user can fix the cause (see the module rule).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            Error::Storage(_) | Error::Corrupt { .. } | Error::Write { .. }
        )
    }

    pub(crate) fn invalid(field: &'static str, input: impl Into<String>, reason: Reason) -> Self {
        Error::Invalid {
            field,
            input: input.into(),
            reason,
        }
    }

    pub(crate) fn invalid_date(input: impl Into<String>, en: &str, vi: &str) -> Self {
        Self::invalid("date", input, Reason::new(en, vi))
    }

    /// The reason alone, for messages that already name the field (import
    /// errors name the column).
    pub fn reason(&self) -> String {
        self.reason_in(Lang::En)
    }

    /// [`Error::reason`] in a language.
    pub fn reason_in(&self, lang: Lang) -> String {
        match self {
            Error::Invalid { input, reason, .. } => format!("{input:?}: {}", reason.get(lang)),
            other => other.message(lang),
        }
    }

    /// The message in `lang` (`Display` is the English). Internal
    /// failures (database, files) stay in English in both: they are for
    /// the log, not for the reader.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::Invalid {
                field,
                input,
                reason,
            } => format!("{} {input:?} không hợp lệ: {}", field_vi(field), reason.vi),
            Error::NotFound { what, key } => format!("không có {} {key:?}", field_vi(what)),
            Error::Forbidden {
                actor,
                object,
                reason,
            } => format!(
                "{} không được sửa {}: {}",
                crate::model::actor::actor_label(actor, Lang::Vi),
                object_vi(object),
                reason.vi
            ),
            Error::AppendOnly { object, reason } => format!(
                "{}: lịch sử chỉ được ghi thêm, không sửa hay xoá: {}",
                object_vi(object),
                reason.vi
            ),
            Error::Stale {
                object,
                expected,
                current,
            } => format!(
                "{} đang ở phiên bản {current}, không phải {expected}: đã có người sửa sau khi bạn mở; hãy tải lại rồi làm lại",
                object_vi(object)
            ),
            Error::Import(e) => e.to_string(),
            Error::Storage(_) | Error::Corrupt { .. } | Error::Write { .. } => self.to_string(),
        }
    }
}

/// Result alias for the projects crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::common::{Label, percent};
    use crate::{Actor, Date, Place};
    use congthuong_core::BoundaryVersion;

    #[test]
    fn every_message_a_reader_sees_is_also_in_vietnamese() {
        let hanoi = Place::one(BoundaryVersion::V2025, "01").unwrap();
        let errors = [
            Date::parse("2025-13-40").unwrap_err(),
            Date::parse("abc").unwrap_err(),
            percent(150.0).unwrap_err(),
            Label::parse(" ").unwrap_err(),
            Place::one(BoundaryVersion::V2025, "99").unwrap_err(),
            Actor::officer("Lan", BoundaryVersion::V2025, "24")
                .unwrap()
                .check(&hanoi, "project DA-01-001")
                .unwrap_err(),
            Error::Stale {
                object: "projects/DA-01-001".into(),
                expected: 1,
                current: 2,
            },
            Error::NotFound {
                what: "milestone",
                key: "DA-01-001/M9".into(),
            },
        ];
        for e in &errors {
            let vi = e.message(Lang::Vi);
            assert_eq!(e.message(Lang::En), e.to_string());
            for english in [
                "invalid", "must", "expected", " the ", "project", "officer", "no such",
            ] {
                assert!(!vi.contains(english), "{vi}");
            }
        }
        assert_eq!(
            errors[0].message(Lang::Vi),
            "ngày \"2025-13-40\" không hợp lệ: tháng phải từ 01 đến 12"
        );
        assert_eq!(
            errors[5].message(Lang::Vi),
            "Lan (cán bộ Sở · Bắc Ninh) không được sửa dự án DA-01-001: hồ sơ thuộc tỉnh 01 (bản đồ 2025), không phải tỉnh của cán bộ"
        );
        assert_eq!(errors[2].reason_in(Lang::Vi), "\"150\": phải từ 0 đến 100");
    }
}
