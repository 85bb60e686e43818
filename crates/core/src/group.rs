//! Groups: named sets of areas (regions, policy groups, user groups) that
//! can be read on either boundary version.
//!
//! A group is defined on one version (the reference groups on the 63
//! pre-2025 units). Read on the 2025 version, each member is replaced by the
//! unit it merged into and duplicates collapse: `north_28` is 28 provinces
//! before the merger and 18 after it. A 2025 unit joins the group when any
//! of its predecessors was a member, so regions that split a merged unit
//! (new Bắc Ninh = Bắc Ninh, Red River Delta + Bắc Giang, midlands) both
//! contain it after 2025. Read backwards (a 2025 group on the pre-2025
//! units), each member expands to all of its predecessors.

use std::collections::BTreeSet;

use crate::area::{AreaCode, BoundaryVersion};
use crate::error::{Error, Result};
use crate::geography::Geography;

/// The id of the national aggregate; no group may use it.
pub const NATIONAL: &str = "VN";

/// A validated group id: not empty, no spaces or commas, not `VN`, and not
/// shaped like an area code (the output files put area codes and group ids
/// in the same column).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct GroupId(String);

impl GroupId {
    /// Validates a group id.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim();
        let bad = |reason| {
            Err(Error::InvalidGroupId {
                input: s.to_owned(),
                reason,
            })
        };
        if s.is_empty() {
            return bad("empty");
        }
        if s.eq_ignore_ascii_case(NATIONAL) {
            return bad("VN is reserved for the national aggregate");
        }
        if AreaCode::from_bytes(s.as_bytes()).is_some() {
            return bad("a two-digit id would be mistaken for a province code");
        }
        if s.len() > 64
            || s.chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == '"')
        {
            return bad("use at most 64 characters without spaces, commas or quotes");
        }
        Ok(Self(s.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for GroupId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A named set of areas.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Group {
    id: GroupId,
    kind: String,
    name_vi: String,
    name_en: String,
    basis: String,
    version: BoundaryVersion,
    members: Vec<AreaCode>,
}

impl Group {
    pub(crate) fn reference(
        id: String,
        kind: String,
        name_vi: String,
        name_en: String,
        basis: String,
        members: Vec<AreaCode>,
    ) -> Self {
        let id = GroupId::parse(&id).unwrap_or_else(|e| panic!("embedded group: {e}"));
        let members: BTreeSet<_> = members.into_iter().collect();
        Self {
            id,
            kind,
            name_vi,
            name_en,
            basis,
            version: BoundaryVersion::Pre2025,
            members: members.into_iter().collect(),
        }
    }

    /// A group derived from reference groups (e.g. a sub-region), on the
    /// pre-2025 units.
    pub(crate) fn derived(
        id: String,
        name_vi: String,
        name_en: String,
        members: Vec<AreaCode>,
    ) -> Self {
        let id = GroupId::parse(&id).unwrap_or_else(|e| panic!("derived group: {e}"));
        Self {
            id,
            kind: "subregion".into(),
            name_vi,
            name_en,
            basis: String::new(),
            version: BoundaryVersion::Pre2025,
            members,
        }
    }

    /// A user-defined group of codes on `version`. Every code must exist on
    /// that version; a code listed twice counts once.
    pub fn new(
        id: &str,
        version: BoundaryVersion,
        codes: &[&str],
        geo: &Geography,
    ) -> Result<Self> {
        let id = GroupId::parse(id)?;
        let members = codes
            .iter()
            .map(|c| geo.area(c, version).map(|p| p.code))
            .collect::<Result<BTreeSet<_>>>()?;
        Ok(Self {
            name_vi: id.0.clone(),
            name_en: id.0.clone(),
            id,
            kind: "user".into(),
            basis: String::new(),
            version,
            members: members.into_iter().collect(),
        })
    }

    /// The id, e.g. `north_28`.
    pub fn id(&self) -> &str {
        self.id.as_str()
    }

    /// `gso_region`, `policy`, `subregion` or `user`.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Vietnamese name.
    pub fn name_vi(&self) -> &str {
        &self.name_vi
    }

    /// English name.
    pub fn name_en(&self) -> &str {
        &self.name_en
    }

    /// Where the membership comes from.
    pub fn basis(&self) -> &str {
        &self.basis
    }

    /// The version the membership is defined on.
    pub fn defined_on(&self) -> BoundaryVersion {
        self.version
    }

    /// The members read on `version`, in code order, without duplicates.
    pub fn members(&self, version: BoundaryVersion, geo: &Geography) -> Vec<AreaCode> {
        let set: BTreeSet<AreaCode> = match (self.version, version) {
            (a, b) if a == b => return self.members.clone(),
            (BoundaryVersion::Pre2025, BoundaryVersion::V2025) => self
                .members
                .iter()
                .filter_map(|c| geo.successor(*c))
                .collect(),
            _ => self
                .members
                .iter()
                .flat_map(|c| geo.predecessors(*c))
                .collect(),
        };
        set.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn geo() -> &'static Geography {
        Geography::embedded()
    }

    #[test]
    fn reference_group_sizes() {
        let size = |id: &str| {
            geo()
                .group(id)
                .unwrap()
                .members(BoundaryVersion::Pre2025, geo())
                .len()
        };
        assert_eq!(size("north_28"), 28);
        assert_eq!(size("northern_midlands_mountains"), 14);
        assert_eq!(size("red_river_delta"), 11);
        assert_eq!(size("northern_key_economic_region"), 7);
        assert_eq!(size("capital_region"), 10);
        assert_eq!(size("hn_hp_qn_triangle"), 3);
        assert_eq!(size("north_central_coast"), 14);
        assert_eq!(size("central_highlands"), 5);
        assert_eq!(size("southeast"), 6);
        assert_eq!(size("mekong_delta"), 13);
    }

    #[test]
    fn north_28_is_18_merged_provinces() {
        let g = geo().group("north_28").unwrap();
        let m = g.members(BoundaryVersion::V2025, geo());
        assert_eq!(m.len(), 18);
        // The 18 units together are exactly the 28 old ones: no unit straddles the group.
        let back = Group::new(
            "n18",
            BoundaryVersion::V2025,
            &m.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            geo(),
        )
        .unwrap()
        .members(BoundaryVersion::Pre2025, geo());
        assert_eq!(back, g.members(BoundaryVersion::Pre2025, geo()));
    }

    #[test]
    fn the_six_regions_partition_the_63_units() {
        let mut all = Vec::new();
        for g in geo().groups().iter().filter(|g| g.kind() == "gso_region") {
            all.extend(g.members(BoundaryVersion::Pre2025, geo()));
        }
        all.sort();
        let n = all.len();
        all.dedup();
        assert_eq!((n, all.len()), (63, 63));
    }

    #[test]
    fn group_ids_are_validated() {
        for bad in ["", "VN", "vn", "01", "a b", "a,b"] {
            assert!(GroupId::parse(bad).is_err(), "{bad:?}");
        }
        assert!(GroupId::parse("north_28").is_ok());
    }

    #[test]
    fn user_groups_dedupe_and_reject_unknown_codes() {
        let g = Group::new("g", BoundaryVersion::Pre2025, &["01", "01", "31"], geo()).unwrap();
        assert_eq!(g.members(BoundaryVersion::Pre2025, geo()).len(), 2);
        assert!(Group::new("g", BoundaryVersion::V2025, &["27"], geo()).is_err());
    }

    proptest! {
        /// Mapping a group forward never loses a member: every old member's
        /// successor is in the forward group, and expanding back covers it.
        #[test]
        fn mapping_forward_never_loses_a_member(mask in proptest::collection::vec(any::<bool>(), 63)) {
            let codes: Vec<&str> = geo().provinces(BoundaryVersion::Pre2025).iter().zip(&mask)
                .filter(|(_, keep)| **keep).map(|(p, _)| p.code.as_str()).collect();
            let g = Group::new("g", BoundaryVersion::Pre2025, &codes, geo()).unwrap();
            let forward = g.members(BoundaryVersion::V2025, geo());
            let back: BTreeSet<_> = forward.iter().flat_map(|c| geo().predecessors(*c)).collect();
            for c in g.members(BoundaryVersion::Pre2025, geo()) {
                prop_assert!(forward.contains(&geo().successor(c).unwrap()));
                prop_assert!(back.contains(&c));
            }
            prop_assert!(forward.len() <= codes.len());
        }
    }
}
