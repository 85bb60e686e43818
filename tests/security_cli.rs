//! Issue 13 against the real binary: a password changed from the command
//! line ends the account's web sessions; `restore` refuses a folder a
//! server is using, and a server killed with SIGKILL leaves no lock
//! behind; a 5xx is logged on stderr with its cause; the header timeout
//! flag reaches the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_congthuong"));
    c.env_remove("CONGTHUONG_DATA_DIR")
        .env_remove("RUST_LOG")
        .env("CONGTHUONG_ACTOR", "tester");
    c
}

/// Runs a command on `data` with `stdin`.
fn run(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts `serve` (stderr into `log`) and returns it with its address.
fn start(data: &Path, log: &Path, extra: &[&str]) -> (Child, String) {
    let mut child = bin()
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut addr = String::new();
    loop {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "serve ended early");
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest.split('/').next().unwrap().to_owned();
        }
        if line.starts_with("stop with Ctrl-C") {
            break;
        }
    }
    (child, addr)
}

fn signal(child: &Child, sig: &str) {
    let s = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(s.success());
}

/// One request over a plain socket: (status, headers, body).
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    write!(s, "{head}\r\n{body}").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (
        head[9..12].parse().unwrap(),
        head.to_owned(),
        body.to_owned(),
    )
}

fn cookie_of(head: &str, name: &str) -> String {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.trim().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no cookie {name} in {head}"))
}

/// Logs in through the form: (status, session cookie if any).
fn login(addr: &str, name: &str, password: &str) -> (u16, Option<String>) {
    let (_, head, _) = http(addr, "GET", "/dang-nhap", &[], "");
    let csrf = cookie_of(&head, "ct_csrf");
    let token = csrf.split_once('=').unwrap().1.to_owned();
    let body = format!("csrf={token}&username={name}&password={password}");
    let (status, head, _) = http(
        addr,
        "POST",
        "/dang-nhap",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &csrf),
        ],
        &body,
    );
    let session = (status == 303).then(|| cookie_of(&head, "ct_session"));
    (status, session)
}

#[test]
fn a_password_changed_from_the_command_line_ends_the_web_sessions() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(&run(
        &data,
        &[
            "users",
            "add",
            "lan",
            "--role",
            "officer",
            "--province",
            "24",
        ],
        "a long passphrase\n",
    ));
    let (child, addr) = start(&data, &tmp.path().join("serve.log"), &[]);
    let (status, session) = login(&addr, "lan", "a+long+passphrase");
    assert_eq!(status, 303);
    let session = session.unwrap();
    assert_eq!(
        http(&addr, "GET", "/api/v1/me", &[("cookie", &session)], "").0,
        200
    );
    let out = run(
        &data,
        &["users", "password", "lan"],
        "another long passphrase\n",
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("sessions have ended"));
    assert_eq!(
        http(&addr, "GET", "/api/v1/me", &[("cookie", &session)], "").0,
        401,
        "the session of the old password has ended"
    );
    assert_eq!(login(&addr, "lan", "another+long+passphrase").0, 303);
    signal(&child, "-TERM");
    let mut child = child;
    assert!(child.wait().unwrap().success());
}

#[test]
fn restore_refuses_a_served_folder_and_a_killed_server_leaves_no_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let backup = tmp.path().join("backup.sqlite3");
    ok(&run(
        &data,
        &["backup", "--out", backup.to_str().unwrap()],
        "",
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&backup), 0o600, "the backup is private");
        assert_eq!(mode(&data.join("congthuong.sqlite3")), 0o600);
        assert_eq!(mode(&data), 0o700);
    }
    let (mut child, addr) = start(&data, &tmp.path().join("serve.log"), &[]);
    let out = run(
        &data,
        &["restore", "--from", backup.to_str().unwrap(), "--yes"],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("in use")
            && err.contains(&format!("serve on 127.0.0.1:0, pid {}", child.id())),
        "{err}"
    );
    assert_eq!(
        http(&addr, "GET", "/api/v1/health", &[], "").0,
        200,
        "still serving"
    );
    // A server that dies without cleaning up leaves no stale lock.
    signal(&child, "-KILL");
    child.wait().unwrap();
    ok(&run(
        &data,
        &["restore", "--from", backup.to_str().unwrap(), "--yes"],
        "",
    ));
}

#[test]
fn a_server_error_is_logged_on_stderr_with_its_cause() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(&run(
        &data,
        &["users", "add", "lan", "--role", "viewer"],
        "a long passphrase\n",
    ));
    let log = tmp.path().join("serve.log");
    let (mut child, addr) = start(&data, &log, &[]);
    rusqlite::Connection::open(data.join("congthuong.sqlite3"))
        .unwrap()
        .execute_batch("DROP TABLE sessions")
        .unwrap();
    let (status, _) = login(&addr, "lan", "a+long+passphrase");
    assert_eq!(status, 500);
    signal(&child, "-TERM");
    child.wait().unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("ERROR")
            && text.contains("POST /dang-nhap answered 500")
            && text.contains("no such table: sessions"),
        "stderr: {text}"
    );
}

#[test]
fn the_header_timeout_flag_reaches_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (mut child, addr) = start(
        &data,
        &tmp.path().join("serve.log"),
        &["--header-timeout-secs", "1", "--max-connections", "8"],
    );
    let mut s = TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let started = std::time::Instant::now();
    let mut buf = [0u8; 1024];
    // Closed by the server (0 bytes or a reset), not by our read timeout.
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(_) => continue,
            Err(e) => {
                assert!(
                    !matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ),
                    "still open after 10 s"
                );
                break;
            }
        }
    }
    assert!(started.elapsed() < Duration::from_secs(9));
    let bad = run(&data, &["serve", "--header-timeout-secs", "0"], "");
    assert_eq!(bad.status.code(), Some(1), "a zero timeout is refused");
    signal(&child, "-TERM");
    assert!(child.wait().unwrap().success());
}
