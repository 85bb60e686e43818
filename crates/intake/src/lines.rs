//! Report lines kept one by one (not only summed): what a store keeps of
//! a province's monthly report.
//!
//! [`SplitLines`] is the [`LineTarget`] a parallel microdata read feeds
//! when every line must be kept: it splits the lines by (month, area).
//! [`ReportLines`] is one (month, area)'s lines in canonical form: unit
//! ids and product codes as sorted dictionaries, lines sorted by unit,
//! product and quantity. Two files that hold the same lines in any order
//! give the same `ReportLines`, so the same content hash.

use std::collections::HashMap;

use congthuong_core::{AreaCode, Period};

use crate::microdata::LineTarget;
use crate::number::Quantity;

/// The longest unit id accepted, in bytes.
pub const MAX_UNIT_ID_BYTES: usize = 64;

/// Checks a unit id: non-empty, at most [`MAX_UNIT_ID_BYTES`] bytes of
/// UTF-8 without control characters. Returns the reason when it fails.
pub fn check_unit_id(raw: &[u8]) -> Result<&str, String> {
    if raw.is_empty() {
        return Err("empty unit_id: every line needs the reporting unit's code".into());
    }
    if raw.len() > MAX_UNIT_ID_BYTES {
        return Err(format!(
            "unit_id is {} bytes long; at most {MAX_UNIT_ID_BYTES} are allowed",
            raw.len()
        ));
    }
    let text = std::str::from_utf8(raw)
        .map_err(|_| "unit_id is not valid UTF-8 text: save the file as UTF-8".to_owned())?;
    if text.chars().any(char::is_control) {
        return Err(format!("unit_id {text:?} holds a control character"));
    }
    Ok(text)
}

/// Lines of one key as read, in arrival order.
#[derive(Clone, Debug, Default)]
pub struct LineBuf {
    arena: Vec<u8>,
    ends: Vec<u32>,
    product: Vec<u16>,
    /// An exact quantity below 2⁶³ as itself; else `RARE | i` with the
    /// quantity at `rare[i]` (8 bytes a line instead of 32).
    quantity: Vec<u64>,
    rare: Vec<Quantity>,
}

const RARE: u64 = 1 << 63;

impl LineBuf {
    /// Adds a line (`unit` already checked).
    pub fn push(&mut self, unit: &[u8], product: u16, quantity: Quantity) {
        self.arena.extend_from_slice(unit);
        self.ends.push(self.arena.len() as u32);
        self.product.push(product);
        let packed = match quantity {
            Quantity::Scaled(v) if (0..RARE as i128).contains(&v) => v as u64,
            q => {
                self.rare.push(q);
                RARE | (self.rare.len() as u64 - 1)
            }
        };
        self.quantity.push(packed);
    }

    /// The quantity of line `i`.
    #[inline]
    fn quantity(&self, i: usize) -> Quantity {
        let q = self.quantity[i];
        if q & RARE == 0 {
            Quantity::Scaled(i128::from(q))
        } else {
            self.rare[(q & !RARE) as usize]
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there is no line.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines: (unit id bytes, product index, quantity).
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], u16, Quantity)> + '_ {
        (0..self.len()).map(move |i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            (
                &self.arena[start..self.ends[i] as usize],
                self.product[i],
                self.quantity(i),
            )
        })
    }
}

/// A worker's lines, split by (month, area).
#[derive(Debug, Default)]
pub struct SplitLines {
    /// Lines by key.
    pub by_key: HashMap<(Period, AreaCode), LineBuf>,
    last: Option<(Period, AreaCode)>,
}

impl LineTarget for SplitLines {
    #[inline]
    fn add(
        &mut self,
        period: Period,
        area: AreaCode,
        unit_id: &[u8],
        product: usize,
        quantity: Quantity,
    ) -> Result<(), String> {
        check_unit_id(unit_id)?;
        let key = (period, area);
        if self.last != Some(key) {
            self.by_key.entry(key).or_default();
            self.last = Some(key);
        }
        // The entry exists: it was made above or for the previous line.
        if let Some(buf) = self.by_key.get_mut(&key) {
            buf.push(unit_id, product as u16, quantity);
        }
        Ok(())
    }
}

