//! The VSIC 2018 industry hierarchy of the IIP, integer-coded, with the
//! Vietnamese and English names embedded from `data/vsic/vsic2018.csv`.
//!
//! product → class (VSIC 4 digits) → division (its first two digits) →
//! section (B = 05–09, C = 10–33, D = 35, E = 36–39) → `TOTAL`.
//! Sources: `data/SOURCES-vsic-products.md`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use crate::text::nfc;

const VSIC_2018: &str = include_str!("../../../data/vsic/vsic2018.csv");

/// A VSIC 2018 section of industry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Mining and quarrying (divisions 05–09).
    B,
    /// Manufacturing (10–33).
    C,
    /// Electricity, gas, steam and air conditioning supply (35).
    D,
    /// Water supply, sewerage, waste management (36–39).
    E,
}

impl Section {
    /// All four, in order.
    pub const ALL: [Section; 4] = [Section::B, Section::C, Section::D, Section::E];

    /// The section of a 2-digit division, if the division is industrial.
    pub fn of_division(division: u8) -> Option<Section> {
        match division {
            5..=9 => Some(Section::B),
            10..=33 => Some(Section::C),
            35 => Some(Section::D),
            36..=39 => Some(Section::E),
            _ => None,
        }
    }

    /// 0–3, for arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The letter.
    pub fn letter(self) -> char {
        ['B', 'C', 'D', 'E'][self.index()]
    }
}

/// A node of the industry hierarchy above products.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// The whole of industry.
    Total,
    /// A section.
    Section(Section),
    /// A 2-digit division, 5–39.
    Division(u8),
    /// A 4-digit class, 500–3999.
    Class(u16),
}

/// The level of a row in the outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The whole of industry.
    Total,
    /// A VSIC section.
    Section,
    /// A VSIC division.
    Division,
    /// A VSIC class.
    Class,
    /// A product of the basket.
    Product,
    /// A member area of a group (contributions only).
    Area,
}

impl Level {
    /// The name used in the output files.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Total => "total",
            Level::Section => "section",
            Level::Division => "division",
            Level::Class => "class",
            Level::Product => "product",
            Level::Area => "area",
        }
    }
}

/// Why an industry code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndustryCodeError {
    /// Not 4 digits, 2 digits or a section letter.
    #[error("expected a VSIC class (4 digits), division (2 digits) or section letter B, C, D or E")]
    Malformed,
    /// A division outside sections B–E (e.g. 01 agriculture or 34, which does not exist).
    #[error(
        "division {0:02} is not in industry sections B–E (B = 05–09, C = 10–33, D = 35, E = 36–39)"
    )]
    NotIndustrial(u8),
}

impl Node {
    /// Parses a class, division or section code (not `TOTAL`: it has no
    /// weight of its own).
    pub fn parse(s: &str) -> Result<Node, IndustryCodeError> {
        let b = s.trim().as_bytes();
        let digits = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
        match b {
            [l] => match l {
                b'B' => Ok(Node::Section(Section::B)),
                b'C' => Ok(Node::Section(Section::C)),
                b'D' => Ok(Node::Section(Section::D)),
                b'E' => Ok(Node::Section(Section::E)),
                _ => Err(IndustryCodeError::Malformed),
            },
            [a, b] if digits(&[*a, *b]) => {
                let d = (a - b'0') * 10 + (b - b'0');
                Section::of_division(d)
                    .map(|_| Node::Division(d))
                    .ok_or(IndustryCodeError::NotIndustrial(d))
            }
            [a, b, c, d] if digits(&[*a, *b, *c, *d]) => {
                let div = (a - b'0') * 10 + (b - b'0');
                Section::of_division(div).ok_or(IndustryCodeError::NotIndustrial(div))?;
                Ok(Node::Class(
                    u16::from(div) * 100 + u16::from(c - b'0') * 10 + u16::from(d - b'0'),
                ))
            }
            _ => Err(IndustryCodeError::Malformed),
        }
    }

    /// Parses a 4-digit class only.
    pub fn parse_class(s: &str) -> Result<Node, IndustryCodeError> {
        match Node::parse(s)? {
            n @ Node::Class(_) => Ok(n),
            _ => Err(IndustryCodeError::Malformed),
        }
    }

    /// The node's parent (`None` for `Total`).
    pub fn parent(self) -> Option<Node> {
        match self {
            Node::Total => None,
            Node::Section(_) => Some(Node::Total),
            Node::Division(d) => Section::of_division(d).map(Node::Section),
            Node::Class(c) => Some(Node::Division((c / 100) as u8)),
        }
    }

