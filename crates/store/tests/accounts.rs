//! Release snapshots, accounts and sessions.

mod common;

use common::Env;
use congthuong_core::{BoundaryVersion, Period};
use congthuong_engine::Comparison;
use congthuong_store::progress::NoProgress;
use congthuong_store::release::{ReleaseOptions, create_release};
use congthuong_store::synthetic::Spec;
use congthuong_store::{NewUser, RowFilter, SessionRecord, Store};

#[test]
fn a_release_carries_a_snapshot_with_the_same_figures_as_its_rows() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let opts = ReleaseOptions {
        synthetic: true,
        period: "2025-03".parse::<Period>().unwrap(),
        base_year: None,
        actor: "analyst".into(),
        note: "n".into(),
    };
    let r = create_release(&env.store, &opts, &NoProgress).unwrap();
    let bytes = env
        .store
        .release_snapshot(r.id)
        .unwrap()
        .expect("a snapshot");
    let data = congthuong_figures::snapshot::decode(&bytes).unwrap();
    assert!(data.meta.synthetic);
    assert_eq!(data.meta.period, opts.period);
    let view = data.view(BoundaryVersion::V2025).unwrap();
    assert_eq!(view.range.last, opts.period, "cut at the release's month");
    let rows = env
        .store
        .release_index(
            r.id,
            &RowFilter {
                boundaries: Some("2025".into()),
                code: Some("TOTAL".into()),
                ..RowFilter::default()
            },
        )
        .unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let p: Period = row.period.parse().unwrap();
        assert_eq!(
            view.level(&row.area, "TOTAL", p),
            Some(row.index),
            "{} {}",
            row.area,
            row.period
        );
        assert_eq!(
            view.growth(&row.area, "TOTAL", p, Comparison::Ytd),
            row.ytd_yoy_pct
        );
    }
}

#[test]
fn accounts_are_append_only_and_sessions_end() {
    let env = Env::new();
    let new = NewUser {
        username: "bn.officer".into(),
        display_name: "Sở Công Thương Bắc Ninh".into(),
        role: "officer".into(),
        province: Some("24".into()),
        password_hash: "$argon2id$x".into(),
    };
    let u = env.store.add_user(&new, "admin").unwrap();
    assert!(!u.disabled && u.role == "officer" && u.province.as_deref() == Some("24"));
    assert!(
        env.store.add_user(&new, "admin").is_err(),
        "the name is taken"
    );
    assert!(
        env.store
            .add_user(
                &NewUser {
                    username: "bad name".into(),
                    ..new.clone()
                },
                "admin"
            )
            .is_err()
    );
    env.store
        .put_session(&SessionRecord {
            token_digest: "d1".into(),
            user_id: u.id,
            csrf: "c".into(),
            expires_at: "2999-01-01T00:00:00Z".into(),
        })
        .unwrap();
    assert!(env.store.session("d1").unwrap().is_some());
    env.store
        .user_event("bn.officer", "password", Some("$argon2id$y"), "admin")
        .unwrap();
    assert_eq!(
        env.store
            .user_by_name("bn.officer")
            .unwrap()
            .unwrap()
            .password_hash,
        "$argon2id$y"
    );
    assert!(
        env.store.session("d1").unwrap().is_none(),
        "a new password ends the sessions"
    );
    env.store
        .put_session(&SessionRecord {
            token_digest: "d2".into(),
            user_id: u.id,
            csrf: "c".into(),
            expires_at: "2999-01-01T00:00:00Z".into(),
        })
        .unwrap();
    env.store
        .user_event("bn.officer", "disabled", None, "admin")
        .unwrap();
    assert!(
        env.store
            .user_by_name("bn.officer")
            .unwrap()
            .unwrap()
            .disabled
    );
    assert!(
        env.store.session("d2").unwrap().is_none(),
        "disabling ends the sessions"
    );
    env.store
        .user_event("bn.officer", "enabled", None, "admin")
        .unwrap();
    assert!(!env.store.user_by_id(u.id).unwrap().unwrap().disabled);
    let audit: Vec<String> = env
        .store
        .audit(None)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    for action in ["user.add", "user.password", "user.disabled", "user.enabled"] {
        assert!(audit.iter().any(|a| a == action), "{action}: {audit:?}");
    }
    let conn = rusqlite::Connection::open(env.store.path()).unwrap();
    assert!(conn.execute("UPDATE users SET role = 'admin'", []).is_err());
    assert!(conn.execute("DELETE FROM users", []).is_err());
    assert!(
        conn.execute("DELETE FROM release_snapshots", []).is_ok(),
        "no rows: nothing refused"
    );
}
