//! Choropleth maps of the provinces on either boundary version, drawn from
//! the pre-projected, simplified outlines in `data/geo/svg` (made by
//! `tools/make_svg_paths.py` from geoBoundaries, CC BY-SA 4.0). The Hoàng
//! Sa and Trường Sa archipelagos are drawn in two insets, coloured like the
//! province that administers them (Đà Nẵng, Khánh Hòa); every map carries
//! the attribution the boundary licence asks for.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::LazyLock;

use congthuong_core::display::signed_percent;
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};

use crate::scale::ColorScale;
use crate::svg::{FONT, esc, n};

const PRE2025: &str = include_str!("../../../data/geo/svg/map_pre2025.csv");
const V2025: &str = include_str!("../../../data/geo/svg/map_2025.csv");
const META: &str = include_str!("../../../data/geo/svg/map_meta.json");

#[derive(serde::Deserialize)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(serde::Deserialize)]
struct Anchor {
    x: f64,
    y: f64,
}

#[derive(serde::Deserialize)]
struct Inset {
    rect: Rect,
    label_vi: String,
    label_en: String,
    label_anchor: Anchor,
}

#[derive(serde::Deserialize)]
struct Meta {
    width: f64,
    height: f64,
    insets: Vec<Inset>,
    labels: BTreeMap<String, serde_json::Value>,
    attribution_parts: BTreeMap<String, String>,
    change_note_by_layer: BTreeMap<String, String>,
}

struct Layer {
    /// (code, part, path data)
    paths: Vec<(AreaCode, String, String)>,
    labels: BTreeMap<AreaCode, (f64, f64)>,
}

struct MapData {
    meta: Meta,
    pre2025: Layer,
    v2025: Layer,
}

fn layer(csv_text: &str, meta: &Meta, key: &str) -> Layer {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let paths = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap_or_else(|e| panic!("embedded map data is malformed: {e}"));
            let code =
                AreaCode::parse(&rec[0]).unwrap_or_else(|e| panic!("embedded map code: {e}"));
            (code, rec[1].to_owned(), rec[2].to_owned())
        })
        .collect();
    let labels = meta
        .labels
        .get(key)
        .and_then(|v| v.as_object())
        .map_or_else(BTreeMap::new, |o| {
            o.iter()
                .filter_map(|(k, v)| {
                    Some((
                        AreaCode::parse(k).ok()?,
                        (v.get("x")?.as_f64()?, v.get("y")?.as_f64()?),
                    ))
                })
                .collect()
        });
    Layer { paths, labels }
}

static DATA: LazyLock<MapData> = LazyLock::new(|| {
    let meta: Meta = serde_json::from_str(META)
        .unwrap_or_else(|e| panic!("embedded map_meta.json is malformed: {e}"));
    let pre2025 = layer(PRE2025, &meta, "pre2025");
    let v2025 = layer(V2025, &meta, "2025");
    MapData {
        meta,
        pre2025,
        v2025,
    }
});

/// The attribution the boundary licence asks for, for a version.
pub fn attribution(version: BoundaryVersion) -> String {
    let m = &DATA.meta;
    let key = version.as_str();
    format!(
        "{} {} {}",
        m.attribution_parts.get("source").map_or("", String::as_str),
        m.change_note_by_layer.get(key).map_or("", String::as_str),
        m.attribution_parts
            .get("citation")
            .map_or("", String::as_str)
    )
}

/// A choropleth.
pub struct Choropleth<'a> {
    /// Which provinces.
    pub version: BoundaryVersion,
    /// The accessible title.
    pub title: &'a str,
    /// The value of each province (missing: grey).
    pub values: &'a BTreeMap<AreaCode, f64>,
    /// Colours.
    pub scale: &'a ColorScale,
    /// Provinces in focus (e.g. a group's members); the others are drawn pale.
    pub focus: Option<&'a [AreaCode]>,
    /// Language.
    pub lang: Lang,
    /// Decimals in tooltips.
    pub decimals: usize,
    /// The legend's heading.
    pub legend_title: &'a str,
    /// A link for each province, if any.
    pub href: Option<&'a dyn Fn(AreaCode) -> String>,
    /// Write province names on the map.
    pub labels: bool,
}