    /// The output level.
    pub fn level(self) -> Level {
        match self {
            Node::Total => Level::Total,
            Node::Section(_) => Level::Section,
            Node::Division(_) => Level::Division,
            Node::Class(_) => Level::Class,
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Total => f.write_str("TOTAL"),
            Node::Section(s) => write!(f, "{}", s.letter()),
            Node::Division(d) => write!(f, "{d:02}"),
            Node::Class(c) => write!(f, "{c:04}"),
        }
    }
}

/// Names of an industry node.
#[derive(Clone, Debug, serde::Serialize)]
pub struct IndustryName {
    /// Vietnamese name (NFC).
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

static NAMES: LazyLock<BTreeMap<Node, IndustryName>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct Row {
        code: String,
        name_vi: String,
        name_en: String,
    }
    let mut names = BTreeMap::new();
    names.insert(
        Node::Total,
        IndustryName {
            name_vi: "Toàn ngành công nghiệp".into(),
            name_en: "Industry, total".into(),
        },
    );
    for row in csv::Reader::from_reader(VSIC_2018.as_bytes()).deserialize::<Row>() {
        let row =
            row.unwrap_or_else(|e| panic!("embedded data/vsic/vsic2018.csv is malformed: {e}"));
        let node = Node::parse(&row.code)
            .unwrap_or_else(|e| panic!("embedded VSIC code {}: {e}", row.code));
        names.insert(
            node,
            IndustryName {
                name_vi: nfc(&row.name_vi),
                name_en: row.name_en,
            },
        );
    }
    names
});

impl Node {
    /// The node's names, when VSIC 2018 as embedded knows it (every
    /// section, every division 05–39, the classes of the basket).
    pub fn name(self) -> Option<&'static IndustryName> {
        NAMES.get(&self)
    }

    /// Every named node, in hierarchy order (total, sections, divisions, classes).
    pub fn all_named() -> impl Iterator<Item = (Node, &'static IndustryName)> {
        NAMES.iter().map(|(n, name)| (*n, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_and_division_05_to_39_is_named() {
        for s in Section::ALL {
            assert!(Node::Section(s).name().is_some());
        }
        for d in (5..=39).filter(|d| *d != 34) {
            let name = Node::Division(d)
                .name()
                .unwrap_or_else(|| panic!("division {d:02}"));
            assert!(!name.name_vi.is_empty() && !name.name_en.is_empty());
            assert!(crate::text::is_nfc_normalised(&name.name_vi));
        }
        assert!(Node::Division(34).name().is_none());
        assert_eq!(
            Node::Division(24).name().unwrap().name_en,
            "Manufacture of basic metals"
        );
    }

    #[test]
    fn embedded_hierarchy_matches_the_code_structure() {
        #[derive(serde::Deserialize)]
        struct Row {
            level: String,
            code: String,
            parent: String,
        }
        for row in csv::Reader::from_reader(VSIC_2018.as_bytes()).deserialize::<Row>() {
            let row = row.unwrap();
            let node = Node::parse(&row.code).unwrap();
            assert_eq!(node.level().as_str(), row.level);
            assert_eq!(
                node.parent().unwrap().to_string(),
                row.parent,
                "{}",
                row.code
            );
        }
        assert!(crate::text::is_nfc_normalised(VSIC_2018));
    }

    #[test]
    fn parses_every_level_and_keeps_leading_zeros() {
        assert_eq!(Node::parse("0510").unwrap().to_string(), "0510");
        assert_eq!(Node::parse("05").unwrap().to_string(), "05");
        assert_eq!(Node::parse("C").unwrap(), Node::Section(Section::C));
        assert_eq!(
            Node::parse("0510").unwrap().parent(),
            Some(Node::Division(5))
        );
        assert_eq!(Node::Division(35).parent(), Some(Node::Section(Section::D)));
    }

    #[test]
    fn refuses_non_industrial_and_malformed_codes() {
        assert_eq!(Node::parse("34"), Err(IndustryCodeError::NotIndustrial(34)));
        assert_eq!(
            Node::parse("0111"),
            Err(IndustryCodeError::NotIndustrial(1))
        );
        for bad in ["TOTAL", "A", "c", "123", "12345", ""] {
            assert!(Node::parse(bad).is_err(), "{bad}");
        }
    }
}
