//! The microdata reader: `period,area,unit_id,product,quantity` lines
//! summed into the engine's [`QuantityAccumulator`] in one parallel pass.
//!
//! Per line: no allocation and no string handling beyond slicing the
//! block. Columns are found by header name (extra columns are allowed, in
//! any order). A line is checked in full: the period is a month, the area
//! exists on the boundaries in force that month (and can be stated on the
//! output boundaries), the product is in the basket, the quantity is a
//! non-negative number. Every bad line is reported (up to the cap) with
//! its file line and column; a read with any error returns no data.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period, text::nearest};
use congthuong_engine::{Basket, QuantityAccumulator};

use crate::blocks::{BlockReader, BlockSink, count_lines, file_line};
use crate::codes::CodeTable;
use crate::error::{InputError, InputErrors};
use crate::number::{Quantity, parse_quantity};

/// The columns the contract requires, in its order.
pub const COLUMNS: [&str; 5] = ["period", "area", "unit_id", "product", "quantity"];
pub(crate) const PERIOD: usize = 0;
pub(crate) const AREA: usize = 1;
const UNIT_ID: usize = 2;
pub(crate) const PRODUCT: usize = 3;
pub(crate) const QUANTITY: usize = 4;
/// The contract columns the fast path reads, as indices into its spans.
const ROLES: [(usize, u8); 5] = [
    (PERIOD, 0),
    (AREA, 1),
    (PRODUCT, 2),
    (QUANTITY, 3),
    (UNIT_ID, 4),
];

/// How to read a microdata file.
#[derive(Clone, Copy, Debug)]
pub struct MicrodataOptions<'a> {
    /// The products (codes not in it are errors).
    pub basket: &'a Basket,
    /// The reference geography.
    pub geo: &'a Geography,
    /// The boundaries the figures will be stated on (months after 2025-06
    /// cannot be stated on pre-2025).
    pub output: BoundaryVersion,
    /// The most errors to report.
    pub error_cap: usize,
    /// Worker threads (0 = one per core).
    pub threads: usize,
}

/// The checks of one line, shared by the CSV and the Parquet readers: the
/// period is a month, the area exists on the boundaries in force that
/// month (and can be stated on the output boundaries), the product is in
/// the basket, the quantity is a non-negative number.
/// Where checked lines go: the engine's accumulator (sums only) or a
/// store's line buffers (every line kept). One target per worker thread.
pub trait LineTarget: Send {
    /// Adds one checked line. An `Err` is a problem with the line's
    /// `unit_id` (the only column the reader does not check itself).
    fn add(
        &mut self,
        period: Period,
        area: AreaCode,
        unit_id: &[u8],
        product: usize,
        quantity: Quantity,
    ) -> Result<(), String>;
}

impl LineTarget for QuantityAccumulator {
    #[inline]
    fn add(
        &mut self,
        period: Period,
        area: AreaCode,
        _unit_id: &[u8],
        product: usize,
        quantity: Quantity,
    ) -> Result<(), String> {
        match quantity {
            Quantity::Scaled(v) => self.add_scaled(period, area, product, v),
            Quantity::Float(v) => self.add_float(period, area, product, v),
        }
        Ok(())
    }
}

pub(crate) struct Checker<'a> {
    pub(crate) opts: MicrodataOptions<'a>,
    products: CodeTable,
    /// `valid[version][code number]`: the code exists on that version.
    valid: [[bool; 100]; 2],
}

/// A quantity as found in the file.
#[derive(Clone, Copy, Debug)]
pub(crate) enum QuantityField<'b> {
    /// Text to parse (CSV, or a Parquet string or float written as text).
    Text(&'b [u8]),
    /// A number read exactly (a Parquet integer or decimal).
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    Exact(Quantity),
}

impl<'a> Checker<'a> {
    pub(crate) fn new(opts: MicrodataOptions<'a>) -> Self {
        let mut valid = [[false; 100]; 2];
        for v in BoundaryVersion::ALL {
            for p in opts.geo.provinces(v) {
                valid[version_index(v)][p.code.number()] = true;
            }
        }
        let products = CodeTable::new(opts.basket.iter().map(|p| p.code.as_bytes()));
        Self {
            opts,
            products,
            valid,
        }
    }

