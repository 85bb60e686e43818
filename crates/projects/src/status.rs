//! Status from dates, never typed: on schedule, at risk, late, done, and
//! days of slip; and "who must act by when".
//!
//! Every function takes `today`; none reads the clock. The rules (also in
//! `docs/PROJECTS.md`), for an item due on `due` and done on `done`:
//!
//! | state | when | days |
//! | --- | --- | --- |
//! | done | `done` is set | slip = `done − due` (negative: early) |
//! | late | not done and `due < today` | `today − due` (due yesterday → 1) |
//! | at risk | not done and `today ≤ due ≤ today + N` | days left = `due − today` (due today → at risk, 0 left) |
//! | on schedule | not done and `due > today + N` | days left |
//!
//! N is [`StatusRules::within_days`], 30 by default. A milestone is
//! measured against its **current plan** (the last approved re-plan, else
//! the baseline); its slip against the **baseline** is reported beside it:
//! done → `actual − baseline`; not done → `max(today, current plan) −
//! baseline`, the delay already certain (a re-plan pushing the date out is
//! slip against the baseline even before the new date arrives).
//!
//! A project is late when any milestone is late, else at risk when any is
//! at risk, else done when all are done, else on schedule. Its slip is the
//! largest slip of its late milestones against their current plans, and
//! the largest slip of any milestone against its baseline.

use serde::Serialize;

use crate::date::Date;
use crate::model::common::{Label, Vocabulary};
use crate::model::project::{Escalation, Milestone, Project};

/// The thresholds of the status rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusRules {
    /// An item not done and due within this many days (today included) is at risk.
    pub within_days: i64,
}

impl Default for StatusRules {
    fn default() -> Self {
        Self { within_days: 30 }
    }
}

/// The state of one dated item on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ItemState {
    /// Done; `slip_days` = done − due (negative when early).
    Done {
        /// Days late (positive) or early (negative).
        slip_days: i64,
    },
    /// Not done, due later than the at-risk window.
    OnSchedule {
        /// Days until due.
        days_left: i64,
    },
    /// Not done, due today or within the window.
    AtRisk {
        /// Days until due (0: due today).
        days_left: i64,
    },
    /// Not done and the due date has passed.
    Late {
        /// Days past due (1: due yesterday).
        days: i64,
    },
}

impl ItemState {
    /// Applies the rules to an item due on `due`, done on `done`.
    pub fn of(due: Date, done: Option<Date>, today: Date, rules: StatusRules) -> Self {
        if let Some(d) = done {
            return ItemState::Done {
                slip_days: d.days_since(due),
            };
        }
        let left = due.days_since(today);
        if left < 0 {
            ItemState::Late { days: -left }
        } else if left <= rules.within_days {
            ItemState::AtRisk { days_left: left }
        } else {
            ItemState::OnSchedule { days_left: left }
        }
    }

    /// `done`, `on_schedule`, `at_risk` or `late`.
    pub fn code(self) -> &'static str {
        match self {
            ItemState::Done { .. } => "done",
            ItemState::OnSchedule { .. } => "on_schedule",
            ItemState::AtRisk { .. } => "at_risk",
            ItemState::Late { .. } => "late",
        }
    }

    /// Vietnamese label.
    pub fn vi(self) -> &'static str {
        match self {
            ItemState::Done { .. } => "Hoàn thành",
            ItemState::OnSchedule { .. } => "Đúng tiến độ",
            ItemState::AtRisk { .. } => "Có nguy cơ chậm",
            ItemState::Late { .. } => "Chậm tiến độ",
        }
    }

    /// Late or at risk: someone must act.
    pub fn needs_action(self) -> bool {
        matches!(self, ItemState::Late { .. } | ItemState::AtRisk { .. })
    }

    /// Days of slip against the due date: late days, done-late days, else 0.
    pub fn slip_days(self) -> i64 {
        match self {
            ItemState::Late { days } => days,
            ItemState::Done { slip_days } => slip_days.max(0),
            _ => 0,
        }
    }

    /// Severity for sorting: late 3, at risk 2, on schedule 1, done 0.
    pub fn severity(self) -> u8 {
        match self {
            ItemState::Late { .. } => 3,
            ItemState::AtRisk { .. } => 2,
            ItemState::OnSchedule { .. } => 1,
            ItemState::Done { .. } => 0,
        }
    }
}

