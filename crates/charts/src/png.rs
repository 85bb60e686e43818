//! Charts as PNG: the same SVG rasterised on the server (resvg) with the
//! embedded Be Vietnam Pro only (no system font is read), on a white
//! background, at a width the caller picks within [`MIN_WIDTH`] …
//! [`MAX_WIDTH`] pixels (so a request cannot ask for a gigapixel image).

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia;
use resvg::usvg;

use crate::fonts;

/// The narrowest PNG, in pixels.
pub const MIN_WIDTH: u32 = 200;
/// The widest PNG, in pixels.
pub const MAX_WIDTH: u32 = 2400;
/// The most pixels of one PNG (width × height: 50 MB of RGBA; the map at
/// its widest is 2400 × 5044).
pub const MAX_PIXELS: u64 = 12_500_000;

/// Why a chart could not be rasterised (a bug in the SVG, if ever).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PngError {
    /// The SVG does not parse.
    #[error("the chart's SVG does not parse: {0}")]
    Svg(String),
    /// The image would be empty or too large.
    #[error("a {0} × {1} px image is outside the limits")]
    Size(u32, u32),
    /// Encoding failed.
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
}

static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    for bytes in [fonts::REGULAR, fonts::BOLD, fonts::ITALIC] {
        db.load_font_data(bytes.to_vec());
    }
    db.set_sans_serif_family(fonts::FAMILY);
    db.set_serif_family(fonts::FAMILY);
    Arc::new(db)
});

/// Rasterises `svg` to a PNG `width` pixels wide (clamped to the limits),
/// keeping its aspect ratio.
pub fn render(svg: &str, width: u32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        font_family: fonts::FAMILY.to_owned(),
        fontdb: FONTS.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).ceil() as u32;
    if height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PngError::Size(width, height));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_text_with_the_embedded_font_within_the_limits() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><text x="10" y="30" font-family="Be Vietnam Pro" font-size="20">Hà Nội</text></svg>"##;
        let png = render(svg, 400).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        // 400 × 100 px: width and height in the IHDR chunk.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 400);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 100);
        let wide = render(svg, u32::MAX).unwrap();
        assert_eq!(
            u32::from_be_bytes(wide[16..20].try_into().unwrap()),
            MAX_WIDTH
        );
        assert!(matches!(render("<svg", 400), Err(PngError::Svg(_))));
        // The text was drawn: some pixels are not white.
        let blank = render(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"></svg>"#,
            400,
        )
        .unwrap();
        assert_ne!(png, blank);
    }
}
