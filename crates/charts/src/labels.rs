//! Province labels that never overlap: each name is set on its province
//! when it fits there (mostly over its own land, covering no other label,
//! no neighbour's land beyond a little, none of the map's fixed boxes);
//! otherwise it is set in the nearest empty place (sea or beyond the
//! border) with a leader line to its province. Deterministic: the same
//! names give the same layout.
//!
//! Boxes are measured with the embedded font ([`crate::fonts`]), which
//! the browser (web font), the PNG and the PDF all draw with.

use crate::fonts::text_width;
use crate::geometry::{Grid, Rect};

/// A label to place.
#[derive(Clone, Debug)]
pub struct Want {
    /// The province's index in the grid.
    pub index: usize,
    /// The text.
    pub text: String,
    /// Where the province's label belongs (inside it).
    pub anchor: (f64, f64),
    /// The province's area (small ones are placed first).
    pub area: f64,
}

/// A placed label.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The province's index.
    pub index: usize,
    /// The text.
    pub text: String,
    /// The text's centre (x) and baseline (y).
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// The box the text takes (with its diacritics).
    pub rect: Rect,
    /// A leader line from the province (its anchor) to the label, when
    /// the label is not on the province.
    pub leader: Option<((f64, f64), (f64, f64))>,
}

/// How labels are set.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Font size (user units).
    pub size: f64,
    /// Space kept around each label.
    pub gap: f64,
}

/// The box of `text` centred on `cx` with its middle at `cy`.
pub fn text_box(text: &str, size: f64, cx: f64, cy: f64) -> Rect {
    let w = text_width(text, size, false) + 2.0;
    let h = size * 1.3;
    Rect::new(cx - w / 2.0, cy - h / 2.0, w, h)
}

/// The baseline of text whose box is `r` (diacritics above, descenders below).
pub fn baseline(r: &Rect, size: f64) -> f64 {
    r.y0 + size * 1.02
}

fn free(r: &Rect, taken: &[Rect], gap: f64) -> bool {
    !taken.iter().any(|t| t.grow(gap).intersects(r))
}