    /// Checks one line and adds it to `acc`; the error is (column
    /// position in [`COLUMNS`], reason).
    #[inline]
    pub(crate) fn add<T: LineTarget>(
        &self,
        acc: &mut T,
        raw_period: &[u8],
        raw_area: &[u8],
        raw_unit_id: &[u8],
        raw_product: &[u8],
        quantity: QuantityField,
    ) -> Result<(), (usize, String)> {
        let period = Period::parse_bytes(raw_period).map_err(|e| (PERIOD, e.to_string()))?;
        let raw_area = raw_area.trim_ascii();
        let version = BoundaryVersion::in_force(period);
        let area = match AreaCode::from_bytes(raw_area) {
            Some(a) if self.valid[version_index(version)][a.number()] => a,
            _ => {
                let input = String::from_utf8_lossy(raw_area);
                let nearest = self.opts.geo.nearest_areas(&input, version);
                return Err((
                    AREA,
                    format!(
                        "unknown area {input:?}: not a province on the {version} boundaries in force in {period}; nearest valid: {}",
                        nearest.join(", ")
                    ),
                ));
            }
        };
        if !self.opts.output.can_state(period) {
            return Err((
                PERIOD,
                format!(
                    "{period} is after the 2025 merger and cannot be stated on the pre2025 boundaries; use --boundaries 2025"
                ),
            ));
        }
        let raw_product = raw_product.trim_ascii();
        let Some(product) = self.products.get(raw_product) else {
            let input = String::from_utf8_lossy(raw_product);
            let nearest = nearest(
                &input,
                self.opts.basket.iter().map(|p| (p.code.as_str(), vec![])),
                3,
            );
            return Err((
                PRODUCT,
                format!(
                    "unknown product {input:?}: not in products.csv; nearest: {}",
                    nearest.join(", ")
                ),
            ));
        };
        let parsed = match quantity {
            QuantityField::Exact(q) => q,
            QuantityField::Text(raw) => {
                parse_quantity(raw).map_err(|e| (QUANTITY, e.message(raw)))?
            }
        };
        acc.add(
            period,
            area,
            raw_unit_id.trim_ascii(),
            product as usize,
            parsed,
        )
        .map_err(|reason| (UNIT_ID, reason))
    }
}

struct Context<'a> {
    checker: Checker<'a>,
    /// Header position of each contract column.
    index: [usize; 5],
    /// For each header position, which of period, area, product, quantity,
    /// unit id (0–4) it holds, or [`NO_ROLE`].
    role: Vec<u8>,
    n_fields: usize,
    errors_seen: AtomicUsize,
    stop: &'a AtomicBool,
}

/// No contract column at this header position.
const NO_ROLE: u8 = u8::MAX;

/// The high bit of each byte of `word` (8 bytes, little-endian) that is a
/// comma or a line feed, and no other bit (exact, no false positives).
#[inline]
fn separators(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero_bytes = |x: u64| !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
    zero_bytes(word ^ (ONES * u64::from(b','))) | zero_bytes(word ^ (ONES * u64::from(b'\n')))
}

/// A code of 1 to 16 bytes, exactly, as two integers and its length.
type ShortKey = (u64, u64, usize);

/// The [`ShortKey`] of `code`: two loads that overlap to cover every
/// byte (8 + 8 from both ends, 4 + 4, or single bytes), no `memcmp` call.
#[inline(always)]
fn short_key(code: &[u8]) -> Option<ShortKey> {
    let n = code.len();
    let u64_at = |i: usize| u64::from_le_bytes(code[i..i + 8].try_into().unwrap_or([0; 8]));
    let u32_at = |i: usize| {
        u64::from(u32::from_le_bytes(
            code[i..i + 4].try_into().unwrap_or([0; 4]),
        ))
    };
    match n {
        8..=16 => Some((u64_at(0), u64_at(n - 8), n)),
        4..=7 => Some((u32_at(0), u32_at(n - 4), n)),
        1..=3 => Some((
            u64::from(code[0]),
            u64::from(code[n / 2]) << 8 | u64::from(code[n - 1]),
            n,
        )),
        _ => None,
    }
}

