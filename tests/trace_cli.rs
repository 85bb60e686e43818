//! Runs the real `congthuong` binary on the traceability commands: the
//! synthetic coffee chain of `crates/trace/tests/fixtures/vn-coffee`
//! captured into a temporary data folder, then traced, recalled, checked
//! and queried; GS1 identifiers checked and converted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/trace/tests/fixtures")
        .join(name)
}

fn run(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the binary runs")
}

fn gs1(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congthuong"))
        .arg("gs1")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn rows(out: &Output) -> Vec<csv::StringRecord> {
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    csv::Reader::from_reader(&out.stdout[..])
        .records()
        .map(Result::unwrap)
        .collect()
}

/// A data folder with the four chain documents captured.
fn captured() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = [
        "01-farms.jsonld",
        "02-processing.jsonld",
        "03-export.jsonld",
        "04-abroad.jsonld",
    ]
    .iter()
    .map(|f| fixture(&format!("vn-coffee/{f}")).display().to_string())
    .collect();
    let mut args = vec!["trace", "capture"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args, dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).matches("new, 0 duplicates").count(),
        4,
        "{}",
        text(&out.stdout)
    );
    dir
}

#[test]
fn capture_twice_reports_duplicates() {
    let dir = captured();
    let doc = fixture("vn-coffee/02-processing.jsonld");
    let out = run(
        &["trace", "capture", doc.to_str().unwrap(), "--events"],
        dir.path(),
    );
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("6 events (0 new, 6 duplicates, 0 error declarations)"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches(",duplicate,ni:///sha-256;").count(),
        6,
        "{stdout}"
    );
}

#[test]
fn one_step_back_and_the_whole_chain() {
    let dir = captured();
    let one = rows(&run(
        &[
            "trace",
            "backward",
            "urn:epc:id:sgtin:8930003.000002.1003",
            "--depth",
            "1",
        ],
        dir.path(),
    ));
    let reached: Vec<(&str, &str)> = one
        .iter()
        .filter(|r| &r[0] == "1")
        .map(|r| (&r[1], &r[2]))
        .collect();
    assert!(
        reached.contains(&(
            "https://id.gs1.org/01/08930003000016/10/GB-2025-001",
            "made_from"
        )),
        "{reached:?}"
    );
    assert!(
        reached.contains(&("https://id.gs1.org/00/089300030000000016", "packed_in")),
        "{reached:?}"
    );
    assert!(one.iter().all(|r| &r[0] != "2"));
    // Local times are shown with the event's offset.
    assert!(one.iter().any(|r| &r[4] == "2025-11-15T10:00:00.000+07:00"));
    let all = rows(&run(
        &[
            "trace",
            "backward",
            "https://id.gs1.org/01/08930003000023/21/1003",
        ],
        dir.path(),
    ));
    for farm in [
        "https://id.gs1.org/01/08930001000018/10/F1-2025",
        "https://id.gs1.org/01/08930002000017/10/F2-2025",
    ] {
        assert!(all.iter().any(|r| &r[0] == "2" && &r[1] == farm), "{farm}");
    }
    let json = run(
        &[
            "trace",
            "forward",
            "urn:epc:class:lgtin:8930001.000001.F1-2025",
            "--format",
            "json",
        ],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 7);
}

