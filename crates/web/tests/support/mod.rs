//! Test support: a small synthetic release over every province (not real
//! data), and a real server on a random port with a tiny HTTP client.

#![allow(dead_code)]

pub mod browser;

use std::net::SocketAddr;

pub use congthuong_figures::sample::release as sample_release;
use congthuong_web::{AppState, Settings};

/// A running server with its own temporary data folder.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub dir: tempfile::TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts the real server on 127.0.0.1:0 with a fresh store and the sample release.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Creates an account with the given password.
    pub fn add_user(&self, name: &str, role: &str, province: Option<&str>, password: &str) {
        let new = congthuong_store::NewUser {
            username: name.into(),
            display_name: name.into(),
            role: role.into(),
            province: province.map(str::to_owned),
            password_hash: congthuong_web::auth::password::hash(password).unwrap(),
        };
        self.state.store().add_user(&new, "test").unwrap();
    }

    /// Logs in through the form; returns the session cookie and its CSRF token.
    pub async fn login(&self, name: &str, password: &str) -> (String, String) {
        let form = self.get("/dang-nhap").await;
        let csrf_cookie = form
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let csrf = csrf_cookie.split_once('=').unwrap().1.to_owned();
        let body = format!("username={name}&password={password}&csrf={csrf}&next=/");
        let r = request(
            self.addr,
            "POST",
            "/dang-nhap",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("cookie", &csrf_cookie),
            ],
            body.as_bytes(),
        )
        .await;
        assert_eq!(r.status, 303, "login of {name}: {}", r.text());
        let session = r
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let me = request(self.addr, "GET", "/api/v1/me", &[("cookie", &session)], b"").await;
        (session, me.json()["csrf"].as_str().unwrap().to_owned())
    }

    /// A GET request: (status, headers, body).
    pub async fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[], &[]).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// A minimal HTTP/1.1 client over a real socket (`Connection: close`).
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
    out
}

// --- Additions for the security suite (issue 13): servers with their own
// settings, raw sockets for slow clients, and logins with any form. ---

impl TestApp {
    /// Like [`TestApp::spawn`], with settings changed by `change` first
    /// (short timeouts, a small connection limit, …).
    pub async fn spawn_with(change: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store = congthuong_store::SqliteStore::open(&dir.path().join("data")).unwrap();
        let mut settings = Settings {
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().join("data"),
            ..Settings::default()
        };
        change(&mut settings);
        let state = AppState::new(settings, std::sync::Arc::new(store));
        state.set_release(sample_release());
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
        TestApp {
            addr,
            state,
            dir,
            shutdown: Some(tx),
        }
    }

    /// A fresh CSRF cookie of the login form: (`ct_csrf=…`, the token).
    pub async fn login_csrf(&self) -> (String, String) {
        let form = self.get("/dang-nhap").await;
        let cookie = form
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let token = cookie.split_once('=').unwrap().1.to_owned();
        (cookie, token)
    }

    /// Posts the login form with the given fields (URL-encoded here) and a
    /// valid CSRF token; returns the answer as it is (no redirect followed).
    pub async fn post_login(&self, fields: &[(&str, &str)], extra: &[(&str, &str)]) -> Response {
        let (cookie, token) = self.login_csrf().await;
        let mut body = form_encode(&[("csrf", token.as_str())]);
        for (k, v) in fields {
            body.push('&');
            body.push_str(&form_encode(&[(k, v)]));
        }
        let mut headers = vec![
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", cookie.as_str()),
        ];
        headers.extend_from_slice(extra);
        request(self.addr, "POST", "/dang-nhap", &headers, body.as_bytes()).await
    }

    /// The audit entries with this action.
    pub fn audit_actions(&self, action: &str) -> Vec<congthuong_store::AuditEntry> {
        self.state
            .store()
            .audit(None)
            .unwrap()
            .into_iter()
            .filter(|e| e.action == action)
            .collect()
    }
}

/// `application/x-www-form-urlencoded` of some pairs.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A raw connection that has sent `bytes` and nothing more.
pub async fn send_raw(addr: SocketAddr, bytes: &[u8]) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    s
}

/// Reads from `s` until the server closes it or `within` passes: returns
/// what was read and whether it was closed in time.
pub async fn read_until_closed(
    s: &mut tokio::net::TcpStream,
    within: std::time::Duration,
) -> (Vec<u8>, bool) {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
            Err(_) => return (got, false),
            Ok(Ok(0)) | Ok(Err(_)) => return (got, true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}
