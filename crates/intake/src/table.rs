//! Small CSV files (products, weights, groups) read by column name with
//! line numbers for every error.

use std::path::Path;

use crate::error::{InputError, InputErrors};

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
    let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(path) {
        Ok(r) => r,
        Err(e) => {
            return errors.push(
                InputError::file(label, format!("cannot read {}: {e}", path.display())),
                cap,
            );
        }
    };
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
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                errors.push(
                    InputError::at(label, line, None, format!("malformed CSV: {e}")),
                    cap,
                );
                continue;
            }
        }
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
