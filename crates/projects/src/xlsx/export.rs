//! Exporting a register: the current version of every record, in the
//! template's layout (so an exported workbook can be edited and imported
//! back), as XLSX or as one CSV file per sheet.

use std::path::{Path, PathBuf};

use congthuong_core::Geography;

use crate::error::Result;
use crate::model::common::{Place, Vocabulary};
use crate::model::difficulty::Difficulty;
use crate::model::investment::InvestmentRecord;
use crate::model::project::{CapitalSource, Project};
use crate::model::strategy::{StrategyKind, StrategyRecord};
use crate::store::Repo;
use crate::xlsx::spec::{self, Register};
use crate::xlsx::writer::{Out, SheetData, write_csv_dir, write_workbook};

/// The file format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One workbook.
    Xlsx,
    /// A folder with one CSV file per sheet.
    Csv,
}

fn text(s: impl ToString) -> Out {
    Out::Text(s.to_string())
}

fn province_name(place: &Place) -> Out {
    Geography::embedded()
        .province(place.lead(), place.boundary())
        .map_or(Out::Empty, |p| text(&p.short_name_vi))
}

/// The sheets of the projects register.
pub fn project_sheets(projects: &[Project]) -> Vec<SheetData> {
    let mut main = Vec::new();
    let mut ms = Vec::new();
    let mut procs = Vec::new();
    let mut disb = Vec::new();
    let mut blk = Vec::new();
    let mut ev = Vec::new();
    let mut upd = Vec::new();
    let mut rep = Vec::new();
    for p in projects {
        let id = || text(&p.id);
        let cap = |s: CapitalSource| p.capital.get(&s).map_or(Out::Empty, |a| Out::Num(a.get()));
        let sc = p.site_clearance.as_ref();
        main.push(vec![
            id(),
            text(&p.name),
            text(p.level.vi()),
            text(p.place.boundary()),
            text(p.place.list()),
            text(match p.sector {
                crate::Sector::Division(d) => format!("{d:02}"),
                crate::Sector::Kind(k) => k.vi().to_owned(),
            }),
            text(&p.investor),
            Out::Num(p.total_investment.get()),
            cap(CapitalSource::CentralBudget),
            cap(CapitalSource::LocalBudget),
            cap(CapitalSource::Oda),
            cap(CapitalSource::Ppp),
            cap(CapitalSource::Private),
            cap(CapitalSource::Fdi),
            text(&p.agency),
            sc.map_or(Out::Empty, |s| Out::Num(s.area_needed_ha.get())),
            sc.map_or(Out::Empty, |s| Out::Num(s.area_cleared_ha.get())),
            sc.and_then(|s| s.households_affected)
                .map_or(Out::Empty, |n| Out::Int(n.into())),
            sc.and_then(|s| s.households_relocated)
                .map_or(Out::Empty, |n| Out::Int(n.into())),
            Out::Bool(p.synthetic),
        ]);
        for m in &p.milestones {
            ms.push(vec![
                id(),
                text(&m.code),
                text(&m.name),
                Out::opt_text(m.agency.as_ref()),
                Out::Date(m.baseline),
                Out::Date(m.current_plan()),
                Out::Empty,
                Out::Empty,
                Out::opt_date(m.actual),
            ]);
            for (i, r) in m.replans.iter().enumerate() {
                rep.push(vec![
                    id(),
                    text(&m.code),
                    Out::Date(m.baseline),
                    Out::Int(i as i64 + 1),
                    Out::Date(r.date),
                    text(&r.reason),
                    Out::opt_text(r.decision.as_ref()),
                    text(&r.by),
                    text(r.at),
                ]);
            }
        }
        for pr in &p.procedures {
            procs.push(vec![
                id(),
                text(&pr.name),
                text(&pr.agency),
                Out::opt_date(pr.submitted),
                Out::Date(pr.due),
                Out::opt_date(pr.done),
            ]);
        }
        for y in &p.disbursement {
            let head = |month: Out, amount: Out| {
                vec![
                    id(),
                    Out::Int(y.year.into()),
                    Out::Num(y.plan.get()),
                    Out::opt_num(y.plan_pm.map(|a| a.get())),
                    month,
                    amount,
                ]
            };
            if y.months.is_empty() {
                disb.push(head(Out::Empty, Out::Empty));
            }
            for m in &y.months {
                disb.push(head(Out::Int(m.month.into()), Out::Num(m.disbursed.get())));
            }
        }
        for b in &p.blockers {
            blk.push(vec![
                id(),
                text(&b.code),
                text(&b.description),
                text(b.category.vi()),
                text(&b.agency),
                text(b.escalation.vi()),
                Out::Date(b.raised),
                Out::Date(b.deadline),
                Out::opt_date(b.resolved),
                Out::opt_text(b.resolution.as_ref()),
            ]);
        }
        for e in &p.earned_value {
            ev.push(vec![
                id(),
                Out::Date(e.as_of),
                Out::opt_num(e.bac.map(|a| a.get())),
                Out::Num(e.pv.get()),
                Out::Num(e.ev.get()),
                Out::Num(e.ac.get()),
            ]);
        }
        for u in &p.updates {
            upd.push(vec![
                id(),
                Out::Date(u.date),
                text(&u.author),
                text(&u.text),
                Out::opt_num(u.physical_percent),
            ]);
        }
    }
    vec![
        SheetData {
            sheet: spec::PROJECTS,
            rows: main,
        },
        SheetData {
            sheet: spec::MILESTONES,
            rows: ms,
        },
        SheetData {
            sheet: spec::PROCEDURES,
            rows: procs,
        },
        SheetData {
            sheet: spec::DISBURSEMENT,
            rows: disb,
        },
        SheetData {
            sheet: spec::BLOCKERS,
            rows: blk,
        },
        SheetData {
            sheet: spec::EARNED_VALUE,
            rows: ev,
        },
        SheetData {
            sheet: spec::UPDATES,
            rows: upd,
        },
        SheetData {
            sheet: spec::REPLANS,
            rows: rep,
        },
    ]
}

