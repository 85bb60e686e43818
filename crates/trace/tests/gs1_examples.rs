//! The 15 GS1 example documents (gs1/EPCIS, no open licence): read from
//! the shared fixtures, never copied here. Each must be accepted; their
//! hashes are compared with what the reference implementation computes
//! for them (`computed_reference_hashes.tsv`, a secondary check); and the
//! trace cases T1 (transformation) and T3 (aggregation) run on them.
//! Without `../shared` every test here says SKIPPED and passes.

mod common;

use common::{read, shared_trace_dir, skip};
use congthuong_trace::context::Namespaces;
use congthuong_trace::hash::event_hash;
use congthuong_trace::{Direction, Document, MemoryStore, Relation, Timestamp, TraceStore, trace};
use serde_json::Value;

const FILES: &[&str] = &[
    "Example_9.6.1-ObjectEvent.jsonld",
    "Example_9.6.2-ObjectEvent.jsonld",
    "Example_9.6.3-AggregationEvent.jsonld",
    "Example_9.6.4-TransformationEvent.jsonld",
    "AssociationEvent/AssociationEvent-a.jsonld",
    "AssociationEvent/AssociationEvent-b.jsonld",
    "AssociationEvent/AssociationEvent-c.jsonld",
    "AssociationEvent/AssociationEvent-d.jsonld",
    "AssociationEvent/AssociationEvent-e.jsonld",
    "AssociationEvent/AssociationEvent-f.jsonld",
    "AssociationEvent/AssociationEvent-g.jsonld",
    "AssociationEvent/AssociationEvent-h.jsonld",
    "WithFullCombinationOfFields/aggregation_event_all_possible_fields.jsonld",
    "WithFullCombinationOfFields/object_event_all_possible_fields.jsonld",
    "WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld",
];

#[test]
fn every_gs1_example_is_accepted_and_captured() {
    let Some(dir) = shared_trace_dir() else {
        return skip("every_gs1_example_is_accepted_and_captured");
    };
    let mut store = MemoryStore::new();
    let mut total = 0;
    for f in FILES {
        let doc = Document::parse(&read(&dir.join("gs1-epcis").join(f)), f)
            .unwrap_or_else(|e| panic!("{e}"));
        total += doc.events.len();
        store.capture(&doc, Timestamp::from_millis(0)).unwrap();
    }
    assert_eq!(total, 16);
    // AssociationEvent-d and -g are the same event (g declares d in error).
    assert_eq!(store.len().unwrap(), 15);
}

/// Where the shared table (computed with the reference at snapshot
/// 5d2f1c3) and the reference as published on PyPI
/// (`epcis-event-hash-generator` 1.9.3, run offline on the same file)
/// disagree with each other, we follow 1.9.3, which also reproduces every
/// `.hashes` vector; the 5d2f1c3 code for the difference is not available.
const PYPI_1_9_3: &[(&str, &str)] = &[(
    "gs1-epcis/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld",
    "ni:///sha-256;26ee693d4d18bae84963f0cbb7a6d2ec897039516852edf138228df32cee956e?ver=CBV2.0",
)];

#[test]
fn hashes_agree_with_the_reference_implementation() {
    let Some(dir) = shared_trace_dir() else {
        return skip("hashes_agree_with_the_reference_implementation");
    };
    let table = read(&dir.join("computed_reference_hashes.tsv"));
    let mut compared = 0;
    let mut differences = Vec::new();
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, index, table) = (cols[0], cols[1].parse::<usize>().unwrap(), cols[3]);
        let expected = PYPI_1_9_3
            .iter()
            .find(|(f, _)| *f == file)
            .map_or(table, |(_, h)| *h);
        if expected.starts_with("ERROR") {
            continue; // the reference's JSON-LD processor refused the document; nothing to compare
        }
        let Some(rel) = file.strip_prefix("gs1-epcis/") else {
            continue;
        };
        let doc: Value = serde_json::from_str(&read(&dir.join("gs1-epcis").join(rel))).unwrap();
        let ns = Namespaces::from_context(&doc["@context"]);
        let event = doc["epcisBody"]["eventList"][index].as_object().unwrap();
        let ours = event_hash(event, &ns);
        if ours != expected {
            differences.push(format!(
                "{file}[{index}]: ours {ours}, reference {expected}"
            ));
        }
        compared += 1;
    }
    assert_eq!(compared, 15);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn t1_transformation_links_inputs_and_outputs() {
    let Some(dir) = shared_trace_dir() else {
        return skip("t1_transformation_links_inputs_and_outputs");
    };
    let mut store = MemoryStore::new();
    let f = "Example_9.6.4-TransformationEvent.jsonld";
    store
        .capture(
            &Document::parse(&read(&dir.join("gs1-epcis").join(f)), f).unwrap(),
            Timestamp::from_millis(0),
        )
        .unwrap();
    // Backward from an output serial: the two input serials and three input classes.
    let back = trace(
        &store,
        "urn:epc:id:sgtin:4012345.077889.25",
        Direction::Backward,
        None,
    )
    .unwrap();
    let inputs: Vec<&str> = back
        .links
        .iter()
        .filter(|l| l.relation == Relation::MadeFrom)
        .map(|l| l.to.as_str())
        .collect();
    assert_eq!(inputs.len(), 5, "{inputs:?}");
    assert!(inputs.contains(&"https://id.gs1.org/01/04012345111118/10/4444"));
    // Forward from an input lot, given as a Digital Link: the four outputs.
    let fwd = trace(
        &store,
        "https://id.gs1.org/01/04012345111118/10/4444",
        Direction::Forward,
        Some(1),
    )
    .unwrap();
    assert_eq!(fwd.links.len(), 4);
    assert!(fwd.node("urn:epc:id:sgtin:4012345.077889.28").is_some());
}

#[test]
fn t3_aggregation_links_pallet_and_contents() {
    let Some(dir) = shared_trace_dir() else {
        return skip("t3_aggregation_links_pallet_and_contents");
    };
    let mut store = MemoryStore::new();
    let f = "Example_9.6.3-AggregationEvent.jsonld";
    store
        .capture(
            &Document::parse(&read(&dir.join("gs1-epcis").join(f)), f).unwrap(),
            Timestamp::from_millis(0),
        )
        .unwrap();
    let back = trace(
        &store,
        "urn:epc:id:sscc:0614141.1234567890",
        Direction::Backward,
        Some(1),
    )
    .unwrap();
    assert_eq!(
        back.links
            .iter()
            .filter(|l| l.relation == Relation::Contains)
            .count(),
        4
    );
    let fwd = trace(
        &store,
        "urn:epc:id:sgtin:0614141.107346.2017",
        Direction::Forward,
        None,
    )
    .unwrap();
    assert_eq!(
        fwd.nodes.len(),
        2,
        "the child and its pallet, not the other children"
    );
}
