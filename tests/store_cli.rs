//! The store from the command line: the real binary on its own data
//! folder. Submitting (good and bad files), releases and their diff,
//! backup and restore, the template, concurrent processes, and a SIGKILL
//! in the middle of a large import.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use congthuong_store::synthetic::{Spec, write_folder};
use congthuong_store::{SqliteStore, Store};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_congthuong"));
    c.env_remove("CONGTHUONG_DATA_DIR")
        .env_remove("CONGTHUONG_MAX_UPLOAD_BYTES")
        .env("CONGTHUONG_ACTOR", "tester");
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn seeded(dir: &Path) -> PathBuf {
    let folder = dir.join("in");
    write_folder(&folder, &Spec::small()).unwrap();
    let data = dir.join("data");
    ok(&run(
        &data,
        &[
            "import-folder",
            folder.to_str().unwrap(),
            "--base-year",
            "2024",
            "--note",
            "seed",
        ],
    ));
    data
}

fn digest(data: &Path) -> String {
    SqliteStore::open(data).unwrap().digest().unwrap()
}

#[test]
fn a_province_submits_a_report_and_a_bad_one_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = seeded(tmp.path());
    let good = tmp.path().join("hn.csv");
    std::fs::write(
        &good,
        "period,area,unit_id,product,quantity\n2025-04,01,U1,COAL,12.5\n2025-04,01,U2,NAT_GAS,3\n",
    )
    .unwrap();
    let out = run(
        &data,
        &[
            "import",
            "--province",
            "01",
            "--period",
            "2025-04",
            "--note",
            "April",
            good.to_str().unwrap(),
        ],
    );
    ok(&out);
    assert!(
        stderr(&out).contains("stored microdata/01/2025-04 version 1"),
        "{}",
        stderr(&out)
    );
    let again = run(
        &data,
        &[
            "import",
            "--province",
            "01",
            "--period",
            "2025-04",
            good.to_str().unwrap(),
        ],
    );
    ok(&again);
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));

    let before = digest(&data);
    // The files themselves (database and write-ahead log) too.
    let files = |data: &Path| -> Vec<(String, String)> {
        ["congthuong.sqlite3", "congthuong.sqlite3-wal"]
            .iter()
            .filter(|f| data.join(f).exists())
            .map(|f| {
                let hash = congthuong_store::hash::file_sha256(&data.join(f)).unwrap();
                (f.to_string(), hash)
            })
            .collect()
    };
    let files_before = files(&data);
    let bad = tmp.path().join("bad.csv");
    std::fs::write(
        &bad,
        "period,area,unit_id,product,quantity\n2025-04,01,U1,COAL,12.5\n2025-04,01,U2,GOLD,3\n2025-04,01,U3,COAL,-4\n",
    )
    .unwrap();
    let out = run(
        &data,
        &[
            "import",
            "--province",
            "01",
            "--period",
            "2025-04",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("rejected") && err.contains("nothing was stored"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv, line 3, column product: unknown product \"GOLD\""),
        "{err}"
    );
    assert!(
        err.contains("bad.csv, line 4, column quantity: negative value -4"),
        "{err}"
    );
    assert_eq!(
        files(&data),
        files_before,
        "the database files are byte-for-byte unchanged"
    );
    assert_eq!(
        digest(&data),
        before,
        "the data tables are byte-for-byte unchanged"
    );

    // An unknown province is a user error naming the nearest codes.
    let out = run(
        &data,
        &[
            "import",
            "--province",
            "99",
            "--period",
            "2025-04",
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nearest valid"), "{}", stderr(&out));
    // An oversized file is refused before it is read.
    let out = bin()
        .arg("--data-dir")
        .arg(&data)
        .args([
            "--max-upload-bytes",
            "10",
            "import",
            "--province",
            "01",
            "--period",
            "2025-04",
        ])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("more than the limit of 10 bytes"),
        "{}",
        stderr(&out)
    );

    let listed = ok(&run(
        &data,
        &["submissions", "--province", "01", "--period", "2025-04"],
    ));
    let rows: Vec<&str> = listed.lines().collect();
    assert_eq!(rows.len(), 2, "{listed}");
    assert!(rows[1].contains(",tester,") && rows[1].contains("April"));
    let id = rows[1].split(',').next().unwrap();
    let lines = ok(&run(&data, &["submissions", "show", id, "--lines"]));
    assert_eq!(
        lines,
        "period,area,unit_id,product,quantity\n2025-04,01,U1,COAL,12.5\n2025-04,01,U2,NAT_GAS,3\n"
    );
    let audit = ok(&run(&data, &["audit", "--limit", "1"]));
    assert!(
        audit.contains("tester,submit,microdata/01/2025-04"),
        "{audit}"
    );
}

#[test]
fn releases_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = seeded(tmp.path());
    let out = run(
        &data,
        &[
            "release", "create", "--period", "2025-03", "--note", "March",
        ],
    );
    ok(&out);
    let fix = tmp.path().join("fix.csv");
    std::fs::write(
        &fix,
        "period,area,unit_id,product,quantity\n2025-03,79,U1,COAL,99999\n",
    )
    .unwrap();
    ok(&run(
        &data,
        &[
            "import",
            "--province",
            "79",
            "--period",
            "2025-03",
            "--note",
            "late unit",
            fix.to_str().unwrap(),
        ],
    ));
    ok(&run(
        &data,
        &[
            "release",
            "create",
            "--period",
            "2025-03",
            "--note",
            "March revised",
        ],
    ));
    let list = ok(&run(&data, &["release", "list"]));
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("March revised"));
    let show = ok(&run(&data, &["release", "show", "2"]));
    assert!(show.contains("note,March revised"), "{show}");
    let index = ok(&run(
        &data,
        &[
            "release",
            "show",
            "2",
            "--index",
            "--area",
            "79",
            "--code",
            "TOTAL",
            "--boundaries",
            "2025",
        ],
    ));
    assert_eq!(index.lines().count(), 16, "{index}");
    let diff = ok(&run(&data, &["release", "diff", "1", "2"]));
    assert!(diff.contains("submissions that differ: 1"), "{diff}");
    assert!(
        diff.contains("microdata/79/2025-03: version 1 by tester"),
        "{diff}"
    );
    assert!(
        diff.contains("→ version 2 by tester") && diff.contains("\"late unit\""),
        "{diff}"
    );
    assert!(diff.contains("2025,79,total,TOTAL,2025-03,"), "{diff}");
    let out = run(&data, &["release", "show", "9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no release 9"));
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = seeded(tmp.path());
    let file = tmp.path().join("b.sqlite3");
    ok(&run(&data, &["backup", "--out", file.to_str().unwrap()]));
    let before = SqliteStore::open(&data)
        .unwrap()
        .digest_without(&["audit_log"])
        .unwrap();
    ok(&run(
        &data,
        &[
            "release",
            "create",
            "--period",
            "2025-03",
            "--note",
            "after the backup",
        ],
    ));
    let out = run(&data, &["restore", "--from", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "needs --yes");
    assert!(stderr(&out).contains("--yes"));
    ok(&run(
        &data,
        &["restore", "--from", file.to_str().unwrap(), "--yes"],
    ));
    let store = SqliteStore::open(&data).unwrap();
    assert_eq!(store.digest_without(&["audit_log"]).unwrap(), before);
    assert!(store.releases().unwrap().is_empty());
}

