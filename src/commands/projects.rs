//! `projects`, `strategies`, `investment`, `difficulties`: the registers
//! of issue 8, stored in `<data-dir>/projects.db`. Lists are CSV on
//! stdout; notes (what was written, that rows are synthetic) go to stderr.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use congthuong_core::Geography;
use congthuong_projects::disbursement::{inputs_from_projects, rank};
use congthuong_projects::queries::{
    Breakdown, Scope, difficulties_by_agency, investment_summary, late_list, overdue_difficulties,
    strategy_grid, timeline,
};
use congthuong_projects::status::{ItemState, StatusRules, actions, project_status};
use congthuong_projects::store::{AuditTable, Change, Repo};
use congthuong_projects::xlsx::{self, Format, Register};
use congthuong_projects::{Actor, Date, Label, ProgressUpdate, Timestamp, Vocabulary, demo, evm};

use crate::args::projects::{
    ActorArgs, DataArgs, DifficultiesAction, FormatArg, InvestmentAction, ProjectsAction,
    RegisterArg, ScopeArgs, StrategiesAction, TodayArgs,
};
use crate::failure::user;
use crate::output::{stdout_csv, write_table};

const DB_FILE: &str = "projects.db";
const SYNTHETIC_NOTE: &str =
    "note: rows with synthetic=yes are synthetic demo data (dữ liệu mô phỏng), not real figures";

fn now() -> Timestamp {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Timestamp::from_unix(secs)
}

fn today_in_vietnam() -> anyhow::Result<Date> {
    now()
        .date_in_vietnam()
        .ok_or_else(|| anyhow::anyhow!("the system clock is outside 1900–2200"))
}

fn parse_date(s: &str) -> anyhow::Result<Date> {
    Ok(Date::parse(s)?)
}

fn today(t: &TodayArgs) -> anyhow::Result<(Date, StatusRules)> {
    if t.within < 0 {
        return Err(user("--within must be 0 or more days"));
    }
    let day = match &t.today {
        Some(s) => parse_date(s)?,
        None => today_in_vietnam()?,
    };
    Ok((
        day,
        StatusRules {
            within_days: t.within,
        },
    ))
}

fn db_path(d: &DataArgs) -> PathBuf {
    d.data_dir.join(DB_FILE)
}

/// Opens the registers for reading; a missing database is the user's to fix.
fn open_existing(d: &DataArgs) -> anyhow::Result<Repo> {
    let path = db_path(d);
    if !path.exists() {
        return Err(user(format!(
            "no projects database at {}: load one with `congthuong projects demo` or `congthuong projects import FILE.xlsx --actor NAME` (or pass --data-dir)",
            path.display()
        )));
    }
    Ok(Repo::open(&path)?)
}

/// Opens the registers for writing, creating the folder and database.
fn open_for_writing(d: &DataArgs) -> anyhow::Result<Repo> {
    std::fs::create_dir_all(&d.data_dir)
        .map_err(|e| user(format!("cannot create {}: {e}", d.data_dir.display())))?;
    Ok(Repo::open(&db_path(d))?)
}

fn scope(s: &ScopeArgs) -> anyhow::Result<Scope> {
    Ok(match (&s.group, &s.province) {
        (Some(g), _) => Scope::group(g, s.boundaries)?,
        (None, Some(codes)) => {
            let codes: Vec<&str> = codes.split(',').map(str::trim).collect();
            Scope::provinces(s.boundaries, &codes)?
        }
        (None, None) => Scope::all(s.boundaries),
    })
}

