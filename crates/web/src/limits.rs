//! Caps on every text field a client sends, checked in one place before
//! any handler runs or anything is stored or audited (issue 13 item 4).
//!
//! The layer reads the query string of every request and the body of
//! every URL-encoded form, every multipart form (its text parts; file
//! parts are the upload limit's business) and every JSON body
//! (`application/json` and `application/*+json`: every string and every
//! key, without building the document in memory). A field over its cap
//! is answered 422 `field_too_long` in the JSON envelope (a page for a
//! browser, in its language), naming the field, its length and the cap;
//! the handler never runs, so nothing is stored and nothing is logged
//! but the answer. Other bodies (CSV, XLSX, files) pass untouched.
//!
//! May read the request and the settings' body limit; touches nothing
//! else.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::error::AppError;
use crate::state::AppState;

/// The cap of any field without a stricter one, in characters.
pub const FIELD_CHARS: usize = 8_000;
/// Stricter caps of named fields, in characters (a JSON key of the same
/// name has the same cap).
pub const NAMED: &[(&str, usize)] = &[
    ("username", 64),
    ("password", 1_024),
    ("csrf", 128),
    ("next", 2_048),
    ("reason", 2_000),
];
/// The most fields in a query string or a form (parts of a multipart form).
pub const MAX_FIELDS: usize = 2_000;
/// The most values (strings, numbers, keys…) in a JSON body.
pub const MAX_JSON_VALUES: usize = 1_000_000;

/// The cap of a field.
pub fn cap(name: &str) -> usize {
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(FIELD_CHARS, |(_, c)| *c)
}

/// What is wrong with a request's fields.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// A field over its cap: name (cut), length, cap.
    TooLong(String, usize, usize),
    /// Too many fields or values.
    TooMany(usize),
}

impl Problem {
    fn text(&self, english: bool) -> String {
        match (self, english) {
            (Problem::TooLong(name, len, cap), true) => format!(
                "the field \"{name}\" is {len} characters long; at most {cap} are accepted (nothing was stored)"
            ),
            (Problem::TooLong(name, len, cap), false) => format!(
                "Trường \"{name}\" dài {len} ký tự; tối đa {cap} ký tự (chưa có gì được lưu)."
            ),
            (Problem::TooMany(max), true) => {
                format!("the request has more than {max} fields or values (nothing was stored)")
            }
            (Problem::TooMany(max), false) => {
                format!("Yêu cầu có hơn {max} trường hoặc giá trị (chưa có gì được lưu).")
            }
        }
    }
}

/// The heading and advice of the error page for a field too long (the
/// page of `pages::error_page`, in the reader's language).
pub fn words(lang: congthuong_core::Lang) -> (&'static str, &'static str) {
    match lang {
        congthuong_core::Lang::Vi => (
            "Có trường nhập quá dài, chưa có gì được lưu",
            "Hãy rút ngắn nội dung của trường được nêu dưới đây rồi gửi lại.",
        ),
        congthuong_core::Lang::En => (
            "A field is too long; nothing was stored",
            "Shorten the field named below and send the form again.",
        ),
    }
}

/// A field's name as the message shows it: at most 64 characters.
fn shown(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(64).collect()
}

/// Checks one value (measured in characters; bytes first, so a huge value
/// is refused without counting it all).
fn check(name: &str, value: &str) -> Result<(), Problem> {
    let cap = cap(name);
    if value.len() > cap {
        let len = value.chars().count();
        if len > cap {
            return Err(Problem::TooLong(shown(name), len, cap));
        }
    }
    Ok(())
}

/// Checks URL-encoded pairs (a query string or a form body).
fn check_pairs(encoded: &[u8]) -> Result<(), Problem> {
    for (i, (k, v)) in form_urlencoded::parse(encoded).enumerate() {
        if i >= MAX_FIELDS {
            return Err(Problem::TooMany(MAX_FIELDS));
        }
        check("", &k).map_err(|_| Problem::TooLong(shown(&k), k.chars().count(), FIELD_CHARS))?;
        check(&k, &v)?;
    }
    Ok(())
}

