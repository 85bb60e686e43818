//! Reading the projects workbook (see [`super::import`] for the rules):
//! the project rows, then each detail sheet, merged with what the register
//! holds (re-plans appended, history kept), every problem collected.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::model::common::{Code, Place, parse_boundary};
use crate::model::project::{
    Blocker, BlockerCategory, CapitalSource, DisbursementYear, EarnedValue, Escalation, Milestone,
    MonthlyDisbursement, Procedure, ProgressUpdate, Project, ProjectLevel, Replan, Sector,
    SiteClearance,
};
use crate::store::{Change, Repo, Table as DbTable, Versioned, check_history, read_current};
use crate::xlsx::import::{ImportSummary, Pending, pad_code, table, version_of};
use crate::xlsx::reader::{Book, Problems, Row};
use crate::xlsx::spec::{self, Sheet};

/// The main row of a project, with its sheet row number.
struct ProjectRow {
    row: u32,
    project: Project,
}

fn read_project_row(r: &mut Row<'_, '_>) -> Option<Project> {
    let id = r.code("project_id");
    let name = r.label("name");
    let level = r.vocab::<ProjectLevel>("level");
    let boundary = r.text("boundary").and_then(|b| match parse_boundary(&b) {
        Ok(v) => Some(v),
        Err(e) => {
            let why = e.reason_in(r.lang());
            r.problem("boundary", why);
            None
        }
    });
    let provinces = r.text("provinces");
    let place = match (boundary, provinces) {
        (Some(b), Some(list)) => match Place::parse_list(
            b,
            &list
                .split([';', ','])
                .map(pad_code)
                .collect::<Vec<_>>()
                .join(";"),
        ) {
            Ok(p) => Some(p),
            Err(e) => {
                let why = e.message(r.lang());
                r.problem("provinces", why);
                None
            }
        },
        _ => None,
    };
    let sector = r.text("sector").and_then(|s| match Sector::parse(&s) {
        Ok(v) => Some(v),
        Err(e) => {
            let why = e.reason_in(r.lang());
            r.problem("sector", why);
            None
        }
    });
    let investor = r.label("investor");
    let total = r.amount("total_investment");
    let agency = r.label("agency");
    let mut capital = BTreeMap::new();
    for (col, src) in [
        ("capital_central_budget", CapitalSource::CentralBudget),
        ("capital_local_budget", CapitalSource::LocalBudget),
        ("capital_oda", CapitalSource::Oda),
        ("capital_ppp", CapitalSource::Ppp),
        ("capital_private", CapitalSource::Private),
        ("capital_fdi", CapitalSource::Fdi),
    ] {
        if let Some(a) = r.amount(col) {
            capital.insert(src, a);
        }
    }
    let needed = r.amount("area_needed_ha");
    let cleared = r.amount("area_cleared_ha");
    let affected = r.int("households_affected");
    let relocated = r.int("households_relocated");
    let synthetic = r.bool("synthetic").unwrap_or(false);
    let site_clearance = match needed {
        Some(n) => Some(SiteClearance {
            area_needed_ha: n,
            area_cleared_ha: cleared.unwrap_or_default(),
            households_affected: affected,
            households_relocated: relocated,
        }),
        None => {
            if cleared.is_some() || affected.is_some() || relocated.is_some() {
                let why = r.say(
                    "site clearance figures are given without the area to clear",
                    "có số liệu giải phóng mặt bằng mà thiếu diện tích cần giải phóng",
                );
                r.problem("area_needed_ha", why);
            }
            None
        }
    };
    let mut p = Project::new(
        id?, name?, level?, place?, sector?, investor?, total?, agency?,
    );
    p.capital = capital;
    p.site_clearance = site_clearance;
    p.synthetic = synthetic;
    Some(p)
}

/// Rows of a child sheet grouped by project id; rows naming a project not
/// in the main sheet are problems.
fn child_rows<'b, T>(
    book: &'b Book,
    spec: &'b Sheet,
    ids: &BTreeSet<String>,
    problems: &mut Problems,
    mut read: impl FnMut(&mut Row<'_, '_>) -> Option<T>,
) -> Option<BTreeMap<String, Vec<(u32, T)>>> {
    let t = table(book, spec, problems)?;
    let mut out: BTreeMap<String, Vec<(u32, T)>> = BTreeMap::new();
    for (n, cells) in t.rows() {
        let mut r = t.row(n, cells, problems);
        let id = r.code("project_id");
        let value = read(&mut r);
        let Some(id) = id else { continue };
        if !ids.contains(id.as_str()) {
            let why = r.say(
                format!(
                    "project {id} is not listed in sheet \"{}\"",
                    spec::PROJECTS.vi
                ),
                format!(
                    "dự án {id} không có trong trang tính \"{}\"",
                    spec::PROJECTS.vi
                ),
            );
            r.problem("project_id", why);
            continue;
        }
        if let Some(v) = value {
            out.entry(id.to_string()).or_default().push((n, v));
        }
    }
    Some(out)
}

