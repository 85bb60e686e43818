//! What the dashboard pages and the CLI show, computed from records
//! loaded from the repository: pure functions taking `today`.
//!
//! - [`Scope`]: a group (e.g. `north_28`) or a list of provinces read on a
//!   boundary version; a record is in scope when one of its provinces,
//!   read on that version ([`Place::on`]), is a member. A project entered
//!   in 2024 under old Bắc Giang (`24`, pre-2025) is in `north_28` on both
//!   maps: on the 2025 map it reads as the merged Bắc Ninh (`24`).
//! - [`late_list`]: late and at-risk projects with who must act by when.
//! - [`late_for_areas`]: the late items of some provinces, flat, for the
//!   briefing ("late key projects" of a group).
//! - [`status_counts`]: projects by state, per province.
//! - [`timeline`]: a project's milestones, baseline against re-plans and
//!   actual, for a Gantt chart.
//! - [`strategy_grid`]: the province × strategy checklist.
//! - [`investment_summary`]: investment by province, priority industry,
//!   origin.
//! - [`difficulties_by_agency`], [`overdue_difficulties`].

use std::collections::{BTreeMap, BTreeSet};

use congthuong_core::{AreaCode, BoundaryVersion, Geography};
use serde::Serialize;

use crate::date::{Date, Timestamp};
use crate::error::{Error, Result};
use crate::model::common::{Label, Place};
use crate::model::difficulty::Difficulty;
use crate::model::investment::{InvestmentRecord, Origin, PriorityIndustry};
use crate::model::project::Escalation;
use crate::model::project::{Project, ProjectLevel};
use crate::model::strategy::{StrategyKind, StrategyRecord};
use crate::status::{
    ActionItem, ActionKind, ItemState, MilestoneStatus, Overall, ProjectStatus, StatusRules,
    actions, project_status,
};

/// The provinces a view covers, on one boundary version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The version members are read on.
    pub version: BoundaryVersion,
    /// The member provinces on that version.
    pub members: BTreeSet<AreaCode>,
    /// What the scope is (a group id, `all`, or codes).
    pub label: String,
}

impl Scope {
    /// A reference group read on `version`.
    pub fn group(id: &str, version: BoundaryVersion) -> Result<Self> {
        let geo = Geography::embedded();
        let g = geo
            .group(id)
            .map_err(|e| Error::invalid("group", id, e.into()))?;
        Ok(Self {
            version,
            members: g.members(version, geo).into_iter().collect(),
            label: g.id().to_owned(),
        })
    }

    /// Every province of `version`.
    pub fn all(version: BoundaryVersion) -> Self {
        Self {
            version,
            members: Geography::embedded()
                .provinces(version)
                .iter()
                .map(|p| p.code)
                .collect(),
            label: "all".into(),
        }
    }

    /// Some provinces of `version`.
    pub fn provinces(version: BoundaryVersion, codes: &[&str]) -> Result<Self> {
        let place = Place::new(version, codes)?;
        Ok(Self {
            version,
            members: place.provinces().iter().copied().collect(),
            label: place.list(),
        })
    }

    /// Is a record at `place` in scope?
    pub fn contains(&self, place: &Place) -> bool {
        place
            .on(self.version)
            .iter()
            .any(|c| self.members.contains(c))
    }
}

/// A project's identity as the lists show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectHead {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// National or provincial.
    pub level: ProjectLevel,
    /// Provinces as entered, `;`-separated.
    pub provinces_recorded: String,
    /// The version they were entered on.
    pub recorded_on: BoundaryVersion,
    /// The provinces on the scope's version, `;`-separated.
    pub provinces: String,
    /// The responsible agency.
    pub agency: String,
    /// Synthetic demo data.
    pub synthetic: bool,
}

impl ProjectHead {
    /// The head of `p` read on `version`.
    pub fn of(p: &Project, version: BoundaryVersion) -> Self {
        Self {
            id: p.id.to_string(),
            name: p.name.to_string(),
            level: p.level,
            provinces_recorded: p.place.list(),
            recorded_on: p.place.boundary(),
            provinces: crate::model::common::join_codes(&p.place.on(version)),
            agency: p.agency.to_string(),
            synthetic: p.synthetic,
        }
    }
}

