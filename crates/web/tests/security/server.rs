//! Slow clients, error envelopes, headers and files (issue 13 items 11, 12, 13).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{TestApp, read_until_closed, request, send_raw};

const HALF: &[u8] = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n";
const FULL: &[u8] = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";

/// Issue 13 item 12: "2,000 half-sent requests stayed open 90 s+". A
/// request whose headers never end is closed after the header timeout.
#[tokio::test]
async fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let app = TestApp::spawn_with(|s| s.header_timeout = Duration::from_secs(1)).await;
    let mut s = send_raw(app.addr, HALF).await;
    let (_, closed) = read_until_closed(&mut s, Duration::from_secs(8)).await;
    assert!(closed, "the half-sent request was still open after 8 s");
}

/// The same timeout bounds a kept-alive connection left idle.
#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let app = TestApp::spawn_with(|s| s.header_timeout = Duration::from_secs(1)).await;
    let mut s = send_raw(app.addr, FULL).await;
    let (got, closed) = read_until_closed(&mut s, Duration::from_secs(8)).await;
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"));
    assert!(closed, "the idle connection was still open after 8 s");
}

/// At the connection limit the server stops accepting: a further client
/// waits (it is not answered) until a connection closes, then it is
/// served; the server answers normally afterwards.
#[tokio::test]
async fn connections_past_the_limit_wait_and_the_server_still_answers() {
    let app = TestApp::spawn_with(|s| {
        s.max_connections = 2;
        s.header_timeout = Duration::from_secs(30);
    })
    .await;
    let a = send_raw(app.addr, HALF).await;
    let b = send_raw(app.addr, HALF).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut c = send_raw(app.addr, FULL).await;
    let (got, _) = read_until_closed(&mut c, Duration::from_millis(1500)).await;
    assert!(got.is_empty(), "answered past the limit: {got:?}");
    drop(a);
    let (got, _) = read_until_closed(&mut c, Duration::from_secs(5)).await;
    assert!(
        String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"),
        "served once a slot was free: {got:?}"
    );
    drop(b);
    drop(c);
    assert_eq!(app.get("/api/v1/health").await.status, 200);
}

/// The attack in small: 300 half-sent requests against a limit of 50 and
/// a one-second header timeout. They are all closed within seconds, and
/// the server answers a normal request afterwards.
#[tokio::test]
async fn many_half_sent_requests_are_shed_and_the_server_recovers() {
    let app = TestApp::spawn_with(|s| {
        s.max_connections = 50;
        s.header_timeout = Duration::from_secs(1);
    })
    .await;
    let mut slow = Vec::new();
    for _ in 0..300 {
        slow.push(send_raw(app.addr, HALF).await);
    }
    let started = std::time::Instant::now();
    let r = tokio::time::timeout(Duration::from_secs(30), app.get("/api/v1/health"))
        .await
        .expect("answered within 30 s");
    assert_eq!(r.status, 200);
    let mut closed = 0;
    for s in &mut slow {
        if read_until_closed(s, Duration::from_secs(20)).await.1 {
            closed += 1;
        }
    }
    assert_eq!(closed, 300, "every half-sent request was closed");
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// A body that stops arriving is cut off after the body timeout: the
/// connection does not stay taken.
#[tokio::test]
async fn a_body_that_stops_arriving_is_cut_off() {
    let app = TestApp::spawn_with(|s| s.body_timeout = Duration::from_secs(1)).await;
    let mut s = send_raw(
        app.addr,
        b"POST /dang-nhap HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=lan",
    )
    .await;
    let (got, closed) = read_until_closed(&mut s, Duration::from_secs(8)).await;
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"timeout\""), "{text}");
    assert!(closed);
}

/// Issue 13 item 11: 405, 413 and 415 answer the JSON envelope on `/api/`.
#[tokio::test]
async fn method_size_and_type_errors_answer_the_envelope() {
    let app = TestApp::spawn_with(|s| s.max_upload_bytes = 10_000).await;
    app.add_user("an", "analyst", None, "an-pass-12345");
    let (cookie, csrf) = app.login("an", "an-pass-12345").await;
    let envelope = |r: &crate::support::Response, status: u16, code: &str| {
        assert_eq!(r.status, status, "{}", r.text());
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "{:?}",
            r.headers
        );
        let e = &r.json()["errors"][0];
        assert_eq!(e["status"], status);
        assert_eq!(e["code"], code);
        assert!(!e["detail"].as_str().unwrap().is_empty());
    };
    let r = request(app.addr, "DELETE", "/api/v1/overview", &[], b"").await;
    envelope(&r, 405, "method_not_allowed");
    assert!(r.header("allow").is_some_and(|a| a.contains("GET")));
    let r = request(
        app.addr,
        "POST",
        "/api/v1/releases",
        &[
            ("cookie", &cookie),
            ("x-csrf-token", &csrf),
            ("content-type", "application/json"),
        ],
        &vec![b' '; 20_000],
    )
    .await;
    envelope(&r, 413, "too_large");
    let r = request(
        app.addr,
        "POST",
        "/api/v1/releases",
        &[
            ("cookie", &cookie),
            ("x-csrf-token", &csrf),
            ("content-type", "text/plain"),
        ],
        b"{}",
    )
    .await;
    envelope(&r, 415, "unsupported_media_type");
}

