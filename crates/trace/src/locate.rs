//! Finding where a value sits in a JSON text, so a problem found on the
//! parsed document can name its line and column.
//!
//! The text has already been parsed successfully; this walks it once more
//! along a path of object keys and array indices.

use std::fmt::Write;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// Writes a path as `epcisBody.eventList[0].action`.
pub fn path_string(path: &[Step]) -> String {
    let mut s = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
        }
    }
    if s.is_empty() {
        "(document)".to_owned()
    } else {
        s
    }
}

/// 1-based line and column of the value at `path`, if the path exists.
pub fn line_column(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let offset = locate(text.as_bytes(), path)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

/// The exact text of the value at `path`, if the path exists.
pub fn value_text<'a>(text: &'a str, path: &[Step]) -> Option<&'a str> {
    let b = text.as_bytes();
    let start = locate(b, path)?;
    let end = value_end(b, start)?;
    text.get(start..end)
}

/// The exact texts of the elements of the array at `path`, in one pass.
pub fn element_texts<'a>(text: &'a str, path: &[Step]) -> Option<Vec<&'a str>> {
    let b = text.as_bytes();
    let mut i = locate(b, path)?;
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let mut out = Vec::new();
    i = ws(b, i + 1);
    if b.get(i) == Some(&b']') {
        return Some(out);
    }
    loop {
        let end = value_end(b, i)?;
        out.push(text.get(i..end)?);
        i = ws(b, end);
        match b.get(i)? {
            b',' => i = ws(b, i + 1),
            b']' => return Some(out),
            _ => return None,
        }
    }
}

fn locate(b: &[u8], path: &[Step]) -> Option<usize> {
    let mut i = ws(b, 0);
    for step in path {
        match step {
            Step::Key(key) => {
                if b.get(i) != Some(&b'{') {
                    return None;
                }
                i = ws(b, i + 1);
                loop {
                    if b.get(i) != Some(&b'"') {
                        return None;
                    }
                    let end = string_end(b, i)?;
                    let name: String = serde_json::from_slice(&b[i..end]).ok()?;
                    i = ws(b, end);
                    if b.get(i) != Some(&b':') {
                        return None;
                    }
                    i = ws(b, i + 1);
                    if name == *key {
                        break;
                    }
                    i = ws(b, value_end(b, i)?);
                    match b.get(i) {
                        Some(b',') => i = ws(b, i + 1),
                        _ => return None,
                    }
                }
            }
            Step::Index(n) => {
                if b.get(i) != Some(&b'[') {
                    return None;
                }
                i = ws(b, i + 1);
                for _ in 0..*n {
                    i = ws(b, value_end(b, i)?);
                    match b.get(i) {
                        Some(b',') => i = ws(b, i + 1),
                        _ => return None,
                    }
                }
                if b.get(i) == Some(&b']') {
                    return None;
                }
            }
        }
    }
    Some(i)
}

fn ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Index just past the closing quote of the string starting at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// Index just past the value starting at `i`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        open @ (b'{' | b'[') => {
            let close = if open == b'{' { b'}' } else { b']' };
            let mut j = ws(b, i + 1);
            if b.get(j) == Some(&close) {
                return Some(j + 1);
            }
            loop {
                if open == b'{' {
                    j = ws(b, string_end(b, j)?);
                    j = ws(b, j + 1); // past ':'
                }
                j = ws(b, value_end(b, j)?);
                match b.get(j)? {
                    b',' => j = ws(b, j + 1),
                    c if *c == close => return Some(j + 1),
                    _ => return None,
                }
            }
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            Some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"x\": \"y\"}],\n  \"b\": {\"c\": [true, \"é\", \"d\"]}\n}";
        let key = |k: &str| Step::Key(k.to_owned());
        assert_eq!(line_column(text, &[key("a")]), Some((2, 8)));
        assert_eq!(
            line_column(text, &[key("a"), Step::Index(1), key("x")]),
            Some((2, 18))
        );
        assert_eq!(
            line_column(text, &[key("b"), key("c"), Step::Index(2)]),
            Some((3, 26))
        );
        assert_eq!(line_column(text, &[key("zz")]), None);
        assert_eq!(line_column(text, &[key("a"), Step::Index(5)]), None);
        assert_eq!(path_string(&[key("b"), key("c"), Step::Index(2)]), "b.c[2]");
        assert_eq!(
            value_text(text, &[key("a"), Step::Index(1)]),
            Some("{\"x\": \"y\"}")
        );
        assert_eq!(
            value_text(text, &[key("b"), key("c")]),
            Some("[true, \"é\", \"d\"]")
        );
        assert_eq!(
            element_texts(text, &[key("b"), key("c")]),
            Some(vec!["true", "\"é\"", "\"d\""])
        );
        assert_eq!(element_texts(text, &[key("a")]).map(|v| v.len()), Some(2));
    }
}
