//! The repository: versions (an edit adds one, the old stays readable),
//! append-only history, audit entries, stale edits, role rules, and the
//! database refusing UPDATE and DELETE on its own.

mod common;

use std::sync::{Arc, Mutex};

use common::{analyst, at, d, officer, project, repo};
use congthuong_core::BoundaryVersion::{Pre2025, V2025};
use congthuong_projects::store::{AuditEntry, AuditSink, AuditTable, Repo, migrations};
use congthuong_projects::{Code, Error, Label, ProgressUpdate, StrategyKind};
use rusqlite::Connection;

fn audit_count(repo: &Repo) -> usize {
    AuditTable::entries(repo.connection(), "").unwrap().len()
}

#[test]
fn an_edit_is_a_new_version_and_the_old_one_stays_readable() {
    let mut repo = repo();
    let mut p = project("KCN-01", V2025, &["01"]);
    let s1 = repo.save_project(&p, Some(0), &analyst()).unwrap();
    assert_eq!((s1.version, s1.unchanged), (1, false));
    p.name = Label::parse("Khu công nghiệp Sóc Sơn mở rộng").unwrap();
    let s2 = repo.save_project(&p, Some(1), &analyst()).unwrap();
    assert_eq!(s2.version, 2);
    let v1 = repo.project_version("KCN-01", 1).unwrap().unwrap();
    assert_eq!(v1.value.name.as_str(), "Khu công nghiệp KCN-01");
    let cur = repo.project("KCN-01").unwrap().unwrap();
    assert_eq!(cur.value.name.as_str(), "Khu công nghiệp Sóc Sơn mở rộng");
    assert_eq!(cur.meta.version, 2);
    assert_eq!(cur.meta.actor, "An (analyst)");
    let history = repo.project_history("KCN-01").unwrap();
    assert_eq!(history.len(), 2);
    assert_ne!(history[0].hash, history[1].hash);

    // Saving the same body again writes nothing.
    let before = audit_count(&repo);
    let s3 = repo.save_project(&p, None, &analyst()).unwrap();
    assert_eq!((s3.version, s3.unchanged), (2, true));
    assert_eq!(audit_count(&repo), before);
}

#[test]
fn every_change_has_an_audit_entry_with_hashes_before_and_after() {
    let mut repo = repo();
    let mut p = project("KCN-02", V2025, &["01"]);
    repo.save_project(&p, None, &analyst()).unwrap();
    p.total_investment = congthuong_projects::Amount::new(1_250.0).unwrap();
    repo.save_project(&p, None, &analyst()).unwrap();
    repo.replan(
        "KCN-02",
        "khoi_cong",
        d("2026-08-01"),
        "Chậm giải phóng mặt bằng",
        Some("245/QĐ-UBND"),
        &analyst(),
    )
    .unwrap();
    let entries = AuditTable::entries(repo.connection(), "proj_projects/KCN-02@").unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "proj_projects.create",
            "proj_projects.update",
            "proj_projects.update"
        ]
    );
    assert_eq!(entries[0].hash_before, None);
    for w in entries.windows(2) {
        assert_eq!(w[1].hash_before, w[0].hash_after, "hashes chain");
    }
    let history = repo.project_history("KCN-02").unwrap();
    assert_eq!(
        entries.last().unwrap().hash_after.as_deref(),
        Some(history[2].hash.as_str())
    );
    assert_eq!(entries[2].object, "proj_projects/KCN-02@3");
    assert!(
        entries[2].detail.contains("re-plans 0 → 1"),
        "{}",
        entries[2].detail
    );
    assert_eq!(entries[0].at, at("2026-01-10T02:00:00Z"));
}

