//! Queries by the SimpleEventQuery parameters, the same answers from the
//! in-memory and SQLite stores, and the SQLite store's own duties:
//! migrations, reopening a file, all-or-nothing capture, eventID
//! conflicts.

mod common;

use common::{fixture, read};
use congthuong_trace::store::sqlite::migrate;
use congthuong_trace::{
    Document, Error, MemoryStore, SimpleEventQuery, SqliteStore, StoredEvent, Timestamp, TraceStore,
};

const CHAIN: &[&str] = &[
    "01-farms.jsonld",
    "02-processing.jsonld",
    "03-export.jsonld",
    "04-abroad.jsonld",
];

fn doc(path: &str) -> Document {
    Document::parse(&read(&fixture(path)), path).unwrap_or_else(|e| panic!("{e}"))
}

fn load<S: TraceStore>(mut s: S) -> S {
    for (i, name) in CHAIN.iter().enumerate() {
        s.capture(
            &doc(&format!("vn-coffee/{name}")),
            Timestamp::from_millis(1_000 * (i as i64 + 1)),
        )
        .unwrap();
    }
    s.capture(
        &doc("openepcis/valid/Combination_of_different_event.json"),
        Timestamp::from_millis(5_000),
    )
    .unwrap();
    s
}

fn q(params: &[(&str, &str)]) -> SimpleEventQuery {
    SimpleEventQuery::from_params(params.iter().copied()).unwrap()
}

fn hashes(events: &[StoredEvent]) -> Vec<String> {
    events.iter().map(|e| e.event.hash.clone()).collect()
}

/// (query, expected number of events) over the coffee chain plus the
/// openepcis combination document (22 events).
const CASES: &[(&[(&str, &str)], usize)] = &[
    (&[], 22),
    (&[("eventType", "TransformationEvent")], 3),
    (&[("eventType", "AggregationEvent|AssociationEvent")], 5),
    (&[("EQ_bizStep", "shipping")], 4),
    (
        &[(
            "EQ_bizStep",
            "https://ref.gs1.org/cbv/BizStep-shipping|receiving",
        )],
        7,
    ),
    (&[("EQ_bizStep", "urn:epcglobal:cbv:bizstep:receiving")], 3),
    (&[("EQ_disposition", "in_transit")], 4),
    (&[("EQ_action", "DELETE")], 4),
    (
        &[
            ("GE_eventTime", "2025-11-10T00:00:00+07:00"),
            ("LT_eventTime", "2025-12-01T00:00:00Z"),
        ],
        5,
    ),
    (&[("GE_recordTime", "1970-01-01T00:00:04Z")], 9),
    (
        &[("EQ_bizLocation", "https://id.gs1.org/414/4012345000115")],
        5,
    ),
    (&[("EQ_readPoint", "urn:epc:id:sgln:8930001.00001.0")], 2),
    (
        &[("MATCH_epc", "https://id.gs1.org/00/089300030000000016")],
        3,
    ),
    (
        &[("MATCH_parentID", "urn:epc:id:sscc:8930003.0000000001")],
        2,
    ),
    (&[("MATCH_anyEPC", "urn:epc:id:sscc:8930003.0000000001")], 5),
    (&[("MATCH_epc", "urn:epc:idpat:sgtin:8930003.000002.*")], 4),
    (
        &[("MATCH_outputEPC", "urn:epc:id:sgtin:8930003.000002.1004")],
        1,
    ),
    (
        &[(
            "MATCH_epcClass",
            "urn:epc:class:lgtin:8930001.000001.F1-2025",
        )],
        3,
    ),
    (
        &[(
            "MATCH_inputEPCClass",
            "https://id.gs1.org/01/08930003000016",
        )],
        1,
    ),
    (
        &[("MATCH_anyEPCClass", "urn:epc:idpat:sgtin:8930003.000001.*")],
        3,
    ),
    (
        &[(
            "MATCH_anyEPCClass",
            "urn:epc:class:lgtin:4012345.011111.4444",
        )],
        1,
    ),
    (
        &[("EQ_persistentDisposition_set", "completeness_verified")],
        1,
    ),
    (&[("EXISTS_errorDeclaration", "true")], 1),
    (&[("EQ_errorReason", "incorrect_data")], 1),
    (
        &[(
            "EQ_eventID",
            "urn:uuid:fd338495-0e6d-41dd-afee-a862ecd32518",
        )],
        1,
    ),
    (&[("GT_quantity", "1000")], 7),
    (&[("LE_quantity", "3"), ("GE_quantity", "2")], 1),
    (
        &[
            ("eventType", "ObjectEvent"),
            ("EQ_bizStep", "receiving"),
            ("MATCH_epc", "urn:epc:id:sscc:8930003.0000000001"),
        ],
        1,
    ),
    (
        &[
            ("orderBy", "eventTime"),
            ("orderDirection", "DESC"),
            ("eventCountLimit", "2"),
        ],
        2,
    ),
];