/// Orders quantities: exact ones first (by value), then floats.
fn quantity_order(a: &Quantity, b: &Quantity) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Quantity::Scaled(x), Quantity::Scaled(y)) => x.cmp(y),
        (Quantity::Float(x), Quantity::Float(y)) => x.total_cmp(y),
        (Quantity::Scaled(_), Quantity::Float(_)) => Ordering::Less,
        (Quantity::Float(_), Quantity::Scaled(_)) => Ordering::Greater,
    }
}

/// One (month, area)'s report lines in canonical form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportLines {
    /// Unit ids, sorted, unique.
    pub units: Vec<String>,
    /// Product codes, sorted, unique.
    pub products: Vec<String>,
    /// Lines sorted by (unit, product, quantity): indices into `units`
    /// and `products`, and the quantity. Duplicate lines are kept.
    pub lines: Vec<(u32, u32, Quantity)>,
}

impl ReportLines {
    /// Builds the canonical form of lines given as (unit id, product
    /// code, quantity), in any order.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = (&'a str, &'a str, Quantity)>) -> Self {
        let raw: Vec<(&str, &str, Quantity)> = lines.into_iter().collect();
        let mut units: Vec<&str> = raw.iter().map(|l| l.0).collect();
        units.sort_unstable();
        units.dedup();
        let mut products: Vec<&str> = raw.iter().map(|l| l.1).collect();
        products.sort_unstable();
        products.dedup();
        let unit_of: HashMap<&str, u32> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (*u, i as u32))
            .collect();
        let product_of: HashMap<&str, u32> = products
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i as u32))
            .collect();
        let mut lines: Vec<(u32, u32, Quantity)> = raw
            .iter()
            .map(|(u, p, q)| (unit_of[u], product_of[p], *q))
            .collect();
        lines.sort_unstable_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| quantity_order(&a.2, &b.2))
        });
        Self {
            units: units.into_iter().map(str::to_owned).collect(),
            products: products.into_iter().map(str::to_owned).collect(),
            lines,
        }
    }

    /// Merges the buffers of one key (from several workers) into
    /// canonical form; `codes` are the product codes the buffers' indices
    /// refer to. Equal to [`Self::from_lines`] of the same lines, without
    /// hashing a string per line: lines are sorted by (unit bytes,
    /// product code rank, quantity) and the dictionaries read off in order.
    pub fn from_bufs(bufs: &[&LineBuf], codes: &[&str]) -> Self {
        // The rank of each product code in code order.
        let mut by_code: Vec<usize> = (0..codes.len()).collect();
        by_code.sort_unstable_by_key(|i| codes[*i]);
        let mut rank = vec![0u32; codes.len()];
        for (r, i) in by_code.iter().enumerate() {
            rank[*i] = r as u32;
        }
        fn unit(b: &LineBuf, i: usize) -> &[u8] {
            let start = if i == 0 { 0 } else { b.ends[i - 1] as usize };
            &b.arena[start..b.ends[i] as usize]
        }
        let mut refs: Vec<(u32, u32)> = Vec::with_capacity(bufs.iter().map(|b| b.len()).sum());
        for (k, b) in bufs.iter().enumerate() {
            refs.extend((0..b.len() as u32).map(|i| (k as u32, i)));
        }
        let key = |r: &(u32, u32)| {
            let b = bufs[r.0 as usize];
            let i = r.1 as usize;
            (unit(b, i), rank[b.product[i] as usize], b.quantity(i))
        };
        let full = |x: &(u32, u32), y: &(u32, u32)| {
            let (a, b) = (key(x), key(y));
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| quantity_order(&a.2, &b.2))
        };
        let ordered = refs
            .windows(2)
            .all(|w| full(&w[0], &w[1]) != std::cmp::Ordering::Greater);
        if !ordered && bufs.len() > 255 {
            refs.sort_unstable_by(full);
        } else if !ordered {
            // Sort fixed-size keys (the unit's first 24 bytes, the product
            // rank) with integer compares; then put each run of equal keys
            // (long units sharing 24 bytes, or repeated lines) in full order.
            let mut keys: Vec<(u128, u64, u64)> = refs
                .iter()
                .map(|r| {
                    let b = bufs[r.0 as usize];
                    let i = r.1 as usize;
                    let mut p = [0u8; 24];
                    let u = unit(b, i);
                    let n = u.len().min(24);
                    p[..n].copy_from_slice(&u[..n]);
                    let mut hi = [0u8; 16];
                    hi.copy_from_slice(&p[..16]);
                    let mut lo = [0u8; 8];
                    lo.copy_from_slice(&p[16..]);
                    (
                        u128::from_be_bytes(hi),
                        u64::from_be_bytes(lo),
                        u64::from(rank[b.product[i] as usize]) << 40
                            | u64::from(r.0) << 32
                            | u64::from(r.1),
                    )
                })
                .collect();
            keys.sort_unstable_by_key(|k| (k.0, k.1, k.2 >> 40));
            let at = |k: &(u128, u64, u64)| ((k.2 >> 32 & 0xff) as u32, k.2 as u32);
            let mut sorted: Vec<(u32, u32)> = keys.iter().map(at).collect();
            // Runs sharing the 24-byte prefix: in full order when a unit is
            // longer than the prefix; else only repeated (unit, product)
            // pairs need ordering, by quantity.
            let same = |a: usize, b: usize, rank: bool| {
                (keys[a].0, keys[a].1) == (keys[b].0, keys[b].1)
                    && (!rank || keys[a].2 >> 40 == keys[b].2 >> 40)
            };
            let long = |r: &(u32, u32)| unit(bufs[r.0 as usize], r.1 as usize).len() > 24;
            let mut start = 0;
            while start < keys.len() {
                let mut end = start + 1;
                while end < keys.len() && same(start, end, false) {
                    end += 1;
                }
                if end - start > 1 {
                    if sorted[start..end].iter().any(long) {
                        sorted[start..end].sort_unstable_by(full);
                    } else {
                        let mut s = start;
                        while s < end {
                            let mut e = s + 1;
                            while e < end && same(s, e, true) {
                                e += 1;
                            }
                            if e - s > 1 {
                                sorted[s..e].sort_unstable_by(full);
                            }
                            s = e;
                        }
                    }
                }
                start = end;
            }
            refs = sorted;
        }
        // Products used, in code order, and each one's dictionary index.
        let mut used = vec![false; codes.len()];
        for r in &refs {
            used[bufs[r.0 as usize].product[r.1 as usize] as usize] = true;
        }
        let mut product_index = vec![0u32; codes.len()];
        let mut products = Vec::new();
        for i in by_code {
            if used[i] {
                product_index[i] = products.len() as u32;
                products.push(codes[i].to_owned());
            }
        }
        let mut units: Vec<String> = Vec::new();
        let mut lines = Vec::with_capacity(refs.len());
        let mut last: Option<&[u8]> = None;
        for r in &refs {
            let b = bufs[r.0 as usize];
            let i = r.1 as usize;
            let u = unit(b, i);
            if last != Some(u) {
                // Unit ids were checked as UTF-8 when the buffer was filled.
                units.push(String::from_utf8_lossy(u).into_owned());
                last = Some(u);
            }
            lines.push((
                units.len() as u32 - 1,
                product_index[b.product[i] as usize],
                b.quantity(i),
            ));
        }
        Self {
            units,
            products,
            lines,
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when there is no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The lines as (unit id, product code, quantity).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, Quantity)> + '_ {
        self.lines.iter().map(|(u, p, q)| {
            (
                self.units[*u as usize].as_str(),
                self.products[*p as usize].as_str(),
                *q,
            )
        })
    }
}

