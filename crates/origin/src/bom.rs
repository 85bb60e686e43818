//! The product and its bill of materials.
//!
//! A [`Product`] carries the good's HS subheading, its ex-works price, and
//! optionally its FOB price, cost breakdown (for build-up formulas) and net
//! cost (for CPTPP's net cost method). A [`BillOfMaterials`] is a list of
//! [`Material`] lines: HS code, description, value, originating status and
//! country. All values are in one currency; all are exact decimals.
//!
//! Materials of unknown origin are kept as such so the output can say how
//! many there were, and counted as non-originating everywhere: RCEP Art.
//! 3.5 and CPTPP Art. 3.1 include "materials of undetermined origin" in the
//! value of non-originating materials, and under EVFTA Protocol 1 a
//! material is non-originating unless proven originating.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::error::{Error, Result};
use crate::hs::{HsCode, HsEdition, HsLevel};

/// Whether a material is originating under the agreement being tested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Originating {
    /// Originating, with a proof of origin from the supplier.
    Yes,
    /// Non-originating (imported from a non-Party, or without proof).
    No,
    /// Not known; counted as non-originating.
    Unknown,
}

impl Originating {
    /// Parses yes/no/unknown in English or Vietnamese (`có`, `không`,
    /// `không rõ`), also `y`, `n`, `true`, `false`, `1`, `0`, `?`.
    pub fn parse(input: &str) -> Result<Self> {
        let t = congthuong_core::text::nfc(input.trim()).to_lowercase();
        match t.as_str() {
            "yes" | "y" | "true" | "1" | "có" | "co" => Ok(Self::Yes),
            "no" | "n" | "false" | "0" | "không" | "khong" => Ok(Self::No),
            "unknown" | "?" | "không rõ" | "khong ro" | "chưa rõ" | "chua ro" => {
                Ok(Self::Unknown)
            }
            _ => Err(Error::MalformedOriginating {
                input: input.to_owned(),
            }),
        }
    }
}

/// One line of a bill of materials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// Where the line came from (file line, header = 1), for messages.
    pub line: u64,
    /// The material's HS code; optional, but a non-originating material
    /// without one cannot be shown to satisfy a tariff shift.
    pub hs: Option<HsCode>,
    /// Free text, NFC-normalised.
    pub description: String,
    /// The material's value (CIF at import or first ascertainable price).
    pub value: Decimal,
    /// Originating status.
    pub originating: Originating,
    /// Country of origin; required for an originating material (the Party
    /// in which it originates).
    pub country: Option<Country>,
}

impl Material {
    /// Builds a line, checking that an originating material names its country.
    pub fn new(
        line: u64,
        hs: Option<HsCode>,
        description: &str,
        value: Decimal,
        originating: Originating,
        country: Option<Country>,
    ) -> Result<Self> {
        crate::amount::check_amount(value)?;
        if originating == Originating::Yes && country.is_none() {
            return Err(Error::OriginatingWithoutCountry { line });
        }
        Ok(Self {
            line,
            hs,
            description: congthuong_core::text::nfc(description.trim()),
            value,
            originating,
            country,
        })
    }
}

/// The materials used to make one unit (or one batch) of the product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillOfMaterials {
    materials: Vec<Material>,
}

impl BillOfMaterials {
    /// Wraps the lines (an empty list is allowed: a wholly obtained good).
    pub fn new(materials: Vec<Material>) -> Self {
        Self { materials }
    }

    /// The lines, in input order.
    pub fn materials(&self) -> &[Material] {
        &self.materials
    }

    /// The sum of every line's value.
    pub fn total(&self) -> Decimal {
        self.materials.iter().map(|m| m.value).sum()
    }
}

/// Costs other than materials, for the build-up ("direct") formula of
/// ATIGA Art. 29 and RCEP Art. 3.5.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Costs {
    /// Direct labour cost, including benefits.
    pub direct_labour: Decimal,
    /// Direct overhead cost.
    pub direct_overhead: Decimal,
    /// Profit.
    pub profit: Decimal,
    /// Other costs (e.g. inland transport to the port of export).
    pub other: Decimal,
}

impl Costs {
    /// The sum of the four components.
    pub fn total(&self) -> Decimal {
        self.direct_labour + self.direct_overhead + self.profit + self.other
    }
}

/// The exported good.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    hs: HsCode,
    ex_works: Decimal,
    fob: Option<Decimal>,
    costs: Option<Costs>,
    net_cost: Option<Decimal>,
    edition: HsEdition,
}

impl Product {
    /// A product with its 6-digit HS code and ex-works price (above zero).
    pub fn new(hs: HsCode, ex_works: Decimal) -> Result<Self> {
        if hs.level() != HsLevel::Subheading {
            return Err(Error::ProductHsTooCoarse {
                input: hs.to_string(),
            });
        }
        positive("ex-works price", ex_works)?;
        Ok(Self {
            hs,
            ex_works,
            fob: None,
            costs: None,
            net_cost: None,
            edition: HsEdition::default(),
        })
    }