/// Renders the map as an SVG document.
pub fn choropleth(c: &Choropleth) -> String {
    let data = &*DATA;
    let geo = Geography::embedded();
    let layer = match c.version {
        BoundaryVersion::Pre2025 => &data.pre2025,
        BoundaryVersion::V2025 => &data.v2025,
    };
    let (w, h) = (data.meta.width, data.meta.height);
    let mut s = String::with_capacity(120_000);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" class="chart map" font-family="{FONT}" data-boundaries="{}"><title>{}</title><rect width="100%" height="100%" fill="#f4f8fb"/>"##,
        n(w),
        n(h),
        c.version,
        esc(c.title)
    );
    for inset in &data.meta.insets {
        let r = &inset.rect;
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#e8eef4" stroke="#7a8a99" stroke-width="0.8"/>"##,
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h)
        );
        let label = c.lang.pick(&inset.label_vi, &inset.label_en);
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="7.5" fill="#333">{}</text>"##,
            n(inset.label_anchor.x),
            n(inset.label_anchor.y),
            esc(label)
        );
    }
    for (code, part, d) in &layer.paths {
        let value = c.values.get(code).copied();
        let name = geo
            .province(*code, c.version)
            .map_or(code.as_str(), |p| p.short_name_vi.as_str());
        let name = if c.lang == Lang::En {
            geo.province(*code, c.version)
                .map_or(code.as_str(), |p| p.name_ascii.as_str())
        } else {
            name
        };
        let faded = c.focus.is_some_and(|f| !f.contains(code));
        let opacity = if faded { r#" fill-opacity="0.3""# } else { "" };
        let tip = format!("{name}: {}", signed_percent(value, c.decimals, c.lang));
        let path = format!(
            r##"<path d="{d}" fill="{}"{opacity} stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round" data-code="{code}" data-part="{}"><title>{}</title></path>"##,
            c.scale.color(value),
            esc(part),
            esc(&tip)
        );
        match c.href {
            Some(href) => {
                let _ = write!(s, r#"<a href="{}">{path}</a>"#, esc(&href(*code)));
            }
            None => s.push_str(&path),
        }
    }
    if let Some(focus) = c.focus {
        // Outline the focus provinces on top so their borders read clearly.
        for (code, part, d) in layer
            .paths
            .iter()
            .filter(|(code, part, _)| part == "main" && focus.contains(code))
        {
            let _ = write!(
                s,
                r##"<path d="{d}" fill="none" stroke="#2b3a4a" stroke-width="0.7" pointer-events="none" data-outline="{code}" data-part="{}"/>"##,
                esc(part)
            );
        }
    }
    if c.labels {
        for (code, (x, y)) in &layer.labels {
            if c.focus.is_some_and(|f| !f.contains(code)) {
                continue;
            }
            let name = geo.province(*code, c.version).map_or(code.as_str(), |p| {
                if c.lang == Lang::En {
                    p.name_ascii.as_str()
                } else {
                    p.short_name_vi.as_str()
                }
            });
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" text-anchor="middle" font-size="8" fill="#1d2731" pointer-events="none">{}</text>"##,
                n(*x),
                n(y + 3.0),
                esc(name)
            );
        }
    }
    // Legend, in the empty area west of the central provinces.
    let (lx, ly) = (12.0, 560.0);
    let _ = write!(
        s,
        r##"<text x="{}" y="{}" font-size="11" font-weight="600" fill="#222">{}</text>"##,
        n(lx),
        n(ly),
        esc(c.legend_title)
    );
    let unit = " %";
    for (i, (color, label)) in c.scale.legend(c.lang, unit).iter().enumerate().rev() {
        let row = (c.scale.legend(c.lang, unit).len() - 1 - i) as f64;
        let y = ly + 8.0 + row * 16.0;
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="16" height="12" fill="{color}" stroke="#999" stroke-width="0.4"/><text x="{}" y="{}" font-size="10" fill="#222">{}</text>"##,
            n(lx),
            n(y),
            n(lx + 22.0),
            n(y + 10.0),
            esc(label)
        );
    }
    let no_data = c.lang.pick("Không có số liệu", "No data");
    let y = ly + 8.0 + c.scale.legend(c.lang, unit).len() as f64 * 16.0;
    let _ = write!(
        s,
        r##"<rect x="{}" y="{}" width="16" height="12" fill="{}" stroke="#999" stroke-width="0.4"/><text x="{}" y="{}" font-size="10" fill="#222">{}</text>"##,
        n(lx),
        n(y),
        crate::scale::NO_DATA,
        n(lx + 22.0),
        n(y + 10.0),
        esc(no_data)
    );
    // Attribution (CC BY-SA 4.0), wrapped over three lines at the foot.
    let credit = c.lang.pick(
        "Ranh giới tỉnh: geoBoundaries (CC BY-SA 4.0), đã đơn giản hoá",
        "Province boundaries: geoBoundaries (CC BY-SA 4.0), simplified",
    );
    let _ = write!(
        s,
        r##"<text x="8" y="{}" font-size="7" fill="#555"><title>{}</title>{}</text>"##,
        n(h - 8.0),
        esc(&attribution(c.version)),
        esc(credit)
    );
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(version: BoundaryVersion) -> BTreeMap<AreaCode, f64> {
        Geography::embedded()
            .provinces(version)
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code, i as f64 - 5.0))
            .collect()
    }

    #[test]
    fn both_layers_draw_every_province_and_the_archipelagos() {
        for (version, count) in [(BoundaryVersion::Pre2025, 63), (BoundaryVersion::V2025, 34)] {
            let v = values(version);
            let svg = choropleth(&Choropleth {
                version,
                title: "IIP",
                values: &v,
                scale: &ColorScale::growth(),
                focus: None,
                lang: Lang::Vi,
                decimals: 1,
                legend_title: "Tăng trưởng",
                href: None,
                labels: true,
            });
            let codes: std::collections::BTreeSet<&str> =
                svg.split("data-code=\"").skip(1).map(|s| &s[..2]).collect();
            assert_eq!(codes.len(), count);
            assert!(svg.contains("inset_hoang_sa") && svg.contains("inset_truong_sa"));
            assert!(svg.contains("Quần đảo Hoàng Sa") && svg.contains("Quần đảo Trường Sa"));
            assert!(svg.contains("CC BY-SA 4.0"));
            assert!(svg.len() < 200_000, "{} bytes", svg.len());
        }
        assert!(attribution(BoundaryVersion::V2025).contains("Merged into the 34 provinces"));
    }

    #[test]
    fn focus_fades_the_others_and_links_are_escaped() {
        let v = values(BoundaryVersion::V2025);
        let focus = [AreaCode::parse("24").unwrap()];
        let link = |c: AreaCode| format!("/tinh/{c}?lang=vi&x=1");
        let svg = choropleth(&Choropleth {
            version: BoundaryVersion::V2025,
            title: "t",
            values: &v,
            scale: &ColorScale::growth(),
            focus: Some(&focus),
            lang: Lang::En,
            decimals: 1,
            legend_title: "Growth",
            href: Some(&link),
            labels: false,
        });
        assert_eq!(
            svg.matches("fill-opacity=\"0.3\"").count(),
            33 + 2,
            "33 other provinces, plus the insets of 48 and 56"
        );
        assert!(svg.contains("/tinh/24?lang=vi&amp;x=1") && svg.contains("data-outline=\"24\""));
        assert!(svg.contains("Hoàng Sa archipelago"));
    }
}
