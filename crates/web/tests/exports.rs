//! Exporters over a real socket: EPCIS capture (new, duplicate, malformed,
//! too large), queries, trace through a transformation and an aggregation,
//! recall scope; the public Digital Link pages; origin checks on worked
//! examples (the exact threshold included); the brand register's forms,
//! Excel import and authorization matrix; audit entries.

mod support;

use congthuong_web::exports::demo::{DOCUMENTS, DRIED_LOT_PATH};
use serde_json::{Value, json};
use support::{Response, TestApp, request};

const DRIED: &str = "urn:epc:class:lgtin:8935553.000002.VS-2025-06";
const FRESH_A: &str = "urn:epc:class:lgtin:8935553.000001.VT-0618-A";
const PALLET: &str = "https://id.gs1.org/00/089355530000001018";

/// A server with one account per role (officer of Bắc Ninh, 24).
async fn app() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_user("admin", "admin", None, "admin-pass-1");
    app.add_user("analyst", "analyst", None, "analyst-pass-1");
    app.add_user("bacninh", "officer", Some("24"), "bacninh-pass-1");
    app.add_user("viewer", "viewer", None, "viewer-pass-1");
    app
}

/// The same with the synthetic demo loaded (brands, the lychee chain, checks).
async fn demo_app() -> TestApp {
    let app = app().await;
    let loaded = congthuong_web::exports::demo::load(&app.dir.path().join("data")).unwrap();
    assert_eq!((loaded.events, loaded.checks), (7, 3));
    app
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    session: Option<&(String, String)>,
    body: &[u8],
) -> Response {
    let mut headers: Vec<(&str, &str)> = vec![("content-type", "application/json")];
    if let Some((cookie, csrf)) = session {
        headers.push(("cookie", cookie));
        headers.push(("x-csrf-token", csrf));
    }
    request(app.addr, method, path, &headers, body).await
}

async fn get_as(app: &TestApp, path: &str, session: &(String, String)) -> Response {
    send(app, "GET", path, Some(session), b"").await
}

fn audit_count(app: &TestApp, action: &str, actor: &str) -> usize {
    app.state
        .store()
        .audit(None)
        .unwrap()
        .iter()
        .filter(|a| a.action == action && a.actor == actor)
        .count()
}

