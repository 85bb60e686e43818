//! The synthetic Vietnamese coffee chain of `tests/fixtures/vn-coffee`
//! (farm → hulling → roasting and bagging → pallet → export → Hamburg):
//! capture, trace through transformations and an aggregation, duplicate
//! capture, recall scope, integrity, error declarations. Every scenario
//! runs on both stores.

mod common;

use common::{fixture, read};
use congthuong_trace::genealogy::trace_many;
use congthuong_trace::{
    CaptureOutcome, Direction, Document, MemoryStore, RecallStatus, Relation, SqliteStore,
    Timestamp, TraceStore, identifier_key, integrity_report, recall_scope, trace,
};
use serde_json::Value;

const CHAIN: &[&str] = &[
    "01-farms.jsonld",
    "02-processing.jsonld",
    "03-export.jsonld",
    "04-abroad.jsonld",
];

const F1: &str = "urn:epc:class:lgtin:8930001.000001.F1-2025";
const F2: &str = "urn:epc:class:lgtin:8930002.000001.F2-2025";
const GREEN: &str = "urn:epc:class:lgtin:8930003.000001.GB-2025-001";
const PALLET: &str = "urn:epc:id:sscc:8930003.0000000001";
const FARM1: &str = "urn:epc:id:pgln:8930001.00000";
const FARM2: &str = "urn:epc:id:pgln:8930002.00000";
const ROASTER: &str = "urn:epc:id:pgln:8930004.00000";
const IMPORTER: &str = "urn:epc:id:pgln:4012345.00000";
const HAMBURG: &str = "urn:epc:id:sgln:4012345.00011.0";

fn bag(n: u32) -> String {
    format!("urn:epc:id:sgtin:8930003.000002.{n}")
}

fn doc(name: &str) -> Document {
    Document::parse(&read(&fixture(&format!("vn-coffee/{name}"))), name)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn chain<S: TraceStore>(mut store: S) -> S {
    for (i, name) in CHAIN.iter().enumerate() {
        store
            .capture(&doc(name), Timestamp::from_millis(1_000 * (i as i64 + 1)))
            .unwrap();
    }
    store
}

fn both(f: impl Fn(&mut dyn TraceStore)) {
    f(&mut chain(MemoryStore::new()));
    f(&mut chain(SqliteStore::open_in_memory().unwrap()));
}

fn key(s: &str) -> String {
    identifier_key(s)
}

#[test]
fn the_whole_chain_is_captured() {
    both(|s| assert_eq!(s.len().unwrap(), 16));
}

#[test]
fn one_step_back_from_a_bag_gives_its_lot_and_its_pallet() {
    both(|s| {
        let t = trace(s, &bag(1003), Direction::Backward, Some(1)).unwrap();
        let mut got: Vec<(String, Relation)> =
            t.links.iter().map(|l| (l.to.clone(), l.relation)).collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            got,
            vec![
                (key(PALLET), Relation::PackedIn),
                (key(GREEN), Relation::MadeFrom)
            ]
        );
        assert!(t.truncated, "the chain goes further back");
    });
}

#[test]
fn the_whole_chain_back_reaches_both_farms() {
    both(|s| {
        let t = trace(s, &bag(1003), Direction::Backward, None).unwrap();
        assert!(!t.truncated);
        assert_eq!(t.node(F1).unwrap().depth, 2);
        assert_eq!(t.node(F2).unwrap().depth, 2);
        let parties = t.parties();
        for p in [FARM1, FARM2] {
            assert!(
                parties.contains(key(p).as_str()),
                "{p} missing from {parties:?}"
            );
        }
        // Other bags shared the pallet but are not this bag's origin.
        assert!(t.node(&bag(1004)).is_none());
    });
}

