//! The briefing as one self-contained HTML page: figures link to the table
//! rows they come from, charts are inline SVG, the style prints well.

use crate::model::{Briefing, Run, unbroken};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The anchor of a table row.
pub fn anchor(table: &str, row: &str) -> String {
    let safe: String = row
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{table}-{safe}")
}

const STYLE: &str = "body{font-family:'Be Vietnam Pro','Noto Sans','DejaVu Sans',Arial,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem;color:#1d2731;line-height:1.55}h1{font-size:1.5rem;margin-bottom:.2rem}.sub{color:#5b6875;margin-top:0}.notice{background:#fff4ce;border:1px solid #e6c200;padding:.4rem .6rem;font-weight:600}a.fig{color:#1a4f8b;text-decoration:none;border-bottom:1px dotted #1a4f8b;font-variant-numeric:tabular-nums}table{border-collapse:collapse;width:100%;margin:.6rem 0 1.4rem;font-size:.9rem}th,td{border-bottom:1px solid #d9e0e6;padding:.25rem .4rem;text-align:left}td:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}tr:target{background:#fff4ce}caption{text-align:left;font-weight:600;padding:.3rem 0}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}.map svg{max-height:900px}.sources{color:#5b6875;font-size:.85rem}@media print{a.fig{border:0;color:inherit}}";

/// Renders the page: a whole document with its style (for a file).
pub fn render(b: &Briefing) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>{}</body></html>",
        b.lang,
        esc(&b.title),
        body(b)
    )
}

/// The content alone (headings, text, charts, tables, sources), with no
/// style of its own: what the dashboard shows inside its own layout.
pub fn body(b: &Briefing) -> String {
    body_with(b, &|_| Vec::new())
}

/// The same, with download links under chart `n` (1, 2, …): (label, href).
pub fn body_with(b: &Briefing, links: &dyn Fn(usize) -> Vec<(String, String)>) -> String {
    let mut h = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        esc(&b.title),
        esc(&b.subtitle)
    );
    if let Some(n) = &b.notice {
        h.push_str(&format!(
            "<p class=\"notice\" id=\"synthetic-notice\">{}</p>",
            esc(n)
        ));
    }
    for s in &b.sections {
        h.push_str(&format!("<h2>{}</h2>", esc(&s.heading)));
        for p in &s.paragraphs {
            h.push_str("<p>");
            for r in &p.0 {
                match r {
                    Run::Text(t) => h.push_str(&esc(&unbroken(t))),
                    Run::Figure { text, table, row } => h.push_str(&format!(
                        "<a class=\"fig\" href=\"#{}\">{}</a>",
                        anchor(table, row),
                        esc(&unbroken(text))
                    )),
                }
            }
            h.push_str("</p>");
        }
    }
    let vi = b.lang == "vi";
    for (i, c) in b.charts.iter().enumerate() {
        let class = if c.svg.contains("class=\"chart map\"") {
            " class=\"map\""
        } else {
            ""
        };
        let downloads = links(i + 1);
        let downloads = if downloads.is_empty() {
            String::new()
        } else {
            format!(
                "<div class=\"downloads\" data-chart-downloads>{}: {}</div>",
                if vi {
                    "Tải biểu đồ"
                } else {
                    "Download the chart"
                },
                downloads
                    .iter()
                    .map(|(l, href)| format!("<a href=\"{}\" download>{}</a>", esc(href), esc(l)))
                    .collect::<Vec<_>>()
                    .join(" · ")
            )
        };
        let mut table = format!(
            "<details class=\"chart-table\" data-chart-table><summary>{}</summary><div class=\"table-scroll\"><table><caption>{}</caption><thead><tr>",
            if vi {
                "Bảng số liệu của hình"
            } else {
                "The figure's data"
            },
            esc(&c.table.caption)
        );
        for col in &c.table.columns {
            table.push_str(&format!("<th scope=\"col\">{}</th>", esc(col)));
        }
        table.push_str("</tr></thead><tbody>");
        for r in &c.table.rows {
            table.push_str("<tr>");
            for (j, cell) in r.cells.iter().enumerate() {
                if j == 0 {
                    table.push_str(&format!("<th scope=\"row\">{}</th>", esc(cell)));
                } else {
                    table.push_str(&format!("<td>{}</td>", esc(cell)));
                }
            }
            table.push_str("</tr>");
        }
        table.push_str("</tbody></table></div></details>");
        h.push_str(&format!(
            "<figure{class} id=\"figure-{}\">{}<figcaption>{}{downloads}{table}</figcaption></figure>",
            i + 1,
            c.svg,
            esc(&c.caption)
        ));
    }
    for t in &b.tables {
        h.push_str(&format!(
            "<table id=\"{}\"><caption>{}</caption><thead><tr>",
            t.id,
            esc(&t.caption)
        ));
        for c in &t.columns {
            h.push_str(&format!("<th>{}</th>", esc(c)));
        }
        h.push_str("</tr></thead><tbody>");
        for r in &t.rows {
            h.push_str(&format!("<tr id=\"{}\">", anchor(&t.id, &r.id)));
            for c in &r.cells {
                h.push_str(&format!("<td>{}</td>", esc(c)));
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
    }
    h.push_str(&format!("<p class=\"sources\">{}</p>", esc(&b.sources)));
    h
}
