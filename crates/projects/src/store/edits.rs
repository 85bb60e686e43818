//! One edit of one record, as the web forms, the API and the CLI make
//! them: read the current version, check that the actor may change it,
//! apply the edit, save the next version, all in one transaction (so no
//! other writer slips in between the read and the write).
//!
//! The edits themselves ([`record_actual`], [`replan`], [`add_update`],
//! [`add_blocker`], [`resolve_blocker`], [`close_difficulty`]) are plain
//! functions on the records; the repository's history rules still apply
//! when the result is saved (a baseline never moves, a re-plan or an
//! update is never changed or removed).

use crate::date::Date;
use crate::error::{Error, Reason, Result};
use crate::model::common::Label;
use crate::model::difficulty::{Difficulty, DifficultyStatus};
use crate::model::project::{Blocker, Milestone, ProgressUpdate, Project, Replan};
use crate::store::{
    Change, Repo, Saved, Table, Versioned, read_current, save_difficulty_in, save_project_in,
};

fn milestone_mut<'a>(p: &'a mut Project, code: &str) -> Result<&'a mut Milestone> {
    let id = p.id.to_string();
    p.milestones
        .iter_mut()
        .find(|m| m.code.as_str() == code)
        .ok_or_else(|| Error::NotFound {
            what: "milestone",
            key: format!("{id}/{code}"),
        })
}

/// Records (or corrects, or with `None` clears) a milestone's actual date.
pub fn record_actual(p: &mut Project, milestone: &str, date: Option<Date>) -> Result<()> {
    milestone_mut(p, milestone)?.actual = date;
    Ok(())
}

/// Appends a re-plan to a milestone's history (the baseline and earlier
/// re-plans stay as they were).
pub fn replan(p: &mut Project, milestone: &str, r: Replan) -> Result<()> {
    milestone_mut(p, milestone)?.replans.push(r);
    Ok(())
}

/// Appends a progress update.
pub fn add_update(p: &mut Project, u: ProgressUpdate) -> Result<()> {
    if let Some(v) = u.physical_percent {
        crate::model::common::percent(v)?;
    }
    p.updates.push(u);
    Ok(())
}

/// Adds a blocker; its code must be new in the project.
pub fn add_blocker(p: &mut Project, b: Blocker) -> Result<()> {
    if p.blockers.iter().any(|x| x.code == b.code) {
        return Err(Error::invalid(
            "blocker",
            b.code.to_string(),
            Reason::new(
                format!("project {} already has a blocker with this code", p.id),
                format!("dự án {} đã có vướng mắc mang mã này", p.id),
            ),
        ));
    }
    p.blockers.push(b);
    Ok(())
}

/// Marks an open blocker resolved on `date`, saying how.
pub fn resolve_blocker(p: &mut Project, code: &str, date: Date, resolution: Label) -> Result<()> {
    let id = p.id.to_string();
    let b = p
        .blockers
        .iter_mut()
        .find(|b| b.code.as_str() == code)
        .ok_or_else(|| Error::NotFound {
            what: "blocker",
            key: format!("{id}/{code}"),
        })?;
    if let Some(d) = b.resolved {
        return Err(Error::invalid(
            "blocker",
            code,
            Reason::new(
                format!("already resolved on {d}"),
                format!("đã giải quyết ngày {d}"),
            ),
        ));
    }
    if date < b.raised {
        return Err(Error::invalid(
            "resolved",
            date.to_string(),
            Reason::new(
                format!("{code}: before the date it was raised ({})", b.raised),
                format!("{code}: trước ngày nêu vướng mắc ({})", b.raised),
            ),
        ));
    }
    b.resolved = Some(date);
    b.resolution = Some(resolution);
    Ok(())
}

/// Closes an open difficulty: resolved or answered, on `date`, with the
/// resolution.
pub fn close_difficulty(
    d: &mut Difficulty,
    status: DifficultyStatus,
    date: Date,
    resolution: Label,
) -> Result<()> {
    if status.is_open() {
        return Err(Error::invalid(
            "status",
            status.to_string(),
            Reason::new(
                "closing needs resolved or answered",
                "kết thúc phải là \"đã giải quyết\" hoặc \"đã trả lời\"",
            ),
        ));
    }
    if !d.status.is_open() {
        return Err(Error::invalid(
            "status",
            d.status.to_string(),
            Reason::new(
                format!("difficulty {} is already closed", d.id),
                format!("khó khăn, kiến nghị {} đã kết thúc", d.id),
            ),
        ));
    }
    d.status = status;
    d.closed_on = Some(date);
    d.resolution = Some(resolution);
    d.validate()
}

impl Repo {
    /// Reads project `id`, checks the actor may change it, applies `edit`
    /// and saves the result as the next version, in one transaction.
    /// `expected` is the version the edit was based on (a form's hidden
    /// field): another version in between gives [`Error::Stale`].
    pub fn edit_project(
        &mut self,
        id: &str,
        expected: Option<u32>,
        change: &Change,
        edit: impl FnOnce(&mut Project) -> Result<()>,
    ) -> Result<Saved> {
        self.in_transaction(|conn, audit| {
            let cur: Versioned<Project> =
                read_current(conn, Table::Projects, id)?.ok_or_else(|| Error::NotFound {
                    what: "project",
                    key: id.to_owned(),
                })?;
            let object = format!("project {id}");
            change.actor.check(&cur.value.place, &object)?;
            let expected = expected.unwrap_or(cur.meta.version);
            if expected != cur.meta.version {
                return Err(Error::Stale {
                    object: format!("{}/{id}", Table::Projects.name()),
                    expected,
                    current: cur.meta.version,
                });
            }
            let mut p = cur.value;
            edit(&mut p)?;
            save_project_in(conn, audit, &p, Some(expected), change)
        })
    }

