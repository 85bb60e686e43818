//! The demo: on an empty data folder, `serve --demo` generates the
//! calibrated synthetic data (`congthuong-demo`), imports it as the
//! provinces' submissions, loads GSO's published series, makes the first
//! release (marked synthetic, so every page says so), loads synthetic
//! key-project registers, and creates one account per role with the
//! passwords printed at start.

use std::path::Path;

use congthuong_store::folder::{FolderOptions, import_folder};
use congthuong_store::progress::Progress;
use congthuong_store::release::{ReleaseOptions, create_release};
use congthuong_store::{NewUser, Store};

/// A demo account.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    /// Login name.
    pub username: &'static str,
    /// Its password (demo only: printed at start).
    pub password: &'static str,
    /// Role.
    pub role: &'static str,
    /// An officer's province.
    pub province: Option<&'static str>,
    /// Who it stands for.
    pub label: &'static str,
}

/// The demo accounts.
pub const DEMO_LOGINS: [DemoLogin; 5] = [
    DemoLogin {
        username: "admin",
        password: "demo-admin",
        role: "admin",
        province: None,
        label: "Quản trị hệ thống (demo)",
    },
    DemoLogin {
        username: "phantich",
        password: "demo-phantich",
        role: "analyst",
        province: None,
        label: "Chuyên viên phân tích của Bộ (demo)",
    },
    DemoLogin {
        username: "bacninh",
        password: "demo-bacninh",
        role: "officer",
        province: Some("24"),
        label: "Sở Công Thương Bắc Ninh (demo)",
    },
    DemoLogin {
        username: "hanoi",
        password: "demo-hanoi",
        role: "officer",
        province: Some("01"),
        label: "Sở Công Thương Hà Nội (demo)",
    },
    DemoLogin {
        username: "xem",
        password: "demo-xem",
        role: "viewer",
        province: None,
        label: "Người xem (demo)",
    },
];

/// What the demo set up.
#[derive(Clone, Debug, Default)]
pub struct DemoSetup {
    /// True when it loaded the data now (false: the folder had releases).
    pub loaded: bool,
    /// Report lines imported.
    pub lines: u64,
}

/// Loads the demo into an empty store; leaves a store with releases alone;
/// refuses a store that holds reports but no release (demo data must never
/// mix with real reports).
pub fn load_demo(
    store: &dyn Store,
    work_dir: &Path,
    progress: &dyn Progress,
) -> anyhow::Result<DemoSetup> {
    if !store.releases()?.is_empty() {
        // A folder made by --demo before the registers had demo data gets
        // them; a folder of real releases never does.
        let synthetic =
            congthuong_store::released::latest_release(store)?.is_some_and(|r| r.meta.synthetic);
        if synthetic {
            load_registers(work_dir)?;
        }
        return Ok(DemoSetup::default());
    }
    let filter = congthuong_store::SubmissionFilter {
        current_only: true,
        ..Default::default()
    };
    if !store.submissions(&filter)?.is_empty() {
        anyhow::bail!(
            "{} holds reports but no release: --demo only fills an empty data folder (make a release with `congthuong release create`, or use another --data-dir)",
            work_dir.display()
        );
    }
    let tmp = tempfile::Builder::new()
        .prefix("congthuong-demo-")
        .tempdir_in(work_dir)?;
    let folder = tmp.path().join("demo");
    let opts = congthuong_demo::GenerateOptions::new(&folder);
    let last = opts.to;
    congthuong_demo::generate(&opts)?;
    let import = FolderOptions {
        base_year: Some(2015),
        actor: "demo".into(),
        note: "dữ liệu minh hoạ (tổng hợp) / synthetic demo data".into(),
        max_bytes: u64::MAX,
        error_cap: 100,
        threads: 0,
    };
    let report = import_folder(store, &folder, &import, progress)?;
    congthuong_store::reference::load_embedded(store, "demo")?;
    let release = ReleaseOptions {
        period: last,
        base_year: Some(2015),
        actor: "demo".into(),
        note: "Dữ liệu minh hoạ (tổng hợp), không phải số liệu chính thức / synthetic demo data"
            .into(),
        synthetic: true,
    };
    create_release(store, &release, progress)?;
    for l in &DEMO_LOGINS {
        if store.user_by_name(l.username)?.is_none() {
            let user = NewUser {
                username: l.username.into(),
                display_name: l.label.into(),
                role: l.role.into(),
                province: l.province.map(str::to_owned),
                password_hash: crate::auth::password::hash(l.password)
                    .map_err(anyhow::Error::msg)?,
            };
            store.add_user(&user, "demo")?;
        }
    }
    load_registers(work_dir)?;
    Ok(DemoSetup {
        loaded: true,
        lines: report.lines,
    })
}

/// The registers' synthetic demo data (key projects, strategies,
/// investment, difficulties; brands, traces, origin checks) in the data
/// folder's database; registers that hold records are left alone.
fn load_registers(work_dir: &Path) -> anyhow::Result<()> {
    crate::projects::demo::load(
        &work_dir.join(congthuong_store::sqlite::DB_FILE),
        crate::projects::registers::today_in_vietnam(),
    )?;
    crate::exports::demo::load(work_dir).map_err(|e| e.context("loading the exporters' demo"))?;
    Ok(())
}
