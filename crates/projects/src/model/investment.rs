//! Investment attraction: projects and capital registered and disbursed,
//! by province, year, priority industry and domestic or foreign origin.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};
use crate::model::common::{Amount, Place, vocabulary};

vocabulary! {
    /// The priority industries of the conference.
    PriorityIndustry, "priority industry" {
        /// Supporting industries (*công nghiệp hỗ trợ*).
        Supporting = ("supporting", "Công nghiệp hỗ trợ", "Supporting industries"),
        /// Chemicals (*hóa chất*).
        Chemicals = ("chemicals", "Hóa chất", "Chemicals"),
        /// Mechanical engineering (*cơ khí*).
        Mechanical = ("mechanical", "Cơ khí", "Mechanical engineering"),
        /// Processing and manufacturing (*chế biến, chế tạo*).
        Processing = ("processing", "Chế biến, chế tạo", "Processing and manufacturing"),
        /// Electronics (*điện tử*).
        Electronics = ("electronics", "Điện tử", "Electronics"),
        /// Outside the priority list.
        Other = ("other", "Ngành khác", "Other industries"),
    }
}

vocabulary! {
    /// Where the capital comes from.
    Origin, "origin" {
        /// Domestic investors (*trong nước*).
        Domestic = ("domestic", "Trong nước", "Domestic"),
        /// Foreign investors (*nước ngoài*, FDI).
        Foreign = ("foreign", "Nước ngoài", "Foreign"),
    }
}

/// One cell of the investment register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvestmentRecord {
    /// The province (one code) on the version in force when entered.
    pub place: Place,
    /// The year.
    pub year: i32,
    /// The priority industry.
    pub industry: PriorityIndustry,
    /// Domestic or foreign.
    pub origin: Origin,
    /// Projects newly registered.
    pub projects: u32,
    /// Capital registered, billion VND (foreign capital converted at the
    /// year's average rate).
    pub registered: Amount,
    /// Capital disbursed, billion VND.
    pub disbursed: Amount,
    /// True for synthetic demo data.
    pub synthetic: bool,
}

impl InvestmentRecord {
    /// The register key.
    pub fn key(&self) -> String {
        format!(
            "{}:{}:{}:{}:{}",
            self.place.boundary(),
            self.place.lead(),
            self.year,
            self.industry,
            self.origin
        )
    }

    /// One province, a plausible year.
    pub fn validate(&self) -> Result<()> {
        if self.place.provinces().len() != 1 {
            return Err(Error::invalid(
                "province",
                self.place.list(),
                Reason::new(
                    "an investment record is for one province",
                    "mỗi hồ sơ thu hút đầu tư chỉ của một tỉnh",
                ),
            ));
        }
        if !(1990..=2200).contains(&self.year) {
            return Err(Error::invalid(
                "year",
                self.year.to_string(),
                Reason::new("expected 1990 to 2200", "cần từ 1990 đến 2200"),
            ));
        }
        Ok(())
    }
}
