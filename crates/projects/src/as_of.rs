//! A key project as it stood at the end of a past day, for a briefing of
//! a past period: what is known now, cut at that day. A milestone done
//! after the day was not done then; a re-plan recorded after the day was
//! not yet the plan; a blocker raised after it did not exist, and one
//! resolved after it was still open; a procedure decided after it was
//! still pending; updates and earned-value points after it are left out.
//!
//! The cut is by the dates the register holds (`actual`, `resolved`,
//! `done`, `raised`, an update's `date`) and, for re-plans, the instant
//! the re-plan was recorded (`at`, read as a day in Vietnam): a re-plan
//! has no other date saying when it was decided.
//!
//! Pure: no I/O, no clock.

use crate::{Date, Project};

/// `p` at the end of `day`.
pub fn project_on(p: &Project, day: Date) -> Project {
    let after = |d: Date| d > day;
    let mut p = p.clone();
    for m in &mut p.milestones {
        if m.actual.is_some_and(after) {
            m.actual = None;
        }
        m.replans
            .retain(|r| r.at.date_in_vietnam().is_some_and(|d| d <= day));
    }
    for pr in &mut p.procedures {
        if pr.done.is_some_and(after) {
            pr.done = None;
        }
        if pr.submitted.is_some_and(after) {
            pr.submitted = None;
        }
    }
    p.blockers.retain(|b| b.raised <= day);
    for b in &mut p.blockers {
        if b.resolved.is_some_and(after) {
            b.resolved = None;
            b.resolution = None;
        }
    }
    p.updates.retain(|u| u.date <= day);
    p.earned_value.retain(|e| e.as_of <= day);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;
    use crate::status::{ItemState, actions};
    use crate::{Replan, Timestamp};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn later_facts_are_cut_and_earlier_ones_kept() {
        let today = d("2026-11-26");
        let mut p = generate(today).projects.remove(0);
        let m = &mut p.milestones[0];
        m.baseline = d("2024-03-31");
        m.actual = Some(d("2025-02-01"));
        m.replans = vec![Replan {
            date: d("2024-12-31"),
            reason: crate::Label::parse("thiếu mặt bằng").unwrap(),
            decision: None,
            by: "test".into(),
            at: Timestamp::parse("2024-06-01T03:00:00Z").unwrap(),
        }];
        // On 2024-09-30 the milestone was neither done nor late (re-planned in June).
        let then = project_on(&p, d("2024-09-30"));
        assert_eq!(then.milestones[0].actual, None);
        assert_eq!(then.milestones[0].current_plan(), d("2024-12-31"));
        // On 2024-05-31 the re-plan had not been recorded: late on the baseline.
        let before = project_on(&p, d("2024-05-31"));
        assert!(before.milestones[0].replans.is_empty());
        let late = actions(&before, d("2024-05-31"), Default::default())
            .into_iter()
            .any(|a| {
                a.item == before.milestones[0].code.as_str()
                    && matches!(a.state, ItemState::Late { days: 61 })
            });
        assert!(late, "61 days past 2024-03-31");
        // After every recorded fact, the project is as recorded.
        assert_eq!(project_on(&p, d("2030-01-01")), p);
        assert_eq!(
            project_on(&p, d("2025-02-01")).milestones[0].actual,
            Some(d("2025-02-01")),
            "done on the day itself"
        );
        for b in &project_on(&p, d("2020-01-01")).blockers {
            assert!(b.raised <= d("2020-01-01"));
        }
    }
}
