//! The briefing as Markdown: figures link to their table rows (`#t1-24`),
//! tables as pipe tables with a row key column, charts left out (they are
//! SVG; the HTML and PDF carry them).

use crate::html::anchor;
use crate::model::{Briefing, Run};

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Renders the document.
pub fn render(b: &Briefing) -> String {
    let mut m = format!("# {}\n\n_{}_\n\n", b.title, b.subtitle);
    if let Some(n) = &b.notice {
        m.push_str(&format!("> **{n}**\n\n"));
    }
    for s in &b.sections {
        m.push_str(&format!("## {}\n\n", s.heading));
        for p in &s.paragraphs {
            for r in &p.0 {
                match r {
                    Run::Text(t) => m.push_str(t),
                    Run::Figure { text, table, row } => {
                        m.push_str(&format!("[{text}](#{})", anchor(table, row)))
                    }
                }
            }
            m.push_str("\n\n");
        }
    }
    for t in &b.tables {
        m.push_str(&format!(
            "### {}\n\n| | {} |\n|---|{}|\n",
            t.caption,
            t.columns
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | "),
            vec!["---"; t.columns.len()].join("|")
        ));
        for r in &t.rows {
            m.push_str(&format!(
                "| <a id=\"{}\"></a> | {} |\n",
                anchor(&t.id, &r.id),
                r.cells
                    .iter()
                    .map(|c| cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        m.push('\n');
    }
    m.push_str(&format!("{}\n", b.sources));
    m
}
