//! A figure table as text cells: what CSV and XLSX downloads are made of.
//! Numbers are written at full precision (`f64` shortest round-trip), an
//! absent figure as an empty cell; rounding is for display only.

/// A header and rows of text cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column names (machine names: `yoy_pct`, `name_vi`, …).
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns and no rows.
    pub fn new(columns: &[&str]) -> Self {
        Self {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A number cell: full precision, empty when absent.
pub fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// `100 × (current / previous − 1)`, when both are there and previous ≠ 0.
pub fn growth_of(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    match (current, previous) {
        (Some(c), Some(p)) if p != 0.0 => Some(100.0 * (c / p - 1.0)),
        _ => None,
    }
}
