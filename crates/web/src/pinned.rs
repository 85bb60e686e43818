//! Releases other than the latest, and comparisons of two releases.
//!
//! `release=N` on a page or a figure endpoint pins it to release N, so a
//! cited figure can be linked for good ([`crate::state::AppState::release_for`]).
//! The latest release is always in memory; an older one is decoded from
//! its snapshot on first use and kept in a small least-recently-used set
//! ([`DECODED`] entries). Decoding runs one at a time (a semaphore): fifty
//! requests for fifty old releases wait their turn and never hold more
//! than [`DECODED`] decoded releases (plus the one being decoded).
//!
//! A comparison of two releases is computed once per pair and kept
//! ([`DIFFS`] pairs, at most [`DIFF_BYTES`] in all); requests for the same
//! pair while it is computed wait for that one computation; different
//! pairs are computed one at a time.
//!
//! May read the store (snapshots, releases, submissions); writes nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use congthuong_figures::ReleaseData;
use congthuong_store::release::ReleaseDiff;
use tokio::sync::{OnceCell, Semaphore};

/// Decoded past releases kept.
pub const DECODED: usize = 3;
/// Comparisons kept.
pub const DIFFS: usize = 8;
/// The most bytes of comparisons kept (a larger one is answered, not kept).
pub const DIFF_BYTES: usize = 256 << 20;

type DiffCell = Arc<OnceCell<Arc<ReleaseDiff>>>;

/// What was done, for tests and the health check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Snapshots decoded since start.
    pub decoded: usize,
    /// The most decodings that ran at once.
    pub max_decoding_at_once: usize,
    /// Past releases held now.
    pub held: usize,
    /// Comparisons computed since start.
    pub diffs_computed: usize,
    /// The most comparisons that ran at once.
    pub max_diffs_at_once: usize,
    /// Comparisons held now.
    pub diffs_held: usize,
}

/// The past releases and comparisons kept in memory.
pub struct Pinned {
    decoded: Mutex<Vec<(i64, Arc<ReleaseData>)>>,
    decoding: Semaphore,
    diffs: Mutex<Vec<((i64, i64), DiffCell)>>,
    diffing: Semaphore,
    n_decoded: AtomicUsize,
    decoding_now: AtomicUsize,
    max_decoding: AtomicUsize,
    n_diffs: AtomicUsize,
    diffing_now: AtomicUsize,
    max_diffing: AtomicUsize,
}

impl Default for Pinned {
    fn default() -> Self {
        Self {
            decoded: Mutex::new(Vec::new()),
            decoding: Semaphore::new(1),
            diffs: Mutex::new(Vec::new()),
            diffing: Semaphore::new(1),
            n_decoded: AtomicUsize::new(0),
            decoding_now: AtomicUsize::new(0),
            max_decoding: AtomicUsize::new(0),
            n_diffs: AtomicUsize::new(0),
            diffing_now: AtomicUsize::new(0),
            max_diffing: AtomicUsize::new(0),
        }
    }
}

/// Counts a running task while it lives.
struct Running<'a>(&'a AtomicUsize);

