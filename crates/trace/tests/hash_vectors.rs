//! The event hash ID against every vector of RalphTro/epcis-event-hash-
//! generator (copied into `tests/fixtures/epcis-event-hash-generator`,
//! MIT): six documents, 20 events, each `.hashes` line in document order;
//! the `.prehashes` lines are compared too, so a failure shows where the
//! canonical strings part.

use std::path::Path;

use congthuong_trace::context::Namespaces;
use congthuong_trace::hash::{event_hash, prehash};
use serde_json::Value;

fn dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/epcis-event-hash-generator"
    ))
}

fn check(name: &str) -> usize {
    let text = std::fs::read_to_string(dir().join(format!("{name}.jsonld"))).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let ns = Namespaces::from_context(&doc["@context"]);
    let events = doc["epcisBody"]["eventList"].as_array().unwrap();
    let hashes: Vec<String> = std::fs::read_to_string(dir().join(format!("{name}.hashes")))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let prehashes: Option<Vec<String>> =
        std::fs::read_to_string(dir().join(format!("{name}.prehashes")))
            .ok()
            .map(|t| t.lines().map(str::to_owned).collect());
    assert_eq!(events.len(), hashes.len(), "{name}: one hash per event");
    for (i, e) in events.iter().enumerate() {
        let obj = e.as_object().unwrap();
        let ours = prehash(obj, &ns);
        if let Some(pre) = &prehashes {
            assert_eq!(ours, pre[i], "{name} event {i}: pre-hash strings differ");
        }
        assert_eq!(
            event_hash(obj, &ns),
            hashes[i],
            "{name} event {i}: hash differs; our pre-hash:\n{ours}"
        );
    }
    events.len()
}

#[test]
fn reference_example_1_object_event_with_nested_extensions() {
    assert_eq!(check("ReferenceEventHashAlgorithm"), 1);
}

#[test]
fn reference_example_2_sensor_data() {
    assert_eq!(check("ReferenceEventHashAlgorithm2"), 1);
}

#[test]
fn reference_example_3_transactions_sources_destinations() {
    assert_eq!(check("ReferenceEventHashAlgorithm3"), 1);
}

#[test]
fn sub_millisecond_timestamps_round_half_up() {
    assert_eq!(check("TimeStampRoundOff"), 3);
}

#[test]
fn every_gs1_key_is_normalised() {
    assert_eq!(check("epcisDocWithAllGS1Keys"), 1);
}

#[test]
fn all_event_types() {
    assert_eq!(check("epcisDocWithVariousEventTypes"), 13);
}
