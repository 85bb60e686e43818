//! `congthuong trace …`: capture EPCIS documents into the trace store
//! (the `trace_*` tables of the main database, `DATA_DIR/congthuong.sqlite3`,
//! each capture with its entry in the audit log), trace, recall, integrity,
//! query, hash.

use std::path::{Path, PathBuf};

use anyhow::Context;
use congthuong_trace::context::Namespaces;
use congthuong_trace::genealogy::{Direction, Trace};
use congthuong_trace::hash::{hash_of_prehash, prehash};
use congthuong_trace::{
    CaptureOutcome, Document, IntegrityReport, RecallScope, SimpleEventQuery, SqliteStore,
    StoredEvent, Timestamp, TraceStore, integrity_report, recall_scope, trace,
};

use crate::args::{Format, TraceAction};
use crate::failure::user;
use crate::output::{stdout_csv, write_table};

/// Runs one `trace` subcommand; `actor` signs captures in the audit log.
pub fn run(data_dir: &Path, actor: &str, action: TraceAction) -> anyhow::Result<()> {
    match action {
        TraceAction::Capture { files, events } => capture(data_dir, actor, &files, events),
        TraceAction::Backward { id, depth, format } => {
            genealogy(data_dir, &id, Direction::Backward, depth, format)
        }
        TraceAction::Forward { id, depth, format } => {
            genealogy(data_dir, &id, Direction::Forward, depth, format)
        }
        TraceAction::Recall { ids, format } => recall(data_dir, &ids, format),
        TraceAction::Integrity { format } => integrity(data_dir, format),
        TraceAction::Query { params, format } => query(data_dir, &params, format),
        TraceAction::Hash { file, prehash } => hash(&file, prehash),
    }
}

/// Opens the trace tables of the main database (creating and migrating
/// the database first).
fn open(data_dir: &Path) -> anyhow::Result<SqliteStore> {
    congthuong_store::SqliteStore::open(data_dir)
        .with_context(|| format!("opening the store in {}", data_dir.display()))?;
    let conn = congthuong_store::attach::connection(data_dir)?;
    Ok(SqliteStore::with_connection(conn)?)
}

/// Opens the store for reading; a missing database is the user's to fix.
fn open_existing(data_dir: &Path) -> anyhow::Result<SqliteStore> {
    let path = data_dir.join(congthuong_store::sqlite::DB_FILE);
    if !path.is_file() {
        return Err(user(format!(
            "no trace store at {}: capture a document first (congthuong trace capture FILE --data-dir {})",
            path.display(),
            data_dir.display()
        )));
    }
    open(data_dir)
}

fn read_document(file: &Path) -> anyhow::Result<Document> {
    let text =
        std::fs::read_to_string(file).map_err(|e| user(format!("{}: {e}", file.display())))?;
    Ok(Document::parse(&text, &file.display().to_string())?)
}

fn capture(
    data_dir: &Path,
    actor: &str,
    files: &[PathBuf],
    list_events: bool,
) -> anyhow::Result<()> {
    // Read and validate everything first: a bad file stops the run before
    // anything is written.
    let docs = files
        .iter()
        .map(|f| read_document(f))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut store = open(data_dir)?;
    let path = data_dir.join(congthuong_store::sqlite::DB_FILE);
    let mut rows = Vec::new();
    for doc in &docs {
        let hash = doc.text_sha256();
        let report = store.capture_with(doc, Timestamp::now(), |conn, report| {
            let object = format!("trace_captures/{}", report.capture_id);
            let detail = format!("{}: {}", doc.source_name, report.summary());
            congthuong_store::attach::append_audit(
                conn,
                &congthuong_store::attach::Audit {
                    actor,
                    action: "epcis.capture",
                    object: &object,
                    hash_before: None,
                    hash_after: Some(&hash),
                    detail: &detail,
                },
            )
            .map_err(|e| congthuong_trace::Error::Store(format!("audit log: {e}")))
        })?;
        println!(
            "captured {}: {} into {}",
            doc.source_name,
            report.summary(),
            path.display()
        );
        for (e, line) in doc.events.iter().zip(&report.events) {
            rows.push(vec![
                doc.source_name.clone(),
                line.index.to_string(),
                e.event_type.as_str().to_owned(),
                e.event_time.to_local_string(&e.time_zone_offset),
                outcome(line.outcome).to_owned(),
                line.hash.clone(),
                line.declared_id.clone().unwrap_or_default(),
            ]);
        }
    }
    if list_events {
        write_table(
            stdout_csv(),
            &[
                "file",
                "index",
                "event_type",
                "event_time",
                "outcome",
                "hash",
                "event_id",
            ],
            rows,
        )?;
    }
    Ok(())
}