#[test]
fn every_parameter_filters_and_both_stores_agree() {
    let memory = load(MemoryStore::new());
    let sqlite = load(SqliteStore::open_in_memory().unwrap());
    let mut wrong = Vec::new();
    for (params, expected) in CASES {
        let query = q(params);
        let a = memory.query(&query).unwrap();
        let b = sqlite.query(&query).unwrap();
        if a.len() != *expected {
            wrong.push(format!(
                "{params:?}: {} events, expected {expected}",
                a.len()
            ));
        }
        assert_eq!(hashes(&a), hashes(&b), "{params:?}: the stores disagree");
        assert!(a.iter().all(|e| query.matches(e)));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn eq_event_id_finds_an_event_by_its_hash() {
    let s = load(SqliteStore::open_in_memory().unwrap());
    let all = s.query(&SimpleEventQuery::default()).unwrap();
    let h = all[7].event.hash.clone();
    assert_eq!(
        hashes(&s.query(&q(&[("EQ_eventID", &h)])).unwrap()),
        vec![h]
    );
}

#[test]
fn results_are_in_time_order_and_descending_reverses() {
    let s = load(MemoryStore::new());
    let asc = s.query(&SimpleEventQuery::default()).unwrap();
    assert!(
        asc.windows(2)
            .all(|w| w[0].event.event_time <= w[1].event.event_time)
    );
    let desc = s.query(&q(&[("orderDirection", "DESC")])).unwrap();
    assert_eq!(
        hashes(&desc).into_iter().rev().collect::<Vec<_>>(),
        hashes(&asc)
    );
}

#[test]
fn bad_parameters_are_refused_by_name() {
    for (name, value, words) in [
        ("EQ_bizstep", "shipping", "unknown or unsupported"),
        ("GE_eventTime", "yesterday", "not a date-time"),
        ("EQ_action", "CREATE", "not ADD, OBSERVE or DELETE"),
        ("eventType", "PalletEvent", "not an event type"),
        ("GT_quantity", "many", "not a number"),
        (
            "WD_bizLocation",
            "urn:epc:id:sgln:8930003.00001.0",
            "unknown or unsupported",
        ),
    ] {
        let e = SimpleEventQuery::from_params([(name, value)]).unwrap_err();
        assert!(
            matches!(e, Error::Query { .. })
                && e.to_string().contains(name)
                && e.to_string().contains(words),
            "{e}"
        );
    }
    let s = load(MemoryStore::new());
    let e = s.query(&q(&[("maxEventCount", "3")])).unwrap_err();
    assert!(
        e.to_string().contains("22 events match, more than 3"),
        "{e}"
    );
}

#[test]
fn a_database_file_keeps_its_events_and_migrations_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trace.db");
    {
        let s = load(SqliteStore::open(&path).unwrap());
        assert_eq!(s.len().unwrap(), 22);
        migrate(s.connection()).unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.len().unwrap(), 22);
    let versions: i64 = s
        .connection()
        .query_row("SELECT count(*) FROM trace_schema_migrations", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(versions, 1);
    // Every table the store made carries the prefix.
    let mut stmt = s
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(names.iter().all(|n| n.starts_with("trace_")), "{names:?}");
}

#[test]
fn a_conflicting_event_id_refuses_the_whole_document() {
    let text = read(&fixture(
        "openepcis/valid/Combination_of_different_event.json",
    ));
    for mut s in [
        Box::new(MemoryStore::new()) as Box<dyn TraceStore>,
        Box::new(SqliteStore::open_in_memory().unwrap()),
    ] {
        s.capture(
            &Document::parse(&text, "a.json").unwrap(),
            Timestamp::from_millis(1),
        )
        .unwrap();
        let before = s.len().unwrap();
        // The same eventID on different content, after a new event that
        // would otherwise be stored.
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let events = v["epcisBody"]["eventList"].as_array_mut().unwrap();
        let mut changed = events[5].clone();
        changed["readPoint"]["id"] = "urn:epc:id:sgln:4012345.00099.0".into();
        let mut fresh = events[0].clone();
        fresh["eventTime"] = "2030-01-01T00:00:00Z".into();
        *events = vec![fresh, changed];
        let doc = Document::parse(&v.to_string(), "b.json").unwrap();
        let e = s.capture(&doc, Timestamp::from_millis(2)).unwrap_err();
        assert!(
            e.to_string()
                .contains("already names a different stored event"),
            "{e}"
        );
        assert!(
            e.to_string().contains("epcisBody.eventList[1].eventID"),
            "{e}"
        );
        assert_eq!(
            s.len().unwrap(),
            before,
            "nothing of a refused document is stored"
        );
    }
}

#[test]
fn the_same_event_id_twice_in_one_document_is_refused() {
    let text = read(&fixture(
        "openepcis/valid/Combination_of_different_event.json",
    ));
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let events = v["epcisBody"]["eventList"].as_array_mut().unwrap();
    events[0]["eventID"] = "urn:uuid:fd338495-0e6d-41dd-afee-a862ecd32518".into();
    let e = Document::parse(&v.to_string(), "c.json").unwrap_err();
    assert!(e.to_string().contains("is also given to event 0"), "{e}");
}

#[test]
fn the_sqlite_store_keeps_documents_and_events_exactly_as_received() {
    let path = "vn-coffee/01-farms.jsonld";
    let text = read(&fixture(path));
    let mut s = SqliteStore::open_in_memory().unwrap();
    s.capture(&doc(path), Timestamp::from_millis(1)).unwrap();
    let stored: String = s
        .connection()
        .query_row("SELECT document_text FROM trace_captures", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, text);
    let events = s.query(&SimpleEventQuery::default()).unwrap();
    for e in &events {
        assert!(
            text.contains(&e.event.text),
            "not a verbatim slice: {}",
            e.event.text
        );
        assert!(
            e.event.text.starts_with('{') && e.event.text.contains("\n"),
            "the original layout is kept"
        );
    }
    assert!(
        events
            .iter()
            .any(|e| e.event.text.contains("\"vnx:province\": \"Đắk Lắk\""))
    );
}

#[test]
fn capture_with_commits_the_callers_write_with_the_events_or_neither() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    s.connection()
        .execute_batch("CREATE TABLE audit_log (object TEXT NOT NULL)")
        .unwrap();
    let farms = doc("vn-coffee/01-farms.jsonld");
    // The caller's write fails: nothing of the capture is kept.
    let e = s
        .capture_with(&farms, Timestamp::from_millis(1), |conn, _| {
            conn.execute("INSERT INTO audit_log (object) VALUES ('x')", [])?;
            Err(Error::Store("the audit sink refused".into()))
        })
        .unwrap_err();
    assert!(e.to_string().contains("refused"), "{e}");
    assert_eq!(s.len().unwrap(), 0);
    let audit = |s: &SqliteStore| -> i64 {
        s.connection()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(audit(&s), 0);
    // It succeeds: both are kept, and the caller saw the report.
    let r = s
        .capture_with(&farms, Timestamp::from_millis(2), |conn, report| {
            conn.execute(
                "INSERT INTO audit_log (object) VALUES (?1)",
                [format!("trace_captures/{}", report.capture_id)],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(s.len().unwrap(), r.events.len());
    assert_eq!(audit(&s), 1);
}

#[test]
fn identifiers_under_a_gtin_are_its_lots_and_serials() {
    let s = load(SqliteStore::open_in_memory().unwrap());
    let roasted = s
        .identifiers_under("https://id.gs1.org/01/08930003000023/", 100)
        .unwrap();
    assert_eq!(
        roasted,
        (1001..=1004)
            .map(|n| format!("https://id.gs1.org/01/08930003000023/21/{n}"))
            .collect::<Vec<_>>()
    );
    let green = s
        .identifiers_under("https://id.gs1.org/01/08930003000016/10/", 100)
        .unwrap();
    assert_eq!(
        green,
        vec!["https://id.gs1.org/01/08930003000016/10/GB-2025-001"]
    );
    assert_eq!(
        s.identifiers_under("https://id.gs1.org/01/0893", 2)
            .unwrap()
            .len(),
        2,
        "the limit holds"
    );
}
