//! The basket of main industrial products that the statistics office
//! reports monthly, embedded from `data/products/basket.csv`
//! (sources: `data/SOURCES-vsic-products.md`).
//!
//! Each product belongs to one VSIC class and is reported in one unit, the
//! quantity a single establishment writes in its monthly report.

use std::sync::LazyLock;

use crate::error::{Error, Result};
use crate::text::{nearest, nfc};
use crate::vsic::Node;

const BASKET: &str = include_str!("../../../data/products/basket.csv");

/// A product of the basket.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Product {
    /// Stable ASCII code, e.g. `CEMENT`.
    pub code: String,
    /// Its VSIC 2018 class (always [`Node::Class`]).
    #[serde(serialize_with = "display")]
    pub class: Node,
    /// Unit code, e.g. `t`.
    pub unit: String,
    /// Unit in Vietnamese, e.g. `tấn`.
    pub unit_vi: String,
    /// Unit in English, e.g. `tonnes`.
    pub unit_en: String,
    /// Vietnamese name (NFC).
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

fn display<S: serde::Serializer>(n: &Node, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(n)
}

static PRODUCTS: LazyLock<Vec<Product>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Row {
        product: String,
        industry: String,
        unit: String,
        unit_vi: String,
        unit_en: String,
        name_vi: String,
        name_en: String,
    }
    csv::Reader::from_reader(BASKET.as_bytes())
        .deserialize::<Row>()
        .map(|r| {
            let r =
                r.unwrap_or_else(|e| panic!("embedded data/products/basket.csv is malformed: {e}"));
            let class = Node::parse_class(&r.industry)
                .unwrap_or_else(|e| panic!("basket class {}: {e}", r.industry));
            Product {
                code: r.product,
                class,
                unit: r.unit,
                unit_vi: nfc(&r.unit_vi),
                unit_en: r.unit_en,
                name_vi: nfc(&r.name_vi),
                name_en: r.name_en,
            }
        })
        .collect()
});

impl Product {
    /// The whole basket, in file order.
    pub fn basket() -> &'static [Product] {
        &PRODUCTS
    }

    /// A product by code; the error lists the nearest codes.
    pub fn find(code: &str) -> Result<&'static Product> {
        PRODUCTS
            .iter()
            .find(|p| p.code == code.trim())
            .ok_or_else(|| Error::UnknownProduct {
                input: code.to_owned(),
                nearest: nearest(
                    code,
                    PRODUCTS.iter().map(|p| {
                        (
                            p.code.as_str(),
                            vec![p.name_en.as_str(), p.name_vi.as_str()],
                        )
                    }),
                    3,
                ),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vsic::Section;
    use std::collections::BTreeSet;

    #[test]
    fn basket_has_at_least_40_products_with_unique_codes_covering_b_to_e() {
        let basket = Product::basket();
        assert!(basket.len() >= 40, "{}", basket.len());
        let codes: BTreeSet<_> = basket.iter().map(|p| &p.code).collect();
        assert_eq!(codes.len(), basket.len());
        let sections: BTreeSet<_> = basket
            .iter()
            .map(|p| match p.class.parent().and_then(Node::parent) {
                Some(Node::Section(s)) => s,
                other => panic!("{}: {other:?}", p.code),
            })
            .collect();
        assert_eq!(sections, Section::ALL.into_iter().collect());
    }

    #[test]
    fn every_product_class_is_named_and_texts_are_nfc() {
        for p in Product::basket() {
            assert!(p.class.name().is_some(), "{} class {}", p.code, p.class);
            assert!(
                p.code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                p.code
            );
            assert!(crate::text::is_nfc_normalised(&p.name_vi) && !p.unit.is_empty());
        }
        assert!(crate::text::is_nfc_normalised(BASKET));
    }

    #[test]
    fn the_issue_s_named_products_are_in_the_basket() {
        for code in [
            "COAL",
            "CRUDE_OIL",
            "NAT_GAS",
            "LPG",
            "CEMENT",
            "CRUDE_STEEL",
            "ROLLED_STEEL",
            "UREA",
            "NPK",
            "ELEC_GEN",
            "MOBILE_PHONES",
            "PHONE_PARTS",
            "TV_SETS",
            "CARS",
            "MOTORCYCLES",
            "BEER",
            "MILK",
            "SUGAR",
            "FEED_LIVESTOCK",
            "FEED_AQUA",
            "GARMENTS",
            "SHOES_LEATHER",
            "FABRIC_NATURAL",
            "SEAFOOD",
        ] {
            assert!(Product::find(code).is_ok(), "{code}");
        }
        let e = Product::find("CEMNT").unwrap_err().to_string();
        assert!(e.contains("CEMENT"), "{e}");
    }
}