/// Checks the text parts of a multipart body. A part is a file when it
/// has a file name, is called `file`, or has a content type other than
/// plain text; its size is the upload limit's business.
async fn check_multipart(content_type: &str, bytes: Bytes) -> Result<(), Problem> {
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        // Not a form the handlers can read either: they say why.
        return Ok(());
    };
    let mut form = multer::Multipart::new(Body::from(bytes).into_data_stream(), boundary);
    let mut parts = 0;
    while let Ok(Some(mut field)) = form.next_field().await {
        parts += 1;
        if parts > MAX_FIELDS {
            return Err(Problem::TooMany(MAX_FIELDS));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = field.file_name().is_some()
            || name == "file"
            || field
                .content_type()
                .is_some_and(|m| m.essence_str() != "text/plain");
        if is_file {
            continue;
        }
        let cap = cap(&name);
        let mut text = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            text.extend_from_slice(&chunk);
            // Four bytes per character at most: past that, too long for sure.
            if text.len() > cap * 4 {
                let len = String::from_utf8_lossy(&text).chars().count();
                return Err(Problem::TooLong(shown(&name), len, cap));
            }
        }
        check(&name, &String::from_utf8_lossy(&text))?;
    }
    Ok(())
}

/// Walks a JSON document without keeping it: every string and key checked
/// (a key's cap applies to the string value under it), values counted.
struct Walk<'a> {
    name: &'a str,
    count: &'a mut usize,
    problem: &'a mut Option<Problem>,
}

impl Walk<'_> {
    fn seen<E: serde::de::Error>(&mut self) -> Result<(), E> {
        *self.count += 1;
        if *self.count > MAX_JSON_VALUES {
            *self.problem = Some(Problem::TooMany(MAX_JSON_VALUES));
            return Err(E::custom("too many values"));
        }
        Ok(())
    }

    fn text<E: serde::de::Error>(&mut self, name: &str, v: &str) -> Result<(), E> {
        self.seen()?;
        check(name, v).map_err(|p| {
            *self.problem = Some(p);
            E::custom("too long")
        })
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// A key: checked with the default cap, and handed to its value.
struct Key<'a> {
    count: &'a mut usize,
    problem: &'a mut Option<Problem>,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = String;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Walk {
            name: "",
            count: self.count,
            problem: self.problem,
        }
        .text("", v)?;
        Ok(v.to_owned())
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: serde::de::Error>(mut self, v: &str) -> Result<(), E> {
        let name = self.name;
        self.text(name, v)
    }
    fn visit_bool<E: serde::de::Error>(mut self, _: bool) -> Result<(), E> {
        self.seen()
    }
    fn visit_i64<E: serde::de::Error>(mut self, _: i64) -> Result<(), E> {
        self.seen()
    }
    fn visit_u64<E: serde::de::Error>(mut self, _: u64) -> Result<(), E> {
        self.seen()
    }
    fn visit_f64<E: serde::de::Error>(mut self, _: f64) -> Result<(), E> {
        self.seen()
    }
    fn visit_unit<E: serde::de::Error>(mut self) -> Result<(), E> {
        self.seen()
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.seen()?;
        let name = self.name;
        while seq
            .next_element_seed(Walk {
                name,
                count: self.count,
                problem: self.problem,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.seen()?;
        loop {
            let key = match map.next_key_seed(Key {
                count: self.count,
                problem: self.problem,
            })? {
                Some(k) => k,
                None => break,
            };
            map.next_value_seed(Walk {
                name: &key,
                count: self.count,
                problem: self.problem,
            })?;
        }
        Ok(())
    }
}

/// Checks a JSON body. A body that is not JSON passes: its handler says why.
fn check_json(bytes: &[u8]) -> Result<(), Problem> {
    let mut count = 0;
    let mut problem = None;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let _ = Walk {
        name: "",
        count: &mut count,
        problem: &mut problem,
    }
    .deserialize(&mut de);
    problem.map_or(Ok(()), Err)
}

/// Which body the layer reads.
enum Kind {
    Form,
    Multipart(String),
    Json,
    Other,
}

fn kind_of(req: &Request) -> Kind {
    let Some(ct) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return Kind::Other;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => Kind::Form,
        "multipart/form-data" => Kind::Multipart(ct.to_owned()),
        "application/json" => Kind::Json,
        e if e.starts_with("application/") && e.ends_with("+json") => Kind::Json,
        _ => Kind::Other,
    }
}

/// The answer to a body that could not be read whole.
fn unreadable(e: &axum::Error) -> Response {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.is::<http_body_util::LengthLimitError>() {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        }
        if s.is::<tower_http::timeout::TimeoutError>() {
            return (
                StatusCode::REQUEST_TIMEOUT,
                "the request body stopped arriving",
            )
                .into_response();
        }
        source = s.source();
    }
    (
        StatusCode::BAD_REQUEST,
        "the request body could not be read",
    )
        .into_response()
}

