//! Shared state of the server: settings, templates, the store, the
//! latest release (in memory) and the past ones pages are pinned to
//! ([`AppState::release_for`]), and the login throttle.

use std::sync::{Arc, RwLock};

use congthuong_figures::ReleaseData;
use congthuong_store::Store;

use crate::auth::throttle::Throttle;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, lang_of};
use crate::settings::Settings;
use crate::templates::Templates;

/// A store error as an HTTP error.
pub fn store_error(e: congthuong_store::StoreError) -> AppError {
    match e {
        congthuong_store::StoreError::NotFound(m) => AppError::NotFound(m),
        e if e.is_user_error() => AppError::BadRequest(format!("{e:#}")),
        e => AppError::Internal(e.into()),
    }
}

/// Cheap to clone; every handler gets one.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    templates: Templates,
    store: Arc<dyn Store>,
    throttle: Throttle,
    bodies: crate::bodies::Budget,
    release: RwLock<Option<Arc<ReleaseData>>>,
    pinned: crate::pinned::Pinned,
    // The release being made from the dashboard (one at a time), or the
    // last one made, for its progress and confirmation page.
    release_job: std::sync::Mutex<Option<Arc<crate::pages::releases::Job>>>,
    cache: crate::cache::ResponseCache,
    // Exporters (brands, traceability, origin): their registers in the
    // main database file, opened on first use.
    exports: crate::exports::Stores,
    // Key projects, strategies, investment, difficulties (issue 8): their
    // registers in the main database file, opened on first use.
    projects: crate::projects::Registers,
}