#[test]
fn re_plans_are_appended_and_history_cannot_be_rewritten() {
    let mut repo = repo();
    repo.save_project(&project("KCN-03", V2025, &["01"]), None, &analyst())
        .unwrap();
    repo.replan(
        "KCN-03",
        "khoi_cong",
        d("2026-07-01"),
        "Lý do 1",
        None,
        &analyst(),
    )
    .unwrap();
    repo.replan(
        "KCN-03",
        "khoi_cong",
        d("2026-09-01"),
        "Lý do 2",
        None,
        &analyst(),
    )
    .unwrap();
    let cur = repo.project("KCN-03").unwrap().unwrap();
    let m = cur.value.milestone("khoi_cong").unwrap();
    assert_eq!(m.baseline, d("2026-06-01"));
    assert_eq!(m.current_plan(), d("2026-09-01"));
    assert_eq!(m.replans.len(), 2);
    assert_eq!(m.replans[0].by, "An (analyst)");
    // Version 2 holds only the first re-plan.
    let v2 = repo.project_version("KCN-03", 2).unwrap().unwrap();
    assert_eq!(v2.value.milestone("khoi_cong").unwrap().replans.len(), 1);

    let versions = repo.project_history("KCN-03").unwrap().len();
    let entries = audit_count(&repo);
    let refused = |repo: &mut Repo, p: &congthuong_projects::Project| match repo.save_project(
        p,
        None,
        &analyst(),
    ) {
        Err(Error::AppendOnly { .. }) => {}
        other => panic!("expected AppendOnly, got {other:?}"),
    };
    // Dropping a re-plan.
    let mut p = cur.value.clone();
    p.milestones[1].replans.pop();
    refused(&mut repo, &p);
    // Rewriting an earlier re-plan's reason.
    let mut p = cur.value.clone();
    p.milestones[1].replans[0].reason = Label::parse("khác").unwrap();
    refused(&mut repo, &p);
    // Moving the baseline.
    let mut p = cur.value.clone();
    p.milestones[1].baseline = d("2026-09-01");
    refused(&mut repo, &p);
    // Removing a milestone.
    let mut p = cur.value.clone();
    p.milestones.remove(0);
    refused(&mut repo, &p);
    // Nothing was written by the refused edits.
    assert_eq!(repo.project_history("KCN-03").unwrap().len(), versions);
    assert_eq!(audit_count(&repo), entries);
}

#[test]
fn progress_updates_are_append_only() {
    let mut repo = repo();
    repo.save_project(&project("KCN-04", V2025, &["01"]), None, &analyst())
        .unwrap();
    let note = |text: &str| ProgressUpdate {
        date: d("2026-01-09"),
        author: Label::parse("Lan").unwrap(),
        text: Label::parse(text).unwrap(),
        physical_percent: Some(12.5),
    };
    repo.add_update("KCN-04", note("Đã bàn giao 40 ha"), &analyst())
        .unwrap();
    repo.add_update("KCN-04", note("Đã bàn giao 55 ha"), &analyst())
        .unwrap();
    let mut p = repo.project("KCN-04").unwrap().unwrap().value;
    assert_eq!(p.updates.len(), 2);
    p.updates[0].text = Label::parse("sửa lại").unwrap();
    assert!(matches!(
        repo.save_project(&p, None, &analyst()),
        Err(Error::AppendOnly { .. })
    ));
    p.updates.truncate(1);
    assert!(matches!(
        repo.save_project(&p, None, &analyst()),
        Err(Error::AppendOnly { .. })
    ));
}

#[test]
fn a_stale_edit_is_refused() {
    let mut repo = repo();
    let p = project("KCN-05", V2025, &["01"]);
    repo.save_project(&p, Some(0), &analyst()).unwrap();
    let mut other = p.clone();
    other.name = Label::parse("Tên mới").unwrap();
    repo.save_project(&other, Some(1), &analyst()).unwrap();
    let mut mine = p.clone();
    mine.name = Label::parse("Tên của tôi").unwrap();
    match repo.save_project(&mine, Some(1), &analyst()) {
        Err(Error::Stale {
            expected, current, ..
        }) => assert_eq!((expected, current), (1, 2)),
        other => panic!("{other:?}"),
    }
    // Creating a project that already exists with "must be new" is stale too.
    assert!(matches!(
        repo.save_project(&p, Some(0), &analyst()),
        Err(Error::Stale { .. })
    ));
}

