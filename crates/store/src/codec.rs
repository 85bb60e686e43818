//! How submission contents are encoded as blobs.
//!
//! - [`MICRODATA`] (`microdata-v1`): report lines, compact and columnar:
//!   the magic `CTMD\x01`; the unit-id dictionary (sorted, front-coded:
//!   each id as the length it shares with the previous one, then the rest);
//!   the product-code dictionary (sorted); the line count; then three
//!   columns of LEB128 varints: unit index (delta from the previous line's,
//!   as lines are sorted by unit), product index, quantity. An exact
//!   quantity `v` (× 10⁹) is written as `m · 10^k` with `k` its trailing
//!   decimal zeros (at most 15): the varint `((m << 4) | k) << 1`; a float
//!   as the varint `1` followed by its 8 little-endian bytes.
//! - [`CSV`] (`csv-v1`): small tables (weights, indicators, targets) as
//!   canonical UTF-8 CSV: a header, rows sorted, `\n` line ends.
//!
//! Encodings are deterministic: the same lines give the same bytes, so
//! the same SHA-256.

use congthuong_intake::lines::ReportLines;
use congthuong_intake::number::Quantity;

/// The encoding name of report lines.
pub const MICRODATA: &str = "microdata-v1";
/// The encoding name of canonical CSV tables.
pub const CSV: &str = "csv-v1";

const MAGIC: &[u8; 5] = b"CTMD\x01";

fn put_varint(out: &mut Vec<u8>, mut v: u128) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u128);
    out.extend_from_slice(b);
}

