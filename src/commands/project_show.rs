//! `projects show ID`: one project as text (or JSON): status, milestone
//! timeline, who must act, site clearance, procedures, disbursement,
//! earned value, blockers, updates and version history.

use std::fmt::Write as _;

use congthuong_core::Geography;
use congthuong_projects::queries::timeline;
use congthuong_projects::status::{ItemState, actions, project_status};
use congthuong_projects::{Vocabulary, evm};

use super::projects::{fixed, open_existing, opt, state_days, today};
use crate::args::projects::{DataArgs, TodayArgs};
use crate::failure::user;

/// `congthuong projects show`
pub fn show(
    id: &str,
    version: Option<u32>,
    json: bool,
    t: &TodayArgs,
    data: &DataArgs,
) -> anyhow::Result<()> {
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
    let audit = repo.audit_entries(&format!("proj_projects/{id}@"))?;
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