/// A log writer for the test's subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Issue 13 item 11: every 5xx is logged with its cause (and the client
/// sees none of it). The store loses a table under the running server.
#[tokio::test]
async fn a_server_error_is_logged_with_its_cause_and_hidden_from_the_client() {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    // The test runtime has one thread: the server's tasks log here.
    let _guard = tracing::subscriber::set_default(subscriber);
    let app = TestApp::spawn().await;
    app.add_user("lan", "officer", Some("24"), "lan-pass-12345");
    let db = app.dir.path().join("data").join("congthuong.sqlite3");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TABLE sessions")
        .unwrap();
    let r = app
        .post_login(&[("username", "lan"), ("password", "lan-pass-12345")], &[])
        .await;
    assert_eq!(r.status, 500, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["detail"], "Internal Server Error");
    assert!(!r.text().contains("sessions"), "{}", r.text());
    let text = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(
        text.contains("POST /dang-nhap answered 500") && text.contains("no such table: sessions"),
        "the log: {text}"
    );
}

/// Issue 13 item 13: HSTS with `--secure-cookies`; `no-store` on the
/// account, submissions, uploads and every authenticated answer;
/// `Permissions-Policy` everywhere; logout clears what was kept.
#[tokio::test]
async fn private_answers_are_not_stored_and_tls_answers_carry_hsts() {
    let app = TestApp::spawn().await;
    app.add_user("lan", "officer", Some("24"), "lan-pass-12345");
    let public = app.get("/").await;
    assert_eq!(public.status, 200);
    assert_eq!(public.header("strict-transport-security"), None);
    assert_ne!(public.header("cache-control"), Some("no-store"));
    assert!(
        public
            .header("permissions-policy")
            .is_some_and(|p| p.contains("camera=()"))
    );
    assert_eq!(
        app.get("/dang-nhap").await.header("cache-control"),
        Some("no-store")
    );
    assert_eq!(
        app.get("/api/v1/me").await.header("cache-control"),
        Some("no-store"),
        "even a 401 of the account"
    );
    let (cookie, csrf) = app.login("lan", "lan-pass-12345").await;
    for path in [
        "/api/v1/me",
        "/api/v1/submissions?province=24",
        "/nop-bao-cao",
        "/",
        "/tinh/24",
    ] {
        let r = request(app.addr, "GET", path, &[("cookie", &cookie)], b"").await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    let css = request(
        app.addr,
        "GET",
        "/static/app.css",
        &[("cookie", &cookie)],
        b"",
    )
    .await;
    assert_ne!(css.header("cache-control"), Some("no-store"));
    let r = request(
        app.addr,
        "POST",
        "/dang-xuat",
        &[
            ("cookie", &cookie),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        format!("csrf={csrf}").as_bytes(),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("clear-site-data"), Some("\"cache\""));

    let tls = TestApp::spawn_with(|s| s.secure_cookies = true).await;
    let r = tls.get("/").await;
    assert_eq!(
        r.header("strict-transport-security"),
        Some("max-age=31536000")
    );
    assert!(
        tls.get("/dang-nhap")
            .await
            .header("set-cookie")
            .is_some_and(|c| c.contains("; Secure"))
    );
}

/// Issue 13 item 13: the database and backups are created 0600 (the
/// folder 0700); `restore` refuses a folder a server is using, and works
/// once the server's lock is gone.
#[cfg(unix)]
#[tokio::test]
async fn the_database_and_backups_are_private_and_a_served_folder_is_not_restored() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::spawn().await;
    let data = app.dir.path().join("data");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    let db = data.join("congthuong.sqlite3");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&data.join("congthuong.sqlite3-wal")), 0o600);
    let store = congthuong_store::SqliteStore::open(&data).unwrap();
    let backup = app.dir.path().join("backup.sqlite3");
    store.backup(&backup, "test").unwrap();
    assert_eq!(mode(&backup), 0o600);
    let serving = congthuong_store::lock::serving(&data, "serve on 127.0.0.1:8080").unwrap();
    let e = store.restore(&backup, "test").unwrap_err().to_string();
    assert!(
        e.contains("in use") && e.contains("serve on 127.0.0.1:8080"),
        "{e}"
    );
    drop(serving);
    store.restore(&backup, "test").unwrap();
}

/// Hostile input must not grow memory without bound: one upload is
/// capped by the upload limit, and all of them together by the budget of
/// bodies in memory at once. A client that declares a large body and
/// sends it slowly holds its share; another large body arriving meanwhile
/// is told to retry (503, `Retry-After`) before any of it is read; once
/// the first is gone, the budget is whole again and the next one is read.
#[tokio::test]
async fn large_bodies_at_once_share_one_budget() {
    let app = TestApp::spawn_with(|s| {
        s.max_upload_bytes = 1 << 20;
        s.bodies_in_flight_bytes = 1 << 20;
        s.body_queue = Duration::from_millis(500);
    })
    .await;
    let full = app.state.bodies().available();
    let slow = send_raw(
        app.addr,
        b"POST /dang-nhap HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\nusername=",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.state.bodies().available(),
        0,
        "the slow body holds the budget"
    );
    let body = vec![b'a'; 200_000];
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let r = request(app.addr, "POST", "/dang-nhap?lang=en", &form, &body).await;
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.header("retry-after").is_some());
    assert!(r.text().contains("many files at once"), "{}", r.text());
    drop(slow);
    let mut back = false;
    for _ in 0..50 {
        if app.state.bodies().available() == full {
            back = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(back, "the budget came back when the slow client left");
    let r = request(app.addr, "POST", "/dang-nhap", &form, &body).await;
    assert_ne!(r.status, 503, "{}", r.text());
    assert_eq!(app.get("/api/v1/health").await.status, 200);
}