#[test]
fn forward_from_a_farm_lot_reaches_products_pallet_and_customers() {
    both(|s| {
        let t = trace(s, F1, Direction::Forward, None).unwrap();
        assert_eq!(t.node(GREEN).unwrap().depth, 1);
        for n in 1001..=1004 {
            assert_eq!(t.node(&bag(n)).unwrap().depth, 2, "bag {n}");
        }
        assert_eq!(t.node(PALLET).unwrap().depth, 3);
        assert!(
            t.node(F2).is_none(),
            "the other farm's lot is an input, not a product"
        );
        let parties = t.parties();
        for p in [ROASTER, IMPORTER] {
            assert!(
                parties.contains(key(p).as_str()),
                "{p} missing from {parties:?}"
            );
        }
        assert!(t.locations().contains(key(HAMBURG).as_str()));
    });
}

#[test]
fn urn_and_digital_link_spellings_meet() {
    both(|s| {
        // The export documents name the pallet only as Digital Links, one on a
        // brand domain; the trace from its URN finds those events.
        let t = trace(
            s,
            "https://id.gs1.org/00/089300030000000016",
            Direction::Forward,
            Some(0),
        )
        .unwrap();
        let steps: Vec<&str> = t.nodes[0]
            .movements
            .iter()
            .filter_map(|m| m.biz_step.as_deref())
            .collect();
        assert!(
            steps.iter().any(|b| b.ends_with("shipping"))
                && steps.iter().any(|b| b.ends_with("receiving")),
            "{steps:?}"
        );
        assert_eq!(
            t.nodes[0].movements.len(),
            5,
            "packing, shipping, receiving, invoice, unpacking"
        );
    });
}

#[test]
fn capturing_again_stores_nothing_new() {
    both(|s| {
        let before = s.len().unwrap();
        let report = s
            .capture(&doc("02-processing.jsonld"), Timestamp::from_millis(9_000))
            .unwrap();
        assert_eq!(report.count(CaptureOutcome::Duplicate), 6);
        assert_eq!(report.count(CaptureOutcome::New), 0);
        assert_eq!(s.len().unwrap(), before);
    });
}