/// Encodes report lines.
pub fn encode_lines(lines: &ReportLines) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + lines.len() * 8);
    out.extend_from_slice(MAGIC);
    put_varint(&mut out, lines.units.len() as u128);
    let mut prev: &[u8] = &[];
    for text in &lines.units {
        let u = text.as_bytes();
        let mut shared = prev.iter().zip(u).take_while(|(a, b)| a == b).count();
        // Never split a character: the rest must be valid UTF-8 alone.
        while !text.is_char_boundary(shared) {
            shared -= 1;
        }
        put_varint(&mut out, shared as u128);
        put_bytes(&mut out, &u[shared..]);
        prev = u;
    }
    put_varint(&mut out, lines.products.len() as u128);
    for p in &lines.products {
        put_bytes(&mut out, p.as_bytes());
    }
    put_varint(&mut out, lines.lines.len() as u128);
    let mut prev = 0u32;
    for (u, _, _) in &lines.lines {
        put_varint(&mut out, u128::from(u - prev));
        prev = *u;
    }
    for (_, p, _) in &lines.lines {
        put_varint(&mut out, u128::from(*p));
    }
    for (_, _, q) in &lines.lines {
        match q {
            Quantity::Scaled(v) => {
                let (m, k) = match u64::try_from(*v) {
                    // The common case, without 128-bit division.
                    Ok(mut m) => {
                        let mut k = 0u128;
                        while k < 15 && m != 0 && m % 10 == 0 {
                            m /= 10;
                            k += 1;
                        }
                        (u128::from(m), k)
                    }
                    Err(_) => {
                        let (mut m, mut k) = (*v as u128, 0u128);
                        while k < 15 && m != 0 && m % 10 == 0 {
                            m /= 10;
                            k += 1;
                        }
                        (m, k)
                    }
                };
                put_varint(&mut out, ((m << 4) | k) << 1);
            }
            Quantity::Float(f) => {
                out.push(1);
                out.extend_from_slice(&f.to_le_bytes());
            }
        }
    }
    out
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn varint(&mut self) -> Result<u128, String> {
        let mut v: u128 = 0;
        for shift in (0..128).step_by(7) {
            let byte = *self.b.get(self.at).ok_or("truncated blob")?;
            self.at += 1;
            v |= u128::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    fn count(&mut self) -> Result<usize, String> {
        let n = self.varint()?;
        // Every item takes at least one byte.
        if n > (self.b.len() - self.at) as u128 {
            return Err("count larger than the blob".into());
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, String> {
        let n = self.count()?;
        let s = std::str::from_utf8(&self.b[self.at..self.at + n])
            .map_err(|_| "bad UTF-8 in blob")?
            .to_owned();
        self.at += n;
        Ok(s)
    }
}

/// Decodes report lines; an error means the blob is damaged.
pub fn decode_lines(bytes: &[u8]) -> Result<ReportLines, String> {
    if !bytes.starts_with(MAGIC) {
        return Err("not a microdata-v1 blob".into());
    }
    let mut c = Cursor {
        b: bytes,
        at: MAGIC.len(),
    };
    let n_units = c.count()?;
    let mut units: Vec<String> = Vec::with_capacity(n_units);
    for _ in 0..n_units {
        let shared = c.count()?;
        let prev = units.last().map_or("", String::as_str);
        let head = prev
            .get(..shared)
            .ok_or("front-coded unit longer than the previous one")?
            .to_owned();
        units.push(head + &c.string()?);
    }
    let n_products = c.count()?;
    let products = (0..n_products)
        .map(|_| c.string())
        .collect::<Result<Vec<_>, _>>()?;
    let n = c.count()?;
    let mut lines = Vec::with_capacity(n);
    let mut unit = 0u128;
    for _ in 0..n {
        unit += c.varint()?;
        if unit >= n_units as u128 {
            return Err("unit index out of range".into());
        }
        lines.push((unit as u32, 0u32, Quantity::Scaled(0)));
    }
    for line in lines.iter_mut() {
        let p = c.varint()?;
        if p >= n_products as u128 {
            return Err("product index out of range".into());
        }
        line.1 = p as u32;
    }
    for line in lines.iter_mut() {
        let v = c.varint()?;
        line.2 = if v == 1 {
            let raw = bytes.get(c.at..c.at + 8).ok_or("truncated blob")?;
            c.at += 8;
            let mut b = [0u8; 8];
            b.copy_from_slice(raw);
            Quantity::Float(f64::from_le_bytes(b))
        } else if v & 1 == 0 {
            let x = v >> 1;
            let scaled = 10u128
                .checked_pow((x & 15) as u32)
                .and_then(|p| (x >> 4).checked_mul(p))
                .filter(|s| *s <= i128::MAX as u128)
                .ok_or("quantity out of range")?;
            Quantity::Scaled(scaled as i128)
        } else {
            return Err("bad quantity tag".into());
        };
    }
    if c.at != bytes.len() {
        return Err("trailing bytes in blob".into());
    }
    Ok(ReportLines {
        units,
        products,
        lines,
    })
}

/// Writes a canonical CSV table: the header, then the rows sorted.
pub fn encode_csv(header: &[&str], mut rows: Vec<Vec<String>>) -> Vec<u8> {
    rows.sort();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in &rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// Reads a canonical CSV table back: (header, rows).
pub fn decode_csv(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header = r
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.map(|r| r.iter().map(str::to_owned).collect())
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_round_trip(raw in proptest::collection::vec(("[A-Z0-9]{1,6}", "[A-Z]{1,4}", 0u64..u64::MAX, proptest::option::of(0.0f64..1e12)), 0..200)) {
            let lines = ReportLines::from_lines(raw.iter().map(|(u, p, v, f)| {
                let q = match f { Some(f) => Quantity::Float(*f), None => Quantity::Scaled(i128::from(*v)) };
                (u.as_str(), p.as_str(), q)
            }));
            let bytes = encode_lines(&lines);
            prop_assert_eq!(decode_lines(&bytes).unwrap(), lines);
        }

        #[test]
        fn damaged_blobs_are_refused_not_panicked_on(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut b = MAGIC.to_vec();
            b.extend(bytes);
            let _ = decode_lines(&b);
        }
    }

    #[test]
    fn front_coding_never_splits_a_character() {
        // "à" and "ả" share their first UTF-8 byte.
        let lines = ReportLines::from_lines([
            ("Hà-1", "COAL", Quantity::Scaled(1_000_000_000)),
            ("Hả-2", "COAL", Quantity::Scaled(2_500_000_000)),
            ("Hả-20", "COAL", Quantity::Float(0.1)),
        ]);
        let bytes = encode_lines(&lines);
        assert_eq!(decode_lines(&bytes).unwrap(), lines);
    }

    #[test]
    fn csv_tables_are_canonical() {
        let a = encode_csv(
            &["a", "b"],
            vec![vec!["2".into(), "x,y".into()], vec!["1".into(), "z".into()]],
        );
        assert_eq!(a, b"a,b\n1,z\n2,\"x,y\"\n");
        let (h, rows) = decode_csv(&a).unwrap();
        assert_eq!(h, ["a", "b"]);
        assert_eq!(rows[1], ["2", "x,y"]);
    }
}
