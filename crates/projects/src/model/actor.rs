//! Who makes a change, and what they may change.
//!
//! The same role rules as the rest of the system: an analyst of the
//! ministry may change every record; a provincial officer may change only
//! the records of their own province (a project counts as theirs when one
//! of its provinces is theirs, compared on the 2025 boundaries, so an
//! officer of the merged Bắc Ninh also answers for projects entered under
//! old Bắc Giang or old Bắc Ninh). Only analysts change the catalogue of
//! strategy kinds. The web layer maps its signed-in user to an [`Actor`].
//!
//! A record's provinces are the analyst's to set (issue 13 item 9): an
//! officer creates records in their own province only, and keeps the
//! provinces of a record they edit exactly as they were (the boundary
//! version, the codes, the lead), so an officer of one province of a
//! shared project cannot drop the others from it ([`Actor::check_place`]).

use std::fmt;

use congthuong_core::{AreaCode, BoundaryVersion};

use crate::error::{Error, Reason, Result};
use crate::model::common::{Label, Place};

/// A role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// A ministry analyst: every record.
    Analyst,
    /// A provincial department officer: their province's records.
    ProvincialOfficer {
        /// Their province.
        province: Place,
    },
}

/// A person (or a process such as the demo loader) making a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Their name or login.
    pub name: Label,
    /// What they may change.
    pub role: Role,
}

impl Actor {
    /// An analyst.
    pub fn analyst(name: &str) -> Result<Self> {
        Ok(Self {
            name: Label::parse(name)?,
            role: Role::Analyst,
        })
    }

    /// An officer of `province` (a code on `boundary`).
    pub fn officer(name: &str, boundary: BoundaryVersion, province: &str) -> Result<Self> {
        Ok(Self {
            name: Label::parse(name)?,
            role: Role::ProvincialOfficer {
                province: Place::one(boundary, province)?,
            },
        })
    }

    /// May this actor change a record located at `place`?
    pub fn may_edit(&self, place: &Place) -> bool {
        match &self.role {
            Role::Analyst => true,
            Role::ProvincialOfficer { province } => province.overlaps(place),
        }
    }

    /// `Ok` when [`Self::may_edit`], else [`Error::Forbidden`] naming `object`.
    pub fn check(&self, place: &Place, object: &str) -> Result<()> {
        if self.may_edit(place) {
            Ok(())
        } else {
            Err(Error::Forbidden {
                actor: self.to_string(),
                object: object.to_owned(),
                reason: Reason::new(
                    format!(
                        "it is in province(s) {} ({}), not the officer's own",
                        place.list(),
                        place.boundary()
                    ),
                    format!(
                        "hồ sơ thuộc tỉnh {} (bản đồ {}), không phải tỉnh của cán bộ",
                        place.list(),
                        place.boundary()
                    ),
                ),
            })
        }
    }

    /// `Ok` when the actor may save a record at `new` whose stored version
    /// is at `old` (`None`: a new record). An analyst always may. An
    /// officer may edit a record of their province only if its provinces
    /// stay exactly as they were, and may create a record only when every
    /// province of it (read on the 2025 map) is their own; else
    /// [`Error::Forbidden`] naming `object` and why.
    pub fn check_place(&self, old: Option<&Place>, new: &Place, object: &str) -> Result<()> {
        let Role::ProvincialOfficer { province } = &self.role else {
            return Ok(());
        };
        let refuse = |reason: Reason| {
            Err(Error::Forbidden {
                actor: self.to_string(),
                object: object.to_owned(),
                reason,
            })
        };
        match old {
            Some(old) => {
                self.check(old, object)?;
                if old == new {
                    Ok(())
                } else {
                    refuse(Reason::new(
                        format!(
                            "its provinces would change from {} ({}) to {} ({}): changing a record's provinces needs an analyst",
                            old.list(),
                            old.boundary(),
                            new.list(),
                            new.boundary()
                        ),
                        format!(
                            "tỉnh của hồ sơ sẽ đổi từ {} (bản đồ {}) thành {} (bản đồ {}): chỉ chuyên viên Bộ được đổi tỉnh của một hồ sơ",
                            old.list(),
                            old.boundary(),
                            new.list(),
                            new.boundary()
                        ),
                    ))
                }
            }
            None => {
                let mine = province.on(BoundaryVersion::V2025);
                if new
                    .on(BoundaryVersion::V2025)
                    .iter()
                    .all(|c| mine.contains(c))
                {
                    Ok(())
                } else {
                    refuse(Reason::new(
                        format!(
                            "it would be in province(s) {} ({}): an officer creates records in their own province only; a record in other or several provinces is created by an analyst",
                            new.list(),
                            new.boundary()
                        ),
                        format!(
                            "hồ sơ sẽ thuộc tỉnh {} (bản đồ {}): cán bộ Sở chỉ tạo hồ sơ của tỉnh mình; hồ sơ của tỉnh khác hoặc của nhiều tỉnh do chuyên viên Bộ tạo",
                            new.list(),
                            new.boundary()
                        ),
                    ))
                }
            }
        }
    }

    /// `Ok` for analysts only.
    pub fn check_analyst(&self, object: &str) -> Result<()> {
        match self.role {
            Role::Analyst => Ok(()),
            Role::ProvincialOfficer { .. } => Err(Error::Forbidden {
                actor: self.to_string(),
                object: object.to_owned(),
                reason: Reason::new(
                    "only ministry analysts change it",
                    "chỉ chuyên viên của Bộ được sửa",
                ),
            }),
        }
    }