/// A quantity as a float (for comparisons and display).
pub fn quantity_f64(q: Quantity) -> f64 {
    match q {
        Quantity::Scaled(v) => v as f64 / 1e9,
        Quantity::Float(v) => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_ignores_line_order_and_keeps_duplicates() {
        let a = ReportLines::from_lines([
            ("U2", "CEMENT", Quantity::Scaled(5)),
            ("U1", "STEEL", Quantity::Float(1.5)),
            ("U1", "CEMENT", Quantity::Scaled(3)),
            ("U1", "CEMENT", Quantity::Scaled(3)),
        ]);
        let b = ReportLines::from_lines([
            ("U1", "CEMENT", Quantity::Scaled(3)),
            ("U1", "STEEL", Quantity::Float(1.5)),
            ("U1", "CEMENT", Quantity::Scaled(3)),
            ("U2", "CEMENT", Quantity::Scaled(5)),
        ]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
        assert_eq!(a.units, ["U1", "U2"]);
        assert_eq!(a.iter().next(), Some(("U1", "CEMENT", Quantity::Scaled(3))));
    }

    #[test]
    fn merging_buffers_equals_the_canonical_form_of_the_same_lines() {
        let codes = ["STEEL", "CEMENT", "COAL"];
        let mut a = LineBuf::default();
        let mut b = LineBuf::default();
        a.push(b"U2", 1, Quantity::Scaled(5));
        a.push(b"U1", 0, Quantity::Float(1.5));
        b.push(b"U1", 1, Quantity::Scaled(3));
        b.push(b"U1", 1, Quantity::Scaled(2));
        let merged = ReportLines::from_bufs(&[&a, &b], &codes);
        let direct = ReportLines::from_lines([
            ("U2", "CEMENT", Quantity::Scaled(5)),
            ("U1", "STEEL", Quantity::Float(1.5)),
            ("U1", "CEMENT", Quantity::Scaled(3)),
            ("U1", "CEMENT", Quantity::Scaled(2)),
        ]);
        assert_eq!(merged, direct);
        assert_eq!(merged.products, ["CEMENT", "STEEL"]);
        // Already in order: the same result.
        let sorted = ReportLines::from_bufs(&[&b], &codes);
        assert_eq!(
            sorted.lines,
            [(0, 0, Quantity::Scaled(2)), (0, 0, Quantity::Scaled(3))]
        );
    }

    proptest::proptest! {
        #[test]
        fn merged_buffers_are_canonical(
            lines in proptest::collection::vec(
                ("(SHARED-PREFIX-OF-24-BYTES-)?[AB]{0,3}", 0u16..3, 0i128..4, proptest::bool::ANY),
                0..60,
            ),
            split in 0usize..60,
        ) {
            let codes = ["STEEL", "CEMENT", "COAL"];
            let mut a = LineBuf::default();
            let mut b = LineBuf::default();
            let q = |v: i128, f: bool| if f { Quantity::Float(v as f64 / 2.0) } else { Quantity::Scaled(v) };
            for (i, (u, p, v, f)) in lines.iter().enumerate() {
                let unit = if u.is_empty() { "X" } else { u.as_str() };
                if i < split { &mut a } else { &mut b }.push(unit.as_bytes(), *p, q(*v, *f));
            }
            let direct = ReportLines::from_lines(lines.iter().map(|(u, p, v, f)| {
                (if u.is_empty() { "X" } else { u.as_str() }, codes[*p as usize], q(*v, *f))
            }));
            proptest::prop_assert_eq!(ReportLines::from_bufs(&[&a, &b], &codes), direct);
        }
    }

    #[test]
    fn unit_ids_are_checked() {
        assert!(check_unit_id(b"").is_err());
        assert!(check_unit_id(&[b'x'; 65]).is_err());
        assert!(check_unit_id(b"a\tb").is_err());
        assert!(check_unit_id(b"\xff").is_err());
        assert_eq!(check_unit_id("CS-Hà-01".as_bytes()), Ok("CS-Hà-01"));
    }
}
