//! Plan targets across the 2025 merger: which target, if any, a figure on
//! one boundary version may be set against.
//!
//! A target belongs to the unit and the boundary version it was set for:
//! its key is (area, boundary version, year, indicator), the version being
//! the one in force in December of its year (pre-2025 codes for 2021–2024,
//! the 34 codes for 2025; `docs/INDICATORS.md`). Codes are reused across
//! versions (`24` is old Bắc Giang before the merger and merged Bắc Ninh
//! after it), so a target is never matched on its code alone. Reading a
//! target on the other version ([`ReleaseData::target_on`]):
//!
//! - the same territory (a province that did not merge, a group whose
//!   members cover the same provinces on both maps, or `VN`): the target
//!   as set;
//! - a merged 2025 unit, a year set on the pre-2025 map: the sum of its
//!   parts' targets, only for an additive indicator (a value such as
//!   retail sales or exports, not a growth rate) and only when every part
//!   has one;
//! - anything else (a growth rate of a merged unit, a part without a
//!   target, an old province read against its merged successor's target):
//!   no comparable target.
//!
//! The rule is written down in `docs/INDICATORS.md`. May depend on core;
//! no I/O.

use std::collections::BTreeSet;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, NATIONAL, Period};
use serde::Serialize;

use crate::release::{ReleaseData, Target};

/// Indicators whose values add up over provinces (sums of money, not
/// rates): a merged unit's target may be the sum of its parts'.
pub const ADDITIVE: [&str; 2] = ["retail_sales", "exports"];

/// True for an indicator whose targets add up over provinces.
pub fn additive(indicator: &str) -> bool {
    ADDITIVE.contains(&indicator)
}

/// The boundary version a target of `year` is set on: the one in force in
/// December of the year.
pub fn set_on(year: i32) -> BoundaryVersion {
    // December of `year` (saturating: a damaged snapshot's year never overflows).
    BoundaryVersion::in_force(Period::from_ordinal(
        year.saturating_mul(12).saturating_add(11),
    ))
}

/// How a target was found for a unit on a boundary version.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "basis")]
pub enum TargetOn {
    /// Set for this unit on these boundaries.
    Set {
        /// The target.
        value: f64,
    },
    /// Set for the same territory on the other boundaries (a province that
    /// did not merge, a group covering the same provinces, the nation).
    SameTerritory {
        /// The target.
        value: f64,
        /// The code it was set under.
        set_for: String,
        /// The boundaries it was set on.
        set_on: BoundaryVersion,
    },
    /// The sum of the targets of the pre-2025 units that merged into this one.
    SumOfParts {
        /// The sum.
        value: f64,
        /// The parts' codes on the pre-2025 map.
        parts: Vec<String>,
    },
    /// Targets exist for another territory only: none comparable.
    NotComparable {
        /// Why, in English (the pages say it in the reader's language).
        reason: String,
    },
}

impl TargetOn {
    /// `set`, `same_territory`, `sum_of_parts` or `not_comparable`.
    pub fn basis(&self) -> &'static str {
        match self {
            TargetOn::Set { .. } => "set",
            TargetOn::SameTerritory { .. } => "same_territory",
            TargetOn::SumOfParts { .. } => "sum_of_parts",
            TargetOn::NotComparable { .. } => "not_comparable",
        }
    }

    /// The comparable target, if any.
    pub fn value(&self) -> Option<f64> {
        match self {
            TargetOn::Set { value }
            | TargetOn::SameTerritory { value, .. }
            | TargetOn::SumOfParts { value, .. } => Some(*value),
            TargetOn::NotComparable { .. } => None,
        }
    }
}

/// The territory of an area on a version as a set of pre-2025 provinces
/// (`None` for `VN`: the whole country on either map).
fn territory(area: &str, version: BoundaryVersion) -> Option<BTreeSet<AreaCode>> {
    let geo = Geography::embedded();
    if area == NATIONAL {
        return None;
    }
    let codes: Vec<AreaCode> = match geo.groups().iter().find(|g| g.id() == area) {
        Some(g) => g.members(version, geo),
        None => match AreaCode::parse(area) {
            Ok(c) if geo.province(c, version).is_some() => vec![c],
            _ => return Some(BTreeSet::new()),
        },
    };
    Some(match version {
        BoundaryVersion::Pre2025 => codes.into_iter().collect(),
        BoundaryVersion::V2025 => codes
            .into_iter()
            .flat_map(|c| geo.predecessors(c))
            .collect(),
    })
}