#[test]
fn an_officer_changes_their_own_projects_and_nobody_elses() {
    let mut repo = repo();
    // Entered in 2024 under old Bắc Ninh (27), pre-2025 map.
    repo.save_project(&project("BN-OLD", Pre2025, &["27"]), None, &analyst())
        .unwrap();
    repo.save_project(&project("HN-1", V2025, &["01"]), None, &analyst())
        .unwrap();
    // The officer of the merged Bắc Ninh (24 on the 2025 map).
    let lan = officer(V2025, "24");
    repo.replan(
        "BN-OLD",
        "khoi_cong",
        d("2026-07-15"),
        "Chờ giao đất",
        None,
        &lan,
    )
    .unwrap();
    assert!(matches!(
        repo.replan("HN-1", "khoi_cong", d("2026-07-15"), "x", None, &lan),
        Err(Error::Forbidden { .. })
    ));
    // Nor may they move their project into another province.
    let mut p = repo.project("BN-OLD").unwrap().unwrap().value;
    p.place = congthuong_projects::Place::one(V2025, "01").unwrap();
    assert!(matches!(
        repo.save_project(&p, None, &lan),
        Err(Error::Forbidden { .. })
    ));
    // Nor create one elsewhere, nor touch the catalogue.
    assert!(matches!(
        repo.save_project(&project("HN-2", V2025, &["01"]), None, &lan),
        Err(Error::Forbidden { .. })
    ));
    let kind = StrategyKind {
        code: Code::parse("logistics_2030").unwrap(),
        name_vi: Label::parse("Đề án phát triển logistics").unwrap(),
        name_en: Label::parse("Logistics development scheme").unwrap(),
        required: false,
        order: 9,
    };
    assert!(matches!(
        repo.save_strategy_kind(&kind, &lan),
        Err(Error::Forbidden { .. })
    ));
    repo.save_strategy_kind(&kind, &analyst()).unwrap();
    assert!(
        repo.strategy_kinds()
            .unwrap()
            .iter()
            .any(|k| k.code == kind.code)
    );
    let e = AuditTable::entries(repo.connection(), "proj_projects/BN-OLD@2").unwrap();
    assert_eq!(e[0].actor, "Lan (officer 24@2025)");
}

#[test]
fn the_database_itself_refuses_update_and_delete() {
    let mut repo = repo();
    repo.save_project(&project("KCN-06", V2025, &["01"]), None, &analyst())
        .unwrap();
    let conn = repo.connection();
    for sql in [
        "UPDATE proj_projects SET body = '{}' WHERE key = 'KCN-06'",
        "DELETE FROM proj_projects WHERE key = 'KCN-06'",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{err}");
    }
    assert_eq!(repo.project_history("KCN-06").unwrap().len(), 1);
}

#[test]
fn migrations_run_once_on_a_foreign_connection_beside_other_tables() {
    let conn = Connection::open_in_memory().unwrap();
    // The main store's own tables and user_version are left alone.
    conn.execute_batch("CREATE TABLE releases (id INTEGER); PRAGMA user_version = 7;")
        .unwrap();
    migrations::migrate(&conn).unwrap();
    migrations::migrate(&conn).unwrap();
    assert_eq!(migrations::applied_version(&conn).unwrap(), 1);
    let uv: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(uv, 7);
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'proj_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 6, "five registers and proj_migrations");
}

/// A sink that records entries in memory, or fails.
struct Memory(Arc<Mutex<Vec<AuditEntry>>>, bool);

impl AuditSink for Memory {
    fn append(&self, _: &Connection, e: &AuditEntry) -> congthuong_projects::Result<()> {
        if self.1 {
            return Err(Error::Write {
                path: "audit".into(),
                reason: "sink down".into(),
            });
        }
        self.0.lock().unwrap().push(e.clone());
        Ok(())
    }
}

#[test]
fn a_plugged_in_audit_sink_gets_every_entry_and_its_failure_undoes_the_change() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let conn = Connection::open_in_memory().unwrap();
    let mut repo = Repo::with_connection(conn, Box::new(Memory(log.clone(), false))).unwrap();
    repo.save_project(&project("KCN-07", V2025, &["01"]), None, &analyst())
        .unwrap();
    assert_eq!(log.lock().unwrap().len(), 1);

    let conn = Connection::open_in_memory().unwrap();
    let mut broken = Repo::with_connection(conn, Box::new(Memory(log.clone(), true))).unwrap();
    assert!(
        broken
            .save_project(&project("KCN-08", V2025, &["01"]), None, &analyst())
            .is_err()
    );
    assert!(broken.project("KCN-08").unwrap().is_none(), "rolled back");
}