fn change(a: &ActorArgs) -> anyhow::Result<Change> {
    let actor = match &a.as_province {
        Some(code) => Actor::officer(&a.actor, a.actor_boundaries, code)?,
        None => Actor::analyst(&a.actor)?,
    };
    Ok(Change {
        actor,
        at: now(),
        reason: a.reason.clone(),
    })
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn fixed(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

fn note_synthetic(any: bool) {
    if any {
        eprintln!("{SYNTHETIC_NOTE}");
    }
}

fn state_days(s: ItemState) -> (String, String) {
    match s {
        ItemState::Late { days } => (days.to_string(), String::new()),
        ItemState::AtRisk { days_left } | ItemState::OnSchedule { days_left } => {
            (String::new(), days_left.to_string())
        }
        ItemState::Done { .. } => (String::new(), String::new()),
    }
}

fn register(r: RegisterArg) -> Register {
    match r {
        RegisterArg::Projects => Register::Projects,
        RegisterArg::Strategies => Register::Strategies,
        RegisterArg::Investment => Register::Investment,
        RegisterArg::Difficulties => Register::Difficulties,
    }
}

/// `congthuong projects …`
pub fn projects(action: ProjectsAction) -> anyhow::Result<()> {
    match action {
        ProjectsAction::Late {
            scope: s,
            today: t,
            data,
        } => late(&s, &t, &data),
        ProjectsAction::List {
            scope: s,
            today: t,
            data,
        } => list(&s, &t, &data),
        ProjectsAction::Show {
            id,
            at_version: version,
            json,
            today: t,
            data,
        } => show(&id, version, json, &t, &data),
        ProjectsAction::Disbursement {
            year,
            through_month,
            average,
            scope: s,
            today: t,
            data,
        } => disbursement(year, through_month, average, &s, &t, &data),
        ProjectsAction::Import { file, actor, data } => import(&file, &actor, &data),
        ProjectsAction::Template {
            register: r,
            out,
            data,
        } => {
            // A template needs the catalogue of strategy kinds; an absent
            // database gives the default catalogue.
            let repo = if db_path(&data).exists() {
                Repo::open(&db_path(&data))?
            } else {
                Repo::open_in_memory()?
            };
            xlsx::template(&repo, register(r), &out)?;
            eprintln!(
                "wrote the {} template to {}",
                register(r).code(),
                out.display()
            );
            Ok(())
        }
        ProjectsAction::Export {
            register: r,
            out,
            format,
            data,
        } => {
            let repo = open_existing(&data)?;
            let format = match format {
                FormatArg::Xlsx => Format::Xlsx,
                FormatArg::Csv => Format::Csv,
            };
            let files = xlsx::export(&repo, register(r), &out, format)?;
            for f in files {
                eprintln!("wrote {}", f.display());
            }
            Ok(())
        }
        ProjectsAction::Replan {
            id,
            milestone,
            date,
            decision,
            actor,
            data,
        } => {
            let change = change(&actor)?;
            if actor.reason.trim().is_empty() {
                return Err(user("a re-plan needs --reason"));
            }
            let mut repo = open_existing(&data)?;
            let saved = repo.replan(
                &id,
                &milestone,
                parse_date(&date)?,
                &actor.reason,
                decision.as_deref(),
                &change,
            )?;
            eprintln!("project {id}: re-plan recorded, version {}", saved.version);
            Ok(())
        }
        ProjectsAction::Done {
            id,
            milestone,
            date,
            actor,
            data,
        } => {
            let change = change(&actor)?;
            let mut repo = open_existing(&data)?;
            let saved = repo.record_actual(&id, &milestone, Some(parse_date(&date)?), &change)?;
            eprintln!(
                "project {id}: milestone {milestone} done on {date}, version {}{}",
                saved.version,
                if saved.unchanged { " (unchanged)" } else { "" }
            );
            Ok(())
        }
        ProjectsAction::Note {
            id,
            text,
            date,
            percent,
            actor,
            data,
        } => {
            let change = change(&actor)?;
            let mut repo = open_existing(&data)?;
            let update = ProgressUpdate {
                date: match date {
                    Some(d) => parse_date(&d)?,
                    None => today_in_vietnam()?,
                },
                author: change.actor.name.clone(),
                text: Label::parse(&text)?,
                physical_percent: percent
                    .map(congthuong_projects::model::common::percent)
                    .transpose()?,
            };
            let saved = repo.add_update(&id, update, &change)?;
            eprintln!("project {id}: note added, version {}", saved.version);
            Ok(())
        }
        ProjectsAction::Demo { today: t, data } => demo_load(t.as_deref(), &data),
    }
}

const LATE_HEADER: [&str; 20] = [
    "project_id",
    "project",
    "level",
    "provinces_recorded",
    "recorded_on",
    "provinces",
    "project_status",
    "slip_days",
    "slip_baseline_days",
    "item_kind",
    "item",
    "what",
    "who_must_act",
    "by_when",
    "item_status",
    "days_late",
    "days_left",
    "escalation",
    "synthetic",
    "status_vi",
];

fn late(s: &ScopeArgs, t: &TodayArgs, data: &DataArgs) -> anyhow::Result<()> {
    let (day, rules) = today(t)?;
    let scope = scope(s)?;
    let repo = open_existing(data)?;
    let projects = repo.project_values()?;
    let entries = late_list(&projects, &scope, day, rules);
    let mut rows = Vec::new();
    let mut synthetic = false;
    for e in &entries {
        synthetic |= e.project.synthetic;
        for a in &e.actions {
            let (late, left) = state_days(a.state);
            rows.push(vec![
                e.project.id.clone(),
                e.project.name.clone(),
                e.project.level.code().to_owned(),
                e.project.provinces_recorded.clone(),
                e.project.recorded_on.to_string(),
                e.project.provinces.clone(),
                e.status.overall.code().to_owned(),
                e.status.slip_days.to_string(),
                e.status.slip_baseline_days.to_string(),
                a.kind.code().to_owned(),
                a.item.clone(),
                a.description.clone(),
                a.agency.to_string(),
                a.deadline.to_string(),
                a.state.code().to_owned(),
                late,
                left,
                a.escalation
                    .map(|e| e.code().to_owned())
                    .unwrap_or_default(),
                yes(e.project.synthetic),
                a.state.vi().to_owned(),
            ]);
        }
    }
    write_table(stdout_csv(), &LATE_HEADER, rows)?;
    eprintln!(
        "{} projects of {} ({} map) need action on {day} (at risk = due within {} days)",
        entries.len(),
        scope.label,
        scope.version,
        rules.within_days
    );
    note_synthetic(synthetic);
    Ok(())
}

fn list(s: &ScopeArgs, t: &TodayArgs, data: &DataArgs) -> anyhow::Result<()> {
    let (day, rules) = today(t)?;
    let scope = scope(s)?;
    let repo = open_existing(data)?;
    let projects = repo.project_values()?;
    let mut synthetic = false;
    let rows: Vec<Vec<String>> = projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .map(|p| {
            synthetic |= p.synthetic;
            let st = project_status(p, day, rules);
            let next = st
                .milestones
                .iter()
                .zip(&p.milestones)
                .find(|(s, _)| !matches!(s.state, ItemState::Done { .. }));
            let sc = p.site_clearance.as_ref().and_then(|s| s.percent_cleared());
            vec![
                p.id.to_string(),
                p.name.to_string(),
                p.level.code().to_owned(),
                p.place.list(),
                p.place.boundary().to_string(),
                congthuong_projects::model::common::join_codes(&p.place.on(scope.version)),
                p.sector.code(),
                fixed(p.total_investment.get(), 1),
                st.overall.code().to_owned(),
                st.slip_days.to_string(),
                st.slip_baseline_days.to_string(),
                next.map(|(_, m)| m.code.to_string()).unwrap_or_default(),
                next.map(|(s, _)| s.plan.to_string()).unwrap_or_default(),
                opt(sc.map(|v| fixed(v, 1))),
                yes(p.synthetic),
            ]
        })
        .collect();
    write_table(
        stdout_csv(),
        &[
            "project_id",
            "project",
            "level",
            "provinces_recorded",
            "recorded_on",
            "provinces",
            "sector",
            "total_investment_bn_vnd",
            "status",
            "slip_days",
            "slip_baseline_days",
            "next_milestone",
            "next_planned",
            "site_cleared_percent",
            "synthetic",
        ],
        rows,
    )?;
    note_synthetic(synthetic);
    Ok(())
}

fn show(
    id: &str,
    version: Option<u32>,
    json: bool,
    t: &TodayArgs,
    data: &DataArgs,
) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let (day, rules) = today(t)?;
    let repo = open_existing(data)?;
    let found = match version {
        Some(v) => repo.project_version(id, v)?,
        None => repo.project(id)?,
    };
    let Some(vp) = found else {
        let ids: Vec<String> = repo
            .projects()?
            .iter()
            .map(|p| p.meta.key.clone())
            .collect();
        let near =
            congthuong_core::text::nearest(id, ids.iter().map(|i| (i.as_str(), Vec::new())), 3);
        return Err(user(match version {
            Some(v) => format!("project {id:?} has no version {v}"),
            None => format!("no project {id:?}; nearest: {}", near.join(", ")),
        }));
    };
    let p = &vp.value;
    let status = project_status(p, day, rules);
    let acts = actions(p, day, rules);
    let tl = timeline(p, day, rules);
    let history = repo.project_history(id)?;
    let audit = AuditTable::entries(repo.connection(), &format!("proj_projects/{id}@"))?;
    if json {
        let v = serde_json::json!({
            "project": p,
            "version": vp.meta,
            "today": day,
            "within_days": rules.within_days,
            "status": status,
            "actions": acts,
            "timeline": tl,
            "earned_value": p.earned_value.iter().map(|e| serde_json::json!({"as_of": e.as_of, "measures": evm::of_record(e)})).collect::<Vec<_>>(),
            "history": history,
            "audit": audit,
            "synthetic": p.synthetic,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    let geo = Geography::embedded();
    let names: Vec<String> = p
        .place
        .provinces()
        .iter()
        .map(|c| {
            let n = geo
                .province(*c, p.place.boundary())
                .map(|x| x.short_name_vi.clone())
                .unwrap_or_default();
            match p.place.boundary() {
                congthuong_core::BoundaryVersion::Pre2025 => {
                    let s = geo.successor(*c).map(|s| s.to_string()).unwrap_or_default();
                    format!("{c} {n} (pre2025; since 2025-07-01: {s})")
                }
                _ => format!("{c} {n}"),
            }
        })
        .collect();
    let mut o = String::new();
    if p.synthetic {
        writeln!(o, "*** DỮ LIỆU MÔ PHỎNG — SYNTHETIC DEMO DATA ***")?;
    }
    writeln!(o, "{} — {}", p.id, p.name)?;
    writeln!(
        o,
        "version {} of {} ({} by {}: {})",
        vp.meta.version,
        history.len(),
        vp.meta.at,
        vp.meta.actor,
        vp.meta.reason
    )?;
    writeln!(o, "level: {} | sector: {}", p.level.vi(), p.sector.vi())?;
    writeln!(o, "provinces: {}", names.join("; "))?;
    writeln!(
        o,
        "investor: {} | total investment: {} bn VND | responsible: {}",
        p.investor,
        fixed(p.total_investment.get(), 1),
        p.agency
    )?;
    if !p.capital.is_empty() {
        let parts: Vec<String> = p
            .capital
            .iter()
            .map(|(s, a)| format!("{} {}", s.vi(), fixed(a.get(), 1)))
            .collect();
        writeln!(o, "capital: {}", parts.join(", "))?;
    }
    writeln!(
        o,
        "\nstatus on {day}: {} ({}) | slip {} days against the current plan, {} against the baseline | at risk = due within {} days",
        status.overall.code(),
        status.overall.vi(),
        status.slip_days,
        status.slip_baseline_days,
        rules.within_days
    )?;
    writeln!(
        o,
        "\nmilestones (baseline → re-plans → current plan | actual | state):"
    )?;
    for r in &tl {
        let replans: Vec<String> = r.replans.iter().map(|x| x.date.to_string()).collect();
        let (late, left) = state_days(r.status.state);
        writeln!(
            o,
            "  {:<12} {:<34} {} → [{}] → {} | {} | {}{}{} | baseline slip {} d | {}",
            r.code,
            r.name,
            r.baseline,
            replans.join(", "),
            r.status.plan,
            opt(r.actual),
            r.status.state.code(),
            if late.is_empty() {
                String::new()
            } else {
                format!(" ({late} d)")
            },
            if left.is_empty() {
                String::new()
            } else {
                format!(" ({left} d left)")
            },
            r.status.slip_baseline_days,
            r.agency
        )?;
        for x in &r.replans {
            writeln!(
                o,
                "      re-plan to {} by {} at {}: {}{}",
                x.date,
                x.by,
                x.at,
                x.reason,
                x.decision
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            )?;
        }
    }
    writeln!(o, "\nwho must act by when:")?;
    if acts.is_empty() {
        writeln!(o, "  nothing late or at risk")?;
    }
    for a in &acts {
        writeln!(
            o,
            "  {} | {} {} | {} | by {} | {}{}",
            a.agency,
            a.kind.code(),
            a.item,
            a.description,
            a.deadline,
            a.state.code(),
            a.escalation
                .map(|e| format!(" | escalated to {}", e.vi()))
                .unwrap_or_default()
        )?;
    }
    if let Some(sc) = &p.site_clearance {
        writeln!(
            o,
            "\nsite clearance: {} of {} ha ({} %), households relocated {} of {}",
            fixed(sc.area_cleared_ha.get(), 1),
            fixed(sc.area_needed_ha.get(), 1),
            opt(sc.percent_cleared().map(|v| fixed(v, 1))),
            opt(sc.households_relocated),
            opt(sc.households_affected)
        )?;
    }
    if !p.procedures.is_empty() {
        writeln!(o, "\nprocedures:")?;
        for pr in &p.procedures {
            let st = ItemState::of(pr.due, pr.done, day, rules);
            writeln!(
                o,
                "  {} | {} | submitted {} | due {} | done {} | {}",
                pr.name,
                pr.agency,
                opt(pr.submitted),
                pr.due,
                opt(pr.done),
                st.code()
            )?;
        }
    }
    for y in &p.disbursement {
        let through = if y.year == day.year() {
            day.month().saturating_sub(1)
        } else {
            12
        };
        let d = y.disbursed_through(through);
        writeln!(
            o,
            "\ndisbursement {}: {} of plan {} bn VND through month {} = {} %{}",
            y.year,
            fixed(d, 1),
            fixed(y.plan.get(), 1),
            through,
            if y.plan.get() > 0.0 {
                fixed(d / y.plan.get() * 100.0, 1)
            } else {
                "–".into()
            },
            y.plan_pm
                .filter(|q| q.get() > 0.0)
                .map(|q| format!(
                    " ({} % of the PM-assigned plan)",
                    fixed(d / q.get() * 100.0, 1)
                ))
                .unwrap_or_default()
        )?;
    }
    for e in &p.earned_value {
        let m = evm::of_record(e);
        writeln!(
            o,
            "\nearned value on {}: PV {} EV {} AC {} → SPI {} CPI {} (SV {}, CV {})",
            e.as_of,
            fixed(e.pv.get(), 1),
            fixed(e.ev.get(), 1),
            fixed(e.ac.get(), 1),
            opt(m.spi.map(|v| fixed(v, 2))),
            opt(m.cpi.map(|v| fixed(v, 2))),
            fixed(m.sv, 1),
            fixed(m.cv, 1)
        )?;
    }
    if !p.blockers.is_empty() {
        writeln!(o, "\nblockers:")?;
        for b in &p.blockers {
            writeln!(
                o,
                "  {} [{}] {} | {} | {} | deadline {} | {}",
                b.code,
                b.category.vi(),
                b.description,
                b.agency,
                b.escalation.vi(),
                b.deadline,
                match b.resolved {
                    Some(d) => format!("resolved {d}"),
                    None => "open".into(),
                }
            )?;
        }
    }
    if !p.updates.is_empty() {
        writeln!(o, "\nupdates:")?;
        for u in &p.updates {
            writeln!(
                o,
                "  {} {}: {}{}",
                u.date,
                u.author,
                u.text,
                u.physical_percent
                    .map(|v| format!(" ({} %)", fixed(v, 0)))
                    .unwrap_or_default()
            )?;
        }
    }
    writeln!(o, "\nhistory:")?;
    for h in &history {
        writeln!(o, "  v{} {} {}: {}", h.version, h.at, h.actor, h.reason)?;
    }
    print!("{o}");
    Ok(())
}

fn disbursement(
    year: Option<i32>,
    through_month: Option<u32>,
    average: Option<f64>,
    s: &ScopeArgs,
    t: &TodayArgs,
    data: &DataArgs,
) -> anyhow::Result<()> {
    let (day, _) = today(t)?;
    let year = year.unwrap_or(day.year());
    let month = match through_month {
        Some(m) if (1..=12).contains(&m) => m,
        Some(m) => return Err(user(format!("--through-month {m}: expected 1 to 12"))),
        None if year == day.year() => day.month().saturating_sub(1).max(1),
        None => 12,
    };
    let scope = scope(s)?;
    let repo = open_existing(data)?;
    let projects: Vec<_> = repo
        .project_values()?
        .into_iter()
        .filter(|p| scope.contains(&p.place))
        .collect();
    let synthetic = projects.iter().any(|p| p.synthetic);
    let (inputs, unplaced) = inputs_from_projects(&projects, year, month, scope.version);
    let inputs: Vec<_> = inputs
        .into_iter()
        .filter(|r| scope.members.contains(&r.0))
        .collect();
    let ranking = rank(&inputs, average, Some(month));
    let geo = Geography::embedded();
    let rows = ranking.rows.iter().map(|r| {
        vec![
            opt(r.rank),
            r.province.to_string(),
            geo.province(r.province, scope.version)
                .map(|p| p.short_name_vi.clone())
                .unwrap_or_default(),
            r.projects.to_string(),
            fixed(r.plan, 3),
            opt(r.plan_pm.map(|v| fixed(v, 3))),
            fixed(r.disbursed, 3),
            opt(r.rate.map(|v| fixed(v, 2))),
            opt(r.rate_pm.map(|v| fixed(v, 2))),
            opt(ranking.average.map(|v| fixed(v, 2))),
            opt(r.vs_average_points.map(|v| fixed(v, 2))),
            match r.vs_average_points {
                Some(v) if v >= 0.0 => "above".into(),
                Some(_) => "below".into(),
                None => String::new(),
            },
            opt(ranking.elapsed_share.map(|v| fixed(v, 1))),
            yes(synthetic),
        ]
    });
    write_table(
        stdout_csv(),
        &[
            "rank",
            "province",
            "name",
            "projects",
            "plan_bn_vnd",
            "plan_pm_bn_vnd",
            "disbursed_bn_vnd",
            "rate_percent",
            "rate_pm_percent",
            "average_percent",
            "vs_average_points",
            "vs_average",
            "year_elapsed_percent",
            "synthetic",
        ],
        rows,
    )?;
    eprintln!(
        "disbursement {year}, January to month {month}, {} ({} map)",
        scope.label, scope.version
    );
    if !unplaced.is_empty() {
        eprintln!(
            "not placed on the {} map (lead province is a merged 2025 unit): {}",
            scope.version,
            unplaced.join(", ")
        );
    }
    note_synthetic(synthetic);
    Ok(())
}

fn import(file: &Path, actor: &ActorArgs, data: &DataArgs) -> anyhow::Result<()> {
    let change = change(actor)?;
    if !file.exists() {
        return Err(user(format!("no such file: {}", file.display())));
    }
    let mut repo = open_for_writing(data)?;
    let s = xlsx::import(&mut repo, file, &change)?;
    eprintln!(
        "imported {} ({}): {} created, {} updated, {} unchanged, {} re-plans recorded, by {}",
        file.display(),
        s.registers.join(", "),
        s.created,
        s.updated,
        s.unchanged,
        s.replans,
        change.actor
    );
    if s.synthetic > 0 {
        eprintln!(
            "note: {} records are marked synthetic demo data",
            s.synthetic
        );
    }
    Ok(())
}

fn demo_load(day: Option<&str>, data: &DataArgs) -> anyhow::Result<()> {
    let day = match day {
        Some(s) => parse_date(s)?,
        None => today_in_vietnam()?,
    };
    let mut repo = open_for_writing(data)?;
    if !repo.projects()?.is_empty() && repo.projects()?.iter().any(|p| !p.value.synthetic) {
        return Err(user(format!(
            "{} holds real (non-synthetic) projects: load the demo into another --data-dir",
            db_path(data).display()
        )));
    }
    let generated = demo::generate(day);
    let change = Change {
        actor: Actor::analyst("demo")?,
        at: now(),
        reason: demo::SYNTHETIC_LABEL.to_owned(),
    };
    let loaded = match demo::load(&mut repo, &generated, &change) {
        Err(congthuong_projects::Error::AppendOnly { .. }) => {
            return Err(user(format!(
                "{} already holds demo data made for another day (a demo's dates follow --today); load into an empty --data-dir",
                db_path(data).display()
            )));
        }
        other => other?,
    };
    eprintln!(
        "loaded synthetic demo data for {day} into {}: {} projects, {} strategy records, {} investment records, {} difficulties ({} records written)",
        db_path(data).display(),
        loaded.projects,
        loaded.strategies,
        loaded.investment,
        loaded.difficulties,
        loaded.written
    );
    eprintln!("{SYNTHETIC_NOTE}");
    Ok(())
}

/// `congthuong strategies …`
pub fn strategies(action: StrategiesAction) -> anyhow::Result<()> {
    let StrategiesAction::Grid { scope: s, data } = action;
    let scope = scope(&s)?;
    let repo = open_existing(&data)?;
    let records = repo.strategies()?;
    let grid = strategy_grid(&repo.strategy_kinds()?, &records, &scope);
    let geo = Geography::embedded();
    let mut header = vec!["province".to_owned(), "name".to_owned()];
    header.extend(grid.kinds.iter().map(|k| k.code.to_string()));
    header.push("synthetic".into());
    let mut synthetic = false;
    let rows = grid.provinces.iter().zip(&grid.cells).map(|(p, cells)| {
        let syn = cells.iter().any(|c| c.records.iter().any(|r| r.synthetic));
        synthetic |= syn;
        let mut row = vec![
            p.to_string(),
            geo.province(*p, grid.version)
                .map(|x| x.short_name_vi.clone())
                .unwrap_or_default(),
        ];
        row.extend(cells.iter().map(|c| match (&c.state, &c.decision) {
            (congthuong_projects::queries::CellState::Partial { issued, of }, _) => {
                format!("partial {issued}/{of}")
            }
            (st, Some(d)) => format!("{} ({d})", st.code()),
            (st, None) => st.code().to_owned(),
        }));
        row.push(yes(syn));
        row
    });
    let rows: Vec<Vec<String>> = rows.collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_table(stdout_csv(), &header, rows)?;
    for k in &grid.kinds {
        eprintln!("{}: {}", k.code, k.name_vi);
    }
    note_synthetic(synthetic);
    Ok(())
}

/// `congthuong investment …`
pub fn investment(action: InvestmentAction) -> anyhow::Result<()> {
    let InvestmentAction::Summary {
        year,
        by,
        scope: s,
        data,
    } = action;
    let mut breakdown = Breakdown::default();
    for part in by.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "province" => breakdown.province = true,
            "industry" => breakdown.industry = true,
            "origin" => breakdown.origin = true,
            other => {
                return Err(user(format!(
                    "--by {other:?}: expected province, industry or origin"
                )));
            }
        }
    }
    let scope = scope(&s)?;
    let repo = open_existing(&data)?;
    let rows = investment_summary(&repo.investment()?, &scope, year, breakdown);
    let synthetic = rows.iter().any(|r| r.synthetic);
    let all = |b: bool| if b { String::new() } else { "all".into() };
    let out = rows.iter().map(|r| {
        vec![
            r.province
                .map(|c| c.to_string())
                .unwrap_or_else(|| all(breakdown.province)),
            r.industry
                .map(|i| i.code().to_owned())
                .unwrap_or_else(|| all(breakdown.industry)),
            r.industry.map(|i| i.vi().to_owned()).unwrap_or_default(),
            r.origin
                .map(|o| o.code().to_owned())
                .unwrap_or_else(|| all(breakdown.origin)),
            r.projects.to_string(),
            fixed(r.registered, 3),
            fixed(r.disbursed, 3),
            opt(r.disbursed_share.map(|v| fixed(v, 1))),
            yes(r.synthetic),
        ]
    });
    write_table(
        stdout_csv(),
        &[
            "province",
            "industry",
            "industry_vi",
            "origin",
            "projects",
            "registered_bn_vnd",
            "disbursed_bn_vnd",
            "disbursed_percent",
            "synthetic",
        ],
        out.collect::<Vec<_>>(),
    )?;
    eprintln!(
        "investment of {} ({} map){}",
        scope.label,
        scope.version,
        year.map(|y| format!(", {y}"))
            .unwrap_or_else(|| ", all years".into())
    );
    note_synthetic(synthetic);
    Ok(())
}

/// `congthuong difficulties …`
pub fn difficulties(action: DifficultiesAction) -> anyhow::Result<()> {
    match action {
        DifficultiesAction::Overdue {
            agency,
            scope: s,
            today: t,
            data,
        } => {
            let (day, _) = today(&t)?;
            let scope = scope(&s)?;
            let repo = open_existing(&data)?;
            let list = overdue_difficulties(&repo.difficulties()?, &scope, day, agency.as_deref());
            let synthetic = list.iter().any(|d| d.difficulty.synthetic);
            let rows = list.iter().map(|o| {
                let d = &o.difficulty;
                vec![
                    d.agency.to_string(),
                    d.id.to_string(),
                    d.topic.to_string(),
                    d.raised_by.to_string(),
                    d.raiser_kind.code().to_owned(),
                    d.place.list(),
                    d.place.boundary().to_string(),
                    congthuong_projects::model::common::join_codes(&d.place.on(scope.version)),
                    d.raised.to_string(),
                    d.deadline.to_string(),
                    o.days_overdue.to_string(),
                    d.status.code().to_owned(),
                    yes(d.synthetic),
                ]
            });
            write_table(
                stdout_csv(),
                &[
                    "agency",
                    "difficulty_id",
                    "topic",
                    "raised_by",
                    "raised_by_kind",
                    "province_recorded",
                    "recorded_on",
                    "province",
                    "raised",
                    "deadline",
                    "days_overdue",
                    "status",
                    "synthetic",
                ],
                rows.collect::<Vec<_>>(),
            )?;
            eprintln!(
                "{} overdue difficulties in {} on {day}",
                list.len(),
                scope.label
            );
            note_synthetic(synthetic);
            Ok(())
        }
        DifficultiesAction::ByAgency {
            scope: s,
            today: t,
            data,
        } => {
            let (day, _) = today(&t)?;
            let scope = scope(&s)?;
            let repo = open_existing(&data)?;
            let all = repo.difficulties()?;
            let synthetic = all.iter().any(|d| d.synthetic && scope.contains(&d.place));
            let rows = difficulties_by_agency(&all, &scope, day)
                .into_iter()
                .map(|r| {
                    vec![
                        r.agency,
                        r.open.to_string(),
                        r.overdue.to_string(),
                        r.max_days_overdue.to_string(),
                        r.closed_on_time.to_string(),
                        r.closed_late.to_string(),
                        yes(synthetic),
                    ]
                });
            write_table(
                stdout_csv(),
                &[
                    "agency",
                    "open",
                    "overdue",
                    "max_days_overdue",
                    "closed_on_time",
                    "closed_late",
                    "synthetic",
                ],
                rows.collect::<Vec<_>>(),
            )?;
            note_synthetic(synthetic);
            Ok(())
        }
    }
}
