//! Choropleth maps of the provinces on either boundary version, drawn from
//! the pre-projected, simplified outlines in `data/geo/svg` (made by
//! `tools/make_svg_paths.py` from geoBoundaries, CC BY-SA 4.0), with the
//! attribution the boundary licence asks for on every map.
//!
//! - **Hoàng Sa and Trường Sa** are drawn on every map, whatever the group
//!   and the boundaries, in their two insets at full opacity with a dark
//!   outline (their reefs are a pixel wide), coloured like the province
//!   that administers them (Đà Nẵng, Khánh Hòa), and captioned in the
//!   reader's language (issue 14 item 3).
//! - Colours come from a [`ColorScale`]; decline is hatched as well as
//!   coloured (a second encoding).
//! - Province names never overlap ([`crate::labels`]): set on the province
//!   where they fit, else in the nearest empty place with a leader line.
//!   Names carry the class `map-label` (leaders `map-leader`), so a page
//!   may hide them on a narrow screen, where they would be too small.
//! - The legend, captions and attribution are 17 units high or more: at
//!   least 10 px when the map is drawn 352 px wide (a 390 px phone).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::{Arc, LazyLock, Mutex};

use congthuong_core::display::signed_percent;
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};

use crate::fonts::text_width;
use crate::geometry::{Grid, Rect, Ring, area, rings};
use crate::labels::{Placed, Style, Want, place};
use crate::scale::ColorScale;
use crate::svg::{FONT, esc, n};

const PRE2025: &str = include_str!("../../../data/geo/svg/map_pre2025.csv");
const V2025: &str = include_str!("../../../data/geo/svg/map_2025.csv");
const META: &str = include_str!("../../../data/geo/svg/map_meta.json");

/// Province names' size (user units).
pub const LABEL_SIZE: f64 = 10.5;
/// The legend's, captions' and attribution's size (user units).
pub const TEXT_SIZE: f64 = 17.0;
/// The dark ink of outlines, islands and text.
const INK: &str = "#1d2731";
/// Size of the grid label placement reads (user units).
const CELL: f64 = 2.0;

/// How much an inset is drawn smaller than in the data, about its
/// bottom-right corner: Trường Sa's box shrinks by a fifth so its caption
/// fits above it in open sea (Côn Đảo, Phú Quý and the Bà Rịa–Vũng Tàu
/// coast leave no room at full size).
fn inset_scale(code: &str) -> f64 {
    if code == "56" { 0.8 } else { 1.0 }
}

/// The inset's box as drawn, and its transform (`None`: as in the data).
fn inset_geometry(i: &Inset) -> (Rect, Option<String>) {
    let k = inset_scale(&i.code);
    let (x1, y1) = (i.rect.x + i.rect.w, i.rect.y + i.rect.h);
    let r = Rect::new(
        x1 - i.rect.w * k,
        y1 - i.rect.h * k,
        i.rect.w * k,
        i.rect.h * k,
    );
    let t = (k != 1.0).then(|| {
        format!(
            "matrix({} 0 0 {} {} {})",
            k,
            k,
            n(x1 * (1.0 - k)),
            n(y1 * (1.0 - k))
        )
    });
    (r, t)
}

#[derive(serde::Deserialize)]
struct RectMeta {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(serde::Deserialize)]
struct Inset {
    code: String,
    rect: RectMeta,
    label_vi: String,
    label_en: String,
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
    /// Label anchors.
    labels: BTreeMap<AreaCode, (f64, f64)>,
    /// The provinces in grid order, with their mainland area.
    order: Vec<(AreaCode, f64)>,
    /// Who covers each cell (mainland only).
    grid: Grid,
}

struct MapData {
    meta: Meta,
    pre2025: Layer,
    v2025: Layer,
}

fn layer(csv_text: &str, meta: &Meta, key: &str) -> Layer {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let paths: Vec<(AreaCode, String, String)> = r
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
    let mains: Vec<(AreaCode, Vec<Ring>)> = paths
        .iter()
        .filter(|(_, part, _)| part == "main")
        .map(|(c, _, d)| (*c, rings(d)))
        .collect();
    let order = mains
        .iter()
        .map(|(c, rs)| (*c, rs.iter().map(|r| area(r)).sum()))
        .collect();
    let shapes: Vec<Vec<Ring>> = mains.into_iter().map(|(_, rs)| rs).collect();
    let grid = Grid::new(meta.width, meta.height, CELL, &shapes);
    Layer {
        paths,
        labels,
        order,
        grid,
    }
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

fn layer_of(version: BoundaryVersion) -> &'static Layer {
    match version {
        BoundaryVersion::Pre2025 => &DATA.pre2025,
        BoundaryVersion::V2025 => &DATA.v2025,
    }
}

