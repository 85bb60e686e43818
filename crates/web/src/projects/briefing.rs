//! The late key projects of a group, as the briefing reads them (issue 7):
//! the registers in the data folder's database, each project as it stood
//! at the end of a day (`congthuong_projects::as_of`), its late items
//! counted on that day. Used by the dashboard's briefing page (for
//! logged-in readers only) and by `congthuong report briefing`.
//!
//! Reads only.

use std::path::Path;

use congthuong_core::{BoundaryVersion, Geography, Lang, Period};
use congthuong_projects::Date;
use congthuong_projects::store::Repo;
use congthuong_report::{LateProject, LateProjects};

/// The day a briefing of `period` counts late key projects on: the
/// month's last day, or `today` if that is earlier.
pub fn as_of(period: Period, today: Date) -> Date {
    let (y, m) = (period.year(), period.month());
    Date::from_ymd(y, m, congthuong_projects::date::days_in_month(y, m))
        .map_or(today, |end| end.min(today))
}

/// The group's late items as they stood at the end of `as_of`; `None`
/// when no key project is kept (the briefing then leaves the section out).
pub fn late_for_briefing(
    db: &Path,
    group: &str,
    version: BoundaryVersion,
    as_of: Date,
    lang: Lang,
) -> anyhow::Result<Option<LateProjects>> {
    if !db.is_file() {
        return Ok(None);
    }
    let repo = Repo::open_shared(db)?;
    let projects: Vec<_> = repo
        .project_values()?
        .iter()
        .map(|p| congthuong_projects::as_of::project_on(p, as_of))
        .collect();
    if projects.is_empty() {
        return Ok(None);
    }
    let geo = Geography::embedded();
    let members = geo.group(group)?.members(version, geo);
    let items = congthuong_projects::queries::late_for_areas(&projects, &members, version, as_of)
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
        as_of: as_of.ymd(),
        boundaries: version,
        items,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_past_month_is_counted_at_its_end_and_a_current_one_today() {
        let d = |s: &str| Date::parse(s).unwrap();
        let today = d("2026-11-26");
        assert_eq!(as_of("2022-09".parse().unwrap(), today), d("2022-09-30"));
        assert_eq!(as_of("2024-02".parse().unwrap(), today), d("2024-02-29"));
        assert_eq!(as_of("2026-11".parse().unwrap(), today), today);
        assert_eq!(as_of("2027-01".parse().unwrap(), today), today);
    }
}