fn outcome(o: CaptureOutcome) -> &'static str {
    match o {
        CaptureOutcome::New => "new",
        CaptureOutcome::Duplicate => "duplicate",
        CaptureOutcome::ErrorDeclared => "error_declared",
    }
}

fn genealogy(
    data_dir: &Path,
    id: &str,
    direction: Direction,
    depth: Option<u32>,
    format: Format,
) -> anyhow::Result<()> {
    let store = open_existing(data_dir)?;
    let t = trace(&store, id, direction, depth)?;
    match format {
        Format::Json => print_json(&t),
        Format::Csv => {
            write_table(stdout_csv(), &TRACE_HEADER, trace_rows(&t))?;
            if t.truncated {
                eprintln!(
                    "note: stopped at depth {}; the chain goes further (raise --depth)",
                    t.max_depth
                );
            }
            Ok(())
        }
    }
}

const TRACE_HEADER: [&str; 11] = [
    "depth",
    "identifier",
    "relation",
    "from",
    "event_time",
    "event_type",
    "biz_step",
    "biz_location",
    "sources",
    "destinations",
    "event",
];

/// One row per node and event touching it; the first rows of a node say
/// how it was reached.
fn trace_rows(t: &Trace) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for n in &t.nodes {
        let reached = t.links.iter().find(|l| l.to == n.key);
        for m in &n.movements {
            let parties = |list: &[congthuong_trace::PartyRef]| {
                list.iter()
                    .map(|p| format!("{}={}", short(&p.kind), p.key))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            rows.push(vec![
                n.depth.to_string(),
                n.key.clone(),
                reached
                    .map(|l| l.relation.as_str().to_owned())
                    .unwrap_or_default(),
                reached.map(|l| l.from.clone()).unwrap_or_default(),
                m.event_time.to_local_string(&m.time_zone_offset),
                m.event_type.as_str().to_owned(),
                m.biz_step
                    .as_deref()
                    .map(short)
                    .unwrap_or_default()
                    .to_owned(),
                m.biz_location.clone().unwrap_or_default(),
                parties(&m.sources),
                parties(&m.destinations),
                m.event.clone(),
            ]);
        }
    }
    rows
}

/// `https://ref.gs1.org/cbv/BizStep-shipping` → `shipping`.
fn short(uri: &str) -> &str {
    uri.strip_prefix("https://ref.gs1.org/cbv/")
        .and_then(|rest| rest.split_once('-').map(|(_, w)| w))
        .unwrap_or(uri)
}

fn recall(data_dir: &Path, ids: &[String], format: Format) -> anyhow::Result<()> {
    let store = open_existing(data_dir)?;
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let scope: RecallScope = recall_scope(&store, &ids)?;
    match format {
        Format::Json => print_json(&scope),
        Format::Csv => {
            let rows = scope.items.iter().map(|i| {
                vec![
                    i.depth.to_string(),
                    i.key.clone(),
                    if i.is_class { "lot/class" } else { "instance" }.to_owned(),
                    i.status.as_str().to_owned(),
                    i.location.clone().unwrap_or_default(),
                    i.holders.join(" "),
                    i.last_seen
                        .map(Timestamp::to_utc_string)
                        .unwrap_or_default(),
                    i.reached_from
                        .as_ref()
                        .map(|(_, r)| r.as_str().to_owned())
                        .unwrap_or_default(),
                    i.reached_from
                        .as_ref()
                        .map(|(f, _)| f.clone())
                        .unwrap_or_default(),
                ]
            });
            write_table(
                stdout_csv(),
                &[
                    "depth",
                    "identifier",
                    "level",
                    "status",
                    "location",
                    "holders",
                    "last_seen",
                    "relation",
                    "from",
                ],
                rows,
            )?;
            let acting = scope
                .items
                .iter()
                .filter(|i| i.status.needs_action())
                .count();
            eprintln!(
                "{} identifiers in scope, {acting} to act on, held at {} places/parties",
                scope.items.len(),
                scope.holders.len()
            );
            Ok(())
        }
    }
}

