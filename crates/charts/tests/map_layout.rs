//! The map's texts on every map: for each group (and all provinces), on
//! both boundary versions, in both languages, no two text boxes (province
//! names, legend, inset captions, attribution) intersect, none leaves the
//! map, every named province gets its name, and the fixed texts sit over
//! no land. Hoàng Sa and Trường Sa are drawn at full opacity, outlined,
//! and captioned in the reader's language on every one of those maps
//! (issue 14 items 3 and 10).

use std::collections::BTreeMap;

use congthuong_charts::geometry::Rect;
use congthuong_charts::map::{Choropleth, choropleth, layout, over_sea, text_boxes};
use congthuong_charts::scale::ColorScale;
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};

fn focuses(version: BoundaryVersion) -> Vec<(String, Vec<AreaCode>)> {
    let geo = Geography::embedded();
    let mut out: Vec<(String, Vec<AreaCode>)> = geo
        .groups()
        .iter()
        .map(|g| (g.id().to_owned(), g.members(version, geo)))
        .collect();
    out.push((
        "all".into(),
        geo.provinces(version).iter().map(|p| p.code).collect(),
    ));
    out
}

fn legend(lang: Lang) -> &'static str {
    lang.pick("Tăng trưởng so với cùng kỳ", "Growth on a year earlier")
}

#[test]
fn no_two_text_boxes_intersect_on_any_map() {
    let scale = ColorScale::growth();
    let bounds = Rect::new(0.0, 0.0, 600.0, 1261.0);
    let mut checked = 0;
    for version in BoundaryVersion::ALL {
        for (group, focus) in focuses(version) {
            for lang in [Lang::Vi, Lang::En] {
                let lay = layout(version, lang, Some(&focus), legend(lang), &scale, true);
                let what = format!("{group} on {version} ({lang:?})");
                assert_eq!(
                    lay.names.len(),
                    focus.len(),
                    "{what}: every member is named"
                );
                let boxes = text_boxes(&lay);
                for (i, a) in boxes.iter().enumerate() {
                    assert!(
                        a.x0 >= bounds.x0
                            && a.y0 >= bounds.y0
                            && a.x1 <= bounds.x1
                            && a.y1 <= bounds.y1,
                        "{what}: box {a:?} leaves the map"
                    );
                    for b in &boxes[i + 1..] {
                        assert!(!a.intersects(b), "{what}: {a:?} and {b:?} overlap");
                    }
                    for inset in &lay.insets {
                        assert!(!a.intersects(inset), "{what}: {a:?} covers an inset");
                    }
                }
                for t in &lay.texts {
                    assert!(
                        over_sea(version, &t.rect),
                        "{what}: {:?} is over land",
                        t.text
                    );
                }
                for s in &lay.swatches {
                    assert!(over_sea(version, s), "{what}: a legend swatch is over land");
                }
                checked += 1;
            }
        }
    }
    let groups = Geography::embedded().groups().len();
    assert_eq!(checked, 2 * 2 * (groups + 1), "{checked} maps checked");
}

/// The Red River Delta, where names crowd: each name's box on the 63-unit
/// map is apart from the others by the layout, and a name set away from
/// its province has a leader line to it.
#[test]
fn the_red_river_delta_is_named_without_collisions() {
    let geo = Geography::embedded();
    for version in BoundaryVersion::ALL {
        let delta = geo.group("red_river_delta").unwrap().members(version, geo);
        let lay = layout(
            version,
            Lang::Vi,
            Some(&delta),
            legend(Lang::Vi),
            &ColorScale::growth(),
            true,
        );
        let names: BTreeMap<AreaCode, &congthuong_charts::labels::Placed> =
            lay.names.iter().map(|(c, p)| (*c, p)).collect();
        assert_eq!(names.len(), delta.len());
        for (c, p) in &names {
            for (d, q) in &names {
                assert!(c == d || !p.rect.intersects(&q.rect), "{c} and {d}");
            }
            if let Some(((ax, ay), (bx, by))) = p.leader {
                assert!(
                    !p.rect.contains(ax, ay),
                    "{c}: a leader starts outside its label"
                );
                assert!(
                    p.rect.grow(0.01).contains(bx, by),
                    "{c}: the leader reaches the label"
                );
            }
        }
    }
}