    /// The officer's province on the 2025 boundaries, if an officer.
    pub fn province_2025(&self) -> Option<AreaCode> {
        match &self.role {
            Role::Analyst => None,
            Role::ProvincialOfficer { province } => province.lead_on(BoundaryVersion::V2025),
        }
    }
}

/// `name (analyst)` or `name (officer 24@2025)`: how the audit log names
/// the actor.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.role {
            Role::Analyst => write!(f, "{} (analyst)", self.name),
            Role::ProvincialOfficer { province } => write!(
                f,
                "{} (officer {}@{})",
                self.name,
                province.lead(),
                province.boundary()
            ),
        }
    }
}

/// An actor as stored in the history (`name (analyst)`, `name (officer
/// 24@2025)`, see the `Display` above) in the reader's language: the role
/// in words, the officer's province by name (looked up from its code on
/// its boundary version). Text in another shape is returned as it is.
pub fn actor_label(stored: &str, lang: congthuong_core::Lang) -> String {
    use congthuong_core::{AreaCode, Geography, Lang};
    let Some((name, role)) = stored.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) else {
        return stored.to_owned();
    };
    let role = if role == "analyst" {
        lang.pick("chuyên viên của Bộ", "ministry analyst")
            .to_owned()
    } else if let Some((code, boundary)) = role
        .strip_prefix("officer ")
        .and_then(|r| r.split_once('@'))
    {
        let province = AreaCode::parse(code)
            .ok()
            .zip(boundary.parse::<BoundaryVersion>().ok())
            .and_then(|(c, b)| Geography::embedded().province(c, b))
            .map(|p| match lang {
                Lang::Vi => p.short_name_vi.clone(),
                Lang::En => p.name_ascii.clone(),
            })
            .unwrap_or_else(|| code.to_owned());
        format!(
            "{} · {province}",
            lang.pick("cán bộ Sở", "province officer")
        )
    } else {
        return stored.to_owned();
    };
    format!("{name} ({role})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officers_edit_only_their_own_province_on_either_map() {
        let bn = Actor::officer("Lan", BoundaryVersion::V2025, "24").unwrap();
        let old_bn = Place::one(BoundaryVersion::Pre2025, "27").unwrap();
        let old_bg = Place::one(BoundaryVersion::Pre2025, "24").unwrap();
        let hanoi = Place::one(BoundaryVersion::V2025, "01").unwrap();
        let both = Place::new(BoundaryVersion::V2025, &["01", "24"]).unwrap();
        assert!(bn.may_edit(&old_bn) && bn.may_edit(&old_bg) && bn.may_edit(&both));
        assert!(!bn.may_edit(&hanoi));
        assert!(bn.check(&hanoi, "project X").is_err());
        assert!(Actor::analyst("An").unwrap().may_edit(&hanoi));
        assert!(bn.check_analyst("catalogue").is_err());
        assert_eq!(bn.to_string(), "Lan (officer 24@2025)");
    }

    #[test]
    fn stored_actors_read_in_words() {
        use congthuong_core::Lang;
        assert_eq!(
            actor_label("Lan (officer 24@2025)", Lang::Vi),
            "Lan (cán bộ Sở · Bắc Ninh)"
        );
        assert_eq!(
            actor_label("Lan (officer 24@pre2025)", Lang::Vi),
            "Lan (cán bộ Sở · Bắc Giang)"
        );
        assert_eq!(
            actor_label("demo (analyst)", Lang::En),
            "demo (ministry analyst)"
        );
        assert_eq!(actor_label("an import", Lang::Vi), "an import");
    }

    #[test]
    fn only_analysts_change_a_records_provinces_or_create_outside_their_own() {
        let bn = Actor::officer("Lan", BoundaryVersion::V2025, "24").unwrap();
        let an = Actor::analyst("An").unwrap();
        let p = |b, codes: &[&str]| Place::new(b, codes).unwrap();
        let shared = p(BoundaryVersion::V2025, &["01", "24"]);
        let own = p(BoundaryVersion::V2025, &["24"]);
        let old_bg = p(BoundaryVersion::Pre2025, &["24"]);
        let hanoi = p(BoundaryVersion::V2025, &["01"]);
        // Other edits of a shared project: allowed, provinces unchanged.
        assert!(bn.check_place(Some(&shared), &shared, "project X").is_ok());
        // Dropping Hà Nội, adding it, re-ordering the lead, re-mapping.
        for (old, new) in [
            (&shared, &own),
            (&own, &shared),
            (&shared, &p(BoundaryVersion::V2025, &["24", "01"])),
            (&old_bg, &own),
        ] {
            let e = bn.check_place(Some(old), new, "project X").unwrap_err();
            assert!(
                matches!(&e, Error::Forbidden { reason, .. } if reason.en.contains("needs an analyst")),
                "{e}"
            );
            assert!(an.check_place(Some(old), new, "project X").is_ok());
        }
        // Someone else's record stays someone else's.
        assert!(bn.check_place(Some(&hanoi), &hanoi, "project Y").is_err());
        // New records: the officer's province only, on either map.
        assert!(bn.check_place(None, &own, "project Z").is_ok());
        assert!(bn.check_place(None, &old_bg, "project Z").is_ok());
        assert!(
            bn.check_place(
                None,
                &p(BoundaryVersion::Pre2025, &["24", "27"]),
                "project Z"
            )
            .is_ok()
        );
        for new in [&hanoi, &shared] {
            let e = bn.check_place(None, new, "project Z").unwrap_err();
            assert!(e.to_string().contains("own province only"), "{e}");
            assert!(an.check_place(None, new, "project Z").is_ok());
        }
    }
}
