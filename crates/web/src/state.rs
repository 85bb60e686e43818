//! Shared state of the server: settings, templates, the store, the
//! release the public pages show, and the login throttle.

use std::sync::{Arc, RwLock};

use congthuong_figures::ReleaseData;
use congthuong_store::Store;

use crate::auth::throttle::Throttle;
use crate::settings::Settings;
use crate::templates::Templates;

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
    release: RwLock<Option<Arc<ReleaseData>>>,
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
                release: RwLock::new(None),
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

    /// Shows a release.
    pub fn set_release(&self, data: ReleaseData) {
        if let Ok(mut r) = self.inner.release.write() {
            *r = Some(Arc::new(data));
        }
        self.inner.cache.clear();
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
