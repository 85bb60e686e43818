//! Release comparisons and pinned releases stay fast and bounded (issue 13
//! item 3, issue 14 item 6). An anonymous `/api/v1/releases/1/diff/3` used
//! to load every stored index and contribution row of both releases on
//! every request (27 s and 1.2 GB each on the demo; four in parallel took
//! the process from 4.7 to 9.6 GB). Now a comparison reads the releases'
//! snapshots (never their rows), is computed once per pair and kept, and
//! pairs are computed one at a time; past releases are decoded one at a
//! time and only a few are kept. The store below counts what the server
//! reads, so the tests count work instead of timing it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use congthuong_store::accounts::{NewUser, SessionRecord, User};
use congthuong_store::progress::{NoProgress, Progress};
use congthuong_store::{
    AuditEntry, ContributionRow, IndexRow, IndicatorValue, NewRelease, NewSubmission,
    ReferenceSource, ReferenceValue, Release, ReportingUnit, RowFilter, SqliteStore, Store,
    Submission, SubmissionFilter, SubmitOutcome, TargetValue, WarningRow,
};
use congthuong_web::{AppState, Settings};

use crate::support::{Response, request, sample_release};

/// A store that counts the reads a comparison could make.
struct Counting {
    inner: SqliteStore,
    rows: AtomicUsize,
    snapshots: AtomicUsize,
}

type R<T> = congthuong_store::Result<T>;

impl Store for Counting {
    fn submit(&self, b: Vec<NewSubmission>, p: &dyn Progress) -> R<Vec<SubmitOutcome>> {
        self.inner.submit(b, p)
    }
    fn submissions(&self, f: &SubmissionFilter) -> R<Vec<Submission>> {
        self.inner.submissions(f)
    }
    fn submission(&self, id: i64) -> R<Submission> {
        self.inner.submission(id)
    }
    fn content(&self, h: &str) -> R<Vec<u8>> {
        self.inner.content(h)
    }
    fn indicator_rows(&self, s: &[i64]) -> R<Vec<IndicatorValue>> {
        self.inner.indicator_rows(s)
    }
    fn target_rows(&self, s: &[i64]) -> R<Vec<TargetValue>> {
        self.inner.target_rows(s)
    }
    fn reporting_units(&self, a: Option<&str>) -> R<Vec<ReportingUnit>> {
        self.inner.reporting_units(a)
    }
    fn put_release(&self, r: NewRelease, p: &dyn Progress) -> R<Release> {
        self.inner.put_release(r, p)
    }
    fn releases(&self) -> R<Vec<Release>> {
        self.inner.releases()
    }
    fn release(&self, id: i64) -> R<Release> {
        self.inner.release(id)
    }
    fn release_index(&self, id: i64, f: &RowFilter) -> R<Vec<IndexRow>> {
        self.rows.fetch_add(1, Ordering::SeqCst);
        self.inner.release_index(id, f)
    }
    fn release_contributions(&self, id: i64, f: &RowFilter) -> R<Vec<ContributionRow>> {
        self.rows.fetch_add(1, Ordering::SeqCst);
        self.inner.release_contributions(id, f)
    }
    fn release_warnings(&self, id: i64) -> R<Vec<WarningRow>> {
        self.inner.release_warnings(id)
    }
    fn release_indicators(&self, id: i64) -> R<Vec<IndicatorValue>> {
        self.inner.release_indicators(id)
    }
    fn release_targets(&self, id: i64) -> R<Vec<TargetValue>> {
        self.inner.release_targets(id)
    }
    fn put_reference(&self, s: &ReferenceSource, v: &[ReferenceValue], a: &str) -> R<bool> {
        self.inner.put_reference(s, v, a)
    }
    fn reference_sources(&self) -> R<Vec<ReferenceSource>> {
        self.inner.reference_sources()
    }
    fn reference_values(&self, s: &str) -> R<Vec<ReferenceValue>> {
        self.inner.reference_values(s)
    }
    fn log(&self, a: &str, b: &str, c: &str, d: &str) -> R<()> {
        self.inner.log(a, b, c, d)
    }
    fn audit(&self, l: Option<usize>) -> R<Vec<AuditEntry>> {
        self.inner.audit(l)
    }
    fn release_snapshot(&self, id: i64) -> R<Option<Vec<u8>>> {
        self.snapshots.fetch_add(1, Ordering::SeqCst);
        self.inner.release_snapshot(id)
    }
    fn add_user(&self, u: &NewUser, a: &str) -> R<User> {
        self.inner.add_user(u, a)
    }
    fn users(&self) -> R<Vec<User>> {
        self.inner.users()
    }
    fn user_by_name(&self, n: &str) -> R<Option<User>> {
        self.inner.user_by_name(n)
    }
    fn user_by_id(&self, id: i64) -> R<Option<User>> {
        self.inner.user_by_id(id)
    }
    fn user_event(&self, n: &str, e: &str, h: Option<&str>, a: &str) -> R<()> {
        self.inner.user_event(n, e, h, a)
    }
    fn put_session(&self, s: &SessionRecord) -> R<()> {
        self.inner.put_session(s)
    }
    fn session(&self, d: &str) -> R<Option<SessionRecord>> {
        self.inner.session(d)
    }
    fn end_session(&self, d: &str) -> R<()> {
        self.inner.end_session(d)
    }
}