/// `digits[.digits]` with at most 9 decimals and 18 digits in all, scaled
/// by 10⁹: the common case of [`parse_quantity`], with the same result.
#[inline]
fn plain_scaled(raw: &[u8]) -> Option<i128> {
    const POW10: [u64; 10] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
    ];
    if raw.is_empty() || raw.len() > 19 {
        return None;
    }
    let mut v: u64 = 0;
    let mut dot = None;
    for (i, &c) in raw.iter().enumerate() {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            v = v * 10 + u64::from(d);
        } else if c == b'.' && dot.is_none() {
            dot = Some(i);
        } else {
            return None;
        }
    }
    let decimals = match dot {
        Some(_) if raw.len() == 1 => return None,
        Some(i) => raw.len() - i - 1,
        None => 0,
    };
    if decimals > 9 {
        return None;
    }
    let scale = POW10[9 - decimals];
    Some(match v.checked_mul(scale) {
        Some(scaled) => i128::from(scaled),
        None => i128::from(v) * i128::from(scale),
    })
}

/// An error found inside a block: (block, line in block, column, reason).
type BlockError = (usize, u64, &'static str, String);

struct Sink<'a, T> {
    ctx: &'a Context<'a>,
    acc: T,
    errors: Vec<BlockError>,
    bounds: Vec<(usize, usize)>,
    scratch: Vec<u8>,
    /// The last period seen (as written), with its version index.
    last_period: Option<([u8; 7], Period, usize)>,
    /// The last product code seen: basket index and [`short_key`].
    last_product: Option<(u32, ShortKey)>,
}

fn version_index(v: BoundaryVersion) -> usize {
    match v {
        BoundaryVersion::Pre2025 => 0,
        BoundaryVersion::V2025 => 1,
    }
}