    /// Sets the FOB price (above zero).
    pub fn with_fob(mut self, fob: Decimal) -> Result<Self> {
        positive("FOB price", fob)?;
        self.fob = Some(fob);
        Ok(self)
    }

    /// Sets the cost breakdown (each component zero or more).
    pub fn with_costs(mut self, costs: Costs) -> Result<Self> {
        for (name, v) in [
            ("direct labour cost", costs.direct_labour),
            ("direct overhead cost", costs.direct_overhead),
            ("profit", costs.profit),
            ("other cost", costs.other),
        ] {
            crate::amount::check_amount(v).map_err(|e| Error::InvalidProduct {
                reason: about(name, &e),
            })?;
        }
        self.costs = Some(costs);
        Ok(self)
    }

    /// Sets the net cost (above zero), for CPTPP's net cost method.
    pub fn with_net_cost(mut self, net_cost: Decimal) -> Result<Self> {
        positive("net cost", net_cost)?;
        self.net_cost = Some(net_cost);
        Ok(self)
    }

    /// Sets the HS edition the codes are read in (default HS 2022).
    pub fn with_edition(mut self, edition: HsEdition) -> Self {
        self.edition = edition;
        self
    }

    /// The good's HS code (subheading level).
    pub fn hs(&self) -> &HsCode {
        &self.hs
    }

    /// The ex-works price.
    pub fn ex_works(&self) -> Decimal {
        self.ex_works
    }

    /// The FOB price, if given.
    pub fn fob(&self) -> Option<Decimal> {
        self.fob
    }

    /// The cost breakdown, if given.
    pub fn costs(&self) -> Option<&Costs> {
        self.costs.as_ref()
    }

    /// The net cost, if given.
    pub fn net_cost(&self) -> Option<Decimal> {
        self.net_cost
    }

    /// The HS edition.
    pub fn edition(&self) -> HsEdition {
        self.edition
    }
}

/// A cost's name in Vietnamese.
fn name_vi(name: &str) -> &str {
    match name {
        "ex-works price" => "giá xuất xưởng",
        "FOB price" => "giá FOB",
        "net cost" => "chi phí tịnh",
        "direct labour cost" => "chi phí nhân công trực tiếp",
        "direct overhead cost" => "chi phí phân bổ trực tiếp",
        "profit" => "lợi nhuận",
        "other cost" => "chi phí khác",
        other => other,
    }
}

/// `the {name}: {reason}` in both languages.
fn about(name: &str, e: &Error) -> crate::text::Text {
    crate::text::Text::new(
        format!("{}: {}", name_vi(name), e.reason(crate::text::Lang::Vi)),
        format!("the {name}: {}", e.reason(crate::text::Lang::En)),
    )
}

fn positive(name: &str, v: Decimal) -> Result<()> {
    if v <= Decimal::ZERO {
        return Err(Error::InvalidProduct {
            reason: crate::text::Text::new(
                format!("{} phải lớn hơn 0 (đang là {v})", name_vi(name)),
                format!("the {name} must be above zero (got {v})"),
            ),
        });
    }
    crate::amount::check_amount(v).map_err(|e| Error::InvalidProduct {
        reason: about(name, &e),
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn originating_status_reads_english_and_vietnamese() {
        assert_eq!(Originating::parse("Yes").unwrap(), Originating::Yes);
        assert_eq!(Originating::parse("có").unwrap(), Originating::Yes);
        assert_eq!(Originating::parse("KHÔNG").unwrap(), Originating::No);
        assert_eq!(
            Originating::parse("không rõ").unwrap(),
            Originating::Unknown
        );
        assert_eq!(Originating::parse("?").unwrap(), Originating::Unknown);
        assert!(Originating::parse("maybe").is_err());
        assert!(Originating::parse("").is_err());
    }

    #[test]
    fn products_need_a_subheading_and_positive_prices() {
        let hs = HsCode::parse("7308.90").unwrap();
        assert!(Product::new(HsCode::parse("7308").unwrap(), Decimal::ONE).is_err());
        assert!(Product::new(hs.clone(), Decimal::ZERO).is_err());
        let p = Product::new(hs, Decimal::from(90)).unwrap();
        assert!(p.clone().with_fob(Decimal::ZERO).is_err());
        assert_eq!(
            p.with_fob(Decimal::from(100)).unwrap().fob(),
            Some(Decimal::from(100))
        );
    }

    #[test]
    fn an_originating_material_names_its_country() {
        let e = Material::new(2, None, "thép", Decimal::ONE, Originating::Yes, None);
        assert!(e.is_err());
        let ok = Material::new(2, None, "thép", Decimal::ONE, Originating::No, None);
        assert!(ok.is_ok());
    }
}