/// The attribution the boundary licence asks for, for a version, in the
/// reader's language (the source's own citation stays as published).
pub fn attribution_in(version: BoundaryVersion, lang: Lang) -> String {
    match lang {
        Lang::En => attribution(version),
        Lang::Vi => {
            let note = match version {
                BoundaryVersion::Pre2025 => {
                    "congthuong đã đơn giản hoá và chiếu lại; Hoàng Sa và Trường Sa vẽ trong khung riêng."
                }
                BoundaryVersion::V2025 => {
                    "congthuong đã gộp thành 34 tỉnh, thành từ ngày 1/7/2025 và đơn giản hoá; Hoàng Sa và Trường Sa vẽ trong khung riêng."
                }
            };
            format!(
                "Ranh giới tỉnh: geoBoundaries gbOpen, Việt Nam cấp tỉnh (VNM-ADM1-84948121, bản 2021-07-10), https://www.geoboundaries.org — dữ liệu gốc: Open Development Mekong / Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam; giấy phép CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). {note} Trích dẫn: Runfola, D. và cộng sự (2020), PLoS ONE 15(4): e0231866, https://doi.org/10.1371/journal.pone.0231866"
            )
        }
    }
}

/// The attribution the boundary licence asks for, for a version (English).
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
    /// Provinces in focus (e.g. a group's members); the others are drawn
    /// pale and unnamed. The archipelagos are never pale.
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

/// A line of text with the box it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    /// What it says.
    pub text: String,
    /// Its box.
    pub rect: Rect,
    /// Its size.
    pub size: f64,
}

/// Where everything but the provinces goes on a map: the fixed texts
/// (legend, captions, attribution) and the province names.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The inset boxes (Hoàng Sa, Trường Sa), as drawn.
    pub insets: Vec<Rect>,
    /// Every fixed line of text: legend (title, entries), inset captions,
    /// attribution.
    pub texts: Vec<TextBox>,
    /// The legend's swatches.
    pub swatches: Vec<Rect>,
    /// Province names (by code).
    pub names: Vec<(AreaCode, Placed)>,
}

/// Lines `lines` set at `size`, left-aligned from `x` (or centred on
/// `x` when `centre`), the first baseline's box starting at `y`.
fn block(lines: &[String], size: f64, x: f64, y: f64, centre: bool) -> Vec<TextBox> {
    lines
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let w = text_width(t, size, false) + 2.0;
            let top = y + i as f64 * size * 1.3;
            let x0 = if centre { x - w / 2.0 } else { x };
            TextBox {
                text: t.clone(),
                rect: Rect::new(x0, top, w, size * 1.3),
                size,
            }
        })
        .collect()
}

fn union(boxes: &[Rect]) -> Rect {
    boxes.iter().fold(
        Rect {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        },
        |a, b| Rect {
            x0: a.x0.min(b.x0),
            y0: a.y0.min(b.y0),
            x1: a.x1.max(b.x1),
            y1: a.y1.max(b.y1),
        },
    )
}

/// The first place, scanning `xs` × `ys` in order, where a `w` × `h` box
/// is over no land and touches nothing taken.
fn free_spot(
    grid: &Grid,
    taken: &[Rect],
    w: f64,
    h: f64,
    ys: impl Iterator<Item = f64> + Clone,
    xs: impl Iterator<Item = f64> + Clone,
) -> Option<Rect> {
    for y in ys {
        for x in xs.clone() {
            let r = Rect::new(x, y, w, h);
            if grid.cover(&r.grow(2.0), None).0 == 0
                && !taken.iter().any(|t| t.grow(3.0).intersects(&r))
            {
                return Some(r);
            }
        }
    }
    None
}

fn caption_lines(inset: &Inset, lang: Lang) -> Vec<String> {
    let label = lang.pick(&inset.label_vi, &inset.label_en);
    match label.split_once(" (") {
        Some((a, b)) => vec![a.to_owned(), format!("({b}")],
        None => vec![label.to_owned()],
    }
}

fn attribution_lines(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Vi => vec![
            "Ranh giới tỉnh:".into(),
            "geoBoundaries".into(),
            "(CC BY-SA 4.0),".into(),
            "đã đơn giản hoá".into(),
        ],
        Lang::En => vec![
            "Province boundaries:".into(),
            "geoBoundaries".into(),
            "(CC BY-SA 4.0),".into(),
            "simplified".into(),
        ],
    }
}