impl<T: LineTarget> Sink<'_, T> {
    fn error(&mut self, seq: usize, line: u64, column: usize, reason: String) {
        let total = self.ctx.errors_seen.fetch_add(1, Ordering::Relaxed) + 1;
        if total >= self.ctx.checker.opts.error_cap {
            self.ctx.stop.store(true, Ordering::Relaxed);
        }
        // Keep up to the cap per sink: the global first `cap` are among them.
        if self.errors.len() < self.ctx.checker.opts.error_cap {
            self.errors.push((seq, line, COLUMNS[column], reason));
        }
    }

    /// Checks and adds one record whose fields are `bounds` into `base`.
    #[inline]
    fn record(&mut self, seq: usize, line: u64, base: &[u8]) {
        let bounds = std::mem::take(&mut self.bounds);
        let result = self.check(base, &bounds);
        self.bounds = bounds;
        if let Err((column, reason)) = result {
            self.error(seq, line, column, reason);
        }
    }

    #[inline]
    fn check(&mut self, base: &[u8], bounds: &[(usize, usize)]) -> Result<(), (usize, String)> {
        let ctx = self.ctx;
        if bounds.len() != ctx.n_fields {
            let column = if bounds.len() < ctx.n_fields {
                ctx.index
                    .iter()
                    .position(|&i| i >= bounds.len())
                    .unwrap_or(QUANTITY)
            } else {
                QUANTITY
            };
            return Err((
                column,
                format!(
                    "the line has {} fields but the header has {}",
                    bounds.len(),
                    ctx.n_fields
                ),
            ));
        }
        let field = |c: usize| {
            let (s, e) = bounds[ctx.index[c]];
            &base[s..e]
        };
        ctx.checker.add(
            &mut self.acc,
            field(PERIOD),
            field(AREA),
            field(UNIT_ID),
            field(PRODUCT),
            QuantityField::Text(field(QUANTITY)),
        )
    }

    /// Fast path: no quote anywhere in the block. Separators are found 8
    /// bytes at a time (SWAR bit tricks on a `u64`); each line's four contract fields are
    /// parsed in place ([`Sink::fast_line`]). A line the fast path cannot
    /// take (wrong field count, blank, anything unusual or wrong) goes
    /// through the general check, which reports errors.
    /// Returns the number of physical lines.
    fn plain_block(&mut self, seq: usize, bytes: &[u8]) -> u64 {
        let role = &self.ctx.role;
        let mut line = 0u64;
        let mut line_start = 0;
        let mut field_start = 0;
        let mut field = 0;
        let mut spans = [(0, 0); 5];
        let mut base = 0;
        while base < bytes.len() {
            let word = match bytes.get(base..base + 8) {
                Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([0; 8])),
                None => {
                    let mut w = [0; 8];
                    w[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                    u64::from_le_bytes(w)
                }
            };
            let mut mask = separators(word);
            while mask != 0 {
                let pos = base + (mask.trailing_zeros() / 8) as usize;
                mask &= mask - 1;
                let newline = bytes[pos] == b'\n';
                let end = if newline && pos > field_start && bytes[pos - 1] == b'\r' {
                    pos - 1
                } else {
                    pos
                };
                if let Some(&r) = role.get(field)
                    && r != NO_ROLE
                {
                    spans[usize::from(r)] = (field_start, end);
                }
                field += 1;
                field_start = pos + 1;
                if newline {
                    line += 1;
                    self.line(seq, line, bytes, (line_start, pos), field, &spans);
                    line_start = pos + 1;
                    field = 0;
                }
            }
            base += 8;
        }
        if line_start < bytes.len() {
            let end = if bytes.ends_with(b"\r") {
                bytes.len() - 1
            } else {
                bytes.len()
            };
            if let Some(&r) = role.get(field)
                && r != NO_ROLE
            {
                spans[usize::from(r)] = (field_start, end);
            }
            line += 1;
            self.line(
                seq,
                line,
                bytes,
                (line_start, bytes.len()),
                field + 1,
                &spans,
            );
        }
        line
    }

    /// One line of a plain block: the fast path, else the general check.
    #[inline(always)]
    fn line(
        &mut self,
        seq: usize,
        line: u64,
        bytes: &[u8],
        (start, end): (usize, usize),
        fields: usize,
        spans: &[(usize, usize); 5],
    ) {
        if fields == self.ctx.n_fields && self.fast_line(bytes, spans) {
            return;
        }
        self.bounds.clear();
        let mut field_start = start;
        for pos in memchr::memchr_iter(b',', &bytes[start..end]) {
            self.bounds.push((field_start, start + pos));
            field_start = start + pos + 1;
        }
        let last = if end > field_start && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        self.bounds.push((field_start, last));
        self.finish_line(seq, line, bytes);
    }

    /// Adds a well-formed line with no surprise: period `YYYY-MM` that can
    /// be stated on the output, a two-digit area valid that month, a basket
    /// product as written, a plain non-negative decimal or any number
    /// [`parse_quantity`] takes. Returns false (having added nothing) for
    /// anything else, which the general check then reports or accepts.
    #[inline(always)]
    fn fast_line(&mut self, b: &[u8], spans: &[(usize, usize); 5]) -> bool {
        let ctx = self.ctx;
        let field = |r: usize| &b[spans[r].0..spans[r].1];
        let raw_period = field(0);
        let (period, version) = match self.last_period {
            Some((raw, period, version)) if raw_period == raw => (period, version),
            _ => {
                let Ok(period) = Period::parse_bytes(raw_period) else {
                    return false;
                };
                if !ctx.checker.opts.output.can_state(period) {
                    return false;
                }
                let version = version_index(BoundaryVersion::in_force(period));
                let Ok(raw) = raw_period.try_into() else {
                    return false;
                };
                self.last_period = Some((raw, period, version));
                (period, version)
            }
        };
        let Some(area) = AreaCode::from_bytes(field(1)) else {
            return false;
        };
        if !ctx.checker.valid[version][area.number()] {
            return false;
        }
        let raw_product = field(2);
        let key = short_key(raw_product);
        let product = match self.last_product {
            Some((product, last)) if Some(last) == key => product,
            _ => {
                let Some(product) = ctx.checker.products.get(raw_product) else {
                    return false;
                };
                self.last_product = key.map(|key| (product, key));
                product
            }
        } as usize;
        let raw_quantity = field(3);
        let quantity = match plain_scaled(raw_quantity) {
            Some(v) => Quantity::Scaled(v),
            None => match parse_quantity(raw_quantity) {
                Ok(q) => q,
                Err(_) => return false,
            },
        };
        // A target that refuses the unit id adds nothing; the general
        // check then reports it.
        self.acc
            .add(period, area, field(4).trim_ascii(), product, quantity)
            .is_ok()
    }

    #[inline]
    fn finish_line(&mut self, seq: usize, line: u64, base: &[u8]) {
        // A blank line (one empty field) is skipped, as CSV readers do.
        if !(self.bounds.len() == 1 && self.bounds[0].0 == self.bounds[0].1) {
            self.record(seq, line, base);
        }
        self.bounds.clear();
    }

    /// Slow path: RFC 4180 quoting; fields are unescaped into `scratch`.
    fn quoted_block(&mut self, seq: usize, bytes: &[u8]) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        self.bounds.clear();
        let mut physical = 1u64;
        let mut record_line = 1u64;
        let mut field_start = 0;
        let mut inside = false;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if inside {
                if c == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        scratch.push(b'"');
                        i += 1;
                    } else {
                        inside = false;
                    }
                } else {
                    if c == b'\n' {
                        physical += 1;
                    }
                    scratch.push(c);
                }
            } else {
                match c {
                    b'"' => inside = true,
                    b',' => {
                        self.bounds.push((field_start, scratch.len()));
                        field_start = scratch.len();
                    }
                    b'\n' => {
                        let end = if scratch.len() > field_start && scratch.last() == Some(&b'\r') {
                            scratch.len() - 1
                        } else {
                            scratch.len()
                        };
                        self.bounds.push((field_start, end));
                        self.finish_line(seq, record_line, &scratch);
                        scratch.clear();
                        field_start = 0;
                        physical += 1;
                        record_line = physical;
                    }
                    _ => scratch.push(c),
                }
            }
            i += 1;
        }
        if !scratch.is_empty() || !self.bounds.is_empty() {
            let end = if scratch.last() == Some(&b'\r') {
                scratch.len() - 1
            } else {
                scratch.len()
            };
            self.bounds.push((field_start, end));
            self.finish_line(seq, record_line, &scratch);
        }
        self.scratch = scratch;
    }
}

