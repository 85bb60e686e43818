//! The briefing as PDF, typeset by Typst (as a library, no files written)
//! with the embedded Be Vietnam Pro font (SIL Open Font License 1.1,
//! `data/fonts/OFL.txt`), so Vietnamese diacritics render the same on every
//! machine. Figures link to their table rows and carry an endnote number
//! naming the row; charts are the same SVG as in the HTML.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::html::anchor;
use crate::model::{Briefing, Run, unbroken};

const FONTS: [&[u8]; 3] = [
    congthuong_charts::fonts::REGULAR,
    congthuong_charts::fonts::BOLD,
    congthuong_charts::fonts::ITALIC,
];

/// Why the PDF could not be made (a bug in the generated markup, if ever).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("typesetting the PDF failed: {0}")]
pub struct PdfError(pub String);

/// A string literal in Typst code: only `\` and `"` need escaping.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The endnote number of each (table, row) a figure points at, in the
/// order figures first cite them.
fn endnotes(b: &Briefing) -> Vec<(String, String)> {
    let mut notes: Vec<(String, String)> = Vec::new();
    for r in b
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .flat_map(|p| &p.0)
    {
        if let Run::Figure { table, row, .. } = r
            && !notes.iter().any(|(t, w)| t == table && w == row)
        {
            notes.push((table.clone(), row.clone()));
        }
    }
    notes
}

