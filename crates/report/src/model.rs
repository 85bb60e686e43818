//! The briefing as a document model, independent of the output format:
//! sections of paragraphs whose figures point at the table rows they come
//! from, the tables themselves, and charts as SVG.

use serde::Serialize;

/// A piece of a paragraph.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub enum Run {
    /// Plain text.
    Text(String),
    /// A figure, traceable to a table row.
    Figure {
        /// The figure as written ("+44,2 %").
        text: String,
        /// The table's id.
        table: String,
        /// The row's id in that table.
        row: String,
    },
}

/// A paragraph.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Paragraph(pub Vec<Run>);

/// Text as typeset: the space before a unit (`%`) does not break, so
/// "10,3 %" never ends one line and starts the next with "%".
pub fn unbroken(s: &str) -> String {
    s.replace(" %", "\u{a0}%")
}

impl Paragraph {
    /// Appends text.
    pub fn text(mut self, s: impl Into<String>) -> Self {
        self.0.push(Run::Text(s.into()));
        self
    }

    /// Appends a figure from a table row.
    pub fn fig(mut self, text: impl Into<String>, table: &str, row: &str) -> Self {
        self.0.push(Run::Figure {
            text: text.into(),
            table: table.to_owned(),
            row: row.to_owned(),
        });
        self
    }

    /// The paragraph as plain text.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|r| match r {
                Run::Text(t) => t.as_str(),
                Run::Figure { text, .. } => text.as_str(),
            })
            .collect()
    }
}

/// A section.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Section {
    /// Its heading.
    pub heading: String,
    /// Its paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// A table row with an id figures can point at.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Row {
    /// Unique within the table.
    pub id: String,
    /// Cells, as written.
    pub cells: Vec<String>,
}

/// A numbered table.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Table {
    /// Its id (`t1`, …).
    pub id: String,
    /// "Bảng 1. …"
    pub caption: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// The 1-based position of a row, for footnotes.
    pub fn row_number(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id).map(|i| i + 1)
    }
}

/// A chart.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Chart {
    /// Caption.
    pub caption: String,
    /// The SVG document.
    pub svg: String,
    /// The chart's figures as a table (shown under the chart in HTML;
    /// the PDF and Markdown carry the same figures in the numbered tables).
    pub table: Table,
}

/// The briefing.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Briefing {
    /// `vi` or `en`.
    pub lang: &'static str,
    /// Title.
    pub title: String,
    /// Subtitle (period, release).
    pub subtitle: String,
    /// The synthetic-data notice, when the figures are demo data.
    pub notice: Option<String>,
    /// The text.
    pub sections: Vec<Section>,
    /// Charts.
    pub charts: Vec<Chart>,
    /// Tables (the annex).
    pub tables: Vec<Table>,
    /// Method and sources note.
    pub sources: String,
}

impl Briefing {
    /// Every figure points at an existing table row.
    pub fn dangling_figures(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for s in &self.sections {
            for p in &s.paragraphs {
                for r in &p.0 {
                    if let Run::Figure { table, row, .. } = r
                        && !self
                            .tables
                            .iter()
                            .any(|t| &t.id == table && t.row_number(row).is_some())
                    {
                        out.push((table.clone(), row.clone()));
                    }
                }
            }
        }
        out
    }
}
