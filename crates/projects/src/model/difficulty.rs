//! Difficulties raised by businesses and associations, the agency that
//! must answer, by when, and how it was resolved.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::{Error, Reason, Result};
use crate::model::common::{Code, Label, Place, vocabulary};

vocabulary! {
    /// Who raised a difficulty.
    RaiserKind, "raised by" {
        /// A business.
        Business = ("business", "Doanh nghiệp", "Business"),
        /// A business association.
        Association = ("association", "Hiệp hội", "Association"),
    }
}

vocabulary! {
    /// Where a difficulty stands.
    DifficultyStatus, "status" {
        /// Received, not yet handled.
        Open = ("open", "Chưa xử lý", "Open"),
        /// Being handled.
        InProgress = ("in_progress", "Đang xử lý", "In progress"),
        /// Resolved (needs the date and the resolution).
        Resolved = ("resolved", "Đã giải quyết", "Resolved"),
        /// Answered without a change (outside the law, not justified).
        Answered = ("answered", "Đã trả lời", "Answered"),
    }
}

impl DifficultyStatus {
    /// Whether the agency still has to act.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

/// A difficulty (*khó khăn, vướng mắc của doanh nghiệp*).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difficulty {
    /// Unique in the register.
    pub id: Code,
    /// The business or association that raised it.
    pub raised_by: Label,
    /// Business or association.
    pub raiser_kind: RaiserKind,
    /// The topic, e.g. "Thủ tục đất đai".
    pub topic: Label,
    /// Details.
    pub detail: Option<Label>,
    /// The province (one code) on the version in force when entered.
    pub place: Place,
    /// The agency that must answer.
    pub agency: Label,
    /// When it was raised.
    pub raised: Date,
    /// The deadline for the answer.
    pub deadline: Date,
    /// Where it stands.
    pub status: DifficultyStatus,
    /// The answer or resolution.
    pub resolution: Option<Label>,
    /// When it was resolved or answered.
    pub closed_on: Option<Date>,
    /// True for synthetic demo data.
    pub synthetic: bool,
}

impl Difficulty {
    /// Deadline not before raised; a closed difficulty has its date and
    /// resolution, an open one has neither.
    pub fn validate(&self) -> Result<()> {
        let id = self.id.as_str();
        let bad = |field, input: String, en: &str, vi: &str| {
            Err(Error::invalid(
                field,
                input,
                Reason::new(en, vi).prefixed(
                    &format!("difficulty {id}"),
                    &format!("khó khăn, kiến nghị {id}"),
                ),
            ))
        };
        if self.place.provinces().len() != 1 {
            return bad(
                "province",
                self.place.list(),
                "one province only",
                "chỉ một tỉnh",
            );
        }
        if self.deadline < self.raised {
            return bad(
                "deadline",
                self.deadline.to_string(),
                "before the date it was raised",
                "trước ngày nêu kiến nghị",
            );
        }
        match (self.status.is_open(), self.closed_on, &self.resolution) {
            (false, None, _) | (false, _, None) => bad(
                "status",
                self.status.to_string(),
                "a resolved or answered difficulty needs the date and the resolution",
                "khó khăn đã giải quyết hoặc đã trả lời cần ngày và cách giải quyết",
            ),
            (true, Some(d), _) => bad(
                "closed on",
                d.to_string(),
                "an open difficulty has no closing date",
                "khó khăn đang mở thì chưa có ngày kết thúc",
            ),
            (false, Some(d), _) if d < self.raised => bad(
                "closed on",
                d.to_string(),
                "before the date it was raised",
                "trước ngày nêu kiến nghị",
            ),
            _ => Ok(()),
        }
    }

    /// Overdue on `today`: still open and the deadline has passed (the
    /// deadline day itself is not overdue).
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.deadline < today
    }

    /// Days past the deadline on `today` (0 when not overdue).
    pub fn days_overdue(&self, today: Date) -> i64 {
        if self.is_overdue(today) {
            today.days_since(self.deadline)
        } else {
            0
        }
    }
}