#[test]
fn the_repository_survives_reopening_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("projects.db");
    {
        let mut repo = Repo::open(&path).unwrap();
        repo.save_project(&project("KCN-09", V2025, &["01"]), None, &analyst())
            .unwrap();
    }
    let repo = Repo::open(&path).unwrap();
    assert_eq!(repo.project_values().unwrap().len(), 1);
    assert_eq!(audit_count(&repo), 1);
}

#[test]
fn a_stored_record_that_no_longer_validates_is_reported_not_skipped() {
    let mut repo = repo();
    let p = project("KCN-10", V2025, &["01"]);
    repo.save_project(&p, None, &analyst()).unwrap();
    // A version written behind the repository's back, breaking a rule
    // (cleared more than needed).
    let mut bad = serde_json::to_value(&p).unwrap();
    bad["site_clearance"] = serde_json::json!({
        "area_needed_ha": 1.0, "area_cleared_ha": 5.0,
        "households_affected": null, "households_relocated": null
    });
    repo.connection()
        .execute(
            "INSERT INTO proj_projects (key, version, at, actor, reason, synthetic, body, hash)
             VALUES ('KCN-10', 2, '2026-01-12T00:00:00Z', 'x', 'x', 0, ?1, 'x')",
            [bad.to_string()],
        )
        .unwrap();
    match repo.project_values() {
        Err(e @ Error::Corrupt { .. }) => {
            assert!(!e.is_user_error());
            assert!(e.to_string().contains("KCN-10"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    // The earlier version is still readable.
    assert!(repo.project_version("KCN-10", 1).unwrap().is_some());
}

/// The registers inside a database that another connection (standing in
/// for the main store) created with its own `audit_log`: entries go there,
/// and a file without it is refused rather than created.
#[test]
fn the_shared_file_logs_into_the_main_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("congthuong.sqlite3");
    assert!(
        Repo::open_shared(&path).is_err(),
        "no file: nothing created"
    );
    assert!(!path.exists());
    let main = Connection::open(&path).unwrap();
    main.execute_batch("CREATE TABLE other (x INTEGER);")
        .unwrap();
    assert!(
        Repo::open_shared(&path).is_err(),
        "a database without audit_log is not the main store's"
    );
    main.execute_batch(
        "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, object TEXT NOT NULL, hash_before TEXT, hash_after TEXT,
            detail TEXT NOT NULL);
         INSERT INTO audit_log (at, actor, action, object, hash_before, hash_after, detail)
            VALUES ('2026-01-01T00:00:00.000001Z', 'congthuong', 'migrate', 'schema', NULL, NULL, 'v1');",
    )
    .unwrap();
    {
        let mut repo = Repo::open_shared(&path).unwrap();
        repo.save_project(&project("KCN-11", V2025, &["01"]), None, &analyst())
            .unwrap();
        // Opening twice applies the migrations once.
        let again = Repo::open_shared(&path).unwrap();
        assert_eq!(again.project_values().unwrap().len(), 1);
    }
    let rows: Vec<(String, String, String)> = main
        .prepare("SELECT at, action, object FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1].0, "2026-01-10T02:00:00.000000Z");
    assert_eq!(rows[1].1, "proj_projects.create");
    assert_eq!(rows[1].2, "proj_projects/KCN-11@1");
    assert!(
        main.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit'",
            [],
            |r| r.get::<_, i64>(0)
        )
        .unwrap()
            == 0,
        "no table of its own"
    );
    let e = congthuong_projects::store::AuditLog::entries(&main, "proj_projects/").unwrap();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].at.to_string(), "2026-01-10T02:00:00Z");
    // The user_version belongs to the main store.
    let uv: i64 = main
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(uv, 0);
}