impl<T: LineTarget> BlockSink for Sink<'_, T> {
    fn block(&mut self, seq: usize, bytes: &[u8], quoted: bool) -> u64 {
        if quoted {
            self.quoted_block(seq, bytes);
            count_lines(bytes)
        } else {
            self.plain_block(seq, bytes)
        }
    }
}

/// Reads and checks a microdata CSV file into the engine's accumulator;
/// `label` names it in errors.
pub fn read_microdata(
    path: &Path,
    label: &str,
    opts: MicrodataOptions,
) -> Result<QuantityAccumulator, InputErrors> {
    let n = opts.basket.len();
    let mut targets = read_lines(path, label, opts, || QuantityAccumulator::new(n))?.into_iter();
    let mut acc = targets
        .next()
        .unwrap_or_else(|| QuantityAccumulator::new(n));
    for t in targets {
        acc.merge(&t);
    }
    Ok(acc)
}

/// Reads and checks a microdata CSV file in parallel, feeding every good
/// line into one target per worker (made by `make`); returns the targets
/// (in no particular order) only when the whole file is good.
pub fn read_lines<T: LineTarget>(
    path: &Path,
    label: &str,
    opts: MicrodataOptions,
    make: impl Fn() -> T,
) -> Result<Vec<T>, InputErrors> {
    let stop = AtomicBool::new(false);
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        opts.threads
    };
    let reader = BlockReader::open(path).map_err(|e| InputErrors::one(InputError::io(path, &e)))?;
    let header = reader.header().clone();
    let mut index = [0; 5];
    let mut missing = InputErrors::default();
    for (c, name) in COLUMNS.iter().enumerate() {
        match header.names.iter().position(|h| h.trim() == *name) {
            Some(i) => index[c] = i,
            None => missing.push(
                InputError::at(
                    label,
                    1,
                    Some(name),
                    format!(
                        "missing column {name:?} (the header has: {})",
                        header.names.join(",")
                    ),
                ),
                opts.error_cap,
            ),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut role = vec![NO_ROLE; header.names.len()];
    for (column, r) in ROLES {
        role[index[column]] = r;
    }
    let ctx = Context {
        checker: Checker::new(opts),
        index,
        role,
        n_fields: header.names.len(),
        errors_seen: AtomicUsize::new(0),
        stop: &stop,
    };
    let sinks = (0..threads)
        .map(|_| Sink {
            ctx: &ctx,
            acc: make(),
            errors: Vec::new(),
            bounds: Vec::new(),
            scratch: Vec::new(),
            last_period: None,
            last_product: None,
        })
        .collect();
    let (sinks, counts): (Vec<Sink<T>>, Vec<u64>) = reader
        .run(sinks, &stop)
        .map_err(|e| InputErrors::one(InputError::io(path, &e)))?;

    let mut errors = InputErrors::default();
    let mut found: Vec<BlockError> = sinks
        .iter()
        .flat_map(|s| s.errors.iter().cloned())
        .collect();
    found.sort_by_key(|(seq, line, _, _)| (*seq, *line));
    let total = ctx.errors_seen.load(Ordering::Relaxed);
    for (seq, line, column, reason) in found.into_iter().take(opts.error_cap) {
        errors.errors.push(InputError::at(
            label,
            file_line(&header, &counts, seq, line),
            Some(column),
            reason,
        ));
    }
    errors.truncated = total > errors.errors.len();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(sinks.into_iter().map(|s| s.acc).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use congthuong_core::Node;
    use congthuong_engine::ProductDef;
    use proptest::prelude::*;

    /// Runs `body` (no quotes) through the fast path and through the
    /// general RFC 4180 path: sums and errors must be the same.
    fn both_paths(body: &str, output: BoundaryVersion) -> (String, String) {
        let basket = Basket::new(
            [
                "P1",
                "P2",
                "LONG_PRODUCT_CODE_OVER_32_BYTES_XX",
                "PRODUCT_A1",
                "PRODUCT_B1",
                "PRD4",
                "PRD5X",
            ]
            .iter()
            .map(|c| ProductDef {
                code: (*c).to_owned(),
                class: Node::Class(1010),
            })
            .collect(),
        )
        .unwrap();
        let geo = Geography::embedded();
        let stop = AtomicBool::new(false);
        let ctx = Context {
            checker: Checker::new(MicrodataOptions {
                basket: &basket,
                geo,
                output,
                error_cap: 1000,
                threads: 1,
            }),
            index: [0, 1, 2, 3, 4],
            role: vec![0, 1, 4, 2, 3],
            n_fields: 5,
            errors_seen: AtomicUsize::new(0),
            stop: &stop,
        };
        let sink = || Sink {
            ctx: &ctx,
            acc: QuantityAccumulator::new(basket.len()),
            errors: Vec::new(),
            bounds: Vec::new(),
            scratch: Vec::new(),
            last_period: None,
            last_product: None,
        };
        let (mut fast, mut general) = (sink(), sink());
        fast.plain_block(0, body.as_bytes());
        general.quoted_block(0, body.as_bytes());
        // The store's target keeps every line and checks the unit id.
        let lines = || Sink {
            ctx: &ctx,
            acc: crate::lines::SplitLines::default(),
            errors: Vec::new(),
            bounds: Vec::new(),
            scratch: Vec::new(),
            last_period: None,
            last_product: None,
        };
        let kept = |acc: &crate::lines::SplitLines| {
            let mut v: Vec<_> = acc
                .by_key
                .iter()
                .map(|(k, buf)| {
                    (
                        *k,
                        buf.iter()
                            .map(|(u, p, q)| (u.to_vec(), p, format!("{q:?}")))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect();
            v.sort_by_key(|(k, _)| *k);
            format!("{v:?}")
        };
        let (mut fast_lines, mut general_lines) = (lines(), lines());
        fast_lines.plain_block(0, body.as_bytes());
        general_lines.quoted_block(0, body.as_bytes());
        (
            format!(
                "{:?} {:?} {} {:?}",
                fast.acc,
                fast.errors,
                kept(&fast_lines.acc),
                fast_lines.errors
            ),
            format!(
                "{:?} {:?} {} {:?}",
                general.acc,
                general.errors,
                kept(&general_lines.acc),
                general_lines.errors
            ),
        )
    }

    fn line() -> impl Strategy<Value = String> {
        let period = prop::sample::select(vec![
            "2020-03", "2020-03", "2025-08", "2025-06", "2020-13", " 2020-03", "2020-3", "",
        ]);
        let area = prop::sample::select(vec!["01", "01", "27", "24", "99", "1", " 01", "01 ", ""]);
        let product = prop::sample::select(vec![
            "P1",
            "P1",
            "P2",
            " P1",
            "P1 ",
            "PX",
            "",
            "LONG_PRODUCT_CODE_OVER_32_BYTES_XX",
            "PRODUCT_A1",
            "PRODUCT_B1",
            "PRODUCT_A2",
            "PRD4",
            "PRD5",
            "PRD5X",
            "PRD4X",
        ]);
        let quantity = prop::sample::select(vec![
            "12",
            "12.5",
            "0.000000001",
            "0.1234567891",
            "1e3",
            "-5",
            "-0",
            "+3",
            "abc",
            "",
            " 7 ",
            "7.",
            ".5",
            ".",
            "123456789012345678",
            "1234567890123456789",
            "99999999999999999999.5",
        ]);
        let shape = prop::sample::select(vec!["ok", "ok", "ok", "blank", "short", "long", "crlf"]);
        let unit = prop::sample::select(vec!["u", "u", "DN001", " u ", "", "\t"]);
        (period, area, product, quantity, shape, unit).prop_map(
            |(p, a, j, q, shape, u)| match shape {
                "blank" => String::new(),
                "short" => format!("{p},{a},{u},{j}"),
                "long" => format!("{p},{a},{u},{j},{q},x"),
                "crlf" => format!("{p},{a},{u},{j},{q}\r"),
                _ => format!("{p},{a},{u},{j},{q}"),
            },
        )
    }

    proptest! {
        #[test]
        fn the_fast_path_adds_and_reports_exactly_what_the_general_check_does(
            lines in prop::collection::vec(line(), 1..200),
            final_newline in any::<bool>(),
            pre2025 in any::<bool>(),
        ) {
            let mut body = lines.join("\n");
            if final_newline {
                body.push('\n');
            }
            let output = if pre2025 { BoundaryVersion::Pre2025 } else { BoundaryVersion::V2025 };
            let (fast, general) = both_paths(&body, output);
            prop_assert_eq!(fast, general);
        }
    }

    /// Errors in a file of several blocks, some plain, one quoted, with
    /// CRLF and blank lines, name their physical file lines.
    #[test]
    fn errors_name_their_file_line_across_blocks() {
        use std::io::Write;
        let basket = Basket::new(vec![ProductDef {
            code: "P1".into(),
            class: Node::Class(1010),
        }])
        .unwrap();
        let mut f = tempfile::NamedTempFile::new().unwrap();
        let mut body = String::from("period,area,unit_id,product,quantity\n");
        let mut bad = Vec::new();
        for line in 2..=700_000u64 {
            let row = match line {
                5 | 333_333 | 699_999 => {
                    bad.push(line);
                    "2020-01,01,u,P1,-1\n".to_owned()
                }
                // A quoted unit id holding a line feed: two physical lines.
                400_000 => "2020-01,01,\"u\nv\",P1,1\n".to_owned(),
                400_001..=400_003 => "\r\n".to_owned(),
                _ => "2020-01,01,u,P1,1\r\n".to_owned(),
            };
            body.push_str(&row);
        }
        // The quoted line took two physical lines: later ones move down.
        let bad: Vec<u64> = bad
            .into_iter()
            .map(|l| if l > 400_000 { l + 1 } else { l })
            .collect();
        f.write_all(body.as_bytes()).unwrap();
        let errors = read_microdata(
            f.path(),
            "microdata.csv",
            MicrodataOptions {
                basket: &basket,
                geo: Geography::embedded(),
                output: BoundaryVersion::V2025,
                error_cap: 100,
                threads: 2,
            },
        )
        .unwrap_err();
        let lines: Vec<u64> = errors.errors.iter().filter_map(|e| e.line).collect();
        assert_eq!(lines, bad);
    }

    #[test]
    fn plain_scaled_agrees_with_parse_quantity() {
        for raw in [
            "0",
            "12",
            "12.5",
            "7.",
            ".5",
            "0.000000001",
            "123456789012345678",
        ] {
            assert_eq!(
                plain_scaled(raw.as_bytes()).map(Quantity::Scaled),
                parse_quantity(raw.as_bytes()).ok(),
                "{raw}"
            );
        }
        for raw in [
            ".",
            "",
            "1e3",
            "-1",
            "+1",
            "0.1234567891",
            "12345678901234567890",
        ] {
            assert_eq!(plain_scaled(raw.as_bytes()), None, "{raw}");
        }
    }
}
