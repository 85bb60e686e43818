//! Group filtering on both boundary versions, and the dashboard queries
//! (late lists with who must act by when, the strategy grid, investment
//! summaries, overdue difficulties) on hand-made records.

mod common;

use common::{d, project};
use congthuong_core::BoundaryVersion::{Pre2025, V2025};
use congthuong_projects::model::common::join_codes;
use congthuong_projects::queries::{
    Breakdown, CellState, Scope, difficulties_by_agency, investment_summary, late_list,
    overdue_difficulties, status_counts, strategy_grid, timeline,
};
use congthuong_projects::status::{ActionKind, ItemState, StatusRules};
use congthuong_projects::{
    Amount, Blocker, BlockerCategory, Code, Difficulty, DifficultyStatus, Escalation,
    InvestmentRecord, Label, Origin, Place, PriorityIndustry, Procedure, Project, RaiserKind,
    StrategyKind, StrategyRecord,
};

fn ids(projects: &[Project], scope: &Scope) -> Vec<String> {
    projects
        .iter()
        .filter(|p| scope.contains(&p.place))
        .map(|p| p.id.to_string())
        .collect()
}

fn sample() -> Vec<Project> {
    vec![
        // Entered in 2024 under old Bắc Ninh (27).
        project("OLD-BN", Pre2025, &["27"]),
        // Entered in 2025 under the merged Bắc Ninh (24 = old 24 + 27).
        project("NEW-BN", V2025, &["24"]),
        // Old Bắc Giang (24 before the merger).
        project("OLD-BG", Pre2025, &["24"]),
        // Hồ Chí Minh City: outside the north.
        project("HCM", Pre2025, &["79"]),
        // A line across Hà Nội and Hòa Bình (pre-2025 17, now Phú Thọ 25).
        project("LINE", Pre2025, &["01", "17"]),
    ]
}

#[test]
fn north_28_on_both_maps_keeps_records_entered_on_either() {
    let ps = sample();
    let after = Scope::group("north_28", V2025).unwrap();
    let before = Scope::group("north_28", Pre2025).unwrap();
    assert_eq!(after.members.len(), 18);
    assert_eq!(before.members.len(), 28);
    for scope in [&after, &before] {
        assert_eq!(ids(&ps, scope), ["OLD-BN", "NEW-BN", "OLD-BG", "LINE"]);
    }
    // How a pre-2025 record reads on the 2025 map (Geography::successor).
    assert_eq!(join_codes(&ps[0].place.on(V2025)), "24");
    assert_eq!(join_codes(&ps[2].place.on(V2025)), "24");
    assert_eq!(join_codes(&ps[4].place.on(V2025)), "01;25");
    // And a 2025 record on the old map: all of its predecessors.
    assert_eq!(join_codes(&ps[1].place.on(Pre2025)), "24;27");
}

#[test]
fn regions_that_split_a_merged_province_differ_between_the_maps() {
    let ps = sample();
    // Old Bắc Ninh (27) was in the Red River Delta, old Bắc Giang (24) in the
    // midlands; the merged Bắc Ninh belongs to both.
    let rrd_before = Scope::group("red_river_delta", Pre2025).unwrap();
    let mid_before = Scope::group("northern_midlands_mountains", Pre2025).unwrap();
    assert_eq!(ids(&ps, &rrd_before), ["OLD-BN", "NEW-BN", "LINE"]);
    assert_eq!(ids(&ps, &mid_before), ["NEW-BN", "OLD-BG", "LINE"]);
    let rrd_after = Scope::group("red_river_delta", V2025).unwrap();
    assert_eq!(ids(&ps, &rrd_after), ["OLD-BN", "NEW-BN", "OLD-BG", "LINE"]);
    let one = Scope::provinces(V2025, &["24"]).unwrap();
    assert_eq!(ids(&ps, &one), ["OLD-BN", "NEW-BN", "OLD-BG"]);
    assert!(Scope::group("north28", V2025).is_err());
}