/// A late or at-risk project with what must be done.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LateEntry {
    /// The project.
    pub project: ProjectHead,
    /// Its status.
    pub status: ProjectStatus,
    /// Late and at-risk items: who must act by when.
    pub actions: Vec<ActionItem>,
}

/// Late and at-risk projects of a scope (and projects with an overdue
/// procedure or blocker even when their milestones are on time), most
/// urgent first: late before at risk, then by days of slip, then id.
pub fn late_list(
    projects: &[Project],
    scope: &Scope,
    today: Date,
    rules: StatusRules,
) -> Vec<LateEntry> {
    let mut out: Vec<LateEntry> = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .filter_map(|p| {
            let status = project_status(p, today, rules);
            let actions = actions(p, today, rules);
            (!actions.is_empty()).then(|| LateEntry {
                project: ProjectHead::of(p, scope.version),
                status,
                actions,
            })
        })
        .collect();
    let worst = |e: &LateEntry| e.actions.iter().map(|a| a.state.severity()).max();
    out.sort_by(|a, b| {
        worst(b)
            .cmp(&worst(a))
            .then(b.status.overall.cmp(&a.status.overall))
            .then(b.status.slip_days.cmp(&a.status.slip_days))
            .then(a.project.id.cmp(&b.project.id))
    });
    out
}

/// A late item of a key project: what the briefing's "late key
/// projects" lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LateItem {
    /// The project's id.
    pub project_id: String,
    /// The project's name.
    pub project: String,
    /// Its provinces read on the version asked for.
    pub provinces: Vec<AreaCode>,
    /// A milestone, a procedure or a blocker.
    pub kind: ActionKind,
    /// The milestone or blocker code, or the procedure's name.
    pub item: String,
    /// What it is (the milestone's name, the procedure, the blocker).
    pub what: String,
    /// The agency that must act.
    pub agency: String,
    /// When it was due (a milestone: its current plan).
    pub due: Date,
    /// Days past due on `as_of` (1 when due the day before).
    pub days_late: i64,
    /// A milestone's slip against its baseline, days (re-plans included).
    pub slip_baseline_days: Option<i64>,
    /// How far a blocker has been escalated.
    pub escalation: Option<Escalation>,
    /// Synthetic demo data.
    pub synthetic: bool,
}

/// The late items (past due and not done: milestones against their
/// current plan, procedures, blockers) of the projects with a province in
/// `areas`, read on `version`, on `as_of`: most days late first, then
/// project id. At-risk items are left out (see [`late_list`] for both).
pub fn late_for_areas(
    projects: &[Project],
    areas: &[AreaCode],
    version: BoundaryVersion,
    as_of: Date,
) -> Vec<LateItem> {
    let rules = StatusRules::default();
    let scope = Scope {
        version,
        members: areas.iter().copied().collect(),
        label: join_codes_of(areas),
    };
    let mut out = Vec::new();
    for p in projects.iter().filter(|p| scope.contains(&p.place)) {
        let status = project_status(p, as_of, rules);
        for a in actions(p, as_of, rules) {
            let ItemState::Late { days } = a.state else {
                continue;
            };
            let slip_baseline_days = (a.kind == ActionKind::Milestone)
                .then(|| {
                    p.milestones
                        .iter()
                        .zip(&status.milestones)
                        .find(|(m, _)| m.code.as_str() == a.item)
                        .map(|(_, s)| s.slip_baseline_days)
                })
                .flatten();
            out.push(LateItem {
                project_id: p.id.to_string(),
                project: p.name.to_string(),
                provinces: p.place.on(version),
                kind: a.kind,
                item: a.item,
                what: a.description,
                agency: a.agency.to_string(),
                due: a.deadline,
                days_late: days,
                slip_baseline_days,
                escalation: a.escalation,
                synthetic: p.synthetic,
            });
        }
    }
    out.sort_by(|a, b| {
        b.days_late
            .cmp(&a.days_late)
            .then(a.project_id.cmp(&b.project_id))
            .then(a.due.cmp(&b.due))
    });
    out
}

fn join_codes_of(areas: &[AreaCode]) -> String {
    crate::model::common::join_codes(areas)
}

