//! The EPCIS 2.0 interface under `/api/v1/epcis`: capture (JSON /
//! JSON-LD `EPCISDocument`), the SimpleEventQuery parameters the trace
//! store supports, trace backward and forward (one step or the whole
//! chain), recall scope and the integrity report.
//!
//! Who: ministry analysts and admins (EPCIS documents are not bound to a
//! province, so a provincial officer's rights cannot be checked against
//! them; the public reads a lot's trace on its Digital Link page).
//! Capture is synchronous: the answer says what happened to each event.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_trace::genealogy::Movement;
use congthuong_trace::{
    CaptureOutcome, Direction, Document, IntegrityReport, RecallScope, SimpleEventQuery, Timestamp,
    Trace, TraceStore, integrity_report, recall_scope, trace,
};
use serde_json::{Value, json};

use super::db::{audit, run};
use super::{CAPTURE_MAX_BYTES, trace_error};
use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::pages::Params;
use crate::state::AppState;

/// Only analysts and admins use the EPCIS interface.
async fn analyst(state: &AppState, s: &Session, object: &str) -> Result<(), AppError> {
    if s.account.may_release() {
        Ok(())
    } else {
        Err(forbidden(
            state,
            s,
            object.to_owned(),
            "the EPCIS interface is for ministry analysts and admins".into(),
        )
        .await)
    }
}

/// `POST /api/v1/epcis/capture[?source=NAME]`: the body is one EPCIS
/// document; `X-CSRF-Token` required.
pub async fn capture(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    check_csrf(
        &s,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )?;
    analyst(&state, &s, "epcis/capture").await?;
    let body = body.map_err(|e| {
        AppError::TooLarge(format!(
            "the document could not be received ({e}); a capture takes at most {} MiB: split larger documents",
            CAPTURE_MAX_BYTES >> 20
        ))
    })?;
    if body.len() > CAPTURE_MAX_BYTES {
        return Err(AppError::TooLarge(format!(
            "the document has {} bytes; a capture takes at most {} MiB: split it",
            body.len(),
            CAPTURE_MAX_BYTES >> 20
        )));
    }
    let text = std::str::from_utf8(&body).map_err(|e| {
        AppError::BadRequest(format!(
            "the document is not UTF-8 text (byte {}): EPCIS JSON is UTF-8",
            e.valid_up_to()
        ))
    })?;
    let source: String = p
        .get("source")
        .map(|s| s.chars().filter(|c| !c.is_control()).take(120).collect())
        .unwrap_or_else(|| "api".into());
    let doc = Document::parse(text, &source).map_err(trace_error)?;
    let actor = s.account.username.clone();
    let report = run(&state, move |o| {
        let hash = doc.text_sha256();
        let mut store = o.trace()?;
        store
            .capture_with(&doc, Timestamp::now(), |conn, report| {
                let object = format!("trace_captures/{}", report.capture_id);
                let detail = format!("{}: {}", doc.source_name, report.summary());
                audit(
                    conn,
                    &actor,
                    "epcis.capture",
                    &object,
                    None,
                    Some(&hash),
                    &detail,
                )
                .map_err(congthuong_trace::Error::Store)
            })
            .map_err(trace_error)
    })
    .await?;
    let new = report.count(CaptureOutcome::New);
    let body = json!({
        "captureID": report.capture_id,
        "recordTime": report.record_time.to_utc_string(),
        "eventCount": report.events.len(),
        "new": new,
        "duplicates": report.count(CaptureOutcome::Duplicate),
        "errorDeclarations": report.count(CaptureOutcome::ErrorDeclared),
        "events": report.events.iter().map(|e| json!({
            "index": e.index,
            "eventHash": e.hash,
            "eventID": e.declared_id,
            "outcome": match e.outcome {
                CaptureOutcome::New => "new",
                CaptureOutcome::Duplicate => "duplicate",
                CaptureOutcome::ErrorDeclared => "error_declared",
            },
        })).collect::<Vec<_>>(),
    });
    let status = if new > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(body)).into_response())
}

/// The default cap on events returned when the query sets none.
pub const DEFAULT_EVENT_LIMIT: usize = 1000;

/// `GET /api/v1/epcis/events?…`: the SimpleEventQuery parameters (values
/// separated by `|`); an `EPCISQueryDocument`.
pub async fn events(
    State(state): State<AppState>,
    s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    analyst(&state, &s, "epcis/events").await?;
    let mut pairs: Vec<(String, String)> = p.into_iter().filter(|(k, _)| k != "lang").collect();
    pairs.sort();
    let mut q = SimpleEventQuery::from_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(trace_error)?;
    if q.event_count_limit.is_none() && q.max_event_count.is_none() {
        q.event_count_limit = Some(DEFAULT_EVENT_LIMIT);
    }
    let events = run(&state, move |o| o.trace()?.query(&q).map_err(trace_error)).await?;
    let list: Vec<Value> = events
        .iter()
        .map(|e| {
            let mut v = e.event.raw.clone();
            if let Some(obj) = v.as_object_mut() {
                obj.entry("eventID")
                    .or_insert_with(|| Value::String(e.event.hash.clone()));
                obj.insert("recordTime".into(), json!(e.record_time.to_utc_string()));
                if let Some(d) = &e.declared_in_error {
                    obj.insert(
                        "errorDeclaration".into(),
                        json!({
                            "declarationTime": d.declaration_time.to_utc_string(),
                            "reason": d.reason,
                            "correctiveEventIDs": d.corrective_event_ids,
                        }),
                    );
                }
            }
            v
        })
        .collect();
    Ok(Json(json!({
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": Timestamp::now().to_utc_string(),
        "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": list}}}
    }))
    .into_response())
}

