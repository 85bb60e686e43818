//! The microdata reader for `microdata.parquet` (cargo feature `parquet`).
//!
//! Same contract, same checks and same sums as the CSV reader
//! ([`crate::microdata`]): columns `period`, `area`, `unit_id`, `product`,
//! `quantity` found by name among the file's top-level columns (extra
//! columns and any order allowed); every line checked by the same
//! [`Checker`] and added to the same [`QuantityAccumulator`]. Errors name
//! the file, the row as `line` (the first row is line 1: Parquet has no
//! header line) and the column.
//!
//! Types: `period`, `area` and `product` must be text (UTF-8 strings;
//! codes keep their leading zeros). `quantity` may be an integer or a
//! decimal (read exactly: `DECIMAL(18,3)` 12500 is 12.5), a float (read
//! as the shortest decimal that gives it back, as the CSV reader would
//! read that text) or text. `unit_id` must be present; its values are not
//! used. A null reads as an empty field. Row groups are read in parallel,
//! one accumulator per thread, merged at the end.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use congthuong_engine::QuantityAccumulator;
use parquet::basic::{ConvertedType, LogicalType, Type as PhysicalType};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{
    ByteArray, ByteArrayType, DataType, DoubleType, FixedLenByteArrayType, FloatType, Int32Type,
    Int64Type,
};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::schema::types::ColumnDescriptor;

use crate::error::{InputError, InputErrors};
use crate::microdata::{
    AREA, COLUMNS, Checker, MicrodataOptions, PERIOD, PRODUCT, QUANTITY, QuantityField,
};
use crate::number::{NumberError, Quantity};

/// Rows read at a time from each column.
const BATCH: usize = 64 * 1024;

/// How the quantity column is stored.
#[derive(Clone, Copy, Debug)]
enum QuantityKind {
    Int32 { scale: i32 },
    Int64 { scale: i32 },
    Float,
    Double,
    Text,
    FixedText,
}

/// One column's values for a batch: the values and, when the column is
/// nullable, which rows hold one.
struct Batch<T> {
    values: Vec<T>,
    defs: Vec<i16>,
    max_def: i16,
}

impl<T> Batch<T> {
    fn new(max_def: i16) -> Self {
        Self {
            values: Vec::new(),
            defs: Vec::new(),
            max_def,
        }
    }

    /// Row → position in `values` (`None` for a null), for `rows` rows.
    fn positions(&self, rows: usize, out: &mut Vec<Option<usize>>) {
        out.clear();
        if self.max_def == 0 {
            out.extend((0..rows).map(Some));
            return;
        }
        let mut next = 0;
        for &d in &self.defs[..rows] {
            if d == self.max_def {
                out.push(Some(next));
                next += 1;
            } else {
                out.push(None);
            }
        }
    }
}

fn read_batch<T: DataType>(
    reader: &mut ColumnReaderImpl<T>,
    batch: &mut Batch<T::T>,
) -> parquet::errors::Result<usize> {
    batch.values.clear();
    batch.defs.clear();
    let defs = (batch.max_def > 0).then_some(&mut batch.defs);
    let (records, _, _) = reader.read_records(BATCH, defs, None, &mut batch.values)?;
    Ok(records)
}

/// A text column of either byte-array kind.
enum TextColumn {
    Bytes(ColumnReaderImpl<ByteArrayType>, Batch<ByteArray>),
    Fixed(
        ColumnReaderImpl<FixedLenByteArrayType>,
        Batch<parquet::data_type::FixedLenByteArray>,
    ),
}

impl TextColumn {
    fn open(reader: ColumnReader, max_def: i16) -> Option<Self> {
        match reader {
            ColumnReader::ByteArrayColumnReader(r) => {
                Some(TextColumn::Bytes(r, Batch::new(max_def)))
            }
            ColumnReader::FixedLenByteArrayColumnReader(r) => {
                Some(TextColumn::Fixed(r, Batch::new(max_def)))
            }
            _ => None,
        }
    }

    fn read(&mut self) -> parquet::errors::Result<usize> {
        match self {
            TextColumn::Bytes(r, b) => read_batch(r, b),
            TextColumn::Fixed(r, b) => read_batch(r, b),
        }
    }

    fn positions(&self, rows: usize, out: &mut Vec<Option<usize>>) {
        match self {
            TextColumn::Bytes(_, b) => b.positions(rows, out),
            TextColumn::Fixed(_, b) => b.positions(rows, out),
        }
    }

    fn get(&self, position: Option<usize>) -> &[u8] {
        match (self, position) {
            (_, None) => b"",
            (TextColumn::Bytes(_, b), Some(i)) => b.values[i].data(),
            (TextColumn::Fixed(_, b), Some(i)) => b.values[i].data(),
        }
    }
}

