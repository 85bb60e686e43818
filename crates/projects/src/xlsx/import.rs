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

use congthuong_core::Lang;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::common::{Place, parse_boundary};
use crate::model::difficulty::{Difficulty, DifficultyStatus, RaiserKind};
use crate::model::investment::{InvestmentRecord, Origin, PriorityIndustry};
use crate::model::project::Project;
use crate::model::strategy::{StrategyKind, StrategyRecord};
use crate::store::{self, Change, Repo, Table as DbTable, Versioned, read_current};
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
pub(super) enum Pending {
    Project(Box<Project>, u32),
    Kind(StrategyKind),
    Strategy(StrategyRecord, u32),
    Investment(InvestmentRecord, u32),
    Difficulty(Box<Difficulty>, u32),
}

pub(super) fn table<'b>(
    book: &'b Book,
    spec: &'b Sheet,
    problems: &mut Problems,
) -> Option<Table<'b>> {
    let (name, range) = book.sheet(spec)?;
    Table::new(name, spec, range, problems)
}

/// Reads, checks and stores a workbook. On any problem nothing is stored
/// and [`Error::Import`] lists them all.
pub fn import(repo: &mut Repo, path: &Path, change: &Change) -> Result<ImportSummary> {
    import_in(repo, path, change, Lang::En)
}

/// [`import`] for a reader of `lang`: every problem in that language, and
/// numbers typed as text in cells read as that reader writes them
/// (`1.234,5` in Vietnamese; number cells are numbers in any language).
pub fn import_in(
    repo: &mut Repo,
    path: &Path,
    change: &Change,
    lang: Lang,
) -> Result<ImportSummary> {
    let book = Book::open_in(path, lang)?;
    let mut problems = Problems::new_in(&book.file, lang);
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
            Register::Projects => super::import_projects::read_projects(
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
        let names = Register::ALL
            .iter()
            .map(|r| format!("\"{}\"", r.sheets()[0].vi))
            .collect::<Vec<_>>()
            .join(", ");
        let why = problems.say(
            format!("no register sheet found; expected one of: {names}"),
            format!("không thấy trang tính của sổ theo dõi nào; cần một trong: {names}"),
        );
        problems.file(why);
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

/// A register row kept under a key of its own, in its province: a
/// strategy record or an investment record.
trait Keyed: store::Record {
    /// What the audit and the messages call it.
    const WHAT: &'static str;
    /// Where it is stored.
    const TABLE: DbTable;
    fn key(&self) -> String;
    fn place(&self) -> &Place;
    fn synthetic(&self) -> bool;
}

impl Keyed for StrategyRecord {
    const WHAT: &'static str = "strategy record";
    const TABLE: DbTable = DbTable::Strategies;
    fn key(&self) -> String {
        StrategyRecord::key(self)
    }
    fn place(&self) -> &Place {
        &self.place
    }
    fn synthetic(&self) -> bool {
        self.synthetic
    }
}

impl Keyed for InvestmentRecord {
    const WHAT: &'static str = "investment record";
    const TABLE: DbTable = DbTable::Investment;
    fn key(&self) -> String {
        InvestmentRecord::key(self)
    }
    fn place(&self) -> &Place {
        &self.place
    }
    fn synthetic(&self) -> bool {
        self.synthetic
    }
}

/// The checks a keyed row passes before it is kept: listed once in the
/// file, valid, in a province the actor may edit. Returns the record and
/// the version stored now (0 for none), or `None` with the problem noted
/// on the row.
fn admit<T: Keyed>(
    repo: &Repo,
    change: &Change,
    r: &mut Row<'_, '_>,
    seen: &mut BTreeMap<String, u32>,
    n: u32,
    rec: T,
    summary: &mut ImportSummary,
) -> Result<Option<(T, u32)>> {
    let key = rec.key();
    if let Some(first) = seen.insert(key.clone(), n) {
        let why = r.say(
            format!("{key} is listed twice (also row {first})"),
            format!("{key} ghi hai lần (cả ở dòng {first})"),
        );
        r.row_problem(why);
        return Ok(None);
    }
    if let Err(e) = rec.check() {
        domain(r, &e);
        return Ok(None);
    }
    let stored: Option<Versioned<T>> = read_current(repo.connection(), T::TABLE, &key)?;
    if let Err(e) = change.actor.check_place(
        stored.as_ref().map(|s| s.value.place()),
        rec.place(),
        &format!("{} {key}", T::WHAT),
    ) {
        let why = e.message(r.lang());
        r.row_problem(why);
        return Ok(None);
    }
    summary.synthetic += usize::from(rec.synthetic());
    Ok(Some((rec, version_of(&stored))))
}

pub(super) fn version_of<T>(v: &Option<Versioned<T>>) -> u32 {
    v.as_ref().map_or(0, |v| v.meta.version)
}

/// A row problem from a domain error.
pub(super) fn domain(row: &mut Row<'_, '_>, e: &Error) {
    let why = e.reason_in(row.lang());
    row.row_problem(why);
}

/// A one-digit code as Excel leaves it when `01` was typed as a number.
pub(super) fn pad_code(s: &str) -> String {
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
            let why = e.reason_in(r.lang());
            r.problem("boundary", why);
            None
        }
    });
    let code = r.text("province");
    match Place::one(boundary?, &pad_code(&code?)) {
        Ok(p) => Some(p),
        Err(e) => {
            let why = e.message(r.lang());
            r.problem("province", why);
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
                let why = r.say(
                    format!("{code} is listed twice"),
                    format!("{code} ghi hai lần"),
                );
                r.problem("strategy", why);
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
                let why = e.message(r.lang());
                r.row_problem(why);
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
            let known = kinds
                .iter()
                .map(|k| k.code.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let why = r.say(
                format!("{kind} is not in the catalogue; known: {known}"),
                format!("{kind} không có trong danh mục; các mã có: {known}"),
            );
            r.problem("strategy", why);
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
        if let Some((rec, version)) = admit(repo, change, &mut r, &mut seen, n, rec, summary)? {
            pending.push(Pending::Strategy(rec, version));
        }
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
        if let Some((rec, version)) = admit(repo, change, &mut r, &mut seen, n, rec, summary)? {
            pending.push(Pending::Investment(rec, version));
        }
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
            let why = r.say(
                format!("{} is listed twice (also row {first})", d.id),
                format!("{} ghi hai lần (cả ở dòng {first})", d.id),
            );
            r.problem("difficulty_id", why);
            continue;
        }
        if let Err(e) = d.validate() {
            domain(&mut r, &e);
            continue;
        }
        let object = format!("difficulty {}", d.id);
        let stored: Option<Versioned<Difficulty>> =
            read_current(repo.connection(), DbTable::Difficulties, d.id.as_str())?;
        let allowed =
            change
                .actor
                .check_place(stored.as_ref().map(|s| &s.value.place), &d.place, &object);
        if let Err(e) = allowed {
            let why = e.message(r.lang());
            r.row_problem(why);
            continue;
        }
        summary.synthetic += usize::from(d.synthetic);
        pending.push(Pending::Difficulty(Box::new(d), version_of(&stored)));
    }
    Ok(())
}
