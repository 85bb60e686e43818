//! Shared test helpers: a store in a temporary folder, synthetic folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use congthuong_store::folder::{FolderOptions, FolderReport, import_folder};
use congthuong_store::progress::NoProgress;
use congthuong_store::submit::ReportRequest;
use congthuong_store::synthetic::{Spec, write_folder};
use congthuong_store::{SqliteStore, Store};

/// A store in its own temporary folder.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub store: SqliteStore,
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("data")).unwrap();
        Self { dir, store }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a synthetic folder under `name`.
    pub fn folder(&self, name: &str, spec: &Spec) -> PathBuf {
        let p = self.path(name);
        write_folder(&p, spec).unwrap();
        p
    }

    /// Imports a folder as `actor`.
    pub fn import(
        &self,
        dir: &Path,
        actor: &str,
        note: &str,
    ) -> congthuong_store::Result<FolderReport> {
        import_folder(&self.store, dir, &options(actor, note), &NoProgress)
    }

    pub fn digest(&self) -> String {
        self.store.digest().unwrap()
    }
}

pub fn options(actor: &str, note: &str) -> FolderOptions {
    FolderOptions {
        base_year: Some(2024),
        actor: actor.into(),
        note: note.into(),
        max_bytes: 200_000_000,
        error_cap: 100,
        threads: 2,
    }
}

pub fn request(province: &str, period: &str, actor: &str, note: &str) -> ReportRequest {
    ReportRequest {
        province: province.into(),
        period: period.into(),
        actor: actor.into(),
        note: note.into(),
        error_cap: 100,
        max_bytes: 10_000_000,
    }
}

/// A report CSV of `(unit, product, quantity)` lines.
pub fn report_csv(period: &str, area: &str, lines: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("period,area,unit_id,product,quantity\n");
    for (u, p, q) in lines {
        s.push_str(&format!("{period},{area},{u},{p},{q}\n"));
    }
    s
}

pub fn dyn_store(env: &Env) -> &dyn Store {
    &env.store
}
