//! Concurrent imports for different provinces succeed (each thread with
//! its own store handle, as separate processes would have), and a reader
//! is never blocked by a write in progress.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::{Env, report_csv, request};
use congthuong_store::submit::submit_report_bytes;
use congthuong_store::synthetic::Spec;
use congthuong_store::{Dataset, SqliteStore, Store, SubmissionFilter};

#[test]
fn imports_for_different_provinces_run_side_by_side_while_a_reader_reads() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let path = env.store.path().to_owned();
    let done = AtomicBool::new(false);
    let provinces = ["01", "79", "31", "48"];
    std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let store = SqliteStore::open_file(&path).unwrap();
            let mut reads = 0u64;
            while !done.load(Ordering::Relaxed) {
                let subs = store.submissions(&SubmissionFilter::default()).unwrap();
                assert!(subs.len() >= 3 * 15);
                reads += 1;
            }
            reads
        });
        let writers: Vec<_> = provinces
            .iter()
            .map(|p| {
                let path = path.clone();
                s.spawn(move || {
                    let store = SqliteStore::open_file(&path).unwrap();
                    for m in 4..=12 {
                        let period = format!("2025-{m:02}");
                        // 2025-07 on: the 34-province codes (01, 79, 31, 48 exist on both).
                        let csv = report_csv(
                            &period,
                            p,
                            &[("U1", "COAL", &format!("{m}")), ("U2", "NAT_GAS", "3")],
                        );
                        let out = submit_report_bytes(
                            &store,
                            csv.as_bytes(),
                            "r.csv",
                            &request(p, &period, p, "concurrent"),
                        )
                        .unwrap();
                        assert!(out.is_new());
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        done.store(true, Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
    for p in provinces {
        let n = env
            .store
            .submissions(&SubmissionFilter {
                dataset: Some(Dataset::Microdata),
                area: Some(p.into()),
                ..Default::default()
            })
            .unwrap()
            .iter()
            .filter(|s| s.note == "concurrent")
            .count();
        assert_eq!(n, 9, "province {p}");
    }
    assert_eq!(env.store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_reader_is_not_blocked_by_an_open_write_transaction() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let before = env
        .store
        .submissions(&SubmissionFilter::default())
        .unwrap()
        .len();
    // Another process holds the write lock mid-import.
    let mut writer = rusqlite::Connection::open(env.store.path()).unwrap();
    let tx = writer
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute(
        "INSERT INTO audit_log(at, actor, action, object, detail) VALUES ('t', 'x', 'test', 'o', '')",
        [],
    )
    .unwrap();
    // A blocked read would wait for the busy timeout and then fail. A
    // store opened now (as `congthuong release list` would) reads too.
    let fresh = SqliteStore::open_file(env.store.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        fresh
            .submissions(&SubmissionFilter::default())
            .unwrap()
            .len(),
        before
    );
    assert_eq!(
        env.store
            .submissions(&SubmissionFilter::default())
            .unwrap()
            .len(),
        before
    );
    assert!(env.store.releases().unwrap().is_empty());
    assert!(
        !env.store
            .audit(Some(5))
            .unwrap()
            .iter()
            .any(|e| e.action == "test"),
        "uncommitted writes are not seen"
    );
    tx.rollback().unwrap();
}