fn integrity(data_dir: &Path, format: Format) -> anyhow::Result<()> {
    let store = open_existing(data_dir)?;
    let r: IntegrityReport = integrity_report(&store)?;
    match format {
        Format::Json => print_json(&r),
        Format::Csv => {
            let gap_rows = |problem: &str, gaps: &[congthuong_trace::Gap]| -> Vec<Vec<String>> {
                gaps.iter()
                    .map(|g| {
                        vec![
                            problem.to_owned(),
                            g.event_time.to_utc_string(),
                            g.biz_step
                                .as_deref()
                                .map(short)
                                .unwrap_or_default()
                                .to_owned(),
                            g.biz_location.clone().unwrap_or_default(),
                            g.identifiers.join(" "),
                            g.event.clone(),
                        ]
                    })
                    .collect()
            };
            let mut rows = gap_rows("received_without_source", &r.received_without_source);
            rows.extend(gap_rows(
                "shipped_without_destination",
                &r.shipped_without_destination,
            ));
            rows.extend(r.without_origin.iter().map(|k| {
                vec![
                    "without_origin".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    k.clone(),
                    String::new(),
                ]
            }));
            write_table(
                stdout_csv(),
                &[
                    "problem",
                    "event_time",
                    "biz_step",
                    "biz_location",
                    "identifiers",
                    "event",
                ],
                rows,
            )?;
            eprintln!(
                "{} events checked: {} receipts without supplier, {} shipments without customer, {} identifiers without origin",
                r.events_checked,
                r.received_without_source.len(),
                r.shipped_without_destination.len(),
                r.without_origin.len()
            );
            Ok(())
        }
    }
}

fn query(data_dir: &Path, params: &[String], format: Format) -> anyhow::Result<()> {
    let pairs = params
        .iter()
        .map(|p| {
            p.split_once('=')
                .ok_or_else(|| user(format!("{p:?}: write query parameters as NAME=VALUE")))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let q = SimpleEventQuery::from_params(pairs)?;
    let store = open_existing(data_dir)?;
    let events: Vec<StoredEvent> = store.query(&q)?;
    match format {
        Format::Json => print_json(&serde_json::json!({
            "type": "EPCISQueryDocument",
            "schemaVersion": "2.0",
            "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {
                "eventList": events.iter().map(|e| e.event.raw.clone()).collect::<Vec<_>>()
            }}}
        })),
        Format::Csv => write_table(
            stdout_csv(),
            &[
                "event_time",
                "event_type",
                "action",
                "biz_step",
                "disposition",
                "biz_location",
                "identifiers",
                "event_id",
                "hash",
            ],
            events.iter().map(|s| {
                let e = &s.event;
                vec![
                    e.event_time.to_local_string(&e.time_zone_offset),
                    e.event_type.as_str().to_owned(),
                    e.action.map(|a| a.as_str().to_owned()).unwrap_or_default(),
                    e.biz_step
                        .as_deref()
                        .map(short)
                        .unwrap_or_default()
                        .to_owned(),
                    e.disposition
                        .as_deref()
                        .map(short)
                        .unwrap_or_default()
                        .to_owned(),
                    e.biz_location.clone().unwrap_or_default(),
                    e.ids
                        .iter()
                        .map(|i| i.key.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    e.declared_id.clone().unwrap_or_default(),
                    e.hash.clone(),
                ]
            }),
        ),
    }
}

fn hash(file: &Path, with_prehash: bool) -> anyhow::Result<()> {
    let doc = read_document(file)?;
    let mut header = vec!["index", "event_type", "hash", "event_id"];
    if with_prehash {
        header.push("prehash");
    }
    let rows = doc.events.iter().enumerate().map(|(i, e)| {
        let mut row = vec![
            i.to_string(),
            e.event_type.as_str().to_owned(),
            e.hash.clone(),
            e.declared_id.clone().unwrap_or_default(),
        ];
        if with_prehash {
            let ns = Namespaces::from_context(&e.context);
            let pre = e
                .raw
                .as_object()
                .map(|o| prehash(o, &ns))
                .unwrap_or_default();
            debug_assert_eq!(hash_of_prehash(&pre), e.hash);
            row.push(pre);
        }
        row
    });
    write_table(stdout_csv(), &header, rows)
}

fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}
