//! The six OCOP product groups of Decision 148/QĐ-TTg (2023)
//! [verified in a press summary of the decision].
//!
//! Decision 1048/QĐ-TTg (2019) had six different branches (food,
//! beverages, herbs, textiles and garments, souvenirs–furniture–decoration,
//! rural tourism services); records scored under 1048 are mapped by hand.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An OCOP product group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductGroup {
    /// Thực phẩm.
    Food,
    /// Đồ uống.
    Beverage,
    /// Dược liệu và sản phẩm từ dược liệu.
    Herbal,
    /// Hàng thủ công mỹ nghệ.
    Handicraft,
    /// Sinh vật cảnh.
    Ornamental,
    /// Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch.
    Tourism,
}

impl ProductGroup {
    /// The six, in the decision's order.
    pub const ALL: [ProductGroup; 6] = [
        Self::Food,
        Self::Beverage,
        Self::Herbal,
        Self::Handicraft,
        Self::Ornamental,
        Self::Tourism,
    ];

    /// Parses the code (`food`, …).
    pub fn parse(input: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|g| g.code() == input.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::UnknownGroup {
                input: input.to_owned(),
            })
    }

    /// The code stored and matched on.
    pub fn code(self) -> &'static str {
        match self {
            Self::Food => "food",
            Self::Beverage => "beverage",
            Self::Herbal => "herbal",
            Self::Handicraft => "handicraft",
            Self::Ornamental => "ornamental",
            Self::Tourism => "tourism",
        }
    }

    /// The Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::Food => "Thực phẩm",
            Self::Beverage => "Đồ uống",
            Self::Herbal => "Dược liệu và sản phẩm từ dược liệu",
            Self::Handicraft => "Hàng thủ công mỹ nghệ",
            Self::Ornamental => "Sinh vật cảnh",
            Self::Tourism => "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Food => "Food",
            Self::Beverage => "Beverages",
            Self::Herbal => "Medicinal herbs and herbal products",
            Self::Handicraft => "Handicrafts",
            Self::Ornamental => "Ornamental plants and animals",
            Self::Tourism => "Community tourism, eco-tourism and tourist sites",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for g in ProductGroup::ALL {
            assert_eq!(ProductGroup::parse(g.code()).unwrap(), g);
        }
        assert_eq!(ProductGroup::parse(" Food ").unwrap(), ProductGroup::Food);
        assert!(ProductGroup::parse("textiles").is_err());
    }
}
