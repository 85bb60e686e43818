//! `congthuong serve --demo` and `congthuong users` as a user runs them:
//! the real binary, a temporary data folder, a random port, SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
}

/// GET over a plain socket: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text[9..12].parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_owned();
    (status, body)
}

/// Starts `serve` and returns the child, its address and what it printed
/// up to the "stop with Ctrl-C" line.
fn start(data: &std::path::Path, demo: bool) -> (std::process::Child, String, String) {
    let mut cmd = bin();
    cmd.arg("--data-dir")
        .arg(data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if demo {
        cmd.arg("--demo");
    }
    let mut child = cmd.spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let mut addr = String::new();
    loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "serve ended early: {printed}"
        );
        printed.push_str(&line);
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest.split('/').next().unwrap().to_owned();
        }
        if line.starts_with("stop with Ctrl-C") {
            break;
        }
    }
    (child, addr, printed)
}

fn stop(mut child: std::process::Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful shutdown exits 0: {exit:?}");
}

#[test]
fn serve_demo_fills_an_empty_folder_serves_it_and_restarts_without_reloading() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (child, addr, printed) = start(&data, true);
    assert!(printed.contains("demo logins"), "{printed}");
    assert!(printed.contains("bacninh") && printed.contains("demo-bacninh"));
    let (status, page) = get(&addr, "/");
    assert_eq!(status, 200);
    assert!(
        page.contains("id=\"synthetic-banner\""),
        "labelled synthetic"
    );
    assert!(page.contains("28 tỉnh thành phía Bắc"));
    let (status, health) = get(&addr, "/api/v1/health");
    assert_eq!(status, 200);
    assert!(health.contains("\"period\":\"2025-12\""), "{health}");
    stop(child);

    // Again on the same folder: nothing is loaded twice.
    let (child, addr, printed) = start(&data, true);
    assert_eq!(get(&addr, "/").0, 200);
    stop(child);
    assert!(!printed.contains("loaded the synthetic demo data"));
    let releases = bin()
        .arg("--data-dir")
        .arg(&data)
        .args(["release", "list"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&releases.stdout);
    assert_eq!(list.lines().count(), 2, "one release: {list}");
}

#[test]
fn serve_without_a_release_says_so_and_demo_refuses_a_folder_with_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (child, addr, _) = start(&data, false);
    let (status, page) = get(&addr, "/");
    assert_eq!(status, 200);
    assert!(page.contains("Chưa có lần công bố nào"), "{page}");
    assert_eq!(get(&addr, "/api/v1/overview").0, 503);
    stop(child);
    // A folder with a report but no release: --demo must not mix demo data in.
    let csv = tmp.path().join("r.csv");
    std::fs::write(
        &csv,
        "period,area,unit_id,product,quantity\n2025-01,01,U1,COAL,5\n",
    )
    .unwrap();
    let import = bin()
        .arg("--data-dir")
        .arg(&data)
        .args(["import", "--province", "01", "--period", "2025-01"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let out = bin()
        .arg("--data-dir")
        .arg(&data)
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("only fills an empty data folder"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn users_are_added_listed_and_disabled_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let users = |args: &[&str], stdin: &str| {
        let mut child = bin()
            .arg("--data-dir")
            .arg(&data)
            .arg("users")
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
    };
    let ok = users(
        &[
            "add",
            "lan",
            "--role",
            "officer",
            "--province",
            "24",
            "--display-name",
            "Nguyễn Thị Lan",
        ],
        "a long passphrase\n",
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    for (args, why) in [
        (
            vec!["add", "x", "--role", "officer"],
            "an officer needs a province",
        ),
        (
            vec!["add", "y", "--role", "analyst", "--province", "24"],
            "only officers have one",
        ),
        (
            vec!["add", "z", "--role", "officer", "--province", "99"],
            "unknown province",
        ),
    ] {
        let out = users(&args, "a long passphrase\n");
        assert_eq!(out.status.code(), Some(1), "{why}");
    }
    let short = users(&["add", "w", "--role", "viewer"], "short\n");
    assert_eq!(
        short.status.code(),
        Some(1),
        "a password under 10 characters"
    );
    let list = String::from_utf8(users(&["list"], "").stdout).unwrap();
    assert!(
        list.contains("lan,Nguyễn Thị Lan,officer,24,false"),
        "{list}"
    );
    assert_eq!(list.lines().count(), 2, "only lan was added: {list}");
    assert!(users(&["disable", "lan"], "").status.success());
    let list = String::from_utf8(users(&["list"], "").stdout).unwrap();
    assert!(
        list.contains("lan,Nguyễn Thị Lan,officer,24,true"),
        "{list}"
    );
}