impl<'a> Running<'a> {
    fn start(now: &'a AtomicUsize, max: &AtomicUsize) -> Self {
        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
        max.fetch_max(n, Ordering::SeqCst);
        Running(now)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Pinned {
    fn held(&self, id: i64) -> Option<Arc<ReleaseData>> {
        let mut v = self.decoded.lock().ok()?;
        let i = v.iter().position(|(k, _)| *k == id)?;
        // Most recently used last.
        let e = v.remove(i);
        let data = e.1.clone();
        v.push(e);
        Some(data)
    }

    fn keep(&self, id: i64, data: Arc<ReleaseData>) {
        if let Ok(mut v) = self.decoded.lock() {
            v.retain(|(k, _)| *k != id);
            v.push((id, data));
            while v.len() > DECODED {
                v.remove(0);
            }
        }
    }

    /// Release `id` decoded by `decode` (on a blocking thread, one at a
    /// time), or the copy kept.
    pub async fn release<E: Send + 'static>(
        &self,
        id: i64,
        decode: impl FnOnce() -> Result<ReleaseData, E> + Send + 'static,
    ) -> Result<Arc<ReleaseData>, DecodeError<E>> {
        if let Some(d) = self.held(id) {
            return Ok(d);
        }
        let _permit = self
            .decoding
            .acquire()
            .await
            .map_err(|_| DecodeError::Closed)?;
        // Another request may have decoded it while this one waited.
        if let Some(d) = self.held(id) {
            return Ok(d);
        }
        let _running = Running::start(&self.decoding_now, &self.max_decoding);
        let data = tokio::task::spawn_blocking(decode)
            .await
            .map_err(|_| DecodeError::Closed)?
            .map_err(DecodeError::Failed)?;
        self.n_decoded.fetch_add(1, Ordering::SeqCst);
        let data = Arc::new(data);
        self.keep(id, data.clone());
        Ok(data)
    }

    /// The comparison of `a` with `b`, computed by `compute` once per pair
    /// (one computation at a time) and kept while the bounds allow.
    pub async fn diff<E, F, Fut>(&self, a: i64, b: i64, compute: F) -> Result<Arc<ReleaseDiff>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<ReleaseDiff, E>>,
    {
        let cell: DiffCell = {
            let mut v = self.diffs.lock().unwrap_or_else(|e| e.into_inner());
            match v.iter().position(|(k, _)| *k == (a, b)) {
                Some(i) => {
                    let e = v.remove(i);
                    let c = e.1.clone();
                    v.push(e);
                    c
                }
                None => {
                    let c: DiffCell = Arc::default();
                    v.push(((a, b), c.clone()));
                    c
                }
            }
        };
        let result = cell
            .get_or_try_init(|| async {
                let _permit = self.diffing.acquire().await;
                let _running = Running::start(&self.diffing_now, &self.max_diffing);
                let d = compute().await?;
                self.n_diffs.fetch_add(1, Ordering::SeqCst);
                Ok(Arc::new(d))
            })
            .await
            .cloned();
        self.trim_diffs();
        result
    }

    /// Runs `f` on a blocking thread while no comparison is computed and
    /// no other such task runs (building a large comparison's file).
    pub async fn one_at_a_time<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, crate::error::AppError> {
        let _permit = self.diffing.acquire().await;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| crate::error::AppError::Internal(e.into()))
    }

    /// Drops the oldest comparisons beyond the bounds (and cells whose
    /// computation failed).
    fn trim_diffs(&self) {
        let Ok(mut v) = self.diffs.lock() else {
            return;
        };
        let size = |c: &DiffCell| c.get().map_or(0, |d| d.approx_bytes());
        v.retain(|(_, c)| c.initialized() || Arc::strong_count(c) > 1);
        while v.len() > DIFFS || v.iter().map(|(_, c)| size(c)).sum::<usize>() > DIFF_BYTES {
            // The oldest finished one goes first; one being computed stays.
            match v.iter().position(|(_, c)| c.initialized()) {
                Some(i) => {
                    v.remove(i);
                }
                None => break,
            }
        }
    }

    /// What was done.
    pub fn stats(&self) -> Stats {
        Stats {
            decoded: self.n_decoded.load(Ordering::SeqCst),
            max_decoding_at_once: self.max_decoding.load(Ordering::SeqCst),
            held: self.decoded.lock().map_or(0, |v| v.len()),
            diffs_computed: self.n_diffs.load(Ordering::SeqCst),
            max_diffs_at_once: self.max_diffing.load(Ordering::SeqCst),
            diffs_held: self
                .diffs
                .lock()
                .map_or(0, |v| v.iter().filter(|(_, c)| c.initialized()).count()),
        }
    }
}

/// Why a release could not be decoded.
#[derive(Debug)]
pub enum DecodeError<E> {
    /// The server is shutting down.
    Closed,
    /// The decoder's error.
    Failed(E),
}