/// A milestone's state against its current plan, and its slip against
/// the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MilestoneStatus {
    /// The state against the current plan.
    pub state: ItemState,
    /// The current plan.
    pub plan: Date,
    /// The baseline.
    pub baseline: Date,
    /// How many re-plans there were.
    pub replans: usize,
    /// Slip against the baseline in days (see the module doc; negative:
    /// ahead of the baseline).
    pub slip_baseline_days: i64,
}

/// Applies the rules to a milestone.
pub fn milestone_status(m: &Milestone, today: Date, rules: StatusRules) -> MilestoneStatus {
    let plan = m.current_plan();
    let state = ItemState::of(plan, m.actual, today, rules);
    let slip_baseline_days = match m.actual {
        Some(a) => a.days_since(m.baseline),
        None => today.max(plan).days_since(m.baseline),
    };
    MilestoneStatus {
        state,
        plan,
        baseline: m.baseline,
        replans: m.replans.len(),
        slip_baseline_days,
    }
}

/// The overall state of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// No milestone recorded.
    NoSchedule,
    /// Every milestone done.
    Done,
    /// Nothing late or at risk.
    OnSchedule,
    /// A milestone is due within the window and not done.
    AtRisk,
    /// A milestone is past its current plan and not done.
    Late,
}

impl Overall {
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Overall::NoSchedule => "no_schedule",
            Overall::Done => "done",
            Overall::OnSchedule => "on_schedule",
            Overall::AtRisk => "at_risk",
            Overall::Late => "late",
        }
    }

    /// Vietnamese label.
    pub fn vi(self) -> &'static str {
        match self {
            Overall::NoSchedule => "Chưa có tiến độ",
            Overall::Done => "Hoàn thành",
            Overall::OnSchedule => "Đúng tiến độ",
            Overall::AtRisk => "Có nguy cơ chậm",
            Overall::Late => "Chậm tiến độ",
        }
    }
}

/// A project's status on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectStatus {
    /// The overall state.
    pub overall: Overall,
    /// Largest days late of a late milestone against its current plan.
    pub slip_days: i64,
    /// Largest slip of any milestone against its baseline (0 if none slipped).
    pub slip_baseline_days: i64,
    /// Milestones late.
    pub late: usize,
    /// Milestones at risk.
    pub at_risk: usize,
    /// Each milestone's status, in the project's order.
    pub milestones: Vec<MilestoneStatus>,
}

/// Applies the rules to every milestone of a project.
pub fn project_status(p: &Project, today: Date, rules: StatusRules) -> ProjectStatus {
    let milestones: Vec<MilestoneStatus> = p
        .milestones
        .iter()
        .map(|m| milestone_status(m, today, rules))
        .collect();
    let count = |f: fn(&ItemState) -> bool| milestones.iter().filter(|m| f(&m.state)).count();
    let late = count(|s| matches!(s, ItemState::Late { .. }));
    let at_risk = count(|s| matches!(s, ItemState::AtRisk { .. }));
    let done = count(|s| matches!(s, ItemState::Done { .. }));
    let overall = if milestones.is_empty() {
        Overall::NoSchedule
    } else if late > 0 {
        Overall::Late
    } else if at_risk > 0 {
        Overall::AtRisk
    } else if done == milestones.len() {
        Overall::Done
    } else {
        Overall::OnSchedule
    };
    let slip_days = milestones
        .iter()
        .filter_map(|m| match m.state {
            ItemState::Late { days } => Some(days),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let slip_baseline_days = milestones
        .iter()
        .map(|m| m.slip_baseline_days)
        .max()
        .unwrap_or(0)
        .max(0);
    ProjectStatus {
        overall,
        slip_days,
        slip_baseline_days,
        late,
        at_risk,
        milestones,
    }
}

/// What kind of item someone must act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// A milestone.
    Milestone,
    /// An administrative procedure.
    Procedure,
    /// A blocker.
    Blocker,
}

impl ActionKind {
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Milestone => "milestone",
            ActionKind::Procedure => "procedure",
            ActionKind::Blocker => "blocker",
        }
    }

    /// Vietnamese label.
    pub fn vi(self) -> &'static str {
        match self {
            ActionKind::Milestone => "Mốc tiến độ",
            ActionKind::Procedure => "Thủ tục hành chính",
            ActionKind::Blocker => "Vướng mắc",
        }
    }
}