#[test]
fn recall_lists_status_and_holders() {
    let dir = captured();
    let out = run(
        &[
            "trace",
            "recall",
            "urn:epc:class:lgtin:8930001.000001.F1-2025",
        ],
        dir.path(),
    );
    let items = rows(&out);
    let status = |id: &str| items.iter().find(|r| &r[1] == id).map(|r| r[3].to_owned());
    assert_eq!(
        status("https://id.gs1.org/01/08930003000023/21/1002").as_deref(),
        Some("destroyed")
    );
    assert_eq!(
        status("https://id.gs1.org/01/08930003000023/21/1001").as_deref(),
        Some("sold")
    );
    assert_eq!(
        status("https://id.gs1.org/01/08930003000016/10/GB-2025-001").as_deref(),
        Some("at_risk")
    );
    assert!(
        text(&out.stderr).contains("7 identifiers in scope, 6 to act on"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn integrity_reports_the_gaps() {
    let dir = captured();
    assert!(rows(&run(&["trace", "integrity"], dir.path())).is_empty());
    let gaps = fixture("vn-coffee/gaps.jsonld");
    assert!(
        run(&["trace", "capture", gaps.to_str().unwrap()], dir.path())
            .status
            .success()
    );
    let problems: Vec<String> = rows(&run(&["trace", "integrity"], dir.path()))
        .iter()
        .map(|r| r[0].to_owned())
        .collect();
    assert_eq!(
        problems,
        [
            "received_without_source",
            "shipped_without_destination",
            "without_origin"
        ]
    );
}

#[test]
fn query_by_common_parameters() {
    let dir = captured();
    let shipping = rows(&run(
        &[
            "trace",
            "query",
            "EQ_bizStep=shipping",
            "MATCH_anyEPCClass=urn:epc:idpat:sgtin:8930001.000001.*",
        ],
        dir.path(),
    ));
    assert_eq!(shipping.len(), 1);
    let out = run(&["trace", "query", "EQ_bizstep=shipping"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("query parameter EQ_bizstep"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_malformed_document_is_refused_with_line_and_column_and_nothing_stored() {
    let dir = captured();
    let bad = fixture("openepcis/invalid/ObjectEvent_with_non_standard_bizStep.json");
    let good = fixture("openepcis/valid/ObjectEvent.json");
    // A good file before a bad one: neither is stored.
    let out = run(
        &[
            "trace",
            "capture",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("line 18, column 14, epcisBody.eventList[0].bizStep"),
        "{err}"
    );
    assert!(err.contains("nearest: transporting"), "{err}");
    let events = rows(&run(&["trace", "query"], dir.path()));
    assert_eq!(events.len(), 16);
}

#[test]
fn reading_without_a_store_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["trace", "integrity"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("capture a document first"));
    let out = run(
        &["trace", "backward", "urn:epc:id:sgtin:8930003.000002.1003"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn hash_prints_the_reference_hash() {
    let dir = tempfile::tempdir().unwrap();
    let doc = fixture("epcis-event-hash-generator/ReferenceEventHashAlgorithm.jsonld");
    let out = run(&["trace", "hash", doc.to_str().unwrap()], dir.path());
    let expected = std::fs::read_to_string(fixture(
        "epcis-event-hash-generator/ReferenceEventHashAlgorithm.hashes",
    ))
    .unwrap();
    assert_eq!(&rows(&out)[0][2], expected.trim());
}

#[test]
fn gs1_check_and_convert() {
    let ok = gs1(&["check", "8934567000017"]);
    assert!(ok.status.success());
    assert!(
        text(&ok.stdout).contains("GS1 prefix 893 (GS1 Vietnam)"),
        "{}",
        text(&ok.stdout)
    );
    let bad = gs1(&["check", "8934567000018"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("incorrect check digit 8, expected 7"));
    let dl = gs1(&["convert", "urn:epc:id:sgtin:8930003.000002.1001"]);
    assert_eq!(
        text(&dl.stdout).trim(),
        "https://id.gs1.org/01/08930003000023/21/1001"
    );
    let urn = gs1(&[
        "convert",
        "https://shop.example.vn/01/08930003000023/21/1001",
        "--gcp",
        "7",
    ]);
    assert_eq!(
        text(&urn.stdout).trim(),
        "urn:epc:id:sgtin:8930003.000002.1001"
    );
    let no_gcp = gs1(&["convert", "https://id.gs1.org/01/08930003000023/21/1001"]);
    assert_eq!(no_gcp.status.code(), Some(1));
    assert!(text(&no_gcp.stderr).contains("--gcp"));
    let malformed = gs1(&["convert", "urn:epc:id:sgtin:893000.000002"]);
    assert_eq!(malformed.status.code(), Some(1));
}

#[test]
fn captures_live_in_the_main_database_with_their_audit_entries() {
    let dir = tempfile::tempdir().unwrap();
    let doc = fixture("vn-coffee/01-farms.jsonld");
    let out = run(
        &["trace", "capture", doc.to_str().unwrap(), "--actor", "lan"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !dir.path().join("trace.db").exists(),
        "no separate trace database any more"
    );
    let db = rusqlite::Connection::open(dir.path().join("congthuong.sqlite3")).unwrap();
    let events: i64 = db
        .query_row("SELECT count(*) FROM trace_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 4);
    let (actor, object, hash, detail): (String, String, String, String) = db
        .query_row(
            "SELECT actor, object, hash_after, detail FROM audit_log WHERE action = 'epcis.capture'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(actor, "lan");
    assert_eq!(object, "trace_captures/1");
    use sha2::Digest;
    let expected: String = sha2::Sha256::digest(std::fs::read(&doc).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hash, expected, "the document's content hash");
    assert!(detail.contains("4 events (4 new"), "{detail}");
}
