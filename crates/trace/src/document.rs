//! Reading an EPCIS 2.0 JSON / JSON-LD document for capture: parse,
//! validate ([`crate::validate`]), then build [`Event`]s with their hash
//! IDs. A document with any problem is refused whole, each problem named
//! with its line, column and JSON path.

use serde_json::Value;

use crate::error::{Error, Problem, Result};
use crate::event::Event;
use crate::locate::{Step, element_texts, line_column, path_string};
use crate::validate::validate_document;

/// A validated document, ready to capture.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name or other label, for messages.
    pub source_name: String,
    /// The events, in document order.
    pub events: Vec<Event>,
    /// The text, to locate problems found at capture time.
    pub(crate) text: String,
}

impl Document {
    /// SHA-256 of the document's text as received, hex (the content hash
    /// an audit entry records).
    pub fn text_sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        Sha256::digest(self.text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Parses and validates the text of a document.
    pub fn parse(text: &str, source_name: &str) -> Result<Document> {
        let doc: Value = serde_json::from_str(text).map_err(|e| Error::Json {
            source_name: source_name.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let problems = validate_document(&doc);
        if !problems.is_empty() {
            return Err(invalid(text, source_name, problems));
        }
        let context = doc.get("@context").cloned().unwrap_or(Value::Null);
        let list = doc["epcisBody"]["eventList"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let texts = element_texts(
            text,
            &[Step::Key("epcisBody".into()), Step::Key("eventList".into())],
        )
        .unwrap_or_default();
        let mut events = Vec::with_capacity(list.len());
        let mut problems = Vec::new();
        for (i, raw) in list.into_iter().enumerate() {
            match Event::from_json(raw, context.clone()) {
                Ok(mut e) => {
                    if let Some(exact) = texts.get(i) {
                        e.text = (*exact).to_owned();
                    }
                    events.push(e)
                }
                Err(reason) => problems.push((event_path(i), reason)),
            }
        }
        for (i, e) in events.iter().enumerate() {
            if let Some(id) = &e.declared_id
                && let Some(j) = events[..i]
                    .iter()
                    .position(|o| o.declared_id.as_ref() == Some(id) && o.hash != e.hash)
            {
                let mut path = event_path(i);
                path.push(Step::Key("eventID".into()));
                problems.push((
                    path,
                    format!("eventID {id} is also given to event {j}, whose content differs"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(invalid(text, source_name, problems));
        }
        Ok(Document {
            source_name: source_name.to_owned(),
            events,
            text: text.to_owned(),
        })
    }
}

/// The path of event `i` of the event list.
pub(crate) fn event_path(i: usize) -> Vec<Step> {
    vec![
        Step::Key("epcisBody".into()),
        Step::Key("eventList".into()),
        Step::Index(i),
    ]
}

/// Builds [`Error::Invalid`], locating each problem in the text.
pub(crate) fn invalid(text: &str, source_name: &str, problems: Vec<(Vec<Step>, String)>) -> Error {
    Error::Invalid {
        source_name: source_name.to_owned(),
        problems: problems
            .into_iter()
            .map(|(path, reason)| {
                let at = line_column(text, &path);
                Problem {
                    path: path_string(&path),
                    line: at.map(|a| a.0),
                    column: at.map(|a| a.1),
                    reason,
                }
            })
            .collect(),
    }
}