impl AppState {
    /// A new state over a store, with no release loaded yet.
    pub fn new(settings: Settings, store: Arc<dyn Store>) -> Self {
        let throttle = Throttle::from_settings(&settings);
        let bodies = crate::bodies::Budget::new(
            settings.bodies_in_flight_bytes,
            settings.max_upload_bytes,
            settings.body_queue,
        );
        let exports = crate::exports::Stores::new(&settings.data_dir);
        let projects = crate::projects::Registers::new(
            settings.data_dir.join(congthuong_store::sqlite::DB_FILE),
        );
        Self {
            inner: Arc::new(Inner {
                projects,
                settings,
                templates: Templates::new(),
                store,
                throttle,
                bodies,
                release: RwLock::new(None),
                pinned: crate::pinned::Pinned::default(),
                release_job: std::sync::Mutex::new(None),
                cache: crate::cache::ResponseCache::default(),
                exports,
            }),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// The templates.
    pub fn templates(&self) -> &Templates {
        &self.inner.templates
    }

    /// The store.
    pub fn store(&self) -> Arc<dyn Store> {
        self.inner.store.clone()
    }

    /// The exporters' registers (brands, traceability, origin checks).
    pub fn exports(&self) -> &crate::exports::Stores {
        &self.inner.exports
    }

    /// The key-project registers (issue 8).
    pub fn projects(&self) -> &crate::projects::Registers {
        &self.inner.projects
    }

    /// The budget of request bodies in memory at once.
    pub fn bodies(&self) -> &crate::bodies::Budget {
        &self.inner.bodies
    }

    /// The login throttle.
    pub fn throttle(&self) -> &Throttle {
        &self.inner.throttle
    }

    /// Answers kept for anonymous readers of the release.
    pub fn cache(&self) -> &crate::cache::ResponseCache {
        &self.inner.cache
    }

    /// The release the public pages show, if any.
    pub fn release(&self) -> Option<Arc<ReleaseData>> {
        self.inner.release.read().map_or(None, |r| r.clone())
    }

    /// Shows a release (the latest).
    pub fn set_release(&self, data: ReleaseData) {
        let id = data.meta.id;
        if let Ok(mut r) = self.inner.release.write() {
            *r = Some(Arc::new(data));
        }
        self.inner.cache.new_release(id);
    }

    /// The release a request asks for: `release=N` (a past release,
    /// decoded on first use and kept in a small set), else the latest.
    /// An unknown release is 404 in the reader's language.
    pub async fn release_for(&self, params: &Params) -> Result<Arc<ReleaseData>, AppError> {
        let lang = lang_of(params);
        let latest = self
            .release()
            .ok_or_else(|| AppError::Unavailable(t(lang, "no_release").into()))?;
        let Some(raw) = params
            .get("release")
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        else {
            return Ok(latest);
        };
        let unknown = || AppError::NotFound(t(lang, "release_unknown").replace("{n}", raw));
        let id = raw
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(unknown)?;
        if id == latest.meta.id {
            return Ok(latest);
        }
        self.release_by_id(id).await.map_err(|e| match e {
            AppError::NotFound(_) => unknown(),
            e => e,
        })
    }

    /// Release `id`: the latest from memory, a past one from the kept set
    /// or decoded from its snapshot (one decoding at a time).
    pub async fn release_by_id(&self, id: i64) -> Result<Arc<ReleaseData>, AppError> {
        if let Some(latest) = self.release().filter(|r| r.meta.id == id) {
            return Ok(latest);
        }
        let store = self.store();
        self.inner
            .pinned
            .release(id, move || congthuong_store::released::release(&*store, id))
            .await
            .map_err(|e| match e {
                crate::pinned::DecodeError::Failed(congthuong_store::StoreError::NotFound(m)) => {
                    AppError::NotFound(m)
                }
                crate::pinned::DecodeError::Failed(e) if e.is_user_error() => {
                    AppError::NotFound(e.to_string())
                }
                crate::pinned::DecodeError::Failed(e) => AppError::Internal(e.into()),
                crate::pinned::DecodeError::Closed => {
                    AppError::Unavailable("the server is stopping".into())
                }
            })
    }

    /// The release being made from the dashboard, or the last one made.
    pub fn release_job(&self) -> Option<Arc<crate::pages::releases::Job>> {
        self.inner.release_job.lock().map_or(None, |j| j.clone())
    }

    /// Records `job` as the release being made, unless one is still
    /// running (then that one is returned as the error).
    pub fn start_release_job(
        &self,
        job: Arc<crate::pages::releases::Job>,
    ) -> Result<(), Arc<crate::pages::releases::Job>> {
        let mut slot = self
            .inner
            .release_job
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(running) = slot.as_ref().filter(|j| j.running()) {
            return Err(running.clone());
        }
        *slot = Some(job);
        Ok(())
    }

    /// The comparison of releases `a` and `b`: computed once per pair from
    /// their decoded figures (one computation at a time) and kept.
    pub async fn release_diff(
        &self,
        a: i64,
        b: i64,
    ) -> Result<Arc<congthuong_store::release::ReleaseDiff>, AppError> {
        let this = self.clone();
        self.inner
            .pinned
            .diff(a, b, || async move {
                let store = this.store();
                // Unknown releases are 404 before anything is decoded.
                let (ra, rb) = tokio::task::spawn_blocking(move || {
                    Ok::<_, congthuong_store::StoreError>((store.release(a)?, store.release(b)?))
                })
                .await
                .map_err(|e| AppError::Internal(e.into()))?
                .map_err(store_error)?;
                let (da, db) = (this.release_by_id(a).await?, this.release_by_id(b).await?);
                let store = this.store();
                tokio::task::spawn_blocking(move || {
                    congthuong_store::release::diff_figures(&*store, ra, rb, &da, &db)
                })
                .await
                .map_err(|e| AppError::Internal(e.into()))?
                .map_err(store_error)
            })
            .await
    }

    /// Past releases and comparisons kept in memory.
    pub fn pinned(&self) -> &crate::pinned::Pinned {
        &self.inner.pinned
    }

    /// Loads the latest release from the store and shows it; false when
    /// there is none yet.
    pub fn reload(&self) -> anyhow::Result<bool> {
        match congthuong_store::released::latest_release(&*self.store())? {
            Some(data) => {
                self.set_release(data);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}
