//! A tiny SVG writer: escaping and number formatting for attributes.

use std::fmt::Write;

/// Escapes text for SVG/XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal.
pub fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// A short id unique to a chart (`kind` and its title): the prefix of
/// its pattern ids, so two charts on one page never share an id.
pub fn uid(kind: &str, title: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in kind.bytes().chain(title.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{kind}{h:08x}")
}

/// An SVG document being built.
pub struct Svg {
    buf: String,
}

/// Default font stack (Be Vietnam Pro, then fonts with Vietnamese glyphs).
pub const FONT: &str = "'Be Vietnam Pro','Noto Sans','DejaVu Sans',Arial,sans-serif";

impl Svg {
    /// Starts a document of the given size (its viewBox: no fixed width,
    /// a page scales it) with an accessible title.
    pub fn new(width: f64, height: f64, title: &str, class: &str) -> Self {
        let mut buf = String::new();
        let _ = write!(
            buf,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" class="{class}" font-family="{FONT}" font-size="13"><title>{t}</title>"#,
            w = n(width),
            h = n(height),
            t = esc(title),
            class = esc(class),
        );
        Self { buf }
    }

    /// Appends raw markup (already escaped).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.buf.push_str(s);
        self
    }

    /// A text element.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, attrs: &str, content: &str) -> &mut Self {
        let _ = write!(
            self.buf,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" {attrs}>{}</text>"#,
            n(x),
            n(y),
            esc(content)
        );
        self
    }

    /// A line.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) -> &mut Self {
        let _ = write!(
            self.buf,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {attrs}/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
        self
    }

    /// A rectangle.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: &str) -> &mut Self {
        let _ = write!(
            self.buf,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}/>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
        self
    }

    /// A rectangle with a tooltip.
    pub fn rect_titled(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        attrs: &str,
        tooltip: &str,
    ) -> &mut Self {
        let _ = write!(
            self.buf,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}><title>{}</title></rect>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            esc(tooltip)
        );
        self
    }

    /// Closes and returns the document.
    pub fn finish(mut self) -> String {
        self.buf.push_str("</svg>");
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_rounds_coordinates() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(n(1.04), "1");
        assert_eq!(n(1.25), "1.3");
        assert_eq!(n(-0.0), "0");
    }
}
