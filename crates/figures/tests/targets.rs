//! Plan targets across the 2025 merger: a target is set against figures of
//! the same territory only (issue 14 item 1). `24` is old Bắc Giang on the
//! pre-2025 map and merged Bắc Ninh (old Bắc Giang + old Bắc Ninh, `27`)
//! on the 2025 map.

use congthuong_core::BoundaryVersion::{Pre2025, V2025};
use congthuong_core::{BoundaryVersion, Geography};
use congthuong_figures::province::province;
use congthuong_figures::sample::release;
use congthuong_figures::targets::{TargetOn, set_on};
use congthuong_figures::{ReleaseData, Target};

fn target(area: &str, year: i32, indicator: &str, value: f64) -> Target {
    Target {
        area: area.into(),
        boundaries: set_on(year),
        year,
        indicator: indicator.into(),
        target: value,
    }
}

/// The sample release (retail sales of every province, 2024-01 … 2025-12)
/// with targets set as a targets file sets them.
fn data() -> ReleaseData {
    let mut d = release();
    d.targets = vec![
        // 2024, on the 63-province map: old Bắc Giang and old Bắc Ninh.
        target("24", 2024, "retail_sales", 10_000.0),
        target("27", 2024, "retail_sales", 14_000.0),
        target("24", 2024, "iip_growth", 20.0),
        target("27", 2024, "iip_growth", 8.0),
        // Hà Nội did not merge.
        target("01", 2024, "iip_growth", 7.5),
        target("01", 2024, "retail_sales", 30_000.0),
        // Only one part of merged Tuyên Quang (08 = 02 Hà Giang + 08 Tuyên Quang).
        target("02", 2024, "retail_sales", 5_000.0),
        // 2025, on the 34-province map: merged Bắc Ninh.
        target("24", 2025, "retail_sales", 50_000.0),
        target("24", 2025, "iip_growth", 9.0),
        // Groups and the nation.
        target("north_28", 2024, "iip_growth", 10.0),
        target("VN", 2024, "iip_growth", 7.0),
    ];
    d
}

#[test]
fn a_target_is_keyed_by_its_boundaries_and_year() {
    assert_eq!(set_on(2024), Pre2025);
    assert_eq!(set_on(2025), V2025);
    assert_eq!(set_on(i32::MAX), V2025, "no overflow on a damaged year");
}

#[test]
fn the_merged_unit_gets_the_sum_of_its_parts_for_values_only() {
    let d = data();
    // Merged Bắc Ninh's 2024 retail sales target: old Bắc Giang + old Bắc Ninh.
    assert_eq!(
        d.target_on("24", V2025, 2024, "retail_sales"),
        Some(TargetOn::SumOfParts {
            value: 24_000.0,
            parts: vec!["24".into(), "27".into()]
        })
    );
    // A growth rate does not add up: none comparable.
    let g = d.target_on("24", V2025, 2024, "iip_growth").unwrap();
    assert!(matches!(g, TargetOn::NotComparable { .. }), "{g:?}");
    assert_eq!(g.value(), None);
    // One part without a target: none comparable.
    let t = d.target_on("08", V2025, 2024, "retail_sales").unwrap();
    assert!(matches!(t, TargetOn::NotComparable { .. }), "{t:?}");
    // Its own 2025 target, as set.
    assert_eq!(
        d.target_on("24", V2025, 2025, "retail_sales"),
        Some(TargetOn::Set { value: 50_000.0 })
    );
}

#[test]
fn an_old_province_is_never_read_against_its_merged_successor() {
    let d = data();
    // Old Bắc Giang's own 2024 target.
    assert_eq!(
        d.target_on("24", Pre2025, 2024, "retail_sales"),
        Some(TargetOn::Set { value: 10_000.0 })
    );
    // The 2025 target was set for merged Bắc Ninh, a larger territory.
    let t = d.target_on("24", Pre2025, 2025, "retail_sales").unwrap();
    assert!(matches!(t, TargetOn::NotComparable { .. }), "{t:?}");
    // Old Bắc Ninh (27) has no code on the 2025 map, and no 2025 target either.
    let t = d.target_on("27", Pre2025, 2025, "iip_growth").unwrap();
    assert!(matches!(t, TargetOn::NotComparable { .. }), "{t:?}");
}

