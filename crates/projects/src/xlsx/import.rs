//! Importing a filled-in template: every sheet is read, every problem is
//! collected (sheet, row, column, reason), and only a file without any
//! problem is stored, in one transaction with one audit entry per record
//! changed. A file may hold several registers' sheets.
//!
//! Rules for the projects workbook (also on the template's instructions
//! sheet):
//! - the sheet "Dự án" lists the projects the file speaks for; rows of
//!   other sheets must name one of them;
//! - "Mốc tiến độ": the baseline of a stored milestone cannot change; a
//!   current plan different from the stored one is a re-plan and needs a
//!   reason (it is appended to the milestone's history, with the importing
//!   actor and time); every stored milestone must still be listed;
//! - "Thủ tục hành chính", "Giải ngân", "Vướng mắc", "Giá trị thu được",
//!   and "Mốc tiến độ": a project's rows in the sheet are its full list
//!   (the previous list stays in the previous version); a project with no
//!   row in a sheet (or a sheet absent from the file) keeps its stored
//!   list, so nothing is emptied by leaving a sheet blank;
//! - "Cập nhật tiến độ" only adds notes not already stored;
//! - "Lịch sử điều chỉnh" (written on export) never changes stored
//!   history; it is read only for a milestone the register does not hold
//!   yet, so an export imported into a new database keeps its re-plans.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::common::{Code, Place, parse_boundary};
use crate::model::difficulty::{Difficulty, DifficultyStatus, RaiserKind};
use crate::model::investment::{InvestmentRecord, Origin, PriorityIndustry};
use crate::model::project::{
    Blocker, BlockerCategory, CapitalSource, DisbursementYear, EarnedValue, Escalation, Milestone,
    MonthlyDisbursement, Procedure, ProgressUpdate, Project, ProjectLevel, Replan, Sector,
    SiteClearance,
};
use crate::model::strategy::{StrategyKind, StrategyRecord};
use crate::store::{self, Change, Repo, Table as DbTable, Versioned, check_history, read_current};
use crate::xlsx::reader::{Book, Problems, Row, Table};
use crate::xlsx::spec::{self, Register, Sheet};

/// What an import stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// The registers found in the file.
    pub registers: Vec<&'static str>,
    /// Records created.
    pub created: usize,
    /// Records given a new version.
    pub updated: usize,
    /// Records identical to the stored version (nothing written).
    pub unchanged: usize,
    /// Re-plans recorded.
    pub replans: usize,
    /// Synthetic records among those read.
    pub synthetic: usize,
}

/// A record ready to save, with the version it was based on.
enum Pending {
    Project(Box<Project>, u32),
    Kind(StrategyKind),
    Strategy(StrategyRecord, u32),
    Investment(InvestmentRecord, u32),
    Difficulty(Box<Difficulty>, u32),
}

fn table<'b>(book: &'b Book, spec: &'b Sheet, problems: &mut Problems) -> Option<Table<'b>> {
    let (name, range) = book.sheet(spec)?;
    Table::new(name, spec, range, problems)
}