/// The real server over a counting store holding `n` releases of the
/// sample figures (release k's merged Bắc Ninh 2025 retail target is
/// 50 000 + k, so a page tells them apart).
struct App {
    addr: std::net::SocketAddr,
    state: AppState,
    store: Arc<Counting>,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn app(n: i64) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Counting {
        inner: SqliteStore::open(&dir.path().join("data")).unwrap(),
        rows: AtomicUsize::new(0),
        snapshots: AtomicUsize::new(0),
    });
    let base = congthuong_figures::snapshot::encode(&sample_release());
    for k in 1..=n {
        let mut data = congthuong_figures::snapshot::decode(&base).unwrap();
        for t in data.targets.iter_mut().filter(|t| t.year == 2025) {
            t.target = 50_000.0 + k as f64;
        }
        let r = store
            .put_release(
                NewRelease {
                    period: "2025-12".into(),
                    actor: "test".into(),
                    note: format!("vintage {k}"),
                    base_year: 2024,
                    inputs: Vec::new(),
                    index: Vec::new(),
                    contributions: Vec::new(),
                    warnings: Vec::new(),
                    indicators: Vec::new(),
                    targets: Vec::new(),
                    snapshot: Some(congthuong_figures::snapshot::encode(&data)),
                },
                &NoProgress,
            )
            .unwrap();
        assert_eq!(r.id, k);
    }
    let settings = Settings {
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().join("data"),
        ..Settings::default()
    };
    let state = AppState::new(settings, store.clone());
    assert!(state.reload().unwrap());
    store.snapshots.store(0, Ordering::SeqCst);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let s = state.clone();
    tokio::spawn(async move {
        congthuong_web::startup::serve(listener, s, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    App {
        addr,
        state,
        store,
        _dir: dir,
        _stop: tx,
    }
}

async fn fetch(addr: std::net::SocketAddr, path: String) -> Response {
    request(addr, "GET", &path, &[], b"").await
}

async fn get(app: &App, path: &str) -> Response {
    fetch(app.addr, path.to_owned()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_comparison_never_loads_the_rows_and_is_computed_once_per_pair() {
    let app = app(3).await;
    // Four at once, as in the issue, then one more.
    let answers = futures_join(
        (0..4)
            .map(|_| fetch(app.addr, "/api/v1/releases/1/diff/3".into()))
            .collect(),
    )
    .await;
    for r in &answers {
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let again = get(&app, "/api/v1/releases/1/diff/3").await;
    assert_eq!(again.body, answers[0].body, "the same answer");
    let csv = get(&app, "/api/v1/releases/1/diff/3?format=csv").await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        app.store.rows.load(Ordering::SeqCst),
        0,
        "no stored row was loaded"
    );
    let stats = app.state.pinned().stats();
    assert_eq!(stats.diffs_computed, 1, "one computation for the pair");
    assert_eq!(stats.diffs_held, 1);
    // Release 1 decoded once (3 is the latest, in memory).
    assert_eq!(app.store.snapshots.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn different_pairs_are_computed_one_at_a_time_and_a_few_are_kept() {
    let app = app(6).await;
    let pairs: Vec<(i64, i64)> = (1..=6)
        .flat_map(|a| (1..=6).map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .collect();
    let paths: Vec<String> = pairs
        .iter()
        .map(|(a, b)| format!("/api/v1/releases/{a}/diff/{b}"))
        .collect();
    let answers = futures_join(paths.iter().map(|p| fetch(app.addr, p.clone())).collect()).await;
    for (r, p) in answers.iter().zip(&paths) {
        assert_eq!(r.status, 200, "{p}: {}", r.text());
    }
    let stats = app.state.pinned().stats();
    assert_eq!(stats.max_diffs_at_once, 1, "{stats:?}");
    assert_eq!(stats.diffs_computed, pairs.len());
    assert!(
        stats.diffs_held <= congthuong_web::pinned::DIFFS,
        "{stats:?}"
    );
    assert!(stats.held <= congthuong_web::pinned::DECODED, "{stats:?}");
    assert_eq!(app.store.rows.load(Ordering::SeqCst), 0);
    // An unknown release is 404, and nothing is kept for it.
    let r = get(&app, "/api/v1/releases/1/diff/99").await;
    assert_eq!(r.status, 404);
    // The JSON is paged: a client asks for a bounded page.
    let r = get(&app, "/api/v1/releases/1/diff/2?limit=100000").await;
    assert_eq!(r.status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_requests_for_fifty_old_releases_decode_one_at_a_time_and_keep_a_few() {
    let app = app(51).await;
    let paths: Vec<String> = (1..=50)
        .map(|k| format!("/api/v1/provinces/24?period=2025-12&release={k}"))
        .collect();
    let answers = futures_join(paths.iter().map(|p| fetch(app.addr, p.clone())).collect()).await;
    for (k, r) in (1..=50).zip(&answers) {
        assert_eq!(r.status, 200, "release {k}: {}", r.text());
        let j = r.json();
        assert_eq!(j["release"], k, "release {k}'s own figures");
        let target = j["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["year"] == 2025)
            .unwrap()["target"]
            .as_f64()
            .unwrap();
        assert_eq!(target, 50_000.0 + k as f64);
    }
    let stats = app.state.pinned().stats();
    assert_eq!(stats.max_decoding_at_once, 1, "{stats:?}");
    assert!(stats.held <= congthuong_web::pinned::DECODED, "{stats:?}");
    assert_eq!(stats.decoded, 50, "each old release decoded once");
}

/// Runs requests concurrently on the runtime.
async fn futures_join(
    futures: Vec<impl std::future::Future<Output = Response> + Send + 'static>,
) -> Vec<Response> {
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
