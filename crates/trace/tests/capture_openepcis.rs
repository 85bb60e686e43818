//! Capture against the openepcis test documents (copied, Apache-2.0): the
//! ten valid ones are accepted by both stores, the ten invalid ones are
//! refused with a reason naming what is wrong and where, and a refused
//! document leaves the store as it was.

mod common;

use common::{fixture, read};
use congthuong_trace::{
    CaptureOutcome, Document, Error, MemoryStore, SqliteStore, Timestamp, TraceStore,
};

const VALID: &[(&str, usize)] = &[
    ("ObjectEvent.json", 2),
    ("AggregationEvent.json", 1),
    ("TransformationEvent.json", 1),
    ("TransactionEvent.json", 2),
    ("AssociationEvent.json", 2),
    ("Combination_of_different_event.json", 6),
    ("ObjectEvent_with_digitalLink.json", 1),
    ("epcisDocWithAllGS1Keys.json", 1),
    ("CurieString_document.json", 1),
    ("JumbledFieldsOrder.json", 1),
];

/// Each invalid file, the JSON path of the offending value, and words the
/// reason must contain.
const INVALID: &[(&str, &str, &str)] = &[
    (
        "EPCISDocument_without_context.json",
        "(document)",
        "\"@context\" is missing",
    ),
    (
        "ObjectEvent_with_invalid_action.json",
        "epcisBody.eventList[0].action",
        "not one of OBSERVE, ADD, DELETE",
    ),
    (
        "ObjectEvent_with_invalid_eventTime_format.json",
        "epcisBody.eventList[0].eventTime",
        "not a date-time",
    ),
    (
        "ObjectEvent_with_non_standard_bizStep.json",
        "epcisBody.eventList[0].bizStep",
        "\"transforming\" is neither a CBV business step nor a URI",
    ),
    (
        "ObjectEvent_with_non_standard_disposition.json",
        "epcisBody.eventList[0].disposition",
        "nearest: in_transit",
    ),
    (
        "ObjectEvent_with_quantity_as_text.json",
        "epcisBody.eventList[0].quantityList[0].quantity",
        "\"twenty\" is not a number",
    ),
    (
        "ObjectEvent_with_unknown_field_in_quantityList.json",
        "epcisBody.eventList[0].quantityList[0].weight",
        "unknown field \"weight\"",
    ),
    (
        "ObjectEvent_without_action_and_eventTime.json",
        "epcisBody.eventList[0]",
        "\"action\" is missing",
    ),
    (
        "ObjectEvent_without_identifier_list.json",
        "epcisBody.eventList[0]",
        "needs an \"epcList\" or a \"quantityList\"",
    ),
    (
        "ObjectEvent_with_ilmd_field_without_namespace.json",
        "epcisBody.eventList[0].ilmd.materialType",
        "needs a namespace prefix",
    ),
];

fn parse(dir: &str, name: &str) -> Result<Document, Error> {
    let path = fixture(&format!("openepcis/{dir}/{name}"));
    Document::parse(&read(&path), name)
}

#[test]
fn valid_documents_are_accepted_by_both_stores() {
    for (name, events) in VALID {
        let doc = parse("valid", name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.events.len(), *events, "{name}");
        let mut memory = MemoryStore::new();
        let mut sqlite = SqliteStore::open_in_memory().unwrap();
        let a = memory.capture(&doc, Timestamp::from_millis(1)).unwrap();
        let b = sqlite.capture(&doc, Timestamp::from_millis(1)).unwrap();
        assert_eq!(a.events, b.events, "{name}: both stores report the same");
        assert_eq!(a.count(CaptureOutcome::New), *events, "{name}");
    }
}

#[test]
fn invalid_documents_are_refused_with_the_reason_and_where() {
    for (name, path, words) in INVALID {
        let err = parse("invalid", name).expect_err(name);
        let Error::Invalid {
            problems,
            source_name,
        } = &err
        else {
            panic!("{name}: {err}")
        };
        assert_eq!(source_name, name);
        let hit = problems
            .iter()
            .find(|p| p.path == *path && p.reason.contains(words));
        let Some(p) = hit else {
            panic!("{name}: no problem at {path} saying {words:?}; got:\n{err}")
        };
        assert!(err.is_user_error());
        if *path != "(document)" {
            assert!(
                p.line.is_some() && p.column.is_some(),
                "{name}: {p:?} has no position"
            );
        }
    }
}

#[test]
fn missing_action_and_time_are_all_reported() {
    let err = parse("invalid", "ObjectEvent_without_action_and_eventTime.json")
        .unwrap_err()
        .to_string();
    for field in ["action", "eventTime", "eventTimeZoneOffset"] {
        assert!(err.contains(&format!("\"{field}\" is missing")), "{err}");
    }
}

#[test]
fn problems_name_line_and_column() {
    // `"action": "CREATE"` is on line 14 of the file, its value at column 13.
    let err = parse("invalid", "ObjectEvent_with_invalid_action.json")
        .unwrap_err()
        .to_string();
    let text = read(&fixture(
        "openepcis/invalid/ObjectEvent_with_invalid_action.json",
    ));
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("CREATE"))
        .unwrap();
    let column = line.find("\"CREATE\"").unwrap() + 1;
    assert!(
        err.contains(&format!("line {}, column {column}", line_no + 1)),
        "{err}"
    );
}

#[test]
fn not_json_names_line_and_column() {
    let err =
        Document::parse("{\n  \"type\": \"EPCISDocument\",\n  oops\n}", "bad.json").unwrap_err();
    assert!(matches!(err, Error::Json { line: 3, .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with("bad.json: not valid JSON: line 3"),
        "{err}"
    );
}
