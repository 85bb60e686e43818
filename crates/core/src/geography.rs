//! The provinces on both boundary versions, the 2025 merger and the
//! reference groups, embedded from `data/geo` at compile time so the binary
//! needs no files beside it.
//!
//! Sources and licences: `data/geo/SOURCES.md`. The embedded CSVs are
//! parsed once, on first use; a malformed embedded file is a bug caught by
//! this module's tests, never a user error.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::area::{AreaCode, BoundaryVersion};
use crate::error::{Error, Result};
use crate::group::Group;
use crate::text::{nearest, nfc};

const PROVINCES_PRE2025: &str = include_str!("../../../data/geo/provinces_pre2025.csv");
const PROVINCES_2025: &str = include_str!("../../../data/geo/provinces_2025.csv");
const MERGER_2025: &str = include_str!("../../../data/geo/merger_2025.csv");
const GROUPS: &str = include_str!("../../../data/geo/groups.csv");
const GROUP_DEFS: &str = include_str!("../../../data/geo/group_defs.csv");

/// Legal status of a provincial unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvinceKind {
    /// *Tỉnh*, a province.
    Tinh,
    /// *Thành phố trực thuộc trung ương*, a centrally-run city.
    ThanhPhoTrucThuocTw,
}

impl ProvinceKind {
    /// The code used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tinh => "tinh",
            Self::ThanhPhoTrucThuocTw => "thanh_pho_truc_thuoc_tw",
        }
    }
}

/// A provincial-level unit on one boundary version.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Province {
    /// The 2-digit code.
    pub code: AreaCode,
    /// The boundary version the code belongs to.
    pub version: BoundaryVersion,
    /// Full Vietnamese name, e.g. "Thành phố Hà Nội".
    pub name_vi: String,
    /// Short Vietnamese name, e.g. "Hà Nội".
    pub short_name_vi: String,
    /// The short name without diacritics, e.g. "Ha Noi" (used in English text).
    pub name_ascii: String,
    /// Province or centrally-run city.
    pub kind: ProvinceKind,
    /// The GSO statistical region (pre-2025 units only).
    pub gso_region: Option<String>,
    /// ISO 3166-2 code (pre-2025 units only).
    pub iso_3166_2: Option<String>,
}

/// The embedded reference geography.
#[derive(Debug)]
pub struct Geography {
    pre2025: Vec<Province>,
    v2025: Vec<Province>,
    successor: BTreeMap<AreaCode, AreaCode>,
    groups: Vec<Group>,
}

static EMBEDDED: LazyLock<Geography> = LazyLock::new(Geography::load_embedded);

#[derive(Deserialize)]
struct ProvinceRow {
    code: String,
    name_vi: String,
    short_name_vi: String,
    name_ascii: String,
    kind: String,
    #[serde(default)]
    gso_region: Option<String>,
    #[serde(default)]
    iso_3166_2: Option<String>,
}

#[derive(Deserialize)]
struct MergerRow {
    old_code: String,
    new_code: String,
}

#[derive(Deserialize)]
struct GroupDefRow {
    group_id: String,
    group_type: String,
    name_vi: String,
    name_en: String,
    basis: String,
}

#[derive(Deserialize)]
struct MemberRow {
    group_id: String,
    code: String,
}

fn rows<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Vec<T> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<std::result::Result<_, _>>()
        .unwrap_or_else(|e| panic!("embedded data/geo/{name} is malformed: {e}"))
}

fn code(s: &str) -> AreaCode {
    AreaCode::parse(s).unwrap_or_else(|e| panic!("embedded geography: {e}"))
}

