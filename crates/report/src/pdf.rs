//! The briefing as PDF, typeset by Typst (as a library, no files written)
//! with the embedded Be Vietnam Pro font (SIL Open Font License 1.1,
//! `data/fonts/OFL.txt`), so Vietnamese diacritics render the same on every
//! machine. Figures link to their table rows and carry a footnote naming
//! the row; charts are the same SVG as in the HTML.

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
    include_bytes!("../../../data/fonts/BeVietnamPro_400Regular.ttf"),
    include_bytes!("../../../data/fonts/BeVietnamPro_700Bold.ttf"),
    include_bytes!("../../../data/fonts/BeVietnamPro_400Regular_Italic.ttf"),
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

/// The Typst source of the briefing; charts are `chart-N.svg` files.
pub fn markup(b: &Briefing) -> String {
    let vi = b.lang == "vi";
    let mut m = String::new();
    m.push_str(&format!(
        "#set document(title: {})\n#set page(paper: \"a4\", margin: (x: 2cm, y: 2cm), numbering: \"1\")\n#set text(font: \"Be Vietnam Pro\", size: 10.5pt, lang: {})\n#set par(justify: true)\n#show link: set text(fill: rgb(\"#1a4f8b\"))\n",
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
                        let t = b.tables.iter().position(|t| &t.id == table);
                        let n = t.and_then(|i| b.tables[i].row_number(row));
                        let note = match (t, n) {
                            (Some(i), Some(n)) if vi => format!("Bảng {}, dòng {}.", i + 1, n),
                            (Some(i), Some(n)) => format!("Table {}, row {}.", i + 1, n),
                            _ => String::new(),
                        };
                        m.push_str(&format!(
                            "#link(<{}>)[#{}]#footnote[#{}]",
                            anchor(table, row),
                            lit(&unbroken(text)),
                            lit(&note)
                        ));
                    }
                }
            }
            m.push_str("\n\n");
        }
    }
    for (i, c) in b.charts.iter().enumerate() {
        let size = if c.svg.contains("class=\"chart map\"") {
            "height: 55%"
        } else {
            "width: 100%"
        };
        m.push_str(&format!("#figure(image(\"chart-{i}.svg\", {size}), caption: [#{}], supplement: none, numbering: none)\n\n", lit(&c.caption)));
    }
    for t in &b.tables {
        m.push_str(&format!(
            "#block(breakable: true)[#text(weight: \"bold\")[#{}]]\n",
            lit(&t.caption)
        ));
        let cols = t.columns.len();
        let align = (0..cols)
            .map(|i| {
                if i == 0 || (i == 1 && t.columns[0] == "#") {
                    "left"
                } else {
                    "right"
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        m.push_str(&format!("#table(columns: {cols}, align: ({align}), stroke: 0.4pt + rgb(\"#c8d0d8\"), inset: 4pt,\n"));
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
