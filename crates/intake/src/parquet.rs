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
        reason_vi: None,
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
                        b"",
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
                let (layout, checker) = (&layout, &checker);
                let (next, seen, stop, starts) = (&next, &seen, &stop, &starts);
                scope.spawn(move || {
                    // One file handle per thread: clones of a `File` share
                    // its position, so threads must not share one.
                    let reader = SerializedFileReader::new(File::open(path)?)?;
                    let reader = &reader;
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
    use std::sync::Arc;

    use congthuong_core::{AreaCode, BoundaryVersion, Geography, Node};
    use congthuong_engine::{Basket, ProductDef};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    use crate::microdata::read_microdata;

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

    /// A column to write: text (None = null) or numbers.
    enum Col {
        Text(Vec<Option<&'static str>>),
        I32(Vec<i32>),
        I64(Vec<i64>),
        F64(Vec<f64>),
    }

    fn write(path: &Path, schema: &str, cols: Vec<Col>, rows_per_group: usize) {
        let schema = Arc::new(parse_message_type(schema).unwrap());
        let props = Arc::new(WriterProperties::builder().build());
        let file = File::create(path).unwrap();
        let mut w = SerializedFileWriter::new(file, schema, props).unwrap();
        let n = match &cols[0] {
            Col::Text(v) => v.len(),
            Col::I32(v) => v.len(),
            Col::I64(v) => v.len(),
            Col::F64(v) => v.len(),
        };
        let mut start = 0;
        while start < n {
            let end = (start + rows_per_group).min(n);
            let mut g = w.next_row_group().unwrap();
            for c in &cols {
                let mut col = g.next_column().unwrap().unwrap();
                match c {
                    Col::Text(v) => {
                        let v = &v[start..end];
                        let values: Vec<ByteArray> =
                            v.iter().flatten().map(|s| ByteArray::from(*s)).collect();
                        let defs: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                        let w = col.typed::<ByteArrayType>();
                        let nullable = w.get_descriptor().max_def_level() > 0;
                        w.write_batch(&values, nullable.then_some(&defs[..]), None)
                            .unwrap();
                    }
                    Col::I32(v) => {
                        col.typed::<Int32Type>()
                            .write_batch(&v[start..end], None, None)
                            .unwrap();
                    }
                    Col::I64(v) => {
                        col.typed::<Int64Type>()
                            .write_batch(&v[start..end], None, None)
                            .unwrap();
                    }
                    Col::F64(v) => {
                        col.typed::<DoubleType>()
                            .write_batch(&v[start..end], None, None)
                            .unwrap();
                    }
                }
                col.close().unwrap();
            }
            g.close().unwrap();
            start = end;
        }
        w.close().unwrap();
    }

    fn basket() -> Basket {
        Basket::new(vec![
            ProductDef {
                code: "CEMENT".into(),
                class: Node::parse_class("2394").unwrap(),
            },
            ProductDef {
                code: "BEER".into(),
                class: Node::parse_class("1103").unwrap(),
            },
        ])
        .unwrap()
    }

    fn opts(basket: &Basket) -> MicrodataOptions<'_> {
        MicrodataOptions {
            basket,
            geo: Geography::embedded(),
            output: BoundaryVersion::V2025,
            error_cap: 100,
            threads: 2,
        }
    }

    const TEXT_SCHEMA: &str = "message m {
        REQUIRED BYTE_ARRAY period (STRING);
        REQUIRED BYTE_ARRAY area (STRING);
        REQUIRED BYTE_ARRAY unit_id (STRING);
        REQUIRED BYTE_ARRAY product (STRING);
        REQUIRED INT64 quantity (DECIMAL(18,3));
        OPTIONAL BYTE_ARRAY note (STRING);
    }";

    #[test]
    fn parquet_sums_equal_the_csv_sums_across_row_groups() {
        let dir = tempfile::tempdir().unwrap();
        let periods = ["2025-05", "2025-06", "2025-07", "2025-08"];
        let mut rows: Vec<(&str, &str, &str, i64)> = Vec::new();
        for (i, p) in periods.iter().enumerate() {
            // Old Bắc Ninh (27) until 2025-06, new Bắc Ninh (24) after.
            let area = if i < 2 { "27" } else { "24" };
            rows.push((p, area, "CEMENT", 1500 + i as i64));
            rows.push((p, area, "CEMENT", 2));
            rows.push((p, "01", "BEER", 123_456));
        }
        let text = |f: fn(&(&'static str, &'static str, &'static str, i64)) -> &'static str| {
            Col::Text(rows.iter().map(|r| Some(f(r))).collect())
        };
        let path = dir.path().join("m.parquet");
        write(
            &path,
            TEXT_SCHEMA,
            vec![
                text(|r| r.0),
                text(|r| r.1),
                Col::Text(rows.iter().map(|_| Some("U1")).collect()),
                text(|r| r.2),
                Col::I64(rows.iter().map(|r| r.3).collect()),
                Col::Text(rows.iter().map(|_| None).collect()),
            ],
            5,
        );
        let csv_path = dir.path().join("m.csv");
        let mut csv = String::from("period,area,unit_id,product,quantity\n");
        for r in &rows {
            csv.push_str(&format!(
                "{},{},U1,{},{}.{:03}\n",
                r.0,
                r.1,
                r.2,
                r.3 / 1000,
                r.3 % 1000
            ));
        }
        std::fs::write(&csv_path, csv).unwrap();
        let b = basket();
        let geo = Geography::embedded();
        let from_parquet = read_microdata_parquet(&path, "microdata.parquet", opts(&b))
            .unwrap()
            .finish(geo, BoundaryVersion::V2025)
            .unwrap();
        let from_csv = read_microdata(&csv_path, "microdata.csv", opts(&b))
            .unwrap()
            .finish(geo, BoundaryVersion::V2025)
            .unwrap();
        let bac_ninh = from_csv
            .areas()
            .iter()
            .position(|a| *a == AreaCode::parse("24").unwrap())
            .unwrap();
        assert_eq!(from_csv.series(bac_ninh, 0), &[1.502, 1.503, 1.504, 1.505]);
        for a in 0..from_csv.areas().len() {
            for j in 0..2 {
                assert_eq!(from_csv.series(a, j), from_parquet.series(a, j));
            }
        }
    }

    #[test]
    fn bad_rows_are_named_by_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.parquet");
        let schema = "message m {
            REQUIRED BYTE_ARRAY period (STRING);
            OPTIONAL BYTE_ARRAY area (STRING);
            REQUIRED BYTE_ARRAY unit_id (STRING);
            REQUIRED BYTE_ARRAY product (STRING);
            REQUIRED DOUBLE quantity;
        }";
        write(
            &path,
            schema,
            vec![
                Col::Text(vec![
                    Some("2022-01"),
                    Some("2022-13"),
                    Some("2022-01"),
                    Some("2022-01"),
                    Some("2022-01"),
                    Some("2025-08"),
                ]),
                Col::Text(vec![
                    Some("01"),
                    Some("01"),
                    None,
                    Some("01"),
                    Some("01"),
                    Some("27"),
                ]),
                Col::Text(vec![Some("u"); 6]),
                Col::Text(vec![
                    Some("CEMENT"),
                    Some("CEMENT"),
                    Some("CEMENT"),
                    Some("STEEL"),
                    Some("BEER"),
                    Some("BEER"),
                ]),
                Col::F64(vec![1.0, 1.0, 1.0, 1.0, -2.5, 3.0]),
            ],
            4,
        );
        let b = basket();
        let err = read_microdata_parquet(&path, "microdata.parquet", opts(&b)).unwrap_err();
        let got: Vec<(Option<u64>, Option<&str>)> = err
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2), Some("period")),
                (Some(3), Some("area")),
                (Some(4), Some("product")),
                (Some(5), Some("quantity")),
                (Some(6), Some("area")),
            ],
            "{err}"
        );
        assert!(err.errors[0].reason.contains("2022-13"));
        assert!(err.errors[3].reason.contains("negative value -2.5"));
        assert!(err.errors[4].reason.contains("2025"), "{}", err.errors[4]);
        assert_eq!(err.errors[0].file, "microdata.parquet");
    }

    #[test]
    fn wrong_types_and_missing_columns_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("types.parquet");
        write(
            &path,
            "message m {
                REQUIRED BYTE_ARRAY period (STRING);
                REQUIRED INT32 area;
                REQUIRED BYTE_ARRAY product (STRING);
                REQUIRED INT32 quantity;
            }",
            vec![
                Col::Text(vec![Some("2022-01")]),
                Col::I32(vec![1]),
                Col::Text(vec![Some("BEER")]),
                Col::I32(vec![4]),
            ],
            10,
        );
        let b = basket();
        let err = read_microdata_parquet(&path, "microdata.parquet", opts(&b)).unwrap_err();
        assert_eq!(err.errors.len(), 1, "{err}");
        assert_eq!(err.errors[0].column.as_deref(), Some("unit_id"));
        assert!(err.errors[0].reason.contains("missing column"));

        let path = dir.path().join("types2.parquet");
        write(
            &path,
            "message m {
                REQUIRED BYTE_ARRAY period (STRING);
                REQUIRED INT32 area;
                REQUIRED INT32 unit_id;
                REQUIRED BYTE_ARRAY product (STRING);
                REQUIRED INT32 quantity;
            }",
            vec![
                Col::Text(vec![Some("2022-01")]),
                Col::I32(vec![1]),
                Col::I32(vec![1]),
                Col::Text(vec![Some("BEER")]),
                Col::I32(vec![4]),
            ],
            10,
        );
        let err = read_microdata_parquet(&path, "microdata.parquet", opts(&b)).unwrap_err();
        assert_eq!(err.errors.len(), 1, "{err}");
        assert_eq!(err.errors[0].column.as_deref(), Some("area"));
        assert!(err.errors[0].reason.contains("must be text"), "{err}");

        let path = dir.path().join("not-parquet.parquet");
        std::fs::write(&path, "period,area\n").unwrap();
        let err = read_microdata_parquet(&path, "microdata.parquet", opts(&b)).unwrap_err();
        assert!(
            err.to_string().contains("not a readable Parquet file"),
            "{err}"
        );
    }
}