/// Reads, checks and stores a workbook. On any problem nothing is stored
/// and [`Error::Import`] lists them all.
pub fn import(repo: &mut Repo, path: &Path, change: &Change) -> Result<ImportSummary> {
    let book = Book::open(path)?;
    let mut problems = Problems::new(&book.file);
    let mut pending = Vec::new();
    let mut summary = ImportSummary::default();
    for register in Register::ALL {
        let main = &register.sheets()[0];
        let has_main = book.sheet(main).is_some();
        let has_kinds =
            register == Register::Strategies && book.sheet(&spec::STRATEGY_KINDS).is_some();
        if !has_main && !has_kinds {
            continue;
        }
        summary.registers.push(register.code());
        match register {
            Register::Projects => read_projects(
                repo,
                &book,
                change,
                &mut problems,
                &mut pending,
                &mut summary,
            )?,
            Register::Strategies => read_strategies(
                repo,
                &book,
                change,
                &mut problems,
                &mut pending,
                &mut summary,
            )?,
            Register::Investment => read_investment(
                repo,
                &book,
                change,
                &mut problems,
                &mut pending,
                &mut summary,
            )?,
            Register::Difficulties => read_difficulties(
                repo,
                &book,
                change,
                &mut problems,
                &mut pending,
                &mut summary,
            )?,
        }
    }
    if summary.registers.is_empty() {
        problems.file(format!(
            "no register sheet found; expected one of: {}",
            Register::ALL
                .iter()
                .map(|r| format!("\"{}\"", r.sheets()[0].vi))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Import(problems.into_errors()));
    }
    repo.in_transaction(|conn, audit| {
        for p in &pending {
            let saved = match p {
                Pending::Project(p, v) => store::save_project_in(conn, audit, p, Some(*v), change)?,
                Pending::Kind(k) => store::save_strategy_kind_in(conn, audit, k, change)?,
                Pending::Strategy(r, v) => {
                    store::save_strategy_in(conn, audit, r, Some(*v), change)?
                }
                Pending::Investment(r, v) => {
                    store::save_investment_in(conn, audit, r, Some(*v), change)?
                }
                Pending::Difficulty(d, v) => {
                    store::save_difficulty_in(conn, audit, d, Some(*v), change)?
                }
            };
            if saved.unchanged {
                summary.unchanged += 1;
            } else if saved.version == 1 {
                summary.created += 1;
            } else {
                summary.updated += 1;
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

fn version_of<T>(v: &Option<Versioned<T>>) -> u32 {
    v.as_ref().map_or(0, |v| v.meta.version)
}

/// A row problem from a domain error.
fn domain(row: &mut Row<'_, '_>, e: &Error) {
    row.row_problem(e.reason());
}

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
            r.problem("boundary", e.reason());
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
                r.problem("provinces", e.to_string());
                None
            }
        },
        _ => None,
    };
    let sector = r.text("sector").and_then(|s| match Sector::parse(&s) {
        Ok(v) => Some(v),
        Err(e) => {
            r.problem("sector", e.reason());
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
                r.problem(
                    "area_needed_ha",
                    "site clearance figures are given without the area to clear",
                );
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
            r.problem(
                "project_id",
                format!(
                    "project {id} is not listed in sheet \"{}\"",
                    spec::PROJECTS.vi
                ),
            );
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

fn read_projects(
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
            r.problem(
                "project_id",
                format!("project {} is listed twice (also row {first})", p.id),
            );
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
            r.problem("month", format!("{m} is not a month (1–12)"));
            return None;
        }
        if month.is_some() != disbursed.is_some() {
            r.row_problem("give both the month and the amount disbursed in it, or neither");
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
            r.problem("physical_percent", format!("{p} is above 100 %"));
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
                    r.problem("at", e.reason());
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
                        at(
                            problems,
                            "Mã mốc",
                            format!("milestone {} is listed twice for project {id}", m.code),
                        );
                        continue;
                    }
                    let prev = old.and_then(|o| o.milestone(m.code.as_str()));
                    let mut ms = Milestone::new(m.code.clone(), m.name.clone(), m.baseline);
                    ms.agency = m.agency.clone();
                    ms.actual = m.actual;
                    if let Some(prev) = prev {
                        if prev.baseline != m.baseline {
                            at(
                                problems,
                                "Ngày kế hoạch gốc",
                                format!(
                                    "the baseline of {} is {} in the register and cannot change; write the new date in \"Ngày kế hoạch hiện hành\" with a reason to record a re-plan",
                                    m.code, prev.baseline
                                ),
                            );
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
                            None => at(
                                problems,
                                "Lý do điều chỉnh",
                                format!(
                                    "the planned date of {} changes from {} to {}: give the reason for the re-plan",
                                    m.code, current, plan
                                ),
                            ),
                        }
                    }
                    list.push(ms);
                }
                if let Some(o) = old {
                    for om in &o.milestones {
                        if !list.iter().any(|m| m.code == om.code) {
                            problem(
                                problems,
                                format!(
                                    "milestone {} of project {id} is in the register but not in sheet \"{}\": milestones are never removed",
                                    om.code,
                                    spec::MILESTONES.vi
                                ),
                            );
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
                                problems.at(
                                    spec::DISBURSEMENT.vi,
                                    Some(*n),
                                    Some("Kế hoạch vốn năm (tỷ đồng)"),
                                    format!("the plan for {year} differs from an earlier row of project {id}"),
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
                            problems.at(
                                spec::DISBURSEMENT.vi,
                                Some(*n),
                                Some("Tháng"),
                                format!("month {m} of {year} is listed twice for project {id}"),
                            );
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

        if let Err(e) = project.validate() {
            problem(problems, e.reason());
            continue;
        }
        let object = format!("project {id}");
        if let Err(e) = change.actor.check(&project.place, &object) {
            problem(problems, e.to_string());
            continue;
        }
        if let Some(o) = old {
            if let Err(e) = change.actor.check(&o.place, &object) {
                problem(problems, e.to_string());
                continue;
            }
            if let Err(e) = check_history(o, &project) {
                problem(problems, e.to_string());
                continue;
            }
        }
        pending.push(Pending::Project(Box::new(project), expected));
    }
    Ok(())
}

/// A one-digit code as Excel leaves it when `01` was typed as a number.
fn pad_code(s: &str) -> String {
    let t = s.trim();
    if t.len() == 1 && t.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{t}")
    } else {
        t.to_owned()
    }
}

fn read_place(r: &mut Row<'_, '_>) -> Option<Place> {
    let boundary = r.text("boundary").and_then(|b| match parse_boundary(&b) {
        Ok(v) => Some(v),
        Err(e) => {
            r.problem("boundary", e.reason());
            None
        }
    });
    let code = r.text("province");
    match Place::one(boundary?, &pad_code(&code?)) {
        Ok(p) => Some(p),
        Err(e) => {
            r.problem("province", e.to_string());
            None
        }
    }
}

fn read_strategies(
    repo: &mut Repo,
    book: &Book,
    change: &Change,
    problems: &mut Problems,
    pending: &mut Vec<Pending>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let mut kinds = repo.strategy_kinds()?;
    if let Some(t) = table(book, &spec::STRATEGY_KINDS, problems) {
        let mut seen = BTreeSet::new();
        for (n, cells) in t.rows() {
            let mut r = t.row(n, cells, problems);
            let code = r.code("strategy");
            let name_vi = r.label("name_vi");
            let name_en = r.label("name_en");
            let required = r.bool("required");
            let order = r.int("order");
            let (Some(code), Some(name_vi), Some(name_en), Some(required)) =
                (code, name_vi, name_en, required)
            else {
                continue;
            };
            if !seen.insert(code.clone()) {
                r.problem("strategy", format!("{code} is listed twice"));
                continue;
            }
            let existing = kinds.iter().position(|k| k.code == code);
            let kind = StrategyKind {
                order: order
                    .unwrap_or_else(|| existing.map_or(kinds.len() as u32 + 1, |i| kinds[i].order)),
                code,
                name_vi,
                name_en,
                required,
            };
            if existing.is_some_and(|i| kinds[i] == kind) {
                continue;
            }
            if let Err(e) = change
                .actor
                .check_analyst(&format!("strategy kind {}", kind.code))
            {
                r.row_problem(e.to_string());
                continue;
            }
            match existing {
                Some(i) => kinds[i] = kind.clone(),
                None => kinds.push(kind.clone()),
            }
            pending.push(Pending::Kind(kind));
        }
    }
    let Some(t) = table(book, &spec::STRATEGIES, problems) else {
        return Ok(());
    };
    let mut seen = BTreeMap::new();
    for (n, cells) in t.rows() {
        let mut r = t.row(n, cells, problems);
        let place = read_place(&mut r);
        let kind = r.code("strategy");
        let issued = r.bool("issued");
        let decision_number = r.label("decision_number");
        let decision_date = r.date("decision_date");
        let integrated = r.bool("integrated").unwrap_or(false);
        let note = r.label("note");
        let synthetic = r.bool("synthetic").unwrap_or(false);
        let (Some(place), Some(kind), Some(issued)) = (place, kind, issued) else {
            continue;
        };
        if !kinds.iter().any(|k| k.code == kind) {
            r.problem(
                "strategy",
                format!(
                    "{kind} is not in the catalogue; known: {}",
                    kinds
                        .iter()
                        .map(|k| k.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            continue;
        }
        let rec = StrategyRecord {
            place,
            kind,
            issued,
            decision_number,
            decision_date,
            integrated,
            note,
            synthetic,
        };
        if let Some(first) = seen.insert(rec.key(), n) {
            r.row_problem(format!("{} is listed twice (also row {first})", rec.key()));
            continue;
        }
        if let Err(e) = rec.validate() {
            domain(&mut r, &e);
            continue;
        }
        if let Err(e) = change
            .actor
            .check(&rec.place, &format!("strategy record {}", rec.key()))
        {
            r.row_problem(e.to_string());
            continue;
        }
        summary.synthetic += usize::from(rec.synthetic);
        let stored: Option<Versioned<StrategyRecord>> =
            read_current(repo.connection(), DbTable::Strategies, &rec.key())?;
        pending.push(Pending::Strategy(rec, version_of(&stored)));
    }
    Ok(())
}

fn read_investment(
    repo: &mut Repo,
    book: &Book,
    change: &Change,
    problems: &mut Problems,
    pending: &mut Vec<Pending>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let Some(t) = table(book, &spec::INVESTMENT, problems) else {
        return Ok(());
    };
    let mut seen = BTreeMap::new();
    for (n, cells) in t.rows() {
        let mut r = t.row(n, cells, problems);
        let place = read_place(&mut r);
        let year = r.int("year");
        let industry = r.vocab::<PriorityIndustry>("industry");
        let origin = r.vocab::<Origin>("origin");
        let projects = r.int("projects");
        let registered = r.amount("registered");
        let disbursed = r.amount("disbursed");
        let synthetic = r.bool("synthetic").unwrap_or(false);
        let (
            Some(place),
            Some(year),
            Some(industry),
            Some(origin),
            Some(projects),
            Some(registered),
            Some(disbursed),
        ) = (
            place, year, industry, origin, projects, registered, disbursed,
        )
        else {
            continue;
        };
        let rec = InvestmentRecord {
            place,
            year: year as i32,
            industry,
            origin,
            projects,
            registered,
            disbursed,
            synthetic,
        };
        if let Some(first) = seen.insert(rec.key(), n) {
            r.row_problem(format!("{} is listed twice (also row {first})", rec.key()));
            continue;
        }
        if let Err(e) = rec.validate() {
            domain(&mut r, &e);
            continue;
        }
        if let Err(e) = change
            .actor
            .check(&rec.place, &format!("investment record {}", rec.key()))
        {
            r.row_problem(e.to_string());
            continue;
        }
        summary.synthetic += usize::from(rec.synthetic);
        let stored: Option<Versioned<InvestmentRecord>> =
            read_current(repo.connection(), DbTable::Investment, &rec.key())?;
        pending.push(Pending::Investment(rec, version_of(&stored)));
    }
    Ok(())
}

fn read_difficulties(
    repo: &mut Repo,
    book: &Book,
    change: &Change,
    problems: &mut Problems,
    pending: &mut Vec<Pending>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let Some(t) = table(book, &spec::DIFFICULTIES, problems) else {
        return Ok(());
    };
    let mut seen = BTreeMap::new();
    for (n, cells) in t.rows() {
        let mut r = t.row(n, cells, problems);
        let id = r.code("difficulty_id");
        let raised_by = r.label("raised_by");
        let raiser_kind = r.vocab::<RaiserKind>("raiser_kind");
        let topic = r.label("topic");
        let detail = r.label("detail");
        let place = read_place(&mut r);
        let agency = r.label("agency");
        let raised = r.date("raised");
        let deadline = r.date("deadline");
        let status = r.vocab::<DifficultyStatus>("status");
        let resolution = r.label("resolution");
        let closed_on = r.date("closed_on");
        let synthetic = r.bool("synthetic").unwrap_or(false);
        let (
            Some(id),
            Some(raised_by),
            Some(raiser_kind),
            Some(topic),
            Some(place),
            Some(agency),
            Some(raised),
            Some(deadline),
            Some(status),
        ) = (
            id,
            raised_by,
            raiser_kind,
            topic,
            place,
            agency,
            raised,
            deadline,
            status,
        )
        else {
            continue;
        };
        let d = Difficulty {
            id,
            raised_by,
            raiser_kind,
            topic,
            detail,
            place,
            agency,
            raised,
            deadline,
            status,
            resolution,
            closed_on,
            synthetic,
        };
        if let Some(first) = seen.insert(d.id.to_string(), n) {
            r.problem(
                "difficulty_id",
                format!("{} is listed twice (also row {first})", d.id),
            );
            continue;
        }
        if let Err(e) = d.validate() {
            domain(&mut r, &e);
            continue;
        }
        let object = format!("difficulty {}", d.id);
        let stored: Option<Versioned<Difficulty>> =
            read_current(repo.connection(), DbTable::Difficulties, d.id.as_str())?;
        let allowed = change.actor.check(&d.place, &object).and_then(|()| {
            stored
                .as_ref()
                .map_or(Ok(()), |s| change.actor.check(&s.value.place, &object))
        });
        if let Err(e) = allowed {
            r.row_problem(e.to_string());
            continue;
        }
        summary.synthetic += usize::from(d.synthetic);
        pending.push(Pending::Difficulty(Box::new(d), version_of(&stored)));
    }
    Ok(())
}