#[test]
fn the_late_list_says_who_must_act_by_when() {
    let today = d("2026-06-15");
    let rules = StatusRules::default();
    let mut late = project("LATE", Pre2025, &["27"]);
    // ban_giao_mb baseline 2026-03-01, not done: late 106 days.
    late.milestones[0].agency =
        Some(Label::parse("Trung tâm Phát triển quỹ đất Bắc Ninh").unwrap());
    late.milestones[1].actual = None;
    late.blockers.push(Blocker {
        code: Code::parse("VM-1").unwrap(),
        description: Label::parse("Chưa thống nhất đơn giá bồi thường").unwrap(),
        category: BlockerCategory::SiteClearance,
        agency: Label::parse("UBND tỉnh Bắc Ninh").unwrap(),
        escalation: Escalation::Province,
        raised: d("2026-05-01"),
        deadline: d("2026-06-30"),
        resolved: None,
        resolution: None,
    });
    let mut risky = project("RISK", V2025, &["24"]);
    risky.milestones[0].actual = Some(d("2026-02-20"));
    // khoi_cong baseline 2026-06-01 re-planned to 2026-06-15 (today): at risk.
    risky.milestones[1]
        .replans
        .push(congthuong_projects::Replan {
            date: d("2026-06-15"),
            reason: Label::parse("Chờ giấy phép").unwrap(),
            decision: None,
            by: "An".into(),
            at: common::at("2026-05-20T01:00:00Z"),
        });
    risky.procedures.push(Procedure {
        name: Label::parse("Cấp giấy phép xây dựng").unwrap(),
        agency: Label::parse("Sở Xây dựng Bắc Ninh").unwrap(),
        submitted: Some(d("2026-05-01")),
        due: d("2026-06-14"),
        done: None,
    });
    let mut fine = project("FINE", V2025, &["01"]);
    fine.milestones[0].actual = Some(d("2026-02-27"));
    fine.milestones[1].baseline = d("2026-12-01");
    let hcm = project("HCM", V2025, &["79"]);
    let all = vec![fine, risky, late, hcm];

    let scope = Scope::group("north_28", V2025).unwrap();
    let list = late_list(&all, &scope, today, rules);
    let got: Vec<&str> = list.iter().map(|e| e.project.id.as_str()).collect();
    assert_eq!(got, ["LATE", "RISK"], "late first; FINE and HCM absent");

    let l = &list[0];
    assert_eq!(l.project.provinces_recorded, "27");
    assert_eq!(l.project.provinces, "24");
    assert_eq!(l.status.slip_days, 106);
    let first = &l.actions[0];
    assert_eq!(first.kind, ActionKind::Milestone);
    assert_eq!(
        first.agency.as_str(),
        "Trung tâm Phát triển quỹ đất Bắc Ninh"
    );
    assert_eq!(first.deadline, d("2026-03-01"));
    assert_eq!(first.state, ItemState::Late { days: 106 });
    // khoi_cong (2026-06-01) is late too; the blocker is due within 30 days.
    assert_eq!(l.actions[1].state, ItemState::Late { days: 14 });
    let b = l
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::Blocker)
        .unwrap();
    assert_eq!(b.state, ItemState::AtRisk { days_left: 15 });
    assert_eq!(b.escalation, Some(Escalation::Province));

    let r = &list[1];
    // The overdue procedure (due yesterday) comes before the milestone due today.
    assert_eq!(r.actions[0].kind, ActionKind::Procedure);
    assert_eq!(r.actions[0].state, ItemState::Late { days: 1 });
    assert_eq!(r.actions[1].state, ItemState::AtRisk { days_left: 0 });
    assert_eq!(r.status.slip_baseline_days, 14);

    let counts = status_counts(&all, &scope, today, rules);
    let bn = &counts[&congthuong_core::AreaCode::parse("24").unwrap()];
    assert_eq!((bn.late, bn.at_risk), (1, 1));
    assert_eq!(
        counts[&congthuong_core::AreaCode::parse("01").unwrap()].on_schedule,
        1
    );

    let tl = timeline(&all[1], today, rules);
    assert_eq!(tl[1].baseline, d("2026-06-01"));
    assert_eq!(tl[1].replans[0].date, d("2026-06-15"));
    assert_eq!(tl[1].status.plan, d("2026-06-15"));
}

fn strategy(v: congthuong_core::BoundaryVersion, code: &str, issued: bool) -> StrategyRecord {
    StrategyRecord {
        place: Place::one(v, code).unwrap(),
        kind: Code::parse("ct_2021_2030_2045").unwrap(),
        issued,
        decision_number: issued.then(|| Label::parse("100/QĐ-UBND").unwrap()),
        decision_date: issued.then(|| d("2023-05-04")),
        integrated: false,
        note: None,
        synthetic: false,
    }
}

