//! Small CSV files (products, weights, groups) read by column name with
//! line numbers for every error.

use std::path::Path;

use crate::error::{InputError, InputErrors};
use crate::file_lines::FileLines;

/// One data row: its file line and the required columns' values, in the
/// order they were asked for.
pub struct Row<'a> {
    /// 1-based file line (the header is line 1).
    pub line: u64,
    /// The values of the required columns, trimmed.
    pub values: Vec<&'a str>,
}

/// A problem with one row: the column at fault and why.
pub type RowError = (&'static str, String);

/// Reads `path` (named `label` in errors), checks that every `required`
/// column is in the header, and calls `each` for every data row. Rows
/// that fail (malformed CSV, invalid UTF-8, or `each` returning an error)
/// are added to `errors` (up to `cap`).
pub fn read_table(
    path: &Path,
    label: &str,
    required: &[&'static str],
    errors: &mut InputErrors,
    cap: usize,
    mut each: impl FnMut(&Row) -> Result<(), RowError>,
) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return errors.push(
                InputError::file(label, format!("cannot read {}: {e}", path.display())),
                cap,
            );
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut lines = FileLines::new(&bytes);
    let header: Vec<String> = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_owned())
            .collect(),
        Err(e) => {
            return errors.push(
                InputError::at(label, 1, None, format!("unreadable header: {e}")),
                cap,
            );
        }
    };
    let mut index = Vec::with_capacity(required.len());
    for name in required {
        match header.iter().position(|h| h == name) {
            Some(i) => index.push(i),
            None => errors.push(
                InputError::at(
                    label,
                    1,
                    Some(name),
                    format!(
                        "missing column {name:?} (the header has: {})",
                        header.join(",")
                    ),
                ),
                cap,
            ),
        }
    }
    if index.len() != required.len() {
        return;
    }
    let mut record = csv::ByteRecord::new();
    loop {
        let before = reader.position().byte();
        let line = match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => lines.at(record.position().map_or(before, |p| p.byte())),
            Err(e) => {
                let line = lines.at(e.position().map_or(before, |p| p.byte()));
                errors.push(
                    InputError::at(label, line, None, format!("malformed CSV: {e}")),
                    cap,
                );
                continue;
            }
        };
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        if record.len() != header.len() {
            let column = index
                .iter()
                .zip(required)
                .find(|(i, _)| **i >= record.len())
                .map(|(_, n)| *n);
            errors.push(
                InputError::at(
                    label,
                    line,
                    column,
                    format!(
                        "the line has {} fields but the header has {}",
                        record.len(),
                        header.len()
                    ),
                ),
                cap,
            );
            continue;
        }
        let mut values = Vec::with_capacity(index.len());
        let mut bad_utf8 = None;
        for (i, name) in index.iter().zip(required) {
            match std::str::from_utf8(&record[*i]) {
                Ok(v) => values.push(v.trim()),
                Err(_) => {
                    bad_utf8 = Some(*name);
                    break;
                }
            }
        }
        if let Some(name) = bad_utf8 {
            errors.push(
                InputError::at(
                    label,
                    line,
                    Some(name),
                    "not valid UTF-8 text: save the file as UTF-8 CSV",
                ),
                cap,
            );
            continue;
        }
        if let Err((column, reason)) = each(&Row { line, values }) {
            errors.push(InputError::at(label, line, Some(column), reason), cap);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<(u64, Option<String>)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        let mut errors = InputErrors::default();
        read_table(&path, "t.csv", &["a", "b"], &mut errors, 100, |row| {
            if row.values[1] == "bad" {
                Err(("b", "bad value".into()))
            } else {
                Ok(())
            }
        });
        errors
            .errors
            .iter()
            .map(|e| (e.line.unwrap_or(0), e.column.clone()))
            .collect()
    }

    #[test]
    fn errors_name_the_file_line_after_blank_lines() {
        assert_eq!(
            lines_of("a,b\n1,ok\n\n\n2,bad\n3,ok\n"),
            [(5, Some("b".to_owned()))]
        );
        assert_eq!(lines_of("a,b\n1,bad\n"), [(2, Some("b".to_owned()))]);
        // A line with too few fields, after a blank line.
        assert_eq!(lines_of("a,b\n\n1\n").first().map(|e| e.0), Some(3));
    }
}
