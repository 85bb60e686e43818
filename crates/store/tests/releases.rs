//! Releases: create, list, show, diff (naming the submission that
//! changed); what a release holds equals `iip compile` of the same inputs;
//! releases, versions and the audit log refuse UPDATE and DELETE; every
//! write is in the audit log.

mod common;

use common::{Env, report_csv, request};
use congthuong_core::{BoundaryVersion, Geography, Period};
use congthuong_intake::interchange::{ReadOptions, read_folder};
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, diff};
use congthuong_store::submit::submit_report_bytes;
use congthuong_store::synthetic::Spec;
use congthuong_store::{Dataset, RowFilter, Store, SubmissionFilter};

fn opts(period: &str, note: &str) -> ReleaseOptions {
    ReleaseOptions {
        synthetic: false,
        period: period.parse::<Period>().unwrap(),
        base_year: None,
        actor: "analyst".into(),
        note: note.into(),
    }
}

#[test]
fn a_release_holds_exactly_what_iip_compile_gives_for_the_same_inputs() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let r = create_release(&env.store, &opts("2025-03", "all")).unwrap();
    let geo = Geography::embedded();
    let raw = read_folder(
        &dir,
        &ReadOptions {
            base_year: 2024,
            output: BoundaryVersion::V2025,
            geo,
            error_cap: 10,
            threads: 1,
        },
    )
    .unwrap();
    let compiled = raw.compile(BoundaryVersion::V2025, geo).unwrap();
    let rows = env
        .store
        .release_index(
            r.id,
            &RowFilter {
                boundaries: Some("2025".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let mut checked = 0;
    for s in &compiled.index {
        for (t, v) in s.values.iter().enumerate() {
            let period = compiled.range.first.add_months(t as i32).to_string();
            let row = rows
                .iter()
                .find(|x| {
                    x.area == s.area.to_string()
                        && x.code == s.code
                        && x.period == period
                        && x.level == s.level.as_str()
                })
                .unwrap_or_else(|| panic!("{} {} {period} missing", s.area, s.code));
            assert_eq!(row.index, *v);
            checked += 1;
        }
    }
    let province_rows = rows
        .iter()
        .filter(|x| x.area.bytes().all(|b| b.is_ascii_digit()))
        .count();
    // 3 provinces × 15 months × (6 products + 6 classes + 4 divisions + 2 sections + TOTAL).
    assert_eq!((checked, province_rows), (855, 855));
    // The pre-2025 view covers the months up to 2025-06 on the old units.
    let pre = env
        .store
        .release_index(
            r.id,
            &RowFilter {
                boundaries: Some("pre2025".into()),
                area: Some("26".into()),
                code: Some("TOTAL".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(pre.len(), 15, "Vĩnh Phúc (26) exists on the old map");
    // Indicators and targets are published with the release.
    let ind = env.store.release_indicators(r.id).unwrap();
    assert_eq!(ind.len(), 15 * 3 * 2);
    assert_eq!(env.store.release_targets(r.id).unwrap().len(), 3);
}

#[test]
fn create_list_show_and_diff_name_the_submission_that_changed() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let r1 = create_release(&env.store, &opts("2025-03", "March, first"))
        .unwrap_or_else(|e| panic!("{e}"));
    let same = create_release(&env.store, &opts("2025-03", "again")).unwrap();
    assert_eq!(
        r1.content_hash, same.content_hash,
        "same inputs, same content"
    );
    // Hà Nội corrects March.
    let lines = congthuong_store::submit::stored_lines(
        &env.store,
        "01".parse().unwrap(),
        "2025-03".parse().unwrap(),
    )
    .unwrap();
    let fixed: Vec<(String, String, String)> = lines
        .iter()
        .enumerate()
        .map(|(i, (u, p, q))| {
            let v = congthuong_intake::lines::quantity_f64(q);
            (
                u.to_owned(),
                p.to_owned(),
                format!("{}", if i == 0 { v * 1.5 } else { v }),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = fixed
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let csv = report_csv("2025-03", "01", &refs);
    let sub = submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "fix.csv",
        &request("01", "2025-03", "lan", "coal line corrected"),
    )
    .unwrap();
    let r2 = create_release(&env.store, &opts("2025-03", "March, revised")).unwrap();
    assert_ne!(r1.content_hash, r2.content_hash);
    let list = env.store.releases().unwrap();
    assert_eq!(
        list.iter().map(|r| r.id).collect::<Vec<_>>(),
        [r1.id, same.id, r2.id]
    );
    assert_eq!(env.store.release(r2.id).unwrap().note, "March, revised");

    let d = diff(&env.store, r1.id, r2.id).unwrap();
    assert_eq!(d.inputs.len(), 1);
    let change = &d.inputs[0];
    assert_eq!(change.key.to_string(), "microdata/01/2025-03");
    assert_eq!(change.before.as_ref().unwrap().version, 1);
    let after = change.after.as_ref().unwrap();
    assert_eq!(
        (after.id, after.actor.as_str(), after.note.as_str()),
        (sub.submission().id, "lan", "coal line corrected")
    );
    assert!(!d.index.is_empty());
    for c in &d.index {
        let row = c.row(c.after.as_ref()).unwrap();
        assert_eq!(row.period, "2025-03", "only March moved");
        assert!(
            row.area == "01" || row.area.parse::<u8>().is_err(),
            "province 01 or a group containing it: {}",
            row.area
        );
        assert!(c.because.contains("microdata/01/2025-03"));
    }
    assert!(
        d.index
            .iter()
            .any(|c| c.after.is_some() && &*c.area == "01" && &*c.code == "TOTAL")
    );
    let none = diff(&env.store, r1.id, same.id).unwrap();
    assert!(none.inputs.is_empty() && none.index.is_empty() && none.contributions_changed == 0);
}

fn create_release(
    store: &dyn Store,
    o: &ReleaseOptions,
) -> congthuong_store::Result<congthuong_store::Release> {
    congthuong_store::release::create_release(store, o, &NoProgress)
}

#[test]
fn releases_versions_and_the_audit_log_refuse_update_and_delete() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    create_release(&env.store, &opts("2025-03", "r")).unwrap();
    let conn = rusqlite::Connection::open(env.store.path()).unwrap();
    for sql in [
        "UPDATE releases SET note = 'x'",
        "DELETE FROM releases",
        "UPDATE release_index SET idx = 0",
        "DELETE FROM release_index",
        "DELETE FROM release_inputs",
        "UPDATE release_contributions SET contribution_pp = 0",
        "DELETE FROM release_indicators",
        "UPDATE submissions SET note = 'x'",
        "DELETE FROM submissions",
        "UPDATE blobs SET bytes = x''",
        "DELETE FROM blobs",
        "UPDATE audit_log SET actor = 'x'",
        "DELETE FROM audit_log",
        "DELETE FROM indicator_values",
        "UPDATE target_values SET target = 0",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn every_write_is_in_the_audit_log_with_hashes_before_and_after() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    let report = env.import(&dir, "ministry", "seed").unwrap();
    let log = env.store.audit(None).unwrap();
    // One entry per schema migration, then the reference series.
    let migrations = log.iter().take_while(|e| e.action == "migrate").count();
    assert_eq!(
        migrations,
        congthuong_store::sqlite::SCHEMA_VERSION as usize
    );
    assert_eq!(log[migrations].action, "load-reference");
    let submits: Vec<_> = log.iter().filter(|e| e.action == "submit").collect();
    assert_eq!(submits.len(), report.outcomes.len());
    for (e, o) in submits.iter().zip(&report.outcomes) {
        let s = o.submission();
        assert_eq!(e.object, s.key.to_string());
        assert_eq!(e.actor, "ministry");
        assert_eq!(e.hash_before, None);
        assert_eq!(e.hash_after.as_deref(), Some(s.content_hash.as_str()));
    }
    let csv = report_csv("2025-03", "79", &[("U9", "COAL", "1")]);
    let v2 = submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "hcm.csv",
        &request("79", "2025-03", "thu", "new unit"),
    )
    .unwrap();
    let v1 = env
        .store
        .submissions(&SubmissionFilter {
            dataset: Some(Dataset::Microdata),
            area: Some("79".into()),
            period: Some("2025-03".into()),
            current_only: false,
        })
        .unwrap()
        .remove(0);
    // An unchanged resubmission writes nothing, not even to the log.
    submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "hcm.csv",
        &request("79", "2025-03", "thu", "again"),
    )
    .unwrap();
    let r = create_release(&env.store, &opts("2025-03", "r")).unwrap();
    env.store.backup(&env.path("b.sqlite3"), "admin").unwrap();
    let log = env.store.audit(Some(3)).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(
        (
            log[0].action.as_str(),
            log[0].object.as_str(),
            log[0].actor.as_str()
        ),
        ("submit", "microdata/79/2025-03", "thu")
    );
    assert_eq!(
        log[0].hash_before.as_deref(),
        Some(v1.content_hash.as_str())
    );
    assert_eq!(
        log[0].hash_after.as_deref(),
        Some(v2.submission().content_hash.as_str())
    );
    assert!(log[0].detail.contains("new unit"));
    assert_eq!(
        (log[1].action.as_str(), log[1].object.as_str()),
        ("release", format!("release/{}", r.id).as_str())
    );
    assert_eq!(log[1].hash_after.as_deref(), Some(r.content_hash.as_str()));
    assert_eq!(log[2].action, "backup");
    assert!(
        log.windows(2)
            .all(|w| w[0].at <= w[1].at && w[0].id < w[1].id)
    );
}

/// The comparison (read from the two releases' snapshots) finds exactly
/// the stored rows that differ: every moved or one-sided index row with
/// both sides' values, and the count of moved contribution rows, on both
/// maps, across the merger (24 and 27 merge into 24) and for releases of
/// different months.
#[test]
fn the_comparison_finds_exactly_the_stored_rows_that_differ() {
    use std::collections::{BTreeMap, BTreeSet};
    let env = Env::new();
    let spec = |variant| Spec {
        months: 20,
        provinces: ["01", "24", "27", "79"]
            .iter()
            .map(|c| congthuong_core::AreaCode::parse(c).unwrap())
            .collect(),
        variant,
        ..Spec::small()
    };
    env.import(&env.folder("v0", &spec(0)), "ministry", "v0")
        .unwrap();
    let r1 = create_release(&env.store, &opts("2025-06", "June")).unwrap();
    env.import(&env.folder("v1", &spec(1)), "ministry", "v1")
        .unwrap();
    let r2 = create_release(&env.store, &opts("2025-08", "August, revised")).unwrap();
    let r3 = create_release(&env.store, &opts("2025-08", "August again")).unwrap();

    type Values = (f64, Option<f64>, Option<f64>, Option<f64>);
    let rows = |id: i64| -> BTreeMap<(String, String, String, String, String), Values> {
        env.store
            .release_index(id, &RowFilter::default())
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    (r.boundaries, r.area, r.level, r.code, r.period),
                    (r.index, r.mom_pct, r.yoy_pct, r.ytd_yoy_pct),
                )
            })
            .collect()
    };
    let contributions = |id: i64| -> BTreeMap<String, f64> {
        env.store
            .release_contributions(id, &RowFilter::default())
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    format!(
                        "{}|{}|{}|{}|{}|{}|{}",
                        r.boundaries,
                        r.area,
                        r.period,
                        r.comparison,
                        r.parent,
                        r.child_level,
                        r.child
                    ),
                    r.contribution_pp,
                )
            })
            .collect()
    };
    let far = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > 1e-9,
        (None, None) => false,
        _ => true,
    };
    for (a, b) in [(r1.id, r2.id), (r2.id, r1.id), (r2.id, r3.id)] {
        let (ia, ib) = (rows(a), rows(b));
        let keys: BTreeSet<_> = ia.keys().chain(ib.keys()).cloned().collect();
        let expected: Vec<_> = keys
            .into_iter()
            .filter(|k| match (ia.get(k), ib.get(k)) {
                (Some(x), Some(y)) => {
                    far(Some(x.0), Some(y.0)) || far(x.1, y.1) || far(x.2, y.2) || far(x.3, y.3)
                }
                _ => true,
            })
            .map(|k| (k.clone(), ia.get(&k).copied(), ib.get(&k).copied()))
            .collect();
        let d = diff(&env.store, a, b).unwrap();
        let got: Vec<_> = d
            .index
            .iter()
            .map(|c| {
                let v = |x: Option<congthuong_store::release::IndexValues>| {
                    x.map(|x| (x.index, x.mom_pct, x.yoy_pct, x.ytd_yoy_pct))
                };
                (
                    (
                        c.boundaries.as_str().to_owned(),
                        c.area.to_string(),
                        c.level.as_str().to_owned(),
                        c.code.to_string(),
                        c.period.to_string(),
                    ),
                    v(c.before),
                    v(c.after),
                )
            })
            .collect();
        assert_eq!(got.len(), expected.len(), "{a} → {b}");
        assert_eq!(got, expected, "{a} → {b}");
        let (ca, cb) = (contributions(a), contributions(b));
        let moved = ca
            .iter()
            .filter(|(k, v)| far(Some(**v), cb.get(*k).copied()))
            .count()
            + cb.keys().filter(|k| !ca.contains_key(*k)).count();
        assert_eq!(d.contributions_changed, moved, "{a} → {b}");
        if b == r3.id {
            assert!(d.index.is_empty() && d.inputs.is_empty() && moved == 0);
        } else {
            assert!(!d.index.is_empty() && moved > 0);
            assert!(
                d.index
                    .iter()
                    .any(|c| c.boundaries == BoundaryVersion::Pre2025)
                    && d.index
                        .iter()
                        .any(|c| c.before.is_none() || c.after.is_none()),
                "both maps, and months in one release only"
            );
            // Merged Bắc Ninh's figures are explained by the reports of both
            // its parts; old Bắc Giang's by its own only.
            let of = |v: BoundaryVersion, area: &str| {
                d.index
                    .iter()
                    .find(|c| {
                        c.boundaries == v && &*c.area == area && c.period.to_string() == "2025-03"
                    })
                    .unwrap()
                    .because
                    .clone()
            };
            let merged = of(BoundaryVersion::V2025, "24");
            assert!(
                merged.contains("microdata/24/2025-03") && merged.contains("microdata/27/2025-03")
            );
            let old = of(BoundaryVersion::Pre2025, "24");
            assert!(old.contains("microdata/24/2025-03") && !old.contains("microdata/27/2025-03"));
        }
    }
}