/// The same events, respelled: URNs as Digital Links, fields in reverse
/// order, times in UTC. Still the same events.
#[test]
fn respelled_events_are_duplicates() {
    fn respell(v: &Value) -> Value {
        match v {
            Value::Object(o) => Value::Object(
                o.iter()
                    .rev()
                    .map(|(k, x)| (k.clone(), respell(x)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(respell).collect()),
            Value::String(s) if s.starts_with("urn:epc:") => {
                Value::String(congthuong_gs1::canonical_uri(s).unwrap_or_else(|| s.clone()))
            }
            Value::String(s) if s.starts_with("2025-") && s.ends_with("+07:00") => {
                Value::String(Timestamp::parse(s).unwrap().to_utc_string())
            }
            other => other.clone(),
        }
    }
    let original: Value =
        serde_json::from_str(&read(&fixture("vn-coffee/01-farms.jsonld"))).unwrap();
    let mut changed = respell(&original);
    changed["@context"] = original["@context"].clone();
    let text = serde_json::to_string_pretty(&changed).unwrap();
    assert_ne!(text, read(&fixture("vn-coffee/01-farms.jsonld")));
    let doc = Document::parse(&text, "respelled.json").unwrap();
    both(|s| {
        let report = s.capture(&doc, Timestamp::from_millis(9_000)).unwrap();
        assert_eq!(report.count(CaptureOutcome::Duplicate), 4, "{report:?}");
    });
}

#[test]
fn recall_of_a_farm_lot() {
    both(|s| {
        let scope = recall_scope(s, &[F1]).unwrap();
        let status = |id: &str| {
            scope
                .items
                .iter()
                .find(|i| i.key == key(id))
                .map(|i| i.status)
        };
        assert_eq!(status(F1), Some(RecallStatus::AtRisk));
        assert_eq!(status(GREEN), Some(RecallStatus::AtRisk));
        assert_eq!(status(&bag(1001)), Some(RecallStatus::Sold));
        assert_eq!(status(&bag(1002)), Some(RecallStatus::Destroyed));
        assert_eq!(status(&bag(1003)), Some(RecallStatus::AtRisk));
        assert_eq!(status(PALLET), Some(RecallStatus::AtRisk));
        assert_eq!(status(F2), None, "the other farm's lot is not downstream");
        assert_eq!(scope.items.len(), 7);
        // The green beans partly went to the roaster; the bags are in Hamburg.
        let holder = |k: &str| {
            scope
                .holders
                .iter()
                .find(|h| h.key == key(k))
                .map(|h| h.items.clone())
                .unwrap_or_default()
        };
        assert_eq!(holder(ROASTER), vec![key(GREEN)]);
        let in_hamburg = holder(HAMBURG);
        assert!(in_hamburg.contains(&key(&bag(1003))) && in_hamburg.contains(&key(&bag(1001))));
        assert!(
            !in_hamburg.contains(&key(&bag(1002))),
            "destroyed: nothing to recall"
        );
        // The holder comes from the latest event naming one: the receipt in Hamburg.
        assert!(holder(IMPORTER).contains(&key(&bag(1003))));
        assert_eq!(
            holder("urn:epc:id:pgln:8930003.00000"),
            vec![key(F1)],
            "the farm lot was received by the processor"
        );
    });
}

#[test]
fn the_chain_has_no_gaps_and_the_gaps_document_has_two() {
    both(|s| {
        let clean = integrity_report(s).unwrap();
        assert!(clean.is_clean(), "{clean:?}");
        assert_eq!(clean.events_checked, 16);
        s.capture(&doc("gaps.jsonld"), Timestamp::from_millis(9_000))
            .unwrap();
        let r = integrity_report(s).unwrap();
        assert_eq!(
            r.received_without_source.len(),
            1,
            "a source location alone names no supplier"
        );
        assert_eq!(r.shipped_without_destination.len(), 1);
        assert_eq!(
            r.without_origin,
            vec![key("urn:epc:class:lgtin:8930005.000001.PEP-01")]
        );
    });
}

#[test]
fn an_error_declaration_takes_the_event_out_of_trace_and_recall() {
    both(|s| {
        let report = s
            .capture(&doc("correction.jsonld"), Timestamp::from_millis(9_000))
            .unwrap();
        assert_eq!(report.count(CaptureOutcome::ErrorDeclared), 1);
        assert_eq!(
            s.len().unwrap(),
            16,
            "the stored event is kept, not replaced"
        );
        let t = trace(s, GREEN, Direction::Forward, Some(0)).unwrap();
        assert!(!t.parties().contains(key(ROASTER).as_str()));
        let scope = recall_scope(s, &[F1]).unwrap();
        assert!(scope.holders.iter().all(|h| h.key != key(ROASTER)));
        // Declaring again changes nothing.
        let again = s
            .capture(&doc("correction.jsonld"), Timestamp::from_millis(9_500))
            .unwrap();
        assert_eq!(again.count(CaptureOutcome::Duplicate), 1);
    });
}

#[test]
fn tracing_from_several_lots_at_once() {
    both(|s| {
        let t = trace_many(s, &[F1, F2], Direction::Forward, Some(1)).unwrap();
        assert_eq!(t.nodes.iter().filter(|n| n.depth == 0).count(), 2);
        assert_eq!(
            t.nodes.iter().filter(|n| n.depth == 1).count(),
            1,
            "both make the same green beans"
        );
    });
}

#[test]
fn unknown_and_malformed_identifiers_are_refused() {
    both(|s| {
        let e = trace(
            s,
            "urn:epc:id:sgtin:8930003.000002.9999",
            Direction::Backward,
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("no captured event names it"), "{e}");
        let e = trace(
            s,
            "https://id.gs1.org/01/08930003000024/21/1001",
            Direction::Backward,
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("check digit"), "{e}");
        assert!(e.is_user_error());
    });
}