/// The sheets of the strategies register.
pub fn strategy_sheets(kinds: &[StrategyKind], records: &[StrategyRecord]) -> Vec<SheetData> {
    let rows = records
        .iter()
        .map(|r| {
            vec![
                text(r.place.boundary()),
                text(r.place.lead()),
                province_name(&r.place),
                text(&r.kind),
                Out::Bool(r.issued),
                Out::opt_text(r.decision_number.as_ref()),
                Out::opt_date(r.decision_date),
                Out::Bool(r.integrated),
                Out::opt_text(r.note.as_ref()),
                Out::Bool(r.synthetic),
            ]
        })
        .collect();
    let kind_rows = kinds
        .iter()
        .map(|k| {
            vec![
                text(&k.code),
                text(&k.name_vi),
                text(&k.name_en),
                Out::Bool(k.required),
                Out::Int(k.order.into()),
            ]
        })
        .collect();
    vec![
        SheetData {
            sheet: spec::STRATEGIES,
            rows,
        },
        SheetData {
            sheet: spec::STRATEGY_KINDS,
            rows: kind_rows,
        },
    ]
}

/// The sheet of the investment register.
pub fn investment_sheets(records: &[InvestmentRecord]) -> Vec<SheetData> {
    let rows = records
        .iter()
        .map(|r| {
            vec![
                text(r.place.boundary()),
                text(r.place.lead()),
                province_name(&r.place),
                Out::Int(r.year.into()),
                text(r.industry.vi()),
                text(r.origin.vi()),
                Out::Int(r.projects.into()),
                Out::Num(r.registered.get()),
                Out::Num(r.disbursed.get()),
                Out::Bool(r.synthetic),
            ]
        })
        .collect();
    vec![SheetData {
        sheet: spec::INVESTMENT,
        rows,
    }]
}

/// The sheet of the difficulties register.
pub fn difficulty_sheets(records: &[Difficulty]) -> Vec<SheetData> {
    let rows = records
        .iter()
        .map(|d| {
            vec![
                text(&d.id),
                text(&d.raised_by),
                text(d.raiser_kind.vi()),
                text(&d.topic),
                Out::opt_text(d.detail.as_ref()),
                text(d.place.boundary()),
                text(d.place.lead()),
                province_name(&d.place),
                text(&d.agency),
                Out::Date(d.raised),
                Out::Date(d.deadline),
                text(d.status.vi()),
                Out::opt_text(d.resolution.as_ref()),
                Out::opt_date(d.closed_on),
                Out::Bool(d.synthetic),
            ]
        })
        .collect();
    vec![SheetData {
        sheet: spec::DIFFICULTIES,
        rows,
    }]
}

/// The note for the instructions sheet when some records are synthetic.
pub fn synthetic_note(any_synthetic: bool) -> Vec<String> {
    if any_synthetic {
        vec!["Tệp có DỮ LIỆU MÔ PHỎNG (cột \"Dữ liệu mô phỏng\" = có), không phải số liệu thật. / This file holds SYNTHETIC demo data (column \"Synthetic demo data\" = có), not real figures.".into()]
    } else {
        Vec::new()
    }
}

/// The sheets of a register from the repository, and whether any record
/// is synthetic.
pub fn register_sheets(repo: &Repo, register: Register) -> Result<(Vec<SheetData>, bool)> {
    Ok(match register {
        Register::Projects => {
            let ps = repo.project_values()?;
            let syn = ps.iter().any(|p| p.synthetic);
            (project_sheets(&ps), syn)
        }
        Register::Strategies => {
            let rs = repo.strategies()?;
            let syn = rs.iter().any(|r| r.synthetic);
            (strategy_sheets(&repo.strategy_kinds()?, &rs), syn)
        }
        Register::Investment => {
            let rs = repo.investment()?;
            let syn = rs.iter().any(|r| r.synthetic);
            (investment_sheets(&rs), syn)
        }
        Register::Difficulties => {
            let rs = repo.difficulties()?;
            let syn = rs.iter().any(|r| r.synthetic);
            (difficulty_sheets(&rs), syn)
        }
    })
}

/// The strategy codes for the template's drop-down.
pub fn kind_codes(repo: &Repo) -> Result<Vec<String>> {
    Ok(repo
        .strategy_kinds()?
        .iter()
        .map(|k| k.code.to_string())
        .collect())
}

/// Writes a blank template of `register`.
pub fn template(repo: &Repo, register: Register, path: &Path) -> Result<()> {
    let data = if register == Register::Strategies {
        strategy_sheets(&repo.strategy_kinds()?, &[])
    } else {
        Vec::new()
    };
    write_workbook(path, register, &data, &kind_codes(repo)?, &[])
}

/// Exports a register; returns the files written.
pub fn export(
    repo: &Repo,
    register: Register,
    path: &Path,
    format: Format,
) -> Result<Vec<PathBuf>> {
    let (data, synthetic) = register_sheets(repo, register)?;
    match format {
        Format::Xlsx => {
            write_workbook(
                path,
                register,
                &data,
                &kind_codes(repo)?,
                &synthetic_note(synthetic),
            )?;
            Ok(vec![path.to_path_buf()])
        }
        Format::Csv => write_csv_dir(path, register, &data),
    }
}