type LayoutKey = (BoundaryVersion, Lang, String, String, bool);

static LAYOUTS: LazyLock<Mutex<HashMap<LayoutKey, Arc<Layout>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The most layouts kept (groups × boundaries × languages × legends).
const MAX_LAYOUTS: usize = 256;

fn province_name(code: AreaCode, version: BoundaryVersion, lang: Lang) -> String {
    Geography::embedded().province(code, version).map_or_else(
        || code.to_string(),
        |p| lang.pick(&p.short_name_vi, &p.name_ascii).to_owned(),
    )
}

/// Lays out a map's texts: the same inputs give the same layout (kept for
/// reuse). `focus`: the provinces named (all when `None`).
pub fn layout(
    version: BoundaryVersion,
    lang: Lang,
    focus: Option<&[AreaCode]>,
    legend_title: &str,
    scale: &ColorScale,
    names: bool,
) -> Arc<Layout> {
    let focus_key = focus.map_or_else(
        || "*".to_owned(),
        |f| {
            let mut v: Vec<&str> = f.iter().map(AreaCode::as_str).collect();
            v.sort_unstable();
            v.join(",")
        },
    );
    let legend_key = format!("{legend_title}|{:?}", scale.legend(lang, " %"));
    let key = (version, lang, focus_key, legend_key, names);
    if let Some(l) = LAYOUTS.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return l;
    }
    let l = Arc::new(compute_layout(
        version,
        lang,
        focus,
        legend_title,
        scale,
        names,
    ));
    if let Ok(mut m) = LAYOUTS.lock() {
        if m.len() >= MAX_LAYOUTS {
            m.clear();
        }
        m.insert(key, l.clone());
    }
    l
}