fn param<'a>(p: &'a Params, k: &str) -> Result<&'a str, AppError> {
    p.get(k)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| AppError::BadRequest(format!("the parameter {k} is required")))
}

/// `GET /api/v1/epcis/trace?id=…&direction=backward|forward[&depth=N]`
pub async fn trace_api(
    State(state): State<AppState>,
    s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    analyst(&state, &s, "epcis/trace").await?;
    let id = param(&p, "id")?.to_owned();
    let direction = match p.get("direction").map(String::as_str) {
        None | Some("") | Some("backward") => Direction::Backward,
        Some("forward") => Direction::Forward,
        Some(d) => {
            return Err(AppError::BadRequest(format!(
                "direction {d:?}: use backward or forward"
            )));
        }
    };
    let depth = match p.get("depth").map(String::as_str) {
        None | Some("") | Some("all") => None,
        Some(d) => Some(d.parse::<u32>().ok().filter(|d| *d > 0).ok_or_else(|| {
            AppError::BadRequest(format!(
                "depth {d:?}: a number of steps (1 for one step), or all"
            ))
        })?),
    };
    let t = run(&state, move |o| {
        trace(&*o.trace()?, &id, direction, depth).map_err(trace_error)
    })
    .await?;
    Ok(Json(trace_json(&t)).into_response())
}

/// `GET /api/v1/epcis/recall?id=A|B`
pub async fn recall(
    State(state): State<AppState>,
    s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    analyst(&state, &s, "epcis/recall").await?;
    let ids: Vec<String> = param(&p, "id")?
        .split('|')
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect();
    let scope = run(&state, move |o| {
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        recall_scope(&*o.trace()?, &refs).map_err(trace_error)
    })
    .await?;
    Ok(Json(recall_json(&scope)).into_response())
}

/// `GET /api/v1/epcis/integrity`
pub async fn integrity(State(state): State<AppState>, s: Session) -> Result<Response, AppError> {
    analyst(&state, &s, "epcis/integrity").await?;
    let r = run(&state, |o| {
        integrity_report(&*o.trace()?).map_err(trace_error)
    })
    .await?;
    Ok(Json(integrity_json(&r)).into_response())
}

/// A movement with readable times.
pub fn movement_json(m: &Movement) -> Value {
    let parties = |list: &[congthuong_trace::PartyRef]| {
        list.iter()
            .map(|p| json!({"type": p.kind, "id": p.key}))
            .collect::<Vec<_>>()
    };
    json!({
        "event": m.event,
        "eventType": m.event_type.as_str(),
        "action": m.action.map(|a| a.as_str()),
        "eventTime": m.event_time.to_local_string(&m.time_zone_offset),
        "bizStep": m.biz_step,
        "disposition": m.disposition,
        "bizLocation": m.biz_location,
        "readPoint": m.read_point,
        "sources": parties(&m.sources),
        "destinations": parties(&m.destinations),
    })
}

fn trace_json(t: &Trace) -> Value {
    json!({
        "start": t.start,
        "direction": match t.direction { Direction::Backward => "backward", Direction::Forward => "forward" },
        "maxDepth": t.max_depth,
        "truncated": t.truncated,
        "nodes": t.nodes.iter().map(|n| {
            let reached = t.links.iter().find(|l| l.to == n.key);
            json!({
                "id": n.key,
                "depth": n.depth,
                "reachedFrom": reached.map(|l| json!({"id": l.from, "relation": l.relation.as_str(), "event": l.event})),
                "movements": n.movements.iter().map(movement_json).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "links": t.links.iter().map(|l| json!({
            "from": l.from, "to": l.to, "relation": l.relation.as_str(), "event": l.event,
            "eventTime": l.event_time.to_utc_string(),
        })).collect::<Vec<_>>(),
    })
}

fn recall_json(r: &RecallScope) -> Value {
    json!({
        "suspects": r.suspects,
        "truncated": r.truncated,
        "toActOn": r.items.iter().filter(|i| i.status.needs_action()).count(),
        "items": r.items.iter().map(|i| json!({
            "id": i.key,
            "level": if i.is_class { "lot_or_class" } else { "instance" },
            "depth": i.depth,
            "status": i.status.as_str(),
            "reachedFrom": i.reached_from.as_ref().map(|(f, rel)| json!({"id": f, "relation": rel.as_str()})),
            "lastSeen": i.last_seen.map(Timestamp::to_utc_string),
            "location": i.location,
            "holders": i.holders,
        })).collect::<Vec<_>>(),
        "holders": r.holders.iter().map(|h| json!({"kind": h.kind, "id": h.key, "items": h.items})).collect::<Vec<_>>(),
    })
}

fn integrity_json(r: &IntegrityReport) -> Value {
    let gaps = |g: &[congthuong_trace::Gap]| {
        g.iter()
            .map(|g| {
                json!({
                    "event": g.event, "eventID": g.declared_id, "eventTime": g.event_time.to_utc_string(),
                    "bizStep": g.biz_step, "bizLocation": g.biz_location, "identifiers": g.identifiers,
                })
            })
            .collect::<Vec<_>>()
    };
    json!({
        "eventsChecked": r.events_checked,
        "clean": r.is_clean(),
        "receivedWithoutSource": gaps(&r.received_without_source),
        "shippedWithoutDestination": gaps(&r.shipped_without_destination),
        "withoutOrigin": r.without_origin,
    })
}
