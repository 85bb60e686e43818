//! Microdata as Parquet (`--format parquet`; cargo feature `parquet`).
//!
//! Same lines, same order as the CSV. Columns: `period`, `area`,
//! `unit_id`, `product` (UTF-8 strings) and `quantity` as
//! `DECIMAL(18,3)` in an INT64, so a reader gets exactly the numbers the
//! CSV writes (`12.5` is 12500 thousandths). Row groups hold about a
//! million lines; pages are Snappy-compressed. Lines are generated in
//! parallel chunks and encoded in order by one thread.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use congthuong_core::Product;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use rayon::prelude::*;

use crate::calendar::FIRST;
use crate::error::DemoError;
use crate::microdata::{Plan, push_unit_id};

const SCHEMA: &str = "message microdata {
  REQUIRED BYTE_ARRAY period (STRING);
  REQUIRED BYTE_ARRAY area (STRING);
  REQUIRED BYTE_ARRAY unit_id (STRING);
  REQUIRED BYTE_ARRAY product (STRING);
  REQUIRED INT64 quantity (DECIMAL(18,3));
}";

/// Lines per row group (a row group ends at the first chunk boundary past it).
const ROW_GROUP: usize = 1 << 20;

/// One chunk's lines, columnar.
#[derive(Default)]
struct Columns {
    month: Vec<u32>,
    area: Vec<u8>,
    product: Vec<u16>,
    unit_ids: Vec<u8>,
    id_ends: Vec<u32>,
    quantity: Vec<i64>,
}

impl Columns {
    fn len(&self) -> usize {
        self.quantity.len()
    }

    fn append(&mut self, other: &Columns) {
        let offset = self.unit_ids.len() as u32;
        self.month.extend_from_slice(&other.month);
        self.area.extend_from_slice(&other.area);
        self.product.extend_from_slice(&other.product);
        self.unit_ids.extend_from_slice(&other.unit_ids);
        self.id_ends
            .extend(other.id_ends.iter().map(|e| e + offset));
        self.quantity.extend_from_slice(&other.quantity);
    }

    fn clear(&mut self) {
        self.month.clear();
        self.area.clear();
        self.product.clear();
        self.unit_ids.clear();
        self.id_ends.clear();
        self.quantity.clear();
    }
}

fn chunk(plan: &Plan, t: usize, a: usize) -> Columns {
    let mut cols = Columns::default();
    let mut scratch = Vec::new();
    let area = plan.area(t, a).number() as u8;
    let province = plan.province_code(a);
    let width = plan.serial_width();
    plan.lines(t, a, &mut scratch, |c, serial, millis| {
        cols.month.push(t as u32);
        cols.area.push(area);
        cols.product.push(plan.product_of(c) as u16);
        push_unit_id(&mut cols.unit_ids, province, serial, width);
        cols.id_ends.push(cols.unit_ids.len() as u32);
        cols.quantity.push(millis as i64);
    });
    cols
}

fn parquet_err(path: &Path) -> impl Fn(parquet::errors::ParquetError) -> DemoError + '_ {
    move |e| DemoError::Parquet {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Writes the plan's lines to `path`; returns the line count.
pub fn write(plan: &Plan, path: &Path) -> Result<u64, DemoError> {
    let err = parquet_err(path);
    let schema = Arc::new(parse_message_type(SCHEMA).map_err(&err)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by("congthuong demo generate".to_owned())
            .build(),
    );
    let file = File::create(path).map_err(DemoError::io(path))?;
    let mut writer =
        SerializedFileWriter::new(BufWriter::with_capacity(1 << 20, file), schema, props)
            .map_err(&err)?;

    let months: Vec<ByteArray> = (0..plan.months())
        .map(|t| ByteArray::from(FIRST.add_months(t as i32).to_string().into_bytes()))
        .collect();
    let areas: Vec<ByteArray> = (0..100)
        .map(|n| ByteArray::from(format!("{n:02}").into_bytes()))
        .collect();
    let products: Vec<ByteArray> = Product::basket()
        .iter()
        .map(|p| ByteArray::from(p.code.clone().into_bytes()))
        .collect();

    let chunks = plan.chunks();
    let window = rayon::current_num_threads().max(1) * 8;
    let mut pending = Columns::default();
    let mut rows = 0u64;
    let mut flush = |cols: &mut Columns| -> Result<(), DemoError> {
        if cols.len() == 0 {
            return Ok(());
        }
        let ids = Bytes::from(std::mem::take(&mut cols.unit_ids));
        let mut start = 0usize;
        let unit_ids: Vec<ByteArray> = cols
            .id_ends
            .iter()
            .map(|&end| {
                let v = ByteArray::from(ids.slice(start..end as usize));
                start = end as usize;
                v
            })
            .collect();
        let period: Vec<ByteArray> = cols
            .month
            .iter()
            .map(|&t| months[t as usize].clone())
            .collect();
        let area: Vec<ByteArray> = cols
            .area
            .iter()
            .map(|&a| areas[a as usize].clone())
            .collect();
        let product: Vec<ByteArray> = cols
            .product
            .iter()
            .map(|&j| products[j as usize].clone())
            .collect();
        let mut group = writer.next_row_group().map_err(&err)?;
        for values in [&period, &area, &unit_ids, &product] {
            let mut col = group
                .next_column()
                .map_err(&err)?
                .expect("the schema has five columns");
            col.typed::<ByteArrayType>()
                .write_batch(values, None, None)
                .map_err(&err)?;
            col.close().map_err(&err)?;
        }
        let mut col = group
            .next_column()
            .map_err(&err)?
            .expect("the schema has five columns");
        col.typed::<Int64Type>()
            .write_batch(&cols.quantity, None, None)
            .map_err(&err)?;
        col.close().map_err(&err)?;
        group.close().map_err(&err)?;
        cols.clear();
        Ok(())
    };
    for batch in chunks.chunks(window) {
        let parts: Vec<Columns> = batch.par_iter().map(|&(t, a)| chunk(plan, t, a)).collect();
        for part in &parts {
            rows += part.len() as u64;
            pending.append(part);
            if pending.len() >= ROW_GROUP {
                flush(&mut pending)?;
            }
        }
    }
    flush(&mut pending)?;
    writer.close().map_err(&err)?;
    Ok(rows)
}