    /// Like [`Self::edit_project`] for a difficulty.
    pub fn edit_difficulty(
        &mut self,
        id: &str,
        expected: Option<u32>,
        change: &Change,
        edit: impl FnOnce(&mut Difficulty) -> Result<()>,
    ) -> Result<Saved> {
        self.in_transaction(|conn, audit| {
            let cur: Versioned<Difficulty> = read_current(conn, Table::Difficulties, id)?
                .ok_or_else(|| Error::NotFound {
                    what: "difficulty",
                    key: id.to_owned(),
                })?;
            change
                .actor
                .check(&cur.value.place, &format!("difficulty {id}"))?;
            let expected = expected.unwrap_or(cur.meta.version);
            if expected != cur.meta.version {
                return Err(Error::Stale {
                    object: format!("{}/{id}", Table::Difficulties.name()),
                    expected,
                    current: cur.meta.version,
                });
            }
            let mut d = cur.value;
            edit(&mut d)?;
            save_difficulty_in(conn, audit, &d, Some(expected), change)
        })
    }

    /// The current version of a strategy record (key `boundary:province:kind`).
    pub fn strategy(
        &self,
        key: &str,
    ) -> Result<Option<Versioned<crate::model::strategy::StrategyRecord>>> {
        read_current(&self.conn, Table::Strategies, key)
    }

    /// True when no register holds any record.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.counts()?.iter().all(|(_, keys, _)| *keys == 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::model::actor::Actor;
    use crate::model::common::{Amount, Code, Place};
    use crate::model::project::{BlockerCategory, Escalation, ProjectLevel, Sector, SectorKind};
    use congthuong_core::BoundaryVersion;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn project(id: &str, province: &str) -> Project {
        let mut p = Project::new(
            Code::parse(id).unwrap(),
            Label::parse("KCN thử").unwrap(),
            ProjectLevel::Provincial,
            Place::one(BoundaryVersion::V2025, province).unwrap(),
            Sector::Kind(SectorKind::IndustrialPark),
            Label::parse("Chủ đầu tư").unwrap(),
            Amount::new(100.0).unwrap(),
            Label::parse("Sở Công Thương").unwrap(),
        );
        p.milestones.push(Milestone::new(
            Code::parse("khoi_cong").unwrap(),
            Label::parse("Khởi công").unwrap(),
            d("2026-03-01"),
        ));
        p
    }

    fn change(actor: Actor, at: i64) -> Change {
        Change {
            actor,
            at: Timestamp::from_unix(at),
            reason: "test".into(),
        }
    }

    #[test]
    fn an_edit_checks_the_actor_and_the_version_before_anything_else() {
        let mut repo = Repo::open_in_memory().unwrap();
        let analyst = change(Actor::analyst("An").unwrap(), 1);
        repo.save_project(&project("P1", "24"), Some(0), &analyst)
            .unwrap();
        let other = change(
            Actor::officer("Hà", BoundaryVersion::V2025, "01").unwrap(),
            2,
        );
        // Refused before the (invalid) edit is even tried.
        let e = repo
            .edit_project("P1", Some(1), &other, |p| record_actual(p, "nope", None))
            .unwrap_err();
        assert!(matches!(e, Error::Forbidden { .. }), "{e}");
        let own = change(
            Actor::officer("Lan", BoundaryVersion::V2025, "24").unwrap(),
            3,
        );
        let saved = repo
            .edit_project("P1", Some(1), &own, |p| {
                record_actual(p, "khoi_cong", Some(d("2026-03-05")))
            })
            .unwrap();
        assert_eq!(saved.version, 2);
        // A form read at version 1 is now stale.
        let e = repo
            .edit_project("P1", Some(1), &own, |p| {
                record_actual(p, "khoi_cong", Some(d("2026-03-06")))
            })
            .unwrap_err();
        assert!(matches!(e, Error::Stale { current: 2, .. }), "{e}");
        assert_eq!(
            repo.project("P1").unwrap().unwrap().value.milestones[0].actual,
            Some(d("2026-03-05"))
        );
    }

    #[test]
    fn blockers_are_added_once_and_resolved_once() {
        let mut p = project("P2", "01");
        let b = Blocker {
            code: Code::parse("VM1").unwrap(),
            description: Label::parse("Chưa bàn giao đất").unwrap(),
            category: BlockerCategory::SiteClearance,
            agency: Label::parse("UBND huyện").unwrap(),
            escalation: Escalation::Province,
            raised: d("2026-01-10"),
            deadline: d("2026-02-10"),
            resolved: None,
            resolution: None,
        };
        add_blocker(&mut p, b.clone()).unwrap();
        assert!(add_blocker(&mut p, b).is_err(), "the code is taken");
        let why = Label::parse("Đã bàn giao").unwrap();
        assert!(resolve_blocker(&mut p, "VM1", d("2026-01-01"), why.clone()).is_err());
        resolve_blocker(&mut p, "VM1", d("2026-02-01"), why.clone()).unwrap();
        assert_eq!(p.blockers[0].resolved, Some(d("2026-02-01")));
        assert!(resolve_blocker(&mut p, "VM1", d("2026-02-02"), why.clone()).is_err());
        assert!(matches!(
            resolve_blocker(&mut p, "VM9", d("2026-02-02"), why),
            Err(Error::NotFound { .. })
        ));
        p.validate().unwrap();
    }
}