fn values(version: BoundaryVersion) -> BTreeMap<AreaCode, f64> {
    Geography::embedded()
        .provinces(version)
        .iter()
        .map(|p| (p.code, ((p.code.number() * 37) % 60) as f64 - 15.0))
        .collect()
}

/// Issue 14 item 3: on every map the archipelagos are at full opacity,
/// outlined dark, and captioned in the reader's language.
#[test]
fn the_archipelagos_are_always_clearly_drawn_and_captioned() {
    let scale = ColorScale::growth();
    for version in BoundaryVersion::ALL {
        let v = values(version);
        for (group, focus) in focuses(version) {
            for lang in [Lang::Vi, Lang::En] {
                let svg = choropleth(&Choropleth {
                    version,
                    title: "IIP",
                    values: &v,
                    scale: &scale,
                    focus: Some(&focus),
                    lang,
                    decimals: 1,
                    legend_title: legend(lang),
                    href: None,
                    labels: true,
                });
                let what = format!("{group} on {version} ({lang:?})");
                for part in ["inset_hoang_sa", "inset_truong_sa"] {
                    let tag = svg
                        .split("<path ")
                        .find(|p| p.contains(&format!("data-part=\"{part}\"")))
                        .unwrap_or_else(|| panic!("{what}: {part} is drawn"));
                    let tag = tag.split('>').next().unwrap();
                    assert!(!tag.contains("opacity"), "{what}: {part} is pale: {tag}");
                    assert!(
                        tag.contains("stroke=\"#1d2731\""),
                        "{what}: {part} is outlined"
                    );
                    assert!(!tag.contains("fill=\"#ffffff\"") && !tag.contains("fill=\"none\""));
                }
                let (hs, ts) = match lang {
                    Lang::Vi => ("Quần đảo Hoàng Sa", "Quần đảo Trường Sa"),
                    Lang::En => ("Hoàng Sa archipelago", "Trường Sa archipelago"),
                };
                assert!(
                    svg.contains(&format!(">{hs}<")) && svg.contains(&format!(">{ts}<")),
                    "{what}"
                );
                assert!(
                    svg.contains(">(Đà Nẵng)<") && svg.contains(">(Khánh Hòa)<"),
                    "{what}"
                );
            }
        }
    }
}

/// The second encoding: a province in decline is hatched, one growing is
/// not, so −15 % and +44 % differ in pattern as well as colour.
#[test]
fn decline_is_hatched_on_the_map() {
    let geo = Geography::embedded();
    let mut v = BTreeMap::new();
    let (down, up) = (
        AreaCode::parse("24").unwrap(),
        AreaCode::parse("01").unwrap(),
    );
    v.insert(down, -15.0);
    v.insert(up, 44.0);
    let svg = choropleth(&Choropleth {
        version: BoundaryVersion::Pre2025,
        title: "IIP",
        values: &v,
        scale: &ColorScale::growth(),
        focus: None,
        lang: Lang::Vi,
        decimals: 1,
        legend_title: "x",
        href: None,
        labels: false,
    });
    let tag = |code: AreaCode| {
        svg.split("<path ")
            .find(|p| p.contains(&format!("data-code=\"{code}\" data-part=\"main\"")))
            .unwrap()
            .split('>')
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(
        tag(down).contains("fill=\"url(#map-h0)\"") && tag(down).contains("data-hatched=\"true\"")
    );
    assert!(tag(up).contains("fill=\"#364b9a\"") && tag(up).contains("data-hatched=\"false\""));
    assert!(svg.contains("<pattern id=\"map-h0\""));
    let _ = geo;
}
