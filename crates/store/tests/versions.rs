//! Versions: new content is a new version with who, when and why; the same
//! content again is recognised and makes none; the latest version is what
//! compiles; every version stays readable.

mod common;

use common::{Env, report_csv, request};
use congthuong_core::Period;
use congthuong_store::codec::decode_lines;
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};
use congthuong_store::submit::submit_report_bytes;
use congthuong_store::synthetic::Spec;
use congthuong_store::{Dataset, RowFilter, Store, SubmissionFilter};

fn seeded() -> Env {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    env
}

fn versions(env: &Env, area: &str, period: &str) -> Vec<congthuong_store::Submission> {
    env.store
        .submissions(&SubmissionFilter {
            dataset: Some(Dataset::Microdata),
            area: Some(area.into()),
            period: Some(period.into()),
            current_only: false,
        })
        .unwrap()
}

#[test]
fn new_content_is_a_new_version_and_the_same_content_is_none() {
    let env = seeded();
    let v1 = report_csv(
        "2025-03",
        "01",
        &[("U1", "COAL", "10"), ("U2", "NAT_GAS", "2.5")],
    );
    let a = submit_report_bytes(
        &env.store,
        v1.as_bytes(),
        "v1.csv",
        &request("01", "2025-03", "lan", "first report"),
    )
    .unwrap();
    assert!(a.is_new());
    assert_eq!(a.submission().version, 2, "version 1 came with the folder");
    // The same lines in another order: the same content.
    let again = report_csv(
        "2025-03",
        "01",
        &[("U2", "NAT_GAS", "2.50"), ("U1", "COAL", "10.0")],
    );
    let b = submit_report_bytes(
        &env.store,
        again.as_bytes(),
        "again.csv",
        &request("01", "2025-03", "minh", "resent"),
    )
    .unwrap();
    assert!(!b.is_new());
    assert_eq!(b.submission().id, a.submission().id);
    // A correction.
    let v3 = report_csv(
        "2025-03",
        "01",
        &[("U1", "COAL", "11"), ("U2", "NAT_GAS", "2.5")],
    );
    let c = submit_report_bytes(
        &env.store,
        v3.as_bytes(),
        "v3.csv",
        &request("01", "2025-03", "minh", "coal corrected"),
    )
    .unwrap();
    assert!(c.is_new());
    let all = versions(&env, "01", "2025-03");
    assert_eq!(all.iter().map(|s| s.version).collect::<Vec<_>>(), [1, 2, 3]);
    let last = &all[2];
    assert_eq!(
        (
            last.actor.as_str(),
            last.note.as_str(),
            last.source.as_str()
        ),
        ("minh", "coal corrected", "v3.csv")
    );
    assert!(last.created_at.ends_with('Z') && last.created_at.len() == 27);
    assert_eq!(last.content_hash.len(), 64);
    // Every version stays readable.
    let old = decode_lines(&env.store.content(&all[1].content_hash).unwrap()).unwrap();
    let q: Vec<_> = old
        .iter()
        .map(|(u, p, q)| (u.to_owned(), p.to_owned(), q))
        .collect();
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].0, "U1");
    assert_eq!(
        q[0].2,
        congthuong_intake::number::Quantity::Scaled(10_000_000_000)
    );
    let first = decode_lines(&env.store.content(&all[0].content_hash).unwrap()).unwrap();
    assert_eq!(first.len() as i64, all[0].row_count);
    // Only the latest is current.
    let current = env
        .store
        .submissions(&SubmissionFilter {
            dataset: Some(Dataset::Microdata),
            area: Some("01".into()),
            period: Some("2025-03".into()),
            current_only: true,
        })
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].version, 3);
}

#[test]
fn importing_the_same_folder_twice_makes_no_new_version() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    let first = env.import(&dir, "ministry", "seed").unwrap();
    assert!(first.outcomes.iter().all(|o| o.is_new()));
    let before = env.digest();
    let second = env.import(&dir, "ministry", "again").unwrap();
    assert_eq!(second.outcomes.len(), first.outcomes.len());
    assert!(second.outcomes.iter().all(|o| !o.is_new()));
    assert_eq!(env.digest(), before, "nothing written");
}

#[test]
fn the_latest_version_is_what_compiles() {
    let env = seeded();
    let opts = ReleaseOptions {
        synthetic: false,
        period: "2025-02".parse::<Period>().unwrap(),
        base_year: None,
        actor: "analyst".into(),
        note: "r1".into(),
    };
    let r1 = create_release(&env.store, &opts, &NoProgress).unwrap();
    // Double every quantity of province 01 in 2025-02 (79 and 26 untouched).
    let lines = congthuong_store::submit::stored_lines(
        &env.store,
        "01".parse().unwrap(),
        "2025-02".parse().unwrap(),
    )
    .unwrap();
    let doubled: Vec<(String, String, String)> = lines
        .iter()
        .map(|(u, p, q)| {
            (
                u.to_owned(),
                p.to_owned(),
                format!("{}", congthuong_intake::lines::quantity_f64(q) * 2.0),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = doubled
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let csv = report_csv("2025-02", "01", &refs);
    let sub = submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "x2.csv",
        &request("01", "2025-02", "lan", "doubled"),
    )
    .unwrap();
    assert!(sub.is_new());
    let r2 = create_release(
        &env.store,
        &ReleaseOptions {
            synthetic: false,
            note: "r2".into(),
            ..opts
        },
        &NoProgress,
    )
    .unwrap();
    let total = |id: i64, area: &str| {
        env.store
            .release_index(
                id,
                &RowFilter {
                    boundaries: Some("2025".into()),
                    area: Some(area.into()),
                    code: Some("TOTAL".into()),
                    from: Some("2025-02".into()),
                    to: Some("2025-02".into()),
                    ..Default::default()
                },
            )
            .unwrap()[0]
            .index
    };
    let (a, b) = (total(r1.id, "01"), total(r2.id, "01"));
    assert!(
        (b / a - 2.0).abs() < 1e-9,
        "doubling every product doubles the index: {a} → {b}"
    );
    assert_eq!(total(r1.id, "79"), total(r2.id, "79"));
    assert!(r2.inputs.contains(&sub.submission().id));
    assert!(!r1.inputs.contains(&sub.submission().id));
}

#[test]
fn reporting_units_record_the_first_and_last_month_seen() {
    let env = seeded();
    let units = env.store.reporting_units(Some("79")).unwrap();
    // 6 products × 2 units each, reporting 2024-01 … 2025-03.
    assert_eq!(units.len(), 12);
    assert!(
        units
            .iter()
            .all(|u| u.first_period == "2024-01" && u.last_period == "2025-03")
    );
    let csv = report_csv(
        "2025-04",
        "79",
        &[("NEW-UNIT", "COAL", "5"), (&units[0].unit_id, "COAL", "1")],
    );
    submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "a.csv",
        &request("79", "2025-04", "thu", ""),
    )
    .unwrap();
    let after = env.store.reporting_units(Some("79")).unwrap();
    assert_eq!(after.len(), 13);
    let new = after.iter().find(|u| u.unit_id == "NEW-UNIT").unwrap();
    assert_eq!(
        (new.first_period.as_str(), new.last_period.as_str()),
        ("2025-04", "2025-04")
    );
    let old = after
        .iter()
        .find(|u| u.unit_id == units[0].unit_id)
        .unwrap();
    assert_eq!(
        (old.first_period.as_str(), old.last_period.as_str()),
        ("2024-01", "2025-04")
    );
    assert_eq!(
        after.iter().filter(|u| u.last_period == "2025-03").count(),
        11
    );
}