fn province(r: ProvinceRow, version: BoundaryVersion) -> Province {
    let kind = match r.kind.as_str() {
        "tinh" => ProvinceKind::Tinh,
        "thanh_pho_truc_thuoc_tw" => ProvinceKind::ThanhPhoTrucThuocTw,
        other => panic!("embedded geography: unknown kind {other}"),
    };
    let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
    Province {
        code: code(&r.code),
        version,
        name_vi: nfc(&r.name_vi),
        short_name_vi: nfc(&r.short_name_vi),
        name_ascii: r.name_ascii,
        kind,
        gso_region: non_empty(r.gso_region),
        iso_3166_2: non_empty(r.iso_3166_2),
    }
}

impl Geography {
    /// The reference geography shipped in the binary.
    pub fn embedded() -> &'static Geography {
        &EMBEDDED
    }

    fn load_embedded() -> Geography {
        let pre2025 = rows::<ProvinceRow>("provinces_pre2025.csv", PROVINCES_PRE2025)
            .into_iter()
            .map(|r| province(r, BoundaryVersion::Pre2025))
            .collect();
        let v2025 = rows::<ProvinceRow>("provinces_2025.csv", PROVINCES_2025)
            .into_iter()
            .map(|r| province(r, BoundaryVersion::V2025))
            .collect();
        let successor = rows::<MergerRow>("merger_2025.csv", MERGER_2025)
            .into_iter()
            .map(|r| (code(&r.old_code), code(&r.new_code)))
            .collect();
        let members = rows::<MemberRow>("groups.csv", GROUPS);
        let groups = rows::<GroupDefRow>("group_defs.csv", GROUP_DEFS)
            .into_iter()
            .map(|d| {
                let codes = members
                    .iter()
                    .filter(|m| m.group_id == d.group_id)
                    .map(|m| code(&m.code))
                    .collect();
                Group::reference(
                    d.group_id,
                    d.group_type,
                    nfc(&d.name_vi),
                    d.name_en,
                    nfc(&d.basis),
                    codes,
                )
            })
            .collect();
        Geography {
            pre2025,
            v2025,
            successor,
            groups,
        }
    }

    /// Every provincial unit of a version, in code order.
    pub fn provinces(&self, version: BoundaryVersion) -> &[Province] {
        match version {
            BoundaryVersion::Pre2025 => &self.pre2025,
            BoundaryVersion::V2025 => &self.v2025,
        }
    }

    /// The unit with `code` on `version`, if it exists.
    pub fn province(&self, code: AreaCode, version: BoundaryVersion) -> Option<&Province> {
        self.provinces(version).iter().find(|p| p.code == code)
    }

    /// Looks up user input (a code) on a version; the error lists the
    /// nearest valid codes (by number for codes, by name otherwise).
    pub fn area(&self, input: &str, version: BoundaryVersion) -> Result<&Province> {
        if let Ok(code) = AreaCode::parse(input)
            && let Some(p) = self.province(code, version)
        {
            return Ok(p);
        }
        Err(Error::UnknownArea {
            input: input.to_owned(),
            version,
            nearest: self.nearest_areas(input, version),
        })
    }

    /// Up to three valid codes closest to `input`.
    pub fn nearest_areas(&self, input: &str, version: BoundaryVersion) -> Vec<String> {
        let provinces = self.provinces(version);
        if let Ok(code) = AreaCode::parse(input) {
            let mut by_distance: Vec<_> = provinces
                .iter()
                .map(|p| (p.code.number().abs_diff(code.number()), p.code))
                .collect();
            by_distance.sort();
            return by_distance
                .into_iter()
                .take(3)
                .map(|(_, c)| c.to_string())
                .collect();
        }
        nearest(
            input,
            provinces.iter().map(|p| {
                (
                    p.code.as_str(),
                    vec![p.short_name_vi.as_str(), p.name_ascii.as_str()],
                )
            }),
            3,
        )
    }

    /// The 2025 unit a pre-2025 unit was merged into.
    pub fn successor(&self, old: AreaCode) -> Option<AreaCode> {
        self.successor.get(&old).copied()
    }

    /// The pre-2025 units that make up a 2025 unit, in code order.
    pub fn predecessors(&self, new: AreaCode) -> Vec<AreaCode> {
        self.successor
            .iter()
            .filter(|(_, n)| **n == new)
            .map(|(o, _)| *o)
            .collect()
    }

    /// Restates a code of `from` on `to`. Only the forward direction
    /// (pre-2025 → 2025) is a function; going back is [`Self::predecessors`].
    pub fn restate(
        &self,
        code: AreaCode,
        from: BoundaryVersion,
        to: BoundaryVersion,
    ) -> Option<AreaCode> {
        match (from, to) {
            (a, b) if a == b => self.province(code, a).map(|p| p.code),
            (BoundaryVersion::Pre2025, BoundaryVersion::V2025) => self.successor(code),
            _ => None,
        }
    }

    /// The reference groups (regions and policy groups).
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The parts of a group by GSO region, on the pre-2025 units: each
    /// region the group overlaps, as the region itself when the group holds
    /// all of it, else as a derived group `GROUP:REGION` of the members in
    /// that region. For `north_28`: the Northern midlands and mountains,
    /// the Red River Delta, and `north_28:north_central_coast` (Thanh Hóa,
    /// Nghệ An, Hà Tĩnh). Empty for a GSO region itself.
    pub fn subregions(&self, group: &Group) -> Vec<Group> {
        if group.kind() == "gso_region" {
            return Vec::new();
        }
        let members = group.members(BoundaryVersion::Pre2025, self);
        self.groups
            .iter()
            .filter(|r| r.kind() == "gso_region")
            .filter_map(|region| {
                let region_members = region.members(BoundaryVersion::Pre2025, self);
                let inside: Vec<AreaCode> = region_members
                    .iter()
                    .filter(|c| members.contains(c))
                    .copied()
                    .collect();
                if inside.is_empty() {
                    None
                } else if inside.len() == region_members.len() {
                    Some(region.clone())
                } else {
                    let n = inside.len();
                    Some(Group::derived(
                        format!("{}:{}", group.id(), region.id()),
                        format!("{} ({n} tỉnh thuộc {})", region.name_vi(), group.name_vi()),
                        format!(
                            "{} ({n} provinces of {})",
                            region.name_en(),
                            group.name_en()
                        ),
                        inside,
                    ))
                }
            })
            .collect()
    }

    /// Every reference group and every derived sub-region, in order: what
    /// a release compiles.
    pub fn groups_with_subregions(&self) -> Vec<Group> {
        let mut out: Vec<Group> = self.groups.clone();
        for g in &self.groups {
            for sub in self.subregions(g) {
                if !out.iter().any(|o| o.id() == sub.id()) {
                    out.push(sub);
                }
            }
        }
        out
    }

    /// A reference group by id; the error lists the nearest ids.
    pub fn group(&self, id: &str) -> Result<&Group> {
        self.groups
            .iter()
            .find(|g| g.id() == id.trim())
            .ok_or_else(|| Error::UnknownGroup {
                input: id.to_owned(),
                nearest: nearest(
                    id,
                    self.groups.iter().map(|g| (g.id(), vec![g.name_en()])),
                    3,
                ),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_nfc_normalised;
    use proptest::prelude::*;

    fn geo() -> &'static Geography {
        Geography::embedded()
    }

    #[test]
    fn has_63_and_34_units() {
        assert_eq!(geo().provinces(BoundaryVersion::Pre2025).len(), 63);
        assert_eq!(geo().provinces(BoundaryVersion::V2025).len(), 34);
    }

    #[test]
    fn every_old_code_maps_to_exactly_one_new_code_and_all_new_codes_are_reached() {
        let mut reached = std::collections::BTreeSet::new();
        for p in geo().provinces(BoundaryVersion::Pre2025) {
            let new = geo()
                .successor(p.code)
                .expect("every old unit has a successor");
            assert!(geo().province(new, BoundaryVersion::V2025).is_some());
            assert!(geo().predecessors(new).contains(&p.code));
            reached.insert(new);
        }
        assert_eq!(reached.len(), 34);
    }

    #[test]
    fn merged_units_are_11_unchanged_17_pairs_6_triples() {
        let mut sizes = BTreeMap::new();
        for p in geo().provinces(BoundaryVersion::V2025) {
            *sizes.entry(geo().predecessors(p.code).len()).or_insert(0) += 1;
        }
        assert_eq!(sizes, BTreeMap::from([(1, 11), (2, 17), (3, 6)]));
    }

    #[test]
    fn every_name_is_nfc() {
        for v in BoundaryVersion::ALL {
            for p in geo().provinces(v) {
                assert!(
                    is_nfc_normalised(&p.name_vi) && is_nfc_normalised(&p.short_name_vi),
                    "{}",
                    p.name_vi
                );
            }
        }
        for g in geo().groups() {
            assert!(is_nfc_normalised(g.name_vi()));
        }
        for text in [PROVINCES_PRE2025, PROVINCES_2025, MERGER_2025, GROUP_DEFS] {
            assert!(is_nfc_normalised(text), "the embedded file itself is NFC");
        }
    }

    #[test]
    fn unknown_area_lists_nearest_codes() {
        let e = geo().area("03", BoundaryVersion::Pre2025).unwrap_err();
        match &e {
            Error::UnknownArea { nearest, .. } => {
                assert_eq!(nearest[..2], ["02".to_owned(), "04".to_owned()])
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("nearest valid: 02, 04"));
        // Bắc Giang (24) exists before the merger; Bắc Giang's old code 24 is the merged Bắc Ninh after it.
        assert_eq!(
            geo()
                .area("24", BoundaryVersion::Pre2025)
                .unwrap()
                .short_name_vi,
            "Bắc Giang"
        );
        assert_eq!(
            geo()
                .area("24", BoundaryVersion::V2025)
                .unwrap()
                .short_name_vi,
            "Bắc Ninh"
        );
        // 27 (Bắc Ninh before) no longer exists.
        assert!(geo().area("27", BoundaryVersion::V2025).is_err());
        match geo().area("Ha Noi", BoundaryVersion::V2025).unwrap_err() {
            Error::UnknownArea { nearest, .. } => assert_eq!(nearest[0], "01"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn north_28_splits_into_three_subregions() {
        let g = geo().group("north_28").unwrap();
        let subs = geo().subregions(g);
        let ids: Vec<&str> = subs.iter().map(|s| s.id()).collect();
        assert_eq!(
            ids,
            [
                "northern_midlands_mountains",
                "red_river_delta",
                "north_28:north_central_coast"
            ]
        );
        let sizes: Vec<usize> = subs
            .iter()
            .map(|s| s.members(BoundaryVersion::Pre2025, geo()).len())
            .collect();
        assert_eq!(sizes, [14, 11, 3]);
        assert!(subs[2].name_vi().contains("3 tỉnh"));
        let all = geo().groups_with_subregions();
        assert!(all.len() > geo().groups().len());
        let ids: std::collections::BTreeSet<&str> = all.iter().map(|g| g.id()).collect();
        assert_eq!(ids.len(), all.len(), "no id twice");
    }

    #[test]
    fn unknown_group_lists_nearest_ids() {
        let e = geo().group("north28").unwrap_err().to_string();
        assert!(e.contains("north_28"), "{e}");
    }

    proptest! {
        #[test]
        fn restating_forward_agrees_with_successor(i in 0usize..63) {
            let p = &geo().provinces(BoundaryVersion::Pre2025)[i];
            prop_assert_eq!(geo().restate(p.code, BoundaryVersion::Pre2025, BoundaryVersion::V2025), geo().successor(p.code));
            prop_assert_eq!(geo().restate(p.code, BoundaryVersion::Pre2025, BoundaryVersion::Pre2025), Some(p.code));
            prop_assert_eq!(AreaCode::parse(p.code.as_str()).unwrap(), p.code);
        }
    }
}