/// How many projects are in each state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Late.
    pub late: usize,
    /// At risk.
    pub at_risk: usize,
    /// On schedule.
    pub on_schedule: usize,
    /// Done.
    pub done: usize,
    /// No milestones recorded.
    pub no_schedule: usize,
}

/// Projects by state per province of the scope (a project in several
/// provinces counts in each).
pub fn status_counts(
    projects: &[Project],
    scope: &Scope,
    today: Date,
    rules: StatusRules,
) -> BTreeMap<AreaCode, StatusCounts> {
    let mut out: BTreeMap<AreaCode, StatusCounts> = scope
        .members
        .iter()
        .map(|c| (*c, StatusCounts::default()))
        .collect();
    for p in projects {
        let overall = project_status(p, today, rules).overall;
        for c in p.place.on(scope.version) {
            if let Some(n) = out.get_mut(&c) {
                match overall {
                    Overall::Late => n.late += 1,
                    Overall::AtRisk => n.at_risk += 1,
                    Overall::OnSchedule => n.on_schedule += 1,
                    Overall::Done => n.done += 1,
                    Overall::NoSchedule => n.no_schedule += 1,
                }
            }
        }
    }
    out
}

/// A re-plan as the timeline shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelinePlan {
    /// The planned date it set.
    pub date: Date,
    /// Why.
    pub reason: String,
    /// The approving decision.
    pub decision: Option<String>,
    /// Who recorded it, when.
    pub by: String,
    /// When.
    pub at: Timestamp,
}

/// One bar of the Gantt chart: baseline, re-plans, current plan, actual.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// The milestone code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Who must deliver it.
    pub agency: String,
    /// The baseline.
    pub baseline: Date,
    /// Every re-plan, oldest first.
    pub replans: Vec<TimelinePlan>,
    /// The actual date.
    pub actual: Option<Date>,
    /// The state and slips.
    pub status: MilestoneStatus,
}

/// The timeline of a project.
pub fn timeline(p: &Project, today: Date, rules: StatusRules) -> Vec<TimelineRow> {
    let status = project_status(p, today, rules);
    p.milestones
        .iter()
        .zip(status.milestones)
        .map(|(m, status)| TimelineRow {
            code: m.code.to_string(),
            name: m.name.to_string(),
            agency: p.milestone_agency(m).to_string(),
            baseline: m.baseline,
            replans: m
                .replans
                .iter()
                .map(|r| TimelinePlan {
                    date: r.date,
                    reason: r.reason.to_string(),
                    decision: r.decision.as_ref().map(Label::to_string),
                    by: r.by.clone(),
                    at: r.at,
                })
                .collect(),
            actual: m.actual,
            status,
        })
        .collect()
}

/// A cell of the strategy checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CellState {
    /// Issued and folded into the provincial plan.
    Integrated,
    /// Issued, not (yet) folded into the plan.
    Issued,
    /// Recorded as not issued.
    NotIssued,
    /// Read forward on the 2025 map: some of the merged units had issued it.
    Partial {
        /// Predecessor units that had issued it.
        issued: usize,
        /// Predecessor units.
        of: usize,
    },
    /// Nothing recorded.
    NoRecord,
}

impl CellState {
    /// The code.
    pub fn code(&self) -> &'static str {
        match self {
            CellState::Integrated => "integrated",
            CellState::Issued => "issued",
            CellState::NotIssued => "not_issued",
            CellState::Partial { .. } => "partial",
            CellState::NoRecord => "no_record",
        }
    }

    /// Vietnamese label.
    pub fn vi(&self) -> String {
        match self {
            CellState::Integrated => "Đã ban hành, đã tích hợp".into(),
            CellState::Issued => "Đã ban hành".into(),
            CellState::NotIssued => "Chưa ban hành".into(),
            CellState::Partial { issued, of } => format!("{issued}/{of} tỉnh cũ đã ban hành"),
            CellState::NoRecord => "Chưa có thông tin".into(),
        }
    }
}

/// A cell and the records behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridCell {
    /// The state.
    pub state: CellState,
    /// The decision (number and date) of the record used, if issued.
    pub decision: Option<String>,
    /// The records read into this cell.
    pub records: Vec<StrategyRecord>,
}

