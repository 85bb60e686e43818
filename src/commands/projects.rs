//! `projects …`: key projects (issue 8), stored in the main database
//! (`<data-dir>/congthuong.sqlite3`, tables `proj_*`, changes in its
//! `audit_log`), and the helpers the other register commands share
//! (`project_show`, `registers`). Lists are CSV on stdout; notes (what was
//! written, that rows are synthetic) go to stderr.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use congthuong_core::Geography;
use congthuong_projects::disbursement::{inputs_from_projects, rank};
use congthuong_projects::queries::{Scope, late_list};
use congthuong_projects::status::{ItemState, StatusRules};
use congthuong_projects::store::{Change, Repo};
use congthuong_projects::xlsx::{self, Format, Register};
use congthuong_projects::{Actor, Date, Label, ProgressUpdate, Timestamp, demo};

use crate::args::projects::{
    ActorArgs, DataArgs, FormatArg, ProjectsAction, RegisterArg, ScopeArgs, TodayArgs,
};
use crate::failure::user;
use crate::output::{stdout_csv, write_table};
use congthuong_web::projects::late::{late_sheet, list_sheet};
use congthuong_web::projects::tables::Sheet;

/// The file the registers were kept in before they moved into the main
/// database; it is no longer read.
const OLD_DB_FILE: &str = "projects.db";
pub(super) const SYNTHETIC_NOTE: &str =
    "note: rows with synthetic=yes are synthetic demo data (dữ liệu mô phỏng), not real figures";

pub(super) fn now() -> Timestamp {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Timestamp::from_unix(secs)
}

pub(super) fn today_in_vietnam() -> anyhow::Result<Date> {
    now()
        .date_in_vietnam()
        .ok_or_else(|| anyhow::anyhow!("the system clock is outside 1900–2200"))
}

pub(super) fn parse_date(s: &str) -> anyhow::Result<Date> {
    Ok(Date::parse(s)?)
}

pub(super) fn today(t: &TodayArgs) -> anyhow::Result<(Date, StatusRules)> {
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

pub(super) fn db_path(d: &DataArgs) -> PathBuf {
    d.data_dir.join(congthuong_store::sqlite::DB_FILE)
}

fn warn_old_file(d: &DataArgs) {
    let old = d.data_dir.join(OLD_DB_FILE);
    if old.exists() {
        eprintln!(
            "note: {} is from an earlier version and is no longer read; the registers are in {}",
            old.display(),
            db_path(d).display()
        );
    }
}

/// Opens the main store (creating or migrating it), then the registers in
/// the same file.
fn open_shared(d: &DataArgs) -> anyhow::Result<Repo> {
    congthuong_store::SqliteStore::open(&d.data_dir)?;
    warn_old_file(d);
    Ok(Repo::open_shared(&db_path(d))?)
}

/// Opens the registers for reading; a missing database is the user's to fix.
pub(super) fn open_existing(d: &DataArgs) -> anyhow::Result<Repo> {
    let path = db_path(d);
    if !path.exists() {
        return Err(user(format!(
            "no database at {}: load one with `congthuong projects demo` or `congthuong projects import FILE.xlsx --actor NAME` (or pass --data-dir)",
            path.display()
        )));
    }
    open_shared(d)
}

/// Opens the registers for writing, creating the folder and database.
pub(super) fn open_for_writing(d: &DataArgs) -> anyhow::Result<Repo> {
    std::fs::create_dir_all(&d.data_dir)
        .map_err(|e| user(format!("cannot create {}: {e}", d.data_dir.display())))?;
    open_shared(d)
}

pub(super) fn scope(s: &ScopeArgs) -> anyhow::Result<Scope> {
    Ok(match (&s.group, &s.province) {
        (Some(g), _) => Scope::group(g, s.boundaries)?,
        (None, Some(codes)) => {
            let codes: Vec<&str> = codes.split(',').map(str::trim).collect();
            Scope::provinces(s.boundaries, &codes)?
        }
        (None, None) => Scope::all(s.boundaries),
    })
}

pub(super) fn change(a: &ActorArgs) -> anyhow::Result<Change> {
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

pub(super) fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

pub(super) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub(super) fn fixed(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

pub(super) fn note_synthetic(any: bool) {
    if any {
        eprintln!("{SYNTHETIC_NOTE}");
    }
}

pub(super) fn state_days(s: ItemState) -> (String, String) {
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
        } => super::project_show::show(&id, version, json, &t, &data),
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
                open_shared(&data)?
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

fn late(s: &ScopeArgs, t: &TodayArgs, data: &DataArgs) -> anyhow::Result<()> {
    let (day, rules) = today(t)?;
    let scope = scope(s)?;
    let repo = open_existing(data)?;
    let projects = repo.project_values()?;
    let entries = late_list(&projects, &scope, day, rules);
    let sheet = late_sheet(&entries, &scope, day);
    write_sheet(&sheet)?;
    eprintln!(
        "{} projects of {} ({} map) need action on {day} (at risk = due within {} days)",
        entries.len(),
        scope.label,
        scope.version,
        rules.within_days
    );
    note_synthetic(sheet.synthetic);
    Ok(())
}

fn list(s: &ScopeArgs, t: &TodayArgs, data: &DataArgs) -> anyhow::Result<()> {
    let (day, rules) = today(t)?;
    let scope = scope(s)?;
    let repo = open_existing(data)?;
    let sheet = list_sheet(&repo.project_values()?, &scope, day, rules);
    write_sheet(&sheet)?;
    note_synthetic(sheet.synthetic);
    Ok(())
}

/// A table the dashboard also downloads, as CSV on standard output.
fn write_sheet(sheet: &Sheet) -> anyhow::Result<()> {
    let table = sheet.table();
    let header: Vec<&str> = table.columns.iter().map(String::as_str).collect();
    write_table(stdout_csv(), &header, table.rows)
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
    if repo.projects()?.iter().any(|p| !p.value.synthetic) {
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
