//! Shared state of the server: settings, templates and the release that the
//! public pages show.

use std::sync::{Arc, RwLock};

use crate::settings::Settings;
use crate::templates::Templates;
use congthuong_figures::ReleaseData;

/// Cheap to clone; every handler gets one.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    templates: Templates,
    release: RwLock<Option<Arc<ReleaseData>>>,
}

impl AppState {
    /// A new state with no release loaded.
    pub fn new(settings: Settings) -> Self {
        Self {
            inner: Arc::new(Inner {
                settings,
                templates: Templates::new(),
                release: RwLock::new(None),
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

    /// The release the public pages show, if any.
    pub fn release(&self) -> Option<Arc<ReleaseData>> {
        self.inner.release.read().map_or(None, |r| r.clone())
    }

    /// Shows a new release.
    pub fn set_release(&self, data: ReleaseData) {
        if let Ok(mut r) = self.inner.release.write() {
            *r = Some(Arc::new(data));
        }
    }
}