/// The province × strategy checklist.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StrategyGrid {
    /// The version the rows are read on.
    pub version: BoundaryVersion,
    /// The rows.
    pub provinces: Vec<AreaCode>,
    /// The columns.
    pub kinds: Vec<StrategyKind>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<GridCell>>,
}

fn single_state(r: &StrategyRecord) -> CellState {
    match (r.issued, r.integrated) {
        (true, true) => CellState::Integrated,
        (true, false) => CellState::Issued,
        _ => CellState::NotIssued,
    }
}

fn decision_text(r: &StrategyRecord) -> Option<String> {
    r.decision_number.as_ref().map(|n| match r.decision_date {
        Some(d) => format!("{n} ngày {}", d.to_vi()),
        None => n.to_string(),
    })
}

/// Builds the grid. A record entered on the scope's version fills its
/// cell as is. Read forward, a 2025 province with no record of its own
/// takes its predecessors' records: integrated when all were, issued when
/// all were issued, partial when some were, not issued when none. Read
/// backward, a 2025 record applies to each of its predecessor units.
pub fn strategy_grid(
    kinds: &[StrategyKind],
    records: &[StrategyRecord],
    scope: &Scope,
) -> StrategyGrid {
    let geo = Geography::embedded();
    let mut kinds = kinds.to_vec();
    kinds.sort_by(|a, b| a.order.cmp(&b.order).then(a.code.cmp(&b.code)));
    let provinces: Vec<AreaCode> = scope.members.iter().copied().collect();
    let cells = provinces
        .iter()
        .map(|&prov| {
            kinds
                .iter()
                .map(|k| {
                    let mine: Vec<&StrategyRecord> = records
                        .iter()
                        .filter(|r| r.kind == k.code && r.place.on(scope.version).contains(&prov))
                        .collect();
                    let own = mine
                        .iter()
                        .find(|r| r.place.boundary() == scope.version && r.place.lead() == prov);
                    let state = if let Some(r) = own {
                        single_state(r)
                    } else if mine.is_empty() {
                        CellState::NoRecord
                    } else if scope.version == BoundaryVersion::V2025 {
                        let of = geo.predecessors(prov).len().max(1);
                        let issued = mine.iter().filter(|r| r.issued).count();
                        let integrated = mine.iter().filter(|r| r.integrated).count();
                        if integrated == of {
                            CellState::Integrated
                        } else if issued == of {
                            CellState::Issued
                        } else if issued == 0 {
                            CellState::NotIssued
                        } else {
                            CellState::Partial { issued, of }
                        }
                    } else {
                        single_state(mine[0])
                    };
                    let decision = own
                        .copied()
                        .or_else(|| mine.iter().copied().find(|r| r.issued))
                        .and_then(decision_text);
                    GridCell {
                        state,
                        decision,
                        records: mine.into_iter().cloned().collect(),
                    }
                })
                .collect()
        })
        .collect();
    StrategyGrid {
        version: scope.version,
        provinces,
        kinds,
        cells,
    }
}

/// How to break the investment summary down.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// One row per province.
    pub province: bool,
    /// One row per priority industry.
    pub industry: bool,
    /// One row per origin.
    pub origin: bool,
}

/// A row of the investment summary; `None` in a key column means "all".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvestmentRow {
    /// The province on the scope's version (`None`: all, or a 2025
    /// record that cannot be split onto the pre-2025 map).
    pub province: Option<AreaCode>,
    /// The priority industry.
    pub industry: Option<PriorityIndustry>,
    /// Domestic or foreign.
    pub origin: Option<Origin>,
    /// Projects registered.
    pub projects: u64,
    /// Capital registered, billion VND.
    pub registered: f64,
    /// Capital disbursed, billion VND.
    pub disbursed: f64,
    /// Disbursed ÷ registered × 100.
    pub disbursed_share: Option<f64>,
    /// Some figures are synthetic demo data.
    pub synthetic: bool,
}

