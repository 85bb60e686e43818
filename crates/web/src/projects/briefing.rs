//! The late key projects of a group, as the briefing reads them (issue 7):
//! the registers in the data folder's database, counted on a day. Used by
//! the dashboard's briefing page and by `congthuong report briefing`.
//!
//! Reads only.

use std::path::Path;

use congthuong_core::{BoundaryVersion, Geography, Lang};
use congthuong_projects::Date;
use congthuong_projects::store::Repo;
use congthuong_report::{LateProject, LateProjects};

/// The group's late items on `today`; `None` when no key project is kept
/// (the briefing then leaves the section out).
pub fn late_for_briefing(
    db: &Path,
    group: &str,
    version: BoundaryVersion,
    today: Date,
    lang: Lang,
) -> anyhow::Result<Option<LateProjects>> {
    if !db.is_file() {
        return Ok(None);
    }
    let repo = Repo::open_shared(db)?;
    let projects = repo.project_values()?;
    if projects.is_empty() {
        return Ok(None);
    }
    let geo = Geography::embedded();
    let members = geo.group(group)?.members(version, geo);
    let items = congthuong_projects::queries::late_for_areas(&projects, &members, version, today)
        .into_iter()
        .map(|i| LateProject {
            provinces: i
                .provinces
                .iter()
                .map(|c| {
                    geo.province(*c, version).map_or_else(
                        || c.to_string(),
                        |p| lang.pick(&p.short_name_vi, &p.name_ascii).to_owned(),
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            project_id: i.project_id,
            project: i.project,
            what: i.what,
            agency: i.agency,
            due: i.due.ymd(),
            days_late: i.days_late,
        })
        .collect();
    Ok(Some(LateProjects {
        as_of: today.ymd(),
        items,
    }))
}
