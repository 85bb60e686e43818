//! `strategies grid`, `investment summary`, `difficulties overdue` and
//! `difficulties by-agency`: the three registers beside the key projects.

use congthuong_core::Geography;
use congthuong_projects::Vocabulary;
use congthuong_projects::queries::{
    Breakdown, CellState, difficulties_by_agency, investment_summary, overdue_difficulties,
    strategy_grid,
};

use super::projects::{fixed, note_synthetic, open_existing, opt, scope, today, yes};
use crate::args::projects::{DifficultiesAction, InvestmentAction, StrategiesAction};
use crate::failure::user;
use crate::output::{stdout_csv, write_table};

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
            (CellState::Partial { issued, of }, _) => {
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