/// A milestone row as read.
struct MilestoneRow {
    code: Code,
    name: crate::Label,
    agency: Option<crate::Label>,
    baseline: crate::Date,
    current_plan: Option<crate::Date>,
    reason: Option<crate::Label>,
    decision: Option<crate::Label>,
    actual: Option<crate::Date>,
}

pub(super) fn read_projects(
    repo: &mut Repo,
    book: &Book,
    change: &Change,
    problems: &mut Problems,
    pending: &mut Vec<Pending>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let Some(main) = table(book, &spec::PROJECTS, problems) else {
        return Ok(());
    };
    let mut rows: Vec<ProjectRow> = Vec::new();
    let mut seen = BTreeMap::new();
    for (n, cells) in main.rows() {
        let mut r = main.row(n, cells, problems);
        let Some(p) = read_project_row(&mut r) else {
            continue;
        };
        if let Some(first) = seen.insert(p.id.to_string(), n) {
            let why = r.say(
                format!("project {} is listed twice (also row {first})", p.id),
                format!("dự án {} ghi hai lần (cả ở dòng {first})", p.id),
            );
            r.problem("project_id", why);
            continue;
        }
        rows.push(ProjectRow { row: n, project: p });
    }
    let ids: BTreeSet<String> = seen.keys().cloned().collect();

    let milestones = child_rows(book, &spec::MILESTONES, &ids, problems, |r| {
        let code = r.code("milestone");
        let name = r.label("name");
        let agency = r.label("agency");
        let baseline = r.date("baseline");
        let current_plan = r.date("current_plan");
        let reason = r.label("replan_reason");
        let decision = r.label("replan_decision");
        let actual = r.date("actual");
        Some(MilestoneRow {
            code: code?,
            name: name?,
            agency,
            baseline: baseline?,
            current_plan,
            reason,
            decision,
            actual,
        })
    });
    let procedures = child_rows(book, &spec::PROCEDURES, &ids, problems, |r| {
        let name = r.label("procedure");
        let agency = r.label("agency");
        let submitted = r.date("submitted");
        let due = r.date("due");
        let done = r.date("done");
        Some(Procedure {
            name: name?,
            agency: agency?,
            submitted,
            due: due?,
            done,
        })
    });
    let disbursement = child_rows(book, &spec::DISBURSEMENT, &ids, problems, |r| {
        let year = r.int("year");
        let plan = r.amount("plan");
        let plan_pm = r.amount("plan_pm");
        let month = r.int("month");
        let disbursed = r.amount("disbursed");
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            let why = r.say(
                format!("{m} is not a month (1–12)"),
                format!("{m} không phải tháng (1–12)"),
            );
            r.problem("month", why);
            return None;
        }
        if month.is_some() != disbursed.is_some() {
            let why = r.say(
                "give both the month and the amount disbursed in it, or neither",
                "ghi cả tháng và số vốn giải ngân trong tháng, hoặc bỏ trống cả hai",
            );
            r.row_problem(why);
            return None;
        }
        Some((year? as i32, plan?, plan_pm, month.zip(disbursed)))
    });
    let blockers = child_rows(book, &spec::BLOCKERS, &ids, problems, |r| {
        let code = r.code("blocker");
        let description = r.label("description");
        let category = r.vocab::<BlockerCategory>("category");
        let agency = r.label("agency");
        let escalation = r.vocab::<Escalation>("escalation");
        let raised = r.date("raised");
        let deadline = r.date("deadline");
        let resolved = r.date("resolved");
        let resolution = r.label("resolution");
        Some(Blocker {
            code: code?,
            description: description?,
            category: category?,
            agency: agency?,
            escalation: escalation?,
            raised: raised?,
            deadline: deadline?,
            resolved,
            resolution,
        })
    });
    let earned = child_rows(book, &spec::EARNED_VALUE, &ids, problems, |r| {
        let as_of = r.date("as_of");
        let bac = r.amount("bac");
        let pv = r.amount("pv");
        let ev = r.amount("ev");
        let ac = r.amount("ac");
        Some(EarnedValue {
            as_of: as_of?,
            bac,
            pv: pv?,
            ev: ev?,
            ac: ac?,
        })
    });
    let updates = child_rows(book, &spec::UPDATES, &ids, problems, |r| {
        let date = r.date("date");
        let author = r.label("author");
        let text = r.label("text");
        let pct = r.number("physical_percent");
        if let Some(p) = pct
            && p > 100.0
        {
            let why = r.say(format!("{p} is above 100 %"), format!("{p} lớn hơn 100 %"));
            r.problem("physical_percent", why);
            return None;
        }
        Some(ProgressUpdate {
            date: date?,
            author: author?,
            text: text?,
            physical_percent: pct,
        })
    });

    // The re-plan history written on export: used only for milestones the
    // register does not hold yet (moving records to a new database).
    let history = child_rows(book, &spec::REPLANS, &ids, problems, |r| {
        let milestone = r.code("milestone");
        let no = r.int("replan_no");
        let date = r.date("date");
        let reason = r.label("reason");
        let decision = r.label("decision");
        let by = r.text("by");
        let at = r
            .text("at")
            .and_then(|t| match crate::Timestamp::parse(&t) {
                Ok(v) => Some(v),
                Err(e) => {
                    let why = e.reason_in(r.lang());
                    r.problem("at", why);
                    None
                }
            });
        Some((
            milestone?,
            no?,
            Replan {
                date: date?,
                reason: reason?,
                decision,
                by: by?,
                at: at?,
            },
        ))
    });

    for ProjectRow { row, mut project } in rows {
        let id = project.id.to_string();
        let stored: Option<Versioned<Project>> =
            read_current(repo.connection(), DbTable::Projects, &id)?;
        let expected = version_of(&stored);
        let old = stored.as_ref().map(|s| &s.value);
        let problem = |problems: &mut Problems, reason: String| {
            problems.at(spec::PROJECTS.vi, Some(row), None, reason)
        };
        if project.synthetic {
            summary.synthetic += 1;
        }

        // Milestones.
        project.milestones = match (milestones.as_ref().and_then(|m| m.get(&id)), old) {
            (Some(rows_of_project), _) => {
                let mut list: Vec<Milestone> = Vec::new();
                for (n, m) in rows_of_project {
                    let at = |problems: &mut Problems, col: &str, reason: String| {
                        problems.at(spec::MILESTONES.vi, Some(*n), Some(col), reason)
                    };
                    if list.iter().any(|x| x.code == m.code) {
                        let why = problems.say(
                            format!("milestone {} is listed twice for project {id}", m.code),
                            format!("mốc {} ghi hai lần cho dự án {id}", m.code),
                        );
                        at(problems, "Mã mốc", why);
                        continue;
                    }
                    let prev = old.and_then(|o| o.milestone(m.code.as_str()));
                    let mut ms = Milestone::new(m.code.clone(), m.name.clone(), m.baseline);
                    ms.agency = m.agency.clone();
                    ms.actual = m.actual;
                    if let Some(prev) = prev {
                        if prev.baseline != m.baseline {
                            let why = problems.say(
                                format!(
                                    "the baseline of {} is {} in the register and cannot change; write the new date in \"Ngày kế hoạch hiện hành\" with a reason to record a re-plan",
                                    m.code, prev.baseline
                                ),
                                format!(
                                    "kế hoạch gốc của {} trong sổ là {} và không đổi được; ghi ngày mới vào cột \"Ngày kế hoạch hiện hành\" kèm lý do để ghi một lần điều chỉnh",
                                    m.code, prev.baseline
                                ),
                            );
                            at(problems, "Ngày kế hoạch gốc", why);
                            continue;
                        }
                        ms.replans = prev.replans.clone();
                    } else if let Some(h) = history.as_ref().and_then(|h| h.get(&id)) {
                        let mut earlier: Vec<&(Code, u32, Replan)> =
                            h.iter().map(|(_, x)| x).filter(|x| x.0 == m.code).collect();
                        earlier.sort_by_key(|x| x.1);
                        ms.replans = earlier.into_iter().map(|x| x.2.clone()).collect();
                    }
                    let current = ms.current_plan();
                    if let Some(plan) = m.current_plan
                        && plan != current
                    {
                        match &m.reason {
                            Some(reason) => {
                                ms.replans.push(Replan {
                                    date: plan,
                                    reason: reason.clone(),
                                    decision: m.decision.clone(),
                                    by: change.actor.to_string(),
                                    at: change.at,
                                });
                                summary.replans += 1;
                            }
                            None => {
                                let why = problems.say(
                                    format!(
                                        "the planned date of {} changes from {} to {}: give the reason for the re-plan",
                                        m.code, current, plan
                                    ),
                                    format!(
                                        "ngày kế hoạch của {} đổi từ {} sang {}: hãy ghi lý do điều chỉnh",
                                        m.code, current, plan
                                    ),
                                );
                                at(problems, "Lý do điều chỉnh", why)
                            }
                        }
                    }
                    list.push(ms);
                }
                if let Some(o) = old {
                    for om in &o.milestones {
                        if !list.iter().any(|m| m.code == om.code) {
                            let why = problems.say(
                                format!(
                                    "milestone {} of project {id} is in the register but not in sheet \"{}\": milestones are never removed",
                                    om.code,
                                    spec::MILESTONES.vi
                                ),
                                format!(
                                    "mốc {} của dự án {id} có trong sổ nhưng không có trong trang tính \"{}\": mốc tiến độ không bao giờ bị xoá",
                                    om.code,
                                    spec::MILESTONES.vi
                                ),
                            );
                            problem(problems, why);
                        }
                    }
                }
                list
            }
            (None, Some(o)) => o.milestones.clone(),
            (None, None) => Vec::new(),
        };

        // The rows of a sheet for this project are its full list; with no
        // rows (or no sheet) the stored list is kept.
        fn take<T: Clone>(
            sheet: &Option<BTreeMap<String, Vec<(u32, T)>>>,
            id: &str,
            stored: Option<&Vec<T>>,
        ) -> Vec<T> {
            match sheet.as_ref().and_then(|all| all.get(id)) {
                Some(rows) => rows.iter().map(|(_, x)| x.clone()).collect(),
                None => stored.cloned().unwrap_or_default(),
            }
        }
        project.procedures = take(&procedures, &id, old.map(|o| &o.procedures));
        project.blockers = take(&blockers, &id, old.map(|o| &o.blockers));
        project.earned_value = take(&earned, &id, old.map(|o| &o.earned_value));
        project.disbursement = match disbursement.as_ref().and_then(|all| all.get(&id)) {
            Some(rows_of_project) => {
                let mut years: Vec<DisbursementYear> = Vec::new();
                for (n, (year, plan, pm, month)) in rows_of_project {
                    let y = match years.iter_mut().find(|y| y.year == *year) {
                        Some(y) => {
                            if y.plan != *plan || y.plan_pm != *pm {
                                let why = problems.say(
                                    format!("the plan for {year} differs from an earlier row of project {id}"),
                                    format!("kế hoạch năm {year} khác với một dòng trước của dự án {id}"),
                                );
                                problems.at(
                                    spec::DISBURSEMENT.vi,
                                    Some(*n),
                                    Some("Kế hoạch vốn năm (tỷ đồng)"),
                                    why,
                                );
                            }
                            y
                        }
                        None => {
                            years.push(DisbursementYear {
                                year: *year,
                                plan: *plan,
                                plan_pm: *pm,
                                months: Vec::new(),
                            });
                            years.last_mut().expect("just pushed")
                        }
                    };
                    if let Some((m, amount)) = month {
                        if y.months.iter().any(|x| x.month == *m) {
                            let why = problems.say(
                                format!("month {m} of {year} is listed twice for project {id}"),
                                format!("tháng {m} năm {year} ghi hai lần cho dự án {id}"),
                            );
                            problems.at(spec::DISBURSEMENT.vi, Some(*n), Some("Tháng"), why);
                        } else {
                            y.months.push(MonthlyDisbursement {
                                month: *m,
                                disbursed: *amount,
                            });
                        }
                    }
                }
                for y in &mut years {
                    y.months.sort_by_key(|m| m.month);
                }
                years
            }
            None => old.map(|o| o.disbursement.clone()).unwrap_or_default(),
        };
        project.updates = old.map(|o| o.updates.clone()).unwrap_or_default();
        if let Some(all) = &updates {
            for (_, u) in all.get(&id).into_iter().flatten() {
                if !project.updates.contains(u) {
                    project.updates.push(u.clone());
                }
            }
        }

        let lang = problems.lang();
        if let Err(e) = project.validate() {
            problem(problems, e.reason_in(lang));
            continue;
        }
        let object = format!("project {id}");
        if let Err(e) = change
            .actor
            .check_place(old.map(|o| &o.place), &project.place, &object)
        {
            problem(problems, e.message(lang));
            continue;
        }
        if let Some(o) = old
            && let Err(e) = check_history(o, &project)
        {
            problem(problems, e.message(lang));
            continue;
        }
        pending.push(Pending::Project(Box::new(project), expected));
    }
    Ok(())
}
