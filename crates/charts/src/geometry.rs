//! Plane geometry for laying out a map: the province outlines as rings
//! (parsed from the embedded path data), a coarse grid saying which
//! province covers each cell (or none: sea, neighbouring countries), and
//! boxes.
//!
//! The grid is what label placement asks "is this box over land, and
//! whose?"; it is made once per boundary version by scanlines over the
//! rings (even-odd, as the data's README allows).

/// An axis-aligned box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// From a corner and a size.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// Do the two boxes share any area?
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Is the point inside (edges included)?
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// Grown by `m` on every side.
    pub fn grow(&self, m: f64) -> Rect {
        Rect {
            x0: self.x0 - m,
            y0: self.y0 - m,
            x1: self.x1 + m,
            y1: self.y1 + m,
        }
    }

    /// Width.
    pub fn w(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn h(&self) -> f64 {
        self.y1 - self.y0
    }

    /// The point of the box nearest to `(x, y)`.
    pub fn nearest(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

/// A closed ring of points.
pub type Ring = Vec<(f64, f64)>;

/// The rings of one path's data (`M x y l dx dy … z`, several rings).
/// Absolute `M`/`L` and relative `m`/`l` are read; other commands do not
/// occur in the embedded data.
pub fn rings(d: &str) -> Vec<Ring> {
    let mut out: Vec<Ring> = Vec::new();
    let mut ring: Ring = Vec::new();
    let (mut x, mut y) = (0.0, 0.0);
    let mut cmd = 'M';
    let mut nums: Vec<f64> = Vec::new();
    let flush =
        |cmd: char, nums: &mut Vec<f64>, ring: &mut Vec<(f64, f64)>, x: &mut f64, y: &mut f64| {
            for (i, pair) in nums.chunks_exact(2).enumerate() {
                let relative = cmd.is_ascii_lowercase();
                if relative {
                    *x += pair[0];
                    *y += pair[1];
                } else {
                    *x = pair[0];
                    *y = pair[1];
                }
                let _ = i;
                ring.push((*x, *y));
            }
            nums.clear();
        };
    let bytes = d.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c.is_ascii_alphabetic() {
            flush(cmd, &mut nums, &mut ring, &mut x, &mut y);
            match c {
                'M' | 'm' => {
                    if ring.len() > 2 {
                        out.push(std::mem::take(&mut ring));
                    }
                    ring.clear();
                }
                'Z' | 'z' => {
                    if ring.len() > 2 {
                        out.push(std::mem::take(&mut ring));
                    }
                    ring.clear();
                }
                _ => {}
            }
            cmd = c;
            i += 1;
        } else if c == '-' || c == '.' || c.is_ascii_digit() {
            let start = i;
            let mut seen_dot = false;
            if c == '-' {
                i += 1;
            }
            while i < bytes.len() {
                let b = bytes[i] as char;
                if b.is_ascii_digit() {
                    i += 1;
                } else if b == '.' && !seen_dot {
                    seen_dot = true;
                    i += 1;
                } else {
                    break;
                }
            }
            if let Ok(v) = d[start..i].parse::<f64>() {
                nums.push(v);
            }
            // After an `M`, further pairs are line-tos of the same kind.
        } else {
            i += 1;
        }
    }
    flush(cmd, &mut nums, &mut ring, &mut x, &mut y);
    if ring.len() > 2 {
        out.push(ring);
    }
    out
}

/// The area of a ring (shoelace, absolute value).
pub fn area(ring: &[(f64, f64)]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

/// Which province covers each cell of a grid over the map.
pub struct Grid {
    /// Cell size in user units.
    pub cell: f64,
    /// Columns.
    pub cols: usize,
    /// Rows.
    pub rows: usize,
    /// Per cell: 0 for none, else 1 + the index of the province.
    owner: Vec<u16>,
}

impl Grid {
    /// Rasterises `shapes` (one list of rings per province, in index
    /// order) over `width` × `height` with cells of `cell` units.
    pub fn new(width: f64, height: f64, cell: f64, shapes: &[Vec<Ring>]) -> Self {
        let cols = (width / cell).ceil() as usize;
        let rows = (height / cell).ceil() as usize;
        let mut owner = vec![0u16; cols * rows];
        for (idx, shape) in shapes.iter().enumerate() {
            let tag = u16::try_from(idx + 1).unwrap_or(u16::MAX);
            let (ymin, ymax) = shape
                .iter()
                .flatten()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                    (a.min(p.1), b.max(p.1))
                });
            if !ymin.is_finite() {
                continue;
            }
            let r0 = ((ymin / cell).floor().max(0.0)) as usize;
            let r1 = ((ymax / cell).ceil() as usize).min(rows);
            let mut xs: Vec<f64> = Vec::new();
            for r in r0..r1 {
                let y = (r as f64 + 0.5) * cell;
                xs.clear();
                for ring in shape {
                    let n = ring.len();
                    for i in 0..n {
                        let (a, b) = (ring[i], ring[(i + 1) % n]);
                        if (a.1 <= y) != (b.1 <= y) {
                            xs.push(a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0));
                        }
                    }
                }
                xs.sort_by(f64::total_cmp);
                for pair in xs.chunks_exact(2) {
                    let c0 = ((pair[0] / cell - 0.5).ceil().max(0.0)) as usize;
                    let c1 = ((pair[1] / cell - 0.5).floor()) as isize;
                    if c1 < 0 {
                        continue;
                    }
                    for c in c0..=(c1 as usize).min(cols.saturating_sub(1)) {
                        owner[r * cols + c] = tag;
                    }
                }
            }
        }
        Self {
            cell,
            cols,
            rows,
            owner,
        }
    }

    /// The province (index) at a point, if any.
    pub fn at(&self, x: f64, y: f64) -> Option<usize> {
        if x < 0.0 || y < 0.0 {
            return None;
        }
        let (c, r) = ((x / self.cell) as usize, (y / self.cell) as usize);
        if c >= self.cols || r >= self.rows {
            return None;
        }
        match self.owner[r * self.cols + c] {
            0 => None,
            t => Some(usize::from(t) - 1),
        }
    }

    /// How many cells whose centre lies in `b` are land, and how many of
    /// those belong to province `own`: (land, own).
    pub fn cover(&self, b: &Rect, own: Option<usize>) -> (usize, usize) {
        let c0 = ((b.x0 / self.cell - 0.5).ceil().max(0.0)) as usize;
        let r0 = ((b.y0 / self.cell - 0.5).ceil().max(0.0)) as usize;
        let c1 = ((b.x1 / self.cell - 0.5).floor().max(-1.0)) as isize;
        let r1 = ((b.y1 / self.cell - 0.5).floor().max(-1.0)) as isize;
        let (mut land, mut mine) = (0, 0);
        if c1 < 0 || r1 < 0 {
            return (0, 0);
        }
        for r in r0..=(r1 as usize).min(self.rows.saturating_sub(1)) {
            for c in c0..=(c1 as usize).min(self.cols.saturating_sub(1)) {
                let t = self.owner[r * self.cols + c];
                if t != 0 {
                    land += 1;
                    if own == Some(usize::from(t) - 1) {
                        mine += 1;
                    }
                }
            }
        }
        (land, mine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_relative_rings_with_packed_numbers() {
        let r = rings("M10 10l10 0 0 10-10 0zM50.5 50l.5-.5 .5.5z");
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0],
            vec![(10.0, 10.0), (20.0, 10.0), (20.0, 20.0), (10.0, 20.0)]
        );
        assert_eq!(r[1][1], (51.0, 49.5));
        assert!((area(&r[0]) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn the_grid_says_who_covers_a_point() {
        let square = rings("M10 10l10 0 0 10-10 0z");
        let other = rings("M30 10l10 0 0 10-10 0z");
        let g = Grid::new(50.0, 30.0, 1.0, &[square, other]);
        assert_eq!(g.at(15.0, 15.0), Some(0));
        assert_eq!(g.at(35.0, 15.0), Some(1));
        assert_eq!(g.at(25.0, 15.0), None);
        assert_eq!(
            g.cover(&Rect::new(10.0, 10.0, 30.0, 10.0), Some(1)),
            (200, 100)
        );
    }
}
