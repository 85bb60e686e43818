//! Backup while in use, and restore: the restored store holds exactly the
//! data backed up (plus the restore's own audit entry).

mod common;

use common::{Env, report_csv, request};
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};
use congthuong_store::submit::submit_report_bytes;
use congthuong_store::synthetic::Spec;
use congthuong_store::{SqliteStore, Store, SubmissionFilter};

#[test]
fn backup_then_restore_gives_back_the_backed_up_data() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let opts = ReleaseOptions {
        synthetic: false,
        period: "2025-03".parse().unwrap(),
        base_year: None,
        actor: "analyst".into(),
        note: "r1".into(),
    };
    create_release(&env.store, &opts, &NoProgress).unwrap();
    let before = env.store.digest_without(&["audit_log"]).unwrap();
    let audit_before = env.store.audit(None).unwrap();
    let file = env.path("backup.sqlite3");
    let size = env.store.backup(&file, "admin").unwrap();
    assert!(size > 0);
    assert!(
        env.store.backup(&file, "admin").is_err(),
        "never overwrites"
    );

    // Work goes on after the backup…
    let csv = report_csv("2025-03", "01", &[("U1", "COAL", "1")]);
    submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "late.csv",
        &request("01", "2025-03", "lan", "late"),
    )
    .unwrap();
    create_release(
        &env.store,
        &ReleaseOptions {
            synthetic: false,
            note: "r2".into(),
            ..opts
        },
        &NoProgress,
    )
    .unwrap();
    assert_ne!(env.store.digest_without(&["audit_log"]).unwrap(), before);

    // …and the backup is a sound database of its own.
    let copy = SqliteStore::open_file(&file).unwrap();
    assert_eq!(copy.integrity_check().unwrap(), "ok");
    drop(copy);

    env.store.restore(&file, "admin").unwrap();
    assert_eq!(env.store.integrity_check().unwrap(), "ok");
    assert_eq!(env.store.digest_without(&["audit_log"]).unwrap(), before);
    assert_eq!(env.store.releases().unwrap().len(), 1);
    let log = env.store.audit(None).unwrap();
    assert_eq!(&log[..audit_before.len()], &audit_before[..]);
    assert_eq!(log.last().unwrap().action, "restore");
    assert_eq!(
        env.store
            .submissions(&SubmissionFilter::default())
            .unwrap()
            .iter()
            .filter(|s| s.note == "late")
            .count(),
        0
    );
    // A reopened store sees the same.
    let path = env.store.path().to_owned();
    let reopened = SqliteStore::open_file(&path).unwrap();
    assert_eq!(reopened.digest_without(&["audit_log"]).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_changes_nothing() {
    let env = Env::new();
    let before = env.digest();
    let junk = env.path("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let err = env.store.restore(&junk, "admin").unwrap_err();
    assert!(err.is_user_error(), "{err}");
    let empty = env.path("empty.sqlite3");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    assert!(
        env.store
            .restore(&empty, "admin")
            .unwrap_err()
            .is_user_error()
    );
    assert_eq!(env.digest(), before);
}
