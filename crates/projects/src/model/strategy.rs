//! Strategies and schemes: the catalogue of what each province must issue
//! (an analyst may add kinds) and, per province and kind, whether it is
//! issued (decision number and date) and folded into the provincial plan.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::{Error, Reason, Result};
use crate::model::common::{Code, Label, Place};

/// A kind of strategy or scheme a province should issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyKind {
    /// Its code, e.g. `ct_2021_2030_2045`.
    pub code: Code,
    /// Vietnamese name.
    pub name_vi: Label,
    /// English name.
    pub name_en: Label,
    /// Whether every province is expected to have one.
    pub required: bool,
    /// Display order.
    pub order: u32,
}

/// The kinds seeded by the first migration (code, Vietnamese, English,
/// required).
pub const DEFAULT_STRATEGY_KINDS: [(&str, &str, &str, bool); 4] = [
    (
        "ct_2021_2030_2045",
        "Chiến lược phát triển ngành Công Thương giai đoạn 2021–2030, tầm nhìn đến năm 2045",
        "Industry and trade development strategy 2021–2030, vision 2045",
        true,
    ),
    (
        "cnht_2021_2030",
        "Đề án phát triển công nghiệp hỗ trợ giai đoạn 2021–2030",
        "Supporting industries development scheme 2021–2030",
        true,
    ),
    (
        "xuat_khau_2030",
        "Đề án phát triển xuất khẩu đến năm 2030",
        "Export development scheme to 2030",
        false,
    ),
    (
        "tmdt_2021_2025",
        "Kế hoạch phát triển thương mại điện tử giai đoạn 2021–2025",
        "E-commerce development plan 2021–2025",
        false,
    ),
];

impl StrategyKind {
    /// The seeded catalogue.
    pub fn defaults() -> Vec<StrategyKind> {
        DEFAULT_STRATEGY_KINDS
            .iter()
            .zip(1..)
            .map(|((code, vi, en, required), order)| StrategyKind {
                code: Code::parse(code).expect("valid default code"),
                name_vi: Label::parse(vi).expect("valid default name"),
                name_en: Label::parse(en).expect("valid default name"),
                required: *required,
                order,
            })
            .collect()
    }
}

/// One province's state for one strategy kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyRecord {
    /// The province (one code) on the version in force when entered.
    pub place: Place,
    /// The strategy kind's code.
    pub kind: Code,
    /// Whether it has been issued.
    pub issued: bool,
    /// The decision number, e.g. `1234/QĐ-UBND`.
    pub decision_number: Option<Label>,
    /// The decision date.
    pub decision_date: Option<Date>,
    /// Whether it is folded into the provincial plan (*tích hợp vào quy hoạch tỉnh*).
    pub integrated: bool,
    /// A note.
    pub note: Option<Label>,
    /// True for synthetic demo data.
    pub synthetic: bool,
}

impl StrategyRecord {
    /// The register key: boundary, province and kind.
    pub fn key(&self) -> String {
        format!(
            "{}:{}:{}",
            self.place.boundary(),
            self.place.lead(),
            self.kind
        )
    }

    /// Issued needs a decision number and date; integrated needs issued;
    /// one province only.
    pub fn validate(&self) -> Result<()> {
        let key = self.key();
        if self.place.provinces().len() != 1 {
            return Err(Error::invalid(
                "province",
                self.place.list(),
                Reason::new(
                    "a strategy record is for one province",
                    "mỗi hồ sơ chiến lược, đề án chỉ của một tỉnh",
                ),
            ));
        }
        if self.issued && (self.decision_number.is_none() || self.decision_date.is_none()) {
            return Err(Error::invalid(
                "decision",
                key,
                Reason::new(
                    "an issued strategy needs its decision number and date",
                    "chiến lược, đề án đã ban hành cần số và ngày quyết định",
                ),
            ));
        }
        if !self.issued && self.integrated {
            return Err(Error::invalid(
                "integrated",
                key,
                Reason::new(
                    "a strategy that is not issued cannot be integrated into the plan",
                    "chiến lược, đề án chưa ban hành thì chưa tích hợp vào quy hoạch được",
                ),
            ));
        }
        Ok(())
    }
}