#[test]
fn the_template_command_writes_a_workbook_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let data = seeded(tmp.path());
    let out = tmp.path().join("t.xlsx");
    ok(&run(
        &data,
        &[
            "template",
            "--province",
            "79",
            "--period",
            "2025-04",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let again = run(
        &data,
        &[
            "template",
            "--province",
            "79",
            "--period",
            "2025-04",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
}

#[test]
fn concurrent_processes_import_different_provinces_while_another_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let data = seeded(tmp.path());
    let provinces = ["01", "79", "31", "48", "92"];
    let mut children = Vec::new();
    for p in provinces {
        let file = tmp.path().join(format!("{p}.csv"));
        let mut body = String::from("period,area,unit_id,product,quantity\n");
        for u in 0..2000 {
            body.push_str(&format!("2025-04,{p},U{u},COAL,{u}.5\n"));
        }
        std::fs::write(&file, body).unwrap();
        children.push(
            bin()
                .arg("--data-dir")
                .arg(&data)
                .args(["import", "--province", p, "--period", "2025-04"])
                .arg(&file)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        );
    }
    let mut reads = 0;
    while children.iter_mut().any(|c| c.try_wait().unwrap().is_none()) || reads == 0 {
        ok(&run(
            &data,
            &["submissions", "--current", "--period", "2025-03"],
        ));
        reads += 1;
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let listed = ok(&run(&data, &["submissions", "--period", "2025-04"]));
    assert_eq!(listed.lines().count(), 1 + provinces.len(), "{listed}");
}

/// A small pseudo-random generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Checks an interrupted store with plain SQLite: the file is sound, and
/// every import is in it whole or not at all.
/// `first` is the size of the first import; later ones change only the
/// microdata and indicators (`later` submissions).
fn check_after_kill(db: &Path, first: usize, later: usize) -> usize {
    use sha2::Digest;
    let c = rusqlite::Connection::open(db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let subs: Vec<(String, String, i64, String)> = c
        .prepare("SELECT s.created_at, s.dataset, s.row_count, b.hash FROM submissions s JOIN blobs b ON b.hash = s.content_hash")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let total: i64 = c
        .query_row("SELECT count(*) FROM submissions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        total as usize,
        subs.len(),
        "every submission has its content"
    );
    // Each import stores every key of the folder (all changed) in one go.
    let mut by_import: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in &subs {
        *by_import.entry(&s.0).or_default() += 1;
    }
    for (i, (at, n)) in by_import.iter().enumerate() {
        let want = if i == 0 { first } else { later };
        assert_eq!(*n, want, "import at {at} is partly stored");
    }
    let audited: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'submit'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, total);
    // The contents are whole: hash and line count match.
    let mut stmt = c
        .prepare("SELECT bytes FROM blobs WHERE hash = ?1")
        .unwrap();
    for (_, dataset, rows, hash) in subs.iter().step_by(97) {
        let bytes: Vec<u8> = stmt.query_row([hash], |r| r.get(0)).unwrap();
        assert_eq!(
            &congthuong_store::hash::hex(&sha2::Sha256::digest(&bytes)),
            hash
        );
        if dataset == "microdata" {
            let lines = congthuong_store::codec::decode_lines(&bytes).unwrap();
            assert_eq!(lines.len() as i64, *rows);
        }
    }
    by_import.len()
}

#[test]
fn sigkill_during_a_large_import_leaves_each_submission_whole_or_absent() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = |variant| Spec {
        base_year: 2023,
        first: "2023-01".parse().unwrap(),
        months: 24,
        provinces: [
            "01", "02", "04", "22", "26", "27", "31", "33", "38", "40", "48", "79", "92", "95",
        ]
        .iter()
        .map(|c| c.parse().unwrap())
        .collect(),
        products: 30,
        units: 30,
        variant,
        series: true,
    };
    let folders: Vec<PathBuf> = (0..2)
        .map(|v| {
            let f = tmp.path().join(format!("f{v}"));
            write_folder(&f, &spec(v)).unwrap();
            f
        })
        .collect();
    let data = tmp.path().join("data");
    let import = |folder: &Path| {
        bin()
            .arg("--data-dir")
            .arg(&data)
            .args([
                "import-folder",
                folder.to_str().unwrap(),
                "--base-year",
                "2023",
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // A first, whole import creates every key; a second one (the other
    // folder: new versions of the microdata and indicators) measures how
    // long an import like those below takes.
    assert!(import(&folders[0]).wait().unwrap().success());
    let started = Instant::now();
    assert!(import(&folders[1]).wait().unwrap().success());
    let full = started.elapsed();
    let db = data.join("congthuong.sqlite3");
    let count = |sql: &str| {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize
    };
    let keys = count("SELECT count(*) FROM submissions WHERE version = 1");
    // Products, weights and targets are the same in both folders.
    let later = count("SELECT count(*) FROM submissions WHERE version = 2");
    assert!(later > 0 && later < keys);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = Lcg(seed);
    let mut imports = check_after_kill(&db, keys, later);
    let mut killed_while_running = 0;
    let mut delays = Vec::new();
    for round in 0..20 {
        // Alternate the two folders so every import writes new versions.
        let folder = &folders[imports % 2];
        // Anywhere from the start to most of the way through (reading,
        // preparing, storing, committing).
        let delay = Duration::from_micros(rng.next() % (full.as_micros() as u64 * 9 / 10 + 1));
        delays.push(delay);
        let mut child = import(folder);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = check_after_kill(&db, keys, later);
        assert!(
            now == imports || now == imports + 1,
            "round {round} (seed {seed}, delays {delays:?})"
        );
        imports = now;
    }
    eprintln!(
        "20 kills: {killed_while_running} hit a running import; {imports} imports completed; a full import took {full:?}"
    );
    assert!(
        killed_while_running >= 5,
        "enough kills hit a running import ({killed_while_running}/20; full import {full:?})"
    );
    // An import after all that completes, whole.
    assert!(import(&folders[imports % 2]).wait().unwrap().success());
    assert_eq!(check_after_kill(&db, keys, later), imports + 1);
    let store = SqliteStore::open(&data).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert!(!store.submissions(&Default::default()).unwrap().is_empty());
}

/// Text a user gives the command line (a note, an actor's name) that would
/// start a spreadsheet formula is written as text in every CSV the CLI
/// prints (issue 13 item 8); figures stay numbers.
#[test]
fn the_csv_output_never_carries_a_live_formula() {
    let tmp = tempfile::tempdir().unwrap();
    let data = seeded(tmp.path());
    let file = tmp.path().join("hn.csv");
    std::fs::write(
        &file,
        "period,area,unit_id,product,quantity\n2025-04,01,U1,COAL,12.5\n",
    )
    .unwrap();
    let evil_note = "=HYPERLINK(\"http://evil.example\",\"xem\")";
    let out = bin()
        .env("CONGTHUONG_ACTOR", "@SUM(1+1)")
        .arg("--data-dir")
        .arg(&data)
        .args([
            "import",
            "--province",
            "01",
            "--period",
            "2025-04",
            "--note",
            evil_note,
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    ok(&out);
    for args in [
        &["audit", "--limit", "5"][..],
        &["submissions", "--province", "01", "--period", "2025-04"][..],
    ] {
        let text = ok(&run(&data, args));
        let cells: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        for c in &cells {
            let live = matches!(c.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
                && !congthuong_core::spreadsheet::is_plain_number(c);
            assert!(!live, "{args:?}: a live formula {c:?} in\n{text}");
        }
        assert!(
            cells
                .iter()
                .any(|c| c.contains("'@SUM(1+1)") || c.contains("'=HYPERLINK")),
            "{args:?}: the text is kept, as text:\n{text}"
        );
    }
}