impl ReleaseData {
    /// The target set for exactly this key.
    fn target_set(
        &self,
        area: &str,
        version: BoundaryVersion,
        year: i32,
        indicator: &str,
    ) -> Option<&Target> {
        self.targets.iter().find(|t| {
            t.area == area && t.boundaries == version && t.year == year && t.indicator == indicator
        })
    }

    /// The target of `area` (a province code on `version`, a group id or
    /// `VN`) for `year` and `indicator`, comparable with the figures on
    /// `version`; `None` when no target of that year and indicator was set
    /// for any part of its territory. See the module's rule.
    pub fn target_on(
        &self,
        area: &str,
        version: BoundaryVersion,
        year: i32,
        indicator: &str,
    ) -> Option<TargetOn> {
        let set = set_on(year);
        if set == version {
            return self
                .target_set(area, version, year, indicator)
                .map(|t| TargetOn::Set { value: t.target });
        }
        let geo = Geography::embedded();
        let mine = territory(area, version);
        // The units of the other map whose territory overlaps this one.
        let group = geo.groups().iter().find(|g| g.id() == area);
        let candidates: Vec<String> = if area == NATIONAL || group.is_some() {
            vec![area.to_owned()]
        } else {
            match (AreaCode::parse(area), version) {
                (Ok(c), BoundaryVersion::V2025) => geo
                    .predecessors(c)
                    .iter()
                    .map(AreaCode::to_string)
                    .collect(),
                (Ok(c), BoundaryVersion::Pre2025) => geo
                    .successor(c)
                    .map(|s| s.to_string())
                    .into_iter()
                    .collect(),
                (Err(_), _) => Vec::new(),
            }
        };
        let found: Vec<(&str, Option<&Target>)> = candidates
            .iter()
            .map(|c| (c.as_str(), self.target_set(c, set, year, indicator)))
            .collect();
        if found.iter().all(|(_, t)| t.is_none()) {
            return None;
        }
        // One unit of the other map with the same territory.
        if let [(code, Some(t))] = found.as_slice()
            && territory(code, set) == mine
        {
            return Some(TargetOn::SameTerritory {
                value: t.target,
                set_for: (*code).to_owned(),
                set_on: set,
            });
        }
        let merged = version == BoundaryVersion::V2025 && group.is_none() && area != NATIONAL;
        if merged && additive(indicator) && found.iter().all(|(_, t)| t.is_some()) {
            return Some(TargetOn::SumOfParts {
                value: found.iter().filter_map(|(_, t)| t.map(|t| t.target)).sum(),
                parts: candidates,
            });
        }
        let reason = if !merged {
            format!("the {year} target was set for a different territory on the {set} boundaries")
        } else if !additive(indicator) {
            format!("a {indicator} target of the parts does not add up to one of the merged unit")
        } else {
            format!("not every part that merged into {area} has a {year} {indicator} target")
        };
        Some(TargetOn::NotComparable { reason })
    }

    /// The (year, indicator) keys with a target for any part of `area`'s
    /// territory read on `version`, in year then indicator order.
    pub fn target_keys(&self, area: &str, version: BoundaryVersion) -> Vec<(i32, String)> {
        let geo = Geography::embedded();
        let mut related: BTreeSet<(String, BoundaryVersion)> = BTreeSet::new();
        related.insert((area.to_owned(), version));
        if let Ok(c) = AreaCode::parse(area) {
            match version {
                BoundaryVersion::V2025 => related.extend(
                    geo.predecessors(c)
                        .iter()
                        .map(|p| (p.to_string(), BoundaryVersion::Pre2025)),
                ),
                BoundaryVersion::Pre2025 => related.extend(
                    geo.successor(c)
                        .map(|s| (s.to_string(), BoundaryVersion::V2025)),
                ),
            }
        } else {
            // A group or VN: the same id on the other map.
            for v in BoundaryVersion::ALL {
                related.insert((area.to_owned(), v));
            }
        }
        let keys: BTreeSet<(i32, String)> = self
            .targets
            .iter()
            .filter(|t| related.contains(&(t.area.clone(), t.boundaries)))
            .map(|t| (t.year, t.indicator.clone()))
            .collect();
        keys.into_iter().collect()
    }
}