enum QuantityColumn {
    Int32(ColumnReaderImpl<Int32Type>, Batch<i32>, i32),
    Int64(ColumnReaderImpl<Int64Type>, Batch<i64>, i32),
    Float(ColumnReaderImpl<FloatType>, Batch<f32>),
    Double(ColumnReaderImpl<DoubleType>, Batch<f64>),
    Text(TextColumn),
}

impl QuantityColumn {
    fn open(reader: ColumnReader, kind: QuantityKind, max_def: i16) -> Option<Self> {
        Some(match (reader, kind) {
            (ColumnReader::Int32ColumnReader(r), QuantityKind::Int32 { scale }) => {
                QuantityColumn::Int32(r, Batch::new(max_def), scale)
            }
            (ColumnReader::Int64ColumnReader(r), QuantityKind::Int64 { scale }) => {
                QuantityColumn::Int64(r, Batch::new(max_def), scale)
            }
            (ColumnReader::FloatColumnReader(r), QuantityKind::Float) => {
                QuantityColumn::Float(r, Batch::new(max_def))
            }
            (ColumnReader::DoubleColumnReader(r), QuantityKind::Double) => {
                QuantityColumn::Double(r, Batch::new(max_def))
            }
            (r, QuantityKind::Text | QuantityKind::FixedText) => {
                QuantityColumn::Text(TextColumn::open(r, max_def)?)
            }
            _ => return None,
        })
    }

    fn read(&mut self) -> parquet::errors::Result<usize> {
        match self {
            QuantityColumn::Int32(r, b, _) => read_batch(r, b),
            QuantityColumn::Int64(r, b, _) => read_batch(r, b),
            QuantityColumn::Float(r, b) => read_batch(r, b),
            QuantityColumn::Double(r, b) => read_batch(r, b),
            QuantityColumn::Text(t) => t.read(),
        }
    }

    fn positions(&self, rows: usize, out: &mut Vec<Option<usize>>) {
        match self {
            QuantityColumn::Int32(_, b, _) => b.positions(rows, out),
            QuantityColumn::Int64(_, b, _) => b.positions(rows, out),
            QuantityColumn::Float(_, b) => b.positions(rows, out),
            QuantityColumn::Double(_, b) => b.positions(rows, out),
            QuantityColumn::Text(t) => t.positions(rows, out),
        }
    }
}

/// An integer `v` with `scale` decimals as a quantity.
fn scaled_integer(v: i64, scale: i32) -> Result<Quantity, String> {
    let text = || {
        if scale <= 0 {
            v.to_string()
        } else {
            let p = 10f64.powi(scale);
            format!("{}", v as f64 / p)
        }
    };
    if v < 0 {
        return Err(NumberError::Negative.message(text().as_bytes()));
    }
    let exact = (scale <= 9)
        .then(|| 10i128.checked_pow((9 - scale) as u32))
        .flatten()
        .and_then(|f| i128::from(v).checked_mul(f));
    Ok(match exact {
        Some(x) => Quantity::Scaled(x),
        None => Quantity::Float(v as f64 / 10f64.powi(scale)),
    })
}

/// Where a column is, and how it is stored.
struct Layout {
    /// Leaf index of period, area, product, quantity.
    index: [usize; 4],
    /// Max definition level of each.
    max_def: [i16; 4],
    quantity: QuantityKind,
}

fn is_decimal(c: &ColumnDescriptor) -> bool {
    c.converted_type() == ConvertedType::DECIMAL
        || matches!(c.logical_type_ref(), Some(LogicalType::Decimal { .. }))
}

