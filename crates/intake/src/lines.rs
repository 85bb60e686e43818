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
    quantity: Vec<Quantity>,
}

impl LineBuf {
    /// Adds a line (`unit` already checked).
    pub fn push(&mut self, unit: &[u8], product: u16, quantity: Quantity) {
        self.arena.extend_from_slice(unit);
        self.ends.push(self.arena.len() as u32);
        self.product.push(product);
        self.quantity.push(quantity);
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
                self.quantity[i],
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
    /// refer to.
    pub fn from_bufs(bufs: &[&LineBuf], codes: &[&str]) -> Self {
        let mut raw = Vec::with_capacity(bufs.iter().map(|b| b.len()).sum());
        for b in bufs {
            for (unit, product, q) in b.iter() {
                // Unit ids were checked as UTF-8 when the buffer was filled.
                let unit = std::str::from_utf8(unit).unwrap_or_default();
                raw.push((unit, codes[product as usize], q));
            }
        }
        Self::from_lines(raw)
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
    fn unit_ids_are_checked() {
        assert!(check_unit_id(b"").is_err());
        assert!(check_unit_id(&[b'x'; 65]).is_err());
        assert!(check_unit_id(b"a\tb").is_err());
        assert!(check_unit_id(b"\xff").is_err());
        assert_eq!(check_unit_id("CS-Hà-01".as_bytes()), Ok("CS-Hà-01"));
    }
}