/// Sums investment records of a scope (and a year, if given) by the
/// breakdown. A record counts under its province read on the scope's
/// version (forward always one unit; backward only when not a merger,
/// else it counts under "all" provinces of the row).
pub fn investment_summary(
    records: &[InvestmentRecord],
    scope: &Scope,
    year: Option<i32>,
    by: Breakdown,
) -> Vec<InvestmentRow> {
    type Key = (Option<AreaCode>, Option<PriorityIndustry>, Option<Origin>);
    let mut sums: BTreeMap<Key, (u64, f64, f64, bool)> = BTreeMap::new();
    for r in records {
        if !scope.contains(&r.place) || year.is_some_and(|y| y != r.year) {
            continue;
        }
        let key = (
            by.province
                .then(|| r.place.lead_on(scope.version))
                .flatten(),
            by.industry.then_some(r.industry),
            by.origin.then_some(r.origin),
        );
        let e = sums.entry(key).or_insert((0, 0.0, 0.0, false));
        e.0 += u64::from(r.projects);
        e.1 += r.registered.get();
        e.2 += r.disbursed.get();
        e.3 |= r.synthetic;
    }
    sums.into_iter()
        .map(
            |((province, industry, origin), (projects, registered, disbursed, synthetic))| {
                InvestmentRow {
                    province,
                    industry,
                    origin,
                    projects,
                    registered,
                    disbursed,
                    disbursed_share: (registered > 0.0).then(|| disbursed / registered * 100.0),
                    synthetic,
                }
            },
        )
        .collect()
}

/// Difficulties handled by one agency.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgencyRow {
    /// The agency as first written.
    pub agency: String,
    /// Still open (open or in progress).
    pub open: usize,
    /// Open and past the deadline.
    pub overdue: usize,
    /// The longest overdue, days.
    pub max_days_overdue: i64,
    /// Closed by the deadline.
    pub closed_on_time: usize,
    /// Closed after the deadline.
    pub closed_late: usize,
}

/// Difficulties of a scope per responsible agency (agencies compared
/// without case or diacritics), most overdue first.
pub fn difficulties_by_agency(
    difficulties: &[Difficulty],
    scope: &Scope,
    today: Date,
) -> Vec<AgencyRow> {
    let mut by: BTreeMap<String, AgencyRow> = BTreeMap::new();
    for d in difficulties.iter().filter(|d| scope.contains(&d.place)) {
        let row = by.entry(d.agency.folded()).or_insert_with(|| AgencyRow {
            agency: d.agency.to_string(),
            open: 0,
            overdue: 0,
            max_days_overdue: 0,
            closed_on_time: 0,
            closed_late: 0,
        });
        if d.status.is_open() {
            row.open += 1;
            if d.is_overdue(today) {
                row.overdue += 1;
                row.max_days_overdue = row.max_days_overdue.max(d.days_overdue(today));
            }
        } else if d.closed_on.is_some_and(|c| c <= d.deadline) {
            row.closed_on_time += 1;
        } else {
            row.closed_late += 1;
        }
    }
    let mut out: Vec<AgencyRow> = by.into_values().collect();
    out.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.max_days_overdue.cmp(&a.max_days_overdue))
            .then(a.agency.cmp(&b.agency))
    });
    out
}

/// An overdue difficulty.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverdueDifficulty {
    /// The record.
    pub difficulty: Difficulty,
    /// Days past the deadline.
    pub days_overdue: i64,
    /// Its state on the day (always late).
    pub state: ItemState,
}

/// Overdue difficulties of a scope, optionally of one agency (matched
/// without case or diacritics, as a substring), longest overdue first.
pub fn overdue_difficulties(
    difficulties: &[Difficulty],
    scope: &Scope,
    today: Date,
    agency: Option<&str>,
) -> Vec<OverdueDifficulty> {
    let needle = agency.map(congthuong_core::text::fold);
    let mut out: Vec<OverdueDifficulty> = difficulties
        .iter()
        .filter(|d| scope.contains(&d.place) && d.is_overdue(today))
        .filter(|d| {
            needle
                .as_ref()
                .is_none_or(|n| d.agency.folded().contains(n))
        })
        .map(|d| OverdueDifficulty {
            difficulty: d.clone(),
            days_overdue: d.days_overdue(today),
            state: ItemState::of(d.deadline, None, today, StatusRules::default()),
        })
        .collect();
    out.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.difficulty.id.cmp(&b.difficulty.id))
    });
    out
}