fn compute_layout(
    version: BoundaryVersion,
    lang: Lang,
    focus: Option<&[AreaCode]>,
    legend_title: &str,
    scale: &ColorScale,
    names: bool,
) -> Layout {
    let data = &*DATA;
    let layer = layer_of(version);
    let (w, h) = (data.meta.width, data.meta.height);
    let s = TEXT_SIZE;
    let mut texts: Vec<TextBox> = Vec::new();
    let insets: Vec<Rect> = data
        .meta
        .insets
        .iter()
        .map(|i| inset_geometry(i).0)
        .collect();
    let mut taken: Vec<Rect> = insets.clone();
    // Inset captions: above each box, as near its centre as the sea
    // allows (islets such as Phú Quý sit near the Trường Sa box).
    for (inset, r) in data.meta.insets.iter().zip(&insets) {
        let lines = caption_lines(inset, lang);
        let height = lines.len() as f64 * s * 1.3;
        let half = lines
            .iter()
            .map(|l| text_width(l, s, false) + 2.0)
            .fold(0.0, f64::max)
            / 2.0;
        let centre = ((r.x0 + r.x1) / 2.0).min(w - 4.0 - half);
        let fits = |cx: f64, top: f64| {
            let b = block(&lines, s, cx, top, true);
            let all = union(&b.iter().map(|t| t.rect).collect::<Vec<_>>());
            (all.x0 >= 2.0
                && all.x1 <= w - 2.0
                && layer.grid.cover(&all.grow(1.0), None).0 == 0
                && !taken.iter().any(|t| t.grow(2.0).intersects(&all)))
            .then_some(b)
        };
        let b = (0..12)
            .flat_map(|dy| (0..24).map(move |dx| (dx, dy)))
            .find_map(|(dx, dy)| {
                let shift = f64::from(dx / 2) * 4.0 * if dx % 2 == 0 { -1.0 } else { 1.0 };
                fits(centre + shift, r.y0 - 3.0 - height - f64::from(dy) * 4.0)
            })
            .unwrap_or_else(|| block(&lines, s, centre, r.y0 - 3.0 - height, true));
        taken.extend(b.iter().map(|t| t.rect));
        texts.extend(b);
    }
    // The legend: in the empty west (Laos), from the north-central coast down.
    let entries = scale.legend(lang, " %");
    let no_data = lang.pick("Không có số liệu", "No data").to_owned();
    let row = s * 1.45;
    let entry_w = entries
        .iter()
        .map(|e| text_width(&e.label, s, false))
        .chain(std::iter::once(text_width(&no_data, s, false)))
        .fold(0.0, f64::max)
        + s * 1.6
        + 2.0;
    let title_w = text_width(legend_title, s, true) + 2.0;
    let legend_w = title_w.max(entry_w);
    let legend_h = s * 1.3 + row * (entries.len() + 1) as f64;
    let spot = free_spot(
        &layer.grid,
        &taken,
        legend_w,
        legend_h,
        (0..150).map(|k| 380.0 + k as f64 * 4.0),
        (0..20).map(|k| 6.0 + k as f64 * 4.0),
    )
    .unwrap_or_else(|| Rect::new(6.0, 560.0, legend_w, legend_h));
    let mut swatches = Vec::new();
    texts.push(TextBox {
        text: legend_title.to_owned(),
        rect: Rect::new(spot.x0, spot.y0, title_w, s * 1.3),
        size: s,
    });
    let labels: Vec<String> = entries
        .iter()
        .rev()
        .map(|e| e.label.clone())
        .chain(std::iter::once(no_data))
        .collect();
    for (i, label) in labels.iter().enumerate() {
        let top = spot.y0 + s * 1.3 + row * i as f64 + (row - s * 1.3) / 2.0;
        swatches.push(Rect::new(spot.x0, top + s * 0.15, s * 1.2, s * 1.0));
        texts.push(TextBox {
            text: label.clone(),
            rect: Rect::new(
                spot.x0 + s * 1.6,
                top,
                text_width(label, s, false) + 2.0,
                s * 1.3,
            ),
            size: s,
        });
    }
    taken.push(spot);
    // The attribution: the empty south-west corner, from the bottom up.
    let lines = attribution_lines(lang);
    let att_w = lines
        .iter()
        .map(|l| text_width(l, s, false) + 2.0)
        .fold(0.0, f64::max);
    let att_h = lines.len() as f64 * s * 1.3;
    let att = free_spot(
        &layer.grid,
        &taken,
        att_w,
        att_h,
        (0..200).map(|k| h - 4.0 - att_h - k as f64 * 4.0),
        (0..20).map(|k| 4.0 + k as f64 * 4.0),
    )
    .unwrap_or_else(|| Rect::new(4.0, h - 4.0 - att_h, att_w, att_h));
    let b = block(&lines, s, att.x0, att.y0, false);
    taken.extend(b.iter().map(|t| t.rect));
    texts.extend(b);
    // Province names.
    let mut placed = Vec::new();
    if names {
        let wants: Vec<Want> = layer
            .order
            .iter()
            .enumerate()
            .filter(|(_, (c, _))| focus.is_none_or(|f| f.contains(c)))
            .filter_map(|(i, (c, a))| {
                Some(Want {
                    index: i,
                    text: province_name(*c, version, lang),
                    anchor: *layer.labels.get(c)?,
                    area: *a,
                })
            })
            .collect();
        let style = Style {
            size: LABEL_SIZE,
            gap: 1.0,
        };
        placed = place(
            &wants,
            &layer.grid,
            style,
            &taken,
            Rect::new(2.0, 2.0, w - 4.0, h - 4.0),
        )
        .into_iter()
        .map(|p| (layer.order[p.index].0, p))
        .collect();
    }
    Layout {
        insets,
        texts,
        swatches,
        names: placed,
    }
}

