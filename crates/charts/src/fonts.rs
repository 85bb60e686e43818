//! The embedded Be Vietnam Pro font (SIL Open Font License 1.1,
//! `data/fonts/OFL.txt`): the one font every chart is drawn, measured and
//! rasterised with, so a label's box is the same in the browser (served as
//! a web font), the PNG and the PDF. No system font is ever read.

use std::sync::LazyLock;

/// Regular (400).
pub const REGULAR: &[u8] = include_bytes!("../../../data/fonts/BeVietnamPro_400Regular.ttf");
/// Bold (700).
pub const BOLD: &[u8] = include_bytes!("../../../data/fonts/BeVietnamPro_700Bold.ttf");
/// Italic (400).
pub const ITALIC: &[u8] = include_bytes!("../../../data/fonts/BeVietnamPro_400Regular_Italic.ttf");

/// The family name charts ask for first.
pub const FAMILY: &str = "Be Vietnam Pro";

struct Metrics {
    units_per_em: f64,
    /// Advance of each char (by code point), in font units; missing
    /// characters take the advance of "M".
    advance: std::collections::HashMap<char, u16>,
    fallback: u16,
}

fn metrics(bytes: &[u8]) -> Metrics {
    let face = ttf_parser::Face::parse(bytes, 0)
        .unwrap_or_else(|e| panic!("the embedded font does not parse: {e}"));
    let adv = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
    let fallback = adv('M').unwrap_or(face.units_per_em());
    let mut advance = std::collections::HashMap::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                if let Some(c) = char::from_u32(cp)
                    && let Some(a) = adv(c)
                {
                    advance.insert(c, a);
                }
            });
        }
    }
    Metrics {
        units_per_em: f64::from(face.units_per_em()),
        advance,
        fallback,
    }
}

static REGULAR_METRICS: LazyLock<Metrics> = LazyLock::new(|| metrics(REGULAR));
static BOLD_METRICS: LazyLock<Metrics> = LazyLock::new(|| metrics(BOLD));

/// The width of `text` set in Be Vietnam Pro at `size` (user units), by
/// the glyphs' advances (no kerning: a little wider than set, never narrower
/// by more than the font's kerning).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let m = if bold {
        &*BOLD_METRICS
    } else {
        &*REGULAR_METRICS
    };
    let units: u64 = text
        .chars()
        .map(|c| u64::from(*m.advance.get(&c).unwrap_or(&m.fallback)))
        .sum();
    units as f64 / m.units_per_em * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_cover_vietnamese() {
        let a = text_width("Hà Nội", 10.0, false);
        assert!(a > 25.0 && a < 45.0, "{a}");
        assert!((text_width("Hà Nội", 20.0, false) - 2.0 * a).abs() < 1e-9);
        assert!(text_width("Hà Nội", 10.0, true) > a);
        // Precomposed Vietnamese letters have their own advances.
        assert!(REGULAR_METRICS.advance.contains_key(&'ộ'));
        assert!(REGULAR_METRICS.advance.contains_key(&'Đ'));
    }
}
