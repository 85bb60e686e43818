//! The JSON-LD `@context` of a document, reduced to what a plain-JSON
//! reader needs: prefix → namespace IRI, for user extensions
//! (`"example:myField"`) and compact values (`"cbv:Comp-northing"`).
//!
//! No context is fetched: the terms of the standard EPCIS 2.0 context are
//! built in (see [`crate::vocab`]). Two uses, two rules:
//! - the event hash reads only the prefixes the document declares, as
//!   the reference implementation does ([`Namespaces::braced_key`],
//!   [`Namespaces::expand_declared`]);
//! - stored values and queries also know the standard context's prefixes
//!   (`cbv:`, `gs1:`, `cbvmda:`), so `cbv:Comp-northing` is stored in
//!   full ([`Namespaces::expand`]).

use serde_json::Value;

/// Prefixes of the standard EPCIS 2.0.0 context.
const DEFAULTS: &[(&str, &str)] = &[
    ("gs1", "https://gs1.org/voc/"),
    ("cbv", "https://ref.gs1.org/cbv/"),
    ("epcis", "https://ref.gs1.org/epcis/"),
    ("cbvmda", "urn:epcglobal:cbv:mda:"),
];

/// Prefix → namespace IRI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Namespaces {
    declared: Vec<(String, String)>,
}

impl Namespaces {
    /// Reads the prefix definitions of a `@context` value (string, object
    /// or array of those); URLs of remote contexts are skipped.
    pub fn from_context(context: &Value) -> Namespaces {
        let mut declared = Vec::new();
        let mut add = |obj: &serde_json::Map<String, Value>| {
            for (k, v) in obj {
                if let Some(iri) = v.as_str().filter(|_| !k.starts_with('@')) {
                    declared.retain(|(p, _): &(String, String)| p != k);
                    declared.push((k.clone(), iri.to_owned()));
                }
            }
        };
        match context {
            Value::Object(o) => add(o),
            Value::Array(items) => items.iter().filter_map(Value::as_object).for_each(&mut add),
            _ => {}
        }
        Namespaces { declared }
    }

    /// The namespace IRI of a prefix the document declares.
    pub fn declared_iri(&self, prefix: &str) -> Option<&str> {
        self.declared
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, i)| i.as_str())
    }

    /// The namespace IRI of a prefix, declared or standard.
    pub fn iri(&self, prefix: &str) -> Option<&str> {
        self.declared_iri(prefix)
            .or_else(|| DEFAULTS.iter().find(|(p, _)| *p == prefix).map(|(_, i)| *i))
    }

    /// `prefix:local` → `{iri}local` when the document declares the prefix
    /// (the event-hash spelling of extension names); anything else as is.
    pub fn braced_key(&self, key: &str) -> String {
        match key.split_once(':') {
            Some((p, local)) => match self.declared_iri(p) {
                Some(iri) => format!("{{{iri}}}{local}"),
                None => key.to_owned(),
            },
            None => key.to_owned(),
        }
    }

    /// `prefix:local` → `iri` + `local` for a declared or standard prefix.
    pub fn expand(&self, value: &str) -> Option<String> {
        let (p, local) = value.split_once(':')?;
        if local.starts_with("//") {
            return None;
        }
        self.iri(p).map(|iri| format!("{iri}{local}"))
    }

    /// `prefix:local` → `iri` + `local` for a prefix the document declares
    /// (the event hash's rule for values).
    pub fn expand_declared(&self, value: &str) -> Option<String> {
        let (p, local) = value.split_once(':')?;
        self.declared_iri(p).map(|iri| format!("{iri}{local}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn declared_prefixes_win_over_defaults() {
        let ns = Namespaces::from_context(&json!([
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {"example": "https://ns.example.com/epcis/"},
            {"gs1": "https://ref.gs1.org/voc/"}
        ]));
        assert_eq!(
            ns.braced_key("example:myField"),
            "{https://ns.example.com/epcis/}myField"
        );
        assert_eq!(ns.braced_key("unknown:x"), "unknown:x");
        assert_eq!(
            ns.braced_key("cbvmda:lotNumber"),
            "cbvmda:lotNumber",
            "hash: declared prefixes only"
        );
        assert_eq!(ns.iri("gs1"), Some("https://ref.gs1.org/voc/"));
        assert_eq!(
            ns.expand("cbv:Comp-northing").unwrap(),
            "https://ref.gs1.org/cbv/Comp-northing"
        );
        assert_eq!(ns.expand_declared("cbv:Comp-northing"), None);
        assert_eq!(
            ns.expand_declared("example:x").unwrap(),
            "https://ns.example.com/epcis/x"
        );
        assert_eq!(ns.expand("https://x.org/a"), None);
    }
}