async fn event_count(app: &TestApp, s: &(String, String)) -> usize {
    let r = get_as(app, "/api/v1/epcis/events", s).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn capture_is_idempotent_audited_and_refuses_bad_documents_whole() {
    let app = app().await;
    let s = app.login("analyst", "analyst-pass-1").await;
    let r = send(
        &app,
        "POST",
        "/api/v1/epcis/capture?source=harvest",
        Some(&s),
        DOCUMENTS[0].1.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let j = r.json();
    assert_eq!(
        (j["eventCount"].as_u64(), j["new"].as_u64()),
        (Some(3), Some(3))
    );
    let hashes: Vec<&str> = j["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventHash"].as_str().unwrap())
        .collect();
    assert!(
        hashes.iter().all(|h| h.starts_with("ni:///sha-256;")),
        "{hashes:?}"
    );
    assert_eq!(
        hashes[0],
        "ni:///sha-256;45e5970e9cddac9c1f6ff244807fcfe9cf41b1911bad9464b6f1a377ca37d4b8?ver=CBV2.0",
        "the same hash as the CLI's `trace hash`"
    );
    // Again: nothing new, and the same hashes.
    let again = send(
        &app,
        "POST",
        "/api/v1/epcis/capture",
        Some(&s),
        DOCUMENTS[0].1.as_bytes(),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.text());
    let a = again.json();
    assert_eq!(
        (a["new"].as_u64(), a["duplicates"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(a["events"][0]["outcome"], "duplicate");
    assert_eq!(a["events"][2]["eventHash"], hashes[2]);
    assert_eq!(event_count(&app, &s).await, 3);
    // Both captures are in the main audit log, with the document's hash.
    let audit = app.state.store().audit(None).unwrap();
    let captures: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "epcis.capture")
        .collect();
    assert_eq!(captures.len(), 2);
    assert_eq!(captures[0].actor, "analyst");
    assert!(
        captures[0].detail.contains("harvest: 3 events (3 new"),
        "{}",
        captures[0].detail
    );
    assert_eq!(captures[0].hash_after, captures[1].hash_after);

    // Not JSON: 400 with line and column.
    let r = send(
        &app,
        "POST",
        "/api/v1/epcis/capture",
        Some(&s),
        b"{\n  \"type\": \"EPCISDocument\",\n  oops\n}",
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.text());
    let detail = r.json()["errors"][0]["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("not valid JSON: line 3"), "{detail}");
    // Valid JSON that breaks EPCIS: 422, every problem with its path and line.
    let bad = DOCUMENTS[1]
        .1
        .replace("\"action\": \"ADD\"", "\"action\": \"MOVE\"")
        .replace(
            "\"eventTime\": \"2025-06-20T08:00:00+07:00\"",
            "\"eventTime\": \"yesterday\"",
        );
    let r = send(
        &app,
        "POST",
        "/api/v1/epcis/capture",
        Some(&s),
        bad.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let errors = r.json()["errors"].as_array().unwrap().clone();
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "epcisBody.eventList[1].action"
                && e["line"].as_u64().is_some()
                && e["detail"].as_str().unwrap().contains("MOVE")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "epcisBody.eventList[0].eventTime"),
        "{errors:?}"
    );
    assert!(errors.iter().all(|e| e["code"] == "invalid_file"));
    assert_eq!(
        event_count(&app, &s).await,
        3,
        "a refused document stores nothing"
    );
    // Too large: 413 in the JSON envelope.
    let huge = vec![b' '; (8 << 20) + 10];
    let r = send(&app, "POST", "/api/v1/epcis/capture", Some(&s), &huge).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(
        r.json()["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("8 MiB")
    );
    // Without the CSRF header: 403.
    let r = request(
        app.addr,
        "POST",
        "/api/v1/epcis/capture",
        &[("cookie", &s.0)],
        DOCUMENTS[1].1.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 403);
}

async fn chain_app() -> (TestApp, (String, String)) {
    let app = app().await;
    let s = app.login("analyst", "analyst-pass-1").await;
    for (name, text) in DOCUMENTS {
        let r = send(
            &app,
            "POST",
            &format!("/api/v1/epcis/capture?source={name}"),
            Some(&s),
            text.as_bytes(),
        )
        .await;
        assert_eq!(r.status, 201, "{name}: {}", r.text());
    }
    (app, s)
}

fn node_ids(t: &Value) -> Vec<String> {
    t["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn trace_goes_through_the_transformation_and_the_aggregation() {
    let (app, s) = chain_app().await;
    // One step back from the dried lot: both fresh lots it was made from,
    // and the pallet it was packed in.
    let r = get_as(
        &app,
        &format!("/api/v1/epcis/trace?id={DRIED}&direction=backward&depth=1"),
        &s,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let t = r.json();
    let ids = node_ids(&t);
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(ids.contains(&"https://id.gs1.org/01/08935553000011/10/VT-0618-A".to_owned()));
    assert!(ids.contains(&"https://id.gs1.org/01/08935553000011/10/VT-0618-B".to_owned()));
    assert!(ids.contains(&PALLET.to_owned()));
    let fresh = t["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"].as_str().unwrap().ends_with("VT-0618-A"))
        .unwrap();
    assert_eq!(fresh["reachedFrom"]["relation"], "made_from");
    // One step back names the supplier: the processor received lot A from farm A.
    let receiving = fresh["movements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["bizStep"]
                .as_str()
                .is_some_and(|b| b.ends_with("receiving"))
        })
        .unwrap();
    assert!(
        receiving["sources"].to_string().contains("8935551"),
        "{receiving}"
    );
    // Forward from a farm lot: one step reaches the dried lot only; the
    // whole chain reaches the pallet too (made into, then packed in).
    let one = get_as(
        &app,
        &format!("/api/v1/epcis/trace?id={FRESH_A}&direction=forward&depth=1"),
        &s,
    )
    .await
    .json();
    let one_ids = node_ids(&one);
    assert!(
        one_ids.iter().any(|i| i.ends_with("VS-2025-06")) && !one_ids.contains(&PALLET.to_owned()),
        "{one_ids:?}"
    );
    assert_eq!(one["truncated"], true);
    let all = get_as(
        &app,
        &format!("/api/v1/epcis/trace?id={FRESH_A}&direction=forward"),
        &s,
    )
    .await
    .json();
    assert!(node_ids(&all).contains(&PALLET.to_owned()), "{all}");
    // The Digital Link spelling finds the same.
    let dl = get_as(
        &app,
        "/api/v1/epcis/trace?id=https://id.gs1.org/01/08935553000028/10/VS-2025-06&depth=1",
        &s,
    )
    .await
    .json();
    assert_eq!(node_ids(&dl).len(), 4);
    // Unknown and malformed identifiers are the caller's to fix.
    let r = get_as(
        &app,
        "/api/v1/epcis/trace?id=urn:epc:class:lgtin:8935553.000002.NOPE",
        &s,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.text().contains("no captured event names it"),
        "{}",
        r.text()
    );
    assert_eq!(
        get_as(&app, "/api/v1/epcis/trace?id=x&direction=up", &s)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn recall_scope_integrity_and_queries_through_the_api() {
    let (app, s) = chain_app().await;
    let r = get_as(&app, &format!("/api/v1/epcis/recall?id={FRESH_A}"), &s).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let scope = r.json();
    let items: Vec<(&str, &str)> = scope["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert!(
        items
            .iter()
            .any(|(i, st)| i.ends_with("VS-2025-06") && *st == "at_risk"),
        "{items:?}"
    );
    assert!(items.iter().any(|(i, _)| *i == PALLET), "{items:?}");
    assert!(
        !items.iter().any(|(i, _)| i.ends_with("VT-0618-B")),
        "the other farm's lot is not in scope"
    );
    // The pallet was last received by the exporter in Hải Phòng.
    assert!(
        scope["holders"].to_string().contains("8935554"),
        "{}",
        scope["holders"]
    );
    let i = get_as(&app, "/api/v1/epcis/integrity", &s).await.json();
    assert_eq!(
        (i["eventsChecked"].as_u64(), i["clean"].as_bool()),
        (Some(7), Some(true))
    );
    // SimpleEventQuery parameters.
    let q = |p: &'static str| {
        let s = s.clone();
        let app = &app;
        async move {
            let r = get_as(app, &format!("/api/v1/epcis/events?{p}"), &s).await;
            assert_eq!(r.status, 200, "{p}: {}", r.text());
            r.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    assert_eq!(q("EQ_bizStep=shipping").await.len(), 1);
    assert_eq!(
        q("eventType=TransformationEvent|AggregationEvent")
            .await
            .len(),
        2
    );
    assert_eq!(
        q("MATCH_anyEPCClass=urn:epc:class:lgtin:8935553.000002.VS-2025-06")
            .await
            .len(),
        2
    );
    assert_eq!(q("GE_eventTime=2025-06-22T00:00:00%2B07:00").await.len(), 3);
    let ordered = q("orderBy=eventTime&orderDirection=DESC&eventCountLimit=1").await;
    assert_eq!(ordered.len(), 1);
    assert_eq!(ordered[0]["bizStep"], "receiving");
    assert!(
        ordered[0]["eventID"]
            .as_str()
            .unwrap()
            .starts_with("ni:///")
    );
    let r = get_as(&app, "/api/v1/epcis/events?EQ_colour=red", &s).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("EQ_colour"));
}

#[tokio::test]
async fn the_digital_link_pages_resolve_and_show_no_business_data() {
    let app = demo_app().await;
    let r = app.get(DRIED_LOT_PATH).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    for want in [
        "Vải thiều sấy Lục Ngạn (minh hoạ)",
        "HTX Minh Hoạ Lục Ngạn",
        "★★★★☆",
        "VS-2025-06",
        "VT-0618-A",
        "VT-0618-B",
        "Vải thiều tươi Lục Ngạn (minh hoạ)",
        "Chế biến",
        "2025-06-20",
        "GLN 8935551000013",
        "id=\"synthetic-product\"",
    ] {
        assert!(html.contains(want), "{want} on the public lot page");
    }
    for secret in [
        "pgln",
        "/417/",
        "PO-DEMO",
        "1200",
        "KGM",
        "ni:///",
        "Sấy lạnh",
        "14:00",
    ] {
        assert!(!html.contains(secret), "{secret} must not be public");
    }
    let en = app.get(&format!("{DRIED_LOT_PATH}?lang=en")).await.text();
    assert!(en.contains("Where it comes from") && en.contains("Processed"));
    // The product's page lists its lot with a link to the lot's page.
    let p = app.get("/01/08935553000028").await;
    assert_eq!(p.status, 200);
    assert!(
        p.text().contains(&format!("href=\"{DRIED_LOT_PATH}\"")),
        "{}",
        p.text()
    );
    // A GTIN-13 in the path is the same product, at its 14-digit address.
    let short = app.get("/01/8935553000028/10/VS-2025-06?lang=en").await;
    assert_eq!(short.status, 308);
    assert_eq!(
        short.header("location"),
        Some("/01/08935553000028/10/VS-2025-06?lang=en")
    );
    // A wrong check digit is refused with the reason, in the reader's
    // language; an unknown GTIN is 404.
    let bad = app.get("/01/08935553000029").await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.text()
            .contains("số kiểm tra (chữ số cuối) sai: là 9, đúng phải là 8"),
        "{}",
        bad.text()
    );
    assert!(!bad.text().contains("check digit"), "{}", bad.text());
    let bad = app.get("/01/08935553000029?lang=en").await;
    assert!(
        bad.text().contains("incorrect check digit 9, expected 8"),
        "{}",
        bad.text()
    );
    assert_eq!(app.get("/01/08935561000010").await.status, 404);
    // A lot nobody captured: the product, and no trace.
    let unknown = app.get("/01/08935553000028/10/NOPE").await;
    assert_eq!(unknown.status, 200);
    assert!(unknown.text().contains("id=\"no-trace\""));
}

fn steel_bom() -> Value {
    let csv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/origin/steel-frame-bom.csv"),
    )
    .unwrap();
    let mut rows = Vec::new();
    for line in csv.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        rows.push(json!({"hs": c[0], "description": c[1], "value": c[2], "originating": c[3], "country": c[4]}));
    }
    Value::Array(rows)
}

async fn check(app: &TestApp, body: Value) -> Value {
    let r = send(
        app,
        "POST",
        "/api/v1/origin/check?lang=en",
        None,
        body.to_string().as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn criterion<'a>(result: &'a Value, agreement: &str, label: &str) -> &'a Value {
    result["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agreement"] == agreement)
        .unwrap()["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == label)
        .unwrap_or_else(|| panic!("{label} in {result}"))
}

#[tokio::test]
async fn origin_checks_on_worked_examples_with_the_arithmetic() {
    let app = app().await;
    // The README's example: RVC exactly 40 % passes ("not less than 40 %").
    let steel = json!({"product_hs": "7308.90", "ex_works": 95, "fob": "100", "agreements": ["atiga"], "rule": "RVC40 or CTH", "bom": steel_bom()});
    let r = check(&app, steel.clone()).await;
    assert_eq!(r["rule"], "RVC40 or CTH");
    assert_eq!(r["summary"][0]["outcome"], "pass");
    let rvc = criterion(&r, "ATIGA", "RVC40");
    assert_eq!(rvc["outcome"], "pass");
    let arithmetic = rvc["lines"].to_string();
    assert!(
        arithmetic.contains("(FOB 100 − VNM 60) / FOB 100 = 40 % ≥ 40 %"),
        "{arithmetic}"
    );
    let cth = criterion(&r, "ATIGA", "CTH");
    assert!(
        cth["lines"]
            .to_string()
            .contains("6 / FOB 100 = 6 % ≤ 10 %"),
        "{}",
        cth["lines"]
    );
    assert!(
        r["summary"][0]["route"].to_string().contains("D"),
        "the certificate route is named"
    );
    assert!(r["note"].as_str().unwrap().contains("not bundled"));
    // One more unit of non-originating steel: 39 % fails RVC40; CTH still
    // passes through de minimis, so the rule passes; RVC40 alone fails.
    let mut heavier = steel.clone();
    heavier["bom"][0]["value"] = json!("53");
    heavier["rule"] = json!("RVC40");
    let r = check(&app, heavier).await;
    assert_eq!(r["summary"][0]["outcome"], "fail");
    assert!(
        criterion(&r, "ATIGA", "RVC40")["lines"]
            .to_string()
            .contains("39 %")
    );
    // EVFTA MaxNOM: ex-works 100, non-originating 45 → 45 % ≤ 50 % passes, > 40 % fails.
    let nom = |rule: &str| {
        json!({"product_hs": "8504.40", "ex_works": "100", "agreements": "evfta", "rule": rule,
        "bom": [{"hs": "8541.10", "description": "diodes", "value": "45", "originating": "no", "country": "CN"},
                {"hs": "7326.90", "description": "vỏ", "value": "20", "originating": "yes", "country": "VN"}]})
    };
    assert_eq!(
        check(&app, nom("MaxNOM 50%")).await["summary"][0]["outcome"],
        "pass"
    );
    assert_eq!(
        check(&app, nom("MaxNOM 40%")).await["summary"][0]["outcome"],
        "fail"
    );
    // Every agreement at once.
    let mut all = steel;
    all["agreements"] = json!("all");
    assert_eq!(
        check(&app, all).await["summary"].as_array().unwrap().len(),
        4
    );
    // Bad input: every problem at once, BOM rows by line and column.
    let bad = json!({"product_hs": "7308", "ex_works": "-1", "agreements": ["nafta"], "rule": "RVC 200",
        "bom": [{"hs": "72", "value": "x", "originating": "maybe", "country": "CN"}]});
    let r = send(
        &app,
        "POST",
        "/api/v1/origin/check",
        None,
        bad.to_string().as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let errors = r.json()["errors"].as_array().unwrap().clone();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in ["product_hs", "ex_works", "agreements", "rule", "bom"] {
        assert!(fields.contains(&f), "{f} in {errors:?}");
    }
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == "bom" && e["line"] == 1 && e["column"] == "value"),
        "{errors:?}"
    );
}

/// (method, path) of the exporters' endpoints; `{own}`/`{other}` are a
/// province (24 / 01) or a product of it.
const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/api/v1/brands"),
    ("GET", "/api/v1/brands/{own_id}"),
    ("POST", "/api/v1/brands?p={own}"),
    ("POST", "/api/v1/brands?p={other}"),
    ("PUT", "/api/v1/brands/{own_id}"),
    ("PUT", "/api/v1/brands/{other_id}"),
    ("POST", "/api/v1/brands/import?p={own}"),
    ("POST", "/api/v1/brands/import?p={other}"),
    ("POST", "/api/v1/epcis/capture"),
    ("GET", "/api/v1/epcis/events"),
    (
        "GET",
        "/api/v1/epcis/trace?id=urn:epc:class:lgtin:8935553.000002.VS-2025-06",
    ),
    (
        "GET",
        "/api/v1/epcis/recall?id=urn:epc:class:lgtin:8935553.000002.VS-2025-06",
    ),
    ("GET", "/api/v1/epcis/integrity"),
    ("POST", "/api/v1/origin/check"),
    ("POST", "/api/v1/origin/checks?p={own}"),
    ("POST", "/api/v1/origin/checks?p={other}"),
    ("GET", "/api/v1/origin/checks?province={own}"),
    ("GET", "/api/v1/origin/checks?province={other}"),
    ("GET", "/api/v1/exports/readiness"),
    ("GET", "/nhan-hieu"),
    ("GET", "/nhan-hieu/tinh/{own}"),
    ("GET", "/nhan-hieu/san-pham/{own_id}"),
    ("GET", "/nhan-hieu/them"),
    ("GET", "/nhan-hieu/san-pham/{own_id}/sua"),
    ("GET", "/nhan-hieu/san-pham/{other_id}/sua"),
    ("GET", "/nhan-hieu/nhap"),
    ("GET", "/xuat-khau"),
    ("GET", "/xuat-khau/xuat-xu"),
    ("GET", DRIED_LOT_PATH),
];

/// Expected status: anonymous, viewer, officer of 24, analyst, admin.
fn expected(method: &str, path: &str) -> [u16; 5] {
    let own = path.contains("{own");
    let writer = |ok: u16| {
        if own {
            [401, 403, ok, ok, ok]
        } else {
            [401, 403, 403, ok, ok]
        }
    };
    match (method, path) {
        ("POST", p) if p.starts_with("/api/v1/brands/import") => writer(201),
        ("POST", p) if p.starts_with("/api/v1/brands") => writer(201),
        ("PUT", _) => writer(200),
        ("POST", "/api/v1/epcis/capture") => [401, 403, 403, 201, 201],
        ("GET", p) if p.starts_with("/api/v1/epcis") => [401, 403, 403, 200, 200],
        ("POST", "/api/v1/origin/check") => [200; 5],
        ("POST", p) if p.starts_with("/api/v1/origin/checks") => writer(201),
        ("GET", p) if p.starts_with("/api/v1/origin/checks") => writer(200),
        ("GET", "/nhan-hieu/them") | ("GET", "/nhan-hieu/nhap") => [303, 403, 200, 200, 200],
        ("GET", p) if p.ends_with("/sua") => {
            let [_, v, o, a, d] = writer(200);
            [303, v, o, a, d]
        }
        _ => [200; 5],
    }
}

fn brand_body(province: &str, name: &str, gtin: &str) -> Value {
    json!({"province": province, "name": name, "producer": "HTX Thử nghiệm", "group": "food",
           "score_a": 30, "score_b": "20", "score_c": "25", "decision": "9/QĐ-UBND", "decided": "2025-01-15",
           "gtins": gtin, "note": "matrix"})
}

fn gtin(n: u32) -> String {
    let body = format!("893556200{n:04}");
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

#[tokio::test]
async fn the_authorization_matrix_of_the_exporters_endpoints() {
    let app = demo_app().await;
    let products = app.get("/api/v1/brands").await.json();
    let id_of = |province: &str| {
        products["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["province"] == province)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let (own_id, other_id) = (id_of("24"), id_of("01"));
    let mut sessions: Vec<Option<(String, String)>> = vec![None];
    for (u, p) in [
        ("viewer", "viewer-pass-1"),
        ("bacninh", "bacninh-pass-1"),
        ("analyst", "analyst-pass-1"),
        ("admin", "admin-pass-1"),
    ] {
        sessions.push(Some(app.login(u, p).await));
    }
    let roles = ["anonymous", "viewer", "officer", "analyst", "admin"];
    let mut failures = Vec::new();
    let mut n = 0;
    for (method, template) in ENDPOINTS {
        let path = template
            .replace("{own_id}", &own_id)
            .replace("{other_id}", &other_id)
            .replace("{own}", "24")
            .replace("{other}", "01");
        for (i, session) in sessions.iter().enumerate() {
            n += 1;
            let province = if template.contains("{own") {
                "24"
            } else {
                "01"
            };
            let body: Vec<u8> = match (*method, path.split('?').next().unwrap()) {
                ("POST", "/api/v1/brands") => brand_body(province, &format!("Sản phẩm {n}"), &gtin(n)).to_string().into_bytes(),
                ("PUT", _) => {
                    let mut b = brand_body(province, &format!("Sản phẩm sửa {n}"), &gtin(n));
                    b["group"] = json!("beverage");
                    b.to_string().into_bytes()
                }
                ("POST", "/api/v1/brands/import") => format!(
                    "province,name,producer,group,gtins\n{province},Nhập {n},HTX Nhập,food,{}\n",
                    gtin(n)
                )
                .into_bytes(),
                ("POST", "/api/v1/epcis/capture") => DOCUMENTS[0].1.replace("VT-0618-A", &format!("VT-{n}")).into_bytes(),
                ("POST", "/api/v1/origin/check") | ("POST", "/api/v1/origin/checks") => json!({
                    "province": province, "product_name": format!("Khung {n}"), "product_hs": "7308.90", "ex_works": "95",
                    "fob": "100", "agreements": ["atiga"], "rule": "RVC40 or CTH", "bom": steel_bom()})
                .to_string()
                .into_bytes(),
                _ => Vec::new(),
            };
            let status = send(&app, method, &path, session.as_ref(), &body)
                .await
                .status;
            let want = expected(method, template)[i];
            if status != want {
                failures.push(format!(
                    "{method} {path} as {}: {status}, expected {want}",
                    roles[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Refusals of logged-in accounts were audited; writes were audited
    // under their authors.
    assert!(audit_count(&app, "forbidden", "bacninh") >= 8);
    assert!(audit_count(&app, "forbidden", "viewer") >= 10);
    assert_eq!(
        audit_count(&app, "brand.create", "bacninh"),
        2,
        "one product, one import row"
    );
    assert_eq!(audit_count(&app, "brand.update", "bacninh"), 1);
    assert_eq!(audit_count(&app, "brand.create", "analyst"), 4);
    assert_eq!(audit_count(&app, "epcis.capture", "admin"), 1);
    assert_eq!(audit_count(&app, "origin.check.save", "bacninh"), 1);
}

#[tokio::test]
async fn the_register_form_shows_every_problem_then_saves_a_version_with_its_expiry() {
    let app = demo_app().await;
    let (cookie, csrf) = app.login("bacninh", "bacninh-pass-1").await;
    let post = |path: &'static str, body: String| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            request(
                app.addr,
                "POST",
                path,
                &[
                    ("cookie", &cookie),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
                body.as_bytes(),
            )
            .await
        }
    };
    let form = app.get("/nhan-hieu/them").await;
    assert_eq!(form.status, 303, "anonymous: to the login page");
    let r = request(
        app.addr,
        "GET",
        "/nhan-hieu/them",
        &[("cookie", &cookie)],
        b"",
    )
    .await;
    assert!(
        r.text().contains("<option value=\"24\""),
        "the officer's province"
    );
    assert!(!r.text().contains("<option value=\"01\""), "and only it");
    // Every problem, each beside its field; nothing stored.
    let bad = format!(
        "csrf={csrf}&province=24&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&producer=HTX&group=food&score_a=50&score_b=20&score_c=&decided=2024-02-30&gtins=8935562000018"
    );
    let r = post("/nhan-hieu/them", bad).await;
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    for f in ["score_a", "score_c", "decided", "gtins"] {
        assert!(html.contains(&format!("id=\"error-{f}\"")), "{f}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert"),
        "escaped"
    );
    // A certificate decided 35 months ago ends within 90 days: an alert.
    let decided = {
        let t = congthuong_web::exports::today();
        t.checked_sub_months(chrono::Months::new(35)).unwrap()
    };
    let good = format!(
        "csrf={csrf}&province=24&name=M%E1%BA%ADt+ong+th%E1%BB%AD&producer=HTX+Th%E1%BB%AD&group=food&score_a=30&score_b=20&score_c=25&decision=7%2FQ%C4%90-UBND&decided={decided}&gtins=8935562000019&note=first"
    );
    let r = post("/nhan-hieu/them", good).await;
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").unwrap().to_owned();
    let page = app.get(&location).await.text();
    assert!(
        page.contains("Mật ong thử") && page.contains("★★★★☆"),
        "{page}"
    );
    assert!(
        page.contains("id=\"certificate-status\"") && page.contains("sắp hết hạn"),
        "expiring"
    );
    let overview = app.get("/nhan-hieu").await.text();
    assert!(overview.contains("id=\"alerts\"") && overview.contains("Mật ong thử"));
    // An edit makes version 2; a second edit from version 1 is refused.
    let id = location.rsplit('/').next().unwrap().to_owned();
    let edit_path: &'static str =
        Box::leak(format!("/nhan-hieu/san-pham/{id}/sua").into_boxed_str());
    let edit = |v: u32, name: &str| {
        format!(
            "csrf={csrf}&expected_version={v}&province=24&name={name}&producer=HTX+Th%E1%BB%AD&group=food&score_a=30&score_b=20&score_c=25&decision=7%2FQ%C4%90-UBND&decided={decided}&gtins=8935562000019&note=rename"
        )
    };
    assert_eq!(
        post(edit_path, edit(1, "M%E1%BA%ADt+ong+2")).await.status,
        303
    );
    let stale = post(edit_path, edit(1, "M%E1%BA%ADt+ong+3")).await;
    assert_eq!(stale.status, 422);
    // In the page's language: the version the edit started from and the
    // current one.
    assert!(
        stale
            .text()
            .contains("bạn sửa từ phiên bản 1 nhưng phiên bản hiện tại là 2"),
        "{}",
        stale.text()
    );
    let api = app.get(&format!("/api/v1/brands/{id}")).await.json();
    assert_eq!(api["history"].as_array().unwrap().len(), 2);
    assert_eq!(api["product"]["name"], "Mật ong 2");
    // Without the form's CSRF token: refused.
    assert_eq!(
        post("/nhan-hieu/them", "province=24&name=x".into())
            .await
            .status,
        403
    );
}

fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn excel_imports_list_every_error_by_line_and_column_and_are_all_or_nothing() {
    let app = demo_app().await;
    let s = app.login("bacninh", "bacninh-pass-1").await;
    let header: &[&str] = &[
        "province", "name", "producer", "group", "score_a", "score_b", "score_c", "decision",
        "decided", "gtins",
    ];
    let bad = workbook(&[
        header,
        &[
            "24",
            "Nhãn lồng",
            "HTX A",
            "food",
            "30",
            "20",
            "25",
            "1/QĐ",
            "2025-03-01",
            "8935562000026",
        ],
        &[
            "24",
            "Gạo nếp",
            "HTX B",
            "grain",
            "30",
            "20",
            "",
            "",
            "",
            "8935562000026",
        ],
    ]);
    let r = send(
        &app,
        "POST",
        "/api/v1/brands/import?file=dang-ky.xlsx",
        Some(&s),
        &bad,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let errors = r.json()["errors"].as_array().unwrap().clone();
    let at: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["column"].as_str().unwrap()))
        .collect();
    for want in [(3, "group"), (3, "score_c"), (3, "gtins")] {
        assert!(at.contains(&want), "{want:?} in {errors:?}");
    }
    assert_eq!(errors[0]["sheet"], "Sheet1");
    let before = app.get("/api/v1/brands?province=24").await.json()["products"]
        .as_array()
        .unwrap()
        .len();
    let good = workbook(&[
        header,
        &[
            "24",
            "Nhãn lồng",
            "HTX A",
            "food",
            "30",
            "20",
            "25",
            "1/QĐ",
            "2025-03-01",
            "8935562000026",
        ],
        &[
            "24",
            "Gạo nếp",
            "HTX B",
            "food",
            "",
            "",
            "",
            "",
            "",
            "8935562000033",
        ],
    ]);
    let r = send(&app, "POST", "/api/v1/brands/import", Some(&s), &good).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["created"], 2);
    let r = send(&app, "POST", "/api/v1/brands/import", Some(&s), &good).await;
    assert_eq!(
        (r.status, r.json()["unchanged"].as_u64()),
        (200, Some(2)),
        "importing twice adds nothing"
    );
    let after = app.get("/api/v1/brands?province=24").await.json()["products"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(after, before + 2);
    // A row of another province refuses the whole file for an officer.
    let other = workbook(&[
        header,
        &["01", "Bánh cốm", "HTX C", "food", "", "", "", "", "", ""],
    ]);
    assert_eq!(
        send(&app, "POST", "/api/v1/brands/import", Some(&s), &other)
            .await
            .status,
        403
    );
    // The page shows the same errors in a table.
    let boundary = "XBOUNDARY";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dang-ky.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n", s.1).into_bytes();
    body.extend_from_slice(&bad);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = request(
        app.addr,
        "POST",
        "/nhan-hieu/nhap",
        &[
            ("cookie", &s.0),
            (
                "content-type",
                &format!("multipart/form-data; boundary={boundary}"),
            ),
        ],
        &body,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("id=\"errors\"") && html.contains("dang-ky.xlsx") && html.contains("score_c")
    );
}

#[tokio::test]
async fn readiness_counts_what_the_registers_hold() {
    let app = demo_app().await;
    let r = app.get("/api/v1/exports/readiness").await.json();
    let row = |code: &str| {
        r["provinces"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["province"] == code)
            .unwrap()
            .clone()
    };
    let bn = row("24");
    assert_eq!(bn["products"], 3);
    assert_eq!(bn["traceable_products"], 2, "fresh and dried lychee");
    assert_eq!(bn["traceable_lots"], 3, "two fresh lots and the dried lot");
    assert_eq!(
        (
            bn["origin_checks"].as_u64(),
            bn["origin_checks_passed"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(bn["export_ready"], 1, "the dried lychee");
    assert_eq!(bn["synthetic"], true);
    let sl = row("14");
    assert_eq!(
        (sl["products"].as_u64(), sl["certified"].as_u64()),
        (Some(2), Some(1)),
        "the plum's certificate expired"
    );
    assert_eq!(row("40")["products"], 0);
    let page = app.get("/xuat-khau").await.text();
    assert!(page.contains("id=\"readiness\"") && page.contains("synthetic-banner"));
}

#[tokio::test]
async fn the_gs1_example_documents_are_captured_when_the_shared_folder_is_there() {
    let dir = std::env::var("CONGTHUONG_SHARED")
        .ok()
        .map(|d| std::path::Path::new(&d).join("fixtures/trace/gs1-epcis"))
        .or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .map(|a| a.join("shared/fixtures/trace/gs1-epcis"))
                .find(|p| p.is_dir())
        })
        .filter(|p| p.is_dir());
    let Some(dir) = dir else {
        eprintln!(
            "SKIPPED the_gs1_example_documents_are_captured: ../shared/fixtures/trace/gs1-epcis not found (set CONGTHUONG_SHARED); the GS1 examples may not be copied into the repository"
        );
        return;
    };
    let app = app().await;
    let s = app.login("analyst", "analyst-pass-1").await;
    let mut events = 0;
    for f in [
        "Example_9.6.1-ObjectEvent.jsonld",
        "Example_9.6.2-ObjectEvent.jsonld",
        "Example_9.6.3-AggregationEvent.jsonld",
        "Example_9.6.4-TransformationEvent.jsonld",
    ] {
        let text = std::fs::read(dir.join(f)).unwrap();
        let r = send(
            &app,
            "POST",
            &format!("/api/v1/epcis/capture?source={f}"),
            Some(&s),
            &text,
        )
        .await;
        assert!(r.status == 201 || r.status == 200, "{f}: {}", r.text());
        events += r.json()["eventCount"].as_u64().unwrap();
    }
    assert_eq!(event_count(&app, &s).await as u64, events);
}

/// A multipart body: text fields, then optionally one file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "EXPORTSBOUNDARY";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_calculator_page_reads_an_uploaded_bom_and_saves_for_the_officers_province() {
    let app = demo_app().await;
    let product: &[(&str, &str)] = &[
        ("product_hs", "7308.90"),
        ("ex_works", "95"),
        ("fob", "100"),
        ("agreements", "atiga"),
        ("agreements", "evfta"),
        ("rule", "RVC40 or CTH"),
    ];
    // An uploaded workbook with errors: listed by sheet, line and column; nothing computed.
    let bad = workbook(&[
        &["hs", "description", "value", "originating", "country"],
        &["7208.51", "thép", "52", "no", "CN"],
        &["7318.15", "bu lông", "8", "perhaps", "TH"],
        &["7308.9", "khung", "6", "no", "CN"],
    ]);
    let (ct, body) = multipart(product, Some(("bom.xlsx", &bad)));
    let r = request(
        app.addr,
        "POST",
        "/xuat-khau/xuat-xu",
        &[("content-type", &ct)],
        &body,
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("id=\"errors\"") && html.contains("bom.xlsx [Sheet1]"),
        "{html}"
    );
    assert!(
        html.contains("<td class=\"num\">3</td><td>Có xuất xứ</td>")
            && html.contains("<td class=\"num\">4</td><td>Mã HS</td>"),
        "{html}"
    );
    assert!(!html.contains("id=\"result\""));
    // The README's CSV: ATIGA passes with the arithmetic; EVFTA's ex-works base differs.
    let csv = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/origin/steel-frame-bom.csv"),
    )
    .unwrap();
    let (ct, body) = multipart(product, Some(("steel-frame-bom.csv", &csv)));
    let r = request(
        app.addr,
        "POST",
        "/xuat-khau/xuat-xu?lang=en",
        &[("content-type", &ct)],
        &body,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("data-agreement=\"ATIGA\" data-outcome=\"pass\""),
        "{html}"
    );
    assert!(html.contains("data-agreement=\"EVFTA\""));
    assert!(html.contains("= 40 % ≥ 40 %"));
    assert!(
        html.contains("value=\"Thép tấm cán nóng (synthetic)\""),
        "the file's rows fill the form"
    );
    // Saving needs a login; an officer saves for their own province only.
    let (cookie, csrf) = app.login("bacninh", "bacninh-pass-1").await;
    let mut fields = product.to_vec();
    fields.extend([
        ("save", "1"),
        ("province", "24"),
        ("product_name", "Khung thép"),
        ("csrf", csrf.as_str()),
    ]);
    let (ct, body) = multipart(&fields, Some(("steel-frame-bom.csv", &csv)));
    let r = request(
        app.addr,
        "POST",
        "/xuat-khau/xuat-xu",
        &[("content-type", &ct), ("cookie", &cookie)],
        &body,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.text()
            .contains("Đã lưu kết quả kiểm tra số 4 cho tỉnh 24"),
        "{}",
        r.text()
    );
    assert_eq!(audit_count(&app, "origin.check.save", "bacninh"), 1);
    let mut other = product.to_vec();
    other.extend([("save", "1"), ("province", "01"), ("csrf", csrf.as_str())]);
    let (ct, body) = multipart(&other, Some(("steel-frame-bom.csv", &csv)));
    let r = request(
        app.addr,
        "POST",
        "/xuat-khau/xuat-xu",
        &[("content-type", &ct), ("cookie", &cookie)],
        &body,
    )
    .await;
    assert_eq!(r.status, 403);
    let readiness = app.get("/api/v1/exports/readiness").await.json();
    let bn = readiness["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["province"] == "24")
        .unwrap()
        .clone();
    assert_eq!(bn["origin_checks"], 2);
}