/// The Typst source of the briefing; charts are `chart-N.svg` files.
///
/// Layout choices (issue 14 item 7): a figure in the text carries a small
/// superscript number, its endnote, instead of a footnote (forty footnotes
/// crowded pages 1–2); the endnotes ("Bảng 1, dòng 3") come after the
/// tables, each cited row once, and both the figure and its note link to
/// the row. Tables are set ragged-right (narrow cells are never
/// justified); the key projects' table has proportional columns. The map
/// has a page of its own, as large as the page allows.
pub fn markup(b: &Briefing) -> String {
    let vi = b.lang == "vi";
    let notes = endnotes(b);
    let note_of = |table: &str, row: &str| {
        notes
            .iter()
            .position(|(t, w)| t == table && w == row)
            .map_or(0, |i| i + 1)
    };
    let mut m = String::new();
    m.push_str(&format!(
        "#set document(title: {})\n#set page(paper: \"a4\", margin: (x: 2cm, y: 2cm), numbering: \"1\")\n#set text(font: \"Be Vietnam Pro\", size: 10.5pt, lang: {})\n#set par(justify: true)\n#show table: set par(justify: false)\n#show table: set text(size: 9pt)\n#show link: set text(fill: rgb(\"#1a4f8b\"))\n",
        lit(&b.title),
        lit(b.lang)
    ));
    m.push_str(&format!(
        "#text(size: 17pt, weight: \"bold\")[#{}]\n\n#text(fill: rgb(\"#5b6875\"))[#{}]\n\n",
        lit(&b.title),
        lit(&b.subtitle)
    ));
    if let Some(n) = &b.notice {
        m.push_str(&format!("#block(fill: rgb(\"#fff4ce\"), stroke: rgb(\"#e6c200\"), inset: 6pt, width: 100%)[#strong[#{}]]\n\n", lit(n)));
    }
    for s in &b.sections {
        m.push_str(&format!("#heading(level: 2)[#{}]\n", lit(&s.heading)));
        for p in &s.paragraphs {
            for r in &p.0 {
                match r {
                    Run::Text(t) => m.push_str(&format!("#{}", lit(&unbroken(t)))),
                    Run::Figure { text, table, row } => {
                        m.push_str(&format!(
                            "#link(<{}>)[#{}]#super[#link(<note-{n}>)[{n}]]",
                            anchor(table, row),
                            lit(&unbroken(text)),
                            n = note_of(table, row)
                        ));
                    }
                }
            }
            m.push_str("\n\n");
        }
    }
    for (i, c) in b.charts.iter().enumerate() {
        if c.svg.contains("class=\"chart map\"") {
            // A page of its own, the map as tall as the page allows.
            m.push_str(&format!(
                "#page(margin: (x: 1.2cm, y: 1.2cm))[#figure(image(\"chart-{i}.svg\", height: 25.2cm), caption: [#{}], supplement: none, numbering: none)]\n\n",
                lit(&c.caption)
            ));
        } else {
            m.push_str(&format!("#figure(image(\"chart-{i}.svg\", width: 11cm), caption: [#{}], supplement: none, numbering: none)\n\n", lit(&c.caption)));
        }
    }
    for t in &b.tables {
        m.push_str(&format!(
            "#block(breakable: true)[#text(weight: \"bold\")[#{}]]\n",
            lit(&t.caption)
        ));
        let cols = t.columns.len();
        let align = (0..cols)
            .map(|i| {
                if i == 0 || (i == 1 && t.columns[0] == "#") || (t.id == "t8" && i < 4) {
                    "left"
                } else {
                    "right"
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let widths = if t.id == "t8" {
            "(2.4fr, 1.2fr, 2fr, 2fr, auto, auto)".to_owned()
        } else {
            cols.to_string()
        };
        m.push_str(&format!("#table(columns: {widths}, align: ({align}), stroke: 0.4pt + rgb(\"#c8d0d8\"), inset: 4pt,\n"));
        let header: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("[#strong[#{}]]", lit(c)))
            .collect();
        m.push_str(&format!("  table.header({}),\n", header.join(", ")));
        for r in &t.rows {
            for (j, c) in r.cells.iter().enumerate() {
                if j == 0 {
                    m.push_str(&format!(
                        "  [#metadata(none) <{}>#{}],",
                        anchor(&t.id, &r.id),
                        lit(c)
                    ));
                } else {
                    m.push_str(&format!(" [#{}],", lit(c)));
                }
            }
            m.push('\n');
        }
        m.push_str(")\n\n");
    }
    if !notes.is_empty() {
        m.push_str(&format!(
            "#heading(level: 2)[#{}]\n#text(size: 8.5pt)[#grid(columns: (1fr, 1fr, 1fr), column-gutter: 10pt, row-gutter: 4pt,\n",
            lit(if vi {
                "Ghi chú: nguồn của từng số liệu"
            } else {
                "Notes: where each figure comes from"
            })
        ));
        for (i, (table, row)) in notes.iter().enumerate() {
            let t = b.tables.iter().position(|x| &x.id == table);
            let r = t.and_then(|ti| b.tables[ti].row_number(row));
            let text = match (t, r) {
                (Some(ti), Some(r)) if vi => format!("Bảng {}, dòng {}.", ti + 1, r),
                (Some(ti), Some(r)) => format!("Table {}, row {}.", ti + 1, r),
                _ => String::new(),
            };
            m.push_str(&format!(
                "  [#metadata(none) <note-{n}>{n}. #link(<{}>)[#{}]],\n",
                anchor(table, row),
                lit(&text),
                n = i + 1
            ));
        }
        m.push_str(")]\n\n");
    }
    m.push_str(&format!(
        "#text(size: 8.5pt, fill: rgb(\"#5b6875\"))[#{}]\n",
        lit(&b.sources)
    ));
    m
}

struct Doc {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

fn file_id(name: &str) -> FileId {
    FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(name).unwrap_or_else(|e| panic!("virtual path {name}: {e:?}")),
    ))
}

impl World for Doc {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(std::path::PathBuf::from(
                id.get().vpath().get_without_slash(),
            )))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, b)| b.clone())
            .ok_or_else(|| {
                FileError::NotFound(std::path::PathBuf::from(
                    id.get().vpath().get_without_slash(),
                ))
            })
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets the briefing.
pub fn render(b: &Briefing) -> Result<Vec<u8>, PdfError> {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|f| Font::iter(Bytes::new(*f)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    let files = b
        .charts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                file_id(&format!("chart-{i}.svg")),
                Bytes::new(c.svg.clone().into_bytes()),
            )
        })
        .collect();
    let doc = Doc {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(book),
        fonts,
        main: Source::new(file_id("briefing.typ"), markup(b)),
        files,
    };
    let paged = typst::compile::<PagedDocument>(&doc)
        .output
        .map_err(|errors| {
            PdfError(
                errors
                    .iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
    typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        PdfError(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
