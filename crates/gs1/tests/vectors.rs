//! Every row of `tests/fixtures/gs1_vectors.csv` (103 check-digit and
//! EPC URI ↔ Digital Link vectors from gs1-syntax-engine and the openepcis
//! translator; provenance in `tests/fixtures/README.md`).
//!
//! `kind` is a base name with optional `[gcp=N|lookup, note=…]`:
//! - `gcp=N`: the company-prefix length to convert with; `gcp=lookup`:
//!   upstream used its own prefix table, so the length is read from the
//!   expected URN (for error rows every length 6–12 must fail).
//! - `note=input_check_digit_wrong`: the input key fails its check digit;
//!   upstream converts anyway. We are strict: the row passes when we
//!   reject it for exactly that reason (or give the listed value).
//! - `note=unescaped_reserved_chars`: the value holds characters EPC URIs
//!   and Digital Links must escape; a rejection or the listed value passes.

use congthuong_gs1::{Epc, Error, canonical_uri, verify_check_digit};

struct Row {
    kind: String,
    gcp: Option<String>,
    note: Option<String>,
    input: String,
    expected: String,
    source: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gs1_vectors.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("fixture present");
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed CSV");
            let full = &r[0];
            let (kind, params) = match full.split_once('[') {
                Some((k, p)) => (k, p.trim_end_matches(']')),
                None => (full, ""),
            };
            let param = |name: &str| {
                params
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{name}=")).map(str::to_owned))
            };
            Row {
                kind: kind.to_owned(),
                gcp: param("gcp"),
                note: param("note"),
                input: r[1].to_owned(),
                expected: r[2].to_owned(),
                source: r[3].to_owned(),
            }
        })
        .collect()
}

/// Company-prefix length of an expected URN (digits before the first dot).
fn cp_len_of(urn: &str) -> usize {
    let body = urn.rsplit(':').next().unwrap();
    body.split('.').next().unwrap().len()
}

fn gcp_lengths(row: &Row) -> Vec<usize> {
    match row.gcp.as_deref() {
        Some("lookup") if row.kind.ends_with("_error") => (6..=12).collect(),
        Some("lookup") => vec![cp_len_of(&row.expected)],
        Some(n) => vec![n.parse().unwrap()],
        None => panic!("{}: no gcp parameter", row.source),
    }
}

/// Judges a conversion result against a row; returns a failure message.
fn judge(row: &Row, got: Result<String, Error>) -> Option<String> {
    let error_row = row.kind.ends_with("_error");
    match (&got, row.note.as_deref()) {
        (Ok(v), _) if !error_row && *v == row.expected => None,
        (Err(_), _) if error_row => None,
        (Err(Error::IncorrectCheckDigit { .. }), Some("input_check_digit_wrong")) => None,
        (
            Err(Error::MalformedUrn { .. } | Error::MalformedDigitalLink { .. }),
            Some("unescaped_reserved_chars"),
        ) => None,
        _ => Some(format!(
            "{} {:?}: expected {:?}, got {got:?}",
            row.source, row.input, row.expected
        )),
    }
}

#[test]
fn every_vector_of_the_shared_file() {
    let rows = rows();
    assert_eq!(rows.len(), 103, "the fixture has 103 vectors");
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in &rows {
        let results: Vec<Result<String, Error>> = match row.kind.as_str() {
            "check_digit" => {
                let got = verify_check_digit(&row.input);
                let ok = match (row.expected.as_str(), &got) {
                    ("valid", Ok(())) => true,
                    (exp, Err(e)) => exp.strip_prefix("invalid:") == e.code(),
                    _ => false,
                };
                if !ok {
                    failures.push(format!(
                        "{} {:?}: expected {}, got {got:?}",
                        row.source, row.input, row.expected
                    ));
                }
                checked += 1;
                continue;
            }
            "urn_to_dl" | "urn_to_dl_error" | "class_urn_to_dl" | "class_urn_to_dl_error" => {
                let got = Epc::parse_urn(&row.input).map(|e| e.to_digital_link());
                if let (Ok(dl), false) = (&got, row.kind.ends_with("_error")) {
                    // The canonicaliser the event hash uses must agree.
                    assert_eq!(
                        canonical_uri(&row.input).as_ref(),
                        Some(dl),
                        "{}",
                        row.source
                    );
                }
                vec![got]
            }
            "dl_to_urn" | "dl_to_urn_error" | "class_dl_to_urn" | "class_dl_to_urn_error" => {
                gcp_lengths(row)
                    .into_iter()
                    .map(|n| Epc::from_digital_link(&row.input, n).map(|e| e.to_urn()))
                    .collect()
            }
            other => panic!("{}: unknown kind {other}", row.source),
        };
        for got in results {
            if let Some(f) = judge(row, got) {
                failures.push(f);
            }
        }
        checked += 1;
    }
    assert_eq!(checked, rows.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn class_rows_produce_class_identifiers() {
    for row in rows().iter().filter(|r| r.kind == "class_urn_to_dl") {
        assert!(
            Epc::parse_urn(&row.input).unwrap().is_class(),
            "{}",
            row.input
        );
    }
}

#[test]
fn valid_conversions_round_trip() {
    let plain =
        |r: &&Row| r.note.is_none() && (r.kind == "urn_to_dl" || r.kind == "class_urn_to_dl");
    for row in rows().iter().filter(plain) {
        let epc = Epc::parse_urn(&row.input).unwrap();
        let back =
            Epc::from_digital_link(&epc.to_digital_link(), epc.company_prefix_len()).unwrap();
        assert_eq!(back, epc, "{}", row.input);
        // The URN written back may differ from the input only in spelling
        // the same identifier; parsing it again gives the same EPC.
        assert_eq!(Epc::parse_urn(&back.to_urn()).unwrap(), epc);
    }
}