/// Renders the map as an SVG document.
pub fn choropleth(c: &Choropleth) -> String {
    let data = &*DATA;
    let layer = layer_of(c.version);
    let (w, h) = (data.meta.width, data.meta.height);
    let lay = layout(
        c.version,
        c.lang,
        c.focus,
        c.legend_title,
        c.scale,
        c.labels,
    );
    let prefix = "map";
    let mut s = String::with_capacity(160_000);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" class="chart map" font-family="{FONT}" data-boundaries="{}"><title>{}</title>{}<rect width="100%" height="100%" fill="#f4f8fb"/>"##,
        n(w),
        n(h),
        c.version,
        esc(c.title),
        c.scale.defs(prefix, 5.0),
    );
    let name_of = |code: AreaCode| province_name(code, c.version, c.lang);
    // The insets' boxes first, the provinces (and islands) over them.
    for r in &lay.insets {
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#e3ecf4" stroke="#5b6875" stroke-width="1"/>"##,
            n(r.x0),
            n(r.y0),
            n(r.w()),
            n(r.h())
        );
    }
    for (code, part, d) in &layer.paths {
        let value = c.values.get(code).copied();
        let tip = format!(
            "{}: {}",
            name_of(*code),
            signed_percent(value, c.decimals, c.lang)
        );
        let fill = c.scale.fill(value, prefix);
        let path = if part == "main" {
            let faded = c.focus.is_some_and(|f| !f.contains(code));
            let opacity = if faded { r#" fill-opacity="0.3""# } else { "" };
            format!(
                r##"<path d="{d}" fill="{fill}"{opacity} stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round" data-code="{code}" data-part="main" data-hatched="{}"><title>{}</title></path>"##,
                c.scale.hatched(value),
                esc(&tip)
            )
        } else {
            // The archipelagos: always at full opacity, outlined dark.
            let inset = data.meta.insets.iter().find(|i| i.code == code.as_str());
            let (k, transform) =
                inset.map_or((1.0, None), |i| (inset_scale(&i.code), inset_geometry(i).1));
            format!(
                r##"<path d="{d}"{} fill="{fill}" stroke="{INK}" stroke-width="{}" stroke-linejoin="round" data-code="{code}" data-part="{}" data-hatched="{}"><title>{}</title></path>"##,
                transform.map_or_else(String::new, |t| format!(r#" transform="{t}""#)),
                n(0.7 / k),
                esc(part),
                c.scale.hatched(value),
                esc(&tip)
            )
        };
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
    // Province names, with a white halo; leaders first.
    for (code, p) in &lay.names {
        if let Some(((ax, ay), (bx, by))) = p.leader {
            let _ = write!(
                s,
                r##"<g class="map-leader" data-leader="{code}"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{INK}" stroke-width="0.6"/><circle cx="{}" cy="{}" r="1.3" fill="{INK}"/></g>"##,
                n(ax),
                n(ay),
                n(bx),
                n(by),
                n(ax),
                n(ay)
            );
        }
    }
    for (code, p) in &lay.names {
        let _ = write!(
            s,
            r##"<text class="map-label" data-label="{code}" x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{INK}" stroke="#ffffff" stroke-width="2.4" stroke-linejoin="round" paint-order="stroke" pointer-events="none">{}</text>"##,
            n(p.x),
            n(p.y),
            n(LABEL_SIZE),
            esc(&p.text)
        );
    }
    // Fixed texts: legend title (bold), legend entries, captions, attribution.
    let legend_title = c.legend_title;
    for t in &lay.texts {
        let bold = if t.text == legend_title {
            r#" font-weight="700""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="{}" fill="{INK}"{bold}>{}</text>"##,
            n(t.rect.x0 + 1.0),
            n(crate::labels::baseline(&t.rect, t.size)),
            n(t.size),
            esc(&t.text)
        );
    }
    let fills: Vec<String> = {
        let legend = c.scale.legend(c.lang, " %");
        let mut f: Vec<String> = (0..legend.len())
            .rev()
            .map(|i| {
                if legend[i].hatched {
                    format!("url(#{prefix}-h{i})")
                } else {
                    legend[i].color.to_owned()
                }
            })
            .collect();
        f.push(crate::scale::NO_DATA.to_owned());
        f
    };
    for (r, fill) in lay.swatches.iter().zip(&fills) {
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="#5b6875" stroke-width="0.6"/>"##,
            n(r.x0),
            n(r.y0),
            n(r.w()),
            n(r.h())
        );
    }
    let _ = write!(
        s,
        r#"<desc>{}</desc>"#,
        esc(&attribution_in(c.version, c.lang))
    );
    s.push_str("</svg>");
    s
}

/// Every text box of a rendered map, for checks: the fixed texts and the
/// province names, as laid out.
pub fn text_boxes(lay: &Layout) -> Vec<Rect> {
    lay.texts
        .iter()
        .map(|t| t.rect)
        .chain(lay.names.iter().map(|(_, p)| p.rect))
        .collect()
}

/// True when a box is over no land on `version`'s map (for checks).
pub fn over_sea(version: BoundaryVersion, r: &Rect) -> bool {
    layer_of(version).grid.cover(r, None).0 == 0
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
            assert!(svg.contains(">Quần đảo Hoàng Sa<") && svg.contains(">Quần đảo Trường Sa<"));
            assert!(svg.contains("CC BY-SA 4.0"));
            assert!(svg.len() < 260_000, "{} bytes", svg.len());
            assert!(
                !svg.contains(" width=\"600\""),
                "no fixed width: the map scales"
            );
        }
        assert!(attribution(BoundaryVersion::V2025).contains("Merged into the 34 provinces"));
        let vi = attribution_in(BoundaryVersion::V2025, Lang::Vi);
        assert!(
            vi.contains("gộp thành 34 tỉnh") && vi.contains("CC BY-SA 4.0"),
            "{vi}"
        );
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
            33,
            "the 33 other provinces; never the archipelagos"
        );
        assert!(svg.contains("/tinh/24?lang=vi&amp;x=1") && svg.contains("data-outline=\"24\""));
        assert!(svg.contains(">Hoàng Sa archipelago<"));
    }
}