#[test]
fn the_strategy_grid_reads_old_records_on_the_new_map() {
    let kinds = StrategyKind::defaults();
    let cell = |records: &[StrategyRecord], v, code: &str| {
        let scope = Scope::provinces(v, &[code]).unwrap();
        strategy_grid(&kinds, records, &scope).cells[0][0]
            .state
            .clone()
    };
    // Old Bắc Giang issued, old Bắc Ninh did not: the merged Bắc Ninh is partial.
    let recs = vec![
        strategy(Pre2025, "24", true),
        strategy(Pre2025, "27", false),
    ];
    assert_eq!(
        cell(&recs, V2025, "24"),
        CellState::Partial { issued: 1, of: 2 }
    );
    assert_eq!(cell(&recs, Pre2025, "24"), CellState::Issued);
    assert_eq!(cell(&recs, Pre2025, "27"), CellState::NotIssued);
    // Both issued: issued on the new map too.
    let both = vec![strategy(Pre2025, "24", true), strategy(Pre2025, "27", true)];
    assert_eq!(cell(&both, V2025, "24"), CellState::Issued);
    // The merged province's own record wins on the new map, and applies to
    // each old unit when read backwards.
    let mut own = recs.clone();
    own.push(strategy(V2025, "24", true));
    assert_eq!(cell(&own, V2025, "24"), CellState::Issued);
    assert_eq!(
        cell(&[strategy(V2025, "24", true)], Pre2025, "27"),
        CellState::Issued
    );
    assert_eq!(cell(&[], V2025, "01"), CellState::NoRecord);
    let grid = strategy_grid(&kinds, &recs, &Scope::group("north_28", V2025).unwrap());
    assert_eq!(grid.provinces.len(), 18);
    assert_eq!(grid.kinds.len(), 4);
}

#[test]
fn investment_sums_by_industry_and_origin_on_either_map() {
    let rec = |v, code: &str, ind, origin, n: u32, reg: f64| InvestmentRecord {
        place: Place::one(v, code).unwrap(),
        year: 2025,
        industry: ind,
        origin,
        projects: n,
        registered: Amount::new(reg).unwrap(),
        disbursed: Amount::new(reg / 2.0).unwrap(),
        synthetic: false,
    };
    let recs = vec![
        rec(
            Pre2025,
            "24",
            PriorityIndustry::Electronics,
            Origin::Foreign,
            3,
            900.0,
        ),
        rec(
            Pre2025,
            "27",
            PriorityIndustry::Electronics,
            Origin::Foreign,
            2,
            600.0,
        ),
        rec(
            V2025,
            "24",
            PriorityIndustry::Mechanical,
            Origin::Domestic,
            1,
            100.0,
        ),
        rec(
            V2025,
            "79",
            PriorityIndustry::Mechanical,
            Origin::Domestic,
            5,
            500.0,
        ),
    ];
    let north = Scope::group("north_28", V2025).unwrap();
    let by_province = Breakdown {
        province: true,
        ..Breakdown::default()
    };
    let rows = investment_summary(&recs, &north, Some(2025), by_province);
    assert_eq!(rows.len(), 1, "everything is the merged Bắc Ninh");
    assert_eq!((rows[0].projects, rows[0].registered), (6, 1_600.0));
    assert_eq!(rows[0].disbursed_share, Some(50.0));
    let by_industry = Breakdown {
        industry: true,
        origin: true,
        ..Breakdown::default()
    };
    let rows = investment_summary(&recs, &north, None, by_industry);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].industry, Some(PriorityIndustry::Mechanical));
    assert_eq!(rows[1].registered, 1_500.0);
    // On the old map the 2025 record of the merged unit cannot be split: it
    // counts in the total but under no single old province.
    let old = Scope::group("north_28", Pre2025).unwrap();
    let rows = investment_summary(&recs, &old, Some(2025), by_province);
    let placed: Vec<Option<String>> = rows
        .iter()
        .map(|r| r.province.map(|c| c.to_string()))
        .collect();
    assert_eq!(placed, [None, Some("24".into()), Some("27".into())]);
    assert!(investment_summary(&recs, &north, Some(2024), by_province).is_empty());
}