/// Who must act on what, by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    /// The kind of item.
    pub kind: ActionKind,
    /// Its code (milestone, blocker) or name (procedure).
    pub item: String,
    /// What it is.
    pub description: String,
    /// The agency that must act.
    pub agency: Label,
    /// By when.
    pub deadline: Date,
    /// Late or at risk, with days.
    pub state: ItemState,
    /// How far a blocker has been escalated.
    pub escalation: Option<Escalation>,
}

/// Every late or at-risk item of a project: milestones not done (the
/// milestone's agency, else the project's, by the current plan), open
/// procedures (the deciding agency, by the due date) and unresolved
/// blockers (the responsible agency, by the deadline). Most urgent first:
/// late before at risk, then by deadline.
pub fn actions(p: &Project, today: Date, rules: StatusRules) -> Vec<ActionItem> {
    let mut out = Vec::new();
    for m in &p.milestones {
        let st = milestone_status(m, today, rules);
        if st.state.needs_action() {
            out.push(ActionItem {
                kind: ActionKind::Milestone,
                item: m.code.to_string(),
                description: m.name.to_string(),
                agency: p.milestone_agency(m).clone(),
                deadline: st.plan,
                state: st.state,
                escalation: None,
            });
        }
    }
    for pr in &p.procedures {
        let state = ItemState::of(pr.due, pr.done, today, rules);
        if state.needs_action() {
            out.push(ActionItem {
                kind: ActionKind::Procedure,
                item: pr.name.to_string(),
                description: pr.name.to_string(),
                agency: pr.agency.clone(),
                deadline: pr.due,
                state,
                escalation: None,
            });
        }
    }
    for b in &p.blockers {
        let state = ItemState::of(b.deadline, b.resolved, today, rules);
        if state.needs_action() {
            out.push(ActionItem {
                kind: ActionKind::Blocker,
                item: b.code.to_string(),
                description: format!("{} ({})", b.description, b.category.vi()),
                agency: b.agency.clone(),
                deadline: b.deadline,
                state,
                escalation: Some(b.escalation),
            });
        }
    }
    out.sort_by(|a, b| {
        b.state
            .severity()
            .cmp(&a.state.severity())
            .then(a.deadline.cmp(&b.deadline))
            .then(a.kind.cmp(&b.kind))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::model::common::Code;
    use crate::model::project::Replan;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn ms(baseline: &str, replans: &[&str], actual: Option<&str>) -> Milestone {
        let mut m = Milestone::new(
            Code::parse("m").unwrap(),
            Label::parse("Mốc").unwrap(),
            d(baseline),
        );
        for (i, r) in replans.iter().enumerate() {
            m.replans.push(Replan {
                date: d(r),
                reason: Label::parse("lý do").unwrap(),
                decision: None,
                by: "t".into(),
                at: Timestamp::from_unix(i as i64),
            });
        }
        m.actual = actual.map(d);
        m
    }

    const TODAY: &str = "2025-06-15";

    fn state(m: &Milestone) -> MilestoneStatus {
        milestone_status(m, d(TODAY), StatusRules::default())
    }

    #[test]
    fn due_today_is_at_risk_not_late() {
        let s = state(&ms(TODAY, &[], None));
        assert_eq!(s.state, ItemState::AtRisk { days_left: 0 });
        assert_eq!(s.slip_baseline_days, 0);
    }

    #[test]
    fn due_yesterday_and_not_done_is_late_by_one_day() {
        let s = state(&ms("2025-06-14", &[], None));
        assert_eq!(s.state, ItemState::Late { days: 1 });
        assert_eq!(s.state.slip_days(), 1);
        assert_eq!(s.slip_baseline_days, 1);
    }

    #[test]
    fn the_window_is_inclusive_at_n_days() {
        let rules = StatusRules { within_days: 30 };
        let m30 = ms("2025-07-15", &[], None);
        let m31 = ms("2025-07-16", &[], None);
        assert_eq!(
            milestone_status(&m30, d(TODAY), rules).state,
            ItemState::AtRisk { days_left: 30 }
        );
        assert_eq!(
            milestone_status(&m31, d(TODAY), rules).state,
            ItemState::OnSchedule { days_left: 31 }
        );
        let tight = StatusRules { within_days: 0 };
        assert_eq!(
            milestone_status(&ms(TODAY, &[], None), d(TODAY), tight).state,
            ItemState::AtRisk { days_left: 0 }
        );
    }

    #[test]
    fn a_replanned_milestone_is_measured_against_its_current_plan() {
        // Baseline passed 45 days ago; re-planned to 10 days from now.
        let s = state(&ms("2025-05-01", &["2025-06-01", "2025-06-25"], None));
        assert_eq!(s.state, ItemState::AtRisk { days_left: 10 });
        assert_eq!(s.plan, d("2025-06-25"));
        assert_eq!(s.replans, 2);
        // The re-plan already makes it 55 days behind the baseline.
        assert_eq!(s.slip_baseline_days, 55);
        // Re-planned, and the new date has passed too.
        let s = state(&ms("2025-05-01", &["2025-06-10"], None));
        assert_eq!(s.state, ItemState::Late { days: 5 });
        assert_eq!(s.slip_baseline_days, 45);
    }

    proptest::proptest! {
        /// As days pass, an item that is not done only gets worse (on
        /// schedule → at risk → late), and its days late grow one a day.
        #[test]
        fn waiting_never_improves_an_open_item(due in 0i64..2000, t in 0i64..2000, n in 0i64..90) {
            let base = d("2024-01-01");
            let due = base.add_days(due).unwrap();
            let today = base.add_days(t).unwrap();
            let tomorrow = today.add_days(1).unwrap();
            let rules = StatusRules { within_days: n };
            let a = ItemState::of(due, None, today, rules);
            let b = ItemState::of(due, None, tomorrow, rules);
            proptest::prop_assert!(b.severity() >= a.severity());
            if let (ItemState::Late { days: x }, ItemState::Late { days: y }) = (a, b) {
                proptest::prop_assert_eq!(y, x + 1);
            }
            // Late exactly when the due date has passed.
            proptest::prop_assert_eq!(matches!(a, ItemState::Late { .. }), due < today);
            // A re-plan to a later date never makes the state worse.
            let later = due.add_days(10).unwrap();
            proptest::prop_assert!(ItemState::of(later, None, today, rules).severity() <= a.severity());
        }
    }

    #[test]
    fn done_late_and_done_early() {
        let late = state(&ms("2025-03-01", &["2025-04-01"], Some("2025-04-11")));
        assert_eq!(late.state, ItemState::Done { slip_days: 10 });
        assert_eq!(late.slip_baseline_days, 41);
        let early = state(&ms("2025-03-01", &[], Some("2025-02-26")));
        assert_eq!(early.state, ItemState::Done { slip_days: -3 });
        assert_eq!(early.state.slip_days(), 0);
        assert_eq!(early.slip_baseline_days, -3);
        // Done is done even when the plan is in the future.
        let ahead = state(&ms("2025-12-01", &[], Some("2025-06-01")));
        assert!(matches!(ahead.state, ItemState::Done { .. }));
    }
}