#[test]
fn a_unit_that_did_not_merge_keeps_its_targets_on_both_maps() {
    let d = data();
    for indicator in ["iip_growth", "retail_sales"] {
        let t = d.target_on("01", V2025, 2024, indicator).unwrap();
        assert!(
            matches!(t, TargetOn::SameTerritory { ref set_for, set_on: Pre2025, .. } if set_for == "01"),
            "{t:?}"
        );
    }
    assert_eq!(
        d.target_on("VN", V2025, 2024, "iip_growth")
            .and_then(|t| t.value()),
        Some(7.0)
    );
}

#[test]
fn a_group_target_carries_over_only_when_its_territory_does() {
    let d = data();
    let geo = Geography::embedded();
    let g = geo.group("north_28").unwrap();
    let before: std::collections::BTreeSet<_> = g.members(Pre2025, geo).into_iter().collect();
    let after: std::collections::BTreeSet<_> = g
        .members(V2025, geo)
        .into_iter()
        .flat_map(|c| geo.predecessors(c))
        .collect();
    let t = d.target_on("north_28", V2025, 2024, "iip_growth").unwrap();
    if before == after {
        assert_eq!(t.value(), Some(10.0), "{t:?}");
    } else {
        assert!(matches!(t, TargetOn::NotComparable { .. }), "{t:?}");
    }
    assert_eq!(
        d.target_on("north_28", Pre2025, 2024, "iip_growth"),
        Some(TargetOn::Set { value: 10.0 })
    );
}

fn row<'a>(
    f: &'a congthuong_figures::province::ProvinceFigures,
    year: i32,
    indicator: &str,
) -> &'a congthuong_figures::province::TargetFigure {
    f.targets
        .iter()
        .find(|t| t.year == year && t.indicator == indicator)
        .unwrap_or_else(|| panic!("no {year} {indicator} row in {:?}", f.targets))
}

#[test]
fn the_province_figures_compare_like_with_like() {
    let d = data();
    let p = "2025-12".parse().unwrap();
    // On the 2025 map: merged Bắc Ninh's 2024 retail sales (both parts) against both parts' targets.
    let f = province(&d, "24", p, V2025).unwrap();
    let r = row(&f, 2024, "retail_sales");
    assert_eq!(r.target, Some(24_000.0));
    let actual = r.actual.unwrap();
    let parts: f64 = ["24", "27"]
        .iter()
        .map(|a| {
            d.indicator_at(
                BoundaryVersion::Pre2025,
                a,
                "retail_sales",
                "2024-12".parse().unwrap(),
            )
            .unwrap()
            .1
            .unwrap()
        })
        .sum();
    assert!((actual - parts).abs() < 1e-6, "{actual} against {parts}");
    assert!((r.attained_pct.unwrap() - 100.0 * parts / 24_000.0).abs() < 1e-9);
    // The 2024 growth target has no comparable figure.
    let g = row(&f, 2024, "iip_growth");
    assert_eq!((g.target, g.actual, g.met), (None, None, None));
    assert_eq!(g.on.basis(), "not_comparable");
    // The table says where each target comes from.
    let t = f.table("targets").unwrap();
    let col = |name: &str| t.columns.iter().position(|c| c == name).unwrap();
    let line = t
        .rows
        .iter()
        .find(|r| r[col("year")] == "2024" && r[col("indicator")] == "retail_sales")
        .unwrap();
    assert_eq!(line[col("target")], "24000");
    assert_eq!(line[col("target_basis")], "sum_of_parts");
    assert_eq!(line[col("target_parts")], "24 27");
    assert_eq!(line[col("boundaries")], "2025");

    // On the pre-2025 map (a month it covers): old Bắc Giang's own targets,
    // and no 2025 target (that one is merged Bắc Ninh's).
    let p = "2025-06".parse().unwrap();
    let f = province(&d, "24", p, Pre2025).unwrap();
    assert_eq!(row(&f, 2024, "retail_sales").target, Some(10_000.0));
    assert_eq!(row(&f, 2024, "iip_growth").target, Some(20.0));
    let r = row(&f, 2025, "retail_sales");
    assert_eq!((r.target, r.attained_pct), (None, None));
    assert_eq!(r.on.basis(), "not_comparable");
}