#[test]
fn difficulties_are_overdue_the_day_after_their_deadline() {
    let today = d("2026-06-15");
    let mk = |id: &str, agency: &str, deadline: &str, status, closed: Option<&str>| Difficulty {
        id: Code::parse(id).unwrap(),
        raised_by: Label::parse("Công ty TNHH A").unwrap(),
        raiser_kind: RaiserKind::Business,
        topic: Label::parse("Đấu nối điện").unwrap(),
        detail: None,
        place: Place::one(V2025, "24").unwrap(),
        agency: Label::parse(agency).unwrap(),
        raised: d("2026-05-01"),
        deadline: d(deadline),
        status,
        resolution: closed.map(|_| Label::parse("Đã giải quyết").unwrap()),
        closed_on: closed.map(d),
        synthetic: false,
    };
    let all = vec![
        mk(
            "K1",
            "Công ty Điện lực Bắc Ninh",
            "2026-06-15",
            DifficultyStatus::Open,
            None,
        ),
        mk(
            "K2",
            "Công ty Điện lực Bắc Ninh",
            "2026-06-14",
            DifficultyStatus::InProgress,
            None,
        ),
        mk(
            "K3",
            "CÔNG TY ĐIỆN LỰC BẮC NINH",
            "2026-05-10",
            DifficultyStatus::Open,
            None,
        ),
        mk(
            "K4",
            "Sở Công Thương Bắc Ninh",
            "2026-05-10",
            DifficultyStatus::Resolved,
            Some("2026-05-20"),
        ),
        mk(
            "K5",
            "Sở Công Thương Bắc Ninh",
            "2026-05-30",
            DifficultyStatus::Answered,
            Some("2026-05-20"),
        ),
    ];
    for d in &all {
        d.validate().unwrap();
    }
    let scope = Scope::all(V2025);
    let over = overdue_difficulties(&all, &scope, today, None);
    let got: Vec<(&str, i64)> = over
        .iter()
        .map(|o| (o.difficulty.id.as_str(), o.days_overdue))
        .collect();
    assert_eq!(got, [("K3", 36), ("K2", 1)], "due today is not overdue");
    assert_eq!(
        overdue_difficulties(&all, &scope, today, Some("dien luc")).len(),
        2
    );
    assert!(overdue_difficulties(&all, &scope, today, Some("Sở Công Thương")).is_empty());
    let by = difficulties_by_agency(&all, &scope, today);
    assert_eq!(by.len(), 2, "agencies compared without case or diacritics");
    assert_eq!(
        (by[0].open, by[0].overdue, by[0].max_days_overdue),
        (3, 2, 36)
    );
    assert_eq!((by[1].closed_on_time, by[1].closed_late), (1, 1));
    // Closed without a date is refused.
    let mut bad = all[3].clone();
    bad.closed_on = None;
    assert!(bad.validate().is_err());
}

#[test]
fn late_for_areas_lists_only_late_items_with_who_and_by_when() {
    let today = d("2026-06-15");
    let mut late = project("LATE", Pre2025, &["27"]);
    late.synthetic = true;
    // ban_giao_mb: baseline 2026-03-01 re-planned to 2026-06-14 (yesterday).
    late.milestones[0]
        .replans
        .push(congthuong_projects::Replan {
            date: d("2026-06-14"),
            reason: Label::parse("GPMB chậm").unwrap(),
            decision: None,
            by: "An".into(),
            at: common::at("2026-04-01T01:00:00Z"),
        });
    // khoi_cong: baseline 2026-06-01, not done: 14 days late.
    let mut due_today = project("TODAY", V2025, &["01"]);
    due_today.milestones[0].actual = Some(d("2026-02-25"));
    due_today.milestones[1].baseline = d("2026-06-15");
    let hcm = project("HCM", V2025, &["79"]);
    let all = vec![due_today, late, hcm];
    let bn = congthuong_core::AreaCode::parse("24").unwrap();
    let hn = congthuong_core::AreaCode::parse("01").unwrap();
    let items = congthuong_projects::queries::late_for_areas(&all, &[bn, hn], V2025, today);
    let got: Vec<(&str, &str, i64)> = items
        .iter()
        .map(|i| (i.project_id.as_str(), i.item.as_str(), i.days_late))
        .collect();
    // Due today is at risk, not late; the re-planned milestone due
    // yesterday is late by one day and, not done today, 106 days behind
    // its baseline (today − baseline).
    assert_eq!(got, [("LATE", "khoi_cong", 14), ("LATE", "ban_giao_mb", 1)]);
    assert_eq!(items[1].due, d("2026-06-14"));
    assert_eq!(items[1].slip_baseline_days, Some(106));
    assert_eq!(items[0].agency, "Sở Công Thương");
    assert_eq!(items[0].provinces, [bn]);
    assert!(items.iter().all(|i| i.synthetic));
    // The same project read on the old map, by old Bắc Ninh's code.
    let old_bn = congthuong_core::AreaCode::parse("27").unwrap();
    assert_eq!(
        congthuong_projects::queries::late_for_areas(&all, &[old_bn], Pre2025, today).len(),
        2
    );
    assert!(congthuong_projects::queries::late_for_areas(&all, &[hn], V2025, today).is_empty());
}