/// Places every label; `obstacles` are boxes no label may touch (insets,
/// legend, captions) and `bounds` the area labels must stay in.
pub fn place(
    wants: &[Want],
    grid: &Grid,
    style: Style,
    obstacles: &[Rect],
    bounds: Rect,
) -> Vec<Placed> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out: Vec<Placed> = Vec::new();
    let anchors: Vec<(usize, (f64, f64))> = wants.iter().map(|w| (w.index, w.anchor)).collect();
    let inside =
        |r: &Rect| r.x0 >= bounds.x0 && r.y0 >= bounds.y0 && r.x1 <= bounds.x1 && r.y1 <= bounds.y1;

    // 1. On the province, smallest provinces first.
    let mut order: Vec<&Want> = wants.iter().collect();
    order.sort_by(|a, b| a.area.total_cmp(&b.area).then(a.index.cmp(&b.index)));
    let mut pending: Vec<&Want> = Vec::new();
    for w in order {
        let base = text_box(&w.text, style.size, w.anchor.0, w.anchor.1);
        let (bw, bh) = (base.w(), base.h());
        let offsets = [
            (0.0, 0.0),
            (0.0, -0.55),
            (0.0, 0.55),
            (-0.2, 0.0),
            (0.2, 0.0),
            (-0.2, -0.55),
            (0.2, -0.55),
            (-0.2, 0.55),
            (0.2, 0.55),
            (0.0, -0.9),
            (0.0, 0.9),
        ];
        let found = offsets.iter().find_map(|(fx, fy)| {
            let r = text_box(
                &w.text,
                style.size,
                w.anchor.0 + fx * bw,
                w.anchor.1 + fy * bh,
            );
            if !inside(&r) || !free(&r, &taken, style.gap) {
                return None;
            }
            // No other province's label point under it.
            if anchors
                .iter()
                .any(|(i, a)| *i != w.index && r.grow(2.0).contains(a.0, a.1))
            {
                return None;
            }
            // Over its own land more than a neighbour's: the province under
            // a fifth of the box at least, neighbours under less than half.
            let (land, mine) = grid.cover(&r, Some(w.index));
            let cells = ((r.w() / grid.cell) * (r.h() / grid.cell)).max(1.0);
            let other = (land - mine) as f64;
            (other < 0.45 * cells && mine as f64 >= 0.2 * cells).then_some(r)
        });
        match found {
            Some(r) => {
                taken.push(r);
                out.push(Placed {
                    index: w.index,
                    text: w.text.clone(),
                    x: (r.x0 + r.x1) / 2.0,
                    y: baseline(&r, style.size),
                    rect: r,
                    leader: None,
                });
            }
            None => pending.push(w),
        }
    }

    // 2. The rest in the nearest empty place, with a leader line; from the
    // north down, so leaders stack rather than cross.
    pending.sort_by(|a, b| {
        a.anchor
            .1
            .total_cmp(&b.anchor.1)
            .then(a.anchor.0.total_cmp(&b.anchor.0))
    });
    let mut leaders: Vec<((f64, f64), (f64, f64))> = Vec::new();
    for w in pending {
        let base = text_box(&w.text, style.size, 0.0, 0.0);
        let (bw, bh) = (base.w(), base.h());
        let (ax, ay) = w.anchor;
        let mut best: Option<(f64, Rect)> = None;
        let mut d = 8.0;
        while d <= 320.0 {
            for k in 0..32 {
                let t = std::f64::consts::TAU * k as f64 / 32.0;
                let (c, s) = (t.cos(), t.sin());
                let (px, py) = (ax + d * c, ay + d * s);
                let r = if c > 0.35 {
                    Rect::new(px, py - bh / 2.0, bw, bh)
                } else if c < -0.35 {
                    Rect::new(px - bw, py - bh / 2.0, bw, bh)
                } else if s < 0.0 {
                    Rect::new(px - bw / 2.0, py - bh, bw, bh)
                } else {
                    Rect::new(px - bw / 2.0, py, bw, bh)
                };
                // Shortest first; a leader over other provinces costs more.
                let lower = d * (1.0 + 0.25 * s.abs());
                if best.as_ref().is_some_and(|(b, _)| *b <= lower) {
                    continue;
                }
                if !inside(&r) || !free(&r, &taken, style.gap) {
                    continue;
                }
                // In an empty place: no more land than a few islets, no
                // province's label point.
                let cells = ((r.w() / grid.cell) * (r.h() / grid.cell)).max(1.0);
                if grid.cover(&r.grow(1.0), None).0 as f64 > 0.08 * cells
                    || anchors.iter().any(|(_, a)| r.grow(2.0).contains(a.0, a.1))
                {
                    continue;
                }
                let (ex, ey) = r.nearest(ax, ay);
                let len = (ex - ax).hypot(ey - ay);
                let steps = (len / 2.0).ceil().max(1.0) as usize;
                let mut crossed = std::collections::BTreeSet::new();
                let mut blocked = false;
                for i in 1..steps {
                    let f = i as f64 / steps as f64;
                    let (x, y) = (ax + f * (ex - ax), ay + f * (ey - ay));
                    if taken.iter().any(|t| t.contains(x, y)) {
                        blocked = true;
                        break;
                    }
                    if let Some(o) = grid.at(x, y).filter(|o| *o != w.index) {
                        crossed.insert(o);
                    }
                }
                let crosses_leader = leaders
                    .iter()
                    .any(|(p, q)| segments_cross((ax, ay), (ex, ey), *p, *q));
                if blocked || crosses_leader {
                    continue;
                }
                let score = lower + 14.0 * crossed.len() as f64;
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, r));
                }
            }
            if best.as_ref().is_some_and(|(b, _)| d > *b) {
                break;
            }
            d += 5.0;
        }
        if let Some((_, r)) = best {
            taken.push(r);
            let leader = ((ax, ay), r.nearest(ax, ay));
            leaders.push(leader);
            out.push(Placed {
                index: w.index,
                text: w.text.clone(),
                x: (r.x0 + r.x1) / 2.0,
                y: baseline(&r, style.size),
                rect: r,
                leader: Some(leader),
            });
        }
    }
    out.sort_by_key(|p| p.index);
    out
}

/// Do segments `a–b` and `c–d` cross (properly)?
fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}