/// The layer: see the module doc.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let english = req.uri().path().starts_with("/api/")
        || req.uri().query().is_some_and(|q| {
            form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "lang" && v == "en")
        });
    let refuse = |p: Problem| AppError::FieldTooLong(p.text(english)).into_response();
    if let Some(q) = req.uri().query()
        && let Err(p) = check_pairs(q.as_bytes())
    {
        return refuse(p);
    }
    let kind = kind_of(&req);
    if matches!(kind, Kind::Other) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, state.settings().max_upload_bytes).await {
        Ok(b) => b,
        Err(e) => return unreadable(&e),
    };
    let checked = match kind {
        Kind::Form => check_pairs(&bytes),
        Kind::Multipart(ct) => check_multipart(&ct, bytes.clone()).await,
        Kind::Json => check_json(&bytes),
        Kind::Other => Ok(()),
    };
    match checked {
        Ok(()) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(p) => refuse(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_checked_field_by_field_with_named_caps() {
        assert_eq!(check_pairs(b"username=lan&password=x&next=%2F"), Ok(()));
        let long_name = format!("username={}&password=x", "a".repeat(65));
        assert_eq!(
            check_pairs(long_name.as_bytes()),
            Err(Problem::TooLong("username".into(), 65, 64))
        );
        // Vietnamese letters count as characters, not bytes.
        let note = format!("note={}", "ệ".repeat(FIELD_CHARS));
        assert_eq!(check_pairs(note.as_bytes()), Ok(()));
        let note = format!("note={}", "ệ".repeat(FIELD_CHARS + 1));
        assert!(matches!(
            check_pairs(note.as_bytes()),
            Err(Problem::TooLong(_, n, FIELD_CHARS)) if n == FIELD_CHARS + 1
        ));
        let many = "a=1&".repeat(MAX_FIELDS + 1);
        assert_eq!(
            check_pairs(many.as_bytes()),
            Err(Problem::TooMany(MAX_FIELDS))
        );
        let long_key = format!("{}=1", "k".repeat(FIELD_CHARS + 1));
        assert!(check_pairs(long_key.as_bytes()).is_err());
    }

    #[test]
    fn json_strings_and_keys_are_checked_at_any_depth() {
        assert_eq!(
            check_json(br#"{"a":[1,2.5,true,null,{"b":"c"}],"username":"lan"}"#),
            Ok(())
        );
        let deep = format!(r#"{{"x":[{{"note":"{}"}}]}}"#, "a".repeat(FIELD_CHARS + 1));
        assert_eq!(
            check_json(deep.as_bytes()),
            Err(Problem::TooLong(
                "note".into(),
                FIELD_CHARS + 1,
                FIELD_CHARS
            ))
        );
        let user = format!(r#"{{"username":"{}"}}"#, "a".repeat(100));
        assert_eq!(
            check_json(user.as_bytes()),
            Err(Problem::TooLong("username".into(), 100, 64))
        );
        let key = format!(r#"{{"{}":1}}"#, "k".repeat(FIELD_CHARS + 1));
        assert!(check_json(key.as_bytes()).is_err());
        // Escapes are measured decoded.
        let escaped = format!(r#"{{"t":"{}"}}"#, "\\u00e9".repeat(FIELD_CHARS));
        assert_eq!(check_json(escaped.as_bytes()), Ok(()));
        // Not JSON: the handler answers it.
        assert_eq!(check_json(b"{not json"), Ok(()));
        let many = format!("[{}0]", "0,".repeat(MAX_JSON_VALUES));
        assert_eq!(
            check_json(many.as_bytes()),
            Err(Problem::TooMany(MAX_JSON_VALUES))
        );
    }

    #[tokio::test]
    async fn multipart_text_parts_are_checked_and_files_are_not() {
        let body = |note: &str, file: &str| {
            Bytes::from(format!(
                "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{note}\r\n\
                 --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--XyZ--\r\n"
            ))
        };
        let ct = "multipart/form-data; boundary=XyZ";
        let big_file = "x".repeat(FIELD_CHARS * 10);
        assert_eq!(
            check_multipart(ct, body("ghi chú", &big_file)).await,
            Ok(())
        );
        let long = "a".repeat(FIELD_CHARS + 1);
        assert!(matches!(
            check_multipart(ct, body(&long, "")).await,
            Err(Problem::TooLong(n, _, FIELD_CHARS)) if n == "note"
        ));
        let huge = "a".repeat(FIELD_CHARS * 5);
        assert!(check_multipart(ct, body(&huge, "")).await.is_err());
    }

    #[test]
    fn messages_name_the_field_in_the_readers_language() {
        let p = Problem::TooLong("username".into(), 100, 64);
        assert!(
            p.text(false)
                .contains("Trường \"username\" dài 100 ký tự; tối đa 64")
        );
        assert!(p.text(true).contains("\"username\" is 100 characters long"));
    }
}