fn layout(reader: &SerializedFileReader<File>, label: &str) -> Result<Layout, InputErrors> {
    let schema = reader.metadata().file_metadata().schema_descr();
    let leaves: Vec<_> = (0..schema.num_columns())
        .map(|i| schema.column(i))
        .collect();
    let find = |name: &str| {
        leaves
            .iter()
            .position(|c| c.path().parts().len() == 1 && c.name() == name)
    };
    let names: Vec<String> = leaves.iter().map(|c| c.path().string()).collect();
    let mut errors = InputErrors::default();
    let column_error = |column: &str, reason: String| InputError {
        file: label.to_owned(),
        sheet: None,
        line: None,
        column: Some(column.to_owned()),
        reason,
    };
    for name in COLUMNS {
        if find(name).is_none() {
            errors.errors.push(column_error(
                name,
                format!(
                    "missing column {name:?} (the file has: {})",
                    names.join(",")
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let wanted = [PERIOD, AREA, PRODUCT, QUANTITY];
    let mut index = [0; 4];
    let mut max_def = [0; 4];
    for (k, &c) in wanted.iter().enumerate() {
        let i = find(COLUMNS[c]).expect("checked above");
        index[k] = i;
        max_def[k] = leaves[i].max_def_level();
        if leaves[i].max_rep_level() > 0 {
            errors.errors.push(column_error(
                COLUMNS[c],
                "a repeated (list) column; expected one value per row".into(),
            ));
        }
        let physical = leaves[i].physical_type();
        if c != QUANTITY
            && !matches!(
                physical,
                PhysicalType::BYTE_ARRAY | PhysicalType::FIXED_LEN_BYTE_ARRAY
            )
        {
            errors.errors.push(column_error(
                COLUMNS[c],
                format!(
                    "Parquet type {physical}; {} must be text (UTF-8 strings), codes with their leading zeros",
                    COLUMNS[c]
                ),
            ));
        }
    }
    let q = &leaves[index[3]];
    let scale = if is_decimal(q) { q.type_scale() } else { 0 };
    let quantity = match q.physical_type() {
        PhysicalType::INT32 => QuantityKind::Int32 { scale },
        PhysicalType::INT64 => QuantityKind::Int64 { scale },
        PhysicalType::FLOAT => QuantityKind::Float,
        PhysicalType::DOUBLE => QuantityKind::Double,
        PhysicalType::BYTE_ARRAY => QuantityKind::Text,
        PhysicalType::FIXED_LEN_BYTE_ARRAY if !is_decimal(q) => QuantityKind::FixedText,
        other => {
            errors.errors.push(column_error(
                "quantity",
                format!(
                    "Parquet type {other}{}; write quantities as numbers (integer, decimal up to 18 digits, or float) or text",
                    if is_decimal(q) { " (wide decimal)" } else { "" }
                ),
            ));
            QuantityKind::Text
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Layout {
        index,
        max_def,
        quantity,
    })
}

/// An error found: (row, 1-based; column position in COLUMNS; reason).
type RowError = (u64, usize, String);

struct Worker<'a> {
    checker: &'a Checker<'a>,
    acc: QuantityAccumulator,
    errors: Vec<RowError>,
}

fn parquet_error(label: &str, e: parquet::errors::ParquetError) -> InputErrors {
    InputErrors::one(InputError::file(
        label,
        format!("not a readable Parquet file: {e}"),
    ))
}

impl Worker<'_> {
    #[allow(clippy::too_many_arguments)]
    fn row_group(
        &mut self,
        reader: &SerializedFileReader<File>,
        layout: &Layout,
        group: usize,
        first_row: u64,
        seen: &AtomicUsize,
        stop: &AtomicBool,
        cap: usize,
    ) -> parquet::errors::Result<()> {
        let rg = reader.get_row_group(group)?;
        let text = |k: usize| -> parquet::errors::Result<TextColumn> {
            TextColumn::open(rg.get_column_reader(layout.index[k])?, layout.max_def[k])
                .ok_or_else(|| parquet::errors::ParquetError::General("not a text column".into()))
        };
        let mut period = text(0)?;
        let mut area = text(1)?;
        let mut product = text(2)?;
        let mut quantity = QuantityColumn::open(
            rg.get_column_reader(layout.index[3])?,
            layout.quantity,
            layout.max_def[3],
        )
        .ok_or_else(|| parquet::errors::ParquetError::General("unexpected quantity type".into()))?;
        let mut pos = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        let mut row = first_row;
        let mut float_text = ryu::Buffer::new();
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            let n = period.read()?;
            let counts = [area.read()?, product.read()?, quantity.read()?];
            if n == 0 {
                return Ok(());
            }
            if counts.iter().any(|&c| c != n) {
                return Err(parquet::errors::ParquetError::General(
                    "columns of a row group have different lengths".into(),
                ));
            }
            period.positions(n, &mut pos[0]);
            area.positions(n, &mut pos[1]);
            product.positions(n, &mut pos[2]);
            quantity.positions(n, &mut pos[3]);
            let [p_period, p_area, p_product, p_quantity] = &pos;
            for (i, &p_q) in p_quantity.iter().enumerate().take(n) {
                row += 1;
                let q = match (&quantity, p_q) {
                    (_, None) => Ok(QuantityField::Text(b"")),
                    (QuantityColumn::Int32(_, b, s), Some(j)) => {
                        scaled_integer(i64::from(b.values[j]), *s).map(QuantityField::Exact)
                    }
                    (QuantityColumn::Int64(_, b, s), Some(j)) => {
                        scaled_integer(b.values[j], *s).map(QuantityField::Exact)
                    }
                    (QuantityColumn::Float(_, b), Some(j)) => {
                        Ok(float_field(&mut float_text, f64::from(b.values[j])))
                    }
                    (QuantityColumn::Double(_, b), Some(j)) => {
                        Ok(float_field(&mut float_text, b.values[j]))
                    }
                    (QuantityColumn::Text(t), Some(j)) => Ok(QuantityField::Text(t.get(Some(j)))),
                };
                let result = q.map_err(|reason| (QUANTITY, reason)).and_then(|q| {
                    self.checker.add(
                        &mut self.acc,
                        period.get(p_period[i]),
                        area.get(p_area[i]),
                        product.get(p_product[i]),
                        q,
                    )
                });
                if let Err((column, reason)) = result {
                    let total = seen.fetch_add(1, Ordering::Relaxed) + 1;
                    if total >= cap {
                        stop.store(true, Ordering::Relaxed);
                    }
                    if self.errors.len() < cap {
                        self.errors.push((row, column, reason));
                    }
                }
            }
        }
    }
}

/// A float as the shortest decimal text that reads back to it (what a
/// CSV writer prints), so Parquet and CSV inputs sum the same way.
fn float_field(buf: &mut ryu::Buffer, v: f64) -> QuantityField<'_> {
    if v.is_finite() {
        let text = buf.format_finite(v);
        QuantityField::Text(text.strip_suffix(".0").unwrap_or(text).as_bytes())
    } else if v.is_nan() {
        QuantityField::Text(b"NaN")
    } else {
        QuantityField::Text(b"inf")
    }
}

/// Reads and checks a microdata Parquet file; `label` names it in errors.
pub fn read_microdata_parquet(
    path: &Path,
    label: &str,
    opts: MicrodataOptions,
) -> Result<QuantityAccumulator, InputErrors> {
    let file = File::open(path).map_err(|e| InputErrors::one(InputError::io(path, &e)))?;
    let reader = SerializedFileReader::new(file).map_err(|e| parquet_error(label, e))?;
    let layout = layout(&reader, label)?;
    let groups: Vec<u64> = reader
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows().max(0) as u64)
        .collect();
    let starts: Vec<u64> = groups
        .iter()
        .scan(0u64, |acc, n| {
            let s = *acc;
            *acc += n;
            Some(s)
        })
        .collect();
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        opts.threads
    }
    .min(groups.len().max(1));
    let checker = Checker::new(opts);
    let next = AtomicUsize::new(0);
    let seen = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let cap = opts.error_cap;
    let results: Vec<Result<Worker, parquet::errors::ParquetError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (reader, layout, checker) = (&reader, &layout, &checker);
                let (next, seen, stop, starts) = (&next, &seen, &stop, &starts);
                scope.spawn(move || {
                    let mut w = Worker {
                        checker,
                        acc: QuantityAccumulator::new(opts.basket.len()),
                        errors: Vec::new(),
                    };
                    loop {
                        let g = next.fetch_add(1, Ordering::Relaxed);
                        if g >= starts.len() || stop.load(Ordering::Relaxed) {
                            return Ok(w);
                        }
                        w.row_group(reader, layout, g, starts[g], seen, stop, cap)?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut workers = Vec::new();
    for r in results {
        workers.push(r.map_err(|e| parquet_error(label, e))?);
    }
    let mut found: Vec<RowError> = workers
        .iter_mut()
        .flat_map(|w| std::mem::take(&mut w.errors))
        .collect();
    if !found.is_empty() {
        found.sort_by_key(|(row, column, _)| (*row, *column));
        let total = seen.load(Ordering::Relaxed);
        let mut errors = InputErrors::default();
        for (row, column, reason) in found.into_iter().take(cap) {
            errors
                .errors
                .push(InputError::at(label, row, Some(COLUMNS[column]), reason));
        }
        errors.truncated = total > errors.errors.len();
        return Err(errors);
    }
    let mut workers = workers.into_iter();
    let mut acc = workers
        .next()
        .map(|w| w.acc)
        .unwrap_or_else(|| QuantityAccumulator::new(opts.basket.len()));
    for w in workers {
        acc.merge(&w.acc);
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_decimals_are_read_exactly() {
        assert_eq!(
            scaled_integer(12500, 3),
            Ok(Quantity::Scaled(12_500_000_000))
        );
        assert_eq!(scaled_integer(7, 0), Ok(Quantity::Scaled(7_000_000_000)));
        assert_eq!(
            scaled_integer(-5, 0),
            Err("negative value -5: quantities and weights cannot be below zero".into())
        );
        assert_eq!(scaled_integer(1, 12), Ok(Quantity::Float(1e-12)));
        let mut buf = ryu::Buffer::new();
        assert!(matches!(
            float_field(&mut buf, 12.5),
            QuantityField::Text(b"12.5")
        ));
        assert!(matches!(
            float_field(&mut buf, 3.0),
            QuantityField::Text(b"3")
        ));
    }
}
