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

use crate::blocks::{BlockReader, BlockSink, file_line};
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
    n_fields: usize,
    errors_seen: AtomicUsize,
    stop: &'a AtomicBool,
}

/// An error found inside a block: (block, line in block, column, reason).
type BlockError = (usize, u64, &'static str, String);

struct Sink<'a, T> {
    ctx: &'a Context<'a>,
    acc: T,
    errors: Vec<BlockError>,
    bounds: Vec<(usize, usize)>,
    scratch: Vec<u8>,
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

    /// Fast path: no quote anywhere in the block.
    fn plain_block(&mut self, seq: usize, bytes: &[u8]) {
        let mut line = 0u64;
        let mut field_start = 0;
        self.bounds.clear();
        for pos in memchr::memchr2_iter(b',', b'\n', bytes) {
            if bytes[pos] == b',' {
                self.bounds.push((field_start, pos));
            } else {
                line += 1;
                let end = if pos > field_start && bytes[pos - 1] == b'\r' {
                    pos - 1
                } else {
                    pos
                };
                self.bounds.push((field_start, end));
                self.finish_line(seq, line, bytes);
            }
            field_start = pos + 1;
        }
        if field_start < bytes.len() {
            line += 1;
            let end = if bytes.ends_with(b"\r") {
                bytes.len() - 1
            } else {
                bytes.len()
            };
            self.bounds.push((field_start, end));
            self.finish_line(seq, line, bytes);
        }
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
    fn block(&mut self, seq: usize, bytes: &[u8]) {
        if memchr::memchr(b'"', bytes).is_none() {
            self.plain_block(seq, bytes);
        } else {
            self.quoted_block(seq, bytes);
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
    let ctx = Context {
        checker: Checker::new(opts),
        index,
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
